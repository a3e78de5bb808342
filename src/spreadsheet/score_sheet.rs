//! The score sheet as a spreadsheet (`thidua export --doc scores --format
//! xlsx`): the ranking, the criteria × schools table and the activities,
//! numbers as numbers, totals as formulas whose stored results are the
//! app's own figures (so a formula that disagreed would show at once).
//!
//! - "Xếp hạng": one row per school, best first — self total, criteria
//!   total, bonus, deductions, total (formula), rank, rating. Sortable.
//! - "Bảng điểm": the criteria tree as rows; per school the self-score, the
//!   cluster's score and what counts (the cluster's, else the self-score);
//!   section subtotals, the totals, bonus and deductions (capped, as the
//!   rules count them) and the total as formulas.
//! - "Hoạt động": every activity of the year.

use super::{DATE_FORMAT, POINTS_FORMAT, cell_name, failed, number, result_text};
use crate::rules::{Results, SchoolTotals};
use crate::workbook::{Criterion, Points, Workbook};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook as Xlsx, Worksheet,
};

type R<T> = std::result::Result<T, String>;

/// The score sheet of `wb` as `.xlsx` bytes.
pub fn score_sheet(wb: &Workbook) -> R<Vec<u8>> {
    let results = crate::rules::evaluate(wb);
    let mut book = Xlsx::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("Bảng tổng hợp điểm thi đua năm {}", wb.year))
            .set_author(wb.cluster_title()),
    );
    let styles = Styles::new();
    // The ranking refers to the totals of the detail sheet: written first
    // so its rows are known, shown second.
    let mut details = Worksheet::new();
    let totals = detail_sheet(&mut details, wb, &results, &styles)?;
    let mut ranking = Worksheet::new();
    ranking_sheet(&mut ranking, wb, &results, &totals, &styles)?;
    let mut activities = Worksheet::new();
    activity_sheet(&mut activities, wb, &styles)?;
    ranking.set_active(true);
    book.push_worksheet(ranking);
    book.push_worksheet(details);
    book.push_worksheet(activities);
    book.save_to_buffer().map_err(failed)
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    center: Format,
    section: Format,
    points: Format,
    points_bold: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        let super::Common {
            boxed,
            title,
            subtitle,
            header,
            ..
        } = super::Common::new();
        Styles {
            title,
            subtitle,
            header,
            text: boxed.clone().set_text_wrap(),
            center: boxed.clone().set_align(FormatAlign::Center),
            section: boxed.clone().set_bold().set_text_wrap(),
            points: boxed
                .clone()
                .set_num_format(POINTS_FORMAT)
                .set_align(FormatAlign::Center),
            points_bold: boxed
                .clone()
                .set_bold()
                .set_num_format(POINTS_FORMAT)
                .set_align(FormatAlign::Center),
            date: boxed
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Center),
        }
    }
}

/// Where a school's totals are on the detail sheet (cells as "E40").
struct TotalCells {
    self_total: String,
    criteria_total: String,
    bonus: String,
    deduction: String,
    total: String,
}

const DETAILS: &str = "Bảng điểm";

fn title(ws: &mut Worksheet, wb: &Workbook, last_col: u16, title: &str, s: &Styles) -> R<()> {
    let last_col = last_col.max(1);
    ws.merge_range(0, 0, 0, last_col, title, &s.title)
        .map_err(failed)?;
    let line = format!(
        "{} — năm {}. Tổng điểm = điểm cụm chấm (điểm tự chấm ở tiêu chí cụm chưa chấm) + điểm thưởng − điểm trừ; thưởng tối đa {}, trừ tối đa {}.",
        wb.cluster_title(),
        wb.year,
        wb.rules.bonus_cap,
        wb.rules.deduction_cap
    );
    ws.merge_range(1, 0, 1, last_col, &line, &s.subtitle)
        .map_err(failed)?;
    ws.set_row_height(1, 32).map_err(failed)?;
    Ok(())
}

