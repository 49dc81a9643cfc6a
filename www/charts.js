// @ts-check
// Small SVG charts drawn from the report: ROC, precision–recall, score
// histograms, the reliability diagram and training curves. Plain SVG rather than a chart
// library: the page draws at most a few thousand points (curves arrive
// thinned by the core), SVG scales crisply, follows the page's light and
// dark colours through CSS, and saves as a standalone .svg file. uPlot
// (the lightest candidate) would add ~50 kB of script for canvas drawing we
// do not need at this size. Text goes in through textContent only.
import { grouped } from './render.js';

const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 380;
const HEIGHT = 300;
const MARGIN = { top: 40, right: 14, bottom: 44, left: 52 };

/**
 * One series of a chart: a line, a step line, dots, bars, or `none` (a legend entry only).
 * `swatch: 'line'` draws its legend entry as a short stroke (so a dash pattern shows) instead of a box.
 * A point whose y is null (a value that is not finite) or, on a log scale, not positive is left out and breaks the line.
 * @typedef {{name: string, className: string, kind: 'line' | 'step' | 'dots' | 'none', points: [number, number | null][], swatch?: 'line'}
 *   | {name: string, className: string, kind: 'bars', bars: {x0: number, x1: number, value: number}[], swatch?: 'line'}} Series
 */
/**
 * The threshold marker: a vertical line at xLine, or else a dot at (x, y) (left out when either is not a number).
 * Several models' markers: `className` styles each, `shape` tells them apart without colour, `below` puts the label under the dot.
 * @typedef {{x?: number | null, y?: number | null, xLine?: number, label: string, className?: string, shape?: 'circle' | 'square', below?: boolean}} Marker
 */
/**
 * What to draw. `yLog`: a logarithmic y axis (y must then be positive).
 * @typedef {{title: string, xLabel: string, yLabel: string, x: [number, number], y: [number, number],
 *   series: Series[], diagonal?: boolean, marker?: Marker | Marker[], yLog?: boolean}} ChartSpec
 */
/**
 * A reading cursor: a vertical line at x and a ring on each point read there.
 * @typedef {{x: number, points: [number, number][]}} Cursor
 */
/**
 * Data → pixel scales and the plot's extent.
 * @typedef {{sx: (v: number) => number, sy: (v: number) => number, x0: number, x1: number, plotW: number, plotH: number,
 *   drawable: (v: number | null) => boolean}} Geometry
 */
