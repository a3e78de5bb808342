//! Content checks. A workbook that parses may still be wrong (a hand edit, a
//! merge gone astray): every problem is listed, not just the first, so the
//! clerk can fix them all in one go.
//!
//! Every problem has a [`Scope`]: the part of the year it makes wrong. A
//! command refuses only for the scopes it computes from, so a ballot typed
//! halfway at the conference never blocks the score sheet, while the
//! proposal letter built on that ballot refuses.
//!
//! Every number has a documented range (see the constants), so the totals
//! of any workbook this accepts fit comfortably in the arithmetic.

use super::Workbook;
use super::model::*;
use super::points::Points;
use std::collections::{HashMap, HashSet};

mod lengths;
pub use lengths::{Count, Counted, counts};
mod names;
mod problem;
use crate::workbook::edit::scores::Side;
pub use problem::*;

/// Years a workbook may be for (see `crate::limits`).
pub use crate::limits::YEARS;
/// The largest maximum of one leaf criterion, in hundredths (see
/// `crate::limits::MAX_LEAF_POINTS`).
pub const MAX_LEAF: Points = Points::whole(crate::limits::MAX_LEAF_POINTS);
/// The largest bonus or deduction item, in hundredths.
pub const MAX_ADJUSTMENT: Points = Points::whole(crate::limits::MAX_ADJUSTMENT_POINTS);

/// The part of the year a problem makes wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Members, roles, rules, the criteria table, activities, documents:
    /// everything every command relies on.
    File,
    /// Scores, bonus and deduction items: totals, ranking and ratings.
    Scores,
    /// Who took part in an activity and who won what: a person or prize
    /// with no school is credited to none (the report's counts per school
    /// miss it). No command computes from it, so none refuses for it;
    /// `check` and the window list it, and the activity's form shows it.
    Activities,
    /// The conference record every ballot counts on (attendance).
    Conference,
    /// The ballot of one award (its id): the proposals for that award.
    Ballot(Id),
    /// Next year's leader and deputies, and the file made from them.
    Election,
}

impl Scope {
    /// Any ballot, or the conference record ballots count on.
    pub fn is_ballot(&self) -> bool {
        matches!(self, Scope::Ballot(_) | Scope::Conference)
    }
}

/// One thing wrong in a workbook's content: what (with the records it
/// concerns) and the part of the year it makes wrong. Its words are its
/// `Display` (see [`ProblemKind`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    pub kind: ProblemKind,
    /// What the problem makes wrong.
    pub scope: Scope,
}

impl Problem {
    /// A stable code, for tests and logs.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The Vietnamese sentence naming the record.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.kind.fmt(f)
    }
}

/// The problems of the given scopes.
pub fn in_scopes<'a>(
    problems: &'a [Problem],
    wanted: impl Fn(&Scope) -> bool + 'a,
) -> impl Iterator<Item = &'a Problem> + 'a {
    problems.iter().filter(move |p| wanted(&p.scope))
}

struct Checker<'a> {
    wb: &'a Workbook,
    /// The scope of the problems pushed now.
    scope: Scope,
    schools: HashSet<&'a str>,
    leaves: HashMap<&'a str, &'a Criterion>,
    all_criteria: HashSet<&'a str>,
    problems: Vec<Problem>,
    /// Only the records of this part (None: every part).
    part: Option<RecordPart>,
}

/// The part of a workbook a record sits in: a merge checks one returned
/// record at a time in a skeleton of the master whose other parts do not
/// change, so only that part needs checking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordPart {
    Members,
    Activities,
    Assessments,
}

impl Checker<'_> {
    fn wants(&self, part: RecordPart) -> bool {
        self.part.is_none_or(|p| p == part)
    }
}

