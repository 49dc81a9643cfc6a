//! Argument parsing and dispatch for the `fitcheck` binary (clap).

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use fitcheck::input::ingest::{
    ColumnRef, Dataset, Ingest, IngestOptions, ModelChoice, ModelKind, ReadSettings,
};
use fitcheck::input::leakage::{in_file, HashReader, HashedFile, LeakageSettings};
use fitcheck::input::paired::{in_named_file, PairedData};
use fitcheck::input::training::read_logs;
use fitcheck::options::parse_number;
use fitcheck::render::comparison_text::{
    comparison_to_markdown, comparison_to_text, counts_comparison_to_markdown,
    counts_comparison_to_text,
};
use fitcheck::render::leakage_text::{leakage_to_markdown, leakage_to_text};
use fitcheck::render::text::{to_markdown, to_text};
use fitcheck::render::training_text::{training_to_markdown, training_to_text};
use fitcheck::report::assemble::binary_report_resampled;
use fitcheck::report::comparison::compare;
use fitcheck::report::contract::BinaryLabels;
use fitcheck::report::counts_comparison::counts_comparison;
use fitcheck::report::file_report::LoadedData;
use fitcheck::report::flips::flips_csv;
use fitcheck::report::leakage::leakage_report;
use fitcheck::report::score_report::CurveDetail;
use fitcheck::report::settings::{defaults, Settings, TrainingSettings};
use fitcheck::report::training::training_report;
use fitcheck::{ConfusionCounts, Error, ErrorKind};
use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Write};

/// Classifier metrics with intervals, explanations, verdicts and warnings.
#[derive(Parser, Debug)]
#[command(name = "fitcheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report on the four counts of a binary confusion matrix.
    Counts(CountsArgs),
    /// Report on a CSV file of predictions (y_true,y_pred or y_true,score); `-` reads stdin.
    Report(ReportArgs),
    /// Compare two models on the same test set: one CSV with the truth and two
    /// model columns (y_true,base,finetuned), two prediction files (before.csv
    /// after.csv) joined row by row, or two sets of four counts.
    Compare(CompareArgs),
    /// Judge a training run from its logs: Hugging Face trainer_state.json, Keras
    /// CSVLogger, Lightning metrics.csv, TensorBoard CSV exports (several at once),
    /// or any CSV with a step or epoch column.
    Training(TrainingArgs),
    /// Check a test set for leakage from its training set: test rows that are
    /// copies of training rows, conflicting labels, duplicates (CSV files with
    /// headers; columns matched by name).
    Leakage(LeakageArgs),
}

#[derive(Args, Debug)]
struct LeakageArgs {
    /// The training CSV.
    train: String,
    /// The test CSV.
    test: String,
    /// The label column's header name (detected by default: label, y_true, target…).
    #[arg(long)]
    label: Option<String>,
    /// Columns to leave out of the comparison, by header name, comma-separated (ids, timestamps).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Compare text after Unicode NFKC, lower case, punctuation removed and whitespace collapsed.
    #[arg(long)]
    normalize_text: bool,
    /// Skip ragged rows (counted and shown) instead of stopping at the first.
    #[arg(long)]
    skip_bad_rows: bool,
    /// Print the JSON report.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print a Markdown summary (for CI comments).
    #[arg(long)]
    markdown: bool,
}

#[derive(Args, Debug)]
struct TrainingArgs {
    /// The log file(s); several TensorBoard exports are one series each.
    #[arg(required = true)]
    files: Vec<String>,
    /// The series to monitor for the best checkpoint and early stopping (detected by default).
    #[arg(long)]
    monitor: Option<String>,
    /// Whether the monitored series improves downwards (min) or upwards (max); auto infers it from the name.
    #[arg(long)]
    mode: Option<String>,
    /// Early stopping: evaluations without improvement before stopping.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    patience: Option<f64>,
    /// Early stopping: the smallest change that counts as an improvement.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    min_delta: Option<f64>,
    /// TensorBoard smoothing weight, 0 to 0.999.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    smoothing: Option<f64>,
    /// Print the JSON report.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print a Markdown summary (for CI comments).
    #[arg(long)]
    markdown: bool,
}

