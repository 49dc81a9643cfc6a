#![cfg(not(target_arch = "wasm32"))]
//! Training logs (issue 9, stage 1): each format read from fixtures written
//! the way each tool writes them, the same simulated run giving the same
//! series in every format, Python's non-finite tokens, and the exact
//! sentence of every malformed input.
//!
//! The fixtures in `tests/fixtures/training/` are made by
//! `make_fixtures.py` there (one simulated run; its docstring says what each
//! tool writes and which tool versions wrote them). Every fixture must be
//! used by a test (checked below).

use fitcheck::input::training::{
    read_log, read_logs, LogFormat, Series, SeriesRole, TrainingLog, XAxis,
};
use std::path::PathBuf;

// ------------------------------------------------------------ the run
// The simulated run of make_fixtures.py, copied: 8 epochs × 64 steps,
// training loss logged every 16 steps, one evaluation per epoch.

/// Training loss of each 16-step logging window (steps 16, 32, …, 512).
const WINDOW_LOSS: [f64; 32] = [
    2.5, 2.25, 2.0625, 1.875, 1.75, 1.625, 1.5625, 1.4375, 1.375, 1.3125, 1.25, 1.1875, 1.125,
    1.0625, 1.0625, 1.0, 0.9375, 0.9375, 0.875, 0.875, 0.8125, 0.8125, 0.75, 0.75, 0.6875, 0.6875,
    0.625, 0.625, 0.5625, 0.5625, 0.5625, 0.5,
];
/// Validation loss after each epoch: lowest after epoch index 4 (step 320).
const VAL_LOSS: [f64; 8] = [
    1.5, 1.125, 0.9375, 0.859375, 0.8203125, 0.8515625, 0.890625, 0.9453125,
];
/// Correct validation answers of 256 after each epoch.
const VAL_CORRECT: [f64; 8] = [150.0, 171.0, 184.0, 190.0, 193.0, 192.0, 190.0, 188.0];

/// Epoch means of the training loss: 4 windows an epoch, e.g. epoch 0 =
/// (2.5 + 2.25 + 2.0625 + 1.875) / 4 = 8.6875 / 4 = 2.171875.
fn epoch_loss() -> Vec<f64> {
    WINDOW_LOSS
        .chunks(4)
        .map(|w| w.iter().sum::<f64>() / 4.0)
        .collect()
}

fn val_accuracy() -> Vec<f64> {
    VAL_CORRECT.iter().map(|c| c / 256.0).collect()
}

/// x values `first, first + step, …` (`n` of them).
fn xs(first: f64, step: f64, n: usize) -> Vec<f64> {
    (0..n).map(|i| first + step * i as f64).collect()
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/training")
}

const FIXTURES: [&str; 12] = [
    "hf/trainer_state.json",
    "hf/checkpoint-320/trainer_state.json",
    "hf_nan/trainer_state.json",
    "keras/training.log",
    "keras/training_validation_freq2.log",
    "lightning/version_0/metrics.csv",
    "plain/log.csv",
    "tensorboard/run-train-tag-epoch_learning_rate.csv",
    "tensorboard/run-train-tag-epoch_loss.csv",
    "tensorboard/run-validation-tag-epoch_accuracy.csv",
    "tensorboard/run-validation-tag-epoch_loss.csv",
    "make_fixtures.py",
];

