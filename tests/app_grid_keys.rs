//! The keyboard in and around the scoring grid (issue 27, point 4): F6
//! leaves the grid, Tab in the cell's note moves to the evidence, Alt+T /
//! Alt+C switch the side and type nothing, ← / → commit and move while a
//! new value is typed (F2 or a click edit in place), Esc restores an
//! invalid value, an inline confirmation answers Enter and Esc.
//! Driven headless with `iced_test`.

mod support;

use iced::Size;
use iced::keyboard::{self, Key, Location, Modifiers, key};
use iced_test::selector;
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::scoring::{self, Cell};
use thidua::app::{App, Boot, Message, strings as s};
use thidua::workbook::edit::scores::Side;
use thidua::workbook::{Id, Points};

const SAMPLE: &str = "assets/samples/cum8-2019.json";
const VIEW: Size = Size::new(1366.0, 800.0);

fn sample() -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let app = App::new(Boot::isolated(Some(path))).0;
    drop(dir);
    app
}

fn named(k: key::Named, modifiers: Modifiers) -> iced::Event {
    iced::Event::Keyboard(keyboard::Event::KeyPressed {
        key: Key::Named(k),
        modified_key: Key::Named(k),
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    })
}

fn alt(c: char, code: key::Code) -> Vec<iced::Event> {
    vec![
        iced::Event::Keyboard(keyboard::Event::ModifiersChanged(Modifiers::ALT)),
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: Key::Character(c.to_string().into()),
            modified_key: Key::Character(c.to_string().into()),
            physical_key: key::Physical::Code(code),
            location: Location::Standard,
            modifiers: Modifiers::ALT,
            // As X11 and Windows send it: the letter comes with the key.
            text: Some(c.to_string().into()),
            repeat: false,
        }),
    ]
}

/// The app on the grid with `cell` reached by the keyboard (Tab from the
/// cell before it), as a clerk walks the grid.
fn on_cell_by_keyboard(cell: Cell) -> App {
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Scoring)]);
    send(
        &mut app,
        [
            Message::Scoring(scoring::Message::Select(Cell {
                school: cell.school,
                leaf: cell.leaf,
            })),
            Message::Scoring(scoring::Message::Move { rows: 1, cols: 0 }),
            Message::Scoring(scoring::Message::Move { rows: -1, cols: 0 }),
        ],
    );
    assert_eq!(app.scoring_selected(), Some(cell));
    app
}

/// Runs `events` with the cell focused; the messages they sent.
fn in_cell(app: &App, events: impl IntoIterator<Item = iced::Event>) -> Vec<Message> {
    let mut sim = ui::simulator(app, VIEW);
    sim.click(selector::id(scoring::CELL_ID)).unwrap();
    // The click put the caret in the field; what matters is the keys.
    let _ = sim.simulate(events);
    sim.into_messages().collect()
}

fn scoring_messages(messages: &[Message]) -> Vec<String> {
    messages
        .iter()
        .filter_map(|m| match m {
            Message::Scoring(s) => Some(format!("{s:?}")),
            _ => None,
        })
        .collect()
}

fn cluster_points(app: &App, cell: Cell) -> Option<Points> {
    let wb = app.workbook().unwrap();
    let (school, criterion) = ids(app, cell);
    wb.assessment(&school)
        .and_then(|a| a.cluster_scores.get(&criterion))
        .map(|s| s.points)
}

fn ids(app: &App, cell: Cell) -> (Id, Id) {
    let wb = app.workbook().unwrap();
    let mut schools: Vec<_> = wb.current_members().collect();
    schools.sort_by(|a, b| thidua::text::compare_vi(&a.full_name, &b.full_name));
    let leaf = wb.leaf_criteria()[cell.leaf].id.clone();
    (schools[cell.school].id.clone(), leaf)
}

