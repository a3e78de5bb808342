//! The window, headless: `App` driven by its messages and by clicks and
//! typing in `iced_test`'s simulator. Nothing is read from or written to the
//! user's folders (`Boot::isolated`).

mod support;

use support::ui::{self, send};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::widget::text_editor;
use iced::{Size, window};
use thidua::app::modal::{Choice, Modal};
use thidua::app::screen::members::{Field, Message as Members};
use thidua::app::screen::welcome::Message as Welcome;
use thidua::app::{App, Boot, Message, Notice, Screen, recovery, strings as s};
use thidua::workbook::{self, Id};

const SAMPLE: &str = "assets/samples/cum8-2019.json";

/// The window size the views are simulated at.
const VIEW: Size = Size::new(1280.0, 800.0);

fn click(app: &mut App, label: &str) {
    ui::click(app, VIEW, label)
}

fn type_into(app: &mut App, id: &'static str, text: &str) {
    ui::type_into(app, VIEW, id, text)
}

fn shows(app: &App, text: &str) -> bool {
    ui::shows(app, VIEW, text)
}

/// A copy of the sample in a temp dir, so saving never touches the repo.
fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    path
}

fn open(path: PathBuf) -> App {
    App::new(Boot::isolated(Some(path))).0
}

fn dong_nai(app: &App) -> Id {
    app.workbook()
        .unwrap()
        .members
        .iter()
        .find(|s| s.short_name == "Đồng Nai")
        .unwrap()
        .id
        .clone()
}

#[test]
fn rename_by_typing_undo_redo_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    assert!(matches!(app.screen(), Screen::Workbook));
    assert!(!app.title().contains(s::UNSAVED_MARK));
    let id = dong_nai(&app);
    let old = app
        .workbook()
        .unwrap()
        .school(&id)
        .unwrap()
        .full_name
        .clone();

    send(
        &mut app,
        [
            Message::Members(Members::Edit(id.clone())),
            Message::Members(Members::Field(Field::FullName, String::new())),
        ],
    );
    let new = "Trường Chính trị tỉnh Đồng Nai (sáp nhập Bình Phước) – Nguyễn Thị Thuận Bích";
    type_into(&mut app, Field::FullName.id(), new);
    assert!(shows(&app, new), "the typed name is in the field");
    click(&mut app, s::SAVE_CHANGES);

    let name = |app: &App| {
        app.workbook()
            .unwrap()
            .school(&id)
            .unwrap()
            .full_name
            .clone()
    };
    assert_eq!(name(&app), new);
    assert!(app.title().starts_with(s::UNSAVED_MARK));
    assert!(shows(&app, new), "the list shows the new name");

    send(&mut app, [Message::Undo]);
    assert_eq!(name(&app), old);
    send(&mut app, [Message::Redo]);
    assert_eq!(name(&app), new);

    let out = dir.path().join("đã sửa.json");
    send(
        &mut app,
        [Message::Picked(
            thidua::app::dialog::Purpose::SaveAs,
            thidua::app::dialog::Picked::Path(out.clone()),
        )],
    );
    assert!(!app.document().unwrap().dirty, "{:?}", app.notice());
    assert!(!app.title().contains(s::UNSAVED_MARK));
    let mut reopened = workbook::load(&out).unwrap();
    assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
    let saved = app.workbook().unwrap();
    assert_eq!(
        reopened.workbook.provenance.save_count,
        saved.provenance.save_count
    );
    // Provenance may gain save-time fields (hashes); the records must match.
    reopened.workbook.provenance = saved.provenance.clone();
    assert_eq!(&reopened.workbook, saved);
    // One edit, counted under the cluster's replica of that window.
    assert_eq!(
        reopened
            .workbook
            .school(&id)
            .unwrap()
            .rev
            .0
            .get(&saved.replica_key(&workbook::Owner::Cluster)),
        Some(&1)
    );
}

