//! Every text within its length, every list within its count (see
//! `crate::limits`): a 50 MB note would be copied into every school's
//! mail-out; 90 000 activities would make every merge and document slow.
//! A workbook over a limit still opens, and `check` names the part; the
//! window stops typing at the limit, and a merge refuses the record.

use super::problem::{
    ActivityField as A, AssessmentField, ClusterField as C, CriterionField, Field, ItemField,
    PersonRole, ProblemKind, SchoolField,
};
use super::{Checker, RecordPart, Scope};
use crate::limits::{self, TextKind};
use crate::workbook::Workbook;
use crate::workbook::edit::scores::Side;
use crate::workbook::model::*;
use std::collections::HashMap;

/// One text: which field it is, its kind, its text. The fields of every
/// record are walked for every returned record a merge checks, so a
/// field that names a record is only made for a text over its limit.
type Text<'a> = (Field, TextKind, &'a str);

fn person<'a>(out: &mut Vec<Text<'a>>, role: PersonRole, p: &'a Person) {
    out.push((Field::Person(role, false), TextKind::Name, &p.name));
    if TextKind::Name.too_long(&p.title) {
        out.push((Field::Person(role, true), TextKind::Name, &p.title));
    }
}

fn lines<'a>(out: &mut Vec<Text<'a>>, field: impl Fn() -> Field, kind: TextKind, v: &'a [String]) {
    for l in v {
        if kind.too_long(l) {
            out.push((field(), kind, l));
        }
    }
}

fn push_fields(ck: &mut Checker, scope: Scope, fields: Vec<Text<'_>>) {
    let saved = std::mem::replace(&mut ck.scope, scope);
    for (field, kind, text) in fields {
        if kind.too_long(text) {
            ck.push(ProblemKind::TextTooLong {
                field,
                chars: text.chars().count(),
                max: kind.max_chars(),
            });
        }
    }
    ck.scope = saved;
}

