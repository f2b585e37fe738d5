// Postwright as a web component: <postwright-editor>. An ES module that loads
// its wasm relative to its own URL, so it works from any path prefix and origin,
// and needs no inline script or style (strict CSP: script-src 'self' 'wasm-unsafe-eval').
//
//   <script type="module" src="/widget/postwright.js"></script>
//   <postwright-editor name="post" value="---&#10;title: Hello&#10;---&#10;Body&#10;"></postwright-editor>
//
// Also exports mount(element, options) for hosts that are not forms.
import init, { mount as mountWasm } from './postwright-app.js';

const here = import.meta.url;
let ready = null;
/** Loads and instantiates the wasm once per page. */
export function load() {
  ready ??= init({ module_or_path: new URL('postwright-app_bg.wasm', here) });
  return ready;
}

const OPTIONS = ['schema', 'preset', 'base-url', 'theme', 'storage-key', 'media-folder', 'public-folder', 'image-max-width'];
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/** A schema attribute is inline JSON/YAML or a URL to fetch. */
async function resolveSchema(schema) {
  if (schema == null || schema === '') return null;
  const text = String(schema).trim();
  if (text.startsWith('{') || text.startsWith('[') || text.includes('\n')) return text;
  const response = await fetch(new URL(text, document.baseURI));
  if (!response.ok) throw new Error(`schema ${text}: HTTP ${response.status}`);
  return response.text();
}

/**
 * Mounts an editor into `element` (its content is replaced by a shadow root
 * when possible). Returns a handle: value get/set, on(event, fn), focus(),
 * setOption(name, value), destroy().
 */
export async function mount(element, options = {}) {
  await load();
  const host = element;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open', delegatesFocus: true });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('postwright.css', here).href;
  const root = document.createElement('div');
  root.className = 'pw-host';
  shadow.replaceChildren(style, root);

  const listeners = { input: new Set(), change: new Set(), status: new Set() };
  const emit = (type, detail) => { for (const fn of listeners[type]) fn(detail); };
  // Native input events are composed and would leak out of the shadow root
  // twice (once per keystroke, retargeted); the editor reports edits itself.
  const stop = (e) => { if (e.target !== host) e.stopPropagation(); };
  shadow.addEventListener('input', stop);
  shadow.addEventListener('change', stop);

  const config = {
    value: options.value ?? '',
    schema: await resolveSchema(options.schema).catch((e) => { console.warn(`postwright: ${e.message}`); return null; }),
    preset: options.preset ?? null,
    baseUrl: options.baseUrl ?? null,
    theme: options.theme ?? 'auto',
    storageKey: options.storageKey ?? null,
    mediaFolder: options.mediaFolder ?? null,
    publicFolder: options.publicFolder ?? null,
    imageMaxWidth: options.imageMaxWidth == null ? null : String(options.imageMaxWidth),
    readonly: !!options.readonly,
    disabled: !!options.disabled,
    // A host with its own media storage: upload(file) gives (a promise of)
    // the URL to insert; giving nothing back lets the editor keep the file.
    upload: typeof options.upload === 'function' ? options.upload : null,
  };
  const wasm = mountWasm(root, config, () => emit('input'), () => emit('change'), (s) => emit('status', s));
  let destroyed = false;
  return {
    get value() { return destroyed ? '' : wasm.value(); },
    set value(text) { if (!destroyed) wasm.set_value(String(text ?? '')); },
    on(type, fn) { listeners[type]?.add(fn); return () => listeners[type]?.delete(fn); },
    focus() { if (!destroyed) wasm.focus(); },
    async setOption(name, value) {
      if (destroyed) return;
      if (name === 'schema') value = await resolveSchema(value).catch(() => null);
      wasm.set_option(camel(name), value == null ? null : String(value));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      wasm.destroy();
      shadow.removeEventListener('input', stop);
      shadow.removeEventListener('change', stop);
      for (const set of Object.values(listeners)) set.clear();
      shadow.replaceChildren();
    },
  };
}

