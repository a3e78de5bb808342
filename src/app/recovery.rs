//! The recovery copy: a few seconds after the last edit the unsaved workbook
//! is written to the app's data folder, so a crash or a power cut loses at
//! most those seconds. A clean save or close removes it; the next start
//! offers to restore one that is still there.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::workbook::Workbook;
use crate::workbook::file::{Overwrite, write_file};

/// What the recovery file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Copy {
    /// The file the workbook came from; None for a new, never-saved one.
    pub path: Option<PathBuf>,
    /// When it was written, for the restore question ("lúc 10:42 ngày …").
    pub written: String,
    pub workbook: Workbook,
}

/// Where recovery copies go. None: not kept (tests, no home folder).
#[derive(Debug, Clone, Default)]
pub struct Place {
    file: Option<PathBuf>,
}

impl Place {
    pub fn none() -> Place {
        Place { file: None }
    }

    pub fn in_folder(dir: &Path) -> Place {
        Place {
            file: Some(dir.join("recovery.json")),
        }
    }

    /// The app's data folder (next to the program in portable mode).
    pub fn default_folder() -> Place {
        match crate::paths::AppDirs::current() {
            Some(d) => Place::in_folder(&d.data),
            None => Place::none(),
        }
    }

    /// Writes the copy. Failure is silent on purpose: the recovery copy is
    /// a safety net; the real file and the edits in memory are untouched.
    pub fn write(&self, path: Option<&Path>, workbook: &Workbook) {
        let Some(file) = &self.file else { return };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let copy = Copy {
            path: path.map(Path::to_path_buf),
            written: now_label(),
            workbook: workbook.clone(),
        };
        if let Ok(bytes) = serde_json::to_vec(&copy) {
            let _ = write_file(file, &bytes, Overwrite::Anything, false);
        }
    }

    /// The copy left by a previous run, if any and readable.
    pub fn read(&self) -> Option<Copy> {
        let bytes = std::fs::read(self.file.as_ref()?).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn clear(&self) {
        if let Some(file) = &self.file {
            let _ = std::fs::remove_file(file);
        }
    }
}

fn now_label() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%H:%M ngày %d/%m/%Y")
        .to_string()
}
