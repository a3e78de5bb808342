//! A criteria table as an office types it (in Word or Excel), understood
//! as a tree of criteria: which rows are sections, criteria and
//! sub-criteria, and which rows are not understood, each with its place and
//! the reason. The readers of .docx and spreadsheets (`crate::intake`) hand
//! over plain rows of cells; this module decides what they mean, so the
//! same rules hold whatever the file was.
//!
//! What is recognised:
//!
//! - the header row, by its maximum column ("Điểm chuẩn", "Điểm tối đa",
//!   "Thang điểm", "Điểm"), and beside it the code ("TT", "STT", "Mã") and
//!   name ("Nội dung", "Tiêu chí") columns; a row of column numbers under
//!   it ("1", "2", "3") is skipped;
//! - codes in the usual styles: I, II…; 1, 2…; 1.1, 1.1.1; a, b…; A, B…;
//!   "I.1"; with their punctuation ("1.", "a)", "Mục I", "Phần II") and
//!   also at the start of the name when there is no code column;
//! - levels by the order in which the styles first appear (like a nested
//!   list): a style seen before closes everything opened after it;
//! - sections as rows in bold or as merged rows across the table (with or
//!   without a code);
//! - maxima as numbers or as text with a decimal comma ("2,5", "10 điểm");
//! - total and subtotal rows ("Tổng cộng", "Cộng mục I"), checked against
//!   the criteria and never imported; a section's own stated maximum is
//!   checked the same way;
//! - lines starting with "-" or "+" without a maximum: guidance of the
//!   criterion above.
//!
//! Everything else is listed as not understood, never guessed.

use super::model::{Criterion, Id};
use super::points::Points;
use crate::limits;

/// One table as read from a file, before it is understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceTable {
    /// Where it is, for the clerk: "bảng 2", "trang Tiêu chí".
    pub label: String,
    pub rows: Vec<SourceRow>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRow {
    /// Where the row is, for the clerk: "dòng 7".
    pub place: String,
    pub cells: Vec<SourceCell>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceCell {
    /// The text, paragraphs separated by '\n'.
    pub text: String,
    /// Every run of text in it is bold.
    pub bold: bool,
    /// Columns it covers (a merged cell across: more than 1).
    pub span: u32,
    /// It continues a cell merged from the row above (its text is that
    /// one's).
    pub continued: bool,
}

impl SourceCell {
    pub fn new(text: impl Into<String>) -> SourceCell {
        SourceCell {
            text: text.into(),
            bold: false,
            span: 1,
            continued: false,
        }
    }
}

/// Why a row was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Its maximum is a cell merged over several rows: whose it is is
    /// unknown.
    MergedCell,
    /// The maximum is not a number ("x", "Tối đa 5").
    MaxNotNumber(String),
    /// The maximum is 0, negative or above the largest a criterion may be.
    MaxOutOfRange(Points),
    /// A criterion with no maximum and no sub-criteria.
    NoMax,
    /// Text with no code that is neither a section (bold or merged) nor a
    /// note line.
    NoCode,
    /// A section's stated maximum is not the sum of its criteria.
    SectionSum { stated: Points, sum: Points },
    /// A subtotal row does not add up.
    SubtotalSum { stated: Points, sum: Points },
    /// The total row does not add up.
    TotalSum { stated: Points, sum: Points },
    /// A subtotal with no section before it.
    SubtotalAlone,
    /// A total or subtotal whose figure is not a number.
    TotalNotNumber(String),
    /// The table already holds as many criteria as a workbook may.
    TooMany,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::MergedCell => write!(
                f,
                "ô điểm gộp nhiều dòng: không biết điểm thuộc tiêu chí nào (tách ô, ghi điểm từng dòng)"
            ),
            Why::MaxNotNumber(s) => write!(f, "điểm tối đa \u{201c}{s}\u{201d} không phải số"),
            Why::MaxOutOfRange(p) => write!(
                f,
                "điểm tối đa {p} phải lớn hơn 0 và không quá {}",
                limits::MAX_LEAF_POINTS
            ),
            Why::NoMax => write!(f, "tiêu chí không có điểm tối đa và không có tiêu chí con"),
            Why::NoCode => write!(
                f,
                "dòng không có mã tiêu chí (I, 1, 1.1, a…) và không phải đề mục in đậm hay dòng gộp"
            ),
            Why::SectionSum { stated, sum } => write!(
                f,
                "điểm của mục ghi {stated} nhưng các tiêu chí con cộng lại {sum} (đã lấy {sum})"
            ),
            Why::SubtotalSum { stated, sum } => {
                write!(
                    f,
                    "dòng cộng ghi {stated} nhưng các tiêu chí cộng lại {sum}"
                )
            }
            Why::TotalSum { stated, sum } => {
                write!(
                    f,
                    "dòng tổng ghi {stated} nhưng các tiêu chí cộng lại {sum}"
                )
            }
            Why::SubtotalAlone => write!(f, "dòng cộng không đứng sau mục nào"),
            Why::TotalNotNumber(s) => write!(f, "số ở dòng tổng \u{201c}{s}\u{201d} không phải số"),
            Why::TooMany => write!(
                f,
                "bảng đã có {} tiêu chí, quá số một sổ giữ được",
                limits::MAX_CRITERIA
            ),
        }
    }
}

