//! Hoạt động: the cluster's activities of the year, filtered by type,
//! school and month, with search; add, edit, duplicate, delete; counts per
//! school and per type (the numbers the year-end report quotes). Dates are
//! typed and shown dd/mm/yyyy.

use crate::app::button::{self, button};
use crate::app::field::{limited, undoable};
use crate::app::pick_list::pick_list;
use iced::widget::{column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use crate::app::{font, strings as s, theme, widget};
use crate::text::{compare_vi, format_date, nfc, parse_date};
use crate::workbook::edit::{ActivityEdit, Edit};
use crate::workbook::{Activity, ActivityKind, Id, Owner, Participant, Prize, Workbook};

pub const TITLE_ID: &str = "activity-title";
pub const START_ID: &str = "activity-start";
pub const END_ID: &str = "activity-end";
pub const SEARCH_ID: &str = "activity-search";

/// A choice in a filter: everything, or one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<T> {
    pub value: Option<T>,
    pub label: String,
}

impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Debug, Clone, Default)]
pub struct State {
    kind: Option<ActivityKind>,
    school: Option<Id>,
    month: Option<i8>,
    search: String,
    draft: Option<Draft>,
}

#[derive(Debug, Clone)]
struct Draft {
    is_new: bool,
    activity: Activity,
    start: String,
    end: String,
    /// One line each: "Họ tên | vai trò".
    people: String,
    /// One line each: "Giải | họ tên" for the host... kept as typed.
    results: String,
    evidence: String,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Field {
    Title,
    Start,
    End,
    People,
    Results,
    Evidence,
    Note,
}

#[derive(Debug, Clone)]
pub enum Message {
    FilterKind(Choice<ActivityKind>),
    FilterSchool(Choice<Id>),
    FilterMonth(Choice<i8>),
    Search(String),
    Add,
    Edit(Id),
    Duplicate(Id),
    Delete(Id),
    Field(Field, String),
    Kind(Choice<ActivityKind>),
    Host(Choice<Id>),
    ToggleParticipant(Id),
    Save,
    Cancel,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Edit(Box<Edit>),
}

impl State {
    /// An activity's form is open (its typing is not in the workbook yet).
    pub fn has_open_form(&self) -> bool {
        self.draft.is_some()
    }

    /// What "Lưu thay đổi" of each open form sends (Ctrl+S commits them).
    pub fn save_messages(&self) -> Vec<Message> {
        self.draft.iter().map(|_| Message::Save).collect()
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        match message {
            Message::FilterKind(c) => self.kind = c.value,
            Message::FilterSchool(c) => self.school = c.value,
            Message::FilterMonth(c) => self.month = c.value,
            Message::Search(v) => self.search = v,
            Message::Add => {
                let start = jiff::civil::Date::new(wb.year, 1, 1).unwrap_or_default();
                self.draft = Some(Draft::of(
                    Activity {
                        id: Id::default(),
                        owner: Owner::Cluster,
                        kind: ActivityKind::Seminar,
                        title: String::new(),
                        start,
                        end: None,
                        host: None,
                        participants: Vec::new(),
                        people: Vec::new(),
                        results: Vec::new(),
                        evidence: Vec::new(),
                        note: String::new(),
                        rev: Default::default(),
                    },
                    true,
                    wb,
                ));
                if let Some(d) = &mut self.draft {
                    d.start.clear();
                }
            }
            Message::Edit(id) => {
                if let Some(a) = wb.activities.iter().find(|a| a.id == id) {
                    self.draft = Some(Draft::of(a.clone(), false, wb));
                }
            }
            Message::Duplicate(id) => {
                if let Some(a) = wb.activities.iter().find(|a| a.id == id) {
                    let mut copy = a.clone();
                    copy.id = Id::default();
                    copy.title = format!("{} ({})", a.title, s::COPY);
                    return Action::Edit(Box::new(Edit::Activity(ActivityEdit::Add(copy))));
                }
            }
            Message::Delete(id) => {
                if self.draft.as_ref().is_some_and(|d| d.activity.id == id) {
                    self.draft = None;
                }
                return Action::Edit(Box::new(Edit::Activity(ActivityEdit::Remove(id))));
            }
            Message::Field(f, v) => {
                if let Some(d) = &mut self.draft {
                    match f {
                        Field::Title => d.activity.title = v,
                        Field::Start => d.start = v,
                        Field::End => d.end = v,
                        Field::People => d.people = v,
                        Field::Results => d.results = v,
                        Field::Evidence => d.evidence = v,
                        Field::Note => d.activity.note = v,
                    }
                }
            }
            Message::Kind(k) => {
                if let (Some(d), Some(k)) = (&mut self.draft, k.value) {
                    d.activity.kind = k;
                }
            }
            Message::Host(c) => {
                if let Some(d) = &mut self.draft {
                    // The host takes part in what it hosts: ticked for it.
                    if let Some(h) = &c.value
                        && !d.activity.participants.contains(h)
                    {
                        d.activity.participants.push(h.clone());
                    }
                    d.activity.host = c.value;
                }
            }
            Message::ToggleParticipant(id) => {
                if let Some(d) = &mut self.draft {
                    let p = &mut d.activity.participants;
                    if p.contains(&id) {
                        p.retain(|x| x != &id);
                    } else {
                        p.push(id);
                    }
                }
            }
            Message::Save => {
                if let Some(d) = &mut self.draft {
                    match d.build(wb) {
                        Ok(a) => {
                            return Action::Edit(Box::new(Edit::Activity(if d.is_new {
                                ActivityEdit::Add(a)
                            } else {
                                ActivityEdit::Set(a)
                            })));
                        }
                        Err(e) => d.error = Some(e),
                    }
                }
            }
            Message::Cancel => self.draft = None,
        }
        Action::None
    }

