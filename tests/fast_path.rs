//! The fast paths of the CSV reader against the reference they replace:
//! lines without quotes split in place against csv-core reading every byte
//! (`RecordSplitter::csv_core_only`, `IngestOptions::csv_core_only`), and
//! scores parsed from bytes against std's `str::parse::<f64>`.
//!
//! Random inputs are built from the bytes that matter to a CSV reader
//! (delimiters, quotes, CR, LF, spaces, digits, signs, points, exponents,
//! letters, a byte that is not UTF-8) and cut into random chunks; both
//! paths must give the same records with the same line numbers, the same
//! `Dataset`, or the same error (message and line). Long inputs (past the
//! 64 KiB sniff window) switch between the paths many times: every quote,
//! lone CR and chunk boundary hands a stretch to csv-core and back.
//! `tests/ingest_chunks.rs` also reads each of its named cases both ways,
//! natively and in wasm.

// Native only: proptest's random source does not build for wasm32-unknown-unknown.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fitcheck::input::ingest::records::{Record, RecordSplitter};
use fitcheck::input::ingest::score_text::{decimal_ending_line, finite_score, plain_decimal};
use fitcheck::input::ingest::{Dataset, Ingest, IngestOptions};
use fitcheck::Error;
use proptest::prelude::*;
use support::SplitMix64;

/// One record as plain data: line, unterminated, fields.
type Plain = (u64, bool, Vec<Vec<u8>>);

fn plain(r: &Record) -> Plain {
    (
        r.line,
        r.unterminated,
        (0..r.len()).map(|i| r.field(i).to_vec()).collect(),
    )
}

/// Every record of `input` fed in chunks of `sizes` (cycled), fast path on or off.
fn records(input: &[u8], delimiter: u8, sizes: &[usize], fast: bool) -> Vec<Plain> {
    let mut splitter = RecordSplitter::new(delimiter);
    if !fast {
        splitter = splitter.csv_core_only();
    }
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while at < input.len() {
        let n = sizes[i % sizes.len()].clamp(1, input.len() - at);
        splitter
            .feed(&input[at..at + n], &mut |r| {
                out.push(plain(&r));
                Ok(())
            })
            .expect("the callback never fails");
        at += n;
        i += 1;
    }
    splitter
        .finish(&mut |r| {
            out.push(plain(&r));
            Ok(())
        })
        .expect("the callback never fails");
    out
}

fn ingest(input: &[u8], options: IngestOptions, sizes: &[usize]) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options);
    let mut at = 0;
    let mut i = 0;
    while at < input.len() {
        let n = sizes[i % sizes.len()].clamp(1, input.len() - at);
        ingest.push(&input[at..at + n])?;
        at += n;
        i += 1;
    }
    ingest.finish()
}

/// Reads `input` whole, in chunks of `sizes` and, when `bytewise`, a byte
/// at a time, each to the `Dataset` or error csv-core gives reading it whole.
fn reads_as_csv_core(
    input: &[u8],
    options: IngestOptions,
    sizes: &[usize],
    bytewise: bool,
) -> Result<(), TestCaseError> {
    let reference = ingest(
        input,
        options.clone().csv_core_only(),
        &[input.len().max(1)],
    );
    prop_assert_eq!(
        &ingest(input, options.clone(), &[input.len().max(1)]),
        &reference,
        "whole"
    );
    prop_assert_eq!(
        &ingest(input, options.clone(), sizes),
        &reference,
        "chunks {:?}",
        sizes
    );
    if bytewise {
        prop_assert_eq!(&ingest(input, options, &[1]), &reference, "bytewise");
    }
    Ok(())
}

/// Bytes that steer a CSV reader, weighted towards plain data.
fn csv_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        6 => prop::sample::select(b"0123456789".to_vec()),
        3 => Just(b','),
        3 => Just(b'\n'),
        1 => Just(b'\r'),
        1 => Just(b'"'),
        1 => prop::sample::select(b" \t;.-+eEnaxy".to_vec()),
        1 => prop::sample::select(vec![0xFFu8, 0xC3, 0xA9, 0x0B]),
    ]
}

fn chunk_sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..40, 1..8)
}

