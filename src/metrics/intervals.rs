//! Confidence intervals for proportions.
//!
//! Wilson score interval: unlike the normal (Wald) approximation it stays
//! inside [0, 1] and behaves sensibly at p = 0 or p = 1 and for small n.
//! Example: 85 of 100 → [0.7672, 0.9069] at 95%.

use statrs::distribution::{ContinuousCDF, Normal};

/// The confidence level of every interval fitcheck reports.
pub const CONFIDENCE: f64 = 0.95;

/// The method name shown next to intervals.
pub const METHOD: &str = "Wilson score interval, 95%";

/// The two-sided normal quantile for [`CONFIDENCE`] (≈ 1.959964).
pub fn z_value() -> f64 {
    // Normal::standard() cannot fail; the quantile is taken from statrs
    // rather than hard-coded so the level can change in one place.
    Normal::standard().inverse_cdf(1.0 - (1.0 - CONFIDENCE) / 2.0)
}

/// Wilson score interval for `successes` out of `trials`, or `None` when
/// there are no trials (the proportion itself is undefined then).
pub fn wilson(successes: u64, trials: u64) -> Option<(f64, f64)> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z = z_value();
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At p = 0 or 1 the interval ends exactly at the estimate; rounding
    // would otherwise leave it a hair inside (5.6e-17 instead of 0).
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if successes == trials {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    // With counts near 2^53 the estimate itself may round past an end.
    Some((low.min(p), high.max(p)))
}
