//! `thidua`: with a subcommand, the CLI; otherwise the window.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let is_command = args
        .first()
        .and_then(|a| a.to_str())
        .is_some_and(|a| thidua::cli::COMMANDS.contains(&a) || a.starts_with('-'));
    let code = if is_command {
        thidua::cli::run(args)
    } else {
        // Until the window exists, opening a file checks it.
        let mut with_check = vec![std::ffi::OsString::from("check")];
        with_check.extend(args);
        thidua::cli::run(with_check)
    };
    std::process::exit(code);
}
