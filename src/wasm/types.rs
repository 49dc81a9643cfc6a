//! The TypeScript shapes of what crosses the boundary, emitted into
//! `www/pkg/fitcheck.d.ts` by wasm-bindgen. Keep them in step with
//! `docs/json-contract.md` and the boundary structs in `mod.rs`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A number, or text as typed (spaces trimmed; an empty box means "not given"). */
export type NumberInput = number | string;
/** Every setting, each optional: the core fills the defaults (see `defaults()`). */
export interface SettingsInput {
  beta?: NumberInput; task?: "balanced" | "false_alarms_costly" | "misses_costly";
  minPrecision?: NumberInput; minRecall?: NumberInput; minF1?: NumberInput;
  threshold?: NumberInput; rank?: NumberInput;   // rank: slider position among distinct scores (overrides threshold)
  positive?: string;
  costFp?: NumberInput; costFn?: NumberInput; prevalence?: NumberInput; targetRecall?: NumberInput; targetPrecision?: NumberInput;
  curves?: "none" | "display" | "complete";
  maxClasses?: NumberInput;
}
/** Settings for a report on a loaded file. */
export type FileReportInput = SettingsInput;
/** Text of the four count fields as typed, plus the task settings. */
export interface CountsInput extends SettingsInput {
  tp: string; fn: string; fp: string; tn: string;
}
/** What `defaults()` returns: every default and limit, and the tasks. */
export interface Defaults {
  beta: number; max_beta: number; task: string; min_precision: number; min_recall: number; min_f1: number;
  threshold: number; cost_fp: number; cost_fn: number; target_recall: number; target_precision: number;
  max_classes: number; max_demo_size: number;
  demo: { separation: number; prevalence: number; size: number; seed: number };
  tasks: { id: string; description: string; watch: string; watch_name: string }[];
}
/** The report of ../shared/design.md (same JSON as `fitcheck --json`). */
export interface Report {
  kind: "binary" | "multiclass"; n: number; pos_label?: string; labels: string[];
  confusion: number[][]; counts?: { tp: number; fn: number; fp: number; tn: number };
  metrics: Record<string, number | null>; intervals: Record<string, [number, number]>;
  undefined: Record<string, string>;
  per_class: { label: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
  averages: Record<"macro" | "weighted" | "micro", { precision: number; recall: number; f1: number }>;
  significance: { no_information_rate: number | null; accuracy_p_value: number | null; test: string };
  warnings: { id: string; severity: "low" | "medium" | "high"; message: string }[];
  explanations: Record<string, { name: string; formula: string; meaning: string; when: string; interval_method?: string }>;
  verdict: { status: "fit" | "borderline" | "not_fit"; task: string; watch: string; headline: string; reasons: string[] };
}
/** How to read a CSV file; everything is detected when left out. */
export interface IngestInput {
  delimiter?: string; hasHeader?: boolean;
  truth?: string | number; pred?: string | number; score?: string | number;  // header name or 1-based number
  skipBadRows?: boolean; maxClasses?: NumberInput;
  expectedBytes?: number;   // the file's size, so columns are allocated once
}
/** The teaching demo: class separation d′ (0–6), prevalence (0–1), size (10–1,000,000), seed. */
export interface DemoInput { separation?: NumberInput; prevalence?: NumberInput; size?: NumberInput; seed?: NumberInput }
/** Thrown errors carry `kind` ("row", "file", "need_mapping", "too_many_classes", "invalid_count", ...),
 *  and when known the input `field`, the file `line`, and the `columns` to choose from. */
export interface FitcheckError extends Error { kind: string; field?: string; line?: number; columns?: string[] }
"#;
