//! The activities, criteria and scoring views, driven headless with
//! `iced_test` on the bundled sample (issue 6).

mod support;

use iced::Size;
use iced_test::{Simulator, selector};
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::scoring::{self, Cell};
use thidua::app::{App, Boot, Message};
use thidua::text::compare_vi;
use thidua::workbook::{Id, Points};

const SAMPLE: &str = "assets/samples/cum8-2019.json";

/// The window size the views are simulated at.
const VIEW: Size = Size::new(1366.0, 800.0);

fn simulator(app: &App) -> Simulator<'_, Message> {
    ui::simulator(app, VIEW)
}

fn click(app: &mut App, label: &str) {
    ui::click(app, VIEW, label)
}

fn type_into(app: &mut App, id: &'static str, text: &str) {
    ui::type_into(app, VIEW, id, text)
}

fn shows(app: &App, text: &str) -> bool {
    ui::shows(app, VIEW, text)
}

fn sample() -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let app = App::new(Boot::isolated(Some(path))).0;
    // The file is read; the directory may go.
    drop(dir);
    app
}

/// The sample in a window `width` wide (the app learns its width from the
/// window; the simulator does not tell it).
fn at_width(path: &str, width: f32) -> App {
    let mut boot = Boot::isolated(Some(std::path::PathBuf::from(path)));
    boot.settings = thidua::settings::Store::in_memory(thidua::settings::Settings {
        machine: Some(thidua::workbook::Owner::Cluster),
        window_width: width,
        window_height: 700.0,
        ..thidua::settings::Settings::default()
    });
    App::new(boot).0
}

/// Column of each school in the grid: members sorted the Vietnamese way.
fn column_of(app: &App, school: &Id) -> usize {
    let wb = app.workbook().unwrap();
    let mut names: Vec<_> = wb.current_members().collect();
    names.sort_by(|a, b| compare_vi(&a.full_name, &b.full_name));
    names.iter().position(|s| &s.id == school).unwrap()
}

fn rank(app: &App, school: &Id) -> u32 {
    thidua::rules::evaluate(app.workbook().unwrap())
        .school(school)
        .unwrap()
        .rank
}

#[test]
fn a_cluster_score_typed_with_a_comma_changes_the_rank() {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let results = thidua::rules::evaluate(app.workbook().unwrap());
    let top = results.schools[0].totals.school.clone();
    assert_eq!(rank(&app, &top), 1);
    // The leaf with the largest maximum.
    let wb = app.workbook().unwrap();
    let leaves = wb.leaf_criteria();
    let (leaf, crit) = leaves
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| c.max_points())
        .map(|(i, c)| (i, c.id.clone()))
        .unwrap();
    let cell = Cell {
        school: column_of(&app, &top),
        leaf,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    // The cell's text is selected on focus: typing replaces it (the
    // simulator does not select, so clear it first).
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Input(String::new()))],
    );
    type_into(&mut app, scoring::CELL_ID, "0,5");
    // Committed on Enter, in one step.
    send(&mut app, [Message::Scoring(scoring::Message::Submit)]);
    let got = app
        .workbook()
        .unwrap()
        .assessment(&top)
        .unwrap()
        .cluster_scores[&crit]
        .points;
    assert_eq!(got, Points(50), "typed 0,5");
    assert!(rank(&app, &top) > 1, "the top school dropped");
    // The grid's cached results follow the edit, and show the comma.
    let new_rank = rank(&app, &top);
    let total = thidua::rules::evaluate(app.workbook().unwrap())
        .school(&top)
        .unwrap()
        .totals
        .final_score;
    assert!(total.to_string().contains(','), "{total}");
    assert!(shows(&app, &format!("Tổng {total}")));
    assert!(shows(&app, &format!("Hạng {new_rank}")));
    // One Undo takes it back (not one per keystroke) and the grid follows.
    send(&mut app, [Message::Undo]);
    assert_eq!(rank(&app, &top), 1);
}

