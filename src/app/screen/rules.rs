//! Quy chế: the year's rules in one place — rating bands, bonus and
//! deduction caps, each award (name, quota, its own ballot rule where it
//! differs), the general ballot rule (threshold, comparison, what the
//! percentage is of, quorum), the tie-break order and the legal bases.
//!
//! Typing changes a draft only; beside it, what the draft would do to this
//! year's results ("Ninh Thuận sẽ không còn đạt ngưỡng Bằng khen"), worked
//! out by the rules engine on every keystroke. "Áp dụng" keeps it as one
//! undoable edit (`Edit::SetRules`), refused whole — and said — when
//! `check` would refuse the rules.

use iced::widget::{column, container, row, scrollable, space, text, text_editor, text_input};
use iced::{Alignment, Element, Length};

use crate::app::button::{self, button};
use crate::app::checkbox::checkbox;
use crate::app::field::undoable;
use crate::app::pick_list::pick_list;
use crate::app::{font, strings as s, theme, widget};
use crate::rules::consequences::{self, Consequence};
use crate::workbook::edit::Edit;
use crate::workbook::{
    AwardKind, BallotRule, Comparison, Denominator, Id, Points, Quota, RatingBand, Ratio, Rounding,
    Rules, TieBreak, Workbook,
};

pub const PAGE_ID: &str = "rules-page";

/// Which typed field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    BandName(usize),
    BandMin(usize),
    BonusCap,
    DeductionCap,
    /// The general rule (None) or an award's own (Some(index)).
    Threshold(Option<usize>),
    Quorum(Option<usize>),
    AwardName(usize),
    AwardShort(usize),
    Quota(usize),
}

#[derive(Debug, Clone)]
pub enum Message {
    Field(Field, String),
    BandNoZero(usize, bool),
    /// An award gets a ballot rule of its own (true) or follows the
    /// general one.
    OwnRule(usize, bool),
    Comparison(Option<usize>, Comparison),
    Denominator(Option<usize>, Denominator),
    Rounding(usize, Rounding),
    AddBand,
    RemoveBand(usize),
    MoveTie(usize, bool),
    Legal(text_editor::Action),
    Apply,
    Discard,
}

pub enum Action {
    None,
    Edit(Box<Edit>),
}

/// One ballot rule as typed.
#[derive(Debug, Clone)]
struct RuleDraft {
    threshold: String,
    comparison: Comparison,
    denominator: Denominator,
    quorum: String,
}

impl RuleDraft {
    fn of(r: &BallotRule) -> RuleDraft {
        RuleDraft {
            threshold: r.threshold.to_string(),
            comparison: r.comparison,
            denominator: r.denominator,
            quorum: r.quorum.to_string(),
        }
    }

    fn build(&self, base: &BallotRule, of: &str) -> Result<BallotRule, String> {
        let ratio = |label: &str, v: &str| {
            Ratio::parse(v.trim()).ok_or_else(|| s::rules_bad_ratio(label, of, v))
        };
        Ok(BallotRule {
            threshold: ratio(s::RULES_THRESHOLD, &self.threshold)?,
            comparison: self.comparison,
            denominator: self.denominator,
            voters: base.voters,
            quorum: ratio(s::RULES_QUORUM, &self.quorum)?,
        })
    }
}

#[derive(Debug, Clone)]
struct AwardDraft {
    name: String,
    short_name: String,
    quota: String,
    rounding: Rounding,
    own: Option<RuleDraft>,
}

/// The rules as typed.
struct Draft {
    /// The rules the draft started from.
    base: Rules,
    bands: Vec<(String, String, bool)>,
    bonus_cap: String,
    deduction_cap: String,
    general: RuleDraft,
    awards: Vec<AwardDraft>,
    tie_break: Vec<TieBreak>,
    legal: text_editor::Content,
}

impl Draft {
    fn of(r: &Rules) -> Draft {
        Draft {
            base: r.clone(),
            bands: r
                .bands
                .iter()
                .map(|b| (b.name.clone(), b.min.to_string(), b.requires_no_zero))
                .collect(),
            bonus_cap: r.bonus_cap.to_string(),
            deduction_cap: r.deduction_cap.to_string(),
            general: RuleDraft::of(&r.ballot),
            awards: r
                .awards
                .iter()
                .map(|a| {
                    let (quota, rounding) = match a.quota {
                        Quota::Count(n) => (n.to_string(), Rounding::Down),
                        Quota::Percent { percent, rounding } => (format!("{percent}%"), rounding),
                    };
                    AwardDraft {
                        name: a.name.clone(),
                        short_name: a.short_name.clone(),
                        quota,
                        rounding,
                        own: a.ballot.as_ref().map(RuleDraft::of),
                    }
                })
                .collect(),
            tie_break: r.tie_break.clone(),
            legal: text_editor::Content::with_text(&r.legal_basis.join("\n")),
        }
    }

