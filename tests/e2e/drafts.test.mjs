// Drafts never lose a word: reloads, closed tabs, full storage, two tabs,
// corrupt entries, revisions. Each test has its own browser context (its own
// local storage).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, importText } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const markdown = (page) => page.getByRole('textbox', { name: 'Markdown' });
const drafts = (page) => page.getByRole('list', { name: 'Drafts' });
const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();

async function freshPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await markdown(page).waitFor();
  return page;
}

test('type, reload: the draft comes back as it was, cursor too', async () => {
  const context = await browser.newContext();
  const page = await freshPage(context);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Reload me');
  await markdown(page).fill('First line\nSecond line\n');
  await markdown(page).evaluate((el) => el.setSelectionRange(6, 10));
  await markdown(page).pressSequentially('LINE');
  await saved(page);
  await page.reload();
  await markdown(page).waitFor();
  assert.equal(await markdown(page).inputValue(), 'First LINE\nSecond line\n');
  assert.equal(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue(), 'Reload me');
  const sel = await markdown(page).evaluate((el) => [el.selectionStart, el.selectionEnd]);
  assert.deepEqual(sel, [10, 10]);
  await drafts(page).getByRole('listitem').filter({ hasText: 'Reload me' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a new draft nobody wrote in gives way: an import or the next new draft takes its place', async () => {
  const context = await browser.newContext();
  const page = await freshPage(context);
  const names = () => drafts(page).getByRole('listitem').locator('.pw-draft-name').allInnerTexts();
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  // The first visit makes a new draft; importing a file replaces it.
  await drafts(page).getByRole('listitem').first().waitFor();
  assert.deepEqual(await names(), ['Untitled']);
  await importText(page, 'imported.md', '---\ntitle: Imported\n---\nBody\n');
  await drafts(page).getByRole('listitem').filter({ hasText: 'Imported' }).waitFor();
  assert.deepEqual(await names(), ['Imported']);
  // New draft twice: one new draft, not two; its Title has the keyboard.
  await page.getByRole('button', { name: 'New draft' }).click();
  await drafts(page).getByRole('listitem').nth(1).waitFor();
  assert.ok(await title.evaluate((el) => el.getRootNode().activeElement === el), 'Title is focused');
  await markdown(page).focus();
  await page.getByRole('button', { name: 'New draft' }).click();
  // (Title focused again: that New draft was handled.)
  await page.waitForFunction((el) => el.getRootNode().activeElement === el, await title.elementHandle());
  assert.deepEqual((await names()).sort(), ['Imported', 'Untitled']);
  // A draft with anything typed in it stays.
  await markdown(page).fill('A start.\n');
  await saved(page);
  await page.getByRole('button', { name: 'New draft' }).click();
  await drafts(page).getByRole('listitem').nth(2).waitFor();
  assert.deepEqual((await names()).sort(), ['Imported', 'Untitled', 'Untitled']);
  await page.reload();
  await markdown(page).waitFor();
  await drafts(page).getByRole('listitem').nth(2).waitFor();
  assert.equal((await names()).length, 3);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('Ctrl+S saves the draft at once, instead of the browser saving the page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await markdown(page).waitFor();
  await saved(page);
  // Time stands still from here: the autosave's timer cannot fire, so only
  // the key can save.
  await page.clock.pauseAt(Date.now() + 60_000);
  const stored = () => page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('postwright:draft:')).map((k) => localStorage.getItem(k)).join());
  await markdown(page).fill('Saved by the key');
  assert.doesNotMatch(await stored(), /Saved by the key/);
  await page.evaluate(() => document.addEventListener('keydown', (e) => { window.seenByHost = e.defaultPrevented; }));
  await markdown(page).press('Control+s');
  assert.match(await stored(), /Saved by the key/);
  assert.equal(await page.evaluate(() => window.seenByHost), true, 'the key reaches the host page, handled');
  await page.clock.resume();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('close without unload handlers: at most the last second of typing is missing', async () => {
  const context = await browser.newContext();
  const page = await freshPage(context);
  await markdown(page).fill('');
  const typed = 'The quick brown fox jumps over the lazy dog. '.repeat(3);
  await markdown(page).pressSequentially(typed, { delay: 15 });
  await page.waitForTimeout(1000);
  await page.close({ runBeforeUnload: false });
  const again = await freshPage(context);
  assert.equal(await markdown(again).inputValue(), typed);
  await context.close();
});

test('storage full: the user is told, export still works, nothing is lost', async () => {
  const context = await browser.newContext();
  const page = await freshPage(context);
  await markdown(page).fill('Before the storage filled up.\n');
  await saved(page);
  // Another app on the origin fills local storage to the brim.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0; i++) {
      try { localStorage.setItem(`filler-${i}`, chunk); } catch { chunk = chunk.slice(0, chunk.length >> 1); }
    }
  });
  await markdown(page).press('End');
  await markdown(page).pressSequentially('Typed while full. '.repeat(20));
  const alert = page.getByRole('alert').filter({ hasText: /storage is full/i });
  await alert.first().waitFor();
  assert.ok(await page.getByRole('status').filter({ hasText: 'NOT saved' }).isVisible());
  const download = page.waitForEvent('download');
  await alert.first().getByRole('button', { name: 'Export now' }).click();
  const file = await download;
  const fs = await import('node:fs');
  const exported = fs.readFileSync(await file.path(), 'utf8');
  assert.ok(exported.includes('Typed while full. '.repeat(20)), 'the export has everything typed');
  // What was stored before is intact, and once there is room the save goes through.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postwright:draft:')).map((k) => localStorage.getItem(k)).join());
  assert.ok(stored.includes('Before the storage filled up.'), 'the earlier save is intact');
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k); });
  await alert.first().getByRole('button', { name: 'Retry' }).click();
  await saved(page);
  await page.reload();
  await markdown(page).waitFor();
  assert.ok((await markdown(page).inputValue()).includes('Typed while full. '.repeat(20)));
  await context.close();
});

