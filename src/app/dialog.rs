//! Native file dialogs (rfd). Where none exists (Linux without a portal or
//! zenity) rfd answers `None` at once, just like a cancel: an answer faster
//! than any person can click is taken as "no dialog here", and the app then
//! offers a path text field instead.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::strings;

/// Faster than this, a `None` cannot have come from a person pressing Cancel.
pub const NO_DIALOG_BELOW: Duration = Duration::from_millis(250);

/// What a picked path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    FromLastYear,
    /// Another workbook whose criteria table is copied into this one.
    CopyCriteria,
    /// A Word or Excel table of criteria (the Academy's guidance).
    ImportCriteria,
    /// Files member schools sent back, to merge (several at once).
    Returns,
    /// The cluster's workbook to merge the school copy on screen into.
    MasterForCopy,
}

/// What came back from a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No native dialog on this machine.
    Unavailable,
}

/// A dialog titled `title` in `folder`, listing workbooks (`.json`).
fn base(folder: Option<PathBuf>, title: &str) -> rfd::AsyncFileDialog {
    with_filter(folder, title, (strings::FILTER_NAME, &["json"]))
}

/// A dialog titled `title` in `folder`, listing the files of `filter`
/// (the type's name and extensions).
fn with_filter(
    folder: Option<PathBuf>,
    title: &str,
    (name, extensions): (&str, &[&str]),
) -> rfd::AsyncFileDialog {
    let mut d = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(name, extensions);
    if let Some(f) = folder.filter(|f| f.is_dir()) {
        d = d.set_directory(f);
    }
    d
}

/// Shows the dialog for `purpose`; `suggested` is the file name to save as.
pub async fn pick(purpose: Purpose, folder: Option<PathBuf>, suggested: String) -> Picked {
    let started = Instant::now();
    let title = match purpose {
        Purpose::Open => strings::DIALOG_OPEN,
        Purpose::FromLastYear => strings::DIALOG_LAST_YEAR,
        Purpose::MasterForCopy => strings::DIALOG_MASTER,
        Purpose::CopyCriteria => strings::DIALOG_COPY_CRITERIA,
        Purpose::ImportCriteria => strings::DIALOG_IMPORT_CRITERIA,
        // Several files: see `pick_returns`; one here.
        Purpose::Returns => strings::DIALOG_RETURNS,
        Purpose::SaveAs => strings::DIALOG_SAVE,
    };
    let d = if purpose == Purpose::ImportCriteria {
        with_filter(
            folder,
            title,
            (strings::FILTER_TABLES, &["docx", "xlsx", "xls", "ods"]),
        )
    } else {
        base(folder, title)
    };
    let picked = if purpose == Purpose::SaveAs {
        answer(started, d.set_file_name(suggested).save_file()).await
    } else {
        answer(started, d.pick_file()).await
    };
    match picked {
        Picked::Path(p) => Picked::Path(with_json_extension(p, purpose)),
        other => other,
    }
}

/// A name typed without extension in a save dialog gets ".json".
pub fn with_json_extension(path: PathBuf, purpose: Purpose) -> PathBuf {
    if purpose == Purpose::SaveAs && path.extension().is_none() {
        path.with_extension("json")
    } else {
        path
    }
}

/// What a native dialog answered, as [`Picked`]: no answer at once means
/// there is no native dialog on this machine (the caller then shows a
/// typed-path field), a later one that it was cancelled.
async fn answer(
    started: Instant,
    handle: impl std::future::Future<Output = Option<rfd::FileHandle>>,
) -> Picked {
    match handle.await {
        Some(h) => Picked::Path(h.path().to_path_buf()),
        None if started.elapsed() < NO_DIALOG_BELOW => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// A file to write: the one save dialog of the window (documents, next
/// year's workbook). `filter` is the type's name and extensions; the
/// dialog opens in `folder` with `suggested` as the name.
pub async fn save_file(
    title: &str,
    filter: (&str, &[&str]),
    folder: Option<PathBuf>,
    suggested: String,
) -> Picked {
    let started = Instant::now();
    let d = with_filter(folder, title, filter).set_file_name(suggested);
    answer(started, d.save_file()).await
}

/// A folder (all documents at once).
pub async fn pick_folder(title: &str, folder: Option<PathBuf>) -> Picked {
    let started = Instant::now();
    let mut d = rfd::AsyncFileDialog::new().set_title(title);
    if let Some(f) = folder.filter(|f| f.is_dir()) {
        d = d.set_directory(f);
    }
    answer(started, d.pick_folder()).await
}

/// The files member schools sent back, several at once. `Err` when none
/// was picked: cancelled, or no native dialog.
pub async fn pick_returns(folder: Option<PathBuf>) -> Result<Vec<PathBuf>, Picked> {
    let started = Instant::now();
    // Returns come as workbook copies or as filled Excel forms.
    let filter = (strings::FILTER_RETURNS, &["json", "xlsx", "xls", "ods"][..]);
    match with_filter(folder, strings::DIALOG_RETURNS, filter)
        .pick_files()
        .await
    {
        Some(files) if !files.is_empty() => {
            Ok(files.iter().map(|h| h.path().to_path_buf()).collect())
        }
        _ if started.elapsed() < NO_DIALOG_BELOW => Err(Picked::Unavailable),
        _ => Err(Picked::Cancelled),
    }
}
