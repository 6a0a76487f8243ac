//! `shiplint check`: config -> discovery -> load -> engine -> report -> exit code.

use crate::args::{CheckArgs, ColorArg, FailOnArg, FormatArg};
use crate::baseline::Baseline;
use crate::confined_fs::{ConfinedFs, project_roots};
use crate::{baseline, clock, discover, scope};
use shiplint_lint::config::{Config, FailOn};
use shiplint_lint::engine::{self, Overrides, Settings};
use shiplint_model::nginx::NginxOptions;
use shiplint_model::{Candidate, FileKind, Project};
use shiplint_report::{Format, Report, TextOptions};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// `--threads` is capped at this many workers per core.
const MAX_THREADS_PER_CORE: usize = 4;

const CONFIG_NAME: &str = "shiplint.toml";

/// Runs a check; `Ok(true)` when findings reach `--fail-on`. `Err` is a usage, config or I/O error (exit 2).
pub fn run(args: CheckArgs) -> Result<bool, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?;
    // Under --root the paths are the server's: no configuration is looked up beside them on this machine.
    let roots: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|_| args.root.is_none())
        .map(|p| discover::absolute(p, &cwd))
        .collect();
    let settings = load_settings(&args, &roots, &cwd)?;
    let now = match &args.now {
        Some(text) => clock::parse_rfc3339(text)?,
        None => clock::system_now(),
    };
    if let Some(threads) = args.threads {
        // More workers than a few per core only costs memory and scheduling (100000 threads stall the box).
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.clamp(1, MAX_THREADS_PER_CORE * cores))
            .build_global()
            .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    }
    let mut nginx = nginx_options(&args, &cwd)?;
    let baseline_path = (args.baseline.as_ref())
        .or(args.write_baseline.as_ref())
        .map(|path| discover::absolute(path, &cwd));
    let recorded = match (&args.baseline, &baseline_path) {
        (Some(_), Some(path)) => Some(Baseline::load(path, &discover::display_path(path, &cwd))?),
        _ => None,
    };
    let mut pre_commit = None;
    let progress = crate::progress::Progress::start();
    // `noted`: paths already said to be unreadable in a note (by an audit).
    let (project, noted) = if let Some(dump) = &args.nginx_dump {
        (
            crate::nginx_dump::load(dump, now, &mut nginx)?,
            Default::default(),
        )
    } else if let Some(root) = &args.root {
        nginx.prefix = args.nginx_prefix.as_ref().map(|p| Path::new("/").join(p));
        crate::audit::load(
            &discover::absolute(root, &cwd),
            &args.paths,
            now,
            &nginx,
            &progress,
        )?
    } else {
        let confined = ConfinedFs::new(&project_roots(&roots, nginx.prefix.as_deref()));
        let (mut found, mut walk_warnings) =
            discover::discover(&roots, &settings, &confined, &cwd)?;
        if scope::only_files(&roots, &found) {
            pre_commit = scope::plan(&roots);
        }
        if let Some(plan) = &pre_commit {
            (found, walk_warnings) =
                discover::discover(&plan.discover_paths(), &settings, &confined, &cwd)?;
        }
        for warning in &walk_warnings {
            eprintln!("warning: not checked: {warning}");
        }
        let candidates = found
            .into_iter()
            .map(|f| Candidate {
                display: discover::display_path(&f.path, &cwd),
                path: f.path,
                explicit: f.explicit,
            })
            .collect();
        let project =
            Project::load_with_nginx(&progress.counting(&confined), candidates, now, &nginx);
        (project, Default::default())
    };
    if let Some(error) = project.load_errors.first() {
        return Err(format!("cannot read `{}`: {}", error.display, error.reason));
    }
    let findings = engine::run(&project, &settings);
    progress.finish();
    let audit = args.root.is_some().then(|| crate::audit::tables(&project));
    // What could not be checked is said whatever `--quiet` asks of the report.
    note_unchecked_kinds(&project);
    let given = pre_commit.as_ref().map(|plan| plan.given_files(&project));
    note_unchecked_tls_files(&project, &noted, args.root.is_some(), given.as_deref());
    // Baseline keys count occurrences along the whole list, so they are taken before narrowing it.
    let mut keys = baseline_path
        .as_ref()
        .map(|path| baseline::entries(&project, &findings, path));
    let findings = match &given {
        Some(given) => scope::retain_touching(findings, keys.as_mut(), given),
        None => findings,
    };
    if let (Some(_), Some(path), Some(keys)) = (&args.write_baseline, &baseline_path, &keys) {
        let shown = discover::display_path(path, &cwd);
        baseline::write(path, &shown, keys)?;
        eprintln!("wrote {} finding(s) to the baseline `{shown}`", keys.len());
        return Ok(false);
    }
    let (findings, hidden) = match (&recorded, &keys) {
        (Some(recorded), Some(keys)) => {
            let (shown, hidden) = recorded.split(findings, keys);
            (shown, Some(hidden))
        }
        _ => (findings, None),
    };

    let files = project.files_for_report();
    let report = Report {
        files: &files,
        findings: &findings,
        rules: settings.enabled_rules(),
        files_checked: project
            .documents
            .iter()
            .filter(|d| d.is_checked())
            .filter(|d| {
                given
                    .as_ref()
                    .is_none_or(|g| g.get(d.file.0 as usize) == Some(&true))
            })
            .count(),
        baseline_hidden: hidden.as_deref(),
        audit: audit.as_ref(),
    };
    let format = match args.format {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
    };
    let text = TextOptions {
        color: use_color(args.color, args.output.is_none()),
        quiet: args.quiet,
        statistics: args.statistics,
    };
    write_report(&report, format, text, args.output.as_deref())?;
    Ok(findings.iter().any(|f| settings.fail_on.fails(f.severity)))
}

