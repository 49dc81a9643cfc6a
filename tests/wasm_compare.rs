//! The page's door to comparisons, tested in wasm under Node
//! (wasm-bindgen-test): `CompareRead` over one file or two (text and
//! `Blob`s), the report and its exports from `LoadedComparison`, the errors
//! (a truth mismatch with its line, cancel), and `compareCounts`.
#![cfg(target_arch = "wasm32")]

use fitcheck::wasm::{compare_counts, CompareRead};
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Blob;

const ONE: &str =
    "y_true,base,tuned\n1,1,1\n1,0,1\n1,0,1\n1,1,0\n0,0,0\n0,1,0\n0,0,0\n0,0,1\n1,0,0\n0,1,1\n";
const BEFORE: &str = "y_true,pred\n1,1\n1,0\n1,0\n1,1\n0,0\n0,1\n0,0\n0,0\n1,0\n0,1\n";
const AFTER: &str = "y_true,pred\n1,1\n1,1\n1,1\n1,0\n0,0\n0,0\n0,0\n0,1\n1,0\n0,1\n";

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &(*k).into(), v).unwrap();
    }
    obj.into()
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, k| {
        Reflect::get(&v, &(*k).into()).unwrap()
    })
}

fn sources(texts: &[&str]) -> Array {
    texts.iter().map(|t| JsValue::from_str(t)).collect()
}

/// Calls `method` on a JavaScript object with these arguments.
fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, &[method]).unchecked_into();
    f.apply(target, &args.iter().cloned().collect::<Array>())
}

type Seen = Rc<RefCell<Vec<JsValue>>>;

fn collector() -> (Seen, Closure<dyn FnMut(JsValue)>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let keep = seen.clone();
    let closure = Closure::new(move |message: JsValue| keep.borrow_mut().push(message));
    (seen, closure)
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen_test]
async fn one_file_gives_the_comparison_and_its_exports() {
    let read = CompareRead::new(
        sources(&[ONE]),
        names(&["both.csv"]),
        JsValue::UNDEFINED,
        7.into(),
        None,
    )
    .unwrap();
    let loaded = JsFuture::from(read.run()).await.unwrap();
    assert_eq!(get(&loaded, &["rows"]).as_f64(), Some(10.0));
    let options = object(&[("resamples", 200.into()), ("seed", 5.into())]);
    let report = call(&loaded, "report", &[options]).unwrap();
    assert_eq!(
        get(&report, &["kind"]).as_string().as_deref(),
        Some("comparison")
    );
    assert_eq!(
        get(&report, &["models", "1"]).as_string().as_deref(),
        Some("tuned")
    );
    assert_eq!(get(&report, &["mcnemar", "a_only"]).as_f64(), Some(2.0));
    assert_eq!(get(&report, &["mcnemar", "b_only"]).as_f64(), Some(3.0));
    assert_eq!(
        get(&report, &["bootstrap", "resamples"]).as_f64(),
        Some(200.0)
    );
    assert_eq!(get(&report, &["bootstrap", "seed"]).as_f64(), Some(5.0));
    let csv = call(&loaded, "flipsCsv", &[]).unwrap().as_string().unwrap();
    assert_eq!(csv.lines().next(), Some("change,line,y_true,base,tuned"));
    assert_eq!(csv.lines().count(), 6);
    let md = call(&loaded, "markdown", &[]).unwrap().as_string().unwrap();
    assert!(md.starts_with("## Comparison: base → tuned"), "{md}");
}

#[wasm_bindgen_test]
async fn two_blobs_join_and_post_progress_per_file() {
    let (seen, closure) = collector();
    let blobs: Array = [BEFORE, AFTER]
        .iter()
        .map(|t| JsValue::from(Blob::new_with_str_sequence(&Array::of1(&(*t).into())).unwrap()))
        .collect();
    let post = closure.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let read = CompareRead::new(
        blobs,
        names(&["before.csv", "after.csv"]),
        JsValue::UNDEFINED,
        8.into(),
        Some(post),
    )
    .unwrap();
    let loaded = JsFuture::from(read.run()).await.unwrap();
    let report = call(&loaded, "report", &[JsValue::UNDEFINED]).unwrap();
    assert_eq!(
        get(&report, &["source", "form"]).as_string().as_deref(),
        Some("two_files")
    );
    assert_eq!(get(&report, &["mcnemar", "b_only"]).as_f64(), Some(3.0));
    let files: Vec<f64> = seen
        .borrow()
        .iter()
        .map(|m| get(m, &["file"]).as_f64().unwrap())
        .collect();
    assert_eq!(files, vec![0.0, 0.0, 1.0, 1.0]);
}

