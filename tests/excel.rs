//! Schools without the app answer in Excel (issue 17): the form is made,
//! filled as Excel would (numbers, text with a decimal comma, blanks, a
//! locked cell changed, rows added), imported through the review of a
//! returned file, and compared with what the school meant.

mod support;

use support::cli::thidua;
use support::xlsx::{Put, add_sheet, fill, text};
use thidua::exchange::{self, Authenticity, Decisions, Status};
use thidua::spreadsheet::{form, read};
use thidua::workbook::{self, Id, Owner, Points, Workbook};

const SAMPLE: &str = "assets/samples/cum8-2019.json";
const SCHOOL: &str = "binh-thuan";

fn sid(s: &str) -> Id {
    Id::new(s)
}

/// The sample master after its first mail-out (it has its secret).
fn master() -> Workbook {
    support::mail::mailed_out_sample()
}

fn blank_form(m: &Workbook, school: &str, id: &str) -> Vec<u8> {
    form::form_with_id(m, &sid(school), id).unwrap()
}

/// Where the self-score of a criterion is ("D7"), as the form wrote it.
fn cells(bytes: &[u8]) -> read::FilledForm {
    read::read(bytes).unwrap()
}

fn self_cell(f: &read::FilledForm, criterion: &str, which: usize) -> String {
    let row = f
        .self_rows
        .iter()
        .find(|r| r.criterion.as_str() == criterion)
        .unwrap_or_else(|| panic!("criterion {criterion} in the form"));
    [
        &row.code,
        &row.title,
        &row.max,
        &row.points,
        &row.note,
        &row.evidence,
    ][which]
        .name
        .clone()
}

fn self_score(wb: &Workbook, school: &str, criterion: &str) -> Option<Points> {
    wb.assessment(&sid(school))?
        .self_scores
        .get(&sid(criterion))
        .map(|s| s.points)
}

fn import(m: &mut Workbook, bytes: &[u8]) -> exchange::Review {
    let review = exchange::review_bytes(m, bytes, "phieu.xlsx").expect("the form is taken");
    exchange::apply(m, &review, &Decisions::new());
    review
}

/// Leaf criteria the sample school has no self-score for, and one it has.
fn criteria(m: &Workbook) -> (Vec<String>, String) {
    let a = m.assessment(&sid(SCHOOL)).unwrap();
    let leaves: Vec<String> = m.leaf_criteria().iter().map(|c| c.id.to_string()).collect();
    let scored = leaves
        .iter()
        .find(|c| a.self_scores.contains_key(&sid(c)))
        .unwrap()
        .clone();
    (leaves, scored)
}

#[test]
fn a_filled_form_brings_the_scores_the_school_meant() {
    let mut m = master();
    // The school has not scored these yet.
    let (leaves, _) = criteria(&m);
    let a = m.assessment_mut(&sid(SCHOOL));
    a.self_scores.clear();
    let bytes = blank_form(&m, SCHOOL, "f1");
    let f = cells(&bytes);
    let filled = fill(
        &bytes,
        &[
            // A float as Excel stores 9,5 typed on a Vietnamese PC.
            ("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(3.5)),
            // A float a little off, as a formula or a paste leaves it.
            (
                "Tự chấm",
                &self_cell(&f, &leaves[1], 3),
                Put::Number(2.499_999_999_9),
            ),
            // A number typed as text with a decimal comma.
            ("Tự chấm", &self_cell(&f, &leaves[2], 3), text("2,75")),
            (
                "Tự chấm",
                &self_cell(&f, &leaves[2], 4),
                text("Đã tổ chức hội nghị"),
            ),
            (
                "Tự chấm",
                &self_cell(&f, &leaves[2], 5),
                text("QĐ 12/QĐ-TCT\nBC 30/BC-TCT"),
            ),
            // leaves[3] left blank: not entered.
        ],
    );
    let review = import(&mut m, &filled);
    assert_eq!(review.authenticity, Authenticity::Excel);
    assert_eq!(review.sender, sid(SCHOOL));
    assert!(review.is_clean(), "{:#?}", review.changes);
    assert_eq!(review.changes.len(), 3, "{:#?}", review.changes);
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), Some(Points(350)));
    assert_eq!(self_score(&m, SCHOOL, &leaves[1]), Some(Points(250)));
    assert_eq!(self_score(&m, SCHOOL, &leaves[2]), Some(Points(275)));
    assert_eq!(
        self_score(&m, SCHOOL, &leaves[3]),
        None,
        "a blank is not a zero"
    );
    let s = &m.assessment(&sid(SCHOOL)).unwrap().self_scores[&sid(&leaves[2])];
    assert_eq!(s.note, "Đã tổ chức hội nghị");
    assert_eq!(s.evidence, ["QĐ 12/QĐ-TCT", "BC 30/BC-TCT"]);
    // The tracker lists the form like any return.
    assert!(
        m.provenance
            .returns
            .iter()
            .any(|r| r.school == sid(SCHOOL) && r.accepted == 3)
    );
    assert!(
        workbook::validate(&m)
            .iter()
            .all(|p| !p.message().contains("Bình Thuận"))
    );
}

