//! Bootstrap of confusion-matrix metrics by multinomial counts.
//!
//! A confusion-matrix metric sees the rows only through the counts of their
//! cells. Drawing a true class's `n_t` rows with replacement therefore gives
//! cell counts that are Multinomial(`n_t`; cell count / `n_t`), drawn here as
//! sequential binomials: cell 1 ~ Bin(`n_t`, p₁), cell 2 ~ Bin(rest, p₂ / (1 − p₁)),
//! …, the last cell takes what is left. That is exactly the stratified row
//! bootstrap, at O(nonzero cells) per resample instead of O(rows).
//!
//! For two models on the same rows the cells are (truth, a, b) triples: one
//! draw of them gives both resampled matrices, so the rows stay paired.

use super::{percentile_interval, BootInterval, Resampling};
use crate::metrics::divide::Undefined;
use rand_distr::{Binomial, Distribution};
use std::collections::BTreeMap;

/// A statistic of a confusion matrix (rows true, columns predicted), `None`
/// when undefined for that matrix.
pub type MatrixStat<'a> = &'a dyn Fn(&[Vec<u64>]) -> Option<f64>;

/// Why a statistic has no value on the full data.
const UNDEFINED_ON_DATA: &str = "the statistic is undefined on the full data";

/// Largest class count for which the (truth, a, b) cells are counted in a
/// dense array (100³ = 10⁶ cells); above it a sorted map is used.
const DENSE_CLASSES: usize = 100;

/// The nonzero cells of one true class: `(a, b, count)`, in (a, b) order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClassCells {
    total: u64,
    cells: Vec<(u32, u32, u64)>,
}

/// Sparse counts of (truth, prediction of A, prediction of B) triples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedCells {
    classes: usize,
    by_truth: Vec<ClassCells>,
}

impl PairedCells {
    /// Counts the triples of rows; class indices must be below `classes`
    /// (rows with a larger index are ignored). Slices of unequal length are
    /// read up to the shortest.
    pub fn from_rows(classes: usize, truth: &[u32], pred_a: &[u32], pred_b: &[u32]) -> Self {
        let k = classes;
        let rows = truth.iter().zip(pred_a.iter().zip(pred_b));
        let valid =
            |t: u32, a: u32, b: u32| (t as usize) < k && (a as usize) < k && (b as usize) < k;
        let mut by_truth: Vec<ClassCells> = (0..k)
            .map(|_| ClassCells {
                total: 0,
                cells: Vec::new(),
            })
            .collect();
        if k <= DENSE_CLASSES {
            let mut dense = vec![0u64; k * k * k];
            for (&t, (&a, &b)) in rows {
                if valid(t, a, b) {
                    dense[(t as usize * k + a as usize) * k + b as usize] += 1;
                }
            }
            for (t, class) in by_truth.iter_mut().enumerate() {
                for a in 0..k {
                    for b in 0..k {
                        let c = dense[(t * k + a) * k + b];
                        if c > 0 {
                            class.cells.push((a as u32, b as u32, c));
                        }
                    }
                }
            }
        } else {
            let mut map: BTreeMap<(u32, u32, u32), u64> = BTreeMap::new();
            for (&t, (&a, &b)) in rows {
                if valid(t, a, b) {
                    *map.entry((t, a, b)).or_default() += 1;
                }
            }
            for ((t, a, b), c) in map {
                by_truth[t as usize].cells.push((a, b, c));
            }
        }
        for class in &mut by_truth {
            class.total = class.cells.iter().map(|c| c.2).sum();
        }
        PairedCells { classes, by_truth }
    }

    /// Number of classes (the matrices are this size square).
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of nonzero (truth, a, b) cells: the cost of one resample.
    pub fn nonzero_cells(&self) -> usize {
        self.by_truth.iter().map(|c| c.cells.len()).sum()
    }

    /// The confusion matrices of A and B (rows true, columns predicted).
    pub fn matrices(&self) -> (Vec<Vec<u64>>, Vec<Vec<u64>>) {
        let k = self.classes;
        let (mut a, mut b) = (vec![vec![0; k]; k], vec![vec![0; k]; k]);
        for (t, class) in self.by_truth.iter().enumerate() {
            for &(pa, pb, c) in &class.cells {
                a[t][pa as usize] += c;
                b[t][pb as usize] += c;
            }
        }
        (a, b)
    }
}

