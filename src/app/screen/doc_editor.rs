//! The "Văn bản" view's editor: what the selected document prints beyond
//! the records — its number and date, the place line, "Nơi nhận", the
//! proposal letter's attachments, the report's own five texts, the news
//! byline — typed beside a preview of the pages as they will print (the
//! PDF's own layout, `page_preview`), redrawn on every keystroke. "Lưu vào
//! sổ" keeps it as one undoable edit (`Edit::SetDocuments`).

use iced::widget::{column, container, row, text, text_editor, text_input};
use iced::{Alignment, Element, Length};

use crate::app::button::{self, button};
use crate::app::field::limited;
use crate::app::{font, page_preview, strings as s, theme, widget};
use crate::document::PageLayout;
use crate::document::docs;
use crate::limits::TextKind;
use crate::workbook::edit::Edit;
use crate::workbook::{DocKind, Documents, Workbook};

pub const NUMBER_ID: &str = "doc-number";
pub const DATE_ID: &str = "doc-date";
pub const PLACE_ID: &str = "doc-place";

/// The report's texts, in the order the report prints them.
pub const REPORT_PARTS: [&str; 5] = [
    "Tình hình chung",
    "Kết quả thực hiện",
    "Đánh giá chung",
    "Phương hướng năm tới",
    "Kiến nghị, đề xuất",
];

#[derive(Debug, Clone)]
pub enum Message {
    Number(String),
    Date(String),
    Place(String),
    Recipients(text_editor::Action),
    Attachments(text_editor::Action),
    Report(usize, text_editor::Action),
    Byline(text_editor::Action),
    Save,
    Discard,
}

/// The selected document's fields as typed, and its pages as they would
/// print with them.
#[derive(Debug)]
pub struct Editor {
    pub kind: DocKind,
    /// The stored fields the typing started from.
    base: Documents,
    number: String,
    date: String,
    place: String,
    recipients: text_editor::Content,
    attachments: text_editor::Content,
    report: [text_editor::Content; 5],
    byline: text_editor::Content,
    /// Something typed since the fields were loaded.
    pub edited: bool,
    error: Option<String>,
    pages: Result<Vec<PageLayout>, String>,
    /// What the page as typed would get wrong, shown above the preview.
    warnings: Vec<String>,
    /// What lies beside the workbook (the report's previous year), found
    /// once when the document is opened: a keystroke never scans the
    /// folder again.
    ctx: docs::Context,
}

fn lines(v: &[String]) -> text_editor::Content {
    text_editor::Content::with_text(&v.join("\n"))
}

