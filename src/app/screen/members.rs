//! Thành viên: the member schools, sorted the Vietnamese way; add, edit,
//! remove (explaining what else goes), set leader and deputies.

use crate::app::button::{self, button};
use crate::app::field::limited;
use iced::widget::{column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use crate::app::{font, strings as s, theme, widget};
use crate::text::compare_vi;
use crate::workbook::edit::{Edit, References, references};
use crate::workbook::{Id, School, Workbook};

/// UI state only: the school being edited and a pending removal.
#[derive(Debug, Clone, Default)]
pub struct State {
    draft: Option<Draft>,
    removing: Option<(Id, References)>,
    /// A member school's machine: the list is shown without edit buttons.
    read_only: bool,
}

#[derive(Debug, Clone)]
struct Draft {
    is_new: bool,
    school: School,
    error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FullName,
    ShortName,
    Province,
    Address,
    HeadName,
    HeadTitle,
    OfficerName,
    OfficerPhone,
    OfficerEmail,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::FullName,
        Field::ShortName,
        Field::Province,
        Field::Address,
        Field::HeadName,
        Field::HeadTitle,
        Field::OfficerName,
        Field::OfficerPhone,
        Field::OfficerEmail,
    ];

    fn label(self) -> &'static str {
        match self {
            Field::FullName => s::FULL_NAME,
            Field::ShortName => s::SHORT_NAME,
            Field::Province => s::PROVINCE,
            Field::Address => s::ADDRESS,
            Field::HeadName => s::HEAD_NAME,
            Field::HeadTitle => s::HEAD_TITLE,
            Field::OfficerName => s::OFFICER_NAME,
            Field::OfficerPhone => s::OFFICER_PHONE,
            Field::OfficerEmail => s::OFFICER_EMAIL,
        }
    }

    /// Stable widget ids, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            Field::FullName => "member-full-name",
            Field::ShortName => "member-short-name",
            Field::Province => "member-province",
            Field::Address => "member-address",
            Field::HeadName => "member-head-name",
            Field::HeadTitle => "member-head-title",
            Field::OfficerName => "member-officer-name",
            Field::OfficerPhone => "member-officer-phone",
            Field::OfficerEmail => "member-officer-email",
        }
    }

    fn get(self, s: &School) -> &str {
        match self {
            Field::FullName => &s.full_name,
            Field::ShortName => &s.short_name,
            Field::Province => &s.province,
            Field::Address => &s.address,
            Field::HeadName => &s.head.name,
            Field::HeadTitle => &s.head.title,
            Field::OfficerName => &s.officer.name,
            Field::OfficerPhone => &s.officer.phone,
            Field::OfficerEmail => &s.officer.email,
        }
    }

    fn get_mut(self, s: &mut School) -> &mut String {
        match self {
            Field::FullName => &mut s.full_name,
            Field::ShortName => &mut s.short_name,
            Field::Province => &mut s.province,
            Field::Address => &mut s.address,
            Field::HeadName => &mut s.head.name,
            Field::HeadTitle => &mut s.head.title,
            Field::OfficerName => &mut s.officer.name,
            Field::OfficerPhone => &mut s.officer.phone,
            Field::OfficerEmail => &mut s.officer.email,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Add,
    Edit(Id),
    Field(Field, String),
    Save,
    Cancel,
    Remove(Id),
    ConfirmRemove,
    CancelRemove,
    SetLeader(Option<Id>),
    ToggleDeputy(Id),
}

/// What the app must do: nothing, or apply an edit (then tell us how it
/// went with [`State::applied`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Edit(Box<Edit>),
}

impl State {
    /// A school's form is open (its typing is not in the workbook yet).
    pub fn has_open_form(&self) -> bool {
        self.draft.is_some()
    }

    /// What "Lưu thay đổi" of each open form sends (Ctrl+S commits them).
    pub fn save_messages(&self) -> Vec<Message> {
        self.draft.iter().map(|_| Message::Save).collect()
    }

