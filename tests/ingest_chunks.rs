//! The streaming CSV reader gives the same answer however the file is cut:
//! whole, one byte at a time, or in random chunk sizes. Every named case
//! below is read each of those ways, and each way must give the same
//! `Dataset` (labels, columns, rows, line numbers of errors) and the same
//! report JSON — and that answer must be the hand-worked one written in the
//! case, not merely the same wrong answer every time.
//!
//! Short inputs fit inside the 64 KiB the reader gathers before it sniffs
//! the delimiter, so chunking them only exercises the gathering. Each case
//! with data rows is therefore also read *stretched*: its data rows repeated
//! until the file is well past 64 KiB, so that records and line endings are
//! cut at every position by the chunk boundaries. A stretched file must give
//! the same labels, every column repeated, the confusion matrix multiplied,
//! and errors at the same line (the first bad row is in the first copy).
//!
//! Conventions used in the expectations: `truth`/`pred` are indices into
//! `labels`; the confusion matrix has rows true, columns predicted, in
//! `labels` order; a score at or above the threshold 0.5 predicts the
//! positive class.
//!
//! Every reading is also done with `IngestOptions::csv_core_only` (every
//! byte through csv-core, every score through std's parser) and must give
//! the same `Dataset` or the same error: the fast path is held to each case,
//! cut at every position.
//!
//! The same table runs natively (`cargo test`) and in wasm under Node
//! (`cargo test --target wasm32-unknown-unknown --test ingest_chunks` with
//! wasm-bindgen-test-runner), so the page's parser is held to every case.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

mod support;

use fitcheck::input::ingest::codes::ClassCodes;
use fitcheck::input::ingest::{ColumnRef, Dataset, Ingest, IngestOptions, SkippedRow};
use fitcheck::report::file_report::{dataset_report, FileReportOptions};
use fitcheck::Error;
use support::SplitMix64;

/// The bytes the reader gathers before sniffing (see `ingest/mod.rs`).
const SNIFF_BYTES: usize = 64 * 1024;

/// Chunk-size lists for one input: whole, bytes, and random sizes.
fn feeds(len: usize) -> Vec<(String, Vec<usize>)> {
    let mut out = vec![
        ("whole".to_string(), vec![len]),
        ("1-byte".to_string(), vec![1; len]),
    ];
    for (seed, max) in [
        (1u64, 2usize),
        (2, 3),
        (3, 7),
        (4, 64),
        (5, 1000),
        (6, 4096),
        (7, 70_000),
    ] {
        let mut rng = SplitMix64::new(seed);
        let mut sizes = Vec::new();
        let mut left = len;
        while left > 0 {
            let s = rng.one_to(max).min(left);
            sizes.push(s);
            left -= s;
        }
        out.push((format!("random(seed {seed}, 1..={max})"), sizes));
    }
    out
}

fn read(input: &[u8], options: &IngestOptions, sizes: &[usize]) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options.clone());
    let mut at = 0;
    for &s in sizes {
        ingest.push(&input[at..at + s])?;
        at += s;
    }
    assert_eq!(at, input.len(), "the chunk sizes cover the input");
    ingest.finish()
}

fn report_json(data: &Dataset) -> Result<String, Error> {
    dataset_report(data, &FileReportOptions::default()).map(|r| r.to_json())
}

/// What a case must read as.
#[derive(Debug, Clone)]
enum Want {
    /// Predicted labels: sorted labels, truth and predictions as indices into
    /// them, the delimiter, whether there was a header, the report's matrix.
    Pred(
        &'static [&'static str],
        &'static [u32],
        &'static [u32],
        u8,
        bool,
        &'static [&'static [u64]],
    ),
    /// Scores: sorted labels, truth, scores, delimiter, header, matrix at 0.5.
    Score(
        &'static [&'static str],
        &'static [u32],
        &'static [f64],
        u8,
        bool,
        &'static [&'static [u64]],
    ),
    /// Reading fails with this message and line.
    Fails(&'static str, Option<u64>),
}
use Want::{Fails, Pred, Score};