/// Issue 14, findings 2 and 3: typing "12" in a cell whose maximum is
/// smaller never stores the "1"; leaving the cell keeps nothing invalid;
/// a valid value is one edit, one undo step and one revision bump.
#[test]
fn typing_commits_only_a_valid_value_once() {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let wb = app.workbook().unwrap().clone();
    let school = wb.members[4].id.clone();
    let leaf = wb.leaf_criteria()[0].clone();
    assert!(leaf.max_points() < Points::whole(12));
    let cell = Cell {
        school: column_of(&app, &school),
        leaf: 0,
    };
    let other = Cell {
        school: cell.school,
        leaf: 1,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    for typed in ["1", "12"] {
        send(
            &mut app,
            [Message::Scoring(scoring::Message::Input(typed.into()))],
        );
    }
    assert_eq!(app.workbook().unwrap(), &wb, "no keystroke stored");
    // Leaving the cell while it holds "12": refused, nothing stored.
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Select(other))],
    );
    assert_eq!(app.workbook().unwrap(), &wb);
    assert_eq!(app.scoring_selected(), Some(cell), "stays on the cell");
    // A valid value: one edit when leaving.
    for typed in ["1", "1,", "1,5"] {
        send(
            &mut app,
            [Message::Scoring(scoring::Message::Input(typed.into()))],
        );
    }
    assert_eq!(app.workbook().unwrap(), &wb, "still only typed");
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Tab { back: false })],
    );
    let score = app
        .workbook()
        .unwrap()
        .assessment(&school)
        .unwrap()
        .cluster_scores[&leaf.id]
        .clone();
    assert_eq!(score.points, Points(150));
    assert_eq!(score.rev.0.values().sum::<u32>(), 1, "one revision bump");
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap(), &wb, "one undo step");
}

#[test]
fn an_out_of_range_score_is_refused_with_its_range() {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let wb = app.workbook().unwrap();
    let school = wb.members[0].id.clone();
    let leaf = wb.leaf_criteria()[0].clone();
    let before = wb.clone();
    let cell = Cell {
        school: column_of(&app, &school),
        leaf: 0,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    // Select all + replace: send the input directly as the field's new value.
    let too_much = format!("{}", leaf.max_points() + Points(50));
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Input(too_much))],
    );
    assert_eq!(app.workbook().unwrap(), &before, "nothing changed");
    let range = format!("0 – {}", leaf.max_points());
    assert!(
        shows(&app, &format!("Điểm hợp lệ: {range}")),
        "the range {range} is shown inline"
    );
}

#[test]
fn tab_and_enter_move_between_cells() {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Select(Cell {
            school: 0,
            leaf: 0,
        }))],
    );
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Tab { back: false })],
    );
    let mut sim = simulator(&app);
    assert!(sim.find(selector::id(scoring::CELL_ID)).is_ok());
    drop(sim);
    send(&mut app, [Message::Scoring(scoring::Message::Submit)]);
    click(&mut app, thidua::app::strings::SELF_SCORE_KEY);
}

#[test]
fn adding_an_activity_changes_the_count_of_its_school() {
    use thidua::app::screen::activities::{self, Message as A};
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Activities)]);
    let wb = app.workbook().unwrap();
    let school = wb
        .members
        .iter()
        .find(|s| s.short_name == "Tây Ninh")
        .unwrap()
        .id
        .clone();
    let (hosted, part) = activities::count_for(wb, &school);
    let before = format!("chủ trì {hosted} · tham gia {part}");
    assert!(shows(&app, &before), "{before}");
    click(&mut app, thidua::app::strings::ADD_ACTIVITY);
    type_into(
        &mut app,
        activities::TITLE_ID,
        "Tọa đàm khoa học về chuyển đổi số",
    );
    type_into(&mut app, activities::START_ID, "5/9/2019");
    send(
        &mut app,
        [Message::Activities(A::ToggleParticipant(school.clone()))],
    );
    click(&mut app, thidua::app::strings::SAVE_CHANGES);
    let wb = app.workbook().unwrap();
    let added = wb
        .activities
        .iter()
        .find(|a| a.title == "Tọa đàm khoa học về chuyển đổi số")
        .expect("added");
    assert_eq!(thidua::text::format_date(added.start), "05/09/2019");
    let after = format!("chủ trì {hosted} · tham gia {}", part + 1);
    assert!(shows(&app, &after), "{after}");
    assert!(shows(
        &app,
        "05/09/2019 · Hội thảo, tọa đàm khoa học · 1 trường tham gia"
    ));
}

