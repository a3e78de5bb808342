//! The criteria screen, driven headless with `iced_test` on the bundled
//! sample (issue 6): refusing a maximum below given scores, adding and
//! renaming a criterion by typing, copying the table from another file.

mod support;

use iced::Size;
use iced::keyboard::key::Named;
use iced_test::{Simulator, selector};
use support::ui::{self, send};
use thidua::app::dialog::{Picked, Purpose};
use thidua::app::screen::View;
use thidua::app::screen::criteria::{self, Message as Criteria};
use thidua::app::{App, Boot, Message, strings as s};
use thidua::workbook::edit::criteria::{Affected, find};
use thidua::workbook::file::Overwrite;
use thidua::workbook::{self, Criterion, Id, Points};

const SAMPLE: &str = "assets/samples/cum8-2019.json";

/// The window size the views are simulated at.
const VIEW: Size = Size::new(1366.0, 800.0);

fn simulator(app: &App) -> Simulator<'_, Message> {
    ui::simulator(app, VIEW)
}

fn click(app: &mut App, label: &str) {
    ui::click(app, VIEW, label)
}

/// Clicks the input `id`, erases what it holds, types `text`.
fn retype(app: &mut App, id: &'static str, old_len: usize, text: &str) {
    let mut sim = simulator(app);
    sim.click(selector::id(id))
        .unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
    sim.tap_key(Named::End);
    for _ in 0..old_len {
        sim.tap_key(Named::Backspace);
    }
    let _ = sim.typewrite(text);
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

fn shows(app: &App, text: &str) -> bool {
    ui::shows(app, VIEW, text)
}

fn sample() -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    App::new(Boot::isolated(Some(path))).0
}

fn criteria_view(app: &mut App) {
    click(app, s::VIEW_CRITERIA);
    assert_eq!(app.current_view(), View::Criteria);
}

#[test]
fn a_maximum_below_a_given_score_is_refused_with_the_list() {
    let mut app = sample();
    criteria_view(&mut app);
    let before = app.workbook().unwrap().clone();
    // The leaf with the highest score given, and that score.
    let (leaf, top, school) = before
        .assessments
        .iter()
        .flat_map(|a| {
            a.cluster_scores
                .iter()
                .map(move |(id, s)| (id.clone(), s.points, a.school.clone()))
        })
        .filter(|(_, p, _)| *p > Points::whole(1))
        .max_by_key(|(_, p, _)| *p)
        .expect("the sample has cluster scores");
    let node = find(&before.criteria, &leaf).unwrap().clone();

    send(&mut app, [Message::Criteria(Criteria::Edit(leaf.clone()))]);
    let old = node.max.unwrap().to_string();
    retype(&mut app, criteria::MAX_ID, old.chars().count(), "0,5");
    click(&mut app, s::SAVE_CHANGES);

    assert_eq!(
        app.workbook().unwrap(),
        &before,
        "the workbook is unchanged"
    );
    assert!(!app.document().unwrap().dirty);
    let line = format!(
        "• {}",
        Affected {
            school: before.school_name(&school),
            criterion: node.code.clone(),
            points: top,
            side: "cụm chấm",
        }
    );
    assert!(shows(&app, &line), "the affected score is listed: {line}");
}

#[test]
fn a_criterion_is_added_and_renamed_by_typing() {
    let mut app = sample();
    criteria_view(&mut app);
    let section = app.workbook().unwrap().criteria[0].clone();

    // The first "Thêm tiêu chí" is section I's.
    click(&mut app, s::ADD_CRITERION);
    retype(
        &mut app,
        criteria::TITLE_ID,
        0,
        "Ứng dụng công nghệ thông tin",
    );
    retype(&mut app, criteria::MAX_ID, 0, "2,5");
    click(&mut app, s::SAVE_CHANGES);

    let wb = app.workbook().unwrap();
    let added: &Criterion = wb.criteria[0].children.last().unwrap();
    assert_eq!(wb.criteria[0].children.len(), section.children.len() + 1);
    assert_eq!(added.title, "Ứng dụng công nghệ thông tin");
    assert_eq!(added.max, Some(Points(250)));
    assert_eq!(
        wb.criteria[0].max_points(),
        section.max_points() + Points(250)
    );
    assert!(shows(&app, "2,5"));
    let id: Id = added.id.clone();
    let old_len = added.title.chars().count();

    send(&mut app, [Message::Criteria(Criteria::Edit(id.clone()))]);
    retype(
        &mut app,
        criteria::TITLE_ID,
        old_len,
        "Chuyển đổi số, ứng dụng CNTT",
    );
    click(&mut app, s::SAVE_CHANGES);

    let wb = app.workbook().unwrap();
    let renamed = find(&wb.criteria, &id).unwrap();
    assert_eq!(renamed.title, "Chuyển đổi số, ứng dụng CNTT");
    assert!(shows(&app, "Chuyển đổi số, ứng dụng CNTT"));
    assert!(app.document().unwrap().dirty);
}

#[test]
fn copying_from_another_file_replaces_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample();
    criteria_view(&mut app);
    let original = app.workbook().unwrap().clone();

    // Last year's file: same criteria ids, retitled, one maximum raised.
    let mut other = original.clone();
    other.criteria[0].title = "Công tác lãnh đạo (bảng năm trước)".into();
    other.criteria[1].children[0].max = Some(Points::whole(12));
    let path = dir.path().join("cum8-2018.json");
    workbook::save(&path, &other, Overwrite::WorkbookOnly).unwrap();

    send(
        &mut app,
        [Message::Picked(Purpose::CopyCriteria, Picked::Path(path))],
    );
    assert_eq!(app.workbook().unwrap().criteria, other.criteria);
    assert_eq!(app.current_view(), View::Criteria);
    assert!(shows(&app, "Công tác lãnh đạo (bảng năm trước)"));

    // A table whose maximum is below a given score is refused, with the list.
    let mut tight = original.clone();
    let leaf = &mut tight.criteria[1].children[0];
    leaf.max = Some(Points(1));
    let code = leaf.code.clone();
    let leaf_id = leaf.id.clone();
    let path = dir.path().join("chat.json");
    workbook::save(&path, &tight, Overwrite::WorkbookOnly).unwrap();
    let before = app.workbook().unwrap().clone();
    send(
        &mut app,
        [Message::Picked(Purpose::CopyCriteria, Picked::Path(path))],
    );
    assert_eq!(app.workbook().unwrap(), &before);
    assert!(shows(
        &app,
        "Bảng tiêu chí mới không khớp với điểm đã chấm:"
    ));
    let (school, score) = before
        .assessments
        .iter()
        .find_map(|a| Some((a.school.clone(), a.cluster_scores.get(&leaf_id)?.points)))
        .expect("the sample scores this criterion");
    let line = format!(
        "• {}",
        Affected {
            school: before.school_name(&school),
            criterion: code,
            points: score,
            side: "cụm chấm",
        }
    );
    assert!(shows(&app, &line), "the score in the way is listed: {line}");
}
