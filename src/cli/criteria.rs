//! `thidua criteria SỔ.json --from BẢNG.docx|.xlsx|.xls|.ods [--table N]
//! [--apply [--replace] [--out TỆP.json [--force]]] [--unlock]`: the
//! criteria table from the document the cluster received. Without
//! `--apply` a dry run: the tree understood and every row not understood on
//! stdout, nothing written. With `--apply` the table replaces the
//! workbook's (the workbook itself, under its lock, keeping the previous
//! version as `.bak`; or `--out`): criteria are matched by code so their
//! scores follow; a scored criterion that disappears is refused, named,
//! unless `--replace` (its scores go with it).
//!
//! Exit 0 when the table was read (and, with `--apply`, written); 1 when
//! the file or the import is refused; 2 on a usage error. Rows not
//! understood are listed, not a failure: they are what the clerk checks
//! before applying.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe};
use crate::intake;
use crate::master::lock::{self, LockError, TakeOver};
use crate::master::output;
use crate::workbook::criteria_table::{self, Fitted, Understood};
use crate::workbook::{self, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut input: Option<PathBuf> = None;
    let mut from: Option<PathBuf> = None;
    let mut output: Option<PathBuf> = None;
    let mut table: Option<usize> = None;
    let (mut apply, mut replace, mut force, mut unlock) = (false, false, false, false);
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("from") => from = Some(parser.value()?.into()),
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                output = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("table") => {
                let v = parser.value()?;
                let n = v
                    .to_str()
                    .and_then(|s| s.trim().parse::<usize>().ok())
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        Usage(format!(
                            "--table cần số thứ tự của bảng (1, 2…), không phải \u{201c}{}\u{201d}",
                            v.to_string_lossy()
                        ))
                    })?;
                table = Some(n);
            }
            lexopt::Arg::Long("apply") => apply = true,
            lexopt::Arg::Long("replace") => replace = true,
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Long("unlock") => unlock = true,
            lexopt::Arg::Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let input = input.ok_or_else(|| Usage("thiếu tệp sổ thi đua".into()))?;
    let from = from.ok_or_else(|| {
        Usage("thiếu --from BẢNG.docx|.xlsx|.xls|.ods (tệp bảng tiêu chí nhận được)".into())
    })?;
    if output.is_some() && !apply {
        return Err(Usage("--out chỉ dùng cùng --apply".into()));
    }

    // Where the result goes, checked before anything is read.
    let mut overwrite = workbook::file::Overwrite::WorkbookOnly;
    if let Some(o) = &output {
        overwrite = match output::check(o, &[&input, &from], output::Kind::Workbook, force) {
            Ok(w) => w,
            Err(why) => {
                let _ = writeln!(err, "{why}");
                return Ok(EXIT_FAILED);
            }
        };
    }
    let target = output.clone().unwrap_or_else(|| input.clone());
    let _held = if apply {
        let how = if unlock {
            TakeOver::AnyMachine
        } else {
            TakeOver::ThisMachine
        };
        match lock::acquire(&target, how) {
            Ok(h) => Some(h),
            Err(e @ LockError::MaybeCrashed(_)) => {
                let _ = writeln!(
                    err,
                    "{e} Chưa ghi gì. Nếu chắc chắn máy đó không còn mở sổ, chạy lại lệnh với --unlock."
                );
                return Ok(EXIT_FAILED);
            }
            Err(e) => {
                let _ = writeln!(err, "{e} Chưa ghi gì.");
                return Ok(EXIT_FAILED);
            }
        }
    } else {
        None
    };

    let read = match crate::master::read(&input) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "{}: {e} {}", input.display(), e.advice());
            return Ok(EXIT_FAILED);
        }
    };
    let wb = read.loaded.workbook;
    let (tables, chosen, understood) = match intake::import(&from, table) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", from.display());
            return Ok(EXIT_FAILED);
        }
    };
    let fitted = criteria_table::fit(&wb, &understood.criteria);
    print_preview(out, &from, &understood, &fitted);
    for (n, label) in tables.others(chosen) {
        let _ = writeln!(
            err,
            "Tệp còn {label} cũng giống bảng tiêu chí: chưa lấy. Muốn lấy bảng đó thì thêm --table {n}."
        );
    }
    if !understood.not_understood.is_empty() {
        let _ = writeln!(
            err,
            "{} dòng không hiểu (xem trên): các dòng này không được nhập; sửa trong tệp nguồn rồi chạy lại, hoặc thêm tay sau khi nhập.",
            understood.not_understood.len()
        );
    }
    if !fitted.vanishing.is_empty() && !replace {
        let _ = writeln!(
            err,
            "Không nhập: các tiêu chí sau đã có điểm nhưng không còn chỗ trong bảng mới (mã không còn, hoặc nay có tiêu chí con):"
        );
        for v in &fitted.vanishing {
            let _ = writeln!(
                err,
                "  - {} \u{201c}{}\u{201d}: {} điểm đã chấm",
                v.code, v.title, v.scores
            );
        }
        let _ = writeln!(
            err,
            "Kiểm tra mã trong bảng mới; nếu đúng là bỏ các tiêu chí đó (và điểm đã chấm của chúng), chạy lại với --replace."
        );
        return Ok(EXIT_FAILED);
    }
    if !apply {
        let _ = writeln!(
            err,
            "Chạy thử: chưa ghi gì. Thêm --apply để ghi bảng này vào sổ (bản cũ giữ ở .bak)."
        );
        return Ok(EXIT_OK);
    }
    let next = match applied(&wb, &fitted, replace) {
        Ok(next) => next,
        Err(lines) => {
            let _ = writeln!(err, "Không nhập, chưa ghi gì:");
            for l in lines {
                let _ = writeln!(err, "  - {l}");
            }
            return Ok(EXIT_FAILED);
        }
    };
    let mut next = next;
    crate::exchange::stamp(&mut next, &workbook::Owner::Cluster);
    let saved = if output.is_some() {
        workbook::save(&target, &next, overwrite).map(|_| ())
    } else {
        crate::master::save(&target, &next, &read.disk_hash).map(|_| ())
    };
    if let Err(e) = saved {
        let _ = writeln!(err, "{}", crate::master::not_saved(&e, true));
        return Ok(EXIT_FAILED);
    }
    let _ = writeln!(
        err,
        "Đã ghi bảng tiêu chí vào {} (bản trước giữ ở {}).",
        target.display(),
        workbook::file::backup_path(&target).display()
    );
    Ok(EXIT_OK)
}

