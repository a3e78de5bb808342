//! What the documents share: numbers, the place-date line, the header, the
//! cluster's signer, blanks, and the score tables.

use super::Missing;
use crate::document::admin::{self, HeaderSpec, HeaderStyle, Signer};
use crate::document::{
    Align, Block, Cell, ColumnWidth, FontStyle, Paragraph, Row, Span, Table, VAlign,
};
use crate::rules::{Results, SchoolResult, scores::CriterionScore};
use crate::workbook::{Criterion, DocKind, DocumentStyle, Id, Workbook};
use jiff::civil::{Date, Time};
use std::collections::HashMap;

/// The visible blank of a draft.
pub const BLANK: &str = "……";

pub(crate) const BODY_PT: f32 = admin::BODY_PT;
pub(crate) const TABLE_PT: f32 = 12.0;

pub(crate) fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        BLANK.to_string()
    } else {
        s.trim().to_string()
    }
}

/// "Số: 05/BB-CTĐ8" (State) or "Số 05-BB/CTĐ8" (Party); "……" for a
/// missing number.
pub fn document_number(wb: &Workbook, kind: DocKind) -> String {
    let n = wb
        .documents
        .numbers
        .get(&kind)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(BLANK);
    let abbr = kind.abbreviation();
    let code = or_blank(&wb.cluster.number_code);
    match wb.cluster.document_style {
        DocumentStyle::State => format!("Số: {n}/{abbr}-{code}"),
        DocumentStyle::Party => format!("Số {n}-{abbr}/{code}"),
    }
}

/// The document's date: its own, else the conference's.
pub(crate) fn doc_date(wb: &Workbook, kind: DocKind) -> Option<Date> {
    wb.documents
        .dates
        .get(&kind)
        .copied()
        .or(wb.conference.date)
}

/// The place of the date line: documents.place, else the leader's province.
pub(crate) fn doc_place(wb: &Workbook) -> String {
    let place = wb.documents.place.trim();
    if !place.is_empty() {
        return place.to_string();
    }
    wb.roles
        .leader
        .as_ref()
        .and_then(|l| wb.school(l))
        .map(|s| s.province.trim().to_string())
        .unwrap_or_default()
}

/// "Bà Rịa - Vũng Tàu, ngày 22 tháng 11 năm 2019", with blanks for what is
/// missing.
pub fn place_date(wb: &Workbook, kind: DocKind) -> String {
    let place = or_blank(&doc_place(wb));
    match doc_date(wb, kind) {
        Some(d) => {
            admin::place_date_line(&place, d.day() as u32, d.month() as u32, d.year().into())
        }
        None => format!("{place}, ngày {BLANK} tháng {BLANK} năm {}", wb.year),
    }
}

/// "ngày 22 tháng 11 năm 2019" (Decree 30 leading zeros), or blanks.
pub(crate) fn date_words(d: Option<Date>) -> String {
    match d {
        Some(d) => admin::place_date_line("", d.day() as u32, d.month() as u32, d.year().into()),
        None => format!("ngày {BLANK} tháng {BLANK} năm {BLANK}"),
    }
}

/// "08 giờ 00" or "…… giờ ……".
pub(crate) fn time_words(t: Option<Time>) -> String {
    match t {
        Some(t) => format!("{:02} giờ {:02}", t.hour(), t.minute()),
        None => format!("{BLANK} giờ {BLANK}"),
    }
}

/// "CỤM THI ĐUA SỐ 8".
pub(crate) fn issuer(wb: &Workbook) -> String {
    wb.cluster_title()
}

/// The layout the cluster chose: State (Decree 30) or Party (Guide 36).
pub(crate) fn style(wb: &Workbook) -> HeaderStyle {
    match wb.cluster.document_style {
        DocumentStyle::State => HeaderStyle::State,
        DocumentStyle::Party => HeaderStyle::Party,
    }
}

pub(crate) fn header(wb: &Workbook, kind: DocKind, numbered: bool) -> Vec<Block> {
    admin::header(&HeaderSpec {
        parent_body: wb.cluster.parent_body.clone(),
        issuer: issuer(wb),
        style: style(wb),
        number: if numbered {
            document_number(wb, kind)
        } else {
            String::new()
        },
        place_date: place_date(wb, kind),
    })
}

