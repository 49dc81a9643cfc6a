//! The one curve primitive: sort the scores once, merge ties, and keep the
//! cumulative true and false positives at every distinct threshold
//! (scikit-learn's `_binary_clf_curve`). ROC, PR, AUC, average precision,
//! operating points and the threshold slider all read from it.
//!
//! Convention: a score at or above the threshold predicts positive. The
//! distinct thresholds are kept in descending order; at `thresholds[i]`
//! the model calls `tps[i] + fps[i]` examples positive.
//!
//! ```
//! use fitcheck::metrics::curve::ScoreCurve;
//! // scores 0.9 (pos), 0.8 (neg), 0.8 (pos), 0.1 (neg): the tie at 0.8 is merged.
//! let c = ScoreCurve::new(&[true, false, true, false], &[0.9, 0.8, 0.8, 0.1]);
//! assert_eq!(c.thresholds, vec![0.9, 0.8, 0.1]);
//! assert_eq!((c.tps.clone(), c.fps.clone()), (vec![1, 2, 2], vec![0, 1, 2]));
//! assert_eq!(c.counts_at(0.85), (1, 0)); // tp, fp: only 0.9 is at or above
//! ```

use crate::metrics::decimal_sort::ClassCounts;
use crate::metrics::divide::{share, MetricValue, Undefined};

/// Cumulative counts at each distinct score, highest first.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreCurve {
    /// Distinct scores, descending.
    pub thresholds: Vec<f64>,
    /// Positives with a score at or above `thresholds[i]`.
    pub tps: Vec<u64>,
    /// Negatives with a score at or above `thresholds[i]`.
    pub fps: Vec<u64>,
    /// All positives.
    pub positives: u64,
    /// All negatives.
    pub negatives: u64,
}

/// Points of a curve for drawing or JSON, with the threshold of each.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CurvePoints {
    /// x of each point (FPR for ROC, recall for PR).
    pub x: Vec<f64>,
    /// y of each point (TPR for ROC, precision for PR).
    pub y: Vec<f64>,
    /// The threshold of each point; `null` for an end point that has none.
    pub thresholds: Vec<Option<f64>>,
}

impl ScoreCurve {
    /// Builds the curve from positive flags and finite scores of equal length.
    /// Sorts positives and negatives apart, then merges them, so ties between
    /// the two are counted together at one threshold.
    pub fn new(is_positive: &[bool], scores: &[f64]) -> Self {
        let mut pos: Vec<f64> = Vec::new();
        let mut neg: Vec<f64> = Vec::new();
        for (&p, &s) in is_positive.iter().zip(scores) {
            if p {
                pos.push(s);
            } else {
                neg.push(s);
            }
        }
        Self::from_parts(pos, neg)
    }

    /// Builds the curve from the scores of positives and of negatives.
    pub fn from_parts(mut pos: Vec<f64>, mut neg: Vec<f64>) -> Self {
        sort_descending(&mut pos);
        sort_descending(&mut neg);
        Self::from_sorted(&pos, &neg)
    }

    /// Builds the curve from scores of positives and of negatives already
    /// sorted in descending order (no copy is made of them).
    pub fn from_sorted(pos: &[f64], neg: &[f64]) -> Self {
        let (positives, negatives) = (pos.len() as u64, neg.len() as u64);
        // Two passes over the merged lists: count the distinct scores, then
        // fill vectors of exactly that size (no growth, no spare capacity:
        // in wasm, memory once grown is never given back).
        let distinct = merge_distinct(pos, neg, |_, _, _| {});
        let mut thresholds = Vec::with_capacity(distinct);
        let mut tps = Vec::with_capacity(distinct);
        let mut fps = Vec::with_capacity(distinct);
        merge_distinct(pos, neg, |t, tp, fp| {
            thresholds.push(t);
            tps.push(tp);
            fps.push(fp);
        });
        ScoreCurve {
            thresholds,
            tps,
            fps,
            positives,
            negatives,
        }
    }

