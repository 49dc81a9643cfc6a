//! The bootstrap intervals (src/metrics/bootstrap/): reproducible from the
//! seed, equal in distribution to a naive row bootstrap, and calibrated (a
//! coverage test over simulated data sets).

mod support;

use fitcheck::metrics::agreement::mcc;
use fitcheck::metrics::bootstrap::matrix::{
    matrix_bootstrap, paired_matrix_bootstrap, MatrixStat, PairedCells,
};
use fitcheck::metrics::bootstrap::normal::{ap_interval_from_curve, paired_ap_interval};
use fitcheck::metrics::bootstrap::scores::{
    paired_score_bootstrap, paired_score_intervals, score_bootstrap, ScoreMethod,
};
use fitcheck::metrics::bootstrap::{BootInterval, Resampling};
use fitcheck::metrics::curve::ScoreCurve;
use support::SplitMix64;

fn accuracy(m: &[Vec<u64>]) -> Option<f64> {
    let n: u64 = m.iter().flatten().sum();
    let right: u64 = (0..m.len()).map(|i| m[i][i]).sum();
    (n > 0).then(|| right as f64 / n as f64)
}

fn f1(m: &[Vec<u64>]) -> Option<f64> {
    let d = 2 * m[1][1] + m[0][1] + m[1][0];
    (d > 0).then(|| 2.0 * m[1][1] as f64 / d as f64)
}

fn mcc_of(m: &[Vec<u64>]) -> Option<f64> {
    mcc(m).ok()
}

/// Rows of a binary problem: truth, two models' labels and scores.
struct Rows {
    truth: Vec<u32>,
    a: Vec<u32>,
    b: Vec<u32>,
    score_a: Vec<f64>,
    score_b: Vec<f64>,
}

/// `rows` rows, positives first (`positives` of them); scores are
/// class-shifted uniforms rounded to 2 decimals (ties), labels at 0.6.
fn rows(rng: &mut SplitMix64, rows: usize, positives: usize) -> Rows {
    let truth: Vec<u32> = (0..rows).map(|i| u32::from(i < positives)).collect();
    let mut score =
        |t: u32, shift: f64| ((rng.uniform() + shift * t as f64) * 100.0).round() / 100.0;
    let score_a: Vec<f64> = truth.iter().map(|&t| score(t, 0.4)).collect();
    let score_b: Vec<f64> = truth
        .iter()
        .zip(&score_a)
        .map(|(&t, &x)| ((0.5 * x + 0.5 * score(t, 0.6)) * 100.0).round() / 100.0)
        .collect();
    let label = |s: &[f64]| s.iter().map(|&x| u32::from(x >= 0.6)).collect::<Vec<_>>();
    Rows {
        a: label(&score_a),
        b: label(&score_b),
        truth,
        score_a,
        score_b,
    }
}

#[test]
fn the_same_seed_gives_the_same_interval_and_another_seed_another() {
    let mut rng = SplitMix64::new(3);
    let d = rows(&mut rng, 400, 150);
    let cells = PairedCells::from_rows(2, &d.truth, &d.a, &d.b);
    let r = Resampling {
        resamples: 500,
        seed: 9,
    };
    let other = Resampling { seed: 10, ..r };
    let stats: [MatrixStat; 3] = [&accuracy, &f1, &mcc_of];
    let first = paired_matrix_bootstrap(&cells, &r, &stats);
    assert_eq!(first, paired_matrix_bootstrap(&cells, &r, &stats));
    assert_ne!(first, paired_matrix_bootstrap(&cells, &other, &stats));
    let (a, _) = cells.matrices();
    let single = matrix_bootstrap(&a, &r, &stats);
    assert_eq!(single, matrix_bootstrap(&a, &r, &stats));
    assert_ne!(single, matrix_bootstrap(&a, &other, &stats));

    let truth: Vec<bool> = d.truth.iter().map(|&t| t == 1).collect();
    let s = score_bootstrap(&truth, &d.score_a, &r);
    assert_eq!(s, score_bootstrap(&truth, &d.score_a, &r));
    assert_ne!(s, score_bootstrap(&truth, &d.score_a, &other));
    let p = paired_score_bootstrap(&truth, &d.score_a, &d.score_b, &r);
    assert_eq!(
        p,
        paired_score_bootstrap(&truth, &d.score_a, &d.score_b, &r)
    );
    assert_ne!(
        p,
        paired_score_bootstrap(&truth, &d.score_a, &d.score_b, &other)
    );
}

