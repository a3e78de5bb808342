//! On a member school's machine the window shows what the school may not
//! change as read-only, and refuses such edits with a Vietnamese notice.

mod support;

use iced::Size;
use support::ui::{self, send};
use thidua::app::screen::View;
use thidua::app::{App, Boot, Message, Notice, strings as s};
use thidua::settings::{Settings, Store};
use thidua::workbook::edit::scores::Side;
use thidua::workbook::edit::{Edit, ScoreEdit};
use thidua::workbook::{Id, Owner, Points};

const VIEW: Size = Size::new(1366.0, 800.0);

fn on_machine_of(school: &str) -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cum8-2019.json");
    std::fs::copy("assets/samples/cum8-2019.json", &path).unwrap();
    let boot = Boot {
        settings: Store::in_memory(Settings {
            machine: Some(Owner::School(Id::new(school))),
            ..Settings::default()
        }),
        ..Boot::isolated(Some(path))
    };
    let (mut app, _) = App::new(boot);
    send(&mut app, [Message::Navigate(View::Scoring)]);
    app
}

#[test]
fn the_scoring_grid_offers_only_the_schools_own_self_scores() {
    let app = on_machine_of("dong-nai");
    assert!(ui::shows(&app, VIEW, &s::own_scores_only("Đồng Nai")));
    // No switch to the cluster's scores on a school's machine.
    assert!(!ui::shows(&app, VIEW, s::CLUSTER_SCORE_KEY));
}

#[test]
fn an_edit_of_what_the_school_does_not_own_is_refused_with_a_notice() {
    let mut app = on_machine_of("dong-nai");
    let before = app.workbook().unwrap().clone();
    let result = app.apply(Edit::Score(ScoreEdit::Points {
        school: Id::new("tay-ninh"),
        criterion: Id::new("I.1"),
        side: Side::Own,
        points: Some(Points(100)),
    }));
    let e = result.unwrap_err();
    assert!(e.contains("Máy này là của Đồng Nai"), "{e}");
    assert_eq!(app.workbook().unwrap(), &before);
    // Its own self-score goes through.
    app.apply(Edit::Score(ScoreEdit::Points {
        school: Id::new("dong-nai"),
        criterion: Id::new("I.1"),
        side: Side::Own,
        points: Some(Points(300)),
    }))
    .unwrap();
    assert_ne!(app.workbook().unwrap(), &before);
    assert!(!matches!(app.notice(), Some(Notice::Error(_))));
}

#[test]
fn every_other_view_says_what_the_machine_may_change() {
    let mut app = on_machine_of("dong-nai");
    for v in [View::Members, View::Activities, View::Awards, View::YearEnd] {
        send(&mut app, [Message::Navigate(v)]);
        assert!(
            ui::shows(&app, VIEW, &s::school_machine_scope("Đồng Nai")),
            "{v:?}"
        );
    }
}

#[test]
fn the_cluster_parts_do_not_react_on_a_schools_machine() {
    use thidua::app::screen::{awards, members};
    let mut app = on_machine_of("dong-nai");
    let before = app.workbook().unwrap().clone();
    send(&mut app, [Message::Navigate(View::Members)]);
    send(&mut app, [Message::Members(members::Message::Add)]);
    assert_eq!(
        app.notice(),
        Some(&Notice::Info(s::school_machine_scope("Đồng Nai")))
    );
    // No form opened: the members view still shows no save button.
    assert!(!ui::shows(&app, VIEW, s::SAVE_CHANGES));
    // Looking at another award's ballot is still possible.
    send(&mut app, [Message::Navigate(View::Awards)]);
    send(&mut app, [Message::DismissNotice]);
    send(
        &mut app,
        [Message::Awards(awards::Message::SelectAward(Id::new(
            "bang-khen",
        )))],
    );
    assert_eq!(app.notice(), None);
    assert_eq!(app.workbook().unwrap(), &before);
}

#[test]
fn the_member_list_has_no_edit_buttons_on_a_schools_machine() {
    let mut app = on_machine_of("dong-nai");
    send(&mut app, [Message::Navigate(View::Members)]);
    assert!(ui::shows(&app, VIEW, "Trường Chính trị tỉnh Tây Ninh"));
    for label in [s::ADD_SCHOOL, s::EDIT, s::REMOVE, s::MAKE_LEADER] {
        assert!(!ui::shows(&app, VIEW, label), "{label}");
    }
}

#[test]
fn the_criteria_table_has_no_edit_controls_on_a_schools_machine() {
    let mut app = on_machine_of("dong-nai");
    send(&mut app, [Message::Navigate(View::Criteria)]);
    assert!(ui::shows(&app, VIEW, s::CRITERIA_TITLE));
    for label in [
        s::ADD_SECTION,
        s::COPY_CRITERIA,
        s::EDIT,
        s::REMOVE,
        s::MOVE_UP,
    ] {
        assert!(!ui::shows(&app, VIEW, label), "{label}");
    }
}

/// Issue 27, point 10: on a school's machine the buttons of activities
/// another school hosts are drawn disabled, with the reason beside them;
/// its own stay active. (They looked active and were refused on press.)
#[test]
fn other_schools_activities_show_their_buttons_disabled() {
    let mut app = on_machine_of("dong-nai");
    send(&mut app, [Message::Navigate(View::Activities)]);
    let wb = app.workbook().unwrap().clone();
    let other = wb
        .activities
        .iter()
        .find(|a| a.host.as_ref().is_some_and(|h| h.as_str() != "dong-nai"))
        .expect("an activity another school hosts");
    let host = wb.school_name(other.host.as_ref().unwrap());
    let hint = s::not_yours_hint(&format!(
        "hoạt động do trường {host} chủ trì là của trường đó"
    ));
    assert!(ui::shows(&app, VIEW, &hint), "the reason is shown: {hint}");
}