/**
 * A drawn chart: `invert` turns a pointer position into data coordinates, `setMarker` moves the marker,
 * `setCursor` moves the reading cursor (null removes it).
 * @typedef {{invert: (clientX: number, clientY: number) => {x: number, y: number}, setMarker: (marker: Marker | Marker[] | undefined) => void,
 *   setCursor: (cursor: Cursor | null) => void}} Chart
 */

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 */
function node(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * @param {number} lo
 * @param {number} hi
 */
function ticks(lo, hi, count = 5) {
  const span = hi - lo || 1;
  const raw = span / count;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ?? raw;
  const out = [];
  // Counted in whole steps (a span far below the values' precision, 1.5 to 1.5000000000000002, must not loop forever), at most 50.
  const last = Math.floor(hi / step + 1e-9);
  for (let k = Math.ceil(lo / step); k <= last && out.length < 50; k += 1) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * Ticks of a logarithmic axis: 1, 2 and 5 times each power of ten inside [lo, hi]
 * (only the powers of ten when the range spans many decades; plain ticks inside one decade).
 * @param {number} lo
 * @param {number} hi
 */
function logTicks(lo, hi) {
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const steps = last - first > 4 ? [1] : [1, 2, 5];
  const out = [];
  for (let k = first; k <= last; k += 1) {
    for (const m of steps) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out.length >= 2 ? out : ticks(lo, hi);
}

/** @param {number} v */
function formatTick(v) {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(0);
  if (Math.abs(v) >= 1000) return grouped(v);
  return String(Number(v.toPrecision(4)));
}

/**
 * Draws a chart into `svg` and returns its scales.
 * spec: {title, xLabel, yLabel, x: [lo, hi], y: [lo, hi], series: [{name, className, kind: 'line'|'step'|'bars'|'dots', points|bars}],
 *        diagonal?: boolean, marker?: {x, y, label} | {xLine, label}}
 * @param {SVGSVGElement} svg
 * @param {ChartSpec} spec
 * @returns {Chart}
 */
export function drawChart(svg, spec) {
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', spec.title);
  const [x0, x1] = spec.x;
  const [y0, y1] = spec.y;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const yLog = spec.yLog === true && y0 > 0 && y1 > 0;
  /** @param {number} v */
  const sx = (v) => MARGIN.left + ((v - x0) / (x1 - x0 || 1)) * plotW;
  /** @type {(v: number) => number} */
  const sy = yLog
    ? (v) => MARGIN.top + plotH - ((Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0) || 1)) * plotH
    : (v) => MARGIN.top + plotH - ((v - y0) / (y1 - y0 || 1)) * plotH;
  /** Whether a point can be drawn (a value, and positive on a log scale). @param {number | null} v @returns {v is number} */
  const drawable = (v) => v !== null && Number.isFinite(v) && (!yLog || v > 0);
  const children = [node('title', {}, spec.title)];
  children.push(node('rect', { class: 'plot-bg', x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH }));
  for (const t of ticks(x0, x1)) {
    children.push(node('line', { class: 'grid', x1: sx(t), x2: sx(t), y1: MARGIN.top, y2: MARGIN.top + plotH }));
    children.push(node('text', { class: 'tick', x: sx(t), y: MARGIN.top + plotH + 14, 'text-anchor': 'middle' }, formatTick(t)));
  }
  for (const t of yLog ? logTicks(y0, y1) : ticks(y0, y1)) {
    children.push(node('line', { class: 'grid', x1: MARGIN.left, x2: MARGIN.left + plotW, y1: sy(t), y2: sy(t) }));
    children.push(node('text', { class: 'tick', x: MARGIN.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, formatTick(t)));
  }
  children.push(node('text', { class: 'axis-label', x: MARGIN.left + plotW / 2, y: HEIGHT - 8, 'text-anchor': 'middle' }, spec.xLabel));
  children.push(node('text', { class: 'axis-label', x: 14, y: MARGIN.top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${MARGIN.top + plotH / 2})` }, spec.yLabel));
  children.push(node('text', { class: 'chart-title', x: MARGIN.left, y: 17 }, spec.title));
  if (spec.diagonal) {
    children.push(node('line', { class: 'diagonal', x1: sx(x0), y1: sy(y0), x2: sx(x1), y2: sy(y1) }));
  }
  for (const s of spec.series) {
    if (s.kind === 'bars') {
      const g = node('g', { class: `series ${s.className}` });
      for (const b of s.bars) {
        if (b.value <= 0) continue;
        g.append(node('rect', { x: sx(b.x0), width: Math.max(0.5, sx(b.x1) - sx(b.x0) - 0.5), y: sy(b.value), height: sy(y0) - sy(b.value) }));
      }
      children.push(g);
    } else if (s.kind === 'dots') {
      const g = node('g', { class: `series ${s.className}` });
      for (const [x, y] of s.points) if (drawable(y)) g.append(node('circle', { cx: sx(x), cy: sy(y), r: 3.5 }));
      children.push(g);
    } else {
      let d = '';
      let pen = false; // false at the start and after a gap: the next point starts a new piece
      for (const [x, y] of s.points) {
        if (!drawable(y)) {
          pen = false;
          continue;
        }
        if (!pen) d += `M${sx(x).toFixed(2)},${sy(y).toFixed(2)}`;
        else if (s.kind === 'step') d += `H${sx(x).toFixed(2)}V${sy(y).toFixed(2)}`;
        else d += `L${sx(x).toFixed(2)},${sy(y).toFixed(2)}`;
        pen = true;
      }
      children.push(node('path', { class: `series ${s.className}`, d }));
    }
  }
  children.push(...markerNodes(spec.marker, { sx, sy, x0, x1, plotW, plotH, drawable }));
  // Legend: one row above the plot, so it never hides data.
  const legend = node('g', { class: 'legend' });
  let lx = MARGIN.left;
  for (const s of spec.series.filter((item) => item.name)) {
    const wide = s.swatch === 'line' ? 10 : 0;
    legend.append(s.swatch === 'line'
      ? node('line', { class: `swatch-line series ${s.className}`, x1: lx, x2: lx + 12 + wide, y1: 28.5, y2: 28.5 })
      : node('rect', { class: `swatch ${s.className}`, x: lx, y: 24, width: 12, height: 9 }));
    legend.append(node('text', { x: lx + 16 + wide, y: 32 }, s.name));
    lx += 16 + wide + s.name.length * 5.6 + 14;
  }
  children.push(legend);
  svg.replaceChildren(...children);
  const geometry = { sx, sy, x0, x1, plotW, plotH, drawable };
  /** Moves the marker without redrawing the chart (threshold changes). */
  /** @param {Marker | Marker[] | undefined} marker */
  const setMarker = (marker) => {
    const fresh = markerNodes(marker, geometry);
    const old = [...svg.querySelectorAll('.marker, .marker-line, .marker-label')];
    if (old.length === fresh.length && old.every((o, i) => o.tagName === fresh[i].tagName)) {
      // The same shapes (a threshold move): the old nodes take the new ones' attributes and text.
      old.forEach((o, i) => copyNode(fresh[i], o));
      return;
    }
    for (const o of old) o.remove();
    svg.append(...fresh);
  };
  /** @param {Cursor | null} cursor */
  const setCursor = (cursor) => {
    for (const old of svg.querySelectorAll('.cursor-line, .cursor-point')) old.remove();
    if (!cursor || cursor.x < x0 || cursor.x > x1) return;
    svg.append(node('line', { class: 'cursor-line', x1: sx(cursor.x), x2: sx(cursor.x), y1: MARGIN.top, y2: MARGIN.top + plotH }),
      ...cursor.points.filter(([, y]) => drawable(y)).map(([x, y]) => node('circle', { class: 'cursor-point', cx: sx(x), cy: sy(y), r: 4 })));
  };
  /**
   * @param {number} clientX
   * @param {number} clientY
   */
  const invert = (clientX, clientY) => {
    const box = svg.getBoundingClientRect();
    const px = ((clientX - box.left) / box.width) * WIDTH;
    const py = ((clientY - box.top) / box.height) * HEIGHT;
    return { x: x0 + ((px - MARGIN.left) / plotW) * (x1 - x0), y: y0 + ((MARGIN.top + plotH - py) / plotH) * (y1 - y0) };
  };
  return { invert, setMarker, setCursor };
}

/**
 * Gives `to` the attributes and text of `from` (an element of the same tag
 * and no child elements), touching only what differs.
 * @param {Element} from
 * @param {Element} to
 */
function copyNode(from, to) {
  for (const name of to.getAttributeNames()) if (!from.hasAttribute(name)) to.removeAttribute(name);
  for (const { name, value } of from.attributes) if (to.getAttribute(name) !== value) to.setAttribute(name, value);
  if (to.textContent !== from.textContent) to.textContent = from.textContent;
}

/**
 * The markers for the current threshold (one, several, or none).
 * @param {Marker | Marker[] | undefined} m
 * @param {Geometry} geometry
 */
function markerNodes(m, geometry) {
  return Array.isArray(m) ? m.flatMap((one) => oneMarker(one, geometry)) : oneMarker(m, geometry);
}

/**
 * A marker: a dot (or square) on a curve, or a vertical line.
 * @param {Marker | undefined} m
 * @param {Geometry} geometry
 */
function oneMarker(m, { sx, sy, x0, x1, plotW, plotH, drawable }) {
  if (m && m.xLine !== undefined && m.xLine >= x0 && m.xLine <= x1) {
    return [
      node('line', { class: 'marker-line', x1: sx(m.xLine), x2: sx(m.xLine), y1: MARGIN.top, y2: MARGIN.top + plotH }),
      // The label sits right of the line, or left of it in the right part of the plot (so it is never cut off).
      sx(m.xLine) > MARGIN.left + plotW * 0.6
        ? node('text', { class: 'marker-label', x: sx(m.xLine) - 4, y: MARGIN.top + 12, 'text-anchor': 'end' }, m.label)
        : node('text', { class: 'marker-label', x: sx(m.xLine) + 4, y: MARGIN.top + 12 }, m.label),
    ];
  }
  if (m && typeof m.x === 'number' && typeof m.y === 'number' && Number.isFinite(m.x) && drawable(m.y)) {
    const right = sx(m.x) > MARGIN.left + plotW * 0.6;
    const cls = m.className ? `marker ${m.className}` : 'marker';
    return [
      m.shape === 'square'
        ? node('rect', { class: cls, x: sx(m.x) - 5.5, y: sy(m.y) - 5.5, width: 11, height: 11 })
        : node('circle', { class: cls, cx: sx(m.x), cy: sy(m.y), r: 6 }),
      node('text', { class: 'marker-label', x: sx(m.x) + (right ? -9 : 9), y: sy(m.y) + (m.below ? 18 : -9), 'text-anchor': right ? 'end' : 'start' }, m.label),
    ];
  }
  return [];
}

/**
 * The chart as a standalone SVG document, its colours resolved from the page's CSS.
 * @param {SVGSVGElement} svg
 */
export function svgText(svg) {
  const clone = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  const source = [...svg.querySelectorAll('*')];
  const copies = [...clone.querySelectorAll('*')];
  // Presentation attributes rather than style="…": the page's CSP forbids
  // inline styles, and attributes carry the resolved colours just as well.
  const properties = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-size', 'font-family', 'font-weight'];
  source.forEach((el, i) => {
    const cs = getComputedStyle(el);
    for (const p of properties) copies[i].setAttribute(p, cs.getPropertyValue(p));
  });
  clone.setAttribute('xmlns', NS);
  clone.setAttribute('width', String(WIDTH * 2));
  clone.setAttribute('height', String(HEIGHT * 2));
  const bg = getComputedStyle(document.body).backgroundColor;
  clone.insertBefore(node('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: bg }), clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/**
 * Offers `blob` as a download named `name` (charts, and the Compare tab's CSV, Markdown and JSON).
 * @param {Blob} blob
 * @param {string} name
 */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Wires the Save SVG / Save PNG buttons (`data-save="SVG_ID:svg|png"`)
 * whose id starts with `prefix`: each tab wires its own charts' buttons
 * when its code starts (the tabs' code comes when the tab opens).
 * @param {string} prefix e.g. 'chart-' (the explorer's) or 'compare-'
 */
export function wireSaveButtons(prefix) {
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll(`[data-save^="${prefix}"]`))) {
    button.addEventListener('click', () => {
      const [id, kind] = String(button.dataset.save).split(':');
      const svg = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (document.getElementById(id)));
      (kind === 'png' ? savePng : saveSvg)(svg, `fitcheck-${id.replace('chart-', '')}`);
    });
  }
}

/**
 * Saves a chart as SVG.
 * @param {SVGSVGElement} svg
 * @param {string} name file name without the extension
 */
export function saveSvg(svg, name) {
  download(new Blob([svgText(svg)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/**
 * Saves a chart as PNG (drawn through a canvas at twice the size).
 * @param {SVGSVGElement} svg
 * @param {string} name file name without the extension
 */
export function savePng(svg, name) {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH * 2;
    canvas.height = HEIGHT * 2;
    /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).drawImage(image, 0, 0, canvas.width, canvas.height);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => blob && download(blob, `${name}.png`), 'image/png');
  };
  image.src = url;
}
