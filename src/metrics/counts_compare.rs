//! Two models' four counts on the same test set, without the rows: what the
//! counts allow about the paired test, and the unpaired differences.
//!
//! Paired bounds. Among the P positives A is right on TP_a and B on TP_b.
//! If `x` positives are right for both, `TP_a − x` are right for A only and
//! `TP_b − x` for B only, with max(0, TP_a + TP_b − P) ≤ x ≤ min(TP_a, TP_b).
//! So the discordant positives number at least |TP_a − TP_b| (x largest) and
//! at most min(TP_a + TP_b, 2P − TP_a − TP_b) (x smallest). The same holds
//! for the N negatives with TN_a and TN_b. The two classes are independent,
//! so the smallest (largest) total is the sum of the smallest (largest) per
//! class. `b − c` (A only − B only) is the same at every split: the
//! difference in correct examples. McNemar's test at each end uses
//! [`crate::metrics::mcnemar`].
//!
//! Unpaired differences (B − A) of accuracy, recall, specificity and
//! precision, with Newcombe's hybrid score interval (Newcombe 1998, Stat Med
//! 17:873–890, method 10) from the Wilson intervals of each proportion:
//! for δ = p_B − p_A, L = δ − √((p_B − l_B)² + (u_A − p_A)²) and
//! U = δ + √((u_B − p_B)² + (p_A − l_A)²). It ignores the pairing, so it is
//! wider than a paired interval would be.
//!
//! ```
//! use fitcheck::metrics::counts_compare::newcombe_difference;
//! // Newcombe (1998), Table II: 56/70 − 48/80 = 0.2000, 95% CI 0.0524 to 0.3339.
//! let (d, [lo, hi]) = newcombe_difference(56, 70, 48, 80).unwrap();
//! assert!((d - 0.2).abs() < 1e-12);
//! assert_eq!((format!("{lo:.4}"), format!("{hi:.4}")), ("0.0524".into(), "0.3339".into()));
//! ```

use crate::error::{Error, ErrorKind};
use crate::input::counts::ConfusionCounts;
use crate::metrics::divide::Undefined;
use crate::metrics::id::MetricId;
use crate::metrics::intervals::wilson;
use crate::metrics::mcnemar::McNemar;

/// The interval method of the unpaired differences, in words.
pub const UNPAIRED_METHOD: &str =
    "Newcombe hybrid score interval (Newcombe 1998, method 10) from Wilson intervals, 95%, unpaired";

/// One end of the range of discordant pairs the counts allow.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscordantEnd {
    /// Examples A gets right and B wrong (`b`).
    pub a_only: u64,
    /// Examples A gets wrong and B right (`c`).
    pub b_only: u64,
    /// McNemar's test on these discordant counts.
    pub mcnemar: McNemar,
}

/// The smallest and the largest number of discordant pairs consistent
/// with both sets of counts.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscordantRange {
    /// Fewest discordant pairs (the models agree as much as they can).
    pub min: DiscordantEnd,
    /// Most discordant pairs (the models disagree as much as they can).
    pub max: DiscordantEnd,
}

/// An unpaired difference B − A with its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct UnpairedDifference {
    /// A's value.
    pub a: f64,
    /// B's value.
    pub b: f64,
    /// `b − a`.
    pub delta: f64,
    /// Newcombe's hybrid score 95% interval of `delta`.
    pub ci: [f64; 2],
}

/// Checks both sets of counts describe the same test set (same positives
/// and negatives); the error says which differs and by how much.
pub fn same_test_set(a: &ConfusionCounts, b: &ConfusionCounts) -> Result<(), Error> {
    for (what, x, y) in [
        (
            "positives (TP + FN)",
            a.actual_positive(),
            b.actual_positive(),
        ),
        (
            "negatives (FP + TN)",
            a.actual_negative(),
            b.actual_negative(),
        ),
    ] {
        if x != y {
            return Err(Error::new(ErrorKind::InvalidOption {
                option: "counts_b",
                problem: format!(
                    "the two models must be counted on the same test set, but model A has {x} {what} and model B has {y}"
                ),
            }));
        }
    }
    Ok(())
}

