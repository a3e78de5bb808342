//! The Word copy of a document: the same `Document` the PDF is laid out
//! from, written as `.docx` with docx-rs (one content, two renderers).
//!
//! What Word does itself is left to Word: line breaking, pagination, the
//! page numbers (a PAGE field in a header that the first page does not
//! show). What the PDF engine does by hand is said as Word properties:
//! keep-with-next for headings, captions, section rows and the lines above
//! a signature; rows that never split; header rows that repeat on every
//! page; the two-column page header and the signatures as borderless
//! tables; the short rules under the issuer and the motto as bottom borders
//! of paragraphs indented to the rule's width.
//!
//! docx-rs 0.4 has no "repeat as header row" (`w:tblHeader`): header rows
//! are written with a marker row height, replaced by `<w:tblHeader/>` in
//! the document part before it is zipped (`mark_header_rows`).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, HeightRule, LineSpacing, LineSpacingType,
    PageMargin, PageNum, PageOrientationType, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Style, StyleType, TableBorders, TableCell,
    TableCellMargins, TableRow, VAlignType, VMergeType, WidthType,
};

use super::layout::resolve_widths;
use super::model::{
    Align, Block, Cell, Column, Document, Orientation, Paragraph, Role, Table, VAlign,
};
use super::{FontStyle, Span};

/// The font every Windows PC has; the PDF carries its metric twin (Tinos).
pub const FONT: &str = "Times New Roman";

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
/// The marker height (twips) of a header row, swapped for `w:tblHeader`.
const HEADER_ROW_MARK: f32 = 1.0;

fn twips(mm: f32) -> i32 {
    (mm.max(0.0) * TWIPS_PER_MM).round() as i32
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

/// Why the Word copy could not be written (only a writer error: every
/// document the PDF engine accepts has a Word form).
#[derive(Debug, thiserror::Error)]
#[error("Không ghi được tệp Word: {0}")]
pub struct DocxError(String);

/// A paragraph or a table, in the order they go into the body. Built once
/// and moved into the document: the size difference costs nothing here.
#[allow(clippy::large_enum_variant)]
enum Item {
    Paragraph(docx_rs::Paragraph),
    Table(docx_rs::Table),
}

/// The look a role's Word style gives, taken from the document's first
/// paragraph of that role (so State and Party sizes both come out right).
#[derive(Debug, Clone, Copy, PartialEq)]
struct StyleLook {
    size_pt: f32,
    bold: bool,
    align: Align,
    indent_mm: f32,
    before_mm: f32,
    after_mm: f32,
    keep_next: bool,
}

struct Styles {
    looks: Vec<(Role, StyleLook)>,
}

impl Styles {
    fn of(doc: &Document) -> Styles {
        let mut looks: Vec<(Role, StyleLook)> = Vec::new();
        visit(&doc.blocks, &mut |p| {
            if p.role != Role::Plain && !looks.iter().any(|(r, _)| *r == p.role) {
                let first = p.spans.first();
                looks.push((
                    p.role,
                    StyleLook {
                        size_pt: first.map_or(14.0, |s| s.size_pt),
                        bold: first.is_some_and(|s| {
                            matches!(s.style, FontStyle::Bold | FontStyle::BoldItalic)
                        }),
                        align: p.align,
                        indent_mm: p.first_line_indent_mm,
                        before_mm: p.space_before_mm,
                        after_mm: p.space_after_mm,
                        keep_next: p.keep_with_next,
                    },
                ));
            }
        });
        Styles { looks }
    }

    fn look(&self, role: Role) -> Option<&StyleLook> {
        self.looks.iter().find(|(r, _)| *r == role).map(|(_, l)| l)
    }

    fn word_styles(&self) -> Vec<Style> {
        self.looks
            .iter()
            .map(|(role, l)| {
                let (id, name) = style_name(*role);
                let mut s = Style::new(id, StyleType::Paragraph)
                    .name(name)
                    .based_on("Normal")
                    .q_format(true)
                    .size(half_points(l.size_pt))
                    .align(alignment(l.align))
                    .line_spacing(
                        LineSpacing::new()
                            .before(twips(l.before_mm) as u32)
                            .after(twips(l.after_mm) as u32),
                    );
                if l.bold {
                    s = s.bold();
                }
                if l.indent_mm > 0.0 {
                    s = s.indent(
                        None,
                        Some(SpecialIndentType::FirstLine(twips(l.indent_mm))),
                        None,
                        None,
                    );
                }
                s
            })
            .collect()
    }
}

/// Word style ids (ASCII) and the names a clerk sees in Word's list.
fn style_name(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Body => ("ThanVanBan", "Thân văn bản"),
        Role::Heading => ("DeMuc", "Đề mục"),
        Role::Title => ("TenLoaiVanBan", "Tên loại văn bản"),
        Role::Subject => ("TrichYeu", "Trích yếu"),
        Role::Plain => ("Normal", "Normal"),
    }
}

