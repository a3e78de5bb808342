//! Reviewing the files member schools sent back, before they are merged:
//! per file who sent it, whether its content is intact, and every change
//! with the leader's choice — tick or untick an acceptable change, keep the
//! cluster's or take the school's version of a conflict; refused changes are
//! listed with their reason and never applied. "Áp dụng" merges every file
//! under review into the workbook as one undoable edit; "Hủy" changes nothing.

use std::collections::BTreeSet;

use crate::app::button::{self, button};
use crate::app::checkbox::checkbox;
use iced::widget::{Column, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use crate::app::{font, strings as s, theme};
use crate::exchange::{self, Applied, Change, Decision, Decisions, RecordKey, Review, Status};
use crate::workbook::{Integrity, Workbook};

/// One returned file and the leader's choices on it.
#[derive(Debug, Clone)]
pub struct File {
    pub review: Review,
    /// Acceptable changes the leader unticked.
    rejected: BTreeSet<RecordKey>,
    /// The leader's decisions on conflicts.
    decisions: Decisions,
}

impl File {
    fn undecided(&self) -> usize {
        self.review
            .conflicts()
            .filter(|c| !self.decisions.contains_key(&c.key))
            .count()
    }
}

/// A file that cannot be merged at all, shown beside the others so a
/// forged return is seen for what it is, not only as a passing message.
#[derive(Debug, Clone)]
pub struct Refused {
    pub file_name: String,
    pub reason: String,
    /// Its signature does not verify for the school it names.
    pub forged: bool,
}

/// The files under review (none: nothing to show).
#[derive(Debug, Clone, Default)]
pub struct State {
    files: Vec<File>,
    refused: Vec<Refused>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Tick (true) or untick an acceptable change of file `n`.
    Accept(usize, RecordKey, bool),
    /// The leader's decision on a conflict of file `n`.
    Decide(usize, RecordKey, Decision),
    /// Leave file `n` out of this merge.
    Remove(usize),
    Apply,
    Cancel,
}

pub enum Action {
    None,
    /// Merge: the workbook with every file applied, and what was done.
    Apply(Box<Workbook>, Applied),
    Cancel,
}

impl State {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.refused.is_empty()
    }

    pub fn refused(&self) -> &[Refused] {
        &self.refused
    }

    /// Lists a file that was refused whole (forged, damaged, another
    /// cluster's…), once per name.
    pub fn add_refused(&mut self, r: Refused) {
        self.refused.retain(|x| x.file_name != r.file_name);
        self.refused.push(r);
    }

    pub fn files(&self) -> &[File] {
        &self.files
    }

    pub fn reset(&mut self) {
        self.files.clear();
        self.refused.clear();
    }

    /// Adds a reviewed file; refused (with a Vietnamese reason) when the
    /// same content or another file of the same school is already under
    /// review: merge or cancel that one first.
    pub fn add(&mut self, review: Review) -> Result<(), String> {
        if let Some(f) = self.files.iter().find(|f| {
            f.review.sender == review.sender || f.review.content_hash == review.content_hash
        }) {
            return Err(s::return_already_in_review(
                &review.file_name,
                &f.review.sender_name,
                &f.review.file_name,
            ));
        }
        self.files.push(File {
            review,
            rejected: BTreeSet::new(),
            decisions: Decisions::new(),
        });
        Ok(())
    }

    /// Conflicts with no decision yet, in all files.
    pub fn undecided(&self) -> usize {
        self.files.iter().map(File::undecided).sum()
    }

    pub fn update(&mut self, message: Message, master: &Workbook) -> Action {
        match message {
            Message::Accept(n, key, on) => {
                if let Some(f) = self.files.get_mut(n) {
                    if on {
                        f.rejected.remove(&key);
                    } else {
                        f.rejected.insert(key);
                    }
                }
            }
            Message::Decide(n, key, d) => {
                if let Some(f) = self.files.get_mut(n) {
                    f.decisions.insert(key, d);
                }
            }
            Message::Remove(n) => {
                if n < self.files.len() {
                    self.files.remove(n);
                }
                if self.is_empty() {
                    return Action::Cancel;
                }
            }
            Message::Apply => {
                if self.files.is_empty() || self.undecided() > 0 {
                    return Action::None;
                }
                let (merged, done) = self.merged(master);
                return Action::Apply(Box::new(merged), done);
            }
            Message::Cancel => return Action::Cancel,
        }
        Action::None
    }

    /// `master` with every file under review applied, in the order they
    /// came, and the counts of all of them together.
    pub fn merged(&self, master: &Workbook) -> (Workbook, Applied) {
        let mut wb = master.clone();
        let mut total = Applied::default();
        for f in &self.files {
            let (review, decisions) = exchange::with_rejected(&f.review, &f.rejected, &f.decisions);
            let done = exchange::apply(&mut wb, &review, &decisions);
            total.accepted += done.accepted;
            total.refused += done.refused;
            total.kept += done.kept;
            total.undecided += done.undecided;
        }
        (wb, total)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut files = column![].spacing(theme::SPACE_L);
        for r in &self.refused {
            files = files.push(refused_view(r));
        }
        for (n, f) in self.files.iter().enumerate() {
            files = files.push(file_view(n, f));
        }
        let undecided = self.undecided();
        let mut footer = row![].spacing(theme::SPACE_M).align_y(Alignment::Center);
        if undecided > 0 {
            footer = footer.push(text(s::review_undecided(undecided)).color(theme::WARN));
        }
        footer = footer.push(space::horizontal()).push(
            button(s::MERGE_APPLY)
                .on_press_maybe(
                    (undecided == 0 && !self.files.is_empty()).then_some(Message::Apply),
                )
                .style(button::primary),
        );
        footer = footer.push(
            button(s::CANCEL)
                .on_press(Message::Cancel)
                .style(theme::quiet),
        );
        column![
            text(s::REVIEW_TITLE)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            text(s::REVIEW_HELP).color(theme::MUTED),
            scrollable(files.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                .id("merge-review")
                .height(Length::Fill),
            footer,
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

fn refused_view(r: &Refused) -> Element<'_, Message> {
    let status = if r.forged {
        s::RETURN_FORGED
    } else {
        s::RETURN_REFUSED_WHOLE
    };
    container(
        column![
            text(&r.file_name).font(font::BOLD),
            text(status).size(theme::TEXT_SMALL).color(theme::BAD),
            text(&r.reason).size(theme::TEXT_SMALL),
        ]
        .spacing(theme::SPACE_S),
    )
    .padding(theme::SPACE_M)
    .width(Length::Fill)
    .style(theme::card)
    .into()
}

fn file_view(n: usize, f: &File) -> Element<'_, Message> {
    let r = &f.review;
    let mut body = column![
        row![
            text(s::return_from(&r.sender_name)).font(font::BOLD),
            space::horizontal(),
            button(text(s::REVIEW_LEAVE_OUT).size(theme::TEXT_SMALL))
                .on_press(Message::Remove(n))
                .style(theme::quiet),
        ]
        .align_y(Alignment::Center),
        text(if r.spreadsheet {
            s::return_form_line(&r.file_name)
        } else {
            s::return_file_line(&r.file_name, r.save_count)
        })
        .size(theme::TEXT_SMALL)
        .color(theme::MUTED),
    ]
    .spacing(theme::SPACE_S);
    body = body.push(
        text(match r.authenticity {
            exchange::Authenticity::Signed => s::RETURN_SIGNED,
            exchange::Authenticity::Unsigned => s::RETURN_UNSIGNED,
            exchange::Authenticity::Excel => s::RETURN_EXCEL,
        })
        .size(theme::TEXT_SMALL)
        .color(match r.authenticity {
            exchange::Authenticity::Signed | exchange::Authenticity::Excel => theme::GOOD,
            exchange::Authenticity::Unsigned => theme::BAD,
        }),
    );
    if r.reopened {
        body = body.push(text(s::RETURN_REOPENED).size(theme::TEXT_SMALL));
    }
    if r.integrity != Integrity::Verified {
        body = body.push(
            container(text(r.integrity_message()))
                .padding([4, 8])
                .width(Length::Fill)
                .style(theme::error_note),
        );
    }
    // A form's cells left aside (a locked cell changed, a row added).
    if !r.notes.is_empty() {
        let mut notes = column![
            text(s::REVIEW_NOTES)
                .size(theme::TEXT_SMALL)
                .font(font::BOLD)
        ]
        .spacing(2);
        for note in &r.notes {
            notes = notes.push(text(format!("• {note}")).size(theme::TEXT_SMALL));
        }
        body = body.push(
            container(notes)
                .padding([4, 8])
                .width(Length::Fill)
                .style(theme::error_note),
        );
    }
    if r.changes.is_empty() {
        body = body.push(text(s::REVIEW_NO_CHANGES).color(theme::MUTED));
    } else {
        body = body.push(header_row());
        for c in &r.changes {
            body = body.push(change_row(n, f, c));
        }
    }
    container(body)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

fn header_row<'a>() -> Element<'a, Message> {
    let h = |t: &'a str| text(t).size(theme::TEXT_SMALL).color(theme::MUTED);
    row![
        h(s::REVIEW_RECORD).width(Length::FillPortion(4)),
        h(s::REVIEW_KIND).width(Length::FillPortion(1)),
        h(s::REVIEW_OLD).width(Length::FillPortion(3)),
        h(s::REVIEW_NEW).width(Length::FillPortion(3)),
        h(s::REVIEW_STATUS).width(Length::FillPortion(4)),
    ]
    .spacing(theme::SPACE_S)
    .into()
}

fn change_row<'a>(n: usize, f: &'a File, c: &'a Change) -> Element<'a, Message> {
    let value = |v: &'a Option<String>| {
        text(v.as_deref().unwrap_or("—"))
            .size(theme::TEXT_SMALL)
            .width(Length::FillPortion(3))
    };
    let status: Element<'a, Message> = match &c.status {
        Status::Acceptable => {
            let key = c.key.clone();
            checkbox(!f.rejected.contains(&c.key))
                .label(s::REVIEW_ACCEPT)
                .on_toggle(move |on| Message::Accept(n, key.clone(), on))
                .text_size(theme::TEXT_SMALL)
                .into()
        }
        Status::Conflict => {
            let chosen = f.decisions.get(&c.key).copied();
            let choice = |label: &'a str, d: Decision| {
                button(text(label).size(theme::TEXT_SMALL))
                    .on_press(Message::Decide(n, c.key.clone(), d))
                    .padding([4, 8])
                    .style(move |t: &iced::Theme, st| {
                        if chosen == Some(d) {
                            theme::nav(true)(t, st)
                        } else {
                            theme::quiet(t, st)
                        }
                    })
            };
            Column::new()
                .push(
                    text(c.status.label())
                        .size(theme::TEXT_SMALL)
                        .color(theme::WARN),
                )
                .push(
                    row![
                        choice(s::KEEP_CLUSTER, Decision::KeepLeader),
                        choice(s::TAKE_SCHOOL, Decision::TakeSchool),
                    ]
                    .spacing(4),
                )
                .spacing(2)
                .into()
        }
        Status::Refused(reason) => column![
            text(c.status.label())
                .size(theme::TEXT_SMALL)
                .color(theme::BAD),
            text(reason).size(theme::TEXT_SMALL).color(theme::MUTED),
        ]
        .spacing(2)
        .into(),
    };
    row![
        text(&c.label)
            .size(theme::TEXT_SMALL)
            .width(Length::FillPortion(4)),
        text(c.kind.label())
            .size(theme::TEXT_SMALL)
            .width(Length::FillPortion(1)),
        value(&c.old),
        value(&c.new),
        container(status).width(Length::FillPortion(4)),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center)
    .into()
}
