//! The window, round three (issue 27): every key does what the clerk
//! expects, and nothing typed is lost, misplaced or silently changed.
//! Driven headless with `iced_test`; keys no widget took go to the window's
//! shortcuts, as the runtime's `keyboard::listen` does.

mod support;

use std::path::{Path, PathBuf};

use iced::Size;
use iced::event::Status;
use iced_test::selector;
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::activities::{self, Message as A};
use thidua::app::{App, Boot, Message, Notice, strings as s};
use thidua::workbook::edit::Edit;
use thidua::workbook::edit::scores::{ScoreEdit, Side};
use thidua::workbook::{Id, Points};

const SAMPLE: &str = "assets/samples/cum8-2019.json";
const VIEW: Size = Size::new(1366.0, 800.0);

fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    path
}

fn open(path: PathBuf) -> App {
    App::new(Boot::isolated(Some(path))).0
}

fn shows(app: &App, text: &str) -> bool {
    ui::shows(app, VIEW, text)
}

/// A key press with Ctrl held, as the window sends it.
fn ctrl(c: char) -> iced::keyboard::Event {
    use iced::keyboard::{Event, Key, Location, Modifiers, key};
    let code = match c {
        'z' => key::Code::KeyZ,
        's' => key::Code::KeyS,
        _ => key::Code::KeyY,
    };
    Event::KeyPressed {
        key: Key::Character(c.to_string().into()),
        modified_key: Key::Character(c.to_string().into()),
        physical_key: key::Physical::Code(code),
        location: Location::Standard,
        modifiers: Modifiers::CTRL,
        text: None,
        repeat: false,
    }
}

/// Presses `key` in `sim`: what a widget sent, then (when no widget took
/// the key) the window's shortcut.
fn press(sim: &mut iced_test::Simulator<'_, Message>, key: iced::keyboard::Event) -> Vec<Message> {
    let status = sim.simulate([iced::Event::Keyboard(key.clone())]);
    let mut out = Vec::new();
    if status.first() == Some(&Status::Ignored)
        && let Some(m) = thidua::app::shortcut(key)
    {
        out.push(m);
    }
    out
}

/// The first leaf criterion and the first member school of the workbook.
fn a_score(app: &App) -> (Id, Id) {
    let wb = app.workbook().unwrap();
    let leaf = wb.criteria[0].leaves()[0].id.clone();
    (wb.members[0].id.clone(), leaf)
}

fn cluster_points(app: &App, school: &Id, criterion: &Id) -> Option<Points> {
    app.workbook()
        .unwrap()
        .assessment(school)
        .and_then(|a| a.cluster_scores.get(criterion))
        .map(|s| s.points)
}

fn notice(app: &App) -> String {
    app.notice()
        .map(|n| n.text().to_string())
        .unwrap_or_default()
}

/// Point 1: Ctrl+Z in a form field undoes the typing in that field; the
/// workbook's undo waits while the form holds typing, and then says what
/// it undid.
#[test]
fn ctrl_z_in_a_form_field_undoes_the_typing_not_a_score_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let (school, criterion) = a_score(&app);
    let before = cluster_points(&app, &school, &criterion);
    app.apply(Edit::Score(ScoreEdit::Points {
        school: school.clone(),
        criterion: criterion.clone(),
        side: Side::Cluster,
        points: Some(Points(25)),
    }))
    .unwrap();
    send(
        &mut app,
        [
            Message::Navigate(View::Activities),
            Message::Activities(A::Add),
        ],
    );

    // Typed, then Ctrl+Z: the last word goes, the form stays, the score
    // typed earlier in the grid stays.
    let mut sim = ui::simulator(&app, VIEW);
    sim.click(selector::id(activities::TITLE_ID)).unwrap();
    let _ = sim.typewrite("Hội thi giảng viên");
    let mut window = press(&mut sim, ctrl('z'));
    let mut messages: Vec<Message> = sim.into_messages().collect();
    messages.append(&mut window);
    send(&mut app, messages);
    assert!(shows(&app, "Hội thi giảng "), "the last word is undone");
    assert_eq!(
        cluster_points(&app, &school, &criterion),
        Some(Points(25)),
        "the score elsewhere is untouched"
    );
    assert!(shows(&app, s::SAVE_CHANGES), "the form is still open");
    assert!(!notice(&app).starts_with("Đã hoàn tác"), "{}", notice(&app));

    // A field with nothing of its own to undo: the key reaches the
    // window, whose undo waits for the form and says so.
    let mut sim = ui::simulator(&app, VIEW);
    sim.click(selector::id(activities::TITLE_ID)).unwrap();
    let window = press(&mut sim, ctrl('z'));
    assert!(matches!(window.as_slice(), [Message::Undo]), "{window:?}");
    let mut messages: Vec<Message> = sim.into_messages().collect();
    messages.extend(window);
    send(&mut app, messages);
    assert_eq!(cluster_points(&app, &school, &criterion), Some(Points(25)));
    assert!(shows(&app, "Hội thi giảng "), "the typing is kept");
    assert!(
        notice(&app).contains(View::Activities.label()),
        "{}",
        notice(&app)
    );

    // The form closed, Ctrl+Z undoes the score and says which, and what
    // it went back to.
    send(&mut app, [Message::Activities(A::Cancel)]);
    send(&mut app, [Message::Undo]);
    assert_eq!(cluster_points(&app, &school, &criterion), before);
    let said = notice(&app);
    assert!(said.starts_with("Đã hoàn tác: điểm cụm chấm"), "{said}");
    assert!(said.contains("trở lại"), "{said}");
    send(&mut app, [Message::Redo]);
    assert!(notice(&app).starts_with("Đã làm lại: điểm cụm chấm"));
    assert!(notice(&app).contains("0,25"), "{}", notice(&app));
    assert!(matches!(app.notice(), Some(Notice::Info(_))));
}

