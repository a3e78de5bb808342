//! The first screen: new workbook (a short wizard), next year's workbook
//! from last year's file, open a file, recent files, the sample.

use std::path::PathBuf;

use crate::app::button::{self, button};
use iced::widget::{column, container, row, scrollable, text, text_editor, text_input};
use iced::{Element, Length};

use crate::app::{Message as AppMessage, font, strings as s, theme};
use crate::workbook::edit::Edit;
use crate::workbook::{Cluster, School, Workbook};

#[derive(Debug, Default)]
pub struct State {
    wizard: Option<Wizard>,
}

#[derive(Debug)]
struct Wizard {
    name: String,
    number: String,
    year: String,
    schools: text_editor::Content,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    StartWizard,
    Name(String),
    Number(String),
    Year(String),
    Schools(text_editor::Action),
    Create,
    Cancel,
}

/// What the app must do after a welcome message.
pub enum Action {
    None,
    /// Open this new, unsaved workbook.
    Create(Box<Workbook>),
}

pub const ID_NAME: &str = "wizard-name";
pub const ID_NUMBER: &str = "wizard-number";
pub const ID_YEAR: &str = "wizard-year";

impl State {
    pub fn update(&mut self, message: Message) -> Action {
        if let Message::StartWizard = message {
            self.wizard = Some(Wizard {
                name: String::new(),
                number: String::new(),
                year: (jiff::ZonedDateTime::now().year()).to_string(),
                schools: text_editor::Content::new(),
                error: None,
            });
            return Action::None;
        }
        let Some(w) = &mut self.wizard else {
            return Action::None;
        };
        match message {
            Message::StartWizard => {}
            Message::Name(v) => w.name = v,
            Message::Number(v) => w.number = v,
            Message::Year(v) => w.year = v,
            Message::Schools(a) => w.schools.perform(a),
            Message::Cancel => self.wizard = None,
            Message::Create => match build(&w.name, &w.number, &w.year, &w.schools.text()) {
                Ok(wb) => {
                    self.wizard = None;
                    return Action::Create(Box::new(wb));
                }
                Err(e) => w.error = Some(e),
            },
        }
        Action::None
    }

    pub fn view<'a>(&'a self, recent: &'a [PathBuf], scale: f32) -> Element<'a, AppMessage> {
        let body: Element<'a, AppMessage> = match &self.wizard {
            Some(w) => w.view().map(AppMessage::Welcome),
            None => start(recent, scale),
        };
        scrollable(
            container(body)
                .padding(theme::SPACE_L * 2.0)
                .center_x(Length::Fill),
        )
        .height(Length::Fill)
        .into()
    }
}

fn start<'a>(recent: &'a [PathBuf], scale: f32) -> Element<'a, AppMessage> {
    let wide = |label: &'a str, msg: AppMessage, primary: bool| {
        button(text(label))
            .on_press(msg)
            .width(Length::Fill)
            .padding([10, 16])
            .style(if primary {
                button::primary
            } else {
                theme::quiet
            })
    };
    let actions = column![
        wide(
            s::NEW_WORKBOOK,
            AppMessage::Welcome(Message::StartWizard),
            true
        ),
        wide(s::FROM_LAST_YEAR, AppMessage::FromLastYear, false),
        wide(s::OPEN_FILE, AppMessage::Open, false),
        wide(s::OPEN_SAMPLE, AppMessage::OpenSample, false),
    ]
    .spacing(theme::SPACE_S)
    .width(320);

    let mut list = column![text(s::RECENT_FILES).font(font::BOLD)].spacing(theme::SPACE_S);
    if recent.is_empty() {
        list = list.push(text(s::NO_RECENT).color(theme::MUTED));
    }
    for path in recent {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        list = list.push(
            button(column![
                text(name),
                text(folder).size(theme::TEXT_SMALL).color(theme::MUTED)
            ])
            .on_press(AppMessage::OpenPath(path.clone()))
            .width(Length::Fill)
            .style(button::text),
        );
    }
    let recent_card = container(list)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card);

    let scales = [0.9_f32, 1.0, 1.15, 1.3, 1.5].into_iter().fold(
        row![text(s::SCALE).color(theme::MUTED)]
            .spacing(theme::SPACE_S)
            .align_y(iced::Alignment::Center),
        |r, f| {
            let label = format!("{}%", (f * 100.0).round());
            r.push(
                button(text(label).size(theme::TEXT_SMALL))
                    .on_press(AppMessage::Scale(f))
                    .style(if (scale - f).abs() < 0.01 {
                        button::primary
                    } else {
                        button::text
                    }),
            )
        },
    );

    column![
        text(s::WELCOME_TITLE).size(30).font(font::BOLD),
        text(s::WELCOME_SUBTITLE).color(theme::MUTED),
        row![actions, recent_card].spacing(theme::SPACE_L),
        scales,
    ]
    .spacing(theme::SPACE_L)
    .max_width(900)
    .into()
}