fn visit(blocks: &[Block], f: &mut impl FnMut(&Paragraph)) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => f(p),
            Block::Table(t) => {
                for row in t.header_rows.iter().chain(&t.body_rows) {
                    for cell in &row.cells {
                        cell.paragraphs.iter().for_each(&mut *f);
                    }
                }
            }
            Block::Columns(cs) => cs.iter().for_each(|c| visit(&c.blocks, f)),
            Block::KeepTogether(bs) => visit(bs, f),
            Block::WithPrevious(b) => visit(std::slice::from_ref(b.as_ref()), f),
            Block::Spacer(_) | Block::Rule(_) | Block::PageBreak | Block::Drawing(_) => {}
        }
    }
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Writes `doc` as a `.docx`.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let setup = &doc.setup;
    let (page_w, page_h) = setup.page_size_mm();
    let m = &setup.margins;
    let styles = Styles::of(doc);
    let mut writer = Writer {
        styles: &styles,
        items: Vec::new(),
    };
    writer.blocks(&doc.blocks, setup.text_width_mm());

    let mut docx = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(half_points(super::admin::BODY_PT))
        .page_size(twips(page_w) as u32, twips(page_h) as u32)
        .page_margin(
            PageMargin::new()
                .top(twips(m.top_mm))
                .bottom(twips(m.bottom_mm))
                .left(twips(m.left_mm))
                .right(twips(m.right_mm))
                // The page number sits in the top margin, as in the PDF.
                .header(twips(m.top_mm / 2.0))
                .footer(twips(m.bottom_mm / 2.0)),
        );
    if setup.orientation == Orientation::Landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    for style in styles.word_styles() {
        docx = docx.add_style(style);
    }
    if setup.page_numbers {
        // Decree 30: Arabic numerals, centred in the top margin, from the
        // second page: the first page's own header stays empty.
        docx = docx
            .header(
                Header::new().add_paragraph(
                    docx_rs::Paragraph::new()
                        .align(AlignmentType::Center)
                        .size(half_points(setup.page_number_size_pt))
                        .add_page_num(PageNum::new()),
                ),
            )
            .first_header(Header::new())
            .title_pg();
    }
    for item in writer.items {
        docx = match item {
            Item::Paragraph(p) => docx.add_paragraph(p),
            Item::Table(t) => docx.add_table(t),
        };
    }
    // The document's own date, not the moment of export (nor docx-rs's
    // 1970): an export is reproducible.
    if let Some(d) = doc.date {
        let stamp = format!("{d}T00:00:00Z");
        docx = docx.created_at(&stamp).updated_at(&stamp);
    }
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    xml.styles = style_defaults(&xml.styles);
    xml.doc_props.core = metadata(&xml.doc_props.core, &doc.title, &doc.author);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| DocxError(e.to_string()))?;
    Ok(out.into_inner())
}

