//! Sorting scores written with a few decimals by counting them.
//!
//! Score files usually hold scores printed with a fixed, small number of
//! decimals (`0.734251`: six, Python's `f"{s:.6f}"`), so ten million rows
//! hold at most a million distinct scores. Such a score is `m / 10^d` for an
//! integer `m`, and the sorted column is fixed by how often each `m`
//! occurs: one pass counts them in a table indexed by `m`, one pass writes
//! the column back from the table, highest first. No comparison sort, no
//! second copy of the column: the table is at most [`MAX_SPAN`] counts.
//!
//! Same result, bit for bit, as the comparison sort: each score is first
//! checked to be exactly `m / 10^d` (the IEEE quotient, the value a
//! correctly rounding parser gives for the decimal), and written back as
//! that quotient, so the multiset of bit patterns is unchanged; dividing by
//! `10^d > 0` keeps the order of `m` (IEEE division is monotone), and a
//! sorted multiset has only one order. `-0.0` is not such a quotient
//! (`0 / 10^d` is `+0.0`) and sends the column to the comparison sort. When
//! any score fails the check, or the scores span too many steps of
//! `10^-d` for the table, nothing has been changed and `None` says so: the
//! caller sorts by comparison.
//!
//! Measured on 10M six-decimal scores (`cargo bench --bench file_report`):
//! see the commit that brought this module for the figures.
//!
//! ```
//! use fitcheck::metrics::decimal_sort::sort_classes_by_counting;
//! let mut classes: Vec<u32> = (0..70_000).map(|i| (i % 3 == 0) as u32).collect();
//! let mut scores: Vec<f64> = (0..70_000).map(|i| (i % 1000) as f64 / 1000.0).collect();
//! let (mut c2, mut s2) = (classes.clone(), scores.clone());
//! assert_eq!(sort_classes_by_counting(&mut classes, &mut scores), Some(46_666));
//! // What partitioning by class and sorting each part from highest to lowest gives:
//! let mut pairs: Vec<(u32, f64)> = c2.iter().copied().zip(s2.iter().copied()).collect();
//! pairs.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
//! assert!(pairs.iter().zip(classes.iter().zip(&scores)).all(|(p, (c, s))| p.0 == *c && p.1.to_bits() == s.to_bits()));
//! ```

use crate::input::ingest::codes::Code;

/// Columns shorter than this are sorted by comparison (already fast).
pub const MIN_ROWS: usize = 1 << 16;

/// Most decimals tried: `10^9` steps in `[0, 1]` would not fit the table
/// anyway, and the check must stay exact (`m` below `2^51`).
const MAX_DECIMALS: usize = 9;

/// Most distinct steps of `10^-d` between the lowest and highest score:
/// the table then holds at most 2^21 counts per class (8 MiB for
/// one class, 16 MiB for two; six-decimal probabilities need 1,000,001).
pub const MAX_SPAN: usize = 1 << 21;

/// Scores sampled (spread over the column) to guess the number of decimals.
const SAMPLES: usize = 64;

/// Exact powers of ten.
const POWERS: [f64; MAX_DECIMALS + 1] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/// `1.5 · 2^52`: adding and subtracting it rounds a number below 2^51 in
/// magnitude to an integer (ties to even) with two additions, the same in
/// wasm and natively (`f64::round` is a library call in wasm32, and the
/// check after it makes the rounding rule irrelevant to the result).
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// Largest magnitude [`ROUNDER`] rounds correctly.
const ROUNDABLE: f64 = 2_251_799_813_685_248.0; // 2^51

/// The decimal scale of a column: every score is `m / power` with `m` an
/// integer in `low..low + span`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale {
    power: f64,
    low: f64,
    span: usize,
}

/// `x · power` rounded to an integer (as an `f64`), or a value that fails
/// the check (NaN) when out of range.
#[inline(always)]
fn steps(x: f64, power: f64) -> f64 {
    let v = x * power;
    if v.abs() < ROUNDABLE {
        (v + ROUNDER) - ROUNDER
    } else {
        f64::NAN
    }
}

/// Whether `x` is exactly the quotient `m / power` of its rounded steps `m`.
/// A NaN is not (`steps` gives NaN, and NaN / power can keep its bits).
#[inline(always)]
fn exact(x: f64, m: f64, power: f64) -> bool {
    !m.is_nan() && (m / power).to_bits() == x.to_bits()
}

