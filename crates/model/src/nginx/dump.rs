//! `nginx -T` output: the files of a live server's configuration, each after a
//! `# configuration file PATH:` line, to be checked under their original paths.

use super::NginxVersion;

/// The files and the version an `nginx -T` (optionally preceded by `nginx -V`) output holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NginxDump {
    /// The version from an `nginx version: nginx/X.Y.Z` line before the first file, if any.
    pub version: Option<NginxVersion>,
    /// `(original path, contents)` in the order nginx printed them; the first is the main configuration.
    pub files: Vec<(String, String)>,
}

const MARKER: &str = "# configuration file ";

/// Splits `nginx -T` output at its file markers. nginx prints each file's bytes followed by one newline of
/// its own, which is removed. A path printed twice keeps its first contents.
pub fn split_dump(text: &str) -> NginxDump {
    let mut dump = NginxDump::default();
    let mut current: Option<(String, usize)> = None;
    let mut offset = 0;
    let mut header_end = text.len();
    let finish = |dump: &mut NginxDump, current: Option<(String, usize)>, end: usize| {
        if let Some((path, start)) = current {
            let body = text.get(start..end).unwrap_or("");
            let body = body.strip_suffix('\n').unwrap_or(body);
            if !dump.files.iter().any(|(p, _)| *p == path) {
                dump.files.push((path, body.to_string()));
            }
        }
    };
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if let Some(path) = trimmed
            .strip_prefix(MARKER)
            .and_then(|rest| rest.strip_suffix(':'))
        {
            header_end = header_end.min(start);
            finish(&mut dump, current.take(), start);
            current = Some((path.to_string(), offset));
        }
    }
    finish(&mut dump, current, text.len());
    dump.version = NginxVersion::from_banner(text.get(..header_end).unwrap_or(""));
    dump
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_markers_and_reads_the_version() {
        let text = "nginx version: nginx/1.22.1\n# configuration file /etc/nginx/nginx.conf:\nhttp {\n  include mime.types;\n}\n\n# configuration file /etc/nginx/mime.types:\ntypes {}\n\n";
        let dump = split_dump(text);
        assert_eq!(dump.version, Some(NginxVersion::new(1, 22, 1)));
        assert_eq!(
            dump.files,
            [
                (
                    "/etc/nginx/nginx.conf".to_string(),
                    "http {\n  include mime.types;\n}\n".to_string()
                ),
                (
                    "/etc/nginx/mime.types".to_string(),
                    "types {}\n".to_string()
                ),
            ]
        );
        assert!(split_dump("no markers\n").files.is_empty());
    }
}
