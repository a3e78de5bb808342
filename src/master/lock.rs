//! The lock beside a master: `~$Cum8-2019.json.lock`, as office programs
//! do. A lock on the master itself would not survive the save's rename,
//! and an operating-system lock records no holder; so the lock is a small
//! file beside the master, created exclusively, that says who holds it
//! (machine, user, process, since when), and that its holder keeps locked
//! with the system's shared lock (`File::lock_shared`: Windows and Linux)
//! for as long as it lives.
//!
//! - The file exists and its system lock is held: a live window or command
//!   holds the master ([`LockError::Held`]).
//! - The file exists but nobody holds its system lock: its holder is gone.
//!   From this machine, the lock is taken over silently (a crash or power
//!   cut). From another machine it may be gone, or (a folder synchronised
//!   by OneDrive) its lock may not be visible here: the window asks, the
//!   command line refuses unless `--unlock` ([`LockError::MaybeCrashed`]).
//! - A lock file only just created (its holder may not have locked it yet)
//!   counts as held.
//!
//! The lock file holds no secret and nothing of the workbook; the file
//! format is not touched.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A lock file younger than this whose system lock is free is being
/// created (written, not yet locked): it counts as held.
const GRACE: Duration = Duration::from_secs(3);

/// What the lock file says, read back as JSON.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Holder {
    /// The computer's name (as Windows shows it).
    pub machine: String,
    /// The account that opened the master.
    pub user: String,
    pub pid: u32,
    /// When, as the holder's clock tells it: "08:30 ngày 01/10/2024".
    pub since: String,
    /// Random: tells this holding of the lock from a later one.
    #[serde(default)]
    pub token: String,
    /// Made whole and locked under another name, then linked into place:
    /// never seen unlocked while its holder lives (no grace needed).
    #[serde(default)]
    pub linked: bool,
}

impl Holder {
    /// This process, now.
    pub fn here() -> Holder {
        let now = jiff::ZonedDateTime::now();
        Holder {
            machine: machine_name(),
            user: user_name(),
            pid: std::process::id(),
            since: format!(
                "{} ngày {}",
                now.strftime("%H:%M"),
                crate::text::format_date(now.date())
            ),
            token: crate::workbook::new_replica_id(),
            linked: false,
        }
    }

    /// Whether it was made on this computer.
    pub fn on_this_machine(&self) -> bool {
        self.machine.eq_ignore_ascii_case(&machine_name())
    }

    /// "máy KETOAN-PC (người dùng lan)".
    pub fn who(&self) -> String {
        if self.user.is_empty() {
            format!("máy {}", self.machine)
        } else {
            format!("máy {} (người dùng {})", self.machine, self.user)
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut b = serde_json::to_vec_pretty(self).unwrap_or_default();
        b.push(b'\n');
        b
    }
}

/// This computer's name; "không rõ tên" when the system does not say.
pub fn machine_name() -> String {
    let name = gethostname::gethostname()
        .to_string_lossy()
        .trim()
        .to_string();
    if name.is_empty() {
        "không rõ tên".into()
    } else {
        name
    }
}

fn user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

/// Why the master could not be locked.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LockError {
    /// A window or a command holds it now.
    #[error(
        "Sổ đang được mở trên {} từ {}. Hãy đợi người đó đóng sổ (hoặc xong lệnh), rồi thử lại.",
        .0.who(),
        .0.since
    )]
    Held(Holder),
    /// Left by another computer whose program is gone, or whose lock this
    /// computer cannot see (a synchronised folder).
    #[error(
        "Máy {} có thể đã tắt đột ngột: sổ vẫn ghi là đang được mở trên {} từ {}.",
        .0.machine,
        .0.who(),
        .0.since
    )]
    MaybeCrashed(Holder),
    /// The lock file cannot be read or made (no right to write in the
    /// folder, a read-only share).
    #[error(
        "Không tạo được tệp khóa \u{201c}{path}\u{201d}: {}.",
        crate::text::io_reason(source)
    )]
    Io {
        path: PathBuf,
        source: Arc<io::Error>,
    },
}

impl LockError {
    /// A stable code, for tests and logs.
    pub fn code(&self) -> &'static str {
        match self {
            LockError::Held(_) => "held",
            LockError::MaybeCrashed(_) => "maybe_crashed",
            LockError::Io { .. } => "io",
        }
    }

    pub fn holder(&self) -> Option<&Holder> {
        match self {
            LockError::Held(h) | LockError::MaybeCrashed(h) => Some(h),
            LockError::Io { .. } => None,
        }
    }
}

/// Whose lock may be taken over when its holder is gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TakeOver {
    /// Only one left on this computer (its process is gone).
    ThisMachine,
    /// Also one left by another computer (the clerk said so: `--unlock`,
    /// or "Mở tiếp" in the window).
    AnyMachine,
}

/// The master held: released (the lock file removed) when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    master: PathBuf,
    holder: Holder,
    file: Option<File>,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The master it holds (links followed).
    pub fn master(&self) -> &Path {
        &self.master
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Whether this lock holds `master` (the same file, by its real path).
    pub fn holds(&self, master: &Path) -> bool {
        lock_path(master) == self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked, and only when it is still ours (a
        // clerk elsewhere may have taken it over with "Mở tiếp").
        if read_holder(&self.path).is_some_and(|h| h.token == self.holder.token) {
            let _ = std::fs::remove_file(&self.path);
        }
        self.file.take();
    }
}

/// `~$Cum8-2019.json.lock` beside the master's real file (a symbolic link
/// is followed: two names of one master share one lock).
pub fn lock_path(master: &Path) -> PathBuf {
    let real = crate::workbook::file::real_path(master);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!("~${name}.lock"))
}

