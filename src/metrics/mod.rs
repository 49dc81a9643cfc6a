//! Stage 2, metrics: numbers only, no prose. The vocabulary of metrics
//! ([`id::MetricId`]), the one divide rule ([`divide`]), binary and
//! multiclass metrics, agreement (MCC, kappa), per-class rows and averages,
//! the curve primitive, score numbers, calibration, intervals, DeLong's
//! AUC variance and paired test ([`delong`]), significance tests (accuracy
//! above chance; McNemar's paired test in [`mcnemar`]) and operating points;
//! for comparing two models also seeded bootstrap intervals ([`bootstrap`]),
//! McNemar power and sample size ([`power`]) and what two sets of four
//! counts allow ([`counts_compare`]).
//! Each report kind fills a
//! [`numbers::ReportNumbers`] that `report/` puts into words.
//! The data flow is drawn in `docs/architecture.md`.

pub mod agreement;
pub mod binary;
pub mod bootstrap;
pub mod calibration;
pub mod confused;
pub mod counts_compare;
pub mod curve;
pub mod decimal_sort;
pub mod delong;
pub mod divide;
pub mod id;
pub mod intervals;
pub mod leakage;
pub mod matrix_stats;
pub mod mcnemar;
pub mod multiclass;
pub mod numbers;
pub mod operating_points;
pub mod per_class;
pub mod power;
pub mod repeated_add;
pub mod scores;
pub mod short_sort;
pub mod significance;
pub mod training;
