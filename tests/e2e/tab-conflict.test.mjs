// Two tabs changed the same paragraph of one draft: besides Keep mine / Use
// theirs for the whole post, the conflict view settles that paragraph alone
// (mine, theirs or edited), and the settled post is what is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const markdown = (page) => page.getByRole('textbox', { name: 'Markdown' });
const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();

async function freshPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await markdown(page).waitFor();
  return page;
}

test('two tabs on the same paragraph: the conflict view settles it by editing, and that is stored', async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const a = await freshPage(context);
  await a.getByRole('textbox', { name: 'Title', exact: true }).fill('Shared');
  await markdown(a).fill('Intro.\n\nShared start.\n');
  await saved(a);
  const b = await freshPage(context);
  assert.equal(await markdown(b).inputValue(), 'Intro.\n\nShared start.\n');
  // As in drafts.test.mjs: A edits, B saves the same paragraph before A's autosave.
  await context.clock.pauseAt(Date.now() + 60_000);
  await markdown(a).fill('Intro.\n\nShared start. From A.\n');
  await markdown(b).evaluate((el) => {
    el.value = 'Intro.\n\nShared start. From B.\n';
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    window.dispatchEvent(new Event('pagehide'));
  });
  await context.clock.resume();
  const alert = a.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await alert.waitFor();
  const view = a.getByRole('dialog', { name: 'Resolve conflicts' });
  const block = view.getByRole('group', { name: /^Body at line \d+$/ });
  await block.waitFor();
  // Closed, it stays closed through the next save attempt, until asked for again.
  await view.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await view.count(), 0);
  await markdown(a).press('ControlOrMeta+s');
  // (Two frames: the save and its render are done.)
  await a.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await view.count(), 0);
  await alert.getByRole('button', { name: 'Choose per field' }).click();
  await block.waitFor();
  assert.equal(await view.getByRole('group').count(), 1, 'only the paragraph both changed');
  await block.getByRole('radio', { name: 'Edit' }).check();
  const edited = block.getByRole('textbox', { name: 'Edited text' });
  const start = await edited.inputValue();
  assert.ok(start.includes('From A.'), start);
  await edited.fill(start.replace('From A.', 'From A and B.').trimEnd());
  await view.getByRole('button', { name: 'Use resolved' }).click();
  await a.getByText('Settled the conflicts with the other tab; saved.').waitFor();
  assert.equal(await markdown(a).inputValue(), 'Intro.\n\nShared start. From A and B.\n');
  assert.equal(await view.count(), 0);
  assert.equal(await a.getByRole('alert').filter({ hasText: 'changed in another tab' }).count(), 0);
  // Stored as settled, in the one draft (no copy was made).
  await a.reload();
  await markdown(a).waitFor();
  assert.equal(await markdown(a).inputValue(), 'Intro.\n\nShared start. From A and B.\n');
  assert.equal(await a.getByRole('list', { name: 'Drafts' }).getByRole('listitem').count(), 1);
  assert.deepEqual(a.errors, []);
  await context.close();
});
