import { expect } from '@playwright/test';
import { test, expectAccessible, expectHydrated, login } from './helpers';

// Runs after summaries.spec.ts (files run in name order on one database).

test('consultations: the read-access consultation per region; a new one is drafted and submitted once for the organisation', async ({ page }) => {
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await page.goto('/forums/aktorsrad-vard/consultations');
  await page.getByRole('link', { name: 'Översyn av krav på anslutande system – läsåtkomst vård' }).click();
  await expect(page.locator('.rate')).toContainText('2 av 8 organisationer har skickat in');
  const status = page.locator('table', { hasText: 'Svar per organisation' });
  await expect(status.locator('tr', { hasText: 'Region Halland' })).toContainText('Inskickat för sent');
  await expect(status.locator('tr', { hasText: 'Region Skåne' })).toContainText('Inskickat');
  await expect(status.locator('tr', { hasText: 'Västra Götalandsregionen' })).toContainText('Sent');
  await expect(page.locator('.compiled').first().locator('.compiled__answer')).toHaveCount(2);
  await expectAccessible(page);

  await page.goto('/forums/aktorsrad-vard/consultations');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Skapa en remiss' }).click();
  await page.locator('#f-cn-title').fill('Behov av testmiljöer');
  await page.locator('#f-cn-background').fill('Vilka testmiljöer behöver regionerna under **2027**?');
  await page.locator('#f-cn-deadline').fill('2099-02-15');
  await page.getByRole('button', { name: 'Skapa en remiss' }).click();
  await expect(page.locator('h1')).toHaveText('Behov av testmiljöer');
  await expectHydrated(page);
  await page.locator('summary', { hasText: 'Lägg till fråga' }).click();
  await page.locator('#f-cq-text').fill('Vilka testmiljöer använder ni i dag?');
  await page.getByRole('button', { name: 'Lägg till fråga' }).click();
  await expect(page.getByText('Frågan är tillagd.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Skicka remissen till organisationerna' }).click();
  await expect(page.getByText('Remissen är skickad till organisationerna.')).toBeVisible();
  await expect(page.locator('.rate')).toContainText('0 av 8 organisationer har skickat in');
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await login(page, 'region.skane@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  await page.getByRole('link', { name: /Remiss att besvara: Behov av testmiljöer/ }).click();
  await expectHydrated(page);
  await expect(page.getByRole('heading', { name: 'Svar från Region Skåne' })).toBeVisible();
  await expect(page.locator('.prose strong')).toHaveText('2027');
  await page.getByRole('button', { name: 'Skicka in för organisationens räkning' }).click();
  await expect(page.getByText('Svara på frågan.')).toBeVisible();
  await page.getByLabel('Vilka testmiljöer använder ni i dag?').fill('Ineras testmiljö och en egen.');
  await page.getByRole('button', { name: 'Spara utkast' }).click();
  await expect(page.getByText('Utkastet är sparat.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Vilka testmiljöer använder ni i dag?')).toHaveValue('Ineras testmiljö och en egen.');
  await expectHydrated(page);
  await page.getByRole('button', { name: 'Skicka in för organisationens räkning' }).click();
  await expect(page.getByText('Svaret är inskickat för organisationens räkning.')).toBeVisible();
  await expect(page.locator('.rate')).toContainText('1 av 8 organisationer har skickat in');
  await expect(page.locator('dl.answers')).toContainText('Ineras testmiljö och en egen.');
  await expect(page.getByRole('button', { name: 'Skicka in för organisationens räkning' })).toHaveCount(0);
  await expectAccessible(page);
});

test('the evaluation: insights and results for members, presented at the meeting; a new round compares with the last', async ({ page }) => {
  await login(page, 'apotek@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Oskar Lundqvist');
  await page.goto('/forums/strategiskt-samverkansforum/surveys');
  await page.getByRole('link', { name: 'Utvärdering av strategiskt samverkansforum 2023' }).click();
  await expect(page.getByRole('heading', { name: 'Utvärdering – generella insikter' })).toBeVisible();
  await expect(page.locator('.prose li', { hasText: 'Delade åsikter kring fysiska möten' })).toBeVisible();
  await page.locator('.muted a', { hasText: 'Utvärdering' }).click();
  await expect(page.locator('.presents a', { hasText: 'Utvärdering av strategiskt samverkansforum 2023' })).toBeVisible();
  await page.goBack();
  await page.getByRole('link', { name: 'Resultat' }).click();
  await expect(page.locator('.result').first()).toContainText('Medelvärde 3,6');
  // Every chart has its numbers as a table beside it, and the chart itself is hidden from screen readers.
  const charts = await page.locator('svg.chart').count();
  expect(charts).toBeGreaterThan(0);
  await expect(page.locator('svg.chart[aria-hidden="true"]')).toHaveCount(charts);
  await expect(page.locator('.result__body table')).toHaveCount(charts);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await page.goto('/forums/strategiskt-samverkansforum/surveys');
  await page.getByRole('link', { name: 'Utvärdering av strategiskt samverkansforum 2023' }).click();
  await expectHydrated(page);
  const csv = await page.request.get(page.url() + '/answers.csv');
  expect(csv.status()).toBe(200);
  const body = await csv.text();
  expect(body.split('\n')[0]).not.toContain('Namn');
  expect(body.trim().split('\n')).toHaveLength(6);
  await page.locator('summary', { hasText: 'Kopiera till en ny omgång' }).click();
  await page.locator('#f-cp-title').fill('Utvärdering av strategiskt samverkansforum 2024');
  await page.locator('#f-cp-closes').fill('2099-06-30');
  await page.getByRole('button', { name: 'Kopiera till en ny omgång' }).click();
  await expect(page.locator('h1')).toHaveText('Utvärdering av strategiskt samverkansforum 2024');
  await expect(page.getByText('Föregående omgång: Utvärdering av strategiskt samverkansforum 2023')).toBeVisible();
  await expectHydrated(page);
  await page.getByRole('button', { name: 'Öppna utvärderingen' }).click();
  await expect(page.getByText('Utvärderingen är öppen och inbjudan skickad.')).toBeVisible();
  await page.getByRole('link', { name: 'Resultat' }).click();
  await expect(page.locator('.compare').first()).toContainText('Föregående omgång');
  await expect(page.locator('.compare').first().locator('tr', { hasText: 'svarande' })).toContainText('Medelvärde 3,6');
  await expectAccessible(page);
});