/// A row not understood: where, what it says, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUnderstood {
    pub place: String,
    pub text: String,
    pub why: Why,
}

impl std::fmt::Display for NotUnderstood {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::text::shorten(&self.text, 60);
        if text.is_empty() {
            write!(f, "{}: {}", self.place, self.why)
        } else {
            write!(f, "{} \u{201c}{}\u{201d}: {}", self.place, text, self.why)
        }
    }
}

/// Why a table is not a criteria table at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error(
        "{0}: không thấy dòng tiêu đề có cột điểm (\u{201c}Điểm chuẩn\u{201d}, \u{201c}Điểm tối đa\u{201d} hay \u{201c}Điểm\u{201d}) trong 15 dòng đầu."
    )]
    NoHeader(String),
    #[error("{0}: không có tiêu chí nào có điểm tối đa.")]
    Empty(String),
}

/// A table understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Understood {
    pub label: String,
    /// The tree, ids "c1", "c2"… in table order (see [`fit`]).
    pub criteria: Vec<Criterion>,
    pub not_understood: Vec<NotUnderstood>,
    /// Totals and subtotals that add up: "dòng 40: Tổng cộng 100 điểm".
    pub checked: Vec<String>,
}

impl Understood {
    /// The sum of the table's maxima.
    pub fn total(&self) -> Points {
        self.criteria.iter().map(Criterion::max_points).sum()
    }

    /// Nodes of the tree (sections, criteria, sub-criteria).
    pub fn count(&self) -> usize {
        fn n(c: &[Criterion]) -> usize {
            c.iter().map(|c| 1 + n(&c.children)).sum()
        }
        n(&self.criteria)
    }
}

/// The tree as lines, indented two spaces a level: "I. Công tác… — 30".
pub fn outline(criteria: &[Criterion]) -> Vec<String> {
    fn walk(nodes: &[Criterion], depth: usize, out: &mut Vec<String>) {
        for c in nodes {
            let code = if c.code.is_empty() {
                String::new()
            } else {
                format!("{}. ", c.code)
            };
            out.push(format!(
                "{}{code}{} — {}",
                "  ".repeat(depth),
                c.title,
                c.max_points()
            ));
            walk(&c.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(criteria, 0, &mut out);
    out
}

/// Code styles; a style's level is where it first appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// A bold or merged heading without a code.
    Heading,
    /// "Phần I", "Phần A": a part above the sections.
    Part,
    Roman,
    Upper,
    Arabic,
    /// "1.1" (2), "1.1.1" (3).
    Dotted(usize),
    /// "I.1" (2), "I.1.1" (3).
    RomanDotted(usize),
    Letter,
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 6
        && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        && roman_value(s).is_some()
}

fn roman_value(s: &str) -> Option<u32> {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 0,
    };
    let cs: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0i64;
    for (i, &c) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|n| *n > c) {
            total -= c as i64;
        } else {
            total += c as i64;
        }
    }
    (total > 0).then_some(total as u32)
}

/// The style of a bare code ("I", "1", "1.1", "a", "I.1"), None when it is
/// not a code.
fn style_of(code: &str) -> Option<Style> {
    let parts: Vec<&str> = code.split('.').collect();
    let digits = |p: &str| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit());
    if parts.len() == 1 {
        let p = parts[0];
        if digits(p) {
            return Some(Style::Arabic);
        }
        if is_roman(p) {
            return Some(Style::Roman);
        }
        let mut cs = p.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c.is_lowercase() && c.is_alphabetic() {
                return Some(Style::Letter);
            }
            if c.is_ascii_uppercase() {
                return Some(Style::Upper);
            }
        }
        return None;
    }
    if parts.len() > 4 {
        return None;
    }
    if parts[1..].iter().all(|p| digits(p)) {
        if digits(parts[0]) {
            return Some(Style::Dotted(parts.len()));
        }
        if is_roman(parts[0]) {
            return Some(Style::RomanDotted(parts.len()));
        }
    }
    None
}

/// A code as typed, without its punctuation: "1." → "1", "a)" → "a",
/// "(1)" → "1", "II -" → "II".
fn bare_code(s: &str) -> String {
    s.trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches(['.', ')', ']', ':', '-', '\u{2013}', ' '])
        .trim()
        .to_string()
}

/// Folded for comparisons: lower case, no marks, đ → d, spaces collapsed.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let plain: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that may stand before a code: "Phần I", "Mục 1", "Tiêu chí 2".
const CODE_WORDS: &[(&str, bool)] = &[
    ("phan", true),
    ("muc", false),
    ("tieu chi", false),
    ("chuong", true),
    ("noi dung", false),
];