/// The fewest decimals (up to [`MAX_DECIMALS`]) that write `x` exactly.
fn decimals_of(x: f64) -> Option<usize> {
    (0..=MAX_DECIMALS).find(|&d| exact(x, steps(x, POWERS[d]), POWERS[d]))
}

/// The decimals the sampled scores of a column need (the most any of
/// them needs), and whether every sampled score lies in `[0, 1]`; `None`
/// for a column too short to count or a sampled score with too many
/// decimals. Every score is checked afterwards, so a wrong guess only
/// sends the column to the comparison sort.
fn sampled_decimals(scores: &[f64]) -> Option<(usize, bool)> {
    let n = scores.len();
    if n < MIN_ROWS {
        return None;
    }
    let (mut decimals, mut probabilities) = (0, true);
    for k in 0..SAMPLES {
        // In u64: k · (n − 1) passes u32 on wasm32 from about 68M rows.
        let at = (k as u64 * (n as u64 - 1) / (SAMPLES as u64 - 1)) as usize;
        decimals = decimals.max(decimals_of(scores[at])?);
        probabilities &= (0.0..=1.0).contains(&scores[at]);
    }
    Some((decimals, probabilities))
}

/// The scale every score of `scores` is written in, if there is one that
/// the table can hold (see the module doc); `None` otherwise.
fn scale_of(scores: &[f64]) -> Option<Scale> {
    let n = scores.len();
    let (decimals, _) = sampled_decimals(scores)?;
    let power = POWERS[decimals];
    // One pass: every score checked, lowest and highest steps found. In
    // blocks, without a branch inside one, so the loop stays tight; the
    // first block that fails ends the pass.
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for block in scores.chunks(4096) {
        let mut all = true;
        for &x in block {
            let m = steps(x, power);
            all &= exact(x, m, power);
            low = if m < low { m } else { low };
            high = if m > high { m } else { high };
        }
        if !all {
            return None;
        }
    }
    // A table much longer than the column would cost more than sorting it
    // (every step checked, so `low` and `high` are finite integers).
    let span = high - low + 1.0;
    if span > MAX_SPAN.min(2 * n) as f64 || u32::try_from(n).is_err() {
        return None;
    }
    Some(Scale {
        power,
        low,
        span: span as usize,
    })
}

/// Sorts a binary score column by class, as partitioning by class (class 0
/// first) and sorting each part from highest to lowest
/// ([`crate::metrics::curve::sort_descending`]) would: `classes` becomes
/// zeros then ones (any non-zero class counts as 1), `scores` each part's
/// scores, highest first. Returns the number of rows of class 0, or `None`
/// (both columns unchanged) when the scores are not decimals of one short
/// scale (see the module doc). `classes` and `scores` have one entry per row;
/// `classes` are class codes of either width ([`Code`]: the readers' one-byte
/// codes are sorted as they are, not converted).
pub fn sort_classes_by_counting<C: Code>(classes: &mut [C], scores: &mut [f64]) -> Option<usize> {
    let counted = count_by_class(classes, scores)?;
    counted.write_back(classes, scores);
    Some(counted.rows_of_class(0))
}

/// A binary score column counted by decimal step and class: everything the
/// sorted column holds (see [`sort_classes_by_counting`]), in at most
/// [`MAX_SPAN`] pairs of counts instead of one entry per row. The curve and
/// the calibration sums are read from it without the rows
/// ([`crate::metrics::curve::ScoreCurve::from_class_counts`],
/// [`crate::metrics::calibration::summaries_of_counts`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassCounts {
    /// `10^d`: a step's score is `(low + step) / power`.
    power: f64,
    /// The lowest step, as an integer-valued `f64`.
    low: f64,
    /// How many rows of class 0 and of class 1 have each step: step `k` at
    /// `2k` and `2k + 1`.
    table: Vec<u32>,
    /// Rows of class 0 and of class 1.
    rows: [usize; 2],
}

impl ClassCounts {
    /// Steps in the table (the highest step is `steps() - 1`).
    pub fn steps(&self) -> usize {
        self.table.len() / 2
    }

