//! Class codes one byte per row up to 256 classes (`ingest::codes`): a
//! file with 256 classes is read into narrow codes, one with 257 widens, on
//! every read path (whole, in chunks, in parts and pieces, the 257th class
//! first seen late), and every report is the same JSON as the report on the
//! same codes held as `u32` (the reference: the columns before narrow
//! codes). Runs under wasm too (`cargo test --target wasm32-unknown-unknown
//! --test class_codes`), except the split reads and the property test.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod support;

use fitcheck::input::ingest::codes::ClassCodes;
use fitcheck::input::ingest::{read_all, Dataset, Ingest, IngestOptions};
use fitcheck::report::file_report::{dataset_report, FileReportOptions, LoadedData};
use support::lines_file;

/// Room for the 300 classes of the widest case (the default limit is 100).
fn options() -> IngestOptions {
    IngestOptions::new().max_classes(1000)
}

/// Class `k`'s name: sorted as text, in the order of `k`.
fn name(k: usize) -> String {
    format!("c{k:03}")
}

/// A label file of `rows` rows over `classes` classes, every class in the
/// truth; with `late`, the last class appears only in the last row (past
/// the first 64 KiB for files that long).
fn labels_file(classes: usize, rows: usize, late: bool) -> Vec<u8> {
    let first = if late { classes - 1 } else { classes };
    lines_file("y_true,y_pred\n", rows, |i| {
        if late && i == rows - 1 {
            return format!("{},{}", name(classes - 1), name(0));
        }
        let t = i % first.max(1);
        let p = if i % 5 == 0 {
            (i * 7 + 3) % first.max(1)
        } else {
            t
        };
        format!("{},{}", name(t), name(p))
    })
}

/// The same dataset with its codes held as `u32`: the reference.
fn as_u32(d: &Dataset) -> Dataset {
    let mut r = d.clone();
    r.truth = ClassCodes::Wide(d.truth.to_u32_vec());
    r.pred = d.pred.as_ref().map(|p| ClassCodes::Wide(p.to_u32_vec()));
    r
}

/// The report's JSON, or its error's words.
fn report(d: &Dataset) -> String {
    match dataset_report(d, &FileReportOptions::default()) {
        Ok(r) => r.to_json(),
        Err(e) => format!("error: {e}"),
    }
}

/// Narrow exactly when `classes` ≤ 256, and the same report as the `u32`
/// reference.
fn check(what: &str, d: &Dataset, classes: usize) {
    assert_eq!(d.labels.len(), classes, "{what}: classes");
    let wide = classes > 256;
    assert_eq!(d.truth.is_wide(), wide, "{what}: truth width");
    assert_eq!(
        d.pred.as_ref().unwrap().is_wide(),
        wide,
        "{what}: pred width"
    );
    let reference = as_u32(d);
    assert!(reference.truth.is_wide());
    assert_eq!(report(d), report(&reference), "{what}: report");
}

/// Fed in chunks of `size` bytes.
fn in_chunks(bytes: &[u8], size: usize) -> Dataset {
    let mut ingest = Ingest::new(options());
    for chunk in bytes.chunks(size) {
        ingest.push(chunk).expect("push");
    }
    ingest.finish().expect("finish")
}

#[test]
fn two_hundred_fifty_six_classes_stay_narrow_and_report_as_u32() {
    let d = read_all(&labels_file(256, 3000, false), options()).unwrap();
    check("256 classes", &d, 256);
    assert_eq!(d.truth.get(255), 255);
}

#[test]
fn the_257th_class_widens_and_reports_as_u32() {
    let d = read_all(&labels_file(257, 3000, false), options()).unwrap();
    check("257 classes", &d, 257);
    assert_eq!(d.truth.get(256), 256);
}

#[test]
fn a_257th_class_in_a_later_chunk_widens_the_codes_read_before() {
    // 40,000 rows of about 10 bytes: the last row is far past the 64 KiB
    // the reader sniffs and past the first chunks.
    let bytes = labels_file(257, 40_000, true);
    let whole = read_all(&bytes, options()).unwrap();
    check("late 257th, whole", &whole, 257);
    for size in [1000, 4096, 70_000] {
        let d = in_chunks(&bytes, size);
        check(&format!("late 257th, chunks of {size}"), &d, 257);
        assert_eq!(d, whole, "chunks of {size}");
    }
    let narrow = labels_file(256, 40_000, true);
    let d = in_chunks(&narrow, 4096);
    check("late 256th, chunks of 4096", &d, 256);
}

#[test]
fn spellings_of_one_number_past_256_end_narrow() {
    // 300 spellings ("1", "01", "001", …) of 2 numbers: the reader's table
    // has 300 entries (its codes widen) but the file has 2 classes.
    let bytes = lines_file("y_true,y_pred\n", 600, |i| {
        let zeros = "0".repeat(i % 150);
        format!("{zeros}{},{}", i % 2, (i / 3) % 2)
    });
    let d = read_all(&bytes, options()).unwrap();
    check("300 spellings of 2 numbers", &d, 2);
}

