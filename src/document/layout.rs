//! From blocks to pages: every block becomes chunks (see `chunk`), the
//! paginator stacks them down the text area, moving whatever does not fit to
//! the next page and repeating table headers there. The result is plain
//! geometry, which the renderer turns into PDF and tests can inspect.

mod chunk;
mod paragraph;
mod table;

use std::collections::{BTreeMap, VecDeque};

use unicode_normalization::UnicodeNormalization;

use self::chunk::{Chunk, EPS, Item, Kind};
use self::paragraph::{sane_mm, sane_size};
use super::LayoutError;
use super::fonts::{self, FontStyle, MM_PER_PT};
use super::model::{Block, ColumnWidth, Document, Mark, PageSetup};

/// Smallest text area accepted: anything less means the margins are wrong.
const MIN_TEXT_AREA_MM: f32 = 20.0;

/// Gap between a rule and the text above it, and the rule's own box height.
const RULE_OFFSET_MM: f32 = 1.2;
const RULE_BOX_MM: f32 = 2.6;

/// A text run placed on a page. Positions in millimetres from the page's
/// top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedText {
    pub x_mm: f32,
    pub baseline_mm: f32,
    /// Line box: text never extends outside it vertically.
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub width_mm: f32,
    pub style: FontStyle,
    pub size_pt: f32,
    pub text: String,
    /// The page number in the top margin (the only text outside the text area).
    pub is_page_number: bool,
}

/// A straight line placed on a page (rules and table borders).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    pub x1_mm: f32,
    pub y1_mm: f32,
    pub x2_mm: f32,
    pub y2_mm: f32,
    pub thickness_pt: f32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageLayout {
    pub width_mm: f32,
    pub height_mm: f32,
    pub texts: Vec<PlacedText>,
    pub lines: Vec<PlacedLine>,
}

/// Lays the document out into pages without producing PDF.
pub fn layout(doc: &Document) -> Result<Vec<PageLayout>, LayoutError> {
    let missing = document_missing_glyphs(&doc.blocks);
    if !missing.is_empty() {
        return Err(LayoutError::MissingGlyphs(missing));
    }
    let area = TextArea::new(&doc.setup)?;
    let mut chunks = Vec::new();
    flow(&doc.blocks, area.width(), area.height(), &mut chunks)?;
    let chunks = glue(chunks, area.height());
    let mut pages = paginate(chunks, &area)?;
    if doc.setup.page_numbers {
        number_pages(&mut pages, &doc.setup, &area);
    }
    Ok(pages)
}

/// Characters of the document that its fonts cannot draw, checked per style.
fn document_missing_glyphs(blocks: &[Block]) -> Vec<char> {
    let mut missing = Vec::new();
    visit_spans(blocks, &mut |text, style| {
        for c in text.nfc() {
            if !fonts::has_glyph(style, c) && !missing.contains(&c) {
                missing.push(c);
            }
        }
    });
    missing
}

fn visit_spans(blocks: &[Block], f: &mut impl FnMut(&str, FontStyle)) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => p.spans.iter().for_each(|s| f(&s.text, s.style)),
            Block::Table(t) => {
                for row in t.header_rows.iter().chain(&t.body_rows) {
                    for cell in &row.cells {
                        for p in &cell.paragraphs {
                            p.spans.iter().for_each(|s| f(&s.text, s.style));
                        }
                    }
                }
            }
            Block::Columns(columns) => columns.iter().for_each(|c| visit_spans(&c.blocks, f)),
            Block::KeepTogether(inner) => visit_spans(inner, f),
            Block::WithPrevious(inner) => visit_spans(std::slice::from_ref(inner), f),
            Block::Drawing(d) => {
                for m in &d.marks {
                    if let Mark::Label { text, style, .. } = m {
                        f(text, *style);
                    }
                }
            }
            Block::Spacer(_) | Block::Rule(_) | Block::PageBreak => {}
        }
    }
}