#[derive(Args, Debug)]
struct CompareArgs {
    /// One CSV with the truth and both models' columns, or two prediction files (before, after).
    #[arg(num_args = 0..=2)]
    files: Vec<String>,
    /// Column of true labels: header name or 1-based number.
    #[arg(long)]
    truth: Option<String>,
    /// Model A's column (before): header name or 1-based number.
    #[arg(long)]
    a: Option<String>,
    /// Model B's column (after): header name or 1-based number.
    #[arg(long)]
    b: Option<String>,
    /// What model A's column holds: score or label (detected by default).
    #[arg(long, value_parser = model_kind)]
    a_kind: Option<ModelKind>,
    /// What model B's column holds: score or label (detected by default).
    #[arg(long, value_parser = model_kind)]
    b_kind: Option<ModelKind>,
    /// Scores at or above this predict the positive class (score models).
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    threshold: Option<f64>,
    /// The positive label (detected when it reads as 1/true/yes/positive).
    #[arg(long)]
    positive: Option<String>,
    #[command(flatten)]
    layout: LayoutArgs,
    /// Include every ROC and precision–recall curve point of both models in the output.
    #[arg(long)]
    curves: bool,
    /// Write every flipped row (right → wrong and wrong → right) to this CSV file.
    #[arg(long)]
    flips: Option<String>,
    /// Most distinct labels accepted before asking whether the column is right.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    max_classes: Option<f64>,
    /// Model A's four counts, TP,FN,FP,TN (instead of files).
    #[arg(long, conflicts_with = "files")]
    counts_a: Option<String>,
    /// Model B's four counts, TP,FN,FP,TN, on the same test set.
    #[arg(long, requires = "counts_a")]
    counts_b: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
}

/// Reads `score` or `label`.
fn model_kind(text: &str) -> Result<ModelKind, String> {
    ModelKind::parse(text).ok_or_else(|| format!("\"{text}\" is not a kind: use score or label"))
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// The CSV file, or `-` for standard input.
    file: String,
    /// Scores at or above this predict the positive class (score files).
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    threshold: Option<f64>,
    /// The positive label (detected when it reads as 1/true/yes/positive).
    #[arg(long)]
    positive: Option<String>,
    /// Column of true labels: header name or 1-based number.
    #[arg(long)]
    truth: Option<String>,
    /// Column of predicted labels: header name or 1-based number.
    #[arg(long, conflicts_with = "score")]
    pred: Option<String>,
    /// Column of scores: header name or 1-based number.
    #[arg(long)]
    score: Option<String>,
    #[command(flatten)]
    layout: LayoutArgs,
    /// Skip malformed rows (counted and shown) instead of stopping at the first.
    #[arg(long)]
    skip_bad_rows: bool,
    /// Include every ROC and precision–recall curve point in the output (score files).
    #[arg(long)]
    curves: bool,
    /// Cost of one false positive, for the lowest-cost operating point.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    cost_fp: Option<f64>,
    /// Cost of one false negative (a miss), for the lowest-cost operating point.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    cost_fn: Option<f64>,
    /// Prevalence expected in use (default: the file's own), for the lowest-cost point.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    prevalence: Option<f64>,
    /// Recall to reach, for the best-precision-at-recall operating point.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    target_recall: Option<f64>,
    /// Precision to keep, for the best-recall-at-precision operating point.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    target_precision: Option<f64>,
    /// Most distinct labels accepted before asking whether the column is right.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    max_classes: Option<f64>,
    #[command(flatten)]
    common: CommonArgs,
}

/// How a CSV file is laid out, when detection needs help.
#[derive(Args, Debug)]
struct LayoutArgs {
    /// Field delimiter (detected by default): `,` `;` or `tab`.
    #[arg(long)]
    delimiter: Option<String>,
    /// The first row is data, not a header.
    #[arg(long, conflicts_with = "header")]
    no_header: bool,
    /// The first row is a header.
    #[arg(long)]
    header: bool,
}

