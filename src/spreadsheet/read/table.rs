//! The sheets of any spreadsheet as plain tables (a criteria table typed in
//! Excel or LibreOffice), read within the same bounds as a returned form:
//! the file is checked by [`super::guard`] and every cell counted before it
//! is stored ([`super::sheets`]). Cells merged across columns or rows
//! (.xlsx) are kept as one cell with its span, and the cells a merge covers
//! below its first row are marked as its continuation. What the rows mean
//! is decided in `crate::workbook::criteria_table`.

use super::{FormError, Grid, number_text};
use crate::workbook::criteria_table::{SourceCell, SourceRow, SourceTable};
use calamine::{Data, Reader};

/// Columns of a sheet read as a table: far more than any criteria table
/// has; a stray value far to the right does not make a row of thousands
/// of cells.
const MAX_COLUMNS: u32 = 40;

/// Every sheet holding anything, as a table ("trang “Tiêu chí”").
pub fn tables(bytes: &[u8]) -> Result<Vec<SourceTable>, FormError> {
    let grids = super::sheets(bytes)?;
    let merges = merged(bytes);
    Ok(grids
        .iter()
        .filter(|g| !g.cells.is_empty())
        .map(|g| {
            let regions: &[calamine::Dimensions] = merges
                .iter()
                .find(|(name, _)| *name == g.name)
                .map_or(&[], |(_, r)| r.as_slice());
            table(g, regions)
        })
        .collect())
}

/// Merged regions of each sheet of an .xlsx (none for other formats: a
/// section typed across merged cells there is still seen as a row with one
/// cell filled). A file whose merges cannot be read loses only them.
fn merged(bytes: &[u8]) -> Vec<(String, Vec<calamine::Dimensions>)> {
    let read = || -> Option<Vec<(String, Vec<calamine::Dimensions>)>> {
        let cursor = std::io::Cursor::new(bytes);
        let mut book = calamine::Xlsx::new(cursor).ok()?;
        let mut out = Vec::new();
        for name in book.sheet_names() {
            let mut regions = book.merge_cells_by_sheet_name(&name).ok()?;
            regions.truncate(crate::limits::spreadsheet::MAX_CELLS);
            out.push((name, regions));
        }
        Some(out)
    };
    if !bytes.starts_with(b"PK") {
        return Vec::new();
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn text_of(data: &Data) -> String {
    match data {
        Data::String(s) => super::clean(s),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "Có" } else { "Không" }.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn table(g: &Grid, merges: &[calamine::Dimensions]) -> SourceTable {
    let first_col = g.cells.keys().map(|(_, c)| *c).min().unwrap_or(0);
    let last_col = g
        .cells
        .keys()
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0)
        .min(first_col.saturating_add(MAX_COLUMNS - 1));
    let mut rows: Vec<u32> = g.cells.keys().map(|(r, _)| *r).collect();
    rows.dedup();
    let region = |r: u32, c: u32| {
        merges
            .iter()
            .find(|d| d.start.0 <= r && r <= d.end.0 && d.start.1 <= c && c <= d.end.1)
    };
    let rows = rows
        .into_iter()
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = first_col;
            while c <= last_col {
                let mut cell = SourceCell::new(g.get(r, c).map(text_of).unwrap_or_default());
                if let Some(d) = region(r, c) {
                    let end = d.end.1.min(last_col);
                    cell.span = end.saturating_sub(c) + 1;
                    if d.start.0 < r {
                        cell.continued = true;
                        cell.text.clear();
                    }
                    c = end;
                }
                cells.push(cell);
                c += 1;
            }
            SourceRow {
                place: format!("dòng {}", r + 1),
                cells,
            }
        })
        .collect();
    SourceTable {
        label: format!("trang \u{201c}{}\u{201d}", g.name),
        rows,
    }
}
