//! Who may change what ("quyền sửa"): one rule, for the window's edits on
//! a member school's machine, for the copies schools send back (`.json`)
//! and for their Excel forms.
//!
//! The cluster's office may change anything. A member school may create,
//! change and delete only what sits in its own part, judged by what the
//! record is about (its subject), never by an `owner` field a file could
//! rewrite:
//!
//! - its self-scores (with notes and evidence) and its registration;
//! - its bonus claims: items in its own assessment that it entered, never
//!   a deduction, never an item the cluster entered, and never the amount
//!   the cluster accepted of a claim;
//! - its head's and officer's contact details (not its name, address or
//!   membership);
//! - the activities it hosts (host = that school, before and after).
//!
//! Everything else — cluster scores, deductions, discipline, members,
//! roles, rules, the criteria table, the conference and the documents — is
//! the cluster's.

use super::record::Rec;
use super::{AdjustmentKind, Id, Owner, RecordKey, Rev, Workbook};

/// A part of the year only the cluster's office changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterPart {
    Members,
    MemberDetails,
    Roles,
    Rules,
    Criteria,
    ClusterScores,
    Deductions,
    ClusterItems,
    AcceptedAmount,
    Discipline,
    Conference,
    Documents,
}

impl ClusterPart {
    /// What it is, in Vietnamese, as a sentence's subject.
    pub fn label(self) -> &'static str {
        match self {
            ClusterPart::Members => "Danh sách thành viên",
            ClusterPart::MemberDetails => "Tên, địa chỉ, tư cách thành viên của trường",
            ClusterPart::Roles => "Cụm trưởng, cụm phó",
            ClusterPart::Rules => "Quy định",
            ClusterPart::Criteria => "Bảng tiêu chí",
            ClusterPart::ClusterScores => "Điểm cụm chấm",
            ClusterPart::Deductions => "Điểm trừ",
            ClusterPart::ClusterItems => "Điểm thưởng do cụm ghi",
            ClusterPart::AcceptedAmount => "Mức điểm thưởng cụm chấp nhận",
            ClusterPart::Discipline => "Kỷ luật, thanh tra",
            ClusterPart::Conference => "Hội nghị tổng kết",
            ClusterPart::Documents => "Thông tin văn bản",
        }
    }
}

/// Why an editor may not make a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotYours {
    /// Only the cluster's office changes this.
    Cluster(ClusterPart),
    /// It is in another school's part.
    OtherSchool(Id),
    /// An activity hosted by another school (Some) or by the cluster (None).
    Host(Option<Id>),
}

impl NotYours {
    /// Whose it is, in Vietnamese: "Điểm cụm chấm là phần của cụm",
    /// "phần này của trường Tây Ninh", "hoạt động do trường Bình Thuận chủ
    /// trì là của trường đó".
    pub fn whose(&self, wb: &Workbook) -> String {
        match self {
            NotYours::Cluster(part) => format!("{} là phần của cụm", part.label()),
            NotYours::OtherSchool(id) => format!("phần này của trường {}", wb.school_name(id)),
            NotYours::Host(Some(id)) => format!(
                "hoạt động do trường {} chủ trì là của trường đó",
                wb.school_name(id)
            ),
            NotYours::Host(None) => "hoạt động của cụm (không do trường nào chủ trì)".into(),
        }
    }
}

/// May `editor` take the record `key` from `before` to `after` (None:
/// absent — a creation, or a deletion)? See the module doc.
pub fn may_change(
    editor: &Owner,
    key: &RecordKey,
    before: Option<Rec<'_>>,
    after: Option<Rec<'_>>,
) -> Result<(), NotYours> {
    let Owner::School(me) = editor else {
        return Ok(());
    };
    let mine = |y: &Id| {
        if y == me {
            Ok(())
        } else {
            Err(NotYours::OtherSchool(y.clone()))
        }
    };
    let cluster = |part| Err(NotYours::Cluster(part));
    match key {
        RecordKey::SelfScore(y, _) | RecordKey::Registration(y) => mine(y),
        RecordKey::Adjustment(y, _) => {
            mine(y)?;
            for side in [before, after].into_iter().flatten() {
                let Rec::Adjustment(a) = side else { continue };
                if a.kind == AdjustmentKind::Deduction {
                    return cluster(ClusterPart::Deductions);
                }
                match &a.owner {
                    Owner::School(z) if z == me => {}
                    Owner::School(z) => return Err(NotYours::OtherSchool(z.clone())),
                    Owner::Cluster => return cluster(ClusterPart::ClusterItems),
                }
            }
            // The accepted amount is the cluster's review of the claim.
            match (before, after) {
                (Some(Rec::Adjustment(a)), Some(Rec::Adjustment(b)))
                    if a.accepted != b.accepted =>
                {
                    cluster(ClusterPart::AcceptedAmount)
                }
                (None, Some(Rec::Adjustment(b))) if b.accepted.is_some() => {
                    cluster(ClusterPart::AcceptedAmount)
                }
                _ => Ok(()),
            }
        }
        RecordKey::Member(y) => {
            mine(y)?;
            // Its head's and officer's details only.
            let (Some(Rec::Member(a)), Some(Rec::Member(b))) = (before, after) else {
                return cluster(ClusterPart::Members);
            };
            let bare = |s: &super::School| super::School {
                head: Default::default(),
                officer: Default::default(),
                rev: Rev::default(),
                ..s.clone()
            };
            if bare(a) == bare(b) {
                Ok(())
            } else {
                cluster(ClusterPart::MemberDetails)
            }
        }
        RecordKey::Activity(_) => {
            for side in [before, after].into_iter().flatten() {
                if let Rec::Activity(a) = side
                    && a.host.as_ref() != Some(me)
                {
                    return Err(NotYours::Host(a.host.clone()));
                }
            }
            Ok(())
        }
        RecordKey::ClusterScore(..) => cluster(ClusterPart::ClusterScores),
        RecordKey::Discipline(_) => cluster(ClusterPart::Discipline),
        RecordKey::Roles => cluster(ClusterPart::Roles),
        RecordKey::Rules => cluster(ClusterPart::Rules),
        RecordKey::Criteria => cluster(ClusterPart::Criteria),
        RecordKey::Conference => cluster(ClusterPart::Conference),
        RecordKey::Documents => cluster(ClusterPart::Documents),
    }
}

/// Checks every record `after` changed from `before` against
/// [`may_change`]: the first one `editor` may not change.
pub fn check_all(
    before: &Workbook,
    after: &Workbook,
    editor: &Owner,
) -> Result<(), (RecordKey, NotYours)> {
    if *editor == Owner::Cluster {
        return Ok(());
    }
    let empty = |r: Option<Rec<'_>>| match r {
        None => true,
        Some(Rec::Registration(x)) => *x == super::Registration::default(),
        Some(Rec::Discipline(x)) => *x == super::Discipline::default(),
        _ => false,
    };
    for (key, b, a) in super::record::differing_records(before, after) {
        // An assessment made for the edit holds an empty registration and
        // discipline status: no change to either.
        if empty(b) && empty(a) {
            continue;
        }
        may_change(editor, &key, b, a).map_err(|why| (key.clone(), why))?;
    }
    Ok(())
}
