//! CMP006 database-port-exposed: a database port published on every host interface (no host IP, or
//! `0.0.0.0`/`::`), so the database is reachable from the network, and Docker's iptables rules bypass
//! host firewalls such as ufw. Services on the same compose network reach it without `ports:`.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::compose::ComposeFile;

declare_rule! {
    /// A database port is published on all host interfaces.
    #[derive(Default)]
    pub struct DatabasePortExposed {}
    code = "CMP006", name = "database-port-exposed", domain = "compose", severity = Warning,
    tags = ["security"], security_severity = 6.5,
}

/// Well-known database ports and the engine behind each.
const DATABASE_PORTS: [(u16, &str); 13] = [
    (5432, "PostgreSQL"),
    (3306, "MySQL"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (27017, "MongoDB"),
    (6379, "Redis"),
    (11211, "Memcached"),
    (9200, "Elasticsearch"),
    (5984, "CouchDB"),
    (9042, "Cassandra"),
    (7687, "Neo4j"),
    (26257, "CockroachDB"),
    (8086, "InfluxDB"),
];

impl Check<ComposeFile> for DatabasePortExposed {
    fn check(&self, compose: &ComposeFile, cx: &mut Ctx<'_>) {
        for service in compose.own_services() {
            for port in &service.ports {
                let Some((_, engine)) = DATABASE_PORTS.iter().find(|(p, _)| *p == port.target)
                else {
                    continue;
                };
                let all_interfaces = port
                    .host_ip
                    .as_deref()
                    .is_none_or(|ip| matches!(ip, "0.0.0.0" | "::" | "[::]"));
                if port.published.is_none() || !all_interfaces {
                    continue;
                }
                cx.report(
                    port.published_span,
                    format!(
                        "port {} ({engine}) of service `{}` is published on all interfaces",
                        port.target, service.name.value
                    ),
                )
                .help("drop the `ports:` entry (services on the compose network reach it anyway), or bind it to 127.0.0.1");
            }
        }
    }
}
