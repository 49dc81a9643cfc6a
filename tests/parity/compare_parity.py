#!/usr/bin/env python3
"""A second implementation checks the first, on comparisons: `fitcheck
compare` (issue 8) against statsmodels, scipy, scikit-learn and a DeLong
test written here from the paper, on paired prediction files.

Generates at least 300 paired data sets with a fixed seed: binary and
multiclass truth; label and score models (and one of each, where the scores
are thresholded at 0.5); heavy ties in scores; tiny files of 2-10 rows and a
few of 100,000; equal models; a model identical to the truth; b = c and
b + c = 0 (including multiclass rows where both models are wrong in different
ways); the hand-worked McNemar cases of the issue; truth with one class, or
one positive; pROC's aSAH data. Each is written into a temporary folder in
both forms the command reads,

    one file   `y_true,<a>,<b>`                fitcheck compare FILE --json
    two files  before.csv, after.csv, each
               `y_true,score` or `y_true,y_pred` fitcheck compare BEFORE AFTER --json

and both outputs are compared with the references (and with each other):

* McNemar, on b = A right & B wrong and c = A wrong & B right ("right" is the
  predicted label equal to the truth, scores thresholded at 0.5):
  `exact_p` against statsmodels `mcnemar(exact=True)`; `chi2`/`chi2_p` against
  `mcnemar(exact=False, correction=False)`; `chi2_corrected`/`chi2_corrected_p`
  against `mcnemar(exact=False, correction=True)`, except that b = c gives 0
  and p = 1 (R's `mcnemar.test` skips the correction when b = c); `mid_p`
  against Fagerland, Lydersen & Laake (2013) with scipy.stats.binom:
  2·CDF(k) − pmf(k), k = min(b, c), when b ≠ c, and 1 − ½·pmf(b) when b = c.
  b + c = 0: exact and mid-p are 1, the four χ² fields are null with a reason
  in `mcnemar.undefined`. Hand values: (10, 3) exact 756/8192, mid 470/8192;
  (11, 1) exact 0.00634765625, mid 0.00341796875; (5, 5) exact 1,
  mid 0.876953125.
* DeLong (both models scores, binary truth, at least two of each class):
  `auc_a`, `auc_b`, `var_a`, `var_b`, `covariance`, `z`, `p`, `ci` against
  `delong()` below, with z and the interval for B − A (the sign of `delta`;
  pROC's `roc.test(b, a)`). Identical curves: z = 0, p = 1. Otherwise
  (labels, one class, one positive, or a zero variance with a nonzero
  difference, where pROC gives z = ±Inf) `delong` is absent and
  `delong_undefined` gives the reason.
* `a` and `b` (the single-model reports): accuracy, F1 (binary) or macro F1
  (multiclass), MCC, ROC AUC and average precision against scikit-learn; on
  every fourth data set the whole `metrics` and `averages` equal what
  `fitcheck report` gives for that model's file alone. `delta[id]` = b − a
  for every id whose metric is in both reports (null if either is null).
* The single-model ROC AUC interval (`a`/`b` `intervals.roc_auc`) against
  pROC's `ci.auc` (DeLong): θ ± Φ⁻¹(0.975) √(S10/m + S01/n), clipped to
  [0, 1], undefined with fewer than two positives or negatives.
* `flips`: the counts, and the first 1,000 file line numbers of each kind.
* The bootstrap: each `bootstrap.delta[id].estimate` equals `delta[id]`, its
  interval is finite and ordered and (from 200 rows) holds the estimate;
  the same `--seed` gives byte-identical output twice and another seed moves
  the intervals. (Coverage is tests/parity/…coverage, not here.)
* `n`, `task_kind`, `models`; no NaN or Infinity anywhere in the output.
* Truth with two classes where one model predicts a third (tiny multiclass
  files): fitcheck refuses (exit 2, "…multiclass…"), since one model's
  report would be multiclass and the other's binary.
* Bad input: truth that differs between the two files (exit 2, the message
  names the first differing line and both values), different row counts
  (exit 2), a missing model column (exit 2).

The DeLong reference follows DeLong, DeLong & Clarke-Pearson (1988),
"Comparing the areas under two or more correlated receiver operating
characteristic curves: a nonparametric approach", Biometrics 44:837-845:
for m positives X_i and n negatives Y_j, ψ(X, Y) = 1 if Y < X, ½ if Y = X,
0 if Y > X; the structural components V10(X_i) = (1/n) Σ_j ψ(X_i, Y_j) and
V01(Y_j) = (1/m) Σ_i ψ(X_i, Y_j); θ = mean V10 = mean V01; S10 and S01 the
2×2 sample covariance matrices (divisors m − 1, n − 1) of the components of
the two models; S = S10/m + S01/n; Var(θ_B − θ_A) = S_AA + S_BB − 2 S_AB;
z = (θ_B − θ_A) / √Var, p = 2Φ(−|z|), CI = θ_B − θ_A ± Φ⁻¹(0.975) √Var.
Higher scores predict the positive class (pROC's direction "<", fixed, as
scikit-learn's roc_auc_score; pROC's automatic direction is not used).
`delong()` counts ψ with sorted arrays (O((m + n) log(m + n))),
`delong_pairwise()` literally as the double sum (O(m·n)), and `self_test()`
checks that they agree and that `delong()` gives pROC's published values on
pROC's aSAH data (113 patients; `data/aSAH.RData` of github.com/xrobin/pROC,
columns outcome, s100b, wfns, ndka below), to 1e-12, from pROC's own tests
(tests/testthat/test-var.R, test-cov.R, test-roc.test.R):

    var(roc(outcome, wfns))  = 0.00146991470882363
    var(roc(outcome, s100b)) = 0.00266868245717244
    var(roc(outcome, ndka))  = 0.0031908105493913
    cov(r.wfns, r.ndka)  = -0.000532967856762438
    cov(r.ndka, r.s100b) = -0.000756164938056579
    cov(r.s100b, r.wfns) =  0.00119615567376754
    roc.test(r.wfns, r.s100b): Z = 2.20898359144091, p = 0.0271757822291882,
        95% CI 0.0104061769564846 .. 0.174214419249478
    roc.test(r.wfns, r.ndka): Z = 2.79777591868904, p = 0.00514557970691098,
        95% CI 0.0634011709339876 .. 0.3600405634833566
    roc.test(r.ndka, r.s100b): Z = -1.39077002573558, p = 0.164295175223054,
        95% CI -0.2876917446341914 .. 0.0488706064228094
    ci.auc(r.ndka) = 0.501244999271703 .. 0.722670989888189 (test-ci.auc.R)

and the AUCs pROC prints, 0.8237 (wfns) and 0.7314 (s100b); so
`roc.test(roc(outcome, s100b), roc(outcome, wfns))` is Z = -2.209,
p-value = 0.02718, as the issue quotes. The aSAH file is also one of the
data sets (a = s100b, b = wfns), so fitcheck meets pROC's figures directly.

Usage:
    FITCHECK_BIN=target/release/fitcheck .venv/bin/python tests/parity/compare_parity.py
    .venv/bin/python tests/parity/compare_parity.py --self-test   # references only
    ... compare_parity.py --only=asah,hand_   # the data sets whose names hold a word

Prints `compare parity: N passed, M failed` and exits 1 if any data set
failed, listing the first 10 failures with a reproducer (the command and the
file's first lines).
"""

import concurrent.futures
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings

import common
from common import label_names, positive_index

try:
    import numpy as np
    from scipy.stats import binom, norm
    from sklearn.metrics import (
        accuracy_score,
        average_precision_score,
        f1_score,
        matthews_corrcoef,
        roc_auc_score,
    )
    from statsmodels.stats.contingency_tables import mcnemar
except ImportError as exc:  # pragma: no cover - environment check
    common.exit_missing_packages("compare_parity.py", exc)

SEED = 20261201
TOL = 1e-9  # absolute, or relative to the reference where it exceeds 1
THRESHOLD = 0.5
Z975 = float(norm.ppf(0.975))  # 1.959963984540054, pROC's qnorm(0.975)
FLIP_LINES = 1000  # the first this many flipped line numbers are listed
ERROR_CASES = 6  # the bad inputs check_errors tries

