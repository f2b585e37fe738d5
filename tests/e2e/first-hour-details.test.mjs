// A blogger's first hour, the smaller things, walked as the user does it
// (by role and name): broken YAML pointed at where the Raw front matter box
// shows it, and shown once; the draft's name kept while it is broken;
// revisions as history (a few, labelled, previewed before restoring);
// searching drafts by their text, tags and author; footnotes that go
// nowhere; and on a phone, Tab going the way the screen reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, importText, eventually } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const markdown = (page) => page.getByRole('textbox', { name: 'Markdown' });
const form = (page) => page.getByRole('group', { name: 'Front matter' });
const raw = (page) => page.getByRole('textbox', { name: 'Raw front matter' });
const drafts = (page) => page.getByRole('list', { name: 'Drafts' });
const search = (page) => page.getByRole('searchbox', { name: 'Search drafts' });
const saveStatus = (page) => page.locator('.pw-save-status');
/** The save after the last edit has been written (not merely the one before it). */
async function saved(page) {
  await eventually(async () => assert.equal(await saveStatus(page).innerText(), 'Saved'), 10000);
}
/** `text` is in the stored draft, and the save status says so. */
async function savedWith(page, text) {
  const stored = JSON.stringify(text).slice(1, -1);
  await eventually(async () => assert.ok(await page.evaluate((t) =>
    Object.keys(localStorage).some((k) => k.includes(':draft:') && localStorage.getItem(k).includes(t)), stored)), 10000);
  await saved(page);
}
async function openRaw(page) {
  const disclosure = page.getByRole('button', { name: 'Raw front matter' });
  if (await disclosure.getAttribute('aria-expanded') === 'false') await disclosure.click();
}

