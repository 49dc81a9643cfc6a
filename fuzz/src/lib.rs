//! Helpers shared by the fuzz targets: how an input is cut into chunks,
//! how many lines a file has, and the invariants every reader is held to
//! (an error's line lies inside the file; a report holds no NaN or
//! infinity). Each check panics with what it found, so libFuzzer saves the
//! input as a crash.

use fitcheck::Error;
use serde::Serialize;
use serde_value::Value;

/// SplitMix64, the small generator tests/support uses: chunk sizes are a
/// function of the input, so a crash replays exactly.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Chunk sizes covering `len` bytes, drawn from `seed`: the largest chunk
/// is one of 1, 2, 7, 64, 4096 or 70,000 bytes (the seed's low bits pick
/// it), each chunk 1..=that.
pub fn chunk_sizes(seed: u64, len: usize) -> Vec<usize> {
    const MAX: [usize; 6] = [1, 2, 7, 64, 4096, 70_000];
    let max = MAX[(seed % MAX.len() as u64) as usize];
    let mut rng = SplitMix64::new(seed);
    let mut sizes = Vec::new();
    let mut left = len;
    while left > 0 {
        let s = ((rng.next_u64() % max as u64) as usize + 1).min(left);
        sizes.push(s);
        left -= s;
    }
    sizes
}

/// The chunks of `bytes` with these sizes.
pub fn chunks<'a>(bytes: &'a [u8], sizes: &'a [usize]) -> impl Iterator<Item = &'a [u8]> + 'a {
    sizes.iter().scan(0usize, move |at, &s| {
        let chunk = &bytes[*at..*at + s];
        *at += s;
        Some(chunk)
    })
}

/// Lines of a file as the readers count them: LF, CRLF and a lone CR each
/// end a line; a file with no line end has one line.
pub fn line_count(bytes: &[u8]) -> u64 {
    let mut lines = 1;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines += 1;
        }
    }
    lines
}

/// Every line an error names lies inside the file: 1..=lines + 1 (one
/// past the last line is where a file that ends without a line end is
/// said to end).
pub fn check_error_line(error: &Error, bytes: &[u8]) {
    check_line_in(error.line(), bytes, error);
}

/// `line`, if any, lies in 1..=line_count(bytes) + 1.
pub fn check_line_in(line: Option<u64>, bytes: &[u8], error: &Error) {
    if let Some(line) = line {
        let lines = line_count(bytes);
        assert!(
            (1..=lines + 1).contains(&line),
            "error at line {line}, but the input has {lines} lines: {error}"
        );
    }
    assert!(!error.to_string().is_empty(), "an error without words");
}

/// Serialises `report` and checks that no f64 or f32 in it is NaN or
/// infinite. A JSON report writes such a number as `null`, which the page
/// reads as "undefined" and a person never sees as NaN; but the report's
/// types say where `null` is allowed (an `Option`), so a non-finite value
/// in a plain number field is a bug that serde_json would hide. The check
/// walks the Rust values themselves (serde-value keeps them), so it sees
/// exactly the numbers that would have been written.
pub fn check_finite<T: Serialize>(report: &T) {
    let value = serde_value::to_value(report).expect("a report serialises");
    let mut path = Vec::new();
    walk(&value, &mut path);
}

fn walk(value: &Value, path: &mut Vec<String>) {
    match value {
        Value::F64(f) => assert!(f.is_finite(), "{f} at {}", path.join(".")),
        Value::F32(f) => assert!(f.is_finite(), "{f} at {}", path.join(".")),
        Value::Option(Some(v)) | Value::Newtype(v) => walk(v, path),
        Value::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(v, path);
                path.pop();
            }
        }
        Value::Map(map) => {
            for (k, v) in map {
                let name = match k {
                    Value::String(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                path.push(name);
                walk(k, path);
                walk(v, path);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The input split in two for targets that read two files: its first two
/// bytes (little-endian) give the first file's length, taken modulo the
/// rest's length + 1 so every value splits somewhere.
pub fn split_two(data: &[u8]) -> (&[u8], &[u8]) {
    if data.len() < 2 {
        return (data, &[]);
    }
    let rest = &data[2..];
    let at = u16::from_le_bytes([data[0], data[1]]) as usize;
    let at = if rest.is_empty() {
        0
    } else {
        at % (rest.len() + 1)
    };
    rest.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Numbers {
        plain: f64,
        undefined: Option<f64>,
        list: Vec<f64>,
    }

    #[test]
    fn finite_numbers_and_none_pass() {
        check_finite(&Numbers {
            plain: 0.5,
            undefined: None,
            list: vec![1.0, -2.0],
        });
    }

    #[test]
    #[should_panic(expected = "NaN at list.1")]
    fn a_nan_in_a_list_is_found_with_its_place() {
        check_finite(&Numbers {
            plain: 0.5,
            undefined: None,
            list: vec![1.0, f64::NAN],
        });
    }

    #[test]
    #[should_panic(expected = "inf at undefined")]
    fn an_infinity_in_an_option_is_found() {
        check_finite(&Numbers {
            plain: 0.5,
            undefined: Some(f64::INFINITY),
            list: vec![],
        });
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        assert_eq!(line_count(b""), 1);
        assert_eq!(line_count(b"a\r\nb\rc\nd"), 4);
        assert_eq!(line_count(b"a\n"), 2);
    }

    #[test]
    fn chunks_cover_the_input_in_order() {
        let bytes: Vec<u8> = (0..=255).collect();
        for seed in 0..12 {
            let sizes = chunk_sizes(seed, bytes.len());
            assert_eq!(sizes.iter().sum::<usize>(), bytes.len());
            assert_eq!(chunks(&bytes, &sizes).collect::<Vec<_>>().concat(), bytes);
        }
    }

    #[test]
    fn two_files_split_where_the_first_two_bytes_say() {
        assert_eq!(split_two(b"\x02\x00abcd"), (&b"ab"[..], &b"cd"[..]));
        // 65535 modulo (2 + 1) is 0: everything goes to the second file.
        assert_eq!(split_two(b"\xff\xffab"), (&b""[..], &b"ab"[..]));
    }
}