# (negative, positive) spellings for binary truth, as the design's rule
# decides the positive class (checked in expected_positive).
BINARY_STYLES = [("0", "1"), ("0", "1"), ("0", "1"), ("no", "yes"), ("neg", "pos"), ("Good", "Poor")]
MULTICLASS_STYLES = [
    ["cat", "dog", "bird"],
    ["0", "1", "2", "3"],
    ["low", "mid", "high", "severe", "fatal"],
    ["a", "b", "c", "d", "e", "f"],
]

# pROC's aSAH data (see the docstring): outcome G = Good, P = Poor (the cases).
ASAH_OUTCOME = ("GGGGPPGPGGPGPPGGPGPPPGPGGGGGGGGGPGGPPGPPGGGGGGGGGPPGGGPGGGPGPGGPPPGPPGPPP"
                "PGGGPPGPGGGGGGPGGGGGGGGGGGGPPPPPPGGGPGGG")
ASAH_WFNS = ("11113254125255125225211112121134214541425511241125521251222151125214524414"
             "121421232421451154221113125225552445111")
ASAH_S100B = [
    0.13, 0.14, 0.1, 0.04, 0.13, 0.1, 0.47, 0.16, 0.18, 0.1, 0.12, 0.1, 0.44, 0.71, 0.04, 0.08,
    0.49, 0.04, 0.07, 0.33, 0.09, 0.09, 0.07, 0.11, 0.07, 0.17, 0.07, 0.11, 0.13, 0.19, 0.05,
    0.16, 0.41, 0.14, 0.34, 0.35, 0.48, 0.09, 0.96, 0.25, 0.5, 0.46, 0.16, 0.07, 0.43, 0.45,
    0.11, 0.08, 0.09, 0.86, 0.52, 0.08, 0.06, 0.13, 2.07, 0.1, 0.14, 0.15, 0.07, 0.06, 0.77,
    0.05, 0.09, 0.3, 0.03, 0.09, 0.04, 0.23, 0.7, 0.09, 0.27, 0.71, 0.08, 0.26, 0.08, 0.16,
    0.09, 0.13, 0.1, 0.08, 0.11, 0.33, 0.11, 0.28, 0.07, 0.1, 0.32, 0.22, 0.07, 0.05, 0.24,
    0.38, 0.1, 0.15, 0.08, 0.14, 0.1, 0.07, 0.04, 0.19, 0.56, 0.14, 0.58, 0.32, 0.82, 0.74,
    0.15, 0.47, 0.17, 0.44, 0.15, 0.5, 0.48,
]
ASAH_NDKA = [
    3.01, 8.54, 8.09, 10.42, 17.4, 12.75, 6.0, 13.2, 15.54, 6.01, 15.96, 17.86, 5.18, 8.9,
    13.41, 20.75, 11.6, 16.11, 32.37, 54.82, 32.41, 49.94, 40.34, 9.47, 6.29, 12.53, 6.54, 6.3,
    80.3, 12.8, 9.8, 9.81, 9.85, 18.21, 5.03, 14.04, 21.93, 8.02, 7.42, 8.38, 6.59, 9.63,
    13.12, 7.96, 14.34, 41.43, 7.63, 7.06, 12.59, 13.56, 3.87, 9.44, 7.66, 12.98, 419.19,
    27.19, 22.27, 9.95, 21.22, 11.73, 10.4, 58.83, 6.39, 11.09, 12.22, 13.67, 17.21, 22.63,
    12.9, 9.7, 21.57, 8.23, 72.57, 15.54, 10.51, 10.6, 14.57, 5.19, 9.63, 4.61, 21.48, 17.3,
    12.71, 9.44, 11.07, 19.46, 10.83, 5.37, 11.97, 7.75, 9.83, 10.55, 28.49, 8.53, 12.57,
    12.9, 46.83, 11.68, 12.67, 9.01, 9.57, 34.06, 11.72, 14.26, 47.61, 11.67, 24.58, 10.33,
    13.87, 15.89, 22.43, 6.79, 13.45,
]


class Mismatch(Exception):
    pass


# ---------------------------------------------------------------------------
# The references
# ---------------------------------------------------------------------------


def delong_components(pos, neg):
    """V10 (one per positive) and V01 (one per negative) of DeLong et al.
    (1988), counting ψ = 1 for a negative below, ½ for a tie, with sorted
    arrays: V10(X_i) = (#{Y_j < X_i} + ½ #{Y_j = X_i}) / n and
    V01(Y_j) = (#{X_i > Y_j} + ½ #{X_i = Y_j}) / m."""
    pos = np.asarray(pos, dtype=np.float64)
    neg = np.asarray(neg, dtype=np.float64)
    m, n = len(pos), len(neg)
    neg_sorted = np.sort(neg)
    pos_sorted = np.sort(pos)
    below = np.searchsorted(neg_sorted, pos, side="left")
    tied = np.searchsorted(neg_sorted, pos, side="right") - below
    v10 = (below + 0.5 * tied) / n
    above = m - np.searchsorted(pos_sorted, neg, side="right")
    tied = np.searchsorted(pos_sorted, neg, side="right") - np.searchsorted(pos_sorted, neg, side="left")
    v01 = (above + 0.5 * tied) / m
    return v10, v01


def delong_components_pairwise(pos, neg):
    """The same components as the double sum over every (X_i, Y_j) pair."""
    pos = np.asarray(pos, dtype=np.float64)[:, None]
    neg = np.asarray(neg, dtype=np.float64)[None, :]
    psi = (neg < pos) + 0.5 * (neg == pos)
    return psi.mean(axis=1), psi.mean(axis=0)


def delong(y, score_a, score_b, components=delong_components):
    """The paired DeLong test of B against A (B − A), as a dict with the
    contract's keys, or None when m < 2 or n < 2 (S10 or S01 would divide
    by zero). `y` is 0/1 (1 = positive)."""
    y = np.asarray(y, dtype=bool)
    m, n = int(y.sum()), int((~y).sum())
    if m < 2 or n < 2:
        return None
    sa = np.asarray(score_a, dtype=np.float64)
    sb = np.asarray(score_b, dtype=np.float64)
    v10a, v01a = components(sa[y], sa[~y])
    v10b, v01b = components(sb[y], sb[~y])
    auc_a, auc_b = float(v10a.mean()), float(v10b.mean())

    def cov(u, v, divisor):
        return float(np.sum((u - u.mean()) * (v - v.mean())) / divisor)

    var_a = cov(v10a, v10a, m - 1) / m + cov(v01a, v01a, n - 1) / n
    var_b = cov(v10b, v10b, m - 1) / m + cov(v01b, v01b, n - 1) / n
    covariance = cov(v10a, v10b, m - 1) / m + cov(v01a, v01b, n - 1) / n
    # Var(θB − θA) from the differences of the components: the same number
    # as var_a + var_b − 2 cov without its cancellation for similar models.
    d10, d01 = v10b - v10a, v01b - v01a
    var_diff = cov(d10, d10, m - 1) / m + cov(d01, d01, n - 1) / n
    d = auc_b - auc_a
    sig = math.sqrt(max(var_diff, 0.0))
    if sig == 0.0:
        z = 0.0 if d == 0.0 else math.copysign(math.inf, d)
    else:
        z = d / sig
    return {
        "auc_a": auc_a, "auc_b": auc_b, "var_a": var_a, "var_b": var_b,
        "covariance": covariance, "var_diff": var_diff, "d": d,
        "z": z, "p": float(2 * norm.sf(abs(z))), "ci": [d - Z975 * sig, d + Z975 * sig],
    }


def delong_auc_interval(y, score):
    """pROC's `ci.auc` (DeLong): θ ± Φ⁻¹(0.975) √(S10/m + S01/n), clipped
    to [0, 1]; None with fewer than two positives or negatives."""
    y = np.asarray(y, dtype=bool)
    m, n = int(y.sum()), int((~y).sum())
    if m < 2 or n < 2:
        return None
    v10, v01 = delong_components(score[y], score[~y])
    theta = float(v10.mean())
    var = float(np.sum((v10 - theta) ** 2) / (m - 1) / m + np.sum((v01 - v01.mean()) ** 2) / (n - 1) / n)
    sd = math.sqrt(var)
    return [max(0.0, theta - Z975 * sd), min(1.0, theta + Z975 * sd)]