/// Right for A only and for B only, at the most (`agree`) or least overlap,
/// among `total` examples of one class where A is right on `ra` and B on `rb`.
fn split(ra: u64, rb: u64, total: u64, agree: bool) -> (u64, u64) {
    let both = if agree {
        ra.min(rb)
    } else {
        (ra + rb).saturating_sub(total)
    };
    (ra - both, rb - both)
}

/// The range of discordant pairs, with McNemar's test at each end. An
/// error if the two sets of counts are not of the same test set.
pub fn discordant_range(
    a: &ConfusionCounts,
    b: &ConfusionCounts,
) -> Result<DiscordantRange, Error> {
    same_test_set(a, b)?;
    let end = |agree: bool| {
        let (bp, cp) = split(a.tp, b.tp, a.actual_positive(), agree);
        let (bn, cn) = split(a.tn, b.tn, a.actual_negative(), agree);
        let (b_count, c_count) = (bp + bn, cp + cn);
        // Counts within one test set: their sums fit in u64.
        let mcnemar = McNemar::from_discordant(b_count, c_count)
            .ok_or_else(|| Error::file("too many examples"))?;
        Ok::<_, Error>(DiscordantEnd {
            a_only: b_count,
            b_only: c_count,
            mcnemar,
        })
    };
    Ok(DiscordantRange {
        min: end(true)?,
        max: end(false)?,
    })
}

