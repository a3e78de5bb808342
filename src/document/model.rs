//! What a document is made of, before layout: blocks of styled text, tables,
//! rules and columns flowing down A4 pages. Plain data with small builders;
//! all measurements in millimetres and points, as in the Decree's wording.

use super::fonts::FontStyle;

/// A run of text in one style and size. `'\n'` forces a line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: FontStyle,
    pub size_pt: f32,
}

impl Span {
    /// The text as both renderers print it: NFC, line ends as `'\n'`, a tab
    /// as a space, other control characters left out (a PDF cannot show
    /// them and XML cannot carry them).
    pub fn printable_text(&self) -> String {
        use unicode_normalization::UnicodeNormalization;
        self.text
            .replace("\r\n", "\n")
            .nfc()
            .filter_map(|c| match c {
                '\r' => Some('\n'),
                '\t' => Some(' '),
                '\n' => Some('\n'),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    }
    pub fn new(text: impl Into<String>, style: FontStyle, size_pt: f32) -> Self {
        Span {
            text: text.into(),
            style,
            size_pt,
        }
    }
    pub fn regular(text: impl Into<String>, size_pt: f32) -> Self {
        Span::new(text, FontStyle::Regular, size_pt)
    }
    pub fn bold(text: impl Into<String>, size_pt: f32) -> Self {
        Span::new(text, FontStyle::Bold, size_pt)
    }
    pub fn italic(text: impl Into<String>, size_pt: f32) -> Self {
        Span::new(text, FontStyle::Italic, size_pt)
    }
    pub fn bold_italic(text: impl Into<String>, size_pt: f32) -> Self {
        Span::new(text, FontStyle::BoldItalic, size_pt)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    /// Both edges flush; the last line of the paragraph (and any line ended
    /// by `'\n'`) stays left aligned.
    Justify,
}

/// What a paragraph is in the document, where it matters beyond its look:
/// the Word copy defines one style per role, so a clerk's edit there keeps
/// the look of the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Plain,
    /// Body text: justified, first-line indent.
    Body,
    /// A section heading ("I. THÀNH PHẦN").
    Heading,
    /// The document's kind ("BIÊN BẢN").
    Title,
    /// The subject line under the kind.
    Subject,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub role: Role,
    pub spans: Vec<Span>,
    pub align: Align,
    pub first_line_indent_mm: f32,
    pub space_before_mm: f32,
    pub space_after_mm: f32,
    /// Multiple of the font's single line spacing (1.0 = Word's "single").
    pub line_spacing: f32,
    /// Kept on the page of what follows (a heading, a table's caption).
    pub keep_with_next: bool,
}

impl Default for Paragraph {
    fn default() -> Self {
        Paragraph {
            role: Role::Plain,
            spans: Vec::new(),
            align: Align::Left,
            first_line_indent_mm: 0.0,
            space_before_mm: 0.0,
            space_after_mm: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
        }
    }
}

impl Paragraph {
    pub fn new(spans: Vec<Span>) -> Self {
        Paragraph {
            spans,
            ..Paragraph::default()
        }
    }
    /// One span of text.
    pub fn text(text: impl Into<String>, style: FontStyle, size_pt: f32) -> Self {
        Paragraph::new(vec![Span::new(text, style, size_pt)])
    }
    pub fn role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }
    pub fn span(mut self, span: Span) -> Self {
        self.spans.push(span);
        self
    }
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub fn centered(self) -> Self {
        self.align(Align::Center)
    }
    /// Never left at the foot of a page without what follows it.
    pub fn keep_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    pub fn indent(mut self, first_line_mm: f32) -> Self {
        self.first_line_indent_mm = first_line_mm;
        self
    }
    pub fn space_before(mut self, mm: f32) -> Self {
        self.space_before_mm = mm;
        self
    }
    pub fn space_after(mut self, mm: f32) -> Self {
        self.space_after_mm = mm;
        self
    }
    pub fn line_spacing(mut self, multiple: f32) -> Self {
        self.line_spacing = multiple;
        self
    }
    /// Every span in `style` (e.g. a bold header cell).
    pub fn styled(mut self, style: FontStyle) -> Self {
        for span in &mut self.spans {
            span.style = style;
        }
        self
    }
}

/// Width of a table column or of a side-by-side column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Fixed width.
    Mm(f32),
    /// Share of what the fixed columns leave, in proportion to the weights.
    Relative(f32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    #[default]
    Top,
    Middle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
    /// How many columns the cell covers (at least 1).
    pub col_span: usize,
    /// How many rows the cell covers (at least 1). Honoured in a table's
    /// header rows ("Mã", "Tiêu chí" over both rows of a two-row header);
    /// the rows below leave an empty cell in its place.
    pub row_span: usize,
    pub v_align: VAlign,
}

impl Cell {
    pub fn new(paragraphs: Vec<Paragraph>) -> Self {
        Cell {
            paragraphs,
            col_span: 1,
            row_span: 1,
            v_align: VAlign::Top,
        }
    }
    /// A cell holding one left-aligned regular paragraph.
    pub fn text(text: impl Into<String>, size_pt: f32) -> Self {
        Cell::new(vec![Paragraph::text(text, FontStyle::Regular, size_pt)])
    }
    pub fn empty() -> Self {
        Cell::new(Vec::new())
    }
    pub fn bold(mut self) -> Self {
        self.paragraphs = self
            .paragraphs
            .into_iter()
            .map(|p| p.styled(FontStyle::Bold))
            .collect();
        self
    }
    pub fn align(mut self, align: Align) -> Self {
        for p in &mut self.paragraphs {
            p.align = align;
        }
        self
    }
    pub fn centered(self) -> Self {
        self.align(Align::Center)
    }
    /// Covers `rows` header rows (see `row_span`).
    pub fn span_rows(mut self, rows: usize) -> Self {
        self.row_span = rows.max(1);
        self
    }
    pub fn middle(mut self) -> Self {
        self.v_align = VAlign::Middle;
        self
    }
    pub fn span_columns(mut self, columns: usize) -> Self {
        self.col_span = columns;
        self
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A section row: never left at the foot of a page without the next row.
    pub keep_with_next: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            keep_with_next: false,
        }
    }
    pub fn keep_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
}

