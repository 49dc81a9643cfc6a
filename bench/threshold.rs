//! Benchmark: how fast the threshold slider is on 10 million scores.
//!
//! Run it with
//!
//! ```text
//! cargo bench --bench threshold
//! ```
//!
//! (a `[[bench]]` target in Cargo.toml without the test harness: `main`
//! below runs once, in the release profile).
//!
//! It prints figures and asserts nothing about time (machines differ). For
//! two files of 10,000,000 scores — about 1,000,000 distinct values (scores
//! rounded to 6 decimals, so ties are heavy) and about 10,000,000 distinct
//! values (full-precision scores) — it times:
//!
//! * `ScoreContext::new` once: the sort, AUC, AP, log loss, Brier,
//!   calibration, histograms and the thinned display curves;
//! * 10,000 `counts(ThresholdChoice::Rank(r))` at random ranks: what one
//!   slider step needs;
//! * the first `report(.., CurveDetail::None)` (it finds the operating
//!   points, then caches them), then 1,000 more at random ranks: what the
//!   page gets per slider step;
//! * one report after the goals change (the operating points are found again);
//! * `to_json()` of one such report, and of one with the display curves
//!   (`CurveDetail::Display`, what the page gets on first load).
//!
//! It also prints ROC AUC beside the exact rank-sum AUC, to show the
//! trapezoid sum's rounding over 10 million points.
//!
//! Per-call times are also given as a share of one 16.7 ms frame (60 Hz).
//! The data come from SplitMix64 (`tests/support`; the demo generator stops
//! at 1,000,000 examples), so every run uses the same numbers.

#[path = "../tests/support/mod.rs"]
mod support;

use fitcheck::metrics::operating_points::OperatingGoals;
use fitcheck::report::contract::BinaryLabels;
use fitcheck::report::score_report::{CurveDetail, ScoreContext, ThresholdChoice};
use fitcheck::ReportOptions;
use std::hint::black_box;
use std::time::{Duration, Instant};
use support::{rank_sum_auc, SplitMix64};

const SIZE: usize = 10_000_000;
const FRAME: Duration = Duration::from_micros(16_700);

/// 10 million labelled scores: 20 % positives; the score is the logistic of
/// a latent value that is higher for positives (a useful but imperfect
/// model). With `decimals`, scores are rounded, which makes ties.
fn scores(seed: u64, decimals: Option<i32>) -> (Vec<bool>, Vec<f64>) {
    let mut rng = SplitMix64::new(seed);
    let mut y = Vec::with_capacity(SIZE);
    let mut s = Vec::with_capacity(SIZE);
    for _ in 0..SIZE {
        let positive = rng.uniform() < 0.2;
        // Logistic noise by inversion: ln(u / (1 − u)).
        let u = rng.uniform();
        let latent = if positive { 1.0 } else { -1.0 } + (u / (1.0 - u)).ln();
        let mut score = 1.0 / (1.0 + (-latent).exp());
        if let Some(d) = decimals {
            let scale = 10f64.powi(d);
            score = (score * scale).round() / scale;
        }
        y.push(positive);
        s.push(score);
    }
    (y, s)
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn line(what: &str, per_call: Duration) {
    println!(
        "  {what:<46} {:>12.3} µs   {:>8.3} % of a 16.7 ms frame",
        micros(per_call),
        100.0 * per_call.as_secs_f64() / FRAME.as_secs_f64()
    );
}

fn bench(name: &str, y: &[bool], s: &[f64]) {
    println!("\n{name}");
    let started = Instant::now();
    let ctx = ScoreContext::new(BinaryLabels::default(), false, y, s).unwrap();
    let built = started.elapsed();
    let distinct = ctx.curve().len();
    let auc = ctx.curve().roc_auc().unwrap();
    let exact = rank_sum_auc(y, s);
    println!(
        "  ROC AUC {auc:.15} (exact rank sum {exact:.15}, difference {:.1e})",
        (auc - exact).abs()
    );
    println!(
        "  {} scores, {} distinct, {} positives",
        s.len(),
        distinct,
        ctx.curve().positives
    );
    println!(
        "  {:<46} {:>12.1} ms   ({:.1} frames)",
        "ScoreContext::new (once)",
        built.as_secs_f64() * 1e3,
        built.as_secs_f64() / FRAME.as_secs_f64()
    );

    let mut rng = SplitMix64::new(99);
    let ranks: Vec<usize> = (0..10_000).map(|_| rng.below(distinct)).collect();
    let started = Instant::now();
    let mut sum = 0u64;
    for &r in &ranks {
        let (_, _, c) = ctx.counts(black_box(ThresholdChoice::Rank(r))).unwrap();
        sum = sum.wrapping_add(c.tp);
    }
    let elapsed = started.elapsed();
    black_box(sum);
    line("counts(Rank(r)), 10,000 random ranks", elapsed / 10_000);

    let options = ReportOptions::default();
    let goals = OperatingGoals::default();
    let started = Instant::now();
    let first = ctx
        .report(
            &options,
            &goals,
            ThresholdChoice::Rank(distinct / 2),
            CurveDetail::None,
        )
        .unwrap();
    line(
        "first report(None) (finds operating points)",
        started.elapsed(),
    );
    black_box(&first);

    let started = Instant::now();
    for &r in ranks.iter().take(1_000) {
        let report = ctx
            .report(
                &options,
                &goals,
                black_box(ThresholdChoice::Rank(r)),
                CurveDetail::None,
            )
            .unwrap();
        black_box(&report);
    }
    line(
        "report(None), 1,000 random ranks",
        started.elapsed() / 1_000,
    );

    let other = OperatingGoals {
        cost_fn: 5.0,
        ..goals
    };
    let started = Instant::now();
    let report = ctx
        .report(
            &options,
            &other,
            ThresholdChoice::Rank(0),
            CurveDetail::None,
        )
        .unwrap();
    line("report(None) after the goals change", started.elapsed());
    black_box(&report);

    let started = Instant::now();
    let json = first.to_json();
    line("to_json() of a report(None)", started.elapsed());
    println!("  {:<46} {:>12} bytes", "its size", json.len());

    let display = ctx
        .report(
            &options,
            &goals,
            ThresholdChoice::Rank(distinct / 2),
            CurveDetail::Display,
        )
        .unwrap();
    let started = Instant::now();
    let json = display.to_json();
    line("to_json() of a report(Display)", started.elapsed());
    println!("  {:<46} {:>12} bytes", "its size", json.len());
}

fn main() {
    if cfg!(debug_assertions) {
        println!("(debug build: run `cargo bench --bench threshold` for meaningful figures)");
    }
    let (y, s) = scores(1, Some(6));
    bench("10,000,000 scores rounded to 6 decimals", &y, &s);
    drop((y, s));
    let (y, s) = scores(2, None);
    bench("10,000,000 full-precision scores", &y, &s);
}
