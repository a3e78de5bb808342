//! Báo cáo tổng kết: the year-end report, with the score sheet appended.

use super::Missing;
use super::common::{self, TABLE_PT, ccell, hcell, heading, item, lcell};
use crate::document::admin;
use crate::document::{Block, ColumnWidth, Document, FontStyle, PageSetup, Paragraph, Row, Table};
use crate::rules::Results;
use crate::workbook::{ActivityKind, DocKind, Workbook};

/// The "STT" column: "STT" in bold at the table size fits on one line
/// (at 11 mm it broke as "ST/T").
const STT_MM: f32 = 13.0;

pub(super) fn missing(wb: &Workbook) -> Vec<Missing> {
    let t = &wb.documents.report;
    let mut out = Vec::new();
    for (text, what) in [
        (&t.situation, "phần tình hình chung của báo cáo"),
        (&t.results, "phần kết quả của báo cáo"),
        (&t.assessment, "phần đánh giá chung của báo cáo"),
        (&t.directions, "phần phương hướng năm sau của báo cáo"),
        (&t.proposals, "phần đề xuất, kiến nghị của báo cáo"),
    ] {
        if text.trim().is_empty() {
            out.push(Missing::blank(what));
        }
    }
    if wb.documents.recipients.is_empty() {
        out.push(Missing::blank("nơi nhận"));
    }
    out
}

