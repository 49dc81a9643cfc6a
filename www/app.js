// @ts-check
// Wires the page: reads the form, asks the wasm core for a report, renders
// it, and keeps the state in the URL. No metric math here.

import init, { countsReport, checkCount, version, defaults } from './pkg-page/fitcheck.js';
import { coreModule, prepareWorkers } from './core-source.js';
import { readState, writeState, STATE_KEYS, readDemoState, writeDemoState, useDefaults } from './url-state.js';
import { renderReport, renderFieldErrors, renderFormError, showStale, renderEmpty, clipText } from './render.js';
import { createCountsCompare } from './compare-counts.js';
import { watchSideScroll } from './side-scroll.js';
import { readCompareState, readTrainingState, readLeakageState } from './url-state.js';
// The other tabs' code (file-mode.js, compare-mode.js, training-mode.js,
// leakage-mode.js and what they import) is imported when its tab first
// opens (tabCode): the built site (scripts/build-site.mjs) fetches it then,
// not when the page opens.

/** @typedef {import('./pkg/fitcheck.js').Report} Report */
/** @typedef {import('./pkg/fitcheck.js').CountsInput} CountsInput */
/** @typedef {import('./pkg/fitcheck.js').TaskId} TaskId */
/** @typedef {import('./url-state.js').StateKey} StateKey */
/** @typedef {import('./url-state.js').PageState} PageState */
/** @typedef {import('./url-state.js').DemoState} DemoState */
/** @typedef {import('./file-mode.js').Settings} Settings */
/** @typedef {'counts' | 'file' | 'demo' | 'compare' | 'training' | 'leakage'} Mode */
/** The tabs whose code is imported when they first open ('demo' is the file tab's code). */
/** @typedef {'file' | 'compare' | 'training' | 'leakage'} LazyTab */
/**
 * Every field of the counts and settings forms, as typed.
 * @typedef {Record<StateKey, string>} FormState
 */

const COUNT_FIELDS = /** @type {const} */ (['tp', 'fn', 'fp', 'tn']);
const OPTION_FIELDS = /** @type {const} */ (['beta', 'min_precision', 'min_recall', 'min_f1']);

/** The worked examples: the textbook case and the fraud model (10,000 transactions, 150 frauds). */
const PRESETS = {
  worked: { tp: '85', fn: '15', fp: '10', tn: '90', task: 'balanced' },
  fraud: { tp: '18', fn: '132', fp: '68', tn: '9782', task: 'misses_costly' },
};

const form = () => document.getElementById('counts-form');
const settingsForm = () => document.getElementById('settings-form');
/** @type {Mode} */
let mode = 'counts';
/** The file and demo tabs, made by tabCode('file') when one of them first opens; null until then. */
let fileMode = /** @type {ReturnType<typeof import('./file-mode.js').createFileMode> | null} */ (null);
/** Model B's counts in the calculator ("Compare with another model"), made in main() first. */
let countsCompare = /** @type {ReturnType<typeof createCountsCompare>} */ (/** @type {unknown} */ (null));
/** The Compare tab, made by tabCode('compare'); null until then. */
let compareMode = /** @type {ReturnType<typeof import('./compare-mode.js').createCompareMode> | null} */ (null);
/** The Training curves tab, made by tabCode('training'); null until then. */
let trainingMode = /** @type {ReturnType<typeof import('./training-mode.js').createTrainingMode> | null} */ (null);
/** The Leakage check tab, made by tabCode('leakage'); null until then. */
let leakageMode = /** @type {ReturnType<typeof import('./leakage-mode.js').createLeakageMode> | null} */ (null);
/** Every default and the task descriptions, read from the core in main() before any listener can run. */
let DEFAULTS = /** @type {import('./pkg/fitcheck.js').Defaults} */ (/** @type {unknown} */ (null));

/** @returns {FormState} */
function readForm() {
  const state = /** @type {FormState} */ ({});
  for (const key of [...COUNT_FIELDS, ...OPTION_FIELDS]) state[key] = document.getElementById(key).value;
  state.task = /** @type {HTMLInputElement | null} */ (settingsForm().querySelector('input[name="task"]:checked'))?.value ?? DEFAULTS.task;
  Object.assign(state, countsCompare.state());
  return state;
}

/**
 * Task, beta and bars as typed (shared by counts and files): the core reads
 * the numbers, and an empty box takes the core's default.
 * @returns {Settings}
 */
function readSettings() {
  const state = readForm();
  return {
    beta: state.beta,
    task: /** @type {TaskId} */ (state.task),
    minPrecision: state.min_precision,
    minRecall: state.min_recall,
    minF1: state.min_f1,
  };
}

