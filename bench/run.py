#!/usr/bin/env python3
"""Benchmark: fitcheck (native, wasm in Node, and the page in headless
Chromium) against pandas + scikit-learn on large prediction files, side by
side in one run, with a check that every engine gives the same numbers. It
prints figures and writes them to bench/results.md; it asserts nothing
about speed (the exit status is 1 only when engines disagree or a run fails).

    .venv/bin/python bench/run.py [--only PARTS] [--skip-1e7] [--repeats 3]
        [--no-build] [--root DIR]... [--compare-repeats 1]
        [--leakage-repeats 1] [--moves 120] [--loads 7]
        [--python-resamples-1e6 2000] [--python-resamples-1e7 20]
        [--results bench/results.md]

with the project's virtual environment (made by `bash scripts/test.sh`,
holding numpy, pandas, scikit-learn and statsmodels from
tests/requirements.txt), and Chromium (`/usr/bin/chromium`, or
CHROMIUM_PATH) for the browser parts. `--skip-1e7` leaves out the
10-million-row files (a quick run: 1M scores, 1M labels, leakage 1M/100k).

PARTS is a comma-separated list of (default `all`):
  report     file → report: native, wasm (Node), pandas + scikit-learn and,
             unless `--no-browser`, the page in Chromium, on every file of 1;
  compare    `fitcheck compare` against Python (issue 8), see 4;
  leakage    `fitcheck leakage` against pandas, and the Leakage check tab, see 5;
  threshold  threshold moves in the page on scores_1e7.csv (scores_1e6.csv
             with --skip-1e7), see 6;
  first      first result after navigation, see 7;
  weight     page weight, see 8.
`browser` is short for threshold,first,weight (the report and leakage
parts run the page as one of their engines).

1. Generates, once, with a fixed seed, into bench/data/ (git-ignored):
   `scores_1e6.csv` and `scores_1e7.csv` (`y_true,score`, 30 % positives,
   scores with 6 decimals), `multiclass_1e6.csv` (`y_true,y_pred`, 10
   imbalanced classes numbered 0-9, 80 % right), `animals_1e6.csv` and
   `animals_1e7.csv` (the same with string labels: cat, dog, bird, fish,
   horse, rabbit, turtle, hamster, parrot, snake, weights 30:20:12:10:8:7:5:4:3:1),
   for the comparison `compare_1e6.csv` and `compare_1e7.csv` (`y_true,a,b`:
   two correlated score models, B a little better, 30 % positives,
   6 decimals), and the leakage pair (see 5).
2. Builds the native binary (`cargo build --release`), the wasm package
   for Node (`cargo build --release --lib --target wasm32-unknown-unknown`,
   then `wasm-bindgen --target nodejs --out-dir bench/pkg-node`) and, for the
   browser parts, the page's wasm (`build_wasm` of scripts/setup-lib.sh, as
   the README's serve command does, into www/pkg, whenever this repository
   is measured: with no --root or a --root naming it; other --root copies
   are measured as they are). `--no-build` uses what is built: the
   harness measures whatever is there.
3. The report (`--repeats` times, engines alternating, their order rotating
   every repetition; best time, largest peak):
   a. `target/release/fitcheck report FILE --json --threshold 0.5`, and
      the same with an older binary when `--native-before BIN` names one
      (a before/after column in the same run)
   b. `node bench/wasm_report.mjs FILE 0.5` (4 MiB chunks into CsvIngest)
   c. score files: `bench/pandas_report.py FILE 0.5` (read_csv +
      scikit-learn: confusion_matrix, precision_recall_fscore_support per
      class and averaged, accuracy, balanced accuracy, MCC, kappa); label
      files: `bench/sklearn_classification_report.py FILE` (read_csv +
      classification_report + confusion_matrix, the reference of issue 11's
      goal 2); both with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed
      from their environment only.
   d. `node bench/browser.mjs read FILE --root ROOT`: the page served by
      ROOT's scripts/serve.py in headless Chromium, file picked → report on
      screen (see bench/browser.mjs), one engine per `--root` (default: this
      repository), a fresh browser each run. Its memory is the peak resident
      set of the tab's renderer process (which runs the page's Web Workers),
      shown beside what that renderer held on the idle page, and its private
      memory footprint as Chromium counts it (RssAnon + VmSwap, its Task
      Manager's "Memory footprint": the resident set without Chromium's own
      code pages, shared by every process); the run output also gives all
      of that browser's processes above the idle page.
   Checked, against fitcheck native: the rows, the confusion matrix (the
   page's matched by label names), accuracy, balanced accuracy, MCC,
   kappa, macro and weighted F1, ROC AUC and average precision, as far as
   each engine computes them: to 1e-9 for engines that give full
   precision, to the 4 decimals the page shows (±5e-5) for the page, whose
   numbers are read off the screen (bench/browser.mjs readNumbers).
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
   c. `node bench/browser.mjs leakage TRAIN TEST --root ROOT`: the Leakage
      check tab, both files picked → report on screen, counts read off the
      measures table.
   The wasm door in Node is left out (bench/pkg-node's LeakageRead needs
   Blobs). The counts must agree exactly; peak memory is also shown per
   training row (fitcheck keeps 16 bytes of hashes per row).
6. Threshold moves (`node bench/browser.mjs threshold FILE`, once per root):
   `--moves` key presses on the slider (a walk of arrow steps and page
   jumps), each timed from the key press to the last DOM change it caused,
   the next press once the page has been quiet for 100 ms; median, p95 and
   worst, with the first move after the load apart; then 60 pointer moves
   of a drag on the ROC chart timed the same way, and a continuous drag (a
   move every 16 ms) with its longest frame. The metrics left on screen are
   checked against `fitcheck report FILE --threshold T` at the threshold the
   page shows. Each key press is also split into its parts (input, worker,
   transit, page, frame, paint; see bench/browser.mjs moveParts) and timed
   to the end of the frame that paints it (key press → painted), which the
   table shows next to key press → metrics on screen (the DOM change).
7. First result (`node bench/browser.mjs first --loads N`): N cold loads
   (fresh browser context, empty cache) per root and address, navigation
   start → the animation frame that first shows a visible metric value
   ("in a frame"; looked for only in frames, so that the measuring forces no
   layout of its own), → the end of that frame, which paints it (the figure
   judged against the goal), and → app.js's own
   first report (its fitcheck-first-result mark); medians are reported. Two
   addresses: the page as it opens, whose report the built site carries in
   its markup (scripts/prerender.mjs), and a link with other counts, which
   app.js must compute.
8. Page weight (`node bench/browser.mjs weight`): every file the page
   requests while opening, visiting every tab, showing the calculator's
   counts comparison and reading a small score
   file (HTML, JS, CSS, wasm), and the other tabs' Web Workers
   (www/*-worker.js, started when their tab reads a file), with its size
   compressed by `gzip -9 -n`, per file and in total, and the part fetched
   when the page opens (by the first result plus a second idle).

Times: `work` is what the engine spends on the file — reading, parsing,
metrics — as timed inside the child (after Node has loaded the wasm module
and Python has imported pandas and scikit-learn; in Chromium, from the file
picked to the report on screen); for the native binary, which has nothing
to load, it is the process's wall time. `wall` is the whole child process,
start-up included (for Chromium: launching the browser and opening the page
too). Both are the best of the repetitions; MB/s is the file size over the
best `work` time (MB = 10^6 B). Peak memory is the child's ru_maxrss (GNU
time's %M, see run_child), the largest over the repetitions, and is compared
with the size of the parsed columns: rows x (1 + 8) bytes for one-byte class
codes (every file here has at most 256 classes) and f64 scores, rows x
(1 + 1) for two label columns.

bench/results.md gets the machine (CPU model, cores, RAM, OS, versions), the
date, the git commit (and whether the tree had changes), the command, and
one table with every figure beside pandas + scikit-learn and the issue's
goal; README.md's Speed section links it. Each child has a timeout; this
process is a child subreaper, so any process a child leaves behind (a
browser or server) is killed by its pid when the child ends.
"""

