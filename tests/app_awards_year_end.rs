//! The ballot and awards, year-end and documents views, headless: the App
//! driven by its messages and by clicks and typing in `iced_test`'s
//! simulator. Dialogs are answered by feeding the picked path directly.

mod support;

use std::path::{Path, PathBuf};

use iced::futures::StreamExt;
use iced::{Size, Task};
use iced_test::runtime::Action as RuntimeAction;
use iced_test::{Simulator, selector};
use thidua::app::dialog::Picked;
use thidua::app::modal::{Choice, Modal};
use thidua::app::screen::View;
use thidua::app::screen::awards::{Figure, Message as Awards};
use thidua::app::screen::documents::{Message as Documents, Status, Target};
use thidua::app::screen::year_end::{DetailField, Message as YearEnd};
use thidua::app::{App, Boot, Message, Screen, font, strings as s};
use thidua::document::docs::Format;
use thidua::workbook::{self, DocKind, Id};

fn simulator(app: &App) -> Simulator<'_, Message> {
    let settings = iced::Settings {
        fonts: font::all().into_iter().map(Into::into).collect(),
        default_font: font::REGULAR,
        ..iced::Settings::default()
    };
    Simulator::with_size(settings, Size::new(1366.0, 2400.0), app.view())
}

/// Runs a task to its end (dialog answers excepted: tests feed those) and
/// applies what it sends.
fn run(app: &mut App, task: Task<Message>) {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return;
    };
    let messages: Vec<Message> = iced::futures::executor::block_on(
        stream
            .filter_map(|a| async move {
                match a {
                    RuntimeAction::Output(m) => Some(m),
                    _ => None,
                }
            })
            .collect(),
    );
    for m in messages {
        let t = app.update(m);
        run(app, t);
    }
}

fn send(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for m in messages {
        let t = app.update(m);
        run(app, t);
    }
}

fn click(app: &mut App, label: &str) {
    let mut sim = simulator(app);
    sim.click(label)
        .unwrap_or_else(|e| panic!("no {label:?}: {e:?}"));
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

/// Clicks the input with `id`, selects all, types `text`.
fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut sim = simulator(app);
    sim.click(selector::id(id))
        .unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
    let _ = sim.typewrite(text);
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

fn sample_copy(dir: &Path) -> PathBuf {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(support::sample::SAMPLE_PATH, &path).unwrap();
    path
}

fn open(path: PathBuf) -> App {
    App::new(Boot::isolated(Some(path))).0
}

fn proposals(app: &App) -> Vec<(Id, Id)> {
    thidua::rules::evaluate(app.workbook().unwrap())
        .proposals()
        .map(|(a, s)| (a.clone(), s.clone()))
        .collect()
}

#[test]
fn a_ballot_below_the_threshold_proposes_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::Awards)]);
    assert!(shows(&app, s::PRINT_BALLOTS));
    let flag = Id::new("co-thi-dua");
    let brvt = Id::new("brvt");
    assert!(proposals(&app).contains(&(flag.clone(), brvt.clone())));
    assert!(shows(&app, s::THRESHOLD_MET));

    // Three of seven votes: 42,86%, not above 50% of all members.
    send(
        &mut app,
        [Message::Awards(Awards::Votes(brvt.clone(), "3".into()))],
    );
    assert!(shows(&app, s::NOT_SAVED_YET));
    assert!(shows(&app, s::THRESHOLD_MISSED), "live, before saving");
    click(&mut app, s::SAVE_BALLOT);

    let wb = app.workbook().unwrap();
    assert_eq!(wb.conference.ballots[0].votes[0].votes, 3);
    assert!(app.title().starts_with(s::UNSAVED_MARK));
    assert!(!proposals(&app).iter().any(|(a, _)| a == &flag));
    assert!(shows(&app, s::NO_PROPOSAL));
    assert!(shows(&app, "3/7 · 42,86%"));

    send(&mut app, [Message::Undo]);
    assert!(proposals(&app).contains(&(flag, brvt)));
}

