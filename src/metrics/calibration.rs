//! Calibration and score distributions: a reliability diagram (fraction of
//! positives per score bin against the mean score in it), log loss and
//! Brier score as scikit-learn defines them, and histograms of the scores
//! of positives and negatives.

use crate::metrics::decimal_sort::ClassCounts;
use crate::metrics::divide::{divide_reals, MetricValue, Undefined};
use crate::metrics::repeated_add::{add_repeatedly, constant_steps};
use serde::Serialize;

/// Bins of the reliability diagram (as `calibration_curve(n_bins=10)`).
pub const CALIBRATION_BINS: usize = 10;

/// Bins of each score histogram.
pub const HISTOGRAM_BINS: usize = 40;

/// Expected calibration error above which scores are called poorly calibrated.
pub const POOR_CALIBRATION: f64 = 0.1;

/// One bin of the reliability diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationBin {
    /// Lower edge of the bin.
    pub low: f64,
    /// Upper edge of the bin.
    pub high: f64,
    /// Examples whose score falls in it.
    pub count: u64,
    /// Their mean score.
    pub mean_score: f64,
    /// The share of them that are positive.
    pub fraction_positive: f64,
}

/// The reliability diagram and its summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Non-empty bins, low to high.
    pub bins: Vec<CalibrationBin>,
    /// Expected calibration error: Σ (count/n)·|fraction positive − mean score|.
    pub ece: f64,
}

/// Score histograms of positives and negatives over the same bins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    /// Bin edges, `HISTOGRAM_BINS + 1` of them, from the lowest to the highest score.
    pub edges: Vec<f64>,
    /// Positives per bin.
    pub positives: Vec<u64>,
    /// Negatives per bin.
    pub negatives: Vec<u64>,
}

/// Labelled scores in either layout: one list with a flag per example, or
/// the scores of positives and of negatives apart (as the curve keeps them).
#[derive(Clone, Copy)]
pub enum Labelled<'a> {
    /// `is_positive[i]` says whether `scores[i]` belongs to a positive.
    Flags(&'a [bool], &'a [f64]),
    /// Scores of positives, then scores of negatives.
    Split(&'a [f64], &'a [f64]),
    /// A column counted by decimal step and class, with the rows of the
    /// class given (0 or 1) as positives: the examples, in order, of
    /// `Split` on that column sorted
    /// ([`crate::metrics::decimal_sort::sort_classes_by_counting`]).
    Counted(&'a ClassCounts, usize),
}

impl Labelled<'_> {
    fn len(&self) -> usize {
        match self {
            Labelled::Flags(_, s) => s.len(),
            Labelled::Split(p, n) => p.len() + n.len(),
            Labelled::Counted(c, _) => c.rows(),
        }
    }

    /// Calls `f(is_positive, score)` for every example, in order. A plain
    /// loop over each slice (not a boxed iterator): it runs once per
    /// example for every metric here, and inlines into tight loops.
    #[inline(always)]
    fn each(&self, mut f: impl FnMut(bool, f64)) {
        match *self {
            Labelled::Flags(y, s) => y.iter().zip(s).for_each(|(&y, &s)| f(y, s)),
            Labelled::Split(p, n) => {
                p.iter().for_each(|&s| f(true, s));
                n.iter().for_each(|&s| f(false, s));
            }
            Labelled::Counted(..) => self.each_run(|y, s, r| (0..r).for_each(|_| f(y, s))),
        }
    }

    /// Calls `f(is_positive, score, r)` for every run of `r` consecutive
    /// examples of one class whose scores have the same bits, in order.
    #[inline(always)]
    fn each_run(&self, mut f: impl FnMut(bool, f64, usize)) {
        fn runs(y: &[bool], s: &[f64], f: &mut impl FnMut(bool, f64, usize)) {
            let mut i = 0;
            while i < s.len() {
                let (yi, bits) = (y[i], s[i].to_bits());
                let mut j = i + 1;
                while j < s.len() && s[j].to_bits() == bits && y[j] == yi {
                    j += 1;
                }
                f(yi, s[i], j - i);
                i = j;
            }
        }
        fn side_runs(y: bool, s: &[f64], f: &mut impl FnMut(bool, f64, usize)) {
            let mut i = 0;
            while i < s.len() {
                let bits = s[i].to_bits();
                let mut j = i + 1;
                while j < s.len() && s[j].to_bits() == bits {
                    j += 1;
                }
                f(y, s[i], j - i);
                i = j;
            }
        }
        match *self {
            Labelled::Flags(y, s) => runs(y, s, &mut f),
            Labelled::Split(p, n) => {
                side_runs(true, p, &mut f);
                side_runs(false, n, &mut f);
            }
            Labelled::Counted(c, positive) => {
                // A step is one score (its bits) and steps go down: one
                // run per step with rows of the class, as in the sorted column.
                let positive = positive.min(1);
                for (class, y) in [(positive, true), (1 - positive, false)] {
                    for step in (0..c.steps()).rev() {
                        let r = c.at(step)[class];
                        if r > 0 {
                            f(y, c.score(step), r as usize);
                        }
                    }
                }
            }
        }
    }

    fn all_probabilities(&self) -> bool {
        let probability = |s: &f64| (0.0..=1.0).contains(s);
        match *self {
            Labelled::Flags(_, s) => s.iter().all(probability),
            Labelled::Split(p, n) => p.iter().all(probability) && n.iter().all(probability),
            Labelled::Counted(c, _) => {
                counted_range(c).is_none_or(|(lo, hi)| probability(&lo) && probability(&hi))
            }
        }
    }
}

