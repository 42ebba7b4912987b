//! `--state FILE`: the store kept on disk after every change. A request is answered once the
//! file holds its change; the changes of concurrent requests share one write (a group commit),
//! and the file is written outside the store's lock, so other clients carry on meanwhile.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::store::Store;

/// The state file of a running server.
#[derive(Debug)]
pub(crate) struct StateFile {
    path: PathBuf,
    /// The changes made so far, each counted once it is in the store.
    changes: AtomicU64,
    /// How many of them the file holds. Held for the length of a write, one at a time, even
    /// when the request that began it goes away (its client disconnects) before it ends.
    written: Arc<tokio::sync::Mutex<u64>>,
}

impl StateFile {
    pub(crate) fn new(path: PathBuf) -> StateFile {
        StateFile { path, changes: AtomicU64::new(0), written: Arc::new(tokio::sync::Mutex::new(0)) }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Returns once the file holds the change just made to `store`: written by this call, or
    /// by one that began after the change and so wrote it too.
    pub(crate) async fn keep(&self, store: &Mutex<Store>) -> io::Result<()> {
        let change = self.changes.fetch_add(1, Ordering::SeqCst) + 1;
        let mut written = Arc::clone(&self.written).lock_owned().await;
        if *written >= change {
            return Ok(());
        }
        // Each change is counted after it is made: the store holds every one counted so far.
        let holds = self.changes.load(Ordering::SeqCst);
        let json = {
            let store = store.lock().unwrap_or_else(PoisonError::into_inner);
            serde_json::to_vec(&*store).map_err(io::Error::other)?
        };
        let path = self.path.clone();
        // The guard goes with the write: no other write starts on the temporary file until this
        // one has ended, even if this request is dropped meanwhile.
        let write = tokio::task::spawn_blocking(move || {
            write_atomically(&path, &json)?;
            *written = holds;
            Ok(())
        });
        write.await.map_err(io::Error::other)?
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over it, so that a crash leaves the old state or the new, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;

    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = Path::new(&temporary);
    let mut file = std::fs::File::create(temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(temporary, path)
}
