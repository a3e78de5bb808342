//! Properties of merging returned files, over random edits by schools (to
//! their own part and to what they do not own) and by the leader meanwhile.

use jiff::civil::date;
use proptest::prelude::*;
use std::collections::BTreeSet;
use thidua::exchange::{self, Decisions, Review};
use thidua::workbook::{self, Activity, ActivityKind, Id, Owner, Points, Rev, Workbook, synthetic};

const SCHOOLS: usize = 4;
const CRITERIA: usize = 6;
const DAY: jiff::civil::Date = date(2024, 11, 20);

fn master() -> Workbook {
    let mut wb = synthetic::workbook(SCHOOLS, CRITERIA, 6);
    exchange::stamp(&mut wb, &Owner::Cluster);
    workbook::load_bytes(&workbook::to_bytes(&wb))
        .unwrap()
        .workbook
}

fn school(i: u8) -> Id {
    Id(format!("s{:02}", i as usize % SCHOOLS + 1))
}

fn criterion(i: u8) -> Id {
    Id(format!("c{:03}", i as usize % CRITERIA + 1))
}

/// One edit: (what, which school, which criterion or item, value).
type Op = (u8, u8, u8, i64);

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec((0u8..8, any::<u8>(), any::<u8>(), 0i64..2000), 0..8)
}

/// Makes `ops` as `editor` (a school, or the cluster).
fn edit(wb: &mut Workbook, editor: &Owner, ops: &[Op]) {
    let me = match editor {
        Owner::School(id) => id.clone(),
        Owner::Cluster => Id::new("s01"),
    };
    for &(what, a, b, v) in ops {
        match what {
            // Its own self-score (or, for the cluster, any school's).
            0 | 1 => {
                let s = if matches!(editor, Owner::Cluster) {
                    school(a)
                } else {
                    me.clone()
                };
                if let Some(x) = wb.assessment_mut(&s).self_scores.get_mut(&criterion(b)) {
                    x.points = Points(v);
                    x.rev.bump(editor);
                }
            }
            // Another school's self-score.
            2 => {
                if let Some(x) = wb
                    .assessment_mut(&school(a))
                    .self_scores
                    .get_mut(&criterion(b))
                {
                    x.points = Points(v + 1);
                    x.rev.bump(editor);
                }
            }
            // A cluster score.
            3 => {
                if let Some(x) = wb
                    .assessment_mut(&school(a))
                    .cluster_scores
                    .get_mut(&criterion(b))
                {
                    x.points = Points(v);
                    x.rev.bump(editor);
                }
            }
            // The rules.
            4 => {
                wb.rules.bonus_cap = Points(v);
                wb.rules.rev.bump(editor);
            }
            // A new activity of its own.
            5 => {
                let id = wb.fresh_id(editor, "activity");
                let mut rev = Rev::default();
                rev.bump(editor);
                wb.activities.push(Activity {
                    id,
                    owner: editor.clone(),
                    kind: ActivityKind::ALL[b as usize % ActivityKind::ALL.len()],
                    title: format!("Hoạt động {v}"),
                    start: date(2024, (b % 12) as i8 + 1, 1),
                    end: None,
                    host: Some(me.clone()),
                    participants: vec![me.clone()],
                    people: vec![],
                    results: vec![],
                    evidence: vec![],
                    note: String::new(),
                    rev,
                });
            }
            // Removes an activity (its own or not).
            6 => {
                if !wb.activities.is_empty() {
                    let i = a as usize % wb.activities.len();
                    wb.activities.remove(i);
                }
            }
            // Its registration.
            _ => {
                let r = &mut wb.assessment_mut(&me).registration;
                r.targets = vec![format!("Chỉ tiêu {v}")];
                r.signed_pact = v % 2 == 0;
                r.rev.bump(editor);
            }
        }
    }
}

fn returned(master: &Workbook, s: u8, ops: &[Op]) -> Vec<u8> {
    let mut wb = master.clone();
    let me = Owner::School(school(s));
    edit(&mut wb, &me, ops);
    exchange::stamp(&mut wb, &me);
    workbook::to_bytes(&wb)
}

fn merge(master: &mut Workbook, bytes: &[u8]) -> Option<Review> {
    let r = exchange::review_bytes(master, bytes, "tep.json").ok()?;
    exchange::apply_on(master, &r, &Decisions::new(), DAY);
    Some(r)
}

/// The parts of a workbook a school owns, blanked: what is left must not
/// change when that school's file is merged.
fn without_parts_of(wb: &Workbook, s: &Id) -> Workbook {
    let mut wb = wb.clone();
    let me = Owner::School(s.clone());
    wb.provenance.returns.clear();
    // Open conflicts are the school's values waiting for the leader: not
    // applied to anything.
    wb.provenance.conflicts.clear();
    // The school's own deletions are its part too.
    wb.provenance.deleted.retain(|d| d.by != me);
    wb.activities.retain(|a| a.owner != me);
    for a in &mut wb.assessments {
        a.adjustments.retain(|x| x.owner != me);
        if &a.school == s {
            a.self_scores.clear();
            a.registration = Default::default();
        }
    }
    wb
}

