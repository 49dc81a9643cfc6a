// @ts-check
// The Training curves tab's charts: training and validation loss together,
// the other validation metrics, the learning rate, and any other logged
// value (one at a time, chosen in a list: their scales differ, e.g.
// grad_norm and eval_samples_per_second), each from the report's series by
// `role`. Each series is drawn
// twice: faint as logged, strong as the core smoothed it (the learning rate
// only as logged: a schedule is not noise). The best checkpoint is a dot on
// the monitored series, early stopping's stop a dashed line, and the
// checkpoint early stopping keeps a square. A cursor reads the values at a
// point (hover, or arrow keys on the focused chart; a live region says them).
// Drawing goes through charts.js; the core computes every value drawn.

import { drawChart, saveSvg, savePng } from './charts.js';
import { labelText } from './render.js';
import { formatNumber, atX } from './training-render.js';

/** @typedef {import('./pkg/fitcheck.js').TrainingReport} TrainingReport */
/** @typedef {import('./pkg/fitcheck.js').TrainingSeries} TrainingSeries */
/** @typedef {import('./pkg/fitcheck.js').TrainingSeries['role']} SeriesRole */
/** @typedef {import('./charts.js').Chart} Chart */
/** @typedef {import('./charts.js').Marker} Marker */
/** @typedef {import('./charts.js').Series} Series */
/** @typedef {'training-loss' | 'training-metrics' | 'training-lr' | 'training-other'} ChartId */
/**
 * A chart as drawn: its series (name and data), the x values the cursor steps over, and the cursor's index.
 * @typedef {{chart: Chart, series: [string, TrainingSeries][], xs: number[], index: number | null, smoothed: boolean}} Drawn
 */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Which roles each chart shows, its title and y label, and whether it draws the smoothed line. */
const GROUPS = /** @type {const} */ ([
  { id: 'training-loss', roles: ['train_loss', 'val_loss'], title: 'Loss', yLabel: 'Loss', smoothed: true },
  { id: 'training-metrics', roles: ['val_metric'], title: 'Validation metrics', yLabel: 'Value', smoothed: true },
  { id: 'training-lr', roles: ['learning_rate'], title: 'Learning rate', yLabel: 'Learning rate', smoothed: false },
  { id: 'training-other', roles: ['other'], title: 'Other logged values', yLabel: 'Value', smoothed: true },
]);
/** Series colours and dash patterns (Okabe–Ito; styles t-0 … t-5 in style.css). */
const STYLES = 6;
/** Series with at most this many points also get a faint dot per point. */
const DOTS_UP_TO = 60;

/**
 * A series name as a legend shows it: long names keep their start and their
 * end (TensorBoard files differ at the end: run-train-tag-epoch_loss,
 * run-validation-tag-epoch_loss).
 * @param {string} name
 */
function legendName(name) {
  return name.length <= 24 ? name : `${name.slice(0, 6)}…${name.slice(-17)}`;
}

/**
 * [x, y] pairs of a series.
 * @param {number[]} x
 * @param {(number | null)[]} y
 * @returns {[number, number | null][]}
 */
const pairs = (x, y) => x.map((v, i) => [v, y[i]]);

/**
 * The index of the value of `xs` (sorted) nearest to `x`.
 * @param {number[]} xs
 * @param {number} x
 */
function nearestIndex(xs, x) {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x) ? lo - 1 : lo;
}

/**
 * The extent of the values drawn, padded by 5% (positive values only on a log scale).
 * @param {(number | null)[][]} columns
 * @param {boolean} log
 * @returns {[number, number] | null}
 */
