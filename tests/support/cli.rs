//! Running the `fitcheck` binary from the CLI tests: the command, files
//! written for a test, and the contract for bad input (status 2, nothing on
//! stdout, one line on stderr).

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `fitcheck` with these arguments.
pub fn fitcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcheck"))
        .args(args)
        .output()
        .expect("the fitcheck binary runs")
}

/// Writes `text` to `name` in a temporary directory of the test `test`
/// (unique per process) and returns its path.
pub fn file(test: &str, name: &str, text: &str) -> String {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("fitcheck-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Checks the bad-input contract and that stderr says `has`.
pub fn rejected(out: &Output, has: &str) {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(has), "{err:?} lacks {has:?}");
}