    /// The curve of a column counted by decimal step and class, with rows
    /// of class `positive_class` (0 or 1) as the positives: the curve
    /// [`ScoreCurve::from_sorted`] gives for the sorted column
    /// ([`crate::metrics::decimal_sort::sort_classes_by_counting`]), to the
    /// bit, since a step is one distinct score and higher steps score
    /// higher. One pass over the steps (a million for six decimals)
    /// instead of two over the rows. On 10M six-decimal scores the curve
    /// stage went from 52 to 12 ms natively (`cargo bench --bench
    /// file_report`, medians of 5 alternated), and the page's report, with
    /// the calibration sums also read from the counts, from 252 to 189 ms
    /// (the wasm in Node, first run, medians of 7 alternated, quiet machine).
    pub fn from_class_counts(counts: &ClassCounts, positive_class: usize) -> Self {
        let (p, q) = (positive_class.min(1), 1 - positive_class.min(1));
        // Exactly sized vectors, as `from_sorted` makes them.
        let distinct = counts
            .table()
            .chunks_exact(2)
            .filter(|k| k[0] | k[1] != 0)
            .count();
        let mut thresholds = Vec::with_capacity(distinct);
        let mut tps = Vec::with_capacity(distinct);
        let mut fps = Vec::with_capacity(distinct);
        let (mut tp, mut fp) = (0u64, 0u64);
        for step in (0..counts.steps()).rev() {
            let k = counts.at(step);
            if k[0] | k[1] == 0 {
                continue;
            }
            tp += u64::from(k[p]);
            fp += u64::from(k[q]);
            thresholds.push(counts.score(step));
            tps.push(tp);
            fps.push(fp);
        }
        ScoreCurve {
            thresholds,
            tps,
            fps,
            positives: counts.rows_of_class(p) as u64,
            negatives: counts.rows_of_class(q) as u64,
        }
    }

    /// How many distinct thresholds there are.
    pub fn len(&self) -> usize {
        self.thresholds.len()
    }

    /// Whether there are no scores at all.
    pub fn is_empty(&self) -> bool {
        self.thresholds.is_empty()
    }

    /// Number of distinct thresholds at or above `threshold` (binary search).
    pub fn index_at(&self, threshold: f64) -> usize {
        self.thresholds.partition_point(|&t| t >= threshold)
    }

    /// `(tp, fp)` when scores at or above `threshold` are called positive.
    pub fn counts_at(&self, threshold: f64) -> (u64, u64) {
        match self.index_at(threshold) {
            0 => (0, 0),
            k => (self.tps[k - 1], self.fps[k - 1]),
        }
    }

    /// The `rank`-th distinct threshold counted from the lowest (0 = lowest
    /// score, which calls everything positive). Slider positions are ranks.
    pub fn threshold_of_rank(&self, rank: usize) -> Option<f64> {
        let n = self.thresholds.len();
        (rank < n).then(|| self.thresholds[n - 1 - rank])
    }

    /// The rank of the lowest distinct score at or above `threshold`
    /// (`len()` when the threshold is above every score).
    pub fn rank_of(&self, threshold: f64) -> usize {
        self.len() - self.index_at(threshold)
    }

    /// ROC points as scikit-learn's `roc_curve`: a first point (0, 0) with no
    /// threshold (scikit-learn writes +inf), then one point per distinct
    /// threshold; with `drop_intermediate`, points on a straight segment are
    /// dropped exactly as scikit-learn drops them. `None` if a class is absent.
    pub fn roc(&self, drop_intermediate: bool) -> Option<CurvePoints> {
        if self.positives == 0 || self.negatives == 0 {
            return None;
        }
        let keep = self.kept(drop_intermediate, |i| (self.fps[i], self.tps[i]));
        let (p, n) = (self.positives as f64, self.negatives as f64);
        let mut pts = CurvePoints {
            x: vec![0.0],
            y: vec![0.0],
            thresholds: vec![None],
        };
        for i in keep {
            pts.x.push(self.fps[i] as f64 / n);
            pts.y.push(self.tps[i] as f64 / p);
            pts.thresholds.push(Some(self.thresholds[i]));
        }
        Some(pts)
    }

    fn kept(&self, drop: bool, key: impl Fn(usize) -> (u64, u64)) -> Vec<usize> {
        let m = self.len();
        if !drop || m <= 2 {
            return (0..m).collect();
        }
        // scikit-learn keeps the ends and every point where the second
        // difference of fps or tps is non-zero (a change of direction).
        let mut keep = vec![0];
        for i in 1..m - 1 {
            let (f0, t0) = key(i - 1);
            let (f1, t1) = key(i);
            let (f2, t2) = key(i + 1);
            let second = |a: u64, b: u64, c: u64| (c as i128 - b as i128) - (b as i128 - a as i128);
            if second(f0, f1, f2) != 0 || second(t0, t1, t2) != 0 {
                keep.push(i);
            }
        }
        keep.push(m - 1);
        keep
    }

