// @ts-check
// The tradeoff explorer: a threshold slider over the distinct scores,
// operating points, and four charts (ROC, precision–recall, score
// histograms, reliability diagram) on which a click or drag moves the
// threshold. Rendering only; the core computes every number.

import { drawChart, wireSaveButtons } from './charts.js';
import { grouped } from './render.js';

/** @typedef {import('./pkg/fitcheck.js').Report} Report */
/** @typedef {import('./pkg/fitcheck.js').CurvePoints} CurvePoints */
/** @typedef {import('./pkg/fitcheck.js').Curves} Curves */
/** @typedef {import('./charts.js').Chart} Chart */
/** @typedef {'chart-roc' | 'chart-pr' | 'chart-hist' | 'chart-reliability'} ChartId */
/**
 * A report on scores: binary, with a score summary (what `render` draws).
 * @typedef {Report & {pos_label: string, score_summary: import('./pkg/fitcheck.js').ScoreSummary}} ScoreReport
 */
/**
 * Where the explorer asks the threshold to move: a slider rank or a score.
 * @typedef {{rank: number} | {threshold: number}} ThresholdChoice
 */
/**
 * Costs and targets as the core expects them (`FileReportInput`); undefined takes the core's default.
 * @typedef {Pick<import('./pkg/fitcheck.js').FileReportInput, 'costFp' | 'costFn' | 'prevalence' | 'targetRecall' | 'targetPrecision'>} Goals
 */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);
/** @type {(v: number | null | undefined, d?: number) => string} */
const fmt = (v, d = 4) => (v === null || v === undefined ? 'undefined' : v.toFixed(d));

/**
 * Nearest drawn curve point to (x, y) that has a threshold.
 * @param {CurvePoints} points
 * @param {number} x
 * @param {number} y
 */
function nearest(points, x, y) {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < points.x.length; i += 1) {
    if (points.thresholds[i] === null) continue;
    const d = (points.x[i] - x) ** 2 + (points.y[i] - y) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best < 0 ? null : points.thresholds[best];
}

/**
 * A curve's points as [x, y] pairs.
 * @param {CurvePoints} c
 * @returns {[number, number][]}
 */
const xy = (c) => c.x.map((x, i) => [x, c.y[i]]);

/**
 * @param {{request: (choice: ThresholdChoice) => void, goalsChanged: () => void}} hooks
 */