    /// The rules typed, or why they cannot be.
    fn build(&self) -> Result<Rules, String> {
        let points = |label: &str, v: &str| {
            Points::parse_vi(v.trim()).map_err(|_| s::rules_bad_points(label, v))
        };
        let mut bands = Vec::new();
        for (i, (name, min, no_zero)) in self.bands.iter().enumerate() {
            let id = self
                .base
                .bands
                .get(i)
                .map(|b| b.id.clone())
                .unwrap_or_else(|| fresh_band_id(&self.base, i));
            bands.push(RatingBand {
                id,
                name: name.trim().to_string(),
                min: points(name, min)?,
                requires_no_zero: *no_zero,
            });
        }
        let mut awards = Vec::new();
        for (a, d) in self.base.awards.iter().zip(&self.awards) {
            let q = d.quota.trim();
            let quota = match q.strip_suffix('%') {
                Some(p) => Quota::Percent {
                    percent: p
                        .trim()
                        .parse()
                        .map_err(|_| s::rules_bad_quota(&d.short_name, q))?,
                    rounding: d.rounding,
                },
                None => Quota::Count(
                    q.parse()
                        .map_err(|_| s::rules_bad_quota(&d.short_name, q))?,
                ),
            };
            let ballot = match &d.own {
                Some(r) => Some(r.build(
                    a.ballot.as_ref().unwrap_or(&self.base.ballot),
                    &d.short_name,
                )?),
                None => None,
            };
            awards.push(AwardKind {
                name: d.name.trim().to_string(),
                short_name: d.short_name.trim().to_string(),
                quota,
                ballot,
                ..a.clone()
            });
        }
        Ok(Rules {
            bands,
            awards,
            bonus_cap: points(s::BONUS_CAP, &self.bonus_cap)?,
            deduction_cap: points(s::DEDUCTION_CAP, &self.deduction_cap)?,
            ballot: self.general.build(&self.base.ballot, "")?,
            tie_break: self.tie_break.clone(),
            legal_basis: self
                .legal
                .text()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            ..self.base.clone()
        })
    }

    fn rule_mut(&mut self, which: Option<usize>) -> Option<&mut RuleDraft> {
        match which {
            None => Some(&mut self.general),
            Some(i) => self.awards.get_mut(i)?.own.as_mut(),
        }
    }
}

/// An id for a band added here that no band of `rules` has.
fn fresh_band_id(rules: &Rules, i: usize) -> Id {
    (i..)
        .map(|n| Id::new(format!("muc-{}", n + 1)))
        .find(|id| !rules.bands.iter().any(|b| &b.id == id))
        .unwrap_or_else(|| Id::new("muc-moi"))
}

/// UI state only.
#[derive(Default)]
pub struct State {
    /// The rules shown: the stored ones until the clerk types (`edited`).
    draft: Option<Draft>,
    edited: bool,
    /// What the draft does to this year's results, or why it cannot be.
    preview: Option<Result<Vec<Consequence>, String>>,
    error: Option<String>,
    read_only: bool,
}

impl State {
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// The rules typed but not applied.
    pub fn has_open_form(&self) -> bool {
        self.edited
            && self
                .draft
                .as_ref()
                .is_some_and(|d| d.build().map_or(true, |r| r != d.base))
    }

    /// The workbook changed: the form shows its rules unless the clerk is
    /// typing in it.
    pub fn sync(&mut self, wb: &Workbook) {
        if !self.edited && self.draft.as_ref().is_none_or(|d| d.base != wb.rules) {
            self.draft = Some(Draft::of(&wb.rules));
        }
    }

    /// Ctrl+S applies the typed rules as "Áp dụng" would.
    pub fn save_messages(&self) -> Vec<Message> {
        if self.has_open_form() {
            vec![Message::Apply]
        } else {
            Vec::new()
        }
    }

    pub fn reset(&mut self) {
        *self = State {
            read_only: self.read_only,
            ..State::default()
        };
    }