/// Neumaier-compensated sum: close to the exact sum, as numpy's pairwise sum is.
#[derive(Default)]
struct Neumaier {
    total: f64,
    compensation: f64,
}

impl Neumaier {
    #[inline(always)]
    fn add(&mut self, v: f64) {
        let t = self.total + v;
        if self.total.abs() >= v.abs() {
            self.compensation += (self.total - t) + v;
        } else {
            self.compensation += (v - t) + self.total;
        }
        self.total = t;
    }

    /// `r` calls of [`Neumaier::add`] with `v`, to the bit. While the total
    /// moves away from zero in one binade (`v` no larger than it, of its
    /// sign), every call adds the same rounded `V` to the total and the same
    /// exact error `v − V` to the compensation
    /// ([`crate::metrics::repeated_add`]).
    #[inline(always)]
    fn add_times(&mut self, v: f64, r: usize) {
        let same_sign = v == 0.0 || v.is_sign_negative() == self.total.is_sign_negative();
        match constant_steps(self.total, v, r) {
            Some((total, error)) if same_sign && self.total.abs() >= v.abs() => {
                self.compensation =
                    if error == 0.0 && self.compensation.to_bits() != (-0.0f64).to_bits() {
                        // Adding zero changes nothing but −0.0 (which a
                        // compensation never is: it starts at +0.0, and a sum
                        // is −0.0 only when both terms are).
                        self.compensation
                    } else if self.compensation == 0.0 && error != 0.0 {
                        // ±0 + e is e exactly; `add_repeatedly` would go one at
                        // a time from zero (r ≥ 1 here: `constant_steps` said so).
                        add_repeatedly(error, error, r - 1)
                    } else {
                        add_repeatedly(self.compensation, error, r)
                    };
                self.total = total;
            }
            _ => (0..r).for_each(|_| self.add(v)),
        }
    }

    fn value(&self) -> f64 {
        self.total + self.compensation
    }
}

const NO_EXAMPLES: &str = "there are no examples";
const NOT_PROBABILITIES: &str = "the scores are not probabilities (some lie outside [0, 1])";

/// One mean of `term(y, p)` over the examples, summed in order ([`Neumaier`]).
/// A run of one score (sorted scores repeat a lot) reuses the last term: the
/// same terms are added in the same order, so the sum is unchanged.
struct MeanOf<F: Fn(bool, f64) -> f64> {
    term: F,
    total: Neumaier,
    last: Option<(bool, u64, f64)>,
}

impl<F: Fn(bool, f64) -> f64> MeanOf<F> {
    fn new(term: F) -> Self {
        MeanOf {
            term,
            total: Neumaier::default(),
            last: None,
        }
    }

    #[inline(always)]
    fn add(&mut self, y: bool, s: f64) {
        let v = match self.last {
            Some((ly, bits, v)) if ly == y && bits == s.to_bits() => v,
            _ => {
                let v = (self.term)(y, s);
                self.last = Some((y, s.to_bits(), v));
                v
            }
        };
        self.total.add(v);
    }

    fn value(&self, n: usize) -> MetricValue {
        divide_reals(self.total.value(), n as f64, NO_EXAMPLES)
    }
}

