//! A copy of each master's secret in the app's own data folder, so the
//! master never loses its key: a master restored from a backup older than
//! the mail-out has no secret, and every genuine return would then look
//! unverifiable. Written before the mail-out writes any copy; read when a
//! master without its secret meets a signed return. Keyed by what the
//! master is (cluster number and year); a secret is used only when it
//! proves itself by verifying the return's signature.

use crate::workbook::{Issued, Workbook, file::Overwrite};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The folder of saved keys.
#[derive(Debug, Clone)]
pub struct Keystore {
    dir: PathBuf,
}

/// One master's key as saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedKey {
    pub secret: String,
    /// What the mail-outs gave each school (see `Provenance::issued`).
    pub issued: Vec<Issued>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct File {
    format: String,
    keys: Vec<SavedKey>,
}

const FORMAT: &str = "so-thi-dua/khoa";

impl Keystore {
    /// The keys folder of this run (the profile's data folder, or beside
    /// the program in portable mode). None without a home folder.
    pub fn current() -> Option<Keystore> {
        crate::paths::AppDirs::current().map(|d| Keystore::at(&d.data.join("khoa")))
    }

    /// A keys folder at `dir` (tests, portable copies).
    pub fn at(dir: &Path) -> Keystore {
        Keystore {
            dir: dir.to_path_buf(),
        }
    }

    fn path(&self, master: &Workbook) -> PathBuf {
        self.dir
            .join(format!("Cum{}-{}.json", master.cluster.number, master.year))
    }

    /// Keeps the master's secret and what it issued (merged with what was
    /// kept before). Nothing to keep without a secret.
    pub fn remember(&self, master: &Workbook) -> Result<(), String> {
        let p = &master.provenance;
        if p.secret.is_empty() {
            return Ok(());
        }
        let mut file = self.read(master);
        file.format = FORMAT.into();
        match file.keys.iter_mut().find(|k| k.secret == p.secret) {
            Some(k) => merge_issued(&mut k.issued, &p.issued),
            None => file.keys.push(SavedKey {
                secret: p.secret.clone(),
                issued: p.issued.clone(),
            }),
        }
        let fail = |e: &dyn std::fmt::Display| {
            format!(
                "Không lưu được bản sao khóa ký của sổ vào {}: {e}. Chưa gửi gì.",
                self.dir.display()
            )
        };
        std::fs::create_dir_all(&self.dir).map_err(|e| fail(&e))?;
        let bytes = serde_json::to_vec_pretty(&file).map_err(|e| fail(&e))?;
        crate::workbook::file::write_atomic(&self.path(master), &bytes, Overwrite::Anything)
            .map_err(|e| fail(&e))
    }

    /// The keys kept for this master's cluster and year.
    pub fn keys_for(&self, master: &Workbook) -> Vec<SavedKey> {
        self.read(master).keys
    }

    fn read(&self, master: &Workbook) -> File {
        crate::workbook::file::read_limited(&self.path(master))
            .ok()
            .and_then(|b| serde_json::from_slice::<File>(&b).ok())
            .filter(|f| f.format == FORMAT)
            .unwrap_or_default()
    }
}

/// Folds `new` into `kept`: per school, every version either saw.
pub(crate) fn merge_issued(kept: &mut Vec<Issued>, new: &[Issued]) {
    for i in new {
        match kept.iter_mut().find(|k| k.school == i.school) {
            Some(k) => {
                k.seen.absorb(&i.seen);
                k.on = k.on.max(i.on);
            }
            None => kept.push(i.clone()),
        }
    }
    kept.sort_by(|a, b| a.school.cmp(&b.school));
}
