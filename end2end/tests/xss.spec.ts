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

/** Server-function URLs (their names end in a build hash) as the forms on these pages name them. */
async function endpoints(page: import('@playwright/test').Page, paths: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const path of paths) {
    await page.goto(path);
    for (const m of (await page.content()).matchAll(/\/api\/([a-z_]+?)\d+/g)) found.set(m[1], m[0]);
  }
  return found;
}

test('hostile names, titles and file names are shown as text wherever they appear', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const post = async (url: string | undefined, form: Record<string, string>) => {
    expect(url, 'the page has the form').toBeTruthy();
    const r = await page.request.post(url!, { form, headers: { Accept: 'application/json' } });
    expect(r.status(), `${url} ${JSON.stringify(form)}: ${await r.text()}`).toBe(200);
  };
  const slug = 'strategiskt-samverkansforum';

  // The secretariat: agenda item titles and presenters, meeting, action, survey and consultation titles, file names.
  await login(page, 'sekretariat@samverkan.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hej, Johanna Lindberg');
  await page.goto('/calendar?view=list&month=2026-12');
  await page.getByRole('link', { name: 'Strategiskt samverkansforum' }).first().click();
  await expect(page.locator('.when')).toHaveText('8 december 2026 kl. 14.00–16.00');
  const meetingUrl = new URL(page.url()).pathname;
  const meetingId = meetingUrl.split('/')[2];
  const fns = await endpoints(page, [meetingUrl, `/forums/${slug}`, `/forums/${slug}/actions`, `/forums/${slug}/surveys`, `/forums/${slug}/consultations`]);
  for (const [i, v] of VECTORS.entries()) {
    await post(fns.get('add_agenda_item'), { meeting_id: meetingId, title: `P${i} ${v}`, presenters: v, duration_minutes: '5', kind: 'information', description: '' });
    await post(fns.get('create_action'), { slug, title: `A${i} ${v}`, description: v, owner: '', start_date: '2026-11-23', end_date: '', comment: v });
  }
  for (const [i, v] of VECTORS.slice(0, 4).entries()) {
    await post(fns.get('create_meeting'), { forum_slug: slug, title: `M${i} ${v}`, date: `2027-0${i + 5}-11`, start: '10.00', end: '11.00', place: v, online_url: '', status: 'planned' });
    await post(fns.get('create_survey'), { slug, title: `E${i} ${v}`, intro: v, closes: '2027-06-30' });
    await post(fns.get('create_consultation'), { slug, title: `R${i} ${v}`, background: v, deadline: '2027-06-30', item_id: '' });
  }
  const fileNames = ['"><img src=x onerror=window.__xss=1>.pdf', '<script>window.__xss=1</script>.pdf', "javascript:window.__xss=1'.pdf"];
  for (const name of fileNames) {
    const r = await page.request.post(`${meetingUrl}/materials`, {
      multipart: { file: { name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1') } },
      maxRedirects: 0,
    });
    expect(r.status(), `upload ${name}`).toBeLessThan(400);
  }

  // The admin: organisation names. A member: her own name and title.
  const admin = await browser.newPage();
  await login(admin, 'admin@samverkan.test');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(/^Hej, /);
  const orgFn = (await endpoints(admin, ['/admin/organisations'])).get('save_organisation');
  for (const [i, v] of VECTORS.entries()) {
    const r = await admin.request.post(orgFn!, { form: { name: `Org ${i} ${v}`, short_name: `O${i}`, kind: 'other' }, headers: { Accept: 'application/json' } });
    expect(r.status(), `organisation ${v}: ${await r.text()}`).toBe(200);
  }
  const member = await browser.newPage();
  await login(member, 'apotek@samverkan.test');
  await expect(member.getByRole('heading', { level: 1 })).toHaveText(/^Hej, /);
  const profileFn = (await endpoints(member, ['/me'])).get('update_profile');
  const r = await member.request.post(profileFn!, { form: { name: 'Oskar <img src=x onerror=window.__xss=1>', title: '<svg onload=window.__xss=1>', language: 'sv' }, headers: { Accept: 'application/json' } });
  expect(r.status(), await r.text()).toBe(200);

  const pages: [import('@playwright/test').Page, string, string][] = [
    [page, meetingUrl, 'P0 <script>'],
    [page, `/forums/${slug}/actions`, 'A1 <img src=x'],
    [page, `/forums/${slug}`, ''],
    [page, '/calendar?view=list&month=2027-05', 'M0 <script>'],
    [page, `/forums/${slug}/surveys`, 'E1 <img'],
    [page, `/forums/${slug}/consultations`, 'R1 <img'],
    [page, '/search?q=window', 'window.__xss'],
    [admin, '/admin/organisations', 'Org 2 <svg onload'],
    [admin, '/admin/users?q=Oskar', 'Oskar <img'],
    [member, '/me', ''],
    [member, '/', 'Oskar <img'],
  ];
  for (const [p, path, text] of pages) {
    let dialogs = 0;
    p.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await p.goto(path);
    await expectHydrated(p);
    await p.waitForTimeout(300);
    if (text) await expect(p.locator('main'), path).toContainText(text);
    const found = await p.evaluate(() => {
      const bad: string[] = [];
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) {
          const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (a.name.startsWith('on') || a.name === 'srcdoc') bad.push(`${el.tagName} ${a.name}`);
          if ((a.name === 'href' || a.name === 'src' || a.name === 'action') && /^(javascript|vbscript|data):/.test(v)) bad.push(`${el.tagName} ${a.name}=${a.value}`);
        }
      }
      if (document.querySelector('img[src="x"], iframe, object, embed, main svg[onload], main script')) bad.push('injected element');
      return { bad, ran: (window as unknown as { __xss?: number }).__xss ?? 0 };
    });
    expect(found.bad, path).toEqual([]);
    expect(found.ran, path).toBe(0);
    expect(dialogs, path).toBe(0);
  }
  // The account form holds the name as typed.
  await member.goto('/me');
  await expect(member.getByLabel('Namn', { exact: false }).first()).toHaveValue('Oskar <img src=x onerror=window.__xss=1>');
  // The file names were made safe on the way in, and downloads are attachments.
  await page.goto(meetingUrl);
  const links = await page.locator('a[href^="/materials/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  expect(links.length).toBeGreaterThanOrEqual(fileNames.length);
  for (const href of links) expect(href).not.toMatch(/[<>"']|javascript:/i);
  await admin.close();
  await member.close();
});
