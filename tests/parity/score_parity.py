#!/usr/bin/env python3
"""A second implementation checks the first, on score files: fitcheck's
curves and score metrics against scikit-learn for whole `y_true,score` files.

Generates at least 300 CSV files with a fixed seed into a temporary folder:
heavy ties (scores from a handful of values), every score equal, one class
absent (only negatives, only positives), tiny files of 1-5 rows, large files
up to 50,000 rows, scores on the calibration bin edges and on the 0.5
threshold, extreme probabilities (0, 1, 5e-324, 1 - 2^-53), scores outside
[0, 1] (logits, percentages, 1.0000000000000002), a signed zero, and labels
spelled 0/1, -1/1, 1/2, no/yes, No/Yes, FALSE/TRUE, neg/pos, ham/spam and
cat/dog (neither reads as positive: the one that sorts last is taken).

Each file is run through

    fitcheck report FILE --json --curves

and, independently, read back here with the `csv` module and handed to
scikit-learn as 0/1 labels (1 = the positive class by the design's rule).
Compared, to 1e-12 absolute:

* `pos_label` by the design's rule, `n`.
* `curves.roc` against `roc_curve(drop_intermediate=False)`: x = fpr,
  y = tpr, and the thresholds, where fitcheck's first point has threshold
  null and scikit-learn's has inf. `metrics.roc_auc` against
  `roc_auc_score`.
* `curves.pr` against `precision_recall_curve`: x = recall,
  y = precision, thresholds with a null for the final (recall 0,
  precision 1) point, which scikit-learn gives no threshold.
  `metrics.average_precision` against `average_precision_score`.
* `metrics.log_loss` against `log_loss(labels=[0, 1])`,
  `metrics.brier_score` against `brier_score_loss`.
* `score_summary.calibration.bins` (the non-empty ones) against
  `calibration_curve(n_bins=10, strategy="uniform")`: `fraction_positive`
  against prob_true and `mean_score` against prob_pred.
* `confusion` at the default threshold 0.5 (score >= 0.5 is positive)
  against `confusion_matrix`, in the order of `labels`.

Undefined cases: with one class absent `roc_auc` and `curves.roc` are null
(scikit-learn raises or returns nan); with no positives `average_precision`
and `curves.pr` are null; with a score outside [0, 1] `log_loss`,
`brier_score` and `score_summary.calibration` are null and a
`not_probabilities` warning is raised, while `roc_auc` stays defined.

Usage:
    FITCHECK_BIN=target/release/fitcheck .venv/bin/python tests/parity/score_parity.py

FITCHECK_BIN defaults to target/release/fitcheck (relative to the
repository root; common.find_binary). Prints `score parity: N passed, M failed` and exits 1 if
any file failed, listing the first 10 failures with the file's first lines.
"""

import concurrent.futures
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings

import common
from common import label_names, positive_index

try:
    import numpy as np
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import (
        average_precision_score,
        brier_score_loss,
        confusion_matrix,
        log_loss,
        precision_recall_curve,
        roc_auc_score,
        roc_curve,
    )
except ImportError as exc:  # pragma: no cover - environment check
    common.exit_missing_packages("score_parity.py", exc)

SEED = 20261130
ABS_TOL = 1e-12
THRESHOLD = 0.5
# (negative, positive) as the design's rule decides: the one label that reads
# as positive; else the other of the one that reads as negative; else the one
# that sorts last (cat/dog → dog, ham/spam → spam). "1"/"2": "1" reads as
# positive and sorts first, so the positive class is not always last.
LABEL_STYLES = [
    ("0", "1"),
    ("0", "1"),
    ("-1", "1"),
    ("2", "1"),
    ("no", "yes"),
    ("No", "Yes"),
    ("FALSE", "TRUE"),
    ("neg", "pos"),
    ("ham", "spam"),
    ("cat", "dog"),
]

# Styles whose lone label has a partner, for files with one class only.
PARTNERED_STYLES = [("0", "1"), ("no", "yes"), ("FALSE", "TRUE"), ("neg", "pos")]


# ---------------------------------------------------------------------------
# Generating files
# ---------------------------------------------------------------------------


class Spec:
    """One file: its labels (True = positive), scores and label spelling."""

    def __init__(self, name, y, s, style, spell=repr):
        self.name = name
        self.y = y
        self.s = s
        self.style = style
        self.spell = spell

    def write(self, folder):
        path = os.path.join(folder, self.name + ".csv")
        neg, pos = self.style
        with open(path, "w", newline="") as f:
            f.write("y_true,score\n")
            for yi, si in zip(self.y, self.s):
                f.write(f"{pos if yi else neg},{self.spell(si)}\n")
        return path


def pool(rng, k):
    """k distinct-ish scores in [0, 1] with few digits, so they tie."""
    return [round(rng.random(), rng.choice([1, 1, 2, 3])) for _ in range(k)]


