//! Where a command may write. No output replaces a workbook the command
//! was given, that workbook's backup, or any master — whatever the path
//! says: through a symbolic link, a hard link, or (Windows) another case of
//! the same name, a file is the same file. `--force` replaces only a file
//! of the kind the command writes (a workbook for `new-year`, `merge --out`
//! and the mail-out; a PDF, Word or Excel file for `export`).

use crate::workbook::file::{self, Overwrite};
use std::io::Read;
use std::path::Path;

/// What a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A workbook (`.json`).
    Workbook,
    /// A PDF document.
    Pdf,
    /// A Word or Excel file (a zip package).
    Package,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Workbook => "sổ thi đua (.json)",
            Kind::Pdf => "PDF",
            Kind::Package => "Word/Excel",
        }
    }

    /// Whether the file at `path` is of this kind (by its content).
    fn matches(self, path: &Path) -> bool {
        let mut head = [0u8; 8];
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .unwrap_or(0);
        match self {
            Kind::Workbook => file::is_our_workbook(path),
            Kind::Pdf => head[..n].starts_with(b"%PDF"),
            Kind::Package => head[..n].starts_with(b"PK\x03\x04"),
        }
    }
}

/// Whether `out` may be written, given the workbooks the command read
/// (`inputs`) and whether `--force` was given: `Ok(overwrite)` with how to
/// write it, or the reason it is refused (Vietnamese, naming the file).
pub fn check(out: &Path, inputs: &[&Path], kind: Kind, force: bool) -> Result<Overwrite, String> {
    let shown = out.display();
    if out.is_dir() {
        return Err(format!(
            "{shown}: đây là một thư mục đã có, không phải tên tệp. Hãy ghi cả tên tệp sau thư mục (ví dụ {}).",
            out.join(match kind {
                Kind::Workbook => "Cum8-2019-gop.json",
                Kind::Pdf => "BienBan.pdf",
                Kind::Package => "BienBan.docx",
            })
            .display()
        ));
    }
    for input in inputs {
        if same(out, input) {
            return Err(format!(
                "{shown}: đây chính là tệp sổ đang đọc ({}): không ghi đè, kể cả với --force. Hãy chọn tên tệp khác.",
                input.display()
            ));
        }
        let bak = file::backup_path(&file::real_path(input));
        if same(out, &bak) {
            return Err(format!(
                "{shown}: đây là bản sao lưu của sổ đang đọc: không ghi đè, kể cả với --force. Hãy chọn tên tệp khác."
            ));
        }
    }
    if !out.exists() {
        return Ok(Overwrite::WorkbookOnly);
    }
    if is_master(out) {
        return Err(format!(
            "{shown}: đây là sổ của cụm (có khóa ký hoặc đã gộp tệp các trường, hoặc đang được mở): không ghi đè, kể cả với --force. Hãy chọn tên tệp khác."
        ));
    }
    if !force {
        return Err(format!(
            "{shown}: tệp đã có; không ghi đè (thêm --force để ghi đè)."
        ));
    }
    if !kind.matches(out) {
        return Err(format!(
            "{shown}: tệp đã có và không phải tệp {}: không ghi đè, kể cả với --force. Hãy chọn tên tệp khác.",
            kind.name()
        ));
    }
    Ok(Overwrite::Anything)
}

/// Whether two paths name one file (a question of paths: see
/// [`crate::paths::same`]).
pub use crate::paths::same;

/// A master: a workbook that is not a school's copy and holds what cannot
/// be made again (the signing secret, merged returns, open conflicts), or
/// any workbook a window or command holds now.
pub fn is_master(path: &Path) -> bool {
    if !file::is_our_workbook(path) {
        return false;
    }
    if super::lock::holder(path).is_some() {
        return true;
    }
    match crate::workbook::file::load_as(path, file::Check::FileOnly) {
        Ok(l) => {
            let p = &l.workbook.provenance;
            p.copy_for.is_none()
                && (!p.secret.is_empty() || !p.returns.is_empty() || !p.conflicts.is_empty())
        }
        // A workbook too damaged to read is kept: someone may need it.
        Err(_) => true,
    }
}
