//! Where the app keeps its own files: settings, recovery copies. Normally
//! the user's profile folders (`directories`: %APPDATA%\SoThiDua\thidua on
//! Windows, XDG folders on Linux). In portable mode — a marker file next to
//! the program, for a clerk who runs it from a USB stick or a PC where
//! nothing may be written to the profile — they live next to the program.

use std::path::{Path, PathBuf};

/// The marker file that turns portable mode on.
pub const PORTABLE_MARKER: &str = "che-do-xach-tay.txt";
/// The folder next to the program that holds everything in portable mode.
pub const PORTABLE_FOLDER: &str = "du-lieu";

/// The app's folders for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    pub config: PathBuf,
    pub data: PathBuf,
    pub portable: bool,
}

impl AppDirs {
    /// The folders for this run: portable when the marker sits next to the
    /// running program, else the user's profile folders (None when the
    /// system has no home folder at all).
    pub fn current() -> Option<AppDirs> {
        let exe_dir = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        AppDirs::resolve(exe_dir.as_deref())
    }

    /// As [`current`](Self::current), for a program in `exe_dir`.
    pub fn resolve(exe_dir: Option<&Path>) -> Option<AppDirs> {
        if let Some(dir) = exe_dir
            && dir.join(PORTABLE_MARKER).is_file()
        {
            let base = dir.join(PORTABLE_FOLDER);
            return Some(AppDirs {
                config: base.join("cau-hinh"),
                data: base.join("khoi-phuc"),
                portable: true,
            });
        }
        let d = directories::ProjectDirs::from("vn", "SoThiDua", "thidua")?;
        Some(AppDirs {
            config: d.config_dir().to_path_buf(),
            data: d.data_dir().to_path_buf(),
            portable: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_next_to_the_program_turns_portable_mode_on() {
        let dir = tempfile::tempdir().unwrap();
        let normal = AppDirs::resolve(Some(dir.path()));
        assert!(normal.is_none_or(|d| !d.portable));
        std::fs::write(dir.path().join(PORTABLE_MARKER), "").unwrap();
        let portable = AppDirs::resolve(Some(dir.path())).unwrap();
        assert!(portable.portable);
        assert_eq!(portable.config, dir.path().join("du-lieu").join("cau-hinh"));
        assert_eq!(portable.data, dir.path().join("du-lieu").join("khoi-phuc"));
    }
}
