//! Telling what a returned file is, by its content: which cluster and year,
//! who sent it, whether it was merged already or is older than one merged.

use super::{Authenticity, Review, diff};
use crate::workbook::{self, Id, LoadError, Loaded, Owner, Workbook, signing};
use std::path::Path;

/// Why a returned file is not merged at all. The master stays unchanged.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Refusal {
    #[error("{0} {advice}", advice = .0.advice())]
    Load(LoadError),
    #[error(
        "Tệp của cụm khác: tệp thuộc \u{201c}{found}\u{201d}, sổ đang mở là \u{201c}{expected}\u{201d}. Không gộp."
    )]
    OtherCluster { found: String, expected: String },
    #[error("Tệp của năm khác: tệp là sổ năm {found}, sổ đang mở là năm {expected}. Không gộp.")]
    OtherYear { found: i16, expected: i16 },
    #[error(
        "Không rõ trường nào gửi tệp này (tệp không ghi người lưu): không gộp. Đề nghị trường mở tệp bằng Sổ Thi Đua, lưu lại rồi gửi lại."
    )]
    UnknownSender,
    #[error(
        "Tệp do văn phòng cụm lưu, không phải tệp trường gửi về (có thể là bản cụm đã gửi đi, hoặc bản sao của chính sổ này): không gộp."
    )]
    FromCluster,
    #[error(
        "Tệp do trường có mã \u{201c}{0}\u{201d} lưu, nhưng trường này không có trong danh sách thành viên của cụm: không gộp."
    )]
    NotMember(Id),
    #[error(
        "Đã gộp tệp này rồi: cùng nội dung với tệp \u{201c}{file}\u{201d} của {school} đã gộp{on}. Không gộp lại."
    )]
    AlreadyMerged {
        school: String,
        file: String,
        on: String,
    },
    #[error(
        "Chữ ký của tệp không đúng với {school} ({why}): tệp có thể đã bị sửa hoặc do trường khác giả danh. Không gộp; đề nghị {school} gửi lại tệp từ bản đã nhận."
    )]
    Forged { school: String, why: String },
    /// A spreadsheet that is not a readable self-assessment form.
    #[error("{0} Không gộp.")]
    Form(String),
}

impl Refusal {
    /// A stable code, for tests and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Load(e) => e.code(),
            Refusal::OtherCluster { .. } => "other_cluster",
            Refusal::OtherYear { .. } => "other_year",
            Refusal::UnknownSender => "unknown_sender",
            Refusal::FromCluster => "from_cluster",
            Refusal::NotMember(_) => "not_member",
            Refusal::AlreadyMerged { .. } => "already_merged",
            Refusal::Forged { .. } => "forged",
            Refusal::Form(_) => "not_a_form",
        }
    }
}

/// Reads a returned file and reviews it against the master.
pub fn review_file(master: &Workbook, path: &Path) -> Result<Review, Refusal> {
    review_file_from(master, path, None)
}

/// [`review_file`], an unsigned file taken as from the school the clerk
/// names (see [`review_bytes_from`]).
pub fn review_file_from(
    master: &Workbook,
    path: &Path,
    from: Option<&Id>,
) -> Result<Review, Refusal> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Read once; a workbook copy and a filled Excel form are told apart by
    // their content, never by their name.
    let bytes = workbook::file::read_limited(path).map_err(Refusal::Load)?;
    review_bytes_from(master, &bytes, &name, from)
}

/// Reviews the bytes of a returned file (named `file_name` when received).
pub fn review_bytes(master: &Workbook, bytes: &[u8], file_name: &str) -> Result<Review, Refusal> {
    review_bytes_from(master, bytes, file_name, None)
}

