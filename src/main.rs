//! The `fitcheck` command line: the same core as the page, for terminals and CI.
//!
//! ```text
//! fitcheck counts --tp 85 --fn 15 --fp 10 --tn 90 [--beta 2] [--task misses_costly] [--json | --markdown]
//! ```
//! Bad arguments print one line to stderr and exit with status 2; never a panic.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args_os()));
}

/// The command line does not exist on wasm; the page uses `wasm.rs` instead.
#[cfg(target_arch = "wasm32")]
fn main() {}
