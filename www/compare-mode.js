// @ts-check
// The "Compare two models" tab: picks or drops one file (truth and two
// model columns) or two files (before, after), sends them to the comparison
// worker, shows progress with a cancel button, offers the column mapping,
// each model's kind (scores or labels), the positive class and the
// bootstrap settings, and renders the comparison. No parsing or statistics
// here: the worker runs the core.
//
// Every load is one load: a new load cancels the earlier one, and every
// answer carries the id of the request that asked for it; answers of
// earlier loads are dropped (as in file-mode.js).

import { clipText, labelText, replaceChildren, grouped } from './render.js';
import { download } from './charts.js';
import { renderComparison, renderCompareEmpty } from './compare-render.js';
import { createCompareCharts } from './compare-charts.js';
import { writeCompareState } from './url-state.js';
import { startWorker } from './core-source.js';

/** @typedef {import('./pkg/fitcheck.js').ComparisonReport} Comparison */
/** @typedef {import('./pkg/fitcheck.js').CompareInput} CompareOptions */
/** @typedef {import('./pkg/fitcheck.js').CompareReadInput} CompareReadOptions */
/** @typedef {import('./pkg/fitcheck.js').CompareWorkerRequest} CompareWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').CompareWorkerReply} CompareWorkerReply */
/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */
/** @typedef {import('./url-state.js').CompareState} CompareState */
/** @typedef {Pick<CompareOptions, 'task' | 'beta'>} Settings */
/** @typedef {'empty' | 'reading' | 'done' | 'failed' | 'cancelled'} LoadState */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Most columns offered in the mapping lists (as in the file tab). */
const MAX_COLUMN_CHOICES = 1000;

