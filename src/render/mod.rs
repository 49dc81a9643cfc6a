//! Stage 4, render: a finished report as text or Markdown for the terminal.
//! The page renders the same report from its JSON (`www/`).

pub mod comparison_text;
pub mod leakage_text;
pub mod text;
pub mod training_text;
