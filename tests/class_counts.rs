//! Score columns counted by decimal step and class
//! (`decimal_sort::count_by_class`) give the numbers the sorted columns
//! give, to the bit: the curve, the calibration sums, every score number,
//! and the whole report of a file (`LoadedData`, which reports from the
//! counts, against `dataset_report`, which sorts a copy). Random decimal
//! scores with heavy ties, one class or two, scores outside [0, 1].
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fitcheck::input::ingest::{read_all, IngestOptions};
use fitcheck::metrics::calibration::{
    brier_score_of, calibration_of, log_loss_of, summaries_of_counts, summaries_of_sorted, Labelled,
};
use fitcheck::metrics::curve::{sort_descending_by_comparison, ScoreCurve};
use fitcheck::metrics::decimal_sort::{count_by_class, MIN_ROWS};
use fitcheck::metrics::scores::ScoreNumbers;
use fitcheck::report::file_report::{dataset_report, FileReportOptions, LoadedData};
use fitcheck::report::score_report::CurveDetail;
use proptest::prelude::*;

/// A deterministic generator (the shared SplitMix64).
fn numbers(n: usize, seed: u64) -> impl Iterator<Item = u64> {
    let mut rng = support::SplitMix64::new(seed);
    (0..n).map(move |_| rng.next_u64())
}

/// The score written with `decimals` decimals, read back as a reader reads it.
fn decimal(m: i64, decimals: usize) -> f64 {
    format!("{:.*}", decimals, m as f64 / 10f64.powi(decimals as i32))
        .parse()
        .expect("a number")
}

/// Rows of (class, score): `steps` distinct steps from `offset`, a share
/// `positives_per_mille` of class 1.
fn column(
    n: usize,
    seed: u64,
    decimals: usize,
    steps: u64,
    offset: i64,
    positives_per_mille: u64,
) -> (Vec<u32>, Vec<f64>) {
    numbers(n, seed)
        .map(|r| {
            let class = u32::from((r >> 32) % 1000 < positives_per_mille);
            (class, decimal((r % steps) as i64 + offset, decimals))
        })
        .unzip()
}

/// The reference layout: each class's scores sorted by comparison.
fn sorted_by_comparison(classes: &[u32], scores: &[f64]) -> [Vec<f64>; 2] {
    let mut sides = [Vec::new(), Vec::new()];
    for (&c, &s) in classes.iter().zip(scores) {
        sides[usize::from(c != 0)].push(s);
    }
    for side in sides.iter_mut() {
        sort_descending_by_comparison(side);
    }
    sides
}

/// Debug text tells every bit of a non-NaN f64 (0.0 from -0.0 included).
fn same<T: std::fmt::Debug + ?Sized>(a: &T, b: &T) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