#[test]
fn close_guard_appears_only_when_dirty() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let window = window::Id::unique();
    send(&mut app, [Message::CloseRequested(window)]);
    assert!(app.modal().is_none(), "clean workbook closes at once");

    let id = dong_nai(&app);
    send(&mut app, [Message::Members(Members::SetLeader(Some(id)))]);
    send(&mut app, [Message::CloseRequested(window)]);
    assert!(matches!(app.modal(), Some(Modal::CloseGuard(..))));
    assert!(shows(&app, s::CLOSE_TITLE));
    assert!(shows(&app, s::DONT_SAVE));

    click(&mut app, s::CANCEL);
    assert!(app.modal().is_none());
    assert!(app.document().unwrap().dirty, "cancel keeps the edits");

    // The keyboard answers the dialog (issue 14, finding 9): Esc cancels,
    // Enter takes the first button (save, then close).
    send(&mut app, [Message::CloseRequested(window)]);
    assert!(shows(&app, s::DIALOG_KEYS));
    send(&mut app, [Message::DialogKey(false)]);
    assert!(app.modal().is_none());
    assert!(app.document().unwrap().dirty);
    send(&mut app, [Message::CloseRequested(window)]);
    send(&mut app, [Message::DialogKey(true)]);
    assert!(app.modal().is_none());
    assert!(!app.document().unwrap().dirty, "saved: {:?}", app.notice());
}

#[test]
fn truncated_file_lands_on_the_error_screen() {
    let path = PathBuf::from("tests/fixtures/truncated.json");
    let expected = workbook::load(&path).unwrap_err();
    let app = open(path);
    assert!(matches!(app.screen(), Screen::Error(_)));
    assert!(app.workbook().is_none(), "never an empty workbook");
    assert!(shows(&app, &expected.to_string()));
    assert!(shows(&app, expected.advice()));
    assert!(shows(&app, s::OPEN_OTHER));
}

#[test]
fn welcome_wizard_creates_a_valid_workbook() {
    let (mut app, _) = App::new(Boot::isolated(None));
    assert!(matches!(app.screen(), Screen::Welcome));
    click(&mut app, s::NEW_WORKBOOK);
    type_into(
        &mut app,
        thidua::app::screen::welcome::ID_NAME,
        "Cụm thi đua số 8",
    );
    type_into(&mut app, thidua::app::screen::welcome::ID_NUMBER, "8");
    send(
        &mut app,
        [
            Message::Welcome(Welcome::Year("2026".into())),
            Message::Welcome(Welcome::Schools(text_editor::Action::Edit(
                text_editor::Edit::Paste(Arc::new(
                    "Trường Chính trị tỉnh Đồng Nai\n\nTrường Chính trị tỉnh Tây Ninh\nTrường Chính trị tỉnh Lâm Đồng\n"
                        .into(),
                )),
            ))),
        ],
    );
    click(&mut app, s::CREATE);

    let wb = app.workbook().expect("a workbook");
    assert_eq!(wb.cluster.name, "Cụm thi đua số 8");
    assert_eq!(wb.cluster.number, 8);
    assert_eq!(wb.year, 2026);
    let names: Vec<_> = wb.members.iter().map(|s| s.short_name.as_str()).collect();
    assert_eq!(names, ["Đồng Nai", "Tây Ninh", "Lâm Đồng"]);
    assert!(
        workbook::validate(wb).is_empty(),
        "{:?}",
        workbook::validate(wb)
    );
    assert!(app.document().unwrap().dirty, "a new workbook is unsaved");
    // It survives a save and a load.
    let bytes = workbook::to_bytes(wb);
    let mut back = workbook::load_bytes(&bytes).unwrap().workbook;
    back.provenance = wb.provenance.clone();
    assert_eq!(&back, wb);
}

#[test]
fn wizard_refuses_a_bad_year() {
    let (mut app, _) = App::new(Boot::isolated(None));
    send(
        &mut app,
        [
            Message::Welcome(Welcome::StartWizard),
            Message::Welcome(Welcome::Name("Cụm 8".into())),
            Message::Welcome(Welcome::Number("8".into())),
            Message::Welcome(Welcome::Year("hai nghìn".into())),
            Message::Welcome(Welcome::Create),
        ],
    );
    assert!(app.workbook().is_none());
    assert!(shows(&app, s::BAD_YEAR));
}

