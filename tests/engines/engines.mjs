// The engines other than Chromium, each driven over W3C WebDriver by the one
// client (selenium-webdriver): Firefox ESR through geckodriver, WebKitGTK
// (Safari's engine) through WebKitWebDriver and its MiniBrowser, which needs
// an X display (`make test-engines` runs the suite under xvfb-run). Drivers
// listen on 127.0.0.1 only, on a free port; every download goes to a folder
// of the test's own.
import fs from 'node:fs';
import path from 'node:path';
import { Builder } from 'selenium-webdriver';
import remote from 'selenium-webdriver/remote/index.js';
import portprober from 'selenium-webdriver/net/portprober.js';
import { repo } from '../e2e/serve.mjs';

export const artifacts = path.join(repo, 'target', 'engines');

/** Which engines run: all by default, or those named in POSTWRIGHT_ENGINES (comma-separated). */
export const ENGINES = (process.env.POSTWRIGHT_ENGINES ?? 'firefox,webkit').split(',').map((s) => s.trim()).filter(Boolean);

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  throw new Error(`${name} is not on PATH (make setup-test installs it)`);
}

/** MiniBrowser lives in the multiarch library folder of libwebkit2gtk-4.1. */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  for (const dir of fs.readdirSync('/usr/lib')) {
    const file = path.join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('MiniBrowser not found (Debian package libwebkit2gtk-4.1-0, pulled in by webkit2gtk-driver)');
}

const SETUP = {
  firefox: (downloads) => ({
    executable: process.env.GECKODRIVER ?? onPath('geckodriver'),
    args: (port) => [`--port=${port}`, '--host=127.0.0.1'],
    env: process.env,
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: {
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.download.alwaysOpenPanel': false,
        },
      },
    },
  }),
  webkit: (downloads, scratch) => {
    // WebKitGTK saves downloads in the XDG download folder: point it at ours.
    const config = path.join(scratch, 'xdg-config');
    fs.mkdirSync(config, { recursive: true });
    fs.writeFileSync(path.join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
    return {
      executable: process.env.WEBKIT_WEBDRIVER ?? onPath('WebKitWebDriver'),
      args: (port) => [`--port=${port}`, '--host=127.0.0.1'],
      env: { ...process.env, XDG_CONFIG_HOME: config },
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
      },
    };
  },
};

/**
 * Starts `engine` (`firefox` or `webkit`): its driver on a free port and one
 * browser session. Returns { driver, downloads, close }.
 */
export async function start(engine) {
  const scratch = path.join(artifacts, 'run', engine);
  fs.rmSync(scratch, { recursive: true, force: true });
  const downloads = path.join(scratch, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const setup = SETUP[engine](downloads, scratch);
  const port = await portprober.findFreePort('127.0.0.1');
  const log = fs.openSync(path.join(scratch, 'driver.log'), 'w');
  const service = new remote.DriverService(setup.executable, {
    hostname: '127.0.0.1', port, args: setup.args(port), env: setup.env, stdio: ['ignore', log, log],
  });
  const address = await service.start(30000);
  let driver;
  try {
    driver = await new Builder().usingServer(address).withCapabilities(setup.capabilities).build();
  } catch (e) {
    await service.kill();
    throw new Error(`${engine}: no session (${e.message}); see ${path.join(scratch, 'driver.log')}`);
  }
  return {
    driver,
    downloads,
    async close() {
      await driver.quit().catch(() => {});
      await service.kill();
      fs.closeSync(log);
    },
  };
}

/** Sizes the window so that the page's viewport is `width` x `height` CSS pixels. */
export async function setViewport(driver, width, height) {
  for (let i = 0; i < 4; i += 1) {
    const [w, h] = await driver.executeScript('return [innerWidth, innerHeight]');
    if (w === width && h === height) return;
    const rect = await driver.manage().window().getRect();
    await driver.manage().window().setRect({ width: rect.width + width - w, height: rect.height + height - h });
    await driver.sleep(100);
  }
  const [w, h] = await driver.executeScript('return [innerWidth, innerHeight]');
  if (w !== width || h !== height) throw new Error(`viewport is ${w}x${h}, not ${width}x${height}`);
}

/** Saves a screenshot of the viewport as target/engines/NAME.png; returns its path. */
export async function screenshot(driver, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
  return file;
}