/// Splits a code from the start of a text: "I. CÔNG TÁC" → ("I", "CÔNG
/// TÁC"), "1.1 Công tác" → ("1.1", …), "Phần A: …". A code must be followed
/// by punctuation ("1.", "a)", "I -") unless it is dotted ("1.1") or
/// introduced by a word ("Mục 1"). The bool: introduced by "Phần".
fn split_code(text: &str) -> Option<(String, String, bool)> {
    let text = crate::text::nfc(text);
    let t = text.trim_start();
    let mut rest = t;
    let mut worded = None;
    let folded: String = fold(t.chars().take(12).collect::<String>().as_str());
    for (w, part) in CODE_WORDS {
        if folded.starts_with(w) && folded[w.len()..].starts_with(' ') {
            // Skip as many characters as the word has (folding keeps the
            // count of letters and spaces).
            let n = w.chars().count();
            let at = t.char_indices().nth(n).map_or(t.len(), |(i, _)| i);
            rest = t[at..].trim_start();
            worded = Some(*part);
            break;
        }
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ')' | ':' | '-' | '\u{2013}'))
        .map_or(rest.len(), |(i, _)| i);
    let (token, after) = rest.split_at(end);
    let punct_after = after.starts_with([')', ':', '-', '\u{2013}']);
    let punct = token.ends_with('.') || punct_after || token.starts_with('(');
    let code = bare_code(token);
    let style = style_of(&code)?;
    let dotted = matches!(style, Style::Dotted(_) | Style::RomanDotted(_));
    if !(punct || dotted || worded.is_some()) {
        return None;
    }
    let name = after
        .trim_start_matches([')', ':', '-', '\u{2013}', '.'])
        .trim()
        .to_string();
    if name.is_empty() && worded.is_none() {
        return None;
    }
    Some((code, name, worded == Some(true)))
}

/// The columns of the table.
#[derive(Debug, Clone, Copy)]
struct Columns {
    code: Option<u32>,
    name: u32,
    max: u32,
}

/// A row laid out on columns: each cell with the first column it covers.
fn layout(row: &SourceRow) -> Vec<(u32, &SourceCell)> {
    let mut col = 0u32;
    row.cells
        .iter()
        .map(|c| {
            let at = col;
            col = col.saturating_add(c.span.max(1));
            (at, c)
        })
        .collect()
}

fn cell_at<'a>(cells: &[(u32, &'a SourceCell)], col: u32) -> Option<(u32, &'a SourceCell)> {
    cells
        .iter()
        .find(|(at, c)| *at <= col && col < at.saturating_add(c.span.max(1)))
        .map(|(at, c)| (*at, *c))
}

fn header(table: &SourceTable) -> Option<(usize, Columns)> {
    for (i, row) in table.rows.iter().enumerate().take(15) {
        let cells = layout(row);
        let mut max: Option<(u32, u8)> = None;
        let mut code = None;
        let mut name = None;
        for (at, c) in &cells {
            let f = fold(&c.text);
            let rank = match f.as_str() {
                "diem chuan" | "diem toi da" | "thang diem" | "diem chuan (diem)"
                | "diem toi da (diem)" | "so diem toi da" | "khung diem" => 2,
                "diem" | "so diem" | "diem so" => 1,
                _ if f.starts_with("diem chuan") || f.starts_with("diem toi da") => 2,
                _ => 0,
            };
            if rank > 0 && max.is_none_or(|(_, r)| rank > r) {
                max = Some((*at, rank));
            }
            let codeish = matches!(
                f.as_str(),
                "tt" | "stt" | "so tt" | "ma" | "ma so" | "muc" | "so thu tu" | "ky hieu"
            );
            if codeish && code.is_none() {
                code = Some(*at);
            }
            if name.is_none()
                && (f.starts_with("noi dung")
                    || f.starts_with("tieu chi")
                    || f.starts_with("ten tieu chi")
                    || f.starts_with("cac tieu chi")
                    || f.starts_with("linh vuc"))
            {
                name = Some(*at);
            }
        }
        let Some((max, _)) = max else { continue };
        let name = name.or_else(|| {
            // The widest text column left of the maximum that is not the
            // code: the one after the code, or the first.
            let after_code = code.map_or(0, |c| c + 1);
            cells
                .iter()
                .map(|(at, _)| *at)
                .find(|at| *at >= after_code && *at < max && Some(*at) != code)
        })?;
        if name == max {
            continue;
        }
        return Some((i, Columns { code, name, max }));
    }
    None
}

fn is_number_row(row: &SourceRow) -> bool {
    let texts: Vec<String> = row
        .cells
        .iter()
        .map(|c| bare_code(&c.text))
        .filter(|t| !t.is_empty())
        .collect();
    texts.len() >= 2
        && texts
            .iter()
            .enumerate()
            .all(|(i, t)| t.parse::<usize>().ok() == Some(i + 1))
}

