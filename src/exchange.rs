//! Merging the files member schools send back by email into the leader's
//! workbook (the master). Nothing is lost and no school writes over another's
//! part:
//!
//! 1. [`review_file`] (or [`review_bytes`], [`review`]) identifies the file
//!    by its content — cluster, year, sender, hash, save count; never by its
//!    name — and refuses a wrong file with a [`Refusal`] in Vietnamese;
//! 2. otherwise it compares the file with the master record by record and
//!    returns a [`Review`]: every difference as a [`Change`], classified with
//!    the records' owners and version vectors as acceptable, refused (the file
//!    changed what its school does not own) or a conflict (both sides changed
//!    it since the file was sent out);
//! 3. [`apply`] takes the acceptable changes and the decided conflicts in one
//!    step and records the return in the workbook's tracker
//!    (`provenance.returns`; [`missing`] lists who has not returned yet).
//!
//! Before every save, [`stamp`] records who saved the copy and counts the
//! save: that is how a returned file says which school sent it and whether
//! it is newer than one already merged.

mod apply;
mod diff;
mod identify;
mod record;

pub use apply::{Applied, Decision, Decisions, apply, apply_on, with_rejected};
pub use identify::{Refusal, review, review_bytes, review_file};
pub use record::RecordKey;

use crate::workbook::{Id, Integrity, Owner, Workbook};

/// Marks a copy as saved by `editor` and counts the save. Call it right
/// before every save of a workbook (the leader's app with
/// [`Owner::Cluster`], a school's copy with its [`Owner::School`]).
pub fn stamp(workbook: &mut Workbook, editor: &Owner) {
    workbook.provenance.saved_by = Some(editor.clone());
    workbook.provenance.save_count = workbook.provenance.save_count.saturating_add(1);
}

/// Current members, other than the cluster leader's school, whose file has
/// not been merged yet.
pub fn missing(master: &Workbook) -> Vec<Id> {
    master
        .current_members()
        .filter(|s| master.roles.leader.as_ref() != Some(&s.id))
        .filter(|s| !master.provenance.returns.iter().any(|r| r.school == s.id))
        .map(|s| s.id.clone())
        .collect()
}

/// What a returned file would change in the master, record by record.
#[derive(Debug, Clone)]
pub struct Review {
    /// The member school that sent the file.
    pub sender: Id,
    /// Its full name, for the screen.
    pub sender_name: String,
    /// The file's name as received (for the tracker; it identifies nothing).
    pub file_name: String,
    pub integrity: Integrity,
    /// The file's save count and content hash, kept in the tracker.
    pub save_count: u64,
    pub content_hash: String,
    /// Every difference, in record order.
    pub changes: Vec<Change>,
    pub(crate) returned: Workbook,
}

impl Review {
    /// The workbook read from the returned file.
    pub fn returned(&self) -> &Workbook {
        &self.returned
    }

    pub fn acceptable(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.status == Status::Acceptable)
    }

    pub fn refused(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| matches!(c.status, Status::Refused(_)))
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.status == Status::Conflict)
    }

    /// Nothing refused, no conflict, content verified or merely unhashed.
    pub fn is_clean(&self) -> bool {
        self.integrity != Integrity::Mismatch
            && self.changes.iter().all(|c| c.status == Status::Acceptable)
    }
}

/// One difference between the master and a returned file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: RecordKey,
    /// What the record is, in Vietnamese, e.g. "Tự chấm — Bình Dương — tiêu chí II.1".
    pub label: String,
    pub kind: ChangeKind,
    /// The master's value (None when added), readable.
    pub old: Option<String>,
    /// The returned file's value (None when removed), readable.
    pub new: Option<String>,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "Thêm",
            ChangeKind::Changed => "Sửa",
            ChangeKind::Removed => "Xóa",
        }
    }
}

/// How a change is treated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The sender owns the record and changed it after the master: taken on apply.
    Acceptable,
    /// The sender does not own the record: never applied. The reason is Vietnamese.
    Refused(String),
    /// Both sides changed the record since the file was sent out: the
    /// leader decides (keep the leader's version or take the school's).
    Conflict,
}

impl Status {
    pub fn label(&self) -> &'static str {
        match self {
            Status::Acceptable => "Nhận",
            Status::Refused(_) => "Từ chối",
            Status::Conflict => "Xung đột",
        }
    }
}
