//! Each row of a comparison as class codes: the truth and both models'
//! predictions, from which McNemar's table, the bootstrap cells and the
//! flips are counted. Binary comparisons use 0 = negative, 1 = positive;
//! multiclass ones the class index.

/// Each row as class codes: the truth and both models' predictions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCodes {
    /// Number of codes (2 for binary: 0 negative, 1 positive).
    pub classes: usize,
    /// True code of each row.
    pub truth: Vec<u32>,
    /// Model A's predicted code of each row.
    pub a: Vec<u32>,
    /// Model B's predicted code of each row.
    pub b: Vec<u32>,
    /// Class name of each code.
    pub names: Vec<String>,
}

impl RowCodes {
    /// Whether model `model` (0 = A, 1 = B) is right on row `i`.
    pub fn right(&self, model: usize, i: usize) -> bool {
        let pred = if model == 0 { &self.a } else { &self.b };
        pred[i] == self.truth[i]
    }
}
