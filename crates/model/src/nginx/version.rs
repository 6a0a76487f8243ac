//! nginx versions: parsed from `--nginx-version`, an image tag or an `nginx -V`/`-T` header, and compared to
//! pick the built-in defaults of that release.

use std::fmt;
use std::str::FromStr;

/// An nginx release, `major.minor.patch`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NginxVersion {
    /// Major number.
    pub major: u32,
    /// Minor number.
    pub minor: u32,
    /// Patch number (0 when not given).
    pub patch: u32,
}

impl NginxVersion {
    /// A version from its three numbers.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        NginxVersion {
            major,
            minor,
            patch,
        }
    }

    /// The version an `nginx -V` or `nginx -T` output announces (`nginx version: nginx/1.22.1`), if any.
    pub fn from_banner(text: &str) -> Option<Self> {
        text.lines().take(5).find_map(|line| {
            let rest = line.trim().strip_prefix("nginx version:")?;
            let version = rest.trim().split('/').nth(1)?;
            version.split_whitespace().next()?.parse().ok()
        })
    }

    /// nginx's built-in `ssl_protocols` in this release (nginx commits 7b24b93d6 and ebd18ec18).
    pub fn default_ssl_protocols(self) -> &'static [&'static str] {
        if self >= NginxVersion::new(1, 27, 3) {
            &["TLSv1.2", "TLSv1.3"]
        } else if self >= NginxVersion::new(1, 23, 4) {
            &["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
        } else {
            &["TLSv1", "TLSv1.1", "TLSv1.2"]
        }
    }

    /// Whether `add_header_inherit` exists (from 1.29.3).
    pub fn has_add_header_inherit(self) -> bool {
        self >= NginxVersion::new(1, 29, 3)
    }

    /// The version an nginx container image runs, read from its tag: `nginx:1.27.3`, `nginx:1.25-alpine`,
    /// `nginxinc/nginx-unprivileged:1.25`, `bitnami/nginx:1.26.2`. `None` when the image is not nginx,
    /// the tag names no version (`latest`, `stable`, `mainline`, no tag, a digest only), or the tag gives
    /// only `MAJOR.MINOR` and the built-in defaults this model knows change within that minor line (`1.27`
    /// may be 1.27.0 or 1.27.5): the version then stays unknown rather than guessed.
    pub fn from_image(image: &str) -> Option<Self> {
        let image = image.split('@').next().unwrap_or("");
        let last = image.rsplit('/').next().unwrap_or("");
        let (_, tag) = last.split_once(':')?;
        if !is_nginx_image(image) || !tag.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let version: NginxVersion = tag.parse().ok()?;
        let numbers = tag
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .next()
            .unwrap_or("");
        if numbers.split('.').filter(|p| !p.is_empty()).count() == 3 {
            return Some(version);
        }
        let last_patch = NginxVersion {
            patch: u32::MAX,
            ..version
        };
        let same = version.default_ssl_protocols() == last_patch.default_ssl_protocols()
            && version.has_add_header_inherit() == last_patch.has_add_header_inherit();
        same.then_some(version)
    }
}

/// Whether a container image is nginx itself (`nginx`, `nginx:1.25-alpine`, `bitnami/nginx:1.26`,
/// `nginxinc/nginx-unprivileged`, with or without a registry, tag or digest): the image whose `nginx` reads
/// the configuration files a compose service mounts into it.
pub fn is_nginx_image(image: &str) -> bool {
    let image = image.split('@').next().unwrap_or("");
    let last = image.rsplit('/').next().unwrap_or("");
    let name = last.split_once(':').map_or(last, |(name, _)| name);
    matches!(name, "nginx" | "nginx-unprivileged")
}

impl FromStr for NginxVersion {
    type Err = String;

    /// `1.25`, `1.25.3`, also with a suffix after the numbers (`1.25.3-alpine`, `1.25-bookworm`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let numeric: String = s
            .trim()
            .trim_start_matches('v')
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let parts: Vec<&str> = numeric.split('.').filter(|p| !p.is_empty()).collect();
        let number = |i: usize| -> Result<u32, String> {
            parts.get(i).map_or(Ok(0), |p| {
                p.parse()
                    .map_err(|_| format!("invalid nginx version `{s}`"))
            })
        };
        if parts.len() < 2 || parts.len() > 3 {
            return Err(format!(
                "invalid nginx version `{s}`: expected MAJOR.MINOR or MAJOR.MINOR.PATCH"
            ));
        }
        Ok(NginxVersion::new(number(0)?, number(1)?, number(2)?))
    }
}

impl fmt::Display for NginxVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_and_banners_and_picks_defaults() {
        let v: NginxVersion = "1.25-alpine".parse().expect("a tag");
        assert_eq!(v, NginxVersion::new(1, 25, 0));
        assert!("latest".parse::<NginxVersion>().is_err());
        assert_eq!(
            NginxVersion::from_banner("nginx version: nginx/1.22.1\nbuilt with OpenSSL"),
            Some(NginxVersion::new(1, 22, 1))
        );
        assert_eq!(
            NginxVersion::new(1, 23, 3).default_ssl_protocols(),
            ["TLSv1", "TLSv1.1", "TLSv1.2"]
        );
        assert!(
            NginxVersion::new(1, 23, 4)
                .default_ssl_protocols()
                .contains(&"TLSv1.3")
        );
        assert_eq!(
            NginxVersion::new(1, 27, 3).default_ssl_protocols(),
            ["TLSv1.2", "TLSv1.3"]
        );
    }

    #[test]
    fn image_tags_give_a_version_only_when_they_pin_the_defaults() {
        let version = |image: &str| NginxVersion::from_image(image);
        assert_eq!(version("nginx:1.27.3"), Some(NginxVersion::new(1, 27, 3)));
        assert_eq!(
            version("nginx:1.25-alpine"),
            Some(NginxVersion::new(1, 25, 0))
        );
        assert_eq!(version("nginx:1.22"), Some(NginxVersion::new(1, 22, 0)));
        assert_eq!(
            version("nginxinc/nginx-unprivileged:1.25"),
            Some(NginxVersion::new(1, 25, 0))
        );
        assert_eq!(
            version("registry.example:5000/library/nginx:1.24.0@sha256:00"),
            Some(NginxVersion::new(1, 24, 0))
        );
        for unknown in [
            "nginx",
            "nginx:latest",
            "nginx:stable-alpine",
            "nginx:mainline",
            "nginx@sha256:00",
            "registry.example:5000/nginx",
            // The defaults change inside these minor lines (1.23.4, 1.27.3, 1.29.3).
            "nginx:1.23",
            "nginx:1.27-alpine",
            "nginx:1.29",
            // Not nginx's own version numbers.
            "nginxproxy/nginx-proxy:1.6",
            "nginx/nginx-ingress:3.7.0",
            "httpd:2.4",
        ] {
            assert_eq!(version(unknown), None, "{unknown}");
        }
    }
}
