//! From two hashed files (`input/leakage`) to a [`LeakageReport`]: the
//! counts of `metrics/leakage.rs`, the example lines, the warnings and the
//! verdict.

use crate::input::leakage::{HashedFile, LeakageSettings};
use crate::metrics::leakage::leakage_counts;
use crate::report::leakage_contract::{LeakageExample, LeakageReport, RowsShare};
use crate::report::leakage_words::{all_warnings, leakage_verdict, share};

/// The leakage report of a training and a test file (the training hashes
/// are consumed: they are sorted in place).
pub fn leakage_report(
    mut train: HashedFile,
    test: &HashedFile,
    settings: &LeakageSettings,
) -> LeakageReport {
    let has_label = train.plan.label.is_some();
    let c = leakage_counts(&mut train.rows, &test.rows, has_label);
    let of_test = |rows: u64| RowsShare {
        rows,
        ratio: share(rows, c.test_rows),
    };
    let examples = c
        .examples
        .iter()
        .map(|&(t, r)| LeakageExample {
            test_line: test.lines.line_of(t),
            train_line: train.lines.line_of(r),
        })
        .collect();
    let train_dupes = c.train_rows - c.train_distinct;
    let test_dupes = c.test_rows - c.test_distinct;
    LeakageReport {
        kind: "leakage",
        train_rows: c.train_rows,
        test_rows: c.test_rows,
        columns: train.plan.columns.clone(),
        label: train.plan.label.clone(),
        ignored: train.plan.ignored.clone(),
        normalize_text: settings.normalize_text,
        test_in_train: of_test(c.test_in_train),
        test_in_train_ignoring_label: of_test(c.test_in_train_ignoring_label),
        conflicting_labels: c.conflicting_labels.map(of_test),
        train_duplicates: RowsShare {
            rows: train_dupes,
            ratio: share(train_dupes, c.train_rows),
        },
        test_duplicates: RowsShare {
            rows: test_dupes,
            ratio: share(test_dupes, c.test_rows),
        },
        examples,
        warnings: all_warnings(&c, &train, test),
        verdict: leakage_verdict(&c),
    }
}
