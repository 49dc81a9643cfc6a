// @ts-check
// Renders a fitcheck report into the page. Rendering only: every number and
// sentence comes from the Rust core. Text goes in through textContent, never
// innerHTML, so nothing user-supplied can become markup.

import { watchSideScroll } from './side-scroll.js';

/** @typedef {import('./pkg/fitcheck.js').Report} Report */
/** @typedef {import('./pkg/fitcheck.js').MetricId} MetricId */

/**
 * A number with thousands separators, as `toLocaleString('en-US')` writes
 * it ("1,234,567"), for whole numbers without Intl: the first Intl call of a
 * page sets up ICU number formatting, 50–90 ms of the first result
 * (measured by bench/browser.mjs `first` in a trace). Fractions and numbers
 * of 1e21 or more still go to Intl, as they rarely reach a first render;
 * -0 is written 0.
 * @param {number} n
 * @returns {string}
 */
export function grouped(n) {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

const STATUS_TEXT = { fit: '✔ Fit', borderline: '▲ Borderline', not_fit: '✖ Not fit' };

/**
 * Creates an element with a class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Unicode's explicit direction controls: embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** The same, every one of them (for replacing). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Longest message shown whole; past it the text is cut (a core error can quote a whole line of the file). */
const MAX_MESSAGE = 600;

/**
 * `text` cut to `max` characters, saying how long it was: a 7 MB message
 * is never put in the page whole. Direction controls in it are shown as
 * escapes (`\u{202e}`), as the command line and the Markdown show them: a
 * sentence of the core that quotes a label holding a RIGHT-TO-LEFT OVERRIDE
 * would otherwise be reversed from the label to its end (the page cannot
 * tell where a quoted label ends, so it cannot isolate it as labelText does).
 * @param {unknown} text
 * @param {number} [max]
 */
export function clipText(text, max = MAX_MESSAGE) {
  const s = String(text ?? '');
  if (s.length <= max) return showDirectionControls(s);
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // never split a surrogate pair
  return `${showDirectionControls(s.slice(0, end))}… (${grouped(s.length)} characters in all)`;
}

/**
 * `text` with each direction control written as a visible escape (`\u{202e}`).
 * @param {string} text
 */
function showDirectionControls(text) {
  return text.replace(BIDI_CONTROLS, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * `text` kept to itself when it holds direction controls: a RIGHT-TO-LEFT
 * OVERRIDE in a label would otherwise run on and reverse the rest of the
 * page's sentence around it. It is wrapped in FIRST STRONG ISOLATEs and
 * closed by POP DIRECTIONAL ISOLATEs (which also end any embedding or
 * override opened inside); one more isolate than the text has PDIs, so its
 * own cannot close ours early. Text without controls is returned as is.
 * @param {string} text
 */
function isolateDirection(text) {
  if (!BIDI_CONTROL.test(text)) return text;
  const pops = (text.match(/\u2069/g) ?? []).length;
  const opens = (text.match(/[\u2066-\u2068]/g) ?? []).length;
  return `${'\u2068'.repeat(pops + 1)}${text}${'\u2069'.repeat(pops + opens + 1)}`;
}

/**
 * A label as shown inline: at most `max` characters, then an ellipsis (set
 * the full label as the title); direction controls in it kept from
 * reordering the text around it (see isolateDirection).
 * @param {unknown} label
 * @param {number} [max]
 */
export function labelText(label, max = 40) {
  const s = String(label ?? '');
  if (s.length <= max) return isolateDirection(s);
  let end = max - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return isolateDirection(`${s.slice(0, end)}…`);
}

/**
 * Replaces a node's children with `nodes` without spreading them into one
 * call: a spread of hundreds of thousands of arguments overflows the stack.
 * @param {ParentNode} parent
 * @param {Iterable<Node | string>} nodes
 */
export function replaceChildren(parent, nodes) {
  const fragment = document.createDocumentFragment();
  for (const n of nodes) fragment.append(n);
  parent.replaceChildren(fragment);
}

/**
 * An element showing a label, shortened if long, with the full label as its tooltip.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} label
 * @param {string} [prefix]
 * @param {number} [max]
 * @returns {HTMLElementTagNameMap[K]}
 */
function labelEl(tag, className, label, prefix = '', max = 40) {
  const node = el(tag, className, prefix + labelText(label, max));
  node.title = prefix + label;
  return node;
}

/**
 * A metric value as shown: 4 decimals, or "undefined".
 * @param {number | null | undefined} value
 */
export function formatValue(value) {
  return value === null || value === undefined ? 'undefined' : value.toFixed(4);
}

/** @param {number | null | undefined} share */
function formatShare(share) {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

/**
 * A part of the verdict box; index.html always has it.
 * @param {HTMLElement} box
 * @param {'.verdict-status' | '.verdict-headline' | '.verdict-watch' | '.verdict-reasons'} selector
 */
function verdictPart(box, selector) {
  return /** @type {HTMLElement} */ (box.querySelector(selector));
}

/** @param {Report['verdict']} verdict */
function renderVerdict(verdict) {
  const box = document.getElementById('verdict');
  // Only what differs is written (a threshold move mostly keeps the verdict): an untouched node costs no layout.
  if (box.dataset.status !== verdict.status) box.dataset.status = verdict.status;
  setText(verdictPart(box, '.verdict-status'), STATUS_TEXT[verdict.status] ?? verdict.status);
  setText(verdictPart(box, '.verdict-headline'), clipText(verdict.headline));
  setText(verdictPart(box, '.verdict-watch'), `Metric to watch for this task: ${verdict.watch_label}`);
  setTextList(verdictPart(box, '.verdict-reasons'), 'li', verdict.reasons.map((r) => clipText(r)));
}

/**
 * Makes `parent`'s children one `tag` element per text, reusing the elements
 * already there (a threshold move changes only their text) and touching
 * only those whose text differs.
 * @param {HTMLElement} parent
 * @param {keyof HTMLElementTagNameMap} tag
 * @param {string[]} texts
 */
function setTextList(parent, tag, texts) {
  const kids = parent.children;
  while (kids.length > texts.length) /** @type {Element} */ (parent.lastElementChild).remove();
  texts.forEach((text, i) => {
    if (i < kids.length) setText(kids[i], text);
    else parent.append(el(tag, '', text));
  });
}

/**
 * The warnings as the page shows them (also used by the Compare tab).
 * @param {Report['warnings']} warnings
 */
export function warningNodes(warnings) {
  return warnings.map((w) => {
    const item = el('div', `warning severity-${w.severity}`);
    item.dataset.warning = w.id;
    item.setAttribute('role', 'note');
    const head = el('p', 'warning-head');
    head.append(el('span', 'severity', w.severity), el('span', 'warning-id', w.id.replaceAll('_', ' ')));
    item.append(head, el('p', 'warning-message', clipText(w.message)));
    return item;
  });
}

/** The warnings #warnings shows, as a key (null: emptied); a threshold move mostly keeps them. */
let warningsShown = /** @type {string | null} */ (null);

/** @param {Report['warnings']} warnings */
function renderWarnings(warnings) {
  const key = JSON.stringify(warnings.map((w) => [w.id, w.severity, w.message]));
  if (key === warningsShown) return;
  warningsShown = key;
  replaceChildren(document.getElementById('warnings'), warningNodes(warnings));
}

/**
 * Binary display order puts the positive class first; the JSON says which is which.
 * @param {Report} report
 */
function displayOrder(report) {
  const order = report.labels.map((_, i) => i);
  if (report.kind === 'binary' && report.pos_label !== undefined) {
    const pos = report.labels.indexOf(report.pos_label);
    return [pos, ...order.filter((i) => i !== pos)];
  }
  return order;
}

/**
 * @param {Report} report
 * @param {number} i
 * @param {number} j
 */
function cellName(report, i, j) {
  if (report.kind !== 'binary') return i === j ? 'correct' : 'mistake';
  const pos = report.labels.indexOf(/** @type {string} */ (report.pos_label));
  if (i === j) return i === pos ? 'TP — hit' : 'TN — correct rejection';
  return i === pos ? 'FN — miss' : 'FP — false alarm';
}

/** The current heatmap view: counts, row shares or column shares. */
function matrixView() {
  return /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="matrix-view"]:checked'))?.value ?? 'counts';
}

/** Above this many classes the matrix is drawn on a canvas: a grid of k² elements freezes the page (900 classes: 810,000 cells). */
const MAX_GRID_CLASSES = 30;

/**
 * Heatmap for more than two classes: rows true, columns predicted, labels in
 * the report's (scikit-learn's) order. Shade follows the row share (a
 * single-hue scale, readable with any colour vision); the text shows counts,
 * row % or column %.
 * @param {Report} report
 */
function renderHeatmap(report) {
  const box = document.getElementById('matrix');
  const view = matrixView();
  const k = report.labels.length;
  box.style.setProperty('--columns', String(k + 1));
  box.classList.remove('many');
  box.classList.add('heatmap');
  matrixRole(box, 'table');
  box.tabIndex = 0; // it may scroll sideways (wide counts): reachable by keyboard
  const header = el('div', 'm-row');
  header.setAttribute('role', 'row');
  header.append(el('span', 'm-corner', 'true ↓ predicted →'));
  for (const label of report.labels) {
    const h = labelEl('span', 'm-head', label, '', 24);
    h.setAttribute('role', 'columnheader');
    h.title = `predicted ${label}`;
    header.append(h);
  }
  const rows = [header];
  let widest = 0; // the longest number shown, in characters
  report.labels.forEach((label, i) => {
    const row = el('div', 'm-row');
    row.setAttribute('role', 'row');
    const h = labelEl('span', 'm-head', label, '', 24);
    h.setAttribute('role', 'rowheader');
    h.title = `truly ${label}`;
    row.append(h);
    report.labels.forEach((predicted, j) => {
      const count = report.confusion[i][j];
      const rowShare = report.confusion_row_share[i][j];
      const text = view === 'counts' ? grouped(count)
        : formatShare(view === 'row' ? rowShare : report.confusion_col_share[i][j]);
      const cell = el('span', `h-cell${i === j ? ' diagonal' : ''}`, text);
      cell.setAttribute('role', 'cell');
      widest = Math.max(widest, text.length);
      const level = Math.min(9, Math.floor((rowShare ?? 0) * 10));
      cell.dataset.level = String(level);
      cell.title = `truly ${labelText(label, 200)}, predicted ${labelText(predicted, 200)}: ${grouped(count)} (${formatShare(rowShare)} of row, ${formatShare(report.confusion_col_share[i][j])} of column)`;
      row.append(cell);
    });
    rows.push(row);
  });
  // Columns as wide as the longest number shown, so no count is cut off
  // (10M rows: 2,459,615 in a cell); a wide matrix scrolls in its box.
  box.style.setProperty('--cell-chars', String(widest));
  replaceChildren(box, rows);
}

/**
 * The matrix box is a table of cells, a group (canvas and lists), or nothing (empty).
 * @param {HTMLElement} box
 * @param {'table' | 'group' | null} role
 */
function matrixRole(box, role) {
  box.removeAttribute('tabindex');
  if (role === null) {
    box.removeAttribute('role');
    box.removeAttribute('aria-label');
    return;
  }
  box.setAttribute('role', role);
  box.setAttribute('aria-label', role === 'table' ? 'Confusion matrix with row and column percentages' : 'Confusion matrix');
}

/**
 * A CSS colour custom property (#rrggbb) as [r, g, b].
 * @param {string} name
 * @param {[number, number, number]} fallback
 * @returns {[number, number, number]}
 */
function cssColour(name, fallback) {
  const hex = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : fallback;
}

/**
 * Many classes: the matrix as one canvas (a pixel or more per cell, shaded
 * by row share like the grid; past 1,200 classes a pixel holds several cells
 * and shows the darkest), the cell under the pointer named below it, and the
 * most confused pairs as a table. Rendering only: the shares come from the core.
 * @param {Report} report
 */
function renderCanvasHeatmap(report) {
  const box = document.getElementById('matrix');
  box.classList.remove('heatmap');
  box.classList.add('many');
  matrixRole(box, 'group');
  const k = report.labels.length;
  const size = Math.min(k, 1200);
  const canvas = el('canvas', 'heatmap-canvas');
  canvas.width = size;
  canvas.height = size;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Confusion matrix of ${grouped(k)} classes: rows are the true classes, columns the predictions, darker means a larger share of the row. The most confused pairs are listed below.`);
  const shade = new Float32Array(size * size);
  for (let i = 0; i < k; i += 1) {
    const shares = report.confusion_row_share[i];
    const y = Math.floor((i * size) / k);
    for (let j = 0; j < k; j += 1) {
      const share = shares[j];
      if (!share) continue;
      const at = y * size + Math.floor((j * size) / k);
      const value = 0.12 + 0.88 * share; // any example at all is visible
      if (value > shade[at]) shade[at] = value;
    }
  }
  const panel = cssColour('--panel', [255, 255, 255]);
  const blue = cssColour('--blue', [0, 114, 178]);
  const image = new ImageData(size, size);
  for (let p = 0; p < shade.length; p += 1) {
    const t = shade[p];
    for (let c = 0; c < 3; c += 1) image.data[p * 4 + c] = Math.round(panel[c] + (blue[c] - panel[c]) * t);
    image.data[p * 4 + 3] = 255;
  }
  // No 2D context (canvas disabled): the heatmap stays blank, the pairs below still list the confusions.
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  const cellNote = el('p', 'hint heatmap-cell', 'Point at the heatmap to see a cell.');
  canvas.addEventListener('pointermove', (event) => {
    const rect = canvas.getBoundingClientRect();
    const i = Math.min(k - 1, Math.floor(((event.clientY - rect.top) / rect.height) * k));
    const j = Math.min(k - 1, Math.floor(((event.clientX - rect.left) / rect.width) * k));
    if (i < 0 || j < 0) return;
    cellNote.textContent = `truly ${labelText(report.labels[i], 60)}, predicted ${labelText(report.labels[j], 60)}: ${grouped(report.confusion[i][j])} (${formatShare(report.confusion_row_share[i][j])} of row)`;
  });
  replaceChildren(box, [canvas, cellNote, confusedPairs(report)]);
}

/**
 * The core's most confused pairs (largest off-diagonal cells), as a table.
 * @param {Report} report
 */
function confusedPairs(report) {
  const top = report.confused_pairs?.pairs ?? [];
  const wrap = el('div', 'table-wrap');
  watchSideScroll(wrap);
  const table = el('table', 'metrics confused-pairs');
  table.id = 'confused-pairs';
  const caption = el('caption', '', top.length === 0 ? 'No example was confused with another class.' : `The ${top.length} most confused pairs`);
  const head = el('thead');
  const headRow = el('tr');
  for (const name of ['True class', 'Predicted as', 'Examples', 'Share of the true class']) {
    const th = el('th', '', name);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  for (const pair of top) {
    const tr = el('tr');
    const truth = labelEl('th', 'label', pair.truth);
    truth.scope = 'row';
    tr.append(truth, labelEl('td', 'label', pair.predicted), el('td', 'value', grouped(pair.count)),
      el('td', 'value', formatShare(pair.share_of_truth)));
    body.append(tr);
  }
  table.append(caption, head, body);
  wrap.append(table);
  return wrap;
}

/** @param {Report} report */
function renderMatrix(report) {
  const toggle = document.getElementById('matrix-view');
  const hint = document.getElementById('matrix-hint');
  const box = document.getElementById('matrix');
  if (report.labels.length > MAX_GRID_CLASSES) {
    toggle.hidden = true;
    hint.textContent = `${grouped(report.labels.length)} classes: too many for a grid of numbers. Rows are the true classes, columns the predictions, in scikit-learn's order; darker means more of that true class lands in that column, so a dark diagonal is right. The per-class table below has every class.`;
    renderCanvasHeatmap(report);
    return;
  }
  if (report.labels.length > 2) {
    toggle.hidden = false;
    hint.textContent = 'Rows are the true classes, columns the predictions, in scikit-learn\'s order; the outlined diagonal is right. Shading follows the row share: darker means more of that true class lands in that column.';
    renderHeatmap(report);
    return;
  }
  setText(hint, 'Row % is the share of each true class; column % the share of each prediction. Blue cells are right, orange cells are mistakes.');
  if (!toggle.hidden) toggle.hidden = true;
  const key = JSON.stringify([report.kind, report.labels, report.pos_label]);
  if (key === matrixShown?.key && box.firstChild === matrixShown.first) {
    // The same classes (a threshold move): only the counts and shares change.
    for (const { i, j, count, share } of matrixShown.cells) {
      setText(count, grouped(report.confusion[i][j]));
      setText(share, `${formatShare(report.confusion_row_share[i][j])} of row · ${formatShare(report.confusion_col_share[i][j])} of column`);
    }
    return;
  }
  box.classList.remove('heatmap', 'many');
  matrixRole(box, 'table');
  const order = displayOrder(report);
  /** @param {string} l */
  const short = (l) => labelText(l, 24);
  const names = report.kind === 'binary'
    ? Object.fromEntries(report.labels.map((l) => [l, l === report.pos_label ? `positive (${short(l)})` : `negative (${short(l)})`]))
    : Object.fromEntries(report.labels.map((l) => [l, short(l)]));
  box.style.setProperty('--columns', String(order.length + 1));
  const cells = [];
  /** @type {{i: number, j: number, count: HTMLElement, share: HTMLElement}[]} */
  const shown = [];
  const header = el('div', 'm-row');
  header.setAttribute('role', 'row');
  header.append(el('span', 'm-corner', 'true ↓ / predicted →'));
  for (const j of order) {
    const h = el('span', 'm-head', `predicted ${names[report.labels[j]]}`);
    h.title = `predicted ${report.labels[j]}`;
    h.setAttribute('role', 'columnheader');
    header.append(h);
  }
  cells.push(header);
  for (const i of order) {
    const row = el('div', 'm-row');
    row.setAttribute('role', 'row');
    const h = el('span', 'm-head', `truly ${names[report.labels[i]]}`);
    h.title = `truly ${report.labels[i]}`;
    h.setAttribute('role', 'rowheader');
    row.append(h);
    for (const j of order) {
      const cell = el('div', `m-cell ${i === j ? 'correct' : 'wrong'}`);
      cell.setAttribute('role', 'cell');
      const count = el('span', 'm-count', grouped(report.confusion[i][j]));
      const share = el('span', 'm-share', `${formatShare(report.confusion_row_share[i][j])} of row · ${formatShare(report.confusion_col_share[i][j])} of column`);
      cell.append(el('span', 'm-name', cellName(report, i, j)), count, share);
      row.append(cell);
      shown.push({ i, j, count, share });
    }
    cells.push(row);
  }
  replaceChildren(box, cells);
  matrixShown = { key, first: header, cells: shown };
}

/**
 * The small matrix as drawn, so that a threshold move only rewrites its
 * counts and shares: the classes it was drawn for, its first node (another
 * drawing replaces it) and its cells' count and share elements.
 * @type {{key: string, first: Node, cells: {i: number, j: number, count: HTMLElement, share: HTMLElement}[]} | null}
 */
let matrixShown = null;

/**
 * Rows of the metrics table by metric id, reused while the set of metrics is the same.
 * @type {Map<string, HTMLTableRowElement>}
 */
let metricRows = new Map();

/** @param {string} id */
function metricRow(id) {
  const tr = el('tr');
  tr.id = `metric-${id}`;
  const name = el('th', 'metric-name');
  name.scope = 'row';
  name.append(el('span', 'name'), el('code', 'metric-id', id));
  const valueCell = el('td', 'value');
  const valueSpan = el('span');
  valueSpan.dataset.metric = id;
  valueCell.append(valueSpan);
  const explain = el('td', 'explain');
  explain.append(el('code', 'formula'), el('p', 'meaning'), el('p', 'when'));
  tr.append(name, valueCell, el('td', 'interval'), explain);
  return tr;
}

/**
 * @param {Element | null} node a cell made by metricRow, so never null in practice
 * @param {string} text
 */
function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

/** @param {Report} report */
function renderMetrics(report) {
  const body = /** @type {HTMLTableSectionElement} */ (document.querySelector('#metrics tbody'));
  const ids = /** @type {MetricId[]} */ (Object.keys(report.metrics));
  if (ids.join(',') !== [...metricRows.keys()].join(',')) {
    const rows = /** @type {HTMLTableRowElement[]} */ ([...body.rows]);
    if (metricRows.size === 0 && rows.map((tr) => tr.id).join(',') === ids.map((id) => `metric-${id}`).join(',')) {
      // The first report on the built site, whose markup holds these rows
      // (the prerendered report, made by metricRow): kept, and only the
      // texts that differ are written. For speed: a link's first report
      // then builds and restyles no new table (issue 11 goal 5; rendering
      // it took a median 3.9 ms instead of 5.8 on the shared 2-core VM).
      metricRows = new Map(ids.map((id, i) => [id, rows[i]]));
    } else {
      // A different set of metrics (binary ↔ multiclass ↔ scores): build the rows once.
      metricRows = new Map(ids.map((id) => [id, metricRow(id)]));
      body.replaceChildren(...metricRows.values());
    }
  }
  for (const [id, value] of /** @type {[MetricId, number | null][]} */ (Object.entries(report.metrics))) {
    const e = report.explanations[id] ?? { name: id, formula: '', meaning: '', when: '' };
    const tr = /** @type {HTMLTableRowElement} */ (metricRows.get(id));
    tr.classList.toggle('undefined', value === null);
    setText(tr.querySelector('.name'), e.name);
    setText(tr.querySelector('[data-metric]'), formatValue(value));
    const interval = report.intervals[id];
    setText(tr.querySelector('.interval'), interval ? `${interval[0].toFixed(4)} – ${interval[1].toFixed(4)}` : '');
    setText(tr.querySelector('.formula'), e.formula);
    setText(tr.querySelector('.meaning'), e.meaning);
    setText(tr.querySelector('.when'), e.when);
  }
}

/** Classes per page of the per-class table: a thousand rows at once would slow every report. */
const PER_CLASS_PAGE = 100;
let perClassPage = 0;
let perClassLabels = '';
/** The classes whose rows the per-class table holds (a key), so that a threshold move only rewrites their values. */
let perClassRows = '';

/** @param {Report} report */
function renderPerClass(report) {
  const panel = document.getElementById('per-class-panel');
  panel.hidden = report.source === undefined;
  if (panel.hidden) return;
  /** @type {(cells: string[], className?: string) => HTMLTableRowElement} */
  const row = (cells, className) => {
    const tr = el('tr', className);
    cells.forEach((c, i) => {
      const cell = i === 0 ? labelEl('th', 'label', c, '', 60) : el('td', 'value', c);
      if (i === 0) cell.scope = 'row';
      tr.append(cell);
    });
    return tr;
  };
  const k = report.per_class.length;
  const key = `${k}:${report.labels[0]}:${report.labels[k - 1]}`;
  if (key !== perClassLabels) {
    perClassLabels = key;
    perClassPage = 0;
  }
  const pages = Math.ceil(k / PER_CLASS_PAGE);
  perClassPage = Math.min(perClassPage, Math.max(0, pages - 1));
  const first = perClassPage * PER_CLASS_PAGE;
  const shown = report.per_class.slice(first, first + PER_CLASS_PAGE);
  const total = grouped(report.n);
  const averages = /** @type {const} */ ([['macro avg', 'macro'], ['weighted avg', 'weighted'], ['micro avg', 'micro']]);
  /** @type {string[][]} every row's cells as shown: the classes of this page, then the averages */
  const texts = [
    ...shown.map((r) => [r.label, formatValue(r.precision), formatValue(r.recall), formatValue(r.f1), grouped(r.support)]),
    ...averages.map(([name, key]) => {
      const a = report.averages[key];
      return [name, formatValue(a.precision), formatValue(a.recall), formatValue(a.f1), total];
    }),
  ];
  const body = /** @type {HTMLTableSectionElement} */ (document.querySelector('#per-class tbody'));
  const rowsKey = JSON.stringify(shown.map((r) => r.label));
  if (rowsKey === perClassRows && body.rows.length === texts.length) {
    // The same classes on the same page (a threshold move): only the values change.
    texts.forEach((cells, i) => {
      const tr = body.rows[i];
      for (let c = 1; c < cells.length; c += 1) setText(tr.cells[c], cells[c]);
    });
  } else {
    perClassRows = rowsKey;
    const rows = texts.map((cells, i) => {
      if (i < shown.length) {
        const tr = row(cells);
        tr.dataset.class = shown[i].label;
        return tr;
      }
      const tr = row(cells, 'average');
      tr.dataset.average = averages[i - shown.length][1];
      return tr;
    });
    replaceChildren(body, rows);
  }
  const pager = document.getElementById('per-class-pager');
  if (pager.hidden !== pages <= 1) pager.hidden = pages <= 1;
  if (pages > 1) {
    document.getElementById('per-class-range').textContent = `Classes ${grouped(first + 1)}–${grouped(Math.min(k, first + PER_CLASS_PAGE))} of ${grouped(k)}`;
    document.getElementById('per-class-prev').disabled = perClassPage === 0;
    document.getElementById('per-class-next').disabled = perClassPage >= pages - 1;
  }
}

/** @type {Report | null} */
let lastRendered = null;

/**
 * Renders a whole report.
 * @param {Report} report
 */
export function renderReport(report) {
  lastRendered = report;
  renderVerdict(report.verdict);
  renderWarnings(report.warnings);
  renderMatrix(report);
  renderPerClass(report);
  renderMetrics(report);
}

for (const input of document.querySelectorAll('input[name="matrix-view"]')) {
  input.addEventListener('change', () => lastRendered && renderMatrix(lastRendered));
}

for (const [id, step] of /** @type {const} */ ([['per-class-prev', -1], ['per-class-next', 1]])) {
  document.getElementById(id).addEventListener('click', () => {
    perClassPage += step;
    if (lastRendered) renderPerClass(lastRendered);
  });
}

/**
 * Empties the report panels and says why in the verdict's place: a tab with
 * no report of its own (nothing loaded, a failed or cancelled load) shows
 * nothing rather than another input's numbers.
 * @param {string} headline
 */
export function renderEmpty(headline) {
  lastRendered = null;
  const box = document.getElementById('verdict');
  delete box.dataset.status;
  verdictPart(box, '.verdict-status').textContent = '';
  verdictPart(box, '.verdict-headline').textContent = headline;
  verdictPart(box, '.verdict-watch').textContent = '';
  verdictPart(box, '.verdict-reasons').replaceChildren();
  document.getElementById('warnings').replaceChildren();
  warningsShown = null;
  const matrix = document.getElementById('matrix');
  matrix.classList.remove('heatmap', 'many');
  matrix.replaceChildren();
  matrixRole(matrix, null);
  document.getElementById('matrix-view').hidden = true;
  document.getElementById('matrix-hint').textContent = '';
  document.getElementById('per-class-panel').hidden = true;
  metricRows = new Map();
  /** @type {HTMLTableSectionElement} */ (document.querySelector('#metrics tbody')).replaceChildren();
}

/**
 * Shows a message under each field in `errors` (field id → message) and
 * clears the others in `fields`.
 * @param {readonly (keyof PageElements)[]} fields ids of inputs with a `${id}-error` slot
 * @param {Record<string, string>} errors
 */
export function renderFieldErrors(fields, errors) {
  for (const field of fields) {
    const input = document.getElementById(field);
    const slot = /** @type {HTMLElement} */ (document.getElementById(`${field}-error`));
    const message = errors[field];
    slot.textContent = clipText(message ?? '');
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/**
 * Shows (or clears, with null) an error that belongs to no single field.
 * @param {string | null} message
 */
export function renderFormError(message) {
  const box = document.getElementById('form-error');
  box.textContent = clipText(message ?? '');
  box.hidden = !message;
}

const STALE_TEXT = 'Showing the last valid result while the input above is fixed.';

/**
 * Marks the shown result as belonging to earlier, valid input (`text` says how).
 * @param {boolean} stale
 * @param {string} [text]
 */
export function showStale(stale, text = STALE_TEXT) {
  const note = document.getElementById('stale');
  note.textContent = text;
  note.hidden = !stale;
}