impl LayoutArgs {
    /// Whether the first row is a header: `None` detects it.
    fn has_header(&self) -> Option<bool> {
        if self.no_header {
            Some(false)
        } else if self.header {
            Some(true)
        } else {
            None
        }
    }
}

/// Output and judgement options shared by every report.
#[derive(Args, Debug)]
struct CommonArgs {
    /// F-beta weight: recall counts beta times as much as precision.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    beta: Option<f64>,
    /// Which mistakes cost more: balanced, false_alarms_costly, misses_costly.
    #[arg(long)]
    task: Option<String>,
    /// Lowest acceptable precision for the verdict.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    min_precision: Option<f64>,
    /// Lowest acceptable recall for the verdict.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    min_recall: Option<f64>,
    /// Lowest acceptable F1 for the verdict.
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    min_f1: Option<f64>,
    /// Bootstrap resamples of the intervals (F1, MCC, average precision; a comparison's differences).
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    resamples: Option<f64>,
    /// Seed of the bootstrap's random numbers (the same seed gives the same intervals).
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    seed: Option<f64>,
    /// Print the JSON report of the design's contract.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// Print a Markdown summary (for CI comments).
    #[arg(long)]
    markdown: bool,
}

#[derive(Args, Debug)]
struct CountsArgs {
    /// True positives: positives predicted positive.
    #[arg(long, allow_hyphen_values = true)]
    tp: String,
    /// False negatives: positives predicted negative (misses).
    #[arg(long = "fn", allow_hyphen_values = true)]
    fn_: String,
    /// False positives: negatives predicted positive (false alarms).
    #[arg(long, allow_hyphen_values = true)]
    fp: String,
    /// True negatives: negatives predicted negative.
    #[arg(long, allow_hyphen_values = true)]
    tn: String,
    #[command(flatten)]
    common: CommonArgs,
}

/// Reads a numeric option by the core's one rule (spaces trimmed); its
/// range is checked later, by [`Settings::resolve`], which names the range.
fn number(text: &str) -> Result<f64, String> {
    parse_number("value", text).map_err(|e| match e.kind() {
        ErrorKind::InvalidOption { problem, .. } => problem.clone(),
        _ => e.to_string(),
    })
}

impl CommonArgs {
    fn settings(&self) -> Settings {
        Settings {
            beta: self.beta,
            task: self.task.clone(),
            min_precision: self.min_precision,
            min_recall: self.min_recall,
            min_f1: self.min_f1,
            resamples: self.resamples,
            seed: self.seed,
            ..Settings::default()
        }
    }

    fn render(&self, report: &fitcheck::Report) -> String {
        if self.json {
            report.to_json() + "\n"
        } else if self.markdown {
            to_markdown(report)
        } else {
            to_text(report)
        }
    }
}

fn counts_command(args: &CountsArgs) -> Result<String, Error> {
    let counts = ConfusionCounts::parse(&args.tp, &args.fn_, &args.fp, &args.tn)?;
    let settings = args.common.settings().resolve()?;
    let f = &settings.file;
    let report =
        binary_report_resampled(&counts, &f.report, &BinaryLabels::default(), &f.resampling)?;
    Ok(args.common.render(&report))
}

impl ReportArgs {
    fn settings(&self) -> Settings {
        Settings {
            threshold: self.threshold,
            positive: self.positive.clone(),
            cost_fp: self.cost_fp,
            cost_fn: self.cost_fn,
            prevalence: self.prevalence,
            target_recall: self.target_recall,
            target_precision: self.target_precision,
            curves: Some(if self.curves {
                CurveDetail::Complete
            } else {
                CurveDetail::None
            }),
            max_classes: self.max_classes,
            ..self.common.settings()
        }
    }
}

