//! Property: whatever `check` accepts, the rules and every document handle
//! without panic, and every total stays inside
//! [−deduction cap, scale + bonus cap]. Workbooks are built with values at
//! the edges of every numeric field.

mod support;

use proptest::prelude::*;
use support::sample;
use thidua::document::docs;
use thidua::rules;
use thidua::workbook::*;

const POINT_EDGES: [i64; 11] = [
    i64::MIN,
    -1,
    0,
    1,
    99,
    100_000,
    100_001,
    i64::MAX / 2,
    i64::MAX - 1,
    i64::MAX,
    2_000,
];
const COUNT_EDGES: [u32; 7] = [0, 1, 6, 7, 10_000, 10_001, u32::MAX];
const YEAR_EDGES: [i16; 8] = [i16::MIN, -9999, 1899, 1900, 2019, 2200, 2201, i16::MAX];

fn points() -> impl Strategy<Value = Points> {
    prop_oneof![
        proptest::sample::select(&POINT_EDGES[..]).prop_map(Points),
        (0i64..2_000).prop_map(Points),
    ]
}

fn count() -> impl Strategy<Value = u32> {
    prop_oneof![proptest::sample::select(&COUNT_EDGES[..]), 0u32..10]
}

#[derive(Debug, Clone)]
enum Change {
    Year(i16),
    LeafMax(usize, Points),
    SelfScore(usize, usize, Points),
    ClusterScore(usize, usize, Points),
    Adjustment(usize, bool, Points),
    BonusCap(Points),
    DeductionCap(Points),
    BandMin(usize, Points),
    Ballot(usize, [u32; 4]),
    Votes(usize, usize, u32),
    Quota(usize, u32),
    Present(usize, bool),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        proptest::sample::select(&YEAR_EDGES[..]).prop_map(Change::Year),
        (0usize..19, points()).prop_map(|(i, p)| Change::LeafMax(i, p)),
        (0usize..7, 0usize..19, points()).prop_map(|(s, c, p)| Change::SelfScore(s, c, p)),
        (0usize..7, 0usize..19, points()).prop_map(|(s, c, p)| Change::ClusterScore(s, c, p)),
        (0usize..7, any::<bool>(), points()).prop_map(|(s, b, p)| Change::Adjustment(s, b, p)),
        points().prop_map(Change::BonusCap),
        points().prop_map(Change::DeductionCap),
        (0usize..4, points()).prop_map(|(i, p)| Change::BandMin(i, p)),
        (0usize..2, [count(), count(), count(), count()]).prop_map(|(b, c)| Change::Ballot(b, c)),
        (0usize..2, 0usize..2, count()).prop_map(|(b, v, n)| Change::Votes(b, v, n)),
        (0usize..2, count()).prop_map(|(a, n)| Change::Quota(a, n)),
        (0usize..7, any::<bool>()).prop_map(|(s, p)| Change::Present(s, p)),
    ]
}

fn apply(wb: &mut Workbook, change: &Change) {
    let leaves: Vec<Id> = wb.leaf_criteria().iter().map(|c| c.id.clone()).collect();
    match change {
        Change::Year(y) => wb.year = *y,
        Change::LeafMax(i, p) => {
            fn set(nodes: &mut [Criterion], id: &Id, p: Points) {
                for c in nodes {
                    if &c.id == id {
                        c.max = Some(p);
                    }
                    set(&mut c.children, id, p);
                }
            }
            set(&mut wb.criteria, &leaves[i % leaves.len()], *p);
        }
        Change::SelfScore(s, c, p) | Change::ClusterScore(s, c, p) => {
            let school = wb.members[s % wb.members.len()].id.clone();
            let id = leaves[c % leaves.len()].clone();
            let a = wb.assessment_mut(&school);
            let map = if matches!(change, Change::SelfScore(..)) {
                &mut a.self_scores
            } else {
                &mut a.cluster_scores
            };
            map.entry(id).or_default().points = *p;
        }
        Change::Adjustment(s, bonus, p) => {
            let school = wb.members[s % wb.members.len()].id.clone();
            let n = wb
                .assessments
                .iter()
                .map(|a| a.adjustments.len())
                .sum::<usize>();
            wb.assessment_mut(&school).adjustments.push(Adjustment {
                id: Id::new(format!("cluster-edge{n}")),
                owner: Owner::Cluster,
                kind: if *bonus {
                    AdjustmentKind::Bonus
                } else {
                    AdjustmentKind::Deduction
                },
                points: *p,
                reason: "Biên".into(),
                accepted: None,
                evidence: Vec::new(),
                rev: Rev::default(),
            });
        }
        Change::BonusCap(p) => wb.rules.bonus_cap = *p,
        Change::DeductionCap(p) => wb.rules.deduction_cap = *p,
        Change::BandMin(i, p) => {
            let n = wb.rules.bands.len();
            wb.rules.bands[i % n].min = *p;
        }
        Change::Ballot(b, [issued, returned, valid, invalid]) => {
            let n = wb.conference.ballots.len();
            let ballot = &mut wb.conference.ballots[b % n];
            ballot.issued = *issued;
            ballot.returned = *returned;
            ballot.valid = *valid;
            ballot.invalid = *invalid;
        }
        Change::Votes(b, v, votes) => {
            let n = wb.conference.ballots.len();
            let ballot = &mut wb.conference.ballots[b % n];
            let at = v % ballot.votes.len().max(1);
            if let Some(c) = ballot.votes.get_mut(at) {
                c.votes = *votes;
            }
        }
        Change::Quota(a, q) => {
            let n = wb.rules.awards.len();
            wb.rules.awards[a % n].quota = Quota::Count(*q);
        }
        Change::Present(s, p) => {
            let n = wb.conference.attendance.len();
            wb.conference.attendance[s % n].present = *p;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn what_check_accepts_is_computed_and_printed_within_bounds(
        changes in proptest::collection::vec(change(), 1..5)
    ) {
        let mut wb = sample::build();
        for c in &changes {
            apply(&mut wb, c);
        }
        let problems = validate(&wb);
        let scores_sound = problems
            .iter()
            .all(|p| !matches!(p.scope, Scope::File | Scope::Scores));
        if !scores_sound {
            return Ok(());
        }
        let r = rules::evaluate(&wb);
        let low = -wb.rules.deduction_cap;
        let high = wb.max_total() + wb.rules.bonus_cap;
        for s in &r.schools {
            prop_assert!(
                s.totals.final_score >= low && s.totals.final_score <= high,
                "{:?} outside [{low}, {high}]", s.totals.final_score
            );
        }
        let _ = thidua::cli::results_report(&wb);
        for kind in docs::ALL {
            if problems.iter().any(|p| docs::needs(kind, &p.scope)) {
                continue;
            }
            // Refusing for missing data is fine; panicking is not.
            let _ = docs::build(&wb, kind);
        }
        // Whatever is accepted also saves and loads back the same.
        let bytes = thidua::workbook::to_bytes(&wb);
        let loaded = thidua::workbook::load_bytes(&bytes).expect("loads");
        prop_assert_eq!(loaded.workbook, wb);
    }
}
