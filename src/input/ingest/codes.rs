//! Rows' class codes, one byte each while a file has at most 256 classes.
//!
//! A class code is an index into a file's class names ([`super::Dataset::labels`]).
//! Almost every real file has at most 256 classes, so a code fits a byte:
//! 10M rows then take 10 MB per label column instead of 40 MB, which sets
//! the page's peak (its wasm memory never shrinks). [`ClassCodes`] holds
//! bytes until a code of 256 or more arrives (the 257th class), then
//! widens once, in place, to `u32` codes, keeping every code.
//!
//! Hot loops run one generic body on `&[C]` for either width, with
//! [`with_codes!`](crate::with_codes) and the [`Code`] trait, so that a
//! narrow column is read as bytes, not converted:
//!
//! ```
//! use fitcheck::input::ingest::codes::{ClassCodes, Code};
//! use fitcheck::with_codes;
//! fn zeros<C: Code>(codes: &[C]) -> usize {
//!     codes.iter().filter(|&&c| c == C::default()).count()
//! }
//! let mut codes = ClassCodes::new();
//! codes.extend([0, 1, 0, 2]);
//! assert!(!codes.is_wide());
//! assert_eq!(with_codes!(&codes, |c| zeros(c)), 2);
//! codes.push(256); // the 257th class: widened, codes kept
//! assert!(codes.is_wide());
//! assert_eq!(codes.to_u32_vec(), vec![0, 1, 0, 2, 256]);
//! ```

/// A class code of one width: `u8` (at most 256 classes) or `u32`.
pub trait Code: Copy + Default + Eq + Ord + Send + Sync + std::fmt::Debug + 'static {
    /// The largest code this width holds.
    const MAX: u32;
    /// The code `code`, which must be at most [`Code::MAX`] (checked in
    /// debug builds; callers widen first).
    fn from_u32(code: u32) -> Self;
    /// The code as a `u32`.
    fn to_u32(self) -> u32;
    /// The code as an index (into the class names, or a table by class).
    fn index(self) -> usize;
}

impl Code for u8 {
    const MAX: u32 = u8::MAX as u32;
    #[inline(always)]
    fn from_u32(code: u32) -> Self {
        debug_assert!(
            code <= <u8 as Code>::MAX,
            "class code {code} does not fit a byte"
        );
        code as u8
    }
    #[inline(always)]
    fn to_u32(self) -> u32 {
        u32::from(self)
    }
    #[inline(always)]
    fn index(self) -> usize {
        usize::from(self)
    }
}

impl Code for u32 {
    const MAX: u32 = u32::MAX;
    #[inline(always)]
    fn from_u32(code: u32) -> Self {
        code
    }
    #[inline(always)]
    fn to_u32(self) -> u32 {
        self
    }
    #[inline(always)]
    fn index(self) -> usize {
        self as usize
    }
}

/// Runs one body on a [`ClassCodes`]'s codes as a slice of either width:
/// `with_codes!(&codes, |c| body)` binds `c` to `&[u8]` or `&[u32]` (the
/// body is compiled for both). `with_codes!(mut &mut codes, |c| body)`
/// binds `&mut [u8]` or `&mut [u32]`.
#[macro_export]
macro_rules! with_codes {
    (mut $codes:expr, |$c:ident| $body:expr) => {
        match $codes {
            $crate::input::ingest::codes::ClassCodes::Narrow(v) => {
                let $c: &mut [u8] = &mut v[..];
                $body
            }
            $crate::input::ingest::codes::ClassCodes::Wide(v) => {
                let $c: &mut [u32] = &mut v[..];
                $body
            }
        }
    };
    ($codes:expr, |$c:ident| $body:expr) => {
        match $codes {
            $crate::input::ingest::codes::ClassCodes::Narrow(v) => {
                let $c: &[u8] = &v[..];
                $body
            }
            $crate::input::ingest::codes::ClassCodes::Wide(v) => {
                let $c: &[u32] = &v[..];
                $body
            }
        }
    };
}

/// Rows' class codes: one byte each while every code is below 256, four
/// once a larger code has come (see the module doc). Equality compares the
/// codes, whatever their width.
#[derive(Debug, Clone)]
pub enum ClassCodes {
    /// Codes below 256, a byte each.
    Narrow(Vec<u8>),
    /// Any codes, four bytes each.
    Wide(Vec<u32>),
}