import argparse
import ctypes
import datetime
import json
import os
import platform
import re
import signal
import statistics
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
# The native engines of the report part: this build, and an older binary
# when --native-before names one (run beside it, alternating, like --root).
NATIVE_BEFORE_ENGINE = "fitcheck native (before)"
NATIVE_BINARIES = {}
TIME = "/usr/bin/time"  # GNU time, for each child's peak RSS
WASM = os.path.join(ROOT, "target", "wasm32-unknown-unknown", "release", "fitcheck.wasm")
SEED = 20261129
THRESHOLD = "0.5"
ROWS_PER_BLOCK = 1_000_000

BROWSER = os.path.join(BENCH, "browser.mjs")
RESULTS_MD = os.path.join(BENCH, "results.md")
CHILD_TIMEOUT = 1800  # seconds: no child runs longer (then it is stopped, with its processes)
PAGE_DIGITS = 5.0001e-5  # the page shows metrics with 4 decimals

# name, kind, rows (the seed is SEED + the index in this list: keep the order)
FILES = [
    ("scores_1e6.csv", "scores", 10**6),
    ("scores_1e7.csv", "scores", 10**7),
    ("multiclass_1e6.csv", "labels", 10**6),
    ("animals_1e6.csv", "strings", 10**6),
    ("animals_1e7.csv", "strings", 10**7),
]
ANIMALS = ["cat", "dog", "bird", "fish", "horse", "rabbit", "turtle", "hamster", "parrot", "snake"]
NATIVE_ENGINE, WASM_ENGINE, PANDAS_ENGINE = "fitcheck native", "fitcheck wasm (Node)", "pandas + sklearn"

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
                if kind == "strings":
                    names = np.array(ANIMALS)
                    lines = "\n".join(f"{t},{p}" for t, p in zip(names[truth].tolist(), names[pred].tolist()))
                else:
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


def build_page():
    """The page's wasm into www/pkg, as the README's serve command builds it."""
    run_checked(["bash", "-c", "source scripts/setup-lib.sh && build_wasm"])


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def become_subreaper():
    """Processes orphaned by a child (a browser whose driver died) are
    re-parented to this process instead of init, so kill_orphans finds them."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def kill_orphans():
    """Kills (by pid) and reaps every process left as this process's child."""
    me = os.getpid()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2:].split()[1]) == me:
            try:
                os.kill(int(d), signal.SIGKILL)
                os.waitpid(int(d), 0)
            except (OSError, ChildProcessError):
                pass


def stop_group(proc):
    """SIGTERM to the child's process group (bench/browser.mjs then closes its
    browser and servers), SIGKILL after 15 s, then any orphan."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    kill_orphans()


def run_child(args, env=None, timeout=CHILD_TIMEOUT):
    """Runs one child; returns (wall seconds, peak RSS bytes, stdout).

    The peak RSS comes from GNU time (`%M`), not from wait4 here: Linux
    carries a process's high-water RSS across fork and exec, so a child
    forked from this Python process (which holds numpy and the generated
    data) would report at least this process's own peak. The child runs in
    its own session; after `timeout` seconds it is stopped with everything
    it started. Its stderr is passed through when PASS_STDERR is set (the
    browser's progress lines).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss_file:
        started = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "%M", "-o", rss_file.name] + args,
                                stdout=out, stderr=err, env=env, cwd=ROOT, start_new_session=True)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            stop_group(proc)
            raise RuntimeError(f"{' '.join(args)} took more than {timeout} s: stopped")
        except BaseException:
            stop_group(proc)
            raise
        finally:
            kill_orphans()
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode()
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {err.read().decode()[-3000:]}")
        peak_kb = int(rss_file.read().split()[-1])
    return wall, peak_kb * 1024, stdout


def pandas_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


BROWSER_ROOTS = {}  # engine name -> site root, filled by main() from --root


def browser_engines(roots):
    """One Chromium engine per site root (named by the root when there are several)."""
    BROWSER_ROOTS.clear()
    for root in roots:
        name = "Chromium" if len(roots) == 1 else f"Chromium {os.path.basename(os.path.normpath(root)) or root}"
        BROWSER_ROOTS[name] = root
    return list(BROWSER_ROOTS)


