//! PDF documents: a small layout engine (wrapping, justification, tables,
//! page breaks, keep-together) over printpdf, which only places glyphs and
//! lines, plus the building blocks of the Decree 30/2020/NĐ-CP page header.
//! Nothing here knows the workbook: documents are built from plain strings.

pub mod admin;
pub mod docs;
pub mod docx;
pub mod fonts;
pub mod layout;
pub mod model;
pub mod render;

pub use docx::render_docx;
pub use fonts::{FontStyle, missing_glyphs, text_width_mm};
pub use layout::{PageLayout, PlacedLine, PlacedText, layout};
pub use model::{
    Align, Block, Cell, Column, ColumnWidth, Document, Drawing, Margins, Mark, Orientation,
    PageSetup, Paragraph, Role, Row, Rule, Span, Table, VAlign,
};
pub use render::{Rendered, render, render_detailed};

/// Why a document could not be laid out. Messages are Vietnamese: they reach
/// the user as they are.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LayoutError {
    #[error("Phông chữ không có các ký tự: {}", list_chars(.0))]
    MissingGlyphs(Vec<char>),
    #[error("Lề trang quá lớn: không còn chỗ cho nội dung")]
    PageTooSmall,
    #[error("Một hàng của bảng có {cells} ô nhưng bảng chỉ có {columns} cột")]
    TooManyCells { columns: usize, cells: usize },
    #[error("Có nội dung cao hơn cả một trang, không thể ngắt trang")]
    ContentTooTall,
    #[error("Không đọc được phông chữ đi kèm ({0:?})")]
    Font(FontStyle),
}

fn list_chars(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("“{c}” (U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}
