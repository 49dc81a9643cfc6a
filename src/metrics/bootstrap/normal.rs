//! Normal intervals for ROC AUC and average precision when a row bootstrap
//! would cost too much (see [`super::scores::SCORE_BOOTSTRAP_MAX_WORK`]).
//!
//! Both are read from the sorted curve alone, in O(distinct scores), with no
//! copy of the rows:
//! - ROC AUC: DeLong's variance (as [`crate::metrics::delong::auc_interval`]
//!   and pROC's `ci.auc`), from the tie groups: every positive in group k has
//!   `V10 = (negatives below + ½ tied negatives)/n`, every negative
//!   `V01 = (positives above + ½ tied positives)/m`.
//! - Average precision: the nonparametric delta method (Efron's
//!   infinitesimal jackknife), i.e. the first-order variance of the same
//!   stratified bootstrap. With groups k in descending score, `dₖ`/`eₖ` the
//!   positives/negatives in group k and `Tₖ`/`Fₖ` the cumulative counts,
//!   AP = (1/m) Σₖ dₖ·h(Tₖ, Fₖ), h(T, F) = T/(T + F). The derivative of AP in
//!   the weight of one row is, for a positive in group g,
//!   `uₚ(g) = (h(T_g, F_g) + Σ_{k≥g} dₖ·Fₖ/(Tₖ+Fₖ)²)/m` (up to a constant), and
//!   for a negative `uₙ(g) = −Σ_{k≥g} dₖ·Tₖ/(Tₖ+Fₖ)²/m`. Resampling each class
//!   multinomially, var(AP*) ≈ m·Var₊(u) + n·Var₋(u) (population variances
//!   over the positive and the negative rows). The interval is
//!   AP ± z·√var, clipped to [0, 1].

use super::BootInterval;
use crate::metrics::curve::ScoreCurve;
use crate::metrics::divide::Undefined;
use crate::metrics::intervals::z_value;

/// DeLong's 95% interval of ROC AUC from the curve (pROC `ci.auc`).
/// Undefined with fewer than 2 positives or 2 negatives.
pub fn auc_interval_from_curve(curve: &ScoreCurve) -> Result<BootInterval, Undefined> {
    let (m, n) = (curve.positives, curve.negatives);
    if m < 2 {
        return Err(Undefined(
            "DeLong's variance needs at least 2 positives".into(),
        ));
    }
    if n < 2 {
        return Err(Undefined(
            "DeLong's variance needs at least 2 negatives".into(),
        ));
    }
    let auc = curve.roc_auc()?;
    let (mf, nf) = (m as f64, n as f64);
    let (mut s10, mut s01) = (0.0, 0.0);
    let (mut t0, mut f0) = (0u64, 0u64);
    for k in 0..curve.len() {
        let (t, f) = (curve.tps[k], curve.fps[k]);
        let (d, e) = ((t - t0) as f64, (f - f0) as f64);
        let v10 = ((n - f) as f64 + 0.5 * e) / nf;
        let v01 = (t0 as f64 + 0.5 * d) / mf;
        s10 += d * (v10 - auc) * (v10 - auc);
        s01 += e * (v01 - auc) * (v01 - auc);
        (t0, f0) = (t, f);
    }
    let variance = s10 / (mf - 1.0) / mf + s01 / (nf - 1.0) / nf;
    Ok(normal(auc, variance, 0.0, 1.0))
}

