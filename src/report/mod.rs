//! Stage 3, report: the numbers of stage 2 put into words (explanations,
//! warnings, verdict) and assembled into the JSON contract
//! (`docs/json-contract.md`). The data flow is drawn in `docs/architecture.md`.
//!
//! Every report kind goes numbers (`metrics/`) → words (`explain`,
//! `warnings`, `multiclass_warnings`, `score_warnings`, `verdict`,
//! `operating_points`) → [`assemble`] → [`contract`] (the serialized types).

pub mod assemble;
pub mod comparison;
pub mod comparison_contract;
pub mod comparison_words;
pub mod contract;
pub mod counts_comparison;
pub mod display_curves;
pub mod explain;
pub mod file_report;
pub mod flips;
pub mod leakage;
pub mod leakage_contract;
pub mod leakage_words;
pub mod multiclass_warnings;
pub mod operating_points;
pub mod row_codes;
pub mod score_report;
pub mod score_warnings;
pub mod settings;
pub mod training;
pub mod training_contract;
pub mod training_diagnosis;
pub mod training_words;
pub mod verdict;
pub mod warnings;
