//! Helpers shared by the integration tests and the threshold benchmark.
//!
//! A test file includes it with `mod support;` (Cargo does not build
//! `tests/support/mod.rs` as a test of its own); `bench/threshold.rs`
//! includes it by path. Plain Rust only, so it builds for wasm32 too.

// Each file that includes this module uses only some of its helpers.
#![allow(dead_code)]

/// `rows` lines of `row(i)` after `header`, each ending with a line feed:
/// the files the split reads are tested on (tests/ingest_parts.rs,
/// tests/ingest_pieces.rs).
pub fn lines_file(header: &str, rows: usize, row: impl Fn(usize) -> String) -> Vec<u8> {
    let mut text = String::from(header);
    for i in 0..rows {
        text.push_str(&row(i));
        text.push('\n');
    }
    text.into_bytes()
}

/// A reader of `bytes` at any offset, as the split reads take a file
/// (`ReadAt`): up to `buf.len()` bytes from `offset`, none past the end.
pub fn read_at_bytes(
    bytes: &[u8],
) -> impl Fn(u64, &mut [u8]) -> Result<usize, fitcheck::Error> + Sync + '_ {
    move |offset, buf| {
        let from = (offset as usize).min(bytes.len());
        let n = buf.len().min(bytes.len() - from);
        buf[..n].copy_from_slice(&bytes[from..from + n]);
        Ok(n)
    }
}

/// Running the binary (native only: the CLI does not exist on wasm32).
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

/// The JSON text with every string literal removed, leaving keys' colons,
/// numbers, `null`s and punctuation: where a NaN or infinity would show.
pub fn json_outside_strings(text: &str) -> String {
    let mut out = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for ch in text.chars() {
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if ch == '"' {
            in_string = true;
        } else {
            out.push(ch);
        }
    }
    out
}

/// SplitMix64, the demo's generator (`fitcheck::input::demo::SplitMix64`):
/// a fixed seed, so failures reproduce and benchmark runs use the same
/// numbers on every machine. Adds the ranges the tests draw from.
pub struct SplitMix64(fitcheck::input::demo::SplitMix64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(fitcheck::input::demo::SplitMix64(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is negligible for small `n`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `1..=max` (`max > 0`).
    pub fn one_to(&mut self, max: usize) -> usize {
        1 + self.below(max)
    }

    /// Uniform in the open interval (0, 1), from the top 53 bits.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
}

/// Binary metrics that are a share of something, so lie in [0, 1] when
/// defined (the JSON ids).
pub const PROPORTION_IDS: &[&str] = &[
    "accuracy",
    "error_rate",
    "precision",
    "recall",
    "f1",
    "fbeta",
    "specificity",
    "npv",
    "fpr",
    "fnr",
    "fdr",
    "false_omission_rate",
    "balanced_accuracy",
    "prevalence",
    "jaccard",
    "fowlkes_mallows",
    "g_mean",
    "no_information_rate",
];

/// ROC AUC by rank sums in exact integers: sort once, walk the groups of
/// equal scores; each positive wins against every negative below its group
/// and ties (half) with the negatives in it. The pair count of the AUC's
/// definition in O(n log n), for data too large to pair up; a second
/// implementation that checks the curve's trapezoid sum.
pub fn rank_sum_auc(y: &[bool], s: &[f64]) -> f64 {
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_unstable_by(|&a, &b| s[a].total_cmp(&s[b]));
    let (mut twice_wins, mut neg_below, mut positives) = (0u128, 0u128, 0u128);
    let mut k = 0;
    while k < order.len() {
        let (mut pos, mut neg) = (0u128, 0u128);
        let v = s[order[k]];
        while k < order.len() && s[order[k]] == v {
            if y[order[k]] {
                pos += 1;
            } else {
                neg += 1;
            }
            k += 1;
        }
        twice_wins += pos * (2 * neg_below + neg);
        neg_below += neg;
        positives += pos;
    }
    twice_wins as f64 / (2 * positives * neg_below) as f64
}
