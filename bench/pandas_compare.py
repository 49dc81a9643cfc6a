#!/usr/bin/env python3
"""The baseline for `fitcheck compare` in bench/run.py: the same work in
Python on a `y_true,a,b` file of binary scores (label 1 positive, score >=
threshold predicts it).

    .venv/bin/python bench/pandas_compare.py FILE [--threshold 0.5]
        [--resamples 2000] [--timed-resamples N] [--seed 42]

1. pandas.read_csv.
2. scikit-learn for each model: confusion_matrix, precision/recall/F1
   (binary), accuracy, balanced accuracy, MCC, Cohen's kappa, ROC AUC,
   average precision.
3. statsmodels McNemar: exact (binomial) and χ² with and without the
   continuity correction, on the discordant pairs.
4. A paired bootstrap of ΔAccuracy, ΔF1, ΔMCC, ΔAUC and ΔAP (B − A), 95 %
   percentile intervals, stratified by the true class, vectorised with
   numpy rather than calling scikit-learn per resample: each resample draws
   n_c row indices per class and turns them into per-row counts
   (np.bincount), so a resample costs a few O(n) passes; the counted
   metrics come from a weighted 8-cell table (truth x A right x B right),
   ROC AUC and AP from the weights summed per distinct score (scores grouped
   once, before the loop). Calling roc_auc_score on resampled copies costs
   a sort per resample and would be several times slower.

   With --timed-resamples N (< --resamples) only N resamples run and the
   bootstrap time is extrapolated linearly to --resamples; the intervals are
   then those of the N resamples, and `extrapolated` says so.

Prints one JSON line: `ms` (everything, extrapolated where asked, not the
imports), `read_ms`, `metrics_ms`, `mcnemar_ms`, `bootstrap_ms` (measured)
and `bootstrap_ms_full` (for --resamples), and the figures bench/run.py
checks against fitcheck.
"""

import argparse
import json
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    cohen_kappa_score,
    confusion_matrix,
    matthews_corrcoef,
    precision_recall_fscore_support,
    roc_auc_score,
)
from statsmodels.stats.contingency_tables import mcnemar


def model_metrics(y, score, threshold):
    pred = (score >= threshold).astype(y.dtype)
    cm = confusion_matrix(y, pred, labels=[0, 1])
    p, r, f, _ = precision_recall_fscore_support(y, pred, pos_label=1, average="binary", zero_division=0)
    return pred, {
        "confusion": cm.tolist(),
        "accuracy": accuracy_score(y, pred),
        "precision": p,
        "recall": r,
        "f1": f,
        "balanced_accuracy": balanced_accuracy_score(y, pred),
        "mcc": matthews_corrcoef(y, pred),
        "cohen_kappa": cohen_kappa_score(y, pred),
        "roc_auc": roc_auc_score(y, score),
        "average_precision": average_precision_score(y, score),
    }


class ScoreGroups:
    """One model's scores grouped once: distinct scores in descending
    order, and each positive's and negative's group."""

    def __init__(self, score, pos_rows, neg_rows):
        distinct, inverse = np.unique(-score, return_inverse=True)  # descending scores
        self.groups = len(distinct)
        self.pos_group = inverse[pos_rows]
        self.neg_group = inverse[neg_rows]

    def auc_ap(self, w_pos, w_neg):
        """Weighted ROC AUC and average precision (weights = counts)."""
        tp = np.bincount(self.pos_group, weights=w_pos, minlength=self.groups)
        fp = np.bincount(self.neg_group, weights=w_neg, minlength=self.groups)
        P, N = tp.sum(), fp.sum()
        fp_above = np.cumsum(fp) - fp  # negatives with a higher score
        # AUC: each positive beats the negatives below it, ties count ½.
        auc = (tp * (N - fp_above - 0.5 * fp)).sum() / (P * N)
        ctp, cfp = np.cumsum(tp), np.cumsum(fp)
        keep = tp > 0
        ap = (tp[keep] / P * ctp[keep] / (ctp[keep] + cfp[keep])).sum()
        return auc, ap


def counted(tp, fn, fp, tn):
    n = tp + fn + fp + tn
    acc = (tp + tn) / n
    f1 = 2 * tp / (2 * tp + fp + fn)
    den = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    mcc = np.where(den > 0, (tp * tn - fp * fn) / np.where(den > 0, den, 1), 0.0)
    return acc, f1, mcc


