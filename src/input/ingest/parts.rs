//! Reading one file in parts at once, one thread per part (natively; the
//! page reads in one go): the file is cut at line ends into byte ranges,
//! each range goes through its own [`Ingest`], and the parts are joined in
//! file order into the [`Dataset`] one read of the whole file gives.
//!
//! How it stays identical to one read:
//! - the first part is an ordinary read from the start of the file, and
//!   decides the delimiter, header and columns (from its first MiB) before
//!   the other parts start ([`Ingest::continuation`] copies them);
//! - a cut at a line end splits records exactly where one read would end
//!   them as long as no quote is open there: every part must be *plain*
//!   (no quote and no lone CR anywhere, [`Ingest::finish_part`]), the
//!   common case for score files;
//! - each later part numbers its lines from 1, and the line feeds before it
//!   are added when the parts are joined ([`Ingest::append_part`]: rows,
//!   line map, labels in order of first sight, repeated headers).
//!
//! Anything else (a quote, a lone CR, any error in any part, skipped rows
//! after the first part, too many classes together, too small a file) reads
//! the whole file again in one go, so errors, line numbers and messages are
//! always those of one read: an error costs a second read, never a
//! different answer. tests/ingest_parts.rs compares the two.

use super::{Dataset, Ingest, IngestOptions};
use crate::error::Error;
use std::sync::atomic::{AtomicBool, Ordering};

/// Files smaller than this are read in one go: threads would not pay.
pub const MIN_SPLIT_BYTES: u64 = 8 << 20;

/// Bytes read at a time by each part.
pub(super) const CHUNK: usize = 1 << 20;

/// Bytes at the start of the file read before the parts start: enough for
/// the reader to decide the delimiter, header and columns (it sniffs its
/// first 64 KiB).
pub const HEAD_BYTES: u64 = 1 << 20;

/// How far past an even cut a line end is looked for (a longer line: the
/// file is read in one go).
const LINE_END_SEARCH: usize = 64 << 10;

/// Reads bytes at a position: `read_at(offset, buf)` fills the start of
/// `buf` from byte `offset` and says how many bytes it read (0 at the end).
/// Called from several threads at once.
pub type ReadAt<'a> = dyn Fn(u64, &mut [u8]) -> Result<usize, Error> + Sync + 'a;

/// Reads a file of `len` bytes through `read_at` in `parts` parts at once
/// (see the module doc), or in one go when it is smaller than
/// [`MIN_SPLIT_BYTES`], `parts` is below 2, or the split cannot promise the
/// result of one read.
pub fn read_in_parts(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
    parts: usize,
) -> Result<Dataset, Error> {
    read_split(len, read_at, options, parts, MIN_SPLIT_BYTES, HEAD_BYTES).0
}

/// [`read_in_parts`] for files of at least `min_bytes`, with the parts
/// starting after the first `head` bytes (at least [`HEAD_BYTES`] to split
/// a file whose columns the first 64 KiB decide; tests and the fuzzer pass
/// less to split small files), also saying whether the file was read in
/// parts (`false`: in one go), so tests can check that a split took place.
pub fn read_split(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
    parts: usize,
    min_bytes: u64,
    head: u64,
) -> (Result<Dataset, Error>, bool) {
    let options = options.expected_bytes(len);
    if parts >= 2 && len >= min_bytes && options.fast_path {
        if let Some(Ok(data)) = try_parts(len, read_at, options.clone(), parts, head) {
            return (Ok(data), true);
        }
    }
    (read_whole(len, read_at, options), false)
}

/// One read of the whole file, chunk by chunk.
pub(super) fn read_whole(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options);
    let mut buffer = vec![0u8; CHUNK];
    read_range(&mut ingest, 0..len, read_at, &mut buffer, None)?;
    ingest.finish()
}

/// Feeds bytes `range` of the file to `ingest`; returns the line feeds in
/// them. With `stop` (a part of a split read), stops early (with `Ok`) once
/// another part has set it, or once this part holds a quote or a lone CR,
/// which make the split void (its `finish_part` then says so), so a file
/// that must be read in one go is not first read whole in parts.
pub(super) fn read_range(
    ingest: &mut Ingest,
    range: std::ops::Range<u64>,
    read_at: &ReadAt,
    buffer: &mut [u8],
    stop: Option<&AtomicBool>,
) -> Result<u64, Error> {
    let mut offset = range.start;
    let mut lfs = 0u64;
    while offset < range.end {
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Ok(lfs);
        }
        // In u64 first: a range of 4 GiB or more fits no 32-bit usize.
        let want = (buffer.len() as u64).min(range.end - offset) as usize;
        let n = read_at(offset, &mut buffer[..want])?;
        if n == 0 {
            return Err(Error::file(
                "the file ended early while it was read; it may have been changed",
            ));
        }
        lfs += memchr::memchr_iter(b'\n', &buffer[..n]).count() as u64;
        ingest.push(&buffer[..n])?;
        offset += n as u64;
        if stop.is_some() && !ingest.may_be_plain() {
            return Ok(lfs);
        }
    }
    Ok(lfs)
}

