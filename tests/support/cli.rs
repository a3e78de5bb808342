//! Runs the real `thidua` binary from the package folder.

use std::process::Command;

/// (exit code, stdout, stderr). The app's data folder (where the master's
/// key copies go) is a folder of this test run, never the user's profile.
pub fn thidua(args: &[&str]) -> (i32, String, String) {
    let data = std::env::temp_dir().join(format!("thidua-test-data-{}", std::process::id()));
    let data = data.to_string_lossy().into_owned();
    thidua_env(args, &[("XDG_DATA_HOME", &data), ("APPDATA", &data)])
}

/// [`thidua`] with these environment variables set.
pub fn thidua_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