impl Default for ClassCodes {
    fn default() -> Self {
        ClassCodes::Narrow(Vec::new())
    }
}

impl ClassCodes {
    /// No codes, narrow.
    pub fn new() -> Self {
        Self::default()
    }

    /// The narrowest column holding `codes` (bytes when every code is below
    /// 256). For tests and cold paths: the readers build columns by
    /// [`ClassCodes::push`].
    pub fn from_u32s(codes: &[u32]) -> Self {
        let mut c = ClassCodes::new();
        c.reserve_exact(codes.len());
        c.extend(codes.iter().copied());
        c
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        with_codes!(self, |c| c.len())
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the codes are `u32` (a code of 256 or more has come).
    pub fn is_wide(&self) -> bool {
        matches!(self, ClassCodes::Wide(_))
    }

    /// Rows there is room for without reallocating.
    pub fn capacity(&self) -> usize {
        match self {
            ClassCodes::Narrow(v) => v.capacity(),
            ClassCodes::Wide(v) => v.capacity(),
        }
    }

    /// Room for `rows` more rows, exactly ([`Vec::reserve_exact`]): the
    /// readers size their columns once from an estimate of the rows.
    pub fn reserve_exact(&mut self, rows: usize) {
        match self {
            ClassCodes::Narrow(v) => v.reserve_exact(rows),
            ClassCodes::Wide(v) => v.reserve_exact(rows),
        }
    }

    /// No rows, the memory (and width) kept for the next part of a file.
    pub fn clear(&mut self) {
        match self {
            ClassCodes::Narrow(v) => v.clear(),
            ClassCodes::Wide(v) => v.clear(),
        }
    }

    /// Converts to `u32` codes, keeping every code, and room for as many
    /// rows as there was (the readers' estimate stays reserved). Does
    /// nothing when already wide.
    #[cold]
    #[inline(never)]
    pub fn widen(&mut self) {
        if let ClassCodes::Narrow(v) = self {
            let mut wide = Vec::with_capacity(v.capacity());
            wide.extend(v.iter().map(|&c| u32::from(c)));
            *self = ClassCodes::Wide(wide);
        }
    }

    /// Adds a row's code, widening first when it is 256 or more.
    #[inline(always)]
    pub fn push(&mut self, code: u32) {
        match self {
            ClassCodes::Narrow(v) if code <= u8::MAX as u32 => v.push(code as u8),
            ClassCodes::Wide(v) => v.push(code),
            ClassCodes::Narrow(_) => {
                self.widen();
                self.push(code);
            }
        }
    }

    /// Adds rows' codes, as [`ClassCodes::push`] does one by one.
    pub fn extend<I: IntoIterator<Item = u32>>(&mut self, codes: I) {
        for code in codes {
            self.push(code);
        }
    }

    /// The code of row `i` (panics past the end, as indexing does).
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            ClassCodes::Narrow(v) => u32::from(v[i]),
            ClassCodes::Wide(v) => v[i],
        }
    }

    /// Every row's code, as `u32`. For cold paths; hot loops use
    /// [`with_codes!`](crate::with_codes).
    pub fn iter_u32(&self) -> CodesIter<'_> {
        match self {
            ClassCodes::Narrow(v) => CodesIter::Narrow(v.iter()),
            ClassCodes::Wide(v) => CodesIter::Wide(v.iter()),
        }
    }

    /// The codes as `u32`, a copy. For cold paths (comparison rows, tests).
    pub fn to_u32_vec(&self) -> Vec<u32> {
        self.iter_u32().collect()
    }

    /// Replaces every code `c` by `map[c]`, in place when the width stays.
    /// The result is narrow when every entry of `map` is below 256, wide
    /// otherwise: after sorting a file's class names, `map` has one entry
    /// per class, so the codes end narrow exactly when the file has at most
    /// 256 classes.
    pub fn remap(&mut self, map: &[u32]) {
        let narrow = map_fits_bytes(map);
        match self {
            ClassCodes::Narrow(v) if narrow => {
                // A byte-indexed table: no bounds check per row (a byte
                // code beyond `map` is a broken invariant, read as 0 here
                // where indexing `map` would panic). 10M rows of two string
                // label columns, wasm in Node (`node --cpu-prof`): 25–30 → 14 ms.
                let mut table = [0u8; 256];
                for (slot, &to) in table.iter_mut().zip(map) {
                    *slot = to as u8;
                }
                v.iter_mut().for_each(|c| *c = table[usize::from(*c)])
            }
            ClassCodes::Wide(v) if !narrow => v.iter_mut().for_each(|c| *c = map[*c as usize]),
            _ => *self = self.remapped(map),
        }
    }

    /// The codes with every code `c` replaced by `map[c]`, a new column:
    /// narrow when every entry of `map` is below 256 (as [`ClassCodes::remap`]).
    pub fn remapped(&self, map: &[u32]) -> ClassCodes {
        fn mapped<C: Code, D: Code>(codes: &[C], map: &[u32]) -> Vec<D> {
            codes.iter().map(|&c| D::from_u32(map[c.index()])).collect()
        }
        if map_fits_bytes(map) {
            ClassCodes::Narrow(with_codes!(self, |c| mapped(c, map)))
        } else {
            ClassCodes::Wide(with_codes!(self, |c| mapped(c, map)))
        }
    }

    /// Appends `other`'s rows (joining the pieces of a file): wide when
    /// either is.
    pub fn append(&mut self, other: &ClassCodes) {
        if other.is_wide() {
            self.widen();
        }
        match (self, other) {
            (ClassCodes::Narrow(to), ClassCodes::Narrow(from)) => to.extend_from_slice(from),
            (ClassCodes::Wide(to), ClassCodes::Wide(from)) => to.extend_from_slice(from),
            (ClassCodes::Wide(to), ClassCodes::Narrow(from)) => {
                to.extend(from.iter().map(|&c| u32::from(c)))
            }
            (ClassCodes::Narrow(_), ClassCodes::Wide(_)) => unreachable!("widened above"),
        }
    }

    /// Appends `other`'s rows with every code `c` replaced by `map[c]`
    /// (a later part of a file, its codes turned into this part's): widened
    /// first when an entry of `map` is 256 or more.
    pub fn append_mapped(&mut self, other: &ClassCodes, map: &[u32]) {
        fn extend<C: Code, D: Code>(to: &mut Vec<D>, from: &[C], map: &[u32]) {
            to.extend(from.iter().map(|&c| D::from_u32(map[c.index()])));
        }
        if !map_fits_bytes(map) {
            self.widen();
        }
        match self {
            ClassCodes::Narrow(to) => with_codes!(other, |from| extend(to, from, map)),
            ClassCodes::Wide(to) => with_codes!(other, |from| extend(to, from, map)),
        }
    }
}

