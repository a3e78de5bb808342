//! Tổng kết & bàn giao: the year-end conference (date, times, place, chair,
//! secretary, who attended), the election of next year's leader and
//! deputies with the rotation's suggestion, the handover record, and
//! "Tạo sổ năm sau": next year's workbook saved where the user picks, then
//! opened.

use crate::app::field::{limited, undoable};
use std::path::PathBuf;

use crate::app::button::{self, button};
use crate::app::checkbox::checkbox;
use crate::app::pick_list::pick_list;
use iced::widget::{column, container, row, scrollable, space, text, text_editor, text_input};
use iced::{Alignment, Element, Length, Task};
use jiff::civil::{Date, Time};

use crate::app::dialog::Picked;
use crate::app::{font, strings as s, theme};
use crate::rules::election;
use crate::workbook::edit::conference::{Details, MinutesText};
use crate::workbook::edit::{ConferenceEdit, Edit};
use crate::workbook::{Attendance, Election, Handover, Id, Person, Workbook};

/// Typed text that is not a date (or time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

pub use crate::text::format_date;

/// A date field as typed: empty is no date; otherwise the one date reader
/// of the program (`text::parse_date`: "22/11/2019", "2/3/2020",
/// "22-11-2019", "22.11.2019"), Err when it is not a date.
pub fn parse_date(s: &str) -> Result<Option<Date>, Unreadable> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    crate::text::parse_date(s).map(Some).ok_or(Unreadable)
}

/// "08:00".
pub fn format_time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "8:00", "08:30", "8h30", "8 giờ 30", "14". Empty: no time.
pub fn parse_time(s: &str) -> Result<Option<Time>, Unreadable> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return Ok(None);
    }
    let s = s.replace("giờ", ":").replace(['h', 'g'], ":");
    let mut parts = s.split(':').map(str::trim);
    let h: i8 = parts.next().unwrap_or("").parse().map_err(|_| Unreadable)?;
    let m: i8 = match parts.next() {
        None | Some("") => 0,
        Some(m) => m
            .trim_end_matches("phút")
            .trim()
            .parse()
            .map_err(|_| Unreadable)?,
    };
    if parts.next().is_some() {
        return Err(Unreadable);
    }
    Time::new(h, m, 0, 0).map(Some).map_err(|_| Unreadable)
}

/// The news byline's input (for tests and focus).
pub const BYLINE_ID: &str = "news-byline";
/// The show of hands' input.
pub const AGREED_ID: &str = "election-agreed";

/// A school's delegates input.
pub fn delegates_id(school: &Id) -> iced::widget::Id {
    iced::widget::Id::from(format!("delegates-{school}"))
}

/// Text fields of the conference details.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    Date,
    Start,
    End,
    Place,
    ChairName,
    ChairTitle,
    SecretaryName,
    SecretaryTitle,
}

impl DetailField {
    pub const ALL: [DetailField; 8] = [
        DetailField::Date,
        DetailField::Start,
        DetailField::End,
        DetailField::Place,
        DetailField::ChairName,
        DetailField::ChairTitle,
        DetailField::SecretaryName,
        DetailField::SecretaryTitle,
    ];
    fn label(self) -> &'static str {
        match self {
            DetailField::Date => s::CONF_DATE,
            DetailField::Start => s::CONF_START,
            DetailField::End => s::CONF_END,
            DetailField::Place => s::CONF_PLACE,
            DetailField::ChairName => s::CONF_CHAIR,
            DetailField::ChairTitle => s::CONF_CHAIR_TITLE,
            DetailField::SecretaryName => s::CONF_SECRETARY,
            DetailField::SecretaryTitle => s::CONF_SECRETARY_TITLE,
        }
    }
    fn hint(self) -> &'static str {
        match self {
            DetailField::Date => s::DATE_HINT,
            DetailField::Start | DetailField::End => s::TIME_HINT,
            _ => "",
        }
    }
    /// Stable widget ids, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            DetailField::Date => "conf-date",
            DetailField::Start => "conf-start",
            DetailField::End => "conf-end",
            DetailField::Place => "conf-place",
            DetailField::ChairName => "conf-chair",
            DetailField::ChairTitle => "conf-chair-title",
            DetailField::SecretaryName => "conf-secretary",
            DetailField::SecretaryTitle => "conf-secretary-title",
        }
    }
}

/// Text fields of the handover record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoverField {
    Date,
    Place,
    OutgoingName,
    OutgoingTitle,
    IncomingName,
    IncomingTitle,
    Note,
}