    /// How applying our last edit went; the error when no form shows it.
    pub fn applied(&mut self, result: Result<(), String>) -> Option<String> {
        super::settle(&mut self.draft, result, |d| &mut d.error)
    }

    pub fn reset(&mut self) {
        self.draft = None;
        self.school = None;
    }

    fn matches(&self, a: &Activity) -> bool {
        if self.kind.is_some_and(|k| k != a.kind) {
            return false;
        }
        if let Some(sc) = &self.school
            && !involves(a, sc)
        {
            return false;
        }
        if let Some(m) = self.month {
            let end = a.end.unwrap_or(a.start);
            let months = a.start.month()..=end.month();
            if !(months.contains(&m) || (a.start.year() != end.year() && m >= a.start.month())) {
                return false;
            }
        }
        let q = nfc(self.search.trim()).to_lowercase();
        q.is_empty()
            || nfc(&a.title).to_lowercase().contains(&q)
            || a.people.iter().any(|p| p.name.to_lowercase().contains(&q))
            || a.evidence.iter().any(|e| e.to_lowercase().contains(&q))
    }

    pub fn view<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let mut schools: Vec<&crate::workbook::School> = wb.members.iter().collect();
        schools.sort_by(|a, b| compare_vi(&a.full_name, &b.full_name));

        fn all<T>(label: &str) -> Choice<T> {
            Choice {
                value: None,
                label: label.to_string(),
            }
        }
        let kinds: Vec<Choice<ActivityKind>> = std::iter::once(all(s::ALL_KINDS))
            .chain(ActivityKind::ALL.iter().map(|k| Choice {
                value: Some(*k),
                label: k.label().to_string(),
            }))
            .collect();
        let school_choices: Vec<Choice<Id>> = std::iter::once(all(s::ALL_SCHOOLS))
            .chain(schools.iter().map(|sc| Choice {
                value: Some(sc.id.clone()),
                label: sc.short_name.clone(),
            }))
            .collect();
        let months: Vec<Choice<i8>> = std::iter::once(all(s::ALL_MONTHS))
            .chain((1..=12).map(|m| Choice {
                value: Some(m),
                label: s::month(m),
            }))
            .collect();
        fn pick<T: PartialEq + Clone>(v: &[Choice<T>], cur: Option<T>) -> Option<Choice<T>> {
            v.iter().find(|c| c.value == cur).cloned()
        }
        let selected_kind = pick(&kinds, self.kind);
        let selected_school = school_choices
            .iter()
            .find(|c| c.value == self.school)
            .cloned();
        let selected_month = pick(&months, self.month);