    /// The score of a step: the quotient every counted score of that step
    /// equals, bit for bit. Scores of different steps differ, and a higher
    /// step has the higher score.
    #[inline(always)]
    pub fn score(&self, step: usize) -> f64 {
        (self.low + step as f64) / self.power
    }

    /// Rows of class 0 and of class 1 at a step.
    #[inline(always)]
    pub fn at(&self, step: usize) -> [u32; 2] {
        [self.table[2 * step], self.table[2 * step + 1]]
    }

    /// The counts, two per step (class 0 at `2k`, class 1 at `2k + 1`).
    pub fn table(&self) -> &[u32] {
        &self.table
    }

    /// Rows of class `class` (0, or 1 for any non-zero class).
    pub fn rows_of_class(&self, class: usize) -> usize {
        self.rows[class.min(1)]
    }

    /// All rows.
    pub fn rows(&self) -> usize {
        self.rows[0] + self.rows[1]
    }

    /// Writes the sorted columns (see [`sort_classes_by_counting`]) over
    /// the columns that were counted.
    pub fn write_back<C: Code>(&self, classes: &mut [C], scores: &mut [f64]) {
        let zeros = self.rows[0];
        classes[..zeros].fill(C::from_u32(0));
        classes[zeros..].fill(C::from_u32(1));
        let (mut a, mut b) = (0usize, zeros);
        for step in (0..self.steps()).rev() {
            let [k0, k1] = self.at(step).map(|k| k as usize);
            if k0 + k1 == 0 {
                continue;
            }
            let x = self.score(step);
            scores[a..a + k0].fill(x);
            scores[b..b + k1].fill(x);
            a += k0;
            b += k1;
        }
    }
}

/// Counts a binary score column by decimal step and class, leaving the
/// columns as they are: `None` when the scores are not decimals of one
/// short scale (see the module doc). `classes` and `scores` have one entry
/// per row; any non-zero class counts as class 1.
pub fn count_by_class<C: Code>(classes: &[C], scores: &[f64]) -> Option<ClassCounts> {
    debug_assert_eq!(classes.len(), scores.len());
    let (decimals, probabilities) = sampled_decimals(scores)?;
    // Probabilities (most score files): counted on the steps of [0, 1] in
    // the pass that checks every score, without a pass before it to find
    // the lowest and highest step. Other columns, and probability columns
    // with a score outside [0, 1] after all, take the two passes.
    let power = POWERS[decimals];
    let table = match probabilities {
        true => count_classes_checked(classes, scores, power, 2.0 * (POWERS[decimals] + 1.0)),
        false => None,
    };
    let (table, scale) = match table {
        Some(table) => {
            let span = table.len() / 2;
            (
                table,
                Scale {
                    power,
                    low: 0.0,
                    span,
                },
            )
        }
        None => {
            let scale = scale_of(scores)?;
            (count_classes(classes, scores, scale), scale)
        }
    };
    let zeros: usize = table.iter().step_by(2).map(|&k| k as usize).sum();
    Some(ClassCounts {
        power: scale.power,
        low: scale.low,
        table,
        rows: [zeros, scores.len() - zeros],
    })
}

/// Rows whose table slots are worked out together before they are counted
/// (see [`count_classes`]): 4 KiB of slots, in the first level of cache.
const BLOCK: usize = 1024;

/// How many rows of class 0 and of class 1 have each step of the scale:
/// the counts of step `k` at `2k` and `2k + 1` (side by side, so one cache
/// line is touched per row). One pass, on one core: counting on every core (a table per core, added
/// up with rayon) was measured no faster on the 2-core benchmark machine
/// under load (10M scores: 0.26-0.28 s against 0.22-0.26 s wall), and
/// needs a table per core.
///
/// In blocks of [`BLOCK`] rows: first every row's slot (a loop the compiler
/// vectorises), then the counts. One loop doing both per row kept the
/// processor waiting on the table's cache misses behind the arithmetic:
/// on 10M six-decimal scores (a 2M-entry table, 8 MiB) it took 160-280 ms
/// of CPU where the blocks take 65-80 ms (`cargo bench --bench
/// file_report`, "sort by counting", best of 5, runs at load 3-6).
fn count_classes<C: Code>(classes: &[C], scores: &[f64], scale: Scale) -> Vec<u32> {
    let mut table = vec![0u32; 2 * scale.span];
    // Slots fit u32: the span is at most MAX_SPAN (2^21) steps.
    let mut slots = [0u32; BLOCK];
    for (c, x) in classes.chunks(BLOCK).zip(scores.chunks(BLOCK)) {
        let slots = &mut slots[..c.len()];
        for ((slot, &c), &x) in slots.iter_mut().zip(c).zip(x) {
            *slot = 2 * (steps(x, scale.power) - scale.low) as u32 + u32::from(c != C::default());
        }
        for &slot in slots.iter() {
            table[slot as usize] += 1;
        }
    }
    table
}

