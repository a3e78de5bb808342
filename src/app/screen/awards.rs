//! Bình xét & khen thưởng: who may be proposed and why (the rules' outcome
//! per school), the secret ballot per award with quorum, threshold and the
//! inconsistencies the rules find shown live, the resulting proposals, and
//! later the Academy's decision on each proposal.

use crate::app::button::{self, button};
use crate::app::checkbox::checkbox;
use crate::app::field::{limited, undoable};
use iced::widget::{column, container, row, rule, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use super::year_end::{format_date, parse_date};
use crate::app::widget::small as small_label;
use crate::app::{font, strings as s, theme};
use crate::rules::{self, Outcome, Results, ballot};
use crate::workbook::edit::{ConferenceEdit, Edit};
use crate::workbook::{
    AcademyDecision, Ballot, CandidateVotes, DecisionOutcome, DecisionRef, DocKind, Id, Workbook,
    WrittenVote,
};

/// UI state only: the award shown, the figures being typed, the decision
/// being recorded.
#[derive(Debug, Clone, Default)]
pub struct State {
    award: Option<Id>,
    draft: Option<Draft>,
    decision: Option<DecisionDraft>,
    error: Option<String>,
    /// The results with the ballot as typed (quorum, threshold, problems
    /// follow every keystroke before anything is saved): worked out when
    /// the draft changes, never in `view`.
    preview: Option<(Draft, Results)>,
    /// The counting committee of a ballot just removed: entering the
    /// ballot again starts with it rather than silently without it.
    committee_memory: Vec<crate::workbook::Person>,
}

/// The ballot of one award as typed: figures stay text until they parse.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    award: Id,
    /// Empty for a ballot not recorded yet.
    id: Id,
    figures: [String; 4],
    /// Votes per current member; empty text: not a candidate.
    votes: Vec<(Id, String)>,
    written: Vec<WrittenVote>,
    /// Ban kiểm phiếu: (name, title) rows; rows without a name are dropped.
    committee: Vec<(String, String)>,
    base: Ballot,
}

#[derive(Debug, Clone, PartialEq)]
struct DecisionDraft {
    award: Id,
    school: Id,
    outcome: DecisionOutcome,
    number: String,
    date: String,
    issuer: String,
}

/// The four figures of a ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Issued,
    Returned,
    Valid,
    Invalid,
}

impl Figure {
    pub const ALL: [Figure; 4] = [
        Figure::Issued,
        Figure::Returned,
        Figure::Valid,
        Figure::Invalid,
    ];
    fn label(self) -> &'static str {
        match self {
            Figure::Issued => s::BALLOTS_ISSUED,
            Figure::Returned => s::BALLOTS_RETURNED,
            Figure::Valid => s::BALLOTS_VALID,
            Figure::Invalid => s::BALLOTS_INVALID,
        }
    }
    /// Stable widget ids, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            Figure::Issued => "ballot-issued",
            Figure::Returned => "ballot-returned",
            Figure::Valid => "ballot-valid",
            Figure::Invalid => "ballot-invalid",
        }
    }
    fn get(self, b: &Ballot) -> u32 {
        match self {
            Figure::Issued => b.issued,
            Figure::Returned => b.returned,
            Figure::Valid => b.valid,
            Figure::Invalid => b.invalid,
        }
    }
    fn index(self) -> usize {
        self as usize
    }
}

/// The id of the votes field of a candidate.
pub fn votes_id(school: &Id) -> iced::widget::Id {
    iced::widget::Id::from(format!("ballot-votes-{school}"))
}

#[derive(Debug, Clone)]
pub enum Message {
    SelectAward(Id),
    Figure(Figure, String),
    Votes(Id, String),
    /// An absent member sent (or not) a written vote.
    WrittenSent(Id, bool),
    /// An absent member's written vote approves (or not) a candidate.
    WrittenFor(Id, Id, bool),
    /// The name (true) or title of the counting committee's member `n`.
    Committee(usize, bool, String),
    AddCommitteeMember,
    Save,
    Discard,
    RemoveBallot(Id),
    PrintBallots,
    Decide(Id, Id),
    DecisionOutcome(DecisionOutcome),
    DecisionNumber(String),
    DecisionDate(String),
    DecisionIssuer(String),
    SaveDecision,
    CancelDecision,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Edit(Box<Edit>),
    /// Export this document (the ballot papers) through a save dialog.
    Export(DocKind),
}

