//! Which format a log is, decided from its content (never its file name),
//! and the reading of one file or several.
//!
//! - JSON (the first character past spaces is `{` or `[`): a Hugging Face
//!   `trainer_state.json`, which must have `log_history`.
//! - CSV, by its header (and, for Lightning, its cells):
//!   1. exactly `Wall time,Step,Value` → TensorBoard export;
//!   2. `epoch` first, the rest sorted as Keras sorts its keys, no `step`
//!      → Keras `CSVLogger`;
//!   3. `step` and `epoch` columns, sorted or with empty cells → Lightning;
//!   4. otherwise a `step` or `epoch` column → plain CSV.

use super::csv_table::{self, blank_file};
use super::{hf, keras, lightning, plain, tensorboard};
use super::{LogFormat, TrainingLog, XAxis};
use crate::error::Error;
use crate::format::{excerpt, MAX_QUOTED_CHARS};
use crate::input::ingest::encoding::{binary_file, utf16_encoding, utf16_file};

/// What a CSV header says the file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CsvKind {
    Tensorboard,
    Keras,
    /// `step` and `epoch` columns: Lightning or plain, told by the cells.
    StepAndEpoch,
    /// Any other CSV with a `step` or `epoch` column.
    Plain,
}

/// Reads one file (see [`super::read_log`]).
pub fn read_one(name: &str, bytes: &[u8]) -> Result<TrainingLog, Error> {
    check_text(bytes)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err(Error::file(
            "the file is empty: there is no training log to read",
        ));
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(blank_file()),
        Some(b'{' | b'[') => {
            let (series, state) = hf::read(bytes)?;
            Ok(TrainingLog {
                format: LogFormat::HfTrainerState,
                x_axis: XAxis::Step,
                series,
                hf: Some(state),
                files: vec![name.to_string()],
            })
        }
        Some(_) => read_csv(name, bytes),
    }
}

/// Refuses a log that is not UTF-8 text, as the file mode words it: UTF-16,
/// a zero byte (binary), or bytes that are not UTF-8 (with the line and
/// the byte of the file). One pass over a file already in memory.
fn check_text(bytes: &[u8]) -> Result<(), Error> {
    if let Some(encoding) = utf16_encoding(bytes) {
        return Err(utf16_file(encoding));
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(binary_file(pos as u64 + 1, "the log as CSV or JSON"));
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        let line = memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64 + 1;
        return Err(Error::row(
            line,
            None,
            format!(
                "byte {} of the file (0x{:02X}) is not UTF-8 text; save the log as UTF-8",
                at + 1,
                bytes[at]
            ),
        ));
    }
    Ok(())
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<TrainingLog, Error> {
    let mut kind = CsvKind::Plain;
    let pass = csv_table::read_csv(bytes, |header| {
        if tensorboard::is_header(header) {
            kind = CsvKind::Tensorboard;
            Ok(tensorboard::plan())
        } else if keras::is_header(header) {
            kind = CsvKind::Keras;
            Ok(keras::plan(header))
        } else if lightning::has_step_and_epoch(header) {
            kind = CsvKind::StepAndEpoch;
            Ok(lightning::plan(header))
        } else {
            plain::plan(header)
        }
    })?;
    let mut series = pass.series;
    let (format, x_axis) = match kind {
        CsvKind::Tensorboard => {
            for s in &mut series {
                s.name = tensorboard::series_name(name);
                s.role = super::SeriesRole::of(&s.name);
            }
            (LogFormat::TensorboardCsv, XAxis::Step)
        }
        CsvKind::Keras => (LogFormat::KerasCsv, XAxis::Epoch),
        CsvKind::StepAndEpoch if lightning::is_lightning(&pass.header, pass.saw_missing) => {
            (LogFormat::LightningCsv, XAxis::Step)
        }
        CsvKind::StepAndEpoch => (LogFormat::Csv, XAxis::Step),
        CsvKind::Plain => {
            let by_step = pass
                .header
                .iter()
                .any(|n| n.trim().eq_ignore_ascii_case("step"));
            (
                LogFormat::Csv,
                if by_step { XAxis::Step } else { XAxis::Epoch },
            )
        }
    };
    Ok(TrainingLog {
        format,
        x_axis,
        series,
        hf: None,
        files: vec![name.to_string()],
    })
}

/// Reads several files (see [`super::read_logs`]).
pub fn read_many(files: &[(String, Vec<u8>)]) -> Result<TrainingLog, Error> {
    match files {
        [] => {
            return Err(Error::file(
                "no file was given: choose a training log to read",
            ))
        }
        [(name, bytes)] => return read_one(name, bytes),
        _ => {}
    }
    let mut out = TrainingLog {
        format: LogFormat::TensorboardCsv,
        x_axis: XAxis::Step,
        series: Vec::new(),
        hf: None,
        files: Vec::new(),
    };
    for (name, bytes) in files {
        let quoted = excerpt(name, MAX_QUOTED_CHARS);
        let log = read_one(name, bytes).map_err(|e| Error::file(format!("\"{quoted}\": {e}")))?;
        if log.format != LogFormat::TensorboardCsv {
            return Err(Error::file(format!(
                "\"{quoted}\" is a {} log: several files are read together only when each is a TensorBoard \
                 scalar export (Wall time,Step,Value); read the others one at a time",
                format_words(log.format)
            )));
        }
        for mut s in log.series {
            let taken = |n: &str| out.series.iter().any(|t| t.name == n);
            if taken(&s.name) {
                let base = s.name.clone();
                let k = (2..)
                    .find(|k| !taken(&format!("{base} ({k})")))
                    .unwrap_or(2);
                s.name = format!("{base} ({k})");
            }
            out.series.push(s);
        }
        out.files.push(name.clone());
    }
    Ok(out)
}

/// The tool's name for a format, in messages.
fn format_words(format: LogFormat) -> &'static str {
    match format {
        LogFormat::HfTrainerState => "Hugging Face trainer_state.json",
        LogFormat::KerasCsv => "Keras CSVLogger",
        LogFormat::LightningCsv => "Lightning metrics.csv",
        LogFormat::TensorboardCsv => "TensorBoard CSV",
        LogFormat::Csv => "CSV",
    }
}
