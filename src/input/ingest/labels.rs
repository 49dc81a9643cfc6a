//! Class labels: interned while reading, then sorted as scikit-learn sorts.
//!
//! The rule: if every distinct label (trimmed) is a decimal number, labels
//! are compared as numbers — `1`, `1.0`, `01` and `1e0` are one class, named
//! by its shortest form (`1`) and sorted numerically. Otherwise labels are
//! compared as trimmed strings and sorted by code point, as `numpy.unique`
//! sorts strings.
//!
//! Numbers are compared exactly as written, not as 64-bit floats: ids such
//! as `9007199254740993` and `9007199254740992` (above 2^53, where floats
//! cannot tell them apart) stay two classes, each named by its own digits.

use std::cmp::Ordering;
use std::collections::HashMap;

/// Distinct labels seen so far, each with a code in order of first sight.
pub struct LabelTable {
    /// Short keys by a few bits of their hash: `(key, code + 1)`, `0` where
    /// no label sits (see [`LabelTable::find`]).
    recent: Box<[(u128, u32); CACHE_SLOTS]>,
    names: Vec<String>,
    /// Each label's [`short_key`] by code ([`NO_SHORT_KEY`] for long labels).
    keys: Vec<u128>,
    /// Short keys → code, used past [`LINEAR_SCAN_MAX`] labels. A fixed-seed
    /// fast hash: the table holds at most the class limit, so hash flooding
    /// cannot grow it.
    short: HashMap<u128, u32, foldhash::fast::FixedState>,
    /// Labels longer than 15 bytes → code.
    long: HashMap<Box<[u8]>, u32, foldhash::fast::FixedState>,
}

impl Default for LabelTable {
    fn default() -> Self {
        LabelTable {
            recent: Box::new([(0, 0); CACHE_SLOTS]),
            names: Vec::new(),
            keys: Vec::new(),
            short: HashMap::default(),
            long: HashMap::default(),
        }
    }
}

/// Up to this many classes a linear scan of the keys beats hashing.
const LINEAR_SCAN_MAX: usize = 16;

/// Slots of [`LabelTable::find`]'s direct-mapped table (a power of two).
const CACHE_SLOTS: usize = 64;

/// The slot of a short key: the top bits of a multiplicative hash of it.
#[inline(always)]
fn slot_of(key: u128) -> usize {
    let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CACHE_SLOTS.trailing_zeros())) as usize
}

/// The key of a label longer than 15 bytes (no short key has length byte 255).
const NO_SHORT_KEY: u128 = u128::MAX;

/// A label of at most 15 bytes packed into one integer: its length in the
/// low byte, then its bytes. Equal keys are equal labels, so a label is
/// found with integer compares and no memcmp call; most labels are short.
#[inline(always)]
fn short_key(label: &[u8]) -> Option<u128> {
    if label.len() > 15 {
        return None;
    }
    // Built in two 64-bit halves: a variable shift of a u128 is a library
    // call in wasm32. Byte i sits at bit 8·(i + 1) of the key either way.
    let (mut low, mut high) = (label.len() as u64, 0u64);
    for (i, &b) in label.iter().enumerate() {
        if i < 7 {
            low |= u64::from(b) << (8 * (i + 1));
        } else {
            high |= u64::from(b) << (8 * (i - 7));
        }
    }
    Some(u128::from(high) << 64 | u128::from(low))
}

impl LabelTable {
    /// The code of a trimmed label given as raw bytes, adding it if new.
    /// Known labels are matched on bytes, so UTF-8 is checked only once per
    /// distinct label. Errors: `Err(None)` past `limit` distinct labels,
    /// `Err(Some(()))` for text that is not UTF-8.
    #[inline]
    pub fn code(&mut self, label: &[u8], limit: usize) -> Result<u32, Option<()>> {
        match self.find(label) {
            Some(code) => Ok(code),
            None => self.add(label, limit),
        }
    }

    /// The code of a label seen before (trimmed, as raw bytes); `None` for
    /// a new one.
    ///
    /// A short label is looked for first in one slot of a small table
    /// indexed by its key's hash, holding the first label that landed
    /// there: no loop and no branch that depends on which label a row
    /// has, where a scan of the keys stops at a different place each row
    /// (mispredicted). `fitcheck report` on 10M rows of 10 string labels
    /// (bench/run.py's animals_1e7.csv): 0.38 → 0.27 s of CPU, on the
    /// 2-core machine under load. Two labels in one slot: the second is
    /// found as before.
    #[inline(always)]
    pub fn find(&self, label: &[u8]) -> Option<u32> {
        if let Some(key) = short_key(label) {
            let (cached, code) = self.recent[slot_of(key)];
            if cached == key && code != 0 {
                return Some(code - 1);
            }
        }
        match short_key(label) {
            Some(key) if self.keys.len() <= LINEAR_SCAN_MAX => {
                self.keys.iter().position(|&k| k == key).map(|c| c as u32)
            }
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(label).copied(),
        }
    }