fn bytes(path: &str) -> Vec<u8> {
    assert!(FIXTURES.contains(&path), "{path} is not listed in FIXTURES");
    std::fs::read(fixture_dir().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(path: &str) -> TrainingLog {
    read_log(path, &bytes(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const TENSORBOARD: [&str; 4] = [
    "tensorboard/run-train-tag-epoch_loss.csv",
    "tensorboard/run-validation-tag-epoch_loss.csv",
    "tensorboard/run-validation-tag-epoch_accuracy.csv",
    "tensorboard/run-train-tag-epoch_learning_rate.csv",
];

fn tensorboard() -> TrainingLog {
    let files: Vec<(String, Vec<u8>)> = TENSORBOARD
        .iter()
        .map(|p| (p.to_string(), bytes(p)))
        .collect();
    read_logs(&files).unwrap()
}

fn series<'a>(log: &'a TrainingLog, name: &str) -> &'a Series {
    log.series_named(name).unwrap_or_else(|| {
        let names: Vec<&str> = log.series.iter().map(|s| s.name.as_str()).collect();
        panic!("no series {name}; the series are {names:?}")
    })
}

fn names(log: &TrainingLog) -> Vec<(&str, SeriesRole)> {
    log.series
        .iter()
        .map(|s| (s.name.as_str(), s.role))
        .collect()
}

#[test]
fn every_fixture_is_used() {
    let mut found = Vec::new();
    let mut dirs = vec![fixture_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path.strip_prefix(fixture_dir()).unwrap();
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    for f in &found {
        assert!(
            FIXTURES.contains(&f.as_str()),
            "fixture {f} is not used by a test"
        );
    }
    assert_eq!(found.len(), FIXTURES.len());
}

// ------------------------------------------------------------ each format

#[test]
fn hf_trainer_state_final() {
    let log = read("hf/trainer_state.json");
    assert_eq!(log.format, LogFormat::HfTrainerState);
    assert_eq!(
        (log.format.id(), log.x_axis, log.x_axis.id()),
        ("hf_trainer_state", XAxis::Step, "step")
    );
    assert_eq!(log.files, ["hf/trainer_state.json"]);
    use SeriesRole::*;
    // First appearance in log_history, keys sorted as the Trainer writes them;
    // `epoch` and `step` are axes, the summary's keys no curves.
    assert_eq!(
        names(&log),
        [
            ("grad_norm", Other),
            ("learning_rate", LearningRate),
            ("loss", TrainLoss),
            ("eval_accuracy", ValMetric),
            ("eval_loss", ValLoss),
            ("eval_runtime", Other),
            ("eval_samples_per_second", Other),
            ("eval_steps_per_second", Other),
        ]
    );
    let loss = series(&log, "loss");
    assert_eq!(loss.x, xs(16.0, 16.0, 32));
    assert_eq!(loss.y, WINDOW_LOSS);
    let eval = series(&log, "eval_loss");
    assert_eq!(eval.x, xs(64.0, 64.0, 8));
    assert_eq!(eval.y, VAL_LOSS);
    assert_eq!(series(&log, "eval_accuracy").y, val_accuracy());
    // Linear decay: (512 − step) · 2⁻²³ after each logged step.
    let lr = series(&log, "learning_rate");
    let expected: Vec<f64> = lr.x.iter().map(|s| (512.0 - s) * 2f64.powi(-23)).collect();
    assert_eq!(lr.y, expected);
    assert_eq!(lr.y[0], 5.91278076171875e-05);

    let hf = log.hf.as_ref().unwrap();
    assert_eq!(hf.best_metric, Some(0.8203125));
    assert_eq!(
        hf.best_model_checkpoint.as_deref(),
        Some("out/checkpoint-320")
    );
    assert_eq!(hf.best_global_step, Some(320));
    assert_eq!((hf.logging_steps, hf.eval_steps), (Some(16.0), Some(64.0)));
    assert_eq!(hf.early_stopping, Some((3, 0.0)));
    // The summary entry: the mean loss over all 512 steps = mean of the 32
    // window losses = 36 / 32 = 1.125; not a curve point (the loss series
    // keeps its 32 points, none at the summary's step 512 beyond the last log).
    let keys: Vec<&str> = hf.summary.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "total_flos",
            "train_loss",
            "train_runtime",
            "train_samples_per_second",
            "train_steps_per_second"
        ]
    );
    assert_eq!(hf.summary[1].1, 1.125);
    assert_eq!(hf.summary[2].1, 96.4321);
    assert!(log.series_named("train_loss").is_none());
    assert!(log.series_named("train_runtime").is_none());
    assert!(log.series_named("epoch").is_none());
    assert_eq!(log.points(), 32 * 3 + 8 * 5);
}

#[test]
fn hf_checkpoint_copy_without_summary() {
    let log = read("hf/checkpoint-320/trainer_state.json");
    assert_eq!(log.format, LogFormat::HfTrainerState);
    let hf = log.hf.as_ref().unwrap();
    assert!(hf.summary.is_empty());
    assert_eq!(
        hf.best_model_checkpoint.as_deref(),
        Some("out/checkpoint-320")
    );
    let loss = series(&log, "loss");
    assert_eq!(loss.x, xs(16.0, 16.0, 20));
    assert_eq!(loss.y, WINDOW_LOSS[..20]);
    assert_eq!(series(&log, "eval_loss").y, VAL_LOSS[..5]);
}

#[test]
fn keras_csv_logger() {
    let log = read("keras/training.log");
    assert_eq!(
        (log.format, log.format.id()),
        (LogFormat::KerasCsv, "keras_csv")
    );
    assert_eq!((log.x_axis, log.x_axis.id()), (XAxis::Epoch, "epoch"));
    use SeriesRole::*;
    assert_eq!(
        names(&log),
        [
            ("accuracy", Other),
            ("loss", TrainLoss),
            ("val_accuracy", ValMetric),
            ("val_loss", ValLoss)
        ]
    );
    let loss = series(&log, "loss");
    assert_eq!(loss.x, xs(0.0, 1.0, 8));
    assert_eq!(loss.y, epoch_loss());
    assert_eq!(loss.y[0], 2.171875);
    assert_eq!(series(&log, "val_loss").y, VAL_LOSS);
    assert!(log.hf.is_none());
}

#[test]
fn keras_na_cells_are_missing_points() {
    // validation_freq=2: validation after epochs 1, 3, 5, 7 (0-based), NA elsewhere.
    let log = read("keras/training_validation_freq2.log");
    assert_eq!(log.format, LogFormat::KerasCsv);
    let val = series(&log, "val_loss");
    assert_eq!(val.x, [1.0, 3.0, 5.0, 7.0]);
    assert_eq!(val.y, [VAL_LOSS[1], VAL_LOSS[3], VAL_LOSS[5], VAL_LOSS[7]]);
    assert_eq!(series(&log, "loss").y, epoch_loss());
}

#[test]
fn lightning_metrics_csv() {
    let log = read("lightning/version_0/metrics.csv");
    assert_eq!(
        (log.format, log.format.id()),
        (LogFormat::LightningCsv, "lightning_csv")
    );
    assert_eq!(log.x_axis, XAxis::Step);
    use SeriesRole::*;
    assert_eq!(
        names(&log),
        [
            ("lr-AdamW", LearningRate),
            ("train_loss_epoch", TrainLoss),
            ("train_loss_step", TrainLoss),
            ("val_accuracy", ValMetric),
            ("val_loss", ValLoss),
        ]
    );
    // Each series only from the rows where its cell is filled.
    let step = series(&log, "train_loss_step");
    assert_eq!(step.x, xs(15.0, 16.0, 32));
    assert_eq!(step.y, WINDOW_LOSS);
    let val = series(&log, "val_loss");
    assert_eq!(val.x, xs(63.0, 64.0, 8));
    assert_eq!(val.y, VAL_LOSS);
    let epoch = series(&log, "train_loss_epoch");
    assert_eq!(epoch.x, xs(63.0, 64.0, 8));
    assert_eq!(epoch.y, epoch_loss());
    // The lr in force before batch 16k−1's scheduler step: (512 − 15) · 2⁻²³ first.
    let lr = series(&log, "lr-AdamW");
    assert_eq!(lr.x, xs(15.0, 16.0, 32));
    assert_eq!(lr.y[0], 497.0 * 2f64.powi(-23));
}

#[test]
fn tensorboard_exports_one_series_each_named_after_its_file() {
    let log = tensorboard();
    assert_eq!(
        (log.format, log.format.id()),
        (LogFormat::TensorboardCsv, "tensorboard_csv")
    );
    assert_eq!(log.x_axis, XAxis::Step);
    assert_eq!(log.files, TENSORBOARD);
    use SeriesRole::*;
    assert_eq!(
        names(&log),
        [
            ("run-train-tag-epoch_loss", TrainLoss),
            ("run-validation-tag-epoch_loss", ValLoss),
            ("run-validation-tag-epoch_accuracy", ValMetric),
            ("run-train-tag-epoch_learning_rate", LearningRate),
        ]
    );
    let val = series(&log, "run-validation-tag-epoch_loss");
    assert_eq!(val.x, xs(0.0, 1.0, 8));
    assert_eq!(val.y, VAL_LOSS);
    // One file alone: the same series.
    let one = read("tensorboard/run-validation-tag-epoch_loss.csv");
    assert_eq!(one.series, std::slice::from_ref(val));
}

#[test]
fn plain_csv_with_a_step_column() {
    let log = read("plain/log.csv");
    assert_eq!((log.format, log.format.id()), (LogFormat::Csv, "csv"));
    assert_eq!(log.x_axis, XAxis::Step);
    let train = series(&log, "train_loss");
    assert_eq!(train.x, xs(16.0, 16.0, 32));
    assert_eq!(train.y, WINDOW_LOSS);
    let val = series(&log, "val_loss");
    assert_eq!(val.x, xs(64.0, 64.0, 8));
    assert_eq!(val.y, VAL_LOSS);
}

// ------------------------------------------------------------ one run, five formats

/// The validation loss, validation accuracy and training loss of the one
/// run are the same numbers in every format; x follows each tool's
/// convention: HF and the plain log count optimizer steps (1-based: the
/// end of epoch e is step 64(e+1)), Lightning the 0-based batch index
/// (64(e+1) − 1), Keras and its TensorBoard callback the 0-based epoch e.
#[test]
fn the_same_run_gives_the_same_series_in_every_format() {
    let hf = read("hf/trainer_state.json");
    let keras = read("keras/training.log");
    let lightning = read("lightning/version_0/metrics.csv");
    let tb = tensorboard();
    let plain = read("plain/log.csv");

    let epochs = xs(0.0, 1.0, 8);
    let end_steps = xs(64.0, 64.0, 8);
    let end_batches = xs(63.0, 64.0, 8);
    let validation_loss = [
        (series(&hf, "eval_loss"), &end_steps),
        (series(&keras, "val_loss"), &epochs),
        (series(&lightning, "val_loss"), &end_batches),
        (series(&tb, "run-validation-tag-epoch_loss"), &epochs),
        (series(&plain, "val_loss"), &end_steps),
    ];
    for (s, x) in validation_loss {
        assert_eq!(s.y, VAL_LOSS, "{}", s.name);
        assert_eq!(&s.x, x, "{}", s.name);
        assert_eq!(s.role, SeriesRole::ValLoss, "{}", s.name);
    }
    for s in [
        series(&hf, "eval_accuracy"),
        series(&keras, "val_accuracy"),
        series(&lightning, "val_accuracy"),
        series(&tb, "run-validation-tag-epoch_accuracy"),
        series(&plain, "val_accuracy"),
    ] {
        assert_eq!(s.y, val_accuracy(), "{}", s.name);
        assert_eq!(s.role, SeriesRole::ValMetric, "{}", s.name);
    }
    // Training loss per logging window: HF (mean since the last log),
    // Lightning (the step's value), the plain log.
    for s in [
        series(&hf, "loss"),
        series(&lightning, "train_loss_step"),
        series(&plain, "train_loss"),
    ] {
        assert_eq!(s.y, WINDOW_LOSS, "{}", s.name);
        assert_eq!(s.role, SeriesRole::TrainLoss, "{}", s.name);
    }
    // Training loss per epoch: Keras, Lightning's epoch mean, TensorBoard.
    for s in [
        series(&keras, "loss"),
        series(&lightning, "train_loss_epoch"),
        series(&tb, "run-train-tag-epoch_loss"),
    ] {
        assert_eq!(s.y, epoch_loss(), "{}", s.name);
    }
}

// ------------------------------------------------------------ non-finite values

#[test]
fn python_nan_and_infinity_tokens_in_json() {
    let log = read("hf_nan/trainer_state.json");
    let loss = series(&log, "loss");
    assert_eq!(loss.x, [10.0, 20.0, 30.0]);
    assert_eq!(loss.y[..2], [2.0, 1.75]);
    assert!(loss.y[2].is_nan());
    let grad = series(&log, "grad_norm");
    assert_eq!(grad.y[..2], [1.5, f64::INFINITY]);
    assert!(grad.y[2].is_nan());
    assert_eq!(series(&log, "eval_loss").y, [f64::NEG_INFINITY]);
    assert!(log.hf.as_ref().unwrap().best_metric.unwrap().is_nan());
}

#[test]
fn non_finite_cells_kept_missing_cells_skipped() {
    let csv = "step,loss\n1,nan\n2,NaN\n3,inf\n4,-inf\n5,Infinity\n6,NA\n7,\n8,0.5\n9,-Infinity\n";
    let log = read_log("log.csv", csv.as_bytes()).unwrap();
    let loss = series(&log, "loss");
    assert_eq!(loss.x, [1.0, 2.0, 3.0, 4.0, 5.0, 8.0, 9.0]);
    assert!(loss.y[0].is_nan() && loss.y[1].is_nan());
    assert_eq!(
        loss.y[2..],
        [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            0.5,
            f64::NEG_INFINITY
        ]
    );
}

#[test]
fn a_string_n_is_a_string_when_the_file_has_no_bare_tokens() {
    // "N" is what a bare NaN becomes before parsing; without bare tokens a
    // string value stays a string (skipped), not NaN.
    let json = r#"{"log_history": [{"step": 1, "loss": "N", "eval_loss": 0.5}]}"#;
    let log = read_log("trainer_state.json", json.as_bytes()).unwrap();
    assert!(log.series_named("loss").is_none());
    assert_eq!(series(&log, "eval_loss").y, [0.5]);
    // With a bare token elsewhere in the file, the NaN reads as NaN.
    let json = r#"{"best_metric": NaN, "log_history": [{"step": 1, "loss": NaN}]}"#;
    let log = read_log("trainer_state.json", json.as_bytes()).unwrap();
    assert!(series(&log, "loss").y[0].is_nan());
}

// ------------------------------------------------------------ detection

#[test]
fn format_from_the_content_not_the_name() {
    let keras = bytes("keras/training.log");
    assert_eq!(
        read_log("trainer_state.json", &keras).unwrap().format,
        LogFormat::KerasCsv
    );
    let hf = bytes("hf/trainer_state.json");
    assert_eq!(
        read_log("metrics.csv", &hf).unwrap().format,
        LogFormat::HfTrainerState
    );
    for (csv, format, x) in [
        // Lightning without empty cells: still its sorted union of keys.
        (
            "epoch,loss,step\n0,0.5,9\n1,0.4,19\n",
            LogFormat::LightningCsv,
            XAxis::Step,
        ),
        // Both columns, filled, not sorted: a hand-written log.
        (
            "epoch,step,loss\n0,9,0.5\n1,19,0.4\n",
            LogFormat::Csv,
            XAxis::Step,
        ),
        // Empty cells and a row of delimiters only (skipped as blank).
        (
            "step,epoch,loss,val_loss\n9,0,0.5,\n9,0,,0.6\n,,,\n",
            LogFormat::LightningCsv,
            XAxis::Step,
        ),
        // Keras header with val_ keys appended after a key past "val_".
        (
            "epoch,loss,zeta,val_loss,val_zeta\n0,1,2,NA,NA\n",
            LogFormat::KerasCsv,
            XAxis::Epoch,
        ),
        // epoch first but not sorted: plain, by epoch.
        ("epoch,val_loss,loss\n0,1,2\n", LogFormat::Csv, XAxis::Epoch),
        // step not first, any case; semicolons.
        ("loss;Step\n0.5;1\n0.25;2\n", LogFormat::Csv, XAxis::Step),
        // Not exactly TensorBoard's header: plain.
        ("wall time,step,value\n1,1,1\n", LogFormat::Csv, XAxis::Step),
        // A UTF-8 byte order mark and CRLF.
        ("\u{feff}step,loss\r\n1,2\r\n", LogFormat::Csv, XAxis::Step),
    ] {
        let log = read_log("f.csv", csv.as_bytes()).unwrap_or_else(|e| panic!("{csv:?}: {e}"));
        assert_eq!((log.format, log.x_axis), (format, x), "{csv:?}");
    }
    // A column whose first cell is not a number is text, not a series.
    let text = read_log("f.csv", b"step;loss;phase\n1;0.5;train\n2;0.4;val\n").unwrap();
    assert_eq!(names(&text), [("loss", SeriesRole::TrainLoss)]);
}

#[test]
fn several_tensorboard_files_with_one_name_twice() {
    let b = bytes("tensorboard/run-train-tag-epoch_loss.csv");
    let files = vec![
        ("a/run-train-tag-epoch_loss.csv".to_string(), b.clone()),
        ("b/run-train-tag-epoch_loss.csv".to_string(), b.clone()),
        ("c/run-train-tag-epoch_loss.CSV".to_string(), b),
    ];
    let log = read_logs(&files).unwrap();
    let names: Vec<&str> = log.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "run-train-tag-epoch_loss",
            "run-train-tag-epoch_loss (2)",
            "run-train-tag-epoch_loss (3)"
        ]
    );
}

