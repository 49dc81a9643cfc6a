//! Class labels: interned while reading, then sorted as scikit-learn sorts.
//!
//! The rule: if every distinct label (trimmed) parses as a finite number,
//! labels are compared as numbers — `1`, `1.0` and `01` are one class, named
//! by its shortest form (`1`) and sorted numerically. Otherwise labels are
//! compared as trimmed strings and sorted by code point, as `numpy.unique`
//! sorts strings.

use std::collections::HashMap;

/// Distinct labels seen so far, each with a code in order of first sight.
#[derive(Default)]
pub struct LabelTable {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

/// Below this many classes a linear scan beats hashing.
const LINEAR_SCAN_MAX: usize = 8;

impl LabelTable {
    /// The code of a trimmed label given as raw bytes, adding it if new.
    /// Known labels are matched on bytes, so UTF-8 is checked only once per
    /// distinct label. Errors: `Err(None)` past `limit` distinct labels,
    /// `Err(Some(()))` for text that is not UTF-8.
    pub fn code(&mut self, label: &[u8], limit: usize) -> Result<u32, Option<()>> {
        if self.names.len() <= LINEAR_SCAN_MAX {
            if let Some(i) = self.names.iter().position(|n| n.as_bytes() == label) {
                return Ok(i as u32);
            }
        } else if let Some(&code) = std::str::from_utf8(label)
            .ok()
            .and_then(|l| self.index.get(l))
        {
            return Ok(code);
        }
        let text = std::str::from_utf8(label).map_err(|_| Some(()))?;
        if self.names.len() >= limit {
            return Err(None);
        }
        let code = self.names.len() as u32;
        self.names.push(text.to_string());
        self.index.insert(text.to_string(), code);
        Ok(code)
    }

    /// Number of distinct labels.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no label has been seen.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Sorts the labels by the rule above. Returns the sorted class names,
    /// a map from old code to new class index, and whether labels compare
    /// as numbers.
    pub fn sorted(&self) -> (Vec<String>, Vec<u32>, bool) {
        let numbers: Option<Vec<f64>> = self
            .names
            .iter()
            .map(|n| n.parse::<f64>().ok().filter(|x| x.is_finite()))
            .collect();
        match numbers {
            Some(values) => {
                let mut distinct: Vec<f64> = values.clone();
                distinct.sort_by(f64::total_cmp);
                // -0.0 and 0.0 are one class.
                distinct.dedup_by(|a, b| a == b);
                let remap = values
                    .iter()
                    .map(|v| distinct.partition_point(|d| d < v) as u32)
                    .collect();
                (
                    distinct.iter().map(|&v| number_name(v)).collect(),
                    remap,
                    true,
                )
            }
            None => {
                let mut order: Vec<usize> = (0..self.names.len()).collect();
                order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
                let mut remap = vec![0u32; self.names.len()];
                for (new, &old) in order.iter().enumerate() {
                    remap[old] = new as u32;
                }
                (
                    order.iter().map(|&i| self.names[i].clone()).collect(),
                    remap,
                    false,
                )
            }
        }
    }
}

/// The shortest name of a numeric label: `1.0` → `1`, `0.50` → `0.5`.
pub fn number_name(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    format!("{v}")
}