def run_browser(mode, *args, root=None, timeout=CHILD_TIMEOUT):
    """`node bench/browser.mjs MODE ARGS --root ROOT...`: (wall, peak RSS, parsed JSON)."""
    roots = [root] if root else list(BROWSER_ROOTS.values())
    cmd = ["node", BROWSER, mode, *map(str, args), "--timeout", str(timeout - 30)]
    for r in roots:
        cmd += ["--root", r]
    wall, rss, out = run_child(cmd, timeout=timeout)
    return wall, rss, json.loads(out.strip().splitlines()[-1])


def native_summary(r):
    """The numbers compared across engines, from fitcheck's JSON report."""
    return {
        "rows": r["n"],
        "labels": r["labels"],
        "confusion": r["confusion"],
        "accuracy": r["metrics"]["accuracy"],
        "balanced_accuracy": r["metrics"]["balanced_accuracy"],
        "mcc": r["metrics"]["mcc"],
        "cohen_kappa": r["metrics"]["cohen_kappa"],
        "macro_f1": r["averages"]["macro"]["f1"],
        "weighted_f1": r["averages"]["weighted"]["f1"],
        "roc_auc": r["metrics"].get("roc_auc"),
        "average_precision": r["metrics"].get("average_precision"),
    }


def page_summary(numbers):
    """The numbers read off the page (bench/browser.mjs readNumbers): metrics
    as shown (4 decimals), the confusion matrix keyed by (true, predicted)."""
    c = numbers["confusion"]
    cells = {(t, p): c["counts"][i][j] for i, t in enumerate(c["rows"]) for j, p in enumerate(c["columns"])
             if i < len(c["counts"]) and j < len(c["counts"][i])}
    num = lambda text: None if text in (None, "", "undefined") else float(text)  # noqa: E731
    m = numbers["metrics"]
    summary = {"rows": numbers["rows"], "cells": cells, "tolerance": PAGE_DIGITS}
    for key in ("accuracy", "balanced_accuracy", "mcc", "cohen_kappa", "roc_auc", "average_precision"):
        if key in m:
            summary[key] = num(m[key])
    for key, avg in (("macro_f1", "macro"), ("weighted_f1", "weighted")):
        if avg in numbers["averages"]:
            summary[key] = num(numbers["averages"][avg]["f1"])
    return summary


def classification_engine(kind):
    """The Python baseline's script for a file kind."""
    if kind == "scores":
        return "pandas_report.py", [THRESHOLD]
    return "sklearn_classification_report.py", []


def run_engine(engine, path, kind):
    """Returns (work seconds, wall seconds, peak RSS bytes, summary dict)."""
    if engine in NATIVE_BINARIES:
        wall, rss, out = run_child([NATIVE_BINARIES[engine], "report", path, "--json", "--threshold", THRESHOLD])
        return wall, wall, rss, native_summary(json.loads(out))
    if engine in BROWSER_ROOTS:
        wall, _, r = run_browser("read", path, root=BROWSER_ROOTS[engine])
        run = r["runs"][0]
        summary = page_summary(run["numbers"])
        summary.update(memory=run["memory"], report_ms=run["report_ms"], loaded_ms=run["loaded_ms"],
                       problems=run["problems"])
        return run["shown_ms"] / 1000, wall, run["memory"]["renderer"], summary
    if engine == WASM_ENGINE:
        wall, rss, out = run_child(["node", os.path.join(BENCH, "wasm_report.mjs"), path, THRESHOLD])
    else:
        script, extra = classification_engine(kind)
        wall, rss, out = run_child([sys.executable, os.path.join(BENCH, script), path, *extra], env=pandas_env())
    r = json.loads(out)
    return r["ms"] / 1000, wall, rss, r


def compare(name, summaries):
    """Differences between the engines' answers, as text lines. The
    reference is fitcheck native; the page's confusion matrix is matched by
    label names, its metrics to the 4 decimals it shows."""
    problems = []
    ref_engine = NATIVE_ENGINE if NATIVE_ENGINE in summaries else next(iter(summaries))
    ref = summaries[ref_engine]
    labels = [str(x) for x in ref["labels"]]
    for engine, s in summaries.items():
        if "cells" in s:
            confusion = [[s["cells"].get((t, p)) for p in labels] for t in labels]
            if len(s["cells"]) != len(labels) ** 2:
                problems.append(f"{name}: {engine} shows a {len(s['cells'])}-cell matrix, {ref_engine} has "
                                f"{len(labels) ** 2}")
        else:
            confusion = s["confusion"]
            if [str(x) for x in s["labels"]] != labels:
                problems.append(f"{name}: {engine} labels {s['labels']} vs {ref['labels']}")
        if confusion != ref["confusion"]:
            problems.append(f"{name}: {engine} confusion {confusion} differs from {ref_engine} {ref['confusion']}")
        if s.get("rows") is not None and s["rows"] != ref["rows"]:
            problems.append(f"{name}: {engine} {s['rows']} rows vs {ref_engine} {ref['rows']}")
        tolerance = max(1e-9, s.get("tolerance", 0))
        for key in ("accuracy", "balanced_accuracy", "mcc", "cohen_kappa", "macro_f1", "weighted_f1",
                    "roc_auc", "average_precision"):
            if key not in s or ref.get(key) is None:
                continue  # this engine does not compute it (the page shows ROC AUC only for scores)
            a, b = s[key], ref[key]
            if a is None or abs(a - b) > tolerance:
                problems.append(f"{name}: {engine} {key} {a} vs {ref_engine} {b}")
        for p in s.get("problems") or []:
            problems.append(f"{name}: {engine}: {p}")
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
        RESULTS.setdefault("compare", []).append({"file": name, "rows": rows, "engines": engines, "best": best,
                                                  "peak": {e: max(r[2] for r in results[(name, e)]) for e in engines}})
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
    if engine in BROWSER_ROOTS:
        wall, _, r = run_browser("leakage", train, test, root=BROWSER_ROOTS[engine])
        run = r["runs"][0]
        counts = dict(run["counts"])
        counts.update(memory=run["memory"], problems=run["problems"], label=run["facts"].get("label"))
        return run["shown_ms"] / 1000, wall, run["memory"]["renderer"], counts
    wall, rss, out = run_child([sys.executable, os.path.join(BENCH, "pandas_leakage.py"), train, test],
                               env=pandas_env())
    r = json.loads(out)
    return r["ms"] / 1000, wall, rss, r


