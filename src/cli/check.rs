//! `thidua check FILE...`: a line per file, every problem listed.

use super::{EXIT_FAILED, EXIT_OK, Usage, files};
use crate::workbook;
use std::io::Write;

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let files = files(parser)?;
    if files.is_empty() {
        return Err(Usage("cần ít nhất một tệp để kiểm tra".into()));
    }
    let mut code = EXIT_OK;
    for path in files {
        match workbook::load(&path) {
            Ok(loaded) if loaded.problems.is_empty() => {
                let wb = &loaded.workbook;
                let _ = writeln!(
                    out,
                    "{}: hợp lệ — {}, năm {}: {} trường, {} tiêu chí, {} hoạt động.",
                    path.display(),
                    wb.cluster.name,
                    wb.year,
                    wb.members.len(),
                    wb.leaf_criteria().len(),
                    wb.activities.len()
                );
            }
            Ok(loaded) => {
                code = EXIT_FAILED;
                let _ = writeln!(
                    out,
                    "{}: không hợp lệ — {} lỗi nội dung:",
                    path.display(),
                    loaded.problems.len()
                );
                for p in &loaded.problems {
                    let _ = writeln!(out, "  - {p}");
                }
            }
            Err(e) => {
                code = EXIT_FAILED;
                let _ = writeln!(out, "{}: không đọc được — {e}", path.display());
                let _ = writeln!(err, "{}: {}", path.display(), e.advice());
            }
        }
    }
    Ok(code)
}
