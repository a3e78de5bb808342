//! Telling what a returned file is, by its content: which cluster and year,
//! who sent it, whether it was merged already or is older than one merged.

use super::refusal::{Refusal, already_merged, with_key};
use super::{Authenticity, Review, diff};
use crate::workbook::{self, Id, Loaded, Owner, Workbook, signing};
use std::path::Path;

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
    if crate::workbook::file::is_spreadsheet(bytes) {
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
    too_many(&returned)?;
    let sender = match &returned.provenance.saved_by {
        None => return Err(Refusal::UnknownSender),
        Some(Owner::Cluster) => return Err(Refusal::FromCluster),
        Some(Owner::School(id)) if master.school(id).is_none() => {
            return Err(Refusal::NotMember(id.clone()));
        }
        Some(Owner::School(id)) => id.clone(),
    };
    let school = master.school_full_name(&sender);
    // A master that lost its secret finds it in the copy kept when it
    // mailed out (see `keystore`), if one verifies this file.
    let (keyed, recovered_key) = if loaded.signature.is_empty() {
        (std::borrow::Cow::Borrowed(master), None)
    } else {
        with_key(master, &school, |m| {
            signing::verifies(m, &sender, &loaded.content_hash, &loaded.signature)
        })?
    };
    let authenticity = authenticity(
        &keyed,
        &sender,
        &returned,
        &loaded.content_hash,
        &loaded.signature,
    )
    .map_err(|why| Refusal::Forged {
        school: school.clone(),
        why,
    })?;
    // A signed copy's versions are its school's word, checked against what
    // it was issued: claiming more is forgery. An unsigned file proves
    // nothing of who made it (the clerk names its school), so claiming more
    // only costs it its baseline (below: it never deletes, never overrides).
    let overclaims = overclaimed(&keyed, &sender, &returned);
    if authenticity == Authenticity::Signed
        && let Some(why) = overclaims.clone()
    {
        return Err(Refusal::ForgedVersions { school, why });
    }
    let open = already_merged(master, &sender, &loaded.content_hash)?;
    // Returns are never ordered by their save count: a counter written in
    // the file proves nothing (a forged 2^64-1 would block every later
    // file). Causality comes from the version vectors of each record.
    // Version 3 and later record what the copy had seen; a file without
    // it has no baseline (see `diff::changes`).
    let baseline =
        overclaims.is_none() && loaded.file_version >= 3 && !returned.provenance.seen.is_empty();
    let diff = diff::changes(master, &returned, &sender, baseline);
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
        changes: diff.changes,
        notes: diff.notes,
        spreadsheet: false,
        recovered_key,
        returned,
    })
}

/// Does the file claim to have seen someone else's edits beyond what the
/// cluster ever gave that school? A school holds its own key, so it can
/// re-sign anything as itself, version counters included; but every edit
/// of the cluster or of another school reaches its copy only through a
/// mail-out, which the master recorded (`provenance.issued`). A master
/// that mailed out before it kept that record bounds the claim by what it
/// has seen itself. The reason, for the clerk, when it does.
fn overclaimed(master: &Workbook, sender: &Id, returned: &Workbook) -> Option<String> {
    let me = Owner::School(sender.clone());
    let fallback;
    let bound = match master
        .provenance
        .issued
        .iter()
        .find(|i| &i.school == sender)
    {
        Some(i) => &i.seen,
        None => {
            let mut seen = master.provenance.seen.clone();
            seen.absorb(&master.revisions());
            fallback = seen;
            &fallback
        }
    };
    let mut claimed = returned.provenance.seen.clone();
    claimed.absorb(&returned.revisions());
    let (key, n, have) = claimed.0.iter().find_map(|(k, n)| {
        let have = bound.0.get(k).copied().unwrap_or(0);
        (*n > have && !super::record::key_is(k, &me)).then_some((k, *n, have))
    })?;
    let editor = key.split('~').next().unwrap_or(key);
    let editor = if editor == Owner::Cluster.editor_key() {
        Owner::Cluster
    } else {
        Owner::School(Id::new(editor))
    };
    let who = super::editor_name(master, &editor);
    Some(format!(
        "lần sửa thứ {n} của {who}, trong khi bản gửi trường chỉ có đến lần {have}"
    ))
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
    if returned.provenance.copy_for.as_ref() != Some(sender) {
        return Err("bản này cấp cho trường khác".into());
    }
    if signing::verifies(master, sender, content_hash, signature) {
        Ok(Authenticity::Signed)
    } else {
        Err("chữ ký không khớp với nội dung và khóa của trường".into())
    }
}

/// Refuses a returned workbook with more records of a kind than the limits
/// allow, counted in one pass before anything is compared: a file of
/// 90 000 activities is refused at once. The counts and their limits are
/// `check`'s ([`crate::workbook::validate::counts`]); the first over its
/// limit refuses the file (activities: the owner with the most).
fn too_many(wb: &Workbook) -> Result<(), Refusal> {
    use super::refusal::TooManyOf;
    use crate::workbook::validate::{Counted, counts};
    let refuse = |what: TooManyOf, count: usize, max: usize| {
        if count > max {
            Err(Refusal::TooMany { what, count, max })
        } else {
            Ok(())
        }
    };
    let counts = counts(wb);
    let most_activities = counts
        .iter()
        .filter(|c| matches!(c.what, Counted::Activities(_)))
        .map(|c| c.count)
        .max()
        .unwrap_or(0);
    for c in &counts {
        let what = match c.what {
            Counted::Members => TooManyOf::Members,
            Counted::Assessments => {
                refuse(TooManyOf::Assessments, c.count, c.max)?;
                // Then the activities, as before any school's records.
                refuse(
                    TooManyOf::ActivitiesOfOneOwner,
                    most_activities,
                    crate::limits::MAX_ACTIVITIES,
                )?;
                continue;
            }
            Counted::CriteriaNodes | Counted::Activities(_) => continue,
            Counted::Adjustments(..) => TooManyOf::Adjustments,
            Counted::SelfScores(_) => TooManyOf::SelfScores,
            Counted::ClusterScores(_) => TooManyOf::ClusterScores,
        };
        refuse(what, c.count, c.max)?;
    }
    Ok(())
}
