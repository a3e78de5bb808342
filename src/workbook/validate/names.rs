//! Names and titles hold printable text only. A tab or line break pasted
//! from a spreadsheet breaks a table cell; an escape sequence drives the
//! clerk's terminal; a right-to-left override makes "Bình Dương" read as
//! something else on screen and in the signed minutes.

use super::problem::{NameField as N, ProblemKind};
use super::{Checker, Scope};
use crate::workbook::Person;
use crate::workbook::model::Criterion;

pub(super) fn check(ck: &mut Checker) {
    let wb = ck.wb;
    let saved = std::mem::replace(&mut ck.scope, Scope::File);
    // (what, whose, value): the label is only written for a bad value.
    let mut fields: Vec<(N, &str, &str)> = Vec::new();
    let c = &wb.cluster;
    let all = ck.part.is_none();
    for (what, v) in [
        (N::ClusterName, c.name.as_str()),
        (N::Region, &c.region),
        (N::ParentBody, &c.parent_body),
        (N::NumberCode, &c.number_code),
    ] {
        if all {
            fields.push((what, "", v));
        }
    }
    for s in wb
        .members
        .iter()
        .filter(|_| ck.wants(super::RecordPart::Members))
    {
        let who = s.short_name.as_str();
        fields.push((N::SchoolId, who, s.id.as_str()));
        fields.push((N::SchoolName, who, &s.full_name));
        fields.push((N::SchoolShortName, s.id.as_str(), &s.short_name));
        fields.push((N::Province, who, &s.province));
        fields.push((N::Head, who, &s.head.name));
        fields.push((N::HeadTitle, who, &s.head.title));
        fields.push((N::Officer, who, &s.officer.name));
        fields.push((N::Phone, who, &s.officer.phone));
        fields.push((N::Email, who, &s.officer.email));
    }
    fn criteria<'a>(nodes: &'a [Criterion], out: &mut Vec<(N, &'a str, &'a str)>) {
        for c in nodes {
            out.push((N::CriterionCode, c.id.as_str(), &c.code));
            out.push((N::CriterionTitle, &c.code, &c.title));
            criteria(&c.children, out);
        }
    }
    let rules: &[_] = if all { &wb.rules.awards } else { &[] };
    if all {
        criteria(&wb.criteria, &mut fields);
    }
    for a in rules {
        fields.push((N::AwardName, a.id.as_str(), &a.name));
        fields.push((N::AwardShortName, a.id.as_str(), &a.short_name));
    }
    for b in wb.rules.bands.iter().filter(|_| all) {
        fields.push((N::BandName, b.id.as_str(), &b.name));
    }
    for d in wb.rules.downgrades.iter().filter(|_| all) {
        fields.push((N::Downgrade, d.id.as_str(), &d.reason));
    }
    for act in wb
        .activities
        .iter()
        .filter(|_| ck.wants(super::RecordPart::Activities))
    {
        fields.push((N::ActivityTitle, act.id.as_str(), &act.title));
        for p in &act.people {
            fields.push((N::ActivityPerson, act.id.as_str(), &p.name));
        }
        for p in &act.results {
            fields.push((N::ActivityWinner, act.id.as_str(), &p.person));
        }
    }
    let conf = &wb.conference;
    let mut people: Vec<(N, &Person)> = vec![
        (N::Chair, &conf.chair),
        (N::Secretary, &conf.secretary),
        (N::Outgoing, &conf.handover.outgoing),
        (N::Incoming, &conf.handover.incoming),
    ];
    people.extend(conf.co_chairs.iter().map(|p| (N::CoChair, p)));
    for a in &conf.attendance {
        people.extend(a.representatives.iter().map(|p| (N::Representative, p)));
    }
    for b in &conf.ballots {
        people.extend(
            b.counting_committee
                .iter()
                .map(|p| (N::CountingCommittee, p)),
        );
    }
    for (what, p) in people.into_iter().filter(|_| all) {
        fields.push((what, "", &p.name));
        fields.push((what, "chức vụ", &p.title));
    }
    for (what, whose, value) in fields {
        if let Some(bad) = crate::text::forbidden_char(value, false) {
            ck.push(ProblemKind::BadCharacter {
                field: what,
                whose: whose.to_string(),
                value: value.to_string(),
                bad,
            });
        }
    }
    ck.scope = saved;
}
