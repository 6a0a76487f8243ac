//! `--nginx-dump FILE|-`: check a live server's configuration as `nginx -T` printed it. The dump is split
//! into its files, which are checked in memory under their original paths.

use shiplint_model::nginx::{NginxOptions, split_dump};
use shiplint_model::{Candidate, MemoryFs, Project, Timestamp};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Reads the dump (`-` is standard input) and loads its files, starting from the main configuration (the
/// first file nginx printed); the others are reached through its includes. The dump's version header
/// applies unless `--nginx-version` was given.
pub fn load(source: &Path, now: Timestamp, options: &mut NginxOptions) -> Result<Project, String> {
    let mut text = String::new();
    if source == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the nginx dump from standard input: {e}"))?;
    } else {
        let bytes = std::fs::read(source)
            .map_err(|e| format!("cannot read `{}`: {e}", source.display()))?;
        text = String::from_utf8_lossy(&bytes).into_owned();
    }
    let dump = split_dump(&text);
    let Some((main, _)) = dump.files.first() else {
        return Err(format!(
            "`{}` holds no `# configuration file PATH:` line; give the output of `nginx -T`",
            source.display()
        ));
    };
    let main = PathBuf::from(main);
    let mut fs = MemoryFs::new();
    for (path, contents) in &dump.files {
        fs.insert(path, contents.as_bytes());
    }
    if options.version.is_none() {
        options.version = dump.version;
    }
    if options.prefix.is_none() {
        options.prefix = main.parent().map(Path::to_path_buf);
    }
    let candidate = Candidate {
        display: main.to_string_lossy().into_owned(),
        path: main,
        explicit: true,
    };
    Ok(Project::load_with_nginx(&fs, vec![candidate], now, options))
}
