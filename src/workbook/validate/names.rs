//! Names and titles hold printable text only. A tab or line break pasted
//! from a spreadsheet breaks a table cell; an escape sequence drives the
//! clerk's terminal; a right-to-left override makes "Bình Dương" read as
//! something else on screen and in the signed minutes.

use super::{Checker, Scope};
use crate::workbook::Person;
use crate::workbook::model::Criterion;

pub(super) fn check(ck: &mut Checker) {
    let wb = ck.wb;
    let saved = std::mem::replace(&mut ck.scope, Scope::File);
    // (what, whose, value): the label is only written for a bad value.
    let mut fields: Vec<(&str, &str, &str)> = Vec::new();
    let c = &wb.cluster;
    let all = ck.part.is_none();
    for (what, v) in [
        ("Tên cụm", c.name.as_str()),
        ("Địa bàn của cụm", &c.region),
        ("Cơ quan cấp trên", &c.parent_body),
        ("Ký hiệu văn bản của cụm", &c.number_code),
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
        fields.push(("Mã trường", who, s.id.as_str()));
        fields.push(("Tên trường", who, &s.full_name));
        fields.push(("Tên ngắn trường", s.id.as_str(), &s.short_name));
        fields.push(("Tỉnh của trường", who, &s.province));
        fields.push(("Hiệu trưởng trường", who, &s.head.name));
        fields.push(("Chức vụ hiệu trưởng trường", who, &s.head.title));
        fields.push(("Cán bộ đầu mối trường", who, &s.officer.name));
        fields.push(("Điện thoại trường", who, &s.officer.phone));
        fields.push(("Thư điện tử trường", who, &s.officer.email));
    }
    fn criteria<'a>(nodes: &'a [Criterion], out: &mut Vec<(&'a str, &'a str, &'a str)>) {
        for c in nodes {
            out.push(("Mã tiêu chí", c.id.as_str(), &c.code));
            out.push(("Tên tiêu chí", &c.code, &c.title));
            criteria(&c.children, out);
        }
    }
    let rules: &[_] = if all { &wb.rules.awards } else { &[] };
    if all {
        criteria(&wb.criteria, &mut fields);
    }
    for a in rules {
        fields.push(("Tên danh hiệu", a.id.as_str(), &a.name));
        fields.push(("Tên ngắn danh hiệu", a.id.as_str(), &a.short_name));
    }
    for b in wb.rules.bands.iter().filter(|_| all) {
        fields.push(("Tên mức xếp loại", b.id.as_str(), &b.name));
    }
    for d in wb.rules.downgrades.iter().filter(|_| all) {
        fields.push(("Trường hợp hạ loại", d.id.as_str(), &d.reason));
    }
    for act in wb
        .activities
        .iter()
        .filter(|_| ck.wants(super::RecordPart::Activities))
    {
        fields.push(("Tên hoạt động", act.id.as_str(), &act.title));
        for p in &act.people {
            fields.push(("Người tham gia hoạt động", act.id.as_str(), &p.name));
        }
        for p in &act.results {
            fields.push(("Người đạt giải hoạt động", act.id.as_str(), &p.person));
        }
    }
    let conf = &wb.conference;
    let mut people: Vec<(&str, &Person)> = vec![
        ("Chủ trì hội nghị", &conf.chair),
        ("Thư ký hội nghị", &conf.secretary),
        ("Bên giao", &conf.handover.outgoing),
        ("Bên nhận", &conf.handover.incoming),
    ];
    people.extend(conf.co_chairs.iter().map(|p| ("Đồng chủ trì", p)));
    for a in &conf.attendance {
        people.extend(a.representatives.iter().map(|p| ("Đại biểu dự họp", p)));
    }
    for b in &conf.ballots {
        people.extend(b.counting_committee.iter().map(|p| ("Ban kiểm phiếu", p)));
    }
    for (what, p) in people.into_iter().filter(|_| all) {
        fields.push((what, "", &p.name));
        fields.push((what, "chức vụ", &p.title));
    }
    for (what, whose, value) in fields {
        if let Some(bad) = crate::text::forbidden_char(value, false) {
            let what = if whose.is_empty() {
                what.to_string()
            } else {
                format!("{what} {whose}")
            };
            ck.push(
                "bad_character",
                format!(
                    "{what}: \u{201c}{}\u{201d} có ký tự điều khiển hoặc ký tự đảo chiều ẩn (U+{:04X}); hãy gõ lại.",
                    crate::text::visible(value),
                    bad as u32
                ),
            );
        }
    }
    ck.scope = saved;
}
