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

/// Converts `files` into `out` with LibreOffice (`to`: a filter, e.g.
/// "pdf"), in a profile of its own (`profile`: a LibreOffice already open
/// elsewhere does not swallow the conversion).
pub fn soffice_convert(
    soffice: &std::path::Path,
    profile: &std::path::Path,
    to: &str,
    out: &std::path::Path,
    files: &[std::path::PathBuf],
) {
    let profile = format!("-env:UserInstallation=file://{}", profile.display());
    let status = std::process::Command::new(soffice)
        .arg(&profile)
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}
