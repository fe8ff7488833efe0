import { expect } from '@playwright/test';
import { test, expectAccessible, expectHydrated, login, waitForMail, PASSWORD } from './helpers';

test('the Content-Security-Policy lets the hydration run and blocks an injected inline script', async ({ page, cspViolations }) => {
  await page.goto('/');
  await expectHydrated(page);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  cspViolations.length = 0;
});

test('the public start page hydrates and is accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen till Samverkan');
  await expectHydrated(page);
  await expectAccessible(page);
});

test('login with JavaScript: error next to the form, then success', async ({ page }) => {
  await login(page, 'region.skane@samverkan.test', 'fel-lösenord-helt-klart');
  await expect(page.getByRole('alert')).toContainText('E-postadressen eller lösenordet stämmer inte.');
  await expect(page.getByLabel('E-postadress')).toHaveValue('region.skane@samverkan.test');
  await expectHydrated(page);
  await expectAccessible(page);
  await page.getByLabel('Lösenord', { exact: false }).first().fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  await expect(page.locator('.who__name')).toHaveText('Sara Nyström');
  await expect(page.locator('.card').getByText('Strategiskt samverkansforum')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/me');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mitt konto');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('link', { name: 'Logga in' }).first()).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('login works as a plain form, and errors keep the typed address', async ({ page }) => {
    await login(page, 'apotek@samverkan.test', 'fel-lösenord-helt-klart');
    await expect(page.getByRole('alert')).toContainText('E-postadressen eller lösenordet stämmer inte.');
    await expect(page.getByLabel('E-postadress')).toHaveValue('apotek@samverkan.test');
    await expect(page.locator('.hydration-marker')).toHaveAttribute('data-hydrated', 'false');
    await page.getByLabel('Lösenord', { exact: false }).first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Oskar Lundqvist');
  });
});

test('the language switch turns the interface English and back', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'In English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'På svenska' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logga in');
});

test('unknown pages say so, with status 404', async ({ page }) => {
  const res = await page.goto('/finns-inte-alls');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sidan finns inte');
  await expectAccessible(page);
});

