// Nothing in a post runs script in the page, and the editor is accessible
// (axe-core: no serious or critical violations, light and dark).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, openPage, repo, artifact, importText } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const xssDir = path.join(repo, 'tests', 'fixtures', 'xss');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Counts every way a post could run script: dialogs, the canary globals, navigations. */
async function armed(page) {
  await page.addInitScript(() => {
    window.__pwned = 0;
    const hit = () => { window.__pwned += 1; };
    window.alert = hit; window.confirm = hit; window.prompt = hit; window.print = hit;
  });
  page.dialogs = 0;
  page.on('dialog', (d) => { page.dialogs += 1; d.dismiss().catch(() => {}); });
}

test('hostile posts render without running script', async () => {
  const files = fs.readdirSync(xssDir).filter((f) => f.endsWith('.md')).sort();
  assert.ok(files.length >= 20, `at least 20 XSS posts (found ${files.length})`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await armed(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const startUrl = server.base;
  await page.goto(startUrl);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  const region = page.getByRole('region', { name: 'Preview' });
  for (const file of files) {
    const text = fs.readFileSync(path.join(xssDir, file), 'utf8');
    await importText(page, file, text);
    await page.getByText(`Imported ${file}.`).waitFor();
    // Hover and focus everything the preview shows; wait for timers and loads.
    const elements = await region.locator('*').all();
    for (const el of elements.slice(0, 200)) {
      await el.hover({ timeout: 200, force: true }).catch(() => {});
      await el.dispatchEvent('focus').catch(() => {});
    }
    await page.waitForTimeout(150);
    const pwned = await page.evaluate(() => window.__pwned);
    assert.equal(pwned + page.dialogs, 0, `${file} ran script`);
    assert.equal(page.url(), startUrl, `${file} navigated the page`);
    // No live scheme survives in links or sources.
    const bad = await region.evaluate((root) => [...root.querySelectorAll('[href],[src],[action],[formaction],[xlink\\:href]')]
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? '')
      .filter((u) => /^\s*(javascript|vbscript|data:text)/i.test(u.replace(/[\s\u0000-\u001f]/g, ''))));
    assert.deepEqual(bad, [], `${file} kept a script URL`);
    const handlers = await region.evaluate((root) => [...root.querySelectorAll('*')]
      .flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')));
    assert.deepEqual(handlers, [], `${file} kept an event handler`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

for (const theme of ['light', 'dark']) {
  test(`axe-core finds no serious or critical violations (${theme})`, async () => {
    const page = await openPage(browser, server.base, { context: { colorScheme: theme } });
    const sample = fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', 'ic-take-on-devrel-2025.md'), 'utf8');
    await importText(page, 'ic-take-on-devrel-2025.md', sample);
    await page.getByRole('region', { name: 'Preview' }).getByRole('heading').first().waitFor();
    await page.screenshot({ path: artifact(`axe-${theme}.png`), fullPage: false });
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      // axe walks open shadow roots itself.
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious, [], JSON.stringify(serious, null, 1));
    await page.context().close();
  });
}
