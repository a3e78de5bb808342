//! Ctrl+Z in a text field undoes the typing in that field, word by word,
//! as in Word and Excel: the window's one undo rule is "the field first".
//! Only when the field has nothing of its own left to undo does the key go
//! on to the workbook's undo (`App::undo_redo`), which never runs while a
//! form holds unsaved typing.
//!
//! The history lives in the widget tree beside the field (no screen keeps
//! it): what the field showed before each change typed while it had the
//! focus. A value changed from outside (a form opened on another record,
//! the workbook's undo) starts the history afresh.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::operation::{Focusable, Operation, TextInput};
use iced::advanced::widget::tree::{self, Tree};
use iced::advanced::widget::{Id, Widget};
use iced::advanced::{Clipboard, Shell};
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector, keyboard, mouse};

type Renderer = iced::Renderer;

/// `input` (a text field with `placeholder`, showing `value`, which sends
/// `on_input` as it is typed in) with Ctrl+Z undoing its typing.
pub fn undoable<'a, M: 'a>(
    input: impl Into<Element<'a, M>>,
    placeholder: &str,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    Element::new(Undoable {
        placeholder: placeholder.to_string(),
        value: value.to_string(),
        on_input: Box::new(on_input),
        content: input.into(),
        max: None,
    })
}

/// [`undoable`] for a text of `kind` (a name, a note…): typing stops at
/// the kind's limit (`crate::limits`; a paste is cut there), and from 90 %
/// of it a count shows under the field ("190/200 ký tự"), so the clerk
/// sees why — the same limit `check`, returns and forms hold to.
pub fn limited<'a, M: 'a>(
    input: impl Into<Element<'a, M>>,
    placeholder: &str,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    kind: crate::limits::TextKind,
) -> Element<'a, M> {
    let max = kind.max_chars();
    let field = Element::new(Undoable {
        placeholder: placeholder.to_string(),
        value: value.to_string(),
        on_input: Box::new(on_input),
        content: input.into(),
        max: Some(max),
    });
    let n = value.chars().count();
    if n * 10 < max * 9 {
        return field;
    }
    let count = iced::widget::text(crate::app::strings::chars_left(n, max))
        .size(crate::app::theme::TEXT_SMALL)
        .color(if n >= max {
            crate::app::theme::BAD
        } else {
            crate::app::theme::MUTED
        });
    iced::widget::column![field, count].spacing(2).into()
}

struct Undoable<'a, M> {
    placeholder: String,
    value: String,
    on_input: Box<dyn Fn(String) -> M + 'a>,
    content: Element<'a, M>,
    /// The most characters the field takes (None: no limit of its own).
    max: Option<usize>,
}

/// What the field showed before each change typed in it.
struct History {
    /// The value the view last gave the field.
    view: String,
    /// The value the field holds, as last seen (typed since the view
    /// was made, or the view's).
    last: String,
    /// Earlier values, oldest first.
    past: Vec<String>,
    /// The last change added one letter: the next letters of the same word
    /// join that undo step.
    in_word: bool,
}

/// How many steps a field keeps.
const DEPTH: usize = 100;

impl History {
    fn new(value: &str) -> History {
        History {
            view: value.to_string(),
            last: value.to_string(),
            past: Vec::new(),
            in_word: false,
        }
    }

    /// The view gives the field `value`: typed here (already seen, or
    /// seen only now), or set from outside.
    fn viewed(&mut self, value: &str, focused: bool) {
        if value == self.view {
            return;
        }
        self.view = value.to_string();
        if focused {
            self.typed(value);
        } else if value != self.last {
            // Changed from outside (a form opened on another record, the
            // workbook's undo): the typing before it is not this value's
            // to undo.
            self.past.clear();
            self.in_word = false;
            self.last = value.to_string();
        }
    }

    /// The field now holds `value`, typed by the clerk.
    fn typed(&mut self, value: &str) {
        if value == self.last {
            return;
        }
        let letter = value
            .strip_prefix(self.last.as_str())
            .filter(|added| added.chars().count() == 1)
            .and_then(|added| added.chars().next())
            .is_some_and(|c| !c.is_whitespace());
        if !(letter && self.in_word) {
            self.past.push(std::mem::take(&mut self.last));
            if self.past.len() > DEPTH {
                self.past.remove(0);
            }
        }
        self.in_word = letter;
        self.last = value.to_string();
    }