fn to_lines(c: &text_editor::Content) -> Vec<String> {
    c.text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A text editor's text, without the end of line iced keeps after the last.
fn plain(c: &text_editor::Content) -> String {
    c.text().trim_end_matches('\n').to_string()
}

impl Editor {
    pub fn of(wb: &Workbook, kind: DocKind, ctx: &docs::Context) -> Editor {
        let d = &wb.documents;
        let r = &d.report;
        let mut e = Editor {
            kind,
            base: d.clone(),
            number: d.numbers.get(&kind).cloned().unwrap_or_default(),
            date: d
                .dates
                .get(&kind)
                .map(|x| crate::text::format_date(*x))
                .unwrap_or_default(),
            place: d.place.clone(),
            recipients: lines(&d.recipients),
            attachments: lines(&d.attachments),
            report: [
                text_editor::Content::with_text(&r.situation),
                text_editor::Content::with_text(&r.results),
                text_editor::Content::with_text(&r.assessment),
                text_editor::Content::with_text(&r.directions),
                text_editor::Content::with_text(&r.proposals),
            ],
            byline: text_editor::Content::with_text(&d.news_byline),
            edited: false,
            error: None,
            pages: Ok(Vec::new()),
            warnings: Vec::new(),
            ctx: ctx.clone(),
        };
        e.preview(wb);
        e
    }

    /// The documents' fields typed, or why they cannot be.
    pub fn build(&self) -> Result<Documents, String> {
        let mut d = self.base.clone();
        let number = self.number.trim();
        if number.is_empty() {
            d.numbers.remove(&self.kind);
        } else {
            d.numbers.insert(self.kind, number.to_string());
        }
        let date = self.date.trim();
        if date.is_empty() {
            d.dates.remove(&self.kind);
        } else {
            let day = crate::text::parse_date(date).ok_or_else(|| s::doc_bad_date(date))?;
            d.dates.insert(self.kind, day);
        }
        d.place = self.place.trim().to_string();
        d.recipients = to_lines(&self.recipients);
        d.attachments = to_lines(&self.attachments);
        let [a, b, c, e, f] = &self.report;
        d.report.situation = plain(a);
        d.report.results = plain(b);
        d.report.assessment = plain(c);
        d.report.directions = plain(e);
        d.report.proposals = plain(f);
        d.news_byline = plain(&self.byline);
        Ok(d)
    }

    /// The pages with what is typed: laid out as the PDF will be.
    fn preview(&mut self, wb: &Workbook) {
        self.warnings.clear();
        self.pages = match self.build() {
            Ok(d) => {
                let mut next = wb.clone();
                next.documents = d;
                let pages = docs::pages(&next, self.kind, &self.ctx).map_err(|e| e.to_string());
                if let Ok(p) = &pages {
                    self.warnings = warnings(&next, self.kind, p);
                }
                pages
            }
            Err(e) => Err(e),
        };
    }

    /// What the page as typed would get wrong (tests).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The pages the preview shows (tests compare them with the PDF).
    pub fn pages(&self) -> Option<&[PageLayout]> {
        self.pages.as_ref().ok().map(Vec::as_slice)
    }

    pub fn failed(&mut self, e: String) {
        self.error = Some(e);
    }

    /// Handles a message; an edit to keep, if any.
    pub fn update(&mut self, m: Message, wb: &Workbook) -> Option<Box<Edit>> {
        let mut changed = true;
        match m {
            Message::Number(v) => self.number = v,
            Message::Date(v) => self.date = v,
            Message::Place(v) => self.place = v,
            Message::Recipients(a) => {
                changed = a.is_edit();
                self.recipients.perform(a);
            }
            Message::Attachments(a) => {
                changed = a.is_edit();
                self.attachments.perform(a);
            }
            Message::Report(i, a) => {
                changed = a.is_edit();
                if let Some(c) = self.report.get_mut(i) {
                    c.perform(a);
                }
            }
            Message::Byline(a) => {
                changed = a.is_edit();
                self.byline.perform(a);
            }
            Message::Save => {
                return match self.build() {
                    Ok(d) => Some(Box::new(Edit::SetDocuments(Box::new(d)))),
                    Err(e) => {
                        self.error = Some(e);
                        None
                    }
                };
            }
            Message::Discard => {
                let ctx = self.ctx.clone();
                *self = Editor::of(wb, self.kind, &ctx);
                return None;
            }
        }
        if changed {
            self.edited = true;
            self.error = None;
            self.preview(wb);
        }
        None
    }

    pub fn view(&self, preview_width: f32) -> Element<'_, Message> {
        let label = |t: &'static str| text(t).size(theme::TEXT_SMALL).color(theme::MUTED);
        let line = |id: &'static str,
                    hint: &'static str,
                    value: &str,
                    f: fn(String) -> Message,
                    kind: TextKind| {
            limited(
                text_input(hint, value).id(id).on_input(f).padding(5),
                hint,
                value,
                f,
                kind,
            )
        };
        let mut fields = column![
            text(s::DOC_EDITOR_TITLE).font(font::BOLD),
            row![
                column![
                    label(s::DOC_NUMBER),
                    line(
                        NUMBER_ID,
                        "05",
                        &self.number,
                        Message::Number,
                        TextKind::Name
                    )
                ]
                .spacing(2)
                .width(Length::FillPortion(1)),
                column![
                    label(s::DOC_DATE),
                    line(
                        DATE_ID,
                        s::DOC_DATE_HINT,
                        &self.date,
                        Message::Date,
                        TextKind::Name
                    )
                ]
                .spacing(2)
                .width(Length::FillPortion(2)),
            ]
            .spacing(theme::SPACE_S),
            label(s::DOC_PLACE),
            line(
                PLACE_ID,
                s::DOC_PLACE_HINT,
                &self.place,
                Message::Place,
                TextKind::Name
            ),
            label(s::DOC_RECIPIENTS),
            text_editor(&self.recipients)
                .on_action(Message::Recipients)
                .height(90),
        ]
        .spacing(4);
        if self.kind == DocKind::Proposal {
            fields = fields.push(label(s::DOC_ATTACHMENTS)).push(
                text_editor(&self.attachments)
                    .on_action(Message::Attachments)
                    .height(70),
            );
        }
        if self.kind == DocKind::Report {
            for (i, part) in REPORT_PARTS.iter().enumerate() {
                fields = fields.push(label(part)).push(
                    text_editor(&self.report[i])
                        .on_action(move |a| Message::Report(i, a))
                        .height(110),
                );
            }
        }
        if self.kind == DocKind::News {
            fields = fields.push(label(s::DOC_BYLINE)).push(
                text_editor(&self.byline)
                    .on_action(Message::Byline)
                    .height(50),
            );
        }
        if let Some(e) = &self.error {
            fields = fields.push(widget::error_box(e));
        }
        fields = fields.push(
            row![
                button(text(s::DOC_SAVE))
                    .on_press_maybe(self.edited.then_some(Message::Save))
                    .style(button::primary),
                button(text(s::DOC_DISCARD))
                    .on_press_maybe(self.edited.then_some(Message::Discard))
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center),
        );
        let preview: Element<'_, Message> = match &self.pages {
            Ok(pages) => {
                let mut side = column![label(s::DOC_PREVIEW)].spacing(4);
                for w in &self.warnings {
                    side = side.push(
                        container(text(format!("⚠ {w}")).size(theme::TEXT_SMALL))
                            .padding([2, 8])
                            .width(Length::Fixed(preview_width))
                            .style(theme::note),
                    );
                }
                side.push(page_preview::pages(pages, preview_width)).into()
            }
            Err(e) => widget::error_box(e).into(),
        };
        row![
            container(fields)
                .padding(theme::SPACE_M)
                .width(Length::FillPortion(2))
                .style(theme::card),
            container(preview).width(Length::Shrink),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// The decree on emulation and commendation in force from 01/07/2025
/// (Nghị định 152/2025/NĐ-CP), replacing Nghị định 98/2023/NĐ-CP.
fn decree_152_from() -> jiff::civil::Date {
    jiff::civil::date(2025, 7, 1)
}

/// What the document as typed would get wrong: no number, a number another
/// document has, no date, a legal basis not in force on its date, a last
/// page holding the signature alone.
pub fn warnings(wb: &Workbook, kind: DocKind, pages: &[PageLayout]) -> Vec<String> {
    let mut out = Vec::new();
    let d = &wb.documents;
    // The news item and the ballot papers carry no number.
    let numbered = !matches!(kind, DocKind::News | DocKind::Ballots);
    match d
        .numbers
        .get(&kind)
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        None if numbered => out.push(s::WARN_NO_NUMBER.to_string()),
        None => {}
        Some(n) => {
            for (other, m) in &d.numbers {
                if *other != kind && m.trim() == n {
                    out.push(s::warn_same_number(n, docs::title(*other)));
                }
            }
        }
    }
    // The date the document prints (its own, else the conference's).
    match docs::doc_date(wb, kind) {
        None => out.push(s::WARN_NO_DATE.to_string()),
        Some(day) if matches!(kind, DocKind::Proposal | DocKind::Pact) => {
            for basis in &wb.rules.legal_basis {
                if basis.contains("98/2023") && day >= decree_152_from() {
                    out.push(s::warn_basis_replaced(basis));
                }
                if basis.contains("152/2025") && day < decree_152_from() {
                    out.push(s::warn_basis_not_yet(basis));
                }
            }
        }
        Some(_) => {}
    }
    // A last page with only a handful of runs: the signature block alone.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.texts.len() <= 8) {
        out.push(s::WARN_LONE_SIGNATURE.to_string());
    }
    out
}
