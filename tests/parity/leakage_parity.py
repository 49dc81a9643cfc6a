#!/usr/bin/env python3
"""A second implementation checks the first, on the leakage check:
`fitcheck leakage TRAIN TEST --json` (issue 10) against pandas, with
deepchecks' definitions written out with `merge`, `drop_duplicates` and
`duplicated`, over at least 200 random train/test pairs, exact counts.

Each pair is generated with a fixed seed: 2-4 feature columns of small
integers written in several spellings (`1`, `1.0`, `1e0`, `+1`, `-0`),
text with commas (quoted), empty cells and `nan`/`inf` (text); a label
column (`label`, detected) or none; the test file's columns shuffled; each
file with its own delimiter (`,` `;` tab); a column ignored on some pairs;
normalise-text on some. Rows are drawn from a small pool, so overlaps,
duplicates and conflicting labels are common.

The reference reads both files as text (`dtype=str`, no NA values) and puts
each cell in canonical form by the rule of `src/input/leakage/canonical.rs`:
trimmed; a finite number (Python `float`, no `_`) is `N` + the number
(-0 as 0); anything else `T` + the text (normalised: NFKC, lower case, only
alphanumerics and whitespace kept, whitespace collapsed). Then:

* test_in_train (deepchecks TrainTestSamplesMix): test rows inner-merged with
  the distinct training rows on every compared column;
* test_in_train_ignoring_label: the same on the features;
* conflicting_labels: test rows whose features merge with a training row of
  another label (each test row once);
* train_duplicates / test_duplicates (DataDuplicates): `duplicated().sum()`;
* examples: the first 100 test rows of test_in_train, with the line of the
  first training copy (index + 2).

Run: FITCHECK_BIN=target/debug/fitcheck .venv/bin/python tests/parity/leakage_parity.py
"""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata

import common

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover
    common.exit_missing_packages("leakage_parity.py", exc)

PAIRS = 220
SPELLINGS = {0: ["0", "0.0", "-0", "0e3"], 1: ["1", "1.0", "1e0", "+1", " 1 "], 2: ["2", "2.00", "20e-1"], 3: ["3", "3.0"]}
TEXTS = ["a", "b", "a,b", "", "nan", "inf", "Hello, World", "hello world", "HELLO  world!", "ﬁne", "fine", "x y"]


def canonical(cell, normalise):
    cell = cell.strip(" \t\r\n\f\v")
    if "_" not in cell:
        try:
            x = float(cell)
        except ValueError:
            x = None
        if x is not None and x == x and abs(x) != float("inf"):
            return "N" + (0.0 if x == 0 else x).hex()
    if normalise:
        text = unicodedata.normalize("NFKC", cell).lower()
        text = "".join(c for c in text if c.isalnum() or c.isspace())
        cell = " ".join(text.split())
    return "T" + cell


def make_pair(rng):
    n_features = rng.randint(2, 4)
    kinds = [rng.choice(["num", "text"]) for _ in range(n_features)]
    has_label = rng.random() < 0.8
    names = [f"f{i}" for i in range(n_features)] + (["label"] if has_label else [])

    def cell(kind):
        if kind == "num":
            return rng.choice(SPELLINGS[rng.randint(0, 3)])
        return rng.choice(TEXTS)

    pool_size = rng.randint(1, 12)
    pool = [[cell(k) for k in kinds] for _ in range(pool_size)]

    def rows(n):
        out = []
        for _ in range(n):
            base = rng.choice(pool)
            # Re-spell numbers so equal values come in different forms.
            row = [cell(k) if k == "num" and rng.random() < 0.3 else v for k, v in zip(kinds, base)]
            if rng.random() < 0.1:
                row = [cell(k) for k in kinds]
            if has_label:
                row.append(rng.choice(["0", "1", "pos"]))
            out.append(row)
        return out

    train = rows(rng.randint(1, 40))
    test = rows(rng.randint(1, 40))
    order = list(range(len(names)))
    rng.shuffle(order)
    ignore = []
    if rng.random() < 0.25:
        ignore = [names[rng.randrange(n_features)]]
    normalise = rng.random() < 0.25
    return names, train, test, order, ignore, normalise


