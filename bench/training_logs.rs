//! Benchmark: how fast training logs of a million points load.
//!
//! Run it with
//!
//! ```text
//! cargo bench --bench training_logs
//! ```
//!
//! (a `[[bench]]` target without the test harness: `main` runs once, in the
//! release profile). It prints figures and asserts only the point counts
//! (machines differ). For each format it builds a log of 1,000,000 points in
//! memory and times `read_log` (best of 3), with the file's size:
//!
//! * plain CSV: 500,000 rows `step,loss,val_loss`;
//! * Lightning `metrics.csv`: 1,000,000 rows, each filling one of
//!   `train_loss_step` / `val_loss` (the other cell empty), plus `epoch`;
//! * Keras `CSVLogger`: 250,000 epochs × 4 metrics;
//! * TensorBoard export: 1,000,000 rows `Wall time,Step,Value`;
//! * HF `trainer_state.json` (indent 2, sorted keys, as the Trainer writes
//!   it): 250,000 training entries (`grad_norm`, `learning_rate`, `loss`)
//!   and 50,000 evaluation entries (`eval_accuracy`, `eval_loss`,
//!   `eval_runtime`, `eval_samples_per_second`, `eval_steps_per_second`);
//!   once without and once with Python's bare `NaN` tokens (the copy that
//!   replaces them).

use fitcheck::input::training::read_log;
use std::fmt::Write;
use std::time::Instant;

fn time(name: &str, bytes: &[u8], expect_points: usize) {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let log = read_log(name, bytes).expect(name);
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(log.points(), expect_points, "{name}");
        best = best.min(secs);
    }
    println!(
        "{name:<32} {:>7.1} MB  {:>7.1} ms  ({:.0} MB/s)",
        bytes.len() as f64 / 1e6,
        best * 1e3,
        bytes.len() as f64 / 1e6 / best
    );
}

fn loss(i: u64) -> f64 {
    2.0 / (1.0 + i as f64 / 1000.0) + (i % 13) as f64 * 1e-3
}

fn main() {
    let mut plain = String::from("step,loss,val_loss\n");
    for i in 0..500_000u64 {
        writeln!(plain, "{i},{},{}", loss(i), loss(i) + 0.1).unwrap();
    }
    time("plain csv (step)", plain.as_bytes(), 1_000_000);

    let mut lightning = String::from("epoch,step,train_loss_step,val_loss\r\n");
    for i in 0..1_000_000u64 {
        let e = i / 10_000;
        if i % 5 == 4 {
            write!(lightning, "{e},{i},,{}\r\n", loss(i) + 0.1).unwrap();
        } else {
            write!(lightning, "{e},{i},{},\r\n", loss(i)).unwrap();
        }
    }
    time("lightning metrics.csv", lightning.as_bytes(), 1_000_000);

    let mut keras = String::from("epoch,accuracy,loss,val_accuracy,val_loss\r\n");
    for e in 0..250_000u64 {
        let l = loss(e);
        write!(
            keras,
            "{e},{},{l},{},{}\r\n",
            1.0 - l / 3.0,
            1.0 - l / 2.5,
            l + 0.1
        )
        .unwrap();
    }
    time("keras csv", keras.as_bytes(), 1_000_000);

    let mut tb = String::from("Wall time,Step,Value\r\n");
    for i in 0..1_000_000u64 {
        write!(
            tb,
            "{},{i},{}\r\n",
            1_700_000_000.0 + i as f64 * 0.125,
            loss(i)
        )
        .unwrap();
    }
    time("run-train-tag-loss.csv", tb.as_bytes(), 1_000_000);

    for with_nan in [false, true] {
        let mut hf = String::from("{\n  \"best_metric\": 0.5,\n  \"log_history\": [\n");
        for i in 1..=250_000u64 {
            let l = if with_nan && i % 1000 == 0 {
                "NaN".to_string()
            } else {
                loss(i).to_string()
            };
            write!(
                hf,
                "    {{\n      \"epoch\": {},\n      \"grad_norm\": {},\n      \"learning_rate\": {},\n      \"loss\": {l},\n      \"step\": {}\n    }},\n",
                i as f64 / 1000.0,
                1.0 + (i % 7) as f64 / 3.0,
                5e-5 * (1.0 - i as f64 / 250_001.0),
                i * 4
            )
            .unwrap();
            if i % 5 == 0 {
                write!(
                    hf,
                    "    {{\n      \"epoch\": {},\n      \"eval_accuracy\": {},\n      \"eval_loss\": {},\n      \"eval_runtime\": 1.2345,\n      \"eval_samples_per_second\": 207.4,\n      \"eval_steps_per_second\": 25.92,\n      \"step\": {}\n    }},\n",
                    i as f64 / 1000.0,
                    1.0 - loss(i) / 3.0,
                    loss(i) + 0.1,
                    i * 4
                )
                .unwrap();
            }
        }
        hf.truncate(hf.len() - 2);
        hf.push_str("\n  ],\n  \"logging_steps\": 4\n}\n");
        let name = if with_nan {
            "trainer_state.json (NaN tokens)"
        } else {
            "trainer_state.json"
        };
        time(name, hf.as_bytes(), 1_000_000);
    }
}