    pub fn applied(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.draft = None;
                self.edited = false;
                self.preview = None;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// `results`: the rules' results of `wb` as the app worked them out
    /// once for this change (what the draft's are compared with).
    pub fn update(
        &mut self,
        message: Message,
        wb: &Workbook,
        results: &crate::rules::Results,
    ) -> Action {
        if self.read_only {
            return Action::None;
        }
        let draft = self.draft.get_or_insert_with(|| Draft::of(&wb.rules));
        self.edited = true;
        match message {
            Message::Field(f, v) => match f {
                Field::BandName(i) => {
                    if let Some(b) = draft.bands.get_mut(i) {
                        b.0 = v;
                    }
                }
                Field::BandMin(i) => {
                    if let Some(b) = draft.bands.get_mut(i) {
                        b.1 = v;
                    }
                }
                Field::BonusCap => draft.bonus_cap = v,
                Field::DeductionCap => draft.deduction_cap = v,
                Field::Threshold(w) => {
                    if let Some(r) = draft.rule_mut(w) {
                        r.threshold = v;
                    }
                }
                Field::Quorum(w) => {
                    if let Some(r) = draft.rule_mut(w) {
                        r.quorum = v;
                    }
                }
                Field::AwardName(i) => {
                    if let Some(a) = draft.awards.get_mut(i) {
                        a.name = v;
                    }
                }
                Field::AwardShort(i) => {
                    if let Some(a) = draft.awards.get_mut(i) {
                        a.short_name = v;
                    }
                }
                Field::Quota(i) => {
                    if let Some(a) = draft.awards.get_mut(i) {
                        a.quota = v;
                    }
                }
            },
            Message::BandNoZero(i, on) => {
                if let Some(b) = draft.bands.get_mut(i) {
                    b.2 = on;
                }
            }
            Message::OwnRule(i, on) => {
                let general = draft.general.clone();
                if let Some(a) = draft.awards.get_mut(i) {
                    a.own = on.then_some(general);
                }
            }
            Message::Comparison(w, c) => {
                if let Some(r) = draft.rule_mut(w) {
                    r.comparison = c;
                }
            }
            Message::Denominator(w, d) => {
                if let Some(r) = draft.rule_mut(w) {
                    r.denominator = d;
                }
            }
            Message::Rounding(i, r) => {
                if let Some(a) = draft.awards.get_mut(i) {
                    a.rounding = r;
                }
            }
            Message::AddBand => draft
                .bands
                .push((String::new(), Points::ZERO.to_string(), false)),
            Message::RemoveBand(i) => {
                if i < draft.bands.len() {
                    draft.bands.remove(i);
                }
            }
            Message::MoveTie(i, up) => {
                let j = if up { i.checked_sub(1) } else { Some(i + 1) };
                if let Some(j) = j.filter(|j| *j < draft.tie_break.len()) {
                    draft.tie_break.swap(i, j);
                }
            }
            Message::Legal(a) => draft.legal.perform(a),
            Message::Discard => {
                self.reset();
                self.sync(wb);
                return Action::None;
            }
            Message::Apply => {
                return match draft.build() {
                    Ok(rules) => Action::Edit(Box::new(Edit::SetRules(Box::new(rules)))),
                    Err(e) => {
                        self.error = Some(e);
                        Action::None
                    }
                };
            }
        }
        self.error = None;
        self.preview = Some(preview(wb, results, draft));
        Action::None
    }

    pub fn view<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let header = row![
            text(s::VIEW_RULES).size(theme::TEXT_TITLE).font(font::BOLD),
            space::horizontal(),
        ]
        .align_y(Alignment::Center);
        let Some(d) = &self.draft else {
            return text("…").into(); // filled on the workbook's refresh
        };
        column![header, self.page(wb, d, self.preview.as_ref())]
            .spacing(theme::SPACE_M)
            .into()
    }

