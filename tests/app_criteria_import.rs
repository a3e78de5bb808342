//! The criteria table from a Word or Excel file, in the window (issue 32):
//! the tree understood shown in the criteria view before it is kept, kept
//! as one undoable edit, scores following the codes; a table that would
//! drop scored criteria is refused unless the clerk ticks their removal.

mod support;

use iced::Size;
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::criteria::Message as C;
use thidua::app::{App, Boot, Message, strings as s};
use thidua::workbook::{Criterion, Workbook};

const SAMPLE: &str = "assets/samples/cum8-2019.json";
const VIEW: Size = Size::new(1366.0, 900.0);

/// The workbook's table as an office would type it in Excel: code, name,
/// maximum; sections bold on their own rows. `rename` changes one title.
fn table_of(wb: &Workbook, keep: impl Fn(&Criterion) -> bool, rename: (&str, &str)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    ws.write_string(0, 0, "BẢNG TIÊU CHÍ THI ĐUA NĂM 2019")
        .unwrap();
    ws.write_string(2, 0, "TT").unwrap();
    ws.write_string(2, 1, "Nội dung tiêu chí").unwrap();
    ws.write_string(2, 2, "Điểm chuẩn").unwrap();
    let mut r = 3;
    for section in wb.criteria.iter().filter(|c| keep(c)) {
        ws.write_string_with_format(r, 0, &section.code, &bold)
            .unwrap();
        ws.write_string_with_format(r, 1, &section.title, &bold)
            .unwrap();
        r += 1;
        for c in &section.children {
            let title = if c.title == rename.0 {
                rename.1
            } else {
                &c.title
            };
            ws.write_string(r, 0, &c.code).unwrap();
            ws.write_string(r, 1, title).unwrap();
            ws.write_number(r, 2, c.max_points().hundredths() as f64 / 100.0)
                .unwrap();
            r += 1;
        }
    }
    book.save_to_buffer().unwrap()
}

fn sample(dir: &std::path::Path) -> App {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    App::new(Boot::isolated(Some(path))).0
}

#[test]
fn a_table_from_excel_is_shown_then_kept_with_its_scores_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample(dir.path());
    let before = app.workbook().unwrap().clone();
    let first = before.criteria[0].children[0].title.clone();
    let renamed = "Ban hành kế hoạch thi đua năm và phát động phong trào";
    let file = dir.path().join("tieu-chi.xlsx");
    std::fs::write(&file, table_of(&before, |_| true, (&first, renamed))).unwrap();

    send(&mut app, [Message::Navigate(View::Criteria)]);
    send(
        &mut app,
        [Message::Picked(
            thidua::app::dialog::Purpose::ImportCriteria,
            thidua::app::dialog::Picked::Path(file),
        )],
    );
    // Shown, not kept.
    assert_eq!(app.workbook().unwrap(), &before);
    let leaves = before.leaf_criteria().len();
    let nodes = before.criteria.len() + leaves;
    assert!(
        ui::shows(&app, VIEW, &s::import_fit(nodes, 0, 0)),
        "every criterion matched by its code"
    );

    ui::click(&mut app, VIEW, s::IMPORT_APPLY);
    let wb = app.workbook().unwrap();
    assert_eq!(wb.criteria[0].children[0].title, renamed);
    assert_eq!(
        wb.criteria[0].children[0].id,
        before.criteria[0].children[0].id
    );
    assert_eq!(
        wb.assessments, before.assessments,
        "the scores follow the codes"
    );
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap().criteria, before.criteria);
}

#[test]
fn a_table_dropping_scored_criteria_is_refused_unless_their_removal_is_ticked() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample(dir.path());
    let before = app.workbook().unwrap().clone();
    // The last section left out: its scored criteria would vanish.
    let last = before.criteria.last().unwrap().id.clone();
    let file = dir.path().join("tieu-chi.xlsx");
    std::fs::write(&file, table_of(&before, |c| c.id != last, ("", ""))).unwrap();
    send(
        &mut app,
        [
            Message::Navigate(View::Criteria),
            Message::Picked(
                thidua::app::dialog::Purpose::ImportCriteria,
                thidua::app::dialog::Picked::Path(file),
            ),
        ],
    );
    assert!(ui::shows(&app, VIEW, s::IMPORT_VANISHING));
    send(&mut app, [Message::Criteria(C::ImportApply)]);
    assert_eq!(app.workbook().unwrap(), &before, "refused: scores would go");
    send(
        &mut app,
        [
            Message::Criteria(C::ImportReplace(true)),
            Message::Criteria(C::ImportApply),
        ],
    );
    let wb = app.workbook().unwrap();
    assert!(!wb.criteria.iter().any(|c| c.id == last), "kept without it");
    assert!(
        wb.assessments
            .iter()
            .all(|a| a.self_scores.len() < before.assessment(&a.school).unwrap().self_scores.len()),
        "its scores went with it"
    );
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap(), &before, "one undo step");
}
