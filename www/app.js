// Wires the page: reads the form, asks the wasm core for a report, renders
// it, and keeps the state in the URL. No metric math here.

import init, { countsReport, checkCount, version, defaults } from './pkg/fitcheck.js';
import { readState, writeState, STATE_KEYS, readDemoState, writeDemoState, useDefaults } from './url-state.js';
import { renderReport, renderFieldErrors, renderFormError, showStale } from './render.js';
import { createFileMode } from './file-mode.js';

const COUNT_FIELDS = ['tp', 'fn', 'fp', 'tn'];
const OPTION_FIELDS = ['beta', 'min_precision', 'min_recall', 'min_f1'];

/** The worked examples: the textbook case and the fraud model (10,000 transactions, 150 frauds). */
const PRESETS = {
  worked: { tp: '85', fn: '15', fp: '10', tn: '90', task: 'balanced' },
  fraud: { tp: '18', fn: '132', fp: '68', tn: '9782', task: 'misses_costly' },
};

const form = () => document.getElementById('counts-form');
const settingsForm = () => document.getElementById('settings-form');
let mode = 'counts';
let fileMode = null;
/** Every default and the task descriptions, read from the core once it has loaded. */
let DEFAULTS = null;

function readForm() {
  const state = {};
  for (const key of [...COUNT_FIELDS, ...OPTION_FIELDS]) state[key] = document.getElementById(key).value;
  state.task = settingsForm().querySelector('input[name="task"]:checked')?.value ?? DEFAULTS.task;
  return state;
}

/** Task, beta and bars as typed (shared by counts and files): the core reads
 * the numbers, and an empty box takes the core's default. */
function readSettings() {
  const state = readForm();
  return {
    beta: state.beta,
    task: state.task,
    minPrecision: state.min_precision,
    minRecall: state.min_recall,
    minF1: state.min_f1,
  };
}

