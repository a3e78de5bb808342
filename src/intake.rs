//! Criteria tables in from the files the Academy sends: a Word document
//! (.docx) or a spreadsheet (.xlsx, .xls, .ods). The file is read within
//! the bounds of a returned file (`crate::limits`: its size, what a zip
//! unpacks to, cells and text), its tables handed to
//! `workbook::criteria_table` to be understood. A .doc, an .rtf or a PDF is
//! refused with what to do instead.

mod docx;

use crate::limits;
use crate::workbook::criteria_table::{self, SourceTable, TableError, Understood};
use std::path::Path;

/// Why no table could be read from a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error(
        "Tệp Word dạng cũ (.doc) không đọc được. Hãy mở tệp trong Word, chọn Tệp → Lưu thành → \u{201c}Tài liệu Word (*.docx)\u{201d}, rồi nhập tệp .docx đó."
    )]
    OldWord,
    #[error(
        "Tệp PDF không nhập được (PDF chỉ giữ chữ in, không giữ bảng). Hãy xin văn bản gốc dạng Word (.docx) hoặc Excel (.xlsx); có tệp .doc thì mở trong Word và lưu thành .docx."
    )]
    Pdf,
    #[error(
        "Tệp RTF không đọc được. Hãy mở tệp trong Word và lưu thành \u{201c}Tài liệu Word (*.docx)\u{201d}."
    )]
    Rtf,
    #[error(
        "Không nhận ra loại tệp: chỉ nhập được bảng từ Word (.docx) hoặc bảng tính (.xlsx, .xls, .ods)."
    )]
    Unknown,
    #[error("Tệp lớn hơn mọi bảng tiêu chí ({size} byte, tối đa {max} byte): không đọc.")]
    TooLarge { size: u64, max: u64 },
    #[error("Tệp bị hỏng hoặc không đúng định dạng: {0}")]
    Damaged(String),
    #[error("Không đọc được tệp: {0}")]
    Io(String),
    #[error("Tệp không có bảng nào.")]
    NoTable,
    #[error("Tệp không có bảng số {asked} (chỉ có {count} bảng).")]
    NoSuchTable { asked: usize, count: usize },
    #[error(transparent)]
    Table(#[from] TableError),
}

/// The tables of a file, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    pub tables: Vec<SourceTable>,
}

/// Reads the tables of a file.
pub fn read(path: &Path) -> Result<Tables, IntakeError> {
    let bytes = crate::paths::read_regular(path, limits::MAX_FILE_BYTES).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            IntakeError::TooLarge {
                size: std::fs::metadata(path).map_or(0, |m| m.len()),
                max: limits::MAX_FILE_BYTES,
            }
        } else {
            IntakeError::Io(crate::text::io_reason(&e))
        }
    })?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    read_bytes(&bytes, &ext)
}

/// Reads the tables of a file's bytes; `ext` (lower case, no dot) tells an
/// old Word file from an old Excel one, both of the same container.
pub fn read_bytes(bytes: &[u8], ext: &str) -> Result<Tables, IntakeError> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(IntakeError::TooLarge {
            size: bytes.len() as u64,
            max: limits::MAX_FILE_BYTES,
        });
    }
    let tables = if bytes.starts_with(b"%PDF") || ext == "pdf" {
        return Err(IntakeError::Pdf);
    } else if bytes.starts_with(b"{\\rtf") {
        return Err(IntakeError::Rtf);
    } else if bytes.starts_with(OLE) {
        if matches!(ext, "doc" | "dot" | "docx") {
            return Err(IntakeError::OldWord);
        }
        spreadsheet(bytes)?
    } else if bytes.starts_with(b"PK") {
        if docx::is_word(bytes) {
            docx::tables(bytes)?
        } else {
            spreadsheet(bytes)?
        }
    } else {
        return Err(IntakeError::Unknown);
    };
    if tables.is_empty() {
        return Err(IntakeError::NoTable);
    }
    Ok(Tables { tables })
}

fn spreadsheet(bytes: &[u8]) -> Result<Vec<SourceTable>, IntakeError> {
    use crate::spreadsheet::read::FormError;
    crate::spreadsheet::read::tables(bytes).map_err(|e| match e {
        FormError::Unreadable(s) | FormError::Damaged(s) | FormError::Newer(s) => {
            IntakeError::Damaged(s)
        }
        FormError::NotAForm => IntakeError::Unknown,
    })
}

impl Tables {
    /// The table to import: `asked` (1-based) or else the first that looks
    /// like a criteria table (else the first). Returns its index.
    pub fn pick(&self, asked: Option<usize>) -> Result<usize, IntakeError> {
        match asked {
            Some(n) if n >= 1 && n <= self.tables.len() => Ok(n - 1),
            Some(n) => Err(IntakeError::NoSuchTable {
                asked: n,
                count: self.tables.len(),
            }),
            None => Ok(self
                .tables
                .iter()
                .position(criteria_table::looks_like_criteria)
                .unwrap_or(0)),
        }
    }

    /// The other tables that look like criteria tables: offered, not mixed
    /// in. (1-based number, label.)
    pub fn others(&self, chosen: usize) -> Vec<(usize, String)> {
        self.tables
            .iter()
            .enumerate()
            .filter(|(i, t)| *i != chosen && criteria_table::looks_like_criteria(t))
            .map(|(i, t)| (i + 1, t.label.clone()))
            .collect()
    }
}

/// Reads a file and understands its table (`table`: 1-based, or the first
/// criteria table): the file's tables and the one understood.
pub fn import(
    path: &Path,
    table: Option<usize>,
) -> Result<(Tables, usize, Understood), IntakeError> {
    let tables = read(path)?;
    let i = tables.pick(table)?;
    let understood = criteria_table::understand(&tables.tables[i])?;
    Ok((tables, i, understood))
}

/// The edit that puts `fitted` in `wb`, checked: refused with the scored
/// criteria that would vanish (unless `replace`), or with the problems
/// `check` would newly find (by their identity, not their wording). The
/// one rule the CLI (`thidua criteria --apply`) and the window follow.
pub fn checked_edit(
    wb: &crate::workbook::Workbook,
    fitted: &criteria_table::Fitted,
    replace: bool,
) -> Result<crate::workbook::edit::Edit, Vec<String>> {
    let edit = fitted.edit(wb, replace).map_err(|vanishing| {
        vanishing
            .iter()
            .map(|v| format!("tiêu chí {} \u{201c}{}\u{201d} đã có điểm", v.code, v.title))
            .collect::<Vec<_>>()
    })?;
    let mut next = wb.clone();
    edit.clone()
        .apply(&mut next)
        .map_err(|e| vec![e.to_string()])?;
    let before = crate::workbook::validate(wb);
    let new: Vec<String> = crate::workbook::validate(&next)
        .into_iter()
        .filter(|p| !before.iter().any(|b| b.kind == p.kind))
        .map(|p| p.message())
        .collect();
    if new.is_empty() { Ok(edit) } else { Err(new) }
}