impl HandoverField {
    pub const ALL: [HandoverField; 7] = [
        HandoverField::Date,
        HandoverField::Place,
        HandoverField::OutgoingName,
        HandoverField::OutgoingTitle,
        HandoverField::IncomingName,
        HandoverField::IncomingTitle,
        HandoverField::Note,
    ];
    fn label(self) -> &'static str {
        match self {
            HandoverField::Date => s::HANDOVER_DATE,
            HandoverField::Place => s::HANDOVER_PLACE,
            HandoverField::OutgoingName => s::HANDOVER_OUTGOING,
            HandoverField::OutgoingTitle => s::HANDOVER_OUTGOING_TITLE,
            HandoverField::IncomingName => s::HANDOVER_INCOMING,
            HandoverField::IncomingTitle => s::HANDOVER_INCOMING_TITLE,
            HandoverField::Note => s::HANDOVER_NOTE,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            HandoverField::Date => "handover-date",
            HandoverField::Place => "handover-place",
            HandoverField::OutgoingName => "handover-outgoing",
            HandoverField::OutgoingTitle => "handover-outgoing-title",
            HandoverField::IncomingName => "handover-incoming",
            HandoverField::IncomingTitle => "handover-incoming-title",
            HandoverField::Note => "handover-note",
        }
    }
}

/// A school in a pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: Id,
    name: String,
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct State {
    details: Option<[String; 8]>,
    /// Each present school's delegates as typed ("Họ tên, chức vụ; …"),
    /// by school.
    delegates: Option<Vec<(Id, String)>>,
    election: Option<Election>,
    /// The show of hands as typed (a number of schools, or empty).
    agreed: Option<String>,
    handover: Option<HandoverDraft>,
    minutes: Option<MinutesDraft>,
    /// The section whose edit was last handed to the app: only its draft
    /// is dropped when the edit lands (a box ticked elsewhere must not
    /// throw away what is being typed in another card).
    saving: Option<Section>,
    /// Where no native dialog exists: the path typed for next year's file.
    next_year_path: Option<String>,
    /// The open workbook's folder: next year's file is suggested there.
    folder: Option<PathBuf>,
    /// The news item's byline as typed ("Họ tên; chức vụ").
    byline: Option<String>,
    error: Option<String>,
}

/// A card of the view, each with its own draft and its own Save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Details,
    Delegates,
    Election,
    Handover,
    Minutes,
}

/// The minutes' own text as typed: guests one per line, the discussion
/// and the conclusion one paragraph per line.
#[derive(Debug, Clone, Default)]
struct MinutesDraft {
    guests: text_editor::Content,
    discussion: text_editor::Content,
    conclusion: text_editor::Content,
}

/// The three multi-line fields of the minutes card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesField {
    Guests,
    Discussion,
    Conclusion,
}

impl MinutesDraft {
    fn of(wb: &Workbook) -> MinutesDraft {
        let c = &wb.conference;
        let guests: Vec<String> = c.guests.iter().map(person_text).collect();
        MinutesDraft {
            guests: text_editor::Content::with_text(&guests.join("\n")),
            discussion: text_editor::Content::with_text(&c.discussion),
            conclusion: text_editor::Content::with_text(&c.conclusion),
        }
    }

    fn field(&mut self, f: MinutesField) -> &mut text_editor::Content {
        match f {
            MinutesField::Guests => &mut self.guests,
            MinutesField::Discussion => &mut self.discussion,
            MinutesField::Conclusion => &mut self.conclusion,
        }
    }

    /// A guest line is kept as typed (it may name a group: "Các đồng chí
    /// trưởng, phó khoa, phòng …"), so the minutes print it as typed.
    fn text(&self) -> MinutesText {
        MinutesText {
            guests: self
                .guests
                .text()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Person {
                    name: String::new(),
                    title: l.to_string(),
                })
                .collect(),
            discussion: self.discussion.text(),
            conclusion: self.conclusion.text(),
        }
    }
}

/// "Họ tên, chức vụ", or the title alone for a group.
fn person_text(p: &Person) -> String {
    match (p.name.trim(), p.title.trim()) {
        ("", t) => t.to_string(),
        (n, "") => n.to_string(),
        (n, t) => format!("{n}, {t}"),
    }
}

/// "Ngô Thị Liên, Hiệu trưởng; Đinh Thị Mai Yên, cán bộ thi đua": each
/// person's name before the first comma, the title after it.
pub fn parse_people(typed: &str) -> Vec<Person> {
    typed
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once(',') {
            Some((name, title)) => Person {
                name: name.trim().to_string(),
                title: title.trim().to_string(),
            },
            None => Person {
                name: p.to_string(),
                title: String::new(),
            },
        })
        .collect()
}