/** The form-associated custom element: behaves like a <textarea> holding the whole post. */
export class PostwrightEditor extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ['disabled', 'readonly', ...OPTIONS];

  #internals = this.attachInternals();
  #handle = null;
  #pending = null; // value set before the wasm finished loading
  #mounting = null;
  #formValueDue = null; // the timer that will update the form value

  #syncFormValue() {
    if (this.#formValueDue === null || !this.#handle) return false;
    clearTimeout(this.#formValueDue);
    this.#formValueDue = null;
    this.#internals.setFormValue(this.#handle.value);
    return true;
  }

  // The entry list was built with the value as of the last sync: fix it.
  #onFormData = (e) => {
    if (e.target !== this.#internals.form || !this.#syncFormValue()) return;
    const name = this.getAttribute('name');
    if (name && !this.matches(':disabled')) e.formData.set(name, this.#handle.value);
  };

  connectedCallback() {
    document.addEventListener('formdata', this.#onFormData);
    if (this.#mounting) return;
    const options = { value: this.getAttribute('value') ?? '' };
    for (const name of OPTIONS) options[camel(name)] = this.getAttribute(name);
    options.readonly = this.hasAttribute('readonly');
    options.disabled = this.hasAttribute('disabled') || this.matches(':disabled');
    // A picture pasted, dropped or picked (already stripped of its metadata):
    // a `postwright-upload` event; a handler that cancels it takes the file
    // and gives the URL with detail.respondWith(url or a promise of it).
    options.upload = (file) => {
      let answer = null;
      const detail = { file, respondWith(url) { answer = Promise.resolve(url); } };
      const event = new CustomEvent('postwright-upload', { detail, bubbles: true, cancelable: true });
      if (this.dispatchEvent(event)) return undefined;
      return answer ?? Promise.reject(new Error('the postwright-upload handler gave no URL'));
    };
    this.#mounting = mount(this, options).then((handle) => {
      if (!this.isConnected) { handle.destroy(); return; }
      this.#handle = handle;
      if (this.#pending !== null) { handle.value = this.#pending; this.#pending = null; }
      this.#internals.setFormValue(handle.value);
      // Copying a long post out of wasm costs milliseconds, so while typing
      // the form value is updated at most every 300 ms; a change (blur) or
      // the form reading its data (submit, new FormData) brings it up to
      // date at once.
      handle.on('input', () => {
        this.#formValueDue ??= setTimeout(() => this.#syncFormValue(), 300);
        this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      });
      handle.on('change', () => {
        this.#syncFormValue();
        this.dispatchEvent(new Event('change', { bubbles: true }));
      });
      handle.on('status', (s) => this.dispatchEvent(new CustomEvent('postwright-status', { detail: s, bubbles: true })));
      this.dispatchEvent(new Event('postwright-ready'));
    }, (e) => console.error('postwright: could not start', e));
  }

  disconnectedCallback() {
    // Moving the element within the page reconnects it at once; only a real
    // removal frees the editor.
    queueMicrotask(() => {
      if (this.isConnected) return;
      document.removeEventListener('formdata', this.#onFormData);
      this.#syncFormValue();
      this.#handle?.destroy();
      this.#handle = null;
      this.#mounting = null;
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (!this.#handle) return;
    if (name === 'disabled' || name === 'readonly') this.#handle.setOption(name, value !== null ? 'true' : null);
    else this.#handle.setOption(name, value);
  }

  /** Resolves once the editor is running. */
  get ready() { return this.#mounting ?? Promise.resolve(); }

  get value() { return this.#handle ? this.#handle.value : (this.#pending ?? this.getAttribute('value') ?? ''); }
  set value(text) {
    if (this.#handle) { this.#handle.value = text; this.#internals.setFormValue(this.#handle.value); }
    else this.#pending = String(text ?? '');
  }
  get defaultValue() { return this.getAttribute('value') ?? ''; }
  set defaultValue(text) { this.setAttribute('value', text); }
  get name() { return this.getAttribute('name'); }
  set name(v) { this.setAttribute('name', v); }
  get form() { return this.#internals.form; }
  get type() { return 'postwright-editor'; }
  get disabled() { return this.hasAttribute('disabled'); }
  set disabled(v) { this.toggleAttribute('disabled', !!v); }
  get readOnly() { return this.hasAttribute('readonly'); }
  set readOnly(v) { this.toggleAttribute('readonly', !!v); }
  focus(options) { this.#handle ? this.#handle.focus() : super.focus(options); }

  formResetCallback() { this.value = this.defaultValue; }
  formDisabledCallback(disabled) { this.#handle?.setOption('disabled', disabled ? 'true' : null); }
  formStateRestoreCallback(state) { if (typeof state === 'string') this.value = state; }
}
for (const name of OPTIONS.filter((n) => n !== 'value')) {
  const prop = camel(name);
  Object.defineProperty(PostwrightEditor.prototype, prop, {
    get() { return this.getAttribute(name); },
    set(v) { v == null ? this.removeAttribute(name) : this.setAttribute(name, typeof v === 'string' ? v : JSON.stringify(v)); },
  });
}

if (!customElements.get('postwright-editor')) customElements.define('postwright-editor', PostwrightEditor);
