//! The leakage findings in words: the warnings `train_test_overlap` and
//! `conflicting_labels`, and the verdict.
//!
//! | id | when | severity |
//! |---|---|---|
//! | `train_test_overlap` | any test row is a training row | medium; high above 5% (deepchecks' default condition) |
//! | `conflicting_labels` | any test row's features occur in training with another label | medium; high above 5% |
//! | `skipped_rows` | ragged rows of a file were skipped (`skip_bad_rows`), one per file | high |
//! | `repeated_header` | a file's header row appears again mid-file and was skipped, one per file | medium |

use crate::format::{count, counted, percent};
use crate::input::leakage::HashedFile;
use crate::metrics::leakage::LeakageCounts;
use crate::report::leakage_contract::{LeakageStatus, LeakageVerdict};
use crate::report::warnings::{Severity, Warning, WarningId};

/// Share of the test set above which its scores are not trustworthy
/// (deepchecks `TrainTestSamplesMix`'s default condition, ratio ≤ 0.05).
pub const MAX_OVERLAP: f64 = 0.05;

/// Rows ÷ total, 0 for an empty total (never reached: files without rows are errors).
pub fn share(rows: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        rows as f64 / total as f64
    }
}

fn severity(ratio: f64) -> Severity {
    if ratio > MAX_OVERLAP {
        Severity::High
    } else {
        Severity::Medium
    }
}

/// The warnings that apply, most severe first.
pub fn leakage_warnings(c: &LeakageCounts) -> Vec<Warning> {
    let mut out = Vec::new();
    if c.test_in_train > 0 {
        let ratio = share(c.test_in_train, c.test_rows);
        let bar = if ratio > MAX_OVERLAP {
            format!(
                "That is above {}, deepchecks' default bar: the test scores are not trustworthy. Remove these rows from the test set (or from training) and measure again.",
                percent(MAX_OVERLAP)
            )
        } else {
            format!(
                "That is within {}, deepchecks' default bar, but those rows still flatter the scores: remove them and measure again to be sure.",
                percent(MAX_OVERLAP)
            )
        };
        out.push(Warning {
            id: WarningId::TrainTestOverlap,
            severity: severity(ratio),
            message: format!(
                "{} of the {} test rows ({}) {} training rows: every score on this test set includes {} the model saw in training, so it overstates how the model does on new data. {bar}",
                count(c.test_in_train),
                count(c.test_rows),
                percent(ratio),
                if c.test_in_train == 1 { "is a copy of one of the" } else { "are copies of" },
                crate::format::counted(c.test_in_train, "example", "examples"),
            ),
        });
    }
    if let Some(conflicts) = c.conflicting_labels.filter(|&n| n > 0) {
        let ratio = share(conflicts, c.test_rows);
        out.push(Warning {
            id: WarningId::ConflictingLabels,
            severity: severity(ratio),
            message: format!(
                "{} of the {} test rows ({}) {} features that appear in training with a different label: label noise, or a leak of the worst kind. On those rows the model is scored against a label its training contradicts, so the metrics there measure the labels, not the model: check the labels of these rows.",
                count(conflicts),
                count(c.test_rows),
                percent(ratio),
                if conflicts == 1 { "has" } else { "have" },
            ),
        });
    }
    crate::report::warnings::sort_by_severity(&mut out);
    out
}

/// Every warning of a report: what reading each file skipped, then the
/// leakage warnings, most severe first (skipped rows lead among the high).
pub fn all_warnings(c: &LeakageCounts, train: &HashedFile, test: &HashedFile) -> Vec<Warning> {
    let mut out = Vec::new();
    for (file, which) in [(train, "training"), (test, "test")] {
        out.extend(skipped_rows_warning(file, which));
    }
    for (file, which) in [(train, "training"), (test, "test")] {
        out.extend(repeated_header_warning(file, which));
    }
    out.extend(leakage_warnings(c));
    crate::report::warnings::sort_by_severity(&mut out);
    out
}

/// `skipped_rows` for one file (`which`: `training` or `test`), as the file
/// mode words it.
fn skipped_rows_warning(file: &HashedFile, which: &str) -> Option<Warning> {
    (file.skipped > 0).then(|| Warning {
        id: WarningId::SkippedRows,
        severity: Severity::High,
        message: format!(
            "In the {which} file, {} bad row{} skipped; the counts cover its other {}. First skipped: {}.",
            count(file.skipped),
            if file.skipped == 1 { " was" } else { "s were" },
            counted(file.rows.len() as u64, "row", "rows"),
            file.skipped_samples
                .iter()
                .map(|s| s.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    })
}

/// `repeated_header` for one file, as the file mode words it.
fn repeated_header_warning(file: &HashedFile, which: &str) -> Option<Warning> {
    let times = file.repeated_headers;
    let listed: Vec<String> = file
        .repeated_header_lines
        .iter()
        .map(|l| count(*l))
        .collect();
    let place = match listed.as_slice() {
        [] => return None,
        [one] => format!("on line {one}"),
        [init @ .., last] if times as usize == listed.len() => {
            format!("on lines {} and {last}", init.join(", "))
        }
        _ => format!(
            "{} times, first on lines {}",
            count(times),
            listed.join(", ")
        ),
    };
    Some(Warning {
        id: WarningId::RepeatedHeader,
        severity: Severity::Medium,
        message: format!(
            "The {which} file's header row appears again {place}, as when two CSV files are joined with cat; {} skipped, not read as data. Check that the parts belong together.",
            if times == 1 { "it was" } else { "they were" }
        ),
    })
}

/// The verdict from the counts.
pub fn leakage_verdict(c: &LeakageCounts) -> LeakageVerdict {
    let overlap = share(c.test_in_train, c.test_rows);
    let conflicts = c.conflicting_labels.unwrap_or(0);
    if overlap > MAX_OVERLAP {
        LeakageVerdict {
            status: LeakageStatus::Leaky,
            headline: format!(
                "{} of the test set is in the training set: scores measured on it are not trustworthy.",
                percent(overlap)
            ),
        }
    } else if c.test_in_train > 0 || conflicts > 0 {
        LeakageVerdict {
            status: LeakageStatus::Watch,
            headline: format!(
                "{} test rows are training rows and {} have a label that training contradicts: small, but read the warnings.",
                count(c.test_in_train),
                count(conflicts)
            ),
        }
    } else {
        LeakageVerdict {
            status: LeakageStatus::Clean,
            headline:
                "No test row is a copy of a training row: the test set is separate from training."
                    .to_string(),
        }
    }
}
