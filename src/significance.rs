//! Is accuracy better than always guessing the majority class?
//!
//! As R's caret (`confusionMatrix`) does: a one-sided exact binomial test of
//! the number of correct predictions against the no-information rate (the
//! share of the largest class). `P(X ≥ correct)` with `X ~ Binomial(n, NIR)`.

use statrs::distribution::{Binomial, DiscreteCDF};

/// One-sided exact binomial p-value that accuracy exceeds `rate`:
/// the probability of `correct` or more successes in `n` trials at `rate`.
///
/// Example: 200 examples, 175 correct, NIR 0.5 → about 1e-29.
/// Returns `None` if `n` is 0 or `rate` is outside [0, 1].
pub fn accuracy_above_rate_p_value(correct: u64, n: u64, rate: f64) -> Option<f64> {
    if n == 0 || correct > n || !(0.0..=1.0).contains(&rate) {
        return None;
    }
    if correct == 0 {
        return Some(1.0);
    }
    let binomial = Binomial::new(rate, n).ok()?;
    // sf(k) = P(X > k), so P(X ≥ correct) = sf(correct − 1).
    let p = binomial.sf(correct - 1);
    p.is_finite().then_some(p.clamp(0.0, 1.0))
}
