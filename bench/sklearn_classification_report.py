#!/usr/bin/env python3
"""The baseline for label files in bench/run.py (issue 11, goal 2): what
people run to get a multiclass report in Python.

    .venv/bin/python bench/sklearn_classification_report.py FILE

pandas.read_csv (default types: string labels become an object column),
then scikit-learn's classification_report (output_dict=True) and
confusion_matrix over the sorted labels. Prints one JSON line whose `ms`
covers reading and both calls, not the imports; `read_ms` is read_csv alone.
"""

import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import classification_report, confusion_matrix


def main():
    path = sys.argv[1]
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    df = pd.read_csv(path)
    y_true = df["y_true"].to_numpy()
    y_pred = df["y_pred"].to_numpy()
    read_ms = (time.perf_counter() - started) * 1000
    report = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    labels = np.unique(np.concatenate([y_true, y_pred]))
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    ms = (time.perf_counter() - started) * 1000
    print(json.dumps({
        "ms": ms,
        "read_ms": read_ms,
        "rows": int(len(df)),
        "labels": [str(x) for x in labels],
        "confusion": cm.tolist(),
        "support": [int(report[str(x)]["support"]) for x in labels],
        "accuracy": float(report["accuracy"]),
        "macro_f1": float(report["macro avg"]["f1-score"]),
        "weighted_f1": float(report["weighted avg"]["f1-score"]),
    }))


if __name__ == "__main__":
    main()