    /// Precision–recall points as scikit-learn's `precision_recall_curve`:
    /// in increasing threshold order, ending at precision 1, recall 0 (no threshold).
    pub fn pr(&self) -> Option<CurvePoints> {
        if self.positives == 0 {
            return None;
        }
        let p = self.positives as f64;
        let mut pts = CurvePoints {
            x: Vec::new(),
            y: Vec::new(),
            thresholds: Vec::new(),
        };
        for i in (0..self.len()).rev() {
            let called = self.tps[i] + self.fps[i];
            // scikit-learn's zero_division for the curve: 0/0 precision is 0.
            pts.y.push(share(self.tps[i], called).unwrap_or(0.0));
            pts.x.push(self.tps[i] as f64 / p);
            pts.thresholds.push(Some(self.thresholds[i]));
        }
        pts.y.push(1.0);
        pts.x.push(0.0);
        pts.thresholds.push(None);
        Some(pts)
    }

    /// Area under the ROC curve by the trapezoid rule, as scikit-learn's
    /// `roc_auc_score`; ties count half. Undefined with one class only.
    pub fn roc_auc(&self) -> MetricValue {
        if self.positives == 0 || self.negatives == 0 {
            return Err(Undefined(self.one_class_reason()));
        }
        // Straight from the cumulative counts, as roc() would give the
        // points, without building them: the curve starts at (0, 0).
        let (p, n) = (self.positives as f64, self.negatives as f64);
        let (mut area, mut x0, mut y0) = (0.0, 0.0, 0.0);
        for i in 0..self.len() {
            let (x, y) = (self.fps[i] as f64 / n, self.tps[i] as f64 / p);
            area += (x - x0) * (y + y0) / 2.0;
            (x0, y0) = (x, y);
        }
        Ok(area)
    }

    /// Average precision as scikit-learn's `average_precision_score`: the
    /// step-wise sum Σ (Rₖ − Rₖ₋₁)·Pₖ over thresholds, not a trapezoid.
    /// Undefined without positives.
    pub fn average_precision(&self) -> MetricValue {
        if self.positives == 0 {
            return Err(Undefined(
                "there are no positive examples, so recall is 0/0 at every threshold".into(),
            ));
        }
        let p = self.positives as f64;
        let mut ap = 0.0;
        let mut prev_recall = 0.0;
        for i in 0..self.len() {
            let recall = self.tps[i] as f64 / p;
            let precision = self.tps[i] as f64 / (self.tps[i] + self.fps[i]) as f64;
            ap += (recall - prev_recall) * precision;
            prev_recall = recall;
        }
        Ok(ap.max(0.0))
    }

    fn one_class_reason(&self) -> String {
        if self.positives == 0 {
            "there are no positive examples, so the true positive rate is 0/0".into()
        } else {
            "there are no negative examples, so the false positive rate is 0/0".into()
        }
    }
}

