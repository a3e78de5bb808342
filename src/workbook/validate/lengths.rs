//! Every text within its length, every list within its count (see
//! `crate::limits`): a 50 MB note would be copied into every school's
//! mail-out; 90 000 activities would make every merge and document slow.
//! A workbook over a limit still opens, and `check` names the part; the
//! window stops typing at the limit, and a merge refuses the record.

use super::{Checker, RecordPart, Scope};
use crate::limits::{self, TextKind};
use crate::workbook::Workbook;
use crate::workbook::model::*;
use std::collections::HashMap;

/// One field: what it is (for the message), its kind, its text. The
/// fields of every record are walked for every returned record a merge
/// checks, so a label is only made for a text over its limit.
type Field<'a> = (String, TextKind, &'a str);

fn person<'a>(out: &mut Vec<Field<'a>>, what: &str, p: &'a Person) {
    out.push((what.to_string(), TextKind::Name, &p.name));
    if TextKind::Name.too_long(&p.title) {
        out.push((format!("{what}, chức vụ"), TextKind::Name, &p.title));
    }
}

fn lines<'a>(out: &mut Vec<Field<'a>>, what: &str, kind: TextKind, v: &'a [String]) {
    for l in v {
        out.push((what.to_string(), kind, l));
    }
}

fn push_fields(ck: &mut Checker, scope: Scope, fields: Vec<Field<'_>>) {
    let saved = std::mem::replace(&mut ck.scope, scope);
    for (what, kind, text) in fields {
        if kind.too_long(text) {
            ck.push(
                "text_too_long",
                format!(
                    "{what}: dài {} ký tự, quá giới hạn {} ký tự.",
                    text.chars().count(),
                    kind.max_chars()
                ),
            );
        }
    }
    ck.scope = saved;
}

fn too_many(ck: &mut Checker, what: String, count: usize, max: usize) {
    if count > max {
        ck.push(
            "too_many",
            format!("{what}: có {count}, quá giới hạn {max}."),
        );
    }
}

