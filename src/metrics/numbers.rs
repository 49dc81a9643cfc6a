//! The numbers of one report before any words: every metric, the intervals,
//! the per-class rows and the test of accuracy against the no-information
//! rate. Binary ([`crate::metrics::binary::binary_numbers`]) and multiclass
//! ([`crate::metrics::multiclass::multiclass_numbers`]) reports both fill
//! this one shape, which `report/` then puts into words and assembles.

use crate::metrics::id::{value_of, Metric, MetricId};
use crate::metrics::per_class::ClassRow;

/// Everything a report computes from its confusion matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportNumbers {
    /// Number of examples.
    pub n: u64,
    /// Every whole-matrix metric, in report order.
    pub metrics: Vec<Metric>,
    /// 95% Wilson intervals of the metrics that are proportions.
    pub intervals: Vec<(MetricId, (f64, f64))>,
    /// One row per class, in label order.
    pub per_class: Vec<ClassRow>,
    /// Share of the largest true class.
    pub no_information_rate: Option<f64>,
    /// One-sided exact binomial p-value that accuracy exceeds that rate.
    pub accuracy_p_value: Option<f64>,
}

impl ReportNumbers {
    /// A metric's value; `None` when undefined or absent.
    pub fn value(&self, id: MetricId) -> Option<f64> {
        value_of(&self.metrics, id)
    }

    /// A metric's interval, when it has one.
    pub fn interval(&self, id: MetricId) -> Option<(f64, f64)> {
        self.intervals
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, iv)| *iv)
    }
}
