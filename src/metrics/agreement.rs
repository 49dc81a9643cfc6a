//! Whole-matrix agreement measures shared by binary and multiclass reports:
//! Matthews correlation and Cohen's kappa, computed from any square
//! confusion matrix (rows true, columns predicted) in exact integer
//! arithmetic, then divided once.

use crate::metrics::divide::{divide_reals, MetricValue};

/// Sums used by both measures: total `s`, correct `c`, and `Σ t_k p_k` where
/// `t_k` is the row (true) total and `p_k` the column (predicted) total of
/// class k. Counts are at most 2^55 in total, so squares fit in i128.
struct MarginSums {
    s: i128,
    c: i128,
    tp_dot: i128,
    tt_dot: i128,
    pp_dot: i128,
}

fn margin_sums(matrix: &[Vec<u64>]) -> MarginSums {
    // The bootstrap calls this thousands of times per report (and per
    // threshold move) on 2×2 matrices: small matrices keep their margins on
    // the stack instead of allocating two vectors per call.
    const ON_STACK: usize = 16;
    let k = matrix.len();
    let (mut t_small, mut p_small) = ([0i128; ON_STACK], [0i128; ON_STACK]);
    let (mut t_heap, mut p_heap) = (Vec::new(), Vec::new());
    let (t, p): (&mut [i128], &mut [i128]) = if k <= ON_STACK {
        (&mut t_small[..k], &mut p_small[..k])
    } else {
        t_heap.resize(k, 0);
        p_heap.resize(k, 0);
        (&mut t_heap, &mut p_heap)
    };
    let mut c = 0i128;
    for (i, row) in matrix.iter().enumerate() {
        for (j, &cell) in row.iter().enumerate() {
            let cell = cell as i128;
            t[i] += cell;
            p[j] += cell;
            if i == j {
                c += cell;
            }
        }
    }
    let s: i128 = t.iter().sum();
    let dot = |a: &[i128], b: &[i128]| a.iter().zip(b).map(|(x, y)| x * y).sum::<i128>();
    MarginSums {
        s,
        c,
        tp_dot: dot(t, p),
        tt_dot: dot(t, t),
        pp_dot: dot(p, p),
    }
}

/// Matthews correlation coefficient, as scikit-learn's `matthews_corrcoef`:
/// `(c·s − Σ t_k p_k) / sqrt((s² − Σ p_k²)(s² − Σ t_k²))`.
///
/// Undefined (scikit-learn returns 0 here) when every example has the same
/// true class or every prediction is the same class.
/// Binary example: tp 85, fn 15, fp 10, tn 90 → 0.7509.
pub fn mcc(matrix: &[Vec<u64>]) -> MetricValue {
    let m = margin_sums(matrix);
    let cov_ytyp = m.c * m.s - m.tp_dot;
    let cov_ypyp = m.s * m.s - m.pp_dot;
    let cov_ytyt = m.s * m.s - m.tt_dot;
    let why = if cov_ytyt == 0 {
        "every example has the same true class, so there is nothing to correlate with"
    } else {
        "the model predicts the same class for every example, so its predictions do not vary"
    };
    // The product of the two variances can reach 2^220, beyond i128 but
    // well inside f64; one square root of the product, as scikit-learn, keeps
    // a perfect classifier at exactly 1. Both variances are whole numbers, so
    // the root is 0 exactly when one of them is. Clamp away the last rounding bit.
    let den = ((cov_ytyt as f64) * (cov_ypyp as f64)).sqrt();
    divide_reals(cov_ytyp as f64, den, why).map(|r| r.clamp(-1.0, 1.0))
}

/// Cohen's kappa, as scikit-learn's `cohen_kappa_score` (unweighted):
/// `(s·c − Σ t_k p_k) / (s² − Σ t_k p_k)`, agreement beyond what two raters
/// with these margins would reach by chance.
///
/// Undefined when chance agreement is already total (one class on both sides).
/// Binary example: tp 85, fn 15, fp 10, tn 90 → 0.75.
pub fn cohen_kappa(matrix: &[Vec<u64>]) -> MetricValue {
    let m = margin_sums(matrix);
    let den = m.s * m.s - m.tp_dot;
    divide_reals(
        (m.s * m.c - m.tp_dot) as f64,
        den as f64,
        "truth and predictions are one and the same single class, so chance agreement is already perfect",
    )
}
