//! The words beside each number: the formula worked out with the user's own
//! counts, one plain sentence of meaning, and when the metric is the one to
//! watch. Kept here, in Rust, so the page and the CLI say the same thing.

use crate::format::{count, counted, percent, value4};
use crate::input::counts::ConfusionCounts;
use crate::metrics::binary::binary_metric;
use crate::metrics::divide::MetricValue;
use crate::metrics::id::MetricId;
use crate::metrics::multiclass::Totals;
use crate::metrics::per_class::ClassRow;
use serde::Serialize;

/// The explanation of one metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Human name (`Precision`).
    pub name: String,
    /// The formula with the user's numbers: `precision = TP / (TP + FP) = 85 / (85 + 10) = 0.8947`.
    pub formula: String,
    /// What the value means for these counts, in one sentence.
    pub meaning: String,
    /// When this metric is the one that matters.
    pub when: String,
    /// How the interval was computed, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_method: Option<String>,
}

impl Explanation {
    /// Assembles an explanation: the meaning gives way to the reason when the
    /// metric is undefined, and the interval method is named when there is one.
    pub fn assemble(
        id: MetricId,
        value: &MetricValue,
        formula: String,
        meaning: String,
        when: &str,
        has_interval: bool,
    ) -> Self {
        let meaning = match value {
            Ok(_) => meaning,
            Err(why) => format!("Undefined: {}.", why.0),
        };
        Explanation {
            name: id.name().to_string(),
            formula,
            meaning,
            when: when.to_string(),
            interval_method: has_interval.then(|| crate::metrics::intervals::METHOD.to_string()),
        }
    }
}

