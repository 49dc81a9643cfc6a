//! The JavaScript boundary, tested in wasm under Node (wasm-bindgen-test):
//! the shape of the returned report and the errors thrown for bad input;
//! files pushed in chunks (`CsvIngest`), read by the one file reader
//! (`CsvRead`: chunks, progress messages, cancel) and reported on
//! (`LoadedFile`).
#![cfg(target_arch = "wasm32")]

use fitcheck::options::parse_number;
use fitcheck::wasm::{
    check_count, counts_report, defaults, parse_typed_number, CsvIngest, CsvRead, LoadedFile,
};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Blob;

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
    assert_eq!(
        message,
        "fitcheck received malformed input: expected an object"
    );
    let (message, _) = thrown(counts_report(object(&[("tp", "1".into())])));
    assert_eq!(
        message,
        "fitcheck received malformed input: missing field `fn`"
    );
    // A count is text as typed, never a number.
    let mut input = counts("85", "15", "10", "90");
    input[0].1 = JsValue::from_f64(85.0);
    let (message, _) = thrown(counts_report(object(&input)));
    assert_eq!(
        message,
        "fitcheck received malformed input: field `tp` must be text"
    );
    // A setting is a number or text; null or undefined is "not given".
    let mut input = counts("85", "15", "10", "90");
    input.push(("beta", JsValue::TRUE));
    let (message, field) = thrown(counts_report(object(&input)));
    assert_eq!(
        message,
        "fitcheck received malformed options: field `beta` must be a number or text"
    );
    assert_eq!(field, None);
    let mut input = counts("85", "15", "10", "90");
    input.push(("task", JsValue::from_f64(2.0)));
    let (message, _) = thrown(counts_report(object(&input)));
    assert_eq!(
        message,
        "fitcheck received malformed options: field `task` must be text"
    );
    let mut input = counts("85", "15", "10", "90");
    input.push(("beta", JsValue::NULL));
    input.push(("minRecall", JsValue::UNDEFINED));
    let report = counts_report(object(&input)).unwrap();
    assert_eq!(get(&report, &["options", "beta"]).as_f64(), Some(1.0));
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

// ---------------------------------------------------------------------------
// Files: CsvIngest (chunks pushed from JavaScript), CsvRead (the one file
// reader, src/wasm/reader.rs) and the LoadedFile both give.
// ---------------------------------------------------------------------------

/// Calls `target[name](arg)` as JavaScript would.
fn call(target: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let method: js_sys::Function = get(target, &[name]).dyn_into().unwrap();
    method.call1(target, arg)
}

/// (kind, message) of a thrown core error.
fn kind_and_message(err: JsValue) -> (String, String) {
    let kind = get(&err, &["kind"]).as_string().unwrap_or_default();
    let err: js_sys::Error = err.dyn_into().expect("thrown value is an Error");
    (kind, err.message().into())
}

/// truth 1 0 1 0 1, score 0.9 0.6 0.4 0.2 0.7: at 0.5, tp 2, fn 1, fp 1, tn 1.
const SCORES: &str = "y_true,score\n1,0.9\n0,0.6\n1,0.4\n0,0.2\n1,0.7\n";

fn threshold(t: f64) -> JsValue {
    object(&[("threshold", t.into())])
}

fn assert_scores_report(loaded: &JsValue) {
    assert_eq!(get(loaded, &["rows"]).as_f64(), Some(5.0));
    let report = call(loaded, "report", &threshold(0.5)).unwrap();
    assert_eq!(get(&report, &["counts", "tp"]).as_f64(), Some(2.0));
    assert_eq!(get(&report, &["counts", "fn"]).as_f64(), Some(1.0));
    assert_eq!(get(&report, &["counts", "fp"]).as_f64(), Some(1.0));
    assert_eq!(get(&report, &["counts", "tn"]).as_f64(), Some(1.0));
    // 2 / (2 + 1)
    assert_eq!(
        get(&report, &["metrics", "precision"]).as_f64(),
        Some(2.0 / 3.0)
    );
}

