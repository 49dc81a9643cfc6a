//! Reading a file in pieces on a thread pool (`pieces::read_pieces`, the
//! command line's read of a regular file) against one read of the whole
//! file (`read_all`): the same `Dataset` (rows, labels in the same order
//! and spelling, line map, notes, skipped rows) or the same error (message
//! and line), for 2 to 4 threads and pieces of 4 KiB to 1 MiB. Each case
//! also says whether the split must take place (plain files) or must fall
//! back to one read (a quote, a lone CR, an error, skipped rows past the
//! first piece), so a parity that holds only because nothing was split
//! cannot pass. Errors are put on the first and last lines of pieces, where
//! a wrong count of the lines before a piece would show.

// Native only: the pieces are read on rayon's pool.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fitcheck::input::ingest::pieces::{read_in_pieces, read_pieces, MAX_THREADS};
use fitcheck::input::ingest::{read_all, Dataset, IngestOptions};
use fitcheck::Error;
use proptest::prelude::*;
use support::{lines_file, read_at_bytes};

/// The head read before the pieces start: the reader decides its columns
/// from the first 64 KiB, so this is the smallest head that splits.
const HEAD: u64 = 64 << 10;

/// A score from the row number, with six decimals.
fn score(i: usize) -> String {
    format!("0.{:06}", (i * 7919) % 1_000_000)
}

/// Reads `bytes` in pieces of about `piece` bytes on `threads` threads
/// (any file past the head may split).
fn in_pieces(
    bytes: &[u8],
    options: &IngestOptions,
    threads: usize,
    piece: u64,
) -> (Result<Dataset, Error>, bool) {
    let read_at = read_at_bytes(bytes);
    read_pieces(
        bytes.len() as u64,
        &read_at,
        options.clone(),
        threads,
        0,
        HEAD,
        piece,
    )
}

/// One read of the whole file, as `read_pieces` makes it (with the size).
fn whole(bytes: &[u8], options: &IngestOptions) -> Result<Dataset, Error> {
    read_all(bytes, options.clone().expected_bytes(bytes.len() as u64))
}

/// The same columns or the same error; `what` names the case.
fn same(what: &str, got: &Result<Dataset, Error>, want: &Result<Dataset, Error>) {
    match (got, want) {
        // Compared whole, reported in short (the columns run long).
        (Ok(g), Ok(w)) => assert!(
            g == w,
            "{what}: the columns differ: labels {:?} against {:?}, rows {} against {}, lines {:?} against {:?}, notes {:?} against {:?}, skipped {:?} against {:?}",
            g.labels, w.labels, g.rows, w.rows, g.lines, w.lines, g.notes, w.notes,
            g.skipped_samples, w.skipped_samples
        ),
        (Err(g), Err(w)) => assert_eq!(g.to_string(), w.to_string(), "{what}"),
        _ => panic!("{what}: {got:?} against {want:?}"),
    }
}

/// Pieces and one read agree for 2, 3 and 4 threads and pieces of 4 KiB,
/// 16 KiB and 1 MiB; `split`: whether small pieces must have been read
/// (a 1 MiB piece may hold the whole file).
fn check(name: &str, bytes: &[u8], options: &IngestOptions, split: bool) {
    assert!(
        bytes.len() as u64 > HEAD + 8 * 4096,
        "{name}: the file must hold pieces past the head"
    );
    let want = whole(bytes, options);
    for threads in [2, 3, 4] {
        for piece in [4 << 10, 16 << 10, 1 << 20] {
            let (got, was_split) = in_pieces(bytes, options, threads, piece);
            let what = format!("{name}, {threads} threads, pieces of {piece} bytes");
            if piece < 1 << 20 {
                assert_eq!(was_split, split, "{what}: split");
            }
            same(&what, &got, &want);
        }
    }
}

/// Where the pieces of `bytes` start after the head, as `read_pieces` cuts
/// them into `pieces` pieces: just after the first line feed at or past
/// each even share of the file.
fn piece_starts(bytes: &[u8], pieces: usize) -> Vec<usize> {
    let len = bytes.len();
    (1..pieces)
        .filter_map(|k| {
            let even = (len / pieces * k).max(HEAD as usize);
            let lf = even + bytes[even..].iter().position(|&b| b == b'\n')?;
            (lf + 1 < len).then_some(lf + 1)
        })
        .collect()
}

