//! File handling: opening, saving, closing, the recovery copy, the
//! dialogs that guard them, and noticing another window saving the file.

use super::*;

impl App {
    pub(super) fn write_recovery(&mut self) {
        self.recovery.due = None;
        if let Some(doc) = self.doc.as_ref().filter(|d| d.dirty) {
            let disk = doc.stamp.and_then(|s| s.pair());
            let written = self
                .recovery
                .place
                .write(doc.path.as_deref(), disk, &doc.workbook);
            if written && let Some(old) = self.recovery.adopted.take() {
                old.remove();
            }
        }
    }

    /// Tells once per change when the open file changed on disk.
    pub(super) fn watch_disk(&mut self) {
        let Some(doc) = &self.doc else { return };
        let Some(path) = &doc.path else { return };
        if !doc.changed_on_disk() {
            return;
        }
        let now = document::Stamp::of(path);
        if now.is_some() && now == self.disk_told {
            return;
        }
        self.disk_told = now;
        let name = doc.file_name().unwrap_or_default();
        self.notice = Some(Notice::ChangedOnDisk(if doc.dirty {
            s::changed_on_disk_dirty(&name)
        } else {
            s::changed_on_disk_clean(&name)
        }));
    }

    /// Removes this window's recovery copy (never another window's).
    pub(super) fn clear_recovery(&mut self) {
        self.recovery.place.clear();
    }

