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

/// The bytes of the regular file at `path`, at most `max` of them. A
/// folder, a device (`/dev/zero`), a named pipe or a socket is refused
/// before it is opened — opening a pipe would wait for a writer, reading a
/// device would never end — and the read stops after `max + 1` bytes
/// whatever the file system says of the file's size (a file growing while
/// read, a file system that reports 0). Errors: `IsADirectory`, `Other`
/// with a Vietnamese message (not a regular file), `FileTooLarge`, and the
/// system's own.
pub fn read_regular(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let kind = |meta: &std::fs::Metadata| -> std::io::Result<()> {
        if meta.is_dir() {
            Err(Error::from(ErrorKind::IsADirectory))
        } else if !meta.is_file() {
            Err(Error::other(
                "đây không phải một tệp thường (thiết bị, đường ống hay ổ cắm), không đọc",
            ))
        } else if meta.len() > max {
            Err(Error::from(ErrorKind::FileTooLarge))
        } else {
            Ok(())
        }
    };
    // Follows a symbolic link to its target, like the open below.
    let meta = std::fs::metadata(path)?;
    kind(&meta)?;
    let file = std::fs::File::open(path)?;
    // The file opened may not be the one looked at (replaced meanwhile).
    kind(&file.metadata()?)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(Error::from(ErrorKind::FileTooLarge));
    }
    Ok(bytes)
}

/// The file a path names: symbolic links followed, made absolute.
pub fn real_path(path: &Path) -> PathBuf {
    let real = resolve_links(path);
    std::path::absolute(&real).unwrap_or(real)
}

/// Follows symbolic links (relative ones from their own folder) to the
/// file they name; a path that is not a link is itself.
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A loop of links is cut short: the last path is then written, and
    // the system's own error says why.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(next) if next.is_absolute() => current = next,
                Ok(next) => {
                    current = current
                        .parent()
                        .map_or_else(|| next.clone(), |p| p.join(&next));
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    current
}

/// Whether two paths name one file: the same file opened (links, hard
/// links, another case of the name on Windows), or, for a file not made
/// yet, the same absolute name (case-folded on Windows).
pub fn same(a: &Path, b: &Path) -> bool {
    if let Ok(true) = same_file::is_same_file(a, b) {
        return true;
    }
    let (a, b) = (spelled(a), spelled(b));
    if cfg!(windows) {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    } else {
        a == b
    }
}

/// A path as absolute as can be without it existing: its folder's real
/// path and its own name.
fn spelled(p: &Path) -> PathBuf {
    let real = real_path(p);
    match (real.parent(), real.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(real),
        _ => real,
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