def leakage_benchmark(args, spec):
    """`fitcheck leakage` (native and the page) against pandas; returns 1 if the counts differ."""
    train_name, train_rows, test_name, test_rows = spec
    train, test = os.path.join(DATA, train_name), os.path.join(DATA, test_name)
    engines = LEAKAGE_ENGINES + (list(BROWSER_ROOTS) if args.browser else [])
    print("Leakage: the wasm door in Node is left out (the page's LeakageRead reads Blobs); the page runs "
          "it in Chromium." if args.browser else "Leakage: fitcheck wasm is left out (--no-browser).", flush=True)
    results, counts = {}, {}
    print(f"Leakage runs (best of {args.leakage_repeats}, engines alternating):", flush=True)
    for rep in range(args.leakage_repeats):
        order = engines[rep % len(engines):] + engines[:rep % len(engines)]
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
          f"{mb(os.path.getsize(test)):.1f} MB); Chromium: the Leakage check tab, both files picked → report "
          f"on screen, peak = the tab's renderer.")
    header = (f"{'engine':<16} {'work s':>9} {'wall s':>9} {'MB/s':>7} {'peak MB':>8} "
              f"{'peak B/train row':>16}")
    print(header)
    print("-" * len(header))
    best = {e: min(r[0] for r in results[e]) for e in engines}
    best_wall = {e: min(r[1] for r in results[e]) for e in engines}
    peak = {e: max(r[2] for r in results[e]) for e in engines}
    for engine in engines:
        print(f"{engine:<16} {best[engine]:9.3f} {best_wall[engine]:9.3f} {mb(size) / best[engine]:7.1f} "
              f"{mb(peak[engine]):8.1f} {peak[engine] / train_rows:16.1f}")
    py = counts["pandas"]
    print(f"pandas parts: read_csv {py['read_ms'] / 1000:.2f}s, merge/duplicated {py['count_ms'] / 1000:.2f}s")
    for engine in engines:
        if engine != "pandas":
            print(f"pandas time / {engine} time: {best['pandas'] / best[engine]:.1f}x "
                  f"(wall {best_wall['pandas'] / best_wall[engine]:.1f}x); "
                  f"pandas peak / {engine} peak: {peak['pandas'] / peak[engine]:.1f}x")
    print(f"fitcheck's training hashes: {mb(hashes):.1f} MB (16 B per training row); its peak beyond them: "
          f"{mb(peak['fitcheck native'] - hashes):.1f} MB")
    native = counts["fitcheck native"]
    print("counts (fitcheck): " + ", ".join(f"{k} {native[k]:,}" for k in LEAKAGE_COUNTS)
          + f"; label detected: {native['label']}")
    problems = []
    for engine in engines:
        if engine == "fitcheck native":
            continue
        c = counts[engine]
        # The page's measures table has no row counts: it shows the five measures.
        problems += [f"leakage: {k}: fitcheck native {native[k]} vs {engine} {c.get(k)}" for k in LEAKAGE_COUNTS
                     if (k in c or engine == "pandas") and native[k] != c.get(k)]
        if engine in BROWSER_ROOTS:
            shown = [k for k in LEAKAGE_COUNTS if k in c]
            if len(shown) < 5:
                problems.append(f"leakage: {engine} shows only {shown}")
            if c.get("label") != native["label"]:
                problems.append(f"leakage: {engine} took {c.get('label')!r} as the label, fitcheck native "
                                f"{native['label']!r}")
            problems += [f"leakage: {engine}: {p}" for p in c.get("problems") or []]
    if native["label"] != "label":
        problems.append(f"leakage: fitcheck took {native['label']!r} as the label, pandas 'label'")
    if problems:
        print("LEAKAGE COUNTS DIFFER:")
        for p in problems:
            print("  " + p)
    else:
        print("Every engine gives the same overlap (with and without the label), conflicting labels and "
              "duplicates (and fitcheck native and pandas the same rows).")
    print()
    RESULTS["leakage"] = {"train": train_name, "train_rows": train_rows, "test": test_name, "test_rows": test_rows,
                          "bytes": size, "best": best, "peak": peak, "engines": engines, "agree": not problems}
    return 1 if problems else 0


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------


def mb(x):
    return x / 1e6


RESULTS = {}  # what each part measured, for bench/results.md


def machine():
    """CPU model, cores, RAM and OS of this machine."""
    cpu = platform.processor() or platform.machine()
    ram = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            ram = int(f.readline().split()[1]) * 1024
    except OSError:
        pass
    system = platform.system()
    try:
        with open("/etc/os-release") as f:
            system = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line).get(
                "PRETTY_NAME", system).strip('"')
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "os": f"{system}, Linux {platform.release()}"}


def describe_machine():
    m = machine()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    versions = subprocess.run(
        [sys.executable, "-c", "import pandas, sklearn, numpy; print(pandas.__version__, sklearn.__version__, numpy.__version__)"],
        capture_output=True, text=True, env=pandas_env(),
    ).stdout.split()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{m['cpu']}, {m['cores']} CPUs, {mb(m['ram'] or 0) / 1000:.1f} GB RAM, {m['os']}; {rustc}; Node {node}; "
        f"Python {platform.python_version()}, pandas {versions[0] if versions else '?'}, "
        f"scikit-learn {versions[1] if len(versions) > 1 else '?'}, numpy {versions[2] if len(versions) > 2 else '?'}"
    )


PARTS = ["report", "compare", "leakage", "threshold", "first", "weight"]


