#![allow(dead_code)]
pub mod cli;
pub mod mail;
pub mod sample;
pub mod ui;
pub mod xlsx;

/// LibreOffice's `soffice` on PATH, if any.
pub fn soffice() -> Option<std::path::PathBuf> {
    ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    })
}

/// `soffice` for a LibreOffice check of `what`; None (said on stderr) where
/// it is missing, which fails under CI (`CI=true`): `.ci/run` installs
/// `package`.
pub fn soffice_or_skip(what: &str, package: &str) -> Option<std::path::PathBuf> {
    let found = soffice();
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "soffice (LibreOffice) is missing on CI: .ci/run installs {package}"
        );
        eprintln!("soffice not found: the LibreOffice check of {what} is skipped");
    }
    found
}