fn ingest_options(args: &ReportArgs, max_classes: usize) -> Result<IngestOptions, Error> {
    ReadSettings {
        delimiter: args.layout.delimiter.clone(),
        has_header: args.layout.has_header(),
        truth: args.truth.as_deref().map(ColumnRef::parse),
        pred: args.pred.as_deref().map(ColumnRef::parse),
        score: args.score.as_deref().map(ColumnRef::parse),
        skip_bad_rows: args.skip_bad_rows,
        expected_bytes: None,
        models: None,
    }
    .options(max_classes)
}

fn report_command(args: &ReportArgs) -> Result<String, Error> {
    let settings = args.settings().resolve()?;
    let options = settings.file;
    let ingest_opts = ingest_options(args, settings.max_classes)?;
    let data = read_file(&args.file, ingest_opts)?;
    let report = LoadedData::new(data).report(&options)?;
    Ok(args.common.render(&report))
}

/// Reads a predictions file (`-` for standard input) into columns.
fn read_file(path: &str, mut options: IngestOptions) -> Result<Dataset, Error> {
    let mut input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(path)
            .map_err(|e| Error::file(format!("cannot open {path}: {}", io_reason(&e))))?;
        if let Ok(meta) = file.metadata() {
            #[cfg(unix)]
            if meta.is_file() {
                return read_file_in_parts(path, &file, meta.len(), options);
            }
            options = options.expected_bytes(meta.len());
        }
        Box::new(file)
    };
    let mut ingest = Ingest::new(options);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Error::file(format!(
                    "cannot read {path}: {}",
                    io_reason(&e)
                )))
            }
        };
        ingest.push(&buf[..n])?;
    }
    ingest.finish()
}

/// Reads a regular file in pieces on rayon's pool, one thread per core
/// (`fitcheck::input::ingest::pieces`): the same columns, errors and lines
/// as one read.
#[cfg(unix)]
fn read_file_in_parts(
    path: &str,
    file: &File,
    len: u64,
    options: IngestOptions,
) -> Result<Dataset, Error> {
    use std::os::unix::fs::FileExt;
    let read_at = |offset: u64, buf: &mut [u8]| loop {
        match file.read_at(buf, offset) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => {
                return other
                    .map_err(|e| Error::file(format!("cannot read {path}: {}", io_reason(&e))))
            }
        }
    };
    fitcheck::input::ingest::pieces::read_in_pieces(len, &read_at, options)
}

impl CompareArgs {
    fn settings(&self) -> Settings {
        Settings {
            threshold: self.threshold,
            positive: self.positive.clone(),
            curves: Some(if self.curves {
                CurveDetail::Complete
            } else {
                CurveDetail::None
            }),
            max_classes: self.max_classes,
            ..self.common.settings()
        }
    }

    /// How to read file `index` of `files` (1 or 2): the truth and both
    /// model columns from one file, or one model column from each of two.
    fn read_options(
        &self,
        files: usize,
        index: usize,
        max_classes: usize,
    ) -> Result<IngestOptions, Error> {
        let a = ModelChoice {
            column: self.a.as_deref().map(ColumnRef::parse),
            kind: self.a_kind,
        };
        let b = ModelChoice {
            column: self.b.as_deref().map(ColumnRef::parse),
            kind: self.b_kind,
        };
        let models = match (files, index) {
            (1, _) => vec![a, b],
            (_, 0) => vec![a],
            _ => vec![b],
        };
        ReadSettings {
            delimiter: self.layout.delimiter.clone(),
            has_header: self.layout.has_header(),
            truth: self.truth.as_deref().map(ColumnRef::parse),
            models: Some(models),
            ..ReadSettings::default()
        }
        .options(max_classes)
    }
}

