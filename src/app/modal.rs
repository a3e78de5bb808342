//! Dialogs over the current screen: the close guard, "file changed on
//! disk", "restore the recovery copy?", whose machine this is, and the path
//! field used where no native file dialog exists.

use std::path::PathBuf;

use crate::app::button::{self, button};
use iced::widget::{center, column, container, mouse_area, opaque, row, stack, text, text_input};
use iced::{Element, Length};

use super::dialog::Purpose;
use super::{Message, font, strings as s, theme};
use crate::workbook::Owner;

/// What would be lost: changes not saved to the file, and forms with
/// typing not yet in the workbook (named by their view).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsaved {
    pub dirty: bool,
    pub forms: Vec<&'static str>,
}

impl Unsaved {
    pub fn any(&self) -> bool {
        self.dirty || !self.forms.is_empty()
    }

    /// The dialog's text: the file's changes, then the open forms.
    fn body(&self, file_text: &str) -> String {
        let mut body = if self.dirty {
            file_text.to_string()
        } else {
            String::new()
        };
        if !self.forms.is_empty() {
            if !body.is_empty() {
                body.push(' ');
            }
            body.push_str(&s::open_forms_body(&self.forms));
        }
        body
    }

    /// Save is offered only when there is something to save; typing in an
    /// open form is not saved by it (the form's own Save does that).
    fn buttons<'a>(&self) -> Vec<(&'a str, Choice, ButtonStyle)> {
        let mut b: Vec<(&'a str, Choice, ButtonStyle)> = Vec::new();
        if self.dirty {
            b.push((s::SAVE, Choice::Save, button::primary));
            b.push((s::DONT_SAVE, Choice::DontSave, button::danger));
        } else {
            b.push((s::GO_BACK, Choice::Cancel, button::primary));
            b.push((s::DROP_TYPING, Choice::DontSave, button::danger));
        }
        if self.dirty {
            b.push((s::CANCEL, Choice::Cancel, theme::quiet));
        }
        b
    }
}

#[derive(Debug, Clone)]
pub enum Modal {
    /// Unsaved changes (or typing) and the window is asked to close.
    CloseGuard(iced::window::Id, Unsaved),
    /// Unsaved changes (or typing) and another workbook is about to
    /// replace this one.
    Discard(Box<Message>, Unsaved),
    /// The file changed on disk since it was opened; save anyway?
    ChangedOnDisk,
    /// A recovery copy from a crashed window: the file it came from (full
    /// path), when written, and whose copy it is when a school's.
    Recovery {
        file: String,
        written: String,
        school: Option<String>,
    },
    /// A notice's whole text (the status bar shows one line of it).
    Details(String),
    /// "Bỏ bản khôi phục" asks once more; Cancel goes back to the question.
    DiscardRecovery(Box<Modal>),
    /// No native file dialog: type the path.
    Path { purpose: Purpose, value: String },
    /// Whose machine this is: the cluster's office or one of these member
    /// schools (id, full name), in the workbook's order.
    Machine { schools: Vec<(Owner, String)> },
    /// The file to open is held by another window or command (`crashed`:
    /// its holder, on another machine, may be gone): open it read-only, or
    /// (crashed) take it over.
    Held {
        path: PathBuf,
        message: String,
        crashed: bool,
        /// "máy … (người dùng …)".
        who: String,
    },
    /// The folder to save in does not exist: create it?
    CreateFolder(PathBuf),
    /// The folder to export the documents into does not exist: create it,
    /// then export there?
    CreateExportFolder(crate::app::screen::documents::Target, PathBuf),
    /// Copies for the schools (or the final copy) asked for with changes
    /// not saved in the master: save first, then send, or cancel. A copy
    /// never carries what the master on disk does not have.
    SaveThenSend(Box<Message>),
}

pub const ID_PATH: &str = "path-input";

/// Messages of the dialogs, handled by the app.
#[derive(Debug, Clone)]
pub enum Choice {
    Save,
    DontSave,
    Cancel,
    Overwrite,
    SaveAs,
    Restore,
    DiscardRecovery,
    PathChanged(String),
    PathSubmit,
    /// This machine belongs to …
    Machine(Owner),
    /// Open the held file to look at only.
    OpenReadOnly,
    /// Take over a lock another machine left, and open.
    TakeOver,
    /// Create the missing folder, then save.
    CreateFolder,
}

type ButtonStyle = fn(&iced::Theme, button::Status) -> button::Style;