def parse_parts(text):
    parts = set()
    for p in text.split(","):
        p = p.strip()
        if p == "all":
            parts.update(PARTS)
        elif p == "browser":
            parts.update(["threshold", "first", "weight"])
        elif p in PARTS:
            parts.add(p)
        else:
            raise argparse.ArgumentTypeError(f"unknown part {p!r}: choose from all, browser, {', '.join(PARTS)}")
    return parts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", type=parse_parts, default=set(PARTS),
                        help="comma-separated parts: all (default), report, compare, leakage, threshold, first, "
                             "weight, browser (= threshold,first,weight)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each engine on each report file")
    parser.add_argument("--no-build", action="store_true", help="use the binaries and page already built")
    parser.add_argument("--skip-1e7", action="store_true", help="leave out the 10-million-row files")
    parser.add_argument("--no-browser", dest="browser", action="store_false",
                        help="leave the page in Chromium out of the report and leakage parts")
    parser.add_argument("--root", action="append", default=[],
                        help="a copy of the site (index.html + www/ with www/pkg) for the browser runs; "
                             "repeat for before/after (they alternate); default: this repository")
    parser.add_argument("--native-before", metavar="BIN",
                        help="an older fitcheck binary, run beside this build's in the report part (alternating)")
    parser.add_argument("--leakage-repeats", type=int, default=1,
                        help="runs of each engine on the leakage pair (best is shown)")
    parser.add_argument("--compare-repeats", type=int, default=1,
                        help="runs of each engine on each comparison file (best is shown)")
    parser.add_argument("--moves", type=int, default=120, help="key presses on the slider (threshold part)")
    parser.add_argument("--loads", type=int, default=7, help="cold loads per root (first part)")
    parser.add_argument("--python-resamples-1e6", type=int, default=COMPARE_RESAMPLES,
                        help="bootstrap resamples the Python baseline runs at 1M rows (then extrapolated)")
    parser.add_argument("--python-resamples-1e7", type=int, default=20,
                        help="bootstrap resamples the Python baseline runs at 10M rows (then extrapolated)")
    parser.add_argument("--results", default=RESULTS_MD,
                        help="where to write the results table (default bench/results.md; '-' for nowhere)")
    args = parser.parse_args()
    become_subreaper()
    browser_engines([os.path.abspath(r) for r in args.root] or [ROOT])
    parts = args.only
    started = datetime.datetime.now(datetime.timezone.utc)
    commit = git_commit()

    os.makedirs(DATA, exist_ok=True)
    files = [f for f in FILES if not (args.skip_1e7 and f[2] == 10**7)] if "report" in parts else []
    compare_files = [f for f in COMPARE_FILES if not (args.skip_1e7 and f[1] == 10**7)] \
        if "compare" in parts else []
    leakage = (LEAKAGE_FILES_SMALL if args.skip_1e7 else LEAKAGE_FILES) if "leakage" in parts else None
    threshold_file = next(f for f in FILES if f[0] == ("scores_1e6.csv" if args.skip_1e7 else "scores_1e7.csv"))
    print("Data (bench/data/):", flush=True)
    wanted = [(name, kind, rows, SEED + FILES.index((name, kind, rows))) for name, kind, rows in files]
    if "threshold" in parts and threshold_file not in files:
        wanted.append((*threshold_file, SEED + FILES.index(threshold_file)))
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
    NATIVE_BINARIES[NATIVE_ENGINE] = NATIVE
    if args.native_before:
        NATIVE_BINARIES[NATIVE_BEFORE_ENGINE] = os.path.abspath(args.native_before)
    uses_browser = bool(parts & {"threshold", "first", "weight"}) or (args.browser and bool(parts & {"report", "leakage"}))
    if not args.no_build:
        print("Build:", flush=True)
        if parts & {"report", "compare"}:
            build()
        else:
            run_checked(["cargo", "build", "--release"])
        # The page is built whenever this repository is one of the sites
        # measured (no --root, or --root naming it); other roots are copies
        # measured as they are.
        if uses_browser and (not args.root or any(os.path.realpath(r) == os.path.realpath(ROOT) for r in args.root)):
            build_page()

    status = 0
    try:
        if files:
            status |= report_benchmark(args, files)
        if compare_files:
            status |= compare_benchmark(args, compare_files)
        if leakage:
            status |= leakage_benchmark(args, leakage)
        if "threshold" in parts:
            status |= threshold_benchmark(args, threshold_file)
        if "first" in parts:
            status |= first_benchmark(args)
        if "weight" in parts:
            weight_benchmark(args)
    finally:
        kill_orphans()
    print(f"Machine: {describe_machine()}")
    if args.results != "-":
        write_results(args, started, commit, status)
        print(f"Results written to {os.path.relpath(args.results, ROOT)}")
    return status


def git_commit():
    """The commit measured, with ` (+ uncommitted changes)` when the tree differs from it."""
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                           text=True, cwd=ROOT).stdout.strip()
    branch = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    return f"{head.stdout.strip()} ({branch}){' + uncommitted changes' if dirty else ''}"