/** @param {PageState} state */
function fillForm(state) {
  for (const key of STATE_KEYS) {
    if (key === 'task') {
      const radio = /** @type {HTMLInputElement | null} */ (settingsForm().querySelector(`input[name="task"][value="${CSS.escape(state.task ?? DEFAULTS.task)}"]`));
      if (radio) radio.checked = true;
    } else if (state[key] !== undefined) {
      document.getElementById(key).value = state[key];
    }
  }
}

/**
 * Puts the core's defaults into the form (bars, beta, demo controls, costs and
 * targets) and the core's task descriptions on the task choices.
 */
function applyDefaults() {
  const d = DEFAULTS;
  for (const key of OPTION_FIELDS) document.getElementById(key).value = String(d[key]);
  document.getElementById('demo-separation').value = String(d.demo.separation);
  document.getElementById('demo-prevalence').value = String(d.demo.prevalence);
  document.getElementById('demo-size').value = String(d.demo.size);
  document.getElementById('demo-seed').value = String(d.demo.seed);
  for (const [id, value] of /** @type {const} */ ([['goal-cost-fp', d.cost_fp], ['goal-cost-fn', d.cost_fn], ['goal-target-recall', d.target_recall], ['goal-target-precision', d.target_precision]])) {
    document.getElementById(id).value = String(value);
  }
  for (const task of d.tasks) {
    const radio = /** @type {HTMLInputElement | null} */ (settingsForm().querySelector(`input[name="task"][value="${CSS.escape(task.id)}"]`));
    if (!radio) continue;
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = `(watch ${task.watch_name})`;
    radio.parentElement?.replaceChildren(radio, ` ${task.description} `, hint);
    radio.checked = task.id === d.task;
  }
}

let firstResult = true;
/**
 * The counts tab's last valid report: shown again (marked stale) while its input is being fixed.
 * @type {Report | null}
 */
let lastCountsReport = null;

/**
 * Keeps the collapsed bars summary showing the bars in force.
 * @param {FormState} state
 */
function showBars(state) {
  /** @type {(key: 'min_precision' | 'min_recall' | 'min_f1' | 'beta') => string} */
  const bar = (key) => (state[key].trim() === '' ? String(DEFAULTS[key]) : state[key].trim());
  document.getElementById('bars-summary').textContent =
    `precision ≥ ${bar('min_precision')}, recall ≥ ${bar('min_recall')}, F1 ≥ ${bar('min_f1')}, β = ${bar('beta')}`;
}

/** Shows the counts tab's last valid report, marked stale, or says there is none yet. */
function showCountsStale() {
  if (lastCountsReport) {
    renderReport(lastCountsReport);
    showStale(true);
  } else {
    renderEmpty('No report yet: fix the counts above.');
  }
}

/**
 * Reads the form and shows its report (the counts tab) or hands the settings
 * to the tab shown.
 * @param {Report | null} [ready] the report of the form as it stands, when
 *   already made (a link's, by checkLinkedCounts): not made twice
 */
function update(ready = null) {
  showBars(readForm());
  // A tab whose code is still coming reads the settings when it starts.
  if (mode === 'compare') {
    compareMode?.refresh();
    return;
  }
  if (mode === 'training') return; // the task and bars do not enter a training report
  if (mode !== 'counts') {
    fileMode?.refresh();
    return;
  }
  const state = readForm();
  /** @type {Record<string, string>} */
  const errors = {};
  for (const field of COUNT_FIELDS) {
    try {
      checkCount(field, state[field]);
    } catch (err) {
      errors[field] = err.message;
    }
  }
  renderFormError(null);
  if (Object.keys(errors).length > 0) {
    renderFieldErrors([...COUNT_FIELDS, ...OPTION_FIELDS], errors);
    showCountsStale();
    countsCompare.update(null);
    return;
  }
  try {
    /** @type {Report} */
    const report = ready ?? countsReport(/** @satisfies {CountsInput} */ ({ tp: state.tp, fn: state.fn, fp: state.fp, tn: state.tn, ...readSettings() }));
    renderFieldErrors([...COUNT_FIELDS, ...OPTION_FIELDS], {});
    lastCountsReport = report;
    renderReport(report);
    showStale(false);
    countsCompare.update({ tp: state.tp, fn: state.fn, fp: state.fp, tn: state.tn });
    writeState(state);
    if (firstResult) {
      firstResult = false;
      performance.mark('fitcheck-first-result');
    }
  } catch (err) {
    if (err.field && document.getElementById(err.field)) renderFieldErrors([...COUNT_FIELDS, ...OPTION_FIELDS], { [err.field]: err.message });
    else renderFormError(err.message);
    showCountsStale();
    countsCompare.update(null);
  }
}

