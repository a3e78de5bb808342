//! Spreadsheets: the self-assessment form a school without the app fills in
//! Excel (`form`), reading it back (`read`), and the score sheet as a
//! spreadsheet the Academy and the clerk's staff can sort and sum
//! (`score_sheet`). Written with `rust_xlsxwriter`, read with `calamine`
//! (which also reads a form saved again as `.xls` or `.ods`).
//!
//! Numbers are written as numbers (never as text) with a display format
//! tagged Vietnamese (`[$-42A]`), so Excel shows "8,50" on a Vietnamese
//! Windows and sums them; totals are formulas with the app's own result
//! stored beside them, so a preview that does not calculate still shows the
//! right figure.

pub mod form;
pub mod read;
pub mod schema;
pub mod score_sheet;

use crate::workbook::Points;

/// What every spreadsheet error says first.
fn failed(e: rust_xlsxwriter::XlsxError) -> String {
    format!("Không lập được tệp Excel: {e}.")
}

/// Points as the number Excel stores (8,5 → 8.5).
fn number(p: Points) -> f64 {
    p.hundredths() as f64 / 100.0
}

/// Points as a formula's stored result ("8.5"): what a reader that does not
/// calculate shows.
fn result_text(p: Points) -> String {
    p.to_plain()
}

/// Two decimals, Vietnamese separators on a Vietnamese system.
const POINTS_FORMAT: &str = "[$-42A]0.00";
/// Dates as Vietnamese clerks write them.
const DATE_FORMAT: &str = "dd/mm/yyyy";

/// The formats both spreadsheets start from: Times New Roman 12 as the
/// documents, the plain and boxed cell, the title, the italic line under
/// it, and the blue header.
struct Common {
    base: rust_xlsxwriter::Format,
    boxed: rust_xlsxwriter::Format,
    title: rust_xlsxwriter::Format,
    subtitle: rust_xlsxwriter::Format,
    header: rust_xlsxwriter::Format,
}

impl Common {
    fn new() -> Common {
        use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_align(FormatAlign::VerticalCenter);
        let boxed = base.clone().set_border(FormatBorder::Thin);
        Common {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subtitle: base.clone().set_italic().set_align(FormatAlign::Center),
            header: boxed
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDE7F3)),
            base,
            boxed,
        }
    }
}

/// The column letters of a 0-based column (0 → "A", 27 → "AB").
fn column_name(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push((b'A' + r) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// "D7" for 0-based (row 6, col 3).
fn cell_name(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_as_excel_writes_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_name(6, 3), "D7");
    }
}