/// A4 landscape, header rows repeated. `across`: a table too wide for one
/// page runs over pages across at a readable size, its first
/// `freeze_cols` columns repeated at the left of each; otherwise it is
/// fitted one page wide.
fn print(ws: &mut Worksheet, header_rows: (u32, u32), freeze_cols: u16, across: bool) -> R<()> {
    ws.set_paper_size(9)
        .set_landscape()
        .set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    if across && freeze_cols > 0 {
        ws.set_repeat_columns(0, freeze_cols - 1).map_err(failed)?;
    } else {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.set_repeat_rows(header_rows.0, header_rows.1)
        .map_err(failed)?;
    ws.set_freeze_panes(header_rows.1 + 1, freeze_cols)
        .map_err(failed)?;
    Ok(())
}

fn detail_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    results: &Results,
    s: &Styles,
) -> R<Vec<TotalCells>> {
    ws.set_name(DETAILS).map_err(failed)?;
    let schools: Vec<&SchoolTotals> = wb
        .current_members()
        .filter_map(|m| results.school(&m.id).map(|r| &r.totals))
        .collect();
    let last_col = 2 + 3 * schools.len() as u16;
    title(
        ws,
        wb,
        last_col,
        &format!("BẢNG ĐIỂM TỪNG TIÊU CHÍ NĂM {}", wb.year),
        s,
    )?;
    let (h1, h2) = (3u32, 4u32);
    for (c, name, w) in [
        (0u16, "Mã", 7.0),
        (1, "Tiêu chí", 48.0),
        (2, "Điểm chuẩn", 9.0),
    ] {
        ws.merge_range(h1, c, h2, c, name, &s.header)
            .map_err(failed)?;
        ws.set_column_width(c, w).map_err(failed)?;
    }
    for (i, t) in schools.iter().enumerate() {
        let c = 3 + 3 * i as u16;
        ws.merge_range(h1, c, h1, c + 2, &wb.school_name(&t.school), &s.header)
            .map_err(failed)?;
        for (k, name) in ["Tự chấm", "Cụm chấm", "Điểm tính"].iter().enumerate() {
            ws.write_string_with_format(h2, c + k as u16, *name, &s.header)
                .map_err(failed)?;
            ws.set_column_width(c + k as u16, 9.5).map_err(failed)?;
        }
    }
    ws.set_row_height(h2, 32).map_err(failed)?;
    let mut row = h2 + 1;
    let mut tops: Vec<u32> = Vec::new();
    for node in &wb.criteria {
        tops.push(row);
        node_rows(ws, node, 0, &mut row, &schools, s)?;
    }
    // The totals under the table.
    let labels = [
        "Tổng điểm tiêu chí",
        "Điểm thưởng (tính theo quy định)",
        "Điểm trừ (tính theo quy định)",
        "TỔNG ĐIỂM",
    ];
    let (sum_row, bonus_row, deduction_row, total_row) = (row, row + 1, row + 2, row + 3);
    for (k, label) in labels.iter().enumerate() {
        let r = row + k as u32;
        ws.merge_range(r, 0, r, 2, label, &s.section)
            .map_err(failed)?;
    }
    let mut cells = Vec::new();
    for (i, t) in schools.iter().enumerate() {
        let c = 3 + 3 * i as u16;
        let sum_of = |col: u16| {
            if tops.is_empty() {
                "=0".to_string()
            } else {
                format!(
                    "={}",
                    tops.iter()
                        .map(|r| cell_name(*r, col))
                        .collect::<Vec<_>>()
                        .join("+")
                )
            }
        };
        formula(ws, sum_row, c, sum_of(c), t.self_total, &s.points_bold)?;
        ws.write_blank(sum_row, c + 1, &s.points).map_err(failed)?;
        formula(
            ws,
            sum_row,
            c + 2,
            sum_of(c + 2),
            t.cluster_total,
            &s.points_bold,
        )?;
        for (r, p) in [(bonus_row, t.bonus), (deduction_row, t.deduction)] {
            ws.write_blank(r, c, &s.points).map_err(failed)?;
            ws.write_blank(r, c + 1, &s.points).map_err(failed)?;
            ws.write_number_with_format(r, c + 2, number(p), &s.points)
                .map_err(failed)?;
        }
        let total = format!(
            "={}+{}-{}",
            cell_name(sum_row, c + 2),
            cell_name(bonus_row, c + 2),
            cell_name(deduction_row, c + 2)
        );
        ws.write_blank(total_row, c, &s.points).map_err(failed)?;
        ws.write_blank(total_row, c + 1, &s.points)
            .map_err(failed)?;
        formula(ws, total_row, c + 2, total, t.final_score, &s.points_bold)?;
        let at = |r: u32, col: u16| format!("'{DETAILS}'!{}", absolute(r, col));
        cells.push(TotalCells {
            self_total: at(sum_row, c),
            criteria_total: at(sum_row, c + 2),
            bonus: at(bonus_row, c + 2),
            deduction: at(deduction_row, c + 2),
            total: at(total_row, c + 2),
        });
    }
    print(ws, (h1, h2), 3, true)?;
    Ok(cells)
}