    /// Adds a label not seen before.
    #[cold]
    fn add(&mut self, label: &[u8], limit: usize) -> Result<u32, Option<()>> {
        let text = std::str::from_utf8(label).map_err(|_| Some(()))?;
        if self.names.len() >= limit {
            return Err(None);
        }
        let code = self.names.len() as u32;
        self.names.push(text.to_string());
        match short_key(label) {
            Some(key) => {
                self.keys.push(key);
                self.short.insert(key, code);
                let slot = &mut self.recent[slot_of(key)];
                if slot.1 == 0 {
                    *slot = (key, code + 1);
                }
            }
            None => {
                self.keys.push(NO_SHORT_KEY);
                self.long.insert(label.into(), code);
            }
        }
        Ok(code)
    }

    /// The labels in order of first sight (their codes).
    pub fn names(&self) -> &[String] {
        &self.names
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
        let numbers: Option<Vec<Decimal>> = self.names.iter().map(|n| Decimal::parse(n)).collect();
        match numbers {
            Some(values) => {
                let mut order: Vec<usize> = (0..values.len()).collect();
                // Stable: among spellings of one value the first seen leads.
                order.sort_by(|&a, &b| values[a].cmp(&values[b]));
                let mut remap = vec![0u32; values.len()];
                let mut names: Vec<String> = Vec::new();
                let mut last: Option<&Decimal> = None;
                for &old in &order {
                    if last != Some(&values[old]) {
                        names.push(values[old].name(&self.names[old]));
                        last = Some(&values[old]);
                    }
                    remap[old] = (names.len() - 1) as u32;
                }
                (names, remap, true)
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

/// A decimal number exactly as written: `± digits × 10^exp`, with `digits`
/// free of leading and trailing zeros (empty for zero, whose sign is
/// dropped: `-0` and `0` are one class). Equal values are equal however
/// they are spelled (`1`, `1.0`, `+01`, `10e-1`), and no digit is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exp: i64,
}

/// Exponents are clamped to this size; far beyond any label.
const MAX_EXPONENT: i64 = 1_000_000_000_000;

impl Decimal {
    /// Parses the decimal forms Rust's `f64` parser accepts as finite
    /// numbers: optional sign, digits with an optional point (`1.`, `.5`),
    /// an optional exponent (`1e-3`, `5E+1`). Anything else (including
    /// `inf` and `NaN`) is not a number label.
    pub fn parse(text: &str) -> Option<Decimal> {
        let b = text.trim_ascii().as_bytes();
        let (negative, b) = match b.first() {
            Some(b'-') => (true, &b[1..]),
            Some(b'+') => (false, &b[1..]),
            _ => (false, b),
        };
        let mantissa_end = b
            .iter()
            .position(|&c| c == b'e' || c == b'E')
            .unwrap_or(b.len());
        let (mantissa, exponent) = b.split_at(mantissa_end);
        let (int, frac) = match mantissa.iter().position(|&c| c == b'.') {
            Some(p) => (&mantissa[..p], &mantissa[p + 1..]),
            None => (mantissa, &mantissa[mantissa.len()..]),
        };
        let all_digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
        if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let mut exp: i64 = 0;
        if !exponent.is_empty() {
            let e = &exponent[1..];
            let (e_neg, e) = match e.first() {
                Some(b'-') => (true, &e[1..]),
                Some(b'+') => (false, &e[1..]),
                _ => (false, e),
            };
            if e.is_empty() || !all_digits(e) {
                return None;
            }
            for &c in e {
                exp = (exp * 10 + i64::from(c - b'0')).min(MAX_EXPONENT);
            }
            if e_neg {
                exp = -exp;
            }
        }
        let mut digits: Vec<u8> = int.iter().chain(frac).copied().collect();
        exp -= frac.len() as i64;
        let leading = digits.iter().take_while(|&&c| c == b'0').count();
        digits.drain(..leading);
        let trailing = digits.iter().rev().take_while(|&&c| c == b'0').count();
        digits.truncate(digits.len() - trailing);
        exp += trailing as i64;
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits,
                exp: 0,
            });
        }
        Some(Decimal {
            negative,
            digits,
            exp,
        })
    }

