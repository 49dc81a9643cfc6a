#!/usr/bin/env python3
"""Benchmark: fitcheck (native and wasm in Node) against pandas + scikit-learn
on large prediction files. It prints figures; it asserts nothing about speed.

    .venv/bin/python bench/run.py [--repeats 3] [--no-build] [--skip-1e7]
        [--only report|compare|leakage|all] [--compare-repeats 1]
        [--leakage-repeats 1]
        [--python-resamples-1e6 2000] [--python-resamples-1e7 20]

with the project's virtual environment (made by `bash scripts/test.sh`,
holding numpy, pandas, scikit-learn and statsmodels from tests/requirements.txt).

1. Generates, once, with a fixed seed, into bench/data/ (git-ignored):
   `scores_1e6.csv` and `scores_1e7.csv` (`y_true,score`, 30 % positives,
   scores with 6 decimals) and `multiclass_1e6.csv` (`y_true,y_pred`,
   10 imbalanced classes, 80 % right), and for the comparison
   `compare_1e6.csv` and `compare_1e7.csv` (`y_true,a,b`: two correlated
   score models, B a little better, 30 % positives, 6 decimals).
2. Builds the native binary (`cargo build --release`) and the wasm package
   for Node (`cargo build --release --lib --target wasm32-unknown-unknown`,
   then `wasm-bindgen --target nodejs --out-dir bench/pkg-node`).
3. Runs, alternating engines and rotating their order every repetition:
   a. `target/release/fitcheck report FILE --json --threshold 0.5`
   b. `node bench/wasm_report.mjs FILE 0.5` (4 MiB chunks into CsvIngest)
   c. `bench/pandas_report.py FILE 0.5` with the same Python (read_csv + scikit-learn),
      with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its
      environment only.
4. The comparison (issue 8), each engine `--compare-repeats` times per file:
   a. `target/release/fitcheck compare FILE --json` (2,000 bootstrap resamples)
   b. `node bench/wasm_compare.mjs FILE` (the Compare tab's wasm door,
      `CompareRead`; left out, with a note, while bench/pkg-node has none)
   c. `bench/pandas_compare.py FILE`: read_csv, scikit-learn metrics of both
      models, statsmodels McNemar and a 2,000-resample paired stratified
      bootstrap in numpy (per-row counts per resample, see its docstring).
      Its bootstrap runs `--python-resamples-1e6` resamples at 1M rows (all
      2,000 by default) and `--python-resamples-1e7` at 10M (20: 2,000 would
      take most of an hour), and its time is extrapolated linearly to 2,000;
      the output says where.
   The metrics of both models, McNemar's counts, exact p and χ² are compared
   across engines (to 1e-9, relative for the p-values); the bootstrap
   intervals come from different generators and are only reported side by
   side (how far apart their ends are, as a share of the width).

5. The leakage check (issue 10), each engine `--leakage-repeats` times:
   `leakage_train_1e7.csv` (10M rows) and `leakage_test_1e6.csv` (1M rows),
   columns `f0,f1,text,label` (an integer, a number with three decimals,
   two words, 0/1), 1% of training rows copies of other training rows; the
   test file has 4% copies of training rows, 1% training features with the
   label flipped and 0.5% copies of other test rows (with --skip-1e7: 1M
   and 100k rows).
   a. `target/release/fitcheck leakage TRAIN TEST --json`
   b. `bench/pandas_leakage.py TRAIN TEST`: read_csv both, then the counts
      by `merge` / `drop_duplicates` / `duplicated` as
      tests/parity/leakage_parity.py defines them.
   The wasm door is left out: bench/pkg-node has no leakage door
   (`LeakageRead`, the page's) yet. The five counts must agree exactly;
   peak memory is also shown per training row (fitcheck keeps 16 bytes of
   hashes per row).

Times: `work` is what the engine spends on the file — reading, parsing,
metrics — as timed inside the child (after Node has loaded the wasm module
and Python has imported pandas and scikit-learn); for the native binary,
which has nothing to load, it is the process's wall time. `wall` is the
whole child process, start-up included. Both are the best of the
repetitions; MB/s is the file size over the best `work` time (MB = 10^6 B).
Peak memory is the child's ru_maxrss (GNU time's %M, see run_child), the
largest over the repetitions, and is compared with the size of the parsed columns:
rows x (4 + 8) bytes for u32 labels and f64 scores, rows x (4 + 4) for two
label columns.

The three engines' confusion matrices and headline metrics are compared, so
a fast wrong answer does not go unnoticed.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
DATA = os.path.join(BENCH, "data")
PKG = os.path.join(BENCH, "pkg-node")
NATIVE = os.path.join(ROOT, "target", "release", "fitcheck")
TIME = "/usr/bin/time"  # GNU time, for each child's peak RSS
WASM = os.path.join(ROOT, "target", "wasm32-unknown-unknown", "release", "fitcheck.wasm")
SEED = 20261129
THRESHOLD = "0.5"
ROWS_PER_BLOCK = 1_000_000

# name, kind, rows
FILES = [
    ("scores_1e6.csv", "scores", 10**6),
    ("scores_1e7.csv", "scores", 10**7),
    ("multiclass_1e6.csv", "labels", 10**6),
]
ENGINES = ["fitcheck native", "fitcheck wasm (Node)", "pandas + sklearn"]

# `fitcheck compare`: name, rows (`y_true,a,b`, binary scores, 30 % positives).
COMPARE_FILES = [("compare_1e6.csv", 10**6), ("compare_1e7.csv", 10**7)]
COMPARE_ENGINES = ["fitcheck native", "fitcheck wasm (Node)", "Python"]
COMPARE_RESAMPLES = 2000  # fitcheck's default; the Python baseline is timed for as many
COMPARE_METRICS = ["accuracy", "f1", "mcc", "roc_auc", "average_precision"]


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------


def generate(path, kind, rows, seed):
    """Writes the file once (to a temporary name, then renamed)."""
    if os.path.exists(path):
        return False
    rng = np.random.default_rng(seed)
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        f.write({"scores": "y_true,score\n", "compare": "y_true,a,b\n"}.get(kind, "y_true,y_pred\n"))
        for start in range(0, rows, ROWS_PER_BLOCK):
            m = min(ROWS_PER_BLOCK, rows - start)
            if kind == "compare":
                # Two correlated score models, B a little better than A.
                truth = (rng.random(m) < 0.3).astype(np.int64)
                shared = rng.normal(0, 0.12, m)
                a = np.clip(0.35 + 0.28 * truth + shared + rng.normal(0, 0.15, m), 0.0, 1.0)
                b = np.clip(0.35 + 0.31 * truth + shared + rng.normal(0, 0.15, m), 0.0, 1.0)
                lines = "\n".join(f"{t},{x:.6f},{z:.6f}"
                                  for t, x, z in zip(truth.tolist(), a.tolist(), b.tolist()))
            elif kind == "scores":
                truth = (rng.random(m) < 0.3).astype(np.int64)
                score = np.clip(rng.normal(0.35 + 0.3 * truth, 0.2), 0.0, 1.0)
                lines = "\n".join(f"{t},{s:.6f}" for t, s in zip(truth.tolist(), score.tolist()))
            else:
                weights = np.array([30, 20, 12, 10, 8, 7, 5, 4, 3, 1], dtype=float)
                truth = rng.choice(10, size=m, p=weights / weights.sum())
                wrong = rng.random(m) >= 0.8
                pred = np.where(wrong, rng.integers(0, 10, m), truth)
                lines = "\n".join(f"{t},{p}" for t, p in zip(truth.tolist(), pred.tolist()))
            f.write(lines)
            f.write("\n")
    os.replace(tmp, path)
    return True


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def run_checked(args, cwd=ROOT):
    print("  $ " + " ".join(args), flush=True)
    subprocess.run(args, cwd=cwd, check=True)


def build():
    run_checked(["cargo", "build", "--release"])
    run_checked(["cargo", "build", "--release", "--lib", "--target", "wasm32-unknown-unknown"])
    run_checked(["wasm-bindgen", "--target", "nodejs", "--out-dir", PKG, WASM])
    # The repository's package.json says "type": "module"; the nodejs target
    # is CommonJS, so its folder says otherwise.
    with open(os.path.join(PKG, "package.json"), "w") as f:
        f.write('{"type": "commonjs"}\n')


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def run_child(args, env=None):
    """Runs one child; returns (wall seconds, peak RSS bytes, stdout).

    The peak RSS comes from GNU time (`%M`), not from wait4 here: Linux
    carries a process's high-water RSS across fork and exec, so a child
    forked from this Python process (which holds numpy and the generated
    data) would report at least this process's own peak.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss_file:
        started = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%M", "-o", rss_file.name] + args,
                              stdout=out, stderr=err, env=env, cwd=ROOT)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode()
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {err.read().decode()[-2000:]}")
        peak_kb = int(rss_file.read().split()[-1])
    return wall, peak_kb * 1024, stdout


