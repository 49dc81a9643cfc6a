// @ts-check
// The training report's shapes as the page reads them (TRAINING_CONTRACT.md,
// src/report/training_contract.rs). Types only: nothing here runs. They stand
// in until the core's TypeScript shapes (www/pkg/fitcheck.d.ts) carry them.

/** @typedef {import('./pkg/fitcheck.js').Warning} Warning */
/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */
/** @typedef {'train_loss' | 'val_loss' | 'val_metric' | 'learning_rate' | 'other'} SeriesRole */
/**
 * One logged series: values as logged (`null` where not finite) and smoothed as TensorBoard smooths them.
 * @typedef {{role: SeriesRole, x: number[], y: (number | null)[], smoothed: (number | null)[], points: number, complete: boolean}} TrainingSeries
 */
/**
 * @typedef {{index: number, x: number, value: number}} TrainingBest
 * @typedef {{best_metric: number | null, best_model_checkpoint: string | null, best_global_step: number | null, agrees: boolean | null}} HfBest
 * @typedef {{patience: number, min_delta: number, stopped_index: number | null, stopped_x: number | null,
 *   best_index: number | null, best_x: number | null, best_value: number | null}} EarlyStoppingResult
 * @typedef {{status: 'healthy' | 'watch' | 'unhealthy', headline: string, reasons: string[], checkpoint: number | null}} TrainingVerdict
 * @typedef {{patience: number, min_delta: number}} Preset
 * @typedef {{monitor: string | null, mode: 'min' | 'max', mode_inferred: boolean, patience: number, min_delta: number, smoothing: number,
 *   presets: Record<string, Preset>}} TrainingOptionsInForce
 */
/**
 * The report (`kind: "training"`).
 * @typedef {{kind: 'training', format: string, x: 'step' | 'epoch', files: string[], series: Record<string, TrainingSeries>,
 *   monitor: string | null, mode: 'min' | 'max', best: TrainingBest | null, hf_best?: HfBest, early_stopping: EarlyStoppingResult,
 *   findings: Record<string, unknown>, warnings: Warning[], verdict: TrainingVerdict, summary?: Record<string, number>,
 *   options: TrainingOptionsInForce}} TrainingReport
 */
/**
 * What the page asks of `LoadedTraining.report` (empty fields take the core's defaults).
 * @typedef {{monitor?: string, mode?: 'min' | 'max', patience?: number | string, minDelta?: number | string, smoothing?: number | string,
 *   curves?: 'display' | 'none'}} TrainingInput
 */
/**
 * Messages the page sends to `www/training-worker.js`.
 * @typedef {{type: 'load', id: number, sources: (Blob | string)[], names: string[], report?: TrainingInput}
 *   | {type: 'report', id: number, report?: TrainingInput}
 *   | {type: 'markdown', id: number}
 *   | {type: 'cancel', id?: number}} TrainingWorkerRequest
 */
/**
 * Messages the training worker sends back; `id` is that of the request answered.
 * @typedef {{type: 'progress', id: number, bytes: number, total: number, rows: number, elapsedMs: number, file?: number}
 *   | {type: 'report', id: number, report: TrainingReport, elapsedMs?: number}
 *   | {type: 'markdown', id: number, markdown: string}
 *   | {type: 'error', id: number, error: ErrorInfo}} TrainingWorkerReply
 */

export {};