/// Newcombe's hybrid score interval for `x1/n1 − x2/n2`: the difference
/// and `[low, high]`; `None` when a denominator is 0.
pub fn newcombe_difference(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<(f64, [f64; 2])> {
    let (l1, u1) = wilson(x1, n1)?;
    let (l2, u2) = wilson(x2, n2)?;
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let d = p1 - p2;
    let low = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let high = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some((d, [low.max(-1.0), high.min(1.0)]))
}

/// The unpaired differences B − A of accuracy, recall, specificity and
/// precision, in that order; undefined where either model's value is 0/0.
/// The caller checks [`same_test_set`] first.
pub fn unpaired_differences(
    a: &ConfusionCounts,
    b: &ConfusionCounts,
) -> Vec<(MetricId, Result<UnpairedDifference, Undefined>)> {
    let parts = |c: &ConfusionCounts, id: MetricId| match id {
        MetricId::Accuracy => (c.tp + c.tn, c.n()),
        MetricId::Recall => (c.tp, c.actual_positive()),
        MetricId::Specificity => (c.tn, c.actual_negative()),
        _ => (c.tp, c.predicted_positive()),
    };
    [
        MetricId::Accuracy,
        MetricId::Recall,
        MetricId::Specificity,
        MetricId::Precision,
    ]
    .into_iter()
    .map(|id| {
        let ((xa, na), (xb, nb)) = (parts(a, id), parts(b, id));
        let why = || {
            Undefined(format!(
                "{} is 0/0 for {}",
                id.name(),
                if na == 0 { "model A" } else { "model B" }
            ))
        };
        let diff = newcombe_difference(xb, nb, xa, na)
            .map(|(delta, ci)| UnpairedDifference {
                a: xa as f64 / na as f64,
                b: xb as f64 / nb as f64,
                delta,
                ci,
            })
            .ok_or_else(why);
        (id, diff)
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(tp: u64, fn_: u64, fp: u64, tn: u64) -> ConfusionCounts {
        ConfusionCounts::new(tp, fn_, fp, tn).unwrap()
    }

    /// Newcombe (1998) Table II, method 10, to the 4 decimals printed there;
    /// the full values from the formula in Python (scipy's norm.ppf).
    #[test]
    fn newcombe_table_ii() {
        for (x1, n1, x2, n2, lo, hi) in [
            (56, 70, 48, 80, 0.052431472402365065, 0.333872654036906),
            (9, 10, 3, 10, 0.17052272393450302, 0.8090179735354881),
            (6, 7, 2, 7, 0.0582279274823122, 0.8062496375242277),
            (5, 56, 0, 29, -0.03813714790353688, 0.19256001385511162),
            (0, 10, 0, 20, -0.16112515805281938, 0.2775327998628892),
            (10, 10, 0, 20, 0.6790860371419147, 1.0),
        ] {
            let (_, ci) = newcombe_difference(x1, n1, x2, n2).unwrap();
            assert!(
                (ci[0] - lo).abs() < 1e-12 && (ci[1] - hi).abs() < 1e-12,
                "{ci:?}"
            );
        }
        assert_eq!(newcombe_difference(1, 0, 1, 2), None);
    }

    /// P = 100 positives, N = 100 negatives. A: TP 85, TN 90; B: TP 80, TN 95.
    /// Positives: both right at most min(85, 80) = 80 → A only 5, B only 0;
    /// at least 85 + 80 − 100 = 65 → A only 20, B only 15. Negatives: both
    /// right at most 90 → A only 0, B only 5; at least 85 → A only 5, B only 10.
    /// Min: b = 5, c = 5 (exact p 1); max: b = 25, c = 25.
    #[test]
    fn discordant_bounds_by_hand() {
        let a = counts(85, 15, 10, 90);
        let b = counts(80, 20, 5, 95);
        let r = discordant_range(&a, &b).unwrap();
        assert_eq!((r.min.a_only, r.min.b_only), (5, 5));
        assert_eq!((r.max.a_only, r.max.b_only), (25, 25));
        assert_eq!(r.min.mcnemar.exact_p, 1.0);
        // Unequal accuracy: A 175 right, B 160 right (TP 70, TN 90).
        // Positives: min A only 15, B only 0; max: both ≥ 55 → 30 and 15.
        // Negatives: min 0, 0; max both ≥ 80 → 10, 10. (b, c): (15, 0), (40, 25).
        let b = counts(70, 30, 10, 90);
        let r = discordant_range(&a, &b).unwrap();
        assert_eq!((r.min.a_only, r.min.b_only), (15, 0));
        assert_eq!((r.max.a_only, r.max.b_only), (40, 25));
        // (15, 0): exact p = 2·2⁻¹⁵ = 6.103515625e-5.
        assert!((r.min.mcnemar.exact_p - 6.103515625e-5).abs() < 1e-18);
        assert_eq!(
            r.min.mcnemar.exact_p,
            McNemar::from_discordant(15, 0).unwrap().exact_p
        );
    }

    #[test]
    fn different_test_sets_are_an_error() {
        let e = discordant_range(&counts(85, 15, 10, 90), &counts(85, 16, 10, 90)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "counts_b: the two models must be counted on the same test set, but model A has 100 positives (TP + FN) and model B has 101"
        );
    }

    #[test]
    fn unpaired_differences_by_hand() {
        // Accuracy: A (85 + 90)/200, B (80 + 95)/200: Δ = 0; recall 0.80 − 0.85.
        let a = counts(85, 15, 10, 90);
        let b = counts(80, 20, 5, 95);
        let d = unpaired_differences(&a, &b);
        assert_eq!(d[0].0, MetricId::Accuracy);
        let acc = d[0].1.as_ref().unwrap();
        assert_eq!((acc.a, acc.b), (0.875, 0.875));
        assert_eq!(acc.delta, 0.0);
        let rec = d[1].1.as_ref().unwrap();
        assert!((rec.delta + 0.05).abs() < 1e-15);
        let (_, ci) = newcombe_difference(80, 100, 85, 100).unwrap();
        assert_eq!(rec.ci, ci);
        // Precision of a model that calls nothing positive is 0/0.
        let none = counts(0, 100, 0, 100);
        let d = unpaired_differences(&none, &b);
        assert!(d[3].1.is_err());
    }
}
