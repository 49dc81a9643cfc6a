//! Sorting the report's short lists (its warnings, its intervals, the most
//! confused pairs) by insertion, stably.
//!
//! Each call of the standard library's `sort_by` or `sort_by_key` with a
//! closure of its own is compiled into a copy of the whole sort (driftsort:
//! 2–6 kB of wasm each), and the page's core held four of them for lists of
//! a dozen items at most. Hand-written rather than std's because of that:
//! the insertion below is a few hundred bytes per use, and for lists this
//! short it is as fast. Measured on the page's core (`gzip -9` after
//! wasm-opt): 113.2 → 106.1 kB with the counts report's three short sorts
//! here (warnings, intervals, confused pairs); countsReport's time unchanged.
//! Lists that can be long (rows, scores, classes) keep std's sorts.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order: the
/// order `items.sort_by(compare)` gives. Quadratic: only for lists of at
/// most a few dozen items.
///
/// ```
/// use fitcheck::metrics::short_sort::sort_short_by;
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
/// sort_short_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_short_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` by `key`, keeping equal keys in their order: the order
/// `items.sort_by_key(key)` gives. Only for short lists (see [`sort_short_by`]).
pub fn sort_short_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_short_by(items, |a, b| key(a).cmp(&key(b)));
}

/// proptest's random source does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as std's stable sort, ties included (the second
        /// field tells equal keys apart).
        #[test]
        fn sorts_as_std_sort_by_key(keys in proptest::collection::vec(0u8..4, 0..40)) {
            let items: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut ours = items.clone();
            sort_short_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
            let mut std_sorted = items;
            std_sorted.sort_by_key(|x| std::cmp::Reverse(x.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
