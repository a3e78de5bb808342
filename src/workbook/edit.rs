//! Edits: every change the window makes to a workbook, as plain data. The
//! app applies them in one place (undo, dirty flag, recovery copy), and the
//! same edits can later be replayed by the CLI or a merge. No iced here.

pub mod activities;
pub mod conference;
pub mod criteria;
pub mod scores;

use super::Workbook;
use super::model::{Id, Owner, Rules, School};
use crate::text::nfc_in_place;
pub use activities::ActivityEdit;
pub use conference::ConferenceEdit;
pub use criteria::CriteriaEdit;
pub use scores::ScoreEdit;

/// One change to a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Adds a member school. An empty id gets a fresh one.
    AddSchool(School),
    /// Replaces the school with the same id (its `rev` is kept and bumped).
    SetSchool(School),
    /// Removes a school and every reference to it (see [`references`]).
    RemoveSchool(Id),
    /// Sets or clears this year's cluster leader.
    SetLeader(Option<Id>),
    /// Sets this year's deputies, in order.
    SetDeputies(Vec<Id>),
    /// The year-end conference: details, ballots, election, handover.
    Conference(ConferenceEdit),
    /// Activities of the year (issue 6).
    Activity(ActivityEdit),
    /// The criteria table and the bonus/deduction caps (issue 6).
    Criteria(CriteriaEdit),
    /// Self and cluster scores, notes, evidence, bonus/deduction items (issue 6).
    Score(ScoreEdit),
    /// The year's rules ("Quy chế"): rating bands, caps, awards and quotas,
    /// the ballot's threshold and quorum, the tie-break order, the legal
    /// bases — as one change, refused whole if `check` would refuse them.
    SetRules(Box<Rules>),
    /// What the documents print beyond the records: numbers, dates, the
    /// place, "Nơi nhận", attachments, the report's own text, the news
    /// byline — edited in the "Văn bản" view, one undo step.
    SetDocuments(Box<super::Documents>),
    /// The whole workbook, worked out elsewhere in one go (files returned by
    /// member schools merged by `crate::exchange::apply`): one undo step.
    Replace(Box<Workbook>),
    /// Several edits made as one (a score with the note typed beside it,
    /// committed on leaving the cell): all or none, one undo step.
    Batch(Vec<Edit>),
}

/// Why an edit was refused; the workbook is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("Không lưu được quy định: {0}")]
    Rules(String),
    #[error("Không tìm thấy trường \u{201c}{0}\u{201d} trong danh sách thành viên.")]
    UnknownSchool(Id),
    #[error("Tên đầy đủ của trường không được để trống.")]
    EmptyName,
    #[error("Đã có trường tên \u{201c}{0}\u{201d} trong cụm.")]
    DuplicateName(String),
    #[error("Mã trường \u{201c}{0}\u{201d} đã được dùng.")]
    DuplicateId(Id),
    #[error(
        "Có nhiều trường cùng mã \u{201c}{0}\u{201d}: hãy sửa tệp (hoặc xóa trường nhập trùng bằng tay) trước khi sửa trường này."
    )]
    AmbiguousId(Id),
    #[error("Trường \u{201c}{0}\u{201d} đã là cụm trưởng, không thể đồng thời là cụm phó.")]
    LeaderIsDeputy(String),
    #[error("Không có danh hiệu \u{201c}{0}\u{201d} trong quy định khen thưởng.")]
    UnknownAward(Id),
    #[error("Không tìm thấy phiếu bầu \u{201c}{0}\u{201d}.")]
    UnknownBallot(Id),
    #[error("Đã có kết quả bỏ phiếu cho \u{201c}{0}\u{201d}: hãy sửa kết quả đó.")]
    BallotExists(String),
    #[error("Giờ kết thúc hội nghị sớm hơn giờ bắt đầu.")]
    EndBeforeStart,
    #[error("Số trường biểu quyết tán thành ({agreed}) nhiều hơn số trường có mặt ({present}).")]
    TooManyAgreed { agreed: u32, present: u32 },
    #[error(transparent)]
    Activity(activities::ActivityError),
    #[error(transparent)]
    Criteria(criteria::CriteriaError),
    #[error(transparent)]
    Score(scores::ScoreError),
    #[error(
        "Máy này là của {0}: chỉ sửa được phần của trường mình (điểm tự chấm, ghi chú, minh chứng, hoạt động và điểm thưởng/trừ do trường nhập). Phần này do văn phòng cụm sửa."
    )]
    NotOwner(String),
    #[error(
        "{field}: có ký tự điều khiển hoặc ký tự ẩn (U+{code:04X}: ký tự không bề rộng hay đảo chiều, thường dính vào khi chép từ nơi khác); hãy gõ lại."
    )]
    ForbiddenChar { field: String, code: u32 },
    #[error("{field}: dài {chars} ký tự, quá giới hạn {max} ký tự.")]
    TooLong {
        field: String,
        chars: usize,
        max: usize,
    },
}

