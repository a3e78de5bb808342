//! Headless commands over the same library calls as the window. Results go
//! to stdout, messages in Vietnamese to stderr; exit 0 on success, 1 when an
//! input is refused or a check fails, 2 on a usage error.

mod check;
mod criteria;
mod export;
mod history;
mod mail_out;
mod merge;
mod new_year;
mod results;

pub use results::report as results_report;

use crate::workbook::{self, LoadError, Loaded, Scope};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// The subcommands, so `main` can tell a command from a file to open.
pub const COMMANDS: [&str; 9] = [
    "check", "results", "new-year", "export", "merge", "mail-out", "history", "criteria", "help",
];

const USAGE: &str = "Cách dùng:
  thidua [TỆP.json]                 mở cửa sổ (và tệp sổ thi đua nếu có)
  thidua check TỆP.json...          kiểm tra tệp sổ thi đua
  thidua results TỆP.json           bảng xếp hạng, kết quả bỏ phiếu và đề nghị khen thưởng
  thidua new-year TỆP.json --out TỆP_NĂM_SAU.json [--force] [--unlock]
                                    lập sổ năm sau từ sổ năm nay (bàn giao)
  thidua export TỆP.json --doc VĂN_BẢN --out TỆP.pdf|TỆP.docx|TỆP.xlsx [--format pdf|docx|xlsx] [--force]
  thidua export TỆP.json --all THƯ_MỤC [--format pdf|docx|xlsx|both] [--force]
                                    in văn bản PDF hoặc Word (.docx); VĂN_BẢN: scores, minutes, proposal,
                                    report, pact, handover, ballots, count, news; bảng điểm
                                    cũng ra Excel (--doc scores --format xlsx)
  thidua mail-out SỔ_CỤM.json --out THƯ_MỤC [--school MÃ | --final] [--force] [--unlock]
                                    lập bản gửi từng trường (mỗi bản có khóa ký của trường đó)
  thidua merge SỔ_CỤM.json TỆP_TRƯỜNG.json... [--unsigned-from TRƯỜNG TỆP]...
               [--accept-all] [--out TỆP.json] [--force] [--unlock]
                                    gộp tệp các trường gửi về vào sổ của cụm; không có
                                    --accept-all thì chỉ báo cáo, không ghi gì; tệp không
                                    có chữ ký chỉ gộp khi nêu trường gửi (--unsigned-from)
                                    và chỉ vào phần của trường đó
  Sổ đang được mở (cửa sổ hoặc lệnh khác giữ tệp khóa ~$TÊN.json.lock): các lệnh ghi
  sổ không ghi gì và báo ai đang giữ; --unlock: mở tiếp sổ máy khác bỏ lại
  thidua criteria TỆP.json --from BẢNG.docx|.xlsx|.xls|.ods [--table N]
                  [--apply [--replace] [--out TỆP_MỚI.json [--force]]] [--unlock]
                                    nhập bảng tiêu chí từ văn bản Word hoặc bảng tính nhận được;
                                    không có --apply thì chỉ in cây tiêu chí hiểu được và các dòng
                                    không hiểu, không ghi gì; --apply ghi vào sổ (bản cũ giữ ở
                                    .bak), điểm đã chấm đi theo mã; --replace: bỏ cả tiêu chí đã
                                    có điểm mà bảng mới không còn
  thidua history THƯ_MỤC [--csv]   các năm của cụm (mỗi năm một sổ trong thư mục): điểm,
                                    hạng, xếp loại, vai trò, khen thưởng của từng trường
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
    // Names come from files sent by others: what reaches the terminal is
    // made harmless (no escape sequences, no hidden right-to-left marks).
    let mut out = Printable::new(out);
    let mut err = Printable::new(err);
    let code = run_commands(args, &mut out, &mut err);
    let _ = out.flush();
    let _ = err.flush();
    code
}

fn run_commands(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
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
            "mail-out" => mail_out::run(&mut parser, out, err),
            "history" => history::run(&mut parser, out, err),
            "criteria" => criteria::run(&mut parser, out, err),
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

/// A writer that passes whole lines on with control and bidirectional
/// characters written as "[U+XXXX]" (line breaks and tabs kept).
struct Printable<'a> {
    inner: &'a mut dyn Write,
    line: Vec<u8>,
}

impl<'a> Printable<'a> {
    fn new(inner: &'a mut dyn Write) -> Printable<'a> {
        Printable {
            inner,
            line: Vec::new(),
        }
    }

    /// Writes out the buffer up to its last line break (all of it at the
    /// end), so a character split between two writes stays whole.
    fn pass_on(&mut self, all: bool) -> std::io::Result<()> {
        let upto = if all {
            self.line.len()
        } else {
            self.line
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1)
        };
        let rest = self.line.split_off(upto);
        let text = String::from_utf8_lossy(&self.line);
        let safe: String = text
            .split_inclusive(['\n', '\t'])
            .map(|piece| {
                let (body, end) = match piece.char_indices().last() {
                    Some((i, c @ ('\n' | '\t'))) => (&piece[..i], Some(c)),
                    _ => (piece, None),
                };
                let mut s = crate::text::visible(body).into_owned();
                s.extend(end);
                s
            })
            .collect();
        self.line = rest;
        self.inner.write_all(safe.as_bytes())
    }
}

impl Write for Printable<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.line.extend_from_slice(buf);
        if buf.contains(&b'\n') {
            self.pass_on(false)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            self.pass_on(true)?;
        }
        self.inner.flush()
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
/// reason on stderr) when it cannot be read or has content problems in the
/// scopes the command uses (`needs`), since results or documents from a
/// broken part could be wrong. `purpose` completes "cần sửa trước khi …".
pub fn load_for(
    path: &std::path::Path,
    purpose: &str,
    needs: impl Fn(&Scope) -> bool,
    err: &mut dyn Write,
) -> Option<Loaded> {
    let loaded = load_or_report(path, err)?;
    let blocking: Vec<_> = loaded.problems.iter().filter(|p| needs(&p.scope)).collect();
    if blocking.is_empty() {
        return Some(loaded);
    }
    let heading = format!(
        "{}: sổ có {} lỗi nội dung, cần sửa trước khi {purpose}:",
        path.display(),
        blocking.len()
    );
    print_problems(err, &heading, blocking);
    None
}

/// A heading line, then one "  - …" line per problem.
pub(crate) fn print_problems<'a>(
    err: &mut dyn Write,
    heading: &str,
    problems: impl IntoIterator<Item = &'a workbook::Problem>,
) {
    let _ = writeln!(err, "{heading}");
    for p in problems {
        let _ = writeln!(err, "  - {p}");
    }
}

fn report_load_error(path: &std::path::Path, e: &LoadError, err: &mut dyn Write) {
    let _ = writeln!(err, "{}: {e} {}", path.display(), e.advice());
}