/// The 1-based line that starts at byte `at` (a line start) of `bytes`.
fn line_at(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

/// `bytes` with the line starting at `at` overwritten by `line` (no longer
/// than it), padded with spaces so that every later byte stays in place.
fn overwrite_line(bytes: &mut [u8], at: usize, line: &str) {
    let end = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap();
    assert!(line.len() <= end - at, "{line:?} is longer than the line");
    bytes[at..at + line.len()].copy_from_slice(line.as_bytes());
    bytes[at + line.len()..end].fill(b' ');
}

#[test]
fn a_plain_score_file_splits_into_the_same_columns_and_lines() {
    let bytes = lines_file("y_true,score\n", 40_000, |i| {
        format!("{},{}", i % 3 % 2, score(i))
    });
    check("scores", &bytes, &IngestOptions::new(), true);
    let data = in_pieces(&bytes, &IngestOptions::new(), 3, 4 << 10)
        .0
        .unwrap();
    assert_eq!(data.rows, 40_000);
    assert_eq!(data.lines.line_of(39_999), 40_001);
}

#[test]
fn string_labels_first_seen_in_later_pieces_keep_the_order_of_one_read() {
    let words = ["cat", "dog", "bird", "fish", "horse", "rabbit"];
    let n = 30_000;
    let bytes = lines_file("y_true,y_pred\n", n, |i| {
        let k = (i * 6 / n).min(5);
        format!("{},{}", words[k], words[(k + i) % 6])
    });
    check("string labels", &bytes, &IngestOptions::new(), true);
    // Numeric labels: `7.0` first near the end, `07` in the middle.
    let numeric = lines_file("y_true,y_pred\n", n, |i| {
        let late = match i {
            _ if i == n - 10 => "7.0",
            _ if i == n / 2 => "07",
            _ => "1",
        };
        format!("{},{late}", i % 4)
    });
    check("numeric labels", &numeric, &IngestOptions::new(), true);
}

#[test]
fn an_error_on_the_first_or_last_line_of_a_piece_has_the_line_of_one_read() {
    let good = lines_file("y_true,score\n", 30_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let pieces = good.len().div_ceil(4 << 10);
    let starts = piece_starts(&good, pieces);
    assert!(starts.len() > 20, "{} pieces", starts.len());
    // The first line of a piece, and the last line of the piece before it.
    for &at in [
        starts[3],
        starts[starts.len() / 2],
        starts[starts.len() - 1],
    ]
    .iter()
    {
        let mut first_line = good.clone();
        overwrite_line(&mut first_line, at, "1,0.3x");
        check(
            "bad score, a piece's first line",
            &first_line,
            &IngestOptions::new(),
            false,
        );
        let err = in_pieces(&first_line, &IngestOptions::new(), 2, 4 << 10)
            .0
            .unwrap_err();
        let line = line_at(&first_line, at);
        assert_eq!(
            err.to_string(),
            format!("line {line}, column 2 (\"score\"): \"0.3x\" is not a number")
        );
        let last = at
            - 1
            - good[..at - 1]
                .iter()
                .rev()
                .position(|&b| b == b'\n')
                .unwrap();
        let mut last_line = good.clone();
        overwrite_line(&mut last_line, last, "0,0.1,2");
        check(
            "extra field, a piece's last line",
            &last_line,
            &IngestOptions::new(),
            false,
        );
        let err = in_pieces(&last_line, &IngestOptions::new(), 3, 4 << 10)
            .0
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("line {}: expected 2 fields, found 3", line - 1)),
            "{err}"
        );
    }
}

#[test]
fn of_errors_in_several_pieces_the_first_in_the_file_is_the_one_told() {
    let mut bytes = lines_file("y_true,score\n", 30_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let starts = piece_starts(&bytes, bytes.len().div_ceil(4 << 10));
    // A bad row in a later piece, an earlier one in an earlier piece: the
    // earlier wins however the threads finish.
    let (early, late) = (starts[5], starts[starts.len() - 2]);
    overwrite_line(&mut bytes, late, "1,abc");
    overwrite_line(&mut bytes, early, "1,0.3x");
    for _ in 0..5 {
        check("two bad rows", &bytes, &IngestOptions::new(), false);
    }
    let err = in_pieces(&bytes, &IngestOptions::new(), 4, 4 << 10)
        .0
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("line {}, column 2", line_at(&bytes, early))),
        "{err}"
    );
}

