// The editor as a user drives it over WebDriver: open it, import a file
// through its Import button's chooser, export and read the download.
import fs from 'node:fs';
import path from 'node:path';
import { Key } from 'selenium-webdriver';
import { byRole, until, waitForText } from './find.mjs';

// Errors the page reports from now on (WebDriver classic has no console to
// read): uncaught errors and rejections, and CSP violations.
const RECORD_ERRORS = `
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(String(e.message || e)));
  addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => window.__errors.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI), true);`;

/** Waits for the editor (its Markdown box) in the current page or frame, and starts recording page errors. */
export async function ready(driver) {
  await byRole(driver, 'textbox', 'Markdown', { timeout: 20000 });
  await driver.executeScript(RECORD_ERRORS);
}

/** Loads `url` and waits for the editor. */
export async function open(driver, url) {
  await driver.get(url);
  await ready(driver);
}

/** An empty page beside the editor, same origin: serve it at blank.html (see journeys.test.mjs). */
export const BLANK = { type: 'text/html; charset=utf-8', body: '<!doctype html><title>blank</title>' };

/**
 * The editor at `url` with nothing stored. Storage is cleared from blank.html,
 * not from an editor, which would save its draft again as it is left. The
 * crash journal in IndexedDB goes too, or it would bring the last test's
 * drafts back as "lost" ones.
 */
export async function fresh(driver, url) {
  await clearStorage(driver, url, { journal: true });
  await open(driver, url);
}

/** Clears local storage (and, with `journal`, the IndexedDB journal) from blank.html. */
export async function clearStorage(driver, url, { journal }) {
  await driver.get(new URL('blank.html', url).href);
  await driver.executeScript('localStorage.clear(); sessionStorage.clear();');
  if (journal) {
    await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      const r = indexedDB.deleteDatabase('postwright');
      r.onsuccess = r.onerror = r.onblocked = () => done();`);
  }
}

export const pageErrors = (driver) => driver.executeScript('return window.__errors ?? ["page reloaded without recording errors"]');

/**
 * Clicks the middle of `element` with the pointer. (WebDriver's Element Click
 * refuses some controls inside a shadow root in WebKit as "intercepted":
 * its check hit-tests the page and finds the shadow host.) Scrolled into
 * view first, as Element Click would.
 */
export async function click(driver, element) {
  await driver.executeScript('arguments[0].scrollIntoView({ block: "center", inline: "center" })', element);
  await driver.actions().move({ origin: element }).click().perform();
}

/** Replaces a text box's whole value by typing, as a user selecting all and typing would. */
export async function retype(driver, element, text) {
  await click(driver, element);
  // Each key on its own: WebKit drops what follows a chord in the same call.
  await element.sendKeys(Key.chord(Key.CONTROL, 'a'));
  await element.sendKeys(text === '' ? Key.DELETE : text);
}

export const value = (driver, element) => driver.executeScript('return arguments[0].value', element);

/**
 * Imports the file at `file` as a user picking it in Import's file chooser:
 * WebDriver hands the path to the chooser's input (Import's own button only
 * opens the native dialog, which WebDriver cannot drive).
 */
export async function importFile(driver, file, { within = null } = {}) {
  const button = await byRole(driver, 'button', 'Import', { within });
  const input = await driver.executeScript(
    'const i = arguments[0].nextElementSibling; return i && i.type === "file" ? i : null', button);
  if (!input) throw new Error('Import has no file chooser beside it');
  await input.sendKeys(file);
  await waitForText(driver, 'status', new RegExp(`^Imported ${escape(path.basename(file))}\\.`), 10000);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Clicks Export and returns the one file that lands in `downloads`
 * ({ name, bytes }); the folder is emptied first, so the name is the browser's
 * own choice, not a "(1)" copy.
 */
export async function exportFile(driver, downloads) {
  for (const f of fs.readdirSync(downloads)) fs.rmSync(path.join(downloads, f), { force: true, recursive: true });
  await click(driver, await byRole(driver, 'button', 'Export'));
  const name = await until(driver, 'the exported file', () => {
    const files = fs.readdirSync(downloads);
    // Firefox writes NAME.part, WebKit NAME.wkdownload, then renames.
    const done = files.filter((f) => !/\.(part|wkdownload|download|crdownload)$/.test(f));
    return files.length === 1 && done.length === 1 ? done[0] : null;
  }, 10000);
  // The rename comes last: the bytes are all there.
  return { name, bytes: fs.readFileSync(path.join(downloads, name)) };
}
