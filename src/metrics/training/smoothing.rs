//! TensorBoard's smoothing, exactly: `classicSmoothing` in TensorBoard's
//! `webapp/widgets/line_chart_v2/data_transformer.ts`, a debiased
//! exponential moving average over the points in order (step gaps ignored).
//!
//! Rules, as TensorBoard applies them:
//! - the weight `w` is clamped to [0, 1]; a non-finite weight counts as 0;
//! - a series whose values all equal the first (`==`, so a NaN first value
//!   never makes a series constant) is returned unchanged;
//! - otherwise, from `last = 0, n = 0`, each finite `y` gives
//!   `last = last·w + (1 − w)·y; n += 1; smoothed = last / (1 − wⁿ)`
//!   (no division at `w = 1`), and each non-finite `y` is passed through
//!   unchanged and not counted.
//!
//! ```
//! use fitcheck::metrics::training::smooth;
//! // w = 0.6: 0.4·1 / 0.4 = 1; (0.24 + 0) / 0.64 = 0.375; ...
//! let s = smooth(&[1.0, 0.0, 1.0, 0.0], 0.6);
//! assert!((s[1] - 0.375).abs() < 1e-12);
//! assert_eq!(smooth(&[3.0, 3.0], 0.9), vec![3.0, 3.0]);
//! ```

/// TensorBoard's default smoothing weight (its slider starts at 0.6).
pub const DEFAULT_SMOOTHING: f64 = 0.6;

/// The smoothed series, one value per input value (see the module doc for
/// the exact rules).
pub fn smooth(y: &[f64], weight: f64) -> Vec<f64> {
    let w = if weight.is_finite() {
        weight.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // TensorBoard compares with `==`: NaN != NaN, so a series starting with
    // NaN is not constant (and an empty series is returned as it is).
    if let Some(&first) = y.first() {
        if y.iter().all(|&v| v == first) {
            return y.to_vec();
        }
    }
    let mut last = 0.0;
    let mut count: i32 = 0;
    y.iter()
        .map(|&v| {
            if !v.is_finite() {
                return v;
            }
            last = last * w + (1.0 - w) * v;
            count = count.saturating_add(1);
            // Math.pow in JavaScript; powf is the same IEEE pow.
            let debias = if w == 1.0 {
                1.0
            } else {
                1.0 - w.powf(f64::from(count))
            };
            last / debias
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.is_nan() && y.is_nan()) || x == y || (x - y).abs() <= tol)
    }

    #[test]
    fn weight_one_keeps_the_zero_start_and_does_not_divide() {
        // last = last·1 + 0·y stays 0; TensorBoard divides by 1, not 0.
        assert_eq!(smooth(&[1.0, 2.0], 1.0), vec![0.0, 0.0]);
        assert_eq!(smooth(&[1.0, 2.0], 7.0), vec![0.0, 0.0]);
    }

    #[test]
    fn weight_zero_or_not_finite_returns_the_values() {
        assert!(close(&smooth(&[1.0, 2.0, 5.0], 0.0), &[1.0, 2.0, 5.0], 0.0));
        assert!(close(
            &smooth(&[1.0, 2.0, 5.0], f64::NAN),
            &[1.0, 2.0, 5.0],
            0.0
        ));
        assert!(close(
            &smooth(&[1.0, 2.0, 5.0], -3.0),
            &[1.0, 2.0, 5.0],
            0.0
        ));
    }

    #[test]
    fn nan_first_value_is_not_a_constant_series() {
        let s = smooth(&[f64::NAN, 2.0, 2.0], 0.5);
        assert!(s[0].is_nan());
        assert!(close(&s[1..], &[2.0, 2.0], 1e-15));
        assert!(smooth(&[], 0.6).is_empty());
    }
}
