// A host page that sets `value` while the writer has edits: the two are
// merged by field and block instead of the edits being replaced; a conflict
// is settled in the conflict view; a form reset still resets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, eventually } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const INITIAL = '---\ntitle: Hello\ndate: 2026-11-30\ntags: [demo]\n---\nBody of the **first** post.\n';

test('a value set by the host over the writer\'s edits is merged; a conflict is settled; reset resets', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.goto(`${server.base}demo/`);
  const editor = page.locator('postwright-editor').first();
  const markdown = editor.getByRole('textbox', { name: 'Markdown' });
  await markdown.waitFor();
  const value = () => editor.evaluate((el) => el.value);
  const setValue = (text) => editor.evaluate((el, t) => { el.value = t; }, text);
  await markdown.fill('Body of the **first** post, typed here.\n');
  // The host changes another field (say, a tag its own UI added).
  await setValue(INITIAL.replace('[demo]', '[demo, host]'));
  await editor.getByText('The page changed the post while you were editing: its change and yours are merged.').waitFor();
  const merged = INITIAL.replace('[demo]', '[demo, host]').replace('post.', 'post, typed here.');
  await eventually(async () => assert.equal(await value(), merged));
  assert.equal(await markdown.inputValue(), 'Body of the **first** post, typed here.\n');
  // The host rewrites the same paragraph the writer edited: a conflict, the writer's text stays meanwhile.
  await markdown.fill('Body of the **first** post, typed again.\n');
  const hosts = merged.replace('post, typed here.', 'post, from the host.');
  await setValue(hosts);
  const view = editor.getByRole('dialog', { name: 'Resolve conflicts' });
  const block = view.getByRole('group', { name: /^Body at line \d+$/ });
  await block.waitFor();
  assert.equal(await markdown.inputValue(), 'Body of the **first** post, typed again.\n');
  await block.getByRole('radio', { name: 'Theirs' }).check();
  await view.getByRole('button', { name: 'Use resolved' }).click();
  await eventually(async () => assert.equal(await value(), hosts));
  assert.equal(await view.count(), 0);
  // A form reset is the host asking for its default: it replaces.
  await markdown.fill('Typed before the reset.\n');
  await page.getByRole('button', { name: 'Reset' }).click();
  await eventually(async () => assert.equal(await value(), INITIAL));
  assert.deepEqual(page.problems, []);
  await context.close();
});
