#![cfg(not(target_arch = "wasm32"))]
//! A second implementation checks the first, for scores: every number the
//! one curve primitive ([`ScoreCurve`]) gives is recomputed here the slow,
//! obvious way and compared.
//!
//! * ROC AUC by counting pairs (Mann–Whitney U: a positive scored above a
//!   negative counts 1, a tie counts ½, divided by P·N) against the
//!   trapezoid area of the curve.
//! * Counts at a threshold by counting `score >= t` one example at a time.
//! * Average precision as the step-wise sum Σ (Rₖ − Rₖ₋₁)·Pₖ over the
//!   distinct thresholds, each found by brute force.
//! * ROC with `drop_intermediate` against scikit-learn's rule (keep the ends
//!   and every point where the second difference of fps or tps is not 0).
//! * Operating points against trying every distinct threshold, with the
//!   comparisons done in exact integer arithmetic (cross-multiplied
//!   fractions), so a tie is a tie; a tie goes to the higher threshold.
//! * Calibration bins as scikit-learn's `calibration_curve(n_bins=10,
//!   strategy="uniform")` computes them: edges `numpy.linspace(0, 1, 11)`
//!   (which are `i × 0.1`, so the fourth edge is 0.30000000000000004), bin =
//!   `searchsorted(inner_edges, score)`, the number of inner edges strictly
//!   below the score, so a score on an edge goes to the LOWER bin.
//!
//! Random data comes from proptest with heavy ties: scores are drawn from a
//! pool of one to six values (edges like 0.1 and 0.30000000000000004, 0, 1,
//! −0, numbers outside [0, 1]), so most scores tie with others and ties
//! between a positive and a negative are common. Hand-worked cases keep
//! their arithmetic in comments.

mod support;
use fitcheck::input::demo::{demo_dataset, DemoOptions, MAX_DEMO_SIZE};
use fitcheck::input::ingest::{Ingest, IngestOptions};
use fitcheck::metrics::calibration::{brier_score, calibration, log_loss, CALIBRATION_BINS};
use fitcheck::metrics::curve::{decimate, CurvePoints, ScoreCurve};
use fitcheck::metrics::operating_points::{operating_points, OperatingGoals, OperatingPoint};
use fitcheck::report::contract::BinaryLabels;
use fitcheck::report::file_report::{dataset_report, FileReportOptions};
use fitcheck::report::score_report::{CurveDetail, ScoreContext, ThresholdChoice};
use fitcheck::ReportOptions;
use proptest::prelude::*;
use std::cmp::Ordering;
use support::rank_sum_auc;

const TOL: f64 = 1e-12;

// ---------------------------------------------------------------------------
// The second implementation: slow and obvious.
// ---------------------------------------------------------------------------

/// ROC AUC by counting pairs: 2·(pairs won) + (pairs tied) over 2·P·N, in
/// integers until the one division. `None` when a class is absent.
fn pair_auc(y: &[bool], s: &[f64]) -> Option<f64> {
    let mut twice_wins = 0u128;
    let (p, n) = class_sizes(y);
    for (i, &yi) in y.iter().enumerate() {
        if !yi {
            continue;
        }
        for (j, &yj) in y.iter().enumerate() {
            if yj {
                continue;
            }
            if s[i] > s[j] {
                twice_wins += 2;
            } else if s[i] == s[j] {
                twice_wins += 1;
            }
        }
    }
    (p > 0 && n > 0).then(|| twice_wins as f64 / (2 * p as u128 * n as u128) as f64)
}

fn class_sizes(y: &[bool]) -> (u64, u64) {
    let p = y.iter().filter(|&&b| b).count() as u64;
    (p, y.len() as u64 - p)
}

/// `(tp, fp)` with `score >= t` called positive, one example at a time.
fn brute_counts(y: &[bool], s: &[f64], t: f64) -> (u64, u64) {
    let (mut tp, mut fp) = (0, 0);
    for (&yi, &si) in y.iter().zip(s) {
        if si >= t {
            if yi {
                tp += 1;
            } else {
                fp += 1;
            }
        }
    }
    (tp, fp)
}

/// Distinct scores, highest first (`0.0` and `-0.0` are one score).
fn distinct_desc(s: &[f64]) -> Vec<f64> {
    let mut v = s.to_vec();
    v.sort_by(|a, b| b.partial_cmp(a).unwrap());
    v.dedup_by(|a, b| a == b);
    v
}

/// `(threshold, tp, fp)` at every distinct score, highest first.
fn brute_table(y: &[bool], s: &[f64]) -> Vec<(f64, u64, u64)> {
    distinct_desc(s)
        .into_iter()
        .map(|t| {
            let (tp, fp) = brute_counts(y, s, t);
            (t, tp, fp)
        })
        .collect()
}

/// Step-wise average precision over the brute-force table.
fn brute_ap(y: &[bool], s: &[f64]) -> Option<f64> {
    let (p, _) = class_sizes(y);
    if p == 0 {
        return None;
    }
    let mut ap = 0.0;
    let mut prev = 0.0;
    for (_, tp, fp) in brute_table(y, s) {
        let recall = tp as f64 / p as f64;
        ap += (recall - prev) * (tp as f64 / (tp + fp) as f64);
        prev = recall;
    }
    Some(ap)
}

fn trapezoid(c: &CurvePoints) -> f64 {
    (1..c.x.len())
        .map(|k| (c.x[k] - c.x[k - 1]) * (c.y[k] + c.y[k - 1]) / 2.0)
        .sum()
}

fn curve(y: &[bool], s: &[f64]) -> ScoreCurve {
    ScoreCurve::new(y, s)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL
}

// ---------------------------------------------------------------------------
// Random data with heavy ties.
// ---------------------------------------------------------------------------

/// One value of the pool: calibration edges both as numpy makes them
/// (`i × 0.1`) and as literals (`i / 10`), the ends, −0, values outside
/// [0, 1], and anything in between.
fn pool_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => (0u32..=10).prop_map(|i| f64::from(i) * 0.1),
        2 => (0u32..=10).prop_map(|i| f64::from(i) / 10.0),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(1.0),
        1 => -3.0..3.0f64,
        2 => 0.0..1.0f64,
    ]
}

