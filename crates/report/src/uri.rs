//! Turning display paths into SARIF artifact URIs.
//!
//! Paths under the working directory are shown relative and become relative URI references resolved against
//! `%SRCROOT%`; other paths are absolute and become `file:` URIs. Every byte outside the RFC 3986 unreserved
//! set and `/` is percent-encoded, so spaces, `#`, `?`, `%` and a `:` in a first segment (which would read
//! as a scheme) cannot change the meaning of the reference.

/// A display path as a URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ArtifactUri {
    /// A relative reference, to be resolved against `%SRCROOT%`.
    Relative(String),
    /// An absolute `file:` URI.
    Absolute(String),
}

/// The URI of `path` (`/`-separated as in `SourceFile::path`; a Windows drive path may use `\`).
pub(crate) fn artifact_uri(path: &str) -> ArtifactUri {
    if let Some((drive, rest)) = windows_drive(path) {
        let rest = rest.replace('\\', "/");
        return ArtifactUri::Absolute(format!("file:///{drive}:{}", encode(&rest)));
    }
    if let Some(unc) = path.strip_prefix("//") {
        // `//server/share/...`: the server is the URI's authority.
        return ArtifactUri::Absolute(format!("file://{}", encode(unc)));
    }
    if path.starts_with('/') {
        return ArtifactUri::Absolute(format!("file://{}", encode(path)));
    }
    ArtifactUri::Relative(encode(path))
}

/// The `file:` URI of an absolute directory, ending in `/` as SARIF requires of base URIs; `None` when
/// `dir` is not absolute.
pub(crate) fn directory_uri(dir: &str) -> Option<String> {
    match artifact_uri(dir) {
        ArtifactUri::Absolute(mut uri) => {
            if !uri.ends_with('/') {
                uri.push('/');
            }
            Some(uri)
        }
        ArtifactUri::Relative(_) => None,
    }
}

/// `C:/...` or `C:\...`: the drive letter and the rest, starting at the separator.
fn windows_drive(path: &str) -> Option<(char, &str)> {
    let mut chars = path.chars();
    let drive = chars.next().filter(char::is_ascii_alphabetic)?;
    let rest = chars.as_str().strip_prefix(':')?;
    rest.starts_with(['/', '\\']).then_some((drive, rest))
}

fn encode(path: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relative(s: &str) -> ArtifactUri {
        ArtifactUri::Relative(s.to_string())
    }

    fn absolute(s: &str) -> ArtifactUri {
        ArtifactUri::Absolute(s.to_string())
    }

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        assert_eq!(
            artifact_uri("deploy/Dockerfile"),
            relative("deploy/Dockerfile")
        );
        assert_eq!(
            artifact_uri("my app/nginx.conf"),
            relative("my%20app/nginx.conf")
        );
        assert_eq!(artifact_uri("a:b/#x?%"), relative("a%3Ab/%23x%3F%25"));
        assert_eq!(artifact_uri("é.pem"), relative("%C3%A9.pem"));
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(
            artifact_uri("/srv/my app/x"),
            absolute("file:///srv/my%20app/x")
        );
        assert_eq!(artifact_uri("C:\\srv\\x"), absolute("file:///C:/srv/x"));
        assert_eq!(artifact_uri("d:/x y"), absolute("file:///d:/x%20y"));
        assert_eq!(
            artifact_uri("//host/share/x"),
            absolute("file://host/share/x")
        );
    }

    #[test]
    fn directory_uris_end_in_a_slash() {
        assert_eq!(
            directory_uri("/srv/app").as_deref(),
            Some("file:///srv/app/")
        );
        assert_eq!(directory_uri("/").as_deref(), Some("file:///"));
        assert_eq!(directory_uri("app"), None);
    }
}