/** @param {number} bytes */
function formatBytes(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/**
 * Fills a select with the columns (long names shortened, full name as tooltip).
 * @param {HTMLSelectElement} select
 * @param {string[]} values
 * @param {string | null | undefined} selected
 */
function fillSelect(select, values, selected) {
  replaceChildren(select, values.slice(0, MAX_COLUMN_CHOICES).map((v) => {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = labelText(v, 60);
    if (option.textContent !== v) option.title = v;
    option.selected = v === selected;
    return option;
  }));
}

/**
 * The tab's connection to the core: one worker, and the id of the current
 * load. A load while another is read stops that worker and starts a fresh one.
 * @param {(data: CompareWorkerReply, isLoad: boolean) => void} onAnswer
 */
function createSession(onAnswer) {
  /** @type {Worker | null} */
  let worker = null;
  let lastId = 0;
  let current = 0; // id of the current load
  let reading = false;

  function spawn() {
    const fresh = startWorker('compare');
    worker = fresh;
    fresh.onmessage = /** @param {MessageEvent<CompareWorkerReply>} event */ ({ data }) => {
      if (data.id === current && data.type !== 'progress') reading = false;
      if (data.id >= current) onAnswer(data, data.id === current);
    };
    fresh.onerror = (event) => {
      event.preventDefault();
      stop();
      onAnswer({ type: 'error', id: current, error: { message: `The comparison reader stopped: ${event.message ?? 'it could not start'}`, kind: 'internal' } }, true);
    };
    return fresh;
  }

  function stop() {
    worker?.terminate();
    worker = null;
    reading = false;
  }

  /** @param {CompareWorkerRequest} message */
  function send(message) {
    (worker ?? spawn()).postMessage(message);
  }

  return {
    /**
     * Starts a load, cancelling any earlier one; returns its id.
     * @param {Omit<Extract<CompareWorkerRequest, {type: 'load'}>, 'id'>} message
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
     * Asks the loaded comparison for a report, the flips CSV or the Markdown; returns the request's id.
     * @param {{type: 'report', report: CompareOptions} | {type: 'flips' | 'markdown'}} message
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
 * Wires the Compare tab.
 * @param {{settings: () => Settings}} hooks `settings`: the task and β as the page's settings give them
 */
export function createCompareMode({ settings }) {
  let active = false;
  /** @type {LoadState} */
  let state = 'empty';
  /** @type {(File | string)[]} */
  let sources = [];
  /** @type {string[]} */
  let names = [];
  /** @type {CompareReadOptions} */
  let read = {};
  /** @type {CompareState} the options in force (also what the link holds) */
  let options = {};
  /** @type {Comparison | null} */
  let cmp = null;
  let inFlight = false;
  /** @type {'display' | 'none' | null} a report asked for while another was computed */
  let pending = null;
  /** @type {{read: CompareReadOptions, options: CompareState} | null} a link's options, for the first files loaded */
  let linked = null;
  /** @type {Map<number, 'flips' | 'markdown'>} export requests waiting for their answer */
  const exports = new Map();

  const session = createSession(answer);
  const charts = createCompareCharts({
    threshold: (t) => {
      options.threshold = String(t);
      sendReport('none');
    },
  });

  /**
   * The report options: settings, threshold, positive class, bootstrap.
   * @param {'display' | 'none'} curves
   * @returns {CompareOptions}
   */
  function reportOptions(curves) {
    const { task, beta } = settings();
    /** @type {CompareOptions} */
    const out = { task, beta, curves };
    if (options.threshold !== undefined) out.threshold = options.threshold;
    if (options.positive !== undefined) out.positive = options.positive;
    if (options.resamples) out.resamples = options.resamples;
    if (options.seed) out.seed = options.seed;
    return out;
  }

  /**
   * Asks for a report on the loaded comparison; coalesces requests made while one is computed.
   * @param {'display' | 'none'} curves
   */
  function sendReport(curves) {
    if (!cmp) return;
    if (inFlight) {
      pending = pending === 'display' ? 'display' : curves;
      return;
    }
    inFlight = true;
    session.ask({ type: 'report', report: reportOptions(curves) });
  }

  /** Shows the tab's state: the comparison, or why there is none. */
  function display() {
    if (!active) return;
    if (cmp) {
      renderComparison(cmp);
      charts.render(cmp);
      return;
    }
    const what = names.length === 0 ? 'the files' : names.map((n) => labelText(n, 60)).join(' and ');
    /** @type {Record<Exclude<LoadState, 'done'>, string>} */
    const headlines = {
      empty: 'No files loaded yet: drop one file with both models\' outputs, or two predictions files.',
      reading: `Reading ${what}…`,
      failed: `No comparison: ${what} could not be compared. The reason is shown next to the files.`,
      cancelled: `No comparison: reading ${what} was cancelled.`,
    };
    renderCompareEmpty(headlines[state === 'done' ? 'empty' : state]);
    $('compare-tests').replaceChildren();
  }

  /**
   * @param {CompareWorkerReply} data
   * @param {boolean} isLoad
   */
  function answer(data, isLoad) {
    if (data.type === 'progress') {
      progress(data);
      return;
    }
    if (data.type === 'flips' || data.type === 'markdown') {
      exports.delete(data.id);
      if (data.type === 'flips') {
        download(new Blob([data.csv], { type: 'text/csv' }), 'fitcheck-flips.csv');
        $('flips-status').textContent = 'Flips downloaded.';
      } else {
        download(new Blob([data.markdown], { type: 'text/markdown' }), 'fitcheck-comparison.md');
      }
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
      cmp = data.report;
      $('compare-cancel').hidden = true;
      $('compare-progress').dataset.state = 'done';
      clearError();
      showSource(cmp);
      writeCompareState(options);
      display();
      if (pending !== null) {
        const curves = pending;
        pending = null;
        sendReport(curves);
      }
      return;
    }
    pending = null;
    if (!isLoad && cmp) {
      // A report on loaded data failed (a bad threshold or bootstrap setting): the last one stays.
      if (data.error.field === 'resamples' || data.error.field === 'seed' || data.error.field === 'threshold') {
        $('cmp-options-error').textContent = clipText(data.error.message);
      } else {
        showError(data.error);
      }
      return;
    }
    cmp = null;
    state = data.error.kind === 'cancelled' ? 'cancelled' : 'failed';
    $('compare-cancel').hidden = true;
    $('compare-progress').dataset.state = state;
    showError(data.error);
    if (data.error.kind === 'need_mapping' && data.error.columns) showMapping(data.error.columns, data.error.columns);
    display();
  }

  /** @param {ErrorInfo} error */
  function showError(error) {
    $('compare-error').textContent = clipText(error.message);
    $('compare-error').hidden = false;
  }

  function clearError() {
    $('compare-error').hidden = true;
    $('compare-error').textContent = '';
    $('cmp-options-error').textContent = '';
    $('flips-status').textContent = '';
  }

  /**
   * The mapping lists: truth and model A from the first file's columns, model B from the second's.
   * @param {string[]} first
   * @param {string[]} second
   * @param {Comparison | null} [c]
   */
  function showMapping(first, second, c = null) {
    $('compare-settings').hidden = false;
    fillSelect($('cmp-truth'), first, c?.source.truth ?? read.truth?.toString());
    fillSelect($('cmp-a'), first, c?.source.a.column ?? read.a?.toString());
    fillSelect($('cmp-b'), second, c?.source.b.column ?? read.b?.toString());
    if (c) {
      $('cmp-a-kind').value = c.source.a.kind;
      $('cmp-b-kind').value = c.source.b.kind;
    }
    $('compare-prompt').hidden = c !== null;
    $('compare-prompt').textContent = c ? '' : 'Choose the columns below: which holds the true labels, and which each model\'s output.';
  }

  /** @param {Comparison} c */
  function showSource(c) {
    const src = c.source;
    const first = c.a.source?.columns ?? [];
    const second = c.b.source?.columns ?? first;
    showMapping(first, second, c);
    if (c.a.source) $('cmp-has-header').checked = c.a.source.has_header;
    /** @param {string} name */
    const quote = (name) => `"${labelText(name, 60)}"`;
    /** @param {import('./pkg/fitcheck.js').ModelSource} m */
    const kind = (m) => `${m.kind === 'score' ? 'scores' : 'labels'}${m.kind_guessed ? ', guessed' : ''}`;
    const files = src.files.map((f) => labelText(f, 60)).join(' and ');
    $('compare-file-summary').textContent = `${files}: ${grouped(c.n)} rows, true labels in ${quote(src.truth)}; A: ${quote(src.a.column)} (${kind(src.a)}), B: ${quote(src.b.column)} (${kind(src.b)}); ${c.task_kind}.`;
    $('compare-order').hidden = src.form !== 'two_files';
    $('compare-order-text').textContent = src.form === 'two_files'
      ? `A (before): ${labelText(src.files[0], 60)} · B (after): ${labelText(src.files[1], 60)}` : '';
    const binary = c.task_kind === 'binary';
    for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.cmp-binary-only'))) el.hidden = !binary;
    if (binary) fillSelect($('cmp-positive'), c.a.labels, c.a.pos_label);
    if ($('cmp-resamples').value === '' && document.activeElement !== $('cmp-resamples')) $('cmp-resamples').placeholder = String(c.bootstrap.resamples);
    if ($('cmp-seed').value === '' && document.activeElement !== $('cmp-seed')) $('cmp-seed').placeholder = String(c.bootstrap.seed);
  }

  /** @param {{bytes: number, total: number, rows: number, elapsedMs: number, file?: number}} p */
  function progress({ bytes, total, rows, elapsedMs, file }) {
    $('compare-progress').hidden = false;
    $('compare-progress-bar').max = total || 1;
    $('compare-progress-bar').value = bytes;
    const rate = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
    const which = names.length > 1 && file !== undefined ? `file ${file + 1} of ${names.length} · ` : '';
    $('compare-progress-text').textContent = `${which}${grouped(rows)} rows · ${formatBytes(bytes)} of ${formatBytes(total)} · ${rate.toFixed(0)} MB/s`;
  }

  /** (Re)reads the sources with the current read options. */
  function load() {
    if (sources.length === 0) return;
    clearError();
    cmp = null;
    // The summary describes the last comparison; a new read has none yet.
    $('compare-file-summary').textContent = '';
    inFlight = false;
    pending = null;
    state = 'reading';
    charts.forget();
    $('compare-progress').dataset.state = 'reading';
    $('compare-cancel').hidden = false;
    const total = sources.reduce((sum, s) => sum + (typeof s === 'string' ? s.length : s.size), 0);
    progress({ bytes: 0, total, rows: 0, elapsedMs: 0 });
    display();
    session.load({ type: 'load', sources, names, read, report: reportOptions('display') });
  }

  /**
   * New files: the mapping and report options of the previous ones are dropped.
   * @param {File[]} files
   */
  function start(files) {
    if (files.length === 0) return;
    if (files.length > 2) {
      showError({ message: `${files.length} files were given: choose one file (truth and both models) or two (before, after).`, kind: 'file' });
      return;
    }
    sources = files;
    names = files.map((f) => f.name);
    // A link's options apply to the first files loaded; later files start afresh.
    read = linked?.read ?? {};
    options = linked?.options ?? { resamples: options.resamples, seed: options.seed };
    linked = null;
    $('compare-settings').hidden = true;
    load();
  }

  /** Reads the mapping lists and kinds into the read options, and reads the files again. */
  function remap() {
    read = {
      ...read,
      truth: $('cmp-truth').value,
      a: $('cmp-a').value,
      b: $('cmp-b').value,
      aKind: /** @type {'score' | 'label'} */ ($('cmp-a-kind').value),
      bKind: /** @type {'score' | 'label'} */ ($('cmp-b-kind').value),
      hasHeader: $('cmp-has-header').checked,
    };
    rememberRead();
    load();
  }

  /** Keeps the read options in the options a link holds. */
  function rememberRead() {
    options = { ...options, truth: read.truth?.toString(), a: read.a?.toString(), b: read.b?.toString(), aKind: read.aKind || undefined, bKind: read.bKind || undefined,
      hasHeader: read.hasHeader, delimiter: read.delimiter };
  }

  const input = $('compare-input');
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = ''; // choosing the same files again is a change
    start(files);
  });
  const drop = $('compare-dropzone');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    start([...(e.dataTransfer?.files ?? [])]);
  });
  $('compare-cancel').addEventListener('click', () => {
    if (state !== 'reading') return;
    const id = session.cancel();
    $('compare-progress-text').textContent += ' — cancelled';
    answer({ type: 'error', id, error: { message: 'Reading was cancelled.', kind: 'cancelled' } }, true);
  });
  $('compare-swap').addEventListener('click', () => {
    sources = [...sources].reverse();
    names = [...names].reverse();
    read = { ...read, a: read.b, b: read.a, aKind: read.bKind, bKind: read.aKind };
    rememberRead();
    load();
  });
  for (const id of /** @type {const} */ (['cmp-truth', 'cmp-a', 'cmp-b', 'cmp-a-kind', 'cmp-b-kind'])) $(id).addEventListener('change', remap);
  // Columns are named by the header or numbered without one: a choice made
  // one way means nothing the other way, so the core finds the columns again.
  $('cmp-has-header').addEventListener('change', () => {
    read = { ...read, truth: undefined, a: undefined, b: undefined, aKind: undefined, bKind: undefined, hasHeader: $('cmp-has-header').checked };
    rememberRead();
    load();
  });
  $('cmp-delimiter').addEventListener('change', () => {
    read = { ...read, delimiter: $('cmp-delimiter').value || undefined };
    rememberRead();
    load();
  });
  $('cmp-positive').addEventListener('change', () => {
    options.positive = $('cmp-positive').value;
    sendReport('display'); // a new positive class re-sorts the scores: fresh curves
  });
  for (const [id, key] of /** @type {const} */ ([['cmp-resamples', 'resamples'], ['cmp-seed', 'seed']])) {
    $(id).addEventListener('change', () => {
      $('cmp-options-error').textContent = '';
      options[key] = $(id).value.trim() || undefined;
      sendReport('none');
    });
  }
  $('flips-csv').addEventListener('click', () => {
    if (!cmp) return;
    $('flips-status').textContent = '';
    exports.set(session.ask({ type: 'flips' }), 'flips');
  });
  $('compare-md').addEventListener('click', () => {
    if (cmp) exports.set(session.ask({ type: 'markdown' }), 'markdown');
  });
  $('compare-json').addEventListener('click', () => {
    // The core's report as it came (with the curves of its last request, if any).
    if (cmp) download(new Blob([JSON.stringify(cmp, null, 2)], { type: 'application/json' }), 'fitcheck-comparison.json');
  });
  $('compare-share').addEventListener('click', async () => {
    const status = $('compare-share-status');
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
      if (shown) main.dataset.mode = 'compare';
      else delete main.dataset.mode;
      $('compare-summary-panel').hidden = !shown;
      if (!shown) $('compare-results').hidden = true;
      else display();
    },
    /** Recomputes the comparison with the page's settings (task, β). */
    refresh: () => sendReport('none'),
    /**
     * Takes the options of a link: they apply to the next files loaded.
     * @param {CompareState} state
     */
    useLinked(state) {
      /** @type {CompareReadOptions} */
      const linkRead = { truth: state.truth, a: state.a, b: state.b, aKind: state.aKind, bKind: state.bKind, hasHeader: state.hasHeader, delimiter: state.delimiter };
      for (const key of /** @type {const} */ (['truth', 'a', 'b', 'aKind', 'bKind', 'hasHeader', 'delimiter'])) {
        if (linkRead[key] === undefined) delete linkRead[key];
      }
      linked = { read: linkRead, options: { ...state } };
      if (state.resamples) $('cmp-resamples').value = state.resamples;
      if (state.seed) $('cmp-seed').value = state.seed;
      if (state.delimiter) $('cmp-delimiter').value = state.delimiter;
      renderCompareEmpty('This link holds the comparison\'s options, not its data: load the same files again to see it.');
    },
  };
}
