"""Seeds the fuzz corpora (fuzz/corpus/<target>/, git-ignored) from the test
fixtures, each file wrapped in the control bytes its target reads first
(see the doc comment of each target in fuzz/fuzz_targets/). Run by
scripts/fuzz.sh; safe to run again (a seed is named after its content, so
nothing is written twice). Prints how many seeds each target got.

Usage: python3 scripts/fuzz_seeds.py
"""

import hashlib
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "fuzz" / "corpus"

# Seeds stay small: libFuzzer's default -max_len is 4096 and it grows
# inputs from the corpus; a bigger file is cut to its first lines.
MAX_SEED = 4000


def small(data: bytes) -> bytes:
    if len(data) <= MAX_SEED:
        return data
    cut = data.rfind(b"\n", 0, MAX_SEED)
    return data[: cut + 1 if cut > 0 else MAX_SEED]


def files(*globs: str) -> list[pathlib.Path]:
    out = []
    for pattern in globs:
        out.extend(p for p in ROOT.glob(pattern) if p.is_file())
    return sorted(set(out))


def pair(a: bytes, b: bytes) -> bytes:
    """Two files as split_two reads them: the first one's length, then both."""
    a, b = small(a)[: MAX_SEED // 2], small(b)[: MAX_SEED // 2]
    return struct.pack("<H", len(a)) + a + b


def write(target: str, seeds: list[bytes]) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        name = hashlib.sha1(seed).hexdigest()
        path = folder / name
        if not path.exists():
            path.write_bytes(seed)
    print(f"{target}: {len(seeds)} seeds from fixtures, {len(list(folder.iterdir()))} inputs in {folder.relative_to(ROOT)}")


def main() -> None:
    csv_files = files(
        "tests/fixtures/malformed/*",
        "tests/fixtures/compare/*.csv",
        "tests/fixtures/leakage/*.csv",
        "tests/fixtures/fuzz/*.csv",
        "tests/browser/fixtures/*.csv",
    )
    # Byte 0: options (0 detected; 0x80 stretched past 64 KiB; 0x04 skip bad
    # rows; 0x22 no header, class limit 3), byte 1: chunk-size seed.
    write(
        "csv_ingest",
        [bytes([ctl, seed]) + small(p.read_bytes()) for p in csv_files for ctl, seed in [(0x00, 3), (0x80, 4), (0x04, 2), (0x22, 5)]],
    )

    compare = FIXTURES / "compare"
    one = [(compare / "one_file.csv").read_bytes()]
    pairs = [("before.csv", "after.csv"), ("before.csv", "after_mismatch.csv"), ("multiclass.csv", "multiclass.csv")]
    write(
        "compare",
        [bytes([ctl, 4]) + small(f) for f in one for ctl in (0x01, 0x05)]
        + [bytes([ctl, 4]) + pair((compare / a).read_bytes(), (compare / b).read_bytes()) for a, b in pairs for ctl in (0x00, 0x04)],
    )

    leakage = FIXTURES / "leakage"
    train = (leakage / "train.csv").read_bytes()
    write(
        "leakage",
        [bytes([ctl, 5]) + pair(train, (leakage / t).read_bytes()) for t in ("test.csv", "test_no_amount.csv") for ctl in (0x00, 0x01, 0x02, 0x0C)],
    )

    # Byte 0 picks the file name (index into NAMES of the target); bit 3
    # reads two TensorBoard exports.
    names = {"json": 0, "log": 1, "metrics.csv": 2, "tag": 3}
    training = []
    for p in files("tests/fixtures/training/**/*", "tests/fixtures/training-page/*"):
        if p.suffix == ".py":
            continue
        ctl = next((v for k, v in names.items() if k in p.name), 4)
        training.append(bytes([ctl]) + small(p.read_bytes()))
    tb = files("tests/fixtures/training/tensorboard/*.csv")
    training += [bytes([0x08]) + pair(a.read_bytes(), b.read_bytes()) for a, b in zip(tb, tb[1:])]
    write("training_logs", training)

    # One field a line, in the order of FIELDS in fuzz_targets/options.rs.
    write(
        "options",
        [
            b"85\n15\n10\n90\n",
            b"1,000\n0\n 2 \n1e3\n2\nrecall\n0.9\n0.8\n0.85\n0.3\n\npos\n1\n5\n0.1\n0.9\n0.8\n10\n100\n7\n1.5\n0.3\n200\n3\nmax\n;\ny_true\n",
            b"0\n0\n0\n0\n-1\nnope\n2\n",
            b"9007199254740993\n1.5\n-3\nabc\n1e400\nbalanced\nnan\ninf\n",
            b"5\n5\n5\n5\n0.5\nf1\n0\n1\n1\n1e-300\n3\n\n0\n0\n0\n1\n1\n2\n40000\n9007199254740992\n0\n1\n10\n0\nauto\ntab\n 3 \n",
        ],
    )


if __name__ == "__main__":
    main()
