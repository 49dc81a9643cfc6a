// @ts-check
// The page state (counts, task, beta, bars) lives in the URL query so a link
// reopens the same example. Only values the user typed are stored; nothing is
// sent anywhere: the query never leaves the browser for this static page.

/** Keys stored in the URL, in the order they appear (b_*: model B's counts, when comparing two sets of counts). */
export const STATE_KEYS = /** @type {const} */ (['tp', 'fn', 'fp', 'tn', 'task', 'beta', 'min_precision', 'min_recall', 'min_f1', 'b_tp', 'b_fn', 'b_fp', 'b_tn']);

/** @typedef {typeof STATE_KEYS[number]} StateKey */
/**
 * The counts form as typed: each field's text (missing ones take the defaults).
 * @typedef {Partial<Record<StateKey, string>>} PageState
 */
/**
 * The demo controls, the threshold when the URL holds one, and the keys whose
 * values were not numbers (they took the defaults).
 * @typedef {{separation: number, prevalence: number, size: number, seed: number, threshold?: number, rejected: string[]}} DemoState
 */
/** @typedef {import('./pkg/fitcheck.js').Defaults} CoreDefaults */

/** Defaults left out of the URL to keep links short: the core's, set by useDefaults. @type {PageState} */
let DEFAULTS = {};
/** The demo's default controls: the core's, set by useDefaults. */
let DEMO_DEFAULTS = { separation: 0, prevalence: 0, size: 0, seed: 0 };

/**
 * Takes the defaults from the core (`defaults()` of the wasm door).
 * @param {CoreDefaults} core
 */
export function useDefaults(core) {
  DEFAULTS = { task: core.task, beta: String(core.beta), min_precision: String(core.min_precision), min_recall: String(core.min_recall), min_f1: String(core.min_f1) };
  DEMO_DEFAULTS = { ...core.demo };
}

/**
 * Reads a state object from a query string, or null when it holds no counts.
 * @param {string} search location.search
 * @returns {PageState | null}
 */
export function readState(search) {
  const params = new URLSearchParams(search);
  if (!['tp', 'fn', 'fp', 'tn'].some((k) => params.has(k))) return null;
  const state = { ...DEFAULTS };
  for (const key of STATE_KEYS) {
    if (params.has(key)) state[key] = /** @type {string} */ (params.get(key));
  }
  return state;
}

/**
 * Writes the state into the address bar without reloading or adding history.
 * @param {PageState} state
 */
export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) {
    const value = state[key];
    if (value === undefined || value === '' || DEFAULTS[key] === value) continue;
    params.set(key, value);
  }
  const url = `${location.pathname}?${params.toString()}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}

/** Demo keys in the URL: ?demo=1&sep=1.5&prev=0.3&size=2000&seed=1&t=0.5 */

/**
 * Reads the demo state (controls and threshold) from a query string, or null.
 * Values that are not numbers get the defaults; `rejected` names them.
 * @param {string} search location.search
 * @returns {DemoState | null}
 */
export function readDemoState(search) {
  const params = new URLSearchParams(search);
  if (params.get('demo') !== '1') return null;
  /** @type {string[]} */
  const rejected = [];
  /** @type {<T extends number | undefined>(key: string, fallback: T) => number | T} */
  const num = (key, fallback) => {
    const text = params.get(key);
    if (text === null) return fallback;
    const v = Number(text);
    if (text.trim() !== '' && Number.isFinite(v)) return v;
    rejected.push(`${key}=${text.slice(0, 40)}`);
    return fallback;
  };
  return {
    separation: num('sep', DEMO_DEFAULTS.separation),
    prevalence: num('prev', DEMO_DEFAULTS.prevalence),
    size: num('size', DEMO_DEFAULTS.size),
    seed: num('seed', DEMO_DEFAULTS.seed),
    threshold: params.has('t') ? num('t', undefined) : undefined,
    rejected,
  };
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pendingDemoWrite;

/**
 * Writes the demo state and threshold into the address bar, 150 ms after the
 * last change: history.replaceState costs 10–20 ms in Chromium, too much to
 * pay on every step of a dragged slider.
 * @param {{separation: number, prevalence: number, size: number, seed: number}} demo
 * @param {number|undefined} threshold
 */
export function writeDemoState(demo, threshold) {
  const params = new URLSearchParams({ demo: '1', sep: String(demo.separation), prev: String(demo.prevalence), size: String(demo.size), seed: String(demo.seed) });
  if (threshold !== undefined) params.set('t', String(threshold));
  clearTimeout(pendingDemoWrite);
  pendingDemoWrite = setTimeout(() => history.replaceState(null, '', `${location.pathname}?${params.toString()}`), 150);
}

/**
 * The Compare tab's options as a link holds them (never the data): how to
 * read the files, and the report's threshold, positive class and bootstrap.
 * @typedef {{truth?: string, a?: string, b?: string, aKind?: 'score' | 'label', bKind?: 'score' | 'label', delimiter?: string,
 *   hasHeader?: boolean, threshold?: string, positive?: string, resamples?: string, seed?: string}} CompareState
 */

/** Compare keys in the URL: ?compare=1&truth=y_true&a=base&b=finetuned&akind=score&bkind=label&delim=;&header=1&t=0.5&pos=1&resamples=2000&seed=42 */
const COMPARE_KEYS = /** @type {const} */ ([['truth', 'truth'], ['a', 'a'], ['b', 'b'], ['akind', 'aKind'], ['bkind', 'bKind'], ['delim', 'delimiter'],
  ['header', 'hasHeader'], ['t', 'threshold'], ['pos', 'positive'], ['resamples', 'resamples'], ['seed', 'seed']]);

/**
 * Reads the Compare tab's options from a query string, or null when it does not open that tab.
 * Kinds other than score or label are left out (the core guesses).
 * @param {string} search location.search
 * @returns {CompareState | null}
 */
export function readCompareState(search) {
  const params = new URLSearchParams(search);
  if (params.get('compare') !== '1') return null;
  /** @type {Record<string, string | boolean>} */
  const state = {};
  for (const [key, field] of COMPARE_KEYS) {
    const value = params.get(key);
    if (value === null) continue;
    if (field === 'hasHeader') state[field] = value === '1';
    else if ((field === 'aKind' || field === 'bKind') && value !== 'score' && value !== 'label') continue;
    else state[field] = value;
  }
  return /** @type {CompareState} */ (state);
}

/**
 * Writes the Compare tab's options into the address bar (no reload, no history entry).
 * @param {CompareState} state
 */
export function writeCompareState(state) {
  const params = new URLSearchParams({ compare: '1' });
  for (const [key, field] of COMPARE_KEYS) {
    const value = state[field];
    if (value === undefined || value === '') continue;
    params.set(key, field === 'hasHeader' ? (value ? '1' : '0') : String(value));
  }
  const url = `${location.pathname}?${params.toString()}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}

