//! Keys a part of the window answers itself, around content that would
//! otherwise take them or let them pass unanswered:
//!
//! - [`first`]: while a field inside has the focus, a key the part claims
//!   is answered before the field sees it (the grid's cell: Esc restores
//!   the stored score instead of only dropping the focus; Alt+C / Alt+T
//!   switch the side instead of typing "c" / "t"; ← / → move to the next
//!   cell while a new value is typed, as in Excel).
//! - [`unclaimed`]: a key no widget inside took (an inline confirmation:
//!   Enter confirms, Esc cancels, as in a dialog).

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::operation::{Focusable, Operation};
use iced::advanced::widget::tree::{self, Tree};
use iced::advanced::widget::{Id, Widget};
use iced::advanced::{Clipboard, Shell};
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector, keyboard, mouse};

type Renderer = iced::Renderer;

/// `content` where `claim` answers a key pressed while a field inside has
/// the focus, before the field sees it; a key it claims goes no further.
pub fn first<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    claim: impl Fn(&keyboard::Event) -> Option<M> + 'a,
) -> Element<'a, M> {
    Element::new(KeyLayer {
        content: content.into(),
        claim: Box::new(claim),
        when: When::FocusedFirst,
    })
}

/// `content` where `claim` answers a key no widget inside (or before it)
/// took.
pub fn unclaimed<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    claim: impl Fn(&keyboard::Event) -> Option<M> + 'a,
) -> Element<'a, M> {
    Element::new(KeyLayer {
        content: content.into(),
        claim: Box::new(claim),
        when: When::Unclaimed,
    })
}

/// Enter → `confirm`, Esc → `cancel` (no modifier held), for an inline
/// confirmation such as "Xóa trường khỏi cụm?".
pub fn confirm_keys<'a, M: Clone + 'a>(
    content: impl Into<Element<'a, M>>,
    confirm: M,
    cancel: M,
) -> Element<'a, M> {
    unclaimed(content, move |event| match event {
        keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(named),
            modifiers,
            ..
        } if !modifiers.command() && !modifiers.alt() && !modifiers.shift() => match named {
            keyboard::key::Named::Enter => Some(confirm.clone()),
            keyboard::key::Named::Escape => Some(cancel.clone()),
            _ => None,
        },
        _ => None,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum When {
    FocusedFirst,
    Unclaimed,
}

type Claim<'a, M> = Box<dyn Fn(&keyboard::Event) -> Option<M> + 'a>;

struct KeyLayer<'a, M> {
    content: Element<'a, M>,
    claim: Claim<'a, M>,
    when: When,
}

/// Is a focusable widget inside focused?
#[derive(Default)]
struct AnyFocused(bool);

impl Operation for AnyFocused {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        self.0 |= state.is_focused();
    }
}

impl<M> Widget<M, Theme, Renderer> for KeyLayer<'_, M> {
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
        self.content
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
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
        if self.when == When::FocusedFirst
            && !shell.is_event_captured()
            && let Event::Keyboard(key) = event
        {
            let mut focused = AnyFocused::default();
            self.content
                .as_widget_mut()
                .operate(tree, layout, renderer, &mut focused);
            if focused.0
                && let Some(message) = (self.claim)(key)
            {
                shell.publish(message);
                shell.capture_event();
                shell.request_redraw();
                return;
            }
        }
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
        if self.when == When::Unclaimed
            && !shell.is_event_captured()
            && let Event::Keyboard(key) = event
            && let Some(message) = (self.claim)(key)
        {
            shell.publish(message);
            shell.capture_event();
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