test('two tabs on one draft: the second is told and neither version is lost', async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const a = await freshPage(context);
  await markdown(a).fill('Shared start.\n');
  await saved(a);
  const b = await freshPage(context);
  assert.equal(await markdown(b).inputValue(), 'Shared start.\n');
  // A edits; before A's autosave runs, B saves its own edit (B's tab is being
  // hidden). Timers stand still meanwhile, so a slow machine cannot let A's
  // autosave go first.
  await context.clock.pauseAt(Date.now() + 60_000);
  await markdown(a).press('End');
  await markdown(a).pressSequentially('From A.');
  await markdown(b).evaluate((el) => {
    el.value = 'Shared start.\nFrom B.';
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    window.dispatchEvent(new Event('pagehide'));
  });
  await context.clock.resume();
  const alert = a.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await alert.waitFor();
  await alert.getByRole('button', { name: 'Use theirs' }).click();
  assert.equal(await markdown(a).inputValue(), 'Shared start.\nFrom B.');
  // A's version was kept as its own draft.
  const items = drafts(a).getByRole('listitem');
  await items.nth(1).waitFor(); // fails after the locator timeout instead of waiting forever
  const texts = [];
  for (let i = 0; i < (await items.count()); i++) {
    await items.nth(i).getByRole('button').first().click();
    // The list marks the open draft in the same render that fills the editor.
    await items.nth(i).and(a.locator('[aria-current="true"]')).waitFor();
    texts.push(await markdown(a).inputValue());
  }
  assert.ok(texts.includes('Shared start.\nFrom A.'), texts.join(' | '));
  assert.ok(texts.includes('Shared start.\nFrom B.'), texts.join(' | '));
  await context.close();
});

