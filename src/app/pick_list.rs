//! Drop-down lists the keyboard reaches: iced's pick list inside the focus
//! wrapper (`button::focusable_with`), so Tab stops on it and ↑ / ↓ choose
//! the previous / next option without opening it, as in Windows' own
//! drop-downs. Screens import it in place of iced's.

use std::borrow::Borrow;

use iced::{Element, Length, Pixels};

use super::button::{Keys, focusable_with};

/// A list of `options` showing `selected`; choosing sends `on_select`.
pub fn pick_list<'a, T, M>(
    options: Vec<T>,
    selected: Option<impl Borrow<T>>,
    on_select: impl Fn(T) -> M + 'a,
) -> PickList<'a, T, M>
where
    T: ToString + PartialEq + Clone + 'a,
    M: Clone + 'a,
{
    let selected: Option<T> = selected.map(|t| t.borrow().clone());
    let at = selected
        .as_ref()
        .and_then(|s| options.iter().position(|o| o == s));
    let up = match at {
        Some(i) if i > 0 => options.get(i - 1).cloned(),
        _ => None,
    };
    let down = match at {
        Some(i) => options.get(i + 1).cloned(),
        None => options.first().cloned(),
    };
    let keys = Keys {
        press: None,
        up: up.map(&on_select),
        down: down.map(&on_select),
    };
    PickList {
        inner: iced::widget::pick_list(options, selected, on_select),
        keys,
    }
}

pub struct PickList<'a, T: ToString + PartialEq + Clone + 'a, M> {
    inner: iced::widget::PickList<'a, T, Vec<T>, T, M>,
    keys: Keys<M>,
}

impl<'a, T: ToString + PartialEq + Clone + 'a, M: Clone + 'a> PickList<'a, T, M> {
    pub fn text_size(self, size: impl Into<Pixels>) -> Self {
        PickList {
            inner: self.inner.text_size(size),
            ..self
        }
    }

    pub fn width(self, width: impl Into<Length>) -> Self {
        PickList {
            inner: self.inner.width(width),
            ..self
        }
    }

    pub fn placeholder(self, placeholder: impl Into<String>) -> Self {
        PickList {
            inner: self.inner.placeholder(placeholder),
            ..self
        }
    }
}

impl<'a, T: ToString + PartialEq + Clone + 'a, M: Clone + 'a> From<PickList<'a, T, M>>
    for Element<'a, M>
{
    fn from(p: PickList<'a, T, M>) -> Self {
        focusable_with(p.inner, p.keys)
    }
}