#[test]
fn an_inconsistent_ballot_shows_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::Awards)]);
    // Nine valid ballots out of seven returned, typed into the field.
    send(
        &mut app,
        [Message::Awards(Awards::Figure(
            Figure::Valid,
            String::new(),
        ))],
    );
    type_into(&mut app, Figure::Valid.id(), "9");
    let problem = "Số phiếu hợp lệ (9) cộng không hợp lệ (0) khác số phiếu thu về (7).";
    assert!(shows(&app, s::BALLOT_INCONSISTENT));
    assert!(shows(&app, &format!("• {problem}")));
    click(&mut app, s::SAVE_BALLOT);
    let r = thidua::rules::evaluate(app.workbook().unwrap());
    let err = r.ballots[0].as_ref().unwrap_err();
    assert!(err.problems.iter().any(|p| p == problem));
    assert!(
        shows(&app, &format!("• {problem}")),
        "still shown once saved"
    );
    assert!(shows(
        &app,
        "Chưa đề nghị: kết quả bỏ phiếu Cờ thi đua không hợp lệ (số liệu không khớp), cần sửa lại"
    ));

    // Not a number: said so, nothing saved.
    send(
        &mut app,
        [Message::Awards(Awards::Figure(
            Figure::Issued,
            "bảy".into(),
        ))],
    );
    assert!(shows(&app, &s::not_a_number(s::BALLOTS_ISSUED, "bảy")));
}

#[test]
fn academy_decision_is_recorded_per_proposal() {
    let mut app = App::new(Boot::isolated(None)).0;
    send(
        &mut app,
        [Message::OpenSample, Message::Navigate(View::Awards)],
    );
    send(
        &mut app,
        [Message::Awards(Awards::Decide(
            Id::new("co-thi-dua"),
            Id::new("brvt"),
        ))],
    );
    type_into(&mut app, "decision-number", "2345/QĐ-HVCTQG");
    type_into(&mut app, "decision-date", "05/01/2020");
    click(&mut app, s::SAVE_CHANGES);
    let d = &app.workbook().unwrap().conference.academy_decisions[0];
    assert_eq!(d.decision.number, "2345/QĐ-HVCTQG");
    assert_eq!(d.decision.date, Some(jiff::civil::date(2020, 1, 5)));
    assert!(shows(
        &app,
        "Được khen thưởng (QĐ số 2345/QĐ-HVCTQG, ngày 05/01/2020)"
    ));
}

#[test]
fn year_end_details_and_next_year_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::YearEnd)]);
    assert!(shows(&app, s::CREATE_NEXT_YEAR));
    assert!(shows(&app, "22/11/2019"));

    // A time that is not a time: refused with the reason, nothing changed.
    send(
        &mut app,
        [Message::YearEnd(YearEnd::Detail(
            DetailField::End,
            String::new(),
        ))],
    );
    type_into(&mut app, DetailField::End.id(), "11 giờ rưỡi");
    click(&mut app, s::SAVE_CHANGES);
    assert!(shows(&app, &s::bad_time(s::CONF_END, "11 giờ rưỡi")));
    send(
        &mut app,
        [
            Message::YearEnd(YearEnd::Detail(DetailField::End, "11h45".into())),
            Message::YearEnd(YearEnd::SaveDetails),
        ],
    );
    assert_eq!(
        app.workbook().unwrap().conference.end,
        Some(jiff::civil::time(11, 45, 0, 0))
    );

    // "Tạo sổ năm sau": the dialog's answer fed directly.
    let next = dir.path().join("cum8-2020.json");
    send(
        &mut app,
        [Message::YearEnd(YearEnd::NextYearPicked(Picked::Path(
            next.clone(),
        )))],
    );
    let loaded = workbook::load(&next).expect("next year's file loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.workbook.year, 2020);
    assert_eq!(loaded.workbook.roles.leader, Some(Id::new("ninh-thuan")));
    assert!(loaded.workbook.conference.ballots.is_empty());
    // This year's book has unsaved changes: asked first, then saved and
    // next year's opened.
    assert!(matches!(app.modal(), Some(Modal::Discard(..))));
    send(&mut app, [Message::Modal(Choice::Save)]);
    assert!(matches!(app.screen(), Screen::Workbook));
    assert_eq!(app.workbook().unwrap().year, 2020);
    let this_year = workbook::load(&dir.path().join("cum8-2019.json")).unwrap();
    assert_eq!(
        this_year.workbook.conference.handover.next_year_file,
        "cum8-2020.json"
    );
    assert_eq!(
        this_year.workbook.conference.end,
        Some(jiff::civil::time(11, 45, 0, 0))
    );
}