test('broken YAML: the alert points at the line the Raw box shows, where the quote opens, once', async () => {
  const page = await openPage(browser, server.base, { context: { viewport: { width: 1440, height: 900 } } });
  await importText(page, 'moving.md', '---\ntitle: "Moving my blog\ndate: 2026-01-02\ntags: [hugo, jekyll\n---\nBody text.\n');
  const problem = page.getByRole('alert').filter({ hasText: 'YAML' });
  await eventually(async () => assert.match(await problem.innerText(),
    /Raw front matter, line 1, column 8: .*quote " that opens here is never closed/));
  assert.equal(await problem.count(), 1);
  assert.equal(await page.getByText(/YAML syntax error/).count(), 1, 'the problem shows once');
  // Go to the line: it is selected in the box.
  await problem.getByRole('button', { name: 'Go to line 1' }).click();
  assert.equal(await raw(page).evaluate((el) => el.matches(':focus')), true);
  assert.equal(await raw(page).evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd)), 'title: "Moving my blog');
  // The quote mended: now the bracket, on the box's line 3 (the file's line 4).
  await raw(page).fill('title: "Moving my blog"\ndate: 2026-01-02\ntags: [hugo, jekyll\n');
  await eventually(async () => assert.match(await problem.innerText(), /line 3, column 7: .*bracket \[ that opens here/));
  // Mended: no alert; a field's own problem shows under the field, not again above.
  await raw(page).fill('title: "Moving my blog"\ndate: 2026-01-02\ntags: hugo\n');
  const note = form(page).getByText(/`tags` should be a list/);
  await note.waitFor();
  assert.equal(await page.getByText(/`tags` should be a list/).count(), 1, 'shown once, under Tags');
  assert.equal(await problem.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a phone, where the form comes after the writing, a problem shows above the writing, once', async () => {
  const page = await openPage(browser, server.base, { context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
  await importText(page, 'moving.md', '---\ntitle: "Moving my blog\ndate: 2026-01-02\n---\nBody text.\n');
  const problem = page.getByRole('alert').filter({ hasText: 'YAML' });
  await eventually(async () => assert.match(await problem.innerText(), /Raw front matter, line 1, column 8: .*never closed/));
  assert.equal(await page.getByText(/YAML syntax error/).count(), 1, 'once');
  const box = await problem.boundingBox();
  assert.ok(box.y < (await markdown(page).boundingBox()).y, 'above the writing, on the first screen');
  // Mended, with a field's problem: above too, with its fix, and not again under the field.
  await openRaw(page);
  await raw(page).fill('title: "Moving my blog"\ndate: 2026-01-02\nautho: Ada\n');
  const typo = page.getByRole('alert').filter({ hasText: 'autho' });
  await typo.getByRole('button', { name: 'Rename autho to author' }).waitFor();
  assert.equal(await page.getByText(/unknown key `autho`/).count(), 1);
  assert.ok((await typo.boundingBox()).y < (await markdown(page).boundingBox()).y);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('while the YAML is broken the draft keeps its last good title in the list and the file name', async () => {
  const page = await openPage(browser, server.base);
  await form(page).getByRole('textbox', { name: 'Title' }).fill('Moving my blog');
  await drafts(page).getByText('Moving my blog').waitFor();
  await saved(page);
  const fileName = page.getByRole('textbox', { name: 'File name' });
  const good = await fileName.inputValue();
  assert.match(good, /moving-my-blog/);
  await openRaw(page);
  const text = await raw(page).inputValue();
  await raw(page).fill(text.replace('title: Moving my blog', 'title: "Moving my blog'));
  await page.getByRole('alert').filter({ hasText: 'never closed' }).waitFor();
  await markdown(page).fill('Typed while the quote is open.\n');
  await savedWith(page, 'Typed while the quote is open.\n');
  assert.deepEqual(await drafts(page).locator('.pw-draft-name').allInnerTexts(), ['Moving my blog'], 'not "Untitled"');
  assert.equal(await fileName.inputValue(), good, 'the file keeps its name');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  assert.equal((await download).suggestedFilename(), good.split('/').pop());
  await page.reload();
  await drafts(page).getByText('Moving my blog').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('revisions are history: one per session or stretch, labelled with time and change, previewed before restoring', async () => {
  const context = await browser.newContext();
  // Two sessions (tabs) on one storage, one after the other.
  let page = await context.newPage();
  await page.goto(server.base);
  await markdown(page).waitFor();
  await form(page).getByRole('textbox', { name: 'Title' }).fill('History');
  for (const body of ['One.\n', 'One two.\n', 'One two three.\n']) {
    await markdown(page).fill(body);
    await savedWith(page, body);
  }
  await page.close();
  page = await context.newPage();
  await page.goto(server.base);
  await markdown(page).waitFor();
  assert.equal(await markdown(page).inputValue(), 'One two three.\n');
  await markdown(page).fill('One two three. Four five six seven.\n');
  await savedWith(page, 'One two three. Four five six seven.\n');
  await markdown(page).fill('One two three. Four five six seven. Eight.\n');
  await savedWith(page, 'One two three. Four five six seven. Eight.\n');

  await page.getByText(/^Revisions/).click();
  const list = page.getByRole('list', { name: 'Revisions' });
  // Not one per pause: the first session's saves are one revision.
  await eventually(async () => assert.equal(await list.getByRole('listitem').count(), 2));
  const items = await list.getByRole('listitem').allInnerTexts();
  assert.match(items[0], /\d{4}-\d\d-\d\d \d\d:\d\d/, 'with its time');
  assert.match(items[0], /History · \+4 words/, 'and what changed since the one before');
  assert.match(items[1], /first kept, 3 words/);

  // Preview the first session's version, then restore it.
  await list.getByRole('button', { name: /^Preview revision of .*first kept/ }).click();
  const shown = page.getByRole('region', { name: /^Revision of / });
  await shown.waitFor();
  const was = await shown.getByRole('textbox', { name: 'Revision text' }).inputValue();
  assert.match(was, /^---\n(.*\n)*title: History\n(.*\n)*---\nOne two three\.\n$/, 'the text as it was');
  assert.equal(await markdown(page).inputValue(), 'One two three. Four five six seven. Eight.\n', 'previewing changes nothing');
  await shown.getByRole('button', { name: 'Close preview' }).press('Enter');
  await shown.waitFor({ state: 'detached' });
  const back = list.getByRole('button', { name: /^Preview revision of .*first kept/ });
  assert.equal(await back.evaluate((el) => el.getRootNode().activeElement === el), true, 'the keyboard is back on its Preview button');
  assert.equal(await back.getAttribute('aria-pressed'), 'false');
  await list.getByRole('button', { name: /^Preview revision of .*first kept/ }).click();
  await shown.getByRole('button', { name: 'Restore this revision' }).click();
  await eventually(async () => assert.equal(await markdown(page).inputValue(), 'One two three.\n'));
  assert.deepEqual(page.errors ?? [], []);
  await context.close();
});

test('draft search finds a word of the text, a tag or the author; an empty result says so', async () => {
  const page = await openPage(browser, server.base);
  await importText(page, 'moving.md', '---\ntitle: Moving my blog\nauthor: Ada Lovelace\ntags: [static-sites]\n---\nI left WordPress behind.\n');
  await drafts(page).getByText('Moving my blog').waitFor();
  await page.getByRole('button', { name: 'New draft' }).click();
  await form(page).getByRole('textbox', { name: 'Title' }).fill('Gardening');
  await markdown(page).fill('Tomatoes and basil.\n');
  await savedWith(page, 'Tomatoes and basil.\n');
  const names = () => drafts(page).locator('.pw-draft-name').allInnerTexts();
  for (const [query, found] of [['wordpress', 'Moving my blog'], ['static-sites', 'Moving my blog'],
    ['lovelace', 'Moving my blog'], ['tomatoes', 'Gardening']]) {
    await search(page).fill(query);
    await eventually(async () => assert.deepEqual(await names(), [found], query));
  }
  // Typed key by key, as a user does: the box keeps the keyboard when nothing matches.
  await search(page).fill('');
  await search(page).pressSequentially('zeppelin');
  assert.equal(await search(page).inputValue(), 'zeppelin');
  await page.getByRole('status').filter({ hasText: 'No drafts match “zeppelin”.' }).waitFor();
  assert.deepEqual(await names(), []);
  await search(page).fill('');
  await eventually(async () => assert.equal((await names()).length, 2));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a footnote with no definition, or an empty one, is a warning with its line in the Markdown box', async () => {
  const page = await openPage(browser, server.base);
  await markdown(page).fill('A claim.[^1] Another.[^2]\n\n[^1]:\n');
  const warnings = page.getByRole('alert').filter({ hasText: 'footnote' });
  await eventually(async () => {
    const text = await warnings.innerText();
    assert.match(text, /Markdown, line 1, column 22: footnote \[\^2\] has no definition/);
    assert.match(text, /Markdown, line 3, column 1: footnote \[\^1\] is empty/);
  });
  await markdown(page).fill('A claim.[^1] Another.[^2]\n\n[^1]: The source.\n[^2]: Another.\n');
  await warnings.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a phone, Tab goes the way the screen reads: the writing, then the form, then the drafts', async () => {
  const page = await openPage(browser, server.base, { context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
  await form(page).getByRole('textbox', { name: 'Title' }).waitFor();
  const stops = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const name = el.getAttribute('aria-label') || el.labels?.[0]?.innerText || el.innerText || el.tagName;
      return { name: name.trim().slice(0, 40), top: r.top + scrollY, left: r.left };
    });
    if (!stop || (stops.length && stop.name === stops[0].name)) break;
    stops.push(stop);
  }
  const names = stops.map((s) => s.name);
  const at = (name) => names.findIndex((n) => n.startsWith(name));
  assert.ok(at('Markdown') > 0 && at('Title') > at('Markdown') && at('New draft') > at('Title'),
    `the writing, then the form, then the drafts: ${names.join(' | ')}`);
  // Each stop is below (or beside) the one before: nothing jumps back up the
  // screen (a field's Remove sits beside its label, a line above its box).
  for (let i = 1; i < stops.length; i++) {
    assert.ok(stops[i].top >= stops[i - 1].top - 40,
      `${stops[i - 1].name} (y=${Math.round(stops[i - 1].top)}) then ${stops[i].name} (y=${Math.round(stops[i].top)})`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
