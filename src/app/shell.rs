//! What the window shows: the workbook's shell (sidebar, toolbar, notices,
//! the current view), the other screens and the dialog on top.

use super::*;
use crate::app::button::{self, button};
use iced::widget::{column, container, row, scrollable, space, text};

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        let base: Element<'_, Message> = match (&self.screen, &self.doc) {
            (Screen::Workbook, Some(doc)) => self.shell(doc),
            (Screen::Error(e), _) => e.view(),
            _ => self
                .views
                .welcome
                .view(&self.settings.settings.recent, self.scale()),
        };
        let base = match &self.notice {
            Some(n) if !matches!(self.screen, Screen::Workbook) => {
                column![notice_bar(n), base].into()
            }
            _ => base,
        };
        let grid_takes_tab = self.views.current == View::Scoring
            && self.views.merge.is_empty()
            && self.modal.is_none();
        let shown = match &self.modal {
            Some(m) => modal::over(base, m.view()),
            None => base,
        };
        // The grid moves between its cells on Tab itself.
        super::focus::tab_order(shown, grid_takes_tab.then_some(scoring::GRID_ID))
    }

    pub(super) fn shell<'a>(&'a self, doc: &'a Document) -> Element<'a, Message> {
        let wb = &doc.workbook;
        let Some(results) = self.results.as_deref() else {
            return text("…").into(); // worked out with every change
        };
        // The file's name sits here, where it has room: in the toolbar it
        // was cut ("cum8-2…") or wrapped and pushed the toolbar down.
        let file = doc.file_name().unwrap_or_else(|| s::UNTITLED.to_string());
        let file = if doc.dirty {
            format!("{} {file}", s::UNSAVED_MARK)
        } else {
            file
        };
        let mut nav = column![
            text(&wb.cluster.name).font(font::BOLD),
            text(format!("{} {}", s::YEAR, wb.year))
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
            text(file)
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED)
                .wrapping(iced::widget::text::Wrapping::WordOrGlyph),
            space::vertical().height(theme::SPACE_M),
        ]
        .spacing(theme::SPACE_S);
        // A short window packs the entries closer; below that the list
        // scrolls, and "Đóng sổ" stays in sight under it.
        let short = self.window_size().height < SHORT_WINDOW;
        let mut views = column![].spacing(if short { 2.0 } else { theme::SPACE_S });
        for v in View::ALL {
            views = views.push(
                button(text(v.label()).size(theme::TEXT_NAV))
                    .on_press(Message::Navigate(v))
                    .width(Length::Fill)
                    .padding(if short { [5, 8] } else { [8, 8] })
                    .style(theme::nav(
                        v == self.views.current && self.views.merge.is_empty(),
                    )),
            );
        }
        nav = nav.push(scrollable(views).height(Length::Fill)).push(
            button(text(s::CLOSE_FILE).size(theme::TEXT_SMALL))
                .on_press(Message::Home)
                .style(button::text),
        );
        let sidebar = container(nav.padding([theme::SPACE_M, theme::SPACE_S]))
            .width(theme::SIDEBAR_W)
            .height(Length::Fill)
            .style(theme::sidebar);

        let tool = |label: &'a str, msg: Option<Message>| {
            button(text(label).size(theme::TEXT_SMALL))
                .on_press_maybe(msg)
                .padding([6, 10])
                .style(theme::quiet)
        };
        let toolbar = row![
            tool(s::NEW, Some(Message::New)),
            tool(s::OPEN, Some(Message::Open)),
            tool(s::SAVE, Some(Message::Save)),
            tool(s::SAVE_AS, Some(Message::SaveAs)),
            space::horizontal().width(theme::SPACE_M),
            tool(
                s::IMPORT_RETURNS,
                (!self.is_school_machine()).then_some(Message::ImportReturns)
            ),
            space::horizontal().width(theme::SPACE_M),
            tool(s::UNDO, doc.can_undo().then_some(Message::Undo)),
            tool(s::REDO, doc.can_redo().then_some(Message::Redo)),
            space::horizontal(),
            button(text(s::machine_label(&self.machine_label())).size(theme::TEXT_SMALL))
                .on_press(Message::ChooseMachine)
                .padding([6, 10])
                .style(button::text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center);

        let mut main = column![toolbar].spacing(theme::SPACE_M);
        if let Some(school) = self.viewing_copy() {
            main = main.push(
                container(
                    row![
                        text(s::copy_on_cluster_machine(&wb.school_full_name(&school)))
                            .width(Length::Fill),
                        button(text(s::MERGE_COPY))
                            .on_press_maybe(doc.path.is_some().then_some(Message::MergeCopy))
                            .style(button::primary),
                    ]
                    .spacing(theme::SPACE_M)
                    .align_y(iced::Alignment::Center),
                )
                .padding([8, 12])
                .width(Length::Fill)
                .style(theme::note),
            );
        }
        // A member school's machine: say once, on every view, what it may
        // change (the rest is refused with a notice if tried).
        if let Owner::School(me) = self.machine()
            && self.views.current != View::Scoring
            && self.viewing_copy().is_none()
        {
            main = main.push(
                text(s::school_machine_scope(&wb.school_name(&me)))
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
            );
        }
        if self.show_problems && (!doc.problems.is_empty() || doc.reformatted) {
            main = main.push(problems(doc));
        }
        let content: Element<'a, Message> = match self.views.current {
            _ if !self.views.merge.is_empty() => self.views.merge.view().map(Message::MergeReview),
            View::Members => self.views.members.view(wb).map(Message::Members),
            View::Activities => self.views.activities.view(wb).map(Message::Activities),
            View::Scoring => self.views.scoring.view(wb).map(Message::Scoring),
            View::Awards => self.views.awards.view(wb, results).map(Message::Awards),
            View::YearEnd => self.views.year_end.view(wb).map(Message::YearEnd),
            View::Documents => self
                .views
                .documents
                .view(wb, results)
                .map(Message::Documents),
            View::History => self.views.history.view(wb, results).map(Message::History),
            View::Criteria => self.views.criteria.view(wb).map(Message::Criteria),
            View::Rules => self.views.rules.view(wb).map(Message::Rules),
            View::Returns => returns::view(
                wb,
                returns::Actions {
                    import: Message::ImportReturns,
                    mail_out: Message::MailOut,
                    final_copy: Message::FinalCopy,
                    decide: Message::DecideOpen,
                    reissue: Message::Reissue,
                    restore: Message::RestoreDeleted,
                },
            ),
        };
        // Notices go to a status bar of fixed height at the foot: a bar
        // appearing above the view pushed every row down under the pointer.
        main = main.push(container(content).height(Length::Fill));
        main = main.push(status_bar(self.notice.as_ref()));
        row![
            sidebar,
            // A short window (a laptop at 125 %, the minimum size) keeps
            // its height for the work, not the margins.
            container(main)
                .padding(if self.window_size().height < SHORT_WINDOW {
                    theme::SPACE_M
                } else {
                    theme::SPACE_L
                })
                .width(Length::Fill)
                .height(Length::Fill)
        ]
        .into()
    }
}