impl State {
    /// A ballot or an Academy decision is being typed.
    pub fn has_open_form(&self) -> bool {
        self.draft.is_some() || self.decision.is_some()
    }

    /// What "Lưu thay đổi" of each open form sends (Ctrl+S commits them).
    pub fn save_messages(&self) -> Vec<Message> {
        let mut m = Vec::new();
        if self.draft.is_some() {
            m.push(Message::Save);
        }
        if self.decision.is_some() {
            m.push(Message::SaveDecision);
        }
        m
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        let action = self.step(message, wb);
        self.refresh_preview(wb);
        action
    }

    fn step(&mut self, message: Message, wb: &Workbook) -> Action {
        self.error = None;
        match message {
            Message::SelectAward(id) => {
                if self.award.as_ref() != Some(&id) {
                    self.award = Some(id);
                    self.draft = None;
                }
            }
            Message::Figure(f, v) => self.draft_mut(wb).figures[f.index()] = v,
            Message::Votes(school, v) => {
                let d = self.draft_mut(wb);
                if let Some(slot) = d.votes.iter_mut().find(|(id, _)| id == &school) {
                    slot.1 = v;
                }
            }
            Message::WrittenSent(voter, sent) => {
                let d = self.draft_mut(wb);
                d.written.retain(|w| w.voter != voter);
                if sent {
                    d.written.push(WrittenVote {
                        voter,
                        candidates: Vec::new(),
                    });
                }
            }
            Message::WrittenFor(voter, candidate, yes) => {
                let d = self.draft_mut(wb);
                if let Some(w) = d.written.iter_mut().find(|w| w.voter == voter) {
                    w.candidates.retain(|c| c != &candidate);
                    if yes {
                        w.candidates.push(candidate);
                    }
                }
            }
            Message::Committee(n, name, v) => {
                let d = self.draft_mut(wb);
                if let Some(row) = d.committee.get_mut(n) {
                    if name {
                        row.0 = v;
                    } else {
                        row.1 = v;
                    }
                }
            }
            Message::AddCommitteeMember => self
                .draft_mut(wb)
                .committee
                .push((String::new(), s::COMMITTEE_MEMBER.into())),
            Message::Save => {
                let Some(d) = &self.draft else {
                    return Action::None;
                };
                match d.ballot() {
                    Ok(b) => {
                        let edit = if d.id.as_str().is_empty() {
                            ConferenceEdit::AddBallot(b)
                        } else {
                            ConferenceEdit::SetBallot(b)
                        };
                        return Action::Edit(Box::new(Edit::Conference(edit)));
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Message::Discard => self.draft = None,
            Message::RemoveBallot(id) => {
                self.draft = None;
                if let Some(b) = wb.conference.ballots.iter().find(|b| b.id == id)
                    && !b.counting_committee.is_empty()
                {
                    self.committee_memory = b.counting_committee.clone();
                }
                return Action::Edit(Box::new(Edit::Conference(ConferenceEdit::RemoveBallot(id))));
            }
            Message::PrintBallots => return Action::Export(DocKind::Ballots),
            Message::Decide(award, school) => {
                let existing = wb
                    .conference
                    .academy_decisions
                    .iter()
                    .find(|d| d.award == award && d.school == school);
                self.decision = Some(DecisionDraft {
                    outcome: existing.map_or(DecisionOutcome::Awarded, |d| d.outcome),
                    number: existing
                        .map(|d| d.decision.number.clone())
                        .unwrap_or_default(),
                    date: existing
                        .and_then(|d| d.decision.date)
                        .map(format_date)
                        .unwrap_or_default(),
                    issuer: existing
                        .map(|d| d.decision.issuer.clone())
                        .filter(|i| !i.is_empty())
                        .unwrap_or_else(|| wb.roles.decision.issuer.clone()),
                    award,
                    school,
                });
            }
            Message::DecisionOutcome(o) => {
                if let Some(d) = &mut self.decision {
                    d.outcome = o;
                }
            }
            Message::DecisionNumber(v) => {
                if let Some(d) = &mut self.decision {
                    d.number = v;
                }
            }
            Message::DecisionDate(v) => {
                if let Some(d) = &mut self.decision {
                    d.date = v;
                }
            }
            Message::DecisionIssuer(v) => {
                if let Some(d) = &mut self.decision {
                    d.issuer = v;
                }
            }
            Message::SaveDecision => {
                let Some(d) = &self.decision else {
                    return Action::None;
                };
                match parse_date(&d.date) {
                    Ok(date) => {
                        return Action::Edit(Box::new(Edit::Conference(
                            ConferenceEdit::SetAcademyDecision(AcademyDecision {
                                award: d.award.clone(),
                                school: d.school.clone(),
                                outcome: d.outcome,
                                decision: DecisionRef {
                                    number: d.number.clone(),
                                    date,
                                    issuer: d.issuer.clone(),
                                },
                            }),
                        )));
                    }
                    Err(_) => self.error = Some(s::BAD_DATE.into()),
                }
            }
            Message::CancelDecision => self.decision = None,
        }
        Action::None
    }

    /// How applying our last edit went. Returns the error when there is
    /// nowhere on this screen to show it.
    pub fn applied(&mut self, result: Result<(), String>) -> Option<String> {
        match result {
            Ok(()) => {
                self.draft = None;
                self.decision = None;
                None
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// Forget drafts that may no longer fit the workbook (undo, open …).
    pub fn reset(&mut self) {
        let award = self.award.take();
        *self = State {
            award,
            ..State::default()
        };
    }

    fn selected(&self, wb: &Workbook) -> Option<Id> {
        self.award
            .clone()
            .filter(|a| wb.award(a).is_some())
            .or_else(|| wb.rules.awards.first().map(|a| a.id.clone()))
    }

    fn draft_mut(&mut self, wb: &Workbook) -> &mut Draft {
        let award = self.selected(wb).unwrap_or_default();
        if self.draft.as_ref().is_none_or(|d| d.award != award) {
            self.draft = Some(Draft::of(wb, &award, &self.committee_memory));
        }
        let memory = &self.committee_memory;
        self.draft
            .get_or_insert_with(|| Draft::of(wb, &award, memory))
    }

    /// Works out the preview results after a change of the draft.
    fn refresh_preview(&mut self, wb: &Workbook) {
        self.preview = None;
        let Some(d) = &self.draft else { return };
        let Ok(mut b) = d.ballot() else { return };
        let stored = wb.conference.ballots.iter().find(|x| x.award == d.award);
        if stored == Some(&b) {
            return;
        }
        if b.id.as_str().is_empty() {
            b.id = Id::new("preview");
        }
        let mut p = wb.clone();
        p.conference.ballots.retain(|x| x.award != d.award);
        p.conference.ballots.push(b);
        self.preview = Some((d.clone(), rules::evaluate(&p)));
    }

    /// `results`: the rules' results of `wb`, worked out once per change.
    pub fn view<'a>(&'a self, wb: &'a Workbook, results: &'a Results) -> Element<'a, Message> {
        let header = row![
            text(s::VIEW_AWARDS)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
            button(text(s::PRINT_BALLOTS))
                .on_press(Message::PrintBallots)
                .style(theme::quiet),
        ]
        .align_y(Alignment::Center);

        let Some(award) = self.selected(wb) else {
            return column![header, text(s::NO_AWARDS).color(theme::MUTED)]
                .spacing(theme::SPACE_M)
                .into();
        };
        let shown = match &self.draft {
            Some(d) if d.award == award => d.clone(),
            _ => Draft::of(wb, &award, &self.committee_memory),
        };
        let stored = wb.conference.ballots.iter().find(|b| b.award == award);
        let unsaved = stored.is_none_or(|b| shown.ballot().as_ref() != Ok(b))
            && self.draft.as_ref().is_some_and(|d| d.award == award);
        let parsed = shown.ballot();
        // The results with the figures as typed (see `refresh_preview`).
        let results = match &self.preview {
            Some((d, r)) if unsaved && d == &shown => r,
            _ => results,
        };

        let mut tabs = row![].spacing(theme::SPACE_S);
        for a in &wb.rules.awards {
            let selected = a.id == award;
            tabs = tabs.push(
                button(text(a.short_name.clone()))
                    .on_press(Message::SelectAward(a.id.clone()))
                    .padding([6, 14])
                    .style(theme::nav(selected)),
            );
        }
        let (total, present) = ballot::voters(wb);
        let rule_line = text(s::rule_line(
            &ballot::describe_threshold_for(wb, &award),
            &wb.rules.ballot_for(&award).quorum.to_string(),
            present,
            total,
        ))
        .size(theme::TEXT_SMALL)
        .color(theme::MUTED);

        let entry = ballot_entry(wb, &shown, stored, unsaved, parsed.as_ref().err());
        let live = live_result(wb, results, &award);
        let top = row![
            entry.width(Length::FillPortion(1)),
            live.width(Length::FillPortion(1))
        ]
        .spacing(theme::SPACE_L);

        let mut body = column![tabs, rule_line].spacing(theme::SPACE_M);
        if let Some(e) = &self.error {
            body = body.push(
                container(text(e.clone()))
                    .padding(theme::SPACE_S)
                    .width(Length::Fill)
                    .style(theme::error_note),
            );
        }
        body = body
            .push(top)
            .push(eligibility(wb, results, &award))
            .push(decisions(wb, results, self.decision.as_ref()));
        column![
            header,
            scrollable(body.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                .id("awards-page")
                .height(Length::Fill)
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

impl Draft {
    fn of(wb: &Workbook, award: &Id, memory: &[crate::workbook::Person]) -> Draft {
        let base = wb
            .conference
            .ballots
            .iter()
            .find(|b| &b.award == award)
            .cloned()
            .unwrap_or_else(|| Ballot {
                award: award.clone(),
                ..Ballot::default()
            });
        // Schools in Vietnamese order, as on the ballot paper.
        let mut members: Vec<&crate::workbook::School> = wb.current_members().collect();
        members.sort_by(|a, b| crate::text::compare_vi(&a.full_name, &b.full_name));
        let votes = members
            .into_iter()
            .map(|m| {
                let v = base
                    .votes
                    .iter()
                    .find(|v| v.school == m.id)
                    .map(|v| v.votes.to_string())
                    .unwrap_or_default();
                (m.id.clone(), v)
            })
            .collect();
        // One committee counts every ballot of the conference: a new
        // ballot starts with the one already entered for another award.
        let committee_source = if base.counting_committee.is_empty() {
            wb.conference
                .ballots
                .iter()
                .map(|b| &b.counting_committee)
                .find(|c| !c.is_empty())
                .map_or(memory, Vec::as_slice)
        } else {
            &base.counting_committee
        };
        let mut committee: Vec<(String, String)> = committee_source
            .iter()
            .map(|p| (p.name.clone(), p.title.clone()))
            .collect();
        if committee.is_empty() {
            committee = vec![
                (String::new(), s::COMMITTEE_HEAD.into()),
                (String::new(), s::COMMITTEE_MEMBER.into()),
                (String::new(), s::COMMITTEE_MEMBER.into()),
            ];
        }
        Draft {
            award: award.clone(),
            id: base.id.clone(),
            committee,
            figures: Figure::ALL.map(|f| {
                if base.id.as_str().is_empty() {
                    String::new()
                } else {
                    f.get(&base).to_string()
                }
            }),
            votes,
            written: base.written_votes.clone(),
            base,
        }
    }

    /// The ballot as typed, or what does not parse.
    fn ballot(&self) -> Result<Ballot, String> {
        let num = |label: &str, v: &str| -> Result<u32, String> {
            let v = v.trim();
            if v.is_empty() {
                Ok(0)
            } else {
                v.parse().map_err(|_| s::not_a_number(label, v))
            }
        };
        let mut f = [0u32; 4];
        for fig in Figure::ALL {
            f[fig.index()] = num(fig.label(), &self.figures[fig.index()])?;
        }
        let mut votes = Vec::new();
        for (school, v) in &self.votes {
            if !v.trim().is_empty() {
                votes.push(CandidateVotes {
                    school: school.clone(),
                    votes: num(s::VOTES, v)?,
                });
            }
        }
        // Written votes may only name candidates.
        let written = self
            .written
            .iter()
            .map(|w| WrittenVote {
                voter: w.voter.clone(),
                candidates: w
                    .candidates
                    .iter()
                    .filter(|c| votes.iter().any(|v| &v.school == *c))
                    .cloned()
                    .collect(),
            })
            .collect();
        Ok(Ballot {
            id: self.id.clone(),
            award: self.award.clone(),
            issued: f[0],
            returned: f[1],
            valid: f[2],
            invalid: f[3],
            votes,
            written_votes: written,
            counting_committee: self
                .committee
                .iter()
                .filter(|(name, _)| !name.trim().is_empty())
                .map(|(name, title)| crate::workbook::Person {
                    name: name.trim().to_string(),
                    title: title.trim().to_string(),
                })
                .collect(),
            rev: self.base.rev.clone(),
        })
    }
}

/// The id of the name box of the committee's member `n` (for tests).
pub fn committee_id(n: usize) -> iced::widget::Id {
    iced::widget::Id::from(format!("committee-{n}"))
}

fn card<'a>(content: impl Into<Element<'a, Message>>) -> iced::widget::Container<'a, Message> {
    container(content)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card)
}

fn ballot_entry<'a>(
    wb: &'a Workbook,
    d: &Draft,
    stored: Option<&Ballot>,
    unsaved: bool,
    parse_error: Option<&String>,
) -> iced::widget::Container<'a, Message> {
    // Two rows of two: four labels side by side wrap and misalign the boxes.
    let mut figures = column![].spacing(theme::SPACE_S);
    let mut pair = row![].spacing(theme::SPACE_S);
    for f in Figure::ALL {
        pair = pair.push(
            column![
                small_label(f.label()),
                undoable(
                    text_input("0", &d.figures[f.index()])
                        .id(f.id())
                        .on_input(move |v| Message::Figure(f, v))
                        .on_submit(Message::Save)
                        .padding(6)
                        .width(Length::Fill),
                    "0",
                    &d.figures[f.index()],
                    move |v| Message::Figure(f, v),
                ),
            ]
            .spacing(2)
            .width(Length::Fill),
        );
        if f.index() % 2 == 1 {
            figures = figures.push(std::mem::replace(&mut pair, row![].spacing(theme::SPACE_S)));
        }
    }
    let mut candidates = column![small_label(s::VOTES_HINT)].spacing(4);
    for (school, v) in &d.votes {
        let school_id = school.clone();
        let undo_id = school.clone();
        candidates = candidates.push(
            row![
                text(wb.school_name(school)).width(Length::Fill),
                undoable(
                    text_input("", v)
                        .id(votes_id(school))
                        .on_input(move |v| Message::Votes(school_id.clone(), v))
                        .on_submit(Message::Save)
                        .padding(4)
                        .width(80),
                    "",
                    v,
                    move |v| Message::Votes(undo_id.clone(), v),
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        );
    }
    // Absent members may send a written vote before the conference.
    let absent: Vec<Id> = wb
        .current_members()
        .filter(|m| {
            !wb.conference
                .attendance
                .iter()
                .any(|a| a.school == m.id && a.present)
                || d.written.iter().any(|w| w.voter == m.id)
        })
        .map(|m| m.id.clone())
        .collect();
    let named: Vec<&Id> = d
        .votes
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(id, _)| id)
        .collect();
    let mut written = column![text(s::WRITTEN_VOTES).font(font::BOLD)].spacing(4);
    if absent.is_empty() {
        written = written.push(small_label(s::NO_ABSENT));
    }
    for voter in absent {
        let vote = d.written.iter().find(|w| w.voter == voter);
        let v = voter.clone();
        let mut line = row![
            checkbox(vote.is_some())
                .label(s::sent_written(&wb.school_name(&voter)))
                .on_toggle(move |b| Message::WrittenSent(v.clone(), b))
        ]
        .spacing(theme::SPACE_M);
        if let Some(vote) = vote {
            for c in &named {
                let (v, c2) = (voter.clone(), (*c).clone());
                line = line.push(
                    checkbox(vote.candidates.contains(c))
                        .label(wb.school_name(c))
                        .on_toggle(move |b| Message::WrittenFor(v.clone(), c2.clone(), b)),
                );
            }
        }
        written = written.push(line.wrap());
    }

    let mut committee = column![
        text(s::COUNTING_COMMITTEE).font(font::BOLD),
        small_label(s::COMMITTEE_HINT),
    ]
    .spacing(4);
    for (n, (name, title)) in d.committee.iter().enumerate() {
        committee = committee.push(
            row![
                limited(
                    text_input(s::COMMITTEE_NAME, name)
                        .id(committee_id(n))
                        .on_input(move |v| Message::Committee(n, true, v))
                        .padding(4)
                        .width(Length::FillPortion(3)),
                    s::COMMITTEE_NAME,
                    name,
                    move |v| Message::Committee(n, true, v),
                    crate::limits::TextKind::Name,
                ),
                limited(
                    text_input(s::COMMITTEE_TITLE, title)
                        .on_input(move |v| Message::Committee(n, false, v))
                        .padding(4)
                        .width(Length::FillPortion(2)),
                    s::COMMITTEE_TITLE,
                    title,
                    move |v| Message::Committee(n, false, v),
                    crate::limits::TextKind::Name,
                ),
            ]
            .spacing(theme::SPACE_S),
        );
    }
    committee = committee.push(
        button(text(s::ADD_COMMITTEE_MEMBER).size(theme::TEXT_SMALL))
            .on_press(Message::AddCommitteeMember)
            .style(theme::quiet),
    );

    let mut buttons = row![
        button(text(s::SAVE_BALLOT))
            .on_press_maybe((unsaved && parse_error.is_none()).then_some(Message::Save))
            .style(button::primary),
    ]
    .spacing(theme::SPACE_M)
    .align_y(Alignment::Center);
    if unsaved {
        buttons = buttons
            .push(
                button(text(s::DISCARD_DRAFT))
                    .on_press(Message::Discard)
                    .style(theme::quiet),
            )
            .push(small_label(s::NOT_SAVED_YET));
    } else if let Some(b) = stored {
        buttons = buttons.push(space::horizontal()).push(
            button(text(s::REMOVE_BALLOT).size(theme::TEXT_SMALL))
                .on_press(Message::RemoveBallot(b.id.clone()))
                .style(button::danger),
        );
    }
    let mut body = column![
        text(
            wb.award(&d.award)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        )
        .font(font::BOLD),
    ]
    .spacing(theme::SPACE_M);
    // Always one status line in the same place: a line that comes and goes
    // with the first digit moves every box under the pointer.
    body = body.push(small_label(match (stored.is_some(), unsaved) {
        (false, false) => s::NO_BALLOT_YET,
        (_, true) => s::BALLOT_BEING_TYPED,
        (true, false) => s::BALLOT_SAVED,
    }));
    body = body
        .push(figures)
        .push(candidates)
        .push(written)
        .push(committee);
    if let Some(e) = parse_error {
        body = body.push(
            container(text(e.clone()))
                .padding(theme::SPACE_S)
                .width(Length::Fill)
                .style(theme::error_note),
        );
    }
    card(body.push(buttons))
}

fn live_result<'a>(
    wb: &'a Workbook,
    r: &Results,
    award: &Id,
) -> iced::widget::Container<'a, Message> {
    let mut body = column![text(s::LIVE_RESULT).font(font::BOLD)].spacing(theme::SPACE_S);
    let counted = r.ballots.iter().find(|b| match b {
        Ok(b) => &b.award == award,
        Err(e) => &e.award == award,
    });
    match counted {
        None => body = body.push(small_label(s::NO_BALLOT_YET)),
        Some(Err(e)) => {
            let mut list = column![text(s::BALLOT_INCONSISTENT).font(font::BOLD)].spacing(4);
            for p in &e.problems {
                list = list.push(text(format!("• {p}")));
            }
            body = body.push(
                container(list)
                    .padding(theme::SPACE_S)
                    .width(Length::Fill)
                    .style(theme::error_note),
            );
        }
        Some(Ok(b)) => {
            let quorum = s::quorum_line(b.present, b.voters_total, b.quorum_needed, b.quorum_met);
            body = body.push(text(quorum).color(if b.quorum_met {
                theme::GOOD
            } else {
                theme::BAD
            }));
            body = body.push(small_label(crate::rules::ballot::describe_denominator_of(
                wb.rules.ballot_for(&b.award),
                b.denominator,
            )));
            for c in &b.candidates {
                body = body.push(
                    row![
                        text(wb.school_name(&c.school)).width(Length::Fill),
                        text(format!(
                            "{}/{} · {}",
                            c.votes,
                            b.denominator,
                            ballot::format_percent(c.percent_hundredths)
                        )),
                        text(if c.threshold_met {
                            s::THRESHOLD_MET
                        } else {
                            s::THRESHOLD_MISSED
                        })
                        .color(if c.threshold_met {
                            theme::GOOD
                        } else {
                            theme::BAD
                        })
                        .width(150),
                    ]
                    .spacing(theme::SPACE_M),
                );
            }
        }
    }
    body = body.push(rule::horizontal(1));
    let proposed: Vec<String> = r
        .awards
        .iter()
        .filter(|a| &a.award == award)
        .flat_map(|a| a.proposed.iter().map(|id| wb.school_name(id)))
        .collect();
    body = body.push(text(s::PROPOSALS).font(font::BOLD));
    if proposed.is_empty() {
        body = body.push(text(s::NO_PROPOSAL).color(theme::MUTED));
    } else {
        for p in proposed {
            body = body.push(text(format!("• {p}")).color(theme::GOOD));
        }
    }
    card(body)
}

fn eligibility<'a>(wb: &'a Workbook, r: &Results, award: &Id) -> Element<'a, Message> {
    let Some(a) = r.awards.iter().find(|a| &a.award == award) else {
        return space::vertical().height(0).into();
    };
    let mut list = column![
        text(s::ELIGIBILITY).font(font::BOLD),
        small_label(s::quota_line(&a.quota_explained)),
        row![
            text(s::RANK).width(50).font(font::BOLD),
            text(s::SCHOOL)
                .width(Length::FillPortion(3))
                .font(font::BOLD),
            text(s::SCORE).width(70).font(font::BOLD),
            text(s::RATING)
                .width(Length::FillPortion(3))
                .font(font::BOLD),
            text(s::OUTCOME)
                .width(Length::FillPortion(5))
                .font(font::BOLD),
        ]
        .spacing(theme::SPACE_S),
    ]
    .spacing(theme::SPACE_S);
    for so in &a.schools {
        let res = r.school(&so.school);
        let (outcome, color) = match &so.outcome {
            Outcome::Proposed {
                votes,
                percent_hundredths,
            } => (
                s::proposed_line(*votes, &ballot::format_percent(*percent_hundredths)),
                theme::GOOD,
            ),
            Outcome::NotProposed(why) => (why.clone(), theme::MUTED),
        };
        let mut rating = res.map(|x| x.rating.band_name.clone()).unwrap_or_default();
        if let Some(x) = res.filter(|x| !x.rating.reasons.is_empty()) {
            rating = format!("{rating} ({})", x.rating.reasons.join("; "));
        }
        list = list.push(
            row![
                text(so.rank.to_string()).width(50),
                text(wb.school_name(&so.school)).width(Length::FillPortion(3)),
                text(
                    res.map(|x| x.totals.final_score.to_string())
                        .unwrap_or_default()
                )
                .width(70),
                text(rating).width(Length::FillPortion(3)),
                text(outcome).color(color).width(Length::FillPortion(5)),
            ]
            .spacing(theme::SPACE_S),
        );
    }
    card(list).into()
}