/// Labels and scores: 1–120 examples, scores drawn from a pool of 1–6
/// values, and a random share of positives (so one class is sometimes absent).
fn tied_data() -> impl Strategy<Value = (Vec<bool>, Vec<f64>)> {
    (
        prop::collection::vec(pool_value(), 1..=6),
        1usize..=120,
        0.0..=1.0f64,
    )
        .prop_flat_map(|(pool, n, share)| {
            let k = pool.len();
            prop::collection::vec((prop::bool::weighted(share), 0..k), n).prop_map(move |rows| {
                let y = rows.iter().map(|&(b, _)| b).collect();
                let s = rows.iter().map(|&(_, i)| pool[i]).collect();
                (y, s)
            })
        })
}

/// As [`tied_data`], with both classes present.
fn two_class_data() -> impl Strategy<Value = (Vec<bool>, Vec<f64>)> {
    tied_data().prop_filter("both classes", |(y, _)| {
        let (p, n) = class_sizes(y);
        p > 0 && n > 0
    })
}

/// As [`tied_data`], with every score in [0, 1].
fn probability_data() -> impl Strategy<Value = (Vec<bool>, Vec<f64>)> {
    tied_data().prop_map(|(y, s)| (y, s.into_iter().map(|v| v.abs().min(1.0)).collect()))
}

/// A threshold to probe: a score itself (exact tie), its neighbours one ulp
/// away, below and above everything, or anything.
fn probe(s: &[f64], pick: usize, kind: u8, free: f64) -> f64 {
    let v = s[pick % s.len()];
    match kind % 6 {
        0 | 1 => v,
        2 => f64::from_bits(v.to_bits() + 1), // next away from zero
        3 => -10.0,
        4 => 10.0,
        _ => free,
    }
}

// ---------------------------------------------------------------------------
// Hand-worked cases.
// ---------------------------------------------------------------------------

/// `(name, labels, scores, roc_auc, average_precision)`, each worked by hand.
#[allow(clippy::type_complexity)]
const HAND_WORKED: &[(&str, &[bool], &[f64], f64, f64)] = &[
    // Pairs (pos, neg): 0.9>0.8 → 1, 0.9>0.1 → 1, 0.8=0.8 → ½, 0.8>0.1 → 1:
    // AUC = 3.5/4 = 0.875.
    // AP: t=0.9 R=½ P=1; t=0.8 R=1 P=2/3; t=0.1 R=1: ½·1 + ½·⅔ = 5/6.
    (
        "design example",
        &[true, false, true, false],
        &[0.9, 0.8, 0.8, 0.1],
        0.875,
        5.0 / 6.0,
    ),
    // Every positive above every negative: 4/4; AP: R=½,1 at P=1 → 1.
    (
        "perfect",
        &[true, true, false, false],
        &[0.9, 0.8, 0.2, 0.1],
        1.0,
        1.0,
    ),
    // The one pair is lost: 0/1. AP: t=0.9 R=0 P=0; t=0.1 R=1 P=½ → ½.
    ("reversed", &[true, false], &[0.1, 0.9], 0.0, 0.5),
    // All scores tied: 4 pairs, each ½ → 2/4. AP: one threshold, R=1, P=½.
    (
        "all tied",
        &[true, false, true, false],
        &[0.5, 0.5, 0.5, 0.5],
        0.5,
        0.5,
    ),
    // pos 0.7, 0.5, 0.3; neg 0.5, 0.2. Pairs: 0.7 beats both (2), 0.5 ties
    // 0.5 (½) and beats 0.2 (1), 0.3 loses to 0.5 (0) and beats 0.2 (1):
    // 4.5/6 = 0.75.
    // AP: t=0.7 R=⅓ P=1; t=0.5 R=⅔ P=⅔; t=0.3 R=1 P=¾; t=0.2 R=1:
    // ⅓·1 + ⅓·⅔ + ⅓·¾ = 1/3 + 2/9 + 1/4 = 29/36.
    (
        "three and two",
        &[true, true, true, false, false],
        &[0.7, 0.5, 0.3, 0.5, 0.2],
        0.75,
        29.0 / 36.0,
    ),
    // Scores outside [0, 1] rank just the same: logits −2 (neg), 0 (pos),
    // 0 (neg), 3 (pos). Pairs: 0>−2 (1), 0=0 (½), 3>−2 (1), 3>0 (1): 3.5/4.
    // AP: t=3 R=½ P=1; t=0 R=1 P=⅔; t=−2 R=1: 5/6.
    (
        "logits",
        &[false, true, false, true],
        &[-2.0, 0.0, 0.0, 3.0],
        0.875,
        5.0 / 6.0,
    ),
];

#[test]
fn hand_worked_auc_and_ap() {
    for &(name, y, s, auc, ap) in HAND_WORKED {
        let c = curve(y, s);
        assert_eq!(pair_auc(y, s), Some(auc), "{name}: pair count");
        assert!(close(c.roc_auc().unwrap(), auc), "{name}: roc_auc");
        assert!(close(c.average_precision().unwrap(), ap), "{name}: AP");
        assert!(close(brute_ap(y, s).unwrap(), ap), "{name}: brute AP");
    }
}

#[test]
fn design_example_curve_points() {
    // 0.9+, 0.8-, 0.8+, 0.1-: thresholds 0.9, 0.8, 0.1 with (tp, fp)
    // (1, 0), (2, 1), (2, 2); P = N = 2.
    let c = curve(&[true, false, true, false], &[0.9, 0.8, 0.8, 0.1]);
    let roc = c.roc(false).unwrap();
    assert_eq!(roc.x, vec![0.0, 0.0, 0.5, 1.0]);
    assert_eq!(roc.y, vec![0.0, 0.5, 1.0, 1.0]);
    assert_eq!(roc.thresholds, vec![None, Some(0.9), Some(0.8), Some(0.1)]);
    // PR in increasing threshold order, then (recall 0, precision 1).
    let pr = c.pr().unwrap();
    assert_eq!(pr.x, vec![1.0, 1.0, 0.5, 0.0]);
    assert_eq!(pr.y, vec![0.5, 2.0 / 3.0, 1.0, 1.0]);
    assert_eq!(pr.thresholds, vec![Some(0.1), Some(0.8), Some(0.9), None]);
    // Slider ranks count from the lowest distinct score.
    assert_eq!(c.threshold_of_rank(0), Some(0.1));
    assert_eq!(c.threshold_of_rank(2), Some(0.9));
    assert_eq!(c.threshold_of_rank(3), None);
    assert_eq!(c.rank_of(0.8), 1);
    assert_eq!(c.rank_of(0.85), 2); // lowest score at or above 0.85 is 0.9
    assert_eq!(c.rank_of(0.95), 3); // above every score
}

