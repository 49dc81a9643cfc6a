//! The training report on the fixtures of one simulated run written by each
//! tool (tests/fixtures/training, made by make_fixtures.py): the monitored
//! series, its best point, early stopping, the file's own best checkpoint,
//! the diagnosis, the options, thinning for drawing, and non-finite values.

use fitcheck::input::training::{read_log, read_logs};
use fitcheck::metrics::training::Mode;
use fitcheck::report::score_report::CurveDetail;
use fitcheck::report::training::{training_report, TrainingOptions};
use fitcheck::report::training_words::TrainingStatus;

mod support;

fn fixture(path: &str) -> (String, Vec<u8>) {
    let full = format!(
        "{}/tests/fixtures/training/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    let name = path.rsplit('/').next().unwrap().to_string();
    (name, std::fs::read(full).unwrap())
}

fn report_on(
    paths: &[&str],
    options: &TrainingOptions,
) -> fitcheck::report::training_contract::TrainingReport {
    let files: Vec<(String, Vec<u8>)> = paths.iter().map(|p| fixture(p)).collect();
    training_report(&read_logs(&files).unwrap(), options).unwrap()
}

const HF: &str = "hf/trainer_state.json";

#[test]
fn hugging_face_run_overfits_after_its_best_checkpoint() {
    let r = report_on(&[HF], &TrainingOptions::default());
    assert_eq!(r.kind, "training");
    assert_eq!(r.format, "hf_trainer_state");
    assert_eq!(r.x, "step");
    assert_eq!(r.monitor.as_deref(), Some("eval_loss"));
    assert_eq!(r.mode, "min");
    let best = r.best.unwrap();
    assert_eq!((best.index, best.x, best.value), (4, 320.0, 0.8203125));
    let hf = r.hf_best.as_ref().unwrap();
    assert_eq!(
        hf.best_model_checkpoint.as_deref(),
        Some("out/checkpoint-320")
    );
    assert_eq!(hf.agrees, Some(true));
    // Keras's defaults: patience 0 stops at the first evaluation without improvement.
    let e = r.early_stopping;
    assert_eq!(
        (e.stopped_index, e.stopped_x, e.best_index, e.best_x),
        (Some(5), Some(384.0), Some(4), Some(320.0))
    );
    assert_eq!(r.verdict.status, TrainingStatus::Watch);
    assert_eq!(r.verdict.checkpoint, Some(320.0));
    assert_eq!(r.warnings[0].id, "overfitting");
    let o = r.findings.get("overfitting").unwrap();
    assert_eq!(o["rise_evaluations"], 3);
    assert!(
        (o["generalisation_loss"].as_f64().unwrap() - 100.0 * (0.9453125 / 0.8203125 - 1.0)).abs()
            < 1e-9
    );
    let summary = r.summary.as_ref().unwrap();
    assert!(
        summary.get("train_loss").is_some(),
        "the final entry is a summary, not a point"
    );
    assert_eq!(r.options.presets.get("lightning").unwrap().patience, 3);
}

#[test]
fn the_same_run_in_every_format_has_the_same_best_and_verdict() {
    for (paths, monitor) in [
        (vec![HF], "eval_loss"),
        (vec!["keras/training.log"], "val_loss"),
        (vec!["lightning/version_0/metrics.csv"], "val_loss"),
        (vec!["plain/log.csv"], "val_loss"),
        (
            vec![
                "tensorboard/run-train-tag-epoch_loss.csv",
                "tensorboard/run-validation-tag-epoch_loss.csv",
            ],
            "run-validation-tag-epoch_loss",
        ),
    ] {
        let r = report_on(&paths, &TrainingOptions::default());
        assert_eq!(r.monitor.as_deref(), Some(monitor), "{paths:?}");
        assert_eq!(r.best.unwrap().value, 0.8203125, "{paths:?}");
        assert_eq!(r.best.unwrap().index, 4, "{paths:?}");
        assert_eq!(r.verdict.status, TrainingStatus::Watch, "{paths:?}");
        assert!(r.findings.get("overfitting").is_some(), "{paths:?}");
    }
}

#[test]
fn options_move_the_numbers_they_should_and_no_others() {
    let base = report_on(&[HF], &TrainingOptions::default());
    // Evaluations 5, 6, 7 follow the best (4): patience 3 stops at the last, 4 never.
    let three = report_on(
        &[HF],
        &TrainingOptions {
            patience: 3,
            ..TrainingOptions::default()
        },
    );
    assert_eq!(three.early_stopping.stopped_index, Some(7));
    let four = report_on(
        &[HF],
        &TrainingOptions {
            patience: 4,
            ..TrainingOptions::default()
        },
    );
    assert_eq!(four.early_stopping.stopped_index, None);
    assert_eq!(four.early_stopping.best_index, Some(4));
    let smooth = report_on(
        &[HF],
        &TrainingOptions {
            smoothing: 0.9,
            ..TrainingOptions::default()
        },
    );
    let (a, b) = (
        base.series.get("loss").unwrap(),
        smooth.series.get("loss").unwrap(),
    );
    assert_eq!(a.x, b.x);
    assert_eq!(a.y, b.y);
    assert_ne!(a.smoothed, b.smoothed);
    let accuracy = report_on(
        &[HF],
        &TrainingOptions {
            monitor: Some("eval_accuracy".into()),
            ..TrainingOptions::default()
        },
    );
    assert_eq!(accuracy.mode, "max");
    assert!(accuracy.options.mode_inferred);
    let forced = report_on(
        &[HF],
        &TrainingOptions {
            monitor: Some("eval_accuracy".into()),
            mode: Some(Mode::Min),
            ..TrainingOptions::default()
        },
    );
    assert_eq!(forced.mode, "min");
    assert!(!forced.options.mode_inferred);
    let files = vec![fixture(HF)];
    let err = training_report(
        &read_logs(&files).unwrap(),
        &TrainingOptions {
            monitor: Some("val_f2".into()),
            ..TrainingOptions::default()
        },
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("monitor: there is no series named \"val_f2\"; the series are: "),
        "{err}"
    );
}

#[test]
fn non_finite_values_are_null_and_unhealthy() {
    let r = report_on(&["hf_nan/trainer_state.json"], &TrainingOptions::default());
    assert_eq!(r.verdict.status, TrainingStatus::Unhealthy);
    assert_eq!(r.warnings[0].id, "non_finite_loss");
    let loss = r.series.get("loss").unwrap();
    assert!(loss.y.iter().any(Option::is_none));
    let json = support::json_outside_strings(&r.to_json());
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
}

#[test]
fn a_million_points_are_thinned_for_drawing_but_computed_whole() {
    let mut text = String::from("step,loss,val_loss\n");
    for i in 0..1_000_000u64 {
        let step = i + 1;
        let loss = 2.0 / (1.0 + step as f64 / 1000.0) + if i % 250_000 == 7 { 5.0 } else { 0.0 };
        text.push_str(&format!(
            "{step},{loss},{}\n",
            2.5 / (1.0 + step as f64 / 1200.0)
        ));
    }
    let log = read_log("big.csv", text.as_bytes()).unwrap();
    let display = TrainingOptions {
        curves: CurveDetail::Display,
        ..TrainingOptions::default()
    };
    let r = training_report(&log, &display).unwrap();
    let loss = r.series.get("loss").unwrap();
    assert_eq!(loss.points, 1_000_000);
    assert!(!loss.complete);
    assert!(
        loss.x.len() <= fitcheck::report::training::DRAWN_POINTS,
        "{}",
        loss.x.len()
    );
    assert_eq!(loss.x.first(), Some(&1.0));
    assert_eq!(loss.x.last(), Some(&1_000_000.0));
    // The spikes survive thinning: each bucket keeps its highest value.
    assert_eq!(
        loss.y.iter().filter(|y| y.is_some_and(|v| v > 4.0)).count(),
        4
    );
    // The best is computed on every point: the last one.
    assert_eq!(r.best.unwrap().x, 1_000_000.0);
    let whole = training_report(&log, &TrainingOptions::default()).unwrap();
    assert_eq!(whole.series.get("loss").unwrap().x.len(), 1_000_000);
    assert!(
        r.warnings.iter().any(|w| w.id == "loss_spike"),
        "{:?}",
        r.warnings
    );
}
