//! Reading a filled self-assessment form back, as Excel and LibreOffice
//! actually write it: numbers as floats, numbers typed as text with a
//! decimal comma, dates as serial numbers or text, cells left empty, rows
//! and sheets the clerk added. Sheets and columns are found by their marks
//! and headers, not by position; rows by the id in their hidden column.
//! This module only reads: what the values mean for the master is decided
//! in `exchange::form`.

use super::form::{FORMAT_TAG, ID_SHEET, INSTRUCTIONS};
use super::schema::{
    self, ACTIVITIES, BONUS, REGISTRATION, SELF, activity_col, bonus_col, registration_col,
    self_col,
};
use crate::limits::spreadsheet as limits;
use crate::workbook::{Id, Points};
use calamine::{Data, Reader};
use jiff::civil::Date;
use std::collections::BTreeMap;

mod guard;
mod table;

pub use table::tables;

/// Why a spreadsheet cannot be read as a form (Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("Tệp không đọc được như một bảng tính Excel ({0}).")]
    Unreadable(String),
    #[error(
        "Tệp bảng tính này không phải phiếu tự chấm do Sổ Thi Đua lập (không có phần nhận dạng của phiếu). Trường cần điền vào phiếu cụm đã gửi, không phải một bảng tính khác."
    )]
    NotAForm,
    #[error(
        "Phiếu tự chấm được lập bằng phiên bản Sổ Thi Đua mới hơn ({0}): hãy cập nhật chương trình."
    )]
    Newer(String),
    #[error("Phiếu tự chấm bị hỏng: {0}")]
    Damaged(String),
}

/// One cell as read: where it is and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// "D7", for messages.
    pub name: String,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Number(f64),
    Text(String),
    Date(Date),
    Bool(bool),
    /// An error value (#VALUE!…), or a date-time that is not a calendar date.
    Error(String),
}

impl Cell {
    fn new(name: String, data: Option<&Data>) -> Cell {
        let value = match data {
            None | Some(Data::Empty) => Value::Empty,
            Some(Data::String(s)) if s.trim().is_empty() => Value::Empty,
            Some(Data::String(s)) => Value::Text(clean(s)),
            Some(Data::Float(f)) => Value::Number(*f),
            Some(Data::Int(i)) => Value::Number(*i as f64),
            Some(Data::Bool(b)) => Value::Bool(*b),
            // A date cell: its calendar date (the workbook's 1900 or 1904
            // date system counted by calamine); a time or duration is not
            // a date.
            Some(Data::DateTime(d)) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                match Date::new(y as i16, m as i8, day as i8) {
                    Ok(date) if d.is_datetime() && d.as_f64() >= 1.0 => Value::Date(date),
                    _ => Value::Number(d.as_f64()),
                }
            }
            Some(Data::DateTimeIso(s)) => match iso_date(s) {
                Some(d) => Value::Date(d),
                None => Value::Error(s.clone()),
            },
            Some(Data::DurationIso(s)) => Value::Error(s.clone()),
            Some(Data::Error(e)) => Value::Error(e.to_string()),
        };
        Cell { name, value }
    }

    pub fn is_empty(&self) -> bool {
        self.value == Value::Empty
    }

    /// Text as typed (NFC, trimmed); None when empty. Numbers and dates as
    /// the clerk would read them.
    pub fn text(&self) -> Option<String> {
        match &self.value {
            Value::Empty => None,
            Value::Text(s) => Some(s.clone()),
            Value::Number(f) => Some(number_text(*f)),
            Value::Date(d) => Some(crate::text::format_date(*d)),
            Value::Bool(b) => Some(if *b { "Có" } else { "Không" }.into()),
            Value::Error(e) => Some(e.clone()),
        }
    }

    /// A score: None when empty. A float within 1e-6 of a hundredth is that
    /// hundredth (8.5 may come back as 8.499999999); anything finer, a
    /// negative or unreadable value is refused with the cell named.
    pub fn points(&self) -> Result<Option<Points>, String> {
        let refuse = |what: &str| Err(format!("ô {}: {what}", self.name));
        match &self.value {
            Value::Empty => Ok(None),
            Value::Number(f) => match points_of(*f) {
                Some(p) => Ok(Some(p)),
                None => refuse(&format!(
                    "{} không phải số điểm hợp lệ (tối đa hai chữ số thập phân)",
                    number_text(*f)
                )),
            },
            Value::Text(s) => match Points::parse_vi(s) {
                Ok(p) => Ok(Some(p)),
                Err(_) => refuse(&format!(
                    "\u{201c}{s}\u{201d} không phải số điểm (ví dụ 8,5)"
                )),
            },
            Value::Date(_) | Value::Bool(_) | Value::Error(_) => refuse(&format!(
                "\u{201c}{}\u{201d} không phải số điểm",
                self.text().unwrap_or_default()
            )),
        }
    }

    /// A date: None when empty; a date cell, a serial number or text
    /// "dd/mm/yyyy".
    pub fn date(&self) -> Result<Option<Date>, String> {
        match &self.value {
            Value::Empty => Ok(None),
            Value::Date(d) => Ok(Some(*d)),
            Value::Number(f) => serial_date(*f)
                .map(Some)
                .ok_or_else(|| format!("ô {}: {} không phải ngày", self.name, number_text(*f))),
            Value::Text(s) => crate::text::parse_date(s).map(Some).ok_or_else(|| {
                format!(
                    "ô {}: \u{201c}{s}\u{201d} không phải ngày (viết dd/mm/yyyy)",
                    self.name
                )
            }),
            Value::Bool(_) | Value::Error(_) => Err(format!(
                "ô {}: \u{201c}{}\u{201d} không phải ngày",
                self.name,
                self.text().unwrap_or_default()
            )),
        }
    }
}