/// A row of a `y_true,score`-like file: mostly fine, sometimes not.
fn row() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        8 => prop::sample::select(vec!["0", "1"]).prop_map(str::to_string),
        1 => prop::sample::select(vec![" 1 ", "\"1\"", "\"0\"", "1.0", "", "yes", "\"a,b\"", "\"x\ny\""]).prop_map(str::to_string),
    ];
    let score = prop_oneof![
        8 => (0u32..1_000_000).prop_map(|v| format!("0.{v:06}")),
        1 => prop::sample::select(vec![
            "1e-3", ".5", "5.", "+0.25", "-0", " 0.5 ", "NaN", "inf", "abc", "", "0,5",
            "\"0.5\"", "0.12345678901234567", "1e400", "\u{a0}0.5", "\x0b0.5", "0x10",
        ]).prop_map(str::to_string),
    ];
    let end = prop_oneof![
        8 => Just("\n"),
        2 => Just("\r\n"),
        1 => Just("\r"),
        1 => Just("\n\n"),
        1 => Just(",extra\n"),
    ];
    (label, score, end).prop_map(|(l, s, e)| format!("{l},{s}{e}"))
}

fn file() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::select(vec![
        "y_true,score\n",
        "\"y_true\",\"score\"\r\n",
        "",
        "\u{feff}y_true,score\n",
    ]);
    (header, prop::collection::vec(row(), 1..60)).prop_map(|(h, rows)| joined(h, &rows))
}

/// A header followed by rows, as the bytes of a file.
fn joined(header: &str, rows: &[String]) -> Vec<u8> {
    let mut out = header.as_bytes().to_vec();
    for r in rows {
        out.extend_from_slice(r.as_bytes());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random bytes split into records the same way, with the same lines.
    #[test]
    fn records_match_csv_core(input in prop::collection::vec(csv_byte(), 0..300), sizes in chunk_sizes(), semicolon in any::<bool>()) {
        let delimiter = if semicolon { b';' } else { b',' };
        let reference = records(&input, delimiter, &[input.len().max(1)], false);
        prop_assert_eq!(&records(&input, delimiter, &[input.len().max(1)], true), &reference, "whole");
        prop_assert_eq!(&records(&input, delimiter, &sizes, true), &reference, "chunks {:?}", sizes);
        prop_assert_eq!(&records(&input, delimiter, &[1], true), &reference, "bytewise");
    }

    /// Random score files read to the same `Dataset` or the same error.
    #[test]
    fn datasets_match_csv_core(input in file(), sizes in chunk_sizes(), skip in any::<bool>()) {
        reads_as_csv_core(&input, IngestOptions::new().skip_bad_rows(skip), &sizes, true)?;
    }

    /// A score the fast parser reads is the one std's parser reads.
    #[test]
    fn scores_match_std(text in prop::collection::vec(prop::sample::select(b"0123456789.eE+- \tinfatyINFATY_x".to_vec()), 0..24)) {
        let reference = std::str::from_utf8(&text).ok()
            .and_then(|t| t.trim().parse::<f64>().ok())
            .filter(|x| x.is_finite());
        if let Some(x) = finite_score(&text) {
            prop_assert_eq!(Some(x.to_bits()), reference.map(f64::to_bits), "{:?}", String::from_utf8_lossy(&text));
        }
        if let Some(x) = plain_decimal(&text) {
            prop_assert_eq!(Some(x.to_bits()), reference.map(f64::to_bits), "{:?}", String::from_utf8_lossy(&text));
        }
    }

    /// Every finite double, written the ways people write it, reads back
    /// on the fast path, to the bit.
    #[test]
    fn written_doubles_read_back(bits in any::<u64>(), decimals in 0usize..18) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        for text in [format!("{x}"), format!("{x:e}"), format!("{x:E}"), format!("{x:.decimals$}")] {
            let reference: f64 = text.parse().expect("std reads what it wrote");
            prop_assert_eq!(finite_score(text.as_bytes()).map(f64::to_bits), Some(reference.to_bits()), "{}", text);
        }
    }
}

