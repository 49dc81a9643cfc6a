// @ts-check
// The Compare tab's charts: ROC and precision–recall of both models on one
// chart each (Okabe–Ito blue solid for A, orange dashed for B, so colour is
// never the only difference), each model's operating point marked (A a
// circle, B a square), and one threshold slider acting on both. Drawing
// goes through charts.js; the core computes every point.

import { drawChart, wireSaveButtons } from './charts.js';
import { labelText, grouped } from './render.js';

/** @typedef {import('./pkg/fitcheck.js').ComparisonReport} Comparison */
/** @typedef {import('./pkg/fitcheck.js').Report} Report */
/** @typedef {import('./pkg/fitcheck.js').Curves} Curves */
/** @typedef {import('./pkg/fitcheck.js').CurvePoints} CurvePoints */
/** @typedef {import('./charts.js').Chart} Chart */
/** @typedef {import('./charts.js').Marker} Marker */
/** @typedef {import('./charts.js').Series} Series */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);
/** @type {(v: number | null | undefined) => string} */
const fmt = (v) => (v === null || v === undefined ? 'undefined' : v.toFixed(4));
/** Slider positions between the lowest and the highest score of the two models. */
const SLIDER_STEPS = 200;

/**
 * A curve's points as [x, y] pairs.
 * @param {CurvePoints} c
 * @returns {[number, number][]}
 */
const xy = (c) => c.x.map((x, i) => [x, c.y[i]]);

/**
 * @param {{threshold: (t: number) => void}} hooks `threshold`: the slider moved (ask for a report at t)
 */
export function createCompareCharts({ threshold }) {
  wireSaveButtons('compare-');
  /** @type {{a: Curves | null, b: Curves | null}} the curves of the current load (reports without curves reuse them) */
  let curves = { a: null, b: null };
  /** @type {{roc: Chart | null, pr: Chart | null}} */
  let charts = { roc: null, pr: null };
  let drawnKey = '';

  const slider = $('compare-threshold-slider');
  slider.addEventListener('input', () => threshold(Number(slider.value)));

  /**
   * The operating points of both models on one chart.
   * @param {Comparison} cmp
   * @param {(r: Report) => [number | null | undefined, number | null | undefined]} point
   * @returns {Marker[]}
   */
  function markers(cmp, point) {
    /** @type {Marker[]} */
    const out = [];
    for (const [key, report, shape] of /** @type {const} */ ([['a', cmp.a, 'circle'], ['b', cmp.b, 'square']])) {
      const s = report.score_summary;
      if (!s) continue;
      const [x, y] = point(report);
      out.push({ x, y, label: `${key.toUpperCase()}: t = ${Number(s.threshold.toPrecision(4))}`, className: `m-${key}`, shape, below: key === 'b' });
    }
    return out;
  }

  /**
   * The series of both models for one curve.
   * @param {Comparison} cmp
   * @param {'roc' | 'pr'} which
   * @returns {Series[]}
   */
  function series(cmp, which) {
    /** @type {Series[]} */
    const out = [];
    for (const key of /** @type {const} */ (['a', 'b'])) {
      const c = curves[key]?.[which];
      if (!c) continue;
      const name = `${key.toUpperCase()}: ${labelText(cmp.models[key === 'a' ? 0 : 1], 22)}`;
      const points = which === 'pr' ? xy(c).reverse() : xy(c);
      out.push({ name, className: `s-${key}`, kind: which === 'pr' ? 'step' : 'line', points, swatch: 'line' });
    }
    return out;
  }

  /** @param {Comparison} cmp */
  function renderSlider(cmp) {
    const summaries = [cmp.a.score_summary, cmp.b.score_summary].filter((s) => s !== undefined);
    const row = $('compare-threshold-row');
    row.hidden = summaries.length === 0;
    if (summaries.length === 0) return;
    const lo = Math.min(...summaries.map((s) => s.min_score));
    const hi = Math.max(...summaries.map((s) => s.max_score));
    const t = summaries[0].threshold;
    // A round step (0.001 for scores in [0, 1]) so the slider lands on thresholds a person would type.
    const step = 10 ** Math.floor(Math.log10((hi - lo) / SLIDER_STEPS || 1));
    slider.step = String(step);
    slider.min = String(Number((Math.floor(lo / step) * step).toPrecision(12)));
    slider.max = String(Number((Math.ceil(hi / step) * step).toPrecision(12)));
    if (document.activeElement !== slider) slider.value = String(t);
    slider.setAttribute('aria-valuetext', `threshold ${t}`);
    const called = [['A', cmp.a], ['B', cmp.b]].flatMap(([name, r]) => {
      const s = /** @type {Report} */ (r).score_summary;
      return s ? [`${name} calls ${grouped(s.called_positive)} positive`] : [];
    });
    $('compare-threshold-value').textContent = `Threshold ${Number(t.toPrecision(6))} for both models: scores at or above it are called positive (${called.join(', ')} of ${grouped(cmp.n)}).`;
  }

  /**
   * Draws (or, for a new threshold only, re-marks) both charts.
   * @param {Comparison} cmp
   */
  function render(cmp) {
    if (cmp.a.curves) curves.a = cmp.a.curves;
    if (cmp.b.curves) curves.b = cmp.b.curves;
    const box = $('compare-curves');
    box.hidden = !curves.a?.roc && !curves.b?.roc && !curves.a?.pr && !curves.b?.pr;
    renderSlider(cmp);
    if (box.hidden) return;
    /** @type {(r: Report) => [number | null | undefined, number | null | undefined]} */
    const rocPoint = (r) => [r.metrics.fpr, r.metrics.recall];
    /** @type {(r: Report) => [number | null | undefined, number | null | undefined]} */
    const prPoint = (r) => [r.metrics.recall, r.metrics.precision];
    const key = [curves.a?.roc?.x.length, curves.b?.roc?.x.length, cmp.a.metrics.roc_auc, cmp.b.metrics.roc_auc, cmp.a.pos_label, cmp.models.join('\u0000')].join('|');
    if (key === drawnKey && charts.roc) {
      charts.roc.setMarker(markers(cmp, rocPoint));
      charts.pr?.setMarker(markers(cmp, prPoint));
      return;
    }
    drawnKey = key;
    charts.roc = drawChart($('compare-roc'), {
      title: `ROC — AUC A ${fmt(cmp.a.metrics.roc_auc)}, B ${fmt(cmp.b.metrics.roc_auc)}`,
      xLabel: 'False positive rate (1 − specificity)', yLabel: 'True positive rate (recall)',
      x: [0, 1], y: [0, 1], diagonal: true, series: series(cmp, 'roc'), marker: markers(cmp, rocPoint),
    });
    const prevalence = cmp.a.metrics.prevalence ?? 0;
    charts.pr = drawChart($('compare-pr'), {
      title: `Precision–recall — AP A ${fmt(cmp.a.metrics.average_precision)}, B ${fmt(cmp.b.metrics.average_precision)}`,
      xLabel: 'Recall', yLabel: 'Precision', x: [0, 1], y: [0, 1],
      series: [...series(cmp, 'pr'), { name: `chance (${prevalence.toFixed(2)})`, className: 's-chance', kind: 'line', points: [[0, prevalence], [1, prevalence]] }],
      marker: markers(cmp, prPoint),
    });
  }

  return {
    render,
    /** Drops the curves of the previous load. */
    forget() {
      curves = { a: null, b: null };
      charts = { roc: null, pr: null };
      drawnKey = '';
    },
  };
}
