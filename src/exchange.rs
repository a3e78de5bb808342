//! Merging the files member schools send back by email into the leader's
//! workbook (the master). Nothing is lost, nothing is forged, and no school
//! writes over another's part.
//!
//! ## The steps
//!
//! 1. [`mail_out`] makes one copy per member school, each carrying only
//!    that school's key (derived from a secret the master keeps, see
//!    `workbook::signing`). A school's copy saves as that school and signs.
//! 2. [`review_file`] (or [`review_bytes`], [`review`]) identifies a
//!    returned file by its content — cluster, year, sender, signature, hash;
//!    never by its name — and refuses a wrong or forged file with a
//!    [`Refusal`] in Vietnamese. Otherwise it compares the file with the
//!    master record by record and returns a [`Review`] whose every
//!    [`Change`] is acceptable, refused (with the reason) or a conflict.
//! 3. [`apply`] takes the acceptable changes and the decided conflicts in
//!    one step, records the return in the tracker and keeps the undecided
//!    conflicts open in the master (`provenance.conflicts`).
//!
//! ## Causality per copy, not per school
//!
//! Every opened copy — two PCs, two windows, the emailed attachment opened
//! a second time — is a replica with a random id (`Workbook::replica`). An
//! edit counts in the record's version vector under "school~replica"; a
//! file carries what its copy has seen (`provenance.seen`, every version it
//! ever held). Returns are never ordered by their save count.
//!
//! - A school sends its self-scores from copy A; later its clerk opens the
//!   original attachment again (copy B), adds the registration and sends
//!   that. B never saw A's scores (its `seen` lacks A's replica), so their
//!   absence is not a deletion: the scores stay. A record missing from a
//!   return is a deletion only if that copy had seen the record's current
//!   version; a version-1 return, which records nothing, never deletes.
//! - Two copies of one school edited apart (A sets II.1 to 8, B to 7): A
//!   arrives and is accepted; B's version neither includes nor is included
//!   in A's, so it is a conflict for the leader — whichever arrives first,
//!   whatever the save counts say.
//! - A file forged with a save count of 2^64−1 blocks nothing: counts order
//!   nothing.
//!
//! ## Ownership by subject
//!
//! Whatever sits inside school Y's part — self-scores with notes and
//! evidence, its bonus claims, its registration, its head's and officer's
//! contact details, the activities it created or hosts — only Y or the
//! cluster may change, whatever a record's `owner` field says (the file
//! could rewrite it). Cluster scores, deductions, discipline, roles, rules,
//! the criteria table, the conference and the documents: only the cluster.
//! So school X's deduction inside Y's assessment is refused, and so is a
//! cluster score a school typed. Each accepted record is then checked as
//! the leader's own edit would be (`check`): a self-score of 99999, a score
//! for an unknown criterion, an activity hosted by an unknown school in
//! 2031, a bonus id already used by the cluster are refused one by one.
//!
//! ## Authentic returns
//!
//! A return is *signed* (its signature verifies with the key of the school
//! it names), *unsigned* (version-1 files, files made without the mail-out)
//! or *forged* (a signature that does not verify: refused). School X cannot
//! set `saved_by` to Y and recompute the hash: it lacks Y's key. The CLI
//! merges signed returns unattended; an unsigned one proves nothing of its
//! sender, so it is reviewed as from the school the clerk names for it
//! ([`review_bytes_from`]: `--unsigned-from`, or the window's review) and
//! can change only that school's part; a `.json` without its integrity
//! line, or with a wrong one, is left to the clerk in the window. The
//! policy of a whole merge is `crate::master::merge`.

mod apply;
mod check;
mod diff;
mod form;
mod identify;
pub mod keystore;
mod record;
mod refusal;

pub use apply::{
    Applied, Decision, Decisions, apply, apply_on, decide_open, deletion_label, restore,
    with_rejected,
};
pub use form::review_form;
pub use identify::{review, review_bytes, review_bytes_from, review_file, review_file_from};
pub use record::RecordKey;
pub use refusal::Refusal;