#[test]
fn removing_a_referenced_school_explains_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let wb = app.workbook().unwrap().clone();
    let leader = wb.roles.leader.clone().unwrap();
    send(
        &mut app,
        [Message::Members(Members::Remove(leader.clone()))],
    );
    assert!(shows(&app, s::REMOVE_ALSO));
    assert!(shows(&app, &format!("• {}", s::REF_LEADER)));
    assert_eq!(
        app.workbook().unwrap(),
        &wb,
        "nothing removed before confirming"
    );

    send(&mut app, [Message::Members(Members::ConfirmRemove)]);
    let after = app.workbook().unwrap();
    assert_eq!(after.members.len(), wb.members.len() - 1);
    assert_eq!(after.roles.leader, None);
    // The school voted: the ballot figures (7 papers for 6 present) and the
    // show of hands on the election (7 of 6) no longer add up, which
    // `check` must say; its people and prizes are credited to no school,
    // which `check` lists for the clerk to fix (issue 27, point 2);
    // nothing else is left dangling.
    let problems = workbook::validate(after);
    assert!(
        problems.iter().all(|p| p.scope.is_ballot()
            || p.code() == "too_many_agreed"
            || p.scope == workbook::Scope::Activities),
        "{problems:?}"
    );

    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap(), &wb);
}

#[test]
fn adding_a_school_by_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    click(&mut app, s::ADD_SCHOOL);
    type_into(
        &mut app,
        Field::FullName.id(),
        "Trường Chính trị tỉnh Lâm Đồng",
    );
    click(&mut app, s::SAVE_CHANGES);
    let wb = app.workbook().unwrap();
    let added = wb.members.last().unwrap();
    assert_eq!(added.full_name, "Trường Chính trị tỉnh Lâm Đồng");
    assert_eq!(added.short_name, "Lâm Đồng", "short name suggested");
    let count = wb.members.len();

    // The same name again is refused, and the form stays open with why.
    click(&mut app, s::ADD_SCHOOL);
    type_into(
        &mut app,
        Field::FullName.id(),
        "Trường Chính trị tỉnh Lâm Đồng",
    );
    click(&mut app, s::SAVE_CHANGES);
    assert_eq!(app.workbook().unwrap().members.len(), count);
    assert!(shows(&app, s::SAVE_CHANGES), "form still open");
    assert!(shows(
        &app,
        "Đã có trường tên \u{201c}Trường Chính trị tỉnh Lâm Đồng\u{201d} trong cụm."
    ));
}

#[test]
fn failed_save_says_why_and_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let id = dong_nai(&app);
    send(&mut app, [Message::Members(Members::SetLeader(Some(id)))]);
    // A folder that cannot be (a file is in its way): a missing one is
    // offered to be made (tests/app_merge.rs).
    let _ = app.save_to(dir.path().join("cum8-2019.json").join("x.json"));
    assert!(matches!(app.notice(), Some(Notice::Error(_))));
    assert!(app.document().unwrap().dirty);
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let mut app = open(path.clone());
    let id = dong_nai(&app);
    send(&mut app, [Message::Members(Members::SetLeader(Some(id)))]);
    // Someone else saves the file meanwhile (a different length, so the
    // change is seen even where modification times are coarse).
    let mut other = std::fs::read(&path).unwrap();
    other.extend_from_slice(b"\n");
    std::fs::write(&path, other).unwrap();

    send(&mut app, [Message::Save]);
    assert!(matches!(app.modal(), Some(Modal::ChangedOnDisk)));
    assert!(app.document().unwrap().dirty);
    send(&mut app, [Message::Modal(Choice::Overwrite)]);
    assert!(!app.document().unwrap().dirty, "{:?}", app.notice());
}

/// A recovery copy left by a window that crashed (its place dropped: its
/// lock released), of the file at `path`.
fn crashed_window_copy(data: &Path, path: &Path, wb: &thidua::workbook::Workbook) {
    let crashed = recovery::Place::in_folder(data);
    let disk = thidua::app::recovery::disk_stamp(path);
    assert!(crashed.write(Some(path), disk, wb));
}

