//! Bootstrap of ROC AUC and average precision without re-sorting.
//!
//! The rows are sorted once by each model's score (descending, ties grouped
//! by `==`). Each resample then draws *how many times* each row is taken:
//! stratified by class, the `m` positives are drawn `m` times uniformly with
//! replacement and the `n` negatives `n` times, counted into an index
//! histogram (the weights). One weighted pass over the sorted rows gives the
//! curve's cumulative weighted counts at each distinct score, from which
//! - ROC AUC is the trapezoid area of scikit-learn's `roc_auc_score` with
//!   `sample_weight` (a tie group is one step, so ties count ½), and
//! - average precision is scikit-learn's `average_precision_score` with
//!   `sample_weight`: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct scores.
//!
//! A weight of w is the same as the row written w times, so each resample's
//! statistic equals the unweighted statistic of the resampled rows. Two models
//! on the same rows share the weights (the rows stay paired). Cost per
//! resample: O(rows), with no sort.
//!
//! Rows are numbered canonically: positives `0..m` and negatives `m..m + n`,
//! each class in model A's descending score order, so A's pass reads the
//! weights in two sequential streams.

use super::{percentile_interval, BootInterval, Resampling};
use crate::metrics::curve::ScoreCurve;
use crate::metrics::divide::{MetricValue, Undefined};
use rand::RngExt;

/// Largest `rows × resamples` for which ROC AUC and average precision are
/// bootstrapped row by row (10,000 rows at the default 2,000 resamples, about
/// 0.2 s for one model natively, measured with `cargo bench --bench bootstrap`:
/// ~10 ns per row per resample, ~16 ns paired). Above it the intervals are
/// normal intervals whose variance is the first-order (delta-method)
/// variance of the same stratified bootstrap: DeLong's for ROC AUC, the
/// infinitesimal jackknife for average precision ([`super::normal`]).
/// Never fewer resamples: the method changes and says so.
pub const SCORE_BOOTSTRAP_MAX_WORK: u64 = 20_000_000;

/// How ROC AUC and average precision intervals are computed for a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreMethod {
    /// Stratified row bootstrap, percentile interval.
    Bootstrap,
    /// Normal interval with DeLong's (AUC) and the delta-method (AP) variance.
    Normal,
}

impl ScoreMethod {
    /// The method for `rows` rows at these resamples.
    pub fn for_rows(rows: usize, resampling: &Resampling) -> Self {
        if (rows as u64).saturating_mul(resampling.resamples as u64) <= SCORE_BOOTSTRAP_MAX_WORK {
            ScoreMethod::Bootstrap
        } else {
            ScoreMethod::Normal
        }
    }

    /// What is done, in words (for average precision, and for ROC AUC differences).
    pub fn text(self, resampling: &Resampling, paired: bool) -> String {
        match self {
            ScoreMethod::Bootstrap => format!(
                "{}bootstrap stratified by true class: {} resamples (seed {}), rows redrawn with replacement{} as index counts over the rows sorted once; 95% percentile interval",
                if paired { "paired " } else { "" },
                resampling.resamples,
                resampling.seed,
                if paired { " together for both models" } else { "" },
            ),
            ScoreMethod::Normal => format!(
                "normal 95% interval with the delta-method (infinitesimal jackknife) variance of the {}stratified bootstrap, used instead of {} resamples above {} rows × resamples{}",
                if paired { "paired " } else { "" },
                resampling.resamples,
                SCORE_BOOTSTRAP_MAX_WORK,
                if paired { "; for ROC AUC this is DeLong's paired interval" } else { "" },
            ),
        }
    }
}

/// ROC AUC and average precision intervals (of one model, or of B − A).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreIntervals {
    /// ROC AUC.
    pub roc_auc: Result<BootInterval, Undefined>,
    /// Average precision.
    pub average_precision: Result<BootInterval, Undefined>,
}

/// The bootstrap intervals of B − A from [`paired_score_bootstrap`].
pub type ScoreDeltas = ScoreIntervals;

/// One model's rows in descending score order, by canonical row number,
/// with the end (exclusive) of each group of tied scores.
#[derive(Debug, Clone)]
struct Ranking {
    order: Vec<u32>,
    ends: Vec<u32>,
}

impl Ranking {
    /// `order` sorted by `score_of` descending; ties grouped by `==`.
    fn new(mut order: Vec<u32>, score_of: impl Fn(u32) -> f64) -> Self {
        order.sort_unstable_by(|&i, &j| score_of(j).total_cmp(&score_of(i)));
        Self::grouped(order, score_of)
    }

