//! The self-assessment form (phiếu tự chấm) a member school without the app
//! fills in Excel: one `.xlsx` per school, made with its mail-out copy.
//!
//! - "Hướng dẫn": how to fill it in and send it back, in Vietnamese.
//! - "Tự chấm": the criteria tree (codes, names, maxima locked), an input
//!   cell per leaf for the self-score (validated 0 – maximum), the note and
//!   the evidence; subtotals and the running total as formulas.
//! - "Điểm thưởng": the school's bonus claims, and empty rows for new ones.
//! - "Đăng ký": the award it registers for, its commitments, the date, the
//!   pact.
//! - "Hoạt động": the activities it hosted, and empty rows for new ones.
//! - A very hidden sheet identifying the workbook, year, school and form,
//!   with a token made with that school's key (so a renamed or forwarded
//!   form is still recognised, and cannot be relabelled as another school's
//!   without that key), and each pre-filled record as it was when the form
//!   was made (what tells the school's edits from what it left alone, and
//!   which version the edit was made on).
//!
//! Every row carries its record's id in a hidden column, and every empty
//! row an id of its own made for this form, so importing the same form
//! twice updates and never duplicates.

use super::schema;
use super::{DATE_FORMAT, POINTS_FORMAT, failed, number, result_text};
use crate::workbook::{
    Activity, ActivityKind, Adjustment, AdjustmentKind, Criterion, Id, Owner, Points, Registration,
    Workbook, signing,
};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, Formula, ProtectionOptions, Workbook as Xlsx, Worksheet,
};

/// The hidden sheet's name and its first cell, which says what the file is.
pub(crate) const ID_SHEET: &str = "_thidua";
pub(crate) const INSTRUCTIONS: &str = "Hướng dẫn";
pub(crate) const FORMAT_TAG: &str = "so-thi-dua/phieu-tu-cham/1";

/// Headers the instructions and notes name (the layout is `schema`'s).
const H_ACCEPTED: &str = schema::BONUS.columns[schema::bonus_col::ACCEPTED].header;

/// Registration rows (keys of the hidden column).
pub(crate) const KEY_AWARD: &str = "award";
pub(crate) const KEY_DATE: &str = "date";
pub(crate) const KEY_PACT: &str = "pact";
pub(crate) const KEY_TARGET: &str = "target:";
pub(crate) const NO_AWARD: &str = "Không đăng ký";
pub(crate) const YES: &str = "Có";
pub(crate) const NO: &str = "Không";

/// Empty rows offered for new bonus claims, commitments and activities.
pub const NEW_ROWS: usize = 10;

/// Longest text a cell holds (Excel's limit); a record whose original does
/// not fit is left out of the form (it stays editable in the app).
const CELL_LIMIT: usize = 32_767;

/// "Cum8-2019-gui-BinhThuan.xlsx", beside the school's `.json` copy.
pub fn file_name(master: &Workbook, school: &Id) -> String {
    let json = crate::workbook::file::mail_out_name(master, school);
    format!("{}.xlsx", json.trim_end_matches(".json"))
}

/// What the token signs: the cluster, year, school and form, and the
/// records the form was made with (so the versions an edit is counted
/// from cannot be rewritten in the hidden sheet: a changed one makes the
/// token fail).
pub(crate) fn token_message<'a>(
    cluster: u32,
    year: i16,
    school: &Id,
    form: &str,
    originals: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<(&str, &str)> = originals.into_iter().collect();
    sorted.sort_unstable();
    let mut hash = Sha256::new();
    for (key, json) in sorted {
        hash.update(key.as_bytes());
        hash.update([0]);
        hash.update(json.as_bytes());
        hash.update([0]);
    }
    let digest = signing::hex(&hash.finalize());
    format!("so-thi-dua/phieu-excel/2\0{cluster}\0{year}\0{school}\0{form}\0{digest}")
}

/// The id of a new form: random, so two forms issued to one school are two
/// copies (edits made in both are a conflict, never silently one).
fn new_form_id() -> R<String> {
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).map_err(|_| "Máy không tạo được mã ngẫu nhiên cho phiếu.")?;
    Ok(signing::hex(&bytes))
}