async function share() {
  const status = document.getElementById('share-status');
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = 'Link copied.';
  } catch {
    status.textContent = `Copy this link: ${location.href}`;
  }
}

const MODES = /** @type {const} */ ([['tab-counts', 'counts-form', 'counts'], ['tab-file', 'file-panel', 'file'], ['tab-demo', 'demo-panel', 'demo'],
  ['tab-compare', 'compare-panel', 'compare'], ['tab-training', 'training-panel', 'training'],
  ['tab-leakage', 'leakage-panel', 'leakage']]);

/** @type {Partial<Record<LazyTab, Promise<void>>>} each tab's code, imported and started once */
const tabStarts = {};

/**
 * Imports the code of `tab` and starts it, once; resolves when its panel is
 * wired. A file given to one of its file inputs before then (only a script
 * can: the panel stays hidden until wired) is handed on once wired.
 * @param {LazyTab} tab
 * @returns {Promise<void>}
 */
function tabCode(tab) {
  tabStarts[tab] ??= (async () => {
    const panel = document.getElementById(`${tab}-panel`);
    /** @type {Set<HTMLInputElement>} */
    const early = new Set();
    /** @param {Event} e */
    const keep = (e) => { if (e.target instanceof HTMLInputElement && e.target.type === 'file') early.add(e.target); };
    panel.addEventListener('change', keep, true);
    try {
      if (tab === 'file') {
        const { createFileMode } = await import('./file-mode.js');
        fileMode = createFileMode({
          settings: readSettings,
          defaults: DEFAULTS,
          onDemoReport: (report) => writeDemoState(demoOptions(), report.score_summary?.threshold),
        });
      } else if (tab === 'compare') {
        const { createCompareMode } = await import('./compare-mode.js');
        compareMode = createCompareMode({ settings: readSettings });
      } else if (tab === 'training') {
        const { createTrainingMode } = await import('./training-mode.js');
        trainingMode = createTrainingMode({
          openCompare: () => {
            void selectMode('compare');
            document.getElementById('tab-compare').focus();
          },
        });
      } else {
        const { createLeakageMode } = await import('./leakage-mode.js');
        leakageMode = createLeakageMode();
      }
    } finally {
      panel.removeEventListener('change', keep, true);
    }
    for (const input of early) input.dispatchEvent(new Event('change', { bubbles: true }));
  })();
  return tabStarts[tab];
}

/**
 * The tab whose code runs `next` (none for the counts tab).
 * @param {Mode} next
 * @returns {LazyTab | null}
 */
function codeOf(next) {
  return next === 'counts' ? null : next === 'demo' ? 'file' : next;
}

/**
 * Switches between typing counts, loading a file and the demo (an ARIA tab
 * set). Resolves once the tab is shown (its code imported, the first time).
 * @param {Mode} next
 * @returns {Promise<void>}
 */
async function selectMode(next) {
  mode = next;
  selectModeTabsOnly(next);
  showStale(false);
  // Each tab shows only its own input's results.
  fileMode?.show(next === 'file' || next === 'demo' ? next : null);
  compareMode?.show(next === 'compare');
  trainingMode?.show(next === 'training');
  leakageMode?.show(next === 'leakage');
  countsCompare.show(next === 'counts');
  const code = codeOf(next);
  if (code === null) {
    update();
    return;
  }
  try {
    await tabCode(code);
  } catch (err) {
    showProblem(`fitcheck could not load this tab: ${err.message}`);
    return;
  }
  if (mode !== next) return; // another tab was chosen meanwhile
  selectModeTabsOnly(next);
  if (code === 'file') fileMode?.show(/** @type {'file' | 'demo'} */ (next));
  else if (code === 'compare') compareMode?.show(true);
  else if (code === 'training') trainingMode?.show(true);
  else leakageMode?.show(true);
  if (next === 'demo' && !fileMode?.demoStarted()) loadDemo();
}

/** The demo controls as the core expects them. */
function demoOptions() {
  return {
    separation: Number(document.getElementById('demo-separation').value),
    prevalence: Number(document.getElementById('demo-prevalence').value),
    size: Number(document.getElementById('demo-size').value),
    seed: Number(document.getElementById('demo-seed').value) || 0,
  };
}