    /// The value to go back to, if any.
    fn back(&mut self) -> Option<String> {
        let previous = self.past.pop()?;
        self.last = previous.clone();
        self.in_word = false;
        Some(previous)
    }
}

/// What a text field holds: `shown` is its value, or its placeholder when
/// empty (all a widget operation tells). Shown the placeholder after a key
/// that deletes, the field is empty; after any other, it holds that text.
fn held(shown: &str, placeholder: &str, event: &Event) -> String {
    let deleting = matches!(
        event,
        Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(
                keyboard::key::Named::Backspace | keyboard::key::Named::Delete
            ),
            ..
        })
    ) || matches!(
        event,
        Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, physical_key, .. })
            if modifiers.command() && key.to_latin(*physical_key).is_some_and(|c| c.eq_ignore_ascii_case(&'x'))
    );
    if !placeholder.is_empty() && shown == placeholder && deleting {
        String::new()
    } else {
        shown.to_string()
    }
}

/// The text a text field inside shows, if one has the focus.
#[derive(Default)]
struct Shown(Option<String>);

impl Operation for Shown {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
    fn text_input(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn TextInput) {
        self.0 = Some(state.text().to_string());
    }
}

/// Is a focusable widget inside focused?
#[derive(Default)]
struct Focused(bool);

impl Operation for Focused {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        self.0 |= state.is_focused();
    }
}

/// Ctrl+Z (not Ctrl+Shift+Z, which is redo).
fn is_undo_key(event: &Event) -> bool {
    matches!(
        event,
        Event::Keyboard(keyboard::Event::KeyPressed {
            key,
            modifiers,
            physical_key,
            ..
        }) if modifiers.command()
            && !modifiers.shift()
            && !modifiers.alt()
            && key
                .to_latin(*physical_key)
                .is_some_and(|c| c.eq_ignore_ascii_case(&'z'))
    )
}

impl<M> Widget<M, Theme, Renderer> for Undoable<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<History>()
    }
    fn state(&self) -> tree::State {
        tree::State::new(History::new(&self.value))
    }
    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }
    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }
    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }
    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }
    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }
    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let focused = |content: &mut Element<'_, M>, tree: &mut Tree| {
            let mut f = Focused::default();
            content
                .as_widget_mut()
                .operate(&mut tree.children[0], layout, renderer, &mut f);
            f.0
        };
        let was_focused = focused(&mut self.content, tree);
        let history = tree.state.downcast_mut::<History>();
        history.viewed(&self.value, was_focused);
        if was_focused && is_undo_key(event) {
            // The field's own typing first; with none left, the key goes
            // on to the window (the workbook's undo, which says why it
            // waits while a form is open).
            if let Some(previous) = history.back() {
                shell.publish((self.on_input)(previous));
                shell.capture_event();
                shell.request_redraw();
                return;
            }
        }
        let captured_before = shell.is_event_captured();
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        // What the key did to the field, seen at once (the view shows it
        // only after the message is handled).
        if !captured_before && shell.is_event_captured() && focused(&mut self.content, tree) {
            let mut shown = Shown::default();
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                &mut shown,
            );
            if let Some(shown) = shown.0 {
                let mut value = held(&shown, &self.placeholder, event);
                // Past the limit: the field keeps what fits (the key, or
                // the end of a paste, does nothing more).
                if let Some(max) = self.max
                    && value.chars().count() > max
                {
                    value = crate::limits::truncate(&value, max).to_string();
                    shell.publish((self.on_input)(value.clone()));
                }
                tree.state.downcast_mut::<History>().typed(&value);
            }
        }
    }
    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }
    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }
    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<iced::advanced::overlay::Element<'b, M, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn typing_is_undone_word_by_word() {
        let mut h = History::new("");
        for v in ["H", "Hộ", "Hội", "Hội ", "Hội n", "Hội ng"] {
            h.typed(v);
        }
        assert_eq!(h.back().as_deref(), Some("Hội "));
        assert_eq!(h.back().as_deref(), Some("Hội"));
        assert_eq!(h.back().as_deref(), Some(""));
        assert_eq!(h.back(), None);
    }

    #[test]
    fn a_value_set_from_outside_starts_afresh() {
        let mut h = History::new("");
        h.typed("abc");
        h.viewed("abc", true);
        assert_eq!(
            h.past.len(),
            1,
            "the view showing the typing changes nothing"
        );
        h.viewed("Bình Thuận", false);
        assert_eq!(h.back(), None);
    }
}