/// The first bytes of a file, read before it is split.
pub(super) struct Head {
    /// The reader that read them: it has decided the columns.
    pub first: Ingest,
    /// The line feeds among them.
    pub lfs: u64,
    /// Where they end (the head's size, at most the file's).
    pub end: u64,
    /// The read buffer, for the first part or piece.
    pub buffer: Vec<u8>,
}

/// Reads the first `head` bytes of the file into a new reader, which decides
/// the columns from them; `None` when they leave the columns undecided or
/// show that the file is not plain (a quote, a lone CR), or the read fails:
/// the file is then read in one go.
pub(super) fn read_head(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
    head: u64,
) -> Option<Head> {
    let mut first = Ingest::new(options);
    let mut buffer = vec![0u8; CHUNK];
    let end = head.min(len);
    let lfs = read_range(&mut first, 0..end, read_at, &mut buffer, None).ok()?;
    if !first.decided() || !first.may_be_plain() {
        return None;
    }
    Some(Head {
        first,
        lfs,
        end,
        buffer,
    })
}

/// The parts read at once and joined; `None` (or an error) when the file
/// must be read in one go instead.
fn try_parts(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
    parts: usize,
    head: u64,
) -> Option<Result<Dataset, Error>> {
    let Head {
        first,
        lfs: head_lfs,
        end: head,
        mut buffer,
    } = read_head(len, read_at, options, head)?;
    let cuts = cuts(len, head, read_at, parts)?;
    // Room for each part's rows, in proportion to its bytes (the first
    // part's columns already hold room for the whole file).
    let rows_per_byte = first.rows() as f64 / head as f64;
    let later: Vec<Ingest> = cuts
        .windows(2)
        .skip(1)
        .map(|w| first.continuation(((w[1] - w[0]) as f64 * rows_per_byte * 1.05) as usize + 16))
        .collect::<Option<_>>()?;
    let stop = AtomicBool::new(false);
    let fail = |result: Result<(Ingest, bool), Error>, lfs: u64| match result {
        Ok((ingest, true)) => Some((ingest, lfs)),
        _ => {
            stop.store(true, Ordering::Relaxed);
            None
        }
    };
    let run = |mut ingest: Ingest, range: std::ops::Range<u64>, buffer: &mut [u8]| {
        let lfs = read_range(&mut ingest, range, read_at, buffer, Some(&stop));
        match lfs {
            Ok(lfs) => fail(ingest.finish_part(), lfs),
            Err(e) => fail(Err(e), 0),
        }
    };
    let (first, rest) = std::thread::scope(|scope| {
        let handles: Vec<_> = later
            .into_iter()
            .zip(cuts.windows(2).skip(1))
            .map(|(ingest, w)| {
                let range = w[0]..w[1];
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(scope, move || run(ingest, range, &mut vec![0u8; CHUNK]));
                if spawned.is_err() {
                    // No thread to be had: the file is read in one go.
                    stop.store(true, Ordering::Relaxed);
                }
                spawned.ok()
            })
            .collect();
        let first = run(first, cuts[0]..cuts[1], &mut buffer);
        let rest: Vec<_> = handles
            .into_iter()
            .map(|h| h.and_then(|h| h.join().ok().flatten()))
            .collect();
        (first, rest)
    });
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    let (mut joined, first_lfs) = first?;
    let mut lines = head_lfs + first_lfs;
    for part in rest {
        let (ingest, lfs) = part?;
        if !joined.append_part(ingest, lines) {
            return None;
        }
        lines += lfs;
    }
    Some(joined.finish_parts())
}

/// Where the parts start and end: `[head, cut 1, …, len]`, each cut just
/// after a line feed near an even share of the file; `None` when a line
/// end cannot be found near one.
pub(super) fn cuts(len: u64, head: u64, read_at: &ReadAt, parts: usize) -> Option<Vec<u64>> {
    let mut cuts = vec![head];
    let mut probe = vec![0u8; LINE_END_SEARCH];
    for k in 1..parts {
        let even = len / parts as u64 * k as u64;
        let from = even.max(*cuts.last()?);
        let want = (LINE_END_SEARCH as u64).min(len - from) as usize;
        let n = read_at(from, &mut probe[..want]).ok()?;
        let cut = from + memchr::memchr(b'\n', &probe[..n])? as u64 + 1;
        if cut >= len {
            break;
        }
        cuts.push(cut);
    }
    cuts.push(len);
    (cuts.len() > 2).then_some(cuts)
}
