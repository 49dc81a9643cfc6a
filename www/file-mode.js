// The "Load a predictions file" and "Demo data" panels: picks, drops or
// pastes a CSV (or makes the demo data set), sends it to the ingest worker,
// shows progress with a cancel button, offers the column mapping, threshold
// and positive class, drives the threshold explorer, and hands reports to the
// page's renderer. No parsing or metric math here: the worker runs the core.

import { createExplorer } from './explorer.js';

const $ = (id) => document.getElementById(id);

function formatBytes(bytes) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

function fillSelect(select, values, selected) {
  select.replaceChildren(...values.map((v) => {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = v;
    option.selected = v === selected;
    return option;
  }));
}

/**
 * Wires the file panel.
 * @param {{settings: () => object, defaults: {max_classes: number}, onReport: (report: object) => void, onError: () => void}} hooks
 */
export function createFileMode({ settings, defaults, onReport, onError }) {
  const worker = new Worker(new URL('./ingest-worker.js', import.meta.url), { type: 'module' });
  let source = null; // the File or pasted text last loaded
  let sourceName = '';
  let requestId = 0;
  let ingestOptions = {};
  let lastReport = null;
  let maxClasses;
  let choice = {}; // {threshold} or {rank}: where the explorer stands ({}: the core's default)
  let inFlight = false;
  let pending = null; // the curve detail of a report asked for while another was computed
  const explorer = createExplorer({
    request: (next) => {
      choice = next;
      sendReport('none');
    },
    goalsChanged: () => sendReport('none'),
  });

  function reportOptions(curves) {
    return {
      ...settings(),
      ...explorer.goals(),
      // A threshold means nothing for predicted labels (the core would say it was ignored).
      ...(lastReport && !lastReport.score_summary ? {} : choice),
      positive: lastReport?.kind === 'binary' ? $('positive').value || undefined : undefined,
      curves,
    };
  }

  /** Asks for a report on the loaded data; coalesces requests made while one is computed. */
  function sendReport(curves) {
    if (!lastReport) return;
    if (inFlight) {
      pending = pending === 'display' ? 'display' : curves;
      return;
    }
    inFlight = true;
    requestId += 1;
    worker.postMessage({ type: 'report', id: requestId, report: reportOptions(curves) });
  }

  function showError(error) {
    const box = $('file-error');
    const where = error.kind === 'row' || error.kind === 'too_many_classes' ? ' Fix the file, or choose to skip bad rows.' : '';
    box.textContent = error.kind === 'too_many_classes' ? error.message : error.message + (error.kind === 'row' ? where : '');
    box.hidden = false;
    const actions = $('file-actions');
    actions.replaceChildren();
    actions.hidden = true;
    if (error.kind === 'too_many_classes') {
      const more = (maxClasses ?? defaults.max_classes) * 10;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Continue anyway (allow up to ${more.toLocaleString('en-US')} classes)`;
      button.addEventListener('click', () => {
        maxClasses = more;
        load();
      });
      actions.append(button);
      actions.hidden = false;
    }
    if (error.kind === 'row' && !$('skip-bad').checked) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Skip bad rows and continue';
      button.addEventListener('click', () => {
        $('skip-bad').checked = true;
        load();
      });
      actions.append(button);
      actions.hidden = false;
    }
    if (error.kind === 'need_mapping' && error.columns) {
      showMapping(error.columns, null);
      $('mapping-prompt').textContent = `${error.message}. Pick the columns below.`;
      $('mapping-prompt').hidden = false;
    }
    if (error.field === 'threshold') $('threshold-error').textContent = error.message;
    onError(error);
  }

  function clearError() {
    $('file-error').hidden = true;
    $('file-error').textContent = '';
    $('file-actions').hidden = true;
    $('threshold-error').textContent = '';
  }

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

  function showSource(report) {
    const src = report.source;
    showMapping(src.columns, src);
    const what = src.score_column ? `scores in "${src.score_column}" at threshold ${src.threshold}` : `predictions in "${src.pred_column}"`;
    $('file-summary').textContent = `${sourceName}: ${src.rows.toLocaleString('en-US')} rows, true labels in "${src.truth_column}", ${what}; ${report.labels.length} classes, compared as ${src.label_rule === 'numeric' ? 'numbers' : 'text'}.`;
    const prompt = $('mapping-prompt');
    prompt.hidden = !src.mapping_guessed;
    prompt.textContent = src.mapping_guessed
      ? 'The columns were not recognised by name, so they were guessed from their position. Check them below.'
      : '';
    for (const el of document.querySelectorAll('.score-only')) el.hidden = !src.score_column;
    const binary = report.kind === 'binary';
    for (const el of document.querySelectorAll('.binary-only')) el.hidden = !binary;
    if (binary) fillSelect($('positive'), report.labels, report.pos_label);
    const posPrompt = $('positive-prompt');
    posPrompt.hidden = !src.positive_guessed;
    posPrompt.textContent = src.positive_guessed
      ? `Which label is the positive class? Neither "${report.labels[0]}" nor "${report.labels[1]}" reads as positive, so "${report.pos_label}" was taken. Choose it above.`
      : '';
    const skipped = $('skipped');
    skipped.hidden = src.skipped_rows === 0;
    $('skipped-list').replaceChildren(...src.skipped_samples.map((s) => {
      const li = document.createElement('li');
      li.textContent = s.message;
      return li;
    }));
  }

  function progress({ bytes, total, rows, elapsedMs }) {
    $('progress').hidden = false;
    $('progress-bar').max = total || 1;
    $('progress-bar').value = bytes;
    const rate = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
    $('progress-text').textContent = `${rows.toLocaleString('en-US')} rows · ${formatBytes(bytes)} of ${formatBytes(total)} · ${rate.toFixed(0)} MB/s`;
  }

  worker.onmessage = ({ data }) => {
    if (data.id !== requestId) return; // an answer to a superseded request
    if (data.type === 'progress') progress(data);
    else if (data.type === 'report') {
      inFlight = false;
      $('cancel').hidden = true;
      $('progress').dataset.state = 'done';
      clearError();
      lastReport = data.report;
      showSource(data.report);
      if (data.report.score_summary && document.activeElement !== $('threshold')) {
        $('threshold').value = String(data.report.score_summary.threshold);
      }
      explorer.render(data.report);
      onReport(data.report);
      if (pending !== null) {
        const curves = pending;
        pending = null;
        sendReport(curves);
      }
    } else if (data.type === 'error') {
      inFlight = false;
      pending = null;
      $('cancel').hidden = true;
      $('progress').dataset.state = data.error.kind === 'cancelled' ? 'cancelled' : 'failed';
      if (data.error.kind === 'cancelled') $('progress-text').textContent += ' — cancelled';
      showError(data.error);
    }
  };
  worker.onerror = (event) => showError({ message: `The file reader stopped: ${event.message}`, kind: 'internal' });

  function currentIngestOptions() {
    const options = { skipBadRows: $('skip-bad').checked };
    if ($('delimiter').value) options.delimiter = $('delimiter').value;
    if (maxClasses) options.maxClasses = maxClasses;
    return options;
  }

  /** Starts a new read: earlier answers become stale, old curves are dropped. */
  function beginReading() {
    requestId += 1;
    inFlight = false;
    pending = null;
    explorer.forgetCurves();
    clearError();
    $('progress').dataset.state = 'reading';
  }

  /** (Re)reads the current source with the current options. */
  function load() {
    if (source === null) return;
    if (source.demo) {
      loadDemo(source.demo);
      return;
    }
    beginReading();
    $('cancel').hidden = false;
    progress({ bytes: 0, total: typeof source === 'string' ? source.length : source.size, rows: 0, elapsedMs: 0 });
    worker.postMessage({ type: 'load', id: requestId, source, ingest: { ...currentIngestOptions(), ...ingestOptions }, report: reportOptions('display') });
  }

  /** Makes the demo data set in the worker and reports on it. */
  function loadDemo(demo, threshold) {
    source = { demo };
    sourceName = 'Demo data';
    if (threshold !== undefined) choice = { threshold };
    beginReading();
    worker.postMessage({ type: 'demo', id: requestId, demo, report: reportOptions('display') });
  }

  function start(newSource, name) {
    source = newSource;
    sourceName = name;
    ingestOptions = {};
    maxClasses = undefined;
    lastReport = null;
    choice = {};
    $('skip-bad').checked = false;
    $('delimiter').value = '';
    load();
  }

  /** Recomputes the report from the loaded columns (task, bars, beta). */
  function refresh() {
    sendReport('none');
  }

  function thresholdTyped() {
    const threshold = $('threshold').value.trim();
    if (threshold === '' || !Number.isFinite(Number(threshold))) {
      $('threshold-error').textContent = `threshold: "${threshold}" is not a number`;
      return;
    }
    $('threshold-error').textContent = '';
    choice = { threshold: Number(threshold) };
    sendReport('none');
  }

  function remap() {
    const kind = $('map-kind').value;
    // The core refuses the same column twice (need_mapping, with its message).
    ingestOptions = { truth: $('map-truth').value, hasHeader: $('has-header').checked, [kind]: $('map-other').value };
    load();
  }

  $('file-input').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
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
  $('paste-go').addEventListener('click', () => start($('paste-text').value, 'Pasted text'));
  $('cancel').addEventListener('click', () => worker.postMessage({ type: 'cancel' }));
  for (const id of ['map-truth', 'map-kind', 'map-other']) $(id).addEventListener('change', remap);
  $('has-header').addEventListener('change', () => {
    ingestOptions = { hasHeader: $('has-header').checked };
    load();
  });
  $('delimiter').addEventListener('change', load);
  $('skip-bad').addEventListener('change', load);
  $('threshold').addEventListener('input', thresholdTyped);
  // A new positive class re-sorts the scores: ask for fresh curves too.
  $('positive').addEventListener('change', () => sendReport('display'));

  return {
    refresh,
    loadDemo,
    hasReport: () => lastReport !== null,
    lastReport: () => lastReport,
    isDemo: () => Boolean(source?.demo),
  };
}
