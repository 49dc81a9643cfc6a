//! Two models' four counts on the same test set (`kind:
//! "counts_comparison"`). Without the rows the examples cannot be paired, so
//! McNemar's test cannot be computed exactly: the report gives the fewest
//! and the most discordant pairs both matrices allow, McNemar's p-values at
//! each end, the unpaired differences with Newcombe's interval, and the
//! advice to load predictions for the exact paired test.
//!
//! ```
//! use fitcheck::input::counts::ConfusionCounts;
//! use fitcheck::report::counts_comparison::counts_comparison;
//! let a = ConfusionCounts::new(85, 15, 10, 90).unwrap();
//! let b = ConfusionCounts::new(80, 20, 5, 95).unwrap();
//! let r = counts_comparison(&a, &b, &Default::default()).unwrap();
//! assert_eq!((r.discordant.min.a_only, r.discordant.min.b_only), (5, 5));
//! assert_eq!((r.discordant.max.a_only, r.discordant.max.b_only), (25, 25));
//! ```

use crate::error::Error;
use crate::format::{p_is, signed3};
use crate::input::counts::ConfusionCounts;
use crate::metrics::counts_compare::{
    discordant_range, unpaired_differences, DiscordantEnd, UNPAIRED_METHOD,
};
use crate::metrics::divide::Undefined;
use crate::report::assemble::binary_report_resampled;
use crate::report::comparison::{direction_id, outcome_of};
use crate::report::comparison_contract::Difference;
use crate::report::contract::{BinaryLabels, OrderedMap, Report};
use crate::report::file_report::FileReportOptions;
use crate::report::warnings::Warning;
use serde::Serialize;

/// The advice every counts comparison ends with.
pub const ADVICE: &str = "Counts cannot say which examples each model got right, so McNemar's paired test can only be bounded. Load both models' predictions on the same rows (Compare two models) for the exact paired test, the intervals of every difference and the examples that flipped.";

/// Below this p-value a difference is called unlikely to be chance.
const SIGNIFICANT: f64 = 0.05;

/// Two models compared from their counts alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountsComparison {
    /// Always `"counts_comparison"`.
    pub kind: &'static str,
    /// Examples in the test set.
    pub n: u64,
    /// `["A", "B"]`.
    pub models: [String; 2],
    /// Model A's report.
    pub a: Report,
    /// Model B's report.
    pub b: Report,
    /// Metric id → B − A (`null` when either is undefined).
    pub delta: OrderedMap<Option<f64>>,
    /// The fewest and most discordant pairs the counts allow, with McNemar at each.
    pub discordant: DiscordantJson,
    /// Metric id → the unpaired difference and its interval.
    pub unpaired: OrderedMap<UnpairedJson>,
    /// Metric id → why it has no unpaired difference.
    pub unpaired_undefined: OrderedMap<String>,
    /// The side-by-side table in display order (the unpaired differences).
    pub differences: Vec<Difference>,
    /// What to do for the exact test.
    pub advice: &'static str,
    /// What the counts allow to conclude.
    pub verdict: CountsVerdict,
    /// What to keep in mind.
    pub warnings: Vec<Warning>,
}

/// One end of the range of discordant pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EndJson {
    /// Examples only A gets right.
    pub a_only: u64,
    /// Examples only B gets right.
    pub b_only: u64,
    /// McNemar's exact p.
    pub exact_p: f64,
    /// McNemar's mid-p.
    pub mid_p: f64,
}

/// The range of discordant pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DiscordantJson {
    /// Fewest discordant pairs (the models agree as much as they can).
    pub min: EndJson,
    /// Most discordant pairs.
    pub max: EndJson,
}

/// An unpaired difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnpairedJson {
    /// A's value.
    pub a: f64,
    /// B's value.
    pub b: f64,
    /// B − A.
    pub delta: f64,
    /// 95% interval of B − A.
    pub ci: [f64; 2],
    /// How the interval is computed.
    pub method: &'static str,
}

/// What the counts allow to conclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountsStatus {
    /// B is more accurate whatever the pairing.
    Better,
    /// B is less accurate whatever the pairing.
    Worse,
    /// No pairing makes the difference significant.
    NoDetectableDifference,
    /// Significant for some pairings and not for others: load predictions.
    DependsOnPairing,
}

/// The verdict of a counts comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountsVerdict {
    /// Better, worse, no detectable difference, or depends on the pairing.
    pub status: CountsStatus,
    /// One or two sentences.
    pub headline: String,
    /// The evidence.
    pub reasons: Vec<String>,
}

fn end_json(e: &DiscordantEnd) -> EndJson {
    EndJson {
        a_only: e.a_only,
        b_only: e.b_only,
        exact_p: e.mcnemar.exact_p,
        mid_p: e.mcnemar.mid_p,
    }
}

