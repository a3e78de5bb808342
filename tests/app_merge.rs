//! The window merging files member schools sent back: dropped onto the
//! window, reviewed (tick, untick, decide conflicts), applied as one undoable
//! step, listed in the tracker; wrong files refused in Vietnamese.

mod support;

use std::path::{Path, PathBuf};
use support::ui::{self, send};

use iced::Size;
use thidua::app::modal::{Choice, Modal};
use thidua::app::screen::View;
use thidua::app::screen::merge_review::Message as Review;
use thidua::app::{App, Boot, Message, Notice, strings as s};
use thidua::exchange::{self, RecordKey};
use thidua::settings::{Settings, Store};
use thidua::workbook::edit::scores::Side;
use thidua::workbook::edit::{Edit, ScoreEdit};
use thidua::workbook::{self, Id, Owner, Points, Workbook};

const SAMPLE: &str = "assets/samples/cum8-2019.json";

/// The window size the views are simulated at.
const VIEW: Size = Size::new(1280.0, 800.0);

fn click(app: &mut App, label: &str) {
    ui::click(app, VIEW, label)
}

fn shows(app: &App, text: &str) -> bool {
    ui::shows(app, VIEW, text)
}

fn open_copy(dir: &Path) -> App {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    App::new(Boot::isolated(Some(path))).0
}

/// The leader's workbook as it was sent out.
fn sent_out() -> Workbook {
    workbook::load(Path::new(SAMPLE)).unwrap().workbook
}

fn id(s: &str) -> Id {
    Id::new(s)
}

/// `school`'s copy of what was sent out, edited and saved as that school,
/// written to `dir/name`.
fn returned(
    dir: &Path,
    name: &str,
    school: &str,
    edit: impl FnOnce(&mut Workbook, &Owner),
) -> PathBuf {
    let mut wb = sent_out();
    let me = Owner::School(id(school));
    edit(&mut wb, &me);
    exchange::stamp(&mut wb, &me);
    let path = dir.join(name);
    std::fs::write(&path, workbook::to_bytes(&wb)).unwrap();
    path
}

/// `school` opens its mail-out copy at `copy`, sets its self-score of
/// `criterion` and saves it (signed) as `dir/name`.
fn signed_return(
    copy: &Path,
    dir: &Path,
    name: &str,
    school: &str,
    criterion: &str,
    points: i64,
) -> PathBuf {
    let mut wb = workbook::load(copy).unwrap().workbook;
    let me = Owner::School(id(school));
    let key = wb.replica_key(&me);
    let sc = wb
        .assessment_mut(&id(school))
        .self_scores
        .get_mut(&id(criterion))
        .unwrap();
    sc.points = Points(points);
    sc.rev.bump_as(&key);
    exchange::stamp(&mut wb, &me);
    let path = dir.join(name);
    std::fs::write(&path, workbook::to_bytes(&wb)).unwrap();
    path
}

fn set_self(wb: &mut Workbook, school: &str, criterion: &str, points: i64, by: &Owner) {
    let s = wb
        .assessment_mut(&id(school))
        .self_scores
        .get_mut(&id(criterion))
        .unwrap();
    s.points = Points(points);
    s.rev.bump(by);
}

fn self_points(app: &App, school: &str, criterion: &str) -> Points {
    app.workbook()
        .unwrap()
        .assessment(&id(school))
        .unwrap()
        .self_scores[&id(criterion)]
        .points
}