/// A text as an edit takes it: no control character (line breaks and tabs
/// only where `kind` is a note or a long text), no invisible zero-width or
/// bidirectional character, within the length of its kind (see
/// `crate::limits`). `field` names it for the clerk. The same rules as
/// `check` (`validate`), at entry.
pub(crate) fn check_text(
    field: &str,
    value: &str,
    kind: crate::limits::TextKind,
) -> Result<(), EditError> {
    let multiline = kind != crate::limits::TextKind::Name;
    if let Some(c) = crate::text::forbidden_char(value, multiline) {
        return Err(EditError::ForbiddenChar {
            field: field.to_string(),
            code: c as u32,
        });
    }
    if kind.too_long(value) {
        return Err(EditError::TooLong {
            field: field.to_string(),
            chars: value.chars().count(),
            max: kind.max_chars(),
        });
    }
    Ok(())
}

impl Edit {
    /// Applies the edit. Text is NFC-normalised (names typed with a
    /// decomposed keyboard layout must compare equal to the same names typed
    /// otherwise) and the changed record's revision is bumped. On error
    /// nothing is changed.
    pub fn apply(self, wb: &mut Workbook) -> Result<(), EditError> {
        self.apply_as(wb, &Owner::Cluster)
    }

    /// Applies the edit as `editor`: the leader's office (the cluster) or a
    /// member school on its own machine. Revisions are bumped under the
    /// editor's key and new records it creates are owned by it, so the
    /// leader's merge can tell whose change is whose. A member school may
    /// change only what it owns (see `crate::workbook::rights`).
    pub fn apply_as(self, wb: &mut Workbook, editor: &Owner) -> Result<(), EditError> {
        let Owner::School(me) = editor else {
            return self.apply_unchecked(wb, editor);
        };
        // A member school may change only its own part: the edit is made
        // on a copy, and every record it changed is checked by the one
        // rule (`rights::may_change`) the merge of its returns uses too.
        let mut next = wb.clone();
        self.apply_unchecked(&mut next, editor)?;
        if super::rights::check_all(wb, &next, editor).is_err() {
            return Err(EditError::NotOwner(wb.school_name(me)));
        }
        *wb = next;
        Ok(())
    }

