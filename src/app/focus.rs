//! Where the keyboard's focus may go.
//!
//! - `tab_order`: Tab and Shift+Tab across the whole window, fields and
//!   buttons alike, in the order they are drawn, wrapping round at the ends.
//!   Done in the widget tree itself (not as a task from `update`) so the key
//!   moves the focus in the same event, and so tests that press Tab see
//!   where it went.
//! - `inert`: content under a dialog, still drawn (dimmed) and still found by
//!   name, but out of the keyboard's reach. Without it Tab in "Lưu thay đổi
//!   trước khi đóng?" walked on into the toolbar and the form behind the
//!   dialog, and Enter then pressed a button the clerk could not see.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::operation::{Focusable, Operation, Outcome, Scrollable, TextInput};
use iced::advanced::widget::tree::{self, Tree};
use iced::advanced::widget::{Id, Widget};
use iced::advanced::{Clipboard, Shell};
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector, keyboard, mouse};

type Renderer = iced::Renderer;

/// `content` where Tab (Shift+Tab) that no widget took moves the focus to
/// the next (previous) focusable widget. Off (`enabled` false) where a
/// screen uses Tab itself, like the scoring grid moving between cells; F6
/// (Shift+F6) does the same there.
pub fn tab_order<'a, M: 'a>(content: impl Into<Element<'a, M>>, enabled: bool) -> Element<'a, M> {
    Element::new(Layer {
        content: content.into(),
        kind: if enabled { Kind::TabOrder } else { Kind::Plain },
    })
}

/// `content` with every focusable widget inside hidden from focus
/// operations (Tab, Shift+Tab, focusing by id); everything else passes.
pub fn inert<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    Element::new(Layer {
        content: content.into(),
        kind: Kind::Inert,
    })
}

/// A layer with no state or look of its own: the content's tree, layout
/// and drawing pass through; only focus is handled.
struct Layer<'a, M> {
    content: Element<'a, M>,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    TabOrder,
    Inert,
    Plain,
}

/// An operation seen through the inert layer: it never meets a focusable.
struct NoFocus<'o>(&'o mut dyn Operation);

impl Operation for NoFocus<'_> {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        self.0.traverse(&mut |inner| operate(&mut NoFocus(inner)));
    }
    fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
        self.0.container(id, bounds);
    }
    fn scrollable(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        self.0
            .scrollable(id, bounds, content_bounds, translation, state);
    }
    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        // Whatever had the focus behind the dialog gives it up.
        state.unfocus();
    }
    fn text_input(&mut self, id: Option<&Id>, bounds: Rectangle, state: &mut dyn TextInput) {
        self.0.text_input(id, bounds, state);
    }
    fn text(&mut self, id: Option<&Id>, bounds: Rectangle, text: &str) {
        self.0.text(id, bounds, text);
    }
    fn custom(&mut self, id: Option<&Id>, bounds: Rectangle, state: &mut dyn std::any::Any) {
        self.0.custom(id, bounds, state);
    }
    fn finish(&self) -> Outcome<()> {
        self.0.finish()
    }
}

/// First pass: how many focusable widgets, and which has the focus.
#[derive(Default)]
struct Count {
    focused: Option<usize>,
    total: usize,
}

impl Operation for Count {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.focused = Some(self.total);
        }
        self.total += 1;
    }
}

/// Second pass: focus the one at `target`, unfocus the rest; note where
/// it is.
struct FocusAt {
    target: usize,
    current: usize,
    bounds: Option<Rectangle>,
}

impl Operation for FocusAt {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
    fn focusable(&mut self, _id: Option<&Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        if self.current == self.target {
            state.focus();
            self.bounds = Some(bounds);
        } else {
            state.unfocus();
        }
        self.current += 1;
    }
}

/// Third pass: every list holding the newly focused control scrolls just
/// enough to show it (a Tab into a long list must not leave the focus out
/// of sight).
struct ScrollIntoView {
    target: Rectangle,
}

/// Room kept between the focused control and the list's edge.
const SCROLL_MARGIN: f32 = 12.0;

impl Operation for ScrollIntoView {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        let t = self.target;
        if !content_bounds.contains(t.center()) {
            return;
        }
        // Layout positions are unscrolled: the list shows its content from
        // `bounds.y + translation.y` down.
        let top = bounds.y + translation.y;
        let offset = if t.y < top {
            Some(t.y - bounds.y - SCROLL_MARGIN)
        } else if t.y + t.height > top + bounds.height {
            Some(t.y + t.height - bounds.y - bounds.height + SCROLL_MARGIN)
        } else {
            None
        };
        if let Some(y) = offset {
            state.scroll_to(iced::widget::scrollable::AbsoluteOffset {
                x: None,
                y: Some(y.max(0.0)),
            });
        }
    }
}

/// Where the focus goes from `focused` among `total`, wrapping round.
fn next(focused: Option<usize>, total: usize, back: bool) -> usize {
    match (focused, back) {
        (None, false) => 0,
        (None, true) => total - 1,
        (Some(i), false) => (i + 1) % total,
        (Some(i), true) => (i + total - 1) % total,
    }
}

impl<M> Widget<M, Theme, Renderer> for Layer<'_, M> {
    fn tag(&self) -> tree::Tag {
        self.content.as_widget().tag()
    }
    fn state(&self) -> tree::State {
        self.content.as_widget().state()
    }
    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }
    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
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
        self.content.as_widget_mut().layout(tree, renderer, limits)
    }
    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        let widget = self.content.as_widget_mut();
        if self.kind == Kind::Inert {
            widget.operate(tree, layout, renderer, &mut NoFocus(operation));
        } else {
            widget.operate(tree, layout, renderer, operation);
        }
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
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
        if self.kind == Kind::Inert || shell.is_event_captured() {
            return;
        }
        let Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(key),
            modifiers,
            ..
        }) = event
        else {
            return;
        };
        // F6, as in Windows' own programs, moves between the window's
        // controls even where Tab is a screen's own (the grid).
        let moves = match key {
            keyboard::key::Named::Tab => self.kind == Kind::TabOrder,
            keyboard::key::Named::F6 => true,
            _ => false,
        };
        if !moves || modifiers.command() || modifiers.alt() {
            return;
        }
        let widget = self.content.as_widget_mut();
        let mut count = Count::default();
        widget.operate(tree, layout, renderer, &mut count);
        if count.total == 0 {
            return;
        }
        let mut focus = FocusAt {
            target: next(count.focused, count.total, modifiers.shift()),
            current: 0,
            bounds: None,
        };
        widget.operate(tree, layout, renderer, &mut focus);
        if let Some(target) = focus.bounds {
            widget.operate(tree, layout, renderer, &mut ScrollIntoView { target });
        }
        shell.capture_event();
        shell.request_redraw();
    }
    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
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
        self.content
            .as_widget()
            .draw(tree, renderer, theme, style, layout, cursor, viewport);
    }
    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<iced::advanced::overlay::Element<'b, M, Theme, Renderer>> {
        self.content
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}

#[cfg(test)]
mod tests {
    use super::next;

    #[test]
    fn tab_wraps_round_both_ways() {
        assert_eq!(next(None, 3, false), 0);
        assert_eq!(next(None, 3, true), 2);
        assert_eq!(next(Some(2), 3, false), 0);
        assert_eq!(next(Some(0), 3, true), 2);
        assert_eq!(next(Some(1), 3, false), 2);
    }
}
