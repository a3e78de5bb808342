//! Every limit of the app, in one place: what the window lets a clerk
//! type, what `check` accepts, what a returned file or Excel form may
//! hold, and how much of a file is ever read. Each limit is far above
//! what a real cluster-year needs (7–10 schools, a few dozen activities,
//! notes of a paragraph or two), so only a damaged or hostile file meets
//! one; each is low enough that the totals, the merge and the documents of
//! any file within them stay fast and small.
//!
//! Plain numbers only: this module uses nothing of the app, so every layer
//! (the model, the rules, the exchange, the window) can use it.

/// Years a workbook may be for (the wizard, `check` and `new-year`).
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

/// The largest maximum of one leaf criterion, in whole points: tables on a
/// 1 000 scale have no single criterion worth more.
pub const MAX_LEAF_POINTS: i64 = 1_000;
/// Where a criterion's score stands against its maximum: a score is
/// 0 ≤ score ≤ maximum. Both in hundredths of a point, as
/// `workbook::Points` holds them (`Points::hundredths`). The one rule the
/// window (a typed cell), the edits and `check` apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreRange {
    Within,
    /// Below zero.
    Negative,
    /// Above the criterion's maximum.
    AboveMax,
}

/// [`ScoreRange`] of a score of `hundredths` under a maximum of
/// `max_hundredths`.
pub const fn score_range(hundredths: i64, max_hundredths: i64) -> ScoreRange {
    if hundredths < 0 {
        ScoreRange::Negative
    } else if hundredths > max_hundredths {
        ScoreRange::AboveMax
    } else {
        ScoreRange::Within
    }
}

/// The largest bonus or deduction item, in whole points.
pub const MAX_ADJUSTMENT_POINTS: i64 = 1_000;
/// Ballot figures (issued, returned, valid, votes of a candidate).
pub const MAX_BALLOT_COUNT: u32 = 10_000;

/// What kind of text a field holds, and so how long it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextKind {
    /// A name, a title, a code, a person, a contact detail, a reason: one
    /// line.
    Name,
    /// A note, an evidence line, a target: a paragraph or two.
    Note,
    /// The year-end report's and the minutes' free texts.
    Long,
}

impl TextKind {
    /// The most characters (Unicode scalar values, as typed) the field may
    /// hold.
    pub const fn max_chars(self) -> usize {
        match self {
            TextKind::Name => MAX_NAME_CHARS,
            TextKind::Note => MAX_NOTE_CHARS,
            TextKind::Long => MAX_LONG_CHARS,
        }
    }

    /// Whether `text` is longer than this kind allows.
    pub fn too_long(self, text: &str) -> bool {
        too_long(text, self.max_chars())
    }
}

/// Names and titles (schools, people, criteria, activities, awards).
pub const MAX_NAME_CHARS: usize = 200;
/// Notes and evidence lines.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The report's and the minutes' free texts.
pub const MAX_LONG_CHARS: usize = 20_000;

/// Whether `text` has more than `max` characters; counts no further than
/// needed.
pub fn too_long(text: &str, max: usize) -> bool {
    // A character is at most 4 bytes, at least 1.
    if text.len() <= max {
        return false;
    }
    text.chars().nth(max).is_some()
}

/// `text` cut to at most `max` characters (what the window keeps of a
/// paste that is too long).
pub fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// Activities per owner (a school, or the cluster) and year.
pub const MAX_ACTIVITIES: usize = 500;
/// Bonus claims per school and year; deductions per school and year.
pub const MAX_ADJUSTMENTS: usize = 100;
/// Member schools of a cluster-year (7–10 in practice; the history keeps
/// those who left that year).
pub const MAX_MEMBERS: usize = 200;
/// Nodes of the criteria table (sections, criteria, sub-criteria).
pub const MAX_CRITERIA: usize = 1_000;
/// Lines of a list of text (evidence, targets, legal basis, recipients…),
/// and people named in one activity or record.
pub const MAX_LINES: usize = 200;

/// The largest file the app reads (a workbook, a returned file, a form):
/// a real cluster-year is well under 10 MB. Every read stops here, whatever
/// the file system says of the file's size.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Returned spreadsheets (Excel forms) are read within these, counted
/// before anything is stored; a form of 300 criteria has ~3 000 cells and
/// well under 5 MB of text and XML.
pub mod spreadsheet {
    /// Non-empty cells over all sheets.
    pub const MAX_CELLS: usize = 200_000;
    /// Cells of the rectangles .xls and .ods sheets are held as (from A1 to
    /// the farthest cell), summed over all sheets: the reader keeps each
    /// sheet as a dense rectangle.
    pub const MAX_AREA: u64 = 1_000_000;
    /// Bytes of text over all cells, each repeated cell counted each time.
    pub const MAX_TEXT_BYTES: u64 = 32 * 1024 * 1024;
    /// What a zip (.xlsx, .ods) may unpack to, all its parts together.
    pub const MAX_UNPACKED: u64 = 96 * 1024 * 1024;
    /// What one part of a zip (the shared strings, a sheet) may unpack to.
    pub const MAX_PART: u64 = 32 * 1024 * 1024;
    /// Sheets of one spreadsheet (a form has five).
    pub const MAX_SHEETS: usize = 64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_not_bytes() {
        let name = "Đ".repeat(MAX_NAME_CHARS);
        assert!(name.len() > MAX_NAME_CHARS);
        assert!(!TextKind::Name.too_long(&name));
        assert!(TextKind::Name.too_long(&format!("{name}a")));
        assert_eq!(truncate("Bình Dương", 4), "Bình");
        assert_eq!(truncate("ab", 4), "ab");
    }

    #[test]
    fn a_score_is_from_zero_to_its_maximum() {
        assert_eq!(score_range(0, 500), ScoreRange::Within);
        assert_eq!(score_range(500, 500), ScoreRange::Within);
        assert_eq!(score_range(-1, 500), ScoreRange::Negative);
        assert_eq!(score_range(501, 500), ScoreRange::AboveMax);
    }
}