def pandas_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def run_engine(engine, path):
    """Returns (work seconds, wall seconds, peak RSS bytes, summary dict)."""
    if engine == "fitcheck native":
        wall, rss, out = run_child([NATIVE, "report", path, "--json", "--threshold", THRESHOLD])
        r = json.loads(out)
        summary = {
            "rows": r["n"],
            "labels": r["labels"],
            "confusion": r["confusion"],
            "accuracy": r["metrics"]["accuracy"],
            "balanced_accuracy": r["metrics"]["balanced_accuracy"],
            "mcc": r["metrics"]["mcc"],
            "cohen_kappa": r["metrics"]["cohen_kappa"],
            "macro_f1": r["averages"]["macro"]["f1"],
        }
        return wall, wall, rss, summary
    if engine == "fitcheck wasm (Node)":
        wall, rss, out = run_child(["node", os.path.join(BENCH, "wasm_report.mjs"), path, THRESHOLD])
    else:
        wall, rss, out = run_child(
            [sys.executable, os.path.join(BENCH, "pandas_report.py"), path, THRESHOLD], env=pandas_env()
        )
    r = json.loads(out)
    return r["ms"] / 1000, wall, rss, r


def compare(name, summaries):
    """Differences between the engines' answers, as text lines."""
    problems = []
    ref_engine, ref = next(iter(summaries.items()))
    for engine, s in summaries.items():
        if s["confusion"] != ref["confusion"]:
            problems.append(f"{name}: {engine} confusion differs from {ref_engine}")
        if [str(x) for x in s["labels"]] != [str(x) for x in ref["labels"]]:
            problems.append(f"{name}: {engine} labels {s['labels']} vs {ref['labels']}")
        for key in ("accuracy", "balanced_accuracy", "mcc", "cohen_kappa", "macro_f1"):
            a, b = s[key], ref[key]
            if a is None or b is None or abs(a - b) > 1e-9:
                problems.append(f"{name}: {engine} {key} {a} vs {ref_engine} {b}")
    return problems


