import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';

/** Playwright's test, failing any test in which the browser reports a Content-Security-Policy
 * violation (a blocked script, style or frame) on any page it visited. */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ page }, use) => {
      const seen: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
      });
      await use(seen);
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export const PASSWORD = process.env.E2E_PASSWORD ?? 'Samverkan-e2e-lösen-2026';

/** WCAG 2.1 A and AA: zero violations, with the rules named when it fails. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Wait until the wasm has run: only a browser-side effect sets this marker. */
export async function expectHydrated(page: Page) {
  await expect(page.locator('.hydration-marker')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
}

export async function login(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord', { exact: false }).first().fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The decoded text of every part of a raw .eml message. */
export function mailText(raw: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part, i) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      // The message's own headers (List-Unsubscribe and the like) stay in the text.
      const body = (i === 0 ? head + '\n\n' : '') + rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) return decodeQuotedPrintable(body);
      return body;
    })
    .join('\n');
}

/** Wait for a mail to this address (and, if given, containing a text) in the file transport's
 * directory and return its decoded text. */
export async function waitForMail(to: string, timeoutMs = 20_000, containing?: string): Promise<string> {
  const dir = process.env.SAMVERKAN_MAIL_DIR;
  if (!dir) throw new Error('SAMVERKAN_MAIL_DIR is not set');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(dir)) {
      for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
        const raw = fs.readFileSync(path.join(dir, f), 'utf8');
        if (!raw.includes(to)) continue;
        const text = mailText(raw);
        if (!containing || text.includes(containing)) return text;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to}${containing ? ` containing "${containing}"` : ''} within ${timeoutMs} ms`);
}

/** A small valid PDF, built here so the test needs no fixture file. */
export function tinyPdf(): Buffer {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