def mid_p(b, c):
    """Fagerland, Lydersen & Laake (2013) mid-p McNemar test."""
    n, k = b + c, min(b, c)
    if n == 0:
        return 1.0
    if b == c:
        return float(1 - 0.5 * binom.pmf(b, n, 0.5))
    return float(2 * binom.cdf(k, n, 0.5) - binom.pmf(k, n, 0.5))


def mcnemar_reference(rr, b, c, ww):
    """The contract's McNemar fields from statsmodels and scipy."""
    table = [[rr, b], [c, ww]]
    ref = {"both_right": rr, "a_only": b, "b_only": c, "both_wrong": ww,
           "exact_p": float(mcnemar(table, exact=True).pvalue), "mid_p": mid_p(b, c)}
    if b + c == 0:
        return ref
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = mcnemar(table, exact=False, correction=False)
        corrected = mcnemar(table, exact=False, correction=True)
    ref["chi2"], ref["chi2_p"] = float(plain.statistic), float(plain.pvalue)
    if b == c:  # R's mcnemar.test: no correction when b = c
        ref["chi2_corrected"], ref["chi2_corrected_p"] = 0.0, 1.0
    else:
        ref["chi2_corrected"], ref["chi2_corrected_p"] = float(corrected.statistic), float(corrected.pvalue)
    return ref


def self_test():
    """The references against published values; raises AssertionError."""
    def close(what, got, want, tol=1e-12):
        assert abs(got - want) <= tol * max(1.0, abs(want)), f"{what}: {got!r} != {want!r}"

    # McNemar hand values (the issue) and the b = c, b + c = 0 rules.
    for (b, c), (exact, mid) in {(10, 3): (756 / 8192, 470 / 8192),
                                 (11, 1): (0.00634765625, 0.00341796875),
                                 (5, 5): (1.0, 0.876953125),
                                 (0, 0): (1.0, 1.0)}.items():
        ref = mcnemar_reference(7, b, c, 2)
        close(f"exact_p({b},{c})", ref["exact_p"], exact, 1e-15)
        close(f"mid_p({b},{c})", ref["mid_p"], mid, 1e-15)
    ref = mcnemar_reference(1, 5, 5, 1)
    assert ref["chi2"] == 0.0 and ref["chi2_corrected"] == 0.0 and ref["chi2_corrected_p"] == 1.0
    assert "chi2" not in mcnemar_reference(3, 0, 0, 3)
    close("chi2(10,3)", mcnemar_reference(0, 10, 3, 0)["chi2"], 49 / 13)
    close("chi2_corrected(10,3)", mcnemar_reference(0, 10, 3, 0)["chi2_corrected"], 36 / 13)

    # DeLong: sorted counting = the double sum, on tied and untied scores.
    rng = np.random.default_rng(1)
    for _ in range(50):
        n = int(rng.integers(4, 60))
        y = rng.random(n) < 0.4
        y[:2] = [True, False]
        y[2:4] = [True, False]
        sa = rng.integers(0, 5, n) / 4 if rng.random() < 0.5 else rng.random(n)
        sb = np.where(rng.random(n) < 0.3, sa, rng.random(n))
        fast, slow = delong(y, sa, sb), delong(y, sa, sb, delong_components_pairwise)
        for key in ("auc_a", "auc_b", "var_a", "var_b", "covariance", "var_diff"):
            close(f"delong {key} sorted vs pairwise", fast[key], slow[key], 1e-13)
        close("auc_a vs scikit-learn", fast["auc_a"], roc_auc_score(y, sa), 1e-13)

    # DeLong: pROC's published values on aSAH.
    y = np.array([o == "P" for o in ASAH_OUTCOME])
    wfns = np.array([float(c) for c in ASAH_WFNS])
    s100b, ndka = np.array(ASAH_S100B), np.array(ASAH_NDKA)
    assert len(y) == len(wfns) == len(s100b) == len(ndka) == 113 and y.sum() == 41
    t = delong(y, s100b, wfns)  # B − A = wfns − s100b: pROC's roc.test(r.wfns, r.s100b)
    close("var(r.wfns)", t["var_b"], 0.00146991470882363)
    close("var(r.s100b)", t["var_a"], 0.00266868245717244)
    close("cov(r.s100b, r.wfns)", t["covariance"], 0.00119615567376754)
    close("roc.test(r.wfns, r.s100b) Z", t["z"], 2.20898359144091)
    close("roc.test(r.wfns, r.s100b) p", t["p"], 0.0271757822291882)
    close("roc.test(r.wfns, r.s100b) CI low", t["ci"][0], 0.0104061769564846)
    close("roc.test(r.wfns, r.s100b) CI high", t["ci"][1], 0.174214419249478)
    assert round(t["auc_b"], 4) == 0.8237 and round(t["auc_a"], 4) == 0.7314, (t["auc_a"], t["auc_b"])
    t = delong(y, ndka, wfns)
    close("var(r.ndka)", t["var_a"], 0.0031908105493913)
    close("cov(r.wfns, r.ndka)", t["covariance"], -0.000532967856762438)
    close("roc.test(r.wfns, r.ndka) Z", t["z"], 2.79777591868904)
    close("roc.test(r.wfns, r.ndka) p", t["p"], 0.00514557970691098)
    close("roc.test(r.wfns, r.ndka) CI low", t["ci"][0], 0.0634011709339876)
    close("roc.test(r.wfns, r.ndka) CI high", t["ci"][1], 0.3600405634833566)
    t = delong(y, s100b, ndka)
    close("cov(r.ndka, r.s100b)", t["covariance"], -0.000756164938056579)
    close("roc.test(r.ndka, r.s100b) Z", t["z"], -1.39077002573558)
    close("roc.test(r.ndka, r.s100b) p", t["p"], 0.164295175223054)
    close("roc.test(r.ndka, r.s100b) CI low", t["ci"][0], -0.2876917446341914)
    close("roc.test(r.ndka, r.s100b) CI high", t["ci"][1], 0.0488706064228094)
    # ci.auc(r.ndka) (pROC's test-ci.auc.R): 0.501244999271703 .. 0.722670989888189.
    lo, hi = delong_auc_interval(y, ndka)
    close("ci.auc(r.ndka) low", lo, 0.501244999271703)
    close("ci.auc(r.ndka) high", hi, 0.722670989888189)
    # Identical curves: z = 0, p = 1 (pROC's test-roc.test.R).
    t = delong(y, wfns, wfns)
    assert t["z"] == 0.0 and t["p"] == 1.0, t
    # The quote: roc.test(roc(outcome, s100b), roc(outcome, wfns)).
    t = delong(y, wfns, s100b)
    assert round(t["z"], 3) == -2.209 and round(t["p"], 5) == 0.02718, t


# ---------------------------------------------------------------------------
# Data sets
# ---------------------------------------------------------------------------


class Spec:
    """One paired data set: the truth and each model's column as text, the
    models' kinds ("score" or "label"), and the binary spelling (None for
    multiclass truth)."""

    def __init__(self, name, truth, a, b, kind_a, kind_b, labels, columns=("a", "b"),
                 explicit_kinds=True, hand=None):
        self.name = name
        self.truth = truth
        self.a = a
        self.b = b
        self.kinds = (kind_a, kind_b)
        self.labels = labels  # (neg, pos) for binary, the class list otherwise
        self.columns = columns
        self.explicit_kinds = explicit_kinds
        self.hand = hand  # (exact_p, mid_p) hand-worked, or None
        self.n = len(truth)

    def write(self, folder):
        """Writes both forms; returns (one_file, before, after)."""
        base = os.path.join(folder, self.name)
        os.makedirs(base)
        one = os.path.join(base, "pair.csv")
        with open(one, "w", newline="") as f:
            f.write(f"y_true,{self.columns[0]},{self.columns[1]}\n")
            f.write("".join(f"{t},{x},{y}\n" for t, x, y in zip(self.truth, self.a, self.b)))
        paths = [one]
        for file_name, values, kind in (("before.csv", self.a, self.kinds[0]),
                                        ("after.csv", self.b, self.kinds[1])):
            path = os.path.join(base, file_name)
            column = "score" if kind == "score" else "y_pred"
            with open(path, "w", newline="") as f:
                f.write(f"y_true,{column}\n")
                f.write("".join(f"{t},{x}\n" for t, x in zip(self.truth, values)))
            paths.append(path)
        return paths

    def kind_args(self):
        if not self.explicit_kinds:
            return []
        return ["--a-kind", self.kinds[0], "--b-kind", self.kinds[1]]