#[test]
fn hand_checkable_cases() {
    let r = Resampling {
        resamples: 200,
        seed: 1,
    };
    // Both models right on every row: every resample gives Δ = 0.
    let t = [0, 0, 1, 1, 1];
    let cells = PairedCells::from_rows(2, &t, &t, &t);
    let d = paired_matrix_bootstrap(&cells, &r, &[&accuracy]);
    assert_eq!(
        d[0],
        Ok(BootInterval {
            estimate: 0.0,
            ci: [0.0, 0.0],
            undefined_resamples: 0
        })
    );
    // A wrong on every row, B right on every row: Δ accuracy = 1 always.
    let wrong = [1, 1, 0, 0, 0];
    let cells = PairedCells::from_rows(2, &t, &wrong, &t);
    let d = paired_matrix_bootstrap(&cells, &r, &[&accuracy]);
    assert_eq!(d[0].as_ref().unwrap().ci, [1.0, 1.0]);
    // One class per row of the matrix is kept: [[3, 0], [0, 2]] stays
    // perfect, [[2, 0], [2, 0]] (only class 0 predicted) has no MCC at all.
    let perfect = matrix_bootstrap(&[vec![3, 0], vec![0, 2]], &r, &[&mcc_of]);
    assert_eq!(perfect[0].as_ref().unwrap().ci, [1.0, 1.0]);
    let none = matrix_bootstrap(&[vec![2, 0], vec![2, 0]], &r, &[&mcc_of]);
    assert!(none[0].is_err());
    // A row count of 1 each: the resampled matrix is the matrix itself.
    let one = matrix_bootstrap(&[vec![1, 0], vec![0, 1]], &r, &[&accuracy]);
    assert_eq!(one[0].as_ref().unwrap().ci, [1.0, 1.0]);
    // Scores that separate the classes perfectly keep AUC and AP at 1.
    let s = score_bootstrap(&[true, true, false, false], &[0.9, 0.8, 0.2, 0.1], &r);
    assert_eq!(s.roc_auc.unwrap().ci, [1.0, 1.0]);
    assert_eq!(s.average_precision.unwrap().ci, [1.0, 1.0]);
    // No negatives: AUC undefined (the reason of the curve), AP defined.
    let s = score_bootstrap(&[true, true], &[0.9, 0.8], &r);
    assert!(s.roc_auc.is_err());
    assert_eq!(s.average_precision.unwrap().ci, [1.0, 1.0]);
}

/// Percentile ends of `draws` (type 7, as the module).
fn percentile(mut draws: Vec<f64>) -> [f64; 2] {
    draws.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = p * (draws.len() - 1) as f64;
        let lo = h.floor() as usize;
        draws[lo] + (h - lo as f64) * (draws[(lo + 1).min(draws.len() - 1)] - draws[lo])
    };
    [q(0.025), q(0.975)]
}

/// Agreement with a naive bootstrap (resample rows within each class with
/// another generator, recount, call the unweighted functions): each end
/// within 10% of the interval's width (Monte Carlo error of a 2.5% quantile
/// from 2,000 resamples is about 3–4% of the width; a wrong scheme, e.g.
/// unpaired or unstratified, or ties counted wrongly, moves the ends further).
#[test]
fn counts_and_weights_agree_with_a_naive_row_bootstrap() {
    let mut rng = SplitMix64::new(11);
    let d = rows(&mut rng, 600, 200);
    let truth: Vec<bool> = d.truth.iter().map(|&t| t == 1).collect();
    let r = Resampling::default();
    let cells = PairedCells::from_rows(2, &d.truth, &d.a, &d.b);
    let ours = paired_matrix_bootstrap(&cells, &r, &[&f1]);
    let scores = paired_score_bootstrap(&truth, &d.score_a, &d.score_b, &r);
    let single = score_bootstrap(&truth, &d.score_b, &r);

    let (mut f1s, mut aucs, mut aps, mut ap_b) = (vec![], vec![], vec![], vec![]);
    let mut naive = SplitMix64::new(99);
    let (pos, neg): (Vec<usize>, Vec<usize>) = (0..600).partition(|&i| truth[i]);
    for _ in 0..r.resamples {
        let mut picked: Vec<usize> = pos.iter().map(|_| pos[naive.below(pos.len())]).collect();
        picked.extend(neg.iter().map(|_| neg[naive.below(neg.len())]));
        let (mut ma, mut mb) = (vec![vec![0u64; 2]; 2], vec![vec![0u64; 2]; 2]);
        for &i in &picked {
            ma[d.truth[i] as usize][d.a[i] as usize] += 1;
            mb[d.truth[i] as usize][d.b[i] as usize] += 1;
        }
        f1s.push(f1(&mb).unwrap() - f1(&ma).unwrap());
        let t: Vec<bool> = picked.iter().map(|&i| truth[i]).collect();
        let sa: Vec<f64> = picked.iter().map(|&i| d.score_a[i]).collect();
        let sb: Vec<f64> = picked.iter().map(|&i| d.score_b[i]).collect();
        let (ca, cb) = (ScoreCurve::new(&t, &sa), ScoreCurve::new(&t, &sb));
        aucs.push(cb.roc_auc().unwrap() - ca.roc_auc().unwrap());
        aps.push(cb.average_precision().unwrap() - ca.average_precision().unwrap());
        ap_b.push(cb.average_precision().unwrap());
    }
    for (name, ours, naive) in [
        ("ΔF1", ours[0].as_ref().unwrap().ci, percentile(f1s)),
        (
            "ΔAUC",
            scores.roc_auc.as_ref().unwrap().ci,
            percentile(aucs),
        ),
        (
            "ΔAP",
            scores.average_precision.as_ref().unwrap().ci,
            percentile(aps),
        ),
        (
            "AP",
            single.average_precision.as_ref().unwrap().ci,
            percentile(ap_b),
        ),
    ] {
        let width = naive[1] - naive[0];
        assert!(width > 0.0, "{name}");
        for k in 0..2 {
            assert!(
                (ours[k] - naive[k]).abs() < 0.1 * width,
                "{name}: ours {ours:?}, naive {naive:?}"
            );
        }
    }
}

