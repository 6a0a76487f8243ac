//! Standard base64 (RFC 4648, `+/` with `=` padding) as PEM bodies use it, decoded with the position of the
//! first offending character, so a reader can point at it.

/// Why a body did not decode, and the byte offset (into the input given to [`decode`]) where it went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset into the input of the offending character, or its length for a truncated body.
    pub offset: usize,
    /// What is wrong, lower-case.
    pub message: String,
}

fn value(byte: u8) -> Option<u32> {
    match byte {
        b'A'..=b'Z' => Some(u32::from(byte - b'A')),
        b'a'..=b'z' => Some(u32::from(byte - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(byte - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes base64 text, skipping ASCII white space (line breaks, and the indentation some tools add).
pub fn decode(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut quad = 0u32;
    let mut count = 0usize;
    let mut padding = 0usize;
    for (offset, &byte) in input.iter().enumerate() {
        if byte.is_ascii_whitespace() {
            continue;
        }
        if byte == b'=' {
            if count % 4 < 2 {
                return Err(DecodeError {
                    offset,
                    message: "misplaced `=` padding".into(),
                });
            }
            padding += 1;
            count += 1;
            quad <<= 6;
            if count.is_multiple_of(4) {
                push_group(&mut out, quad, padding);
                quad = 0;
            }
            continue;
        }
        let Some(bits) = value(byte) else {
            return Err(DecodeError {
                offset,
                message: format!(
                    "`{}` is not a base64 character",
                    char::from(byte).escape_default()
                ),
            });
        };
        if padding > 0 {
            return Err(DecodeError {
                offset,
                message: "base64 data after `=` padding".into(),
            });
        }
        quad = (quad << 6) | bits;
        count += 1;
        if count.is_multiple_of(4) {
            push_group(&mut out, quad, 0);
            quad = 0;
        }
    }
    if !count.is_multiple_of(4) {
        return Err(DecodeError {
            offset: input.len(),
            message: "the base64 body is truncated (its length is not a multiple of 4)".into(),
        });
    }
    Ok(out)
}

fn push_group(out: &mut Vec<u8>, quad: u32, padding: usize) {
    let bytes = [(quad >> 16) as u8, (quad >> 8) as u8, quad as u8];
    out.extend_from_slice(&bytes[..3 - padding.min(2)]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_with_line_breaks_and_padding() {
        assert_eq!(decode(b"aGVs\nbG8=\n").expect("valid"), b"hello");
        assert_eq!(decode(b"aGk=").expect("valid"), b"hi");
        assert_eq!(decode(b"aA==").expect("valid"), b"h");
        assert_eq!(decode(b"").expect("valid"), b"");
    }

    #[test]
    fn reports_where_it_fails() {
        assert_eq!(decode(b"aGVs*G8=").expect_err("bad char").offset, 4);
        assert_eq!(decode(b"aGVsbG8").expect_err("truncated").offset, 7);
        assert_eq!(decode(b"a===").expect_err("early padding").offset, 1);
        assert_eq!(
            decode(b"aGk=aGk=").expect_err("data after padding").offset,
            4
        );
    }
}