#[test]
fn election_takes_the_rotation_suggestion() {
    let mut app = App::new(Boot::isolated(None)).0;
    send(
        &mut app,
        [Message::OpenSample, Message::Navigate(View::YearEnd)],
    );
    assert!(shows(
        &app,
        &s::rotation_suggests("Ninh Thuận", "Bình Thuận, Bình Dương")
    ));
    send(
        &mut app,
        [Message::YearEnd(YearEnd::Deputy(Id::new("tay-ninh"), true))],
    );
    assert!(shows(&app, s::DIFFERS_FROM_ROTATION));
    click(&mut app, s::USE_SUGGESTION);
    click(&mut app, s::SAVE_CHANGES);
    let e = &app.workbook().unwrap().conference.election;
    assert_eq!(e.leader, Some(Id::new("ninh-thuan")));
    assert_eq!(
        e.deputies,
        vec![Id::new("binh-thuan"), Id::new("binh-duong")]
    );
}

#[test]
fn export_the_minutes_to_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::Documents)]);
    assert!(shows(&app, s::EXPORT_ALL));
    click(&mut app, "Biên bản họp bình xét");
    assert!(shows(&app, &s::file_name_line("Cum8-2019-BienBan.pdf")));

    let pdf = dir.path().join("Cum8-2019-BienBan.pdf");
    send(
        &mut app,
        [Message::Documents(Documents::Picked(
            Target::One(DocKind::Minutes, Format::Pdf),
            Picked::Path(pdf.clone()),
        ))],
    );
    let job = app.export_job().expect("an export ran");
    assert!(job.finished());
    assert!(
        matches!(job.items[0].status, Status::Done(_)),
        "{:?}",
        job.items[0].status
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(!dir.path().join("Cum8-2019-BienBan.pdf.bak").exists());
    assert!(shows(&app, s::OPEN_PDF));

    // All of them into a folder.
    let out = dir.path().join("hoso");
    std::fs::create_dir(&out).unwrap();
    send(
        &mut app,
        [Message::Documents(Documents::Picked(
            Target::All { word_too: false },
            Picked::Path(out.clone()),
        ))],
    );
    let job = app.export_job().unwrap();
    assert!(job.finished());
    assert_eq!(job.items.len(), 9);
    for item in &job.items {
        assert!(matches!(item.status, Status::Done(_)), "{:?}", item);
        assert!(std::fs::read(&item.path).unwrap().starts_with(b"%PDF"));
    }
    assert!(shows(&app, &s::export_done(9, 9)));

    // Issue 16: the Word copies beside the PDFs, and one Word file alone
    // (a name typed without ".docx" gets it).
    send(&mut app, [Message::Documents(Documents::Dismiss)]);
    let both = dir.path().join("hoso-word");
    std::fs::create_dir(&both).unwrap();
    send(
        &mut app,
        [Message::Documents(Documents::Picked(
            Target::All { word_too: true },
            Picked::Path(both.clone()),
        ))],
    );
    let job = app.export_job().unwrap();
    assert!(job.finished());
    assert_eq!(job.items.len(), 18);
    for item in &job.items {
        let bytes = std::fs::read(&item.path).unwrap();
        match item.path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => assert!(bytes.starts_with(b"%PDF")),
            Some("docx") => assert!(bytes.starts_with(b"PK"), "a zip: {item:?}"),
            other => panic!("{other:?}"),
        }
    }
    send(&mut app, [Message::Documents(Documents::Dismiss)]);
    click(&mut app, "Biên bản họp bình xét");
    assert!(shows(&app, s::EXPORT_ONE_WORD));
    send(
        &mut app,
        [Message::Documents(Documents::Picked(
            Target::One(DocKind::Minutes, Format::Docx),
            Picked::Path(dir.path().join("bien-ban-sua")),
        ))],
    );
    let word = std::fs::read(dir.path().join("bien-ban-sua.docx")).unwrap();
    assert!(word.starts_with(b"PK"));
}

