//! `thidua merge MASTER RETURNED... [--unsigned-from SCHOOL FILE]...
//! [--out FILE] [--accept-all] [--force] [--unlock]`: merges files returned
//! by member schools into the leader's workbook. Without `--accept-all` it
//! only reports; with it, it applies every allowed change of signed returns
//! (conflicts stay open, recorded in the master) and saves — only when
//! something changed, under the master's lock. An unsigned file is merged
//! only as from the school the clerk names for it (`--unsigned-from`), and
//! only into that school's part. The policy is `master::merge`; this only
//! renders its outcome.

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, Usage, describe};
use crate::exchange::{Review, Status};
use crate::master::lock::LockError;
use crate::master::merge::{self, Failure, Request, Return, Saved, Verdict};
use crate::workbook::Integrity;
use std::io::Write;
use std::path::PathBuf;

pub fn run(
    parser: &mut lexopt::Parser,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Usage> {
    let mut master: Option<PathBuf> = None;
    let mut returns: Vec<Return> = Vec::new();
    let mut output: Option<PathBuf> = None;
    let mut accept = false;
    let mut force = false;
    let mut unlock = false;
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Long("out") | lexopt::Arg::Short('o') => {
                output = Some(parser.value()?.into())
            }
            lexopt::Arg::Long("accept-all") => accept = true,
            lexopt::Arg::Long("unsigned-from") => {
                let school = parser.value()?.to_string_lossy().into_owned();
                let file = parser
                    .value()
                    .map_err(|_| Usage("--unsigned-from cần hai giá trị: TRƯỜNG TỆP".into()))?;
                returns.push(Return {
                    path: file.into(),
                    from: Some(school),
                });
            }
            lexopt::Arg::Long("allow-unsigned") => {
                return Err(Usage(
                    "--allow-unsigned không còn dùng: tệp không có chữ ký không chứng minh được trường nào gửi. Hãy nêu trường cho từng tệp: --unsigned-from TRƯỜNG TỆP (TRƯỜNG: mã hoặc tên ngắn của trường, như thidua results in ra); tệp chỉ được gộp vào phần của trường đó".into(),
                ));
            }
            lexopt::Arg::Long("unlock") => unlock = true,
            lexopt::Arg::Long("force") => force = true,
            lexopt::Arg::Value(v) if master.is_none() => master = Some(v.into()),
            lexopt::Arg::Value(v) => returns.push(Return {
                path: v.into(),
                from: None,
            }),
            other => return Err(Usage(format!("tham số không hợp lệ: {}", describe(&other)))),
        }
    }
    let master = master.ok_or_else(|| Usage("thiếu tệp sổ của cụm".into()))?;
    if returns.is_empty() {
        return Err(Usage("thiếu tệp các trường gửi về".into()));
    }
    let request = Request {
        master: master.clone(),
        returns,
        accept,
        out: output,
        force,
        unlock,
    };
    let outcome = match merge::merge(&request) {
        Ok(o) => o,
        Err(failure) => {
            let _ = match &failure {
                Failure::Load(_) => writeln!(err, "{}: {failure}", master.display()),
                Failure::Lock(e @ LockError::MaybeCrashed(_)) => writeln!(
                    err,
                    "{e} Chưa ghi gì. Nếu chắc chắn máy đó không còn mở sổ, chạy lại lệnh với --unlock."
                ),
                Failure::Lock(e) => writeln!(err, "{e} Chưa ghi gì."),
                Failure::Output(_) | Failure::UnknownSchool(_) => writeln!(err, "{failure}"),
            };
            return Ok(match failure {
                Failure::UnknownSchool(_) => EXIT_USAGE,
                _ => EXIT_FAILED,
            });
        }
    };
    if outcome.master_mismatch {
        let _ = writeln!(
            err,
            "{}: lưu ý — {}",
            master.display(),
            Integrity::Mismatch.message()
        );
    }
    for f in &outcome.files {
        let _ = writeln!(out, "== {}", f.path.display());
        if let Some(review) = &f.review {
            print_review(review, out);
        }
        match &f.verdict {
            Verdict::Refused(refusal) => {
                let _ = writeln!(out, "  Không gộp: {refusal}");
                let _ = writeln!(err, "{}: không gộp: {refusal}", f.path.display());
            }
            Verdict::Left(why) => {
                let _ = writeln!(out, "  {why}");
            }
            Verdict::Nothing => {
                let _ = writeln!(
                    out,
                    "  Không có thay đổi nào được nhận: sổ của cụm giữ nguyên."
                );
            }
            Verdict::Taken(applied) => {
                // Only a saved merge is said to be merged.
                let verb = match &outcome.saved {
                    Saved::To(_) => "Đã gộp",
                    Saved::NotAsked => "Sẽ gộp",
                    Saved::NothingTaken | Saved::Failed(_) => "Chưa gộp (sổ không được lưu)",
                };
                let _ = writeln!(
                    out,
                    "  {verb}: {} thay đổi nhận, {} từ chối, {} xung đột chưa quyết định (ghi lại trong sổ để quyết định sau).",
                    applied.accepted, applied.refused, applied.undecided
                );
            }
        }
    }
    if outcome.open_conflicts > 0 {
        let _ = writeln!(
            out,
            "Xung đột đang chờ quyết định: {}.",
            outcome.open_conflicts
        );
    }
    if !outcome.missing.is_empty() {
        let _ = writeln!(out, "Chưa nhận tệp của: {}.", outcome.missing.join(", "));
    }
    let _ = match &outcome.saved {
        Saved::NotAsked => writeln!(
            err,
            "Chưa ghi gì: thêm --accept-all để gộp các thay đổi được phép (xung đột vẫn để lại chờ quyết định)."
        ),
        Saved::NothingTaken => writeln!(err, "Không có tệp nào được gộp: sổ của cụm giữ nguyên."),
        Saved::To(path) => writeln!(err, "Đã lưu sổ của cụm vào {}.", path.display()),
        Saved::Failed(why) => writeln!(err, "{why}"),
    };
    Ok(if outcome.clean() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}

fn print_review(review: &Review, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "  Trường gửi: {} — {}",
        review.sender_name,
        review.authenticity.label()
    );
    if let Some(claimed) = &review.claimed {
        let _ = writeln!(
            out,
            "  Lưu ý: tệp tự ghi là của {}; theo --unsigned-from, chỉ gộp vào phần của {}.",
            claimed_name(review, claimed),
            review.sender_name
        );
    }
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

/// The school an unsigned file names for itself ("không ghi trường nào"
/// when none).
pub(crate) fn claimed_name(review: &Review, claimed: &crate::workbook::Id) -> String {
    if claimed.as_str().is_empty() {
        "không ghi trường nào".into()
    } else {
        review.returned().school_full_name(claimed)
    }
}
