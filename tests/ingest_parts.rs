//! Reading a file in parts at once (`parts::read_split`, the command line's
//! read of a regular file) against one read of the whole file
//! (`read_all`): the same `Dataset` (rows, labels in the same order and
//! spelling, line map, notes) or the same error (message and line), for
//! 2, 3 and 5 parts. Each case also says whether the split must take place
//! (plain files) or must fall back to one read (a quote, a lone CR, an
//! error, skipped rows past the first part, too many classes together), so
//! a parity that holds only because nothing was split cannot pass.
//!
//! The files are a little over 1 MiB and more, as the first MiB of a file is
//! read before the split (it decides the columns).

// Native only: the parts are read on threads.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fitcheck::input::ingest::parts::{read_split, HEAD_BYTES};
use fitcheck::input::ingest::{read_all, Dataset, IngestOptions};
use fitcheck::Error;
use support::{lines_file, read_at_bytes};

const MIB: usize = 1 << 20;

/// Reads `bytes` in `parts` parts (any file size may split).
fn in_parts(bytes: &[u8], options: &IngestOptions, parts: usize) -> (Result<Dataset, Error>, bool) {
    in_parts_after(bytes, options, parts, HEAD_BYTES)
}

/// Reads `bytes` in `parts` parts starting after the first `head` bytes.
fn in_parts_after(
    bytes: &[u8],
    options: &IngestOptions,
    parts: usize,
    head: u64,
) -> (Result<Dataset, Error>, bool) {
    let read_at = read_at_bytes(bytes);
    read_split(
        bytes.len() as u64,
        &read_at,
        options.clone(),
        parts,
        0,
        head,
    )
}

/// One read of the whole file, as `read_in_parts` makes it (with the size).
fn whole(bytes: &[u8], options: &IngestOptions) -> Result<Dataset, Error> {
    read_all(bytes, options.clone().expected_bytes(bytes.len() as u64))
}

/// Parts and one read agree for 2, 3 and 5 parts; `split`: whether the
/// parts must have been read at once.
fn check(name: &str, bytes: &[u8], options: &IngestOptions, split: bool) {
    assert!(
        bytes.len() > MIB + 4096,
        "{name}: the file must pass the first MiB"
    );
    let want = whole(bytes, options);
    for parts in [2, 3, 5] {
        let (got, was_split) = in_parts(bytes, options, parts);
        assert_eq!(was_split, split, "{name}, {parts} parts: split");
        match (&got, &want) {
            // Compared whole, reported in short (the columns run to megabytes).
            (Ok(g), Ok(w)) => assert!(
                g == w,
                "{name}, {parts} parts: the columns differ: labels {:?} against {:?}, rows {} against {}, lines {:?} against {:?}, notes {:?} against {:?}",
                g.labels, w.labels, g.rows, w.rows, g.lines, w.lines, g.notes, w.notes
            ),
            (Err(g), Err(w)) => assert_eq!(g.to_string(), w.to_string(), "{name}, {parts} parts"),
            _ => panic!("{name}, {parts} parts: {got:?} against {want:?}"),
        }
    }
}

/// A score from the row number, with six decimals.
fn score(i: usize) -> String {
    format!("0.{:06}", (i * 7919) % 1_000_000)
}

#[test]
fn a_plain_score_file_splits_into_the_same_columns_and_lines() {
    let bytes = lines_file("y_true,score\n", 150_000, |i| {
        format!("{},{}", i % 3 % 2, score(i))
    });
    check("scores", &bytes, &IngestOptions::new(), true);
    let data = in_parts(&bytes, &IngestOptions::new(), 3).0.unwrap();
    assert_eq!(data.rows, 150_000);
    assert_eq!(data.lines.line_of(149_999), 150_001);
}

