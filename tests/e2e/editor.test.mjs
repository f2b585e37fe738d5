// The editor, as a user drives it: by role and accessible name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, artifact, repo, importText, scrollSettled } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const markdown = (page) => page.getByRole('textbox', { name: 'Markdown' });
const preview = (page) => page.getByRole('region', { name: 'Preview' });
const raw = (page) => page.getByRole('textbox', { name: 'Raw front matter' });

/** Opens the `Raw front matter` disclosure, as a user does to see the text. */
async function showRaw(page) {
  const disclosure = page.getByRole('button', { name: 'Raw front matter' });
  if (await disclosure.getAttribute('aria-expanded') === 'false') await disclosure.click();
  return raw(page);
}

test('typing Markdown updates the Preview', async () => {
  const page = await openPage(browser, server.base);
  const editor = markdown(page);
  // An empty post's preview says what it is for (generated content; on which
  // element is the stylesheet's business).
  const hint = () => preview(page).evaluate((root) => [root, ...root.querySelectorAll('*')]
    .map((el) => getComputedStyle(el, '::before')).filter((s) => !['none', 'normal'].includes(s.content) && s.display !== 'none')
    .map((s) => s.content).join() || 'none');
  assert.equal(await hint(), '"The preview shows here as you write."');
  await editor.fill('');
  await editor.pressSequentially('# Typed heading\n\nSome *emphasis* and a table:\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n');
  await preview(page).getByRole('heading', { name: 'Typed heading' }).waitFor({ timeout: 5000 });
  assert.equal(await hint(), 'none');
  assert.equal(await preview(page).locator('em').first().textContent(), 'emphasis');
  assert.equal(await preview(page).getByRole('cell', { name: '2' }).count(), 1);
  // Alignment survives the page's strict CSP (which drops inline styles).
  assert.equal(await preview(page).getByRole('cell', { name: '2' }).evaluate((td) => getComputedStyle(td).textAlign), 'right');
  await page.screenshot({ path: artifact('editor.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('links in the Preview open in a new tab, fragments scroll the Preview, and the editor stays', async () => {
  const page = await openPage(browser, server.base);
  const start = page.url();
  const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
  await markdown(page).fill(`See [elsewhere](${server.base}page.css), a note[^n] and [the end](#the-end).\n\n${filler}\n\n## The end\n\n[^n]: The note.\n`);
  const view = preview(page);
  // Whether an element of the preview is within the preview's visible box.
  const shown = (el) => {
    const box = el.getBoundingClientRect(), frame = el.closest('[role=region]').getBoundingClientRect();
    return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
  };
  const scrolledTo = async (loc) => page.waitForFunction(shown, await loc.elementHandle());
  const outOfSight = async (loc) => page.waitForFunction((el) => {
    const box = el.getBoundingClientRect(), frame = el.closest('[role=region]').getBoundingClientRect();
    return !(box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1);
  }, await loc.elementHandle());

  const popup = page.context().waitForEvent('page');
  await view.getByRole('link', { name: 'elsewhere' }).click();
  assert.equal((await popup).url(), `${server.base}page.css`, 'a web link opens in a new tab');

  // fill() leaves the caret, and so the Markdown's scroll, at the end, and the
  // preview follows the Markdown's scroll: bring both back to the top first.
  await markdown(page).evaluate((el) => { el.setSelectionRange(0, 0); el.scrollTop = 0; });
  const end = view.getByRole('heading', { name: 'The end' });
  await outOfSight(end);
  await scrollSettled(view);
  await view.getByRole('link', { name: 'the end' }).click();
  await scrolledTo(end);
  // Back to the top, where the footnote's definition is out of sight.
  await view.evaluate((el) => { el.scrollTop = 0; });
  const note = view.getByText('The note.');
  await outOfSight(note);
  await view.getByRole('link', { name: '1', exact: true }).click();
  await scrolledTo(note);
  assert.equal(page.url(), start, 'the editor\'s page neither left nor changed its #');
  await markdown(page).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Preview follows the chosen generator\'s typography', async () => {
  const page = await openPage(browser, server.base);
  await markdown(page).fill('He said "hi"...\n');
  const generator = page.getByRole('combobox', { name: 'Generator' });
  const para = preview(page).getByRole('paragraph');
  for (const [name, shown] of [['hugo', 'He said “hi”…'], ['eleventy', 'He said "hi"...'], ['jekyll', 'He said “hi”…']]) {
    await generator.selectOption(name);
    await page.waitForFunction(([el, text]) => el.textContent === text, [await para.elementHandle(), shown]);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Preview shows the generator\'s template tags as inert placeholders', async () => {
  const page = await openPage(browser, server.base);
  const dot = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
  await markdown(page).fill(`{% include note.html %}\n\nSee [the post]({{ site.baseurl }}/x/) and {{< ref "a.md" >}}.\n\n{{< figure src="${dot}" alt="A dot" caption="The dot" >}}\n`);
  // Hugo's own figure shortcode shows as the site shows it.
  await preview(page).getByRole('figure').filter({ hasText: 'The dot' }).getByRole('img', { name: 'A dot' }).waitFor();
  const generator = page.getByRole('combobox', { name: 'Generator' });
  const tags = (title) => preview(page).getByTitle(title, { exact: true });
  const post = preview(page).getByRole('link', { name: 'the post' });
  // Hugo (the default): its shortcode is a placeholder; Liquid is text, and
  // a link address with a space in it is no link.
  await tags('Hugo shortcode').filter({ hasText: '{{< ref "a.md" >}}' }).waitFor();
  assert.equal(await tags('Liquid tag').count(), 0);
  assert.equal(await post.count(), 0);
  // Jekyll: Liquid tags are placeholders, the link goes where the site's would.
  await generator.selectOption('jekyll');
  await tags('Liquid tag').filter({ hasText: '{% include note.html %}' }).waitFor();
  assert.equal(await post.getAttribute('href'), '/x/');
  assert.equal(await tags('Hugo shortcode').count(), 0);
  // Astro's Markdown has no template tags.
  await generator.selectOption('astro');
  await preview(page).getByText('{% include note.html %}', { exact: true }).waitFor();
  assert.equal(await preview(page).locator('.pw-shortcode').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('editing Title changes only the title line of the front matter', async () => {
  const page = await openPage(browser, server.base);
  const sample = fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', 'from-dev-to-devrel.md'), 'utf8');
  await importText(page, 'from-dev-to-devrel.md', sample);
  const title = page.getByRole('group', { name: 'Front matter' }).getByRole('textbox', { name: 'Title', exact: true });
  await assert.doesNotReject(title.waitFor());
  assert.equal(await title.inputValue(), 'From Dev to Devrel');
  const before = (await (await showRaw(page)).inputValue()).split('\n');
  await title.fill('From Dev to DevRel, four years on');
  await preview(page).getByRole('heading', { name: 'From Dev to DevRel, four years on' }).waitFor();
  const afterLines = (await (await showRaw(page)).inputValue()).split('\n');
  assert.equal(afterLines.length, before.length);
  const changed = afterLines.map((l, i) => [l, before[i]]).filter(([a, b]) => a !== b);
  assert.deepEqual(changed, [['title: "From Dev to DevRel, four years on"', 'title: "From Dev to Devrel"']]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the typo autho gets a one-click fix', async () => {
  const page = await openPage(browser, server.base);
  const sample = fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', 'from-dev-to-devrel.md'), 'utf8');
  await importText(page, 'from-dev-to-devrel.md', sample);
  const alert = page.getByRole('alert').filter({ hasText: 'autho' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /line 2, column 1/i);
  // Dismissing the import's notice by keyboard leaves the keyboard in the
  // Markdown; the fix's button, gone with the problem, leaves it in the field.
  await page.getByRole('status').filter({ hasText: 'Imported' }).getByRole('button', { name: 'Dismiss' }).press('Enter');
  const focusedName = () => page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a && (a.getAttribute('aria-label') || a.labels?.[0]?.textContent || a.textContent).trim();
  });
  assert.equal(await focusedName(), 'Markdown');
  await alert.getByRole('button', { name: 'Rename autho to author' }).press('Enter');
  const author = page.getByRole('textbox', { name: 'Author', exact: true });
  await author.waitFor();
  assert.equal(await author.inputValue(), 'Justin Garrison');
  await page.waitForFunction((el) => el.getRootNode().activeElement === el, await author.elementHandle());
  // (Opening the raw text's disclosure moves the keyboard there: checked after.)
  assert.match(await (await showRaw(page)).inputValue(), /^author: "Justin Garrison"$/m);
  await page.context().close();
});

test('broken YAML shows an alert with line and column, and the body stays', async () => {
  const page = await openPage(browser, server.base);
  await importText(page, 'post.md', '---\ntitle: Fine\ndate: 2024-01-02\ntags: [a, b]\n---\nBody stays here.\n');
  await preview(page).getByText('Body stays here.').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  const box = await showRaw(page);
  await box.fill('title: Fine\ndate: 2024-01-02\ntags: [a, b\n');
  const alert = page.getByRole('alert').filter({ hasText: /line \d+, column \d+/i });
  await alert.first().waitFor();
  assert.equal(await markdown(page).inputValue(), 'Body stays here.\n');
  await preview(page).getByText('Body stays here.').waitFor();
  assert.equal(await box.inputValue(), 'title: Fine\ndate: 2024-01-02\ntags: [a, b\n', 'the broken text is kept for fixing');
  await box.fill('title: Fixed\ndate: 2024-01-02\ntags: [a, b]\n');
  await preview(page).getByRole('heading', { name: 'Fixed' }).waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: /column/ }).count(), 0);
  await page.context().close();
});

test('tags are chips: Enter and comma add, duplicates are refused, Backspace removes', async () => {
  const page = await openPage(browser, server.base);
  await importText(page, 'post.md', '---\ntitle: Chips\ntags: [rust]\n---\nx\n');
  const tags = page.getByRole('textbox', { name: 'Tags', exact: true });
  await tags.click();
  await tags.pressSequentially('wasm\nyew,');
  await tags.pressSequentially('rust\n');
  await page.getByText('“rust” is already in the list').waitFor();
  await tags.fill('');
  await tags.press('Backspace');
  const text = await (await showRaw(page)).inputValue();
  assert.match(text, /^tags: \[rust, wasm\]$/m, text);
  assert.deepEqual(await page.getByRole('list', { name: 'Tags' }).getByRole('listitem').allInnerTexts(), ['rust\n×', 'wasm\n×']);

  // Several at once (pasted, say): every new one is added, a duplicate stays
  // in the box with the reason, and leaving the box adds what is left.
  await tags.fill('a, rust, b, c');
  await page.getByText('“rust” is already in the list').waitFor();
  assert.equal(await tags.inputValue(), 'rust, c');
  await tags.fill('d');
  await markdown(page).click();
  const after = await (await showRaw(page)).inputValue();
  assert.match(after, /^tags: \[rust, wasm, a, b, d\]$/m, after);
  // Removing a chip by keyboard leaves focus in the box.
  await page.getByRole('button', { name: 'Remove a', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await tags.evaluate((el) => el.getRootNode().activeElement === el), true);
  await page.context().close();
});

test('toolbar buttons and shortcuts edit the Markdown, and undo still works', async () => {
  const page = await openPage(browser, server.base);
  const editor = markdown(page);
  await editor.fill('word');
  await editor.press('Control+a');
  await page.getByRole('button', { name: 'Bold' }).click();
  assert.equal(await editor.inputValue(), '**word**');
  await editor.press('Control+z');
  assert.equal(await editor.inputValue(), 'word', 'browser undo reverts the toolbar action');

  const cases = [
    ['Italic', 'word', '_word_'],
    ['Heading', 'word', '## word'],
    ['Link', 'word', '[word](https://)'],
    ['Image', 'word', '![word](https://)'],
    ['Code', 'word', '`word`'],
    ['Quote', 'word', '> word'],
    ['Bulleted list', 'word', '- word'],
    ['Numbered list', 'word', '1. word'],
    ['Task list', 'word', '- [ ] word'],
    ['Footnote', 'word', 'word[^1]\n\n[^1]: Footnote text.\n'],
  ];
  for (const [name, input, expected] of cases) {
    await editor.fill(input);
    await editor.press(name === 'Footnote' ? 'End' : 'Control+a');
    // Image picks pictures now; Shift+click is its bare syntax.
    await page.getByRole('button', { name, exact: true }).click(name === 'Image' ? { modifiers: ['Shift'] } : {});
    assert.equal(await editor.inputValue(), expected, name);
  }
  await editor.fill('x');
  await editor.press('End');
  await page.getByRole('button', { name: 'Table' }).click();
  assert.match(await editor.inputValue(), /^x\n\n\| Column \| Column \|\n\| -+ \| -+ \|\n/);
  await preview(page).getByRole('table').waitFor();

  await editor.fill('word');
  await editor.press('Control+a');
  await editor.press('Control+b');
  assert.equal(await editor.inputValue(), '**word**');
  await editor.press('Control+a');
  await editor.press('Control+i');
  assert.equal(await editor.inputValue(), '_**word**_');
  await editor.fill('see');
  await editor.press('Control+a');
  await editor.press('Control+k');
  assert.equal(await editor.inputValue(), '[see](https://)');

  await editor.fill('- one');
  await editor.press('End');
  await editor.press('Enter');
  await editor.pressSequentially('two');
  await editor.press('Tab');
  assert.equal(await editor.inputValue(), '- one\n  - two');
  await editor.press('Shift+Tab');
  assert.equal(await editor.inputValue(), '- one\n- two');
  await editor.press('Enter');
  await editor.press('Enter');
  assert.equal(await editor.inputValue(), '- one\n- two\n\n', 'Enter on an empty item ends the list, leaving a blank line');
  await preview(page).getByRole('listitem').filter({ hasText: 'two' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('pasting a web address over selected text makes a link; undo takes it back', async () => {
  const page = await openPage(browser, server.base, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  const editor = markdown(page);
  await editor.fill('Read the docs first.');
  await page.evaluate(() => navigator.clipboard.writeText('https://example.com/docs'));
  await editor.evaluate((el) => el.setSelectionRange(5, 13));
  await editor.press('Control+v');
  assert.equal(await editor.inputValue(), 'Read [the docs](https://example.com/docs) first.');
  await preview(page).getByRole('link', { name: 'the docs' }).waitFor();
  await editor.press('Control+z');
  assert.equal(await editor.inputValue(), 'Read the docs first.');
  // With nothing selected, an address is pasted as it is.
  await editor.evaluate((el) => el.setSelectionRange(0, 0));
  await editor.press('Control+v');
  assert.equal(await editor.inputValue(), 'https://example.com/docsRead the docs first.');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the split between editor and preview resizes by keyboard and pointer', async () => {
  const page = await openPage(browser, server.base);
  const splitter = page.getByRole('separator', { name: 'Resize editor and preview' });
  const width = async () => {
    const a = await markdown(page).boundingBox();
    const b = await preview(page).boundingBox();
    return a.width / (a.width + b.width);
  };
  const before = await width();
  await splitter.focus();
  await splitter.press('ArrowRight');
  await splitter.press('ArrowRight');
  assert.equal(await splitter.getAttribute('aria-valuenow'), '60');
  assert.ok((await width()) > before + 0.05, 'the editor pane grew');
  const box = await splitter.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x - 300, box.y + 20, { steps: 5 });
  await page.mouse.up();
  assert.ok(Number(await splitter.getAttribute('aria-valuenow')) < 50, 'dragging left shrinks the editor');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The preview blocks of a fresh editor mounted with `text` (a whole render). */
async function freshPreview(text) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}bench/`);
  const html = await page.evaluate(async (t) => {
    const { mount } = await import('../widget/postwright.js');
    const host = document.createElement('div');
    document.body.append(host);
    await mount(host, { value: t });
    await new Promise((r) => setTimeout(r, 200));
    const blocks = [...host.shadowRoot.querySelectorAll('.pw-blocks .pw-block')].map((b) => b.outerHTML);
    return { blocks, count: host.shadowRoot.querySelector('.pw-status').textContent };
  }, text);
  await context.close();
  return html;
}

test('a long post edited in many places keeps the preview a whole render would show', async () => {
  // The preview re-renders only the blocks around each edit and patches them
  // into the page; after edits that do and do not cross blocks (a heading
  // renamed, a fence opened and closed, a footnote added), it must equal a
  // fresh editor's preview of the same text, and so must the word count.
  const samples = ['from-dev-to-devrel.md', 'ic-take-on-devrel-2025.md']
    .map((f) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', f), 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
  let body = '';
  for (let i = 0; body.length < 120_000; i++) body += `\n## Part ${i}\n\n` + samples[i % 2].replaceAll('[^', `[^${i}-`);
  const page = await openPage(browser, server.base);
  await importText(page, 'long.md', `---\ntitle: Long\n---\n${body}`);
  const editor = markdown(page);
  await preview(page).getByRole('heading', { name: 'Part 10', exact: true }).waitFor();
  const at = async (needle, offset = 0) => {
    await editor.evaluate((el, [n, o]) => {
      const i = el.value.indexOf(n) + o;
      el.focus();
      el.setSelectionRange(i, i);
    }, [needle, offset]);
  };
  await at('## Part 2', 9);
  await page.keyboard.type(' renamed'); // a heading id changes: whole render
  await at('## Part 4', 11);
  await page.keyboard.type('\n\nA new paragraph with a note[^fresh] and *emphasis*.');
  await at('## Part 5');
  await page.keyboard.type('```\n'); // an unclosed fence swallows the rest
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('~\n'); // no longer a fence
  await at('## Part 8');
  await page.keyboard.type('[^fresh]: The fresh note.\n\n');
  await at('## Part 9', -2);
  for (let i = 0; i < 30; i++) await page.keyboard.press('Backspace'); // across a block boundary
  await page.keyboard.type('typed over');
  const text = await editor.inputValue();
  assert.match(text, /note\[\^fresh\]/);
  await preview(page).getByText('The fresh note.').waitFor();
  await page.waitForTimeout(300);
  // Block by block: where chunks begin and end may differ from a fresh fill.
  const got = await preview(page).locator('.pw-blocks .pw-block').evaluateAll((bs) => bs.map((b) => b.outerHTML));
  const fresh = await freshPreview(`---\ntitle: Long\n---\n${text}`);
  const want = fresh.blocks;
  assert.ok(want.join('').length > 100_000, `fresh preview has ${want.join('').length} characters`);
  assert.deepEqual(got, want);
  // The word count, kept block by block through the edits, is a fresh count's.
  assert.match(fresh.count, /^[1-9]\d{4,} words · \d+ min read$/);
  await page.getByText(fresh.count, { exact: true }).waitFor({ timeout: 2000 });
  // Every block is in a chunk, and no chunk is empty.
  const chunks = await preview(page).locator('.pw-blocks > *').evaluateAll((cs) => cs.map((c) => [c.className, c.childElementCount]));
  assert.ok(chunks.length > 10 && chunks.every(([cls, n]) => cls === 'pw-chunk' && n > 0), JSON.stringify(chunks.slice(0, 5)));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('typing after the Markdown was changed behind the editor\'s back still ends with what the page shows', async () => {
  // Keystrokes are applied to the post without re-reading the whole textarea;
  // before any other action the two are compared and the textarea wins.
  const page = await openPage(browser, server.base);
  const editor = markdown(page);
  await editor.fill('# First\n\nSome text.\n');
  await preview(page).getByRole('heading', { name: 'First' }).waitFor();
  // As long as before: the typed edits' numbers still fit.
  await editor.evaluate((el) => { el.value = '# Fixed\n\nSome text.\n'; el.setSelectionRange(el.value.length, el.value.length); });
  await editor.focus();
  await page.keyboard.type('More.');
  await editor.blur();
  await preview(page).getByRole('heading', { name: 'Fixed' }).waitFor({ timeout: 5000 });
  assert.equal(await preview(page).getByText('More.').count(), 1);
  assert.equal(await editor.inputValue(), '# Fixed\n\nSome text.\nMore.');
  await page.context().close();
});