    fn page<'a>(
        &'a self,
        wb: &'a Workbook,
        d: &'a Draft,
        preview: Option<&'a Result<Vec<Consequence>, String>>,
    ) -> Element<'a, Message> {
        let enabled = !self.read_only;
        let input = |id: &'static str, hint: &'static str, value: &str, f: Field, w: f32| {
            let value = value.to_string();
            undoable(
                text_input(hint, &value)
                    .id(id)
                    .on_input_maybe(enabled.then_some(move |v| Message::Field(f, v)))
                    .on_submit(Message::Apply)
                    .padding(4)
                    .width(w),
                hint,
                &value,
                move |v| Message::Field(f, v),
            )
        };
        let label = |t: String| text(t).size(theme::TEXT_SMALL).color(theme::MUTED);

        // What applying would do, first: the clerk decides with it in sight.
        let mut top = column![].spacing(theme::SPACE_S);
        match preview {
            Some(Ok(list)) if list.is_empty() => {
                top = top.push(widget::small(s::RULES_NO_EFFECT));
            }
            Some(Ok(list)) => {
                let mut lines = column![text(s::RULES_EFFECT_TITLE).font(font::BOLD)].spacing(2);
                for c in list {
                    lines = lines.push(text(format!("• {}", consequence(wb, c))));
                }
                top = top.push(widget::note_card(lines));
            }
            Some(Err(e)) => top = top.push(widget::error_box(e)),
            None => {}
        }
        if let Some(e) = &self.error {
            top = top.push(widget::error_box(e));
        }
        if self.edited {
            top = top.push(
                row![
                    button(text(s::RULES_APPLY))
                        .on_press_maybe(enabled.then_some(Message::Apply))
                        .style(button::primary),
                    button(text(s::RULES_DISCARD))
                        .on_press(Message::Discard)
                        .style(theme::quiet),
                ]
                .spacing(theme::SPACE_M),
            );
        }

        // Rating bands.
        let mut bands = column![text(s::RULES_BANDS).font(font::BOLD)].spacing(4);
        for (i, (name, min, no_zero)) in d.bands.iter().enumerate() {
            bands = bands.push(
                row![
                    input("", s::RULES_BAND_NAME, name, Field::BandName(i), 320.0),
                    label(s::RULES_FROM.into()),
                    input("", "0", min, Field::BandMin(i), 70.0),
                    checkbox(*no_zero)
                        .label(s::RULES_NO_ZERO)
                        .on_toggle_maybe(enabled.then_some(move |on| Message::BandNoZero(i, on))),
                    button(text("×"))
                        .on_press_maybe(enabled.then_some(Message::RemoveBand(i)))
                        .style(button::text),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
            );
        }
        bands = bands.push(
            button(text(s::RULES_ADD_BAND).size(theme::TEXT_SMALL))
                .on_press_maybe(enabled.then_some(Message::AddBand))
                .style(theme::quiet),
        );

        let caps = row![
            label(s::BONUS_CAP.into()),
            input("rules-bonus-cap", "5", &d.bonus_cap, Field::BonusCap, 70.0),
            label(s::DEDUCTION_CAP.into()),
            input(
                "rules-deduction-cap",
                "5",
                &d.deduction_cap,
                Field::DeductionCap,
                70.0
            ),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);

        let rule_row = |which: Option<usize>, r: &RuleDraft| {
            let (tid, qid) = match which {
                None => ("rules-threshold", "rules-quorum"),
                Some(_) => ("", ""),
            };
            row![
                pick_list(
                    vec![Opt(Comparison::MoreThan), Opt(Comparison::AtLeast)],
                    Some(Opt(r.comparison)),
                    move |Opt(c)| Message::Comparison(which, c),
                )
                .width(70),
                input(tid, "50%", &r.threshold, Field::Threshold(which), 80.0),
                pick_list(
                    vec![Opt(Denominator::AllMembers), Opt(Denominator::Present)],
                    Some(Opt(r.denominator)),
                    move |Opt(v)| Message::Denominator(which, v),
                ),
                label(s::RULES_QUORUM.into()),
                input(qid, "2/3", &r.quorum, Field::Quorum(which), 70.0),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center)
        };
        let ballot = column![
            text(s::RULES_BALLOT).font(font::BOLD),
            rule_row(None, &d.general),
        ]
        .spacing(4);

        let mut awards = column![text(s::RULES_AWARDS).font(font::BOLD)].spacing(6);
        for (i, a) in d.awards.iter().enumerate() {
            let mut card = column![
                row![
                    input(
                        "",
                        s::RULES_AWARD_SHORT,
                        &a.short_name,
                        Field::AwardShort(i),
                        160.0
                    ),
                    input("", s::RULES_AWARD_NAME, &a.name, Field::AwardName(i), 480.0),
                ]
                .spacing(theme::SPACE_S),
                row![
                    label(s::RULES_QUOTA.into()),
                    input("", "1 hoặc 20%", &a.quota, Field::Quota(i), 90.0),
                    pick_list(
                        vec![
                            Opt(Rounding::Down),
                            Opt(Rounding::Nearest),
                            Opt(Rounding::Up)
                        ],
                        Some(Opt(a.rounding)),
                        move |Opt(r)| Message::Rounding(i, r),
                    ),
                    checkbox(a.own.is_some())
                        .label(s::RULES_OWN_RULE)
                        .on_toggle_maybe(enabled.then_some(move |on| Message::OwnRule(i, on))),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
            ]
            .spacing(4);
            if let Some(r) = &a.own {
                card = card.push(rule_row(Some(i), r));
            }
            awards = awards.push(
                container(card)
                    .padding(theme::SPACE_S)
                    .width(Length::Fill)
                    .style(theme::card),
            );
        }

        let mut ties = column![text(s::RULES_TIE_BREAK).font(font::BOLD)].spacing(2);
        for (i, t) in d.tie_break.iter().enumerate() {
            ties = ties.push(
                row![
                    text(format!("{}. {}", i + 1, tie_label(wb, t))).width(Length::Fill),
                    button(text(s::MOVE_UP).size(theme::TEXT_SMALL))
                        .on_press_maybe((enabled && i > 0).then_some(Message::MoveTie(i, true)))
                        .style(theme::quiet),
                    button(text(s::MOVE_DOWN).size(theme::TEXT_SMALL))
                        .on_press_maybe(
                            (enabled && i + 1 < d.tie_break.len())
                                .then_some(Message::MoveTie(i, false)),
                        )
                        .style(theme::quiet),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
            );
        }

        let legal = column![
            text(s::RULES_LEGAL).font(font::BOLD),
            label(s::RULES_LEGAL_HINT.into()),
            text_editor(&d.legal).on_action(Message::Legal).height(140),
        ]
        .spacing(4);

        let body = column![
            top,
            container(bands)
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::card),
            container(caps)
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::card),
            container(ballot)
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::card),
            awards,
            container(ties)
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::card),
            container(legal)
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::card),
        ]
        .spacing(theme::SPACE_M)
        .padding(iced::Padding::ZERO.right(theme::SPACE_M));
        scrollable(body).id(PAGE_ID).height(Length::Fill).into()
    }
}