/// The workbook with the table in: the one checked edit the window
/// applies too (`intake::checked_edit`).
pub fn applied(wb: &Workbook, fitted: &Fitted, replace: bool) -> Result<Workbook, Vec<String>> {
    let edit = crate::intake::checked_edit(wb, fitted, replace)?;
    let mut next = wb.clone();
    edit.apply(&mut next).map_err(|e| vec![e.to_string()])?;
    Ok(next)
}

fn print_preview(out: &mut dyn Write, from: &Path, u: &Understood, f: &Fitted) {
    let _ = writeln!(
        out,
        "Bảng tiêu chí đọc từ {} ({}): {} mục, tổng {} điểm.",
        from.display(),
        u.label,
        u.count(),
        u.total()
    );
    for line in criteria_table::outline(&u.criteria) {
        let _ = writeln!(out, "  {line}");
    }
    for c in &u.checked {
        let _ = writeln!(out, "Đã kiểm: {c}.");
    }
    if u.not_understood.is_empty() {
        let _ = writeln!(out, "Mọi dòng đều hiểu được.");
    } else {
        let _ = writeln!(out, "Dòng không hiểu ({}):", u.not_understood.len());
        for m in &u.not_understood {
            let _ = writeln!(out, "  - {m}");
        }
    }
    let _ = writeln!(
        out,
        "So với sổ: {} tiêu chí khớp mã (điểm đã chấm đi theo), {} mới, {} của sổ không còn.",
        f.matched, f.added, f.gone
    );
}