/// Log loss's term: −ln(p) for a positive, −ln(1 − p) for a negative, with
/// p clipped to [ε, 1 − ε] (ε = 2.2e-16), as scikit-learn clips.
fn log_loss_term(y: bool, p: f64) -> f64 {
    let eps = f64::EPSILON;
    let q = if y { p } else { 1.0 - p };
    -q.clamp(eps, 1.0 - eps).ln()
}

/// Brier score's term: (y − p)².
fn brier_term(y: bool, p: f64) -> f64 {
    let d = f64::from(u8::from(y)) - p;
    d * d
}

/// Log loss as scikit-learn's `log_loss` for binary labels: the mean of
/// −ln(p) for positives and −ln(1 − p) for negatives, with p clipped to
/// [ε, 1 − ε] (ε = 2.2e-16). Undefined unless all scores lie in [0, 1].
pub fn log_loss(is_positive: &[bool], scores: &[f64]) -> MetricValue {
    log_loss_of(Labelled::Flags(is_positive, scores))
}

/// [`log_loss`] for either layout of labelled scores.
pub fn log_loss_of(data: Labelled) -> MetricValue {
    // With no examples every score is (vacuously) a probability, and the
    // mean below is 0/0: undefined because there are no examples.
    if !data.all_probabilities() {
        return Err(Undefined(NOT_PROBABILITIES.into()));
    }
    let mut mean = MeanOf::new(log_loss_term);
    data.each(|y, s| mean.add(y, s));
    mean.value(data.len())
}

/// Brier score as scikit-learn's `brier_score_loss`: the mean of (y − p)².
/// Undefined unless all scores lie in [0, 1].
pub fn brier_score(is_positive: &[bool], scores: &[f64]) -> MetricValue {
    brier_score_of(Labelled::Flags(is_positive, scores))
}

/// [`brier_score`] for either layout of labelled scores.
pub fn brier_score_of(data: Labelled) -> MetricValue {
    // With no examples every score is (vacuously) a probability, and the
    // mean below is 0/0: undefined because there are no examples.
    if !data.all_probabilities() {
        return Err(Undefined(NOT_PROBABILITIES.into()));
    }
    let mut mean = MeanOf::new(brier_term);
    data.each(|y, s| mean.add(y, s));
    mean.value(data.len())
}

/// The reliability diagram over ten equal bins of [0, 1], binned exactly as
/// scikit-learn's `calibration_curve(strategy="uniform")`: the bin of a score
/// is the number of inner edges (0.1, 0.2, …, 0.9 as `i × 0.1`) strictly below
/// it, so a score on an edge goes to the lower bin.
/// `None` unless scores are probabilities.
pub fn calibration(is_positive: &[bool], scores: &[f64]) -> Option<Calibration> {
    calibration_of(Labelled::Flags(is_positive, scores))
}

/// [`calibration`] for either layout of labelled scores.
pub fn calibration_of(data: Labelled) -> Option<Calibration> {
    if data.len() == 0 || !data.all_probabilities() {
        return None;
    }
    let mut bins = CalibrationBins::new();
    data.each(|y, s| bins.add(y, s));
    Some(bins.finish(data.len()))
}

/// The reliability diagram's sums, one example at a time.
struct CalibrationBins {
    counts: [u64; CALIBRATION_BINS],
    score_sums: [f64; CALIBRATION_BINS],
    positives: [u64; CALIBRATION_BINS],
    inner: [f64; CALIBRATION_BINS - 1],
    /// The last score's bits and bin: a run of one score (sorted scores
    /// repeat) falls in one bin, so the bin search is skipped for it; the
    /// sums get the same additions in order.
    last: Option<(u64, usize)>,
}

impl CalibrationBins {
    fn new() -> Self {
        // numpy.linspace(0, 1, k + 1) computes the edges as i × (1 / k).
        let step = 1.0 / CALIBRATION_BINS as f64;
        CalibrationBins {
            counts: [0; CALIBRATION_BINS],
            score_sums: [0.0; CALIBRATION_BINS],
            positives: [0; CALIBRATION_BINS],
            inner: std::array::from_fn(|i| (i + 1) as f64 * step),
            last: None,
        }
    }

    /// The bin of a score: the number of inner edges strictly below it.
    #[inline(always)]
    fn bin(&self, s: f64) -> usize {
        self.inner.partition_point(|&e| e < s)
    }

