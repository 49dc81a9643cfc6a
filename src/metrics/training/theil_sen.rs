//! The Theil–Sen slope with its rank-based 95% interval (Sen 1968, eq. 2.6),
//! as `scipy.stats.theilslopes(y, x, alpha=0.95)` computes it: the median of
//! the slopes `(y_j − y_i)/(x_j − x_i)` over pairs with `x_j > x_i`, and the
//! interval `[slopes[R_l], slopes[R_u]]` of the sorted slopes with
//! `σ² = [n(n−1)(2n+5) − Σ_x t(t−1)(2t+5) − Σ_y t(t−1)(2t+5)] / 18`
//! (t the sizes of groups of tied x or tied y), `R_u = min(round((N + zσ)/2),
//! N − 1)`, `R_l = max(round((N − zσ)/2) − 1, 0)`, z = Φ⁻¹(0.975), N the
//! number of slopes, rounding half to even (NumPy's `round`).
//!
//! Hand-written: no maintained Rust crate offers Theil–Sen with Sen's
//! interval; it is 40 lines over a sort. Pairs grow with n², so a series
//! longer than [`MAX_POINTS`] is thinned first to evenly spaced points
//! (first and last kept).
//!
//! ```
//! use fitcheck::metrics::training::theil_sen::theil_sen;
//! // Slopes 1, 1, 1: the line y = x exactly, interval [1, 1].
//! let t = theil_sen(&[0.0, 1.0, 2.0], &[0.0, 1.0, 2.0]).unwrap();
//! assert_eq!((t.slope, t.low, t.high), (1.0, 1.0, 1.0));
//! ```

/// Φ⁻¹(0.975): the two-sided 95% normal quantile.
const Z95: f64 = 1.959963984540054;

/// Longest series used whole (about 80,000 pairs); longer ones are thinned.
pub const MAX_POINTS: usize = 400;

/// A Theil–Sen slope and its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TheilSen {
    /// The median pairwise slope.
    pub slope: f64,
    /// Lower end of the 95% interval.
    pub low: f64,
    /// Upper end of the 95% interval.
    pub high: f64,
    /// How many points were used (after dropping non-finite ones and thinning).
    pub points: usize,
}

/// The slope of `y` against `x` over the finite pairs; `None` when fewer
/// than two distinct finite x remain.
pub fn theil_sen(x: &[f64], y: &[f64]) -> Option<TheilSen> {
    let finite: Vec<(f64, f64)> = x
        .iter()
        .zip(y)
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|(&x, &y)| (x, y))
        .collect();
    let points = thin(&finite, MAX_POINTS);
    let n = points.len();
    let mut slopes = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for (i, &(xi, yi)) in points.iter().enumerate() {
        for &(xj, yj) in &points[i + 1..] {
            // Both orders: scipy keeps the pair whose x difference is > 0.
            if xj > xi {
                slopes.push((yj - yi) / (xj - xi));
            } else if xi > xj {
                slopes.push((yi - yj) / (xi - xj));
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    // Unstable: floats equal under total_cmp are the same bits, so the order
    // is std's stable one, and the core then holds one float sort (bootstrap.rs's).
    slopes.sort_unstable_by(f64::total_cmp);
    let count = slopes.len();
    let slope = if count % 2 == 1 {
        slopes[count / 2]
    } else {
        (slopes[count / 2 - 1] + slopes[count / 2]) / 2.0
    };
    let nf = n as f64;
    let ties = |t: f64| t * (t - 1.0) * (2.0 * t + 5.0);
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    let tied: f64 = tie_groups(xs)
        .into_iter()
        .chain(tie_groups(ys))
        .map(ties)
        .sum();
    let sigma = ((ties(nf) - tied) / 18.0).max(0.0).sqrt();
    let half = |v: f64| (v / 2.0).round_ties_even();
    let nt = count as f64;
    let upper = (half(nt + Z95 * sigma) as usize).min(count - 1);
    let lower = (half(nt - Z95 * sigma) - 1.0).max(0.0) as usize;
    Some(TheilSen {
        slope,
        low: slopes[lower.min(count - 1)],
        high: slopes[upper],
        points: n,
    })
}

/// Sizes of the groups of equal values that hold more than one value.
fn tie_groups(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_unstable_by(f64::total_cmp); // see theil_sen
    let mut groups = Vec::new();
    let mut run = 1usize;
    for pair in values.windows(2) {
        if pair[0] == pair[1] {
            run += 1;
        } else {
            if run > 1 {
                groups.push(run as f64);
            }
            run = 1;
        }
    }
    if run > 1 {
        groups.push(run as f64);
    }
    groups
}

/// At most `max` points, evenly spaced by index, first and last kept.
fn thin(points: &[(f64, f64)], max: usize) -> Vec<(f64, f64)> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let last = points.len() - 1;
    (0..max)
        .map(|k| points[(k * last + (max - 1) / 2) / (max - 1)])
        .collect()
}
