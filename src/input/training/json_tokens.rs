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
//! Why not a crate: `json5` reads these tokens but is a PEG parser several
//! times slower than serde_json and reads much that is not JSON (comments,
//! single quotes, trailing commas); no maintained serde_json option or fork
//! reads them. This is one pass, skipped entirely (no copy) when the bytes
//! `NaN` and `Infinity` appear nowhere.

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
    // Containers open at this point: true for an object, false for an array.
    let mut objects: Vec<bool> = Vec::new();
    // Whether the next token is a value (not an object key).
    let mut value_next = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                i = string_end(bytes, i + 1);
                value_next = false;
                continue;
            }
            b'{' => {
                objects.push(true);
                value_next = false;
            }
            b'[' => {
                objects.push(false);
                value_next = true;
            }
            b'}' | b']' => {
                objects.pop();
                value_next = false;
            }
            b':' => value_next = true,
            b',' => value_next = objects.last() != Some(&true),
            b'N' | b'I' | b'-' if value_next => {
                let replacement: Option<(&[u8], &[u8])> = [
                    (&b"NaN"[..], &b"\"N\""[..]),
                    (b"Infinity", b"\"I\"     "),
                    (b"-Infinity", b"\"-I\"     "),
                ]
                .into_iter()
                .find(|(token, _)| {
                    bytes[i..].starts_with(token)
                        && !bytes
                            .get(i + token.len())
                            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
                });
                if let Some((token, with)) = replacement {
                    let buf = out.get_or_insert_with(|| bytes.to_vec());
                    buf[i..i + token.len()].copy_from_slice(with);
                    i += token.len();
                    value_next = false;
                    continue;
                }
                value_next = false;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => value_next = false,
        }
        i += 1;
    }
    match out {
        Some(buf) => (Cow::Owned(buf), true),
        None => (Cow::Borrowed(bytes), false),
    }
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