/// Splits `total` mm between columns: fixed widths first (scaled down if
/// they alone overflow), the rest by relative weight.
pub(crate) fn resolve_widths(columns: &[ColumnWidth], total: f32) -> Vec<f32> {
    let total = sane_mm(total);
    let fixed: f32 = columns
        .iter()
        .map(|c| match c {
            ColumnWidth::Mm(mm) => sane_mm(*mm),
            ColumnWidth::Relative(_) => 0.0,
        })
        .sum();
    let weights: f32 = columns
        .iter()
        .map(|c| match c {
            ColumnWidth::Relative(w) => sane_mm(*w),
            ColumnWidth::Mm(_) => 0.0,
        })
        .sum();
    let scale = if fixed > total { total / fixed } else { 1.0 };
    let rest = (total - fixed).max(0.0);
    columns
        .iter()
        .map(|c| match c {
            ColumnWidth::Mm(mm) => sane_mm(*mm) * scale,
            ColumnWidth::Relative(w) if weights > 0.0 => rest * sane_mm(*w) / weights,
            ColumnWidth::Relative(_) => 0.0,
        })
        .collect()
}

/// Turns blocks into chunks for a container `width` mm wide. `page_height`
/// is the text area's height, to know when keeping together is impossible.
fn flow(
    blocks: &[Block],
    width: f32,
    page_height: f32,
    out: &mut Vec<Chunk>,
) -> Result<(), LayoutError> {
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.extend(paragraph::layout(p, width)),
            Block::Table(t) => out.extend(table::layout(t, width)?),
            Block::Spacer(mm) => out.push(Chunk::spacer(sane_mm(*mm))),
            Block::Drawing(d) => out.push(drawing(d, width)),
            Block::Rule(rule) => {
                let w = sane_mm(rule.width_mm).min(width);
                let x1 = (width - w) / 2.0;
                out.push(Chunk::content(
                    RULE_BOX_MM,
                    vec![Item::Rule {
                        x1,
                        x2: x1 + w,
                        y: RULE_OFFSET_MM,
                        thickness_pt: sane_mm(rule.thickness_pt),
                    }],
                ));
            }
            Block::Columns(columns) => {
                let widths =
                    resolve_widths(&columns.iter().map(|c| c.width).collect::<Vec<_>>(), width);
                let mut x = 0.0;
                let mut placed = Vec::with_capacity(columns.len());
                for (column, w) in columns.iter().zip(widths) {
                    let mut inner = Vec::new();
                    flow(&column.blocks, w, page_height, &mut inner)?;
                    placed.push((x, Chunk::stack(inner)));
                    x += w;
                }
                // Bottom-aligned columns end where the tallest one ends.
                let tallest = placed
                    .iter()
                    .map(|(_, c)| c.space_before + c.height)
                    .fold(0.0, f32::max);
                for ((_, chunk), column) in placed.iter_mut().zip(columns) {
                    if column.bottom && !chunk.items.is_empty() {
                        chunk.space_before += tallest - (chunk.space_before + chunk.height);
                    }
                }
                out.push(Chunk::beside(placed));
            }
            Block::KeepTogether(inner) => {
                let mut chunks = Vec::new();
                flow(inner, width, page_height, &mut chunks)?;
                let kept = Chunk::stack(chunks.clone());
                if kept.height <= page_height + EPS {
                    out.push(kept);
                } else {
                    // Taller than a page: keeping it whole is impossible.
                    out.append(&mut chunks);
                }
            }
            Block::WithPrevious(inner) => {
                let mut chunks = Vec::new();
                flow(std::slice::from_ref(inner), width, page_height, &mut chunks)?;
                if let Some(first) = chunks.first_mut() {
                    first.keep_with_previous = true;
                }
                out.append(&mut chunks);
            }
            Block::PageBreak => out.push(Chunk::page_break()),
        }
    }
    Ok(())
}