/// NFC, no control characters but line breaks, trimmed, CRLF as LF: text
/// as it reads back from a cell (also applied to what the form was made
/// with, before comparing).
pub(crate) fn clean(s: &str) -> String {
    let s = crate::text::nfc(s)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// The hundredth within 1e-6 of `f`, if any and in range.
fn points_of(f: f64) -> Option<Points> {
    if !f.is_finite() || f.abs() > 1e9 {
        return None;
    }
    let h = (f * 100.0).round();
    ((f - h / 100.0).abs() <= 1e-6).then_some(Points(h as i64))
}

/// A float the way Vietnamese clerks write it ("8,5").
fn number_text(f: f64) -> String {
    let s = format!("{f}");
    s.replace('.', ",")
}

/// An Excel serial date (1900 system) as a calendar date.
fn serial_date(f: f64) -> Option<Date> {
    if !f.is_finite() || !(1.0..=2_958_465.0).contains(&f) || f.fract().abs() > 1e-9 {
        return None;
    }
    // Serial 60 is Excel's 29/02/1900, which never was; from 61 on,
    // 1899-12-30 + serial days is the date.
    let days = f as i64;
    if days < 61 {
        return None;
    }
    let base = Date::new(1899, 12, 30).ok()?;
    base.checked_add(jiff::Span::new().days(days)).ok()
}

fn iso_date(s: &str) -> Option<Date> {
    s.get(..10)?.parse().ok()
}

/// A self-score row.
#[derive(Debug, Clone)]
pub struct SelfRow {
    pub criterion: Id,
    pub code: Cell,
    pub title: Cell,
    pub max: Cell,
    pub points: Cell,
    pub note: Cell,
    pub evidence: Cell,
}

#[derive(Debug, Clone)]
pub struct BonusRow {
    pub id: Id,
    pub reason: Cell,
    pub points: Cell,
    pub evidence: Cell,
    /// The cluster's accepted amount, as the form showed it (locked).
    pub accepted: Cell,
}

#[derive(Debug, Clone)]
pub struct ActivityRow {
    pub id: Id,
    pub kind: Cell,
    pub title: Cell,
    pub start: Cell,
    pub end: Cell,
    pub note: Cell,
    pub evidence: Cell,
}

/// The registration sheet: cells by their key ("award", "target:1", …).
#[derive(Debug, Clone, Default)]
pub struct RegistrationRows {
    pub cells: BTreeMap<String, Cell>,
}

/// A filled form as read, before it is compared with the master.
#[derive(Debug, Clone, Default)]
pub struct FilledForm {
    pub cluster: u32,
    pub cluster_name: String,
    pub year: i16,
    pub school: Id,
    pub school_name: String,
    pub form_id: String,
    pub token: String,
    /// Each record the form was made with, as it was then (JSON; None for
    /// an empty row), by record key.
    pub originals: BTreeMap<String, Option<String>>,
    pub self_rows: Vec<SelfRow>,
    pub bonus_rows: Vec<BonusRow>,
    pub registration: RegistrationRows,
    pub activity_rows: Vec<ActivityRow>,
    /// What was read and left aside: rows added by the clerk, repeated
    /// rows. Listed for the clerk; nothing in them is taken.
    pub notes: Vec<String>,
}

/// Whether `bytes` look like a spreadsheet: a question of file formats,
/// answered by the model's file module (a workbook load refuses one).
pub use crate::workbook::file::is_spreadsheet;

/// A sheet's cells by absolute position, kept sparse: a clerk's stray
/// value in cell XFD1048576 must not make a billion empty cells.
struct Grid {
    name: String,
    cells: BTreeMap<(u32, u32), Data>,
}

impl Grid {
    fn get(&self, row: u32, col: u32) -> Option<&Data> {
        self.cells.get(&(row, col))
    }

    fn cell(&self, row: u32, col: u32) -> Cell {
        Cell::new(
            super::cell_name(row, col.min(u16::MAX as u32) as u16),
            self.get(row, col),
        )
    }

    fn string(&self, row: u32, col: u32) -> Option<String> {
        match self.get(row, col) {
            Some(Data::String(s)) => Some(clean(s)),
            Some(Data::Float(f)) => Some(number_text(*f)),
            Some(Data::Int(i)) => Some(i.to_string()),
            _ => None,
        }
    }

    /// Where a mark is (the hidden key column's header).
    fn find(&self, mark: &str) -> Option<(u32, u32)> {
        self.cells
            .iter()
            .find(|(_, d)| matches!(d, Data::String(s) if s.trim() == mark))
            .map(|(pos, _)| *pos)
    }

    /// The rows below `header` that hold anything, in order.
    fn rows_below(&self, header: u32) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .cells
            .range((header.saturating_add(1), 0)..)
            .filter(|((r, _), _)| *r > header)
            .map(|((r, _), _)| *r)
            .collect();
        rows.dedup();
        rows
    }
}