#[wasm_bindgen_test]
async fn a_truth_mismatch_rejects_with_its_kind_and_line() {
    let after = AFTER.replacen("0,0\n0,0", "1,0\n0,0", 1);
    let read = CompareRead::new(
        sources(&[BEFORE, &after]),
        names(&["a.csv", "b.csv"]),
        JsValue::UNDEFINED,
        9.into(),
        None,
    )
    .unwrap();
    let err = JsFuture::from(read.run()).await.unwrap_err();
    assert_eq!(
        get(&err, &["kind"]).as_string().as_deref(),
        Some("truth_mismatch")
    );
    assert_eq!(get(&err, &["line"]).as_f64(), Some(6.0));
    let message = get(&err, &["message"]).as_string().unwrap();
    assert!(
        message.contains("\"a.csv\" line 6 says \"0\", \"b.csv\" line 6 says \"1\""),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn cancel_rejects_with_cancelled() {
    let read = CompareRead::new(
        sources(&[ONE]),
        names(&["x.csv"]),
        JsValue::UNDEFINED,
        1.into(),
        None,
    )
    .unwrap();
    read.cancel();
    let err = JsFuture::from(read.run()).await.unwrap_err();
    assert_eq!(
        get(&err, &["kind"]).as_string().as_deref(),
        Some("cancelled")
    );
}

#[wasm_bindgen_test]
fn bad_read_options_are_thrown_with_their_field() {
    let options = object(&[("aKind", "prob".into())]);
    let err = CompareRead::new(sources(&[ONE]), names(&["x.csv"]), options, 1.into(), None)
        .err()
        .unwrap();
    assert_eq!(get(&err, &["field"]).as_string().as_deref(), Some("aKind"));
}

fn counts(tp: &str, fn_: &str, fp: &str, tn: &str) -> JsValue {
    object(&[
        ("tp", tp.into()),
        ("fn", fn_.into()),
        ("fp", fp.into()),
        ("tn", tn.into()),
    ])
}

#[wasm_bindgen_test]
fn compare_counts_bounds_mcnemar_and_names_bad_fields() {
    let input = object(&[
        ("a", counts("85", "15", "10", "90")),
        ("b", counts("80", "20", "5", "95")),
    ]);
    let r = compare_counts(input).unwrap();
    assert_eq!(
        get(&r, &["kind"]).as_string().as_deref(),
        Some("counts_comparison")
    );
    assert_eq!(
        get(&r, &["discordant", "min", "a_only"]).as_f64(),
        Some(5.0)
    );
    assert_eq!(
        get(&r, &["discordant", "max", "b_only"]).as_f64(),
        Some(25.0)
    );
    let input = object(&[
        ("a", counts("85", "15", "10", "90")),
        ("b", counts("80", "x", "5", "95")),
    ]);
    let err = compare_counts(input).unwrap_err();
    assert_eq!(get(&err, &["field"]).as_string().as_deref(), Some("b_fn"));
    // Malformed input is refused in words, never a panic.
    let input = object(&[("a", counts("85", "15", "10", "90"))]);
    let err = compare_counts(input).unwrap_err();
    assert_eq!(
        get(&err, &["message"]).as_string().as_deref(),
        Some("fitcheck received malformed input: missing field `b`")
    );
    let input = object(&[("a", counts("85", "15", "10", "90")), ("b", "80".into())]);
    let err = compare_counts(input).unwrap_err();
    assert_eq!(
        get(&err, &["message"]).as_string().as_deref(),
        Some("fitcheck received malformed input: field `b` must be an object")
    );
}