/// Joins what must share a page before pagination: a chunk kept with the
/// next (a heading, a section row, a table's caption) is stacked with the
/// next content chunk — the first lines of a paragraph, or the header and
/// first row of a table — and a chunk kept with the previous (a signature
/// block) with the previous one, the last lines of the text above. Runs
/// join up (two headings and the text under them). A join that would not
/// fit on a page is left undone: such content is split anyway.
fn glue(chunks: Vec<Chunk>, page_height: f32) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    // Chunks waiting for the next content chunk, with the spacers between.
    let mut waiting: Vec<Chunk> = Vec::new();
    // Stacks `parts` and `chunk` into one when it fits a page; otherwise
    // the parts go out as they were and `chunk` stays alone.
    let join = |mut parts: Vec<Chunk>, chunk: Chunk, out: &mut Vec<Chunk>| {
        parts.push(chunk);
        let joined = Chunk::stack(parts.clone());
        if joined.height <= page_height + EPS {
            joined
        } else {
            let chunk = parts.pop().expect("just pushed");
            out.append(&mut parts);
            chunk
        }
    };
    for chunk in chunks {
        match chunk.kind {
            Kind::PageBreak => {
                out.append(&mut waiting);
                out.push(chunk);
                continue;
            }
            Kind::Spacer if !waiting.is_empty() => {
                waiting.push(chunk);
                continue;
            }
            Kind::Spacer => {
                out.push(chunk);
                continue;
            }
            Kind::Content => {}
        }
        let mut chunk = chunk;
        if !waiting.is_empty() {
            chunk = join(std::mem::take(&mut waiting), chunk, &mut out);
        }
        if chunk.keep_with_previous
            && let Some(at) = out.iter().rposition(|c| c.kind == Kind::Content)
            && out[at..].iter().all(|c| c.kind != Kind::PageBreak)
        {
            let parts: Vec<Chunk> = out.drain(at..).collect();
            chunk = join(parts, chunk, &mut out);
        }
        if chunk.keep_with_next {
            waiting.push(chunk);
        } else {
            out.push(chunk);
        }
    }
    out.append(&mut waiting);
    out
}

