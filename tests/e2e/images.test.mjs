// Pictures: pasted, dropped or picked, each lands in the Markdown as
// ![alt](path) with the alt selected, shows in the preview at once and after
// a reload (its bytes are in IndexedDB), and leaves with the post in a zip,
// stripped of its location. An SVG with a script stays an inert <img>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, repo, eventually, PREFIX, ifd0Tags, GPS_IFD, ORIENTATION } from './harness.mjs';

const fixture = (name) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'images', name));
let server, browser;
// Where a host's own media storage puts an uploaded picture.
const UPLOADED = `${PREFIX}uploads/bay.jpg`;
before(async () => {
  server = await serve(undefined, { [UPLOADED]: { type: 'image/jpeg', body: fixture('gps.jpg') } });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', svg: 'image/svg+xml' };
const typeOf = (name) => TYPES[name.split('.').pop()];

/** A DataTransfer in the page carrying `files` ([name, bytes]). */
async function transfer(page, files) {
  return page.evaluateHandle((files) => {
    const d = new DataTransfer();
    for (const [name, type, bytes] of files) d.items.add(new File([new Uint8Array(bytes)], name, { type }));
    return d;
  }, files.map(([name, bytes]) => [name, typeOf(name), [...bytes]]));
}

async function paste(page, files, target = page.getByRole('textbox', { name: 'Markdown' })) {
  const dt = await transfer(page, files);
  await target.evaluate((el, dt) => {
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, dt);
}

async function freshPage() {
  const page = await openPage(browser, server.base);
  const editor = page.getByRole('textbox', { name: 'Markdown' });
  await editor.fill('Intro\n\n');
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  return { page, editor };
}

/** The preview's pictures: their src and whether they decoded. */
const previewImages = (page) => page.getByRole('region', { name: 'Preview' }).locator('img').evaluateAll(
  (imgs) => imgs.map((i) => ({ src: i.getAttribute('src'), was: i.dataset.pwSrc, shown: i.complete && i.naturalWidth > 0 })));


function unzip(file) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-zip-'));
  execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', file, dir]);
  const out = {};
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r); else out[r] = path.join(d, e.name);
    }
  };
  walk(dir, '');
  return out;
}

test('a pasted photo is inserted with its alt selected, previewed, kept over a reload, and exported in a zip without its GPS', async () => {
  const { page, editor } = await freshPage();
  await paste(page, [['gps.jpg', fixture('gps.jpg')]]);
  await eventually(async () => assert.equal(await editor.inputValue(), 'Intro\n\n![Gps](/images/gps.jpg)'));
  // The alt text is selected, for typing over it.
  const selected = await editor.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.equal(selected, 'Gps');
  await page.getByText('Added gps.jpg as static/images/gps.jpg (location (GPS)', { exact: false }).waitFor();
  await eventually(async () => {
    const [img] = await previewImages(page);
    assert.match(img.src, /^blob:/);
    assert.equal(img.was, '/images/gps.jpg');
    assert.ok(img.shown, 'the picture decoded in the preview');
  });
  // Typing the alt text over the selection, then Ctrl+Z: the toolbar's edit path, so undo works.
  await page.keyboard.type('The bay');
  await eventually(async () => assert.equal(await editor.inputValue(), 'Intro\n\n![The bay](/images/gps.jpg)'));

  // A reload: the draft comes back, and its picture from IndexedDB.
  await page.getByRole('button', { name: 'Export', exact: true }).waitFor();
  await page.keyboard.press('Control+s');
  await page.reload();
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await eventually(async () => assert.equal(await editor.inputValue(), 'Intro\n\n![The bay](/images/gps.jpg)'));
  await eventually(async () => {
    const [img] = await previewImages(page);
    assert.match(img.src, /^blob:/);
    assert.ok(img.shown, 'the picture decoded in the preview after the reload');
  }, 5000);

  // Export: the post and its picture at their repo paths, in a zip.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const d = await download;
  assert.match(d.suggestedFilename(), /\.zip$/);
  const files = unzip(await d.path());
  const post = Object.keys(files).find((f) => f.endsWith('.md'));
  assert.ok(post?.startsWith('content/posts/'), `the post at its path: ${Object.keys(files)}`);
  assert.equal(fs.readFileSync(files[post], 'utf8').trim().split('\n').pop(), '![The bay](/images/gps.jpg)');
  const jpeg = files['static/images/gps.jpg'];
  assert.ok(jpeg, `the picture at its repo path: ${Object.keys(files)}`);
  const out = fs.readFileSync(jpeg);
  const original = fixture('gps.jpg');
  assert.deepEqual(ifd0Tags(original).includes(GPS_IFD), true, 'the fixture has a location');
  const tags = ifd0Tags(out);
  assert.equal(tags.includes(GPS_IFD), false, 'no location left');
  assert.ok(tags.includes(ORIENTATION), 'the orientation stays');
  assert.equal(out.includes('PostwrightCam'), false, 'no camera make left');
  // The compressed pixels (from the start of scan on) are the original's, byte for byte.
  const scan = (b) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
  assert.ok(scan(out).equals(scan(original)));
  await page.context().close();
});

