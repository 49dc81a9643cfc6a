//! Benchmark: where the time goes from a file to a full report, stage by
//! stage, as `fitcheck report FILE --json` does it (1 MiB chunks into
//! `Ingest`, `LoadedData::new`, the report, its JSON).
//!
//! ```text
//! cargo bench --bench file_report -- bench/data/scores_1e7.csv [--csv-core] [--repeats 3] [--parts N | --pieces N]
//! ```
//!
//! `--parts N` parses with `parts::read_in_parts` in N parts at once;
//! `--pieces N` with `pieces::read_pieces` on N threads of rayon's pool (the
//! command line's read, `N` = the pool's threads); otherwise one `Ingest`.
//!
//! (`bench/run.py` generates the files into bench/data/.) `--csv-core`
//! reads with [`IngestOptions::csv_core_only`], the reference path the fast
//! path is tested against, so both can be timed in one run. Prints the best
//! time of each stage over the repeats, wall and this thread's CPU time;
//! asserts nothing about time.

use fitcheck::input::ingest::{parts, pieces, Ingest, IngestOptions};
use fitcheck::metrics::bootstrap::normal::auc_interval_from_curve;
use fitcheck::metrics::bootstrap::scores::ap_interval;
use fitcheck::metrics::bootstrap::Resampling;
use fitcheck::metrics::calibration::{summaries_of_counts, summaries_of_sorted};
use fitcheck::metrics::curve::{sort_descending_by_comparison, ScoreCurve};
use fitcheck::metrics::decimal_sort::{count_by_class, sort_classes_by_counting};
use fitcheck::metrics::operating_points::{operating_points, OperatingGoals};
use fitcheck::report::display_curves::display_curves;
use fitcheck::report::file_report::{sort_scores_by_class, FileReportOptions, LoadedData};
use fitcheck::report::score_report::DISPLAY_POINTS;
use fitcheck::with_codes;
use std::time::{Duration, Instant};

/// Wall time and this thread's CPU time (Linux: /proc/thread-self/schedstat,
/// nanoseconds on a CPU), so that a busy machine's waits can be told apart
/// from work. CPU time covers the calling thread only (`--parts 1` for a
/// parse measured whole).
#[derive(Clone, Copy)]
struct Clock {
    wall: Instant,
    cpu: Duration,
}

impl Clock {
    fn now() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }
    fn elapsed(&self) -> (Duration, Duration) {
        (self.wall.elapsed(), thread_cpu().saturating_sub(self.cpu))
    }
}

fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .expect("usage: file_report FILE [--csv-core] [--repeats N] [--parts N | --pieces N]");
    let csv_core = args.iter().any(|a| a == "--csv-core");
    let repeats = args
        .iter()
        .position(|a| a == "--repeats")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(3usize);
    let parts = args
        .iter()
        .position(|a| a == "--parts")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1usize);
    let threads = args
        .iter()
        .position(|a| a == "--pieces")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    let mut best: Vec<(&str, Duration, Duration)> = Vec::new();
    let mut note = |name: &'static str, (d, c): (Duration, Duration)| match best
        .iter_mut()
        .find(|(n, _, _)| *n == name)
    {
        Some((_, b, bc)) => {
            *b = (*b).min(d);
            *bc = (*bc).min(c);
        }
        None => best.push((name, d, c)),
    };
    let mut check = String::new();
    for _ in 0..repeats {
        let t = Clock::now();
        let bytes = std::fs::read(path).expect("read the file");
        note("read the file", t.elapsed());
        let t = Clock::now();
        let mut options = IngestOptions::new().expected_bytes(bytes.len() as u64);
        if csv_core {
            options = options.csv_core_only();
        }
        let read_at = |offset: u64, buf: &mut [u8]| {
            let from = (offset as usize).min(bytes.len());
            let n = buf.len().min(bytes.len() - from);
            buf[..n].copy_from_slice(&bytes[from..from + n]);
            Ok(n)
        };
        let data = if let Some(threads) = threads {
            let len = bytes.len() as u64;
            pieces::read_pieces(
                len,
                &read_at,
                options,
                threads,
                parts::MIN_SPLIT_BYTES,
                parts::HEAD_BYTES,
                pieces::PIECE_BYTES,
            )
            .0
            .expect("parse")
        } else if parts > 1 {
            parts::read_in_parts(bytes.len() as u64, &read_at, options, parts).expect("parse")
        } else {
            let mut ingest = Ingest::new(options);
            for chunk in bytes.chunks(1 << 20) {
                ingest.push(chunk).expect("parse");
            }
            ingest.finish().expect("parse")
        };
        note("parse (Ingest)", t.elapsed());
        // The report's score stages, one by one below (the report makes
        // them again, with the rest), read as LoadedData reads them: from
        // the counts by decimal step and class when the scores can be
        // counted, else from the columns sorted by class.
        let mut stages = None;
        if let Some(scores) = data.score.as_ref() {
            let t = Clock::now();
            let counts = with_codes!(&data.truth, |c| count_by_class(c, scores));
            note("  count by class (if it can)", t.elapsed());
            // The two ways a column may be sorted, on copies.
            let (mut truth, mut copy) = (data.truth.clone(), scores.clone());
            let t = Clock::now();
            let counted =
                with_codes!(mut &mut truth, |c| sort_classes_by_counting(c, &mut copy)).is_some();
            note("  sort by counting (if it can)", t.elapsed());
            let mut copy = scores.clone();
            let t = Clock::now();
            let zeros = data.truth.iter_u32().filter(|&t| t == 0).count();
            sort_descending_by_comparison(&mut copy[..zeros]);
            sort_descending_by_comparison(&mut copy[zeros..]);
            note("  sort by comparison (no partition)", t.elapsed());
            let sorted = (!counted).then(|| {
                println!("  (these scores cannot be sorted by counting)");
                let mut sorted = data.clone();
                sort_scores_by_class(&mut sorted);
                sorted
            });
            stages = Some((counts, sorted));
        }
        let t = Clock::now();
        let mut loaded = LoadedData::new(data);
        note("LoadedData::new (count or sort)", t.elapsed());
        if let Some((counts, sorted)) = &stages {
            // Class 1 taken as positive.
            let sides = sorted.as_ref().and_then(|d| {
                let split = d.truth.iter_u32().take_while(|&t| t == 0).count();
                d.score.as_ref().map(|s| s.split_at(split))
            });
            let t = Clock::now();
            let curve = match (counts, sides) {
                (Some(counts), _) => ScoreCurve::from_class_counts(counts, 1),
                (None, Some((neg, pos))) => ScoreCurve::from_sorted(pos, neg),
                (None, None) => unreachable!("sorted when not counted"),
            };
            note("  curve (ScoreCurve)", t.elapsed());
            let t = Clock::now();
            std::hint::black_box(match (counts, sides) {
                (Some(counts), _) => summaries_of_counts(counts, 1),
                (None, Some((neg, pos))) => summaries_of_sorted(pos, neg),
                (None, None) => unreachable!("sorted when not counted"),
            });
            note("  calibration, log loss, Brier", t.elapsed());
            let t = Clock::now();
            std::hint::black_box(auc_interval_from_curve(&curve).ok());
            std::hint::black_box(ap_interval(&curve, &Resampling::default()).0.ok());
            note("  intervals (DeLong, AP)", t.elapsed());
            let t = Clock::now();
            std::hint::black_box(operating_points(&curve, &OperatingGoals::default()));
            note("  operating points", t.elapsed());
            let t = Clock::now();
            std::hint::black_box(display_curves(&curve, DISPLAY_POINTS));
            note("  display curves (page only)", t.elapsed());
        }
        let t = Clock::now();
        let options = FileReportOptions {
            threshold_set: true,
            ..FileReportOptions::default()
        };
        let report = loaded.report(&options).expect("report");
        note("report (metrics, intervals)", t.elapsed());
        let t = Clock::now();
        let json = report.to_json();
        note("to_json", t.elapsed());
        check = format!("{} bytes of JSON, n = {}", json.len(), report.n);
    }
    let split = match threads {
        Some(threads) => format!("pieces on {threads} thread(s)"),
        None => format!("{parts} part(s)"),
    };
    println!(
        "{path} ({}; {split}; best of {repeats})",
        if csv_core {
            "csv-core only"
        } else {
            "fast path"
        }
    );
    let mut total = Duration::ZERO;
    println!("  {:<36} {:>9} {:>9}", "stage", "wall", "cpu");
    for (name, d, c) in &best {
        if !name.starts_with(' ') {
            total += *d; // the indented stages are inside the report's time
        }
        println!(
            "  {name:<36} {:>7.3} s {:>7.3} s",
            d.as_secs_f64(),
            c.as_secs_f64()
        );
    }
    println!(
        "  {:<36} {:>7.3} s   ({check})",
        "sum of bests",
        total.as_secs_f64()
    );
}