/// A file's name for people: its last path component.
fn file_name(path: &str) -> &str {
    if path == "-" {
        return "standard input";
    }
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

fn compare_command(args: &CompareArgs) -> Result<String, Error> {
    let settings = args.settings().resolve()?;
    if args.counts_a.is_some() {
        return counts_compare_command(args);
    }
    let paired = match args.files.as_slice() {
        [one] => {
            let data = read_file(one, args.read_options(1, 0, settings.max_classes)?)?;
            PairedData::from_one_file(data, file_name(one))?
        }
        [before, after] => {
            let a = read_file(before, args.read_options(2, 0, settings.max_classes)?)
                .map_err(|e| in_named_file(e, file_name(before)))?;
            let b = read_file(after, args.read_options(2, 1, settings.max_classes)?)
                .map_err(|e| in_named_file(e, file_name(after)))?;
            PairedData::join(a, b, [file_name(before), file_name(after)])?
        }
        _ => {
            return Err(Error::file(
                "give one CSV with the truth and two model columns, two prediction files (before and after), or --counts-a and --counts-b",
            ))
        }
    };
    let comparison = compare(&paired, &settings.file)?;
    if let Some(path) = &args.flips {
        std::fs::write(path, flips_csv(&paired, &comparison.codes))
            .map_err(|e| Error::file(format!("cannot write {path}: {}", io_reason(&e))))?;
    }
    let r = &comparison.report;
    Ok(if args.common.json {
        r.to_json() + "\n"
    } else if args.common.markdown {
        comparison_to_markdown(r)
    } else {
        comparison_to_text(r)
    })
}

/// Reads `TP,FN,FP,TN` for `--counts-a`/`--counts-b`.
fn four_counts(option: &'static str, text: &str) -> Result<ConfusionCounts, Error> {
    match text.split(',').collect::<Vec<_>>().as_slice() {
        [tp, fn_, fp, tn] => ConfusionCounts::parse(tp, fn_, fp, tn),
        _ => Err(fitcheck::options::invalid(
            option,
            format!(
                "\"{}\" is not four counts: write TP,FN,FP,TN, for example 85,15,10,90",
                fitcheck::format::excerpt(text, fitcheck::format::MAX_QUOTED_CHARS)
            ),
        )),
    }
}

fn counts_compare_command(args: &CompareArgs) -> Result<String, Error> {
    let a = four_counts("counts_a", args.counts_a.as_deref().unwrap_or_default())?;
    let b = match args.counts_b.as_deref() {
        Some(text) => four_counts("counts_b", text)?,
        None => {
            return Err(fitcheck::options::invalid(
                "counts_b",
                "give model B's counts too: --counts-b TP,FN,FP,TN".into(),
            ))
        }
    };
    let settings = args.common.settings().resolve()?;
    let r = counts_comparison(&a, &b, &settings.file)?;
    Ok(if args.common.json {
        r.to_json() + "\n"
    } else if args.common.markdown {
        counts_comparison_to_markdown(&r)
    } else {
        counts_comparison_to_text(&r)
    })
}

fn training_command(args: &TrainingArgs) -> Result<String, Error> {
    let settings = Settings {
        training: TrainingSettings {
            monitor: args.monitor.clone(),
            mode: args.mode.clone(),
            patience: args.patience,
            min_delta: args.min_delta,
            smoothing: args.smoothing,
        },
        ..Settings::default()
    }
    .resolve()?;
    let mut files = Vec::new();
    for path in &args.files {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::file(format!("cannot read {path}: {}", io_reason(&e))))?;
        files.push((file_name(path).to_string(), bytes));
    }
    let log = read_logs(&files)?;
    let r = training_report(&log, &settings.training)?;
    Ok(if args.json {
        r.to_json() + "\n"
    } else if args.markdown {
        training_to_markdown(&r)
    } else {
        training_to_text(&r)
    })
}

fn leakage_command(args: &LeakageArgs) -> Result<String, Error> {
    let settings = LeakageSettings {
        label: args.label.clone(),
        ignore: args.ignore.clone(),
        normalize_text: args.normalize_text,
        skip_bad_rows: args.skip_bad_rows,
    };
    let train = hash_file(&args.train, HashReader::new(&settings, None))
        .map_err(|e| in_file(e, "training"))?;
    let test = hash_file(&args.test, HashReader::new(&settings, Some(&train.plan)))
        .map_err(|e| in_file(e, "test"))?;
    let r = leakage_report(train, &test, &settings);
    Ok(if args.json {
        r.to_json() + "\n"
    } else if args.markdown {
        leakage_to_markdown(&r)
    } else {
        leakage_to_text(&r)
    })
}

