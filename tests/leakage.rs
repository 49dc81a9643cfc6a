//! The leakage check on hand-worked train/test pairs: every count below is
//! worked out by hand from the rows shown.

use fitcheck::input::leakage::{read_pair, HashReader, LeakageSettings};
use fitcheck::report::leakage::leakage_report;
use fitcheck::report::leakage_contract::{LeakageReport, LeakageStatus};
use fitcheck::report::warnings::{Severity, WarningId};

fn settings() -> LeakageSettings {
    LeakageSettings::default()
}

fn report_with(train: &str, test: &str, s: &LeakageSettings) -> LeakageReport {
    let (train, test) = read_pair(train.as_bytes(), test.as_bytes(), s).unwrap();
    leakage_report(train, &test, s)
}

fn report(train: &str, test: &str) -> LeakageReport {
    report_with(train, test, &settings())
}

fn error(train: &str, test: &str, s: &LeakageSettings) -> String {
    read_pair(train.as_bytes(), test.as_bytes(), s)
        .unwrap_err()
        .to_string()
}

#[test]
fn a_test_row_occurring_twice_that_matches_one_training_row_counts_twice() {
    let r = report("x,label\na,1\nb,0\n", "x,label\na,1\nc,0\na,1\n");
    assert_eq!(r.test_rows, 3);
    assert_eq!(r.test_in_train.rows, 2);
    assert_eq!(r.test_in_train.ratio, 2.0 / 3.0);
    // The two copies are one duplicate inside the test set.
    assert_eq!(r.test_duplicates.rows, 1);
    assert_eq!(r.test_duplicates.ratio, 1.0 / 3.0);
    assert_eq!(r.train_duplicates.rows, 0);
    let lines: Vec<(u64, u64)> = r
        .examples
        .iter()
        .map(|e| (e.test_line, e.train_line))
        .collect();
    assert_eq!(lines, vec![(2, 2), (4, 2)]);
}

#[test]
fn numbers_compare_as_numbers_across_spellings() {
    let r = report(
        "x,y,label\n1,0.5,1\n2,3,0\n",
        "x,y,label\n1.0,5e-1,1\n1e0,.5,1\n2.5,3,0\n-0,0,0\n",
    );
    // Rows 1 and 2 are (1, 0.5, 1) written differently; 2.5 is not 2.
    assert_eq!(r.test_in_train.rows, 2);
    assert_eq!(r.test_duplicates.rows, 1);
}

#[test]
fn empty_cells_equal_empty_cells_and_nothing_else() {
    let r = report(
        "x,y,label\n,b,1\n0,b,1\n",
        "x,y,label\n,b,1\n  ,b,1\nnan,b,1\n",
    );
    // "" and "  " (trimmed) are the empty cell; "nan" is text, not empty, not 0.
    assert_eq!(r.test_in_train.rows, 2);
}

#[test]
fn quoted_fields_may_hold_delimiters_quotes_and_line_breaks() {
    let train = "text,label\n\"a,b\",1\n\"say \"\"hi\"\"\",0\n\"two\nlines\",1\n";
    let test = "text,label\n\"a,b\",1\na,1\n\"say \"\"hi\"\"\",0\n\"two\nlines\",1\nb\",1\n";
    let r = report(train, test);
    // "a,b" is one field; `b"` unquoted is the text b" (csv-core's reading).
    assert_eq!(r.test_rows, 5);
    assert_eq!(r.test_in_train.rows, 3);
    let lines: Vec<(u64, u64)> = r
        .examples
        .iter()
        .map(|e| (e.test_line, e.train_line))
        .collect();
    // The quoted field spanning lines starts on line 5 of the test file, line 4 of training.
    assert_eq!(lines, vec![(2, 2), (4, 3), (5, 4)]);
}

#[test]
fn columns_in_another_order_and_another_delimiter_match_by_name() {
    let r = report(
        "id,text,label\n1,hello,pos\n2,bye,neg\n",
        "label\ttext\tid\nneg\tbye\t2\npos\thello\t9\n",
    );
    assert_eq!(r.columns, vec!["id", "text", "label"]);
    assert_eq!(r.test_in_train.rows, 1);
    // Ignoring the id, both test rows are training rows.
    let s = LeakageSettings {
        ignore: vec!["id".into()],
        ..settings()
    };
    let r = report_with(
        "id,text,label\n1,hello,pos\n2,bye,neg\n",
        "label\ttext\tid\nneg\tbye\t2\npos\thello\t9\n",
        &s,
    );
    assert_eq!(r.columns, vec!["text", "label"]);
    assert_eq!(r.ignored, vec!["id"]);
    assert_eq!(r.test_in_train.rows, 2);
    assert_eq!(r.test_in_train.ratio, 1.0);
}