enum Total {
    /// "Tổng cộng", "Tổng số điểm".
    All,
    /// "Cộng", "Cộng mục I", "Cộng phần II": the section named, or the
    /// last one.
    Section(Option<String>),
}

fn total_kind(name: &str) -> Option<Total> {
    let f = fold(name);
    let f = f.trim_end_matches([':', '.']).trim();
    if f.starts_with("tong cong")
        || f == "tong"
        || f.starts_with("tong so diem")
        || f.starts_with("tong diem")
        || f == "cong toan bo"
    {
        // "Tổng điểm mục I" is a subtotal.
        if let Some(rest) = f
            .strip_prefix("tong diem muc ")
            .or_else(|| f.strip_prefix("tong diem phan "))
        {
            return Some(Total::Section(Some(rest.to_uppercase())));
        }
        return Some(Total::All);
    }
    if f == "cong" || f == "cong diem" {
        return Some(Total::Section(None));
    }
    for p in [
        "cong muc ",
        "cong phan ",
        "cong diem muc ",
        "cong diem phan ",
    ] {
        if let Some(rest) = f.strip_prefix(p) {
            let code = bare_code(rest.split_whitespace().next().unwrap_or(""));
            return Some(Total::Section(Some(code.to_uppercase())));
        }
    }
    None
}

/// A maximum as typed: a number, "2,5", "10 điểm", "10đ".
fn parse_max(text: &str) -> Result<Points, String> {
    let t = text.trim();
    let f = fold(t);
    let cut = ["diem", "d"]
        .iter()
        .find_map(|s| f.strip_suffix(s))
        .map(|rest| rest.trim().chars().count());
    let number: String = match cut {
        Some(n) => t.chars().take(n).collect(),
        None => t.to_string(),
    };
    let number = number.trim().trim_start_matches('(').trim_end_matches(')');
    Points::parse_vi(number).map_err(|_| t.to_string())
}

/// Text fit for a criterion's name: one line, no control or invisible
/// character, NFC.
fn clean_line(s: &str) -> String {
    let s = crate::text::nfc(s);
    let mut buf = [0u8; 4];
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| crate::text::forbidden_char(c.encode_utf8(&mut buf), false).is_none())
        .collect::<String>()
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name and its guidance from a cell's text: the first paragraph is the
/// name; later paragraphs, and what does not fit in a name, the guidance.
fn name_and_guidance(text: &str) -> (String, String) {
    let mut paragraphs = text.split('\n').map(clean_line).filter(|p| !p.is_empty());
    let first = paragraphs.next().unwrap_or_default();
    let mut guidance: Vec<String> = paragraphs.collect();
    let max = limits::MAX_NAME_CHARS;
    let name = if first.chars().count() > max {
        guidance.insert(0, first.clone());
        let cut = limits::truncate(&first, max - 1);
        let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
        format!("{cut}…")
    } else {
        first
    };
    let mut guidance = guidance.join("\n");
    if limits::too_long(&guidance, limits::MAX_NOTE_CHARS) {
        guidance = limits::truncate(&guidance, limits::MAX_NOTE_CHARS).to_string();
    }
    (name, guidance)
}

/// A node being built: the criterion and the row it came from.
struct Node {
    c: Criterion,
    place: String,
    text: String,
    /// The maximum its row stated (a section's is checked).
    stated: Option<Points>,
    children: Vec<Node>,
}

fn at_path<'a>(nodes: &'a mut Vec<Node>, path: &[usize]) -> &'a mut Vec<Node> {
    match path.split_first() {
        // Paths are made from the tree itself, so the index is there; a
        // missing one (never) gives the top level rather than a panic.
        Some((i, rest)) if *i < nodes.len() => at_path(&mut nodes[*i].children, rest),
        _ => nodes,
    }
}

fn node_at<'a>(nodes: &'a mut [Node], path: &[usize]) -> Option<&'a mut Node> {
    let (last, parents) = path.split_last()?;
    let mut level = nodes;
    for i in parents {
        level = &mut level.get_mut(*i)?.children;
    }
    level.get_mut(*last)
}

