//! The tables of a Word document (.docx), read from its `word/document.xml`
//! with a streaming XML reader: each top-level table's rows and cells, a
//! cell's paragraphs as lines, whether all its text is bold, its span
//! across columns (`w:gridSpan`, and `w:gridBefore` cells skipped at the
//! start of a row) and whether it continues a cell merged from above
//! (`w:vMerge`). Text split into many runs (spell checking, tracked edits)
//! reads as one; deleted text is not read. A table inside a cell is read
//! as that cell's text.
//!
//! Bounds: the zip directory is checked before anything is unpacked (each
//! part and all together, as for a returned spreadsheet), the document part
//! is read no further than its limit, and cells and text are counted as
//! they are read.

use super::IntakeError;
use crate::limits::spreadsheet as lim;
use crate::workbook::criteria_table::{SourceCell, SourceRow, SourceTable};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

const DOCUMENT: &str = "word/document.xml";

/// Whether a zip is a Word document.
pub(super) fn is_word(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name(DOCUMENT).is_some())
}

fn damaged(what: &str) -> IntakeError {
    IntakeError::Damaged(what.to_string())
}

fn too_large() -> IntakeError {
    IntakeError::Damaged("tài liệu lớn hơn mọi bảng tiêu chí (quá nhiều ô hoặc chữ)".into())
}

/// The document's XML, within the bounds.
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, IntakeError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| damaged("không mở được gói .docx"))?;
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let file = zip
            .by_index_raw(i)
            .map_err(|_| damaged("mục lục của gói .docx bị hỏng"))?;
        if file.size() > lim::MAX_PART {
            return Err(too_large());
        }
        unpacked = unpacked.saturating_add(file.size());
    }
    if unpacked > lim::MAX_UNPACKED {
        return Err(too_large());
    }
    let part = zip
        .by_name(DOCUMENT)
        .map_err(|_| damaged("không có phần nội dung (word/document.xml)"))?;
    let mut xml = Vec::new();
    part.take(lim::MAX_PART + 1)
        .read_to_end(&mut xml)
        .map_err(|_| damaged("phần nội dung không giải nén được"))?;
    if xml.len() as u64 > lim::MAX_PART {
        return Err(too_large());
    }
    Ok(xml)
}

/// Every top-level table of the document, "bảng 1", "bảng 2"…
pub(super) fn tables(bytes: &[u8]) -> Result<Vec<SourceTable>, IntakeError> {
    let xml = document_xml(bytes)?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(&xml)))
        .unwrap_or_else(|_| Err(damaged("nội dung không đọc được")))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    match e.try_get_attribute("w:val") {
        Ok(Some(a)) => !matches!(a.value.as_ref(), "0" | "false" | "off" | "none"),
        _ => true,
    }
}

fn val(e: &BytesStart) -> Option<String> {
    e.try_get_attribute("w:val")
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// The cell being read.
#[derive(Default)]
struct Cell {
    text: String,
    span: u32,
    continued: bool,
    /// Some text seen, and none of it not bold.
    any_text: bool,
    not_bold: bool,
}

fn parse(xml: &[u8]) -> Result<Vec<SourceTable>, IntakeError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut tables: Vec<SourceTable> = Vec::new();
    // Nesting of tables: 1 inside a top-level table.
    let mut depth = 0usize;
    let mut row: Option<Vec<SourceCell>> = None;
    let mut cell: Option<Cell> = None;
    let mut in_ppr = false; // paragraph properties: their run properties mark the paragraph sign
    let mut in_run = false;
    let mut run_bold = false;
    let mut in_text = false;
    let mut cells = 0usize;
    let mut text_bytes = 0u64;
    let mut grid_before = 0u32;
    loop {
        let event = reader
            .read_event()
            .map_err(|_| damaged("nội dung XML bị hỏng"))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "tbl" if !empty => {
                    depth += 1;
                    if depth == 1 {
                        if tables.len() >= lim::MAX_SHEETS {
                            return Err(too_large());
                        }
                        tables.push(SourceTable {
                            label: format!("bảng {}", tables.len() + 1),
                            rows: Vec::new(),
                        });
                    }
                }
                "tr" if depth == 1 && !empty => {
                    row = Some(Vec::new());
                    grid_before = 0;
                }
                "gridBefore" if depth == 1 && cell.is_none() => {
                    grid_before = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0).min(64);
                }
                "tc" if depth == 1 && !empty => {
                    cells += 1;
                    if cells > lim::MAX_CELLS {
                        return Err(too_large());
                    }
                    if grid_before > 0
                        && let Some(r) = row.as_mut()
                        && r.is_empty()
                    {
                        let mut skipped = SourceCell::new("");
                        skipped.span = grid_before;
                        r.push(skipped);
                    }
                    cell = Some(Cell {
                        span: 1,
                        not_bold: false,
                        ..Cell::default()
                    });
                }
                "gridSpan" if depth == 1 => {
                    if let Some(c) = cell.as_mut() {
                        c.span = val(&e)
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                    }
                }
                "vMerge" if depth == 1 => {
                    if let Some(c) = cell.as_mut() {
                        c.continued = val(&e).is_none_or(|v| v == "continue");
                    }
                }
                "pPr" if !empty => in_ppr = true,
                "r" if !empty => {
                    in_run = true;
                    run_bold = false;
                }
                "b" if in_run && !in_ppr => run_bold = on(&e),
                "t" if in_run && !empty => in_text = true,
                "tab" if in_run => push(&mut cell, " ", run_bold),
                "br" | "cr" if in_run => push(&mut cell, "\n", run_bold),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => depth = depth.saturating_sub(1),
                "tr" if depth == 1 => {
                    if let (Some(r), Some(t)) = (row.take(), tables.last_mut()) {
                        t.rows.push(SourceRow {
                            place: format!("{}, dòng {}", t.label, t.rows.len() + 1),
                            cells: r,
                        });
                    }
                }
                "tc" if depth == 1 => {
                    if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                        r.push(SourceCell {
                            text: crate::text::nfc(c.text.trim()).into_owned(),
                            bold: c.any_text && !c.not_bold,
                            span: c.span,
                            continued: c.continued,
                        });
                    }
                }
                "p" => {
                    if let Some(c) = cell.as_mut()
                        && !c.text.is_empty()
                        && !c.text.ends_with('\n')
                    {
                        c.text.push('\n');
                    }
                }
                "pPr" => in_ppr = false,
                "r" => in_run = false,
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.xml10_content();
                text_bytes += s.len() as u64;
                if text_bytes > lim::MAX_TEXT_BYTES {
                    return Err(too_large());
                }
                push(&mut cell, &s, run_bold);
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push(&mut cell, c.encode_utf8(&mut [0u8; 4]), run_bold);
                }
            }
            Event::CData(t) if in_text => {
                push(&mut cell, &t.xml10_content(), run_bold);
            }
            _ => {}
        }
    }
    Ok(tables)
}

fn push(cell: &mut Option<Cell>, s: &str, bold: bool) {
    if let Some(c) = cell.as_mut() {
        c.text.push_str(s);
        if !s.trim().is_empty() {
            c.any_text = true;
            if !bold {
                c.not_bold = true;
            }
        }
    }
}