#[test]
fn blank_lines_crlf_and_no_final_line_break_keep_their_line_numbers() {
    let mut bytes = lines_file("y_true,score\r\n", 150_000, |i| {
        let blank = if i % 1000 == 999 { "\r\n  \r\n" } else { "" };
        format!("{blank}{},{}\r", i % 2, score(i))
    });
    bytes.extend_from_slice(b"1,0.5");
    check("crlf", &bytes, &IngestOptions::new(), true);
    let data = in_parts(&bytes, &IngestOptions::new(), 5).0.unwrap();
    assert_eq!(data.rows, 150_001);
    // 150 blank-line pairs before the last row: 1 + 150,000 + 300 + 1.
    assert_eq!(data.lines.line_of(150_000), 150_302);
}

#[test]
fn labels_first_seen_in_later_parts_keep_the_order_and_spelling_of_one_read() {
    // Numeric labels: `7.0` is first seen near the end, `07` in the middle
    // and `7` never; the class is named by the spelling one read names it
    // by. String labels arrive in a later part only.
    let n = 400_000;
    let numeric = lines_file("y_true,y_pred\n", n, |i| {
        let late = if i == n - 10 {
            "7.0"
        } else if i == n / 2 {
            "07"
        } else {
            "1"
        };
        format!("{},{late}", i % 4)
    });
    check("numeric labels", &numeric, &IngestOptions::new(), true);
    let words = ["cat", "dog", "bird", "fish", "horse", "rabbit"];
    let strings = lines_file("y_true,y_pred\n", n, |i| {
        let k = (i * 6 / n).min(5);
        format!("{},{}", words[k], words[(k + i) % 6])
    });
    check("string labels", &strings, &IngestOptions::new(), true);
    let data = in_parts(&strings, &IngestOptions::new(), 3).0.unwrap();
    assert_eq!(
        data.labels,
        ["bird", "cat", "dog", "fish", "horse", "rabbit"]
    );
}

#[test]
fn a_header_repeated_in_a_later_part_is_noted_on_its_lines() {
    let bytes = lines_file("y_true,score\n", 150_000, |i| {
        if i == 120_000 || i == 140_000 {
            "y_true,score".to_string()
        } else {
            format!("{},{}", i % 2, score(i))
        }
    });
    check("repeated header", &bytes, &IngestOptions::new(), true);
    let data = in_parts(&bytes, &IngestOptions::new(), 2).0.unwrap();
    assert_eq!(data.notes.len(), 1);
    assert!(
        data.notes[0].message.contains("120,002") && data.notes[0].message.contains("140,002"),
        "{}",
        data.notes[0].message
    );
}

#[test]
fn a_byte_order_mark_mid_file_stays_in_its_field_as_one_read_keeps_it() {
    // csv-core strips a BOM at its first read only, which in a later part
    // is mid-file (the tail of its first chunk): with a BOM on every data
    // line that read starts with one, which must stay in the label.
    let bytes = lines_file("y_true,y_pred\n", 400_000, |i| {
        format!("\u{feff}{},{}", i % 3, (i / 3) % 2)
    });
    check("bom mid-file", &bytes, &IngestOptions::new(), true);
}

#[test]
fn an_error_in_a_later_part_is_the_error_of_one_read_with_its_line() {
    let bytes = lines_file("y_true,score\n", 150_000, |i| {
        if i == 130_000 {
            "1,0.3x".to_string()
        } else {
            format!("{},{}", i % 2, score(i))
        }
    });
    check("bad score", &bytes, &IngestOptions::new(), false);
    let err = in_parts(&bytes, &IngestOptions::new(), 2).0.unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 130002, column 2 (\"score\"): \"0.3x\" is not a number"
    );
}

#[test]
fn skipped_rows_in_several_parts_are_counted_and_sampled_as_one_read_does() {
    let bytes = lines_file("y_true,score\n", 150_000, |i| {
        if i % 25_000 == 7 {
            format!("{},", i % 2)
        } else {
            format!("{},{}", i % 2, score(i))
        }
    });
    let options = IngestOptions::new().skip_bad_rows(true);
    // Skipped rows past the first part: read in one go.
    check("skipped rows", &bytes, &options, false);
    let only_first = lines_file("y_true,score\n", 150_000, |i| {
        if i == 7 || i == 8 {
            format!("{},", i % 2)
        } else {
            format!("{},{}", i % 2, score(i))
        }
    });
    check("skipped rows, first part", &only_first, &options, true);
    assert_eq!(in_parts(&only_first, &options, 2).0.unwrap().skipped, 2);
}