/// A spreadsheet larger than any form: refused unread.
fn too_big() -> FormError {
    FormError::Damaged("bảng tính quá lớn, không phải phiếu cụm gửi.".into())
}

/// What the reader keeps, counted before each cell is stored: cells and
/// bytes of text over all sheets (see `crate::limits::spreadsheet`).
#[derive(Default)]
struct Budget {
    cells: usize,
    text: u64,
}

impl Budget {
    /// Counts a cell of `text_len` bytes of text; Err past a limit.
    fn take(&mut self, text_len: usize) -> Result<(), FormError> {
        self.cells += 1;
        self.text = self.text.saturating_add(text_len as u64);
        if self.cells > limits::MAX_CELLS || self.text > limits::MAX_TEXT_BYTES {
            Err(too_big())
        } else {
            Ok(())
        }
    }
}

/// The non-empty cells of every sheet. An .xlsx (or .xlsb) is read cell
/// by cell, never as a dense rectangle, each cell counted (with its text)
/// before it is stored; .ods and .xls through calamine's ranges, once
/// [`guard`] has counted what they would hold. A reader that fails in a
/// way it should not (a panic inside calamine on a malformed file) is an
/// unreadable file, never a crash.
fn sheets(bytes: &[u8]) -> Result<Vec<Grid>, FormError> {
    guard::check(bytes).map_err(|e| match e {
        guard::Refused::TooLarge => too_big(),
        guard::Refused::Damaged => {
            FormError::Unreadable("cấu trúc tệp bị hỏng hoặc không đúng định dạng bảng tính".into())
        }
    })?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_sheets(bytes))).unwrap_or_else(
        |_| {
            Err(FormError::Unreadable(
                "cấu trúc tệp bị hỏng, không đọc được".into(),
            ))
        },
    )
}

