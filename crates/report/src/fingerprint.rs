//! SARIF `partialFingerprints["shiplint/v1"]`: an identity for a finding that survives edits elsewhere in the
//! file, so code scanning keeps one alert open instead of closing and reopening it when lines move.
//!
//! The key is the rule code, the path, the text of the primary span's lines and the span's own text, with
//! runs of white space collapsed (so re-indenting or CRLF/LF changes keep the identity). Line and column
//! numbers are deliberately left out. Findings with identical keys are told apart by an occurrence counter
//! in report order. The hash is FNV-1a 64, written here because it must be the same on every run, platform
//! and Rust version (std's hasher is randomly seeded).
//!
//! The baseline file (`--baseline`) matches findings by the same identity, computed with the path relative
//! to the baseline's directory ([`Fingerprints::next_at`]) so it does not depend on the working directory.

use crate::location::{file_of, line_text};
use shiplint_lint::Finding;
use shiplint_syntax::SourceFile;
use std::collections::BTreeMap;

/// The `partialFingerprints` key; its suffix is bumped if the key ever changes, so old alerts are not
/// matched against a different identity.
pub const KEY: &str = "shiplint/v1";

/// Hands out fingerprints for the findings of one report, in order.
#[derive(Debug, Default)]
pub struct Fingerprints {
    seen: BTreeMap<u64, u32>,
}

impl Fingerprints {
    /// The fingerprint of the next finding (call once per finding, in report order), keyed by the path
    /// the report shows.
    pub fn next(&mut self, files: &[SourceFile], finding: &Finding) -> String {
        let path = file_of(files, finding.span).map_or("", |file| file.path.as_str());
        self.next_at(path, files, finding)
    }

    /// [`Fingerprints::next`] with `path` standing for the finding's file in the key (the baseline uses a
    /// path relative to its own directory). Use one `Fingerprints` per way of naming paths.
    pub fn next_at(&mut self, path: &str, files: &[SourceFile], finding: &Finding) -> String {
        let mut key = Fnv1a64::new();
        key.write(finding.rule.code.as_bytes());
        key.write(&[0]);
        if let Some(file) = file_of(files, finding.span) {
            key.write(path.as_bytes());
            key.write(&[0]);
            write_normalized(&mut key, line_text(file, finding.span));
            key.write(&[0]);
            write_normalized(&mut key, finding.span.text(&file.text));
        }
        let key = key.finish();
        let occurrence = self.seen.entry(key).or_insert(0);
        *occurrence += 1;

        let mut hash = Fnv1a64::new();
        hash.write(&key.to_le_bytes());
        hash.write(&occurrence.to_le_bytes());
        format!("{:016x}", hash.finish())
    }
}

/// Feeds `text` with every run of white space turned into one space and none at either end.
fn write_normalized(hash: &mut Fnv1a64, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hash.write(b" ");
        }
        hash.write(word.as_bytes());
    }
}

/// The 64-bit FNV-1a hash.
struct Fnv1a64(u64);

impl Fnv1a64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a64(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fnv(bytes: &[u8]) -> u64 {
        let mut hash = Fnv1a64::new();
        hash.write(bytes);
        hash.finish()
    }

    #[test]
    fn matches_the_published_fnv1a64_vectors() {
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn normalizing_ignores_indentation_and_line_endings() {
        let mut a = Fnv1a64::new();
        write_normalized(&mut a, "  RUN  make \\\r\n\tall");
        let mut b = Fnv1a64::new();
        write_normalized(&mut b, "RUN make \\\n all ");
        assert_eq!(a.finish(), b.finish());
    }
}
