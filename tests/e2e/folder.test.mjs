// Save to folder never overwrites what changed on disk since the post was
// opened: a clean merge is written (and said), a conflict opens the conflict
// view and writes nothing until settled, a file gone from disk is reported.
// The folder is a real directory of the origin-private file system.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, eventually } from './harness.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const ORIGINAL = '---\ntitle: "Hello"\ndate: 2024-02-03\ntags: [a, b]\n---\nFirst paragraph.\n\nSecond paragraph.\n';
const PATH = 'content/posts/hello.md';

/** A page whose `Open folder` opens blog/ holding content/posts/hello.md, opened in the editor. */
async function openHello() {
  const context = await browser.newContext();
  await context.addInitScript((text) => {
    const posts = async () => {
      let d = await navigator.storage.getDirectory();
      for (const n of ['blog', 'content', 'posts']) d = await d.getDirectoryHandle(n, { create: true });
      return d;
    };
    // Another program's hand on the file: what git or another editor would do.
    window.disk = {
      write: async (content) => {
        const w = await (await (await posts()).getFileHandle('hello.md', { create: true })).createWritable();
        await w.write(content); await w.close();
      },
      read: async () => {
        try { return await (await (await (await posts()).getFileHandle('hello.md')).getFile()).text(); } catch { return null; }
      },
      remove: async () => (await posts()).removeEntry('hello.md'),
      // The next read of a file by the app is followed at once by this change
      // on disk: a change landing between Save to folder's check and its write.
      raceNextRead: (content) => { window.disk.race = content; },
    };
    const arrayBuffer = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = async function () {
      const bytes = await arrayBuffer.call(this);
      const race = window.disk.race;
      if (race != null) { window.disk.race = null; await window.disk.write(race); }
      return bytes;
    };
    window.showDirectoryPicker = async () => {
      await window.disk.write(text);
      return (await navigator.storage.getDirectory()).getDirectoryHandle('blog');
    };
  }, ORIGINAL);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByRole('list', { name: 'Folder posts' }).getByRole('button', { name: PATH }).click();
  await page.getByText(`Opened ${PATH}.`).waitFor();
  return page;
}

const disk = {
  read: (page) => page.evaluate(() => window.disk.read()),
  write: (page, text) => page.evaluate((t) => window.disk.write(t), text),
  remove: (page) => page.evaluate(() => window.disk.remove()),
};

