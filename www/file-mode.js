// @ts-check
// The "Load a predictions file" and "Demo data" tabs: picks, drops or
// pastes a CSV (or makes the demo data set), sends it to an ingest worker,
// shows progress with a cancel button, offers the column mapping, threshold
// and positive class, drives the threshold explorer, and renders reports.
// No parsing or metric math here: the workers run the core.
//
// Every load is one load. Each tab owns its state and its own worker (so its
// loaded columns are its own): a tab shows only the results of its current
// input. Starting a load cancels every earlier load of that tab; every
// answer carries the id of the request that asked for it and is dropped
// unless it belongs to the tab's current load.

import { createExplorer } from './explorer.js';
import { renderReport, renderEmpty, showStale, clipText, labelText, replaceChildren, grouped } from './render.js';
import { startWorker } from './core-source.js';

/** @typedef {import('./pkg/fitcheck.js').Report} Report */
/** @typedef {import('./pkg/fitcheck.js').ThresholdReport} ThresholdReport */
/** @typedef {import('./pkg/fitcheck.js').SourceInfo} SourceInfo */
/** @typedef {import('./pkg/fitcheck.js').FileReportInput} FileReportInput */
/** @typedef {import('./pkg/fitcheck.js').IngestInput} IngestInput */
/** @typedef {import('./pkg/fitcheck.js').DemoInput} DemoInput */
/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */
/** @typedef {import('./pkg/fitcheck.js').WorkerRequest} WorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').WorkerReply} WorkerReply */
/** @typedef {import('./pkg/fitcheck.js').Curves} Curves */
/** @typedef {import('./pkg/fitcheck.js').Defaults} Defaults */
/** @typedef {import('./explorer.js').ThresholdChoice} ThresholdChoice */
/** @typedef {FileReportInput['curves']} CurveDetail */
/**
 * Task, beta and bars as the page's settings give them.
 * @typedef {Pick<FileReportInput, 'beta' | 'task' | 'minPrecision' | 'minRecall' | 'minF1'>} Settings
 */
/**
 * A load as a tab asks for it; the session gives it its id.
 * @typedef {Omit<Extract<WorkerRequest, {type: 'load'}>, 'id'> | Omit<Extract<WorkerRequest, {type: 'demo'}>, 'id'>} LoadMessage
 */
/** @typedef {'file' | 'demo'} TabName */
/** @typedef {'empty' | 'reading' | 'done' | 'failed' | 'cancelled'} TabState */
/**
 * One tab's connection to the core (see createSession).
 * @typedef {object} Session
 * @property {(message: LoadMessage) => number} load starts a load, cancelling earlier ones; returns its id
 * @property {(options: FileReportInput) => void} report asks for a report on the current load's data
 * @property {(choice: ThresholdChoice) => void} move asks for a threshold move (a ThresholdReport) at the last report's settings
 * @property {() => number} cancel drops the worker and its data; returns the id now current
 * @property {() => void} prepare starts the worker ahead of the first load, when none runs
 */
/**
 * The state a tab keeps for its current load.
 * @typedef {object} Tab
 * @property {TabName} name
 * @property {Session} session
 * @property {File | string | {demo: DemoInput} | null} source a File, pasted text, or {demo}
 * @property {string} sourceName
 * @property {TabState} state
 * @property {Report | null} report the last report of the current load
 * @property {Curves | null} curves its curves: reports without curves reuse them
 * @property {ErrorInfo | null} error why the current load failed
 * @property {ThresholdChoice | Record<string, never>} choice where the explorer stands ({}: the core's default)
 * @property {string | undefined} positive the positive class the user chose
 * @property {boolean} inFlight
 * @property {CurveDetail | 'move' | null} pending what was asked for while another answer was computed: a report (its curve detail) or a threshold move
 * @property {number} staleTimer
 */

/** @type {<K extends keyof PageElements>(id: K) => PageElements[K]} */
const $ = (id) => document.getElementById(id);

/** Most columns offered in the mapping lists: a line of 500,000 fields is a wrong delimiter, not 500,000 choices. */
const MAX_COLUMN_CHOICES = 1000;

/**
 * Pastes longer than this (in characters) are read straight from the
 * clipboard instead of going into the box: Chromium needs tens of seconds to
 * lay out megabytes of text in a textarea, and the worker reads them anyway.
 */
