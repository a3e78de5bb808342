//! Small pieces the screens' forms share, so every form looks and reads the
//! same: the Save/Cancel row, the Remove/Cancel confirmation, the error box.

use crate::app::button::{self, button};
use iced::widget::{Container, Row, container, row, text};
use iced::{Element, Length};

use super::{strings as s, theme};

/// "Lưu thay đổi" (primary) beside "Hủy".
pub fn save_cancel<'a, M: Clone + 'a>(save: M, cancel: M) -> Row<'a, M> {
    row![
        button(s::SAVE_CHANGES)
            .on_press(save)
            .style(button::primary),
        button(s::CANCEL).on_press(cancel).style(theme::quiet),
    ]
    .spacing(theme::SPACE_M)
}

/// "Xóa" (danger) beside "Hủy", under a removal's explanation; Enter
/// confirms and Esc cancels, as in a dialog (the keys say so beside).
pub fn remove_cancel<'a, M: Clone + 'a>(confirm: M, cancel: M) -> Element<'a, M> {
    super::key_layer::confirm_keys(
        row![
            button(s::REMOVE)
                .on_press(confirm.clone())
                .style(button::danger),
            button(s::CANCEL)
                .on_press(cancel.clone())
                .style(theme::quiet),
            text(s::CONFIRM_KEYS)
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
        ]
        .spacing(theme::SPACE_M)
        .align_y(iced::Alignment::Center),
        confirm,
        cancel,
    )
}

/// A form in a card: its fields scroll (id `scroll_id`), while the error
/// (if any) and Save/Cancel stay in sight at the foot, whatever the
/// window's height.
pub fn form_card<'a, M: Clone + 'a>(
    fields: impl Into<Element<'a, M>>,
    scroll_id: &'static str,
    error: Option<&str>,
    save: M,
    cancel: M,
) -> Element<'a, M> {
    let mut footer = iced::widget::column![].spacing(theme::SPACE_S);
    if let Some(e) = error {
        footer = footer.push(error_box(e));
    }
    footer = footer.push(save_cancel(save, cancel));
    container(iced::widget::column![
        iced::widget::scrollable(container(fields).padding(theme::SPACE_M))
            .id(scroll_id)
            .height(Length::Fill),
        container(footer).padding(theme::SPACE_M),
    ])
    .style(theme::card)
    .height(Length::Fill)
    .into()
}

/// Why a form was refused, in the error style.
pub fn error_box<'a, M: 'a>(message: &str) -> Container<'a, M> {
    container(text(message.to_string()))
        .padding(theme::SPACE_S)
        .width(Length::Fill)
        .style(theme::error_note)
}

/// Small muted text: hints and secondary lines.
pub fn small<'a>(t: impl iced::widget::text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(t).size(theme::TEXT_SMALL).color(theme::MUTED)
}

/// A full-width card holding one part of a view.
pub fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// A full-width note card (confirmations, explanations).
pub fn note_card<'a, M: 'a>(body: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(body)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::note)
        .into()
}