function showDemoValues() {
  document.getElementById('demo-separation-value').textContent = Number(document.getElementById('demo-separation').value).toFixed(1);
  document.getElementById('demo-prevalence-value').textContent = Number(document.getElementById('demo-prevalence').value).toFixed(2);
}

/** @param {number} [threshold] the demo's threshold from the URL */
function loadDemo(threshold) {
  showDemoValues();
  fileMode?.loadDemo(demoOptions(), threshold);
}

function wireDemo() {
  for (const id of /** @type {const} */ (['demo-separation', 'demo-prevalence', 'demo-size', 'demo-seed'])) {
    document.getElementById(id).addEventListener('input', () => loadDemo());
  }
  document.getElementById('demo-new').addEventListener('click', () => {
    const seed = document.getElementById('demo-seed');
    seed.value = String((Number(seed.value) || 0) + 1);
    loadDemo();
  });
}

function wireTabs() {
  const tabs = MODES.map(([tab]) => document.getElementById(tab));
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => void selectMode(MODES[i][2]));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const j = (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
      tabs[j].focus();
      void selectMode(MODES[j][2]);
    });
  });
}

async function main() {
  // Compiled since the page started (core-source.js; undefined: init() fetches it).
  const compiled = await coreModule;
  await init(compiled ? { module_or_path: compiled } : undefined);
  document.getElementById('core-version').textContent = `v${version()}`;
  DEFAULTS = defaults();
  useDefaults(DEFAULTS);
  applyDefaults();
  countsCompare = createCountsCompare({ settings: () => { const { task, beta } = readSettings(); return { task, beta }; } });
  const linked = readState(location.search);
  if (linked?.b_tp !== undefined) countsCompare.open();
  fillForm(linked ?? PRESETS.worked);
  const { notes, report: linkedReport } = linked ? checkLinkedCounts() : { notes: [], report: null };
  wireTabs();
  wireDemo();
  // The page's sideways-scrolling boxes say when they hide content: after the first result, not before it.
  setTimeout(() => { for (const box of document.querySelectorAll('.table-wrap, #matrix')) watchSideScroll(/** @type {HTMLElement} */ (box)); }, 0);
  for (const f of [form(), settingsForm()]) {
    f.addEventListener('input', () => update());
    f.addEventListener('change', () => update());
    f.addEventListener('submit', (e) => e.preventDefault());
  }
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      fillForm(PRESETS[/** @type {keyof typeof PRESETS} */ (/** @type {HTMLElement} */ (button).dataset.preset)]);
      update();
    });
  }
  document.getElementById('share').addEventListener('click', share);
  const compare = readCompareState(location.search);
  if (compare) {
    showLinkNote(notes);
    await selectMode('compare');
    compareMode?.useLinked(compare);
    return;
  }
  const training = readTrainingState(location.search);
  if (training) {
    showLinkNote(notes);
    await selectMode('training');
    trainingMode?.useLinked(training);
    return;
  }
  const leakage = readLeakageState(location.search);
  if (leakage) {
    showLinkNote(notes);
    await selectMode('leakage');
    leakageMode?.useLinked(leakage);
    return;
  }
  const demo = readDemoState(location.search);
  if (demo) {
    notes.push(...fillDemoControls(demo));
    showLinkNote(notes);
    mode = 'demo';
    selectModeTabsOnly('demo');
    showBars(readForm());
    await tabCode('file');
    if (mode !== 'demo') return; // another tab was chosen meanwhile
    selectModeTabsOnly('demo');
    fileMode?.show('demo');
    loadDemo(demo.threshold);
    return;
  }
  showLinkNote(notes);
  update(linkedReport);
}

/**
 * Counts and settings from a link are checked once: a value the core
 * refuses is replaced by its default and the note says so (a link that
 * cannot be shown must not leave the page waiting). Counts that are valid
 * but all zero stay: the form says what is wrong, as when typed.
 * The report that shows the link's values to be usable is kept: main() shows
 * it rather than asking the core for it again (for speed: one counts report
 * and its serde round trip fewer before a link's first result, issue 11
 * goal 5; the second report took a median 7 ms on the shared 2-core VM, the
 * field checks left in its place 2 ms).
 * @returns {{ notes: string[], report: Report | null }} what was replaced,
 *   as sentences, and the report of the form as it now stands (null when the
 *   core made none: update() then says why)
 */