/// Explains one binary metric for these counts. `value` is the computed
/// value (or why it is undefined); `beta` is the F-beta weight. `None` for
/// the score metrics, which the counts cannot explain.
pub fn explain_binary(
    id: MetricId,
    c: &ConfusionCounts,
    value: &MetricValue,
    beta: f64,
    has_interval: bool,
) -> Option<Explanation> {
    use MetricId::*;
    let (tp, fn_, fp, tn) = (count(c.tp), count(c.fn_), count(c.fp), count(c.tn));
    let n = count(c.n());
    let v = value4(value.as_ref().ok().copied());
    let pct = |x: &MetricValue| x.as_ref().map(|x| percent(*x)).unwrap_or_default();
    let ratio = |num: u64, den: u64| format!("{} of {}", count(num), count(den));

    let (formula, meaning, when) = match id {
        Accuracy => (
            format!("accuracy = (TP + TN) / N = ({tp} + {tn}) / {n} = {v}"),
            format!("The model is right on {} of all examples: {}.", pct(value), ratio(c.tp + c.tn, c.n())),
            "A fair summary only when classes are about equally common and both mistakes cost the same; on imbalanced data it flatters (the accuracy paradox).".to_string(),
        ),
        ErrorRate => (
            format!("error rate = (FP + FN) / N = ({fp} + {fn_}) / {n} = {v}"),
            format!("The model is wrong on {} of all examples: {}.", pct(value), ratio(c.fp + c.fn_, c.n())),
            "The complement of accuracy, with the same blind spot for imbalance.".to_string(),
        ),
        Precision => (
            format!("precision = TP / (TP + FP) = {tp} / ({tp} + {fp}) = {v}"),
            format!("When the model says positive it is right {} of the time: {}.", pct(value), ratio(c.tp, c.predicted_positive())),
            "Watch it when false alarms are costly, e.g. spam filtering, where a good email sent to spam is a real loss.".to_string(),
        ),
        Recall => (
            format!("recall = TP / (TP + FN) = {tp} / ({tp} + {fn_}) = {v}"),
            format!("The model finds {} of the real positives: {}; it misses {}.", pct(value), ratio(c.tp, c.actual_positive()), count(c.fn_)),
            "Watch it when a miss is costly, e.g. medical screening or fraud, where an undetected case does harm.".to_string(),
        ),
        F1 => (
            format!("F1 = 2·TP / (2·TP + FP + FN) = 2·{tp} / (2·{tp} + {fp} + {fn_}) = {v}"),
            "The harmonic mean of precision and recall: high only when both are high.".to_string(),
            "A single number when false alarms and misses cost about the same and true negatives do not matter.".to_string(),
        ),
        Fbeta => (
            format!(
                "F-beta = (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP) with β = {} = {v}",
                crate::format::plain(beta)
            ),
            format!(
                "Like F1, but recall counts {} times as much as precision.",
                crate::format::plain(beta)
            ),
            "Use β > 1 when misses cost more than false alarms (β = 2 is common in screening), β < 1 when false alarms cost more.".to_string(),
        ),
        Specificity => (
            format!("specificity = TN / (TN + FP) = {tn} / ({tn} + {fp}) = {v}"),
            format!("Of the real negatives, {} are correctly left alone: {}.", pct(value), ratio(c.tn, c.actual_negative())),
            "Watch it when wrongly flagging a negative is costly; with recall it describes the test independently of prevalence.".to_string(),
        ),
        Npv => (
            format!("NPV = TN / (TN + FN) = {tn} / ({tn} + {fn_}) = {v}"),
            format!("When the model says negative it is right {} of the time: {}.", pct(value), ratio(c.tn, c.predicted_negative())),
            "Watch it when a negative answer is acted on without a second look (ruling a condition out).".to_string(),
        ),
        Fpr => (
            format!("FPR = FP / (FP + TN) = {fp} / ({fp} + {tn}) = {v}"),
            format!("{} of the real negatives raise a false alarm: {}.", pct(value), ratio(c.fp, c.actual_negative())),
            "The x-axis of the ROC curve; 1 − specificity.".to_string(),
        ),
        Fnr => (
            format!("FNR = FN / (FN + TP) = {fn_} / ({fn_} + {tp}) = {v}"),
            format!("{} of the real positives are missed: {}.", pct(value), ratio(c.fn_, c.actual_positive())),
            "The miss rate; 1 − recall. Keep it low when misses are costly.".to_string(),
        ),
        Fdr => (
            format!("FDR = FP / (FP + TP) = {fp} / ({fp} + {tp}) = {v}"),
            format!("{} of the model's positive calls are false alarms: {}.", pct(value), ratio(c.fp, c.predicted_positive())),
            "1 − precision; the share of alerts someone will chase for nothing.".to_string(),
        ),
        FalseOmissionRate => (
            format!("FOR = FN / (FN + TN) = {fn_} / ({fn_} + {tn}) = {v}"),
            format!("{} of the model's negative calls are really positive: {}.", pct(value), ratio(c.fn_, c.predicted_negative())),
            "1 − NPV; what slips through among the examples the model clears.".to_string(),
        ),
        BalancedAccuracy => (
            format!("balanced accuracy = (recall + specificity) / 2 = ({} + {}) / 2 = {v}", value4(binary_metric(Recall, c, beta).ok()), value4(binary_metric(Specificity, c, beta).ok())),
            "The average of the hit rates on each class, so a majority class cannot hide a weak minority class.".to_string(),
            "Prefer it to accuracy when classes are imbalanced. As in scikit-learn, a class with no examples is left out of the average.".to_string(),
        ),
        Mcc => (
            format!("MCC = (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = ({tp}·{tn} − {fp}·{fn_}) / √(…) = {v}"),
            "A correlation between truth and prediction from −1 (always wrong) through 0 (no better than chance) to 1 (perfect), using all four cells.".to_string(),
            "One of the most honest single numbers on imbalanced data.".to_string(),
        ),
        CohenKappa => (
            format!("κ = (p_o − p_e) / (1 − p_e), observed agreement {} against chance agreement from the margins = {v}", value4(binary_metric(Accuracy, c, beta).ok())),
            "How much better than chance the predictions agree with the truth: 0 is chance, 1 is perfect.".to_string(),
            "Useful when comparing with a human rater or when classes are imbalanced.".to_string(),
        ),
        Prevalence => (
            format!("prevalence = (TP + FN) / N = ({tp} + {fn_}) / {n} = {v}"),
            format!("{} of the examples are truly positive: {}.", pct(value), ratio(c.actual_positive(), c.n())),
            "Not a score of the model: it tells how imbalanced the data is, which changes how precision and accuracy behave.".to_string(),
        ),
        Informedness => (
            format!("informedness = recall + specificity − 1 = {v}"),
            "How much better than guessing the model is at telling the classes apart: 0 is chance, 1 is perfect.".to_string(),
            "Youden's J; the threshold that maximises it is a common operating point.".to_string(),
        ),
        Markedness => (
            format!("markedness = precision + NPV − 1 = {v}"),
            "How much a prediction tells about the truth: 0 is no information, 1 is certainty.".to_string(),
            "The prediction-side twin of informedness.".to_string(),
        ),
        LrPlus => (
            format!("LR+ = recall / FPR = (TP / (TP + FN)) / (FP / (FP + TN)) = {v}"),
            format!("A positive call is {} times as likely for a real positive as for a real negative.", v),
            "Above 10 makes a positive call strong evidence; independent of prevalence.".to_string(),
        ),
        LrMinus => (
            format!("LR− = FNR / specificity = (FN / (TP + FN)) / (TN / (FP + TN)) = {v}"),
            format!("A negative call is {} times as likely for a real positive as for a real negative.", v),
            "Below 0.1 makes a negative call strong evidence; independent of prevalence.".to_string(),
        ),
        Dor => (
            format!("DOR = (TP·TN) / (FP·FN) = ({tp}·{tn}) / ({fp}·{fn_}) = {v}"),
            "The odds of a positive call among real positives divided by the odds among real negatives.".to_string(),
            "A single prevalence-free summary of discrimination, common in medicine.".to_string(),
        ),
        Jaccard => (
            format!("Jaccard = TP / (TP + FP + FN) = {tp} / ({tp} + {fp} + {fn_}) = {v}"),
            format!("Of all examples that are positive in the truth or the prediction, {} are positive in both.", pct(value)),
            "Overlap of predicted and true positives, common in segmentation.".to_string(),
        ),
        FowlkesMallows => (
            format!("FM = √(precision · recall) = {v}"),
            "The geometric mean of precision and recall (as PyCM defines it for a confusion matrix).".to_string(),
            "An alternative to F1 that is a little more lenient when one of the two is low.".to_string(),
        ),
        GMean => (
            format!("G-mean = √(recall · specificity) = {v}"),
            "The geometric mean of the hit rates on each class: low if either class is handled badly.".to_string(),
            "Common for imbalanced data (as imbalanced-learn's geometric_mean_score).".to_string(),
        ),
        NoInformationRate => (
            format!("NIR = max(TP + FN, FP + TN) / N = max({}, {}) / {n} = {v}", count(c.actual_positive()), count(c.actual_negative())),
            format!("Always guessing the most common class would already be right {} of the time.", pct(value)),
            "The bar accuracy must clear to mean anything; compare the two before trusting accuracy.".to_string(),
        ),
        RocAuc | AveragePrecision | LogLoss | BrierScore => return None,
    };
    Some(Explanation::assemble(
        id,
        value,
        formula,
        meaning,
        &when,
        has_interval,
    ))
}