/// Point 5: Ctrl+S commits a valid open form before writing, and says
/// which form is still open when one is not valid (never "Đã lưu" with
/// typing left out); with no change since the last save it writes
/// nothing and leaves the backup alone; undoing every edit makes the
/// workbook the file's again.
#[test]
fn ctrl_s_tells_the_truth_and_keeps_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let bak = dir.path().join("cum8-2019.json.bak");
    let mut app = open(path.clone());
    let original = std::fs::read(&path).unwrap();

    // Nothing changed: nothing written, no backup made.
    send(&mut app, [thidua::app::shortcut(ctrl('s')).unwrap()]);
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert!(!bak.exists(), "no backup rotated by a save of nothing");
    assert!(!notice(&app).starts_with("Đã lưu"), "{}", notice(&app));

    // A new activity typed but not saved in its form: Ctrl+S commits it.
    send(
        &mut app,
        [
            Message::Navigate(View::Activities),
            Message::Activities(A::Add),
        ],
    );
    ui::type_into(
        &mut app,
        VIEW,
        activities::TITLE_ID,
        "Hội thảo khoa học mới",
    );
    ui::type_into(&mut app, VIEW, activities::START_ID, "5/9/2019");
    send(&mut app, [thidua::app::shortcut(ctrl('s')).unwrap()]);
    let saved = thidua::workbook::load(&path).unwrap().workbook;
    assert!(
        saved
            .activities
            .iter()
            .any(|a| a.title == "Hội thảo khoa học mới"),
        "the form's typing is in the file: {}",
        notice(&app)
    );
    assert!(notice(&app).starts_with("Đã lưu"), "{}", notice(&app));
    assert!(!app.title().contains(s::UNSAVED_MARK));
    let backup = std::fs::read(&bak).unwrap();
    assert_eq!(backup, original, "the backup is the state before");

    // Saved again with no change: the backup still holds the state before.
    let on_disk = std::fs::read(&path).unwrap();
    send(&mut app, [Message::Save]);
    assert_eq!(std::fs::read(&bak).unwrap(), backup);
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);

    // A form that cannot be committed (no title): not saved, and said so.
    send(&mut app, [Message::Activities(A::Add)]);
    send(&mut app, [Message::Save]);
    assert!(matches!(app.notice(), Some(Notice::Error(_))));
    assert!(
        notice(&app).contains(View::Activities.label()),
        "{}",
        notice(&app)
    );
    assert!(!notice(&app).starts_with("Đã lưu"));
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    send(&mut app, [Message::Activities(A::Cancel)]);

    // An edit, then its undo: the title is the file's again.
    let (school, criterion) = a_score(&app);
    app.apply(Edit::Score(ScoreEdit::Points {
        school,
        criterion,
        side: Side::Cluster,
        points: Some(Points(25)),
    }))
    .unwrap();
    assert!(app.title().contains(s::UNSAVED_MARK));
    send(&mut app, [Message::Undo]);
    assert!(!app.title().contains(s::UNSAVED_MARK), "{}", app.title());
    send(&mut app, [Message::Redo]);
    assert!(app.title().contains(s::UNSAVED_MARK));
}

