// A blogger's first hour, walked as the user does it (by role and name):
// ending a list or a quote with Enter, and block insertions under a list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

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
