//! The TypeScript shapes of what crosses the boundary, emitted into
//! `www/pkg/fitcheck.d.ts` by wasm-bindgen. Keep them in step with
//! `docs/json-contract.md` and the boundary structs in `mod.rs`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Text of the four count fields as typed, plus the task settings. */
export interface CountsInput {
  tp: string; fn: string; fp: string; tn: string;
  beta?: string;            // default "1"
  task?: "balanced" | "false_alarms_costly" | "misses_costly";
  minPrecision?: number; minRecall?: number; minF1?: number;  // defaults 0.85
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
  skipBadRows?: boolean; maxClasses?: number;
  expectedBytes?: number;   // the file's size, so columns are allocated once
}
/** Task settings plus, for files, the threshold and the positive label. */
export interface FileReportInput {
  beta?: string; task?: string; minPrecision?: number; minRecall?: number; minF1?: number;
  threshold?: number; rank?: number;      // rank: slider position among distinct scores (overrides threshold)
  positive?: string;
  costFp?: number; costFn?: number; prevalence?: number; targetRecall?: number; targetPrecision?: number;
  curves?: "none" | "display" | "complete";
}
/** The teaching demo: class separation d′ (0–6), prevalence (0–1), size (10–1,000,000), seed. */
export interface DemoInput { separation?: number; prevalence?: number; size?: number; seed?: number }
/** Thrown errors carry `kind` ("row", "file", "need_mapping", "too_many_classes", "invalid_count", ...),
 *  and when known the input `field`, the file `line`, and the `columns` to choose from. */
export interface FitcheckError extends Error { kind: string; field?: string; line?: number; columns?: string[] }
"#;
