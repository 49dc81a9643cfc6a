//! A file (or the demo) read into columns for the page: what
//! [`LoadedData`](crate::report::file_report::LoadedData) does (any number
//! of reports from one sort; a new threshold costs a binary search), with
//! the curves the page draws thinned straight from the sorted curve
//! ([`display_curves`]) and kept with it. The first report on a file of
//! 10 million scores no longer builds both curves whole to thin them.
//! Reports are the same as `LoadedData`'s (the tests compare them).

use crate::error::Error;
use crate::input::ingest::Dataset;
use crate::report::contract::{Curves, Report};
use crate::report::display_curves::display_curves;
use crate::report::file_report::{
    dataset_report, finish_score_report, score_context, sort_scores_by_class, FileReportOptions,
};
use crate::report::score_report::{CurveDetail, ScoreContext, DISPLAY_POINTS};

/// Columns read from a file, ready for any number of reports.
pub struct PageData {
    data: Dataset,
    /// For score files: the positive class asked for last, its sorted
    /// curve and, once asked for, its display curves.
    scores: Option<(Option<String>, ScoreContext, Option<Curves>)>,
}

impl PageData {
    /// Takes the columns, sorting score columns in place by class first.
    pub fn new(mut data: Dataset) -> Self {
        sort_scores_by_class(&mut data);
        PageData { data, scores: None }
    }

    /// The columns.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The report at these options.
    pub fn report(&mut self, options: &FileReportOptions) -> Result<Report, Error> {
        if self.data.score.is_none() {
            return dataset_report(&self.data, options);
        }
        if !matches!(&self.scores, Some((p, _, _)) if *p == options.positive) {
            let context = score_context(&self.data, options.positive.as_deref())?;
            self.scores = Some((options.positive.clone(), context, None));
        }
        let Some((_, context, display)) = self.scores.as_mut() else {
            return dataset_report(&self.data, options);
        };
        if options.curves != CurveDetail::Display {
            return finish_score_report(&self.data, context, options);
        }
        let without_curves = FileReportOptions {
            curves: CurveDetail::None,
            ..options.clone()
        };
        let mut report = finish_score_report(&self.data, context, &without_curves)?;
        let curves = display.get_or_insert_with(|| display_curves(context.curve(), DISPLAY_POINTS));
        report.curves = Some(curves.clone());
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ingest::{Ingest, ReadSettings};
    use crate::report::file_report::LoadedData;

    fn dataset(text: &str) -> Dataset {
        let options = ReadSettings::default().options(100).unwrap();
        let mut ingest = Ingest::new(options);
        ingest.push(text.as_bytes()).unwrap();
        ingest.finish().unwrap()
    }

    #[test]
    fn reports_are_those_of_loaded_data() {
        let mut text = String::from("y_true,score\n");
        for i in 0..5000u64 {
            let label = u64::from(i % 3 == 0 || (i * 7919) % 1000 > 700);
            text.push_str(&format!("{label},0.{:03}\n", (i * 7919) % 1000));
        }
        let labels = "y_true,y_pred\n1,1\n0,1\n1,0\n0,0\n1,1\n";
        for text in [text.as_str(), labels] {
            let mut page = PageData::new(dataset(text));
            let mut loaded = LoadedData::new(dataset(text));
            for (curves, rank, positive) in [
                (CurveDetail::Display, None, None),
                (CurveDetail::None, Some(300), None),
                (CurveDetail::Display, Some(10), None),
                (CurveDetail::Display, None, Some("0".to_string())),
                (CurveDetail::Complete, Some(5), Some("0".to_string())),
            ] {
                let options = FileReportOptions {
                    curves,
                    rank,
                    positive,
                    ..FileReportOptions::default()
                };
                assert_eq!(
                    page.report(&options).unwrap(),
                    loaded.report(&options).unwrap()
                );
            }
        }
    }
}