/// Walks two descending score lists as one, calling `visit(score, tp, fp)`
/// once per distinct score with the cumulative counts at or above it.
/// Returns how many distinct scores there are.
fn merge_distinct(pos: &[f64], neg: &[f64], mut visit: impl FnMut(f64, u64, u64)) -> usize {
    let (mut i, mut j, mut tp, mut fp, mut distinct) = (0usize, 0usize, 0u64, 0u64, 0usize);
    while i < pos.len() || j < neg.len() {
        // The next distinct score: the larger head of the two lists.
        let t = match (pos.get(i), neg.get(j)) {
            // Not `a.max(b)` alone: in wasm that is a call to `fmax`. Only
            // 0.0 against -0.0 is left to it, which picks the same as before.
            (Some(&a), Some(&b)) if a > b => a,
            (Some(&a), Some(&b)) if b > a || a.to_bits() == b.to_bits() => b,
            (Some(&a), Some(&b)) => a.max(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        while i < pos.len() && pos[i] == t {
            tp += 1;
            i += 1;
        }
        while j < neg.len() && neg[j] == t {
            fp += 1;
            j += 1;
        }
        visit(t, tp, fp);
        distinct += 1;
    }
    distinct
}

/// Sorts scores from highest to lowest (finite scores; -0.0 and 0.0 are
/// equal for the curve, whichever comes first).
///
/// The order is `f64::total_cmp`'s, reversed, and the result is the one
/// `sort_unstable_by(|a, b| b.total_cmp(a))` gives (in that order only
/// equal bit patterns tie). Each score is first turned, in place, into an
/// integer key whose unsigned order is that order ([`descending_key`]), so
/// the sort compares integers instead of calling `total_cmp`; then turned
/// back. Radix sorts (the radsort and voracious_radix_sort crates, LSD with
/// 8/11/16-bit digits, one MSD pass then this sort) were measured on 7M
/// scores on the 2-core benchmark machine: none was faster than this
/// (memory-bound under load), and all need a second copy of the column
/// (80 MB at 10M rows), which the page cannot spare. Scores that are all
/// decimals of one short scale (`0.734251`) are sorted by counting instead
/// ([`crate::metrics::decimal_sort`]), with the same result.
pub fn sort_descending(scores: &mut [f64]) {
    // Scores printed with a few decimals (most score files): by counting.
    if crate::metrics::decimal_sort::sort_descending_by_counting(scores) {
        return;
    }
    sort_descending_by_comparison(scores);
}

/// [`sort_descending`] without trying to count: a comparison sort on
/// integer keys (for tests and the benchmark, which compare the two).
pub fn sort_descending_by_comparison(scores: &mut [f64]) {
    for x in scores.iter_mut() {
        *x = f64::from_bits(descending_key(*x));
    }
    sort_keys(scores);
    for x in scores.iter_mut() {
        *x = f64::from_bits(from_descending_key(x.to_bits()));
    }
}

/// Sorts the keys of [`sort_descending`] (held as `f64` bits) in ascending
/// order. Natively on every core with rayon's in-place parallel quicksort
/// for columns past a million; equal keys are equal bits, so the order is
/// the one sort gives, however the work is shared.
fn sort_keys(keys: &mut [f64]) {
    #[cfg(not(target_arch = "wasm32"))]
    if keys.len() > 1 << 20 {
        use rayon::slice::ParallelSliceMut;
        keys.par_sort_unstable_by_key(|x| x.to_bits());
        return;
    }
    keys.sort_unstable_by_key(|x| x.to_bits());
}

/// An integer whose unsigned order is the descending `f64::total_cmp`
/// order of the scores: `a.total_cmp(&b)` is `descending_key(b).cmp(&descending_key(a))`.
///
/// ```
/// use fitcheck::metrics::curve::descending_key;
/// assert!(descending_key(1.0) < descending_key(0.5));
/// assert!(descending_key(0.0) < descending_key(-0.0));
/// assert!(descending_key(-0.0) < descending_key(-1.0));
/// ```
#[inline(always)]
pub fn descending_key(x: f64) -> u64 {
    let bits = x.to_bits();
    // Ascending total order: negatives have every bit flipped, positives
    // only the sign bit. Descending: flip all of that.
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    };
    !ascending
}

/// The score of a [`descending_key`].
#[inline(always)]
fn from_descending_key(key: u64) -> u64 {
    let ascending = !key;
    if ascending >> 63 == 1 {
        ascending & !(1 << 63)
    } else {
        !ascending
    }
}

/// Thins a curve to at most `max_points` for drawing, always keeping the
/// first and last points and every point where the curve turns the most.
/// Reported AUC and AP are computed on the full curve, never on this.
pub fn decimate(points: &CurvePoints, max_points: usize) -> CurvePoints {
    let n = points.x.len();
    if n <= max_points {
        return points.clone();
    }
    let pick = |keep: &[usize]| CurvePoints {
        x: keep.iter().map(|&i| points.x[i]).collect(),
        y: keep.iter().map(|&i| points.y[i]).collect(),
        thresholds: keep.iter().map(|&i| points.thresholds[i]).collect(),
    };
    if max_points < 3 {
        // Room for the ends only (or just the first point).
        let ends: Vec<usize> = if max_points == 2 {
            vec![0, n - 1]
        } else {
            vec![0]
        };
        return pick(&ends);
    }
    // Keep points spaced evenly along the curve's length, so flat stretches
    // cost few points and steep turns keep theirs.
    let mut length = vec![0.0; n];
    for i in 1..n {
        let (dx, dy) = (points.x[i] - points.x[i - 1], points.y[i] - points.y[i - 1]);
        length[i] = length[i - 1] + (dx * dx + dy * dy).sqrt();
    }
    let total = length[n - 1].max(f64::MIN_POSITIVE);
    let step = total / (max_points - 1) as f64;
    let mut keep = vec![0usize];
    let mut next = step;
    for (i, &len) in length.iter().enumerate().take(n - 1).skip(1) {
        if len >= next {
            keep.push(i);
            next = len + step;
        }
    }
    keep.push(n - 1);
    // Rounding in the spacing can leave one point too many: drop interior ones.
    while keep.len() > max_points {
        keep.remove(keep.len() - 2);
    }
    pick(&keep)
}
