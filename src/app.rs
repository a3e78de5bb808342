//! The window. `App` holds the open workbook; screens hold only their UI
//! state and hand back edits, which are applied in one place
//! ([`App::apply`]): undo, the dirty flag and the recovery copy follow from
//! there.

pub mod dialog;
pub mod document;
pub mod font;
pub mod modal;
pub mod path_field;
pub mod recovery;
pub mod screen;
pub mod strings;
pub mod theme;
pub mod widget;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Element, Length, Size, Subscription, Task, Theme, keyboard, window};

use crate::settings::{self, Store};
use crate::workbook::edit::Edit;
use crate::workbook::file::Overwrite;
use crate::workbook::{self, Owner, Workbook};
use dialog::{Picked, Purpose};
use document::Document;
use modal::{Choice, Modal};
use screen::{View, activities, error, members, scoring, welcome};
use screen::{awards, criteria, documents, merge_review, returns, year_end};
use strings as s;

/// The sample shipped inside the program, so "open the sample" works
/// wherever the .exe is copied.
pub const SAMPLE: &[u8] = include_bytes!("../assets/samples/cum8-2019.json");
pub const SAMPLE_NAME: &str = "cum8-2019.json";

/// The recovery copy is written this long after the last edit.
/// How often the open file is checked for changes by another window.
pub const DISK_WATCH: Duration = Duration::from_secs(2);

/// Screens up to this width (logical pixels) get a maximised first window.
pub const SMALL_SCREEN_WIDTH: f32 = 1600.0;

pub const RECOVERY_DELAY: Duration = Duration::from_secs(3);

/// Where the app starts and what it keeps on disk. Tests pass in-memory
/// settings and no recovery folder so nothing of the user's is touched.
#[derive(Debug, Clone)]
pub struct Boot {
    pub file: Option<PathBuf>,
    pub settings: Store,
    pub recovery: recovery::Place,
}

impl Boot {
    /// Nothing read from or written to the user's folders; the machine is
    /// the cluster office's (so no one is asked whose it is).
    pub fn isolated(file: Option<PathBuf>) -> Boot {
        Boot {
            file,
            settings: Store::in_memory(settings::Settings {
                machine: Some(Owner::Cluster),
                ..settings::Settings::default()
            }),
            recovery: recovery::Place::none(),
        }
    }

    /// The real folders of the user (config and data, via `directories`).
    pub fn from_user_folders(file: Option<PathBuf>) -> Boot {
        Boot {
            file,
            settings: Store::default_path()
                .map(Store::load)
                .unwrap_or_else(|| Store::in_memory(settings::Settings::default())),
            recovery: recovery::Place::default_folder(),
        }
    }
}

#[derive(Debug)]
pub enum Screen {
    Welcome,
    Error(error::State),
    Workbook,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
    /// The open file was changed on disk by another window or program:
    /// offers to load it again.
    ChangedOnDisk(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Welcome(welcome::Message),
    Members(members::Message),
    Activities(activities::Message),
    Scoring(scoring::Message),
    Awards(awards::Message),
    YearEnd(year_end::Message),
    Documents(documents::Message),
    Criteria(criteria::Message),
    MergeReview(merge_review::Message),
    /// Pick the files member schools sent back, to review and merge.
    ImportReturns,
    /// One signed copy per member school, in a folder beside the master.
    MailOut,
    /// Decide the open conflict at this index of the workbook's list.
    DecideOpen(usize, crate::exchange::Decision),
    /// Merge the school copy on screen into the cluster's workbook.
    MergeCopy,
    /// Enter (true) or Esc in a dialog.
    DialogKey(bool),
    /// Every few seconds: has the open file changed on disk?
    WatchDisk,
    /// Load the open file again from disk (asks first if there are edits).
    Reload,
    /// Write the final workbook for every school (no keys).
    FinalCopy,
    /// Write one school's copy again.
    Reissue(workbook::Id),
    /// Ask again whose machine this is.
    ChooseMachine,
    ReturnsPicked(Vec<PathBuf>),
    Navigate(View),
    Home,
    New,
    Open,
    Save,
    SaveAs,
    FromLastYear,
    OpenSample,
    OpenPath(PathBuf),
    Picked(Purpose, Picked),
    Undo,
    Redo,
    Scale(f32),
    ZoomIn,
    ZoomOut,
    FileDropped(PathBuf),
    CloseRequested(window::Id),
    Resized(Size),
    /// The first window and its monitor's logical size.
    FitWindow(window::Id, Option<Size>),
    Tick,
    Modal(Choice),
    HideProblems,
    DismissNotice,
}

pub struct App {
    settings: Store,
    recovery: recovery::Place,
    screen: Screen,
    doc: Option<Document>,
    view: View,
    welcome: welcome::State,
    members: members::State,
    activities: activities::State,
    scoring: scoring::State,
    awards: awards::State,
    year_end: year_end::State,
    documents: documents::State,
    criteria: criteria::State,
    /// Returned files under review before merging (empty: none).
    merge: merge_review::State,
    modal: Option<Modal>,
    notice: Option<Notice>,
    show_problems: bool,
    /// When the last edit not yet in a recovery copy happened.
    recovery_due: Option<Instant>,
    /// What to do once the current save succeeds (close the window, open
    /// another file …).
    after_save: Option<AfterSave>,
    /// The user already agreed to drop the unsaved changes once.
    discard_confirmed: bool,
    /// A recovery copy from a crashed run the user has not decided about
    /// yet: kept on disk until then, whatever else is opened meanwhile.
    pending_recovery: Option<recovery::Orphan>,
    /// A crashed window's copy restored here: removed once this window's
    /// own copy of the restored state is written.
    adopted_recovery: Option<recovery::Orphan>,
    /// The rules' results of the open workbook, worked out once per change
    /// (`refresh_screens`) and handed to every view: no view evaluates.
    results: Option<std::sync::Arc<crate::rules::Results>>,
    /// The file's state on disk last told about (see `watch_disk`).
    disk_told: Option<document::Stamp>,
    /// A school's copy to merge once the cluster's workbook is picked.
    copy_to_merge: Option<PathBuf>,
}

#[derive(Debug, Clone)]
enum AfterSave {
    Close(window::Id),
    Then(Box<Message>),
}

impl App {
    pub fn new(boot: Boot) -> (App, Task<Message>) {
        let mut app = App {
            settings: boot.settings,
            recovery: boot.recovery,
            screen: Screen::Welcome,
            doc: None,
            view: View::Members,
            welcome: welcome::State::default(),
            members: members::State::default(),
            activities: activities::State::default(),
            scoring: scoring::State::default(),
            awards: awards::State::default(),
            year_end: year_end::State::default(),
            documents: documents::State::default(),
            criteria: criteria::State::default(),
            merge: merge_review::State::default(),
            modal: None,
            notice: None,
            show_problems: true,
            recovery_due: None,
            after_save: None,
            discard_confirmed: false,
            pending_recovery: None,
            adopted_recovery: None,
            copy_to_merge: None,
            disk_told: None,
            results: None,
        };
        app.offer_recovery();
        if let Some(path) = boot.file {
            app.open(path);
        }
        // The remembered size may not fit this screen (a 1366×768 laptop at
        // 125 % has about 1093×614 logical pixels): ask the monitor's size.
        let fit = window::oldest().and_then(|id| {
            window::monitor_size(id).map(move |monitor| Message::FitWindow(id, monitor))
        });
        (app, fit)
    }

