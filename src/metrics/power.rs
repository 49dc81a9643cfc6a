//! Power and sample size of McNemar's test (Connor 1987, Biometrics
//! 43:207–211): how many paired examples are needed to detect a difference
//! in accuracy, and the smallest difference this many examples can detect.
//!
//! With ψ = p₁₀ + p₀₁ the share of discordant examples (one model right, the
//! other wrong) and δ = p₀₁ − p₁₀ the difference in accuracy (B − A), a
//! two-sided test at level α with power 1 − β needs
//!
//! n = [z₁₋α/₂·√ψ + z₁₋β·√(ψ − δ²)]² / δ².
//!
//! ```
//! use fitcheck::metrics::power::{detectable_difference, examples_needed, DEFAULT_ALPHA, DEFAULT_POWER};
//! // 10% of examples discordant, a 5-point gain: 311.59 → 312 examples.
//! let n = examples_needed(0.1, 0.05, DEFAULT_ALPHA, DEFAULT_POWER).unwrap();
//! assert!((n - 311.5868751756675).abs() < 1e-9);
//! // And back: with 311.59 examples, the detectable gain is 0.05.
//! let d = detectable_difference(n, 0.1, DEFAULT_ALPHA, DEFAULT_POWER).unwrap();
//! assert!((d - 0.05).abs() < 1e-12);
//! ```

use crate::metrics::divide::Undefined;
use statrs::distribution::{ContinuousCDF, Normal};

/// Level of the two-sided test (5%).
pub const DEFAULT_ALPHA: f64 = 0.05;

/// Power to detect the difference (80%).
pub const DEFAULT_POWER: f64 = 0.8;

/// The method in words, for reports.
pub const METHOD: &str =
    "McNemar's test, sample size by Connor (1987), two-sided α = 0.05, 80% power";

fn quantiles(alpha: f64, power: f64) -> Result<(f64, f64), Undefined> {
    if !(alpha > 0.0 && alpha < 1.0 && power > 0.0 && power < 1.0) {
        return Err(Undefined(
            "the level and the power must lie strictly between 0 and 1".into(),
        ));
    }
    let z = Normal::standard();
    Ok((z.inverse_cdf(1.0 - alpha / 2.0), z.inverse_cdf(power)))
}

fn check_psi(psi: f64) -> Result<(), Undefined> {
    if psi.is_nan() || psi <= 0.0 {
        return Err(Undefined(
            "the two models never disagree (no discordant examples), so there is no difference McNemar's test could detect".into(),
        ));
    }
    if psi > 1.0 {
        return Err(Undefined("the discordant share cannot exceed 1".into()));
    }
    Ok(())
}

/// Examples needed (not rounded) to detect a difference `delta` in
/// accuracy when a share `psi` of examples is discordant (Connor 1987).
/// Undefined when ψ is 0, δ is 0, or |δ| > ψ (impossible: the difference
/// is made of discordant examples).
pub fn examples_needed(psi: f64, delta: f64, alpha: f64, power: f64) -> Result<f64, Undefined> {
    check_psi(psi)?;
    let (za, zb) = quantiles(alpha, power)?;
    let d = delta.abs();
    if d.is_nan() || d == 0.0 {
        return Err(Undefined(
            "a difference of 0 cannot be detected by any number of examples".into(),
        ));
    }
    if d > psi {
        return Err(Undefined(
            "the difference is larger than the share of discordant examples, which is impossible"
                .into(),
        ));
    }
    let root = za * psi.sqrt() + zb * (psi - d * d).max(0.0).sqrt();
    Ok(root * root / (d * d))
}

/// The smallest difference in accuracy that `n` examples detect with this
/// level and power when a share `psi` is discordant: Connor's formula
/// solved for δ by bisection (it falls as δ grows). Undefined when ψ is 0,
/// or when even δ = ψ (every discordant example favouring one model) needs
/// more than `n` examples.
pub fn detectable_difference(n: f64, psi: f64, alpha: f64, power: f64) -> Result<f64, Undefined> {
    check_psi(psi)?;
    let needed = |d: f64| examples_needed(psi, d, alpha, power);
    if n.is_nan() || n <= 0.0 || needed(psi)? > n {
        return Err(Undefined(format!(
            "{} examples are too few: even if every discordant example favoured one model, the test would not reach the power",
            crate::format::plain(n)
        )));
    }
    // needed(δ) falls from +∞ (δ → 0) to needed(ψ) ≤ n.
    let (mut lo, mut hi) = (0.0, psi);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if needed(mid)? > n {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from Python (scipy 1.17): z = norm.ppf(0.975), norm.ppf(0.8),
    /// n = (z_a·√ψ + z_b·√(ψ − δ²))²/δ²; the inverse by scipy's brentq.
    /// By hand for ψ = 0.1, δ = 0.05: (1.959964·0.316228 + 0.841621·0.312250)²
    /// / 0.0025 = 0.882592² / 0.0025 ≈ 311.59.
    #[test]
    fn hand_worked_values() {
        let close = |got: f64, want: f64| assert!((got - want).abs() < 1e-9 * want, "{got} {want}");
        close(
            examples_needed(0.1, 0.05, 0.05, 0.8).unwrap(),
            311.5868751756675,
        );
        close(
            examples_needed(0.1, -0.05, 0.05, 0.8).unwrap(),
            311.5868751756675,
        );
        close(
            examples_needed(0.2, 0.02, 0.05, 0.8).unwrap(),
            3922.0811679678563,
        );
        close(
            examples_needed(0.1, 0.05, 0.01, 0.9).unwrap(),
            590.2111606686332,
        );
        close(
            detectable_difference(1000.0, 0.1, 0.05, 0.8).unwrap(),
            0.027982836304473485,
        );
        // The bound: δ = ψ = 0.1 (every discordant example favours B) needs
        // (1.959964·√0.1 + 0.841621·√0.09)²/0.01 = 76.09 examples.
        close(
            examples_needed(0.1, 0.1, 0.05, 0.8).unwrap(),
            76.08748449318013,
        );
        assert!(detectable_difference(76.0, 0.1, 0.05, 0.8).is_err());
        close(
            detectable_difference(76.08748449318013, 0.1, 0.05, 0.8).unwrap(),
            0.1,
        );
    }

    #[test]
    fn undefined_with_the_reason() {
        let e = examples_needed(0.0, 0.01, 0.05, 0.8).unwrap_err();
        assert!(e.0.contains("never disagree"), "{e:?}");
        assert!(detectable_difference(1000.0, 0.0, 0.05, 0.8).is_err());
        assert!(examples_needed(0.1, 0.0, 0.05, 0.8).is_err());
        assert!(examples_needed(0.1, 0.2, 0.05, 0.8).is_err());
        assert!(examples_needed(0.1, 0.05, 0.0, 0.8).is_err());
        assert!(examples_needed(f64::NAN, 0.05, 0.05, 0.8).is_err());
    }
}
