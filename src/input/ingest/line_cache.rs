//! Whole lines of two labels remembered by their bytes. A file of `k`
//! classes has at most `k²` distinct `truth,pred` lines, and most files
//! repeat a few of them millions of times, so a line read once through
//! every check (`plain_rows.rs`'s `two_labels_line`: the delimiter, the
//! line end, trimming, the header again, both labels known) gives the same
//! two codes each time its bytes come back. A short line (at most 15 bytes
//! before its LF) is looked up here by its bytes, read as two words, before
//! any of those steps; a miss takes the checks and fills the slot.
//!
//! Sound because every check on such a line depends only on its bytes and
//! on state that is fixed once the columns are decided (the delimiter, the
//! header, the column order) or only grows (the label table: a label's code
//! never changes). A line the checks refuse (a new label, the header again,
//! spaces) is never stored, so it takes the checks every time.
//!
//! Measured on bench/run.py's `animals_1e7.csv` (10M rows of string
//! labels), alternated with the build before, 2-core machine under load:
//! `RAYON_NUM_THREADS=1 fitcheck report FILE --json` 0.40–0.43 → 0.20–0.21 s
//! (`take_lines` was three quarters of the profile); the wasm in Node
//! (`bench/wasm_report.mjs`) 0.52–0.56 → 0.33–0.36 s. Same reports.

/// Slots of the cache (a power of two): room for the `k²` lines of up to
/// 32 classes without many collisions; a file of more classes still reads
/// every line correctly, some through the checks.
const SLOTS: usize = 1024;

/// A line of at most 15 bytes before its LF: its first 16 bytes as two
/// little-endian words, every byte after the LF zeroed. Equal keys are
/// equal lines (the first LF ends each), and no key is all zeros (each
/// holds its LF), so zeros mark an empty slot.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct LineKey {
    low: u64,
    high: u64,
}

/// Every byte of a word set to `0x01`.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The index (0–7, in memory order) of the first LF byte of a little-endian
/// word, if any. The classic zero-byte test: a byte flags only if it is
/// zero or sits above a zero byte, so the lowest flag is the first LF.
#[inline(always)]
fn first_lf(word: u64) -> Option<usize> {
    let x = word ^ (ONES * u64::from(b'\n'));
    let flags = x.wrapping_sub(ONES) & !x & (ONES << 7);
    (flags != 0).then(|| (flags.trailing_zeros() / 8) as usize)
}

/// A mask keeping bytes `0..=i` of a little-endian word.
#[inline(always)]
fn through(i: usize) -> u64 {
    u64::MAX >> (8 * (7 - i))
}

impl LineKey {
    /// The key of the line at the start of `rest` and its length with its
    /// LF; `None` when `rest` holds fewer than 16 bytes or the line is
    /// longer than 15 bytes before its LF.
    #[inline(always)]
    pub(super) fn of(rest: &[u8]) -> Option<(LineKey, usize)> {
        let window = rest.get(..16)?;
        let (low, high) = window.split_at(8);
        let low = u64::from_le_bytes(low.try_into().ok()?);
        let high = u64::from_le_bytes(high.try_into().ok()?);
        if let Some(i) = first_lf(low) {
            return Some((
                LineKey {
                    low: low & through(i),
                    high: 0,
                },
                i + 1,
            ));
        }
        let i = first_lf(high)?;
        Some((
            LineKey {
                low,
                high: high & through(i),
            },
            8 + i + 1,
        ))
    }

    /// The slot of this key: the top bits of a multiplicative hash.
    #[inline(always)]
    fn slot(self) -> usize {
        let mixed = self.low ^ self.high.rotate_left(29);
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }
}

/// Lines read before → their rows' (truth, prediction) codes: a
/// direct-mapped table, a later line taking the slot of an earlier one.
/// Empty (no allocation) until the first line is stored.
#[derive(Default)]
pub(super) struct LineCache {
    slots: Vec<(LineKey, u32, u32)>,
}

impl LineCache {
    /// The codes stored for `key`, if its slot holds it.
    #[inline(always)]
    pub(super) fn get(&self, key: LineKey) -> Option<(u32, u32)> {
        match self.slots.get(key.slot()) {
            Some(&(stored, truth, pred)) if stored == key => Some((truth, pred)),
            _ => None,
        }
    }

    /// Stores the codes of a line that passed every check.
    #[cold]
    pub(super) fn insert(&mut self, key: LineKey, truth: u32, pred: u32) {
        if self.slots.is_empty() {
            self.slots = vec![(LineKey::default(), 0, 0); SLOTS];
        }
        self.slots[key.slot()] = (key, truth, pred);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_covers_its_line_and_its_lf_only() {
        let (a, len) = LineKey::of(b"cat,dog\nbird,cat\n...").unwrap();
        assert_eq!(len, 8);
        let (b, _) = LineKey::of(b"cat,dog\nfish,fish\n..").unwrap();
        assert!(a == b, "the bytes after the LF are not part of the key");
        let (c, _) = LineKey::of(b"cat,do\ng\nfish,fish\n.").unwrap();
        assert!(a != c);
    }

    #[test]
    fn lines_of_every_short_length() {
        for len in 0..=15 {
            let mut bytes = vec![b'x'; len];
            bytes.push(b'\n');
            bytes.extend_from_slice(&[b'y'; 20]);
            let (key, taken) = LineKey::of(&bytes).unwrap();
            assert_eq!(taken, len + 1, "line of {len} bytes");
            // One byte changed inside the line changes the key.
            if len > 0 {
                bytes[len - 1] = b'z';
                assert!(LineKey::of(&bytes).unwrap().0 != key, "line of {len} bytes");
            }
        }
    }

    #[test]
    fn long_lines_and_short_windows_have_no_key() {
        assert!(LineKey::of(b"sixteen bytes..!\n.....").is_none());
        assert!(LineKey::of(b"cat,dog\n").is_none(), "fewer than 16 bytes");
        assert!(LineKey::of(b"fifteen bytes..\n").is_some());
    }

    #[test]
    fn an_lf_after_an_lf_like_byte_is_found_first() {
        // 0x0b above the LF: the zero-byte test flags bytes above a true
        // zero too; the lowest flag must still be the first LF.
        let (_, taken) = LineKey::of(b"a\n\x0b\x0b\n...........").unwrap();
        assert_eq!(taken, 2);
        let (_, taken) = LineKey::of(b"\x0b\x0b\x09\n\x0a............").unwrap();
        assert_eq!(taken, 4);
    }

    #[test]
    fn the_cache_gives_back_what_was_stored_and_nothing_else() {
        let mut cache = LineCache::default();
        let (key, _) = LineKey::of(b"cat,dog\n........").unwrap();
        assert_eq!(cache.get(key), None);
        cache.insert(key, 3, 7);
        assert_eq!(cache.get(key), Some((3, 7)));
        let (other, _) = LineKey::of(b"dog,cat\n........").unwrap();
        assert_eq!(cache.get(other), None);
    }
}
