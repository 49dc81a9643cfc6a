//! Reading one file in many pieces on rayon's thread pool (natively; the
//! page reads in one go): the command line's read of a regular file.
//!
//! The same split as [`super::parts`] (the first MiB decides the columns,
//! the rest is cut at line feeds, each piece goes through its own
//! [`Ingest`], the pieces are joined in file order), with the same promise
//! and the same fallback: any quote, lone CR, error, skipped row after the
//! first piece or class limit reached voids the split and the whole file is
//! read again in one go, so the columns, every error and every line number
//! are those of one read. What differs is how the work is shared:
//! - many pieces of about [`PIECE_BYTES`], not one per core: each thread
//!   takes the next piece as it finishes one, so a core that the machine
//!   lends less time to reads fewer pieces instead of holding up the join;
//! - each piece is appended to the first piece's columns as soon as it and
//!   every piece before it are read, by whichever thread finished last, and
//!   its emptied columns are filled again by a later piece: the memory of a
//!   few pieces is mapped besides the file's columns, not half the file's
//!   (the two-part read kept the second half's columns until the end);
//! - no thread reads more than two pieces past the last one joined
//!   (`AHEAD`), so pieces waiting for a slow earlier one cannot pile up;
//! - the pool is rayon's (`RAYON_NUM_THREADS=1` reads in one go), and at
//!   most [`MAX_THREADS`] of its threads read: pieces waiting to be joined
//!   take up to about 2 × threads × 4.4 MB, 70 MB at that many.
//!
//! `tests/ingest_pieces.rs` compares it with one read.

use super::parts::{
    cuts, read_head, read_range, read_whole, Head, ReadAt, CHUNK, HEAD_BYTES, MIN_SPLIT_BYTES,
};
use super::{Dataset, Ingest, IngestOptions, SpareColumns};
use crate::error::Error;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// About how many bytes of the file one piece holds.
pub const PIECE_BYTES: u64 = 4 << 20;

/// Most pieces, whatever the file's size (each probes for a line end).
const MAX_PIECES: usize = 1024;

/// Most threads reading pieces, whatever the pool's size: the memory of the
/// pieces read ahead grows with the threads (see the module doc), and the
/// parse is bound by memory bandwidth long before 8 cores.
pub const MAX_THREADS: usize = 8;

/// How many pieces past the last one joined a thread may read, per thread.
const AHEAD: usize = 2;

/// Reads a file of `len` bytes through `read_at` on rayon's pool (see the
/// module doc), or in one go when it is smaller than [`MIN_SPLIT_BYTES`],
/// the pool has one thread, or the split cannot promise the result of one
/// read.
pub fn read_in_pieces(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
) -> Result<Dataset, Error> {
    read_pieces(
        len,
        read_at,
        options,
        rayon::current_num_threads().min(MAX_THREADS),
        MIN_SPLIT_BYTES,
        HEAD_BYTES,
        PIECE_BYTES,
    )
    .0
}

/// [`read_in_pieces`] with `threads` threads taking pieces of about
/// `piece_bytes`, for files of at least `min_bytes`, the pieces starting
/// after the first `head` bytes (tests pass small sizes to split small
/// files), also saying whether the file was read in pieces (`false`: in
/// one go), so tests can check that a split took place.
pub fn read_pieces(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
    threads: usize,
    min_bytes: u64,
    head: u64,
    piece_bytes: u64,
) -> (Result<Dataset, Error>, bool) {
    let options = options.expected_bytes(len);
    if threads >= 2 && len >= min_bytes && options.fast_path {
        if let Some(Ok(data)) =
            try_pieces(len, read_at, options.clone(), threads, head, piece_bytes)
        {
            return (Ok(data), true);
        }
    }
    (read_whole(len, read_at, options), false)
}

/// The pieces joined so far, and those read but not yet joinable.
struct Join {
    /// The first piece's reader, every piece before `next` appended to it.
    joined: Option<Ingest>,
    /// The next piece to append.
    next: usize,
    /// Line feeds in the file before piece `next`.
    lines: u64,
    /// Pieces read out of order, with their line feeds.
    waiting: BTreeMap<usize, (Ingest, u64)>,
    /// Emptied columns of appended pieces, for later pieces to fill.
    spare: Vec<SpareColumns>,
}

