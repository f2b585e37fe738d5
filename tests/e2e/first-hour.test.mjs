// A blogger's first hour, walked as the user does it (by role and name):
// ending a list or a quote with Enter, block insertions under a list, typing
// in Raw front matter, the room the writing gets (wide and on a phone), the
// skip link, undoing a field's removal, the toolbar's tips, focus mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, openPage, importText, repo, scrollSettled, eventually } from './harness.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const sample = (name) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', name), 'utf8');
const DEVREL = 'from-dev-to-devrel.md';
const form = (page) => page.getByRole('group', { name: 'Front matter' });
const raw = (page) => page.getByRole('textbox', { name: 'Raw front matter' });
/** The front matter as text: the `Raw front matter` disclosure opened first, as a user does. */
async function rawText(page) {
  const disclosure = page.getByRole('button', { name: 'Raw front matter' });
  if (await disclosure.getAttribute('aria-expanded') === 'false') await disclosure.click();
  return raw(page).inputValue();
}

async function importSample(page, name = DEVREL) {
  await importText(page, name, sample(name));
  await form(page).getByRole('textbox', { name: 'Title' }).waitFor();
  await eventually(async () => assert.notEqual(await markdown(page).inputValue(), ''));
}

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const markdown = (page) => page.getByRole('textbox', { name: 'Markdown' });
const preview = (page) => page.getByRole('region', { name: 'Preview' });