    #[inline(always)]
    fn add(&mut self, y: bool, s: f64) {
        let bin = match self.last {
            Some((bits, bin)) if bits == s.to_bits() => bin,
            _ => {
                let bin = self.bin(s);
                self.last = Some((s.to_bits(), bin));
                bin
            }
        };
        self.counts[bin] += 1;
        self.score_sums[bin] += s;
        self.positives[bin] += u64::from(y);
    }

    fn finish(&self, len: usize) -> Calibration {
        let k = CALIBRATION_BINS;
        let (counts, score_sums, positives) = (&self.counts, &self.score_sums, &self.positives);
        let n = len as f64;
        let mut bins = Vec::new();
        let mut ece = 0.0;
        for b in 0..k {
            if counts[b] == 0 {
                continue;
            }
            let mean_score = score_sums[b] / counts[b] as f64;
            let fraction_positive = positives[b] as f64 / counts[b] as f64;
            ece += counts[b] as f64 / n * (fraction_positive - mean_score).abs();
            bins.push(CalibrationBin {
                low: b as f64 / k as f64,
                high: (b + 1) as f64 / k as f64,
                count: counts[b],
                mean_score,
                fraction_positive,
            });
        }
        Calibration { bins, ece }
    }
}

/// Histograms of positive and negative scores over equal bins spanning all scores.
pub fn histogram(is_positive: &[bool], scores: &[f64]) -> Option<Histogram> {
    histogram_of(Labelled::Flags(is_positive, scores))
}

/// [`histogram`] for either layout of labelled scores.
pub fn histogram_of(data: Labelled) -> Option<Histogram> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    data.each(|_, s| widen(&mut lo, &mut hi, s));
    let mut bins = HistogramBins::new(lo, hi)?;
    data.each(|y, s| bins.add(y, s));
    Some(bins.finish())
}

/// Widens `lo..=hi` to take in the score `s` (scores are never NaN).
/// Comparisons rather than `f64::min`/`max`: in wasm those become calls to
/// `fmin`/`fmax` (wasm's own min/max treat NaN differently), which took
/// 5 % of a 10M-score report in the page.
#[inline(always)]
fn widen(lo: &mut f64, hi: &mut f64, s: f64) {
    if s < *lo {
        *lo = s;
    }
    if s > *hi {
        *hi = s;
    }
}

/// The score histograms' counts, one example at a time.
struct HistogramBins {
    lo: f64,
    hi: f64,
    width: f64,
    positives: Vec<u64>,
    negatives: Vec<u64>,
    /// The last score's bits and bin (runs of one score share a bin).
    last: Option<(u64, usize)>,
}

impl HistogramBins {
    /// Bins spanning the lowest to the highest score; `None` without scores.
    fn new(lo: f64, hi: f64) -> Option<Self> {
        if !lo.is_finite() {
            return None;
        }
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, hi + 0.5)
        };
        let k = HISTOGRAM_BINS;
        Some(HistogramBins {
            lo,
            hi,
            width: (hi - lo) / k as f64,
            positives: vec![0u64; k],
            negatives: vec![0u64; k],
            last: None,
        })
    }

    /// The bin of a score.
    #[inline(always)]
    fn bin(&self, s: f64) -> usize {
        (((s - self.lo) / self.width).floor() as usize).min(HISTOGRAM_BINS - 1)
    }

    #[inline(always)]
    fn add(&mut self, y: bool, s: f64) {
        let bin = match self.last {
            Some((bits, bin)) if bits == s.to_bits() => bin,
            _ => {
                let bin = self.bin(s);
                self.last = Some((s.to_bits(), bin));
                bin
            }
        };
        if y {
            self.positives[bin] += 1;
        } else {
            self.negatives[bin] += 1;
        }
    }

    fn finish(self) -> Histogram {
        let k = HISTOGRAM_BINS;
        let (lo, hi, width) = (self.lo, self.hi, self.width);
        let edges = (0..=k)
            .map(|i| if i == k { hi } else { lo + width * i as f64 })
            .collect();
        Histogram {
            edges,
            positives: self.positives,
            negatives: self.negatives,
        }
    }
}