#[test]
fn one_class_absent() {
    // Only negatives: TPR is 0/0, so no ROC and no AUC; recall is 0/0, so no AP.
    let c = curve(&[false, false, false], &[0.2, 0.5, 0.5]);
    let why = c.roc_auc().unwrap_err().0;
    assert!(why.contains("no positive"), "{why}");
    let why = c.average_precision().unwrap_err().0;
    assert!(why.contains("no positive"), "{why}");
    assert!(c.roc(false).is_none() && c.roc(true).is_none() && c.pr().is_none());
    assert!(operating_points(&c, &OperatingGoals::default()).is_empty());

    // Only positives: FPR is 0/0, so no AUC; AP is 1 (every call is right).
    let c = curve(&[true, true, true], &[0.2, 0.5, 0.5]);
    let why = c.roc_auc().unwrap_err().0;
    assert!(why.contains("no negative"), "{why}");
    assert_eq!(c.average_precision(), Ok(1.0));
    assert!(c.roc(false).is_none());
    assert!(c.pr().is_some());
    assert!(operating_points(&c, &OperatingGoals::default()).is_empty());

    // The same through a report: null with the reason, and the
    // undefined-metric warning names it.
    let ctx = ScoreContext::new(
        BinaryLabels::default(),
        false,
        &[false, false, false],
        &[0.2, 0.5, 0.5],
    )
    .unwrap();
    let r = report_at(&ctx, ThresholdChoice::Value(0.5));
    assert_eq!(r.metric("roc_auc"), None);
    assert_eq!(r.metric("average_precision"), None);
    assert!(r.undefined.get("roc_auc").is_some());
    assert!(r.undefined.get("average_precision").is_some());
    assert!(r.has_warning("undefined_metric"));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert!(json["metrics"]["roc_auc"].is_null());
    assert!(json["metrics"]["average_precision"].is_null());
}

// ---------------------------------------------------------------------------
// Curve properties against brute force.
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn auc_equals_pair_count((y, s) in two_class_data()) {
        let c = curve(&y, &s);
        let expected = pair_auc(&y, &s).unwrap();
        let got = c.roc_auc().unwrap();
        prop_assert!(close(got, expected), "roc_auc {got} vs pairs {expected}");
    }

    #[test]
    fn curve_is_the_brute_force_table((y, s) in tied_data()) {
        let c = curve(&y, &s);
        let table = brute_table(&y, &s);
        prop_assert_eq!(c.len(), table.len());
        for (i, &(t, tp, fp)) in table.iter().enumerate() {
            prop_assert!(c.thresholds[i] == t);
            prop_assert_eq!((c.tps[i], c.fps[i]), (tp, fp));
        }
        prop_assert_eq!((c.positives, c.negatives), class_sizes(&y));
    }

    #[test]
    fn counts_at_equals_brute_force(
        (y, s) in tied_data(),
        probes in prop::collection::vec((any::<usize>(), any::<u8>(), -3.5..3.5f64), 1..12),
    ) {
        let c = curve(&y, &s);
        for (pick, kind, free) in probes {
            let t = probe(&s, pick, kind, free);
            prop_assert_eq!(c.counts_at(t), brute_counts(&y, &s, t), "threshold {}", t);
        }
    }

    #[test]
    fn rank_round_trip(
        (y, s) in tied_data(),
        probes in prop::collection::vec((any::<usize>(), any::<u8>(), -3.5..3.5f64), 1..12),
    ) {
        let c = curve(&y, &s);
        let distinct = distinct_desc(&s);
        for r in 0..c.len() {
            let t = c.threshold_of_rank(r).unwrap();
            prop_assert_eq!(c.rank_of(t), r);
            // Rank r is the (r+1)-th lowest distinct score.
            prop_assert!(t == distinct[distinct.len() - 1 - r]);
        }
        prop_assert_eq!(c.threshold_of_rank(c.len()), None);
        for (pick, kind, free) in probes {
            let t = probe(&s, pick, kind, free);
            // The rank of a threshold is how many distinct scores lie below it.
            let below = distinct.iter().filter(|&&d| d < t).count();
            prop_assert_eq!(c.rank_of(t), below, "threshold {}", t);
            // ... and the threshold of that rank calls the same examples positive.
            if let Some(back) = c.threshold_of_rank(below) {
                prop_assert_eq!(c.counts_at(back), c.counts_at(t));
            }
        }
    }

    #[test]
    fn average_precision_equals_step_sum((y, s) in tied_data()) {
        let c = curve(&y, &s);
        match (c.average_precision(), brute_ap(&y, &s)) {
            (Ok(got), Some(expected)) => {
                prop_assert!(close(got, expected), "AP {got} vs {expected}");
                prop_assert!((0.0..=1.0).contains(&got));
            }
            (Err(_), None) => {}
            (got, expected) => prop_assert!(false, "AP {:?} vs {:?}", got, expected),
        }
    }

    #[test]
    fn pr_curve_equals_brute_force((y, s) in tied_data()) {
        let c = curve(&y, &s);
        let (p, _) = class_sizes(&y);
        let Some(pr) = c.pr() else {
            prop_assert_eq!(p, 0);
            return Ok(());
        };
        let mut table = brute_table(&y, &s);
        table.reverse(); // increasing thresholds, as scikit-learn returns them
        prop_assert_eq!(pr.x.len(), table.len() + 1);
        for (k, &(t, tp, fp)) in table.iter().enumerate() {
            prop_assert_eq!(pr.thresholds[k], Some(t));
            prop_assert!(pr.x[k] == tp as f64 / p as f64);
            prop_assert!(pr.y[k] == tp as f64 / (tp + fp) as f64);
        }
        prop_assert_eq!((pr.x[table.len()], pr.y[table.len()]), (0.0, 1.0));
        prop_assert_eq!(pr.thresholds[table.len()], None);
    }

    #[test]
    fn dropping_intermediate_points_keeps_the_auc((y, s) in two_class_data()) {
        let c = curve(&y, &s);
        let full = c.roc(false).unwrap();
        let thin = c.roc(true).unwrap();
        prop_assert!(close(trapezoid(&full), trapezoid(&thin)));
        prop_assert!(close(trapezoid(&full), c.roc_auc().unwrap()));
        // Ends are kept: (0, 0) with no threshold, and (1, 1).
        prop_assert_eq!((thin.x[0], thin.y[0], thin.thresholds[0]), (0.0, 0.0, None));
        prop_assert_eq!((*thin.x.last().unwrap(), *thin.y.last().unwrap()), (1.0, 1.0));
        // scikit-learn's rule on the brute-force table: keep the first and
        // last thresholds and every one where fps or tps turns.
        let table = brute_table(&y, &s);
        let m = table.len();
        let kept: Vec<f64> = (0..m)
            .filter(|&i| {
                if m <= 2 || i == 0 || i == m - 1 {
                    return true;
                }
                let d2 = |f: fn(&(f64, u64, u64)) -> u64| {
                    f(&table[i + 1]) as i64 - 2 * f(&table[i]) as i64 + f(&table[i - 1]) as i64
                };
                d2(|r| r.1) != 0 || d2(|r| r.2) != 0
            })
            .map(|i| table[i].0)
            .collect();
        let got: Vec<f64> = thin.thresholds[1..].iter().map(|t| t.unwrap()).collect();
        prop_assert_eq!(got, kept);
    }

    #[test]
    fn decimate_keeps_ends_and_limit((y, s) in two_class_data(), max_points in 3usize..40) {
        let c = curve(&y, &s);
        for full in [c.roc(false).unwrap(), c.roc(true).unwrap(), c.pr().unwrap()] {
            let thin = decimate(&full, max_points);
            check_decimated(&full, &thin, max_points)?;
        }
    }

    #[test]
    fn decimate_any_curve_without_repeated_points(
        steps in prop::collection::vec((0.0..1.0f64, -1.0..1.0f64), 1..400),
        max_points in 3usize..60,
    ) {
        // A path with every step of positive length (as real curves are).
        let mut full = CurvePoints { x: vec![0.0], y: vec![0.0], thresholds: vec![None] };
        for (k, &(dx, dy)) in steps.iter().enumerate() {
            let (dx, dy) = if dx == 0.0 && dy == 0.0 { (1e-3, 0.0) } else { (dx, dy) };
            let (x, y) = (full.x[k] + dx, full.y[k] + dy);
            full.x.push(x);
            full.y.push(y);
            full.thresholds.push(Some(k as f64));
        }
        let thin = decimate(&full, max_points);
        check_decimated(&full, &thin, max_points)?;
    }
}