/// Streams a file through a leakage reader in 1 MiB chunks: only the row
/// hashes are kept, never the file.
fn hash_file(path: &str, mut reader: HashReader) -> Result<HashedFile, Error> {
    let cannot = |e: std::io::Error| Error::file(format!("cannot read {path}: {}", io_reason(&e)));
    let mut file = File::open(path).map_err(cannot)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot(e)),
        };
        reader.push(&buf[..n])?;
    }
    reader.finish()
}

/// The OS error without Rust's "(os error 2)" suffix.
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    text.split(" (os error")
        .next()
        .unwrap_or(&text)
        .to_lowercase()
}

/// Appends ` [default: …]` to an option's help. Options have no clap
/// default: a missing option reaches the core as "not given", and
/// [`Settings::resolve`] fills it (so the report can tell a threshold the user
/// set from the default). The values shown come from the core's [`defaults`].
fn shows_default(cmd: clap::Command, id: &'static str, value: String) -> clap::Command {
    cmd.mut_arg(id, |arg| {
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        arg.help(format!("{help} [default: {value}]"))
    })
}

/// The command line, with the core's defaults in its help.
fn command() -> clap::Command {
    let d = defaults();
    let n = fitcheck::format::plain;
    let common = |cmd: clap::Command| {
        [
            ("beta", n(d.beta)),
            ("task", d.task.to_string()),
            ("min_precision", n(d.min_precision)),
            ("min_recall", n(d.min_recall)),
            ("min_f1", n(d.min_f1)),
            ("resamples", d.resamples.to_string()),
            ("seed", d.seed.to_string()),
        ]
        .into_iter()
        .fold(cmd, |cmd, (id, value)| shows_default(cmd, id, value))
    };
    Cli::command()
        .mut_subcommand("counts", common)
        .mut_subcommand("training", |cmd| {
            [
                ("patience", d.patience.to_string()),
                ("min_delta", n(d.min_delta)),
                ("smoothing", n(d.smoothing)),
            ]
            .into_iter()
            .fold(cmd, |cmd, (id, value)| shows_default(cmd, id, value))
        })
        .mut_subcommand("report", |cmd| {
            [
                ("threshold", n(d.threshold)),
                ("cost_fp", n(d.cost_fp)),
                ("cost_fn", n(d.cost_fn)),
                ("target_recall", n(d.target_recall)),
                ("target_precision", n(d.target_precision)),
                ("max_classes", d.max_classes.to_string()),
            ]
            .into_iter()
            .fold(common(cmd), |cmd, (id, value)| {
                shows_default(cmd, id, value)
            })
        })
}

/// Runs the CLI on `args` and returns the exit status: 0 on success,
/// 2 on bad arguments or input (with one line on stderr).
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = err.print();
                return if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    2
                } else {
                    0
                };
            }
            // clap's message spans several lines (details, usage, hints):
            // join its first paragraph into one line.
            let rendered = err.render().to_string();
            let first: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            eprintln!("{} (see fitcheck --help)", first.join(" "));
            return 2;
        }
    };
    let result = match &cli.command {
        Command::Counts(args) => counts_command(args),
        Command::Report(args) => report_command(args),
        Command::Compare(args) => compare_command(args),
        Command::Training(args) => training_command(args),
        Command::Leakage(args) => leakage_command(args),
    };
    match result {
        Ok(text) => {
            // A closed pipe (`fitcheck … | head -1`) is not an error worth a
            // panic: stop quietly, as other command-line tools do.
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => 0,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("error: cannot write the report: {}", io_reason(&e));
                    2
                }
            }
        }
        Err(err) => {
            eprintln!("error: {err}{}", cli_hint(&err));
            2
        }
    }
}

/// What the command line adds to an error the core words for every door:
/// the flag that raises the class limit (the page has a button instead).
fn cli_hint(err: &Error) -> &'static str {
    match err.kind() {
        fitcheck::ErrorKind::TooManyClasses { .. } => " (--max-classes)",
        _ => "",
    }
}