#[wasm_bindgen_test]
fn csv_ingest_reads_chunks_cut_anywhere() {
    let mut ingest = CsvIngest::new(JsValue::UNDEFINED).unwrap();
    let (a, b) = SCORES.as_bytes().split_at(17); // inside "0.6"
    ingest.push(a).unwrap();
    ingest.push(b).unwrap();
    let loaded: JsValue = ingest.finish().unwrap().into();
    assert_scores_report(&loaded);
    // A new threshold from the kept columns: at 0.3, row 3 (0.4) is a hit
    // too, so tp 3, fn 0, fp 1 (0.6), tn 1 (0.2).
    let report = call(&loaded, "report", &threshold(0.3)).unwrap();
    assert_eq!(get(&report, &["counts", "tp"]).as_f64(), Some(3.0));
    assert_eq!(get(&report, &["counts", "fp"]).as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn csv_ingest_finished_twice_throws_and_keeps_nothing() {
    let mut ingest = CsvIngest::new(JsValue::UNDEFINED).unwrap();
    ingest.push(SCORES.as_bytes()).unwrap();
    let loaded = ingest.finish().unwrap();
    assert_eq!(loaded.rows(), 5.0);
    let message = |err: JsValue| String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
    assert_eq!(
        message(ingest.finish().err().expect("second finish fails")),
        "this file has already been finished"
    );
    assert_eq!(
        message(ingest.push(b"1,0.5\n").unwrap_err()),
        "this file has already been finished"
    );
}

#[wasm_bindgen_test]
fn csv_ingest_throws_row_errors_with_kind_and_line() {
    let mut ingest = CsvIngest::new(JsValue::UNDEFINED).unwrap();
    ingest.push(b"y_true,score\n1,0.9\n0,high\n").unwrap();
    let err = ingest.finish().err().expect("a bad score fails");
    assert_eq!(get(&err, &["line"]).as_f64(), Some(3.0));
    let (kind, message) = kind_and_message(err);
    assert_eq!(kind, "row");
    assert!(
        message.starts_with("line 3, column 2 (\"score\")"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn a_file_of_one_label_asks_for_the_positive_class_by_field() {
    // "cat" has no usual partner (unlike 1 ↔ 0), so the report cannot pick
    // the other class: the error names the `positive` field, and naming a
    // positive class gives the report (all four examples right: accuracy 1).
    let mut ingest = CsvIngest::new(JsValue::UNDEFINED).unwrap();
    ingest
        .push(b"y_true,y_pred\ncat,cat\ncat,cat\ncat,cat\ncat,cat\n")
        .unwrap();
    let loaded: JsValue = ingest.finish().unwrap().into();
    let err = call(&loaded, "report", &JsValue::UNDEFINED).unwrap_err();
    assert_eq!(
        get(&err, &["field"]).as_string().as_deref(),
        Some("positive")
    );
    let (kind, message) = kind_and_message(err);
    assert_eq!(kind, "need_positive");
    assert_eq!(
        message,
        "every example has the label \"cat\": a binary report needs two classes. Name the positive class to continue"
    );
    let named = object(&[("positive", "dog".into())]);
    let report = call(&loaded, "report", &named).unwrap();
    assert_eq!(get(&report, &["metrics", "accuracy"]).as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn loaded_file_demo_has_the_rows_asked_for() {
    let loaded: JsValue = LoadedFile::demo(object(&[("size", 200.0.into()), ("seed", 7.0.into())]))
        .unwrap()
        .into();
    assert_eq!(get(&loaded, &["rows"]).as_f64(), Some(200.0));
    let report = call(&loaded, "report", &JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&report, &["n"]).as_f64(), Some(200.0));
    let (kind, _) = kind_and_message(call(&loaded, "report", &threshold(f64::NAN)).unwrap_err());
    assert_eq!(kind, "invalid_option");
}

/// Messages a progress callback was given.
type Seen = Rc<RefCell<Vec<JsValue>>>;

/// A progress callback that keeps every message it is given.
fn collector() -> (Seen, Closure<dyn FnMut(JsValue)>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let keep = seen.clone();
    let closure = Closure::new(move |message: JsValue| keep.borrow_mut().push(message));
    (seen, closure)
}

fn function(closure: &Closure<dyn FnMut(JsValue)>) -> js_sys::Function {
    closure.as_ref().unchecked_ref::<js_sys::Function>().clone()
}

#[wasm_bindgen_test]
async fn csv_read_reads_text_and_blobs_alike_and_posts_progress() {
    let (seen, closure) = collector();
    let read = CsvRead::new(
        SCORES.into(),
        JsValue::UNDEFINED,
        41.into(),
        Some(function(&closure)),
    )
    .unwrap();
    let loaded = JsFuture::from(read.run()).await.unwrap();
    assert_scores_report(&loaded);
    // One chunk, then the final count: both with the whole size.
    let seen = seen.borrow().clone();
    assert_eq!(seen.len(), 2);
    let total = SCORES.len() as f64;
    for message in seen.iter() {
        assert_eq!(
            get(message, &["type"]).as_string().as_deref(),
            Some("progress")
        );
        assert_eq!(get(message, &["id"]).as_f64(), Some(41.0));
        assert_eq!(get(message, &["bytes"]).as_f64(), Some(total));
        assert_eq!(get(message, &["total"]).as_f64(), Some(total));
        assert!(get(message, &["elapsedMs"]).as_f64().unwrap() >= 0.0);
    }
    // A file under 64 KiB is gathered whole before it is parsed (to sniff
    // the delimiter), so its rows are counted only when it is finished.
    assert_eq!(get(&seen[0], &["rows"]).as_f64(), Some(0.0));
    assert_eq!(get(&seen[1], &["rows"]).as_f64(), Some(5.0));

    let blob = Blob::new_with_str_sequence(&Array::of1(&SCORES.into())).unwrap();
    let read = CsvRead::new(blob.into(), JsValue::UNDEFINED, 42.into(), None).unwrap();
    assert_scores_report(&JsFuture::from(read.run()).await.unwrap());
}

/// A score file over two chunks (the first 4 MiB): 300 000 rows of 16 bytes
/// after the header; over each 3 rows truth 1 0 0 and score 0.75 0.75 0.25.
fn big_scores() -> String {
    let mut text = String::from("y_true,score\n");
    for i in 0..300_000 {
        text.push_str(
            [
                "1,0.75000000000\n",
                "0,0.75000000000\n",
                "0,0.25000000000\n",
            ][i % 3],
        );
    }
    text
}

#[wasm_bindgen_test]
async fn csv_read_reads_a_file_of_several_chunks() {
    let text = big_scores();
    assert_eq!(text.len(), 13 + 300_000 * 16);
    assert_reads_big_scores(text.into()).await;
}

/// `big_scores()` as a `Blob` whose method `name` is replaced by `body`
/// (the text of a function of no arguments, `this` being the blob).
fn blob_with(name: &str, body: &str) -> JsValue {
    let make = js_sys::Function::new_with_args(
        "text, name, body",
        "class Changed extends Blob {}
         Changed.prototype[name] = new Function(body);
         return new Changed([text]);",
    );
    let args = Array::of3(&big_scores().into(), &name.into(), &body.into());
    make.apply(&JsValue::NULL, &args).unwrap()
}

#[wasm_bindgen_test]
async fn csv_read_reads_through_the_blob_stream_without_slices() {
    // A blob that cannot be sliced still reads: the stream is used.
    assert_reads_big_scores(blob_with("slice", "throw new TypeError('no slices here');")).await;
}

#[wasm_bindgen_test]
async fn csv_read_reads_by_slices_when_the_stream_is_not_a_byte_stream() {
    // A stream without a BYOB reader (one of chunks, not bytes): the read
    // falls back to slices, with the same chunks, progress and report.
    let stream =
        "return new ReadableStream({ start(c) { c.enqueue(new Uint8Array([48])); c.close(); } });";
    assert_reads_big_scores(blob_with("stream", stream)).await;
}

/// Reads `big_scores()` from `source` and checks the rows, the counts and
/// the progress messages.
async fn assert_reads_big_scores(source: JsValue) {
    let (seen, closure) = collector();
    let read = CsvRead::new(
        source,
        JsValue::UNDEFINED,
        1.into(),
        Some(function(&closure)),
    )
    .unwrap();
    let loaded = JsFuture::from(read.run()).await.unwrap();
    assert_eq!(get(&loaded, &["rows"]).as_f64(), Some(300_000.0));
    // At 0.5: tp 100 000, fp 100 000, tn 100 000, fn 0.
    let report = call(&loaded, "report", &threshold(0.5)).unwrap();
    assert_eq!(get(&report, &["counts", "tp"]).as_f64(), Some(100_000.0));
    assert_eq!(get(&report, &["counts", "fp"]).as_f64(), Some(100_000.0));
    assert_eq!(get(&report, &["counts", "tn"]).as_f64(), Some(100_000.0));
    assert_eq!(get(&report, &["counts", "fn"]).as_f64(), Some(0.0));
    // Progress after the first chunk (4 MiB), then at most every 100 ms (so
    // after the second and last chunk only if it came that late), then the
    // final count.
    let bytes: Vec<f64> = seen
        .borrow()
        .iter()
        .map(|m| get(m, &["bytes"]).as_f64().unwrap())
        .collect();
    let total = (13 + 300_000 * 16) as f64;
    let rows: Vec<f64> = seen
        .borrow()
        .iter()
        .map(|m| get(m, &["rows"]).as_f64().unwrap())
        .collect();
    // The first chunk holds the header and (4 194 304 − 13) / 16 = 262 143
    // whole rows (and 3 bytes of the next).
    match bytes.len() {
        2 => {
            assert_eq!(bytes, vec![4_194_304.0, total]);
            assert_eq!(rows, vec![262_143.0, 300_000.0]);
        }
        _ => {
            assert_eq!(bytes, vec![4_194_304.0, total, total]);
            assert_eq!(rows, vec![262_143.0, 300_000.0, 300_000.0]);
        }
    }
}

#[wasm_bindgen_test]
async fn csv_read_cancelled_between_chunks_rejects_with_kind_cancelled() {
    // Cancel from the first progress message, as the page's cancel button
    // does while the worker awaits the next chunk.
    let slot: Rc<RefCell<Option<Rc<CsvRead>>>> = Rc::default();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let (keep, target) = (seen.clone(), slot.clone());
    let closure: Closure<dyn FnMut(JsValue)> = Closure::new(move |message: JsValue| {
        keep.borrow_mut().push(message);
        if let Some(read) = target.borrow().as_ref() {
            read.cancel();
        }
    });
    let read = Rc::new(
        CsvRead::new(
            big_scores().into(),
            JsValue::UNDEFINED,
            9.into(),
            Some(function(&closure)),
        )
        .unwrap(),
    );
    *slot.borrow_mut() = Some(read.clone());
    let err = JsFuture::from(read.run())
        .await
        .expect_err("a cancelled read rejects");
    assert_eq!(
        get(&err, &["kind"]).as_string().as_deref(),
        Some("cancelled")
    );
    let (_, message) = kind_and_message(err);
    assert_eq!(message, "Reading was cancelled.");
    // Only the first chunk was read and reported; no final count.
    let bytes: Vec<f64> = seen
        .borrow()
        .iter()
        .map(|m| get(m, &["bytes"]).as_f64().unwrap())
        .collect();
    assert_eq!(bytes, vec![4_194_304.0]);
}

#[wasm_bindgen_test]
async fn csv_read_cancelled_before_it_runs_reads_nothing() {
    let (seen, closure) = collector();
    let read = CsvRead::new(
        SCORES.into(),
        JsValue::UNDEFINED,
        3.into(),
        Some(function(&closure)),
    )
    .unwrap();
    read.cancel();
    let (kind, _) = kind_and_message(JsFuture::from(read.run()).await.unwrap_err());
    assert_eq!(kind, "cancelled");
    assert!(seen.borrow().is_empty(), "no progress after cancel");
}

#[wasm_bindgen_test]
async fn csv_read_runs_once_and_reports_file_errors() {
    let read = CsvRead::new(SCORES.into(), JsValue::UNDEFINED, 5.into(), None).unwrap();
    assert_scores_report(&JsFuture::from(read.run()).await.unwrap());
    let err: js_sys::Error = JsFuture::from(read.run())
        .await
        .unwrap_err()
        .dyn_into()
        .unwrap();
    assert_eq!(
        String::from(err.message()),
        "this read has already been run"
    );

    // An empty text is the core's file error, with its kind.
    let read = CsvRead::new("".into(), JsValue::UNDEFINED, 6.into(), None).unwrap();
    let (kind, _) = kind_and_message(JsFuture::from(read.run()).await.unwrap_err());
    assert_eq!(kind, "file");

    // Neither a Blob nor text: refused when the read is made.
    let (kind, message) = kind_and_message(
        CsvRead::new(3.into(), JsValue::UNDEFINED, 7.into(), None)
            .err()
            .unwrap(),
    );
    assert_eq!(kind, "file");
    assert!(
        message.contains("must be a File, a Blob or text"),
        "{message}"
    );
}

/// The page reads typed numbers with JavaScript's parseFloat doing the
/// decimal conversion (parse_typed_number): the same bits and the same
/// errors as the core's parse_number, on hard cases (halfway between two
/// doubles, subnormals, more than 20 significant digits, overflow) and on
/// 20,000 random decimals.
#[wasm_bindgen_test]
fn typed_numbers_read_as_the_core_reads_them() {
    let same = |text: &str| match (parse_typed_number("beta", text), parse_number("beta", text)) {
        (Ok(a), Ok(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: {a} vs {b}"),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("{text:?}: page {a:?}, core {b:?}"),
    };
    for text in [
        "0.1",
        "-0",
        "+0",
        " 2 ",
        "1e400",
        "-1e400",
        "1e-400",
        "4.9e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "9007199254740993",
        "9007199254740992.5",
        "9007199254740993.0000000000000000000001",
        "0.30000000000000001665334536937734810635447502136230468751",
        "123456789012345678901234567890e-20",
        "7.038531e-26",
        "1.",
        ".5",
        "5e+3",
        "5E-3",
        "inf",
        "-Infinity",
        "NaN",
        "-nan",
        "abc",
        "",
        "1e",
        "0x10",
        "1_0",
        "١",
    ] {
        same(text);
    }
    let mut rng = fitcheck::input::demo::SplitMix64(0x9E37_79B9_7F4A_7C15);
    let mut next = move |n: u64| rng.next_u64() % n;
    for _ in 0..20_000 {
        let mut text = String::new();
        if next(3) == 0 {
            text.push('-');
        }
        for _ in 0..1 + next(30) {
            text.push(char::from(b'0' + next(10) as u8));
        }
        if next(2) == 0 {
            text.insert(text.len() - next(text.len() as u64 / 2 + 1) as usize, '.');
        }
        if next(2) == 0 {
            text.push_str(&format!("e{}", next(700) as i64 - 350));
        }
        same(&text);
    }
}