impl Checker<'_> {
    fn push(&mut self, kind: ProblemKind) {
        self.problems.push(Problem {
            kind,
            scope: self.scope.clone(),
        });
    }

    fn school_ref(&mut self, id: &Id, at: impl FnOnce() -> SchoolRef) {
        if !self.schools.contains(id.as_str()) {
            self.push(ProblemKind::UnknownSchool {
                school: id.clone(),
                at: at(),
            });
        }
    }

    fn duplicates<'b>(&mut self, ids: impl Iterator<Item = &'b Id>, of: IdOf) {
        let mut seen = HashSet::new();
        let mut reported = HashSet::new();
        for id in ids {
            if !seen.insert(id.as_str()) && reported.insert(id.as_str()) {
                self.push(ProblemKind::DuplicateId { of, id: id.clone() });
            }
        }
    }

    fn date_in_year(&mut self, date: Option<jiff::civil::Date>, of: impl FnOnce() -> DateOf) {
        // A year outside its range is reported once on its own; dates are
        // then not compared with it (nor built from it: jiff refuses years
        // beyond ±9999, and this must never panic).
        if !YEARS.contains(&self.wb.year) {
            return;
        }
        if let Some(d) = date {
            let y = self.wb.year;
            // The year's work runs from the Academy's December decision to
            // the next December's dossier: allow the neighbouring months.
            let first = jiff::civil::date(y - 1, 12, 1);
            let last = jiff::civil::date(y + 1, 1, 31);
            if d < first || d > last {
                self.push(ProblemKind::DateOutsideYear {
                    of: of(),
                    date: d,
                    year: y,
                });
            }
        }
    }
}

/// Lists every content problem of a workbook; empty when it is valid.
pub fn validate(wb: &Workbook) -> Vec<Problem> {
    validate_parts(wb, true, None)
}

/// The problems of the records a school may send (assessments, activities,
/// names) only: what a merge checks a returned record with, the rest of
/// the skeleton being the master's own (see `exchange::check`).
pub fn validate_records(wb: &Workbook) -> Vec<Problem> {
    validate_parts(wb, false, None)
}

/// [`validate_records`] of one part only (see [`RecordPart`]).
pub fn validate_record_part(wb: &Workbook, part: RecordPart) -> Vec<Problem> {
    validate_parts(wb, false, Some(part))
}

/// The problems of the rules alone (bands, awards, quotas, the ballot,
/// the tie-break order): what a change of the rules may not bring in —
/// `check` would refuse the workbook for them.
pub fn validate_rules(wb: &Workbook) -> Vec<Problem> {
    let mut ck = Checker::new(wb, None);
    check_rules(&mut ck);
    ck.problems
}

impl<'a> Checker<'a> {
    fn new(wb: &'a Workbook, part: Option<RecordPart>) -> Checker<'a> {
        let mut leaves = HashMap::new();
        let mut all_criteria = HashSet::new();
        fn walk<'a>(
            nodes: &'a [Criterion],
            leaves: &mut HashMap<&'a str, &'a Criterion>,
            all: &mut HashSet<&'a str>,
        ) {
            for c in nodes {
                all.insert(c.id.as_str());
                if c.is_leaf() {
                    leaves.insert(c.id.as_str(), c);
                }
                walk(&c.children, leaves, all);
            }
        }
        walk(&wb.criteria, &mut leaves, &mut all_criteria);
        Checker {
            wb,
            scope: Scope::File,
            schools: wb.members.iter().map(|s| s.id.as_str()).collect(),
            leaves,
            all_criteria,
            problems: Vec::new(),
            part,
        }
    }
}

fn validate_parts(wb: &Workbook, whole: bool, part: Option<RecordPart>) -> Vec<Problem> {
    let mut ck = Checker::new(wb, part);

    if !whole {
        if ck.wants(RecordPart::Activities) {
            check_activities(&mut ck);
        }
        names::check(&mut ck);
        lengths::check_records(&mut ck);
        ck.scope = Scope::Scores;
        if ck.wants(RecordPart::Assessments) {
            check_assessments(&mut ck);
        }
        return ck.problems;
    }
    if !YEARS.contains(&wb.year) {
        ck.push(ProblemKind::BadYear { year: wb.year });
    }
    check_members(&mut ck);
    check_roles(&mut ck);
    check_rules(&mut ck);
    check_criteria(&mut ck);
    check_activities(&mut ck);
    names::check(&mut ck);
    lengths::check_records(&mut ck);
    lengths::check_counts(&mut ck);
    lengths::check_cluster_parts(&mut ck);
    ck.scope = Scope::Scores;
    check_assessments(&mut ck);
    check_conference(&mut ck);
    ck.problems
}

