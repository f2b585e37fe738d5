// Finding things as a person does: by role and accessible name, across the
// editor's shadow roots. The page only proposes candidates (elements that can
// have the role, visible, searched through open shadow roots, which WebDriver's
// own locators do not cross); the role and the name are then the browser's
// own, read through WebDriver's Get Computed Role / Get Computed Label, so a
// control that lost its label is not found here either.

/** Elements that may carry each role, natively or by `role=`. */
const CANDIDATES = {
  alert: '[role=alert]',
  button: 'button, input[type=button], input[type=submit], input[type=reset], [role=button]',
  cell: 'td, [role=cell]',
  checkbox: 'input[type=checkbox], [role=checkbox]',
  combobox: 'select, [role=combobox]',
  group: 'fieldset, details, [role=group]',
  heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  link: 'a[href], [role=link]',
  list: 'ul, ol, [role=list]',
  listitem: 'li, [role=listitem]',
  region: 'section, [role=region]',
  status: 'output, [role=status]',
  tab: '[role=tab]',
  textbox: 'textarea, input:not([type]), input[type=text], input[type=url], input[type=email], input[type=tel], [role=textbox]',
};

// Runs in the page: visible elements matching `selector` under `scope`
// (document when null), through open shadow roots, in tree order.
const COLLECT = `
  const [selector, scope] = arguments;
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector) && !el.closest('[aria-hidden=true]') &&
          (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (!scope) walk(document);
  else { if (scope.shadowRoot) walk(scope.shadowRoot); walk(scope); }
  return found;`;

/** Roles whose accessible name comes from their content (WAI-ARIA 1.2, "name from: contents"). */
const NAMED_BY_CONTENT = new Set(['button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link',
  'menuitem', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'treeitem']);

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Every element with `role` whose accessible name is `name` (a string: equal
 * after whitespace is collapsed; a RegExp: matching; absent: any name),
 * inside `within` (an element, its shadow root included) or the whole page.
 */
export async function allByRole(driver, role, name, { within = null } = {}) {
  const selector = CANDIDATES[role] ?? `[role=${role}]`;
  let elements;
  for (let attempt = 1; !elements; attempt += 1) {
    try {
      elements = await driver.executeScript(COLLECT, selector, within);
    } catch (e) {
      // An element went away while the answer was on its way (WebKit): ask again.
      if (e.name !== 'StaleElementReferenceError' || attempt === 3 || within) throw e;
    }
  }
  const out = [];
  for (const el of elements) {
    try {
      if ((await el.getAriaRole()) !== role) continue;
      if (name !== undefined) {
        let label = norm(await el.getAccessibleName());
        // WebKit computes no name from content for some roles (a table cell's
        // label is ""): for the roles named by their content, that is the text.
        if (!label && NAMED_BY_CONTENT.has(role)) label = norm(await driver.executeScript('return arguments[0].textContent', el));
        if (name instanceof RegExp ? !name.test(label) : label !== norm(name)) continue;
      }
      out.push(el);
    } catch (e) {
      // The element went away between the two steps: not found, ask again.
      if (e.name !== 'StaleElementReferenceError') throw e;
    }
  }
  return out;
}

/** Waits (5 s by default) until exactly one element has `role` and `name`, and returns it. */
export async function byRole(driver, role, name, { within = null, timeout = 5000 } = {}) {
  let seen = [];
  try {
    return await driver.wait(async () => {
      seen = await allByRole(driver, role, name, { within });
      return seen.length === 1 ? seen[0] : null;
    }, timeout);
  } catch (e) {
    if (e.name !== 'TimeoutError') throw e;
    throw new Error(`no single ${role} named ${name} after ${timeout} ms (found ${seen.length})`);
  }
}

/** Waits until `probe()` gives something truthy; the message says what was awaited. */
export async function until(driver, what, probe, timeout = 5000) {
  let last;
  try {
    return await driver.wait(async () => (last = await probe()), timeout);
  } catch (e) {
    if (e.name !== 'TimeoutError') throw e;
    throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
  }
}

/** The text of a status or alert matching `text` (a RegExp), once one shows it. */
export async function waitForText(driver, role, text, timeout = 5000) {
  return until(driver, `a ${role} saying ${text}`, async () => {
    for (const el of await allByRole(driver, role)) {
      const t = norm(await el.getText().catch(() => ''));
      if (text.test(t)) return t;
    }
    return null;
  }, timeout);
}
