//! `thidua new-year FILE --out NEXT.json [--force] [--unlock]`: next year's
//! workbook. The output is never the input, its backup or a master
//! (`master::output`), and is written under its lock (`master::lock`).

use super::{EXIT_FAILED, EXIT_OK, Usage, describe, load_for};
use crate::master::lock::{self, LockError, TakeOver};
use crate::master::output;
use crate::rules::rollover;
use crate::workbook::{self, Scope};
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut input: Option<PathBuf> = None;
    let mut output: Option<PathBuf> = None;
    let mut force = false;
    let mut unlock = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                output = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Long("unlock") => unlock = true,
            lexopt::Arg::Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let input = input.ok_or_else(|| Usage("thiếu tệp sổ năm nay".into()))?;
    let output = output.ok_or_else(|| Usage("thiếu --out TỆP cho sổ năm sau".into()))?;
    let overwrite = match output::check(&output, &[&input], output::Kind::Workbook, force) {
        Ok(o) => o,
        Err(why) => {
            let _ = writeln!(err, "{why}");
            return Ok(EXIT_FAILED);
        }
    };
    let how = if unlock {
        TakeOver::AnyMachine
    } else {
        TakeOver::ThisMachine
    };
    let _held = match lock::acquire(&output, how) {
        Ok(held) => held,
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
    };
    let Some(loaded) = load_for(
        &input,
        "lập sổ năm sau",
        |s| matches!(s, Scope::File | Scope::Election),
        err,
    ) else {
        return Ok(EXIT_FAILED);
    };
    let this_name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let next = match rollover::next_year(&loaded.workbook, &this_name) {
        Ok(next) => next,
        Err(problems) => {
            // Never write a file that `check` would refuse: say what to fix
            // in this year's workbook instead.
            let heading = format!(
                "{}: không lập được sổ năm sau — sổ mới sẽ có {} lỗi; hãy sửa trong sổ năm nay:",
                input.display(),
                problems.len()
            );
            super::print_problems(err, &heading, &problems);
            return Ok(EXIT_FAILED);
        }
    };
    if let Err(e) = workbook::save(&output, &next, overwrite) {
        let _ = writeln!(err, "{e}");
        return Ok(EXIT_FAILED);
    }
    let leader = next
        .roles
        .leader
        .as_ref()
        .map(|l| next.school_name(l))
        .unwrap_or_else(|| "chưa có".into());
    let _ = writeln!(
        out,
        "{}: sổ năm {} — {} trường, cụm trưởng {}.",
        output.display(),
        next.year,
        next.members.len(),
        leader
    );
    let left: Vec<String> = loaded
        .workbook
        .members
        .iter()
        .filter(|s| s.left.is_some())
        .map(|s| s.short_name.clone())
        .collect();
    if !left.is_empty() {
        let _ = writeln!(
            err,
            "Không chuyển sang năm sau các trường đã rời cụm: {}.",
            left.join(", ")
        );
    }
    Ok(EXIT_OK)
}
