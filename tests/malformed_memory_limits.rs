//! The page's memory limit (`input::fits`): a read whose estimated memory
//! passes the page's 3.5 GB (wasm32: 4 GiB at most) is refused from the
//! files' size, before reading, with the exact sentence naming the command
//! to use instead; up to the limit it is accepted. The wasm door's
//! `checkFits` and its reads are tested in `tests/wasm_limits.rs`.

use fitcheck::input::fits::{
    check_files_fit, check_fits, memory_needed, Reader, PAGE_MEMORY_BYTES,
};

const END: &str = "Use the command-line tool, which has no such limit:";

#[rustfmt::skip]
#[test]
fn each_reader_refuses_a_file_too_large_for_the_page_with_its_exact_message() {
    // (reader, largest size that fits, the message one byte above it).
    let cases = [
        // 2.5 bytes of memory per byte: 1.4 GB fits.
        (Reader::Predictions, 1_400_000_000, format!("this file is 1.4 GB; reading it here would take about 3.5 GB of memory, and the page can hold about 3.5 GB. {END} fitcheck report FILE")),
        // 6 per byte: 583,333,333 bytes fit.
        (Reader::Comparison, 583_333_333, format!("this file is 583 MB; reading it here would take about 3.5 GB of memory, and the page can hold about 3.5 GB. {END} fitcheck compare FILE (or BEFORE AFTER)")),
        (Reader::Leakage, 700_000_000, format!("this file is 700 MB; reading it here would take about 3.5 GB of memory, and the page can hold about 3.5 GB. {END} fitcheck leakage TRAIN TEST")),
        (Reader::TrainingLog, 437_500_000, format!("this file is 438 MB; reading it here would take about 3.5 GB of memory, and the page can hold about 3.5 GB. {END} fitcheck training LOG")),
    ];
    for (reader, fits, message) in cases {
        assert!(memory_needed(fits, reader) <= PAGE_MEMORY_BYTES, "{reader:?}");
        assert_eq!(check_fits(fits, reader), Ok(()), "{reader:?} at {fits}");
        let err = check_fits(fits + 1, reader).expect_err("one byte more");
        assert_eq!(err.kind_id(), "too_large", "{reader:?}");
        assert_eq!(err.to_string(), message, "{reader:?}");
        assert_eq!(err.line(), None);
    }
}

#[test]
fn a_6_gb_file_names_its_size_and_the_command() {
    let err = check_fits(6_200_000_000, Reader::Predictions).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("this file is 6.2 GB; reading it here would take about 15.5 GB of memory, and the page can hold about 3.5 GB. {END} fitcheck report FILE")
    );
}

#[test]
fn several_files_count_together() {
    // Two leakage files of 400 MB each: 800 MB × 5 = 4 GB.
    let err = check_files_fit(&[400_000_000, 400_000_000], Reader::Leakage).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("these files are together 800 MB; reading them here would take about 4.0 GB of memory, and the page can hold about 3.5 GB. {END} fitcheck leakage TRAIN TEST")
    );
    assert_eq!(
        check_files_fit(&[300_000_000, 300_000_000], Reader::Leakage),
        Ok(())
    );
    // Sizes that would overflow add up to the largest number, not around to a small one.
    assert!(check_files_fit(&[u64::MAX, u64::MAX], Reader::TrainingLog).is_err());
}
