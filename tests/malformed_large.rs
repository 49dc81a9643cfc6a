#![cfg(not(target_arch = "wasm32"))]
//! A 1 GB file of one repeated row, never written to disk: a generator
//! feeds it to the predictions reader in 1 MiB chunks (the library), pipes
//! it into `fitcheck report -` (the binary), or feeds it to the leakage
//! reader as a training file. The right answer is a report, in bounded
//! memory: the predictions reader keeps 8 bytes a row (two label codes),
//! the leakage reader 16 (two hashes), never the text. A training log is
//! read whole, so the page refuses a 1 GB log from its size
//! (`tests/malformed_memory_limits.rs`) and the command line needs the
//! gigabyte in memory: not run here. Each row carries a 1,000-byte comment column, as
//! an export with a free-text field does, so 1 GB is about a million rows.
//!
//! Cost, measured on the shared 2-core machine with `/usr/bin/time`: in a
//! release build the predictions reader reads the gigabyte in 2.0–3.7 s,
//! peak memory 11.5 MB; the binary on a pipe (`python3 … | fitcheck report
//! - --json`) in 5.8 s, 11.5 MB (8.6 s inside this test, which writes the
//! stream too); the leakage reader in 3.5 s, 19.8 MB. A debug build, what `cargo test` runs, is about 15× slower, so
//! there the stream is cut to 64 MiB (same row, same checks; 6 s for both
//! tests) and the whole gigabyte runs with
//! `cargo test --release --test malformed_large`.

use fitcheck::input::ingest::{Ingest, IngestOptions};
use std::io::Write;
use std::process::{Command, Stdio};

const HEADER: &[u8] = b"y_true,y_pred,comment\n";

/// One row: truth 1, prediction 0, then 1,000 bytes of comment: 1,005 bytes.
fn row() -> Vec<u8> {
    let mut r = b"1,0,".to_vec();
    r.extend(std::iter::repeat_n(b'x', 1000));
    r.push(b'\n');
    r
}

/// Bytes of the stream: 1 GB in release builds, 64 MiB in debug ones.
fn total() -> u64 {
    if cfg!(debug_assertions) {
        64 << 20
    } else {
        1_000_000_000
    }
}

/// Calls `out` with the header then 1 MiB chunks of whole rows, until
/// `total` bytes; returns the number of rows.
fn stream(total: u64, mut out: impl FnMut(&[u8])) -> u64 {
    let row = row();
    let per_chunk = (1 << 20) / row.len();
    let chunk: Vec<u8> = row.repeat(per_chunk);
    out(HEADER);
    let mut sent = HEADER.len() as u64;
    let mut rows = 0;
    while sent + chunk.len() as u64 <= total {
        out(&chunk);
        sent += chunk.len() as u64;
        rows += per_chunk as u64;
    }
    rows
}

#[test]
fn a_gigabyte_of_one_repeated_row_is_read_into_a_report() {
    let mut ingest = Ingest::new(IngestOptions::new().expected_bytes(total()));
    let mut failed = None;
    let rows = stream(total(), |chunk| {
        if failed.is_none() {
            failed = ingest.push(chunk).err();
        }
    });
    assert_eq!(failed, None);
    let data = ingest.finish().expect("reads");
    assert_eq!(data.rows, rows);
    assert_eq!(data.labels, vec!["0", "1"]);
    assert_eq!(data.columns, vec!["y_true", "y_pred", "comment"]);
    // Every row is a 1 predicted as 0: all false negatives.
    assert_eq!(data.truth.len() as u64, rows);
    assert!(data.truth.iter_u32().all(|t| t == 1));
    assert!(data
        .pred
        .as_ref()
        .expect("labels")
        .iter_u32()
        .all(|p| p == 0));
}

#[test]
fn the_binary_reads_it_from_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fitcheck"))
        .args(["report", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let rows = stream(total(), |chunk| stdin.write_all(chunk).expect("write"));
    drop(stdin);
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["n"], rows);
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 0, "fn": rows, "fp": 0, "tn": 0})
    );
}

#[test]
fn the_leakage_check_reads_it_as_a_training_file() {
    // The same stream as a training file (header `y_true,y_pred,comment`:
    // `y_true` is the label); the test file is the row once. Every training
    // row but one is a duplicate, and the test row is in training.
    use fitcheck::input::leakage::{HashReader, LeakageSettings};
    use fitcheck::report::leakage::leakage_report;
    let settings = LeakageSettings::default();
    let mut train = HashReader::new(&settings, None);
    let mut failed = None;
    let rows = stream(total(), |chunk| {
        if failed.is_none() {
            failed = train.push(chunk).err();
        }
    });
    assert_eq!(failed, None);
    let train = train.finish().expect("training file");
    assert_eq!(train.rows.len() as u64, rows);
    assert_eq!(train.plan.label.as_deref(), Some("y_true"));
    let mut test = HashReader::new(&settings, Some(&train.plan));
    test.push(HEADER).expect("header");
    test.push(&row()).expect("row");
    let test = test.finish().expect("test file");
    let r = leakage_report(train, &test, &settings);
    assert_eq!((r.train_rows, r.test_rows), (rows, 1));
    assert_eq!(r.test_in_train.rows, 1);
    assert_eq!(r.train_duplicates.rows, rows - 1);
}
