//! The "Văn bản" view as the documents' editor (issue 29): number, date,
//! place, "Nơi nhận", the report's own texts typed in the window beside a
//! preview of the pages; kept as one undoable edit; saved, reloaded and
//! printed in the PDF and the Word copy. The preview draws the runs where
//! the exported PDF has them.

#[path = "support/pdf_text.rs"]
mod pdf_text;
mod support;

use std::sync::Arc;

use iced::widget::text_editor::{Action as EA, Edit as EE};
use support::ui::send;
use thidua::app::page_preview;
use thidua::app::screen::View;
use thidua::app::screen::doc_editor::Message as E;
use thidua::app::screen::documents::Message as D;
use thidua::app::{App, Boot, Message};
use thidua::document::docs;
use thidua::workbook::DocKind;

const SAMPLE: &str = "assets/samples/cum8-2019.json";

fn sample(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    (App::new(Boot::isolated(Some(path.clone()))).0, path)
}

fn ed(m: E) -> Message {
    Message::Documents(D::Editor(m))
}

/// Replaces the whole text of a multi-line field, as select-all then paste.
fn replace(f: impl Fn(EA) -> E, text: &str) -> Vec<Message> {
    vec![
        ed(f(EA::SelectAll)),
        ed(f(EA::Edit(EE::Paste(Arc::new(text.to_string()))))),
    ]
}

fn preview_text(app: &App) -> String {
    let pages = app
        .document_editor()
        .and_then(|e| e.pages())
        .expect("a preview");
    page_preview::draw_list(pages)
        .into_iter()
        .map(|r| r.text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_report_is_written_in_the_window_kept_undone_saved_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = sample(dir.path());
    let before = app.workbook().unwrap().clone();
    send(
        &mut app,
        [
            Message::Navigate(View::Documents),
            Message::Documents(D::Select(DocKind::Report)),
            ed(E::Number("27".into())),
            ed(E::Date("16/12/2019".into())),
        ],
    );
    let situation = "Năm 2019, Cụm thi đua số 8 có bảy trường, mười ba hoạt động chung.";
    send(&mut app, replace(|a| E::Report(0, a), situation));
    // The preview follows the typing; nothing is in the workbook yet.
    let shown = preview_text(&app);
    assert!(
        shown.contains("27/BC-"),
        "the number in the preview: {shown}"
    );
    assert!(shown.contains("bảy trường"), "the text in the preview");
    assert_eq!(app.workbook().unwrap(), &before);

    send(&mut app, [ed(E::Save)]);
    let d = &app.workbook().unwrap().documents;
    assert_eq!(
        d.numbers.get(&DocKind::Report).map(String::as_str),
        Some("27")
    );
    assert_eq!(d.report.situation, situation);
    assert_eq!(
        d.dates
            .get(&DocKind::Report)
            .map(|x| thidua::text::format_date(*x)),
        Some("16/12/2019".to_string())
    );

    // Saved, read back, printed: PDF and Word.
    send(&mut app, [Message::Save]);
    let loaded = thidua::workbook::file::load(&path).unwrap().workbook;
    assert_eq!(loaded.documents, app.workbook().unwrap().documents);
    let pdf = docs::build(&loaded, DocKind::Report).unwrap().pdf;
    let text = pdf_text::text(&pdf).replace('\n', " ");
    assert!(text.contains("bảy trường"), "the PDF prints the text");
    assert!(text.contains("ngày 16 tháng 12 năm 2019"), "and the date");
    let docx = docs::build_docx(&loaded, DocKind::Report).unwrap().docx;
    let xml = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut s = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(xml.contains("bảy trường"), "the Word copy too");

    // One Ctrl+Z takes the whole change back.
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap().documents, before.documents);
}