/// The records a school may send: activities, assessments, members.
pub(super) fn check_records(ck: &mut Checker) {
    use TextKind::{Name, Note};
    let wb = ck.wb;
    let mut f = Vec::new();
    let members: &[School] = if ck.wants(RecordPart::Members) {
        &wb.members
    } else {
        &[]
    };
    let activities: &[Activity] = if ck.wants(RecordPart::Activities) {
        &wb.activities
    } else {
        &[]
    };
    let assessments: &[Assessment] = if ck.wants(RecordPart::Assessments) {
        &wb.assessments
    } else {
        &[]
    };
    for s in members {
        let who = format!(
            "Trường \u{201c}{}\u{201d}",
            crate::text::visible(&s.short_name)
        );
        for (what, v) in [
            ("tên", &s.full_name),
            ("tên ngắn", &s.short_name),
            ("tỉnh", &s.province),
            ("địa chỉ", &s.address),
            ("cán bộ đầu mối", &s.officer.name),
            ("điện thoại", &s.officer.phone),
            ("thư điện tử", &s.officer.email),
        ] {
            if Name.too_long(v.as_str()) {
                f.push((format!("{who}, {what}"), Name, v.as_str()));
            }
        }
        person(&mut f, &format!("{who}, hiệu trưởng"), &s.head);
        if Note.too_long(&s.note) {
            f.push((format!("{who}, ghi chú"), Note, &s.note));
        }
    }
    for a in activities {
        let what = format!(
            "Hoạt động \u{201c}{}\u{201d}",
            crate::text::visible(a.id.as_str())
        );
        if Name.too_long(&a.title) {
            f.push((format!("{what}, tên"), Name, &a.title));
        }
        if Note.too_long(&a.note) {
            f.push((format!("{what}, ghi chú"), Note, &a.note));
        }
        lines(&mut f, &format!("{what}, minh chứng"), Note, &a.evidence);
        for p in &a.people {
            if Name.too_long(&p.name) {
                f.push((format!("{what}, người tham gia"), Name, &p.name));
            }
            if Name.too_long(&p.role) {
                f.push((format!("{what}, vai trò"), Name, &p.role));
            }
        }
        for r in &a.results {
            if Name.too_long(&r.prize) {
                f.push((format!("{what}, giải"), Name, &r.prize));
            }
            if Name.too_long(&r.person) {
                f.push((format!("{what}, người đạt giải"), Name, &r.person));
            }
        }
    }
    push_fields(ck, Scope::File, f);
    for a in activities {
        let what = format!(
            "Hoạt động \u{201c}{}\u{201d}",
            crate::text::visible(a.id.as_str())
        );
        too_many(
            ck,
            format!("{what}, số dòng minh chứng"),
            a.evidence.len(),
            limits::MAX_LINES,
        );
        too_many(
            ck,
            format!("{what}, số người tham gia"),
            a.people.len(),
            limits::MAX_LINES,
        );
        too_many(
            ck,
            format!("{what}, số giải"),
            a.results.len(),
            limits::MAX_LINES,
        );
    }
    let mut f = Vec::new();
    let mut counts = Vec::new();
    for a in assessments {
        let name = wb.school_name(&a.school);
        for (side, scores) in [("tự chấm", &a.self_scores), ("cụm chấm", &a.cluster_scores)]
        {
            for (c, score) in scores {
                let what = format!(
                    "{name}, {side} tiêu chí \u{201c}{}\u{201d}",
                    crate::text::visible(c.as_str())
                );
                if Note.too_long(score.note.as_str()) {
                    f.push((format!("{what}, ghi chú"), Note, score.note.as_str()));
                }
                lines(
                    &mut f,
                    &format!("{what}, minh chứng"),
                    Note,
                    &score.evidence,
                );
                counts.push((format!("{what}, số dòng minh chứng"), score.evidence.len()));
            }
        }
        for x in &a.adjustments {
            let what = format!(
                "{name}, điểm thưởng/trừ \u{201c}{}\u{201d}",
                crate::text::visible(x.id.as_str())
            );
            if Name.too_long(x.reason.as_str()) {
                f.push((format!("{what}, lý do"), Name, x.reason.as_str()));
            }
            lines(&mut f, &format!("{what}, minh chứng"), Note, &x.evidence);
            counts.push((format!("{what}, số dòng minh chứng"), x.evidence.len()));
        }
        lines(
            &mut f,
            &format!("{name}, chỉ tiêu đăng ký"),
            Note,
            &a.registration.targets,
        );
        counts.push((
            format!("{name}, số chỉ tiêu đăng ký"),
            a.registration.targets.len(),
        ));
        if Note.too_long(&a.discipline.note) {
            f.push((format!("{name}, ghi chú kỷ luật"), Note, &a.discipline.note));
        }
    }
    push_fields(ck, Scope::Scores, f);
    let saved = std::mem::replace(&mut ck.scope, Scope::Scores);
    for (what, n) in counts {
        too_many(ck, what, n, limits::MAX_LINES);
    }
    ck.scope = saved;
}

