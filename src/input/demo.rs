//! A teaching data set made on the spot: labelled scores from two
//! overlapping distributions, with controls for how far apart the classes
//! are, how common positives are, and how many examples there are.
//!
//! Each example's class is drawn with probability `prevalence`; its latent
//! value is normal with mean `+separation/2` (positives) or `−separation/2`
//! (negatives) and standard deviation 1 (so `separation` is d′); the score is
//! the logistic of that value, a number in (0, 1). The same options and seed
//! give the same data on every machine, native or wasm.
//!
//! The random numbers are SplitMix64 plus Box–Muller, written out here
//! rather than taken from `rand`: a dozen lines, bit-for-bit reproducible
//! across targets, and no extra weight in the wasm bundle.

use crate::error::{Error, ErrorKind};
use crate::input::ingest::codes::ClassCodes;
use crate::input::ingest::lines::LineMap;
use crate::input::ingest::{Dataset, Mapping};
use serde::Serialize;

/// Largest demo size: enough to feel a large data set, small enough to be instant.
pub const MAX_DEMO_SIZE: usize = 1_000_000;

/// The demo's controls.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DemoOptions {
    /// Distance between the class means in standard deviations (d′), 0 to 6.
    pub separation: f64,
    /// Share of positives, strictly between 0 and 1.
    pub prevalence: f64,
    /// Number of examples, 10 to [`MAX_DEMO_SIZE`].
    pub size: usize,
    /// Seed of the random numbers.
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            separation: 1.5,
            prevalence: 0.3,
            size: 2000,
            seed: 1,
        }
    }
}

/// SplitMix64: a few lines, the same numbers on every platform, so a seed
/// always gives the same data (the demo's, and the core's own tests').
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1): 53 random bits, never exactly 0.
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal by Box–Muller.
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

fn invalid(option: &'static str, problem: &str) -> Error {
    Error::new(ErrorKind::InvalidOption {
        option,
        problem: problem.to_string(),
    })
}

impl DemoOptions {
    /// Checks each control lies in its range; the message names the range.
    pub fn validate(&self) -> Result<(), Error> {
        if !(0.0..=6.0).contains(&self.separation) {
            return Err(invalid(
                "separation",
                "must lie between 0 and 6 standard deviations",
            ));
        }
        if !(self.prevalence > 0.0 && self.prevalence < 1.0) {
            return Err(invalid("prevalence", "must lie strictly between 0 and 1"));
        }
        if !(10..=MAX_DEMO_SIZE).contains(&self.size) {
            return Err(invalid("size", "must be between 10 and 1,000,000 examples"));
        }
        Ok(())
    }
}

/// Makes the demo data set.
pub fn demo_dataset(o: &DemoOptions) -> Result<Dataset, Error> {
    o.validate()?;
    let mut rng = SplitMix64(o.seed);
    let mut truth = ClassCodes::new();
    truth.reserve_exact(o.size);
    let mut score = Vec::with_capacity(o.size);
    for _ in 0..o.size {
        let positive = rng.uniform() < o.prevalence;
        let mean = if positive {
            o.separation / 2.0
        } else {
            -o.separation / 2.0
        };
        let latent = mean + rng.normal();
        truth.push(u32::from(positive));
        score.push(1.0 / (1.0 + (-latent).exp()));
    }
    Ok(Dataset {
        labels: vec!["0".into(), "1".into()],
        numeric_labels: true,
        notes: Vec::new(),
        truth,
        pred: None,
        score: Some(score),
        rows: o.size as u64,
        skipped: 0,
        skipped_samples: Vec::new(),
        columns: vec!["y_true".into(), "score".into()],
        mapping: Mapping {
            truth: "y_true".into(),
            pred: None,
            score: Some("score".into()),
            guessed: false,
            kinds_guessed: Vec::new(),
        },
        delimiter: b',',
        has_header: true,
        scores_by_class: false,
        second: None,
        lines: LineMap::default(),
    })
}
