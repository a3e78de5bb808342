//! The window. `App` holds the open workbook; screens hold only their UI
//! state and hand back edits, which are applied in one place
//! ([`App::apply`]): undo, the dirty flag, the rules' results (worked out
//! once per change for every view) and the recovery copy follow from there.
//!
//! The rest of `App` lives by concern: `update` (what each message does),
//! `files` (open, save, recovery, watching the file), `identity` (whose
//! machine, whose copy), `returns_flow` (mail-out and merging returns),
//! `conference_flow` (awards, year end, documents, criteria), `shell` (what
//! is drawn), `keys`, `launch`.

mod conference_flow;
mod files;
mod identity;
mod keys;
mod launch;
mod message;
mod returns_flow;
mod shell;
mod update;
mod views;

pub mod autofocus;
pub mod button;
pub mod checkbox;
pub mod dialog;
pub mod document;
pub mod field;
pub mod focus;
pub mod font;
pub mod key_layer;
pub mod modal;
pub mod page_preview;
pub mod path_field;
pub mod pick_list;
pub mod recovery;
pub mod screen;
pub mod strings;
pub mod theme;
pub mod widget;

use conference_flow::awards_view_only;
pub use keys::{dialog_key, shortcut};
pub use launch::{MIN_SIZE, application, fitted, run};
pub use message::{Message, Notice, Screen};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iced::{Element, Length, Size, Subscription, Task, Theme, keyboard, window};

use crate::settings::{self, Store};
use crate::workbook::edit::Edit;
use crate::workbook::file::Overwrite;
use crate::workbook::{self, Owner, Workbook};
use dialog::{Picked, Purpose};
use document::Document;
use modal::{Choice, Modal, Unsaved};
use screen::{View, activities, error, members, scoring, welcome};
use screen::{awards, criteria, documents, merge_review, returns, year_end};
use strings as s;
use views::Views;

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

/// Set for a window started to restore one recovery copy (its file).
pub const RECOVER_ENV: &str = "THIDUA_RECOVER";

/// Where the app starts and what it keeps on disk. Tests pass in-memory
/// settings and no recovery folder so nothing of the user's is touched.
#[derive(Debug, Clone)]
pub struct Boot {
    pub file: Option<PathBuf>,
    /// A recovery copy to offer first (the "Mở" of another window's
    /// notice started this one for it).
    pub recover: Option<PathBuf>,
    pub settings: Store,
    pub recovery: recovery::Place,
}

impl Boot {
    /// Nothing read from or written to the user's folders; the machine is
    /// the cluster office's (so no one is asked whose it is).
    pub fn isolated(file: Option<PathBuf>) -> Boot {
        Boot {
            file,
            recover: None,
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
            recover: std::env::var_os(RECOVER_ENV).map(PathBuf::from),
            settings: Store::default_path()
                .map(Store::load)
                .unwrap_or_else(|| Store::in_memory(settings::Settings::default())),
            recovery: recovery::Place::default_folder(),
        }
    }
}

