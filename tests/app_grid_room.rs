//! Room to work in the scoring grid on a laptop (issue 27, point 3): the
//! cell being typed and at least 8 criterion rows stay in sight at
//! 1366 × 768 at 125 % (1093 × 614 logical) and at the window's minimum
//! size at 100 %, measured from the widgets' bounds.

mod support;

use iced::Size;
use iced_test::selector;
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::scoring::{self, Cell};
use thidua::app::{App, Boot, Message};

const SAMPLE: &str = "assets/samples/cum8-2019.json";

fn at(size: Size) -> App {
    // A copy of its own: tests running side by side never meet its lock.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    let mut boot = Boot::isolated(Some(path));
    boot.settings = thidua::settings::Store::in_memory(thidua::settings::Settings {
        machine: Some(thidua::workbook::Owner::Cluster),
        window_width: size.width,
        window_height: size.height,
        ..thidua::settings::Settings::default()
    });
    let mut app = App::new(boot).0;
    drop(dir);
    send(&mut app, [Message::Resized(size)]);
    app
}

fn rows_in_sight(size: Size) -> f32 {
    let mut app = at(size);
    send(
        &mut app,
        [
            Message::Navigate(View::Scoring),
            Message::Scoring(scoring::Message::Select(Cell { school: 0, leaf: 0 })),
        ],
    );
    let mut sim = ui::simulator(&app, size);
    let grid = sim.find(selector::id(scoring::GRID_ID)).unwrap().bounds();
    let cell = sim.find(selector::id(scoring::CELL_ID)).unwrap().bounds();
    let window = iced::Rectangle::new(iced::Point::ORIGIN, size);
    assert!(
        window.contains(cell.center()) && grid.contains(cell.center()),
        "the cell being typed is in sight at {size:?}: cell {cell:?}, grid {grid:?}"
    );
    grid.height.min(size.height - grid.y) / scoring::ROW_H
}

#[test]
fn eight_rows_at_1366_by_768_at_125_percent() {
    let rows = rows_in_sight(Size::new(1366.0 / 1.25, 768.0 / 1.25));
    assert!(rows >= 8.0, "{rows} rows in sight");
}

#[test]
fn eight_rows_at_the_minimum_size() {
    let rows = rows_in_sight(thidua::app::MIN_SIZE);
    assert!(rows >= 8.0, "{rows} rows in sight");
}

/// Narrow columns keep both scores: the names' column gives way first
/// (before, the other side's score was only a tint at this width).
#[test]
fn both_scores_show_at_1366_by_768_at_125_percent() {
    use thidua::workbook::edit::Edit;
    use thidua::workbook::edit::scores::{ScoreEdit, Side};
    let size = Size::new(1366.0 / 1.25, 768.0 / 1.25);
    let mut app = at(size);
    let wb = app.workbook().unwrap();
    let mut schools: Vec<_> = wb.current_members().collect();
    schools.sort_by(|a, b| thidua::text::compare_vi(&a.full_name, &b.full_name));
    let school = schools[0].id.clone();
    let leaf = wb.leaf_criteria()[0].id.clone();
    for (side, points) in [(Side::Own, 113), (Side::Cluster, 237)] {
        app.apply(Edit::Score(ScoreEdit::Points {
            school: school.clone(),
            criterion: leaf.clone(),
            side,
            points: Some(thidua::workbook::Points(points)),
        }))
        .unwrap();
    }
    send(&mut app, [Message::Navigate(View::Scoring)]);
    assert!(
        ui::shows(&app, size, "2,37") || ui::shows(&app, size, "2,37*"),
        "the cluster's score"
    );
    assert!(
        ui::shows(&app, size, "1,13"),
        "and the school's own beside it"
    );
}