#[test]
fn conflicting_labels_are_features_seen_with_another_label() {
    let r = report(
        "text,label\ngood,pos\ngood,neg\nbad,neg\nok,pos\n",
        "text,label\ngood,pos\nbad,pos\nok,pos\nnew,neg\nbad,pos\n",
    );
    // good: in training with pos and neg → seen, and conflicting;
    // bad,pos: features seen, label never → conflicting twice;
    // ok,pos: seen, no conflict; new: unseen.
    assert_eq!(r.label.as_deref(), Some("label"));
    assert_eq!(r.test_in_train.rows, 2);
    assert_eq!(r.test_in_train_ignoring_label.rows, 5 - 1);
    assert_eq!(r.conflicting_labels.unwrap().rows, 3);
    assert_eq!(r.conflicting_labels.unwrap().ratio, 3.0 / 5.0);
    let ids: Vec<String> = r.warnings.iter().map(|w| w.id.to_string()).collect();
    assert_eq!(ids, vec!["train_test_overlap", "conflicting_labels"]);
    assert!(r.warnings[1]
        .message
        .starts_with("3 of the 5 test rows (60.0%) have features"));
}

#[test]
fn duplicates_inside_each_set() {
    let r = report("a,b\n1,x\n1,x\n1,x\n2,x\n", "a,b\n3,y\n3,y\n");
    assert_eq!(r.label, None);
    assert_eq!(r.conflicting_labels, None);
    assert_eq!(r.train_duplicates.rows, 2);
    assert_eq!(r.train_duplicates.ratio, 0.5);
    assert_eq!(r.test_duplicates.rows, 1);
    assert_eq!(r.test_duplicates.ratio, 0.5);
    assert_eq!(r.test_in_train.rows, 0);
    assert_eq!(r.verdict.status, LeakageStatus::Clean);
    assert!(r.warnings.is_empty());
}

#[test]
fn overlap_severity_follows_the_five_percent_bar() {
    let mut train = String::from("x,label\n");
    let mut test = String::from("x,label\n");
    for i in 0..100 {
        train.push_str(&format!("{i},0\n"));
        test.push_str(&format!("{},0\n", i + 95)); // 95..99 overlap: 5 of 100
    }
    let r = report(&train, &test);
    assert_eq!(r.test_in_train.rows, 5);
    assert_eq!(r.warnings[0].severity, Severity::Medium);
    assert_eq!(r.verdict.status, LeakageStatus::Watch);
    test.push_str("0,0\n"); // 6 of 101 > 5%
    let r = report(&train, &test);
    assert_eq!(r.test_in_train.rows, 6);
    assert_eq!(r.warnings[0].severity, Severity::High);
    assert_eq!(r.verdict.status, LeakageStatus::Leaky);
    assert!(r.warnings[0]
        .message
        .starts_with("6 of the 101 test rows (5.9%) are copies of training rows"));
}

#[test]
fn examples_stop_at_one_hundred_and_carry_the_first_training_copy() {
    let train = "x\n1\n\n1\n2\n".to_string(); // a blank line 3; "1" first on line 2
    let mut test = String::from("x\n");
    for _ in 0..150 {
        test.push_str("1\n");
    }
    let r = report(&train, &test);
    assert_eq!(r.test_in_train.rows, 150);
    assert_eq!(r.examples.len(), 100);
    assert_eq!(r.examples[99].test_line, 101);
    assert!(r.examples.iter().all(|e| e.train_line == 2));
    assert_eq!(r.train_duplicates.rows, 1);
}

#[test]
fn normalise_text_folds_case_punctuation_and_spacing() {
    let train = "text,label\n\"Hello, World!\",1\nﬁne,0\n";
    let test = "text,label\nhello   world,1\nFINE,0\n";
    assert_eq!(report(train, test).test_in_train.rows, 0);
    let s = LeakageSettings {
        normalize_text: true,
        ..settings()
    };
    let r = report_with(train, test, &s);
    assert!(r.normalize_text);
    assert_eq!(r.test_in_train.rows, 2);
}

