// @ts-check
// The "Leakage check" tab: picks or drops a training CSV and a test CSV,
// sends them to the leakage worker, shows progress with a cancel button,
// and reads the pair again whenever an option changes (columns ignored, the
// label, normalise text). The columns offered come from the core: the
// report's compared and ignored columns, or the columns its error lists
// when one file has a column the other lacks. No parsing or counting here.
//
// Every load is one load: a new load cancels the earlier one, and every
// answer carries the id of the request that asked for it; answers of
// earlier loads are dropped (as in training-mode.js).

import { clipText, el, labelText, replaceChildren, grouped } from './render.js';
import { download } from './charts.js';
import { renderLeakage, renderLeakageEmpty } from './leakage-render.js';
import { writeLeakageState } from './url-state.js';
import { startWorker } from './core-source.js';

/** @typedef {import('./pkg/fitcheck.js').LeakageReport} LeakageReport */
/** @typedef {import('./pkg/fitcheck.js').LeakageWorkerRequest} LeakageWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LeakageWorkerReply} LeakageWorkerReply */
/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */
/** @typedef {import('./url-state.js').LeakageState} LeakageState */
/** @typedef {'empty' | 'reading' | 'done' | 'failed' | 'cancelled'} LoadState */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

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
 * @param {(data: LeakageWorkerReply, isLoad: boolean) => void} onAnswer
 */
