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

/// One thing wrong in a workbook's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable code, for tests.
    pub code: &'static str,
    /// What the problem makes wrong.
    pub scope: Scope,
    /// Vietnamese message naming the record.
    pub message: String,
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
    fn push(&mut self, code: &'static str, message: String) {
        self.problems.push(Problem {
            code,
            scope: self.scope.clone(),
            message,
        });
    }

    fn school_ref(&mut self, id: &Id, place: impl FnOnce() -> String) {
        if !self.schools.contains(id.as_str()) {
            self.push(
                "unknown_school",
                format!(
                    "{}: trường \u{201c}{}\u{201d} không có trong danh sách thành viên.",
                    place(),
                    crate::text::visible(id.as_str())
                ),
            );
        }
    }

    fn duplicates<'b>(&mut self, ids: impl Iterator<Item = &'b Id>, what: &str) {
        let mut seen = HashSet::new();
        let mut reported = HashSet::new();
        for id in ids {
            if !seen.insert(id.as_str()) && reported.insert(id.as_str()) {
                self.push(
                    "duplicate_id",
                    format!(
                        "Mã {what} \u{201c}{}\u{201d} bị trùng.",
                        crate::text::visible(id.as_str())
                    ),
                );
            }
        }
    }

    fn date_in_year(&mut self, date: Option<jiff::civil::Date>, place: impl FnOnce() -> String) {
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
                self.push(
                    "date_outside_year",
                    format!(
                        "{}: ngày {} nằm ngoài năm {y} của sổ.",
                        place(),
                        crate::text::format_date(d)
                    ),
                );
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
        ck.push(
            "bad_year",
            format!(
                "Năm {} không hợp lệ (sổ thi đua lập cho các năm từ {} đến {}).",
                wb.year,
                YEARS.start(),
                YEARS.end()
            ),
        );
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
    ck.duplicates(wb.members.iter().map(|s| &s.id), "trường");
    for s in &wb.members {
        if s.id.as_str().trim().is_empty() {
            ck.push(
                "empty_id",
                format!("Trường \u{201c}{}\u{201d} chưa có mã.", s.full_name),
            );
        }
        if s.id.as_str() == "cluster" {
            ck.push(
                "reserved_id",
                "Mã trường \u{201c}cluster\u{201d} được dành cho Cụm.".into(),
            );
        }
        if s.full_name.trim().is_empty() {
            ck.push(
                "empty_name",
                format!("Trường \u{201c}{}\u{201d} chưa có tên.", s.id),
            );
        }
        if let Some(succ) = &s.successor {
            ck.school_ref(succ, || {
                format!("Trường sáp nhập vào của \u{201c}{}\u{201d}", s.short_name)
            });
        }
        // A school continues earlier schools (merged into it): none of them
        // is itself, or still a member beside it.
        for earlier in &s.continues {
            let member = wb.current_members().any(|m| &m.id == earlier);
            if earlier == &s.id || member {
                ck.push(
                    "continues_member",
                    format!(
                        "Trường \u{201c}{}\u{201d} ghi kế thừa từ \u{201c}{}\u{201d}, nhưng trường đó {}.",
                        crate::text::visible(&s.short_name),
                        crate::text::visible(earlier.as_str()),
                        if earlier == &s.id {
                            "là chính nó"
                        } else {
                            "vẫn là thành viên của cụm"
                        }
                    ),
                );
            }
        }
        ck.duplicates(s.continues.iter(), "trường được kế thừa");
        // A school that is still a member, ranked this year, has not gone
        // anywhere: a successor would show it as merged in the history.
        if let Some(succ) = &s.successor
            && s.left.is_none()
        {
            ck.push(
                "successor_of_member",
                format!(
                    "Trường \u{201c}{}\u{201d} ghi đã sáp nhập vào \u{201c}{}\u{201d} nhưng vẫn là thành viên của cụm (chưa ghi ngày rời cụm).",
                    crate::text::visible(&s.short_name),
                    crate::text::visible(succ.as_str())
                ),
            );
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
                ck.push(
                    "same_school_twice",
                    format!(
                        "Trường \u{201c}{}\u{201d} có hai mã: \u{201c}{}\u{201d} và \u{201c}{}\u{201d}.",
                        crate::text::visible(&s.full_name),
                        crate::text::visible(first.as_str()),
                        crate::text::visible(s.id.as_str())
                    ),
                );
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
                    ck.push(
                        "merger_cycle",
                        format!(
                            "Sáp nhập vòng tròn: {} (trường kế thừa và trường sáp nhập vào không được quay lại nhau).",
                            crate::text::visible(&names.join(" \u{2192} "))
                        ),
                    );
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
            ck.push(
                "leader_not_member",
                format!("Cụm trưởng \u{201c}{l}\u{201d} không phải là thành viên của cụm."),
            );
        }
        if roles.deputies.contains(l) {
            ck.push(
                "leader_is_deputy",
                format!("Trường \u{201c}{l}\u{201d} vừa là cụm trưởng vừa là cụm phó."),
            );
        }
    }
    for d in &roles.deputies {
        ck.school_ref(d, || "Cụm phó".into());
    }
    ck.duplicates(roles.deputies.iter(), "cụm phó");
    for r in &roles.rotation {
        ck.school_ref(r, || "Thứ tự luân phiên".into());
    }
}