/// The leader school's head, who signs for the cluster.
pub(crate) fn leader_head(wb: &Workbook) -> String {
    wb.roles
        .leader
        .as_ref()
        .and_then(|l| wb.school(l))
        .map(|s| s.head.name.clone())
        .unwrap_or_default()
}

/// "TM. CỤM THI ĐUA SỐ 8 / CỤM TRƯỞNG / name" ("T/M" in the Party
/// layout).
pub(crate) fn cluster_signer(wb: &Workbook) -> Signer {
    Signer {
        lines: vec![
            format!(
                "{} {}",
                style(wb).sizes().on_behalf,
                issuer(wb).to_uppercase()
            ),
            "CỤM TRƯỞNG".to_string(),
        ],
        name: or_blank(&leader_head(wb)),
    }
}

/// What every document needs.
pub(crate) fn missing_common(wb: &Workbook, kind: DocKind) -> Vec<Missing> {
    let mut out = Vec::new();
    if wb.current_members().next().is_none() {
        out.push(Missing::refuse("danh sách trường thành viên"));
    }
    let numbered = !matches!(kind, DocKind::Ballots | DocKind::News);
    if numbered
        && wb
            .documents
            .numbers
            .get(&kind)
            .is_none_or(|n| n.trim().is_empty())
    {
        out.push(Missing::blank("số văn bản"));
    }
    if wb.cluster.number_code.trim().is_empty() && numbered {
        out.push(Missing::blank("ký hiệu của Cụm trong số văn bản"));
    }
    // The news item has no administrative header (number, place and date
    // line): its own lead says when and where.
    let dated = kind != DocKind::News;
    if dated && doc_date(wb, kind).is_none() {
        out.push(Missing::blank("ngày văn bản (hoặc ngày hội nghị)"));
    }
    if dated && doc_place(wb).is_empty() {
        out.push(Missing::blank("địa danh ghi ngày tháng"));
    }
    if matches!(
        kind,
        DocKind::ScoreSheet | DocKind::Minutes | DocKind::Proposal | DocKind::Report
    ) && leader_head(wb).trim().is_empty()
    {
        out.push(Missing::blank(
            "tên người ký (hiệu trưởng trường cụm trưởng)",
        ));
    }
    out
}

/// Recipients lines in the Decree's form: "- X;" … "- Lưu: VT, …". A
/// document with a "Kính gửi" line (`addressed`) starts with "- Như trên;"
/// (the addressee is not named twice).
pub(crate) fn recipient_lines(wb: &Workbook, addressed: bool) -> Vec<String> {
    let mut lines: Vec<String> = wb
        .documents
        .recipients
        .iter()
        .map(|l| l.trim().trim_end_matches([';', '.']).to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if addressed && !lines.iter().any(|l| l.starts_with("Như trên")) {
        lines.insert(0, "Như trên".to_string());
    }
    if !lines.iter().any(|l| l.starts_with("Lưu")) {
        lines.push(format!("Lưu: VT, {}", or_blank(&wb.cluster.number_code)));
    }
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| format!("- {l}{}", if i + 1 == n { "." } else { ";" }))
        .collect()
}

/// Text typed one paragraph per line, as body paragraphs; a blank line for
/// the clerk's pen when nothing was typed.
pub(crate) fn paragraphs(text: &str) -> Vec<Block> {
    let paras: Vec<Block> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| admin::body(l.trim()).into())
        .collect();
    if paras.is_empty() {
        vec![admin::body(BLANK).into()]
    } else {
        paras
    }
}

/// The body's last paragraph closed with "./." — Decree 30/2020,
/// Appendix I, part I.7: the end of a document's content is marked "./."
/// right after its last word (a full stop typed there is not doubled).
/// Guide 36 forms end the same way.
pub(crate) fn closing(mut blocks: Vec<Block>) -> Vec<Block> {
    if let Some(Block::Paragraph(p)) = blocks.last_mut()
        && let Some(span) = p.spans.last_mut()
        && !span.text.trim_end().ends_with("./.")
    {
        let text = span.text.trim_end().trim_end_matches(['.', ';', ',']);
        span.text = format!("{text}./.");
    }
    blocks
}

/// A bold heading line ("I. THÀNH PHẦN").
pub(crate) fn heading(text: &str) -> Block {
    Paragraph::text(text, FontStyle::Bold, BODY_PT)
        .role(crate::document::Role::Heading)
        .align(Align::Justify)
        .indent(10.0)
        .space_before(2.0)
        .space_after(1.5)
        .keep_with_next()
        .into()
}

