// Pictures and an opened folder: a folder post's own pictures (its page
// bundle's, the static folder's) show in the preview, read from the folder;
// Save to folder writes the pictures added here beside the post, stripped,
// and never over another file. The folder is a directory of the
// origin-private file system.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, repo, eventually, ifd0Tags, GPS_IFD, ORIENTATION } from './harness.mjs';

const fixture = (name) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'images', name));
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page whose `Open folder` opens blog/ holding `files` ({path: text or bytes}), with `post` opened. */
async function openFolderPost(files, post) {
  const context = await browser.newContext();
  const entries = Object.entries(files).map(([p, c]) => [p, typeof c === 'string' ? c : [...c]]);
  await context.addInitScript((entries) => {
    const at = async (p, create) => {
      let d = await navigator.storage.getDirectory();
      const parts = ['blog', ...p.split('/')];
      const name = parts.pop();
      for (const n of parts) d = await d.getDirectoryHandle(n, { create });
      return [d, name];
    };
    window.folder = {
      bytes: async (p) => {
        try {
          const [d, name] = await at(p, false);
          return [...new Uint8Array(await (await (await d.getFileHandle(name)).getFile()).arrayBuffer())];
        } catch { return null; }
      },
    };
    window.showDirectoryPicker = async () => {
      for (const [p, content] of entries) {
        const [d, name] = await at(p, true);
        const w = await (await d.getFileHandle(name, { create: true })).createWritable();
        await w.write(typeof content === 'string' ? content : new Uint8Array(content)); await w.close();
      }
      return (await navigator.storage.getDirectory()).getDirectoryHandle('blog');
    };
  }, entries);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByRole('list', { name: 'Folder posts' }).getByRole('button', { name: post }).click();
  await page.getByText(`Opened ${post}.`).waitFor();
  return page;
}


const previewImages = (page) => page.getByRole('region', { name: 'Preview' }).locator('img').evaluateAll(
  (imgs) => imgs.map((i) => ({ src: i.getAttribute('src'), was: i.dataset.pwSrc, shown: i.complete && i.naturalWidth > 0 })));

test('a folder post shows its page bundle picture and its static folder picture, read from the folder', async () => {
  const bundle = 'content/posts/trip/index.md';
  const page = await openFolderPost({
    [bundle]: '---\ntitle: "Trip"\n---\n![The cover](cover.png)\n\n![A map](/images/map.gif)\n',
    'content/posts/trip/cover.png': fixture('plain.png'),
    'static/images/map.gif': fixture('plain.gif'),
  }, bundle);
  await eventually(async () => {
    const imgs = await previewImages(page);
    assert.equal(imgs.length, 2);
    for (const [img, was] of imgs.map((img, i) => [img, ['cover.png', '/images/map.gif'][i]])) {
      assert.match(img.src, /^blob:/, was);
      assert.equal(img.was, was);
      assert.ok(img.shown, `${was} decoded in the preview`);
    }
  });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Save to folder writes a pasted picture, stripped, at its media path, and never over another file', async () => {
  const post = 'content/posts/hello.md';
  const other = fixture('plain.gif');
  const page = await openFolderPost({
    [post]: '---\ntitle: "Hello"\n---\nIntro\n',
    // Another file already has the name the second picture takes.
    'static/images/plain.png': other,
  }, post);
  const editor = page.getByRole('textbox', { name: 'Markdown' });
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  const dt = await page.evaluateHandle((files) => {
    const d = new DataTransfer();
    for (const [name, type, bytes] of files) d.items.add(new File([new Uint8Array(bytes)], name, { type }));
    return d;
  }, [['gps.jpg', 'image/jpeg', [...fixture('gps.jpg')]], ['plain.png', 'image/png', [...fixture('plain.png')]]]);
  await editor.evaluate((el, dt) => el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })), dt);
  await eventually(async () => assert.match(await editor.inputValue(), /!\[Gps\]\(\/images\/gps\.jpg\)/));
  await eventually(async () => assert.match(await editor.inputValue(), /!\[Plain\]\(\/images\/plain\.png\)/));
  await eventually(async () => assert.ok((await previewImages(page)).every((i) => i.shown), 'both shown'));
  await page.getByRole('button', { name: 'Save to folder' }).click();
  const left = 'Left static/images/plain.png as it was: another file is there, not written over.';
  await page.getByText(`Saved ${post}. Wrote 1 picture. ${left}`).waitFor();
  const written = Buffer.from(await page.evaluate(() => window.folder.bytes('static/images/gps.jpg')));
  assert.ok(ifd0Tags(fixture('gps.jpg')).includes(GPS_IFD), 'the fixture has a location');
  assert.equal(written[0], 0xff, 'a JPEG');
  assert.equal(ifd0Tags(written).includes(GPS_IFD), false, 'written without its location');
  assert.ok(ifd0Tags(written).includes(ORIENTATION), 'the orientation stays');
  assert.deepEqual(await page.evaluate(() => window.folder.bytes('static/images/plain.png')), [...other]);
  // Saving again: gps.jpg is there with the same bytes, so it is not written again.
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Hello again');
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page.getByText(`Saved ${post}. ${left}`, { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
