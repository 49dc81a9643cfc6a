//! What the malformed-input tests of every reader share: where a case's
//! bytes come from, running the binary on them, the bad-input contract
//! (status 2, nothing on stdout, exactly one line `error: <message>` on
//! stderr) and the check that every fixture of a reader's folder is used.
//! Included with `mod malformed_support;` (Cargo builds no test of its own
//! from a folder).

// Each test file uses only some of the helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// `tests/fixtures/malformed/<folder>` (`""` for the prediction files).
pub fn fixture_dir(folder: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .join(folder)
}

/// Where a case's bytes come from.
#[derive(Clone, Copy)]
pub enum Source {
    /// A file in the reader's fixture folder.
    File(&'static str),
    /// Bytes made by the test (binary, or too large to keep in git),
    /// written to a temporary file for the binary; the name says what they are.
    Made(&'static str, fn() -> Vec<u8>),
}

impl Source {
    /// The fixture's file name, or what made bytes are.
    pub fn name(&self) -> &'static str {
        match self {
            Source::File(name) | Source::Made(name, _) => name,
        }
    }

    /// The bytes.
    pub fn bytes(&self, folder: &str) -> Vec<u8> {
        match self {
            Source::File(name) => std::fs::read(fixture_dir(folder).join(name))
                .unwrap_or_else(|e| panic!("fixture {name}: {e}")),
            Source::Made(_, make) => make(),
        }
    }

    /// A path the binary can read: the fixture, or the made bytes written
    /// to a temporary file named `file_name` (the name shows in messages).
    pub fn path(&self, folder: &str, file_name: &str) -> String {
        match self {
            Source::File(name) => fixture_dir(folder)
                .join(name)
                .to_string_lossy()
                .into_owned(),
            Source::Made(what, make) => {
                let dir = std::env::temp_dir().join(format!(
                    "fitcheck-malformed-{}-{}",
                    std::process::id(),
                    what.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                ));
                std::fs::create_dir_all(&dir).expect("temporary folder");
                let path = dir.join(file_name);
                std::fs::write(&path, make()).expect("temporary file");
                path.to_string_lossy().into_owned()
            }
        }
    }
}

/// Runs `fitcheck <args>` with nothing on stdin.
pub fn fitcheck(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcheck"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the fitcheck binary runs")
}

/// The output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Checks the bad-input contract: status 2, empty stdout, and stderr
/// exactly `error: <message>` and a line break.
pub fn assert_rejected(out: &Output, message: &str, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: status; stderr {}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "", "{what}: stdout");
    assert_eq!(
        text(&out.stderr),
        format!("error: {message}\n"),
        "{what}: stderr"
    );
}

/// Checks that the binary succeeded with nothing on stderr; returns stdout.
pub fn accepted(out: &Output, what: &str) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: stderr {}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stderr), "", "{what}: stderr");
    text(&out.stdout)
}

/// Fails naming every file of the folder that no case uses.
pub fn assert_every_fixture_used(folder: &str, used: &[&str]) {
    let mut unused = Vec::new();
    for entry in std::fs::read_dir(fixture_dir(folder)).expect("fixture folder") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("file type").is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !used.contains(&name.as_str()) {
            unused.push(name);
        }
    }
    assert!(
        unused.is_empty(),
        "fixtures in {folder:?} no case uses: {unused:?}"
    );
}

/// The messages shared by every reader.
pub const UTF16: &str = "Excel calls it \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\" in Excel, or convert it (for example iconv -f UTF-16 -t UTF-8), then load it again";
/// The start of the zero-byte message.
pub const BINARY: &str = "this looks like a binary file, not CSV text";
/// What the invalid UTF-8 message of a cell ends with.
pub const SAVE_AS_UTF8: &str =
    "is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")";

/// UTF-16 little-endian text with a byte order mark.
pub fn utf16_le_bom(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b
}

/// UTF-16 big-endian text with a byte order mark.
pub fn utf16_be_bom(text: &str) -> Vec<u8> {
    let mut b = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    b
}

/// A header then one line of 1 MiB (1,048,576 bytes) of `x`, no line break.
pub fn one_mib_line(header: &str) -> Vec<u8> {
    let mut b = header.as_bytes().to_vec();
    b.extend(std::iter::repeat_n(b'x', 1 << 20));
    b
}

/// A header of 10,000 columns named `c1` … `c10000`, then two rows of `0`/`1`.
pub fn ten_thousand_columns(first: &str) -> Vec<u8> {
    let mut header: Vec<String> = (1..=10_000).map(|i| format!("c{i}")).collect();
    header[0] = first.to_string();
    let mut s = header.join(",");
    s.push('\n');
    for row in 0..2 {
        let cells: Vec<String> = (0..10_000).map(|i| ((i + row) % 2).to_string()).collect();
        s.push_str(&cells.join(","));
        s.push('\n');
    }
    s.into_bytes()
}
