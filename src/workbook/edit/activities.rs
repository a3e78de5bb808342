//! Activity edits: add, change, remove. Dates are real dates, the end not
//! before the start, and every school named is a member.

use super::EditError;
use crate::text::nfc_in_place;
use crate::workbook::{Activity, Id, Owner, RecordKey, Workbook};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityEdit {
    /// Adds an activity; an empty id gets a fresh one, the owner is the cluster.
    Add(Activity),
    /// Replaces the activity with the same id (its rev is kept and bumped).
    Set(Activity),
    Remove(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    #[error("Hãy nhập tên hoạt động.")]
    NoTitle,
    #[error("Ngày kết thúc ({end}) trước ngày bắt đầu ({start}).")]
    EndBeforeStart { start: String, end: String },
    #[error("Không tìm thấy hoạt động \u{201c}{0}\u{201d}.")]
    Unknown(Id),
    #[error("Mã hoạt động \u{201c}{0}\u{201d} đã được dùng.")]
    DuplicateId(Id),
}

impl From<ActivityError> for EditError {
    fn from(e: ActivityError) -> EditError {
        EditError::Activity(e)
    }
}

impl ActivityEdit {
    pub fn apply(self, wb: &mut Workbook, editor: &Owner) -> Result<(), EditError> {
        let key = wb.replica_key(editor);
        match self {
            ActivityEdit::Add(mut a) => {
                check(wb, &mut a)?;
                if a.id.as_str().is_empty() {
                    a.id = wb.fresh_id(editor, "activity");
                } else if wb.activities.iter().any(|x| x.id == a.id) {
                    return Err(ActivityError::DuplicateId(a.id).into());
                }
                a.owner = editor.clone();
                a.rev = Default::default();
                a.rev.bump_as(&key);
                wb.activities.push(a);
            }
            ActivityEdit::Set(mut a) => {
                check(wb, &mut a)?;
                let slot = wb
                    .activities
                    .iter_mut()
                    .find(|x| x.id == a.id)
                    .ok_or_else(|| ActivityError::Unknown(a.id.clone()))?;
                a.rev = slot.rev.clone();
                a.owner = slot.owner.clone();
                if *slot != a {
                    a.rev.bump_as(&key);
                    *slot = a;
                }
            }
            ActivityEdit::Remove(id) => {
                let Some(i) = wb.activities.iter().position(|a| a.id == id) else {
                    return Err(ActivityError::Unknown(id).into());
                };
                let gone = wb.activities.remove(i);
                let value = serde_json::to_value(&gone).ok();
                wb.bury(&RecordKey::Activity(id), editor, gone.rev, value);
            }
        }
        Ok(())
    }
}

/// NFC and trims the text, drops empty lines and duplicate participants,
/// checks dates and schools.
fn check(wb: &Workbook, a: &mut Activity) -> Result<(), EditError> {
    use crate::limits::TextKind::{Name, Note};
    for (field, kind, f) in [
        ("Tên hoạt động", Name, &mut a.title),
        ("Ghi chú", Note, &mut a.note),
    ] {
        nfc_in_place(f);
        *f = f.trim().to_string();
        super::check_text(field, f, kind)?;
    }
    if a.title.is_empty() {
        return Err(ActivityError::NoTitle.into());
    }
    if let Some(end) = a.end
        && end < a.start
    {
        return Err(ActivityError::EndBeforeStart {
            start: crate::text::format_date(a.start),
            end: crate::text::format_date(end),
        }
        .into());
    }
    a.evidence = super::scores::lines(std::mem::take(&mut a.evidence));
    for l in &a.evidence {
        super::check_text("Minh chứng", l, Note)?;
    }
    let known = |id: &Id| -> Result<(), EditError> {
        if wb.school(id).is_some() {
            Ok(())
        } else {
            Err(EditError::UnknownSchool(id.clone()))
        }
    };
    if let Some(h) = &a.host {
        known(h)?;
    }
    let mut seen = Vec::new();
    for p in std::mem::take(&mut a.participants) {
        known(&p)?;
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    a.participants = seen;
    for p in &mut a.people {
        nfc_in_place(&mut p.name);
        nfc_in_place(&mut p.role);
        p.name = p.name.trim().to_string();
        p.role = p.role.trim().to_string();
        super::check_text("Người tham gia", &p.name, Name)?;
        super::check_text("Vai trò", &p.role, Name)?;
        if let Some(s) = &p.school {
            known(s)?;
        }
    }
    a.people.retain(|p| !p.name.is_empty());
    for r in &mut a.results {
        nfc_in_place(&mut r.prize);
        nfc_in_place(&mut r.person);
        r.prize = r.prize.trim().to_string();
        r.person = r.person.trim().to_string();
        super::check_text("Giải", &r.prize, Name)?;
        super::check_text("Người đạt giải", &r.person, Name)?;
        if let Some(s) = &r.school {
            known(s)?;
        }
    }
    a.results
        .retain(|r| !r.prize.is_empty() || !r.person.is_empty() || r.school.is_some());
    Ok(())
}
