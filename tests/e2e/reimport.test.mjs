// Importing a file that a draft already holds makes no duplicate: the same
// text opens that draft; another text is offered as that draft opened, or
// the file merged into it by field and block (conflicts in the conflict view).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, importText, eventually } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const FILE = '---\ntitle: Hello\ntags: [a]\n---\nFirst paragraph.\n\nSecond paragraph.\n';
const saved = (page) => page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();

test('a file imported again opens its draft, or is merged into it, never duplicated', async () => {
  const page = await openPage(browser, server.base);
  const items = page.getByRole('list', { name: 'Drafts' }).getByRole('listitem');
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  const markdown = page.getByRole('textbox', { name: 'Markdown' });
  await importText(page, 'hello.md', FILE);
  await page.getByText('Imported hello.md.').waitFor();
  // The same file again: its draft, opened.
  await importText(page, 'hello.md', FILE);
  await page.getByText('hello.md is already a draft: opened it.').waitFor();
  assert.equal(await items.count(), 1);
  // The writer retitles it; the file meanwhile gains a tag and a new second paragraph.
  await title.fill('Hello, edited');
  await title.press('Tab');
  await saved(page);
  await importText(page, 'hello.md', FILE.replace('[a]', '[a, b]').replace('Second paragraph.', 'Second paragraph, changed.'));
  const offer = page.getByRole('alert').filter({ hasText: 'hello.md is already a draft (“Hello, edited”), with other text.' });
  await offer.getByRole('button', { name: 'Merge the file into it' }).click();
  await page.getByText('Merged hello.md into its draft; from the file: tags, 1 body block.').waitFor();
  assert.equal(await title.inputValue(), 'Hello, edited');
  assert.equal(await markdown.inputValue(), 'First paragraph.\n\nSecond paragraph, changed.\n');
  assert.equal(await items.count(), 1, 'no duplicate');
  // A file that changed the title too: that one field is a conflict to settle.
  await saved(page);
  await importText(page, 'hello.md', FILE.replace('title: Hello', 'title: Hello from the file'));
  await offer.first().waitFor();
  await page.getByRole('alert').filter({ hasText: 'is already a draft' }).getByRole('button', { name: 'Merge the file into it' }).click();
  const view = page.getByRole('dialog', { name: 'Resolve conflicts' });
  await view.getByRole('group', { name: 'Field title' }).getByRole('radio', { name: 'Theirs' }).check();
  await view.getByRole('button', { name: 'Use resolved' }).click();
  await page.getByText('Merged hello.md into its draft.').waitFor();
  assert.equal(await title.inputValue(), 'Hello from the file');
  await eventually(async () => assert.equal(await items.count(), 1));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
