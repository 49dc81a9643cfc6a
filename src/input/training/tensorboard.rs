//! TensorBoard scalar CSV exports.
//!
//! TensorBoard's scalars plugin answers a CSV download
//! (`/data/plugin/scalars/scalars?run=…&tag=…&format=csv`) with Python's
//! `csv.writer`: the header `Wall time,Step,Value`, then one row per
//! event — wall time in seconds since the Unix epoch, the integer step, the
//! value as Python writes the float32 widened to a float. One run and one
//! tag per file, so each file is one series, named after the file
//! (`run-train-tag-epoch_loss.csv` → `run-train-tag-epoch_loss`). The
//! server keeps 1,000 points per series by default (reservoir sampling):
//! an export may be thinned already.

use super::csv_table::ColumnPlan;

/// The header TensorBoard writes, exactly.
pub const HEADER: [&str; 3] = ["Wall time", "Step", "Value"];

/// Whether a CSV header is TensorBoard's.
pub fn is_header(header: &[String]) -> bool {
    header.len() == HEADER.len() && header.iter().zip(HEADER).all(|(a, b)| a == b)
}

/// x = `Step`, the one series = `Value` (`Wall time` is not read).
pub fn plan() -> ColumnPlan {
    ColumnPlan {
        x: 1,
        x_word: "step",
        series: vec![2],
    }
}

/// A series name from a file name: the directory part (`/` or `\`) and a
/// `.csv` extension (any case) dropped.
///
/// ```
/// use fitcheck::input::training::tensorboard::series_name;
/// assert_eq!(series_name("logs/run-train-tag-epoch_loss.csv"), "run-train-tag-epoch_loss");
/// assert_eq!(series_name("C:\\runs\\loss.CSV"), "loss");
/// assert_eq!(series_name("loss"), "loss");
/// ```
pub fn series_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let cut = base.len().saturating_sub(4);
    match base.get(cut..) {
        Some(ext) if cut > 0 && ext.eq_ignore_ascii_case(".csv") => base[..cut].to_string(),
        _ => base.to_string(),
    }
}
