//! One keystroke in the report's text to its preview (issue 29: within
//! 100 ms for the sample's longest document): the editor's update — the
//! typed fields put into a copy of the workbook, the report laid out as
//! the PDF will be — plus the canvas's draw list of the pages.

use criterion::{Criterion, criterion_group, criterion_main};
use iced::widget::text_editor::{Action, Edit};
use thidua::app::page_preview;
use thidua::app::screen::doc_editor::{Editor, Message};
use thidua::document::docs;
use thidua::workbook::DocKind;

fn keystroke(c: &mut Criterion) {
    let wb = thidua::workbook::file::load(std::path::Path::new("assets/samples/cum8-2019.json"))
        .expect("the sample")
        .workbook;
    let ctx = docs::Context::default();
    // The longest of the sample's documents, by pages.
    let kind = docs::ALL
        .into_iter()
        .max_by_key(|k| docs::pages(&wb, *k, &ctx).map_or(0, |p| p.len()))
        .unwrap_or(DocKind::Report);
    let mut editor = Editor::of(&wb, DocKind::Report, &ctx);
    let mut i = 0u32;
    c.bench_function(
        &format!("doc_preview_keystroke_report (longest: {kind:?})"),
        |b| {
            b.iter(|| {
                i += 1;
                let letter = if i.is_multiple_of(2) { "a" } else { "ă" };
                let _ = editor.update(
                    Message::Report(0, Action::Edit(Edit::Paste(letter.to_string().into()))),
                    &wb,
                );
                let runs = page_preview::draw_list(editor.pages().unwrap_or(&[]));
                std::hint::black_box(runs.len())
            })
        },
    );
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
