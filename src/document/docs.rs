//! The documents the Academy receives, built from a workbook: score sheet,
//! minutes of the assessment meeting, proposal letter, year-end report,
//! emulation pact, handover minutes, ballot papers and vote-count minutes.
//!
//! Each document either is refused, with the list of what it lacks, or is
//! printed — as a draft with visible blanks "……" and a warning where a
//! detail is missing. The choice per field:
//!
//! | Document | Refused when | Printed as a draft (blank "……") when |
//! |---|---|---|
//! | all | no member school | no document number; no date (document date or conference date); no place (documents.place or the leader's province); no leader school or its head's name (signature) |
//! | score sheet | no criteria | — |
//! | minutes | — | start or end time; conference place; chair or secretary name; no attendance recorded; a ballot with inconsistent figures (its figures left blank) |
//! | proposal | no school proposed (nothing to ask for) | no legal basis lines; no recipients |
//! | report | — | any of the five free texts; no recipients |
//! | pact | — | a school without targets (its lines left blank) |
//! | handover | no elected leader for next year (no receiving side) | handover date (conference date used), place, outgoing or incoming representative, items |
//! | ballots | no award, or no candidate for any award | — |
//! | count minutes | no ballot recorded, or a ballot's figures are inconsistent | no counting committee |
//!
//! [`missing`] lists both kinds for the window; [`build`] refuses on the
//! first kind and returns the second as warnings.

mod ballots;
mod common;
pub(crate) use common::doc_date;
mod comparison;
mod handover;
mod minutes;
mod news;
mod pact;
mod proposal;
mod report;
mod score_sheet;

use super::{Document, LayoutError, render};
use crate::rules::{self, Results};
use crate::workbook::{DocKind, Scope, Workbook};

pub use common::{BLANK, document_number, place_date};

/// Every document kind, in the order of the dossier.
pub const ALL: [DocKind; 9] = [
    DocKind::ScoreSheet,
    DocKind::Minutes,
    DocKind::Proposal,
    DocKind::Report,
    DocKind::Pact,
    DocKind::Handover,
    DocKind::Ballots,
    DocKind::CountMinutes,
    DocKind::News,
];

/// Something a document lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// What is missing, in Vietnamese, e.g. "Giờ bắt đầu hội nghị".
    pub what: String,
    /// The document cannot be made without it; otherwise it is printed as a
    /// draft with a blank.
    pub blocking: bool,
}

impl Missing {
    pub(crate) fn blank(what: impl Into<String>) -> Missing {
        Missing {
            what: what.into(),
            blocking: false,
        }
    }
    pub(crate) fn refuse(what: impl Into<String>) -> Missing {
        Missing {
            what: what.into(),
            blocking: true,
        }
    }
}

/// A built document.
#[derive(Debug, Clone)]
pub struct Built {
    pub pdf: Vec<u8>,
    /// Draft warnings (Vietnamese): which blanks are left "……".
    pub warnings: Vec<String>,
}

/// A document's Word copy.
pub struct BuiltDocx {
    pub docx: Vec<u8>,
    /// Draft warnings, the same as the PDF's.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocError {
    #[error("Không lập được {}: còn thiếu {}.", title(*.kind), list(.missing))]
    Refused {
        kind: DocKind,
        missing: Vec<Missing>,
    },
    #[error("Không dàn trang được {}: {source}", title(*.kind))]
    Layout {
        kind: DocKind,
        #[source]
        source: LayoutError,
    },
    #[error("Không ghi được {} dạng Word: {reason}", title(*.kind))]
    Write { kind: DocKind, reason: String },
    #[error(
        "Chỉ bảng tổng hợp điểm có bản Excel (.xlsx); {} xuất dạng PDF hoặc Word.",
        title(*.0)
    )]
    NoSpreadsheet(DocKind),
    #[error("{0}")]
    Spreadsheet(String),
}

