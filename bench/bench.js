// Keystroke-to-preview latency in a real browser: from the input event to the
// preview's DOM updated and laid out. Driven by tests/e2e/bench.mjs (`make bench`),
// which prints the table. Also runs markdown-it + innerHTML as the baseline.
import { mount } from '../widget/postwright.js';

/** A macrotask tick: lets Yew's scheduler (microtasks) finish first. */
const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const settle = () => new Promise((r) => setTimeout(r, 300));

let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: false });

/** Types `count` characters one input event at a time, at the middle of the post. */
async function typeInto(area, preview, count) {
  const times = [];
  const at = Math.floor(area.value.length / 2);
  area.focus();
  area.setSelectionRange(at, at);
  for (let i = 0; i < count; i++) {
    // Done when the preview's DOM changed (whenever the app gets to it) and is laid out.
    const changed = new Promise((resolve) => {
      const mo = new MutationObserver(() => { mo.disconnect(); resolve(); });
      mo.observe(preview, { subtree: true, childList: true, characterData: true });
      setTimeout(() => { mo.disconnect(); resolve(); }, 5000);
    });
    const t0 = performance.now();
    document.execCommand('insertText', false, i % 7 === 6 ? ' ' : 'x');
    await changed;
    void preview.offsetHeight; // force layout
    times.push(performance.now() - t0);
    await tick(); // each keystroke is a task of its own, as typing is
  }
  return times;
}

export async function runPostwright(text, count) {
  const stage = document.getElementById('stage');
  const host = document.createElement('div');
  stage.replaceChildren(host);
  const handle = await mount(host, { value: text });
  await tick();
  const root = host.shadowRoot;
  const area = root.querySelector('textarea.pw-markdown');
  const preview = root.querySelector('[aria-label=Preview]');
  await typeInto(area, preview, 20); // warm-up, not counted
  await settle();
  longest = 0;
  const times = await typeInto(area, preview, count);
  await settle(); // long-task entries arrive after their task
  const value = handle.value;
  const typed = (value.match(/x/g) || []).length - (text.match(/x/g) || []).length - 20 + Math.floor(20 / 7);
  handle.destroy();
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), longTask: longest, lost: count - typed - Math.floor(count / 7) };
}

/**
 * Typing with pauses, as people type: with autosave on (a storage key), a few
 * keystrokes then a pause long enough for the save and the word count to
 * run. Returns the longest main-thread task, keystrokes and pauses alike.
 */
export async function runPostwrightPauses(text, rounds = 3) {
  localStorage.clear();
  const stage = document.getElementById('stage');
  const host = document.createElement('div');
  stage.replaceChildren(host);
  const handle = await mount(host, { value: text, storageKey: 'bench' });
  await tick();
  const root = host.shadowRoot;
  const area = root.querySelector('textarea.pw-markdown');
  const preview = root.querySelector('[aria-label=Preview]');
  await typeInto(area, preview, 3);
  await new Promise((r) => setTimeout(r, 1500)); // the first save of the draft, not counted
  longest = 0;
  for (let i = 0; i < rounds; i++) {
    await typeInto(area, preview, 5);
    await new Promise((r) => setTimeout(r, 1200)); // autosave after 0.4 s, word count after 0.3 s
  }
  const saved = (localStorage.length > 0);
  handle.destroy();
  localStorage.clear();
  return { longTask: longest, saved };
}

export async function runMarkdownIt(text, count) {
  const md = window.markdownit({ html: true, linkify: false });
  const stage = document.getElementById('stage');
  stage.innerHTML = '<textarea style="width:45%;height:600px"></textarea><div class="preview"></div>';
  const area = stage.querySelector('textarea');
  const preview = stage.querySelector('.preview');
  area.value = text;
  area.addEventListener('input', () => { preview.innerHTML = md.render(area.value); });
  preview.innerHTML = md.render(text);
  await settle();
  longest = 0;
  const times = await typeInto(area, preview, count);
  await settle();
  const typed = (area.value.match(/x/g) || []).length - (text.match(/x/g) || []).length;
  stage.replaceChildren();
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), longTask: longest, lost: count - typed - Math.floor(count / 7) };
}

/** The floor: typing into a bare textarea holding the same text, no preview at all. */
export async function runTextareaOnly(text, count) {
  const stage = document.getElementById('stage');
  stage.innerHTML = '<textarea style="width:45%;height:600px"></textarea><div class="preview"></div>';
  const area = stage.querySelector('textarea');
  const marker = stage.querySelector('.preview');
  area.value = text;
  // The "preview" is one text node updated per keystroke, so the same wait applies.
  area.addEventListener('input', () => { marker.textContent = String(area.value.length); });
  await settle();
  longest = 0;
  const times = await typeInto(area, marker, count);
  await settle();
  stage.replaceChildren();
  return { p50: percentile(times, 50), p95: percentile(times, 95), longTask: longest };
}

window.bench = { runPostwright, runPostwrightPauses, runMarkdownIt, runTextareaOnly };
document.getElementById('out').textContent = 'ready';
