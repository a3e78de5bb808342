//! The rules engine against hand-worked examples. Each test builds a small
//! workbook whose numbers can be checked by hand.

mod support;

use thidua::rules::{self, Outcome, rollover};
use thidua::workbook::*;

/// Criteria: section A (a1: 40, a2: 10) and section B (b1: 50) = 100 points.
fn table() -> Vec<Criterion> {
    let leaf = |id: &str, max: i64| Criterion {
        id: Id::new(id),
        code: id.into(),
        title: format!("Tiêu chí {id}"),
        max: Some(Points::whole(max)),
        ..Criterion::default()
    };
    vec![
        Criterion {
            id: Id::new("A"),
            code: "I".into(),
            title: "Mục A".into(),
            children: vec![leaf("a1", 40), leaf("a2", 10)],
            ..Criterion::default()
        },
        Criterion {
            id: Id::new("B"),
            code: "II".into(),
            title: "Mục B".into(),
            children: vec![leaf("b1", 50)],
            ..Criterion::default()
        },
    ]
}

/// A workbook with `n` schools s1..sn, all present at the conference, and
/// the default rules except the tie-break section, which is "A".
fn cluster(n: usize) -> Workbook {
    let mut wb = Workbook::new(
        Cluster {
            name: "Cụm thi đua số 3".into(),
            number: 3,
            number_code: "CTĐ3".into(),
            ..Cluster::default()
        },
        2024,
    );
    wb.criteria = table();
    for i in 1..=n {
        wb.members.push(School {
            id: Id(format!("s{i}")),
            full_name: format!("Trường Chính trị tỉnh Số {i}"),
            short_name: format!("Số {i}"),
            ..School::default()
        });
        wb.conference.attendance.push(Attendance {
            school: Id(format!("s{i}")),
            present: true,
            ..Attendance::default()
        });
    }
    wb.rules.tie_break = vec![
        TieBreak::BallotVotes(Id::new("co-thi-dua")),
        TieBreak::Section(Id::new("A")),
        TieBreak::FewerDeductions,
        TieBreak::ChairDecision,
    ];
    wb
}

fn id(s: &str) -> Id {
    Id::new(s)
}

/// Scores in whole points: (a1, a2, b1); cluster = self unless given.
fn score(wb: &mut Workbook, school: &str, [a1, a2, b1]: [i64; 3]) {
    let a = wb.assessment_mut(&id(school));
    for (c, p) in [("a1", a1), ("a2", a2), ("b1", b1)] {
        let s = Score {
            points: Points::whole(p),
            ..Score::default()
        };
        a.self_scores.insert(id(c), s.clone());
        a.cluster_scores.insert(id(c), s);
    }
}

fn adjust(wb: &mut Workbook, school: &str, kind: AdjustmentKind, points: i64) {
    let n = wb
        .assessment(&id(school))
        .map_or(0, |a| a.adjustments.len());
    wb.assessment_mut(&id(school)).adjustments.push(Adjustment {
        id: Id(format!("cluster-{school}-{n}")),
        owner: Owner::Cluster,
        kind,
        points: Points::whole(points),
        reason: "Lý do".into(),
        accepted: None,
        evidence: vec![],
        rev: Rev::default(),
    });
}

fn ballot(wb: &mut Workbook, award: &str, issued: u32, votes: &[(&str, u32)]) {
    wb.conference.ballots.push(Ballot {
        id: Id(format!("cluster-ballot-{award}")),
        award: id(award),
        issued,
        returned: issued,
        valid: issued,
        invalid: 0,
        votes: votes
            .iter()
            .map(|(s, v)| CandidateVotes {
                school: id(s),
                votes: *v,
            })
            .collect(),
        ..Ballot::default()
    });
}

fn order(r: &rules::Results) -> Vec<(String, u32)> {
    r.schools
        .iter()
        .map(|s| (s.totals.school.to_string(), s.rank))
        .collect()
}

