//! Issue 27, point 2: a school spelled loosely never loses the prize nor
//! gives it to another school. People and prizes are rows; each row's
//! school is picked from the members with a type-ahead that folds case and
//! marks, and offers both schools where a name may be either. Driven
//! headless with `iced_test`, by clicks and keys as a clerk would.

mod support;

use iced::Size;
use iced_test::{Simulator, selector};
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::activities::{List, Part, row_field_id};
use thidua::app::strings as s;
use thidua::app::{App, Boot, Message};
use thidua::workbook::{Id, Workbook};

const SAMPLE: &str = "assets/samples/cum8-2019.json";

/// Tall enough for the whole form, its rows included.
const VIEW: Size = Size::new(1366.0, 1700.0);

fn simulator(app: &App) -> Simulator<'_, Message> {
    ui::simulator(app, VIEW)
}

fn open(wb: &Workbook) -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::write(&path, thidua::workbook::to_bytes(wb)).unwrap();
    let mut app = App::new(Boot::isolated(Some(path))).0;
    drop(dir);
    send(&mut app, [Message::Navigate(View::Activities)]);
    app
}

fn sample() -> Workbook {
    thidua::workbook::load(std::path::Path::new(SAMPLE))
        .unwrap()
        .workbook
}

fn click(app: &mut App, label: &str) {
    ui::click(app, VIEW, label)
}

/// Types where the keyboard's focus is, without clicking anywhere first.
fn type_on(app: &mut App, text: &str) {
    let mut sim = simulator(app);
    let _ = sim.typewrite(text);
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

/// Clicks the field `id`, types `text`.
fn type_in(app: &mut App, id: String, text: &str) {
    let mut sim = simulator(app);
    sim.click(selector::id(id.clone()))
        .unwrap_or_else(|e| panic!("no field {id}: {e:?}"));
    let _ = sim.typewrite(text);
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

/// Enter in the field `id` (clicked first).
fn enter_in(app: &mut App, id: String) {
    let mut sim = simulator(app);
    sim.click(selector::id(id.clone()))
        .unwrap_or_else(|e| panic!("no field {id}: {e:?}"));
    let _ = sim.tap_key(iced::keyboard::key::Named::Enter);
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

/// The texts just under the school field of a row (its suggestions and
/// hints), top to bottom, left to right.
fn under_school(app: &App, list: List, row: usize) -> Vec<(iced::Rectangle, String)> {
    /// Every text of the view (never selects one, so the walk goes on).
    struct Collect<'v>(&'v mut Vec<(iced::Rectangle, String)>);
    impl iced_test::Selector for Collect<'_> {
        type Output = ();
        fn select(&mut self, c: selector::Candidate<'_>) -> Option<()> {
            if let selector::Candidate::Text {
                bounds, content, ..
            } = c
            {
                self.0.push((bounds, content.to_string()));
            }
            None
        }
        fn description(&self) -> String {
            "every text".into()
        }
    }
    let mut sim = simulator(app);
    let field = sim
        .find(selector::id(row_field_id(list, row, Part::School)))
        .unwrap()
        .bounds();
    let mut texts = Vec::new();
    let _ = sim.find(Collect(&mut texts));
    let top = field.y + field.height;
    let mut below: Vec<(iced::Rectangle, String)> = texts
        .into_iter()
        .filter(|(b, _)| b.y >= top && b.y < top + 40.0 && b.x >= field.x - 1.0)
        .collect();
    below.sort_by(|a, b| {
        (a.0.y.round(), a.0.x)
            .partial_cmp(&(b.0.y.round(), b.0.x))
            .unwrap()
    });
    below
}

/// The schools offered under a row's school field.
fn offered(app: &App, list: List, row: usize) -> Vec<String> {
    under_school(app, list, row)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| {
            t != s::PICK_SCHOOL && t != s::NO_SCHOOL_PICKED && t != s::NO_SCHOOL_PICKED_SAVE
        })
        .collect()
}