# ---------------------------------------------------------------------------
# The comparison (`fitcheck compare`)
# ---------------------------------------------------------------------------


def wasm_compare_available():
    """Whether bench/pkg-node exports the Compare tab's wasm door."""
    try:
        with open(os.path.join(PKG, "fitcheck.js")) as f:
            return "CompareRead" in f.read()
    except OSError:
        return False


def comparison_summary(r):
    """The numbers compared across engines, from a `kind: comparison` report."""
    return {
        "a": {k: r["a"]["metrics"].get(k) for k in COMPARE_METRICS},
        "b": {k: r["b"]["metrics"].get(k) for k in COMPARE_METRICS},
        "mcnemar": {k: r["mcnemar"].get(k) for k in
                    ("both_right", "a_only", "b_only", "both_wrong", "exact_p", "chi2", "chi2_p",
                     "chi2_corrected", "chi2_corrected_p")},
        "ci": {k: v.get("ci") for k, v in r["bootstrap"]["delta"].items() if k in COMPARE_METRICS},
        "method": r["bootstrap"].get("method"),
        "resamples": r["bootstrap"].get("resamples"),
    }


def run_compare_engine(engine, path, python_resamples):
    """Returns (work seconds, wall seconds, peak RSS bytes, summary)."""
    if engine == "fitcheck native":
        wall, rss, out = run_child([NATIVE, "compare", path, "--json"])
        return wall, wall, rss, comparison_summary(json.loads(out))
    if engine == "fitcheck wasm (Node)":
        wall, rss, out = run_child(["node", os.path.join(BENCH, "wasm_compare.mjs"), path])
        r = json.loads(out)
        summary = comparison_summary(r["report"])
        summary["wasm_memory_bytes"] = r["wasm_memory_bytes"]
        return r["ms"] / 1000, wall, rss, summary
    wall, rss, out = run_child(
        [sys.executable, os.path.join(BENCH, "pandas_compare.py"), path, "--resamples", str(COMPARE_RESAMPLES),
         "--timed-resamples", str(python_resamples)], env=pandas_env())
    r = json.loads(out)
    # The child's wall time covers only the resamples it ran: add the
    # extrapolated rest, so `wall` is comparable too.
    wall += (r["bootstrap_ms_full"] - r["bootstrap_ms"]) / 1000
    summary = {"a": {k: r["a"][k] for k in COMPARE_METRICS}, "b": {k: r["b"][k] for k in COMPARE_METRICS},
               "mcnemar": r["mcnemar"], "ci": r["bootstrap"], "python": r}
    return r["ms"] / 1000, wall, rss, summary