/// Above the work limit the intervals are normal with the delta-method
/// variance: at 5,000 rows (where both can run) their half-widths agree
/// with the bootstrap's to within 10%.
#[test]
fn the_normal_intervals_match_the_bootstrap_where_both_run() {
    let mut rng = SplitMix64::new(5);
    let d = rows(&mut rng, 5000, 1500);
    let truth: Vec<bool> = d.truth.iter().map(|&t| t == 1).collect();
    let r = Resampling::default();
    assert_eq!(ScoreMethod::for_rows(10_000, &r), ScoreMethod::Bootstrap);
    assert_eq!(ScoreMethod::for_rows(10_001, &r), ScoreMethod::Normal);
    let width = |iv: &BootInterval| iv.ci[1] - iv.ci[0];
    let close = |name: &str, normal: &BootInterval, boot: &BootInterval| {
        assert!((normal.estimate - boot.estimate).abs() < 1e-12, "{name}");
        let ratio = width(normal) / width(boot);
        assert!(
            (0.9..1.1).contains(&ratio),
            "{name}: {normal:?} vs {boot:?}"
        );
    };
    let boot = score_bootstrap(&truth, &d.score_b, &r);
    let curve = ScoreCurve::new(&truth, &d.score_b);
    close(
        "AP",
        &ap_interval_from_curve(&curve).unwrap(),
        boot.average_precision.as_ref().unwrap(),
    );
    let paired = paired_score_bootstrap(&truth, &d.score_a, &d.score_b, &r);
    close(
        "ΔAP",
        &paired_ap_interval(&truth, &d.score_a, &d.score_b).unwrap(),
        paired.average_precision.as_ref().unwrap(),
    );
    let big = Resampling {
        resamples: 20_000,
        ..r
    };
    let (normal, method) = paired_score_intervals(&truth, &d.score_a, &d.score_b, &big);
    assert_eq!(method, ScoreMethod::Normal);
    close(
        "ΔAUC",
        normal.roc_auc.as_ref().unwrap(),
        paired.roc_auc.as_ref().unwrap(),
    );
}

/// Coverage: 1,000 simulated data sets (seeded) from a known population, 500
/// rows each (200 positives, 300 negatives, fixed as the stratified design
/// keeps them). Per class, A is right with probability 0.80 / 0.85 and B with
/// 0.85 / 0.88, correlated (B copies A's correctness with probability ½),
/// so the true Δaccuracy is 0.4·0.05 + 0.6·0.03 = 0.038. The 95% paired
/// interval must cover it in 93–97% of the data sets. (The issue asks for
/// 200; with 200 the band is only ±1.3 standard errors wide, and a
/// calibrated interval would miss it for about one seed in four. 1,000 data
/// sets make it ±3 standard errors; 2,000 gave 94.3% in a trial run.)
#[test]
fn paired_interval_covers_the_true_difference_95_percent_of_the_time() {
    let mut rng = SplitMix64::new(2024);
    let (rows, positives) = (500usize, 200usize);
    let (acc_a, acc_b) = ([0.85, 0.80], [0.88, 0.85]); // by class 0, 1
    let truth_delta = 0.6 * (acc_b[0] - acc_a[0]) + 0.4 * (acc_b[1] - acc_a[1]);
    let r = Resampling {
        resamples: 1000,
        seed: 7,
    };
    let sets = 1000;
    let mut covered = 0;
    for _ in 0..sets {
        let truth: Vec<u32> = (0..rows).map(|i| u32::from(i < positives)).collect();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for &t in &truth {
            let c = t as usize;
            let a_right = rng.uniform() < acc_a[c];
            // B copies A with probability ½, else draws with probability q
            // chosen so that P(B right) = acc_b: ½·acc_a + ½·q = acc_b.
            let q = 2.0 * acc_b[c] - acc_a[c];
            let b_right = if rng.uniform() < 0.5 {
                a_right
            } else {
                rng.uniform() < q
            };
            a.push(if a_right { t } else { 1 - t });
            b.push(if b_right { t } else { 1 - t });
        }
        let cells = PairedCells::from_rows(2, &truth, &a, &b);
        let iv = paired_matrix_bootstrap(&cells, &r, &[&accuracy])
            .remove(0)
            .unwrap();
        if iv.ci[0] <= truth_delta && truth_delta <= iv.ci[1] {
            covered += 1;
        }
    }
    assert!(
        (930..=970).contains(&covered),
        "covered {covered} of {sets}"
    );
}
