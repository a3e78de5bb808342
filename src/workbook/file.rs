//! Reading and writing workbook files. Loading tells every way a file can
//! fail apart, in Vietnamese, with a stable code for tests; saving is atomic
//! and keeps the previous version as a backup beside the file.

mod parse;
pub mod structure;

use super::validate::{Problem, validate};
use super::{FORMAT_TAG, FORMAT_VERSION, Workbook};
use serde_json::Value;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Larger files are refused: a real cluster-year is well under 10 MB, and a
/// huge file is more likely a wrong file than a workbook.
pub use crate::limits::MAX_FILE_BYTES;

/// A workbook read from a file, with the content problems found in it. A
/// workbook with problems can still be opened to be fixed.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub workbook: Workbook,
    pub problems: Vec<Problem>,
    /// The file had a UTF-8 byte-order mark or CRLF line ends (it passed
    /// through Notepad): harmless, but the next save writes it plainly.
    pub reformatted: bool,
    /// Whether the content is what the app saved (see [`Integrity`]).
    pub integrity: Integrity,
    /// The hash of the content as loaded, whether or not the file had one:
    /// identifies a file by what it holds, never by its name.
    pub content_hash: String,
    /// The school's signature over that hash, when the file carries one
    /// (see `crate::exchange::sign`); empty otherwise.
    pub signature: String,
    /// The format version the file was written in (older ones are migrated
    /// in memory): a return from before version 3 recorded nothing of what
    /// it had seen, so the merge treats it with no baseline.
    pub file_version: u64,
}

/// Does the content still match the hash written when the app saved it?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Integrity {
    /// The content is exactly what the app saved (a BOM or CRLF added by
    /// Notepad does not matter: the hash is over the parsed content).
    Verified,
    /// The file has no hash: saved by an older version of the app.
    NoHash,
    /// The content differs from what was saved: edited by hand outside the
    /// app, or damaged on the way but still readable.
    Mismatch,
}

impl Integrity {
    /// A Vietnamese sentence for the user.
    pub fn message(self) -> &'static str {
        match self {
            Integrity::Verified => "Nội dung tệp đúng như khi được lưu bằng Sổ Thi Đua.",
            Integrity::NoHash => {
                "Tệp không có mã kiểm tra (lưu bằng phiên bản cũ): không xác nhận được tệp còn nguyên vẹn."
            }
            Integrity::Mismatch => {
                "Nội dung tệp không khớp mã kiểm tra: tệp đã bị sửa ngoài chương trình hoặc bị hỏng khi gửi. Hãy xem kỹ hoặc xin gửi lại."
            }
        }
    }
}

/// Why a file could not be read as a workbook.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadError {
    #[error("Không tìm thấy tệp \u{201c}{0}\u{201d}.")]
    NotFound(PathBuf),
    #[error(
        "Không đọc được tệp \u{201c}{path}\u{201d}: {}.",
        crate::text::io_reason(source)
    )]
    Unreadable {
        path: PathBuf,
        source: Arc<io::Error>,
    },
    #[error("Tệp trống: không có dữ liệu nào.")]
    Empty,
    #[error("Tệp quá lớn ({size} byte; tối đa {max} byte): có lẽ đây không phải sổ thi đua.")]
    TooLarge { size: u64, max: u64 },
    #[error(
        "Tệp bị cắt cụt (dừng ở dòng {line}, cột {column}): có thể tệp đính kèm chưa tải về hết. Hãy tải lại tệp hoặc xin gửi lại."
    )]
    Truncated { line: usize, column: usize },
    #[error(
        "Tệp không phải JSON hợp lệ: lỗi ở dòng {line}, cột {column}. Có thể tệp bị hỏng hoặc là tệp của chương trình khác."
    )]
    NotJson { line: usize, column: usize },
    #[error(
        "Tệp có khóa \u{201c}{key}\u{201d} lặp lại (dòng {line}, cột {column}): không biết giá trị nào đúng nên không mở. Tệp đã bị sửa tay hoặc do chương trình khác ghi."
    )]
    DuplicateKey {
        key: String,
        line: usize,
        column: usize,
    },
    #[error("Tệp là JSON nhưng không phải sổ thi đua của chương trình này ({0}).")]
    NotWorkbook(String),
    #[error(
        "Tệp là bảng tính (Excel/LibreOffice), không phải sổ thi đua (.json). Nếu đây là phiếu tự chấm một trường gửi về: mở sổ của cụm, rồi kéo phiếu vào cửa sổ (hoặc thidua merge SỔ PHIẾU.xlsx) để gộp."
    )]
    Spreadsheet,
    #[error(
        "Tệp được tạo bởi phiên bản mới hơn (định dạng {found}; chương trình này đọc đến {supported}). Hãy cập nhật Sổ Thi Đua."
    )]
    NewerVersion { found: u64, supported: u32 },
    #[error("Sổ thi đua bị hỏng cấu trúc: {0}.")]
    Malformed(Malformed),
}