#[test]
fn a_chosen_label_is_used() {
    let s = LeakageSettings {
        label: Some("sentiment".into()),
        ..settings()
    };
    let r = report_with("t,sentiment\na,1\n", "t,sentiment\na,0\n", &s);
    assert_eq!(r.label.as_deref(), Some("sentiment"));
    assert_eq!(r.conflicting_labels.unwrap().rows, 1);
    assert_eq!(r.test_in_train.rows, 0);
    assert_eq!(r.test_in_train_ignoring_label.rows, 1);
}

#[test]
fn the_detected_label_is_the_best_ranked_label_name_not_the_first_column() {
    // `y` comes first but `label` ranks above it among the true-label
    // names, so `y` stays a feature: test row 1 has train row 1's features
    // (y=1, x=a) with another label, a conflict; were `y` the label it
    // would be (x, label) = (a, 0) vs (a, 1) with y 1 vs 1, no conflict.
    let r = report("y,x,label\n1,a,1\n2,b,0\n", "y,x,label\n1,a,0\n3,b,0\n");
    assert_eq!(r.label.as_deref(), Some("label"));
    assert_eq!(r.conflicting_labels.unwrap().rows, 1);
    assert_eq!(r.test_in_train.rows, 0);
    assert_eq!(r.test_in_train_ignoring_label.rows, 1);
    // `Target` (any case) outranks `y` too, and `y_true` outranks `label`.
    let r = report("y,Target\n1,0\n", "y,Target\n1,0\n");
    assert_eq!(r.label.as_deref(), Some("Target"));
    let r = report("label,y_true\n1,0\n", "label,y_true\n1,0\n");
    assert_eq!(r.label.as_deref(), Some("y_true"));
}

#[test]
fn chunks_cut_anywhere_give_the_same_hashes() {
    let text = "id;text;label\n1;\"a;b\nc\";1\r\n2;x;0\r3;y;1\n";
    let s = settings();
    let mut whole = HashReader::new(&s, None);
    whole.push(text.as_bytes()).unwrap();
    let whole = whole.finish().unwrap();
    let mut bytes = HashReader::new(&s, None);
    for b in text.as_bytes() {
        bytes.push(std::slice::from_ref(b)).unwrap();
    }
    let bytes = bytes.finish().unwrap();
    assert_eq!(whole, bytes);
    assert_eq!(whole.rows.len(), 3);
    assert_eq!(whole.lines.line_of(1), 4);
}

#[test]
fn bad_input_is_named() {
    let s = settings();
    assert_eq!(
        error("a,b,label\n1,2,3\n", "a,label\n1,3\n", &s),
        "the column \"b\" is in the training file but not in the test file: ignore it (the test file); the columns are: a, label"
    );
    assert_eq!(
        error("a,label\n1,3\n", "a,c,d,label\n1,2,2,3\n", &s),
        "the columns \"c\", \"d\" are in the test file but not in the training file: ignore them (the test file); the columns are: a, c, d, label"
    );
    assert_eq!(
        error("a,label\n1,3\n", "a\n1\n", &s),
        "the label column \"label\" is in the training file but not in the test file: choose the label, or ignore it (the test file); the columns are: a"
    );
    let chosen = LeakageSettings {
        label: Some("y".into()),
        ..settings()
    };
    assert_eq!(
        error("a,label\n1,3\n", "a,label\n1,3\n", &chosen),
        "the label column \"y\" is not a column (the training file); the columns are: a, label"
    );
    assert_eq!(
        error("", "a\n1\n", &s),
        "the training file: the file is empty: there are no rows to read"
    );
    assert_eq!(
        error("a\n1\n", "a\n", &s),
        "the test file: the file has a header row but no data rows"
    );
    assert_eq!(
        error("a\n1\n", "\n \n", &s),
        "the test file: the file has no data: every line is blank"
    );
    assert_eq!(
        error("a,b\n1,2\n3\n", "a,b\n1,2\n", &s),
        "line 3: expected 2 fields, found 1 (in the training file)"
    );
    assert_eq!(
        error("a,a\n1,2\n", "a\n1\n", &s),
        "the training file: the column \"a\" appears twice in the header: columns are matched by name, so each name must be unique"
    );
    assert!(error("a\n1\n", "a\n\"1\n", &s)
        .starts_with("line 2: a quoted field opened on this line is never closed"));
    assert!(error("a\n1\n", "a\n1\0\n", &s).contains("binary file"));
}