        let header = row![
            text(s::ACTIVITIES_TITLE)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
            button(s::ADD_ACTIVITY)
                .on_press(Message::Add)
                .style(button::primary),
        ]
        .align_y(Alignment::Center);
        // Two lines: in one, the longest type name pushed the month list off
        // its arrow and the search field to nothing.
        let filters = column![
            row![
                pick_list(kinds, selected_kind, Message::FilterKind)
                    .text_size(theme::TEXT_SMALL)
                    .width(Length::FillPortion(3)),
                pick_list(school_choices, selected_school, Message::FilterSchool)
                    .text_size(theme::TEXT_SMALL)
                    .width(Length::FillPortion(2)),
                pick_list(months, selected_month, Message::FilterMonth)
                    .text_size(theme::TEXT_SMALL)
                    .width(Length::Shrink),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            undoable(
                text_input(s::SEARCH, &self.search)
                    .id(SEARCH_ID)
                    .on_input(Message::Search)
                    .size(theme::TEXT_SMALL)
                    .padding(5),
                s::SEARCH,
                &self.search,
                Message::Search,
            ),
        ]
        .spacing(theme::SPACE_S);

        let mut shown: Vec<&Activity> = wb.activities.iter().filter(|a| self.matches(a)).collect();
        shown.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then_with(|| compare_vi(&a.title, &b.title))
        });
        let mut list = column![
            text(s::activities_shown(shown.len(), wb.activities.len()))
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED)
        ]
        .spacing(theme::SPACE_S);
        for a in shown {
            list = list.push(activity_row(wb, a, self.draft.is_some()));
        }
        let list = scrollable(list.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
            .id("activities-list")
            .height(Length::Fill);

        let left = column![header, filters, list]
            .spacing(theme::SPACE_M)
            .width(Length::FillPortion(3));
        let right: Element<'a, Message> = match &self.draft {
            Some(d) => d.view(&schools),
            None => counts(wb, &schools),
        };
        row![left, container(right).width(Length::FillPortion(2))]
            .spacing(theme::SPACE_L)
            .into()
    }
}

/// Does the activity involve the school (host, participant, person, prize)?
pub fn involves(a: &Activity, school: &Id) -> bool {
    a.host.as_ref() == Some(school)
        || a.participants.contains(school)
        || a.people.iter().any(|p| p.school.as_ref() == Some(school))
        || a.results.iter().any(|p| p.school.as_ref() == Some(school))
}

/// Activities per school: (hosted, took part).
pub fn count_for(wb: &Workbook, school: &Id) -> (usize, usize) {
    let hosted = wb
        .activities
        .iter()
        .filter(|a| a.host.as_ref() == Some(school))
        .count();
    let part = wb.activities.iter().filter(|a| involves(a, school)).count();
    (hosted, part)
}