fn problems_free(wb: &Workbook) {
    assert_eq!(validate(wb), vec![], "test workbook must be valid");
}

#[test]
fn caps_apply_and_a_total_may_exceed_the_base() {
    let mut wb = cluster(2);
    score(&mut wb, "s1", [40, 8, 50]); // 98
    adjust(&mut wb, "s1", AdjustmentKind::Bonus, 4);
    adjust(&mut wb, "s1", AdjustmentKind::Bonus, 3); // 7 claimed, cap 5
    score(&mut wb, "s2", [30, 10, 40]); // 80
    adjust(&mut wb, "s2", AdjustmentKind::Deduction, 6); // cap 5
    problems_free(&wb);
    let r = rules::evaluate(&wb);
    let s1 = &r.school(&id("s1")).unwrap().totals;
    assert_eq!(
        (s1.bonus_claimed, s1.bonus),
        (Points::whole(7), Points::whole(5))
    );
    assert_eq!(s1.final_score, Points::whole(103));
    let s2 = &r.school(&id("s2")).unwrap().totals;
    assert_eq!(s2.deduction, Points::whole(5));
    assert_eq!(s2.final_score, Points::whole(75));
}

#[test]
fn cluster_score_wins_and_self_score_stands_in_where_not_reviewed() {
    let mut wb = cluster(1);
    score(&mut wb, "s1", [40, 10, 50]);
    let a = wb.assessment_mut(&id("s1"));
    a.cluster_scores.insert(
        id("a1"),
        Score {
            points: Points(3650),
            ..Score::default()
        },
    );
    a.cluster_scores.remove(&id("b1"));
    let r = rules::evaluate(&wb);
    let t = &r.school(&id("s1")).unwrap().totals;
    assert_eq!(t.self_total, Points::whole(100));
    assert_eq!(t.cluster_total, Points(3650 + 1000 + 5000)); // 96,5
    assert_eq!(t.unreviewed().collect::<Vec<_>>(), vec![&id("b1")]);
    let a1 = t.criteria.iter().find(|c| c.criterion == id("a1")).unwrap();
    assert_eq!(a1.difference(), Some(Points(-350)));
    assert_eq!(t.node_total(&id("A")), Points(4650));
}

#[test]
fn tie_broken_by_ballot_votes() {
    let mut wb = cluster(3);
    score(&mut wb, "s1", [38, 10, 48]);
    score(&mut wb, "s2", [38, 10, 48]);
    score(&mut wb, "s3", [30, 10, 40]);
    ballot(&mut wb, "co-thi-dua", 3, &[("s1", 1), ("s2", 2)]);
    let r = rules::evaluate(&wb);
    assert_eq!(
        order(&r),
        vec![("s2".into(), 1), ("s1".into(), 2), ("s3".into(), 3)]
    );
    assert_eq!(
        r.schools[1].separated_by,
        Some(TieBreak::BallotVotes(id("co-thi-dua")))
    );
}

#[test]
fn tie_broken_by_section_score() {
    let mut wb = cluster(2);
    score(&mut wb, "s1", [36, 10, 50]); // 96, section A 46
    score(&mut wb, "s2", [38, 10, 48]); // 96, section A 48
    let r = rules::evaluate(&wb);
    assert_eq!(order(&r), vec![("s2".into(), 1), ("s1".into(), 2)]);
    assert_eq!(r.schools[1].separated_by, Some(TieBreak::Section(id("A"))));
}

#[test]
fn tie_broken_by_fewer_deductions() {
    let mut wb = cluster(2);
    score(&mut wb, "s1", [38, 10, 48]);
    adjust(&mut wb, "s1", AdjustmentKind::Bonus, 1);
    adjust(&mut wb, "s1", AdjustmentKind::Deduction, 1); // 96 + 1 − 1
    score(&mut wb, "s2", [38, 10, 48]); // 96
    let r = rules::evaluate(&wb);
    assert_eq!(order(&r), vec![("s2".into(), 1), ("s1".into(), 2)]);
    assert_eq!(r.schools[1].separated_by, Some(TieBreak::FewerDeductions));
}