def spell(values):
    """Scores as text that reads back as the same double."""
    return [repr(float(v)) for v in values]


def pattern_predictions(rng, truth, classes, pattern):
    """Label predictions for one model: the truth where `pattern` is True,
    else another class."""
    out = []
    for t, right in zip(truth, pattern):
        if right:
            out.append(t)
        else:
            others = [c for c in classes if c != t]
            out.append(others[int(rng.integers(len(others)))])
    return out


def generate_specs():
    rng = np.random.default_rng(SEED)
    specs = []

    def add(name, truth, a, b, kinds, labels, **kw):
        specs.append(Spec(f"{len(specs):03d}_{name}", list(truth), list(a), list(b),
                          kinds[0], kinds[1], labels, **kw))

    def binary_truth(n, share, style):
        y = rng.random(n) < share
        return y, [style[1] if v else style[0] for v in y]

    def style():
        return BINARY_STYLES[int(rng.integers(len(BINARY_STYLES)))]

    def paired_pattern(n, acc_a, acc_b, corr):
        """Right/wrong per row for A and B, with shared errors."""
        shared = rng.random(n)
        ua = np.where(rng.random(n) < corr, shared, rng.random(n))
        ub = np.where(rng.random(n) < corr, shared, rng.random(n))
        return ua < acc_a, ub < acc_b

    def scores(y, separation, noise_shared, n_digits=None):
        """Two correlated score models, probabilities, optionally rounded."""
        n = len(y)
        common_part = rng.normal(0, 1, n)
        out = []
        for sep in separation:
            z = sep * (y - 0.5) + noise_shared * common_part + rng.normal(0, 1, n)
            s = 1 / (1 + np.exp(-z))
            if n_digits is not None:
                s = np.round(s, n_digits)
            out.append(s)
        return out

    # Binary labels, ordinary sizes, correlated errors.
    for _ in range(50):
        n = int(rng.integers(20, 3000))
        st = style()
        y, truth = binary_truth(n, rng.uniform(0.05, 0.95), st)
        ra, rb = paired_pattern(n, rng.uniform(0.5, 0.98), rng.uniform(0.5, 0.98), rng.uniform(0, 0.9))
        add("binary_labels", truth, pattern_predictions(rng, truth, st, ra),
            pattern_predictions(rng, truth, st, rb), ("label", "label"), st,
            explicit_kinds=bool(rng.random() < 0.5))

    # Multiclass labels.
    for _ in range(40):
        n = int(rng.integers(20, 3000))
        classes = MULTICLASS_STYLES[int(rng.integers(len(MULTICLASS_STYLES)))]
        p = rng.dirichlet(np.ones(len(classes)))
        truth = [classes[i] for i in rng.choice(len(classes), n, p=p)]
        ra, rb = paired_pattern(n, rng.uniform(0.3, 0.95), rng.uniform(0.3, 0.95), rng.uniform(0, 0.9))
        add("multiclass_labels", truth, pattern_predictions(rng, truth, classes, ra),
            pattern_predictions(rng, truth, classes, rb), ("label", "label"), classes)

    # Binary scores, continuous.
    for _ in range(40):
        n = int(rng.integers(20, 4000))
        st = style()
        y, truth = binary_truth(n, rng.uniform(0.05, 0.9), st)
        sa, sb = scores(y, rng.uniform(0, 4, 2), rng.uniform(0, 2))
        add("scores", truth, spell(sa), spell(sb), ("score", "score"), st)

    # Binary scores, heavy ties (1-2 digits, or a handful of values).
    for i in range(40):
        n = int(rng.integers(10, 3000))
        st = style()
        y, truth = binary_truth(n, rng.uniform(0.1, 0.9), st)
        if i % 2:
            sa, sb = scores(y, rng.uniform(0, 4, 2), rng.uniform(0, 2), n_digits=int(rng.integers(1, 3)))
        else:
            pool = np.round(rng.random(int(rng.integers(2, 7))), 2)
            sa = np.where(y, np.maximum(rng.choice(pool, n), rng.choice(pool, n)), rng.choice(pool, n))
            sb = np.where(rng.random(n) < 0.5, sa, rng.choice(pool, n))
        add("score_ties", truth, spell(sa), spell(sb), ("score", "score"), st)

    # Tiny files, 2-10 rows: labels (binary and multiclass) and scores.
    for i in range(50):
        n = int(rng.integers(2, 11))
        st = style()
        y, truth = binary_truth(n, 0.5, st)
        if i % 3 == 0:
            ra, rb = rng.random(n) < 0.6, rng.random(n) < 0.6
            add("tiny_labels", truth, pattern_predictions(rng, truth, st, ra),
                pattern_predictions(rng, truth, st, rb), ("label", "label"), st)
        elif i % 3 == 1:
            sa = np.round(rng.random(n), int(rng.integers(1, 3)))
            sb = np.round(rng.random(n), int(rng.integers(1, 3)))
            add("tiny_scores", truth, spell(sa), spell(sb), ("score", "score"), st)
        else:
            classes = ["cat", "dog", "bird"]
            truth = [classes[k] for k in rng.integers(0, 3, n)]
            ra, rb = rng.random(n) < 0.6, rng.random(n) < 0.6
            add("tiny_multiclass", truth, pattern_predictions(rng, truth, classes, ra),
                pattern_predictions(rng, truth, classes, rb), ("label", "label"), classes)

    # Equal models (labels, scores, multiclass).
    for i in range(15):
        n = int(rng.integers(5, 1500))
        st = ("0", "1")
        y, truth = binary_truth(n, rng.uniform(0.2, 0.8), st)
        if i % 3 == 0:
            preds = pattern_predictions(rng, truth, st, rng.random(n) < 0.8)
            add("equal_labels", truth, preds, preds, ("label", "label"), st)
        elif i % 3 == 1:
            s = spell(scores(y, [2.0], 0)[0] if i % 2 else np.round(rng.random(n), 1))
            add("equal_scores", truth, s, s, ("score", "score"), st)
        else:
            classes = ["cat", "dog", "bird"]
            truth = [classes[k] for k in rng.integers(0, 3, n)]
            preds = pattern_predictions(rng, truth, classes, rng.random(n) < 0.7)
            add("equal_multiclass", truth, preds, preds, ("label", "label"), classes)

    # One model identical to the truth (as labels; as 0/1 scores: AUC 1).
    for i in range(15):
        n = int(rng.integers(5, 2000))
        st = ("0", "1")
        y, truth = binary_truth(n, rng.uniform(0.2, 0.8), st)
        other = pattern_predictions(rng, truth, st, rng.random(n) < 0.75)
        if i % 3 == 0:
            add("a_is_truth", truth, truth, other, ("label", "label"), st)
        elif i % 3 == 1:
            add("b_is_truth", truth, other, truth, ("label", "label"), st)
        else:
            s = scores(y, [1.5], 0)[0]
            add("scores_b_is_truth", truth, spell(s), spell(y.astype(float)), ("score", "score"), st)

    # b = c, with both-right and both-wrong rows around them.
    for i in range(15):
        k = int(rng.integers(1, 60))
        rr, ww = int(rng.integers(0, 500)), int(rng.integers(0, 100))
        pattern = [(True, True)] * rr + [(True, False)] * k + [(False, True)] * k + [(False, False)] * ww
        order = rng.permutation(len(pattern))
        pattern = [pattern[j] for j in order]
        if i % 2:
            classes = ["cat", "dog", "bird", "fish"]
            truth = [classes[j] for j in rng.integers(0, 4, len(pattern))]
        else:
            classes = style()
            truth = [classes[j] for j in rng.integers(0, 2, len(pattern))]
        add("b_equals_c", truth, pattern_predictions(rng, truth, classes, [p[0] for p in pattern]),
            pattern_predictions(rng, truth, classes, [p[1] for p in pattern]), ("label", "label"),
            classes if i % 2 else classes)

    # b + c = 0 without equal models: multiclass rows wrong in different
    # ways, and scores that differ but agree at the threshold.
    for i in range(10):
        n = int(rng.integers(5, 800))
        if i % 2 == 0:
            classes = ["cat", "dog", "bird", "fish"]
            truth = [classes[j] for j in rng.integers(0, 4, n)]
            right = rng.random(n) < 0.6
            a = pattern_predictions(rng, truth, classes, right)
            b = [t if r else rng.choice([c for c in classes if c not in (t, x)]) for t, x, r in zip(truth, a, right)]
            add("no_discordant_multiclass", truth, a, b, ("label", "label"), classes)
        else:
            st = ("0", "1")
            y, truth = binary_truth(n, 0.5, st)
            sa = scores(y, [2.0], 0)[0]
            sb = np.where(sa >= THRESHOLD, np.minimum(1.0, sa + rng.uniform(0, 0.3, n) * (1 - sa)),
                          sa * rng.uniform(0.2, 1.0, n))
            add("no_discordant_scores", truth, spell(sa), spell(sb), ("score", "score"), st)

    # The hand-worked McNemar cases (and (0, 0)).
    for (b, c), hand in {(10, 3): (756 / 8192, 470 / 8192), (11, 1): (0.00634765625, 0.00341796875),
                         (5, 5): (1.0, 0.876953125), (0, 0): (1.0, 1.0)}.items():
        rr, ww = 30, 7
        pattern = [(True, True)] * rr + [(True, False)] * b + [(False, True)] * c + [(False, False)] * ww
        st = ("0", "1")
        truth = [st[j] for j in rng.integers(0, 2, len(pattern))]
        add(f"hand_{b}_{c}", truth, pattern_predictions(rng, truth, st, [p[0] for p in pattern]),
            pattern_predictions(rng, truth, st, [p[1] for p in pattern]), ("label", "label"), st, hand=hand)

    # One model scores, the other labels (scores thresholded; no DeLong).
    for i in range(10):
        n = int(rng.integers(10, 2000))
        st = ("0", "1") if i % 2 else style()
        y, truth = binary_truth(n, rng.uniform(0.2, 0.8), st)
        s = spell(scores(y, [2.0], 0)[0])
        labels = pattern_predictions(rng, truth, st, rng.random(n) < 0.8)
        if i % 2:
            add("mixed_score_label", truth, s, labels, ("score", "label"), st)
        else:
            add("mixed_label_score", truth, labels, s, ("label", "score"), st)

    # Truth with one class (DeLong and AUC undefined, McNemar defined), and
    # truth with one positive (m = 1: DeLong's S10 undefined).
    for i in range(10):
        n = int(rng.integers(3, 400))
        st = ("0", "1")
        if i < 6:
            truth = [st[i % 2]] * n
            y = np.array([i % 2 == 1] * n)
        else:
            y = np.zeros(n, dtype=bool)
            y[int(rng.integers(n))] = True
            truth = [st[1] if v else st[0] for v in y]
        sa, sb = scores(y, [1.0, 2.0], 0.5)
        add("one_class" if i < 6 else "one_positive", truth, spell(sa), spell(sb), ("score", "score"), st)

    # Perfect A, constant B: DeLong's variance of the difference is 0 with
    # a difference of 0.5 (pROC: z = Inf, p = 0).
    for _ in range(2):
        n = int(rng.integers(10, 200))
        st = ("0", "1")
        y, truth = binary_truth(n, 0.5, st)
        add("delong_zero_variance", truth, spell(y.astype(float)), spell(np.full(n, 0.3)),
            ("score", "score"), st)

    # pROC's aSAH: a = s100b, b = wfns (1-5 grades as scores).
    truth = ["Poor" if o == "P" else "Good" for o in ASAH_OUTCOME]
    add("asah", truth, spell(ASAH_S100B), [str(c) for c in ASAH_WFNS], ("score", "score"),
        ("Good", "Poor"), columns=("s100b", "wfns"))

    # Large files, ~100,000 rows.
    for i in range(4):
        n = 100_000 + int(rng.integers(0, 1000))
        st = ("0", "1")
        if i < 2:
            y, truth = binary_truth(n, rng.uniform(0.1, 0.4), st)
            sa, sb = scores(y, [2.0, 2.2], 1.0, n_digits=None if i == 0 else 3)
            add("large_scores", truth, spell(sa), spell(sb), ("score", "score"), st)
        elif i == 2:
            y, truth = binary_truth(n, 0.3, st)
            ra, rb = paired_pattern(n, 0.85, 0.86, 0.7)
            add("large_labels", truth, pattern_predictions(rng, truth, st, ra),
                pattern_predictions(rng, truth, st, rb), ("label", "label"), st)
        else:
            classes = ["cat", "dog", "bird", "fish", "owl"]
            truth = [classes[j] for j in rng.choice(5, n, p=[0.4, 0.3, 0.15, 0.1, 0.05])]
            ra, rb = paired_pattern(n, 0.7, 0.72, 0.6)
            add("large_multiclass", truth, pattern_predictions(rng, truth, classes, ra),
                pattern_predictions(rng, truth, classes, rb), ("label", "label"), classes)
    return specs


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------