def classes(rng, n, share):
    return [rng.random() < share for _ in range(n)]


def informative(rng, y, separation, noise=1.0):
    """Scores that rank positives higher on average, as probabilities."""
    out = []
    for yi in y:
        z = (separation / 2 if yi else -separation / 2) + rng.gauss(0, noise)
        out.append(1 / (1 + math.exp(-z)))
    return out


def generate_specs():
    rng = random.Random(SEED)
    specs = []

    def add(name, y, s, style=None, spell=repr):
        style = style or rng.choice(LABEL_STYLES)
        specs.append(Spec(f"{len(specs):03d}_{name}", y, s, style, spell))

    # Heavy ties: scores drawn from 1-8 values with one to three digits.
    for _ in range(70):
        n = rng.randint(6, 3000)
        values = pool(rng, rng.randint(1, 8))
        y = classes(rng, n, rng.uniform(0.05, 0.95))
        s = [rng.choice(values) for _ in y]
        # Skew: positives more often get the higher values.
        s = [max(v, rng.choice(values)) if yi else v for yi, v in zip(y, s)]
        add("ties", y, s)

    # Every score equal (at, below and above the 0.5 threshold).
    for i in range(15):
        n = rng.randint(2, 500)
        v = [0.5, 0.0, 1.0, 0.3, 0.7][i % 5]
        add("all_equal", classes(rng, n, rng.uniform(0.1, 0.9)), [v] * n)

    # One class absent: only negatives (no positives) or only positives.
    for i in range(25):
        n = rng.randint(1, 800)
        only = i % 2 == 1
        y = [only] * n
        s = [rng.choice([rng.random(), round(rng.random(), 1)]) for _ in y]
        add("one_class_pos" if only else "one_class_neg", y, s,
            style=rng.choice(PARTNERED_STYLES))

    # Tiny files, 1-5 rows (one class is often absent).
    for _ in range(40):
        n = rng.randint(1, 5)
        y = classes(rng, n, 0.5)
        s = [round(rng.random(), rng.choice([1, 2, 17])) for _ in y]
        style = rng.choice(PARTNERED_STYLES) if len(set(y)) < 2 else None
        add("tiny", y, s, style=style)

    # Ordinary model outputs, continuous scores, 50-5000 rows.
    for _ in range(45):
        n = rng.randint(50, 5000)
        y = classes(rng, n, rng.uniform(0.02, 0.6))
        add("model", y, informative(rng, y, rng.uniform(0, 4)))

    # Large files, 10,000-50,000 rows, continuous or rounded (ties).
    for i in range(12):
        n = rng.randint(10_000, 50_000)
        y = classes(rng, n, rng.uniform(0.01, 0.5))
        s = informative(rng, y, rng.uniform(0.5, 3))
        if i % 2:
            s = [round(v, 3) for v in s]
        add("large", y, s)
    # The largest possible: exactly 50,000 rows.
    y = classes(rng, 50_000, 0.1)
    add("large_max", y, informative(rng, y, 2.0))

    # Scores on the calibration bin edges and the threshold: numpy's edges
    # i × 0.1 (0.30000000000000004, 0.6000000000000001, 0.7000000000000001)
    # and the literals i / 10, so edge handling is exercised both ways.
    edges = sorted({i * 0.1 for i in range(11)} | {i / 10 for i in range(11)})
    for _ in range(25):
        n = rng.randint(5, 2000)
        y = classes(rng, n, rng.uniform(0.2, 0.8))
        s = [rng.choice(edges) for _ in y]
        add("edges", y, s)

    # Extreme probabilities: log loss clipping at ε = 2.2e-16.
    extremes = [0.0, 1.0, 5e-324, 1e-300, 1e-17, 2.2e-16, 1 - 2**-53, 0.5, 1e-3, 0.999]
    for _ in range(15):
        n = rng.randint(2, 400)
        y = classes(rng, n, 0.5)
        s = [rng.choice(extremes) for _ in y]
        add("extreme", y, s)

    # A signed zero next to zero and small numbers.
    for _ in range(5):
        n = rng.randint(4, 100)
        y = classes(rng, n, 0.5)
        s = [rng.choice([0.0, -0.0, 0.25, 1.0]) for _ in y]
        add("signed_zero", y, s, style=("0", "1"))

    # Scores outside [0, 1]: logits, percentages, one score just above 1.
    for i in range(40):
        n = rng.randint(2, 4000)
        y = classes(rng, n, rng.uniform(0.05, 0.9))
        kind = i % 4
        if kind == 0:  # logits
            s = [(1.5 if yi else -1.5) + rng.gauss(0, 2) for yi in y]
        elif kind == 1:  # logits with ties
            s = [round((1 if yi else -1) + rng.gauss(0, 2), 1) for yi in y]
        elif kind == 2:  # percentages
            s = [float(rng.randint(0, 100)) for _ in y]
        else:  # probabilities with one score just outside
            s = informative(rng, y, 1.5)
            s[rng.randrange(n)] = rng.choice([1.0000000000000002, -1e-9, 1.5])
        add("not_probabilities", y, s)

    # Scores written in other ways: exponents, integers, leading dot.
    def other_spelling(v):
        if v == int(v):
            return str(int(v))
        return rng.choice([f"{v:.17e}", repr(v), repr(v).replace("0.", ".", 1)])

    for _ in range(15):
        n = rng.randint(5, 1000)
        y = classes(rng, n, 0.4)
        s = [round(v, 2) for v in informative(rng, y, 1.0)]
        add("spelled", y, s, spell=other_spelling)
    return specs