/// The status bar: one line, always there; a longer notice is cut there and
/// shown whole with "Chi tiết…".
pub(super) fn status_bar(n: Option<&Notice>) -> Element<'_, Message> {
    let Some(n) = n else {
        return container(space::horizontal())
            .height(STATUS_H)
            .width(Length::Fill)
            .into();
    };
    let (t, style) = (n.text(), notice_style(n));
    let first = t.lines().next().unwrap_or_default();
    let long = t.lines().nth(1).is_some() || first.chars().count() > STATUS_CHARS;
    let shown: String = if first.chars().count() > STATUS_CHARS {
        first.chars().take(STATUS_CHARS).collect::<String>() + "…"
    } else {
        first.to_string()
    };
    let small = |label: &'static str, m: Message| {
        button(text(label).size(theme::TEXT_SMALL))
            .on_press(m)
            .padding([2, 8])
    };
    container(
        row![
            text(shown)
                .size(theme::TEXT_SMALL)
                .wrapping(iced::widget::text::Wrapping::None)
                .width(Length::Fill),
            long.then(|| small(s::DETAILS, Message::NoticeDetails).style(theme::quiet)),
            matches!(n, Notice::ChangedOnDisk(_))
                .then(|| small(s::RELOAD, Message::Reload).style(button::primary)),
            matches!(n, Notice::OtherRecovery(_)).then(|| small(
                s::OPEN_OTHER_RECOVERY,
                Message::OpenOtherRecovery
            )
            .style(button::primary)),
            small("×", Message::DismissNotice).style(button::text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center),
    )
    .clip(true)
    .padding([0, 12])
    .height(STATUS_H)
    .width(Length::Fill)
    .align_y(iced::Alignment::Center)
    .style(style)
    .into()
}

/// Below this height (logical) the margins around a view shrink.
const SHORT_WINDOW: f32 = 640.0;

/// The status bar's height and how much of a notice it shows.
const STATUS_H: f32 = 30.0;
const STATUS_CHARS: usize = 130;

/// A passing remark in the note style; errors (and "changed on disk") in
/// the error style.
fn notice_style(n: &Notice) -> fn(&Theme) -> container::Style {
    match n {
        Notice::Info(_) | Notice::OtherRecovery(_) => theme::note,
        Notice::Error(_) | Notice::ChangedOnDisk(_) => theme::error_note,
    }
}

/// A notice above a screen without a workbook (welcome, error): whole, as
/// such screens have room; "changed on disk" needs an open file, so it is
/// only ever in the status bar.
pub(super) fn notice_bar(n: &Notice) -> Element<'_, Message> {
    container(
        row![
            text(n.text()).width(Length::Fill),
            button(text("×"))
                .on_press(Message::DismissNotice)
                .style(button::text)
        ]
        .align_y(iced::Alignment::Center),
    )
    .padding([4, 12])
    .width(Length::Fill)
    .style(notice_style(n))
    .into()
}

pub(super) fn problems(doc: &Document) -> Element<'_, Message> {
    let mut list = column![
        row![
            text(s::PROBLEMS_TITLE).font(font::BOLD).width(Length::Fill),
            button(text(s::HIDE).size(theme::TEXT_SMALL))
                .on_press(Message::HideProblems)
                .style(button::text),
        ]
        .align_y(iced::Alignment::Center)
    ]
    .spacing(4);
    if doc.reformatted {
        list = list.push(text(s::REFORMATTED).size(theme::TEXT_SMALL));
    }
    for p in &doc.problems {
        list = list.push(text(format!("• {p}")).size(theme::TEXT_SMALL));
    }
    container(scrollable(list).height(Length::Shrink))
        .padding(theme::SPACE_M)
        .max_height(160)
        .width(Length::Fill)
        .style(theme::note)
        .into()
}