    // ----- what tests and the title look at -----

    pub fn screen(&self) -> &Screen {
        &self.screen
    }
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }
    pub fn workbook(&self) -> Option<&Workbook> {
        self.doc.as_ref().map(|d| &d.workbook)
    }
    /// Where this window keeps its recovery copy.
    pub fn recovery_place(&self) -> &recovery::Place {
        &self.recovery
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    /// The returned files under review, before merging.
    pub fn merge_review(&self) -> &merge_review::State {
        &self.merge
    }
    pub fn current_view(&self) -> View {
        self.view
    }
    pub fn scale(&self) -> f32 {
        self.settings.settings.scale
    }
    fn window_size(&self) -> Size {
        Size::new(
            self.settings.settings.window_width,
            self.settings.settings.window_height,
        )
    }
    pub fn settings(&self) -> &settings::Settings {
        &self.settings.settings
    }

    pub fn title(&self) -> String {
        let Some(doc) = &self.doc else {
            return s::APP_NAME.to_string();
        };
        let name = doc.file_name().unwrap_or_else(|| s::UNTITLED.to_string());
        let mark = if doc.dirty {
            format!("{} ", s::UNSAVED_MARK)
        } else {
            String::new()
        };
        let wb = &doc.workbook;
        // A school's copy and the cluster's workbook must not look alike.
        let name = match &wb.provenance.copy_for {
            Some(id) => format!("{name} ({})", s::copy_of(&wb.school_name(id))),
            None => name,
        };
        format!(
            "{mark}{name} — {} — {} — {}",
            wb.cluster.name,
            wb.year,
            s::APP_NAME
        )
    }

    pub fn theme(&self) -> Theme {
        theme::theme()
    }

    // ----- update -----

    pub fn update(&mut self, message: Message) -> Task<Message> {
        // Messages that replace the open workbook ask first when it has
        // unsaved changes.
        if self.replaces_document(&message)
            && self.doc.as_ref().is_some_and(|d| d.dirty)
            && !std::mem::take(&mut self.discard_confirmed)
        {
            self.modal = Some(Modal::Discard(Box::new(message)));
            return Task::none();
        }
        self.discard_confirmed = false;
        match message {
            Message::Welcome(m) => match self.welcome.update(m) {
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
                if let members::Action::Edit(edit) = self.members.update(m, &doc.workbook) {
                    let result = self.apply(*edit);
                    if let Some(e) = self.members.applied(result) {
                        self.notice = Some(Notice::Error(e));
                    }
                }
            }
            Message::Awards(m) => return self.awards_message(m),
            Message::YearEnd(m) => return self.year_end_message(m),
            Message::Documents(m) => return self.documents_message(m),
            Message::Criteria(m) => return self.criteria_message(m),
            Message::MergeReview(m) => self.merge_message(m),
            Message::ImportReturns => return self.pick_returns(),
            Message::MailOut => self.mail_out(None),
            Message::FinalCopy => self.final_copy(),
            Message::Reissue(id) => self.mail_out(Some(id)),
            Message::DecideOpen(n, d) => self.decide_open(n, d),
            Message::MergeCopy => return self.merge_copy(),
            Message::ChooseMachine => self.ask_machine(),
            Message::ReturnsPicked(paths) => self.import_returns(paths, false),
            Message::Scoring(m) => {
                let Some(doc) = &self.doc else {
                    return Task::none();
                };
                match self.scoring.update(m, &doc.workbook) {
                    scoring::Action::None => {}
                    scoring::Action::Run(task) => return task.map(Message::Scoring),
                    scoring::Action::Edit(edit) => {
                        let result = self.apply(*edit);
                        self.scoring.applied(result);
                    }
                    scoring::Action::EditThen(edit, task) => {
                        let result = self.apply(*edit);
                        self.scoring.applied(result);
                        return task.map(Message::Scoring);
                    }
                }
            }
            Message::Activities(m) => {
                let Some(doc) = &self.doc else {
                    return Task::none();
                };
                if let activities::Action::Edit(edit) = self.activities.update(m, &doc.workbook) {
                    let result = self.apply(*edit);
                    if let Some(e) = self.activities.applied(result) {
                        self.notice = Some(Notice::Error(e));
                    }
                }
            }
            Message::Navigate(v) => {
                self.commit_typing();
                self.view = v;
            }
            Message::Home => {
                self.close_document();
                self.screen = Screen::Welcome;
            }
            Message::New => {
                self.close_document();
                self.screen = Screen::Welcome;
                let _ = self.welcome.update(welcome::Message::StartWizard);
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
                if self.doc.as_ref().is_some_and(|d| d.dirty) {
                    self.modal = Some(Modal::CloseGuard(id));
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
                self.settings.settings.window_width = size.width;
                self.settings.settings.window_height = size.height;
            }
            Message::Tick => {
                if self
                    .recovery_due
                    .is_some_and(|t| t.elapsed() >= RECOVERY_DELAY)
                {
                    self.write_recovery();
                }
            }
            Message::Modal(choice) => return self.modal_choice(choice),
            Message::WatchDisk => self.watch_disk(),
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
        }
        Task::none()
    }

    fn replaces_document(&self, m: &Message) -> bool {
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

    /// The one place edits are applied.
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        // A member school's machine edits as that school: only its own
        // records, with its revisions, so the leader's merge accepts them.
        if let Some(school) = self.viewing_copy() {
            let name = self
                .workbook()
                .map(|wb| wb.school_name(&school))
                .unwrap_or_default();
            return Err(s::copy_read_only(&name));
        }
        let editor = self.machine();
        let Some(doc) = &mut self.doc else {
            return Ok(());
        };
        match doc.apply(edit, &editor) {
            Ok(()) => {
                self.changed();
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    fn changed(&mut self) {
        self.refresh_screens();
        // The clock starts at the first unsaved edit and is not pushed back
        // by the next ones: steady typing still reaches the recovery copy
        // within RECOVERY_DELAY (a maximum delay, not a quiet period).
        if self.doc.as_ref().is_some_and(|d| d.dirty) {
            self.recovery_due.get_or_insert_with(Instant::now);
        }
    }

    /// Screens that cache what they derive from the workbook recompute it.
    fn refresh_screens(&mut self) {
        let me = match self.machine() {
            Owner::School(id) => Some(id),
            Owner::Cluster => None,
        };
        let read_only = me.is_some() || self.viewing_copy().is_some();
        self.documents.set_folder(
            self.doc
                .as_ref()
                .and_then(|d| d.path.as_deref())
                .and_then(Path::parent)
                .map(Path::to_path_buf),
        );
        self.members.set_read_only(read_only);
        self.criteria.set_read_only(read_only);
        self.scoring.set_machine(me);
        // The rules' results, once per change, for every view.
        self.results = self
            .doc
            .as_ref()
            .map(|d| std::sync::Arc::new(crate::rules::evaluate(&d.workbook)));
        if let (Some(doc), Some(results)) = (&self.doc, &self.results) {
            self.scoring.refresh(&doc.workbook, results.clone());
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(doc) = &mut self.doc else { return };
        let done = if undo { doc.undo() } else { doc.redo() };
        if done {
            // An open form may describe a school that no longer exists;
            // files under review were compared with another workbook.
            self.members.reset();
            self.merge.reset();
            self.reset_conference_screens();
            self.changed();
        } else {
            let msg = if undo {
                s::NOTHING_TO_UNDO
            } else {
                s::NOTHING_TO_REDO
            };
            self.notice = Some(Notice::Info(msg.into()));
        }
    }

    fn set_scale(&mut self, f: f32) {
        let f = (f * 100.0).round() / 100.0;
        self.settings.settings.scale = f.clamp(settings::MIN_SCALE, settings::MAX_SCALE);
        self.settings.save();
    }

    fn write_recovery(&mut self) {
        self.recovery_due = None;
        if let Some(doc) = self.doc.as_ref().filter(|d| d.dirty) {
            let disk = doc.stamp.and_then(|s| s.pair());
            let written = self
                .recovery
                .write(doc.path.as_deref(), disk, &doc.workbook);
            if written && let Some(old) = self.adopted_recovery.take() {
                old.remove();
            }
        }
    }

    /// Tells once per change when the open file changed on disk.
    fn watch_disk(&mut self) {
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
    fn clear_recovery(&mut self) {
        self.recovery.clear();
    }

    /// Offers the newest copy a crashed window left, unless a dialog is
    /// already shown (it is offered again at the next start).
    fn offer_recovery(&mut self) {
        if self.modal.is_some() || self.pending_recovery.is_some() {
            return;
        }
        let adopted = self.adopted_recovery.as_ref().map(|o| o.file.clone());
        let Some(orphan) = self
            .recovery
            .orphans()
            .into_iter()
            .find(|o| Some(&o.file) != adopted.as_ref())
        else {
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
        self.pending_recovery = Some(orphan);
    }

    fn close_document(&mut self) {
        self.doc = None;
        self.members.reset();
        self.merge.reset();
        self.reset_conference_screens();
        self.recovery_due = None;
        self.clear_recovery();
    }

    fn set_document(&mut self, doc: Document) {
        self.disk_told = None;
        self.clear_recovery();
        self.recovery_due = None;
        self.show_problems = true;
        self.members.reset();
        self.merge.reset();
        self.reset_conference_screens();
        self.view = View::Members;
        self.screen = Screen::Workbook;
        let dirty = doc.dirty;
        self.doc = Some(doc);
        self.scoring.reset();
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
                self.view = View::Scoring;
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
    /// the error screen.
    pub fn open(&mut self, path: PathBuf) {
        // Absolute, so recent files still work when started from elsewhere.
        let path = std::path::absolute(&path).unwrap_or(path);
        self.notice = None;
        match workbook::load(&path) {
            Ok(loaded) => {
                let mut doc = Document::new(loaded.workbook, Some(path.clone()));
                doc.problems = loaded.problems;
                doc.reformatted = loaded.reformatted;
                self.set_document(doc);
                self.settings.settings.remember(&path);
                self.settings.save();
            }
            Err(e) => {
                self.close_document();
                self.screen = Screen::Error(error::State::new(path, e));
            }
        }
    }

    fn open_sample(&mut self) {
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

    fn pick(&mut self, purpose: Purpose) -> Task<Message> {
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

    fn picked(&mut self, purpose: Purpose, picked: Picked) -> Task<Message> {
        match picked {
            Picked::Path(path) => match purpose {
                Purpose::Open => self.open(path),
                Purpose::SaveAs => return self.save_to(path),
                Purpose::FromLastYear => self.next_year_from(path),
                Purpose::CopyCriteria => self.copy_criteria_from(&path),
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

    fn next_year_from(&mut self, path: PathBuf) {
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
    fn commit_typing(&mut self) {
        let Some(doc) = &self.doc else { return };
        if let Some(edit) = self.scoring.commit_draft(&doc.workbook) {
            let result = self.apply(*edit);
            self.scoring.applied(result);
        }
    }

    fn save(&mut self, overwrite_changed: bool) -> Task<Message> {
        self.commit_typing();
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
        self.save_to(path)
    }

    /// Saves to `path`; on failure the edits stay and the reason is shown.
    pub fn save_to(&mut self, path: PathBuf) -> Task<Message> {
        let editor = self.machine();
        let Some(doc) = &mut self.doc else {
            return Task::none();
        };
        let mut wb = doc.workbook.clone();
        crate::exchange::stamp(&mut wb, &editor);
        match workbook::save(&path, &wb, Overwrite::WorkbookOnly) {
            Ok(()) => {
                doc.workbook = wb;
                doc.saved_to(path.clone());
                self.documents
                    .set_folder(path.parent().map(Path::to_path_buf));
                self.recovery_due = None;
                self.clear_recovery();
                self.settings.settings.remember(&path);
                self.settings.save();
                self.notice = Some(Notice::Info(s::saved(&path)));
                match self.after_save.take() {
                    Some(AfterSave::Close(id)) => return self.exit(id),
                    Some(AfterSave::Then(m)) => return self.update(*m),
                    None => {}
                }
            }
            Err(e) => {
                self.after_save = None;
                self.notice = Some(Notice::Error(s::save_failed(&e.to_string())));
            }
        }
        Task::none()
    }

    fn exit(&mut self, id: window::Id) -> Task<Message> {
        self.clear_recovery();
        self.settings.save();
        window::close(id)
    }

    fn modal_choice(&mut self, choice: Choice) -> Task<Message> {
        let Some(modal) = self.modal.take() else {
            return Task::none();
        };
        match (modal, choice) {
            (Modal::CloseGuard(id), Choice::Save) => {
                self.after_save = Some(AfterSave::Close(id));
                return self.save(false);
            }
            (Modal::CloseGuard(id), Choice::DontSave) => return self.exit(id),
            (Modal::Discard(next), Choice::Save) => {
                self.after_save = Some(AfterSave::Then(next));
                return self.save(false);
            }
            (Modal::Discard(next), Choice::DontSave) => {
                self.discard_confirmed = true;
                return self.update(*next);
            }
            (Modal::ChangedOnDisk, Choice::Overwrite) => return self.save(true),
            (Modal::ChangedOnDisk, Choice::SaveAs) => return self.pick(Purpose::SaveAs),
            (Modal::Recovery { .. }, Choice::Restore) => {
                if let Some(orphan) = self.pending_recovery.take() {
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
                    self.adopted_recovery = Some(orphan);
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
                if let Some(orphan) = self.pending_recovery.take() {
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

    // ----- subscriptions -----

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
        if self.view == View::Scoring && self.doc.is_some() && self.modal.is_none() {
            subs.push(scoring::State::subscription().map(Message::Scoring));
        }
        // Ticks only while a recovery copy is pending: an idle window wakes
        // no one.
        if self.recovery_due.is_some() {
            subs.push(iced::time::every(Duration::from_secs(1)).map(|_| Message::Tick));
        }
        // Another window (or program) saving the same file is told here,
        // not first at the next save.
        if self.doc.as_ref().is_some_and(|d| d.path.is_some()) {
            subs.push(iced::time::every(DISK_WATCH).map(|_| Message::WatchDisk));
        }
        Subscription::batch(subs)
    }

    // ----- view -----

    pub fn view(&self) -> Element<'_, Message> {
        let base: Element<'_, Message> = match (&self.screen, &self.doc) {
            (Screen::Workbook, Some(doc)) => self.shell(doc),
            (Screen::Error(e), _) => e.view(),
            _ => self
                .welcome
                .view(&self.settings.settings.recent, self.scale()),
        };
        let base = match &self.notice {
            Some(n) if !matches!(self.screen, Screen::Workbook) => {
                column![notice_bar(n), base].into()
            }
            _ => base,
        };
        match &self.modal {
            Some(m) => modal::over(base, m.view()),
            None => base,
        }
    }

    fn shell<'a>(&'a self, doc: &'a Document) -> Element<'a, Message> {
        let wb = &doc.workbook;
        let Some(results) = self.results.as_deref() else {
            return text("…").into(); // worked out with every change
        };
        // The file's name sits here, where it has room: in the toolbar it
        // was cut ("cum8-2…") or wrapped and pushed the toolbar down.
        let file = doc.file_name().unwrap_or_else(|| s::UNTITLED.to_string());
        let file = if doc.dirty {
            format!("{} {file}", s::UNSAVED_MARK)
        } else {
            file
        };
        let mut nav = column![
            text(&wb.cluster.name).font(font::BOLD),
            text(format!("{} {}", s::YEAR, wb.year))
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
            text(file)
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED)
                .wrapping(iced::widget::text::Wrapping::Glyph),
            space::vertical().height(theme::SPACE_M),
        ]
        .spacing(theme::SPACE_S);
        for v in View::ALL {
            nav = nav.push(
                button(text(v.label()))
                    .on_press(Message::Navigate(v))
                    .width(Length::Fill)
                    .padding([8, 10])
                    .style(theme::nav(v == self.view && self.merge.is_empty())),
            );
        }
        nav = nav.push(space::vertical()).push(
            button(text(s::CLOSE_FILE).size(theme::TEXT_SMALL))
                .on_press(Message::Home)
                .style(button::text),
        );
        let sidebar = container(nav.padding(theme::SPACE_M))
            .width(230)
            .height(Length::Fill)
            .style(theme::sidebar);

        let tool = |label: &'a str, msg: Option<Message>| {
            button(text(label).size(theme::TEXT_SMALL))
                .on_press_maybe(msg)
                .padding([6, 10])
                .style(theme::quiet)
        };
        let toolbar = row![
            tool(s::NEW, Some(Message::New)),
            tool(s::OPEN, Some(Message::Open)),
            tool(s::SAVE, Some(Message::Save)),
            tool(s::SAVE_AS, Some(Message::SaveAs)),
            space::horizontal().width(theme::SPACE_M),
            tool(
                s::IMPORT_RETURNS,
                (!self.is_school_machine()).then_some(Message::ImportReturns)
            ),
            space::horizontal().width(theme::SPACE_M),
            tool(s::UNDO, doc.can_undo().then_some(Message::Undo)),
            tool(s::REDO, doc.can_redo().then_some(Message::Redo)),
            space::horizontal(),
            button(text(s::machine_label(&self.machine_label())).size(theme::TEXT_SMALL))
                .on_press(Message::ChooseMachine)
                .padding([6, 10])
                .style(button::text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(iced::Alignment::Center);

        let mut main = column![toolbar].spacing(theme::SPACE_M);
        if let Some(school) = self.viewing_copy() {
            main = main.push(
                container(
                    row![
                        text(s::copy_on_cluster_machine(&wb.school_full_name(&school)))
                            .width(Length::Fill),
                        button(text(s::MERGE_COPY))
                            .on_press_maybe(doc.path.is_some().then_some(Message::MergeCopy))
                            .style(button::primary),
                    ]
                    .spacing(theme::SPACE_M)
                    .align_y(iced::Alignment::Center),
                )
                .padding([8, 12])
                .width(Length::Fill)
                .style(theme::note),
            );
        }
        // A member school's machine: say once, on every view, what it may
        // change (the rest is refused with a notice if tried).
        if let Owner::School(me) = self.machine()
            && self.view != View::Scoring
            && self.viewing_copy().is_none()
        {
            main = main.push(
                text(s::school_machine_scope(&wb.school_name(&me)))
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
            );
        }
        if let Some(n) = &self.notice {
            main = main.push(notice_bar(n));
        }
        if self.show_problems && (!doc.problems.is_empty() || doc.reformatted) {
            main = main.push(problems(doc));
        }
        let content: Element<'a, Message> = match self.view {
            _ if !self.merge.is_empty() => self.merge.view().map(Message::MergeReview),
            View::Members => self.members.view(wb).map(Message::Members),
            View::Activities => self.activities.view(wb).map(Message::Activities),
            View::Scoring => self.scoring.view(wb).map(Message::Scoring),
            View::Awards => self.awards.view(wb, results).map(Message::Awards),
            View::YearEnd => self.year_end.view(wb).map(Message::YearEnd),
            View::Documents => self.documents.view(wb, results).map(Message::Documents),
            View::Criteria => self.criteria.view(wb).map(Message::Criteria),
            View::Returns => returns::view(
                wb,
                returns::Actions {
                    import: Message::ImportReturns,
                    mail_out: Message::MailOut,
                    final_copy: Message::FinalCopy,
                    decide: Message::DecideOpen,
                    reissue: Message::Reissue,
                },
            ),
        };
        main = main.push(content);
        row![
            sidebar,
            container(main)
                .padding(theme::SPACE_L)
                .width(Length::Fill)
                .height(Length::Fill)
        ]
        .into()
    }
}

// ----- awards, year-end, documents (issue 7) -----

impl App {
    fn reset_conference_screens(&mut self) {
        self.awards.reset();
        self.criteria.reset();
        self.year_end.reset();
    }

    /// An edit from one of the screens below; the error goes to the notice
    /// bar when the screen has no place for it.
    fn apply_from(
        &mut self,
        edit: Edit,
        applied: fn(&mut App, Result<(), String>) -> Option<String>,
    ) {
        let result = self.apply(edit);
        if let Some(e) = applied(self, result) {
            self.notice = Some(Notice::Error(e));
        }
    }

    fn awards_message(&mut self, m: awards::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.awards.update(m, &doc.workbook) {
            awards::Action::None => {}
            awards::Action::Edit(edit) => {
                self.apply_from(*edit, |app, r| app.awards.applied(r));
            }
            awards::Action::Export(kind) => {
                return self
                    .documents_message(documents::Message::Export(documents::Target::One(kind)));
            }
        }
        Task::none()
    }

    fn year_end_message(&mut self, m: year_end::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.year_end.update(m, &doc.workbook) {
            year_end::Action::None => {}
            year_end::Action::Edit(edit) => {
                self.apply_from(*edit, |app, r| app.year_end.applied(r));
            }
            year_end::Action::Run(task) => return task.map(Message::YearEnd),
            year_end::Action::NextYear(path) => return self.create_next_year(path),
        }
        Task::none()
    }

    fn documents_message(&mut self, m: documents::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.documents.update(m, &doc.workbook) {
            documents::Action::None => {}
            documents::Action::Run(task) => return task.map(Message::Documents),
            documents::Action::Notice(n) => self.notice = Some(Notice::Error(n)),
        }
        Task::none()
    }

    /// Next year's workbook from this one, saved at `path`, its name
    /// recorded in this year's handover, then opened (asking first to save
    /// this year's changes).
    fn create_next_year(&mut self, path: PathBuf) -> Task<Message> {
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
        let mut handover = doc.workbook.conference.handover.clone();
        if handover.next_year_file != name {
            handover.next_year_file = name;
            let _ = self.apply(Edit::Conference(
                crate::workbook::edit::ConferenceEdit::SetHandover(handover),
            ));
        }
        let task = self.update(Message::OpenPath(path.clone()));
        if self.modal.is_none() {
            self.notice = Some(Notice::Info(s::next_year_created(&path)));
        }
        task
    }

    /// The scoring grid's selected cell (tests).
    pub fn scoring_side(&self) -> crate::workbook::edit::scores::Side {
        self.scoring.side()
    }

    pub fn scoring_selected(&self) -> Option<scoring::Cell> {
        self.scoring.selected()
    }

    /// The export under way in the documents view, if any (tests).
    pub fn export_job(&self) -> Option<&documents::Job> {
        self.documents.job()
    }
}

// ----- criteria table (issue 6) -----

impl App {
    fn criteria_message(&mut self, m: criteria::Message) -> Task<Message> {
        let Some(doc) = &self.doc else {
            return Task::none();
        };
        match self.criteria.update(m, &doc.workbook) {
            criteria::Action::None => {}
            criteria::Action::Edit(edit) => {
                let result = self.apply(*edit);
                self.criteria.applied(result);
            }
            criteria::Action::PickFile => return self.pick(Purpose::CopyCriteria),
        }
        Task::none()
    }

    /// Replaces the criteria table with the one in the workbook at `path`
    /// (refused, with the scores in the way, when it does not fit them).
    fn copy_criteria_from(&mut self, path: &Path) {
        if self.doc.is_none() {
            return;
        }
        self.view = View::Criteria;
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
        self.criteria.copied(result);
    }
}

// ----- returned files (issue 8) -----

impl App {
    /// Whose machine this is; the cluster's office until someone says.
    /// Who edits: a school's copy from the mail-out edits as that school,
    /// whatever this machine is set to; otherwise the machine's setting.
    pub fn machine(&self) -> Owner {
        if let Some(school) = self
            .doc
            .as_ref()
            .and_then(|d| d.workbook.provenance.copy_for.clone())
        {
            return Owner::School(school);
        }
        self.settings
            .settings
            .machine
            .clone()
            .unwrap_or(Owner::Cluster)
    }

    /// The school whose copy (from the mail-out) is open on the cluster's
    /// machine: shown read-only, to be merged into the cluster's workbook.
    pub fn viewing_copy(&self) -> Option<workbook::Id> {
        if self.settings.settings.machine != Some(Owner::Cluster) {
            return None;
        }
        self.workbook()?.provenance.copy_for.clone()
    }

    /// "Gộp vào sổ cụm…": asks for the cluster's workbook, then opens it
    /// with this copy under review.
    fn merge_copy(&mut self) -> Task<Message> {
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

    fn merge_copy_into(&mut self, master: PathBuf) {
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
        self.view = View::Returns;
        self.import_returns(vec![copy], false);
    }

    fn is_school_machine(&self) -> bool {
        matches!(self.machine(), Owner::School(_))
    }

    fn machine_name(&self, owner: &Owner) -> String {
        match owner {
            Owner::Cluster => s::MACHINE_CLUSTER_SHORT.to_string(),
            Owner::School(id) => match self.workbook() {
                Some(wb) => wb.school_name(id),
                None => id.to_string(),
            },
        }
    }

    fn machine_label(&self) -> String {
        match &self.settings.settings.machine {
            None => s::MACHINE_NOT_ASKED.to_string(),
            Some(o) => self.machine_name(o),
        }
    }

    /// Asks whose machine this is (the open workbook's schools to choose from).
    fn read_only_notice(&self) -> String {
        let name = match self.machine() {
            Owner::School(me) => self
                .workbook()
                .map(|wb| wb.school_name(&me))
                .unwrap_or_else(|| me.to_string()),
            Owner::Cluster => String::new(),
        };
        s::school_machine_scope(&name)
    }

    fn ask_machine(&mut self) {
        let mut schools: Vec<(Owner, String)> = self
            .workbook()
            .map(|wb| {
                wb.current_members()
                    .map(|s| (Owner::School(s.id.clone()), s.full_name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        schools.sort_by(|a, b| crate::text::compare_vi(&a.1, &b.1));
        self.modal = Some(Modal::Machine { schools });
    }

    /// The mail-out: one copy per member school, each with only its own
    /// key, in "<sổ>-gui-cac-truong/" beside the master. The first one
    /// gives the master its secret, saved at once: copies whose keys the
    /// saved master cannot derive again would come back as forged.
    fn mail_out(&mut self, only: Option<workbook::Id>) {
        if self.is_school_machine() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let Some(path) = doc.path.clone() else {
            self.notice = Some(Notice::Error(s::MAIL_OUT_SAVE_FIRST.into()));
            return;
        };
        let mut wb = doc.workbook.clone();
        let (copies, new_secret) = match crate::exchange::mail_out(&mut wb) {
            Ok(x) => x,
            Err(e) => {
                self.notice = Some(Notice::Error(e));
                return;
            }
        };
        if new_secret {
            if let Some(doc) = &mut self.doc {
                doc.keep_secret(&wb.provenance.secret);
            }
            let _ = self.save_to(path.clone());
            if self.doc.as_ref().is_none_or(|d| d.dirty) {
                return; // the save said why it failed
            }
        }
        let Some(dir) = self.mail_out_dir(&path) else {
            return;
        };
        let mut last = None;
        for (school, copy) in copies
            .iter()
            .filter(|(id, _)| only.as_ref().is_none_or(|o| o == id))
        {
            let file = dir.join(crate::exchange::mail_out_name(&wb, school));
            if let Err(e) = workbook::file::write_file(
                &file,
                &workbook::to_bytes(copy),
                Overwrite::WorkbookOnly,
                false,
            ) {
                self.notice = Some(Notice::Error(s::save_failed(&e.to_string())));
                return;
            }
            last = Some((school.clone(), file));
        }
        self.notice = Some(Notice::Info(match (only, last) {
            (Some(_), Some((school, file))) => s::reissued(&wb.school_full_name(&school), &file),
            _ => s::mailed_out(copies.len(), &dir),
        }));
    }

    /// "<sổ>-gui-cac-truong/" beside the master, created; None (with the
    /// reason on screen) when it cannot be.
    fn mail_out_dir(&mut self, master: &Path) -> Option<PathBuf> {
        let stem = master
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = master.with_file_name(format!("{stem}-gui-cac-truong"));
        match std::fs::create_dir_all(&dir) {
            Ok(()) => Some(dir),
            Err(e) => {
                self.notice = Some(Notice::Error(s::save_failed(&e.to_string())));
                None
            }
        }
    }

    /// "Gửi bản cuối…": the workbook for everyone after the conference,
    /// without any key, beside the school copies.
    fn final_copy(&mut self) {
        if self.is_school_machine() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let Some(path) = doc.path.clone() else {
            self.notice = Some(Notice::Error(s::MAIL_OUT_SAVE_FIRST.into()));
            return;
        };
        let copy = crate::exchange::final_copy(&doc.workbook);
        let name = crate::exchange::final_copy_name(&doc.workbook);
        let Some(dir) = self.mail_out_dir(&path) else {
            return;
        };
        let file = dir.join(name);
        self.notice = Some(
            match workbook::file::write_file(
                &file,
                &workbook::to_bytes(&copy),
                Overwrite::WorkbookOnly,
                false,
            ) {
                Ok(()) => Notice::Info(s::final_copy_written(&file)),
                Err(e) => Notice::Error(s::save_failed(&e.to_string())),
            },
        );
    }

    fn pick_returns(&mut self) -> Task<Message> {
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
    fn import_returns(&mut self, paths: Vec<PathBuf>, dropped: bool) {
        let Some(doc) = &self.doc else { return };
        let mut refusals = Vec::new();
        for path in &paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match crate::exchange::review_file(&doc.workbook, path) {
                Ok(review) => {
                    if let Err(e) = self.merge.add(review) {
                        refusals.push(e);
                    }
                }
                Err(refusal) => {
                    if refusal.code() == "forged" {
                        self.merge.add_refused(merge_review::Refused {
                            file_name: name.clone(),
                            reason: refusal.to_string(),
                            forged: true,
                        });
                    }
                    let mut msg = s::return_refused(&name, &refusal.to_string());
                    let other_book = matches!(
                        refusal.code(),
                        "other_cluster" | "other_year" | "from_cluster"
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

    fn decide_open(&mut self, n: usize, d: crate::exchange::Decision) {
        if self.is_school_machine() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let mut wb = doc.workbook.clone();
        let result = crate::exchange::decide_open(&mut wb, n, d)
            .and_then(|()| self.apply(Edit::Replace(Box::new(wb))));
        self.notice = Some(match result {
            Ok(()) => Notice::Info(s::CONFLICT_DECIDED.into()),
            Err(e) => Notice::Error(e),
        });
    }

    fn merge_message(&mut self, m: merge_review::Message) {
        let Some(doc) = &self.doc else { return };
        match self.merge.update(m, &doc.workbook) {
            merge_review::Action::None => {}
            merge_review::Action::Cancel => {
                self.merge.reset();
                self.notice = Some(Notice::Info(s::MERGE_CANCELLED.into()));
            }
            merge_review::Action::Apply(merged, done) => {
                let files = self.merge.files().len();
                match self.apply(Edit::Replace(merged)) {
                    Ok(()) => {
                        self.merge.reset();
                        self.members.reset();
                        self.reset_conference_screens();
                        self.view = View::Returns;
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
        }
    }
}

fn notice_bar(n: &Notice) -> Element<'_, Message> {
    let (t, style): (&str, fn(&Theme) -> container::Style) = match n {
        Notice::Info(t) => (t, theme::note),
        Notice::Error(t) | Notice::ChangedOnDisk(t) => (t, theme::error_note),
    };
    let reload = matches!(n, Notice::ChangedOnDisk(_)).then(|| {
        button(text(s::RELOAD))
            .on_press(Message::Reload)
            .style(button::primary)
    });
    container(
        row![
            text(t).width(Length::Fill),
            reload,
            button(text("×"))
                .on_press(Message::DismissNotice)
                .style(button::text)
        ]
        .align_y(iced::Alignment::Center),
    )
    .padding([4, 12])
    .width(Length::Fill)
    .style(style)
    .into()
}

fn problems(doc: &Document) -> Element<'_, Message> {
    let mut list = column![
        row![
            text(s::PROBLEMS_TITLE).font(font::BOLD).width(Length::Fill),
            button(text(s::HIDE).size(theme::TEXT_SMALL))
                .on_press(Message::HideProblems)
                .style(button::text),
        ]
        .align_y(iced::Alignment::Center)
    ]
    .spacing(4);
    if doc.reformatted {
        list = list.push(text(s::REFORMATTED).size(theme::TEXT_SMALL));
    }
    for p in &doc.problems {
        list = list.push(text(format!("• {}", p.message)).size(theme::TEXT_SMALL));
    }
    container(scrollable(list).height(Length::Shrink))
        .padding(theme::SPACE_M)
        .max_height(160)
        .width(Length::Fill)
        .style(theme::note)
        .into()
}

/// Ctrl+N/O/S, Ctrl+Shift+S, Ctrl+Z, Ctrl+Y / Ctrl+Shift+Z, Ctrl +/−.
/// Enter and Esc while a dialog is shown (keys a field did not take).
pub fn dialog_key(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    if modifiers.command() || modifiers.alt() {
        return None;
    }
    match key {
        keyboard::Key::Named(keyboard::key::Named::Enter) => Some(Message::DialogKey(true)),
        keyboard::Key::Named(keyboard::key::Named::Escape) => Some(Message::DialogKey(false)),
        _ => None,
    }
}

/// The window's keyboard shortcuts (Ctrl+S, Ctrl+Z …).
pub fn shortcut(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed {
        key,
        modifiers,
        physical_key,
        ..
    } = event
    else {
        return None;
    };
    if !modifiers.command() {
        return None;
    }
    let shift = modifiers.shift();
    Some(match key.to_latin(physical_key)?.to_ascii_lowercase() {
        'n' => Message::New,
        'o' => Message::Open,
        's' if shift => Message::SaveAs,
        's' => Message::Save,
        'z' if shift => Message::Redo,
        'z' => Message::Undo,
        'y' => Message::Redo,
        '=' | '+' => Message::ZoomIn,
        '-' => Message::ZoomOut,
        _ => return None,
    })
}

/// Awards messages that only change what is looked at (the award's tab,
/// printing the ballot papers): allowed on a member school's machine.
fn awards_view_only(m: &awards::Message) -> bool {
    matches!(
        m,
        awards::Message::SelectAward(_) | awards::Message::PrintBallots
    )
}

/// A window size that fits on the monitor, leaving room for the taskbar
/// and title bar; None when `window` already fits.
pub fn fitted(window: Size, monitor: Size) -> Option<Size> {
    let max = Size::new(monitor.width * 0.96, monitor.height * 0.9);
    (window.width > max.width || window.height > max.height)
        .then(|| Size::new(window.width.min(max.width), window.height.min(max.height)))
}

/// The window program, shared by `main` and the tests.
pub fn application(
    boot: Boot,
) -> iced::Application<impl iced::Program<State = App, Message = Message, Theme = Theme>> {
    let size = Size::new(
        boot.settings.settings.window_width,
        boot.settings.settings.window_height,
    );
    let [regular, bold] = font::all();
    iced::application(move || App::new(boot.clone()), App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .scale_factor(App::scale)
        .font(regular)
        .font(bold)
        .default_font(font::REGULAR)
        .window_size(size)
        .exit_on_close_request(false)
}

/// Runs the window, opening `file` if given.
pub fn run(file: Option<PathBuf>) -> iced::Result {
    application(Boot::from_user_folders(file)).run()
}
