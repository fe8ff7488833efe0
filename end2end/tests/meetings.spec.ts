import { expect, Page } from '@playwright/test';
import { test, expectAccessible, expectHydrated, login, tinyPdf, waitForMail } from './helpers';

const TITLE = 'Strategiskt samverkansforum – september';

async function signIn(page: Page, email: string, name: string) {
  await login(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hej, ${name}`);
}

async function addItem(page: Page, title: string, minutes: string, kind: string) {
  await page.locator('summary', { hasText: 'Lägg till punkt' }).click();
  await page.locator('#f-new-title').fill(title);
  await page.locator('#f-new-duration_minutes').fill(minutes);
  await page.locator('#f-new-kind').selectOption(kind);
  await page.getByRole('button', { name: 'Lägg till punkt' }).click();
  await expect(page.locator('.agenda__title', { hasText: title })).toBeVisible();
}

// Modelled on the strategic forum of 4 September 2023, a year ahead so members can still send additions.
test('a meeting from plan to accepted addition: agenda, material, publication, calendar', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'sekretariat@samverkan.test', 'Johanna Lindberg');
  await page.goto('/forums/strategiskt-samverkansforum');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Planera ett möte' }).click();
  await page.getByLabel('Rubrik').fill(TITLE);
  await page.getByLabel('Datum').fill('2027-09-06');
  await page.getByLabel('Starttid').fill('14.00');
  await page.getByLabel('Sluttid').fill('16.00');
  await page.getByRole('button', { name: 'Planera ett möte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expectHydrated(page);
  await addItem(page, 'Återkoppling föregående möte', '15', 'feedback');
  await addItem(page, 'Implementeringsstöd NLL', '30', 'information');
  await addItem(page, 'Summering och avslut', '15', 'summary');
  await expect(page.locator('.agenda__time')).toHaveText(['14.00–14.15', '14.15–14.45', '14.45–15.00']);

  // A file whose content is not what its name says is refused, next to the field.
  const item = page.locator('.agenda__item', { hasText: 'Implementeringsstöd NLL' });
  await item.locator('summary', { hasText: 'Lägg till material' }).click();
  await item.locator('input[type=file]').setInputFiles({ name: 'underlag.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<script>alert(1)</script>') });
  await item.getByRole('button', { name: 'Ladda upp' }).click();
  const again = page.locator('.agenda__item', { hasText: 'Implementeringsstöd NLL' });
  await expect(again.locator('.upload .field__error')).toContainText('Filtypen stöds inte');
  await expectAccessible(page);
  await again.locator('input[type=file]').setInputFiles({ name: 'Implementeringsstöd NLL.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await again.getByLabel('Förhandsläsning').check();
  await again.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(page.getByText('Filen är uppladdad.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Implementeringsstöd NLL.pdf' })).toBeVisible();
  await expectHydrated(page);
  await page.getByRole('button', { name: 'Publicera dagordningen' }).click();
  await expect(page.getByText('Dagordningen är publicerad och medlemmarna får e-post.')).toBeVisible();
  const agendaMail = await waitForMail('region.skane@samverkan.test', 20_000, '14.15–14.45  Implementeringsstöd NLL');
  const meetingUrl = page.url();
  expect(agendaMail).toContain(new URL(meetingUrl).pathname);
  await page.getByRole('button', { name: 'Logga ut' }).click();

  // The member finds the meeting in the calendar, reads the agenda and the material.
  await signIn(page, 'region.skane@samverkan.test', 'Sara Nyström');
  await page.goto('/calendar?view=month&month=2027-09');
  await expect(page.getByRole('heading', { name: 'september 2027' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/calendar?view=list&month=2027-09');
  await expectAccessible(page);
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText('Förhandsläsning')).toBeVisible();
  const href = await page.getByRole('link', { name: 'Implementeringsstöd NLL.pdf' }).getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  await expectHydrated(page);

  // The member proposes an addition on behalf of three organisations.
  await page.locator('summary', { hasText: 'Föreslå ett tillägg' }).click();
  await page.locator('#f-prop-title').fill('Förutsättningar för anslutning till NLL');
  await page.locator('#f-prop-presenter').fill('Sara Nyström, Region Skåne');
  await page.locator('#f-prop-description').fill('Vilka förutsättningar behöver regionerna och leverantörerna?');
  await page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(page.locator('#f-prop-organisations-err')).toHaveText('Välj minst en organisation.');
  await expect(page.locator('#f-prop-title')).toHaveValue('Förutsättningar för anslutning till NLL');
  for (const org of ['Västra Götalandsregionen', 'Region Skåne', 'Kundgrupp Oracle (systemleverantörsgrupp)']) {
    await page.getByRole('checkbox', { name: org, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Skicka förslaget' }).click();
  await expect(page.getByText('Förslaget är skickat till sekretariatet.')).toBeVisible();
  await expect(page.locator('.addition', { hasText: 'Förutsättningar för anslutning till NLL' }).getByText('Väntar på beslut')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();

  // The secretariat sees it waiting and accepts it onto the agenda, before the close.
  await signIn(page, 'sekretariat@samverkan.test', 'Johanna Lindberg');
  await expect(page.locator('#waiting').locator('..').getByRole('link', { name: /tillägg att ta ställning till/ }).first()).toBeVisible();
  await expectAccessible(page);
  await page.goto(meetingUrl);
  await expectHydrated(page);
  const addition = page.locator('.addition', { hasText: 'Förutsättningar för anslutning till NLL' });
  await addition.getByLabel(/Längd i minuter/).fill('25');
  await addition.getByRole('button', { name: /Lägg till på dagordningen/ }).click();
  await expect(page.getByText('Tillägget finns nu på dagordningen.')).toBeVisible();
  await expect(page.locator('.agenda__title')).toHaveText([
    'Återkoppling föregående möte',
    'Implementeringsstöd NLL',
    'Förutsättningar för anslutning till NLL',
    'Summering och avslut',
  ]);
  const received = page.locator('.agenda__item', { hasText: 'Förutsättningar för anslutning till NLL' }).locator('.badge--received');
  await expect(received).toContainText('Inkommen');
  await expect(received).toContainText('Västra Götalandsregionen');
  await expectAccessible(page);
  const accepted = await waitForMail('region.skane@samverkan.test', 20_000, 'lagt till ditt förslag');
  expect(accepted).toContain('Förutsättningar för anslutning till NLL');
});

test('the secretariat reorders the draft agenda by drag and drop; the clock times follow', async ({ page }) => {
  await signIn(page, 'sekretariat@samverkan.test', 'Johanna Lindberg');
  await page.goto('/calendar?view=list&month=2026-12');
  await page.getByRole('link', { name: 'Strategiskt samverkansforum' }).first().click();
  await expect(page.locator('.when')).toHaveText('8 december 2026 kl. 14.00–16.00');
  await expectHydrated(page);
  const titles = page.locator('.agenda__title');
  await expect(titles).toHaveText(['Återkoppling föregående möte', 'Implementeringsstöd NLL', 'Laget runt', 'Summering och avslut']);
  const item = (title: string) => page.locator('.agenda__item').filter({ has: page.locator('.agenda__title', { hasText: title }) });
  // Grab the items by their time column, both on screen (a drag does not scroll).
  await page.setViewportSize({ width: 1280, height: 1000 });
  await item('Implementeringsstöd NLL').scrollIntoViewIfNeeded();
  await item('Laget runt').dragTo(item('Implementeringsstöd NLL'), { sourcePosition: { x: 20, y: 20 }, targetPosition: { x: 20, y: 20 } });
  await expect(titles).toHaveText(['Återkoppling föregående möte', 'Laget runt', 'Implementeringsstöd NLL', 'Summering och avslut']);
  await expect(page.locator('.agenda__time').nth(1)).toHaveText('14.10–14.30');
  await page.reload();
  await expect(titles.nth(1)).toHaveText('Laget runt');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an addition is proposed with a plain form, errors next to the fields', async ({ page }) => {
    await login(page, 'apotek@samverkan.test');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Oskar Lundqvist');
    await page.goto('/calendar?view=list&month=2026-12');
    await page.getByRole('link', { name: 'Strategiskt samverkansforum' }).first().click();
    await expect(page.locator('.when')).toHaveText('8 december 2026 kl. 14.00–16.00');
    await page.locator('summary', { hasText: 'Föreslå ett tillägg' }).click();
    await page.locator('#f-prop-title').fill('Receptfria läkemedel i listan');
    await page.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect(page.locator('#f-prop-organisations-err')).toHaveText('Välj minst en organisation.');
    await expect(page.locator('#f-prop-title')).toHaveValue('Receptfria läkemedel i listan');
    await page.getByRole('checkbox', { name: 'Sveriges Apoteksförening', exact: true }).check();
    await page.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect(page.locator('.addition', { hasText: 'Receptfria läkemedel i listan' })).toBeVisible();
    // axe needs script; the same page is checked with script in the journey above.
  });
});

// Large forums list their participants on a page of their own; the demo forum's is reached by address.
test('the participants page lists the invited, and the secretariat marks attendance there', async ({ page }) => {
  await signIn(page, 'sekretariat@samverkan.test', 'Johanna Lindberg');
  await page.goto('/calendar?view=list&month=2023-09');
  await page.locator('.meeting-list li', { hasText: '4 september 2023' }).getByRole('link', { name: 'Strategiskt samverkansforum' }).click();
  await expect(page.locator('h1')).toHaveText('Strategiskt samverkansforum');
  await page.goto(`${new URL(page.url()).pathname}/participants`);
  await expect(page.locator('h1')).toHaveText('Deltagare: Strategiskt samverkansforum');
  await expectHydrated(page);
  await expectAccessible(page);
  // Everyone attended in the demo data: mark the first absent, then present again.
  const row = page.locator('tbody tr').first();
  const name = (await row.locator('td').first().textContent())!;
  const same = page.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(same.locator('td').nth(2)).toContainText('Närvarande');
  await same.getByRole('button', { name: /^Markera frånvarande/ }).click();
  await expect(same.locator('td').nth(2)).toContainText('Frånvarande');
  await expect(page.locator('main')).toContainText('Inbjudna: 4, 3 närvarande');
  await same.getByRole('button', { name: /^Markera närvarande/ }).click();
  await expect(same.getByRole('button', { name: /^Markera frånvarande/ })).toBeVisible();
  await expect(page.locator('main')).toContainText('Inbjudna: 4, 4 närvarande');
});
