// @ts-check
// "Compare with another model" in the calculator: a second set of four
// counts (model B, same test set) and what two confusion matrices allow
// without the rows (JSON `kind: "counts_comparison"`): both models' key
// metrics, the differences with unpaired intervals, the fewest and most
// discordant pairs consistent with both matrices with McNemar's p at each
// end, and the advice to load predictions. The core computes all of it.

import { checkCount, compareCounts, compareCountsMarkdown } from './pkg-page/fitcheck.js';
import { el, clipText, replaceChildren, formatValue, warningNodes, grouped } from './render.js';
import { renderCompareVerdict, formatDelta, formatCi, formatP } from './compare-render.js';
import { download } from './charts.js';

/** @typedef {import('./pkg/fitcheck.js').CountsComparison} CountsComparison */
/** @typedef {{tp: string, fn: string, fp: string, tn: string}} Counts */
/** @typedef {Pick<import('./pkg/fitcheck.js').SettingsInput, 'task' | 'beta'>} Settings */
/** @typedef {{a: Counts, b: Counts} & Settings} CompareCountsInput */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

const FIELDS = /** @type {const} */ (['tp', 'fn', 'fp', 'tn']);
const B_FIELDS = /** @type {const} */ (['b_tp', 'b_fn', 'b_fp', 'b_tn']);
/** Metrics shown with their difference even when the core gives no unpaired interval for them. */
const ALSO_SHOWN = ['f1', 'mcc'];

/**
 * @param {string[]} columns
 * @param {HTMLTableRowElement[]} rows
 * @param {string} caption
 * @param {string} id
 */
function table(columns, rows, caption, id) {
  const t = el('table', 'metrics');
  t.id = id;
  const head = el('thead');
  const tr = el('tr');
  for (const c of columns) {
    const th = el('th', '', c);
    th.scope = 'col';
    tr.append(th);
  }
  head.append(tr);
  const body = el('tbody');
  replaceChildren(body, rows);
  t.append(el('caption', '', caption), head, body);
  const wrap = el('div', 'table-wrap');
  wrap.append(t);
  return wrap;
}

/** @param {CountsComparison} cc */
function metricsTable(cc) {
  const ids = [...Object.keys(cc.unpaired), ...ALSO_SHOWN.filter((id) => !(id in cc.unpaired))]
    .filter((id) => id in cc.a.metrics);
  const rows = ids.map((id) => {
    const m = /** @type {import('./pkg/fitcheck.js').MetricId} */ (id);
    const u = cc.unpaired[id];
    const tr = el('tr');
    tr.dataset.diff = id;
    const name = el('th', 'metric-name');
    name.scope = 'row';
    name.append(el('span', 'name', cc.a.explanations[m]?.name ?? id), el('code', 'metric-id', id));
    const why = cc.unpaired_undefined[id];
    tr.append(name, el('td', 'value a', formatValue(cc.a.metrics[m])), el('td', 'value b', formatValue(cc.b.metrics[m])),
      el('td', 'value delta', formatDelta(u?.delta ?? cc.delta[id])), el('td', 'interval', why ? clipText(why) : formatCi(u?.ci)));
    return tr;
  });
  const [a, b] = cc.models;
  const wrap = table(['Metric', `Model ${a}`, `Model ${b}`, 'Δ (B − A)', '95% interval of Δ (unpaired)'], rows,
    'Both models\' key metrics and their differences', 'counts-compare-table');
  // One sentence per interval method (usually one for all rows).
  for (const method of new Set(Object.values(cc.unpaired).map((u) => u.method))) wrap.append(el('p', 'hint method-note', `Intervals: ${clipText(method)}`));
  return wrap;
}

/** @param {CountsComparison} cc */
function discordantTable(cc) {
  const rows = /** @type {const} */ ([['min', 'Fewest'], ['max', 'Most']]).map(([key, name]) => {
    const d = cc.discordant[key];
    const tr = el('tr');
    tr.dataset.end = key;
    const th = el('th', '', `${name} disagreements`);
    th.scope = 'row';
    tr.append(th, el('td', 'value', grouped(d.a_only)), el('td', 'value', grouped(d.b_only)),
      el('td', 'value', formatP(d.exact_p)), el('td', 'value', formatP(d.mid_p)));
    return tr;
  });
  return table(['', 'A right, B wrong', 'A wrong, B right', 'McNemar exact p', 'Mid-p'], rows,
    'The paired test at each end of what the two matrices allow', 'counts-discordant');
}

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

  /**
   * Compares model B's counts with A's (the calculator's) and shows the result;
   * the panel is hidden while the comparison is closed or the counts are bad.
   * @param {Counts | null} a model A's counts, or null when they are not valid
   */
  function update(a) {
    const panel = $('counts-compare-panel');
    if (!open) return;
    const b = { tp: $('b_tp').value, fn: $('b_fn').value, fp: $('b_fp').value, tn: $('b_tn').value };
    if (!checkB(b) || !a) {
      formError(null);
      panel.hidden = true;
      return;
    }
    /** @type {CompareCountsInput} */
    const input = { a, b, ...settings() };
    try {
      const cc = compareCounts(input);
      formError(null);
      shownInput = input;
      render(cc);
      panel.hidden = false;
    } catch (err) {
      formError(err.message);
      panel.hidden = true;
    }
  }

  /** @param {CountsComparison} cc */
  function render(cc) {
    renderCompareVerdict($('counts-compare-verdict'), cc.verdict);
    replaceChildren($('counts-compare-warnings'), warningNodes(cc.warnings));
    replaceChildren($('counts-compare-body'), [metricsTable(cc), discordantTable(cc)]);
    $('counts-compare-advice').textContent = clipText(cc.advice);
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
    if (shownInput) download(new Blob([compareCountsMarkdown(shownInput)], { type: 'text/markdown' }), 'fitcheck-counts-comparison.md');
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
      if (!shown) $('counts-compare-panel').hidden = true;
    },
  };
}
