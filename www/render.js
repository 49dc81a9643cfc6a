// @ts-check
// Renders a fitcheck report into the page. Rendering only: every number and
// sentence comes from the Rust core. Text goes in through textContent, never
// innerHTML, so nothing user-supplied can become markup.

/** @typedef {import('./pkg/fitcheck.js').Report} Report */
/** @typedef {import('./pkg/fitcheck.js').MetricId} MetricId */

const STATUS_TEXT = { fit: '✔ Fit', borderline: '▲ Borderline', not_fit: '✖ Not fit' };

/**
 * Creates an element with a class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
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

/** @param {Report['verdict']} verdict */
function renderVerdict(verdict) {
  const box = document.getElementById('verdict');
  box.dataset.status = verdict.status;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-status')).textContent = STATUS_TEXT[verdict.status] ?? verdict.status;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-headline')).textContent = verdict.headline;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-watch')).textContent = `Metric to watch for this task: ${verdict.watch_label}`;
  const list = /** @type {HTMLElement} */ (box.querySelector('.verdict-reasons'));
  list.replaceChildren(...verdict.reasons.map((r) => el('li', '', r)));
}

/** @param {Report['warnings']} warnings */
function renderWarnings(warnings) {
  const box = document.getElementById('warnings');
  box.replaceChildren(
    ...warnings.map((w) => {
      const item = el('div', `warning severity-${w.severity}`);
      item.dataset.warning = w.id;
      item.setAttribute('role', 'note');
      const head = el('p', 'warning-head');
      head.append(el('span', 'severity', w.severity), el('span', 'warning-id', w.id.replaceAll('_', ' ')));
      item.append(head, el('p', 'warning-message', w.message));
      return item;
    }),
  );
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
  box.classList.add('heatmap');
  const header = el('div', 'm-row');
  header.setAttribute('role', 'row');
  header.append(el('span', 'm-corner', 'true ↓ predicted →'));
  for (const label of report.labels) {
    const h = el('span', 'm-head', label);
    h.setAttribute('role', 'columnheader');
    h.title = `predicted ${label}`;
    header.append(h);
  }
  const rows = [header];
  report.labels.forEach((label, i) => {
    const row = el('div', 'm-row');
    row.setAttribute('role', 'row');
    const h = el('span', 'm-head', label);
    h.setAttribute('role', 'rowheader');
    h.title = `truly ${label}`;
    row.append(h);
    report.labels.forEach((predicted, j) => {
      const count = report.confusion[i][j];
      const rowShare = report.confusion_row_share[i][j];
      const text = view === 'counts' ? count.toLocaleString('en-US')
        : formatShare(view === 'row' ? rowShare : report.confusion_col_share[i][j]);
      const cell = el('span', `h-cell${i === j ? ' diagonal' : ''}`, text);
      cell.setAttribute('role', 'cell');
      const level = Math.min(9, Math.floor((rowShare ?? 0) * 10));
      cell.dataset.level = String(level);
      cell.title = `truly ${label}, predicted ${predicted}: ${count.toLocaleString('en-US')} (${formatShare(rowShare)} of row, ${formatShare(report.confusion_col_share[i][j])} of column)`;
      row.append(cell);
    });
    rows.push(row);
  });
  box.replaceChildren(...rows);
}

/** @param {Report} report */
function renderMatrix(report) {
  const toggle = document.getElementById('matrix-view');
  const hint = document.getElementById('matrix-hint');
  if (report.labels.length > 2) {
    toggle.hidden = false;
    hint.textContent = 'Rows are the true classes, columns the predictions, in scikit-learn\'s order; the outlined diagonal is right. Shading follows the row share: darker means more of that true class lands in that column.';
    renderHeatmap(report);
    return;
  }
  hint.textContent = 'Row % is the share of each true class; column % the share of each prediction. Blue cells are right, orange cells are mistakes.';
  toggle.hidden = true;
  const box = document.getElementById('matrix');
  box.classList.remove('heatmap');
  const order = displayOrder(report);
  const names = report.kind === 'binary'
    ? Object.fromEntries(report.labels.map((l) => [l, l === report.pos_label ? `positive (${l})` : `negative (${l})`]))
    : Object.fromEntries(report.labels.map((l) => [l, l]));
  box.style.setProperty('--columns', String(order.length + 1));
  const cells = [];
  const header = el('div', 'm-row');
  header.setAttribute('role', 'row');
  header.append(el('span', 'm-corner', 'true ↓ / predicted →'));
  for (const j of order) {
    const h = el('span', 'm-head', `predicted ${names[report.labels[j]]}`);
    h.setAttribute('role', 'columnheader');
    header.append(h);
  }
  cells.push(header);
  for (const i of order) {
    const row = el('div', 'm-row');
    row.setAttribute('role', 'row');
    const h = el('span', 'm-head', `truly ${names[report.labels[i]]}`);
    h.setAttribute('role', 'rowheader');
    row.append(h);
    for (const j of order) {
      const cell = el('div', `m-cell ${i === j ? 'correct' : 'wrong'}`);
      cell.setAttribute('role', 'cell');
      cell.append(
        el('span', 'm-name', cellName(report, i, j)),
        el('span', 'm-count', report.confusion[i][j].toLocaleString('en-US')),
        el('span', 'm-share', `${formatShare(report.confusion_row_share[i][j])} of row · ${formatShare(report.confusion_col_share[i][j])} of column`),
      );
      row.append(cell);
    }
    cells.push(row);
  }
  box.replaceChildren(...cells);
}

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
    // A different set of metrics (binary ↔ multiclass ↔ scores): build the rows once.
    metricRows = new Map(ids.map((id) => [id, metricRow(id)]));
    body.replaceChildren(...metricRows.values());
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

/** @param {Report} report */
function renderPerClass(report) {
  const panel = document.getElementById('per-class-panel');
  panel.hidden = report.source === undefined;
  if (panel.hidden) return;
  /** @type {(cells: string[], className?: string) => HTMLTableRowElement} */
  const row = (cells, className) => {
    const tr = el('tr', className);
    cells.forEach((c, i) => {
      const cell = el(i === 0 ? 'th' : 'td', i === 0 ? '' : 'value', c);
      if (i === 0) cell.scope = 'row';
      tr.append(cell);
    });
    return tr;
  };
  const rows = report.per_class.map((r) => {
    const tr = row([r.label, formatValue(r.precision), formatValue(r.recall), formatValue(r.f1), r.support.toLocaleString('en-US')]);
    tr.dataset.class = r.label;
    return tr;
  });
  const total = report.per_class.reduce((sum, r) => sum + r.support, 0).toLocaleString('en-US');
  for (const [name, key] of /** @type {const} */ ([['macro avg', 'macro'], ['weighted avg', 'weighted'], ['micro avg', 'micro']])) {
    const a = report.averages[key];
    const tr = row([name, formatValue(a.precision), formatValue(a.recall), formatValue(a.f1), total], 'average');
    tr.dataset.average = key;
    rows.push(tr);
  }
  /** @type {HTMLTableSectionElement} */ (document.querySelector('#per-class tbody')).replaceChildren(...rows);
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
    slot.textContent = message ?? '';
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
  box.textContent = message ?? '';
  box.hidden = !message;
}

/**
 * Marks the shown result as belonging to earlier, valid input.
 * @param {boolean} stale
 */
export function showStale(stale) {
  document.getElementById('stale').hidden = !stale;
}
