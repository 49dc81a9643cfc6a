// @ts-check
// Renders a comparison of two models (JSON `kind: "comparison"`): the
// verdict, the side-by-side table with each difference's interval, the
// paired tests, the per-class ΔF1 table and the examples that flipped.
// Rendering only: every number and sentence comes from the Rust core.
// User text (labels, column and file names) goes in through textContent.

import { el, clipText, labelText, replaceChildren, formatValue, warningNodes, grouped } from './render.js';
import { watchSideScroll } from './side-scroll.js';

/** @typedef {import('./pkg/fitcheck.js').ComparisonReport} Comparison */
/** @typedef {Pick<Comparison['verdict'], 'headline' | 'reasons'> & {status: Comparison['verdict']['status'] | 'depends_on_pairing'}} ComparisonVerdict */
/** @typedef {import('./pkg/fitcheck.js').Outcome} CompareOutcome */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Status words of the verdict box; the colour is never the only signal. */
const VERDICT_TEXT = { better: '▲ Better', worse: '▼ Worse', no_detectable_difference: '● No detectable difference', depends_on_pairing: '◆ Depends on the pairing' };
/** Arrow and words of a difference's outcome. */
const OUTCOME = {
  better: ['▲', 'better'],
  worse: ['▼', 'worse'],
  no_detectable_difference: ['●', 'no detectable difference'],
  undefined: ['—', 'undefined'],
};
/** Flipped examples shown on screen per table; the CSV has them all (as many as the core lists). */
export const FLIPS_SHOWN = 100;

/**
 * A difference as shown: signed, 4 decimals (− is the minus sign), or "undefined".
 * @param {number | null | undefined} v
 */
export function formatDelta(v) {
  if (v === null || v === undefined) return 'undefined';
  const digits = Math.abs(v).toFixed(4);
  if (digits === '0.0000') return digits;
  return `${v > 0 ? '+' : '−'}${digits}`;
}

/**
 * An interval of a difference, or "—" when there is none.
 * @param {[number, number] | null | undefined} ci
 */
export function formatCi(ci) {
  return ci ? `${formatDelta(ci[0])} to ${formatDelta(ci[1])}` : '—';
}

/**
 * A p-value as shown: 4 decimals, or 3 significant digits when below 0.0001.
 * @param {number | null | undefined} p
 */
export function formatP(p) {
  if (p === null || p === undefined) return 'undefined';
  if (p === 0 || p >= 0.0001) return p.toFixed(4);
  return p.toExponential(2);
}

/**
 * A verdict box (index.html has its three parts) filled with a comparison's verdict.
 * @param {HTMLElement} box
 * @param {ComparisonVerdict} verdict
 */
export function renderCompareVerdict(box, verdict) {
  box.dataset.status = verdict.status;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-status')).textContent = VERDICT_TEXT[verdict.status] ?? verdict.status;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-headline')).textContent = clipText(verdict.headline);
  replaceChildren(/** @type {HTMLElement} */ (box.querySelector('.verdict-reasons')), verdict.reasons.map((r) => el('li', '', clipText(r))));
}

/**
 * Empties a verdict box and says why.
 * @param {HTMLElement} box
 * @param {string} headline
 */
export function emptyVerdict(box, headline) {
  delete box.dataset.status;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-status')).textContent = '';
  /** @type {HTMLElement} */ (box.querySelector('.verdict-headline')).textContent = headline;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-reasons')).replaceChildren();
}

/**
 * The outcome cell: arrow, words and colour (the words carry the meaning).
 * @param {CompareOutcome | null | undefined} outcome
 */
export function outcomeCell(outcome) {
  const td = el('td', 'outcome');
  if (!outcome) {
    td.textContent = '— no interval';
    return td;
  }
  const [arrow, words] = OUTCOME[outcome] ?? ['', outcome];
  td.dataset.outcome = outcome;
  const glyph = el('span', 'arrow', arrow);
  glyph.setAttribute('aria-hidden', 'true');
  td.append(glyph, ` ${words}`);
  return td;
}

/**
 * A header cell holding a label (shortened; the full text as tooltip).
 * @param {string} text
 * @param {'col' | 'row'} scope
 * @param {string} [className]
 */
function headCell(text, scope, className = '') {
  const th = el('th', className, labelText(text, 40));
  if (th.textContent !== text) th.title = text;
  th.scope = scope;
  return th;
}

/**
 * A table with a caption, column headers and body rows (class "metrics",
 * and `className` when not empty).
 * @param {string} id
 * @param {string} className
 * @param {string} caption
 * @param {string[]} columns
 * @param {HTMLTableRowElement[]} rows
 */
export function table(id, className, caption, columns, rows) {
  const t = el('table', className ? `metrics ${className}` : 'metrics');
  t.id = id;
  const head = el('thead');
  const tr = el('tr');
  tr.append(...columns.map((c) => headCell(c, 'col')));
  head.append(tr);
  const body = el('tbody');
  replaceChildren(body, rows);
  t.append(el('caption', '', caption), head, body);
  const wrap = el('div', 'table-wrap');
  watchSideScroll(wrap);
  wrap.append(t);
  return wrap;
}

