//! The leader's master workbook as something written to: one policy, two
//! front ends. The command line (`cli::merge`, `cli::mail_out`,
//! `cli::new_year`) and the window both go through here, and only render
//! the outcome.
//!
//! - [`lock`]: one writer per master — a lock file beside it
//!   (`~$Cum8-2019.json.lock`) saying who holds it, kept while a window has
//!   the master open or a command writes it.
//! - [`read`] and [`save`]: the master as read (with the hash of its bytes)
//!   and saved only over that same file (a file changed on disk meanwhile
//!   is never overwritten).
//! - [`output`]: no output replaces a workbook it was given, its backup, or
//!   any master; `--force` replaces only a file of the kind written.
//! - [`merge`]: reading, locking, reviewing, applying returned files with
//!   every guard (unsigned files only for the school the clerk names; no
//!   new problem; a master that still opens), and saving.
//! - [`send`]: the mail-out (copies, forms, the master's secret saved
//!   first) and the final copy.

pub mod lock;
pub mod merge;
pub mod output;
pub mod send;

use crate::workbook::file::{self, Overwrite};
use crate::workbook::{LoadError, Loaded, SaveError, Workbook};
use std::path::Path;

/// A master as read: the workbook and the hash of the file's bytes, which
/// the save compares with the file on disk before replacing it.
#[derive(Debug, Clone)]
pub struct Read {
    pub loaded: Loaded,
    pub disk_hash: String,
}

/// Reads a workbook file once, keeping the hash of its bytes.
pub fn read(path: &Path) -> Result<Read, LoadError> {
    let bytes = file::read_limited(path)?;
    let disk_hash = file::hash_of(&bytes);
    let loaded = crate::workbook::load_bytes(&bytes)?;
    Ok(Read { loaded, disk_hash })
}

/// Saves `workbook` over the file it was read from (`disk_hash`: see
/// [`Read`]), refused when that file changed meanwhile. Returns the new
/// hash.
pub fn save(path: &Path, workbook: &Workbook, disk_hash: &str) -> Result<String, SaveError> {
    file::save_over(path, workbook, Overwrite::WorkbookOnly, disk_hash)
}

/// "Không lưu … (chưa ghi gì)" for a master that could not be saved, with
/// what to do instead: a read-only file or folder offers `--out` on the
/// command line ("Lưu thành…" in the window).
pub fn not_saved(e: &SaveError, cli: bool) -> String {
    let instead = if cli {
        "thêm --out TỆP_KHÁC.json để lưu kết quả ra tệp khác"
    } else {
        "dùng \u{201c}Lưu thành…\u{201d} để lưu ra tệp khác"
    };
    match e {
        SaveError::ReadOnly(p) | SaveError::PermissionDenied(p) => format!(
            "Không lưu: \u{201c}{}\u{201d} chỉ đọc hoặc không có quyền ghi. Sổ của cụm giữ nguyên, chưa gộp gì; {instead}.",
            p.display()
        ),
        other => format!("{other} Sổ của cụm giữ nguyên, chưa gộp gì; {instead}."),
    }
}
