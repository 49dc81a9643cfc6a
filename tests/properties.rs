//! Properties that hold for every confusion matrix, checked on random counts
//! (many zeros, small and moderate values, and values up to the 2^53 limit).
//!
//! Each property restates a metric through a different formula or a
//! symmetry, so a slip in one place shows up as a disagreement.

// proptest is a native-only dev-dependency (Cargo.toml); the same core is
// exercised on wasm32 by tests/wasm_boundary.rs.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fitcheck::input::counts::MAX_COUNT;
use fitcheck::{binary_report, ConfusionCounts, Report, ReportOptions};
use proptest::prelude::*;
use support::{json_outside_strings, PROPORTION_IDS};

/// One cell: zero often, small and moderate values, anything up to 2^53,
/// the limit itself, and powers of two (where rounding is exact or worst).
fn cell() -> impl Strategy<Value = u64> {
    prop_oneof![
        2 => Just(0u64),
        3 => 0u64..10,
        3 => 0u64..1_000_000,
        2 => 0u64..=MAX_COUNT,
        1 => Just(MAX_COUNT),
        1 => (0u32..=53).prop_map(|e| 1u64 << e),
    ]
}

fn counts() -> impl Strategy<Value = ConfusionCounts> {
    (cell(), cell(), cell(), cell())
        .prop_filter("at least one example", |&(a, b, c, d)| a + b + c + d > 0)
        .prop_map(|(tp, fn_, fp, tn)| ConfusionCounts::new(tp, fn_, fp, tn).unwrap())
}

fn report(c: &ConfusionCounts) -> Report {
    binary_report(c, &ReportOptions::default()).unwrap()
}

fn report_beta(c: &ConfusionCounts, beta: f64) -> Report {
    let options = ReportOptions {
        beta,
        ..ReportOptions::default()
    };
    binary_report(c, &options).unwrap()
}

/// The class labels exchanged: the old negatives are the new positives.
fn swapped(c: &ConfusionCounts) -> ConfusionCounts {
    ConfusionCounts::new(c.tn, c.fp, c.fn_, c.tp).unwrap()
}

