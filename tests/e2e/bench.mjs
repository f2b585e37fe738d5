// `make bench`: keystroke-to-preview latency in headless Chromium for 10 KB,
// 100 KB and 1 MB posts, Postwright vs markdown-it + innerHTML, and the
// gzipped size of what the page and the widget load. Prints numbers; asserts nothing.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { serve, launch, dist, repo, PREFIX } from './harness.mjs';

const require = createRequire(import.meta.url);
const markdownIt = fs.readFileSync(require.resolve('markdown-it/dist/markdown-it.min.js'));
const KEYS = Number(process.env.BENCH_KEYS ?? 60);

function post(bytes) {
  const samples = ['from-dev-to-devrel.md', 'ic-take-on-devrel-2025.md']
    .map((f) => fs.readFileSync(path.join(repo, 'tests', 'fixtures', 'samples', f), 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
  let body = '';
  for (let i = 0; body.length < bytes; i++) body += `\n## Part ${i}\n\n` + samples[i % 2].replaceAll('[^', `[^${i}-`);
  return `---\ntitle: Bench\ndate: 2024-01-01\n---\n${body.slice(0, bytes)}\n`;
}

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const server = await serve(dist, { [`${PREFIX}bench/markdown-it.min.js`]: { type: 'text/javascript', body: markdownIt } });
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${server.base}bench/`);
  await page.getByText('ready').waitFor();
  const rows = [];
  for (const [label, size] of [['10 KB', 10_000], ['100 KB', 100_000], ['1 MB', 1_000_000]]) {
    const text = post(size);
    const keys = size >= 1_000_000 ? Math.min(KEYS, 30) : KEYS;
    const pw = await page.evaluate(([t, n]) => window.bench.runPostwright(t, n), [text, keys]);
    const mi = await page.evaluate(([t, n]) => window.bench.runMarkdownIt(t, n), [text, keys]);
    const bare = await page.evaluate(([t, n]) => window.bench.runTextareaOnly(t, n), [text, keys]);
    const pauses = await page.evaluate(([t]) => window.bench.runPostwrightPauses(t), [text]);
    if (!pauses.saved) throw new Error('typing with pauses: nothing was autosaved');
    rows.push({ label, keys, pw, mi, bare, pauses });
  }
  const f = (x) => x.toFixed(1).padStart(7);
  console.log('\nKeystroke latency (ms), headless Chromium, this machine. Both tables end when the preview\'s DOM has changed and is laid out.');
  console.log('\n1. From the input event: the measure the targets are set on (the app reads the value, renders, patches and lays out)');
  console.log('post    keys | Postwright p50     p95     max | markdown-it p50     p95     max | target p95');
  const target = { '10 KB': 8, '100 KB': 10, '1 MB': 16 };
  for (const { label, keys, pw, mi } of rows) {
    console.log(`${label.padEnd(7)} ${String(keys).padStart(4)} |      ${f(pw.p50)} ${f(pw.p95)} ${f(pw.max)} |       ${f(mi.p50)} ${f(mi.p95)} ${f(mi.max)} | ${f(target[label])}`);
  }
  console.log('\n2. From the keystroke: the browser\'s own insertion into the textarea counted too, what a user waits for in all');
  console.log('(bare textarea = the same typing into a plain <textarea> with no preview at all: the floor for any textarea-based editor;');
  console.log(' longest = the longest main-thread task while typing; lost = keystrokes missing from the value;');
  console.log(' with pauses = Postwright with autosave on, 3 x (5 keystrokes, 1.2 s pause): the longest task of all, keystrokes, saves and word counts,');
  console.log('   and the longest of those that were not a keystroke\'s; 0 = no task over 50 ms, which is all the browser reports)');
  console.log('post    keys | Postwright p50     p95 longest lost | markdown-it p50     p95 longest lost | bare textarea p50   p95 longest | with pauses: any  not keys');
  for (const { label, keys, pw, mi, bare, pauses } of rows) {
    console.log(`${label.padEnd(7)} ${String(keys).padStart(4)} |      ${f(pw.keyP50)} ${f(pw.keyP95)} ${f(pw.longTask)} ${String(pw.lost).padStart(4)} |       ${f(mi.keyP50)} ${f(mi.keyP95)} ${f(mi.longTask)} ${String(mi.lost).padStart(4)} |         ${f(bare.keyP50)} ${f(bare.keyP95)} ${f(bare.longTask)} |          ${f(pauses.longTask)} ${f(pauses.between)}`);
  }
  console.log('\n3. Other editor surfaces, bare, no app: typing at the middle of the 1 MB post, from the keystroke to the surface laid out');
  console.log('(one-node = a contenteditable with the text in one node; lines = one <div> per line;');
  console.log(' chunked-lines = those lines in chunks of 64 with content-visibility: auto, as the preview\'s blocks are)');
  console.log('surface          keys |    p50     p95 lost');
  const big = post(1_000_000);
  for (const variant of ['textarea', 'one-node', 'lines', 'chunked-lines']) {
    const n = variant === 'one-node' ? 10 : 30;
    const r = await page.evaluate(([t, v, k]) => window.bench.runSurface(t, v, k), [big, variant, n]);
    console.log(`${variant.padEnd(16)} ${String(n).padStart(4)} | ${f(r.p50)} ${f(r.p95)} ${String(r.lost).padStart(4)}`);
  }
  const widget = path.join(dist, 'widget');
  const parts = fs.readdirSync(widget).filter((f) => /\.(js|wasm|css)$/.test(f)).sort();
  console.log('\nWhat the page loads (dist/widget/, gzip -9):');
  let total = 0;
  for (const p of parts) { const n = gz(path.join(widget, p)); total += n; console.log(`  ${p.padEnd(26)} ${kb(n).padStart(10)}`); }
  const pageCss = path.join(dist, 'page.css');
  if (fs.existsSync(pageCss)) { const n = gz(pageCss); total += n; console.log(`  ${'page.css'.padEnd(26)} ${kb(n).padStart(10)}`); }
  console.log(`  ${'total'.padEnd(26)} ${kb(total).padStart(10)}   (target, the size issue: <= 280 KB first load)`);
} finally {
  await browser.close();
  await server.close();
}
