//! Operating points in words: a short name for a button and the reason for
//! each point in a sentence with its numbers.

use crate::format::{count, percent, plain, threshold, value2, value4};
use crate::metrics::operating_points::{OperatingGoals, OperatingPoint, OperatingPointId};
use crate::report::contract::OperatingPointEntry;

/// Names and explains each point. `prevalence` is the one the expected
/// cost assumed (`metrics::operating_points::prevalence_in_use`).
pub fn describe_points(
    points: &[OperatingPoint],
    goals: &OperatingGoals,
    prevalence: f64,
) -> Vec<OperatingPointEntry> {
    points
        .iter()
        .map(|p| describe(p, goals, prevalence))
        .collect()
}

fn describe(p: &OperatingPoint, goals: &OperatingGoals, prevalence: f64) -> OperatingPointEntry {
    let t = threshold(p.threshold);
    let (name, sentence) = match p.id {
        OperatingPointId::BestF1 => ("Best F1".to_string(), format!(
            "Threshold {t} gives the highest F1, {}: precision {} and recall {} balance best here.",
            value4(Some(p.value)), value4(Some(p.precision)), value4(Some(p.recall)))),
        OperatingPointId::BestFbeta => (format!("Best F{}", plain(goals.beta)), format!(
            "Threshold {t} gives the highest F-beta with β = {}, {}: recall weighs {} times precision.",
            plain(goals.beta), value4(Some(p.value)), plain(goals.beta))),
        OperatingPointId::Youden => ("Youden's J".to_string(), format!(
            "Threshold {t} maximises Youden's J = recall − false positive rate = {}: the point of the ROC curve farthest above the diagonal.",
            value4(Some(p.value)))),
        OperatingPointId::MinCost => ("Lowest cost".to_string(), format!(
            "Threshold {t} has the lowest expected cost, {} per example, with a false positive costing {} and a miss {} at prevalence {}.",
            value4(Some(p.value)), plain(goals.cost_fp), plain(goals.cost_fn), percent(prevalence))),
        OperatingPointId::PrecisionAtRecall => (format!("Best precision at recall ≥ {}", value2(goals.target_recall)), format!(
            "Threshold {t} keeps recall at {} (target {}) with the highest precision possible there, {}: {} false alarms.",
            value4(Some(p.recall)), value2(goals.target_recall), value4(Some(p.precision)), count(p.fp))),
        OperatingPointId::RecallAtPrecision => (format!("Best recall at precision ≥ {}", value2(goals.target_precision)), format!(
            "Threshold {t} keeps precision at {} (target {}) and finds the most positives possible there, recall {}: {} missed.",
            value4(Some(p.precision)), value2(goals.target_precision), value4(Some(p.recall)), count(p.fn_))),
    };
    OperatingPointEntry {
        id: p.id.id(),
        name,
        threshold: p.threshold,
        rank: p.rank,
        tp: p.tp,
        fp: p.fp,
        fn_: p.fn_,
        tn: p.tn,
        precision: p.precision,
        recall: p.recall,
        sentence,
    }
}