# ---------------------------------------------------------------------------
# Reading back and comparing
# ---------------------------------------------------------------------------


def read_back(path, style):
    """Labels as 0/1 and scores as floats, read independently of fitcheck."""
    neg, pos = style
    y, s = [], []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for label, score in rows:
            assert label in (neg, pos), label
            y.append(1 if label == pos else 0)
            s.append(float(score))
    return np.array(y, dtype=np.int64), np.array(s, dtype=np.float64)


def expected_labels(style):
    """`labels` (sorted as the design sorts) and `pos_label` for a file, by
    the shared label rules; the style table must agree with them."""
    names = label_names(style)
    pos_label = names[positive_index(names)]
    if pos_label != style[1]:
        raise Mismatch(f"LABEL_STYLES lists {style[1]!r} as positive, the rule says {pos_label!r}")
    return names, pos_label


class Mismatch(Exception):
    pass


def near(a, b):
    return a is not None and b is not None and abs(a - b) <= ABS_TOL


def check_close(what, got, want):
    if got is None or want is None or not near(got, want):
        raise Mismatch(f"{what}: fitcheck {got!r}, scikit-learn {want!r}")


def check_series(what, got, want):
    want = [float(v) for v in want]
    if len(got) != len(want):
        raise Mismatch(f"{what}: {len(got)} points, scikit-learn {len(want)}")
    for k, (g, w) in enumerate(zip(got, want)):
        if g is None or not near(g, w):
            raise Mismatch(f"{what}[{k}]: fitcheck {g!r}, scikit-learn {w!r}")


def check_null(what, got):
    if got is not None:
        raise Mismatch(f"{what}: should be null, got {str(got)[:80]}")