/// A thinned curve keeps both ends, is a subsequence of the full one, has at
/// most `max_points` points, and is the full curve when that is short enough.
fn check_decimated(
    full: &CurvePoints,
    thin: &CurvePoints,
    max_points: usize,
) -> Result<(), TestCaseError> {
    let n = full.x.len();
    if n <= max_points {
        prop_assert_eq!(thin, full);
        return Ok(());
    }
    prop_assert!(
        thin.x.len() <= max_points,
        "{} points from {} with max {}",
        thin.x.len(),
        n,
        max_points
    );
    prop_assert_eq!(thin.x.len(), thin.y.len());
    prop_assert_eq!(thin.x.len(), thin.thresholds.len());
    let ends = |c: &CurvePoints, i: usize| (c.x[i], c.y[i], c.thresholds[i]);
    prop_assert_eq!(ends(thin, 0), ends(full, 0));
    prop_assert_eq!(ends(thin, thin.x.len() - 1), ends(full, n - 1));
    let mut at = 0;
    for k in 0..thin.x.len() {
        while at < n && ends(full, at) != ends(thin, k) {
            at += 1;
        }
        prop_assert!(at < n, "point {} of the thinned curve is not in order", k);
        at += 1;
    }
    Ok(())
}

// Hand-made curves where thinning keeps too many points. Reproductions of
// the bugs in the report; the behaviour asserted is the documented one
// ("at most `max_points`, always keeping the first and last points").

#[test]
fn decimate_to_two_points_keeps_the_ends() {
    let full = CurvePoints {
        x: vec![0.0, 0.25, 0.5, 0.75, 1.0],
        y: vec![0.0, 0.5, 0.75, 0.9, 1.0],
        thresholds: vec![None, Some(0.9), Some(0.7), Some(0.5), Some(0.1)],
    };
    let thin = decimate(&full, 2);
    assert_eq!(thin.x, vec![0.0, 1.0], "got {} points", thin.x.len());
}

#[test]
fn decimate_with_a_repeated_last_point_stays_within_max() {
    // Lengths along the path: 0, 1, 2, 3, 3 (the last point repeats the one
    // before). max 4 → step 3/3 = 1: the interior points at lengths 1, 2 and
    // 3 are all kept, plus both ends: 5 points.
    let full = CurvePoints {
        x: vec![0.0, 1.0, 2.0, 3.0, 3.0],
        y: vec![0.0; 5],
        thresholds: vec![None, Some(4.0), Some(3.0), Some(2.0), Some(1.0)],
    };
    let thin = decimate(&full, 4);
    assert!(thin.x.len() <= 4, "got {} points", thin.x.len());
}

// ---------------------------------------------------------------------------
// Operating points against every distinct threshold.
// ---------------------------------------------------------------------------

/// An exact fraction `num / den` with `den > 0`, compared by cross-multiplying.
#[derive(Clone, Copy, Debug)]
struct Frac(i128, i128);

impl Frac {
    fn cmp(self, o: Frac) -> Ordering {
        (self.0 * o.1).cmp(&(o.0 * self.1))
    }
}

/// The goals of a test: beta ∈ {½, 1, 2} (β² = ¼, 1, 4 are exact), integer
/// costs 0–4, prevalence `None` or k/20, targets k/10.
#[derive(Clone, Copy, Debug)]
struct Goals {
    beta_index: usize,
    cost_fp: u8,
    cost_fn: u8,
    prevalence_20ths: Option<u8>,
    target_recall_10ths: u8,
    target_precision_10ths: u8,
}

impl Goals {
    fn beta(self) -> f64 {
        [0.5, 1.0, 2.0][self.beta_index]
    }

    /// β² × 4, an integer.
    fn beta2_x4(self) -> i128 {
        [1, 4, 16][self.beta_index]
    }