/// Understands a table: see the module doc.
pub fn understand(table: &SourceTable) -> Result<Understood, TableError> {
    let (head, cols) = header(table).ok_or_else(|| TableError::NoHeader(table.label.clone()))?;
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<(Style, Vec<usize>)> = Vec::new();
    let mut not_understood = Vec::new();
    let mut checked = Vec::new();
    // Totals to check once the tree is whole: (place, text, stated, which).
    let mut totals: Vec<(String, String, Points, Option<Vec<usize>>)> = Vec::new();
    let mut count = 0usize;
    for (i, row) in table.rows.iter().enumerate().skip(head + 1) {
        if row.cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        if i <= head + 2 && is_number_row(row) {
            continue;
        }
        let cells = layout(row);
        let whole_text = row
            .cells
            .iter()
            .map(|c| clean_line(&c.text))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let miss = |why: Why| NotUnderstood {
            place: row.place.clone(),
            text: whole_text.clone(),
            why,
        };
        let name_cell = cell_at(&cells, cols.name);
        // A merged row: one cell across the name and the maximum.
        let across = name_cell
            .filter(|(at, c)| at + c.span.max(1) > cols.max)
            .map(|(_, c)| c);
        let filled: Vec<&SourceCell> = row
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty() && !c.continued)
            .collect();
        let (mut code, mut text, max_cell, heading) = match across {
            Some(cell) => ("".to_string(), cell.text.clone(), None, true),
            None => {
                let code_cell = cols
                    .code
                    .and_then(|c| cell_at(&cells, c))
                    .filter(|(at, _)| Some(*at) != name_cell.map(|(a, _)| a))
                    .map(|(_, c)| c);
                let code = code_cell.map(|c| bare_code(&c.text)).unwrap_or_default();
                let max_cell = cell_at(&cells, cols.max)
                    .filter(|(at, _)| Some(*at) != name_cell.map(|(a, _)| a))
                    .map(|(_, c)| c);
                let text = name_cell.map(|(_, c)| c.text.clone()).unwrap_or_default();
                // Only one cell holds anything: a section line typed
                // without merging.
                let lone = filled.len() == 1
                    && max_cell.is_none_or(|m| m.text.trim().is_empty())
                    && (code.is_empty() || text.trim().is_empty());
                let bold = name_cell.is_some_and(|(_, c)| c.bold && !c.text.trim().is_empty())
                    || (text.trim().is_empty() && code_cell.is_some_and(|c| c.bold));
                if lone && text.trim().is_empty() {
                    // The whole section line in the code column.
                    let t = code_cell.map(|c| c.text.clone()).unwrap_or_default();
                    (String::new(), t, max_cell, true)
                } else {
                    (code, text, max_cell, bold || lone)
                }
            }
        };
        let mut part = false;
        if code.is_empty()
            && let Some((c, t, p)) = split_code(&text)
        {
            code = c;
            text = t;
            part = p;
        }
        let (title, guidance) = name_and_guidance(&text);
        if code.is_empty()
            && let Some(kind) = total_kind(&title)
        {
            let figure = max_cell
                .map(|c| c.text.trim().to_string())
                .filter(|t| !t.is_empty())
                .or_else(|| {
                    // "Tổng cộng: 100 điểm" in one cell.
                    title.split_once(':').map(|(_, n)| n.trim().to_string())
                })
                .unwrap_or_default();
            match parse_max(&figure) {
                Ok(stated) => {
                    let target = match kind {
                        Total::All => None,
                        Total::Section(named) => {
                            let found = match named {
                                Some(code) => {
                                    roots.iter().position(|n| n.c.code.to_uppercase() == code)
                                }
                                None => stack.first().and_then(|(_, p)| p.first().copied()),
                            };
                            match found {
                                Some(i) => Some(vec![i]),
                                None => {
                                    not_understood.push(miss(Why::SubtotalAlone));
                                    continue;
                                }
                            }
                        }
                    };
                    totals.push((row.place.clone(), title.clone(), stated, target));
                }
                Err(t) => not_understood.push(miss(Why::TotalNotNumber(t))),
            }
            continue;
        }
        // A maximum merged down over the rows below: whose it is is unknown.
        let merged_down = max_cell.is_some_and(|c| !c.continued)
            && table.rows.get(i + 1).is_some_and(|next| {
                cell_at(&layout(next), cols.max).is_some_and(|(_, c)| c.continued)
            });
        let max = match max_cell {
            Some(c) if c.continued || merged_down => {
                not_understood.push(miss(Why::MergedCell));
                continue;
            }
            Some(c) if !c.text.trim().is_empty() => match parse_max(&c.text) {
                Ok(p) if p > Points::ZERO && p <= Points::whole(limits::MAX_LEAF_POINTS) => Some(p),
                Ok(p) => {
                    not_understood.push(miss(Why::MaxOutOfRange(p)));
                    continue;
                }
                Err(t) => {
                    not_understood.push(miss(Why::MaxNotNumber(t)));
                    continue;
                }
            },
            _ => None,
        };
        let t = text.trim_start();
        if code.is_empty() && max.is_none() && t.starts_with(['-', '+', '•', '*', '\u{2013}']) {
            // A note line: guidance of the node above.
            if let Some((_, path)) = stack.last()
                && let Some(n) = node_at(&mut roots, path)
            {
                let line = clean_line(t);
                if !n.c.guidance.is_empty() {
                    n.c.guidance.push('\n');
                }
                n.c.guidance.push_str(&line);
                if limits::too_long(&n.c.guidance, limits::MAX_NOTE_CHARS) {
                    n.c.guidance =
                        limits::truncate(&n.c.guidance, limits::MAX_NOTE_CHARS).to_string();
                }
                continue;
            }
        }
        let style = if part {
            Some(Style::Part)
        } else if code.is_empty() {
            if heading && max.is_none() && !title.is_empty() {
                Some(Style::Heading)
            } else {
                None
            }
        } else {
            style_of(&code)
        };
        let Some(style) = style else {
            not_understood.push(miss(Why::NoCode));
            continue;
        };
        if count >= limits::MAX_CRITERIA {
            not_understood.push(miss(Why::TooMany));
            continue;
        }
        count += 1;
        if let Some(pos) = stack.iter().position(|(s, _)| *s == style) {
            stack.truncate(pos);
        } else if matches!(style, Style::Heading | Style::Part) {
            // A heading without a code, or a part, is a section: first
            // seen below others, it still starts at the top.
            stack.clear();
        }
        let parent: Vec<usize> = stack.last().map(|(_, p)| p.clone()).unwrap_or_default();
        let siblings = at_path(&mut roots, &parent);
        siblings.push(Node {
            c: Criterion {
                id: Id::default(),
                code: code.clone(),
                title: if title.is_empty() {
                    code.clone()
                } else {
                    title
                },
                max: None,
                guidance,
                children: Vec::new(),
            },
            place: row.place.clone(),
            text: whole_text.clone(),
            stated: max,
            children: Vec::new(),
        });
        let mut path = parent;
        path.push(siblings.len() - 1);
        stack.push((style, path));
    }

    // Close the tree: leaves take their stated maximum, sections the sum
    // of theirs (a differing stated one is said); a leaf with none is not
    // imported.
    fn close(nodes: Vec<Node>, out: &mut Vec<NotUnderstood>) -> Vec<Criterion> {
        let mut done = Vec::new();
        for n in nodes {
            let mut c = n.c;
            if n.children.is_empty() {
                match n.stated {
                    Some(m) => c.max = Some(m),
                    None => {
                        out.push(NotUnderstood {
                            place: n.place,
                            text: n.text,
                            why: Why::NoMax,
                        });
                        continue;
                    }
                }
            } else {
                c.children = close(n.children, out);
                if c.children.is_empty() {
                    // Every child was refused: the section itself may be a
                    // criterion with its own maximum.
                    match n.stated {
                        Some(m) => c.max = Some(m),
                        None => {
                            out.push(NotUnderstood {
                                place: n.place,
                                text: n.text,
                                why: Why::NoMax,
                            });
                            continue;
                        }
                    }
                } else if let Some(stated) = n.stated {
                    let sum = c.max_points();
                    if stated != sum {
                        out.push(NotUnderstood {
                            place: n.place,
                            text: n.text,
                            why: Why::SectionSum { stated, sum },
                        });
                    }
                }
            }
            done.push(c);
        }
        done
    }
    // Subtotals name top-level sections by position: their sums are taken
    // before closing (positions may shift when a section is dropped).
    fn sum_of(n: &Node) -> Points {
        if n.children.is_empty() {
            n.stated.unwrap_or_default()
        } else {
            n.children.iter().map(sum_of).sum()
        }
    }
    let all: Points = roots.iter().map(sum_of).sum();
    for (place, text, stated, target) in totals {
        let (sum, section) = match &target {
            None => (all, None),
            Some(path) => match path.first().and_then(|i| roots.get(*i)) {
                Some(n) => (sum_of(n), Some(n)),
                None => continue,
            },
        };
        if sum == stated {
            let what = match section {
                Some(n) if !n.c.code.is_empty() => format!("{text} (mục {})", n.c.code),
                _ => text.clone(),
            };
            checked.push(format!("{place}: {what} = {stated} điểm, khớp"));
        } else {
            let why = if target.is_none() {
                Why::TotalSum { stated, sum }
            } else {
                Why::SubtotalSum { stated, sum }
            };
            not_understood.push(NotUnderstood { place, text, why });
        }
    }
    let mut criteria = close(roots, &mut not_understood);
    let mut n = 0;
    number(&mut criteria, &mut n);
    if criteria.is_empty() {
        return Err(TableError::Empty(table.label.clone()));
    }
    // In table order.
    not_understood.sort_by_key(|m| place_order(&table.rows, &m.place));
    Ok(Understood {
        label: table.label.clone(),
        criteria,
        not_understood,
        checked,
    })
}