/// The delta-method 95% interval of average precision from the curve.
/// Undefined without positives.
pub fn ap_interval_from_curve(curve: &ScoreCurve) -> Result<BootInterval, Undefined> {
    let ap = curve.average_precision()?;
    let (m, n) = (curve.positives as f64, curve.negatives as f64);
    // Two backward passes: the class means of u, then the squared deviations
    // (no cancellation of large sums).
    let sums = |mean: Option<(f64, f64)>| {
        let (mut st, mut sf) = (0.0, 0.0);
        let (mut acc_p, mut acc_n) = (0.0, 0.0);
        for k in (0..curve.len()).rev() {
            let (t, f) = (curve.tps[k] as f64, curve.fps[k] as f64);
            let (t0, f0) = match k {
                0 => (0.0, 0.0),
                _ => (curve.tps[k - 1] as f64, curve.fps[k - 1] as f64),
            };
            let (d, e) = (t - t0, f - f0);
            let tf2 = (t + f) * (t + f);
            st += d * f / tf2;
            sf += d * t / tf2;
            let up = (t / (t + f) + st) / m;
            let un = -sf / m;
            match mean {
                None => {
                    acc_p += d * up;
                    acc_n += e * un;
                }
                Some((mp, mn)) => {
                    acc_p += d * (up - mp) * (up - mp);
                    acc_n += e * (un - mn) * (un - mn);
                }
            }
        }
        (acc_p, acc_n)
    };
    let (sp, sn) = sums(None);
    let mean = (sp / m, if n > 0.0 { sn / n } else { 0.0 });
    let (vp, vn) = sums(Some(mean));
    // m·(population variance) = sum of squared deviations.
    Ok(normal(ap, vp + vn, 0.0, 1.0))
}

/// Each row's AP influence `u` (see the module docs), in row order, for
/// the paired delta method. Scores must be finite.
fn ap_influence(is_positive: &[bool], scores: &[f64], m: f64) -> Vec<f64> {
    // (score, row) pairs sorted together: see `delong::AucComponents::new`.
    let mut keyed: Vec<(f64, u32)> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| (s, i as u32))
        .collect();
    keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
    // Tie groups: (end, T, F, d) with cumulative counts at the group's end.
    let mut groups: Vec<(usize, f64, f64, f64)> = Vec::new();
    let (mut t, mut f) = (0.0, 0.0);
    for (p, &row) in order.iter().enumerate() {
        if is_positive[row as usize] {
            t += 1.0;
        } else {
            f += 1.0;
        }
        let last = p + 1 == order.len() || scores[order[p + 1] as usize] != scores[row as usize];
        if last {
            let t_before = groups.last().map_or(0.0, |g| g.1);
            groups.push((p + 1, t, f, t - t_before));
        }
    }
    let mut u = vec![0.0; scores.len()];
    let (mut st, mut sf) = (0.0, 0.0);
    for (k, &(end, t, f, d)) in groups.iter().enumerate().rev() {
        let tf2 = (t + f) * (t + f);
        st += d * f / tf2;
        sf += d * t / tf2;
        let start = if k == 0 { 0 } else { groups[k - 1].0 };
        for &row in &order[start..end] {
            u[row as usize] = if is_positive[row as usize] {
                (t / (t + f) + st) / m
            } else {
                -sf / m
            };
        }
    }
    u
}

/// The delta-method 95% interval of AP(B) − AP(A) on the same rows:
/// var ≈ m·Var₊(u_B − u_A) + n·Var₋(u_B − u_A), clipped to [−1, 1].
/// Undefined without positives or when the lengths differ.
pub fn paired_ap_interval(
    is_positive: &[bool],
    score_a: &[f64],
    score_b: &[f64],
) -> Result<BootInterval, Undefined> {
    if score_a.len() != is_positive.len() || score_b.len() != is_positive.len() {
        return Err(Undefined(
            "the truth and the scores have different numbers of rows".into(),
        ));
    }
    let ap = |s: &[f64]| ScoreCurve::new(is_positive, s).average_precision();
    let estimate = ap(score_b)? - ap(score_a)?;
    let m = is_positive.iter().filter(|&&p| p).count() as f64;
    let ua = ap_influence(is_positive, score_a, m);
    let ub = ap_influence(is_positive, score_b, m);
    let mut variance = 0.0;
    for class in [true, false] {
        let diffs = || {
            is_positive
                .iter()
                .zip(ua.iter().zip(&ub))
                .filter(move |(&p, _)| p == class)
                .map(|(_, (a, b))| b - a)
        };
        let count = diffs().count() as f64;
        if count > 0.0 {
            let mean = diffs().sum::<f64>() / count;
            variance += diffs().map(|d| (d - mean) * (d - mean)).sum::<f64>();
        }
    }
    Ok(normal(estimate, variance, -1.0, 1.0))
}

