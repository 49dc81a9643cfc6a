//! The direction of a monitored series and its best point.

/// Whether lower or higher values of a series are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Lower is better (losses, errors).
    Min,
    /// Higher is better (accuracy, F1, …).
    Max,
}

impl Mode {
    /// The direction read from a series name: a name containing `loss` or
    /// `error` (any case) is minimised, any other is maximised.
    ///
    /// ```
    /// use fitcheck::metrics::training::Mode;
    /// assert_eq!(Mode::infer("eval_loss"), Mode::Min);
    /// assert_eq!(Mode::infer("val_mean_absolute_error"), Mode::Min);
    /// assert_eq!(Mode::infer("eval_accuracy"), Mode::Max);
    /// ```
    pub fn infer(series_name: &str) -> Mode {
        let name = series_name.to_ascii_lowercase();
        if name.contains("loss") || name.contains("error") {
            Mode::Min
        } else {
            Mode::Max
        }
    }

    /// The JSON id: `"min"` or `"max"`.
    pub const fn id(self) -> &'static str {
        match self {
            Mode::Min => "min",
            Mode::Max => "max",
        }
    }

    /// Whether `a` is strictly better than `b` in this direction (false when
    /// either is NaN).
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Mode::Min => a < b,
            Mode::Max => a > b,
        }
    }
}

/// The best point of a series.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Best {
    /// 0-based index of the point in the series.
    pub index: usize,
    /// Its step or epoch.
    pub x: f64,
    /// Its value (always finite).
    pub value: f64,
}

/// The best finite value and where it is; ties go to the first index (as
/// the Hugging Face Trainer, which replaces its best only on a strict
/// improvement). `None` when no value is finite. Reads the first
/// `min(x.len(), y.len())` points.
///
/// ```
/// use fitcheck::metrics::training::{best, Mode};
/// let b = best(&[10.0, 20.0, 30.0], &[0.5, 0.3, 0.3], Mode::Min).unwrap();
/// assert_eq!((b.index, b.x, b.value), (1, 20.0, 0.3));
/// ```
pub fn best(x: &[f64], y: &[f64], mode: Mode) -> Option<Best> {
    let mut found: Option<Best> = None;
    for (index, (&x, &value)) in x.iter().zip(y).enumerate() {
        if !value.is_finite() {
            continue;
        }
        if found.is_none_or(|b| mode.better(value, b.value)) {
            found = Some(Best { index, x, value });
        }
    }
    found
}

/// The step in a Hugging Face checkpoint path: the number after the last
/// `checkpoint-` (`"out/checkpoint-400"` → 400; `None` without one).
///
/// ```
/// use fitcheck::metrics::training::checkpoint_step;
/// assert_eq!(checkpoint_step("runs/x/checkpoint-400"), Some(400));
/// assert_eq!(checkpoint_step("C:\\out\\checkpoint-12\\"), Some(12));
/// assert_eq!(checkpoint_step("out/final"), None);
/// ```
pub fn checkpoint_step(path: &str) -> Option<u64> {
    let at = path.rfind("checkpoint-")? + "checkpoint-".len();
    let digits: String = path[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}
