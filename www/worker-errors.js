// @ts-check
// What the workers post when a request fails: the core's error as a plain
// object (`Error`s do not survive postMessage), shared by every worker.

/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */

/**
 * @param {any} err what was thrown: a FitcheckError from the core, or anything else
 * @returns {ErrorInfo}
 */
export function errorInfo(err) {
  return {
    message: err?.message ?? String(err),
    kind: err?.kind ?? 'internal',
    line: err?.line,
    columns: err?.columns,
    field: err?.field,
  };
}