#[test]
fn alt_t_and_alt_c_switch_the_side_and_type_nothing() {
    let app = on_cell_by_keyboard(Cell { school: 0, leaf: 0 });
    let sent = in_cell(&app, alt('t', key::Code::KeyT));
    let sent = scoring_messages(&sent);
    assert!(
        sent.iter()
            .any(|m| m == &format!("{:?}", scoring::Message::Side(Side::Own))),
        "Alt+T switches to the self-score: {sent:?}"
    );
    assert!(
        !sent.iter().any(|m| m.starts_with("Input")),
        "Alt+T typed into the cell: {sent:?}"
    );
    let sent = scoring_messages(&in_cell(&app, alt('c', key::Code::KeyC)));
    assert!(
        !sent.iter().any(|m| m.starts_with("Input")),
        "Alt+C typed into the cell: {sent:?}"
    );
}

#[test]
fn arrows_commit_a_new_value_and_move_while_f2_edits_in_place() {
    let cell = Cell { school: 0, leaf: 0 };
    let mut app = on_cell_by_keyboard(cell);
    // A new value typed over the selected one, then →.
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Input("0,5".into()))],
    );
    let sent = in_cell(&app, [named(key::Named::ArrowRight, Modifiers::empty())]);
    assert!(
        scoring_messages(&sent)
            .iter()
            .any(|m| m.starts_with("Move")),
        "→ while typing a new value moves on: {:?}",
        scoring_messages(&sent)
    );
    send(&mut app, sent);
    assert_eq!(cluster_points(&app, cell), Some(Points(50)), "committed");
    assert_eq!(
        app.scoring_selected(),
        Some(Cell { school: 1, leaf: 0 }),
        "moved right"
    );

    // F2: the value is edited in place, → moves the caret, not the cell.
    let sent = in_cell(&app, [named(key::Named::F2, Modifiers::empty())]);
    send(&mut app, sent);
    let sent = in_cell(&app, [named(key::Named::ArrowRight, Modifiers::empty())]);
    assert!(
        !scoring_messages(&sent)
            .iter()
            .any(|m| m.starts_with("Move")),
        "after F2, → stays in the cell"
    );
    // A click on a cell edits in place too.
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Select(Cell {
            school: 0,
            leaf: 1,
        }))],
    );
    let sent = in_cell(&app, [named(key::Named::ArrowLeft, Modifiers::empty())]);
    assert!(
        !scoring_messages(&sent)
            .iter()
            .any(|m| m.starts_with("Move")),
        "after a click, ← stays in the cell"
    );
}

#[test]
fn esc_restores_an_invalid_value_so_the_cell_can_be_left() {
    let cell = Cell { school: 0, leaf: 0 };
    let mut app = on_cell_by_keyboard(cell);
    let stored = cluster_points(&app, cell);
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Input("999".into()))],
    );
    // Enter with it: refused, the cell keeps the typing and says why.
    send(&mut app, [Message::Scoring(scoring::Message::Submit)]);
    assert_eq!(app.scoring_selected(), Some(cell));
    assert!(app.scoring_error().is_some());
    assert!(ui::shows(&app, VIEW, "Esc: trả lại điểm cũ"));

    let sent = in_cell(&app, [named(key::Named::Escape, Modifiers::empty())]);
    assert!(
        scoring_messages(&sent).iter().any(|m| m == "Restore"),
        "Esc restores: {:?}",
        scoring_messages(&sent)
    );
    send(&mut app, sent);
    assert_eq!(app.scoring_error(), None, "the error is gone");
    assert_eq!(cluster_points(&app, cell), stored, "nothing stored");
    // The cell holds the stored value again: Enter commits nothing new.
    send(&mut app, [Message::Scoring(scoring::Message::Submit)]);
    assert_eq!(app.scoring_error(), None);
    assert_eq!(cluster_points(&app, cell), stored);
    send(&mut app, [Message::Scoring(scoring::Message::Select(cell))]);

    // Typed invalid again, then a click on another cell: the cell stays
    // (nothing typed is dropped unseen) and shows the way out, Esc.
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Input("abc".into()))],
    );
    let other = Cell { school: 1, leaf: 2 };
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Select(other))],
    );
    assert_eq!(app.scoring_selected(), Some(cell));
    assert!(ui::shows(&app, VIEW, s::ESC_RESTORES));
    send(&mut app, [Message::Scoring(scoring::Message::Restore)]);
    send(
        &mut app,
        [Message::Scoring(scoring::Message::Select(other))],
    );
    assert_eq!(
        app.scoring_selected(),
        Some(other),
        "after Esc the click moves"
    );
    assert_eq!(cluster_points(&app, cell), stored, "nothing stored");
}

