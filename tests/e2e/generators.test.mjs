// The generator decides the post: New draft writes what its own `new`
// command writes, the form offers its fields under its keys, and the Draft
// checkbox writes the key it reads. Switching never rewrites a written post.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, openPage, importText, eventually } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const form = (page) => page.getByRole('group', { name: 'Front matter' });
const generator = (page) => page.getByRole('combobox', { name: 'Generator' });
/** The front matter as text, from `Raw front matter` (its disclosure opened first, as a user does). */
async function raw(page) {
  const disclosure = page.getByRole('button', { name: 'Raw front matter' });
  if (await disclosure.getAttribute('aria-expanded') === 'false') await disclosure.click();
  return page.getByRole('textbox', { name: 'Raw front matter' }).inputValue();
}
/** The whole post, as Export downloads it. */
async function exported(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return fs.readFileSync(await (await download).path(), 'utf8');
}
/** The labels of the fields the `Field to add` picker offers. */
const offered = (page) => form(page).getByRole('combobox', { name: 'Field to add' })
  .evaluate((s) => [...s.options].map((o) => o.value).filter(Boolean));

const DATE = '\\d{4}-\\d{2}-\\d{2}';
const NEW_POST = {
  hugo: new RegExp(`^---\\ntitle: ""\\ndate: ${DATE}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}\\ndraft: true\\n---\\n\\n$`),
  jekyll: new RegExp(`^---\\nlayout: post\\ntitle: ""\\ndate: ${DATE} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\npublished: false\\n---\\n\\n$`),
  zola: new RegExp(`^\\+\\+\\+\\ntitle = ""\\ndate = ${DATE}\\ndraft = true\\n\\+\\+\\+\\n\\n$`),
  astro: new RegExp(`^---\\ntitle: ""\\ndescription: ""\\npubDate: ${DATE}\\ndraft: true\\n---\\n\\n$`),
  eleventy: new RegExp(`^---\\ntitle: ""\\ndate: ${DATE}\\ntags: posts\\neleventyExcludeFromCollections: true\\n---\\n\\n$`),
};