/// Log loss, Brier score, the reliability diagram and the histograms of
/// one set of labelled scores, as [`log_loss_of`], [`brier_score_of`],
/// [`calibration_of`] and [`histogram_of`] give them (the same
/// accumulators, fed the same examples in the same order, so the same
/// numbers), in two passes over the scores instead of seven: at 10M
/// scores each pass is a trip through 80 MB of memory.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreSummaries {
    /// [`log_loss_of`].
    pub log_loss: MetricValue,
    /// [`brier_score_of`].
    pub brier_score: MetricValue,
    /// [`calibration_of`].
    pub calibration: Option<Calibration>,
    /// [`histogram_of`].
    pub histogram: Option<Histogram>,
}

/// See [`ScoreSummaries`].
pub fn summaries_of(data: Labelled) -> ScoreSummaries {
    let probability = |s: f64| (0.0..=1.0).contains(&s);
    let (mut lo, mut hi, mut probabilities) = (f64::INFINITY, f64::NEG_INFINITY, true);
    data.each(|_, s| {
        widen(&mut lo, &mut hi, s);
        probabilities &= probability(s);
    });
    summaries_in_range(data, lo, hi, probabilities)
}

/// [`summaries_of`] for the scores of positives and of negatives, each
/// sorted from highest to lowest (as [`crate::metrics::curve::sort_descending`]
/// leaves them): the same numbers, to the bit, in one pass instead of two.
/// The range and the probability check come from the ends of each list;
/// the pass then walks runs of one score (a sorted list of rounded scores
/// repeats each a few times), computing each term and bin once per run.
pub fn summaries_of_sorted(pos: &[f64], neg: &[f64]) -> ScoreSummaries {
    let (mut lo, mut hi, mut probabilities) = (f64::INFINITY, f64::NEG_INFINITY, true);
    for side in [pos, neg] {
        let (Some(&first), Some(&last)) = (side.first(), side.last()) else {
            continue;
        };
        // `summaries_of` keeps the first score, in order, equal (==) to the
        // highest: `first` (0.0 before -0.0), and the sign of the highest
        // is the last edge's. For the lowest it may keep 0.0 where this
        // keeps -0.0, which no number shows (the edges are lo + width·i).
        widen(&mut lo, &mut hi, first);
        widen(&mut lo, &mut hi, last);
        probabilities &= first <= 1.0 && last >= 0.0;
    }
    summaries_in_range(Labelled::Split(pos, neg), lo, hi, probabilities)
}

/// [`summaries_of`] for a column counted by decimal step and class, with
/// the rows of `positive_class` (0 or 1) as positives: the numbers
/// [`summaries_of_sorted`] gives for the sorted column, to the bit (the
/// same runs, in the same order; see [`Labelled::Counted`]), without
/// walking its rows to find the runs.
pub fn summaries_of_counts(counts: &ClassCounts, positive_class: usize) -> ScoreSummaries {
    let data = Labelled::Counted(counts, positive_class);
    match counted_range(counts) {
        // The lowest and highest score, as `summaries_of_sorted` takes them
        // from the ends of each side (no score here is -0.0).
        Some((lo, hi)) => summaries_in_range(data, lo, hi, lo >= 0.0 && hi <= 1.0),
        None => summaries_in_range(data, f64::INFINITY, f64::NEG_INFINITY, true),
    }
}

/// The lowest and highest counted score; `None` when no row was counted.
fn counted_range(counts: &ClassCounts) -> Option<(f64, f64)> {
    let filled = |&step: &usize| counts.at(step) != [0, 0];
    let lowest = (0..counts.steps()).find(filled)?;
    let highest = (0..counts.steps()).rev().find(filled)?;
    Some((counts.score(lowest), counts.score(highest)))
}