fn check_counts_match_sorted(classes: &[u32], scores: &[f64]) {
    let counts = count_by_class(classes, scores).expect("countable");
    let sides = sorted_by_comparison(classes, scores);
    assert_eq!(counts.rows_of_class(0), sides[0].len());
    assert_eq!(counts.rows_of_class(1), sides[1].len());
    // Written back: the reference layout.
    let (mut c, mut s) = (classes.to_vec(), scores.to_vec());
    counts.write_back(&mut c, &mut s);
    let zeros = sides[0].len();
    assert!(c[..zeros].iter().all(|&k| k == 0) && c[zeros..].iter().all(|&k| k == 1));
    assert!(same(&s[..zeros], &sides[0][..]) && same(&s[zeros..], &sides[1][..]));
    for positive in 0..2 {
        let (pos, neg) = (&sides[positive], &sides[1 - positive]);
        let curve = ScoreCurve::from_class_counts(&counts, positive);
        assert!(same(&curve, &ScoreCurve::from_sorted(pos, neg)), "curve");
        assert_eq!(curve.thresholds.capacity(), curve.len(), "exactly sized");
        assert!(
            same(
                &summaries_of_counts(&counts, positive),
                &summaries_of_sorted(pos, neg)
            ),
            "summaries"
        );
        // Against the metrics one row at a time (no runs, no repeated adds).
        let summaries = summaries_of_counts(&counts, positive);
        let rows = Labelled::Split(pos, neg);
        assert!(same(&summaries.log_loss, &log_loss_of(rows)), "log loss");
        assert!(same(&summaries.brier_score, &brier_score_of(rows)), "Brier");
        assert!(
            same(&summaries.calibration, &calibration_of(rows)),
            "calibration"
        );
        assert!(same(
            &ScoreNumbers::from_class_counts(&counts, positive).expect("numbers"),
            &ScoreNumbers::from_sorted(pos, neg).expect("numbers")
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn counts_give_the_numbers_of_the_sorted_column(
        seed in any::<u64>(),
        decimals in 0usize..=6,
        steps in prop_oneof![1u64..4, 4u64..2000, 2000u64..120_000],
        offset in prop_oneof![Just(0i64), -60_000i64..60_000],
        positives_per_mille in prop_oneof![Just(0u64), Just(1000), 0u64..=1000],
        extra in 0usize..3000,
    ) {
        let (classes, scores) =
            column(MIN_ROWS + extra, seed, decimals, steps, offset, positives_per_mille);
        check_counts_match_sorted(&classes, &scores);
    }
}

#[test]
fn probabilities_with_six_decimals_and_both_ends() {
    // 0.0 and 1.0 present, 30 % positives: the page's usual file (a table
    // at most twice as long as the column is counted).
    let (classes, mut scores) = column(MIN_ROWS * 8, 99, 6, 1_000_001, 0, 300);
    scores[7] = 0.0;
    scores[8] = 1.0;
    check_counts_match_sorted(&classes, &scores);
}

#[test]
fn minus_zero_is_not_counted() {
    let (classes, mut scores) = column(MIN_ROWS, 5, 3, 1001, 0, 500);
    scores[10] = -0.0;
    assert!(count_by_class(&classes, &scores).is_none());
}

/// A CSV of `rows` labelled scores with `decimals` decimals.
fn csv(rows: usize, decimals: usize, steps: u64, offset: i64, labels: [&str; 2]) -> String {
    let mut text = String::from("y_true,score\n");
    for r in numbers(rows, 17) {
        let label = labels[usize::from((r >> 40) % 10 < 3)];
        let m = (r % steps) as i64 + offset;
        text.push_str(&format!(
            "{label},{:.*}\n",
            decimals,
            m as f64 / 10f64.powi(decimals as i32)
        ));
    }
    text
}

#[test]
fn loaded_files_report_as_sorted_copies_do() {
    let cases = [
        csv(MIN_ROWS + 5, 4, 10_001, 0, ["0", "1"]),
        csv(MIN_ROWS, 2, 400, -100, ["no", "yes"]),
        // Neither label reads as positive: a guess, and one chosen.
        csv(MIN_ROWS, 3, 1001, 0, ["cat", "dog"]),
        // One class only.
        csv(MIN_ROWS, 3, 1001, 0, ["1", "1"]),
    ];
    for text in &cases {
        let data = read_all(text.as_bytes(), IngestOptions::new()).expect("reads");
        let mut loaded = LoadedData::new(data.clone());
        for positive in [None, Some("0"), Some("no"), Some("cat"), None] {
            if positive.is_some_and(|p| !data.labels.iter().any(|l| l == p)) {
                continue;
            }
            for (threshold, rank) in [(0.5, None), (0.0, None), (-0.5, None), (0.3, Some(17))] {
                let options = FileReportOptions {
                    threshold,
                    rank,
                    positive: positive.map(String::from),
                    curves: CurveDetail::Complete,
                    ..Default::default()
                };
                let a = loaded.report(&options).expect("from the counts").to_json();
                let b = dataset_report(&data, &options)
                    .expect("sorting a copy")
                    .to_json();
                assert_eq!(a, b, "positive {positive:?}, threshold {threshold}");
            }
        }
    }
}

/// Probabilities in every sampled row, but one row between the samples
/// outside [0, 1]: the fused check finds it, and the file reports as a
/// sorted copy does (no calibration: the scores are not probabilities).
#[test]
fn sampled_probabilities_then_a_row_outside() {
    let rows = MIN_ROWS + 100;
    // Rows 1 and rows / 2 + 7 lie between two sampled rows
    // (samples are spread every (rows − 1) / 63 rows from the first).
    for (at, outside) in [(1, "1.500"), (rows / 2 + 7, "-0.250"), (1, "1.001")] {
        let text = csv(rows, 3, 1001, 0, ["0", "1"]);
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let label = lines[at + 1]
            .split(',')
            .next()
            .expect("a label")
            .to_string();
        lines[at + 1] = format!("{label},{outside}");
        let text = lines.join("\n");
        let data = read_all(text.as_bytes(), IngestOptions::new()).expect("reads");
        let options = FileReportOptions {
            curves: CurveDetail::Complete,
            ..Default::default()
        };
        let a = LoadedData::new(data.clone())
            .report(&options)
            .expect("from the counts")
            .to_json();
        let b = dataset_report(&data, &options)
            .expect("sorting a copy")
            .to_json();
        assert_eq!(a, b, "row {at}: {outside}");
        assert!(
            a.contains("not probabilities"),
            "row {at}: {outside}: the report says the scores are not probabilities"
        );
    }
}