/// The text area of a page, in millimetres from the top-left corner.
struct TextArea {
    page_width: f32,
    page_height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl TextArea {
    fn new(setup: &PageSetup) -> Result<TextArea, LayoutError> {
        let (page_width, page_height) = setup.page_size_mm();
        let m = &setup.margins;
        let area = TextArea {
            page_width,
            page_height,
            left: sane_mm(m.left_mm),
            right: page_width - sane_mm(m.right_mm),
            top: sane_mm(m.top_mm),
            bottom: page_height - sane_mm(m.bottom_mm),
        };
        if area.width() < MIN_TEXT_AREA_MM || area.height() < MIN_TEXT_AREA_MM {
            return Err(LayoutError::PageTooSmall);
        }
        Ok(area)
    }
    fn width(&self) -> f32 {
        self.right - self.left
    }
    fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

struct Pages<'a> {
    area: &'a TextArea,
    done: Vec<PageLayout>,
    current: PageLayout,
    y: f32,
    empty: bool,
}

impl<'a> Pages<'a> {
    fn new(area: &'a TextArea) -> Self {
        Pages {
            area,
            done: Vec::new(),
            current: Self::blank(area),
            y: area.top,
            empty: true,
        }
    }
    fn blank(area: &TextArea) -> PageLayout {
        PageLayout {
            width_mm: area.page_width,
            height_mm: area.page_height,
            ..PageLayout::default()
        }
    }
    fn next_page(&mut self) {
        let full = std::mem::replace(&mut self.current, Self::blank(self.area));
        self.done.push(full);
        self.y = self.area.top;
        self.empty = true;
    }
    fn remaining(&self) -> f32 {
        self.area.bottom - self.y
    }
    /// Draws a chunk's items with its top at the current position.
    fn place(&mut self, chunk: &Chunk) {
        let (dx, dy) = (self.area.left, self.y);
        for item in &chunk.items {
            match item.clone().shifted(dx, dy) {
                Item::Text(t) => self.current.texts.push(PlacedText {
                    x_mm: t.x,
                    baseline_mm: t.baseline,
                    top_mm: t.top,
                    bottom_mm: t.bottom,
                    width_mm: t.width,
                    style: t.style,
                    size_pt: t.size_pt,
                    text: t.text,
                    is_page_number: false,
                }),
                Item::Rule {
                    x1,
                    x2,
                    y,
                    thickness_pt,
                } => self.current.lines.push(PlacedLine {
                    x1_mm: x1,
                    y1_mm: y,
                    x2_mm: x2,
                    y2_mm: y,
                    thickness_pt,
                }),
                Item::Frame {
                    x,
                    width,
                    top,
                    bottom,
                    thickness_pt,
                } => {
                    let corners = [(x, top), (x + width, top), (x + width, bottom), (x, bottom)];
                    for i in 0..4 {
                        let (a, b) = (corners[i], corners[(i + 1) % 4]);
                        self.current.lines.push(PlacedLine {
                            x1_mm: a.0,
                            y1_mm: a.1,
                            x2_mm: b.0,
                            y2_mm: b.1,
                            thickness_pt,
                        });
                    }
                }
            }
        }
        self.y += chunk.height;
        self.empty = false;
    }
    fn finish(mut self) -> Vec<PageLayout> {
        if !self.empty || self.done.is_empty() {
            self.done.push(self.current);
        }
        for page in &mut self.done {
            page.lines = merge_lines(std::mem::take(&mut page.lines));
        }
        self.done
    }
}

/// Joins touching collinear segments: neighbouring cell frames share edges,
/// and a table's row and column lines are drawn once each instead of once
/// per cell side (half the render time, and no doubled strokes).
fn merge_lines(lines: Vec<PlacedLine>) -> Vec<PlacedLine> {
    /// A segment as (start, end) along its axis.
    type Spans = Vec<(f32, f32)>;
    // Key: vertical?, fixed coordinate and thickness in thousandths.
    let key = |v: f32| (v * 1000.0).round() as i64;
    let mut groups: BTreeMap<(bool, i64, i64), (f32, f32, Spans)> = BTreeMap::new();
    let mut merged = Vec::new();
    for l in lines {
        let (vertical, at, a, b) = if (l.y1_mm - l.y2_mm).abs() < EPS {
            (false, l.y1_mm, l.x1_mm, l.x2_mm)
        } else if (l.x1_mm - l.x2_mm).abs() < EPS {
            (true, l.x1_mm, l.y1_mm, l.y2_mm)
        } else {
            merged.push(l);
            continue;
        };
        groups
            .entry((vertical, key(at), key(l.thickness_pt)))
            .or_insert_with(|| (at, l.thickness_pt, Vec::new()))
            .2
            .push((a.min(b), a.max(b)));
    }
    for ((vertical, _, _), (at, thickness_pt, mut spans)) in groups {
        spans.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut joined: Spans = Vec::new();
        for (a, b) in spans {
            match joined.last_mut() {
                Some(last) if a <= last.1 + EPS => last.1 = last.1.max(b),
                _ => joined.push((a, b)),
            }
        }
        merged.extend(joined.into_iter().map(|(a, b)| {
            let (x1_mm, y1_mm, x2_mm, y2_mm) = if vertical {
                (at, a, at, b)
            } else {
                (a, at, b, at)
            };
            PlacedLine {
                x1_mm,
                y1_mm,
                x2_mm,
                y2_mm,
                thickness_pt,
            }
        }));
    }
    merged
}

fn paginate(chunks: Vec<Chunk>, area: &TextArea) -> Result<Vec<PageLayout>, LayoutError> {
    let mut pages = Pages::new(area);
    let mut queue: VecDeque<Chunk> = chunks.into();
    let mut gap_after_previous = 0.0;
    while let Some(chunk) = queue.pop_front() {
        match chunk.kind {
            Kind::PageBreak => {
                if !pages.empty {
                    pages.next_page();
                }
                continue;
            }
            Kind::Spacer if pages.empty => continue,
            Kind::Spacer | Kind::Content => {}
        }
        let gap = if pages.empty {
            0.0
        } else {
            gap_after_previous + chunk.space_before
        };
        let header = match &chunk.header {
            Some(h) if pages.empty && !chunk.header_included => Some(h.clone()),
            _ => None,
        };
        let header_height = header.as_ref().map_or(0.0, |h| h.height);
        if gap + header_height + chunk.height <= pages.remaining() + EPS {
            pages.y += gap;
            if let Some(h) = &header {
                pages.place(h);
            }
            pages.place(&chunk);
            gap_after_previous = chunk.space_after;
        } else if !pages.empty {
            pages.next_page();
            queue.push_front(chunk);
        } else {
            // Taller than a whole page: the only case where a chunk is cut.
            let room = pages.remaining() - header_height;
            let (head, mut rest) = chunk.split(room).ok_or(LayoutError::ContentTooTall)?;
            if let Some(h) = &header {
                pages.place(h);
            }
            pages.place(&head);
            pages.next_page();
            rest.header_included = false;
            queue.push_front(rest);
        }
    }
    Ok(pages.finish())
}

/// Arabic page numbers centred in the top margin, from page 2 (Decree 30).
fn number_pages(pages: &mut [PageLayout], setup: &PageSetup, area: &TextArea) {
    let size = sane_size(setup.page_number_size_pt);
    let metrics = fonts::vertical_metrics(FontStyle::Regular);
    let size_mm = size * MM_PER_PT;
    // Centre the digits (about cap height) in the margin.
    let baseline = area.top / 2.0 + size_mm * 0.33;
    for (index, page) in pages.iter_mut().enumerate().skip(1) {
        let text = (index + 1).to_string();
        let width = fonts::text_width_mm(&text, FontStyle::Regular, size);
        page.texts.push(PlacedText {
            x_mm: area.left + (area.width() - width) / 2.0,
            baseline_mm: baseline,
            top_mm: baseline - size_mm * metrics.ascent,
            bottom_mm: baseline + size_mm * metrics.descent,
            width_mm: width,
            style: FontStyle::Regular,
            size_pt: size,
            text,
            is_page_number: true,
        });
    }
}

/// A drawing as one unbreakable chunk: bars are rules as thick as the bar is
/// tall (a PDF line with butt ends is a filled box), boxes are frames.
fn drawing(d: &crate::document::model::Drawing, width: f32) -> Chunk {
    const PT_PER_MM: f32 = 72.0 / 25.4;
    let inside = |x: f32| sane_mm(x).min(width);
    let items = d
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Bar {
                x,
                y,
                width: w,
                height,
            } => (*height > 0.0 && *w > 0.0).then(|| Item::Rule {
                x1: inside(*x),
                x2: inside(x + w),
                y: sane_mm(y + height / 2.0),
                thickness_pt: sane_mm(*height) * PT_PER_MM,
            }),
            Mark::Box {
                x,
                y,
                width: w,
                height,
            } => Some(Item::Frame {
                x: inside(*x),
                width: sane_mm(*w).min(width - inside(*x)),
                top: sane_mm(*y),
                bottom: sane_mm(y + height),
                thickness_pt: 0.6,
            }),
            Mark::HLine {
                x1,
                x2,
                y,
                thickness_pt,
            } => Some(Item::Rule {
                x1: inside(*x1),
                x2: inside(*x2),
                y: sane_mm(*y),
                thickness_pt: sane_mm(*thickness_pt),
            }),
            Mark::Label {
                x,
                y,
                text,
                size_pt,
                style,
            } => {
                let size = sane_size(*size_pt);
                let text: String = crate::text::nfc(text).into_owned();
                let w = fonts::text_width_mm(&text, *style, size);
                let line = size * 25.4 / 72.0;
                Some(Item::Text(chunk::Text {
                    x: inside(*x),
                    baseline: sane_mm(*y),
                    top: (sane_mm(*y) - line * 0.8).max(0.0),
                    bottom: sane_mm(*y) + line * 0.25,
                    width: w,
                    style: *style,
                    size_pt: size,
                    text,
                }))
            }
        })
        .collect();
    let mut c = Chunk::content(sane_mm(d.height_mm), items);
    c.space_before = 2.0;
    c.space_after = 3.0;
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_cell_edges_become_one_line() {
        let line = |x1, y1, x2, y2| PlacedLine {
            x1_mm: x1,
            y1_mm: y1,
            x2_mm: x2,
            y2_mm: y2,
            thickness_pt: 0.5,
        };
        let lines = vec![
            line(0.0, 0.0, 10.0, 0.0),
            line(10.0, 0.0, 20.0, 0.0),
            line(0.0, 0.0, 10.0, 0.0),
            line(30.0, 0.0, 40.0, 0.0),
            line(10.0, 0.0, 10.0, 5.0),
            line(10.0, 5.0, 10.0, 9.0),
            line(0.0, 0.0, 5.0, 5.0),
        ];
        let merged = merge_lines(lines);
        assert_eq!(merged.len(), 4, "{merged:?}");
        assert!(merged.contains(&line(0.0, 0.0, 20.0, 0.0)));
        assert!(merged.contains(&line(10.0, 0.0, 10.0, 9.0)));
    }

    #[test]
    fn widths_fixed_first_then_shares() {
        let w = resolve_widths(
            &[
                ColumnWidth::Mm(15.0),
                ColumnWidth::Relative(1.0),
                ColumnWidth::Relative(3.0),
            ],
            175.0,
        );
        assert_eq!(w, vec![15.0, 40.0, 120.0]);
        let w = resolve_widths(&[ColumnWidth::Mm(200.0), ColumnWidth::Mm(f32::NAN)], 100.0);
        assert_eq!(w, vec![100.0, 0.0]);
    }
}