/// Explains one whole-matrix metric of a multiclass report from its rows
/// and totals; `None` for the metrics a multiclass report does not list.
pub fn explain_multiclass(
    id: MetricId,
    value: &MetricValue,
    rows: &[ClassRow],
    t: &Totals,
    has_interval: bool,
) -> Option<Explanation> {
    use MetricId::*;
    let v = value4(value.as_ref().ok().copied());
    let pct = value.as_ref().map(|x| percent(*x)).unwrap_or_default();
    let (formula, meaning, when) = match id {
        Accuracy => (
            format!("accuracy = correct / N = {} / {} = {v}", count(t.correct), count(t.n)),
            format!("The model picks the right class for {pct} of the examples: {} of {}.", count(t.correct), count(t.n)),
            "A fair summary only when classes are about equally common; otherwise look at balanced accuracy and the per-class table.",
        ),
        BalancedAccuracy => {
            let present: Vec<String> = rows.iter().filter_map(|r| r.recall.map(|x| format!("{x:.4}"))).collect();
            let shown = if present.len() <= 6 { present.join(" + ") } else { format!("{} + … ({} classes)", present[..3].join(" + "), present.len()) };
            (
                format!("balanced accuracy = mean recall per class = ({shown}) / {} = {v}", present.len()),
                "The average hit rate over classes, so a large class cannot hide a weak small one.".to_string(),
                "Prefer it to accuracy when classes are imbalanced (as scikit-learn, classes absent from the truth are left out).",
            )
        }
        Mcc => (
            format!("MCC = (c·s − Σ t_k·p_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) = {v}"),
            "Correlation between truth and prediction over all classes: 0 is chance, 1 is perfect.".to_string(),
            "A single honest number on imbalanced multiclass data.",
        ),
        CohenKappa => (
            format!("κ = (p_o − p_e) / (1 − p_e) = {v}"),
            "Agreement with the truth beyond what chance would give with the same class frequencies: 0 is chance, 1 is perfect.".to_string(),
            "Useful when comparing the model with a human annotator.",
        ),
        NoInformationRate => (
            format!("NIR = largest class / N = {} / {} = {v}", count(*t.support.iter().max().unwrap_or(&0)), count(t.n)),
            format!("Always guessing the most common class would already be right {pct} of the time."),
            "The bar accuracy must clear to mean anything.",
        ),
        ErrorRate | Precision | Recall | F1 | Fbeta | Specificity | Npv | Fpr | Fnr | Fdr
        | FalseOmissionRate | Prevalence | Informedness | Markedness | LrPlus | LrMinus | Dor
        | Jaccard | FowlkesMallows | GMean | RocAuc | AveragePrecision | LogLoss | BrierScore => {
            return None
        }
    };
    Some(Explanation::assemble(
        id,
        value,
        formula,
        meaning,
        when,
        has_interval,
    ))
}