#[test]
fn two_returned_files_dropped_reviewed_applied_in_one_step_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    let dong_nai = returned(dir.path(), "DongNai-2019.json", "dong-nai", |wb, me| {
        set_self(wb, "dong-nai", "II.1", 900, me);
        set_self(wb, "dong-nai", "II.2", 700, me);
    });
    let tay_ninh = returned(dir.path(), "Cum8-2019 (1).json", "tay-ninh", |wb, me| {
        set_self(wb, "tay-ninh", "I.1", 300, me); // the leader retypes it too
        set_self(wb, "tay-ninh", "I.2", 250, me); // unticked below
    });
    // Meanwhile the leader corrected Tây Ninh's self-score on I.1.
    app.apply(Edit::Score(ScoreEdit::Points {
        school: id("tay-ninh"),
        criterion: id("I.1"),
        side: Side::Own,
        points: Some(Points(350)),
    }))
    .unwrap();
    let before = app.workbook().unwrap().clone();
    let tay_ninh_i2 = self_points(&app, "tay-ninh", "I.2");

    send(
        &mut app,
        [
            Message::FileDropped(dong_nai),
            Message::FileDropped(tay_ninh),
        ],
    );
    assert_eq!(
        app.notice(),
        None,
        "both files are returns of this workbook"
    );
    assert_eq!(app.merge_review().files().len(), 2);
    assert_eq!(app.workbook(), Some(&before), "reviewing changes nothing");
    // Unsigned: the clerk says who sent each (issue 26.1).
    name_senders_as_claimed(&mut app);
    assert!(shows(&app, s::REVIEW_TITLE));
    let sender = app.merge_review().files()[1].review.sender_name.clone();
    assert!(shows(&app, &s::return_from(&sender)), "{sender}");
    assert!(shows(&app, s::KEEP_CLUSTER));
    assert!(shows(&app, s::TAKE_SCHOOL));
    assert!(shows(&app, "Xung đột"));
    assert_eq!(app.merge_review().undecided(), 1);

    // Not applicable while the conflict is undecided.
    send(&mut app, [Message::MergeReview(Review::Apply)]);
    assert_eq!(app.workbook(), Some(&before));
    assert_eq!(app.merge_review().files().len(), 2);

    // Keep the leader's I.1, and untick Tây Ninh's I.2.
    click(&mut app, s::KEEP_CLUSTER);
    assert_eq!(app.merge_review().undecided(), 0);
    send(
        &mut app,
        [Message::MergeReview(Review::Accept(
            1,
            RecordKey::SelfScore(id("tay-ninh"), id("I.2")),
            false,
        ))],
    );
    click(&mut app, s::MERGE_APPLY);

    assert!(app.merge_review().files().is_empty());
    assert_eq!(self_points(&app, "dong-nai", "II.1"), Points(900));
    assert_eq!(self_points(&app, "dong-nai", "II.2"), Points(700));
    assert_eq!(
        self_points(&app, "tay-ninh", "I.1"),
        Points(350),
        "leader's kept"
    );
    assert_eq!(
        self_points(&app, "tay-ninh", "I.2"),
        tay_ninh_i2,
        "unticked"
    );
    let wb = app.workbook().unwrap();
    assert_eq!(wb.provenance.returns.len(), 2);
    let missing = exchange::missing(wb);
    assert!(!missing.contains(&id("dong-nai")) && !missing.contains(&id("tay-ninh")));
    assert!(missing.contains(&id("binh-duong")));
    assert!(app.document().unwrap().dirty);

    // The tracker lists both schools and who is still missing.
    assert_eq!(app.current_view(), View::Returns);
    assert!(shows(&app, "DongNai-2019.json"));
    assert!(shows(&app, "Cum8-2019 (1).json"));
    assert!(shows(&app, &s::returns_missing_heading(missing.len())));
    assert!(shows(
        &app,
        &format!("• {}", wb.school_full_name(&id("binh-duong")))
    ));

    // One undo takes the whole merge back, tracker included.
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook(), Some(&before));
    assert!(app.workbook().unwrap().provenance.returns.is_empty());
}

