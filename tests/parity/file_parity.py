#!/usr/bin/env python3
"""A second implementation checks the first, on files: fitcheck against
scikit-learn for whole prediction files.

Generates at least 300 CSV files with a fixed seed into a temporary folder:
binary and multiclass (3-12 classes), numeric and text labels, the same
number spelled several ways in one file (`1`, `1.0`, `01`, `+1`, ` 1 ` are
one class), text labels with spaces around them (trimmed), heavily
imbalanced data, tiny files (1-5 rows), classes missing from the
predictions or from the truth, awkward text (commas, quotes, Unicode),
`;` and tab delimiters, CRLF line endings, extra columns, and score files
(`y_true,score`) with heavy ties and the threshold at exactly a tied score.

Each file is run through

    fitcheck report FILE --json [--threshold T]

and, independently, read back here with the `csv` module and handed to
scikit-learn. Compared, to 1e-12 absolute:

* `labels`: the sorted distinct labels of truth and predictions together,
  by the rule of the design: if every label reads as a finite number they
  are numbers (`1` and `1.0` are one class, sorted numerically), otherwise
  trimmed text sorted by code point. Also checked against scikit-learn's
  own `unique_labels` of the values given to it.
* `confusion` against `confusion_matrix`.
* `per_class` against `precision_recall_fscore_support(average=None)`,
  `averages` against `average="macro" | "weighted" | "micro"`. scikit-learn
  counts a 0/0 per-class value as 0 (its default `zero_division`); fitcheck
  shows it as null in `per_class` and counts it as 0 in the averages. A
  null must come with a zero denominator (computed here in integers) and a
  zero denominator with a null.
* `accuracy`, `balanced_accuracy`, `mcc` (null exactly when scikit-learn's
  denominator is 0, where scikit-learn returns 0.0), `cohen_kappa` (null
  exactly when it is 0/0, where scikit-learn returns nan).
* Binary files: `pos_label` by the design's rule (the one label that reads
  as positive: 1/true/yes/positive/pos/t/y; else the other of the one that
  reads as negative; else the one that sorts last), and precision, recall
  and F1 of that class against `precision_score` etc. with `pos_label`.
  A score at or above the threshold predicts the positive class.

scikit-learn refuses non-integer numbers as class labels ("continuous"),
so files with labels like 0.5 reach it as the rank of each value: the same
classes in the same order.

A file whose data has one label only gets its usual partner (`1` <-> `0`,
`yes` <-> `no`, ...) as fitcheck does for binary reports; scikit-learn is
then given both labels explicitly for the matrix, and the labels present
(in the truth or the predictions) for the per-class rows and averages.

Usage:
    FITCHECK_BIN=target/release/fitcheck .venv/bin/python tests/parity/file_parity.py

FITCHECK_BIN defaults to target/release/fitcheck (relative to the
repository root; common.find_binary). Prints `file parity: N passed, M failed` and exits 1 if
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
from common import is_number, number_name, partner, positive_index

try:
    import numpy as np
    import sklearn
    from sklearn.metrics import (
        accuracy_score,
        balanced_accuracy_score,
        cohen_kappa_score,
        confusion_matrix,
        f1_score,
        matthews_corrcoef,
        precision_recall_fscore_support,
        precision_score,
        recall_score,
    )
    from sklearn.utils.multiclass import unique_labels
except ImportError as exc:  # pragma: no cover - environment check
    common.exit_missing_packages("file_parity.py", exc)

SEED = 20261129
ABS_TOL = 1e-12

# ---------------------------------------------------------------------------
# Generating files
# ---------------------------------------------------------------------------


class Spec:
    """One file to write: its rows and how to read them back."""

    def __init__(self, name, header, rows, truth_col, other_col, scores=False,
                 threshold=None, delimiter=",", eol="\n"):
        self.name = name
        self.header = header
        self.rows = rows
        self.truth_col = truth_col
        self.other_col = other_col
        self.scores = scores
        self.threshold = threshold
        self.delimiter = delimiter
        self.eol = eol


def spell_number(rng, v):
    """One of the ways people write the number v (an int or a float)."""
    if isinstance(v, int) or float(v).is_integer():
        i = int(v)
        forms = [str(i), f"{i}.0", f"{i}.00", f" {i} ", f"{i}e0", f"{i}.0 "]
        if i >= 0:
            forms += [f"+{i}", f"0{i}"]
        return rng.choice(forms)
    forms = [repr(v), f"{v:.6f}", f" {v!r}"]
    if 0 < v < 1:
        forms.append(repr(v)[1:])  # .5
    return rng.choice(forms)


def spaced(rng, text):
    """Text with spaces around it (trimmed by every reader)."""
    return rng.choice(["", " ", "  "]) + text + rng.choice(["", " ", "   "])


def noisy_predictions(rng, truth, classes, accuracy):
    """Predictions right with probability `accuracy`, else a random class."""
    return [t if rng.random() < accuracy else rng.choice(classes) for t in truth]


def label_spec(name, truth, pred, rng, header=("y_true", "y_pred"), extra=False,
               delimiter=None, eol=None):
    delimiter = delimiter or rng.choice([",", ",", ",", ";", "\t"])
    eol = eol or rng.choice(["\n", "\n", "\r\n"])
    if extra:
        rows = [[str(i), t, p, rng.choice(["ok", "check, later", 'said "hm"', ""])]
                for i, (t, p) in enumerate(zip(truth, pred))]
        return Spec(name, ["id", header[0], header[1], "note"], rows, 1, 2,
                    delimiter=delimiter, eol=eol)
    rows = [[t, p] for t, p in zip(truth, pred)]
    return Spec(name, list(header), rows, 0, 1, delimiter=delimiter, eol=eol)


def generate_specs():
    rng = random.Random(SEED)
    specs = []

    def add(spec):
        specs.append(spec)

    # Binary numeric 0/1, moderate sizes, models of every quality.
    for i in range(35):
        n = rng.randint(5, 3000)
        prevalence = rng.uniform(0.05, 0.95)
        truth = ["1" if rng.random() < prevalence else "0" for _ in range(n)]
        pred = noisy_predictions(rng, truth, ["0", "1"], rng.uniform(0, 1))
        add(label_spec(f"binary_01_{i}", truth, pred, rng, extra=i % 5 == 0))

    # Binary text labels, with and without a word that reads as positive.
    pairs = [("ham", "spam"), ("no", "yes"), ("neg", "pos"), ("cat", "dog"),
             ("False", "True"), ("benign", "malignant"), ("negative", "positive"),
             ("N", "Y"), ("other", "fraud"), ("b", "a")]
    for i in range(30):
        a, b = pairs[i % len(pairs)]
        n = rng.randint(5, 2000)
        truth = [rng.choice([a, b]) for _ in range(n)]
        pred = noisy_predictions(rng, truth, [a, b], rng.uniform(0.3, 1))
        truth = [spaced(rng, t) for t in truth]
        pred = [spaced(rng, p) for p in pred]
        header = rng.choice([("y_true", "y_pred"), ("actual", "predicted"), ("label", "prediction")])
        add(label_spec(f"binary_text_{i}", truth, pred, rng, header=header))

    # Binary -1/1 and other numeric pairs, spelled several ways.
    for i in range(15):
        a, b = rng.choice([(-1, 1), (0, 1), (1, 2), (0.5, 1.5), (3, 7)])
        n = rng.randint(5, 1500)
        truth = [rng.choice([a, b]) for _ in range(n)]
        pred = noisy_predictions(rng, truth, [a, b], rng.uniform(0.3, 1))
        add(label_spec(f"binary_numeric_{i}", [spell_number(rng, t) for t in truth],
                       [spell_number(rng, p) for p in pred], rng))

    # Multiclass numeric, 3-12 classes, several spellings of each number.
    for i in range(40):
        k = rng.randint(3, 12)
        classes = rng.sample(range(-5, 40), k) if i % 3 else list(range(k))
        n = rng.randint(20, 3000)
        weights = [rng.random() + 0.05 for _ in classes]
        truth = rng.choices(classes, weights, k=n)
        pred = noisy_predictions(rng, truth, classes, rng.uniform(0.2, 0.95))
        if i % 2:
            truth = [spell_number(rng, t) for t in truth]
            pred = [spell_number(rng, p) for p in pred]
        else:
            truth = [str(t) for t in truth]
            pred = [str(p) for p in pred]
        add(label_spec(f"multi_numeric_{i}", truth, pred, rng, extra=i % 7 == 0))

    # Multiclass decimals (0.5 and .5 and 0.50 are one class).
    for i in range(10):
        k = rng.randint(3, 8)
        classes = sorted({round(rng.uniform(-2, 2), 2) for _ in range(k + 3)})[:k]
        if len(classes) < 3:
            classes = [0.25, 0.5, 0.75]
        n = rng.randint(20, 1000)
        truth = rng.choices(classes, k=n)
        pred = noisy_predictions(rng, truth, classes, rng.uniform(0.3, 0.9))
        add(label_spec(f"multi_decimal_{i}", [spell_number(rng, t) for t in truth],
                       [spell_number(rng, p) for p in pred], rng))

    # Multiclass text, 3-12 classes, trimmed spaces, case and Unicode.
    words = ["cat", "dog", "Cat", "bird", "fish", "élan", "zebra", "Zebra", "ant",
             "New York", "São Paulo", "東京", "a b", "x-ray", "y", "1", "one", "10", "9"]
    for i in range(40):
        k = rng.randint(3, 12)
        classes = rng.sample(words, k)
        n = rng.randint(20, 2500)
        weights = [rng.random() + 0.05 for _ in classes]
        truth = rng.choices(classes, weights, k=n)
        pred = noisy_predictions(rng, truth, classes, rng.uniform(0.2, 0.95))
        add(label_spec(f"multi_text_{i}", [spaced(rng, t) for t in truth],
                       [spaced(rng, p) for p in pred], rng, extra=i % 6 == 0))

    # Awkward text: delimiters, quotes and newlines inside labels.
    awkward = ["a,b", "say \"hi\"", "semi;colon", "tab\there", "two\nlines", "plain",
               "comma, space", "'single'"]
    for i in range(10):
        k = rng.randint(2, 6)
        classes = rng.sample(awkward, k)
        n = rng.randint(10, 500)
        truth = rng.choices(classes, k=n)
        pred = noisy_predictions(rng, truth, classes, rng.uniform(0.3, 0.9))
        add(label_spec(f"awkward_text_{i}", truth, pred, rng, delimiter=",", eol="\n"))

    # Numbers and words in one file: every label is text, so 1 and 1.0 differ.
    for i in range(10):
        classes = rng.sample(["1", "1.0", "2", "02", "one", "two", "0", "nan", "inf"], rng.randint(3, 6))
        if all(is_number(c) for c in classes):
            classes.append("one")
        n = rng.randint(10, 800)
        truth = rng.choices(classes, k=n)
        pred = noisy_predictions(rng, truth, classes, rng.uniform(0.3, 0.9))
        add(label_spec(f"mixed_text_{i}", truth, pred, rng))

    # Heavily imbalanced: binary at 0.2-3 % positives, multiclass with one giant class.
    for i in range(20):
        n = rng.randint(1000, 6000)
        prevalence = rng.uniform(0.002, 0.03)
        truth = ["1" if rng.random() < prevalence else "0" for _ in range(n)]
        pred = [t if rng.random() < 0.97 else ("0" if t == "1" else "1") for t in truth]
        if i % 4 == 0:
            pred = ["0"] * n  # never predicts the rare class
        add(label_spec(f"imbalanced_binary_{i}", truth, pred, rng))
    for i in range(15):
        k = rng.randint(3, 10)
        classes = [f"class_{j}" for j in range(k)]
        n = rng.randint(500, 4000)
        weights = [200.0] + [rng.uniform(0.1, 3) for _ in range(k - 1)]
        truth = rng.choices(classes, weights, k=n)
        pred = noisy_predictions(rng, truth, classes, 0.9)
        if i % 3 == 0:
            pred = ["class_0"] * n
        add(label_spec(f"imbalanced_multi_{i}", truth, pred, rng))

    # Tiny: 1-5 rows.
    for i in range(40):
        n = rng.randint(1, 5)
        if i % 4 == 0:
            pool = ["0", "1"]
        elif i % 4 == 1:
            pool = ["no", "yes"]
        elif i % 4 == 2:
            pool = ["a", "b", "c", "d"]
        else:
            pool = ["1", "2", "3", "1.0", "2.0"]
        truth = [rng.choice(pool) for _ in range(n)]
        pred = [rng.choice(pool) for _ in range(n)]
        if pool[0] == "a" and len(set(truth) | set(pred)) < 2:
            pred[0] = "b" if truth[0] != "b" else "a"
        if pool[0] == "1" and len({float(x) for x in truth + pred}) < 2:
            pred[0] = "2" if float(truth[0]) != 2 else "3"
        add(label_spec(f"tiny_{i}", truth, pred, rng))

    # Classes missing from the predictions or from the truth.
    for i in range(30):
        k = rng.randint(3, 10)
        classes = [str(c) for c in range(k)] if i % 2 else [f"c{c}" for c in range(k)]
        n = rng.randint(20, 1500)
        missing_pred = set(rng.sample(classes, rng.randint(1, k - 2)))
        missing_true = set(rng.sample(classes, rng.randint(1, k - 2)))
        truth_pool = [c for c in classes if c not in missing_true] if i % 3 != 1 else classes
        pred_pool = [c for c in classes if c not in missing_pred] if i % 3 != 2 else classes
        truth = rng.choices(truth_pool, k=n)
        pred = [t if (t in pred_pool and rng.random() < 0.7) else rng.choice(pred_pool) for t in truth]
        add(label_spec(f"missing_classes_{i}", truth, pred, rng))
    for i in range(10):
        # Binary: the truth holds one class, the predictions both.
        n = rng.randint(5, 500)
        only = rng.choice(["0", "1"])
        truth = [only] * n
        pred = [rng.choice(["0", "1"]) for _ in range(n)]
        add(label_spec(f"binary_one_true_class_{i}", truth, pred, rng))

    # Score files with heavy ties; the threshold sits exactly on a tied value.
    score_pairs = [("0", "1"), ("0", "1"), ("neg", "pos"), ("-1", "1"), ("ham", "spam"), ("no", "yes")]
    for i in range(60):
        neg, pos = score_pairs[i % len(score_pairs)]
        n = rng.randint(2, 3000) if i % 10 else rng.randint(1, 5)
        decimals = rng.choice([1, 1, 2])
        logits = i % 5 == 4
        truth, scores = [], []
        for _ in range(n):
            t = rng.random() < rng.uniform(0.2, 0.8)
            truth.append(pos if t else neg)
            if logits:
                s = round(rng.gauss(1.0 if t else -1.0, 1.5), decimals)
            else:
                s = round(min(1.0, max(0.0, rng.gauss(0.65 if t else 0.35, 0.2))), decimals)
            scores.append(s)
        if len(set(truth)) == 1 and partner(truth[0]) is None:
            # One class without a usual partner cannot make a binary report.
            truth[0] = neg if truth[0] == pos else pos
        threshold = rng.choice(scores)  # exactly a tied value
        spelled = [score_spelling(rng, s) for s in scores]
        header = rng.choice([("y_true", "score"), ("y_true", "y_score"), ("label", "prob")])
        rows = [[spaced(rng, t) if rng.random() < 0.2 else t, s] for t, s in zip(truth, spelled)]
        add(Spec(f"scores_{i}", list(header), rows, 0, 1, scores=True, threshold=threshold,
                 delimiter=rng.choice([",", ",", ";", "\t"]), eol=rng.choice(["\n", "\r\n"])))
    return specs


def score_spelling(rng, s):
    """A score as a CSV might hold it; every form parses to the same double."""
    forms = [repr(s), f"{s:.2f}", f"{s:.6f}", f"{s:e}"]
    if 0 < s < 1:
        forms.append(repr(s)[1:])
    return rng.choice(forms)


def write_spec(folder, spec):
    path = os.path.join(folder, spec.name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=spec.delimiter, lineterminator=spec.eol)
        writer.writerow(spec.header)
        writer.writerows(spec.rows)
    return path


# ---------------------------------------------------------------------------
# Reading files back, independently of fitcheck
# ---------------------------------------------------------------------------


def load(path, spec):
    """Truth and predictions (or scores) as trimmed text, with the csv module."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=spec.delimiter))
    header, data = rows[0], rows[1:]
    t = header.index(spec.header[spec.truth_col])
    o = header.index(spec.header[spec.other_col])
    truth = [r[t].strip() for r in data]
    other = [r[o].strip() for r in data]
    return truth, other


