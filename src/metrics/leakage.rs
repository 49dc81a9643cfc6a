//! Train/test leakage counts, as deepchecks defines them, from one
//! [`RowHash`] per row (`input/leakage`).
//!
//! - `test_in_train` (deepchecks `TrainTestSamplesMix`): over the distinct
//!   rows (every compared column, label included) present in both sets, the
//!   number of test rows that are copies of them, each occurrence counted;
//!   ratio = that ÷ test rows. Equivalently: test rows whose whole row occurs
//!   in training.
//! - `test_in_train_ignoring_label`: the same over the features alone.
//! - `conflicting_labels`: test rows whose features occur in training with a
//!   different label (at least one training copy of the features carries
//!   another label); ratio ÷ test rows. Only with a label column.
//! - `train_duplicates`, `test_duplicates` (deepchecks `DataDuplicates`):
//!   rows − distinct rows, ratio ÷ rows.
//! - The first [`MAX_EXAMPLES`] overlapping test rows (file order), each
//!   with the training row of its first copy.
//!
//! **Collisions.** Rows are compared by 64-bit XXH3 hashes, not confirmed
//! against the rows (which are not kept). Two different rows share a hash
//! with chance 2⁻⁶⁴ per pair. Among n = 10⁸ distinct rows the birthday
//! bound gives the chance of any collision at most n²/2⁶⁵ ≈ 2.7·10⁻⁴;
//! the chance that any test row is miscounted as seen in a training set
//! (10⁶ test rows against 10⁸ training rows) is at most 10¹⁴/2⁶⁴ ≈
//! 5.4·10⁻⁶. A collision can only add a match, never hide one.
//!
//! **Cost.** The training hashes (16 bytes per row) are sorted in place;
//! every lookup is a binary search: O((n + m) log n) time for n training
//! and m test rows, and beyond the hashes O(m) memory.

use crate::input::leakage::RowHash;

/// Most overlapping test rows listed.
pub const MAX_EXAMPLES: usize = 100;

/// The leakage counts of one train/test pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeakageCounts {
    /// Training rows.
    pub train_rows: u64,
    /// Test rows.
    pub test_rows: u64,
    /// Test rows whose whole row occurs in training.
    pub test_in_train: u64,
    /// Test rows whose features occur in training.
    pub test_in_train_ignoring_label: u64,
    /// Test rows whose features occur in training with another label;
    /// `None` without a label column.
    pub conflicting_labels: Option<u64>,
    /// Distinct training rows.
    pub train_distinct: u64,
    /// Distinct test rows.
    pub test_distinct: u64,
    /// `(test row, training row of its first copy)`, 0-based, the first
    /// [`MAX_EXAMPLES`] overlapping test rows in file order.
    pub examples: Vec<(u64, u64)>,
}

/// Counts the leakage of `test` into `train` (see the module doc).
/// `train` is sorted in place; `has_label` says whether the hashes carry a
/// label (without one, conflicting labels are not counted).
pub fn leakage_counts(train: &mut [RowHash], test: &[RowHash], has_label: bool) -> LeakageCounts {
    // Distinct test rows, sorted, and the first training copy of each.
    let mut test_distinct: Vec<u64> = test.iter().map(|r| r.full).collect();
    test_distinct.sort_unstable();
    test_distinct.dedup();
    let mut first_copy = vec![u64::MAX; test_distinct.len()];
    for (i, row) in train.iter().enumerate() {
        if let Ok(k) = test_distinct.binary_search(&row.full) {
            if first_copy[k] == u64::MAX {
                first_copy[k] = i as u64;
            }
        }
    }
    train.sort_unstable();
    let train_distinct = distinct_sorted(train);

    let mut counts = LeakageCounts {
        train_rows: train.len() as u64,
        test_rows: test.len() as u64,
        test_in_train: 0,
        test_in_train_ignoring_label: 0,
        conflicting_labels: has_label.then_some(0),
        train_distinct,
        test_distinct: test_distinct.len() as u64,
        examples: Vec::new(),
    };
    for (j, row) in test.iter().enumerate() {
        let lo = train.partition_point(|r| r.features < row.features);
        let hi = lo + train[lo..].partition_point(|r| r.features == row.features);
        if lo == hi {
            continue;
        }
        counts.test_in_train_ignoring_label += 1;
        let same = &train[lo..hi];
        // Sorted by (features, full): another label shows at either end.
        if let Some(c) = counts.conflicting_labels.as_mut() {
            if same[0].full != row.full || same[same.len() - 1].full != row.full {
                *c += 1;
            }
        }
        if same.binary_search(row).is_ok() {
            counts.test_in_train += 1;
            if counts.examples.len() < MAX_EXAMPLES {
                let k = test_distinct.binary_search(&row.full).unwrap_or(0);
                counts.examples.push((j as u64, first_copy[k]));
            }
        }
    }
    counts
}

/// Distinct rows of a sorted slice.
fn distinct_sorted(rows: &[RowHash]) -> u64 {
    let breaks = rows.windows(2).filter(|w| w[0] != w[1]).count();
    (breaks + usize::from(!rows.is_empty())) as u64
}