/// Clicks the suggestion `name` under a row's school field.
fn pick(app: &mut App, list: List, row: usize, name: &str) {
    let (bounds, _) = under_school(app, list, row)
        .into_iter()
        .find(|(_, t)| t == name)
        .unwrap_or_else(|| panic!("{name} is not offered"));
    let mut sim = simulator(app);
    sim.point_at(bounds.center());
    let _ = sim.simulate(iced_test::simulator::click());
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

fn id(s: &str) -> Id {
    Id::new(s)
}

#[test]
fn a_school_typed_loosely_is_picked_never_guessed() {
    let mut app = open(&sample());
    let n = app.workbook().unwrap().activities.len();
    click(&mut app, s::ADD_ACTIVITY);
    type_in(
        &mut app,
        thidua::app::screen::activities::TITLE_ID.to_string(),
        "Hội thi giảng viên dạy giỏi lần hai",
    );
    type_in(
        &mut app,
        thidua::app::screen::activities::START_ID.to_string(),
        "5/9/2019",
    );

    // "+ Thêm người": the new row's name field has the focus, so what is
    // typed next lands there.
    click(&mut app, s::ADD_PERSON);
    type_on(&mut app, "Lê Văn X");
    assert!(
        ui::shows(&app, VIEW, "Lê Văn X"),
        "the name typed after '+ Thêm người' went into the new row"
    );
    type_in(
        &mut app,
        row_field_id(List::People, 0, Part::Second),
        "Thí sinh",
    );
    // "binh thuan" is Bình Thuận, one slip from Ninh Thuận: both offered,
    // neither taken, even by Enter.
    type_in(
        &mut app,
        row_field_id(List::People, 0, Part::School),
        "binh thuan",
    );
    assert_eq!(offered(&app, List::People, 0), ["Bình Thuận", "Ninh Thuận"]);
    enter_in(&mut app, row_field_id(List::People, 0, Part::School));
    assert!(
        ui::shows(&app, VIEW, s::NO_SCHOOL_PICKED),
        "still not picked"
    );

    // Saving with a name and no school is refused beside the row.
    click(&mut app, s::SAVE_CHANGES);
    assert_eq!(app.workbook().unwrap().activities.len(), n, "not saved");
    assert!(ui::shows(&app, VIEW, s::NO_SCHOOL_PICKED_SAVE));
    assert!(ui::shows(
        &app,
        VIEW,
        &s::rows_unfinished(&[s::row_label(s::PEOPLE, 1, "Lê Văn X")])
    ));
    pick(&mut app, List::People, 0, "Bình Thuận");
    assert!(!ui::shows(&app, VIEW, s::NO_SCHOOL_PICKED_SAVE));

    // A prize: "Bình Thuân" offers both too; the clerk picks Ninh Thuận.
    click(&mut app, s::ADD_PRIZE);
    type_on(&mut app, "Giải Ba");
    type_in(
        &mut app,
        row_field_id(List::Results, 0, Part::Second),
        "Phạm Y",
    );
    type_in(
        &mut app,
        row_field_id(List::Results, 0, Part::School),
        "Bình Thuân",
    );
    assert_eq!(
        offered(&app, List::Results, 0),
        ["Bình Thuận", "Ninh Thuận"]
    );
    pick(&mut app, List::Results, 0, "Ninh Thuận");
    // A name that surely names one school: Enter takes it.
    click(&mut app, s::ADD_PRIZE);
    type_on(&mut app, "Giải Nhất toàn đoàn");
    type_in(
        &mut app,
        row_field_id(List::Results, 1, Part::School),
        "DONG NAI",
    );
    enter_in(&mut app, row_field_id(List::Results, 1, Part::School));
    // A row added and left empty is dropped.
    click(&mut app, s::ADD_PRIZE);

    click(&mut app, s::SAVE_CHANGES);
    let saved = app.workbook().unwrap().clone();
    // One undoable edit: one Ctrl+Z takes the whole activity back.
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap().activities.len(), n);
    send(&mut app, [Message::Redo]);
    let wb = app.workbook().unwrap();
    assert_eq!(wb.activities, saved.activities);
    let a = wb
        .activities
        .iter()
        .find(|a| a.title == "Hội thi giảng viên dạy giỏi lần hai")
        .expect("saved");
    assert_eq!(a.people.len(), 1);
    assert_eq!(a.people[0].name, "Lê Văn X");
    assert_eq!(a.people[0].role, "Thí sinh");
    assert_eq!(a.people[0].school, Some(id("binh-thuan")));
    let prizes: Vec<(&str, &str, Option<&Id>)> = a
        .results
        .iter()
        .map(|r| (r.prize.as_str(), r.person.as_str(), r.school.as_ref()))
        .collect();
    assert_eq!(
        prizes,
        [
            ("Giải Ba", "Phạm Y", Some(&id("ninh-thuan"))),
            ("Giải Nhất toàn đoàn", "", Some(&id("dong-nai"))),
        ]
    );
}