def bootstrap(y, score_a, score_b, pred_a, pred_b, resamples, seed):
    rng = np.random.default_rng(seed)
    pos_rows, neg_rows = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    groups_a = ScoreGroups(score_a, pos_rows, neg_rows)
    groups_b = ScoreGroups(score_b, pos_rows, neg_rows)
    # Cell of each row: A predicts positive, B predicts positive (per class).
    cell_pos = (2 * pred_a[pos_rows] + pred_b[pos_rows]).astype(np.int64)
    cell_neg = (2 * pred_a[neg_rows] + pred_b[neg_rows]).astype(np.int64)
    out = {k: np.empty(resamples) for k in ("accuracy", "f1", "mcc", "roc_auc", "average_precision")}
    m, n = len(pos_rows), len(neg_rows)
    for r in range(resamples):
        w_pos = np.bincount(rng.integers(0, m, m), minlength=m).astype(np.float64)
        w_neg = np.bincount(rng.integers(0, n, n), minlength=n).astype(np.float64)
        cp = np.bincount(cell_pos, weights=w_pos, minlength=4)
        cn = np.bincount(cell_neg, weights=w_neg, minlength=4)
        # A: positive predicted in cells 2, 3; B: in cells 1, 3.
        a = counted(cp[2] + cp[3], cp[0] + cp[1], cn[2] + cn[3], cn[0] + cn[1])
        b = counted(cp[1] + cp[3], cp[0] + cp[2], cn[1] + cn[3], cn[0] + cn[2])
        auc_a, ap_a = groups_a.auc_ap(w_pos, w_neg)
        auc_b, ap_b = groups_b.auc_ap(w_pos, w_neg)
        out["accuracy"][r] = b[0] - a[0]
        out["f1"][r] = b[1] - a[1]
        out["mcc"][r] = b[2] - a[2]
        out["roc_auc"][r] = auc_b - auc_a
        out["average_precision"][r] = ap_b - ap_a
    return {k: np.percentile(v, [2.5, 97.5]).tolist() for k, v in out.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--timed-resamples", type=int, default=None)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    timed = min(args.timed_resamples or args.resamples, args.resamples)

    started = time.perf_counter()
    df = pd.read_csv(args.file)
    y = df["y_true"].to_numpy()
    score_a, score_b = df["a"].to_numpy(), df["b"].to_numpy()
    t_read = time.perf_counter()

    pred_a, metrics_a = model_metrics(y, score_a, args.threshold)
    pred_b, metrics_b = model_metrics(y, score_b, args.threshold)
    t_metrics = time.perf_counter()

    right_a, right_b = pred_a == y, pred_b == y
    b = int(np.sum(right_a & ~right_b))
    c = int(np.sum(~right_a & right_b))
    table = [[int(np.sum(right_a & right_b)), b], [c, int(np.sum(~right_a & ~right_b))]]
    exact = mcnemar(table, exact=True)
    chi2 = mcnemar(table, exact=False, correction=False)
    chi2c = mcnemar(table, exact=False, correction=True)
    t_mcnemar = time.perf_counter()

    intervals = bootstrap(y, score_a, score_b, pred_a, pred_b, timed, args.seed)
    t_boot = time.perf_counter()
    boot_ms = (t_boot - t_mcnemar) * 1000
    boot_full_ms = boot_ms * args.resamples / timed
    ms = (t_mcnemar - started) * 1000 + boot_full_ms

    print(json.dumps({
        "ms": ms,
        "read_ms": (t_read - started) * 1000,
        "metrics_ms": (t_metrics - t_read) * 1000,
        "mcnemar_ms": (t_mcnemar - t_metrics) * 1000,
        "bootstrap_ms": boot_ms,
        "bootstrap_ms_full": boot_full_ms,
        "resamples_timed": timed,
        "resamples": args.resamples,
        "extrapolated": timed < args.resamples,
        "rows": int(len(df)),
        "a": {k: v if k == "confusion" else float(v) for k, v in metrics_a.items()},
        "b": {k: v if k == "confusion" else float(v) for k, v in metrics_b.items()},
        "mcnemar": {"both_right": table[0][0], "a_only": b, "b_only": c, "both_wrong": table[1][1],
                    "exact_p": float(exact.pvalue), "chi2": float(chi2.statistic), "chi2_p": float(chi2.pvalue),
                    "chi2_corrected": float(chi2c.statistic), "chi2_corrected_p": float(chi2c.pvalue)},
        "bootstrap": intervals,
    }))


if __name__ == "__main__":
    main()