#[test]
fn a_file_of_another_cluster_dropped_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    let before = app.workbook().unwrap().clone();
    let other = returned(dir.path(), "Cum9-2019.json", "dong-nai", |wb, me| {
        wb.cluster.number = 9;
        wb.cluster.name = "Cụm thi đua số 9".into();
        set_self(wb, "dong-nai", "II.1", 900, me);
    });
    send(&mut app, [Message::FileDropped(other)]);
    let Some(Notice::Error(msg)) = app.notice().cloned() else {
        panic!("no refusal: {:?}", app.notice());
    };
    assert!(msg.contains("Cum9-2019.json"), "{msg}");
    assert!(msg.contains("Tệp của cụm khác"), "{msg}");
    assert!(msg.contains(s::DROP_OPEN_HINT), "{msg}");
    // One line of it in the status bar; the whole of it one click away.
    assert!(shows(&app, s::DETAILS), "the refusal is on screen");
    click(&mut app, s::DETAILS);
    assert!(shows(&app, &msg), "the whole refusal in a dialog");
    send(&mut app, [Message::DialogKey(false)]);
    assert!(app.modal().is_none());
    assert!(app.merge_review().files().is_empty());
    assert_eq!(app.workbook(), Some(&before));
    assert!(!app.document().unwrap().dirty);
}

#[test]
fn the_same_file_twice_is_refused_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    let file = returned(dir.path(), "DongNai.json", "dong-nai", |wb, me| {
        set_self(wb, "dong-nai", "II.1", 900, me);
    });
    let before = app.workbook().unwrap().clone();

    // Cancel: nothing changes.
    send(&mut app, [Message::FileDropped(file.clone())]);
    assert_eq!(app.merge_review().files().len(), 1);
    // Dropped again while under review: refused, still one.
    send(&mut app, [Message::FileDropped(file.clone())]);
    assert!(matches!(app.notice(), Some(Notice::Error(_))));
    assert_eq!(app.merge_review().files().len(), 1);
    click(&mut app, s::CANCEL);
    assert!(app.merge_review().files().is_empty());
    assert_eq!(app.workbook(), Some(&before));
    assert!(!app.document().unwrap().dirty);

    // Merged, then sent twice: refused.
    send(&mut app, [Message::FileDropped(file.clone())]);
    name_senders_as_claimed(&mut app);
    click(&mut app, s::MERGE_APPLY);
    assert_eq!(self_points(&app, "dong-nai", "II.1"), Points(900));
    send(&mut app, [Message::FileDropped(file)]);
    let Some(Notice::Error(msg)) = app.notice() else {
        panic!("no refusal: {:?}", app.notice());
    };
    assert!(msg.contains("Đã gộp tệp này rồi"), "{msg}");
    assert!(app.merge_review().files().is_empty());
}

#[test]
fn the_import_action_is_in_the_toolbar_and_the_tracker_is_in_the_navigation() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    assert!(shows(&app, s::IMPORT_RETURNS));
    click(&mut app, s::VIEW_RETURNS);
    assert_eq!(app.current_view(), View::Returns);
    assert!(shows(&app, s::NO_RETURNS));
    // Every member but the leader (Bà Rịa - Vũng Tàu) is still missing.
    assert!(shows(&app, &s::returns_missing_heading(6)));
}

