//! Why a returned file is not merged at all, and the checks of who sent
//! it that a workbook copy and an Excel form share (the master's key, a
//! file merged before). Below both readers (`identify`, `form`).

use crate::workbook::{Id, LoadError, Workbook};

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
    Form(crate::spreadsheet::read::FormError),
    /// The file claims to have seen edits nobody sent it: its versions were
    /// rewritten (re-signed with the school's own key) to outrank the
    /// cluster's.
    #[error(
        "Tệp của {school} ghi là đã thấy những lần sửa mà cụm chưa từng gửi cho trường ({why}): phiên bản trong tệp đã bị sửa để ghi đè phần của cụm. Tệp bị coi là giả mạo, không gộp."
    )]
    ForgedVersions { school: String, why: String },
    /// The master has no secret and none kept in this computer's data
    /// folder verifies the file: the master, not the school, is the
    /// problem.
    #[error(
        "Sổ của cụm đang mở không có khóa ký (có lẽ được khôi phục từ một bản lưu cũ hơn lần gửi cho các trường), nên chưa kiểm tra được chữ ký của tệp {school} gửi. Đây không phải lỗi của trường. Hãy mở bản sổ lưu sau lần gửi cho các trường (bản sao lưu .bak hoặc bản chép trên máy khác), rồi gộp lại tệp này."
    )]
    MasterWithoutKey { school: String },
    /// More records of a kind than any cluster-year holds (see
    /// `crate::limits`): refused before any record is compared.
    #[error(
        "Tệp có {count} {what}, quá giới hạn {max} của một năm: không phải tệp trường gửi bình thường (có thể bị nhân bản hoặc làm giả). Không gộp."
    )]
    TooMany {
        what: TooManyOf,
        count: usize,
        max: usize,
    },
}

/// What a returned file holds too many of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooManyOf {
    Members,
    Assessments,
    /// Activities of the one owner with the most.
    ActivitiesOfOneOwner,
    /// Bonus claims or deductions of one school.
    Adjustments,
    SelfScores,
    ClusterScores,
}

impl std::fmt::Display for TooManyOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TooManyOf::Members => "trường thành viên",
            TooManyOf::Assessments => "bản chấm điểm",
            TooManyOf::ActivitiesOfOneOwner => "hoạt động của một đơn vị",
            TooManyOf::Adjustments => "mục điểm thưởng hoặc điểm trừ của một trường",
            TooManyOf::SelfScores => "điểm tự chấm của một trường",
            TooManyOf::ClusterScores => "điểm cụm chấm của một trường",
        })
    }
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
            Refusal::ForgedVersions { .. } => "forged_versions",
            Refusal::MasterWithoutKey { .. } => "master_without_key",
            Refusal::TooMany { .. } => "too_many",
        }
    }
}

/// The master with its secret: as it is when it has one; else with the
/// copy kept in this computer's data folder (see `keystore`) that proves
/// itself by verifying the file (`verifies`), returned to be kept. A
/// master that lost its key, with no copy that fits, is the master's
/// problem, never the school's: [`Refusal::MasterWithoutKey`].
pub(crate) fn with_key<'m>(
    master: &'m Workbook,
    school: &str,
    verifies: impl Fn(&Workbook) -> bool,
) -> Result<
    (
        std::borrow::Cow<'m, Workbook>,
        Option<super::keystore::SavedKey>,
    ),
    Refusal,
> {
    if !master.provenance.secret.is_empty() {
        return Ok((std::borrow::Cow::Borrowed(master), None));
    }
    let saved = super::keystore::Keystore::current()
        .map(|k| k.keys_for(master))
        .unwrap_or_default();
    for key in saved {
        let mut m = master.clone();
        m.provenance.secret = key.secret.clone();
        if verifies(&m) {
            super::keystore::merge_issued(&mut m.provenance.issued, &key.issued);
            return Ok((std::borrow::Cow::Owned(m), Some(key)));
        }
    }
    Err(Refusal::MasterWithoutKey {
        school: school.to_string(),
    })
}

/// Refuses the same file merged again; Ok(true) when it is back because it
/// left conflicts open (shown again for a decision).
pub(crate) fn already_merged(
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
