// The front-matter form's widgets and the editor's chrome, as a user drives
// them: by role and accessible name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, repo, importText, PREFIX, eventually } from './harness.mjs';

// A 1×1 PNG, served as a blog's image under the site's base URL.
const DOT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let server, browser;
before(async () => {
  server = await serve(undefined, {
    [`${PREFIX}site/img/dot.png`]: { type: 'image/png', body: DOT },
    // The same path beside the editor's page, where an unresolved relative path points.
    [`${PREFIX}img/dot.png`]: { type: 'image/png', body: DOT },
    [`${PREFIX}host/img/dot.png`]: { type: 'image/png', body: DOT },
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const sample = (name) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', name), 'utf8');
const form = (page) => page.getByRole('group', { name: 'Front matter' });
const raw = (page) => page.getByRole('textbox', { name: 'Raw front matter' });
const markdown = (page) => page.getByRole('textbox', { name: 'Markdown' });
const preview = (page) => page.getByRole('region', { name: 'Preview' });
/** The front matter's lines, read from `Raw front matter` (its disclosure opened first, as a user does). */
async function lines(page) {
  const disclosure = page.getByRole('button', { name: 'Raw front matter' });
  if (await disclosure.getAttribute('aria-expanded') === 'false') await disclosure.click();
  return (await raw(page).inputValue()).split('\n');
}


/** The lines of `after` that are not in `before`, and those gone from it. */
function diff(before, after) {
  return { added: after.filter((l) => !before.includes(l)), removed: before.filter((l) => !after.includes(l)) };
}

test('the form: dates keep their spelling, Draft is a checkbox, fields are added and removed, images show thumbnails', async () => {
  const page = await openPage(browser, server.base);
  const site = `${server.base}site/`;
  await page.locator('postwright-editor').evaluate((el, b) => el.setAttribute('base-url', b), site);
  await importText(page, 'ic-take-on-devrel-2025.md', sample('ic-take-on-devrel-2025.md'));
  const title = form(page).getByRole('textbox', { name: 'Title', exact: true });
  await eventually(async () => assert.equal(await title.inputValue(), "An IC's take on DevRel in 2025"));
  const date = form(page).getByRole('textbox', { name: 'Date', exact: true });
  assert.equal(await date.inputValue(), '2025-05-05 17:35:52.919448');
  const original = await lines(page);

  // Draft, added from the schema, is a checkbox; checking it writes one line.
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('draft');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  const draft = form(page).getByRole('checkbox', { name: 'Draft', exact: true });
  await draft.check();
  assert.ok(await draft.isChecked());
  await eventually(async () => assert.deepEqual(diff(original, await lines(page)), { added: ['draft: true'], removed: [] }));

  // An image path gets a thumbnail from the site's base URL (resolved as a
  // browser would on the site: relative to the base, `/…` to its origin);
  // a path that does not load hides it, and a good one shows it again.
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('image');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  const image = form(page).getByRole('textbox', { name: 'Image', exact: true });
  const thumb = form(page).locator('.pw-image-field img');
  const shown = () => thumb.evaluate((img) => !img.hidden && img.complete && img.naturalWidth === 1);
  await image.fill('img/dot.png');
  await assert.doesNotReject(thumb.waitFor({ state: 'attached' }));
  assert.equal(await thumb.getAttribute('src'), `${site}img/dot.png`);
  await page.waitForFunction((img) => img.complete, await thumb.elementHandle());
  assert.ok(await shown(), 'the thumbnail of an image that resolves is shown');
  await image.fill('/img/dot.png');
  await page.waitForFunction((img) => img.hidden, await thumb.elementHandle());
  assert.equal(await thumb.getAttribute('src'), `${new URL(site).origin}/img/dot.png`);
  await image.fill('img/dot.png');
  await page.waitForFunction((img) => !img.hidden && img.complete && img.naturalWidth === 1, await thumb.elementHandle());
  const d = diff(original, await lines(page));
  assert.equal(d.added.length, 2, JSON.stringify(d));
  assert.deepEqual(d.removed, []);
  assert.match(d.added[1], /^image: "?img\/dot\.png"?$/);

  // Removing both leaves the front matter as it was imported.
  await form(page).getByRole('button', { name: 'Remove Image' }).click();
  await form(page).getByRole('button', { name: 'Remove Draft' }).click();
  assert.equal(await form(page).getByRole('textbox', { name: 'Image', exact: true }).count(), 0);
  await eventually(async () => assert.deepEqual(await lines(page), original));
  assert.equal(await date.inputValue(), '2025-05-05 17:35:52.919448');

  // The preview resolves a relative image against the same base URL.
  await markdown(page).fill('![A dot](img/dot.png)\n');
  const img = preview(page).getByRole('img', { name: 'A dot' });
  await img.waitFor();
  assert.equal(await img.getAttribute('src'), `${site}img/dot.png`);
  await page.waitForFunction((el) => el.complete && el.naturalWidth === 1, await img.elementHandle());
  // (The one 404 is the path that does not resolve, on purpose.)
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
  await page.context().close();
});

test('Site URL: on its own, the editor is told where the blog is; images resolve there, and it is kept', async () => {
  const page = await openPage(browser, server.base);
  const site = `${server.base}site/`;
  await markdown(page).fill('![a dot](img/dot.png)\n');
  const img = preview(page).getByRole('img', { name: 'a dot' });
  assert.equal(await img.getAttribute('src'), 'img/dot.png');
  const box = page.getByRole('textbox', { name: 'Site URL' });
  await box.fill(site);
  await box.press('Enter');
  // (Queried afresh each time: new options render the preview's blocks anew.)
  const previewImage = (src) => page.waitForFunction((src) => {
    const img = document.querySelector('postwright-editor').shadowRoot.querySelector('[aria-label=Preview] img');
    return img?.getAttribute('src') === src && img.complete && img.naturalWidth === 1;
  }, src);
  await previewImage(`${site}img/dot.png`);
  // The form's thumbnails use it too.
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('image');
  await form(page).getByRole('button', { name: 'Add field' }).click();
  await form(page).getByRole('textbox', { name: 'Image', exact: true }).fill('img/dot.png');
  await eventually(async () => assert.equal(await form(page).locator('.pw-image-field img').getAttribute('src'), `${site}img/dot.png`));
  // Kept for next time, like the generator.
  await page.reload();
  await markdown(page).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Site URL' }).inputValue(), site);
  await previewImage(`${site}img/dot.png`);
  // A host that gives a base URL owns it: the box goes.
  await page.locator('postwright-editor').evaluate((el, b) => el.setAttribute('base-url', b), `${server.base}host/`);
  await page.getByRole('textbox', { name: 'Site URL' }).waitFor({ state: 'detached' });
  await previewImage(`${server.base}host/img/dot.png`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the keyboard keeps its place: an added field is focused, removing a field or a draft moves to the next one', async () => {
  const page = await openPage(browser, server.base);
  const focused = () => page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a && (a.getAttribute('aria-label') || a.labels?.[0]?.textContent || a.textContent).trim();
  });
  // Tab reaches a field's value before its Remove button.
  await form(page).getByRole('textbox', { name: 'Title', exact: true }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Remove Title');
  await form(page).getByRole('combobox', { name: 'Field to add' }).selectOption('description');
  await form(page).getByRole('button', { name: 'Add field' }).press('Enter');
  assert.equal(await focused(), 'Description');
  await form(page).getByRole('button', { name: 'Remove Title' }).press('Enter');
  assert.equal(await focused(), 'Date *', 'the next field');
  // (Hugo's fields put Description after Draft.)
  await form(page).getByRole('button', { name: 'Remove Draft' }).press('Enter');
  assert.equal(await focused(), 'Description');
  await form(page).getByRole('button', { name: 'Remove Description' }).press('Enter');
  assert.equal(await focused(), 'Field to add', 'after the last field comes the field picker');

  await page.getByRole('button', { name: 'New draft' }).press('Enter');
  const list = page.getByRole('list', { name: 'Drafts' });
  await list.getByRole('listitem').nth(1).waitFor();
  await list.getByRole('button', { name: /^Delete / }).first().press('Enter');
  assert.match(await focused(), /^Untitled/, 'the next draft');
  await list.getByRole('button', { name: /^Delete / }).first().press('Enter');
  assert.equal(await focused(), 'New draft', 'no draft left: New draft');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('word count and reading time follow the text; the form collapses; the theme toggles', async () => {
  const page = await openPage(browser, server.base);
  await markdown(page).fill('');
  await markdown(page).pressSequentially('one two three four five');
  await page.getByText(/^5 words · 1 min read$/).waitFor();
  await markdown(page).fill(`${'word '.repeat(600)}\n`);
  await page.getByText(/^600 words · 3 min read$/).waitFor();

  const toggle = page.getByRole('button', { name: 'Hide front matter' });
  await toggle.click();
  assert.equal(await form(page).isVisible(), false);
  const show = page.getByRole('button', { name: 'Show front matter' });
  assert.equal(await show.getAttribute('aria-expanded'), 'false');
  await show.click();
  assert.equal(await form(page).isVisible(), true);

  const dark = page.getByRole('button', { name: 'Dark theme' });
  const background = () => markdown(page).evaluate((el) => getComputedStyle(el).backgroundColor);
  const pressed = await dark.getAttribute('aria-pressed');
  const before = await background();
  await dark.click();
  assert.equal(await dark.getAttribute('aria-pressed'), pressed === 'true' ? 'false' : 'true');
  assert.notEqual(await background(), before);
  await dark.click();
  assert.equal(await background(), before);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the editor opens as it was left: theme, split, form hidden, generator', async () => {
  const page = await openPage(browser, server.base);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: 'Hide front matter' }).click();
  const split = page.getByRole('separator', { name: 'Resize editor and preview' });
  await split.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await split.getAttribute('aria-valuenow'), '40');
  const editorWidth = async () => (await markdown(page).boundingBox()).width;
  const narrowed = await editorWidth();
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('zola');

  await page.reload();
  await markdown(page).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Show front matter' }).count(), 1);
  assert.equal(await split.getAttribute('aria-valuenow'), '40');
  assert.ok(Math.abs((await editorWidth()) - narrowed) < 2, 'the columns are as they were');
  assert.equal(await page.getByRole('combobox', { name: 'Generator' }).inputValue(), 'zola');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('scrolling the Markdown scrolls the Preview to the same place', async () => {
  const page = await openPage(browser, server.base);
  const body = sample('from-dev-to-devrel.md').replace(/^---[\s\S]*?\n---\n/, '');
  let text = '';
  for (let i = 0; text.length < 40_000; i++) text += `\n## Part ${i}\n\n${body}`;
  await importText(page, 'long.md', `---\ntitle: Long\n---\n${text}`);
  await preview(page).getByRole('heading', { name: 'Part 3', exact: true }).waitFor();
  const ratio = (el) => el.scrollTop / Math.max(1, el.scrollHeight - el.clientHeight);
  for (const at of [0.5, 1, 0]) {
    await markdown(page).evaluate((el, a) => { el.scrollTop = a * (el.scrollHeight - el.clientHeight); }, at);
    // The preview's estimated heights settle as its chunks are laid out: wait for the ratio.
    await page.waitForFunction(
      ([a]) => {
        const host = document.querySelector('postwright-editor').shadowRoot;
        const p = host.querySelector('[aria-label=Preview]');
        return Math.abs(p.scrollTop / Math.max(1, p.scrollHeight - p.clientHeight) - a) < 0.05;
      },
      [at],
      { timeout: 5000 },
    ).catch(async () => {
      const got = await preview(page).evaluate(ratio);
      assert.fail(`Markdown scrolled to ${at}, Preview at ${got.toFixed(2)}`);
    });
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a host\'s schema: select, image list, url and multi-line text widgets, each edit one field\'s lines', async () => {
  const page = await openPage(browser, server.base);
  const site = `${server.base}site/`;
  const schema = {
    fields: [
      { key: 'title', type: 'string', required: true },
      { key: 'layout', type: 'select', options: ['post', 'page'] },
      { key: 'gallery', type: 'images' },
      { key: 'link', type: 'url' },
      { key: 'description', type: 'text' },
    ],
  };
  await page.locator('postwright-editor').evaluate((el, [s, b]) => {
    el.setAttribute('schema', s);
    el.setAttribute('base-url', b);
  }, [JSON.stringify(schema), site]);
  const post = '---\ntitle: Widgets\nlayout: page\ngallery: [img/dot.png, img/dot.png?two]\nlink: https://example.com/\ndescription: |\n  Line one\n  line two\n---\nBody\n';
  await importText(page, 'widgets.md', post);
  const layout = form(page).getByRole('combobox', { name: 'Layout', exact: true });
  await eventually(async () => assert.equal(await layout.inputValue(), 'page'));
  const original = await lines(page);

  await layout.selectOption('post');
  await eventually(async () => assert.deepEqual(diff(original, await lines(page)), { added: ['layout: post'], removed: ['layout: page'] }));

  // Each image of the list has its thumbnail, from the base URL.
  const thumbs = form(page).locator('.pw-thumbs img');
  await eventually(async () => assert.deepEqual(
    await thumbs.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src'))),
    [`${site}img/dot.png`, `${site}img/dot.png?two`],
  ));
  assert.deepEqual(await page.getByRole('list', { name: 'Gallery' }).getByRole('listitem').allInnerTexts(), ['img/dot.png\n×', 'img/dot.png?two\n×']);

  const link = form(page).getByRole('textbox', { name: 'Link', exact: true });
  assert.equal(await link.getAttribute('type'), 'url');
  await link.fill('https://example.org/elsewhere');
  await eventually(async () => assert.deepEqual(diff(original, await lines(page)), {
    added: ['layout: post', 'link: https://example.org/elsewhere'],
    removed: ['layout: page', 'link: https://example.com/'],
  }));

  const description = form(page).getByRole('textbox', { name: 'Description', exact: true });
  assert.equal(await description.evaluate((el) => el.tagName), 'TEXTAREA');
  assert.match(await description.inputValue(), /^Line one\nline two\n?$/);
  await description.fill('Line one\nline two, edited\n');
  await eventually(async () => {
    const d = diff(original, await lines(page));
    assert.ok(d.added.includes('  line two, edited'), JSON.stringify(d));
    assert.deepEqual(d.removed, ['layout: page', 'link: https://example.com/', '  line two']);
  });
  assert.equal(await markdown(page).inputValue(), 'Body\n');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('editing a title in the form keeps the author\'s quoting: single, double, plain, TOML literal', async () => {
  const page = await openPage(browser, server.base);
  for (const [name, post, want] of [
    ['single.md', "---\ntitle: 'From Dev to Devrel'\ndate: 2024-01-01\n---\nBody\n", "title: 'Devrel to Dev'"],
    ['double.md', '---\ntitle: "From Dev to Devrel"\ndate: 2024-01-01\n---\nBody\n', 'title: "Devrel to Dev"'],
    ['plain.md', '---\ntitle: From Dev to Devrel\ndate: 2024-01-01\n---\nBody\n', 'title: Devrel to Dev'],
    ['literal.md', "+++\ntitle = '''From Dev to Devrel'''\ndate = 2024-01-01\n+++\nBody\n", "title = '''Devrel to Dev'''"],
  ]) {
    await importText(page, name, post);
    const title = form(page).getByRole('textbox', { name: 'Title', exact: true });
    await eventually(async () => assert.equal(await title.inputValue(), 'From Dev to Devrel'));
    const before = await lines(page);
    // Cleared first, as a user selecting all and typing does: the empty
    // title on the way must be quoted, and must not decide what follows.
    await title.fill('');
    await title.pressSequentially('Devrel to Dev');
    await eventually(async () => assert.deepEqual(diff(before, await lines(page)).added, [want]), 5000);
    assert.equal(diff(before, await lines(page)).removed.length, 1, name);
  }
  assert.deepEqual(page.errors, []);
});

test('under Hugo a capitalized key is the field it names; under Jekyll it is not', async () => {
  const page = await openPage(browser, server.base);
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('hugo');
  await importText(page, 'caps.md', '---\nTitle: Capital letters\nDate: 2026-01-02\n---\nBody\n');
  const title = form(page).getByRole('textbox', { name: 'Title', exact: true });
  await page.getByText('Imported caps.md.').first().waitFor();
  await eventually(async () => assert.equal(await title.inputValue(), 'Capital letters'));
  assert.equal(await page.getByRole('alert').filter({ hasText: /unknown key `Title`|missing required field `title`/ }).count(), 0);
  await title.fill('Still one title');
  await title.press('Tab');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  assert.equal(text, '---\nTitle: Still one title\nDate: 2026-01-02\n---\nBody\n', 'the key is edited as written, no second title:');
  // Jekyll reads keys exactly: Title is not its title.
  await page.getByRole('combobox', { name: 'Generator' }).selectOption('jekyll');
  await page.getByText('unknown key `Title`').first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