fn list(missing: &[Missing]) -> String {
    missing
        .iter()
        .map(|m| m.what.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The document's name in Vietnamese, e.g. "biên bản họp bình xét".
pub fn title(kind: DocKind) -> &'static str {
    match kind {
        DocKind::ScoreSheet => "bảng tổng hợp điểm",
        DocKind::Minutes => "biên bản họp bình xét",
        DocKind::Proposal => "tờ trình đề nghị khen thưởng",
        DocKind::Report => "báo cáo tổng kết",
        DocKind::Pact => "giao ước thi đua",
        DocKind::Handover => "biên bản bàn giao",
        DocKind::Ballots => "phiếu bầu",
        DocKind::CountMinutes => "biên bản kiểm phiếu",
        DocKind::News => "tin bài",
    }
}

/// Whether a document is computed from the part of the year a content
/// problem is in: it is refused for those problems only, so a ballot typed
/// halfway never blocks the score sheet, and the proposal letter never goes
/// out on a ballot that does not add up.
pub fn needs(kind: DocKind, scope: &Scope) -> bool {
    match kind {
        DocKind::Pact => matches!(scope, Scope::File),
        DocKind::ScoreSheet | DocKind::Report => matches!(scope, Scope::File | Scope::Scores),
        // The minutes are a draft corrected at the meeting: a ballot that
        // does not add up is left blank there, with the reason.
        DocKind::Minutes => matches!(scope, Scope::File | Scope::Scores | Scope::Election),
        DocKind::Handover => matches!(scope, Scope::File | Scope::Election),
        DocKind::Ballots => matches!(scope, Scope::File | Scope::Scores | Scope::Conference),
        DocKind::Proposal | DocKind::CountMinutes => !matches!(scope, Scope::Election),
        // Tells what was proposed and elected: like the minutes.
        DocKind::News => matches!(scope, Scope::File | Scope::Scores | Scope::Election),
    }
}

/// What the document still lacks (blocking first).
pub fn missing(wb: &Workbook, kind: DocKind) -> Vec<Missing> {
    let results = rules::evaluate(wb);
    let mut out = missing_with(wb, &results, kind);
    out.sort_by_key(|m| !m.blocking);
    out
}

/// [`missing`] with the results already worked out.
pub fn missing_with(wb: &Workbook, r: &Results, kind: DocKind) -> Vec<Missing> {
    let mut out = common::missing_common(wb, kind);
    out.extend(match kind {
        DocKind::ScoreSheet => score_sheet::missing(wb),
        DocKind::Minutes => minutes::missing(wb, r),
        DocKind::Proposal => proposal::missing(wb, r),
        DocKind::Report => report::missing(wb),
        DocKind::Pact => pact::missing(wb),
        DocKind::Handover => handover::missing(wb),
        DocKind::Ballots => ballots::missing_papers(wb, r),
        DocKind::CountMinutes => ballots::missing_count(wb, r),
        DocKind::News => news::missing(wb),
    });
    out
}

/// What a document may draw on beyond its own workbook: the previous
/// year's workbook, for the report's comparison (found beside the file by
/// `history::previous_year`).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub previous: Option<std::sync::Arc<Workbook>>,
}

/// The layout of a document, without checking what is missing.
fn document(wb: &Workbook, r: &Results, kind: DocKind, ctx: &Context) -> Document {
    match kind {
        DocKind::ScoreSheet => score_sheet::document(wb, r),
        DocKind::Minutes => minutes::document(wb, r),
        DocKind::Proposal => proposal::document(wb, r),
        DocKind::Report => report::document(wb, r, ctx.previous.as_deref()),
        DocKind::Pact => pact::document(wb),
        DocKind::Handover => handover::document(wb),
        DocKind::Ballots => ballots::papers(wb, r),
        DocKind::CountMinutes => ballots::count_minutes(wb, r),
        DocKind::News => news::document(wb, r),
    }
}

pub use news::NewsItem;

/// The news item of the year, as text (for the clipboard).
pub fn news_item(wb: &Workbook) -> NewsItem {
    news::news(wb, &rules::evaluate(wb))
}

/// The document's content (the one both renderers write), with its draft
/// warnings, or the refusal with what is missing.
fn prepare(
    wb: &Workbook,
    kind: DocKind,
    ctx: &Context,
) -> Result<(Document, Vec<String>), DocError> {
    let r = rules::evaluate(wb);
    let missing = missing_with(wb, &r, kind);
    let blocking: Vec<Missing> = missing.iter().filter(|m| m.blocking).cloned().collect();
    if !blocking.is_empty() {
        return Err(DocError::Refused {
            kind,
            missing: blocking,
        });
    }
    let warnings = missing
        .iter()
        .map(|m| {
            format!(
                "Bản nháp: chưa có {}, để trống \u{201c}{BLANK}\u{201d}.",
                m.what
            )
        })
        .collect();
    let mut doc = document(wb, &r, kind, ctx);
    doc.author = wb.cluster.name.clone();
    // Its date line's date; a draft without one, the first day of its year.
    doc.date = common::doc_date(wb, kind).or_else(|| jiff::civil::Date::new(wb.year, 1, 1).ok());
    Ok((doc, warnings))
}