#[test]
fn tie_broken_by_the_chairs_recorded_decision() {
    let mut wb = cluster(2);
    score(&mut wb, "s1", [38, 10, 48]);
    score(&mut wb, "s2", [38, 10, 48]);
    wb.conference.tie_decisions.push(TieDecision {
        order: vec![id("s2"), id("s1")],
        note: "Chủ trì quyết định".into(),
    });
    let r = rules::evaluate(&wb);
    assert_eq!(order(&r), vec![("s2".into(), 1), ("s1".into(), 2)]);
    assert_eq!(r.schools[1].separated_by, Some(TieBreak::ChairDecision));
}

#[test]
fn a_tie_the_chain_cannot_break_is_reported_as_a_tie() {
    let mut wb = cluster(3);
    score(&mut wb, "s1", [38, 10, 48]);
    score(&mut wb, "s2", [38, 10, 48]);
    score(&mut wb, "s3", [40, 10, 50]);
    let r = rules::evaluate(&wb);
    assert_eq!(
        order(&r),
        vec![("s3".into(), 1), ("s1".into(), 2), ("s2".into(), 2)]
    );
    assert_eq!(r.schools[1].tied_with, vec![id("s2")]);
    assert_eq!(r.schools[2].tied_with, vec![id("s1")]);
    assert!(r.schools[0].tied_with.is_empty());
}

#[test]
fn ratings_follow_bands_zero_rule_downgrades_and_missing_self_assessment() {
    let mut wb = cluster(5);
    score(&mut wb, "s1", [40, 6, 50]); // 96: excellent
    score(&mut wb, "s2", [40, 0, 50]); // 90 with a 0: not "tốt", falls to "hoàn thành"
    score(&mut wb, "s3", [40, 10, 47]); // 97 but reprimanded head: at best "tốt"
    wb.assessment_mut(&id("s3"))
        .discipline
        .downgrades
        .push(id("khien-trach"));
    score(&mut wb, "s4", [30, 5, 30]); // 65: not done
    // s5 never self-assessed, even if the cluster scored it.
    wb.assessment_mut(&id("s5")).cluster_scores.insert(
        id("a1"),
        Score {
            points: Points::whole(40),
            ..Score::default()
        },
    );
    problems_free(&wb);
    let r = rules::evaluate(&wb);
    let band = |s: &str| r.school(&id(s)).unwrap().rating.band_name.clone();
    assert_eq!(band("s1"), "Hoàn thành xuất sắc nhiệm vụ");
    assert_eq!(band("s2"), "Hoàn thành nhiệm vụ");
    assert!(r.school(&id("s2")).unwrap().rating.reasons[0].contains("0 điểm"));
    assert_eq!(band("s3"), "Hoàn thành tốt nhiệm vụ");
    assert!(r.school(&id("s3")).unwrap().rating.reasons[0].contains("khiển trách"));
    assert_eq!(band("s4"), "Không hoàn thành nhiệm vụ");
    assert_eq!(band("s5"), "Không hoàn thành nhiệm vụ");
}

/// Six members all present; one candidate with `votes` votes.
fn threshold_case(
    votes: u32,
    threshold: Ratio,
    comparison: Comparison,
    denominator: Denominator,
    present: usize,
) -> (bool, u64) {
    let mut wb = cluster(6);
    for (i, a) in wb.conference.attendance.iter_mut().enumerate() {
        a.present = i < present;
    }
    score(&mut wb, "s1", [40, 10, 50]);
    wb.rules.ballot.threshold = threshold;
    wb.rules.ballot.comparison = comparison;
    wb.rules.ballot.denominator = denominator;
    wb.rules.ballot.quorum = Ratio::new(1, 2);
    ballot(&mut wb, "co-thi-dua", present as u32, &[("s1", votes)]);
    let r = rules::evaluate(&wb);
    let b = r.ballots[0].as_ref().expect("consistent ballot");
    let c = &b.candidates[0];
    (c.threshold_met, c.percent_hundredths)
}

