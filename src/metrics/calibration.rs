//! Calibration and score distributions: a reliability diagram (fraction of
//! positives per score bin against the mean score in it), log loss and
//! Brier score as scikit-learn defines them, and histograms of the scores
//! of positives and negatives.

use crate::metrics::divide::{divide_reals, MetricValue, Undefined};
use serde::Serialize;

/// Bins of the reliability diagram (as `calibration_curve(n_bins=10)`).
pub const CALIBRATION_BINS: usize = 10;

/// Bins of each score histogram.
pub const HISTOGRAM_BINS: usize = 40;

/// Expected calibration error above which scores are called poorly calibrated.
pub const POOR_CALIBRATION: f64 = 0.1;

/// One bin of the reliability diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationBin {
    /// Lower edge of the bin.
    pub low: f64,
    /// Upper edge of the bin.
    pub high: f64,
    /// Examples whose score falls in it.
    pub count: u64,
    /// Their mean score.
    pub mean_score: f64,
    /// The share of them that are positive.
    pub fraction_positive: f64,
}

/// The reliability diagram and its summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Non-empty bins, low to high.
    pub bins: Vec<CalibrationBin>,
    /// Expected calibration error: Σ (count/n)·|fraction positive − mean score|.
    pub ece: f64,
}

/// Score histograms of positives and negatives over the same bins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    /// Bin edges, `HISTOGRAM_BINS + 1` of them, from the lowest to the highest score.
    pub edges: Vec<f64>,
    /// Positives per bin.
    pub positives: Vec<u64>,
    /// Negatives per bin.
    pub negatives: Vec<u64>,
}

/// Labelled scores in either layout: one list with a flag per example, or
/// the scores of positives and of negatives apart (as the curve keeps them).
#[derive(Clone, Copy)]
pub enum Labelled<'a> {
    /// `is_positive[i]` says whether `scores[i]` belongs to a positive.
    Flags(&'a [bool], &'a [f64]),
    /// Scores of positives, then scores of negatives.
    Split(&'a [f64], &'a [f64]),
}

impl Labelled<'_> {
    fn len(&self) -> usize {
        match self {
            Labelled::Flags(_, s) => s.len(),
            Labelled::Split(p, n) => p.len() + n.len(),
        }
    }

    /// Calls `f(is_positive, score)` for every example, in order. A plain
    /// loop over each slice (not a boxed iterator): it runs once per
    /// example for every metric here, and inlines into tight loops.
    #[inline(always)]
    fn each(&self, mut f: impl FnMut(bool, f64)) {
        match *self {
            Labelled::Flags(y, s) => y.iter().zip(s).for_each(|(&y, &s)| f(y, s)),
            Labelled::Split(p, n) => {
                p.iter().for_each(|&s| f(true, s));
                n.iter().for_each(|&s| f(false, s));
            }
        }
    }

    fn all_probabilities(&self) -> bool {
        let probability = |s: &f64| (0.0..=1.0).contains(s);
        match *self {
            Labelled::Flags(_, s) => s.iter().all(probability),
            Labelled::Split(p, n) => p.iter().all(probability) && n.iter().all(probability),
        }
    }

    /// `Σ term(y, s)` over the examples in order ([`Neumaier`]). Runs of
    /// one score (sorted scores repeat a lot) reuse the last term: the same
    /// terms are added in the same order, so the sum is unchanged.
    fn sum_of(&self, term: impl Fn(bool, f64) -> f64) -> f64 {
        let mut total = Neumaier::default();
        let mut last: Option<(bool, u64, f64)> = None;
        self.each(|y, s| {
            let v = match last {
                Some((ly, bits, v)) if ly == y && bits == s.to_bits() => v,
                _ => {
                    let v = term(y, s);
                    last = Some((y, s.to_bits(), v));
                    v
                }
            };
            total.add(v);
        });
        total.value()
    }
}

/// Neumaier-compensated sum: close to the exact sum, as numpy's pairwise sum is.
#[derive(Default)]
struct Neumaier {
    total: f64,
    compensation: f64,
}

impl Neumaier {
    #[inline(always)]
    fn add(&mut self, v: f64) {
        let t = self.total + v;
        if self.total.abs() >= v.abs() {
            self.compensation += (self.total - t) + v;
        } else {
            self.compensation += (v - t) + self.total;
        }
        self.total = t;
    }

    fn value(&self) -> f64 {
        self.total + self.compensation
    }
}

const NO_EXAMPLES: &str = "there are no examples";
const NOT_PROBABILITIES: &str = "the scores are not probabilities (some lie outside [0, 1])";

/// Log loss as scikit-learn's `log_loss` for binary labels: the mean of
/// −ln(p) for positives and −ln(1 − p) for negatives, with p clipped to
/// [ε, 1 − ε] (ε = 2.2e-16). Undefined unless all scores lie in [0, 1].
pub fn log_loss(is_positive: &[bool], scores: &[f64]) -> MetricValue {
    log_loss_of(Labelled::Flags(is_positive, scores))
}

