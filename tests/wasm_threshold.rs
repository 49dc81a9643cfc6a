//! Threshold moves at the JavaScript boundary (`LoadedFile.atThreshold`),
//! tested in wasm under Node (wasm-bindgen-test): a move gives the numbers
//! and words of the full report at that threshold, without the parts a
//! threshold cannot change, and the same errors as `report()`.
#![cfg(target_arch = "wasm32")]

use fitcheck::wasm::LoadedFile;
use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &(*k).into(), v).unwrap();
    }
    obj.into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

fn json(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

fn demo() -> LoadedFile {
    LoadedFile::demo(object(&[("size", 5000.0.into()), ("seed", 3.0.into())])).unwrap()
}

/// Everything a threshold can change, as JSON.
const MOVED: [&str; 14] = [
    "kind",
    "n",
    "pos_label",
    "labels",
    "confusion",
    "confusion_row_share",
    "confusion_col_share",
    "counts",
    "metrics",
    "intervals",
    "undefined",
    "per_class",
    "averages",
    "warnings",
];
const WORDS: [&str; 4] = ["significance", "explanations", "verdict", "options"];

#[wasm_bindgen_test]
fn a_move_is_the_full_report_at_that_threshold_without_the_fixed_parts() {
    let mut loaded = demo();
    let settings = [
        ("task", JsValue::from("misses_costly")),
        ("beta", 2.0.into()),
        ("curves", "display".into()),
    ];
    loaded.report(object(&settings)).unwrap();
    for (rank, threshold) in [
        (Some(120.0), None),
        (None, Some(0.31)),
        (Some(0.0), None),
        (Some(1e9), None),
    ] {
        let moved = loaded.at_threshold(rank, threshold).unwrap();
        let mut asked = settings[..2].to_vec();
        if let Some(r) = rank {
            asked.push(("rank", r.into()));
        }
        if let Some(t) = threshold {
            asked.push(("threshold", t.into()));
        }
        let full = loaded.report(object(&asked)).unwrap();
        for key in MOVED.iter().chain(&WORDS) {
            assert_eq!(
                json(&get(&moved, key)),
                json(&get(&full, key)),
                "{key} at {rank:?} {threshold:?}"
            );
        }
        let (summary, full_summary) = (get(&moved, "score_summary"), get(&full, "score_summary"));
        for key in [
            "threshold",
            "rank",
            "called_positive",
            "distinct_thresholds",
            "min_score",
            "max_score",
            "probabilities",
        ] {
            assert_eq!(
                json(&get(&summary, key)),
                json(&get(&full_summary, key)),
                "score_summary.{key}"
            );
        }
        assert!(get(&summary, "calibration").is_null() && get(&summary, "histogram").is_null());
        for key in ["source", "operating_points", "curves"] {
            assert!(get(&moved, key).is_undefined(), "{key} is left out");
        }
    }
}

#[wasm_bindgen_test]
fn a_move_keeps_the_positive_class_of_the_last_report() {
    let mut loaded = demo();
    loaded.report(object(&[("positive", "0".into())])).unwrap();
    let moved = loaded.at_threshold(Some(40.0), None).unwrap();
    assert_eq!(get(&moved, "pos_label").as_string().as_deref(), Some("0"));
    let full = loaded
        .report(object(&[("positive", "0".into()), ("rank", 40.0.into())]))
        .unwrap();
    assert_eq!(json(&get(&moved, "metrics")), json(&get(&full, "metrics")));
}

fn error_of(value: JsValue) -> (String, String) {
    let text = |k: &str| get(&value, k).as_string().unwrap_or_default();
    (text("message"), text("field"))
}

#[wasm_bindgen_test]
fn a_move_throws_what_report_throws() {
    let mut loaded = demo();
    let (message, _) = error_of(loaded.at_threshold(Some(3.0), None).unwrap_err());
    assert_eq!(message, "no report has been made on this file yet");
    loaded.report(JsValue::UNDEFINED).unwrap();
    for (rank, threshold, field) in [
        (Some(-1.0), None, "rank"),
        (Some(2.5), None, "rank"),
        (None, Some(f64::NAN), "threshold"),
        (None, Some(f64::INFINITY), "threshold"),
    ] {
        let moved = error_of(loaded.at_threshold(rank, threshold).unwrap_err());
        let asked = match (rank, threshold) {
            (Some(r), _) => object(&[("rank", r.into())]),
            (_, Some(t)) => object(&[("threshold", t.into())]),
            _ => unreachable!(),
        };
        let full = error_of(loaded.report(asked).unwrap_err());
        assert_eq!(moved, full);
        assert_eq!(moved.1, field);
    }
}

#[wasm_bindgen_test]
fn the_text_door_gives_the_same_move_as_compact_json() {
    let mut loaded = demo();
    loaded.report(object(&[("beta", 2.0.into())])).unwrap();
    let text = loaded.at_threshold_json(Some(120.0), None).unwrap();
    assert!(!text.contains('\n'), "compact: {}", &text[..80]);
    let parsed = JSON::parse(&text).unwrap();
    let full = loaded
        .report(object(&[("beta", 2.0.into()), ("rank", 120.0.into())]))
        .unwrap();
    for key in MOVED.iter().chain(&WORDS) {
        assert_eq!(json(&get(&parsed, key)), json(&get(&full, key)), "{key}");
    }
    assert!(get(&parsed, "source").is_undefined());
    let (message, _) = error_of(loaded.at_threshold_json(Some(-1.0), None).unwrap_err());
    assert_eq!(
        message,
        error_of(loaded.at_threshold(Some(-1.0), None).unwrap_err()).0
    );
    assert!(message.contains("rank"), "{message}");
}
