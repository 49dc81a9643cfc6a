//! DeLong's method for ROC AUC: the variance of one AUC, its 95% interval,
//! and the paired test of two models' AUCs on the same rows (DeLong, DeLong
//! & Clarke-Pearson, 1988), computed as Sun & Xu (2014) do in O(N log N).
//!
//! For `m` positives X and `n` negatives Y, the structural components are
//! `V10_i = (1/n) Σ_j ψ(X_i, Y_j)` per positive and
//! `V01_j = (1/m) Σ_i ψ(X_i, Y_j)` per negative, with `ψ(x, y)` = 1 if
//! `x > y`, ½ if `x = y`, 0 if `x < y` (a tie scores half, the midrank
//! rule). The AUC is `θ` = mean of V10 (= mean of V01);
//! `S10` and `S01` are the sample variances of V10 and V01 (divided by
//! `m − 1` and `n − 1`), and `var(θ) = S10/m + S01/n`. Two models' AUCs on
//! the same rows are correlated: their covariance is
//! `cov(V10ᵃ, V10ᵇ)/m + cov(V01ᵃ, V01ᵇ)/n`.
//!
//! Sun & Xu write `V10_i = (Tz_i − Tx_i)/n`, with `Tz` the midrank of
//! `X_i` among all scores and `Tx` its midrank among positives; that
//! difference is the number of negatives below `X_i` plus half of those tied
//! with it. So one sort of all rows gives every component: walking the tie
//! groups upward, a positive's component counts the negatives in lower
//! groups and half of its own group's, and a negative's counts the
//! positives in higher groups and half of its own group's.
//!
//! The results follow R's pROC: [`auc_interval`] is
//! `ci.auc(roc, method = "delong")`, [`paired_test`] is
//! `roc.test(roc1, roc2, method = "delong", paired = TRUE)`.
//!
//! ```
//! use fitcheck::metrics::delong::{auc_interval, paired_test};
//! // Positives 0.9, 0.6, 0.4; negatives 0.6, 0.3: of the 6 pairs the
//! // positive wins 4, ties 1 (0.6 = 0.6), loses 1 (0.4 < 0.6).
//! let truth = [true, true, true, false, false];
//! let a = auc_interval(&truth, &[0.9, 0.6, 0.4, 0.6, 0.3]).unwrap();
//! assert!((a.auc - 4.5 / 6.0).abs() < 1e-15);
//! assert!(a.low >= 0.0 && a.high <= 1.0 && a.low < a.auc && a.auc < a.high);
//! // The same model twice: no difference at all, so z = 0 and p = 1.
//! let s = [0.9, 0.6, 0.4, 0.6, 0.3];
//! let t = paired_test(&truth, &s, &s).unwrap();
//! assert_eq!((t.difference, t.z, t.p_value), (0.0, Ok(0.0), 1.0));
//! // One negative is too few for a variance: undefined, with the reason.
//! assert!(auc_interval(&[true, true, false], &[0.9, 0.5, 0.1]).is_err());
//! ```

use crate::metrics::divide::{MetricValue, Undefined};
use crate::metrics::intervals::z_value;
use statrs::distribution::{ContinuousCDF, Normal};

/// One model's AUC with DeLong's structural components.
#[derive(Debug, Clone, PartialEq)]
pub struct AucComponents {
    /// The AUC `θ`, the mean of [`Self::v10`].
    pub auc: f64,
    /// `V10_i` for each positive, in row order: the share of negatives it
    /// outscores, ties counted half.
    pub v10: Vec<f64>,
    /// `V01_j` for each negative, in row order: the share of positives that
    /// outscore it, ties counted half.
    pub v01: Vec<f64>,
}

/// One AUC, its DeLong variance and 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AucInterval {
    /// The AUC `θ`.
    pub auc: f64,
    /// DeLong's variance of `θ`: `S10/m + S01/n`.
    pub variance: f64,
    /// Lower end of the 95% interval, `θ − z·√var` clipped at 0.
    pub low: f64,
    /// Upper end of the 95% interval, `θ + z·√var` clipped at 1.
    pub high: f64,
}

