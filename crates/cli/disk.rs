//! The real file system, for the model's `Fs` trait. The only place the binary reads files it checks.

use shiplint_model::{Fs, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Files larger than this are refused: spans are 32-bit, and no config or certificate is this big.
const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

fn too_large() -> io::Error {
    io::Error::other(format!("larger than {} MiB", MAX_FILE_SIZE >> 20))
}

/// Reads from disk.
pub struct DiskFs;

impl Fs for DiskFs {
    /// One `open`, one `fstat` of the open file (so what is checked is what is read), one read. Only
    /// regular files are read: a pipe or a device given by name would block or never end.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let mut file = open_without_blocking(path)?;
        let metadata = file.metadata()?;
        if metadata.is_dir() {
            return Err(io::Error::other("is a directory"));
        }
        if !metadata.is_file() {
            return Err(io::Error::other(
                "not a regular file (a pipe, socket or device)",
            ));
        }
        if metadata.len() > MAX_FILE_SIZE {
            return Err(too_large());
        }
        // The size is a hint (a file may grow while read); `take` keeps the limit whatever it grows to.
        let mut bytes = Vec::with_capacity(metadata.len() as usize + 1);
        file.by_ref()
            .take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(too_large());
        }
        Ok(bytes)
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        let metadata = std::fs::metadata(path)?;
        Ok(Metadata {
            is_dir: metadata.is_dir(),
            len: if metadata.is_dir() { 0 } else { metadata.len() },
            mode: unix_mode(&metadata),
        })
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut entries = std::fs::read_dir(path)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<Vec<_>>>()?;
        entries.sort();
        Ok(entries)
    }
}

/// Opens `path` for reading. On Unix without waiting for a writer, so a named pipe opens at once and is then
/// refused as not a regular file (reading a regular file is unaffected).
fn open_without_blocking(path: &Path) -> io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The entries of the directory `real` (where a view's links led), named under `named` (the path as the
/// view gives it), sorted: what a view over the disk (confined, rooted) answers for `read_dir`.
pub fn read_dir_named(real: &Path, named: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = DiskFs
        .read_dir(real)?
        .into_iter()
        .filter_map(|entry| entry.file_name().map(|name| named.join(name)))
        .collect();
    entries.sort();
    Ok(entries)
}

#[cfg(unix)]
fn unix_mode(metadata: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(metadata.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn unix_mode(_: &std::fs::Metadata) -> Option<u32> {
    None
}
