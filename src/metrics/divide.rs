//! The one divide rule. A metric that is 0/0 (or n/0) is *undefined*, not
//! NaN and not a silent 0: [`divide`] returns an [`Undefined`] with the
//! reason, which the report shows as JSON `null`, the word "undefined" and
//! the reason (scikit-learn's `_prf_divide` with a warning, without the 0).
//! Where scikit-learn's averages count an undefined value as 0, the caller
//! says so with `.unwrap_or(0.0)` on [`share`] or [`ratio`], in plain sight.
//!
//! Every quotient whose denominator can be zero goes through [`ratio`]:
//! ```
//! use fitcheck::metrics::divide::{divide, ratio, share, Undefined};
//! assert_eq!(divide(85, 95, "no positive calls"), Ok(85.0 / 95.0));
//! assert_eq!(divide(0, 0, "no positive calls"), Err(Undefined("no positive calls".into())));
//! assert_eq!(share(3u64, 0u64), None);
//! assert_eq!(ratio(1.5, 0.0), None);
//! ```
//! Counts are converted to f64 once each and divided once, so results equal
//! numpy's `num / den` bit for bit (a non-zero count never becomes 0.0).

/// Why a metric has no value, as a sentence fragment for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undefined(pub String);

/// A metric's value, or why it has none.
pub type MetricValue = Result<f64, Undefined>;

/// `num / den`, or `None` when `den` is 0: the rule itself.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// `num / den` of two counts, or `None` when `den` is 0.
pub fn share(num: impl Into<u128>, den: impl Into<u128>) -> Option<f64> {
    ratio(num.into() as f64, den.into() as f64)
}

/// `num / den` of two counts, or undefined with `why` when `den` is 0.
pub fn divide(num: u128, den: u128, why: &str) -> MetricValue {
    share(num, den).ok_or_else(|| Undefined(why.to_string()))
}

/// `num / den` of two reals, or undefined with `why` when `den` is 0.
pub fn divide_reals(num: f64, den: f64, why: &str) -> MetricValue {
    ratio(num, den).ok_or_else(|| Undefined(why.to_string()))
}

/// The mean of `values`, or undefined with `why` when there are none.
pub fn mean(values: &[f64], why: &str) -> MetricValue {
    divide_reals(values.iter().sum::<f64>(), values.len() as f64, why)
}