    fn apply_unchecked(self, wb: &mut Workbook, editor: &Owner) -> Result<(), EditError> {
        if let Edit::Batch(edits) = self {
            let mut next = wb.clone();
            for e in edits {
                e.apply_unchecked(&mut next, editor)?;
            }
            *wb = next;
            return Ok(());
        }
        let key = wb.replica_key(editor);
        // A file with two schools under one id (a hand edit, a bad merge)
        // is listed as a problem on open; editing either would be a guess.
        if let Edit::SetSchool(School { id, .. }) | Edit::RemoveSchool(id) = &self
            && wb.members.iter().filter(|s| &s.id == id).count() > 1
        {
            return Err(EditError::AmbiguousId(id.clone()));
        }
        match self {
            Edit::AddSchool(mut school) => {
                normalise_school(&mut school)?;
                check_name(wb, &school)?;
                if school.id.as_str().is_empty() {
                    school.id = wb.fresh_id(editor, "school");
                } else if wb.school(&school.id).is_some() {
                    return Err(EditError::DuplicateId(school.id));
                }
                school.rev = Default::default();
                school.rev.bump_as(&key);
                wb.members.push(school);
            }
            Edit::SetSchool(mut school) => {
                normalise_school(&mut school)?;
                check_name(wb, &school)?;
                let slot = wb
                    .members
                    .iter_mut()
                    .find(|s| s.id == school.id)
                    .ok_or_else(|| EditError::UnknownSchool(school.id.clone()))?;
                school.rev = slot.rev.clone();
                if *slot != school {
                    school.rev.bump_as(&key);
                    *slot = school;
                }
            }
            Edit::RemoveSchool(id) => {
                if wb.school(&id).is_none() {
                    return Err(EditError::UnknownSchool(id));
                }
                remove_school(wb, &id, editor);
            }
            Edit::SetLeader(leader) => {
                if let Some(id) = leader.as_ref().filter(|id| wb.school(id).is_none()) {
                    return Err(EditError::UnknownSchool(id.clone()));
                }
                if wb.roles.leader != leader {
                    // A school cannot hold both roles: the new leader stops
                    // being a deputy.
                    if let Some(id) = &leader {
                        wb.roles.deputies.retain(|d| d != id);
                    }
                    wb.roles.leader = leader;
                    wb.roles.rev.bump_as(&key);
                }
            }
            Edit::SetDeputies(deputies) => {
                let mut unique: Vec<Id> = Vec::new();
                for id in deputies {
                    if wb.school(&id).is_none() {
                        return Err(EditError::UnknownSchool(id));
                    }
                    if wb.roles.leader.as_ref() == Some(&id) {
                        return Err(EditError::LeaderIsDeputy(wb.school_name(&id)));
                    }
                    if !unique.contains(&id) {
                        unique.push(id);
                    }
                }
                if wb.roles.deputies != unique {
                    wb.roles.deputies = unique;
                    wb.roles.rev.bump_as(&key);
                }
            }
            Edit::Conference(edit) => edit.apply(wb, editor)?,
            Edit::Activity(edit) => edit.apply(wb, editor)?,
            Edit::Criteria(edit) => edit.apply(wb, editor)?,
            Edit::Score(edit) => edit.apply(wb, editor)?,
            Edit::SetRules(rules) => {
                let mut next = wb.clone();
                let rev = next.rules.rev.clone();
                next.rules = Rules { rev, ..*rules };
                let problems = super::validate::validate_rules(&next);
                if !problems.is_empty() {
                    let said: Vec<String> = problems.into_iter().map(|p| p.message()).collect();
                    return Err(EditError::Rules(said.join(" ")));
                }
                if next.rules != wb.rules {
                    next.rules.rev.bump_as(&key);
                    wb.rules = next.rules;
                }
            }
            Edit::SetDocuments(docs) => {
                let rev = wb.documents.rev.clone();
                let mut docs = super::Documents { rev, ..*docs };
                nfc_documents(&mut docs);
                if docs != wb.documents {
                    docs.rev.bump_as(&key);
                    wb.documents = docs;
                }
            }
            Edit::Replace(new) => *wb = *new,
            Edit::Batch(_) => unreachable!("applied above"),
        }
        Ok(())
    }
}

fn normalise_school(s: &mut School) -> Result<(), EditError> {
    use crate::limits::TextKind::{Name, Note};
    for (field, kind, value) in [
        ("Tên trường", Name, &mut s.full_name),
        ("Tên ngắn", Name, &mut s.short_name),
        ("Tỉnh", Name, &mut s.province),
        ("Địa chỉ", Name, &mut s.address),
        ("Hiệu trưởng", Name, &mut s.head.name),
        ("Chức vụ", Name, &mut s.head.title),
        ("Cán bộ đầu mối", Name, &mut s.officer.name),
        ("Điện thoại", Name, &mut s.officer.phone),
        ("Thư điện tử", Name, &mut s.officer.email),
        ("Ghi chú", Note, &mut s.note),
    ] {
        nfc_in_place(value);
        let trimmed = value.trim();
        if trimmed.len() != value.len() {
            *value = trimmed.to_string();
        }
        check_text(field, value, kind)?;
    }
    Ok(())
}

fn check_name(wb: &Workbook, school: &School) -> Result<(), EditError> {
    if school.full_name.is_empty() {
        return Err(EditError::EmptyName);
    }
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    if wb
        .members
        .iter()
        .any(|s| s.id != school.id && same(&s.full_name, &school.full_name))
    {
        return Err(EditError::DuplicateName(school.full_name.clone()));
    }
    Ok(())
}