/// Where and how a workbook's structure is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// No format version, or 0.
    Version,
    /// The strict reading failed, the slow one did not (never expected).
    Unknown,
    /// At a path (serde_path_to_error's, "." for the whole file), what is
    /// wrong, and where in the text.
    At {
        path: String,
        wrong: structure::Wrong,
        line: usize,
        column: usize,
    },
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Malformed::Version => {
                f.write_str("thiếu hoặc sai số phiên bản định dạng (\u{201c}version\u{201d})")
            }
            Malformed::Unknown => f.write_str("không rõ lỗi"),
            Malformed::At {
                path,
                wrong,
                line,
                column,
            } if path == "." => write!(f, "{wrong} (dòng {line}, cột {column})"),
            Malformed::At {
                path,
                wrong,
                line,
                column,
            } => write!(
                f,
                "tại \u{201c}{path}\u{201d}: {wrong} (dòng {line}, cột {column})"
            ),
        }
    }
}

impl LoadError {
    /// A stable code, for tests and logs.
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::NotFound(_) => "not_found",
            LoadError::Unreadable { .. } => "unreadable",
            LoadError::Empty => "empty",
            LoadError::TooLarge { .. } => "too_large",
            LoadError::Truncated { .. } => "truncated",
            LoadError::NotJson { .. } => "not_json",
            LoadError::DuplicateKey { .. } => "duplicate_key",
            LoadError::NotWorkbook(_) => "not_workbook",
            LoadError::Spreadsheet => "spreadsheet",
            LoadError::NewerVersion { .. } => "newer_version",
            LoadError::Malformed(_) => "malformed",
        }
    }

    /// What the user can do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            LoadError::NotFound(_) => "Kiểm tra lại đường dẫn, hoặc mở tệp khác.",
            LoadError::Unreadable { .. } => {
                "Đóng chương trình khác đang mở tệp (Excel, Word…), kiểm tra quyền truy cập rồi thử lại."
            }
            LoadError::Empty | LoadError::Truncated { .. } => {
                "Mở bản sao lưu (.bak) bên cạnh tệp, hoặc đề nghị nơi gửi tệp gửi lại."
            }
            LoadError::TooLarge { .. }
            | LoadError::NotJson { .. }
            | LoadError::NotWorkbook(_)
            | LoadError::Spreadsheet => {
                "Hãy chọn đúng tệp sổ thi đua (.json) do Sổ Thi Đua tạo ra."
            }
            LoadError::NewerVersion { .. } => {
                "Cài phiên bản Sổ Thi Đua mới nhất, hoặc đề nghị người gửi lưu bằng phiên bản cũ."
            }
            LoadError::Malformed(_) | LoadError::DuplicateKey { .. } => {
                "Tệp có thể đã bị sửa tay. Mở bản sao lưu (.bak), hoặc đề nghị nơi gửi tệp gửi lại."
            }
        }
    }
}

/// Reads a workbook file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_as(path, Check::Whole)
}

/// [`load`], checking the content as `check` says.
pub fn load_as(path: &Path, check: Check) -> Result<Loaded, LoadError> {
    let bytes = read_limited(path)?;
    load_bytes_as(&bytes, check)
}