#[test]
fn a_bad_date_is_refused_in_the_form() {
    use thidua::app::screen::activities;
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Activities)]);
    let n = app.workbook().unwrap().activities.len();
    click(&mut app, thidua::app::strings::ADD_ACTIVITY);
    type_into(&mut app, activities::TITLE_ID, "Hội thao");
    type_into(&mut app, activities::START_ID, "31/02/2019");
    click(&mut app, thidua::app::strings::SAVE_CHANGES);
    assert_eq!(app.workbook().unwrap().activities.len(), n);
    assert!(shows(
        &app,
        &thidua::app::strings::bad_activity_date("31/02/2019")
    ));
}

#[test]
fn lowering_a_maximum_below_a_given_score_is_refused_with_the_scores() {
    use thidua::workbook::edit::{CriteriaEdit, Edit};
    let mut app = sample();
    let wb = app.workbook().unwrap();
    let leaf = wb.leaf_criteria()[0].clone();
    let before = wb.clone();
    let e = app
        .apply(Edit::Criteria(CriteriaEdit::Set {
            id: leaf.id.clone(),
            code: leaf.code.clone(),
            title: leaf.title.clone(),
            max: Some(Points(100)),
        }))
        .unwrap_err();
    assert!(e.contains("Không thể đặt điểm tối đa"), "{e}");
    assert!(
        e.contains("Bà Rịa - Vũng Tàu, tiêu chí 1: 3,75 điểm (cụm chấm)")
            || e.contains("tiêu chí 1:"),
        "{e}"
    );
    assert_eq!(app.workbook().unwrap(), &before);
}

/// Issue 14, finding 1: opening an activity and saving it unchanged must
/// change nothing — every prize and person keeps its school (not the
/// host's), evidence stays as it was.
#[test]
fn saving_an_activity_unchanged_changes_nothing() {
    use thidua::app::screen::activities::Message as A;
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Activities)]);
    let before = app.workbook().unwrap().clone();
    for a in &before.activities {
        send(&mut app, [Message::Activities(A::Edit(a.id.clone()))]);
        send(&mut app, [Message::Activities(A::Save)]);
    }
    let after = app.workbook().unwrap();
    for (a, b) in before.activities.iter().zip(&after.activities) {
        assert_eq!(a.results, b.results, "{}", a.title);
        assert_eq!(a.people, b.people, "{}", a.title);
        assert_eq!(a.evidence, b.evidence, "{}", a.title);
    }
    // A prize given to another school, picked by its name with a dash in
    // it (typed loosely; Enter takes the one school it names).
    use thidua::app::screen::activities::{List, Part};
    let contest = before
        .activities
        .iter()
        .find(|a| !a.results.is_empty())
        .unwrap()
        .id
        .clone();
    send(&mut app, [Message::Activities(A::Edit(contest.clone()))]);
    send(
        &mut app,
        [
            Message::Activities(A::RowText(
                List::Results,
                0,
                Part::Second,
                "Lê Văn Tám".into(),
            )),
            Message::Activities(A::RowText(
                List::Results,
                0,
                Part::School,
                "ba ria – vung tau".into(),
            )),
            Message::Activities(A::SubmitSchool(List::Results, 0)),
        ],
    );
    send(&mut app, [Message::Activities(A::Save)]);
    let a = app
        .workbook()
        .unwrap()
        .activities
        .iter()
        .find(|a| a.id == contest)
        .unwrap()
        .clone();
    assert_eq!(a.results[0].person, "Lê Văn Tám");
    assert_eq!(a.results[0].school, Some(Id::new("brvt")));
}