fn delegates_of(wb: &Workbook) -> Vec<(Id, String)> {
    attendance(wb)
        .into_iter()
        .map(|a| {
            let people: Vec<String> = a.representatives.iter().map(person_text).collect();
            (a.school, people.join("; "))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
struct HandoverDraft {
    fields: [String; 7],
    items: Vec<String>,
    next_year_file: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Detail(DetailField, String),
    SaveDetails,
    Present(Id, bool),
    AllPresent,
    Delegates(Id, String),
    SaveDelegates,
    Leader(Choice),
    Deputy(Id, bool),
    ElectionNote(String),
    /// The number of schools approving the election by a show of hands.
    Agreed(String),
    UseSuggestion,
    SaveElection,
    Handover(HandoverField, String),
    Item(usize, String),
    AddItem,
    RemoveItem(usize),
    SaveHandover,
    Byline(String),
    SaveByline,
    EditMinutes,
    Minutes(MinutesField, text_editor::Action),
    SaveMinutes,
    DiscardDrafts(Section),
    NextYear,
    NextYearPicked(Picked),
    NextYearPath(String),
    NextYearPathSubmit,
    CancelPath,
}

pub enum Action {
    None,
    Edit(Box<Edit>),
    Run(Task<Message>),
    /// Create next year's workbook at this path, then open it.
    NextYear(PathBuf),
}

fn edit(e: ConferenceEdit) -> Action {
    Action::Edit(Box::new(Edit::Conference(e)))
}

fn details_of(wb: &Workbook) -> [String; 8] {
    let c = &wb.conference;
    [
        c.date.map(format_date).unwrap_or_default(),
        c.start.map(format_time).unwrap_or_default(),
        c.end.map(format_time).unwrap_or_default(),
        c.place.clone(),
        c.chair.name.clone(),
        c.chair.title.clone(),
        c.secretary.name.clone(),
        c.secretary.title.clone(),
    ]
}

fn handover_of(wb: &Workbook) -> HandoverDraft {
    let h = &wb.conference.handover;
    HandoverDraft {
        fields: [
            h.date.map(format_date).unwrap_or_default(),
            h.place.clone(),
            h.outgoing.name.clone(),
            h.outgoing.title.clone(),
            h.incoming.name.clone(),
            h.incoming.title.clone(),
            h.note.clone(),
        ],
        items: h.items.clone(),
        next_year_file: h.next_year_file.clone(),
    }
}

/// The suggested file name of next year's workbook.
pub fn next_year_name(wb: &Workbook) -> String {
    let h = &wb.conference.handover.next_year_file;
    if h.is_empty() {
        format!("cum{}-{}.json", wb.cluster.number, wb.year + 1)
    } else {
        h.clone()
    }
}

async fn pick_next_year(folder: Option<PathBuf>, suggested: String) -> Picked {
    match crate::app::dialog::save_file(
        s::DIALOG_NEXT_YEAR,
        (s::FILTER_NAME, &["json"]),
        folder,
        suggested,
    )
    .await
    {
        Picked::Path(p) => Picked::Path(with_json(p)),
        other => other,
    }
}

fn with_json(p: PathBuf) -> PathBuf {
    if p.extension().is_none() {
        p.with_extension("json")
    } else {
        p
    }
}

impl State {
    /// Something typed in one of the cards is not saved yet.
    pub fn has_open_form(&self) -> bool {
        self.details.is_some()
            || self.delegates.is_some()
            || self.election.is_some()
            || self.agreed.is_some()
            || self.handover.is_some()
            || self.minutes.is_some()
            || self.byline.is_some()
    }

    /// What "Lưu thay đổi" of each open form sends (Ctrl+S commits them).
    pub fn save_messages(&self) -> Vec<Message> {
        [
            (self.details.is_some(), Message::SaveDetails),
            (self.delegates.is_some(), Message::SaveDelegates),
            (
                self.election.is_some() || self.agreed.is_some(),
                Message::SaveElection,
            ),
            (self.handover.is_some(), Message::SaveHandover),
            (self.minutes.is_some(), Message::SaveMinutes),
            (self.byline.is_some(), Message::SaveByline),
        ]
        .into_iter()
        .filter_map(|(open, m)| open.then_some(m))
        .collect()
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        self.error = None;
        match message {
            Message::Detail(f, v) => {
                self.details.get_or_insert_with(|| details_of(wb))[f as usize] = v;
            }
            Message::SaveDetails => {
                let d = self.details.clone().unwrap_or_else(|| details_of(wb));
                match details(&d) {
                    Ok(details) => {
                        return self.save(Section::Details, ConferenceEdit::SetDetails(details));
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Message::Delegates(school, v) => {
                let list = self.delegates.get_or_insert_with(|| delegates_of(wb));
                if let Some((_, typed)) = list.iter_mut().find(|(id, _)| *id == school) {
                    *typed = v;
                }
            }
            Message::SaveDelegates => {
                let typed = self.delegates.clone().unwrap_or_else(|| delegates_of(wb));
                let mut list = attendance(wb);
                for a in &mut list {
                    if let Some((_, t)) = typed.iter().find(|(id, _)| *id == a.school) {
                        a.representatives = parse_people(t);
                    }
                }
                return self.save(Section::Delegates, ConferenceEdit::SetAttendance(list));
            }
            Message::Agreed(v) => self.agreed = Some(v),
            Message::EditMinutes => self.minutes = Some(MinutesDraft::of(wb)),
            Message::Minutes(f, action) => {
                self.minutes
                    .get_or_insert_with(|| MinutesDraft::of(wb))
                    .field(f)
                    .perform(action);
            }
            Message::SaveMinutes => {
                let m = self.minutes.clone().unwrap_or_else(|| MinutesDraft::of(wb));
                return self.save(Section::Minutes, ConferenceEdit::SetMinutesText(m.text()));
            }
            Message::Present(school, present) => {
                let mut list = attendance(wb);
                if let Some(a) = list.iter_mut().find(|a| a.school == school) {
                    a.present = present;
                }
                return edit(ConferenceEdit::SetAttendance(list));
            }
            Message::AllPresent => {
                let mut list = attendance(wb);
                for a in &mut list {
                    a.present = true;
                }
                return edit(ConferenceEdit::SetAttendance(list));
            }
            Message::Leader(c) => {
                let e = self
                    .election
                    .get_or_insert_with(|| wb.conference.election.clone());
                e.deputies.retain(|d| d != &c.id);
                e.leader = Some(c.id);
            }
            Message::Deputy(id, on) => {
                let e = self
                    .election
                    .get_or_insert_with(|| wb.conference.election.clone());
                e.deputies.retain(|d| d != &id);
                if on && e.leader.as_ref() != Some(&id) {
                    e.deputies.push(id);
                }
            }
            Message::ElectionNote(v) => {
                self.election
                    .get_or_insert_with(|| wb.conference.election.clone())
                    .note = v;
            }
            Message::UseSuggestion => {
                let sum = election::summarize(wb);
                let e = self
                    .election
                    .get_or_insert_with(|| wb.conference.election.clone());
                e.leader = sum.suggested_leader;
                e.deputies = sum.suggested_deputies;
            }
            Message::SaveElection => {
                let mut e = self
                    .election
                    .clone()
                    .unwrap_or_else(|| wb.conference.election.clone());
                if let Some(typed) = &self.agreed {
                    match typed.trim() {
                        "" => e.agreed = None,
                        t => match t.parse::<u32>() {
                            Ok(n) => e.agreed = Some(n),
                            Err(_) => {
                                self.error = Some(s::AGREED_NOT_A_NUMBER.to_string());
                                return Action::None;
                            }
                        },
                    }
                }
                return self.save(Section::Election, ConferenceEdit::SetElection(e));
            }
            Message::Handover(f, v) => {
                self.handover.get_or_insert_with(|| handover_of(wb)).fields[f as usize] = v;
            }
            Message::Item(i, v) => {
                let h = self.handover.get_or_insert_with(|| handover_of(wb));
                if let Some(item) = h.items.get_mut(i) {
                    *item = v;
                }
            }
            Message::AddItem => self
                .handover
                .get_or_insert_with(|| handover_of(wb))
                .items
                .push(String::new()),
            Message::RemoveItem(i) => {
                let h = self.handover.get_or_insert_with(|| handover_of(wb));
                if i < h.items.len() {
                    h.items.remove(i);
                }
            }
            Message::SaveHandover => {
                let h = self.handover.clone().unwrap_or_else(|| handover_of(wb));
                match handover(&h) {
                    Ok(h) => return self.save(Section::Handover, ConferenceEdit::SetHandover(h)),
                    Err(e) => self.error = Some(e),
                }
            }
            Message::Byline(v) => self.byline = Some(v),
            Message::SaveByline => {
                if let Some(b) = self.byline.take() {
                    // Typed on one line: "; " separates the name and title.
                    let lines = b.replace(';', "\n");
                    return edit(ConferenceEdit::SetNewsByline(lines));
                }
            }
            Message::DiscardDrafts(section) => self.drop_draft(section),
            Message::NextYear => {
                return Action::Run(Task::perform(
                    pick_next_year(self.folder.clone(), next_year_name(wb)),
                    Message::NextYearPicked,
                ));
            }
            Message::NextYearPicked(p) => match p {
                Picked::Path(path) => {
                    self.next_year_path = None;
                    return Action::NextYear(path);
                }
                Picked::Cancelled => {}
                Picked::Unavailable => {
                    // Pre-filled: beside this year's file, under next
                    // year's name ("…/cum8-2020.json").
                    let name = next_year_name(wb);
                    self.next_year_path = Some(match &self.folder {
                        Some(dir) => dir.join(name).display().to_string(),
                        None => name,
                    });
                    return Action::Run(iced::widget::operation::focus("next-year-path"));
                }
            },
            Message::NextYearPath(v) => self.next_year_path = Some(v),
            Message::NextYearPathSubmit => {
                if let Some(p) = self.next_year_path.as_deref().map(str::trim)
                    && !p.is_empty()
                {
                    let path = with_json(PathBuf::from(p));
                    self.next_year_path = None;
                    return Action::NextYear(path);
                }
            }
            Message::CancelPath => self.next_year_path = None,
        }
        Action::None
    }

    /// Hands a section's edit to the app; its draft goes once it lands.
    fn save(&mut self, section: Section, e: ConferenceEdit) -> Action {
        self.saving = Some(section);
        edit(e)
    }

    fn drop_draft(&mut self, section: Section) {
        match section {
            Section::Details => self.details = None,
            Section::Delegates => self.delegates = None,
            Section::Election => {
                self.election = None;
                self.agreed = None;
            }
            Section::Handover => self.handover = None,
            Section::Minutes => self.minutes = None,
        }
    }

    /// How applying our last edit went.
    pub fn applied(&mut self, result: Result<(), String>) -> Option<String> {
        match result {
            Ok(()) => {
                // The saved section now shows the workbook again; the
                // others keep what is being typed.
                if let Some(section) = self.saving.take() {
                    self.drop_draft(section);
                }
                None
            }
            Err(e) => {
                self.saving = None;
                self.error = Some(e);
                None
            }
        }
    }

    pub fn reset(&mut self) {
        let folder = self.folder.take();
        *self = State::default();
        self.folder = folder;
    }

    /// The open workbook's folder.
    pub fn set_folder(&mut self, folder: Option<PathBuf>) {
        self.folder = folder;
    }

    /// The news item's byline (the rest of the item comes from the year).
    fn news_card<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let shown = self
            .byline
            .clone()
            .unwrap_or_else(|| wb.documents.news_byline.replace('\n', "; "));
        container(
            column![
                text(s::NEWS_TITLE).font(font::BOLD),
                text(s::NEWS_HELP)
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
                row![
                    limited(
                        text_input(s::BYLINE_HINT, &shown)
                            .id(BYLINE_ID)
                            .on_input(Message::Byline)
                            .on_submit(Message::SaveByline)
                            .padding(6),
                        s::BYLINE_HINT,
                        &shown,
                        Message::Byline,
                        crate::limits::TextKind::Name,
                    ),
                    button(text(s::SAVE_CHANGES))
                        .on_press_maybe(self.byline.is_some().then_some(Message::SaveByline))
                        .style(button::primary),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
            ]
            .spacing(theme::SPACE_S),
        )
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card)
        .into()
    }

    pub fn view<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let header = row![
            text(s::VIEW_YEAR_END)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
            button(text(s::CREATE_NEXT_YEAR))
                .on_press(Message::NextYear)
                .style(button::primary),
        ]
        .align_y(Alignment::Center);
        let mut page = column![].spacing(theme::SPACE_M);
        // The path asked for and an error sit at the foot, in sight
        // wherever the page is scrolled, and appear there without moving
        // the page under the pointer.
        let mut foot = column![].spacing(theme::SPACE_S);
        if let Some(p) = &self.next_year_path {
            foot = foot.push(crate::app::path_field::path_field(
                s::PATH_NO_DIALOG_NEXT_YEAR,
                s::PATH_HINT,
                p,
                "next-year-path",
                Message::NextYearPath,
                Message::NextYearPathSubmit,
                Message::CancelPath,
            ));
        }
        if let Some(e) = &self.error {
            foot = foot.push(
                container(text(e.clone()))
                    .padding(theme::SPACE_S)
                    .width(Length::Fill)
                    .style(theme::error_note),
            );
        }
        let d = self.details.clone().unwrap_or_else(|| details_of(wb));
        page = page
            .push(self.details_card(wb, d))
            .push(self.election_card(wb))
            .push(self.minutes_card(wb))
            .push(self.handover_card(wb))
            .push(self.news_card(wb));
        column![
            header,
            scrollable(page.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                .id("year-end-page")
                .height(Length::Fill),
            foot,
        ]
        .spacing(theme::SPACE_M)
        .into()
    }

    fn details_card<'a>(&'a self, wb: &'a Workbook, d: [String; 8]) -> Element<'a, Message> {
        let input = |f: DetailField| {
            column![
                small_label(f.label()),
                limited(
                    text_input(f.hint(), &d[f as usize])
                        .id(f.id())
                        .on_input(move |v| Message::Detail(f, v))
                        .on_submit(Message::SaveDetails)
                        .padding(6),
                    f.hint(),
                    &d[f as usize],
                    move |v| Message::Detail(f, v),
                    crate::limits::TextKind::Name,
                ),
            ]
            .spacing(2)
            .width(Length::Fill)
        };
        use DetailField as F;
        let form = column![
            row![input(F::Date), input(F::Start), input(F::End)].spacing(theme::SPACE_M),
            input(F::Place),
            row![input(F::ChairName), input(F::ChairTitle)].spacing(theme::SPACE_M),
            row![input(F::SecretaryName), input(F::SecretaryTitle)].spacing(theme::SPACE_M),
            save_row(
                self.details.is_some(),
                Message::SaveDetails,
                Section::Details
            ),
        ]
        .spacing(theme::SPACE_S);

        let mut list = attendance(wb);
        // Shown in Vietnamese order; stored in member order (messages carry ids).
        list.sort_by(|a, b| {
            crate::text::compare_vi(
                &wb.school_full_name(&a.school),
                &wb.school_full_name(&b.school),
            )
        });
        let present = list.iter().filter(|a| a.present).count();
        let mut att = column![
            row![
                text(s::attendance_heading(present, list.len())).font(font::BOLD),
                space::horizontal(),
                button(text(s::ALL_PRESENT).size(theme::TEXT_SMALL))
                    .on_press(Message::AllPresent)
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .align_y(Alignment::Center)
        ]
        .spacing(4);
        let typed = self.delegates.clone().unwrap_or_else(|| delegates_of(wb));
        for a in list {
            let id = a.school.clone();
            att = att.push(
                checkbox(a.present)
                    .label(wb.school_full_name(&a.school))
                    .on_toggle(move |b| Message::Present(id.clone(), b)),
            );
            if a.present {
                let value = typed
                    .iter()
                    .find(|(id, _)| *id == a.school)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                let id = a.school.clone();
                let undo_id = a.school.clone();
                att = att.push(
                    container(limited(
                        text_input(s::DELEGATES_HINT, &value)
                            .id(delegates_id(&a.school))
                            .on_input(move |v| Message::Delegates(id.clone(), v))
                            .on_submit(Message::SaveDelegates)
                            .size(theme::TEXT_SMALL)
                            .padding(4),
                        s::DELEGATES_HINT,
                        &value,
                        move |v| Message::Delegates(undo_id.clone(), v),
                        crate::limits::TextKind::Note,
                    ))
                    .padding(iced::Padding::ZERO.left(26)),
                );
            }
        }
        att = att.push(save_row(
            self.delegates.is_some(),
            Message::SaveDelegates,
            Section::Delegates,
        ));
        card(
            column![
                text(s::CONFERENCE)
                    .size(theme::TEXT_HEADING)
                    .font(font::BOLD),
                row![
                    form.width(Length::FillPortion(3)),
                    att.width(Length::FillPortion(2))
                ]
                .spacing(theme::SPACE_L),
            ]
            .spacing(theme::SPACE_M),
        )
    }

    fn election_card<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let e = self
            .election
            .clone()
            .unwrap_or_else(|| wb.conference.election.clone());
        let sum = election::summarize(wb);
        let names = |ids: &[Id]| {
            ids.iter()
                .map(|i| wb.school_name(i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let suggestion = match &sum.suggested_leader {
            Some(l) => s::rotation_suggests(&wb.school_name(l), &names(&sum.suggested_deputies)),
            None => s::NO_ROTATION.to_string(),
        };
        let mut members: Vec<&crate::workbook::School> = wb.current_members().collect();
        members.sort_by(|a, b| crate::text::compare_vi(&a.full_name, &b.full_name));
        let choices: Vec<Choice> = members
            .into_iter()
            .map(|m| Choice {
                id: m.id.clone(),
                name: m.short_name.clone(),
            })
            .collect();
        let selected = choices
            .iter()
            .find(|c| e.leader.as_ref() == Some(&c.id))
            .cloned();
        let mut deputies = row![small_label(s::NEXT_DEPUTIES)].spacing(theme::SPACE_M);
        for c in &choices {
            let id = c.id.clone();
            deputies = deputies.push(
                checkbox(e.deputies.contains(&c.id))
                    .label(c.name.clone())
                    .on_toggle_maybe(
                        (e.leader.as_ref() != Some(&c.id))
                            .then_some(move |b| Message::Deputy(id.clone(), b)),
                    ),
            );
        }
        let differs = e.leader.is_some()
            && (e.leader != sum.suggested_leader || e.deputies != sum.suggested_deputies);
        let mut body = column![
            text(s::ELECTION).size(theme::TEXT_HEADING).font(font::BOLD),
            row![
                text(suggestion).color(theme::MUTED).width(Length::Fill),
                button(text(s::USE_SUGGESTION).size(theme::TEXT_SMALL))
                    .on_press_maybe(
                        sum.suggested_leader
                            .is_some()
                            .then_some(Message::UseSuggestion)
                    )
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center),
            row![
                small_label(s::NEXT_LEADER),
                pick_list(choices.clone(), selected, Message::Leader)
                    .placeholder(s::CHOOSE_SCHOOL)
                    .width(260),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center),
            deputies.wrap(),
        ]
        .spacing(theme::SPACE_S);
        if differs {
            body = body.push(small_label(s::DIFFERS_FROM_ROTATION));
        }
        let agreed = self
            .agreed
            .clone()
            .unwrap_or_else(|| e.agreed.map(|n| n.to_string()).unwrap_or_default());
        body = body.push(
            column![
                small_label(s::agreed_label(election::schools_present(wb))),
                undoable(
                    text_input(s::AGREED_HINT, &agreed)
                        .id(AGREED_ID)
                        .on_input(Message::Agreed)
                        .on_submit(Message::SaveElection)
                        .width(320)
                        .padding(6),
                    s::AGREED_HINT,
                    &agreed,
                    Message::Agreed,
                ),
            ]
            .spacing(2),
        );
        body = body.push(
            column![
                small_label(s::ELECTION_NOTE),
                limited(
                    text_input(s::ELECTION_NOTE_HINT, &e.note)
                        .id("election-note")
                        .on_input(Message::ElectionNote)
                        .on_submit(Message::SaveElection)
                        .padding(6),
                    s::ELECTION_NOTE_HINT,
                    &e.note,
                    Message::ElectionNote,
                    crate::limits::TextKind::Note,
                ),
            ]
            .spacing(2),
        );
        body = body.push(save_row(
            self.election.is_some() || self.agreed.is_some(),
            Message::SaveElection,
            Section::Election,
        ));
        card(body)
    }

    /// Guests, the discussion and the chair's conclusion, typed during the
    /// meeting for the minutes.
    fn minutes_card<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let editor = |f: MinutesField, label: &'a str, hint: &'a str, content| {
            column![
                small_label(label),
                text_editor(content)
                    .placeholder(hint)
                    .on_action(move |a| Message::Minutes(f, a))
                    .height(Length::Shrink)
                    .min_height(if f == MinutesField::Guests {
                        60.0
                    } else {
                        90.0
                    })
                    .padding(6),
            ]
            .spacing(2)
        };
        let title = row![
            text(s::MINUTES_TEXT)
                .size(theme::TEXT_HEADING)
                .font(font::BOLD),
            space::horizontal(),
        ]
        .align_y(Alignment::Center);
        let Some(draft) = &self.minutes else {
            // Read as it will print; "Sửa" opens the editors (a multi-line
            // editor needs its own state, kept only while editing).
            let c = &wb.conference;
            let shown = |label: &'a str, body: String| {
                column![
                    small_label(label),
                    text(if body.trim().is_empty() {
                        s::NOT_TYPED_YET.to_string()
                    } else {
                        body
                    }),
                ]
                .spacing(2)
            };
            let guests: Vec<String> = c.guests.iter().map(person_text).collect();
            return card(
                column![
                    title.push(
                        button(text(s::EDIT))
                            .on_press(Message::EditMinutes)
                            .style(button::primary)
                    ),
                    small_label(s::MINUTES_TEXT_HELP),
                    shown(s::GUESTS, guests.join("\n")),
                    shown(s::DISCUSSION, c.discussion.clone()),
                    shown(s::CONCLUSION, c.conclusion.clone()),
                ]
                .spacing(theme::SPACE_S),
            );
        };
        card(
            column![
                title,
                small_label(s::MINUTES_TEXT_HELP),
                editor(
                    MinutesField::Guests,
                    s::GUESTS,
                    s::GUESTS_HINT,
                    &draft.guests
                ),
                editor(
                    MinutesField::Discussion,
                    s::DISCUSSION,
                    "",
                    &draft.discussion
                ),
                editor(
                    MinutesField::Conclusion,
                    s::CONCLUSION,
                    "",
                    &draft.conclusion
                ),
                save_row(true, Message::SaveMinutes, Section::Minutes),
            ]
            .spacing(theme::SPACE_S),
        )
    }

    fn handover_card<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let h = self.handover.clone().unwrap_or_else(|| handover_of(wb));
        let input = |f: HandoverField| {
            column![
                small_label(f.label()),
                limited(
                    text_input(
                        if f == HandoverField::Date {
                            s::DATE_HINT
                        } else {
                            ""
                        },
                        &h.fields[f as usize]
                    )
                    .id(f.id())
                    .on_input(move |v| Message::Handover(f, v))
                    .on_submit(Message::SaveHandover)
                    .padding(6),
                    if f == HandoverField::Date {
                        s::DATE_HINT
                    } else {
                        ""
                    },
                    &h.fields[f as usize],
                    move |v| Message::Handover(f, v),
                    crate::limits::TextKind::Name,
                ),
            ]
            .spacing(2)
            .width(Length::Fill)
        };
        use HandoverField as F;
        let mut items = column![small_label(s::HANDOVER_ITEMS)].spacing(4);
        for (i, item) in h.items.iter().enumerate() {
            items = items.push(
                row![
                    limited(
                        text_input("", item)
                            .on_input(move |v| Message::Item(i, v))
                            .on_submit(Message::SaveHandover)
                            .padding(6),
                        "",
                        item,
                        move |v| Message::Item(i, v),
                        crate::limits::TextKind::Note,
                    ),
                    button(text("×"))
                        .on_press(Message::RemoveItem(i))
                        .style(button::text),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
            );
        }
        items = items.push(
            button(text(s::ADD_ITEM).size(theme::TEXT_SMALL))
                .on_press(Message::AddItem)
                .padding([4, 8])
                .style(theme::quiet),
        );
        let mut body = column![
            text(s::HANDOVER).size(theme::TEXT_HEADING).font(font::BOLD),
            row![input(F::Date), input(F::Place)].spacing(theme::SPACE_M),
            row![input(F::OutgoingName), input(F::OutgoingTitle)].spacing(theme::SPACE_M),
            row![input(F::IncomingName), input(F::IncomingTitle)].spacing(theme::SPACE_M),
            items,
            input(F::Note),
        ]
        .spacing(theme::SPACE_S);
        if !h.next_year_file.is_empty() {
            body = body.push(small_label(s::next_year_file(&h.next_year_file)));
        }
        body = body.push(save_row(
            self.handover.is_some(),
            Message::SaveHandover,
            Section::Handover,
        ));
        card(body)
    }
}

use crate::app::widget::{card, small as small_label};

fn save_row<'a>(changed: bool, save: Message, section: Section) -> Element<'a, Message> {
    let mut r = row![
        button(text(s::SAVE_CHANGES))
            .on_press_maybe(changed.then_some(save))
            .style(button::primary)
    ]
    .spacing(theme::SPACE_M)
    .align_y(Alignment::Center);
    if changed {
        r = r
            .push(
                button(text(s::DISCARD_DRAFT))
                    .on_press(Message::DiscardDrafts(section))
                    .style(theme::quiet),
            )
            .push(small_label(s::NOT_SAVED_YET));
    }
    r.into()
}

/// The attendance list with one entry per current member (absent where
/// nothing is recorded), in member order.
fn attendance(wb: &Workbook) -> Vec<Attendance> {
    let mut list: Vec<Attendance> = wb
        .current_members()
        .map(|m| {
            wb.conference
                .attendance
                .iter()
                .find(|a| a.school == m.id)
                .cloned()
                .unwrap_or_else(|| Attendance {
                    school: m.id.clone(),
                    ..Attendance::default()
                })
        })
        .collect();
    // Keep records of schools that left during the year.
    for a in &wb.conference.attendance {
        if !list.iter().any(|x| x.school == a.school) && wb.school(&a.school).is_some() {
            list.push(a.clone());
        }
    }
    list
}

fn details(d: &[String; 8]) -> Result<Details, String> {
    let date = parse_date(&d[0]).map_err(|Unreadable| s::bad_date(s::CONF_DATE, &d[0]))?;
    let start = parse_time(&d[1]).map_err(|Unreadable| s::bad_time(s::CONF_START, &d[1]))?;
    let end = parse_time(&d[2]).map_err(|Unreadable| s::bad_time(s::CONF_END, &d[2]))?;
    Ok(Details {
        date,
        start,
        end,
        place: d[3].clone(),
        chair: Person {
            name: d[4].clone(),
            title: d[5].clone(),
        },
        secretary: Person {
            name: d[6].clone(),
            title: d[7].clone(),
        },
    })
}

fn handover(h: &HandoverDraft) -> Result<Handover, String> {
    let f = &h.fields;
    let date = parse_date(&f[0]).map_err(|Unreadable| s::bad_date(s::HANDOVER_DATE, &f[0]))?;
    Ok(Handover {
        date,
        place: f[1].clone(),
        outgoing: Person {
            name: f[2].clone(),
            title: f[3].clone(),
        },
        incoming: Person {
            name: f[4].clone(),
            title: f[5].clone(),
        },
        items: h.items.clone(),
        note: f[6].clone(),
        next_year_file: h.next_year_file.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_typed_the_vietnamese_way() {
        let d = jiff::civil::date(2019, 11, 2);
        assert_eq!(parse_date("2/11/2019"), Ok(Some(d)));
        assert_eq!(parse_date(" 02-11-2019 "), Ok(Some(d)));
        assert_eq!(format_date(d), "02/11/2019");
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("31/02/2019").is_err());
        assert!(parse_date("2019-11-02").is_err());
        assert!(parse_date("257/11/2019").is_err());
        let t = jiff::civil::time(8, 30, 0, 0);
        for typed in ["8:30", "08:30", "8h30", "8 giờ 30"] {
            assert_eq!(parse_time(typed), Ok(Some(t)), "{typed}");
        }
        assert_eq!(parse_time("14"), Ok(Some(jiff::civil::time(14, 0, 0, 0))));
        assert!(parse_time("25:00").is_err());
        assert_eq!(format_time(t), "08:30");
    }
}