def write(path, names, rows, order, delimiter):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow([names[i] for i in order])
        for r in rows:
            w.writerow([r[i] for i in order])


def reference(names, train, test, ignore, normalise):
    cols = [c for c in names if c not in ignore]
    label = "label" if "label" in cols else None
    feats = [c for c in cols if c != label]

    def frame(rows):
        df = pd.DataFrame(rows, columns=names, dtype=str)[cols]
        return df.apply(lambda s: s.map(lambda v: canonical(v, normalise)))

    tr, te = frame(train), frame(test)
    te = te.reset_index().rename(columns={"index": "_row"})
    tr_first = tr.reset_index().drop_duplicates(subset=cols).rename(columns={"index": "_train"})
    full = te.merge(tr_first, on=cols, how="inner").sort_values("_row")
    ign = te.merge(tr[feats].drop_duplicates(), on=feats, how="inner")
    out = {
        "train_rows": len(tr),
        "test_rows": len(te),
        "test_in_train": len(full),
        "test_in_train_ignoring_label": len(ign),
        "train_duplicates": int(tr.duplicated().sum()),
        "test_duplicates": int(te[cols].duplicated().sum()),
        "examples": [
            {"test_line": int(r) + 2, "train_line": int(t) + 2}
            for r, t in zip(full["_row"][:100], full["_train"][:100])
        ],
    }
    if label:
        pairs = te.merge(tr[feats + [label]].drop_duplicates(), on=feats, how="inner", suffixes=("", "_train"))
        out["conflicting_labels"] = int(pairs.loc[pairs[label] != pairs[label + "_train"], "_row"].nunique())
    else:
        out["conflicting_labels"] = None
    return out


def main():
    binary = common.find_binary()
    rng = random.Random(20261202)
    failures = 0
    seen = {"overlap": 0, "conflicts": 0, "duplicates": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for case in range(PAIRS):
            names, train, test, order, ignore, normalise = make_pair(rng)
            train_path = os.path.join(tmp, "train.csv")
            test_path = os.path.join(tmp, "test.csv")
            write(train_path, names, train, list(range(len(names))), rng.choice([",", ";", "\t"]))
            write(test_path, names, test, order, rng.choice([",", ";", "\t"]))
            cmd = [binary, "leakage", train_path, test_path, "--json"]
            if ignore:
                cmd += ["--ignore", ",".join(ignore)]
            if normalise:
                cmd.append("--normalize-text")
            run = subprocess.run(cmd, capture_output=True, text=True)
            if run.returncode != 0:
                print(f"case {case}: exit {run.returncode}: {run.stderr.strip()}", file=sys.stderr)
                failures += 1
                continue
            got = json.loads(run.stdout)
            want = reference(names, train, test, ignore, normalise)
            seen["overlap"] += want["test_in_train"] > 0
            seen["conflicts"] += (want["conflicting_labels"] or 0) > 0
            seen["duplicates"] += want["test_duplicates"] + want["train_duplicates"] > 0
            have = {
                "train_rows": got["train_rows"],
                "test_rows": got["test_rows"],
                "test_in_train": got["test_in_train"]["rows"],
                "test_in_train_ignoring_label": got["test_in_train_ignoring_label"]["rows"],
                "train_duplicates": got["train_duplicates"]["rows"],
                "test_duplicates": got["test_duplicates"]["rows"],
                "examples": got["examples"],
                "conflicting_labels": (got["conflicting_labels"] or {}).get("rows"),
            }
            ratio_ok = got["test_in_train"]["ratio"] == want["test_in_train"] / want["test_rows"]
            if have != want or not ratio_ok:
                failures += 1
                print(f"case {case}: fitcheck {have}\n  pandas  {want}", file=sys.stderr)
    if failures:
        print(f"leakage parity: {failures} of {PAIRS} pairs differ", file=sys.stderr)
        sys.exit(1)
    print(
        f"leakage parity: {PAIRS} train/test pairs, every count equal to pandas "
        f"({seen['overlap']} with overlap, {seen['conflicts']} with conflicting labels, "
        f"{seen['duplicates']} with duplicates)"
    )


if __name__ == "__main__":
    main()
