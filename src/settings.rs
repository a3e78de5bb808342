//! The window's settings: recent files, last folder, window size, UI scale,
//! and whose machine this is (the cluster's office or one member school).
//! Stored as JSON in the config folder (`directories`). Loading is tolerant
//! (missing keys take defaults, out-of-range values are clamped), but a file
//! that cannot be read is never overwritten: it may hold the only copy of a
//! clerk's recent-files list, and a newer version may have written it.

use serde::{Deserialize, Deserializer, Serialize};

use crate::workbook::Owner;
use std::path::{Path, PathBuf};

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 8;
pub const MIN_SCALE: f32 = 0.75;
pub const MAX_SCALE: f32 = 2.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub last_folder: Option<PathBuf>,
    pub window_width: f32,
    pub window_height: f32,
    /// UI scale (1.0 = 100 %).
    pub scale: f32,
    /// Whose machine this is — "Máy này của …": the cluster's office (the
    /// leader) or one member school. Every save is stamped with it, which
    /// is how a returned file says who sent it. None: not asked yet (saves
    /// then count as the cluster's). A value this version cannot read is
    /// dropped, not the whole file.
    #[serde(deserialize_with = "tolerant_owner")]
    pub machine: Option<Owner>,
}

fn tolerant_owner<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Owner>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(v).ok())
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            last_folder: None,
            window_width: 1100.0,
            window_height: 700.0,
            scale: 1.0,
            machine: None,
        }
    }
}

impl Settings {
    /// Clamps values a hand edit or an old version may have left out of range.
    pub fn sanitise(mut self) -> Settings {
        let d = Settings::default();
        if !self.scale.is_finite() {
            self.scale = d.scale;
        }
        self.scale = self.scale.clamp(MIN_SCALE, MAX_SCALE);
        if !self.window_width.is_finite() || self.window_width < 400.0 {
            self.window_width = d.window_width;
        }
        if !self.window_height.is_finite() || self.window_height < 300.0 {
            self.window_height = d.window_height;
        }
        self.window_width = self.window_width.min(10_000.0);
        self.window_height = self.window_height.min(10_000.0);
        self.recent.dedup();
        self.recent.truncate(MAX_RECENT);
        self
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.last_folder = Some(dir.to_path_buf());
        }
    }
}

/// Settings and where they live.
#[derive(Debug, Clone)]
pub struct Store {
    pub settings: Settings,
    /// None: not persisted (tests, or no home folder).
    path: Option<PathBuf>,
    /// False when the file exists but could not be read: keep it as it is.
    writable: bool,
}

impl Store {
    /// Settings that are never written (tests).
    pub fn in_memory(settings: Settings) -> Store {
        Store {
            settings,
            path: None,
            writable: false,
        }
    }

    /// The settings file in the app's config folder (next to the program
    /// in portable mode).
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::AppDirs::current().map(|d| d.config.join("settings.json"))
    }

    /// Loads the settings at `path`; defaults when missing or unreadable.
    pub fn load(path: PathBuf) -> Store {
        // A settings file is a few hundred bytes; a pipe or device put in
        // its place must not hang the start.
        match crate::paths::read_regular(&path, 1024 * 1024) {
            Ok(bytes) => match serde_json::from_slice::<Settings>(&bytes) {
                Ok(s) => Store {
                    settings: s.sanitise(),
                    path: Some(path),
                    writable: true,
                },
                Err(_) => Store {
                    settings: Settings::default(),
                    path: Some(path),
                    writable: false,
                },
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Store {
                settings: Settings::default(),
                path: Some(path),
                writable: true,
            },
            Err(_) => Store {
                settings: Settings::default(),
                path: Some(path),
                writable: false,
            },
        }
    }

    /// Whether saving is allowed (false after a broken file was found).
    pub fn is_writable(&self) -> bool {
        self.writable && self.path.is_some()
    }

    /// Writes the settings; quietly does nothing when not writable. Settings
    /// are a convenience: failing to store them must never stop the work.
    pub fn save(&self) {
        if !self.is_writable() {
            return;
        }
        let Some(path) = &self.path else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(bytes) = serde_json::to_vec_pretty(&self.settings) {
            let _ = crate::workbook::file::write_file(
                path,
                &bytes,
                crate::workbook::file::Overwrite::Anything,
                false,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_and_never_overwrites_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, r#"{"scale": 9.0, "unknown": 1}"#).unwrap();
        let store = Store::load(path.clone());
        assert_eq!(store.settings.scale, MAX_SCALE);
        assert!(store.is_writable());

        std::fs::write(&path, "{ broken").unwrap();
        let mut store = Store::load(path.clone());
        assert!(!store.is_writable());
        store.settings.remember(Path::new("/tmp/a.json"));
        store.save();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ broken");
    }

    #[test]
    fn the_machine_s_owner_round_trips_and_a_bad_one_is_dropped_alone() {
        let s = Settings {
            machine: Some(Owner::School(crate::workbook::Id::new("dong-nai"))),
            ..Settings::default()
        };
        let json = serde_json::to_string(&s).unwrap();
        let back: Settings = serde_json::from_str(&json).unwrap();
        assert_eq!(back.machine, s.machine);
        let odd: Settings =
            serde_json::from_str(r#"{"scale": 1.5, "machine": {"planet": 3}}"#).unwrap();
        assert_eq!(odd.machine, None);
        assert_eq!(odd.scale, 1.5);
    }

    #[test]
    fn remember_puts_first_without_duplicates() {
        let mut s = Settings::default();
        s.remember(Path::new("/a/x.json"));
        s.remember(Path::new("/a/y.json"));
        s.remember(Path::new("/a/x.json"));
        assert_eq!(
            s.recent,
            vec![PathBuf::from("/a/x.json"), PathBuf::from("/a/y.json")]
        );
        assert_eq!(s.last_folder, Some(PathBuf::from("/a")));
    }
}