class Expected:
    """Labels by the design's rule, and the values to give scikit-learn."""

    def __init__(self, texts):
        distinct = sorted(set(texts))
        self.numeric = all(is_number(x) for x in distinct)
        if self.numeric:
            self.values = sorted({float(x) for x in distinct})
            self.names = [number_name(v) for v in self.values]
        else:
            self.values = sorted(distinct)  # code point order, as numpy sorts str
            self.names = list(self.values)

        # scikit-learn refuses non-integer numbers as class labels (it calls
        # them "continuous"), so such files reach it as the rank of each
        # value: the same classes in the same order.
        self.ranked = self.numeric and not all(v.is_integer() for v in self.values)
        self.rank = {v: i for i, v in enumerate(self.values)}

    def value(self, text):
        """The value handed to scikit-learn for a label as written."""
        if not self.numeric:
            return text
        v = float(text)
        return self.rank[v] if self.ranked else v


# ---------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------


class Checker:
    def __init__(self, name):
        self.name = name
        self.failures = []

    def fail(self, what, detail):
        self.failures.append((what, detail))

    def equal(self, what, got, want):
        if got != want:
            self.fail(what, f"fitcheck {got!r}, expected {want!r}")

    def close(self, what, got, want):
        if got is None or not isinstance(got, (int, float)):
            self.fail(what, f"fitcheck {got!r}, scikit-learn {want!r}")
        elif not math.isfinite(want) or abs(got - want) > ABS_TOL:
            self.fail(what, f"fitcheck {got!r}, scikit-learn {want!r} (diff {abs(got - want) if math.isfinite(want) else 'nan'})")

    def value(self, what, got, want, undefined):
        """`undefined`: the exact denominator is 0, so fitcheck must say null."""
        if undefined:
            if got is not None:
                self.fail(what, f"fitcheck {got!r}, expected null (0/0); scikit-learn {want!r}")
        else:
            self.close(what, got, want)