/// Issue 14, finding 13: Tab in the side panel never moves the grid to the
/// next school, so a bonus typed for one school goes to that school.
#[test]
fn tab_in_the_side_panel_keeps_the_school() {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let wb = app.workbook().unwrap().clone();
    let school = wb.members[5].id.clone();
    let cell = Cell {
        school: column_of(&app, &school),
        leaf: 0,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    send(
        &mut app,
        [
            Message::Scoring(scoring::Message::AdjPoints("1".into())),
            Message::Scoring(scoring::Message::Tab { back: false }),
            Message::Scoring(scoring::Message::AdjReason("Đăng cai hội thao".into())),
            Message::Scoring(scoring::Message::AddAdjustment),
        ],
    );
    assert_eq!(app.scoring_selected(), Some(cell));
    let after = app.workbook().unwrap();
    let added: Vec<_> = after
        .assessments
        .iter()
        .flat_map(|a| a.adjustments.iter().map(move |x| (&a.school, x)))
        .filter(|(_, x)| x.reason == "Đăng cai hội thao")
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(
        added[0].0, &school,
        "the bonus went to the school typed for"
    );
}

/// A value typed but not yet confirmed is saved by Ctrl+S, not dropped.
#[test]
fn saving_commits_the_value_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let mut app = App::new(Boot::isolated(Some(path.clone()))).0;
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let wb = app.workbook().unwrap().clone();
    let school = wb.members[2].id.clone();
    let leaf = wb.leaf_criteria()[0].clone();
    let cell = Cell {
        school: column_of(&app, &school),
        leaf: 0,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Input("1,25".into()))],
    );
    send(&mut app, [Message::Save]);
    let score = &app
        .workbook()
        .unwrap()
        .assessment(&school)
        .unwrap()
        .cluster_scores[&leaf.id];
    assert_eq!(score.points, Points(125));
    assert!(!app.document().unwrap().dirty, "saved");
    let on_disk = thidua::workbook::load(&path).unwrap().workbook;
    assert_eq!(
        on_disk.assessment(&school).unwrap().cluster_scores[&leaf.id].points,
        Points(125)
    );
}

/// Issue 13: a school's bonus claim is shown as claimed beside what the
/// cluster accepts, and the cluster types the accepted amount in the panel.
#[test]
fn the_cluster_accepts_part_of_a_school_s_bonus_claim_in_the_panel() {
    use thidua::app::strings as s;
    use thidua::workbook::edit::{Edit, ScoreEdit};
    use thidua::workbook::{AdjustmentKind, Owner, Points};
    let mut app = sample();
    let school = app.workbook().unwrap().members[4].id.clone();
    // The school's claim, as its return would bring it.
    let mut wb = app.workbook().unwrap().clone();
    Edit::Score(ScoreEdit::AddAdjustment {
        school: school.clone(),
        kind: AdjustmentKind::Bonus,
        points: Points::whole(2),
        reason: "Đăng cai hội thảo".into(),
    })
    .apply_as(&mut wb, &Owner::School(school.clone()))
    .unwrap();
    let claim = wb
        .assessment(&school)
        .unwrap()
        .adjustments
        .last()
        .unwrap()
        .id
        .clone();
    app.apply(Edit::Replace(Box::new(wb))).unwrap();
    let bonus = |app: &App| {
        thidua::rules::evaluate(app.workbook().unwrap())
            .school(&school)
            .unwrap()
            .totals
            .bonus
    };
    let claimed = bonus(&app);
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let cell = Cell {
        school: column_of(&app, &school),
        leaf: 0,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    assert!(shows(
        &app,
        &s::bonus_claim_line(Points::whole(2), None, "Đăng cai hội thảo")
    ));
    send(
        &mut app,
        [
            Message::Scoring(scoring::Message::AcceptInput(claim.clone(), "0,5".into())),
            Message::Scoring(scoring::Message::AcceptSubmit(claim.clone())),
        ],
    );
    assert_eq!(bonus(&app), claimed - Points::whole(2) + Points(50));
    assert!(shows(
        &app,
        &s::bonus_claim_line(Points::whole(2), Some(Points(50)), "Đăng cai hội thảo")
    ));
    // More than claimed: refused, nothing changes.
    send(
        &mut app,
        [
            Message::Scoring(scoring::Message::AcceptInput(claim.clone(), "3".into())),
            Message::Scoring(scoring::Message::AcceptSubmit(claim)),
        ],
    );
    assert_eq!(bonus(&app), claimed - Points::whole(2) + Points(50));
}

/// Issue 14, finding 13: a note typed beside a cell but not confirmed is
/// kept when another cell is picked (with the score, as one undo step).
#[test]
fn a_note_typed_then_another_cell_picked_is_kept() {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let school = app.workbook().unwrap().members[2].id.clone();
    let col = column_of(&app, &school);
    let cell = Cell {
        school: col,
        leaf: 1,
    };
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);
    send(
        &mut app,
        [
            Message::Scoring(scoring::Message::Input("2,5".into())),
            Message::Scoring(scoring::Message::Note("Thiếu biên bản hội nghị".into())),
            Message::Scoring(scoring::Message::Select(Cell {
                school: col,
                leaf: 3,
            })),
        ],
    );
    let wb = app.workbook().unwrap();
    let leaf = wb.leaf_criteria()[1].id.clone();
    let score = &wb.assessment(&school).unwrap().cluster_scores[&leaf];
    assert_eq!(score.note, "Thiếu biên bản hội nghị");
    assert_eq!(score.points, thidua::workbook::Points(250));
    // One undo step takes both back.
    send(&mut app, [Message::Undo]);
    let wb = app.workbook().unwrap();
    let score = &wb.assessment(&school).unwrap().cluster_scores[&leaf];
    assert_ne!(score.note, "Thiếu biên bản hội nghị");
}

