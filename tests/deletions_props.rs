//! The leader's decisions stand, over random interleavings (issue 24): the
//! cluster corrects scores, deletes and restores bonus claims, re-issues
//! copies; schools edit, claim and delete in several copies each, stale or
//! fresh, and send them back in any order. Invariants at every return:
//!
//! - nothing the cluster decided that the returning copy had not seen is
//!   undone: the record is as the cluster left it (a difference is listed
//!   as a conflict, never taken);
//! - every change the school sent (an edit the master had not seen) is
//!   applied, or listed as a conflict or as refused.

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use thidua::exchange::{self, Decisions, RecordKey, Status};
use thidua::workbook::edit::scores::Side;
use thidua::workbook::edit::{Edit, ScoreEdit};
use thidua::workbook::{self, AdjustmentKind, Id, Owner, Points, Rev, Workbook, synthetic};

const DAY: jiff::civil::Date = jiff::civil::date(2024, 11, 20);
const SCHOOLS: usize = 3;

fn sid(i: usize) -> Id {
    Id(format!("s{:02}", i % SCHOOLS + 1))
}

fn cid(i: usize) -> Id {
    Id(format!("c{:03}", i % 4 + 1))
}

#[derive(Debug, Clone)]
enum Step {
    /// The cluster sets a school's self-score on a criterion.
    ClusterScore(usize, usize, i64),
    /// The cluster deletes the n-th bonus claim it holds (any school).
    ClusterDelete(usize),
    /// The cluster restores the n-th deletion.
    ClusterRestore(usize),
    /// The cluster re-issues a school's copy (a new copy in its pool).
    Reissue(usize),
    /// A school's copy (n-th of the pool) sets its own self-score.
    SchoolScore(usize, usize, i64),
    /// A school's copy makes a claim.
    SchoolClaim(usize, i64),
    /// A school's copy changes the reason of its n-th claim.
    SchoolEditClaim(usize, usize),
    /// A school's copy deletes its n-th claim.
    SchoolDeleteClaim(usize, usize),
    /// A school's copy is saved and sent back; the copy goes on.
    Return(usize),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        (0..SCHOOLS, 0usize..4, 0i64..400).prop_map(|(s, c, v)| Step::ClusterScore(s, c, v)),
        (0usize..6).prop_map(Step::ClusterDelete),
        (0usize..4).prop_map(Step::ClusterRestore),
        (0..SCHOOLS).prop_map(Step::Reissue),
        (0usize..8, 0usize..4, 0i64..400).prop_map(|(k, c, v)| Step::SchoolScore(k, c, v)),
        (0usize..8, 1i64..300).prop_map(|(k, v)| Step::SchoolClaim(k, v)),
        (0usize..8, 0usize..3).prop_map(|(k, n)| Step::SchoolEditClaim(k, n)),
        (0usize..8, 0usize..3).prop_map(|(k, n)| Step::SchoolDeleteClaim(k, n)),
        (0usize..8).prop_map(Step::Return),
        (0usize..8).prop_map(Step::Return),
    ];
    prop::collection::vec(step, 1..24)
}

fn reopen(wb: &Workbook) -> Workbook {
    workbook::load_bytes(&workbook::to_bytes(wb))
        .unwrap()
        .workbook
}

/// A school's copy in the simulation.
struct Copy {
    school: Id,
    wb: Workbook,
}

/// Everything a record is, as the merge compares it: content without the
/// version (None: absent).
fn records(wb: &Workbook, school: &Id) -> BTreeMap<RecordKey, Option<String>> {
    let mut out = BTreeMap::new();
    if let Some(a) = wb.assessment(school) {
        for (c, s) in &a.self_scores {
            out.insert(
                RecordKey::SelfScore(school.clone(), c.clone()),
                Some(format!("{}|{}|{:?}", s.points.0, s.note, s.evidence)),
            );
        }
        for x in &a.adjustments {
            out.insert(
                RecordKey::Adjustment(school.clone(), x.id.clone()),
                Some(format!("{}|{}|{:?}", x.points.0, x.reason, x.accepted)),
            );
        }
    }
    out
}

