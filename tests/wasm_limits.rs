//! The page's memory limit and the encoding messages through the wasm door,
//! under Node (wasm-bindgen-test): `checkFits` throws the core's `too_large`
//! error with its exact sentence, and a training log holding a zero byte
//! (a `Blob` of bytes, as the page hands a `File`) is refused as binary,
//! and a two-file comparison names the file a reading error comes from.
#![cfg(target_arch = "wasm32")]

use fitcheck::wasm::{check_fits, CompareRead, TrainingRead};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

fn text(err: &JsValue, key: &str) -> Option<String> {
    Reflect::get(err, &key.into()).ok()?.as_string()
}

#[wasm_bindgen_test]
fn check_fits_refuses_a_file_too_large_for_the_page() {
    assert!(check_fits(1_400_000_000.0, "predictions").is_ok());
    let err = check_fits(6_200_000_000.0, "predictions").unwrap_err();
    assert_eq!(text(&err, "kind").as_deref(), Some("too_large"));
    assert_eq!(
        text(&err, "message").as_deref(),
        Some("this file is 6.2 GB; reading it here would take about 15.5 GB of memory, and the page can hold about 3.5 GB. Use the command-line tool, which has no such limit: fitcheck report FILE")
    );
    let err = check_fits(500_000_000.0, "training").unwrap_err();
    assert_eq!(
        text(&err, "message").as_deref(),
        Some("this file is 500 MB; reading it here would take about 4.0 GB of memory, and the page can hold about 3.5 GB. Use the command-line tool, which has no such limit: fitcheck training LOG")
    );
    let err = check_fits(1.0, "spreadsheet").unwrap_err();
    assert_eq!(
        text(&err, "message").as_deref(),
        Some("unknown reader \"spreadsheet\"")
    );
}

#[wasm_bindgen_test]
async fn a_training_log_with_a_zero_byte_is_refused_as_binary() {
    // `step,loss\n` is bytes 1–10, `1,0.` 11–14, the zero 15.
    let bytes = Uint8Array::from(&b"step,loss\n1,0.\x009\n"[..]);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&bytes)).unwrap();
    let read =
        TrainingRead::new(Array::of1(&blob), vec!["log.csv".into()], 1.into(), None).unwrap();
    let err = JsFuture::from(read.run()).await.unwrap_err();
    assert_eq!(text(&err, "kind").as_deref(), Some("file"));
    assert_eq!(
        text(&err, "message").as_deref(),
        Some("this looks like a binary file, not CSV text (a zero byte at byte 15); export the log as CSV or JSON")
    );
}

#[wasm_bindgen_test]
async fn a_two_file_comparison_names_the_file_that_cannot_be_read() {
    let sources: Array = ["y_true,y_pred\n1,1\n0,0\n", ""]
        .iter()
        .map(|t| JsValue::from_str(t))
        .collect();
    let read = CompareRead::new(
        sources,
        vec!["before.csv".into(), "after.csv".into()],
        JsValue::UNDEFINED,
        1.into(),
        None,
    )
    .unwrap();
    let err = JsFuture::from(read.run()).await.unwrap_err();
    assert_eq!(text(&err, "kind").as_deref(), Some("file"));
    assert_eq!(
        text(&err, "message").as_deref(),
        Some("\"after.csv\": the file is empty: there are no rows to read")
    );
}