test('a file changed on disk in another field and paragraph is merged with the edits, and the notice says what came from disk', async () => {
  const page = await openHello();
  const markdown = page.getByRole('textbox', { name: 'Markdown' });
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Hello again');
  await markdown.fill('First paragraph, mine.\n\nSecond paragraph.\n');
  // Meanwhile, on disk (a git pull): another key and another paragraph.
  await disk.write(page, ORIGINAL.replace('tags: [a, b]', 'tags: [a, b, c]').replace('Second paragraph.', 'Second paragraph, from disk.'));
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page.getByText(`Saved ${PATH}, merged with what changed on disk since it was read: tags, 1 body block.`).waitFor();
  const expected = '---\ntitle: "Hello again"\ndate: 2024-02-03\ntags: [a, b, c]\n---\nFirst paragraph, mine.\n\nSecond paragraph, from disk.\n';
  assert.equal(await disk.read(page), expected);
  // The editor holds the merge too, and a second save has nothing to merge.
  assert.equal(await markdown.inputValue(), 'First paragraph, mine.\n\nSecond paragraph, from disk.\n');
  assert.equal(await page.getByRole('dialog', { name: 'Resolve conflicts' }).count(), 0);
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Hello, third');
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await eventually(async () => assert.equal(await disk.read(page), expected.replace('Hello again', 'Hello, third')));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a conflicting change on disk opens the conflict view; nothing is written until each conflict is settled, by keyboard too', async () => {
  const page = await openHello();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Mine');
  await page.getByRole('textbox', { name: 'Markdown' }).fill('First paragraph.\n\nSecond paragraph, mine.\n');
  const theirs = ORIGINAL.replace('title: "Hello"', 'title: "Theirs"').replace('Second paragraph.', 'Second paragraph, theirs.');
  await disk.write(page, theirs);
  await page.getByRole('button', { name: 'Save to folder' }).click();
  const view = page.getByRole('dialog', { name: 'Resolve conflicts' });
  await view.waitFor();
  const title = view.getByRole('group', { name: 'Field title' });
  // The first choice has the focus as the view opens.
  await eventually(async () => assert.ok(await title.getByRole('radio', { name: 'Mine' }).evaluate((el) => el.getRootNode().activeElement === el)));
  const body = view.getByRole('group', { name: /^Body at line \d+$/ });
  await title.waitFor();
  await body.waitFor();
  await page.getByText(`${PATH} changed on disk too: nothing was written.`).waitFor();
  assert.equal(await disk.read(page), theirs, 'nothing written while conflicts stand');
  // The view passes axe (no serious or critical violations), the Edit box open too.
  await title.getByRole('radio', { name: 'Edit' }).check();
  await page.evaluate(axeSource);
  const serious = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`));
  assert.deepEqual(serious, []);
  await title.getByRole('radio', { name: 'Mine' }).check();
  await title.getByRole('radio', { name: 'Mine' }).focus();
  const save = view.getByRole('button', { name: 'Save resolved' });
  assert.ok(await save.isDisabled(), 'cannot save before every conflict has a choice');
  // By keyboard: from Mine, arrows move to Edit, Tab to its text.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const edited = title.getByRole('textbox', { name: 'Edited text' });
  await edited.waitFor();
  assert.equal(await edited.inputValue(), 'title: "Mine"\n');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('title: "Mine and theirs"');
  assert.ok(await save.isDisabled());
  await body.getByRole('radio', { name: 'Theirs' }).check();
  assert.equal(await disk.read(page), theirs, 'still nothing written');
  await save.click();
  await page.getByText(`Saved ${PATH}.`).waitFor();
  const settled = ORIGINAL.replace('title: "Hello"', 'title: "Mine and theirs"').replace('Second paragraph.', 'Second paragraph, theirs.');
  assert.equal(await disk.read(page), settled);
  assert.equal(await view.count(), 0);
  assert.equal(await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue(), 'Mine and theirs');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Cancel in the conflict view writes nothing', async () => {
  const page = await openHello();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Mine');
  const theirs = ORIGINAL.replace('title: "Hello"', 'title: "Theirs"');
  await disk.write(page, theirs);
  await page.getByRole('button', { name: 'Save to folder' }).click();
  const view = page.getByRole('dialog', { name: 'Resolve conflicts' });
  await view.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Not saved to the folder: the conflicts were left as they were.').waitFor();
  assert.equal(await view.count(), 0);
  assert.equal(await disk.read(page), theirs);
  await page.context().close();
});

test('a file deleted on disk is reported, not recreated, until the writer asks to write it anew', async () => {
  const page = await openHello();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Still here');
  await disk.remove(page);
  await page.getByRole('button', { name: 'Save to folder' }).click();
  const report = page.getByRole('alert').filter({ hasText: `${PATH} is no longer in the folder: it was deleted or moved. Nothing was written.` });
  await report.waitFor();
  assert.equal(await disk.read(page), null, 'not recreated silently');
  await report.getByRole('button', { name: 'Write it anew' }).click();
  await page.getByText(`Wrote ${PATH} anew.`).waitFor();
  assert.equal(await disk.read(page), ORIGINAL.replace('"Hello"', '"Still here"'));
  assert.equal(await report.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a change on disk landing between the check and the write is merged too, not overwritten', async () => {
  const page = await openHello();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Hello again');
  await page.evaluate((t) => window.disk.raceNextRead(t), ORIGINAL.replace('Second paragraph.', 'Second paragraph, just now.'));
  await page.getByRole('button', { name: 'Save to folder' }).click();
  await page.getByText(`Saved ${PATH}, merged with what changed on disk since it was read: 1 body block.`).waitFor();
  assert.equal(await disk.read(page), ORIGINAL.replace('"Hello"', '"Hello again"').replace('Second paragraph.', 'Second paragraph, just now.'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
