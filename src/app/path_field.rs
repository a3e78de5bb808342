//! The typed-path field shown in place of a native file dialog on machines
//! that have none (see `dialog`), inline in a screen.

use crate::app::button::{self, button};
use iced::widget::{column, container, row, text, text_input};
use iced::{Element, Length};

use super::{strings as s, theme};

/// "No dialog here: type the full path" with a field, OK and Cancel.
pub fn path_field<'a, M: Clone + 'a>(
    prompt: &'a str,
    placeholder: &'a str,
    value: &'a str,
    id: &'static str,
    on_input: impl Fn(String) -> M + 'a,
    submit: M,
    cancel: M,
) -> Element<'a, M> {
    container(
        column![
            text(prompt),
            row![
                text_input(placeholder, value)
                    .id(id)
                    .on_input(on_input)
                    .on_submit(submit.clone())
                    .padding(6),
                button(text(s::OK)).on_press(submit).style(button::primary),
                button(text(s::CANCEL)).on_press(cancel).style(theme::quiet),
            ]
            .spacing(theme::SPACE_S),
        ]
        .spacing(theme::SPACE_S),
    )
    .padding(theme::SPACE_M)
    .width(Length::Fill)
    .style(theme::note)
    .into()
}
