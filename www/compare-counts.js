// @ts-check
// "Compare with another model" in the calculator: a second set of four
// counts (model B, same test set) and what two confusion matrices allow
// without the rows (JSON `kind: "counts_comparison"`): both models' key
// metrics, the differences with unpaired intervals, the fewest and most
// discordant pairs consistent with both matrices with McNemar's p at each
// end, and the advice to load predictions. The core computes all of it.
// This module is the form, at open; the comparison itself (the workers'
// core on this thread) and its rendering are in compare-counts-view.js,
// imported when first needed.

import { checkCount } from './pkg-page/fitcheck.js';
import { clipText } from './render.js';
import { download } from './charts.js';

/** @typedef {import('./pkg/fitcheck.js').CountsComparison} CountsComparison */
/** @typedef {{tp: string, fn: string, fp: string, tn: string}} Counts */
/** @typedef {Pick<import('./pkg/fitcheck.js').SettingsInput, 'task' | 'beta'>} Settings */
/** @typedef {{a: Counts, b: Counts} & Settings} CompareCountsInput */

/** @type {Promise<typeof import('./compare-counts-view.js')> | null} the view with its core, loaded on first use */
let viewLoad = null;

/** The comparison's core and rendering (compare-counts-view.js), once it is ready. */
function view() {
  viewLoad ??= import('./compare-counts-view.js').then(async (v) => {
    await v.ready;
    return v;
  }).catch((err) => {
    viewLoad = null; // the next update tries again
    throw err;
  });
  return viewLoad;
}

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

const FIELDS = /** @type {const} */ (['tp', 'fn', 'fp', 'tn']);
const B_FIELDS = /** @type {const} */ (['b_tp', 'b_fn', 'b_fp', 'b_tn']);

/**
 * @param {{settings: () => Settings}} hooks
 */
export function createCountsCompare({ settings }) {
  let open = false;
  /** @type {CompareCountsInput | null} the input of the comparison shown */
  let shownInput = null;

  /** @param {boolean} next */
  function setOpen(next) {
    open = next;
    $('counts-b').hidden = !open;
    $('counts-compare-toggle').setAttribute('aria-expanded', String(open));
    $('counts-compare-toggle').textContent = open ? 'Stop comparing' : 'Compare with another model';
    if (!open) $('counts-compare-panel').hidden = true;
  }

  /** @param {string | null} message */
  function formError(message) {
    $('counts-compare-error').textContent = clipText(message ?? '');
    $('counts-compare-error').hidden = !message;
  }

  /**
   * Marks each bad B count under its field (the core's message, said of model B); true when all are whole numbers.
   * @param {Counts} b
   */
  function checkB(b) {
    let ok = true;
    for (const field of FIELDS) {
      const input = $(`b_${field}`);
      const slot = /** @type {HTMLElement} */ (document.getElementById(`b_${field}-error`));
      try {
        checkCount(field, b[field]);
        slot.textContent = '';
        input.removeAttribute('aria-invalid');
      } catch (err) {
        ok = false;
        slot.textContent = clipText(`Model B: ${err.message}`);
        input.setAttribute('aria-invalid', 'true');
      }
    }
    return ok;
  }

  /** Counts the calls of update(): an answer is shown only if no later call came meanwhile. */
  let updates = 0;
  /** Whether the counts tab is the one shown (show()): an answer that arrives after the user moved to another tab stays hidden. */
  let onCountsTab = true;

  /**
   * Compares model B's counts with A's (the calculator's) and shows the result;
   * the panel is hidden while the comparison is closed or the counts are bad.
   * The first comparison waits for compare-counts-view.js and its core.
   * @param {Counts | null} a model A's counts, or null when they are not valid
   */
  function update(a) {
    const panel = $('counts-compare-panel');
    const call = ++updates;
    if (!open) return;
    const b = { tp: $('b_tp').value, fn: $('b_fn').value, fp: $('b_fp').value, tn: $('b_tn').value };
    if (!checkB(b) || !a) {
      formError(null);
      panel.hidden = true;
      return;
    }
    /** @type {CompareCountsInput} */
    const input = { a, b, ...settings() };
    view().then((v) => {
      if (call !== updates || !open) return;
      try {
        const cc = v.compare(input);
        formError(null);
        shownInput = input;
        v.render(cc);
        panel.hidden = !onCountsTab;
      } catch (err) {
        formError(err.message);
        panel.hidden = true;
      }
    }, (err) => {
      if (call !== updates) return;
      formError(`The comparison could not start: ${err.message}`);
      panel.hidden = true;
    });
  }

  $('counts-compare-toggle').addEventListener('click', () => {
    setOpen(!open);
    if (open && B_FIELDS.every((id) => $(id).value === '')) {
      // Start from model A's counts: the user edits what changed.
      for (const field of FIELDS) $(`b_${field}`).value = $(field).value;
    }
    $('counts-b').dispatchEvent(new Event('input', { bubbles: true }));
  });
  $('counts-compare-md').addEventListener('click', () => {
    const input = shownInput;
    if (input) view().then((v) => download(new Blob([v.markdown(input)], { type: 'text/markdown' }), 'fitcheck-counts-comparison.md'));
  });

  return {
    update,
    /** Model B's counts for the URL while the comparison is open (nothing otherwise). */
    state: () => (open ? Object.fromEntries(B_FIELDS.map((id) => [id, $(id).value])) : {}),
    /** Opens the comparison (a link with model B's counts). */
    open: () => setOpen(true),
    /**
     * Shows or hides the panel with the counts tab.
     * @param {boolean} shown
     */
    show(shown) {
      onCountsTab = shown;
      if (!shown) $('counts-compare-panel').hidden = true;
    },
  };
}
