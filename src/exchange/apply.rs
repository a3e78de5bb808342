//! Applying a review to the master: accepted changes and decided conflicts,
//! in one step, and the return recorded in the tracker.

use super::record::{self, Owned, Rec, RecordKey, assessment, owned, put};
use super::{Review, Status};
use crate::workbook::{Deletion, Id, Owner, ReturnRecord, Rev, Workbook};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};

/// The leader's decision on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Keep the master's version (the school's edit is recorded as seen).
    KeepLeader,
    /// Take the school's version.
    TakeSchool,
}

/// Decisions on conflicts, by record; conflicts without one stay undecided
/// and are not applied.
pub type Decisions = BTreeMap<RecordKey, Decision>;

/// What an [`apply`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Changes taken from the file (accepted, and conflicts decided for the school).
    pub accepted: u32,
    /// Changes refused: not applied.
    pub refused: u32,
    /// Conflicts decided for the leader.
    pub kept: u32,
    /// Conflicts left undecided: not applied.
    pub undecided: u32,
}

/// The leader's choices on one review, as [`apply`] takes them: each
/// acceptable change in `rejected` (the leader unticked it) becomes a
/// conflict decided for the leader — not applied, and the school's edit
/// recorded as seen (counted as kept in the tracker). Other decisions are
/// kept as given.
pub fn with_rejected(
    review: &Review,
    rejected: &BTreeSet<RecordKey>,
    decisions: &Decisions,
) -> (Review, Decisions) {
    let mut review = review.clone();
    let mut decisions = decisions.clone();
    for c in &mut review.changes {
        if c.status == Status::Acceptable && rejected.contains(&c.key) {
            c.status = Status::Conflict;
            decisions.insert(c.key.clone(), Decision::KeepLeader);
        }
    }
    (review, decisions)
}

/// Applies `review` to `master` with today's date in the tracker. See [`apply_on`].
pub fn apply(master: &mut Workbook, review: &Review, decisions: &Decisions) -> Applied {
    apply_on(master, review, decisions, jiff::ZonedDateTime::now().date())
}