fn place_order(rows: &[SourceRow], place: &str) -> usize {
    rows.iter()
        .position(|r| r.place == place)
        .unwrap_or(usize::MAX)
}

fn number(nodes: &mut [Criterion], n: &mut usize) {
    for c in nodes {
        *n += 1;
        c.id = Id(format!("c{n}"));
        number(&mut c.children, n);
    }
}

/// Whether a table looks like a criteria table (has the header).
pub fn looks_like_criteria(table: &SourceTable) -> bool {
    header(table).is_some()
}

// ---------------------------------------------------------------------
// Into a workbook: scores follow the codes.

/// A criterion's key for matching: the codes from its section down, bare,
/// upper case: "I/1/A".
fn keys(nodes: &[Criterion]) -> Vec<(String, &Criterion)> {
    fn walk<'a>(nodes: &'a [Criterion], prefix: &str, out: &mut Vec<(String, &'a Criterion)>) {
        for c in nodes {
            let code = bare_code(&c.code).to_uppercase();
            let code = if code.is_empty() {
                fold(&c.title)
            } else {
                code
            };
            let key = if prefix.is_empty() {
                code
            } else {
                format!("{prefix}/{code}")
            };
            walk(&c.children, &key, out);
            out.push((key, c));
        }
    }
    let mut out = Vec::new();
    walk(nodes, "", &mut out);
    out
}