fn too_many(ck: &mut Checker, field: impl FnOnce() -> Field, count: usize, max: usize) {
    if count > max {
        ck.push(ProblemKind::TooMany {
            field: field(),
            count,
            max,
        });
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
        let who = || s.short_name.clone();
        for (what, v) in [
            (SchoolField::Name, &s.full_name),
            (SchoolField::ShortName, &s.short_name),
            (SchoolField::Province, &s.province),
            (SchoolField::Address, &s.address),
            (SchoolField::Officer, &s.officer.name),
            (SchoolField::Phone, &s.officer.phone),
            (SchoolField::Email, &s.officer.email),
        ] {
            if Name.too_long(v.as_str()) {
                f.push((Field::School(who(), what), Name, v.as_str()));
            }
        }
        if Name.too_long(&s.head.name) {
            f.push((Field::School(who(), SchoolField::Head), Name, &s.head.name));
        }
        if Name.too_long(&s.head.title) {
            f.push((
                Field::School(who(), SchoolField::HeadTitle),
                Name,
                &s.head.title,
            ));
        }
        if Note.too_long(&s.note) {
            f.push((Field::School(who(), SchoolField::Note), Note, &s.note));
        }
    }
    for a in activities {
        let at = |what| Field::Activity(a.id.clone(), what);
        if Name.too_long(&a.title) {
            f.push((at(A::Title), Name, &a.title));
        }
        if Note.too_long(&a.note) {
            f.push((at(A::Note), Note, &a.note));
        }
        lines(&mut f, || at(A::Evidence), Note, &a.evidence);
        for p in &a.people {
            if Name.too_long(&p.name) {
                f.push((at(A::Person), Name, &p.name));
            }
            if Name.too_long(&p.role) {
                f.push((at(A::Role), Name, &p.role));
            }
        }
        for r in &a.results {
            if Name.too_long(&r.prize) {
                f.push((at(A::Prize), Name, &r.prize));
            }
            if Name.too_long(&r.person) {
                f.push((at(A::Winner), Name, &r.person));
            }
        }
    }
    push_fields(ck, Scope::File, f);
    for a in activities {
        let at = |what| move || Field::Activity(a.id.clone(), what);
        let max = limits::MAX_LINES;
        too_many(ck, at(A::EvidenceLines), a.evidence.len(), max);
        too_many(ck, at(A::People), a.people.len(), max);
        too_many(ck, at(A::Prizes), a.results.len(), max);
    }
    let mut f = Vec::new();
    let mut counts: Vec<(Field, usize)> = Vec::new();
    for a in assessments {
        let name = wb.school_name(&a.school);
        for (side, scores) in [
            (Side::Own, &a.self_scores),
            (Side::Cluster, &a.cluster_scores),
        ] {
            for (c, score) in scores {
                let at = |what| Field::Score(name.clone(), side, c.clone(), what);
                if Note.too_long(score.note.as_str()) {
                    f.push((at(ItemField::Note), Note, score.note.as_str()));
                }
                lines(&mut f, || at(ItemField::Evidence), Note, &score.evidence);
                if score.evidence.len() > limits::MAX_LINES {
                    counts.push((at(ItemField::EvidenceLines), score.evidence.len()));
                }
            }
        }
        for x in &a.adjustments {
            let at = |what| Field::Adjustment(name.clone(), x.id.clone(), what);
            if Name.too_long(x.reason.as_str()) {
                f.push((at(ItemField::Reason), Name, x.reason.as_str()));
            }
            lines(&mut f, || at(ItemField::Evidence), Note, &x.evidence);
            if x.evidence.len() > limits::MAX_LINES {
                counts.push((at(ItemField::EvidenceLines), x.evidence.len()));
            }
        }
        let at = |what| Field::Assessment(name.clone(), what);
        lines(
            &mut f,
            || at(AssessmentField::Target),
            Note,
            &a.registration.targets,
        );
        if a.registration.targets.len() > limits::MAX_LINES {
            counts.push((at(AssessmentField::Targets), a.registration.targets.len()));
        }
        if Note.too_long(&a.discipline.note) {
            f.push((
                at(AssessmentField::DisciplineNote),
                Note,
                &a.discipline.note,
            ));
        }
    }
    push_fields(ck, Scope::Scores, f);
    let saved = std::mem::replace(&mut ck.scope, Scope::Scores);
    for (field, n) in counts {
        too_many(ck, || field, n, limits::MAX_LINES);
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
        let field = || match c.what {
            Counted::Members => Field::Cluster(C::Members),
            Counted::CriteriaNodes => Field::Cluster(C::CriteriaNodes),
            Counted::Activities(owner) => Field::ActivitiesOf(match owner {
                Owner::Cluster => "Cụm".to_string(),
                Owner::School(s) => wb.school_name(s),
            }),
            Counted::Adjustments(school, kind) => {
                Field::AdjustmentsOf(kind, wb.school_name(school))
            }
            // Named by their own checks (skipped below).
            Counted::Assessments | Counted::SelfScores(_) | Counted::ClusterScores(_) => {
                Field::Cluster(C::Members)
            }
        };
        match c.what {
            Counted::Assessments | Counted::SelfScores(_) | Counted::ClusterScores(_) => continue,
            Counted::Adjustments(..) if saved.is_none() => {
                saved = Some(std::mem::replace(&mut ck.scope, Scope::Scores));
            }
            _ => {}
        }
        too_many(ck, field, c.count, c.max);
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
    let mut f: Vec<Text<'_>> = Vec::new();
    let c = &wb.cluster;
    for (what, v) in [
        (C::Name, &c.name),
        (C::Region, &c.region),
        (C::ParentBody, &c.parent_body),
        (C::NumberCode, &c.number_code),
        (C::LeaderDecisionNumber, &wb.roles.decision.number),
        (C::LeaderDecisionIssuer, &wb.roles.decision.issuer),
    ] {
        f.push((Field::Cluster(what), Name, v.as_str()));
    }
    fn criteria<'a>(nodes: &'a [Criterion], out: &mut Vec<Text<'a>>) {
        for c in nodes {
            let at = |what| Field::Criterion(c.id.clone(), what);
            if TextKind::Name.too_long(&c.code) {
                out.push((at(CriterionField::Code), TextKind::Name, &c.code));
            }
            if TextKind::Name.too_long(&c.title) {
                out.push((at(CriterionField::Title), TextKind::Name, &c.title));
            }
            if TextKind::Note.too_long(&c.guidance) {
                out.push((at(CriterionField::Guidance), TextKind::Note, &c.guidance));
            }
            criteria(&c.children, out);
        }
    }
    criteria(&wb.criteria, &mut f);
    let r = &wb.rules;
    for a in &r.awards {
        if Name.too_long(&a.name) {
            f.push((Field::Award(a.id.clone(), false), Name, &a.name));
        }
        if Name.too_long(&a.short_name) {
            f.push((Field::Award(a.id.clone(), true), Name, &a.short_name));
        }
    }
    for b in r.bands.iter().filter(|b| Name.too_long(&b.name)) {
        f.push((Field::Band(b.id.clone()), Name, &b.name));
    }
    for d in r.downgrades.iter().filter(|d| Name.too_long(&d.reason)) {
        f.push((Field::Downgrade(d.id.clone()), Name, &d.reason));
    }
    let cluster = |what| move || Field::Cluster(what);
    lines(&mut f, cluster(C::LegalBasis), Note, &r.legal_basis);
    let d = &wb.documents;
    f.push((Field::Cluster(C::Place), Name, &d.place));
    for n in d.numbers.values() {
        f.push((Field::Cluster(C::DocumentNumber), Name, n));
    }
    lines(&mut f, cluster(C::Recipients), Note, &d.recipients);
    lines(&mut f, cluster(C::Attachments), Note, &d.attachments);
    f.push((Field::Cluster(C::Byline), Note, &d.news_byline));
    for (what, v) in [
        (C::ReportSituation, &d.report.situation),
        (C::ReportResults, &d.report.results),
        (C::ReportAssessment, &d.report.assessment),
        (C::ReportDirections, &d.report.directions),
        (C::ReportProposals, &d.report.proposals),
    ] {
        f.push((Field::Cluster(what), Long, v.as_str()));
    }
    push_fields(ck, Scope::File, f);
    for (what, n) in [
        (C::LegalBasisLines, r.legal_basis.len()),
        (C::RecipientLines, d.recipients.len()),
        (C::AttachmentCount, d.attachments.len()),
    ] {
        too_many(ck, cluster(what), n, limits::MAX_LINES);
    }

    let conf = &wb.conference;
    let mut f: Vec<Text<'_>> = Vec::new();
    f.push((Field::Cluster(C::ConferencePlace), Name, &conf.place));
    person(&mut f, PersonRole::Chair, &conf.chair);
    person(&mut f, PersonRole::Secretary, &conf.secretary);
    for p in &conf.co_chairs {
        person(&mut f, PersonRole::CoChair, p);
    }
    for p in &conf.guests {
        person(&mut f, PersonRole::Guest, p);
    }
    for a in &conf.attendance {
        for p in &a.representatives {
            person(&mut f, PersonRole::Representative, p);
        }
        f.push((Field::Cluster(C::AttendanceNote), Note, &a.note));
    }
    for b in &conf.ballots {
        for p in &b.counting_committee {
            person(&mut f, PersonRole::CountingCommittee, p);
        }
    }
    for t in &conf.tie_decisions {
        f.push((Field::Cluster(C::TieNote), Note, &t.note));
    }
    for d in &conf.academy_decisions {
        f.push((Field::Cluster(C::AcademyNumber), Name, &d.decision.number));
        f.push((Field::Cluster(C::AcademyIssuer), Name, &d.decision.issuer));
    }
    f.push((Field::Cluster(C::Discussion), Long, &conf.discussion));
    f.push((Field::Cluster(C::Conclusion), Long, &conf.conclusion));
    f.push((Field::Cluster(C::ElectionNote), Note, &conf.election.note));
    let h = &conf.handover;
    f.push((Field::Cluster(C::HandoverPlace), Name, &h.place));
    person(&mut f, PersonRole::Outgoing, &h.outgoing);
    person(&mut f, PersonRole::Incoming, &h.incoming);
    lines(&mut f, cluster(C::HandoverItems), Note, &h.items);
    f.push((Field::Cluster(C::HandoverNote), Note, &h.note));
    f.push((Field::Cluster(C::NextYearFile), Name, &h.next_year_file));
    push_fields(ck, Scope::Conference, f);
}