test('Enter on an empty item ends the list or the quote, and the next paragraph stands alone', async () => {
  const page = await openPage(browser, server.base);
  const editor = markdown(page);
  await editor.fill('');
  await editor.pressSequentially('- Hugo');
  await editor.press('Enter');
  await editor.pressSequentially('Jekyll');
  await editor.press('Enter');
  await editor.press('Enter');
  await editor.pressSequentially('That is all.');
  assert.equal(await editor.inputValue(), '- Hugo\n- Jekyll\n\nThat is all.');
  const para = preview(page).getByText('That is all.');
  await para.waitFor();
  assert.equal(await para.evaluate((el) => el.closest('li') === null && el.tagName), 'P', 'the paragraph is not inside the last bullet');

  await editor.fill('');
  await editor.pressSequentially('> Write every day.');
  await editor.press('Enter');
  assert.equal(await editor.inputValue(), '> Write every day.\n> ');
  await editor.press('Enter');
  await editor.pressSequentially('Said no one.');
  assert.equal(await editor.inputValue(), '> Write every day.\n\nSaid no one.');
  const after = preview(page).getByText('Said no one.');
  await after.waitFor();
  assert.equal(await after.evaluate((el) => el.closest('blockquote') === null), true, 'the paragraph is outside the quote');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Table button after a list starts a table of its own', async () => {
  const page = await openPage(browser, server.base);
  const editor = markdown(page);
  await editor.fill('');
  await editor.pressSequentially('- one item');
  await editor.press('Enter');
  await editor.press('Enter');
  // The caret now sits on a fresh line after the list; a table goes there.
  await page.getByRole('button', { name: 'Table' }).click();
  await preview(page).getByRole('table').waitFor();
  assert.equal(await preview(page).getByRole('listitem').count(), 1);
  assert.equal(await preview(page).getByRole('listitem').textContent(), 'one item', 'the table is not the item\'s text');

  // Straight under an item (no Enter first) it also leaves the list alone.
  await editor.fill('- another item\n');
  await editor.press('Control+End');
  await page.getByRole('button', { name: 'Table' }).click();
  await preview(page).getByRole('listitem').filter({ hasText: /^another item$/ }).waitFor();
  await preview(page).getByRole('table').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('typing at the end of Raw front matter keeps the line together', async () => {
  const page = await openPage(browser, server.base);
  await page.getByRole('button', { name: 'Raw front matter' }).click();
  const box = raw(page);
  await box.click();
  await box.press('Control+End');
  const before = await box.inputValue();
  await box.pressSequentially('tags: [hugo]');
  assert.equal(await box.inputValue(), before + 'tags: [hugo]', 'each character lands after the one before, on one line');
  await form(page).getByRole('list', { name: 'Tags' }).getByText('hugo').waitFor();
  assert.equal(await form(page).isDisabled(), false, 'the YAML parses: the form is not greyed out');
  // An edit from the form shows in the box at once.
  await form(page).getByRole('textbox', { name: 'Title' }).fill('Typed here');
  await eventually(async () => assert.match(await box.inputValue(), /title: Typed here/));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('at 1440x900 the writing gets the room: no page scroll, the form compact, notices float', async () => {
  const page = await openPage(browser, server.base, { context: { viewport: { width: 1440, height: 900 } } });
  await importSample(page);
  const box = await markdown(page).boundingBox();
  assert.ok(box.y < 400, `the Markdown box starts high on the page (y=${box.y})`);
  assert.ok(box.height > 380, `and takes the height (h=${box.height})`);
  const scroll = await page.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
  assert.ok(scroll <= 0, `the page does not scroll (${scroll} px)`);
  const pbox = await preview(page).boundingBox();
  assert.ok(pbox.height > 380 && pbox.width > 400, 'the preview takes the space beside it');

  // The raw text is behind its own disclosure; the form shows the key fields.
  assert.equal(await raw(page).isVisible(), false);
  assert.equal(await form(page).getByRole('textbox', { name: 'Description' }).count(), 0);
  const more = form(page).getByRole('button', { name: /^More fields/ });
  await more.click();
  await form(page).getByRole('textbox', { name: 'Description' }).waitFor();
  await page.reload();
  await form(page).getByRole('textbox', { name: 'Description' }).waitFor();
  await form(page).getByRole('button', { name: 'Fewer fields' }).click();
  assert.equal(await form(page).getByRole('textbox', { name: 'Description' }).count(), 0);
  await page.reload();
  await form(page).getByRole('button', { name: /^More fields/ }).waitFor();

  // Notices do not push the writing down; the same notice twice is one; the grammar is right.
  const y = (await markdown(page).boundingBox()).y;
  await page.getByRole('button', { name: 'Export all' }).click();
  const exported = page.getByRole('status').filter({ hasText: 'Exported 1 draft.' });
  await exported.waitFor();
  assert.equal((await markdown(page).boundingBox()).y, y, 'the Markdown box did not move');
  await page.getByRole('button', { name: 'Export all' }).click();
  await page.waitForTimeout(300);
  assert.equal(await exported.count(), 1, 'duplicates merge');
  // An information notice goes away by itself.
  await page.mouse.move(5, 450);
  await exported.waitFor({ state: 'detached', timeout: 20000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a phone the Markdown box is on the first screen, with Write and Preview tabs', async () => {
  const page = await openPage(browser, server.base, { context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
  await importSample(page);
  const write = page.getByRole('tab', { name: 'Write' });
  const show = page.getByRole('tab', { name: 'Preview' });
  assert.equal(await write.getAttribute('aria-selected'), 'true');
  const box = await markdown(page).boundingBox();
  assert.ok(box.y + 80 < 844, `the Markdown box starts on the first screen (y=${box.y})`);
  assert.equal(await preview(page).isVisible(), false);
  await show.click();
  await preview(page).getByRole('heading', { name: 'From Dev to Devrel' }).waitFor();
  assert.equal(await markdown(page).isVisible(), false, 'one pane at a time');
  assert.equal(await show.getAttribute('aria-selected'), 'true');
  await write.click();
  await markdown(page).waitFor();
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `nothing overflows sideways (${overflow} px)`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the first Tab stop skips to the writing, and focus shows', async () => {
  const page = await openPage(browser, server.base);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to writing' });
  assert.equal(await skip.evaluate((el) => el.matches(':focus')), true, 'the skip link is the first Tab stop');
  assert.ok(await skip.isVisible(), 'and shows when focused');
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await markdown(page).evaluate((el) => el.matches(':focus')), true, 'Enter lands in the Markdown box');
  await page.keyboard.type('Hello');
  assert.match(await markdown(page).inputValue(), /Hello/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('removing a field can be undone, by the notice or by Ctrl+Z in the form', async () => {
  const page = await openPage(browser, server.base);
  await importSample(page);
  const original = await rawText(page);
  const title = form(page).getByRole('textbox', { name: 'Title' });
  await form(page).getByRole('button', { name: 'Remove Title' }).click();
  assert.equal(await title.count(), 0);
  const notice = page.getByRole('status').filter({ hasText: 'Removed Title' });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await title.waitFor();
  assert.equal(await rawText(page), original, 'the front matter is back byte for byte');
  assert.equal(await notice.count(), 0);

  await form(page).getByRole('button', { name: 'Remove Title' }).click();
  assert.equal(await title.count(), 0);
  // Focus moved to the next field; Ctrl+Z there takes the removal back.
  assert.equal(await form(page).evaluate((el) => el.contains(el.getRootNode().activeElement)), true);
  await page.keyboard.press('Control+z');
  await title.waitFor();
  assert.equal(await rawText(page), original);

  // The field's remove button is not a second × next to the tags' ×.
  const removeTags = form(page).getByRole('button', { name: 'Remove Tags' });
  assert.notEqual((await removeTags.textContent()).trim(), '×');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('toolbar buttons show what they do on hover and on keyboard focus; Field to add starts on a prompt', async () => {
  const page = await openPage(browser, server.base);
  const bold = page.getByRole('button', { name: 'Bold', exact: true });
  const tip = (el) => el.evaluate((b) => getComputedStyle(b, '::after').content);
  assert.equal(await tip(bold), 'none');
  await bold.hover();
  assert.match(await tip(bold), /Bold \(Ctrl\+B\)/);
  await page.mouse.move(0, 0);
  await markdown(page).focus();
  // Keyboard: from the Markdown box back into the toolbar.
  const table = page.getByRole('button', { name: 'Table', exact: true });
  await table.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.match(await tip(table), /Table/, 'a tip on keyboard focus too');
  const picker = form(page).getByRole('combobox', { name: 'Field to add' });
  assert.equal(await picker.inputValue(), '');
  assert.notEqual(await picker.evaluate((s) => s.selectedOptions[0].textContent), 'Taxonomies');
  // Add field with the prompt chosen adds nothing.
  const before = await rawText(page);
  await form(page).getByRole('button', { name: 'Add field' }).click();
  assert.equal(await rawText(page), before);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('focus mode: only the Markdown box, the whole window; Esc leaves', async () => {
  const page = await openPage(browser, server.base, { context: { viewport: { width: 1440, height: 900 } } });
  await importSample(page);
  await page.getByRole('button', { name: 'Focus mode' }).click();
  const box = await markdown(page).boundingBox();
  assert.ok(box.height > 800, `the whole height (${box.height})`);
  assert.ok(box.width < 900, `a comfortable line length (${box.width} px)`);
  assert.equal(await preview(page).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Export', exact: true }).isVisible(), false);
  assert.equal(await form(page).isVisible(), false);
  assert.equal(await markdown(page).evaluate((el) => el.matches(':focus')), true, 'the writing has the keyboard');
  await page.keyboard.press('Escape');
  await preview(page).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Export', exact: true }).isVisible());
  // The shortcut, both ways.
  await markdown(page).focus();
  await page.keyboard.press('Control+Shift+F');
  await eventually(async () => assert.equal(await preview(page).isVisible(), false));
  await page.keyboard.press('Control+Shift+F');
  await preview(page).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an added field goes where the schema puts it', async () => {
  const page = await openPage(browser, server.base);
  await importText(page, 'order.md', '---\ntitle: Order\ndate: 2025-01-02\ntags: [a]\n---\nBody\n');
  await form(page).getByRole('textbox', { name: 'Title' }).waitFor();
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('description');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  await eventually(async () => assert.deepEqual(
    (await rawText(page)).split('\n').map((l) => l.split(':')[0]).filter(Boolean),
    ['title', 'date', 'description', 'tags'],
  ));
  await form(page).getByRole('textbox', { name: 'Description' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the demo host page loads without a problem, and the app page has its landmarks', async () => {
  const demo = await (await browser.newContext()).newPage();
  demo.errors = [];
  demo.on('pageerror', (e) => demo.errors.push(String(e)));
  await demo.goto(`${server.base}demo/`);
  const editors = demo.locator('postwright-editor');
  assert.equal(await editors.count(), 2);
  for (let i = 0; i < 2; i++) {
    await editors.nth(i).getByRole('textbox', { name: 'Markdown' }).waitFor();
    assert.equal(await editors.nth(i).getByRole('alert').count(), 0, `editor ${i + 1} shows no problem on load`);
  }
  assert.deepEqual(demo.errors, []);
  await demo.context().close();

  const page = await openPage(browser, server.base);
  await importSample(page);
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['landmark-one-main', 'region'], resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  assert.deepEqual(found, []);
  await page.context().close();
});

test('a footnote has a back-link (↩) to where it is referenced', async () => {
  const page = await openPage(browser, server.base);
  const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the post.`).join('\n\n');
  await markdown(page).fill(`See the note.[^a]\n\n${filler}\n\n[^a]: The note itself.\n`);
  const back = preview(page).getByRole('link', { name: 'Back to reference 1' });
  await back.waitFor({ state: 'attached' });
  // Back at the top of the post (the preview follows the Markdown box's scroll).
  await markdown(page).press('Control+Home');
  await markdown(page).evaluate((el) => { el.scrollTop = 0; });
  const ref = preview(page).getByRole('link', { name: '1', exact: true });
  await eventually(async () => assert.ok(await inView(ref) && !(await inView(back)), 'the top of the post shows'));
  await scrollSettled(preview(page));
  await ref.click();
  await eventually(async () => assert.ok(await back.isVisible() && await inView(back), 'the reference scrolls to its note'));
  await back.click();
  await eventually(async () => assert.ok(await inView(ref), 'the back-link scrolls to the reference'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Whether `locator` is inside the Preview's visible area. */
async function inView(locator) {
  return locator.evaluate((el) => {
    const box = el.closest('.pw-preview').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  });
}
