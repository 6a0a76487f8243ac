//! The two tables of a server audit (`check --root`): certificates by days left and nginx servers by the
//! strictest Mozilla TLS profile they meet. The binary fills them from the project; this module only shows
//! them: as aligned text after the findings, and as the `audit` key of the JSON document.

use serde::Serialize;
use std::io;

/// What an audit adds to a report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// Every certificate found, the soonest to expire first.
    pub certificates: Vec<CertificateRow>,
    /// Every nginx server, the weakest TLS profile first.
    pub servers: Vec<ServerRow>,
}

/// One certificate (a block of a PEM or DER file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateRow {
    /// The file as the server sees it.
    pub path: String,
    /// The line of its block.
    pub line: u32,
    /// The subject (`CN=example.com`).
    pub subject: String,
    /// The DNS names and addresses it covers.
    pub sans: Vec<String>,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// Whole days from now to notAfter (negative once expired).
    pub days_left: i64,
    /// notAfter is past.
    pub expired: bool,
    /// notBefore is still to come.
    pub not_yet_valid: bool,
    /// The issuer (`C=US, O=Let's Encrypt, CN=R11`).
    pub issuer: String,
}

/// One nginx `server` block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerRow {
    /// The file holding the `server` line, as the server sees it.
    pub path: String,
    /// The line of `server`.
    pub line: u32,
    /// Its `server_name`s.
    pub server_names: Vec<String>,
    /// Its `listen` arguments, one string per listen.
    pub listen: Vec<String>,
    /// `modern`, `intermediate`, `old`, `none` (TLS below every profile), `unknown` (see `reason`) or
    /// `plain-http` (no TLS listener).
    pub profile: String,
    /// Why the profile is what it is: the protocols and cipher string judged, or what is unknown.
    pub reason: String,
}

/// Writes the tables as aligned text, each under a heading, after the findings.
pub fn write_text(audit: &Audit, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "Certificates by days left ({}):",
        audit.certificates.len()
    )?;
    let rows: Vec<Vec<String>> = audit
        .certificates
        .iter()
        .map(|c| {
            let days = if c.expired {
                format!("{} EXPIRED", c.days_left)
            } else if c.not_yet_valid {
                format!("{} NOT YET VALID", c.days_left)
            } else {
                c.days_left.to_string()
            };
            let names = if c.sans.is_empty() {
                c.subject.clone()
            } else {
                c.sans.join(", ")
            };
            vec![
                days,
                c.not_after.clone(),
                format!("{}:{}", c.path, c.line),
                names,
                c.issuer.clone(),
            ]
        })
        .collect();
    table(
        &["DAYS LEFT", "NOT AFTER", "FILE", "SUBJECT / SANS", "ISSUER"],
        &rows,
        out,
    )?;
    writeln!(out)?;
    writeln!(out, "Servers by TLS profile ({}):", audit.servers.len())?;
    let rows: Vec<Vec<String>> = audit
        .servers
        .iter()
        .map(|s| {
            vec![
                s.profile.clone(),
                format!("{}:{}", s.path, s.line),
                or_dash(&s.server_names.join(" ")),
                or_dash(&s.listen.join(", ")),
                s.reason.clone(),
            ]
        })
        .collect();
    table(
        &["PROFILE", "SERVER", "SERVER_NAME", "LISTEN", "WHY"],
        &rows,
        out,
    )
}

fn or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".to_string()
    } else {
        text.to_string()
    }
}

/// Columns padded to their widest cell (in characters); the last column is not padded.
fn table(header: &[&str], rows: &[Vec<String>], out: &mut dyn io::Write) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "  (none)");
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::from(" ");
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            line.push(' ');
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(width - cell.chars().count() + 1));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_aligned_and_say_when_empty() {
        let audit = Audit {
            certificates: vec![CertificateRow {
                path: "/etc/letsencrypt/live/a/cert.pem".into(),
                line: 1,
                subject: "CN=a".into(),
                sans: vec!["a.example".into(), "www.a.example".into()],
                not_after: "2026-11-20T00:00:00Z".into(),
                days_left: -5,
                expired: true,
                not_yet_valid: false,
                issuer: "CN=R11".into(),
            }],
            servers: Vec::new(),
        };
        let mut out = Vec::new();
        write_text(&audit, &mut out).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            format!(
                "\nCertificates by days left (1):\n{}\n{}\n\nServers by TLS profile (0):\n  (none)\n",
                concat!(
                    "  DAYS LEFT   NOT AFTER             FILE                                ",
                    "SUBJECT / SANS            ISSUER"
                ),
                concat!(
                    "  -5 EXPIRED  2026-11-20T00:00:00Z  /etc/letsencrypt/live/a/cert.pem:1  ",
                    "a.example, www.a.example  CN=R11"
                )
            )
        );
    }
}