fn read_sheets(bytes: &[u8]) -> Result<Vec<Grid>, FormError> {
    let unreadable = |e: &dyn std::fmt::Display| FormError::Unreadable(e.to_string());
    let cursor = std::io::Cursor::new(bytes);
    let mut book = calamine::open_workbook_auto_from_rs(cursor).map_err(|e| unreadable(&e))?;
    let mut grids = Vec::new();
    let mut budget = Budget::default();
    if book.sheet_names().len() > limits::MAX_SHEETS {
        return Err(too_big());
    }
    for name in book.sheet_names() {
        let mut cells = BTreeMap::new();
        // Cell by cell where calamine can (.xlsx, .xlsb). A sheet that
        // cannot be read (a chart sheet the clerk added) is not part of
        // the form.
        macro_rules! stream {
            ($reader:expr) => {{
                let Ok(mut reader) = $reader else {
                    continue;
                };
                while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                    // Counted before it is copied out of the shared
                    // strings: one long string in every cell is refused
                    // here, not after gigabytes of copies.
                    let text_len = match cell.get_value() {
                        calamine::DataRef::Empty => continue,
                        calamine::DataRef::String(s) => s.len(),
                        calamine::DataRef::SharedString(s) => s.len(),
                        calamine::DataRef::DateTimeIso(s) | calamine::DataRef::DurationIso(s) => {
                            s.len()
                        }
                        _ => 0,
                    };
                    budget.take(text_len)?;
                    cells.insert(cell.get_position(), Data::from(cell.get_value().clone()));
                }
            }};
        }
        match &mut book {
            calamine::Sheets::Xlsx(x) => stream!(x.worksheet_cells_reader(&name)),
            calamine::Sheets::Xlsb(x) => stream!(x.worksheet_cells_reader(&name)),
            other => {
                let Ok(range) = other.worksheet_range(&name) else {
                    continue;
                };
                let (r0, c0) = range.start().unwrap_or_default();
                for (r, c, value) in range.used_cells() {
                    let text_len = match value {
                        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len(),
                        _ => 0,
                    };
                    budget.take(text_len)?;
                    cells.insert((r0 + r as u32, c0 + c as u32), value.clone());
                }
            }
        }
        grids.push(Grid { name, cells });
    }
    Ok(grids)
}

/// The columns of a table, by header name; `fallback` is where the form
/// wrote each (a header retyped by the clerk does not lose the column).
fn columns(grid: &Grid, header: u32, key_col: u32, names: &[&str]) -> Vec<u32> {
    // Only the cells the header row holds (a forged far-right mark must
    // not make billions of lookups).
    let headers: Vec<(u32, String)> = grid
        .cells
        .range((header, 0)..(header, key_col))
        .filter_map(|((_, c), _)| Some((*c, grid.string(header, *c)?)))
        .collect();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            headers
                .iter()
                .find(|(_, h)| h == name)
                .map_or(i as u32, |(c, _)| *c)
        })
        .collect()
}

/// Reads a form. `bytes`: an .xlsx (or .xls, .ods) file.
pub fn read(bytes: &[u8]) -> Result<FilledForm, FormError> {
    let grids = sheets(bytes)?;
    let id = grids
        .iter()
        .find(|g| g.name == ID_SHEET)
        .or_else(|| {
            grids.iter().find(|g| {
                g.string(0, 0).as_deref() == Some("dinh_dang")
                    && g.string(0, 1).is_some_and(|v| v.starts_with("so-thi-dua/"))
            })
        })
        .ok_or(FormError::NotAForm)?;
    let mut form = FilledForm::default();
    identification(id, &mut form)?;
    // Each part of the form in one sheet: a copy of a sheet the clerk made
    // ("Tự chấm (2)") leaves which one is meant unknown.
    let sheet = |mark: &str| -> Result<Option<(&Grid, u32, u32)>, FormError> {
        let found: Vec<(&Grid, u32, u32)> = grids
            .iter()
            .filter(|g| g.name != id.name)
            .filter_map(|g| g.find(mark).map(|(r, c)| (g, r, c)))
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            [a, b, ..] => Err(FormError::Damaged(format!(
                "trang \u{201c}{}\u{201d} và trang \u{201c}{}\u{201d} là hai bản của cùng một phần phiếu (có lẽ một trang đã được chép thêm): không biết trang nào là bản đúng. Xóa trang thừa rồi gửi lại.",
                a.0.name, b.0.name
            ))),
        }
    };
    let (grid, header, key_col) = sheet(SELF.mark)?.ok_or_else(|| {
        FormError::Damaged(format!("không thấy trang \u{201c}{}\u{201d}.", SELF.name))
    })?;
    self_rows(grid, header, key_col, &mut form);
    if let Some((grid, header, key_col)) = sheet(BONUS.mark)? {
        bonus_rows(grid, header, key_col, &mut form);
    }
    if let Some((grid, header, key_col)) = sheet(REGISTRATION.mark)? {
        registration_rows(grid, header, key_col, &mut form);
    }
    if let Some((grid, header, key_col)) = sheet(ACTIVITIES.mark)? {
        activity_rows(grid, header, key_col, &mut form);
    }
    // Sheets the clerk added are not part of the form: said, not read.
    let marks = schema::SHEETS.map(|s| s.mark);
    for g in &grids {
        let known = g.name == id.name
            || g.name == INSTRUCTIONS
            || marks.iter().any(|m| g.find(m).is_some());
        if !known && !g.cells.is_empty() {
            form.notes.push(format!(
                "Trang \u{201c}{}\u{201d} thêm vào (không có trong phiếu cụm gửi): bỏ qua.",
                g.name
            ));
        }
    }
    Ok(form)
}