/// Whether every entry of a code map is below 256.
fn map_fits_bytes(map: &[u32]) -> bool {
    map.iter().all(|&c| c <= u8::MAX as u32)
}

impl PartialEq for ClassCodes {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter_u32().eq(other.iter_u32())
    }
}

impl Eq for ClassCodes {}

impl PartialEq<Vec<u32>> for ClassCodes {
    fn eq(&self, other: &Vec<u32>) -> bool {
        self.len() == other.len() && self.iter_u32().eq(other.iter().copied())
    }
}

impl PartialEq<[u32]> for ClassCodes {
    fn eq(&self, other: &[u32]) -> bool {
        self.len() == other.len() && self.iter_u32().eq(other.iter().copied())
    }
}

impl From<Vec<u32>> for ClassCodes {
    /// The narrowest column holding the codes ([`ClassCodes::from_u32s`]).
    fn from(codes: Vec<u32>) -> Self {
        ClassCodes::from_u32s(&codes)
    }
}

/// The codes of a [`ClassCodes`] as `u32`s ([`ClassCodes::iter_u32`]).
#[derive(Debug, Clone)]
pub enum CodesIter<'a> {
    /// Over byte codes.
    Narrow(std::slice::Iter<'a, u8>),
    /// Over `u32` codes.
    Wide(std::slice::Iter<'a, u32>),
}

impl Iterator for CodesIter<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            CodesIter::Narrow(it) => it.next().map(|&c| u32::from(c)),
            CodesIter::Wide(it) => it.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            CodesIter::Narrow(it) => it.size_hint(),
            CodesIter::Wide(it) => it.size_hint(),
        }
    }
}

