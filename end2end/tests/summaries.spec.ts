import { expect, Page } from '@playwright/test';
import { test, expectAccessible, expectHydrated, login, waitForMail } from './helpers';

async function openMeeting(page: Page, month: string, forum: string, date: string) {
  await page.goto(`/calendar?view=list&month=${month}`);
  await page.locator('.meeting-list li', { hasText: date }).getByRole('link', { name: forum }).click();
  await expect(page.locator('h1')).toHaveText(forum);
}

// The strategic forum of 31 January 2023 has no summary in the demo data: write, review, publish, correct.
test('the secretariat writes, reviews, publishes and corrects a summary; revisions compare', async ({ page, browser }) => {
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await openMeeting(page, '2023-01', 'Strategiskt samverkansforum', '31 januari 2023');
  await page.getByRole('link', { name: 'Skriv summeringen' }).click();
  await expect(page.locator('h1')).toHaveText('Summering: Strategiskt samverkansforum');
  await expectHydrated(page);
  const editor = page.locator('#summary-body');
  await editor.fill('## Utvärdering\n\n5 av 18 har svarat.\n\n| Nr | Beslut |\n|---|---|\n| 1 | ~~Stäng~~ Håll utvärderingen öppen |\n');
  // The preview beside the editor follows the text, through the server's renderer.
  await expect(page.locator('.editor__preview h2')).toHaveText('Utvärdering');
  await expect(page.locator('.editor__preview del')).toHaveText('Stäng');
  await page.getByRole('button', { name: 'Spara utkastet' }).click();
  await expect(page.getByText('Utkastet är sparat.')).toBeVisible();
  await expect(page.locator('.summary-state .badge')).toHaveText('Utkast');
  await expectAccessible(page);

  await page.locator('summary', { hasText: 'Skicka på granskning' }).click();
  await page.getByRole('button', { name: 'Skicka på granskning' }).click();
  await expect(page.getByText('Välj minst en granskare bland forumets deltagare.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Sara Nyström, Region Skåne' }).check();
  await page.getByRole('button', { name: 'Skicka på granskning' }).click();
  await expect(page.locator('.summary-state .badge')).toHaveText('På granskning');
  const review = await waitForMail('region.skane@samverkan.test', 20_000, 'granska summeringen');
  expect(review).toContain('/summary');

  await page.getByRole('button', { name: 'Publicera summeringen' }).click();
  await expect(page.getByText('Summeringen är publicerad och medlemmarna får den med e-post.')).toBeVisible();
  await expect(page.locator('.summary-state')).toContainText('Publicerad');
  const mail = await waitForMail('apotek@samverkan.test', 20_000, '5 av 18 har svarat');
  expect(mail).toContain('Summering');
  expect(mail).toMatch(/List-Unsubscribe: <http[^>]+\/one-click\?forum=\d+>/);
  // The unsubscribe link in the mail works without signing in.
  const link = mail.match(/http\S+\/unsubscribe\/[0-9a-f]+\?forum=\d+/)?.[0];
  expect(link).toBeTruthy();
  const anonContext = await browser.newContext({ locale: 'sv-SE' });
  const anon = await anonContext.newPage();
  await anon.goto(link!);
  await expect(anon.locator('h1')).toHaveText('Avsluta e-post');
  await expect(anon.locator('main')).toContainText('Oskar Lundqvist, du får inte längre e-post om Strategiskt samverkansforum.');
  await expectAccessible(anon);
  await anon.getByRole('button', { name: 'Avsluta e-posten' }).click();
  await expect(anon.getByText('Klart. Du får ingen mer e-post härifrån.')).toBeVisible();
  await anonContext.close();

  // A correction needs a reason; then it is revision 2 and the two compare.
  await editor.fill('## Utvärdering\n\n6 av 18 har svarat.\n');
  await page.getByLabel('Skäl till rättelsen').fill(' ');
  await page.getByRole('button', { name: 'Publicera rättelsen' }).click();
  await expect(page.locator('#f-revise-reason-err')).toHaveText('Fyll i fältet.');
  await expect(editor).toHaveValue('## Utvärdering\n\n6 av 18 har svarat.\n');
  await page.getByLabel('Skäl till rättelsen').fill('Ett svar till kom in');
  await page.getByRole('button', { name: 'Publicera rättelsen' }).click();
  await expect(page.getByText('Rättelsen är publicerad som en ny version.')).toBeVisible();
  await expect(page.locator('.summary-state')).toContainText('reviderad');
  await expect(page.locator('.summary-body')).toContainText('6 av 18');
  await page.getByRole('button', { name: 'Jämför' }).click();
  await expect(page.locator('h1')).toHaveText('Jämför versioner: Strategiskt samverkansforum');
  await expect(page.locator('.diff del').first()).toContainText('5');
  await expect(page.locator('.diff ins').first()).toContainText('6');
  await expectAccessible(page);
});