    /// Offers the newest copy a crashed window left, unless a dialog is
    /// already shown (it is offered again at the next start).
    pub(super) fn offer_recovery(&mut self) {
        if self.modal.is_some() || self.recovery.pending.is_some() {
            return;
        }
        let adopted = self.recovery.adopted.as_ref().map(|o| o.file.clone());
        let mut orphans: Vec<recovery::Orphan> = self
            .recovery
            .place
            .orphans()
            .into_iter()
            .filter(|o| Some(&o.file) != adopted.as_ref())
            .collect();
        // Started for one copy ("Mở" in another window): that one first.
        if let Some(first) = self.recovery.first.take()
            && let Some(i) = orphans.iter().position(|o| o.file == first)
        {
            let o = orphans.remove(i);
            orphans.insert(0, o);
        }
        // Started on a workbook: only its own copy may take its place; a
        // copy of another workbook is offered in the status bar, to open
        // in a window of its own.
        if let Some(asked) = self.recovery.started_on.clone() {
            let of_asked = |o: &recovery::Orphan| {
                o.copy
                    .path
                    .as_deref()
                    .is_some_and(|p| crate::master::output::same(p, &asked))
            };
            if self.recovery.other.is_none() {
                self.recovery.other = orphans.iter().find(|o| !of_asked(o)).cloned();
            }
            orphans.retain(of_asked);
        }
        let Some(orphan) = orphans.into_iter().next() else {
            return;
        };
        self.modal = Some(Modal::Recovery {
            file: orphan
                .copy
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| s::UNTITLED.to_string()),
            written: orphan.copy.written.clone(),
            school: orphan
                .copy
                .workbook
                .provenance
                .copy_for
                .as_ref()
                .map(|id| orphan.copy.workbook.school_full_name(id)),
        });
        self.recovery.pending = Some(orphan);
    }

    /// "Mở" on the notice of another workbook's recovery copy: a new
    /// window (process) is started to offer it; this one keeps its file.
    pub(super) fn open_other_recovery(&mut self) {
        let Some(other) = self.recovery.other.take() else {
            return;
        };
        let started = std::env::current_exe().and_then(|exe| {
            std::process::Command::new(exe)
                .env(RECOVER_ENV, &other.file)
                .spawn()
        });
        self.notice = Some(match started {
            Ok(_) => Notice::Info(s::OTHER_RECOVERY_STARTED.into()),
            Err(e) => {
                self.recovery.other = Some(other);
                Notice::Error(s::other_recovery_failed(&crate::text::io_reason(&e)))
            }
        });
    }

    /// A recovery copy of another workbook waiting in the status bar.
    pub fn other_recovery(&self) -> Option<&recovery::Orphan> {
        self.recovery.other.as_ref()
    }

    pub(super) fn close_document(&mut self) {
        self.doc = None;
        self.held = None;
        self.reset_forms();
        self.recovery.due = None;
        self.clear_recovery();
    }

    pub(super) fn set_document(&mut self, doc: Document) {
        self.disk_told = None;
        self.clear_recovery();
        self.recovery.due = None;
        self.show_problems = true;
        self.reset_forms();
        self.views.current = View::Members;
        self.screen = Screen::Workbook;
        let dirty = doc.dirty;
        // The lock of the file open before is let go (kept when it is the
        // same file, opened again).
        if self.held.as_ref().is_some_and(|l| {
            doc.read_only.is_some() || doc.path.as_deref().is_none_or(|p| !l.holds(p))
        }) {
            self.held = None;
        }
        self.doc = Some(doc);
        self.views.scoring.reset();
        self.refresh_screens();
        if dirty {
            self.changed();
        }
        // A school's copy says whose it is: no need to ask, and it opens
        // where the school works, with what is still to fill.
        let copy_for = self
            .workbook()
            .and_then(|wb| wb.provenance.copy_for.clone());
        match copy_for {
            Some(school) if self.viewing_copy().is_none() => {
                self.views.current = View::Scoring;
                if let Some(wb) = self.workbook() {
                    let missing = wb.missing_self_scores(&school);
                    self.notice = Some(Notice::Info(s::copy_still_missing(
                        &wb.school_full_name(&school),
                        &missing,
                    )));
                }
            }
            Some(_) => {}
            None => {
                if self.settings.settings.machine.is_none() && self.modal.is_none() {
                    self.ask_machine();
                }
            }
        }
    }

    /// Opens a workbook file: the workbook (with its problems listed), or
    /// the error screen. The file is locked while it is open (like Word
    /// and Excel); one held elsewhere asks first (`Modal::Held`).
    pub fn open(&mut self, path: PathBuf) {
        self.open_as(path, crate::master::lock::TakeOver::ThisMachine);
    }

    fn open_as(&mut self, path: PathBuf, take_over: crate::master::lock::TakeOver) {
        use crate::master::lock::{self, LockError};
        // Absolute, so recent files still work when started from elsewhere.
        let path = std::path::absolute(&path).unwrap_or(path);
        let lock = match self.held.take() {
            Some(l) if l.holds(&path) => Some(l),
            other => {
                self.held = other;
                match lock::acquire(&path, take_over) {
                    Ok(l) => Some(l),
                    Err(e @ (LockError::Held(_) | LockError::MaybeCrashed(_))) => {
                        let crashed = matches!(e, LockError::MaybeCrashed(_));
                        let message = if crashed {
                            s::held_crashed_body(&e.to_string())
                        } else {
                            s::held_body(&e.to_string())
                        };
                        let who = e.holder().map(|h| h.who()).unwrap_or_default();
                        self.modal = Some(Modal::Held {
                            path,
                            message,
                            crashed,
                            who,
                        });
                        return;
                    }
                    // No lock can be made here (a read-only folder or
                    // share): nothing can be saved here either; the save
                    // says so.
                    Err(LockError::Io { .. }) => None,
                }
            }
        };
        self.open_read(path, lock, None);
    }

    /// Reads `path` into the window, holding `lock` (None: not locked;
    /// `read_only`: who holds it elsewhere).
    fn open_read(
        &mut self,
        path: PathBuf,
        lock: Option<crate::master::lock::Lock>,
        read_only: Option<String>,
    ) {
        self.notice = None;
        match crate::master::read(&path) {
            Ok(read) => {
                let mut doc = Document::new(read.loaded.workbook, Some(path.clone()));
                doc.problems = read.loaded.problems;
                doc.reformatted = read.loaded.reformatted;
                doc.disk_hash = Some(read.disk_hash);
                doc.read_only = read_only.clone();
                self.set_document(doc);
                self.held = lock;
                if let Some(who) = &read_only {
                    self.notice = Some(Notice::Info(s::read_only_notice(who)));
                }
                self.settings.settings.remember(&path);
                self.settings.save();
            }
            Err(e) => {
                self.close_document();
                self.screen = Screen::Error(error::State::new(path, e));
            }
        }
    }

    pub(super) fn open_sample(&mut self) {
        self.notice = None;
        match workbook::load_bytes(SAMPLE) {
            Ok(loaded) => {
                let mut doc = Document::new(loaded.workbook, None);
                doc.untitled_name = Some(SAMPLE_NAME.to_string());
                doc.problems = loaded.problems;
                self.set_document(doc);
            }
            Err(_) => self.notice = Some(Notice::Error(s::NO_SAMPLE.into())),
        }
    }

    pub(super) fn pick(&mut self, purpose: Purpose) -> Task<Message> {
        if purpose == Purpose::SaveAs && self.doc.is_none() {
            return Task::none();
        }
        let folder = self.settings.settings.last_folder.clone();
        let name = self
            .doc
            .as_ref()
            .map(Document::suggested_name)
            .unwrap_or_default();
        Task::perform(dialog::pick(purpose, folder, name), move |p| {
            Message::Picked(purpose, p)
        })
    }

    pub(super) fn picked(&mut self, purpose: Purpose, picked: Picked) -> Task<Message> {
        match picked {
            Picked::Path(path) => match purpose {
                Purpose::Open => self.open(path),
                Purpose::SaveAs => return self.save_to(path),
                Purpose::FromLastYear => self.next_year_from(path),
                Purpose::CopyCriteria => self.copy_criteria_from(&path),
                Purpose::ImportCriteria => self.import_criteria_from(&path),
                Purpose::Returns => self.import_returns(vec![path], false),
                Purpose::MasterForCopy => self.merge_copy_into(path),
            },
            Picked::Cancelled => self.after_save = None,
            Picked::Unavailable => {
                self.modal = Some(Modal::Path {
                    purpose,
                    value: String::new(),
                });
                return iced::widget::operation::focus(modal::ID_PATH);
            }
        }
        Task::none()
    }

    pub(super) fn next_year_from(&mut self, path: PathBuf) {
        match workbook::load(&path) {
            Ok(loaded) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match crate::rules::rollover::next_year(&loaded.workbook, &name) {
                    Ok(next) => self.set_document(Document::unsaved(next, None)),
                    Err(problems) => {
                        self.notice = Some(Notice::Error(s::next_year_refused(&problems)));
                    }
                }
            }
            Err(e) => {
                self.close_document();
                self.screen = Screen::Error(error::State::new(path, e));
            }
        }
    }

    /// A score typed in the grid but not yet committed (no Enter or Tab)
    /// is committed before saving, closing or changing view: what the
    /// clerk sees typed is what is saved.
    /// What closing or replacing the workbook now would lose.
    pub(super) fn unsaved(&self) -> Unsaved {
        let forms = self.views.open_forms().iter().map(|v| v.label()).collect();
        Unsaved {
            dirty: self.doc.as_ref().is_some_and(|d| d.dirty),
            forms: if self.doc.is_some() {
                forms
            } else {
                Vec::new()
            },
        }
    }

    pub(super) fn commit_typing(&mut self) {
        let Some(doc) = &self.doc else { return };
        if let Some(edit) = self.views.scoring.commit_draft(&doc.workbook) {
            let result = self.apply(*edit);
            self.views.scoring.applied(result);
        }
    }

    /// Every open form committed as its own "Lưu thay đổi" would; a form
    /// that refuses (its reason shown in it) stays open. The views whose
    /// forms are still open.
    pub(super) fn commit_forms(&mut self) -> Vec<&'static str> {
        let messages = self.views.save_messages();
        for m in messages {
            let _ = self.update(m);
        }
        self.unsaved().forms
    }

    /// Ctrl+S: what the clerk typed is in the file, or the notice says
    /// which form still holds it; with nothing changed since the last
    /// save, nothing is written (the backup keeps the state before).
    pub(super) fn save(&mut self, overwrite_changed: bool) -> Task<Message> {
        self.commit_typing();
        let open = self.commit_forms();
        if !open.is_empty() {
            self.after_save = None;
            self.notice = Some(Notice::Error(s::save_waits_for_forms(&open)));
            return Task::none();
        }
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        let Some(path) = doc.path.clone() else {
            return self.pick(Purpose::SaveAs);
        };
        if !overwrite_changed && doc.changed_on_disk() {
            self.modal = Some(Modal::ChangedOnDisk);
            return Task::none();
        }
        // Who saves is part of the file (`provenance.saved_by`): a machine
        // that has not saved this file yet still writes it once.
        let saver = match &doc.workbook.provenance.copy_for {
            Some(school) => Owner::School(school.clone()),
            None => self.machine(),
        };
        let same_saver = doc.workbook.provenance.saved_by.as_ref() == Some(&saver);
        if !doc.dirty
            && !doc.reformatted
            && same_saver
            && doc.read_only.is_none()
            && doc.stamp.is_some()
        {
            self.notice = Some(Notice::Info(s::nothing_to_save(&path)));
            return self.after_saved();
        }
        self.save_to(path)
    }

    /// What was waiting for the save (closing, opening another file …).
    fn after_saved(&mut self) -> Task<Message> {
        match self.after_save.take() {
            Some(AfterSave::Close(id)) => self.exit(id),
            Some(AfterSave::Then(m)) => self.update(*m),
            None => Task::none(),
        }
    }

    /// Saves to `path`; on failure the edits stay and the reason is shown.
    /// Over the file that was read, the save is refused when that file
    /// changed on disk meanwhile or is held elsewhere (opened read-only);
    /// another file is locked first, and a missing folder is offered to be
    /// made.
    pub fn save_to(&mut self, path: PathBuf) -> Task<Message> {
        let editor = self.machine();
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        let same_file = doc
            .path
            .as_deref()
            .is_some_and(|p| crate::master::output::same(p, &path));
        if same_file && let Some(who) = &doc.read_only {
            self.after_save = None;
            self.notice = Some(Notice::Error(s::read_only_save_refused(who)));
            return Task::none();
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            self.modal = Some(Modal::CreateFolder(path));
            return Task::none();
        }
        // Another file (Save As) is held from now on, if it can be.
        let mut new_lock = None;
        if !self.held.as_ref().is_some_and(|l| l.holds(&path)) {
            match crate::master::lock::acquire(&path, crate::master::lock::TakeOver::ThisMachine) {
                Ok(l) => new_lock = Some(l),
                Err(e @ crate::master::lock::LockError::Io { .. }) => {
                    let _ = e; // a folder without locks: the save tells
                }
                Err(e) => {
                    self.after_save = None;
                    self.notice = Some(Notice::Error(s::save_failed(&e.to_string())));
                    return Task::none();
                }
            }
        }
        let Some(doc) = &mut self.doc else {
            return Task::none();
        };
        let mut wb = doc.workbook.clone();
        crate::exchange::stamp(&mut wb, &editor);
        let result = match (&doc.disk_hash, same_file) {
            (Some(hash), true) => crate::master::save(&path, &wb, hash),
            _ => workbook::save(&path, &wb, Overwrite::WorkbookOnly)
                .map(|()| workbook::file::hash_of(&workbook::to_bytes(&wb))),
        };
        match result {
            Ok(hash) => {
                doc.workbook = wb;
                doc.saved_to(path.clone());
                doc.disk_hash = Some(hash);
                doc.read_only = None;
                if new_lock.is_some() {
                    self.held = new_lock;
                }
                self.views.documents.set_file(Some(path.clone()));
                self.views
                    .history
                    .set_folder(path.parent().map(Path::to_path_buf));
                self.recovery.due = None;
                self.clear_recovery();
                self.settings.settings.remember(&path);
                self.settings.save();
                self.notice = Some(Notice::Info(s::saved(&path)));
                return self.after_saved();
            }
            Err(e) => {
                self.after_save = None;
                self.notice = Some(Notice::Error(s::save_failed(&e.to_string())));
            }
        }
        Task::none()
    }

    pub(super) fn exit(&mut self, id: window::Id) -> Task<Message> {
        self.clear_recovery();
        self.settings.save();
        // Closed and ended at once: the process does not linger after its
        // only window (a second start meanwhile would see it running).
        window::close(id).chain(iced::exit())
    }

    pub(super) fn modal_choice(&mut self, choice: Choice) -> Task<Message> {
        let Some(modal) = self.modal.take() else {
            return Task::none();
        };
        match (modal, choice) {
            (Modal::CloseGuard(id, _), Choice::Save) => {
                self.after_save = Some(AfterSave::Close(id));
                return self.save(false);
            }
            (Modal::CloseGuard(id, _), Choice::DontSave) => return self.exit(id),
            (Modal::Discard(next, _), Choice::Save) => {
                self.after_save = Some(AfterSave::Then(next));
                return self.save(false);
            }
            (Modal::Discard(next, _), Choice::DontSave) => {
                self.discard_confirmed = true;
                return self.update(*next);
            }
            (Modal::SaveThenSend(next), Choice::Save) => {
                self.after_save = Some(AfterSave::Then(next));
                return self.save(false);
            }
            (Modal::ChangedOnDisk, Choice::Overwrite) => {
                // The clerk chose to replace what is on disk now.
                if let Some(doc) = &mut self.doc {
                    doc.disk_hash = None;
                }
                return self.save(true);
            }
            (Modal::Held { path, who, .. }, Choice::OpenReadOnly) => {
                self.open_read(path, None, Some(who));
            }
            (Modal::Held { path, .. }, Choice::TakeOver) => {
                self.open_as(path, crate::master::lock::TakeOver::AnyMachine);
            }
            (Modal::CreateExportFolder(target, dir), Choice::CreateFolder) => {
                return match std::fs::create_dir_all(&dir) {
                    Ok(()) => {
                        let Some(doc) = &self.doc else {
                            return Task::none();
                        };
                        let action = self.views.documents.start_in(target, dir, &doc.workbook);
                        self.documents_action(action)
                    }
                    Err(e) => {
                        let why = format!("{}: {}.", dir.display(), crate::text::io_reason(&e));
                        self.notice = Some(Notice::Error(s::cannot_create_folder(&why)));
                        Task::none()
                    }
                };
            }
            (Modal::CreateFolder(path), Choice::CreateFolder) => {
                let dir = path.parent().unwrap_or(&path).to_path_buf();
                match std::fs::create_dir_all(&dir) {
                    Ok(()) => return self.save_to(path),
                    Err(e) => {
                        self.after_save = None;
                        let why = format!("{}: {}.", dir.display(), crate::text::io_reason(&e));
                        self.notice = Some(Notice::Error(s::save_failed(&why)));
                    }
                }
            }
            (Modal::ChangedOnDisk, Choice::SaveAs) => return self.pick(Purpose::SaveAs),
            (Modal::Recovery { .. }, Choice::Restore) => {
                if let Some(orphan) = self.recovery.pending.take() {
                    let changed = orphan.disk_changed();
                    let copy = orphan.copy.clone();
                    let mut doc = Document::unsaved(copy.workbook, copy.path);
                    // The file as that window knew it: a save over a file
                    // changed since asks first instead of reverting it.
                    if let Some(disk) = copy.disk {
                        doc.stamp = Some(document::Stamp::from_pair(disk));
                    }
                    // The crashed window's copy stays on disk until this
                    // window's own copy of the restored state is written.
                    self.recovery.adopted = Some(orphan);
                    self.set_document(doc);
                    self.write_recovery();
                    self.notice = Some(if changed {
                        Notice::Error(s::RESTORED_DISK_CHANGED.into())
                    } else {
                        Notice::Info(s::RESTORED.into())
                    });
                }
                self.offer_recovery();
            }
            (m @ Modal::Recovery { .. }, Choice::DiscardRecovery) => {
                self.modal = Some(Modal::DiscardRecovery(Box::new(m)));
            }
            (Modal::DiscardRecovery(_), Choice::DiscardRecovery) => {
                if let Some(orphan) = self.recovery.pending.take() {
                    orphan.remove();
                }
                self.offer_recovery();
            }
            (Modal::DiscardRecovery(back), Choice::Cancel) => self.modal = Some(*back),
            (Modal::Path { purpose, .. }, Choice::PathChanged(v)) => {
                self.modal = Some(Modal::Path { purpose, value: v });
            }
            (m @ Modal::Path { .. }, Choice::PathSubmit) => match m.typed_path() {
                Some((purpose, path)) => {
                    let path = dialog::with_json_extension(path, purpose);
                    return self.update(Message::Picked(purpose, Picked::Path(path)));
                }
                None => self.modal = Some(m),
            },
            (Modal::Machine { .. }, Choice::Machine(owner)) => {
                let name = self.machine_name(&owner);
                self.settings.settings.machine = Some(owner);
                self.refresh_screens();
                self.settings.save();
                self.notice = Some(Notice::Info(s::machine_set(&name)));
            }
            (_, Choice::Cancel) => self.after_save = None,
            // A choice that does not belong to the dialog shown: keep it.
            (m, _) => self.modal = Some(m),
        }
        Task::none()
    }
}

/// Whether a dropped file is named like a spreadsheet (a filled Excel
/// form): .xlsx, .xls or .ods. Its content decides the rest.
pub(crate) fn is_spreadsheet_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["xlsx", "xls", "ods"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}
