//! Guessing what a file is: its delimiter, whether its first row is a
//! header, and which columns hold true labels, predicted labels and scores.

/// Delimiters recognised, in order of preference on a tie.
pub const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Header names (lower case, `-`/space read as `_`) of the true-label column.
pub const TRUTH_NAMES: &[&str] = &[
    "y_true",
    "ytrue",
    "true",
    "true_label",
    "truth",
    "ground_truth",
    "gold",
    "gold_label",
    "label",
    "labels",
    "actual",
    "actual_label",
    "target",
    "expected",
    "y",
    "class",
    "reference",
];
/// Header names of the predicted-label column.
pub const PRED_NAMES: &[&str] = &[
    "y_pred",
    "ypred",
    "pred",
    "preds",
    "prediction",
    "predictions",
    "predicted",
    "predicted_label",
    "pred_label",
    "y_hat",
    "yhat",
    "output",
    "guess",
];
/// Header names of the score column.
pub const SCORE_NAMES: &[&str] = &[
    "score",
    "scores",
    "y_score",
    "prob",
    "probability",
    "proba",
    "pred_proba",
    "y_prob",
    "y_proba",
    "confidence",
    "p",
    "prob_1",
    "p1",
    "positive_score",
    "likelihood",
    "logit",
    "decision",
];

/// Normalises a header name for matching: trimmed, lower case, `-`/space → `_`.
pub fn normalise_name(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect()
}

/// Which role a header name suggests, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// True labels.
    Truth,
    /// Predicted labels.
    Pred,
    /// Scores.
    Score,
}

/// The role a column name suggests.
pub fn role_of(name: &str) -> Option<Role> {
    let n = normalise_name(name);
    if TRUTH_NAMES.contains(&n.as_str()) {
        Some(Role::Truth)
    } else if PRED_NAMES.contains(&n.as_str()) {
        Some(Role::Pred)
    } else if SCORE_NAMES.contains(&n.as_str()) {
        Some(Role::Score)
    } else {
        None
    }
}

/// Whether a column name reads like scores: a score name (`score`,
/// `prob`, …) as it is or as one of its `_`-separated parts
/// (`prob_base`, `finetuned_score`, `p_logit`).
///
/// ```
/// use fitcheck::input::ingest::sniff::named_like_scores;
/// assert!(named_like_scores("prob_a"));
/// assert!(named_like_scores("Finetuned Score"));
/// assert!(!named_like_scores("probe"));
/// assert!(!named_like_scores("finetuned"));
/// ```
pub fn named_like_scores(name: &str) -> bool {
    let n = normalise_name(name);
    SCORE_NAMES.contains(&n.as_str()) || n.split('_').any(|part| SCORE_NAMES.contains(&part))
}

/// Picks the delimiter from the first lines of a file: the candidate that
/// appears (outside quotes) the same non-zero number of times on each of
/// the first complete lines, preferring `,` then `;` then tab. A file with
/// none of them is read with `,` (and then has one column).
pub fn detect_delimiter(head: &[u8]) -> u8 {
    let lines = split_lines_outside_quotes(head, 20);
    let mut best: Option<(u8, usize)> = None;
    for &d in &DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        let score = consistent * 1000 + first;
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((d, score));
        }
    }
    best.map(|(d, _)| d).unwrap_or(b',')
}

fn count_outside_quotes(line: &[u8], d: u8) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for &b in line {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == d && !in_quotes {
            n += 1;
        }
    }
    n
}

/// Up to `max` non-blank lines, not splitting inside quotes; the last
/// line is dropped when it may be incomplete (no newline after it).
fn split_lines_outside_quotes(head: &[u8], max: usize) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    for (i, &b) in head.iter().enumerate() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if (b == b'\n' || b == b'\r') && !in_quotes {
            if i > start {
                lines.push(&head[start..i]);
            }
            start = i + 1;
            if lines.len() >= max {
                return lines;
            }
        }
    }
    if lines.is_empty() && start < head.len() {
        lines.push(&head[start..]);
    }
    lines
}

/// Whether text reads as a finite number (`1`, `-2.5`, `.5`, `1e-3`).
pub fn is_number(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(|x| x.is_finite())
}

/// Words that, inside a longer name (`true_class`, `predicted_label`), mark a header.
const HEADER_WORDS: [&str; 12] = [
    "true", "pred", "label", "class", "actual", "target", "gold", "truth", "score", "prob",
    "expected", "output",
];

/// Whether a field reads like a column name (`true_class`), not a label value.
fn names_a_role(field: &str) -> bool {
    let n = normalise_name(field);
    n.contains('_')
        && HEADER_WORDS
            .iter()
            .any(|w| n.split('_').any(|part| part.starts_with(w)))
}

/// Yes/no words in families: a first-row value from one family, over a
/// column holding words of the same family, is a label, not a name.
const LABEL_WORD_FAMILIES: [&[&str]; 4] = [
    &["true", "false", "t", "f"],
    &["yes", "no", "y", "n"],
    &["positive", "negative", "pos", "neg"],
    &["1", "0", "-1"],
];

fn word_family(value: &str) -> Option<usize> {
    LABEL_WORD_FAMILIES
        .iter()
        .position(|f| f.iter().any(|w| w.eq_ignore_ascii_case(value.trim())))
}

/// Whether a first-row value reads as a label of its column: the same
/// value appears further down, or it is a yes/no word of the same family
/// as one there (`true` over `false`, `y` over `n`).
fn reads_as_label<'a>(value: &str, mut column: impl Iterator<Item = &'a String>) -> bool {
    let family = word_family(value);
    !value.is_empty()
        && column.any(|v| v == value || (family.is_some() && word_family(v) == family))
}

/// Decides whether the first record is a header, from it, the second
/// record (if any) and `rest`, the records after it in the first 64 KiB.
/// The header rule agrees with the label rule: a first-row value that reads
/// as a label of its column (it appears further down, or is a yes/no word
/// like the ones there: `true,true` over `false,true`, `y,n` over `n,y`) is
/// data, even when it is also a column name. Otherwise: yes if any field is
/// a known column name or a compound name built on one (`true_class`); then
/// no if any value reads as a label; then yes if some column is a number in
/// the second record but not in the first (`label,score` over `1,0.3`).
/// Rows equal to the first (a header repeated by `cat a.csv b.csv`) are not
/// evidence either way.
pub fn looks_like_header(
    first: &[String],
    second: Option<&[String]>,
    rest: &[Vec<String>],
) -> bool {
    let later: Vec<&[String]> = second
        .into_iter()
        .chain(rest.iter().map(Vec::as_slice))
        .filter(|row| *row != first)
        .collect();
    let label_like =
        |i: usize, value: &str| reads_as_label(value, later.iter().filter_map(|row| row.get(i)));
    let names_a_column = |f: &str| role_of(f).is_some() || names_a_role(f);
    if first
        .iter()
        .enumerate()
        .any(|(i, f)| names_a_column(f) && !label_like(i, f))
    {
        return true;
    }
    if first.iter().enumerate().any(|(i, f)| label_like(i, f)) {
        return false;
    }
    match second {
        Some(second) => first
            .iter()
            .zip(second)
            .any(|(a, b)| !a.trim().is_empty() && !is_number(a) && is_number(b)),
        None => false,
    }
}