/// Issue 14, finding 15: the grid answers the keyboard. With no cell
/// selected, Enter starts at the first cell; arrows move; Alt+T switches to
/// the school's own score.
#[test]
fn arrows_and_keys_move_in_the_grid() {
    use iced::keyboard::{Event, Key, Location, Modifiers, key::Named, key::Physical};
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let press = |key: Key, modifiers: Modifiers| Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    };
    let keys = |e: Event| scoring::State::key(e).map(Message::Scoring);
    send(
        &mut app,
        keys(press(Key::Named(Named::Enter), Modifiers::empty())),
    );
    assert_eq!(app.scoring_selected(), Some(Cell { school: 0, leaf: 0 }));
    send(
        &mut app,
        keys(press(Key::Named(Named::ArrowDown), Modifiers::empty())),
    );
    send(
        &mut app,
        keys(press(Key::Named(Named::ArrowRight), Modifiers::empty())),
    );
    assert_eq!(app.scoring_selected(), Some(Cell { school: 1, leaf: 1 }));
    send(
        &mut app,
        keys(press(Key::Named(Named::ArrowUp), Modifiers::empty())),
    );
    send(
        &mut app,
        keys(press(Key::Named(Named::ArrowUp), Modifiers::empty())),
    );
    assert_eq!(
        app.scoring_selected(),
        Some(Cell { school: 1, leaf: 0 }),
        "clamped at the top"
    );
    assert!(shows(&app, thidua::app::strings::CLUSTER_SCORE_KEY));
    send(
        &mut app,
        keys(press(Key::Character("t".into()), Modifiers::ALT)),
    );
    // Alt+T: the school's own scores are typed now (the cell shows them).
    let typed = thidua::app::strings::SELF_SCORE_KEY;
    assert!(shows(&app, typed));
    assert_eq!(
        app.scoring_side(),
        thidua::workbook::edit::scores::Side::Own
    );
}

/// Issue 14, finding 4: in a maximised window on a 1366×768 screen every
/// criterion name of the sample is drawn whole inside its row (no hover
/// needed): its text fits the row's height.
#[test]
fn criterion_names_fit_their_rows_at_1366() {
    let mut app = at_width(SAMPLE, 1366.0);
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let wb = app.workbook().unwrap().clone();
    // A maximised window: the screen less the task bar and title.
    let size = Size::new(1366.0, 700.0);
    // The first school's column starts where the names must end.
    let mut names: Vec<_> = wb.current_members().collect();
    names.sort_by(|a, b| compare_vi(&a.full_name, &b.full_name));
    let first_column = ui::simulator(&app, size)
        .find(names[0].short_name.as_str())
        .expect("the first school's head")
        .bounds()
        .x;
    let mut seen = 0;
    for c in wb.leaf_criteria() {
        let mut sim = ui::simulator(&app, size);
        let Ok(found) = sim.find(c.title.as_str()) else {
            continue; // not among the rows drawn (the grid draws what is in view)
        };
        seen += 1;
        let b = found.bounds();
        assert!(
            b.height <= scoring::ROW_H + 0.5,
            "{}: {} px high in a {} px row",
            c.title,
            b.height,
            scoring::ROW_H
        );
        assert!(
            b.x + b.width <= first_column,
            "{}: ends at {} px, the schools start at {first_column}",
            c.title,
            b.x + b.width
        );
    }
    assert!(seen >= 5, "only {seen} names drawn");
    // The longest name does not fit one line there: it is wrapped, not cut.
    let longest = wb
        .leaf_criteria()
        .into_iter()
        .max_by_key(|c| c.title.chars().count())
        .unwrap();
    let mut sim = ui::simulator(&app, Size::new(1366.0, 3000.0));
    let h = sim.find(longest.title.as_str()).unwrap().bounds().height;
    assert!(h > 20.0, "{}: {h} px high: one line, cut", longest.title);
}