/// Explains one score metric; `distinct` is the number of distinct scores.
/// `None` for the metrics that come from counts.
pub fn explain_score(id: MetricId, value: &MetricValue, distinct: usize) -> Option<Explanation> {
    use MetricId::*;
    let v = value4(value.as_ref().ok().copied());
    let pct = value.as_ref().map(|x| percent(*x)).unwrap_or_default();
    let (formula, meaning, when) = match id {
        RocAuc => (
            format!("ROC AUC = area under (FPR, TPR) by trapezoids over {} = {v}", counted(distinct as u64, "distinct threshold", "distinct thresholds")),
            format!("A random positive gets a higher score than a random negative {pct} of the time (ties count half); 0.5 is guessing."),
            "Judges the ranking itself, at every threshold at once, and does not change with class balance.",
        ),
        AveragePrecision => (
            format!("AP = Σ (Rₖ − Rₖ₋₁)·Pₖ over thresholds (step-wise, not a trapezoid) = {v}"),
            "The precision you get on average as the threshold sweeps recall from 0 to 1; guessing scores the share of positives.".to_string(),
            "Prefer it to ROC AUC when positives are rare: it shows how many false alarms each find costs.",
        ),
        LogLoss => (
            format!("log loss = −mean(y·ln p + (1 − y)·ln(1 − p)) = {v}"),
            "How surprised the scores are by the truth, punishing confident mistakes hardest; always answering 0.5 scores 0.6931.".to_string(),
            "Watch it when the scores are used as probabilities (risk estimates, expected values).",
        ),
        BrierScore => (
            format!("Brier = mean((y − p)²) = {v}"),
            "The mean squared error of the scores as probabilities: 0 is perfect, always answering 0.5 scores 0.25.".to_string(),
            "A gentler check of probability quality than log loss; it combines calibration and sharpness.",
        ),
        Accuracy | ErrorRate | Precision | Recall | F1 | Fbeta | Specificity | Npv | Fpr | Fnr
        | Fdr | FalseOmissionRate | BalancedAccuracy | Mcc | CohenKappa | Prevalence
        | Informedness | Markedness | LrPlus | LrMinus | Dor | Jaccard | FowlkesMallows | GMean
        | NoInformationRate => return None,
    };
    Some(Explanation::assemble(
        id, value, formula, meaning, when, false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::binary::binary_metrics;

    #[test]
    fn every_binary_metric_is_explained_and_no_score_metric_by_counts() {
        let c = ConfusionCounts::new(85, 15, 10, 90).unwrap();
        for m in binary_metrics(&c, 2.0) {
            let e = explain_binary(m.id, &c, &m.value, 2.0, false)
                .unwrap_or_else(|| panic!("{} has no explanation", m.id));
            assert_eq!(e.name, m.id.name());
            for (part, text) in [
                ("formula", &e.formula),
                ("meaning", &e.meaning),
                ("when", &e.when),
            ] {
                assert!(!text.is_empty(), "{}: empty {part}", m.id);
            }
        }
        for id in MetricId::SCORE {
            assert!(
                explain_binary(id, &c, &Ok(0.5), 1.0, false).is_none(),
                "{id}"
            );
        }
    }

    #[test]
    fn every_metric_is_explained_by_its_report_kind() {
        let c = ConfusionCounts::new(85, 15, 10, 90).unwrap();
        let matrix = vec![vec![5, 1, 0], vec![2, 6, 1], vec![0, 1, 4]];
        let labels: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let rows = crate::metrics::per_class::class_rows(&labels, &matrix);
        let totals = crate::metrics::multiclass::totals(&matrix);
        let ok: MetricValue = Ok(0.5);
        for id in MetricId::ALL {
            let binary = explain_binary(id, &c, &ok, 1.0, false);
            let multiclass = explain_multiclass(id, &ok, &rows, &totals, false);
            let score = explain_score(id, &ok, 10);
            assert_eq!(binary.is_some(), MetricId::BINARY.contains(&id), "{id}");
            assert_eq!(
                multiclass.is_some(),
                MetricId::MULTICLASS.contains(&id),
                "{id}"
            );
            assert_eq!(score.is_some(), MetricId::SCORE.contains(&id), "{id}");
            for e in [binary, multiclass, score].into_iter().flatten() {
                assert_eq!(e.name, id.name());
                assert!(
                    !e.formula.is_empty() && !e.meaning.is_empty() && !e.when.is_empty(),
                    "{id}"
                );
            }
        }
    }
}