def compare(spec, report, y, s):
    """Raises Mismatch on the first difference; returns what was compared."""
    labels, pos_label = expected_labels(spec.style)
    if report.get("pos_label") != pos_label:
        raise Mismatch(f"pos_label {report.get('pos_label')!r}, expected {pos_label!r}")
    if report["labels"] != labels:
        raise Mismatch(f"labels {report['labels']}, expected {labels}")
    if report["n"] != len(y):
        raise Mismatch(f"n {report['n']}, expected {len(y)}")
    metrics = report["metrics"]
    curves = report["curves"]
    summary = report["score_summary"]
    positives = int(y.sum())
    negatives = len(y) - positives
    probabilities = bool(np.all((s >= 0) & (s <= 1)))

    # Confusion matrix at 0.5, rows true, columns predicted, in `labels` order.
    pred = (s >= THRESHOLD).astype(np.int64)
    cm01 = confusion_matrix(y, pred, labels=[0, 1])  # [[tn, fp], [fn, tp]]
    index = {0: labels.index(spec.style[0]), 1: labels.index(pos_label)}
    want = [[0, 0], [0, 0]]
    for t in (0, 1):
        for p in (0, 1):
            want[index[t]][index[p]] = int(cm01[t][p])
    if report["confusion"] != want:
        raise Mismatch(f"confusion {report['confusion']}, scikit-learn {want}")
    c = report["counts"]
    (tn, fp), (fn, tp) = cm01.tolist()
    if (c["tp"], c["fn"], c["fp"], c["tn"]) != (tp, fn, fp, tn):
        raise Mismatch(f"counts {c}, scikit-learn tp {tp} fn {fn} fp {fp} tn {tn}")

    # ROC and AUC.
    if positives and negatives:
        fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
        roc = curves["roc"]
        if roc is None:
            raise Mismatch("curves.roc is null with both classes present")
        check_series("roc.x", roc["x"], fpr)
        check_series("roc.y", roc["y"], tpr)
        if roc["thresholds"][0] is not None or not math.isinf(thr[0]):
            raise Mismatch(f"roc first threshold {roc['thresholds'][0]!r}, scikit-learn {thr[0]}")
        check_series("roc.thresholds", roc["thresholds"][1:], thr[1:])
        check_close("roc_auc", metrics["roc_auc"], roc_auc_score(y, s))
    else:
        check_null("roc_auc", metrics["roc_auc"])
        check_null("curves.roc", curves["roc"])
        if "roc_auc" not in report["undefined"]:
            raise Mismatch("roc_auc is null without a reason in `undefined`")

    # Precision–recall and average precision.
    if positives:
        precision, recall, thr = precision_recall_curve(y, s)
        pr = curves["pr"]
        if pr is None:
            raise Mismatch("curves.pr is null with positives present")
        check_series("pr.x (recall)", pr["x"], recall)
        check_series("pr.y (precision)", pr["y"], precision)
        if pr["thresholds"][-1] is not None:
            raise Mismatch(f"pr last threshold {pr['thresholds'][-1]!r}, expected null")
        check_series("pr.thresholds", pr["thresholds"][:-1], thr)
        check_close("average_precision", metrics["average_precision"],
                    average_precision_score(y, s))
    else:
        check_null("average_precision", metrics["average_precision"])
        check_null("curves.pr", curves["pr"])
        if "average_precision" not in report["undefined"]:
            raise Mismatch("average_precision is null without a reason in `undefined`")

    # Probability metrics and calibration.
    warning_ids = [w["id"] for w in report["warnings"]]
    if probabilities:
        check_close("log_loss", metrics["log_loss"], log_loss(y, s, labels=[0, 1]))
        check_close("brier_score", metrics["brier_score"], brier_score_loss(y, s, pos_label=1))
        prob_true, prob_pred = calibration_curve(y, s, n_bins=10, strategy="uniform")
        bins = summary["calibration"]["bins"]
        check_series("calibration fraction_positive",
                     [b["fraction_positive"] for b in bins], prob_true)
        check_series("calibration mean_score", [b["mean_score"] for b in bins], prob_pred)
        if "not_probabilities" in warning_ids:
            raise Mismatch("not_probabilities warning on probabilities")
    else:
        check_null("log_loss", metrics["log_loss"])
        check_null("brier_score", metrics["brier_score"])
        check_null("score_summary.calibration", summary["calibration"])
        if "not_probabilities" not in warning_ids:
            raise Mismatch(f"no not_probabilities warning (warnings: {warning_ids})")
        if positives and negatives and metrics["roc_auc"] is None:
            raise Mismatch("roc_auc should stay defined for scores outside [0, 1]")
    checked = ["confusion"]
    checked += ["roc"] if positives and negatives else ["roc_undefined"]
    checked += ["pr"] if positives else ["pr_undefined"]
    checked += ["calibration"] if probabilities else ["not_probabilities"]
    if summary["min_score"] != float(s.min()) or summary["max_score"] != float(s.max()):
        raise Mismatch(f"score range {summary['min_score']}..{summary['max_score']}, "
                       f"expected {s.min()}..{s.max()}")
    return checked


def run_fitcheck(binary, path):
    proc = subprocess.run(
        [binary, "report", path, "--json", "--curves"],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        raise Mismatch(f"fitcheck exited {proc.returncode}: {proc.stderr.strip()[:300]}")
    return json.loads(proc.stdout)


def check_file(binary, spec, path):
    try:
        report = run_fitcheck(binary, path)
        y, s = read_back(path, spec.style)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return None, compare(spec, report, y, s)
    except Mismatch as exc:
        return str(exc), []
    except Exception as exc:  # a crash in the comparison is a failure too
        return f"{type(exc).__name__}: {exc}", []


def head(path, lines=4):
    with open(path) as f:
        return "".join(f.readline() for _ in range(lines)).rstrip("\n")


def main():
    binary = common.find_binary()
    specs = generate_specs()
    assert len(specs) >= 300, len(specs)
    started = time.time()
    failures = []
    with tempfile.TemporaryDirectory(prefix="score_parity_") as folder:
        paths = [spec.write(folder) for spec in specs]
        workers = max(2, os.cpu_count() or 2)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as executor:
            results = list(executor.map(lambda a: check_file(binary, *a), zip(specs, paths)))
        coverage = {}
        for spec, path, (problem, checked) in zip(specs, paths, results):
            for what in checked:
                coverage[what] = coverage.get(what, 0) + 1
            if problem is not None:
                failures.append((spec.name, problem, head(path)))
    passed = len(specs) - len(failures)
    print(f"score parity: {passed} passed, {len(failures)} failed "
          f"({len(specs)} files, {time.time() - started:.1f} s)")
    print("compared: " + ", ".join(f"{k} {v}" for k, v in sorted(coverage.items())))
    for name, problem, first_lines in failures[:10]:
        print(f"\n{name}: {problem}")
        print("  " + first_lines.replace("\n", "\n  "))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