def reject_constant(name):
    raise Mismatch(f"output holds {name}")


def run(binary, args, timeout=300):
    proc = subprocess.run([binary] + args, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def run_json(binary, args):
    code, out, err = run(binary, args)
    if code != 0:
        raise Mismatch(f"exit {code}: {err.strip()[:300]}")
    return out, json.loads(out, parse_constant=reject_constant)


def near(got, want, tol=TOL):
    return got is not None and want is not None and abs(got - want) <= tol * max(1.0, abs(want))


def check_close(what, got, want, tol=TOL):
    if not near(got, want, tol):
        diff = "" if got is None else f" (diff {abs(got - want):.3e})"
        raise Mismatch(f"{what}: fitcheck {got!r}, reference {want!r}{diff}")


def check_scaled(what, got, want, scale, tol=TOL):
    """|got − want| ≤ tol × scale: for variances and covariances, which are
    small (scale = the reference's own size)."""
    if got is None or abs(got - want) > tol * scale + 1e-300:
        raise Mismatch(f"{what}: fitcheck {got!r}, reference {want!r} (scale {scale:.3e})")


class Reference:
    """What the references say about one data set."""

    def __init__(self, spec):
        self.spec = spec
        # Binary specs spell their two labels as a (negative, positive)
        # tuple; multiclass specs list their classes.
        self.binary = isinstance(spec.labels, tuple)
        if self.binary:
            neg, pos = spec.labels
            names = label_names([neg, pos])
            expected = names[positive_index(names)]
            if expected != pos:
                raise Mismatch(f"style {spec.labels} lists {pos!r} as positive, the rule says {expected!r}")
            self.pos, self.neg = pos, neg
            self.y = np.array([t == pos for t in spec.truth])
        self.preds = []
        self.scores = []
        for values, kind in zip((spec.a, spec.b), spec.kinds):
            if kind == "score":
                s = np.array([float(v) for v in values])
                self.scores.append(s)
                self.preds.append([self.pos if v >= THRESHOLD else self.neg for v in s])
            else:
                self.scores.append(None)
                self.preds.append(list(values))
        # fitcheck's report is multiclass when the truth and the model's
        # predictions hold more than two labels together.
        truth_labels = set(spec.truth)
        multi = [len(truth_labels | set(p)) > 2 for p in self.preds]
        self.mixed_task = len(truth_labels) <= 2 and multi[0] != multi[1]
        ra = np.array([p == t for p, t in zip(self.preds[0], spec.truth)])
        rb = np.array([p == t for p, t in zip(self.preds[1], spec.truth)])
        self.a_only = np.flatnonzero(ra & ~rb)
        self.b_only = np.flatnonzero(~ra & rb)
        self.mcnemar = mcnemar_reference(int((ra & rb).sum()), len(self.a_only), len(self.b_only),
                                         int((~ra & ~rb).sum()))
        both_scores = all(s is not None for s in self.scores)
        self.delong = delong(self.y, *self.scores) if both_scores else None
        self.both_scores = both_scores
        self._metrics = {}

    def metrics(self, k):
        """scikit-learn's values for model k (0 = A, 1 = B): id -> value,
        None where fitcheck must say undefined."""
        if k not in self._metrics:
            self._metrics[k] = self._sklearn_metrics(k)
        return self._metrics[k]

    def _sklearn_metrics(self, k):
        truth, pred, s = self.spec.truth, self.preds[k], self.scores[k]
        out = {"accuracy": accuracy_score(truth, pred)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # scikit-learn returns 0 for MCC's 0/0; fitcheck says undefined.
            one_kind = len(set(truth)) < 2 or len(set(pred)) < 2
            out["mcc"] = None if one_kind else matthews_corrcoef(truth, pred)
            if self.binary:
                tp = sum(1 for t, p in zip(truth, pred) if t == p == self.pos)
                wrong = sum(1 for t, p in zip(truth, pred) if t != p)
                out["f1"] = None if 2 * tp + wrong == 0 else f1_score(truth, pred, pos_label=self.pos)
            else:
                out["macro_f1"] = f1_score(truth, pred, average="macro")
        if s is not None:
            m = int(self.y.sum())
            out["roc_auc"] = roc_auc_score(self.y, s) if 0 < m < len(self.y) else None
            out["average_precision"] = average_precision_score(self.y, s) if m > 0 else None
        return out


def report_value(report, key):
    if key == "macro_f1":
        return report["averages"]["macro"]["f1"]
    return report["metrics"].get(key)


def check_report(which, report, want):
    for key, value in want.items():
        got = report_value(report, key)
        if value is None:
            if got is not None:
                raise Mismatch(f"{which}.{key}: fitcheck {got!r}, reference undefined")
        else:
            check_close(f"{which}.{key}", got, value)


def check_auc_interval(which, report, y, score):
    """The single-model ROC AUC interval against pROC's ci.auc (DeLong)."""
    want = delong_auc_interval(y, score)
    got = (report.get("intervals") or {}).get("roc_auc")
    if want is None:
        if got is not None:
            raise Mismatch(f"{which}.intervals.roc_auc {got!r} with fewer than two of a class")
        return "auc_interval_undefined"
    if not isinstance(got, list) or len(got) != 2:
        raise Mismatch(f"{which}.intervals.roc_auc {got!r}, pROC ci.auc {want}")
    check_close(f"{which}.intervals.roc_auc[0]", got[0], want[0])
    check_close(f"{which}.intervals.roc_auc[1]", got[1], want[1])
    return "auc_interval"


def check_mcnemar(got, ref, hand):
    if got is None:
        raise Mismatch("no mcnemar")
    for key in ("both_right", "a_only", "b_only", "both_wrong"):
        if got.get(key) != ref[key]:
            raise Mismatch(f"mcnemar.{key}: fitcheck {got.get(key)!r}, reference {ref[key]}")
    for key in ("exact_p", "mid_p"):
        check_close(f"mcnemar.{key}", got.get(key), ref[key])
    if hand is not None:
        check_close("mcnemar.exact_p (hand)", got["exact_p"], hand[0], 1e-15)
        check_close("mcnemar.mid_p (hand)", got["mid_p"], hand[1], 1e-15)
    chi = ("chi2", "chi2_p", "chi2_corrected", "chi2_corrected_p")
    if ref["a_only"] + ref["b_only"] == 0:
        for key in chi:
            if got.get(key) is not None:
                raise Mismatch(f"mcnemar.{key} with b + c = 0: {got.get(key)!r}, expected null")
        reasons = got.get("undefined") or {}
        if not any("chi2" in k and isinstance(v, str) and v.strip() for k, v in reasons.items()):
            raise Mismatch(f"b + c = 0 without a reason for chi2 in mcnemar.undefined: {reasons!r}")
        return "mcnemar_no_discordant"
    for key in chi:
        check_close(f"mcnemar.{key}", got.get(key), ref[key])
    if got.get("undefined"):
        raise Mismatch(f"mcnemar.undefined with b + c > 0: {got['undefined']!r}")
    return "mcnemar_b_eq_c" if ref["a_only"] == ref["b_only"] else "mcnemar"


def check_delong(out, ref):
    got = out.get("delong")
    want = ref.delong
    if not (ref.binary and ref.both_scores):
        reason = out.get("delong_undefined")
        if got is not None:
            raise Mismatch("delong present without scores in both models")
        if not isinstance(reason, str) or not reason.strip():
            raise Mismatch(f"delong absent without a delong_undefined reason: {reason!r}")
        return "delong_absent"
    if want is not None and math.isinf(want["z"]):
        # A difference with no variance: pROC gives Z = ±Inf and p = 0;
        # fitcheck gives z null with a reason, p = 0, CI [d, d].
        if got is None:
            raise Mismatch(f"no delong for a zero-variance difference "
                           f"(delong_undefined: {out.get('delong_undefined')!r})")
        reason = (got.get("undefined") or {}).get("z")
        if got.get("z") is not None or not isinstance(reason, str) or not reason.strip():
            raise Mismatch(f"zero-variance difference: z {got.get('z')!r} (reason {reason!r}); "
                           f"expected null with a reason (pROC: z = {want['z']})")
        if got.get("p") != 0.0 or got.get("ci") != [want["d"], want["d"]]:
            raise Mismatch(f"zero-variance difference: p {got.get('p')!r}, ci {got.get('ci')!r}; "
                           f"pROC: 0 and [{want['d']}, {want['d']}]")
        for key in ("auc_a", "auc_b", "var_a", "var_b", "covariance"):
            check_close(f"delong.{key}", got.get(key), want[key])
        return "delong_zero_variance"
    if want is None:
        if got is not None:
            raise Mismatch(f"delong should be undefined (m={int(ref.y.sum())}, "
                           f"n={int((~ref.y).sum())}), got {got}")
        reason = out.get("delong_undefined")
        if not isinstance(reason, str) or not reason.strip():
            raise Mismatch(f"delong absent without a delong_undefined reason: {reason!r}")
        return "delong_undefined"
    if got is None:
        raise Mismatch(f"no delong (delong_undefined: {out.get('delong_undefined')!r})")
    check_close("delong.auc_a", got["auc_a"], want["auc_a"])
    check_close("delong.auc_b", got["auc_b"], want["auc_b"])
    scale = math.sqrt(want["var_a"] * want["var_b"]) or max(want["var_a"], want["var_b"], 1e-300)
    check_scaled("delong.var_a", got["var_a"], want["var_a"], max(want["var_a"], 1e-300))
    check_scaled("delong.var_b", got["var_b"], want["var_b"], max(want["var_b"], 1e-300))
    check_scaled("delong.covariance", got["covariance"], want["covariance"], scale)
    if want["d"] == 0.0 and want["var_diff"] == 0.0:
        if got["z"] != 0 or got["p"] != 1:
            raise Mismatch(f"identical curves: z {got['z']!r}, p {got['p']!r}; expected 0 and 1")
    if "difference" in got:
        check_close("delong.difference", got["difference"], want["d"])
    check_close("delong.z", got["z"], want["z"])
    check_close("delong.p", got["p"], want["p"])
    ci = got.get("ci")
    if not isinstance(ci, list) or len(ci) != 2:
        raise Mismatch(f"delong.ci {ci!r}")
    check_close("delong.ci[0]", ci[0], want["ci"][0])
    check_close("delong.ci[1]", ci[1], want["ci"][1])
    return "delong_identical" if want["d"] == 0.0 and want["var_diff"] == 0.0 else "delong"


def check_flips(flips, ref):
    for key, rows in (("a_only", ref.a_only), ("b_only", ref.b_only)):
        if flips.get(key) != len(rows):
            raise Mismatch(f"flips.{key}: fitcheck {flips.get(key)!r}, reference {len(rows)}")
        lines = [int(i) + 2 for i in rows[:FLIP_LINES]]
        if flips.get(f"{key}_lines") != lines:
            raise Mismatch(f"flips.{key}_lines: fitcheck {str(flips.get(f'{key}_lines'))[:80]}, "
                           f"reference {str(lines)[:80]}")
        listed = flips.get(f"{key}_rows")
        if listed is not None:
            if [r.get("line") for r in listed] != lines:
                raise Mismatch(f"flips.{key}_rows lines differ from {key}_lines")
            for r in listed[:50]:
                if r.get("truth") != ref.spec.truth[r["line"] - 2]:
                    raise Mismatch(f"flips.{key}_rows line {r['line']}: truth {r.get('truth')!r}, "
                                   f"file {ref.spec.truth[r['line'] - 2]!r}")


def check_delta(out):
    a, b, delta = out["a"], out["b"], out.get("delta") or {}
    for key, value in delta.items():
        if key in a["metrics"]:
            va, vb = a["metrics"][key], b["metrics"][key]
        elif key in ("macro_f1", "weighted_f1"):
            avg = key.split("_")[0]
            va, vb = a["averages"][avg]["f1"], b["averages"][avg]["f1"]
        else:
            continue
        if va is None or vb is None:
            if value is not None:
                raise Mismatch(f"delta.{key} = {value!r} with a or b undefined")
        elif value is None or abs(value - (vb - va)) > 1e-12:
            raise Mismatch(f"delta.{key}: {value!r}, b − a = {vb - va!r}")


def check_bootstrap(out, ref, resamples, seed):
    boot = out.get("bootstrap")
    if boot is None:
        raise Mismatch("no bootstrap")
    if boot.get("resamples") != resamples or boot.get("seed") != seed:
        raise Mismatch(f"bootstrap resamples/seed {boot.get('resamples')}/{boot.get('seed')}, "
                       f"asked {resamples}/{seed}")
    deltas = boot.get("delta") or {}
    if "accuracy" not in deltas:
        raise Mismatch(f"no bootstrap interval for accuracy (ids {sorted(deltas)})")
    for key, entry in deltas.items():
        est, ci = entry.get("estimate"), entry.get("ci")
        want = (out.get("delta") or {}).get(key)
        if want is not None and (est is None or abs(est - want) > 1e-12):
            raise Mismatch(f"bootstrap.delta.{key}.estimate {est!r}, delta {want!r}")
        if ci is None:
            continue
        lo, hi = ci
        if not (-2 <= lo <= hi <= 2):
            raise Mismatch(f"bootstrap.delta.{key}.ci {ci!r}")
        if ref.spec.n >= 200 and est is not None and not (lo - 1e-12 <= est <= hi + 1e-12):
            raise Mismatch(f"bootstrap.delta.{key}.ci {ci!r} misses the estimate {est!r}")


def check_output(out, ref, form, resamples, seed):
    spec = ref.spec
    checked = []
    if out.get("kind") != "comparison":
        raise Mismatch(f"kind {out.get('kind')!r}")
    if out.get("n") != spec.n:
        raise Mismatch(f"n {out.get('n')!r}, expected {spec.n}")
    # A multiclass spec whose small sample holds two classes or fewer may
    # be read as binary; with three or more it must be multiclass.
    task = "binary" if ref.binary else "multiclass" if len(set(spec.truth)) >= 3 else None
    if task is not None and out.get("task_kind") != task:
        raise Mismatch(f"task_kind {out.get('task_kind')!r}, expected {task}")
    models = out.get("models")
    if form == "one_file":
        if models != list(spec.columns):
            raise Mismatch(f"models {models!r}, expected {list(spec.columns)}")
    elif not (isinstance(models, list) and len(models) == 2
              and models[0] in ("before.csv", "before") and models[1] in ("after.csv", "after")):
        raise Mismatch(f"models {models!r}, expected the file names")
    check_report("a", out["a"], ref.metrics(0))
    check_report("b", out["b"], ref.metrics(1))
    for which, k in (("a", 0), ("b", 1)):
        if ref.scores[k] is not None:
            checked.append(check_auc_interval(which, out[which], ref.y, ref.scores[k]))
    want_delta = {}
    ma, mb = ref.metrics(0), ref.metrics(1)
    for key in ma:
        if key in (out.get("delta") or {}):
            want_delta[key] = None if ma[key] is None or mb[key] is None else mb[key] - ma[key]
            got = out["delta"][key]
            if want_delta[key] is None:
                if got is not None:
                    raise Mismatch(f"delta.{key} {got!r}, reference undefined")
            else:
                check_close(f"delta.{key} vs scikit-learn", got, want_delta[key])
    if "accuracy" not in (out.get("delta") or {}):
        raise Mismatch("no delta.accuracy")
    check_delta(out)
    checked.append(check_mcnemar(out.get("mcnemar"), ref.mcnemar, spec.hand))
    checked.append(check_delong(out, ref))
    check_flips(out.get("flips") or {}, ref)
    check_bootstrap(out, ref, resamples, seed)
    verdict = out.get("verdict") or {}
    if verdict.get("status") not in ("better", "worse", "no_detectable_difference"):
        raise Mismatch(f"verdict.status {verdict.get('status')!r}")
    return checked


def bootstrap_args(spec):
    """Fewer resamples for the large files, the default (2,000) otherwise."""
    if spec.n >= 50_000:
        return 500, 7, ["--resamples", "500", "--seed", "7"]
    return 2000, None, []


def check_mixed_task(binary, spec, ref, commands):
    """Truth with two classes, and one model predicting a third.
    Both models give labels: fitcheck compares them over every class of the
    comparison (each report multiclass; a class absent from a model's truth
    and predictions counts with F1 0, as scikit-learn with `labels=` the
    union), so McNemar, accuracy and macro F1 are checked against that.
    A model giving scores: refused (scores need two classes), exit 2 with
    one line naming multiclass."""
    if any(kind == "score" for kind in spec.kinds):
        for args in commands:
            code, _, err = run(binary, args)
            reproducer = "fitcheck " + " ".join(args)
            if code != 2 or "multiclass" not in err or "\n" in err.strip():
                return (f"a score model and a label model predicting a class outside the truth: exit {code}, "
                        f"stderr {err.strip()[:200]!r}; expected exit 2 naming multiclass"), reproducer, []
        return None, reproducer, ["refused_mixed_task"]
    union = sorted(set(spec.truth) | set(ref.preds[0]) | set(ref.preds[1]))
    for args in commands:
        reproducer = "fitcheck " + " ".join(args)
        try:
            _, out = run_json(binary, args)
            if out.get("task_kind") != "multiclass":
                raise Mismatch(f"task_kind {out.get('task_kind')!r}, expected multiclass over the union of labels")
            check_mcnemar(out.get("mcnemar"), ref.mcnemar, None)
            for which, pred in (("a", ref.preds[0]), ("b", ref.preds[1])):
                check_close(f"{which}.metrics.accuracy", out[which]["metrics"]["accuracy"], accuracy_score(spec.truth, pred))
                want = f1_score(spec.truth, pred, labels=union, average="macro", zero_division=0)
                check_close(f"{which}.averages.macro.f1", out[which]["averages"]["macro"]["f1"], want)
        except Mismatch as e:
            return str(e), reproducer, []
    return None, reproducer, ["mixed_task_union"]


def check_spec(binary, spec, paths, index):
    """Runs both forms; returns (problem or None, reproducer, checked)."""
    one, before, after = paths
    resamples, seed, boot = bootstrap_args(spec)
    cmd_one = ["compare", one, "--json"] + spec.kind_args() + boot
    cmd_two = ["compare", before, after, "--json"] + boot
    reproducer = "fitcheck " + " ".join(cmd_one)
    try:
        ref = Reference(spec)
        if ref.mixed_task:
            return check_mixed_task(binary, spec, ref, [cmd_one, cmd_two])
        text_one, out_one = run_json(binary, cmd_one)
        if seed is None:
            seed = (out_one.get("bootstrap") or {}).get("seed")
        checked = check_output(out_one, ref, "one_file", resamples, seed)
        reproducer = "fitcheck " + " ".join(cmd_two)
        _, out_two = run_json(binary, cmd_two)
        check_output(out_two, ref, "two_files", resamples, seed)
        for key in ("mcnemar", "delong", "delta"):
            if out_one.get(key) != out_two.get(key):
                raise Mismatch(f"{key} differs between the one-file and two-file forms")
        for key in ("a_only", "b_only", "a_only_lines", "b_only_lines"):  # rows gain line_b in two files
            if out_one["flips"].get(key) != out_two["flips"].get(key):
                raise Mismatch(f"flips.{key} differs between the one-file and two-file forms")
        if (out_one["bootstrap"] or {}).get("delta") != (out_two["bootstrap"] or {}).get("delta"):
            raise Mismatch("bootstrap.delta differs between the one-file and two-file forms (same seed)")
        if index % 4 == 0 and spec.kinds[0] == spec.kinds[1]:
            for k, path in ((0, before), (1, after)):
                reproducer = f"fitcheck report {path} --json"
                _, single = run_json(binary, ["report", path, "--json"])
                got = out_one["a" if k == 0 else "b"]
                for key in ("metrics", "averages", "confusion", "labels"):
                    if got.get(key) != single.get(key):
                        raise Mismatch(f"{'ab'[k]}.{key} differs from `fitcheck report` on the model alone")
            checked.append("report_equal")
        if index % 10 == 0:
            reproducer = "fitcheck " + " ".join(cmd_one) + "  (twice)"
            text_again, _ = run_json(binary, cmd_one)
            if text_again != text_one:
                raise Mismatch("the same command and seed gave different output")
            checked.append("reproducible")
        return None, reproducer, checked
    except Mismatch as exc:
        return str(exc), reproducer, []
    except Exception as exc:  # a crash in the comparison is a failure too
        return f"{type(exc).__name__}: {exc}", reproducer, []


# ---------------------------------------------------------------------------
# Bad input and seeds
# ---------------------------------------------------------------------------


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w", newline="") as f:
        f.write(text)
    return path


def check_errors(binary, folder):
    """Returns a list of (case, problem, reproducer)."""
    problems = []

    def expect_exit2(case, args, must_contain=()):
        code, out, err = run(binary, args)
        reproducer = "fitcheck " + " ".join(args)
        message = err.strip()
        if code != 2:
            problems.append((case, f"exit {code}, expected 2 (stderr: {message[:200]!r})", reproducer))
        elif not message or "\n" in message:
            problems.append((case, f"expected a one-line message, got {message!r}", reproducer))
        elif "panic" in message.lower():
            problems.append((case, f"panicked: {message!r}", reproducer))
        else:
            missing = [m for m in must_contain if m not in message]
            if missing:
                problems.append((case, f"message {message!r} does not name {missing}", reproducer))

    sub = os.path.join(folder, "errors")
    os.makedirs(sub)
    rows = ["no", "yes", "yes", "no", "yes", "no", "no", "yes"]
    before = write(sub, "before.csv", "y_true,y_pred\n" + "".join(f"{t},yes\n" for t in rows))
    changed = list(rows)
    changed[5] = "yes"  # line 7 of the file: before says no, after says yes
    after = write(sub, "after_mismatch.csv", "y_true,y_pred\n" + "".join(f"{t},no\n" for t in changed))
    expect_exit2("truth mismatch", ["compare", before, after, "--json"], ["7", "no", "yes"])
    short = write(sub, "after_short.csv", "y_true,y_pred\n" + "".join(f"{t},no\n" for t in rows[:-1]))
    expect_exit2("different row counts", ["compare", before, short, "--json"], ["8", "7"])
    expect_exit2("different row counts (longer second)", ["compare", short, before, "--json"], ["8", "7"])
    one_model = write(sub, "one_model.csv", "y_true,a\n" + "".join(f"{t},yes\n" for t in rows))
    expect_exit2("one model column", ["compare", one_model, "--json"])
    pair = write(sub, "pair.csv", "y_true,a,b\n" + "".join(f"{t},yes,no\n" for t in rows))
    expect_exit2("--a names a missing column", ["compare", pair, "--a", "nosuch", "--json"], ["nosuch"])
    expect_exit2("--b names a missing column", ["compare", pair, "--b", "nosuch", "--json"], ["nosuch"])
    return problems


def check_seeds(binary, folder):
    """Another seed moves the intervals; the seed is echoed."""
    rng = np.random.default_rng(SEED + 1)
    n = 600
    y = rng.random(n) < 0.4
    sa = 1 / (1 + np.exp(-(2 * (y - 0.5) + rng.normal(0, 1, n))))
    sb = 1 / (1 + np.exp(-(2.3 * (y - 0.5) + rng.normal(0, 1, n))))
    path = write(folder, "seeds.csv", "y_true,a,b\n" + "".join(
        f"{int(t)},{x!r},{z!r}\n" for t, x, z in zip(y, sa.tolist(), sb.tolist())))
    base = ["compare", path, "--json", "--a-kind", "score", "--b-kind", "score", "--resamples", "300"]
    try:
        _, one = run_json(binary, base + ["--seed", "1"])
        _, two = run_json(binary, base + ["--seed", "2"])
    except Mismatch as exc:
        return [("seeds", str(exc), "fitcheck " + " ".join(base + ["--seed", "1"]))]
    if one["bootstrap"]["seed"] != 1 or two["bootstrap"]["seed"] != 2:
        return [("seeds", "bootstrap.seed does not echo --seed", "fitcheck " + " ".join(base))]
    if one["bootstrap"]["delta"] == two["bootstrap"]["delta"]:
        return [("seeds", "--seed 1 and --seed 2 give the same intervals", "fitcheck " + " ".join(base))]
    return []


# ---------------------------------------------------------------------------


def head(path, lines=4):
    with open(path) as f:
        return "".join(f.readline() for _ in range(lines)).rstrip("\n")


def main():
    try:
        self_test()
    except AssertionError as exc:
        print(f"compare parity: the references fail their self-test: {exc}")
        return 1
    if "--self-test" in sys.argv[1:]:
        print("compare parity: self-test passed (McNemar hand values, DeLong sorted = pairwise, pROC aSAH)")
        return 0
    binary = common.find_binary()
    code, _, err = run(binary, ["compare", "--help"])
    if code != 0:
        print(f"compare parity: {binary} has no `compare` command ({err.strip()[:200]})")
        return 1
    specs = generate_specs()
    assert len(specs) >= 300, len(specs)
    only = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--only=")]
    if only:  # reproducing: the data sets whose names contain any of the words
        specs = [s for s in specs if any(w in s.name for w in only[0].split(","))]
    started = time.time()
    failures = []
    with tempfile.TemporaryDirectory(prefix="compare_parity_") as folder:
        paths = [spec.write(folder) for spec in specs]
        workers = max(2, os.cpu_count() or 2)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as executor:
            results = list(executor.map(lambda a: check_spec(binary, *a),
                                        zip(specs, paths, range(len(specs)))))
        coverage = {}
        for spec, path, (problem, reproducer, checked) in zip(specs, paths, results):
            for what in checked:
                coverage[what] = coverage.get(what, 0) + 1
            if problem is not None:
                failures.append((spec.name, problem, reproducer, head(path[0])))
        extra = check_errors(binary, folder) + check_seeds(binary, folder)
        for case, problem, reproducer in extra:
            failures.append((case, problem, reproducer, ""))
        total = len(specs) + ERROR_CASES + 1
        passed = total - len(failures)
        print(f"compare parity: {passed} passed, {len(failures)} failed "
              f"({len(specs)} paired data sets in two forms, {ERROR_CASES} bad inputs, 1 seed check; "
              f"{time.time() - started:.1f} s)")
        print("compared: " + ", ".join(f"{k} {v}" for k, v in sorted(coverage.items())))
        for name, problem, reproducer, first_lines in failures[:10]:
            print(f"\n{name}: {problem}\n  $ {reproducer}")
            if first_lines:
                print("  " + first_lines.replace("\n", "\n  "))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