fn check_members(ck: &mut Checker) {
    let wb = ck.wb;
    ck.duplicates(wb.members.iter().map(|s| &s.id), IdOf::School);
    for s in &wb.members {
        if s.id.as_str().trim().is_empty() {
            ck.push(ProblemKind::EmptyId {
                name: s.full_name.clone(),
            });
        }
        if s.id.as_str() == "cluster" {
            ck.push(ProblemKind::ReservedId);
        }
        if s.full_name.trim().is_empty() {
            ck.push(ProblemKind::EmptyName {
                school: s.id.clone(),
            });
        }
        if let Some(succ) = &s.successor {
            ck.school_ref(succ, || SchoolRef::Successor(s.short_name.clone()));
        }
        // A school continues earlier schools (merged into it): none of them
        // is itself, or still a member beside it.
        for earlier in &s.continues {
            let member = wb.current_members().any(|m| &m.id == earlier);
            if earlier == &s.id || member {
                ck.push(ProblemKind::ContinuesMember {
                    school: s.short_name.clone(),
                    earlier: earlier.clone(),
                    itself: earlier == &s.id,
                });
            }
        }
        ck.duplicates(s.continues.iter(), IdOf::ContinuedSchool);
        // A school that is still a member, ranked this year, has not gone
        // anywhere: a successor would show it as merged in the history.
        if let Some(succ) = &s.successor
            && s.left.is_none()
        {
            ck.push(ProblemKind::SuccessorOfMember {
                school: s.short_name.clone(),
                successor: succ.clone(),
            });
        }
    }
    check_mergers(ck);
    // One school under two ids would vote, score and be proposed twice.
    let mut by_name: HashMap<String, &Id> = HashMap::new();
    for s in &wb.members {
        let key = crate::text::name_key(&s.full_name);
        if key.is_empty() {
            continue;
        }
        if let Some(first) = by_name.get(&key) {
            if *first != &s.id {
                ck.push(ProblemKind::SameSchoolTwice {
                    name: s.full_name.clone(),
                    first: (*first).clone(),
                    second: s.id.clone(),
                });
            }
        } else {
            by_name.insert(key, &s.id);
        }
    }
}