def report_benchmark(args, files):
    """The single-model report: every engine on FILES; returns 1 if they disagree."""
    engines = list(NATIVE_BINARIES) + [WASM_ENGINE, PANDAS_ENGINE] + (list(BROWSER_ROOTS) if args.browser else [])
    results = {}  # (file, engine) -> list of (work, wall, rss)
    summaries = {}  # file -> engine -> summary
    read_ms = {}  # file -> pandas.read_csv times
    wasm_memory = {}  # file -> wasm linear memory after the report (bytes)
    browser_memory = {}  # (file, engine) -> [memory dicts]
    print(f"Runs (best of {args.repeats}, engines alternating):", flush=True)
    for rep in range(args.repeats):
        for name, kind, rows in files:
            path = os.path.join(DATA, name)
            order = engines[rep % len(engines):] + engines[:rep % len(engines)]
            for engine in order:
                work, wall, rss, summary = run_engine(engine, path, kind)
                results.setdefault((name, engine), []).append((work, wall, rss))
                summaries.setdefault(name, {})[engine] = summary
                if "read_ms" in summary:
                    read_ms.setdefault(name, []).append(summary["read_ms"])
                if "wasm_memory_bytes" in summary:
                    wasm_memory[name] = summary["wasm_memory_bytes"]
                extra = ""
                if "memory" in summary:
                    browser_memory.setdefault((name, engine), []).append(summary["memory"])
                    extra = (f"  (report {fmt_s(summary['report_ms'])}, Chromium +{mb(summary['memory']['peakAboveIdle']):.0f} MB "
                             f"over the idle page)")
                print(f"  [{rep + 1}/{args.repeats}] {name:<20} {engine:<22} work {work:8.3f}s  wall {wall:8.3f}s  "
                      f"peak {mb(rss):8.1f} MB{extra}", flush=True)
                if engine in BROWSER_ROOTS:
                    status = compare(name, {NATIVE_ENGINE: summaries[name].get(NATIVE_ENGINE) or native_reference(path),
                                            engine: summary})
                    for p in status:
                        print("    DIFFERS: " + p, flush=True)

    print()
    print(f"Machine: {describe_machine()}")
    print("Chromium: work = file picked → report on screen; peak = the tab's renderer process (with its workers).")
    print()
    header = (f"{'file':<20} {'rows':>11} {'MB':>7}  {'engine':<22} {'work s':>8} {'wall s':>8} "
              f"{'MB/s':>7} {'peak MB':>8} {'columns MB':>10} {'peak/cols':>9}")
    print(header)
    print("-" * len(header))
    for name, kind, rows in files:
        size = os.path.getsize(os.path.join(DATA, name))
        # One byte per class code (at most 256 classes, ingest/codes.rs).
        columns = rows * (1 + 8 if kind == "scores" else 1 + 1)
        for i, engine in enumerate(engines):
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
        for engine in engines:
            if (name, engine) in browser_memory:
                m = browser_memory[(name, engine)]
                print(f"{'':<20} {engine}: the tab's renderer held {max(mb(x.get('rendererIdle', 0)) for x in m):.0f} MB "
                      f"before the pick; its private footprint peaked at "
                      f"{max(mb(x.get('rendererFootprint', 0)) for x in m):.0f} MB "
                      f"(idle {max(mb(x.get('rendererIdleFootprint', 0)) for x in m):.0f} MB); all Chromium processes peak {max(mb(x['peakAboveIdle']) for x in m):.0f} MB "
                      f"above the idle page ({max(mb(x['idle']) for x in m):.0f} MB)")
        best = {e: min(r[0] for r in results[(name, e)]) for e in engines}
        best_wall = {e: min(r[1] for r in results[(name, e)]) for e in engines}
        peak = {e: max(r[2] for r in results[(name, e)]) for e in engines}
        ratios = ",  ".join(f"{e.replace('fitcheck ', '')} {best[PANDAS_ENGINE] / best[e]:.1f}x "
                            f"(wall {best_wall[PANDAS_ENGINE] / best_wall[e]:.1f}x)" for e in engines if e != PANDAS_ENGINE)
        print(f"{'':<20} pandas time / fitcheck time:  {ratios};  pandas.read_csv alone: "
              f"{min(read_ms[name]) / 1000:.3f}s")
        print()
        RESULTS.setdefault("report", []).append({
            "file": name, "kind": kind, "rows": rows, "bytes": size, "best": best, "peak": peak,
            "engines": engines, "read_ms": min(read_ms[name]),
            "chromium_above_idle": {e: max(x["peakAboveIdle"] for x in browser_memory[(name, e)])
                                    for e in engines if (name, e) in browser_memory},
            "renderer_idle": {e: max(x.get("rendererIdle", 0) for x in browser_memory[(name, e)])
                              for e in engines if (name, e) in browser_memory},
            "footprint": {e: max(x.get("rendererFootprint", 0) for x in browser_memory[(name, e)])
                          for e in engines if (name, e) in browser_memory},
            "footprint_idle": {e: max(x.get("rendererIdleFootprint", 0) for x in browser_memory[(name, e)])
                               for e in engines if (name, e) in browser_memory},
        })
    problems = [p for name, _, _ in files for p in compare(name, summaries[name])]
    if problems:
        print("RESULTS DIFFER:")
        for p in problems:
            print("  " + p)
    else:
        print("Every engine gives the same confusion matrices, accuracy, balanced accuracy, MCC, kappa and macro F1 "
              "(to 1e-9; the page to the 4 decimals it shows) on every file, as far as each computes them.")
    for entry in RESULTS.get("report", []):
        entry["agree"] = not any(p.startswith(entry["file"] + ":") for p in problems)
    return 1 if problems else 0


def native_reference(path, threshold=THRESHOLD):
    """fitcheck native's numbers for a file (to check the page against)."""
    _, _, out = run_child([NATIVE, "report", path, "--json", "--threshold", str(threshold)])
    return native_summary(json.loads(out))


def fmt_s(ms):
    return "-" if ms is None else f"{ms / 1000:.2f}s"


# ---------------------------------------------------------------------------
# The page alone: threshold moves, first result, page weight
# ---------------------------------------------------------------------------


# A threshold move's parts as bench/browser.mjs splits them (moveParts):
# key press → posted, the worker's own time, the messages' transit, the
# page's handler, the wait for the next frame, that frame's paint, and the
# whole: key press → painted.
MOVE_PARTS = ["input", "worker", "transit", "page", "frame", "paint", "painted"]


def part_line(parts):
    """One line of a move's parts: median/p95 ms of each (those measured)."""
    return ", ".join(f"{k} {parts[k]['median']:.1f}/{parts[k]['p95']:.1f}" for k in MOVE_PARTS
                     if parts.get(k) and parts[k].get("n"))