def compare_comparisons(name, summaries):
    """Differences in the comparisons' numbers (the bootstrap intervals,
    drawn by different generators, are reported by compare_intervals)."""
    problems = []
    ref_engine, ref = next(iter(summaries.items()))
    for engine, s in summaries.items():
        for model in ("a", "b"):
            for key in COMPARE_METRICS:
                x, y = s[model][key], ref[model][key]
                if x is None or y is None or abs(x - y) > 1e-9:
                    problems.append(f"{name}: {engine} {model}.{key} {x} vs {ref_engine} {y}")
        for key, y in ref["mcnemar"].items():
            # Relative: the p-values of a million rows are as small as 1e-150.
            x = s["mcnemar"].get(key)
            if x is None or y is None or abs(x - y) > 1e-9 * abs(y):
                problems.append(f"{name}: {engine} mcnemar.{key} {x!r} vs {ref_engine} {y!r}")
    return problems


def compare_intervals(summaries):
    """How far each engine's bootstrap interval ends are from the first
    engine's, as a share of the first engine's interval width."""
    ref_engine, ref = next(iter(summaries.items()))
    lines = []
    for engine, s in list(summaries.items())[1:]:
        parts = []
        for key in COMPARE_METRICS:
            a, b = ref["ci"].get(key), s["ci"].get(key)
            if a and b:
                width = a[1] - a[0]
                parts.append(f"{key} {max(abs(a[0] - b[0]), abs(a[1] - b[1])) / width:.0%}")
        lines.append(f"{engine} vs {ref_engine}: " + ", ".join(parts))
    return lines


