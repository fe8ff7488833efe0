import { expect } from '@playwright/test';
import { test, expectHydrated, login } from './helpers';

// Runs last (files run in name order on one database): it fills one action's thread with hostile text.

/** Ways a text has been used to run script or leave the page: tags, handlers, URL schemes,
 * encodings, parser confusion. Each sets window.__xss if it ever runs. */
const VECTORS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror=window.__xss=1>',
  '<svg onload=window.__xss=1>',
  '<svg><script>window.__xss=1</script></svg>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">klicka</a>',
  '[klicka](javascript:window.__xss=1)',
  '[klicka](JaVaScRiPt:window.__xss=1)',
  '[klicka](java&#115;cript:window.__xss=1)',
  '![bild](javascript:window.__xss=1)',
  '<body onload=window.__xss=1>',
  '<details open ontoggle=window.__xss=1>',
  '<input autofocus onfocus=window.__xss=1>',
  '<video><source onerror=window.__xss=1></video>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<form action="javascript:window.__xss=1"><button>x</button></form>',
  '<a href="data:text/html,<script>window.__xss=1</script>">d</a>',
  '<div style="background:url(javascript:window.__xss=1)">s</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="javascript:window.__xss=1//">',
  '"><img src=x onerror=window.__xss=1>',
  "'><svg/onload=window.__xss=1>",
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '<img src="x" onerror="&#119;indow.__xss=1">',
  '<a href="&#106;avascript:window.__xss=1">e</a>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  "<style>@import 'javascript:window.__xss=1';</style>",
  '<marquee onstart=window.__xss=1>m</marquee>',
  '<a href=" javascript:window.__xss=1">mellanslag</a>',
  '<textarea><img src=x onerror=window.__xss=1></textarea>',
  // The author's edit form puts the text in a textarea: it must not be able to end it.
  '</textarea><img src=x onerror=window.__xss=1><textarea>',
];

/** The same vector in the places markdown gives it. */
const WRAPPERS: ((p: string) => string)[] = [
  (p) => p,
  (p) => `*${p}*`,
  (p) => `- punkt\n- ${p}`,
  (p) => `> ${p}`,
  (p) => `| a | b |\n|---|---|\n| ${p} | x |`,
  (p) => `[${p}](https://example.se)`,
  (p) => `Text före ${p} och efter.`,
];

const PAYLOADS = WRAPPERS.flatMap((w) => VECTORS.map((v) => w(v)));

test('hostile text in comments is shown as text: nothing runs, no handler, script URL or active tag survives', async ({ page }) => {
  test.setTimeout(240_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
  await login(page, 'region.skane@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Sara Nyström');
  const actionPage = '/forums/strategiskt-samverkansforum/actions/2';
  await page.goto(actionPage);
  const form = page.locator('form.comments__new');
  const endpoint = await form.getAttribute('action');
  const kind = await form.locator('input[name="kind"]').getAttribute('value');
  const target = await form.locator('input[name="target_id"]').getAttribute('value');
  expect(endpoint && kind && target).toBeTruthy();
  const before = await page.locator('.comment__body').count();
  for (const [i, body] of PAYLOADS.entries()) {
    const r = await page.request.post(endpoint!, {
      form: { kind: kind!, target_id: target!, body: `#${i} ${body}` },
      headers: { Accept: 'application/json' },
    });
    expect(r.status(), `payload ${i}: ${body}`).toBe(200);
  }

  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(actionPage);
  await expectHydrated(page);
  const bodies = page.locator('.comment__body');
  await expect(bodies).toHaveCount(before + PAYLOADS.length, { timeout: 30_000 });
  // Give anything that would run (autofocus, load, toggle, refresh) the time to do it.
  await page.waitForTimeout(1000);
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    const forbidden = 'script,iframe,object,embed,svg,math,style,link,meta,base,form,input,button,textarea,select,video,audio,source,marquee,details';
    for (const body of Array.from(document.querySelectorAll('.comment__body'))) {
      for (const el of Array.from(body.querySelectorAll('*'))) {
        if (el.matches(forbidden)) bad.push(`<${el.tagName.toLowerCase()}>`);
        for (const a of Array.from(el.attributes)) {
          const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (a.name.startsWith('on') || a.name === 'style' || a.name === 'srcdoc') bad.push(`${el.tagName} ${a.name}`);
          if (/^(javascript|vbscript|data):/.test(v)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
        }
      }
    }
    // Anywhere in the page (the edit forms hold the raw text): no handler attribute, no injected image.
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) if (a.name.startsWith('on')) bad.push(`${el.tagName} ${a.name} (page)`);
    }
    if (document.querySelector('img[src="x"], iframe, object, embed')) bad.push('injected element in the page');
    const edits = Array.from(document.querySelectorAll('textarea')).map((t) => (t as HTMLTextAreaElement).value);
    if (!edits.some((v) => v.includes('</textarea><img src=x'))) bad.push('the edit form lost the text');
    return { bad, ran: (window as unknown as { __xss?: number }).__xss ?? 0, url: location.pathname };
  });
  expect(found.bad).toEqual([]);
  expect(found.ran).toBe(0);
  expect(found.url).toBe(actionPage);
  expect(dialogs).toBe(0);
  // The text is still there to read, escaped.
  await expect(page.locator('.comment__body', { hasText: '#1 ' }).first()).toContainText('<img src=x onerror=window.__xss=1>');
});