/// [`log_loss`] for either layout of labelled scores.
pub fn log_loss_of(data: Labelled) -> MetricValue {
    // With no examples every score is (vacuously) a probability, and the
    // mean below is 0/0: undefined because there are no examples.
    if !data.all_probabilities() {
        return Err(Undefined(NOT_PROBABILITIES.into()));
    }
    let eps = f64::EPSILON;
    let total = data.sum_of(|y, p| {
        let q = if y { p } else { 1.0 - p };
        -q.clamp(eps, 1.0 - eps).ln()
    });
    divide_reals(total, data.len() as f64, NO_EXAMPLES)
}

/// Brier score as scikit-learn's `brier_score_loss`: the mean of (y − p)².
/// Undefined unless all scores lie in [0, 1].
pub fn brier_score(is_positive: &[bool], scores: &[f64]) -> MetricValue {
    brier_score_of(Labelled::Flags(is_positive, scores))
}

/// [`brier_score`] for either layout of labelled scores.
pub fn brier_score_of(data: Labelled) -> MetricValue {
    // With no examples every score is (vacuously) a probability, and the
    // mean below is 0/0: undefined because there are no examples.
    if !data.all_probabilities() {
        return Err(Undefined(NOT_PROBABILITIES.into()));
    }
    let total = data.sum_of(|y, p| {
        let d = f64::from(u8::from(y)) - p;
        d * d
    });
    divide_reals(total, data.len() as f64, NO_EXAMPLES)
}

/// The reliability diagram over ten equal bins of [0, 1], binned exactly as
/// scikit-learn's `calibration_curve(strategy="uniform")`: the bin of a score
/// is the number of inner edges (0.1, 0.2, …, 0.9 as `i × 0.1`) strictly below
/// it, so a score on an edge goes to the lower bin.
/// `None` unless scores are probabilities.
pub fn calibration(is_positive: &[bool], scores: &[f64]) -> Option<Calibration> {
    calibration_of(Labelled::Flags(is_positive, scores))
}

/// [`calibration`] for either layout of labelled scores.
pub fn calibration_of(data: Labelled) -> Option<Calibration> {
    if data.len() == 0 || !data.all_probabilities() {
        return None;
    }
    let k = CALIBRATION_BINS;
    let mut counts = vec![0u64; k];
    let mut score_sums = vec![0.0f64; k];
    let mut positives = vec![0u64; k];
    // numpy.linspace(0, 1, k + 1) computes the edges as i × (1 / k).
    let step = 1.0 / k as f64;
    let inner: Vec<f64> = (1..k).map(|i| i as f64 * step).collect();
    // A run of one score (sorted scores repeat) falls in one bin: the bin
    // search is skipped for it; the sums get the same additions in order.
    let mut last: Option<(u64, usize)> = None;
    data.each(|y, s| {
        let bin = match last {
            Some((bits, bin)) if bits == s.to_bits() => bin,
            _ => {
                let bin = inner.partition_point(|&e| e < s);
                last = Some((s.to_bits(), bin));
                bin
            }
        };
        counts[bin] += 1;
        score_sums[bin] += s;
        positives[bin] += u64::from(y);
    });
    let n = data.len() as f64;
    let mut bins = Vec::new();
    let mut ece = 0.0;
    for b in 0..k {
        if counts[b] == 0 {
            continue;
        }
        let mean_score = score_sums[b] / counts[b] as f64;
        let fraction_positive = positives[b] as f64 / counts[b] as f64;
        ece += counts[b] as f64 / n * (fraction_positive - mean_score).abs();
        bins.push(CalibrationBin {
            low: b as f64 / k as f64,
            high: (b + 1) as f64 / k as f64,
            count: counts[b],
            mean_score,
            fraction_positive,
        });
    }
    Some(Calibration { bins, ece })
}

/// Histograms of positive and negative scores over equal bins spanning all scores.
pub fn histogram(is_positive: &[bool], scores: &[f64]) -> Option<Histogram> {
    histogram_of(Labelled::Flags(is_positive, scores))
}

/// [`histogram`] for either layout of labelled scores.
pub fn histogram_of(data: Labelled) -> Option<Histogram> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    data.each(|_, s| {
        lo = lo.min(s);
        hi = hi.max(s);
    });
    if !lo.is_finite() {
        return None;
    }
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    };
    let k = HISTOGRAM_BINS;
    let width = (hi - lo) / k as f64;
    let mut positives = vec![0u64; k];
    let mut negatives = vec![0u64; k];
    let mut last: Option<(u64, usize)> = None;
    data.each(|y, s| {
        let bin = match last {
            Some((bits, bin)) if bits == s.to_bits() => bin,
            _ => {
                let bin = (((s - lo) / width).floor() as usize).min(k - 1);
                last = Some((s.to_bits(), bin));
                bin
            }
        };
        if y {
            positives[bin] += 1;
        } else {
            negatives[bin] += 1;
        }
    });
    let edges = (0..=k)
        .map(|i| if i == k { hi } else { lo + width * i as f64 })
        .collect();
    Some(Histogram {
        edges,
        positives,
        negatives,
    })
}