    /// Groups an `order` already sorted by `score_of` descending.
    fn grouped(order: Vec<u32>, score_of: impl Fn(u32) -> f64) -> Self {
        let mut ends = Vec::new();
        for p in 1..order.len() {
            if score_of(order[p]) != score_of(order[p - 1]) {
                ends.push(p as u32);
            }
        }
        if !order.is_empty() {
            ends.push(order.len() as u32);
        }
        Ranking { order, ends }
    }

    /// ROC AUC and AP with row weights `w` (by canonical number; numbers
    /// below `m` are positives), for class weight totals `pos` and `neg`.
    /// AUC is `None` without both classes, AP without positives.
    fn weighted(&self, m: u32, w: &[u32], pos: u64, neg: u64) -> (Option<f64>, Option<f64>) {
        let (mut tp, mut fp) = (0u64, 0u64);
        // Twice the area in counts (Δfp · (tp + tp_prev)), exact in integers.
        let mut area2: u128 = 0;
        let mut ap = 0.0;
        let mut start = 0usize;
        for &end in &self.ends {
            let (tp0, fp0) = (tp, fp);
            for &id in &self.order[start..end as usize] {
                let wt = w[id as usize] as u64;
                if id < m {
                    tp += wt;
                } else {
                    fp += wt;
                }
            }
            start = end as usize;
            area2 += (fp - fp0) as u128 * (tp + tp0) as u128;
            if tp > tp0 {
                ap += (tp - tp0) as f64 * (tp as f64 / (tp + fp) as f64);
            }
        }
        let auc = (pos > 0 && neg > 0).then(|| area2 as f64 / (2.0 * pos as f64 * neg as f64));
        let ap = (pos > 0).then(|| ap / pos as f64);
        (auc, ap)
    }
}

/// Draws one stratified resample's weights: `m` draws among `0..m`, `n`
/// among `m..m + n`.
fn draw_weights<R: rand::Rng>(rng: &mut R, m: u32, n: u32, w: &mut [u32]) {
    w.fill(0);
    for _ in 0..m {
        w[rng.random_range(0..m) as usize] += 1;
    }
    for _ in 0..n {
        w[(m + rng.random_range(0..n)) as usize] += 1;
    }
}

/// Canonical numbering: positives then negatives, each in descending order
/// of `scores`. Returns the row of each canonical number and `m`.
fn canonical_rows(is_positive: &[bool], scores: &[f64]) -> (Vec<u32>, u32) {
    let mut pos: Vec<u32> = (0..is_positive.len() as u32)
        .filter(|&i| is_positive[i as usize])
        .collect();
    let mut neg: Vec<u32> = (0..is_positive.len() as u32)
        .filter(|&i| !is_positive[i as usize])
        .collect();
    let desc = |i: &u32, j: &u32| scores[*j as usize].total_cmp(&scores[*i as usize]);
    pos.sort_unstable_by(desc);
    neg.sort_unstable_by(desc);
    let m = pos.len() as u32;
    pos.extend(neg);
    (pos, m)
}

/// The full-data AUC and AP exactly as the report computes them (the curve).
fn full_data(pos_sorted: &[f64], neg_sorted: &[f64]) -> (MetricValue, MetricValue) {
    let curve = ScoreCurve::from_sorted(pos_sorted, neg_sorted);
    (curve.roc_auc(), curve.average_precision())
}

fn check_rows(is_positive: &[bool], scores: &[&[f64]]) -> Result<(), Undefined> {
    if scores.iter().any(|s| s.len() != is_positive.len()) {
        return Err(Undefined(
            "the truth and the scores have different numbers of rows".into(),
        ));
    }
    if is_positive.len() > u32::MAX as usize / 2 {
        return Err(Undefined("too many rows for the score bootstrap".into()));
    }
    Ok(())
}

/// The stratified bootstrap of one model's ROC AUC and average precision.
/// Scores must be finite.
pub fn score_bootstrap(
    is_positive: &[bool],
    scores: &[f64],
    resampling: &Resampling,
) -> ScoreIntervals {
    if let Err(e) = check_rows(is_positive, &[scores]) {
        return ScoreIntervals {
            roc_auc: Err(e.clone()),
            average_precision: Err(e),
        };
    }
    let (rows, m) = canonical_rows(is_positive, scores);
    let sorted: Vec<f64> = rows.iter().map(|&r| scores[r as usize]).collect();
    let (pos, neg) = sorted.split_at(m as usize);
    score_bootstrap_sorted(pos, neg, resampling)
}

