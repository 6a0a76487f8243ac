//! APP002 listens-on-loopback: a containerised Go app listens on `127.0.0.1`, `localhost` or `::1`, which
//! inside a container only the container itself can reach.

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::Project;
use shiplint_model::stack::{AppBuilder, ListenResolution};

declare_rule! {
    /// A containerised app listens on the loopback address, which nothing outside its container reaches.
    #[derive(Default)]
    pub struct ListensOnLoopback {}
    code = "APP002", name = "listens-on-loopback", domain = "app", severity = Error,
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host == "::1" || host.starts_with("127.")
}

impl Check<Project> for ListensOnLoopback {
    fn check(&self, project: &Project, cx: &mut Ctx<'_>) {
        for app in &project.stack.apps {
            for listen in &app.listens {
                let ListenResolution::Resolved {
                    host: Some(host),
                    port,
                    evidence,
                } = &listen.resolution
                else {
                    continue;
                };
                if !is_loopback(host) {
                    continue;
                }
                let finding = cx.report(
                    listen.span,
                    format!(
                        "the app listens on `{host}:{port}` inside a container, where only the container itself \
                         can reach it"
                    ),
                );
                for (span, why) in evidence.iter().filter(|(span, _)| *span != listen.span) {
                    finding.label(*span, why.clone());
                }
                match app.built_by {
                    AppBuilder::Service(index) => {
                        if let Some(service) = project.stack.services.get(index) {
                            finding.label(
                                service.name.span,
                                format!(
                                    "runs in the container of compose service `{}`",
                                    service.name.value
                                ),
                            );
                            for port in service.ports.iter() {
                                finding.label(port.span, "this port cannot reach it");
                            }
                        }
                    }
                    AppBuilder::Dockerfile { file, stage } => {
                        if let Some(stage) = project
                            .documents
                            .get(file.0 as usize)
                            .and_then(|d| d.dockerfile())
                            .and_then(|image| image.stages.get(stage))
                        {
                            finding.label(stage.from_span, "runs in this image's container");
                        }
                    }
                }
                finding.help(format!(
                    "listen on every interface of the container (`:{port}` or `0.0.0.0:{port}`); publish the port \
                     on `127.0.0.1` in compose instead when only the host may reach it"
                ));
            }
        }
    }
}
