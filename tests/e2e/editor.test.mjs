// The editor, as a user drives it: by role and accessible name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, artifact } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('typing Markdown updates the Preview', async () => {
  const page = await openPage(browser, server.base);
  const editor = page.getByRole('textbox', { name: 'Markdown' });
  const preview = page.getByRole('region', { name: 'Preview' });
  await editor.fill('');
  await editor.pressSequentially('# Typed heading\n\nSome *emphasis* and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
  await assert.doesNotReject(
    preview.getByRole('heading', { name: 'Typed heading' }).waitFor({ timeout: 5000 }),
  );
  assert.equal(await preview.locator('em').first().textContent(), 'emphasis');
  assert.equal(await preview.getByRole('cell', { name: '2' }).count(), 1);
  await page.screenshot({ path: artifact('editor.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
});