    fn goals(self) -> OperatingGoals {
        OperatingGoals {
            beta: self.beta(),
            cost_fp: f64::from(self.cost_fp),
            cost_fn: f64::from(self.cost_fn),
            prevalence: self.prevalence_20ths.map(|k| f64::from(k) / 20.0),
            target_recall: f64::from(self.target_recall_10ths) / 10.0,
            target_precision: f64::from(self.target_precision_10ths) / 10.0,
        }
    }
}

fn goals_strategy() -> impl Strategy<Value = Goals> {
    (
        0usize..3,
        0u8..5,
        0u8..5,
        prop::option::of(0u8..=20),
        0u8..=10,
        0u8..=10,
    )
        .prop_map(|(b, cfp, cfn, prev, tr, tp)| Goals {
            beta_index: b,
            cost_fp: cfp,
            cost_fn: cfn,
            prevalence_20ths: prev,
            target_recall_10ths: tr,
            target_precision_10ths: tp,
        })
}

/// For each operating point id, the exact value to maximise at a row of the
/// brute-force table (`None` when the row is not a candidate).
fn objective(id: &str, g: Goals, p: u64, n: u64, tp: u64, fp: u64) -> Option<Frac> {
    let (p, n, tp, fp) = (p as i128, n as i128, tp as i128, fp as i128);
    let fn_ = p - tp;
    let goals = g.goals();
    match id {
        "best_f1" => Some(Frac(2 * tp, 2 * tp + fp + fn_)),
        // (1 + β²)tp / ((1 + β²)tp + β²·fn + fp), everything × 4.
        "best_fbeta" => {
            let b = g.beta2_x4();
            Some(Frac((4 + b) * tp, (4 + b) * tp + b * fn_ + 4 * fp))
        }
        // tp/P − fp/N = (tp·N − fp·P) / (P·N)
        "youden" => Some(Frac(tp * n - fp * p, p * n)),
        // Minus the expected cost per example:
        // cost_fn·π·fn/P + cost_fp·(1 − π)·fp/N, π = k/20 or P/(P + N).
        "min_cost" => {
            let (cfp, cfn) = (i128::from(g.cost_fp), i128::from(g.cost_fn));
            Some(match g.prevalence_20ths {
                None => Frac(-(cfn * fn_ + cfp * fp), p + n),
                Some(k) => {
                    let k = i128::from(k);
                    Frac(-(cfn * k * fn_ * n + cfp * (20 - k) * fp * p), 20 * p * n)
                }
            })
        }
        // The constraint is judged as fitcheck judges it, in floating point
        // (k/m against the literal k/10 is exact when equal).
        "precision_at_recall" => {
            (tp as f64 / p as f64 >= goals.target_recall).then_some(Frac(tp, tp + fp))
        }
        "recall_at_precision" => {
            (tp as f64 / (tp + fp) as f64 >= goals.target_precision).then_some(Frac(tp, p))
        }
        _ => unreachable!(),
    }
}

const OPERATING_IDS: [&str; 6] = [
    "best_f1",
    "best_fbeta",
    "youden",
    "min_cost",
    "precision_at_recall",
    "recall_at_precision",
];

/// The best rows of the brute-force table for `id`: all rows reaching the
/// exact optimum, highest threshold first. Empty when no row is a candidate.
fn best_rows(id: &str, g: Goals, y: &[bool], s: &[f64]) -> Vec<usize> {
    let (p, n) = class_sizes(y);
    let table = brute_table(y, s);
    let values: Vec<Option<Frac>> = table
        .iter()
        .map(|&(_, tp, fp)| objective(id, g, p, n, tp, fp))
        .collect();
    let Some(best) = values.iter().flatten().copied().max_by(|a, b| a.cmp(*b)) else {
        return Vec::new();
    };
    (0..table.len())
        .filter(|&i| values[i].is_some_and(|v| v.cmp(best) == Ordering::Equal))
        .collect()
}

fn find<'a>(points: &'a [OperatingPoint], id: &str) -> Option<&'a OperatingPoint> {
    points.iter().find(|o| o.id == id)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Each operating point reaches the best value over all distinct
    /// thresholds, and its counts, rates and rank are those of its threshold.
    #[test]
    fn operating_points_are_optimal((y, s) in two_class_data(), g in goals_strategy()) {
        let c = curve(&y, &s);
        let points = operating_points(&c, &g.goals());
        let (p, n) = class_sizes(&y);
        let distinct = distinct_desc(&s);
        for id in OPERATING_IDS {
            if id == "best_fbeta" && g.beta() == 1.0 {
                // With β = 1 it is the best F1 point, listed once.
                prop_assert!(find(&points, id).is_none());
                continue;
            }
            let best = best_rows(id, g, &y, &s);
            let Some(op) = find(&points, id) else {
                prop_assert!(best.is_empty(), "{} missing", id);
                continue;
            };
            prop_assert!(!best.is_empty(), "{} should not exist", id);
            let at = distinct.iter().position(|&d| d == op.threshold).unwrap();
            prop_assert!(best.contains(&at), "{}: threshold {} is not optimal (best: {:?})",
                id, op.threshold, best.iter().map(|&i| distinct[i]).collect::<Vec<_>>());
            let (tp, fp) = brute_counts(&y, &s, op.threshold);
            prop_assert_eq!((op.tp, op.fp, op.fn_, op.tn), (tp, fp, p - tp, n - fp));
            prop_assert!(op.precision == tp as f64 / (tp + fp) as f64);
            prop_assert!(op.recall == tp as f64 / p as f64);
            prop_assert_eq!(op.rank, distinct.len() - 1 - at);
        }
    }

    /// Among thresholds that tie exactly on the optimum, the highest is
    /// chosen (operating_points.rs: "on a tie the higher threshold stays").
    /// Checked for the points whose values fitcheck computes exactly
    /// (correctly rounded quotients of integers).
    #[test]
    fn exact_ties_go_to_the_higher_threshold((y, s) in two_class_data(), g in goals_strategy()) {
        let c = curve(&y, &s);
        let points = operating_points(&c, &g.goals());
        let distinct = distinct_desc(&s);
        for id in ["best_f1", "best_fbeta", "precision_at_recall", "recall_at_precision"] {
            let best = best_rows(id, g, &y, &s);
            if let Some(op) = find(&points, id) {
                prop_assert!(op.threshold == distinct[best[0]],
                    "{}: chose {} but {} ties and is higher", id, op.threshold, distinct[best[0]]);
            }
        }
    }
}

