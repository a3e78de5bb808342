//! The "Quy chế" view (issue 29): the year's rules edited in the window,
//! what a change does to this year's results shown before it is kept, kept
//! as one undoable edit, refused whole when `check` would refuse it; the
//! documents and `results` follow.

#[path = "support/pdf_text.rs"]
mod pdf_text;
mod support;

use iced::Size;
use iced::widget::text_editor;
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::screen::rules::{Field, Message as R};
use thidua::app::{App, Boot, Message, strings as s};
use thidua::workbook::{Comparison, DocKind, Id, Ratio};

const SAMPLE: &str = "assets/samples/cum8-2019.json";
const VIEW: Size = Size::new(1366.0, 768.0);

fn sample(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let path = dir.join("cum8-2019.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    (App::new(Boot::isolated(Some(path.clone()))).0, path)
}

fn merit_index(app: &App) -> usize {
    app.workbook()
        .unwrap()
        .rules
        .awards
        .iter()
        .position(|a| a.id.as_str() == "bang-khen")
        .unwrap()
}

fn proposed(app: &App, award: &str) -> Vec<Id> {
    thidua::rules::evaluate(app.workbook().unwrap())
        .awards
        .iter()
        .find(|a| a.award.as_str() == award)
        .map(|a| a.proposed.clone())
        .unwrap_or_default()
}

/// The walk: the Bằng khen threshold from "trên 50%" to "từ 90%".
/// Ninh Thuận (6/7 = 85,71%) is then no longer proposed — the view says so
/// before it is kept, and `results` agrees after.
#[test]
fn a_threshold_change_is_previewed_then_applied_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = sample(dir.path());
    let ninh_thuan = Id::new("ninh-thuan");
    assert_eq!(proposed(&app, "bang-khen"), vec![ninh_thuan.clone()]);
    let before = app.workbook().unwrap().clone();
    let i = merit_index(&app);
    send(
        &mut app,
        [
            Message::Navigate(View::Rules),
            Message::Rules(R::OwnRule(i, true)),
            Message::Rules(R::Comparison(Some(i), Comparison::AtLeast)),
            Message::Rules(R::Field(Field::Threshold(Some(i)), "90%".into())),
        ],
    );
    // Nothing kept yet, and the view says what applying would do.
    assert_eq!(app.workbook().unwrap(), &before);
    let said = s::effect_proposal("Ninh Thuận", "Bằng khen", false);
    assert!(ui::shows(&app, VIEW, &format!("• {said}")), "{said}");
    let lost = s::effect_threshold("Ninh Thuận", "Bằng khen", false);
    assert!(ui::shows(&app, VIEW, &format!("• {lost}")), "{lost}");

    ui::click(&mut app, VIEW, s::RULES_APPLY);
    let wb = app.workbook().unwrap();
    let own = wb.rules.awards[i].ballot.as_ref().expect("its own rule");
    assert_eq!(own.threshold, Ratio::percent(90));
    assert_eq!(own.comparison, Comparison::AtLeast);
    // The flag keeps the general rule.
    assert!(
        wb.rules
            .awards
            .iter()
            .any(|a| a.id.as_str() != "bang-khen" && a.ballot.is_none())
    );
    assert_eq!(
        proposed(&app, "bang-khen"),
        Vec::<Id>::new(),
        "as previewed"
    );
    assert!(app.document().unwrap().dirty);

    // The minutes and the count minutes print the award's own threshold.
    for kind in [DocKind::Minutes, DocKind::CountMinutes] {
        let built = thidua::document::docs::build(app.workbook().unwrap(), kind).unwrap();
        let text = pdf_text::text(&built.pdf).replace('\n', " ");
        assert!(
            text.contains("Ngưỡng riêng của Bằng khen: số phiếu đồng ý từ 90%"),
            "{kind:?} prints the award's own rule"
        );
    }

    // Saved and read back: the award keeps its rule.
    send(&mut app, [Message::Save]);
    let loaded = thidua::workbook::file::load(&path).unwrap().workbook;
    assert_eq!(loaded.rules, app.workbook().unwrap().rules);

    // One Ctrl+Z takes the whole change back.
    send(&mut app, [Message::Undo]);
    assert_eq!(app.workbook().unwrap().rules, before.rules);
    assert_eq!(proposed(&app, "bang-khen"), vec![ninh_thuan]);
}

/// A rule `check` would refuse is never kept: said, and nothing changes.
#[test]
fn a_rule_check_would_refuse_cannot_be_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = sample(dir.path());
    let before = app.workbook().unwrap().clone();
    send(
        &mut app,
        [
            Message::Navigate(View::Rules),
            Message::Rules(R::Field(Field::Threshold(None), "3/2".into())),
        ],
    );
    send(&mut app, [Message::Rules(R::Apply)]);
    assert_eq!(app.workbook().unwrap(), &before, "nothing kept");
    assert!(
        ui::shows(
            &app,
            VIEW,
            "Không lưu được quy định: Ngưỡng biểu quyết 3/2 không hợp lệ (phải từ 0 đến 100%)."
        ),
        "the reason is shown"
    );
    // Not a ratio at all: said in the clerk's words, nothing kept.
    send(
        &mut app,
        [Message::Rules(R::Field(
            Field::Threshold(None),
            "năm mươi".into(),
        ))],
    );
    send(&mut app, [Message::Rules(R::Apply)]);
    assert_eq!(app.workbook().unwrap(), &before);
    assert!(ui::shows(
        &app,
        VIEW,
        &s::rules_bad_ratio(s::RULES_THRESHOLD, "", "năm mươi")
    ));
}

/// The legal bases are edited as lines of a multi-line editor and the
/// proposal letter prints them.
#[test]
fn legal_bases_edited_in_the_window_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = sample(dir.path());
    send(&mut app, [Message::Navigate(View::Rules)]);
    let basis = "Nghị định số 152/2025/NĐ-CP ngày 26 tháng 6 năm 2025 của Chính phủ";
    // Select all that is there, then type the new basis over it.
    let mut actions = vec![Message::Rules(R::Legal(text_editor::Action::SelectAll))];
    actions.push(Message::Rules(R::Legal(text_editor::Action::Edit(
        text_editor::Edit::Paste(std::sync::Arc::new(basis.to_string())),
    ))));
    send(&mut app, actions);
    send(&mut app, [Message::Rules(R::Apply)]);
    assert_eq!(
        app.workbook().unwrap().rules.legal_basis,
        vec![basis.to_string()]
    );
    let built = thidua::document::docs::build(app.workbook().unwrap(), DocKind::Proposal).unwrap();
    let text = pdf_text::text(&built.pdf);
    assert!(
        text.replace('\n', " ").contains("152/2025/NĐ-CP"),
        "the letter cites the new basis"
    );
}