/// The pass of [`summaries_of`] once the scores' range is known.
fn summaries_in_range(data: Labelled, lo: f64, hi: f64, probabilities: bool) -> ScoreSummaries {
    let mut histogram = HistogramBins::new(lo, hi);
    let n = data.len();
    if !probabilities {
        if let Some(h) = histogram.as_mut() {
            data.each(|y, s| h.add(y, s));
        }
        return ScoreSummaries {
            log_loss: Err(Undefined(NOT_PROBABILITIES.into())),
            brier_score: Err(Undefined(NOT_PROBABILITIES.into())),
            calibration: None,
            histogram: histogram.map(HistogramBins::finish),
        };
    }
    let mut log_loss = Neumaier::default();
    let mut brier = Neumaier::default();
    let mut calibration = CalibrationBins::new();
    // One run of `r` examples of one class and one score: the terms and bins
    // are worked out once, and the sums get the same additions, in the same
    // order, as one example at a time (so the same bits), most of the time
    // in a few operations for the whole run (`add_times`, `add_repeatedly`).
    let mut run = |y: bool, s: f64, r: usize| {
        let (ll, br) = (log_loss_term(y, s), brier_term(y, s));
        let bin = calibration.bin(s);
        log_loss.add_times(ll, r);
        brier.add_times(br, r);
        let sum = &mut calibration.score_sums[bin];
        *sum = add_repeatedly(*sum, s, r);
        calibration.counts[bin] += r as u64;
        calibration.positives[bin] += if y { r as u64 } else { 0 };
        if let Some(h) = histogram.as_mut() {
            let bin = h.bin(s);
            let counts = if y {
                &mut h.positives
            } else {
                &mut h.negatives
            };
            counts[bin] += r as u64;
        }
    };
    data.each_run(&mut run);
    let mean = |total: &Neumaier| divide_reals(total.value(), n as f64, NO_EXAMPLES);
    ScoreSummaries {
        log_loss: mean(&log_loss),
        brier_score: mean(&brier),
        calibration: (n > 0).then(|| calibration.finish(n)),
        histogram: histogram.map(HistogramBins::finish),
    }
}

#[cfg(test)]
mod tests {
    use super::Neumaier;

    /// Adds a run of `r` terms `v` to `fast` at once and to `slow` one at a
    /// time, and asserts the same total and compensation, bit for bit.
    fn add_run_both_ways(
        fast: &mut Neumaier,
        slow: &mut Neumaier,
        v: f64,
        r: usize,
        case: &dyn std::fmt::Debug,
    ) {
        fast.add_times(v, r);
        (0..r).for_each(|_| slow.add(v));
        assert_eq!(fast.total.to_bits(), slow.total.to_bits(), "{case:?}");
        assert_eq!(
            fast.compensation.to_bits(),
            slow.compensation.to_bits(),
            "{case:?}"
        );
    }

    /// `add_times` against `add` called `r` times: the same total and
    /// compensation, bit for bit, for terms of both signs and many scales
    /// (the calibration sums' terms are never negative; the rule is general).
    #[test]
    fn adding_a_run_at_once_keeps_the_bits() {
        let mut rng = crate::input::demo::SplitMix64(0x9e37_79b9_7f4a_7c15);
        let mut next = move || rng.next_u64();
        let mut runs = 0;
        for case in 0..2000 {
            let (mut fast, mut slow) = (Neumaier::default(), Neumaier::default());
            for _ in 0..200 {
                let (a, b) = (next(), next());
                let magnitude = 2f64.powi((a % 60) as i32 - 40);
                let sign = if case % 3 == 0 && a & 1 == 1 {
                    -1.0
                } else {
                    1.0
                };
                let v = sign * magnitude * (b >> 11) as f64 / (1u64 << 53) as f64;
                let r = (b % 12) as usize;
                runs += usize::from(super::constant_steps(fast.total, v, r).is_some());
                add_run_both_ways(&mut fast, &mut slow, v, r, &case);
            }
        }
        assert!(runs > 100_000, "runs added at once: {runs}");
    }

    /// The two shortcuts of `add_times`'s compensation: a run whose terms
    /// add exactly (error 0) and a run that starts from a zero compensation.
    #[test]
    fn exact_terms_and_a_zero_compensation_keep_the_bits() {
        let cases = [
            // (first terms added one at a time, then the run's term and length)
            (vec![1.5], 1.0 / 1024.0, 7), // exact: the compensation stays 0
            (vec![1.5, 1e-20], 1.0 / 256.0, 5), // exact, beside a compensation
            (vec![1.5], 0.01, 9),         // from a zero compensation
            (vec![3.0], 1e-3, 1),         // a run of one
            (vec![1e6], 0.3, 1000),       // many
        ];
        for (start, v, r) in cases {
            let (mut fast, mut slow) = (Neumaier::default(), Neumaier::default());
            for &s in &start {
                fast.add(s);
                slow.add(s);
            }
            assert!(
                super::constant_steps(fast.total, v, r).is_some(),
                "{start:?} {v}"
            );
            add_run_both_ways(&mut fast, &mut slow, v, r, &(&start, v));
        }
    }
}
