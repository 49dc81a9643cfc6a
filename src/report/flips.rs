//! The rows that flipped between two models: right → wrong ("got worse",
//! only A right) and wrong → right ("got better", only B right), with their
//! lines and values, for the person who wants to read what changed.
//!
//! The report lists the first [`LISTED_FLIPS`] of each; [`flips_csv`] writes
//! all of them.

use crate::input::paired::{ModelValues, PairedData};
use crate::report::comparison_contract::{FlipRow, Flips};
use crate::report::row_codes::RowCodes;

/// Flips of each kind listed in the report.
pub const LISTED_FLIPS: usize = 1000;

/// A model's value on a row, as text: the predicted label or the score.
fn value_text(paired: &PairedData, model: usize, row: usize) -> String {
    match &paired.models[model].values {
        ModelValues::Labels(p) => paired.labels[p.get(row) as usize].clone(),
        ModelValues::Scores(s) => format!("{}", s[row]),
    }
}

/// One flipped row.
fn flip_row(paired: &PairedData, row: usize) -> FlipRow {
    FlipRow {
        line: paired.line_of(0, row as u64),
        line_b: (paired.files.len() > 1).then(|| paired.line_of(1, row as u64)),
        truth: paired.labels[paired.truth.get(row) as usize].clone(),
        a: value_text(paired, 0, row),
        b: value_text(paired, 1, row),
    }
}

/// Counts of both kinds of flip and the first [`LISTED_FLIPS`] of each.
pub fn flips_of(paired: &PairedData, codes: &RowCodes) -> Flips {
    let (mut a_only, mut b_only) = (0u64, 0u64);
    let (mut a_rows, mut b_rows) = (Vec::new(), Vec::new());
    for i in 0..codes.truth.len() {
        match (codes.right(0, i), codes.right(1, i)) {
            (true, false) => {
                a_only += 1;
                if a_rows.len() < LISTED_FLIPS {
                    a_rows.push(flip_row(paired, i));
                }
            }
            (false, true) => {
                b_only += 1;
                if b_rows.len() < LISTED_FLIPS {
                    b_rows.push(flip_row(paired, i));
                }
            }
            _ => {}
        }
    }
    Flips {
        a_only,
        b_only,
        a_only_lines: a_rows.iter().map(|r| r.line).collect(),
        b_only_lines: b_rows.iter().map(|r| r.line).collect(),
        a_only_rows: a_rows,
        b_only_rows: b_rows,
        listed_at_most: LISTED_FLIPS as u64,
    }
}

/// A CSV field, quoted when it holds a delimiter, quote or line break, and
/// prefixed with `'` when a spreadsheet would read it as a formula.
fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Every flipped row as CSV: `change,line[,line_b],truth,<A>,<B>`, where
/// `change` is `got_worse` (only A right) or `got_better` (only B right).
///
/// ```
/// use fitcheck::input::ingest::{read_all, IngestOptions, ModelChoice};
/// use fitcheck::input::paired::PairedData;
/// use fitcheck::report::comparison::compare;
/// use fitcheck::report::flips::flips_csv;
/// let file = b"y_true,base,tuned\n1,1,0\n0,1,0\n1,1,1\n";
/// let data = read_all(file, IngestOptions::new().models(vec![ModelChoice::default(); 2])).unwrap();
/// let paired = PairedData::from_one_file(data, "f.csv").unwrap();
/// let c = compare(&paired, &Default::default()).unwrap();
/// assert_eq!(
///     flips_csv(&paired, &c.codes),
///     "change,line,y_true,base,tuned\ngot_worse,2,1,1,0\ngot_better,3,0,1,0\n"
/// );
/// ```
pub fn flips_csv(paired: &PairedData, codes: &RowCodes) -> String {
    let two = paired.files.len() > 1;
    let mut header = vec!["change".to_string(), "line".to_string()];
    if two {
        header.push("line_b".to_string());
    }
    header.push(paired.files[0].mapping.truth.clone());
    header.push(paired.models[0].name.clone());
    header.push(paired.models[1].name.clone());
    let mut out = header
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for i in 0..codes.truth.len() {
        let change = match (codes.right(0, i), codes.right(1, i)) {
            (true, false) => "got_worse",
            (false, true) => "got_better",
            _ => continue,
        };
        let r = flip_row(paired, i);
        let mut fields = vec![change.to_string(), r.line.to_string()];
        if let Some(b) = r.line_b {
            fields.push(b.to_string());
        }
        fields.extend([r.truth, r.a, r.b].iter().map(|f| csv_field(f)));
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}