fn decisions<'a>(
    wb: &'a Workbook,
    r: &Results,
    editing: Option<&'a DecisionDraft>,
) -> Element<'a, Message> {
    let mut list = column![
        text(s::ACADEMY_DECISIONS).font(font::BOLD),
        small_label(s::ACADEMY_HINT),
    ]
    .spacing(theme::SPACE_S);
    let proposals: Vec<(Id, Id)> = r.proposals().map(|(a, s)| (a.clone(), s.clone())).collect();
    if proposals.is_empty() {
        list = list.push(text(s::NO_PROPOSAL).color(theme::MUTED));
    }
    for (award, school) in proposals {
        let existing = wb
            .conference
            .academy_decisions
            .iter()
            .find(|d| d.award == award && d.school == school);
        let status = match existing {
            None => s::outcome_label(DecisionOutcome::Pending).to_string(),
            Some(d) => s::decision_line(
                s::outcome_label(d.outcome),
                &d.decision.number,
                &d.decision.date.map(format_date).unwrap_or_default(),
            ),
        };
        let award_name = wb
            .award(&award)
            .map(|a| a.short_name.clone())
            .unwrap_or_default();
        list = list.push(
            row![
                text(format!("{award_name} — {}", wb.school_name(&school)))
                    .width(Length::FillPortion(2)),
                text(status).width(Length::FillPortion(3)),
                button(text(s::RECORD_DECISION).size(theme::TEXT_SMALL))
                    .on_press(Message::Decide(award.clone(), school.clone()))
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        );
        if let Some(d) = editing.filter(|d| d.award == award && d.school == school) {
            list = list.push(decision_form(d));
        }
    }
    card(list).into()
}

