//! McNemar's test: did two models, scored on the same rows, make different
//! numbers of mistakes? Only the discordant rows count: `b` ([`PairedTable::a_only`],
//! A right and B wrong) and `c` ([`PairedTable::b_only`], A wrong and B right).
//! "Right" means the predicted label equals the true label, so the table
//! works for multiclass predictions as well as binary ones.
//!
//! Conventions, with `n = b + c` and `k = min(b, c)`:
//! - exact p = min(1, 2·P(X ≤ k)), `X ~ Binomial(n, ½)` (statsmodels
//!   `mcnemar(exact=True)`);
//! - mid-p = 2·P(X ≤ k) − P(X = k) when b ≠ c, and 1 − ½·P(X = b) when
//!   b = c (Fagerland, Lydersen & Laake 2013, BMC Med Res Methodol 13:91);
//! - χ² = (b − c)²/n and continuity-corrected χ² = (|b − c| − 1)²/n, each
//!   with its χ²₁ upper-tail p (statsmodels `exact=False`), except that when
//!   b = c the corrected statistic is 0 and its p is 1 (as R's `mcnemar.test`);
//! - when n = 0 the exact and mid-p are 1 and both χ² statistics (and their
//!   p-values) are [`Undefined`]: there is nothing to test.
//!
//! ```
//! use fitcheck::metrics::mcnemar::PairedTable;
//! // 10 rows only A got right, 3 rows only B got right.
//! let t = PairedTable::new(80, 10, 3, 7).unwrap();
//! let m = t.mcnemar();
//! assert!((m.exact_p - 756.0 / 8192.0).abs() < 1e-15); // 2·P(X ≤ 3), X ~ Bin(13, ½)
//! assert!((m.mid_p - 470.0 / 8192.0).abs() < 1e-15); // less P(X = 3) = 286/8192
//! assert_eq!(m.chi2, Ok(49.0 / 13.0));
//! assert_eq!(m.chi2_corrected, Ok(36.0 / 13.0));
//!
//! // Per row: (A right, B right).
//! let t: PairedTable = [(true, true), (true, false), (false, false)].into_iter().collect();
//! assert_eq!((t.both_right(), t.a_only(), t.b_only(), t.both_wrong()), (1, 1, 0, 1));
//! assert!(PairedTable::default().mcnemar().chi2.is_err()); // no discordant rows
//! ```
//!
//! The binomial tail is summed term by term from Loader's probability mass
//! function in [`crate::metrics::significance`], which stays exact for large
//! `n` where statrs' incomplete beta function does not. Past a spread
//! `√(n/4)` of [`EXACT_SPREAD_LIMIT`](crate::metrics::significance::EXACT_SPREAD_LIMIT)
//! (n above 1.6·10¹¹) that module switches to a normal approximation.

use crate::metrics::divide::{MetricValue, Undefined};
use crate::metrics::significance::{binomial_pmf, upper_tail};
use statrs::function::erf::erfc;

/// Why the χ² statistics have no value.
const NO_DISCORDANT: &str = "no discordant pairs: both models are right or wrong on the same rows";

/// The paired 2×2 table of two models' correctness on the same rows.
/// Its total always fits in a `u64`, so `b + c` never overflows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PairedTable {
    both_right: u64,
    a_only: u64,
    b_only: u64,
    both_wrong: u64,
}

impl PairedTable {
    /// Builds the table from its four counts; `None` if their total exceeds `u64::MAX`.
    pub fn new(both_right: u64, a_only: u64, b_only: u64, both_wrong: u64) -> Option<Self> {
        both_right
            .checked_add(a_only)?
            .checked_add(b_only)?
            .checked_add(both_wrong)?;
        Some(Self {
            both_right,
            a_only,
            b_only,
            both_wrong,
        })
    }

    /// Builds the table from true labels and two models' predicted labels,
    /// row by row (any label type: binary or multiclass). `None` if the three
    /// slices differ in length.
    pub fn from_labels<T: PartialEq>(truth: &[T], pred_a: &[T], pred_b: &[T]) -> Option<Self> {
        if pred_a.len() != truth.len() || pred_b.len() != truth.len() {
            return None;
        }
        Some(
            truth
                .iter()
                .zip(pred_a.iter().zip(pred_b))
                .map(|(t, (a, b))| (a == t, b == t))
                .collect(),
        )
    }