#[test]
fn a_blank_cell_never_deletes_and_an_unchanged_form_changes_nothing() {
    let mut m = master();
    let (_, scored) = criteria(&m);
    let before = self_score(&m, SCHOOL, &scored);
    assert!(before.is_some());
    let bytes = blank_form(&m, SCHOOL, "f2");
    let f = cells(&bytes);
    let cleared = fill(
        &bytes,
        &[
            ("Tự chấm", &self_cell(&f, &scored, 3), Put::Empty),
            ("Tự chấm", &self_cell(&f, &scored, 4), Put::Empty),
            ("Tự chấm", &self_cell(&f, &scored, 5), Put::Empty),
        ],
    );
    let review = exchange::review_bytes(&m, &cleared, "phieu.xlsx").unwrap();
    assert!(review.changes.is_empty(), "{:#?}", review.changes);
    let untouched = exchange::review_bytes(&m, &bytes, "phieu.xlsx").unwrap();
    assert!(untouched.changes.is_empty(), "{:#?}", untouched.changes);
    import(&mut m, &cleared);
    assert_eq!(self_score(&m, SCHOOL, &scored), before);
}

#[test]
fn a_second_import_updates_and_never_duplicates() {
    let mut m = master();
    let (leaves, _) = criteria(&m);
    let bytes = blank_form(&m, SCHOOL, "f3");
    let f = cells(&bytes);
    let bonus = f.bonus_rows.iter().find(|r| r.reason.is_empty()).unwrap();
    let (reason, points) = (bonus.reason.name.clone(), bonus.points.name.clone());
    let first = fill(
        &bytes,
        &[
            ("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(3.0)),
            (
                "Điểm thưởng",
                &reason,
                text("Đăng cai hội thi giảng viên giỏi cụm"),
            ),
            ("Điểm thưởng", &points, text("1,5")),
        ],
    );
    import(&mut m, &first);
    let claims = |m: &Workbook| -> Vec<(String, Points)> {
        m.assessment(&sid(SCHOOL))
            .unwrap()
            .adjustments
            .iter()
            .filter(|a| a.owner == Owner::School(sid(SCHOOL)))
            .map(|a| (a.reason.clone(), a.points))
            .collect()
    };
    assert_eq!(
        claims(&m),
        [(
            "Đăng cai hội thi giảng viên giỏi cụm".to_string(),
            Points(150)
        )]
    );
    // The same file again: already merged.
    let again = exchange::review_bytes(&m, &first, "phieu.xlsx").unwrap_err();
    assert_eq!(again.code(), "already_merged");
    // The clerk corrects the same form and sends it again.
    let second = fill(
        &first,
        &[
            ("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(3.25)),
            ("Điểm thưởng", &points, Put::Number(2.0)),
        ],
    );
    let review = import(&mut m, &second);
    assert!(review.is_clean(), "{:#?}", review.changes);
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), Some(Points(325)));
    assert_eq!(
        claims(&m),
        [(
            "Đăng cai hội thi giảng viên giỏi cụm".to_string(),
            Points(200)
        )]
    );
}