    /// On a member school's machine the cluster's member list is read-only.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
        if read_only {
            self.draft = None;
            self.removing = None;
        }
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        match message {
            Message::Add => {
                self.draft = Some(Draft {
                    is_new: true,
                    school: School {
                        head: crate::workbook::Person {
                            title: "Hiệu trưởng".into(),
                            ..Default::default()
                        },
                        ..School::default()
                    },
                    error: None,
                });
            }
            Message::Edit(id) => {
                if let Some(school) = wb.school(&id) {
                    self.draft = Some(Draft {
                        is_new: false,
                        school: school.clone(),
                        error: None,
                    });
                }
            }
            Message::Field(field, value) => {
                if let Some(d) = &mut self.draft {
                    // Suggest the short name and province from the full name
                    // while they still follow it.
                    if field == Field::FullName && d.is_new {
                        let old = super::welcome::short_name(&d.school.full_name);
                        let new = super::welcome::short_name(&value);
                        for f in [Field::ShortName, Field::Province] {
                            if *f.get(&d.school) == old {
                                *f.get_mut(&mut d.school) = new.clone();
                            }
                        }
                    }
                    *field.get_mut(&mut d.school) = value;
                }
            }
            Message::Save => {
                if let Some(d) = &self.draft {
                    let school = d.school.clone();
                    return Action::Edit(Box::new(if d.is_new {
                        Edit::AddSchool(school)
                    } else {
                        Edit::SetSchool(school)
                    }));
                }
            }
            Message::Cancel => self.draft = None,
            Message::Remove(id) => {
                let refs = references(wb, &id);
                self.removing = Some((id, refs));
            }
            Message::ConfirmRemove => {
                if let Some((id, _)) = self.removing.take() {
                    if self.draft.as_ref().is_some_and(|d| d.school.id == id) {
                        self.draft = None;
                    }
                    return Action::Edit(Box::new(Edit::RemoveSchool(id)));
                }
            }
            Message::CancelRemove => self.removing = None,
            Message::SetLeader(id) => return Action::Edit(Box::new(Edit::SetLeader(id))),
            Message::ToggleDeputy(id) => {
                let mut deputies = wb.roles.deputies.clone();
                if deputies.contains(&id) {
                    deputies.retain(|d| d != &id);
                } else {
                    deputies.push(id);
                }
                return Action::Edit(Box::new(Edit::SetDeputies(deputies)));
            }
        }
        Action::None
    }

    /// How the app's applying of our last edit went: close the form on
    /// success, keep it open with the reason on failure.
    /// Returns the error when there is no form to show it in.
    pub fn applied(&mut self, result: Result<(), String>) -> Option<String> {
        super::settle(&mut self.draft, result, |d| &mut d.error)
    }

    /// Forget drafts that no longer fit the workbook (after undo, open …).
    pub fn reset(&mut self) {
        *self = State::default();
    }

    pub fn is_editing(&self) -> bool {
        self.draft.is_some()
    }

    pub fn view<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let mut schools: Vec<&School> = wb.members.iter().collect();
        schools.sort_by(|a, b| compare_vi(&a.full_name, &b.full_name));

        let header = row![
            text(s::members_heading(schools.len()))
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
        ]
        .push((!self.read_only).then(|| {
            button(s::ADD_SCHOOL)
                .on_press(Message::Add)
                .style(button::primary)
        }))
        .align_y(Alignment::Center);

        let mut list = column![].spacing(theme::SPACE_S);
        if schools.is_empty() {
            list = list.push(text(s::NO_MEMBERS).color(theme::MUTED));
        }
        for school in schools {
            list = list.push(school_row(wb, school, self.draft.is_some(), self.read_only));
        }
        let list = scrollable(list.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
            .id("members-list")
            .height(Length::Fill);

        let mut left = column![header].spacing(theme::SPACE_M);
        if let Some((id, refs)) = &self.removing {
            left = left.push(removal(wb, id, refs));
        }
        left = left.push(list);

        match &self.draft {
            Some(d) => row![
                left.width(Length::FillPortion(3)),
                d.view().width(Length::FillPortion(2))
            ]
            .spacing(theme::SPACE_L)
            .into(),
            None => left.into(),
        }
    }
}

