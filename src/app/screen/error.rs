//! The screen shown when a file cannot be opened: what went wrong, what to
//! do, and the ways out. Never an empty workbook in its place.

use std::path::PathBuf;

use crate::app::button::{self, button};
use iced::widget::{column, container, row, text};
use iced::{Element, Length};

use crate::app::{Message, font, strings as s, theme};
use crate::workbook::LoadError;
use crate::workbook::file::backup_path;

#[derive(Debug, Clone)]
pub struct State {
    pub path: PathBuf,
    pub error: LoadError,
    /// The ".bak" beside the file, when there is one (and it is not the
    /// file that just failed).
    pub backup: Option<PathBuf>,
}

impl State {
    pub fn new(path: PathBuf, error: LoadError) -> State {
        let bak = backup_path(&path);
        let is_bak = path.extension().is_some_and(|e| e == "bak");
        let backup = (!is_bak && bak.is_file()).then_some(bak);
        State {
            path,
            error,
            backup,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut actions = row![
            button(s::OPEN_OTHER)
                .on_press(Message::Open)
                .style(button::primary)
        ]
        .spacing(theme::SPACE_M);
        if let Some(bak) = &self.backup {
            actions = actions.push(
                button(s::OPEN_BACKUP)
                    .on_press(Message::OpenPath(bak.clone()))
                    .style(theme::quiet),
            );
        }
        actions = actions.push(
            button(s::BACK_HOME)
                .on_press(Message::Home)
                .style(theme::quiet),
        );
        let body = column![
            text(s::ERROR_TITLE)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            text(s::file_label(&self.path)).color(theme::MUTED),
            container(text(self.error.to_string()))
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::error_note),
            text(s::WHAT_TO_DO).font(font::BOLD),
            text(self.error.advice()),
            actions,
        ]
        .spacing(theme::SPACE_M)
        .max_width(720);
        container(body)
            .padding(theme::SPACE_L * 2.0)
            .center_x(Length::Fill)
            .into()
    }
}
