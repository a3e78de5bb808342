//! `thidua export FILE --doc KIND --out OUT.pdf [--force]` and
//! `thidua export FILE --all DIR [--force]`: the PDF documents.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe, load_for};
use crate::document::docs::{self, DocError};
use crate::workbook::file::{Overwrite, write_file};
use crate::workbook::{DocKind, Problem, Scope, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `--doc` names.
pub const DOC_NAMES: [(&str, DocKind); 9] = [
    ("scores", DocKind::ScoreSheet),
    ("minutes", DocKind::Minutes),
    ("proposal", DocKind::Proposal),
    ("report", DocKind::Report),
    ("pact", DocKind::Pact),
    ("handover", DocKind::Handover),
    ("ballots", DocKind::Ballots),
    ("count", DocKind::CountMinutes),
    ("news", DocKind::News),
];

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut input: Option<PathBuf> = None;
    let mut kind: Option<DocKind> = None;
    let mut output: Option<PathBuf> = None;
    let mut all: Option<PathBuf> = None;
    let mut force = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("doc") => {
                let v = parser.value()?.to_string_lossy().into_owned();
                kind = Some(
                    DOC_NAMES
                        .iter()
                        .find(|(n, _)| *n == v)
                        .map(|(_, k)| *k)
                        .ok_or_else(|| {
                            let names: Vec<&str> = DOC_NAMES.iter().map(|(n, _)| *n).collect();
                            Usage(format!(
                                "không có văn bản \u{201c}{v}\u{201d} (chọn một trong: {})",
                                names.join(", ")
                            ))
                        })?,
                );
            }
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                output = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("all") => all = Some(parser.value()?.into()),
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let input = input.ok_or_else(|| Usage("thiếu tệp sổ thi đua".into()))?;
    // Each job: a document and where it goes (the directory of --all, or --out).
    let (jobs, dir): (Vec<(DocKind, Option<PathBuf>)>, Option<PathBuf>) = match (kind, output, all)
    {
        (Some(k), Some(o), None) => (vec![(k, Some(o))], None),
        (None, None, Some(dir)) => (docs::ALL.iter().map(|k| (*k, None)).collect(), Some(dir)),
        (Some(_), None, None) => return Err(Usage("thiếu --out TỆP.pdf".into())),
        (None, Some(_), None) => return Err(Usage("thiếu --doc VĂN_BẢN".into())),
        (None, None, None) => {
            return Err(Usage(
                "cần --doc VĂN_BẢN --out TỆP.pdf hoặc --all THƯ_MỤC".into(),
            ));
        }
        _ => return Err(Usage("--all không dùng cùng --doc hoặc --out".into())),
    };
    // Every document needs a sound file; each then refuses only for the
    // problems of the parts it is made from (see `docs::needs`).
    let Some(loaded) = load_for(&input, "in văn bản", |s| *s == Scope::File, err) else {
        return Ok(EXIT_FAILED);
    };
    let wb = &loaded.workbook;
    if let Some(dir) = &dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let _ = writeln!(
            err,
            "{}: không tạo được thư mục ({}).",
            dir.display(),
            crate::text::io_reason(&e)
        );
        return Ok(EXIT_FAILED);
    }
    let mut code = EXIT_OK;
    for (kind, path) in jobs {
        let path = match (path, &dir) {
            (Some(p), _) => p,
            (None, Some(d)) => d.join(docs::file_name(wb, kind)),
            (None, None) => continue,
        };
        if !export_one(wb, &loaded.problems, kind, &path, force, out, err) {
            code = EXIT_FAILED;
        }
    }
    Ok(code)
}

/// Builds and writes one document; false when refused or not written.
fn export_one(
    wb: &Workbook,
    problems: &[Problem],
    kind: DocKind,
    path: &Path,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    if path.exists() && !force {
        let _ = writeln!(
            err,
            "{}: tệp đã có; không ghi đè (thêm --force để ghi đè).",
            path.display()
        );
        return false;
    }
    let blocking: Vec<&Problem> = problems
        .iter()
        .filter(|p| docs::needs(kind, &p.scope))
        .collect();
    if !blocking.is_empty() {
        let heading = format!(
            "{}: không lập được {} — sổ có {} lỗi cần sửa trước:",
            path.display(),
            docs::title(kind),
            blocking.len()
        );
        super::print_problems(err, &heading, blocking);
        return false;
    }
    let built = match docs::build(wb, kind) {
        Ok(b) => b,
        Err(DocError::Refused { kind, missing }) => {
            let _ = writeln!(
                err,
                "{}: không lập được {} — còn thiếu:",
                path.display(),
                docs::title(kind)
            );
            for m in &missing {
                let _ = writeln!(err, "  - {}", m.what);
            }
            return false;
        }
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", path.display());
            return false;
        }
    };
    // A PDF is rebuilt from the workbook at will: no backup copy is kept.
    if let Err(e) = write_file(path, &built.pdf, Overwrite::Anything, false) {
        let _ = writeln!(err, "{}: {e}", path.display());
        return false;
    }
    let _ = writeln!(
        out,
        "{}: {} — {} KB{}.",
        path.display(),
        docs::title(kind),
        built.pdf.len().div_ceil(1024),
        if built.warnings.is_empty() {
            ""
        } else {
            " (bản nháp)"
        }
    );
    for w in &built.warnings {
        let _ = writeln!(err, "{}: {w}", path.display());
    }
    true
}