/// Keys of the records a school's file could add, change or remove.
fn keys(wb: &Workbook) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for a in &wb.assessments {
        for c in a.self_scores.keys() {
            out.insert(format!("self_score/{}/{c}", a.school));
        }
        for c in a.cluster_scores.keys() {
            out.insert(format!("cluster_score/{}/{c}", a.school));
        }
        for x in &a.adjustments {
            out.insert(format!("adjustment/{}/{}", a.school, x.id));
        }
    }
    for a in &wb.activities {
        out.insert(format!("activity/{}", a.id));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merging_the_same_file_twice_equals_merging_it_once(
        s in 1u8..4, school_ops in ops(), leader_ops in ops()
    ) {
        let sent = master();
        let bytes = returned(&sent, s, &school_ops);
        let mut m = sent.clone();
        edit(&mut m, &Owner::Cluster, &leader_ops);
        let review = merge(&mut m, &bytes).expect("a member's file is reviewed");
        let once = m.clone();
        // Sent twice: refused, nothing changes — unless it left conflicts
        // open, which are then shown again, and still nothing changes.
        if merge(&mut m, &bytes).is_some() {
            prop_assert!(!once.provenance.conflicts.is_empty());
        }
        prop_assert_eq!(&m, &once);
        // The same review applied again: nothing changes either.
        exchange::apply_on(&mut m, &review, &Decisions::new(), DAY);
        prop_assert_eq!(&m, &once);
        // And nothing acceptable is left in the file.
        m.provenance.returns.clear();
        let again = exchange::review_bytes(&m, &bytes, "tep.json").unwrap();
        prop_assert_eq!(again.acceptable().count(), 0);
    }

    #[test]
    fn returns_of_different_schools_merge_the_same_in_any_order(
        a_ops in ops(), b_ops in ops(), c_ops in ops()
    ) {
        let sent = master();
        let files = [returned(&sent, 1, &a_ops), returned(&sent, 2, &b_ops), returned(&sent, 3, &c_ops)];
        let orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1]];
        let mut results = Vec::new();
        for order in orders {
            let mut m = sent.clone();
            for i in order {
                merge(&mut m, &files[i]).expect("reviewed");
            }
            results.push(m);
        }
        // The tracker's counts may differ (a record one school removed is
        // refused from a later school's older copy, or not yet gone from
        // it); the workbook and which files were merged may not.
        let strip = |wb: &Workbook| {
            let mut wb = wb.clone();
            for r in &mut wb.provenance.returns {
                (r.accepted, r.refused, r.kept, r.undecided) = (0, 0, 0, 0);
            }
            wb
        };
        for r in &results[1..] {
            prop_assert_eq!(strip(r), strip(&results[0]));
        }
    }

    #[test]
    fn no_record_is_lost_without_being_listed(
        s in 1u8..4, school_ops in ops(), leader_ops in ops()
    ) {
        let sent = master();
        let bytes = returned(&sent, s, &school_ops);
        let theirs = workbook::load_bytes(&bytes).unwrap().workbook;
        let mut m = sent.clone();
        edit(&mut m, &Owner::Cluster, &leader_ops);
        let before = m.clone();
        let review = merge(&mut m, &bytes).expect("reviewed");
        let listed: BTreeSet<String> = review.changes.iter().map(|c| c.key.to_string()).collect();
        let after = keys(&m);
        for k in keys(&before) {
            prop_assert!(after.contains(&k) || listed.contains(&k), "master's {} lost", k);
        }
        let me = Owner::School(school(s));
        for k in keys(&theirs) {
            // Another's record the file merely still has (the master removed
            // it since) is the master's decision, not a loss.
            let untouched_elsewhere = theirs
                .activities
                .iter()
                .any(|a| format!("activity/{}", a.id) == k && a.owner != me && !a.rev.0.contains_key(me.editor_key()));
            prop_assert!(
                after.contains(&k) || listed.contains(&k) || untouched_elsewhere,
                "returned {} lost", k
            );
        }
    }

    #[test]
    fn a_returned_file_never_changes_what_its_school_does_not_own(
        s in 1u8..4, school_ops in ops(), leader_ops in ops()
    ) {
        let sent = master();
        let bytes = returned(&sent, s, &school_ops);
        let mut m = sent.clone();
        edit(&mut m, &Owner::Cluster, &leader_ops);
        let before = m.clone();
        merge(&mut m, &bytes).expect("reviewed");
        let id = school(s);
        prop_assert_eq!(without_parts_of(&m, &id), without_parts_of(&before, &id));
    }
}