// ------------------------------------------------------------ malformed input

/// Each malformed input and the exact sentence (and line) the user reads.
#[test]
fn malformed_inputs_exact_messages() {
    let cases: &[(&str, &str, &str, Option<u64>)] = &[
        ("empty", "", "the file is empty: there is no training log to read", None),
        ("bom only", "\u{feff}", "the file is empty: there is no training log to read", None),
        ("blank", "\n  \r\n\t\n", "the file has no data: every line is blank", None),
        (
            // Python: "Expecting property name enclosed in double quotes: line 3 column 29".
            "trailing comma",
            "{\n  \"log_history\": [\n    {\"step\": 1, \"loss\": 0.5,}\n  ]\n}\n",
            "line 3: malformed JSON at column 29: trailing comma",
            Some(3),
        ),
        (
            // Python: "Expecting ',' delimiter: line 2 column 9"; columns in characters.
            "missing comma after accents",
            "{\"é\": 1,\n \"ü\": 2 \"x\": 3}",
            "line 2: malformed JSON at column 9: expected `,` or `}`",
            Some(2),
        ),
        (
            // Python: "Expecting ',' delimiter: line 3 column 15" (past the end).
            "cut short",
            "{\n  \"log_history\": [\n    {\"step\": 1",
            "line 3: malformed JSON at column 14: EOF while parsing an object",
            Some(3),
        ),
        (
            // Python: "Expecting value: line 1 column 38" (at the "n"; serde_json
            // reads "n" as the start of null and stops at the "a").
            "bare word",
            "{\"log_history\": [{\"step\": 1, \"loss\": nan}]}",
            "line 1: malformed JSON at column 39: expected a JSON value (a number, quoted text, true, false or null)",
            Some(1),
        ),
        (
            "no log_history",
            "{\"best_metric\": 0.5, \"global_step\": 10}",
            "no \"log_history\" in this JSON: fitcheck reads the Hugging Face Trainer's trainer_state.json (in its output_dir and in every checkpoint-N folder), whose \"log_history\" holds the curves",
            None,
        ),
        (
            "a JSON list",
            "[{\"step\": 1, \"loss\": 0.5}]",
            "no \"log_history\" in this JSON: fitcheck reads the Hugging Face Trainer's trainer_state.json (in its output_dir and in every checkpoint-N folder), whose \"log_history\" holds the curves",
            None,
        ),
        (
            "empty log_history",
            "{\"log_history\": []}",
            "\"log_history\" holds no training or evaluation entry: there is no curve to draw",
            None,
        ),
        (
            "entry without step",
            "{\"log_history\": [\n  {\"loss\": 0.5}\n]}",
            "line 2: a log_history entry has no \"step\" (column 15)",
            Some(2),
        ),
        (
            "log_history not a list",
            "{\"log_history\": {\"loss\": 0.5}}",
            "line 1: invalid type: map, expected \"log_history\" as a list of entries (column 17)",
            Some(1),
        ),
        (
            "no step or epoch column",
            "loss,val_loss\n0.5,0.6\n",
            "no step or epoch column: a training log needs a \"step\" or \"epoch\" column to place its points; the columns are: \"loss\", \"val_loss\"",
            None,
        ),
        (
            "no numeric columns",
            "step,phase\n1,train\n2,val\n",
            "no numeric columns: besides the step column, no column holds numbers, so there is no curve to draw",
            None,
        ),
        (
            "only missing values",
            "epoch,loss\n0,NA\n1,\n",
            "no numeric columns: besides the epoch column, no column holds numbers, so there is no curve to draw",
            None,
        ),
        (
            "header only",
            "step,loss\n",
            "the file has a header row but no data rows: there are no points to draw",
            None,
        ),
        (
            "a cell that is not a number",
            "step,loss,val_loss\n1,0.5,\n2,0.4,0.3\n3,0.35,oops\n",
            "line 4, column 3 (\"val_loss\"): \"oops\" is not a number",
            Some(4),
        ),
        (
            "a step that is not a number",
            "step,loss\n1,0.5\nten,0.4\n",
            "line 3, column 1 (\"step\"): \"ten\" is not a number",
            Some(3),
        ),
        (
            "a missing step",
            "step,loss\n1,0.5\n,0.4\n",
            "line 3, column 1 (\"step\"): the step is missing: every row needs one",
            Some(3),
        ),
        (
            "a NaN epoch",
            "epoch,loss\n0,0.5\nnan,0.4\n",
            "line 3, column 1 (\"epoch\"): the epoch must be a finite number, not \"nan\"",
            Some(3),
        ),
        (
            "a short row",
            "step,loss\n1,0.5\n\n2\n",
            "line 4: expected 2 fields, found 1",
            Some(4),
        ),
    ];
    for (what, input, message, line) in cases {
        let e = read_log("f", input.as_bytes()).expect_err(what);
        assert_eq!(e.to_string(), *message, "{what}");
        assert_eq!(e.line(), *line, "{what}");
    }
}