#[test]
fn recovery_copy_is_offered_and_restored() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let mut wb = thidua::workbook::load(Path::new(SAMPLE)).unwrap().workbook;
    wb.cluster.name = "Cụm thi đua số 8 (chưa lưu)".into();
    crashed_window_copy(data.path(), &file, &wb);

    // Started with a file (double-click): the offer still stands and the
    // copy is not lost by opening that file.
    let boot = Boot {
        recovery: recovery::Place::in_folder(data.path()),
        ..Boot::isolated(Some(file.clone()))
    };
    let (mut app, _) = App::new(boot);
    assert!(matches!(app.modal(), Some(Modal::Recovery { .. })));
    // The dialog names the whole path, not only the file name.
    assert!(shows(
        &app,
        &s::recovery_body(&file.display().to_string(), &recovery_written(&app), None)
    ));
    // Ctrl+O under the question is not taken; Esc does not discard.
    assert!(thidua::app::dialog_key(ctrl_o()).is_none());
    send(&mut app, [Message::DialogKey(false)]);
    assert!(matches!(app.modal(), Some(Modal::Recovery { .. })));
    // Enter restores.
    send(&mut app, [Message::DialogKey(true)]);
    assert_eq!(app.workbook(), Some(&wb));
    assert!(app.document().unwrap().dirty);
    // The crashed window's copy is gone only because this window's own copy
    // of the restored state was written.
    let me = app_place(&app);
    assert!(me.orphans().is_empty(), "{:?}", me.orphans().len());
    assert_eq!(me.read().unwrap().workbook, wb);
}

fn ctrl_o() -> iced::keyboard::Event {
    use iced::keyboard::{Event, Key, Location, Modifiers, key};
    Event::KeyPressed {
        key: Key::Character("o".into()),
        modified_key: Key::Character("o".into()),
        physical_key: key::Physical::Code(key::Code::KeyO),
        location: Location::Standard,
        modifiers: Modifiers::CTRL,
        text: None,
        repeat: false,
    }
}

fn recovery_written(app: &App) -> String {
    match app.modal() {
        Some(Modal::Recovery { written, .. }) => written.clone(),
        other => panic!("{other:?}"),
    }
}

fn app_place(app: &App) -> recovery::Place {
    app.recovery_place().clone()
}

#[test]
fn discarding_a_recovery_copy_asks_once_more() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let wb = thidua::workbook::load(&file).unwrap().workbook;
    crashed_window_copy(data.path(), &file, &wb);
    let boot = Boot {
        recovery: recovery::Place::in_folder(data.path()),
        ..Boot::isolated(None)
    };
    let (mut app, _) = App::new(boot);
    click(&mut app, s::RECOVERY_DISCARD);
    assert!(matches!(app.modal(), Some(Modal::DiscardRecovery(_))));
    // Esc goes back to the question; nothing deleted.
    send(&mut app, [Message::DialogKey(false)]);
    assert!(matches!(app.modal(), Some(Modal::Recovery { .. })));
    assert_eq!(app_place(&app).orphans().len(), 1);
    click(&mut app, s::RECOVERY_DISCARD);
    click(&mut app, s::DISCARD_RECOVERY_CONFIRM);
    assert!(app.modal().is_none());
    assert!(app_place(&app).orphans().is_empty());
}

#[test]
fn restoring_over_a_file_changed_since_warns_and_the_save_asks() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let mut wb = thidua::workbook::load(&file).unwrap().workbook;
    wb.cluster.name = "Cụm thi đua số 8 (bản khôi phục)".into();
    crashed_window_copy(data.path(), &file, &wb);
    // Someone saves the file after the crash.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut other = wb.clone();
    other.cluster.name = "Cụm thi đua số 8 (lưu từ máy khác)".into();
    std::fs::write(&file, thidua::workbook::to_bytes(&other)).unwrap();
    let boot = Boot {
        recovery: recovery::Place::in_folder(data.path()),
        ..Boot::isolated(None)
    };
    let (mut app, _) = App::new(boot);
    click(&mut app, s::RECOVERY_RESTORE);
    assert_eq!(
        app.notice(),
        Some(&Notice::Error(s::RESTORED_DISK_CHANGED.into()))
    );
    send(&mut app, [Message::Save]);
    assert!(matches!(app.modal(), Some(Modal::ChangedOnDisk)));
    let on_disk = thidua::workbook::load(&file).unwrap().workbook;
    assert_eq!(on_disk.cluster.name, other.cluster.name, "not reverted");
}

