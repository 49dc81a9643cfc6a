//! Hugging Face `trainer_state.json`.
//!
//! What the Trainer writes (transformers `TrainerState.save_to_json`:
//! `json.dumps(asdict(state), indent=2, sort_keys=True)`, so Python's bare
//! `NaN`/`Infinity` tokens can appear, handled by [`super::json_tokens`]):
//! - `log_history`, a list of entries, each with `step` (the global step)
//!   and `epoch` (fractional):
//!   - training entries every `logging_steps`: `loss` (the mean since the
//!     last log, rounded to 4 places), `learning_rate`, `grad_norm`;
//!   - evaluation entries: `eval_loss`, `eval_<metric>`, `eval_runtime`,
//!     `eval_samples_per_second`, `eval_steps_per_second` (several eval
//!     sets: `eval_<name>_<metric>`);
//!   - in the final file only, a summary: `train_loss` (the run's mean),
//!     `train_runtime`, `train_samples_per_second`, `train_steps_per_second`,
//!     `total_flos`. Not a curve point: it goes to [`HfState::summary`].
//!     `checkpoint-N/` copies have no summary.
//! - `best_metric`, `best_model_checkpoint`, `best_global_step` (newer
//!   versions), `logging_steps`, `eval_steps`, and `stateful_callbacks`
//!   with `EarlyStoppingCallback.args.{early_stopping_patience,
//!   early_stopping_threshold}` when that callback was used.
//!
//! Every numeric key of a training or evaluation entry except `step` and
//! `epoch` is a series, x = the entry's `step`, in order of first
//! appearance. `null`, strings and nested values are skipped.
//!
//! Parsing goes straight from the bytes into the series with serde
//! visitors (no `serde_json::Value` tree for `log_history`): keys are
//! borrowed from the input, one small buffer per entry.

use super::json_tokens::{substitute_non_finite, INFINITY_TOKEN, NAN_TOKEN, NEG_INFINITY_TOKEN};
use super::{HfState, Series, SeriesRole};
use crate::error::Error;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// Keys found only in the final summary entry.
const SUMMARY_KEYS: [&str; 4] = [
    "train_runtime",
    "train_samples_per_second",
    "train_steps_per_second",
    "total_flos",
];

/// Reads a `trainer_state.json`: its curves (x = step) and the rest.
pub fn read(bytes: &[u8]) -> Result<(Vec<Series>, HfState), Error> {
    let (text, substituted) = substitute_non_finite(bytes);
    let mut de = serde_json::Deserializer::from_slice(&text);
    let top = TopSeed { substituted }
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
        .map_err(|e| json_error(&text, &e))?;
    let Some(history) = top.history else {
        return Err(Error::file(
            "no \"log_history\" in this JSON: fitcheck reads the Hugging Face Trainer's trainer_state.json \
             (in its output_dir and in every checkpoint-N folder), whose \"log_history\" holds the curves",
        ));
    };
    if history.series.is_empty() {
        return Err(Error::file(
            "\"log_history\" holds no training or evaluation entry: there is no curve to draw",
        ));
    }
    let mut state = top.state;
    state.summary = history.summary;
    Ok((history.series, state))
}

/// A serde_json error as fitcheck's: syntax errors with their line and
/// column (characters, counted from 1, as serde_json's bytes are turned
/// into characters on that line), other errors with their place.
fn json_error(text: &[u8], e: &serde_json::Error) -> Error {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let mut message = full.strip_suffix(&suffix).unwrap_or(&full);
    // serde_json's word for a misspelt `true`/`false`/`null` (or `nan`).
    if message == "expected ident" {
        message = "expected a JSON value (a number, quoted text, true, false or null)";
    }
    if e.line() == 0 {
        return Error::file(message.to_string());
    }
    let column = char_column(text, e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => Error::row(
            e.line() as u64,
            None,
            format!("malformed JSON at column {column}: {message}"),
        ),
        _ => Error::row(
            e.line() as u64,
            None,
            format!("{message} (column {column})"),
        ),
    }
}