/// What in a workbook refers to a school: what its removal also removes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    pub is_leader: bool,
    pub is_deputy: bool,
    pub in_rotation: bool,
    /// Its self or cluster scores, registration or adjustments.
    pub has_scores: bool,
    /// Activities it hosts or takes part in.
    pub activities: usize,
    /// Ballots and written votes that name it.
    pub ballots: usize,
    /// Conference records: attendance, election, decisions, tie decisions.
    pub conference: usize,
    /// Other schools that name it as their successor.
    pub successor_of: usize,
}

impl References {
    pub fn is_empty(&self) -> bool {
        *self == References::default()
    }
}

/// Everything that refers to school `id`.
pub fn references(wb: &Workbook, id: &Id) -> References {
    let conf = &wb.conference;
    References {
        is_leader: wb.roles.leader.as_ref() == Some(id),
        is_deputy: wb.roles.deputies.contains(id),
        in_rotation: wb.roles.rotation.contains(id),
        has_scores: wb.assessment(id).is_some_and(|a| {
            !a.self_scores.is_empty()
                || !a.cluster_scores.is_empty()
                || !a.adjustments.is_empty()
                || *a
                    != super::Assessment {
                        school: id.clone(),
                        ..Default::default()
                    }
        }),
        activities: wb
            .activities
            .iter()
            .filter(|a| {
                a.host.as_ref() == Some(id)
                    || a.participants.contains(id)
                    || a.people.iter().any(|p| p.school.as_ref() == Some(id))
                    || a.results.iter().any(|p| p.school.as_ref() == Some(id))
            })
            .count(),
        ballots: conf
            .ballots
            .iter()
            .filter(|b| {
                b.votes.iter().any(|v| &v.school == id)
                    || b.written_votes
                        .iter()
                        .any(|w| &w.voter == id || w.candidates.contains(id))
            })
            .count(),
        conference: conf.attendance.iter().filter(|a| &a.school == id).count()
            + usize::from(
                conf.election.leader.as_ref() == Some(id) || conf.election.deputies.contains(id),
            )
            + conf
                .academy_decisions
                .iter()
                .filter(|d| &d.school == id)
                .count()
            + conf
                .tie_decisions
                .iter()
                .filter(|t| t.order.contains(id))
                .count(),
        successor_of: wb
            .members
            .iter()
            .filter(|s| s.successor.as_ref() == Some(id))
            .count(),
    }
}

/// Removes the school and every reference to it, so the workbook stays
/// valid (a dangling id would show up as a content problem on next open).
fn remove_school(wb: &mut Workbook, id: &Id, editor: &Owner) {
    let key = wb.replica_key(editor);
    let refs = references(wb, id);
    wb.members.retain(|s| &s.id != id);
    for s in &mut wb.members {
        if s.successor.as_ref() == Some(id) {
            s.successor = None;
            s.rev.bump_as(&key);
        }
    }
    if refs.is_leader || refs.is_deputy || refs.in_rotation {
        if refs.is_leader {
            wb.roles.leader = None;
        }
        wb.roles.deputies.retain(|d| d != id);
        wb.roles.rotation.retain(|d| d != id);
        wb.roles.rev.bump_as(&key);
    }
    wb.assessments.retain(|a| &a.school != id);
    for a in &mut wb.activities {
        let before = a.clone();
        if a.host.as_ref() == Some(id) {
            a.host = None;
        }
        a.participants.retain(|p| p != id);
        for p in &mut a.people {
            if p.school.as_ref() == Some(id) {
                p.school = None;
            }
        }
        for p in &mut a.results {
            if p.school.as_ref() == Some(id) {
                p.school = None;
            }
        }
        if *a != before {
            a.rev.bump_as(&key);
        }
    }
    let conf = &mut wb.conference;
    let before = conf.clone();
    conf.attendance.retain(|a| &a.school != id);
    for b in &mut conf.ballots {
        let old = b.clone();
        b.votes.retain(|v| &v.school != id);
        b.written_votes.retain(|w| &w.voter != id);
        for w in &mut b.written_votes {
            w.candidates.retain(|c| c != id);
        }
        if *b != old {
            b.rev.bump_as(&key);
        }
    }
    conf.academy_decisions.retain(|d| &d.school != id);
    for t in &mut conf.tie_decisions {
        t.order.retain(|s| s != id);
    }
    if conf.election.leader.as_ref() == Some(id) {
        conf.election.leader = None;
    }
    conf.election.deputies.retain(|d| d != id);
    if *conf != before {
        conf.rev.bump_as(&key);
    }
}

