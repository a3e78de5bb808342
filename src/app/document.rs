//! The open workbook with what the window needs around it: where it lives,
//! undo and redo, whether it has unsaved changes, and what the file on disk
//! looked like when it was opened (to notice someone else changing it).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::workbook::edit::{Edit, EditError};
use crate::workbook::{Problem, Workbook};

/// Undo keeps whole snapshots: a workbook is small (tens of KB), and a
/// snapshot can never get undo wrong.
const UNDO_LIMIT: usize = 200;

/// Size and modification time of a file, to notice changes by others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
        })
    }

    /// As the recovery copy records it: size, modified in ns since 1970.
    pub fn pair(&self) -> Option<(u64, u128)> {
        let t = self.modified?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        Some((self.len, t.as_nanos()))
    }

    pub fn from_pair((len, nanos): (u64, u128)) -> Stamp {
        let nanos = u64::try_from(nanos).unwrap_or(u64::MAX);
        Stamp {
            len,
            modified: SystemTime::UNIX_EPOCH.checked_add(std::time::Duration::from_nanos(nanos)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub workbook: Workbook,
    /// None until saved the first time.
    pub path: Option<PathBuf>,
    /// The file as it was when opened or last saved.
    pub stamp: Option<Stamp>,
    pub dirty: bool,
    /// Content problems found when the file was opened; shown until hidden.
    pub problems: Vec<Problem>,
    pub reformatted: bool,
    /// Name shown for a workbook with no file yet (the bundled sample).
    pub untitled_name: Option<String>,
    /// The hash of the file's bytes as read or last saved: a save over it
    /// is refused when the file on disk is no longer that one. None: not
    /// read from this path (or the clerk chose to overwrite).
    pub disk_hash: Option<String>,
    /// Opened to look at only, because another window or command holds
    /// it: who ("máy … từ …"). Saving over it is refused (Save As works).
    pub read_only: Option<String>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Which state of the workbook this is (each edit makes a new one;
    /// undo and redo go back to earlier ones).
    state: u64,
    /// The next state number to give out.
    next_state: u64,
    /// The state last saved to (or read from) the file; None when no state
    /// in the history is on disk (a new workbook, a restored copy, a
    /// secret given to every state).
    saved_state: Option<u64>,
}

/// One step of the undo (or redo) history: the workbook on the other side
/// of an edit, its state number, and what the edit did, for the clerk.
#[derive(Debug, Clone)]
struct Step {
    workbook: Workbook,
    state: u64,
    what: Label,
}

/// What an edit did, in the clerk's words (see `strings::edit_label`):
/// "điểm cụm chấm BR-VT I.1", and the value before and after it when it
/// has one ("3,75", "trống").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    pub what: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Document {
    pub fn new(workbook: Workbook, path: Option<PathBuf>) -> Document {
        let stamp = path.as_deref().and_then(Stamp::of);
        Document {
            workbook,
            path,
            stamp,
            dirty: false,
            problems: Vec::new(),
            reformatted: false,
            untitled_name: None,
            disk_hash: None,
            read_only: None,
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state: Some(0),
        }
    }

    /// The dirty flag follows the state: back at the saved one (every edit
    /// undone), the workbook is the file's again.
    fn update_dirty(&mut self) {
        self.dirty = self.saved_state != Some(self.state);
    }

    /// A workbook not read from a file (new, next year's, restored): unsaved.
    /// Gives the workbook its signing secret outside the undo history: the
    /// copies already sent carry keys derived from it, so no undo or redo
    /// may take it away again (every kept state gets it).
    pub fn keep_secret(&mut self, secret: &str, issued: &[crate::workbook::Issued]) {
        for wb in std::iter::once(&mut self.workbook)
            .chain(self.undo.iter_mut().map(|s| &mut s.workbook))
            .chain(self.redo.iter_mut().map(|s| &mut s.workbook))
        {
            wb.provenance.secret = secret.to_string();
            wb.provenance.issued = issued.to_vec();
        }
        // No state in the history is the file on disk any more.
        self.saved_state = None;
        self.update_dirty();
    }

    pub fn unsaved(workbook: Workbook, path: Option<PathBuf>) -> Document {
        let mut d = Document::new(workbook, path);
        d.saved_state = None;
        d.update_dirty();
        d
    }

    /// Applies an edit made on this machine by `editor` (the cluster's
    /// office or a member school), as one undo step described by `what`.
    pub fn apply(
        &mut self,
        edit: Edit,
        editor: &crate::workbook::Owner,
        what: Label,
    ) -> Result<(), EditError> {
        let before = self.workbook.clone();
        edit.apply_as(&mut self.workbook, editor)?;
        if self.workbook != before {
            self.undo.push(Step {
                workbook: before,
                state: self.state,
                what,
            });
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            self.redo.clear();
            self.state = self.next_state;
            self.next_state += 1;
            self.update_dirty();
        }
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Goes back one edit; what it undid, or None when there was none.
    pub fn undo(&mut self) -> Option<Label> {
        let step = self.undo.pop()?;
        let what = step.what.clone();
        let back = self.swap(step);
        self.redo.push(back);
        Some(what)
    }

    /// Makes the last undone edit again; what it redid.
    pub fn redo(&mut self) -> Option<Label> {
        let step = self.redo.pop()?;
        let what = step.what.clone();
        let back = self.swap(step);
        self.undo.push(back);
        Some(what)
    }

    /// Puts the step's workbook in place; the step to go back.
    fn swap(&mut self, mut step: Step) -> Step {
        keep_saves(&mut step.workbook, &self.workbook);
        let workbook = std::mem::replace(&mut self.workbook, step.workbook);
        let state = std::mem::replace(&mut self.state, step.state);
        self.update_dirty();
        Step {
            workbook,
            state,
            what: step.what,
        }
    }

    /// Has the file on disk changed since we opened or saved it?
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.stamp) {
            (Some(p), Some(stamp)) => Stamp::of(p).is_some_and(|now| now != *stamp),
            _ => false,
        }
    }

    /// Records a successful save to `path`.
    pub fn saved_to(&mut self, path: PathBuf) {
        self.stamp = Stamp::of(&path);
        self.path = Some(path);
        self.saved_state = Some(self.state);
        self.update_dirty();
        self.reformatted = false;
    }

    /// "cum8-2019.json", or a placeholder for a never-saved workbook.
    pub fn file_name(&self) -> Option<String> {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .or_else(|| self.untitled_name.clone())
    }

    /// A file name to suggest in Save As: "cum8-2026.json".
    pub fn suggested_name(&self) -> String {
        self.file_name().unwrap_or_else(|| {
            format!(
                "cum{}-{}.json",
                self.workbook.cluster.number, self.workbook.year
            )
        })
    }
}

/// Provenance counts saves, which undo and redo do not take back; the
/// returned files merged (`provenance.returns`) are content, and go back with
/// the merge they came from.
fn keep_saves(into: &mut Workbook, from: &Workbook) {
    // The tracker, the open conflicts and the deletions are part of what
    // an edit, a merge or a decision did, so they go back with it; the
    // rest of the provenance (saves, secret, what was issued and seen)
    // stays.
    let returns = std::mem::take(&mut into.provenance.returns);
    let conflicts = std::mem::take(&mut into.provenance.conflicts);
    let deleted = std::mem::take(&mut into.provenance.deleted);
    into.provenance = from.provenance.clone();
    into.provenance.returns = returns;
    into.provenance.conflicts = conflicts;
    into.provenance.deleted = deleted;
}