def compare_benchmark(args, files):
    """`fitcheck compare` against the same work in Python; returns 1 if the
    engines' numbers disagree."""
    engines = list(COMPARE_ENGINES)
    if not wasm_compare_available():
        # TODO(issue 8): drop this when the wasm door (CompareRead) is on main.
        print("Comparison: bench/pkg-node has no CompareRead yet (the Compare tab's wasm door): "
              "fitcheck wasm (Node) is left out of the comparison benchmark.", flush=True)
        engines.remove("fitcheck wasm (Node)")
    results, summaries = {}, {}
    print(f"Comparison runs (best of {args.compare_repeats}; the Python bootstrap runs "
          f"{args.python_resamples_1e6} resamples at 1M rows and {args.python_resamples_1e7} at 10M, "
          f"extrapolated linearly to {COMPARE_RESAMPLES}):", flush=True)
    for rep in range(args.compare_repeats):
        for name, rows in files:
            path = os.path.join(DATA, name)
            python_resamples = args.python_resamples_1e7 if rows >= 10**7 else args.python_resamples_1e6
            order = engines[rep % len(engines):] + engines[:rep % len(engines)]
            for engine in order:
                work, wall, rss, summary = run_compare_engine(engine, path, python_resamples)
                results.setdefault((name, engine), []).append((work, wall, rss))
                summaries.setdefault(name, {})[engine] = summary
                print(f"  [{rep + 1}/{args.compare_repeats}] {name:<16} {engine:<22} work {work:8.3f}s  "
                      f"wall {wall:8.3f}s  peak {mb(rss):8.1f} MB", flush=True)

    print()
    statsmodels_version = subprocess.run(
        [sys.executable, "-c", "import statsmodels; print(statsmodels.__version__)"],
        capture_output=True, text=True, env=pandas_env()).stdout.strip()
    print(f"Comparison: `fitcheck compare FILE --json` (two score models, {COMPARE_RESAMPLES:,} bootstrap "
          f"resamples) against Python: pandas.read_csv, scikit-learn metrics of both models, statsmodels "
          f"{statsmodels_version} McNemar, and a {COMPARE_RESAMPLES:,}-resample paired stratified bootstrap "
          f"(numpy; bench/pandas_compare.py).")
    header = (f"{'file':<16} {'rows':>11} {'MB':>7}  {'engine':<22} {'work s':>9} {'wall s':>9} "
              f"{'MB/s':>7} {'peak MB':>8}")
    print(header)
    print("-" * len(header))
    problems = []
    for name, rows in files:
        size = os.path.getsize(os.path.join(DATA, name))
        for i, engine in enumerate(engines):
            runs = results[(name, engine)]
            work = min(r[0] for r in runs)
            wall = min(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            label = (name, f"{rows:,}", f"{mb(size):.1f}") if i == 0 else ("", "", "")
            print(f"{label[0]:<16} {label[1]:>11} {label[2]:>7}  {engine:<22} {work:9.3f} {wall:9.3f} "
                  f"{mb(size) / work:7.1f} {mb(rss):8.1f}")
        py = summaries[name]["Python"]["python"]
        note = (f"bootstrap {py['bootstrap_ms'] / 1000:.2f}s for {py['resamples_timed']} resamples, "
                f"extrapolated to {py['bootstrap_ms_full'] / 1000:.1f}s for {py['resamples']}"
                if py["extrapolated"] else f"bootstrap {py['bootstrap_ms'] / 1000:.1f}s")
        print(f"{'':<16} Python parts: read_csv {py['read_ms'] / 1000:.2f}s, scikit-learn metrics "
              f"{py['metrics_ms'] / 1000:.2f}s, statsmodels McNemar {py['mcnemar_ms'] / 1000:.3f}s, {note}")
        best = {e: min(r[0] for r in results[(name, e)]) for e in engines}
        best_wall = {e: min(r[1] for r in results[(name, e)]) for e in engines}
        ratios = [f"{e.replace('fitcheck ', '')} {best['Python'] / best[e]:.1f}x "
                  f"(wall {best_wall['Python'] / best_wall[e]:.1f}x)" for e in engines if e != "Python"]
        print(f"{'':<16} Python time / fitcheck time: " + ",  ".join(ratios))
        if "wasm_memory_bytes" in summaries[name].get("fitcheck wasm (Node)", {}):
            print(f"{'':<16} wasm linear memory after the comparison: "
                  f"{mb(summaries[name]['fitcheck wasm (Node)']['wasm_memory_bytes']):.1f} MB")
        native = summaries[name]["fitcheck native"]
        print(f"{'':<16} fitcheck's bootstrap: {native['method']} ({native['resamples']} resamples)")
        if "instead of" in (native["method"] or ""):
            print(f"{'':<16} NOTE: so fitcheck did not resample for ΔAUC and ΔAP here, while the Python "
                  f"baseline did ({COMPARE_RESAMPLES:,} resamples): the ratios flatter fitcheck on that part.")
        for line in compare_intervals(summaries[name]):
            print(f"{'':<16} bootstrap interval ends apart (share of the width): {line}")
        print()
        problems += compare_comparisons(name, summaries[name])
    if problems:
        print("COMPARISON RESULTS DIFFER:")
        for p in problems:
            print("  " + p)
    else:
        print("All engines give the same metrics of both models (accuracy, F1, MCC, ROC AUC, AP), "
              "McNemar counts, exact p and chi-squared statistics (to 1e-9, relative for tiny p) on every file.")
    return 1 if problems else 0


# ---------------------------------------------------------------------------
# The leakage check (`fitcheck leakage`)
# ---------------------------------------------------------------------------

# (train name, train rows, test name, test rows)
LEAKAGE_FILES = ("leakage_train_1e7.csv", 10**7, "leakage_test_1e6.csv", 10**6)
LEAKAGE_FILES_SMALL = ("leakage_train_1e6.csv", 10**6, "leakage_test_1e5.csv", 10**5)
LEAKAGE_ENGINES = ["fitcheck native", "pandas"]
LEAKAGE_COUNTS = ["train_rows", "test_rows", "test_in_train", "test_in_train_ignoring_label",
                  "conflicting_labels", "train_duplicates", "test_duplicates"]


def leakage_columns(rng, n):
    """Random rows: f0 integer, f1 in thousandths, two word ids, a 0/1 label."""
    return {
        "f0": rng.integers(0, 1_000_000, n),
        "f1": rng.integers(0, 100_000, n),
        "w1": rng.integers(0, 1000, n),
        "w2": rng.integers(0, 1000, n),
        "label": (rng.random(n) < 0.3).astype(np.int64),
    }


def copy_rows(rng, dst, src, share, flip=False):
    """Overwrites a share of dst's rows with random rows of src (the label
    flipped when asked)."""
    n = len(dst["f0"])
    at = rng.choice(n, int(n * share), replace=False)
    frm = rng.integers(0, len(src["f0"]), len(at))
    for key in dst:
        dst[key][at] = src[key][frm]
    if flip:
        dst["label"][at] = 1 - dst["label"][at]
    return at


def write_leakage(path, cols):
    tmp = path + ".tmp"
    n = len(cols["f0"])
    with open(tmp, "w", newline="") as f:
        f.write("f0,f1,text,label\n")
        for start in range(0, n, ROWS_PER_BLOCK):
            part = {k: v[start:start + ROWS_PER_BLOCK].tolist() for k, v in cols.items()}
            f.write("\n".join(f"{a},{b // 1000}.{b % 1000:03d},tok{x} tok{y},{lab}" for a, b, x, y, lab in
                               zip(part["f0"], part["f1"], part["w1"], part["w2"], part["label"])))
            f.write("\n")
    os.replace(tmp, path)


def generate_leakage(spec, seed):
    """Writes the pair once; returns whether it was made now."""
    train_name, train_rows, test_name, test_rows = spec
    train_path, test_path = os.path.join(DATA, train_name), os.path.join(DATA, test_name)
    if os.path.exists(train_path) and os.path.exists(test_path):
        return False
    rng = np.random.default_rng(seed)
    train = leakage_columns(rng, train_rows)
    copy_rows(rng, train, {k: v.copy() for k, v in train.items()}, 0.01)
    test = leakage_columns(rng, test_rows)
    exact = copy_rows(rng, test, train, 0.04)
    rest = np.setdiff1d(np.arange(test_rows), exact)
    flipped = rng.choice(rest, int(test_rows * 0.01), replace=False)
    frm = rng.integers(0, train_rows, len(flipped))
    for key in test:
        test[key][flipped] = train[key][frm]
    test["label"][flipped] = 1 - test["label"][flipped]
    copy_rows(rng, test, {k: v.copy() for k, v in test.items()}, 0.005)
    write_leakage(train_path, train)
    write_leakage(test_path, test)
    return True


def run_leakage_engine(engine, train, test):
    """Returns (work seconds, wall seconds, peak RSS bytes, counts)."""
    if engine == "fitcheck native":
        wall, rss, out = run_child([NATIVE, "leakage", train, test, "--json"])
        r = json.loads(out)
        counts = {"train_rows": r["train_rows"], "test_rows": r["test_rows"]}
        for key in ("test_in_train", "test_in_train_ignoring_label", "conflicting_labels",
                    "train_duplicates", "test_duplicates"):
            counts[key] = r[key]["rows"]
        counts["label"] = r["label"]
        return wall, wall, rss, counts
    wall, rss, out = run_child([sys.executable, os.path.join(BENCH, "pandas_leakage.py"), train, test],
                               env=pandas_env())
    r = json.loads(out)
    return r["ms"] / 1000, wall, rss, r


def leakage_benchmark(args, spec):
    """`fitcheck leakage` against pandas; returns 1 if the counts differ."""
    train_name, train_rows, test_name, test_rows = spec
    train, test = os.path.join(DATA, train_name), os.path.join(DATA, test_name)
    print("Leakage: bench/pkg-node has no leakage wasm door (LeakageRead, the page's) here: "
          "fitcheck wasm (Node) is left out of the leakage benchmark.", flush=True)
    results, counts = {}, {}
    print(f"Leakage runs (best of {args.leakage_repeats}, engines alternating):", flush=True)
    for rep in range(args.leakage_repeats):
        order = LEAKAGE_ENGINES[rep % 2:] + LEAKAGE_ENGINES[:rep % 2]
        for engine in order:
            work, wall, rss, c = run_leakage_engine(engine, train, test)
            results.setdefault(engine, []).append((work, wall, rss))
            counts[engine] = c
            print(f"  [{rep + 1}/{args.leakage_repeats}] {engine:<16} work {work:8.3f}s  wall {wall:8.3f}s  "
                  f"peak {mb(rss):8.1f} MB", flush=True)
    print()
    size = os.path.getsize(train) + os.path.getsize(test)
    hashes = train_rows * 16
    print(f"Leakage: `fitcheck leakage TRAIN TEST --json` against pandas (read_csv both; merge / drop_duplicates "
          f"/ duplicated; bench/pandas_leakage.py) on {train_name} ({train_rows:,} rows, "
          f"{mb(os.path.getsize(train)):.1f} MB) and {test_name} ({test_rows:,} rows, "
          f"{mb(os.path.getsize(test)):.1f} MB).")
    header = (f"{'engine':<16} {'work s':>9} {'wall s':>9} {'MB/s':>7} {'peak MB':>8} "
              f"{'peak B/train row':>16}")
    print(header)
    print("-" * len(header))
    for engine in LEAKAGE_ENGINES:
        runs = results[engine]
        work = min(r[0] for r in runs)
        wall = min(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        print(f"{engine:<16} {work:9.3f} {wall:9.3f} {mb(size) / work:7.1f} {mb(rss):8.1f} "
              f"{rss / train_rows:16.1f}")
    best = {e: min(r[0] for r in results[e]) for e in LEAKAGE_ENGINES}
    best_wall = {e: min(r[1] for r in results[e]) for e in LEAKAGE_ENGINES}
    peak = {e: max(r[2] for r in results[e]) for e in LEAKAGE_ENGINES}
    py = counts["pandas"]
    print(f"pandas parts: read_csv {py['read_ms'] / 1000:.2f}s, merge/duplicated {py['count_ms'] / 1000:.2f}s")
    print(f"pandas time / fitcheck time: {best['pandas'] / best['fitcheck native']:.1f}x "
          f"(wall {best_wall['pandas'] / best_wall['fitcheck native']:.1f}x); "
          f"pandas peak / fitcheck peak: {peak['pandas'] / peak['fitcheck native']:.1f}x")
    print(f"fitcheck's training hashes: {mb(hashes):.1f} MB (16 B per training row); its peak beyond them: "
          f"{mb(peak['fitcheck native'] - hashes):.1f} MB")
    native = counts["fitcheck native"]
    print("counts (fitcheck): " + ", ".join(f"{k} {native[k]:,}" for k in LEAKAGE_COUNTS)
          + f"; label detected: {native['label']}")
    problems = [f"leakage: {k}: fitcheck {native[k]} vs pandas {py[k]}" for k in LEAKAGE_COUNTS
                if native[k] != py[k]]
    if native["label"] != "label":
        problems.append(f"leakage: fitcheck took {native['label']!r} as the label, pandas 'label'")
    if problems:
        print("LEAKAGE COUNTS DIFFER:")
        for p in problems:
            print("  " + p)
    else:
        print("fitcheck and pandas give the same rows, overlap (with and without the label), conflicting "
              "labels and duplicates.")
    print()
    return 1 if problems else 0


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def mb(x):
    return x / 1e6


def describe_machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    versions = subprocess.run(
        [sys.executable, "-c", "import pandas, sklearn, numpy; print(pandas.__version__, sklearn.__version__, numpy.__version__)"],
        capture_output=True, text=True, env=pandas_env(),
    ).stdout.split()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} CPUs; {rustc}; Node {node}; Python {platform.python_version()}, "
        f"pandas {versions[0] if versions else '?'}, scikit-learn {versions[1] if len(versions) > 1 else '?'}, "
        f"numpy {versions[2] if len(versions) > 2 else '?'}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--skip-1e7", action="store_true", help="leave out the 10-million-row files")
    parser.add_argument("--only", choices=["report", "compare", "leakage", "all"], default="all",
                        help="the single-model report benchmark, the comparison benchmark, the leakage "
                             "benchmark, or all three")
    parser.add_argument("--leakage-repeats", type=int, default=1,
                        help="runs of each engine on the leakage pair (best is shown)")
    parser.add_argument("--compare-repeats", type=int, default=1,
                        help="runs of each engine on each comparison file (best is shown)")
    parser.add_argument("--python-resamples-1e6", type=int, default=COMPARE_RESAMPLES,
                        help="bootstrap resamples the Python baseline runs at 1M rows (then extrapolated)")
    parser.add_argument("--python-resamples-1e7", type=int, default=20,
                        help="bootstrap resamples the Python baseline runs at 10M rows (then extrapolated)")
    args = parser.parse_args()

    os.makedirs(DATA, exist_ok=True)
    files = [f for f in FILES if not (args.skip_1e7 and f[2] == 10**7)] \
        if args.only in ("report", "all") else []
    compare_files = [f for f in COMPARE_FILES if not (args.skip_1e7 and f[1] == 10**7)] \
        if args.only in ("compare", "all") else []
    leakage = (LEAKAGE_FILES_SMALL if args.skip_1e7 else LEAKAGE_FILES) \
        if args.only in ("leakage", "all") else None
    print("Data (bench/data/):", flush=True)
    wanted = [(name, kind, rows, SEED + FILES.index((name, kind, rows))) for name, kind, rows in files]
    wanted += [(name, "compare", rows, SEED + 10 + i) for i, (name, rows) in enumerate(compare_files)]
    for name, kind, rows, seed in wanted:
        path = os.path.join(DATA, name)
        t = time.perf_counter()
        made = generate(path, kind, rows, seed)
        state = f"generated in {time.perf_counter() - t:.1f}s" if made else "present"
        print(f"  {name}: {rows:,} rows, {mb(os.path.getsize(path)):.1f} MB, {state}", flush=True)
    if leakage:
        t = time.perf_counter()
        made = generate_leakage(leakage, SEED + 20 + (leakage is LEAKAGE_FILES_SMALL))
        state = f"generated in {time.perf_counter() - t:.1f}s" if made else "present"
        for name, rows in (leakage[:2], leakage[2:]):
            print(f"  {name}: {rows:,} rows, {mb(os.path.getsize(os.path.join(DATA, name))):.1f} MB, {state}",
                  flush=True)
    if not args.no_build:
        print("Build:", flush=True)
        if args.only == "leakage":
            # Native only: the leakage benchmark has no wasm engine.
            run_checked(["cargo", "build", "--release"])
        else:
            build()

    status = report_benchmark(args, files) if files else 0
    if compare_files:
        status |= compare_benchmark(args, compare_files)
    if leakage:
        print(f"Machine: {describe_machine()}")
        status |= leakage_benchmark(args, leakage)
    return status