def threshold_benchmark(args, spec):
    """Threshold moves in the page; returns 1 if the metrics left on screen
    differ from fitcheck native at the threshold the page shows."""
    name, _, rows = spec
    path = os.path.join(DATA, name)
    print(f"Threshold moves on {name} ({rows:,} rows) in Chromium: {args.moves} key presses, a 60-move drag on "
          f"the ROC chart, a continuous drag:", flush=True)
    problems = []
    runs = []
    for engine, root in BROWSER_ROOTS.items():
        _, _, r = run_browser("threshold", path, "--moves", args.moves, root=root)
        run = r["runs"][0]
        keys = run["stats"]
        drag = run["drag_stats"]
        print(f"  {engine}: first move {run['first_ms']:.1f} ms; {keys['n']} key presses: median {keys['median']:.1f} ms, "
              f"p95 {keys['p95']:.1f} ms, worst {keys['worst']:.1f} ms ({run['noops']} without effect); drag "
              f"{drag['n']} moves: median {drag['median']:.1f} ms, p95 {drag['p95']:.1f} ms, worst {drag['worst']:.1f} ms; "
              f"continuous drag: {run['continuous']['frames']} frames in {run['continuous']['ms']:.0f} ms, longest "
              f"{run['continuous']['longest_frame_ms']:.1f} ms", flush=True)
        for when, numbers in zip(("the key presses", "the drags"), run["checks"]):
            m = re.match(r"Threshold ([^:]+):", numbers.get("threshold_sentence") or "")
            if not m:
                problems.append(f"{engine}: no threshold sentence on the page after {when}")
                continue
            threshold = m.group(1)
            check = compare(f"{name} at threshold {threshold} after {when}",
                            {NATIVE_ENGINE: native_reference(path, threshold), engine: page_summary(numbers)})
            problems += check
            print(f"    metrics on screen after {when} (threshold {threshold}): "
                  + ("the same as fitcheck native's" if not check else "DIFFER"), flush=True)
        parts = run.get("part_stats") or {}
        if parts:
            print(f"    key presses, median/p95 ms: {part_line(parts)}; key → painted worst "
                  f"{parts['painted']['worst']:.1f} ms", flush=True)
        problems += [f"{engine}: {p}" for p in run["problems"]]
        runs.append({"engine": engine, "first_ms": run["first_ms"], "keys": keys, "drag": drag,
                     "continuous": run["continuous"], "parts": parts,
                     "drag_parts": run.get("drag_part_stats") or {},
                     "first_parts": run.get("first_parts")})
    for p in problems:
        print("  DIFFERS: " + p)
    print()
    RESULTS["threshold"] = {"file": name, "rows": rows, "runs": runs, "agree": not problems}
    return 1 if problems else 0


def first_benchmark(args):
    """Median of cold loads: navigation start → first metric on screen."""
    _, _, r = run_browser("first", "--loads", args.loads)
    print(f"First result after navigation ({args.loads} cold loads per root, fresh context, scripts/serve.py):")
    out = {}
    problems = []
    for engine, root in BROWSER_ROOTS.items():
        out[engine] = {}
        for kind in ("plain", "linked"):
            runs = [x for x in r["runs"] if x["root"] == root and x["kind"] == kind]
            if not runs:
                continue
            x = {key: statistics.median(run[key] for run in runs) for key in ("first_metric_ms", "painted_ms", "mark_ms")}
            painted = [run["painted_ms"] for run in runs]
            x.update({"min": min(painted), "max": max(painted), "text": sorted({run["metric_text"] for run in runs})})
            out[engine][kind] = x
            print(f"  {engine}, {kind}: painted median {x['painted_ms']:.0f} ms (fastest {x['min']:.0f}, slowest {x['max']:.0f}); "
                  f"in a frame {x['first_metric_ms']:.0f} ms; the page's fitcheck-first-result mark {x['mark_ms']:.0f} ms; "
                  f"first metric shown: {', '.join(x['text'])}")
            problems += [f"{engine} {kind}: {p}" for run in runs for p in run["problems"]]
    for p in problems:
        print("  PROBLEM: " + p)
    print()
    RESULTS["first"] = {"loads": args.loads, "engines": out}
    return 1 if problems else 0


def weight_benchmark(args):
    """Every file the page loads, raw and gzipped at level 9."""
    _, _, r = run_browser("weight")
    out = {}
    for engine, root in BROWSER_ROOTS.items():
        files = next(x["files"] for x in r["roots"] if x["root"] == root)
        total = sum(f["gzip9"] for f in files)
        at_open = sum(f["gzip9"] for f in files if f.get("open"))
        out[engine] = {"files": files, "gzip9": total, "open_gzip9": at_open, "bytes": sum(f["bytes"] for f in files)}
        print(f"Page weight ({engine}): {len(files)} files, {out[engine]['bytes'] / 1000:.1f} kB, "
              f"{total / 1000:.1f} kB gzipped (-9) in total; {at_open / 1000:.1f} kB gzipped fetched when the page opens:")
        for f in sorted(files, key=lambda f: -f["gzip9"]):
            print(f"  {f['path']:<32} {f['bytes'] / 1000:9.1f} kB {f['gzip9'] / 1000:8.1f} kB gzipped"
                  + ("  (at open)" if f.get("open") else ""))
    print()
    RESULTS["weight"] = out


# ---------------------------------------------------------------------------
# bench/results.md
# ---------------------------------------------------------------------------

GOALS = {
    "scores_1e7.csv": "page ≥ 15×, native ≥ 30×; tab ≤ 200 MB",
    "animals_1e7.csv": "≥ 300× (page and native)",
    "scores_1e6.csv": "(goals are set at 10M)",
    "animals_1e6.csv": "(goals are set at 10M)",
}


