// `make bench`, pictures: paste-to-preview time and the longest main-thread
// task for a 12-megapixel JPEG pasted, and for 20 photos dropped at once
// (made in the page with a canvas, so no file is committed), in headless
// Chromium against dist/. Prints numbers; asserts nothing.
import { serve, launch, dist } from './harness.mjs';

const server = await serve(dist);
const browser = await launch();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.base);
  await page.getByRole('textbox', { name: 'Markdown' }).waitFor();
  const run = (count, width, height, how) => page.evaluate(async ([count, width, height, how]) => {
    const area = document.querySelector('postwright-editor').shadowRoot.querySelector('#pw-markdown');
    const preview = area.getRootNode().querySelector('.pw-blocks');
    area.value = '';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    // A photo-like JPEG: noise over gradients (a flat picture would compress to nothing).
    const photo = async (seed) => {
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      const grad = g.createLinearGradient(0, 0, width, height);
      grad.addColorStop(0, `hsl(${seed * 37} 70% 40%)`);
      grad.addColorStop(1, `hsl(${seed * 37 + 180} 70% 60%)`);
      g.fillStyle = grad;
      g.fillRect(0, 0, width, height);
      const tile = g.createImageData(256, 256);
      for (let i = 0; i < tile.data.length; i++) tile.data[i] = (i % 4 === 3) ? 40 : Math.random() * 255;
      const noise = new OffscreenCanvas(256, 256);
      noise.getContext('2d').putImageData(tile, 0, 0);
      g.fillStyle = g.createPattern(noise, 'repeat');
      g.fillRect(0, 0, width, height);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
      return new File([blob], `photo-${seed}.jpg`, { type: 'image/jpeg' });
    };
    const files = [];
    for (let i = 0; i < count; i++) files.push(await photo(i));
    const bytes = files.reduce((n, f) => n + f.size, 0);
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
    });
    observer.observe({ type: 'longtask' });
    const d = new DataTransfer();
    for (const f of files) d.items.add(f);
    area.focus();
    const start = performance.now();
    if (how === 'paste') area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true }));
    else area.dispatchEvent(new DragEvent('drop', { dataTransfer: d, bubbles: true, cancelable: true }));
    // Until every picture is in the preview, decoded, by its blob: URL.
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const imgs = [...preview.querySelectorAll('img')];
      if (imgs.length === count && imgs.every((i) => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0)) break;
      if (performance.now() - start > 120_000) throw new Error('the pictures never showed');
    }
    const elapsed = performance.now() - start;
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    return { elapsed, longest, bytes };
  }, [count, width, height, how]);
  const f = (x) => x.toFixed(0).padStart(7);
  console.log('\nPictures: from the paste or drop until the preview shows every one, decoded (ms), and the longest main-thread task (ms; 0 = none over 50 ms)');
  console.log('what                                bytes | to preview longest task');
  for (const [label, count, w, h, how] of [['one 12 MP JPEG pasted (4000x3000)', 1, 4000, 3000, 'paste'], ['20 photos dropped (1600x1200 each)', 20, 1600, 1200, 'drop']]) {
    const r = await run(count, w, h, how);
    console.log(`${label.padEnd(34)} ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB | ${f(r.elapsed)} ${f(r.longest)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