#[test]
fn whose_machine_is_asked_once_and_saves_are_stamped_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let boot = Boot {
        settings: Store::in_memory(Settings::default()),
        ..Boot::isolated(Some(path.clone()))
    };
    let (mut app, _) = App::new(boot);
    assert!(matches!(app.modal(), Some(Modal::Machine { .. })));
    assert!(shows(&app, s::MACHINE_TITLE));
    let full = app.workbook().unwrap().school_full_name(&id("dong-nai"));
    assert!(shows(&app, s::MACHINE_CLUSTER));
    // (The members list behind the dialog has the same names: send the
    // choice rather than click a name.)
    let Some(Modal::Machine { schools }) = app.modal().cloned() else {
        unreachable!()
    };
    let (owner, _) = schools.into_iter().find(|(_, n)| *n == full).unwrap();
    send(&mut app, [Message::Modal(Choice::Machine(owner))]);
    assert!(app.modal().is_none());
    assert_eq!(app.settings().machine, Some(Owner::School(id("dong-nai"))));
    assert!(shows(&app, &s::machine_label("Đồng Nai")));

    // Saved on the school's machine: the file says Đồng Nai saved it …
    send(&mut app, [Message::Save]);
    let saved = workbook::load(&path).unwrap().workbook;
    assert_eq!(
        saved.provenance.saved_by,
        Some(Owner::School(id("dong-nai")))
    );
    // … so the leader's window takes it as Đồng Nai's return.
    let leader_dir = tempfile::tempdir().unwrap();
    let mut leader = open_copy(leader_dir.path());
    send(&mut leader, [Message::FileDropped(path.clone())]);
    assert_eq!(leader.notice(), None);
    assert_eq!(
        leader.merge_review().files()[0].review.sender,
        id("dong-nai")
    );

    // A school's machine opens a dropped workbook instead of merging it
    // (once the leader's window has closed it: it held it).
    drop(leader);
    let other = leader_dir.path().join("cum8-2019.json");
    send(&mut app, [Message::FileDropped(other.clone())]);
    assert!(app.merge_review().files().is_empty());
    assert_eq!(
        app.document().unwrap().file_name().as_deref(),
        Some("cum8-2019.json")
    );
    // Asked once: opening again does not ask; the toolbar changes it.
    send(&mut app, [Message::OpenPath(path.clone())]);
    assert!(app.modal().is_none());
    click(&mut app, &s::machine_label("Đồng Nai"));
    assert!(matches!(app.modal(), Some(Modal::Machine { .. })));
    click(&mut app, s::MACHINE_CLUSTER);
    assert_eq!(app.settings().machine, Some(Owner::Cluster));
}

/// Mail-out in the window, then the signed copy of one school comes back
/// and an unsigned file of another: the review says which is which; a
/// conflict left open is listed in the tracker and shown again.
#[test]
fn mail_out_signed_and_unsigned_returns_and_open_conflicts_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    send(&mut app, [Message::Navigate(View::Returns)]);
    assert!(shows(&app, s::MAIL_OUT));
    click(&mut app, s::MAIL_OUT);
    let out = dir.path().join("cum8-2019-gui-cac-truong");
    let copy = out.join("Cum8-2019-gui-DongNai.json");
    assert!(copy.exists(), "{:?}", app.notice());
    let master = workbook::load(&dir.path().join("cum8-2019.json"))
        .unwrap()
        .workbook;
    assert!(
        !master.provenance.secret.is_empty(),
        "the key was saved with the master"
    );
    assert!(!app.workbook().unwrap().provenance.secret.is_empty());
    // The copies sent carry keys from that secret: no undo takes it away.
    send(&mut app, [Message::Undo, Message::Undo]);
    assert!(!app.workbook().unwrap().provenance.secret.is_empty());

    // Đồng Nai fills its copy and sends it back: signed.
    let signed = signed_return(&copy, dir.path(), "dong-nai.json", "dong-nai", "I.1", 100);
    // Tây Ninh answers with an old copy of its own: unsigned.
    let unsigned = returned(dir.path(), "tay-ninh.json", "tay-ninh", |wb, me| {
        set_self(wb, "tay-ninh", "I.1", 250, me)
    });
    send(
        &mut app,
        [Message::FileDropped(signed), Message::FileDropped(unsigned)],
    );
    assert!(shows(&app, s::RETURN_SIGNED));
    assert!(shows(&app, s::RETURN_UNSIGNED));

    // Issue 26.1: who sent an unsigned file is the clerk's word. None is
    // chosen for the clerk: "Áp dụng" waits for it.
    let tn = app.workbook().unwrap().school_full_name(&id("tay-ninh"));
    assert!(shows(&app, s::REVIEW_SENT_BY));
    assert!(shows(&app, s::REVIEW_NAME_SCHOOLS));
    assert!(shows(&app, &s::return_unsigned_claims(&tn)));
    assert!(app.merge_review().files()[1].needs_school());
    let before = app.workbook().unwrap().clone();
    send(&mut app, [Message::MergeReview(Review::Apply)]);
    assert_eq!(app.workbook(), Some(&before), "not merged without a school");
    // The clerk says it came from Đồng Nai: the file's own claim (Tây
    // Ninh) is shown in red, and Tây Ninh's part is not Đồng Nai's.
    name_sender(&mut app, 1, "dong-nai");
    let f = &app.merge_review().files()[1];
    assert_eq!(f.review.sender, id("dong-nai"));
    assert_eq!(f.review.claimed, Some(id("tay-ninh")));
    assert!(shows(&app, &s::return_claims_other(&tn)));
    assert_eq!(f.review.acceptable().count(), 0, "{:?}", f.review.changes);
    // Named as Tây Ninh, it is Tây Ninh's edit.
    name_sender(&mut app, 1, "tay-ninh");
    assert_eq!(app.merge_review().files()[1].review.claimed, None);
    click(&mut app, s::MERGE_APPLY);
    assert_eq!(self_points(&app, "tay-ninh", "I.1"), Points(250));
    assert_eq!(self_points(&app, "dong-nai", "I.1"), Points(100));
}

