//! `thidua export FILE --doc KIND --out OUT.pdf|OUT.docx|OUT.xlsx [--format
//! pdf|docx|xlsx] [--force]` and `thidua export FILE --all DIR [--format
//! pdf|docx|xlsx|both] [--force]`: the documents as PDF and as Word files;
//! the score sheet also as a spreadsheet (`--doc scores --format xlsx`).

use super::{EXIT_FAILED, EXIT_OK, Usage, describe, load_for};
use crate::document::docs::{self, DocError, Format};
use crate::master::output;
use crate::workbook::file::write_file;
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
    let mut formats: Option<Vec<Format>> = None;
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
            lexopt::Arg::Long("format") => {
                let v = parser.value()?.to_string_lossy().to_lowercase();
                formats = Some(match v.as_str() {
                    "pdf" => vec![Format::Pdf],
                    "docx" | "word" => vec![Format::Docx],
                    "both" => vec![Format::Pdf, Format::Docx],
                    "xlsx" | "excel" => vec![Format::Xlsx],
                    _ => {
                        return Err(Usage(format!(
                            "không có định dạng \u{201c}{v}\u{201d} (chọn pdf, docx, xlsx hoặc both)"
                        )));
                    }
                });
            }
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let input = input.ok_or_else(|| Usage("thiếu tệp sổ thi đua".into()))?;
    // Each job: a document, its format and where it goes (the directory of
    // --all, or --out).
    type Job = (DocKind, Format, Option<PathBuf>);
    let (jobs, dir): (Vec<Job>, Option<PathBuf>) = match (kind, output, all) {
        (Some(k), Some(o), None) => {
            // Without --format the file's extension says which.
            let ext = o
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let by_name = match ext.as_str() {
                "docx" => Format::Docx,
                "xlsx" => Format::Xlsx,
                _ => Format::Pdf,
            };
            let format = match formats.as_deref() {
                None => by_name,
                Some([f]) => *f,
                Some(_) => {
                    return Err(Usage(
                        "--format both chỉ dùng với --all (một --out là một tệp)".into(),
                    ));
                }
            };
            (vec![(k, format, Some(o))], None)
        }
        (None, None, Some(dir)) => {
            let formats = formats.unwrap_or_else(|| vec![Format::Pdf]);
            (
                docs::ALL
                    .iter()
                    .flat_map(|k| formats.iter().map(move |f| (*k, *f, None)))
                    // Only the score sheet comes as a spreadsheet.
                    .filter(|(k, f, _)| f.has(*k))
                    .collect(),
                Some(dir),
            )
        }
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
    // The report compares with the previous year's workbook beside this
    // one; without it the comparison is left out, and said so here.
    let mut previous = None;
    if jobs.iter().any(|(k, _, _)| *k == DocKind::Report) {
        let choice = crate::history::choose_previous_year(&input, wb);
        match choice.chosen {
            Some((_, w)) => previous = Some(std::sync::Arc::new(w)),
            None => {
                let _ = writeln!(
                    err,
                    "Báo cáo không có phần so sánh với năm {}: {}.",
                    choice.year,
                    choice.reason.unwrap_or_default()
                );
                for s in &choice.seen {
                    let _ = writeln!(err, "  {}: {}", s.path.display(), s.reason);
                }
            }
        }
    }
    let ctx = docs::Context { previous };
    let mut code = EXIT_OK;
    for (kind, format, path) in jobs {
        let path = match (path, &dir) {
            (Some(p), _) => p,
            (None, Some(d)) => d.join(docs::file_name_as(wb, kind, format)),
            (None, None) => continue,
        };
        if !export_one(
            &input,
            wb,
            &ctx,
            &loaded.problems,
            kind,
            format,
            &path,
            force,
            out,
            err,
        ) {
            code = EXIT_FAILED;
        }
    }
    Ok(code)
}

/// Builds and writes one document; false when refused or not written.
#[allow(clippy::too_many_arguments)] // the CLI's writers plus the job
fn export_one(
    input: &Path,
    wb: &Workbook,
    ctx: &docs::Context,
    problems: &[Problem],
    kind: DocKind,
    format: Format,
    path: &Path,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    // Never the workbook read, its backup or a master, even with --force;
    // --force replaces only a document of the same kind.
    let kind_written = match format {
        Format::Pdf => output::Kind::Pdf,
        _ => output::Kind::Package,
    };
    let overwrite = match output::check(path, &[input], kind_written, force) {
        Ok(o) => o,
        Err(why) => {
            let _ = writeln!(err, "{why}");
            return false;
        }
    };
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
    let (bytes, warnings) = match crate::export::build(format, wb, kind, ctx) {
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
    // A document is rebuilt from the workbook at will: no backup copy is
    // kept.
    if let Err(e) = write_file(path, &bytes, overwrite, false) {
        let _ = writeln!(err, "{}: {e}", path.display());
        return false;
    }
    let _ = writeln!(
        out,
        "{}: {} — {} KB{}.",
        path.display(),
        docs::title(kind),
        bytes.len().div_ceil(1024),
        if warnings.is_empty() {
            ""
        } else {
            " (bản nháp)"
        }
    );
    for w in &warnings {
        let _ = writeln!(err, "{}: {w}", path.display());
    }
    true
}