/// Who merged into whom, as this year's file records it (a school that
/// left names its successor; a school names those it continues), must not
/// go round in a circle: the history nests merged schools under their
/// successor, and a circle has no school to nest under. A school that is
/// its own successor is the shortest circle.
fn check_mergers(ck: &mut Checker) {
    let wb = ck.wb;
    let mut next: HashMap<&Id, Vec<&Id>> = HashMap::new();
    for s in &wb.members {
        if let Some(succ) = &s.successor {
            next.entry(&s.id).or_default().push(succ);
        }
        for earlier in &s.continues {
            next.entry(earlier).or_default().push(&s.id);
        }
    }
    // Depth first, each school visited once: 1 on the current path, 2 done.
    let mut state: HashMap<&Id, u8> = HashMap::new();
    let mut starts: Vec<&Id> = next.keys().copied().collect();
    starts.sort();
    for start in starts {
        if state.contains_key(start) {
            continue;
        }
        let mut path: Vec<(&Id, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some((node, i)) = path.last().copied() {
            let outs = next.get(node).map_or(&[][..], Vec::as_slice);
            let Some(&to) = outs.get(i) else {
                state.insert(node, 2);
                path.pop();
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            match state.get(to) {
                Some(1) => {
                    let at = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let names: Vec<String> = path[at..]
                        .iter()
                        .map(|(n, _)| wb.school_name(n))
                        .chain(std::iter::once(wb.school_name(to)))
                        .collect();
                    ck.push(ProblemKind::MergerCycle { names });
                    // One circle is enough to say; the rest of the graph
                    // is not walked again.
                    return;
                }
                Some(_) => {}
                None => {
                    state.insert(to, 1);
                    path.push((to, 0));
                }
            }
        }
    }
}

fn check_roles(ck: &mut Checker) {
    let roles = &ck.wb.roles;
    if let Some(l) = &roles.leader {
        if !ck.schools.contains(l.as_str()) {
            ck.push(ProblemKind::LeaderNotMember { leader: l.clone() });
        }
        if roles.deputies.contains(l) {
            ck.push(ProblemKind::LeaderIsDeputy { school: l.clone() });
        }
    }
    for d in &roles.deputies {
        ck.school_ref(d, || SchoolRef::Deputy);
    }
    ck.duplicates(roles.deputies.iter(), IdOf::Deputy);
    for r in &roles.rotation {
        ck.school_ref(r, || SchoolRef::Rotation);
    }
}

fn check_rules(ck: &mut Checker) {
    let rules = &ck.wb.rules;
    let bands: HashSet<&str> = rules.bands.iter().map(|b| b.id.as_str()).collect();
    ck.duplicates(rules.awards.iter().map(|a| &a.id), IdOf::Award);
    ck.duplicates(rules.bands.iter().map(|b| &b.id), IdOf::Band);
    ck.duplicates(rules.downgrades.iter().map(|d| &d.id), IdOf::Downgrade);
    if rules.bands.is_empty() {
        ck.push(ProblemKind::NoBands);
    }
    if rules.bands.windows(2).any(|w| w[0].min <= w[1].min) {
        ck.push(ProblemKind::BandsOrder);
    }
    for a in &rules.awards {
        if !bands.contains(a.min_band.as_str()) {
            ck.push(ProblemKind::AwardBand {
                award: a.short_name.clone(),
                band: a.min_band.clone(),
            });
        }
        if let Quota::Percent { percent, .. } = a.quota
            && percent > 100
        {
            ck.push(ProblemKind::BadQuota {
                award: a.short_name.clone(),
                percent,
            });
        }
    }
    for d in &rules.downgrades {
        if !bands.contains(d.max_band.as_str()) {
            ck.push(ProblemKind::DowngradeBand {
                reason: d.reason.clone(),
                band: d.max_band.clone(),
            });
        }
    }
    if let Some(b) = &rules.no_self_assessment_band
        && !bands.contains(b.as_str())
    {
        ck.push(ProblemKind::NoSelfAssessmentBand { band: b.clone() });
    }
    // The general ballot rule, and each award's own where it has one.
    let own_rules = rules
        .awards
        .iter()
        .filter_map(|a| a.ballot.as_ref().map(|b| (Some(a.short_name.clone()), b)));
    for (award, ballot) in std::iter::once((None, &rules.ballot)).chain(own_rules) {
        for (rule, ratio) in [
            (RatioRule::Threshold, ballot.threshold),
            (RatioRule::Quorum, ballot.quorum),
        ] {
            if ratio.den == 0 || ratio.num > ratio.den {
                ck.push(ProblemKind::BadRatio {
                    rule,
                    ratio,
                    award: award.clone(),
                });
            }
        }
    }
    for tb in &rules.tie_break {
        match tb {
            TieBreak::Section(id) if !ck.all_criteria.contains(id.as_str()) => {
                ck.push(ProblemKind::TieBreakSection {
                    section: id.clone(),
                });
            }
            TieBreak::BallotVotes(award) if ck.wb.award(award).is_none() => {
                ck.push(ProblemKind::TieBreakAward {
                    award: award.clone(),
                });
            }
            _ => {}
        }
    }
    let scale = ck.wb.max_total();
    for (kind, cap) in [
        (AdjustmentKind::Bonus, rules.bonus_cap),
        (AdjustmentKind::Deduction, rules.deduction_cap),
    ] {
        if cap.hundredths() < 0 {
            ck.push(ProblemKind::NegativeCap { kind, cap });
        } else if cap > scale {
            ck.push(ProblemKind::CapAboveScale { kind, cap, scale });
        }
    }
    let highest = scale + rules.bonus_cap.max(Points::ZERO);
    for b in &rules.bands {
        if b.min.hundredths() < 0 || b.min > highest {
            ck.push(ProblemKind::BadBandMin {
                band: b.name.clone(),
                min: b.min,
                highest,
            });
        }
    }
}

fn check_criteria(ck: &mut Checker) {
    fn ids<'a>(nodes: &'a [Criterion], out: &mut Vec<&'a Id>) {
        for c in nodes {
            out.push(&c.id);
            ids(&c.children, out);
        }
    }
    let mut all = Vec::new();
    ids(&ck.wb.criteria, &mut all);
    ck.duplicates(all.into_iter(), IdOf::Criterion);
    fn check(ck: &mut Checker, nodes: &[Criterion]) {
        for c in nodes {
            if c.is_leaf() {
                match c.max {
                    None => ck.push(ProblemKind::MissingMax {
                        code: c.code.clone(),
                        title: c.title.clone(),
                    }),
                    Some(m) if m.hundredths() <= 0 || m > MAX_LEAF => {
                        ck.push(ProblemKind::BadMax {
                            code: c.code.clone(),
                            title: c.title.clone(),
                            max: m,
                        })
                    }
                    _ => {}
                }
            } else if c.max.is_some_and(|m| m != c.max_points()) {
                ck.push(ProblemKind::ParentMax {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    max: c.max.unwrap_or_default(),
                    children: c.max_points(),
                });
            }
            check(ck, &c.children);
        }
    }
    let criteria = &ck.wb.criteria;
    check(ck, criteria);
}

fn check_assessments(ck: &mut Checker) {
    let wb = ck.wb;
    ck.duplicates(wb.assessments.iter().map(|a| &a.school), IdOf::Assessment);
    ck.duplicates(
        wb.assessments
            .iter()
            .flat_map(|a| a.adjustments.iter().map(|x| &x.id)),
        IdOf::Adjustment,
    );
    let downgrades: HashSet<&str> = wb.rules.downgrades.iter().map(|d| d.id.as_str()).collect();
    let awards: HashSet<&str> = wb.rules.awards.iter().map(|d| d.id.as_str()).collect();
    for a in &wb.assessments {
        let name = wb.school_name(&a.school);
        ck.school_ref(&a.school, || SchoolRef::Assessment);
        for (side, scores) in [
            (Side::Own, &a.self_scores),
            (Side::Cluster, &a.cluster_scores),
        ] {
            for (cid, score) in scores {
                match ck.leaves.get(cid.as_str()) {
                    None => ck.push(ProblemKind::UnknownCriterion {
                        school: name.clone(),
                        side,
                        criterion: cid.clone(),
                    }),
                    Some(c) => {
                        let max = c.max.unwrap_or_default();
                        let range =
                            crate::limits::score_range(score.points.hundredths(), max.hundredths());
                        if range == crate::limits::ScoreRange::Negative {
                            ck.push(ProblemKind::NegativeScore {
                                school: name.clone(),
                                side,
                                criterion: c.id.clone(),
                                points: score.points,
                            });
                        } else if range == crate::limits::ScoreRange::AboveMax {
                            ck.push(ProblemKind::ScoreAboveMax {
                                school: name.clone(),
                                side,
                                criterion: c.id.clone(),
                                points: score.points,
                                max,
                            });
                        }
                    }
                }
            }
        }
        for adj in &a.adjustments {
            if adj.points.hundredths() <= 0 || adj.points > MAX_ADJUSTMENT {
                ck.push(ProblemKind::BadAdjustment {
                    school: name.clone(),
                    reason: adj.reason.clone(),
                    points: adj.points,
                });
            }
            if let Some(ok) = adj.accepted
                && (ok.hundredths() < 0 || ok > adj.points)
            {
                ck.push(ProblemKind::BadAccepted {
                    school: name.clone(),
                    reason: adj.reason.clone(),
                    accepted: ok,
                    points: adj.points,
                });
            }
            // Who may hold what inside a school's assessment: a deduction
            // is the cluster's judgement; a bonus is the school's own claim
            // or the cluster's. Another school's item would let one member
            // lower another's total.
            let allowed = match (&adj.kind, &adj.owner) {
                (_, Owner::Cluster) => true,
                (AdjustmentKind::Bonus, Owner::School(s)) => s == &a.school,
                (AdjustmentKind::Deduction, Owner::School(_)) => false,
            };
            if !allowed {
                let whose = wb.school_name(match &adj.owner {
                    Owner::School(s) => s,
                    Owner::Cluster => &a.school,
                });
                ck.push(ProblemKind::ForeignAdjustment {
                    school: name.clone(),
                    kind: adj.kind,
                    reason: adj.reason.clone(),
                    whose,
                });
            }
        }
        for d in &a.discipline.downgrades {
            if !downgrades.contains(d.as_str()) {
                ck.push(ProblemKind::UnknownDowngrade {
                    school: name.clone(),
                    downgrade: d.clone(),
                });
            }
        }
        if let Some(aw) = &a.registration.award
            && !awards.contains(aw.as_str())
        {
            ck.push(ProblemKind::UnknownRegisteredAward {
                school: name.clone(),
                award: aw.clone(),
            });
        }
        ck.date_in_year(a.registration.date, || DateOf::Registration(name));
    }
}

fn check_activities(ck: &mut Checker) {
    let wb = ck.wb;
    ck.duplicates(wb.activities.iter().map(|a| &a.id), IdOf::Activity);
    for act in &wb.activities {
        let at = |role| move || SchoolRef::Activity(act.title.clone(), role);
        if act.title.trim().is_empty() {
            ck.push(ProblemKind::EmptyTitle {
                activity: act.id.clone(),
            });
        }
        if let Owner::School(s) = &act.owner {
            ck.school_ref(s, at(ActivityRole::Owner));
        }
        if let Some(h) = &act.host {
            ck.school_ref(h, at(ActivityRole::Host));
        }
        for p in &act.participants {
            ck.school_ref(p, at(ActivityRole::Participant));
        }
        for p in act.people.iter().filter_map(|p| p.school.as_ref()) {
            ck.school_ref(p, at(ActivityRole::Person));
        }
        for p in act.results.iter().filter_map(|p| p.school.as_ref()) {
            ck.school_ref(p, at(ActivityRole::Result));
        }
        // Stored with no school (typed loosely in an earlier version,
        // "Lê Văn X - Binh Thuan"): no school is credited with it.
        let saved = std::mem::replace(&mut ck.scope, Scope::Activities);
        for p in act.people.iter().filter(|p| p.school.is_none()) {
            ck.push(ProblemKind::PersonWithoutSchool {
                activity: act.title.clone(),
                person: p.name.clone(),
            });
        }
        for r in act.results.iter().filter(|r| r.school.is_none()) {
            let who = [r.prize.as_str(), r.person.as_str()]
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" – ");
            ck.push(ProblemKind::PrizeWithoutSchool {
                activity: act.title.clone(),
                prize: who,
            });
        }
        ck.scope = saved;
        let of = || DateOf::Activity(act.title.clone());
        ck.date_in_year(Some(act.start), of);
        ck.date_in_year(act.end, of);
        if act.end.is_some_and(|e| e < act.start) {
            ck.push(ProblemKind::ActivityEndBeforeStart {
                activity: act.title.clone(),
            });
        }
    }
}