/// serde_json's byte column on `line` (both 1-based) as a character column.
fn char_column(text: &[u8], line: usize, byte_column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text)
            .nth(line - 2)
            .map_or(text.len(), |p| p + 1)
    };
    let end = (start + byte_column).min(text.len());
    // Count characters: every byte that is not a UTF-8 continuation byte.
    let chars = text[start..end]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count();
    chars.max(1)
}

/// A JSON value where a number is expected.
enum Num<'de> {
    Number(f64),
    Text(Cow<'de, str>),
    Null,
    Other,
}

impl Num<'_> {
    /// The number, with the substituted non-finite tokens read back.
    fn value(&self, substituted: bool) -> Option<f64> {
        match self {
            Num::Number(v) => Some(*v),
            Num::Text(t) if substituted => match t.as_ref() {
                NAN_TOKEN => Some(f64::NAN),
                INFINITY_TOKEN => Some(f64::INFINITY),
                NEG_INFINITY_TOKEN => Some(f64::NEG_INFINITY),
                _ => None,
            },
            _ => None,
        }
    }
}

impl<'de> de::Deserialize<'de> for Num<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Num<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Num<'de>, E> {
                Ok(Num::Number(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Num<'de>, E> {
                Ok(Num::Number(v as f64))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Num<'de>, E> {
                Ok(Num::Number(v as f64))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Num<'de>, E> {
                Ok(Num::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Num<'de>, E> {
                Ok(Num::Text(Cow::Owned(v.to_string())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Num<'de>, E> {
                Ok(Num::Other)
            }
            fn visit_unit<E>(self) -> Result<Num<'de>, E> {
                Ok(Num::Null)
            }
            fn visit_none<E>(self) -> Result<Num<'de>, E> {
                Ok(Num::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Num<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Num::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Num<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Num::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// An object key, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// The top level: `log_history` read into series, the other keys kept.
struct Top {
    history: Option<History>,
    state: HfState,
}

struct TopSeed {
    substituted: bool,
}

impl<'de> DeserializeSeed<'de> for TopSeed {
    type Value = Top;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed {
    type Value = Top;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a trainer_state.json object")
    }

    /// A JSON list (or anything but an object) has no `log_history`.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top {
            history: None,
            state: HfState::default(),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let s = self.substituted;
        let mut top = Top {
            history: None,
            state: HfState::default(),
        };
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let st = &mut top.state;
            match key.as_ref() {
                "log_history" => {
                    top.history = map.next_value_seed(HistorySeed { substituted: s })?;
                }
                "best_metric" => st.best_metric = map.next_value::<Num>()?.value(s),
                "best_model_checkpoint" => {
                    st.best_model_checkpoint = match map.next_value::<Num>()? {
                        Num::Text(t) => Some(t.into_owned()),
                        _ => None,
                    }
                }
                "best_global_step" => {
                    st.best_global_step = map
                        .next_value::<Num>()?
                        .value(s)
                        .filter(|v| v.is_finite() && *v >= 0.0 && v.fract() == 0.0)
                        .map(|v| v as u64);
                }
                "logging_steps" => st.logging_steps = map.next_value::<Num>()?.value(s),
                "eval_steps" => st.eval_steps = map.next_value::<Num>()?.value(s),
                "stateful_callbacks" => {
                    let callbacks = map.next_value::<serde_json::Value>()?;
                    st.early_stopping = early_stopping(&callbacks, s);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(top)
    }
}

/// `(patience, threshold)` from `stateful_callbacks.EarlyStoppingCallback`
/// (a list when several were used: the first). The threshold defaults to
/// 0, as the callback's.
fn early_stopping(callbacks: &serde_json::Value, substituted: bool) -> Option<(u64, f64)> {
    let mut callback = callbacks.get("EarlyStoppingCallback")?;
    if let Some(list) = callback.as_array() {
        callback = list.first()?;
    }
    let args = callback.get("args")?;
    let patience = args.get("early_stopping_patience")?.as_u64()?;
    let threshold = match args.get("early_stopping_threshold") {
        Some(serde_json::Value::String(t)) if substituted => match t.as_str() {
            NAN_TOKEN => f64::NAN,
            INFINITY_TOKEN => f64::INFINITY,
            NEG_INFINITY_TOKEN => f64::NEG_INFINITY,
            _ => 0.0,
        },
        Some(v) => v.as_f64().unwrap_or(0.0),
        None => 0.0,
    };
    Some((patience, threshold))
}

/// `log_history`, read.
struct History {
    series: Vec<Series>,
    summary: Vec<(String, f64)>,
}

struct HistorySeed {
    substituted: bool,
}

impl<'de> DeserializeSeed<'de> for HistorySeed {
    type Value = Option<History>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<History>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for HistorySeed {
    type Value = Option<History>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("\"log_history\" as a list of entries")
    }

    /// `"log_history": null` is no history.
    fn visit_unit<E>(self) -> Result<Option<History>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<History>, A::Error> {
        let mut collector = Collector {
            substituted: self.substituted,
            series: Vec::new(),
            index: HashMap::new(),
            summary: Vec::new(),
            entry: Vec::new(),
        };
        while seq
            .next_element_seed(EntrySeed {
                collector: &mut collector,
            })?
            .is_some()
        {}
        Ok(Some(History {
            series: collector.series,
            summary: collector.summary,
        }))
    }
}

/// Entries turned into series as they are read.
struct Collector<'de> {
    substituted: bool,
    series: Vec<Series>,
    /// Series index by name.
    index: HashMap<String, usize>,
    summary: Vec<(String, f64)>,
    /// The entry being read (reused).
    entry: Vec<(Cow<'de, str>, Num<'de>)>,
}

impl Collector<'_> {
    /// Files the entry just read: a summary, or points of its series.
    fn file_entry<E: de::Error>(&mut self) -> Result<(), E> {
        let s = self.substituted;
        let entry = std::mem::take(&mut self.entry);
        let is_summary = entry
            .iter()
            .any(|(k, _)| SUMMARY_KEYS.contains(&k.as_ref()));
        let numbers = entry
            .iter()
            .filter(|(k, _)| k != "step" && k != "epoch")
            .filter_map(|(k, v)| v.value(s).map(|v| (k, v)));
        if is_summary {
            self.summary = numbers.map(|(k, v)| (k.to_string(), v)).collect();
        } else {
            let step = entry
                .iter()
                .find(|(k, _)| k == "step")
                .and_then(|(_, v)| v.value(s));
            let x = match step {
                Some(x) if x.is_finite() => x,
                Some(_) => {
                    return Err(E::custom(
                        "a log_history entry's \"step\" is not a finite number",
                    ))
                }
                None => return Err(E::custom("a log_history entry has no \"step\"")),
            };
            for (key, y) in numbers {
                let at = match self.index.get(key.as_ref()) {
                    Some(&at) => at,
                    None => {
                        self.index.insert(key.to_string(), self.series.len());
                        self.series.push(Series {
                            name: key.to_string(),
                            role: SeriesRole::of(key),
                            x: Vec::new(),
                            y: Vec::new(),
                        });
                        self.series.len() - 1
                    }
                };
                self.series[at].x.push(x);
                self.series[at].y.push(y);
            }
        }
        // Hand the buffer back, emptied, to keep its allocation.
        let mut entry = entry;
        entry.clear();
        self.entry = entry;
        Ok(())
    }
}

struct EntrySeed<'a, 'de> {
    collector: &'a mut Collector<'de>,
}

impl<'de> DeserializeSeed<'de> for EntrySeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a log_history entry (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let value = map.next_value::<Num>()?;
            self.collector.entry.push((key, value));
        }
        self.collector.file_entry()
    }
}
