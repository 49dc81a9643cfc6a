// @ts-check
// The counts comparison's core and its rendering, loaded when "Compare with
// another model" first has two valid sets of counts (compare-counts.js keeps
// the form at open). The comparison is made by the workers' core
// (www/pkg), instantiated here on the page's own thread from the module
// core-source.js compiles once for every worker: the page's core
// (www/pkg-page), fetched when the page opens, holds the counts report only,
// which keeps the counts comparison's code (about 10 kB gzipped) out of
// what the first paint waits for.

import init, { compareCounts, compareCountsMarkdown } from './pkg/fitcheck.js';
import { workersCore } from './core-source.js';
import { el, clipText, replaceChildren, formatValue, warningNodes, grouped } from './render.js';
import { renderCompareVerdict, formatDelta, formatCi, formatP, table } from './compare-render.js';

/** @typedef {import('./pkg/fitcheck.js').CountsComparison} CountsComparison */
/** @typedef {import('./compare-counts.js').CompareCountsInput} CompareCountsInput */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Metrics shown with their difference even when the core gives no unpaired interval for them. */
const ALSO_SHOWN = ['f1', 'mcc'];

/** Resolves once the workers' core is ready on this thread (instantiated once). */
export const ready = workersCore().then((module) => init(module ? { module_or_path: module } : undefined));

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
  const wrap = table('counts-compare-table', '', 'Both models\' key metrics and their differences',
    ['Metric', `Model ${a}`, `Model ${b}`, 'Δ (B − A)', '95% interval of Δ (unpaired)'], rows);
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
  return table('counts-discordant', '', 'The paired test at each end of what the two matrices allow',
    ['', 'A right, B wrong', 'A wrong, B right', 'McNemar exact p', 'Mid-p'], rows);
}

/**
 * The comparison of `input` (throws the core's Error for bad input).
 * @param {CompareCountsInput} input
 * @returns {CountsComparison}
 */
export function compare(input) {
  return compareCounts(input);
}

/**
 * The comparison of `input` as Markdown.
 * @param {CompareCountsInput} input
 */
export function markdown(input) {
  return compareCountsMarkdown(input);
}

/** @param {CountsComparison} cc */
export function render(cc) {
  renderCompareVerdict($('counts-compare-verdict'), cc.verdict);
  replaceChildren($('counts-compare-warnings'), warningNodes(cc.warnings));
  replaceChildren($('counts-compare-body'), [metricsTable(cc), discordantTable(cc)]);
  $('counts-compare-advice').textContent = clipText(cc.advice);
}
