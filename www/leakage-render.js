// @ts-check
// Renders a leakage report (JSON `kind: "leakage"`): the verdict, the
// warnings, the files' facts, the five measures with rows and share, and the
// first overlapping test rows with the line of their copy in training.
// Rendering only: every count, share and sentence comes from the Rust core;
// the page adds labels. Column names go in through textContent.

import { el, clipText, replaceChildren, warningNodes, grouped } from './render.js';

/** @typedef {import('./pkg/fitcheck.js').LeakageReport} LeakageReport */
/** @typedef {import('./pkg/fitcheck.js').RowsShare} RowsShare */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Status words of the verdict box; the icon and the words carry the meaning, the colour repeats it. */
const VERDICT_TEXT = { clean: '✔ Clean', watch: '▲ Watch', leaky: '✖ Leaky' };

/** The measures in the report's order: [field, name]. */
const MEASURES = /** @type {const} */ ([
  ['test_in_train', 'Test rows seen in training'],
  ['test_in_train_ignoring_label', 'The same ignoring the label'],
  ['conflicting_labels', 'Conflicting labels'],
  ['train_duplicates', 'Duplicates in training'],
  ['test_duplicates', 'Duplicates in test'],
]);

/** @param {number} n */
const count = (n) => grouped(n);

/**
 * A share as a percentage to one decimal (the JSON has the exact ratio).
 * @param {number} ratio
 */
export function percent(ratio) {
  return `${(ratio * 100).toFixed(1)}%`;
}

/**
 * A list of named values (a `dl`), each value with a data-fact attribute for tests and styles.
 * @param {[string, string, string][]} items [fact id, name, value]
 */
function factList(items) {
  const dl = el('dl', 'stats');
  for (const [id, name, value] of items) {
    const dd = el('dd', '', value);
    dd.dataset.fact = id;
    dl.append(el('dt', '', name), dd);
  }
  return dl;
}

/**
 * A table with a header row and body rows of text cells.
 * @param {string} caption
 * @param {string[]} head
 * @param {{key: string, cells: string[]}[]} rows
 * @param {string} className
 */
function table(caption, head, rows, className) {
  const t = el('table', `metrics ${className}`);
  const cap = el('caption', 'visually-hidden', caption);
  const thead = el('thead');
  const tr = el('tr');
  for (const h of head) {
    const th = el('th', '', h);
    th.scope = 'col';
    tr.append(th);
  }
  thead.append(tr);
  const tbody = el('tbody');
  for (const row of rows) {
    const r = el('tr');
    r.dataset.row = row.key;
    const [first, ...rest] = row.cells;
    const th = el('th', '', first);
    th.scope = 'row';
    r.append(th, ...rest.map((c) => el('td', '', c)));
    tbody.append(r);
  }
  t.append(cap, thead, tbody);
  return t;
}

/**
 * Shows a report.
 * @param {LeakageReport} r
 */
export function renderLeakage(r) {
  const box = $('leakage-verdict');
  box.dataset.status = r.verdict.status;
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (box.querySelector(selector));
  part('.verdict-status').textContent = VERDICT_TEXT[r.verdict.status] ?? r.verdict.status;
  part('.verdict-headline').textContent = clipText(r.verdict.headline);
  replaceChildren($('leakage-warnings'), warningNodes(r.warnings));
  /** @type {[string, string, string][]} */
  const facts = [
    ['rows', 'Rows', `${count(r.train_rows)} training, ${count(r.test_rows)} test`],
    ['columns', 'Compared columns', clipText(r.columns.join(', '))],
    ['label', 'Label', r.label === null ? 'none (no conflicting-labels count)' : clipText(r.label)],
  ];
  if (r.ignored.length > 0) facts.push(['ignored', 'Ignored', clipText(r.ignored.join(', '))]);
  facts.push(['text', 'Text', r.normalize_text ? 'normalised before comparing' : 'compared as written (trimmed)']);
  replaceChildren($('leakage-facts'), [factList(facts)]);
  $('leakage-exports').hidden = false;

  const rows = MEASURES.map(([key, name]) => {
    /** @type {RowsShare | null} */
    const m = r[key];
    return { key, cells: m === null ? [name, '—', 'no label column'] : [name, count(m.rows), percent(m.ratio)] };
  });
  replaceChildren($('leakage-measures'), [table('Leakage measures', ['Measure', 'Rows', 'Share'], rows, 'leakage-measures')]);

  const overlap = r.test_in_train.rows;
  $('leakage-examples-note').textContent = overlap === 0
    ? 'No test row is a copy of a training row.'
    : `${count(overlap)} test ${overlap === 1 ? 'row is a copy' : 'rows are copies'} of training rows; the first ${count(r.examples.length)} in file order, with the line of the first copy in the training file (line 1 is the header).`;
  $('leakage-csv').disabled = r.examples.length === 0;
  const examples = r.examples.map((e, i) => ({ key: String(i), cells: [count(e.test_line), count(e.train_line)] }));
  replaceChildren($('leakage-examples'), examples.length === 0 ? [] : [table('Overlapping test rows and their first copy in training', ['Test file line', 'Training file line'], examples, 'leakage-examples')]);
  $('leakage-results').hidden = false;
}

/**
 * No report: says why.
 * @param {string} headline
 */
export function renderLeakageEmpty(headline) {
  const box = $('leakage-verdict');
  delete box.dataset.status;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-status')).textContent = '';
  /** @type {HTMLElement} */ (box.querySelector('.verdict-headline')).textContent = headline;
  replaceChildren($('leakage-warnings'), []);
  replaceChildren($('leakage-facts'), []);
  $('leakage-exports').hidden = true;
  $('leakage-results').hidden = true;
}
