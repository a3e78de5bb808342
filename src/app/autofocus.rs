//! A part of a view that gives the keyboard's focus to one of its fields
//! when asked: the first field of a row just added ("+ Thêm người"), so
//! what the clerk types next lands there, not on the button pressed (a
//! space would press it again).
//!
//! Declared in the view, not run as a task after the update: it holds
//! however the widget tree is built (a view built afresh, the headless
//! tests). The field is focused once per request, on the first event the
//! part sees after it appears (a redraw follows every update), before
//! that event reaches the field; the focus then moves as the clerk moves
//! it. Everything else passes through.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::operation::{self, Operation};
use iced::advanced::widget::tree::{self, Tree};
use iced::advanced::widget::{Id, Widget};
use iced::advanced::{Clipboard, Shell};
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector, mouse};

type Renderer = iced::Renderer;

/// `content`, where the field with id `target` (if any) takes the focus
/// once — every other focusable inside gives it up.
pub fn focus_once<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    target: Option<String>,
) -> Element<'a, M> {
    Element::new(FocusOnce {
        content: content.into(),
        target: target.map(Id::from),
    })
}

struct FocusOnce<'a, M> {
    content: Element<'a, M>,
    target: Option<Id>,
}

/// The request last carried out.
#[derive(Default)]
struct Done(Option<Id>);

impl<M> Widget<M, Theme, Renderer> for FocusOnce<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<Done>()
    }
    fn state(&self) -> tree::State {
        tree::State::new(Done::default())
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
        let done = tree.state.downcast_mut::<Done>();
        if let Some(target) = &self.target
            && done.0.as_ref() != Some(target)
        {
            done.0 = Some(target.clone());
            let mut focus = operation::focusable::focus::<()>(target.clone());
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                &mut focus,
            );
            shell.request_redraw();
        }
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