/// A body paragraph with a bold lead-in ("Chủ trì: ").
pub(crate) fn labelled(label: &str, text: &str) -> Block {
    Paragraph::new(vec![
        Span::bold(label, BODY_PT),
        Span::regular(text, BODY_PT),
    ])
    .align(Align::Justify)
    .indent(10.0)
    .space_after(1.5)
    .into()
}

/// A "- item" line of a list.
pub(crate) fn item(text: &str) -> Block {
    Paragraph::text(format!("- {text}"), FontStyle::Regular, BODY_PT)
        .align(Align::Justify)
        .indent(10.0)
        .space_after(1.0)
        .into()
}

pub(crate) fn hcell(text: &str, size: f32) -> Cell {
    Cell::text(text, size).bold().centered().middle()
}

pub(crate) fn ccell(text: impl Into<String>, size: f32) -> Cell {
    let mut c = Cell::text(text, size).centered();
    c.v_align = VAlign::Middle;
    c
}

pub(crate) fn lcell(text: impl Into<String>, size: f32) -> Cell {
    let mut c = Cell::text(text, size);
    c.v_align = VAlign::Middle;
    c
}

/// The width a column needs so that none of `texts` is cut: the widest,
/// measured in the font and size it is printed in, plus the cell's
/// padding on both sides and a hair for rounding; never under `floor`.
/// Figures and codes are single words: a column narrower than one would
/// cut it between characters ("962,2" over "5").
pub(crate) fn fit_mm<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    style: FontStyle,
    size: f32,
    padding_x_mm: f32,
    floor: f32,
) -> f32 {
    let widest = texts
        .into_iter()
        .map(|t| crate::document::fonts::text_width_mm(t, style, size))
        .fold(0.0, f32::max);
    (widest + 2.0 * padding_x_mm + 0.4).max(floor)
}

/// Rank, with "=" for a tie that the chain could not break.
pub(crate) fn rank_text(s: &SchoolResult) -> String {
    if s.tied_with.is_empty() {
        s.rank.to_string()
    } else {
        format!("{} (đồng hạng)", s.rank)
    }
}

/// The ranking: one row per school, best first.
pub(crate) fn ranking_table(wb: &Workbook, r: &Results, size: f32) -> Table {
    // "2 (đồng hạng)" on one line: the rank column is as wide as its
    // widest entry needs (cell padding 1.5 mm each side).
    let rank_mm = r
        .schools
        .iter()
        .map(|s| crate::document::fonts::text_width_mm(&rank_text(s), FontStyle::Regular, size))
        .fold(10.0, f32::max)
        + 3.5;
    // The figures' columns as wide as their widest figure (a 1 000-point
    // table's "962,25" in bold is wider than a 100-point one's).
    let pad = Table::new(Vec::new()).padding_x_mm;
    let figures = |f: &dyn Fn(&SchoolResult) -> String, style: FontStyle, floor: f32| {
        let texts: Vec<String> = r.schools.iter().map(f).collect();
        fit_mm(texts.iter().map(String::as_str), style, size, pad, floor)
    };
    let mut t = Table::new(vec![
        ColumnWidth::Mm(rank_mm),
        ColumnWidth::Relative(2.0),
        ColumnWidth::Mm(figures(
            &|s| s.totals.self_total.to_string(),
            FontStyle::Regular,
            15.0,
        )),
        ColumnWidth::Mm(figures(
            &|s| s.totals.cluster_total.to_string(),
            FontStyle::Regular,
            15.0,
        )),
        ColumnWidth::Mm(figures(
            &|s| s.totals.bonus.to_string(),
            FontStyle::Regular,
            18.0,
        )),
        ColumnWidth::Mm(figures(
            &|s| s.totals.deduction.to_string(),
            FontStyle::Regular,
            12.0,
        )),
        ColumnWidth::Mm(figures(
            &|s| s.totals.final_score.to_string(),
            FontStyle::Bold,
            15.0,
        )),
        ColumnWidth::Relative(2.4),
    ])
    .header(Row::new(
        [
            "Hạng",
            "Trường",
            "Tự chấm",
            "Cụm chấm",
            "Thưởng",
            "Trừ",
            "Tổng điểm",
            "Xếp loại",
        ]
        .iter()
        .map(|h| hcell(h, size - 1.0))
        .collect(),
    ));
    for s in &r.schools {
        let tt = &s.totals;
        t = t.row(Row::new(vec![
            ccell(rank_text(s), size),
            lcell(wb.school_name(&tt.school), size),
            ccell(tt.self_total.to_string(), size),
            ccell(tt.cluster_total.to_string(), size),
            ccell(tt.bonus.to_string(), size),
            ccell(tt.deduction.to_string(), size),
            ccell(tt.final_score.to_string(), size).bold(),
            lcell(s.rating.band_name.clone(), size),
        ]));
    }
    t
}

