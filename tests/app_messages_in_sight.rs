//! Messages where the eye is (issue 27, point 7): a missing folder is
//! offered to be created (not called "không phải thư mục"); a failed
//! export's notice does not stand over the next export; a path asked for
//! sits at the foot of a long page, in sight wherever it is scrolled.

mod support;

use iced::Size;
use iced_test::selector;
use support::ui::{self, send};
use thidua::app::dialog::Picked;
use thidua::app::modal::Modal;
use thidua::app::screen::View;
use thidua::app::screen::documents::{Message as D, Target};
use thidua::app::{App, Boot, Message};

const SAMPLE: &str = "assets/samples/cum8-2019.json";
const VIEW: Size = Size::new(1366.0, 700.0);

fn sample(dir: &std::path::Path) -> App {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    App::new(Boot::isolated(Some(path))).0
}

fn export_all_to(app: &mut App, dir: std::path::PathBuf) {
    send(
        app,
        [Message::Documents(D::Picked(
            Target::All { word_too: false },
            Picked::Path(dir),
        ))],
    );
}

#[test]
fn a_missing_folder_is_offered_to_be_created_and_the_export_goes_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample(dir.path());
    send(&mut app, [Message::Navigate(View::Documents)]);
    let missing = dir.path().join("Van ban 2019").join("Gui Hoc vien");
    export_all_to(&mut app, missing.clone());
    assert!(
        matches!(app.modal(), Some(Modal::CreateExportFolder(..))),
        "asks to create the folder, notice: {:?}",
        app.notice().map(|n| n.text().to_string())
    );
    send(&mut app, [Message::DialogKey(true)]);
    assert!(missing.is_dir(), "the folder was created");
    let job = app.export_job().expect("the export started");
    assert_eq!(job.folder.as_deref(), Some(missing.as_path()));
}

#[test]
fn a_failed_exports_notice_does_not_stand_over_the_next_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample(dir.path());
    send(&mut app, [Message::Navigate(View::Documents)]);
    // A file where a folder is wanted: refused, said.
    let file = dir.path().join("khong-phai-thu-muc.txt");
    std::fs::write(&file, "x").unwrap();
    export_all_to(&mut app, file);
    assert!(app.notice().is_some());
    // The next export, to a real folder: the old notice is gone.
    let out = dir.path().join("ra");
    std::fs::create_dir(&out).unwrap();
    export_all_to(&mut app, out);
    assert!(app.export_job().is_some());
    assert!(
        app.notice().is_none(),
        "stale notice: {:?}",
        app.notice().map(|n| n.text().to_string())
    );
}

#[test]
fn the_next_year_path_prompt_is_in_sight_at_the_foot() {
    use thidua::app::screen::year_end::Message as Y;
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample(dir.path());
    send(&mut app, [Message::Navigate(View::YearEnd)]);
    // No file dialog on this machine: the path is asked for in the page.
    send(
        &mut app,
        [Message::YearEnd(Y::NextYearPicked(Picked::Unavailable))],
    );
    let mut sim = ui::simulator(&app, VIEW);
    let field = sim
        .find(selector::id("next-year-path"))
        .expect("the path field")
        .bounds();
    assert!(
        field.y + field.height <= VIEW.height && field.y > VIEW.height / 2.0,
        "the prompt is at the foot, in sight: {field:?}"
    );
}
