// Shared set-up for the end-to-end tests: the static server for dist/
// (serve.mjs) and Debian's headless Chromium driven by playwright-core.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repo } from './serve.mjs';

export { repo, dist, PREFIX, serve } from './serve.mjs';
export const artifacts = path.join(repo, 'target', 'e2e');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A fresh page that fails the test on any page error and records console errors. */
export async function openPage(browser, url, { context: ctxOptions = {} } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...ctxOptions });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  return page;
}

/** Retries `check` (assertions) until it passes or `ms` are up: the view updates after the event. */
export async function eventually(check, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    try { return await check(); } catch (e) { if (Date.now() > end) throw e; }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until `pane` (a locator of a scrolled element) holds its scroll still over a few polls:
 * the preview follows the Markdown's scroll over several frames while its chunks are laid out,
 * and a scroll the test makes (a fragment link) must not race a pass still settling.
 */
export async function scrollSettled(pane) {
  for (let last = '', same = 0; same < 3;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await pane.evaluate((el) => `${el.scrollHeight}:${el.scrollTop}`);
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

export function artifact(name) {
  fs.mkdirSync(artifacts, { recursive: true });
  return path.join(artifacts, name);
}

/** Imports `text` as a file named `name` through the Import button's file chooser. */
export async function importText(page, name, text) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
}

// EXIF IFD0 tags: where the location hangs (GPS IFD pointer) and the orientation.
export const GPS_IFD = 0x8825;
export const ORIENTATION = 0x0112;
/** The tags of a JPEG's EXIF IFD0 (none without EXIF). */
export function ifd0Tags(jpeg) {
  const at = jpeg.indexOf(Buffer.from('Exif\0\0', 'latin1'));
  if (at < 0) return [];
  const tiff = jpeg.subarray(at + 6);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}
