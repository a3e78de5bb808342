//! Properties of merging returns with several copies per school: copies
//! opened from the emailed file or from a copy saved earlier (stale and
//! fresh), edited apart, some typing into another school's part, merged in
//! any order. Invariants: nothing a school does not own changes; nothing is
//! deleted that the deleting copy never saw; every divergence is merged or
//! listed; a merge never adds a problem to the master.

use proptest::prelude::*;
use std::collections::HashSet;
use thidua::exchange::{self, Decisions};
use thidua::workbook::{self, Id, Owner, Points, Workbook, synthetic};

const DAY: jiff::civil::Date = jiff::civil::date(2024, 11, 20);

fn sid(i: usize) -> Id {
    Id(format!("s{:02}", i + 1))
}

fn cid(i: usize) -> Id {
    Id(format!("c{:03}", i % 6 + 1))
}

/// One copy: opened from the emailed file (None) or from the bytes copy
/// `n` of the same school saved; then edits (criterion, Some(points) or
/// None to delete, into another school's part?).
#[derive(Debug, Clone)]
struct Copy {
    school: usize,
    from: Option<usize>,
    edits: Vec<(usize, Option<i64>, bool)>,
}

fn copies() -> impl Strategy<Value = Vec<Copy>> {
    prop::collection::vec(
        (
            0usize..2,
            prop::option::of(0usize..3),
            prop::collection::vec(
                (
                    0usize..6,
                    prop::option::of(0i64..2000),
                    prop::bool::weighted(0.15),
                ),
                0..5,
            ),
        )
            .prop_map(|(school, from, edits)| Copy {
                school,
                from,
                edits,
            }),
        2..7,
    )
}

fn master() -> Workbook {
    let mut wb = synthetic::workbook(4, 6, 2);
    exchange::stamp(&mut wb, &Owner::Cluster);
    exchange::mail_out(&mut wb).unwrap();
    workbook::load_bytes(&workbook::to_bytes(&wb))
        .unwrap()
        .workbook
}

fn emailed(master: &Workbook, school: usize) -> Vec<u8> {
    let mut m = master.clone();
    let (copies, _) = exchange::mail_out(&mut m).unwrap();
    workbook::to_bytes(
        &copies
            .into_iter()
            .find(|(id, _)| id == &sid(school))
            .unwrap()
            .1,
    )
}

/// Makes the copies; each is saved (signed) as its school.
fn saved(master: &Workbook, plan: &[Copy]) -> Vec<(usize, Vec<u8>)> {
    let mut out: Vec<(usize, Vec<u8>)> = Vec::new();
    for c in plan {
        let base = c
            .from
            .and_then(|n| out.iter().filter(|(s, _)| *s == c.school).nth(n))
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| emailed(master, c.school));
        let mut wb = workbook::load_bytes(&base).unwrap().workbook;
        let me = Owner::School(sid(c.school));
        let key = wb.replica_key(&me);
        for &(crit, value, elsewhere) in &c.edits {
            let target = if elsewhere {
                sid((c.school + 1) % 4)
            } else {
                sid(c.school)
            };
            let scores = &mut wb.assessment_mut(&target).self_scores;
            match value {
                Some(v) => {
                    let s = scores.entry(cid(crit)).or_default();
                    s.points = Points(v);
                    s.rev.bump_as(&key);
                }
                None => {
                    scores.remove(&cid(crit));
                }
            }
        }
        exchange::stamp(&mut wb, &me);
        out.push((c.school, workbook::to_bytes(&wb)));
    }
    out
}

fn others(wb: &Workbook, school: &Id) -> Workbook {
    let mut wb = wb.clone();
    wb.provenance = Default::default();
    for a in &mut wb.assessments {
        if &a.school == school {
            a.self_scores.clear();
        }
    }
    wb
}

fn problems(wb: &Workbook) -> HashSet<String> {
    workbook::validate(wb)
        .into_iter()
        .map(|p| p.message())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn several_copies_per_school_merge_without_loss_or_trespass(
        plan in copies(), order in prop::collection::vec(any::<u8>(), 6)
    ) {
        let mut m = master();
        let mut files = saved(&m, &plan);
        // Any order of arrival.
        for (i, k) in order.iter().enumerate() {
            let n = files.len();
            if n > 1 {
                files.swap(i % n, *k as usize % n);
            }
        }
        for (school, bytes) in &files {
            let id = sid(*school);
            let Ok(review) = exchange::review_bytes(&m, bytes, "tep.json") else {
                continue; // the same file again
            };
            let theirs = workbook::load_bytes(bytes).unwrap().workbook;
            let before = m.clone();
            exchange::apply_on(&mut m, &review, &Decisions::new(), DAY);
            // Nothing the school does not own changed.
            prop_assert_eq!(others(&m, &id), others(&before, &id));
            // Nothing deleted that the copy never saw.
            let mut seen = theirs.provenance.seen.clone();
            for s in theirs.assessment(&id).into_iter().flat_map(|a| a.self_scores.values()) {
                seen.absorb(&s.rev);
            }
            let had = before.assessment(&id).map(|a| a.self_scores.clone()).unwrap_or_default();
            let has = m.assessment(&id).map(|a| a.self_scores.clone()).unwrap_or_default();
            for (c, s) in &had {
                if !has.contains_key(c) {
                    prop_assert!(seen.includes(&s.rev), "{} deleted unseen", c);
                }
            }
            // Every divergence is merged or listed.
            let listed: HashSet<String> = review.changes.iter().map(|c| c.key.to_string()).collect();
            for (c, s) in theirs.assessment(&id).into_iter().flat_map(|a| a.self_scores.iter()) {
                let record = exchange::RecordKey::SelfScore(id.clone(), c.clone());
                // Older than what the master holds, or than its deletion
                // (a deletion is a version too: it stands).
                let older = had.get(c).is_some_and(|h| h.rev.includes(&s.rev))
                    || before.deletion(&record).is_some_and(|d| d.rev.includes(&s.rev));
                let merged = has.get(c).is_some_and(|h| h.points == s.points);
                let key = format!("self_score/{id}/{c}");
                prop_assert!(older || merged || listed.contains(&key), "{} diverged unlisted", key);
            }
            // No problem added.
            let added: Vec<String> = problems(&m).difference(&problems(&before)).cloned().collect();
            prop_assert!(added.is_empty(), "{:?}", added);
        }
    }
}