fn check_conference(ck: &mut Checker) {
    let wb = ck.wb;
    let conf = &wb.conference;
    ck.date_in_year(conf.date, || DateOf::Conference);
    if let (Some(s), Some(e)) = (conf.start, conf.end)
        && e < s
    {
        ck.push(ProblemKind::ConferenceEndBeforeStart);
    }
    ck.scope = Scope::Conference;
    ck.duplicates(conf.attendance.iter().map(|a| &a.school), IdOf::Attendance);
    for a in &conf.attendance {
        ck.school_ref(&a.school, || SchoolRef::Attendance);
    }
    ck.duplicates(conf.ballots.iter().map(|b| &b.id), IdOf::Ballot);
    let mut per_award: HashMap<&Id, usize> = HashMap::new();
    for b in &conf.ballots {
        *per_award.entry(&b.award).or_default() += 1;
    }
    for b in &conf.ballots {
        ck.scope = Scope::Ballot(b.award.clone());
        let award = wb
            .award(&b.award)
            .map_or_else(|| b.award.to_string(), |a| a.short_name.clone());
        if wb.award(&b.award).is_none() {
            ck.push(ProblemKind::BallotAward {
                ballot: b.id.clone(),
                award: b.award.clone(),
            });
        }
        if per_award.get(&b.award).copied().unwrap_or(0) > 1 {
            ck.push(ProblemKind::DuplicateBallot {
                award: award.clone(),
                count: per_award[&b.award],
                ballot: b.id.clone(),
            });
        }
        for v in &b.votes {
            ck.school_ref(&v.school, || SchoolRef::Ballot(award.clone()));
        }
        ck.duplicates(b.votes.iter().map(|v| &v.school), IdOf::Candidate);
        for w in &b.written_votes {
            ck.school_ref(&w.voter, || SchoolRef::WrittenVote);
            for c in &w.candidates {
                ck.school_ref(c, || SchoolRef::WrittenVote);
            }
        }
        for detail in super::ballot::inconsistencies(wb, b) {
            ck.push(ProblemKind::BallotInconsistent {
                award: award.clone(),
                detail,
            });
        }
    }
    ck.scope = Scope::File;
    for d in &conf.academy_decisions {
        ck.school_ref(&d.school, || SchoolRef::AcademyDecision);
        if wb.award(&d.award).is_none() {
            ck.push(ProblemKind::AcademyAward {
                award: d.award.clone(),
            });
        }
    }
    for t in &conf.tie_decisions {
        for s in &t.order {
            ck.school_ref(s, || SchoolRef::TieDecision);
        }
    }
    ck.date_in_year(conf.handover.date, || DateOf::Handover);
    check_election(ck);
}