/// [`score_bootstrap`] from the scores of positives and of negatives, each
/// sorted from highest to lowest (as a report keeps them): nothing is sorted.
pub fn score_bootstrap_sorted(pos: &[f64], neg: &[f64], resampling: &Resampling) -> ScoreIntervals {
    let (m, n) = (pos.len() as u32, neg.len() as u32);
    let score_of = |id: u32| {
        if id < m {
            pos[id as usize]
        } else {
            neg[(id - m) as usize]
        }
    };
    // Merge the two descending lists (positives first among equal scores:
    // the order inside a tie group does not matter).
    let mut order = Vec::with_capacity(pos.len() + neg.len());
    let (mut i, mut j) = (0u32, 0u32);
    while i < m || j < n {
        if j == n || (i < m && pos[i as usize] >= neg[j as usize]) {
            order.push(i);
            i += 1;
        } else {
            order.push(m + j);
            j += 1;
        }
    }
    let ranking = Ranking::grouped(order, score_of);
    let (auc, ap) = full_data(pos, neg);
    let mut draws_auc = Vec::with_capacity(resampling.resamples as usize);
    let mut draws_ap = Vec::with_capacity(resampling.resamples as usize);
    let mut w = vec![0u32; (m + n) as usize];
    let mut rng = resampling.rng();
    for _ in 0..resampling.resamples {
        draw_weights(&mut rng, m, n, &mut w);
        let (a, p) = ranking.weighted(m, &w, m as u64, n as u64);
        draws_auc.push(a);
        draws_ap.push(p);
    }
    ScoreIntervals {
        roc_auc: percentile_interval(auc, &mut draws_auc),
        average_precision: percentile_interval(ap, &mut draws_ap),
    }
}

/// The paired stratified bootstrap of B − A for ROC AUC and average
/// precision: both models' statistics from the same resampled rows.
/// Scores must be finite.
pub fn paired_score_bootstrap(
    is_positive: &[bool],
    score_a: &[f64],
    score_b: &[f64],
    resampling: &Resampling,
) -> ScoreDeltas {
    if let Err(e) = check_rows(is_positive, &[score_a, score_b]) {
        return ScoreIntervals {
            roc_auc: Err(e.clone()),
            average_precision: Err(e),
        };
    }
    let (rows, m) = canonical_rows(is_positive, score_a);
    let total = rows.len() as u32;
    let n = total - m;
    let a_of = |id: u32| score_a[rows[id as usize] as usize];
    let b_of = |id: u32| score_b[rows[id as usize] as usize];
    // A's order: the two classes merged (each already descending in A).
    let mut order_a: Vec<u32> = (0..total).collect();
    order_a.sort_unstable_by(|&i, &j| a_of(j).total_cmp(&a_of(i)));
    let rank_a = Ranking::grouped(order_a, a_of);
    let rank_b = Ranking::new((0..total).collect(), b_of);
    let sorted_class = |rank: &Ranking, f: &dyn Fn(u32) -> f64, positive: bool| -> Vec<f64> {
        rank.order
            .iter()
            .filter(|&&id| (id < m) == positive)
            .map(|&id| f(id))
            .collect()
    };
    let (auc_a, ap_a) = full_data(
        &sorted_class(&rank_a, &a_of, true),
        &sorted_class(&rank_a, &a_of, false),
    );
    let (auc_b, ap_b) = full_data(
        &sorted_class(&rank_b, &b_of, true),
        &sorted_class(&rank_b, &b_of, false),
    );
    let delta = |b: MetricValue, a: MetricValue| Ok(b? - a?);
    let mut draws_auc = Vec::with_capacity(resampling.resamples as usize);
    let mut draws_ap = Vec::with_capacity(resampling.resamples as usize);
    let mut w = vec![0u32; total as usize];
    let mut rng = resampling.rng();
    let diff = |b: Option<f64>, a: Option<f64>| Some(b? - a?);
    for _ in 0..resampling.resamples {
        draw_weights(&mut rng, m, n, &mut w);
        let (auc_a, ap_a) = rank_a.weighted(m, &w, m as u64, n as u64);
        let (auc_b, ap_b) = rank_b.weighted(m, &w, m as u64, n as u64);
        draws_auc.push(diff(auc_b, auc_a));
        draws_ap.push(diff(ap_b, ap_a));
    }
    ScoreIntervals {
        roc_auc: percentile_interval(delta(auc_b, auc_a), &mut draws_auc),
        average_precision: percentile_interval(delta(ap_b, ap_a), &mut draws_ap),
    }
}

