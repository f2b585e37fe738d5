// The README's screenshots: a realistic post (tests/fixtures/samples/
// from-dev-to-devrel.md) imported into the release build, at 1440x900,
// 1024x768 and a 390x844 phone, light and dark. `node tests/e2e/screenshots.mjs`
// after `make dist`; writes docs/screenshots/<size>-<light|dark>.png.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, importText, repo } from './harness.mjs';

const SIZES = [
  { name: '1440x900', viewport: { width: 1440, height: 900 } },
  { name: '1024x768', viewport: { width: 1024, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
];
const post = fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', 'from-dev-to-devrel.md'), 'utf8');
const out = path.join(repo, 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });

const server = await serve();
const browser = await launch();
try {
  for (const size of SIZES) {
    for (const colorScheme of ['light', 'dark']) {
      const { name, ...context } = size;
      const page = await openPage(browser, server.base, { context: { ...context, colorScheme } });
      await importText(page, 'from-dev-to-devrel.md', post);
      await page.getByRole('textbox', { name: 'Title' }).waitFor();
      await page.waitForTimeout(1200);
      const file = path.join(out, `${name}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      console.log(file, fs.statSync(file).size);
      if (page.errors.length) console.error(page.errors);
      await page.context().close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
