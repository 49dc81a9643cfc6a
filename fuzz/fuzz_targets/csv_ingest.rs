//! The CSV reader (`src/input/ingest/`), fed in chunks cut where the input
//! says, must give exactly what it gives fed whole — the same `Dataset` or
//! the same error — and the same again through csv-core alone (the fast
//! path's reference). Every error's line lies inside the file, and the
//! report of a file read holds no NaN or infinity.
//!
//! Input: byte 0 picks the options (bits below), byte 1 seeds the chunk
//! sizes, the rest is the file. With bit 7 the file is "stretched": its
//! lines after the first repeated until it is past the 64 KiB the reader
//! gathers before sniffing, so chunk edges fall inside records too (its
//! report is not made: the unstretched input makes the same one, faster).
//!
//! With bit 6 (the file's size given, as the CLI gives it) the file is also
//! read in 2 to 4 parts at once (`ingest::parts`) and in pieces of 1 to 4
//! KiB on 2 or 3 threads (`ingest::pieces`, the CLI's native read), with no
//! minimum size and a 64 KiB head, so a stretched file splits; each must
//! give what one read gives.

#![no_main]

use fitcheck::input::ingest::parts::read_split;
use fitcheck::input::ingest::pieces::read_pieces;
use fitcheck::input::ingest::{ColumnRef, Dataset, Ingest, IngestOptions};
use fitcheck::report::file_report::{dataset_report, FileReportOptions};
use fitcheck::Error;
use fitcheck_fuzz::{check_error_line, check_finite, chunk_sizes, chunks};
use libfuzzer_sys::fuzz_target;

fn options(ctl: u8, len: usize) -> IngestOptions {
    let mut o = IngestOptions::new();
    match ctl & 3 {
        1 => o = o.has_header(true),
        2 => o = o.has_header(false),
        _ => {}
    }
    if ctl & 4 != 0 {
        o = o.skip_bad_rows(true);
    }
    match (ctl >> 3) & 3 {
        1 => o = o.delimiter(b';'),
        2 => o = o.delimiter(b'\t'),
        _ => {}
    }
    if ctl & 32 != 0 {
        o = o.max_classes(3);
    }
    if ctl & 64 != 0 {
        o = o.expected_bytes(len as u64);
        if ctl & 3 == 3 {
            o = o
                .truth(ColumnRef::Index(2))
                .score(ColumnRef::Name("score".into()));
        }
    }
    o
}

/// The file, stretched past 64 KiB when asked.
fn file(body: &[u8], stretch: bool) -> Vec<u8> {
    if !stretch || body.is_empty() {
        return body.to_vec();
    }
    let first_end = body
        .iter()
        .position(|&b| b == b'\n')
        .map_or(body.len(), |i| i + 1);
    let rows = &body[first_end..];
    let mut out = body.to_vec();
    if rows.is_empty() {
        return out;
    }
    while out.len() < 70_000 {
        out.extend_from_slice(rows);
    }
    out
}

fn read(bytes: &[u8], options: &IngestOptions, sizes: &[usize]) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options.clone());
    for chunk in chunks(bytes, sizes) {
        ingest.push(chunk)?;
    }
    ingest.finish()
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let (ctl, seed) = (data[0], data[1]);
    let stretched = ctl & 128 != 0;
    let bytes = file(&data[2..], stretched);
    let options = options(ctl, bytes.len());
    let whole = read(&bytes, &options, &[bytes.len()]);
    let sizes = chunk_sizes(u64::from(seed), bytes.len());
    let chunked = read(&bytes, &options, &sizes);
    assert_eq!(
        whole, chunked,
        "whole and chunked differ (chunk sizes {sizes:?})"
    );
    let reference = read(&bytes, &options.clone().csv_core_only(), &sizes);
    assert_eq!(whole, reference, "fast path and csv-core differ");
    if ctl & 64 != 0 {
        // read_split gives the options the file's size, as bit 6 did here.
        let parts = 2 + usize::from(seed % 3);
        let read_at = |offset: u64, buf: &mut [u8]| -> Result<usize, Error> {
            let start = (offset as usize).min(bytes.len());
            let n = buf.len().min(bytes.len() - start);
            buf[..n].copy_from_slice(&bytes[start..start + n]);
            Ok(n)
        };
        // A 64 KiB head (the reader sniffs that much), so the stretched
        // files of about 70 kB split too (tests/ingest_parts.rs checks that
        // such a file does).
        let (split, _) = read_split(
            bytes.len() as u64,
            &read_at,
            options.clone(),
            parts,
            0,
            64 << 10,
        );
        assert_eq!(whole, split, "one read and {parts} parts differ");
        let threads = 2 + usize::from(seed % 2);
        let piece = 1024u64 << (seed / 2 % 3);
        let (pieces, _) = read_pieces(
            bytes.len() as u64,
            &read_at,
            options.clone(),
            threads,
            0,
            64 << 10,
            piece,
        );
        assert_eq!(
            whole, pieces,
            "one read and pieces of {piece} bytes on {threads} threads differ"
        );
    }
    match whole {
        Err(e) => check_error_line(&e, &bytes),
        Ok(data) => {
            for s in &data.skipped_samples {
                assert!(
                    (1..=fitcheck_fuzz::line_count(&bytes) + 1).contains(&s.line),
                    "skipped row at line {} outside the file",
                    s.line
                );
            }
            // A stretched file's report says nothing its first copy's does
            // not, and costs a hundred times more: skipped.
            if stretched {
                return;
            }
            let mut report_options = FileReportOptions::default();
            report_options.resampling.resamples = 100;
            match dataset_report(&data, &report_options) {
                Ok(report) => check_finite(&report),
                Err(e) => check_error_line(&e, &bytes),
            }
        }
    }
});