/// Header rows carry a marker height (`HEADER_ROW_MARK`) that becomes the
/// "repeat as header row" property docx-rs cannot write.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let marker = format!(
        "<w:trHeight w:val=\"{}\" w:hRule=\"auto\" />",
        HEADER_ROW_MARK as i32
    );
    text.replace(&marker, "<w:tblHeader />").into_bytes()
}

/// Widow and orphan control and the Vietnamese language in the document
/// defaults every style inherits (docx-rs writes neither): Word and
/// LibreOffice then keep no lone first or last line of a paragraph on a
/// page, as the PDF engine does, and check spelling as Vietnamese.
fn style_defaults(styles: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(styles)
        .replacen(
            "</w:rPr></w:rPrDefault>",
            "<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\" /></w:rPr></w:rPrDefault>",
            1,
        )
        .replacen(
            "<w:pPrDefault><w:pPr>",
            "<w:pPrDefault><w:pPr><w:widowControl />",
            1,
        )
        .into_bytes()
}

/// The title, the issuing cluster as author and the language in the core
/// properties (docx-rs writes "unknown" as the creator and no title).
fn metadata(core: &[u8], title: &str, author: &str) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let author = if author.trim().is_empty() {
        "Sổ Thi Đua".to_string()
    } else {
        esc(author.trim())
    };
    String::from_utf8_lossy(core)
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!(
                "<dc:title>{}</dc:title><dc:creator>{author}</dc:creator><dc:language>vi-VN</dc:language>",
                esc(title)
            ),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
        )
        .into_bytes()
}