/// One named input: the bytes before the data rows (`head`), the data rows
/// (`body`), the options, and the expected reading.
struct Case {
    name: &'static str,
    head: &'static [u8],
    body: &'static [u8],
    options: fn() -> IngestOptions,
    want: Want,
}

fn auto() -> IngestOptions {
    IngestOptions::new()
}
fn no_header() -> IngestOptions {
    IngestOptions::new().has_header(false)
}
fn with_header() -> IngestOptions {
    IngestOptions::new().has_header(true)
}
fn semicolon() -> IngestOptions {
    IngestOptions::new().delimiter(b';')
}
fn truth_2_score_c() -> IngestOptions {
    IngestOptions::new()
        .truth(ColumnRef::Index(2))
        .score(ColumnRef::Name("c".into()))
}
fn truth_named_gold_pred_3() -> IngestOptions {
    IngestOptions::new()
        .truth(ColumnRef::Name("GOLD".into()))
        .pred(ColumnRef::Index(3))
}

// Matrices used by several cases.
const M_BASIC: &[&[u64]] = &[&[0, 1], &[1, 1]]; // truth 1 0 1, pred 1 1 0
const M_DIAG: &[&[u64]] = &[&[1, 0], &[0, 1]];

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    let c = |name, head, body, options, want| Case { name, head, body, options, want };
    vec![
        // Delimiters. truth 1 0 1, pred 1 1 0: true 0 → [0 right, 1 wrong], true 1 → [1 missed, 1 hit].
        c("comma, LF, header",          b"y_true,y_pred\n",  b"1,1\n0,1\n1,0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("semicolon",                  b"y_true;y_pred\n",  b"1;1\n0;1\n1;0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b';', true, M_BASIC)),
        c("tab",                        b"y_true\ty_pred\n", b"1\t1\n0\t1\n1\t0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b'\t', true, M_BASIC)),
        c("semicolon given, commas are text", b"y_true;y_pred\n", b"a,b;a,b\nc;a,b\n", semicolon, Pred(&["a,b", "c"], &[0, 1], &[0, 0], b';', true, &[&[1, 0], &[1, 0]])),
        c("semicolon file with decimal commas", b"y_true;score\n", b"1;0,7\n0;0,2\n", auto, Fails("line 2, column 2 (\"score\"): \"0,7\" is not a number", Some(2))),
        // Quoting. Labels cat < dog; neither reads as positive, so dog (last) is positive.
        c("quoted fields hold delimiters", b"text,y_true,y_pred\n", b"\"hello, world\",cat,dog\n\"a;b\tc\",dog,dog\n", auto, Pred(&["cat", "dog"], &[0, 1], &[1, 1], b',', true, &[&[0, 1], &[0, 1]])),
        c("doubled quotes",             b"y_true,y_pred\n",  b"\"say \"\"yes\"\"\",no\n\"say \"\"yes\"\"\",\"say \"\"yes\"\"\"\n", auto, Pred(&["no", "say \"yes\""], &[1, 1], &[0, 1], b',', true, &[&[0, 0], &[1, 1]])),
        c("quoted newlines (LF, CRLF, CR)", b"y_true,y_pred,note\n", b"1,1,\"line one\nline two\"\n0,0,\"x\r\ny\"\n1,0,\"p\rq\"\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 0, 0], b',', true, &[&[1, 0], &[1, 1]])),
        c("quoted label with spaces is trimmed", b"y_true,y_pred\n", b"\" cat \",cat\ndog,\"dog \"\n", auto, Pred(&["cat", "dog"], &[0, 1], &[0, 1], b',', true, M_DIAG)),
        c("quoted numeric labels",      b"\"y_true\",\"y_pred\"\n", b"\"1\",\"1.0\"\n\"0\",\"0\"\n", auto, Pred(&["0", "1"], &[1, 0], &[1, 0], b',', true, M_DIAG)),
        // Byte order mark.
        c("UTF-8 BOM before the header", b"\xEF\xBB\xBFy_true,y_pred\n", b"1,1\n0,0\n", auto, Pred(&["0", "1"], &[1, 0], &[1, 0], b',', true, M_DIAG)),
        c("BOM, semicolon, CRLF",       b"\xEF\xBB\xBFy_true;y_pred\r\n", b"1;1\r\n0;0\r\n", auto, Pred(&["0", "1"], &[1, 0], &[1, 0], b';', true, M_DIAG)),
        c("BOM before headerless data", b"\xEF\xBB\xBF", b"1,1\n0,0\n", auto, Pred(&["0", "1"], &[1, 0], &[1, 0], b',', false, M_DIAG)),
        // Line endings.
        c("CRLF",                       b"y_true,y_pred\r\n", b"1,1\r\n0,1\r\n1,0\r\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("CR only",                    b"y_true,y_pred\r",   b"1,1\r0,1\r1,0\r", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("LF, no trailing newline",    b"y_true,y_pred\n",   b"1,1\n0,1\n1,0", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("CRLF, no trailing newline",  b"y_true,y_pred\r\n", b"1,1\r\n0,1\r\n1,0", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("CR, no trailing newline",    b"y_true,y_pred\r",   b"1,1\r0,1\r1,0", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("mixed line endings",         b"y_true,y_pred\n",   b"1,1\r\n0,1\r1,0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("blank lines",                b"\ny_true,y_pred\n\n", b"1,1\n\n\n0,1\n1,0\n\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("blank lines, CRLF",          b"y_true,y_pred\r\n\r\n", b"1,1\r\n\r\n0,1\r\n1,0\r\n\r\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        // Line numbers in errors count every line of the file, blank or inside quotes.
        c("error line, LF",             b"y_true,y_pred\n",   b"1,1\n0,1,1\n", auto, Fails("line 3: expected 2 fields, found 3", Some(3))),
        c("error line, CRLF",           b"y_true,y_pred\r\n", b"1,1\r\n0,1,1\r\n", auto, Fails("line 3: expected 2 fields, found 3", Some(3))),
        c("error line, CR only",        b"y_true,y_pred\r",   b"1,1\r0,1,1\r", auto, Fails("line 3: expected 2 fields, found 3", Some(3))),
        // Lines 1 header (CRLF), 2 "1,1" (CRLF), 3 "0,1" (CR), 4 "1,0" (LF), 5 CR, 6 the bad row.
        c("error line, mixed CRLF, CR and LF", b"y_true,y_pred\r\n", b"1,1\r\n0,1\r1,0\n\r0,1,1\r\n", auto, Fails("line 6: expected 2 fields, found 3", Some(6))),
        c("error line, LF file with a lone CR", b"y_true,y_pred\n", b"1,1\r0,1\n1,0,1\n", auto, Fails("line 4: expected 2 fields, found 3", Some(4))),
        c("error line after blank lines", b"y_true,y_pred\n\n", b"1,1\n\n0,1,1\n", auto, Fails("line 5: expected 2 fields, found 3", Some(5))),
        c("error line after a quoted newline", b"y_true,y_pred,note\n", b"1,1,\"a\nb\nc\"\n0,1\n", auto, Fails("line 5: expected 3 fields, found 2", Some(5))),
        c("error line after a quoted CRLF", b"y_true,y_pred,note\r\n", b"1,1,\"a\r\nb\"\r\n0,1,2,3\r\n", auto, Fails("line 4: expected 3 fields, found 4", Some(4))),
        c("error on a last line without newline", b"y_true,score\n", b"1,0.5\n0,abc", auto, Fails("line 3, column 2 (\"score\"): \"abc\" is not a number", Some(3))),
        c("error: a field starts on one line, the record on another", b"y_true,y_pred\n", b"1,\"1\n\"\n0,,\n", auto, Fails("line 4: expected 2 fields, found 3", Some(4))),
        c("invalid UTF-8 in a label",   b"y_true,y_pred\n",   b"1,1\n0,\xFF\n", auto, Fails("line 3, column 2 (\"y_pred\"): byte 1 of the cell (0xFF) is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")", Some(3))),
        c("invalid UTF-8 on line 1 of a headerless file", b"", b"1,\xFF\n0,1\n", no_header, Fails("line 1, column 2 (\"column 2\"): byte 1 of the cell (0xFF) is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")", Some(1))),
        // Scores, as people write them. Threshold 0.5, at or above is positive:
        // true 0: .5, 0.75, +0.5 → all predicted 1; true 1: 1e-3 → 0, -0.25 → 0, 5E-1 → 1.
        c("score formats",              b"y_true,score\n",    b"1,1e-3\n0,.5\n1,-0.25\n0,0.75\n1,5E-1\n0,+0.5\n", auto, Score(&["0", "1"], &[1, 0, 1, 0, 1, 0], &[0.001, 0.5, -0.25, 0.75, 0.5, 0.5], b',', true, &[&[0, 3], &[2, 1]])),
        c("scores with spaces and 1.", b"y_true , score \n", b" 1 , 1. \n0,  0.25\n", auto, Score(&["0", "1"], &[1, 0], &[1.0, 0.25], b',', true, M_DIAG)),
        c("integer scores by header name", b"y_true,prob\n", b"1,1\n0,0\n1,0\n", auto, Score(&["0", "1"], &[1, 0, 1], &[1.0, 0.0, 0.0], b',', true, &[&[1, 0], &[1, 1]])),
        c("headerless scores guessed by position", b"", b"1,0.9\n0,0.2\n0,0.6\n", auto, Score(&["0", "1"], &[1, 0, 0], &[0.9, 0.2, 0.6], b',', false, &[&[1, 1], &[0, 1]])),
        c("header given, scores guessed by position", b"a,b\n", b"1,0.9\n0,0.2\n0,0.6\n", with_header, Score(&["0", "1"], &[1, 0, 0], &[0.9, 0.2, 0.6], b',', true, &[&[1, 1], &[0, 1]])),
        c("no header said, scores guessed by position", b"", b"1,0.9\n0,0.2\n0,0.6\n", no_header, Score(&["0", "1"], &[1, 0, 0], &[0.9, 0.2, 0.6], b',', false, &[&[1, 1], &[0, 1]])),
        c("header detected, scores guessed by position", b"a,b\n", b"1,0.9\n0,0.2\n0,0.6\n", auto, Score(&["0", "1"], &[1, 0, 0], &[0.9, 0.2, 0.6], b',', true, &[&[1, 1], &[0, 1]])),
        c("NaN score",                  b"y_true,score\n",    b"1,0.5\n0,NaN\n", auto, Fails("line 3, column 2 (\"score\"): \"NaN\" is not a finite number: scores must be real numbers", Some(3))),
        c("empty score",                b"y_true,score\n",    b"1,0.5\n0,\n", auto, Fails("line 3, column 2 (\"score\"): the score is empty", Some(3))),
        // Numeric labels: 1, 1.0, 01, +1 and 1e0 are one class named "1"; sorted as numbers.
        c("1 and 1.0 are one class",    b"y_true,y_pred\n",   b"1,1.0\n0,0.0\n1.0,0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 0, 0], b',', true, &[&[1, 0], &[1, 1]])),
        c("spellings of one",           b"y_true,y_pred\n",   b"01,+1\n1e0, 1 \n0,-0\n", auto, Pred(&["0", "1"], &[1, 1, 0], &[1, 1, 0], b',', true, &[&[1, 0], &[0, 2]])),
        c("numbers sort as numbers",    b"y_true,y_pred\n",   b"10,9\n9,9\n2,10\n", auto, Pred(&["2", "9", "10"], &[2, 1, 0], &[1, 1, 2], b',', true, &[&[0, 0, 1], &[0, 1, 0], &[0, 1, 0]])),
        c("negative and decimal labels", b"y_true,y_pred\n",  b"-1,0.5\n.5,-1.0\n0.50,0.5\n", auto, Pred(&["-1", "0.5"], &[0, 1, 1], &[1, 0, 1], b',', true, &[&[0, 1], &[1, 1]])),
        // Above 2^53 floats merge neighbours; labels are compared exactly and named by their digits.
        c("integer ids above 2^53 stay apart", b"y_true,y_pred\n", b"9007199254740993,9007199254740992\n9007199254740992,9007199254740992.0\n09007199254740993,9007199254740993\n", auto, Pred(&["9007199254740992", "9007199254740993"], &[1, 0, 1], &[0, 0, 1], b',', true, &[&[1, 0], &[1, 1]])),
        c("decimals compared exactly",  b"y_true,y_pred\n", b"0.1,0.10000000000000000001\n0.10000000000000000001,0.1\n", auto, Pred(&["0.1", "0.10000000000000000001"], &[0, 1], &[1, 0], b',', true, &[&[0, 1], &[1, 0]])),
        c("a word makes every label text", b"y_true,y_pred\n", b"1,1.0\none,1\n", auto, Pred(&["1", "1.0", "one"], &[0, 2], &[1, 0], b',', true, &[&[0, 1, 0], &[0, 0, 0], &[1, 0, 0]])),
        // Text labels: trimmed, case-sensitive, sorted by code point.
        c("text labels trimmed",        b"y_true,y_pred\n",   b" cat ,cat\ndog,  dog  \n\tcat\t,dog\n", auto, Pred(&["cat", "dog"], &[0, 1, 0], &[0, 1, 1], b',', true, &[&[1, 1], &[0, 1]])),
        c("text labels by code point",  b"y_true,y_pred\n",   b"cat,Cat\n\xC3\xA9t\xC3\xA9,cat\nCat,zebra\n", auto, Pred(&["Cat", "cat", "zebra", "\u{e9}t\u{e9}"], &[1, 3, 0], &[0, 1, 2], b',', true, &[&[0, 0, 1, 0], &[1, 0, 0, 0], &[0, 0, 0, 0], &[0, 1, 0, 0]])),
        c("yes and no",                 b"actual,predicted\n", b"yes,no\nno,no\nyes,yes\n", auto, Pred(&["no", "yes"], &[1, 0, 1], &[0, 0, 1], b',', true, &[&[1, 0], &[1, 1]])),
        // Headers and columns.
        // The header rule agrees with the label rule: first-row values that read as labels of their column are data.
        c("first row true,true is data", b"",                 b"true,true\nfalse,true\ntrue,false\n", auto, Pred(&["false", "true"], &[1, 0, 1], &[1, 1, 0], b',', false, M_BASIC)),
        c("first row y,n is data",      b"",                  b"y,n\nn,n\ny,y\n", auto, Pred(&["n", "y"], &[1, 0, 1], &[0, 0, 1], b',', false, &[&[1, 0], &[1, 1]])),
        c("first row TRUE,FALSE over true/false is data", b"", b"TRUE,FALSE\nFALSE,FALSE\n", auto, Pred(&["FALSE", "TRUE"], &[1, 0], &[0, 0], b',', false, &[&[1, 0], &[1, 0]])),
        c("header y,y_pred over y/n labels", b"y,y_pred\n",   b"y,n\nn,n\n", auto, Pred(&["n", "y"], &[1, 0], &[0, 0], b',', true, &[&[1, 0], &[1, 0]])),
        c("header y,p over numbers",    b"y,p\n",             b"1,0.9\n0,0.2\n", auto, Score(&["0", "1"], &[1, 0], &[0.9, 0.2], b',', true, M_DIAG)),
        // Two CSVs joined with cat: the repeated header is skipped (with a warning), not read as labels.
        c("repeated header mid-file is skipped", b"y_true,y_pred\n", b"1,1\n0,1\ny_true,y_pred\n1,0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("repeated header with spaces and CRLF", b"y_true,score\r\n", b"1,0.9\r\n y_true , score \r\n0,0.2\r\n", auto, Score(&["0", "1"], &[1, 0], &[0.9, 0.2], b',', true, M_DIAG)),
        // Lines of spaces are blank lines.
        c("lines of spaces are blank",  b"y_true,y_pred\n  \n", b"1,1\n \t \n0,0\n", auto, Pred(&["0", "1"], &[1, 0], &[1, 0], b',', true, M_DIAG)),
        c("headerless labels",          b"",                  b"1,1\n0,1\n1,0\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', false, M_BASIC)),
        c("headerless, said so",        b"",                  b"1,1\n0,1\n1,0\n", no_header, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', false, M_BASIC)),
        c("one headerless row",         b"",                  b"1,0\n", auto, Pred(&["0", "1"], &[1], &[0], b',', false, &[&[0, 0], &[1, 0]])),
        c("unlisted header names over text labels", b"true_class,predicted_class\n", b"cat,dog\ndog,dog\ncat,cat\n", auto, Pred(&["cat", "dog"], &[0, 1, 0], &[1, 1, 0], b',', true, &[&[1, 1], &[0, 1]])),
        c("header names normalised",    b"Y True,Y-Pred\n",   b"1,1\n0,0\n", auto, Pred(&["0", "1"], &[1, 0], &[1, 0], b',', true, M_DIAG)),
        c("extra columns ignored",      b"id,y_true,y_pred,comment\n", b"7,1,1,ok\n8,0,1,\"x, y\"\n9,1,0,\n", auto, Pred(&["0", "1"], &[1, 0, 1], &[1, 1, 0], b',', true, M_BASIC)),
        c("predictions win over scores", b"y_true,y_pred,score\n", b"1,0,0.9\n0,0,0.1\n", auto, Pred(&["0", "1"], &[1, 0], &[0, 0], b',', true, &[&[1, 0], &[1, 0]])),
        c("columns chosen by number and name", b"a,b,c\n", b"x,1,0.7\ny,0,0.2\nz,0,0.5\n", truth_2_score_c, Score(&["0", "1"], &[1, 0, 0], &[0.7, 0.2, 0.5], b',', true, &[&[1, 1], &[0, 1]])),
        c("column name matched ignoring case", b"gold,other,guess\n", b"a,b,a\nb,a,b\n", truth_named_gold_pred_3, Pred(&["a", "b"], &[0, 1], &[0, 1], b',', true, M_DIAG)),
    ]
}

fn check_want(label: &str, got: &Result<Dataset, Error>, want: &Want, copies: usize) {
    let repeat_u32 = |v: &[u32]| v.repeat(copies);
    let scale = |m: &[&[u64]]| -> Vec<Vec<u64>> {
        m.iter()
            .map(|r| r.iter().map(|x| x * copies as u64).collect())
            .collect()
    };
    match want {
        Fails(message, line) => {
            let err = got
                .as_ref()
                .err()
                .unwrap_or_else(|| panic!("{label}: read {got:?}, expected error {message:?}"));
            assert_eq!(err.to_string(), *message, "{label}: message");
            assert_eq!(err.line(), *line, "{label}: line");
        }
        Pred(labels, truth, _, delim, header, matrix)
        | Score(labels, truth, _, delim, header, matrix) => {
            let d = got
                .as_ref()
                .unwrap_or_else(|e| panic!("{label}: failed with {e}"));
            assert_eq!(d.labels, *labels, "{label}: labels");
            assert_eq!(d.truth, repeat_u32(truth), "{label}: truth");
            assert_eq!(d.rows, (truth.len() * copies) as u64, "{label}: rows");
            assert_eq!(d.delimiter, *delim, "{label}: delimiter");
            assert_eq!(d.has_header, *header, "{label}: header");
            assert_eq!(d.skipped, 0, "{label}: skipped");
            match want {
                Pred(_, _, pred, ..) => {
                    assert_eq!(
                        d.pred.as_ref().map(ClassCodes::to_u32_vec),
                        Some(repeat_u32(pred)),
                        "{label}: pred"
                    );
                    assert!(d.score.is_none(), "{label}: has scores");
                }
                Score(_, _, scores, ..) => {
                    assert_eq!(
                        d.score.as_deref(),
                        Some(scores.repeat(copies).as_slice()),
                        "{label}: scores"
                    );
                    assert!(d.pred.is_none(), "{label}: has predictions");
                }
                Fails(..) => unreachable!(),
            }
            let report = dataset_report(d, &FileReportOptions::default())
                .unwrap_or_else(|e| panic!("{label}: report failed with {e}"));
            assert_eq!(report.labels, *labels, "{label}: report labels");
            assert_eq!(report.confusion, scale(matrix), "{label}: confusion");
            assert_eq!(report.n, (truth.len() * copies) as u64, "{label}: n");
        }
    }
}

/// The input, and the stretched input with the number of copies of the body.
fn variants(case: &Case) -> Vec<(String, Vec<u8>, usize)> {
    let mut plain = case.head.to_vec();
    plain.extend_from_slice(case.body);
    let mut out = vec![("plain".to_string(), plain, 1)];
    if !case.body.is_empty() {
        // A body without a final line ending is joined to the next copy by
        // its own line ending, so the copies stay separate records.
        let ends_line = matches!(case.body.last(), Some(b'\n' | b'\r'));
        let eol: &[u8] = if ends_line {
            b""
        } else if case.body.windows(2).any(|w| w == b"\r\n") {
            b"\r\n"
        } else if case.body.contains(&b'\r') {
            b"\r"
        } else {
            b"\n"
        };
        let copies = (SNIFF_BYTES + 32 * 1024) / (case.body.len() + eol.len()) + 2;
        let mut long = case.head.to_vec();
        for i in 0..copies {
            if i > 0 {
                long.extend_from_slice(eol);
            }
            long.extend_from_slice(case.body);
        }
        assert!(long.len() > SNIFF_BYTES + 16 * 1024);
        out.push((format!("stretched x{copies}"), long, copies));
    }
    out
}

/// One way of reading a case: its label, the dataset, and the report JSON.
type Reading = (String, Result<Dataset, Error>, Result<String, Error>);

fn run_case(case: &Case) {
    let options = (case.options)();
    for (variant, input, copies) in variants(case) {
        let mut first: Option<Reading> = None;
        for (feed, sizes) in feeds(input.len()) {
            let label = format!("{} [{variant}, {feed}]", case.name);
            let got = read(&input, &options, &sizes);
            let json = got.as_ref().map_err(Clone::clone).and_then(report_json);
            check_want(&label, &got, &case.want, copies);
            // The fast path (lines without quotes split in place, scores
            // parsed from bytes) must read exactly as csv-core alone does.
            let reference = read(&input, &options.clone().csv_core_only(), &sizes);
            assert_eq!(
                got, reference,
                "{label}: fast path differs from csv-core only"
            );
            match &first {
                None => first = Some((label, got, json)),
                Some((first_label, first_got, first_json)) => {
                    assert_eq!(&got, first_got, "{label} differs from {first_label}");
                    assert_eq!(
                        &json, first_json,
                        "{label}: report JSON differs from {first_label}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_case_reads_the_same_whole_bytewise_and_in_random_chunks() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    for case in cases.iter() {
        run_case(case);
    }
}

/// A predictions file of `rows` rows past the sniff window, with the
/// hand-countable pattern truth = i % 3 == 0, pred = i % 2 == 0.
fn long_file(rows: usize) -> Vec<u8> {
    let mut out = b"y_true,y_pred\n".to_vec();
    for i in 0..rows {
        out.extend_from_slice(
            format!("{},{}\n", u8::from(i % 3 == 0), u8::from(i % 2 == 0)).as_bytes(),
        );
    }
    out
}

#[test]
fn empty_chunks_are_ignored_anywhere_in_the_stream() {
    // 60 000 rows of 4 bytes after a 14-byte header: far past the 64 KiB
    // sniff window. Over a period of 6 rows, (t, p) = (1,1) (0,0) (0,1)
    // (1,0) (0,1) (0,0), so tn = 2, fp = 2, fn = 1, tp = 1 per 6 rows.
    let input = long_file(60_000);
    let whole = read(&input, &IngestOptions::new(), &[input.len()]).expect("reads");
    assert_eq!(whole.rows, 60_000);
    let report = dataset_report(&whole, &FileReportOptions::default()).expect("report");
    assert_eq!(
        report.confusion,
        vec![vec![20_000, 20_000], vec![10_000, 10_000]]
    );
    // Empty chunks between chunks cut mid-row (4096 is not a multiple of 4
    // past the header) and between chunks cut at row ends (14 + 4k bytes).
    let mid_row: Vec<&[u8]> = input.chunks(4096).collect();
    let row_ends: Vec<&[u8]> = {
        let (header, rows) = input.split_at(14);
        std::iter::once(header)
            .chain(rows.chunks(4 * 1000))
            .collect()
    };
    for (how, chunks) in [("mid-row", mid_row), ("at row ends", row_ends)] {
        let mut ingest = Ingest::new(IngestOptions::new());
        for chunk in chunks {
            ingest.push(chunk).expect("push");
            ingest
                .push(&[])
                .unwrap_or_else(|e| panic!("{how}: an empty chunk is not an error, got {e}"));
        }
        let chunked = ingest.finish().expect("reads");
        assert_eq!(chunked.rows, 60_000, "{how}: rows");
        assert_eq!(chunked, whole, "{how}: empty chunks change the result");
    }
}

#[test]
fn progress_counts_rows_and_bytes_as_they_arrive() {
    let input = long_file(60_000);
    let mut ingest = Ingest::new(IngestOptions::new());
    let mut last_rows = 0;
    for chunk in input.chunks(10_000) {
        ingest.push(chunk).expect("push");
        assert!(ingest.rows() >= last_rows, "rows never go back");
        last_rows = ingest.rows();
    }
    assert_eq!(ingest.bytes(), input.len() as u64);
    // Past the sniff window rows are counted before the end of the input.
    assert!(
        last_rows > 50_000,
        "only {last_rows} rows counted before finish"
    );
    assert_eq!(ingest.finish().expect("reads").rows, 60_000);
}

#[rustfmt::skip]
#[test]
fn skipped_rows_are_the_same_however_the_file_is_cut() {
    // Lines: 1 header, 2 good, 3 three fields, 4 good, 5 empty label, 6 bad score, 7 good.
    let input: &[u8] = b"y_true,score\n1,0.9\n0,0.1,7\n0,0.4\n,0.3\n1,high\n1,0.2\n";
    let options = IngestOptions::new().skip_bad_rows(true);
    let want_samples = vec![
        SkippedRow { line: 3, message: "line 3: expected 2 fields, found 3".into() },
        SkippedRow { line: 5, message: "line 5, column 1 (\"y_true\"): the label is empty".into() },
        SkippedRow { line: 6, message: "line 6, column 2 (\"score\"): \"high\" is not a number".into() },
    ];
    let mut first: Option<Dataset> = None;
    for (feed, sizes) in feeds(input.len()) {
        let d = read(input, &options, &sizes).unwrap_or_else(|e| panic!("{feed}: {e}"));
        assert_eq!(d.rows, 3, "{feed}");
        assert_eq!(d.skipped, 3, "{feed}");
        assert_eq!(d.skipped_samples, want_samples, "{feed}");
        assert_eq!(d.truth, vec![1, 0, 1], "{feed}");
        assert_eq!(d.score, Some(vec![0.9, 0.4, 0.2]), "{feed}");
        if let Some(f) = &first {
            assert_eq!(&d, f, "{feed}");
        }
        first = Some(d);
    }
}

#[test]
fn a_zero_byte_anywhere_is_refused_however_the_file_is_cut() {
    // One rule for the whole file: a zero byte past the 64 KiB sniffed
    // first is refused like one inside it. 20,000 rows of 4 bytes after the
    // 14-byte header end at byte 80,014; "1," then the zero: byte 80,017.
    let mut input = long_file(20_000);
    input.extend_from_slice(b"1,\x001\n0,0\n");
    let message = "this looks like a binary file, not CSV text (a zero byte at byte 80017); export the predictions as CSV";
    for (feed, sizes) in feeds(input.len()) {
        let err = read(&input, &IngestOptions::new(), &sizes)
            .err()
            .unwrap_or_else(|| panic!("{feed}: a zero byte was read as text"));
        assert_eq!(err.to_string(), message, "{feed}");
    }
    // A bad row before the zero byte is reported first, however the file is cut.
    let mut input = long_file(20_000);
    input.extend_from_slice(b"1,1,1\n1,\x00\n");
    for (feed, sizes) in feeds(input.len()) {
        let err = read(&input, &IngestOptions::new(), &sizes)
            .err()
            .unwrap_or_else(|| panic!("{feed}: no error"));
        assert_eq!(
            (err.to_string().as_str(), err.line()),
            ("line 20002: expected 2 fields, found 3", Some(20_002)),
            "{feed}"
        );
    }
}
