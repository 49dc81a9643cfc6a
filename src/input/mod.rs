//! Stage 1, input: what the user gives — four counts, a CSV file streamed
//! into columns, or the demo generator — turned into plain data
//! ([`counts::ConfusionCounts`], [`ingest::Dataset`]). No metrics here.
//! The data flow is drawn in `docs/architecture.md`.

pub mod counts;
pub mod demo;
pub mod fits;
pub mod ingest;
pub mod leakage;
pub mod paired;
pub mod training;
