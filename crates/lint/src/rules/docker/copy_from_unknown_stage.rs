//! DKR012 copy-from-unknown-stage: `COPY --from` names a stage that does not exist before it: an index past
//! the earlier stages, the stage itself, a stage defined later, or a near-miss of a stage name (BuildKit would
//! silently try to pull an image of that name).

use crate::declare_rule;
use crate::rule::{Check, Ctx};
use shiplint_model::docker::{CopySource, DockerImage};

declare_rule! {
    /// `COPY --from` names a stage that is not defined before it.
    #[derive(Default)]
    pub struct CopyFromUnknownStage {}
    code = "DKR012", name = "copy-from-unknown-stage", domain = "docker", severity = Error,
}

/// Levenshtein distance, bounded: small names only.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let value = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
            current.push(value);
        }
        previous = current;
    }
    previous[b.len()]
}

impl Check<DockerImage> for CopyFromUnknownStage {
    fn check(&self, image: &DockerImage, cx: &mut Ctx<'_>) {
        for stage in &image.stages {
            for copy in &stage.copies_from {
                let from = &copy.from;
                match &copy.source {
                    CopySource::Stage(_) => {}
                    CopySource::BadIndex(n) => {
                        let message = if stage.index == 0 {
                            format!(
                                "`--from={n}` names a stage, but no stage comes before this one"
                            )
                        } else {
                            format!(
                                "`--from={n}` names stage {n}, but only stages 0 to {} come before this one",
                                stage.index - 1
                            )
                        };
                        cx.report(from.span, message)
                            .help("refer to an earlier stage by its `AS` name");
                    }
                    CopySource::Image(source) => {
                        let name = source.raw.as_str();
                        if source.unresolved || name.contains([':', '/', '@', '.', '$']) {
                            continue;
                        }
                        if stage.is_named(name) {
                            cx.report(
                                from.span,
                                format!("`--from={name}` names the stage it is in"),
                            )
                            .help("copy from an earlier stage");
                        } else if let Some(later) = image
                            .stages
                            .iter()
                            .skip(stage.index + 1)
                            .find(|s| s.is_named(name))
                        {
                            let finding = cx.report(
                                from.span,
                                format!("`--from={name}` names a stage defined after this one"),
                            );
                            if let Some(alias) = &later.alias {
                                finding.label(alias.span, "defined here");
                            }
                            finding.help("move the stage above the one that copies from it");
                        } else if let Some(near) =
                            image.stages[..stage.index].iter().find_map(|s| {
                                s.alias.as_ref().filter(|a| {
                                    a.value.len() >= 4
                                        && distance(
                                            &a.value.to_ascii_lowercase(),
                                            &name.to_ascii_lowercase(),
                                        ) <= 2
                                })
                            })
                        {
                            cx.report(
                                from.span,
                                format!("`--from={name}` is not a stage, so it would be pulled as an image"),
                            )
                            .label(near.span, format!("did you mean `{}`?", near.value))
                            .help(format!("write `--from={}`", near.value));
                        }
                    }
                }
            }
        }
    }
}