fn close_rel(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// `a + b == c` up to a few rounding errors of values of order 1.
fn close_abs(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-15
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn rates_lie_in_unit_interval(c in counts()) {
        let r = report(&c);
        for &id in PROPORTION_IDS {
            if let Some(x) = r.metric(id) {
                prop_assert!((0.0..=1.0).contains(&x), "{} = {} for {:?}", id, x, c);
            }
        }
        for id in ["informedness", "markedness", "cohen_kappa"] {
            if let Some(x) = r.metric(id) {
                prop_assert!((-1.0..=1.0).contains(&x), "{} = {} for {:?}", id, x, c);
            }
        }
        for id in ["lr_plus", "lr_minus", "dor"] {
            if let Some(x) = r.metric(id) {
                prop_assert!(x >= 0.0 && x.is_finite(), "{} = {} for {:?}", id, x, c);
            }
        }
    }

    #[test]
    fn simple_ratios_are_null_exactly_when_their_denominator_is_zero(c in counts()) {
        let r = report(&c);
        let (tp, fn_, fp, tn) = (c.tp, c.fn_, c.fp, c.tn);
        for (id, den) in [
            ("precision", tp + fp),
            ("fdr", tp + fp),
            ("recall", tp + fn_),
            ("fnr", tp + fn_),
            ("specificity", tn + fp),
            ("fpr", tn + fp),
            ("npv", tn + fn_),
            ("false_omission_rate", tn + fn_),
            ("f1", 2 * tp + fp + fn_),
            ("jaccard", tp + fp + fn_),
            ("accuracy", c.n()),
        ] {
            prop_assert_eq!(r.metric(id).is_none(), den == 0, "{} for {:?}", id, c);
        }
    }

    #[test]
    fn f1_is_the_harmonic_mean_of_precision_and_recall(c in counts()) {
        let r = report(&c);
        if let (Some(p), Some(rec)) = (r.metric("precision"), r.metric("recall")) {
            if p > 0.0 && rec > 0.0 {
                let harmonic = 2.0 * p * rec / (p + rec);
                let f1 = r.metric("f1").unwrap();
                prop_assert!(close_rel(f1, harmonic, 1e-12), "f1 {} vs {} for {:?}", f1, harmonic, c);
            }
        }
    }

    #[test]
    fn fbeta_with_beta_one_is_f1(c in counts()) {
        let r = report(&c);
        let (f1, fbeta) = (r.metric("f1"), r.metric("fbeta"));
        prop_assert_eq!(f1.is_none(), fbeta.is_none(), "{:?}", c);
        if let (Some(f1), Some(fbeta)) = (f1, fbeta) {
            if c.n() <= MAX_COUNT {
                // Every sum is an exact integer in f64: the same single division.
                prop_assert_eq!(f1, fbeta, "{:?}", c);
            } else {
                prop_assert!(close_rel(f1, fbeta, 1e-15), "{} vs {} for {:?}", f1, fbeta, c);
            }
        }
    }

    #[test]
    fn fbeta_is_the_weighted_harmonic_mean(c in counts(), beta in 0.01f64..100.0) {
        let r = report_beta(&c, beta);
        if let (Some(p), Some(rec)) = (r.metric("precision"), r.metric("recall")) {
            if p > 0.0 && rec > 0.0 {
                let b2 = beta * beta;
                let expected = (1.0 + b2) * p * rec / (b2 * p + rec);
                let got = r.metric("fbeta").unwrap();
                prop_assert!(close_rel(got, expected, 1e-12), "fbeta({}) {} vs {} for {:?}", beta, got, expected, c);
            }
        }
    }

    #[test]
    fn complements_add_up_to_one(c in counts()) {
        let r = report(&c);
        let m = |id: &str| r.metric(id);
        let pairs = [
            ("accuracy", "error_rate"),
            ("specificity", "fpr"),
            ("recall", "fnr"),
            ("precision", "fdr"),
            ("npv", "false_omission_rate"),
        ];
        for (a, b) in pairs {
            prop_assert_eq!(m(a).is_none(), m(b).is_none(), "{} / {} for {:?}", a, b, c);
            if let (Some(x), Some(y)) = (m(a), m(b)) {
                prop_assert!(close_abs(x, 1.0 - y), "{} {} + {} {} != 1 for {:?}", a, x, b, y, c);
            }
        }
    }

    #[test]
    fn informedness_and_markedness(c in counts()) {
        let r = report(&c);
        let m = |id: &str| r.metric(id);
        match (m("recall"), m("specificity")) {
            (Some(rec), Some(spec)) => {
                let j = m("informedness").unwrap();
                prop_assert!(close_abs(j, rec + spec - 1.0), "{:?}", c);
                prop_assert!(close_abs(m("balanced_accuracy").unwrap(), (rec + spec) / 2.0), "{:?}", c);
            }
            _ => prop_assert!(m("informedness").is_none(), "{:?}", c),
        }
        match (m("precision"), m("npv")) {
            (Some(p), Some(npv)) => prop_assert!(close_abs(m("markedness").unwrap(), p + npv - 1.0), "{:?}", c),
            _ => prop_assert!(m("markedness").is_none(), "{:?}", c),
        }
    }

    #[test]
    fn swapping_the_classes(c in counts()) {
        let (r, s) = (report(&c), report(&swapped(&c)));
        // Symmetric in the two classes: unchanged, bit for bit.
        for id in ["accuracy", "error_rate", "mcc", "cohen_kappa", "balanced_accuracy", "no_information_rate"] {
            prop_assert_eq!(r.metric(id), s.metric(id), "{} for {:?}", id, c);
        }
        // Exchanged.
        for (a, b) in [
            ("precision", "npv"),
            ("recall", "specificity"),
            ("fdr", "false_omission_rate"),
            ("fpr", "fnr"),
        ] {
            prop_assert_eq!(r.metric(a), s.metric(b), "{} vs swapped {} for {:?}", a, b, c);
            prop_assert_eq!(r.metric(b), s.metric(a), "{} vs swapped {} for {:?}", b, a, c);
        }
        // The per-class table lists the same rows, the other way round.
        for (row, other) in r.per_class.iter().zip(s.per_class.iter().rev()) {
            prop_assert_eq!((row.precision, row.recall, row.f1, row.support),
                            (other.precision, other.recall, other.f1, other.support), "{:?}", c);
        }
        prop_assert_eq!(r.averages.macro_avg.recall, s.averages.macro_avg.recall, "{:?}", c);
    }

    #[test]
    fn per_class_row_one_is_the_binary_metrics(c in counts()) {
        let r = report(&c);
        let row = &r.per_class[1];
        prop_assert_eq!(&row.label, "1");
        prop_assert_eq!(row.precision, r.metric("precision"));
        prop_assert_eq!(row.recall, r.metric("recall"));
        prop_assert_eq!(row.f1, r.metric("f1"));
        prop_assert_eq!(row.support, c.tp + c.fn_);
        prop_assert_eq!(r.per_class[0].precision, r.metric("npv"));
        prop_assert_eq!(r.per_class[0].recall, r.metric("specificity"));
        prop_assert_eq!(r.averages.micro.f1, r.metric("accuracy").unwrap());
    }

    #[test]
    fn mcc_and_kappa_match_their_textbook_formulas(c in counts()) {
        let r = report(&c);
        let (tp, fn_, fp, tn) = (c.tp as f64, c.fn_ as f64, c.fp as f64, c.tn as f64);
        let product = (tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_);
        match r.metric("mcc") {
            None => prop_assert!(product == 0.0, "{:?}", c),
            Some(mcc) => {
                // Products of up to four 2^54 sums: fine in f64 (≤ 2^216).
                let textbook = (tp * tn - fp * fn_) / product.sqrt();
                // tp·tn − fp·fn cancels in f64 for huge counts, so compare absolutely.
                prop_assert!((mcc - textbook).abs() < 1e-9, "mcc {} vs {} for {:?}", mcc, textbook, c);
                prop_assert!(mcc.abs() <= 1.0 + 1e-15, "mcc {} for {:?}", mcc, c);
            }
        }
        // κ = 2(TP·TN − FN·FP) / ((TP+FP)(FP+TN) + (TP+FN)(FN+TN)).
        let den = (tp + fp) * (fp + tn) + (tp + fn_) * (fn_ + tn);
        match r.metric("cohen_kappa") {
            None => prop_assert!(den == 0.0, "{:?}", c),
            Some(kappa) => {
                let textbook = 2.0 * (tp * tn - fn_ * fp) / den;
                prop_assert!((kappa - textbook).abs() < 1e-9, "kappa {} vs {} for {:?}", kappa, textbook, c);
            }
        }
    }

    #[test]
    fn wilson_intervals_lie_in_unit_interval(c in counts()) {
        let r = report(&c);
        for (id, [lo, hi]) in wilson_intervals(&r) {
            prop_assert!(r.metric(id).is_some(), "{} has an interval but no value", id);
            prop_assert!(0.0 <= *lo && lo <= hi && *hi <= 1.0, "{} [{}, {}] for {:?}", id, lo, hi, c);
        }
        for id in ["accuracy", "precision", "recall", "specificity", "npv", "prevalence"] {
            prop_assert_eq!(r.metric(id).is_some(), r.intervals.get(id).is_some(), "{} for {:?}", id, c);
        }
    }

    /// F1 and MCC get bootstrap intervals (the only others besides Wilson's
    /// in a counts report): ordered, inside the metric's range, only when
    /// the metric is defined.
    #[test]
    fn bootstrap_intervals_lie_in_the_metric_range(c in counts()) {
        let r = report(&c);
        for (id, [lo, hi]) in &r.intervals.0 {
            let method = r.explanations.get(id).and_then(|e| e.interval_method.clone()).unwrap_or_default();
            if method.starts_with("Wilson") {
                continue;
            }
            prop_assert!(["f1", "mcc"].contains(&id.as_str()), "{} has {}", id, method);
            prop_assert!(method.contains("bootstrap stratified by true class"), "{}", method);
            prop_assert!(r.metric(id).is_some(), "{} has an interval but no value", id);
            let floor = if id == "mcc" { -1.0 } else { 0.0 };
            prop_assert!(floor <= *lo && lo <= hi && *hi <= 1.0, "{} [{}, {}] for {:?}", id, lo, hi, c);
        }
    }

    #[test]
    fn json_never_has_nan_or_infinity(c in counts(), beta in 0.01f64..100.0) {
        let r = report_beta(&c, beta);
        let text = r.to_json();
        let bare = json_outside_strings(&text);
        for bad in ["NaN", "nan", "inf", "Inf"] {
            prop_assert!(!bare.contains(bad), "{} in JSON for {:?}", bad, c);
        }
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for (id, x) in v["metrics"].as_object().unwrap() {
            prop_assert_eq!(x.is_null(), r.metric(id).is_none(), "{} for {:?}", id, c);
            prop_assert!(x.is_null() || x.as_f64().is_some_and(f64::is_finite), "{} = {} for {:?}", id, x, c);
        }
        for (id, pair) in v["intervals"].as_object().unwrap() {
            for end in pair.as_array().unwrap() {
                prop_assert!(end.as_f64().is_some_and(f64::is_finite), "interval {} for {:?}", id, c);
            }
        }
        if let Some(p) = r.significance.accuracy_p_value {
            prop_assert!((0.0..=1.0).contains(&p), "p {} for {:?}", p, c);
        }
    }
}

/// The intervals whose method is Wilson's (the proportions).
fn wilson_intervals(r: &Report) -> Vec<(&String, &[f64; 2])> {
    r.intervals
        .0
        .iter()
        .filter(|(id, _)| {
            r.explanations
                .get(id)
                .and_then(|e| e.interval_method.as_deref())
                == Some("Wilson score interval, 95%")
        })
        .map(|(id, iv)| (id, iv))
        .collect()
}

// Properties that once failed (defects since fixed in src/), kept so the
// defects stay fixed.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn wilson_intervals_contain_the_point_estimate(c in counts()) {
        let r = report(&c);
        for (id, [lo, hi]) in wilson_intervals(&r) {
            let x = r.metric(id).unwrap();
            prop_assert!(*lo <= x && x <= *hi, "{} = {} outside [{}, {}] for {:?}", id, x, lo, hi, c);
        }
    }

    #[test]
    fn mcc_lies_in_minus_one_to_one(c in counts()) {
        if let Some(mcc) = report(&c).metric("mcc") {
            prop_assert!((-1.0..=1.0).contains(&mcc), "mcc {} for {:?}", mcc, c);
        }
    }
}
