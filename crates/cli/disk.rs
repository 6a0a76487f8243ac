//! The real file system, for the model's `Fs` trait. The only place the binary reads files it checks.

use shiplint_model::Fs;
use std::io;
use std::path::Path;

/// Files larger than this are refused: spans are 32-bit, and no config or certificate is this big.
const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Reads from disk.
pub struct DiskFs;

impl Fs for DiskFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let metadata = std::fs::metadata(path)?;
        if metadata.is_dir() {
            return Err(io::Error::other("is a directory"));
        }
        if metadata.len() > MAX_FILE_SIZE {
            return Err(io::Error::other(format!(
                "larger than {} MiB",
                MAX_FILE_SIZE >> 20
            )));
        }
        std::fs::read(path)
    }
}