/// DeLong's paired test of two models' AUCs on the same rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedTest {
    /// AUC of model a.
    pub auc_a: f64,
    /// AUC of model b.
    pub auc_b: f64,
    /// DeLong's variance of model a's AUC.
    pub variance_a: f64,
    /// DeLong's variance of model b's AUC.
    pub variance_b: f64,
    /// DeLong's covariance of the two AUCs.
    pub covariance: f64,
    /// `auc_a − auc_b`.
    pub difference: f64,
    /// The variance of the difference, `var_a + var_b − 2·cov`.
    pub difference_variance: f64,
    /// `difference / √difference_variance`. Zero when both are zero (two
    /// curves that rank every row alike), as pROC; undefined when the AUCs
    /// differ but the difference has no variance at all.
    pub z: MetricValue,
    /// Two-sided p-value `2·P(Z > |z|)`: 1 when `z` is 0, and 0 (pROC's
    /// limit) when `z` is undefined because the variance is zero.
    pub p_value: f64,
    /// Lower end of the 95% interval of the difference (not clipped, as pROC).
    pub difference_low: f64,
    /// Upper end of the 95% interval of the difference (not clipped, as pROC).
    pub difference_high: f64,
}

/// DeLong's AUC with its 95% interval, as pROC's
/// `ci.auc(roc, method = "delong")`; `is_positive[i]` is row `i`'s truth.
/// Scores must be finite. Undefined with fewer than 2 positives or 2
/// negatives, or when the lengths differ.
pub fn auc_interval(is_positive: &[bool], scores: &[f64]) -> Result<AucInterval, Undefined> {
    let c = AucComponents::new(is_positive, scores)?;
    let variance = c.variance();
    let half = z_value() * variance.sqrt();
    Ok(AucInterval {
        auc: c.auc,
        variance,
        low: (c.auc - half).max(0.0),
        high: (c.auc + half).min(1.0),
    })
}

/// DeLong's paired test of model a against model b scored on the same
/// rows, as pROC's `roc.test(method = "delong", paired = TRUE)`.
/// Scores must be finite. Undefined with fewer than 2 positives or 2
/// negatives, or when the lengths differ.
pub fn paired_test(
    is_positive: &[bool],
    scores_a: &[f64],
    scores_b: &[f64],
) -> Result<PairedTest, Undefined> {
    if scores_a.len() != scores_b.len() {
        return Err(Undefined(
            "the two models score different numbers of rows".into(),
        ));
    }
    let a = AucComponents::new(is_positive, scores_a)?;
    let b = AucComponents::new(is_positive, scores_b)?;
    let (variance_a, variance_b, covariance) = (a.variance(), b.variance(), a.covariance(&b));
    // The variance of the difference is taken from the differences of the
    // components rather than as var_a + var_b − 2·cov: the same number, but
    // never a rounding hair below zero, and exactly 0 for identical curves.
    let (d10, d01) = (difference_of(&a.v10, &b.v10), difference_of(&a.v01, &b.v01));
    let difference_variance = component_covariance(&d10, &d10) / d10.len() as f64
        + component_covariance(&d01, &d01) / d01.len() as f64;
    let difference = a.auc - b.auc;
    let sd = difference_variance.sqrt();
    let (z, p_value) = if sd > 0.0 {
        let z = difference / sd;
        // statrs' `sf` is 0.5·erfc(z/√2): it keeps its relative precision
        // far out in the tail, where 1 − cdf(z) would round to 0 (z ≳ 8.3).
        (Ok(z), (2.0 * Normal::standard().sf(z.abs())).min(1.0))
    } else if difference == 0.0 {
        (Ok(0.0), 1.0)
    } else {
        (
            Err(Undefined(
                "the two AUCs differ but their difference has no variance".into(),
            )),
            0.0,
        )
    };
    let half = z_value() * sd;
    Ok(PairedTest {
        auc_a: a.auc,
        auc_b: b.auc,
        variance_a,
        variance_b,
        covariance,
        difference,
        difference_variance,
        z,
        p_value,
        difference_low: difference - half,
        difference_high: difference + half,
    })
}

