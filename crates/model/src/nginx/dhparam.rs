//! `ssl_dhparam` files: read through the [`Fs`] at link time and measured (the bit length of the prime), so
//! rules can tell a weak group from a strong one without doing I/O.

use crate::fs::Fs;
use shiplint_syntax::Span;
use std::path::Path;

/// One `ssl_dhparam` directive and what its file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DhParam {
    /// The path argument.
    pub span: Span,
    /// The path it was read from, as reports show it.
    pub path: String,
    /// The prime's size in bits, or why it could not be measured.
    pub bits: Result<u32, String>,
}

/// Reads and measures the DH parameters at `path`.
pub(crate) fn measure(fs: &dyn Fs, path: &Path) -> Result<u32, String> {
    let bytes = fs.read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN DH PARAMETERS-----"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    if body.is_empty() {
        return Err("no `BEGIN DH PARAMETERS` block".to_string());
    }
    let der = base64(&body).ok_or("invalid base64 in the PEM block")?;
    prime_bits(&der).ok_or_else(|| "not a DER DHParameter sequence".to_string())
}

fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// A DER length at `der[at..]`: (length, bytes used).
fn length(der: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *der.get(at)?;
    if first < 0x80 {
        return Some((usize::from(first), 1));
    }
    let count = usize::from(first & 0x7f);
    if count == 0 || count > 4 {
        return None;
    }
    let mut len = 0usize;
    for i in 0..count {
        len = (len << 8) | usize::from(*der.get(at + 1 + i)?);
    }
    Some((len, 1 + count))
}

/// `SEQUENCE { INTEGER p, INTEGER g, ... }`: the bit length of p.
fn prime_bits(der: &[u8]) -> Option<u32> {
    if *der.first()? != 0x30 {
        return None;
    }
    let (_, used) = length(der, 1)?;
    let at = 1 + used;
    if *der.get(at)? != 0x02 {
        return None;
    }
    let (len, used) = length(der, at + 1)?;
    let start = at + 1 + used;
    let integer = der.get(start..start + len)?;
    let significant: Vec<u8> = integer.iter().copied().skip_while(|b| *b == 0).collect();
    let first = *significant.first()?;
    Some((significant.len() as u32 - 1) * 8 + (8 - first.leading_zeros()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryFs;

    #[test]
    fn measures_the_prime() {
        // SEQUENCE { INTEGER 0x00 0xC5 0x01 (a 16-bit prime stand-in), INTEGER 2 }
        let der = [0x30, 0x08, 0x02, 0x03, 0x00, 0xC5, 0x01, 0x02, 0x01, 0x02];
        assert_eq!(prime_bits(&der), Some(16));
        let pem = "-----BEGIN DH PARAMETERS-----\nMAgCAwDFAQIBAg==\n-----END DH PARAMETERS-----\n";
        let mut fs = MemoryFs::new();
        fs.insert("/dh.pem", pem);
        fs.insert(
            "/cert.pem",
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
        );
        assert_eq!(measure(&fs, Path::new("/dh.pem")), Ok(16));
        assert!(measure(&fs, Path::new("/cert.pem")).is_err());
        assert!(measure(&fs, Path::new("/none.pem")).is_err());
    }
}
