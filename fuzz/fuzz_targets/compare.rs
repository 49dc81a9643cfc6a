//! The comparison join (`src/input/paired.rs`): two prediction files joined
//! row by row, or one file with two model columns. Each file is read for a
//! comparison (`IngestOptions::models`) whole and in chunks, which must
//! agree; every error's line lies inside its file (both lines of a
//! truth mismatch); a join that succeeds points every row at a line
//! inside its file, and the comparison report holds no NaN or infinity.
//!
//! Input: byte 0 picks the reading (bit 0: one file with two models, else
//! two files; bits 1–2 the first model's kind: detected, labels, scores),
//! byte 1 seeds the chunk sizes; the rest is the file, or two files split
//! where its own first two bytes say.

#![no_main]

use fitcheck::input::ingest::{Dataset, Ingest, IngestOptions, ModelChoice, ModelKind};
use fitcheck::input::paired::PairedData;
use fitcheck::report::comparison::compare;
use fitcheck::report::file_report::FileReportOptions;
use fitcheck::{Error, ErrorKind};
use fitcheck_fuzz::{
    check_error_line, check_finite, check_line_in, chunk_sizes, chunks, line_count, split_two,
};
use libfuzzer_sys::fuzz_target;

fn read(bytes: &[u8], options: &IngestOptions, sizes: &[usize]) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options.clone());
    for chunk in chunks(bytes, sizes) {
        ingest.push(chunk)?;
    }
    ingest.finish()
}

/// Reads one file whole and chunked; they must agree.
fn read_both_ways(bytes: &[u8], options: &IngestOptions, seed: u64) -> Result<Dataset, Error> {
    let whole = read(bytes, options, &[bytes.len()]);
    let sizes = chunk_sizes(seed, bytes.len());
    let chunked = read(bytes, options, &sizes);
    assert_eq!(
        whole, chunked,
        "whole and chunked differ (chunk sizes {sizes:?})"
    );
    if let Err(e) = &whole {
        check_error_line(e, bytes);
    }
    whole
}

fn check_paired(paired: Result<PairedData, Error>, files: [&[u8]; 2]) {
    let paired = match paired {
        Err(e) => {
            if let ErrorKind::TruthMismatch { lines, .. } = e.kind() {
                check_line_in(Some(lines[0]), files[0], &e);
                check_line_in(Some(lines[1]), files[1], &e);
            } else {
                let longer = if files[0].len() > files[1].len() {
                    files[0]
                } else {
                    files[1]
                };
                check_error_line(&e, longer);
            }
            return;
        }
        Ok(p) => p,
    };
    for model in 0..2 {
        let file = files[paired.models[model].file];
        let lines = line_count(file);
        for row in 0..paired.rows {
            let line = paired.line_of(model, row);
            assert!(
                (1..=lines).contains(&line),
                "row {row} of model {model} at line {line} of {lines}"
            );
        }
    }
    let mut options = FileReportOptions::default();
    options.resampling.resamples = 100;
    match compare(&paired, &options) {
        Ok(c) => check_finite(&c.report),
        Err(e) => assert!(e.line().is_none(), "a comparison error with a line: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let (ctl, seed) = (data[0], u64::from(data[1]));
    let first = ModelChoice {
        column: None,
        kind: match (ctl >> 1) & 3 {
            1 => Some(ModelKind::Label),
            2 => Some(ModelKind::Score),
            _ => None,
        },
    };
    if ctl & 1 != 0 {
        let bytes = &data[2..];
        let options = IngestOptions::new().models(vec![first, ModelChoice::default()]);
        if let Ok(d) = read_both_ways(bytes, &options, seed) {
            check_paired(PairedData::from_one_file(d, "both.csv"), [bytes, bytes]);
        }
    } else {
        let (a, b) = split_two(&data[2..]);
        let options = IngestOptions::new().models(vec![first]);
        let (Ok(da), Ok(db)) = (
            read_both_ways(a, &options, seed),
            read_both_ways(b, &options, seed),
        ) else {
            return;
        };
        check_paired(
            PairedData::join(da, db, ["before.csv", "after.csv"]),
            [a, b],
        );
    }
});
