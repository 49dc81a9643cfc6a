//! Benchmark: what the bootstrap intervals cost.
//!
//! ```text
//! cargo bench --bench bootstrap            # 100k and 1M rows
//! BOOTSTRAP_BENCH_ROWS=10000000 cargo bench --bench bootstrap
//! ```
//!
//! For each size (rows, 40% positives, scores of two correlated models with
//! about a million distinct values) it times, at the default 2,000 resamples:
//! - the paired matrix bootstrap of three statistics (its cost does not
//!   depend on the number of rows, only on the nonzero cells);
//! - the single-model score bootstrap (ROC AUC and AP) from sorted scores;
//! - the paired score bootstrap (ΔAUC and ΔAP), sort included.
//!
//! It asserts nothing about time (machines differ). Data from SplitMix64
//! (`tests/support`), so every run uses the same numbers.

#[path = "../tests/support/mod.rs"]
mod support;

use fitcheck::metrics::bootstrap::matrix::{paired_matrix_bootstrap, PairedCells};
use fitcheck::metrics::bootstrap::scores::{paired_score_bootstrap, score_bootstrap_sorted};
use fitcheck::metrics::bootstrap::Resampling;
use std::time::Instant;

fn main() {
    let sizes: Vec<usize> = match std::env::var("BOOTSTRAP_BENCH_ROWS") {
        Ok(v) => v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        Err(_) => vec![100_000, 1_000_000],
    };
    let r = Resampling::default();
    println!("{} resamples, seed {}", r.resamples, r.seed);
    for rows in sizes {
        let mut rng = support::SplitMix64::new(7);
        let truth: Vec<bool> = (0..rows).map(|_| rng.uniform() < 0.4).collect();
        let mut score = |t: bool, shift: f64| {
            let s = rng.uniform() + if t { shift } else { 0.0 };
            (s * 1e6).round() / 1e6
        };
        let a: Vec<f64> = truth.iter().map(|&t| score(t, 0.3)).collect();
        let b: Vec<f64> = truth
            .iter()
            .zip(&a)
            .map(|(&t, &x)| 0.5 * x + 0.5 * score(t, 0.4))
            .collect();

        let labels = |s: &[f64]| -> Vec<u32> { s.iter().map(|&x| u32::from(x >= 0.65)).collect() };
        let t32: Vec<u32> = truth.iter().map(|&t| u32::from(t)).collect();
        let start = Instant::now();
        let cells = PairedCells::from_rows(2, &t32, &labels(&a), &labels(&b));
        let counted = start.elapsed();
        let acc = |m: &[Vec<u64>]| Some((m[0][0] + m[1][1]) as f64 / rows as f64);
        let f1 = |m: &[Vec<u64>]| {
            let d = 2 * m[1][1] + m[0][1] + m[1][0];
            (d > 0).then(|| 2.0 * m[1][1] as f64 / d as f64)
        };
        let mcc = |m: &[Vec<u64>]| fitcheck::metrics::agreement::mcc(m).ok();
        let start = Instant::now();
        let d = paired_matrix_bootstrap(&cells, &r, &[&acc, &f1, &mcc]);
        let matrix_time = start.elapsed();
        println!(
            "{rows:>10} rows  paired matrix bootstrap (3 stats): {:>8.1} ms (+ {:.1} ms counting cells); ΔF1 {:?}",
            matrix_time.as_secs_f64() * 1e3,
            counted.as_secs_f64() * 1e3,
            d[1].as_ref().map(|i| i.ci)
        );

        let mut pos: Vec<f64> = truth
            .iter()
            .zip(&a)
            .filter(|p| *p.0)
            .map(|p| *p.1)
            .collect();
        let mut neg: Vec<f64> = truth
            .iter()
            .zip(&a)
            .filter(|p| !*p.0)
            .map(|p| *p.1)
            .collect();
        pos.sort_by(|x, y| y.total_cmp(x));
        neg.sort_by(|x, y| y.total_cmp(x));
        let start = Instant::now();
        let s = score_bootstrap_sorted(&pos, &neg, &r);
        let single = start.elapsed();
        println!(
            "{rows:>10} rows  score bootstrap, one model:        {:>8.1} ms  ({:.2} ns per row per resample); AP {:?}",
            single.as_secs_f64() * 1e3,
            single.as_secs_f64() * 1e9 / (rows as f64 * r.resamples as f64),
            s.average_precision.as_ref().map(|i| i.ci)
        );
        let start = Instant::now();
        let p = paired_score_bootstrap(&truth, &a, &b, &r);
        let paired = start.elapsed();
        println!(
            "{rows:>10} rows  score bootstrap, paired:           {:>8.1} ms  ({:.2} ns per row per resample); ΔAUC {:?}",
            paired.as_secs_f64() * 1e3,
            paired.as_secs_f64() * 1e9 / (rows as f64 * r.resamples as f64),
            p.roc_auc.as_ref().map(|i| i.ci)
        );
    }
}
