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
// Every long task (over 50 ms) since the last reset, and the time spans of
// the keystrokes typed meanwhile, to tell the two apart.
let longTasks = [];
let keySpans = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    longest = Math.max(longest, e.duration);
    longTasks.push(e);
  }
}).observe({ type: 'longtask', buffered: false });

// When the current keystroke's input event began: a capturing listener on the
// window runs before any of the page's own (input events are composed, so this
// sees the ones inside the widget's shadow root too).
let inputAt = 0;
window.addEventListener('input', () => { inputAt = performance.now(); }, { capture: true });

/**
 * Types `count` characters one input event at a time, at the middle of the post.
 * Returns two timings per keystroke, both ending when the preview's DOM has
 * changed and is laid out:
 *  - `times`: from the input event, the measure the issue sets its targets on
 *    (the app's own work: read the value, render, patch, lay out);
 *  - `fromKey`: from before the browser inserts the character, so the
 *    browser's own textarea editing and layout are counted too (what a user
 *    waits for in all).
 */
async function typeInto(area, preview, count) {
  const times = [];
  const fromKey = [];
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
    inputAt = NaN;
    const t0 = performance.now();
    document.execCommand('insertText', false, i % 7 === 6 ? ' ' : 'x');
    await changed;
    void preview.offsetHeight; // force layout
    const done = performance.now();
    keySpans.push([t0, done]);
    if (Number.isNaN(inputAt)) throw new Error('no input event was seen for a keystroke');
    times.push(done - inputAt);
    fromKey.push(done - t0);
    await tick(); // each keystroke is a task of its own, as typing is
  }
  return { times, fromKey };
}

/** The figures a run reports, from typeInto's timings. */
function summary({ times, fromKey }) {
  return {
    p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times),
    keyP50: percentile(fromKey, 50), keyP95: percentile(fromKey, 95),
  };
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
  const timings = await typeInto(area, preview, count);
  await settle(); // long-task entries arrive after their task
  const value = handle.value;
  const typed = (value.match(/x/g) || []).length - (text.match(/x/g) || []).length - 20 + Math.floor(20 / 7);
  handle.destroy();
  return { ...summary(timings), longTask: longest, lost: count - typed - Math.floor(count / 7) };
}

/**
 * Typing with pauses, as people type: with autosave on (a storage key), a few
 * keystrokes then a pause long enough for the save and the word count to
 * run. Returns the longest main-thread task, keystrokes and pauses alike,
 * and the longest one that is not a keystroke's (saves, word counts, ...).
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
  longTasks = [];
  keySpans = [];
  for (let i = 0; i < rounds; i++) {
    await typeInto(area, preview, 5);
    await new Promise((r) => setTimeout(r, 1200)); // autosave after 0.4 s; a long post's body check and word count after 0.3 s
  }
  const saved = (localStorage.length > 0);
  const inKeystroke = (e) => keySpans.some(([a, b]) => e.startTime < b && e.startTime + e.duration > a);
  const between = Math.max(0, ...longTasks.filter((e) => !inKeystroke(e)).map((e) => e.duration));
  const longTask = longest;
  handle.destroy();
  localStorage.clear();
  return { longTask, between, saved };
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
  const timings = await typeInto(area, preview, count);
  await settle();
  const typed = (area.value.match(/x/g) || []).length - (text.match(/x/g) || []).length;
  stage.replaceChildren();
  return { ...summary(timings), longTask: longest, lost: count - typed - Math.floor(count / 7) };
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
  const timings = await typeInto(area, marker, count);
  await settle();
  stage.replaceChildren();
  return { ...summary(timings), longTask: longest };
}

/**
 * What another editor surface would cost: typing into bare surfaces holding
 * the text, no app at all, from the keystroke to the surface laid out.
 * `textarea`; a contenteditable with the text in one node (`one-node`), one
 * `<div>` per line (`lines`), or those lines in chunks of 64 with
 * `content-visibility: auto` (`chunked-lines`, as the preview's blocks are).
 */
export async function runSurface(text, variant, count) {
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  let el;
  if (variant === 'textarea') {
    el = document.createElement('textarea');
    el.value = text;
  } else {
    el = document.createElement('div');
    el.contentEditable = 'true';
    el.style.whiteSpace = 'pre-wrap';
    if (variant === 'one-node') {
      el.textContent = text;
    } else {
      let parent = el;
      text.split('\n').forEach((line, i) => {
        if (variant === 'chunked-lines' && i % 64 === 0) {
          parent = document.createElement('div');
          parent.style.contentVisibility = 'auto';
          parent.style.containIntrinsicSize = 'auto 1000px';
          el.append(parent);
        }
        const d = document.createElement('div');
        d.textContent = line;
        if (!line) d.append(document.createElement('br'));
        parent.append(d);
      });
    }
  }
  Object.assign(el.style, { width: '600px', height: '600px', overflow: 'auto', font: '14px/1.6 monospace' });
  stage.append(el);
  await settle();
  el.focus();
  if (variant === 'textarea') {
    const at = Math.floor(text.length / 2);
    el.setSelectionRange(at, at);
  } else {
    // The caret at the middle of the text: in its one node, or at a middle line.
    let node = el.firstChild;
    let offset = Math.floor(text.length / 2);
    if (variant !== 'one-node') {
      const lines = [...el.querySelectorAll('div')].filter((d) => !d.style.contentVisibility);
      node = lines[Math.floor(lines.length / 2)].firstChild;
      offset = 0;
      node.parentElement.scrollIntoView();
    }
    const range = document.createRange();
    range.setStart(node, offset);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
  const times = [];
  const before = el.textContent.length;
  for (let i = 0; i < count + 5; i++) {
    const t0 = performance.now();
    document.execCommand('insertText', false, 'x');
    void el.offsetHeight; // force layout
    if (i >= 5) times.push(performance.now() - t0);
    await tick();
  }
  const typed = (variant === 'textarea' ? el.value.length : el.textContent.length) - (variant === 'textarea' ? text.length : before);
  stage.replaceChildren();
  return { p50: percentile(times, 50), p95: percentile(times, 95), lost: count + 5 - typed };
}

window.bench = { runPostwright, runPostwrightPauses, runMarkdownIt, runTextareaOnly, runSurface };
document.getElementById('out').textContent = 'ready';
