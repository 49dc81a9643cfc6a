//! Benchmark: where the time goes from a file to a full report, stage by
//! stage, as `fitcheck report FILE --json` does it (1 MiB chunks into
//! `Ingest`, `LoadedData::new`, the report, its JSON).
//!
//! ```text
//! cargo bench --bench file_report -- bench/data/scores_1e7.csv [--csv-core] [--repeats 3] [--parts N]
//! ```
//!
//! `--parts N` parses with `parts::read_in_parts` in N parts at once (the
//! command line's read: one part per core) instead of one `Ingest`.
//!
//! (`bench/run.py` generates the files into bench/data/.) `--csv-core`
//! reads with [`IngestOptions::csv_core_only`], the reference path the fast
//! path is tested against, so both can be timed in one run. Prints the best
//! time of each stage over the repeats; asserts nothing about time.

use fitcheck::input::ingest::{parts, Ingest, IngestOptions};
use fitcheck::report::file_report::{FileReportOptions, LoadedData};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .expect("usage: file_report FILE [--csv-core] [--repeats N] [--parts N]");
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
    let mut best: Vec<(&str, Duration)> = Vec::new();
    let mut note = |name: &'static str, d: Duration| match best.iter_mut().find(|(n, _)| *n == name)
    {
        Some((_, b)) => *b = (*b).min(d),
        None => best.push((name, d)),
    };
    let mut check = String::new();
    for _ in 0..repeats {
        let t = Instant::now();
        let bytes = std::fs::read(path).expect("read the file");
        note("read the file", t.elapsed());
        let t = Instant::now();
        let mut options = IngestOptions::new().expected_bytes(bytes.len() as u64);
        if csv_core {
            options = options.csv_core_only();
        }
        let data = if parts > 1 {
            let read_at = |offset: u64, buf: &mut [u8]| {
                let from = (offset as usize).min(bytes.len());
                let n = buf.len().min(bytes.len() - from);
                buf[..n].copy_from_slice(&bytes[from..from + n]);
                Ok(n)
            };
            parts::read_in_parts(bytes.len() as u64, &read_at, options, parts).expect("parse")
        } else {
            let mut ingest = Ingest::new(options);
            for chunk in bytes.chunks(1 << 20) {
                ingest.push(chunk).expect("parse");
            }
            ingest.finish().expect("parse")
        };
        note("parse (Ingest)", t.elapsed());
        let t = Instant::now();
        let mut loaded = LoadedData::new(data);
        note("LoadedData::new (sort)", t.elapsed());
        let t = Instant::now();
        let options = FileReportOptions {
            threshold_set: true,
            ..FileReportOptions::default()
        };
        let report = loaded.report(&options).expect("report");
        note("report (metrics, intervals)", t.elapsed());
        let t = Instant::now();
        let json = report.to_json();
        note("to_json", t.elapsed());
        check = format!("{} bytes of JSON, n = {}", json.len(), report.n);
    }
    println!(
        "{path} ({}; {parts} part(s); best of {repeats})",
        if csv_core {
            "csv-core only"
        } else {
            "fast path"
        }
    );
    let mut total = Duration::ZERO;
    for (name, d) in &best {
        total += *d;
        println!("  {name:<30} {:>8.3} s", d.as_secs_f64());
    }
    println!(
        "  {:<30} {:>8.3} s   ({check})",
        "sum of bests",
        total.as_secs_f64()
    );
}
