// <postwright-editor> embedded in a host page (dist/demo/): a form control
// that keeps to itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, CHROMIUM_ARGS } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function demo({ context: options = {} } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  await page.goto(`${server.base}demo/`);
  await page.getByRole('textbox', { name: 'Markdown' }).nth(1).waitFor();
  return page;
}

const editors = (page) => page.locator('postwright-editor');

test('two editors in a form: typing in one fires input, changes its value and the form data only', async () => {
  const page = await demo();
  await page.evaluate(() => {
    window.events = [];
    for (const [i, el] of [...document.querySelectorAll('postwright-editor')].entries()) {
      el.addEventListener('input', () => window.events.push(`input ${i}`));
      el.addEventListener('change', () => window.events.push(`change ${i}`));
    }
  });
  const first = editors(page).nth(0).getByRole('textbox', { name: 'Markdown' });
  await first.click();
  await first.press('End');
  await first.pressSequentially(' More.');
  // Read at once, before any pause or blur: the form data is already current.
  const early = await page.evaluate(() => new FormData(document.getElementById('cms-form')).get('post'));
  assert.equal(early, '---\ntitle: Hello\ndate: 2026-11-30\ntags: [demo]\n---\nBody of the **first** post.\n More.');
  await first.blur();
  const state = await page.evaluate(() => {
    const [a, b] = document.querySelectorAll('postwright-editor');
    return { a: a.value, b: b.value, data: Object.fromEntries(new FormData(document.getElementById('cms-form'))), events: window.events };
  });
  assert.equal(state.a, '---\ntitle: Hello\ndate: 2026-11-30\ntags: [demo]\n---\nBody of the **first** post.\n More.');
  assert.equal(state.b, '---\ntitle: Second\ndate: 2026-11-30\n---\nAnother *post*.\n');
  assert.equal(state.data.post, state.a);
  assert.equal(state.data.second, state.b);
  assert.equal(state.data.note, 'host field');
  assert.equal(state.events.filter((e) => e === 'input 0').length, 6, state.events.join());
  assert.ok(state.events.includes('change 0'), state.events.join());
  assert.ok(!state.events.some((e) => e.endsWith(' 1')), 'the other editor stays quiet');

  // Form reset restores the initial value; setting value from the host works.
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await editors(page).nth(0).evaluate((el) => el.value), '---\ntitle: Hello\ndate: 2026-11-30\ntags: [demo]\n---\nBody of the **first** post.\n');
  await editors(page).nth(1).evaluate((el) => { el.value = '---\ntitle: Set by host\n---\nNew body\n'; });
  await editors(page).nth(1).getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Set by host' }).waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  const submitted = JSON.parse(await page.getByLabel('Submitted form data').textContent());
  assert.equal(submitted.second, '---\ntitle: Set by host\n---\nNew body\n');
  assert.deepEqual(page.problems, [], 'no CSP violation or error under the strict policy');
  await page.context().close();
});

test('postwright-status tells the host every change of the save status, and only editors that save send it', async () => {
  const page = await demo();
  await page.evaluate(() => {
    window.statuses = [[], []];
    for (const [i, el] of [...document.querySelectorAll('postwright-editor')].entries()) {
      el.addEventListener('postwright-status', (e) => window.statuses[i].push(e.detail));
    }
  });
  // The second editor keeps drafts (storage-key): typing makes it unsaved, the pause saves it.
  const second = editors(page).nth(1).getByRole('textbox', { name: 'Markdown' });
  await second.click();
  await second.press('End');
  await second.pressSequentially(' More.');
  await page.waitForFunction(() => window.statuses[1].at(-1) === 'Saved');
  const [first, saving] = await page.evaluate(() => window.statuses);
  assert.equal(saving[0], 'Saving…', saving.join());
  assert.ok(saving.every((s, i) => s === (i % 2 ? 'Saved' : 'Saving…')), `alternates, each change once: ${saving.join()}`);
  // What the host hears is what the drafts panel shows.
  await editors(page).nth(1).locator('.pw-save-status').filter({ hasText: /^Saved$/ }).waitFor();
  // Ctrl+S with nothing new to save changes nothing, so says nothing.
  await second.press('Control+s');
  await page.waitForTimeout(600);
  assert.equal((await page.evaluate(() => window.statuses[1])).length, saving.length);
  // The first editor has no storage key: the host owns persistence, no status.
  const typed = editors(page).nth(0).getByRole('textbox', { name: 'Markdown' });
  await typed.click();
  await typed.pressSequentially('x');
  await page.waitForTimeout(600);
  assert.deepEqual(await page.evaluate(() => window.statuses[0]), first);
  assert.deepEqual(first, []);
  await page.context().close();
});