#[test]
fn threshold_exactly_at_the_boundary_with_each_comparison_and_denominator() {
    use Comparison::*;
    use Denominator::*;
    // 3 of 6 is exactly 50 %: "≥ 50%" passes, "> 50%" does not.
    assert_eq!(
        threshold_case(3, Ratio::percent(50), AtLeast, AllMembers, 6),
        (true, 5000)
    );
    assert!(!threshold_case(3, Ratio::percent(50), MoreThan, AllMembers, 6).0);
    // 4 of 6 is exactly 2/3: "≥ 2/3" passes, "> 2/3" does not, and 66,67 %
    // is more than 2/3, so "≥ 66,67%" fails — exact arithmetic, not floats.
    assert_eq!(
        threshold_case(4, Ratio::new(2, 3), AtLeast, AllMembers, 6),
        (true, 6667)
    );
    assert!(!threshold_case(4, Ratio::new(2, 3), MoreThan, AllMembers, 6).0);
    assert!(!threshold_case(4, Ratio::parse("66,67%").unwrap(), AtLeast, AllMembers, 6).0);
    // 3 votes with 4 present: 75 % of those present, 50 % of all members.
    assert_eq!(
        threshold_case(3, Ratio::percent(50), MoreThan, Present, 4),
        (true, 7500)
    );
    assert!(!threshold_case(3, Ratio::percent(50), MoreThan, AllMembers, 4).0);
    // 80 % of all members (the 2023–2025 national rule for flags): 5/6 passes, 4/6 not.
    assert!(threshold_case(5, Ratio::percent(80), AtLeast, AllMembers, 6).0);
    assert!(!threshold_case(4, Ratio::percent(80), AtLeast, AllMembers, 6).0);
}

#[test]
fn failed_quorum_means_no_proposal() {
    let mut wb = cluster(6);
    for (i, a) in wb.conference.attendance.iter_mut().enumerate() {
        a.present = i < 3; // 3 of 6 < 2/3
    }
    score(&mut wb, "s1", [40, 10, 50]);
    ballot(&mut wb, "co-thi-dua", 3, &[("s1", 3)]);
    let r = rules::evaluate(&wb);
    let b = r.ballots[0].as_ref().unwrap();
    assert!(!b.quorum_met);
    assert_eq!(b.quorum_needed, 4);
    assert!(!b.candidates[0].threshold_met);
    let flag = &r.awards[0];
    assert!(flag.proposed.is_empty());
    let Outcome::NotProposed(why) = &flag.schools[0].outcome else {
        panic!("proposed without quorum")
    };
    assert!(
        why.contains("Không đủ số đại biểu (có mặt 3/6, cần 4)"),
        "{why}"
    );
}

#[test]
fn percent_quota_rounds_as_configured_and_is_explained() {
    let mut award = thidua::workbook::defaults::rules().awards[1].clone();
    let (n, why) = rules::proposals::quota(&award, 7);
    assert_eq!(n, 1);
    assert_eq!(why, "20% của 7 trường = 1,4 → 1 (làm tròn xuống)");
    award.quota = Quota::Percent {
        percent: 20,
        rounding: Rounding::Up,
    };
    assert_eq!(rules::proposals::quota(&award, 7).0, 2);
    award.quota = Quota::Percent {
        percent: 30,
        rounding: Rounding::Nearest,
    };
    assert_eq!(rules::proposals::quota(&award, 5).0, 2); // 1,5 → 2
    assert_eq!(rules::proposals::quota(&award, 7).0, 2); // 2,1 → 2
}

