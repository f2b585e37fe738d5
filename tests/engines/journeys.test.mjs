// The journeys bloggers take, in Firefox and in WebKit (Safari's engine), on
// the release build: the same promises the Chromium suite (tests/e2e/) holds
// the editor to, driven by role and accessible name over WebDriver.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Key } from 'selenium-webdriver';
import { serve, repo, PREFIX } from '../e2e/serve.mjs';
import { ENGINES, start, setViewport, screenshot } from './engines.mjs';
import { allByRole, byRole, until, waitForText } from './find.mjs';
import { BLANK, open, ready, fresh, clearStorage, pageErrors, click, retype, value, importFile, exportFile } from './app.mjs';

const sample = (name) => path.join(repo, 'tests', 'fixtures', 'samples', name);
const xss = (name) => path.join(repo, 'tests', 'fixtures', 'xss', name);
/** WebDriver types "\n" as a character, a user presses Enter. */
const typed = (text) => text.replaceAll('\n', Key.ENTER);
const HINT = 'The preview shows here as you write.';

// Hostile posts of every kind the corpus has: scripts, handlers, javascript:
// and data: URLs, SVG, frames, mXSS parser differentials, style breakouts.
const XSS_SUBSET = [
  '01-script-block.md', '04-img-onerror.md', '06-md-link-javascript.md', '13-md-autolink-javascript.md',
  '16-html-a-javascript.md', '20-html-a-onmouseover.md', '22-iframe-srcdoc.md', '31-style-breakout.md',
  '33-svg-onload.md', '35-svg-animate-href.md', '39-noscript-mxss.md', '40-xmp-differential.md',
  '47-is-attr.md', '57-details-ontoggle.md', '60-video-source-onerror.md', '64-a-data-svg.md',
];

let server;
// The editor in a phone-sized frame (see the 390x844 test).
const PHONE = '<!doctype html><meta charset="utf-8"><title>390x844</title><body style="margin:0;background:#888">'
  + '<iframe src="./" title="Postwright" style="display:block;border:0;width:390px;height:844px"></iframe>';
before(async () => {
  server = await serve(undefined, {
    [`${PREFIX}phone.html`]: { type: 'text/html; charset=utf-8', body: PHONE },
    [`${PREFIX}blank.html`]: BLANK,
  });
});
after(async () => { await server?.close(); });