/// The draft's consequences for this year's results, or why it is no rule.
fn preview(
    wb: &Workbook,
    before: &crate::rules::Results,
    d: &Draft,
) -> Result<Vec<Consequence>, String> {
    let rules = d.build()?;
    let mut next = wb.clone();
    next.rules = rules;
    let problems = crate::workbook::validate::validate_rules(&next);
    if let Some(p) = problems.first() {
        return Err(s::rules_refused(&p.message()));
    }
    let after = crate::rules::evaluate(&next);
    Ok(consequences::between(before, &after))
}

/// One consequence in the clerk's words.
fn consequence(wb: &Workbook, c: &Consequence) -> String {
    let award = |id: &Id| {
        wb.award(id)
            .map(|a| a.short_name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    match c {
        Consequence::Rating { school, from, to } => {
            s::effect_rating(&wb.school_name(school), from, to)
        }
        Consequence::Rank { school, from, to } => {
            s::effect_rank(&wb.school_name(school), *from, *to)
        }
        Consequence::Threshold {
            award: a,
            school,
            met,
        } => s::effect_threshold(&wb.school_name(school), &award(a), *met),
        Consequence::Proposal {
            award: a,
            school,
            proposed,
        } => s::effect_proposal(&wb.school_name(school), &award(a), *proposed),
    }
}

fn tie_label(wb: &Workbook, t: &TieBreak) -> String {
    match t {
        TieBreak::BallotVotes(a) => s::tie_ballot(
            &wb.award(a)
                .map(|x| x.short_name.clone())
                .unwrap_or_else(|| a.to_string()),
        ),
        TieBreak::Section(id) => {
            let code = wb.criterion_codes().get(id).cloned().unwrap_or_default();
            let title = wb
                .criteria
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.title.clone())
                .unwrap_or_default();
            s::tie_section(&code, &title)
        }
        TieBreak::FewerDeductions => s::TIE_FEWER_DEDUCTIONS.into(),
        TieBreak::ChairDecision => s::TIE_CHAIR.into(),
    }
}

/// A choice of a drop-down, shown in the clerk's words.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Opt<T>(T);

impl std::fmt::Display for Opt<Comparison> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Comparison::MoreThan => s::RULES_MORE_THAN,
            Comparison::AtLeast => s::RULES_AT_LEAST,
        })
    }
}

impl std::fmt::Display for Opt<Denominator> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Denominator::AllMembers => s::RULES_OF_ALL,
            Denominator::Present => s::RULES_OF_PRESENT,
        })
    }
}

impl std::fmt::Display for Opt<Rounding> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Rounding::Down => s::ROUND_DOWN,
            Rounding::Nearest => s::ROUND_NEAREST,
            Rounding::Up => s::ROUND_UP,
        })
    }
}
