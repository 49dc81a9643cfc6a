//! What a series is, from its name.
//!
//! The name is cut into lower-case words at every character that is not a
//! letter or digit (`eval/loss`, `val_loss`, `lr-AdamW`, `epoch_loss`):
//! - a word `runtime`, `time`, `second` or `flos` → Other (HF's
//!   `eval_runtime`, `eval_samples_per_second`, `eval_steps_per_second`);
//! - the word `lr`, or `learning` with `rate` → LearningRate (`learning_rate`,
//!   `lr`, Lightning's `lr-AdamW`, Keras' `epoch_learning_rate`);
//! - a word `eval`, `val`, `valid` or `validation` marks validation: with a
//!   loss word (one ending in `loss`) → ValLoss, else ValMetric;
//! - a loss word without a validation word → TrainLoss (`loss`,
//!   `train_loss`, `train_loss_step`, `epoch_loss`);
//! - anything else → Other (`grad_norm`, `accuracy` on the training set).
//!
//! A TensorBoard export name `run-<run>-tag-<tag>` is judged by its tag,
//! and its run marks validation too: Keras writes `epoch_loss` under the
//! runs `train` and `validation`, so `run-validation-tag-epoch_loss` is the
//! validation loss and `run-validation-tag-epoch_accuracy` a validation metric.

use super::SeriesRole;

/// The role of a series named `name` (rules in the module doc).
pub fn role_of(name: &str) -> SeriesRole {
    let Some((run, tag)) = tensorboard_run_and_tag(name) else {
        return plain_role(name);
    };
    let role = plain_role(tag);
    let validation_run = words(run).iter().any(|w| is_validation_word(w));
    match role {
        SeriesRole::TrainLoss if validation_run => SeriesRole::ValLoss,
        SeriesRole::Other if validation_run && !is_bookkeeping(&words(tag)) => {
            SeriesRole::ValMetric
        }
        _ => role,
    }
}

/// `run-<run>-tag-<tag>` split into run and tag, as TensorBoard names its
/// CSV downloads.
pub fn tensorboard_run_and_tag(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix("run-")?;
    let at = rest.find("-tag-")?;
    Some((&rest[..at], &rest[at + 5..]))
}

fn plain_role(name: &str) -> SeriesRole {
    let words = words(name);
    if is_bookkeeping(&words) {
        return SeriesRole::Other;
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    if has("lr") || (has("learning") && has("rate")) {
        return SeriesRole::LearningRate;
    }
    let validation = words.iter().any(|w| is_validation_word(w));
    let loss = words.iter().any(|w| w.ends_with("loss"));
    match (validation, loss) {
        (true, true) => SeriesRole::ValLoss,
        (true, false) => SeriesRole::ValMetric,
        (false, true) => SeriesRole::TrainLoss,
        (false, false) => SeriesRole::Other,
    }
}

/// Timing and throughput entries (HF's `eval_runtime`, `…_per_second`,
/// `total_flos`): logged beside the metrics, not metrics themselves.
fn is_bookkeeping(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| matches!(w.as_str(), "runtime" | "time" | "second" | "flos"))
}

fn is_validation_word(word: &str) -> bool {
    matches!(word, "eval" | "val" | "valid" | "validation")
}

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use SeriesRole::*;

    #[test]
    fn roles_from_names() {
        for (name, role) in [
            ("loss", TrainLoss),
            ("train_loss", TrainLoss),
            ("train_loss_step", TrainLoss),
            ("train_loss_epoch", TrainLoss),
            ("eval_loss", ValLoss),
            ("eval_squad_loss", ValLoss),
            ("val_loss", ValLoss),
            ("validation/loss", ValLoss),
            ("eval_accuracy", ValMetric),
            ("val_f1", ValMetric),
            ("eval_runtime", Other),
            ("eval_samples_per_second", Other),
            ("eval_steps_per_second", Other),
            ("learning_rate", LearningRate),
            ("lr", LearningRate),
            ("lr-AdamW", LearningRate),
            ("grad_norm", Other),
            ("accuracy", Other),
            ("epoch", Other),
            ("run-train-tag-epoch_loss", TrainLoss),
            ("run-validation-tag-epoch_loss", ValLoss),
            ("run-validation-tag-epoch_accuracy", ValMetric),
            ("run-train-tag-epoch_learning_rate", LearningRate),
            ("run-train-tag-loss", TrainLoss),
            ("run-.-tag-eval_loss", ValLoss),
            ("run-.-tag-train_loss", TrainLoss),
            ("run-validation-tag-evaluation_loss_vs_iterations", ValLoss),
        ] {
            assert_eq!(role_of(name), role, "{name}");
        }
    }
}