def check_file(binary, folder, spec):
    path = write_spec(folder, spec)
    c = Checker(spec.name)
    args = [binary, "report", path, "--json"]
    if spec.scores:
        args.append(f"--threshold={spec.threshold!r}")
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        c.fail("exit status", f"{proc.returncode}: {proc.stderr.strip()}")
        return c.failures, path
    report = json.loads(proc.stdout)

    truth_text, other_text = load(path, spec)
    seen = truth_text + ([] if spec.scores else other_text)
    exp = Expected(seen)
    names, values = list(exp.names), list(exp.values)
    if not exp.numeric:
        sk = [str(x) for x in unique_labels(np.array(truth_text), np.array(seen))]
        c.equal("scikit-learn unique_labels agrees with the rule", sk, names)
    elif not exp.ranked:
        sk = [float(x) for x in unique_labels(np.array([float(x) for x in seen]))]
        c.equal("scikit-learn unique_labels agrees with the rule", sk, values)
    c.equal("source.label_rule", report["source"]["label_rule"], "numeric" if exp.numeric else "text")
    c.equal("source.all_labels", report["source"]["all_labels"], names)
    if len(names) == 1:
        other = partner(names[0])
        if other is None:
            c.fail("setup", f"one label {names[0]!r} without a partner")
            return c.failures, path
        names = sorted([names[0], other], key=float if exp.numeric else None)
        if exp.ranked:  # one non-integer label has no usual partner
            c.fail("setup", f"one label {names[0]!r} without a partner")
            return c.failures, path
    values = [exp.value(n) for n in names]
    if exp.numeric:
        got_values = [float(x) for x in report["labels"]]
        c.equal("labels (as numbers)", got_values, [float(n) for n in names])
        c.equal("labels (names)", report["labels"], names)
    else:
        c.equal("labels", report["labels"], names)
    k = len(names)
    c.equal("kind", report["kind"], "binary" if k <= 2 else "multiclass")
    y_true = np.array([exp.value(t) for t in truth_text])
    pos = None
    if k == 2:
        pos = positive_index(names)
        c.equal("pos_label", report.get("pos_label"), names[pos])
    if spec.scores:
        if k != 2:
            c.fail("setup", "a score file needs two classes")
            return c.failures, path
        scores = [float(s) for s in other_text]
        y_pred = np.array([values[pos] if s >= spec.threshold else values[1 - pos] for s in scores])
        c.equal("source.threshold", report["source"]["threshold"], spec.threshold)
    else:
        y_pred = np.array([exp.value(p) for p in other_text])
    n = len(y_true)
    c.equal("n", report["n"], n)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cm = confusion_matrix(y_true, y_pred, labels=values)
        c.equal("confusion", report["confusion"], cm.tolist())
        true_sum = cm.sum(axis=1)
        pred_sum = cm.sum(axis=0)
        diag = np.diag(cm)
        # scikit-learn's labels rule: per-class rows and averages cover the
        # labels present in the truth or the predictions (a one-label file's
        # partner, never seen and never predicted, is left out).
        present = [i for i in range(k) if true_sum[i] + pred_sum[i] > 0]
        present_values = [values[i] for i in present]
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=present_values, average=None)
        rows = report["per_class"]
        c.equal("per_class labels", [row["label"] for row in rows], [names[i] for i in present])
        for j, (i, row) in enumerate(zip(present, rows)):
            label = names[i]
            c.equal(f"per_class[{label}].support", row["support"], int(s[j]))
            c.value(f"per_class[{label}].precision", row["precision"], float(p[j]), pred_sum[i] == 0)
            c.value(f"per_class[{label}].recall", row["recall"], float(r[j]), true_sum[i] == 0)
            c.value(f"per_class[{label}].f1", row["f1"], float(f[j]), true_sum[i] + pred_sum[i] == 0)
        for average in ("macro", "weighted", "micro"):
            ap, ar, af, _ = precision_recall_fscore_support(y_true, y_pred, labels=present_values, average=average)
            got = report["averages"][average]
            c.close(f"averages.{average}.precision", got["precision"], float(ap))
            c.close(f"averages.{average}.recall", got["recall"], float(ar))
            c.close(f"averages.{average}.f1", got["f1"], float(af))
        metrics = report["metrics"]
        c.close("accuracy", metrics["accuracy"], float(accuracy_score(y_true, y_pred)))
        c.close("balanced_accuracy", metrics["balanced_accuracy"], float(balanced_accuracy_score(y_true, y_pred)))
        # Exact denominators, in Python integers.
        t = [int(x) for x in true_sum]
        q = [int(x) for x in pred_sum]
        s2 = n * n
        tp_dot = sum(a * b for a, b in zip(t, q))
        mcc_undefined = s2 - sum(a * a for a in t) == 0 or s2 - sum(b * b for b in q) == 0
        c.value("mcc", metrics["mcc"], float(matthews_corrcoef(y_true, y_pred)), mcc_undefined)
        kappa = float(cohen_kappa_score(y_true, y_pred, labels=values))
        c.value("cohen_kappa", metrics["cohen_kappa"], kappa, s2 - tp_dot == 0)
        if k == 2:
            pv = values[pos]
            tp = int(diag[pos])
            fp = int(pred_sum[pos]) - tp
            fn = int(true_sum[pos]) - tp
            kw = dict(pos_label=pv, labels=values)
            c.value("precision (positive class)", metrics["precision"], float(precision_score(y_true, y_pred, **kw)), tp + fp == 0)
            c.value("recall (positive class)", metrics["recall"], float(recall_score(y_true, y_pred, **kw)), tp + fn == 0)
            c.value("f1 (positive class)", metrics["f1"], float(f1_score(y_true, y_pred, **kw)), 2 * tp + fp + fn == 0)
            c.equal("counts", report["counts"], {"tp": tp, "fn": fn, "fp": fp, "tn": n - tp - fp - fn})
    return c.failures, path


