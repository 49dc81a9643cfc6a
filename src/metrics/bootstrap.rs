//! Percentile bootstrap intervals, seeded so that the same data and the
//! same [`Resampling`] give the same interval on every platform (native and
//! wasm32 alike): the generator is xoshiro256++ seeded through SplitMix64
//! (`rand_xoshiro`), never the operating system's entropy.
//!
//! Two resampling schemes, both *stratified by true class* (each class keeps
//! its number of rows in every resample, so both classes are always present):
//! - [`matrix`]: confusion-matrix metrics (accuracy, F1, MCC, …) depend on the
//!   rows only through the counts of (truth, prediction) cells, so resampling
//!   rows is resampling those counts multinomially: per true class, its row
//!   count spread over its nonzero cells by sequential binomial draws. The
//!   cost is O(resamples × nonzero cells), whatever the number of rows.
//!   [`matrix::paired_matrix_bootstrap`] does this for two models on the same
//!   rows (cells of (truth, a, b) triples), [`matrix::matrix_bootstrap`] for
//!   one (from counts alone this is the parametric bootstrap of the counts).
//! - [`scores`]: ROC AUC and average precision need the ranking. The rows are
//!   sorted once; each resample draws how many times each row is taken (an
//!   index histogram, stratified by class) and makes one weighted pass over
//!   the sorted rows (scikit-learn's curve with `sample_weight`).
//!
//! The interval is the percentile interval: the estimate is the statistic on
//! the full data, and the ends are the 2.5% and 97.5% quantiles of the
//! resampled statistics (linear interpolation between order statistics, as
//! numpy's default `percentile`). Resamples where the statistic is undefined
//! (e.g. MCC when a resample predicts one class only) are left out and
//! counted in [`BootInterval::undefined_resamples`]; when fewer than half of
//! the resamples are defined, the interval is [`Undefined`].
//!
//! ```
//! use fitcheck::metrics::bootstrap::{matrix::matrix_bootstrap, Resampling};
//! // Accuracy of a 2×2 matrix: 90 of 100 negatives and 85 of 100 positives right.
//! let m = vec![vec![90, 10], vec![15, 85]];
//! let accuracy = |m: &[Vec<u64>]| Some((m[0][0] + m[1][1]) as f64 / 200.0);
//! let r = Resampling::default();
//! let iv = matrix_bootstrap(&m, &r, &[&accuracy]).remove(0).unwrap();
//! assert_eq!(iv.estimate, 0.875);
//! assert!(iv.ci[0] < 0.875 && 0.875 < iv.ci[1]);
//! // The same seed gives the same interval.
//! assert_eq!(matrix_bootstrap(&m, &r, &[&accuracy]).remove(0).unwrap(), iv);
//! ```

pub mod matrix;
pub mod normal;
pub mod scores;

use crate::metrics::divide::Undefined;
use crate::metrics::intervals::CONFIDENCE;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// Resamples drawn when the user does not say.
pub const DEFAULT_RESAMPLES: u32 = 2000;

/// Seed used when the user does not say: the same file gives the same interval.
pub const DEFAULT_SEED: u64 = 42;

/// Fewest resamples accepted (a 95% percentile interval needs a few dozen).
pub const MIN_RESAMPLES: u32 = 100;

/// Most resamples accepted (20 times the default).
pub const MAX_RESAMPLES: u32 = 40_000;

/// How many resamples to draw, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Resampling {
    /// Number of bootstrap resamples.
    pub resamples: u32,
    /// Seed of the random numbers.
    pub seed: u64,
}

impl Default for Resampling {
    fn default() -> Self {
        Resampling {
            resamples: DEFAULT_RESAMPLES,
            seed: DEFAULT_SEED,
        }
    }
}

impl Resampling {
    /// The seeded generator: xoshiro256++ whose state SplitMix64 expands
    /// from the seed (fixed by `rand_xoshiro`, identical on every platform).
    pub(crate) fn rng(&self) -> Xoshiro256PlusPlus {
        Xoshiro256PlusPlus::seed_from_u64(self.seed)
    }
}

/// A percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct BootInterval {
    /// The statistic on the full data.
    pub estimate: f64,
    /// The 95% percentile interval `[low, high]` over the defined resamples.
    pub ci: [f64; 2],
    /// Resamples in which the statistic was undefined (left out).
    pub undefined_resamples: u32,
}

/// Why an interval is undefined when most resamples are.
const MOSTLY_UNDEFINED: &str =
    "the statistic is undefined in most bootstrap resamples, so it has no interval";

/// The percentile interval of `draws` (one entry per resample, `None` where
/// the statistic was undefined) around the full-data `estimate`.
pub(crate) fn percentile_interval(
    estimate: Result<f64, Undefined>,
    draws: &mut Vec<Option<f64>>,
) -> Result<BootInterval, Undefined> {
    let estimate = estimate?;
    let total = draws.len();
    let mut defined: Vec<f64> = draws
        .drain(..)
        .flatten()
        .filter(|x| x.is_finite())
        .collect();
    let undefined_resamples = (total - defined.len()) as u32;
    if defined.is_empty() || 2 * defined.len() < total {
        return Err(Undefined(MOSTLY_UNDEFINED.into()));
    }
    defined.sort_unstable_by(f64::total_cmp);
    let tail = (1.0 - CONFIDENCE) / 2.0;
    Ok(BootInterval {
        estimate,
        ci: [quantile(&defined, tail), quantile(&defined, 1.0 - tail)],
        undefined_resamples,
    })
}

/// The `q` quantile of sorted values, linear between order statistics
/// (numpy's default, Hyndman & Fan type 7): position `q·(len − 1)`.
pub(crate) fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = q * (sorted.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Describes the resampling done by [`matrix`] functions, for reports.
pub fn matrix_method_text(r: &Resampling, paired: bool) -> String {
    format!(
        "{} bootstrap stratified by true class: {} resamples (seed {}), each true class's rows redrawn with replacement{}, via multinomial counts of its confusion cells; {}% percentile interval",
        if paired { "paired" } else { "" }.trim_start(),
        r.resamples,
        r.seed,
        if paired { " together for both models" } else { "" },
        (CONFIDENCE * 100.0).round()
    )
    .trim_start()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_numpy_percentile() {
        // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) = [1.1, 9.4]
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert!((quantile(&v, 0.025) - 1.1).abs() < 1e-12);
        assert!((quantile(&v, 0.975) - 9.4).abs() < 1e-12);
        assert_eq!(quantile(&[5.0], 0.5), 5.0);
    }

    #[test]
    fn mostly_undefined_resamples_give_no_interval() {
        let mut draws = vec![Some(1.0), None, None];
        assert!(percentile_interval(Ok(1.0), &mut draws).is_err());
        let mut draws = vec![Some(1.0), Some(3.0), None];
        let iv = percentile_interval(Ok(2.0), &mut draws).unwrap();
        assert_eq!((iv.ci, iv.undefined_resamples), ([1.05, 2.95], 1));
        let why = Undefined("no positives".into());
        assert_eq!(
            percentile_interval(Err(why.clone()), &mut vec![Some(1.0)]),
            Err(why)
        );
    }

    #[test]
    fn method_texts_say_what_is_done() {
        let r = Resampling::default();
        assert_eq!(
            matrix_method_text(&r, true),
            "paired bootstrap stratified by true class: 2000 resamples (seed 42), each true class's rows redrawn with replacement together for both models, via multinomial counts of its confusion cells; 95% percentile interval"
        );
        assert!(matrix_method_text(&r, false).starts_with("bootstrap stratified"));
    }
}