/// Point 9: mail-out with unsaved edits asks "Lưu sổ rồi gửi?"; cancel
/// sends nothing; saving first sends copies that carry only what the
/// master on disk has.
#[test]
fn mail_out_with_unsaved_edits_asks_to_save_first() {
    use thidua::app::modal::Modal;
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let mut app = open(path.clone());
    let (school, criterion) = a_score(&app);
    app.apply(Edit::Score(ScoreEdit::Points {
        school: school.clone(),
        criterion: criterion.clone(),
        side: Side::Cluster,
        points: Some(Points(25)),
    }))
    .unwrap();
    send(&mut app, [Message::Navigate(View::Returns)]);
    let out = dir.path().join("cum8-2019-gui-cac-truong");
    let copies = || {
        std::fs::read_dir(&out)
            .map(|d| d.flatten().count())
            .unwrap_or(0)
    };

    ui::click(&mut app, VIEW, s::MAIL_OUT);
    assert!(matches!(app.modal(), Some(Modal::SaveThenSend(_))));
    assert!(shows(&app, s::SAVE_THEN_SEND_TITLE));
    assert_eq!(copies(), 0, "nothing sent while asking");
    // Esc: nothing sent, nothing saved.
    send(&mut app, [Message::DialogKey(false)]);
    assert!(app.modal().is_none());
    assert_eq!(copies(), 0);
    assert!(app.document().unwrap().dirty);

    // Asked again; Enter saves, then sends.
    ui::click(&mut app, VIEW, s::MAIL_OUT);
    ui::click(&mut app, VIEW, s::SAVE_THEN_SEND);
    assert!(app.modal().is_none(), "{:?}", app.modal());
    assert!(copies() > 0, "{}", notice(&app));
    let master = thidua::workbook::load(&path).unwrap().workbook;
    let on_disk = master
        .assessment(&school)
        .and_then(|a| a.cluster_scores.get(&criterion))
        .map(|s| s.points);
    assert_eq!(on_disk, Some(Points(25)), "the master on disk has the edit");
    assert!(!app.document().unwrap().dirty);
}

/// Point 6: started on one workbook, the window opens that workbook; a
/// recovery copy a crashed window left of another workbook is offered in
/// the status bar ("Có bản khôi phục của sổ … — Mở"), never in its place.
#[test]
fn opening_a_file_opens_that_file_and_another_files_copy_waits_in_a_notice() {
    use thidua::app::recovery;
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = sample_copy(dir.path());
    let second = dir.path().join("cum8-2019-ban-sao.json");
    std::fs::copy(SAMPLE, &second).unwrap();
    let mut wb = thidua::workbook::load(Path::new(SAMPLE)).unwrap().workbook;
    wb.cluster.name = "Cụm thi đua số 8 (bản khôi phục)".into();
    let crashed = recovery::Place::in_folder(data.path());
    assert!(crashed.write(Some(&first), recovery::disk_stamp(&first), &wb));
    drop(crashed);

    let boot = Boot {
        recovery: recovery::Place::in_folder(data.path()),
        ..Boot::isolated(Some(second.clone()))
    };
    let (mut app, _) = App::new(boot);
    assert!(app.modal().is_none(), "{:?}", app.modal());
    assert_eq!(
        app.document().unwrap().file_name().as_deref(),
        Some("cum8-2019-ban-sao.json")
    );
    assert_ne!(app.workbook().unwrap().cluster.name, wb.cluster.name);
    let said = s::other_recovery(&first.display().to_string());
    assert!(matches!(app.notice(), Some(Notice::OtherRecovery(t)) if *t == said));
    assert!(shows(&app, s::OPEN_OTHER_RECOVERY));
    // Enter (no dialog) replaces nothing; the copy stays on disk.
    send(&mut app, [Message::DialogKey(true)]);
    assert_eq!(
        app.document().unwrap().file_name().as_deref(),
        Some("cum8-2019-ban-sao.json")
    );
    assert!(app.other_recovery().is_some());
    assert_eq!(app.recovery_place().orphans().len(), 1);
}

