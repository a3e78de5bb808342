//! `thidua-cli`: the console companion of the windowed `thidua.exe`. On
//! Windows a windowed program has no console, so its output would vanish
//! when started from a terminal; this small console build runs the same
//! commands with their output and exit codes. Elsewhere it is simply the
//! CLI without the window.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(thidua::cli::run(args));
}