/// The bytes of a file the app reads (a workbook, a returned form): a
/// regular file (a folder, device or pipe is refused at once), read no
/// further than [`MAX_FILE_BYTES`] whatever its size is said to be.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    crate::paths::read_regular(path, MAX_FILE_BYTES).map_err(|e| {
        if e.kind() == io::ErrorKind::FileTooLarge {
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            LoadError::TooLarge {
                size: size.max(MAX_FILE_BYTES + 1),
                max: MAX_FILE_BYTES,
            }
        } else {
            io_error(path, e)
        }
    })
}

fn io_error(path: &Path, e: io::Error) -> LoadError {
    if e.kind() == io::ErrorKind::NotFound {
        LoadError::NotFound(path.to_path_buf())
    } else {
        LoadError::Unreadable {
            path: path.to_path_buf(),
            source: Arc::new(e),
        }
    }
}

/// Whether `bytes` look like a spreadsheet (xlsx/ods zip, or an .xls
/// compound file) rather than a workbook file: a load refuses it with its
/// own message, a returned form is read as one.
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.starts_with(ZIP) || bytes.starts_with(OLE)
}

/// Reads a workbook from the bytes of a file.
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_bytes_as(bytes, Check::Whole)
}

/// What a load checks of the content once the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Every rule of `validate` (`Loaded::problems`): a workbook to open.
    Whole,
    /// Only the file (format, version, keys, hash): a returned file, whose
    /// records are checked one by one as they are merged, so its problems
    /// as a whole workbook are not needed (`Loaded::problems` is empty).
    FileOnly,
}

/// [`load`] of bytes, checking the content as `check` says.
pub fn load_bytes_as(bytes: &[u8], check: Check) -> Result<Loaded, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    if is_spreadsheet(bytes) {
        return Err(LoadError::Spreadsheet);
    }
    let had_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if had_bom { &bytes[3..] } else { bytes };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        let (line, column) = position(&body[..e.valid_up_to()]);
        LoadError::NotJson { line, column }
    })?;
    // NFC-normalise the whole text when needed: JSON syntax is ASCII, so
    // this normalises exactly every string and key. Names typed elsewhere
    // may arrive decomposed, and must compare equal to the same name here.
    //
    // Three passes over the text are independent: is it NFC, what file is
    // it (with its duplicate keys) and its hash, and reading the workbook.
    // On a large file each takes tens of milliseconds, so the checks run
    // beside the reading; their verdict wins over whatever the reading
    // found. A file that was not NFC (rare) is normalised and read again.
    let raw = text;
    let check_content = check;
    let (checked, read) = std::thread::scope(|s| {
        let check = s.spawn(|| {
            if !crate::text::is_nfc(raw) {
                return Ok(None);
            }
            check_text(raw).map(Some)
        });
        let read = read_text(raw, check_content);
        let checked = check
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (checked, read)
    });
    let (normalised, checked, read) = match checked? {
        Some(checked) => (std::borrow::Cow::Borrowed(raw), checked, read),
        None => {
            let normalised = crate::text::nfc(raw);
            let checked = check_text(&normalised)?;
            let read = read_text(&normalised, check_content);
            (normalised, checked, read)
        }
    };
    let text: &str = &normalised;
    let (version, fast_hash) = checked;
    let (mut workbook, problems) = if version == u64::from(FORMAT_VERSION) {
        read.map_err(|_| malformed(text))?
    } else {
        // An older version: read as it was written, then brought up to date
        // in memory; the next save writes the current version.
        let old: Value = serde_json::from_str(text).map_err(|_| malformed(text))?;
        let wb: Workbook =
            serde_json::from_value(parse::migrate(old)).map_err(|_| malformed(text))?;
        let problems = if check_content == Check::Whole {
            validate(&wb)
        } else {
            Vec::new()
        };
        (wb, problems)
    };
    // The text is NFC already, so the canonical bytes need no normalising.
    // The hash stays out of the workbook in memory (it describes a file, and
    // the next save writes a fresh one): `Loaded` carries it instead.
    let stored = std::mem::take(&mut workbook.provenance.content_hash);
    let signature = std::mem::take(&mut workbook.provenance.signature);
    // Every opening is a replica of its own (see `Workbook::replica`).
    workbook.replica = super::new_replica_id();
    // Fast path: a file as the app wrote it is the canonical bytes plus the
    // hash line and a final newline, so hashing the text without them
    // verifies it without serialising the workbook again (the slow path
    // doubled the load time of a large workbook).
    let content_hash = match fast_hash {
        Some(h) if h.eq_ignore_ascii_case(&stored) => h,
        // A migrated file was hashed as its old version wrote it: only the
        // text itself (without Notepad's CRs) can be compared.
        _ if version != u64::from(FORMAT_VERSION) => {
            let plain = text.replace('\r', "");
            hash_as_written(&plain, &stored).unwrap_or_else(|| hex_sha256(plain.as_bytes()))
        }
        _ => hex_sha256(&canonical_bytes(&workbook)),
    };
    let integrity = if stored.is_empty() {
        Integrity::NoHash
    } else if stored.eq_ignore_ascii_case(&content_hash) {
        Integrity::Verified
    } else {
        Integrity::Mismatch
    };
    Ok(Loaded {
        workbook,
        problems,
        reformatted: had_bom || body.contains(&b'\r'),
        integrity,
        content_hash,
        signature,
        file_version: version,
    })
}