/// Draws a Multinomial(`total`; `counts[i]` / Σ counts) into `out` by
/// sequential binomials (the last cell takes the rest). `first` is the
/// binomial of the first cell, made once per row by [`first_binomial`]
/// (with two cells per row, as in a binary matrix, it is the only draw).
fn multinomial<R: rand::Rng>(
    rng: &mut R,
    total: u64,
    counts: &[u64],
    first: Option<&Binomial>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let (mut rows_left, mut weight_left) = (total, counts.iter().sum::<u64>());
    for (i, &c) in counts.iter().enumerate() {
        let x = if i + 1 == counts.len() || rows_left == 0 {
            rows_left
        } else if let (0, Some(d)) = (i, first) {
            d.sample(rng)
        } else {
            let p = (c as f64 / weight_left as f64).clamp(0.0, 1.0);
            // Binomial::new fails only for p outside [0, 1], excluded above.
            Binomial::new(rows_left, p).map_or(0, |d| d.sample(rng))
        };
        out.push(x);
        rows_left -= x;
        weight_left -= c;
    }
}

/// The binomial of a row's first cell (fixed for every resample).
fn first_binomial(total: u64, counts: &[u64]) -> Option<Binomial> {
    let weight: u64 = counts.iter().sum();
    let c = *counts.first()?;
    if weight == 0 {
        return None;
    }
    Binomial::new(total, (c as f64 / weight as f64).clamp(0.0, 1.0)).ok()
}

/// The paired stratified bootstrap of `stat(B's matrix) − stat(A's matrix)`
/// for each statistic, all from the same resamples.
///
/// ```
/// use fitcheck::metrics::bootstrap::{matrix::{paired_matrix_bootstrap, PairedCells}, Resampling};
/// // Truth 0,0,1,1; A predicts 0,1,1,0 (2 right), B predicts 0,0,1,1 (4 right).
/// let cells = PairedCells::from_rows(2, &[0, 0, 1, 1], &[0, 1, 1, 0], &[0, 0, 1, 1]);
/// let acc = |m: &[Vec<u64>]| Some((m[0][0] + m[1][1]) as f64 / 4.0);
/// let d = paired_matrix_bootstrap(&cells, &Resampling::default(), &[&acc]);
/// assert_eq!(d[0].as_ref().unwrap().estimate, 0.5);
/// ```
pub fn paired_matrix_bootstrap(
    cells: &PairedCells,
    resampling: &Resampling,
    stats: &[MatrixStat],
) -> Vec<Result<BootInterval, Undefined>> {
    let (a, b) = cells.matrices();
    let estimates: Vec<Result<f64, Undefined>> = stats
        .iter()
        .map(|s| match (s(&b), s(&a)) {
            (Some(vb), Some(va)) => Ok(vb - va),
            _ => Err(Undefined(UNDEFINED_ON_DATA.into())),
        })
        .collect();
    let k = cells.classes;
    let counts: Vec<Vec<u64>> = cells
        .by_truth
        .iter()
        .map(|c| c.cells.iter().map(|x| x.2).collect())
        .collect();
    let firsts: Vec<Option<Binomial>> = cells
        .by_truth
        .iter()
        .zip(&counts)
        .map(|(c, counts)| first_binomial(c.total, counts))
        .collect();
    let mut draws = vec![Vec::with_capacity(resampling.resamples as usize); stats.len()];
    let mut rng = resampling.rng();
    let (mut ma, mut mb) = (vec![vec![0u64; k]; k], vec![vec![0u64; k]; k]);
    let mut drawn = Vec::new();
    for _ in 0..resampling.resamples {
        for t in 0..k {
            ma[t].iter_mut().for_each(|x| *x = 0);
            mb[t].iter_mut().for_each(|x| *x = 0);
            let class = &cells.by_truth[t];
            multinomial(
                &mut rng,
                class.total,
                &counts[t],
                firsts[t].as_ref(),
                &mut drawn,
            );
            for (&(pa, pb, _), &x) in class.cells.iter().zip(&drawn) {
                ma[t][pa as usize] += x;
                mb[t][pb as usize] += x;
            }
        }
        for (s, out) in stats.iter().zip(draws.iter_mut()) {
            out.push(match (s(&mb), s(&ma)) {
                (Some(vb), Some(va)) => Some(vb - va),
                _ => None,
            });
        }
    }
    estimates
        .into_iter()
        .zip(draws.iter_mut())
        .map(|(e, d)| percentile_interval(e, d))
        .collect()
}

