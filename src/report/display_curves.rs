//! The curves the page draws, thinned straight from the sorted curve: the
//! same points as `decimate(curve.roc(true))` and `decimate(curve.pr())`
//! (see `metrics::curve`), without first building every point. On a file
//! of 10 million scores (about a million distinct) that skips three vectors
//! of a million points per curve and their arithmetic; the thinning walks
//! the points twice (once for the curve's length, once to pick) and keeps
//! only the picked ones. Each point is computed exactly as the full curves
//! compute it, so the result is identical (the tests compare them).

use crate::metrics::curve::{CurvePoints, ScoreCurve};
use crate::metrics::divide::share;
use crate::report::contract::Curves;

/// One curve point: x, y and its threshold (`None` for an end point).
type Point = (f64, f64, Option<f64>);

/// ROC and precision–recall curves of `curve`, each thinned to at most
/// `max_points` spaced evenly along its length (`complete: false`).
pub fn display_curves(curve: &ScoreCurve, max_points: usize) -> Curves {
    let roc = (curve.positives > 0 && curve.negatives > 0)
        .then(|| thinned(|| roc_points(curve), max_points));
    let pr = (curve.positives > 0).then(|| thinned(|| pr_points(curve), max_points));
    Curves {
        roc,
        pr,
        complete: false,
    }
}

/// The points of `curve.roc(true)`: (0, 0), then scikit-learn's
/// `drop_intermediate` choice of thresholds (the ends and every change of
/// direction).
fn roc_points(c: &ScoreCurve) -> impl Iterator<Item = Point> + '_ {
    let m = c.len();
    let (p, n) = (c.positives as f64, c.negatives as f64);
    let second = |a: u64, b: u64, d: u64| (d as i128 - b as i128) - (b as i128 - a as i128);
    let kept = move |i: usize| {
        m <= 2
            || i == 0
            || i == m - 1
            || second(c.fps[i - 1], c.fps[i], c.fps[i + 1]) != 0
            || second(c.tps[i - 1], c.tps[i], c.tps[i + 1]) != 0
    };
    std::iter::once((0.0, 0.0, None)).chain((0..m).filter(move |&i| kept(i)).map(move |i| {
        (
            c.fps[i] as f64 / n,
            c.tps[i] as f64 / p,
            Some(c.thresholds[i]),
        )
    }))
}

/// The points of `curve.pr()`: increasing thresholds, then precision 1 at
/// recall 0 (0/0 precision counts as 0, as scikit-learn's curve does).
fn pr_points(c: &ScoreCurve) -> impl Iterator<Item = Point> + '_ {
    let p = c.positives as f64;
    (0..c.len())
        .rev()
        .map(move |i| {
            let called = c.tps[i] + c.fps[i];
            (
                c.tps[i] as f64 / p,
                share(c.tps[i], called).unwrap_or(0.0),
                Some(c.thresholds[i]),
            )
        })
        .chain(std::iter::once((0.0, 1.0, None)))
}

/// `decimate(points, max_points)` on points given as an iterator that can
/// be walked again: the same spacing rule, the same arithmetic in the same
/// order, so the same points are kept.
fn thinned<I: Iterator<Item = Point>>(points: impl Fn() -> I, max_points: usize) -> CurvePoints {
    let distance = |a: (f64, f64), b: (f64, f64)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        (dx * dx + dy * dy).sqrt()
    };
    let (mut count, mut total) = (0usize, 0.0);
    let mut previous = None;
    for (x, y, _) in points() {
        if let Some(before) = previous {
            total += distance(before, (x, y));
        }
        previous = Some((x, y));
        count += 1;
    }
    let mut out = CurvePoints {
        x: Vec::new(),
        y: Vec::new(),
        thresholds: Vec::new(),
    };
    let mut push = |(x, y, t): Point| {
        out.x.push(x);
        out.y.push(y);
        out.thresholds.push(t);
    };
    if count <= max_points {
        points().for_each(&mut push);
        return out;
    }
    if max_points < 3 {
        // Room for the ends only (or just the first point).
        points()
            .enumerate()
            .filter(|&(i, _)| i == 0 || (max_points == 2 && i == count - 1))
            .for_each(|(_, point)| push(point));
        return out;
    }
    let step = total.max(f64::MIN_POSITIVE) / (max_points - 1) as f64;
    let (mut length, mut next) = (0.0, step);
    let mut previous = None;
    for (i, point) in points().enumerate() {
        if let Some(before) = previous {
            length += distance(before, (point.0, point.1));
        }
        previous = Some((point.0, point.1));
        if i == 0 || i == count - 1 {
            push(point);
        } else if length >= next {
            push(point);
            next = length + step;
        }
    }
    // Rounding in the spacing can leave one point too many: drop interior ones.
    while out.x.len() > max_points {
        let at = out.x.len() - 2;
        out.x.remove(at);
        out.y.remove(at);
        out.thresholds.remove(at);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::curve::decimate;

    /// A curve from `rows` examples with scores on a grid of `levels`
    /// (ties when `levels` is small), positives by a fixed pattern.
    fn curve(rows: usize, levels: u64, every: usize) -> ScoreCurve {
        let mut rng = crate::input::demo::SplitMix64(0x9E37_79B9_7F4A_7C15);
        let mut scores = Vec::new();
        let mut positive = Vec::new();
        for i in 0..rows {
            let level = rng.next_u64() % levels;
            positive.push(i % every == 0 || level > levels * 2 / 3);
            scores.push(level as f64 / levels as f64);
        }
        ScoreCurve::new(&positive, &scores)
    }

    fn full(c: &ScoreCurve, max: usize) -> Curves {
        Curves {
            roc: c.roc(true).map(|r| decimate(&r, max)),
            pr: c.pr().map(|r| decimate(&r, max)),
            complete: false,
        }
    }

    #[test]
    fn the_same_points_as_thinning_the_whole_curves() {
        for (rows, levels, every) in [
            (1, 10, 1),
            (2, 10, 2),
            (3, 2, 2),
            (50, 1000, 3),
            (5_000, 7, 4),
            (20_000, 1_000_000, 5),
            (60_000, 3_000, 2),
        ] {
            let c = curve(rows, levels, every);
            for max in [1, 2, 3, 10, 2000] {
                assert_eq!(
                    display_curves(&c, max),
                    full(&c, max),
                    "{rows} rows, {levels} levels, max {max}"
                );
            }
        }
    }

    #[test]
    fn one_class_has_no_roc_and_no_positives_no_pr() {
        let only_positives = ScoreCurve::new(&[true, true], &[0.2, 0.7]);
        assert_eq!(
            display_curves(&only_positives, 2000),
            full(&only_positives, 2000)
        );
        assert!(display_curves(&only_positives, 2000).roc.is_none());
        let only_negatives = ScoreCurve::new(&[false, false], &[0.2, 0.7]);
        let curves = display_curves(&only_negatives, 2000);
        assert!(curves.roc.is_none() && curves.pr.is_none());
    }
}