export const PASTE_BOX_LIMIT = 500_000;

/** Fields of a report request that belong to the explorer's goals: their errors show under the goals. */
const GOAL_FIELDS = new Set(['cost_fp', 'cost_fn', 'prevalence', 'target_recall', 'target_precision']);

/** @param {number} bytes */
function formatBytes(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/**
 * Fills a select with at most MAX_COLUMN_CHOICES options (long names shortened, full name as tooltip).
 * @param {HTMLSelectElement} select
 * @param {string[]} values
 * @param {string | null | undefined} selected
 */
function fillSelect(select, values, selected) {
  const shown = values.length > MAX_COLUMN_CHOICES ? values.slice(0, MAX_COLUMN_CHOICES) : values;
  const options = shown.map((v) => {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = labelText(v, 60);
    if (option.textContent !== v) option.title = v;
    option.selected = v === selected;
    return option;
  });
  replaceChildren(select, options);
}

/**
 * Whether the explorer has moved the threshold (`{}`: the core's default).
 * @param {ThresholdChoice | Record<string, never>} choice
 * @returns {choice is ThresholdChoice}
 */
const isChoice = (choice) => 'rank' in choice || 'threshold' in choice;

/** Ids are unique across tabs and only grow: a larger id is a later request. */
let lastId = 0;

/**
 * One tab's connection to the core: a worker of its own, and the id of its
 * current load. `load` cancels earlier loads: with `terminate`, a busy
 * worker is stopped and a fresh one started (a file read can run for
 * minutes); without, the load waits until the worker is idle and only the
 * latest waiting load is sent (the demo, whose sliders send many loads a
 * second). Answers of earlier loads never reach `onAnswer`.
 * @param {{terminate: boolean, onAnswer: (data: WorkerReply, isLoad: boolean) => void}} options
 * @returns {Session}
 */
function createSession({ terminate, onAnswer }) {
  /** @type {Worker | null} */
  let worker = null;
  let current = 0; // id of the current load
  let outstanding = 0; // requests sent to this worker and not yet answered
  /** @type {WorkerRequest | null} */
  let waiting = null; // a load to send once the worker is idle

  function spawn() {
    const fresh = startWorker('ingest');
    worker = fresh;
    outstanding = 0;
    fresh.onmessage = /** @param {MessageEvent<WorkerReply>} event */ ({ data }) => {
      if (data.type !== 'progress') outstanding -= 1;
      if (outstanding === 0 && waiting) {
        const next = waiting;
        waiting = null;
        send(next);
      }
      if (data.id >= current) onAnswer(data, data.id === current);
    };
    fresh.onerror = (event) => {
      event.preventDefault();
      stop();
      onAnswer({ type: 'error', id: current, error: { message: `The file reader stopped: ${event.message ?? 'it could not start'}`, kind: 'internal' } }, true);
    };
    return fresh;
  }

  /** @param {WorkerRequest} message */
  function send(message) {
    const to = worker ?? spawn();
    outstanding += 1;
    to.postMessage(message);
  }

  function stop() {
    worker?.terminate();
    worker = null;
    outstanding = 0;
    waiting = null;
  }

  return {
    prepare() {
      if (!worker) spawn();
    },
    load(message) {
      lastId += 1;
      current = lastId;
      /** @type {WorkerRequest} */
      const request = { ...message, id: current };
      if (outstanding > 0 && terminate) stop();
      if (outstanding > 0) waiting = request;
      else send(request);
      return current;
    },
    report(options) {
      lastId += 1;
      send({ type: 'report', id: lastId, report: options });
    },
    move(choice) {
      lastId += 1;
      send({ type: 'threshold', id: lastId, ...choice });
    },
    cancel() {
      stop();
      lastId += 1;
      current = lastId;
      return current;
    },
  };
}

/**
 * A tab with nothing loaded yet.
 * @param {TabName} name
 * @param {Session} session
 * @returns {Tab}
 */
function createTab(name, session) {
  return {
    name,
    session,
    source: null,
    sourceName: '',
    state: 'empty',
    report: null,
    curves: null,
    error: null,
    choice: {},
    positive: undefined,
    inFlight: false,
    pending: null,
    staleTimer: 0,
  };
}

/**
 * Wires the file and demo tabs.
 * @param {{settings: () => Settings, defaults: Pick<Defaults, 'max_classes'>, onDemoReport: (report: Report) => void}} hooks
 */
export function createFileMode({ settings, defaults, onDemoReport }) {
  /**
   * Each tab talks to the core through its own session (its own worker).
   * @param {TabName} name
   * @returns {Tab}
   */
  const newTab = (name) => {
    /** @type {Tab} */
    const tab = createTab(name, createSession({ terminate: name === 'file', onAnswer: (data, isLoad) => answer(tab, data, isLoad) }));
    return tab;
  };
  const tabs = { file: newTab('file'), demo: newTab('demo') };
  /** @type {TabName | null} */
  let active = null; // null while the counts tab is shown
  /** @type {IngestInput} */
  let ingestOptions = {};
  /** @type {number | undefined} */
  let maxClasses;

  const explorer = createExplorer({
    request: (next) => {
      const tab = active && tabs[active];
      if (!tab?.report) return;
      tab.choice = next;
      sendMove(tab);
    },
    goalsChanged: () => {
      const tab = active && tabs[active];
      if (tab?.report) sendReport(tab, 'none');
    },
  });

  /**
   * @param {Tab} tab
   * @param {CurveDetail} curves
   * @returns {FileReportInput}
   */
  function reportOptions(tab, curves) {
    // A threshold means nothing for predicted labels (the core would say it was ignored).
    const choice = tab.report && !tab.report.score_summary ? {} : tab.choice;
    return { ...settings(), ...explorer.goals(), ...choice, positive: tab.positive, curves };
  }

  /**
   * Asks for a report on the tab's loaded data; coalesces requests made while one is computed.
   * @param {Tab} tab
   * @param {CurveDetail} curves
   * @param {boolean} [force] ask even without a report (a failed load, retried with new settings)
   */
  function sendReport(tab, curves, force = false) {
    if (!tab.report && !force) return;
    if (tab.inFlight) {
      tab.pending = tab.pending === 'display' ? 'display' : curves;
      return;
    }
    tab.inFlight = true;
    tab.session.report(reportOptions(tab, curves));
  }

  /**
   * Asks for the report at the tab's threshold choice; while an answer is
   * computed, moves coalesce into one (the latest choice), so the worker is
   * never more than one move behind the pointer or the keys.
   * @param {Tab} tab
   */
  function sendMove(tab) {
    if (!tab.report) return;
    // Before the first score report (or on predicted labels) a full report decides.
    const choice = tab.choice;
    if (!tab.report.score_summary || !isChoice(choice)) {
      sendReport(tab, 'none');
      return;
    }
    if (tab.inFlight) {
      tab.pending ??= 'move';
      return;
    }
    tab.inFlight = true;
    tab.session.move(choice);
  }

  /**
   * The report at a new threshold: the move's numbers, with what a threshold
   * cannot change taken from the report shown (the same objects, so the
   * explorer knows its operating points and charts are unchanged).
   * @param {Report} shown
   * @param {ThresholdReport} moved
   * @returns {Report}
   */
  function withMove(shown, moved) {
    const summary = moved.score_summary && shown.score_summary
      ? { ...moved.score_summary, calibration: shown.score_summary.calibration, histogram: shown.score_summary.histogram }
      : shown.score_summary;
    const source = shown.source && { ...shown.source, threshold: moved.score_summary?.threshold ?? shown.source.threshold };
    return { ...moved, source, operating_points: shown.operating_points, score_summary: summary };
  }

  /**
   * Shows the tab's state in the shared panels (verdict, matrix, metrics,
   * explorer), if it is the tab shown. `withCurves`: hand the explorer the
   * tab's curves too (when the tab is shown again; a report without curves
   * otherwise keeps the curves drawn).
   * @param {Tab} tab
   * @param {boolean} [withCurves]
   */
  function display(tab, withCurves = false) {
    if (active !== tab.name) return;
    if (tab.report) {
      renderReport(tab.report);
      showStale(false);
      explorer.render(withCurves && tab.curves ? { ...tab.report, curves: tab.curves } : tab.report);
      return;
    }
    explorer.hide();
    showStale(false);
    const what = tab.name === 'demo' ? 'the demo data' : tab.sourceName || 'a file';
    /** @type {Record<Exclude<TabState, 'done'>, string>} */
    const headlines = {
      empty: tab.name === 'demo' ? 'No demo data yet.' : 'No file loaded yet: drop a CSV file of predictions, choose one, or paste its text.',
      reading: tab.name === 'demo' ? 'Making the demo data…' : `Reading ${labelText(what, 80)}…`,
      failed: tab.error && asksForPositive(tab.error)
        ? `No report yet: every example in ${labelText(what, 80)} has the same label. Name the positive class next to the file.`
        : `No report: ${labelText(what, 80)} could not be read. The reason is shown next to the file.`,
      cancelled: `No report: reading ${labelText(what, 80)} was cancelled.`,
    };
    // A tab whose load is done has a report (shown above).
    renderEmpty(headlines[tab.state === 'done' ? 'empty' : tab.state]);
  }

  /**
   * Handles an answer of the tab's current load (`isLoad`: to the load request itself).
   * @param {Tab} tab
   * @param {WorkerReply} data
   * @param {boolean} isLoad
   */
  function answer(tab, data, isLoad) {
    if (data.type === 'progress') {
      if (tab.name === 'file') progress(data);
      return;
    }
    tab.inFlight = false;
    clearTimeout(tab.staleTimer);
    if (data.type === 'threshold') {
      if (!tab.report) return; // cannot happen: a move is asked for on a report
      tab.report = withMove(tab.report, /** @type {ThresholdReport} */ (JSON.parse(data.json)));
      // Only what a move changes is written: an untouched node costs no layout.
      if (active === tab.name && $('goals-error').textContent !== '') $('goals-error').textContent = '';
      if (tab.name === 'file') {
        if ($('threshold-error').textContent !== '') $('threshold-error').textContent = '';
        const summary = summaryText(tab.report);
        if ($('file-summary').textContent !== summary) $('file-summary').textContent = summary;
        if (tab.report.score_summary && document.activeElement !== $('threshold')) {
          $('threshold').value = String(tab.report.score_summary.threshold);
        }
      } else if (active === 'demo') onDemoReport(tab.report);
      display(tab);
      sendPending(tab);
      return;
    }
    if (data.type === 'report') {
      tab.state = 'done';
      tab.error = null;
      tab.report = data.report;
      if (data.report.curves) tab.curves = data.report.curves;
      if (active === tab.name) $('goals-error').textContent = '';
      if (tab.name === 'file') {
        $('cancel').hidden = true;
        $('progress').dataset.state = 'done';
        clearError();
        showSource(data.report);
        if (data.report.score_summary && document.activeElement !== $('threshold')) {
          $('threshold').value = String(data.report.score_summary.threshold);
        }
      } else {
        $('demo-error').hidden = true;
        if (active === 'demo') onDemoReport(data.report);
      }
      display(tab);
      sendPending(tab);
      return;
    }
    // An error.
    tab.pending = null;
    const error = data.error;
    if (!isLoad && tab.report) {
      // A report on loaded data failed (a bad threshold or goal): the last
      // report stays, marked as belonging to the earlier settings.
      reportError(tab, error);
      if (active === tab.name) showStale(true);
      return;
    }
    tab.report = null;
    tab.curves = null;
    tab.error = error;
    tab.state = error.kind === 'cancelled' ? 'cancelled' : 'failed';
    if (tab.name === 'file') {
      $('cancel').hidden = true;
      $('progress').dataset.state = tab.state;
      $('file-summary').textContent = '';
      for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.binary-only, .score-only'))) el.hidden = true;
      $('positive-prompt').hidden = true;
      $('skipped').hidden = true;
      showError(tab, error);
    } else {
      $('demo-error').textContent = clipText(error.message);
      $('demo-error').hidden = false;
    }
    display(tab);
  }

  /**
   * Sends what was asked for while the last answer was computed.
   * @param {Tab} tab
   */
  function sendPending(tab) {
    const next = tab.pending;
    tab.pending = null;
    if (next === 'move') sendMove(tab);
    else if (next !== null) sendReport(tab, next);
  }

  /**
   * An error of a report on loaded data: next to the input that caused it.
   * @param {Tab} tab
   * @param {ErrorInfo} error
   */
  function reportError(tab, error) {
    if (error.field === 'threshold' && tab.name === 'file') $('threshold-error').textContent = clipText(error.message);
    else if (error.field !== undefined && GOAL_FIELDS.has(error.field)) $('goals-error').textContent = clipText(error.message);
    else if (tab.name === 'file') showError(tab, error);
    else {
      $('demo-error').textContent = clipText(error.message);
      $('demo-error').hidden = false;
    }
  }

  /**
   * Whether the core asks the user to name the positive class (a file with one distinct label).
   * @param {ErrorInfo} error
   */
  function asksForPositive(error) {
    return error.kind === 'need_positive';
  }

  /**
   * A failed load's error next to the file, with the buttons that can fix it.
   * @param {Tab} tab
   * @param {ErrorInfo} error
   */
  function showError(tab, error) {
    const box = $('file-error');
    let message = error.message;
    message = clipText(message);
    // Sentences end with a full stop; a mapping error is shown as the core wrote it
    // (the mapping prompt below repeats it, followed by what to do).
    if (error.kind !== 'need_mapping' && !/[.!?)]$/.test(message)) message += '.';
    if (error.kind === 'row') message += ' Fix the file, or choose to skip bad rows.';
    box.textContent = message;
    box.hidden = false;
    const actions = $('file-actions');
    const buttons = [];
    if (error.kind === 'too_many_classes') {
      const more = (maxClasses ?? defaults.max_classes) * 10;
      buttons.push(actionButton(`Continue anyway (allow up to ${grouped(more)} classes)`, () => {
        maxClasses = more;
        load();
      }));
    }
    if (error.kind === 'row' && !$('skip-bad').checked) {
      buttons.push(actionButton('Skip bad rows and continue', () => {
        $('skip-bad').checked = true;
        load();
      }));
    }
    if (asksForPositive(error)) buttons.push(...positiveForm(tab));
    replaceChildren(actions, buttons);
    actions.hidden = buttons.length === 0;
    if (error.kind === 'need_mapping' && error.columns) {
      showMapping(error.columns, null);
      const more = error.columns.length > MAX_COLUMN_CHOICES
        ? ` The file has ${grouped(error.columns.length)} columns; the first ${grouped(MAX_COLUMN_CHOICES)} are listed: is the delimiter right?`
        : '';
      $('mapping-prompt').textContent = `${clipText(error.message)}. Pick the columns below.${more}`;
      $('mapping-prompt').hidden = false;
    }
  }

  /**
   * @param {string} text
   * @param {() => void} onClick
   */
  function actionButton(text, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.addEventListener('click', onClick);
    return button;
  }

  /**
   * A box to name the positive class when the file holds only one label.
   * @param {Tab} tab
   */
  function positiveForm(tab) {
    const label = document.createElement('label');
    label.htmlFor = 'name-positive';
    label.textContent = 'Name of the positive class';
    const input = document.createElement('input');
    input.id = 'name-positive';
    input.type = 'text';
    input.spellcheck = false;
    input.value = tab.positive ?? '';
    const go = () => {
      if (input.value.trim() === '') return;
      tab.positive = input.value;
      clearError();
      sendReport(tab, 'display', true);
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    return [label, input, actionButton('Use this positive class', go)];
  }

  function clearError() {
    $('file-error').hidden = true;
    $('file-error').textContent = '';
    $('file-actions').hidden = true;
    replaceChildren($('file-actions'), []);
    $('threshold-error').textContent = '';
    $('goals-error').textContent = '';
  }

  /**
   * @param {string[]} columns
   * @param {SourceInfo | null} src
   */
  function showMapping(columns, src) {
    $('file-settings').hidden = false;
    fillSelect($('map-truth'), columns, src?.truth_column);
    const other = src?.score_column ?? src?.pred_column;
    fillSelect($('map-other'), columns, other);
    if (src) {
      $('map-kind').value = src.score_column ? 'score' : 'pred';
      $('has-header').checked = src.has_header;
    }
  }

  /** @param {string | null | undefined} name */
  const quote = (name) => `"${labelText(name, 60)}"`;

  /**
   * The line that says what was read from the file tab's file.
   * @param {Report} report
   */
  function summaryText(report) {
    const src = /** @type {SourceInfo} */ (report.source); // reports on files always have one
    const what = src.score_column ? `scores in ${quote(src.score_column)} at threshold ${src.threshold}` : `predictions in ${quote(src.pred_column)}`;
    return `${labelText(tabs.file.sourceName, 80)}: ${grouped(src.rows)} rows, true labels in ${quote(src.truth_column)}, ${what}; ${grouped(report.labels.length)} classes, compared as ${src.label_rule === 'numeric' ? 'numbers' : 'text'}.`;
  }

  /** @param {Report} report */
  function showSource(report) {
    const src = /** @type {SourceInfo} */ (report.source); // reports on files always have one
    showMapping(src.columns, src);
    $('file-summary').textContent = summaryText(report);
    const prompt = $('mapping-prompt');
    prompt.hidden = !src.mapping_guessed;
    prompt.textContent = src.mapping_guessed
      ? 'The columns were not recognised by name, so they were guessed from their position. Check them below.'
      : '';
    for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.score-only'))) el.hidden = !src.score_column;
    const binary = report.kind === 'binary';
    for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.binary-only'))) el.hidden = !binary;
    if (binary) fillSelect($('positive'), report.labels, report.pos_label);
    const posPrompt = $('positive-prompt');
    posPrompt.hidden = !src.positive_guessed;
    posPrompt.textContent = src.positive_guessed
      ? `Which label is the positive class? Neither ${quote(report.labels[0])} nor ${quote(report.labels[1])} reads as positive, so ${quote(report.pos_label)} was taken. Choose it above.`
      : '';
    const skipped = $('skipped');
    skipped.hidden = src.skipped_rows === 0;
    replaceChildren($('skipped-list'), src.skipped_samples.map((s) => {
      const li = document.createElement('li');
      li.textContent = clipText(s.message);
      return li;
    }));
  }

  /** @param {{bytes: number, total: number, rows: number, elapsedMs: number}} progress */
  function progress({ bytes, total, rows, elapsedMs }) {
    $('progress').hidden = false;
    $('progress-bar').max = total || 1;
    $('progress-bar').value = bytes;
    const rate = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
    $('progress-text').textContent = `${grouped(rows)} rows · ${formatBytes(bytes)} of ${formatBytes(total)} · ${rate.toFixed(0)} MB/s`;
  }

  function currentIngestOptions() {
    /** @type {IngestInput} */
    const options = { skipBadRows: $('skip-bad').checked };
    if ($('delimiter').value) options.delimiter = $('delimiter').value;
    if (maxClasses) options.maxClasses = maxClasses;
    return options;
  }

  /**
   * Starts the tab's new load: earlier loads are cancelled, their report and
   * curves dropped. If it takes a moment, the report on screen is marked as
   * belonging to the earlier data.
   * @param {Tab} tab
   * @param {LoadMessage} message
   */
  function beginLoad(tab, message) {
    const hadReport = tab.report !== null;
    tab.report = null;
    tab.curves = null;
    tab.error = null;
    tab.inFlight = false;
    tab.pending = null;
    tab.state = 'reading';
    if (active === tab.name) explorer.forgetCurves();
    clearTimeout(tab.staleTimer);
    if (!hadReport) display(tab);
    tab.staleTimer = setTimeout(() => {
      if (!hadReport || active !== tab.name || tab.state !== 'reading') return;
      explorer.hide();
      showStale(true, tab.name === 'demo'
        ? 'Making the new demo data: the results below belong to the previous data.'
        : `Reading ${labelText(tab.sourceName, 80)}: the results below belong to the previous data.`);
    }, 150);
    tab.session.load(message);
  }

  /** (Re)reads the file tab's source with the current options. */
  function load() {
    const tab = tabs.file;
    const source = tab.source;
    if (source === null || (typeof source === 'object' && 'demo' in source)) return;
    clearError();
    $('progress').dataset.state = 'reading';
    $('cancel').hidden = false;
    progress({ bytes: 0, total: typeof source === 'string' ? source.length : source.size, rows: 0, elapsedMs: 0 });
    beginLoad(tab, { type: 'load', source, ingest: { ...currentIngestOptions(), ...ingestOptions }, report: reportOptions(tab, 'display') });
  }

  /**
   * Makes the demo data set in the demo tab's worker and reports on it.
   * @param {DemoInput} demo
   * @param {number} [threshold] where the explorer starts (from a link)
   */
  function loadDemo(demo, threshold) {
    const tab = tabs.demo;
    tab.source = { demo };
    tab.sourceName = 'Demo data';
    if (threshold !== undefined) tab.choice = { threshold };
    $('demo-error').hidden = true;
    beginLoad(tab, { type: 'demo', demo, report: reportOptions(tab, 'display') });
  }

  /**
   * @param {File | string} newSource
   * @param {string} name
   */
  function start(newSource, name) {
    const tab = tabs.file;
    tab.source = newSource;
    tab.sourceName = name;
    tab.positive = undefined;
    tab.choice = {};
    ingestOptions = {};
    maxClasses = undefined;
    $('skip-bad').checked = false;
    $('delimiter').value = '';
    // The settings shown belong to the previous file: the new file's come with its report.
    $('file-settings').hidden = true;
    load();
  }

  /** Recomputes the shown tab's report from its loaded columns (task, bars, beta). */
  function refresh() {
    const tab = active && tabs[active];
    if (tab) sendReport(tab, 'none');
  }

  function thresholdTyped() {
    const threshold = $('threshold').value.trim();
    if (threshold === '' || !Number.isFinite(Number(threshold))) {
      $('threshold-error').textContent = `threshold: "${clipText(threshold, 40)}" is not a number`;
      return;
    }
    $('threshold-error').textContent = '';
    tabs.file.choice = { threshold: Number(threshold) };
    sendMove(tabs.file);
  }

  function remap() {
    const other = $('map-other').value;
    const scores = $('map-kind').value === 'score';
    // The core refuses the same column twice (need_mapping, with its message).
    ingestOptions = { truth: $('map-truth').value, hasHeader: $('has-header').checked, ...(scores ? { score: other } : { pred: other }) };
    // A threshold set on scores means nothing for predicted labels (the core would say it was ignored).
    if (!scores) tabs.file.choice = {};
    load();
  }

  const fileInput = $('file-input');
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Emptied at once, so that choosing the same file again (after a cancel,
    // an error or a fix on disk) is a change and reads it again.
    fileInput.value = '';
    if (file) start(file, file.name);
  });
  const drop = $('dropzone');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const file = e.dataTransfer?.files?.[0];
    if (file) start(file, file.name);
  });
  $('paste-text').addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= PASTE_BOX_LIMIT) return;
    // Too large to lay out in the box: read it as a file would be read.
    e.preventDefault();
    $('paste-note').textContent = `${formatBytes(text.length)} of pasted text: too large to show in the box, so it is read directly. For larger data, choose the file instead.`;
    $('paste-note').hidden = false;
    start(text, 'Pasted text');
  });
  $('paste-text').addEventListener('input', () => { $('paste-note').hidden = true; });
  $('paste-go').addEventListener('click', () => start($('paste-text').value, 'Pasted text'));
  $('cancel').addEventListener('click', () => {
    const tab = tabs.file;
    if (tab.state !== 'reading') return;
    const id = tab.session.cancel();
    $('progress-text').textContent += ' — cancelled';
    answer(tab, { type: 'error', id, error: { message: 'Reading was cancelled.', kind: 'cancelled' } }, true);
  });
  for (const id of /** @type {const} */ (['map-truth', 'map-kind', 'map-other'])) $(id).addEventListener('change', remap);
  $('has-header').addEventListener('change', () => {
    ingestOptions = { hasHeader: $('has-header').checked };
    load();
  });
  $('delimiter').addEventListener('change', load);
  $('skip-bad').addEventListener('change', load);
  $('threshold').addEventListener('input', thresholdTyped);
  // A new positive class re-sorts the scores: ask for fresh curves too.
  $('positive').addEventListener('change', () => {
    tabs.file.positive = $('positive').value;
    sendReport(tabs.file, 'display');
  });

  return {
    refresh,
    loadDemo,
    /**
     * Shows a tab's own state ('file' or 'demo'), or hands the shared panels back (null: the counts tab).
     * @param {TabName | null} name
     */
    show(name) {
      active = name;
      // The file tab's worker starts now, not when a file is picked: 25–30 ms
      // of a pick's wait (helper-46's trace, 3 December 2026).
      if (name === 'file') tabs.file.session.prepare();
      explorer.forgetCurves();
      if (name) display(tabs[name], true);
      else explorer.hide();
    },
    /** Whether the demo tab has made (or is making) its data. */
    demoStarted: () => tabs.demo.state !== 'empty',
  };
}