/// Compares two sets of four counts of the same test set (the bootstrap
/// of each report's F1 and MCC intervals follows `options.resampling`).
pub fn counts_comparison(
    a: &ConfusionCounts,
    b: &ConfusionCounts,
    options: &FileReportOptions,
) -> Result<CountsComparison, Error> {
    let range = discordant_range(a, b)?;
    let report = |c: &ConfusionCounts| {
        binary_report_resampled(
            c,
            &options.report,
            &BinaryLabels::default(),
            &options.resampling,
        )
    };
    let reports = [report(a)?, report(b)?];
    let delta = OrderedMap(
        reports[0]
            .metrics
            .0
            .iter()
            .map(|(id, va)| {
                (
                    id.clone(),
                    va.zip(reports[1].metric(id)).map(|(x, y)| y - x),
                )
            })
            .collect(),
    );
    let mut unpaired = Vec::new();
    let mut unpaired_undefined = Vec::new();
    let mut differences = Vec::new();
    for (id, d) in unpaired_differences(a, b) {
        let ci = d.as_ref().ok().map(|d| d.ci);
        differences.push(Difference {
            id: id.id(),
            name: id.name(),
            a: reports[0].metric(id.id()),
            b: reports[1].metric(id.id()),
            delta: d.as_ref().ok().map(|d| d.delta),
            ci,
            direction: direction_id(id.direction()),
            outcome: outcome_of(ci, id.direction()),
        });
        match d {
            Ok(d) => unpaired.push((
                id.id().to_string(),
                UnpairedJson {
                    a: d.a,
                    b: d.b,
                    delta: d.delta,
                    ci: d.ci,
                    method: UNPAIRED_METHOD,
                },
            )),
            Err(Undefined(why)) => unpaired_undefined.push((id.id().to_string(), why)),
        }
    }
    let discordant = DiscordantJson {
        min: end_json(&range.min),
        max: end_json(&range.max),
    };
    let verdict = counts_verdict(&discordant, unpaired.first().map(|(_, u)| u));
    Ok(CountsComparison {
        kind: "counts_comparison",
        n: a.n(),
        models: ["A".to_string(), "B".to_string()],
        a: reports[0].clone(),
        b: reports[1].clone(),
        delta,
        discordant,
        unpaired: OrderedMap(unpaired),
        unpaired_undefined: OrderedMap(unpaired_undefined),
        differences,
        advice: ADVICE,
        verdict,
        warnings: Vec::new(),
    })
}

/// The verdict: significant at both ends (the same direction), at neither,
/// or at one only.
fn counts_verdict(d: &DiscordantJson, accuracy: Option<&UnpairedJson>) -> CountsVerdict {
    let significant = |e: &EndJson| e.mid_p < SIGNIFICANT;
    let gained = d.min.b_only > d.min.a_only;
    let status = match (significant(&d.min), significant(&d.max)) {
        (true, true) if gained => CountsStatus::Better,
        (true, true) => CountsStatus::Worse,
        (false, false) => CountsStatus::NoDetectableDifference,
        _ => CountsStatus::DependsOnPairing,
    };
    let change = accuracy
        .map(|u| {
            format!(
                "accuracy {:.3} → {:.3} ({}, unpaired 95% CI {} to {})",
                u.a,
                u.b,
                signed3(u.delta),
                signed3(u.ci[0]),
                signed3(u.ci[1])
            )
        })
        .unwrap_or_else(|| "accuracy".to_string());
    let headline = match status {
        CountsStatus::Better => format!("B is better than A whatever the pairing: {change}."),
        CountsStatus::Worse => format!("B is worse than A whatever the pairing: {change}."),
        CountsStatus::NoDetectableDifference => {
            format!("No detectable difference, whatever the pairing: {change}.")
        }
        CountsStatus::DependsOnPairing => format!(
            "Whether the difference is real depends on which examples each model got right: {change}. Load the predictions to find out."
        ),
    };
    let reasons = vec![format!(
        "McNemar's mid-p lies between p {} (the models disagree on as few examples as the counts allow: {} vs {}) and p {} (as many as they allow: {} vs {}).",
        p_is(d.min.mid_p),
        d.min.a_only,
        d.min.b_only,
        p_is(d.max.mid_p),
        d.max.a_only,
        d.max.b_only
    )];
    CountsVerdict {
        status,
        headline,
        reasons,
    }
}

impl CountsComparison {
    /// The report as pretty JSON (the CLI's `--json`).
    pub fn to_json(&self) -> String {
        // Plain structs of numbers and strings: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The report as compact JSON (the page's: the same values as
    /// `to_json`, without the whitespace).
    pub fn to_compact_json(&self) -> String {
        crate::report::contract::compact_json(self)
    }
}
