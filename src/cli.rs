//! Headless commands over the same library calls as the window. Results go
//! to stdout, messages in Vietnamese to stderr; exit 0 on success, 1 when an
//! input is refused or a check fails, 2 on a usage error.

mod check;
mod export;
mod merge;
mod new_year;
mod results;

pub use results::report as results_report;

use crate::workbook::{self, LoadError, Loaded};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// The subcommands, so `main` can tell a command from a file to open.
pub const COMMANDS: [&str; 6] = ["check", "results", "new-year", "export", "merge", "help"];

const USAGE: &str = "Cách dùng:
  thidua [TỆP.json]                 mở cửa sổ (và tệp sổ thi đua nếu có)
  thidua check TỆP.json...          kiểm tra tệp sổ thi đua
  thidua results TỆP.json           bảng xếp hạng, kết quả bỏ phiếu và đề nghị khen thưởng
  thidua new-year TỆP.json --out TỆP_NĂM_SAU.json [--force]
                                    lập sổ năm sau từ sổ năm nay (bàn giao)
  thidua export TỆP.json --doc VĂN_BẢN --out TỆP.pdf [--force]
  thidua export TỆP.json --all THƯ_MỤC [--force]
                                    in văn bản PDF; VĂN_BẢN: scores, minutes, proposal,
                                    report, pact, handover, ballots, count
  thidua merge SỔ_CỤM.json TỆP_TRƯỜNG.json... [--accept-all] [--out TỆP.json] [--force]
                                    gộp tệp các trường gửi về vào sổ của cụm; không có
                                    --accept-all thì chỉ báo cáo, không ghi gì
  thidua help                       hiện hướng dẫn này";

/// A usage error: bad arguments, reported with the usage text.
#[derive(Debug)]
pub struct Usage(pub String);

impl From<lexopt::Error> for Usage {
    fn from(e: lexopt::Error) -> Usage {
        Usage(match e {
            lexopt::Error::MissingValue { option } => {
                format!("thiếu giá trị cho tùy chọn {}", option.unwrap_or_default())
            }
            lexopt::Error::UnexpectedOption(o) => format!("tùy chọn không hợp lệ: {o}"),
            lexopt::Error::UnexpectedArgument(a) => {
                format!("tham số thừa: {}", a.to_string_lossy())
            }
            other => format!("tham số không hợp lệ ({other})"),
        })
    }
}

/// Runs a subcommand; `args` excludes the program name. Returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    run_with(args, &mut out, &mut err)
}

pub fn run_with(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut parser = lexopt::Parser::from_args(args);
    let result = (|| -> Result<i32, Usage> {
        let command = match parser.next()? {
            Some(lexopt::Arg::Value(v)) => v.to_string_lossy().into_owned(),
            Some(lexopt::Arg::Long("help")) | Some(lexopt::Arg::Short('h')) | None => "help".into(),
            Some(other) => return Err(Usage(format!("lệnh không hợp lệ: {}", describe(&other)))),
        };
        match command.as_str() {
            "check" => check::run(&mut parser, out, err),
            "results" => results::run(&mut parser, out, err),
            "new-year" => new_year::run(&mut parser, out, err),
            "export" => export::run(&mut parser, out, err),
            "merge" => merge::run(&mut parser, out, err),
            "help" => {
                let _ = writeln!(out, "{USAGE}");
                Ok(EXIT_OK)
            }
            other => Err(Usage(format!("không có lệnh \u{201c}{other}\u{201d}"))),
        }
    })();
    match result {
        Ok(code) => code,
        Err(Usage(msg)) => {
            let _ = writeln!(err, "Lỗi: {msg}.\n{USAGE}");
            EXIT_USAGE
        }
    }
}

pub(crate) fn describe(arg: &lexopt::Arg) -> String {
    match arg {
        lexopt::Arg::Short(c) => format!("-{c}"),
        lexopt::Arg::Long(l) => format!("--{l}"),
        lexopt::Arg::Value(v) => v.to_string_lossy().into_owned(),
    }
}

/// Collects positional file arguments; any option is a usage error.
pub(crate) fn files(parser: &mut lexopt::Parser) -> Result<Vec<PathBuf>, Usage> {
    let mut files = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            lexopt::Arg::Value(v) => files.push(PathBuf::from(v)),
            other => {
                return Err(Usage(format!(
                    "tùy chọn không hợp lệ: {}",
                    describe(&other)
                )));
            }
        }
    }
    Ok(files)
}

/// Loads a file for a command, reporting a load error on stderr.
pub fn load_or_report(path: &std::path::Path, err: &mut dyn Write) -> Option<Loaded> {
    match workbook::load(path) {
        Ok(l) => Some(l),
        Err(e) => {
            report_load_error(path, &e, err);
            None
        }
    }
}

/// Loads a workbook a command will compute from: refused (None, with the
/// reason on stderr) when it cannot be read or has content problems, since
/// results or documents from a broken workbook could be wrong. `purpose`
/// completes "cần sửa trước khi …".
pub fn load_valid(path: &std::path::Path, purpose: &str, err: &mut dyn Write) -> Option<Loaded> {
    let loaded = load_or_report(path, err)?;
    if loaded.problems.is_empty() {
        return Some(loaded);
    }
    let _ = writeln!(
        err,
        "{}: sổ có {} lỗi nội dung, cần sửa trước khi {purpose}:",
        path.display(),
        loaded.problems.len()
    );
    for p in &loaded.problems {
        let _ = writeln!(err, "  - {}", p.message);
    }
    None
}

fn report_load_error(path: &std::path::Path, e: &LoadError, err: &mut dyn Write) {
    let _ = writeln!(err, "{}: {e} {}", path.display(), e.advice());
}
