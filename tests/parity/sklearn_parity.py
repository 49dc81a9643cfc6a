#!/usr/bin/env python3
"""A second implementation checks the first: fitcheck against scikit-learn.

Generates random binary confusion matrices with a fixed seed (tiny, moderate,
large, sparse with many zeros, imbalanced), runs

    fitcheck counts --tp .. --fn .. --fp .. --tn .. --json [--beta 2]

on each and compares every number with scikit-learn (and the accuracy p-value
with scipy), to 1e-12 absolute.

The four counts go to scikit-learn as four weighted examples, which works for
any size and never materialises millions of rows:

    y_true        = [1,  1,  0,  0]
    y_pred        = [1,  0,  1,  0]
    sample_weight = [tp, fn, fp, tn]

Both classes are always present in the arrays (weights may be 0), so the
label set is always [0, 1], exactly as in fitcheck's report.

Undefined values. fitcheck returns JSON null exactly when a metric's
denominator is 0; the denominator is computed here, in exact Python integers.
A null must come with a zero denominator and a zero denominator with a null.
When scikit-learn says a value is undefined (nan, or an
UndefinedMetricWarning), fitcheck must say null. MCC is the exception:
scikit-learn returns 0.0 where it is 0/0, so only the denominator is checked.

Usage:
    FITCHECK_BIN=target/release/fitcheck .venv/bin/python tests/parity/sklearn_parity.py

FITCHECK_BIN defaults to target/release/fitcheck (relative to the repository
root); if the binary is missing it is built with cargo (common.find_binary). Prints
`sklearn parity: N passed, M failed` (N, M count confusion matrices; each
matrix is run with beta 1 and beta 2) and exits 1 if any failed.
"""

import concurrent.futures
import json
import math
import os
import subprocess
import sys
import time
import warnings

import common

try:
    import numpy as np
    import scipy.stats
    import sklearn
    from sklearn.exceptions import UndefinedMetricWarning
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        class_likelihood_ratios,
        cohen_kappa_score,
        confusion_matrix,
        f1_score,
        fbeta_score,
        jaccard_score,
        matthews_corrcoef,
        precision_recall_fscore_support,
        precision_score,
        recall_score,
    )
except ImportError as exc:  # pragma: no cover - environment check
    common.exit_missing_packages("sklearn_parity.py", exc)

SEED = 20240613
ABS_TOL = 1e-12
P_VALUE_REL_TOL = 1e-9
P_VALUE_ABS_TOL = 1e-12
# Up to this total, accuracy is also checked on one row per example, to show
# the four weighted rows used everywhere else mean the same thing.
EXPAND_LIMIT = 2_000

Y_TRUE = np.array([1, 1, 0, 0])
Y_PRED = np.array([1, 0, 1, 0])


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


def log_uniform(rng, high, size):
    """Integers spread evenly in magnitude over [0, high]."""
    return np.floor(np.exp(rng.uniform(0.0, math.log(high + 1.0), size)) - 1.0).astype(
        np.int64
    )


def generate_cases():
    """At least 1000 (tp, fn, fp, tn) tuples, none all zero, fixed seed."""
    rng = np.random.default_rng(SEED)
    cases = [
        (85, 15, 10, 90),  # the worked example
        (18, 132, 68, 9782),  # the fraud example
        (40, 0, 0, 60),  # perfect
        (0, 30, 70, 0),  # inverted
        (0, 0, 3, 97),  # no positives in the truth
        (0, 5, 0, 95),  # never predicts positive
        (5, 0, 95, 0),  # always predicts positive
        (1, 0, 0, 0),
        (0, 0, 0, 1),
        (1_000_000, 1_000_000, 1_000_000, 1_000_000),
    ]
    # Tiny: every cell 0..5, so every undefined corner is visited.
    cases += [tuple(int(x) for x in rng.integers(0, 6, 4)) for _ in range(300)]
    # Moderate: 0..1000.
    cases += [tuple(int(x) for x in rng.integers(0, 1001, 4)) for _ in range(200)]
    # Large: magnitudes up to 1e6.
    cases += [tuple(int(x) for x in log_uniform(rng, 1_000_000, 4)) for _ in range(200)]
    # Many zeros: each cell zero with probability 1/2, else up to 1e6.
    for _ in range(200):
        cells = log_uniform(rng, 1_000_000, 4)
        cells[rng.random(4) < 0.5] = 0
        cases.append(tuple(int(x) for x in cells))
    # Imbalanced: positives 0.01%..5% of the data, model of random quality.
    for _ in range(200):
        n = int(rng.integers(1_000, 1_000_001))
        positives = int(round(n * 10 ** rng.uniform(-4, math.log10(0.05))))
        negatives = n - positives
        tp = int(rng.binomial(positives, rng.uniform(0, 1)))
        fp = int(rng.binomial(negatives, 10 ** rng.uniform(-4, -0.5)))
        cases.append((tp, positives - tp, fp, negatives - fp))
    return [c for c in cases if sum(c) > 0]