test('dropped pictures are named apart; a picked one comes in through the Image button, and undo takes it back', async () => {
  const { page, editor } = await freshPage();
  const dt = await transfer(page, [['plain.png', fixture('plain.png')], ['plain.png', fixture('plain.png')]]);
  await editor.dispatchEvent('drop', { dataTransfer: dt });
  await eventually(async () => assert.equal(await editor.inputValue(),
    'Intro\n\n![Plain](/images/plain.png)\n![Plain](/images/plain-2.png)'));
  await eventually(async () => {
    const imgs = await previewImages(page);
    assert.equal(imgs.length, 2);
    assert.ok(imgs.every((i) => i.src.startsWith('blob:') && i.shown), JSON.stringify(imgs));
  });

  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await editor.press('Enter');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Image', exact: true }).click();
  const picker = await chooser;
  assert.ok(picker.isMultiple(), 'several pictures at once');
  await picker.setFiles({ name: 'IMG_2041.webp', mimeType: 'image/webp', buffer: fixture('gps.webp') });
  await eventually(async () => assert.match(await editor.inputValue(), /\n!\[\]\(\/images\/img-2041\.webp\)$/));
  await eventually(async () => assert.equal((await previewImages(page)).length, 3));
  // A camera's name says nothing: no alt text, and the editor warns of it.
  const warning = page.getByText(/the image `\/images\/img-2041\.webp` has no alt text/);
  await warning.waitFor();
  // Undo takes the picture's Markdown back, as any edit of the toolbar's.
  await editor.press('Control+z');
  await eventually(async () => assert.doesNotMatch(await editor.inputValue(), /img-2041/));
  await warning.waitFor({ state: 'detached' });

  // Shift+click: only the syntax, as before.
  await page.getByRole('button', { name: 'Image', exact: true }).click({ modifiers: ['Shift'] });
  await eventually(async () => assert.match(await editor.inputValue(), /!\[[^\]]*\]\([^)]*\)$/));
  await page.context().close();
});

test('an SVG with a script is shown only through <img>: inert', async () => {
  const { page, editor } = await freshPage();
  const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="window.pwned=1">'
    + '<script>window.pwned=2</script><rect width="10" height="10" fill="red"/></svg>');
  await paste(page, [['evil.svg', svg]]);
  await eventually(async () => assert.match(await editor.inputValue(), /!\[Evil\]\(\/images\/evil\.svg\)$/));
  await eventually(async () => {
    const [img] = await previewImages(page);
    assert.match(img.src, /^blob:/);
    assert.ok(img.shown);
  });
  const preview = page.getByRole('region', { name: 'Preview' });
  assert.equal(await preview.locator('svg').count(), 0, 'never inlined');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});

test('a full storage: the writer is told, and the Markdown keeps the picture', async () => {
  const context = await browser.newContext();
  // The pictures' store says its quota is used up.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'images') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  await page.goto(server.base);
  const editor = page.getByRole('textbox', { name: 'Markdown' });
  await editor.fill('Kept text\n\n');
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await paste(page, [['plain.png', fixture('plain.png')]]);
  await page.getByText(/plain\.png is in the post and the preview, but was not kept for your next visit: the browser's storage is full/).waitFor();
  assert.equal(await editor.inputValue(), 'Kept text\n\n![Plain](/images/plain.png)');
  await context.close();
});

test("Export all carries every draft's pictures; a deleted draft's pictures go", async () => {
  const { page, editor } = await freshPage();
  await paste(page, [['plain.png', fixture('plain.png')]]);
  await eventually(async () => assert.match(await editor.inputValue(), /plain\.png\)$/));
  await page.getByRole('button', { name: 'New draft' }).click();
  await eventually(async () => assert.doesNotMatch(await editor.inputValue(), /plain\.png/));
  await editor.fill('Second\n\n');
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await paste(page, [['plain.gif', fixture('plain.gif')]]);
  await eventually(async () => assert.match(await editor.inputValue(), /plain\.gif\)$/));
  await eventually(async () => assert.equal((await previewImages(page)).length, 1), 3000);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  const files = unzip(await (await download).path());
  assert.deepEqual(fs.readFileSync(files['static/images/plain.png']), fixture('plain.png'), `${Object.keys(files)}`);
  assert.deepEqual(fs.readFileSync(files['static/images/plain.gif']), fixture('plain.gif'));
  assert.equal(Object.keys(files).filter((f) => f.endsWith('.md')).length, 2);
  await page.getByText('Exported 2 drafts with 2 pictures.').waitFor();

  // Delete the second draft; once the page is left (no undo then), its picture goes.
  const stored = () => page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('postwright-images');
    open.onsuccess = () => {
      const req = open.result.transaction('images').objectStore('images').getAllKeys();
      req.onsuccess = () => { resolve(req.result.map((k) => k.split('\n')[1]).sort()); open.result.close(); };
      req.onerror = () => reject(req.error);
    };
    open.onerror = () => reject(open.error);
  }));
  assert.deepEqual(await stored(), ['static/images/plain.gif', 'static/images/plain.png']);
  // The open one (the second), by its place in the list.
  await page.getByRole('list', { name: 'Drafts' }).locator('li[aria-current="true"]').getByRole('button', { name: /^Delete/ }).click();
  await page.getByText(/^Deleted/).waitFor();
  await page.reload();
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await eventually(async () => assert.deepEqual(await stored(), ['static/images/plain.png']), 5000);
  await page.context().close();
});