test('invitation: admin invites, the mail link sets a password, the new person signs in', async ({ page }) => {
  const email = `lena.${Date.now()}@regionkalmar.se`;
  await login(page, 'admin@samverkan.test');
  await expect(page.locator('.who__name')).toHaveText('Elin Berggren');
  await page.goto('/admin/organisations');
  await expect(page.getByRole('cell', { name: 'Region Kalmar län' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/admin/users');
  await expectHydrated(page);
  await expectAccessible(page);
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Bjud in en person' }) });
  await form.getByLabel('Namn').fill('Lena Holm');
  await form.getByLabel('E-postadress').fill(email);
  await form.getByLabel('Organisation').selectOption({ label: 'Region Kalmar län' });
  await form.getByLabel('Forum', { exact: true }).selectOption({ label: 'Aktörsråd vård' });
  await form.getByLabel('Roll i forumet').selectOption('member');
  await form.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(page.getByText('Inbjudan är skickad.')).toBeVisible();
  await expect(page.getByRole('cell', { name: new RegExp(email.replace('.', '\\.')) })).toBeVisible();

  const text = await waitForMail(email);
  const link = text.match(/https?:\/\/[^\s]+\/invite\/[0-9a-f]{64}/)?.[0];
  expect(link, text).toBeTruthy();
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await page.goto(link!);
  await expect(page.getByText('Lena Holm')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nytt lösenord').fill('kort');
  await page.getByLabel('Upprepa lösenordet').fill('kort');
  await page.getByRole('button', { name: 'Aktivera kontot' }).click();
  await expect(page.getByText('Lösenordet måste ha minst 12 tecken.')).toBeVisible();
  await page.getByLabel('Nytt lösenord').fill('Kalmarsundet-fyrtorn-2026');
  await page.getByLabel('Upprepa lösenordet').fill('Kalmarsundet-fyrtorn-2026');
  await page.getByRole('button', { name: 'Aktivera kontot' }).click();
  await expect(page.getByText('Ditt konto är aktiverat.')).toBeVisible();
  await login(page, email, 'Kalmarsundet-fyrtorn-2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Lena Holm');
  await expect(page.locator('.card').getByText('Aktörsråd vård')).toBeVisible();
});

test('password reset: same answer for any address, the mailed link sets a new password', async ({ page }) => {
  await page.goto('/reset');
  await expectAccessible(page);
  await page.getByLabel('E-postadress').fill('okand@example.se');
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  await expect(page.getByText('Om adressen finns hos oss har vi skickat en länk.')).toBeVisible();

  await page.goto('/reset');
  await page.getByLabel('E-postadress').fill('samordnare@samverkan.test');
  await page.getByRole('button', { name: 'Skicka länk' }).click();
  await expect(page.getByText('Om adressen finns hos oss har vi skickat en länk.')).toBeVisible();
  const text = await waitForMail('samordnare@samverkan.test', 20_000, '/reset/');
  const link = text.match(/https?:\/\/[^\s]+\/reset\/[0-9a-f]{64}/)?.[0];
  expect(link, text).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välj ett nytt lösenord');
  await expectAccessible(page);
  await page.getByLabel('Nytt lösenord').fill('Samordnarens-nya-lösen-2026');
  await page.getByLabel('Upprepa lösenordet').fill('Samordnarens-nya-lösen-2026');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Lösenordet är bytt. Du kan nu logga in.')).toBeVisible();
  await login(page, 'samordnare@samverkan.test', 'Samordnarens-nya-lösen-2026');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Mikael Håkansson');
});

test('the collaboration structure and a forum page; the secretariat edits the forum', async ({ page }) => {
  await page.goto('/forums');
  await expect(page.getByRole('link', { name: 'Dialogmöte – tjänst för testbevis' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Aktörsråd vård' })).toHaveCount(0);
  await expectAccessible(page);
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await page.goto('/forums');
  await expect(page.getByRole('link', { name: 'Strategiskt samverkansforum' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Aktörsråd vård' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aktörsråd vård');
  await expect(page.getByText('Sara Nyström')).toBeVisible();
  await expectHydrated(page);
  await expectAccessible(page);
  await page.getByText('Ändra forumet').click();
  await page.getByLabel('Publicera dagordningen dagar före mötet').fill('10');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Forumet är sparat.')).toBeVisible();
  await expect(page.locator('.prose + p strong')).toHaveText('10');
});

test('the secretariat plans a meeting; a member sees it with Swedish date and time', async ({ page }) => {
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await page.goto('/forums/strategiskt-samverkansforum');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Planera ett möte' }).click();
  await page.getByLabel('Rubrik').fill('Strategiskt samverkansforum – extra möte');
  await page.getByLabel('Datum').fill('2027-02-09');
  await page.getByLabel('Starttid').fill('14.00');
  await page.getByLabel('Sluttid').fill('16.00');
  await page.getByLabel('Plats').fill('E-hälsomyndigheten, Stockholm');
  await page.getByRole('button', { name: 'Planera ett möte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategiskt samverkansforum – extra möte');
  await expect(page.locator('.when')).toHaveText('9 februari 2027 kl. 14.00–16.00');
  await expectAccessible(page);
  await page.locator('summary', { hasText: 'Lägg till punkt' }).click();
  await page.getByRole('textbox', { name: /^Punkt/ }).fill('Laget runt');
  await page.getByLabel('Längd i minuter').fill('20');
  await page.getByLabel('Typ av punkt').selectOption('round_table');
  await page.getByRole('button', { name: 'Lägg till punkt' }).click();
  await expect(page.locator('.agenda__time')).toHaveText(['14.00–14.20']);
  await expect(page.getByText('Utkast – bara sekretariatet ser dagordningen')).toBeVisible();
  await page.getByRole('button', { name: 'Publicera dagordningen' }).click();
  await expect(page.getByText('Dagordningen är publicerad och medlemmarna får e-post.')).toBeVisible();
  const mail = await waitForMail('apotek@samverkan.test', 20_000, 'Laget runt');
  expect(mail).toContain('14.00–14.20  Laget runt');
  await page.locator('summary', { hasText: 'Skapa nästa möte' }).click();
  await page.getByLabel(/^Datum/).fill('2027-03-09');
  await page.getByRole('button', { name: 'Skapa nästa möte' }).click();
  await expect(page.locator('.when')).toHaveText('9 mars 2027 kl. 14.00–16.00');
  await expect(page.locator('.agenda__title').first()).toHaveText('Återkoppling föregående möte');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await login(page, 'apotek@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Oskar Lundqvist');
  await page.goto('/forums/strategiskt-samverkansforum');
  // The planned meeting and its copy for March: both upcoming, soonest first.
  await expect(page.getByRole('link', { name: 'Strategiskt samverkansforum – extra möte' })).toHaveCount(2);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Strategiskt samverkansforum – extra möte' }).first().click();
  await expect(page.locator('.when')).toHaveText('9 februari 2027 kl. 14.00–16.00');
  await expect(page.getByText('Planera ett möte')).toHaveCount(0);
  await expect(page.getByText('Ställ in mötet')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Laget runt', level: 3 })).toBeVisible();
  await expect(page.getByRole('button', { name: /Flytta/ })).toHaveCount(0);
  await expectAccessible(page);
});