def secs(x):
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def write_results(args, started, commit, status):
    m = machine()
    lines = [
        "# fitcheck benchmark results",
        "",
        "Written by `.venv/bin/python bench/run.py` (see its docstring for what each figure is).",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {(m['ram'] or 0) / 2**30:.1f} GiB RAM, {m['os']}",
        f"- Versions: {describe_machine().split('; ', 1)[1]}",
        f"- Date: {started.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Commit: {commit}",
        f"- Command: `{' '.join(['.venv/bin/python', 'bench/run.py'] + sys.argv[1:])}`",
        f"- Every engine's numbers agree: {'yes' if status == 0 else 'NO (see the run output)'}",
        "",
        "Times are the best of the repetitions; in the page, from the file picked to the report on screen. "
        "Memory: the process's peak resident set; in the page, the tab's renderer process (which runs its "
        "Web Workers), then its peak private footprint (sampled every 50 ms, so a shorter peak can be missed) as Chromium counts it (RssAnon + VmSwap, what its Task "
        "Manager shows as \"Memory footprint\": the resident set less the file-backed pages, chiefly Chromium's "
        "own code, which every Chromium process maps and shares). Ratios are pandas + scikit-learn's time over fitcheck's.",
        "",
    ]
    report = RESULTS.get("report", [])
    if report:
        browsers = [e for e in report[0]["engines"] if e in BROWSER_ROOTS]
        natives = [e for e in report[0]["engines"] if e in NATIVE_BINARIES]
        head = ["work", "pandas + scikit-learn"] + natives + ["fitcheck wasm (Node)"] + \
               [f"fitcheck in {e}" for e in browsers] + [f"÷ {e.replace('fitcheck ', '')}" for e in natives] + \
               [f"÷ {e}" for e in browsers] + ["goal (issue 11)"]
        lines += ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for e in report:
            what = {"scores": "`y_true,score`", "labels": "labels 0–9", "strings": "string labels"}[e["kind"]]
            ref = "classification_report" if e["kind"] != "scores" else "report"
            b, p = e["best"], e["peak"]
            cells = [f"{e['rows']:,} rows, {what}, {mb(e['bytes']):.0f} MB: file → {ref}",
                     f"{secs(b[PANDAS_ENGINE])}, {mb(p[PANDAS_ENGINE]):.0f} MB",
                     *[f"{secs(b[x])}, {mb(p[x]):.0f} MB" for x in natives],
                     f"{secs(b[WASM_ENGINE])}"]
            cells += [f"{secs(b[x])}, {mb(p[x]):.0f} MB (idle tab {mb(e['renderer_idle'].get(x, 0)):.0f} MB); "
                      f"footprint {mb(e.get('footprint', {}).get(x, 0)):.0f} MB "
                      f"(idle {mb(e.get('footprint_idle', {}).get(x, 0)):.0f} MB)"
                      for x in browsers]
            cells += [f"{b[PANDAS_ENGINE] / b[x]:.1f}×" for x in natives + browsers]
            cells += [GOALS.get(e["file"], "") + ("" if e.get("agree", True) else " — NUMBERS DIFFER")]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    rows = []
    t = RESULTS.get("threshold")
    if t:
        for r in t["runs"]:
            k, d, c = r["keys"], r["drag"], r["continuous"]
            rows.append([f"threshold move, {t['rows']:,} scores ({r['engine']}): key press → metrics on screen",
                         f"first {r['first_ms']:.0f} ms; then {k['n']} moves: median {k['median']:.1f} ms, p95 "
                         f"{k['p95']:.1f} ms, worst {k['worst']:.1f} ms",
                         "p95 ≤ 16 ms, worst ≤ 50 ms"])
            p = r.get("parts") or {}
            if p.get("painted") and p["painted"].get("n"):
                first = (r.get("first_parts") or {}).get("painted")
                rows.append([f"threshold move ({r['engine']}): key press → painted (the end of the frame that shows it)",
                             (f"first {first:.0f} ms; " if first is not None else "")
                             + f"median {p['painted']['median']:.1f} ms, p95 {p['painted']['p95']:.1f} ms, worst "
                             f"{p['painted']['worst']:.1f} ms; parts, median/p95 ms: "
                             + part_line({k: v for k, v in p.items() if k != "painted"}), ""])
            rows.append([f"drag on the ROC chart ({r['engine']})",
                         f"{d['n']} moves: median {d['median']:.1f} ms, p95 {d['p95']:.1f} ms, worst {d['worst']:.1f} ms; "
                         f"continuous drag: longest frame {c['longest_frame_ms']:.0f} ms, {c['over_33ms']} frames over 33 ms",
                         "the display's frame rate"])
    w = RESULTS.get("weight")
    if w:
        for engine, x in w.items():
            parts = ", ".join(f"{f['path'].split('/')[-1]} {f['gzip9'] / 1000:.1f}" for f in
                              sorted(x["files"], key=lambda f: -f["gzip9"]))
            rows.append([f"page weight ({engine}), `gzip -9`: HTML, JS, CSS, wasm", f"**{x['open_gzip9'] / 1000:.1f} kB when "
                         f"the page opens, {x['gzip9'] / 1000:.1f} kB in total** "
                         f"({x['bytes'] / 1000:.0f} kB raw, {len(x['files'])} files; kB: {parts})", "≤ 150 kB"])
    f = RESULTS.get("first")
    if f:
        for engine, kinds in f["engines"].items():
            for kind, x in kinds.items():
                what = "the page as it opens" if kind == "plain" else "a link with other counts (`?tp=12&fn=88&fp=12&tn=4888`)"
                rows.append([f"first result after navigation ({engine}), {what}: median of {f['loads']} cold loads",
                             f"painted {x['painted_ms']:.0f} ms (fastest {x['min']:.0f}, slowest {x['max']:.0f}); "
                             f"in a frame {x['first_metric_ms']:.0f} ms; app.js's first report {x['mark_ms']:.0f} ms", "≤ 300 ms"])
    lk = RESULTS.get("leakage")
    if lk:
        b, p = lk["best"], lk["peak"]
        parts = [f"pandas {secs(b['pandas'])}, {mb(p['pandas']):.0f} MB"] + \
                [f"{e} {secs(b[e])}, {mb(p[e]):.0f} MB ({b['pandas'] / b[e]:.1f}×)" for e in lk["engines"] if e != "pandas"]
        rows.append([f"leakage check, {lk['train_rows']:,} training / {lk['test_rows']:,} test rows",
                     "; ".join(parts) + ("" if lk["agree"] else " — COUNTS DIFFER"), ""])
    if rows:
        lines += ["| work | fitcheck | goal (issue 11) |", "| --- | --- | --- |"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        lines.append("")
    cmp_ = RESULTS.get("compare")
    if cmp_:
        lines += ["Comparison of two models (`fitcheck compare`, 2,000 bootstrap resamples; Python: "
                  "`bench/pandas_compare.py`, its bootstrap extrapolated where it says so in the run output):", "",
                  "| rows | " + " | ".join(cmp_[0]["engines"]) + " |", "|" + " --- |" * (len(cmp_[0]["engines"]) + 1)]
        for c in cmp_:
            lines.append(f"| {c['rows']:,} | " + " | ".join(
                f"{secs(c['best'][e])}, {mb(c['peak'][e]):.0f} MB" for e in c["engines"]) + " |")
        lines.append("")
    with open(args.results, "w") as out:
        out.write("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
