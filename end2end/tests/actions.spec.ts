import { expect, Page } from '@playwright/test';
import { test, expectAccessible, expectHydrated, login } from './helpers';

const LIST = '/forums/strategiskt-samverkansforum/actions';

async function signIn(page: Page, email: string, name: string) {
  await login(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hej, ${name}`);
}

test('the coordinator notes progress and changes the state; a member sees it and comments', async ({ page }) => {
  await signIn(page, 'samordnare@samverkan.test', 'Mikael Håkansson');
  await page.goto(LIST);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aktivitetslistan');
  await expect(page.locator('.actions-table tbody tr')).toHaveCount(4);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Genomföra utvärdering av strategiska samverkansforumet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Genomföra utvärdering');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Lägg till statusnotering' }).click();
  await page.locator('#f-note-body').fill('Sammanställningen presenteras på nästa möte.');
  await page.locator('#f-note-state').selectOption('waiting');
  await page.getByRole('button', { name: 'Lägg till statusnotering' }).click();
  await expect(page.getByText('Noteringen är tillagd.')).toBeVisible();
  await expect(page.locator('.notes .note').first()).toContainText('Sammanställningen presenteras på nästa möte.');
  await expect(page.locator('.meta .badge').first()).toHaveText('Väntar');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await signIn(page, 'region.skane@samverkan.test', 'Sara Nyström');
  await page.goto(LIST + '/4');
  await expect(page.locator('.notes .note').first()).toContainText('Sammanställningen presenteras på nästa möte.');
  await expect(page.getByText('Lägg till statusnotering')).toHaveCount(0);
  await expectHydrated(page);
  await page.locator('.comments__new textarea').fill('Region Skåne har skickat in sina svar.');
  await page.getByRole('button', { name: 'Kommentera' }).click();
  await expect(page.getByText('Kommentaren är publicerad.')).toBeVisible();
  await expect(page.locator('.comment', { hasText: 'Region Skåne har skickat in sina svar.' })).toContainText('Sara Nyström, Region Skåne');
  await expectAccessible(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the list filters and sorts with plain links and forms', async ({ page }) => {
    await login(page, 'apotek@samverkan.test');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Oskar Lundqvist');
    await page.goto(LIST);
    await page.locator('#f-flt-state').selectOption('done');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await expect(page).toHaveURL(/state=done/);
    await expect(page.locator('.actions-table tbody tr')).toHaveCount(1);
    await expect(page.locator('.actions-table tbody')).toContainText('Sprida information om inkörningsperioden');
    await expect(page.getByRole('link', { name: 'Exportera urvalet (CSV)' })).toHaveAttribute('href', /actions\.csv\?state=done/);
    await page.goto(LIST + '?overdue=1');
    await expect(page.locator('.actions-table tbody tr')).toHaveCount(1);
    await expect(page.locator('.actions-table__overdue')).toContainText('Vårdsök');
    await page.goto(LIST);
    await page.getByRole('link', { name: 'Nr' }).click();
    await expect(page).toHaveURL(/sort=-number/);
    await expect(page.locator('.actions-table tbody tr').first()).toContainText('Genomföra utvärdering');
  });
});

test('the feedback item lists the previous meeting\'s actions and takes a note during the meeting', async ({ page }) => {
  await signIn(page, 'sekretariat@samverkan.test', 'Johanna Lindberg');
  await page.goto('/calendar?view=list&month=2026-12&forum=aktorsrad-vard');
  await page.getByRole('link', { name: 'Aktörsråd vård' }).first().click();
  await expect(page.locator('.when')).toHaveText('3 december 2026 kl. 13.00–15.00');
  await expectHydrated(page);
  const feedback = page.locator('.feedback');
  await expect(feedback).toContainText('1 september 2023');
  const action = feedback.locator('.feedback__action', { hasText: 'Återkomma med tidplan för transitionsprojektet' });
  await expect(action.locator('.feedback__states')).toContainText('Öppen');
  await action.locator('summary').click();
  await action.getByLabel(/Notering/).fill('Tidplanen presenteras i januari.');
  await action.getByLabel('Ny status').selectOption('in_progress');
  await action.getByRole('button', { name: 'Lägg till statusnotering' }).click();
  await expect(page.locator('.feedback__action', { hasText: 'Återkomma med tidplan' })).toContainText('Tidplanen presenteras i januari.');
  await expect(page.locator('.feedback__action', { hasText: 'Återkomma med tidplan' }).locator('.feedback__states')).toContainText('Pågår');
  await expectAccessible(page);
});