impl AucComponents {
    /// The components of one model's AUC from finite scores in O(N log N)
    /// (one sort of all rows). Undefined with fewer than 2 positives or 2
    /// negatives (DeLong's sample variances divide by `m − 1` and `n − 1`),
    /// or when the lengths differ.
    pub fn new(is_positive: &[bool], scores: &[f64]) -> Result<Self, Undefined> {
        if is_positive.len() != scores.len() {
            return Err(Undefined(
                "the truth and the scores have different numbers of rows".into(),
            ));
        }
        let m = is_positive.iter().filter(|&&p| p).count();
        let n = is_positive.len() - m;
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
        // Rows by ascending score; `total_cmp` is a total order, and ties are
        // then grouped by `==` (so -0.0 and 0.0 tie, as they compare equal).
        // Sorting (score, row) pairs, not row numbers compared through the
        // scores: the pairs sit together in memory, where an index sort
        // fetches two random scores per comparison (about 4× slower at 10
        // million rows).
        let mut keyed: Vec<(f64, u32)> = scores
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, i as u32))
            .collect();
        keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i as usize).collect();
        // Per row: the component's numerator, a whole or half count.
        let mut wins = vec![0.0; scores.len()];
        let (mut negatives_below, mut positives_below) = (0usize, 0usize);
        let mut start = 0;
        while start < order.len() {
            let first = scores[order[start]];
            let end = start
                + order[start..]
                    .iter()
                    .take_while(|&&r| scores[r] == first)
                    .count()
                    .max(1); // a NaN equals nothing, not even itself: a group of one
            let group = &order[start..end];
            let tied_positives = group.iter().filter(|&&r| is_positive[r]).count();
            let tied_negatives = group.len() - tied_positives;
            let positives_above = m - positives_below - tied_positives;
            for &r in group {
                wins[r] = if is_positive[r] {
                    negatives_below as f64 + tied_negatives as f64 / 2.0
                } else {
                    positives_above as f64 + tied_positives as f64 / 2.0
                };
            }
            negatives_below += tied_negatives;
            positives_below += tied_positives;
            start = end;
        }
        let (mf, nf) = (m as f64, n as f64);
        let mut v10 = Vec::with_capacity(m);
        let mut v01 = Vec::with_capacity(n);
        for (&p, &w) in is_positive.iter().zip(&wins) {
            if p {
                v10.push(w / nf);
            } else {
                v01.push(w / mf);
            }
        }
        let auc = v10.iter().sum::<f64>() / mf;
        Ok(AucComponents { auc, v10, v01 })
    }

    /// DeLong's variance of the AUC: `S10/m + S01/n`.
    pub fn variance(&self) -> f64 {
        self.covariance(self)
    }

    /// DeLong's covariance of this AUC and `other`'s, computed from the
    /// same rows: `cov(V10, V10')/m + cov(V01, V01')/n`.
    pub fn covariance(&self, other: &AucComponents) -> f64 {
        component_covariance(&self.v10, &other.v10) / self.v10.len() as f64
            + component_covariance(&self.v01, &other.v01) / self.v01.len() as f64
    }
}

/// Sample covariance of two equally long lists of at least 2 values
/// (divided by `len − 1`).
fn component_covariance(x: &[f64], y: &[f64]) -> f64 {
    let len = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / len, y.iter().sum::<f64>() / len);
    x.iter()
        .zip(y)
        .map(|(a, b)| (a - mx) * (b - my))
        .sum::<f64>()
        / (len - 1.0)
}