#[test]
fn locked_cells_changed_are_listed_and_ignored() {
    let mut m = master();
    let (leaves, _) = criteria(&m);
    let before = m.criteria.clone();
    let bytes = blank_form(&m, SCHOOL, "f4");
    let f = cells(&bytes);
    let max_cell = self_cell(&f, &leaves[0], 2);
    let title_cell = self_cell(&f, &leaves[1], 1);
    let filled = fill(
        &bytes,
        &[
            ("Tự chấm", &max_cell, Put::Number(50.0)),
            ("Tự chấm", &title_cell, text("Tiêu chí do trường tự đặt")),
            ("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(4.0)),
            // The cluster's column in the bonus sheet, and a sheet of the
            // clerk's own.
            (
                "Điểm thưởng",
                &f.bonus_rows[0].accepted.name,
                Put::Number(5.0),
            ),
        ],
    );
    let filled = add_sheet(&filled, "Nháp", "Nháp của văn thư");
    let review = import(&mut m, &filled);
    let notes = review.notes.join("\n");
    assert!(
        notes.contains(&format!("Ô {}", f.bonus_rows[0].accepted.name)),
        "{notes}"
    );
    assert!(notes.contains("Trang \u{201c}Nháp\u{201d}"), "{notes}");
    assert!(notes.contains(&format!("Ô {max_cell}")), "{notes}");
    assert!(notes.contains(&format!("Ô {title_cell}")), "{notes}");
    assert_eq!(m.criteria, before, "the criteria table is the cluster's");
    // A score within the real maximum is still taken.
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), Some(Points(400)));
}

