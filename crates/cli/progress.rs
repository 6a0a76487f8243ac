//! Progress on stderr for long runs: `checked N files...`, redrawn in place, only when stderr is a terminal
//! and the run has lasted a second. Never in pipes or logs, and erased when the run ends, so the report that
//! follows is the same as without it. Files are counted as the model reads them through the [`Fs`].

use shiplint_model::{Fs, Metadata};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a run goes before progress is shown.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// How often the line is redrawn.
const REDRAW_EVERY: Duration = Duration::from_millis(200);

/// A progress line for one run; dropped (or [`Progress::finish`]ed) when the run is done.
pub struct Progress {
    files: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the clock; the line appears only if stderr is a terminal and a second passes.
    pub fn start() -> Progress {
        let files = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let (files, done) = (Arc::clone(&files), Arc::clone(&done));
            std::thread::spawn(move || show(&files, &done))
        });
        Progress {
            files,
            done,
            thread,
        }
    }

    /// `fs`, counting the files read through it.
    pub fn counting<'a>(&'a self, fs: &'a dyn Fs) -> Counting<'a> {
        Counting {
            inner: fs,
            files: &self.files,
        }
    }

    /// Ends the run: the line, if shown, is erased.
    pub fn finish(self) {}
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

fn show(files: &AtomicUsize, done: &AtomicBool) {
    let started = Instant::now();
    let mut shown = false;
    while !done.load(Ordering::Acquire) {
        std::thread::park_timeout(REDRAW_EVERY);
        if done.load(Ordering::Acquire) {
            break;
        }
        if started.elapsed() >= QUIET_FOR {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r{}", line(files.load(Ordering::Relaxed)));
            let _ = stderr.flush();
            shown = true;
        }
    }
    if shown {
        // Carriage return, then erase to the end of the line.
        let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
    }
}

fn line(files: usize) -> String {
    format!("checked {files} files...")
}

/// An [`Fs`] that counts the files read.
pub struct Counting<'a> {
    inner: &'a dyn Fs,
    files: &'a AtomicUsize,
}

impl Fs for Counting<'_> {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.inner.read(path)
    }

    fn metadata(&self, path: &Path) -> std::io::Result<Metadata> {
        self.inner.metadata(path)
    }

    fn read_dir(&self, path: &Path) -> std::io::Result<Vec<PathBuf>> {
        self.inner.read_dir(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiplint_model::MemoryFs;

    #[test]
    fn counts_reads_and_passes_them_through() {
        let mut memory = MemoryFs::new();
        memory.insert("/a", "x");
        let progress = Progress::start();
        {
            let fs = progress.counting(&memory);
            assert_eq!(fs.read(Path::new("/a")).expect("a file"), b"x");
            assert!(fs.read(Path::new("/b")).is_err());
            assert!(!fs.metadata(Path::new("/a")).expect("a file").is_dir);
        }
        assert_eq!(progress.files.load(Ordering::Relaxed), 2);
        assert_eq!(line(2), "checked 2 files...");
        progress.finish();
    }
}