test('New draft writes what each generator\'s own tooling writes, and the form offers its fields', async () => {
  const page = await openPage(browser, server.base);
  for (const [id, shape] of Object.entries(NEW_POST)) {
    await generator(page).selectOption(id);
    await page.getByRole('button', { name: 'New draft' }).click();
    await page.getByRole('textbox', { name: 'Title', exact: true }).waitFor();
    await eventually(async () => assert.match(await exported(page), shape, id));
    // Every new post is a draft, by the generator's own key.
    await eventually(async () => assert.ok(await form(page).getByRole('checkbox', { name: 'Draft', exact: true }).isChecked(), id));
  }
  // Each generator's own fields: Astro's pubDate, Zola's tables, Jekyll without `draft`.
  await generator(page).selectOption('astro');
  await page.getByRole('button', { name: 'New draft' }).click();
  await form(page).getByRole('textbox', { name: 'Publication date', exact: true }).waitFor();
  assert.ok((await offered(page)).includes('heroImage'));
  await generator(page).selectOption('zola');
  await eventually(async () => assert.ok((await offered(page)).includes('extra')));
  assert.ok(!(await offered(page)).includes('params'), 'Hugo\'s params are not Zola\'s');
  await generator(page).selectOption('jekyll');
  await eventually(async () => assert.ok((await offered(page)).includes('permalink')));
  assert.ok(!(await offered(page)).includes('draft'), 'Jekyll ignores draft: it is not offered');
  // The drafts list keeps one draft: each untouched starter gave way to the next.
  assert.equal(await page.getByRole('list', { name: 'Drafts' }).getByRole('listitem').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('under Jekyll the Draft checkbox writes published: false; switching generator leaves a written post as it is until asked', async () => {
  const page = await openPage(browser, server.base);
  await generator(page).selectOption('jekyll');
  const post = '---\nlayout: post\ntitle: Going live\ndate: 2024-05-01 10:00:00 +0200\n---\nBody\n';
  await importText(page, '2024-05-01-going-live.md', post);
  await eventually(async () => assert.equal(await form(page).getByRole('textbox', { name: 'Title', exact: true }).inputValue(), 'Going live'));
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('published');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  const draft = form(page).getByRole('checkbox', { name: 'Draft', exact: true });
  // Added unchecked: the post is still published.
  await eventually(async () => assert.match(await raw(page), /\npublished: true\n/));
  assert.equal(await draft.isChecked(), false);
  await draft.check();
  await eventually(async () => assert.equal(await raw(page), 'layout: post\ntitle: Going live\ndate: 2024-05-01 10:00:00 +0200\npublished: false\n'));
  assert.doesNotMatch(await raw(page), /draft/);
  await page.getByRole('status').filter({ hasText: 'Jekyll will not publish this' }).waitFor();
  // Another generator reads it differently, but the post stays as written.
  const before = await raw(page);
  await generator(page).selectOption('zola');
  await eventually(async () => assert.ok((await offered(page)).includes('taxonomies')));
  assert.equal(await raw(page), before);
  // Asked, it writes the draft as Zola reads one, in the same line.
  await form(page).getByRole('button', { name: 'Write as draft: true' }).click();
  await eventually(async () => assert.equal(await raw(page), before.replace('published: false', 'draft: true')));
  await page.getByRole('status').filter({ hasText: 'Zola will not publish this: it is a draft' }).waitFor();
  assert.ok(await form(page).getByRole('checkbox', { name: 'Draft', exact: true }).isChecked());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Open folder reads the site\'s hugo.toml (never runs it): the generator, the Site URL and the status line\'s URLs follow it; links to posts it lacks are said', async () => {
  const context = await browser.newContext();
  // The picker cannot be driven headless: hand the app a real directory
  // handle from the origin-private file system instead.
  await context.addInitScript(() => {
    window.showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      const site = await root.getDirectoryHandle('site', { create: true });
      const put = async (d, name, content) => {
        const w = await (await d.getFileHandle(name, { create: true })).createWritable();
        await w.write(content); await w.close();
      };
      await put(site, 'hugo.toml', [
        "baseURL = 'https://blog.example.org/'",
        'buildFuture = true',
        "timeZone = 'Etc/GMT-2'",
        '[permalinks]',
        "posts = '/:year/:month/:slug/'",
        '',
      ].join('\n'));
      const posts = await (await site.getDirectoryHandle('content', { create: true })).getDirectoryHandle('posts', { create: true });
      await put(posts, 'hello.md', '---\ntitle: Hello\ndate: 2024-02-03T10:00:00\n---\nSee [later](later.md) and [gone](gone.md).\n');
      await put(posts, 'later.md', '---\ntitle: Later\ndate: 2099-01-01\n---\nNot yet\n');
      return site;
    };
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  // Before: another generator, no Site URL.
  await generator(page).selectOption('jekyll');
  const siteUrl = page.getByRole('textbox', { name: 'Site URL' });
  assert.equal(await siteUrl.inputValue(), '');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByText('Read hugo.toml: Hugo, at https://blog.example.org/.').first().waitFor();
  await eventually(async () => assert.equal(await generator(page).inputValue(), 'hugo'));
  assert.equal(await siteUrl.inputValue(), 'https://blog.example.org/');
  const list = page.getByRole('list', { name: 'Folder posts' });
  const status = page.getByRole('status').filter({ hasText: / will (not )?publish / });
  // The config's permalink pattern, under its base URL.
  await list.getByRole('button', { name: 'content/posts/hello.md' }).click();
  await page.getByText('Opened content/posts/hello.md.').waitFor();
  await status.filter({ hasText: 'Hugo will publish this at https://blog.example.org/2024/02/hello/' }).waitFor();
  // A link to a post the folder does not have is said, with its line; mended, it goes.
  const links = page.getByRole('status').filter({ hasText: /links? goes? nowhere/ });
  await links.filter({ hasText: '1 link goes nowhere (line 5)' }).waitFor();
  // Which, in full, on hover.
  assert.equal(await links.getAttribute('title'), 'Line 5, column 27: link `gone.md` points to no file (content/posts/gone.md)');
  await page.getByRole('textbox', { name: 'Markdown' }).fill('See [later](later.md).\n');
  await links.waitFor({ state: 'detached' });
  // buildFuture: a post dated ahead is built all the same.
  await list.getByRole('button', { name: 'content/posts/later.md' }).click();
  await page.getByText('Opened content/posts/later.md.').waitFor();
  await status.filter({ hasText: 'Hugo will publish this at https://blog.example.org/2099/01/later/' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('under Zola the [taxonomies] tags and categories are chips, each edit one line of the table', async () => {
  const page = await openPage(browser, server.base);
  await generator(page).selectOption('zola');
  const post = '+++\ntitle = "Tables"\ndate = 2024-01-02\n\n[taxonomies]\ntags = ["rust"]\n\n[extra]\ntoc = true\n+++\nBody\n';
  await importText(page, 'tables.md', post);
  const chips = (name) => form(page).getByRole('list', { name, exact: true }).getByRole('listitem');
  await eventually(async () => assert.deepEqual(await chips('Tags').allInnerTexts(), ['rust\n×']));
  // The table is shown through its chips, not as TOML text.
  assert.equal(await form(page).getByRole('textbox', { name: 'Taxonomies', exact: true }).count(), 0);
  const before = await raw(page);
  const tags = form(page).getByRole('textbox', { name: 'Tags', exact: true });
  await tags.click();
  await tags.pressSequentially('wasm\n');
  await eventually(async () => assert.equal(await raw(page), before.replace('tags = ["rust"]', 'tags = ["rust", "wasm"]')));
  // Categories, added from the picker, go into the same table.
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('taxonomies.categories');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  const categories = form(page).getByRole('textbox', { name: 'Categories', exact: true });
  await categories.click();
  await categories.pressSequentially('web\n');
  await eventually(async () => assert.equal(await raw(page), before.replace('tags = ["rust"]\n', 'tags = ["rust", "wasm"]\ncategories = ["web"]\n')));
  assert.deepEqual(await chips('Categories').allInnerTexts(), ['web\n×']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** A page whose `Open folder` gets an origin-private folder `name` holding `files` (path: text). */
async function pageWithFolder(name, files) {
  const context = await browser.newContext();
  await context.addInitScript(([name, files]) => {
    window.showDirectoryPicker = async () => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
      for (const [path, text] of Object.entries(files)) {
        const parts = path.split('/');
        let dir = root;
        for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
        const w = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
        await w.write(text); await w.close();
      }
      return root;
    };
  }, [name, files]);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  return page;
}

test('a date without an offset is read in the site\'s named time zone (Europe/Oslo in summer: UTC+2); its own taxonomies are fields', async () => {
  const page = await pageWithFolder('oslo', {
    'hugo.toml': "baseURL = 'https://oslo.example/'\ntimeZone = 'Europe/Oslo'\n[taxonomies]\ntag = 'tags'\nseries = 'series'\n",
    'content/posts/soon.md': '---\ntitle: Soon\ndate: 2099-07-02T08:00:00\n---\nNot yet\n',
  });
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.getByRole('list', { name: 'Folder posts' }).getByRole('button', { name: 'content/posts/soon.md' }).click();
  await page.getByText('Opened content/posts/soon.md.').waitFor();
  await page.getByRole('status').filter({ hasText: 'Hugo will publish this at https://oslo.example/posts/soon/ from 2099-07-02T06:00:00Z (its date is in the future)' }).waitFor();
  // The site's own taxonomy is a field to add, as a list.
  assert.ok((await offered(page)).includes('series'));
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('series');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  await form(page).getByRole('textbox', { name: 'Series', exact: true }).pressSequentially('Summer\n');
  await eventually(async () => assert.match(await raw(page), /\nseries:\n- Summer\n|\nseries: \[Summer\]\n/));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