/// The interval of one model's average precision from its curve, by the
/// method [`ScoreMethod::for_rows`] picks (for the bootstrap the sorted
/// scores are read back from the curve: each distinct score repeated as
/// often as it occurs in each class).
pub fn ap_interval(
    curve: &ScoreCurve,
    resampling: &Resampling,
) -> (Result<BootInterval, Undefined>, ScoreMethod) {
    let rows = (curve.positives + curve.negatives) as usize;
    let method = ScoreMethod::for_rows(rows, resampling);
    let interval = match method {
        ScoreMethod::Bootstrap => {
            let (mut pos, mut neg) = (Vec::new(), Vec::new());
            let (mut t0, mut f0) = (0, 0);
            for k in 0..curve.len() {
                let s = curve.thresholds[k];
                pos.extend(std::iter::repeat_n(s, (curve.tps[k] - t0) as usize));
                neg.extend(std::iter::repeat_n(s, (curve.fps[k] - f0) as usize));
                (t0, f0) = (curve.tps[k], curve.fps[k]);
            }
            score_bootstrap_sorted(&pos, &neg, resampling).average_precision
        }
        ScoreMethod::Normal => super::normal::ap_interval_from_curve(curve),
    };
    (interval, method)
}

/// The intervals of B − A for ROC AUC and average precision, by the method
/// [`ScoreMethod::for_rows`] picks: the paired bootstrap, or above the limit
/// DeLong's paired interval for ΔAUC (as pROC `roc.test`, sign turned to
/// B − A) and the paired delta method for ΔAP.
pub fn paired_score_intervals(
    is_positive: &[bool],
    score_a: &[f64],
    score_b: &[f64],
    resampling: &Resampling,
) -> (ScoreDeltas, ScoreMethod) {
    let method = ScoreMethod::for_rows(is_positive.len(), resampling);
    let deltas = match method {
        ScoreMethod::Bootstrap => paired_score_bootstrap(is_positive, score_a, score_b, resampling),
        ScoreMethod::Normal => ScoreIntervals {
            roc_auc: crate::metrics::delong::paired_test(is_positive, score_a, score_b).map(|t| {
                BootInterval {
                    estimate: t.auc_b - t.auc_a,
                    ci: [-t.difference_high, -t.difference_low],
                    undefined_resamples: 0,
                }
            }),
            average_precision: super::normal::paired_ap_interval(is_positive, score_a, score_b),
        },
    };
    (deltas, method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_weights_give_the_curve_values_with_ties() {
        // Positives 0.9, 0.6, 0.4; negatives 0.6, 0.3 (one tie across classes).
        let pos = [0.9, 0.6, 0.4];
        let neg = [0.6, 0.3];
        let r = score_bootstrap_sorted(
            &pos,
            &neg,
            &Resampling {
                resamples: 100,
                seed: 1,
            },
        );
        // AUC = 4.5/6. AP = (1·1 + 1·2/3 + 1·3/4)/3: at 0.9 tp 1 fp 0, at the
        // tie 0.6 tp 2 fp 1, at 0.4 tp 3 fp 1 (scikit-learn: 0.8055…).
        let auc = r.roc_auc.unwrap();
        assert_eq!(auc.estimate, 0.75);
        let ap = r.average_precision.unwrap();
        assert!((ap.estimate - (1.0 + 2.0 / 3.0 + 0.75) / 3.0).abs() < 1e-15);
        let ranking = Ranking::grouped(vec![0, 1, 3, 2, 4], |id| {
            [0.9, 0.6, 0.4, 0.6, 0.3][id as usize]
        });
        assert_eq!(ranking.ends, vec![1, 3, 4, 5]);
        let (a, p) = ranking.weighted(3, &[1; 5], 3, 2);
        assert_eq!(a, Some(0.75));
        assert!((p.unwrap() - ap.estimate).abs() < 1e-15);
        // Weights: row 0 (0.9, positive) twice, row 2 (0.4, positive) never:
        // positives 0.9, 0.9, 0.6 vs negatives 0.6, 0.3 → AUC (2+2+1.5+... )
        // pairs: 0.9>0.6, 0.9>0.3 (×2) = 4, 0.6 vs 0.6 = ½, 0.6 > 0.3 = 1 → 5.5/6.
        let (a, _) = ranking.weighted(3, &[2, 1, 0, 1, 1], 3, 2);
        assert_eq!(a, Some(5.5 / 6.0));
    }
}