/// Names the sender of unsigned file `n` under review, as the clerk's
/// choice in the list does.
fn name_sender(app: &mut App, n: usize, school: &str) {
    let name = app.workbook().unwrap().school_full_name(&id(school));
    send(
        app,
        [Message::MergeReview(Review::From(
            n,
            thidua::app::screen::merge_review::SchoolChoice {
                id: id(school),
                name,
            },
        ))],
    );
}

/// Names every unsigned file's sender as the school it says it is from.
fn name_senders_as_claimed(app: &mut App) {
    let claims: Vec<(usize, String)> = app
        .merge_review()
        .files()
        .iter()
        .enumerate()
        .filter(|(_, f)| f.needs_school())
        .map(|(n, f)| (n, f.review.sender.as_str().to_string()))
        .collect();
    for (n, school) in claims {
        name_sender(app, n, &school);
    }
}

#[test]
fn forged_returns_open_conflicts_decided_later_final_copy_and_copies_on_each_machine() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    send(
        &mut app,
        [
            Message::Modal(Choice::Machine(Owner::Cluster)),
            Message::Navigate(View::Returns),
        ],
    );
    click(&mut app, s::MAIL_OUT);
    let out = dir.path().join("cum8-2019-gui-cac-truong");
    let dn_copy = out.join("Cum8-2019-gui-DongNai.json");
    let tn_copy = out.join("Cum8-2019-gui-TayNinh.json");

    // Tây Ninh poses as Đồng Nai with its own copy: forged, shown as such.
    let mut x = workbook::load(&tn_copy).unwrap().workbook;
    x.provenance.copy_for = Some(id("dong-nai"));
    exchange::stamp(&mut x, &Owner::School(id("dong-nai")));
    let forged = dir.path().join("dong-nai-that.json");
    std::fs::write(&forged, workbook::to_bytes(&x)).unwrap();
    let before = app.workbook().unwrap().clone();
    send(&mut app, [Message::FileDropped(forged)]);
    assert!(shows(&app, s::RETURN_FORGED), "{:?}", app.notice());
    assert!(shows(&app, "dong-nai-that.json"));
    click(&mut app, s::CANCEL);
    assert_eq!(app.workbook().unwrap(), &before, "nothing merged");

    // The cluster corrects Đồng Nai's I.1 while its copy is out; the
    // school's own edit of it then comes back as a conflict, left open.
    app.apply(Edit::Score(ScoreEdit::Points {
        school: id("dong-nai"),
        criterion: id("I.1"),
        side: Side::Own,
        points: Some(Points(150)),
    }))
    .unwrap();
    let back = signed_return(
        &dn_copy,
        dir.path(),
        "dong-nai.json",
        "dong-nai",
        "I.1",
        175,
    );
    let dn = workbook::load(&back).unwrap().workbook;
    send(&mut app, [Message::FileDropped(back)]);
    click(&mut app, s::MERGE_APPLY); // disabled: one conflict undecided
    assert_eq!(app.workbook().unwrap().provenance.conflicts.len(), 0);
    // Left undecided: the merge is refused until decided; leave the file
    // out of this merge instead, then merge it undecided by the CLI way.
    let mut master = app.workbook().unwrap().clone();
    let review =
        exchange::review_bytes(&master, &workbook::to_bytes(&dn), "dong-nai.json").unwrap();
    exchange::apply(&mut master, &review, &exchange::Decisions::new());
    assert_eq!(master.provenance.conflicts.len(), 1);
    send(&mut app, [Message::MergeReview(Review::Cancel)]);
    app.apply(Edit::Replace(Box::new(master))).unwrap();
    send(&mut app, [Message::Navigate(View::Returns)]);
    assert!(shows(&app, &format!("{} (1)", s::OPEN_CONFLICTS)));
    click(&mut app, s::TAKE_SCHOOL);
    assert!(app.workbook().unwrap().provenance.conflicts.is_empty());
    assert_eq!(self_points(&app, "dong-nai", "I.1"), Points(175));
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap().provenance.conflicts.len(), 1);
    // The same file again: its open conflict is shown again, as reopened.
    send(
        &mut app,
        [Message::FileDropped(dir.path().join("dong-nai.json"))],
    );
    assert!(shows(&app, s::RETURN_REOPENED), "{:?}", app.notice());
    send(&mut app, [Message::MergeReview(Review::Cancel)]);
    send(&mut app, [Message::Navigate(View::Returns)]);

    // A lost copy is issued again in one click; the final copy has no key.
    std::fs::remove_file(&tn_copy).unwrap();
    click(&mut app, s::REISSUE);
    // The undo above is not saved: the master is saved first, then the
    // copy sent (issue 27, point 9).
    assert!(matches!(app.modal(), Some(Modal::SaveThenSend(_))));
    click(&mut app, s::SAVE_THEN_SEND);
    assert!(out.read_dir().unwrap().count() >= 6, "{:?}", app.notice());
    click(&mut app, s::FINAL_COPY);
    let last = workbook::load(&out.join("Cum8-2019-ban-cuoi.json"))
        .unwrap()
        .workbook;
    assert!(last.provenance.secret.is_empty());
    assert!(last.provenance.school_key.is_empty());
    assert!(last.provenance.copy_for.is_none());

    // The leader opens a school's copy: read-only, with "Gộp vào sổ cụm".
    send(&mut app, [Message::Save]);
    app.open(dn_copy.clone());
    assert!(shows(&app, s::MERGE_COPY));
    let copy_before = app.workbook().unwrap().clone();
    let edited = app.apply(Edit::Score(ScoreEdit::Points {
        school: id("dong-nai"),
        criterion: id("I.2"),
        side: Side::Own,
        points: Some(Points(100)),
    }));
    assert!(edited.is_err());
    assert_eq!(app.workbook().unwrap(), &copy_before, "read-only");
}