#[test]
fn unreadable_and_out_of_range_cells_are_refused_with_the_cell_named() {
    let mut m = master();
    let (leaves, _) = criteria(&m);
    let bytes = blank_form(&m, SCHOOL, "f5");
    let f = cells(&bytes);
    let too_fine = self_cell(&f, &leaves[0], 3);
    let words = self_cell(&f, &leaves[1], 3);
    let filled = fill(
        &bytes,
        &[
            ("Tự chấm", &too_fine, Put::Number(3.333)),
            ("Tự chấm", &words, text("ba điểm")),
            (
                "Tự chấm",
                &self_cell(&f, &leaves[2], 3),
                Put::Number(99999.0),
            ),
        ],
    );
    let before = m.clone();
    let review = exchange::review_bytes(&m, &filled, "phieu.xlsx").unwrap();
    let refused: Vec<String> = review
        .changes
        .iter()
        .filter_map(|c| match &c.status {
            Status::Refused(why) => Some(why.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(refused.len(), 3, "{refused:#?}");
    assert!(
        refused.iter().any(|w| w.contains(&too_fine)),
        "{refused:#?}"
    );
    assert!(refused.iter().any(|w| w.contains(&words)), "{refused:#?}");
    exchange::apply(&mut m, &review, &Decisions::new());
    for c in &leaves[..3] {
        assert_eq!(self_score(&m, SCHOOL, c), self_score(&before, SCHOOL, c));
    }
}

#[test]
fn a_form_relabelled_as_another_school_or_from_elsewhere_is_refused() {
    let m = master();
    let bytes = blank_form(&m, SCHOOL, "f6");
    // The hidden school id changed to another member's: its token is not
    // that school's.
    let relabelled = fill(&bytes, &[("_thidua", "B5", text("dong-nai"))]);
    let err = exchange::review_bytes(&m, &relabelled, "phieu.xlsx").unwrap_err();
    assert_eq!(err.code(), "forged", "{err}");
    // The token cleared: an unsigned form, never merged unattended.
    let unsigned = fill(&bytes, &[("_thidua", "B8", Put::Empty)]);
    let r = exchange::review_bytes(&m, &unsigned, "phieu.xlsx").unwrap();
    assert_eq!(r.authenticity, Authenticity::Unsigned);
    // Another year's and another cluster's forms.
    let mut other_year = m.clone();
    other_year.year = 2020;
    let err = exchange::review_bytes(&other_year, &bytes, "phieu.xlsx").unwrap_err();
    assert_eq!(err.code(), "other_year");
    let mut other_cluster = m.clone();
    other_cluster.cluster.number = 9;
    let err = exchange::review_bytes(&other_cluster, &bytes, "phieu.xlsx").unwrap_err();
    assert_eq!(err.code(), "other_cluster");
    // Another master of the same cluster and year (its own secret).
    let mut other_master = workbook::load(std::path::Path::new(SAMPLE))
        .unwrap()
        .workbook;
    exchange::mail_out(&mut other_master).unwrap();
    let err = exchange::review_bytes(&other_master, &bytes, "phieu.xlsx").unwrap_err();
    assert_eq!(err.code(), "forged");
}

#[test]
fn a_score_the_cluster_corrected_since_is_a_conflict() {
    let mut m = master();
    let (_, scored) = criteria(&m);
    let bytes = blank_form(&m, SCHOOL, "f7");
    let f = cells(&bytes);
    // After the form went out, the cluster corrects the school's score.
    let key = m.replica_key(&Owner::Cluster);
    let s = m
        .assessment_mut(&sid(SCHOOL))
        .self_scores
        .get_mut(&sid(&scored))
        .unwrap();
    s.points = Points(100);
    s.rev.bump_as(&key);
    let filled = fill(
        &bytes,
        &[("Tự chấm", &self_cell(&f, &scored, 3), Put::Number(1.5))],
    );
    let review = exchange::review_bytes(&m, &filled, "phieu.xlsx").unwrap();
    assert_eq!(review.conflicts().count(), 1, "{:#?}", review.changes);
    exchange::apply(&mut m, &review, &Decisions::new());
    assert_eq!(self_score(&m, SCHOOL, &scored), Some(Points(100)));
    assert_eq!(m.provenance.conflicts.len(), 1);
}

#[test]
fn added_rows_are_listed_and_registration_and_activities_come_in() {
    let mut m = master();
    let bytes = blank_form(&m, SCHOOL, "f8");
    let f = cells(&bytes);
    let award = &f.registration.cells["award"].name;
    let target = &f.registration.cells["target:1"].name;
    let date = &f.registration.cells["date"].name;
    let act = f.activity_rows.iter().find(|r| r.title.is_empty()).unwrap();
    let last_row = f.activity_rows.last().unwrap().title.name.clone();
    let row: u32 = last_row[1..].parse().unwrap();
    let flag = m.rules.awards[0].name.clone();
    let filled = fill(
        &bytes,
        &[
            ("Đăng ký", award, text(&flag)),
            ("Đăng ký", target, text("100% giảng viên đạt chuẩn")),
            ("Đăng ký", date, text("15/03/2019")),
            (
                "Hoạt động",
                &act.kind.name,
                text("Hội thảo, tọa đàm khoa học"),
            ),
            (
                "Hoạt động",
                &act.title.name,
                text("Hội thảo khoa học cấp cụm"),
            ),
            ("Hoạt động", &act.start.name, Put::Number(43600.0)),
            // A row the clerk added under the table.
            (
                "Hoạt động",
                &format!("C{}", row + 3),
                text("Hoạt động thêm"),
            ),
        ],
    );
    let review = import(&mut m, &filled);
    assert!(review.is_clean(), "{:#?}", review.changes);
    assert!(
        review
            .notes
            .iter()
            .any(|n| n.contains(&format!("dòng {}", row + 3))),
        "{:#?}",
        review.notes
    );
    let reg = &m.assessment(&sid(SCHOOL)).unwrap().registration;
    assert_eq!(reg.award.as_ref(), Some(&m.rules.awards[0].id));
    assert_eq!(
        reg.targets.first().map(String::as_str),
        Some("100% giảng viên đạt chuẩn")
    );
    assert_eq!(reg.date, Some(jiff::civil::date(2019, 3, 15)));
    let a = m
        .activities
        .iter()
        .find(|a| a.title == "Hội thảo khoa học cấp cụm")
        .expect("the activity");
    assert_eq!(a.host, Some(sid(SCHOOL)));
    assert_eq!(a.start, jiff::civil::date(2019, 5, 15));
    assert!(
        workbook::validate(&m).is_empty(),
        "{:#?}",
        workbook::validate(&m)
    );
}

#[test]
fn junk_and_other_spreadsheets_get_a_clear_message() {
    let m = master();
    let bytes = blank_form(&m, SCHOOL, "f9");
    for cut in [4, 100, bytes.len() / 2, bytes.len() - 1] {
        let err = exchange::review_bytes(&m, &bytes[..cut], "phieu.xlsx").unwrap_err();
        assert_eq!(err.code(), "not_a_form", "{err}");
    }
    // An Excel 97 header with nothing behind it.
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let err = exchange::review_bytes(&m, &ole, "phieu.xls").unwrap_err();
    assert_eq!(err.code(), "not_a_form");
    // The score sheet is a spreadsheet, but not a form.
    let sheet = thidua::spreadsheet::score_sheet::score_sheet(&m).unwrap();
    let err = exchange::review_bytes(&m, &sheet, "bang-diem.xlsx").unwrap_err();
    assert_eq!(err.code(), "not_a_form");
    assert!(
        err.to_string().contains("không phải phiếu tự chấm"),
        "{err}"
    );
}

#[test]
fn mail_out_writes_the_forms_and_merge_takes_one_from_excel() {
    let dir = tempfile::tempdir().unwrap();
    let master_path = dir.path().join("cum8.json");
    std::fs::copy(SAMPLE, &master_path).unwrap();
    let out = dir.path().join("gui");
    let (code, stdout, stderr) = thidua(&[
        "mail-out",
        master_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let form_path = out.join("Cum8-2019-gui-BinhThuan.xlsx");
    assert!(form_path.exists(), "{stdout}");
    assert!(out.join("Cum8-2019-gui-BinhThuan.json").exists());
    let m = workbook::load(&master_path).unwrap().workbook;
    let (leaves, _) = criteria(&m);
    let bytes = std::fs::read(&form_path).unwrap();
    let f = cells(&bytes);
    let filled = fill(
        &bytes,
        &[("Tự chấm", &self_cell(&f, &leaves[0], 3), text("3,25"))],
    );
    let returned = dir.path().join("phieu-binh-thuan-da-dien.xlsx");
    std::fs::write(&returned, filled).unwrap();
    let (code, stdout, stderr) = thidua(&[
        "merge",
        master_path.to_str().unwrap(),
        returned.to_str().unwrap(),
        "--accept-all",
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("Từ Excel"), "{stdout}");
    let merged = workbook::load(&master_path).unwrap().workbook;
    assert_eq!(self_score(&merged, SCHOOL, &leaves[0]), Some(Points(325)));
    // A form is not a workbook: opening or checking one says what it is.
    let (code, stdout, _) = thidua(&["check", form_path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.contains("là bảng tính"), "{stdout}");
    // Writing the forms again refuses to overwrite.
    let (code, _, stderr) = thidua(&[
        "mail-out",
        master_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("không ghi đè"), "{stderr}");
}

#[test]
fn the_score_sheet_as_a_spreadsheet_holds_the_apps_figures_and_formulas() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bang-diem.xlsx");
    let (code, stdout, stderr) = thidua(&[
        "export",
        SAMPLE,
        "--doc",
        "scores",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("bang-diem.xlsx"), "{stdout}");
    let wb = workbook::load(std::path::Path::new(SAMPLE))
        .unwrap()
        .workbook;
    let results = thidua::rules::evaluate(&wb);
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(book.sheet_names(), ["Xếp hạng", "Bảng điểm", "Hoạt động"]);
    let ranking = book.worksheet_range("Xếp hạng").unwrap();
    let formulas = book.worksheet_formula("Xếp hạng").unwrap();
    let header = ranking
        .rows()
        .position(|r| r.iter().any(|c| c == &Data::String("Tổng điểm".into())))
        .unwrap();
    for (n, school) in results.schools.iter().enumerate() {
        let row = ranking.rows().nth(header + 1 + n).unwrap();
        assert_eq!(
            row[1],
            Data::String(wb.school_full_name(&school.totals.school))
        );
        // Numbers as numbers, equal to the app's.
        let total = school.totals.final_score.hundredths() as f64 / 100.0;
        assert_eq!(row[6], Data::Float(total), "row {n}");
        assert_eq!(row[7], Data::Float(school.rank as f64));
        assert_eq!(row[8], Data::String(school.rating.band_name.clone()));
    }
    // The totals are formulas over the detail sheet.
    let f = formulas
        .get_value(((header + 1) as u32, 6))
        .expect("a formula");
    assert!(f.contains("Bảng điểm"), "{f:?}");
    let details = book.worksheet_formula("Bảng điểm").unwrap();
    assert!(
        details
            .used_cells()
            .any(|(_, _, f)| f.starts_with("IF(ISNUMBER(")),
        "what counts per criterion is a formula"
    );
    let acts = book.worksheet_range("Hoạt động").unwrap();
    for a in &wb.activities {
        assert!(
            acts.used_cells()
                .any(|(_, _, c)| c == &Data::String(a.title.clone())),
            "{}",
            a.title
        );
    }
    // Only the score sheet comes as a spreadsheet.
    let other = dir.path().join("bien-ban.xlsx");
    let (code, _, stderr) = thidua(&[
        "export",
        SAMPLE,
        "--doc",
        "minutes",
        "--out",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("Chỉ bảng tổng hợp điểm có bản Excel"),
        "{stderr}"
    );
    assert!(!other.exists());
    let all = dir.path().join("tat-ca");
    let (code, _, stderr) = thidua(&[
        "export",
        SAMPLE,
        "--all",
        all.to_str().unwrap(),
        "--format",
        "xlsx",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let names: Vec<_> = std::fs::read_dir(&all).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn an_edit_the_leader_refused_does_not_come_back_with_the_form() {
    let mut m = master();
    let (leaves, _) = criteria(&m);
    let bytes = blank_form(&m, SCHOOL, "g1");
    let f = cells(&bytes);
    let before = self_score(&m, SCHOOL, &leaves[0]);
    let first = fill(
        &bytes,
        &[("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(1.0))],
    );
    let review = exchange::review_bytes(&m, &first, "phieu.xlsx").unwrap();
    let key = review.changes[0].key.clone();
    // The leader unticks it and merges.
    let rejected = std::collections::BTreeSet::from([key]);
    let (review, decisions) = exchange::with_rejected(&review, &rejected, &Decisions::new());
    exchange::apply(&mut m, &review, &decisions);
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), before);
    // The school saves the same form again with something else added: the
    // refused cell is the same version, not a newer one.
    let again = fill(
        &first,
        &[("Tự chấm", &self_cell(&f, &leaves[1], 4), text("Bổ sung"))],
    );
    let review = exchange::review_bytes(&m, &again, "phieu.xlsx").unwrap();
    assert_eq!(review.changes.len(), 1, "{:#?}", review.changes);
    assert!(review.is_clean());
    exchange::apply(&mut m, &review, &Decisions::new());
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), before);
    // A new value in that cell is a new edit, taken.
    let third = fill(
        &again,
        &[("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(1.25))],
    );
    import(&mut m, &third);
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), Some(Points(125)));
    // Back to the value sent (and refused) before: not taken as new, but
    // said, with the cell, so the clerk can decide by hand.
    let cell = self_cell(&f, &leaves[0], 3);
    let fourth = fill(
        &third,
        &[
            ("Tự chấm", &cell, Put::Number(1.0)),
            (
                "Tự chấm",
                &self_cell(&f, &leaves[2], 4),
                text("Lần gửi thứ tư"),
            ),
        ],
    );
    let review = import(&mut m, &fourth);
    assert_eq!(self_score(&m, SCHOOL, &leaves[0]), Some(Points(125)));
    assert!(
        review
            .notes
            .iter()
            .any(|n| n.contains(&cell) && n.contains("đã gửi trước đây")),
        "{:#?}",
        review.notes
    );
}

#[test]
fn the_hidden_records_and_copied_sheets_cannot_be_used_to_cheat() {
    let m = master();
    let (_, scored) = criteria(&m);
    let bytes = blank_form(&m, SCHOOL, "g2");
    let key = format!("self_score/{SCHOOL}/{scored}");
    let json = cells(&bytes).originals[&key].clone().unwrap();
    let forged_json = json.replace("\"points\"", "\"rev\":{\"cluster\":999999},\"points\"");
    // Find the row of that record in the hidden sheet (written in form
    // order after the eight identification rows).
    let cell = hidden_row_of(&bytes, &key);
    let forged = fill(
        &bytes,
        &[("_thidua", &format!("C{cell}"), text(&forged_json))],
    );
    let err = exchange::review_bytes(&m, &forged, "phieu.xlsx").unwrap_err();
    assert_eq!(err.code(), "forged", "{err}");
    // A second "Tự chấm" sheet (a copy the clerk made): which one is meant
    // is not guessed.
    let copied = add_sheet(&bytes, "Tự chấm (2)", "#tu-cham");
    let err = exchange::review_bytes(&m, &copied, "phieu.xlsx").unwrap_err();
    assert_eq!(err.code(), "not_a_form");
    assert!(err.to_string().contains("Tự chấm (2)"), "{err}");
}

#[test]
fn text_left_as_it_was_sent_is_not_an_edit() {
    let mut m = master();
    let (_, scored) = criteria(&m);
    // A note with a trailing space and a decomposed letter, as typed long
    // ago; the cell reads back trimmed and composed.
    let s = m
        .assessment_mut(&sid(SCHOOL))
        .self_scores
        .get_mut(&sid(&scored))
        .unwrap();
    s.note = "Đạt ".into();
    s.evidence = vec![" KH 12 ".into()];
    let bytes = blank_form(&m, SCHOOL, "g3");
    let review = exchange::review_bytes(&m, &bytes, "phieu.xlsx").unwrap();
    assert!(review.changes.is_empty(), "{:#?}", review.changes);
}

/// The 1-based row of a record in the hidden sheet.
fn hidden_row_of(bytes: &[u8], key: &str) -> u32 {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("_thidua").unwrap();
    let (r, _, _) = range
        .used_cells()
        .find(|(_, c, v)| *c == 1 && **v == Data::String(key.to_string()))
        .unwrap();
    r as u32 + 1
}

#[test]
fn a_table_changed_after_the_form_went_out_is_said_and_checked_by_the_new_maximum() {
    let mut m = master();
    let (leaves, _) = criteria(&m);
    let bytes = blank_form(&m, SCHOOL, "g4");
    let f = cells(&bytes);
    // The cluster lowers I.1's maximum to 2 after sending the forms.
    fn set_max(nodes: &mut [thidua::workbook::Criterion], id: &str) {
        for c in nodes {
            if c.id.as_str() == id {
                c.max = Some(Points(200));
            }
            set_max(&mut c.children, id);
        }
    }
    set_max(&mut m.criteria, &leaves[0]);
    let filled = fill(
        &bytes,
        &[("Tự chấm", &self_cell(&f, &leaves[0], 3), Put::Number(3.0))],
    );
    let review = exchange::review_bytes(&m, &filled, "phieu.xlsx").unwrap();
    let max_cell = self_cell(&f, &leaves[0], 2);
    assert!(
        review
            .notes
            .iter()
            .any(|n| n.contains(&max_cell) && n.contains("khác bảng tiêu chí")),
        "{:#?}",
        review.notes
    );
    // 3 is over the new maximum: refused, the master unchanged.
    assert!(
        review
            .changes
            .iter()
            .all(|c| matches!(c.status, Status::Refused(_))),
        "{:#?}",
        review.changes
    );
}

/// Issue 24: a claim the school sent in its form, then deleted by the
/// cluster, does not come back when the same form is sent again with
/// another change; a pre-filled claim the cluster deleted does not either.
#[test]
fn a_claim_the_cluster_deleted_does_not_come_back_with_the_form() {
    use thidua::workbook::edit::{Edit, ScoreEdit};
    let mut m = master();
    let bytes = blank_form(&m, SCHOOL, "f24");
    let f = cells(&bytes);
    let row = f
        .bonus_rows
        .iter()
        .find(|r| r.reason.is_empty() && r.points.is_empty())
        .expect("an empty bonus row");
    let pre = f
        .bonus_rows
        .iter()
        .find(|r| !r.reason.is_empty())
        .map(|r| r.id.clone());
    let (_, scored) = criteria(&m);
    let claim = [
        (
            "Điểm thưởng",
            row.reason.name.as_str(),
            text("Đăng cai hội thi"),
        ),
        ("Điểm thưởng", row.points.name.as_str(), Put::Number(1.5)),
    ];
    let first = fill(&bytes, &claim);
    import(&mut m, &first);
    let mine = |m: &Workbook| -> Vec<Id> {
        m.assessment(&sid(SCHOOL))
            .unwrap()
            .adjustments
            .iter()
            .filter(|a| a.reason == "Đăng cai hội thi")
            .map(|a| a.id.clone())
            .collect()
    };
    let ids = mine(&m);
    assert_eq!(ids.len(), 1);
    let mut gone = vec![ids[0].clone()];
    gone.extend(pre);
    for id in &gone {
        Edit::Score(ScoreEdit::RemoveAdjustment {
            school: sid(SCHOOL),
            id: id.clone(),
        })
        .apply(&mut m)
        .unwrap();
    }
    // The same form, with a self-score changed as well.
    let mut again = claim.to_vec();
    let cell = self_cell(&f, &scored, 3);
    again.push(("Tự chấm", cell.as_str(), Put::Number(0.5)));
    let review = import(&mut m, &fill(&bytes, &again));
    assert!(
        review
            .changes
            .iter()
            .all(|c| c.kind != exchange::ChangeKind::Added),
        "{:#?}",
        review.changes
    );
    let left = &m.assessment(&sid(SCHOOL)).unwrap().adjustments;
    for id in &gone {
        assert!(left.iter().all(|a| &a.id != id), "{id} came back");
    }
    assert_eq!(self_score(&m, SCHOOL, &scored), Some(Points(50)));
}