for (const engine of ENGINES) {
  describe(engine, () => {
    let session, driver;
    before(async () => {
      session = await start(engine);
      driver = session.driver;
      await setViewport(driver, 1440, 900);
    });
    after(async () => { await session?.close(); });

    const preview = () => byRole(driver, 'region', 'Preview');
    const markdown = () => byRole(driver, 'textbox', 'Markdown');
    const rawFrontMatter = () => byRole(driver, 'textbox', 'Raw front matter');
    /** What the preview says through generated content (::before/::after) that is on screen. */
    const generatedText = async () => driver.executeScript(`
      const out = [];
      for (const el of [arguments[0], ...arguments[0].querySelectorAll('*')]) {
        for (const pseudo of ['::before', '::after']) {
          const s = getComputedStyle(el, pseudo);
          if (s.content !== 'none' && s.content !== 'normal' && s.display !== 'none') out.push(s.content);
        }
      }
      return out;`, await preview());
    const noErrors = async () => assert.deepEqual(await pageErrors(driver), [], `${engine}: page errors`);

    test('the empty preview says what it is for; typed Markdown renders, and the hint goes', async () => {
      await fresh(driver, server.base);
      assert.deepEqual(await generatedText(), [`"${HINT}"`]);
      const editor = await markdown();
      await click(driver, editor);
      await editor.sendKeys(typed('# Typed heading\n\nSome *emphasis* and a table:\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n'));
      const region = await preview();
      await byRole(driver, 'heading', 'Typed heading', { within: region });
      // The hint is gone once the post has blocks (WebKit kept showing it above them).
      assert.deepEqual(await generatedText(), []);
      await screenshot(driver, `${engine}-typed-1440x900`);
      assert.equal(await driver.executeScript('return arguments[0].querySelector("em")?.textContent', region), 'emphasis');
      const cell = await byRole(driver, 'cell', '2', { within: region });
      // Alignment survives the page's strict CSP (which drops inline styles).
      assert.equal(await driver.executeScript('return getComputedStyle(arguments[0]).textAlign', cell), 'right');
      // Everything deleted: the hint is back.
      await retype(driver, editor, '');
      await until(driver, 'the hint again', async () => (await generatedText()).length > 0);
      assert.deepEqual(await generatedText(), [`"${HINT}"`]);
      await noErrors();
    });

    test('editing Title changes only the title line of the front matter', async () => {
      await fresh(driver, server.base);
      await importFile(driver, sample('from-dev-to-devrel.md'));
      const form = await byRole(driver, 'group', 'Front matter');
      const title = await byRole(driver, 'textbox', 'Title', { within: form });
      assert.equal(await value(driver, title), 'From Dev to Devrel');
      // The raw text is behind its own disclosure: open it, as a user would.
      await click(driver, await byRole(driver, 'button', 'Raw front matter'));
      const before = (await value(driver, await rawFrontMatter())).split('\n');
      await retype(driver, title, 'From Dev to DevRel, four years on');
      await byRole(driver, 'heading', 'From Dev to DevRel, four years on', { within: await preview() });
      const afterLines = (await value(driver, await rawFrontMatter())).split('\n');
      assert.equal(afterLines.length, before.length);
      const changed = afterLines.map((l, i) => [l, before[i]]).filter(([a, b]) => a !== b);
      assert.equal(changed.length, 1, JSON.stringify(changed));
      // Typed key by key (WebDriver has no "fill"), the title's quotes go with the
      // first key in every engine, Chromium too: the line still reads the new title.
      assert.match(changed[0][0], /^title: "?From Dev to DevRel, four years on"?$/);
      assert.equal(changed[0][1], 'title: "From Dev to Devrel"');
      await noErrors();
    });

    test('an imported post exports as identical bytes, under its name', async () => {
      await fresh(driver, server.base);
      for (const name of ['from-dev-to-devrel.md', 'ic-take-on-devrel-2025.md']) {
        await importFile(driver, sample(name));
        const out = await exportFile(driver, session.downloads);
        assert.ok(out.bytes.equals(fs.readFileSync(sample(name))), `${name}: exported bytes differ (${out.bytes.length} vs ${fs.statSync(sample(name)).size})`);
        assert.equal(out.name, name, 'exported under the name it came with');
      }
      await noErrors();
    });

    test('a post whose file name is not its title\'s slug exports under its own file name', async () => {
      await fresh(driver, server.base);
      await importFile(driver, sample('ic-take-on-devrel-2025.md'));
      assert.equal((await exportFile(driver, session.downloads)).name, 'ic-take-on-devrel-2025.md');
    });

    test('reload: the draft comes back as it was', async () => {
      await fresh(driver, server.base);
      await retype(driver, await byRole(driver, 'textbox', 'Title'), 'Reload me');
      const editor = await markdown();
      await retype(driver, editor, typed('First line\nSecond line\n'));
      await waitForText(driver, 'status', /^Saved$/);
      await driver.navigate().refresh();
      await open(driver, server.base);
      assert.equal(await value(driver, await markdown()), 'First line\nSecond line\n');
      assert.equal(await value(driver, await byRole(driver, 'textbox', 'Title')), 'Reload me');
      await byRole(driver, 'button', /^Reload me /, { within: await byRole(driver, 'list', 'Drafts') });
      await noErrors();
    });

    test('the crash journal: words whose local storage never reached the disk come back from IndexedDB', async () => {
      await fresh(driver, server.base);
      await retype(driver, await markdown(), typed('Words typed just before the crash.\n'));
      await waitForText(driver, 'status', /^Saved$/);
      // The journal's record is committed in this engine's IndexedDB.
      const journaled = async () => driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        const open = indexedDB.open('postwright');
        open.onerror = () => done(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('journal')) { db.close(); return done(false); }
          const all = db.transaction('journal').objectStore('journal').getAll();
          all.onsuccess = () => { db.close(); done(JSON.stringify(all.result).includes('Words typed just before the crash.')); };
          all.onerror = () => { db.close(); done(false); };
        };`);
      const deadline = Date.now() + 10_000;
      while (!(await journaled())) {
        assert.ok(Date.now() < deadline, 'the journal holds the typed text');
        await driver.sleep(200);
      }
      // What a killed browser leaves when its batched localStorage write was
      // lost: the drafts gone, the journal's committed transaction kept.
      await clearStorage(driver, server.base, { journal: false });
      await open(driver, server.base);
      await waitForText(driver, 'status', /recovered|Recovered/);
      assert.equal(await value(driver, await markdown()), 'Words typed just before the crash.\n');
      await noErrors();
    });

    test('the widget in a CMS form: its value, input events, reset, and submit', async () => {
      await driver.get(`${server.base}demo/`);
      const hosts = await until(driver, 'two running editors', async () => {
        const found = await driver.findElements({ css: 'postwright-editor' });
        const ready = await Promise.all(found.map((h) => allByRole(driver, 'textbox', 'Markdown', { within: h })));
        return found.length === 2 && ready.every((r) => r.length === 1) ? found : null;
      }, 20000);
      await driver.executeScript(`
        window.events = [];
        for (const [i, el] of [...document.querySelectorAll('postwright-editor')].entries()) {
          el.addEventListener('input', () => window.events.push('input ' + i));
          el.addEventListener('change', () => window.events.push('change ' + i));
        }`);
      const formData = () => driver.executeScript('return Object.fromEntries(new FormData(document.getElementById("cms-form")))');
      const first = await byRole(driver, 'textbox', 'Markdown', { within: hosts[0] });
      await click(driver, first);
      await first.sendKeys(Key.chord(Key.CONTROL, Key.END));
      await first.sendKeys(' More.');
      const typedValue = '---\ntitle: Hello\ndate: 2026-11-30\ntags: [demo]\n---\nBody of the **first** post.\n More.';
      // Read at once, before any pause or blur: the form data is already current.
      assert.equal((await formData()).post, typedValue);
      await click(driver, await byRole(driver, 'textbox', 'Internal note'));
      const events = await until(driver, 'a change event', async () => {
        const e = await driver.executeScript('return window.events');
        return e.includes('change 0') ? e : null;
      });
      assert.equal(events.filter((e) => e === 'input 0').length, 6, events.join());
      assert.ok(!events.some((e) => e.endsWith(' 1')), `the other editor stays quiet: ${events.join()}`);
      const data = await formData();
      assert.equal(await driver.executeScript('return arguments[0].value', hosts[0]), typedValue);
      assert.equal(data.second, '---\ntitle: Second\ndate: 2026-11-30\n---\nAnother *post*.\n');
      assert.equal(data.note, 'host field');
      // Form reset restores the initial value; setting value from the host works.
      await click(driver, await byRole(driver, 'button', 'Reset'));
      assert.equal(await driver.executeScript('return arguments[0].value', hosts[0]), '---\ntitle: Hello\ndate: 2026-11-30\ntags: [demo]\n---\nBody of the **first** post.\n');
      await driver.executeScript('arguments[0].value = "---\\ntitle: Set by host\\n---\\nNew body\\n"', hosts[1]);
      await byRole(driver, 'heading', 'Set by host', { within: await byRole(driver, 'region', 'Preview', { within: hosts[1] }) });
      await click(driver, await byRole(driver, 'button', 'Save'));
      const submitted = await until(driver, 'the submitted form data', () =>
        driver.executeScript('return document.querySelector("[aria-label=\'Submitted form data\']").textContent'));
      assert.equal(JSON.parse(submitted).second, '---\ntitle: Set by host\n---\nNew body\n');
      assert.deepEqual(await driver.executeScript('return window.__errors ?? []'), []);
    });

    test('hostile posts run no script and keep no script URL or handler', async () => {
      await fresh(driver, server.base);
      const start = await driver.getCurrentUrl();
      await driver.executeScript(`
        window.__pwned = 0;
        const hit = () => { window.__pwned += 1; };
        window.alert = hit; window.confirm = hit; window.prompt = hit; window.print = hit;`);
      for (const file of XSS_SUBSET) {
        await importFile(driver, xss(file));
        const region = await preview();
        // Point at everything the preview shows, as a reader's mouse would; give timers and loads a moment.
        const elements = (await driver.executeScript('return [...arguments[0].querySelectorAll("*")].slice(0, 40)', region));
        for (const el of elements) {
          await driver.actions().move({ origin: el }).perform().catch(() => {});
          await driver.executeScript('arguments[0].dispatchEvent(new FocusEvent("focus"))', el).catch(() => {});
        }
        await driver.sleep(150);
        assert.equal(await driver.executeScript('return window.__pwned'), 0, `${file} ran script`);
        assert.equal(await driver.getCurrentUrl(), start, `${file} navigated the page`);
        const bad = await driver.executeScript(`return [...arguments[0].querySelectorAll('[href],[src],[action],[formaction]')]
          .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? '')
          .filter((u) => /^(javascript|vbscript|data:text)/i.test(u.replace(/[\\s\\u0000-\\u001f]/g, '')))`, region);
        assert.deepEqual(bad, [], `${file} kept a script URL`);
        const handlers = await driver.executeScript(`return [...arguments[0].querySelectorAll('*')]
          .flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'))`, region);
        assert.deepEqual(handlers, [], `${file} kept an event handler`);
      }
      await noErrors();
    });

    test('what this engine lacks is absent, not broken: no File System Access, no Open folder', async () => {
      await fresh(driver, server.base);
      const has = await driver.executeScript('return typeof window.showDirectoryPicker === "function"');
      // Neither Firefox nor WebKit ships the File System Access API's pickers; should one, this test says so.
      assert.equal(has, false, `${engine} now has showDirectoryPicker: test Open folder here`);
      assert.deepEqual(await allByRole(driver, 'button', 'Open folder'), []);
      assert.deepEqual(await allByRole(driver, 'button', 'Save to folder'), []);
      // The rest of the file bar is there.
      for (const name of ['Import', 'Export', 'Copy']) await byRole(driver, 'button', name);
      await noErrors();
    });

    const rect = (el) => driver.executeScript('const r = arguments[0].getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height }', el);
    const sideways = () => driver.executeScript('return document.documentElement.scrollWidth - innerWidth');
    const postShown = () => until(driver, 'the post in the preview', async () =>
      (await allByRole(driver, 'heading', undefined, { within: await preview() })).length > 0);
    /** After the next two frames: is the preview's first paragraph painted (not skipped by content-visibility)? */
    const firstParagraphPainted = async () => {
      await driver.executeAsyncScript('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done));');
      return driver.executeScript('const p = arguments[0].querySelector("p"); return !!p && p.checkVisibility({ contentVisibilityAuto: true })', await preview());
    };

    test('the layout at 1440x900: the hint in the empty preview; Markdown and Preview side by side (screenshots)', async () => {
      await setViewport(driver, 1440, 900);
      await fresh(driver, server.base);
      await screenshot(driver, `${engine}-empty-1440x900`);
      await importFile(driver, sample('ic-take-on-devrel-2025.md'));
      await postShown();
      assert.ok((await sideways()) <= 0, `the page scrolls sideways by ${await sideways()} px`);
      const [m, p] = [await rect(await markdown()), await rect(await preview())];
      assert.ok(m.right <= p.left, `Markdown (${m.left}-${m.right}) and Preview (${p.left}-${p.right}) side by side`);
      assert.ok(m.width > 400 && p.width > 400 && Math.abs(m.top - p.top) < 80, `both panes usable, level: ${JSON.stringify([m, p])}`);
      assert.ok(await firstParagraphPainted(), 'the post is painted in the preview');
      await screenshot(driver, `${engine}-post-1440x900`);
      await noErrors();
    });

    test('the layout at 390x844: one column, Write and Preview tabs, the Markdown box on the first screen, nothing sideways (screenshots)', async () => {
      // A phone-sized frame: WebKit's MiniBrowser window cannot be narrower than
      // its toolbar (447 px), and the editor's media queries follow the frame.
      // The screenshots are of the whole window, the frame at its left (WebKit's
      // element screenshots come out shifted down by its toolbar).
      await fresh(driver, server.base);
      await driver.get(`${server.base}phone.html`);
      const frame = await driver.findElement({ css: 'iframe' });
      await driver.switchTo().frame(frame);
      try {
        await ready(driver);
        assert.deepEqual(await driver.executeScript('return [innerWidth, innerHeight]'), [390, 844]);
        await driver.switchTo().defaultContent();
        await screenshot(driver, `${engine}-empty-390x844`);
        await driver.switchTo().frame(frame);
        await importFile(driver, sample('ic-take-on-devrel-2025.md'));
        assert.ok((await sideways()) <= 0, `the page scrolls sideways by ${await sideways()} px`);
        // Write shows the Markdown box, on the first screen and the full width.
        const m = await rect(await markdown());
        assert.ok(m.width > 300 && m.top < 844, `the Markdown box is on the first screen: ${JSON.stringify(m)}`);
        await noErrors();
        await driver.switchTo().defaultContent();
        await screenshot(driver, `${engine}-post-390x844`);
        await driver.switchTo().frame(frame);
        // Preview, by its tab.
        await click(driver, await byRole(driver, 'tab', 'Preview'));
        await postShown();
        const p = await rect(await preview());
        assert.ok(p.width > 300, `the preview takes the width: ${p.width}`);
        await driver.executeScript('arguments[0].scrollIntoView()', await preview());
        assert.ok(await firstParagraphPainted(), 'scrolled to, the post is painted in the preview');
        await driver.switchTo().defaultContent();
        await screenshot(driver, `${engine}-post-preview-390x844`);
      } finally {
        await driver.switchTo().defaultContent();
      }
    });
  });
}