    /// Rows both models got right.
    pub fn both_right(&self) -> u64 {
        self.both_right
    }

    /// Rows A got right and B got wrong (`b` in McNemar's notation).
    pub fn a_only(&self) -> u64 {
        self.a_only
    }

    /// Rows A got wrong and B got right (`c` in McNemar's notation).
    pub fn b_only(&self) -> u64 {
        self.b_only
    }

    /// Rows both models got wrong.
    pub fn both_wrong(&self) -> u64 {
        self.both_wrong
    }

    /// McNemar's test on this table's discordant rows.
    pub fn mcnemar(&self) -> McNemar {
        // Cannot fail: `new` and `from_iter` keep the total within u64.
        McNemar::from_discordant(self.a_only, self.b_only).unwrap_or_else(McNemar::none)
    }
}

/// Counts rows from `(A right, B right)` pairs.
impl FromIterator<(bool, bool)> for PairedTable {
    fn from_iter<I: IntoIterator<Item = (bool, bool)>>(rows: I) -> Self {
        let mut t = Self::default();
        for (a, b) in rows {
            // One row at a time: a u64 count cannot overflow in practice.
            let cell = match (a, b) {
                (true, true) => &mut t.both_right,
                (true, false) => &mut t.a_only,
                (false, true) => &mut t.b_only,
                (false, false) => &mut t.both_wrong,
            };
            *cell += 1;
        }
        t
    }
}

/// McNemar's test, every variant the references report (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct McNemar {
    /// Exact binomial two-sided p: min(1, 2·P(X ≤ min(b, c))).
    pub exact_p: f64,
    /// Mid-p (Fagerland et al. 2013): the exact p less the probability of
    /// the observed split counted once (half of it when b = c).
    pub mid_p: f64,
    /// χ² = (b − c)²/(b + c); undefined when b + c = 0.
    pub chi2: MetricValue,
    /// Upper-tail χ²₁ p of [`McNemar::chi2`].
    pub chi2_p: MetricValue,
    /// Continuity-corrected χ² = (|b − c| − 1)²/(b + c), 0 when b = c.
    pub chi2_corrected: MetricValue,
    /// Upper-tail χ²₁ p of [`McNemar::chi2_corrected`] (1 when b = c).
    pub chi2_corrected_p: MetricValue,
}

impl McNemar {
    /// The test from the discordant counts alone: `b` rows only A got right,
    /// `c` rows only B got right. `None` if `b + c` exceeds `u64::MAX`.
    pub fn from_discordant(b: u64, c: u64) -> Option<Self> {
        let n = b.checked_add(c)?;
        if n == 0 {
            return Some(Self::none());
        }
        let k = b.min(c);
        let nf = n as f64;
        // |b − c| is exact in integers; its square is formed in f64.
        let diff = b.abs_diff(c) as f64;
        let chi2 = diff * diff / nf;
        let (exact_p, mid_p, chi2_corrected) = if b == c {
            (1.0, 1.0 - 0.5 * binomial_pmf(b, n, 0.5, 0.5), 0.0)
        } else {
            // P(X ≤ k) = P(X ≥ n − k) by symmetry at ½; n − k is above the
            // mean, so `upper_tail` sums shrinking terms with no cancellation.
            let cdf = upper_tail(n - k, n, 0.5);
            let pmf = binomial_pmf(k, n, 0.5, 0.5);
            (
                (2.0 * cdf).min(1.0),
                (2.0 * cdf - pmf).clamp(0.0, 1.0),
                (diff - 1.0) * (diff - 1.0) / nf,
            )
        };
        Some(Self {
            exact_p,
            mid_p,
            chi2: Ok(chi2),
            chi2_p: Ok(chi2_sf_1(chi2)),
            chi2_corrected: Ok(chi2_corrected),
            chi2_corrected_p: Ok(chi2_sf_1(chi2_corrected)),
        })
    }

