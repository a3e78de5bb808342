//! `thidua`: with a subcommand, the CLI; otherwise the window, opening the
//! file given (if any).

// A double-clicked Windows program must not open a black console window
// beside its own; `thidua-cli.exe` is the console build for the commands.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let is_command = args
        .first()
        .and_then(|a| a.to_str())
        .is_some_and(|a| thidua::cli::COMMANDS.contains(&a) || a.starts_with('-'));
    // A first word that is no file and has no extension or folder in it is
    // a mistyped command ("chek"): the usage, not a window.
    let mistyped = args
        .first()
        .and_then(|a| a.to_str())
        .is_some_and(|a| !std::path::Path::new(a).exists() && !a.contains(['.', '/', '\\']));
    if is_command || mistyped {
        std::process::exit(thidua::cli::run(args));
    }
    if let Some(missing) = no_display() {
        eprintln!("Không mở được cửa sổ Sổ Thi Đua: {missing}");
        eprintln!("Các lệnh dòng lệnh vẫn dùng được: thidua help");
        std::process::exit(1);
    }
    let file = args.into_iter().next().map(std::path::PathBuf::from);
    if let Err(e) = thidua::app::run(file) {
        // Typically no display, or X11 libraries missing (libx11-6,
        // libxcursor1, libxi6, libxkbcommon-x11-0): say so in a terminal.
        eprintln!("Không mở được cửa sổ Sổ Thi Đua: {e}");
        eprintln!("Các lệnh dòng lệnh vẫn dùng được: thidua --help");
        // A windowed program on Windows has no console to print to.
        if cfg!(windows) {
            let _ = rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("Sổ Thi Đua")
                .set_description(format!("Không mở được cửa sổ Sổ Thi Đua: {e}"))
                .show();
        }
        std::process::exit(1);
    }
}

/// On Linux and the BSDs a window needs a display server; without one the
/// windowing library would stop with a panic. None where there is one (or
/// on Windows and macOS, which always have one).
fn no_display() -> Option<&'static str> {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    let none = |v: &str| std::env::var_os(v).is_none_or(|x| x.is_empty());
    (unix_desktop && none("DISPLAY") && none("WAYLAND_DISPLAY")).then_some(
        "máy này không có màn hình đồ họa (biến DISPLAY và WAYLAND_DISPLAY đều trống). Hãy chạy trong phiên làm việc có giao diện, hoặc dùng các lệnh dòng lệnh.",
    )
}
