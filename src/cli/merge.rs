//! `thidua merge MASTER RETURNED... [--out FILE] [--accept-all]
//! [--allow-unsigned] [--force]`: merges files returned by member schools
//! into the leader's workbook. Without `--accept-all` it only reports; with
//! it, it applies every allowed change of signed returns (conflicts stay
//! open, recorded in the master) and saves — only when something changed.
//! Unsigned returns need `--allow-unsigned` and a verified integrity line;
//! a file without one, or with a wrong one, is left to the clerk's window.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe, load_or_report};
use crate::exchange::{self, Authenticity, Decisions, Review, Status};
use crate::workbook::{self, Integrity, Owner, file::Overwrite};
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut output: Option<PathBuf> = None;
    let mut accept_all = false;
    let mut allow_unsigned = false;
    let mut force = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                output = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("accept-all") => accept_all = true,
            lexopt::Arg::Long("allow-unsigned") => allow_unsigned = true,
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Value(v) => files.push(v.into()),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    if files.is_empty() {
        return Err(Usage("thiếu tệp sổ của cụm".into()));
    }
    let master_path = files.remove(0);
    if files.is_empty() {
        return Err(Usage("thiếu tệp các trường gửi về".into()));
    }
    if accept_all
        && let Some(o) = &output
        && o.exists()
        && !force
    {
        let _ = writeln!(
            err,
            "{}: tệp đã có; không ghi đè (thêm --force để ghi đè).",
            o.display()
        );
        return Ok(EXIT_FAILED);
    }
    let Some(loaded) = load_or_report(&master_path, err) else {
        return Ok(EXIT_FAILED);
    };
    if loaded.integrity == Integrity::Mismatch {
        let _ = writeln!(
            err,
            "{}: lưu ý — {}",
            master_path.display(),
            Integrity::Mismatch.message()
        );
    }
    let mut master = loaded.workbook;
    let mut clean = true;
    let mut merged_any = false;
    // A merge never adds a problem to the master: the problems before, to
    // compare each file's result with.
    let mut before = problem_messages(&master);
    for path in &files {
        let _ = writeln!(out, "== {}", path.display());
        let review = match exchange::review_file(&master, path) {
            Ok(r) => r,
            Err(refusal) => {
                clean = false;
                let _ = writeln!(out, "  Không gộp: {refusal}");
                let _ = writeln!(err, "{}: không gộp: {refusal}", path.display());
                continue;
            }
        };
        print_review(&review, out);
        if !review.is_clean() {
            clean = false;
        }
        if review.integrity != Integrity::Verified {
            clean = false;
            let _ = writeln!(
                out,
                "  Không tự động gộp tệp thiếu mã kiểm tra hoặc không khớp mã kiểm tra: hãy xem từng thay đổi trong cửa sổ, hoặc đề nghị trường gửi lại."
            );
            continue;
        }
        if review.authenticity == Authenticity::Unsigned && !allow_unsigned {
            clean = false;
            let _ = writeln!(
                out,
                "  Không tự động gộp tệp không có chữ ký của trường (không chứng minh được trường nào gửi): xem trong cửa sổ, hoặc thêm --allow-unsigned nếu chắc chắn."
            );
            continue;
        }
        let mut next = master.clone();
        let applied = exchange::apply(&mut next, &review, &Decisions::new());
        let conflicts_changed = next.provenance.conflicts != master.provenance.conflicts;
        if applied.accepted + applied.kept == 0 && !conflicts_changed {
            let _ = writeln!(
                out,
                "  Không có thay đổi nào được nhận: sổ của cụm giữ nguyên."
            );
            continue;
        }
        let after = problem_messages(&next);
        let added: Vec<&String> = after.iter().filter(|m| !before.contains(*m)).collect();
        if !added.is_empty() {
            clean = false;
            let _ = writeln!(
                out,
                "  Không gộp: sổ của cụm sẽ có lỗi mới — {}",
                added
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            continue;
        }
        master = next;
        before = after;
        merged_any = true;
        let verb = if accept_all {
            "Đã gộp"
        } else {
            "Sẽ gộp"
        };
        let _ = writeln!(
            out,
            "  {verb}: {} thay đổi nhận, {} từ chối, {} xung đột chưa quyết định (ghi lại trong sổ để quyết định sau).",
            applied.accepted, applied.refused, applied.undecided
        );
    }
    if !master.provenance.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "Xung đột đang chờ quyết định: {}.",
            master.provenance.conflicts.len()
        );
    }
    let missing = exchange::missing(&master);
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|id| master.school_name(id)).collect();
        let _ = writeln!(out, "Chưa nhận tệp của: {}.", names.join(", "));
    }
    if !accept_all {
        let _ = writeln!(
            err,
            "Chưa ghi gì: thêm --accept-all để gộp các thay đổi được phép (xung đột vẫn để lại chờ quyết định)."
        );
    } else if merged_any {
        exchange::stamp(&mut master, &Owner::Cluster);
        // A master too large to open again would lock the leader out.
        let size = workbook::to_bytes(&master).len() as u64;
        if size > workbook::file::MAX_FILE_BYTES {
            let _ = writeln!(
                err,
                "Không ghi: sổ sau khi gộp sẽ quá lớn ({size} byte; tối đa {} byte) và không mở lại được. Hãy kiểm tra các tệp gửi về (có thể có tệp lạ hoặc bị nhân bản).",
                workbook::file::MAX_FILE_BYTES
            );
            return Ok(EXIT_FAILED);
        }
        let (target, overwrite) = match &output {
            Some(o) if force => (o.clone(), Overwrite::Anything),
            Some(o) => (o.clone(), Overwrite::WorkbookOnly),
            None => (master_path.clone(), Overwrite::WorkbookOnly),
        };
        if let Err(e) = workbook::save(&target, &master, overwrite) {
            let _ = writeln!(err, "{e}");
            return Ok(EXIT_FAILED);
        }
        let _ = writeln!(err, "Đã lưu sổ của cụm vào {}.", target.display());
    } else {
        let _ = writeln!(err, "Không có tệp nào được gộp: sổ của cụm giữ nguyên.");
    }
    Ok(if clean { EXIT_OK } else { EXIT_FAILED })
}