struct Writer<'a> {
    styles: &'a Styles,
    items: Vec<Item>,
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block], width_mm: f32) {
        let mut i = 0;
        while i < blocks.len() {
            // A table right before a signature: its last rows and the
            // signature are one unit that cannot split (keep-with-next does
            // not carry from a table into the next table in LibreOffice).
            if let (Block::Table(t), Some(Block::WithPrevious(next))) =
                (&blocks[i], blocks.get(i + 1))
            {
                let n = t.body_rows.len();
                let k = tail_rows(t);
                let from;
                if k < n {
                    let mut head = t.clone();
                    head.body_rows.truncate(n - k);
                    let mut tail = t.clone();
                    tail.header_rows.clear();
                    tail.body_rows = t.body_rows[n - k..].to_vec();
                    let head = self.table(&head, width_mm, false);
                    self.items.push(Item::Table(head));
                    from = self.items.len();
                    let tail = self.table(&tail, width_mm, false);
                    self.items.push(Item::Table(tail));
                } else {
                    from = self.items.len();
                    let whole = self.table(t, width_mm, false);
                    self.items.push(Item::Table(whole));
                }
                if t.space_after_mm > 0.0 {
                    self.items.push(Item::Paragraph(spacer(t.space_after_mm)));
                }
                self.block(next, width_mm, false);
                self.unit(from, width_mm);
                i += 2;
                continue;
            }
            self.block(&blocks[i], width_mm, false);
            i += 1;
        }
    }

    fn block(&mut self, block: &Block, width_mm: f32, keep_with_next: bool) {
        match block {
            Block::Paragraph(p) => {
                let para = self.paragraph(p);
                self.items.push(Item::Paragraph(para));
            }
            Block::Table(t) => {
                let table = self.table(t, width_mm, keep_with_next);
                self.items.push(Item::Table(table));
                if t.space_after_mm > 0.0 {
                    self.items.push(Item::Paragraph(spacer(t.space_after_mm)));
                }
            }
            Block::Spacer(mm) => self.items.push(Item::Paragraph(spacer(*mm))),
            Block::Rule(r) => self.items.push(Item::Paragraph(rule(r.width_mm, width_mm))),
            Block::Columns(columns) => {
                let table = self.columns(columns, width_mm);
                self.items.push(Item::Table(table));
            }
            Block::KeepTogether(blocks) => {
                let from = self.items.len();
                self.blocks(blocks, width_mm);
                // A signature inside took lines from before the group into
                // its unit: the group starts at that unit.
                let from = if from > self.items.len() {
                    self.items.len().saturating_sub(1)
                } else {
                    from
                };
                // Keep-with-next holds paragraphs together, but not a
                // paragraph with a table after it in LibreOffice: a group
                // with a table (a signature block) becomes one unit.
                if self.items[from..]
                    .iter()
                    .any(|i| matches!(i, Item::Table(_)))
                {
                    self.unit(from, width_mm);
                } else {
                    self.keep_together(from);
                }
            }
            Block::WithPrevious(b) => {
                // Word has no "keep with previous": the last lines before
                // (up to two paragraphs: the closing text and the space
                // under it) and this block are one unit.
                let from = self.items.len()
                    - self
                        .items
                        .iter()
                        .rev()
                        .take(2)
                        .take_while(|i| matches!(i, Item::Paragraph(_)))
                        .count();
                self.block(b, width_mm, false);
                self.unit(from, width_mm);
            }
            Block::PageBreak => self.items.push(Item::Paragraph(
                docx_rs::Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
            )),
            // A chart stays in the PDF; its figures are in the table the
            // document gives beside it, which Word carries.
            Block::Drawing(_) => self.items.push(Item::Paragraph(
                docx_rs::Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(
                        Run::new()
                            .add_text("(Biểu đồ in trong bản PDF của văn bản này.)")
                            .italic()
                            .size(24),
                    ),
            )),
        }
    }

    /// The items from `from` on as one unit no page break goes through: a
    /// borderless one-cell table whose only row cannot split (Word and
    /// LibreOffice both move such a row whole to the next page).
    fn unit(&mut self, from: usize, width_mm: f32) {
        let from = from.min(self.items.len());
        let items: Vec<Item> = self.items.drain(from..).collect();
        if items.is_empty() {
            return;
        }
        let ends_with_table = matches!(items.last(), Some(Item::Table(_)));
        // Borders said to be none: LibreOffice otherwise draws the borders
        // of a ruled table inside around the whole cell.
        let mut tc = TableCell::new()
            .width(twips(width_mm) as usize, WidthType::Dxa)
            .clear_all_border();
        for item in items {
            tc = match item {
                Item::Paragraph(p) => tc.add_paragraph(p),
                Item::Table(t) => tc.add_table(t),
            };
        }
        if ends_with_table {
            // A cell ends with a paragraph (Word reports the file damaged
            // otherwise): the smallest one.
            tc = tc.add_paragraph(spacer(0.1));
        }
        let table = docx_rs::Table::without_borders(vec![TableRow::new(vec![tc]).cant_split()])
            .set_grid(vec![twips(width_mm) as usize])
            .width(twips(width_mm) as usize, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
        self.items.push(Item::Table(table));
    }

    /// Every paragraph from `from` on keeps with the next and its lines
    /// together, but the last (which keeps with nothing it did not before).
    fn keep_together(&mut self, from: usize) {
        let end = self.items.len().saturating_sub(1).max(from);
        for item in &mut self.items[from..end] {
            if let Item::Paragraph(p) = item {
                *p = std::mem::replace(p, docx_rs::Paragraph::new())
                    .keep_next(true)
                    .keep_lines(true);
            }
        }
    }

    fn paragraph(&self, p: &Paragraph) -> docx_rs::Paragraph {
        let look = self.styles.look(p.role);
        let mut out = docx_rs::Paragraph::new();
        match look {
            Some(l) => {
                out = out.style(style_name(p.role).0);
                // Only what differs from the style is said again.
                if l.align != p.align {
                    out = out.align(alignment(p.align));
                }
                if l.indent_mm != p.first_line_indent_mm {
                    out = first_line(out, p.first_line_indent_mm);
                }
                if l.before_mm != p.space_before_mm || l.after_mm != p.space_after_mm {
                    out = out.line_spacing(spacing(p));
                }
                if p.keep_with_next || l.keep_next {
                    out = out.keep_next(p.keep_with_next);
                }
            }
            None => {
                out = out.align(alignment(p.align)).line_spacing(spacing(p));
                if p.first_line_indent_mm > 0.0 {
                    out = first_line(out, p.first_line_indent_mm);
                }
                if p.keep_with_next {
                    out = out.keep_next(true);
                }
            }
        }
        for span in &p.spans {
            for run in runs(span, look) {
                out = out.add_run(run);
            }
        }
        out
    }

    fn table(&self, t: &Table, width_mm: f32, keep_end_with_next: bool) -> docx_rs::Table {
        let widths = resolve_widths(&t.columns, width_mm);
        let grid: Vec<usize> = widths.iter().map(|w| twips(*w) as usize).collect();
        let mut rows = Vec::new();
        // Columns covered from above by a cell spanning rows: (column, rows
        // left, its column span).
        let mut covered: Vec<(usize, usize, usize)> = Vec::new();
        let header_count = t.header_rows.len();
        let total = header_count + t.body_rows.len();
        for (i, row) in t.header_rows.iter().chain(&t.body_rows).enumerate() {
            let header = i < header_count;
            // The last two rows go with what follows when it must not stand
            // alone (a signature).
            let keep = row.keep_with_next || (keep_end_with_next && i + 2 >= total);
            let mut cells = Vec::new();
            let mut column = 0;
            let mut model_cells = row.cells.iter();
            while column < widths.len() {
                if let Some(c) = covered.iter_mut().find(|c| c.0 == column && c.1 > 0) {
                    c.1 -= 1;
                    let span = c.2;
                    cells.push(
                        TableCell::new()
                            .vertical_merge(VMergeType::Continue)
                            .grid_span(span)
                            .add_paragraph(docx_rs::Paragraph::new()),
                    );
                    column += span;
                    // The model leaves an empty cell in its place.
                    let _ = model_cells.next();
                    continue;
                }
                let Some(cell) = model_cells.next() else {
                    break;
                };
                let span = cell.col_span.clamp(1, widths.len() - column);
                let mut tc = self
                    .cell(cell, keep, widths[column..column + span].iter().sum())
                    .grid_span(span);
                if header && cell.row_span > 1 {
                    tc = tc.vertical_merge(VMergeType::Restart);
                    covered.push((column, cell.row_span - 1, span));
                }
                cells.push(tc);
                column += span;
            }
            covered.retain(|c| c.1 > 0);
            let mut tr = TableRow::new(cells).cant_split();
            if header {
                tr = tr.row_height(HEADER_ROW_MARK).height_rule(HeightRule::Auto);
            }
            rows.push(tr);
        }
        let mut table = docx_rs::Table::new(rows)
            .set_grid(grid)
            .width(twips(width_mm) as usize, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(
                twips(t.padding_y_mm) as usize,
                twips(t.padding_x_mm) as usize,
                twips(t.padding_y_mm) as usize,
                twips(t.padding_x_mm) as usize,
            ));
        if t.border_pt <= 0.0 {
            table = table.set_borders(TableBorders::with_empty());
        }
        table
    }

    fn cell(&self, cell: &Cell, keep_with_next: bool, width_mm: f32) -> TableCell {
        let mut tc = TableCell::new().width(twips(width_mm) as usize, WidthType::Dxa);
        if cell.v_align == VAlign::Middle || cell.row_span > 1 {
            tc = tc.vertical_align(VAlignType::Center);
        }
        if cell.paragraphs.is_empty() {
            return tc.add_paragraph(docx_rs::Paragraph::new());
        }
        for p in &cell.paragraphs {
            let mut para = self.paragraph(p);
            // A section row keeps with the next row, as in the PDF.
            if keep_with_next {
                para = para.keep_next(true);
            }
            tc = tc.add_paragraph(para);
        }
        tc
    }

    /// Side-by-side columns: a borderless one-row table.
    fn columns(&self, columns: &[Column], width_mm: f32) -> docx_rs::Table {
        let widths = resolve_widths(
            &columns.iter().map(|c| c.width).collect::<Vec<_>>(),
            width_mm,
        );
        let cells: Vec<TableCell> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let mut inner = Writer {
                    styles: self.styles,
                    items: Vec::new(),
                };
                inner.blocks(&c.blocks, *w);
                let mut tc = TableCell::new().width(twips(*w) as usize, WidthType::Dxa);
                if c.bottom {
                    tc = tc.vertical_align(VAlignType::Bottom);
                }
                if inner.items.is_empty() {
                    return tc.add_paragraph(docx_rs::Paragraph::new());
                }
                for item in inner.items {
                    tc = match item {
                        Item::Paragraph(p) => tc.add_paragraph(p),
                        Item::Table(t) => tc.add_table(t),
                    };
                }
                tc
            })
            .collect();
        docx_rs::Table::without_borders(vec![TableRow::new(cells).cant_split()])
            .set_grid(widths.iter().map(|w| twips(*w) as usize).collect())
            .width(twips(width_mm) as usize, WidthType::Dxa)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0))
    }
}

