//! Biên bản bàn giao: the outgoing leader hands the record to the incoming.

use super::Missing;
use super::common::{self, BLANK, heading, item, labelled, or_blank};
use super::minutes::person;
use crate::document::admin::{self, Signer};
use crate::document::{Block, Document, PageSetup};
use crate::workbook::{DocKind, Workbook};

pub(super) fn missing(wb: &Workbook) -> Vec<Missing> {
    let h = &wb.conference.handover;
    let mut out = Vec::new();
    if wb.conference.election.leader.is_none() {
        out.push(Missing::refuse("cụm trưởng năm sau (bên nhận bàn giao)"));
    }
    if h.date.is_none() {
        out.push(Missing::blank("ngày bàn giao"));
    }
    if h.place.trim().is_empty() {
        out.push(Missing::blank("địa điểm bàn giao"));
    }
    if h.outgoing.name.trim().is_empty() {
        out.push(Missing::blank("đại diện bên giao"));
    }
    if h.incoming.name.trim().is_empty() {
        out.push(Missing::blank("đại diện bên nhận"));
    }
    if h.items.is_empty() {
        out.push(Missing::blank("danh mục bàn giao"));
    }
    out
}

pub(super) fn document(wb: &Workbook) -> Document {
    let h = &wb.conference.handover;
    let issuer = common::issuer(wb);
    let next = i32::from(wb.year) + 1;
    let mut doc = Document::new(
        format!("Biên bản bàn giao nhiệm vụ Cụm trưởng — {issuer}"),
        PageSetup::default(),
    );
    doc.extend(common::header(wb, DocKind::Handover, true));
    doc.extend(admin::title(
        common::style(wb),
        "Biên bản bàn giao",
        &format!("Nhiệm vụ Cụm trưởng {issuer} năm {next}"),
    ));
    let date = h.date.or(wb.conference.date);
    // At the conference's end, when the handover is that day.
    let at = if h.date.is_none() || h.date == wb.conference.date {
        wb.conference
            .end
            .map(|t| format!("vào lúc {}, ", common::time_words(Some(t))))
            .unwrap_or_default()
    } else {
        String::new()
    };
    doc.push(admin::body(&format!(
        "Hôm nay, {at}{}, tại {}, sau khi Hội nghị tổng kết phong trào thi đua năm {} bầu Cụm trưởng năm {next}, hai bên tiến hành bàn giao nhiệm vụ Cụm trưởng {issuer}.",
        common::date_words(date),
        or_blank(if h.place.trim().is_empty() { &wb.conference.place } else { &h.place }),
        wb.year
    )));
    let outgoing_school = wb
        .roles
        .leader
        .as_ref()
        .map_or_else(|| BLANK.to_string(), |l| wb.school_full_name(l));
    let incoming_school = wb
        .conference
        .election
        .leader
        .as_ref()
        .map_or_else(|| BLANK.to_string(), |l| wb.school_full_name(l));
    doc.push(heading(&format!(
        "I. BÊN GIAO (Cụm trưởng năm {}): {outgoing_school}",
        wb.year
    )));
    doc.push(labelled("Đại diện: ", &person(&h.outgoing)));
    doc.push(heading(&format!(
        "II. BÊN NHẬN (Cụm trưởng năm {next}): {incoming_school}"
    )));
    doc.push(labelled("Đại diện: ", &person(&h.incoming)));
    doc.push(heading("III. NỘI DUNG BÀN GIAO"));
    if h.items.is_empty() {
        doc.push(item(&format!("{BLANK}.")));
    }
    let n = h.items.len();
    for (i, it) in h.items.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        doc.push(item(&format!(
            "{}{end}",
            it.trim().trim_end_matches([';', '.'])
        )));
    }
    if !h.next_year_file.trim().is_empty() {
        // As the clerk names it, never by its file (issue 30).
        doc.push(admin::body(&format!(
            "Sổ thi đua năm {next} của {issuer} (thành viên, Cụm trưởng, Cụm phó, bảng tiêu chí và quy định chấm điểm) được lập tại buổi bàn giao và giao cho bên nhận."
        )));
    }
    if !h.note.trim().is_empty() {
        doc.push(admin::body(h.note.trim()));
    }
    doc.push(Block::KeepTogether(vec![
        admin::body(
            "Hai bên đã kiểm tra, thống nhất nội dung bàn giao. Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản có giá trị như nhau./.",
        )
        .into(),
        admin::signatures_two(common::style(wb), &Signer {
                lines: vec!["ĐẠI DIỆN BÊN GIAO".into()],
                name: or_blank(&h.outgoing.name),
            },
            &Signer {
                lines: vec!["ĐẠI DIỆN BÊN NHẬN".into()],
                name: or_blank(&h.incoming.name),
            },
        ),
    ]));
    doc
}
