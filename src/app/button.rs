//! Buttons the keyboard reaches. iced 0.14's buttons take no focus, so Tab
//! skipped every button and a clerk without a mouse could not press
//! "Lưu thay đổi". This button is iced's, wrapped in a widget that takes part
//! in focus traversal (Tab / Shift+Tab), draws a focus ring, and presses on
//! Enter or Space while focused. A click anywhere drops the ring, as in the
//! desktop apps clerks know.
//!
//! Screens import it in place of iced's: `use crate::app::button::{self,
//! button};` brings the function and the style functions (`button::primary`).

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::operation::{Focusable, Operation};
use iced::advanced::widget::tree::{self, Tree};
use iced::advanced::{Clipboard, Shell, Widget, overlay};
use iced::{
    Border, Color, Element, Event, Length, Padding, Rectangle, Size, Theme, Vector, keyboard, mouse,
};

pub use iced::widget::button::{Status, Style, danger, primary, secondary, success, text};

type Renderer = iced::Renderer;

/// A button with `content`, pressed by the mouse or, once Tab reached it,
/// by Enter or Space.
pub fn button<'a, M: Clone + 'a>(content: impl Into<Element<'a, M>>) -> Button<'a, M> {
    Button {
        inner: iced::widget::button(content),
        on_press: None,
    }
}

/// The builder: iced's own button and the message the keyboard sends.
pub struct Button<'a, M> {
    inner: iced::widget::Button<'a, M>,
    on_press: Option<M>,
}

impl<'a, M: Clone + 'a> Button<'a, M> {
    pub fn on_press(self, message: M) -> Self {
        self.on_press_maybe(Some(message))
    }

    /// A button without a message is drawn disabled and Tab passes it by.
    pub fn on_press_maybe(self, message: Option<M>) -> Self {
        Button {
            inner: self.inner.on_press_maybe(message.clone()),
            on_press: message,
        }
    }

    pub fn style(self, style: impl Fn(&Theme, Status) -> Style + 'a) -> Self {
        Button {
            inner: self.inner.style(style),
            ..self
        }
    }

    pub fn padding(self, padding: impl Into<Padding>) -> Self {
        Button {
            inner: self.inner.padding(padding),
            ..self
        }
    }

    pub fn width(self, width: impl Into<Length>) -> Self {
        Button {
            inner: self.inner.width(width),
            ..self
        }
    }

    pub fn height(self, height: impl Into<Length>) -> Self {
        Button {
            inner: self.inner.height(height),
            ..self
        }
    }

    pub fn clip(self, clip: bool) -> Self {
        Button {
            inner: self.inner.clip(clip),
            ..self
        }
    }
}

impl<'a, M: Clone + 'a> From<Button<'a, M>> for Element<'a, M> {
    fn from(b: Button<'a, M>) -> Self {
        focusable(b.inner, b.on_press)
    }
}

/// Any control made reachable by Tab: while focused, Enter or Space sends
/// `on_key` (none: Tab passes it by). Checkboxes use it too.
pub fn focusable<'a, M: Clone + 'a>(
    control: impl Into<Element<'a, M>>,
    on_key: Option<M>,
) -> Element<'a, M> {
    focusable_with(
        control,
        Keys {
            press: on_key,
            up: None,
            down: None,
        },
    )
}

/// What a focused control sends for Enter/Space, ↑ and ↓.
pub struct Keys<M> {
    pub press: Option<M>,
    pub up: Option<M>,
    pub down: Option<M>,
}

/// A control reachable by Tab (when it answers any key) that sends `keys`.
pub fn focusable_with<'a, M: Clone + 'a>(
    control: impl Into<Element<'a, M>>,
    keys: Keys<M>,
) -> Element<'a, M> {
    Element::new(Focused {
        inner: control.into(),
        keys,
    })
}

/// Whether Tab has put the focus on this button.
#[derive(Debug, Default)]
struct Focus {
    focused: bool,
}

impl Focusable for Focus {
    fn is_focused(&self) -> bool {
        self.focused
    }
    fn focus(&mut self) {
        self.focused = true;
    }
    fn unfocus(&mut self) {
        self.focused = false;
    }
}

struct Focused<'a, M> {
    inner: Element<'a, M>,
    keys: Keys<M>,
}

