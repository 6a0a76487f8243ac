//! `ports:` entries, short (`[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]`) and long syntax, normalised as
//! Docker Compose normalises them: a target range becomes one port per container port (paired with the
//! published range), a single target with a published range keeps the range.

use super::service::{inner_span, text};
use shiplint_syntax::yaml::{Node, NodeKind};
use shiplint_syntax::{Span, Spanned};

/// One published or container port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    /// The container port.
    pub target: u16,
    /// The host port or range (`8080`, `8000-8010`); `None`: not published, or a random host port.
    pub published: Option<String>,
    /// The host address it binds (`127.0.0.1`, `::1`); `None`: every interface.
    pub host_ip: Option<String>,
    /// `tcp`, `udp` or `sctp`.
    pub protocol: String,
    /// `ingress` (default) or `host`.
    pub mode: String,
    /// The whole entry in the file.
    pub span: Span,
    /// The published part's span (the entry's span when there is none).
    pub published_span: Span,
    /// The host IP part's span (the entry's span when there is none).
    pub host_ip_span: Span,
}

/// Reads one `ports:` item.
pub fn parse_port_node(node: &Node) -> Result<Vec<Port>, String> {
    match &node.kind {
        NodeKind::Map(_) => long_syntax(node).map(|p| vec![p]),
        NodeKind::Scalar(_) => {
            let spec = node.as_str().ok_or("a port cannot be null")?;
            parse_short(spec, node)
        }
        NodeKind::Seq(_) => Err("a port must be a string, a number or a mapping".to_string()),
    }
}

fn long_syntax(node: &Node) -> Result<Port, String> {
    let target_node = node
        .get("target")
        .ok_or("a long-syntax port needs `target`")?;
    let target = target_node
        .as_str()
        .and_then(|t| t.parse::<u16>().ok())
        .ok_or_else(|| {
            format!(
                "port target `{}` is not a port number",
                target_node.as_str().unwrap_or("")
            )
        })?;
    let published = node.get("published").and_then(text);
    let host_ip = node.get("host_ip").and_then(text);
    Ok(Port {
        target,
        published_span: published.as_ref().map_or(node.span, |p| p.span),
        host_ip_span: host_ip.as_ref().map_or(node.span, |h| h.span),
        published: published.map(|p| p.value).filter(|p| !p.is_empty()),
        host_ip: host_ip.map(|h| h.value).filter(|h| !h.is_empty()),
        protocol: node
            .get("protocol")
            .and_then(Node::as_str)
            .unwrap_or("tcp")
            .to_string(),
        mode: node
            .get("mode")
            .and_then(Node::as_str)
            .unwrap_or("ingress")
            .to_string(),
        span: node.span,
    })
}

fn parse_range(text: &str) -> Option<(u16, u16)> {
    let (start, end) = text.split_once('-').unwrap_or((text, text));
    let start: u16 = start.parse().ok()?;
    let end: u16 = end.parse().ok()?;
    (start <= end).then_some((start, end))
}