/// Six-decimal scores as the benchmark writes them take the exact path.
#[test]
fn six_decimal_scores_take_the_plain_path() {
    let mut rng = SplitMix64::new(7);
    for _ in 0..100_000 {
        let text = format!("{:.6}", rng.uniform());
        let x = plain_decimal(text.as_bytes()).expect("plain decimal");
        assert_eq!(
            x.to_bits(),
            text.parse::<f64>().expect("std").to_bits(),
            "{text}"
        );
    }
}

/// A long file that goes back and forth between the paths: quoted fields,
/// CRLF, lone CRs, blank lines and a repeated header, past 64 KiB and cut
/// at random, ending in a bad row whose line both paths must name.
#[test]
fn long_files_switching_paths_read_the_same() {
    let mut rng = SplitMix64::new(11);
    let mut body = String::from("y_true,score\n");
    let mut line = 2u64;
    for i in 0..20_000u32 {
        let t = u8::from(rng.uniform() < 0.3);
        let s = format!("{:.6}", rng.uniform());
        match i % 97 {
            13 => body.push_str(&format!("\"{t}\",{s}\n")),
            29 => body.push_str(&format!("{t},{s}\r\n")),
            41 => body.push_str(&format!("{t},{s}\r")),
            53 => body.push_str(&format!("{t},\"{s}\"\r\n")),
            67 => body.push_str("\n\r\n"),
            71 => body.push_str("y_true,score\n"),
            83 => body.push_str(&format!("{t}, {s} \n")),
            _ => body.push_str(&format!("{t},{s}\n")),
        }
        line += if i % 97 == 67 { 2 } else { 1 };
    }
    let good = body.clone().into_bytes();
    body.push_str("1,abc\n0,0.5\n");
    let bad = body.into_bytes();
    for (input, want_error) in [(good, None), (bad, Some(line))] {
        let reference = ingest(&input, IngestOptions::new().csv_core_only(), &[input.len()]);
        match (&reference, want_error) {
            (Ok(d), None) => assert_eq!(d.rows, 20_000 - 206 - 206),
            (Err(e), Some(l)) => {
                assert_eq!(e.line(), Some(l));
                assert_eq!(
                    e.to_string(),
                    format!("line {l}, column 2 (\"score\"): \"abc\" is not a number")
                );
            }
            other => panic!("unexpected reference reading: {other:?}"),
        }
        for sizes in [
            vec![input.len()],
            vec![1],
            vec![4096],
            vec![1 << 20],
            vec![3, 70_000, 17, 65_536, 1],
        ] {
            assert_eq!(
                ingest(&input, IngestOptions::new(), &sizes),
                reference,
                "chunks {sizes:?}"
            );
        }
    }
}

/// Two-label lines remembered whole (`line_cache.rs`): 60 classes, so more
/// distinct lines (3,600) than the cache has slots and slots taken over,
/// labels of 1 to 10 bytes so lines of 3 to 21 (some too long for a key),
/// CRLF, the header again and lines with spaces, which must never be
/// remembered; read to csv-core's dataset whole, in chunks and cut often.
#[test]
fn many_two_label_lines_read_the_same() {
    let mut rng = SplitMix64::new(29);
    let labels: Vec<String> = (0..60)
        .map(|i| format!("{}{i}", &"abcdefghi"[..i % 9]))
        .collect();
    let mut body = String::from("y_true,y_pred\n");
    for i in 0..30_000u32 {
        let t = &labels[(rng.next_u64() % 60) as usize];
        // Mostly right, as a classifier is: the same lines come back.
        let p = if rng.uniform() < 0.7 {
            t
        } else {
            &labels[(rng.next_u64() % 60) as usize]
        };
        match i % 211 {
            7 => body.push_str(&format!("{t},{p}\r\n")),
            19 => body.push_str("y_true,y_pred\n"),
            23 => body.push_str(&format!("{t} ,{p}\n")),
            31 => body.push_str(&format!("{t},{p}\n\n")),
            _ => body.push_str(&format!("{t},{p}\n")),
        }
    }
    let input = body.into_bytes();
    let reference = ingest(&input, IngestOptions::new().csv_core_only(), &[input.len()]);
    let dataset = reference.as_ref().expect("the file reads");
    assert_eq!(
        dataset.rows,
        30_000 - 143,
        "every row but the 143 repeated headers"
    );
    assert_eq!(dataset.labels.len(), 60);
    for sizes in [
        vec![input.len()],
        vec![13],
        vec![4096],
        vec![3, 70_000, 17, 65_536, 1],
    ] {
        assert_eq!(
            ingest(&input, IngestOptions::new(), &sizes),
            reference,
            "chunks {sizes:?}"
        );
    }
}

