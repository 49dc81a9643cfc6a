//! fitcheck: classifier metrics with confidence intervals, worked formulas,
//! plain-language meanings, verdicts and warnings.
//!
//! One core serves three front doors: the web page (through `wasm/`, the
//! only module that imports wasm-bindgen), the `fitcheck` command line, and
//! the tests. Every number and every sentence a user sees is made here.
//!
//! The modules follow the data flow, stage by stage (drawn in
//! `docs/architecture.md`; the report's JSON is specified in
//! `docs/json-contract.md`): [`input`] turns counts, CSV bytes or demo
//! settings into plain data, [`metrics`] computes numbers, [`report`] puts them
//! into words and assembles the [`Report`], and [`render`] writes it for the
//! terminal. [`error`], [`mod@format`] and [`options`] are shared by every stage.
//!
//! ```
//! use fitcheck::{binary_report, ConfusionCounts, ReportOptions};
//! let counts = ConfusionCounts::new(85, 15, 10, 90).unwrap(); // tp, fn, fp, tn
//! let report = binary_report(&counts, &ReportOptions::default()).unwrap();
//! assert_eq!(report.metric("precision"), Some(85.0 / 95.0));
//! ```

#![warn(missing_docs)]

pub mod error;
pub mod format;
pub mod input;
pub mod metrics;
pub mod options;
pub mod render;
pub mod report;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind};
pub use input::counts::ConfusionCounts;
pub use options::{ReportOptions, Task, Thresholds};
pub use report::assemble::binary_report;
pub use report::contract::Report;
