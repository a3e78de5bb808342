//! The returned-files work in the window: the mail-out, the final copy,
//! importing and reviewing returns, open conflicts, and merging a school's
//! copy opened on the cluster's machine.

use super::*;

impl App {
    /// "Gộp vào sổ cụm…": asks for the cluster's workbook, then opens it
    /// with this copy under review.
    pub(super) fn merge_copy(&mut self) -> Task<Message> {
        let copy = self.doc.as_ref().and_then(|d| d.path.clone());
        let Some(path) = self.viewing_copy().and(copy) else {
            return Task::none();
        };
        // The most recent workbook that is not a school's copy is likely
        // the cluster's: the dialog starts in its folder.
        let folder = self
            .settings
            .settings
            .recent
            .iter()
            .find(|p| p.as_path() != path.as_path())
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| self.settings.settings.last_folder.clone());
        self.copy_to_merge = Some(path);
        Task::perform(
            dialog::pick(Purpose::MasterForCopy, folder, String::new()),
            |p| Message::Picked(Purpose::MasterForCopy, p),
        )
    }

    pub(super) fn merge_copy_into(&mut self, master: PathBuf) {
        let Some(copy) = self.copy_to_merge.take() else {
            return;
        };
        if self.doc.as_ref().is_some_and(|d| d.dirty) {
            return; // a copy on the cluster's machine is never edited
        }
        self.open(master);
        if self.doc.is_none() {
            return; // the error screen says why
        }
        if self.viewing_copy().is_some() {
            self.notice = Some(Notice::Error(s::MASTER_IS_A_COPY.into()));
            return;
        }
        self.views.current = View::Returns;
        self.import_returns(vec![copy], false);
    }

    /// The mail-out: one copy per member school, each with only its own
    /// key, in "<sổ>-gui-cac-truong/" beside the master. The first one
    /// gives the master its secret, saved at once: copies whose keys the
    /// saved master cannot derive again would come back as forged.
    pub(super) fn mail_out(&mut self, only: Option<workbook::Id>) {
        let Some(path) = self.master_path() else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let mut wb = doc.workbook.clone();
        let Some(dir) = self.mail_out_dir(&path) else {
            return;
        };
        // The policy of `thidua mail-out`: the master is saved with its
        // secret and what it issued first (this window holds its lock), no copy replaces
        // a master; the window replaces its own earlier copies.
        let sent =
            crate::master::send::mail_out(&mut wb, &path, &dir, only.as_ref(), true, &mut |next| {
                if let Some(doc) = &mut self.doc {
                    doc.keep_secret(&next.provenance.secret, &next.provenance.issued);
                }
                let _ = self.save_to(path.clone());
                if self.doc.as_ref().is_none_or(|d| d.dirty) {
                    // The save said why it failed.
                    Err(self
                        .notice
                        .as_ref()
                        .map(|n| n.text().to_string())
                        .unwrap_or_default())
                } else {
                    Ok(())
                }
            });
        let sent = match sent {
            Ok(sent) => sent,
            Err(crate::master::send::Failure::Refused(e)) if e.is_empty() => return,
            Err(e) => {
                self.notice = Some(Notice::Error(e.to_string()));
                return;
            }
        };
        let last = sent
            .written
            .iter()
            .rfind(|(p, _)| p.extension().is_some_and(|e| e == "json"))
            .map(|(p, _)| p.clone());
        let done = match (&only, last) {
            (Some(school), Some(file)) => s::reissued(&wb.school_full_name(school), &file),
            _ => s::mailed_out(sent.copies, &dir),
        };
        self.notice = Some(if sent.errors.is_empty() {
            Notice::Info(done)
        } else {
            Notice::Error(format!("{done}\n{}", sent.errors.join("\n")))
        });
    }

    /// Where the cluster's workbook is saved, for sending copies beside
    /// it: None on a school's machine, or (saying so) when never saved.
    fn master_path(&mut self) -> Option<PathBuf> {
        if self.is_school_machine() {
            return None;
        }
        let path = self.doc.as_ref()?.path.clone();
        if path.is_none() {
            self.notice = Some(Notice::Error(s::MAIL_OUT_SAVE_FIRST.into()));
        }
        path
    }

    /// "<sổ>-gui-cac-truong/" beside the master, created; None (with the
    /// reason on screen) when it cannot be.
    pub(super) fn mail_out_dir(&mut self, master: &Path) -> Option<PathBuf> {
        let stem = master
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = master.with_file_name(format!("{stem}-gui-cac-truong"));
        match std::fs::create_dir_all(&dir) {
            Ok(()) => Some(dir),
            Err(e) => {
                let why = format!("{}: {}.", dir.display(), crate::text::io_reason(&e));
                self.notice = Some(Notice::Error(s::save_failed(&why)));
                None
            }
        }
    }

    /// "Gửi bản cuối…": the workbook for everyone after the conference,
    /// without any key, beside the school copies.
    pub(super) fn final_copy(&mut self) {
        let Some(path) = self.master_path() else {
            return;
        };
        let Some(dir) = self.mail_out_dir(&path) else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        self.notice = Some(
            match crate::master::send::final_copy(&doc.workbook, &path, &dir, true) {
                Ok(file) => Notice::Info(s::final_copy_written(&file)),
                Err(e) => Notice::Error(s::save_failed(&e.to_string())),
            },
        );
    }

    pub(super) fn pick_returns(&mut self) -> Task<Message> {
        if self.doc.is_none() || self.is_school_machine() {
            return Task::none();
        }
        let folder = self.settings.settings.last_folder.clone();
        Task::perform(dialog::pick_returns(folder), |r| match r {
            Ok(paths) => Message::ReturnsPicked(paths),
            Err(p) => Message::Picked(Purpose::Returns, p),
        })
    }

    /// Reviews each file against the open workbook and puts it under
    /// review; each refusal is listed in the notice bar. `dropped`: the
    /// files were dragged onto the window (a refusal then also says how to
    /// open a file as a workbook of its own).
    pub(super) fn import_returns(&mut self, paths: Vec<PathBuf>, dropped: bool) {
        let Some(doc) = &self.doc else { return };
        let mut refusals = Vec::new();
        for path in &paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match crate::exchange::review_file(&doc.workbook, path) {
                Ok(review) => {
                    if let Err(e) =
                        self.views
                            .merge
                            .add_from(review, Some(path.clone()), Some(&doc.workbook))
                    {
                        refusals.push(e);
                    }
                }
                Err(refusal) => {
                    if matches!(refusal, crate::exchange::Refusal::Forged { .. }) {
                        self.views.merge.add_refused(merge_review::Refused {
                            file_name: name.clone(),
                            reason: refusal.to_string(),
                            forged: true,
                        });
                    }
                    let mut msg = s::return_refused(&name, &refusal.to_string());
                    use crate::exchange::Refusal as R;
                    let other_book = matches!(
                        refusal,
                        R::OtherCluster { .. } | R::OtherYear { .. } | R::FromCluster
                    );
                    if dropped && other_book {
                        msg = format!("{msg} {}", s::DROP_OPEN_HINT);
                    }
                    refusals.push(msg);
                }
            }
        }
        if let Some(dir) = paths
            .first()
            .and_then(|p| p.parent())
            .filter(|d| !d.as_os_str().is_empty())
        {
            self.settings.settings.last_folder = Some(dir.to_path_buf());
        }
        self.notice = if refusals.is_empty() {
            None
        } else {
            Some(Notice::Error(refusals.join("\n")))
        };
    }

    pub(super) fn decide_open(&mut self, n: usize, d: crate::exchange::Decision) {
        if self.is_school_machine() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let mut wb = doc.workbook.clone();
        let result = crate::exchange::decide_open(&mut wb, n, d).and_then(|()| {
            self.apply_described(
                Edit::Replace(Box::new(wb)),
                document::Label {
                    what: s::UNDO_CONFLICT_DECIDED.into(),
                    ..Default::default()
                },
            )
        });
        self.notice = Some(match result {
            Ok(()) => Notice::Info(s::CONFLICT_DECIDED.into()),
            Err(e) => Notice::Error(e),
        });
    }

    /// "Khôi phục" on the year's deletion at `n`: the record back, as one
    /// undoable edit, and the notice says which.
    pub(super) fn restore_deleted(&mut self, n: usize) {
        if self.is_school_machine() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let Some(d) = doc.workbook.provenance.deleted.get(n).cloned() else {
            return;
        };
        let (label, _) = crate::exchange::deletion_label(&doc.workbook, &d);
        let mut wb = doc.workbook.clone();
        let result = match crate::workbook::RecordKey::parse(&d.record) {
            Some(key) => crate::exchange::restore(&mut wb, &key, &crate::workbook::Owner::Cluster),
            None => Err(s::RESTORE_UNREADABLE.into()),
        }
        .and_then(|()| {
            self.apply_described(
                Edit::Replace(Box::new(wb)),
                document::Label {
                    what: s::undo_restored(&label),
                    ..Default::default()
                },
            )
        });
        self.notice = Some(match result {
            Ok(()) => Notice::Info(s::restored(&label)),
            Err(e) => Notice::Error(e),
        });
    }

    pub(super) fn merge_message(&mut self, m: merge_review::Message) {
        let Some(doc) = &self.doc else { return };
        match self.views.merge.update(m, &doc.workbook) {
            merge_review::Action::None => {}
            merge_review::Action::Cancel => {
                self.views.merge.reset();
                self.notice = Some(Notice::Info(s::MERGE_CANCELLED.into()));
            }
            merge_review::Action::Apply(merged, done) => {
                let files = self.views.merge.files().len();
                match self.apply(Edit::Replace(merged)) {
                    Ok(()) => {
                        self.reset_forms();
                        self.views.current = View::Returns;
                        self.notice = Some(Notice::Info(s::merged(
                            files,
                            done.accepted,
                            done.kept,
                            done.refused,
                        )));
                    }
                    Err(e) => self.notice = Some(Notice::Error(e)),
                }
            }
            merge_review::Action::Refused(why) => {
                self.notice = Some(Notice::Error(s::merge_refused(&why)));
            }
        }
    }
}
