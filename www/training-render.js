// @ts-check
// Renders a training report (JSON `kind: "training"`): the verdict and the
// checkpoint to keep, the diagnosis (warnings), the best checkpoint and
// whether the Hugging Face file agrees, the early-stopping simulation, and
// the line to the Compare tab. Rendering only: every number and sentence
// comes from the Rust core; the page adds labels. File and series names go
// in through textContent.

import { el, clipText, labelText, replaceChildren, warningNodes, grouped } from './render.js';

/** @typedef {import('./pkg/fitcheck.js').TrainingReport} TrainingReport */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Status words of the verdict box; the icon and the words carry the meaning, the colour repeats it. */
const VERDICT_TEXT = { healthy: '✔ Healthy', watch: '▲ Watch', unhealthy: '✖ Unhealthy' };
/** What wrote the log, as the page names it. */
const FORMAT_NAMES = {
  hf_trainer_state: 'Hugging Face trainer_state.json',
  keras_csv: 'Keras CSVLogger file',
  lightning_csv: 'Lightning metrics.csv',
  tensorboard_csv: 'TensorBoard scalar CSV export',
  csv: 'CSV',
};

/**
 * A value as logged, to 5 significant digits (the JSON has them all);
 * very large or very small values in exponent form (total_flos 1.2346e+15).
 * @param {number | null | undefined} v
 */
export function formatNumber(v) {
  if (v === null || v === undefined) return '—';
  if (Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4)) return Number(v.toPrecision(5)).toExponential();
  return String(Number(v.toPrecision(5)));
}

/**
 * An x value with its unit: "step 600" or "epoch 7".
 * @param {TrainingReport} r
 * @param {number | null | undefined} x
 */
export function atX(r, x) {
  return `${r.x} ${x === null || x === undefined ? '—' : grouped(x)}`;
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
 * The verdict box: status, headline, the checkpoint to keep, reasons.
 * @param {TrainingReport} r
 */
function renderVerdict(r) {
  const box = $('training-verdict');
  const v = r.verdict;
  box.dataset.status = v.status;
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (box.querySelector(selector));
  part('.verdict-status').textContent = VERDICT_TEXT[v.status] ?? v.status;
  part('.verdict-headline').textContent = clipText(v.headline);
  part('.verdict-watch').textContent = v.checkpoint === null ? '' : `Checkpoint to keep: ${atX(r, v.checkpoint)}`;
  // A reason that is also a warning's sentence shows once, in the warning below.
  const warned = new Set(r.warnings.map((w) => w.message));
  replaceChildren(part('.verdict-reasons'), v.reasons.filter((reason) => !warned.has(reason)).map((reason) => el('li', '', clipText(reason))));
}

/**
 * The best checkpoint, the file's own best, early stopping and the file's summary.
 * @param {TrainingReport} r
 */
function facts(r) {
  const monitor = r.monitor === null ? 'none' : labelText(r.monitor, 60);
  const direction = r.mode === 'min' ? 'lower is better' : 'higher is better';
  /** @type {[string, string, string][]} */
  const items = [
    ['monitor', 'Monitored series', `${monitor} (${direction}${r.options.mode_inferred ? ', guessed from the name' : ''})`],
    ['best', 'Best checkpoint', r.best === null ? 'none: the monitored series has no finite value' : `${formatNumber(r.best.value)} at ${atX(r, r.best.x)}`],
  ];
  const hf = r.hf_best;
  if (hf) {
    const own = hf.best_model_checkpoint === null ? 'none named'
      : `${labelText(hf.best_model_checkpoint, 60)}${hf.best_metric === null ? '' : ` (best_metric ${formatNumber(hf.best_metric)})`}`;
    const agrees = hf.agrees === null ? '' : hf.agrees ? ': ✔ agrees' : ': ✖ disagrees';
    items.push(['hf_best', 'The file\'s own best checkpoint', `${own}${agrees}`]);
  }
  const es = r.early_stopping;
  const settings = `patience ${es.patience}, min_delta ${formatNumber(es.min_delta)}`;
  const stop = es.stopped_x === null ? 'never stops: the run ends first' : `stops at ${atX(r, es.stopped_x)}`;
  const keep = es.best_x === null ? '' : `; keeps ${atX(r, es.best_x)} (${formatNumber(es.best_value)})`;
  items.push(['early_stopping', `Early stopping (${settings})`, `${stop}${keep}`]);
  /** @type {HTMLElement[]} */
  const nodes = [factList(items)];
  if (r.summary && Object.keys(r.summary).length > 0) {
    const summary = factList(Object.entries(r.summary).map(([key, value]) => [`summary-${key}`, labelText(key, 40), formatNumber(value)]));
    summary.classList.add('summary-facts');
    nodes.push(el('h3', '', 'The file\'s summary of the run'), summary);
  }
  return nodes;
}

/**
 * The line under the summary: what wrote the log, its series and points.
 * @param {TrainingReport} r
 */
export function fileSummary(r) {
  const files = r.files.map((f) => labelText(f, 60)).join(', ');
  const names = Object.keys(r.series);
  const points = Object.values(r.series).reduce((sum, s) => Math.max(sum, s.points), 0);
  const format = FORMAT_NAMES[/** @type {keyof typeof FORMAT_NAMES} */ (r.format)] ?? r.format;
  return `${files}: ${format}, ${names.length} series (up to ${grouped(points)} points) by ${r.x}.`;
}

/**
 * Renders the summary panel (the charts are drawn by training-charts.js).
 * @param {TrainingReport} r
 */
export function renderTraining(r) {
  renderVerdict(r);
  replaceChildren($('training-warnings'), warningNodes(r.warnings));
  replaceChildren($('training-facts'), facts(r));
  const checkpoint = r.verdict.checkpoint;
  $('training-compare').hidden = checkpoint === null;
  $('training-to-compare').textContent = checkpoint === null ? ''
    : `Evaluate ${r.x === 'step' ? `checkpoint ${grouped(checkpoint)}` : `the checkpoint of epoch ${grouped(checkpoint)}`} against your base model in Compare two models`;
  $('training-exports').hidden = false;
  $('training-results').hidden = false;
}

/**
 * Empties the tab's results and says why in the verdict's place.
 * @param {string} headline
 */
export function renderTrainingEmpty(headline) {
  const box = $('training-verdict');
  delete box.dataset.status;
  for (const selector of ['.verdict-status', '.verdict-watch']) /** @type {HTMLElement} */ (box.querySelector(selector)).textContent = '';
  /** @type {HTMLElement} */ (box.querySelector('.verdict-headline')).textContent = headline;
  /** @type {HTMLElement} */ (box.querySelector('.verdict-reasons')).replaceChildren();
  $('training-warnings').replaceChildren();
  $('training-facts').replaceChildren();
  $('training-compare').hidden = true;
  $('training-exports').hidden = true;
  $('training-results').hidden = true;
}