/// Builds one document as PDF, or refuses it with what is missing.
pub fn build(wb: &Workbook, kind: DocKind) -> Result<Built, DocError> {
    build_with(wb, kind, &Context::default())
}

/// [`build`] with what lies beside the workbook (the previous year).
pub fn build_with(wb: &Workbook, kind: DocKind, ctx: &Context) -> Result<Built, DocError> {
    let (doc, warnings) = prepare(wb, kind, ctx)?;
    let pdf = render(&doc).map_err(|source| DocError::Layout { kind, source })?;
    Ok(Built { pdf, warnings })
}

/// The pages of a document as its PDF prints them, laid out but not
/// rendered: what the window's preview draws, and what checks of the
/// layout read (a figure split over two lines, a signature alone on a page).
pub fn pages(
    wb: &Workbook,
    kind: DocKind,
    ctx: &Context,
) -> Result<Vec<crate::document::PageLayout>, DocError> {
    let (doc, _) = prepare(wb, kind, ctx)?;
    crate::document::layout(&doc).map_err(|source| DocError::Layout { kind, source })
}

/// Builds one document as a Word file (`.docx`), refused exactly as its
/// PDF would be, with the same message.
pub fn build_docx(wb: &Workbook, kind: DocKind) -> Result<BuiltDocx, DocError> {
    build_docx_with(wb, kind, &Context::default())
}

/// [`build_docx`] with what lies beside the workbook.
pub fn build_docx_with(wb: &Workbook, kind: DocKind, ctx: &Context) -> Result<BuiltDocx, DocError> {
    let (doc, warnings) = prepare(wb, kind, ctx)?;
    // The PDF engine's checks (a glyph the font lacks, a page too small)
    // refuse the Word copy too: what one accepts, both print.
    crate::document::layout(&doc).map_err(|source| DocError::Layout { kind, source })?;
    let docx = crate::document::render_docx(&doc).map_err(|e| DocError::Write {
        kind,
        reason: e.to_string(),
    })?;
    Ok(BuiltDocx { docx, warnings })
}

/// A document in one of its formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    /// A spreadsheet: the score sheet only (`crate::spreadsheet`).
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether `kind` comes in this format.
    pub fn has(self, kind: DocKind) -> bool {
        self != Format::Xlsx || kind == DocKind::ScoreSheet
    }
}

/// Whether `kind` may be made as a spreadsheet, refused as its PDF would
/// be; its draft warnings. The spreadsheet itself is `crate::export`'s to
/// make (the documents do not import the spreadsheets).
pub fn spreadsheet_warnings(wb: &Workbook, kind: DocKind) -> Result<Vec<String>, DocError> {
    if !Format::Xlsx.has(kind) {
        return Err(DocError::NoSpreadsheet(kind));
    }
    let (_, warnings) = prepare(wb, kind, &Context::default())?;
    Ok(warnings)
}

/// ASCII file name in `format`, e.g. "Cum8-2019-BienBan.docx".
pub fn file_name_as(wb: &Workbook, kind: DocKind, format: Format) -> String {
    let pdf = file_name(wb, kind);
    format!("{}.{}", pdf.trim_end_matches(".pdf"), format.extension())
}

/// ASCII file name, e.g. "Cum8-2019-BienBan.pdf".
pub fn file_name(wb: &Workbook, kind: DocKind) -> String {
    let name = match kind {
        DocKind::ScoreSheet => "BangDiem",
        DocKind::Minutes => "BienBan",
        DocKind::Proposal => "ToTrinh",
        DocKind::Report => "BaoCao",
        DocKind::Pact => "GiaoUoc",
        DocKind::Handover => "BanGiao",
        DocKind::Ballots => "PhieuBau",
        DocKind::CountMinutes => "KiemPhieu",
        DocKind::News => "TinBai",
    };
    format!("Cum{}-{}-{name}.pdf", wb.cluster.number, wb.year)
}