/// Applies the acceptable changes of `review` and the conflicts decided in
/// `decisions` to `master`, as one step (the window pushes the master's
/// previous state on its undo stack), and records the return. Revisions are
/// merged (pointwise maximum), so applying the same file again changes
/// nothing. Refused changes and undecided conflicts are never applied.
pub fn apply_on(
    master: &mut Workbook,
    review: &Review,
    decisions: &Decisions,
    merged_on: Date,
) -> Applied {
    let theirs = &review.returned;
    let mut done = Applied::default();
    // The key the master had lost, found again by this file (see
    // `keystore`): the master keeps it from now on.
    if let Some(key) = &review.recovered_key
        && master.provenance.secret.is_empty()
    {
        master.provenance.secret = key.secret.clone();
        super::keystore::merge_issued(&mut master.provenance.issued, &key.issued);
    }
    // Work out every edit against the master as it was, then make them.
    let mut edits: Vec<(RecordKey, Edit)> = Vec::new();
    // The school's version of each conflict left open, kept with it.
    let mut open_values: BTreeMap<RecordKey, Option<serde_json::Value>> = BTreeMap::new();
    {
        // Only the records the changes name: the master may have moved on
        // since the review (other files merged first).
        let parts = record::Parts::holding(review.changes.iter().map(|c| &c.key));
        let ours = record::records_where(master, &parts);
        let their_records = record::records_where(theirs, &parts);
        for change in &review.changes {
            let m = ours.get(&change.key).copied();
            let r = their_records.get(&change.key).copied();
            let take = match change.status {
                Status::Acceptable => true,
                Status::Refused(_) => {
                    done.refused += 1;
                    continue;
                }
                Status::Conflict => match decisions.get(&change.key) {
                    Some(Decision::TakeSchool) => true,
                    Some(Decision::KeepLeader) => false,
                    None => {
                        done.undecided += 1;
                        open_values.insert(change.key.clone(), r.map(|r| owned(r).to_value()));
                        continue;
                    }
                },
            };
            let mut rev = record::merge_revs(m.and_then(|x| x.rev()), r.and_then(|x| x.rev()));
            // A record taken back where it was deleted is newer than its
            // deletion.
            if let Some(d) = master.deletion(&change.key) {
                rev.absorb(&d.rev);
            }
            if take {
                done.accepted += 1;
                edits.push((
                    change.key.clone(),
                    match r {
                        Some(r) => Edit::Put(Box::new(owned(r)), rev),
                        None => Edit::Remove(deletion_from(
                            &change.key,
                            theirs,
                            &review.sender,
                            m,
                            merged_on,
                        )),
                    },
                ));
            } else {
                done.kept += 1;
                match (m, r) {
                    (Some(_), Some(_)) => edits.push((change.key.clone(), Edit::Rev(rev))),
                    // The cluster's deletion stands: it has now seen the
                    // school's edit too, so that edit is not raised again.
                    (None, Some(_)) => edits.push((change.key.clone(), Edit::Bury(rev))),
                    // The school deleted what the cluster keeps: the record
                    // has now seen that deletion, not raised again.
                    (Some(_), None) => {
                        if let Some(d) = theirs.deletion(&change.key) {
                            let mut rev = rev;
                            rev.absorb(&d.rev);
                            edits.push((change.key.clone(), Edit::Rev(rev)));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    make_all(master, edits);
    // Conflicts left open stay in the master with the school's value, so
    // the tracker shows them and they can be decided later; a decision on
    // the same record closes the earlier open one. (One pass over the
    // master's list for all the changes: each change names its own record.)
    let conflicts = &mut master.provenance.conflicts;
    let is_open = |change: &super::Change| {
        change.status == Status::Conflict && !decisions.contains_key(&change.key)
    };
    let closing: std::collections::HashMap<String, bool> = review
        .changes
        .iter()
        .map(|c| (c.key.to_string(), is_open(c)))
        .collect();
    conflicts.retain(|c| {
        !(c.school == review.sender
            && closing
                .get(&c.record)
                .is_some_and(|open| !open || c.content_hash == review.content_hash))
    });
    for change in &review.changes {
        let record = change.key.to_string();
        let open = is_open(change);
        if open {
            conflicts.push(crate::workbook::OpenConflict {
                record,
                school: review.sender.clone(),
                content_hash: review.content_hash.clone(),
                file_name: review.file_name.clone(),
                label: change.label.clone(),
                value: change.new.clone().unwrap_or_else(|| "(trường xóa)".into()),
                school_record: open_values.remove(&change.key).flatten(),
                school_deleted: change.new.is_none(),
            });
        }
    }
    // In a stable order: merging the same files in any order, or one file
    // again, gives the same master.
    conflicts.sort_by(|a, b| {
        (&a.school, &a.record, &a.content_hash).cmp(&(&b.school, &b.record, &b.content_hash))
    });
    let entry = ReturnRecord {
        school: review.sender.clone(),
        file_name: review.file_name.clone(),
        merged_on: Some(merged_on),
        save_count: review.save_count,
        content_hash: review.content_hash.clone(),
        accepted: done.accepted,
        refused: done.refused,
        kept: done.kept,
        undecided: done.undecided,
    };
    let returns = &mut master.provenance.returns;
    if !returns
        .iter()
        .any(|r| r.content_hash == entry.content_hash && r.school == entry.school)
    {
        let sort_key = |r: &ReturnRecord| (r.school.clone(), r.save_count, r.content_hash.clone());
        let k = sort_key(&entry);
        let at = returns
            .iter()
            .position(|r| sort_key(r) > k)
            .unwrap_or(returns.len());
        returns.insert(at, entry);
    }
    done
}

/// Decides the conflict a merge left open at `index` of the master's list,
/// without the returned file: the school's version kept with it is taken
/// (checked as a merged record is) or the cluster's kept, and the school's
/// edit recorded as seen either way, so its next return does not raise it
/// again. The tracker's counts for that file move from undecided.
pub fn decide_open(master: &mut Workbook, index: usize, decision: Decision) -> Result<(), String> {
    let Some(open) = master.provenance.conflicts.get(index).cloned() else {
        return Err("Không còn xung đột này trong sổ.".into());
    };
    let Some(key) = RecordKey::parse(&open.record) else {
        return Err(format!(
            "Không đọc được bản ghi \u{201c}{}\u{201d} của xung đột.",
            open.record
        ));
    };
    let theirs = match open.school_record.clone() {
        Some(v) => Some(Owned::from_value(&key, v).ok_or_else(|| {
            format!(
                "Giá trị của trường cho \u{201c}{}\u{201d} không đọc được: chỉ có thể giữ của cụm.",
                open.label
            )
        })?),
        None => None,
    };
    if decision == Decision::TakeSchool && theirs.is_none() && !open.school_deleted {
        return Err(format!(
            "Sổ không giữ giá trị của trường cho \u{201c}{}\u{201d}: gộp lại tệp {} để chọn.",
            open.label, open.file_name
        ));
    }
    let parts = record::Parts::holding(std::iter::once(&key));
    let current = record::records_where(master, &parts)
        .get(&key)
        .map(|r| owned(*r));
    let mut rev = record::merge_revs(
        current.as_ref().and_then(|c| c.as_rec().rev()),
        theirs.as_ref().and_then(|t| t.as_rec().rev()),
    );
    if let Some(d) = master.deletion(&key) {
        rev.absorb(&d.rev);
    }
    match (decision, theirs) {
        (Decision::TakeSchool, Some(t)) => {
            if let Some(why) =
                super::check::RecordCheck::new(master).refusal(master, &key, t.as_rec())
            {
                return Err(format!("Không lấy được giá trị của trường: {why}."));
            }
            make(master, &key, Edit::Put(Box::new(t), rev));
        }
        (Decision::TakeSchool, None) => {
            let deletion = school_deletion(
                &key,
                rev,
                &open.school,
                jiff::ZonedDateTime::now().date(),
                current.as_ref().map(Owned::to_value),
            );
            make(master, &key, Edit::Remove(deletion));
        }
        (Decision::KeepLeader, _) => {
            if current.is_some() {
                make(master, &key, Edit::Rev(rev));
            } else {
                make(master, &key, Edit::Bury(rev));
            }
        }
    }
    master.provenance.conflicts.remove(index);
    if let Some(r) = master
        .provenance
        .returns
        .iter_mut()
        .find(|r| r.content_hash == open.content_hash && r.school == open.school)
    {
        r.undecided = r.undecided.saturating_sub(1);
        match decision {
            Decision::TakeSchool => r.accepted = r.accepted.saturating_add(1),
            Decision::KeepLeader => r.kept = r.kept.saturating_add(1),
        }
    }
    Ok(())
}

/// Restores a record deleted this year ("Khôi phục"): the record as it was
/// deleted, now a newer version than its deletion (so a copy that holds
/// the deletion does not remove it again), and the tombstone gone. Checked
/// as a merged record is: a score of a criterion since removed, a claim
/// of a school no longer a member, cannot come back.
pub fn restore(wb: &mut Workbook, key: &RecordKey, editor: &Owner) -> Result<(), String> {
    let Some(d) = wb.deletion(key).cloned() else {
        return Err("Bản ghi này không còn trong danh sách đã xóa.".into());
    };
    let parts = record::Parts::holding(std::iter::once(key));
    if record::records_where(wb, &parts).contains_key(key) {
        // Already back (typed again): only the tombstone goes.
        wb.unbury(key);
        return Ok(());
    }
    let rec = d
        .value
        .clone()
        .and_then(|v| Owned::from_value(key, v))
        .ok_or("Sổ không giữ nội dung của bản ghi đã xóa này: không khôi phục được.")?;
    if let Some(why) = super::check::RecordCheck::new(wb).refusal(wb, key, rec.as_rec()) {
        return Err(format!("Không khôi phục được: {why}."));
    }
    let mut rev = d.rev;
    rev.bump_as(&wb.replica_key(editor));
    make(wb, key, Edit::Put(Box::new(rec), rev));
    Ok(())
}

/// What a deleted record was, for the list of deletions: its label and its
/// value, readable ("Điểm thưởng — Bình Thuận", "+2 điểm: …").
pub fn deletion_label(wb: &Workbook, d: &Deletion) -> (String, String) {
    let key = RecordKey::parse(&d.record);
    let rec = key.as_ref().and_then(|k| {
        d.value
            .clone()
            .and_then(|v| Owned::from_value(k, v))
            .map(|o| (k, o))
    });
    match rec {
        Some((k, o)) => (
            record::label(wb, wb, k, o.as_rec()),
            record::describe(wb, o.as_rec(), None),
        ),
        None => (d.record.clone(), String::new()),
    }
}

enum Edit {
    /// Put the record in place, with this revision (a deletion of it is
    /// forgotten: the record is back).
    Put(Box<Owned>, Rev),
    /// Keep the content, take this revision.
    Rev(Rev),
    /// Remove the record, keeping its deletion.
    Remove(Deletion),
    /// The record stays deleted; its deletion takes this revision too.
    Bury(Rev),
}

/// The deletion a returned copy made of `key`: its own tombstone when it
/// carries one (a version-4 copy always does), else one made here for the
/// school. Either way it covers the master's version it deleted.
fn deletion_from(
    key: &RecordKey,
    theirs: &Workbook,
    sender: &Id,
    m: Option<Rec<'_>>,
    merged_on: Date,
) -> Deletion {
    let m_rev = m.and_then(|x| x.rev()).cloned().unwrap_or_default();
    match theirs.deletion(key) {
        // The file's word is the version it deleted and when; who deleted
        // is the sender, and what was deleted is the master's record — a
        // file cannot say the cluster deleted it, or keep a record of its
        // own making in the master's list.
        Some(d) => {
            let mut rev = d.rev.clone();
            rev.absorb(&m_rev);
            Deletion {
                record: key.to_string(),
                rev,
                by: Owner::School(sender.clone()),
                on: d.on,
                value: m.map(|x| owned(x).to_value()),
            }
        }
        None => school_deletion(
            key,
            m_rev,
            sender,
            merged_on,
            m.map(|x| owned(x).to_value()),
        ),
    }
}

/// A school's deletion of `key` when its file did not say it (or the clerk
/// took it from an open conflict): the deleted version `rev` and one edit
/// by the school, under a replica of its own, as the copy's replica is not
/// in the file.
fn school_deletion(
    key: &RecordKey,
    mut rev: Rev,
    school: &Id,
    on: Date,
    value: Option<serde_json::Value>,
) -> Deletion {
    rev.bump_as(&format!("{school}~xoa"));
    Deletion {
        record: key.to_string(),
        rev,
        by: Owner::School(school.clone()),
        on: Some(on),
        value,
    }
}

/// Makes `edits`, each on its own record. Activities (the one list a
/// return can make long) are done together: removals in one pass,
/// changes found through an index by id, new ones placed where
/// [`record::insert_ordered`] would place them one after another (before the first
/// activity of a greater key, found by a binary search over the running
/// maximum) — n log n in all, where one at a time is n² (a return of 60 000
/// activities took over a minute). Every other record as [`make`] does.
fn make_all(wb: &mut Workbook, edits: Vec<(RecordKey, Edit)>) {
    let mut removed: std::collections::HashSet<Id> = Default::default();
    let mut changed: Vec<(Id, Edit)> = Vec::new();
    for (key, edit) in edits {
        match (key, edit) {
            (RecordKey::Activity(id), Edit::Remove(deletion)) => {
                removed.insert(id);
                wb.bury_as(deletion);
            }
            (key @ RecordKey::Activity(_), edit @ Edit::Bury(_)) => make(wb, &key, edit),
            (RecordKey::Activity(id), edit) => {
                if matches!(edit, Edit::Put(..)) && !wb.provenance.deleted.is_empty() {
                    wb.unbury(&RecordKey::Activity(id.clone()));
                }
                changed.push((id, edit))
            }
            (key, edit) => make(wb, &key, edit),
        }
    }
    if !removed.is_empty() {
        wb.activities.retain(|a| !removed.contains(&a.id));
    }
    if changed.is_empty() {
        return;
    }
    let mut index: std::collections::HashMap<Id, usize> = Default::default();
    for (i, a) in wb.activities.iter().enumerate() {
        index.entry(a.id.clone()).or_insert(i);
    }
    let mut new = Vec::new();
    for (id, edit) in changed {
        let slot = index.get(&id).copied();
        match (edit, slot) {
            (Edit::Rev(rev), Some(i)) => wb.activities[i].rev = rev,
            (Edit::Put(rec, rev), slot) => {
                if let Owned::Activity(mut x) = *rec {
                    x.rev = rev;
                    match slot {
                        Some(i) => wb.activities[i] = x,
                        None => new.push(x),
                    }
                }
            }
            _ => {}
        }
    }
    if new.is_empty() {
        return;
    }
    let key = |a: &crate::workbook::Activity| (a.start, a.id.clone());
    let mut running = Vec::with_capacity(wb.activities.len());
    for a in &wb.activities {
        let k = key(a);
        running.push(match running.last() {
            Some(m) if *m > k => std::clone::Clone::clone(m),
            _ => k,
        });
    }
    let mut placed: Vec<(usize, crate::workbook::Activity)> = new
        .into_iter()
        .map(|x| (running.partition_point(|m| *m <= key(&x)), x))
        .collect();
    // Stable: equal keys keep the order they came in, as one at a time.
    placed.sort_by(|(p, x), (q, y)| (p, key(x)).cmp(&(q, key(y))));
    let old = std::mem::take(&mut wb.activities);
    let mut placed = placed.into_iter().peekable();
    for (i, a) in old.into_iter().enumerate() {
        while let Some((_, x)) = placed.next_if(|(p, _)| *p == i) {
            wb.activities.push(x);
        }
        wb.activities.push(a);
    }
    wb.activities.extend(placed.map(|(_, x)| x));
}

fn make(wb: &mut Workbook, key: &RecordKey, edit: Edit) {
    match edit {
        Edit::Put(rec, rev) => {
            wb.unbury(key);
            put(wb, key, *rec, rev)
        }
        Edit::Rev(rev) => set_rev(wb, key, rev),
        Edit::Remove(deletion) => {
            remove(wb, key);
            wb.bury_as(deletion);
        }
        Edit::Bury(rev) => {
            if let Some(d) = wb.deletion(key).cloned() {
                wb.bury_as(Deletion { rev, ..d });
            }
        }
    }
}

fn set_rev(wb: &mut Workbook, key: &RecordKey, rev: Rev) {
    let slot: Option<&mut Rev> = match key {
        RecordKey::Member(id) => wb
            .members
            .iter_mut()
            .find(|s| &s.id == id)
            .map(|s| &mut s.rev),
        RecordKey::Roles => Some(&mut wb.roles.rev),
        RecordKey::Rules => Some(&mut wb.rules.rev),
        RecordKey::Criteria => None,
        RecordKey::Registration(s) => Some(&mut assessment(wb, s).registration.rev),
        RecordKey::SelfScore(s, c) => assessment(wb, s).self_scores.get_mut(c).map(|x| &mut x.rev),
        RecordKey::ClusterScore(s, c) => assessment(wb, s)
            .cluster_scores
            .get_mut(c)
            .map(|x| &mut x.rev),
        RecordKey::Adjustment(s, id) => assessment(wb, s)
            .adjustments
            .iter_mut()
            .find(|a| &a.id == id)
            .map(|a| &mut a.rev),
        RecordKey::Discipline(s) => Some(&mut assessment(wb, s).discipline.rev),
        RecordKey::Activity(id) => wb
            .activities
            .iter_mut()
            .find(|a| &a.id == id)
            .map(|a| &mut a.rev),
        RecordKey::Conference => Some(&mut wb.conference.rev),
        RecordKey::Documents => Some(&mut wb.documents.rev),
    };
    if let Some(slot) = slot {
        *slot = rev;
    }
}

fn remove(wb: &mut Workbook, key: &RecordKey) {
    match key {
        RecordKey::SelfScore(s, c) => {
            if let Some(a) = wb.assessments.iter_mut().find(|a| &a.school == s) {
                a.self_scores.remove(c);
            }
        }
        RecordKey::ClusterScore(s, c) => {
            if let Some(a) = wb.assessments.iter_mut().find(|a| &a.school == s) {
                a.cluster_scores.remove(c);
            }
        }
        RecordKey::Adjustment(s, id) => {
            if let Some(a) = wb.assessments.iter_mut().find(|a| &a.school == s) {
                a.adjustments.retain(|x| &x.id != id);
            }
        }
        RecordKey::Activity(id) => wb.activities.retain(|a| &a.id != id),
        RecordKey::Member(id) => wb.members.retain(|s| &s.id != id),
        // Registration and discipline are emptied, never removed; the
        // cluster's single records cannot be removed.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{review_bytes, stamp};
    use crate::workbook::{self, Owner, Points, synthetic};

    fn set_self(wb: &mut Workbook, school: &str, criterion: &str, points: i64, by: &Owner) {
        let s = wb
            .assessment_mut(&Id::new(school))
            .self_scores
            .get_mut(&Id::new(criterion))
            .expect("score in the synthetic workbook");
        s.points = Points(points);
        s.rev.bump(by);
    }

    fn points(wb: &Workbook, school: &str, criterion: &str) -> Points {
        wb.assessment(&Id::new(school))
            .expect("assessment")
            .self_scores[&Id::new(criterion)]
            .points
    }

    #[test]
    fn a_rejected_change_is_not_applied_and_counts_as_kept() {
        let mut master = synthetic::workbook(5, 6, 4);
        stamp(&mut master, &Owner::Cluster);
        let mut theirs = master.clone();
        let me = Owner::School(Id::new("s02"));
        set_self(&mut theirs, "s02", "c001", 777, &me);
        set_self(&mut theirs, "s02", "c002", 888, &me);
        stamp(&mut theirs, &me);
        let review =
            review_bytes(&master, &workbook::to_bytes(&theirs), "s02.json").expect("reviewed");
        assert_eq!(review.acceptable().count(), 2);
        let first = RecordKey::SelfScore(Id::new("s02"), Id::new("c001"));
        let rejected = BTreeSet::from([first.clone()]);
        let (filtered, decisions) = with_rejected(&review, &rejected, &Decisions::new());
        assert_eq!(decisions.get(&first), Some(&Decision::KeepLeader));
        let before = master.clone();
        let day = jiff::civil::date(2024, 10, 1);
        let done = apply_on(&mut master, &filtered, &decisions, day);
        assert_eq!((done.accepted, done.kept, done.undecided), (1, 1, 0));
        assert_eq!(
            points(&master, "s02", "c001"),
            points(&before, "s02", "c001")
        );
        assert_eq!(points(&master, "s02", "c002"), Points(888));
        assert_eq!(master.provenance.returns.len(), 1);
    }
}