test('hostile host CSS does not change the editor', async () => {
  const style = (loc) => loc.evaluate((el) => {
    const s = getComputedStyle(el);
    return { font: s.fontFamily, size: s.fontSize, bg: s.backgroundColor, color: s.color, border: s.borderTopStyle, display: s.display, spacing: s.letterSpacing };
  });
  // The editor's stylesheet loads into its shadow root after the element
  // appears: measure once it applies (a textarea is inline-block until then).
  const styled = (loc) => loc.evaluate((el) => new Promise((resolve) => {
    const until = Date.now() + 5000; // then measure anyway: the assertion says what differs
    const check = () => (getComputedStyle(el).display === 'block' || Date.now() > until ? resolve() : requestAnimationFrame(check));
    check();
  }));
  const page = await demo();
  await styled(editors(page).nth(0).getByRole('textbox', { name: 'Markdown' }));
  const hostile = await style(editors(page).nth(0).getByRole('textbox', { name: 'Markdown' }));
  const hostileTitle = await style(editors(page).nth(0).getByRole('textbox', { name: 'Title', exact: true }));
  // The same widget on a page with no styles of its own.
  const plain = await browser.newPage();
  await plain.goto(`${server.base}demo/plain.html`);
  await plain.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await styled(plain.getByRole('textbox', { name: 'Markdown' }));
  const clean = await style(plain.getByRole('textbox', { name: 'Markdown' }));
  const cleanTitle = await style(plain.getByRole('textbox', { name: 'Title', exact: true }));
  assert.deepEqual(hostile, clean);
  assert.deepEqual(hostileTitle, cleanTitle);
  assert.notEqual(hostile.display, 'none');
  // And the editor's CSS does not leak out: the host's own field keeps the host's look.
  const hostField = await style(page.getByRole('textbox', { name: 'Internal note' }));
  assert.equal(hostField.bg, 'rgb(255, 105, 180)');
  await plain.close();
  await page.context().close();
});

test('mount() and destroy() leave no listeners behind', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    // Count live listeners on window and document (where a leak would outlive the editor).
    const live = new Map();
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    const id = (t, type, fn, opts) => `${t === window ? 'window' : t === document ? 'document' : 'other'}|${type}|${typeof opts === 'boolean' ? opts : !!opts?.capture}`;
    EventTarget.prototype.addEventListener = function (type, fn, opts) {
      if (this === window || this === document) {
        const k = id(this, type, fn, opts);
        const set = live.get(k) ?? new Set(); set.add(fn); live.set(k, set);
      }
      return add.call(this, type, fn, opts);
    };
    EventTarget.prototype.removeEventListener = function (type, fn, opts) {
      if (this === window || this === document) live.get(id(this, type, fn, opts))?.delete(fn);
      return remove.call(this, type, fn, opts);
    };
    window.liveListeners = () => [...live.entries()].filter(([, s]) => s.size).map(([k, s]) => `${k} x${s.size}`).sort();
  });
  await page.goto(`${server.base}demo/plain.html`);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  const result = await page.evaluate(async () => {
    const { mount } = await import('../widget/postwright.js');
    const before = window.liveListeners();
    const div = document.createElement('div');
    document.body.append(div);
    const handle = await mount(div, { value: '---\ntitle: Mounted\n---\nText\n', storageKey: 'leak-test' });
    const during = window.liveListeners();
    const value = handle.value;
    handle.destroy();
    await new Promise((r) => setTimeout(r, 50));
    return { before, during, after: window.liveListeners(), value, left: div.shadowRoot.childNodes.length };
  });
  assert.equal(result.value, '---\ntitle: Mounted\n---\nText\n');
  assert.deepEqual(result.after, result.before, `during: ${result.during.join(', ')}`);
  assert.equal(result.left, 0);
  await page.close();
});

test('in a sandboxed, storage-blocked frame it still edits, and says autosave is off', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}demo/sandboxed.html`);
  const frame = page.frameLocator('iframe');
  const editor = frame.getByRole('textbox', { name: 'Markdown' });
  await editor.waitFor();
  await editor.fill('# Still editing');
  await frame.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Still editing' }).waitFor();
  await frame.getByRole('alert').filter({ hasText: /storage/i }).first().waitFor();
  await page.close();
});
