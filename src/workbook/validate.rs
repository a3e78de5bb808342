//! Content checks. A workbook that parses may still be wrong (a hand edit, a
//! merge gone astray): every problem is listed, not just the first, so the
//! clerk can fix them all in one go.

use super::Workbook;
use super::model::*;
use std::collections::{HashMap, HashSet};

/// One thing wrong in a workbook's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable code, for tests.
    pub code: &'static str,
    /// Vietnamese message naming the record.
    pub message: String,
}

struct Checker<'a> {
    wb: &'a Workbook,
    schools: HashSet<&'a str>,
    leaves: HashMap<&'a str, &'a Criterion>,
    all_criteria: HashSet<&'a str>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, code: &'static str, message: String) {
        self.problems.push(Problem { code, message });
    }

    fn school_ref(&mut self, id: &Id, place: impl FnOnce() -> String) {
        if !self.schools.contains(id.as_str()) {
            self.push(
                "unknown_school",
                format!(
                    "{}: trường \u{201c}{id}\u{201d} không có trong danh sách thành viên.",
                    place()
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
                    format!("Mã {what} \u{201c}{id}\u{201d} bị trùng."),
                );
            }
        }
    }

    fn date_in_year(&mut self, date: Option<jiff::civil::Date>, place: impl FnOnce() -> String) {
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
    let mut ck = Checker {
        wb,
        schools: wb.members.iter().map(|s| s.id.as_str()).collect(),
        leaves,
        all_criteria,
        problems: Vec::new(),
    };

    if !(1990..=2200).contains(&wb.year) {
        ck.push("bad_year", format!("Năm {} không hợp lệ.", wb.year));
    }
    check_members(&mut ck);
    check_roles(&mut ck);
    check_rules(&mut ck);
    check_criteria(&mut ck);
    check_assessments(&mut ck);
    check_activities(&mut ck);
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
    for (name, r) in [
        ("Ngưỡng biểu quyết", rules.ballot.threshold),
        ("Số đại biểu tối thiểu", rules.ballot.quorum),
    ] {
        if r.den == 0 || r.num > r.den {
            ck.push(
                "bad_ratio",
                format!("{name} {r} không hợp lệ (phải từ 0 đến 100%)."),
            );
        }
    }
    for tb in &rules.tie_break {
        if let TieBreak::Section(id) = tb
            && !ck.all_criteria.contains(id.as_str())
        {
            ck.push(
                "unknown_criterion",
                format!(
                    "Tiêu chí phụ xếp hạng: mục \u{201c}{id}\u{201d} không có trong bảng tiêu chí."
                ),
            );
        }
    }
    if rules.bonus_cap.hundredths() < 0 || rules.deduction_cap.hundredths() < 0 {
        ck.push(
            "bad_cap",
            "Mức trần điểm thưởng, điểm trừ không được âm.".into(),
        );
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
                    Some(m) if m.hundredths() <= 0 => ck.push(
                        "bad_max",
                        format!(
                            "Tiêu chí {} \u{201c}{}\u{201d}: điểm chuẩn phải lớn hơn 0.",
                            c.code, c.title
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
                        if score.points.hundredths() < 0 {
                            ck.push(
                                "negative_score",
                                format!(
                                    "{name}, điểm {label} tiêu chí {}: {} điểm là số âm.",
                                    c.id, score.points
                                ),
                            );
                        } else if score.points > max {
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
            if adj.points.hundredths() <= 0 {
                ck.push(
                    "bad_adjustment",
                    format!(
                        "{name}: điểm thưởng/trừ \u{201c}{}\u{201d} phải lớn hơn 0.",
                        adj.reason
                    ),
                );
            }
            if let Owner::School(s) = &adj.owner {
                ck.school_ref(s, || "Chủ sở hữu điểm thưởng/trừ".into());
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
    ck.duplicates(
        conf.attendance.iter().map(|a| &a.school),
        "trường trong danh sách dự họp",
    );
    for a in &conf.attendance {
        ck.school_ref(&a.school, || "Danh sách dự họp".into());
    }
    ck.duplicates(conf.ballots.iter().map(|b| &b.id), "phiếu bầu");
    for b in &conf.ballots {
        if wb.award(&b.award).is_none() {
            ck.push("unknown_award", format!("Kết quả bỏ phiếu \u{201c}{}\u{201d}: danh hiệu \u{201c}{}\u{201d} không có trong quy định.", b.id, b.award));
        }
        for v in &b.votes {
            ck.school_ref(&v.school, || "Kết quả bỏ phiếu".into());
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
    }
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
    if let Some(l) = &conf.election.leader {
        ck.school_ref(l, || "Bầu cụm trưởng năm sau".into());
    }
    for d in &conf.election.deputies {
        ck.school_ref(d, || "Bầu cụm phó năm sau".into());
    }
    ck.date_in_year(conf.handover.date, || "Bàn giao".into());
}
