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
use crate::workbook::school_names::{Match, SchoolNames};
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
    /// Who may change what here: the cluster's office, or a member
    /// school (only the activities it hosts), or no one (a copy viewed).
    editor: Editor,
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
    /// One row a person: name, role, school.
    people: Vec<Row>,
    /// One row a prize: prize, person, school.
    results: Vec<Row>,
    evidence: String,
    error: Option<String>,
    /// Saving was refused for unfinished rows: their hints say so.
    tried: bool,
    /// The field to take the focus: the first of a row just added.
    focus: Option<String>,
}

/// A person or a prize as typed: two texts (name and role; prize and
/// person) and the school picked for it from the members. The school is
/// only ever picked (a suggestion clicked, or Enter on the one school a
/// typed name names), never read from the text.
#[derive(Debug, Clone, Default, PartialEq)]
struct Row {
    first: String,
    second: String,
    school: Option<Id>,
    /// What is typed in the school field: the picked school's short name,
    /// or the search for one.
    typed: String,
}

impl Row {
    fn is_blank(&self) -> bool {
        self.first.trim().is_empty()
            && self.second.trim().is_empty()
            && self.typed.trim().is_empty()
            && self.school.is_none()
    }
}

/// The people's list or the prizes'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    People,
    Results,
}

/// A field of a row: name / prize, role / person, school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    First,
    Second,
    School,
}

/// The id of a row's field: "activity-person-0-name",
/// "activity-prize-2-school"…
pub fn row_field_id(list: List, row: usize, part: Part) -> String {
    let (l, first, second) = match list {
        List::People => ("person", "name", "role"),
        List::Results => ("prize", "prize", "person"),
    };
    let p = match part {
        Part::First => first,
        Part::Second => second,
        Part::School => "school",
    };
    format!("activity-{l}-{row}-{p}")
}

#[derive(Debug, Clone)]
pub enum Field {
    Title,
    Start,
    End,
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
    /// Typing in a person's or prize's row.
    RowText(List, usize, Part, String),
    /// A school picked for a row.
    Pick(List, usize, Id),
    /// Enter in a row's school field.
    SubmitSchool(List, usize),
    AddRow(List),
    RemoveRow(List, usize),
    Save,
    Cancel,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Edit(Box<Edit>),
}

impl State {
    /// Whose machine this is, or a copy only looked at.
    pub fn set_editor(&mut self, editor: Editor) {
        self.editor = editor;
    }

    /// An activity's form is open (its typing is not in the workbook yet).
    pub fn has_open_form(&self) -> bool {
        self.draft.is_some()
    }

