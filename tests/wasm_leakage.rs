//! The page's door to the leakage check, tested in wasm under Node
//! (wasm-bindgen-test): `LeakageRead` over the hand-worked fixtures of
//! `tests/fixtures/leakage/` (counts worked out in its README), the
//! examples CSV, Markdown, progress tagged by file, and the errors.
#![cfg(target_arch = "wasm32")]

use fitcheck::wasm::LeakageRead;
use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const TRAIN: &str = include_str!("fixtures/leakage/train.csv");
const TEST: &str = include_str!("fixtures/leakage/test.csv");
const TEST_NO_AMOUNT: &str = include_str!("fixtures/leakage/test_no_amount.csv");

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, k| {
        Reflect::get(&v, &(*k).into()).unwrap()
    })
}

fn call(target: &JsValue, method: &str) -> JsValue {
    let f: js_sys::Function = get(target, &[method]).unchecked_into();
    f.call0(target).unwrap()
}

fn options(ignore: &[&str]) -> JsValue {
    let obj = Object::new();
    let list: Array = ignore.iter().map(|s| JsValue::from_str(s)).collect();
    Reflect::set(&obj, &"ignore".into(), &list).unwrap();
    obj.into()
}

fn read(train: &str, test: &str, opts: JsValue, post: Option<js_sys::Function>) -> LeakageRead {
    let sources = Array::of2(&train.into(), &test.into());
    LeakageRead::new(sources, vec![], opts, 7.into(), post).unwrap()
}

#[wasm_bindgen_test]
async fn fixtures_give_the_hand_worked_counts() {
    let messages = Rc::new(RefCell::new(Vec::<JsValue>::new()));
    let sink = messages.clone();
    let post = Closure::<dyn FnMut(JsValue)>::new(move |m| sink.borrow_mut().push(m));
    let loaded = JsFuture::from(
        read(
            TRAIN,
            TEST,
            options(&["id"]),
            Some(post.as_ref().unchecked_ref::<js_sys::Function>().clone()),
        )
        .run(),
    )
    .await
    .unwrap();
    let r = call(&loaded, "report");
    assert_eq!(get(&r, &["kind"]).as_string().as_deref(), Some("leakage"));
    assert_eq!(get(&r, &["label"]).as_string().as_deref(), Some("label"));
    for (field, rows, ratio) in [
        ("test_in_train", 3.0, 0.6),
        ("test_in_train_ignoring_label", 4.0, 0.8),
        ("conflicting_labels", 1.0, 0.2),
        ("train_duplicates", 1.0, 0.2),
        ("test_duplicates", 1.0, 0.2),
    ] {
        assert_eq!(get(&r, &[field, "rows"]).as_f64(), Some(rows), "{field}");
        assert_eq!(get(&r, &[field, "ratio"]).as_f64(), Some(ratio), "{field}");
    }
    assert_eq!(
        call(&loaded, "examplesCsv").as_string().as_deref(),
        Some("test_line,train_line\n2,2\n3,2\n6,3\n")
    );
    let md = call(&loaded, "markdown").as_string().unwrap();
    assert!(md.starts_with("## Leakage: **LEAKY**"), "{md}");
    // Progress: the last message of each file carries its rows, tagged 0 then 1.
    let files: Vec<(f64, f64)> = messages
        .borrow()
        .iter()
        .map(|m| {
            assert_eq!(get(m, &["id"]).as_f64(), Some(7.0));
            (
                get(m, &["file"]).as_f64().unwrap(),
                get(m, &["rows"]).as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(files.first().map(|f| f.0), Some(0.0));
    assert_eq!(files.last(), Some(&(1.0, 5.0)));
}

#[wasm_bindgen_test]
async fn a_column_missing_from_the_test_file_is_named_with_both_files_columns() {
    let err = JsFuture::from(read(TRAIN, TEST_NO_AMOUNT, options(&["id"]), None).run())
        .await
        .unwrap_err();
    let message = get(&err, &["message"]).as_string().unwrap();
    assert!(
        message.contains("\"amount\" is in the training file but not in the test file"),
        "{message}"
    );
    // The message lists the test file's own columns.
    assert!(
        message.ends_with("the columns are: label, text, id"),
        "{message}"
    );
    assert_eq!(
        get(&err, &["kind"]).as_string().as_deref(),
        Some("need_mapping")
    );
    let columns: Vec<String> = Array::from(&get(&err, &["columns"]))
        .iter()
        .filter_map(|c| c.as_string())
        .collect();
    // Both files' columns, so the page can offer to ignore the missing one:
    // the training file's compared, then ignored, then the test file's others.
    assert_eq!(columns, ["text", "amount", "label", "id"]);
}

#[wasm_bindgen_test]
async fn without_ignoring_the_ids_nothing_overlaps() {
    let loaded = JsFuture::from(read(TRAIN, TEST, JsValue::UNDEFINED, None).run())
        .await
        .unwrap();
    let r = call(&loaded, "report");
    assert_eq!(get(&r, &["test_in_train", "rows"]).as_f64(), Some(0.0));
    assert_eq!(
        get(&r, &["verdict", "status"]).as_string().as_deref(),
        Some("clean")
    );
}

#[wasm_bindgen_test]
fn one_file_is_refused() {
    let sources = Array::of1(&TRAIN.into());
    let err = LeakageRead::new(sources, vec![], JsValue::UNDEFINED, 1.into(), None)
        .err()
        .unwrap();
    assert!(get(&err, &["message"])
        .as_string()
        .unwrap()
        .contains("choose two files"));
}
