#!/usr/bin/env python3
"""The baseline: pandas.read_csv and scikit-learn computing the core of the
report fitcheck gives, for bench/run.py.

    .venv/bin/python bench/pandas_report.py FILE [THRESHOLD]

Reads `y_true,score` (label 1 positive, score >= threshold predicts it) or
`y_true,y_pred`, then computes confusion_matrix, precision_recall_fscore_support
with average None/macro/weighted/micro (and binary for score files),
accuracy, balanced accuracy, MCC and Cohen's kappa. Prints one JSON line
whose `ms` covers reading and metrics, not the imports.
"""

import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    cohen_kappa_score,
    confusion_matrix,
    matthews_corrcoef,
    precision_recall_fscore_support,
)


def main():
    path = sys.argv[1]
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    df = pd.read_csv(path)
    y_true = df["y_true"].to_numpy()
    if "score" in df.columns:
        y_pred = (df["score"].to_numpy() >= threshold).astype(y_true.dtype)
        labels = np.array([0, 1], dtype=y_true.dtype)
    else:
        y_pred = df["y_pred"].to_numpy()
        labels = np.unique(np.concatenate([y_true, y_pred]))
    read_ms = (time.perf_counter() - started) * 1000
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    per_class = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None)
    averages = {
        a: precision_recall_fscore_support(y_true, y_pred, labels=labels, average=a)[:3]
        for a in ("macro", "weighted", "micro")
    }
    if "score" in df.columns:
        precision_recall_fscore_support(y_true, y_pred, pos_label=1, average="binary")
    result = {
        "accuracy": accuracy_score(y_true, y_pred),
        "balanced_accuracy": balanced_accuracy_score(y_true, y_pred),
        "mcc": matthews_corrcoef(y_true, y_pred),
        "cohen_kappa": cohen_kappa_score(y_true, y_pred, labels=labels),
    }
    ms = (time.perf_counter() - started) * 1000
    print(json.dumps({
        "ms": ms,
        "read_ms": read_ms,
        "rows": int(len(df)),
        "labels": [str(x) for x in labels],
        "confusion": cm.tolist(),
        "support": per_class[3].tolist(),
        "macro_f1": float(averages["macro"][2]),
        **{k: float(v) for k, v in result.items()},
    }))


if __name__ == "__main__":
    main()
