//! Bảng tổng hợp điểm: landscape; the ranking, then every leaf criterion
//! with each school's self and cluster scores (schools in column groups).

use super::Missing;
use super::common::{self, TABLE_PT};
use crate::document::admin::{self, Signer};
use crate::document::{Block, Column, ColumnWidth, Document, FontStyle, PageSetup, Paragraph};
use crate::rules::Results;
use crate::workbook::{DocKind, Workbook};

pub(super) fn missing(wb: &Workbook) -> Vec<Missing> {
    let mut out = Vec::new();
    if wb.leaf_criteria().is_empty() {
        out.push(Missing::refuse("bảng tiêu chí chấm điểm"));
    }
    out
}

pub(super) fn document(wb: &Workbook, r: &Results) -> Document {
    let setup = PageSetup::landscape();
    let mut doc = Document::new(
        format!(
            "Bảng tổng hợp điểm thi đua năm {} — {}",
            wb.year,
            common::issuer(wb)
        ),
        setup,
    );
    doc.extend(common::header(wb, DocKind::ScoreSheet, true));
    doc.extend(admin::title(
        common::style(wb),
        "Bảng tổng hợp điểm",
        &format!(
            "Chấm điểm thi đua năm {} của {}",
            wb.year,
            common::issuer(wb)
        ),
    ));
    doc.push(
        Paragraph::text(
            format!(
                "Thang điểm {}; điểm thưởng tối đa {}, điểm trừ tối đa {}. Tổng điểm = điểm cụm chấm (điểm tự chấm ở tiêu chí cụm chưa chấm, in nghiêng) + điểm thưởng − điểm trừ.",
                wb.max_total(),
                wb.rules.bonus_cap,
                wb.rules.deduction_cap
            ),
            FontStyle::Italic,
            TABLE_PT,
        )
        .space_after(1.0),
    );
    doc.push(common::heading("1. Kết quả xếp hạng, xếp loại"));
    doc.push(common::ranking_table(wb, r, TABLE_PT));
    doc.extend(common::tie_note(wb, r, TABLE_PT));
    // No forced break: the heading keeps with the first rows of the table,
    // and the table fills the rest of the first page.
    doc.push(common::heading("2. Điểm từng tiêu chí"));
    doc.extend(common::detail_tables(wb, r, setup.text_width_mm(), 10.0));
    // Signatures: the secretary left, the leader right.
    let secretary = Signer {
        lines: vec!["NGƯỜI TỔNG HỢP".into()],
        name: common::or_blank(&wb.conference.secretary.name),
    };
    let leader = common::cluster_signer(wb);
    doc.push(admin::with_previous(Block::Columns(vec![
        Column::new(
            ColumnWidth::Relative(1.0),
            admin::signature(common::style(wb), &secretary),
        )
        .bottom(),
        Column::new(ColumnWidth::Relative(0.6), Vec::new()),
        Column::new(
            ColumnWidth::Relative(1.0),
            admin::signature(common::style(wb), &leader),
        )
        .bottom(),
    ])));
    doc
}