impl<M> Keys<M> {
    fn any(&self) -> bool {
        self.press.is_some() || self.up.is_some() || self.down.is_some()
    }

    fn for_key(&self, key: &keyboard::Key) -> Option<&M> {
        use keyboard::key::Named;
        match key {
            keyboard::Key::Named(Named::Enter | Named::Space) => self.press.as_ref(),
            keyboard::Key::Named(Named::ArrowUp) => self.up.as_ref(),
            keyboard::Key::Named(Named::ArrowDown) => self.down.as_ref(),
            _ => None,
        }
    }
}

impl<M: Clone> Widget<M, Theme, Renderer> for Focused<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<Focus>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(Focus::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.inner)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.inner));
    }

    fn size(&self) -> Size<Length> {
        self.inner.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.inner
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
        if self.keys.any() {
            operation.focusable(None, layout.bounds(), tree.state.downcast_mut::<Focus>());
        } else {
            // A button that became disabled under the focus lets it go.
            tree.state.downcast_mut::<Focus>().focused = false;
        }
        self.inner
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
        let focus = tree.state.downcast_mut::<Focus>();
        if let Event::Mouse(mouse::Event::ButtonPressed(_)) = event
            && focus.focused
        {
            focus.focused = false;
            shell.request_redraw();
        }
        if focus.focused
            && let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event
            && modifiers.is_empty()
            && let Some(message) = self.keys.for_key(key)
        {
            shell.publish(message.clone());
            shell.capture_event();
            return;
        }
        self.inner.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.inner.as_widget().mouse_interaction(
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
        let bounds = layout.bounds();
        let Some(visible) = bounds.intersection(viewport) else {
            return; // scrolled out of sight
        };
        let focused = tree.state.downcast_ref::<Focus>().focused;
        let draw = |renderer: &mut Renderer| {
            self.inner.as_widget().draw(
                &tree.children[0],
                renderer,
                theme,
                style,
                layout,
                cursor,
                viewport,
            );
            if focused {
                // The ring sits on the button's edge, inside its bounds, so
                // a scrollable or a row around it never clips it away; drawn
                // in the same layer as the button, after it (a ring in the
                // layer outside was painted over by the button's own).
                renderer::Renderer::fill_quad(
                    renderer,
                    Quad {
                        bounds,
                        border: Border {
                            color: focus_color(theme),
                            width: RING_WIDTH,
                            radius: 4.0.into(),
                        },
                        ..Quad::default()
                    },
                    Color::TRANSPARENT,
                );
                // A white line just inside it: on a red or a dark button,
                // where the orange ring has too little contrast, the white
                // one has enough (≥ 3:1, as WCAG asks of focus indicators);
                // on a light button the orange ring does.
                renderer::Renderer::fill_quad(
                    renderer,
                    Quad {
                        bounds: Rectangle {
                            x: bounds.x + RING_WIDTH,
                            y: bounds.y + RING_WIDTH,
                            width: (bounds.width - 2.0 * RING_WIDTH).max(0.0),
                            height: (bounds.height - 2.0 * RING_WIDTH).max(0.0),
                        },
                        border: Border {
                            color: Color::WHITE,
                            width: INNER_RING_WIDTH,
                            radius: 2.0.into(),
                        },
                        ..Quad::default()
                    },
                    Color::TRANSPARENT,
                );
            }
        };
        // Rounding makes a whole button's intersection differ by a hair.
        let whole = visible.width >= bounds.width - 0.5 && visible.height >= bounds.height - 0.5;
        if whole {
            draw(renderer);
        } else {
            // Half scrolled out: iced 0.14's tiny-skia text pipeline does not
            // clip raw text (a pick list's label) to the viewport it is given,
            // so the label was drawn over the view's title and stayed there.
            // A layer clips everything drawn inside it.
            iced::advanced::Renderer::with_layer(renderer, visible, draw);
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
        self.inner.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

/// The focus ring's width, in logical pixels.
const RING_WIDTH: f32 = 2.5;
/// The white line inside the ring.
const INNER_RING_WIDTH: f32 = 1.5;

/// A ring that shows on a primary (blue) button as well as on a plain one:
/// the theme's warning tone, darkened.
fn focus_color(theme: &Theme) -> Color {
    let w = theme.extended_palette().warning.strong.color;
    Color::from_rgb(w.r * 0.85, w.g * 0.6, w.b * 0.3)
}
