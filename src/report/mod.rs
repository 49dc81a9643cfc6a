//! Stage 3, report: the numbers of stage 2 put into words (explanations,
//! warnings, verdict) and assembled into the JSON contract
//! (`docs/json-contract.md`). The data flow is drawn in `docs/architecture.md`.

pub mod contract;
pub mod explain;
pub mod file_report;
pub mod multiclass;
pub mod score_report;
pub mod settings;
pub mod verdict;
pub mod warnings;
