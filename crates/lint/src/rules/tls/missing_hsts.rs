//! TLS002 missing-hsts: a TLS server or location serves responses without `Strict-Transport-Security`:
//! none at all, lost because a nested level has its own `add_header` (which replaces the inherited set),
//! a `max-age` below the profile's minimum, or set without `always`.

use super::Profile;
use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::nginx::{AddHeader, LocationKind, NginxConfig};

declare_rule! {
    /// A TLS server or location lacks a lasting, always-sent Strict-Transport-Security header.
    #[derive(Default)]
    pub struct MissingHsts {
        /// The TLS profile, which sets the smallest `max-age` accepted.
        pub profile: Profile,
    }
    code = "TLS002", name = "missing-hsts", domain = "tls", severity = Warning,
    tags = ["security"], security_severity = 5.0,
}

const HSTS: &str = "Strict-Transport-Security";

impl Check<NginxConfig> for MissingHsts {
    fn check(&self, config: &NginxConfig, cx: &mut Ctx<'_>) {
        for server in config.effective.servers.iter().filter(|s| s.is_tls()) {
            let Some(header) = server.settings.add_headers.get(HSTS) else {
                cx.report(
                    server.name,
                    "this TLS server sends no `Strict-Transport-Security` header",
                )
                .help(format!(
                    "add `add_header Strict-Transport-Security \"max-age={}\" always;` to the server",
                    self.profile.hsts_min_age().max(63_072_000)
                ));
                continue;
            };
            self.check_header(header, cx);
            for location in &server.locations {
                let headers = &location.settings.add_headers;
                if headers.inherited || headers.defined_at.is_none() {
                    continue;
                }
                match headers.get(HSTS) {
                    Some(own) => self.check_header(own, cx),
                    None => {
                        let what = match location.kind {
                            LocationKind::Location => "`location`",
                            LocationKind::If => "`if` block",
                            LocationKind::LimitExcept => "`limit_except` block",
                        };
                        let mut finding = cx.report(
                            location.name,
                            format!(
                                "this {what} has its own `add_header`, so `Strict-Transport-Security` from the outer level is not sent"
                            ),
                        );
                        if let Some(first) = headers.defined_at {
                            finding = finding
                                .label(first, "this `add_header` replaces the inherited set");
                        }
                        finding
                            .label(header.span, "lost here")
                            .help("repeat the `Strict-Transport-Security` add_header in this block (an include shared by both levels keeps them in step), or use `add_header_inherit merge;` (nginx 1.29.3)");
                    }
                }
            }
        }
    }
}

impl MissingHsts {
    fn check_header(&self, header: &AddHeader, cx: &mut Ctx<'_>) {
        let min = self.profile.hsts_min_age();
        match max_age(&header.value.value) {
            Some(age) if age >= min => {}
            Some(age) => {
                cx.report(
                    header.value.span,
                    format!("`Strict-Transport-Security` max-age `{age}` is below {min} seconds"),
                )
                .help(format!(
                    "use at least `max-age={min}` (the {} profile); two years (63072000) is recommended",
                    self.profile.name()
                ));
            }
            None => {
                cx.report(
                    header.value.span,
                    format!(
                        "`Strict-Transport-Security` value `{}` has no max-age",
                        header.value.value
                    ),
                )
                .help("write `max-age=63072000`");
            }
        }
        if !header.always {
            cx.report(
                header.span,
                "`Strict-Transport-Security` is added without `always`, so error responses lack it",
            )
            .help("end the directive with `always`");
        }
    }
}

/// The `max-age` of an HSTS value (`max-age=31536000; includeSubDomains`).
fn max_age(value: &str) -> Option<u64> {
    value.split(';').find_map(|part| {
        let (key, number) = part.trim().split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| number.trim().trim_matches('"').parse().ok())?
    })
}