/// Scores with heavy ties, signed zeros and, sometimes, values outside [0, 1].
fn scores() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![
            6 => (0u32..20).prop_map(|v| f64::from(v) / 19.0),
            2 => 0.0f64..=1.0,
            1 => prop::sample::select(vec![0.0, -0.0, 1.0, 0.1, 0.9]),
            1 => -2.0f64..3.0,
        ],
        0..200,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fused pass gives what the four metrics give one by one, to the bit.
    #[test]
    fn fused_summaries_match_each_metric(pos in scores(), neg in scores(), sorted in any::<bool>()) {
        use fitcheck::metrics::calibration::*;
        let (mut pos, mut neg) = (pos, neg);
        if sorted {
            fitcheck::metrics::curve::sort_descending(&mut pos);
            fitcheck::metrics::curve::sort_descending(&mut neg);
        }
        let flags: Vec<bool> = pos.iter().map(|_| true).chain(neg.iter().map(|_| false)).collect();
        let all: Vec<f64> = pos.iter().chain(&neg).copied().collect();
        for data in [Labelled::Split(&pos, &neg), Labelled::Flags(&flags, &all)] {
            let fused = summaries_of(data);
            let bits = |v: &fitcheck::metrics::divide::MetricValue| v.as_ref().map(|x| x.to_bits()).map_err(Clone::clone);
            prop_assert_eq!(bits(&fused.log_loss), bits(&log_loss_of(data)));
            prop_assert_eq!(bits(&fused.brier_score), bits(&brier_score_of(data)));
            prop_assert_eq!(format!("{:?}", fused.calibration), format!("{:?}", calibration_of(data)));
            prop_assert_eq!(format!("{:?}", fused.histogram), format!("{:?}", histogram_of(data)));
        }
        if sorted {
            // The one-pass version for sorted lists: the same numbers, to the bit.
            let fused = summaries_of(Labelled::Split(&pos, &neg));
            let one_pass = summaries_of_sorted(&pos, &neg);
            let bits = |v: &fitcheck::metrics::divide::MetricValue| v.as_ref().map(|x| x.to_bits()).map_err(Clone::clone);
            prop_assert_eq!(bits(&one_pass.log_loss), bits(&fused.log_loss));
            prop_assert_eq!(bits(&one_pass.brier_score), bits(&fused.brier_score));
            let edges = |h: &Option<Histogram>| h.as_ref().map(|h| h.edges.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
            prop_assert_eq!(edges(&one_pass.histogram), edges(&fused.histogram));
            prop_assert_eq!(format!("{:?}", one_pass.calibration), format!("{:?}", fused.calibration));
            prop_assert_eq!(format!("{:?}", one_pass.histogram), format!("{:?}", fused.histogram));
        }
    }

    /// Sorting on integer keys gives exactly the `total_cmp` order.
    #[test]
    fn integer_key_sort_is_total_cmp_order(mut v in scores()) {
        let mut reference = v.clone();
        reference.sort_unstable_by(|a, b| b.total_cmp(a));
        fitcheck::metrics::curve::sort_descending(&mut v);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&v), bits(&reference));
    }
}

/// A row of a two-label file: mostly known short labels, sometimes a new
/// one, the header's own names (so a row may repeat the header), spaces,
/// quotes, an empty label, a third field.
fn label_row() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        8 => prop::sample::select(vec!["cat", "dog", "a", "b", "hamster"]).prop_map(str::to_string),
        1 => prop::sample::select(vec![
            " cat", "dog ", "", "\"cat\"", "\"a,b\"", "parrot", "y_true", "ça", "\t", "a b",
        ]).prop_map(str::to_string),
    ];
    let end = prop_oneof![
        8 => Just("\n"),
        2 => Just("\r\n"),
        1 => Just("\r"),
        1 => Just("\n\n"),
        1 => Just(",extra\n"),
        1 => Just(" \n"),
    ];
    (label.clone(), label, end).prop_map(|(t, p, e)| format!("{t},{p}{e}"))
}

