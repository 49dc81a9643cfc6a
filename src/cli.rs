//! Argument parsing and dispatch for the `fitcheck` binary (clap).

use clap::{Args, Parser, Subcommand};
use fitcheck::options::{ReportOptions, Task, Thresholds};
use fitcheck::text_output::{to_markdown, to_text};
use fitcheck::{binary_report, ConfusionCounts, Error};
use std::ffi::OsString;

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
        let options = ReportOptions {
            beta: ReportOptions::parse_beta(&self.beta)?,
            task: Task::parse(&self.task)?,
            thresholds: Thresholds {
                min_precision: self.min_precision,
                min_recall: self.min_recall,
                min_f1: self.min_f1,
            },
        };
        options.validate()?;
        Ok(options)
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
    };
    match result {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(err) => {
            eprintln!("error: {err}");
            2
        }
    }
}