impl ExactSizeIterator for CodesIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_narrow_through_256_classes() {
        let mut c = ClassCodes::new();
        c.extend(0..256);
        assert!(!c.is_wide());
        assert_eq!(c.len(), 256);
        assert_eq!(c.get(255), 255);
    }

    #[test]
    fn widens_at_the_257th_class_keeping_codes_and_room() {
        let mut c = ClassCodes::new();
        c.reserve_exact(1000);
        c.extend((0..256).rev());
        c.push(256);
        assert!(c.is_wide());
        assert!(c.capacity() >= 1000, "the reserved room is kept");
        let want: Vec<u32> = (0..256).rev().chain([256]).collect();
        assert_eq!(c.to_u32_vec(), want);
        // Small codes after widening stay as they are.
        c.push(3);
        assert_eq!(c.get(257), 3);
    }

    #[test]
    fn remap_narrow_stays_narrow_when_the_map_fits() {
        let mut c = ClassCodes::from_u32s(&[2, 0, 1, 2]);
        c.remap(&[10, 20, 30]);
        assert!(!c.is_wide());
        assert_eq!(c, vec![30, 10, 20, 30]);
    }

    #[test]
    fn remap_widens_when_a_class_sorts_past_255() {
        // Codes below 256, but 300 classes: a code may sort to 299.
        let mut map: Vec<u32> = (0..300).collect();
        map.swap(1, 299);
        let mut c = ClassCodes::from_u32s(&[0, 1, 2]);
        c.remap(&map);
        assert!(c.is_wide());
        assert_eq!(c, vec![0, 299, 2]);
    }

    #[test]
    fn remap_wide_narrows_when_the_map_fits() {
        let mut c = ClassCodes::from_u32s(&[0, 300]);
        assert!(c.is_wide());
        let mut map = vec![0u32; 301];
        map[300] = 1;
        c.remap(&map);
        assert!(!c.is_wide());
        assert_eq!(c, vec![0, 1]);
    }

    #[test]
    fn append_narrow_and_wide() {
        let narrow = ClassCodes::from_u32s(&[1, 2]);
        let wide = ClassCodes::from_u32s(&[3, 400]);
        let mut a = narrow.clone();
        a.append(&narrow);
        assert!(!a.is_wide());
        assert_eq!(a, vec![1, 2, 1, 2]);
        let mut b = narrow.clone();
        b.append(&wide);
        assert!(b.is_wide());
        assert_eq!(b, vec![1, 2, 3, 400]);
        let mut c = wide.clone();
        c.append(&narrow);
        assert!(c.is_wide());
        assert_eq!(c, vec![3, 400, 1, 2]);
    }

    #[test]
    fn append_mapped_widens_on_a_large_target_code() {
        let mut a = ClassCodes::from_u32s(&[0, 1]);
        a.append_mapped(&ClassCodes::from_u32s(&[0, 1]), &[1, 0]);
        assert!(!a.is_wide());
        assert_eq!(a, vec![0, 1, 1, 0]);
        a.append_mapped(&ClassCodes::from_u32s(&[0]), &[256]);
        assert!(a.is_wide());
        assert_eq!(a, vec![0, 1, 1, 0, 256]);
    }

    #[test]
    fn equal_whatever_the_width() {
        let mut wide = ClassCodes::from_u32s(&[1, 2]);
        wide.widen();
        assert_eq!(wide, ClassCodes::from_u32s(&[1, 2]));
        assert_ne!(wide, ClassCodes::from_u32s(&[1, 2, 3]));
    }

    #[test]
    fn with_codes_runs_on_either_width() {
        fn sum<C: Code>(c: &[C]) -> u64 {
            c.iter().map(|&x| u64::from(x.to_u32())).sum()
        }
        fn bump<C: Code>(c: &mut [C]) {
            c.iter_mut().for_each(|x| *x = C::from_u32(x.to_u32() + 1));
        }
        let mut n = ClassCodes::from_u32s(&[1, 2, 3]);
        let mut w = ClassCodes::from_u32s(&[1, 2, 300]);
        assert_eq!(with_codes!(&n, |c| sum(c)), 6);
        assert_eq!(with_codes!(&w, |c| sum(c)), 303);
        with_codes!(mut &mut n, |c| bump(c));
        with_codes!(mut &mut w, |c| bump(c));
        assert_eq!(n, vec![2, 3, 4]);
        assert_eq!(w, vec![2, 3, 301]);
    }
}