    /// The shortest plain spelling (`1.0` → `1`, `0.50` → `0.5`, `-2e3` →
    /// `-2000`); `written` (one spelling from the file) when that would be
    /// very long, as for `1e300`.
    pub fn name(&self, written: &str) -> String {
        if self.digits.is_empty() {
            return "0".to_string();
        }
        let digits = std::str::from_utf8(&self.digits).unwrap_or("");
        let n = self.digits.len() as i64;
        let zeros = if self.exp >= 0 {
            self.exp
        } else {
            (-self.exp - n).max(0)
        };
        if zeros > 64 {
            return written.trim_ascii().to_string();
        }
        let sign = if self.negative { "-" } else { "" };
        let point = n + self.exp;
        if self.exp >= 0 {
            format!("{sign}{digits}{}", "0".repeat(zeros as usize))
        } else if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            format!("{sign}{int}.{frac}")
        } else {
            format!("{sign}0.{}{digits}", "0".repeat(zeros as usize))
        }
    }

    fn magnitude_cmp(&self, other: &Decimal) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // Position of the leading digit, then the digits themselves (with
        // no trailing zeros, a string that is a prefix of another is smaller).
        let lead = |d: &Decimal| d.digits.len() as i64 + d.exp;
        lead(self)
            .cmp(&lead(other))
            .then_with(|| self.digits.cmp(&other.digits))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (false, false) => self.magnitude_cmp(other),
            (true, true) => other.magnitude_cmp(self),
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The class name a numeric label is shown under (`1.0` → `1`), or `None`
/// when the text is not a number. Used to match `--positive 1.0` to class `1`.
pub fn number_label_name(text: &str) -> Option<String> {
    Decimal::parse(text).map(|d| d.name(text))
}

/// Compares two numeric label names by value (`2` < `10`); text that is not
/// a number sorts first.
pub fn compare_number_labels(a: &str, b: &str) -> Ordering {
    Decimal::parse(a).cmp(&Decimal::parse(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> String {
        number_label_name(text).unwrap_or_else(|| format!("not a number: {text}"))
    }

    #[test]
    fn spellings_of_one_value_share_a_name() {
        for t in ["1", "1.0", "01", "+1", "1e0", "10e-1", " 1 ", "1.", "0.1e1"] {
            assert_eq!(name(t), "1", "{t}");
        }
        for t in ["0", "-0", "0.000", ".0", "0e5"] {
            assert_eq!(name(t), "0", "{t}");
        }
        assert_eq!(name("0.50"), "0.5");
        assert_eq!(name(".5"), "0.5");
        assert_eq!(name("-2e3"), "-2000");
        assert_eq!(name("1.5e-7"), "0.00000015");
        assert_eq!(name("9007199254740993"), "9007199254740993");
        assert_eq!(name("1e300"), "1e300");
        for t in [
            "", "inf", "NaN", "1e", "e1", ".", "1.2.3", "0x10", "1_000", "--1", "1e+-1",
        ] {
            assert_eq!(number_label_name(t), None, "{t}");
        }
    }

    #[test]
    fn numbers_compare_exactly() {
        use Ordering::*;
        let cmp = compare_number_labels;
        assert_eq!(cmp("9007199254740993", "9007199254740992"), Greater);
        assert_eq!(cmp("2", "10"), Less);
        assert_eq!(cmp("-2", "-10"), Greater);
        assert_eq!(cmp("-1", "0"), Less);
        assert_eq!(cmp("0.5", "0.49999999999999999999"), Greater);
        assert_eq!(cmp("1e-400", "0"), Greater);
        assert_eq!(cmp("1.0", "1"), Equal);
        assert_eq!(cmp("0.1", "0.10000000000000000001"), Less);
    }

    #[test]
    fn labels_sharing_a_slot_keep_their_codes() {
        // 300 labels in 64 slots: many share one; long ones have no slot.
        let labels: Vec<String> = (0..300)
            .map(|i| match i % 3 {
                0 => format!("c{i}"),
                1 => format!("class number {i:05}"),
                _ => format!("{i}"),
            })
            .collect();
        let mut table = LabelTable::default();
        for (i, l) in labels.iter().enumerate() {
            assert_eq!(table.find(l.as_bytes()), None, "{l}");
            assert_eq!(table.code(l.as_bytes(), 1000), Ok(i as u32), "{l}");
        }
        for (i, l) in labels.iter().enumerate().rev() {
            assert_eq!(table.find(l.as_bytes()), Some(i as u32), "{l}");
            assert_eq!(table.code(l.as_bytes(), 1000), Ok(i as u32), "{l}");
        }
        assert_eq!(table.find(b"c1"), None);
        assert_eq!(table.find(b""), None);
    }

    #[test]
    fn big_integer_ids_stay_apart() {
        let mut table = LabelTable::default();
        for l in [
            "9007199254740993",
            "9007199254740992",
            "9007199254740993.0",
            "1",
        ] {
            table.code(l.as_bytes(), 100).expect("label");
        }
        let (names, remap, numeric) = table.sorted();
        assert!(numeric);
        assert_eq!(names, ["1", "9007199254740992", "9007199254740993"]);
        assert_eq!(remap, [2, 1, 2, 0]);
    }
}