test('a host with its own media storage: the postwright-upload event and the upload hook of mount() give the URL', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(`${server.base}demo/`);
  const first = page.locator('postwright-editor').nth(0);
  const editor = first.getByRole('textbox', { name: 'Markdown' });
  // What a CMS gives back: an absolute URL of its own.
  const url = `http://${new URL(server.base).host}${UPLOADED}`;
  await editor.waitFor();
  await page.evaluate((url) => {
    document.querySelector('postwright-editor').addEventListener('postwright-upload', (e) => {
      e.preventDefault();
      window.uploaded = { name: e.detail.file.name, type: e.detail.file.type, size: e.detail.file.size };
      e.detail.respondWith(new Promise((resolve) => setTimeout(() => resolve(url), 20)));
    });
  }, url);
  await editor.fill('Hosted\n\n');
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await paste(page, [['The Bay.jpg', fixture('gps.jpg')]], editor);
  await eventually(async () => assert.equal(await editor.inputValue(), `Hosted\n\n![The Bay](${url})`));
  const sent = await page.evaluate(() => window.uploaded);
  assert.equal(sent.name, 'the-bay.jpg', 'named as the editor would file it');
  assert.equal(sent.type, 'image/jpeg');
  assert.ok(sent.size < fixture('gps.jpg').length, 'stripped of its metadata before it leaves');
  await eventually(async () => {
    const imgs = await first.getByRole('region', { name: 'Preview' }).locator('img').evaluateAll(
      (l) => l.map((i) => ({ src: i.getAttribute('src'), shown: i.complete && i.naturalWidth > 0 })));
    assert.equal(imgs.length, 1);
    assert.equal(imgs[0].src, url);
    assert.ok(imgs[0].shown);
  });

  // mount() with an upload hook, in a host that is no form.
  await page.evaluate(async ([url, bytes]) => {
    const { mount } = await import('../widget/postwright.js');
    const here = document.createElement('div');
    here.id = 'mounted';
    document.body.append(here);
    window.hooked = [];
    await mount(here, { value: 'Mounted\n', upload: async (file) => { window.hooked.push(file.name); return url; } });
    const area = here.shadowRoot.querySelector('#pw-markdown');
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
    const d = new DataTransfer();
    d.items.add(new File([new Uint8Array(bytes)], 'dot.png', { type: 'image/png' }));
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
  }, [url, [...fixture('plain.png')]]);
  const mounted = page.locator('#mounted').getByRole('textbox', { name: 'Markdown' });
  await eventually(async () => assert.equal(await mounted.inputValue(), `Mounted\n\n![Dot](${url})`));
  assert.deepEqual(await page.evaluate(() => window.hooked), ['dot.png']);
  assert.equal(page.errors.length, 0, page.errors.join('\n'));
  await context.close();
});

