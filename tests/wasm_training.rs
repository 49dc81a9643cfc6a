//! The page's door to training curves, tested in wasm under Node
//! (wasm-bindgen-test): `TrainingRead` over texts and `Blob`s, the report at
//! other settings, Markdown, and the errors.
#![cfg(target_arch = "wasm32")]

use fitcheck::wasm::TrainingRead;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const KERAS: &str = "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.6,0.9,0.58,0.95\n1,0.7,0.7,0.66,0.8\n2,0.78,0.55,0.7,0.7\n3,0.83,0.45,0.71,0.72\n4,0.88,0.35,0.7,0.695\n";

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

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, &[method]).unchecked_into();
    f.apply(target, &args.iter().cloned().collect::<Array>())
}

fn read(texts: &[&str], names: &[&str]) -> TrainingRead {
    let sources: Array = texts.iter().map(|t| JsValue::from_str(t)).collect();
    TrainingRead::new(
        sources,
        names.iter().map(|s| s.to_string()).collect(),
        3.into(),
        None,
    )
    .unwrap()
}

#[wasm_bindgen_test]
async fn keras_log_reports_and_moves_with_its_settings() {
    let loaded = JsFuture::from(read(&[KERAS], &["training.log"]).run())
        .await
        .unwrap();
    assert_eq!(get(&loaded, &["points"]).as_f64(), Some(20.0));
    // The example: val_loss 1.0-like curve, patience 2, min_delta 0.01 → stops at 4, keeps 2.
    let options = object(&[
        ("patience", 2.into()),
        ("minDelta", 0.01.into()),
        ("smoothing", 0.5.into()),
    ]);
    let r = call(&loaded, "report", &[options]).unwrap();
    assert_eq!(get(&r, &["kind"]).as_string().as_deref(), Some("training"));
    assert_eq!(
        get(&r, &["format"]).as_string().as_deref(),
        Some("keras_csv")
    );
    assert_eq!(
        get(&r, &["monitor"]).as_string().as_deref(),
        Some("val_loss")
    );
    assert_eq!(
        get(&r, &["early_stopping", "stopped_index"]).as_f64(),
        Some(4.0)
    );
    assert_eq!(
        get(&r, &["early_stopping", "best_index"]).as_f64(),
        Some(2.0)
    );
    assert_eq!(get(&r, &["options", "smoothing"]).as_f64(), Some(0.5));
    let md = call(&loaded, "markdown", &[]).unwrap().as_string().unwrap();
    assert!(md.starts_with("## Training: "), "{md}");
    let bad = object(&[("mode", "up".into())]);
    let err = call(&loaded, "report", &[bad]).unwrap_err();
    assert_eq!(get(&err, &["field"]).as_string().as_deref(), Some("mode"));
}

#[wasm_bindgen_test]
async fn malformed_json_rejects_with_its_line() {
    let err = JsFuture::from(
        read(
            &["{\"log_history\": [\n  {\"loss\": 1,}\n]}"],
            &["trainer_state.json"],
        )
        .run(),
    )
    .await
    .unwrap_err();
    let message = get(&err, &["message"]).as_string().unwrap();
    assert!(message.contains("line 2"), "{message}");
}
