//! Adding one number `r` times to a sum, with the bits of `r` additions in
//! a row but, most of the time, in a few operations.
//!
//! While a sum `x` stays in one binade `[2^F, 2^(F+1))` (in magnitude, one
//! sign), the numbers there are the multiples of its ulp `w`, so `x + c`
//! rounds to `x + C`, `C` the multiple of `w` nearest `c`, whatever `x` is
//! (unless `c` lies exactly half-way between two multiples: then the tie
//! goes to the even one, which depends on `x`). `r` additions then give
//! `x + r·C` exactly. [`constant_steps`] checks that every partial sum, and
//! every exact `x_k + c` before rounding, stays in the binade (with a
//! margin of `w`, which covers `|c − C| ≤ w/2`) and that `c` is no tie;
//! otherwise the caller adds one at a time.
//!
//! Bought for the calibration sums of a score file ([`crate::metrics::calibration`]),
//! which add each run of one score and class `r` times to keep the bits of
//! a sum over rows: on 10M six-decimal scores (2M runs) the loop took about
//! 55 ms of the page's report; with this, the report went from 205 to
//! 164 ms (the wasm in Node, first run, medians of 7 alternated, quiet
//! machine). Natively it changed nothing (56 ms either way: the processor
//! ran the short loops ahead).
//!
//! ```
//! use fitcheck::metrics::repeated_add::add_repeatedly;
//! let mut one_at_a_time: f64 = 1234.5678;
//! for _ in 0..7 {
//!     one_at_a_time += 0.1;
//! }
//! assert_eq!(add_repeatedly(1234.5678, 0.1, 7).to_bits(), one_at_a_time.to_bits());
//! ```

/// `x + c + c + …` (`r` additions, each rounded), to the bit.
#[inline(always)]
pub fn add_repeatedly(x: f64, c: f64, r: usize) -> f64 {
    match constant_steps(x, c, r) {
        Some((end, _)) => end,
        None => (0..r).fold(x, |x, _| x + c),
    }
}

/// When `r` additions of `c` to `x` each add the same `C` exactly (see the
/// module doc): the sum after them, `x + r·C`, and `c − C` (exact, the
/// rounding error of every one of them). `None` when that cannot be shown.
#[inline(always)]
pub fn constant_steps(x: f64, c: f64, r: usize) -> Option<(f64, f64)> {
    let exponent = (x.to_bits() >> 52) & 0x7ff;
    // Normal numbers whose ulp is normal too, short of the largest binade
    // (2^(F+1) must be finite); zero, subnormals and the rest one at a time.
    if !(53..0x7fe).contains(&exponent) || r == 0 {
        return None;
    }
    let sign = x.to_bits() & (1 << 63);
    let low = f64::from_bits(exponent << 52); // 2^F
    let ulp = f64::from_bits((exponent - 52) << 52); // w = 2^(F-52)
                                                     // Both exact.
    let (lowest, highest) = (low + ulp, 2.0 * low - ulp);
    // The first addition, as it rounds: if its exact sum left the binade,
    // the rounded one `first` is outside the margins (rounding is monotone
    // and 2^F, 2^(F+1) are numbers), and the checks below fail. Inside,
    // it was rounded to a multiple of w, and `step` = C exactly (Sterbenz).
    let first = x + c;
    let step = first - x;
    // c − C, exact when `first` is inside: it is c when C = 0; otherwise
    // |c| ≥ w/2, so c's ulp u is at least w·2^-53, c and C are multiples
    // of min(u, w) (C = c when u > w), and |c − C| ≤ w/2 is at most 2^52
    // of them: a float.
    let error = c - step;
    // x + r·C: exact when it lands in the binade with x's sign (then
    // |r·C| < 2^(F+1), r·C a multiple of w below 2^53·w).
    let end = x + r as f64 * step;
    let inside = |y: f64| y.to_bits() & (1 << 63) == sign && (lowest..=highest).contains(&y.abs());
    // The partial sums x + k·C go one way: x and x + r·C inside put every
    // one inside, and each exact x_k + c within w/2 of one, in the binade.
    (error.abs() != 0.5 * ulp && inside(x) && inside(first) && inside(end)).then_some((end, error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_at_a_time(x: f64, c: f64, r: usize) -> f64 {
        (0..r).fold(x, |x, _| x + c)
    }

    /// A deterministic generator (the demo's SplitMix64).
    fn numbers(seed: u64) -> impl Iterator<Item = u64> {
        let mut rng = crate::input::demo::SplitMix64(seed);
        std::iter::from_fn(move || Some(rng.next_u64()))
    }

    #[test]
    fn random_sums_keep_their_bits() {
        let mut rng = numbers(42);
        let mut fast = 0;
        for _ in 0..200_000 {
            let (a, b, k) = (
                rng.next().unwrap(),
                rng.next().unwrap(),
                rng.next().unwrap(),
            );
            // x and c across many scales and both signs; c often much
            // smaller than x (as a term beside a running sum), sometimes not.
            let x = f64::from_bits(a >> 12 | ((1000 + (a % 60)) << 52))
                * if a & 1 == 0 { 1.0 } else { -1.0 };
            let scale = (b % 70) as i32 - 60;
            let c = (b >> 11) as f64 / (1u64 << 53) as f64
                * 2f64.powi(scale)
                * if b & 2 == 0 { 1.0 } else { -1.0 };
            let x = x * 2f64.powi((k % 40) as i32 - 20);
            let r = (k >> 8) as usize % 5000;
            let expected = one_at_a_time(x, c, r);
            fast += usize::from(constant_steps(x, c, r).is_some());
            assert_eq!(
                add_repeatedly(x, c, r).to_bits(),
                expected.to_bits(),
                "{x:e} + {c:e} × {r}"
            );
        }
        assert!(fast > 50_000, "the fast path is taken often: {fast}");
    }

    #[test]
    fn ties_edges_and_zeros_keep_their_bits() {
        let ulp_of_one = f64::EPSILON;
        let cases = [
            // Exactly half an ulp: ties to even, which alternates.
            (1.0, ulp_of_one / 2.0, 9),
            (1.0 + ulp_of_one, ulp_of_one / 2.0, 9),
            (1.0, 1.5 * ulp_of_one, 9),
            (-1.0, -ulp_of_one / 2.0, 9),
            // Crossing into the next binade, and the one below.
            (2.0 - 3.0 * ulp_of_one, ulp_of_one, 10),
            (1.0 + 3.0 * ulp_of_one, -ulp_of_one, 10),
            (1.5, 0.1, 10),
            (1.5, -0.1, 10),
            // Crossing zero.
            (0.25, -0.1, 10),
            // Zeros, tiny and huge numbers.
            (0.0, 0.1, 5),
            (-0.0, 0.0, 3),
            (1.0, 0.0, 3),
            (1.0, -0.0, 3),
            (f64::MIN_POSITIVE, f64::MIN_POSITIVE, 4),
            (1e-300, 1e-301, 4),
            (f64::MAX / 2.0, f64::MAX / 8.0, 3),
            (f64::MAX, 1.0, 3),
            (1.0, 1e-17, 1000),
            (1e6, std::f64::consts::LN_2, 7),
        ];
        for (x, c, r) in cases {
            for r in [0, 1, 2, r] {
                assert_eq!(
                    add_repeatedly(x, c, r).to_bits(),
                    one_at_a_time(x, c, r).to_bits(),
                    "{x:e} + {c:e} × {r}"
                );
            }
        }
    }
}
