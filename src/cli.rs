//! Argument parsing and dispatch for the `fitcheck` binary (clap).

use clap::{Args, Parser, Subcommand};
use fitcheck::input::ingest::{parse_delimiter, ColumnRef, Ingest, IngestOptions};
use fitcheck::metrics::operating_points::OperatingGoals;
use fitcheck::options::ReportOptions;
use fitcheck::render::text::{to_markdown, to_text};
use fitcheck::report::file_report::{FileReportOptions, LoadedData};
use fitcheck::report::score_report::CurveDetail;
use fitcheck::{binary_report, ConfusionCounts, Error};
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
    /// Scores at or above this predict the positive class.
    #[arg(long, default_value_t = 0.5, allow_hyphen_values = true)]
    threshold: f64,
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
    #[arg(long, default_value_t = 1.0)]
    cost_fp: f64,
    /// Cost of one false negative (a miss), for the lowest-cost operating point.
    #[arg(long, default_value_t = 1.0)]
    cost_fn: f64,
    /// Prevalence expected in use (default: the file's own), for the lowest-cost point.
    #[arg(long)]
    prevalence: Option<f64>,
    /// Recall to reach, for the best-precision-at-recall operating point.
    #[arg(long, default_value_t = 0.9)]
    target_recall: f64,
    /// Precision to keep, for the best-recall-at-precision operating point.
    #[arg(long, default_value_t = 0.9)]
    target_precision: f64,
    /// Most distinct labels accepted before asking whether the column is right.
    #[arg(long, default_value_t = fitcheck::input::ingest::DEFAULT_MAX_CLASSES)]
    max_classes: usize,
    #[command(flatten)]
    common: CommonArgs,
}

/// Output and judgement options shared by every report.
#[derive(Args, Debug)]
struct CommonArgs {
    /// F-beta weight: recall counts beta times as much as precision.
    #[arg(long, default_value = "1", allow_hyphen_values = true)]
    beta: String,
    /// Which mistakes cost more: balanced, false_alarms_costly, misses_costly.
    #[arg(long, default_value = "balanced")]
    task: String,
    /// Lowest acceptable precision for the verdict.
    #[arg(long, default_value_t = 0.85, allow_hyphen_values = true)]
    min_precision: f64,
    /// Lowest acceptable recall for the verdict.
    #[arg(long, default_value_t = 0.85, allow_hyphen_values = true)]
    min_recall: f64,
    /// Lowest acceptable F1 for the verdict.
    #[arg(long, default_value_t = 0.85, allow_hyphen_values = true)]
    min_f1: f64,
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

impl CommonArgs {
    fn options(&self) -> Result<ReportOptions, Error> {
        ReportOptions::from_text(
            Some(&self.beta),
            Some(&self.task),
            Some(self.min_precision),
            Some(self.min_recall),
            Some(self.min_f1),
        )
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
    let options = args.common.options()?;
    let report = binary_report(&counts, &options)?;
    Ok(args.common.render(&report))
}

fn ingest_options(args: &ReportArgs) -> Result<IngestOptions, Error> {
    let mut o = IngestOptions::new()
        .skip_bad_rows(args.skip_bad_rows)
        .max_classes(args.max_classes);
    if let Some(d) = &args.delimiter {
        o = o.delimiter(parse_delimiter(d)?);
    }
    if args.no_header {
        o = o.has_header(false);
    } else if args.header {
        o = o.has_header(true);
    }
    if let Some(c) = &args.truth {
        o = o.truth(ColumnRef::parse(c));
    }
    if let Some(c) = &args.pred {
        o = o.pred(ColumnRef::parse(c));
    }
    if let Some(c) = &args.score {
        o = o.score(ColumnRef::parse(c));
    }
    Ok(o)
}

fn report_command(args: &ReportArgs) -> Result<String, Error> {
    let goals = OperatingGoals {
        beta: 1.0,
        cost_fp: args.cost_fp,
        cost_fn: args.cost_fn,
        prevalence: args.prevalence,
        target_recall: args.target_recall,
        target_precision: args.target_precision,
    };
    goals.validate()?;
    let options = FileReportOptions {
        report: args.common.options()?,
        threshold: args.threshold,
        rank: None,
        positive: args.positive.clone(),
        goals,
        curves: if args.curves {
            CurveDetail::Complete
        } else {
            CurveDetail::None
        },
    };
    let mut ingest_opts = ingest_options(args)?;
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

/// Runs the CLI on `args` and returns the exit status: 0 on success,
/// 2 on bad arguments or input (with one line on stderr).
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
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
            eprintln!("error: {err}");
            2
        }
    }
}