// Every payload must come out inert: no dialog, no marker set, no javascript:/data: link.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '<svg onload=alert(3)><circle r=5></svg>',
  '[klick](javascript:alert(4))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)',
  '<a href="jav&#x09;ascript:alert(6)">tab</a>',
  '<iframe src="javascript:alert(7)"></iframe>',
  '<div style="background:url(javascript:alert(8))" onclick="alert(9)">div</div>',
  '<b onmouseover=alert(10)>hover</b>',
  '<details open ontoggle=alert(11)>',
  '<math><mi xlink:href="javascript:alert(12)">m</mi></math>',
  '"><script>alert(13)</script>',
  '<object data="javascript:alert(14)"></object>',
  '<form action="javascript:alert(15)"><button>x</button></form>',
  '![bild](javascript:alert(16))',
  '<p <script>alert(17)</script>>broken',
  '<a href="https://www.ehalsomyndigheten.se">E-hälsomyndigheten</a>',
];

test('comments: hostile markdown is inert, replies, edits, deletion and hiding', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await login(page, 'region.skane@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  await openMeeting(page, '2023-09', 'Strategiskt samverkansforum', '4 september 2023');
  await page.getByRole('link', { name: 'Läs summeringen' }).click();
  await expect(page.locator('.summary-state')).toContainText('Publicerad 5 september 2023, reviderad 12 september 2023');
  await expectHydrated(page);
  const newComment = page.locator('.comments__new textarea');
  await newComment.fill(HOSTILE.join('\n\n'));
  await page.getByRole('button', { name: 'Kommentera' }).click();
  await expect(page.getByText('Kommentaren är publicerad.')).toBeVisible();
  const mine = page.locator('.comment', { hasText: 'Sara Nyström' }).last();
  await expect(mine.getByRole('link', { name: 'E-hälsomyndigheten' })).toHaveAttribute('rel', 'noopener noreferrer');
  await mine.locator('b', { hasText: 'hover' }).hover().catch(() => {});
  await page.waitForTimeout(500);
  const hrefs = await page.locator('.comments a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h))).toEqual([]);
  expect(await page.locator('.comments script, .comments iframe, .comments object, .comments svg, .comments [onerror], .comments [onclick]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await expectAccessible(page);

  // Edit within 15 minutes, reply, delete.
  await mine.locator('summary', { hasText: 'Ändra' }).click();
  await mine.locator('textarea').fill('Region Skåne skickar synpunkter senast fredag.');
  await mine.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Kommentaren är ändrad.')).toBeVisible();
  await expect(page.locator('.comment', { hasText: 'senast fredag' }).locator('.comment__head')).toContainText('(ändrad)');
  const first = page.locator('.comment-wrap', { hasText: 'Sveriges Apoteksförening vill gärna vara med' });
  await first.locator('summary', { hasText: 'Svara' }).first().click();
  await first.locator('.comment__reply textarea').fill('Vi också, Region Skåne.');
  await first.getByRole('button', { name: 'Skicka svaret' }).click();
  await expect(page.locator('.comments__replies .comment', { hasText: 'Vi också, Region Skåne.' })).toBeVisible();
  const edited = page.locator('.comment', { hasText: 'senast fredag' });
  await edited.getByRole('button', { name: 'Ta bort' }).click();
  await expect(page.getByText('Kommentaren har tagits bort')).toBeVisible();

  // The secretariat hides a comment with a reason; the admin finds it in the audit log.
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await openMeeting(page, '2023-09', 'Strategiskt samverkansforum', '4 september 2023');
  await page.getByRole('link', { name: 'Läs summeringen' }).click();
  const reply = page.locator('.comments__replies .comment', { hasText: 'Vi också, Region Skåne.' });
  await reply.locator('summary', { hasText: 'Dölj' }).click();
  await reply.getByLabel('Skäl till att dölja').fill('Dubblett');
  await reply.getByRole('button', { name: 'Dölj' }).click();
  await expect(page.getByText('Kommentaren är dold av sekretariatet: Dubblett')).toBeVisible();
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await login(page, 'admin@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hej');
  await page.goto('/admin/audit?action=comment.hidden');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr')).toContainText('Johanna Lindberg');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a comment on an action is a plain form post, with the error next to the field', async ({ page }) => {
    // (The reset test in foundation.spec.ts changes the coordinator's password.)
    await login(page, 'region.skane@samverkan.test');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
    await page.goto('/forums/strategiskt-samverkansforum/actions/1');
    await page.locator('.comments__new textarea').fill(' ');
    await page.locator('.comments__new').getByRole('button', { name: 'Kommentera' }).click();
    await expect(page.locator('.comments__new .field__error')).toHaveText('Fyll i fältet.');
    await page.locator('.comments__new textarea').fill('Region Skåne följer upp till nästa möte.');
    await page.locator('.comments__new').getByRole('button', { name: 'Kommentera' }).click();
    await expect(page.locator('.comment', { hasText: 'Region Skåne följer upp till nästa möte.' })).toBeVisible();
  });
});

test('each person chooses per forum how mail arrives', async ({ page }) => {
  await login(page, 'region.skane@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  await page.goto('/me#notifications');
  await expect(page.getByRole('heading', { name: 'E-post från forumen' })).toBeVisible();
  await page.getByLabel('Aktörsråd vård').selectOption('digest');
  await page.getByRole('button', { name: 'Spara', exact: true }).last().click();
  await expect(page.getByText('Inställningarna är sparade.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Aktörsråd vård')).toHaveValue('digest');
  await expectAccessible(page);
});

test('search: ranked hits with highlights, only in what the reader may read', async ({ page }) => {
  await login(page, 'region.skane@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  await page.getByRole('link', { name: 'Sök' }).click();
  await page.getByLabel('Sök bland möten').fill('förankra');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.locator('.hit')).toHaveCount(1);
  await expect(page.locator('.hit mark').first()).toHaveText(/förankra/i);
  await expect(page.locator('.hit .badge')).toHaveText('Kommentar');
  await expectAccessible(page);
  await page.locator('.hit a').click();
  await expect(page.locator('h1')).toHaveText('Aktörsråd vård');
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await login(page, 'apotek@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Oskar Lundqvist');
  await page.goto('/search?q=f%C3%B6rankra');
  await expect(page.locator('.count')).toHaveText('0 träffar');
});

test('surveys: the secretariat builds and opens one, a member drafts and answers, the rate and results follow', async ({ page }) => {
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  // The 2023 evaluation from the deck: 5 of 18.
  await page.goto('/forums/strategiskt-samverkansforum/surveys');
  await expect(page.locator('.meeting-list li').first()).toContainText('5 av 18 har svarat');
  await page.getByRole('link', { name: 'Utvärdering av strategiskt samverkansforum 2023' }).click();
  await page.getByRole('link', { name: 'Resultat' }).click();
  await expect(page.locator('.rate')).toContainText('5 av 18 har svarat');
  await expect(page.locator('.result').first()).toContainText('Medelvärde 3,6');
  await expect(page.locator('.result').first().locator('table')).toContainText('4');
  await expectAccessible(page);

  await page.goto('/forums/aktorsrad-vard/surveys');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Skapa en utvärdering' }).click();
  await page.locator('#f-sv-title').fill('Utvärdering av Aktörsråd vård');
  await page.locator('#f-sv-closes').fill('2099-01-31');
  await page.getByRole('button', { name: 'Skapa en utvärdering' }).click();
  await expect(page.locator('h1')).toHaveText('Utvärdering av Aktörsråd vård');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Lägg till fråga' }).click();
  await page.locator('#f-q-text').fill('Hur väl fungerar rådet?');
  await page.locator('#f-q-options').fill('Dåligt\nMycket bra');
  await page.getByRole('button', { name: 'Lägg till fråga' }).click();
  await expect(page.getByText('Frågan är tillagd.')).toBeVisible();
  await page.locator('summary', { hasText: 'Lägg till fråga' }).click();
  await page.locator('#f-q-kind').selectOption('text');
  await page.locator('#f-q-text').fill('Vad kan bli bättre?');
  await page.locator('#f-q-options').fill('');
  await page.getByLabel('Obligatorisk', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Lägg till fråga' }).click();
  await expect(page.locator('.question-list--builder li')).toHaveCount(2);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Öppna utvärderingen' }).click();
  await expect(page.getByText('Utvärderingen är öppen och inbjudan skickad.')).toBeVisible();
  // The forum's people at this point (an earlier test may have invited one more).
  await expect(page.locator('.rate')).toContainText(/0 av \d+ har svarat/);
  const invited = (await page.locator('.rate').textContent())?.match(/av (\d+)/)?.[1];
  await page.getByRole('button', { name: 'Påminn dem som inte har svarat' }).click();
  await expect(page.getByText('Påminnelsen är skickad till dem som inte har svarat.')).toBeVisible();
  await page.getByRole('button', { name: 'Påminn dem som inte har svarat' }).click();
  await expect(page.getByText('En påminnelse har redan skickats i dag.')).toBeVisible();
  // (Sara chose a daily digest for this forum in an earlier test.)
  await waitForMail('samordnare@samverkan.test', 20_000, '31 januari 2099');
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await login(page, 'region.skane@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  await page.getByRole('link', { name: /Utvärdering att svara på: Utvärdering av Aktörsråd vård/ }).click();
  await expectHydrated(page);
  await page.locator('textarea').fill('Mer tid för dialog.');
  await page.getByRole('button', { name: 'Skicka svaret' }).click();
  await expect(page.getByText('Svara på frågan.')).toBeVisible();
  await expect(page.locator('textarea')).toHaveValue('Mer tid för dialog.');
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page.getByText('Utkastet är sparat.')).toBeVisible();
  await page.reload();
  await expect(page.locator('textarea')).toHaveValue('Mer tid för dialog.');
  await page.getByRole('radio', { name: '4', exact: true }).check();
  await page.getByRole('button', { name: 'Skicka svaret' }).click();
  await expect(page.getByText('Ditt svar är skickat.')).toBeVisible();
  await expect(page.locator('.rate')).toContainText(`1 av ${invited} har svarat`);
  await expectAccessible(page);
});