fn rev_of(wb: &Workbook, key: &RecordKey) -> Option<Rev> {
    match key {
        RecordKey::SelfScore(s, c) => wb.assessment(s)?.self_scores.get(c).map(|x| x.rev.clone()),
        RecordKey::Adjustment(s, id) => wb
            .assessment(s)?
            .adjustments
            .iter()
            .find(|x| &x.id == id)
            .map(|x| x.rev.clone()),
        _ => None,
    }
}

/// The version the master holds of a record: its own, or its deletion's.
fn master_version(m: &Workbook, key: &RecordKey) -> Rev {
    let mut v = rev_of(m, key).unwrap_or_default();
    if let Some(d) = m.deletion(key) {
        v.absorb(&d.rev);
    }
    v
}

fn claims_of(wb: &Workbook, s: &Id) -> Vec<Id> {
    wb.assessment(s)
        .map(|a| a.adjustments.iter().map(|x| x.id.clone()).collect())
        .unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_cluster_s_decisions_stand_and_no_school_change_is_lost(plan in steps()) {
        let mut m = synthetic::workbook(SCHOOLS, 4, 0);
        exchange::stamp(&mut m, &Owner::Cluster);
        let (first, _) = exchange::mail_out(&mut m).unwrap();
        let mut m = reopen(&m);
        let mut pool: Vec<Copy> = first
            .into_iter()
            .map(|(school, wb)| Copy { school, wb: reopen(&wb) })
            .collect();
        // The cluster's decisions: record -> the version it decided at.
        let mut decided: BTreeMap<RecordKey, Rev> = BTreeMap::new();
        for step in plan {
            match step {
                Step::ClusterScore(s, c, v) => {
                    let e = Edit::Score(ScoreEdit::Points {
                        school: sid(s),
                        criterion: cid(c),
                        side: Side::Own,
                        points: Some(Points(v)),
                    });
                    if e.apply(&mut m).is_ok() {
                        let key = RecordKey::SelfScore(sid(s), cid(c));
                        decided.insert(key.clone(), master_version(&m, &key));
                    }
                }
                Step::ClusterDelete(n) => {
                    let all: Vec<(Id, Id)> = m
                        .assessments
                        .iter()
                        .flat_map(|a| a.adjustments.iter().map(|x| (a.school.clone(), x.id.clone())))
                        .collect();
                    if let Some((s, id)) = all.get(n % all.len().max(1)).cloned() {
                        Edit::Score(ScoreEdit::RemoveAdjustment { school: s.clone(), id: id.clone() })
                            .apply(&mut m)
                            .unwrap();
                        let key = RecordKey::Adjustment(s, id);
                        decided.insert(key.clone(), master_version(&m, &key));
                    }
                }
                Step::ClusterRestore(n) => {
                    let list = m.provenance.deleted.clone();
                    if let Some(d) = list.get(n % list.len().max(1)) {
                        let key = RecordKey::parse(&d.record).unwrap();
                        if exchange::restore(&mut m, &key, &Owner::Cluster).is_ok() {
                            decided.insert(key.clone(), master_version(&m, &key));
                        }
                    }
                }
                Step::Reissue(s) => {
                    let (copies, _) = exchange::mail_out_for(&mut m, Some(&sid(s))).unwrap();
                    for (school, wb) in copies {
                        pool.push(Copy { school, wb: reopen(&wb) });
                    }
                }
                Step::SchoolScore(k, c, v) => {
                    let len = pool.len();
                    let copy = &mut pool[k % len];
                    let me = Owner::School(copy.school.clone());
                    let _ = Edit::Score(ScoreEdit::Points {
                        school: copy.school.clone(),
                        criterion: cid(c),
                        side: Side::Own,
                        points: Some(Points(v)),
                    })
                    .apply_as(&mut copy.wb, &me);
                }
                Step::SchoolClaim(k, v) => {
                    let len = pool.len();
                    let copy = &mut pool[k % len];
                    let me = Owner::School(copy.school.clone());
                    Edit::Score(ScoreEdit::AddAdjustment {
                        school: copy.school.clone(),
                        kind: AdjustmentKind::Bonus,
                        points: Points(v),
                        reason: format!("Đề nghị thưởng {v}"),
                    })
                    .apply_as(&mut copy.wb, &me)
                    .unwrap();
                }
                Step::SchoolEditClaim(k, n) => {
                    let len = pool.len();
                    let copy = &mut pool[k % len];
                    let me = Owner::School(copy.school.clone());
                    let key = copy.wb.replica_key(&me);
                    let school = copy.school.clone();
                    let a = copy.wb.assessment_mut(&school);
                    let mine: Vec<usize> = (0..a.adjustments.len())
                        .filter(|&i| a.adjustments[i].owner == me)
                        .collect();
                    if let Some(&i) = mine.get(n % mine.len().max(1)) {
                        a.adjustments[i].reason.push_str(" (bổ sung)");
                        a.adjustments[i].rev.bump_as(&key);
                    }
                }
                Step::SchoolDeleteClaim(k, n) => {
                    let len = pool.len();
                    let copy = &mut pool[k % len];
                    let me = Owner::School(copy.school.clone());
                    let mine: Vec<Id> = copy
                        .wb
                        .assessment(&copy.school)
                        .map(|a| {
                            a.adjustments
                                .iter()
                                .filter(|x| x.owner == me)
                                .map(|x| x.id.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    if let Some(id) = mine.get(n % mine.len().max(1)) {
                        Edit::Score(ScoreEdit::RemoveAdjustment {
                            school: copy.school.clone(),
                            id: id.clone(),
                        })
                        .apply_as(&mut copy.wb, &me)
                        .unwrap();
                    }
                }
                Step::Return(k) => {
                    let k = k % pool.len();
                    let school = pool[k].school.clone();
                    let me = Owner::School(school.clone());
                    exchange::stamp(&mut pool[k].wb, &me);
                    let bytes = workbook::to_bytes(&pool[k].wb);
                    let sent = workbook::load_bytes(&bytes).unwrap().workbook;
                    let review = match exchange::review_bytes(&m, &bytes, "tra-ve.json") {
                        Ok(r) => r,
                        Err(e) => {
                            prop_assert_eq!(e.code(), "already_merged", "{}", e);
                            continue;
                        }
                    };
                    let seen = {
                        let mut s = sent.provenance.seen.clone();
                        s.absorb(&sent.revisions());
                        s
                    };
                    let before = m.clone();
                    exchange::apply_on(&mut m, &review, &Decisions::new(), DAY);
                    let listed = |key: &RecordKey| {
                        review.changes.iter().any(|c| {
                            &c.key == key
                                && matches!(c.status, Status::Conflict | Status::Refused(_))
                        })
                    };
                    let (old, new) = (records(&before, &school), records(&m, &school));
                    // 1. The cluster's decisions the copy had not seen stand.
                    for (key, version) in &decided {
                        if seen.includes(version) {
                            continue;
                        }
                        let b = old.get(key).cloned().flatten();
                        let a = new.get(key).cloned().flatten();
                        prop_assert_eq!(
                            &b, &a,
                            "{} decided by the cluster was changed by a copy that had not seen it",
                            key
                        );
                    }
                    // 2. Every change the school sent is applied or listed.
                    let theirs = records(&sent, &school);
                    let keys: BTreeSet<&RecordKey> = theirs.keys().chain(old.keys()).collect();
                    for key in keys {
                        let mine = theirs.get(key).cloned().flatten();
                        let sent_rev = match &mine {
                            Some(_) => rev_of(&sent, key),
                            None => sent.deletion(key).map(|d| d.rev.clone()),
                        };
                        let Some(sent_rev) = sent_rev else { continue };
                        if !exchange::record_edited_by(&sent_rev, &me)
                            || master_version(&before, key).includes(&sent_rev)
                        {
                            continue; // nothing new from the school
                        }
                        let now = new.get(key).cloned().flatten();
                        prop_assert!(
                            now == mine || listed(key),
                            "{key}: the school sent {mine:?}, the master has {now:?}, and the review did not list it: {:?}",
                            review.changes
                        );
                    }
                    // Claims never duplicate.
                    let ids = claims_of(&m, &school);
                    let unique: BTreeSet<&Id> = ids.iter().collect();
                    prop_assert_eq!(ids.len(), unique.len());
                }
            }
        }
    }
}
