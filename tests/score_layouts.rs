//! The in-place layout (`sort_scores_by_class`, used by the CLI and the
//! page to spare a copy of the scores) must give the very same report as
//! the copying path, whichever label is positive and with ties and one class.
#![cfg(not(target_arch = "wasm32"))]

use fitcheck::input::ingest::{read_all, IngestOptions};
use fitcheck::report::file_report::{dataset_report, sort_scores_by_class, FileReportOptions};

fn reports_agree(csv: &str, positive: Option<&str>) {
    let data = read_all(csv.as_bytes(), IngestOptions::new()).expect("reads");
    let mut sorted = data.clone();
    sort_scores_by_class(&mut sorted);
    assert!(sorted.scores_by_class);
    for threshold in [0.0, 0.3, 0.5, 0.55, 0.9, 2.0] {
        let options = FileReportOptions {
            threshold,
            positive: positive.map(String::from),
            ..Default::default()
        };
        let a = dataset_report(&data, &options)
            .expect("copying path")
            .to_json();
        let b = dataset_report(&sorted, &options)
            .expect("in-place path")
            .to_json();
        assert_eq!(
            a, b,
            "threshold {threshold}, positive {positive:?}, file:\n{csv}"
        );
    }
}

#[test]
fn in_place_sorting_changes_nothing_in_the_report() {
    // Ties across classes (0.5), a -0.0 next to 0.0, rows in no particular order.
    let csv =
        "y_true,score\n1,0.9\n0,0.5\n1,0.5\n0,0.1\n1,0.3\n0,0.7\n1,0.0\n0,-0.0\n1,0.55\n0,0.55\n";
    reports_agree(csv, None);
    reports_agree(csv, Some("0"));
    // Text labels: "yes" is positive; also with "no" chosen.
    let text = "label,prob\nno,0.2\nyes,0.8\nno,0.6\nyes,0.4\nyes,0.9\n";
    reports_agree(text, None);
    reports_agree(text, Some("no"));
    // One class only: the partner "0" is absent, so ROC AUC is undefined on both paths.
    reports_agree("y_true,score\n1,0.2\n1,0.8\n1,0.5\n", None);
}

#[test]
fn label_files_are_left_alone() {
    let mut data = read_all(b"y_true,y_pred\n1,0\n0,0\n", IngestOptions::new()).unwrap();
    let before = data.clone();
    sort_scores_by_class(&mut data);
    assert_eq!(data, before);
}
