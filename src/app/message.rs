//! What the window says to itself: messages, the screen shown, notices.

use super::*;

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
    /// A crashed window left a recovery copy of another workbook than the
    /// one asked for: offered to open in a window of its own ("Mở").
    OtherRecovery(String),
}

impl Notice {
    /// What the notice says.
    pub fn text(&self) -> &str {
        match self {
            Notice::Info(t)
            | Notice::Error(t)
            | Notice::ChangedOnDisk(t)
            | Notice::OtherRecovery(t) => t,
        }
    }
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
    History(crate::app::screen::history::Message),
    Criteria(criteria::Message),
    Rules(crate::app::screen::rules::Message),
    MergeReview(merge_review::Message),
    /// Pick the files member schools sent back, to review and merge.
    ImportReturns,
    /// One signed copy per member school, in a folder beside the master.
    MailOut,
    /// Decide the open conflict at this index of the workbook's list.
    DecideOpen(usize, crate::exchange::Decision),
    /// Restore the deleted record at an index of the year's deletions.
    RestoreDeleted(usize),
    /// F1: the list of the window's keyboard shortcuts.
    Shortcuts,
    /// Merge the school copy on screen into the cluster's workbook.
    MergeCopy,
    /// Enter (true) or Esc in a dialog.
    DialogKey(bool),
    /// The whole text of the notice in the status bar, in a dialog.
    NoticeDetails,
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
    /// Open the recovery copy of another workbook in a new window.
    OpenOtherRecovery,
}