/// `estimate ± z·√variance`, clipped to `[low, high]`.
pub(crate) fn normal(estimate: f64, variance: f64, low: f64, high: f64) -> BootInterval {
    let half = z_value() * variance.max(0.0).sqrt();
    BootInterval {
        estimate,
        ci: [(estimate - half).max(low), (estimate + half).min(high)],
        undefined_resamples: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::delong::auc_interval;

    #[test]
    fn curve_delong_equals_the_row_delong() {
        let truth = [true, true, true, false, false, true, false, false];
        let s = [0.9, 0.6, 0.4, 0.6, 0.3, 0.6, 0.1, 0.9];
        let want = auc_interval(&truth, &s).unwrap();
        let got = auc_interval_from_curve(&ScoreCurve::new(&truth, &s)).unwrap();
        assert!((got.estimate - want.auc).abs() < 1e-15);
        assert!((got.ci[0] - want.low).abs() < 1e-12, "{got:?} {want:?}");
        assert!((got.ci[1] - want.high).abs() < 1e-12);
        let one = ScoreCurve::new(&[true, false, false], &[0.5, 0.2, 0.1]);
        assert!(auc_interval_from_curve(&one).is_err());
    }

    #[test]
    fn row_influences_give_the_curve_variance() {
        // The per-row influences (paired path) and the grouped sums over the
        // curve (single-model path) must give the same variance.
        let truth = [true, false, true, false, false, true, false];
        let b = [0.9, 0.6, 0.4, 0.3, 0.6, 0.65, 0.1];
        let ub = ap_influence(&truth, &b, 3.0);
        let pos: Vec<f64> = ub
            .iter()
            .zip(&truth)
            .filter(|p| *p.1)
            .map(|p| *p.0)
            .collect();
        let neg: Vec<f64> = ub
            .iter()
            .zip(&truth)
            .filter(|p| !*p.1)
            .map(|p| *p.0)
            .collect();
        let ss = |v: &[f64]| {
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>()
        };
        let var = ss(&pos) + ss(&neg);
        let curve = ap_interval_from_curve(&ScoreCurve::new(&truth, &b)).unwrap();
        let half = z_value() * var.sqrt();
        assert!((curve.ci[0] - (curve.estimate - half)).abs() < 1e-12);
        // The paired interval of a model against itself is a point at 0.
        let same = paired_ap_interval(&truth, &b, &b).unwrap();
        assert_eq!((same.estimate, same.ci), (0.0, [0.0, 0.0]));
    }

    #[test]
    fn ap_delta_method_by_hand() {
        // Positives 0.9, 0.4; negative 0.6. Groups: (d,e) = (1,0) T1 F0,
        // (0,1) T1 F1, (1,0) T2 F1. AP = (1·1 + 1·2/3)/2 = 5/6.
        // Backward: k=3: st = 1/9, sf = 2/9, u₊ = (2/3 + 1/9)/2 = 7/18;
        // k=2: d=0, u₋ = −(2/9)/2 = −1/9; k=1: st = 1/9 + 0, sf = 2/9 + 1·1/1 = 11/9,
        // u₊ = (1 + 1/9)/2 = 5/9. Positives u = 5/9, 7/18: mean 17/36,
        // squared deviations 2·(1/12)² = 1/72; one negative: 0.
        let c = ScoreCurve::new(&[true, false, true], &[0.9, 0.6, 0.4]);
        let iv = ap_interval_from_curve(&c).unwrap();
        assert!((iv.estimate - 5.0 / 6.0).abs() < 1e-15);
        let half = z_value() * (1.0f64 / 72.0).sqrt();
        assert!((iv.ci[0] - (5.0 / 6.0 - half)).abs() < 1e-12, "{iv:?}");
        assert_eq!(iv.ci[1], 1.0);
    }
}