def report_benchmark(args, files):
    """The single-model report: three engines on FILES; returns 1 if they disagree."""
    results = {}  # (file, engine) -> list of (work, wall, rss)
    summaries = {}  # file -> engine -> summary
    read_ms = {}  # file -> pandas.read_csv times
    wasm_memory = {}  # file -> wasm linear memory after the report (bytes)
    print(f"Runs (best of {args.repeats}, engines alternating):", flush=True)
    for rep in range(args.repeats):
        for name, kind, rows in files:
            path = os.path.join(DATA, name)
            order = ENGINES[rep % len(ENGINES):] + ENGINES[:rep % len(ENGINES)]
            for engine in order:
                work, wall, rss, summary = run_engine(engine, path)
                results.setdefault((name, engine), []).append((work, wall, rss))
                summaries.setdefault(name, {})[engine] = summary
                if "read_ms" in summary:
                    read_ms.setdefault(name, []).append(summary["read_ms"])
                if "wasm_memory_bytes" in summary:
                    wasm_memory[name] = summary["wasm_memory_bytes"]
                print(f"  [{rep + 1}/{args.repeats}] {name:<20} {engine:<22} work {work:8.3f}s  wall {wall:8.3f}s  "
                      f"peak {mb(rss):8.1f} MB", flush=True)

    print()
    print(f"Machine: {describe_machine()}")
    print()
    header = (f"{'file':<20} {'rows':>11} {'MB':>7}  {'engine':<22} {'work s':>8} {'wall s':>8} "
              f"{'MB/s':>7} {'peak MB':>8} {'columns MB':>10} {'peak/cols':>9}")
    print(header)
    print("-" * len(header))
    for name, kind, rows in files:
        size = os.path.getsize(os.path.join(DATA, name))
        columns = rows * (4 + 8 if kind == "scores" else 4 + 4)
        for i, engine in enumerate(ENGINES):
            runs = results[(name, engine)]
            work = min(r[0] for r in runs)
            wall = min(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            first = i == 0
            label = (name, f"{rows:,}", f"{mb(size):.1f}", f"{mb(columns):.1f}") if first else ("", "", "", "")
            print(f"{label[0]:<20} {label[1]:>11} {label[2]:>7}  {engine:<22} {work:8.3f} {wall:8.3f} "
                  f"{mb(size) / work:7.1f} {mb(rss):8.1f} {label[3]:>10} {rss / columns:8.2f}x")
        if name in wasm_memory:
            print(f"{'':<20} wasm linear memory after the report: {mb(wasm_memory[name]):.1f} MB "
                  f"({wasm_memory[name] / columns:.2f}x the columns; the rest of the Node peak is Node itself "
                  f"and its file-read buffers)")
        best = {e: min(r[0] for r in results[(name, e)]) for e in ENGINES}
        best_wall = {e: min(r[1] for r in results[(name, e)]) for e in ENGINES}
        p = ENGINES[2]
        print(f"{'':<20} pandas time / fitcheck time:  native {best[p] / best[ENGINES[0]]:.1f}x "
              f"(wall {best_wall[p] / best_wall[ENGINES[0]]:.1f}x),  wasm {best[p] / best[ENGINES[1]]:.1f}x "
              f"(wall {best_wall[p] / best_wall[ENGINES[1]]:.1f}x);  "
              f"pandas.read_csv alone: {min(read_ms[name]) / 1000:.3f}s")
        print()
    problems = [p for name, _, _ in files for p in compare(name, summaries[name])]
    if problems:
        print("RESULTS DIFFER:")
        for p in problems:
            print("  " + p)
    else:
        print("All three engines give the same confusion matrices, accuracy, balanced accuracy, "
              "MCC, kappa and macro F1 (to 1e-9) on every file.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
