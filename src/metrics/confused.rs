//! The most confused pairs of classes: the largest off-diagonal cells of a
//! confusion matrix, for reports with too many classes to read the matrix
//! whole (the page's canvas heatmap, the terminal's list).
//!
//! Convention: largest count first, ties in matrix order (row, then column);
//! cells on the diagonal (right answers) and empty cells are not pairs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// How many most-confused pairs a multiclass report lists.
pub const CONFUSED_PAIRS: usize = 20;

/// The `k` largest off-diagonal cells as (count, true index, predicted
/// index), largest first, ties in matrix order. Keeps `k` cells at a time,
/// so memory does not grow with the matrix.
pub fn most_confused(confusion: &[Vec<u64>], k: usize) -> (Vec<(u64, usize, usize)>, u64) {
    // A min-heap of the best `k` so far: the smallest count (and, among
    // equal counts, the latest cell) is on top, ready to be replaced.
    let mut heap: BinaryHeap<(Reverse<u64>, usize, usize)> = BinaryHeap::with_capacity(k + 1);
    let mut mistakes = 0u64;
    for (t, row) in confusion.iter().enumerate() {
        for (p, &cell) in row.iter().enumerate() {
            if t == p || cell == 0 {
                continue;
            }
            mistakes += 1;
            heap.push((Reverse(cell), t, p));
            if heap.len() > k {
                heap.pop();
            }
        }
    }
    let mut top: Vec<(u64, usize, usize)> = heap
        .into_iter()
        .map(|(Reverse(c), t, p)| (c, t, p))
        .collect();
    // At most `k` pairs (CONFUSED_PAIRS): a short sort.
    crate::metrics::short_sort::sort_short_by(&mut top, |a, b| {
        b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2)))
    });
    (top, mistakes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_confused_keeps_the_largest_cells() {
        // Off-diagonal cells: (0,1)=5 (0,2)=1 (1,0)=7 (1,2)=0 (2,0)=5 (2,1)=2.
        let m = vec![vec![9, 5, 1], vec![7, 9, 0], vec![5, 2, 9]];
        let (top, cells) = most_confused(&m, 3);
        assert_eq!(cells, 5);
        assert_eq!(top, vec![(7, 1, 0), (5, 0, 1), (5, 2, 0)]);
        let (all, _) = most_confused(&m, 10);
        assert_eq!(all.len(), 5);
        assert_eq!(all.last(), Some(&(1, 0, 2)));
    }
}
