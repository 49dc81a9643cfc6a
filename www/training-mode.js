// @ts-check
// The "Training curves" tab: picks, drops or pastes one or more training
// logs, sends them to the training worker, shows progress with a cancel
// button, and asks the core for a new report whenever an option changes
// (smoothing, monitored series, mode, early stopping). No parsing, smoothing
// or statistics here: the worker runs the core.
//
// Every load is one load: a new load cancels the earlier one, and every
// answer carries the id of the request that asked for it; answers of
// earlier loads are dropped (as in compare-mode.js).

import { clipText, labelText, replaceChildren, grouped } from './render.js';
import { download } from './charts.js';
import { renderTraining, renderTrainingEmpty, fileSummary, formatNumber } from './training-render.js';
import { createTrainingCharts } from './training-charts.js';
import { writeTrainingState } from './url-state.js';
import { startWorker } from './core-source.js';

/** @typedef {import('./pkg/fitcheck.js').TrainingReport} TrainingReport */
/** @typedef {import('./pkg/fitcheck.js').SettingsInput} TrainingInput */
/** @typedef {import('./pkg/fitcheck.js').TrainingWorkerRequest} TrainingWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').TrainingWorkerReply} TrainingWorkerReply */
/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */
/** @typedef {import('./url-state.js').TrainingState} TrainingState */
/** @typedef {'empty' | 'reading' | 'done' | 'failed' | 'cancelled'} LoadState */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** The presets' names as the page shows them (the values come from the report's `options.presets`). */
const PRESET_NAMES = { keras: 'Keras', lightning: 'Lightning', hugging_face: 'Hugging Face' };

