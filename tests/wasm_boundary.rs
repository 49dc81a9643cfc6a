//! The JavaScript boundary, tested in wasm under Node (wasm-bindgen-test):
//! the shape of the returned report and the errors thrown for bad input.
#![cfg(target_arch = "wasm32")]

use fitcheck::wasm::{check_count, counts_report, defaults};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &(*k).into(), v).unwrap();
    }
    obj.into()
}

fn counts(tp: &str, fn_: &str, fp: &str, tn: &str) -> Vec<(&'static str, JsValue)> {
    vec![
        ("tp", tp.into()),
        ("fn", fn_.into()),
        ("fp", fp.into()),
        ("tn", tn.into()),
    ]
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, k| {
        Reflect::get(&v, &(*k).into()).unwrap()
    })
}

/// The thrown value: (message, field).
fn thrown(result: Result<JsValue, JsValue>) -> (String, Option<String>) {
    let err = result.expect_err("expected an error");
    let err: js_sys::Error = err.dyn_into().expect("thrown value is an Error");
    let field = Reflect::get(&err, &"field".into()).unwrap().as_string();
    (err.message().into(), field)
}

#[wasm_bindgen_test]
fn worked_example_has_the_contract_shape() {
    let report = counts_report(object(&counts("85", "15", "10", "90"))).unwrap();
    assert_eq!(get(&report, &["kind"]).as_string().unwrap(), "binary");
    assert_eq!(get(&report, &["n"]).as_f64().unwrap(), 200.0);
    assert_eq!(get(&report, &["pos_label"]).as_string().unwrap(), "1");
    // 85 / (85 + 10)
    assert_eq!(
        get(&report, &["metrics", "precision"]).as_f64().unwrap(),
        85.0 / 95.0
    );
    assert_eq!(get(&report, &["metrics", "recall"]).as_f64().unwrap(), 0.85);
    assert_eq!(
        get(&report, &["metrics", "f1"]).as_f64().unwrap(),
        170.0 / 195.0
    );
    let confusion: Array = get(&report, &["confusion"]).dyn_into().unwrap();
    let row1: Array = confusion.get(1).dyn_into().unwrap();
    assert_eq!(row1.get(0).as_f64().unwrap(), 15.0); // fn
    assert_eq!(row1.get(1).as_f64().unwrap(), 85.0); // tp
    let interval: Array = get(&report, &["intervals", "recall"]).dyn_into().unwrap();
    assert!((interval.get(0).as_f64().unwrap() - 0.7672).abs() < 1e-4);
    assert_eq!(
        get(&report, &["explanations", "precision", "formula"])
            .as_string()
            .unwrap(),
        "precision = TP / (TP + FP) = 85 / (85 + 10) = 0.8947"
    );
    assert_eq!(
        get(&report, &["verdict", "status"]).as_string().unwrap(),
        "fit"
    );
    assert!(Array::is_array(&get(&report, &["warnings"])));
}

#[wasm_bindgen_test]
fn undefined_metrics_are_null_not_nan() {
    // Never predicts positive: precision is 0/0.
    let report = counts_report(object(&counts("0", "5", "0", "95"))).unwrap();
    assert!(get(&report, &["metrics", "precision"]).is_null());
    assert!(get(&report, &["undefined", "precision"])
        .as_string()
        .unwrap()
        .contains("TP + FP = 0"));
    let warnings: Array = get(&report, &["warnings"]).dyn_into().unwrap();
    let ids: Vec<String> = warnings
        .iter()
        .map(|w| get(&w, &["id"]).as_string().unwrap())
        .collect();
    assert!(ids.contains(&"degenerate".to_string()), "{ids:?}");
    assert!(ids.contains(&"undefined_metric".to_string()), "{ids:?}");
}

#[wasm_bindgen_test]
fn fraud_model_is_not_fit_when_misses_are_costly() {
    let mut input = counts("18", "132", "68", "9782");
    input.push(("task", "misses_costly".into()));
    let report = counts_report(object(&input)).unwrap();
    assert_eq!(
        get(&report, &["metrics", "accuracy"]).as_f64().unwrap(),
        0.98
    );
    assert_eq!(get(&report, &["metrics", "recall"]).as_f64().unwrap(), 0.12);
    assert_eq!(
        get(&report, &["verdict", "status"]).as_string().unwrap(),
        "not_fit"
    );
    assert_eq!(
        get(&report, &["verdict", "watch"]).as_string().unwrap(),
        "recall"
    );
}

