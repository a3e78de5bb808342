//! Comparing a returned file with the master, record by record.

use super::record::{self, Order, Rec, RecordKey, compare, edited_by, edited_by_other};
use super::{Change, ChangeKind, Status};
use crate::workbook::{Discipline, Id, Owner, Registration, Workbook};

/// Every difference between the master and the file `sender` returned,
/// classified. Records the file merely has an older copy of are not listed.
pub(crate) fn changes(master: &Workbook, returned: &Workbook, sender: &Id) -> Vec<Change> {
    let me = Owner::School(sender.clone());
    let ours = record::records(master);
    let theirs = record::records(returned);
    let empty_registration = Registration::default();
    let empty_discipline = Discipline::default();
    // Every assessment has a registration and a discipline status: one
    // missing on a side is the empty one, never a removal.
    let default_for = |key: &RecordKey| match key {
        RecordKey::Registration(_) => Some(Rec::Registration(&empty_registration)),
        RecordKey::Discipline(_) => Some(Rec::Discipline(&empty_discipline)),
        _ => None,
    };
    let mut keys: Vec<&RecordKey> = ours.keys().chain(theirs.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let m = ours.get(key).copied().or_else(|| default_for(key));
        let r = theirs.get(key).copied().or_else(|| default_for(key));
        if let Some(change) = classify(master, returned, &me, key, m, r) {
            out.push(change);
        }
    }
    out
}

fn classify(
    master: &Workbook,
    returned: &Workbook,
    me: &Owner,
    key: &RecordKey,
    m: Option<Rec<'_>>,
    r: Option<Rec<'_>>,
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
    let owner_m = m.map(|x| x.owner(key));
    let owner_r = r.map(|x| x.owner(key));
    let order = compare(r_rev, m_rev);
    let status = if let (Some(a), Some(b)) = (&owner_m, &owner_r)
        && a != b
    {
        if order == Order::Older {
            return None; // the master reassigned it since: an old copy
        }
        Status::Refused(format!(
            "tệp đổi đơn vị sở hữu bản ghi (từ {} thành {}); chỉ cụm được làm việc này",
            owner_name(master, a),
            owner_name(master, b)
        ))
    } else {
        let owner = owner_m.or(owner_r).unwrap_or(Owner::Cluster);
        if &owner == me {
            match kind {
                ChangeKind::Changed => match order {
                    Order::Newer => Status::Acceptable,
                    Order::Older | Order::Equal => return None,
                    Order::Concurrent => Status::Conflict,
                },
                // Added by the school; or the master removed it and the
                // school's copy still has it untouched: for the leader.
                ChangeKind::Added if edited_by(r_rev, me) => Status::Acceptable,
                ChangeKind::Added => Status::Conflict,
                // Removed by the school: unless someone else edited it.
                ChangeKind::Removed if edited_by_other(m_rev, me) => Status::Conflict,
                ChangeKind::Removed => Status::Acceptable,
            }
        } else {
            match kind {
                ChangeKind::Changed if order == Order::Older => return None,
                // Gone from the returned copy: the master keeps it, so
                // nothing is lost (most often the master added it since).
                ChangeKind::Removed => return None,
                // The master removed it since; the copy is older, untouched
                // by the sender.
                ChangeKind::Added
                    if r_rev.is_some_and(|x| !x.is_empty()) && !edited_by(r_rev, me) =>
                {
                    return None;
                }
                _ => Status::Refused(format!(
                    "phần này của {}, trường gửi tệp không được sửa; giữ nguyên trong sổ của cụm",
                    owner_name(master, &owner)
                )),
            }
        }
    };
    let shown = r.or(m).expect("one side has the record");
    Some(Change {
        key: key.clone(),
        label: record::label(master, returned, key, shown),
        kind,
        old: m.map(|x| record::describe(master, x, r)),
        new: r.map(|x| record::describe(returned, x, m)),
        status,
    })
}

fn owner_name(wb: &Workbook, owner: &Owner) -> String {
    match owner {
        Owner::Cluster => "cụm".into(),
        Owner::School(id) => format!("trường {}", wb.school_name(id)),
    }
}