#[test]
fn quota_limits_proposals_in_rank_order() {
    let mut wb = cluster(7);
    score(&mut wb, "s1", [40, 10, 50]); // 100
    score(&mut wb, "s2", [40, 9, 50]); // 99
    score(&mut wb, "s3", [40, 8, 50]); // 98
    score(&mut wb, "s4", [40, 7, 50]); // 97
    for s in ["s5", "s6", "s7"] {
        score(&mut wb, s, [30, 5, 40]);
    }
    ballot(&mut wb, "co-thi-dua", 7, &[("s1", 7)]);
    // One place, so 7 papers carry at most 7 marks: with a threshold of
    // "từ 40%" two schools can pass it.
    wb.rules.ballot.threshold = Ratio::percent(40);
    wb.rules.ballot.comparison = Comparison::AtLeast;
    ballot(&mut wb, "bang-khen", 7, &[("s2", 3), ("s3", 4), ("s4", 0)]);
    let r = rules::evaluate(&wb);
    let merit = &r.awards[1];
    assert_eq!(merit.quota, 1);
    assert_eq!(
        merit.proposed,
        vec![id("s2")],
        "best-ranked passing school, not the most votes"
    );
    let s3 = merit.schools.iter().find(|s| s.school == id("s3")).unwrap();
    assert!(matches!(&s3.outcome, Outcome::NotProposed(w) if w.starts_with("Đã đủ chỉ tiêu")));
}

#[test]
fn an_ineligible_top_scorer_leaves_the_flag_to_the_best_ranked_eligible_school() {
    let mut wb = cluster(4);
    score(&mut wb, "s1", [40, 10, 50]); // 100, but under inspection review
    wb.assessment_mut(&id("s1")).discipline.under_review = true;
    score(&mut wb, "s2", [40, 10, 49]); // 99 — not the cluster leader
    score(&mut wb, "s3", [40, 10, 48]);
    score(&mut wb, "s4", [30, 10, 40]);
    wb.roles.leader = Some(id("s3"));
    ballot(&mut wb, "co-thi-dua", 4, &[("s1", 1), ("s2", 3), ("s3", 0)]);
    let r = rules::evaluate(&wb);
    let flag = &r.awards[0];
    assert_eq!(flag.proposed, vec![id("s2")]);
    let s1 = &flag.schools[0];
    assert!(!s1.eligible);
    assert!(matches!(&s1.outcome, Outcome::NotProposed(w) if w.contains("kỷ luật")));
}

#[test]
fn an_inconsistent_ballot_is_an_error_not_a_result() {
    let mut wb = cluster(5);
    score(&mut wb, "s1", [40, 10, 50]);
    wb.conference.ballots.push(Ballot {
        id: id("cluster-ballot1"),
        award: id("co-thi-dua"),
        issued: 5,
        returned: 6,
        valid: 4,
        invalid: 1,
        votes: vec![CandidateVotes {
            school: id("s1"),
            votes: 5,
        }],
        ..Ballot::default()
    });
    let r = rules::evaluate(&wb);
    let err = r.ballots[0].as_ref().expect_err("inconsistent");
    assert_eq!(err.problems.len(), 4, "{:?}", err.problems);
    assert!(
        err.problems
            .iter()
            .any(|p| p.contains("nhiều hơn số phiếu hợp lệ × số trường được đề nghị (4 × 1 = 4)"))
    );
    assert!(
        err.problems
            .iter()
            .any(|p| p.contains("thu về (6) nhiều hơn số phiếu phát ra (5)"))
    );
    assert!(
        err.problems
            .iter()
            .any(|p| p.contains("khác số phiếu thu về"))
    );
    assert!(
        err.problems
            .iter()
            .any(|p| p.contains("nhiều hơn số phiếu hợp lệ"))
    );
    assert!(r.awards[0].proposed.is_empty());
}