/// A bordered table as wide as its container. Header rows are repeated at the
/// top of every page the table continues on; body rows move to the next page
/// whole (a row taller than a page is the only one that gets split).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<ColumnWidth>,
    pub header_rows: Vec<Row>,
    pub body_rows: Vec<Row>,
    pub padding_x_mm: f32,
    pub padding_y_mm: f32,
    pub border_pt: f32,
    pub space_before_mm: f32,
    pub space_after_mm: f32,
}

impl Table {
    pub fn new(columns: Vec<ColumnWidth>) -> Self {
        Table {
            columns,
            header_rows: Vec::new(),
            body_rows: Vec::new(),
            padding_x_mm: 1.5,
            padding_y_mm: 1.0,
            border_pt: 0.5,
            // After the table as much air as a paragraph and the table's
            // own gap leave before it (2.2 + 2 mm): 2 mm after read cramped.
            space_before_mm: 2.0,
            space_after_mm: 4.0,
        }
    }
    pub fn header(mut self, row: Row) -> Self {
        self.header_rows.push(row);
        self
    }
    pub fn row(mut self, row: Row) -> Self {
        self.body_rows.push(row);
        self
    }
}

/// A horizontal line centred in its container, e.g. under the issuer's name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub width_mm: f32,
    pub thickness_pt: f32,
}

impl Rule {
    pub fn new(width_mm: f32) -> Self {
        Rule {
            width_mm,
            thickness_pt: 0.5,
        }
    }
}

