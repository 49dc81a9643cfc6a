//! Any other CSV log: a `step` or an `epoch` column (any case, spaces
//! trimmed) and numeric columns. x = `step` when there is one, else
//! `epoch`; every other column holding numbers is a series (the `epoch`
//! column too is left out when x is the step: it is the other axis).

use super::csv_table::ColumnPlan;
use crate::error::Error;
use crate::format::name_list;

fn is(name: &str, word: &str) -> bool {
    name.trim().eq_ignore_ascii_case(word)
}

/// x = the first `step` column, else the first `epoch` column; an error
/// when there is neither.
pub fn plan(header: &[String]) -> Result<ColumnPlan, Error> {
    let step = header.iter().position(|n| is(n, "step"));
    let epoch = header.iter().position(|n| is(n, "epoch"));
    let (x, x_word) = match (step, epoch) {
        (Some(s), _) => (s, "step"),
        (None, Some(e)) => (e, "epoch"),
        (None, None) => {
            return Err(Error::file(format!(
                "no step or epoch column: a training log needs a \"step\" or \"epoch\" column to place its points; the columns are: {}",
                name_list(header, true)
            )))
        }
    };
    let series = (0..header.len())
        .filter(|&i| i != x && !is(&header[i], "step") && !is(&header[i], "epoch"))
        .collect();
    Ok(ColumnPlan { x, x_word, series })
}