/// Point 8: "Tạo sổ năm sau…" pre-fills the path beside this year's file
/// and says why this year changed (saved at once when nothing else was
/// unsaved); "Qua các năm" takes the open workbook for its own year.
#[test]
fn next_year_is_prefilled_and_the_open_workbook_stands_for_its_year() {
    use thidua::app::dialog::Picked;
    use thidua::app::screen::year_end::Message as Y;
    let dir = tempfile::tempdir().unwrap();
    let path = sample_copy(dir.path());
    let mut app = open(path.clone());
    send(&mut app, [Message::Navigate(View::YearEnd)]);
    send(
        &mut app,
        [Message::YearEnd(Y::NextYearPicked(Picked::Unavailable))],
    );
    let next = dir.path().join("cum8-2020.json");
    assert!(
        shows(&app, &next.display().to_string()),
        "the path field is pre-filled"
    );
    // Another name than the handover holds: this year records it, is
    // saved (nothing else was unsaved) and says so.
    let next = dir.path().join("cum8-2020-moi.json");
    send(
        &mut app,
        [
            Message::YearEnd(Y::NextYearPath(next.display().to_string())),
            Message::YearEnd(Y::NextYearPathSubmit),
        ],
    );
    assert!(next.exists(), "{}", notice(&app));
    let this_year = thidua::workbook::load(&path).unwrap().workbook;
    assert_eq!(
        this_year.conference.handover.next_year_file,
        "cum8-2020-moi.json"
    );
    assert!(notice(&app).contains("bàn giao"), "{}", notice(&app));
    assert!(app.modal().is_none(), "{:?}", app.modal());
    assert_eq!(app.workbook().unwrap().year, 2020);

    // Another workbook of 2019 in the folder, saved more often: the open
    // one still stands for 2019.
    let mut other = thidua::workbook::load(&path).unwrap().workbook;
    other.provenance.save_count += 10;
    let other_path = dir.path().join("cum8-2019-chep-tay.json");
    thidua::workbook::save(
        &other_path,
        &other,
        thidua::workbook::file::Overwrite::WorkbookOnly,
    )
    .unwrap();
    let open_wb = thidua::workbook::load(&path).unwrap().workbook;
    let h = thidua::history::from_folder_with(dir.path(), Some((&path, &open_wb))).unwrap();
    assert!(
        h.skipped.iter().any(|s| s.path == other_path),
        "{:?}",
        h.skipped
    );
    assert!(!h.skipped.iter().any(|s| s.path == path), "{:?}", h.skipped);
}

/// Point 10: the focus ring on a red button contrasts with it (≥ 3:1).
#[test]
fn the_focus_ring_on_a_red_button_has_contrast() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    let (school, criterion) = a_score(&app);
    app.apply(Edit::Score(ScoreEdit::Points {
        school,
        criterion,
        side: Side::Cluster,
        points: Some(Points(25)),
    }))
    .unwrap();
    send(
        &mut app,
        [Message::CloseRequested(iced::window::Id::unique())],
    );
    let mut sim = ui::simulator(&app, Size::new(1366.0, 768.0));
    assert!(ui::tab_to(&mut sim, s::DONT_SAVE, false));
    let ring = ui::focused(&mut sim).expect("focused");
    let snapshot = sim.snapshot(&iced::Theme::Light).expect("snapshot");
    let png = dir.path().join("red.png");
    assert!(snapshot.matches_image(&png).unwrap());
    let written = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("red"))
        .expect("the snapshot file");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&written).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let (w, channels) = (info.width as usize, info.color_type.samples());
    // At scale 2; logical offsets from the button's left edge, mid-height.
    let pixel = |dx: f32| {
        let x = ((ring.x + dx) * 2.0) as usize;
        let y = ((ring.y + ring.height / 2.0) * 2.0) as usize;
        let at = (y * w + x) * channels;
        [buf[at], buf[at + 1], buf[at + 2]]
    };
    let luminance = |[r, g, b]: [u8; 3]| {
        let c = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)
    };
    let contrast = |a: [u8; 3], b: [u8; 3]| {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    };
    let fill = pixel(6.0);
    assert!(fill[0] > fill[1] + 60, "a red button, got {fill:?}");
    let best = [1.0, 2.0, 3.0, 3.5]
        .into_iter()
        .map(|dx| contrast(pixel(dx), fill))
        .fold(0.0, f64::max);
    assert!(
        best >= 3.0,
        "the ring's contrast with the button: {best:.2}"
    );
}

/// Issue 27, point 10: F1 shows the list of shortcuts (as Windows'
/// programs do), and Esc closes it.
#[test]
fn f1_shows_the_list_of_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy("assets/samples/cum8-2019.json", &path).unwrap();
    let mut app = open(path);
    let f1 = iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F1),
        modified_key: iced::keyboard::Key::Named(iced::keyboard::key::Named::F1),
        physical_key: iced::keyboard::key::Physical::Code(iced::keyboard::key::Code::F1),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::empty(),
        text: None,
        repeat: false,
    };
    let messages = press(&mut ui::simulator(&app, VIEW), f1);
    assert!(
        messages.iter().any(|m| matches!(m, Message::Shortcuts)),
        "{messages:?}"
    );
    send(&mut app, messages);
    assert!(shows(&app, s::SHORTCUTS), "the list is shown");
    for line in [
        "Ctrl+S — Lưu",
        "Ctrl+Z — Hoàn tác",
        "F1 — Danh sách phím tắt này",
    ] {
        assert!(s::SHORTCUTS.contains(line), "{line}");
    }
    send(&mut app, [Message::DialogKey(false)]);
    assert!(!shows(&app, s::SHORTCUTS), "Esc closes it");
}