#[test]
fn several_files_that_do_not_go_together() {
    let tb = bytes("tensorboard/run-train-tag-epoch_loss.csv");
    let keras = bytes("keras/training.log");
    let e = read_logs(&[
        ("tb.csv".into(), tb.clone()),
        ("training.log".into(), keras),
    ])
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"training.log\" is a Keras CSVLogger log: several files are read together only when each is a TensorBoard scalar export (Wall time,Step,Value); read the others one at a time"
    );
    let e = read_logs(&[
        ("tb.csv".into(), tb),
        ("bad.csv".into(), b"Wall time,Step,Value\n1,x,2\n".to_vec()),
    ])
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"bad.csv\": line 2, column 2 (\"Step\"): \"x\" is not a number"
    );
    let e = read_logs(&[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no file was given: choose a training log to read"
    );
}

// ------------------------------------------------------------ size

/// A million points (a plain CSV of 500,000 rows × 2 series) load whole;
/// the time is measured by `cargo bench --bench training_logs`.
#[test]
fn a_million_points() {
    let mut csv = String::from("step,loss,val_loss\n");
    for i in 0..500_000u32 {
        csv.push_str(&format!(
            "{i},{},{}\n",
            2.0 / (1.0 + i as f64 / 1000.0),
            i % 7
        ));
    }
    let log = read_log("big.csv", csv.as_bytes()).unwrap();
    assert_eq!(log.points(), 1_000_000);
    let loss = series(&log, "loss");
    assert_eq!(loss.x[499_999], 499_999.0);
    assert_eq!(loss.y[1000], 1.0);
    assert_eq!(series(&log, "val_loss").y[13], 6.0);
}
