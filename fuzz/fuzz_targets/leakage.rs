//! The leakage reader (`src/input/leakage/`): a training and a test file,
//! each streamed into row hashes. Fed in chunks cut where the input says,
//! each must give exactly what it gives fed whole (the same `HashedFile`
//! or the same error), and `read_pair` the same again; every error's line
//! lies inside its file; the leakage report of two files read holds no
//! NaN or infinity, and its counts fit the files (shares in 0..=1, no more
//! matches than test rows).
//!
//! Input: byte 0 picks the settings (bit 0 normalise text, bit 1 skip bad
//! rows, bit 2 label `label`, bit 3 ignore `id`), byte 1 seeds the chunk
//! sizes; the rest is the two files, split where its own first two bytes say.

#![no_main]

use fitcheck::input::leakage::{
    in_file, read_pair, ColumnPlan, HashReader, HashedFile, LeakageSettings,
};
use fitcheck::report::leakage::leakage_report;
use fitcheck::Error;
use fitcheck_fuzz::{check_error_line, check_finite, chunk_sizes, chunks, split_two};
use libfuzzer_sys::fuzz_target;

fn read(
    bytes: &[u8],
    settings: &LeakageSettings,
    plan: Option<&ColumnPlan>,
    sizes: &[usize],
) -> Result<HashedFile, Error> {
    let mut reader = HashReader::new(settings, plan);
    for chunk in chunks(bytes, sizes) {
        reader.push(chunk)?;
    }
    reader.finish()
}

fn read_both_ways(
    bytes: &[u8],
    settings: &LeakageSettings,
    plan: Option<&ColumnPlan>,
    seed: u64,
) -> Result<HashedFile, Error> {
    let whole = read(bytes, settings, plan, &[bytes.len()]);
    let sizes = chunk_sizes(seed, bytes.len());
    let chunked = read(bytes, settings, plan, &sizes);
    assert_eq!(
        whole, chunked,
        "whole and chunked differ (chunk sizes {sizes:?})"
    );
    match &whole {
        Err(e) => check_error_line(e, bytes),
        Ok(f) => {
            let lines = fitcheck_fuzz::line_count(bytes);
            for s in &f.skipped_samples {
                assert!(
                    (1..=lines + 1).contains(&s.line),
                    "skipped row at line {} of {lines}",
                    s.line
                );
            }
            for &l in &f.repeated_header_lines {
                assert!(
                    (1..=lines + 1).contains(&l),
                    "repeated header at line {l} of {lines}"
                );
            }
        }
    }
    whole
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let (ctl, seed) = (data[0], u64::from(data[1]));
    let settings = LeakageSettings {
        label: (ctl & 4 != 0).then(|| "label".to_string()),
        ignore: if ctl & 8 != 0 {
            vec!["id".to_string()]
        } else {
            Vec::new()
        },
        normalize_text: ctl & 1 != 0,
        skip_bad_rows: ctl & 2 != 0,
    };
    let (train, test) = split_two(&data[2..]);
    let pair = read_pair(train, test, &settings);
    let train_read = read_both_ways(train, &settings, None, seed);
    let mine = match train_read {
        Err(e) => Err(in_file(e, "training")),
        Ok(t) => match read_both_ways(test, &settings, Some(&t.plan), seed) {
            Err(e) => Err(in_file(e, "test")),
            Ok(s) => Ok((t, s)),
        },
    };
    assert_eq!(pair, mine, "read_pair and the streamed reading differ");
    let Ok((train, test)) = mine else {
        return;
    };
    let report = leakage_report(train, &test, &settings);
    assert!(
        report.test_in_train.rows <= report.test_rows,
        "more matches than test rows"
    );
    for share in [
        &report.test_in_train,
        &report.test_in_train_ignoring_label,
        &report.train_duplicates,
        &report.test_duplicates,
    ] {
        assert!(
            (0.0..=1.0).contains(&share.ratio),
            "a share of {} outside 0..=1",
            share.ratio
        );
    }
    check_finite(&report);
});
