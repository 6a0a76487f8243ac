//! Image references (`registry/name:tag@digest`) as written in FROM and `COPY --from`.

use shiplint_syntax::Span;

/// An image reference, after ARG substitution, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The text as written (`golang:${GO_VERSION}-alpine`).
    pub raw: String,
    /// The text after substitution (`golang:1.22-alpine`).
    pub resolved: String,
    /// The registry host, when the first path component names one (`ghcr.io`, `localhost:5000`).
    pub registry: Option<String>,
    /// The repository path without registry, lower-cased (`library/golang`, `golang`, `dotnet/sdk`).
    pub name: String,
    /// The tag, if any.
    pub tag: Option<String>,
    /// The digest (`sha256:…`), if any.
    pub digest: Option<String>,
    /// A variable had no value: the parts may not be what the build uses.
    pub unresolved: bool,
    /// Where the reference is written.
    pub span: Span,
}

impl ImageRef {
    /// Splits a resolved reference. `raw` is kept for messages.
    pub fn parse(raw: &str, resolved: &str, unresolved: bool, span: Span) -> ImageRef {
        let (rest, digest) = match resolved.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest.to_string())),
            None => (resolved, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, path))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), path)
            }
            _ => (None, rest),
        };
        let last_slash = path.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match path[last_slash..].rfind(':') {
            Some(colon) => (
                &path[..last_slash + colon],
                Some(path[last_slash + colon + 1..].to_string()),
            ),
            None => (path, None),
        };
        ImageRef {
            raw: raw.to_string(),
            resolved: resolved.to_string(),
            registry,
            name: name.to_ascii_lowercase(),
            tag,
            digest,
            unresolved,
            span,
        }
    }

    /// The last path component: `golang` for `docker.io/library/golang`, `sdk` for `dotnet/sdk`.
    pub fn base_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// The path without a Docker Hub `library/` prefix: `golang`, `dotnet/sdk`, `gcr.io/distroless/static`
    /// keeps its registry out (see [`ImageRef::registry`]).
    pub fn short_name(&self) -> &str {
        self.name.strip_prefix("library/").unwrap_or(&self.name)
    }

    /// Whether this is the empty `scratch` image.
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none() && self.name == "scratch"
    }

    /// The tag, or `latest` when none is written and there is no digest (what Docker pulls).
    pub fn effective_tag(&self) -> Option<&str> {
        match (&self.tag, &self.digest) {
            (Some(tag), _) => Some(tag),
            (None, None) => Some("latest"),
            (None, Some(_)) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ImageRef {
        ImageRef::parse(text, text, false, Span::default())
    }

    #[test]
    fn splits_registry_name_tag_digest() {
        let r = parse("ghcr.io/acme/api:1.2@sha256:abc");
        assert_eq!(r.registry.as_deref(), Some("ghcr.io"));
        assert_eq!(r.name, "acme/api");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        assert_eq!(r.base_name(), "api");
    }

    #[test]
    fn a_port_is_not_a_tag() {
        let r = parse("localhost:5000/app");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.name, "app");
        assert_eq!(r.tag, None);
        assert_eq!(r.effective_tag(), Some("latest"));
    }

    #[test]
    fn docker_hub_names() {
        let r = parse("library/golang:1.22-alpine");
        assert_eq!(r.short_name(), "golang");
        assert_eq!(r.tag.as_deref(), Some("1.22-alpine"));
        assert!(parse("scratch").is_scratch());
        assert_eq!(
            parse("mcr.microsoft.com/dotnet/sdk:8.0").short_name(),
            "dotnet/sdk"
        );
        assert_eq!(parse("alpine@sha256:abc").effective_tag(), None);
    }
}