#[test]
fn each_window_has_its_own_recovery_copy() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let boot = |f: Option<PathBuf>| Boot {
        recovery: recovery::Place::in_folder(data.path()),
        ..Boot::isolated(f)
    };
    // The first window has unsaved edits in its recovery copy.
    let (mut first, _) = App::new(boot(Some(file.clone())));
    let id = dong_nai(&first);
    send(&mut first, [Message::Members(Members::SetLeader(Some(id)))]);
    std::thread::sleep(thidua::app::RECOVERY_DELAY);
    send(&mut first, [Message::Tick]);
    assert!(app_place(&first).read().is_some());
    // A second window on the same file: no "closed suddenly" question,
    // only that the first holds it (opened to look at only) …
    let (mut second, _) = App::new(boot(Some(file.clone())));
    assert!(
        matches!(second.modal(), Some(Modal::Held { crashed: false, .. })),
        "{:?}",
        second.modal()
    );
    send(&mut second, [Message::Modal(Choice::OpenReadOnly)]);
    // … and closing it cleanly leaves the first window's copy alone.
    let id = dong_nai(&second);
    send(
        &mut second,
        [Message::Members(Members::SetLeader(Some(id)))],
    );
    send(&mut second, [Message::Save]);
    drop(second);
    assert!(app_place(&first).read().is_some());
}

#[test]
fn dropped_files_open_only_when_json() {
    let (mut app, _) = App::new(Boot::isolated(None));
    send(&mut app, [Message::FileDropped("notes.txt".into())]);
    assert!(app.workbook().is_none());
    assert!(matches!(app.notice(), Some(Notice::Error(_))));
    send(&mut app, [Message::FileDropped(SAMPLE.into())]);
    assert_eq!(app.workbook().unwrap().year, 2019);
}

#[test]
fn opening_another_file_with_unsaved_changes_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let id = dong_nai(&app);
    send(&mut app, [Message::Members(Members::SetLeader(Some(id)))]);
    send(&mut app, [Message::OpenSample]);
    assert!(matches!(app.modal(), Some(Modal::Discard(..))));
    send(&mut app, [Message::Modal(Choice::DontSave)]);
    assert!(app.modal().is_none());
    assert!(!app.document().unwrap().dirty);
}

#[test]
fn navigation_shows_every_view() {
    let (mut app, _) = App::new(Boot::isolated(None));
    send(&mut app, [Message::OpenSample]);
    for v in thidua::app::screen::View::ALL {
        click(&mut app, v.label());
        assert_eq!(app.current_view(), v);
    }
    // The last views clicked are the real ones, not placeholders: the
    // documents, then the years side by side (the sample opened from no
    // folder says how to give it one).
    click(&mut app, thidua::app::screen::View::Documents.label());
    assert!(shows(&app, s::EXPORT_ALL));
    click(&mut app, thidua::app::screen::View::History.label());
    assert!(shows(&app, s::HISTORY_OTHER_FOLDER));
}

#[test]
fn duplicate_ids_are_not_edited_by_guess() {
    let mut app = open(PathBuf::from("tests/fixtures/invalid-content.json"));
    assert!(!app.document().unwrap().problems.is_empty());
    assert!(shows(&app, s::PROBLEMS_TITLE));
    let before = app.workbook().unwrap().clone();
    send(
        &mut app,
        [Message::Members(Members::Remove(Id::new("brvt")))],
    );
    send(&mut app, [Message::Members(Members::ConfirmRemove)]);
    assert_eq!(app.workbook().unwrap(), &before);
    assert!(matches!(app.notice(), Some(Notice::Error(_))));
}

#[test]
fn the_first_window_is_shrunk_to_fit_a_small_screen() {
    use iced::Size;
    // A 1366×768 laptop at 125 %: about 1093×614 logical pixels.
    let fitted = thidua::app::fitted(Size::new(1100.0, 700.0), Size::new(1092.8, 614.4)).unwrap();
    assert!(fitted.width <= 1092.8 * 0.96 + 0.01 && fitted.height <= 614.4 * 0.9 + 0.01);
    // A window that fits is left alone.
    assert_eq!(
        thidua::app::fitted(Size::new(1100.0, 700.0), Size::new(1920.0, 1080.0)),
        None
    );
}