#[test]
fn a_date_that_is_not_one_is_refused_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = sample(dir.path());
    let before = app.workbook().unwrap().clone();
    send(
        &mut app,
        [
            Message::Navigate(View::Documents),
            Message::Documents(D::Select(DocKind::Minutes)),
            ed(E::Date("31/02/2019".into())),
            ed(E::Save),
        ],
    );
    assert_eq!(app.workbook().unwrap(), &before);
    assert!(support::ui::shows(
        &app,
        iced::Size::new(1366.0, 900.0),
        &thidua::app::strings::doc_bad_date("31/02/2019")
    ));
}

/// The preview draws every run where the exported PDF shows it: for each
/// document of the sample, the runs the canvas draws (millimetres from the
/// sheet's top-left) against those read back from the PDF (points from the
/// bottom-left), by text, page by page.
#[test]
fn the_preview_draws_the_runs_where_the_pdf_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = sample(dir.path());
    send(&mut app, [Message::Navigate(View::Documents)]);
    let mm = 72.0 / 25.4;
    for kind in docs::ALL {
        send(&mut app, [Message::Documents(D::Select(kind))]);
        let Some(pages) = app.document_editor().and_then(|e| e.pages()) else {
            continue; // a document the sample cannot make yet
        };
        let drawn = page_preview::draw_list(pages);
        let Ok(built) = docs::build(app.workbook().unwrap(), kind) else {
            continue;
        };
        let pdf = pdf_text::pages(&built.pdf);
        assert_eq!(pdf.len(), pages.len(), "{kind:?}: pages");
        let mut matched = 0;
        for run in &drawn {
            let page = &pdf[run.page];
            let x = run.x_mm * mm;
            let y = page.height - run.baseline_mm * mm;
            let found = page.runs.iter().any(|r| {
                (r.x - x).abs() < 0.5 && (r.y - y).abs() < 0.5 && r.text.trim() == run.text.trim()
            });
            assert!(
                found || run.text.trim().is_empty(),
                "{kind:?} page {}: {:?} drawn at ({x:.1}, {y:.1}) pt, not in the PDF there",
                run.page + 1,
                run.text
            );
            matched += 1;
        }
        assert!(matched > 5, "{kind:?}: {matched} runs");
    }
}

/// The preview warns before printing (issue 29): no number, a number
/// another document has, a legal basis not in force on the document's
/// date.
#[test]
fn the_preview_warns_of_a_missing_or_repeated_number_and_an_outdated_basis() {
    use thidua::app::strings as s;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = sample(dir.path());
    let minutes = app
        .workbook()
        .unwrap()
        .documents
        .numbers
        .get(&DocKind::Minutes)
        .cloned()
        .expect("the sample numbers its minutes");
    send(
        &mut app,
        [
            Message::Navigate(View::Documents),
            Message::Documents(D::Select(DocKind::Proposal)),
            ed(E::Number(String::new())),
        ],
    );
    let warned = |app: &App, w: &str| {
        app.document_editor()
            .unwrap()
            .warnings()
            .iter()
            .any(|x| x == w)
    };
    assert!(warned(&app, s::WARN_NO_NUMBER));
    send(&mut app, [ed(E::Number(minutes.clone()))]);
    assert!(warned(
        &app,
        &s::warn_same_number(&minutes, docs::title(DocKind::Minutes))
    ));
    // A basis citing Decree 98/2023 on a letter dated after 01/07/2025.
    let old = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;";
    let mut rules = app.workbook().unwrap().rules.clone();
    rules.legal_basis.push(old.to_string());
    app.apply(thidua::workbook::edit::Edit::SetRules(Box::new(rules)))
        .unwrap();
    send(
        &mut app,
        [
            Message::Documents(D::Select(DocKind::Proposal)),
            ed(E::Number(minutes.clone())),
            ed(E::Date("15/12/2025".into())),
        ],
    );
    assert!(warned(&app, &s::warn_basis_replaced(old)), "{old}");
    send(&mut app, [ed(E::Date("15/12/2019".into()))]);
    assert!(
        !app.document_editor()
            .unwrap()
            .warnings()
            .iter()
            .any(|w| w.contains("98/2023")),
        "in 2019 Decree 98/2023 was in force"
    );
}