/// A two-label file, with headers whose first name is short (`a`: a label
/// as long or longer may be the header again) or long.
fn label_file() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::select(vec!["a,b\n", "y_true,y_pred\n", "y_pred,y_true\r\n", ""]);
    (header, prop::collection::vec(label_row(), 1..60)).prop_map(|(h, rows)| joined(h, &rows))
}

/// A `label,score` file whose header's first name is one byte long, so
/// every label is checked against the header, and rows that repeat it.
fn short_header_score_file() -> impl Strategy<Value = Vec<u8>> {
    let row = prop_oneof![
        6 => row(),
        1 => Just("y,score\n".to_string()),
        1 => Just("y,0.5\n".to_string()),
        1 => (0u32..1000).prop_map(|v| format!("yes,0.{v:03}\r\n")),
    ];
    prop::collection::vec(row, 1..60).prop_map(|rows| joined("y,score\n", &rows))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Two-label files (read whole line by line once the columns are
    /// decided) read to the same `Dataset` or the same error.
    #[test]
    fn label_datasets_match_csv_core(input in label_file(), sizes in chunk_sizes(), skip in any::<bool>()) {
        reads_as_csv_core(&input, IngestOptions::new().skip_bad_rows(skip), &sizes, true)?;
    }

    /// Score files whose header a label can repeat read the same both ways.
    #[test]
    fn short_header_datasets_match_csv_core(input in short_header_score_file(), sizes in chunk_sizes(), skip in any::<bool>()) {
        reads_as_csv_core(&input, IngestOptions::new().skip_bad_rows(skip), &sizes, false)?;
    }

    /// A score read while looking for the line end is the one the field's
    /// own parser reads, and the line end is found where it is.
    #[test]
    fn scores_ending_lines_match_finite_score(text in prop::collection::vec(prop::sample::select(b"0123456789.eE+- ,x".to_vec()), 0..20), crlf in any::<bool>()) {
        let mut line = text.clone();
        line.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        line.extend_from_slice(b"1,0.5\n");
        if let Some((x, taken)) = decimal_ending_line(&line) {
            prop_assert_eq!(taken, text.len() + if crlf { 2 } else { 1 });
            prop_assert_eq!(finite_score(&text).map(f64::to_bits), Some(x.to_bits()), "{:?}", String::from_utf8_lossy(&text));
        }
    }
}

/// Typical lines take the whole-line reading (the property tests above
/// would pass if it never did).
#[test]
fn typical_scores_end_lines() {
    assert_eq!(decimal_ending_line(b"0.734251\n"), Some((0.734251, 9)));
    assert_eq!(decimal_ending_line(b"1\r\n"), Some((1.0, 3)));
    assert_eq!(decimal_ending_line(b"0.1234567890123456\n"), None); // 16 digits
}

/// A delimiter that can be part of a number (`.`, a digit) leaves
/// `label,score` lines to the fields: `cat.0.5` has three fields with `.`,
/// as csv-core reads it, not the label `cat` and the score 0.5 (review of
/// the whole-line reader; it read such lines whole before).
#[test]
fn a_delimiter_inside_numbers_splits_as_csv_core_does() {
    for (delimiter, file) in [
        (b'.', &b"y.score\ncat.1\ndog.0\ncat.0.5\n"[..]),
        (b'0', &b"y0score\ncat01\ndog01\ncat0150\n"[..]),
    ] {
        let options = IngestOptions::new().delimiter(delimiter);
        let reference = ingest(file, options.clone().csv_core_only(), &[file.len()]);
        let err = reference
            .as_ref()
            .expect_err("the last line has three fields")
            .to_string();
        assert!(
            err.contains("line 4") && err.contains("expected 2 fields, found 3"),
            "{err}"
        );
        assert_eq!(ingest(file, options.clone(), &[file.len()]), reference);
        assert_eq!(ingest(file, options, &[1]), reference);
    }
}