/// The window: its settings, the open workbook and the screens that show
/// it, the recovery flow, and what is on top (a dialog, a notice). Each
/// part is a struct with its own state; `App` routes between them.
pub struct App {
    settings: Store,
    /// Recovery copies: this window's own and those crashed windows left.
    recovery: recovery::Flow,
    screen: Screen,
    doc: Option<Document>,
    /// The screens of the open workbook (`views::Views`).
    views: Views,
    modal: Option<Modal>,
    notice: Option<Notice>,
    show_problems: bool,
    /// What to do once the current save succeeds (close the window, open
    /// another file …).
    after_save: Option<AfterSave>,
    /// The user already agreed to drop the unsaved changes once.
    discard_confirmed: bool,
    /// The rules' results of the open workbook, worked out once per change
    /// (`refresh_screens`) and handed to every view: no view evaluates.
    results: Option<std::sync::Arc<crate::rules::Results>>,
    /// Flipped when the view changes: the whole window is redrawn (see
    /// `theme::themed`).
    repaint_all: bool,
    /// The file's state on disk last told about (see `watch_disk`).
    disk_told: Option<document::Stamp>,
    /// A school's copy to merge once the cluster's workbook is picked.
    copy_to_merge: Option<PathBuf>,
    /// The lock of the open file (`master::lock`): held while it is open,
    /// so a command or another window does not write it meanwhile.
    held: Option<crate::master::lock::Lock>,
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
            recovery: recovery::Flow::new(
                boot.recovery,
                boot.file
                    .as_ref()
                    .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
                boot.recover.clone(),
            ),
            screen: Screen::Welcome,
            doc: None,
            views: Views::default(),
            modal: None,
            notice: None,
            show_problems: true,
            after_save: None,
            discard_confirmed: false,
            copy_to_merge: None,
            held: None,
            disk_told: None,
            repaint_all: false,
            results: None,
        };
        app.offer_recovery();
        if let Some(path) = boot.file {
            app.open(path);
        }
        if let Some(other) = &app.recovery.other {
            let name = other
                .copy
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| s::UNTITLED.to_string());
            app.notice = Some(Notice::OtherRecovery(s::other_recovery(&name)));
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
        &self.recovery.place
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
    /// The returned files under review, before merging.
    pub fn merge_review(&self) -> &merge_review::State {
        &self.views.merge
    }
    pub fn current_view(&self) -> View {
        self.views.current
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
        theme::themed(self.repaint_all)
    }

    // ----- update -----

    /// The one place edits are applied.
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        let what = match self.workbook() {
            Some(wb) => s::edit_label(wb, &edit),
            None => document::Label::default(),
        };
        self.apply_described(edit, what)
    }

    /// An edit the caller names for the undo notice ("khôi phục …").
    fn apply_described(&mut self, edit: Edit, what: document::Label) -> Result<(), String> {
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
        match doc.apply(edit, &editor, what) {
            Ok(()) => {
                self.changed();
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    /// The one place the screens' forms are reset: whenever the workbook
    /// is replaced as a whole (opened, closed, undone, merged), an open form
    /// may describe what no longer exists, and files under review were
    /// compared with another workbook.
    fn reset_forms(&mut self) {
        self.views.reset_forms();
    }

    fn changed(&mut self) {
        self.refresh_screens();
        // The clock starts at the first unsaved edit and is not pushed back
        // by the next ones: steady typing still reaches the recovery copy
        // within RECOVERY_DELAY (a maximum delay, not a quiet period).
        if self.doc.as_ref().is_some_and(|d| d.dirty) {
            self.recovery.due.get_or_insert_with(Instant::now);
        }
    }

    /// Screens that cache what they derive from the workbook recompute it.
    fn refresh_screens(&mut self) {
        let me = match self.machine() {
            Owner::School(id) => Some(id),
            Owner::Cluster => None,
        };
        // The rules' results, once per change, for every view.
        self.results = self
            .doc
            .as_ref()
            .map(|d| std::sync::Arc::new(crate::rules::evaluate(&d.workbook)));
        let viewing_copy = self.viewing_copy().is_some();
        let size = self.window_size();
        self.views.refresh(views::Refresh {
            workbook: self.doc.as_ref().map(|d| &d.workbook),
            results: self.results.clone(),
            file: self.doc.as_ref().and_then(|d| d.path.clone()),
            me,
            viewing_copy,
            size,
        });
    }

    // ----- subscriptions -----

    // ----- view -----
}

// ----- awards, year-end, documents (issue 7) -----

impl App {
    /// The scoring grid's selected cell (tests).
    pub fn scoring_side(&self) -> crate::workbook::edit::scores::Side {
        self.views.scoring.side()
    }

    pub fn scoring_selected(&self) -> Option<scoring::Cell> {
        self.views.scoring.selected()
    }

    /// The selected cell's inline error (tests).
    pub fn scoring_error(&self) -> Option<&str> {
        self.views.scoring.cell_error()
    }

    /// The documents view's editor, if a document is open in it (tests).
    pub fn document_editor(&self) -> Option<&screen::doc_editor::Editor> {
        self.views.documents.editor()
    }

    /// The export under way in the documents view, if any (tests).
    pub fn export_job(&self) -> Option<&documents::Job> {
        self.views.documents.job()
    }
}
