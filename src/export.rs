//! A document in the format asked for: PDF and Word from `document`, the
//! score sheet's Excel copy from `spreadsheet`. The dispatcher sits above
//! both, which do not import each other; the window and the CLI call it.

use crate::document::docs::{self, Context, DocError, Format};
use crate::workbook::{DocKind, Workbook};

/// Builds `kind` in `format`: the bytes and the draft warnings.
pub fn build(
    format: Format,
    wb: &Workbook,
    kind: DocKind,
    ctx: &Context,
) -> Result<(Vec<u8>, Vec<String>), DocError> {
    match format {
        Format::Pdf => docs::build_with(wb, kind, ctx).map(|b| (b.pdf, b.warnings)),
        Format::Docx => docs::build_docx_with(wb, kind, ctx).map(|b| (b.docx, b.warnings)),
        Format::Xlsx => {
            let warnings = docs::spreadsheet_warnings(wb, kind)?;
            let bytes =
                crate::spreadsheet::score_sheet::score_sheet(wb).map_err(DocError::Spreadsheet)?;
            Ok((bytes, warnings))
        }
    }
}