export function createExplorer({ request, goalsChanged }) {
  /** @type {Curves | null} the curves last sent (they come only when asked for) */
  let curves = null;
  /** @type {Partial<Record<ChartId, Chart | null>>} */
  let scales = {};
  /** @type {ChartId | null} */
  let dragging = null;

  /**
   * @param {ChartId} svgId
   * @param {(x: number, y: number) => void} onPoint
   */
  function pointerOn(svgId, onPoint) {
    const svg = $(svgId);
    /** @param {PointerEvent} event */
    const handle = (event) => {
      if (!scales[svgId]) return;
      keyRank = null;
      const { x, y } = /** @type {Chart} */ (scales[svgId]).invert(event.clientX, event.clientY);
      onPoint(x, y);
    };
    svg.addEventListener('pointerdown', (e) => {
      dragging = svgId;
      svg.setPointerCapture?.(e.pointerId);
      handle(e);
    });
    svg.addEventListener('pointermove', (e) => {
      if (dragging === svgId) handle(e);
    });
    svg.addEventListener('pointerup', () => { dragging = null; });
    svg.addEventListener('pointercancel', () => { dragging = null; });
  }

  pointerOn('chart-roc', (x, y) => {
    const t = curves?.roc && nearest(curves.roc, x, y);
    if (t !== null && t !== undefined) request({ threshold: t });
  });
  pointerOn('chart-pr', (x, y) => {
    const t = curves?.pr && nearest(curves.pr, x, y);
    if (t !== null && t !== undefined) request({ threshold: t });
  });
  pointerOn('chart-hist', (x) => request({ threshold: x }));

  const slider = $('threshold-slider');
  slider.addEventListener('input', () => {
    keyRank = null;
    request({ rank: Number(slider.value) });
  });
  /**
   * The rank the slider's keys last asked for, until a report shows it (null: the slider's own value).
   * @type {number | null}
   */
  let keyRank = null;
  // The slider's keys move the thumb together with the numbers: the page
  // asks for the rank a key gives and the thumb moves when the report at it
  // is drawn, in the same frame. Left to the browser, a key paints the thumb
  // in a frame of its own, and the report, arriving while that frame is
  // drawn, waits for it: on a busy machine that wait was the largest part of
  // a move (bench/browser.mjs threshold: `transit`). The steps are the
  // browser's own for a range input: arrows ±1, Page Up/Down a tenth of the
  // range, Home and End the ends, rounded to a rank and kept in range.
  slider.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const min = Number(slider.min);
    const max = Number(slider.max);
    const from = keyRank ?? Number(slider.value);
    const big = Math.max((max - min) / 10, 1);
    /** @type {Record<string, number>} */
    const targets = { ArrowRight: from + 1, ArrowUp: from + 1, ArrowLeft: from - 1, ArrowDown: from - 1, PageUp: from + big, PageDown: from - big, Home: min, End: max };
    if (!Object.hasOwn(targets, e.key)) return;
    e.preventDefault();
    const rank = Math.min(max, Math.max(min, Math.round(targets[e.key])));
    if (rank === from) return;
    keyRank = rank;
    request({ rank });
  });
  for (const id of /** @type {const} */ (['goal-cost-fp', 'goal-cost-fn', 'goal-prevalence', 'goal-target-recall', 'goal-target-precision'])) {
    $(id).addEventListener('input', goalsChanged);
  }
  wireSaveButtons('chart-');

  /**
   * The costs and targets typed by the user (empty boxes use the defaults).
   * @returns {Goals}
   */
  function goals() {
    /** @param {'goal-cost-fp' | 'goal-cost-fn' | 'goal-prevalence' | 'goal-target-recall' | 'goal-target-precision'} id */
    const num = (id) => ($(id).value.trim() === '' ? undefined : Number($(id).value));
    return {
      costFp: num('goal-cost-fp'),
      costFn: num('goal-cost-fn'),
      prevalence: num('goal-prevalence'),
      targetRecall: num('goal-target-recall'),
      targetPrecision: num('goal-target-precision'),
    };
  }

  /** @type {ScoreReport['operating_points'] | null} the operating points whose buttons are shown */
  let pointsShown = null;

  /** @param {ScoreReport} report */
  function renderPoints(report) {
    const box = $('operating-points');
    const points = report.operating_points ?? [];
    if (report.operating_points && report.operating_points === pointsShown) {
      // A threshold move keeps the points (the same objects): only which one is pressed changes.
      for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (box.querySelectorAll('button[data-point]'))) {
        const p = points.find((q) => q.id === b.dataset.point);
        const pressed = String(p?.rank === report.score_summary.rank);
        if (b.getAttribute('aria-pressed') !== pressed) b.setAttribute('aria-pressed', pressed);
      }
      return;
    }
    pointsShown = report.operating_points ?? null;
    box.replaceChildren(...points.map((p) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.point = p.id;
      b.textContent = `${p.name} (${Number(p.threshold.toPrecision(4))})`;
      b.title = p.sentence;
      b.setAttribute('aria-pressed', String(p.rank === report.score_summary.rank));
      b.addEventListener('click', () => {
        keyRank = null;
        $('point-sentence').textContent = p.sentence;
        request({ rank: p.rank });
      });
      return b;
    }));
    if (points.length === 0) $('point-sentence').textContent = 'Operating points need both classes in the file.';
  }

  /** @type {string | null} */
  let drawnKey = null;
  let curvesVersion = 0;

  /** @param {ScoreReport} report */
  function renderCharts(report) {
    const m = report.metrics;
    const s = report.score_summary;
    const label = `t = ${Number(s.threshold.toPrecision(4))}`;
    // A new threshold only moves the markers; the curves stay drawn.
    const key = [curvesVersion, report.pos_label, s.distinct_thresholds, s.min_score, s.max_score, m.roc_auc, m.average_precision, m.prevalence].join('|');
    if (key === drawnKey && curves) {
      scales['chart-roc']?.setMarker({ x: m.fpr, y: m.recall, label });
      scales['chart-pr']?.setMarker(m.precision === null ? undefined : { x: m.recall, y: m.precision, label });
      scales['chart-hist']?.setMarker({ xLine: s.threshold, label });
      return;
    }
    drawnKey = key;
    if (curves?.roc) {
      scales['chart-roc'] = drawChart($('chart-roc'), {
        title: `ROC curve — AUC ${fmt(m.roc_auc)}`,
        xLabel: 'False positive rate (1 − specificity)', yLabel: 'True positive rate (recall)',
        x: [0, 1], y: [0, 1], diagonal: true,
        series: [{ name: 'model', className: 's-roc', kind: 'line', points: xy(curves.roc) },
          { name: 'chance', className: 's-chance', kind: 'none', points: [] }],
        marker: { x: m.fpr, y: m.recall, label },
      });
    } else {
      $('chart-roc').replaceChildren();
      scales['chart-roc'] = null;
    }
    if (curves?.pr) {
      const prevalence = m.prevalence ?? 0;
      scales['chart-pr'] = drawChart($('chart-pr'), {
        title: `Precision–recall — AP ${fmt(m.average_precision)}`,
        xLabel: 'Recall', yLabel: 'Precision', x: [0, 1], y: [0, 1],
        series: [{ name: 'model', className: 's-pr', kind: 'step', points: xy(curves.pr).reverse() },
          { name: `chance (${prevalence.toFixed(2)})`, className: 's-chance', kind: 'line', points: [[0, prevalence], [1, prevalence]] }],
        marker: m.precision === null ? undefined : { x: m.recall, y: m.precision, label },
      });
    }
    const h = s.histogram;
    if (h) {
      /** @param {number[]} counts */
      const bars = (counts) => counts.map((value, i) => ({ x0: h.edges[i], x1: h.edges[i + 1], value }));
      const top = Math.max(1, ...h.positives, ...h.negatives);
      scales['chart-hist'] = drawChart($('chart-hist'), {
        title: 'Scores of positives and negatives',
        xLabel: 'Score', yLabel: 'Examples', x: [h.edges[0], h.edges[h.edges.length - 1]], y: [0, top * 1.08],
        series: [{ name: `negatives (${report.labels[1 - report.labels.indexOf(report.pos_label)]})`, className: 's-neg', kind: 'bars', bars: bars(h.negatives) },
          { name: `positives (${report.pos_label})`, className: 's-pos', kind: 'bars', bars: bars(h.positives) }],
        marker: { xLine: s.threshold, label },
      });
    }
    const c = s.calibration;
    const relSvg = $('chart-reliability');
    if (c) {
      drawChart(relSvg, {
        title: `Reliability — ECE ${c.ece.toFixed(3)}`,
        xLabel: 'Mean score in bin', yLabel: 'Fraction positive', x: [0, 1], y: [0, 1], diagonal: true,
        series: [{ name: 'model', className: 's-rel', kind: 'line', points: c.bins.map((b) => [b.mean_score, b.fraction_positive]) },
          { name: '', className: 's-rel', kind: 'dots', points: c.bins.map((b) => [b.mean_score, b.fraction_positive]) },
          { name: 'perfectly calibrated', className: 's-chance', kind: 'none', points: [] }],
      });
      $('reliability-note').textContent = '';
    } else {
      relSvg.replaceChildren();
      $('reliability-note').textContent = 'No reliability diagram: the scores are not probabilities (some lie outside [0, 1]). ROC and precision–recall still apply.';
    }
  }

  /**
   * Renders the explorer for a report on scores (hides it otherwise).
   * @param {Report} report
   */
  function render(report) {
    const section = $('explorer');
    const s = report.score_summary;
    if (section.hidden !== !s) section.hidden = !s;
    if (!s) return;
    if (report.curves) {
      curves = report.curves;
      curvesVersion += 1;
    }
    const max = String(Math.max(0, s.distinct_thresholds - 1));
    if (slider.max !== max) slider.max = max;
    const value = String(Math.min(s.rank, s.distinct_thresholds - 1));
    if (slider.value !== value) slider.value = value;
    if (keyRank === Number(value)) keyRank = null; // the keys' last rank is shown
    slider.setAttribute('aria-valuetext', `threshold ${s.threshold}`);
    $('threshold-value').textContent = `Threshold ${Number(s.threshold.toPrecision(6))}: scores at or above it are called positive — ${grouped(s.called_positive)} of ${grouped(report.n)} examples (${grouped(s.distinct_thresholds)} distinct scores; arrow keys step through them).`;
    renderPoints(/** @type {ScoreReport} */ (report));
    renderCharts(/** @type {ScoreReport} */ (report));
  }

  return { render, goals, forgetCurves: () => { curves = null; drawnKey = null; pointsShown = null; keyRank = null; }, hide: () => { $('explorer').hidden = true; } };
}