/// Issue 14, finding 12: a clerk editing every second or so still gets a
/// recovery copy within the delay; the countdown is not pushed back by each
/// edit.
#[test]
fn steady_editing_still_reaches_the_recovery_copy() {
    let data = tempfile::tempdir().unwrap();
    let place = recovery::Place::in_folder(data.path());
    let dir = tempfile::tempdir().unwrap();
    let boot = Boot {
        recovery: place.clone(),
        ..Boot::isolated(Some(sample_copy(dir.path())))
    };
    let (mut app, _) = App::new(boot);
    let id = dong_nai(&app);
    let step = thidua::app::RECOVERY_DELAY / 3 + std::time::Duration::from_millis(100);
    for leader in [Some(id.clone()), None, Some(id.clone()), None] {
        send(&mut app, [Message::Members(Members::SetLeader(leader))]);
        std::thread::sleep(step);
        send(&mut app, [Message::Tick]);
    }
    assert!(place.read().is_some(), "a recovery copy was written");
}

/// Issue 14, finding 14, as issue 25 leaves it: two windows on one file.
/// The second is told who holds it and may open it to look at only (its
/// save over the file is refused); when the file changes on disk (another
/// program, a synchronised folder), the first is told (once), offered to
/// reload, and reloading shows the change; with edits of its own it asks
/// before dropping them.
#[test]
fn a_window_is_told_when_another_saves_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_copy(dir.path());
    let (mut first, _) = App::new(Boot::isolated(Some(file.clone())));
    let (mut second, _) = App::new(Boot::isolated(Some(file.clone())));
    assert!(second.document().is_none(), "asked first");
    let Some(Modal::Held {
        crashed: false,
        message,
        ..
    }) = second.modal()
    else {
        panic!("{:?}", second.modal())
    };
    assert!(message.contains("Sổ đang được mở trên máy"), "{message}");
    assert!(shows(&second, message));
    send(
        &mut second,
        [Message::Modal(thidua::app::modal::Choice::OpenReadOnly)],
    );
    assert!(second.document().is_some());
    send(&mut first, [Message::WatchDisk]);
    assert_eq!(first.notice(), None, "nothing changed yet");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let id = dong_nai(&second);
    send(
        &mut second,
        [Message::Members(Members::SetLeader(Some(id.clone())))],
    );
    send(&mut second, [Message::Save]);
    assert!(second.document().unwrap().dirty, "not saved over the file");
    assert!(
        second.notice().unwrap().text().contains("Lưu thành"),
        "{:?}",
        second.notice()
    );
    // Another program writes the file.
    let mut wb = second.workbook().unwrap().clone();
    thidua::workbook::save(&file, &wb, thidua::workbook::file::Overwrite::WorkbookOnly).unwrap();
    send(&mut first, [Message::WatchDisk]);
    assert!(matches!(first.notice(), Some(Notice::ChangedOnDisk(_))));
    assert!(shows(&first, s::RELOAD));
    // Told once: dismissed, it does not come back for the same change.
    send(&mut first, [Message::DismissNotice, Message::WatchDisk]);
    assert_eq!(first.notice(), None);
    send(&mut first, [Message::Reload]);
    assert_eq!(first.workbook().unwrap().roles.leader, Some(id));
    // Reloading kept the file held by the first window.
    assert!(thidua::master::lock::holder(&file).is_some());
    // With edits of its own, reloading asks first.
    std::thread::sleep(std::time::Duration::from_millis(20));
    wb.roles.leader = None;
    thidua::workbook::save(&file, &wb, thidua::workbook::file::Overwrite::WorkbookOnly).unwrap();
    let other = first.workbook().unwrap().members[1].id.clone();
    send(
        &mut first,
        [Message::Members(Members::SetLeader(Some(other)))],
    );
    send(&mut first, [Message::WatchDisk, Message::Reload]);
    assert!(matches!(first.modal(), Some(Modal::Discard(..))));
    // Closed, the file is free again.
    drop(first);
    drop(second);
    assert!(thidua::master::lock::holder(&file).is_none());
}

/// Issue 14, finding 8: at the old default size (1100×691) the toolbar
/// fits (its last item, whose machine this is, is inside the window) and
/// the file's whole name is shown, in the sidebar.
#[test]
fn the_toolbar_fits_and_the_file_name_is_whole_at_1100() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(sample_copy(dir.path()));
    let size = iced::Size::new(1100.0, 691.0);
    let mut sim = ui::simulator(&app, size);
    let label = s::machine_label(s::MACHINE_CLUSTER_SHORT);
    let b = sim
        .find(label.as_str())
        .expect("the machine label")
        .bounds();
    assert!(b.x + b.width <= size.width, "{b:?}");
    assert!(b.height < 30.0, "one line: {b:?}");
    assert!(sim.find("cum8-2019.json").is_ok());
}

