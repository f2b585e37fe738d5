// Import and export: an untouched post comes back byte for byte; a bad file
// gets an alert and replaces nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, repo, importText, PREFIX, eventually } from './harness.mjs';

let server, browser;
// The image a fixture's Hugo figure shows (`{{< figure src="a.png" >}}`), beside the page.
const DOT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
before(async () => {
  server = await serve(undefined, { [`${PREFIX}a.png`]: { type: 'image/png', body: DOT } });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const fixtures = [
  ...['from-dev-to-devrel.md', 'ic-take-on-devrel-2025.md'].map((f) => path.join(repo, 'tests', 'fixtures', 'samples', f)),
  ...fs.readdirSync(path.join(repo, 'tests', 'fixtures', 'posts')).sort().map((f) => path.join(repo, 'tests', 'fixtures', 'posts', f)),
];

async function importBytes(page, name, buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/markdown', buffer });
}

async function exportBytes(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

test('import then export of an untouched post gives identical bytes', async () => {
  assert.ok(fixtures.length >= 30, `round-trip fixtures: ${fixtures.length}`);
  const page = await openPage(browser, server.base);
  for (const file of fixtures) {
    const bytes = fs.readFileSync(file);
    const name = path.basename(file);
    await importBytes(page, name, bytes);
    await page.getByText(`Imported ${name}.`).last().waitFor();
    const out = await exportBytes(page);
    assert.ok(out.bytes.equals(bytes), `${name}: exported bytes differ (${out.bytes.length} vs ${bytes.length})`);
    assert.equal(out.name, name, 'exported under the name it came with');
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an imported post keeps its file name; a new post is named by the generator; File name renames it', async () => {
  const page = await openPage(browser, server.base);
  const fileName = page.getByRole('textbox', { name: 'File name' });
  // Imported: the name it came with, whatever its title or the generator.
  const sample = fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', 'ic-take-on-devrel-2025.md'));
  await importBytes(page, 'ic-take-on-devrel-2025.md', sample);
  await page.getByText('Imported ic-take-on-devrel-2025.md.').waitFor();
  await eventually(async () => assert.equal(await fileName.inputValue(), 'content/posts/ic-take-on-devrel-2025.md'));
  assert.equal((await exportBytes(page)).name, 'ic-take-on-devrel-2025.md');
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.fill('A retitled post');
  await title.press('Tab');
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('jekyll');
  assert.equal((await exportBytes(page)).name, 'ic-take-on-devrel-2025.md', 'a new title does not rename the file');
  await eventually(async () => assert.equal(await fileName.inputValue(), '_posts/ic-take-on-devrel-2025.md'));

  // A new post: the generator's convention, shown before export.
  await page.getByRole('button', { name: 'New draft' }).click();
  await title.fill('Hello, World!');
  await title.press('Tab');
  await page.getByRole('textbox', { name: 'Date' }).fill('2024-03-05');
  await page.getByRole('textbox', { name: 'Date' }).press('Tab');
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('hugo');
  await eventually(async () => assert.equal(await fileName.inputValue(), 'content/posts/hello-world.md'));
  assert.equal((await exportBytes(page)).name, 'hello-world.md');
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('jekyll');
  await eventually(async () => assert.equal(await fileName.inputValue(), '_posts/2024-03-05-hello-world.md'));
  assert.equal((await exportBytes(page)).name, '2024-03-05-hello-world.md');

  // Named by hand, kept across a reload.
  await fileName.fill('_posts/2024-03-05-greetings.md');
  await fileName.press('Enter');
  await fileName.press('Tab');
  assert.equal((await exportBytes(page)).name, '2024-03-05-greetings.md');
  await page.reload();
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await eventually(async () => assert.equal(await fileName.inputValue(), '_posts/2024-03-05-greetings.md'));
  // A path that leaves the blog is refused, saying why; the name stays.
  await fileName.fill('../outside.md');
  await fileName.press('Tab');
  await page.getByRole('alert').filter({ hasText: 'File name not changed' }).waitFor();
  assert.equal((await exportBytes(page)).name, '2024-03-05-greetings.md');
  await page.context().close();
});

test('a post plainly written for another generator gets a one-click suggestion, never a silent switch', async () => {
  const page = await openPage(browser, server.base);
  const generator = page.getByRole('combobox', { name: 'Generator' });
  const suggestion = (label) => page.getByRole('status').filter({ hasText: `looks like a ${label} post` });
  assert.equal(await generator.inputValue(), 'hugo');
  // A plain YAML post with an ordinary name tells nothing.
  await importText(page, 'plain.md', '---\ntitle: Plain\n---\nBody\n');
  await page.getByText('Imported plain.md.').waitFor();
  assert.equal(await page.getByRole('status').filter({ hasText: 'looks like' }).count(), 0);
  // Jekyll's dated file name: suggested, and taken with one click.
  await importText(page, '2024-05-01-hello.md', '---\ntitle: Hello\ndate: 2024-05-01\n---\nBody\n');
  await suggestion('Jekyll').getByRole('button', { name: 'Use Jekyll' }).click();
  assert.equal(await generator.inputValue(), 'jekyll');
  await suggestion('Jekyll').waitFor({ state: 'detached' });
  assert.equal((await exportBytes(page)).name, '2024-05-01-hello.md');
  // Zola's tables: suggested; dismissed, nothing changes.
  await importText(page, 'zola.md', '+++\ntitle = "Z"\n[taxonomies]\ntags = ["a"]\n+++\nBody\n');
  await suggestion('Zola').getByRole('button', { name: 'Dismiss' }).click();
  await suggestion('Zola').waitFor({ state: 'detached' });
  assert.equal(await generator.inputValue(), 'jekyll');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a binary or non-UTF-8 file is refused with an alert and nothing is replaced', async () => {
  const page = await openPage(browser, server.base);
  await importText(page, 'good.md', '---\ntitle: Keep me\n---\nKept body\n');
  await page.getByText('Imported good.md.').waitFor();
  await importBytes(page, 'latin1.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x3a, 0x20, 0xe9, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]));
  await page.getByRole('alert').filter({ hasText: 'latin1.md' }).waitFor();
  // What, where, and what to do, in whole sentences.
  assert.equal(await page.getByRole('alert').filter({ hasText: 'latin1.md' }).locator('span').first().textContent(),
    'latin1.md was not imported. This file is not valid UTF-8 text (bad byte at offset 7). Save it as UTF-8 and try again. Nothing was replaced.');
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
  await importBytes(page, 'image.md', Buffer.from(png));
  await page.getByRole('alert').filter({ hasText: 'image.md' }).waitFor();
  // An image chosen by mistake, or in hope: how to show it instead.
  await importBytes(page, 'photo.PNG', Buffer.from(png));
  await page.getByRole('alert').filter({ hasText: 'photo.PNG is an image, not a post' }).filter({ hasText: '![what it shows](/path/to/photo.PNG)' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Markdown' }).inputValue(), 'Kept body\n');
  assert.equal((await exportBytes(page)).bytes.toString(), '---\ntitle: Keep me\n---\nKept body\n');
  await page.context().close();
});

test('several files dropped on the editor become drafts; Export all zips them per preset', async () => {
  const page = await openPage(browser, server.base);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['---\ntitle: First dropped\ndate: 2024-01-02\n---\nOne\n'], 'one.md', { type: 'text/markdown' }));
    d.items.add(new File(['---\ntitle: Second dropped\ndate: 2024-01-03\n---\nTwo\r\n'], 'two.md', { type: 'text/markdown' }));
    return d;
  });
  await page.getByRole('textbox', { name: 'Markdown' }).dispatchEvent('drop', { dataTransfer: dt });
  const drafts = page.getByRole('list', { name: 'Drafts' });
  await drafts.getByRole('listitem').filter({ hasText: 'Second dropped' }).waitFor();
  await drafts.getByRole('listitem').filter({ hasText: 'First dropped' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Markdown' }).inputValue(), 'One\n', 'the first file is opened');

  await page.getByRole('combobox', { name: 'Generator' }).selectOption('jekyll');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  const file = await (await download).path();
  const listing = JSON.parse(execFileSync('python3', ['-c',
    'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))', file]).toString());
  // Each keeps the name it came with, in the generator's folder for posts.
  assert.equal(listing['_posts/one.md'], '---\ntitle: First dropped\ndate: 2024-01-02\n---\nOne\n');
  assert.equal(listing['_posts/two.md'], '---\ntitle: Second dropped\ndate: 2024-01-03\n---\nTwo\r\n');
  await page.context().close();
});

test('pasting a whole post opens it with its front matter in the form; Copy puts the post on the clipboard', async () => {
  const page = await openPage(browser, server.base, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  const editor = page.getByRole('textbox', { name: 'Markdown' });
  await editor.fill('');
  const post = '---\ntitle: Pasted post\ntags: [a]\n---\nPasted body\n';
  await editor.evaluate((el, text) => {
    const d = new DataTransfer();
    d.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
  }, post);
  await page.getByRole('textbox', { name: 'Title', exact: true }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue(), 'Pasted post');
  assert.equal(await editor.inputValue(), 'Pasted body\n');
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.getByText('Copied the post to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), post);
  await page.context().close();
});

test('closing the folder picker says nothing; a folder that cannot be read says why', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.pickerCalls = 0;
    // As Chromium answers when the user closes the picker, then a refusal.
    window.showDirectoryPicker = async () => {
      window.pickerCalls += 1;
      if (window.pickerCalls === 1) throw new DOMException('The user aborted a request.', 'AbortError');
      throw new DOMException('The request is not allowed.', 'NotAllowedError');
    };
  });
  const page = await context.newPage();
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  const alerts = page.locator('.pw-notices .pw-alert');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.waitForFunction(() => window.pickerCalls === 1);
  await page.waitForTimeout(300);
  assert.equal(await alerts.count(), 0, await alerts.allInnerTexts().then((t) => t.join(' | ')));
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByRole('alert').filter({ hasText: 'Could not open the folder: The request is not allowed.' }).waitFor();
  await context.close();
});

test('Open folder lists a checkout\'s posts; Save to folder writes back with a one-line diff', async () => {
  const original = '---\ntitle: "Hello"\ndate: 2024-02-03\n# a comment the CMS must keep\ntags: [a, b]\n---\nBody\r\nwith CRLF\r\n';
  const context = await browser.newContext();
  // The picker cannot be driven headless: hand the app a real directory
  // handle from the origin-private file system instead.
  await context.addInitScript((text) => {
    window.showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      const blog = await root.getDirectoryHandle('blog', { create: true });
      const dir = async (parent, ...names) => { let d = parent; for (const n of names) d = await d.getDirectoryHandle(n, { create: true }); return d; };
      const put = async (d, name, content) => {
        const w = await (await d.getFileHandle(name, { create: true })).createWritable();
        await w.write(content); await w.close();
      };
      const posts = await dir(blog, 'content', 'posts');
      await put(posts, 'hello.md', text);
      await put(posts, 'other.md', '---\ntitle: Other\n---\nx\n');
      await put(posts, 'image.png', 'not a post');
      await put(await dir(blog, 'node_modules', 'pkg'), 'README.md', 'skip me');
      await put(await dir(blog, '.git'), 'notes.md', 'skip me');
      return blog;
    };
  }, original);
  const page = await context.newPage();
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await page.getByRole('button', { name: 'Open folder' }).click();
  const list = page.getByRole('list', { name: 'Folder posts' });
  await list.waitFor();
  assert.deepEqual(await list.getByRole('button').allInnerTexts(), ['content/posts/hello.md', 'content/posts/other.md']);
  await list.getByRole('button', { name: 'content/posts/hello.md' }).click();
  const title = page.getByRole('textbox', { name: 'Title', exact: true });
  await page.getByText('Opened content/posts/hello.md.').waitFor();
  assert.equal(await title.inputValue(), 'Hello');
  await title.fill('Hello again');
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page.getByText('Saved content/posts/hello.md.').waitFor();
  const written = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const posts = await (await (await root.getDirectoryHandle('blog')).getDirectoryHandle('content')).getDirectoryHandle('posts');
    return (await (await posts.getFileHandle('hello.md')).getFile()).text();
  });
  assert.equal(written, original.replace('title: "Hello"', 'title: "Hello again"'));
  await context.close();
});