/// "$E$40".
fn absolute(row: u32, col: u16) -> String {
    format!("${}${}", super::column_name(col), row + 1)
}

fn formula(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    f: String,
    result: Points,
    style: &Format,
) -> R<()> {
    ws.write_formula_with_format(
        row,
        col,
        Formula::new(f).set_result(result_text(result)),
        style,
    )
    .map_err(failed)?;
    Ok(())
}

fn node_rows(
    ws: &mut Worksheet,
    node: &Criterion,
    depth: u8,
    row: &mut u32,
    schools: &[&SchoolTotals],
    s: &Styles,
) -> R<()> {
    let r = *row;
    *row += 1;
    let leaf = node.is_leaf();
    let (text, points) = if leaf {
        (&s.text, &s.points)
    } else {
        (&s.section, &s.points_bold)
    };
    ws.write_string_with_format(r, 0, &node.code, if leaf { &s.center } else { &s.section })
        .map_err(failed)?;
    ws.write_string_with_format(r, 1, &node.title, &text.clone().set_indent(depth))
        .map_err(failed)?;
    ws.write_number_with_format(r, 2, number(node.max_points()), points)
        .map_err(failed)?;
    if leaf {
        for (i, t) in schools.iter().enumerate() {
            let c = 3 + 3 * i as u16;
            let score = t.criteria.iter().find(|x| x.criterion == node.id);
            let put = |ws: &mut Worksheet, col: u16, p: Option<Points>| -> R<()> {
                match p {
                    Some(p) => ws.write_number_with_format(r, col, number(p), points),
                    None => ws.write_blank(r, col, points),
                }
                .map_err(failed)?;
                Ok(())
            };
            put(ws, c, score.and_then(|x| x.self_score))?;
            put(ws, c + 1, score.and_then(|x| x.cluster_score))?;
            let (own, cluster) = (cell_name(r, c), cell_name(r, c + 1));
            let effective = score.map_or(Points::ZERO, |x| x.effective);
            formula(
                ws,
                r,
                c + 2,
                format!("=IF(ISNUMBER({cluster}),{cluster},IF(ISNUMBER({own}),{own},0))"),
                effective,
                points,
            )?;
        }
        return Ok(());
    }
    let mut children = Vec::new();
    for child in &node.children {
        children.push(*row);
        node_rows(ws, child, depth + 1, row, schools, s)?;
    }
    for (i, t) in schools.iter().enumerate() {
        let c = 3 + 3 * i as u16;
        let sum = |col: u16| {
            format!(
                "={}",
                children
                    .iter()
                    .map(|r| cell_name(*r, col))
                    .collect::<Vec<_>>()
                    .join("+")
            )
        };
        let own: Points = node
            .leaves()
            .iter()
            .filter_map(|l| t.criteria.iter().find(|x| x.criterion == l.id))
            .filter_map(|x| x.self_score)
            .sum();
        formula(ws, r, c, sum(c), own, points)?;
        ws.write_blank(r, c + 1, points).map_err(failed)?;
        formula(ws, r, c + 2, sum(c + 2), t.node_total(&node.id), points)?;
    }
    Ok(())
}

fn ranking_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    results: &Results,
    totals: &[TotalCells],
    s: &Styles,
) -> R<()> {
    ws.set_name("Xếp hạng").map_err(failed)?;
    let headers = [
        ("STT", 6.0),
        ("Trường", 40.0),
        ("Tổng tự chấm", 12.0),
        ("Tổng điểm tiêu chí (cụm chấm)", 14.0),
        ("Điểm thưởng", 11.0),
        ("Điểm trừ", 11.0),
        ("Tổng điểm", 12.0),
        ("Xếp hạng", 10.0),
        ("Xếp loại", 28.0),
    ];
    title(
        ws,
        wb,
        headers.len() as u16 - 1,
        &format!("BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM {}", wb.year),
        s,
    )?;
    let header = 3;
    header_row(ws, header, &headers, s)?;
    ws.set_row_height(header, 32).map_err(failed)?;
    // The detail sheet's columns are in member order.
    let order: Vec<&crate::workbook::Id> = wb
        .current_members()
        .filter(|m| results.school(&m.id).is_some())
        .map(|m| &m.id)
        .collect();
    for (n, r) in results.schools.iter().enumerate() {
        let row = header + 1 + n as u32;
        let t = &r.totals;
        let Some(cells) = order
            .iter()
            .position(|id| **id == t.school)
            .and_then(|i| totals.get(i))
        else {
            continue;
        };
        ws.write_number_with_format(row, 0, (n + 1) as f64, &s.center)
            .map_err(failed)?;
        ws.write_string_with_format(row, 1, wb.school_full_name(&t.school), &s.text)
            .map_err(failed)?;
        let linked = [
            (2, &cells.self_total, t.self_total),
            (3, &cells.criteria_total, t.cluster_total),
            (4, &cells.bonus, t.bonus),
            (5, &cells.deduction, t.deduction),
        ];
        for (c, cell, p) in linked {
            formula(ws, row, c, format!("={cell}"), p, &s.points)?;
        }
        formula(
            ws,
            row,
            6,
            format!("={}", cells.total),
            t.final_score,
            &s.points_bold,
        )?;
        ws.write_number_with_format(row, 7, r.rank as f64, &s.center)
            .map_err(failed)?;
        ws.write_string_with_format(row, 8, &r.rating.band_name, &s.text)
            .map_err(failed)?;
    }
    let last = header + results.schools.len() as u32;
    if !results.schools.is_empty() {
        ws.autofilter(header, 0, last, headers.len() as u16 - 1)
            .map_err(failed)?;
    }
    print(ws, (header, header), 2, false)?;
    Ok(())
}