#[test]
fn f6_leaves_the_grid_and_tab_in_the_note_moves_on() {
    let app = on_cell_by_keyboard(Cell { school: 0, leaf: 0 });
    let mut sim = ui::simulator(&app, VIEW);
    sim.click(selector::id(scoring::CELL_ID)).unwrap();
    let grid = sim.find(selector::id(scoring::GRID_ID)).unwrap().bounds();
    let scrolled = |sim: &mut iced_test::Simulator<'_, Message>| match sim
        .find(selector::id(scoring::GRID_ID))
        .unwrap()
    {
        iced_test::selector::Target::Scrollable { translation, .. } => translation,
        other => panic!("the grid is a list: {other:?}"),
    };
    let before = scrolled(&mut sim);
    let _ = sim.simulate([named(key::Named::F6, Modifiers::empty())]);
    let focused = ui::focused(&mut sim).expect("F6 focuses something");
    assert!(
        !grid.contains(focused.center()),
        "F6 left the grid: focus at {focused:?}, grid {grid:?}"
    );
    // The grid stays where it was (its rows, laid out unscrolled, reach
    // under the panel: it scrolled to "show" the panel's button).
    assert_eq!(scrolled(&mut sim), before, "the grid did not move");

    // In the note, Tab goes on towards the evidence (not to another cell).
    sim.click(selector::id(scoring::NOTE_ID)).unwrap();
    let note = ui::focused(&mut sim).unwrap();
    let evidence = sim
        .find(selector::id(scoring::EVIDENCE_ID))
        .unwrap()
        .bounds();
    let mut reached = false;
    for _ in 0..3 {
        let _ = sim.simulate([ui::tab(false)]);
        if ui::focused(&mut sim).is_some_and(|f| f == evidence) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab from the note {note:?} reaches the evidence");
    let sent: Vec<_> = sim.into_messages().collect();
    assert!(
        !scoring_messages(&sent).iter().any(|m| m.starts_with("Tab")),
        "Tab in the panel did not move the grid: {:?}",
        scoring_messages(&sent)
    );
}

#[test]
fn an_inline_confirmation_answers_enter_and_esc() {
    use thidua::app::screen::members::Message as M;
    let mut app = sample();
    send(&mut app, [Message::Navigate(View::Members)]);
    let school = app.workbook().unwrap().members[0].id.clone();
    send(&mut app, [Message::Members(M::Remove(school.clone()))]);
    let mut sim = ui::simulator(&app, VIEW);
    let _ = sim.simulate([named(key::Named::Escape, Modifiers::empty())]);
    let sent: Vec<_> = sim.into_messages().collect();
    assert!(
        sent.iter()
            .any(|m| matches!(m, Message::Members(M::CancelRemove))),
        "Esc cancels: {sent:?}"
    );
    let mut sim = ui::simulator(&app, VIEW);
    let _ = sim.simulate([named(key::Named::Enter, Modifiers::empty())]);
    let sent: Vec<_> = sim.into_messages().collect();
    assert!(
        sent.iter()
            .any(|m| matches!(m, Message::Members(M::ConfirmRemove))),
        "Enter confirms: {sent:?}"
    );
}