function fillForm(state) {
  for (const key of STATE_KEYS) {
    if (key === 'task') {
      const radio = settingsForm().querySelector(`input[name="task"][value="${CSS.escape(state.task ?? DEFAULTS.task)}"]`);
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
  for (const key of ['beta', 'min_precision', 'min_recall', 'min_f1']) document.getElementById(key).value = String(d[key]);
  document.getElementById('demo-separation').value = String(d.demo.separation);
  document.getElementById('demo-prevalence').value = String(d.demo.prevalence);
  document.getElementById('demo-size').value = String(d.demo.size);
  document.getElementById('demo-seed').value = String(d.demo.seed);
  for (const [id, value] of [['goal-cost-fp', d.cost_fp], ['goal-cost-fn', d.cost_fn], ['goal-target-recall', d.target_recall], ['goal-target-precision', d.target_precision]]) {
    const input = document.getElementById(id);
    if (input) input.value = String(value);
  }
  for (const task of d.tasks) {
    const radio = settingsForm().querySelector(`input[name="task"][value="${CSS.escape(task.id)}"]`);
    if (!radio) continue;
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = `(watch ${task.watch_name})`;
    radio.parentElement.replaceChildren(radio, ` ${task.description} `, hint);
    radio.checked = task.id === d.task;
  }
}

let firstResult = true;

/** Keeps the collapsed bars summary showing the bars in force. */
function showBars(state) {
  const bar = (key) => (state[key].trim() === '' ? String(DEFAULTS[key]) : state[key].trim());
  document.getElementById('bars-summary').textContent =
    `precision ≥ ${bar('min_precision')}, recall ≥ ${bar('min_recall')}, F1 ≥ ${bar('min_f1')}, β = ${bar('beta')}`;
}

function update() {
  showBars(readForm());
  if (mode === 'file') {
    fileMode.refresh();
    return;
  }
  const state = readForm();
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
    showStale(!firstResult);
    return;
  }
  try {
    const report = countsReport({ tp: state.tp, fn: state.fn, fp: state.fp, tn: state.tn, ...readSettings() });
    renderFieldErrors([...COUNT_FIELDS, ...OPTION_FIELDS], {});
    renderReport(report);
    showStale(false);
    writeState(state);
    if (firstResult) {
      firstResult = false;
      performance.mark('fitcheck-first-result');
    }
  } catch (err) {
    if (err.field && document.getElementById(err.field)) renderFieldErrors([...COUNT_FIELDS, ...OPTION_FIELDS], { [err.field]: err.message });
    else renderFormError(err.message);
    showStale(!firstResult);
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

const MODES = [['tab-counts', 'counts-form', 'counts'], ['tab-file', 'file-panel', 'file'], ['tab-demo', 'demo-panel', 'demo']];

/** Switches between typing counts, loading a file and the demo (an ARIA tab set). */
function selectMode(next) {
  const previous = mode;
  mode = next;
  for (const [tab, panel, name] of MODES) {
    const active = name === next;
    const tabEl = document.getElementById(tab);
    tabEl.setAttribute('aria-selected', String(active));
    tabEl.tabIndex = active ? 0 : -1;
    document.getElementById(panel).hidden = !active;
  }
  document.getElementById('stale').hidden = true;
  document.getElementById('explorer').hidden = true;
  if (next === 'counts') {
    update();
  } else if (next === 'demo') {
    if (previous !== 'demo' || !fileMode.isDemo()) loadDemo();
  } else if (fileMode.hasReport() && !fileMode.isDemo()) {
    showDataReport(fileMode.lastReport());
  }
}

function showDataReport(report) {
  renderReport(report);
  document.getElementById('explorer').hidden = !report.score_summary;
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

function loadDemo(threshold) {
  showDemoValues();
  fileMode.loadDemo(demoOptions(), threshold);
}

function wireDemo() {
  for (const id of ['demo-separation', 'demo-prevalence', 'demo-size', 'demo-seed']) {
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
    tab.addEventListener('click', () => selectMode(MODES[i][2]));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const j = (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
      tabs[j].focus();
      selectMode(MODES[j][2]);
    });
  });
}

async function main() {
  await init();
  document.getElementById('core-version').textContent = `v${version()}`;
  DEFAULTS = defaults();
  useDefaults(DEFAULTS);
  applyDefaults();
  fillForm(readState(location.search) ?? PRESETS.worked);
  fileMode = createFileMode({
    settings: readSettings,
    defaults: DEFAULTS,
    onReport: (report) => {
      if (mode === 'file' && !fileMode.isDemo()) showDataReport(report);
      if (mode === 'demo' && fileMode.isDemo()) {
        showDataReport(report);
        writeDemoState(demoOptions(), report.score_summary?.threshold);
      }
    },
    onError: () => {},
  });
  wireTabs();
  wireDemo();
  for (const f of [form(), settingsForm()]) {
    f.addEventListener('input', update);
    f.addEventListener('change', update);
    f.addEventListener('submit', (e) => e.preventDefault());
  }
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      fillForm(PRESETS[button.dataset.preset]);
      update();
    });
  }
  document.getElementById('share').addEventListener('click', share);
  const demo = readDemoState(location.search);
  if (demo) {
    document.getElementById('demo-separation').value = String(demo.separation);
    document.getElementById('demo-prevalence').value = String(demo.prevalence);
    document.getElementById('demo-size').value = String(demo.size);
    document.getElementById('demo-seed').value = String(demo.seed);
    mode = 'demo';
    selectModeTabsOnly('demo');
    loadDemo(demo.threshold);
    update();
    return;
  }
  update();
}

/** Marks a tab selected without loading anything (used when the URL opens the demo). */
function selectModeTabsOnly(next) {
  for (const [tab, panel, name] of MODES) {
    const active = name === next;
    document.getElementById(tab).setAttribute('aria-selected', String(active));
    document.getElementById(tab).tabIndex = active ? 0 : -1;
    document.getElementById(panel).hidden = !active;
  }
}

main().catch((err) => {
  renderFormError(`fitcheck could not start: ${err.message}`);
  throw err;
});
