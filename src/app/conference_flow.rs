//! The screens of the conference and the year's end (awards, year-end,
//! documents, criteria) wired to the workbook.

use super::*;

impl App {
    /// An edit from one of the screens below; the error goes to the notice
    /// bar when the screen has no place for it.
    pub(super) fn apply_from(
        &mut self,
        edit: Edit,
        applied: fn(&mut App, Result<(), String>) -> Option<String>,
    ) {
        let result = self.apply(edit);
        if let Some(e) = applied(self, result) {
            self.notice = Some(Notice::Error(e));
        }
    }

    pub(super) fn awards_message(&mut self, m: awards::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.views.awards.update(m, &doc.workbook) {
            awards::Action::None => {}
            awards::Action::Edit(edit) => {
                self.apply_from(*edit, |app, r| app.views.awards.applied(r));
            }
            awards::Action::Export(kind) => {
                return self.documents_message(documents::Message::Export(documents::Target::One(
                    kind,
                    crate::document::docs::Format::Pdf,
                )));
            }
        }
        Task::none()
    }

    pub(super) fn year_end_message(&mut self, m: year_end::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.views.year_end.update(m, &doc.workbook) {
            year_end::Action::None => {}
            year_end::Action::Edit(edit) => {
                self.apply_from(*edit, |app, r| app.views.year_end.applied(r));
            }
            year_end::Action::Run(task) => return task.map(Message::YearEnd),
            year_end::Action::NextYear(path) => return self.create_next_year(path),
        }
        Task::none()
    }

    pub(super) fn documents_message(&mut self, m: documents::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        // A new export starts with a clean status bar: a failed one's
        // notice no longer stands over the exports that followed it.
        if matches!(
            m,
            documents::Message::Picked(_, crate::app::dialog::Picked::Path(_))
                | documents::Message::PathSubmit
        ) && matches!(self.notice, Some(Notice::Error(_) | Notice::Info(_)))
        {
            self.notice = None;
        }
        let action = self.views.documents.update(m, &doc.workbook);
        self.documents_action(action)
    }

    /// What the documents view asked for.
    pub(super) fn documents_action(&mut self, action: documents::Action) -> Task<Message> {
        match action {
            documents::Action::None => {}
            documents::Action::Run(task) => return task.map(Message::Documents),
            documents::Action::Notice(n) => self.notice = Some(Notice::Error(n)),
            documents::Action::CreateFolder(target, dir) => {
                self.modal = Some(Modal::CreateExportFolder(target, dir));
            }
            documents::Action::Edit(edit) => {
                let result = self.apply(*edit);
                if let Some(doc) = &self.doc {
                    self.views.documents.applied(result, &doc.workbook);
                }
            }
        }
        Task::none()
    }

    /// Next year's workbook from this one, saved at `path`, its name
    /// recorded in this year's handover, then opened (asking first to save
    /// this year's changes).
    pub(super) fn create_next_year(&mut self, path: PathBuf) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        let this_name = doc
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| doc.untitled_name.clone())
            .unwrap_or_default();
        let next = match crate::rules::rollover::next_year(&doc.workbook, &this_name) {
            Ok(next) => next,
            Err(problems) => {
                self.notice = Some(Notice::Error(s::next_year_refused(&problems)));
                return Task::none();
            }
        };
        if let Err(e) = workbook::save(&path, &next, Overwrite::WorkbookOnly) {
            self.notice = Some(Notice::Error(s::next_year_failed(&e.to_string())));
            return Task::none();
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // This year's handover records next year's file: a change of this
        // year, said as such. A year with nothing else unsaved is saved
        // at once, so opening next year asks nothing.
        let was_clean = !doc.dirty && doc.path.is_some();
        let mut handover = doc.workbook.conference.handover.clone();
        let mut recorded = false;
        if handover.next_year_file != name {
            handover.next_year_file = name.clone();
            recorded = self
                .apply(Edit::Conference(
                    crate::workbook::edit::ConferenceEdit::SetHandover(handover),
                ))
                .is_ok();
        }
        let mut saved = false;
        if recorded && was_clean {
            let _ = self.save(false);
            saved = self.doc.as_ref().is_some_and(|d| !d.dirty);
        }
        let task = self.update(Message::OpenPath(path.clone()));
        if recorded {
            // Also under the question to save this year: it says why.
            self.notice = Some(Notice::Info(s::next_year_created_recorded(
                &path, &name, saved,
            )));
        } else if self.modal.is_none() {
            self.notice = Some(Notice::Info(s::next_year_created(&path)));
        }
        task
    }

    pub(super) fn criteria_message(&mut self, m: criteria::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.views.criteria.update(m, &doc.workbook) {
            criteria::Action::None => {}
            criteria::Action::Edit(edit) => {
                let result = self.apply(*edit);
                self.views.criteria.applied(result);
            }
            criteria::Action::PickFile => return self.pick(Purpose::CopyCriteria),
            criteria::Action::PickTable => return self.pick(Purpose::ImportCriteria),
        }
        Task::none()
    }

    /// Reads a Word or Excel table of criteria and shows, in the criteria
    /// view, the tree understood and the rows not understood, to be kept
    /// ("Nhập vào sổ", one undo step) or dropped.
    pub(super) fn import_criteria_from(&mut self, path: &Path) {
        let Some(doc) = &self.doc else {
            return;
        };
        self.views.current = View::Criteria;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let preview = crate::intake::import(path, None)
            .map(|(_, _, understood)| {
                let fitted =
                    crate::workbook::criteria_table::fit(&doc.workbook, &understood.criteria);
                criteria::Imported::new(name.clone(), understood, fitted)
            })
            .map_err(|e| s::criteria_table_unreadable(&name, &e.to_string()));
        self.views.criteria.imported(preview);
    }

    /// Replaces the criteria table with the one in the workbook at `path`
    /// (refused, with the scores in the way, when it does not fit them).
    pub(super) fn copy_criteria_from(&mut self, path: &Path) {
        if self.doc.is_none() {
            return;
        }
        self.views.current = View::Criteria;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = match workbook::load(path) {
            Ok(loaded) => self
                .apply(Edit::Criteria(
                    crate::workbook::edit::CriteriaEdit::Replace(loaded.workbook.criteria),
                ))
                .map(|()| name),
            Err(e) => Err(s::criteria_file_unreadable(&name, &e.to_string())),
        };
        self.views.criteria.copied(result);
    }
}

/// Awards messages that only change what is looked at (the award's tab,
/// printing the ballot papers): allowed on a member school's machine.
pub(super) fn awards_view_only(m: &awards::Message) -> bool {
    matches!(
        m,
        awards::Message::SelectAward(_) | awards::Message::PrintBallots
    )
}