fn decision_form(d: &DecisionDraft) -> Element<'_, Message> {
    let mut outcomes = row![].spacing(theme::SPACE_S);
    for o in [
        DecisionOutcome::Pending,
        DecisionOutcome::Awarded,
        DecisionOutcome::NotAwarded,
    ] {
        outcomes = outcomes.push(
            button(text(s::outcome_label(o)).size(theme::TEXT_SMALL))
                .on_press(Message::DecisionOutcome(o))
                .padding([4, 10])
                .style(theme::nav(d.outcome == o)),
        );
    }
    let field = |label: &'static str,
                 id: &'static str,
                 value: &str,
                 hint: &'static str,
                 f: fn(String) -> Message| {
        column![
            small_label(label),
            limited(
                text_input(hint, value)
                    .id(id)
                    .on_input(f)
                    .on_submit(Message::SaveDecision)
                    .padding(6),
                hint,
                value,
                f,
                crate::limits::TextKind::Name,
            ),
        ]
        .spacing(2)
        .width(Length::Fill)
    };
    container(
        column![
            outcomes,
            row![
                field(
                    s::DECISION_NUMBER,
                    "decision-number",
                    &d.number,
                    "",
                    Message::DecisionNumber
                ),
                field(
                    s::DECISION_DATE,
                    "decision-date",
                    &d.date,
                    s::DATE_HINT,
                    Message::DecisionDate
                ),
            ]
            .spacing(theme::SPACE_M),
            field(
                s::DECISION_ISSUER,
                "decision-issuer",
                &d.issuer,
                "",
                Message::DecisionIssuer
            ),
            row![
                button(text(s::SAVE_CHANGES))
                    .on_press(Message::SaveDecision)
                    .style(button::primary),
                button(text(s::CANCEL))
                    .on_press(Message::CancelDecision)
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_M),
        ]
        .spacing(theme::SPACE_S),
    )
    .padding(theme::SPACE_M)
    .style(theme::note)
    .into()
}