/// Checks the first keys: is this our workbook, and a version we read?
/// Tells a broken file (not JSON, cut short) from another program's JSON,
/// and refuses duplicate keys anywhere. Returns the file's version.
fn identify(text: &str) -> Result<u64, LoadError> {
    let syntax = |e: serde_json::Error| {
        if e.is_eof() {
            LoadError::Truncated {
                line: e.line(),
                column: e.column(),
            }
        } else if e.is_syntax() {
            LoadError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        } else {
            LoadError::NotWorkbook("nội dung không phải là một đối tượng JSON".into())
        }
    };
    let header = parse::scan(text).map_err(|e| match e {
        Ok(d) => LoadError::DuplicateKey {
            key: d.key,
            line: d.line,
            column: d.column,
        },
        Err(e) => syntax(e),
    })?;
    if !text.trim_start().starts_with('{') {
        // Valid JSON of another shape (an array, a number) is another
        // program's file.
        return Err(LoadError::NotWorkbook(
            "nội dung không phải là một đối tượng JSON".into(),
        ));
    }
    match header.format.as_ref().and_then(Value::as_str) {
        Some(FORMAT_TAG) => {}
        Some(other) => {
            return Err(LoadError::NotWorkbook(format!(
                "định dạng \u{201c}{other}\u{201d}"
            )));
        }
        None => {
            return Err(LoadError::NotWorkbook(
                "thiếu khóa \u{201c}format\u{201d}".into(),
            ));
        }
    }
    match header.version.as_ref().and_then(Value::as_u64) {
        Some(v) if v > FORMAT_VERSION as u64 => Err(LoadError::NewerVersion {
            found: v,
            supported: FORMAT_VERSION,
        }),
        Some(0) | None => Err(LoadError::Malformed(Malformed::Version)),
        Some(v) => Ok(v),
    }
}

/// Parses again, slowly, only to say where the structure is wrong.
fn malformed(text: &str) -> LoadError {
    let mut de = serde_json::Deserializer::from_str(text);
    let e = match serde_path_to_error::deserialize::<_, Workbook>(&mut de) {
        Ok(_) => return LoadError::Malformed(Malformed::Unknown),
        Err(e) => e,
    };
    let wrong = structure::identify(text, e.path(), e.inner().classify());
    LoadError::Malformed(Malformed::At {
        path: e.path().to_string(),
        wrong,
        line: e.inner().line(),
        column: e.inner().column(),
    })
}

/// Line and column (1-based) of the end of `bytes`.
fn position(bytes: &[u8]) -> (usize, usize) {
    let line = bytes.iter().filter(|b| **b == b'\n').count() + 1;
    let column = bytes.len() - bytes.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
    (line, column)
}