/// Youden's J and the expected cost are sums of rounded quotients, so two
/// thresholds that tie exactly can differ in the last bit and the lower one
/// wins. Found by `exact_ties_go_to_the_higher_threshold` extended to them.
#[test]
fn rounded_ties_go_to_the_higher_threshold() {
    for &(id, expected) in &[("youden", 0.9), ("min_cost", 0.9)] {
        let c = curve(TIE_LABELS, TIE_SCORES);
        let points = operating_points(&c, &OperatingGoals::default());
        let op = find(&points, id).unwrap();
        assert_eq!(op.threshold, expected, "{id}");
    }
}

// P = 6, N = 6. Positives 0.9, 0.5 ×4, 0.1; negatives 0.5 ×4, 0.1 ×2.
// t = 0.9: tp 1, fp 0 → J = 1/6 − 0 = 1/6;
//          cost (1, 1, prevalence ½) = ½·5/6 + ½·0 = 5/12.
// t = 0.5: tp 5, fp 4 → J = 5/6 − 4/6 = 1/6;  cost = ½·1/6 + ½·4/6 = 5/12.
// t = 0.1: tp 6, fp 6 → J = 0;                cost = ½.
// Exact ties at 0.9 and 0.5, so 0.9 should be chosen. In floating point
// 0.8333333333333334 − 0.6666666666666666 = 0.16666666666666674 beats
// 1/6 = 0.16666666666666666, and the cost at 0.5 comes out 0.41666666666666663
// against 0.4166666666666667 at 0.9, so both pick 0.5.
const TIE_LABELS: &[bool] = &[
    true, true, true, true, true, true, false, false, false, false, false, false,
];
const TIE_SCORES: &[f64] = &[0.9, 0.5, 0.5, 0.5, 0.5, 0.1, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1];

// ---------------------------------------------------------------------------
// Threshold choice in the cached context.
// ---------------------------------------------------------------------------

fn report_at(ctx: &ScoreContext, choice: ThresholdChoice) -> fitcheck::Report {
    ctx.report(
        &ReportOptions::default(),
        &OperatingGoals::default(),
        choice,
        CurveDetail::None,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn context_counts_match_brute_force(
        (y, s) in tied_data(),
        probes in prop::collection::vec((any::<usize>(), any::<u8>(), -3.5..3.5f64), 1..6),
        ranks in prop::collection::vec(0usize..10, 1..6),
    ) {
        let ctx = ScoreContext::new(BinaryLabels::default(), false, &y, &s).unwrap();
        let (p, n) = class_sizes(&y);
        let distinct = distinct_desc(&s);
        for (pick, kind, free) in probes {
            let t = probe(&s, pick, kind, free);
            let (thr, rank, counts) = ctx.counts(ThresholdChoice::Value(t)).unwrap();
            let (tp, fp) = brute_counts(&y, &s, t);
            prop_assert!(thr == t);
            prop_assert_eq!(rank, distinct.iter().filter(|&&d| d < t).count());
            prop_assert_eq!((counts.tp, counts.fn_, counts.fp, counts.tn), (tp, p - tp, fp, n - fp));
        }
        for r in ranks {
            let (thr, rank, counts) = ctx.counts(ThresholdChoice::Rank(r)).unwrap();
            // Ranks past the last slider position stay at the last one.
            let r = r.min(distinct.len() - 1);
            prop_assert!(thr == distinct[distinct.len() - 1 - r]);
            prop_assert_eq!(rank, r);
            let (tp, fp) = brute_counts(&y, &s, thr);
            prop_assert_eq!((counts.tp, counts.fp), (tp, fp));
        }
        // Score metrics of the report are the curve's.
        let report = report_at(&ctx, ThresholdChoice::Rank(0));
        prop_assert_eq!(report.metric("roc_auc"), pair_auc(&y, &s).map(|_| ctx.curve().roc_auc().unwrap()));
        if let Some(auc) = report.metric("roc_auc") {
            prop_assert!(close(auc, pair_auc(&y, &s).unwrap()));
        }
    }
}

#[test]
fn non_finite_threshold_is_an_error() {
    let ctx =
        ScoreContext::new(BinaryLabels::default(), false, &[true, false], &[0.7, 0.2]).unwrap();
    for t in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(ctx.counts(ThresholdChoice::Value(t)).is_err(), "{t}");
    }
    assert!(ScoreContext::new(BinaryLabels::default(), false, &[], &[]).is_err());
}

// ---------------------------------------------------------------------------
// The demo data set.
// ---------------------------------------------------------------------------

fn demo(separation: f64, prevalence: f64, size: usize, seed: u64) -> (Vec<bool>, Vec<f64>) {
    let d = demo_dataset(&DemoOptions {
        separation,
        prevalence,
        size,
        seed,
    })
    .unwrap();
    assert_eq!(d.labels, vec!["0", "1"]);
    let y = d.truth.iter_u32().map(|t| t == 1).collect();
    (y, d.score.unwrap())
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let a = demo(1.5, 0.3, 5000, 7);
    let b = demo(1.5, 0.3, 5000, 7);
    assert_eq!(a.0, b.0);
    assert!(a
        .1
        .iter()
        .zip(&b.1)
        .all(|(x, y)| x.to_bits() == y.to_bits()));
    let c = demo(1.5, 0.3, 5000, 8);
    assert_ne!(a.1, c.1, "another seed gives other data");
}

#[test]
fn demo_has_the_size_and_prevalence_asked_for() {
    for &(prevalence, size, seed) in &[
        (0.3, 2000, 1),
        (0.5, 10, 2),
        (0.01, 100_000, 3),
        (0.99, 50_000, 4),
        (0.2, MAX_DEMO_SIZE, 5),
        (0.7, 12_345, 6),
    ] {
        let (y, s) = demo(1.5, prevalence, size, seed);
        assert_eq!((y.len(), s.len()), (size, size));
        assert!(s.iter().all(|v| (0.0..=1.0).contains(v)));
        let share = class_sizes(&y).0 as f64 / size as f64;
        let se = (prevalence * (1.0 - prevalence) / size as f64).sqrt();
        assert!(
            (share - prevalence).abs() <= 3.0 * se,
            "prevalence {prevalence}, size {size}: got {share} (3 SE = {})",
            3.0 * se
        );
    }
}