use crate::workbook::{Id, Integrity, Owner, Workbook};

/// Marks a copy as saved by `editor` and counts the save. Call it right
/// before every save of a workbook (the leader's app with
/// [`Owner::Cluster`], a school's copy with its [`Owner::School`]).
pub fn stamp(workbook: &mut Workbook, editor: &Owner) {
    // A school's copy from the mail-out is saved as that school, whatever
    // the machine says: it is signed with that school's key.
    let editor = match &workbook.provenance.copy_for {
        Some(school) => Owner::School(school.clone()),
        None => editor.clone(),
    };
    workbook.provenance.saved_by = Some(editor);
    workbook.provenance.save_count = workbook.provenance.save_count.saturating_add(1);
    workbook.note_seen();
}

/// Who an editor is, as the clerk reads it: "văn phòng cụm", or the
/// school's short name (who deleted a record, whose versions a file claims).
pub fn editor_name(wb: &Workbook, editor: &Owner) -> String {
    match editor {
        Owner::Cluster => "văn phòng cụm".to_string(),
        Owner::School(id) => wb.school_name(id),
    }
}

/// Does a record's version count an edit by `editor` (any of its copies)?
pub fn record_edited_by(rev: &crate::workbook::Rev, editor: &Owner) -> bool {
    record::edited_by(Some(rev), editor)
}

/// Whether a returned file proves which school it is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authenticity {
    /// Signed with the key of the school it names (a copy from the
    /// mail-out): merged by `--accept-all`.
    Signed,
    /// No signature: a version-1 file, or one made without the mail-out.
    /// Merged only as from the school the clerk names for it
    /// (`--unsigned-from`, or the window's review), into that school's part;
    /// a `.json` also only when its integrity line verifies.
    Unsigned,
    /// A filled Excel form whose hidden token was made with the key of the
    /// school it names: a spreadsheet cannot carry a signature over its
    /// content, but holding the school's own form is the proof the key
    /// gives. Merged by `--accept-all` like a signed return.
    Excel,
}

impl Authenticity {
    pub fn label(self) -> &'static str {
        match self {
            Authenticity::Signed => "Có chữ ký của trường",
            Authenticity::Unsigned => "Không có chữ ký",
            Authenticity::Excel => "Từ Excel (phiếu của chính trường)",
        }
    }
}

/// The mail-out: a copy of `master` for every current member school, each
/// with only its own key. Gives the master a secret first when it has none
/// (the bool says so). Copies carry no tracker, open conflicts or secret,
/// and know what the master had seen, and the deletions it keeps. The
/// master records what each copy was given (`provenance.issued`), so it
/// changes every time: save it before sending the copies.
pub fn mail_out(master: &mut Workbook) -> Result<(Vec<(Id, Workbook)>, bool), String> {
    mail_out_for(master, None)
}

/// [`mail_out`] of every school's copy, or of one school's (a re-issue:
/// only that school's issue is recorded).
pub fn mail_out_for(
    master: &mut Workbook,
    only: Option<&Id>,
) -> Result<(Vec<(Id, Workbook)>, bool), String> {
    let mut new_secret = false;
    if master.provenance.secret.is_empty() {
        master.provenance.secret = crate::workbook::signing::new_secret()
            .ok_or("Máy không tạo được khóa ngẫu nhiên: chưa gửi được bản có chữ ký.")?;
        new_secret = true;
    }
    master.note_seen();
    let today = jiff::ZonedDateTime::now().date();
    let mut copies = Vec::new();
    let mut issued = Vec::new();
    for school in master.current_members() {
        if only.is_some_and(|o| o != &school.id) {
            continue;
        }
        let key = crate::workbook::signing::school_key(master, &school.id)
            .ok_or("Khóa của sổ không hợp lệ.")?;
        let mut copy = master.clone();
        copy.note_seen();
        let p = &mut copy.provenance;
        p.secret.clear();
        p.returns.clear();
        p.conflicts.clear();
        p.content_hash.clear();
        p.signature.clear();
        p.copy_for = Some(school.id.clone());
        p.school_key = key;
        p.saved_by = Some(Owner::Cluster);
        p.issued.clear();
        issued.push(crate::workbook::Issued {
            school: school.id.clone(),
            seen: p.seen.clone(),
            on: Some(today),
        });
        copies.push((school.id.clone(), copy));
    }
    keystore::merge_issued(&mut master.provenance.issued, &issued);
    Ok((copies, new_secret))
}