fn check_rules(ck: &mut Checker) {
    let rules = &ck.wb.rules;
    let bands: HashSet<&str> = rules.bands.iter().map(|b| b.id.as_str()).collect();
    ck.duplicates(rules.awards.iter().map(|a| &a.id), "danh hiệu");
    ck.duplicates(rules.bands.iter().map(|b| &b.id), "mức xếp loại");
    ck.duplicates(rules.downgrades.iter().map(|d| &d.id), "trường hợp hạ loại");
    if rules.bands.is_empty() {
        ck.push(
            "no_bands",
            "Chưa có mức xếp loại nào trong quy định.".into(),
        );
    }
    if rules.bands.windows(2).any(|w| w[0].min <= w[1].min) {
        ck.push(
            "bands_order",
            "Các mức xếp loại phải xếp từ cao xuống thấp, điểm sàn giảm dần.".into(),
        );
    }
    for a in &rules.awards {
        if !bands.contains(a.min_band.as_str()) {
            let msg = format!(
                "Danh hiệu \u{201c}{}\u{201d}: mức xếp loại tối thiểu \u{201c}{}\u{201d} không có.",
                a.short_name, a.min_band
            );
            ck.push("unknown_band", msg);
        }
        if let Quota::Percent { percent, .. } = a.quota
            && percent > 100
        {
            ck.push(
                "bad_quota",
                format!(
                    "Danh hiệu \u{201c}{}\u{201d}: tỉ lệ {percent}% vượt quá 100%.",
                    a.short_name
                ),
            );
        }
    }
    for d in &rules.downgrades {
        if !bands.contains(d.max_band.as_str()) {
            ck.push(
                "unknown_band",
                format!(
                    "Hạ loại \u{201c}{}\u{201d}: mức \u{201c}{}\u{201d} không có.",
                    d.reason, d.max_band
                ),
            );
        }
    }
    if let Some(b) = &rules.no_self_assessment_band
        && !bands.contains(b.as_str())
    {
        ck.push(
            "unknown_band",
            format!("Mức xếp loại khi không tự chấm \u{201c}{b}\u{201d} không có."),
        );
    }
    // The general ballot rule, and each award's own where it has one.
    let own_rules = rules.awards.iter().filter_map(|a| {
        a.ballot
            .as_ref()
            .map(|b| (format!(" ({})", a.short_name), b))
    });
    for (of, rule) in std::iter::once((String::new(), &rules.ballot)).chain(own_rules) {
        for (name, r) in [
            ("Ngưỡng biểu quyết", rule.threshold),
            ("Số đại biểu tối thiểu", rule.quorum),
        ] {
            if r.den == 0 || r.num > r.den {
                ck.push(
                    "bad_ratio",
                    format!("{name}{of} {r} không hợp lệ (phải từ 0 đến 100%)."),
                );
            }
        }
    }
    for tb in &rules.tie_break {
        match tb {
            TieBreak::Section(id) if !ck.all_criteria.contains(id.as_str()) => {
                ck.push(
                    "unknown_criterion",
                    format!(
                        "Tiêu chí phụ xếp hạng: mục \u{201c}{}\u{201d} không có trong bảng tiêu chí.",
                        crate::text::visible(id.as_str())
                    ),
                );
            }
            TieBreak::BallotVotes(award) if ck.wb.award(award).is_none() => {
                ck.push(
                    "unknown_award",
                    format!(
                        "Tiêu chí phụ xếp hạng: số phiếu bầu danh hiệu \u{201c}{}\u{201d} không có trong quy định.",
                        crate::text::visible(award.as_str())
                    ),
                );
            }
            _ => {}
        }
    }
    let scale = ck.wb.max_total();
    for (what, cap) in [
        ("điểm thưởng", rules.bonus_cap),
        ("điểm trừ", rules.deduction_cap),
    ] {
        if cap.hundredths() < 0 {
            ck.push("bad_cap", format!("Mức trần {what} ({cap}) không được âm."));
        } else if cap > scale {
            ck.push(
                "bad_cap",
                format!("Mức trần {what} ({cap}) vượt tổng điểm của bảng tiêu chí ({scale})."),
            );
        }
    }
    let highest = scale + rules.bonus_cap.max(Points::ZERO);
    for b in &rules.bands {
        if b.min.hundredths() < 0 || b.min > highest {
            ck.push(
                "bad_band_min",
                format!(
                    "Mức xếp loại \u{201c}{}\u{201d}: điểm sàn {} phải từ 0 đến {highest} (tổng điểm cộng điểm thưởng tối đa).",
                    crate::text::visible(&b.name),
                    b.min
                ),
            );
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
    ck.duplicates(all.into_iter(), "tiêu chí");
    fn check(ck: &mut Checker, nodes: &[Criterion]) {
        for c in nodes {
            if c.is_leaf() {
                match c.max {
                    None => ck.push(
                        "missing_max",
                        format!(
                            "Tiêu chí {} \u{201c}{}\u{201d} chưa có điểm chuẩn.",
                            c.code, c.title
                        ),
                    ),
                    Some(m) if m.hundredths() <= 0 || m > MAX_LEAF => ck.push(
                        "bad_max",
                        format!(
                            "Tiêu chí {} \u{201c}{}\u{201d}: điểm chuẩn {m} phải lớn hơn 0 và không quá {MAX_LEAF}.",
                            crate::text::visible(&c.code),
                            crate::text::visible(&c.title)
                        ),
                    ),
                    _ => {}
                }
            } else if c.max.is_some_and(|m| m != c.max_points()) {
                ck.push(
                    "parent_max",
                    format!(
                        "Mục {} \u{201c}{}\u{201d}: điểm chuẩn {} khác tổng các tiêu chí con {}.",
                        c.code,
                        c.title,
                        c.max.unwrap_or_default(),
                        c.max_points()
                    ),
                );
            }
            check(ck, &c.children);
        }
    }
    let criteria = &ck.wb.criteria;
    check(ck, criteria);
}

fn check_assessments(ck: &mut Checker) {
    let wb = ck.wb;
    ck.duplicates(
        wb.assessments.iter().map(|a| &a.school),
        "bản chấm điểm của trường",
    );
    ck.duplicates(
        wb.assessments
            .iter()
            .flat_map(|a| a.adjustments.iter().map(|x| &x.id)),
        "điểm thưởng/điểm trừ",
    );
    let downgrades: HashSet<&str> = wb.rules.downgrades.iter().map(|d| d.id.as_str()).collect();
    let awards: HashSet<&str> = wb.rules.awards.iter().map(|d| d.id.as_str()).collect();
    for a in &wb.assessments {
        let name = wb.school_name(&a.school);
        ck.school_ref(&a.school, || "Bản chấm điểm".into());
        for (label, scores) in [("tự chấm", &a.self_scores), ("cụm chấm", &a.cluster_scores)]
        {
            for (cid, score) in scores {
                match ck.leaves.get(cid.as_str()) {
                    None => {
                        let msg = format!(
                            "{name}, điểm {label}: tiêu chí \u{201c}{cid}\u{201d} không có trong bảng tiêu chí (hoặc không phải tiêu chí lá)."
                        );
                        ck.push("unknown_criterion", msg);
                    }
                    Some(c) => {
                        let max = c.max.unwrap_or_default();
                        let range =
                            crate::limits::score_range(score.points.hundredths(), max.hundredths());
                        if range == crate::limits::ScoreRange::Negative {
                            ck.push(
                                "negative_score",
                                format!(
                                    "{name}, điểm {label} tiêu chí {}: {} điểm là số âm.",
                                    c.id, score.points
                                ),
                            );
                        } else if range == crate::limits::ScoreRange::AboveMax {
                            let msg = format!(
                                "{name}, điểm {label} tiêu chí {}: {} vượt điểm chuẩn {}.",
                                c.id, score.points, max
                            );
                            ck.push("score_above_max", msg);
                        }
                    }
                }
            }
        }
        for adj in &a.adjustments {
            if adj.points.hundredths() <= 0 || adj.points > MAX_ADJUSTMENT {
                ck.push(
                    "bad_adjustment",
                    format!(
                        "{name}: điểm thưởng/trừ \u{201c}{}\u{201d} ({}) phải lớn hơn 0 và không quá {MAX_ADJUSTMENT}.",
                        adj.reason, adj.points
                    ),
                );
            }
            if let Some(ok) = adj.accepted
                && (ok.hundredths() < 0 || ok > adj.points)
            {
                ck.push(
                    "bad_adjustment",
                    format!(
                        "{name}: điểm thưởng \u{201c}{}\u{201d}: cụm chấp nhận {ok} điểm, phải từ 0 đến mức trường đề nghị ({}).",
                        adj.reason, adj.points
                    ),
                );
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
                let what = match adj.kind {
                    AdjustmentKind::Bonus => "điểm thưởng",
                    AdjustmentKind::Deduction => "điểm trừ",
                };
                ck.push(
                    "foreign_adjustment",
                    format!(
                        "{name}: {what} \u{201c}{}\u{201d} ghi là của {whose}; chỉ Cụm (hoặc chính trường được chấm, với điểm thưởng) được ghi."
                    , adj.reason),
                );
            }
        }
        for d in &a.discipline.downgrades {
            if !downgrades.contains(d.as_str()) {
                ck.push(
                    "unknown_downgrade",
                    format!(
                        "{name}: trường hợp hạ loại \u{201c}{d}\u{201d} không có trong quy định."
                    ),
                );
            }
        }
        if let Some(aw) = &a.registration.award
            && !awards.contains(aw.as_str())
        {
            ck.push(
                "unknown_award",
                format!("{name}: đăng ký danh hiệu \u{201c}{aw}\u{201d} không có trong quy định."),
            );
        }
        ck.date_in_year(a.registration.date, || {
            format!("{name}, ngày đăng ký thi đua")
        });
    }
}

fn check_activities(ck: &mut Checker) {
    let wb = ck.wb;
    ck.duplicates(wb.activities.iter().map(|a| &a.id), "hoạt động");
    for act in &wb.activities {
        let place = || format!("Hoạt động \u{201c}{}\u{201d}", act.title);
        if act.title.trim().is_empty() {
            ck.push(
                "empty_title",
                format!("Hoạt động \u{201c}{}\u{201d} chưa có tên.", act.id),
            );
        }
        if let Owner::School(s) = &act.owner {
            ck.school_ref(s, place);
        }
        if let Some(h) = &act.host {
            ck.school_ref(h, || format!("{}, đơn vị đăng cai", place()));
        }
        for p in &act.participants {
            ck.school_ref(p, || format!("{}, đơn vị tham gia", place()));
        }
        for p in act.people.iter().filter_map(|p| p.school.as_ref()) {
            ck.school_ref(p, || format!("{}, người tham gia", place()));
        }
        for p in act.results.iter().filter_map(|p| p.school.as_ref()) {
            ck.school_ref(p, || format!("{}, kết quả", place()));
        }
        // Stored with no school (typed loosely in an earlier version,
        // "Lê Văn X - Binh Thuan"): no school is credited with it.
        let saved = std::mem::replace(&mut ck.scope, Scope::Activities);
        for p in act.people.iter().filter(|p| p.school.is_none()) {
            ck.push(
                "person_without_school",
                format!(
                    "{}: người tham gia \u{201c}{}\u{201d} chưa có trường (mở hoạt động, chọn trường cho dòng này).",
                    place(),
                    crate::text::visible(&p.name)
                ),
            );
        }
        for r in act.results.iter().filter(|r| r.school.is_none()) {
            let who = [r.prize.as_str(), r.person.as_str()]
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" – ");
            ck.push(
                "prize_without_school",
                format!(
                    "{}: giải \u{201c}{}\u{201d} chưa có trường (mở hoạt động, chọn trường cho dòng này).",
                    place(),
                    crate::text::visible(&who)
                ),
            );
        }
        ck.scope = saved;
        ck.date_in_year(Some(act.start), place);
        ck.date_in_year(act.end, place);
        if act.end.is_some_and(|e| e < act.start) {
            ck.push(
                "end_before_start",
                format!("{}: ngày kết thúc trước ngày bắt đầu.", place()),
            );
        }
    }
}

fn check_conference(ck: &mut Checker) {
    let wb = ck.wb;
    let conf = &wb.conference;
    ck.date_in_year(conf.date, || "Hội nghị tổng kết".into());
    if let (Some(s), Some(e)) = (conf.start, conf.end)
        && e < s
    {
        ck.push(
            "end_before_start",
            "Hội nghị tổng kết: giờ kết thúc trước giờ khai mạc.".into(),
        );
    }
    ck.scope = Scope::Conference;
    ck.duplicates(
        conf.attendance.iter().map(|a| &a.school),
        "trường trong danh sách dự họp",
    );
    for a in &conf.attendance {
        ck.school_ref(&a.school, || "Danh sách dự họp".into());
    }
    ck.duplicates(conf.ballots.iter().map(|b| &b.id), "phiếu bầu");
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
            ck.push("unknown_award", format!("Kết quả bỏ phiếu \u{201c}{}\u{201d}: danh hiệu \u{201c}{}\u{201d} không có trong quy định.", b.id, b.award));
        }
        if per_award.get(&b.award).copied().unwrap_or(0) > 1 {
            ck.push(
                "duplicate_ballot",
                format!(
                    "Kết quả bỏ phiếu {award}: có {} kết quả cho cùng danh hiệu (\u{201c}{}\u{201d} là một); chỉ được giữ một.",
                    per_award[&b.award], b.id
                ),
            );
        }
        for v in &b.votes {
            ck.school_ref(&v.school, || format!("Kết quả bỏ phiếu {award}"));
        }
        ck.duplicates(
            b.votes.iter().map(|v| &v.school),
            "ứng viên trong phiếu bầu",
        );
        for w in &b.written_votes {
            ck.school_ref(&w.voter, || "Phiếu gửi bằng văn bản".into());
            for c in &w.candidates {
                ck.school_ref(c, || "Phiếu gửi bằng văn bản".into());
            }
        }
        for p in super::ballot::inconsistencies(wb, b) {
            ck.push(
                "ballot_inconsistent",
                format!("Kết quả bỏ phiếu {award}: {p}"),
            );
        }
    }
    ck.scope = Scope::File;
    for d in &conf.academy_decisions {
        ck.school_ref(&d.school, || "Quyết định của Học viện".into());
        if wb.award(&d.award).is_none() {
            ck.push(
                "unknown_award",
                format!(
                    "Quyết định của Học viện: danh hiệu \u{201c}{}\u{201d} không có.",
                    d.award
                ),
            );
        }
    }
    for t in &conf.tie_decisions {
        for s in &t.order {
            ck.school_ref(s, || "Quyết định của chủ trì khi bằng điểm".into());
        }
    }
    ck.date_in_year(conf.handover.date, || "Bàn giao".into());
    check_election(ck);
}