/// `x[i] − y[i]` for each `i`.
fn difference_of(x: &[f64], y: &[f64]) -> Vec<f64> {
    x.iter().zip(y).map(|(a, b)| a - b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, pair by pair: `ψ(x, y)` = 1, ½ or 0.
    fn psi(x: f64, y: f64) -> f64 {
        if x > y {
            1.0
        } else if x == y {
            0.5
        } else {
            0.0
        }
    }

    /// A second implementation: the O(m·n) components straight from the
    /// definition, for comparison with the one-sort version.
    fn naive_components(truth: &[bool], scores: &[f64]) -> AucComponents {
        let pos: Vec<f64> = (0..truth.len())
            .filter(|&i| truth[i])
            .map(|i| scores[i])
            .collect();
        let neg: Vec<f64> = (0..truth.len())
            .filter(|&i| !truth[i])
            .map(|i| scores[i])
            .collect();
        let v10: Vec<f64> = pos
            .iter()
            .map(|&x| neg.iter().map(|&y| psi(x, y)).sum::<f64>() / neg.len() as f64)
            .collect();
        let v01: Vec<f64> = neg
            .iter()
            .map(|&y| pos.iter().map(|&x| psi(x, y)).sum::<f64>() / pos.len() as f64)
            .collect();
        let auc = v10.iter().sum::<f64>() / pos.len() as f64;
        AucComponents { auc, v10, v01 }
    }

    /// The demo's seeded SplitMix64, so every run sees the same data.
    struct Rng(crate::input::demo::SplitMix64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0.next_u64() % n
        }
    }

    /// Rows with truth, and two models' scores on a coarse grid (many ties,
    /// within and across classes); model b copies a on about half the rows.
    fn random_rows(rng: &mut Rng, rows: usize) -> (Vec<bool>, Vec<f64>, Vec<f64>) {
        let levels = 2 + rng.below(20);
        let mut truth: Vec<bool> = (0..rows).map(|_| rng.below(100) < 40).collect();
        truth[0] = true;
        truth[1] = true;
        truth[2] = false;
        truth[3] = false;
        let a: Vec<f64> = truth
            .iter()
            .map(|&t| (rng.below(levels) + if t { rng.below(3) } else { 0 }) as f64 / 8.0)
            .collect();
        let b: Vec<f64> = a
            .iter()
            .map(|&x| {
                if rng.below(2) == 0 {
                    x
                } else {
                    rng.below(levels) as f64 / 8.0 - 0.0
                }
            })
            .collect();
        (truth, a, b)
    }

    fn close(got: f64, want: f64, tol: f64, what: &str) {
        assert!((got - want).abs() <= tol, "{what}: got {got}, want {want}");
    }

    #[test]
    fn one_sort_matches_the_pairwise_definition() {
        let mut rng = Rng(crate::input::demo::SplitMix64(2014));
        for round in 0..300 {
            let rows = if round % 10 == 0 {
                2000
            } else {
                4 + rng.below(60) as usize
            };
            let (truth, a, b) = random_rows(&mut rng, rows);
            let (fa, fb) = (
                AucComponents::new(&truth, &a).unwrap(),
                AucComponents::new(&truth, &b).unwrap(),
            );
            let (na, nb) = (naive_components(&truth, &a), naive_components(&truth, &b));
            // Each component is a half-count over a count: exactly equal.
            assert_eq!((&fa.v10, &fa.v01), (&na.v10, &na.v01), "round {round}");
            assert_eq!((&fb.v10, &fb.v01), (&nb.v10, &nb.v01), "round {round}");
            close(fa.auc, na.auc, 1e-12, "auc a");
            close(fa.variance(), na.variance(), 1e-12, "var a");
            close(fb.variance(), nb.variance(), 1e-12, "var b");
            close(fa.covariance(&fb), na.covariance(&nb), 1e-12, "cov");
            // The AUC is also the mean of V01.
            close(
                fa.v01.iter().sum::<f64>() / fa.v01.len() as f64,
                fa.auc,
                1e-12,
                "mean V01",
            );
            let t = paired_test(&truth, &a, &b).unwrap();
            let var_diff = na.variance() + nb.variance() - 2.0 * na.covariance(&nb);
            close(t.difference_variance, var_diff, 1e-12, "var of difference");
            close(t.covariance, na.covariance(&nb), 1e-12, "paired cov");
        }
    }

    #[test]
    fn negative_zero_ties_with_zero() {
        let truth = [true, true, false, false];
        let c = AucComponents::new(&truth, &[0.0, 1.0, -0.0, 0.5]).unwrap();
        assert_eq!((c.v10, c.v01), (vec![0.25, 1.0], vec![0.75, 0.5]));
    }

    /// pROC's documentation example, the aSAH data set shipped with pROC
    /// (data/aSAH.RData; 113 rows; positives = outcome "Poor"):
    /// `roc.test(roc(aSAH$outcome, aSAH$s100b), roc(aSAH$outcome, aSAH$wfns))`
    /// prints AUCs 0.7314 and 0.8237, Z = -2.209, p-value = 0.02718, and
    /// `ci.auc(roc(aSAH$outcome, aSAH$s100b))` prints 95% CI 0.6301-0.8326.
    /// The full-precision values come from the Python script below.
    const ASAH_OUTCOME: &str = "GGGGPPGPGGPGPPGGPGPPPGPGGGGGGGGGPGGPPGPPGGGGGGGGGPPGGGPGGGPGPGGPPPGPPGPPPPGGGPPGPGGGGGGPGGGGGGGGGGGGPPPPPPGGGPGGG";
    const ASAH_S100B: [f64; 113] = [
        0.13, 0.14, 0.1, 0.04, 0.13, 0.1, 0.47, 0.16, 0.18, 0.1, 0.12, 0.1, 0.44, 0.71, 0.04, 0.08,
        0.49, 0.04, 0.07, 0.33, 0.09, 0.09, 0.07, 0.11, 0.07, 0.17, 0.07, 0.11, 0.13, 0.19, 0.05,
        0.16, 0.41, 0.14, 0.34, 0.35, 0.48, 0.09, 0.96, 0.25, 0.5, 0.46, 0.16, 0.07, 0.43, 0.45,
        0.11, 0.08, 0.09, 0.86, 0.52, 0.08, 0.06, 0.13, 2.07, 0.1, 0.14, 0.15, 0.07, 0.06, 0.77,
        0.05, 0.09, 0.3, 0.03, 0.09, 0.04, 0.23, 0.7, 0.09, 0.27, 0.71, 0.08, 0.26, 0.08, 0.16,
        0.09, 0.13, 0.1, 0.08, 0.11, 0.33, 0.11, 0.28, 0.07, 0.1, 0.32, 0.22, 0.07, 0.05, 0.24,
        0.38, 0.1, 0.15, 0.08, 0.14, 0.1, 0.07, 0.04, 0.19, 0.56, 0.14, 0.58, 0.32, 0.82, 0.74,
        0.15, 0.47, 0.17, 0.44, 0.15, 0.5, 0.48,
    ];
    const ASAH_WFNS: &str = "11113254125255125225211112121134214541425511241125521251222151125214524414121421232421451154221113125225552445111";

    #[test]
    fn matches_proc_on_asah() {
        let truth: Vec<bool> = ASAH_OUTCOME.chars().map(|c| c == 'P').collect();
        let wfns: Vec<f64> = ASAH_WFNS
            .chars()
            .map(|c| f64::from(c.to_digit(10).unwrap()))
            .collect();
        assert_eq!((truth.len(), wfns.len()), (113, 113));
        assert_eq!(truth.iter().filter(|&&p| p).count(), 41);
        let t = paired_test(&truth, &ASAH_S100B, &wfns).unwrap();
        let ci = auc_interval(&truth, &ASAH_S100B).unwrap();
        // As pROC prints them.
        close(t.auc_a, 0.7314, 5e-5, "AUC s100b");
        close(t.auc_b, 0.8237, 5e-5, "AUC wfns");
        close(*t.z.as_ref().unwrap(), -2.209, 5e-4, "Z");
        close(t.p_value, 0.02718, 5e-6, "p");
        close(ci.low, 0.6301, 5e-5, "CI low");
        close(ci.high, 0.8326, 5e-5, "CI high");
        // In full, from the Python script.
        let want = [
            0.7313685636856369,
            0.8236788617886179,
            0.002668682457172438,
            0.0014699147088236266,
            0.0011961556737675448,
            -2.2089835914409073,
            0.02717578222918815,
            0.6301182117616226,
            0.8326189156096511,
        ];
        check_against(&t, &ci, &want, "aSAH");
    }

    fn check_against(t: &PairedTest, ci: &AucInterval, want: &[f64; 9], name: &str) {
        let got = [
            t.auc_a,
            t.auc_b,
            t.variance_a,
            t.variance_b,
            t.covariance,
            *t.z.as_ref().unwrap(),
            t.p_value,
            ci.low,
            ci.high,
        ];
        let names = [
            "auc a", "auc b", "var a", "var b", "cov", "z", "p", "CI low", "CI high",
        ];
        for ((g, w), what) in got.iter().zip(want).zip(names) {
            close(*g, *w, 1e-9, &format!("{name}: {what}"));
        }
        close(ci.auc, t.auc_a, 0.0, "the interval's AUC is model a's");
        close(
            ci.variance,
            t.variance_a,
            0.0,
            "the interval's variance is model a's",
        );
    }

    struct Case {
        truth: &'static str,
        a: &'static [f64],
        b: &'static [f64],
        /// auc a, auc b, var a, var b, cov, z, p, CI low and high of a.
        expected: [f64; 9],
    }

    /// Generated by this script, a direct O(m·n) DeLong from the 1988 paper
    /// (numpy 2, scipy 1), run in a venv:
    ///
    // # DeLong, DeLong & Clarke-Pearson (1988), directly: O(m·n) psi, numpy + scipy.
    // import numpy as np
    // from scipy.stats import norm
    //
    // def psi(x, y):
    //     return (x[:, None] > y[None, :]) + 0.5 * (x[:, None] == y[None, :])
    //
    // def delong(truth, a, b):
    //     t = np.asarray(truth, bool)
    //     out = []
    //     comps = []
    //     for s in (a, b):
    //         s = np.asarray(s, float)
    //         P = psi(s[t], s[~t])
    //         comps.append((P.mean(axis=1), P.mean(axis=0), P.mean()))
    //     m, n = t.sum(), (~t).sum()
    //     S10 = np.cov(np.vstack([comps[0][0], comps[1][0]]))
    //     S01 = np.cov(np.vstack([comps[0][1], comps[1][1]]))
    //     S = S10 / m + S01 / n
    //     d = comps[0][2] - comps[1][2]
    //     sd = np.sqrt(S[0, 0] + S[1, 1] - 2 * S[0, 1])
    //     z = d / sd
    //     p = 2 * norm.sf(abs(z))
    //     za = norm.ppf(0.975)
    //     lo, hi = comps[0][2] - za * np.sqrt(S[0, 0]), comps[0][2] + za * np.sqrt(S[0, 0])
    //     return [comps[0][2], comps[1][2], S[0, 0], S[1, 1], S[0, 1], z, p, max(lo, 0.0), min(hi, 1.0)]
    //
    // rng = np.random.default_rng(20261201)
    // for k in range(10):
    //     rows = int(rng.integers(6, 40))
    //     truth = rng.random(rows) < 0.45
    //     truth[:2] = True; truth[2:4] = False
    //     levels = int(rng.integers(3, 12))
    //     a = rng.integers(0, levels, rows) / 4 + truth * rng.integers(0, 2, rows) * 0.5
    //     b = np.where(rng.random(rows) < 0.5, a, rng.integers(0, levels, rows) / 4)
    //     r = delong(truth, a, b)
    //     print("    Case {")
    //     print("        truth: \"%s\"," % "".join("P" if x else "N" for x in truth))
    //     print("        a: &[%s]," % ", ".join(repr(float(x)) for x in a))
    //     print("        b: &[%s]," % ", ".join(repr(float(x)) for x in b))
    //     print("        expected: [%s]," % ", ".join(repr(float(x)) for x in r))
    //     print("    },")
    #[rustfmt::skip]
    const CASES: &[Case] = &[
    Case {
        truth: "PPNNPPNPNPPPNNPNNNPN",
        a: &[0.75, 1.5, 1.0, 0.5, 2.25, 1.0, 0.5, 0.75, 1.25, 1.5, 0.25, 1.5, 1.25, 1.25, 1.0, 0.75, 1.25, 0.5, 2.25, 0.5],
        b: &[1.5, 1.75, 1.0, 0.5, 2.25, 1.0, 0.5, 0.75, 1.25, 1.5, 0.0, 0.5, 1.25, 1.25, 0.25, 0.75, 1.25, 0.5, 2.25, 0.5],
        expected: [0.7, 0.62, 0.01611111111111111, 0.020355555555555557, 0.01138888888888889, 0.6837634587578273, 0.494124544409264, 0.45122264996796646, 0.9487773500320335],
    },
    Case {
        truth: "PPNNNNNNPNNPPNPP",
        a: &[1.25, 0.5, 0.5, 1.25, 1.5, 1.0, 0.0, 1.0, 1.25, 1.0, 0.5, 1.5, 0.5, 0.5, 0.0, 0.5],
        b: &[1.25, 0.5, 0.25, 1.25, 0.25, 1.0, 0.0, 1.25, 0.0, 0.25, 0.5, 1.5, 0.5, 0.5, 0.25, 1.5],
        expected: [0.5, 0.6190476190476191, 0.02502729486856471, 0.024129713613840597, 0.006023242630385486, -0.6179768057058307, 0.5365906280214302, 0.18993335775843168, 0.8100666422415683],
    },
    Case {
        truth: "PPNNNNPNNNNNNPPNPPNPNPPNNN",
        a: &[1.5, 1.0, 0.5, 0.0, 0.0, 0.25, 0.5, 0.5, 0.5, 0.75, 0.5, 0.25, 1.0, 0.25, 1.0, 0.75, 0.25, 1.0, 0.75, 0.75, 0.0, 1.5, 1.5, 0.0, 0.5, 0.5],
        b: &[1.5, 1.0, 1.0, 0.25, 0.5, 0.25, 0.75, 0.25, 0.5, 1.0, 0.5, 1.0, 0.75, 0.25, 0.0, 0.75, 0.25, 0.75, 0.0, 0.75, 0.0, 1.5, 0.25, 0.0, 0.25, 0.5],
        expected: [0.79375, 0.61875, 0.009809027777777778, 0.014513020833333331, 0.004805555555555556, 1.4428390023204596, 0.14906582939773305, 0.5996341163650482, 0.9878658836349518],
    },
    Case {
        truth: "PPNNPPNNPNN",
        a: &[0.5, 0.5, 0.5, 1.0, 1.0, 0.5, 1.0, 0.75, 0.75, 0.0, 1.0],
        b: &[0.0, 0.5, 1.0, 0.5, 1.0, 0.0, 1.0, 0.75, 0.0, 0.5, 0.25],
        expected: [0.38333333333333336, 0.23333333333333334, 0.03372222222222222, 0.029111111111111115, 0.012166666666666671, 0.7644707871564385, 0.4445867389117454, 0.023413164394493535, 0.7432535022721731],
    },
    Case {
        truth: "PPNNNNNPPN",
        a: &[0.75, 0.75, 0.25, 0.5, 0.0, 0.25, 0.0, 0.5, 0.75, 0.75],
        b: &[0.75, 0.0, 0.5, 0.5, 0.0, 0.5, 0.0, 0.5, 0.75, 0.75],
        expected: [0.875, 0.6458333333333334, 0.012152777777777776, 0.040451388888888884, 0.009201388888888887, 1.2391662499131655, 0.2152839365273641, 0.6589342799276572, 1.0],
    },
    Case {
        truth: "PPNNNPNNNPNPN",
        a: &[0.25, 0.5, 0.5, 0.25, 0.5, 0.75, 0.0, 0.5, 0.0, 0.5, 0.0, 0.25, 0.0],
        b: &[0.5, 0.5, 0.5, 0.0, 0.5, 0.75, 0.0, 0.5, 0.0, 0.25, 0.0, 0.0, 0.0],
        expected: [0.75, 0.7125, 0.018102678571428568, 0.021886160714285716, 0.0158203125, 0.41042563012190453, 0.681493748148174, 0.4862943036709203, 1.0],
    },
    Case {
        truth: "PPNNNNNPNNPPNNNNNNNPPPPNPPPNNPPNNPPNNP",
        a: &[1.0, 0.0, 0.5, 0.75, 1.75, 1.25, 0.25, 1.25, 0.0, 1.5, 1.25, 1.0, 0.5, 1.0, 1.0, 0.5, 0.75, 1.25, 0.75, 2.25, 1.25, 1.0, 0.75, 0.0, 1.5, 0.0, 0.5, 1.75, 1.0, 0.75, 1.75, 0.25, 0.25, 0.75, 1.75, 0.0, 0.25, 0.75],
        b: &[1.0, 1.0, 0.0, 0.75, 1.75, 0.5, 0.0, 1.25, 0.0, 0.5, 1.25, 1.0, 1.75, 1.0, 1.0, 0.5, 0.75, 1.25, 0.75, 2.25, 1.25, 1.0, 1.75, 1.0, 0.5, 0.0, 0.5, 1.5, 0.75, 1.0, 1.25, 1.25, 0.25, 0.0, 1.0, 0.0, 0.25, 0.75],
        expected: [0.6484593837535014, 0.6330532212885154, 0.008377517673736162, 0.008565975409771751, 0.004147565889100739, 0.16566377783655248, 0.8684215531954618, 0.46906627027560144, 0.8278524972314014],
    },
    Case {
        truth: "PPNNNNNNNNNPNPNNPNNNNPNPNPPPNPPP",
        a: &[1.0, 1.75, 1.25, 1.0, 1.0, 1.25, 0.5, 0.0, 0.75, 0.5, 0.5, 0.5, 0.25, 1.25, 0.75, 1.25, 0.0, 0.75, 0.5, 0.0, 0.5, 1.0, 0.0, 1.25, 0.0, 1.0, 0.25, 1.25, 0.25, 0.5, 0.75, 1.75],
        b: &[1.0, 1.75, 0.75, 0.0, 1.0, 1.25, 0.5, 0.0, 0.75, 0.5, 0.5, 1.25, 0.25, 1.25, 0.75, 0.5, 0.0, 0.75, 1.0, 0.0, 0.5, 1.25, 0.5, 1.25, 0.0, 0.75, 0.5, 1.0, 0.25, 0.5, 0.75, 1.75],
        expected: [0.6963562753036437, 0.7854251012145749, 0.009515672551044381, 0.007557628109513898, 0.006655552641595685, -1.452128519061156, 0.14646587345772044, 0.5051651032897497, 0.8875474473175378],
    },
    Case {
        truth: "PPNNNPNNPNNPNNNPPPNPNPNNPNPNNPNPN",
        a: &[0.75, 0.5, 0.25, 0.5, 0.75, 0.5, 0.75, 0.75, 0.75, 0.0, 0.0, 1.25, 0.25, 0.5, 0.0, 0.75, 1.25, 0.25, 0.0, 1.0, 0.75, 0.0, 0.0, 0.5, 0.75, 0.75, 0.0, 0.5, 0.25, 0.5, 0.0, 1.0, 0.0],
        b: &[0.5, 0.75, 0.25, 0.5, 0.75, 0.75, 0.75, 0.75, 0.0, 0.75, 0.0, 0.0, 0.5, 0.5, 0.75, 0.75, 0.25, 0.25, 0.0, 0.0, 0.5, 0.5, 0.5, 0.5, 0.75, 0.75, 0.0, 0.5, 0.25, 0.5, 0.75, 1.0, 0.5],
        expected: [0.7274436090225563, 0.4323308270676692, 0.008134159623079291, 0.011312139032756362, 0.0017774307322190185, 2.341027051861293, 0.01923077364866786, 0.5506752882379431, 0.9042119298071696],
    },
    Case {
        truth: "PPNNPPPNNPNNPNNNNPPPNP",
        a: &[0.5, 0.5, 0.5, 0.5, 0.5, 1.0, 0.0, 0.5, 0.0, 0.25, 0.5, 0.0, 0.5, 0.25, 0.25, 0.5, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5],
        b: &[0.5, 0.5, 0.0, 0.5, 0.5, 0.5, 0.0, 0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 0.5, 0.25, 0.0, 0.0, 0.5, 0.75, 0.0, 0.5, 0.5],
        expected: [0.6487603305785123, 0.5950413223140496, 0.010374974386995424, 0.012844068028140157, 0.006244450515675159, 0.5185913447151754, 0.6040457460853864, 0.44912306733990953, 0.8483975938171151],
    },
    ];

    #[test]
    fn matches_a_direct_python_delong() {
        for (k, case) in CASES.iter().enumerate() {
            let truth: Vec<bool> = case.truth.chars().map(|c| c == 'P').collect();
            let t = paired_test(&truth, case.a, case.b).unwrap();
            let ci = auc_interval(&truth, case.a).unwrap();
            check_against(&t, &ci, &case.expected, &format!("case {k}"));
        }
    }

    #[test]
    fn identical_models_give_z_zero_and_p_one() {
        let mut rng = Rng(crate::input::demo::SplitMix64(7));
        for rows in [4, 10, 500] {
            let (truth, a, _) = random_rows(&mut rng, rows);
            let t = paired_test(&truth, &a, &a).unwrap();
            assert_eq!((t.difference, t.difference_variance), (0.0, 0.0));
            assert_eq!((t.z, t.p_value), (Ok(0.0), 1.0));
            assert_eq!((t.difference_low, t.difference_high), (0.0, 0.0));
            assert_eq!(t.variance_a, t.covariance);
        }
    }

    #[test]
    fn a_difference_with_no_variance_has_no_z() {
        // a separates perfectly, b scores every row alike: AUCs 1 and ½,
        // every component differs by exactly ½. pROC says Z = Inf, p = 0.
        let truth = [true, true, false, false];
        let t = paired_test(&truth, &[0.9, 0.8, 0.2, 0.1], &[0.5; 4]).unwrap();
        assert_eq!((t.auc_a, t.auc_b, t.difference_variance), (1.0, 0.5, 0.0));
        assert_eq!(
            t.z,
            Err(Undefined(
                "the two AUCs differ but their difference has no variance".into()
            ))
        );
        assert_eq!(t.p_value, 0.0);
        assert_eq!((t.difference_low, t.difference_high), (0.5, 0.5));
    }

    #[test]
    fn the_interval_is_clipped_to_zero_and_one() {
        let truth = [true, true, true, false, false];
        let hi = auc_interval(&truth, &[0.9, 0.8, 0.3, 0.4, 0.1]).unwrap();
        assert_eq!(hi.high, 1.0);
        assert!(hi.auc + z_value() * hi.variance.sqrt() > 1.0);
        let lo = auc_interval(&truth, &[0.1, 0.2, 0.7, 0.6, 0.9]).unwrap();
        assert_eq!(lo.low, 0.0);
        assert!(lo.auc - z_value() * lo.variance.sqrt() < 0.0);
    }

    #[test]
    fn far_tail_p_values_stay_above_zero() {
        // 1000 rows, two near-perfect models that differ: |z| is large and
        // 1 − cdf(|z|) would be exactly 0; the erfc tail is not.
        let truth: Vec<bool> = (0..1000).map(|i| i % 2 == 0).collect();
        let a: Vec<f64> = (0..1000)
            .map(|i| if i % 2 == 0 { 1.0 } else { 0.0 })
            .collect();
        let b: Vec<f64> = (0..1000).map(|i| ((i * 7919) % 1000) as f64).collect();
        let t = paired_test(&truth, &a, &b).unwrap();
        let z = t.z.unwrap();
        assert!(z > 9.0, "z = {z}");
        assert!(1.0 - Normal::standard().cdf(z) == 0.0);
        assert!(t.p_value > 0.0 && t.p_value < 1e-18, "p = {}", t.p_value);
    }

    #[test]
    fn too_few_of_a_class_is_undefined_with_the_reason() {
        let one_positive = [true, false, false, false];
        let s = [0.9, 0.1, 0.2, 0.3];
        let why = Undefined("DeLong's variance needs at least 2 positives".into());
        assert_eq!(auc_interval(&one_positive, &s), Err(why.clone()));
        assert_eq!(paired_test(&one_positive, &s, &s), Err(why));
        assert_eq!(
            auc_interval(&[true, true, false], &[0.9, 0.8, 0.1]),
            Err(Undefined(
                "DeLong's variance needs at least 2 negatives".into()
            ))
        );
        assert!(paired_test(&one_positive, &s, &s[..3]).is_err());
        // Scores must be finite, but a NaN does not panic.
        assert!(auc_interval(&[true, true, false, false], &[f64::NAN, 0.5, 0.5, 0.1]).is_ok());
        assert!(auc_interval(&one_positive, &s[..3]).is_err());
    }
}
