// The comparison's JSON and wasm shapes as /work/wt/COMPARE_CONTRACT.md
// draws them, for the type-check of the Compare tab until the lead's
// www/pkg/fitcheck.d.ts (generated from src/wasm/types.rs) carries them.
// Then the page imports them from './pkg/fitcheck.js' and this file goes.

import type { Report, MetricId, Warning, ErrorInfo, SettingsInput, NumberInput } from './pkg/fitcheck.js';

/** B − A judged by its interval: the interval excludes 0 (better / worse) or not. */
export type CompareOutcome = "better" | "worse" | "no_detectable_difference";

/** One row of the side-by-side table, in display order. */
export interface ComparisonDifference {
    id: MetricId; name: string;
    a: number | null; b: number | null; delta: number | null;
    ci: [number, number] | null;     // paired bootstrap percentile CI of b − a
    direction: string;               // "higher_is_better" | "lower_is_better" | …
    outcome: CompareOutcome | null;
}
/** Multiclass: F1 of each class under A and B. */
export interface ComparisonClassRow { label: string; f1_a: number | null; f1_b: number | null; delta_f1: number | null; support: number }
/** McNemar's test on the discordant pairs (a_only: A right, B wrong). */
export interface McNemar {
    both_right: number; a_only: number; b_only: number; both_wrong: number;
    exact_p: number; mid_p: number;
    chi2: number | null; chi2_p: number | null; chi2_corrected: number | null; chi2_corrected_p: number | null;
    undefined?: Record<string, string>;
}
/** DeLong's test for two correlated ROC AUCs. */
export interface DeLong { auc_a: number; auc_b: number; var_a: number; var_b: number; covariance: number; z: number; p: number; ci: [number, number] }
/** The paired bootstrap behind the intervals. */
export interface ComparisonBootstrap {
    resamples: number; seed: number; confidence: number; method: string;
    delta: { [id: string]: { estimate: number | null; ci: [number, number] | null } };
}
/** What this test set can detect (McNemar's power, Connor 1987). */
export interface ComparisonPower { method: string; detectable_gain: number | null; examples_for_one_point: number | null; undefined?: string }
/** One flipped example, values as text. */
export interface FlipRow { line: number; truth: string; a: string; b: string }
/** The examples that flipped: a_only got worse (A right → B wrong), b_only got better. */
export interface Flips {
    a_only: number; b_only: number;
    a_only_lines: number[]; b_only_lines: number[];
    a_only_rows: FlipRow[]; b_only_rows: FlipRow[];
}
/** The comparison's verdict in words. */
export interface ComparisonVerdict { status: CompareOutcome; headline: string; reasons: string[] }
/** One model's column and what it holds. */
export interface ComparisonModelSource { column: string; kind: "score" | "label"; kind_guessed: boolean }
/** Where the comparison's numbers came from. */
export interface ComparisonSource {
    form: "one_file" | "two_files"; files: string[]; truth: string;
    a: ComparisonModelSource; b: ComparisonModelSource;
}
/** JSON `kind: "comparison"`: two models on the same rows. */
export interface Comparison {
    kind: "comparison"; n: number; models: [string, string]; task_kind: "binary" | "multiclass";
    a: Report; b: Report;
    delta: { [id: string]: number | null };
    differences: ComparisonDifference[];
    per_class?: ComparisonClassRow[];
    mcnemar: McNemar;
    delong?: DeLong;
    delong_undefined?: string;
    bootstrap: ComparisonBootstrap;
    power: ComparisonPower;
    flips: Flips;
    verdict: ComparisonVerdict;
    warnings: Warning[];
    source: ComparisonSource;
    options: { resamples?: number; seed?: number; threshold?: number; positive?: string; [key: string]: unknown };
}
/** The paired test at one end of what two sets of counts allow. */
export interface DiscordantEnd { a_only: number; b_only: number; exact_p: number; mid_p: number }
/** A difference between two sets of counts, with its unpaired interval. */
export interface UnpairedDelta { delta: number | null; ci: [number, number] | null; method: string }
/** JSON `kind: "counts_comparison"`: two sets of four counts, no rows. */
export interface CountsComparison {
    kind: "counts_comparison"; n: number; a: Report; b: Report;
    delta: { [id: string]: number | null };
    discordant: { min: DiscordantEnd; max: DiscordantEnd };
    unpaired: { [id: string]: UnpairedDelta };
    advice: string;
    verdict: ComparisonVerdict; warnings: Warning[];
}
/** Report options of a comparison (all optional; the core's defaults otherwise). */
export interface CompareOptions extends Pick<SettingsInput, "threshold" | "positive" | "task" | "beta"> {
    resamples?: NumberInput; seed?: NumberInput; curves?: "full" | "none";
}
/** How to read the one or two files. */
export interface CompareReadOptions {
    delimiter?: string; hasHeader?: boolean;
    truth?: string | number; a?: string | number; b?: string | number;
    aKind?: "score" | "label"; bKind?: "score" | "label";
}
/** The four counts of each model and the shared settings, as typed. */
export interface CompareCountsInput extends Pick<SettingsInput, "task" | "beta"> {
    a: { tp: string; fn: string; fp: string; tn: string };
    b: { tp: string; fn: string; fp: string; tn: string };
}
/** Messages the page sends to www/compare-worker.js. */
export type CompareWorkerRequest =
| { type: "load"; id: number; sources: (Blob | string)[]; names: string[]; read?: CompareReadOptions; report?: CompareOptions }
| { type: "report"; id: number; report?: CompareOptions }
| { type: "flips"; id: number }
| { type: "markdown"; id: number; report?: CompareOptions }
| { type: "cancel"; id?: number };
/** Messages the comparison worker sends back; `id` is that of the request answered. */
export type CompareWorkerReply =
| { type: "progress"; id: number; bytes: number; total: number; rows: number; elapsedMs: number; file?: number }
| { type: "report"; id: number; report: string; elapsedMs?: number }
| { type: "flips"; id: number; csv: string }
| { type: "markdown"; id: number; markdown: string }
| { type: "error"; id: number; error: ErrorInfo };
