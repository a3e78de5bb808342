//! The recovery copy: a few seconds after an edit the unsaved workbook is
//! written to the app's data folder, so a crash or a power cut loses at
//! most those seconds. A clean save or close removes it; the next start
//! offers to restore one that is still there.
//!
//! Every window has its own copy (`recovery-<id>.json`) and holds a lock on
//! its own `recovery-<id>.lock` while it runs. A copy whose lock nobody
//! holds was left by a window that crashed: only those are offered, so a
//! second window never offers (or deletes) the live edits of the first,
//! and one that closes cleanly removes only its own copy.

use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::workbook::Workbook;
use crate::workbook::file::{Overwrite, write_file};

/// What the recovery file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Copy {
    /// The file the workbook came from; None for a new, never-saved one.
    pub path: Option<PathBuf>,
    /// When it was written, for the restore question ("lúc 10:42 ngày …").
    pub written: String,
    /// The file on disk as the window knew it (size, modified in ns since
    /// 1970): restoring over a file changed since is warned about.
    #[serde(default)]
    pub disk: Option<(u64, u128)>,
    pub workbook: Workbook,
}

/// Where this window's recovery copy goes. No folder: not kept (tests, no
/// home folder).
#[derive(Debug, Clone, Default)]
pub struct Place {
    dir: Option<PathBuf>,
    id: String,
    /// Held (locked) while this window runs; shared by clones.
    lock: Option<Arc<File>>,
}

/// The window's recovery flow: its own place, when the next copy is due,
/// and the copies crashed windows left (one to decide about, one of
/// another workbook offered in the status bar, one restored here).
#[derive(Debug, Default)]
pub struct Flow {
    pub place: Place,
    /// When the last edit not yet in a recovery copy happened.
    pub due: Option<std::time::Instant>,
    /// A recovery copy from a crashed run the user has not decided about
    /// yet: kept on disk until then, whatever else is opened meanwhile.
    pub pending: Option<Orphan>,
    /// The workbook the window was started on: recovery copies of other
    /// workbooks are never offered in its place (see `offer_recovery`).
    pub started_on: Option<PathBuf>,
    /// Which recovery copy to offer first (`Boot::recover`).
    pub first: Option<PathBuf>,
    /// A recovery copy of another workbook, offered in the status bar to
    /// open in a window of its own.
    pub other: Option<Orphan>,
    /// A crashed window's copy restored here: removed once this window's
    /// own copy of the restored state is written.
    pub adopted: Option<Orphan>,
}

impl Flow {
    pub fn new(place: Place, started_on: Option<PathBuf>, first: Option<PathBuf>) -> Flow {
        Flow {
            place,
            started_on,
            first,
            ..Flow::default()
        }
    }
}

/// A copy left by a window that is no longer running.
#[derive(Debug, Clone)]
pub struct Orphan {
    pub file: PathBuf,
    pub copy: Copy,
}

const PREFIX: &str = "recovery-";

impl Place {
    pub fn none() -> Place {
        Place::default()
    }

    /// A place of its own in `dir` for this window.
    pub fn in_folder(dir: &Path) -> Place {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let id = format!("{}-{nanos:09}", std::process::id());
        let _ = std::fs::create_dir_all(dir);
        let lock = File::create(dir.join(format!("{PREFIX}{id}.lock")))
            .ok()
            .filter(|f| f.try_lock().is_ok())
            .map(Arc::new);
        sweep_locks(dir);
        Place {
            dir: Some(dir.to_path_buf()),
            id,
            lock,
        }
    }

    /// The app's data folder (next to the program in portable mode).
    pub fn default_folder() -> Place {
        match crate::paths::AppDirs::current() {
            Some(d) => Place::in_folder(&d.data),
            None => Place::none(),
        }
    }

    fn own(&self) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{PREFIX}{}.json", self.id)))
    }

    /// Writes this window's copy; true when written. Failure is otherwise
    /// silent on purpose: the recovery copy is a safety net; the real file
    /// and the edits in memory are untouched.
    /// `disk` is the file as the window last read or wrote it.
    pub fn write(
        &self,
        path: Option<&Path>,
        disk: Option<(u64, u128)>,
        workbook: &Workbook,
    ) -> bool {
        let Some(file) = self.own() else { return false };
        let copy = Copy {
            path: path.map(Path::to_path_buf),
            written: now_label(),
            disk,
            workbook: workbook.clone(),
        };
        serde_json::to_vec(&copy)
            .ok()
            .is_some_and(|bytes| write_file(&file, &bytes, Overwrite::Anything, false).is_ok())
    }

    /// This window's copy, if written and readable.
    pub fn read(&self) -> Option<Copy> {
        read(&self.own()?)
    }

    /// Removes this window's copy.
    pub fn clear(&self) {
        if let Some(file) = self.own() {
            let _ = std::fs::remove_file(file);
        }
    }

    /// The copies left by windows that are no longer running, newest first
    /// (also the single `recovery.json` of earlier versions).
    pub fn orphans(&self) -> Vec<Orphan> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<(SystemTime, Orphan)> = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let id = match name.strip_suffix(".json") {
                Some("recovery") => None,
                Some(rest) => match rest.strip_prefix(PREFIX) {
                    Some(id) if id != self.id => Some(id.to_string()),
                    _ => continue,
                },
                None => continue,
            };
            if let Some(id) = &id
                && running(&dir.join(format!("{PREFIX}{id}.lock")))
            {
                continue;
            }
            let file = e.path();
            if let Some(copy) = read(&file) {
                let when = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(UNIX_EPOCH);
                found.push((when, Orphan { file, copy }));
            }
        }
        found.sort_by_key(|(when, _)| std::cmp::Reverse(*when));
        found.into_iter().map(|(_, o)| o).collect()
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        // The last clone of a running window's place: its lock file goes
        // with it (the copy itself stays if the window did not clear it).
        if let (Some(lock), Some(dir)) = (self.lock.take(), &self.dir)
            && Arc::strong_count(&lock) == 1
        {
            drop(lock);
            let _ = std::fs::remove_file(dir.join(format!("{PREFIX}{}.lock", self.id)));
        }
    }
}

impl Orphan {
    /// Removes the crashed window's copy (and its lock file).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.file);
        let _ = std::fs::remove_file(self.file.with_extension("lock"));
    }

    /// Has the file the copy came from changed on disk since the copy was
    /// written?
    pub fn disk_changed(&self) -> bool {
        match (&self.copy.path, self.copy.disk) {
            (Some(p), Some(then)) => disk_stamp(p) != Some(then),
            _ => false,
        }
    }
}

/// Removes the lock files of windows that ended without a copy to offer
/// (killed while clean): they would pile up otherwise.
fn sweep_locks(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let is_lock = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".lock"));
        if is_lock && !path.with_extension("json").exists() && !running(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Is the window that owns this lock file still running (holding it)?
fn running(lock: &Path) -> bool {
    match File::options().write(true).open(lock) {
        Ok(f) => f.try_lock().is_err(),
        Err(_) => false,
    }
}

fn read(file: &Path) -> Option<Copy> {
    // A copy holds one workbook and a little about it.
    let bytes = crate::paths::read_regular(file, 2 * crate::limits::MAX_FILE_BYTES).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Size and modification time of a file, as the copy records them.
pub fn disk_stamp(path: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(path).ok()?;
    let modified = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((m.len(), modified.as_nanos()))
}

fn now_label() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%H:%M ngày %d/%m/%Y")
        .to_string()
}