/// Nothing falls back to the host: a school that is not in the cluster
/// is said to be none, and the row is refused until removed.
#[test]
fn an_unknown_school_goes_to_no_school_not_the_host() {
    let mut app = open(&sample());
    let n = app.workbook().unwrap().activities.len();
    click(&mut app, s::ADD_ACTIVITY);
    type_in(
        &mut app,
        thidua::app::screen::activities::TITLE_ID.to_string(),
        "Tọa đàm",
    );
    type_in(
        &mut app,
        thidua::app::screen::activities::START_ID.to_string(),
        "5/9/2019",
    );
    send(
        &mut app,
        [Message::Activities(
            thidua::app::screen::activities::Message::Host(
                thidua::app::screen::activities::Choice {
                    value: Some(id("brvt")),
                    label: "Bà Rịa - Vũng Tàu".into(),
                },
            ),
        )],
    );
    click(&mut app, s::ADD_PERSON);
    type_on(&mut app, "Nguyễn Văn Khách");
    type_in(
        &mut app,
        row_field_id(List::People, 0, Part::School),
        "Hà Nội",
    );
    assert!(ui::shows(&app, VIEW, s::NO_SUCH_SCHOOL));
    click(&mut app, s::SAVE_CHANGES);
    assert_eq!(app.workbook().unwrap().activities.len(), n);
    click(&mut app, s::REMOVE_ROW);
    click(&mut app, s::SAVE_CHANGES);
    let wb = app.workbook().unwrap();
    let a = wb.activities.iter().find(|a| a.title == "Tọa đàm").unwrap();
    assert!(a.people.is_empty());
}

/// Entries stored with no school (typed loosely before) show on the card
/// and in the form, split from the school they were typed with, its
/// suggestions ready; once picked, the check has nothing to say.
#[test]
fn entries_stored_with_no_school_are_shown_to_be_fixed() {
    let mut wb = sample();
    let contest = wb
        .activities
        .iter_mut()
        .find(|a| a.results.len() >= 3 && !a.people.is_empty())
        .unwrap();
    contest.people[0].name = "Lê Văn X - Binh Thuan".into();
    contest.people[0].school = None;
    contest.results[2].person = "Phạm Y - Bình Thuân".into();
    contest.results[2].school = None;
    let contest = contest.id.clone();
    let mut app = open(&wb);
    assert!(ui::shows(
        &app,
        VIEW,
        &format!(
            "{}: Lê Văn X - Binh Thuan; Phạm Y - Bình Thuân",
            s::NO_SCHOOL_PICKED
        )
    ));
    send(
        &mut app,
        [Message::Activities(
            thidua::app::screen::activities::Message::Edit(contest.clone()),
        )],
    );
    assert!(ui::shows(&app, VIEW, "Lê Văn X"));
    assert!(ui::shows(&app, VIEW, "Binh Thuan"));
    assert_eq!(offered(&app, List::People, 0), ["Bình Thuận", "Ninh Thuận"]);
    assert_eq!(
        offered(&app, List::Results, 2),
        ["Bình Thuận", "Ninh Thuận"]
    );
    // Unfixed, it cannot be saved.
    let before = app.workbook().unwrap().clone();
    click(&mut app, s::SAVE_CHANGES);
    assert_eq!(app.workbook().unwrap().activities, before.activities);
    pick(&mut app, List::People, 0, "Bình Thuận");
    pick(&mut app, List::Results, 2, "Bình Thuận");
    click(&mut app, s::SAVE_CHANGES);
    let wb = app.workbook().unwrap();
    let a = wb.activities.iter().find(|a| a.id == contest).unwrap();
    assert_eq!(a.people[0].name, "Lê Văn X");
    assert_eq!(a.people[0].school, Some(id("binh-thuan")));
    assert_eq!(a.results[2].person, "Phạm Y");
    assert_eq!(a.results[2].school, Some(id("binh-thuan")));
    assert!(thidua::workbook::validate(wb).is_empty());
}

/// Only the members on the activity's date are offered, and a school's
/// former name finds the school it merged into.
#[test]
fn only_members_on_the_day_are_offered_and_former_names_count() {
    let mut wb = sample();
    let ninh = wb
        .members
        .iter_mut()
        .find(|m| m.id.as_str() == "ninh-thuan")
        .unwrap();
    ninh.left = Some(jiff::civil::date(2019, 7, 1));
    ninh.successor = Some(id("binh-thuan"));
    let mut app = open(&wb);
    click(&mut app, s::ADD_ACTIVITY);
    type_in(
        &mut app,
        thidua::app::screen::activities::TITLE_ID.to_string(),
        "Hội thao",
    );
    type_in(
        &mut app,
        thidua::app::screen::activities::START_ID.to_string(),
        "5/9/2019",
    );
    click(&mut app, s::ADD_PERSON);
    type_on(&mut app, "Trần Z");
    type_in(
        &mut app,
        row_field_id(List::People, 0, Part::School),
        "ninh thuan",
    );
    assert_eq!(offered(&app, List::People, 0), ["Bình Thuận"]);
    enter_in(&mut app, row_field_id(List::People, 0, Part::School));
    click(&mut app, s::SAVE_CHANGES);
    let wb = app.workbook().unwrap();
    let a = wb
        .activities
        .iter()
        .find(|a| a.title == "Hội thao")
        .unwrap();
    assert_eq!(a.people[0].school, Some(id("binh-thuan")));
}