/// A table's header row: (name, column width) per column.
fn header_row(ws: &mut Worksheet, row: u32, headers: &[(&str, f64)], s: &Styles) -> R<()> {
    for (c, (name, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &s.header)
            .map_err(failed)?;
        ws.set_column_width(c as u16, *w).map_err(failed)?;
    }
    Ok(())
}

fn activity_sheet(ws: &mut Worksheet, wb: &Workbook, s: &Styles) -> R<()> {
    ws.set_name("Hoạt động").map_err(failed)?;
    let headers = [
        ("STT", 6.0),
        ("Loại hoạt động", 26.0),
        ("Tên hoạt động", 44.0),
        ("Từ ngày", 12.0),
        ("Đến ngày", 12.0),
        ("Đơn vị đăng cai", 22.0),
        ("Đơn vị tham gia", 36.0),
        ("Kết quả", 36.0),
        ("Ghi chú", 30.0),
    ];
    title(
        ws,
        wb,
        headers.len() as u16 - 1,
        &format!("CÁC HOẠT ĐỘNG TRONG NĂM {}", wb.year),
        s,
    )?;
    let header = 3;
    header_row(ws, header, &headers, s)?;
    let mut list: Vec<&crate::workbook::Activity> = wb.activities.iter().collect();
    list.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.title.cmp(&b.title)));
    let date = |d: jiff::civil::Date| {
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(failed)
    };
    for (n, a) in list.iter().enumerate() {
        let row = header + 1 + n as u32;
        ws.write_number_with_format(row, 0, (n + 1) as f64, &s.center)
            .map_err(failed)?;
        ws.write_string_with_format(row, 1, a.kind.label(), &s.text)
            .map_err(failed)?;
        ws.write_string_with_format(row, 2, &a.title, &s.text)
            .map_err(failed)?;
        ws.write_date_with_format(row, 3, date(a.start)?, &s.date)
            .map_err(failed)?;
        match a.end {
            Some(e) => ws
                .write_date_with_format(row, 4, date(e)?, &s.date)
                .map(|_| ()),
            None => ws.write_blank(row, 4, &s.date).map(|_| ()),
        }
        .map_err(failed)?;
        let host = a
            .host
            .as_ref()
            .map(|h| wb.school_name(h))
            .unwrap_or_default();
        ws.write_string_with_format(row, 5, &host, &s.text)
            .map_err(failed)?;
        let who: Vec<String> = a.participants.iter().map(|p| wb.school_name(p)).collect();
        ws.write_string_with_format(row, 6, who.join(", "), &s.text)
            .map_err(failed)?;
        let prizes: Vec<String> = a
            .results
            .iter()
            .map(|p| {
                let whom = p
                    .school
                    .as_ref()
                    .map(|s| wb.school_name(s))
                    .into_iter()
                    .chain((!p.person.is_empty()).then(|| p.person.clone()))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{}: {whom}", p.prize)
            })
            .collect();
        ws.write_string_with_format(row, 7, prizes.join("\n"), &s.text)
            .map_err(failed)?;
        ws.write_string_with_format(row, 8, &a.note, &s.text)
            .map_err(failed)?;
    }
    print(ws, (header, header), 0, false)?;
    Ok(())
}
