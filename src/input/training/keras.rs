//! Keras `CSVLogger` files.
//!
//! What Keras writes (`keras.callbacks.CSVLogger.on_epoch_end`, Keras 2
//! and 3): at the first epoch, `keys = sorted(logs)`; when no key starts
//! with `val_` (validation every `validation_freq > 1` epochs) the keys
//! `val_<key>` are appended for each key. The header is `epoch` then the
//! keys; each row is the 0-based epoch then each key's value, `NA` when the
//! epoch's logs lack it; separator `,` (`sep`). Values are Python floats
//! written by `csv.DictWriter` (`repr`: `0.6931471805599453`, `nan`, `inf`).
//!
//! x = the epoch as written (0-based); one series per other column.

use super::csv_table::ColumnPlan;

/// Whether a CSV header is a Keras `CSVLogger`'s: `epoch` first, no `step`
/// column, the other names sorted — or sorted names followed by `val_`
/// and each of them (Keras' header when validation was not run on the first
/// epoch).
///
/// ```
/// use fitcheck::input::training::keras::is_header;
/// let h = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert!(is_header(&h(&["epoch", "accuracy", "loss", "val_accuracy", "val_loss"])));
/// assert!(is_header(&h(&["epoch", "loss", "mae", "val_loss", "val_mae"])));
/// assert!(is_header(&h(&["epoch", "loss", "zeta", "val_loss", "val_zeta"])));
/// assert!(!is_header(&h(&["epoch", "val_loss", "loss"])));
/// assert!(!is_header(&h(&["epoch", "loss", "step"])));
/// assert!(!is_header(&h(&["loss", "epoch"])));
/// ```
pub fn is_header(header: &[String]) -> bool {
    let Some((first, rest)) = header.split_first() else {
        return false;
    };
    if first != "epoch" || rest.is_empty() || rest.iter().any(|n| n == "step") {
        return false;
    }
    if rest.is_sorted() {
        return true;
    }
    let (keys, val_keys) = rest.split_at(rest.len() / 2);
    rest.len() % 2 == 0
        && keys.is_sorted()
        && !keys.iter().any(|k| k.starts_with("val_"))
        && keys
            .iter()
            .zip(val_keys)
            .all(|(k, v)| v.strip_prefix("val_") == Some(k))
}

/// x = `epoch` (column 0); every other column a series.
pub fn plan(header: &[String]) -> ColumnPlan {
    ColumnPlan {
        x: 0,
        x_word: "epoch",
        series: (1..header.len()).collect(),
    }
}