/// `--nginx-prefix` and `--nginx-version`.
fn nginx_options(args: &CheckArgs, cwd: &Path) -> Result<NginxOptions, String> {
    let version = match &args.nginx_version {
        Some(text) => Some(text.parse().map_err(|e| format!("--nginx-version: {e}"))?),
        None => None,
    };
    Ok(NginxOptions {
        prefix: args
            .nginx_prefix
            .as_ref()
            .map(|p| discover::absolute(p, cwd)),
        version,
    })
}

fn load_settings(args: &CheckArgs, roots: &[PathBuf], cwd: &Path) -> Result<Settings, String> {
    let config_path = match &args.config {
        Some(path) => Some(discover::absolute(path, cwd)),
        None => roots.first().and_then(|first| nearest_config(first)),
    };
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(|level| match level {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }),
    };
    let Some(config_path) = config_path else {
        return Settings::from_config(&Config::default(), "", overrides, Some(cwd.to_path_buf()))
            .map_err(|e| e.to_string());
    };
    let shown = discover::display_path(&config_path, cwd);
    let text =
        std::fs::read_to_string(&config_path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let base = config_path.parent().map(Path::to_path_buf);
    Config::parse(&text)
        .and_then(|config| Settings::from_config(&config, &text, overrides, base))
        .map_err(|error| match error.position {
            Some((line, column)) => format!("{shown}:{line}:{column}: {}", error.message),
            None => format!("{shown}: {}", error.message),
        })
}

/// The nearest `shiplint.toml` in the directory of `start` (or `start` itself) and its ancestors.
fn nearest_config(start: &Path) -> Option<PathBuf> {
    let first = if start.is_dir() {
        Some(start)
    } else {
        start.parent()
    };
    first?
        .ancestors()
        .map(|dir| dir.join(CONFIG_NAME))
        .find(|candidate| candidate.is_file())
}

/// `auto`: only when writing to a terminal and `NO_COLOR` is unset or empty.
fn use_color(choice: ColorArg, to_stdout: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            to_stdout
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}

/// Says which found files this version recognised but does not check yet, so nothing passes silently.
fn note_unchecked_kinds(project: &Project) {
    let mut unchecked: BTreeMap<FileKind, usize> = BTreeMap::new();
    for document in project
        .documents
        .iter()
        .filter(|d| matches!(d.content, shiplint_model::Content::NotParsed))
    {
        *unchecked.entry(document.kind).or_default() += 1;
    }
    if !unchecked.is_empty() {
        let list: Vec<String> = unchecked
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.as_str()))
            .collect();
        eprintln!(
            "note: found but not checked by this version: {} file(s)",
            list.join(", ")
        );
    }
}

/// The certificate and key files nginx serves that resolved to a path but are not among the checked files
/// (outside the project root or the paths given, or skipped by the walk): never read behind the walk's back,
/// so their expiry, chain and key were not checked. Said, not passed over; those in `noted` were said
/// already (an audit that could not read them). In pre-commit mode only directives in the files given
/// (`given`, by file id) count: the stacks around them are loaded for context, not reported on.
fn note_unchecked_tls_files(
    project: &Project,
    noted: &std::collections::BTreeSet<String>,
    audit: bool,
    given: Option<&[bool]>,
) {
    const READ_BY_CERTIFICATE_RULES: &[&str] = &[
        "ssl_certificate",
        "ssl_certificate_key",
        "ssl_trusted_certificate",
        "ssl_client_certificate",
    ];
    let paths: std::collections::BTreeSet<&str> = project
        .documents
        .iter()
        .filter_map(|d| d.nginx())
        .flat_map(|config| &config.tls_files)
        .filter(|file| given.is_none_or(|g| g.get(file.span.file.0 as usize) == Some(&true)))
        .filter(|file| {
            file.document.is_none() && READ_BY_CERTIFICATE_RULES.contains(&file.directive.as_str())
        })
        .filter_map(|file| file.path.as_deref())
        .filter(|path| !noted.contains(*path))
        .collect();
    if paths.is_empty() {
        return;
    }
    const LISTED: usize = 5;
    let mut list: Vec<String> = paths
        .iter()
        .take(LISTED)
        .map(|p| format!("`{p}`"))
        .collect();
    if paths.len() > LISTED {
        list.push(format!("and {} more", paths.len() - LISTED));
    }
    let advice = match audit {
        true => "name them as paths to audit them",
        false => "audit them where they live with `shiplint check --root`",
    };
    eprintln!(
        "note: not checked: {} certificate or key file(s) nginx serves are not among the checked files ({}); \
         {advice}",
        paths.len(),
        list.join(", ")
    );
}

fn write_report(
    report: &Report<'_>,
    format: Format,
    text: TextOptions,
    output: Option<&Path>,
) -> Result<(), String> {
    let mut buffer = Vec::new();
    shiplint_report::write(report, format, text, &mut buffer)
        .map_err(|e| format!("cannot write the report: {e}"))?;
    match output {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&buffer)
                .and_then(|()| stdout.flush())
                .or_else(ignore_broken_pipe)
        }
    }
}

/// `shiplint check | head` closing the pipe early is not an error.
fn ignore_broken_pipe(error: std::io::Error) -> Result<(), String> {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(format!("cannot write the report: {error}"))
    }
}