/// The pieces read on `threads` threads and joined; `None` (or an error)
/// when the file must be read in one go instead.
fn try_pieces(
    len: u64,
    read_at: &ReadAt,
    options: IngestOptions,
    threads: usize,
    head: u64,
    piece_bytes: u64,
) -> Option<Result<Dataset, Error>> {
    let Head {
        first,
        lfs: head_lfs,
        end: head,
        mut buffer,
    } = read_head(len, read_at, options, head)?;
    let threads = threads.min(MAX_THREADS);
    let pieces = ((len - head).div_ceil(piece_bytes.max(1)) as usize).clamp(threads, MAX_PIECES);
    let cuts = cuts(len, head, read_at, pieces)?;
    let pieces = cuts.len() - 1;
    // Room for each piece's rows, in proportion to its bytes (the first
    // piece's columns already hold room for the whole file).
    let rows_per_byte = first.rows() as f64 / head as f64;
    let room = |k: usize| ((cuts[k + 1] - cuts[k]) as f64 * rows_per_byte * 1.05) as usize + 16;
    let template = first.continuation(0)?;
    let first = Mutex::new(Some(first));
    let taken = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let join = Mutex::new(Join {
        joined: None,
        next: 0,
        lines: head_lfs,
        waiting: BTreeMap::new(),
        spare: Vec::new(),
    });
    let joined_one = Condvar::new();
    // Voids the split: every thread stops at its next chunk. Under the
    // join's lock, so a thread about to wait sees `stop` or is woken.
    let void = || {
        stop.store(true, Ordering::Relaxed);
        let _state = join.lock();
        joined_one.notify_all();
    };
    // One thread's loop: take the next piece, read it, join what can be.
    let work = |buffer: &mut Vec<u8>| loop {
        let k = taken.fetch_add(1, Ordering::Relaxed);
        if k >= pieces || stop.load(Ordering::Relaxed) {
            return;
        }
        let ingest = if k == 0 {
            first.lock().ok().and_then(|mut f| f.take())
        } else {
            // Wait while this piece is too far ahead of the join.
            let Ok(mut state) = join.lock() else {
                return void();
            };
            while k >= state.next + AHEAD * threads && !stop.load(Ordering::Relaxed) {
                match joined_one.wait(state) {
                    Ok(next) => state = next,
                    Err(_) => return stop.store(true, Ordering::Relaxed),
                }
            }
            let spare = state.spare.pop().unwrap_or_default();
            drop(state);
            template.continuation_with(room(k), spare)
        };
        let Some(mut ingest) = ingest else {
            return void();
        };
        let read = read_range(
            &mut ingest,
            cuts[k]..cuts[k + 1],
            read_at,
            buffer,
            Some(&stop),
        );
        let piece = match read.map(|lfs| (ingest.finish_part(), lfs)) {
            Ok((Ok((ingest, true)), lfs)) => (ingest, lfs),
            _ => return void(),
        };
        let Ok(mut state) = join.lock() else {
            return void();
        };
        let state = &mut *state;
        state.waiting.insert(k, piece);
        while let Some((ingest, lfs)) = state.waiting.remove(&state.next) {
            match state.joined.as_mut() {
                None => state.joined = Some(ingest),
                Some(joined) => match joined.append_part_keeping(ingest, state.lines) {
                    Some(spare) => state.spare.push(spare),
                    None => stop.store(true, Ordering::Relaxed),
                },
            }
            state.lines += lfs;
            state.next += 1;
        }
        // Pieces that waited for this join may go on (or stop).
        joined_one.notify_all();
    };
    rayon::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|_| work(&mut vec![0u8; CHUNK]));
        }
        work(&mut buffer);
    });
    let state = join.into_inner().ok()?;
    if stop.load(Ordering::Relaxed) || state.next != pieces {
        return None;
    }
    Some(state.joined?.finish_parts())
}