/// How many last rows of a table go with a signature under it: the last
/// two, and every row before them marked to keep with the next (a score
/// table's totals), at most ten.
fn tail_rows(t: &Table) -> usize {
    let n = t.body_rows.len();
    let mut k = n.min(2);
    while k < n.min(10) && t.body_rows[n - k - 1].keep_with_next {
        k += 1;
    }
    k
}

/// A paragraph indented by `mm` on its first line.
fn first_line(p: docx_rs::Paragraph, mm: f32) -> docx_rs::Paragraph {
    p.indent(
        None,
        Some(SpecialIndentType::FirstLine(twips(mm))),
        None,
        None,
    )
}

fn spacing(p: &Paragraph) -> LineSpacing {
    let mut s = LineSpacing::new()
        .before(twips(p.space_before_mm) as u32)
        .after(twips(p.space_after_mm) as u32);
    if (p.line_spacing - 1.0).abs() > 0.01 {
        // Word's "multiple": 240 is single.
        s = s
            .line_rule(LineSpacingType::Auto)
            .line((240.0 * p.line_spacing).round() as i32);
    }
    s
}

/// A span as runs: `'\n'` is a line break inside the paragraph. Size and
/// weight are written only where they differ from the paragraph's style.
fn runs(span: &Span, look: Option<&StyleLook>) -> Vec<Run> {
    // The same characters the PDF prints: XML cannot carry control
    // characters, and one of them makes Word refuse the whole file.
    let text = span.printable_text();
    let bold = matches!(span.style, FontStyle::Bold | FontStyle::BoldItalic);
    let italic = matches!(span.style, FontStyle::Italic | FontStyle::BoldItalic);
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
        match look {
            Some(l) => {
                if (l.size_pt - span.size_pt).abs() > 0.01 {
                    run = run.size(half_points(span.size_pt));
                }
                match (l.bold, bold) {
                    (false, true) => run = run.bold(),
                    (true, false) => run = run.disable_bold(),
                    _ => {}
                }
            }
            None => {
                run = run.size(half_points(span.size_pt));
                if bold {
                    run = run.bold();
                }
            }
        }
        if italic {
            run = run.italic();
        }
        out.push(run);
    }
    out
}

/// Vertical space of `mm`: an empty paragraph exactly that tall.
fn spacer(mm: f32) -> docx_rs::Paragraph {
    docx_rs::Paragraph::new().size(2).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line_rule(LineSpacingType::Exact)
            .line(twips(mm).max(1)),
    )
}

/// A short centred rule: the bottom border of an empty paragraph indented
/// from both sides to the rule's width.
fn rule(rule_mm: f32, width_mm: f32) -> docx_rs::Paragraph {
    let side = ((width_mm - rule_mm.min(width_mm)) / 2.0).max(0.0);
    docx_rs::Paragraph::new()
        .size(2)
        .indent(Some(twips(side)), None, Some(twips(side)), None)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(twips(1.2) as u32)
                .line_rule(LineSpacingType::Exact)
                .line(twips(1.4)),
        )
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(4)
                    .space(0),
            ),
        )
}