/**
 * The Training curves tab's options as a link holds them (never the logs):
 * smoothing, monitored series, mode, early stopping, log scale. Numbers stay
 * as typed: the core reads them (and says what is wrong with one).
 * @typedef {{smoothing?: string, monitor?: string, mode?: 'min' | 'max', patience?: string, minDelta?: string, log?: boolean}} TrainingState
 */

/** Training keys in the URL: ?training=1&smooth=0.8&monitor=eval_loss&mode=min&patience=3&min_delta=0.01&log=1 */
const TRAINING_KEYS = /** @type {const} */ ([['smooth', 'smoothing'], ['monitor', 'monitor'], ['mode', 'mode'], ['patience', 'patience'],
  ['min_delta', 'minDelta'], ['log', 'log']]);

/**
 * Reads the Training curves tab's options from a query string, or null when it does not open that tab.
 * A mode other than min or max is left out (the core guesses it from the series name).
 * @param {string} search location.search
 * @returns {TrainingState | null}
 */
export function readTrainingState(search) {
  const params = new URLSearchParams(search);
  if (params.get('training') !== '1') return null;
  /** @type {Record<string, string | boolean>} */
  const state = {};
  for (const [key, field] of TRAINING_KEYS) {
    const value = params.get(key);
    if (value === null) continue;
    if (field === 'log') state[field] = value === '1';
    else if (field === 'mode' && value !== 'min' && value !== 'max') continue;
    else state[field] = value;
  }
  return /** @type {TrainingState} */ (state);
}

/**
 * Writes the Training curves tab's options into the address bar (no reload, no history entry).
 * @param {TrainingState} state
 */
export function writeTrainingState(state) {
  const params = new URLSearchParams({ training: '1' });
  for (const [key, field] of TRAINING_KEYS) {
    const value = state[field];
    if (value === undefined || value === '' || value === false) continue;
    params.set(key, value === true ? '1' : String(value));
  }
  const url = `${location.pathname}?${params.toString()}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}

/**
 * The Leakage check tab's options as a link holds them (never the files):
 * the label column, the ignored columns and normalise text.
 * @typedef {{label?: string, ignore?: string[], normalizeText?: boolean}} LeakageState
 */

/**
 * Reads the Leakage check tab's options from a query string
 * (`?leakage=1&label=y&ignore=id&ignore=ts&normalize=1`), or null when it does not open that tab.
 * @param {string} search location.search
 * @returns {LeakageState | null}
 */
export function readLeakageState(search) {
  const params = new URLSearchParams(search);
  if (params.get('leakage') !== '1') return null;
  /** @type {LeakageState} */
  const state = { ignore: params.getAll('ignore').filter((c) => c !== '') };
  const label = params.get('label');
  if (label) state.label = label;
  if (params.get('normalize') === '1') state.normalizeText = true;
  return state;
}

/**
 * Writes the Leakage check tab's options into the address bar (no reload, no history entry).
 * Each ignored column is its own `ignore=` (a column name may hold a comma).
 * @param {LeakageState} state
 */
export function writeLeakageState(state) {
  const params = new URLSearchParams({ leakage: '1' });
  if (state.label) params.set('label', state.label);
  for (const c of state.ignore ?? []) params.append('ignore', c);
  if (state.normalizeText) params.set('normalize', '1');
  const url = `${location.pathname}?${params.toString()}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}