/// A criterion of the workbook that the new table has no place for while
/// it holds scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vanishing {
    pub code: String,
    pub title: String,
    /// Scores it holds (self and cluster, all schools).
    pub scores: usize,
    /// It stays, but with sub-criteria: its scores have no place.
    pub now_parent: bool,
}

/// The imported table fitted to a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// The table with the workbook's ids where codes match, fresh ones
    /// elsewhere.
    pub criteria: Vec<Criterion>,
    /// Criteria matched by code (their scores follow).
    pub matched: usize,
    /// New criteria.
    pub added: usize,
    /// Criteria of the workbook with no place in the table (any, scored or
    /// not).
    pub gone: usize,
    /// Of those, the ones holding scores.
    pub vanishing: Vec<Vanishing>,
}

/// Fits `table` (from [`understand`]) to `wb`: criteria are matched by
/// their codes from the section down ("II/1/a"); a code matched only once
/// on both sides as a bare code also matches.
pub fn fit(wb: &super::Workbook, table: &[Criterion]) -> Fitted {
    use std::collections::{HashMap, HashSet};
    let old = keys(&wb.criteria);
    let new = keys(table);
    let old_by_key: HashMap<&str, &Criterion> = old.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    let bare = |list: &[(String, &Criterion)]| {
        let mut m: HashMap<String, Vec<Id>> = HashMap::new();
        for (_, c) in list {
            m.entry(bare_code(&c.code).to_uppercase())
                .or_default()
                .push(c.id.clone());
        }
        m
    };
    let old_bare = bare(&old);
    let new_bare = bare(&new);
    let mut ids: HashMap<Id, Id> = HashMap::new(); // new id → old id
    let mut taken: HashSet<Id> = HashSet::new();
    for (key, c) in &new {
        if let Some(o) = old_by_key.get(key.as_str())
            && taken.insert(o.id.clone())
        {
            ids.insert(c.id.clone(), o.id.clone());
        }
    }
    for (_, c) in &new {
        if ids.contains_key(&c.id) {
            continue;
        }
        let b = bare_code(&c.code).to_uppercase();
        if b.is_empty() {
            continue;
        }
        if let (Some([o]), Some([_])) = (
            old_bare.get(&b).map(Vec::as_slice),
            new_bare.get(&b).map(Vec::as_slice),
        ) && !taken.contains(o)
        {
            taken.insert(o.clone());
            ids.insert(c.id.clone(), o.clone());
        }
    }
    let matched = ids.len();
    // Fresh ids: used by neither table.
    let mut used: HashSet<String> = old.iter().map(|(_, c)| c.id.0.clone()).collect();
    let mut next = 0usize;
    fn assign(
        nodes: &mut [Criterion],
        ids: &HashMap<Id, Id>,
        used: &mut HashSet<String>,
        next: &mut usize,
        added: &mut usize,
    ) {
        for c in nodes {
            c.id = match ids.get(&c.id) {
                Some(o) => o.clone(),
                None => {
                    *added += 1;
                    loop {
                        *next += 1;
                        let id = format!("c{next}");
                        if used.insert(id.clone()) {
                            break Id(id);
                        }
                    }
                }
            };
            assign(&mut c.children, ids, used, next, added);
        }
    }
    let mut criteria = table.to_vec();
    let mut added = 0;
    assign(&mut criteria, &ids, &mut used, &mut next, &mut added);
    // What holds scores and has no leaf left to hold them.
    let scored = |id: &Id| -> usize {
        wb.assessments
            .iter()
            .map(|a| {
                usize::from(a.self_scores.contains_key(id))
                    + usize::from(a.cluster_scores.contains_key(id))
            })
            .sum()
    };
    let mut gone = 0;
    let mut vanishing = Vec::new();
    for (_, c) in &old {
        let now = super::edit::criteria::find(&criteria, &c.id);
        if now.is_none() {
            gone += 1;
        }
        let now_parent = now.is_some_and(|n| !n.is_leaf());
        if now.is_none() || now_parent {
            let scores = scored(&c.id);
            if scores > 0 {
                vanishing.push(Vanishing {
                    code: wb.criterion_code(&c.id).unwrap_or_else(|| c.code.clone()),
                    title: c.title.clone(),
                    scores,
                    now_parent,
                });
            }
        }
    }
    Fitted {
        criteria,
        matched,
        added,
        gone,
        vanishing,
    }
}

