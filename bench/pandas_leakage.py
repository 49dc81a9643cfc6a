#!/usr/bin/env python3
"""The baseline for `fitcheck leakage` in bench/run.py: the same counts in
pandas, with the definitions of tests/parity/leakage_parity.py (deepchecks'
TrainTestSamplesMix and DataDuplicates written out with `merge`,
`drop_duplicates` and `duplicated`).

    .venv/bin/python bench/pandas_leakage.py TRAIN.csv TEST.csv [--label label]

1. pandas.read_csv of both files with its default types. The benchmark's
   files write each value in one spelling (integers, numbers with three
   decimals, text that is never a number), so comparing pandas' parsed
   values is comparing fitcheck's canonical cells.
2. test_in_train: the test rows inner-merged with the distinct training rows
   on every column; test_in_train_ignoring_label: the same on the features;
   conflicting_labels: test rows whose features merge with a training row
   of another label, each test row once; train_duplicates /
   test_duplicates: `duplicated().sum()`.

Prints one JSON line: `ms` (reading and counting, not the imports),
`read_ms`, `count_ms` and the counts.
"""

import argparse
import json
import time

import pandas as pd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("train")
    parser.add_argument("test")
    parser.add_argument("--label", default="label")
    args = parser.parse_args()

    started = time.perf_counter()
    tr = pd.read_csv(args.train)
    te = pd.read_csv(args.test)
    read = time.perf_counter()
    cols = list(tr.columns)
    label = args.label
    feats = [c for c in cols if c != label]
    te = te[cols]

    test_in_train = len(te.merge(tr.drop_duplicates(), on=cols, how="inner"))
    ignoring_label = len(te.merge(tr[feats].drop_duplicates(), on=feats, how="inner"))
    rows = te.reset_index(names="_row")
    pairs = rows.merge(tr.drop_duplicates(), on=feats, how="inner", suffixes=("", "_train"))
    conflicting = int(pairs.loc[pairs[label] != pairs[label + "_train"], "_row"].nunique())
    train_duplicates = int(tr.duplicated().sum())
    test_duplicates = int(te.duplicated().sum())
    done = time.perf_counter()

    print(json.dumps({
        "ms": (done - started) * 1000,
        "read_ms": (read - started) * 1000,
        "count_ms": (done - read) * 1000,
        "train_rows": len(tr),
        "test_rows": len(te),
        "test_in_train": test_in_train,
        "test_in_train_ignoring_label": ignoring_label,
        "conflicting_labels": conflicting,
        "train_duplicates": train_duplicates,
        "test_duplicates": test_duplicates,
    }))


if __name__ == "__main__":
    main()