/// The final workbook sent to every school after the conference ("Gửi
/// bản cuối"): everything decided, and no key of any kind — no secret, no
/// school key, no signature, not a school's copy — so no copy of it can
/// sign a return or derive another school's key.
pub fn final_copy(master: &Workbook) -> Workbook {
    let mut copy = master.clone();
    copy.note_seen();
    let p = &mut copy.provenance;
    p.secret.clear();
    p.school_key.clear();
    p.signature.clear();
    p.content_hash.clear();
    p.copy_for = None;
    p.conflicts.clear();
    p.issued.clear();
    p.saved_by = Some(Owner::Cluster);
    copy
}

/// "Cum8-2019-ban-cuoi.json".
pub fn final_copy_name(master: &Workbook) -> String {
    format!("Cum{}-{}-ban-cuoi.json", master.cluster.number, master.year)
}

/// "Cum8-2019-gui-BinhThuan.json" (the model's, so the Excel form can
/// name it too).
pub use crate::workbook::file::mail_out_name;

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
    /// The member school that sent the file: the one its signature or
    /// token proves, or for an unsigned file the one the clerk named (see
    /// [`review_bytes_from`]); its part is the only one the file may change.
    pub sender: Id,
    /// The school the file itself says it is from, when that is not the
    /// sender (the clerk named another, or the file names none): shown in
    /// red beside the clerk's choice.
    pub claimed: Option<Id>,
    /// Its full name, for the screen.
    pub sender_name: String,
    /// The file's name as received (for the tracker; it identifies nothing).
    pub file_name: String,
    pub integrity: Integrity,
    /// Signed by the school it names, or unsigned (a forged file is refused).
    pub authenticity: Authenticity,
    /// Merged before, and back because it left conflicts open.
    pub reopened: bool,
    /// The file's save count and content hash, kept in the tracker.
    pub save_count: u64,
    pub content_hash: String,
    /// Every difference, in record order.
    pub changes: Vec<Change>,
    /// What was read and left aside, for the clerk (a filled form's locked
    /// cells that were changed, rows the clerk added).
    pub notes: Vec<String>,
    /// A filled Excel form rather than a workbook copy.
    pub spreadsheet: bool,
    /// The master had lost its secret (restored from a backup older than
    /// the mail-out), and the copy kept in the app's data folder verified
    /// this file: applying the review gives it back to the master.
    pub recovered_key: Option<keystore::SavedKey>,
    pub(crate) returned: Workbook,
}

impl Review {
    /// The workbook read from the returned file.
    pub fn returned(&self) -> &Workbook {
        &self.returned
    }

    /// What the integrity check says about the file, for the clerk: a form
    /// has no integrity line, its token stands for it.
    pub fn integrity_message(&self) -> &'static str {
        if self.spreadsheet {
            match self.authenticity {
                Authenticity::Excel => Integrity::Verified.message(),
                _ => {
                    "Phiếu Excel không có mã nhận dạng của trường (đã bị xóa, hoặc không phải phiếu cụm gửi): không xác nhận được trường nào gửi. Chỉ nhận khi chắc chắn."
                }
            }
        } else {
            self.integrity.message()
        }
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