/// Next year's leader and deputies: the roles of next year's file.
fn check_election(ck: &mut Checker) {
    let wb = ck.wb;
    let election = &wb.conference.election;
    ck.scope = Scope::Election;
    let leaving = |id: &Id| wb.school(id).is_some_and(|s| s.left.is_some());
    if let Some(l) = &election.leader {
        ck.school_ref(l, || "Bầu cụm trưởng năm sau".into());
        if election.deputies.contains(l) {
            ck.push(
                "leader_is_deputy",
                format!(
                    "Bầu năm sau: {} vừa là cụm trưởng vừa là cụm phó.",
                    wb.school_name(l)
                ),
            );
        }
        if leaving(l) {
            ck.push(
                "elected_left",
                format!("Bầu năm sau: cụm trưởng {} đã rời cụm.", wb.school_name(l)),
            );
        }
    }
    for d in &election.deputies {
        ck.school_ref(d, || "Bầu cụm phó năm sau".into());
        if leaving(d) {
            ck.push(
                "elected_left",
                format!("Bầu năm sau: cụm phó {} đã rời cụm.", wb.school_name(d)),
            );
        }
    }
    ck.duplicates(election.deputies.iter(), "cụm phó năm sau");
    let present = super::ballot::schools_present(wb);
    if let Some(agreed) = election.agreed
        && agreed > present
    {
        ck.push(
            "too_many_agreed",
            format!(
                "Bầu năm sau: {agreed} trường biểu quyết tán thành, nhưng chỉ {present} trường có mặt."
            ),
        );
    }
    if wb.year >= *YEARS.end() && (election.leader.is_some() || !election.deputies.is_empty()) {
        ck.push(
            "last_year",
            format!(
                "Năm {} là năm cuối sổ thi đua lập được: không lập được sổ năm sau.",
                wb.year
            ),
        );
    }
    ck.scope = Scope::File;
}
