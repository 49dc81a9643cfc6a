"""What the three parity scripts share: where the repository and the fitcheck
binary are, what to say when the Python packages are missing, and the
design's label rules (which labels are numbers, how labels sort, which label
is the positive class, a lone label's partner).

The scripts import it as `common` (it sits in their folder, which Python puts
first on `sys.path` when it runs a script). It uses the standard library only,
so it can explain a missing package before importing one.
"""

import math
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV_PYTHON = os.path.join(".venv", "bin", "python")


# ---------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------


def exit_missing_packages(script, exc):
    """Says how to get the packages in tests/requirements.txt, and exits 1."""
    print(
        f"{script} needs the packages in tests/requirements.txt ({exc}).\n"
        f"`bash scripts/test.sh` installs them into the project's virtual environment "
        f"(.venv) and runs this script with it; by hand:\n"
        f"  python3 -m venv .venv && {VENV_PYTHON} -m pip install -r tests/requirements.txt\n"
        f"  FITCHECK_BIN=target/release/fitcheck {VENV_PYTHON} tests/parity/{script}",
        file=sys.stderr,
    )
    sys.exit(1)


def find_binary():
    """The fitcheck binary: FITCHECK_BIN, else target/release/fitcheck.

    A relative path is taken from the repository root, a bare name from PATH.
    A missing binary under the repository's target/ folder is built with cargo
    (release or debug, as its path says); any other missing binary is an error.
    """
    wanted = os.environ.get("FITCHECK_BIN", os.path.join("target", "release", "fitcheck"))
    if os.sep not in wanted:
        path = shutil.which(wanted) or wanted
    elif os.path.isabs(wanted):
        path = wanted
    else:
        path = os.path.join(REPO, wanted)
    target = os.path.join(REPO, "target")
    if not os.path.exists(path) and os.path.dirname(os.path.dirname(path)) == target:
        release = os.path.basename(os.path.dirname(path)) == "release"
        cmd = ["cargo", "build", "--bin", "fitcheck"] + (["--release"] if release else [])
        print(f"building {path}: {' '.join(cmd)}", file=sys.stderr)
        subprocess.run(cmd, cwd=REPO, check=True)
    if not os.path.exists(path):
        print(
            f"no fitcheck binary at {path}: run `cargo build --release` or set FITCHECK_BIN",
            file=sys.stderr,
        )
        sys.exit(2)
    return path


# ---------------------------------------------------------------------------
# The design's label rules
# ---------------------------------------------------------------------------

# Labels that read as the positive or the negative class (compared in lower case).
POSITIVE_WORDS = ["1", "true", "yes", "positive", "pos", "t", "y"]
NEGATIVE_WORDS = ["0", "false", "no", "negative", "neg", "f", "n", "-1"]

# A file whose data has one label only gets this label's partner.
PARTNERS = [
    ("1", "0"),
    ("true", "false"),
    ("yes", "no"),
    ("positive", "negative"),
    ("pos", "neg"),
    ("t", "f"),
    ("y", "n"),
]


def is_number(text):
    """Whether a label reads as a finite number (`1`, ` 1.0 `, `+1`, `1e0`)."""
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def number_name(v):
    """fitcheck's name for a numeric class: the shortest form (1.0 -> 1)."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def label_names(texts):
    """The distinct labels as fitcheck names and sorts them: if every label
    reads as a finite number they are numbers (`1` and `1.0` are one class,
    sorted numerically), otherwise trimmed text sorted by code point."""
    distinct = sorted({t.strip() for t in texts})
    if all(is_number(x) for x in distinct):
        return [number_name(v) for v in sorted({float(x) for x in distinct})]
    return distinct


def positive_index(names):
    """Which of two sorted labels is the positive class: the one label that
    reads as positive; else the other of the one that reads as negative;
    else the one that sorts last."""
    pos = [i for i in (0, 1) if names[i].lower() in POSITIVE_WORDS]
    neg = [i for i in (0, 1) if names[i].lower() in NEGATIVE_WORDS]
    if len(pos) == 1:
        return pos[0]
    if not pos and len(neg) == 1:
        return 1 - neg[0]
    return 1


def partner(label):
    """The usual other label for a lone label (`yes` -> `no`, `TRUE` ->
    `FALSE`, `Pos` -> `Neg`), in the same case; None if it has none."""
    lower = label.lower()
    for p, n in PARTNERS:
        if lower in (p, n):
            other = n if lower == p else p
            if not any(c.islower() for c in label):
                return other.upper()
            if label[:1].isupper():
                return other[:1].upper() + other[1:]
            return other
    return None