#[test]
fn demo_separation_orders_auc() {
    // Equal-variance normals d′ apart: AUC = Φ(d′/√2).
    let mut previous = 0.0;
    for d in [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 6.0] {
        let (y, s) = demo(d, 0.4, 20_000, 11);
        let auc = curve(&y, &s).roc_auc().unwrap();
        let theory = 0.5 * statrs::function::erf::erfc(-d / 2.0);
        assert!(
            auc > previous,
            "separation {d}: AUC {auc} not above {previous}"
        );
        assert!(
            (auc - theory).abs() < 0.02,
            "separation {d}: AUC {auc}, theory {theory}"
        );
        previous = auc;
    }
}

#[test]
fn auc_on_a_million_scores_matches_rank_sum() {
    // The trapezoid sum over a million points keeps its 1e-12, with the
    // demo's continuous scores and with them rounded to 3 decimals (ties).
    let (y, s) = demo(1.0, 0.25, MAX_DEMO_SIZE, 3);
    let rounded: Vec<f64> = s.iter().map(|v| (v * 1e3).round() / 1e3).collect();
    for scores in [&s, &rounded] {
        let got = curve(&y, scores).roc_auc().unwrap();
        let exact = rank_sum_auc(&y, scores);
        assert!(close(got, exact), "{got} vs {exact}");
    }
    // The rank sum itself agrees with pair counting on small data.
    for &(_, y, s, auc, _) in HAND_WORKED {
        assert_eq!(rank_sum_auc(y, s), auc);
    }
}

