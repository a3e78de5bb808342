//! `thidua history DIR [--csv]`: the cluster's years side by side, from the
//! yearly workbooks kept in one folder.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe};
use crate::history::{self, History, Line, YearResult};
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut dir: Option<PathBuf> = None;
    let mut csv = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("csv") => csv = true,
            lexopt::Arg::Value(v) if dir.is_none() => dir = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let dir = dir.ok_or_else(|| Usage("thiếu thư mục chứa các sổ thi đua".into()))?;
    let h = match history::from_folder(&dir) {
        Ok(h) => h,
        Err(e) => {
            let _ = writeln!(
                err,
                "{}: không đọc được thư mục ({}).",
                dir.display(),
                crate::text::io_reason(&e)
            );
            return Ok(EXIT_FAILED);
        }
    };
    for s in &h.skipped {
        let _ = writeln!(err, "Bỏ qua {}: {}.", s.path.display(), s.reason);
    }
    if h.years.is_empty() {
        let _ = writeln!(
            err,
            "{}: không có sổ thi đua nào của cụm trong thư mục.",
            dir.display()
        );
        return Ok(EXIT_FAILED);
    }
    for y in &h.missing {
        let _ = writeln!(err, "Thiếu sổ năm {y} trong thư mục.");
    }
    let text = if csv { to_csv(&h) } else { to_table(&h) };
    let _ = out.write_all(text.as_bytes());
    Ok(EXIT_OK)
}

/// "101,5 (1)", "87 (6=)" for a tie, "—" for a year without the school.
fn cell(r: Option<&YearResult>) -> String {
    match r {
        None => "—".into(),
        Some(r) if !r.scored => "chưa chấm".into(),
        Some(r) => format!(
            "{} ({}{})",
            r.final_score,
            r.rank,
            if r.tied { "=" } else { "" }
        ),
    }
}

/// The table: one line per school (the schools merged into it nested
/// under it), a column per year; then what each school received and did.
pub fn to_table(h: &History) -> String {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    fn add(rows: &mut Vec<(String, Vec<String>)>, line: &Line, years: &[i16], depth: usize) {
        let mut name = format!("{}{}", "  ".repeat(depth), line.name);
        if depth > 0 {
            name = format!("{}↳ {} (đã sáp nhập)", "  ".repeat(depth), line.name);
        }
        let cells = years.iter().map(|y| cell(line.years.get(y))).collect();
        rows.push((name, cells));
        for p in &line.predecessors {
            add(rows, p, years, depth + 1);
        }
    }
    for line in &h.lines {
        add(&mut rows, line, &h.years, 0);
    }
    let width = |s: &str| s.chars().count();
    let name_w = rows
        .iter()
        .map(|(n, _)| width(n))
        .chain([width("Trường")])
        .max()
        .unwrap_or(6);
    let col_w: Vec<usize> = h
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            rows.iter()
                .map(|(_, c)| width(&c[i]))
                .chain([width(&y.to_string())])
                .max()
                .unwrap_or(4)
        })
        .collect();
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width(s))));
    let mut out = format!(
        "{} — các năm {}–{}: tổng điểm (hạng; = là đồng hạng)\n",
        h.cluster,
        h.years.first().copied().unwrap_or_default(),
        h.years.last().copied().unwrap_or_default()
    );
    let mut line = pad("Trường", name_w);
    for (y, w) in h.years.iter().zip(&col_w) {
        line.push_str("  ");
        line.push_str(&pad(&y.to_string(), *w));
    }
    out.push_str(line.trim_end());
    out.push('\n');
    for (name, cells) in &rows {
        let mut line = pad(name, name_w);
        for (c, w) in cells.iter().zip(&col_w) {
            line.push_str("  ");
            line.push_str(&pad(c, *w));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if !h.missing.is_empty() {
        let years: Vec<String> = h.missing.iter().map(|y| y.to_string()).collect();
        out.push_str(&format!(
            "Năm không có sổ trong thư mục: {} (—).\n",
            years.join(", ")
        ));
    }
    out.push_str("\nXếp loại, vai trò, khen thưởng:\n");
    fn details(out: &mut String, line: &Line, depth: usize) {
        out.push_str(&format!("{}{}", "  ".repeat(depth), line.name));
        if !line.former_names.is_empty() {
            out.push_str(&format!(" (tên cũ: {})", line.former_names.join("; ")));
        }
        out.push('\n');
        for (y, r) in &line.years {
            let mut parts = vec![if r.scored {
                r.rating.clone()
            } else {
                "chưa chấm điểm".to_string()
            }];
            if let Some(role) = r.role {
                parts.push(role.label().to_string());
            }
            if !r.proposed.is_empty() {
                parts.push(format!("được đề nghị {}", r.proposed.join(", ")));
            }
            if !r.awarded.is_empty() {
                parts.push(format!("được tặng {}", r.awarded.join(", ")));
            }
            let n: u32 = r.activities.iter().map(|(_, n)| n).sum();
            if n > 0 {
                parts.push(format!("{n} hoạt động"));
            }
            if r.left {
                parts.push("rời cụm trong năm".into());
            }
            out.push_str(&format!(
                "{}  {y}: {}\n",
                "  ".repeat(depth),
                parts.join("; ")
            ));
        }
        for p in &line.predecessors {
            details(out, p, depth + 1);
        }
    }
    for line in &h.lines {
        details(&mut out, line, 0);
    }
    out
}

/// A text cell of a CSV file. A cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is read by a spreadsheet as a formula (a
/// school named "=HYPERLINK(…)" would run when the file is opened), so it
/// gets a leading `'` (OWASP's rule for CSV injection); then a cell with a
/// separator, a quote or a line break is quoted. Numbers the app writes
/// itself (a total, a rank) are not text cells and stay numbers, even
/// negative ones.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// One row per school and year, for a spreadsheet.
pub fn to_csv(h: &History) -> String {
    let q = |s: &str| csv_cell(s);
    let mut out = String::from(
        "truong,ma_truong,ke_thua_boi,nam,tong_diem,hang,dong_hang,xep_loai,vai_tro,de_nghi,duoc_tang,so_hoat_dong\n",
    );
    fn rows(out: &mut String, line: &Line, parent: Option<&Line>, q: &dyn Fn(&str) -> String) {
        for (y, r) in &line.years {
            let n: u32 = r.activities.iter().map(|(_, n)| n).sum();
            out.push_str(&format!(
                "{},{},{},{y},{},{},{},{},{},{},{},{n}\n",
                q(&r.name),
                q(line.school.as_str()),
                q(parent.map_or("", |p| p.school.as_str())),
                // A decimal point for a spreadsheet's number reading; no
                // score or rank for a year not scored yet.
                if r.scored {
                    r.final_score.to_string().replace(',', ".")
                } else {
                    String::new()
                },
                if r.scored {
                    r.rank.to_string()
                } else {
                    String::new()
                },
                if r.tied { "co" } else { "" },
                q(&r.rating),
                r.role.map_or("", |ro| ro.label()),
                q(&r.proposed.join("; ")),
                q(&r.awarded.join("; ")),
            ));
        }
        for p in &line.predecessors {
            rows(out, p, Some(line), q);
        }
    }
    for line in &h.lines {
        rows(&mut out, line, None, &q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_that_would_be_formulas_get_a_quote_first() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for bad in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                csv_cell(bad).trim_start_matches('"').starts_with('\''),
                "{bad}"
            );
        }
        assert_eq!(csv_cell("Bình Dương"), "Bình Dương");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
    }
}
