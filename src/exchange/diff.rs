//! Comparing a returned file with the master, record by record.
//!
//! Two questions per difference, kept apart:
//!
//! - **May the sender change this record at all?** Decided by what the
//!   record is about (its subject), never by its `owner` field, which the
//!   file itself could rewrite: see [`rights`].
//! - **Is the difference the sender's edit, and is it newer?** Decided by
//!   version vectors kept per replica (each opened copy), and by what the
//!   returned copy had seen (`provenance.seen`): see the module doc of
//!   `crate::exchange`.

use super::check::RecordCheck;
use super::record::{self, Order, Rec, RecordKey, compare, edited_by};
use super::{Change, ChangeKind, Status};
use crate::workbook::{Discipline, Id, Owner, Registration, Rev, Workbook};

/// What comparing a returned file with the master found.
pub(crate) struct Diff {
    /// Every difference, classified.
    pub changes: Vec<Change>,
    /// Records the file still holds that were deleted in the master, whose
    /// deletion stands: said to the clerk, not listed as changes.
    pub notes: Vec<String>,
}

/// Every difference between the master and the file `sender` returned,
/// classified. Records the file merely has an older copy of are not listed.
///
/// `baseline`: the file records what it had seen (format version 3 and
/// later). Without it nothing in the file is known to be newer than the
/// master: a record missing from it is never a deletion, and a change to a
/// record the master holds is never taken silently (a conflict).
pub(crate) fn changes(master: &Workbook, returned: &Workbook, sender: &Id, baseline: bool) -> Diff {
    let me = Owner::School(sender.clone());
    // Only the records that differ at all are classified.
    let differing = record::differing_records(master, returned);
    let empty_registration = Registration::default();
    let empty_discipline = Discipline::default();
    // Every assessment has a registration and a discipline status: one
    // missing on a side is the empty one, never a removal.
    let default_for = |key: &RecordKey| match key {
        RecordKey::Registration(_) => Some(Rec::Registration(&empty_registration)),
        RecordKey::Discipline(_) => Some(Rec::Discipline(&empty_discipline)),
        _ => None,
    };
    // What the returned copy had seen: every version it held when saved.
    // Needed only for a record missing from the copy, and costly (every
    // record's versions): worked out the first time it is asked.
    let seen = std::cell::OnceCell::new();
    let mut check = RecordCheck::new(master);
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for (key, m, r) in &differing {
        let m = m.or_else(|| default_for(key));
        let r = r.or_else(|| default_for(key));
        let sides = Sides {
            master,
            returned,
            me: &me,
            seen: &seen,
            baseline,
        };
        // The master's deletion of a record it no longer holds.
        let deleted = if m.is_none() {
            master.deletion(key)
        } else {
            None
        };
        if let (Some(d), Some(r)) = (deleted, r)
            && r.rev().is_none_or(|v| d.rev.includes(v))
        {
            // Deleted in the master, and the file holds the record as it
            // was (or older): the deletion stands. Said when the record is
            // the sender's own (the copy holds everyone's).
            if rights(&sides, key, m, Some(r)).is_ok() {
                notes.push(format!(
                    "{}: đã xóa trong sổ của cụm{}; tệp vẫn còn bản cũ, giữ nguyên việc xóa.",
                    record::label(master, returned, key, r),
                    deleted_by(master, d)
                ));
            }
            continue;
        }
        if let Some(mut change) = classify(&sides, key, m, r, deleted) {
            if change.status == Status::Acceptable
                && let Some(r) = r
                && let Some(why) = check.refusal(master, key, r)
            {
                change.status = Status::Refused(why);
            }
            out.push(change);
        }
    }
    Diff {
        changes: out,
        notes,
    }
}

/// " (Bình Thuận xóa ngày 05/12/2019)", " (văn phòng cụm xóa …)".
pub(crate) fn deleted_by(wb: &Workbook, d: &crate::workbook::Deletion) -> String {
    let who = super::editor_name(wb, &d.by);
    let on =
        d.on.map(|on| format!(" ngày {}", crate::text::format_date(on)))
            .unwrap_or_default();
    format!(" ({who} xóa{on})")
}

struct Sides<'a> {
    master: &'a Workbook,
    returned: &'a Workbook,
    me: &'a Owner,
    seen: &'a std::cell::OnceCell<Rev>,
    baseline: bool,
}

impl Sides<'_> {
    fn seen(&self) -> &Rev {
        self.seen.get_or_init(|| {
            let mut seen = self.returned.provenance.seen.clone();
            seen.absorb(&self.returned.revisions());
            seen
        })
    }
}