/** @param {Comparison} cmp */
function differencesTable(cmp) {
  const [a, b] = cmp.models;
  const rows = cmp.differences.map((d) => {
    const tr = el('tr');
    tr.dataset.diff = d.id;
    const name = el('th', 'metric-name');
    name.scope = 'row';
    name.append(el('span', 'name', d.name), el('code', 'metric-id', d.id));
    tr.append(name, el('td', 'value a', formatValue(d.a)), el('td', 'value b', formatValue(d.b)),
      el('td', 'value delta', formatDelta(d.delta)), el('td', 'interval', formatCi(d.ci)), outcomeCell(d.outcome));
    return tr;
  });
  return table('compare-table', 'compare-table', `Every metric of ${labelText(a, 60)} (A) and ${labelText(b, 60)} (B); Δ = B − A with its 95% interval`,
    ['Metric', `A: ${a}`, `B: ${b}`, 'Δ (B − A)', '95% interval of Δ', 'Change'], rows);
}

/** @param {Comparison} cmp */
function perClassTable(cmp) {
  const rows = (cmp.per_class ?? []).map((r) => {
    const tr = el('tr');
    tr.dataset.class = r.label;
    tr.append(headCell(r.label, 'row', 'label'), el('td', 'value', formatValue(r.f1_a)), el('td', 'value', formatValue(r.f1_b)),
      el('td', 'value delta', formatDelta(r.delta_f1)), el('td', 'value', grouped(r.support)));
    return tr;
  });
  const [a, b] = cmp.models;
  return table('compare-per-class', 'per-class', 'F1 of each class under A and B', ['Class', `F1 of A: ${a}`, `F1 of B: ${b}`, 'ΔF1 (B − A)', 'Support'], rows);
}

/**
 * A list of named values (a `dl`), each value with a data-stat attribute for tests and styles.
 * A value that is the core's sentence (why a statistic is undefined) is marked `sentence`: set as prose, not figures.
 * @param {[string, string, string, boolean?][]} items [stat id, name, value, is a sentence]
 */
function statList(items) {
  const dl = el('dl', 'stats');
  for (const [id, name, value, sentence] of items) {
    const dd = el('dd', sentence ? 'sentence' : '', value);
    dd.dataset.stat = id;
    dl.append(el('dt', '', name), dd);
  }
  return dl;
}

/** @param {Comparison} cmp */
function mcnemarBlock(cmp) {
  const m = cmp.mcnemar;
  const [a, b] = cmp.models;
  const box = el('div', 'test-block');
  box.append(el('h4', '', 'McNemar’s test on the examples the models disagree on'));
  /** @type {(count: number, note: string, id: string) => HTMLTableCellElement} */
  const cell = (count, note, id) => {
    const td = el('td', `value ${note ? 'discordant' : ''}`, grouped(count));
    td.dataset.cell = id;
    if (note) td.append(el('span', 'cell-note', note));
    return td;
  };
  const right = el('tr');
  right.append(headCell(`A right (${a})`, 'row'), cell(m.both_right, '', 'both_right'), cell(m.a_only, 'got worse', 'a_only'));
  const wrong = el('tr');
  wrong.append(headCell(`A wrong (${a})`, 'row'), cell(m.b_only, 'got better', 'b_only'), cell(m.both_wrong, '', 'both_wrong'));
  const counts = table('mcnemar-counts', 'mcnemar', 'Examples by who got them right', ['', `B right (${b})`, `B wrong (${b})`], [right, wrong]);
  /** @param {'chi2' | 'chi2_corrected'} key */
  const why = (key) => m.undefined?.[key] ?? m.undefined?.chi2 ?? 'undefined';
  box.append(counts, statList([
    ['mid_p', 'Mid-p (recommended)', formatP(m.mid_p)],
    ['exact_p', 'Exact binomial p', formatP(m.exact_p)],
    ['chi2', 'χ² (uncorrected), p', m.chi2 === null ? clipText(why('chi2')) : `${m.chi2.toFixed(4)}, p = ${formatP(m.chi2_p)}`, m.chi2 === null],
    ['chi2_corrected', 'χ² with continuity correction, p', m.chi2_corrected === null ? clipText(why('chi2_corrected')) : `${m.chi2_corrected.toFixed(4)}, p = ${formatP(m.chi2_corrected_p)}`, m.chi2_corrected === null],
  ]));
  return box;
}