fn identification(g: &Grid, form: &mut FilledForm) -> Result<(), FormError> {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    for r in std::iter::once(0).chain(g.rows_below(0)) {
        let Some(k) = g.string(r, 0) else { continue };
        if k == "ban_ghi" {
            if let Some(key) = g.string(r, 1) {
                let json = match g.get(r, 2) {
                    Some(Data::String(s)) if !s.is_empty() => Some(s.clone()),
                    _ => None,
                };
                form.originals.insert(key, json);
            }
        } else if let Some(v) = g.string(r, 1) {
            fields.insert(k, v);
        }
    }
    let tag = fields.get("dinh_dang").cloned().unwrap_or_default();
    if tag != FORMAT_TAG {
        return Err(if tag.starts_with("so-thi-dua/phieu-tu-cham/") {
            FormError::Newer(tag)
        } else {
            FormError::NotAForm
        });
    }
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let damaged = |what: &str| FormError::Damaged(format!("phần nhận dạng thiếu {what}."));
    form.cluster = field("cum").trim().parse().map_err(|_| damaged("số cụm"))?;
    form.year = field("nam").trim().parse().map_err(|_| damaged("năm"))?;
    form.cluster_name = field("ten_cum");
    form.school = Id::new(field("truong"));
    if form.school.as_str().is_empty() {
        return Err(damaged("mã trường"));
    }
    form.school_name = field("ten_truong");
    form.form_id = field("ma_phieu");
    if form.form_id.is_empty() {
        return Err(damaged("mã phiếu"));
    }
    form.token = field("khoa");
    Ok(())
}

/// The rows of a table: (row, key) for every row with a key of `prefix`;
/// rows with content but no key, or with a key seen before, are noted.
fn keyed_rows(
    grid: &Grid,
    header: u32,
    key_col: u32,
    prefix: &str,
    content_cols: &[u32],
    notes: &mut Vec<String>,
) -> Vec<(u32, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in grid.rows_below(header) {
        let key = grid.string(r, key_col);
        match key.as_deref().and_then(|k| k.strip_prefix(prefix)) {
            Some(id) if seen.insert(id.to_string()) => out.push((r, id.to_string())),
            Some(_) => notes.push(format!(
                "Trang \u{201c}{}\u{201d}, dòng {}: dòng lặp lại (chép từ dòng khác): bỏ qua.",
                grid.name,
                r + 1
            )),
            None => {
                let known = key.is_some();
                let has_content = content_cols.iter().any(|c| !grid.cell(r, *c).is_empty());
                if !known && has_content {
                    notes.push(format!(
                        "Trang \u{201c}{}\u{201d}, dòng {}: dòng thêm vào (không có trong phiếu cụm gửi): bỏ qua. Hãy ghi vào các dòng trống có sẵn.",
                        grid.name,
                        r + 1
                    ));
                }
            }
        }
    }
    out
}

fn self_rows(g: &Grid, header: u32, key_col: u32, form: &mut FilledForm) {
    use self_col as c;
    let cols = columns(g, header, key_col, &SELF.headers());
    let inputs = [cols[c::POINTS], cols[c::NOTE], cols[c::EVIDENCE]];
    for (r, id) in keyed_rows(
        g,
        header,
        key_col,
        SELF.key_prefix,
        &inputs,
        &mut form.notes,
    ) {
        form.self_rows.push(SelfRow {
            criterion: Id::new(id),
            code: g.cell(r, cols[c::CODE]),
            title: g.cell(r, cols[c::TITLE]),
            max: g.cell(r, cols[c::MAX]),
            points: g.cell(r, cols[c::POINTS]),
            note: g.cell(r, cols[c::NOTE]),
            evidence: g.cell(r, cols[c::EVIDENCE]),
        });
    }
}

fn bonus_rows(g: &Grid, header: u32, key_col: u32, form: &mut FilledForm) {
    use bonus_col as c;
    let cols = columns(g, header, key_col, &BONUS.headers());
    let inputs = [cols[c::REASON], cols[c::POINTS], cols[c::EVIDENCE]];
    for (r, id) in keyed_rows(
        g,
        header,
        key_col,
        BONUS.key_prefix,
        &inputs,
        &mut form.notes,
    ) {
        form.bonus_rows.push(BonusRow {
            id: Id::new(id),
            reason: g.cell(r, cols[c::REASON]),
            points: g.cell(r, cols[c::POINTS]),
            evidence: g.cell(r, cols[c::EVIDENCE]),
            accepted: g.cell(r, cols[c::ACCEPTED]),
        });
    }
}