#[test]
fn quotes_and_lone_crs_read_the_file_in_one_go() {
    let quoted = lines_file("y_true,y_pred\n", 400_000, |i| {
        if i == 100_000 {
            "\"a\nb\",a".to_string()
        } else {
            format!("a,{}", ["a", "b"][i % 2])
        }
    });
    check("quoted line break", &quoted, &IngestOptions::new(), false);
    let lone_cr = lines_file("y_true,y_pred\n", 400_000, |i| {
        if i == 100_000 {
            "a,b\ra,a".to_string()
        } else {
            format!("a,{}", ["a", "b"][i % 2])
        }
    });
    check("lone CR", &lone_cr, &IngestOptions::new(), false);
}

#[test]
fn too_many_classes_together_is_the_error_of_one_read() {
    // 6 classes in the first part, 6 others later: under a limit of 10 each
    // part alone fits, together they do not.
    let bytes = lines_file("y_true,y_pred\n", 400_000, |i| {
        let k = if i < 200_000 { i % 6 } else { 6 + i % 6 };
        format!("c{k},c{}", k % 3)
    });
    let options = IngestOptions::new().max_classes(10);
    check("too many classes", &bytes, &options, false);
    let err = in_parts(&bytes, &options, 2).0.unwrap_err();
    assert!(
        err.to_string().contains("200006") || err.to_string().contains("200,006"),
        "{err}"
    );
}

#[test]
fn a_small_file_splits_after_a_small_head_as_the_fuzzer_reads_it() {
    // fuzz/fuzz_targets/csv_ingest.rs reads its files of about 70 kB with a
    // 64 KiB head: they must split, or its check of the parts could not fail.
    let bytes = lines_file("y_true,score\n", 7_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    assert!((70_000..80_000).contains(&bytes.len()), "{}", bytes.len());
    let want = whole(&bytes, &IngestOptions::new());
    for parts in [2, 3, 4] {
        let (got, split) = in_parts_after(&bytes, &IngestOptions::new(), parts, 64 << 10);
        assert!(split, "{parts} parts: not split");
        assert_eq!(got, want, "{parts} parts");
    }
    // A quote in the head: read in one go, without starting the parts.
    let quoted = lines_file("\"y_true\",\"score\"\n", 7_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let (got, split) = in_parts_after(&quoted, &IngestOptions::new(), 2, 64 << 10);
    assert!(!split);
    assert_eq!(got, whole(&quoted, &IngestOptions::new()));
}

#[test]
fn a_quote_in_a_later_part_stops_the_parts_before_they_read_on() {
    // 6 MB in 2 parts with a quote at the start of the second: that part
    // stops after its first MiB, so the bytes read are at most the whole
    // read, the first part (half the file and the rest of a line), a MiB
    // and the 64 KiB probe for the cut: not the file twice over.
    let mut bytes = lines_file("y_true,score\n", 450_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let half = bytes.len() / 2;
    let line_start = half + bytes[half..].iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(line_start..line_start, b"1,\"0.5\"\n".iter().copied());
    let read = std::sync::atomic::AtomicU64::new(0);
    let read_at = |offset: u64, buf: &mut [u8]| {
        let from = (offset as usize).min(bytes.len());
        let n = buf.len().min(bytes.len() - from);
        buf[..n].copy_from_slice(&bytes[from..from + n]);
        read.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    };
    let len = bytes.len() as u64;
    let (got, split) = read_split(len, &read_at, IngestOptions::new(), 2, 0, HEAD_BYTES);
    assert!(!split);
    assert_eq!(got, whole(&bytes, &IngestOptions::new()));
    let read = read.into_inner();
    let bound = len + len / 2 + 1024 + (MIB as u64) + (64 << 10);
    assert!(
        read <= bound,
        "{read} bytes read for a file of {len}, bound {bound}"
    );
}
