//! The page's counts and settings, read from its plain objects property by
//! property (`Reflect.get`), not through serde-wasm-bindgen: they are flat
//! objects of strings and numbers, and serde-wasm-bindgen's generic
//! deserializer (with one visitor per struct) was most of the code of the
//! page's core that reads input. Reading them here cost about 10 kB gzipped
//! less in `www/pkg-page` (measured with `gzip -9` on the built core); the
//! workers' richer inputs (column choices, kinds, leakage options) still go
//! through serde-wasm-bindgen (`from_js` in `mod.rs`).

use super::{js_error, NumberInput};
use wasm_bindgen::JsValue;

/// A plain object from the page, read one property at a time. Properties
/// that are `undefined` or `null` are "not given"; others of the wrong type
/// are refused with a message naming the property.
pub(crate) struct PageObject<'a> {
    object: &'a JsValue,
    /// Start of every error message: "fitcheck received malformed input".
    problem: &'static str,
}

impl<'a> PageObject<'a> {
    /// `object` if it is an object (arrays and functions are objects too;
    /// their properties read as missing); an error starting with `problem`
    /// if it is not.
    pub(crate) fn new(object: &'a JsValue, problem: &'static str) -> Result<Self, JsValue> {
        if !object.is_object() {
            return Err(js_error(&format!("{problem}: expected an object"), None));
        }
        Ok(PageObject { object, problem })
    }

    fn refuse(&self, message: &str) -> JsValue {
        js_error(&format!("{}: {message}", self.problem), None)
    }

    /// The property `key`, or `None` when it is `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let value = js_sys::Reflect::get(self.object, &JsValue::from_str(key))
            .map_err(|_| self.refuse(&format!("field `{key}` cannot be read")))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    /// The text of property `key`, if given.
    pub(crate) fn text(&self, key: &str) -> Result<Option<String>, JsValue> {
        match self.get(key)? {
            None => Ok(None),
            Some(value) => value
                .as_string()
                .map(Some)
                .ok_or_else(|| self.refuse(&format!("field `{key}` must be text"))),
        }
    }

    /// The text of property `key`, which must be given.
    pub(crate) fn required_text(&self, key: &str) -> Result<String, JsValue> {
        self.text(key)?
            .ok_or_else(|| self.refuse(&format!("missing field `{key}`")))
    }

    /// The number or text of property `key`, if given.
    pub(crate) fn number(&self, key: &str) -> Result<Option<NumberInput>, JsValue> {
        let Some(value) = self.get(key)? else {
            return Ok(None);
        };
        if let Some(x) = value.as_f64() {
            return Ok(Some(NumberInput::Number(x)));
        }
        value
            .as_string()
            .map(|t| Some(NumberInput::Text(t)))
            .ok_or_else(|| self.refuse(&format!("field `{key}` must be a number or text")))
    }

    /// The object held by property `key`, which must be given (the counts
    /// comparison's models, in the workers' core).
    #[cfg(feature = "workers")]
    pub(crate) fn required_object(&self, key: &str) -> Result<JsValue, JsValue> {
        let value = self
            .get(key)?
            .ok_or_else(|| self.refuse(&format!("missing field `{key}`")))?;
        if !value.is_object() {
            return Err(self.refuse(&format!("field `{key}` must be an object")));
        }
        Ok(value)
    }
}