/// The master's problems as messages (a multiset is not needed: the same
/// message twice is the same problem twice, and either way it is not new).
fn problem_messages(wb: &workbook::Workbook) -> std::collections::HashSet<String> {
    workbook::validate(wb)
        .into_iter()
        .map(|p| p.message)
        .collect()
}

fn print_review(review: &Review, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "  Trường gửi: {} — {}",
        review.sender_name,
        review.authenticity.label()
    );
    if review.integrity != Integrity::Verified {
        let _ = writeln!(out, "  Kiểm tra tệp: {}", review.integrity_message());
    }
    for note in &review.notes {
        let _ = writeln!(out, "  Bỏ qua: {note}");
    }
    if review.changes.is_empty() {
        let _ = writeln!(out, "  Không có gì mới so với sổ của cụm.");
    }
    for c in &review.changes {
        let old = c.old.as_deref().unwrap_or("—");
        let new = c.new.as_deref().unwrap_or("—");
        let _ = writeln!(
            out,
            "  [{}] {} {}: {} → {}",
            c.status.label(),
            c.kind.label(),
            c.label,
            old,
            new
        );
        match &c.status {
            Status::Refused(reason) => {
                let _ = writeln!(out, "      Lý do: {reason}.");
            }
            Status::Conflict => {
                let _ = writeln!(
                    out,
                    "      Cả cụm và trường đều đã sửa từ khi gửi tệp: chưa quyết định, chưa gộp (quyết định trong cửa sổ)."
                );
            }
            Status::Acceptable => {}
        }
    }
}