/// Issue 14, findings 5 and 6: the ballot form does not move under the
/// pointer when the first digit is typed, and the counting committee is
/// entered in it, survives "Xóa kết quả" and re-entry.
#[test]
fn the_ballot_form_stays_put_and_takes_the_counting_committee() {
    use thidua::app::screen::awards::{committee_id, votes_id};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::Awards)]);
    let flag = Id::new("co-thi-dua");
    let brvt = Id::new("brvt");
    let ballot_id = |app: &App| {
        app.workbook()
            .unwrap()
            .conference
            .ballots
            .iter()
            .find(|b| b.award == flag)
            .map(|b| b.id.clone())
    };
    let committee = app.workbook().unwrap().conference.ballots[0]
        .counting_committee
        .clone();
    assert!(!committee.is_empty());
    let removed = ballot_id(&app).unwrap();
    send(&mut app, [Message::Awards(Awards::RemoveBallot(removed))]);
    assert!(ballot_id(&app).is_none());
    assert!(shows(&app, s::NO_BALLOT_YET));

    let y = |app: &App| {
        simulator(app)
            .find(selector::id(votes_id(&brvt)))
            .expect("the votes box")
            .bounds()
            .y
    };
    let before = y(&app);
    send(
        &mut app,
        [Message::Awards(Awards::Votes(brvt.clone(), "5".into()))],
    );
    assert_eq!(y(&app), before, "the boxes stay where they were");
    assert!(shows(&app, s::BALLOT_BEING_TYPED));

    // The committee removed with the ballot comes back with the new one.
    assert!(shows(&app, s::COUNTING_COMMITTEE));
    let first = simulator(&app).find(selector::id(committee_id(0))).is_ok();
    assert!(first);
    for (f, v) in [
        (Figure::Issued, "7"),
        (Figure::Returned, "7"),
        (Figure::Valid, "7"),
        (Figure::Invalid, "0"),
    ] {
        send(&mut app, [Message::Awards(Awards::Figure(f, v.into()))]);
    }
    send(
        &mut app,
        [
            Message::Awards(Awards::AddCommitteeMember),
            Message::Awards(Awards::Committee(
                committee.len(),
                true,
                "Võ Thị Mai".into(),
            )),
        ],
    );
    click(&mut app, s::SAVE_BALLOT);
    let wb = app.workbook().unwrap();
    let b = wb
        .conference
        .ballots
        .iter()
        .find(|b| b.award == flag)
        .expect("saved");
    assert_eq!(b.counting_committee.len(), committee.len() + 1);
    assert_eq!(b.counting_committee[..committee.len()], committee[..]);
    assert_eq!(b.counting_committee.last().unwrap().name, "Võ Thị Mai");
    assert!(shows(&app, s::BALLOT_SAVED));
}

/// Issue 14, finding 7: with no native dialog the typed path starts as the
/// whole path in the workbook's folder; a bare name typed lands there too,
/// never in the program's working folder, and the panel says where.
#[test]
fn with_no_dialog_the_export_goes_to_the_workbook_s_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::Documents)]);
    send(
        &mut app,
        [Message::Documents(Documents::Picked(
            Target::One(DocKind::Minutes, Format::Pdf),
            Picked::Unavailable,
        ))],
    );
    let folder = std::fs::canonicalize(dir.path()).unwrap();
    let full = folder.join("Cum8-2019-BienBan.pdf");
    assert!(
        shows(&app, &full.display().to_string()),
        "the whole path is offered"
    );
    send(
        &mut app,
        [
            Message::Documents(Documents::PathTyped("bien-ban-sua.pdf".into())),
            Message::Documents(Documents::PathSubmit),
        ],
    );
    let job = app.export_job().expect("an export ran");
    assert!(job.finished());
    assert_eq!(job.items[0].path, folder.join("bien-ban-sua.pdf"));
    assert!(folder.join("bien-ban-sua.pdf").exists());
    assert!(shows(&app, &s::export_folder(&folder)));
}

/// Issue 15: the news item's byline is typed in the year-end view ("name;
/// title") and the documents view copies the item as text.
#[test]
fn the_news_byline_is_typed_in_the_year_end_view() {
    use thidua::app::screen::year_end::{BYLINE_ID, Message as YearEnd};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(&mut app, [Message::Navigate(View::YearEnd)]);
    assert!(shows(&app, s::NEWS_TITLE));
    send(
        &mut app,
        [
            Message::YearEnd(YearEnd::Byline(
                "Trần Văn Nam; Chuyên viên Phòng Đào tạo".into(),
            )),
            Message::YearEnd(YearEnd::SaveByline),
        ],
    );
    assert_eq!(
        app.workbook().unwrap().documents.news_byline,
        "Trần Văn Nam\nChuyên viên Phòng Đào tạo"
    );
    let _ = BYLINE_ID;
    let item = thidua::document::docs::news_item(app.workbook().unwrap());
    assert_eq!(
        item.byline,
        vec!["Trần Văn Nam", "Chuyên viên Phòng Đào tạo"]
    );
    send(&mut app, [Message::Navigate(View::Documents)]);
    click(&mut app, "Tin bài");
    assert!(shows(&app, s::COPY_NEWS));
}

