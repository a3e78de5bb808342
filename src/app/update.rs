//! What each message does to the window: the one `update`, and the
//! subscriptions that send messages (keys, ticks, window events).

use super::*;

impl App {
    pub fn update(&mut self, message: Message) -> Task<Message> {
        // Messages that replace the open workbook ask first when it has
        // unsaved changes.
        if self.replaces_document(&message) && !std::mem::take(&mut self.discard_confirmed) {
            let unsaved = self.unsaved();
            if unsaved.any() {
                self.modal = Some(Modal::Discard(Box::new(message), unsaved));
                return Task::none();
            }
        }
        self.discard_confirmed = false;
        match message {
            Message::Welcome(m) => match self.views.welcome.update(m) {
                welcome::Action::None => {}
                welcome::Action::Create(wb) => {
                    self.set_document(Document::unsaved(*wb, None));
                }
            },
            // A member school's machine only looks at the cluster's parts:
            // the forms do not react, and a notice says why.
            Message::Members(_) | Message::Criteria(_) | Message::YearEnd(_)
                if self.is_school_machine() =>
            {
                self.notice = Some(Notice::Info(self.read_only_notice()));
            }
            Message::Awards(m) if self.is_school_machine() && !awards_view_only(&m) => {
                self.notice = Some(Notice::Info(self.read_only_notice()));
            }
            Message::Members(m) => {
                let Some(doc) = &self.doc else {
                    return Task::none();
                };
                if let members::Action::Edit(edit) = self.views.members.update(m, &doc.workbook) {
                    let result = self.apply(*edit);
                    if let Some(e) = self.views.members.applied(result) {
                        self.notice = Some(Notice::Error(e));
                    }
                }
            }
            Message::Awards(m) => return self.awards_message(m),
            Message::YearEnd(m) => return self.year_end_message(m),
            Message::Documents(m) => return self.documents_message(m),
            Message::History(m) => {
                let Some(doc) = &self.doc else {
                    return Task::none();
                };
                match self.views.history.update(m, &doc.workbook) {
                    screen::history::Action::Run(task) => return task.map(Message::History),
                    screen::history::Action::Edit(edit) => {
                        // The table reads the files: it shows the merger
                        // once the workbook is saved and read again.
                        self.apply_from(*edit, |app, r| match r {
                            Ok(()) => {
                                app.notice = Some(Notice::Info(s::HISTORY_MERGER_SAVED.into()));
                                None
                            }
                            Err(e) => Some(e),
                        });
                    }
                }
            }
            Message::Criteria(m) => return self.criteria_message(m),
            Message::Rules(m) => {
                if let (Some(doc), Some(results)) = (&self.doc, &self.results)
                    && let crate::app::screen::rules::Action::Edit(edit) =
                        self.views.rules.update(m, &doc.workbook, results)
                {
                    let result = self.apply(*edit);
                    self.views.rules.applied(result);
                    if let Some(doc) = &self.doc {
                        self.views.rules.sync(&doc.workbook);
                    }
                }
            }
            Message::MergeReview(m) => self.merge_message(m),
            Message::ImportReturns => return self.pick_returns(),
            // Copies carry only what the master on disk has: with unsaved
            // changes, save first (asked) or nothing is sent.
            m @ (Message::MailOut | Message::FinalCopy | Message::Reissue(_))
                if !self.is_school_machine() && self.unsaved().any() =>
            {
                self.modal = Some(Modal::SaveThenSend(Box::new(m)));
            }
            Message::MailOut => self.mail_out(None),
            Message::FinalCopy => self.final_copy(),
            Message::Reissue(id) => self.mail_out(Some(id)),
            Message::DecideOpen(n, d) => self.decide_open(n, d),
            Message::RestoreDeleted(n) => self.restore_deleted(n),
            Message::Shortcuts => {
                self.modal = Some(Modal::Details(s::SHORTCUTS.to_string()));
            }
            Message::MergeCopy => return self.merge_copy(),
            Message::ChooseMachine => self.ask_machine(),
            Message::ReturnsPicked(paths) => self.import_returns(paths, false),
            Message::Scoring(m) => {
                let Some(doc) = &self.doc else {
                    return Task::none();
                };
                match self.views.scoring.update(m, &doc.workbook) {
                    scoring::Action::None => {}
                    scoring::Action::Run(task) => return task.map(Message::Scoring),
                    scoring::Action::Edit(edit) => {
                        let result = self.apply(*edit);
                        self.views.scoring.applied(result);
                    }
                    scoring::Action::EditThen(edit, task) => {
                        let result = self.apply(*edit);
                        self.views.scoring.applied(result);
                        return task.map(Message::Scoring);
                    }
                }
            }
            Message::Activities(m) => {
                let Some(doc) = &self.doc else {
                    return Task::none();
                };
                if let activities::Action::Edit(edit) =
                    self.views.activities.update(m, &doc.workbook)
                {
                    let result = self.apply(*edit);
                    if let Some(e) = self.views.activities.applied(result) {
                        self.notice = Some(Notice::Error(e));
                    }
                }
            }
            Message::Navigate(v) => {
                self.commit_typing();
                // A passing remark ("Từ nay…", "Đã lưu…") belongs to where
                // it was said; errors and "changed on disk" stay until read.
                if v != self.views.current && matches!(self.notice, Some(Notice::Info(_))) {
                    self.notice = None;
                }
                if v != self.views.current {
                    self.repaint_all = !self.repaint_all;
                }
                self.views.current = v;
                if v == View::History
                    && let Some(doc) = &self.doc
                {
                    return self
                        .views
                        .history
                        .opened(&doc.workbook)
                        .map(Message::History);
                }
            }
            Message::Home => {
                self.close_document();
                self.screen = Screen::Welcome;
            }
            Message::New => {
                self.close_document();
                self.screen = Screen::Welcome;
                let _ = self.views.welcome.update(welcome::Message::StartWizard);
            }
            Message::Open => return self.pick(Purpose::Open),
            Message::FromLastYear => return self.pick(Purpose::FromLastYear),
            Message::SaveAs => return self.pick(Purpose::SaveAs),
            Message::Save => return self.save(false),
            Message::OpenSample => self.open_sample(),
            Message::OpenPath(p) => self.open(p),
            Message::FileDropped(p) => {
                if p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                {
                    // With a workbook open, a dropped file is one a school
                    // sent back; without, it is a workbook to open.
                    if self.doc.is_some() && !self.is_school_machine() {
                        self.import_returns(vec![p], true);
                        return Task::none();
                    }
                    return self.update(Message::OpenPath(p));
                }
                if crate::app::files::is_spreadsheet_name(&p) {
                    // A filled Excel form: a return, never a workbook.
                    if self.doc.is_some() && !self.is_school_machine() {
                        self.import_returns(vec![p], true);
                    } else {
                        self.notice = Some(Notice::Error(s::FORM_DROP_NEEDS_MASTER.into()));
                    }
                    return Task::none();
                }
                self.notice = Some(Notice::Error(s::NOT_JSON_DROP.into()));
            }
            Message::Picked(purpose, picked) => return self.picked(purpose, picked),
            Message::Undo => self.undo_redo(true),
            Message::Redo => self.undo_redo(false),
            Message::Scale(f) => self.set_scale(f),
            Message::ZoomIn => self.set_scale(self.scale() + 0.1),
            Message::ZoomOut => self.set_scale(self.scale() - 0.1),
            Message::CloseRequested(id) => {
                self.commit_typing();
                let unsaved = self.unsaved();
                if unsaved.any() {
                    self.modal = Some(Modal::CloseGuard(id, unsaved));
                } else {
                    return self.exit(id);
                }
            }
            Message::FitWindow(id, Some(monitor)) => {
                // First run on a laptop-sized screen (1366×768, or 1920×1080
                // at 150 %): the window takes the screen, as the clerk would
                // do by hand — at the default size the toolbar overflows.
                let default = settings::Settings::default();
                let never_resized =
                    self.window_size() == Size::new(default.window_width, default.window_height);
                if never_resized && monitor.width <= SMALL_SCREEN_WIDTH {
                    // Sized too, for desktops that ignore the request.
                    let full = Size::new(monitor.width * 0.98, monitor.height * 0.92);
                    return Task::batch([window::resize(id, full), window::maximize(id, true)]);
                }
                if let Some(size) = fitted(self.window_size(), monitor) {
                    return window::resize(id, size);
                }
            }
            Message::FitWindow(_, None) => {}
            Message::Resized(size) => {
                // In the window's own units (the zoom already out). A
                // minimised window reports next to nothing: that is not a
                // size to reopen at (it reopened at the minimum).
                if size.width >= MIN_SIZE.width * 0.5 && size.height >= MIN_SIZE.height * 0.5 {
                    self.settings.settings.window_width = size.width;
                    self.settings.settings.window_height = size.height;
                    self.views.scoring.set_size(size);
                }
            }
            Message::Tick => {
                if self
                    .recovery
                    .due
                    .is_some_and(|t| t.elapsed() >= RECOVERY_DELAY)
                {
                    self.write_recovery();
                }
            }
            Message::Modal(choice) => return self.modal_choice(choice),
            Message::WatchDisk => self.watch_disk(),
            Message::NoticeDetails => {
                if let Some(n) = &self.notice {
                    self.modal = Some(Modal::Details(n.text().to_string()));
                }
            }
            Message::Reload => {
                if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
                    return self.update(Message::OpenPath(path));
                }
            }
            Message::DialogKey(enter) => {
                if let Some(choice) = self.modal.as_ref().and_then(|m| m.key_choice(enter)) {
                    return self.modal_choice(choice);
                }
            }
            Message::HideProblems => self.show_problems = false,
            Message::DismissNotice => self.notice = None,
            Message::OpenOtherRecovery => self.open_other_recovery(),
        }
        Task::none()
    }

    pub(super) fn replaces_document(&self, m: &Message) -> bool {
        matches!(
            m,
            Message::Home
                | Message::New
                | Message::OpenSample
                | Message::OpenPath(_)
                | Message::Picked(Purpose::Open | Purpose::FromLastYear, Picked::Path(_))
                | Message::Welcome(welcome::Message::Create)
        )
    }

    /// The workbook's undo (redo): one rule for the whole window. It
    /// never runs while a form holds typing not yet saved into the
    /// workbook (that typing would be lost, and the clerk meant the
    /// field: Ctrl+Z in a field undoes the field's typing, see
    /// `field::undoable`), and it always says what it undid.
    pub(super) fn undo_redo(&mut self, undo: bool) {
        let forms = self.unsaved().forms;
        if !forms.is_empty() {
            self.notice = Some(Notice::Info(s::undo_waits_for_forms(&forms)));
            return;
        }
        // A score typed in the grid and not yet committed is an edit of
        // its own: committed first, it is what this undo takes back.
        self.commit_typing();
        let Some(doc) = &mut self.doc else { return };
        let done = if undo { doc.undo() } else { doc.redo() };
        match done {
            Some(what) => {
                // Files under review were compared with another workbook.
                self.reset_forms();
                self.changed();
                self.notice = Some(Notice::Info(if undo {
                    s::undone(&what)
                } else {
                    s::redone(&what)
                }));
            }
            None => {
                let msg = if undo {
                    s::NOTHING_TO_UNDO
                } else {
                    s::NOTHING_TO_REDO
                };
                self.notice = Some(Notice::Info(msg.into()));
            }
        }
    }

    pub(super) fn set_scale(&mut self, f: f32) {
        let f = (f * 100.0).round() / 100.0;
        let before = self.scale().max(0.1);
        self.settings.settings.scale = f.clamp(settings::MIN_SCALE, settings::MAX_SCALE);
        // The window keeps its size on screen: in the zoomed units it is
        // smaller (larger) by the change.
        let ratio = before / self.scale().max(0.1);
        self.settings.settings.window_width *= ratio;
        self.settings.settings.window_height *= ratio;
        self.settings.save();
        self.views.scoring.set_size(self.window_size());
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs = vec![
            // Under a dialog only its own keys count: Ctrl+O must not
            // replace the recovery question behind the clerk's back.
            if self.modal.is_some() {
                keyboard::listen().filter_map(dialog_key)
            } else {
                keyboard::listen().filter_map(shortcut)
            },
            window::close_requests().map(Message::CloseRequested),
            window::events().filter_map(|(_, event)| match event {
                window::Event::FileDropped(p) => Some(Message::FileDropped(p)),
                window::Event::Resized(size) => Some(Message::Resized(size)),
                _ => None,
            }),
        ];
        if self.views.current == View::Scoring && self.doc.is_some() && self.modal.is_none() {
            subs.push(scoring::State::subscription().map(Message::Scoring));
        }
        // Ticks only while a recovery copy is pending: an idle window wakes
        // no one.
        if self.recovery.due.is_some() {
            subs.push(iced::time::every(Duration::from_secs(1)).map(|_| Message::Tick));
        }
        // Another window (or program) saving the same file is told here,
        // not first at the next save.
        if self.doc.as_ref().is_some_and(|d| d.path.is_some()) {
            subs.push(iced::time::every(DISK_WATCH).map(|_| Message::WatchDisk));
        }
        Subscription::batch(subs)
    }
}
