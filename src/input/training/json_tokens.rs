//! Python's bare non-finite JSON tokens.
//!
//! `json.dumps` (and so the HF Trainer) writes `float('nan')` as `NaN` and
//! infinities as `Infinity` / `-Infinity`, which JSON forbids and serde_json
//! rejects. Before parsing, each such token in a value position outside
//! strings is replaced by a string token of the same length — `NaN` →
//! `"N"`, `Infinity` → `"I"` and five spaces, `-Infinity` → `"-I"` and five
//! spaces — so every byte keeps its place and serde_json's error positions
//! (line, column) are those of the original file. The reader then takes
//! those three strings as non-finite numbers where it expects a number,
//! and only when a substitution was made (a file without bare tokens keeps
//! its strings as strings).
//!
//! Why not a crate: serde_json has no option for these tokens, and `json5`,
//! which reads them, also accepts what is not JSON (comments, single
//! quotes, trailing commas), so a malformed trainer_state.json would pass
//! unreported. This pass costs little: none at all (no copy) when the
//! bytes `NaN` and `Infinity` appear nowhere; otherwise one copy and memchr
//! jumps between quotes and token starts — about 70 ms more on a 55 MB
//! trainer_state.json of a million points (`cargo bench --bench
//! training_logs`: 376 ms without bare tokens, 448 ms with).

use std::borrow::Cow;

/// The string a bare `NaN` becomes.
pub const NAN_TOKEN: &str = "N";
/// The string a bare `Infinity` becomes.
pub const INFINITY_TOKEN: &str = "I";
/// The string a bare `-Infinity` becomes.
pub const NEG_INFINITY_TOKEN: &str = "-I";

/// The bytes with bare `NaN`, `Infinity` and `-Infinity` replaced (see the
/// module doc), and whether any was. Borrowed when there is none.
///
/// ```
/// use fitcheck::input::training::json_tokens::substitute_non_finite;
/// let (text, changed) = substitute_non_finite(br#"{"a": [NaN, -Infinity], "NaN": 1}"#);
/// assert!(changed);
/// assert_eq!(&*text, br#"{"a": ["N", "-I"     ], "NaN": 1}"#);
/// ```
pub fn substitute_non_finite(bytes: &[u8]) -> (Cow<'_, [u8]>, bool) {
    if memchr::memmem::find(bytes, b"NaN").is_none()
        && memchr::memmem::find(bytes, b"Infinity").is_none()
    {
        return (Cow::Borrowed(bytes), false);
    }
    let mut out: Option<Vec<u8>> = None;
    // Jump from one quote or token start to the next: strings are skipped
    // whole (memchr for their end), and outside strings `N` and `I` appear
    // only in these tokens (or in invalid JSON), so the jumps are long.
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'"', b'N', b'I', &bytes[i..]) {
        let at = i + k;
        if bytes[at] == b'"' {
            i = string_end(bytes, at + 1);
            continue;
        }
        // `-Infinity` starts at its minus sign.
        let start = if bytes[at] == b'I' && at > 0 && bytes[at - 1] == b'-' {
            at - 1
        } else {
            at
        };
        let found = TOKENS.iter().find(|(token, _)| {
            bytes[start..].starts_with(token)
                && !bytes
                    .get(start + token.len())
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
        });
        match found {
            Some((token, with)) if is_value_place(bytes, start, start + token.len()) => {
                let buf = out.get_or_insert_with(|| bytes.to_vec());
                buf[start..start + token.len()].copy_from_slice(with);
                i = start + token.len();
            }
            Some((token, _)) => i = start + token.len(),
            None => i = at + 1,
        }
    }
    match out {
        Some(buf) => (Cow::Owned(buf), true),
        None => (Cow::Borrowed(bytes), false),
    }
}

/// Each token and its same-length replacement.
const TOKENS: [(&[u8], &[u8]); 3] = [
    (b"NaN", b"\"N\""),
    (b"Infinity", b"\"I\"     "),
    (b"-Infinity", b"\"-I\"     "),
];

/// Whether the token at `start..end` stands where a value does: after
/// `:`, `[` or `,` (or at the start), and not before `:` (a key after `,`).
/// Outside that, it is left as it is for serde_json to report.
fn is_value_place(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = bytes[..start]
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace());
    let after = bytes[end..].iter().find(|b| !b.is_ascii_whitespace());
    matches!(before, None | Some(b':' | b'[' | b',')) && after != Some(&b':')
}

/// The index just past the string whose content starts at `start`
/// (escapes skipped), or the end of the input for an unclosed string.
fn string_end(bytes: &[u8], mut start: usize) -> usize {
    loop {
        match memchr::memchr2(b'"', b'\\', &bytes[start..]) {
            None => return bytes.len(),
            Some(k) if bytes[start + k] == b'"' => return start + k + 1,
            Some(k) => start += k + 2,
        }
        if start >= bytes.len() {
            return bytes.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(text: &str) -> (String, bool) {
        let (out, changed) = substitute_non_finite(text.as_bytes());
        (String::from_utf8(out.into_owned()).unwrap(), changed)
    }

    #[test]
    fn tokens_in_value_places_only() {
        assert_eq!(sub("NaN"), ("\"N\"".into(), true));
        assert_eq!(
            sub("[1,NaN,Infinity]"),
            ("[1,\"N\",\"I\"     ]".into(), true)
        );
        assert_eq!(
            sub("{\"x\":-Infinity}"),
            ("{\"x\":\"-I\"     }".into(), true)
        );
        // Inside strings, as keys, or part of a longer word: left alone.
        assert!(!sub("{\"NaN\": \"Infinity\"}").1);
        assert!(!sub("{NaN: 1}").1);
        assert!(!sub("{\"a\": 1, NaN: 2}").1);
        assert!(!sub("[NaNa, Infinity2]").1);
        assert!(!sub("[\"a\\\"NaN\"]").1);
        // A key after a nested value is still a key.
        assert!(!sub("{\"a\": [1], NaN: 1}").1);
        assert_eq!(
            sub("{\"a\": {\"b\": NaN}, \"c\": NaN}").0,
            "{\"a\": {\"b\": \"N\"}, \"c\": \"N\"}"
        );
    }

    #[test]
    fn lengths_kept() {
        for text in ["[NaN]", "[Infinity, -Infinity]", "{\"a\":\n  NaN}"] {
            assert_eq!(sub(text).0.len(), text.len());
        }
    }
}
