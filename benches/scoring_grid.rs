//! One value typed and confirmed with Enter in the scoring grid, 10 schools
//! × 100 criteria: the screen's update, the edit applied with its undo
//! snapshot (as the app's Document does), the results recomputed (as the
//! app does once per change), and the view rebuilt.
//! Target: well under 16 ms (one frame at 60 Hz).

use criterion::{Criterion, criterion_group, criterion_main};
use std::sync::Arc;
use thidua::app::screen::scoring::{Action, Cell, Message, State};
use thidua::workbook::synthetic;

fn keystroke(c: &mut Criterion) {
    let mut wb = synthetic::workbook(10, 100, 0);
    let mut state = State::default();
    state.refresh(&wb, Arc::new(thidua::rules::evaluate(&wb)));
    let _ = state.update(
        Message::Select(Cell {
            school: 3,
            leaf: 50,
        }),
        &wb,
    );
    let values = ["0,5", "0,75"];
    let mut i = 0;
    c.bench_function("scoring_grid_keystroke_10x100", |b| {
        b.iter(|| {
            i += 1;
            let _ = state.update(Message::Input(values[i % 2].to_string()), &wb);
            let edit = match state.update(Message::Submit, &wb) {
                Action::Edit(edit) | Action::EditThen(edit, _) => Some(edit),
                _ => None,
            };
            if let Some(edit) = edit {
                let before = wb.clone();
                edit.apply(&mut wb).unwrap();
                std::hint::black_box(before != wb);
                state.refresh(&wb, Arc::new(thidua::rules::evaluate(&wb)));
            }
            let view = state.view(&wb);
            std::hint::black_box(view);
        })
    });
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