/// `deleted`: the master's deletion of the record, when it holds none.
fn classify(
    s: &Sides<'_>,
    key: &RecordKey,
    m: Option<Rec<'_>>,
    r: Option<Rec<'_>>,
    deleted: Option<&crate::workbook::Deletion>,
) -> Option<Change> {
    let kind = match (m, r) {
        (Some(m), Some(r)) if m.same_content(&r) => return None,
        (Some(_), Some(_)) => ChangeKind::Changed,
        (None, Some(_)) => ChangeKind::Added,
        (Some(_), None) => ChangeKind::Removed,
        (None, None) => return None,
    };
    let m_rev = m.and_then(|x| x.rev());
    let r_rev = r.and_then(|x| x.rev());
    let order = compare(r_rev, m_rev);
    // The master deleted the record, and the file holds a version of it
    // edited after what was deleted (a deletion the file's version is part
    // of was set aside by the caller): both changed it apart.
    let deleted_here = deleted.is_some();
    // The file deleted the record: its tombstone says which version.
    let deleted_there = r.is_none().then(|| s.returned.deletion(key)).flatten();
    let status = match rights(s, key, m, r) {
        Ok(()) => match kind {
            // A file that records nothing of what it saw: its version is
            // no proof of being newer, so the clerk decides.
            ChangeKind::Changed if !s.baseline => match order {
                Order::Older => return None,
                _ => Status::Conflict,
            },
            ChangeKind::Changed => match order {
                Order::Newer => Status::Acceptable,
                Order::Older | Order::Equal => return None,
                // Two copies changed it apart (the cluster, or two copies of
                // the school): shown for a decision, whichever came first.
                Order::Concurrent => Status::Conflict,
            },
            ChangeKind::Added if deleted_here => Status::Conflict,
            // Added by the sender; or the master removed it since and the
            // copy still has it untouched: the master's removal stands.
            ChangeKind::Added if edited_by(r_rev, s.me) => Status::Acceptable,
            ChangeKind::Added if r_rev.is_some_and(|x| !x.is_empty()) => return None,
            ChangeKind::Added => Status::Acceptable,
            // Without a baseline, missing is never deleted.
            ChangeKind::Removed if !s.baseline => return None,
            // Deleted in the copy: taken if the copy deleted the master's
            // current version; the master changed it since: both apart.
            ChangeKind::Removed if let Some(d) = deleted_there => {
                if m_rev.is_none_or(|v| d.rev.includes(v)) {
                    Status::Acceptable
                } else if m_rev.is_some_and(|v| v.includes(&d.rev)) {
                    // The master has seen this deletion and kept (or
                    // restored) the record since.
                    return None;
                } else {
                    Status::Conflict
                }
            }
            // Missing from the copy: a deletion only if the copy had seen
            // the master's current version; otherwise the copy simply
            // never had it (an older copy), and nothing is lost.
            ChangeKind::Removed if m_rev.is_none_or(|v| s.seen().includes(v)) => Status::Acceptable,
            ChangeKind::Removed => return None,
        },
        Err(why) => match kind {
            ChangeKind::Changed if order == Order::Older => return None,
            // Gone from the returned copy: the master keeps it.
            ChangeKind::Removed => return None,
            // The master removed it since; the copy is older, untouched
            // by the sender.
            ChangeKind::Added
                if r_rev.is_some_and(|x| !x.is_empty()) && !edited_by(r_rev, s.me) =>
            {
                return None;
            }
            _ => Status::Refused(why),
        },
    };
    let shown = r.or(m)?;
    let old = match (m, deleted) {
        (Some(x), _) => Some(record::describe(s.master, x, r)),
        // The master's side of a record it deleted is the deletion.
        (None, Some(d)) => Some(format!("đã xóa{}", deleted_by(s.master, d))),
        (None, None) => None,
    };
    Some(Change {
        key: key.clone(),
        label: record::label(s.master, s.returned, key, shown),
        kind,
        old,
        new: r.map(|x| record::describe(s.returned, x, m)),
        status,
    })
}

/// May the sender change this record? The one rule of
/// [`crate::workbook::rights`], worded for a returned file. Err carries the
/// reason, in Vietnamese.
fn rights(
    s: &Sides<'_>,
    key: &RecordKey,
    m: Option<Rec<'_>>,
    r: Option<Rec<'_>>,
) -> Result<(), String> {
    if !matches!(s.me, Owner::School(_)) {
        return Err("tệp không phải của một trường".into());
    }
    crate::workbook::rights::may_change(s.me, key, m, r).map_err(|why| {
        format!(
            "{}, trường gửi tệp không được sửa; giữ nguyên trong sổ của cụm",
            why.whose(s.master)
        )
    })
}