/// The criteria × schools tables: criteria as rows, each school a pair of
/// columns (self, cluster), schools split into groups that fit `width_mm`.
/// Each group is a table of its own with its header rows repeated on every
/// page.
pub(crate) fn detail_tables(wb: &Workbook, r: &Results, width_mm: f32, size: f32) -> Vec<Block> {
    const CODE_MM: f32 = 11.0;
    const MAX_MM: f32 = 12.0;
    const MIN_TITLE_MM: f32 = 55.0;
    const SCORE_MM: f32 = 11.5;
    const PADDING_X_MM: f32 = 1.0;
    let schools = &r.schools;
    if schools.is_empty() || wb.criteria.is_empty() {
        return Vec::new();
    }
    let codes = wb.criterion_codes();
    // Columns sized from the widest code, maximum and score measured in
    // the face they print in (bold: parents and totals), so a figure or a
    // code is never cut; when even one school's pair of columns would not
    // fit beside the titles, the table's text goes a step smaller first.
    let mut all_codes: Vec<String> = Vec::new();
    let mut maxima: Vec<String> = vec![wb.max_total().to_string()];
    collect_codes(&wb.criteria, &codes, &mut all_codes, &mut maxima, 0);
    let mut scores: Vec<String> = Vec::new();
    for s in schools {
        let t = &s.totals;
        scores.push(t.self_total.to_string());
        scores.push(t.cluster_total.to_string());
        for c in &t.criteria {
            scores.extend(c.self_score.map(|p| p.to_string()));
            scores.extend(c.cluster_score.map(|p| p.to_string()));
            scores.push(c.effective.to_string());
        }
    }
    // Section subtotals print in bold too: their widest is at most a
    // total's, already measured.
    let measure = |size: f32| {
        let code = fit_mm(
            all_codes.iter().map(String::as_str),
            FontStyle::Bold,
            size,
            PADDING_X_MM,
            CODE_MM,
        );
        let max = fit_mm(
            maxima.iter().map(String::as_str),
            FontStyle::Bold,
            size,
            PADDING_X_MM,
            MAX_MM,
        );
        let score = fit_mm(
            scores.iter().map(String::as_str),
            FontStyle::Bold,
            size,
            PADDING_X_MM,
            SCORE_MM,
        );
        (code, max, score)
    };
    let mut size = size;
    let (mut code_mm, mut max_mm, mut score_mm) = measure(size);
    for _ in 0..2 {
        if width_mm - code_mm - max_mm - MIN_TITLE_MM >= 2.0 * score_mm {
            break;
        }
        size -= 1.0;
        (code_mm, max_mm, score_mm) = measure(size);
    }
    let fit =
        (((width_mm - code_mm - max_mm - MIN_TITLE_MM) / (2.0 * score_mm)).floor() as usize).max(1);
    let groups = schools.len().div_ceil(fit);
    // Balanced groups (7 schools in three: 3, 2, 2 — not 3, 3, 1).
    let (base, extra) = (schools.len() / groups, schools.len() % groups);
    let bounds: Vec<(usize, usize)> = (0..groups)
        .scan(0, |start, g| {
            let len = base + usize::from(g < extra);
            let range = (*start, *start + len);
            *start += len;
            Some(range)
        })
        .collect();
    // Per school: leaf id → score line.
    let maps: Vec<HashMap<&Id, &CriterionScore>> = schools
        .iter()
        .map(|s| {
            s.totals
                .criteria
                .iter()
                .map(|c| (&c.criterion, c))
                .collect()
        })
        .collect();
    // What the type faces of the scores mean, above the tables.
    let mut blocks: Vec<Block> = vec![
        Paragraph::text(
            "Số in đậm: điểm Cụm chấm khác điểm tự chấm; số in nghiêng: tiêu chí Cụm chưa chấm, tính theo điểm tự chấm.",
            FontStyle::Italic,
            size,
        )
        .space_after(1.0)
        .keep_with_next()
        .into(),
    ];
    for (g, &(from, to)) in bounds.iter().enumerate() {
        let (chunk, maps) = (&schools[from..to], &maps[from..to]);
        if groups > 1 {
            let (first, last) = (from + 1, to);
            let which = if first == last {
                format!("trường xếp hạng thứ {first}")
            } else {
                format!("các trường xếp hạng thứ {first} đến {last}")
            };
            blocks.push(
                Paragraph::text(
                    format!("Phần {}/{groups}: {which}", g + 1),
                    FontStyle::Italic,
                    size,
                )
                .space_before(2.0)
                .keep_with_next()
                .into(),
            );
        }
        let mut columns = vec![
            ColumnWidth::Mm(code_mm),
            ColumnWidth::Relative(1.0),
            ColumnWidth::Mm(max_mm),
        ];
        columns.extend(std::iter::repeat_n(
            ColumnWidth::Mm(score_mm),
            2 * chunk.len(),
        ));
        let small = size - 1.0;
        let mut top = vec![
            hcell("Mã", small).span_rows(2),
            hcell("Tiêu chí", small).span_rows(2),
            hcell("Điểm chuẩn", small).span_rows(2),
        ];
        let mut second = vec![Cell::empty(), Cell::empty(), Cell::empty()];
        for s in chunk {
            top.push(hcell(&wb.school_name(&s.totals.school), small).span_columns(2));
            second.push(hcell("Tự chấm", small));
            second.push(hcell("Cụm chấm", small));
        }
        let mut t = Table::new(columns)
            .header(Row::new(top))
            .header(Row::new(second));
        t.padding_x_mm = PADDING_X_MM;
        t.padding_y_mm = 0.6;
        for node in &wb.criteria {
            criterion_rows(&mut t, node, &codes, maps, size, 0);
        }
        // Totals.
        let summary = |label: &str, cells: Vec<Cell>| {
            let mut row = vec![
                Cell::text(label, size).bold().span_columns(2),
                ccell(String::new(), size),
            ];
            row.extend(cells);
            Row::new(row)
        };
        let max_total = wb.max_total().to_string();
        let mut total_row = vec![
            Cell::text("Cộng điểm tiêu chí", size)
                .bold()
                .span_columns(2),
            ccell(max_total, size).bold(),
        ];
        for s in chunk {
            total_row.push(ccell(s.totals.self_total.to_string(), size).bold());
            total_row.push(ccell(s.totals.cluster_total.to_string(), size).bold());
        }
        // The totals never go over a page break alone: they stay with the
        // last criterion and with each other (a single "Xếp loại" row under
        // a whole repeated header read as a table of its own).
        let summary_from = t.body_rows.len().saturating_sub(1);
        t = t.row(Row::new(total_row));
        let pair = |f: &dyn Fn(&SchoolResult) -> String, bold: bool| -> Vec<Cell> {
            chunk
                .iter()
                .map(|s| {
                    let c = ccell(f(s), size).span_columns(2);
                    if bold { c.bold() } else { c }
                })
                .collect()
        };
        t = t.row(summary(
            &format!("Điểm thưởng (tối đa {})", wb.rules.bonus_cap),
            pair(&|s| s.totals.bonus.to_string(), false),
        ));
        t = t.row(summary(
            &format!("Điểm trừ (tối đa {})", wb.rules.deduction_cap),
            pair(&|s| s.totals.deduction.to_string(), false),
        ));
        t = t.row(summary(
            "Tổng điểm",
            pair(&|s| s.totals.final_score.to_string(), true),
        ));
        // Two score columns are narrow for "46 (đồng hạng)": the rank on
        // its line, the tie on the next, never cut inside the words.
        let ranks: Vec<Cell> = chunk
            .iter()
            .map(|s| {
                let text = if s.tied_with.is_empty() {
                    s.rank.to_string()
                } else {
                    format!("{}\n(đồng hạng)", s.rank)
                };
                ccell(text, small).bold().span_columns(2)
            })
            .collect();
        t = t.row(summary("Xếp hạng", ranks));
        let band = |s: &SchoolResult| s.rating.band_name.clone();
        let bands: Vec<Cell> = chunk
            .iter()
            .map(|s| ccell(band(s), small).span_columns(2))
            .collect();
        t = t.row(summary("Xếp loại", bands));
        let last = t.body_rows.len() - 1;
        for row in &mut t.body_rows[summary_from..last] {
            row.keep_with_next = true;
        }
        blocks.push(Block::Table(t));
    }
    blocks
}