    /// The test with no discordant rows: p = 1, χ² undefined.
    fn none() -> Self {
        let undefined = || Err(Undefined(NO_DISCORDANT.to_string()));
        Self {
            exact_p: 1.0,
            mid_p: 1.0,
            chi2: undefined(),
            chi2_p: undefined(),
            chi2_corrected: undefined(),
            chi2_corrected_p: undefined(),
        }
    }
}

/// Upper tail of the χ² distribution with one degree of freedom:
/// P(χ²₁ > x) = P(|Z| > √x) = erfc(√(x/2)).
///
/// statrs' `erfc` keeps full relative precision far into the tail (down to
/// ~1e-308), whereas 2·(1 − Φ(√x)) cancels to 0 once p < 1e-16; the direct
/// erfc form also avoids the incomplete gamma function behind `ChiSquared::sf`.
fn chi2_sf_1(x: f64) -> f64 {
    erfc((0.5 * x).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test(b: u64, c: u64) -> McNemar {
        McNemar::from_discordant(b, c).unwrap()
    }

    /// Equal to 1e-12 relative: Loader's pmf is accurate, not bit-exact.
    fn close(got: f64, want: f64) {
        assert!((got - want).abs() <= 1e-12 * want, "{got} vs {want}");
    }

    #[test]
    fn hand_worked_values_from_issue_8() {
        // (10, 3): P(X ≤ 3) = (1 + 13 + 78 + 286)/8192, P(X = 3) = 286/8192.
        let m = test(10, 3);
        close(m.exact_p, 756.0 / 8192.0);
        close(m.mid_p, 470.0 / 8192.0);
        // (11, 1): P(X ≤ 1) = 13/4096, P(X = 1) = 12/4096.
        let m = test(11, 1);
        close(m.exact_p, 0.00634765625);
        close(m.mid_p, 0.00341796875);
        // (5, 5): P(X = 5) = 252/1024, mid-p = 1 − 126/1024.
        let m = test(5, 5);
        assert_eq!(m.exact_p, 1.0);
        close(m.mid_p, 0.876953125);
        assert_eq!(m.chi2, Ok(0.0));
        assert_eq!(m.chi2_p, Ok(1.0));
        assert_eq!(m.chi2_corrected, Ok(0.0));
        assert_eq!(m.chi2_corrected_p, Ok(1.0));
    }

    /// Against statsmodels 0.15.0 / scipy 1.17.1: exact p and χ² (with and
    /// without correction) from `mcnemar`, mid-p from `scipy.stats.binom`.
    /// Corrected χ² is left out when b = c (statsmodels gives (0 − 1)²/n
    /// there; this crate follows R: 0 and p = 1). The 10¹¹ case is summed
    /// exactly (spread 1.1·10⁵). Produced by:
    // import numpy as np
    // from scipy import stats
    // from statsmodels.stats.contingency_tables import mcnemar
    // cases = [(10, 3), (3, 10), (1, 0), (0, 1), (1, 2), (20, 1), (7, 0), (50, 30), (100, 100),
    //          (400, 200), (1000, 900), (12345, 12001), (500000, 499000), (515166, 484834),
    //          (518710, 481290), (600000, 400000), (999000, 1000), (1000000, 0),
    //          (50_000_500_000, 50_000_000_000)]
    // for b, c in cases:
    //     t = [[5, b], [c, 9]]
    //     ex = mcnemar(t, exact=True).pvalue
    //     k, n = min(b, c), b + c
    //     mid = 2 * stats.binom.cdf(k, n, 0.5) - stats.binom.pmf(k, n, 0.5) if b != c else 1 - 0.5 * stats.binom.pmf(b, n, 0.5)
    //     u = mcnemar(t, exact=False, correction=False)
    //     r = mcnemar(t, exact=False, correction=True)
    //     corr = f"Some(({float(r.statistic)!r}, {float(r.pvalue)!r}))" if b != c else "None"
    //     print(f"({b}, {c}, {float(ex)!r}, {float(mid)!r}, {float(u.statistic)!r}, {float(u.pvalue)!r}, {corr}),")
    #[test]
    #[allow(clippy::type_complexity)]
    fn matches_statsmodels() {
        let cases: [(u64, u64, f64, f64, f64, f64, Option<(f64, f64)>); 19] = [
            (
                10,
                3,
                0.09228515625,
                0.05737304687500002,
                3.769230769230769,
                0.0522036353413146,
                Some((2.769230769230769, 0.0960923294556734)),
            ),
            (
                3,
                10,
                0.09228515625,
                0.05737304687500002,
                3.769230769230769,
                0.0522036353413146,
                Some((2.769230769230769, 0.0960923294556734)),
            ),
            (
                1,
                0,
                1.0,
                0.4999999999999999,
                1.0,
                0.31731050786291115,
                Some((0.0, 1.0)),
            ),
            (
                0,
                1,
                1.0,
                0.4999999999999999,
                1.0,
                0.31731050786291115,
                Some((0.0, 1.0)),
            ),
            (
                1,
                2,
                1.0,
                0.6249999999999999,
                0.3333333333333333,
                0.5637028616507731,
                Some((0.0, 1.0)),
            ),
            (
                20,
                1,
                2.09808349609375e-05,
                1.0967254638671865e-05,
                17.19047619047619,
                3.381272563301577e-05,
                Some((15.428571428571429, 8.56829801091046e-05)),
            ),
            (
                7,
                0,
                0.015625,
                0.007812500000000052,
                7.0,
                0.008150971593502705,
                Some((5.142857142857143, 0.02334220201289086)),
            ),
            (
                50,
                30,
                0.03299261842647619,
                0.025654357971696278,
                5.0,
                0.025347318677468325,
                Some((4.5125, 0.03364802587476163)),
            ),
            (100, 100, 1.0, 0.9718257604953717, 0.0, 1.0, None),
            (
                400,
                200,
                2.3925776987708593e-16,
                1.7886474949622095e-16,
                66.66666666666667,
                3.215262727387118e-16,
                Some((66.00166666666667, 4.505418395123773e-16)),
            ),
            (
                1000,
                900,
                0.023108845108901193,
                0.021791499253713553,
                5.2631578947368425,
                0.021781462791119595,
                Some((5.158421052631579, 0.023133919510755163)),
            ),
            (
                12345,
                12001,
                0.02792807737711628,
                0.0274780223246605,
                4.860593115912265,
                0.027476888581688584,
                Some((4.832374928119609, 0.027930131166571233)),
            ),
            (
                500000,
                499000,
                0.317552599673747,
                0.31706865826495634,
                1.001001001001001,
                0.3170684160925119,
                Some((0.999, 0.31755259963332066)),
            ),
            (
                515166,
                484834,
                4.169550359375596e-202,
                4.046673652525392e-202,
                920.030224,
                4.340537499595415e-202,
                Some((919.969561, 4.474356694692577e-202)),
            ),
            (
                518710,
                481290,
                1.6292308993795358e-306,
                1.5704237920365842e-306,
                1400.2564,
                1.8480460621951793e-306,
                Some((1400.181561, 1.9185603447437164e-306)),
            ),
            (
                600000,
                400000,
                0.0,
                0.0,
                40000.0,
                0.0,
                Some((39999.600001, 0.0)),
            ),
            (
                999000,
                1000,
                0.0,
                0.0,
                996004.0,
                0.0,
                Some((996002.004001, 0.0)),
            ),
            (
                1000000,
                0,
                0.0,
                0.0,
                1000000.0,
                0.0,
                Some((999998.000001, 0.0)),
            ),
            (
                50000500000,
                50000000000,
                0.11384792451225235,
                0.11384720161997085,
                2.4999875000625,
                0.11384720161805638,
                Some((2.4999775001224993, 0.11384792451214575)),
            ),
        ];
        let near = |got: f64, want: f64, what: &str, b: u64, c: u64| {
            let ok = (got - want).abs() <= 1e-9 * want.abs() || (got - want).abs() <= 1e-300;
            assert!(ok, "({b}, {c}) {what}: {got:e} vs {want:e}");
        };
        for (b, c, exact, mid, chi2, chi2_p, corrected) in cases {
            let m = test(b, c);
            near(m.exact_p, exact, "exact p", b, c);
            near(m.mid_p, mid, "mid-p", b, c);
            near(m.chi2.clone().unwrap(), chi2, "chi2", b, c);
            near(m.chi2_p.clone().unwrap(), chi2_p, "chi2 p", b, c);
            let (stat, p) = corrected.unwrap_or((0.0, 1.0));
            near(
                m.chi2_corrected.clone().unwrap(),
                stat,
                "corrected chi2",
                b,
                c,
            );
            near(
                m.chi2_corrected_p.clone().unwrap(),
                p,
                "corrected chi2 p",
                b,
                c,
            );
        }
    }

    /// At n = 2^53 the tail comes from `significance`'s normal approximation
    /// with continuity correction, whose error for Binomial(n, ½) is of order
    /// 1/n (no skew; excess kurtosis −2/n): it equals the corrected χ² p
    /// (computed independently here with erfc), and the mid-p sits one pmf
    /// below it. scipy's `binom.cdf` (Boost's ibeta) is itself off by ~1e-9
    /// here, so it is not used as the reference.
    #[test]
    fn exact_p_at_two_to_the_53_is_the_continuity_corrected_normal_tail() {
        let (b, c) = ((1u64 << 52) + (1 << 26), (1u64 << 52) - (1 << 26));
        let m = test(b, c);
        let z = ((b - c - 1) as f64) / ((b + c) as f64).sqrt();
        let want = erfc(z / std::f64::consts::SQRT_2);
        assert!(
            (m.exact_p - want).abs() <= 1e-12 * want,
            "{} vs {want}",
            m.exact_p
        );
        assert!((m.chi2_corrected_p.clone().unwrap() - want).abs() <= 1e-12 * want);
        let pmf = binomial_pmf(c, b + c, 0.5, 0.5);
        assert!(pmf > 1e-9 && (m.exact_p - m.mid_p - pmf).abs() <= 1e-16);
    }

    #[test]
    fn no_discordant_rows_gives_p_one_and_undefined_chi2() {
        let m = test(0, 0);
        assert_eq!((m.exact_p, m.mid_p), (1.0, 1.0));
        let why = Err(Undefined(NO_DISCORDANT.to_string()));
        assert_eq!(m.chi2, why);
        assert_eq!(m.chi2_p, why);
        assert_eq!(m.chi2_corrected, why);
        assert_eq!(m.chi2_corrected_p, why);
        assert_eq!(PairedTable::new(7, 0, 0, 3).unwrap().mcnemar(), m);
    }

    #[test]
    fn table_from_labels_counts_multiclass_rows() {
        let truth = [0, 1, 2, 2, 1, 0];
        let a = [0, 1, 1, 2, 0, 2]; // right, right, wrong, right, wrong, wrong
        let b = [0, 2, 2, 1, 0, 1]; // right, wrong, right, wrong, wrong, wrong
        let t = PairedTable::from_labels(&truth, &a, &b).unwrap();
        assert_eq!(t, PairedTable::new(1, 2, 1, 2).unwrap());
        assert_eq!(PairedTable::from_labels(&truth, &a, &b[..5]), None);
    }

    #[test]
    fn overflowing_totals_are_refused() {
        assert_eq!(PairedTable::new(u64::MAX, 1, 0, 0), None);
        assert_eq!(McNemar::from_discordant(u64::MAX, 1), None);
        assert!(McNemar::from_discordant(u64::MAX / 2, u64::MAX / 2).is_some());
    }

    /// proptest's random source does not build for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::test;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn mid_p_is_at_most_exact_p_and_symmetric(b in 0u64..3000, c in 0u64..3000) {
                let m = test(b, c);
                prop_assert!((0.0..=1.0).contains(&m.mid_p), "mid-p {}", m.mid_p);
                prop_assert!((0.0..=1.0).contains(&m.exact_p), "exact p {}", m.exact_p);
                prop_assert!(m.mid_p <= m.exact_p, "mid-p {} > exact {}", m.mid_p, m.exact_p);
                prop_assert_eq!(m, test(c, b));
            }

            #[test]
            fn large_counts_stay_in_range(b in 0u64..(1 << 40), c in 0u64..(1 << 40)) {
                let m = test(b, c);
                prop_assert!((0.0..=1.0).contains(&m.mid_p) && m.mid_p <= m.exact_p);
                prop_assert!(m.exact_p <= 1.0);
                prop_assert_eq!(m, test(c, b));
            }
        }
    }
}
