//! Giao ước thi đua: each school's registration and targets, signed by
//! every member school.

use super::Missing;
use super::common::{self, BLANK, heading, item};
use crate::document::admin::{self, Signer};
use crate::document::{Block, Document, PageSetup};
use crate::workbook::{DocKind, Workbook};

pub(super) fn missing(wb: &Workbook) -> Vec<Missing> {
    wb.current_members()
        .filter(|s| {
            wb.assessment(&s.id)
                .is_none_or(|a| a.registration.targets.iter().all(|t| t.trim().is_empty()))
        })
        .map(|s| Missing::blank(format!("chỉ tiêu đăng ký thi đua của {}", s.short_name)))
        .collect()
}

pub(super) fn document(wb: &Workbook) -> Document {
    let issuer = common::issuer(wb);
    let mut doc = Document::new(
        format!("Giao ước thi đua năm {} — {issuer}", wb.year),
        PageSetup::default(),
    );
    doc.extend(common::header(wb, DocKind::Pact, true));
    doc.extend(admin::title(
        common::style(wb),
        "Giao ước thi đua",
        &format!("Năm {} của các trường thuộc {issuer}", wb.year),
    ));
    for l in wb.rules.legal_basis.iter().filter(|l| !l.trim().is_empty()) {
        doc.push(
            admin::body(l.trim())
                .styled(crate::document::FontStyle::Italic)
                .space_after(1.0),
        );
    }
    doc.push(admin::body(&format!(
        "Các trường thành viên {issuer} thống nhất ký kết giao ước thi đua năm {} với các nội dung sau:",
        wb.year
    )));
    doc.push(heading("I. NỘI DUNG THI ĐUA CHUNG"));
    doc.push(admin::body(
        "Các trường thi đua thực hiện tốt nhiệm vụ chính trị được giao; nâng cao chất lượng đào tạo, bồi dưỡng, nghiên cứu khoa học; tích cực tham gia các hoạt động do Cụm và Học viện tổ chức; thực hiện nghiêm chế độ thông tin, báo cáo; xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh.",
    ));
    doc.push(heading("II. ĐĂNG KÝ THI ĐUA CỦA CÁC TRƯỜNG"));
    for (i, s) in wb.current_members().enumerate() {
        let reg = wb.assessment(&s.id).map(|a| &a.registration);
        let award = reg
            .and_then(|r| r.award.as_ref())
            .and_then(|a| wb.award(a))
            .map(|a| a.name.clone());
        let mut line = format!("{}. {}", i + 1, s.full_name);
        if let Some(a) = award {
            line.push_str(&format!(" — đăng ký: {a}"));
        }
        doc.push(common::labelled(&line, ""));
        let targets: Vec<&String> = reg
            .map(|r| r.targets.iter().filter(|t| !t.trim().is_empty()).collect())
            .unwrap_or_default();
        if targets.is_empty() {
            doc.push(item(&format!("{BLANK}.")));
        }
        let n = targets.len();
        for (k, t) in targets.into_iter().enumerate() {
            let end = if k + 1 == n { "." } else { ";" };
            doc.push(item(&format!(
                "{}{end}",
                t.trim().trim_end_matches([';', '.'])
            )));
        }
    }
    doc.push(admin::body(&format!(
        "Các trường cam kết thực hiện tốt các nội dung đã giao ước. Kết quả thực hiện là căn cứ để {issuer} chấm điểm, bình xét thi đua cuối năm {}./.",
        wb.year
    )));
    let signers: Vec<Signer> = wb
        .current_members()
        .map(|s| {
            let mut lines = admin::unit_lines(&s.full_name);
            lines.push(if s.head.title.trim().is_empty() {
                "HIỆU TRƯỞNG".into()
            } else {
                s.head.title.to_uppercase()
            });
            Signer {
                lines,
                name: common::or_blank(&s.head.name),
            }
        })
        .collect();
    doc.push(Block::Spacer(4.0));
    // The signatures stay together (no school's alone on the last page),
    // with the last lines of the text above them.
    doc.push(admin::with_previous(Block::KeepTogether(
        admin::signature_grid(common::style(wb), &signers, 2),
    )));
    doc
}