/// Writes the form for `school` to `path` (the mail-out, in the window
/// and the CLI). A form already there may be one a school filled and sent
/// back: it is kept as `.bak`.
pub fn write(master: &Workbook, school: &Id, path: &std::path::Path) -> R<()> {
    let bytes = form(master, school)?;
    crate::workbook::file::write_file(
        path,
        &bytes,
        crate::workbook::file::Overwrite::Anything,
        true,
    )
    .map_err(|e| e.to_string())
}

/// The form for `school`, as `.xlsx` bytes. The master must have its secret
/// (the mail-out gives it one).
pub fn form(master: &Workbook, school: &Id) -> R<Vec<u8>> {
    form_with_id(master, school, &new_form_id()?)
}

/// [`form`] with a chosen form id (tests, and re-making the same form).
pub fn form_with_id(master: &Workbook, school: &Id, form_id: &str) -> R<Vec<u8>> {
    if master.school(school).is_none() {
        return Err(format!(
            "Không có trường mã \u{201c}{school}\u{201d} trong cụm."
        ));
    }
    let key = signing::school_key(master, school)
        .ok_or("Sổ của cụm chưa có khóa: hãy gửi bản cho các trường trước (lập khóa).")?;
    let mut f = Form {
        wb: master,
        school,
        form_id,
        originals: Vec::new(),
        styles: Styles::new(),
    };
    let mut book = Xlsx::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Phiếu tự chấm điểm thi đua năm {} — {}",
                master.year,
                master.school_full_name(school)
            ))
            .set_author(master.cluster_title())
            .set_company(master.cluster_title()),
    );
    f.instructions(book.add_worksheet())?;
    f.self_scores(book.add_worksheet())?;
    f.bonus(book.add_worksheet())?;
    f.registration(book.add_worksheet())?;
    f.activities(book.add_worksheet())?;
    f.identification(book.add_worksheet(), &key)?;
    book.save_to_buffer().map_err(failed)
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    key: Format,
    locked: Format,
    locked_wrap: Format,
    locked_points: Format,
    section: Format,
    section_points: Format,
    input_points: Format,
    input_text: Format,
    input_date: Format,
    total_label: Format,
    total: Format,
    plain: Format,
}

impl Styles {
    fn new() -> Styles {
        let super::Common {
            base,
            boxed,
            title,
            subtitle,
            header,
        } = super::Common::new();
        let input = boxed
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF8D6));
        Styles {
            title,
            subtitle,
            header,
            key: base.clone().set_font_size(8).set_font_color(Color::Gray),
            locked: boxed.clone(),
            locked_wrap: boxed.clone().set_text_wrap(),
            locked_points: boxed
                .clone()
                .set_num_format(POINTS_FORMAT)
                .set_align(FormatAlign::Center),
            section: boxed.clone().set_bold().set_text_wrap(),
            section_points: boxed
                .clone()
                .set_bold()
                .set_num_format(POINTS_FORMAT)
                .set_align(FormatAlign::Center),
            input_points: input
                .clone()
                .set_num_format(POINTS_FORMAT)
                .set_align(FormatAlign::Center),
            // Text as typed: "3/5" or "0912…" in a note must not become a
            // date or a number.
            input_text: input.clone().set_text_wrap().set_num_format("@"),
            input_date: input
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Center),
            total_label: base.clone().set_bold().set_align(FormatAlign::Right),
            total: boxed
                .set_bold()
                .set_num_format(POINTS_FORMAT)
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xE2F0D9)),
            plain: base.set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

struct Form<'a> {
    wb: &'a Workbook,
    school: &'a Id,
    form_id: &'a str,
    /// (record key, the record as it was, JSON; empty for a new row).
    originals: Vec<(String, String)>,
    styles: Styles,
}

type R<T> = std::result::Result<T, String>;

/// A4 landscape, one page wide, the header row repeated, page numbers.
fn page_setup(ws: &mut Worksheet, header_row: u32) -> R<()> {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    ws.set_repeat_rows(header_row, header_row).map_err(failed)?;
    ws.set_freeze_panes(header_row + 1, 0).map_err(failed)?;
    Ok(())
}

