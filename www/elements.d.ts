// The elements of index.html that the page's scripts look up by id, with
// their types, so `document.getElementById("threshold").value` type-checks
// (and is not null: the markup always has them). Checked against index.html
// by tests/browser/elements.test.mjs. Ids built at run time (`${field}-error`)
// fall back to the usual `HTMLElement | null`.

/** Element type of each id in index.html that the scripts use. */
interface PageElements {
    "url-note": HTMLParagraphElement;
    "tp": HTMLInputElement;
    "fn": HTMLInputElement;
    "fp": HTMLInputElement;
    "tn": HTMLInputElement;
    "beta": HTMLInputElement;
    "min_precision": HTMLInputElement;
    "min_recall": HTMLInputElement;
    "min_f1": HTMLInputElement;
    "counts-form": HTMLFormElement;
    "settings-form": HTMLFormElement;
    "bars-summary": HTMLSpanElement;
    "share": HTMLButtonElement;
    "share-status": HTMLSpanElement;
    "core-version": HTMLSpanElement;
    "tab-counts": HTMLButtonElement;
    "tab-file": HTMLButtonElement;
    "tab-demo": HTMLButtonElement;
    "file-panel": HTMLDivElement;
    "demo-panel": HTMLDivElement;
    "stale": HTMLParagraphElement;
    "form-error": HTMLParagraphElement;
    "verdict": HTMLDivElement;
    "warnings": HTMLDivElement;
    "matrix": HTMLDivElement;
    "matrix-hint": HTMLParagraphElement;
    "matrix-view": HTMLDivElement;
    "per-class-panel": HTMLElement;
    "per-class-pager": HTMLDivElement;
    "per-class-range": HTMLSpanElement;
    "per-class-prev": HTMLButtonElement;
    "per-class-next": HTMLButtonElement;
    "demo-separation": HTMLInputElement;
    "demo-prevalence": HTMLInputElement;
    "demo-size": HTMLSelectElement;
    "demo-seed": HTMLInputElement;
    "demo-separation-value": HTMLOutputElement;
    "demo-prevalence-value": HTMLOutputElement;
    "demo-new": HTMLButtonElement;
    "demo-error": HTMLParagraphElement;
    "file-input": HTMLInputElement;
    "dropzone": HTMLDivElement;
    "paste-text": HTMLTextAreaElement;
    "paste-go": HTMLButtonElement;
    "paste-note": HTMLParagraphElement;
    "cancel": HTMLButtonElement;
    "progress": HTMLDivElement;
    "progress-bar": HTMLProgressElement;
    "progress-text": HTMLSpanElement;
    "file-error": HTMLParagraphElement;
    "file-actions": HTMLDivElement;
    "file-settings": HTMLDivElement;
    "file-summary": HTMLParagraphElement;
    "mapping-prompt": HTMLParagraphElement;
    "map-truth": HTMLSelectElement;
    "map-kind": HTMLSelectElement;
    "map-other": HTMLSelectElement;
    "has-header": HTMLInputElement;
    "delimiter": HTMLSelectElement;
    "skip-bad": HTMLInputElement;
    "positive": HTMLSelectElement;
    "positive-prompt": HTMLParagraphElement;
    "skipped": HTMLDivElement;
    "skipped-list": HTMLUListElement;
    "threshold": HTMLInputElement;
    "threshold-error": HTMLParagraphElement;
    "explorer": HTMLElement;
    "threshold-slider": HTMLInputElement;
    "threshold-value": HTMLParagraphElement;
    "operating-points": HTMLDivElement;
    "point-sentence": HTMLParagraphElement;
    "goal-cost-fp": HTMLInputElement;
    "goal-cost-fn": HTMLInputElement;
    "goal-prevalence": HTMLInputElement;
    "goal-target-recall": HTMLInputElement;
    "goal-target-precision": HTMLInputElement;
    "goals-error": HTMLParagraphElement;
    "chart-roc": SVGSVGElement;
    "chart-pr": SVGSVGElement;
    "chart-hist": SVGSVGElement;
    "chart-reliability": SVGSVGElement;
    "reliability-note": HTMLSpanElement;
}

interface Document {
  getElementById<K extends keyof PageElements>(elementId: K): PageElements[K];
}
