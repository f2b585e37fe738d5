// "Will it publish, and where?": the status line under the writing says what
// the chosen generator will do with the open post, and at which address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const publishing = (page) => page.getByRole('status').filter({ hasText: / will (not )?(publish|write) / });

test('the status line says whether and where the generator will publish the post', async () => {
  const page = await openPage(browser, server.base);
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('hugo');
  const siteUrl = page.getByRole('textbox', { name: 'Site URL' });
  await siteUrl.fill('https://example.com/');
  await siteUrl.press('Tab');
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.fill('Hello there');
  await title.press('Tab');
  // A new post is a draft: Hugo will not publish it, and says why.
  await publishing(page).filter({ hasText: 'Hugo will not publish this: it is a draft (draft: true)' }).waitFor();
  await page.getByRole('checkbox', { name: 'Draft' }).uncheck();
  await publishing(page).filter({ hasText: 'Hugo will publish this at https://example.com/posts/hello-there/' }).waitFor();
  // Dated ahead: when it will appear.
  const date = page.getByRole('textbox', { name: 'Date' });
  await date.fill('2099-01-02T08:00:00+01:00');
  await date.press('Tab');
  await publishing(page).filter({ hasText: 'from 2099-01-02T07:00:00Z (its date is in the future)' }).waitFor();
  // Jekyll ignores `draft`: the same post with draft: true goes live there.
  await date.fill('2024-05-01');
  await date.press('Tab');
  await page.getByRole('checkbox', { name: 'Draft' }).check();
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('jekyll');
  await publishing(page).filter({ hasText: 'Jekyll will publish this at https://example.com/2024/05/01/hello-there.html' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
