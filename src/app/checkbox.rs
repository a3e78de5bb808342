//! Checkboxes the keyboard reaches: iced's checkbox inside the same focus
//! wrapper as the buttons (`button::focusable`), so Tab stops on it and
//! Space or Enter ticks or unticks it. Screens import it in place of
//! iced's.

use iced::Element;
use iced::widget::text;

use super::button::focusable;

/// A checkbox shown `checked`.
pub fn checkbox<'a, M: Clone + 'a>(checked: bool) -> Checkbox<'a, M> {
    Checkbox {
        inner: iced::widget::checkbox(checked),
        checked,
        on_key: None,
    }
}

pub struct Checkbox<'a, M> {
    inner: iced::widget::Checkbox<'a, M>,
    checked: bool,
    /// What the keyboard sends: the toggle's message for the other state.
    on_key: Option<M>,
}

impl<'a, M: Clone + 'a> Checkbox<'a, M> {
    pub fn label(self, label: impl text::IntoFragment<'a>) -> Self {
        Checkbox {
            inner: self.inner.label(label),
            ..self
        }
    }

    pub fn on_toggle(self, f: impl Fn(bool) -> M + 'a) -> Self {
        self.on_toggle_maybe(Some(f))
    }

    /// Without a message the box is drawn disabled and Tab passes it by.
    pub fn on_toggle_maybe(self, f: Option<impl Fn(bool) -> M + 'a>) -> Self {
        let on_key = f.as_ref().map(|f| f(!self.checked));
        Checkbox {
            inner: self.inner.on_toggle_maybe(f),
            on_key,
            ..self
        }
    }

    pub fn size(self, size: impl Into<iced::Pixels>) -> Self {
        Checkbox {
            inner: self.inner.size(size),
            ..self
        }
    }

    pub fn text_size(self, size: impl Into<iced::Pixels>) -> Self {
        Checkbox {
            inner: self.inner.text_size(size),
            ..self
        }
    }
}

impl<'a, M: Clone + 'a> From<Checkbox<'a, M>> for Element<'a, M> {
    fn from(c: Checkbox<'a, M>) -> Self {
        focusable(c.inner, c.on_key)
    }
}