/// The stratified bootstrap of each statistic of one confusion matrix
/// (rows true, columns predicted): each row redrawn multinomially with its
/// own total and cell shares. From rows this is the stratified row
/// bootstrap; from counts alone it is the parametric bootstrap of the counts.
pub fn matrix_bootstrap(
    matrix: &[Vec<u64>],
    resampling: &Resampling,
    stats: &[MatrixStat],
) -> Vec<Result<BootInterval, Undefined>> {
    let estimates: Vec<Result<f64, Undefined>> = stats
        .iter()
        .map(|s| s(matrix).ok_or_else(|| Undefined(UNDEFINED_ON_DATA.into())))
        .collect();
    let totals: Vec<u64> = matrix.iter().map(|r| r.iter().sum()).collect();
    let firsts: Vec<Option<Binomial>> = matrix
        .iter()
        .zip(&totals)
        .map(|(row, &t)| first_binomial(t, row))
        .collect();
    let mut draws = vec![Vec::with_capacity(resampling.resamples as usize); stats.len()];
    let mut rng = resampling.rng();
    let mut m: Vec<Vec<u64>> = matrix.to_vec();
    for _ in 0..resampling.resamples {
        for (t, row) in matrix.iter().enumerate() {
            let mut out = std::mem::take(&mut m[t]);
            multinomial(&mut rng, totals[t], row, firsts[t].as_ref(), &mut out);
            m[t] = out;
        }
        for (s, out) in stats.iter().zip(draws.iter_mut()) {
            out.push(s(&m));
        }
    }
    estimates
        .into_iter()
        .zip(draws.iter_mut())
        .map(|(e, d)| percentile_interval(e, d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_count_the_triples_dense_and_sparse() {
        let truth = [0, 0, 1, 1, 1];
        let a = [0, 1, 1, 1, 0];
        let b = [0, 0, 1, 1, 1];
        let dense = PairedCells::from_rows(2, &truth, &a, &b);
        assert_eq!(dense.nonzero_cells(), 4);
        assert_eq!(
            dense.matrices(),
            (vec![vec![1, 1], vec![1, 2]], vec![vec![2, 0], vec![0, 3]])
        );
        // The same rows as classes of a 200-class problem use the sorted map.
        let sparse = PairedCells::from_rows(200, &truth, &a, &b);
        assert_eq!(sparse.by_truth[..2], dense.by_truth[..]);
        assert_eq!(sparse.nonzero_cells(), 4);
    }

    #[test]
    fn multinomial_keeps_the_total_and_empty_cells_stay_empty() {
        let mut rng = Resampling::default().rng();
        let mut out = Vec::new();
        for _ in 0..100 {
            multinomial(&mut rng, 50, &[10, 0, 30, 10], None, &mut out);
            assert_eq!(out.iter().sum::<u64>(), 50);
            assert_eq!(out[1], 0);
        }
        multinomial(&mut rng, 7, &[7], None, &mut out);
        assert_eq!(out, vec![7]);
        // With the first cell's binomial made once, the same draws.
        let (mut r1, mut r2) = (Resampling::default().rng(), Resampling::default().rng());
        let counts = [3, 5, 2];
        let first = first_binomial(10, &counts);
        let mut again = Vec::new();
        for _ in 0..50 {
            multinomial(&mut r1, 10, &counts, None, &mut out);
            multinomial(&mut r2, 10, &counts, first.as_ref(), &mut again);
            assert_eq!(out, again);
        }
    }
}