/// The bytes of a workbook file: pretty JSON in a stable key order, with a
/// final newline, so that loading and saving without edits gives identical
/// bytes and emailed files diff well.
///
/// The provenance's `content_hash` is (re)computed over the content with the
/// hash empty, so a saved file verifies on load (see [`Integrity`]).
pub fn to_bytes(workbook: &Workbook) -> Vec<u8> {
    let p = &workbook.provenance;
    let (mut out, hash) = if p.content_hash.is_empty() && p.signature.is_empty() {
        let bytes = canonical_bytes(workbook);
        let hash = hex_sha256(nfc_bytes(&bytes).as_ref());
        (bytes, hash)
    } else {
        let mut plain = workbook.clone();
        plain.provenance.content_hash.clear();
        plain.provenance.signature.clear();
        let bytes = canonical_bytes(&plain);
        let hash = hex_sha256(nfc_bytes(&bytes).as_ref());
        (bytes, hash)
    };
    // A school's copy signs what it saves with its own key.
    let signature = if p.copy_for.is_some() && !p.school_key.is_empty() {
        super::signing::sign(&p.school_key, &hash)
    } else {
        String::new()
    };
    // The hash is the provenance's first key: insert it right after the
    // opening brace (then the signature). No string value can contain this
    // newline-led text (a newline in a string is escaped), so the first
    // match is the key's.
    const KEY: &[u8] = b"\n  \"provenance\": {";
    if let Some(at) = out.windows(KEY.len()).position(|w| w == KEY) {
        let mut line = format!("\n    \"content_hash\": \"{hash}\",");
        if !signature.is_empty() {
            line.push_str(&format!("\n    \"signature\": \"{signature}\","));
        }
        let at = at + KEY.len();
        out.splice(at..at, line.into_bytes());
    }
    out.push(b'\n');
    out
}

/// The hash of a workbook's content as a file would carry it: SHA-256 (hex)
/// of its canonical bytes with the hash itself left out.
pub fn content_hash(workbook: &Workbook) -> String {
    let p = &workbook.provenance;
    if p.content_hash.is_empty() && p.signature.is_empty() {
        hex_sha256(nfc_bytes(&canonical_bytes(workbook)).as_ref())
    } else {
        let mut plain = workbook.clone();
        plain.provenance.content_hash.clear();
        plain.provenance.signature.clear();
        hex_sha256(nfc_bytes(&canonical_bytes(&plain)).as_ref())
    }
}

/// The hash of a file's text as `to_bytes` computed it: without its hash
/// line and final newline. None when the text has no hash line.
fn hash_as_written(text: &str, stored: &str) -> Option<String> {
    if stored.is_empty() {
        return None;
    }
    let line = format!("\n    \"content_hash\": \"{stored}\",");
    let at = text.find(&line)?;
    let body = text.strip_suffix('\n')?;
    // The signature line, when there is one, follows the hash line.
    let mut skip = line.len();
    const SIG: &str = "\n    \"signature\": \"";
    if body[at + skip..].starts_with(SIG) {
        let rest = &body[at + skip + SIG.len()..];
        let end = rest.find("\",")?;
        skip += SIG.len() + end + 2;
    }
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(&body.as_bytes()[..at]);
    h.update(&body.as_bytes()[at + skip..]);
    Some(super::signing::hex(&h.finalize()))
}

/// What the file is (its version) and, when it carries one, the hash of
/// its text as written (see [`hash_as_written`]).
fn check_text(text: &str) -> Result<(u64, Option<String>), LoadError> {
    let version = identify(text)?;
    Ok((
        version,
        stored_hash_line(text).and_then(|h| hash_as_written(text, h)),
    ))
}

/// The workbook in a text of the current version, with its problems.
fn read_text(text: &str, check: Check) -> Result<(Workbook, Vec<Problem>), serde_json::Error> {
    serde_json::from_str::<Workbook>(text).map(|wb| {
        let problems = match check {
            Check::Whole => validate(&wb),
            Check::FileOnly => Vec::new(),
        };
        (wb, problems)
    })
}

/// The hash a file says it has, read from its text: the provenance's first
/// key, written by `to_bytes` on a line of its own near the top.
fn stored_hash_line(text: &str) -> Option<&str> {
    const KEY: &str = "\n    \"content_hash\": \"";
    let at = text.find(KEY)? + KEY.len();
    let len = text[at..].find('"')?;
    Some(&text[at..at + len])
}