/// Issue 14, findings 9 and 15: Tab reaches every control — fields and
/// buttons — in the order drawn (Shift+Tab back), a focused button shows a
/// ring and Enter or Space presses it; in the scoring grid Tab stays the
/// grid's.
#[test]
fn tab_reaches_buttons_and_enter_presses_them() {
    use iced::keyboard::{Key, key};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let size = Size::new(1366.0, 768.0);
    let mut sim = ui::simulator(&app, size);
    assert_eq!(ui::focused(&mut sim), None, "no focus before the first Tab");
    let activities = thidua::app::screen::View::Activities.label();
    assert!(
        ui::tab_to(&mut sim, activities, false),
        "Tab reaches the side menu"
    );
    // The toolbar's Save is reached too, and Shift+Tab goes back to the menu.
    assert!(ui::tab_to(&mut sim, s::SAVE, false));
    assert!(ui::tab_to(&mut sim, activities, true));
    let _ = sim.tap_key(Key::Named(key::Named::Enter));
    let messages: Vec<_> = sim.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Navigate(thidua::app::screen::View::Activities)]
        ),
        "Enter pressed the focused button, and only it: {messages:?}"
    );
    send(&mut app, messages);
    assert!(shows(&app, s::ADD_ACTIVITY));
    // Space presses too.
    let mut sim = ui::simulator(&app, size);
    assert!(ui::tab_to(&mut sim, s::ADD_ACTIVITY, false));
    let _ = sim.tap_key(Key::Named(key::Named::Space));
    assert_eq!(sim.into_messages().count(), 1);
    // A form's fields are in the same order: Tab from the first field
    // reaches the next one.
    let id = dong_nai(&app);
    send(
        &mut app,
        [
            Message::Navigate(thidua::app::screen::View::Members),
            Message::Members(Members::Edit(id)),
        ],
    );
    let mut sim = ui::simulator(&app, size);
    let _ = sim.click(iced_test::selector::id("member-full-name"));
    let name_field = ui::focused(&mut sim).expect("the clicked field has the focus");
    let _ = sim.simulate([ui::tab(false)]);
    let next = ui::focused(&mut sim).expect("Tab moved the focus on");
    assert!(
        next.y >= name_field.y && next != name_field,
        "{name_field:?} → {next:?}"
    );
    drop(sim);
    // In the scoring grid Tab is the grid's: it reaches the window.
    send(
        &mut app,
        [Message::Navigate(thidua::app::screen::View::Scoring)],
    );
    let mut sim = ui::simulator(&app, size);
    let _ = sim.simulate([ui::tab(false)]);
    assert_eq!(ui::focused(&mut sim), None);
    // F6 still reaches the window's controls from there.
    let _ = sim.tap_key(Key::Named(key::Named::F6));
    assert!(ui::focused(&mut sim).is_some(), "F6 moved the focus");
}

/// Tab into a long list scrolls it so the focused control is in sight, in
/// both directions, in the smallest window allowed.
#[test]
fn the_focused_control_is_always_in_sight() {
    use thidua::app::screen::View;
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    for view in View::ALL.into_iter().filter(|v| *v != View::Scoring) {
        send(&mut app, [Message::Navigate(view)]);
        let mut sim = ui::simulator(&app, thidua::app::MIN_SIZE);
        for back in [false, true] {
            for n in 0..80 {
                let _ = sim.simulate([ui::tab(back)]);
                let (b, visible) = ui::focused_and_visible(&mut sim).expect("focus");
                let v = visible
                    .unwrap_or_else(|| panic!("{view:?}, Tab {n} ({back}): {b:?} out of sight"));
                assert!(
                    v.height >= b.height - 0.5 && b.height > 0.0,
                    "{view:?}, Tab {n} ({back}): only {v:?} of {b:?} in sight"
                );
            }
        }
    }
}

