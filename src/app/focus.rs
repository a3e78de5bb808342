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
/// the next (previous) focusable widget. `own_tab`: the id of a list that
/// uses Tab itself while the focus is in it (or nowhere), like the scoring
/// grid moving between its cells; in a field beside it (the cell's note)
/// Tab moves on as anywhere else.
///
/// F6 (Shift+F6), as in Windows' own programs, moves to the next part of
/// the window: out of the list holding the focus (past all of its cells),
/// else to the next control.
pub fn tab_order<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    own_tab: Option<&'static str>,
) -> Element<'a, M> {
    Element::new(Layer {
        content: content.into(),
        kind: Kind::TabOrder(own_tab.map(Id::new)),
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

#[derive(Clone, PartialEq)]
enum Kind {
    /// With the id of a list that takes Tab itself.
    TabOrder(Option<Id>),
    Inert,
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

/// A list (scrollable): its place in the tree's order, and its id.
type List = (usize, Option<Id>);

/// First pass: how many focusable widgets, which has the focus, and the
/// lists (scrollables) each one is in — which named list holds it (Tab,
/// F6) and which lists must scroll to show it.
#[derive(Default)]
struct Count {
    focused: Option<usize>,
    total: usize,
    /// The lists around each focusable, outermost first, in order.
    lists: Vec<Vec<List>>,
    /// The lists around the widget being visited.
    around: Vec<List>,
    /// A list just met, whose content the next traversal visits.
    entering: Option<List>,
    /// Lists met so far.
    seen: usize,
}

impl Count {
    /// The innermost list with an id around focusable `i`.
    fn named_list(&self, i: usize) -> Option<&Id> {
        self.lists
            .get(i)?
            .iter()
            .rev()
            .find_map(|(_, id)| id.as_ref())
    }

    /// Where F6 goes: the next control outside the list holding the focus.
    fn next_part(&self, back: bool) -> usize {
        let here = self.focused.and_then(|i| self.named_list(i));
        let mut i = next(self.focused, self.total, back);
        if here.is_some() {
            for _ in 0..self.total {
                if self.named_list(i) != here {
                    break;
                }
                i = next(Some(i), self.total, back);
            }
        }
        i
    }

    /// The lists (by order in the tree) that hold focusable `i`.
    fn holders(&self, i: usize) -> Vec<usize> {
        self.lists
            .get(i)
            .map(|l| l.iter().map(|(n, _)| *n).collect())
            .unwrap_or_default()
    }
}

impl Operation for Count {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        // `scrollable` is told just before its content is traversed.
        let entered = self.entering.take();
        let pushed = entered.is_some();
        if let Some(list) = entered {
            self.around.push(list);
        }
        operate(self);
        if pushed {
            self.around.pop();
        }
    }
    fn container(&mut self, _id: Option<&Id>, _bounds: Rectangle) {
        self.entering = None;
    }
    fn scrollable(
        &mut self,
        id: Option<&Id>,
        _bounds: Rectangle,
        _content_bounds: Rectangle,
        _translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.entering = Some((self.seen, id.cloned()));
        self.seen += 1;
    }
    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.focused = Some(self.total);
        }
        self.lists.push(self.around.clone());
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
    /// The lists (by their order in the tree) that hold the target: only
    /// they scroll. A list's content, laid out unscrolled, can reach under
    /// a control below it (the scoring grid's rows under its panel), so
    /// "contains the point" alone scrolled the grid when F6 left it.
    holders: Vec<usize>,
    seen: usize,
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
        let index = self.seen;
        self.seen += 1;
        if !self.holders.contains(&index) || !content_bounds.contains(t.center()) {
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
        let Kind::TabOrder(own_tab) = &self.kind else {
            return;
        };
        let f6 = match key {
            keyboard::key::Named::Tab => false,
            keyboard::key::Named::F6 => true,
            _ => return,
        };
        if modifiers.command() || modifiers.alt() {
            return;
        }
        let widget = self.content.as_widget_mut();
        let mut count = Count::default();
        widget.operate(tree, layout, renderer, &mut count);
        if count.total == 0 {
            return;
        }
        let back = modifiers.shift();
        let target = if f6 {
            count.next_part(back)
        } else {
            // The list that takes Tab itself keeps it while the focus is
            // in it or nowhere (the grid then starts at its first cell).
            let in_own = own_tab.as_ref().is_some_and(|own| match count.focused {
                None => true,
                Some(i) => count.named_list(i) == Some(own),
            });
            if in_own {
                return;
            }
            next(count.focused, count.total, back)
        };
        let mut focus = FocusAt {
            target,
            current: 0,
            bounds: None,
        };
        widget.operate(tree, layout, renderer, &mut focus);
        if let Some(target) = focus.bounds {
            widget.operate(
                tree,
                layout,
                renderer,
                &mut ScrollIntoView {
                    target,
                    holders: count.holders(focus.target),
                    seen: 0,
                },
            );
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