impl Wizard {
    fn view(&self) -> Element<'_, Message> {
        let name = text_input(s::CLUSTER_NAME_HINT, &self.name)
            .id(ID_NAME)
            .on_input(Message::Name)
            .padding(8);
        let number = text_input("8", &self.number)
            .id(ID_NUMBER)
            .on_input(Message::Number)
            .padding(8)
            .width(100);
        let year = text_input("2026", &self.year)
            .id(ID_YEAR)
            .on_input(Message::Year)
            .padding(8)
            .width(120);
        let mut form = column![
            text(s::WIZARD_TITLE)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            column![
                text(s::CLUSTER_NAME)
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
                name
            ]
            .spacing(4),
            row![
                column![
                    text(s::CLUSTER_NUMBER)
                        .size(theme::TEXT_SMALL)
                        .color(theme::MUTED),
                    number
                ]
                .spacing(4),
                column![
                    text(s::YEAR).size(theme::TEXT_SMALL).color(theme::MUTED),
                    year
                ]
                .spacing(4),
            ]
            .spacing(theme::SPACE_M),
            text(s::MEMBER_SCHOOLS)
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
            text_editor(&self.schools)
                .on_action(Message::Schools)
                .height(200)
                .padding(8),
        ]
        .spacing(theme::SPACE_M)
        .max_width(640);
        if let Some(e) = &self.error {
            form = form.push(
                container(text(e.clone()))
                    .padding(theme::SPACE_S)
                    .style(theme::error_note),
            );
        }
        form.push(
            row![
                button(s::CREATE)
                    .on_press(Message::Create)
                    .style(button::primary),
                button(s::CANCEL)
                    .on_press(Message::Cancel)
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_M),
        )
        .into()
    }
}

/// "Trường Chính trị tỉnh Đồng Nai" → "Đồng Nai": the usual short name.
pub fn short_name(full: &str) -> String {
    const PREFIXES: [&str; 4] = [
        "Trường Chính trị tỉnh ",
        "Trường Chính trị thành phố ",
        "Trường Chính trị TP ",
        "Trường Chính trị ",
    ];
    let full = full.trim();
    PREFIXES
        .iter()
        .find_map(|p| full.strip_prefix(p))
        .unwrap_or(full)
        .trim()
        .to_string()
}

/// The new workbook from the wizard's fields, or what is wrong with them.
pub fn build(name: &str, number: &str, year: &str, schools: &str) -> Result<Workbook, String> {
    let name = crate::text::nfc(name.trim()).into_owned();
    if name.is_empty() {
        return Err(s::NEED_NAME.to_string());
    }
    let number: u32 = number
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| s::BAD_NUMBER.to_string())?;
    let year: i16 = year
        .trim()
        .parse()
        .ok()
        .filter(|y| crate::limits::YEARS.contains(y))
        .ok_or_else(|| s::BAD_YEAR.to_string())?;
    let mut wb = Workbook::new(
        Cluster {
            name,
            number,
            number_code: format!("CTĐ{number}"),
            ..Cluster::default()
        },
        year,
    );
    for line in schools.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let short = short_name(line);
        let school = School {
            full_name: line.to_string(),
            province: short.clone(),
            short_name: short,
            ..School::default()
        };
        Edit::AddSchool(school)
            .apply(&mut wb)
            .map_err(|e| e.to_string())?;
    }
    Ok(wb)
}