/// What is counted against a limit of `crate::limits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted<'a> {
    /// Member schools ([`limits::MAX_MEMBERS`]).
    Members,
    /// Nodes of the criteria table ([`limits::MAX_CRITERIA`]).
    CriteriaNodes,
    /// Assessments, one per school ([`limits::MAX_MEMBERS`]).
    Assessments,
    /// Activities of one owner ([`limits::MAX_ACTIVITIES`]).
    Activities(&'a Owner),
    /// Bonus claims, or deductions, of one school
    /// ([`limits::MAX_ADJUSTMENTS`]).
    Adjustments(&'a Id, AdjustmentKind),
    /// Self-scores of one school ([`limits::MAX_CRITERIA`]).
    SelfScores(&'a Id),
    /// Cluster scores of one school ([`limits::MAX_CRITERIA`]).
    ClusterScores(&'a Id),
}

/// How many records of one kind a workbook has, and the most it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count<'a> {
    pub what: Counted<'a>,
    pub count: usize,
    pub max: usize,
}

/// Every count a workbook is held to, in one pass: members, criteria,
/// assessments, activities per owner (in owner order), then per assessment
/// its bonus claims, deductions, self-scores and cluster scores. The one
/// list `check` reports from and a merge refuses a returned file by.
pub fn counts(wb: &Workbook) -> Vec<Count<'_>> {
    fn nodes(c: &[Criterion]) -> usize {
        c.iter().map(|c| 1 + nodes(&c.children)).sum()
    }
    let count = |what, count, max| Count { what, count, max };
    let mut out = vec![
        count(Counted::Members, wb.members.len(), limits::MAX_MEMBERS),
        count(
            Counted::CriteriaNodes,
            nodes(&wb.criteria),
            limits::MAX_CRITERIA,
        ),
        count(
            Counted::Assessments,
            wb.assessments.len(),
            limits::MAX_MEMBERS,
        ),
    ];
    let mut per_owner: HashMap<&Owner, usize> = HashMap::new();
    for a in &wb.activities {
        *per_owner.entry(&a.owner).or_default() += 1;
    }
    let mut owners: Vec<(&Owner, usize)> = per_owner.into_iter().collect();
    owners.sort();
    for (owner, n) in owners {
        out.push(count(Counted::Activities(owner), n, limits::MAX_ACTIVITIES));
    }
    for a in &wb.assessments {
        for kind in [AdjustmentKind::Bonus, AdjustmentKind::Deduction] {
            let n = a.adjustments.iter().filter(|x| x.kind == kind).count();
            out.push(count(
                Counted::Adjustments(&a.school, kind),
                n,
                limits::MAX_ADJUSTMENTS,
            ));
        }
        out.push(count(
            Counted::SelfScores(&a.school),
            a.self_scores.len(),
            limits::MAX_CRITERIA,
        ));
        out.push(count(
            Counted::ClusterScores(&a.school),
            a.cluster_scores.len(),
            limits::MAX_CRITERIA,
        ));
    }
    out
}

/// How many records of each kind: per owner and year (the counts of
/// [`counts`] that `check` names; assessments and scores beyond the
/// criteria are named by their own checks).
pub(super) fn check_counts(ck: &mut Checker) {
    let wb = ck.wb;
    let mut saved = None;
    for c in counts(wb) {
        let what = match c.what {
            Counted::Members => "Số trường thành viên".to_string(),
            Counted::CriteriaNodes => "Số mục của bảng tiêu chí".to_string(),
            Counted::Activities(owner) => {
                let who = match owner {
                    Owner::Cluster => "Cụm".to_string(),
                    Owner::School(s) => wb.school_name(s),
                };
                format!("Hoạt động của {who}")
            }
            Counted::Adjustments(school, kind) => {
                let what = match kind {
                    AdjustmentKind::Bonus => "điểm thưởng",
                    AdjustmentKind::Deduction => "điểm trừ",
                };
                if saved.is_none() {
                    saved = Some(std::mem::replace(&mut ck.scope, Scope::Scores));
                }
                format!("Mục {what} của {}", wb.school_name(school))
            }
            Counted::Assessments | Counted::SelfScores(_) | Counted::ClusterScores(_) => continue,
        };
        too_many(ck, what, c.count, c.max);
    }
    if let Some(scope) = saved {
        ck.scope = scope;
    }
}

/// What only the cluster writes: the cluster, rules, criteria, the
/// conference and the documents.
pub(super) fn check_cluster_parts(ck: &mut Checker) {
    use TextKind::{Long, Name, Note};
    let wb = ck.wb;
    let mut f: Vec<Field<'_>> = Vec::new();
    let c = &wb.cluster;
    for (what, v) in [
        ("Tên cụm", &c.name),
        ("Địa bàn của cụm", &c.region),
        ("Cơ quan cấp trên", &c.parent_body),
        ("Ký hiệu văn bản của cụm", &c.number_code),
        (
            "Số quyết định công nhận cụm trưởng",
            &wb.roles.decision.number,
        ),
        (
            "Nơi ban hành quyết định công nhận cụm trưởng",
            &wb.roles.decision.issuer,
        ),
    ] {
        f.push((what.to_string(), Name, v.as_str()));
    }
    fn criteria<'a>(nodes: &'a [Criterion], out: &mut Vec<Field<'a>>) {
        for c in nodes {
            let what = format!(
                "Tiêu chí \u{201c}{}\u{201d}",
                crate::text::visible(c.id.as_str())
            );
            if TextKind::Name.too_long(&c.code) {
                out.push((format!("{what}, mã"), TextKind::Name, &c.code));
            }
            if TextKind::Name.too_long(&c.title) {
                out.push((format!("{what}, tên"), TextKind::Name, &c.title));
            }
            if TextKind::Note.too_long(&c.guidance) {
                out.push((format!("{what}, hướng dẫn"), TextKind::Note, &c.guidance));
            }
            criteria(&c.children, out);
        }
    }
    criteria(&wb.criteria, &mut f);
    let r = &wb.rules;
    for a in &r.awards {
        f.push((
            format!("Danh hiệu \u{201c}{}\u{201d}, tên", a.id),
            Name,
            &a.name,
        ));
        f.push((
            format!("Danh hiệu \u{201c}{}\u{201d}, tên ngắn", a.id),
            Name,
            &a.short_name,
        ));
    }
    for b in &r.bands {
        f.push((
            format!("Mức xếp loại \u{201c}{}\u{201d}", b.id),
            Name,
            &b.name,
        ));
    }
    for d in &r.downgrades {
        f.push((
            format!("Trường hợp hạ loại \u{201c}{}\u{201d}", d.id),
            Name,
            &d.reason,
        ));
    }
    lines(&mut f, "Căn cứ", Note, &r.legal_basis);
    let d = &wb.documents;
    f.push(("Địa danh của văn bản".into(), Name, &d.place));
    for n in d.numbers.values() {
        f.push(("Số văn bản".into(), Name, n));
    }
    lines(&mut f, "Nơi nhận", Note, &d.recipients);
    lines(&mut f, "Tài liệu kèm theo", Note, &d.attachments);
    f.push(("Người viết tin".into(), Note, &d.news_byline));
    for (what, v) in [
        ("Báo cáo, tình hình", &d.report.situation),
        ("Báo cáo, kết quả", &d.report.results),
        ("Báo cáo, đánh giá", &d.report.assessment),
        ("Báo cáo, phương hướng", &d.report.directions),
        ("Báo cáo, kiến nghị", &d.report.proposals),
    ] {
        f.push((what.to_string(), Long, v.as_str()));
    }
    push_fields(ck, Scope::File, f);
    for (what, n) in [
        ("Số dòng căn cứ", r.legal_basis.len()),
        ("Số dòng nơi nhận", d.recipients.len()),
        ("Số tài liệu kèm theo", d.attachments.len()),
    ] {
        too_many(ck, what.into(), n, limits::MAX_LINES);
    }

    let conf = &wb.conference;
    let mut f: Vec<Field<'_>> = Vec::new();
    f.push(("Hội nghị, địa điểm".into(), Name, &conf.place));
    person(&mut f, "Chủ trì hội nghị", &conf.chair);
    person(&mut f, "Thư ký hội nghị", &conf.secretary);
    for p in &conf.co_chairs {
        person(&mut f, "Đồng chủ trì", p);
    }
    for p in &conf.guests {
        person(&mut f, "Khách mời", p);
    }
    for a in &conf.attendance {
        for p in &a.representatives {
            person(&mut f, "Đại biểu dự họp", p);
        }
        f.push(("Danh sách dự họp, ghi chú".into(), Note, &a.note));
    }
    for b in &conf.ballots {
        for p in &b.counting_committee {
            person(&mut f, "Ban kiểm phiếu", p);
        }
    }
    for t in &conf.tie_decisions {
        f.push(("Quyết định khi bằng điểm, ghi chú".into(), Note, &t.note));
    }
    for d in &conf.academy_decisions {
        f.push((
            "Quyết định của Học viện, số".into(),
            Name,
            &d.decision.number,
        ));
        f.push((
            "Quyết định của Học viện, nơi ban hành".into(),
            Name,
            &d.decision.issuer,
        ));
    }
    f.push(("Biên bản, ý kiến thảo luận".into(), Long, &conf.discussion));
    f.push(("Biên bản, kết luận".into(), Long, &conf.conclusion));
    f.push(("Bầu năm sau, ghi chú".into(), Note, &conf.election.note));
    let h = &conf.handover;
    f.push(("Bàn giao, địa điểm".into(), Name, &h.place));
    person(&mut f, "Bên giao", &h.outgoing);
    person(&mut f, "Bên nhận", &h.incoming);
    lines(&mut f, "Bàn giao, tài liệu", Note, &h.items);
    f.push(("Bàn giao, ghi chú".into(), Note, &h.note));
    f.push(("Bàn giao, tệp sổ năm sau".into(), Name, &h.next_year_file));
    push_fields(ck, Scope::Conference, f);
}
