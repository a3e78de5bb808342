//! The screens of an open workbook, owned in one place: which one is shown,
//! each one's state and forms, and what each derives from the workbook.
//! Adding a screen touches this file (its state, reset and refresh) and its
//! message; the app routes to it. The lists of forms to reset, save or
//! commit are here once, not kept by hand across the app.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::Size;

use super::Message;
use super::screen::{
    View, activities, awards, criteria, documents, history, members, merge_review, rules, scoring,
    welcome, year_end,
};
use crate::rules::Results;
use crate::workbook::{Id, Workbook};

#[derive(Default)]
pub struct Views {
    /// The one shown.
    pub current: View,
    pub welcome: welcome::State,
    pub members: members::State,
    pub activities: activities::State,
    pub scoring: scoring::State,
    pub awards: awards::State,
    pub year_end: year_end::State,
    pub documents: documents::State,
    pub history: history::State,
    pub criteria: criteria::State,
    pub rules: rules::State,
    /// Returned files under review before merging (empty: none).
    pub merge: merge_review::State,
}

/// What the screens derive their state from, after every change.
pub struct Refresh<'a> {
    pub workbook: Option<&'a Workbook>,
    /// The rules' results, worked out once per change for every view.
    pub results: Option<Arc<Results>>,
    pub file: Option<PathBuf>,
    /// On a member school's machine, that school.
    pub me: Option<Id>,
    /// A returned copy is being looked at: nothing is changed here.
    pub viewing_copy: bool,
    /// The window's size in its own units.
    pub size: Size,
}

impl Views {
    /// Every form dropped: the workbook was replaced as a whole (opened,
    /// closed, undone, merged), so an open form may describe what no
    /// longer exists, and files under review were compared with another.
    pub fn reset_forms(&mut self) {
        self.members.reset();
        self.merge.reset();
        self.activities.reset();
        self.awards.reset();
        self.criteria.reset();
        self.rules.reset();
        self.documents.reset();
        self.year_end.reset();
    }

    /// The views whose forms hold typing not yet in the workbook.
    pub fn open_forms(&self) -> Vec<View> {
        [
            (self.members.has_open_form(), View::Members),
            (self.activities.has_open_form(), View::Activities),
            (self.criteria.has_open_form(), View::Criteria),
            (self.rules.has_open_form(), View::Rules),
            (self.documents.has_open_form(), View::Documents),
            (self.awards.has_open_form(), View::Awards),
            (self.year_end.has_open_form(), View::YearEnd),
        ]
        .into_iter()
        .filter_map(|(open, v)| open.then_some(v))
        .collect()
    }

    /// What each open form's "Lưu thay đổi" sends.
    pub fn save_messages(&self) -> Vec<Message> {
        let mut out: Vec<Message> = Vec::new();
        out.extend(
            self.members
                .save_messages()
                .into_iter()
                .map(Message::Members),
        );
        out.extend(
            self.activities
                .save_messages()
                .into_iter()
                .map(Message::Activities),
        );
        out.extend(
            self.criteria
                .save_messages()
                .into_iter()
                .map(Message::Criteria),
        );
        out.extend(self.rules.save_messages().into_iter().map(Message::Rules));
        out.extend(
            self.documents
                .save_messages()
                .into_iter()
                .map(Message::Documents),
        );
        out.extend(self.awards.save_messages().into_iter().map(Message::Awards));
        out.extend(
            self.year_end
                .save_messages()
                .into_iter()
                .map(Message::YearEnd),
        );
        out
    }

    /// Each screen takes what it derives from the workbook and the window.
    pub fn refresh(&mut self, r: Refresh<'_>) {
        let folder = r
            .file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        self.history.set_folder(folder.clone());
        self.history.set_file(r.file.clone());
        self.year_end.set_folder(folder);
        self.documents.set_file(r.file);
        let read_only = r.me.is_some() || r.viewing_copy;
        self.members.set_read_only(read_only);
        self.criteria.set_read_only(read_only);
        self.rules.set_read_only(read_only);
        self.activities.set_editor(match (&r.me, r.viewing_copy) {
            (_, true) => activities::Editor::Nobody,
            (Some(me), false) => activities::Editor::School(me.clone()),
            (None, false) => activities::Editor::Cluster,
        });
        self.scoring.set_machine(r.me);
        self.scoring.set_size(r.size);
        if let Some(wb) = r.workbook {
            self.rules.sync(wb);
        }
        if let (Some(wb), Some(results)) = (r.workbook, r.results) {
            self.scoring.refresh(wb, results);
        }
    }
}