fn dialog<'a>(
    title: &'a str,
    body: String,
    buttons: Vec<(&'a str, Choice, ButtonStyle)>,
    keys: &'a str,
) -> Element<'a, Message> {
    let buttons = buttons.into_iter().fold(
        row![].spacing(theme::SPACE_M),
        |r, (label, choice, style)| {
            r.push(button(label).on_press(Message::Modal(choice)).style(style))
        },
    );
    column![
        text(title).size(theme::TEXT_HEADING).font(font::BOLD),
        // A long list (refused files, problems) scrolls inside the dialog.
        container(iced::widget::scrollable(text(body))).max_height(420.0),
        buttons,
        text(keys).size(theme::TEXT_SMALL).color(theme::MUTED),
    ]
    .spacing(theme::SPACE_M)
    .into()
}

impl Modal {
    pub fn view(&self) -> Element<'_, Message> {
        let content: Element<'_, Message> = match self {
            Modal::CloseGuard(_, u) => dialog(
                s::CLOSE_TITLE,
                u.body(s::CLOSE_BODY),
                u.buttons(),
                s::DIALOG_KEYS,
            ),
            Modal::Discard(_, u) => dialog(
                s::DISCARD_TITLE,
                u.body(s::DISCARD_BODY),
                u.buttons(),
                s::DIALOG_KEYS,
            ),
            Modal::ChangedOnDisk => dialog(
                s::CHANGED_TITLE,
                s::CHANGED_BODY.into(),
                vec![
                    (s::OVERWRITE, Choice::Overwrite, button::danger),
                    (s::SAVE_AS, Choice::SaveAs, button::primary),
                    (s::CANCEL, Choice::Cancel, theme::quiet),
                ],
                s::DIALOG_KEYS,
            ),
            Modal::Details(t) => dialog(
                s::DETAILS_TITLE,
                t.clone(),
                vec![(s::OK, Choice::Cancel, button::primary)],
                s::DIALOG_KEYS,
            ),
            Modal::DiscardRecovery(_) => dialog(
                s::DISCARD_RECOVERY_TITLE,
                s::DISCARD_RECOVERY_BODY.into(),
                vec![
                    (s::CANCEL, Choice::Cancel, button::primary),
                    (
                        s::DISCARD_RECOVERY_CONFIRM,
                        Choice::DiscardRecovery,
                        button::danger,
                    ),
                ],
                s::DIALOG_KEYS,
            ),
            Modal::Recovery {
                file,
                written,
                school,
            } => dialog(
                s::RECOVERY_TITLE,
                s::recovery_body(file, written, school.as_deref()),
                vec![
                    (s::RECOVERY_RESTORE, Choice::Restore, button::primary),
                    (s::RECOVERY_DISCARD, Choice::DiscardRecovery, theme::quiet),
                ],
                s::RECOVERY_KEYS,
            ),
            Modal::Held {
                message, crashed, ..
            } => {
                let mut buttons: Vec<(&str, Choice, ButtonStyle)> = Vec::new();
                if *crashed {
                    buttons.push((s::HELD_TAKE_OVER, Choice::TakeOver, button::danger));
                }
                buttons.push((s::HELD_READ_ONLY, Choice::OpenReadOnly, button::primary));
                buttons.push((s::CANCEL, Choice::Cancel, theme::quiet));
                dialog(
                    if *crashed {
                        s::HELD_CRASHED_TITLE
                    } else {
                        s::HELD_TITLE
                    },
                    message.clone(),
                    buttons,
                    s::DIALOG_KEYS,
                )
            }
            Modal::SaveThenSend(_) => dialog(
                s::SAVE_THEN_SEND_TITLE,
                s::SAVE_THEN_SEND_BODY.into(),
                vec![
                    (s::SAVE_THEN_SEND, Choice::Save, button::primary),
                    (s::CANCEL, Choice::Cancel, theme::quiet),
                ],
                s::DIALOG_KEYS,
            ),
            Modal::CreateExportFolder(_, dir) => dialog(
                s::CREATE_FOLDER_TITLE,
                s::create_export_folder_body(dir),
                vec![
                    (
                        s::CREATE_FOLDER_EXPORT,
                        Choice::CreateFolder,
                        button::primary,
                    ),
                    (s::CANCEL, Choice::Cancel, theme::quiet),
                ],
                s::DIALOG_KEYS,
            ),
            Modal::CreateFolder(path) => dialog(
                s::CREATE_FOLDER_TITLE,
                s::create_folder_body(path.parent().unwrap_or(path)),
                vec![
                    (s::CREATE_FOLDER, Choice::CreateFolder, button::primary),
                    (s::CANCEL, Choice::Cancel, theme::quiet),
                ],
                s::DIALOG_KEYS,
            ),
            Modal::Machine { schools } => {
                let choice = |label: String, owner: Owner| {
                    button(text(label))
                        .on_press(Message::Modal(Choice::Machine(owner)))
                        .width(Length::Fill)
                        .style(theme::quiet)
                };
                let mut list = column![choice(s::MACHINE_CLUSTER.into(), Owner::Cluster)]
                    .spacing(theme::SPACE_S);
                for (owner, name) in schools {
                    list = list.push(choice(name.clone(), owner.clone()));
                }
                column![
                    text(s::MACHINE_TITLE)
                        .size(theme::TEXT_HEADING)
                        .font(font::BOLD),
                    text(s::MACHINE_BODY),
                    iced::widget::scrollable(list).height(Length::Shrink),
                    button(s::MACHINE_LATER)
                        .on_press(Message::Modal(Choice::Cancel))
                        .style(theme::quiet),
                ]
                .spacing(theme::SPACE_M)
                .into()
            }
            Modal::Path { value, purpose } => column![
                text(s::PATH_TITLE)
                    .size(theme::TEXT_HEADING)
                    .font(font::BOLD),
                text(if *purpose == crate::app::dialog::Purpose::Returns {
                    s::PATH_NO_DIALOG_RETURNS
                } else {
                    s::PATH_NO_DIALOG
                }),
                text_input(s::PATH_HINT, value)
                    .id(ID_PATH)
                    .on_input(|v| Message::Modal(Choice::PathChanged(v)))
                    .on_submit(Message::Modal(Choice::PathSubmit))
                    .padding(8),
                row![
                    button(s::OK)
                        .on_press(Message::Modal(Choice::PathSubmit))
                        .style(button::primary),
                    button(s::CANCEL)
                        .on_press(Message::Modal(Choice::Cancel))
                        .style(theme::quiet),
                ]
                .spacing(theme::SPACE_M)
            ]
            .spacing(theme::SPACE_M)
            .into(),
        };
        container(content)
            .padding(theme::SPACE_L)
            .max_width(560)
            .style(theme::card)
            .into()
    }

    /// What Enter (`enter`) or Esc chooses: the default button, or the
    /// way out that changes nothing. None where a key must not decide (a
    /// recovery copy is never thrown away by Esc).
    pub fn key_choice(&self, enter: bool) -> Option<Choice> {
        match (self, enter) {
            (Modal::CloseGuard(_, u) | Modal::Discard(_, u), true) => Some(if u.dirty {
                Choice::Save
            } else {
                // Enter never drops typing: it goes back to the form.
                Choice::Cancel
            }),
            (Modal::ChangedOnDisk, true) => Some(Choice::SaveAs),
            (Modal::Recovery { .. }, true) => Some(Choice::Restore),
            (Modal::Recovery { .. }, false) => None,
            (Modal::DiscardRecovery(_), true) => Some(Choice::Cancel),
            (Modal::Details(_), true) => Some(Choice::Cancel),
            (Modal::Path { .. }, true) => Some(Choice::PathSubmit),
            (Modal::Machine { .. }, true) => None,
            (Modal::Held { .. }, true) => Some(Choice::OpenReadOnly),
            (Modal::CreateFolder(_) | Modal::CreateExportFolder(..), true) => {
                Some(Choice::CreateFolder)
            }
            (Modal::SaveThenSend(_), true) => Some(Choice::Save),
            (_, false) => Some(Choice::Cancel),
        }
    }

    /// The typed path, once submitted.
    pub fn typed_path(&self) -> Option<(Purpose, PathBuf)> {
        match self {
            Modal::Path { purpose, value } if !value.trim().is_empty() => {
                let v = value.trim().trim_matches('"');
                Some((*purpose, PathBuf::from(v)))
            }
            _ => None,
        }
    }
}

/// `base` with `modal` on top, the rest dimmed and not clickable.
pub fn over<'a>(base: Element<'a, Message>, modal: Element<'a, Message>) -> Element<'a, Message> {
    stack![
        super::focus::inert(base),
        opaque(mouse_area(
            center(opaque(modal))
                .style(theme::backdrop)
                .width(Length::Fill)
                .height(Length::Fill)
        ))
    ]
    .width(Length::Fill)
    .height(Length::Fill)
    .into()
}
