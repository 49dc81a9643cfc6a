// The counts comparison's JSON and wasm input as /work/wt/COMPARE_CONTRACT.md
// draws them, for the type-check of the calculator's "Compare with another
// model" until www/pkg/fitcheck.d.ts (generated from src/wasm/types.rs)
// carries them. Then compare-counts.js imports them from './pkg/fitcheck.js'
// and this file goes.

import type { Report, Warning, SettingsInput } from './pkg/fitcheck.js';

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
    verdict: { status: "better" | "worse" | "no_detectable_difference"; headline: string; reasons: string[] };
    warnings: Warning[];
}
/** The four counts of each model and the shared settings, as typed. */
export interface CompareCountsInput extends Pick<SettingsInput, "task" | "beta"> {
    a: { tp: string; fn: string; fp: string; tn: string };
    b: { tp: string; fn: string; fp: string; tn: string };
}