#[test]
fn skip_bad_rows_skips_ragged_rows_counts_them_and_warns() {
    let s = LeakageSettings {
        skip_bad_rows: true,
        ..settings()
    };
    // Training lines 3 and 4 are ragged; line 5 (d, 1) is read as row 2.
    let r = report_with("x,label\na,1\nb\nc,0,9\nd,1\n", "x,label\nd,1\nz,0\n", &s);
    assert_eq!(r.train_rows, 2);
    assert_eq!(r.test_rows, 2);
    assert_eq!(r.test_in_train.rows, 1);
    // The copy's line is its line in the file, past the skipped rows.
    let lines: Vec<(u64, u64)> = r
        .examples
        .iter()
        .map(|e| (e.test_line, e.train_line))
        .collect();
    assert_eq!(lines, vec![(2, 5)]);
    let ids: Vec<WarningId> = r.warnings.iter().map(|w| w.id).collect();
    assert_eq!(
        ids,
        vec![WarningId::SkippedRows, WarningId::TrainTestOverlap]
    );
    assert_eq!(r.warnings[0].severity, Severity::High);
    assert_eq!(
        r.warnings[0].message,
        "In the training file, 2 bad rows were skipped; the counts cover its other 2 rows. First skipped: line 3: expected 2 fields, found 1; line 4: expected 2 fields, found 3."
    );
    // One ragged test row: the singular, and only the test file named.
    let r = report_with("x,label\na,1\n", "x,label\na,1\n9\n", &s);
    assert_eq!(r.warnings[0].id, WarningId::SkippedRows);
    assert_eq!(
        r.warnings[0].message,
        "In the test file, 1 bad row was skipped; the counts cover its other 1 row. First skipped: line 3: expected 2 fields, found 1."
    );
    assert_eq!(r.warnings.len(), 2);
    // Without the option the first ragged row stops the read.
    assert_eq!(
        error("x,label\na,1\n", "x,label\na,1\n9\n", &settings()),
        "line 3: expected 2 fields, found 1 (in the test file)"
    );
    // Every data row ragged is still an error, naming the first.
    assert_eq!(
        error("a,b\n1\n2,3,4\n", "a,b\n1,2\n", &s),
        "the training file: every data row was bad (2 skipped); the first: line 2: expected 2 fields, found 1"
    );
}

#[test]
fn skipped_samples_stop_at_five() {
    let s = LeakageSettings {
        skip_bad_rows: true,
        ..settings()
    };
    let train = format!("a,b\n1,2\n{}", "3\n".repeat(7));
    let r = report_with(&train, "a,b\n5,6\n", &s);
    assert_eq!(
        r.warnings[0].message,
        "In the training file, 7 bad rows were skipped; the counts cover its other 1 row. First skipped: line 3: expected 2 fields, found 1; line 4: expected 2 fields, found 1; line 5: expected 2 fields, found 1; line 6: expected 2 fields, found 1; line 7: expected 2 fields, found 1."
    );
}

#[test]
fn a_header_repeated_mid_file_is_skipped_with_a_warning() {
    // Always, as in the file mode (two CSVs joined with `cat`); trimmed
    // fields compare, so ` x , label` is the header too.
    let r = report(
        "x,label\na,1\n x , label\nb,0\n",
        "x,label\na,1\nx,label\nz,0\nx,label\nb,0\n",
    );
    assert_eq!(r.train_rows, 2);
    assert_eq!(r.test_rows, 3);
    assert_eq!(r.test_in_train.rows, 2);
    let repeated: Vec<&str> = r
        .warnings
        .iter()
        .filter(|w| w.id == WarningId::RepeatedHeader)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        repeated,
        vec![
            "The training file's header row appears again on line 3, as when two CSV files are joined with cat; it was skipped, not read as data. Check that the parts belong together.",
            "The test file's header row appears again on lines 3 and 5, as when two CSV files are joined with cat; they were skipped, not read as data. Check that the parts belong together."
        ]
    );
    assert!(r
        .warnings
        .iter()
        .filter(|w| w.id == WarningId::RepeatedHeader)
        .all(|w| w.severity == Severity::Medium));
    // More repeats than are listed: the count and the first five lines.
    let test = format!("x,label\na,1\n{}", "x,label\nq,1\n".repeat(6));
    let r = report("x,label\na,1\n", &test);
    assert_eq!(r.test_rows, 7);
    assert_eq!(
        r.warnings.last().unwrap().message,
        "The test file's header row appears again 6 times, first on lines 3, 5, 7, 9, 11, as when two CSV files are joined with cat; they were skipped, not read as data. Check that the parts belong together."
    );
}