#[test]
fn demo_rejects_bad_options() {
    let ok = DemoOptions::default();
    for bad in [
        DemoOptions {
            separation: -0.1,
            ..ok
        },
        DemoOptions {
            separation: 6.5,
            ..ok
        },
        DemoOptions {
            prevalence: 0.0,
            ..ok
        },
        DemoOptions {
            prevalence: 1.0,
            ..ok
        },
        DemoOptions { size: 9, ..ok },
        DemoOptions {
            size: MAX_DEMO_SIZE + 1,
            ..ok
        },
    ] {
        assert!(demo_dataset(&bad).is_err(), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------
// Calibration, log loss and Brier score.
// ---------------------------------------------------------------------------

/// scikit-learn's binning, restated: `(count, positives, score sum)` per bin.
fn sklearn_bins(y: &[bool], s: &[f64]) -> Vec<(u64, u64, f64)> {
    // numpy.linspace(0, 1, 11)[1:-1] is i × 0.1 for i = 1..9.
    let inner: Vec<f64> = (1..CALIBRATION_BINS).map(|i| i as f64 * 0.1).collect();
    let mut bins = vec![(0u64, 0u64, 0.0f64); CALIBRATION_BINS];
    for (&yi, &si) in y.iter().zip(s) {
        // searchsorted(side="left"): the first edge that is >= the score.
        let b = inner.iter().position(|&e| e >= si).unwrap_or(inner.len());
        bins[b].0 += 1;
        bins[b].1 += u64::from(yi);
        bins[b].2 += si;
    }
    bins
}

#[test]
fn calibration_edges_go_to_the_lower_bin() {
    // 0.1 is exactly the first inner edge → bin 0 with 0.05.
    // 0.2 is the second edge → bin 1 with 0.15.
    // 0.3 lies below the fourth edge 0.30000000000000004 → bin 2;
    // 0.30000000000000004 is that edge → bin 2 as well.
    // 1.0 → bin 9; 0.0 → bin 0.
    let s = [0.05, 0.1, 0.15, 0.2, 0.3, 0.1 * 3.0, 1.0, 0.0];
    let y = [false, true, true, false, true, false, true, false];
    let cal = calibration(&y, &s).unwrap();
    let got: Vec<(f64, f64, u64)> = cal.bins.iter().map(|b| (b.low, b.high, b.count)).collect();
    assert_eq!(
        got,
        vec![(0.0, 0.1, 3), (0.1, 0.2, 2), (0.2, 0.3, 2), (0.9, 1.0, 1)]
    );
    // bin 0: 0.05−, 0.1+, 0.0− → fraction ⅓, mean 0.15/3 = 0.05
    // bin 1: 0.15+, 0.2− → ½, mean 0.175
    // bin 2: 0.3+, 0.30000000000000004− → ½, mean 0.3
    // bin 9: 1.0+ → 1, mean 1
    let fractions: Vec<f64> = cal.bins.iter().map(|b| b.fraction_positive).collect();
    assert_eq!(fractions, vec![1.0 / 3.0, 0.5, 0.5, 1.0]);
    let means = [0.05, 0.175, 0.3, 1.0];
    for (b, m) in cal.bins.iter().zip(means) {
        assert!(close(b.mean_score, m), "{} vs {m}", b.mean_score);
    }
    // ECE = 3/8·|⅓ − 0.05| + 2/8·|½ − 0.175| + 2/8·|½ − 0.3| + 1/8·0
    let ece = 3.0 / 8.0 * (1.0 / 3.0 - 0.05) + 0.25 * 0.325 + 0.25 * 0.2;
    assert!(close(cal.ece, ece), "{} vs {ece}", cal.ece);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn calibration_bins_as_scikit_learn((y, s) in probability_data()) {
        let cal = calibration(&y, &s).unwrap();
        let expected: Vec<(usize, (u64, u64, f64))> = sklearn_bins(&y, &s)
            .into_iter()
            .enumerate()
            .filter(|(_, b)| b.0 > 0)
            .collect();
        prop_assert_eq!(cal.bins.len(), expected.len());
        let mut ece = 0.0;
        for (bin, &(k, (count, pos, sum))) in cal.bins.iter().zip(&expected) {
            prop_assert_eq!(bin.count, count, "bin {}", k);
            prop_assert!(close(bin.low, k as f64 / 10.0) && close(bin.high, (k + 1) as f64 / 10.0));
            let fraction = pos as f64 / count as f64;
            let mean = sum / count as f64;
            prop_assert!(close(bin.fraction_positive, fraction));
            prop_assert!(close(bin.mean_score, mean), "bin {}: {} vs {}", k, bin.mean_score, mean);
            ece += count as f64 / s.len() as f64 * (fraction - mean).abs();
        }
        prop_assert!(close(cal.ece, ece));
    }

    #[test]
    fn log_loss_and_brier_as_defined((y, s) in probability_data()) {
        let eps = f64::EPSILON;
        let n = s.len() as f64;
        let ll: f64 = y.iter().zip(&s).map(|(&yi, &p)| {
            let p = p.clamp(eps, 1.0 - eps);
            if yi { -p.ln() } else { -(1.0 - p).ln() }
        }).sum::<f64>() / n;
        let brier: f64 = y.iter().zip(&s).map(|(&yi, &p)| {
            let d = if yi { 1.0 - p } else { p };
            d * d
        }).sum::<f64>() / n;
        prop_assert!((log_loss(&y, &s).unwrap() - ll).abs() <= 1e-12 * ll.max(1.0));
        prop_assert!(close(brier_score(&y, &s).unwrap(), brier));
    }
}

#[test]
fn log_loss_and_brier_hand_worked() {
    // y = 1, 0, 1, 0 and p = 0.9, 0.2, 0.6, 0.5:
    // log loss = −(ln 0.9 + ln 0.8 + ln 0.6 + ln 0.5)/4
    //          = (0.1053605 + 0.2231436 + 0.5108256 + 0.6931472)/4 = 0.3831192
    // Brier = (0.1² + 0.2² + 0.4² + 0.5²)/4 = (0.01 + 0.04 + 0.16 + 0.25)/4 = 0.115
    let y = [true, false, true, false];
    let p = [0.9, 0.2, 0.6, 0.5];
    let ll = -(0.9f64.ln() + 0.8f64.ln() + 0.6f64.ln() + 0.5f64.ln()) / 4.0;
    assert!(close(log_loss(&y, &p).unwrap(), ll));
    assert!((log_loss(&y, &p).unwrap() - 0.383_119_2).abs() < 1e-7);
    assert!(close(brier_score(&y, &p).unwrap(), 0.115));

    // Always 0.5: log loss ln 2 = 0.6931, Brier 0.25, whatever the labels.
    let y = [true, false, false];
    let p = [0.5; 3];
    assert!(close(log_loss(&y, &p).unwrap(), std::f64::consts::LN_2));
    assert!(close(brier_score(&y, &p).unwrap(), 0.25));

    // Confidently wrong: p = 0 for a positive and 1 for a negative are
    // clipped to ε = 2.22e-16 away, so each costs −ln ε = 36.04365338911715;
    // Brier counts each as 1. Confidently right costs −ln(1 − ε) ≈ 2.2e-16.
    let y = [true, false, true];
    let p = [0.0, 1.0, 1.0];
    let wrong = -f64::EPSILON.ln();
    assert!((wrong - 36.043_653_389_117_15).abs() < 1e-12);
    let ll = (2.0 * wrong - (1.0 - f64::EPSILON).ln()) / 3.0;
    assert!(close(log_loss(&y, &p).unwrap(), ll));
    assert!(close(brier_score(&y, &p).unwrap(), 2.0 / 3.0));
}

#[test]
fn scores_outside_unit_interval_are_not_probabilities() {
    // Logits: ranking metrics stay, probability metrics go.
    let y = [false, true, false, true, true];
    let s = [-2.0, 0.0, 0.0, 3.0, 0.5];
    assert!(log_loss(&y, &s).is_err());
    assert!(brier_score(&y, &s).is_err());
    assert!(calibration(&y, &s).is_none());
    let ctx = ScoreContext::new(BinaryLabels::default(), false, &y, &s).unwrap();
    let r = report_at(&ctx, ThresholdChoice::Value(0.0));
    assert_eq!(r.metric("log_loss"), None);
    assert_eq!(r.metric("brier_score"), None);
    assert!(r.undefined.get("log_loss").is_some());
    assert!(r.has_warning("not_probabilities"));
    assert!(!r.has_warning("poor_calibration"));
    // Pairs: 0 (pos) vs −2 → 1, vs 0 → ½; 3 → 2; 0.5 → 2: 5.5/6.
    assert!(close(r.metric("roc_auc").unwrap(), 5.5 / 6.0));
    let summary = r.score_summary.as_ref().unwrap();
    assert!(!summary.probabilities);
    assert!(summary.calibration.is_none());
    assert_eq!((summary.min_score, summary.max_score), (-2.0, 3.0));
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert!(json["metrics"]["log_loss"].is_null());
    assert!(json["metrics"]["brier_score"].is_null());
    assert!(json["metrics"]["roc_auc"].is_number());

    // One score just above 1 is enough; exactly 0 and 1 are probabilities.
    let ctx = ScoreContext::new(
        BinaryLabels::default(),
        false,
        &[true, false],
        &[1.000_000_1, 0.0],
    )
    .unwrap();
    assert!(report_at(&ctx, ThresholdChoice::Value(0.5)).has_warning("not_probabilities"));
    let ctx =
        ScoreContext::new(BinaryLabels::default(), false, &[true, false], &[1.0, 0.0]).unwrap();
    let r = report_at(&ctx, ThresholdChoice::Value(0.5));
    assert!(!r.has_warning("not_probabilities"));
    assert!(r.metric("log_loss").is_some() && r.metric("brier_score").is_some());
}

#[test]
fn file_with_logits_through_the_whole_path() {
    // The same as above, from CSV text with yes/no labels.
    let csv = b"y_true,score\nno,-2\nyes,0\nno,0\nyes,3\nyes,0.5\n";
    let mut ingest = Ingest::new(IngestOptions::new());
    ingest.push(csv).unwrap();
    let data = ingest.finish().unwrap();
    let r = dataset_report(
        &data,
        &FileReportOptions {
            curves: CurveDetail::Complete,
            ..FileReportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(r.pos_label.as_deref(), Some("yes"));
    assert!(close(r.metric("roc_auc").unwrap(), 5.5 / 6.0));
    assert!(r.has_warning("not_probabilities"));
    assert_eq!(r.metric("log_loss"), None);
    // At 0.5: yes 3 and 0.5 are caught, yes 0 missed, both no below.
    let c = r.counts.unwrap();
    assert_eq!((c.tp, c.fn_, c.fp, c.tn), (2, 1, 0, 2));
    let curves = r.curves.as_ref().unwrap();
    assert!(curves.complete);
    assert_eq!(curves.roc.as_ref().unwrap().thresholds[0], None);
}