    /// What "Lưu thay đổi" of each open form sends (Ctrl+S commits them).
    pub fn save_messages(&self) -> Vec<Message> {
        self.draft.iter().map(|_| Message::Save).collect()
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        // A field is focused once, when asked; typing in it keeps asking.
        if let Some(d) = &mut self.draft
            && !matches!(message, Message::RowText(..))
        {
            d.focus = None;
        }
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
            Message::RowText(list, i, part, v) => {
                if let Some(r) = self
                    .draft
                    .as_mut()
                    .and_then(|d| d.rows_mut(list).get_mut(i))
                {
                    match part {
                        Part::First => r.first = v,
                        Part::Second => r.second = v,
                        Part::School => {
                            // Typing again searches again: the school
                            // picked before is no longer what the field says.
                            if r.school.is_some() {
                                r.school = None;
                            }
                            r.typed = v;
                        }
                    }
                }
            }
            Message::Pick(list, i, id) => {
                if let Some(r) = self
                    .draft
                    .as_mut()
                    .and_then(|d| d.rows_mut(list).get_mut(i))
                {
                    r.typed = wb.school_name(&id);
                    r.school = Some(id);
                }
            }
            Message::SubmitSchool(list, i) => {
                if let Some(d) = &mut self.draft {
                    let names = d.school_names(wb);
                    if let Some(r) = d.rows_mut(list).get_mut(i)
                        && r.school.is_none()
                        && let Some(id) = sure(&names, &r.typed)
                    {
                        r.typed = wb.school_name(&id);
                        r.school = Some(id);
                    }
                }
            }
            Message::AddRow(list) => {
                if let Some(d) = &mut self.draft {
                    let rows = d.rows_mut(list);
                    rows.push(Row::default());
                    d.focus = Some(row_field_id(list, rows.len() - 1, Part::First));
                }
            }
            Message::RemoveRow(list, i) => {
                if let Some(d) = &mut self.draft {
                    let rows = d.rows_mut(list);
                    if i < rows.len() {
                        rows.remove(i);
                    }
                }
            }
            Message::Save => {
                if let Some(d) = &mut self.draft {
                    match d.build() {
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
            list = list.push(activity_row(wb, a, self.draft.is_some(), &self.editor));
        }
        let list = scrollable(list.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
            .id("activities-list")
            .height(Length::Fill);

        let left = column![header, filters, list]
            .spacing(theme::SPACE_M)
            .width(Length::FillPortion(3));
        let right: Element<'a, Message> = match &self.draft {
            Some(d) => d.view(wb, &schools),
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

/// Who edits the activities on this machine.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Editor {
    #[default]
    Cluster,
    School(Id),
    /// A copy looked at, not changed.
    Nobody,
}

impl Editor {
    /// Why this machine may not change or delete `a`, if it may not: its
    /// buttons are then drawn disabled, with the reason on hover (they
    /// looked active on a school's machine and were refused on press).
    fn refuses(&self, wb: &Workbook, a: &Activity) -> Option<String> {
        use crate::workbook::record::{Rec, RecordKey};
        match self {
            Editor::Cluster => None,
            Editor::Nobody => Some(s::READ_ONLY_COPY_HINT.to_string()),
            Editor::School(me) => crate::workbook::rights::may_change(
                &crate::workbook::Owner::School(me.clone()),
                &RecordKey::Activity(a.id.clone()),
                Some(Rec::Activity(a)),
                None,
            )
            .err()
            .map(|n| s::not_yours_hint(&n.whose(wb))),
        }
    }
}

fn activity_row<'a>(
    wb: &'a Workbook,
    a: &'a Activity,
    compact: bool,
    editor: &Editor,
) -> Element<'a, Message> {
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
            let who = r.school.as_ref().map_or_else(
                || format!("({})", s::NO_SCHOOL_ON_CARD),
                |x| wb.school_name(x),
            );
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
    let refused = editor.refuses(wb, a);
    let allowed = refused.is_none();
    let mut buttons = row![
        small(s::EDIT, Message::Edit(a.id.clone()))
            .on_press_maybe(allowed.then(|| Message::Edit(a.id.clone()))),
        small(s::DUPLICATE, Message::Duplicate(a.id.clone()))
            .on_press_maybe((*editor != Editor::Nobody).then(|| Message::Duplicate(a.id.clone()))),
        button(text(s::REMOVE).size(theme::TEXT_SMALL))
            .on_press_maybe(allowed.then(|| Message::Delete(a.id.clone())))
            .padding([4, 8])
            .style(button::danger),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center);
    if let Some(why) = refused {
        buttons = buttons.push(text(why).size(theme::TEXT_SMALL).color(theme::MUTED));
    }
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
    // Credited to no school: said on the card, not only in the form.
    let unplaced: Vec<&str> = a
        .people
        .iter()
        .filter(|p| p.school.is_none())
        .map(|p| p.name.as_str())
        .chain(a.results.iter().filter(|r| r.school.is_none()).map(|r| {
            if r.person.is_empty() {
                r.prize.as_str()
            } else {
                r.person.as_str()
            }
        }))
        .collect();
    if !unplaced.is_empty() {
        info = info.push(
            text(format!("{}: {}", s::NO_SCHOOL_PICKED, unplaced.join("; ")))
                .size(theme::TEXT_SMALL)
                .color(theme::BAD),
        );
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

/// The one school `typed` names for sure: the only school of that name,
/// and no other a slip away ("dong nai" is Đồng Nai; "binh thuan" may be
/// a slip for Ninh Thuận, so the clerk picks).
fn sure(names: &SchoolNames, typed: &str) -> Option<Id> {
    match names.find(typed) {
        Match::Exact(id) if names.suggest(typed) == [id.clone()] => Some(id),
        _ => None,
    }
}

/// A row from what is stored. One stored with no school (typed loosely
/// in an earlier version: "Lê Văn X - Binh Thuan") shows the name apart
/// from the school it was typed with, that school's field holding the
/// typed school, so the suggestions to pick from show at once.
fn row_of(
    first: &str,
    second: &str,
    school: Option<&Id>,
    wb: &Workbook,
    names: &SchoolNames,
    split_first: bool,
) -> Row {
    let mut row = Row {
        first: first.to_string(),
        second: second.to_string(),
        school: school.cloned(),
        typed: school.map(|id| wb.school_name(id)).unwrap_or_default(),
    };
    if school.is_none() {
        let who = if split_first {
            &mut row.first
        } else {
            &mut row.second
        };
        if let Some((name, typed)) = split_school(who, names) {
            *who = name;
            row.typed = typed;
        }
    }
    row
}

/// "Lê Văn X - Binh Thuan" → ("Lê Văn X", "Binh Thuan") when the part
/// after a dash names or resembles a school (the first dash that does:
/// "Bà Rịa - Vũng Tàu" holds one itself).
fn split_school(who: &str, names: &SchoolNames) -> Option<(String, String)> {
    let seps: Vec<(usize, usize)> = who
        .char_indices()
        .filter(|(_, c)| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .collect();
    seps.into_iter().find_map(|(at, after)| {
        let (name, school) = (who[..at].trim(), who[after..].trim());
        let found = !name.is_empty() && names.find(school) != Match::None;
        found.then(|| (name.to_string(), school.to_string()))
    })
}

impl Draft {
    fn of(a: Activity, is_new: bool, wb: &Workbook) -> Draft {
        let names = SchoolNames::all(wb);
        Draft {
            is_new,
            start: format_date(a.start),
            end: a.end.map(format_date).unwrap_or_default(),
            people: a
                .people
                .iter()
                .map(|p| row_of(&p.name, &p.role, p.school.as_ref(), wb, &names, true))
                .collect(),
            results: a
                .results
                .iter()
                .map(|r| row_of(&r.prize, &r.person, r.school.as_ref(), wb, &names, false))
                .collect(),
            evidence: a.evidence.join("; "),
            activity: a,
            error: None,
            tried: false,
            focus: None,
        }
    }

    fn rows_mut(&mut self, list: List) -> &mut Vec<Row> {
        match list {
            List::People => &mut self.people,
            List::Results => &mut self.results,
        }
    }

    fn rows(&self, list: List) -> &[Row] {
        match list {
            List::People => &self.people,
            List::Results => &self.results,
        }
    }

    /// The schools a row may name: the members on the activity's days as
    /// typed (every member while a date does not read).
    fn school_names(&self, wb: &Workbook) -> SchoolNames {
        let start = parse_date(&self.start);
        let end = if self.end.trim().is_empty() {
            start
        } else {
            parse_date(&self.end)
        };
        match (start, end) {
            (Some(s), Some(e)) if s <= e => SchoolNames::during(wb, s, e),
            _ => SchoolNames::all(wb),
        }
    }

    /// What is wrong with a row, if anything, to say beside it.
    fn row_problem(&self, list: List, row: &Row) -> Option<&'static str> {
        if row.is_blank() {
            return None;
        }
        if row.first.trim().is_empty() {
            return Some(match list {
                List::People => s::NO_PERSON_NAME,
                List::Results => s::NO_PRIZE_NAME,
            });
        }
        row.school.is_none().then_some(if self.tried {
            s::NO_SCHOOL_PICKED_SAVE
        } else {
            s::NO_SCHOOL_PICKED
        })
    }

    /// The activity as typed, or why it cannot be saved.
    fn build(&mut self) -> Result<Activity, String> {
        let mut a = self.activity.clone();
        a.start = parse_date(&self.start).ok_or_else(|| s::bad_activity_date(&self.start))?;
        a.end = if self.end.trim().is_empty() {
            None
        } else {
            Some(parse_date(&self.end).ok_or_else(|| s::bad_activity_date(&self.end))?)
        };
        // Every row not left blank has its first text and a school picked.
        let mut unfinished = Vec::new();
        for list in [List::People, List::Results] {
            let label = match list {
                List::People => s::PEOPLE,
                List::Results => s::RESULTS,
            };
            for (i, r) in self.rows(list).iter().enumerate() {
                if self.row_problem(list, r).is_some() {
                    unfinished.push(s::row_label(label, i + 1, &r.first));
                }
            }
        }
        if !unfinished.is_empty() {
            self.tried = true;
            return Err(s::rows_unfinished(&unfinished));
        }
        let kept = |rows: &[Row]| -> Vec<(String, String, Option<Id>)> {
            rows.iter()
                .filter(|r| !r.is_blank())
                .map(|r| {
                    (
                        r.first.trim().to_string(),
                        r.second.trim().to_string(),
                        r.school.clone(),
                    )
                })
                .collect()
        };
        a.people = kept(&self.people)
            .into_iter()
            .map(|(name, role, school)| Participant { name, school, role })
            .collect();
        a.results = kept(&self.results)
            .into_iter()
            .map(|(prize, person, school)| Prize {
                prize,
                school,
                person,
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

    fn view<'a>(
        &'a self,
        wb: &'a Workbook,
        schools: &[&'a crate::workbook::School],
    ) -> Element<'a, Message> {
        let label = |t: &'a str| text(t).size(theme::TEXT_SMALL).color(theme::MUTED);
        let input = |id: &'static str, value: &'a str, f: fn(String) -> Message| {
            // The form, not a date: a fixed date read as one already typed
            // (and the end's was unrelated to the start).
            let hint = match id {
                START_ID => s::ACTIVITY_DATE_HINT,
                END_ID => s::ACTIVITY_END_HINT,
                _ => "",
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
        let names = self.school_names(wb);
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
            self.rows_view(List::People, wb, &names),
            self.rows_view(List::Results, wb, &names),
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
            crate::app::autofocus::focus_once(form, self.focus.clone()),
            "activity-form",
            self.error.as_deref(),
            Message::Save,
            Message::Cancel,
        )
    }
    /// The people's or prizes' rows: two texts and a school picked by
    /// type-ahead from the members on the activity's days, a hint under a
    /// row that is not finished, "+ Thêm …" under the last.
    fn rows_view<'a>(
        &'a self,
        list: List,
        wb: &'a Workbook,
        names: &SchoolNames,
    ) -> Element<'a, Message> {
        let (title, first, second, add) = match list {
            List::People => (s::PEOPLE, s::PERSON_NAME, s::PERSON_ROLE, s::ADD_PERSON),
            List::Results => (s::RESULTS, s::PRIZE, s::PRIZE_PERSON, s::ADD_PRIZE),
        };
        let mut out = column![text(title).size(theme::TEXT_SMALL).color(theme::MUTED)].spacing(4);
        for (i, r) in self.rows(list).iter().enumerate() {
            let field = |part: Part, hint: &str, value: &'a str| {
                let id = row_field_id(list, i, part);
                let on = move |v| Message::RowText(list, i, part, v);
                let submit = match part {
                    Part::School => Message::SubmitSchool(list, i),
                    _ => Message::Save,
                };
                limited(
                    text_input(hint, value)
                        .id(id)
                        .on_input(on)
                        .on_submit(submit)
                        .padding(5)
                        .size(theme::TEXT_SMALL),
                    hint,
                    value,
                    on,
                    crate::limits::TextKind::Name,
                )
            };
            let texts = row![
                container(field(Part::First, first, &r.first)).width(Length::FillPortion(3)),
                container(field(Part::Second, second, &r.second)).width(Length::FillPortion(2)),
                button(text(s::REMOVE_ROW).size(theme::TEXT_SMALL))
                    .on_press(Message::RemoveRow(list, i))
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center);
            let mut one =
                column![texts, field(Part::School, s::SCHOOL_SEARCH, &r.typed)].spacing(3);
            if r.school.is_none() && !r.typed.trim().is_empty() {
                let offered = names.suggest(&r.typed);
                if offered.is_empty() {
                    one = one.push(widget::small(s::NO_SUCH_SCHOOL));
                } else {
                    let mut picks = row![widget::small(s::PICK_SCHOOL)]
                        .spacing(theme::SPACE_S)
                        .align_y(Alignment::Center);
                    for id in offered.into_iter().take(6) {
                        picks = picks.push(
                            button(text(wb.school_name(&id)).size(theme::TEXT_SMALL))
                                .on_press(Message::Pick(list, i, id))
                                .padding([3, 8])
                                .style(theme::quiet),
                        );
                    }
                    one = one.push(picks.wrap());
                }
            }
            if let Some(problem) = self.row_problem(list, r) {
                one = one.push(text(problem).size(theme::TEXT_SMALL).color(theme::BAD));
            }
            out = out.push(container(one).padding([4, 0]));
        }
        out.push(
            button(text(add).size(theme::TEXT_SMALL))
                .on_press(Message::AddRow(list))
                .padding([4, 8])
                .style(theme::quiet),
        )
        .into()
    }
}