/// Every code ("VIII.12") and maximum of the tree, as the table prints them.
fn collect_codes(
    nodes: &[Criterion],
    codes: &HashMap<Id, String>,
    out_codes: &mut Vec<String>,
    out_max: &mut Vec<String>,
    depth: usize,
) {
    for node in nodes {
        out_codes.push(
            codes
                .get(&node.id)
                .cloned()
                .unwrap_or_else(|| node.code.clone()),
        );
        out_max.push(node.max_points().to_string());
        if depth < 8 {
            collect_codes(&node.children, codes, out_codes, out_max, depth + 1);
        }
    }
}

fn criterion_rows(
    t: &mut Table,
    node: &Criterion,
    codes: &HashMap<Id, String>,
    maps: &[HashMap<&Id, &CriterionScore>],
    size: f32,
    depth: usize,
) {
    let leaf = node.is_leaf();
    let leaves = node.leaves();
    // "II.1", not a "1" that restarts in every section.
    let code = codes
        .get(&node.id)
        .cloned()
        .unwrap_or_else(|| node.code.clone());
    let mut row = vec![
        ccell(code, size),
        lcell(node.title.clone(), size),
        ccell(node.max_points().to_string(), size),
    ];
    if !leaf {
        row = row.into_iter().map(Cell::bold).collect();
    }
    for m in maps {
        if leaf {
            let line = m.get(&node.id);
            let own = line.and_then(|c| c.self_score);
            let cluster = line.and_then(|c| c.cluster_score);
            row.push(ccell(own.map_or("—".into(), |p| p.to_string()), size));
            // Not reviewed by the cluster: the self-score counts, in italics.
            // A cluster score that differs from the self-score is bold.
            let cell = match (own, cluster) {
                (_, None) => {
                    let effective = line.map_or(String::from("—"), |c| c.effective.to_string());
                    let mut c = ccell(effective, size);
                    c.paragraphs = c
                        .paragraphs
                        .into_iter()
                        .map(|p| p.styled(FontStyle::Italic))
                        .collect();
                    c
                }
                (Some(o), Some(c)) if o != c => ccell(c.to_string(), size).bold(),
                (_, Some(c)) => ccell(c.to_string(), size),
            };
            row.push(cell);
        } else {
            let sum = |f: &dyn Fn(&CriterionScore) -> Option<crate::workbook::Points>| {
                leaves
                    .iter()
                    .filter_map(|l| m.get(&l.id).and_then(|c| f(c)))
                    .sum::<crate::workbook::Points>()
            };
            row.push(ccell(sum(&|c| c.self_score).to_string(), size).bold());
            row.push(ccell(sum(&|c| Some(c.effective)).to_string(), size).bold());
        }
    }
    // A section or parent row never stays at a page foot without its first
    // criterion under it.
    let row = Row::new(row);
    t.body_rows
        .push(if leaf { row } else { row.keep_with_next() });
    if depth < 8 {
        for c in &node.children {
            criterion_rows(t, c, codes, maps, size, depth + 1);
        }
    }
}

/// Under a ranking table: for each tie the rules broke, which step broke
/// it, so the order of two schools with the same score is explained on the
/// page that will be signed. Nothing when no tie was broken.
pub(crate) fn tie_note(wb: &Workbook, r: &Results, size: f32) -> Option<Block> {
    let notes = crate::rules::ranking::tie_notes(wb, &r.schools);
    if notes.is_empty() {
        return None;
    }
    let lines: Vec<String> = notes
        .iter()
        .map(|(id, n)| format!("{} {n}", wb.school_name(id)))
        .collect();
    Some(
        Paragraph::text(
            format!("Ghi chú xếp hạng khi bằng điểm: {}.", lines.join("; ")),
            FontStyle::Italic,
            size,
        )
        .space_after(2.0)
        .into(),
    )
}