/// [`count_classes`] on the steps `0..=power` (scores in `[0, 1]` with
/// `log10(power)` decimals) when the table of `table_len` counts is short
/// enough (as [`scale_of`] allows), checking every score as [`scale_of`]
/// does, in the same pass: `None` when a score is not such a step. That
/// pass was, on 10M six-decimal scores, a separate read of the 80 MB column
/// (58 ms of the page's 220 ms sort, profiled in Node): the page's finish
/// went from 155 to 118 ms (the wasm in Node, first run, medians of 7
/// alternated, quiet machine); natively the sort by counting from 69 to 63 ms.
fn count_classes_checked<C: Code>(
    classes: &[C],
    scores: &[f64],
    power: f64,
    table_len: f64,
) -> Option<Vec<u32>> {
    let n = scores.len();
    if table_len > (2 * MAX_SPAN.min(2 * n)) as f64 || u32::try_from(n).is_err() {
        return None;
    }
    let mut table = vec![0u32; table_len as usize];
    let mut slots = [0u32; BLOCK];
    for (c, x) in classes.chunks(BLOCK).zip(scores.chunks(BLOCK)) {
        let slots = &mut slots[..c.len()];
        let mut all = true;
        for ((slot, &c), &x) in slots.iter_mut().zip(c).zip(x) {
            let m = steps(x, power);
            all &= exact(x, m, power) & (m >= 0.0) & (m <= power);
            // Worked out for every row, and used only when all of the
            // block's rows are steps of the table (`m as u32` saturates).
            *slot = (m as u32)
                .wrapping_mul(2)
                .wrapping_add(u32::from(c != C::default()));
        }
        if !all {
            return None;
        }
        for &slot in slots.iter() {
            table[slot as usize] += 1;
        }
    }
    Some(table)
}