/// Pretty JSON without the final newline.
fn canonical_bytes(workbook: &Workbook) -> Vec<u8> {
    serde_json::to_vec_pretty(workbook).expect("a workbook always serialises")
}

/// JSON bytes in NFC (they are UTF-8: serde_json writes nothing else).
fn nfc_bytes(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match std::str::from_utf8(bytes).map(crate::text::nfc) {
        Ok(std::borrow::Cow::Owned(s)) => std::borrow::Cow::Owned(s.into_bytes()),
        _ => std::borrow::Cow::Borrowed(bytes),
    }
}

/// SHA-256 of `bytes`, hex.
pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    super::signing::hex(&sha2::Sha256::digest(bytes))
}

/// Why a save failed. The edits stay in memory; nothing on disk was changed
/// except, possibly, a fresh backup.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SaveError {
    #[error(
        "Tệp \u{201c}{0}\u{201d} đã có và không phải sổ thi đua: không ghi đè khi chưa được đồng ý."
    )]
    ForeignFile(PathBuf),
    #[error(
        "Tệp \u{201c}{0}\u{201d} đang bị chương trình khác mở (Excel, phần mềm diệt virus, hoặc một cửa sổ Sổ Thi Đua khác). Hãy đóng chương trình đó rồi lưu lại."
    )]
    Locked(PathBuf),
    #[error(
        "Không có quyền ghi vào \u{201c}{0}\u{201d}. Hãy lưu vào thư mục khác (ví dụ Tài liệu)."
    )]
    PermissionDenied(PathBuf),
    #[error(
        "Tệp \u{201c}{0}\u{201d} được đặt chỉ đọc (read-only): không ghi đè. Hãy dùng \u{201c}Lưu thành…\u{201d} để lưu ra tệp khác, hoặc bỏ thuộc tính chỉ đọc của tệp."
    )]
    ReadOnly(PathBuf),
    #[error(
        "Tệp \u{201c}{0}\u{201d} đã bị thay đổi kể từ khi mở (một máy hoặc chương trình khác đã ghi vào): không ghi đè. Mọi thay đổi vẫn còn trong cửa sổ; hãy dùng \u{201c}Lưu thành…\u{201d} để lưu ra tệp khác, rồi so sánh."
    )]
    ChangedOnDisk(PathBuf),
    #[error(
        "Không lưu được vào \u{201c}{path}\u{201d}: {}.",
        crate::text::io_reason(source)
    )]
    Io {
        path: PathBuf,
        source: Arc<io::Error>,
    },
}

impl SaveError {
    pub fn code(&self) -> &'static str {
        match self {
            SaveError::ForeignFile(_) => "foreign_file",
            SaveError::Locked(_) => "locked",
            SaveError::PermissionDenied(_) => "permission_denied",
            SaveError::ReadOnly(_) => "read_only",
            SaveError::ChangedOnDisk(_) => "changed_on_disk",
            SaveError::Io { .. } => "io",
        }
    }

    fn from_io(path: &Path, e: io::Error) -> SaveError {
        // Windows: ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33);
        // a rename over a file held open fails with ACCESS_DENIED (5), which
        // is also what a read-only folder gives, so both are explained.
        match e.raw_os_error() {
            Some(32) | Some(33) if cfg!(windows) => SaveError::Locked(path.to_path_buf()),
            Some(5) if cfg!(windows) => SaveError::Locked(path.to_path_buf()),
            _ if e.kind() == io::ErrorKind::PermissionDenied => {
                SaveError::PermissionDenied(path.to_path_buf())
            }
            _ => SaveError::Io {
                path: path.to_path_buf(),
                source: Arc::new(e),
            },
        }
    }
}

/// How to treat an existing file at the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace only a workbook of ours (or nothing).
    WorkbookOnly,
    /// The user chose to replace whatever is there.
    Anything,
}

