//! Is accuracy better than always guessing the majority class?
//!
//! As R's caret (`confusionMatrix`) does: a one-sided exact binomial test of
//! the number of correct predictions against the no-information rate (the
//! share of the largest class): `P(X ≥ correct)` with `X ~ Binomial(n, NIR)`.
//!
//! The tail is summed term by term from an accurate probability mass
//! function (Loader's saddle-point form, as R's `dbinom`), which stays
//! precise where a continued fraction for the incomplete beta function
//! (statrs' `beta_reg`, capped at 140 steps) loses accuracy for large n.
//! When the spread `sqrt(n·p·q)` exceeds [`EXACT_SPREAD_LIMIT`] (billions of
//! examples) the sum would take too long, and a normal approximation with
//! continuity correction is used; its error there is below 1e-5.

use statrs::distribution::{ContinuousCDF, Normal};
use std::f64::consts::PI;

/// Largest `sqrt(n·p·q)` for which the tail is summed exactly.
pub const EXACT_SPREAD_LIMIT: f64 = 2.0e5;

/// One-sided exact binomial p-value that accuracy exceeds `rate`:
/// the probability of `correct` or more successes in `n` trials at `rate`.
///
/// Example: 200 examples, 175 correct, NIR 0.5 → about 3.3e-29.
/// Returns `None` if `n` is 0 or `rate` is outside [0, 1].
pub fn accuracy_above_rate_p_value(correct: u64, n: u64, rate: f64) -> Option<f64> {
    if n == 0 || correct > n || !(0.0..=1.0).contains(&rate) {
        return None;
    }
    let p = upper_tail(correct, n, rate);
    p.is_finite().then(|| p.clamp(0.0, 1.0))
}

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`.
pub fn upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 || p >= 1.0 {
        return 1.0;
    }
    if p <= 0.0 {
        return 0.0;
    }
    let q = 1.0 - p;
    let (nf, kf) = (n as f64, k as f64);
    let spread = (nf * p * q).sqrt();
    if spread > EXACT_SPREAD_LIMIT {
        // Subtract the mean first: k − 0.5 alone would round away the 0.5
        // at these magnitudes. `sf` keeps precision far in the tail.
        let z = ((kf - nf * p) - 0.5) / spread;
        return Normal::standard().sf(z);
    }
    let mean = nf * p;
    if kf > mean {
        // Sum upward from k: terms shrink geometrically past the mode.
        sum_terms(k, n, p, q, Direction::Up).0
    } else {
        // k is below the mean: 1 − P(X ≤ k − 1), summed downward.
        1.0 - sum_terms(k - 1, n, p, q, Direction::Down).0
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Up,
    Down,
}

/// Sums pmf(start), pmf(start ± 1), … until the terms no longer change the
/// sum; also gives how many terms were added.
///
/// It also stops at a term below the smallest normal number: far in a tail
/// (k 38 spreads below the mean at n = 5.6·10¹¹, found by the fuzzer) the
/// first term is subnormal, `sum · 1e-17` is 0, and multiplying a subnormal
/// by a ratio just under 1 rounds back to the same subnormal, so the loop
/// ran on for billions of terms (15 s) instead of stopping. Such terms
/// cannot change any p-value the report shows.
fn sum_terms(start: u64, n: u64, p: f64, q: f64, dir: Direction) -> (f64, u64) {
    let mut term = binomial_pmf(start, n, p, q);
    let mut sum = term;
    let mut terms = 1;
    let mut j = start;
    let ratio = p / q;
    loop {
        match dir {
            Direction::Up => {
                if j >= n {
                    break;
                }
                term *= (n - j) as f64 / (j + 1) as f64 * ratio;
                j += 1;
            }
            Direction::Down => {
                if j == 0 {
                    break;
                }
                term *= j as f64 / (n - j + 1) as f64 / ratio;
                j -= 1;
            }
        }
        sum += term;
        terms += 1;
        if term <= sum * 1e-17 || term < f64::MIN_POSITIVE {
            break;
        }
    }
    (sum, terms)
}

/// Binomial probability mass `P(X = x)`, Loader (2000) "Fast and accurate
/// computation of binomial probabilities", as in R's `dbinom_raw`.
pub fn binomial_pmf(x: u64, n: u64, p: f64, q: f64) -> f64 {
    let (xf, nf) = (x as f64, n as f64);
    if x == 0 {
        let lc = if p < 0.1 {
            -bd0(nf, nf * q) - nf * p
        } else {
            nf * q.ln()
        };
        return lc.exp();
    }
    if x == n {
        let lc = if q < 0.1 {
            -bd0(nf, nf * p) - nf * q
        } else {
            nf * p.ln()
        };
        return lc.exp();
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(xf, nf * p) - bd0(nf - xf, nf * q);
    // ln(2π·x·(n−x)/n), with n − x taken in integers: for x close to n,
    // 1 − x/n would round to 0 in floating point.
    let lf = (2.0 * PI).ln() + xf.ln() + ((n - x) as f64).ln() - nf.ln();
    (lc - 0.5 * lf).exp()
}

/// `ln(n!) − (n + ½)·ln(n) + n − ln(√(2π))`: the error of Stirling's formula.
fn stirlerr(n: u64) -> f64 {
    let nf = n as f64;
    if n <= 15 {
        // Exact through ln(n!) for small n (summing logs is accurate here).
        let ln_factorial: f64 = (2..=n).map(|i| (i as f64).ln()).sum();
        return ln_factorial - (nf + 0.5) * nf.ln() + nf - 0.5 * (2.0 * PI).ln();
    }
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    let nn = nf * nf;
    if n > 500 {
        (S0 - S1 / nn) / nf
    } else if n > 80 {
        (S0 - (S1 - S2 / nn) / nn) / nf
    } else if n > 35 {
        (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / nf
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / nf
    }
}

/// Deviance term `x·ln(x/np) + np − x`, computed stably when x ≈ np.
fn bd0(x: f64, np: f64) -> f64 {
    if (x - np).abs() < 0.1 * (x + np) {
        let mut v = (x - np) / (x + np);
        let mut s = (x - np) * v;
        if s.abs() < f64::MIN_POSITIVE {
            return s;
        }
        let mut ej = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            ej *= v;
            let s1 = s + ej / f64::from(2 * j + 1);
            if s1 == s {
                return s1;
            }
            s = s1;
        }
        return s;
    }
    x * (x / np).ln() + np - x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values from scipy.stats.binom.sf(k - 1, n, p) (Boost's ibeta).
    #[test]
    fn matches_scipy() {
        let cases = [
            (175, 200, 0.5, 3.2757389230972456e-29),
            (9800, 10000, 0.985, 0.9999633002106917),
            (2_000_001, 4_000_000, 0.5, 0.4998005288722656),
            (2_000_002, 4_000_000, 0.5, 0.499401586816269),
            (70_000_001, 100_000_000, 0.7, 0.4999622755844822),
            (3, 4, 0.5, 0.3125),
            (0, 4, 0.5, 1.0),
        ];
        for (k, n, p, want) in cases {
            let got = upper_tail(k, n, p);
            assert!(
                (got - want).abs() <= 1e-9 * want.max(1e-300),
                "k={k} n={n} p={p}: {got} vs {want}"
            );
        }
    }

    /// The fuzzer's counts (tp 555,555,555,554, fn 1,111,110, fp 861,615,896,
    /// tn 1): accuracy sits 38 spreads below the no-information rate, whose
    /// tail terms are subnormal. The sum stops within a few terms (it ran
    /// for billions, 15 s) and the p-value is 1.
    #[test]
    fn a_subnormal_tail_stops_at_once() {
        let (correct, n) = (555_555_555_555u64, 556_418_282_561u64);
        let rate = 555_556_666_664.0 / n as f64;
        let q = 1.0 - rate;
        let (sum, terms) = sum_terms(correct - 1, n, rate, q, Direction::Down);
        assert!(terms <= 2, "{terms} terms");
        assert!(sum < f64::MIN_POSITIVE, "{sum}");
        assert_eq!(accuracy_above_rate_p_value(correct, n, rate), Some(1.0));
    }

    #[test]
    fn pmf_sums_to_one() {
        for (n, p) in [(1u64, 0.3), (10, 0.5), (57, 0.9), (1000, 0.01)] {
            let total: f64 = (0..=n).map(|x| binomial_pmf(x, n, p, 1.0 - p)).sum();
            assert!((total - 1.0).abs() < 1e-12, "n={n} p={p}: {total}");
        }
    }
}
