//! The mail-out: the one policy behind `thidua mail-out` and the window's
//! "Gửi cho các trường…" / "Lập lại bản gửi" / "Gửi bản cuối…". The first
//! mail-out gives the master its secret; every mail-out records what each
//! copy was given (`provenance.issued`). Both are kept in the app's data
//! folder and the master is saved with them before any copy is written
//! (copies whose keys the saved master cannot derive again would come back
//! as forged). No copy or form replaces a
//! master or the workbook it is made from.

use super::lock::{self, LockError, TakeOver};
use super::output::{self, Kind};
use crate::exchange;
use crate::workbook::{self, Id, LoadError, Owner, Problem, Scope, Workbook};
use std::path::{Path, PathBuf};

/// What the mail-out wrote, and what it could not.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    /// Each file written, with what it is ("bản gửi Trường …").
    pub written: Vec<(PathBuf, String)>,
    /// Each file not written, with why (Vietnamese, naming the file).
    pub errors: Vec<String>,
    /// The master was given its secret (and saved with it).
    pub new_secret: bool,
    /// Copies made (the schools sent to).
    pub copies: usize,
}

/// Why nothing was sent.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Failure {
    #[error("{0} {advice}", advice = .0.advice())]
    Load(LoadError),
    #[error("{0}")]
    Lock(LockError),
    /// The master has problems in its file part (listed by the caller).
    #[error("sổ có lỗi nội dung")]
    Problems(Vec<Problem>),
    #[error("{0}")]
    Refused(String),
}

/// The mail-out of the master at `path`, read under its lock (the command
/// line). `unlock`: take over a lock another machine left.
pub fn mail_out_file(
    path: &Path,
    dir: &Path,
    only: Option<&Id>,
    force: bool,
    unlock: bool,
) -> Result<Sent, Failure> {
    let how = if unlock {
        TakeOver::AnyMachine
    } else {
        TakeOver::ThisMachine
    };
    let _held = lock::acquire(path, how).map_err(Failure::Lock)?;
    let read = super::read(path).map_err(Failure::Load)?;
    file_problems(&read.loaded)?;
    let mut master = read.loaded.workbook;
    let hash = read.disk_hash;
    mail_out(&mut master, path, dir, only, force, &mut |wb| {
        super::save(path, wb, &hash)
            .map(|_| ())
            .map_err(|e| super::not_saved(&e, true))
    })
}

/// The mail-out of a master held by the caller (the window holds its lock):
/// `save` saves the master with its secret and what it issued (before any
/// copy is written; a failed save sends nothing).
pub fn mail_out(
    master: &mut Workbook,
    master_path: &Path,
    dir: &Path,
    only: Option<&Id>,
    force: bool,
    save: &mut dyn FnMut(&Workbook) -> Result<(), String>,
) -> Result<Sent, Failure> {
    if master.provenance.copy_for.is_some() {
        return Err(Failure::Refused(format!(
            "{}: đây là bản của một trường, không phải sổ của cụm: không gửi được.",
            master_path.display()
        )));
    }
    if let Some(id) = only
        && master.current_members().all(|s| &s.id != id)
    {
        return Err(Failure::Refused(format!(
            "Không có trường mã \u{201c}{id}\u{201d} trong cụm."
        )));
    }
    folder(dir)?;
    let mut next = master.clone();
    let (copies, new_secret) = exchange::mail_out_for(&mut next, only).map_err(Failure::Refused)?;
    // The keys come from the secret, and the master records what each copy
    // was given: both are kept — beside the app first (a master restored
    // from an older backup finds its key there), then in the master —
    // before any copy is written.
    if let Some(keys) = exchange::keystore::Keystore::current() {
        keys.remember(&next).map_err(Failure::Refused)?;
    }
    exchange::stamp(&mut next, &Owner::Cluster);
    save(&next).map_err(Failure::Refused)?;
    *master = next;
    let mut sent = Sent {
        new_secret,
        ..Sent::default()
    };
    for (school, copy) in &copies {
        if only.is_some_and(|o| o != school) {
            continue;
        }
        sent.copies += 1;
        let name = master.school_full_name(school);
        let path = dir.join(exchange::mail_out_name(master, school));
        match write(&path, master_path, Kind::Workbook, force, |p, o| {
            workbook::file::write_file(p, &workbook::to_bytes(copy), o, false)
                .map_err(|e| e.to_string())
        }) {
            Ok(()) => sent.written.push((path, format!("bản gửi {name}"))),
            Err(e) => {
                sent.errors.push(e);
                continue;
            }
        }
        // Beside it, the same part as an Excel form, for a school without
        // the app.
        let form = dir.join(crate::spreadsheet::form::file_name(master, school));
        match write(&form, master_path, Kind::Package, force, |p, _| {
            crate::spreadsheet::form::write(master, school, p)
        }) {
            Ok(()) => sent
                .written
                .push((form, format!("phiếu tự chấm Excel cho {name}"))),
            Err(e) => sent.errors.push(e),
        }
    }
    Ok(sent)
}

/// The final workbook for everyone (no key at all) in `dir`.
pub fn final_copy(
    master: &Workbook,
    master_path: &Path,
    dir: &Path,
    force: bool,
) -> Result<PathBuf, Failure> {
    folder(dir)?;
    let path = dir.join(exchange::final_copy_name(master));
    let copy = exchange::final_copy(master);
    write(&path, master_path, Kind::Workbook, force, |p, o| {
        workbook::file::write_file(p, &workbook::to_bytes(&copy), o, false)
            .map_err(|e| e.to_string())
    })
    .map_err(Failure::Refused)?;
    Ok(path)
}

/// The final copy of the master at `path` (read, not written: no lock).
pub fn final_copy_file(path: &Path, dir: &Path, force: bool) -> Result<PathBuf, Failure> {
    let read = super::read(path).map_err(Failure::Load)?;
    file_problems(&read.loaded)?;
    if read.loaded.workbook.provenance.copy_for.is_some() {
        return Err(Failure::Refused(format!(
            "{}: đây là bản của một trường, không phải sổ của cụm: không gửi được.",
            path.display()
        )));
    }
    final_copy(&read.loaded.workbook, path, dir, force)
}

/// The folder the copies go to, made when missing.
fn folder(dir: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::Refused(format!(
            "{}: không tạo được thư mục ({}).",
            dir.display(),
            crate::text::io_reason(&e)
        ))
    })
}

/// Writes one output after the guard of [`output::check`].
fn write(
    path: &Path,
    master: &Path,
    kind: Kind,
    force: bool,
    put: impl FnOnce(&Path, workbook::file::Overwrite) -> Result<(), String>,
) -> Result<(), String> {
    let overwrite = output::check(path, &[master], kind, force)?;
    put(path, overwrite).map_err(|e| format!("{}: {e}", path.display()))
}

/// Refuses a master with problems in its file part (members, rules,
/// criteria, activities): copies of it would carry them to every school.
fn file_problems(loaded: &workbook::Loaded) -> Result<(), Failure> {
    let blocking: Vec<Problem> = loaded
        .problems
        .iter()
        .filter(|p| p.scope == Scope::File)
        .cloned()
        .collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(Failure::Problems(blocking))
    }
}
