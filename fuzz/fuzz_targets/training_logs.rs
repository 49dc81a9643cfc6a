//! The training-log readers (`src/input/training/`): a Hugging Face
//! `trainer_state.json` (with Python's bare `NaN`/`Infinity` tokens), Keras,
//! Lightning, TensorBoard and plain CSV logs. They read whole files (no
//! streaming, so there is no chunked reading to compare). Invariants: every
//! error's line lies inside the file; the non-finite token pass keeps every
//! byte in its place (same length), so error positions are the file's; each
//! series has one x per y; the training report of a log read holds no NaN or
//! infinity (non-finite points are kept in the log and must reach the JSON
//! as `null` through an `Option`, never as a bare f64).
//!
//! Input: byte 0 picks the file name (TensorBoard series are named after
//! it, and detection must not depend on it) and, with bit 3, reads the rest
//! as two TensorBoard exports split where bytes 1–2 say.

#![no_main]

use fitcheck::input::training::json_tokens::substitute_non_finite;
use fitcheck::input::training::{read_log, read_logs, TrainingLog};
use fitcheck::report::training::{training_report, TrainingOptions};
use fitcheck::Error;
use fitcheck_fuzz::{check_error_line, check_finite, split_two};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "trainer_state.json",
    "training.log",
    "version_0/metrics.csv",
    "run-train-tag-epoch_loss.csv",
    "log.csv",
];

fn check_log(result: Result<TrainingLog, Error>, files: &[&[u8]]) {
    match result {
        Err(e) => {
            // With several files the error names one of them: its line must
            // lie inside the longest.
            let longest = files.iter().max_by_key(|f| f.len()).copied().unwrap_or(&[]);
            check_error_line(&e, longest);
        }
        Ok(log) => {
            for s in &log.series {
                assert_eq!(
                    s.x.len(),
                    s.y.len(),
                    "series {} has {} x and {} y",
                    s.name,
                    s.x.len(),
                    s.y.len()
                );
            }
            match training_report(&log, &TrainingOptions::default()) {
                Ok(report) => check_finite(&report),
                Err(e) => panic!("a log read gives no report: {e}"),
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&ctl, rest)) = data.split_first() else {
        return;
    };
    let (text, _) = substitute_non_finite(rest);
    assert_eq!(
        text.len(),
        rest.len(),
        "the non-finite token pass moved bytes"
    );
    if ctl & 8 != 0 {
        let (a, b) = split_two(rest);
        let files = vec![
            ("run-a-tag-loss.csv".to_string(), a.to_vec()),
            ("run-b-tag-loss.csv".to_string(), b.to_vec()),
        ];
        check_log(read_logs(&files), &[a, b]);
    } else {
        let name = NAMES[(ctl as usize) % NAMES.len()];
        check_log(read_log(name, rest), &[rest]);
    }
});
