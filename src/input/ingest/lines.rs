//! Which line of the file each row came from, kept cheaply: rows usually sit
//! on consecutive lines, so only the places where that breaks (a blank line,
//! a skipped row, a quoted field spanning lines, a repeated header) are
//! stored. A 10-million-row file without such breaks costs one entry.
//!
//! ```
//! use fitcheck::input::ingest::lines::LineMap;
//! let mut lines = LineMap::default();
//! for (row, line) in [(0, 2), (1, 3), (2, 5), (3, 6)] {
//!     lines.record(row, line);
//! }
//! assert_eq!(lines.line_of(0), 2);
//! assert_eq!(lines.line_of(1), 3);
//! assert_eq!(lines.line_of(2), 5); // line 4 was blank
//! assert_eq!(lines.line_of(3), 6);
//! ```

/// Row index → file line (1-based), stored as the rows where the step from
/// one row to the next is not one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    /// `(row, line)` at row 0 and wherever a row's line is not the previous
    /// row's line plus one; sorted by row.
    breaks: Vec<(u64, u64)>,
    /// The next row's line if it follows on: the last row's line plus one.
    expected: u64,
}

impl LineMap {
    /// Notes that row `row` (0-based, rows recorded in order) is on `line`.
    #[inline(always)]
    pub fn record(&mut self, row: u64, line: u64) {
        if line != self.expected || self.breaks.is_empty() {
            self.breaks.push((row, line));
        }
        self.expected = line + 1;
    }

    /// Notes that rows `row..row + n` are on lines `line..line + n`, as `n`
    /// calls of [`LineMap::record`] would.
    #[inline]
    pub fn record_run(&mut self, row: u64, line: u64, n: u64) {
        if n > 0 {
            self.record(row, line);
            self.expected = line + n;
        }
    }

    /// Appends the rows of `later`, read after these: its row `r` on its
    /// line `l` becomes row `r + rows` on line `l + lines`. The result is
    /// the map recording every row in order would have made.
    pub fn append(&mut self, later: &LineMap, rows: u64, lines: u64) {
        let Some((&(r, l), rest)) = later.breaks.split_first() else {
            return;
        };
        self.record(r + rows, l + lines);
        // Within `later` every other break is a break here too.
        self.breaks
            .extend(rest.iter().map(|&(r, l)| (r + rows, l + lines)));
        self.expected = later.expected + lines;
    }

    /// The file line of row `row` (0-based); 0 if no row was recorded.
    pub fn line_of(&self, row: u64) -> u64 {
        let i = self.breaks.partition_point(|&(r, _)| r <= row);
        match i.checked_sub(1).and_then(|i| self.breaks.get(i)) {
            Some(&(r, line)) => line + (row - r),
            None => 0,
        }
    }
}