test('an image field takes a picked or dropped picture and shows its thumbnail; an image list adds them', async () => {
  const { page, editor } = await freshPage();
  const form = page.getByRole('group', { name: 'Front matter' });
  if (await page.getByRole('button', { name: 'Show front matter' }).count()) await page.getByRole('button', { name: 'Show front matter' }).click();
  for (const key of ['image', 'images']) {
    await form.getByRole('combobox', { name: 'Field to add' }).selectOption(key);
    await form.getByRole('button', { name: 'Add field' }).click();
  }
  const chooser = page.waitForEvent('filechooser');
  await form.getByRole('button', { name: 'Choose picture for Image', exact: true }).click();
  await (await chooser).setFiles({ name: 'Cover.png', mimeType: 'image/png', buffer: fixture('plain.png') });
  const image = form.getByRole('textbox', { name: 'Image', exact: true });
  await eventually(async () => assert.equal(await image.inputValue(), '/images/cover.png'));
  await eventually(async () => {
    const thumb = await form.locator('.pw-image-field').filter({ has: page.getByRole('textbox', { name: 'Image', exact: true }) }).locator('img').evaluate((i) => ({ src: i.src, shown: !i.hidden && i.complete && i.naturalWidth > 0 }));
    assert.match(thumb.src, /^blob:/);
    assert.ok(thumb.shown, 'the thumbnail shows the picture kept here');
  });
  // Two dropped on the list: both added, and not into the Markdown.
  const dt = await transfer(page, [['a.gif', fixture('plain.gif')], ['b.png', fixture('plain.png')]]);
  await form.getByRole('button', { name: 'Choose picture for Images' }).dispatchEvent('drop', { dataTransfer: dt });
  await form.getByRole('listitem').filter({ hasText: '/images/a.gif' }).waitFor();
  await form.getByRole('listitem').filter({ hasText: '/images/b.png' }).waitFor();
  assert.equal(await editor.inputValue(), 'Intro\n\n');
  await eventually(async () => assert.equal(await form.locator('.pw-thumbs img').count(), 2));
  await page.context().close();
});

test('a photo wider than 2400 px is offered a resize: the preview and the export get the smaller one, the Markdown stays', async () => {
  const { page, editor } = await freshPage();
  // A 3000x2000 PNG, drawn in the page.
  const dt = await page.evaluateHandle(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const g = canvas.getContext('2d');
    g.fillStyle = '#3a6'; g.fillRect(0, 0, 3000, 2000);
    const d = new DataTransfer();
    d.items.add(new File([await canvas.convertToBlob({ type: 'image/png' })], 'wide.png', { type: 'image/png' }));
    return d;
  });
  await editor.evaluate((el, dt) => el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })), dt);
  await page.getByText('wide.png is 3000 px wide; sites rarely show more than 2400 px.').waitFor();
  const width = () => page.getByRole('region', { name: 'Preview' }).locator('img').evaluate((i) => i.complete ? i.naturalWidth : 0);
  await eventually(async () => assert.equal(await width(), 3000));
  await page.getByRole('button', { name: 'Resize to 2400 px' }).click();
  await page.getByText('Resized static/images/wide.png.').waitFor();
  await eventually(async () => assert.equal(await width(), 2400));
  assert.equal(await editor.inputValue(), 'Intro\n\n![Wide](/images/wide.png)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const files = unzip(await (await download).path());
  const png = fs.readFileSync(files['static/images/wide.png']);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [2400, 1600]);
  await page.context().close();
});

test("a host's media-folder and public-folder say where pictures go and how the post refers to them", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}demo/`);
  const first = page.locator('postwright-editor').nth(0);
  const editor = first.getByRole('textbox', { name: 'Markdown' });
  await editor.waitFor();
  await page.evaluate(() => document.querySelector('postwright-editor').setAttribute('media-folder', 'static/uploads'));
  await editor.fill('Host\n\n');
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await paste(page, [['a.png', fixture('plain.png')]], editor);
  await eventually(async () => assert.equal(await editor.inputValue(), 'Host\n\n![A](/static/uploads/a.png)'));
  await page.evaluate(() => document.querySelector('postwright-editor').setAttribute('public-folder', '/uploads'));
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await paste(page, [['b.png', fixture('plain.png')]], editor);
  await eventually(async () => assert.match(await editor.inputValue(), /!\[B\]\(\/uploads\/b\.png\)$/));
  // The resize limit is the host's to set too.
  await page.evaluate(() => document.querySelector('postwright-editor').setAttribute('image-max-width', '4'));
  await editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await paste(page, [['c.png', fixture('gps.png')]], editor);
  await first.getByRole('button', { name: 'Resize to 4 px' }).waitFor();
  await first.getByRole('button', { name: 'Keep original' }).click();
  await first.getByRole('button', { name: 'Resize to 4 px' }).waitFor({ state: 'detached' });
  // Shown from the browser's copy (the demo's CSP lets blob: images in).
  await eventually(async () => {
    const imgs = await first.getByRole('region', { name: 'Preview' }).locator('img').evaluateAll((l) => l.map((i) => i.complete && i.naturalWidth > 0));
    assert.deepEqual(imgs, [true, true, true]);
  });
  await context.close();
});