/// One of several side-by-side columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub width: ColumnWidth,
    pub blocks: Vec<Block>,
    /// Aligned to the foot of the tallest column beside it (signatures:
    /// the signers' names on one baseline whatever their titles' lines).
    pub bottom: bool,
}

impl Column {
    pub fn new(width: ColumnWidth, blocks: Vec<Block>) -> Self {
        Column {
            width,
            blocks,
            bottom: false,
        }
    }
    pub fn bottom(mut self) -> Self {
        self.bottom = true;
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    /// Vertical space; dropped at the top of a page.
    Spacer(f32),
    Rule(Rule),
    /// Side-by-side columns (header, signatures). Kept on one page.
    Columns(Vec<Column>),
    /// Never split: moved to the next page whole when it does not fit. Only
    /// content taller than a whole page is split anyway.
    KeepTogether(Vec<Block>),
    /// Kept on the page of the lines before it (at least the last lines of
    /// the text above): a signature block never stands alone on a page.
    WithPrevious(Box<Block>),
    PageBreak,
    /// A small vector drawing (a chart): marks placed in millimetres from
    /// its top-left corner, the width of the text area. Never split.
    Drawing(Drawing),
}

/// A chart's marks, kept to what a PDF of documents draws anyway: filled
/// and outlined boxes, horizontal lines, labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub height_mm: f32,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A solid box (a bar).
    Bar {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// An outlined box.
    Box {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
    /// A horizontal line (an axis, a grid line).
    HLine {
        x1: f32,
        x2: f32,
        y: f32,
        thickness_pt: f32,
    },
    /// Text whose baseline starts at (x, y).
    Label {
        x: f32,
        y: f32,
        text: String,
        size_pt: f32,
        style: FontStyle,
    },
}

impl From<Paragraph> for Block {
    fn from(p: Paragraph) -> Self {
        Block::Paragraph(p)
    }
}

impl From<Table> for Block {
    fn from(t: Table) -> Self {
        Block::Table(t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
}

impl Default for Margins {
    /// Decree 30/2020: top and bottom 20–25, left 30–35, right 15–20 mm.
    fn default() -> Self {
        Margins {
            top_mm: 20.0,
            bottom_mm: 20.0,
            left_mm: 30.0,
            right_mm: 15.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub orientation: Orientation,
    pub margins: Margins,
    /// Page numbers centred in the top margin, from page 2 on.
    pub page_numbers: bool,
    pub page_number_size_pt: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup {
            orientation: Orientation::Portrait,
            margins: Margins::default(),
            page_numbers: true,
            page_number_size_pt: 13.0,
        }
    }
}

impl PageSetup {
    pub fn landscape() -> Self {
        PageSetup {
            orientation: Orientation::Landscape,
            ..PageSetup::default()
        }
    }
    /// Page size in millimetres (width, height): A4.
    pub fn page_size_mm(&self) -> (f32, f32) {
        match self.orientation {
            Orientation::Portrait => (210.0, 297.0),
            Orientation::Landscape => (297.0, 210.0),
        }
    }
    /// Width between the left and right margins.
    pub fn text_width_mm(&self) -> f32 {
        self.page_size_mm().0 - self.margins.left_mm - self.margins.right_mm
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// PDF title metadata.
    pub title: String,
    /// PDF author metadata: the cluster that issues the document.
    pub author: String,
    /// The document's own date (the date line's): the Word copy's core
    /// properties carry it, so the same workbook exports the same bytes.
    pub date: Option<jiff::civil::Date>,
    pub setup: PageSetup,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>, setup: PageSetup) -> Self {
        Document {
            title: title.into(),
            author: String::new(),
            date: None,
            setup,
            blocks: Vec::new(),
        }
    }
    pub fn push(&mut self, block: impl Into<Block>) {
        self.blocks.push(block.into());
    }
    pub fn extend(&mut self, blocks: impl IntoIterator<Item = Block>) {
        self.blocks.extend(blocks);
    }
}