/// Locked cells stay as the cluster wrote them; the clerk can still widen
/// columns and rows (the form is for reading as much as typing).
fn protect(ws: &mut Worksheet) {
    ws.protect_with_options(&ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
}

fn points_rule(max: Points) -> R<DataValidation> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, number(max)))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("Điểm không hợp lệ")
        .and_then(|v| v.set_error_message(format!("Nhập điểm từ 0 đến {max}.")))
        .map_err(failed)
}

impl Form<'_> {
    fn school_name(&self) -> String {
        self.wb.school_full_name(self.school)
    }

    /// Title, school line, and a blank line: the first three rows.
    fn heading(&self, ws: &mut Worksheet, last_col: u16, title: &str) -> R<()> {
        ws.merge_range(0, 0, 0, last_col, title, &self.styles.title)
            .map_err(failed)?;
        let line = format!(
            "{} — {} — năm {}",
            self.school_name(),
            self.wb.cluster_title(),
            self.wb.year
        );
        ws.merge_range(1, 0, 1, last_col, &line, &self.styles.subtitle)
            .map_err(failed)?;
        Ok(())
    }

    /// The sheet's header row, hidden key column and column widths, as
    /// the schema lays them out; the key column's index.
    fn headers(&self, ws: &mut Worksheet, sheet: &schema::Sheet) -> R<u16> {
        let row = sheet.header_row;
        for (c, column) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, column.header, &self.styles.header)
                .map_err(failed)?;
        }
        let key_col = sheet.columns.len() as u16;
        ws.write_string_with_format(row, key_col, sheet.mark, &self.styles.key)
            .map_err(failed)?;
        ws.set_column_hidden(key_col).map_err(failed)?;
        ws.set_row_height(row, 32).map_err(failed)?;
        for (c, column) in sheet.columns.iter().enumerate() {
            ws.set_column_width(c as u16, column.width)
                .map_err(failed)?;
        }
        Ok(key_col)
    }

    fn remember(&mut self, key: String, original: Option<String>) {
        self.originals.push((key, original.unwrap_or_default()));
    }

    fn instructions(&self, ws: &mut Worksheet) -> R<()> {
        ws.set_name(INSTRUCTIONS).map_err(failed)?;
        ws.set_column_width(0, 68).map_err(failed)?;
        let year = self.wb.year;
        let lines = [
            format!("PHIẾU TỰ CHẤM ĐIỂM THI ĐUA NĂM {year}"),
            format!("{} — {}", self.school_name(), self.wb.cluster_title()),
            String::new(),
            "Phiếu này dành cho trường chưa dùng phần mềm Sổ Thi Đua. Văn phòng cụm sẽ nhập phiếu vào sổ của cụm.".into(),
            String::new(),
            "Cách điền:".into(),
            "1. Trang \u{201c}Tự chấm\u{201d}: ghi điểm tự chấm vào các ô màu vàng, từ 0 đến điểm chuẩn của tiêu chí (ví dụ 8,5). Ghi chú và minh chứng (số, ngày văn bản; mỗi văn bản một dòng, xuống dòng bằng Alt+Enter) nếu có.".into(),
            "2. Trang \u{201c}Điểm thưởng\u{201d}: nội dung đề nghị cộng điểm thưởng, số điểm đề nghị và minh chứng, mỗi nội dung một dòng.".into(),
            "3. Trang \u{201c}Đăng ký\u{201d}: danh hiệu đăng ký thi đua, các chỉ tiêu cam kết, ngày đăng ký, đã ký giao ước hay chưa.".into(),
            "4. Trang \u{201c}Hoạt động\u{201d}: các hoạt động trường đã đăng cai trong năm (hội thi, hội thảo, nghiên cứu thực tế…).".into(),
            String::new(),
            "Lưu ý:".into(),
            "- Ô để trống nghĩa là \u{201c}chưa điền\u{201d}: không xóa điều đã có trong sổ của cụm. Muốn sửa, ghi giá trị mới.".into(),
            "- Không sửa các ô không tô màu (mã, tên tiêu chí, điểm chuẩn): đó là phần của cụm; nếu bị sửa sẽ không được nhận.".into(),
            "- Không thêm dòng, không đổi thứ tự dòng: dùng các dòng trống có sẵn. Cần thêm dòng, xin liên hệ văn phòng cụm.".into(),
            "- Các ô tổng cộng tự tính; không cần sửa.".into(),
            String::new(),
            "Gửi lại:".into(),
            "Lưu tệp (giữ định dạng Excel .xlsx; tên tệp có thể đổi) và gửi lại qua thư điện tử cho văn phòng cụm. Phiếu được nhận ra nhờ mã ẩn trong tệp, chỉ phiếu của chính trường mới được nhận là của trường.".into(),
            String::new(),
            format!("Mã phiếu: {}", self.form_id),
        ];
        for (r, line) in lines.iter().enumerate() {
            let style = match r {
                0 => &self.styles.title,
                1 => &self.styles.subtitle,
                5 | 11 | 17 => &self.styles.total_label,
                _ => &self.styles.plain,
            };
            ws.write_string_with_format(r as u32, 0, line, style)
                .map_err(failed)?;
            fit_row(ws, r as u32, &[(line, 68.0)])?;
        }
        // Headings of the parts left-aligned, bold.
        let bold_left = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_bold();
        for r in [5u32, 11, 17] {
            ws.write_string_with_format(r, 0, &lines[r as usize], &bold_left)
                .map_err(failed)?;
        }
        ws.set_paper_size(9)
            .set_portrait()
            .set_print_fit_to_pages(1, 0);
        ws.set_active(true);
        Ok(())
    }

    fn self_scores(&mut self, ws: &mut Worksheet) -> R<()> {
        ws.set_name(schema::SELF.name).map_err(failed)?;
        self.heading(
            ws,
            5,
            &format!("PHIẾU TỰ CHẤM ĐIỂM THI ĐUA NĂM {}", self.wb.year),
        )?;
        let header = schema::SELF.header_row;
        let key_col = self.headers(ws, &schema::SELF)?;
        let own = self.wb.assessment(self.school);
        let mut row = header + 1;
        // Each top node's total cell, for the grand total.
        let mut tops = Vec::new();
        let mut total = Points::ZERO;
        for node in &self.wb.criteria {
            let (cell, sum) = self.criterion_rows(ws, node, 0, &mut row, key_col, own)?;
            tops.push(cell);
            total += sum;
        }
        // The running total, above the table, and its maximum.
        ws.merge_range(2, 0, 2, 2, "Tổng điểm tự chấm:", &self.styles.total_label)
            .map_err(failed)?;
        let formula = if tops.is_empty() {
            "=0".to_string()
        } else {
            format!("={}", tops.join("+"))
        };
        ws.write_formula_with_format(
            2,
            3,
            Formula::new(formula).set_result(result_text(total)),
            &self.styles.total,
        )
        .map_err(failed)?;
        ws.write_string_with_format(
            2,
            4,
            format!("/ {} điểm", self.wb.max_total()),
            &self
                .styles
                .key
                .clone()
                .set_font_size(12)
                .set_font_color(Color::Black),
        )
        .map_err(failed)?;
        page_setup(ws, header)?;
        protect(ws);
        Ok(())
    }

    /// Writes a node and its children; returns its points cell and the
    /// points pre-filled under it.
    fn criterion_rows(
        &mut self,
        ws: &mut Worksheet,
        node: &Criterion,
        depth: u8,
        row: &mut u32,
        key_col: u16,
        own: Option<&crate::workbook::Assessment>,
    ) -> R<(String, Points)> {
        let r = *row;
        *row += 1;
        let s = &self.styles;
        let cell = super::cell_name(r, 3);
        if node.is_leaf() {
            let score = own.and_then(|a| a.self_scores.get(&node.id));
            ws.write_string_with_format(r, 0, &node.code, &s.locked)
                .map_err(failed)?;
            ws.write_string_with_format(
                r,
                1,
                &node.title,
                &s.locked_wrap.clone().set_indent(depth),
            )
            .map_err(failed)?;
            ws.write_number_with_format(r, 2, number(node.max_points()), &s.locked_points)
                .map_err(failed)?;
            match score {
                Some(sc) => {
                    ws.write_number_with_format(r, 3, number(sc.points), &s.input_points)
                        .map_err(failed)?;
                    write_text(ws, r, 4, &sc.note, &s.input_text)?;
                    write_text(ws, r, 5, &sc.evidence.join("\n"), &s.input_text)?;
                }
                None => {
                    ws.write_blank(r, 3, &s.input_points).map_err(failed)?;
                    ws.write_blank(r, 4, &s.input_text).map_err(failed)?;
                    ws.write_blank(r, 5, &s.input_text).map_err(failed)?;
                }
            }
            ws.add_data_validation(r, 3, r, 3, &points_rule(node.max_points())?)
                .map_err(failed)?;
            let indent = 2.0 * depth as f64;
            let note = score.map(|x| x.note.clone()).unwrap_or_default();
            let evidence = score.map(|x| x.evidence.join("\n")).unwrap_or_default();
            fit_row(
                ws,
                r,
                &[
                    (&node.title, 62.0 - indent),
                    (&note, 30.0),
                    (&evidence, 32.0),
                ],
            )?;
            ws.write_string_with_format(
                r,
                key_col,
                format!("{}{}", schema::SELF.key_prefix, node.id),
                &s.key,
            )
            .map_err(failed)?;
            let key = crate::workbook::RecordKey::SelfScore(self.school.clone(), node.id.clone());
            self.remember(key.to_string(), score.and_then(to_json));
            return Ok((cell, score.map_or(Points::ZERO, |x| x.points)));
        }
        ws.write_string_with_format(r, 0, &node.code, &s.section)
            .map_err(failed)?;
        ws.write_string_with_format(r, 1, &node.title, &s.section.clone().set_indent(depth))
            .map_err(failed)?;
        // Bold runs wider.
        fit_row(ws, r, &[(&node.title, 56.0 - 2.0 * depth as f64)])?;
        ws.write_number_with_format(r, 2, number(node.max_points()), &s.section_points)
            .map_err(failed)?;
        ws.write_blank(r, 4, &s.locked).map_err(failed)?;
        ws.write_blank(r, 5, &s.locked).map_err(failed)?;
        ws.write_string_with_format(r, key_col, format!("s:{}", node.id), &s.key)
            .map_err(failed)?;
        let mut cells = Vec::new();
        let mut sum = Points::ZERO;
        for child in &node.children {
            let (c, p) = self.criterion_rows(ws, child, depth + 1, row, key_col, own)?;
            cells.push(c);
            sum += p;
        }
        let formula = format!("={}", cells.join("+"));
        ws.write_formula_with_format(
            r,
            3,
            Formula::new(formula).set_result(result_text(sum)),
            &self.styles.section_points,
        )
        .map_err(failed)?;
        Ok((cell, sum))
    }

    fn bonus(&mut self, ws: &mut Worksheet) -> R<()> {
        ws.set_name(schema::BONUS.name).map_err(failed)?;
        self.heading(ws, 4, "ĐỀ NGHỊ CỘNG ĐIỂM THƯỞNG")?;
        ws.merge_range(
            2,
            0,
            2,
            4,
            &format!(
                "Tổng điểm thưởng được tính tối đa {}; cột \u{201c}{H_ACCEPTED}\u{201d} do cụm ghi.",
                self.wb.rules.bonus_cap
            ),
            &self.styles.subtitle,
        )
        .map_err(failed)?;
        let header = schema::BONUS.header_row;
        let key_col = self.headers(ws, &schema::BONUS)?;
        let claims: Vec<&Adjustment> = self
            .wb
            .assessment(self.school)
            .map(|a| {
                a.adjustments
                    .iter()
                    .filter(|x| {
                        x.kind == AdjustmentKind::Bonus
                            && x.owner == Owner::School(self.school.clone())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut row = header + 1;
        let rule = points_rule(self.wb.rules.bonus_cap)?;
        let mut claimed = Points::ZERO;
        let rows: Vec<(Id, Option<&Adjustment>)> = claims
            .iter()
            .map(|a| (a.id.clone(), Some(*a)))
            .chain((1..=NEW_ROWS).map(|n| (self.new_id("bonus", n), None)))
            .collect();
        let first = row;
        for (n, (id, claim)) in rows.into_iter().enumerate() {
            let s = &self.styles;
            ws.write_number_with_format(row, 0, (n + 1) as f64, &s.locked)
                .map_err(failed)?;
            match claim {
                Some(a) => {
                    write_text(ws, row, 1, &a.reason, &s.input_text)?;
                    ws.write_number_with_format(row, 2, number(a.points), &s.input_points)
                        .map_err(failed)?;
                    write_text(ws, row, 3, &a.evidence.join("\n"), &s.input_text)?;
                    match a.accepted {
                        Some(p) => ws
                            .write_number_with_format(row, 4, number(p), &s.locked_points)
                            .map(|_| ()),
                        None => ws.write_blank(row, 4, &s.locked_points).map(|_| ()),
                    }
                    .map_err(failed)?;
                    claimed += a.points;
                    fit_row(
                        ws,
                        row,
                        &[(&a.reason, 60.0), (&a.evidence.join("\n"), 40.0)],
                    )?;
                }
                None => {
                    ws.write_blank(row, 1, &s.input_text).map_err(failed)?;
                    ws.write_blank(row, 2, &s.input_points).map_err(failed)?;
                    ws.write_blank(row, 3, &s.input_text).map_err(failed)?;
                    ws.write_blank(row, 4, &s.locked_points).map_err(failed)?;
                }
            }
            ws.add_data_validation(row, 2, row, 2, &rule)
                .map_err(failed)?;
            ws.write_string_with_format(
                row,
                key_col,
                format!("{}{id}", schema::BONUS.key_prefix),
                &self.styles.key,
            )
            .map_err(failed)?;
            let key = crate::workbook::RecordKey::Adjustment(self.school.clone(), id);
            self.remember(key.to_string(), claim.and_then(to_json));
            row += 1;
        }
        ws.write_string_with_format(row, 1, "Tổng điểm đề nghị", &self.styles.total_label)
            .map_err(failed)?;
        // Known to the reader: not a row the clerk added.
        ws.write_string_with_format(row, key_col, "tong", &self.styles.key)
            .map_err(failed)?;
        ws.write_formula_with_format(
            row,
            2,
            Formula::new(format!(
                "=SUM({}:{})",
                super::cell_name(first, 2),
                super::cell_name(row - 1, 2)
            ))
            .set_result(result_text(claimed)),
            &self.styles.total,
        )
        .map_err(failed)?;
        page_setup(ws, header)?;
        protect(ws);
        Ok(())
    }

    /// The id of the n-th empty row of a kind in this form: stable across
    /// imports of the same form, unique across forms and schools.
    fn new_id(&self, kind: &str, n: usize) -> Id {
        Id::new(format!("{}-x{}-{kind}{n}", self.school, self.form_id))
    }

    fn registration(&mut self, ws: &mut Worksheet) -> R<()> {
        ws.set_name(schema::REGISTRATION.name).map_err(failed)?;
        self.heading(ws, 1, "ĐĂNG KÝ THI ĐUA")?;
        let header = schema::REGISTRATION.header_row;
        let key_col = self.headers(ws, &schema::REGISTRATION)?;
        let reg = self
            .wb
            .assessment(self.school)
            .map(|a| a.registration.clone())
            .unwrap_or_default();
        let s = &self.styles;
        let mut row = header + 1;
        // The award, from the rules' list.
        let awards: Vec<String> = std::iter::once(NO_AWARD.to_string())
            .chain(self.wb.rules.awards.iter().map(|a| a.name.clone()))
            .collect();
        ws.write_string_with_format(row, 0, "Danh hiệu đăng ký", &s.locked)
            .map_err(failed)?;
        let award = reg
            .award
            .as_ref()
            .and_then(|id| self.wb.award(id))
            .map(|a| a.name.clone());
        match &award {
            Some(name) => write_text(ws, row, 1, name, &s.input_text)?,
            None => {
                ws.write_blank(row, 1, &s.input_text).map_err(failed)?;
            }
        }
        if let Ok(rule) = DataValidation::new().allow_list_strings(&awards) {
            ws.add_data_validation(row, 1, row, 1, &rule)
                .map_err(failed)?;
        }
        ws.write_string_with_format(row, key_col, KEY_AWARD, &s.key)
            .map_err(failed)?;
        row += 1;
        let targets = reg.targets.len().max(NEW_ROWS);
        for n in 0..targets {
            ws.write_string_with_format(row, 0, format!("Chỉ tiêu cam kết {}", n + 1), &s.locked)
                .map_err(failed)?;
            match reg.targets.get(n) {
                Some(t) => write_text(ws, row, 1, t, &s.input_text)?,
                None => {
                    ws.write_blank(row, 1, &s.input_text).map_err(failed)?;
                }
            }
            ws.write_string_with_format(row, key_col, format!("{KEY_TARGET}{}", n + 1), &s.key)
                .map_err(failed)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, "Ngày đăng ký", &s.locked)
            .map_err(failed)?;
        write_date(ws, row, 1, reg.date, &s.input_date)?;
        ws.write_string_with_format(row, key_col, KEY_DATE, &s.key)
            .map_err(failed)?;
        row += 1;
        ws.write_string_with_format(row, 0, "Đã ký giao ước thi đua", &s.locked)
            .map_err(failed)?;
        if reg.signed_pact {
            ws.write_string_with_format(row, 1, YES, &s.input_text)
                .map_err(failed)?;
        } else {
            ws.write_blank(row, 1, &s.input_text).map_err(failed)?;
        }
        if let Ok(rule) = DataValidation::new().allow_list_strings(&[YES, NO]) {
            ws.add_data_validation(row, 1, row, 1, &rule)
                .map_err(failed)?;
        }
        ws.write_string_with_format(row, key_col, KEY_PACT, &s.key)
            .map_err(failed)?;
        let key = crate::workbook::RecordKey::Registration(self.school.clone());
        let original = self.wb.assessment(self.school).map(|a| &a.registration);
        self.remember(key.to_string(), original.and_then(to_json::<Registration>));
        page_setup(ws, header)?;
        protect(ws);
        Ok(())
    }

    fn activities(&mut self, ws: &mut Worksheet) -> R<()> {
        ws.set_name(schema::ACTIVITIES.name).map_err(failed)?;
        self.heading(ws, 6, "CÁC HOẠT ĐỘNG TRƯỜNG ĐĂNG CAI")?;
        let header = schema::ACTIVITIES.header_row;
        let key_col = self.headers(ws, &schema::ACTIVITIES)?;
        let me = Owner::School(self.school.clone());
        let hosted: Vec<&Activity> = self
            .wb
            .activities
            .iter()
            .filter(|a| a.owner == me || a.host.as_ref() == Some(self.school))
            .filter(|a| to_json(*a).is_some())
            .collect();
        let kinds: Vec<&str> = ActivityKind::ALL.iter().map(|k| k.label()).collect();
        let kind_rule = DataValidation::new().allow_list_strings(&kinds).ok();
        let rows: Vec<(Id, Option<&Activity>)> = hosted
            .iter()
            .map(|a| (a.id.clone(), Some(*a)))
            .chain((1..=NEW_ROWS).map(|n| (self.new_id("activity", n), None)))
            .collect();
        for (n, (id, act)) in rows.into_iter().enumerate() {
            let row = header + 1 + n as u32;
            let s = &self.styles;
            ws.write_number_with_format(row, 0, (n + 1) as f64, &s.locked)
                .map_err(failed)?;
            match act {
                Some(a) => {
                    write_text(ws, row, 1, a.kind.label(), &s.input_text)?;
                    write_text(ws, row, 2, &a.title, &s.input_text)?;
                    write_date(ws, row, 3, Some(a.start), &s.input_date)?;
                    write_date(ws, row, 4, a.end, &s.input_date)?;
                    write_text(ws, row, 5, &a.note, &s.input_text)?;
                    write_text(ws, row, 6, &a.evidence.join("\n"), &s.input_text)?;
                    fit_row(
                        ws,
                        row,
                        &[
                            (&a.title, 50.0),
                            (&a.note, 30.0),
                            (&a.evidence.join("\n"), 30.0),
                        ],
                    )?;
                }
                None => {
                    for (c, f) in [
                        (1, &s.input_text),
                        (2, &s.input_text),
                        (3, &s.input_date),
                        (4, &s.input_date),
                        (5, &s.input_text),
                        (6, &s.input_text),
                    ] {
                        ws.write_blank(row, c, f).map_err(failed)?;
                    }
                }
            }
            if let Some(rule) = &kind_rule {
                ws.add_data_validation(row, 1, row, 1, rule)
                    .map_err(failed)?;
            }
            ws.write_string_with_format(
                row,
                key_col,
                format!("{}{id}", schema::ACTIVITIES.key_prefix),
                &self.styles.key,
            )
            .map_err(failed)?;
            let key = crate::workbook::RecordKey::Activity(id);
            self.remember(key.to_string(), act.and_then(to_json));
        }
        page_setup(ws, header)?;
        protect(ws);
        Ok(())
    }

    fn identification(&self, ws: &mut Worksheet, key: &str) -> R<()> {
        ws.set_name(ID_SHEET).map_err(failed)?;
        let message = token_message(
            self.wb.cluster.number,
            self.wb.year,
            self.school,
            self.form_id,
            self.originals
                .iter()
                .map(|(k, json)| (k.as_str(), json.as_str())),
        );
        let token = signing::sign(key, &message);
        let rows = [
            ("dinh_dang", FORMAT_TAG.to_string()),
            ("cum", self.wb.cluster.number.to_string()),
            ("ten_cum", self.wb.cluster.name.clone()),
            ("nam", self.wb.year.to_string()),
            ("truong", self.school.to_string()),
            ("ten_truong", self.school_name()),
            ("ma_phieu", self.form_id.to_string()),
            ("khoa", token.to_string()),
        ];
        let mut r = 0;
        for (k, v) in rows {
            ws.write_string(r, 0, k).map_err(failed)?;
            ws.write_string(r, 1, v).map_err(failed)?;
            r += 1;
        }
        for (key, json) in &self.originals {
            ws.write_string(r, 0, "ban_ghi").map_err(failed)?;
            ws.write_string(r, 1, key).map_err(failed)?;
            if !json.is_empty() {
                ws.write_string(r, 2, json).map_err(failed)?;
            }
            r += 1;
        }
        ws.set_very_hidden(true);
        protect(ws);
        Ok(())
    }
}

/// A record as compact JSON, when it fits in a cell.
fn to_json<T: serde::Serialize>(x: &T) -> Option<String> {
    serde_json::to_string(x)
        .ok()
        .filter(|s| s.encode_utf16().count() <= CELL_LIMIT)
}

/// Gives a row the height its wrapped texts need ((text, column width in
/// characters)): LibreOffice and some Excel versions do not grow a row for
/// wrapped text they did not type themselves. Rows of one line are left
/// alone, so they still grow when the clerk types more.
fn fit_row(ws: &mut Worksheet, row: u32, texts: &[(&str, f64)]) -> R<()> {
    let lines = texts
        .iter()
        .map(|(t, width)| {
            let per_line = (width * 1.2).max(4.0);
            t.split('\n')
                .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(row, 15.75 * lines).map_err(failed)?;
    }
    Ok(())
}

fn write_text(ws: &mut Worksheet, row: u32, col: u16, text: &str, f: &Format) -> R<()> {
    // Longer than a cell holds: left blank, which reads back as "not
    // entered" and keeps the text in the workbook.
    if text.is_empty() || text.encode_utf16().count() > CELL_LIMIT {
        ws.write_blank(row, col, f).map_err(failed)?;
    } else {
        ws.write_string_with_format(row, col, text, f)
            .map_err(failed)?;
    }
    Ok(())
}

/// A date cell, or a blank one for no date or a date Excel cannot hold
/// (before 1900): blank reads back as "not entered", keeping the date.
fn write_date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    date: Option<jiff::civil::Date>,
    f: &Format,
) -> R<()> {
    let excel = date.and_then(|d| {
        ExcelDateTime::from_ymd(
            u16::try_from(d.year()).ok()?,
            d.month() as u8,
            d.day() as u8,
        )
        .ok()
    });
    match excel {
        Some(d) => ws.write_date_with_format(row, col, d, f).map(|_| ()),
        None => ws.write_blank(row, col, f).map(|_| ()),
    }
    .map_err(failed)
}