test('two tabs editing different parts of one draft at the same moment: both edits are kept, nobody is asked', async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const a = await freshPage(context);
  await markdown(a).fill('First paragraph.\n\nSecond paragraph.\n');
  await saved(a);
  const b = await freshPage(context);
  assert.equal(await markdown(b).inputValue(), 'First paragraph.\n\nSecond paragraph.\n');
  // A retitles the post in the form; before A's autosave runs, B rewrites
  // the second paragraph and saves (its tab is being hidden).
  await context.clock.pauseAt(Date.now() + 60_000);
  const title = a.getByRole('textbox', { name: 'Title' });
  await title.fill('Written in tab A');
  await title.press('Tab');
  await markdown(b).evaluate((el) => {
    el.value = 'First paragraph.\n\nSecond paragraph, from tab B.\n';
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    window.dispatchEvent(new Event('pagehide'));
  });
  await context.clock.resume();
  await a.getByRole('status').filter({ hasText: 'Merged the changes made in another tab' }).waitFor();
  assert.equal(await markdown(a).inputValue(), 'First paragraph.\n\nSecond paragraph, from tab B.\n');
  assert.equal(await title.inputValue(), 'Written in tab A');
  assert.equal(await a.getByRole('alert').filter({ hasText: 'changed in another tab' }).count(), 0, 'no conflict dialog');
  // What is stored is the merge: a reload shows both edits.
  await saved(a);
  await a.reload();
  await markdown(a).waitFor();
  assert.equal(await markdown(a).inputValue(), 'First paragraph.\n\nSecond paragraph, from tab B.\n');
  assert.equal(await a.getByRole('textbox', { name: 'Title' }).inputValue(), 'Written in tab A');
  assert.deepEqual(a.errors, []);
  await context.close();
});

test('a corrupt stored entry is set aside and offered for download, never a crash', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('postwright:draft:broken', '{"v":2,"text": "half a draft');
    }
  });
  const page = await freshPage(context);
  const list = page.getByRole('list', { name: 'Unreadable drafts' });
  await list.waitFor();
  const download = page.waitForEvent('download');
  await list.getByRole('button', { name: 'Download' }).first().click();
  const fs = await import('node:fs');
  assert.match(fs.readFileSync(await (await download).path(), 'utf8'), /half a draft/);
  await markdown(page).fill('Still works.\n');
  await saved(page);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('revisions restore; delete has undo; new draft and search', async () => {
  const context = await browser.newContext();
  const page = await freshPage(context);
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  await title.fill('Versioned');
  await markdown(page).fill('Version one.\n');
  await saved(page);
  await markdown(page).fill('Version two.\n');
  await saved(page);
  await page.getByText(/^Revisions/).click();
  const revisions = page.getByRole('list', { name: 'Revisions' });
  const restore = revisions.getByRole('button', { name: /Restore/ });
  // The newest revision is the save before the current one.
  let found = false;
  for (let i = 0; i < (await restore.count()) && !found; i++) {
    await restore.nth(i).click();
    // Give the restore its render before reading the editor.
    for (let t = 0; t < 20 && !found; t++) {
      found = (await markdown(page).inputValue()) === 'Version one.\n';
      if (!found) await page.waitForTimeout(50);
    }
    if (!found) await page.getByText(/^Revisions/).click().catch(() => {});
  }
  assert.ok(found, 'a revision brought back "Version one."');

  await page.getByRole('button', { name: 'New draft' }).click();
  await title.fill('Second post');
  await saved(page);
  await drafts(page).getByRole('listitem').filter({ hasText: 'Second post' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search drafts' }).fill('versi');
  assert.deepEqual(await drafts(page).getByRole('listitem').locator('.pw-draft-name').allInnerTexts(), ['Versioned']);
  await page.getByRole('searchbox', { name: 'Search drafts' }).fill('');
  await page.getByRole('button', { name: 'Delete Versioned' }).click();
  assert.equal(await drafts(page).getByRole('listitem').filter({ hasText: 'Versioned' }).count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await drafts(page).getByRole('listitem').filter({ hasText: 'Versioned' }).waitFor();
  await context.close();
});

test('the drafts panel stays in its column: a long title is cut short, nothing overlaps the form', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await freshPage(context);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('A very long title that goes on and on about developer relations in 2025');
  await saved(page);
  const panel = page.getByRole('complementary', { name: 'Drafts panel' });
  const box = await panel.boundingBox();
  const form = await page.getByRole('group', { name: 'Front matter' }).boundingBox();
  const newDraft = await page.getByRole('button', { name: 'New draft' }).boundingBox();
  assert.ok(box.x + box.width <= form.x, `panel ends at ${box.x + box.width}, the form starts at ${form.x}`);
  assert.ok(newDraft.x + newDraft.width <= box.x + box.width, 'New draft is inside the panel');
  const name = drafts(page).getByRole('listitem').first().locator('.pw-draft-name');
  assert.ok(await name.evaluate((el) => el.scrollWidth > el.clientWidth), 'the long title is cut short (ellipsis)');
  await context.close();
});