#[test]
fn written_votes_of_absent_members_count_as_votes_not_presence() {
    let mut wb = cluster(6);
    wb.conference.attendance[5].present = false;
    score(&mut wb, "s1", [40, 10, 50]);
    ballot(&mut wb, "co-thi-dua", 5, &[("s1", 3)]);
    wb.conference.ballots[0].written_votes.push(WrittenVote {
        voter: id("s6"),
        candidates: vec![id("s1")],
    });
    let r = rules::evaluate(&wb);
    let b = r.ballots[0].as_ref().unwrap();
    assert_eq!(b.present, 5);
    assert_eq!(b.candidates[0].votes, 4);
    assert!(b.candidates[0].threshold_met); // 4/6 > 50 %
}

#[test]
fn the_sample_matches_what_the_seed_says_happened() {
    let wb = support::sample::load_sample().workbook;
    let r = rules::evaluate(&wb);
    let proposals: Vec<(String, String)> = r
        .proposals()
        .map(|(a, s)| (a.to_string(), s.to_string()))
        .collect();
    assert_eq!(
        proposals,
        vec![
            ("co-thi-dua".to_string(), "brvt".to_string()),
            ("bang-khen".to_string(), "ninh-thuan".to_string())
        ]
    );
    assert_eq!(r.schools[0].totals.final_score, Points(10_150));
    assert_eq!(r.election.leader, Some(id("ninh-thuan")));
    assert_eq!(r.election.suggested_leader, Some(id("ninh-thuan")));
    assert_eq!(
        r.election.deputies,
        vec![id("binh-thuan"), id("binh-duong")]
    );
    assert!(!r.election.differs_from_rotation);
}

#[test]
fn rollover_drops_a_school_that_left_and_keeps_the_one_it_merged_into() {
    let mut wb = support::sample::build();
    // From 1 July 2025-style mergers: Bình Phước merges into Đồng Nai.
    let bp = wb
        .members
        .iter_mut()
        .find(|s| s.id == id("binh-phuoc"))
        .unwrap();
    bp.left = Some(jiff::civil::date(2019, 7, 1));
    bp.successor = Some(id("dong-nai"));
    let dn = wb
        .members
        .iter_mut()
        .find(|s| s.id == id("dong-nai"))
        .unwrap();
    dn.full_name = "Trường Chính trị tỉnh Đồng Nai (mới)".into();
    let next = rollover::next_year(&wb, "cum8-2019.json").expect("a valid next year");
    assert_eq!(next.year, 2020);
    assert_eq!(next.members.len(), 6);
    assert!(next.school(&id("binh-phuoc")).is_none());
    assert_eq!(
        next.school(&id("dong-nai")).unwrap().full_name,
        "Trường Chính trị tỉnh Đồng Nai (mới)"
    );
    assert!(!next.roles.rotation.contains(&id("binh-phuoc")));
    assert_eq!(next.roles.leader, Some(id("ninh-thuan")));
    assert_eq!(
        next.roles.deputies,
        vec![id("binh-thuan"), id("binh-duong")]
    );
    assert_eq!(next.criteria, wb.criteria);
    assert_eq!(next.rules.awards, wb.rules.awards);
    assert!(
        next.assessments.is_empty()
            && next.activities.is_empty()
            && next.conference.ballots.is_empty()
    );
    assert_eq!(next.provenance.previous_year_file, "cum8-2019.json");
    assert_eq!(next.documents.place, "Ninh Thuận");
    assert_eq!(validate(&next), vec![]);
    // The left school's rotation turn is skipped when suggesting.
    let r = rules::evaluate(&wb);
    assert_eq!(r.schools.len(), 6, "a school that left is not ranked");
}

#[test]
fn rotation_suggests_the_school_after_this_years_leader() {
    let mut wb = cluster(4);
    wb.roles.rotation = vec![id("s1"), id("s2"), id("s3"), id("s4")];
    wb.roles.leader = Some(id("s4"));
    wb.roles.deputies = vec![id("s1")];
    wb.conference.election.leader = Some(id("s3"));
    let e = rules::evaluate(&wb).election;
    assert_eq!(e.suggested_leader, Some(id("s1")), "wraps around");
    assert_eq!(e.suggested_deputies, vec![id("s2")]);
    assert!(e.differs_from_rotation);
}
