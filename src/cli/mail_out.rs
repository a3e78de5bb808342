//! `thidua mail-out MASTER --out DIR [--school ID] [--force]`: one copy of
//! the master per member school (the leader's own included), each carrying
//! only its own school's key, named like `Cum8-2019-gui-BinhThuan.json`.
//! The first mail-out gives the master its secret (saved, with a backup).
//! `--school` re-issues one school's copy (same key, current records).
//! Beside each copy goes the school's Excel form (`…-gui-BinhThuan.xlsx`)
//! for a school without the app.
//! `--final` writes instead the final workbook for everyone after the
//! conference (`Cum8-2019-ban-cuoi.json`), which carries no key at all.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe, load_for};
use crate::exchange;
use crate::workbook::{self, Id, Owner, Scope, file::Overwrite};
use std::io::Write;
use std::path::PathBuf;

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
            lexopt::Arg::Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let input = input.ok_or_else(|| Usage("thiếu tệp sổ của cụm".into()))?;
    let dir = dir.ok_or_else(|| Usage("thiếu --out THƯ_MỤC".into()))?;
    let Some(loaded) = load_for(&input, "gửi cho các trường", |s| *s == Scope::File, err)
    else {
        return Ok(EXIT_FAILED);
    };
    let mut master = loaded.workbook;
    if master.provenance.copy_for.is_some() {
        let _ = writeln!(
            err,
            "{}: đây là bản của một trường, không phải sổ của cụm: không gửi được.",
            input.display()
        );
        return Ok(EXIT_FAILED);
    }
    if let Some(id) = &only
        && master.current_members().all(|s| &s.id != id)
    {
        let _ = writeln!(err, "Không có trường mã \u{201c}{id}\u{201d} trong cụm.");
        return Ok(EXIT_FAILED);
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        let _ = writeln!(
            err,
            "{}: không tạo được thư mục ({}).",
            dir.display(),
            crate::text::io_reason(&e)
        );
        return Ok(EXIT_FAILED);
    }
    let overwrite = if force {
        Overwrite::Anything
    } else {
        Overwrite::WorkbookOnly
    };
    let refuse_existing = |path: &std::path::Path, err: &mut dyn Write| {
        let exists = path.exists() && !force;
        if exists {
            let _ = writeln!(
                err,
                "{}: tệp đã có; không ghi đè (thêm --force để ghi đè).",
                path.display()
            );
        }
        exists
    };
    if final_copy {
        let path = dir.join(exchange::final_copy_name(&master));
        if refuse_existing(&path, err) {
            return Ok(EXIT_FAILED);
        }
        let copy = exchange::final_copy(&master);
        if let Err(e) =
            workbook::file::write_file(&path, &workbook::to_bytes(&copy), overwrite, false)
        {
            let _ = writeln!(err, "{}: {e}", path.display());
            return Ok(EXIT_FAILED);
        }
        let _ = writeln!(
            out,
            "{}: bản cuối gửi các trường (không có khóa ký)",
            path.display()
        );
        return Ok(EXIT_OK);
    }
    let copies = match exchange::mail_out_for(&mut master, only.as_ref()) {
        Ok((copies, new_secret)) => {
            // The keys come from the secret, and the master records what
            // each copy was given: both are kept — beside the app first (a
            // master restored from an older backup finds its key there),
            // then in the master — before any copy is written.
            if let Some(keys) = exchange::keystore::Keystore::current()
                && let Err(e) = keys.remember(&master)
            {
                let _ = writeln!(err, "{e}");
                return Ok(EXIT_FAILED);
            }
            exchange::stamp(&mut master, &Owner::Cluster);
            if let Err(e) = workbook::save(&input, &master, Overwrite::WorkbookOnly) {
                let _ = writeln!(err, "{e}");
                return Ok(EXIT_FAILED);
            }
            if new_secret {
                let _ = writeln!(
                    err,
                    "{}: đã tạo khóa ký cho sổ của cụm (giữ kín tệp này; chỉ gửi các bản dưới đây).",
                    input.display()
                );
            }
            copies
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return Ok(EXIT_FAILED);
        }
    };
    let mut code = EXIT_OK;
    for (school, copy) in copies {
        if only.as_ref().is_some_and(|o| o != &school) {
            continue;
        }
        let path = dir.join(exchange::mail_out_name(&master, &school));
        if refuse_existing(&path, err) {
            code = EXIT_FAILED;
            continue;
        }
        if let Err(e) =
            workbook::file::write_file(&path, &workbook::to_bytes(&copy), overwrite, false)
        {
            let _ = writeln!(err, "{}: {e}", path.display());
            code = EXIT_FAILED;
            continue;
        }
        let _ = writeln!(
            out,
            "{}: bản gửi {}",
            path.display(),
            master.school_full_name(&school)
        );
        // Beside it, the same part as an Excel form, for a school without
        // the app.
        let form_path = dir.join(crate::spreadsheet::form::file_name(&master, &school));
        if refuse_existing(&form_path, err) {
            code = EXIT_FAILED;
            continue;
        }
        match crate::spreadsheet::form::write(&master, &school, &form_path) {
            Ok(()) => {
                let _ = writeln!(
                    out,
                    "{}: phiếu tự chấm Excel cho {}",
                    form_path.display(),
                    master.school_full_name(&school)
                );
            }
            Err(e) => {
                let _ = writeln!(err, "{}: {e}", form_path.display());
                code = EXIT_FAILED;
            }
        }
    }
    Ok(code)
}