#[test]
fn a_school_opening_its_copy_lands_on_self_scoring_with_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut master = sent_out();
    for a in &mut master.assessments {
        if a.school == id("dong-nai") {
            a.self_scores.retain(|c, _| c.as_str() != "II.1");
        }
    }
    let (copies, _) = exchange::mail_out(&mut master).unwrap();
    let copy = &copies.iter().find(|(s, _)| s == &id("dong-nai")).unwrap().1;
    let path = dir.path().join("Cum8-2019-gui-DongNai.json");
    std::fs::write(&path, workbook::to_bytes(copy)).unwrap();
    // A machine never asked whose it is: the copy says.
    let boot = Boot {
        settings: Store::in_memory(Settings::default()),
        ..Boot::isolated(Some(path))
    };
    let app = App::new(boot).0;
    assert!(app.modal().is_none(), "{:?}", app.modal());
    assert_eq!(app.current_view(), View::Scoring);
    match app.notice() {
        Some(Notice::Info(t)) => assert!(t.contains("còn thiếu") && t.contains("II.1"), "{t}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_excel_form_from_the_mail_out_is_dropped_reviewed_and_merged() {
    use support::xlsx::{Put, fill, text};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    send(&mut app, [Message::Navigate(View::Returns)]);
    click(&mut app, s::MAIL_OUT);
    let form = dir
        .path()
        .join("cum8-2019-gui-cac-truong")
        .join("Cum8-2019-gui-DongNai.xlsx");
    assert!(form.exists(), "{:?}", app.notice());
    // Đồng Nai's clerk fills the form in Excel and mails it back renamed;
    // a locked maximum is changed on the way.
    let bytes = std::fs::read(&form).unwrap();
    let cells = thidua::spreadsheet::read::read(&bytes).unwrap();
    let row = cells
        .self_rows
        .iter()
        .find(|r| r.criterion == id("I.1"))
        .unwrap();
    let filled = fill(
        &bytes,
        &[
            ("Tự chấm", &row.points.name, text("3,25")),
            ("Tự chấm", &row.max.name, Put::Number(40.0)),
        ],
    );
    let back = dir.path().join("phieu tu cham Dong Nai (da dien).xlsx");
    std::fs::write(&back, filled).unwrap();
    send(&mut app, [Message::FileDropped(back.clone())]);
    assert!(shows(&app, s::RETURN_EXCEL), "{:?}", app.notice());
    assert!(shows(&app, s::REVIEW_NOTES));
    click(&mut app, s::MERGE_APPLY);
    assert_eq!(self_points(&app, "dong-nai", "I.1"), Points(325));
    // Undone in one step, like any merge.
    send(&mut app, [Message::Undo]);
    assert_eq!(self_points(&app, "dong-nai", "I.1"), Points(350));

    // Dropped with no workbook open: said what to do, nothing opened.
    let mut empty = App::new(Boot::isolated(None)).0;
    send(&mut empty, [Message::FileDropped(back)]);
    assert!(empty.workbook().is_none());
    assert!(
        matches!(empty.notice(), Some(Notice::Error(e)) if e == s::FORM_DROP_NEEDS_MASTER),
        "{:?}",
        empty.notice()
    );
}

/// Issue 24 in the window: the cluster deletes a bonus item, a school's
/// stale return still holding it does not bring it back, the returns view
/// lists the deletion ("Đã xóa trong năm") with who and when, and
/// "Khôi phục" brings it back as one undoable edit.
#[test]
fn a_deletion_is_listed_survives_a_stale_return_and_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    // A school's return made from the workbook as sent out (the item in it).
    let back = returned(dir.path(), "ninh-thuan.json", "ninh-thuan", |wb, me| {
        let key = wb.replica_key(me);
        let s = wb
            .assessment_mut(&id("ninh-thuan"))
            .self_scores
            .values_mut()
            .next()
            .unwrap();
        s.note = "Bổ sung minh chứng".into();
        s.rev.bump_as(&key);
    });
    let item = |app: &App| {
        app.workbook()
            .unwrap()
            .assessment(&id("ninh-thuan"))
            .unwrap()
            .adjustments
            .iter()
            .any(|a| a.id == id("cluster-adj2"))
    };
    app.apply(Edit::Score(ScoreEdit::RemoveAdjustment {
        school: id("ninh-thuan"),
        id: id("cluster-adj2"),
    }))
    .unwrap();
    assert!(!item(&app));
    send(&mut app, [Message::FileDropped(back)]);
    // Unsigned: the clerk names its school, then applies.
    name_sender(&mut app, 0, "ninh-thuan");
    click(&mut app, s::MERGE_APPLY);
    assert!(!item(&app), "the stale return did not bring it back");
    assert!(
        app.workbook().unwrap().provenance.returns.len() == 1,
        "the return was merged: {:?}",
        app.notice()
    );
    send(&mut app, [Message::Navigate(View::Returns)]);
    assert!(shows(&app, &s::deleted_heading(1)));
    assert!(shows(&app, "Điểm thưởng — Ninh Thuận"));
    let today = thidua::text::format_date(jiff::ZonedDateTime::now().date());
    assert!(shows(&app, &s::deleted_by("văn phòng cụm", Some(today))));
    click(&mut app, s::RESTORE_DELETED);
    assert!(item(&app), "restored: {:?}", app.notice());
    assert!(app.workbook().unwrap().provenance.deleted.is_empty());
    assert!(!shows(&app, &s::deleted_heading(1)));
    send(&mut app, [Message::Undo]);
    assert!(!item(&app), "Ctrl+Z undoes the restore");
    assert_eq!(app.workbook().unwrap().provenance.deleted.len(), 1);
    send(&mut app, [Message::Navigate(View::Returns)]);
    assert!(shows(&app, &s::deleted_heading(1)));
}