#[test]
fn crlf_blank_lines_spaces_and_no_final_line_break_keep_their_line_numbers() {
    let mut bytes = lines_file("y_true,score\r\n", 30_000, |i| {
        let blank = match i % 997 {
            0 => "\r\n",
            1 => "\n   \n",
            2 => "\r\n\t\r\n",
            _ => "",
        };
        // CRLF and LF lines mixed.
        let end = if i % 3 == 0 { "\r" } else { "" };
        format!("{blank}{},{}{end}", i % 2, score(i))
    });
    bytes.extend_from_slice(b"1,0.5");
    check("line ends", &bytes, &IngestOptions::new(), true);
    let want = whole(&bytes, &IngestOptions::new()).unwrap();
    assert_eq!(want.rows, 30_001);
}

#[test]
fn quotes_and_lone_crs_read_the_file_in_one_go() {
    let plain = |i: usize| format!("a,{}", ["a", "b"][i % 2]);
    let quoted_late = lines_file("y_true,y_pred\n", 40_000, |i| {
        if i == 30_000 {
            "\"a\nb\",a".to_string()
        } else {
            plain(i)
        }
    });
    check(
        "quoted line break",
        &quoted_late,
        &IngestOptions::new(),
        false,
    );
    let quoted_head = lines_file("\"y_true\",\"y_pred\"\n", 40_000, plain);
    check("quoted header", &quoted_head, &IngestOptions::new(), false);
    let lone_cr = lines_file("y_true,y_pred\n", 40_000, |i| {
        if i == 30_000 {
            "a,b\ra,a".to_string()
        } else {
            plain(i)
        }
    });
    check("lone CR", &lone_cr, &IngestOptions::new(), false);
}

#[test]
fn skipped_rows_are_counted_and_sampled_as_one_read_does() {
    let options = IngestOptions::new().skip_bad_rows(true);
    let bad_everywhere = lines_file("y_true,score\n", 30_000, |i| {
        if i % 4_000 == 7 {
            format!("{},", i % 2)
        } else {
            format!("{},{}", i % 2, score(i))
        }
    });
    // Skipped rows past the first piece: read in one go.
    check("skipped rows", &bad_everywhere, &options, false);
    let in_head = lines_file("y_true,score\n", 30_000, |i| {
        if i == 7 || i == 8 {
            format!("{},x", i % 2)
        } else {
            format!("{},{}", i % 2, score(i))
        }
    });
    check("skipped rows in the head", &in_head, &options, true);
    let data = in_pieces(&in_head, &options, 2, 4 << 10).0.unwrap();
    assert_eq!(data.skipped, 2);
    assert_eq!(data.skipped_samples.len(), 2);
    assert_eq!(data.skipped_samples[0].line, 9);
}

#[test]
fn a_byte_order_mark_and_a_repeated_header_read_as_one_read_reads_them() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(lines_file("y_true,score\n", 30_000, |i| {
        if i == 20_000 || i == 25_000 {
            "y_true,score".to_string()
        } else {
            format!("{},{}", i % 2, score(i))
        }
    }));
    check(
        "bom and repeated header",
        &bytes,
        &IngestOptions::new(),
        true,
    );
    let data = in_pieces(&bytes, &IngestOptions::new(), 2, 4 << 10)
        .0
        .unwrap();
    assert_eq!(data.notes.len(), 1, "{:?}", data.notes);
    assert!(
        data.notes[0].message.contains("20,002"),
        "{}",
        data.notes[0].message
    );
}