/// Issue 14, finding 16: choosing the host ticks it as a participant; a
/// passing notice does not follow the clerk to another view.
#[test]
fn the_host_takes_part_and_passing_notices_stay_behind() {
    use thidua::app::screen::activities::{self, Choice, Message as A};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let mut app = App::new(Boot::isolated(Some(path))).0;
    send(&mut app, [Message::Navigate(View::Activities)]);
    let school = app.workbook().unwrap().members[3].id.clone();
    click(&mut app, thidua::app::strings::ADD_ACTIVITY);
    type_into(&mut app, activities::TITLE_ID, "Hội thảo khoa học cấp Cụm");
    type_into(&mut app, activities::START_ID, "5/9/2019");
    send(
        &mut app,
        [Message::Activities(A::Host(Choice {
            value: Some(school.clone()),
            label: String::new(),
        }))],
    );
    click(&mut app, thidua::app::strings::SAVE_CHANGES);
    let wb = app.workbook().unwrap();
    let added = wb
        .activities
        .iter()
        .find(|a| a.title == "Hội thảo khoa học cấp Cụm")
        .expect("added");
    assert!(
        added.participants.contains(&school),
        "{:?}",
        added.participants
    );
    assert!(matches!(
        app.notice(),
        None | Some(thidua::app::Notice::Info(_))
    ));
    send(&mut app, [Message::DismissNotice]);
    send(&mut app, [Message::Save]);
    send(&mut app, [Message::Navigate(View::Members)]);
    assert_eq!(app.notice(), None, "the save notice stays with its view");
}

/// Issue 14, finding 15: a notice does not move the view under the
/// pointer: it appears in the status bar at the foot, whose height is fixed.
#[test]
fn a_notice_does_not_move_the_grid() {
    let mut app = sample();
    send(
        &mut app,
        [Message::Navigate(View::Scoring), Message::DismissNotice],
    );
    let title = app.workbook().unwrap().leaf_criteria()[2].title.clone();
    // The name may end in "…" where its column is narrow: found by its start.
    let start: String = title.chars().take(16).collect();
    let y = |app: &App| ui::text_starting(&mut simulator(app), &start).unwrap().y;
    let before = y(&app);
    send(&mut app, [Message::Undo]); // nothing to undo: a notice
    assert!(app.notice().is_some());
    assert!(shows(&app, thidua::app::strings::NOTHING_TO_UNDO));
    assert_eq!(y(&app), before);
}

/// Issue 14, finding 4: ten schools in a 1366 px window still leave the
/// criterion names their column (the cells go compact, the other score is
/// in the panel); before, the names' column shrank to nothing.
#[test]
fn ten_schools_leave_the_names_their_column_at_1366() {
    let wb = thidua::workbook::synthetic::workbook(10, 20, 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muoi.json");
    std::fs::write(&path, thidua::workbook::to_bytes(&wb)).unwrap();
    let mut app = at_width(path.to_str().unwrap(), 1366.0);
    send(&mut app, [Message::Navigate(View::Scoring)]);
    let size = Size::new(1366.0, 700.0);
    let mut sim = ui::simulator(&app, size);
    let title = wb.leaf_criteria()[0].title.clone();
    let start: String = title.chars().take(16).collect();
    let name = ui::text_starting(&mut sim, &start).expect("a criterion name");
    assert!(name.width >= 150.0, "the name is {} px wide", name.width);
    assert!(name.x + name.width <= size.width, "{name:?}");
}
