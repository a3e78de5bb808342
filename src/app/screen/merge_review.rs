//! Reviewing the files member schools sent back, before they are merged:
//! per file who sent it, whether its content is intact, and every change
//! with the leader's choice — tick or untick an acceptable change, keep the
//! cluster's or take the school's version of a conflict; refused changes are
//! listed with their reason and never applied. "Áp dụng" merges every file
//! under review into the workbook as one undoable edit; "Hủy" changes nothing.

use std::collections::BTreeSet;

use crate::app::button::{self, button};
use crate::app::checkbox::checkbox;
use crate::app::pick_list::pick_list;
use iced::widget::{Column, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

use crate::app::{font, strings as s, theme};
use crate::exchange::{self, Applied, Change, Decision, Decisions, RecordKey, Review, Status};
use crate::workbook::{Id, Integrity, Workbook};
use std::path::PathBuf;

/// One returned file and the leader's choices on it.
#[derive(Debug, Clone)]
pub struct File {
    pub review: Review,
    /// Acceptable changes the leader unticked.
    rejected: BTreeSet<RecordKey>,
    /// The leader's decisions on conflicts.
    decisions: Decisions,
    /// Where the file was read from: an unsigned file is read again as
    /// from the school the clerk names.
    source: Option<PathBuf>,
    /// The school the clerk named as the sender of an unsigned file (none
    /// is chosen for the clerk).
    from: Option<Id>,
    /// Why the file could not be read again as from that school.
    error: Option<String>,
}

impl File {
    /// An unsigned file whose sender the clerk has not named yet.
    pub fn needs_school(&self) -> bool {
        self.review.authenticity == exchange::Authenticity::Unsigned && self.from.is_none()
    }

    /// Reads the file again as from `school` (the clerk's word): only that
    /// school's part may change. The choices made on it start again.
    fn name_sender(&mut self, school: Id, master: &Workbook) {
        let review = match &self.source {
            Some(path) => {
                exchange::review_file_from(master, path, Some(&school)).map_err(|e| e.to_string())
            }
            None if school == self.review.sender => Ok(self.review.clone()),
            None => Err(s::REVIEW_CANNOT_REREAD.to_string()),
        };
        match review {
            Ok(r) => {
                self.review = r;
                self.rejected.clear();
                self.decisions.clear();
                self.from = Some(school);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

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
    /// The member schools, for naming the sender of an unsigned file.
    schools: Vec<SchoolChoice>,
}

/// A member school in the "who sent this file" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolChoice {
    pub id: Id,
    pub name: String,
}

impl std::fmt::Display for SchoolChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Tick (true) or untick an acceptable change of file `n`.
    Accept(usize, RecordKey, bool),
    /// The leader's decision on a conflict of file `n`.
    Decide(usize, RecordKey, Decision),
    /// Leave file `n` out of this merge.
    Remove(usize),
    /// The clerk names the school that sent (unsigned) file `n`.
    From(usize, SchoolChoice),
    Apply,
    Cancel,
}

pub enum Action {
    None,
    /// Merge: the workbook with every file applied, and what was done.
    Apply(Box<Workbook>, Applied),
    /// Not merged: why (a file that would add a problem, a master too
    /// large, an unsigned file without its school).
    Refused(String),
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
        self.add_from(review, None, None)
    }

    /// [`State::add`] of a file read from `source` (read again when the
    /// clerk names the school of an unsigned file), with the master whose
    /// members may be named.
    pub fn add_from(
        &mut self,
        review: Review,
        source: Option<PathBuf>,
        master: Option<&Workbook>,
    ) -> Result<(), String> {
        if let Some(m) = master {
            self.schools = m
                .current_members()
                .map(|s| SchoolChoice {
                    id: s.id.clone(),
                    name: s.full_name.clone(),
                })
                .collect();
        }
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
            source,
            from: None,
            error: None,
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
            Message::From(n, school) => {
                if let Some(f) = self.files.get_mut(n) {
                    f.name_sender(school.id, master);
                }
            }
            Message::Apply => {
                if self.files.is_empty() || self.undecided() > 0 {
                    return Action::None;
                }
                return match self.merged(master) {
                    Ok((merged, done)) => Action::Apply(Box::new(merged), done),
                    Err(why) => Action::Refused(why),
                };
            }
            Message::Cancel => return Action::Cancel,
        }
        Action::None
    }

    /// `master` with every file under review applied, in the order they
    /// came, and the counts of all of them together: the merge policy of
    /// `master::merge` (the same guards as `thidua merge`), all or nothing.
    pub fn merged(&self, master: &Workbook) -> Result<(Workbook, Applied), String> {
        let chosen: Vec<(Review, Decisions)> = self
            .files
            .iter()
            .map(|f| exchange::with_rejected(&f.review, &f.rejected, &f.decisions))
            .collect();
        crate::master::merge::apply_reviewed(
            master,
            chosen
                .iter()
                .zip(&self.files)
                .map(|((review, decisions), f)| (review, f.from.as_ref(), decisions.clone())),
        )
        .map_err(|why| why.join("\n"))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut files = column![].spacing(theme::SPACE_L);
        for r in &self.refused {
            files = files.push(refused_view(r));
        }
        for (n, f) in self.files.iter().enumerate() {
            files = files.push(file_view(n, f, &self.schools));
        }
        let undecided = self.undecided();
        let mut footer = row![].spacing(theme::SPACE_M).align_y(Alignment::Center);
        if undecided > 0 {
            footer = footer.push(text(s::review_undecided(undecided)).color(theme::WARN));
        }
        if self.files.iter().any(File::needs_school) {
            footer = footer.push(text(s::REVIEW_NAME_SCHOOLS).color(theme::WARN));
        }
        footer = footer.push(space::horizontal()).push(
            button(s::MERGE_APPLY)
                .on_press_maybe(
                    (undecided == 0
                        && !self.files.is_empty()
                        && !self.files.iter().any(File::needs_school))
                    .then_some(Message::Apply),
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

fn file_view<'a>(n: usize, f: &'a File, schools: &'a [SchoolChoice]) -> Element<'a, Message> {
    let r = &f.review;
    let unsigned = r.authenticity == exchange::Authenticity::Unsigned;
    let heading = if unsigned && f.from.is_none() {
        s::return_unsigned_claims(&r.sender_name)
    } else {
        s::return_from(&r.sender_name)
    };
    let mut body = column![
        row![
            text(heading).font(font::BOLD),
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
    if unsigned {
        // Who sent an unsigned file is the clerk's word: none is chosen
        // for the clerk, and only that school's part may change.
        let selected = f
            .from
            .as_ref()
            .and_then(|id| schools.iter().find(|c| &c.id == id).cloned());
        body = body.push(
            row![
                text(s::REVIEW_SENT_BY).size(theme::TEXT_SMALL),
                pick_list(schools.to_vec(), selected, move |c| Message::From(n, c))
                    .placeholder(s::REVIEW_PICK_SCHOOL)
                    .text_size(theme::TEXT_SMALL),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
        );
    }
    if let Some(claimed) = &r.claimed {
        let name = if claimed.as_str().is_empty() {
            s::CLAIMS_NO_SCHOOL.to_string()
        } else {
            r.returned().school_full_name(claimed)
        };
        body = body.push(
            text(s::return_claims_other(&name))
                .size(theme::TEXT_SMALL)
                .color(theme::BAD),
        );
    }
    if let Some(e) = &f.error {
        body = body.push(text(e).size(theme::TEXT_SMALL).color(theme::BAD));
    }
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