fn registration_rows(g: &Grid, header: u32, key_col: u32, form: &mut FilledForm) {
    let value = columns(g, header, key_col, &REGISTRATION.headers())[registration_col::VALUE];
    let prefix = REGISTRATION.key_prefix;
    for (r, key) in keyed_rows(g, header, key_col, prefix, &[value], &mut form.notes) {
        form.registration.cells.insert(key, g.cell(r, value));
    }
}

fn activity_rows(g: &Grid, header: u32, key_col: u32, form: &mut FilledForm) {
    use activity_col as c;
    let cols = columns(g, header, key_col, &ACTIVITIES.headers());
    let inputs: Vec<u32> = cols[c::KIND..].to_vec();
    let prefix = ACTIVITIES.key_prefix;
    for (r, id) in keyed_rows(g, header, key_col, prefix, &inputs, &mut form.notes) {
        form.activity_rows.push(ActivityRow {
            id: Id::new(id),
            kind: g.cell(r, cols[c::KIND]),
            title: g.cell(r, cols[c::TITLE]),
            start: g.cell(r, cols[c::START]),
            end: g.cell(r, cols[c::END]),
            note: g.cell(r, cols[c::NOTE]),
            evidence: g.cell(r, cols[c::EVIDENCE]),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form as written has each sheet of the schema where the reader
    /// looks: its mark on its header row, every column under its header in
    /// the schema's order (the reader never falls back to a position).
    #[test]
    fn the_writer_lays_out_every_sheet_as_the_reader_finds_it() {
        let mut wb = crate::workbook::synthetic::workbook(3, 12, 4);
        // A master that has mailed out holds its secret: forms need it.
        wb.provenance.secret = crate::workbook::signing::new_secret().unwrap();
        let school = wb.members[0].id.clone();
        let bytes = super::super::form::form(&wb, &school).unwrap();
        let grids = sheets(&bytes).unwrap();
        for sheet in schema::SHEETS {
            let g = grids
                .iter()
                .find(|g| g.name == sheet.name)
                .unwrap_or_else(|| panic!("no sheet {}", sheet.name));
            let (row, key_col) = g.find(sheet.mark).expect("its mark");
            assert_eq!(row, sheet.header_row, "{}", sheet.name);
            assert_eq!(key_col as usize, sheet.columns.len(), "{}", sheet.name);
            for (i, column) in sheet.columns.iter().enumerate() {
                assert_eq!(
                    g.string(row, i as u32).as_deref(),
                    Some(column.header),
                    "{} column {i}",
                    sheet.name
                );
            }
        }
    }

    #[test]
    fn floats_within_a_millionth_are_that_hundredth() {
        assert_eq!(points_of(9.5), Some(Points(950)));
        assert_eq!(points_of(8.499_999_999_9), Some(Points(850)));
        assert_eq!(points_of(0.1 + 0.2), Some(Points(30)));
        assert_eq!(points_of(8.333), None);
        assert_eq!(points_of(f64::NAN), None);
        assert_eq!(points_of(1e300), None);
    }

    #[test]
    fn cells_read_as_clerks_type_them() {
        let c = |v: Value| Cell {
            name: "D7".into(),
            value: v,
        };
        assert_eq!(c(Value::Text("8,5".into())).points(), Ok(Some(Points(850))));
        assert_eq!(c(Value::Empty).points(), Ok(None));
        let err = c(Value::Number(8.333)).points().unwrap_err();
        assert!(err.contains("D7") && err.contains("8,333"), "{err}");
        assert!(c(Value::Text("tám".into())).points().is_err());
        assert_eq!(
            c(Value::Number(43466.0)).date(),
            Ok(Some(Date::new(2019, 1, 1).unwrap()))
        );
        assert_eq!(
            c(Value::Text("5/3/2019".into())).date(),
            Ok(Some(Date::new(2019, 3, 5).unwrap()))
        );
    }

    #[test]
    fn spreadsheets_are_told_from_workbooks_by_their_first_bytes() {
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
        assert!(is_spreadsheet(&[
            0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0
        ]));
        assert!(!is_spreadsheet(b"{\"format\":"));
    }
}