/// Issue 14, finding 9: in a dialog Tab goes round the dialog's own
/// buttons only (the dimmed window behind is out of reach), and Enter
/// presses the one Tab chose, not the dialog's default.
#[test]
fn tab_stays_in_a_dialog() {
    use iced::keyboard::{Key, key};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let id = dong_nai(&app);
    send(&mut app, [Message::Members(Members::SetLeader(Some(id)))]);
    send(&mut app, [Message::CloseRequested(window::Id::unique())]);
    assert!(matches!(app.modal(), Some(Modal::CloseGuard(..))));
    let mut sim = ui::simulator(&app, Size::new(1366.0, 768.0));
    let mut seen = Vec::new();
    for _ in 0..7 {
        let _ = sim.simulate([ui::tab(false)]);
        let f = ui::focused(&mut sim).expect("something has the focus");
        if !seen.contains(&f) {
            seen.push(f);
        }
    }
    assert_eq!(
        seen.len(),
        3,
        "Lưu, Không lưu, Hủy and nothing else: {seen:?}"
    );
    assert!(ui::tab_to(&mut sim, s::CANCEL, false));
    let _ = sim.tap_key(Key::Named(key::Named::Enter));
    let messages: Vec<_> = sim.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [Message::Modal(Choice::Cancel)]),
        "{messages:?}"
    );
    send(&mut app, messages);
    assert!(app.modal().is_none());
}

/// Issue 14, finding 15: the focus ring is seen, on top of the focused
/// button — in a dialog too, whose buttons sit in their own layer (the
/// ring was set but painted over by the button there).
#[test]
fn the_focus_ring_is_drawn_over_the_focused_button() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let id = dong_nai(&app);
    send(&mut app, [Message::Members(Members::SetLeader(Some(id)))]);
    send(&mut app, [Message::CloseRequested(window::Id::unique())]);
    let mut sim = ui::simulator(&app, Size::new(1366.0, 768.0));
    assert!(ui::tab_to(&mut sim, s::CANCEL, false));
    let ring = ui::focused(&mut sim).expect("focused");
    let snapshot = sim.snapshot(&iced::Theme::Light).expect("snapshot");
    let png = dir.path().join("ring.png");
    assert!(snapshot.matches_image(&png).unwrap());
    // iced_test names the file after the renderer: "ring-<renderer>.png".
    let written = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("ring"))
        .expect("the snapshot file");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&written).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, channels) = (info.width as usize, info.color_type.samples());
    // The snapshot is at scale 2: the middle of the ring's left edge.
    let (x, y) = (
        (ring.x * 2.0 + 2.0) as usize,
        ((ring.y + ring.height / 2.0) * 2.0) as usize,
    );
    let at = (y * w + x) * channels;
    let (r, g, b) = (
        u16::from(buf[at]),
        u16::from(buf[at + 1]),
        u16::from(buf[at + 2]),
    );
    assert!(
        r > 120 && r > g + 40 && g > b,
        "the ring's colour, got ({r}, {g}, {b})"
    );
}

/// Issue 26, point 3, in the window: typing stops at the field's limit
/// (a name: 200 characters, as `check` and returns hold to), and near it a
/// count shows why.
#[test]
fn typing_stops_at_a_field_s_limit_with_a_visible_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let id = dong_nai(&app);
    send(
        &mut app,
        [
            Message::Members(Members::Edit(id.clone())),
            Message::Members(Members::Field(Field::FullName, String::new())),
        ],
    );
    let long = "Trường Chính trị tỉnh Đồng Nai ".repeat(9); // 279 characters
    assert!(long.chars().count() > thidua::limits::MAX_NAME_CHARS);
    type_into(&mut app, Field::FullName.id(), &long);
    let kept: String = long.chars().take(thidua::limits::MAX_NAME_CHARS).collect();
    assert!(
        shows(&app, &kept),
        "the field holds the first 200 characters"
    );
    assert!(!shows(&app, long.trim_end()), "and not the rest");
    assert!(shows(&app, &s::chars_left(200, 200)), "the count is shown");
    click(&mut app, s::SAVE_CHANGES);
    let name = app
        .workbook()
        .unwrap()
        .school(&id)
        .unwrap()
        .full_name
        .clone();
    assert_eq!(name, kept.trim_end(), "saved as typed, within the limit");
}