/** @param {number} bytes */
function formatBytes(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/**
 * The tab's connection to the core: one worker, and the id of the current
 * load. A load while another is read stops that worker and starts a fresh one.
 * @param {(data: TrainingWorkerReply, isLoad: boolean) => void} onAnswer
 */
function createSession(onAnswer) {
  /** @type {Worker | null} */
  let worker = null;
  let lastId = 0;
  let current = 0; // id of the current load
  let reading = false;

  function spawn() {
    const fresh = startWorker('training');
    worker = fresh;
    fresh.onmessage = /** @param {MessageEvent<TrainingWorkerReply>} event */ ({ data }) => {
      if (data.id === current && data.type !== 'progress') reading = false;
      if (data.id >= current) onAnswer(data, data.id === current);
    };
    fresh.onerror = (event) => {
      event.preventDefault();
      stop();
      onAnswer({ type: 'error', id: current, error: { message: `The training log reader stopped: ${event.message ?? 'it could not start'}`, kind: 'internal' } }, true);
    };
    return fresh;
  }

  function stop() {
    worker?.terminate();
    worker = null;
    reading = false;
  }

  /** @param {TrainingWorkerRequest} message */
  function send(message) {
    (worker ?? spawn()).postMessage(message);
  }

  return {
    /**
     * Starts a load, cancelling any earlier one; returns its id.
     * @param {Omit<Extract<TrainingWorkerRequest, {type: 'load'}>, 'id'>} message
     */
    load(message) {
      if (reading) stop();
      lastId += 1;
      current = lastId;
      reading = true;
      send({ ...message, id: current });
      return current;
    },
    /**
     * Asks the loaded log for a report or its Markdown; returns the request's id.
     * @param {{type: 'report', report: TrainingInput} | {type: 'markdown'}} message
     */
    ask(message) {
      lastId += 1;
      send({ ...message, id: lastId });
      return lastId;
    },
    /** Drops the worker and its data; returns the id now current. */
    cancel() {
      stop();
      lastId += 1;
      current = lastId;
      return current;
    },
  };
}

/**
 * Wires the Training curves tab.
 * @param {{openCompare: () => void}} hooks `openCompare`: switches to the Compare tab
 */
export function createTrainingMode({ openCompare }) {
  let active = false;
  /** @type {LoadState} */
  let state = 'empty';
  /** @type {(File | string)[]} */
  let sources = [];
  /** @type {string[]} */
  let names = [];
  /** @type {TrainingState} the options chosen (also what the link holds); unset ones take the core's defaults */
  let options = {};
  /** @type {TrainingReport | null} */
  let report = null;
  let inFlight = false;
  let pending = false; // a report asked for while another was computed
  /** Whether the options came from a link and still wait for their first load (they keep the monitored series). */
  let linked = false;
  /** @type {Set<number>} Markdown requests waiting for their answer */
  const exports = new Set();

  const session = createSession(answer);
  const charts = createTrainingCharts();

  /** @returns {TrainingInput} */
  function reportOptions() {
    /** @type {TrainingInput} */
    const out = { curves: 'display' };
    if (options.monitor !== undefined) out.monitor = options.monitor;
    if (options.mode !== undefined) out.mode = options.mode;
    if (options.patience !== undefined) out.patience = options.patience;
    if (options.minDelta !== undefined) out.minDelta = options.minDelta;
    if (options.smoothing !== undefined) out.smoothing = options.smoothing;
    return out;
  }

  /** Asks for a report on the loaded log; coalesces requests made while one is computed. */
  function sendReport() {
    if (!report) return;
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = true;
    session.ask({ type: 'report', report: reportOptions() });
  }

  /** Shows the tab's state: the report, or why there is none. */
  function display() {
    if (!active) return;
    if (report) {
      renderTraining(report);
      charts.render(report);
      return;
    }
    const what = names.length === 0 ? 'the logs' : names.map((n) => labelText(n, 60)).join(', ');
    /** @type {Record<Exclude<LoadState, 'done'>, string>} */
    const headlines = {
      empty: 'No log loaded yet: drop a trainer_state.json, a Keras or Lightning CSV, or TensorBoard CSV exports.',
      reading: `Reading ${what}…`,
      failed: `No report: ${what} could not be read. The reason is shown next to the files.`,
      cancelled: `No report: reading ${what} was cancelled.`,
    };
    renderTrainingEmpty(headlines[state === 'done' ? 'empty' : state]);
  }

  /**
   * @param {TrainingWorkerReply} data
   * @param {boolean} isLoad
   */
  function answer(data, isLoad) {
    if (data.type === 'progress') {
      progress(data);
      return;
    }
    if (data.type === 'markdown') {
      exports.delete(data.id);
      download(new Blob([data.markdown], { type: 'text/markdown' }), 'fitcheck-training.md');
      return;
    }
    if (data.type === 'error' && exports.has(data.id)) {
      exports.delete(data.id);
      showError(data.error);
      return;
    }
    inFlight = false;
    if (data.type === 'report') {
      state = 'done';
      report = data.report;
      $('training-cancel').hidden = true;
      $('training-progress').dataset.state = 'done';
      clearError();
      showSettings(report);
      writeTrainingState(options);
      display();
      if (pending) {
        pending = false;
        sendReport();
      }
      return;
    }
    pending = false;
    if (!isLoad && report) {
      // A report on loaded data failed (a bad option): the last one stays, the reason shows by the options.
      $('training-options-error').textContent = clipText(data.error.message);
      return;
    }
    report = null;
    state = data.error.kind === 'cancelled' ? 'cancelled' : 'failed';
    $('training-cancel').hidden = true;
    $('training-progress').dataset.state = state;
    $('training-settings').hidden = true;
    showError(data.error);
    display();
  }

  /** @param {ErrorInfo} error */
  function showError(error) {
    $('training-error').textContent = clipText(error.message);
    $('training-error').hidden = false;
  }

  function clearError() {
    $('training-error').hidden = true;
    $('training-error').textContent = '';
    $('training-options-error').textContent = '';
  }

  /**
   * The controls, set to the options in force (a control being typed in is left alone).
   * @param {TrainingReport} r
   */
  function showSettings(r) {
    $('training-settings').hidden = false;
    $('training-file-summary').textContent = fileSummary(r);
    const o = r.options;
    const monitor = $('training-monitor');
    replaceChildren(monitor, Object.keys(r.series).map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = labelText(name, 60);
      if (option.textContent !== name) option.title = name;
      option.selected = name === o.monitor;
      return option;
    }));
    monitor.disabled = Object.keys(r.series).length === 0;
    $('training-mode').value = o.mode_inferred ? '' : o.mode;
    /** @type {Array<['training-patience' | 'training-min-delta', number]>} */
    const boxes = [['training-patience', o.patience], ['training-min-delta', o.min_delta]];
    for (const [id, value] of boxes) {
      if (document.activeElement !== $(id)) $(id).value = String(value);
    }
    const slider = $('training-smoothing');
    if (document.activeElement !== slider) slider.value = String(o.smoothing);
    showSmoothing(o.smoothing);
    replaceChildren($('training-presets'), Object.entries(o.presets).map(([key, p]) => {
      const button = document.createElement('button');
      button.type = 'button';
      const name = PRESET_NAMES[/** @type {keyof typeof PRESET_NAMES} */ (key)] ?? key;
      button.textContent = `${name} (patience ${p.patience}, min_delta ${formatNumber(p.min_delta)})`;
      button.dataset.preset = key;
      button.setAttribute('aria-pressed', String(p.patience === o.patience && p.min_delta === o.min_delta));
      button.addEventListener('click', () => {
        options = { ...options, patience: String(p.patience), minDelta: String(p.min_delta) };
        $('training-patience').value = String(p.patience);
        $('training-min-delta').value = String(p.min_delta);
        sendReport();
      });
      return button;
    }));
  }

  /** @param {number} w */
  function showSmoothing(w) {
    $('training-smoothing-value').textContent = w.toFixed(3);
    $('training-smoothing').setAttribute('aria-valuetext', `smoothing ${w.toFixed(3)}`);
  }

  /** @param {{bytes: number, total: number, rows: number, elapsedMs: number, file?: number}} p */
  function progress({ bytes, total, rows, elapsedMs, file }) {
    $('training-progress').hidden = false;
    $('training-progress-bar').max = total || 1;
    $('training-progress-bar').value = bytes;
    const rate = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
    const which = names.length > 1 && file !== undefined ? `file ${file + 1} of ${names.length} · ` : '';
    $('training-progress-text').textContent = `${which}${grouped(rows)} rows · ${formatBytes(bytes)} of ${formatBytes(total)} · ${rate.toFixed(0)} MB/s`;
  }

  /** Reads the sources with the current options. */
  function load() {
    if (sources.length === 0) return;
    clearError();
    report = null;
    inFlight = false;
    pending = false;
    state = 'reading';
    charts.forget();
    $('training-progress').dataset.state = 'reading';
    $('training-cancel').hidden = false;
    const total = sources.reduce((sum, s) => sum + (typeof s === 'string' ? s.length : s.size), 0);
    progress({ bytes: 0, total, rows: 0, elapsedMs: 0 });
    display();
    session.load({ type: 'load', sources, names, report: reportOptions() });
  }

  /**
   * New logs: the monitored series of the previous ones is dropped (the other options stay).
   * @param {(File | string)[]} given
   * @param {string[]} givenNames
   */
  function start(given, givenNames) {
    if (given.length === 0) return;
    sources = given;
    names = givenNames;
    if (!linked) options = { ...options, monitor: undefined };
    linked = false;
    load();
  }

  const input = $('training-input');
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = ''; // choosing the same files again is a change
    start(files, files.map((f) => f.name));
  });
  const drop = $('training-dropzone');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    start(files, files.map((f) => f.name));
  });
  $('training-paste-go').addEventListener('click', () => {
    const text = $('training-paste-text').value;
    if (text.trim() !== '') start([text], ['Pasted text']);
  });
  $('training-cancel').addEventListener('click', () => {
    if (state !== 'reading') return;
    const id = session.cancel();
    $('training-progress-text').textContent += ' — cancelled';
    answer({ type: 'error', id, error: { message: 'Reading was cancelled.', kind: 'cancelled' } }, true);
  });
  $('training-smoothing').addEventListener('input', () => {
    const w = Number($('training-smoothing').value);
    showSmoothing(w);
    options.smoothing = String(w);
    sendReport();
  });
  $('training-monitor').addEventListener('change', () => {
    options.monitor = $('training-monitor').value;
    sendReport();
  });
  $('training-mode').addEventListener('change', () => {
    const mode = $('training-mode').value;
    options.mode = mode === 'min' || mode === 'max' ? mode : undefined;
    sendReport();
  });
  for (const [id, key] of /** @type {const} */ ([['training-patience', 'patience'], ['training-min-delta', 'minDelta']])) {
    $(id).addEventListener('change', () => {
      $('training-options-error').textContent = '';
      options[key] = $(id).value.trim() || undefined;
      sendReport();
    });
  }
  $('training-log').addEventListener('change', () => {
    options.log = $('training-log').checked || undefined;
    charts.setLog($('training-log').checked);
    writeTrainingState(options);
  });
  $('training-to-compare').addEventListener('click', () => openCompare());
  $('training-md').addEventListener('click', () => {
    if (report) exports.add(session.ask({ type: 'markdown' }));
  });
  $('training-json').addEventListener('click', () => {
    // The core's report as it came (its curves thinned for drawing; `points` says how many each series has).
    if (report) download(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), 'fitcheck-training.json');
  });
  $('training-share').addEventListener('click', async () => {
    const status = $('training-share-status');
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = 'Link copied (the options, not the data).';
    } catch {
      status.textContent = `Copy this link: ${location.href}`;
    }
  });

  return {
    /**
     * Shows the tab (or hands the page back to the other tabs).
     * @param {boolean} shown
     */
    show(shown) {
      active = shown;
      const main = /** @type {HTMLElement} */ (document.querySelector('main'));
      if (shown) main.dataset.mode = 'training';
      else if (main.dataset.mode === 'training') delete main.dataset.mode;
      $('training-summary-panel').hidden = !shown;
      if (!shown) $('training-results').hidden = true;
      else display();
    },
    /**
     * Takes the options of a link: they apply to the next logs loaded.
     * @param {TrainingState} linkState
     */
    useLinked(linkState) {
      options = { ...linkState };
      linked = true;
      if (linkState.smoothing !== undefined) {
        $('training-smoothing').value = linkState.smoothing;
        showSmoothing(Number($('training-smoothing').value));
      }
      if (linkState.mode) $('training-mode').value = linkState.mode;
      if (linkState.patience !== undefined) $('training-patience').value = linkState.patience;
      if (linkState.minDelta !== undefined) $('training-min-delta').value = linkState.minDelta;
      $('training-log').checked = linkState.log === true;
      charts.setLog(linkState.log === true);
      renderTrainingEmpty('This link holds the options of a training report, not its logs: load the same logs again to see it.');
    },
  };
}
