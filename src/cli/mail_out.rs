//! `thidua mail-out MASTER --out DIR [--school ID] [--force] [--unlock]`: one copy of
//! the master per member school (the leader's own included), each carrying
//! only its own school's key, named like `Cum8-2019-gui-BinhThuan.json`.
//! The first mail-out gives the master its secret (saved, with a backup).
//! `--school` re-issues one school's copy (same key, current records).
//! Beside each copy goes the school's Excel form (`…-gui-BinhThuan.xlsx`)
//! for a school without the app.
//! `--final` writes instead the final workbook for everyone after the
//! conference (`Cum8-2019-ban-cuoi.json`), which carries no key at all.
//! The policy is `master::send`; this only renders its outcome.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe};
use crate::master::lock::LockError;
use crate::master::send::{self, Failure};
use crate::workbook::Id;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut input: Option<PathBuf> = None;
    let mut dir: Option<PathBuf> = None;
    let mut only: Option<Id> = None;
    let mut force = false;
    let mut final_copy = false;
    let mut unlock = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                dir = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("school") => {
                only = Some(Id::new(parser.value()?.to_string_lossy().into_owned()))
            }
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Long("final") => final_copy = true,
            lexopt::Arg::Long("unlock") => unlock = true,
            lexopt::Arg::Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let input = input.ok_or_else(|| Usage("thiếu tệp sổ của cụm".into()))?;
    let dir = dir.ok_or_else(|| Usage("thiếu --out THƯ_MỤC".into()))?;
    if final_copy {
        return Ok(match send::final_copy_file(&input, &dir, force) {
            Ok(path) => {
                let _ = writeln!(
                    out,
                    "{}: bản cuối gửi các trường (không có khóa ký)",
                    path.display()
                );
                EXIT_OK
            }
            Err(f) => failed(&input, &f, err),
        });
    }
    let sent = match send::mail_out_file(&input, &dir, only.as_ref(), force, unlock) {
        Ok(sent) => sent,
        Err(f) => return Ok(failed(&input, &f, err)),
    };
    if sent.new_secret {
        let _ = writeln!(
            err,
            "{}: đã tạo khóa ký cho sổ của cụm (giữ kín tệp này; chỉ gửi các bản dưới đây).",
            input.display()
        );
    }
    for (path, what) in &sent.written {
        let _ = writeln!(out, "{}: {what}", path.display());
    }
    for e in &sent.errors {
        let _ = writeln!(err, "{e}");
    }
    Ok(if sent.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}

fn failed(input: &Path, f: &Failure, err: &mut dyn Write) -> i32 {
    match f {
        Failure::Load(_) => {
            let _ = writeln!(err, "{}: {f}", input.display());
        }
        Failure::Problems(problems) => {
            let heading = format!(
                "{}: sổ có {} lỗi nội dung, cần sửa trước khi gửi cho các trường:",
                input.display(),
                problems.len()
            );
            super::print_problems(err, &heading, problems);
        }
        Failure::Lock(e @ LockError::MaybeCrashed(_)) => {
            let _ = writeln!(
                err,
                "{e} Chưa gửi gì. Nếu chắc chắn máy đó không còn mở sổ, chạy lại lệnh với --unlock."
            );
        }
        Failure::Lock(e) => {
            let _ = writeln!(err, "{e} Chưa gửi gì.");
        }
        Failure::Refused(why) => {
            let _ = writeln!(err, "{why}");
        }
    }
    EXIT_FAILED
}