impl Fitted {
    /// The edit that puts the table in the workbook: refused (the
    /// vanishing criteria) when scored criteria would lose their scores,
    /// unless `replace` (their scores are removed with them). One edit,
    /// one undo step.
    pub fn edit(
        &self,
        wb: &super::Workbook,
        replace: bool,
    ) -> Result<super::edit::Edit, Vec<Vanishing>> {
        use super::edit::{CriteriaEdit, Edit};
        if !self.vanishing.is_empty() && !replace {
            return Err(self.vanishing.clone());
        }
        let mut edits = Vec::new();
        if replace {
            // Their scores go: the leaves that hold them are removed from
            // the old table first (with every score given to them).
            for (_, c) in keys(&wb.criteria) {
                let now = super::edit::criteria::find(&self.criteria, &c.id);
                if c.is_leaf() && now.is_none_or(|n| !n.is_leaf()) {
                    edits.push(Edit::Criteria(CriteriaEdit::Remove(c.id.clone())));
                }
            }
        }
        edits.push(Edit::Criteria(CriteriaEdit::Replace(self.criteria.clone())));
        Ok(if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Batch(edits)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(place: usize, cells: &[&str]) -> SourceRow {
        SourceRow {
            place: format!("dòng {place}"),
            cells: cells.iter().map(|t| SourceCell::new(*t)).collect(),
        }
    }

    fn table(rows: &[&[&str]]) -> SourceTable {
        SourceTable {
            label: "bảng 1".into(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| row(i + 1, r))
                .collect(),
        }
    }

    #[test]
    fn codes_are_recognised_in_the_usual_styles() {
        assert_eq!(style_of("I"), Some(Style::Roman));
        assert_eq!(style_of("IV"), Some(Style::Roman));
        assert_eq!(style_of("12"), Some(Style::Arabic));
        assert_eq!(style_of("1.1"), Some(Style::Dotted(2)));
        assert_eq!(style_of("I.1"), Some(Style::RomanDotted(2)));
        assert_eq!(style_of("a"), Some(Style::Letter));
        assert_eq!(style_of("đ"), Some(Style::Letter));
        assert_eq!(style_of("B"), Some(Style::Upper));
        assert_eq!(style_of("2025x"), None);
        assert_eq!(bare_code("1."), "1");
        assert_eq!(bare_code("a)"), "a");
        assert_eq!(
            split_code("I. CÔNG TÁC ĐÀO TẠO"),
            Some(("I".into(), "CÔNG TÁC ĐÀO TẠO".into(), false))
        );
        assert_eq!(
            split_code("1.1 Công tác"),
            Some(("1.1".into(), "Công tác".into(), false))
        );
        assert_eq!(
            split_code("Phần A: Nhiệm vụ"),
            Some(("A".into(), "Nhiệm vụ".into(), true))
        );
        assert_eq!(split_code("2025 là năm"), None);
        assert_eq!(split_code("Có 3 lớp"), None);
        assert_eq!(parse_max("2,5").unwrap(), Points(250));
        assert_eq!(parse_max("10 điểm").unwrap(), Points::whole(10));
        assert!(parse_max("x").is_err());
    }

    #[test]
    fn a_plain_table_becomes_a_tree_with_totals_checked() {
        let t = table(&[
            &["TT", "Nội dung tiêu chí", "Điểm chuẩn", "Tự chấm"],
            &["1", "2", "3", "4"],
            &["I", "CÔNG TÁC ĐÀO TẠO", "30", ""],
            &["1", "Kế hoạch", "10", ""],
            &["2", "Chất lượng", "", ""],
            &["a", "Giảng viên", "2,5", ""],
            &["b", "Học viên", "7,5", ""],
            &["3", "Khác", "10", ""],
            &["", "Cộng mục I", "30", ""],
            &["II", "CÔNG TÁC KHÁC", "", ""],
            &["1", "Phong trào", "x", ""],
            &["2", "Đoàn kết", "5", ""],
            &["", "- có biên bản", "", ""],
            &["", "Tổng cộng", "40", ""],
        ]);
        let u = understand(&t).unwrap();
        assert_eq!(
            outline(&u.criteria),
            [
                "I. CÔNG TÁC ĐÀO TẠO — 30",
                "  1. Kế hoạch — 10",
                "  2. Chất lượng — 10",
                "    a. Giảng viên — 2,5",
                "    b. Học viên — 7,5",
                "  3. Khác — 10",
                "II. CÔNG TÁC KHÁC — 5",
                "  2. Đoàn kết — 5",
            ]
        );
        assert_eq!(u.criteria[1].children[0].guidance, "- có biên bản");
        let why: Vec<(&str, &Why)> = u
            .not_understood
            .iter()
            .map(|m| (m.place.as_str(), &m.why))
            .collect();
        assert_eq!(
            why,
            [
                ("dòng 11", &Why::MaxNotNumber("x".into())),
                (
                    "dòng 14",
                    &Why::TotalSum {
                        stated: Points::whole(40),
                        sum: Points::whole(35)
                    }
                ),
            ]
        );
        assert_eq!(u.checked.len(), 1, "{:?}", u.checked);
    }
}
