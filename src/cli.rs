//! Argument parsing and dispatch for the `fitcheck` binary (clap).

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use fitcheck::input::ingest::{ColumnRef, Ingest, IngestOptions, ReadSettings};
use fitcheck::options::parse_number;
use fitcheck::render::text::{to_markdown, to_text};
use fitcheck::report::file_report::LoadedData;
use fitcheck::report::score_report::CurveDetail;
use fitcheck::report::settings::{defaults, Settings};
use fitcheck::{binary_report, ConfusionCounts, Error, ErrorKind};
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
    /// Field delimiter (detected by default): `,` `;` or `tab`.
    #[arg(long)]
    delimiter: Option<String>,
    /// The first row is data, not a header.
    #[arg(long, conflicts_with = "header")]
    no_header: bool,
    /// The first row is a header.
    #[arg(long)]
    header: bool,
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
    let report = binary_report(&counts, &settings.file.report)?;
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
        delimiter: args.delimiter.clone(),
        has_header: if args.no_header {
            Some(false)
        } else if args.header {
            Some(true)
        } else {
            None
        },
        truth: args.truth.as_deref().map(ColumnRef::parse),
        pred: args.pred.as_deref().map(ColumnRef::parse),
        score: args.score.as_deref().map(ColumnRef::parse),
        skip_bad_rows: args.skip_bad_rows,
        expected_bytes: None,
    }
    .options(max_classes)
}

fn report_command(args: &ReportArgs) -> Result<String, Error> {
    let settings = args.settings().resolve()?;
    let options = settings.file;
    let mut ingest_opts = ingest_options(args, settings.max_classes)?;
    let mut input: Box<dyn Read> = if args.file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(&args.file)
            .map_err(|e| Error::file(format!("cannot open {}: {}", args.file, io_reason(&e))))?;
        if let Ok(meta) = file.metadata() {
            ingest_opts = ingest_opts.expected_bytes(meta.len());
        }
        Box::new(file)
    };
    let mut ingest = Ingest::new(ingest_opts);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Error::file(format!(
                    "cannot read {}: {}",
                    args.file,
                    io_reason(&e)
                )))
            }
        };
        ingest.push(&buf[..n])?;
    }
    let report = LoadedData::new(ingest.finish()?).report(&options)?;
    Ok(args.common.render(&report))
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
        ]
        .into_iter()
        .fold(cmd, |cmd, (id, value)| shows_default(cmd, id, value))
    };
    Cli::command()
        .mut_subcommand("counts", common)
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