fn counts<'a>(wb: &'a Workbook, schools: &[&'a crate::workbook::School]) -> Element<'a, Message> {
    let mut by_school = column![text(s::COUNT_BY_SCHOOL).font(font::BOLD)].spacing(3);
    for sc in schools {
        let (hosted, part) = count_for(wb, &sc.id);
        by_school = by_school.push(
            row![
                text(sc.short_name.as_str()).width(Length::Fill),
                text(s::count_line(hosted, part)).size(theme::TEXT_SMALL),
            ]
            .spacing(theme::SPACE_S),
        );
    }
    let mut by_kind = column![text(s::COUNT_BY_KIND).font(font::BOLD)].spacing(3);
    for k in ActivityKind::ALL {
        let n = wb.activities.iter().filter(|a| a.kind == k).count();
        by_kind = by_kind.push(
            row![
                text(k.label()).width(Length::Fill),
                text(n.to_string()).font(font::BOLD),
            ]
            .spacing(theme::SPACE_S),
        );
    }
    container(scrollable(
        column![by_school, by_kind]
            .spacing(theme::SPACE_L)
            .padding(theme::SPACE_M),
    ))
    .style(theme::card)
    .height(Length::Fill)
    .into()
}

fn activity_row<'a>(wb: &'a Workbook, a: &'a Activity, compact: bool) -> Element<'a, Message> {
    let dates = match a.end.filter(|e| *e != a.start) {
        Some(e) => format!("{} – {}", format_date(a.start), format_date(e)),
        None => format_date(a.start),
    };
    let mut details = vec![dates, a.kind.label().to_string()];
    if let Some(h) = &a.host {
        details.push(format!("{}: {}", s::HOST, wb.school_name(h)));
    }
    if !a.participants.is_empty() {
        details.push(s::participants_count(a.participants.len()));
    }
    let prizes: Vec<String> = a
        .results
        .iter()
        .map(|r| {
            let who = r
                .school
                .as_ref()
                .map(|x| wb.school_name(x))
                .unwrap_or_default();
            format!("{} {} {}", r.prize, r.person, who)
                .trim()
                .to_string()
        })
        .collect();
    let small = |label: &'a str, msg: Message| {
        button(text(label).size(theme::TEXT_SMALL))
            .on_press(msg)
            .padding([4, 8])
            .style(theme::quiet)
    };
    let buttons = row![
        small(s::EDIT, Message::Edit(a.id.clone())),
        small(s::DUPLICATE, Message::Duplicate(a.id.clone())),
        button(text(s::REMOVE).size(theme::TEXT_SMALL))
            .on_press(Message::Delete(a.id.clone()))
            .padding([4, 8])
            .style(button::danger),
    ]
    .spacing(theme::SPACE_S);
    let mut info = column![
        text(a.title.as_str()).font(font::BOLD),
        text(details.join(" · "))
            .size(theme::TEXT_SMALL)
            .color(theme::MUTED),
    ]
    .spacing(2)
    .width(Length::Fill);
    if !prizes.is_empty() {
        info = info.push(text(prizes.join("; ")).size(theme::TEXT_SMALL));
    }
    let body: Element<'a, Message> = if compact {
        column![info, buttons].spacing(theme::SPACE_S).into()
    } else {
        row![info, buttons]
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

/// "Nguyễn Văn Khánh – Ninh Thuận": a person or prize with its school
/// when that is not the host (the host is what a name alone means).
fn with_school(wb: &Workbook, who: &str, school: Option<&Id>, host: Option<&Id>) -> String {
    match school {
        Some(s) if Some(s) != host => format!("{who} – {}", wb.school_name(s)),
        _ => who.to_string(),
    }
}

impl Draft {
    fn of(a: Activity, is_new: bool, wb: &Workbook) -> Draft {
        let host = a.host.as_ref();
        Draft {
            is_new,
            start: format_date(a.start),
            end: a.end.map(format_date).unwrap_or_default(),
            people: a
                .people
                .iter()
                .map(|p| {
                    let name = with_school(wb, &p.name, p.school.as_ref(), host);
                    format!("{name} | {}", p.role)
                })
                .collect::<Vec<_>>()
                .join("; "),
            results: a
                .results
                .iter()
                .map(|r| {
                    let person = with_school(wb, &r.person, r.school.as_ref(), host);
                    format!("{} | {person}", r.prize)
                })
                .collect::<Vec<_>>()
                .join("; "),
            evidence: a.evidence.join("; "),
            activity: a,
            error: None,
        }
    }

    /// The activity as typed, or why it cannot be saved.
    fn build(&self, wb: &Workbook) -> Result<Activity, String> {
        let mut a = self.activity.clone();
        a.start = parse_date(&self.start).ok_or_else(|| s::bad_activity_date(&self.start))?;
        a.end = if self.end.trim().is_empty() {
            None
        } else {
            Some(parse_date(&self.end).ok_or_else(|| s::bad_activity_date(&self.end))?)
        };
        let host = a.host.clone();
        let pairs = |t: &str| -> Vec<(String, String)> {
            t.split(';')
                .map(|l| {
                    let (x, y) = l.split_once('|').unwrap_or((l, ""));
                    (x.trim().to_string(), y.trim().to_string())
                })
                .filter(|(x, y)| !x.is_empty() || !y.is_empty())
                .collect()
        };
        // A person or prize names a school by its short name after "–"
        // (short names may hold a dash themselves: "Bà Rịa - Vũng Tàu", so
        // the longest short name the text ends with wins). Without one it
        // keeps the school it had when the line is unchanged, else the host.
        let school_of = |who: &str, before: Option<&Option<Id>>| -> (String, Option<Id>) {
            let typed = nfc(who.trim()).to_lowercase();
            let found = wb
                .members
                .iter()
                .filter_map(|m| {
                    let short = nfc(&m.short_name).to_lowercase();
                    [" – ", " - "].iter().find_map(|sep| {
                        let cut = typed.strip_suffix(&format!("{sep}{short}"))?;
                        Some((short.len(), cut.chars().count(), m.id.clone()))
                    })
                })
                .max_by_key(|(len, _, _)| *len);
            if let Some((_, keep, id)) = found {
                let name: String = who.trim().chars().take(keep).collect();
                return (name.trim().to_string(), Some(id));
            }
            let school = before.cloned().unwrap_or_else(|| host.clone());
            (who.to_string(), school)
        };
        let old = &self.activity;
        a.people = pairs(&self.people)
            .into_iter()
            .map(|(n, role)| {
                let before = old
                    .people
                    .iter()
                    .find(|p| p.name == n && p.role == role)
                    .map(|p| &p.school);
                let (name, school) = school_of(&n, before);
                Participant { name, school, role }
            })
            .collect();
        a.results = pairs(&self.results)
            .into_iter()
            .map(|(prize, who)| {
                let before = old
                    .results
                    .iter()
                    .find(|r| r.prize == prize && r.person == who)
                    .map(|r| &r.school);
                let (person, school) = school_of(&who, before);
                Prize {
                    prize,
                    school,
                    person,
                }
            })
            .collect();
        // "a; b" is two items, "" none.
        a.evidence = self
            .evidence
            .split(';')
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty())
            .collect();
        Ok(a)
    }

    fn view<'a>(&'a self, schools: &[&'a crate::workbook::School]) -> Element<'a, Message> {
        let label = |t: &'a str| text(t).size(theme::TEXT_SMALL).color(theme::MUTED);
        let input = |id: &'static str, value: &'a str, f: fn(String) -> Message| {
            let hint = if id == START_ID || id == END_ID {
                s::ACTIVITY_DATE_HINT
            } else {
                ""
            };
            limited(
                text_input(hint, value)
                    .id(id)
                    .on_input(f)
                    .on_submit(Message::Save)
                    .padding(6),
                hint,
                value,
                f,
                crate::limits::TextKind::Name,
            )
        };
        let host_choices: Vec<Choice<Id>> = std::iter::once(Choice {
            value: None,
            label: s::NO_HOST.to_string(),
        })
        .chain(schools.iter().map(|sc| Choice {
            value: Some(sc.id.clone()),
            label: sc.short_name.clone(),
        }))
        .collect();
        let host = host_choices
            .iter()
            .find(|c| c.value == self.activity.host)
            .cloned();
        let kinds: Vec<Choice<ActivityKind>> = ActivityKind::ALL
            .iter()
            .map(|k| Choice {
                value: Some(*k),
                label: k.label().to_string(),
            })
            .collect();
        let kind = kinds
            .iter()
            .find(|c| c.value == Some(self.activity.kind))
            .cloned();
        let mut parts = column![].spacing(2);
        for sc in schools {
            let on = self.activity.participants.contains(&sc.id);
            let id = sc.id.clone();
            parts = parts.push(
                crate::app::checkbox::checkbox(on)
                    .label(sc.short_name.clone())
                    .on_toggle(move |_| Message::ToggleParticipant(id.clone()))
                    .size(14)
                    .text_size(theme::TEXT_SMALL),
            );
        }
        let form = column![
            text(if self.is_new {
                s::NEW_ACTIVITY
            } else {
                s::EDIT_ACTIVITY
            })
            .size(theme::TEXT_HEADING)
            .font(font::BOLD),
            label(s::ACTIVITY_NAME),
            input(TITLE_ID, &self.activity.title, |v| Message::Field(
                Field::Title,
                v
            )),
            label(s::ACTIVITY_KIND),
            pick_list(kinds, kind, Message::Kind),
            row![
                column![
                    label(s::START_DATE),
                    input(START_ID, &self.start, |v| Message::Field(Field::Start, v))
                ]
                .spacing(2),
                column![
                    label(s::END_DATE),
                    input(END_ID, &self.end, |v| Message::Field(Field::End, v))
                ]
                .spacing(2),
            ]
            .spacing(theme::SPACE_S),
            label(s::HOST),
            pick_list(host_choices, host, Message::Host),
            label(s::PARTICIPANTS),
            parts,
            label(s::PEOPLE_HINT),
            input("activity-people", &self.people, |v| Message::Field(
                Field::People,
                v
            )),
            label(s::RESULTS_HINT),
            input("activity-results", &self.results, |v| Message::Field(
                Field::Results,
                v
            )),
            label(s::EVIDENCE_HINT),
            input("activity-evidence", &self.evidence, |v| Message::Field(
                Field::Evidence,
                v
            )),
            label(s::NOTE),
            input("activity-note", &self.activity.note, |v| Message::Field(
                Field::Note,
                v
            )),
        ]
        .spacing(theme::SPACE_S);
        widget::form_card(
            form,
            "activity-form",
            self.error.as_deref(),
            Message::Save,
            Message::Cancel,
        )
    }
}