function extent(columns, log) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const column of columns) {
    for (const v of column) {
      if (v === null || !Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return null;
  // A flat series (or one whose smoothing differs from it in the last bit: 1.5 and 1.5000000000000002) gets a span around its value.
  const flat = hi - lo <= Math.abs(hi) * 1e-9;
  if (log) return flat ? [lo / 2, hi * 2] : [lo / 1.1, hi * 1.1];
  const pad = flat ? Math.abs(hi) * 0.05 || 1 : (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

export function createTrainingCharts() {
  /** @type {Map<ChartId, Drawn>} */
  const drawn = new Map();
  /** @type {TrainingReport | null} */
  let report = null;
  let log = false;
  /** @type {string | null} the other logged value shown (null: the first) */
  let otherShown = null;
  const otherSelect = $('training-other-series');
  otherSelect.addEventListener('change', () => {
    otherShown = otherSelect.value;
    if (report) drawGroup(report, GROUPS[3]);
  });

  /**
   * The other logged values in the list, the one shown selected.
   * @param {[string, TrainingSeries][]} series
   */
  function fillOther(series) {
    const names = series.map(([name]) => name);
    if (otherShown === null || !names.includes(otherShown)) otherShown = names[0] ?? null;
    otherSelect.replaceChildren(...names.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = labelText(name, 40);
      option.selected = name === otherShown;
      return option;
    }));
  }

  /**
   * The markers of one chart: the best checkpoint, where early stopping stops, and what it keeps.
   * @param {TrainingReport} r
   * @param {boolean} holdsMonitor
   * @returns {Marker[]}
   */
  function markers(r, holdsMonitor) {
    /** @type {Marker[]} */
    const out = [];
    const es = r.early_stopping;
    if (es.stopped_x !== null) out.push({ xLine: es.stopped_x, label: `early stop: ${atX(r, es.stopped_x)}` });
    if (!holdsMonitor) return out;
    if (r.best) out.push({ x: r.best.x, y: r.best.value, label: `best: ${atX(r, r.best.x)}`, className: 'm-best' });
    if (es.stopped_x !== null && es.best_x !== null && es.best_x !== r.best?.x) {
      out.push({ x: es.best_x, y: es.best_value, label: `kept: ${atX(r, es.best_x)}`, className: 'm-kept', shape: 'square', below: true });
    }
    return out;
  }

  /**
   * Draws one chart, or hides its figure when the report has no series for it.
   * @param {TrainingReport} r
   * @param {(typeof GROUPS)[number]} group
   */
  function drawGroup(r, group) {
    const svg = $(group.id);
    const figure = /** @type {HTMLElement} */ (svg.closest('figure'));
    /** @type {[string, TrainingSeries][]} */
    let series = Object.entries(r.series).filter(([, s]) => /** @type {readonly SeriesRole[]} */ (group.roles).includes(s.role));
    if (group.id === 'training-other') {
      fillOther(series);
      series = series.filter(([name]) => name === otherShown);
    }
    const y = extent(series.flatMap(([, s]) => (group.smoothed ? [s.y, s.smoothed] : [s.y])), log);
    figure.hidden = series.length === 0 || y === null;
    const before = drawn.get(group.id);
    drawn.delete(group.id);
    if (figure.hidden || y === null) return;
    const xs = series.flatMap(([, s]) => s.x);
    /** @type {Series[]} */
    const lines = [];
    series.forEach(([name, s], i) => {
      const style = `t-${i % STYLES}`;
      const points = pairs(s.x, s.y);
      if (group.smoothed) {
        lines.push({ name: '', className: `${style} raw`, kind: 'line', points });
        if (s.x.length <= DOTS_UP_TO) lines.push({ name: '', className: `${style} raw-dots`, kind: 'dots', points });
        lines.push({ name: legendName(name), className: `${style} smooth`, kind: 'line', points: pairs(s.x, s.smoothed), swatch: 'line' });
      } else {
        lines.push({ name: legendName(name), className: `${style} smooth`, kind: 'line', points, swatch: 'line' });
      }
    });
    const holdsMonitor = series.some(([name]) => name === r.monitor);
    const chart = drawChart(svg, {
      title: group.title,
      xLabel: r.x === 'step' ? 'Step' : 'Epoch',
      yLabel: log ? `${group.yLabel} (log scale)` : group.yLabel,
      x: [Math.min(...xs), Math.max(...xs)],
      y,
      yLog: log,
      series: lines,
      marker: markers(r, holdsMonitor),
    });
    svg.setAttribute('aria-label', `${group.title} by ${r.x}: ${series.map(([name]) => name).join(', ')}. Arrow keys read the values point by point.`);
    // The cursor steps over the points of the series with the most of them.
    const longest = series.reduce((a, b) => (b[1].x.length > a[1].x.length ? b : a))[1];
    const state = { chart, series, xs: longest.x, index: before?.index ?? null, smoothed: group.smoothed };
    if (state.index !== null && state.index >= state.xs.length) state.index = state.xs.length - 1;
    drawn.set(group.id, state);
    if (state.index !== null) read(group.id, state.index, false);
  }

  /**
   * Puts the cursor at point `index` of a chart and says the values there.
   * @param {ChartId} id
   * @param {number} index
   * @param {boolean} announce whether the live region should speak (keyboard and pointer moves, not redraws)
   */
  function read(id, index, announce = true) {
    const d = drawn.get(id);
    if (!d || !report || d.xs.length === 0) return;
    const r = report;
    d.index = Math.max(0, Math.min(d.xs.length - 1, index));
    const x = d.xs[d.index];
    /** @type {[number, number][]} */
    const ring = [];
    const parts = d.series.map(([name, s]) => {
      if (s.x.length === 0) return `${labelText(name, 40)} —`;
      const i = nearestIndex(s.x, x);
      const value = s.y[i];
      const smooth = s.smoothed[i];
      const shown = d.smoothed ? smooth : value;
      if (shown !== null) ring.push([s.x[i], shown]);
      const where = s.x[i] === x ? '' : ` (at ${atX(r, s.x[i])})`;
      /** @param {number | null} v a value the JSON gives as null was not finite (NaN or infinite) */
      const say = (v) => (v === null ? 'not finite' : formatNumber(v));
      const smoothText = d.smoothed ? `, smoothed ${say(smooth)}` : '';
      return `${labelText(name, 40)} ${say(value)}${smoothText}${where}`;
    });
    d.chart.setCursor({ x, points: ring });
    const readout = $(/** @type {`${ChartId}-readout`} */ (`${id}-readout`));
    const text = `${atX(r, x)}: ${parts.join('; ')}`;
    if (announce || readout.textContent !== '') readout.textContent = text;
  }

  for (const group of GROUPS) {
    const svg = $(group.id);
    svg.addEventListener('keydown', (e) => {
      const d = drawn.get(group.id);
      if (!d) return;
      /** @type {Record<string, number>} */
      const moves = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };
      let next;
      if (e.key in moves) next = (d.index ?? (moves[e.key] > 0 ? -1 : d.xs.length)) + moves[e.key];
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = d.xs.length - 1;
      else return;
      e.preventDefault();
      read(group.id, next);
    });
    svg.addEventListener('pointermove', (e) => {
      const d = drawn.get(group.id);
      if (!d) return;
      const i = nearestIndex(d.xs, d.chart.invert(e.clientX, e.clientY).x);
      if (i !== d.index) read(group.id, i);
    });
  }
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('[data-training-save]'))) {
    button.addEventListener('click', () => {
      const [chart, kind] = /** @type {[ChartId, string]} */ (String(button.dataset.trainingSave).split(':'));
      (kind === 'png' ? savePng : saveSvg)($(chart), `fitcheck-${chart}`);
    });
  }

  return {
    /**
     * Draws every chart of a report.
     * @param {TrainingReport} r
     */
    render(r) {
      report = r;
      for (const group of GROUPS) drawGroup(r, group);
    },
    /**
     * Switches the y axes between linear and logarithmic, and redraws.
     * @param {boolean} on
     */
    setLog(on) {
      log = on;
      if (report) this.render(report);
    },
    /** Drops the charts of the previous load (and their cursors). */
    forget() {
      drawn.clear();
      report = null;
      for (const group of GROUPS) $(/** @type {`${ChartId}-readout`} */ (`${group.id}-readout`)).textContent = '';
    },
  };
}