/// Next year's leader and deputies: the roles of next year's file.
fn check_election(ck: &mut Checker) {
    let wb = ck.wb;
    let election = &wb.conference.election;
    ck.scope = Scope::Election;
    let leaving = |id: &Id| wb.school(id).is_some_and(|s| s.left.is_some());
    if let Some(l) = &election.leader {
        ck.school_ref(l, || SchoolRef::NextLeader);
        if election.deputies.contains(l) {
            ck.push(ProblemKind::NextLeaderIsDeputy {
                school: wb.school_name(l),
            });
        }
        if leaving(l) {
            ck.push(ProblemKind::ElectedLeft {
                role: NextRole::Leader,
                school: wb.school_name(l),
            });
        }
    }
    for d in &election.deputies {
        ck.school_ref(d, || SchoolRef::NextDeputy);
        if leaving(d) {
            ck.push(ProblemKind::ElectedLeft {
                role: NextRole::Deputy,
                school: wb.school_name(d),
            });
        }
    }
    ck.duplicates(election.deputies.iter(), IdOf::NextDeputy);
    let present = super::ballot::schools_present(wb);
    if let Some(agreed) = election.agreed
        && agreed > present
    {
        ck.push(ProblemKind::TooManyAgreed { agreed, present });
    }
    if wb.year >= *YEARS.end() && (election.leader.is_some() || !election.deputies.is_empty()) {
        ck.push(ProblemKind::LastYear { year: wb.year });
    }
    ck.scope = Scope::File;
}