/// Typed text in the documents' fields as the file keeps all text: NFC.
fn nfc_documents(d: &mut super::Documents) {
    for v in d.numbers.values_mut() {
        nfc_in_place(v);
    }
    nfc_in_place(&mut d.place);
    for t in [
        &mut d.report.situation,
        &mut d.report.results,
        &mut d.report.assessment,
        &mut d.report.directions,
        &mut d.report.proposals,
        &mut d.news_byline,
    ] {
        nfc_in_place(t);
    }
    for l in d.recipients.iter_mut().chain(d.attachments.iter_mut()) {
        nfc_in_place(l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::{Cluster, validate};

    fn wb() -> Workbook {
        let mut wb = Workbook::new(
            Cluster {
                name: "Cụm thi đua số 8".into(),
                number: 8,
                ..Cluster::default()
            },
            2026,
        );
        for name in [
            "Trường Chính trị tỉnh Đồng Nai",
            "Trường Chính trị tỉnh Tây Ninh",
        ] {
            Edit::AddSchool(School {
                full_name: name.into(),
                ..School::default()
            })
            .apply(&mut wb)
            .unwrap();
        }
        wb
    }

    #[test]
    fn add_normalises_and_bumps() {
        let mut wb = wb();
        // "Bình Phước" typed decomposed (NFD).
        let nfd = "Tru\u{031b}o\u{031b}\u{0300}ng Bi\u{0300}nh Phu\u{031b}o\u{031b}\u{0301}c";
        Edit::AddSchool(School {
            full_name: format!("  {nfd} "),
            ..School::default()
        })
        .apply(&mut wb)
        .unwrap();
        let key = wb.replica_key(&Owner::Cluster);
        let s = wb.members.last().unwrap();
        assert_eq!(s.full_name, "Trường Bình Phước");
        assert_eq!(s.rev.0.get(&key), Some(&1));
        assert!(!s.id.as_str().is_empty());
    }

    #[test]
    fn duplicate_and_empty_names_are_refused() {
        let mut wb = wb();
        let before = wb.clone();
        let dup = School {
            full_name: "trường chính trị tỉnh đồng nai".into(),
            ..School::default()
        };
        assert!(matches!(
            Edit::AddSchool(dup).apply(&mut wb),
            Err(EditError::DuplicateName(_))
        ));
        assert_eq!(
            Edit::AddSchool(School::default()).apply(&mut wb),
            Err(EditError::EmptyName)
        );
        assert_eq!(wb, before);
    }

    #[test]
    fn roles_and_removal_keep_the_workbook_valid() {
        let mut wb = wb();
        let a = wb.members[0].id.clone();
        let b = wb.members[1].id.clone();
        Edit::SetDeputies(vec![a.clone(), b.clone()])
            .apply(&mut wb)
            .unwrap();
        Edit::SetLeader(Some(a.clone())).apply(&mut wb).unwrap();
        assert_eq!(wb.roles.deputies, vec![b.clone()]);
        assert!(matches!(
            Edit::SetDeputies(vec![a.clone()]).apply(&mut wb),
            Err(EditError::LeaderIsDeputy(_))
        ));
        assert!(references(&wb, &a).is_leader);
        Edit::RemoveSchool(a.clone()).apply(&mut wb).unwrap();
        assert_eq!(wb.roles.leader, None);
        assert!(validate(&wb).is_empty(), "{:?}", validate(&wb));
    }

    #[test]
    fn unchanged_school_keeps_its_rev() {
        let mut wb = wb();
        let s = wb.members[0].clone();
        Edit::SetSchool(s.clone()).apply(&mut wb).unwrap();
        assert_eq!(wb.members[0].rev, s.rev);
    }
}
