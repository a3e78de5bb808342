//! Tờ trình đề nghị khen thưởng: the award proposal letter to the Academy.

use super::Missing;
use super::common::{self, TABLE_PT, ccell, hcell, lcell};
use super::minutes::award_name;
use crate::document::admin;
use crate::document::{
    Block, ColumnWidth, Document, FontStyle, PageSetup, Paragraph, Row, Span, Table,
};
use crate::rules::ballot::format_percent;
use crate::rules::{Outcome, Results};
use crate::workbook::{DocKind, Workbook};

pub(super) fn missing(wb: &Workbook, r: &Results) -> Vec<Missing> {
    let mut out = Vec::new();
    // A letter built on a ballot that does not add up would propose the
    // wrong schools: refused like the count minutes.
    for a in &r.awards {
        if let Some(why) = &a.withheld {
            out.push(Missing::refuse(format!(
                "kết quả bỏ phiếu hợp lệ cho {} ({why})",
                super::minutes::award_name(wb, &a.award)
            )));
        }
    }
    if r.proposals().next().is_none() && r.awards.iter().all(|a| a.withheld.is_none()) {
        out.push(Missing::refuse(
            "trường được đề nghị khen thưởng (kết quả bỏ phiếu đạt ngưỡng)",
        ));
    }
    if wb.rules.legal_basis.iter().all(|l| l.trim().is_empty()) {
        out.push(Missing::blank("căn cứ pháp lý (các dòng “Căn cứ …”)"));
    }
    if wb.documents.recipients.is_empty() {
        out.push(Missing::blank("nơi nhận"));
    }
    out
}

/// "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh".
fn addressee(wb: &Workbook) -> String {
    let issuer = wb.roles.decision.issuer.trim();
    if issuer.is_empty() {
        common::or_blank(&wb.cluster.parent_body)
    } else {
        issuer.to_string()
    }
}

pub(super) fn document(wb: &Workbook, r: &Results) -> Document {
    let issuer = common::issuer(wb);
    let mut doc = Document::new(
        format!("Tờ trình đề nghị khen thưởng năm {} — {issuer}", wb.year),
        PageSetup::default(),
    );
    doc.extend(common::header(wb, DocKind::Proposal, true));
    doc.extend(admin::title(
        common::style(wb),
        "Tờ trình",
        &format!("Về việc đề nghị khen thưởng thi đua năm {}", wb.year),
    ));
    doc.push(
        Paragraph::new(vec![
            Span::regular("Kính gửi: ", admin::BODY_PT),
            Span::regular(addressee(wb), admin::BODY_PT),
        ])
        .centered()
        .space_after(3.0),
    );
    let basis: Vec<&String> = wb
        .rules
        .legal_basis
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if basis.is_empty() {
        doc.push(admin::body(&format!("Căn cứ {};", common::BLANK)));
    }
    for l in basis {
        doc.push(
            admin::body(l.trim())
                .styled(FontStyle::Italic)
                .space_after(1.0),
        );
    }
    let date = wb
        .conference
        .date
        .map_or_else(|| common::BLANK.to_string(), crate::text::format_date);
    let count = r.proposals().count();
    doc.push(admin::body(&format!(
        "Căn cứ kết quả chấm điểm, bình xét và bỏ phiếu kín tại Hội nghị tổng kết phong trào thi đua năm {} của {issuer} ngày {date}, {issuer} kính trình {} xem xét, khen thưởng {count} trường có thành tích xuất sắc trong phong trào thi đua năm {}, cụ thể như sau:",
        wb.year,
        addressee(wb),
        wb.year
    )));
    let mut t = Table::new(vec![
        ColumnWidth::Mm(13.0),
        ColumnWidth::Relative(2.6),
        ColumnWidth::Relative(2.4),
        ColumnWidth::Mm(16.0),
        ColumnWidth::Mm(14.0),
        ColumnWidth::Mm(20.0),
    ])
    .header(Row::new(
        [
            "STT",
            "Trường",
            "Hình thức khen thưởng",
            "Tổng điểm",
            "Xếp hạng",
            "Tỷ lệ phiếu",
        ]
        .iter()
        .map(|h| hcell(h, TABLE_PT))
        .collect(),
    ));
    let mut n = 0;
    for a in &r.awards {
        for s in &a.schools {
            if let Outcome::Proposed {
                percent_hundredths, ..
            } = &s.outcome
            {
                n += 1;
                let score = r
                    .school(&s.school)
                    .map_or(String::new(), |x| x.totals.final_score.to_string());
                t = t.row(Row::new(vec![
                    ccell(n.to_string(), TABLE_PT),
                    lcell(wb.school_full_name(&s.school), TABLE_PT),
                    lcell(award_name(wb, &a.award), TABLE_PT),
                    ccell(score, TABLE_PT),
                    ccell(s.rank.to_string(), TABLE_PT),
                    ccell(format_percent(*percent_hundredths), TABLE_PT),
                ]));
            }
        }
    }
    doc.push(t);
    // The dossier: the clerk's list, then each nominated school's own
    // achievement report (the Academy asks for one per school).
    let mut attachments: Vec<String> = wb
        .documents
        .attachments
        .iter()
        .map(|a| a.trim().trim_end_matches([';', '.']).to_string())
        .filter(|a| !a.is_empty())
        .collect();
    let mut nominated: Vec<&crate::workbook::Id> =
        r.awards.iter().flat_map(|a| a.proposed.iter()).collect();
    let mut seen = std::collections::HashSet::new();
    nominated.retain(|s| seen.insert(*s));
    for school in nominated {
        let line = format!(
            "Báo cáo thành tích năm {} của {}",
            wb.year,
            wb.school_full_name(school)
        );
        if !attachments
            .iter()
            .any(|a| a.contains(&wb.school_full_name(school)))
        {
            attachments.push(line);
        }
    }
    if !attachments.is_empty() {
        doc.push(admin::body("Hồ sơ kèm theo gồm:"));
        let n = attachments.len();
        for (i, a) in attachments.iter().enumerate() {
            let end = if i + 1 == n { '.' } else { ';' };
            doc.push(common::item(&format!("{a}{end}")));
        }
    }
    doc.push(admin::body(&format!(
        "{issuer} kính trình {} xem xét, quyết định./.",
        addressee(wb)
    )));
    let lines = common::recipient_lines(wb, true);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    doc.push(Block::KeepTogether(vec![admin::recipients_and_signature(
        common::style(wb),
        &refs,
        &common::cluster_signer(wb),
    )]));
    doc
}