#[wasm_bindgen_test]
fn bad_counts_throw_errors_naming_the_field() {
    let cases = [
        (counts("abc", "1", "1", "1"), "True positives: \"abc\" is not a whole number", Some("tp")),
        (counts("1", "-2", "1", "1"), "False negatives: -2 is negative: a count cannot be below 0", Some("fn")),
        (counts("1", "1", "2.5", "1"), "False positives: 2.5 is not a whole number: a count of examples has no fraction", Some("fp")),
        (counts("1", "1", "1", ""), "True negatives: is empty: enter a whole number, such as 85", Some("tn")),
        (
            counts("9007199254740993", "1", "1", "1"),
            "True positives: 9007199254740993 is larger than 2^53 (9,007,199,254,740,992), the largest count fitcheck holds exactly",
            Some("tp"),
        ),
        (counts("0", "0", "0", "0"), "all four counts are zero: enter at least one example to measure", None),
    ];
    for (input, message, field) in cases {
        let (got_message, got_field) = thrown(counts_report(object(&input)));
        assert_eq!(got_message, message);
        assert_eq!(got_field.as_deref(), field);
    }
}

#[wasm_bindgen_test]
fn bad_options_throw_errors_naming_the_option() {
    let mut input = counts("85", "15", "10", "90");
    input.push(("beta", "0".into()));
    let (message, field) = thrown(counts_report(object(&input)));
    assert!(message.starts_with("beta: 0 is not allowed"), "{message}");
    assert_eq!(field.as_deref(), Some("beta"));

    let mut input = counts("85", "15", "10", "90");
    input.push(("task", "vibes".into()));
    let (message, field) = thrown(counts_report(object(&input)));
    assert!(message.contains("\"vibes\" is not a task"), "{message}");
    assert_eq!(field.as_deref(), Some("task"));

    let mut input = counts("85", "15", "10", "90");
    input.push(("minRecall", JsValue::from_f64(1.5)));
    let (message, field) = thrown(counts_report(object(&input)));
    assert!(message.contains("between 0 and 1"), "{message}");
    assert_eq!(field.as_deref(), Some("min_recall"));
}

#[wasm_bindgen_test]
fn malformed_input_is_an_error_not_a_panic() {
    let (message, field) = thrown(counts_report(JsValue::from_f64(3.0)));
    assert!(
        message.starts_with("fitcheck received malformed input"),
        "{message}"
    );
    assert_eq!(field, None);
    let (message, _) = thrown(counts_report(object(&[("tp", "1".into())])));
    assert!(message.contains("missing field"), "{message}");
}

#[wasm_bindgen_test]
fn check_count_validates_one_field() {
    assert!(check_count("tp", "10,000").is_ok());
    let err: js_sys::Error = check_count("fn", "x").unwrap_err().dyn_into().unwrap();
    assert_eq!(
        String::from(err.message()),
        "False negatives: \"x\" is not a whole number"
    );
    assert!(check_count("nope", "1").is_err());
}

#[wasm_bindgen_test]
fn defaults_come_from_the_core() {
    let d = defaults().unwrap();
    for (key, expected) in [
        ("beta", 1.0),
        ("max_beta", 1e6),
        ("min_precision", 0.85),
        ("min_recall", 0.85),
        ("min_f1", 0.85),
        ("threshold", 0.5),
        ("cost_fp", 1.0),
        ("cost_fn", 1.0),
        ("target_recall", 0.9),
        ("target_precision", 0.9),
        ("max_classes", 100.0),
    ] {
        assert_eq!(get(&d, &[key]).as_f64(), Some(expected), "{key}");
    }
    assert_eq!(get(&d, &["task"]).as_string().as_deref(), Some("balanced"));
    assert_eq!(get(&d, &["demo", "separation"]).as_f64(), Some(1.5));
    assert_eq!(get(&d, &["demo", "size"]).as_f64(), Some(2000.0));
    let tasks: Array = get(&d, &["tasks"]).dyn_into().unwrap();
    let ids: Vec<String> = tasks
        .iter()
        .map(|t| get(&t, &["id"]).as_string().unwrap())
        .collect();
    assert_eq!(ids, ["balanced", "false_alarms_costly", "misses_costly"]);
    assert_eq!(
        get(&tasks.get(2), &["description"]).as_string().as_deref(),
        Some("Misses are costly, e.g. medical screening, fraud")
    );
}

#[wasm_bindgen_test]
fn settings_are_read_by_the_cores_one_rule() {
    // Text with spaces reads as a number; an empty box takes the default.
    let mut input = counts("85", "15", "10", "90");
    input.push(("beta", " 2 ".into()));
    input.push(("minRecall", "".into()));
    input.push(("minF1", " 0.9".into()));
    let report = counts_report(object(&input)).unwrap();
    assert_eq!(get(&report, &["options", "beta"]).as_f64(), Some(2.0));
    assert_eq!(
        get(&report, &["options", "thresholds", "min_recall"]).as_f64(),
        Some(0.85)
    );
    assert_eq!(
        get(&report, &["options", "thresholds", "min_f1"]).as_f64(),
        Some(0.9)
    );
    let mut input = counts("85", "15", "10", "90");
    input.push(("beta", "1e7".into()));
    let (message, field) = thrown(counts_report(object(&input)));
    assert_eq!(
        message,
        "beta: 10000000 is not allowed: beta must be above 0 and at most 1000000 (1 weighs precision and recall equally, 2 favours recall)"
    );
    assert_eq!(field.as_deref(), Some("beta"));
}