#[test]
fn tiny_files_and_few_lines_past_the_head_read_as_one_read() {
    let tiny = b"y_true,score\n1,0.5\n0,0.25\n".to_vec();
    for threads in [2, 4, 8] {
        let (got, split) = in_pieces(&tiny, &IngestOptions::new(), threads, 1);
        assert!(!split);
        same("tiny", &got, &whole(&tiny, &IngestOptions::new()));
    }
    // The head and then fewer lines than threads.
    // 13 bytes of header, 11 a row: the first row past 64 KiB ends 4 bytes on.
    let rows = (HEAD as usize - 13) / 11 + 1;
    let mut few = lines_file("y_true,score\n", rows, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let past_head = few.len() - HEAD as usize;
    assert!(past_head < 100, "{past_head} bytes past the head");
    few.extend_from_slice(b"1,0.75\n");
    for threads in [2, 4, 8] {
        let (got, _) = in_pieces(&few, &IngestOptions::new(), threads, 1);
        same(
            "few lines past the head",
            &got,
            &whole(&few, &IngestOptions::new()),
        );
    }
}

#[test]
fn one_thread_reads_in_one_go() {
    let bytes = lines_file("y_true,score\n", 30_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let (got, split) = in_pieces(&bytes, &IngestOptions::new(), 1, 4 << 10);
    assert!(!split);
    same("one thread", &got, &whole(&bytes, &IngestOptions::new()));
    // The command line's entry on a pool of one thread, and of three.
    let read_at = read_at_bytes(&bytes);
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let got =
            pool.install(|| read_in_pieces(bytes.len() as u64, &read_at, IngestOptions::new()));
        same("a pool", &got, &whole(&bytes, &IngestOptions::new()));
    }
}

/// A class limit reached in a later piece (a fourth label past the head,
/// with at most three allowed) voids the split: the whole file is read again
/// in one go and gives one read's error, with its line.
#[test]
fn a_class_limit_reached_in_a_later_piece_reads_as_one_read() {
    let bytes = lines_file("y_true,y_pred\n", 30_000, |i| {
        let label = |k: usize| ["a", "b", "c", "d"][if i < 25_000 { k % 2 } else { k % 4 }];
        format!("{},{}", label(i), label(i + 1))
    });
    let options = IngestOptions::new().max_classes(3);
    assert!(
        whole(&bytes, &options).is_err(),
        "the limit must be reached"
    );
    check("a fourth class", &bytes, &options, false);
}

/// More threads than pieces may ever be (2,000: past the 1,024 pieces a
/// file is cut into at most) read as 8 do, with no panic: `RAYON_NUM_THREADS`
/// is the user's to set (it once panicked in `clamp` at 1,025).
#[test]
fn thousands_of_threads_read_as_one_read() {
    let bytes = lines_file("y_true,score\n", 30_000, |i| {
        format!("{},{}", i % 2, score(i))
    });
    let want = whole(&bytes, &IngestOptions::new());
    for threads in [MAX_THREADS, MAX_THREADS + 1, 1_025, 2_000] {
        let (got, split) = in_pieces(&bytes, &IngestOptions::new(), threads, 4 << 10);
        assert!(split, "{threads} threads: split");
        same(&format!("{threads} threads"), &got, &want);
    }
}

/// One line of a generated file, and whether it is an odd one: mostly
/// good rows (LF or CRLF), sometimes a blank line, a bad score, an extra
/// field, the header again, a new label or a quote.
fn line_strategy() -> impl Strategy<Value = (String, bool)> {
    let odd = |line: &'static str| Just((line.to_string(), true));
    prop_oneof![
        40 => (0u8..2, 0u32..1_000_000).prop_map(|(y, s)| (format!("{y},0.{s:06}\n"), false)),
        8 => (0u8..2, 0u32..1000).prop_map(|(y, s)| (format!("{y},0.{s:03}\r\n"), false)),
        2 => odd("\n"),
        1 => odd("\r\n"),
        1 => odd("  \n"),
        1 => odd("1,0.3x\n"),
        1 => odd("0,0.5,1\n"),
        1 => odd("y_true,score\n"),
        1 => odd("2,0.5\n"),
        1 => odd("1,\"0.5\"\n"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the lines, threads and piece sizes: the result of one read.
    #[test]
    fn any_file_reads_as_one_read(
        tail in prop::collection::vec(line_strategy(), 200..4_000),
        rare in 0usize..1000,
        skip in any::<bool>(),
        threads in 2usize..5,
        piece in 512u64..16_384,
    ) {
        // A clean head of 64 KiB and more, then the generated lines; the
        // odd ones are kept only where `rare` allows, so that many files
        // still split.
        let mut bytes = lines_file("y_true,score\n", 6_200, |i| format!("{},{}", i % 2, score(i)));
        let mut plain = true;
        for (i, (line, odd)) in tail.iter().enumerate() {
            if !odd || (i * 31 + rare) % 97 == 0 {
                bytes.extend_from_slice(line.as_bytes());
                plain &= !odd;
            }
        }
        let options = IngestOptions::new().skip_bad_rows(skip);
        let (got, split) = in_pieces(&bytes, &options, threads, piece);
        same("generated", &got, &whole(&bytes, &options));
        // Good rows only, LF and CRLF: the pieces must have been read.
        prop_assert!(split || !plain, "a plain file was read in one go");
    }
}