/// Sorts scores from highest to lowest by counting, as
/// [`crate::metrics::curve::sort_descending`] would; `false` (scores
/// unchanged) when they are not decimals of one short scale.
pub fn sort_descending_by_counting(scores: &mut [f64]) -> bool {
    let Some(scale) = scale_of(scores) else {
        return false;
    };
    // In blocks, as `count_classes` counts.
    let mut table = vec![0u32; scale.span];
    let mut slots = [0u32; BLOCK];
    for x in scores.chunks(BLOCK) {
        let slots = &mut slots[..x.len()];
        for (slot, &x) in slots.iter_mut().zip(x) {
            *slot = (steps(x, scale.power) - scale.low) as u32;
        }
        for &slot in slots.iter() {
            table[slot as usize] += 1;
        }
    }
    let mut a = 0usize;
    for step in (0..scale.span).rev() {
        let k = table[step] as usize;
        if k > 0 {
            scores[a..a + k].fill((scale.low + step as f64) / scale.power);
            a += k;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic generator (the demo's SplitMix64), enough for shuffled columns.
    fn numbers(n: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut rng = crate::input::demo::SplitMix64(seed);
        (0..n).map(move |_| rng.next_u64())
    }

    /// The reference: what `curve::sort_descending` documents it gives.
    fn by_comparison(mut scores: Vec<f64>) -> Vec<u64> {
        scores.sort_unstable_by(|a, b| b.total_cmp(a));
        scores.iter().map(|x| x.to_bits()).collect()
    }

    fn bits(scores: &[f64]) -> Vec<u64> {
        scores.iter().map(|x| x.to_bits()).collect()
    }

    #[test]
    fn six_decimals_sort_as_by_comparison() {
        // Parsed as a reader would: the correctly rounded value of the text;
        // 300,001 steps of 1e-6 among 200,000 rows (the table may be up to
        // twice as long as the column).
        let scores: Vec<f64> = numbers(200_000, 7)
            .map(|r| {
                format!("{:.6}", (r % 300_001) as f64 / 1e6)
                    .parse()
                    .unwrap()
            })
            .collect();
        let mut counted = scores.clone();
        assert!(sort_descending_by_counting(&mut counted));
        assert_eq!(bits(&counted), by_comparison(scores));
    }

    #[test]
    fn negative_and_large_decimals_sort_as_by_comparison() {
        for (decimals, range) in [(0usize, 1000u64), (2, 150_000), (3, 190_000), (9, 1000)] {
            let scores: Vec<f64> = numbers(100_000, decimals as u64 + 3)
                .map(|r| {
                    let m = (r % range) as i64 - (range / 2) as i64;
                    format!("{:.*}", decimals, m as f64 / POWERS[decimals])
                        .parse()
                        .unwrap()
                })
                .collect();
            let mut counted = scores.clone();
            assert!(sort_descending_by_counting(&mut counted), "{decimals}");
            assert_eq!(bits(&counted), by_comparison(scores), "{decimals}");
        }
    }

    #[test]
    fn classes_sort_as_partition_then_comparison() {
        let rows: Vec<(u32, f64)> = numbers(150_000, 11)
            .map(|r| {
                (
                    (r >> 40) as u32 % 2,
                    format!("{:.4}", (r % 10_001) as f64 / 1e4).parse().unwrap(),
                )
            })
            .collect();
        let (mut classes, mut scores): (Vec<u32>, Vec<f64>) = rows.iter().copied().unzip();
        let zeros = sort_classes_by_counting(&mut classes, &mut scores).expect("counted");
        let neg: Vec<f64> = rows.iter().filter(|r| r.0 == 0).map(|r| r.1).collect();
        let pos: Vec<f64> = rows.iter().filter(|r| r.0 == 1).map(|r| r.1).collect();
        assert_eq!(zeros, neg.len());
        assert!(classes[..zeros].iter().all(|&c| c == 0));
        assert!(classes[zeros..].iter().all(|&c| c == 1));
        assert_eq!(bits(&scores[..zeros]), by_comparison(neg));
        assert_eq!(bits(&scores[zeros..]), by_comparison(pos));
    }

    #[test]
    fn columns_it_cannot_count_are_left_alone() {
        let base: Vec<f64> = numbers(MIN_ROWS, 5)
            .map(|r| (r % 1000) as f64 / 1000.0)
            .collect();
        let cases: Vec<(&str, Vec<f64>)> = vec![
            ("a full-precision score (not among the sampled rows)", {
                let mut s = base.clone();
                s[MIN_ROWS / 3 + 1] = 0.123_456_789_012_345_6;
                s
            }),
            ("a full-precision score among the sampled rows", {
                let mut s = base.clone();
                s[MIN_ROWS / 3] = 0.123_456_789_012_345_6;
                s
            }),
            ("a NaN", {
                let mut s = base.clone();
                s[MIN_ROWS / 3 + 1] = f64::NAN;
                s
            }),
            ("every score NaN", vec![f64::NAN; MIN_ROWS]),
            ("infinity", {
                let mut s = base.clone();
                s[101] = f64::INFINITY;
                s
            }),
            ("minus zero", {
                let mut s = base.clone();
                s[17] = -0.0;
                s
            }),
            ("a span past the table", {
                let mut s = base.clone();
                s[5] = 5000.0;
                s
            }),
            ("too short", base[..MIN_ROWS - 1].to_vec()),
            ("huge", {
                let mut s = base.clone();
                s[9] = 1e300;
                s
            }),
        ];
        for (name, scores) in cases {
            let mut counted = scores.clone();
            assert!(!sort_descending_by_counting(&mut counted), "{name}");
            assert_eq!(bits(&counted), bits(&scores), "{name}: unchanged");
            let mut classes = vec![1u32; scores.len()];
            assert_eq!(
                sort_classes_by_counting(&mut classes, &mut counted),
                None,
                "{name}"
            );
            assert_eq!(bits(&counted), bits(&scores), "{name}: unchanged");
        }
    }
}