/// Takes the lock of `master`, or says who holds it.
pub fn acquire(master: &Path, take_over: TakeOver) -> Result<Lock, LockError> {
    let path = lock_path(master);
    let io_err = |e: io::Error| LockError::Io {
        path: path.clone(),
        source: Arc::new(e),
    };
    let mut last = None;
    for _ in 0..20 {
        match create(&path, master) {
            Ok(lock) => {
                remove_leftovers(&path);
                return Ok(lock);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            // Windows: a lock file being removed (pending delete) refuses
            // to be created for a moment.
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(5) && path.exists() => {}
            Err(e) => return Err(io_err(e)),
        }
        match inspect(&path) {
            State::Gone => continue,
            State::Live(h) => return Err(LockError::Held(h)),
            State::Fresh(h) => {
                last = h;
                std::thread::sleep(Duration::from_millis(100));
            }
            State::Stale(h, file) => {
                let ours_to_take = match &h {
                    None => true, // never written: its maker died at once
                    Some(h) => h.on_this_machine() || take_over == TakeOver::AnyMachine,
                };
                if !ours_to_take {
                    return Err(LockError::MaybeCrashed(h.unwrap_or_else(unknown)));
                }
                // Still the file inspected (not one a quicker process made
                // meanwhile): removed while its lock is ours.
                if read_holder(&path) == h {
                    let _ = std::fs::remove_file(&path);
                }
                drop(file);
            }
        }
    }
    Err(LockError::Held(last.unwrap_or_else(unknown)))
}

/// Makes the lock file at `path`, or fails with `AlreadyExists`. The file
/// is written and locked under a name of its own, then hard-linked into
/// place (which fails if a lock is there): nobody ever sees it unlocked or
/// half written. Where hard links are not supported, it is created in place
/// and its first seconds count as held (see [`GRACE`]).
fn create(path: &Path, master: &Path) -> io::Result<Lock> {
    let mut holder = Holder::here();
    let lock = |file, holder| Lock {
        path: path.to_path_buf(),
        master: crate::workbook::file::real_path(master),
        holder,
        file: Some(file),
    };
    let tmp = temporary_name(path, &holder.token);
    holder.linked = true;
    let linked = (|| -> io::Result<Option<File>> {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        // Written before the shared lock: on Windows a shared lock stops
        // even its holder from writing.
        file.write_all(&holder.to_bytes())?;
        file.sync_all()?;
        file.lock_shared()?;
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(Some(file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            Err(_) => Ok(None),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(Some(file)) => return Ok(lock(file, holder)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        // No hard links here (some shares): made in place.
        Ok(None) | Err(_) => {}
    }
    holder.linked = false;
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(&holder.to_bytes())?;
    let _ = file.sync_all();
    let _ = file.lock_shared();
    Ok(lock(file, holder))
}

/// "~$Cum8-2019.json.lock.<token>.tmp": where a lock is made before it is
/// linked into place.
fn temporary_name(path: &Path, token: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.{token}.tmp"))
}

/// Removes the temporary lock files of processes killed while making one
/// (nobody holds their lock).
fn remove_leftovers(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!("{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix)
            && n.ends_with(".tmp")
            && File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Who holds `master` now, if anyone (a lock left by a process that is
/// gone is not a holder).
pub fn holder(master: &Path) -> Option<Holder> {
    match inspect(&lock_path(master)) {
        State::Live(h) => Some(h),
        State::Fresh(h) => Some(h.unwrap_or_else(unknown)),
        State::Gone | State::Stale(..) => None,
    }
}

fn unknown() -> Holder {
    Holder {
        machine: "không rõ".into(),
        user: String::new(),
        pid: 0,
        since: "vừa rồi".into(),
        token: String::new(),
        linked: false,
    }
}

enum State {
    Gone,
    /// Held by a live process.
    Live(Holder),
    /// Just created: its maker may not have locked it yet.
    Fresh(Option<Holder>),
    /// Nobody holds it: the file, locked by us until dropped.
    Stale(Option<Holder>, File),
}

fn inspect(path: &Path) -> State {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return State::Gone,
        Err(_) => return State::Fresh(read_holder(path)),
    };
    match file.try_lock() {
        Ok(()) => {
            let holder = read_holder(path);
            // A lock linked into place was locked before it appeared.
            let young = !holder.as_ref().is_some_and(|h| h.linked)
                && file
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_none_or(|age| age < GRACE);
            if young {
                State::Fresh(holder)
            } else {
                State::Stale(holder, file)
            }
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            State::Live(read_holder(path).unwrap_or_else(unknown))
        }
        // A file system without locks: whoever wrote it may be alive.
        Err(std::fs::TryLockError::Error(_)) => match read_holder(path) {
            Some(h) => State::Live(h),
            None => State::Fresh(None),
        },
    }
}

fn read_holder(path: &Path) -> Option<Holder> {
    let mut text = String::new();
    File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    serde_json::from_str(&text).ok()
}