# ---------------------------------------------------------------------------
# Running fitcheck
# ---------------------------------------------------------------------------


def run_fitcheck(binary, counts, beta):
    tp, fn, fp, tn = counts
    args = [binary, "counts", "--tp", str(tp), "--fn", str(fn), "--fp", str(fp)]
    args += ["--tn", str(tn), "--json", "--beta", str(beta)]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()}")
    if "NaN" in done.stdout or "Infinity" in done.stdout:
        raise RuntimeError("JSON output contains NaN or Infinity")
    return json.loads(done.stdout)


# ---------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------


def sk(fn, *args, **kwargs):
    """Calls a scikit-learn function; returns (value, raised UndefinedMetricWarning)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = fn(*args, **kwargs)
    undefined = any(issubclass(w.category, UndefinedMetricWarning) for w in caught)
    return value, undefined


def is_nan(x):
    return isinstance(x, float) and math.isnan(x)


class Checker:
    """Collects the failures of one confusion matrix."""

    def __init__(self, counts):
        self.counts = counts
        self.failures = []
        self.checks = 0

    def fail(self, what, detail):
        self.failures.append((self.counts, what, detail))

    def close(self, what, ours, theirs, tol=ABS_TOL):
        self.checks += 1
        if ours is None or theirs is None or is_nan(theirs):
            self.fail(what, f"fitcheck {ours!r}, expected {theirs!r}")
        elif not abs(float(ours) - float(theirs)) <= tol:
            self.fail(what, f"fitcheck {ours!r}, expected {theirs!r} (diff {abs(ours - theirs):.3e})")

    def metric(self, what, ours, den, theirs=None, undefined=False, compare=True):
        """A metric with `den` its exact denominator. `theirs` is scikit-learn's
        value and `undefined` whether scikit-learn warned it is undefined."""
        self.checks += 1
        if den == 0:
            if ours is not None:
                self.fail(what, f"denominator is 0 but fitcheck gives {ours!r} (should be null)")
            return
        if ours is None:
            self.fail(what, f"fitcheck is null but the denominator is {den}, not 0")
            return
        if theirs is None or not compare:
            return
        if is_nan(theirs) or undefined:
            self.fail(what, f"scikit-learn says undefined ({theirs!r}) but fitcheck gives {ours!r}")
            return
        if not abs(float(ours) - float(theirs)) <= ABS_TOL:
            self.fail(what, f"fitcheck {ours!r}, scikit-learn {theirs!r} (diff {abs(ours - theirs):.3e})")


def compare(counts, report, report_beta2):
    tp, fn, fp, tn = counts
    n = tp + fn + fp + tn
    w = np.array([tp, fn, fp, tn], dtype=np.int64)
    m = report["metrics"]
    ck = Checker(counts)
    nan = np.nan
    yt, yp = Y_TRUE, Y_PRED

    if n <= EXPAND_LIMIT:
        # Spot-check that four weighted rows equal one row per example.
        y_true = np.repeat(yt, w)
        y_pred = np.repeat(yp, w)
        ck.close("accuracy (expanded rows)", m["accuracy"], accuracy_score(y_true, y_pred))

    ck.close("accuracy", m["accuracy"], accuracy_score(yt, yp, sample_weight=w))

    v, u = sk(precision_score, yt, yp, sample_weight=w, zero_division=nan)
    ck.metric("precision", m["precision"], tp + fp, v, u)
    v, u = sk(recall_score, yt, yp, sample_weight=w, zero_division=nan)
    ck.metric("recall", m["recall"], tp + fn, v, u)
    v, u = sk(f1_score, yt, yp, sample_weight=w, zero_division=nan)
    ck.metric("f1", m["f1"], 2 * tp + fp + fn, v, u)
    v, u = sk(fbeta_score, yt, yp, beta=1, sample_weight=w, zero_division=nan)
    ck.metric("fbeta (beta 1)", m["fbeta"], (tp + fn) + (tp + fp), v, u)
    v, u = sk(fbeta_score, yt, yp, beta=2, sample_weight=w, zero_division=nan)
    ck.metric("fbeta (beta 2)", report_beta2["metrics"]["fbeta"], 4 * (tp + fn) + (tp + fp), v, u)

    v, u = sk(recall_score, yt, yp, pos_label=0, sample_weight=w, zero_division=nan)
    ck.metric("specificity", m["specificity"], tn + fp, v, u)
    v, u = sk(precision_score, yt, yp, pos_label=0, sample_weight=w, zero_division=nan)
    ck.metric("npv", m["npv"], tn + fn, v, u)

    # Defined whenever either class is present in the truth, i.e. always.
    v, _ = sk(balanced_accuracy_score, yt, yp, sample_weight=w)
    ck.metric("balanced_accuracy", m["balanced_accuracy"], n, v)

    # scikit-learn returns 0.0 for 0/0 MCC: check the denominator, and the
    # value only where it is defined.
    mcc_den = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
    v, _ = sk(matthews_corrcoef, yt, yp, sample_weight=w)
    ck.metric("mcc", m["mcc"], mcc_den, v)

    # Kappa: s² − Σ t_k p_k with t the true totals and p the predicted totals.
    kappa_den = n * n - (tn + fp) * (tn + fn) - (tp + fn) * (tp + fp)
    v, u = sk(cohen_kappa_score, yt, yp, sample_weight=w)
    ck.metric("cohen_kappa", m["cohen_kappa"], kappa_den, v, u)

    # jaccard_score has no zero_division=nan: 0/0 shows as the warning.
    v, u = sk(jaccard_score, yt, yp, sample_weight=w)
    ck.metric("jaccard", m["jaccard"], tp + fp + fn, v, u)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lr_plus, lr_minus = class_likelihood_ratios(yt, yp, sample_weight=w)
    ck.metric("lr_plus", m["lr_plus"], fp * (tp + fn), lr_plus)
    ck.metric("lr_minus", m["lr_minus"], tn * (tp + fn), lr_minus)

    # Averages: scikit-learn's default zero_division counts an undefined
    # per-class value as 0, as fitcheck's averages do.
    for average in ["macro", "weighted", "micro"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p, r, f, _ = precision_recall_fscore_support(yt, yp, average=average, sample_weight=w)
        ours = report["averages"][average]
        ck.close(f"averages.{average}.precision", ours["precision"], p)
        ck.close(f"averages.{average}.recall", ours["recall"], r)
        ck.close(f"averages.{average}.f1", ours["f1"], f)

    p, r, f, s = sk(
        precision_recall_fscore_support, yt, yp, average=None, sample_weight=w, zero_division=nan
    )[0]
    rows = report["per_class"]
    if [row["label"] for row in rows] != ["0", "1"]:
        ck.fail("per_class labels", f"{[row['label'] for row in rows]!r}, expected ['0', '1']")
    else:
        # Per class k: tp_k, predicted_k, support_k.
        cells = {0: (tn, tn + fn, tn + fp), 1: (tp, tp + fp, tp + fn)}
        for k, row in enumerate(rows):
            hit, predicted, support = cells[k]
            ck.metric(f"per_class[{k}].precision", row["precision"], predicted, p[k])
            ck.metric(f"per_class[{k}].recall", row["recall"], support, r[k])
            ck.metric(f"per_class[{k}].f1", row["f1"], predicted + support, f[k])
            ck.checks += 1
            if row["support"] != support or s[k] != support:
                ck.fail(f"per_class[{k}].support", f"fitcheck {row['support']}, sklearn {s[k]}, expected {support}")

    ck.checks += 1
    cm = confusion_matrix(yt, yp, sample_weight=w).tolist()
    if report["confusion"] != cm:
        ck.fail("confusion", f"fitcheck {report['confusion']}, scikit-learn {cm}")
    ck.checks += 1
    if report["labels"] != ["0", "1"] or report["n"] != n:
        ck.fail("labels/n", f"labels {report['labels']}, n {report['n']} (expected {n})")

    # Accuracy against the no-information rate: P(X >= correct), X ~ Bin(n, NIR).
    correct = tp + tn
    nir = max(tp + fn, fp + tn) / n
    sig = report["significance"]
    ck.close("significance.no_information_rate", sig["no_information_rate"], nir)
    expected_p = float(scipy.stats.binom.sf(correct - 1, n, nir))
    ours_p = sig["accuracy_p_value"]
    ck.checks += 1
    if ours_p is None:
        ck.fail("significance.accuracy_p_value", f"fitcheck null, scipy {expected_p!r}")
    else:
        diff = abs(ours_p - expected_p)
        if not (diff <= P_VALUE_ABS_TOL or diff <= P_VALUE_REL_TOL * abs(expected_p)):
            rel = diff / abs(expected_p) if expected_p else math.inf
            ck.fail(
                "significance.accuracy_p_value",
                f"fitcheck {ours_p!r}, scipy {expected_p!r} (relative diff {rel:.2e})",
            )

    # beta only changes fbeta: the rest of the beta-2 report is the same.
    ck.checks += 1
    others = {k: v for k, v in report_beta2["metrics"].items() if k != "fbeta"}
    if others != {k: v for k, v in m.items() if k != "fbeta"}:
        ck.fail("beta 2 report", "metrics other than fbeta changed with --beta 2")
    return ck


def check_case(binary, counts):
    try:
        report = run_fitcheck(binary, counts, 1)
        report_beta2 = run_fitcheck(binary, counts, 2)
    except (RuntimeError, json.JSONDecodeError) as exc:
        ck = Checker(counts)
        ck.fail("run", str(exc))
        return ck
    try:
        return compare(counts, report, report_beta2)
    except Exception as exc:  # a crash in one case must not hide the others
        ck = Checker(counts)
        ck.fail("exception while comparing", f"{type(exc).__name__}: {exc}")
        return ck


def check_chunk(binary, chunk):
    return [check_case(binary, c) for c in chunk]


def main():
    started = time.monotonic()
    binary = common.find_binary()
    cases = generate_cases()
    workers = max(2, os.cpu_count() or 2)
    chunks = [cases[i::workers] for i in range(workers)]
    # Processes, not threads: scikit-learn's input validation holds the GIL.
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        results = [r for part in pool.map(check_chunk, [binary] * workers, chunks) for r in part]
    passed = sum(1 for r in results if not r.failures)
    failed = len(results) - passed
    checks = sum(r.checks for r in results)
    failures = [f for r in results for f in r.failures]
    print(
        f"{len(cases)} confusion matrices (seed {SEED}), {checks} comparisons, "
        f"scikit-learn {sklearn.__version__}, scipy {scipy.__version__}, "
        f"{time.monotonic() - started:.1f}s"
    )
    if failures:
        print(f"first {min(10, len(failures))} of {len(failures)} failing comparisons:")
        for (tp, fn, fp, tn), what, detail in failures[:10]:
            print(f"  tp={tp} fn={fn} fp={fp} tn={tn}: {what}: {detail}")
    print(f"sklearn parity: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