/// Issue 14, finding 15: checkboxes and drop-down lists are reached by Tab
/// like buttons and fields: Space ticks the attendance box; ↓ on the next
/// leader's list chooses the next school without opening it.
#[test]
fn tab_reaches_checkboxes_and_lists() {
    use iced::keyboard::{Key, key};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    support::ui::send(&mut app, [Message::Navigate(View::YearEnd)]);
    let wb = app.workbook().unwrap().clone();
    let first = &wb.conference.attendance[0];
    let label = wb.school_full_name(&first.school);
    let size = Size::new(1366.0, 768.0);
    let mut sim = support::ui::simulator(&app, size);
    assert!(support::ui::tab_to(&mut sim, &label, false));
    let _ = sim.tap_key(Key::Named(key::Named::Space));
    let messages: Vec<_> = sim.into_messages().collect();
    assert!(
        matches!(messages.as_slice(),
            [Message::YearEnd(YearEnd::Present(id, on))] if *id == first.school && *on != first.present),
        "{messages:?}"
    );
    // ↓ on each control in turn: only the leader's list answers, once.
    let mut sim = support::ui::simulator(&app, size);
    for _ in 0..200 {
        let _ = sim.simulate([support::ui::tab(false)]);
        let _ = sim.tap_key(Key::Named(key::Named::ArrowDown));
    }
    let leaders: Vec<_> = sim
        .into_messages()
        .filter_map(|m| match m {
            Message::YearEnd(YearEnd::Leader(c)) => Some(c.id),
            _ => None,
        })
        .collect();
    assert!(!leaders.is_empty(), "↓ chose a leader");
    assert!(
        leaders
            .iter()
            .all(|l| Some(l) != wb.conference.election.leader.as_ref())
    );
}