function createSession(onAnswer) {
  /** @type {Worker | null} */
  let worker = null;
  let lastId = 0;
  let current = 0;
  let reading = false;

  function spawn() {
    const fresh = startWorker('leakage');
    worker = fresh;
    fresh.onmessage = /** @param {MessageEvent<LeakageWorkerReply>} event */ ({ data }) => {
      if (data.id === current && data.type !== 'progress') reading = false;
      if (data.id >= current) onAnswer(data, data.id === current);
    };
    fresh.onerror = (event) => {
      event.preventDefault();
      stop();
      onAnswer({ type: 'error', id: current, error: { message: `The file reader stopped: ${event.message ?? 'it could not start'}`, kind: 'internal' } }, true);
    };
    return fresh;
  }

  function stop() {
    worker?.terminate();
    worker = null;
    reading = false;
  }

  /** @param {LeakageWorkerRequest} message */
  function send(message) {
    (worker ?? spawn()).postMessage(message);
  }

  return {
    /**
     * Starts a load, cancelling any earlier one; returns its id.
     * @param {Omit<Extract<LeakageWorkerRequest, {type: 'load'}>, 'id'>} message
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
     * Asks the loaded pair for its Markdown or examples CSV; returns the request's id.
     * @param {{type: 'markdown'} | {type: 'examples'}} message
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

/** Wires the Leakage check tab. */
export function createLeakageMode() {
  let active = false;
  /** @type {LoadState} */
  let state = 'empty';
  /** @type {File | null} */
  let train = null;
  /** @type {File | null} */
  let test = null;
  /** @type {LeakageState} the options chosen (also what the link holds) */
  let options = { ignore: [] };
  /** @type {string[]} every column the core has named so far, in the order first seen */
  let columns = [];
  /** @type {LeakageReport | null} */
  let report = null;
  /** @type {Set<number>} export requests waiting for their answer */
  const exports = new Set();

  const session = createSession(answer);

  /** Shows the tab's state: the report, or why there is none. */
  function display() {
    if (!active) return;
    if (report) {
      renderLeakage(report);
      return;
    }
    /** @type {Record<Exclude<LoadState, 'done'>, string>} */
    const headlines = {
      empty: train || test
        ? `Now choose the ${train ? 'test' : 'training'} file.`
        : 'No files loaded yet: drop a training CSV and a test CSV.',
      reading: 'Reading the training and test files…',
      failed: 'No report: the files could not be compared. The reason is shown next to the files.',
      cancelled: 'No report: reading was cancelled.',
    };
    renderLeakageEmpty(headlines[state === 'done' ? 'empty' : state]);
  }

  /** @param {string[]} names columns the core named */
  function learnColumns(names) {
    for (const name of names) if (!columns.includes(name)) columns.push(name);
  }

  /**
   * @param {LeakageWorkerReply} data
   * @param {boolean} isLoad
   */
  function answer(data, isLoad) {
    if (data.type === 'progress') {
      progress(data);
      return;
    }
    if (data.type === 'markdown') {
      exports.delete(data.id);
      download(new Blob([data.markdown], { type: 'text/markdown' }), 'fitcheck-leakage.md');
      return;
    }
    if (data.type === 'examples') {
      exports.delete(data.id);
      download(new Blob([data.csv], { type: 'text/csv' }), 'fitcheck-leakage-examples.csv');
      return;
    }
    if (data.type === 'error' && exports.has(data.id)) {
      exports.delete(data.id);
      showError(data.error);
      return;
    }
    if (!isLoad) return;
    $('leakage-cancel').hidden = true;
    if (data.type === 'report') {
      state = 'done';
      report = data.report;
      $('leakage-progress').dataset.state = 'done';
      clearError();
      learnColumns([...report.columns, ...report.ignored]);
      showOptions();
      writeLeakageState(options);
      display();
      return;
    }
    report = null;
    state = data.error.kind === 'cancelled' ? 'cancelled' : 'failed';
    $('leakage-progress').dataset.state = state;
    if (data.error.columns) {
      learnColumns(data.error.columns);
      showOptions();
    }
    showError(data.error);
    display();
  }

  /** @param {ErrorInfo} error */
  function showError(error) {
    $('leakage-error').textContent = clipText(error.message);
    $('leakage-error').hidden = false;
  }

  function clearError() {
    $('leakage-error').hidden = true;
    $('leakage-error').textContent = '';
  }

  /** The column checkboxes, the label choice and normalise text, set to the options in force. */
  function showOptions() {
    if (columns.length === 0) return;
    $('leakage-options').hidden = false;
    const ignore = options.ignore ?? [];
    replaceChildren($('leakage-column-list'), columns.map((name) => {
      const label = el('label', 'check');
      const box = el('input');
      box.type = 'checkbox';
      box.value = name;
      box.checked = !ignore.includes(name);
      box.addEventListener('change', () => {
        const kept = [...$('leakage-column-list').querySelectorAll('input')];
        options.ignore = kept.filter((b) => !b.checked).map((b) => b.value);
        load();
      });
      const text = labelText(name, 60);
      label.append(box, text);
      if (text !== name) label.title = name;
      return label;
    }));
    const select = $('leakage-label');
    const detect = el('option', '', report && !options.label ? `Found by name: ${labelText(report.label ?? 'none', 40)}` : 'Find by name (label, y_true, target…)');
    detect.value = '';
    replaceChildren(select, [detect, ...columns.filter((c) => !ignore.includes(c)).map((name) => {
      const option = el('option', '', labelText(name, 60));
      option.value = name;
      if (option.textContent !== name) option.title = name;
      return option;
    })]);
    select.value = options.label ?? '';
    $('leakage-normalize').checked = options.normalizeText === true;
  }

  /** @param {{bytes: number, total: number, rows: number, elapsedMs: number, file?: number}} p */
  function progress({ bytes, total, rows, elapsedMs, file }) {
    $('leakage-progress').hidden = false;
    $('leakage-progress-bar').max = total || 1;
    $('leakage-progress-bar').value = bytes;
    const rate = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
    const which = file === 1 ? 'test file · ' : 'training file · ';
    $('leakage-progress-text').textContent = `${which}${grouped(rows)} rows · ${formatBytes(bytes)} of ${formatBytes(total)} · ${rate.toFixed(0)} MB/s`;
  }

  function showFiles() {
    const name = (/** @type {File | null} */ f) => (f ? labelText(f.name, 60) : 'not chosen yet');
    $('leakage-files').textContent = `Training: ${name(train)} · Test: ${name(test)}`;
    $('leakage-swap').disabled = !(train && test);
  }

  /** Reads both files with the current options (when both are chosen). */
  function load() {
    showFiles();
    if (!train || !test) {
      display();
      return;
    }
    clearError();
    report = null;
    state = 'reading';
    $('leakage-progress').dataset.state = 'reading';
    $('leakage-cancel').hidden = false;
    progress({ bytes: 0, total: train.size, rows: 0, elapsedMs: 0, file: 0 });
    display();
    /** @type {import('./pkg/fitcheck.js').LeakageOptions} */
    const sent = { ignore: options.ignore ?? [], normalizeText: options.normalizeText === true };
    if (options.label) sent.label = options.label;
    session.load({ type: 'load', sources: [train, test], names: [train.name, test.name], options: sent });
  }

  /** New files: the columns of the earlier pair are forgotten unless a link chose them. */
  function newFiles() {
    columns = [];
    $('leakage-options').hidden = true;
    load();
  }

  for (const [id, which] of /** @type {const} */ ([['leakage-train-input', 'train'], ['leakage-test-input', 'test']])) {
    const input = $(id);
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return;
      if (which === 'train') train = file;
      else test = file;
      newFiles();
    });
  }
  const drop = $('leakage-dropzone');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length >= 2) [train, test] = files;
    else if (files.length === 1 && (!train || test)) train = files[0];
    else if (files.length === 1) test = files[0];
    else return;
    newFiles();
  });
  $('leakage-swap').addEventListener('click', () => {
    [train, test] = [test, train];
    newFiles();
  });
  $('leakage-cancel').addEventListener('click', () => {
    if (state !== 'reading') return;
    const id = session.cancel();
    $('leakage-progress-text').textContent += ' — cancelled';
    answer({ type: 'error', id, error: { message: 'Reading was cancelled.', kind: 'cancelled' } }, true);
  });
  $('leakage-label').addEventListener('change', () => {
    options.label = $('leakage-label').value || undefined;
    load();
  });
  $('leakage-normalize').addEventListener('change', () => {
    options.normalizeText = $('leakage-normalize').checked || undefined;
    load();
  });
  $('leakage-md').addEventListener('click', () => {
    if (report) exports.add(session.ask({ type: 'markdown' }));
  });
  $('leakage-csv').addEventListener('click', () => {
    if (report) exports.add(session.ask({ type: 'examples' }));
  });
  $('leakage-json').addEventListener('click', () => {
    if (report) download(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), 'fitcheck-leakage.json');
  });
  $('leakage-share').addEventListener('click', async () => {
    const status = $('leakage-share-status');
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
      if (shown) main.dataset.mode = 'leakage';
      else if (main.dataset.mode === 'leakage') delete main.dataset.mode;
      $('leakage-summary-panel').hidden = !shown;
      if (!shown) $('leakage-results').hidden = true;
      else display();
    },
    /**
     * Takes the options of a link: they apply to the files loaded next.
     * @param {LeakageState} linkState
     */
    useLinked(linkState) {
      options = { ...linkState, ignore: linkState.ignore ?? [] };
      $('leakage-normalize').checked = linkState.normalizeText === true;
      renderLeakageEmpty('This link holds the options of a leakage check, not its files: load the same training and test files to see it.');
    },
  };
}