pub(super) fn document(wb: &Workbook, r: &Results, previous: Option<&Workbook>) -> Document {
    let issuer = common::issuer(wb);
    let next = i32::from(wb.year) + 1;
    let texts = &wb.documents.report;
    let mut doc = Document::new(
        format!(
            "Báo cáo tổng kết phong trào thi đua năm {} — {issuer}",
            wb.year
        ),
        PageSetup::default(),
    );
    doc.extend(common::header(wb, DocKind::Report, true));
    doc.extend(admin::title(
        common::style(wb),
        "Báo cáo",
        &format!(
            "Tổng kết phong trào thi đua năm {} và phương hướng nhiệm vụ năm {next}",
            wb.year
        ),
    ));
    doc.push(heading("I. TÌNH HÌNH CHUNG"));
    doc.extend(common::paragraphs(&texts.situation));
    doc.push(heading("II. KẾT QUẢ THỰC HIỆN"));
    doc.extend(common::paragraphs(&texts.results));
    doc.push(heading("1. Các hoạt động theo loại"));
    let mut by_kind = Table::new(vec![
        ColumnWidth::Mm(STT_MM),
        ColumnWidth::Relative(1.4),
        ColumnWidth::Mm(14.0),
        ColumnWidth::Relative(3.0),
    ])
    .header(Row::new(
        ["STT", "Loại hoạt động", "Số lượng", "Hoạt động"]
            .iter()
            .map(|h| hcell(h, TABLE_PT))
            .collect(),
    ));
    let mut n = 0;
    for kind in ActivityKind::ALL {
        let acts: Vec<_> = wb.activities.iter().filter(|a| a.kind == kind).collect();
        if acts.is_empty() {
            continue;
        }
        n += 1;
        let list: Vec<Paragraph> = acts
            .iter()
            .map(|a| {
                let mut line = format!(
                    "- {} ({}",
                    a.title.trim(),
                    crate::text::format_date(a.start)
                );
                if let Some(h) = &a.host {
                    line.push_str(&format!("; đăng cai: {}", wb.school_name(h)));
                }
                line.push(')');
                Paragraph::text(line, FontStyle::Regular, TABLE_PT - 1.0)
            })
            .collect();
        by_kind = by_kind.row(Row::new(vec![
            ccell(n.to_string(), TABLE_PT),
            lcell(kind.label(), TABLE_PT),
            ccell(acts.len().to_string(), TABLE_PT),
            crate::document::Cell::new(list),
        ]));
    }
    if n == 0 {
        doc.push(admin::body("Trong năm chưa ghi nhận hoạt động nào."));
    } else {
        doc.push(by_kind);
    }
    doc.push(heading("2. Các hoạt động theo trường"));
    let mut by_school = Table::new(vec![
        ColumnWidth::Mm(STT_MM),
        ColumnWidth::Relative(1.6),
        ColumnWidth::Mm(18.0),
        ColumnWidth::Mm(18.0),
        ColumnWidth::Relative(2.2),
    ])
    .header(Row::new(
        ["STT", "Trường", "Đăng cai", "Tham gia", "Giải thưởng"]
            .iter()
            .map(|h| hcell(h, TABLE_PT))
            .collect(),
    ));
    for (i, s) in wb.current_members().enumerate() {
        let hosted = wb
            .activities
            .iter()
            .filter(|a| a.host.as_ref() == Some(&s.id))
            .count();
        let joined = wb
            .activities
            .iter()
            .filter(|a| a.participants.contains(&s.id) || a.host.as_ref() == Some(&s.id))
            .count();
        let prizes: Vec<String> = wb
            .activities
            .iter()
            .flat_map(|a| a.results.iter().map(move |p| (a, p)))
            .filter(|(_, p)| p.school.as_ref() == Some(&s.id))
            .map(|(a, p)| {
                if p.person.trim().is_empty() {
                    format!("{} — {}", p.prize, a.title)
                } else {
                    format!("{} ({}) — {}", p.prize, p.person, a.title)
                }
            })
            .collect();
        let prize_cell = if prizes.is_empty() {
            lcell("—", TABLE_PT - 1.0)
        } else {
            crate::document::Cell::new(
                prizes
                    .iter()
                    .map(|p| Paragraph::text(format!("- {p}"), FontStyle::Regular, TABLE_PT - 1.0))
                    .collect(),
            )
        };
        by_school = by_school.row(Row::new(vec![
            ccell((i + 1).to_string(), TABLE_PT),
            lcell(s.short_name.clone(), TABLE_PT),
            ccell(hosted.to_string(), TABLE_PT),
            ccell(joined.to_string(), TABLE_PT),
            prize_cell,
        ]));
    }
    doc.push(by_school);
    doc.push(heading("3. Kết quả chấm điểm, xếp loại"));
    doc.push(common::ranking_table(wb, r, TABLE_PT));
    let proposals = super::minutes::proposal_lines(wb, r);
    if !proposals.is_empty() {
        doc.push(admin::body(
            "Qua bình xét, bỏ phiếu kín, Hội nghị thống nhất:",
        ));
        for p in &proposals {
            doc.push(item(p));
        }
    }
    // The comparison only with the previous year's own workbook: without
    // it the part is left out (nothing follows it to renumber).
    if let Some(prev) = previous.filter(|p| i32::from(p.year) == i32::from(wb.year) - 1) {
        doc.push(heading(&format!("4. So sánh với năm {}", prev.year)));
        doc.extend(super::comparison::blocks(wb, r, prev));
    }
    doc.push(heading("III. ĐÁNH GIÁ CHUNG"));
    doc.extend(common::paragraphs(&texts.assessment));
    doc.push(heading(&format!("IV. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM {next}")));
    doc.extend(common::paragraphs(&texts.directions));
    doc.push(heading("V. ĐỀ XUẤT, KIẾN NGHỊ"));
    doc.extend(common::closing(common::paragraphs(&texts.proposals)));
    let lines = common::recipient_lines(wb, false);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    doc.push(Block::KeepTogether(vec![admin::recipients_and_signature(
        common::style(wb),
        &refs,
        &common::cluster_signer(wb),
    )]));
    // Appendix: the score sheet, criteria by schools.
    doc.push(Block::PageBreak);
    doc.push(
        Paragraph::text("PHỤ LỤC", FontStyle::Bold, admin::BODY_PT)
            .centered()
            .space_after(1.0),
    );
    doc.push(
        Paragraph::text(
            format!("Bảng tổng hợp điểm chấm thi đua năm {}", wb.year),
            FontStyle::Bold,
            admin::BODY_PT,
        )
        .centered(),
    );
    doc.push(
        Paragraph::text(
            // "(Kèm theo Báo cáo số 07/BC-CTĐ8 ngày 22/11/2019 của …)".
            format!(
                "(Kèm theo Báo cáo {}{} của {issuer})",
                common::document_number(wb, DocKind::Report)
                    .replacen("Số: ", "số ", 1)
                    .replacen("Số ", "số ", 1),
                common::doc_date(wb, DocKind::Report)
                    .map(|d| format!(" ngày {}", crate::text::format_date(d)))
                    .unwrap_or_default()
            ),
            FontStyle::Italic,
            TABLE_PT,
        )
        .centered()
        .space_after(2.0),
    );
    let width = doc.setup.text_width_mm();
    doc.extend(common::detail_tables(wb, r, width, 10.0));
    doc
}