function checkLinkedCounts() {
  /** @type {string[]} */
  const notes = [];
  /** @type {string[]} */
  const bad = [];
  for (const field of COUNT_FIELDS) {
    try {
      checkCount(field, document.getElementById(field).value);
    } catch (err) {
      bad.push(err.message);
    }
  }
  if (bad.length > 0) {
    notes.push(...bad);
    for (const field of COUNT_FIELDS) document.getElementById(field).value = PRESETS.worked[field];
  }
  /** @type {Report | null} */
  let report = null;
  for (let tries = 0; tries < OPTION_FIELDS.length; tries += 1) {
    const state = readForm();
    try {
      report = countsReport(/** @satisfies {CountsInput} */ ({ tp: state.tp, fn: state.fn, fp: state.fp, tn: state.tn, ...readSettings() }));
      break;
    } catch (err) {
      /** @type {(typeof OPTION_FIELDS)[number] | undefined} */
      const field = OPTION_FIELDS.find((f) => f === err.field);
      if (field === undefined) break;
      notes.push(err.message);
      document.getElementById(field).value = String(DEFAULTS[field]);
    }
  }
  const task = new URLSearchParams(location.search).get('task');
  if (task !== null && !settingsForm().querySelector(`input[name="task"][value="${CSS.escape(task)}"]`)) {
    notes.push(`task: "${task}" is not one of the tasks offered`);
  }
  return { notes, report };
}

/**
 * Puts the demo settings from a link into the controls; a value the controls
 * do not offer (a size not in the list, a separation past the slider) is
 * replaced by the core's default.
 * @param {DemoState} demo
 * @returns {string[]} what was replaced, as sentences
 */
function fillDemoControls(demo) {
  const notes = demo.rejected.map((key) => `${key} is not a number`);
  const controls = /** @type {const} */ ([['demo-separation', 'sep', 'separation'], ['demo-prevalence', 'prev', 'prevalence'],
    ['demo-size', 'size', 'size'], ['demo-seed', 'seed', 'seed']]);
  for (const [id, key, setting] of controls) {
    const control = document.getElementById(id);
    const value = demo[setting];
    control.value = String(value);
    const kept = control.value !== '' && Number(control.value) === value && (id !== 'demo-seed' || (Number.isInteger(value) && value >= 0));
    if (kept) continue;
    notes.push(`${key}=${value} is not one of the values offered`);
    control.value = String(DEFAULTS.demo[setting]);
  }
  return notes;
}

/**
 * Says what went wrong where every tab shows it (the note above the tabs),
 * and empties the report panels, so that no earlier report (the worked
 * example the built site opens with) stands as if it answered: for a tab
 * whose code failed to load, or a page that could not start.
 * @param {string} message
 */
function showProblem(message) {
  const note = document.getElementById('url-note');
  note.textContent = clipText(message);
  note.hidden = false;
  renderEmpty(message);
  renderFormError(message);
}

/**
 * Says which values of the link were replaced by defaults (nothing when none were).
 * @param {string[]} notes
 */
function showLinkNote(notes) {
  const note = document.getElementById('url-note');
  note.hidden = notes.length === 0;
  note.textContent = notes.length === 0 ? ''
    : `This link held values fitcheck cannot use, so defaults are shown instead: ${clipText(notes.join('; '))}.`;
}

/**
 * Whether the code of tab `name` has started (the counts tab's always has).
 * @param {Mode} name
 */
function wired(name) {
  const code = codeOf(name);
  if (code === 'file') return fileMode !== null;
  if (code === 'compare') return compareMode !== null;
  if (code === 'training') return trainingMode !== null;
  if (code === 'leakage') return leakageMode !== null;
  return true;
}

/**
 * Marks a tab selected without loading anything (used when the URL opens the demo).
 * @param {Mode} next
 */
function selectModeTabsOnly(next) {
  // Every tab but the counts runs its work in a worker: its core starts compiling now.
  if (next !== 'counts') prepareWorkers();
  for (const [tab, panel, name] of MODES) {
    const active = name === next;
    document.getElementById(tab).setAttribute('aria-selected', String(active));
    document.getElementById(tab).tabIndex = active ? 0 : -1;
    // A tab's panel shows once its code has wired it (selectMode).
    document.getElementById(panel).hidden = !active || !wired(name);
  }
}

// This script has run: www/linked.js (the built site) tells a linked load
// whose <main> it hid that the page's scripts never ran when this is missing.
document.documentElement.dataset.app = '';
main().catch((err) => {
  showProblem(`fitcheck could not start: ${err.message}`);
  throw err;
}).finally(() => {
  // The built site hides <main> on a linked load until now (www/linked.js).
  delete document.documentElement.dataset.linked;
});
