//! `thidua merge MASTER RETURNED... [--out FILE] [--accept-all] [--force]`:
//! merges files returned by member schools into the leader's workbook.
//! Without `--accept-all` it only reports; with it, it applies every allowed
//! change (conflicts stay undecided) and saves.

use super::{EXIT_FAILED, EXIT_OK, Usage, describe, load_or_report};
use crate::exchange::{self, Decisions, Review, Status};
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
    let mut force = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                output = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("accept-all") => accept_all = true,
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
        if review.integrity == Integrity::Mismatch {
            let _ = writeln!(
                out,
                "  Không tự động gộp tệp có nội dung không khớp mã kiểm tra: hãy xem từng thay đổi trong cửa sổ, hoặc đề nghị trường gửi lại."
            );
            continue;
        }
        let applied = exchange::apply(&mut master, &review, &Decisions::new());
        merged_any = true;
        let verb = if accept_all {
            "Đã gộp"
        } else {
            "Sẽ gộp"
        };
        let _ = writeln!(
            out,
            "  {verb}: {} thay đổi nhận, {} từ chối, {} xung đột chưa quyết định.",
            applied.accepted, applied.refused, applied.undecided
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

fn print_review(review: &Review, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "  Trường gửi: {} (lưu lần thứ {})",
        review.sender_name, review.save_count
    );
    if review.integrity != Integrity::Verified {
        let _ = writeln!(out, "  Kiểm tra tệp: {}", review.integrity.message());
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
