//! `fitcheck training` as a terminal or CI uses it: text, JSON and Markdown
//! on the fixtures; bad input exits 2 with one line.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

use support::cli::{fitcheck, rejected};

fn fixture(path: &str) -> String {
    format!(
        "{}/tests/fixtures/training/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn json_follows_the_contract() {
    let out = fitcheck(&[
        "training",
        &fixture("hf/trainer_state.json"),
        "--json",
        "--patience",
        "1",
        "--min-delta",
        "0.01",
        "--smoothing",
        "0.8",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "kind",
        "format",
        "x",
        "files",
        "series",
        "monitor",
        "mode",
        "best",
        "hf_best",
        "early_stopping",
        "findings",
        "warnings",
        "verdict",
        "summary",
        "options",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    assert_eq!(r["kind"], "training");
    assert_eq!(r["x"], "step");
    assert_eq!(r["options"]["smoothing"], 0.8);
    assert_eq!(r["early_stopping"]["patience"], 1);
    assert_eq!(r["early_stopping"]["min_delta"], 0.01);
    // Every point of the CLI's series, smoothed alongside.
    let loss = &r["series"]["loss"];
    assert_eq!(
        loss["x"].as_array().unwrap().len() as u64,
        loss["points"].as_u64().unwrap()
    );
    assert_eq!(
        loss["smoothed"].as_array().unwrap().len(),
        loss["y"].as_array().unwrap().len()
    );
    assert_eq!(r["verdict"]["status"], "watch");
}

#[test]
fn text_and_markdown() {
    let out = fitcheck(&["training", &fixture("keras/training.log")]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Verdict: WATCH — Watch: overfitting after epoch 4; keep checkpoint 4."),
        "{text}"
    );
    assert!(
        text.contains("Best val_loss (min): 0.8203125 at epoch 4 (evaluation 4)"),
        "{text}"
    );
    let out = fitcheck(&["training", &fixture("keras/training.log"), "--markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## Training: **WATCH**"), "{md}");
}

#[test]
fn several_tensorboard_exports_are_one_series_each() {
    let out = fitcheck(&[
        "training",
        &fixture("tensorboard/run-train-tag-epoch_loss.csv"),
        &fixture("tensorboard/run-validation-tag-epoch_loss.csv"),
        "--json",
    ]);
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&String> = r["series"].as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        vec!["run-train-tag-epoch_loss", "run-validation-tag-epoch_loss"]
    );
    assert_eq!(r["format"], "tensorboard_csv");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let dir = std::env::temp_dir().join(format!("fitcheck-cli-training-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"log_history\": [\n  {\"loss\": 1,}\n]}").unwrap();
    let bad = bad.to_string_lossy().into_owned();
    let hf = fixture("hf/trainer_state.json");
    rejected(&fitcheck(&["training", &bad]), "line 2");
    rejected(
        &fitcheck(&["training", &hf, "--mode", "up"]),
        "mode: \"up\" is not a mode: use min, max or auto",
    );
    rejected(
        &fitcheck(&["training", &hf, "--smoothing", "1"]),
        "smoothing: 1 is not allowed: it must be from 0 to 0.999",
    );
    rejected(
        &fitcheck(&["training", &hf, "--patience", "-1"]),
        "patience",
    );
    rejected(
        &fitcheck(&["training", &hf, "--monitor", "nope"]),
        "monitor: there is no series named \"nope\"",
    );
    rejected(
        &fitcheck(&["training", "/nonexistent/x.csv"]),
        "cannot read /nonexistent/x.csv",
    );
}