#[test]
fn score_reports_are_the_same_from_narrow_codes() {
    // Six decimals (counted by decimal step) and seventeen (sorted by
    // comparison after a partition by class): both generic paths.
    for (what, digits) in [("six decimals", 6), ("seventeen", 17)] {
        let bytes = lines_file("y_true,score\n", 70_000, |i| {
            let x = ((i * 7919) % 1_000_003) as f64 / 1_000_003.0;
            format!("{},{x:.digits$}", u32::from(i % 3 == 0))
        });
        let d = read_all(&bytes, options()).unwrap();
        assert!(!d.truth.is_wide(), "{what}");
        let opts = FileReportOptions::default();
        let narrow = LoadedData::new(d.clone()).report(&opts).unwrap().to_json();
        let wide = LoadedData::new(as_u32(&d)).report(&opts).unwrap().to_json();
        assert_eq!(narrow, wide, "{what}");
        let mut sorted = d.clone();
        fitcheck::report::file_report::sort_scores_by_class(&mut sorted);
        let mut sorted_wide = as_u32(&d);
        fitcheck::report::file_report::sort_scores_by_class(&mut sorted_wide);
        assert!(!sorted.truth.is_wide() && sorted_wide.truth.is_wide());
        assert_eq!(sorted, sorted_wide, "{what}: sorted columns");
        assert_eq!(
            report(&sorted),
            report(&sorted_wide),
            "{what}: sorted report"
        );
    }
}

/// The split reads (native only: the pieces are read on rayon's pool).
#[cfg(not(target_arch = "wasm32"))]
mod split {
    use super::*;
    use fitcheck::input::ingest::parts::read_split;
    use fitcheck::input::ingest::pieces::read_pieces;
    use support::read_at_bytes;

    /// The head read before the parts or pieces start: the reader decides
    /// its columns from the first 64 KiB, the smallest head that splits
    /// (the command line's is 1 MiB; these files are smaller).
    const HEAD: u64 = 64 << 10;

    /// Read in parts and in pieces of 4 KiB, checked against one read.
    fn check_split(what: &str, bytes: &[u8], classes: usize) {
        let whole = read_all(bytes, options().expected_bytes(bytes.len() as u64)).unwrap();
        check(&format!("{what}, whole"), &whole, classes);
        let read_at = read_at_bytes(bytes);
        let len = bytes.len() as u64;
        let (parts, split) = read_split(len, &read_at, options(), 3, 0, HEAD);
        assert!(split, "{what}: split in parts");
        let parts = parts.unwrap();
        check(&format!("{what}, parts"), &parts, classes);
        assert_eq!(parts, whole, "{what}: parts");
        let (pieces, split) = read_pieces(len, &read_at, options(), 3, 0, HEAD, 4 << 10);
        assert!(split, "{what}: split in pieces");
        let pieces = pieces.unwrap();
        check(&format!("{what}, pieces"), &pieces, classes);
        assert_eq!(pieces, whole, "{what}: pieces");
    }

    #[test]
    fn a_257th_class_first_seen_in_the_last_piece_widens_the_joined_codes() {
        // A later part's own table has few classes (its codes stay narrow);
        // joined, its new class is the 257th.
        check_split("late 257th", &labels_file(257, 40_000, true), 257);
        check_split("late 256th", &labels_file(256, 40_000, true), 256);
    }

    #[test]
    fn a_later_piece_with_more_than_256_classes_of_its_own_joins_wide() {
        // The head holds 10 classes; the rest of the file 300 (each piece
        // widens on its own).
        let bytes = lines_file("y_true,y_pred\n", 60_000, |i| {
            let k = if i < 8000 { i % 10 } else { i % 300 };
            format!("{},{}", name(k), name((k + i % 2) % 300))
        });
        check_split("300 classes past the head", &bytes, 300);
    }
}

/// Random class counts (native only: proptest does not build for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod random {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn reports_from_codes_of_any_width_match_u32_codes(
            classes in 1usize..300,
            rows in 300usize..1500,
            seed in any::<u64>(),
        ) {
            let mut rng = support::SplitMix64::new(seed);
            // Every class in the truth once it fits; random predictions.
            let lines: Vec<String> = (0..rows)
                .map(|i| {
                    let t = if i < classes { i } else { rng.below(classes) };
                    let p = if rng.below(4) == 0 { rng.below(classes) } else { t };
                    format!("{},{}", name(t), name(p))
                })
                .collect();
            let bytes = lines_file("y_true,y_pred\n", rows, |i| lines[i].clone());
            let d = read_all(&bytes, options()).unwrap();
            let classes = classes.min(rows);
            prop_assert_eq!(d.labels.len(), classes);
            prop_assert_eq!(d.truth.is_wide(), classes > 256);
            prop_assert_eq!(report(&d), report(&as_u32(&d)));
        }
    }
}