/// Issue 15 in the window: each school's delegates typed beside its name,
/// the election's show of hands, and the minutes' guests, discussion and
/// conclusion typed in their own card; a box ticked in one card keeps what
/// is being typed in another.
#[test]
fn the_minutes_text_is_typed_in_the_year_end_view() {
    use iced::widget::text_editor::{Action, Edit};
    use thidua::app::screen::year_end::{MinutesField, delegates_id};
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    support::ui::send(&mut app, [Message::Navigate(View::YearEnd)]);
    let tay_ninh = Id::new("tay-ninh");
    assert!(
        simulator(&app)
            .find(selector::id(delegates_id(&tay_ninh)))
            .is_ok()
    );
    assert!(shows(
        &app,
        "Phan Văn Ơn, Hiệu trưởng; Huỳnh Thị Ý, cán bộ phụ trách thi đua"
    ));
    send(
        &mut app,
        [Message::YearEnd(YearEnd::Delegates(
            tay_ninh.clone(),
            "Phan Văn Ơn, Hiệu trưởng; Lê Thị Mai, Phó Trưởng phòng Đào tạo, phụ trách thi đua"
                .into(),
        ))],
    );
    // Another school marked absent meanwhile: the typed delegates stay.
    let dong_nai = Id::new("dong-nai");
    send(
        &mut app,
        [Message::YearEnd(YearEnd::Present(dong_nai.clone(), false))],
    );
    assert!(shows(
        &app,
        "Phan Văn Ơn, Hiệu trưởng; Lê Thị Mai, Phó Trưởng phòng Đào tạo, phụ trách thi đua"
    ));
    send(&mut app, [Message::YearEnd(YearEnd::SaveDelegates)]);
    let wb = app.workbook().unwrap();
    let a = wb
        .conference
        .attendance
        .iter()
        .find(|a| a.school == tay_ninh)
        .unwrap();
    assert_eq!(a.representatives.len(), 2);
    assert_eq!(a.representatives[1].name, "Lê Thị Mai");
    assert_eq!(
        a.representatives[1].title,
        "Phó Trưởng phòng Đào tạo, phụ trách thi đua"
    );

    // The show of hands: a word is refused with why; 6 of the 6 present.
    send(
        &mut app,
        [
            Message::YearEnd(YearEnd::Agreed("sáu".into())),
            Message::YearEnd(YearEnd::SaveElection),
        ],
    );
    assert!(shows(&app, s::AGREED_NOT_A_NUMBER));
    assert_eq!(app.workbook().unwrap().conference.election.agreed, Some(7));
    send(
        &mut app,
        [
            Message::YearEnd(YearEnd::Agreed("6".into())),
            Message::YearEnd(YearEnd::SaveElection),
        ],
    );
    assert_eq!(app.workbook().unwrap().conference.election.agreed, Some(6));

    // The minutes' text: opened with "Sửa", typed, saved; one undo step.
    let before = app.workbook().unwrap().clone();
    send(&mut app, [Message::YearEnd(YearEnd::EditMinutes)]);
    let paste = |f, t: &str| {
        Message::YearEnd(YearEnd::Minutes(
            f,
            Action::Edit(Edit::Paste(std::sync::Arc::new(t.to_string()))),
        ))
    };
    send(
        &mut app,
        [
            Message::YearEnd(YearEnd::Minutes(
                MinutesField::Conclusion,
                Action::SelectAll,
            )),
            paste(
                MinutesField::Conclusion,
                "Chủ trì kết luận: hoàn thành hồ sơ trước 30/11/2019.\n\n  ",
            ),
            // The cursor starts at the top: a line above the one there.
            paste(
                MinutesField::Guests,
                "Đồng chí Nguyễn Văn A, Vụ Thi đua - Khen thưởng\n",
            ),
            Message::YearEnd(YearEnd::SaveMinutes),
        ],
    );
    let c = &app.workbook().unwrap().conference;
    assert_eq!(
        c.conclusion,
        "Chủ trì kết luận: hoàn thành hồ sơ trước 30/11/2019."
    );
    assert_eq!(c.guests.len(), 2, "{:?}", c.guests);
    assert_eq!(
        c.guests[0].title,
        "Đồng chí Nguyễn Văn A, Vụ Thi đua - Khen thưởng"
    );
    assert!(shows(
        &app,
        "Chủ trì kết luận: hoàn thành hồ sơ trước 30/11/2019."
    ));
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap(), &before);
}

/// Issue 14: typing not yet saved in a form is never dropped without a
/// word: closing the window (or opening another file) with a saved
/// workbook but a form being typed asks, names the view, and Enter goes
/// back to the form.
#[test]
fn closing_with_typing_in_a_form_asks_first() {
    use thidua::app::modal::Unsaved;
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(sample_copy(dir.path()));
    send(
        &mut app,
        [Message::YearEnd(YearEnd::Detail(
            DetailField::Place,
            "Hội trường B".into(),
        ))],
    );
    assert!(!app.document().unwrap().dirty);
    let window = iced::window::Id::unique();
    send(&mut app, [Message::CloseRequested(window)]);
    match app.modal() {
        Some(Modal::CloseGuard(_, u)) => assert_eq!(
            u,
            &Unsaved {
                dirty: false,
                forms: vec![View::YearEnd.label()]
            }
        ),
        other => panic!("{other:?}"),
    }
    assert!(shows(&app, s::DROP_TYPING));
    // Enter keeps the typing.
    send(&mut app, [Message::DialogKey(true)]);
    assert!(app.modal().is_none());
    send(&mut app, [Message::Navigate(View::YearEnd)]);
    assert!(shows(&app, "Hội trường B"));
    // Opening another file asks the same.
    send(&mut app, [Message::New]);
    assert!(matches!(app.modal(), Some(Modal::Discard(..))));
    send(&mut app, [Message::Modal(Choice::Cancel)]);
    // Saved with the form's own button: closing no longer asks.
    send(&mut app, [Message::YearEnd(YearEnd::SaveDetails)]);
    assert!(app.document().unwrap().dirty);
    send(&mut app, [Message::Save]);
    let _ = app.update(Message::CloseRequested(window));
    assert!(app.modal().is_none(), "{:?}", app.modal());
}