/// Parses the short syntax; spans of the parts point into the item's text.
fn parse_short(spec: &str, node: &Node) -> Result<Vec<Port>, String> {
    if spec.trim().is_empty() {
        return Err("port is empty (a variable without a value?)".to_string());
    }
    let span_of = inner_span(node, spec.len());
    let (rest, protocol) = match spec.rsplit_once('/') {
        Some((rest, protocol)) => (rest, protocol),
        None => (spec, "tcp"),
    };
    if protocol.is_empty() {
        return Err(format!("port `{spec}` has an empty protocol"));
    }
    // A bracketed IPv6 host address may hold colons.
    let (host_ip, ip_len, after_ip) = if let Some(inner) = rest.strip_prefix('[') {
        let close = inner
            .find(']')
            .ok_or_else(|| format!("port `{spec}` has an unclosed `[`"))?;
        let after = inner[close + 1..]
            .strip_prefix(':')
            .ok_or_else(|| format!("port `{spec}` has no port after its host address"))?;
        (Some(&inner[..close]), close + 3, after)
    } else {
        let parts: Vec<&str> = rest.split(':').collect();
        match parts.len() {
            1 | 2 => (None, 0, rest),
            _ => {
                let ip_end =
                    rest.len() - parts[parts.len() - 2].len() - parts[parts.len() - 1].len() - 2;
                (Some(&rest[..ip_end]), ip_end + 1, &rest[ip_end + 1..])
            }
        }
    };
    let (published, target) = match after_ip.rsplit_once(':') {
        Some((published, target)) => (Some(published), target),
        None => (None, after_ip),
    };
    let (start, end) = parse_range(target)
        .ok_or_else(|| format!("port `{spec}` has an invalid container port `{target}`"))?;
    let host = match published.filter(|p| !p.is_empty()) {
        Some(p) => Some(
            parse_range(p)
                .ok_or_else(|| format!("port `{spec}` has an invalid published port `{p}`"))?,
        ),
        None => None,
    };
    if let Some((host_start, host_end)) = host
        && host_end - host_start != end - start
        && start != end
    {
        return Err(format!(
            "port `{spec}` maps a container range onto a host range of another size"
        ));
    }
    let published_at = ip_len;
    let published_span = match published {
        Some(p) if !p.is_empty() => span_of(published_at, published_at + p.len()),
        _ => node.span,
    };
    let host_ip_span = if host_ip.is_some() {
        span_of(0, ip_len.saturating_sub(1))
    } else {
        node.span
    };
    let host_ip = host_ip.filter(|ip| !ip.is_empty()).map(str::to_string);
    let mut ports = Vec::new();
    for offset in 0..=(end - start) {
        let published = host.map(|(host_start, host_end)| {
            if start == end && host_start != host_end {
                format!("{host_start}-{host_end}")
            } else {
                (host_start + offset).to_string()
            }
        });
        ports.push(Port {
            target: start + offset,
            published,
            host_ip: host_ip.clone(),
            protocol: protocol.to_string(),
            mode: "ingress".to_string(),
            span: node.span,
            published_span,
            host_ip_span,
        });
    }
    Ok(ports)
}

impl Port {
    /// Whether two entries map the same port the same way (mode aside).
    pub fn same_mapping(&self, other: &Port) -> bool {
        (self.target, &self.published, &self.host_ip, &self.protocol)
            == (
                other.target,
                &other.published,
                &other.host_ip,
                &other.protocol,
            )
    }

    /// The published part as written, with its span, when the port is published on a fixed host port.
    pub fn published_spanned(&self) -> Option<Spanned<String>> {
        self.published
            .clone()
            .map(|p| Spanned::new(p, self.published_span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_syntax::FileId;
    use shiplint_syntax::yaml;

    fn ports(text: &str) -> Vec<(u16, Option<String>, Option<String>, String)> {
        let file = yaml::parse(FileId(0), text);
        let root = file.root.expect("yaml");
        root.items()
            .expect("a list")
            .iter()
            .flat_map(|item| parse_port_node(item).expect("valid"))
            .map(|p| (p.target, p.published, p.host_ip, p.protocol))
            .collect()
    }

    fn one(
        target: u16,
        published: Option<&str>,
        ip: Option<&str>,
        protocol: &str,
    ) -> (u16, Option<String>, Option<String>, String) {
        (
            target,
            published.map(str::to_string),
            ip.map(str::to_string),
            protocol.to_string(),
        )
    }

    #[test]
    fn short_and_long_syntax() {
        assert_eq!(
            ports(
                "- 80\n- \"8080:80\"\n- 127.0.0.1:5000:5000/tcp\n- \"[::1]:53:53/udp\"\n- 127.0.0.1::9000\n- {target: 81, published: 8081, host_ip: 0.0.0.0}\n"
            ),
            [
                one(80, None, None, "tcp"),
                one(80, Some("8080"), None, "tcp"),
                one(5000, Some("5000"), Some("127.0.0.1"), "tcp"),
                one(53, Some("53"), Some("::1"), "udp"),
                one(9000, None, Some("127.0.0.1"), "tcp"),
                one(81, Some("8081"), Some("0.0.0.0"), "tcp"),
            ]
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(
            ports("- 6005-6015:80\n- 8000-8001:9000-9001\n- 3000-3001\n"),
            [
                one(80, Some("6005-6015"), None, "tcp"),
                one(9000, Some("8000"), None, "tcp"),
                one(9001, Some("8001"), None, "tcp"),
                one(3000, None, None, "tcp"),
                one(3001, None, None, "tcp"),
            ]
        );
    }

    #[test]
    fn published_span_points_at_the_host_port() {
        let text = "- \"127.0.0.1:5432:5432\"\n";
        let root = yaml::parse(FileId(0), text).root.expect("yaml");
        let port = &parse_port_node(&root.items().expect("list")[0]).expect("valid")[0];
        assert_eq!(port.published_span.text(text), "5432");
        assert_eq!(port.host_ip_span.text(text), "127.0.0.1");
    }
}
