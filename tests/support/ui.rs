//! Driving the window headless with `iced_test`: build a simulator of the
//! current view at a given size, click or type in it, and feed the messages
//! it produced back to `App::update`.

use iced::Size;
use iced_test::{Simulator, selector};
use thidua::app::{App, Message, font};

/// The view of `app` in a simulator of `size`, with the app's own fonts.
pub fn simulator(app: &App, size: Size) -> Simulator<'_, Message> {
    let settings = iced::Settings {
        fonts: font::all().into_iter().map(Into::into).collect(),
        default_font: font::REGULAR,
        ..iced::Settings::default()
    };
    Simulator::with_size(settings, size, app.view())
}

/// Applies messages as the runtime would (tasks are not run).
pub fn send(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for m in messages {
        let _ = app.update(m);
    }
}

/// Clicks `label` (a text) in the current view and applies what it sends.
pub fn click(app: &mut App, size: Size, label: &str) {
    let mut sim = simulator(app, size);
    sim.click(label)
        .unwrap_or_else(|e| panic!("no {label:?}: {e:?}"));
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

/// Clicks the input with `id`, types `text`, applies what it sends.
pub fn type_into(app: &mut App, size: Size, id: &'static str, text: &str) {
    let mut sim = simulator(app, size);
    sim.click(selector::id(id))
        .unwrap_or_else(|e| panic!("no input {id}: {e:?}"));
    let _ = sim.typewrite(text);
    let messages: Vec<_> = sim.into_messages().collect();
    send(app, messages);
}

/// Does the current view show `text`?
pub fn shows(app: &App, size: Size, text: &str) -> bool {
    simulator(app, size).find(text).is_ok()
}

/// The bounds of the widget that has the keyboard's focus, if any.
#[allow(dead_code)]
pub fn focused(sim: &mut Simulator<'_, Message>) -> Option<iced::Rectangle> {
    focused_and_visible(sim).map(|(b, _)| b)
}

/// The focused widget's bounds and the part of it on screen (scrolled
/// lists and the window cut it).
#[allow(dead_code)]
pub fn focused_and_visible(
    sim: &mut Simulator<'_, Message>,
) -> Option<(iced::Rectangle, Option<iced::Rectangle>)> {
    struct Focused;
    impl iced_test::Selector for Focused {
        type Output = (iced::Rectangle, Option<iced::Rectangle>);
        fn select(&mut self, candidate: selector::Candidate<'_>) -> Option<Self::Output> {
            match candidate {
                selector::Candidate::Focusable {
                    bounds,
                    visible_bounds,
                    state,
                    ..
                } if state.is_focused() => Some((bounds, visible_bounds)),
                _ => None,
            }
        }
        fn description(&self) -> String {
            "the focused widget".into()
        }
    }
    sim.find(Focused).ok()
}

/// Presses Tab (Shift+Tab with `back`) until the focused widget holds the
/// text `label` (a label, not a field's value); false when 400 presses did
/// not reach it.
#[allow(dead_code)]
pub fn tab_to(sim: &mut Simulator<'_, Message>, label: &str, back: bool) -> bool {
    struct Label<'l>(&'l str);
    impl iced_test::Selector for Label<'_> {
        type Output = iced::Rectangle;
        fn select(&mut self, candidate: selector::Candidate<'_>) -> Option<iced::Rectangle> {
            match candidate {
                selector::Candidate::Text {
                    bounds, content, ..
                } if content == self.0 => Some(bounds),
                _ => None,
            }
        }
        fn description(&self) -> String {
            format!("the label {:?}", self.0)
        }
    }
    let Ok(target) = sim.find(Label(label)) else {
        return false;
    };
    let target = target.center();
    for _ in 0..400 {
        let _ = sim.simulate([tab(back)]);
        if focused(sim).is_some_and(|f| f.contains(target)) {
            return true;
        }
    }
    false
}

/// A Tab key press (Shift+Tab with `back`), as the window sends it.
#[allow(dead_code)]
pub fn tab(back: bool) -> iced::Event {
    use iced::keyboard::{Event, Key, Location, Modifiers, key};
    iced::Event::Keyboard(Event::KeyPressed {
        key: Key::Named(key::Named::Tab),
        modified_key: Key::Named(key::Named::Tab),
        physical_key: key::Physical::Code(key::Code::Tab),
        location: Location::Standard,
        modifiers: if back {
            Modifiers::SHIFT
        } else {
            Modifiers::empty()
        },
        text: Some("\t".into()),
        repeat: false,
    })
}

/// The bounds of the first text that starts with `prefix` (a long name
/// the view cuts with "…" to fit its column).
#[allow(dead_code)]
pub fn text_starting(sim: &mut Simulator<'_, Message>, prefix: &str) -> Option<iced::Rectangle> {
    struct Prefix<'p>(&'p str);
    impl iced_test::Selector for Prefix<'_> {
        type Output = iced::Rectangle;
        fn select(&mut self, candidate: selector::Candidate<'_>) -> Option<iced::Rectangle> {
            match candidate {
                selector::Candidate::Text {
                    bounds, content, ..
                } if content.starts_with(self.0) => Some(bounds),
                _ => None,
            }
        }
        fn description(&self) -> String {
            format!("a text starting with {:?}", self.0)
        }
    }
    sim.find(Prefix(prefix)).ok()
}