/// Issue 25: the window holds the master while it is open; a merge from
/// the command line meanwhile is refused, naming the holder, and writes
/// nothing. Closed, the master is free again.
#[test]
fn a_command_line_merge_is_refused_while_the_window_holds_the_master() {
    let dir = tempfile::tempdir().unwrap();
    let app = open_copy(dir.path());
    let master = dir.path().join("cum8-2019.json");
    let file = returned(dir.path(), "DongNai.json", "dong-nai", |wb, me| {
        set_self(wb, "dong-nai", "II.1", 900, me);
    });
    let before = std::fs::read(&master).unwrap();
    let args = [
        "merge",
        master.to_str().unwrap(),
        "--unsigned-from",
        "dong-nai",
        file.to_str().unwrap(),
        "--accept-all",
    ];
    let (code, out, err) = support::cli::thidua(&args);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("Sổ đang được mở trên máy"), "{err}");
    assert!(!out.contains("Đã gộp"), "{out}");
    assert_eq!(std::fs::read(&master).unwrap(), before);
    drop(app);
    let (code, out, err) = support::cli::thidua(&args);
    assert_eq!(code, 0, "{out}\n{err}");
}

/// Issue 25: a lock another machine left (a power cut there, or a folder
/// synchronised from it) is asked about: "Mở tiếp" takes it over.
#[test]
fn a_lock_left_by_another_machine_asks_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let lock = thidua::master::lock::lock_path(&path);
    std::fs::write(
        &lock,
        r#"{"machine":"MAY-VAN-THU","user":"lan","pid":7,"since":"08:30 ngày 01/10/2024","token":"x"}"#,
    )
    .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&lock)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(600))
        .unwrap();
    let (mut app, _) = App::new(Boot::isolated(Some(path.clone())));
    assert!(app.document().is_none());
    let Some(Modal::Held {
        crashed: true,
        message,
        ..
    }) = app.modal()
    else {
        panic!("{:?}", app.modal())
    };
    assert!(
        message.contains("Máy MAY-VAN-THU có thể đã tắt đột ngột") && message.contains("Mở tiếp?"),
        "{message}"
    );
    assert!(shows(&app, message));
    assert!(shows(&app, s::HELD_TAKE_OVER));
    send(&mut app, [Message::Modal(Choice::TakeOver)]);
    assert!(app.document().is_some());
    let holder = thidua::master::lock::holder(&path).unwrap();
    assert_eq!(holder.pid, std::process::id());
    // Saved as usual.
    send(&mut app, [Message::Save]);
    assert!(
        matches!(app.notice(), Some(Notice::Info(_))),
        "{:?}",
        app.notice()
    );
}

/// Issue 25, point 4: saving into a folder that does not exist offers to
/// create it.
#[test]
fn saving_into_a_missing_folder_offers_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_copy(dir.path());
    let target = dir.path().join("nam-2019").join("so-moi.json");
    let _ = app.save_to(target.clone());
    assert!(matches!(app.modal(), Some(Modal::CreateFolder(_))));
    assert!(shows(&app, s::CREATE_FOLDER));
    send(&mut app, [Message::Modal(Choice::CreateFolder)]);
    assert!(target.exists(), "{:?}", app.notice());
    assert!(!app.document().unwrap().dirty);
    // The new file is the one held now.
    assert!(thidua::master::lock::holder(&target).is_some());
}