/// [`review_bytes`]; an unsigned file (a `.json` without a signature, a
/// form without a valid token) proves nothing of who sent it, so it is
/// reviewed as from `from`, the school the clerk names for it: only that
/// school's part may change, whatever the file says. A signed file is
/// reviewed as from the school its signature proves (`from` is ignored:
/// the caller compares). A file saved by the cluster office stays refused.
pub fn review_bytes_from(
    master: &Workbook,
    bytes: &[u8],
    file_name: &str,
    from: Option<&Id>,
) -> Result<Review, Refusal> {
    if let Some(id) = from
        && master.school(id).is_none()
    {
        return Err(Refusal::NotMember(id.clone()));
    }
    if crate::spreadsheet::read::is_spreadsheet(bytes) {
        return super::form::review_form_from(master, bytes, file_name, from);
    }
    let mut loaded = workbook::file::load_bytes_as(bytes, workbook::file::Check::FileOnly)
        .map_err(Refusal::Load)?;
    let mut claimed = None;
    if let Some(id) = from
        && loaded.signature.is_empty()
    {
        let p = &mut loaded.workbook.provenance;
        match &p.saved_by {
            Some(Owner::Cluster) => {}
            Some(Owner::School(own)) if own == id => {}
            other => {
                claimed = Some(match other {
                    Some(Owner::School(own)) => own.clone(),
                    _ => Id::new(""),
                });
                p.saved_by = Some(Owner::School(id.clone()));
            }
        }
    }
    let mut review = review(master, loaded, file_name)?;
    review.claimed = claimed;
    Ok(review)
}

/// Identifies a loaded returned file and compares it with the master.
pub fn review(master: &Workbook, loaded: Loaded, file_name: &str) -> Result<Review, Refusal> {
    let returned = loaded.workbook;
    let same_cluster = returned.cluster.number == master.cluster.number
        && returned.cluster.name.trim() == master.cluster.name.trim();
    if !same_cluster {
        return Err(Refusal::OtherCluster {
            found: returned.cluster_title(),
            expected: master.cluster_title(),
        });
    }
    if returned.year != master.year {
        return Err(Refusal::OtherYear {
            found: returned.year,
            expected: master.year,
        });
    }
    let sender = match &returned.provenance.saved_by {
        None => return Err(Refusal::UnknownSender),
        Some(Owner::Cluster) => return Err(Refusal::FromCluster),
        Some(Owner::School(id)) if master.school(id).is_none() => {
            return Err(Refusal::NotMember(id.clone()));
        }
        Some(Owner::School(id)) => id.clone(),
    };
    let school = master.school_full_name(&sender);
    let authenticity = authenticity(
        master,
        &sender,
        &returned,
        &loaded.content_hash,
        &loaded.signature,
    )
    .map_err(|why| Refusal::Forged {
        school: school.clone(),
        why,
    })?;
    let open = already_merged(master, &sender, &loaded.content_hash)?;
    // Returns are never ordered by their save count: a counter written in
    // the file proves nothing (a forged 2^64-1 would block every later
    // file). Causality comes from the version vectors of each record.
    let changes = diff::changes(master, &returned, &sender);
    Ok(Review {
        sender_name: school,
        sender,
        claimed: None,
        file_name: file_name.to_string(),
        integrity: loaded.integrity,
        authenticity,
        reopened: open,
        save_count: returned.provenance.save_count,
        content_hash: loaded.content_hash,
        changes,
        notes: Vec::new(),
        spreadsheet: false,
        returned,
    })
}

/// Signed, unsigned, or (Err) a signature that does not verify for the
/// school the file names.
fn authenticity(
    master: &Workbook,
    sender: &Id,
    returned: &Workbook,
    content_hash: &str,
    signature: &str,
) -> Result<Authenticity, String> {
    if signature.is_empty() {
        return Ok(Authenticity::Unsigned);
    }
    if master.provenance.secret.is_empty() {
        return Err(
            "sổ của cụm chưa gửi bản có khóa cho các trường nên không có gì để đối chiếu".into(),
        );
    }
    if returned.provenance.copy_for.as_ref() != Some(sender) {
        return Err("bản này cấp cho trường khác".into());
    }
    if signing::verifies(master, sender, content_hash, signature) {
        Ok(Authenticity::Signed)
    } else {
        Err("chữ ký không khớp với nội dung và khóa của trường".into())
    }
}

/// Refuses the same file merged again; Ok(true) when it is back because it
/// left conflicts open (shown again for a decision).
pub(super) fn already_merged(
    master: &Workbook,
    sender: &Id,
    content_hash: &str,
) -> Result<bool, Refusal> {
    let open = master
        .provenance
        .conflicts
        .iter()
        .any(|c| c.content_hash == content_hash);
    let earlier = master
        .provenance
        .returns
        .iter()
        .filter(|r| &r.school == sender);
    for r in earlier {
        if r.content_hash == content_hash && !open {
            return Err(Refusal::AlreadyMerged {
                school: master.school_full_name(sender),
                file: r.file_name.clone(),
                on: r
                    .merged_on
                    .map(|d| format!(" ngày {}", crate::text::format_date(d)))
                    .unwrap_or_default(),
            });
        }
    }
    Ok(open)
}