/// "Cum8-2019-gui-BinhThuan.json": the cluster, the year and the school's
/// short name without marks or spaces (email systems mangle the rest). The
/// name of a school's copy, and so of its Excel form's companion
/// (`spreadsheet::form`) and of the mail-out (`exchange`, `master::send`).
pub fn mail_out_name(master: &Workbook, school: &super::Id) -> String {
    let name = master.school_name(school);
    let ascii: String = crate::text::ascii_words(&name);
    format!(
        "Cum{}-{}-gui-{ascii}.json",
        master.cluster.number, master.year
    )
}

/// The backup kept beside a saved file: "Cum8-2019.json" → "Cum8-2019.json.bak".
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves atomically: writes a temporary file in the same folder, flushes and
/// syncs it, writes the previous version to the backup (itself through a
/// temporary file and a rename), then renames the new file over the old
/// one. A crash at any moment leaves the file and its backup each whole,
/// old or new; temporary files left by a crashed save are removed by the
/// next save in the same folder.
pub fn save(path: &Path, workbook: &Workbook, overwrite: Overwrite) -> Result<(), SaveError> {
    write_atomic(path, &to_bytes(workbook), overwrite)
}

/// The atomic write behind [`save`], for any bytes, keeping a backup.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: Overwrite) -> Result<(), SaveError> {
    write_file(path, bytes, overwrite, true)
}

/// The atomic write; `backup` keeps the previous version as `FILE.bak`
/// (documents rebuilt at will, settings and recovery copies need none).
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    backup: bool,
) -> Result<(), SaveError> {
    write_checked(path, bytes, overwrite, backup, None)
}

/// [`save`] over the file that was read: refused with
/// [`SaveError::ChangedOnDisk`] when the file on disk is no longer the one
/// read (the SHA-256 of its bytes is not `read_hash`, see [`hash_of`]),
/// checked before the backup is written and again right before the rename.
/// Returns the hash of what was written, for the next save.
pub fn save_over(
    path: &Path,
    workbook: &Workbook,
    overwrite: Overwrite,
    read_hash: &str,
) -> Result<String, SaveError> {
    let bytes = to_bytes(workbook);
    write_checked(path, &bytes, overwrite, true, Some(read_hash))?;
    Ok(hex_sha256(&bytes))
}

/// The SHA-256 of a file's bytes as read (what [`save_over`] compares).
pub fn hash_of(bytes: &[u8]) -> String {
    hex_sha256(bytes)
}

/// The file a path names: symbolic links followed, made absolute.
pub use crate::paths::real_path;
use crate::paths::resolve_links;

fn write_checked(
    path: &Path,
    bytes: &[u8],
    overwrite: Overwrite,
    backup: bool,
    read_hash: Option<&str>,
) -> Result<(), SaveError> {
    // A symbolic link is written through: the file it points to is the
    // clerk's real file, and replacing the link with a plain file would
    // leave that one stale.
    let target = resolve_links(path);
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&dir);
    let existing = std::fs::metadata(path).ok();
    let exists = existing.is_some();
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        // Someone marked the file read-only on purpose (a signed-off year):
        // a rename would silently replace it anyway.
        return Err(SaveError::ReadOnly(path.to_path_buf()));
    }
    if exists && overwrite == Overwrite::WorkbookOnly {
        let ours = sniff(path).map_err(|e| SaveError::from_io(path, e))?;
        if !ours {
            return Err(SaveError::ForeignFile(path.to_path_buf()));
        }
    }
    let mut tmp = temporary(&dir, existing.as_ref()).map_err(|e| SaveError::from_io(path, e))?;
    tmp.write_all(bytes)
        .map_err(|e| SaveError::from_io(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| SaveError::from_io(path, e))?;
    // The file on disk must still be the one read: another writer (a
    // machine that cannot see the lock, a program that ignores it) is
    // never overwritten unseen.
    let unchanged = || match read_hash {
        None => Ok(()),
        Some(h) => match std::fs::read(path) {
            Ok(b) if hex_sha256(&b).eq_ignore_ascii_case(h) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound && h.is_empty() => Ok(()),
            _ => Err(SaveError::ChangedOnDisk(path.to_path_buf())),
        },
    };
    unchanged()?;
    if exists && backup {
        // Copy, not rename: the original stays in place until the atomic
        // replace, so there is never a moment without the file. The copy
        // goes through its own temporary file, so a crash or a full disk
        // never leaves a truncated backup either.
        write_backup(path, &dir, existing.as_ref()).map_err(|e| SaveError::from_io(path, e))?;
    }
    // Windows refuses to replace a file that another program holds open;
    // antivirus scanners hold a just-written file for a moment, so a short
    // retry saves the clerk a needless error. On final failure the
    // temporary file is dropped and removed.
    unchanged()?;
    persist(tmp, path).map_err(|e| SaveError::from_io(path, e))?;
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all(); // the rename itself is durable only once the folder is synced
    }
    Ok(())
}