def check_batch(binary, folder, specs):
    out = []
    for spec in specs:
        try:
            failures, path = check_file(binary, folder, spec)
        except Exception as exc:  # a crash in one file is a failure, not the end
            failures = [("exception", repr(exc)[:300])]
            path = os.path.join(folder, spec.name + ".csv")
        head = ""
        if failures:
            with open(path, "rb") as f:
                head = f.read(400).decode("utf-8", "replace")
        out.append((spec.name, failures, head))
    return out


def main():
    started = time.monotonic()
    binary = common.find_binary()
    specs = generate_specs()
    assert len(specs) >= 300, len(specs)
    workers = max(2, os.cpu_count() or 2)
    with tempfile.TemporaryDirectory(prefix="fitcheck-file-parity-") as folder:
        batches = [specs[i::workers] for i in range(workers)]
        # Processes, not threads: scikit-learn's input validation holds the GIL.
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(check_batch, binary, folder, b) for b in batches]
            results = [r for fut in futures for r in fut.result()]
    order = {s.name: i for i, s in enumerate(specs)}
    results.sort(key=lambda r: order[r[0]])
    failed = [r for r in results if r[1]]
    passed = len(results) - len(failed)
    rows = sum(len(s.rows) for s in specs)
    print(
        f"{len(specs)} files, {rows} rows (seed {SEED}), scikit-learn {sklearn.__version__}, "
        f"numpy {np.__version__}, {time.monotonic() - started:.1f}s"
    )
    for name, failures, head in failed[:10]:
        print(f"\n{name}: {len(failures)} failing comparison(s)")
        for what, detail in failures[:8]:
            print(f"  {what}: {detail}")
        print("  file begins:")
        for line in head.splitlines()[:6]:
            print(f"    {line!r}")
    print(f"file parity: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