/** @param {Comparison} cmp */
function delongBlock(cmp) {
  const box = el('div', 'test-block');
  box.append(el('h4', '', 'DeLong’s test for the two ROC AUCs'));
  const d = cmp.delong;
  if (!d) {
    box.append(el('p', 'hint', clipText(cmp.delong_undefined ?? '')));
    return box;
  }
  box.append(statList([
    ['auc', 'ROC AUC of A → B', `${formatValue(d.auc_a)} → ${formatValue(d.auc_b)}`],
    ['delong_z', 'z', d.z === null ? clipText(d.undefined.z ?? 'undefined') : d.z.toFixed(4), d.z === null],
    ['delong_p', 'p (two-sided)', formatP(d.p)],
    ['delong_ci', '95% interval of ΔAUC', formatCi(d.ci)],
  ]));
  return box;
}

/**
 * A method sentence of the core, as a paragraph (too long for a list's value column).
 * @param {string} id
 * @param {string} name
 * @param {string} text
 */
function methodNote(id, name, text) {
  const p = el('p', 'hint method-note');
  p.append(el('strong', '', `${name}: `), clipText(text));
  p.dataset.stat = id;
  return p;
}

/** @param {Comparison} cmp */
function bootstrapBlock(cmp) {
  const box = el('div', 'test-block');
  const s = cmp.bootstrap;
  const p = cmp.power;
  box.append(el('h4', '', 'Intervals and power'));
  box.append(statList([
    ['resamples', 'Bootstrap resamples, seed', `${grouped(s.resamples)}, seed ${s.seed}`],
    ['detectable_gain', 'Smallest accuracy gain this test set can detect', p.detectable_gain === null ? clipText(p.undefined ?? 'undefined') : formatDelta(p.detectable_gain), p.detectable_gain === null],
    ['examples_for_one_point', 'Examples needed to detect +0.01 accuracy', p.examples_for_one_point === null ? clipText(p.undefined ?? 'undefined') : grouped(p.examples_for_one_point), p.examples_for_one_point === null],
  ]), methodNote('bootstrap', 'Intervals of the differences', s.method), methodNote('power_method', 'Power', p.sentence ? `${p.sentence} ${p.method}` : p.method));
  return box;
}

/**
 * One table of flipped examples: line, truth, A's and B's values.
 * @param {Comparison} cmp
 * @param {'worse' | 'better'} which
 */
function flipsTable(cmp, which) {
  const f = cmp.flips;
  const [a, b] = cmp.models;
  const all = which === 'worse' ? f.a_only : f.b_only;
  const rows = which === 'worse' ? f.a_only_rows : f.b_only_rows;
  const shown = rows.slice(0, FLIPS_SHOWN);
  const what = which === 'worse' ? 'Got worse: A right → B wrong' : 'Got better: A wrong → B right';
  const count = `${grouped(all)} example${all === 1 ? '' : 's'}`;
  const caption = shown.length < all ? `${what} (${count}; the first ${grouped(shown.length)} shown)` : `${what} (${count})`;
  const trs = shown.map((r) => {
    const tr = el('tr');
    // Two files: the line in B's file too, when it differs (blank lines or a header in one file only).
    const line = el('th', 'value', r.line_b !== undefined && r.line_b !== r.line ? `${r.line} (B: ${r.line_b})` : String(r.line));
    line.scope = 'row';
    tr.append(line, ...[r.truth, r.a, r.b].map((v) => {
      const td = el('td', 'label', labelText(v, 40));
      if (td.textContent !== v) td.title = v;
      return td;
    }));
    return tr;
  });
  const wrap = table(`flips-${which}`, 'flips', caption, ['Line', 'True label', `A: ${a}`, `B: ${b}`], trs);
  wrap.dataset.flips = which;
  return wrap;
}

/**
 * Renders a comparison into the Compare tab's panels (the curves are drawn by compare-charts.js).
 * @param {Comparison} cmp
 */
export function renderComparison(cmp) {
  renderCompareVerdict($('compare-verdict'), cmp.verdict);
  replaceChildren($('compare-warnings'), warningNodes(cmp.warnings));
  replaceChildren($('compare-differences'), [differencesTable(cmp)]);
  const perClass = cmp.task_kind === 'multiclass' && (cmp.per_class?.length ?? 0) > 0;
  $('compare-per-class-box').hidden = !perClass;
  replaceChildren($('compare-per-class-wrap'), perClass ? [perClassTable(cmp)] : []);
  replaceChildren($('compare-tests'), [el('h3', '', 'Paired tests'), mcnemarBlock(cmp), delongBlock(cmp), bootstrapBlock(cmp)]);
  replaceChildren($('compare-flips'), [flipsTable(cmp, 'worse'), flipsTable(cmp, 'better')]);
  $('compare-results').hidden = false;
  $('compare-exports').hidden = false;
}

/**
 * Empties the Compare tab's results and says why in the verdict's place.
 * @param {string} headline
 */
export function renderCompareEmpty(headline) {
  emptyVerdict($('compare-verdict'), headline);
  $('compare-warnings').replaceChildren();
  $('compare-results').hidden = true;
  $('compare-exports').hidden = true;
}