/// Temporary files are named for the process writing them
/// (".thidua-<pid>-XXXXXX.tmp"), so a later save can tell a crashed
/// save's leftovers from a live save of another window.
const TEMP_PREFIX: &str = ".thidua-";
const TEMP_SUFFIX: &str = ".tmp";

/// A new temporary file in `dir`, readable like the file it replaces.
fn temporary(
    dir: &Path,
    replaced: Option<&std::fs::Metadata>,
) -> io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the saved file should
    // keep the permissions of the one it replaces, or be readable like any
    // document (shared folders, a colleague's account).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = replaced.map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = replaced;
    let tmp = builder.tempfile_in(dir)?;
    // Held while the save runs, released by the system when the process
    // ends however it ends: a later save tells a live save's temporary file
    // (locked) from a crashed one's (free), on Linux and Windows alike.
    let _ = tmp.as_file().try_lock();
    Ok(tmp)
}

/// Writes the current file to its backup through a temporary file.
fn write_backup(path: &Path, dir: &Path, meta: Option<&std::fs::Metadata>) -> io::Result<()> {
    let mut tmp = temporary(dir, meta)?;
    let mut original = std::fs::File::open(path)?;
    io::copy(&mut original, tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    persist(tmp, &backup_path(path))
}

fn persist(mut tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let mut attempts = 0;
    loop {
        match tmp.persist(path) {
            Ok(_) => return Ok(()),
            Err(e) if attempts < PERSIST_RETRIES && is_transient_lock(&e.error) => {
                attempts += 1;
                tmp = e.file;
                std::thread::sleep(std::time::Duration::from_millis(150));
            }
            Err(e) => return Err(e.error),
        }
    }
}

/// Removes the temporary files a crashed save left in `dir`: ours only (by
/// name), and only when no process holds its lock any more (its save has
/// ended: the writer exited or crashed), or the file is older than any save
/// could take. Best effort: a file that cannot be removed now is tried
/// again at the next save.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        if rest
            .split_once('-')
            .is_none_or(|(p, _)| p.parse::<u32>().is_err())
        {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old || !held(&entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// No save takes this long: a temporary file this old is a leftover even
/// where locks cannot be tested.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Whether a save in progress holds the file's lock. A file that cannot be
/// opened, or whose lock cannot be tested (some network drives), counts as
/// held: it is left for the age rule.
fn held(path: &Path) -> bool {
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    else {
        return true;
    };
    file.try_lock().is_err()
}

const PERSIST_RETRIES: u32 = 4;

/// Access denied or a sharing violation: on Windows, usually another
/// program holding the file for a moment.
fn is_transient_lock(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Does the file at `path` look like one of our workbooks (any version)?
/// Only the start is checked, so a truncated workbook still counts as ours.
pub fn is_our_workbook(path: &Path) -> bool {
    sniff(path).unwrap_or(false)
}

/// Reads the start of a file to see whether it is one of our workbooks; an
/// error means it could not be opened (e.g. held open by another program).
fn sniff(path: &Path) -> io::Result<bool> {
    // A pipe or device is no workbook, and opening a pipe would wait.
    if !std::fs::metadata(path)?.is_file() {
        return Ok(false);
    }
    let mut f = std::fs::File::open(path)?;
    let mut head = vec![0u8; 4096];
    let n = io::Read::read(&mut f, &mut head)?;
    let head = String::from_utf8_lossy(&head[..n]);
    Ok(head.contains(&format!("\"format\": \"{FORMAT_TAG}\""))
        || head.contains(&format!("\"format\":\"{FORMAT_TAG}\"")))
}