/// One school. `compact` (the form takes half the width): the buttons go
/// under the details instead of beside them.
fn school_row<'a>(
    wb: &'a Workbook,
    school: &'a School,
    compact: bool,
    read_only: bool,
) -> Element<'a, Message> {
    let is_leader = wb.roles.leader.as_ref() == Some(&school.id);
    let is_deputy = wb.roles.deputies.contains(&school.id);
    let mut title = row![text(&school.full_name).font(font::BOLD)]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
    if is_leader || is_deputy {
        let label = if is_leader { s::LEADER } else { s::DEPUTY };
        title = title.push(
            container(
                text(label)
                    .size(theme::TEXT_SMALL)
                    .wrapping(iced::widget::text::Wrapping::None),
            )
            .padding([2, 8])
            .style(theme::badge),
        );
    }
    let mut details = vec![school.short_name.clone()];
    if !school.head.name.is_empty() {
        details.push(format!("{}: {}", school.head.title, school.head.name));
    }
    if !school.officer.name.is_empty() {
        details.push(format!(
            "{}: {} {}",
            s::OFFICER_NAME,
            school.officer.name,
            school.officer.phone
        ));
    }
    let small = |label: &'a str, msg: Message| {
        button(text(label).size(theme::TEXT_SMALL))
            .on_press(msg)
            .padding([4, 8])
            .style(theme::quiet)
    };
    let leader_button = if is_leader {
        small(s::UNSET_LEADER, Message::SetLeader(None))
    } else {
        small(s::MAKE_LEADER, Message::SetLeader(Some(school.id.clone())))
    };
    let deputy_button = (!is_leader).then(|| {
        small(
            if is_deputy {
                s::UNSET_DEPUTY
            } else {
                s::MAKE_DEPUTY
            },
            Message::ToggleDeputy(school.id.clone()),
        )
    });
    let buttons = row![
        small(s::EDIT, Message::Edit(school.id.clone())),
        leader_button,
    ]
    .push(deputy_button)
    .push(
        button(text(s::REMOVE).size(theme::TEXT_SMALL))
            .on_press(Message::Remove(school.id.clone()))
            .padding([4, 8])
            .style(button::danger),
    )
    .spacing(theme::SPACE_S);
    let details = column![
        title,
        text(details.join(" · "))
            .size(theme::TEXT_SMALL)
            .color(theme::MUTED)
    ]
    .spacing(2)
    .width(Length::Fill);
    let body: Element<'a, Message> = if read_only {
        details.into()
    } else if compact {
        column![details, buttons].spacing(theme::SPACE_S).into()
    } else {
        row![details, buttons]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center)
            .into()
    };
    container(body)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

fn removal<'a>(wb: &'a Workbook, id: &'a Id, refs: &'a References) -> Element<'a, Message> {
    let mut body = column![
        text(s::REMOVE_TITLE).font(font::BOLD),
        text(wb.school_full_name(id)),
    ]
    .spacing(theme::SPACE_S);
    if refs.is_empty() {
        body = body.push(text(s::REMOVE_PLAIN));
    } else {
        body = body.push(text(s::REMOVE_ALSO));
        let mut lines: Vec<String> = Vec::new();
        if refs.is_leader {
            lines.push(s::REF_LEADER.into());
        }
        if refs.is_deputy {
            lines.push(s::REF_DEPUTY.into());
        }
        if refs.in_rotation {
            lines.push(s::REF_ROTATION.into());
        }
        if refs.has_scores {
            lines.push(s::REF_SCORES.into());
        }
        if refs.activities > 0 {
            lines.push(s::ref_activities(refs.activities));
        }
        if refs.ballots > 0 {
            lines.push(s::ref_ballots(refs.ballots));
        }
        if refs.conference > 0 {
            lines.push(s::ref_conference(refs.conference));
        }
        if refs.successor_of > 0 {
            lines.push(s::ref_successor(refs.successor_of));
        }
        for l in lines {
            body = body.push(text(format!("• {l}")));
        }
    }
    body = body.push(widget::remove_cancel(
        Message::ConfirmRemove,
        Message::CancelRemove,
    ));
    widget::note_card(body)
}

impl Draft {
    fn view(&self) -> iced::widget::Column<'_, Message> {
        let mut form = column![
            text(if self.is_new {
                s::NEW_SCHOOL
            } else {
                s::EDIT_SCHOOL
            })
            .size(theme::TEXT_HEADING)
            .font(font::BOLD)
        ]
        .spacing(theme::SPACE_S);
        for field in Field::ALL {
            form = form.push(
                column![
                    text(field.label())
                        .size(theme::TEXT_SMALL)
                        .color(theme::MUTED),
                    limited(
                        text_input("", field.get(&self.school))
                            .id(field.id())
                            .on_input(move |v| Message::Field(field, v))
                            .on_submit(Message::Save)
                            .padding(6),
                        "",
                        field.get(&self.school),
                        move |v| Message::Field(field, v),
                        crate::limits::TextKind::Name,
                    ),
                ]
                .spacing(2),
            );
        }
        column![widget::form_card(
            form,
            "member-form",
            self.error.as_deref(),
            Message::Save,
            Message::Cancel,
        )]
    }
}
