//! Building blocks of a Vietnamese administrative document (Decree
//! 30/2020/NĐ-CP; Party layout per Guide 36-HD/VPTW): the two-column header,
//! the place-date line, the title, signature blocks and the recipients list.
//! Plain strings in, blocks out: the documents decide the wording.

use super::fonts::{FontStyle, text_width_mm};
use super::model::{Align, Block, Column, ColumnWidth, Paragraph, Role, Rule, Span};

/// Body text: 13–14 pt (Decree 30), 14–15 pt (Guide 36); 14 pt suits both.
pub const BODY_PT: f32 = 14.0;

/// Sizes and forms of one layout's parts: Decree 30/2020/NĐ-CP, Appendix I
/// (State) or Guide 36-HD/VPTW (2018), Appendix 3 (Party).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    /// The issuer and its parent body.
    pub header_caps: f32,
    /// "Độc lập - Tự do - Hạnh phúc" (State).
    pub motto: f32,
    /// "CỘNG HÒA …" (State) or "ĐẢNG CỘNG SẢN VIỆT NAM" (Party).
    pub national: f32,
    pub number: f32,
    pub place_date: f32,
    /// The document's kind ("BIÊN BẢN").
    pub title: f32,
    /// The subject line under it.
    pub subject: f32,
    /// "TM. …" / "T/M …" (bold).
    pub authority: f32,
    /// The signer's office ("CỤM TRƯỞNG"): bold in the State layout, upright
    /// in the Party one.
    pub office: f32,
    pub office_bold: bool,
    pub signer_name: f32,
    /// "Nơi nhận:": bold italic (State) or underlined (Party).
    pub recipients_title: f32,
    pub recipients: f32,
    /// Signing on behalf of a collective: "TM." (State) or "T/M" (Party).
    pub on_behalf: &'static str,
}

const STATE: Sizes = Sizes {
    // 12–13 pt, so the two columns fit 165 mm of text width.
    header_caps: 12.0,
    motto: 13.0,
    national: 12.0,
    number: 13.0,
    place_date: 13.0,
    title: 14.0,
    subject: 14.0,
    authority: 13.0,
    office: 13.0,
    office_bold: true,
    signer_name: 14.0,
    recipients_title: 12.0,
    recipients: 11.0,
    on_behalf: "TM.",
};

const PARTY: Sizes = Sizes {
    header_caps: 14.0,
    motto: 14.0,
    national: 15.0,
    number: 14.0,
    place_date: 14.0,
    title: 15.0,
    subject: 14.0,
    authority: 14.0,
    office: 14.0,
    office_bold: false,
    signer_name: 14.0,
    recipients_title: 14.0,
    recipients: 12.0,
    on_behalf: "T/M",
};
/// Room for a handwritten signature and the seal.
const SIGNING_SPACE_MM: f32 = 24.0;
/// First-line indent of body paragraphs (1–1.27 cm).
const BODY_INDENT_MM: f32 = 10.0;
/// At least 6 pt between body paragraphs.
const BODY_SPACE_AFTER_MM: f32 = 2.2;
/// Between the last paragraph and the signature or recipients (dropped at a
/// page top).
const CLOSING_GAP_MM: f32 = 3.0;
/// Air between the widest right-column line and the left column.
const COLUMN_AIR_MM: f32 = 6.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeaderStyle {
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc".
    #[default]
    State,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM", issuer marked with a star.
    Party,
}

impl HeaderStyle {
    pub fn sizes(self) -> &'static Sizes {
        match self {
            HeaderStyle::State => &STATE,
            HeaderStyle::Party => &PARTY,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeaderSpec {
    /// "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH"; a `'\n'` forces the break.
    pub parent_body: String,
    /// "CỤM THI ĐUA SỐ 8".
    pub issuer: String,
    pub style: HeaderStyle,
    /// Formatted by the caller: "Số: 05/BB-CTĐ8" or "Số 05-BB/CTĐ8".
    pub number: String,
    /// See [`place_date_line`].
    pub place_date: String,
}

/// Someone who signs: title lines ("TM. CỤM THI ĐUA SỐ 8", "CỤM TRƯỞNG")
/// and the name (without degrees).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signer {
    pub lines: Vec<String>,
    pub name: String,
}

impl Signer {
    pub fn new(lines: &[&str], name: &str) -> Self {
        Signer {
            lines: lines.iter().map(|l| (*l).to_string()).collect(),
            name: name.to_string(),
        }
    }
}

fn centered(text: &str, style: FontStyle, size_pt: f32) -> Block {
    Paragraph::text(text, style, size_pt).centered().into()
}

/// Breaks a header line into two balanced lines when it is wider than
/// `width_mm`, as typesetters do ("HỌC VIỆN CHÍNH TRỊ / QUỐC GIA HỒ CHÍ
/// MINH" rather than a lone last word). A caller's own `'\n'` wins.
fn balanced(text: &str, style: FontStyle, size_pt: f32, width_mm: f32) -> String {
    if text.contains('\n') || text_width_mm(text, style, size_pt) <= width_mm {
        return text.to_string();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..words.len())
        .map(|i| (words[..i].join(" "), words[i..].join(" ")))
        .map(|(a, b)| {
            let widest = text_width_mm(&a, style, size_pt).max(text_width_mm(&b, style, size_pt));
            (widest, format!("{a}\n{b}"))
        })
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map_or_else(|| text.to_string(), |(_, two)| two)
}

/// The header: issuer on the left, national (or Party) title on the right,
/// then the number under the issuer and the italic place-date on the right.
pub fn header(spec: &HeaderSpec) -> Vec<Block> {
    const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
    const PARTY: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";

    let z = spec.style.sizes();
    let right_blocks: Vec<Block> = match spec.style {
        HeaderStyle::State => vec![
            centered(NATION, FontStyle::Bold, z.national),
            centered(MOTTO, FontStyle::Bold, z.motto),
            Block::Rule(Rule::new(text_width_mm(MOTTO, FontStyle::Bold, z.motto))),
        ],
        HeaderStyle::Party => vec![
            centered(PARTY, FontStyle::Bold, z.national),
            Block::Rule(Rule::new(text_width_mm(PARTY, FontStyle::Bold, z.national))),
        ],
    };
    // The right column is as wide as its widest line needs, and no wider:
    // the left column gets the rest, whatever the page width.
    let right_width = match spec.style {
        HeaderStyle::State => [
            text_width_mm(NATION, FontStyle::Bold, z.national),
            text_width_mm(MOTTO, FontStyle::Bold, z.motto),
        ]
        .into_iter()
        .fold(0.0, f32::max),
        // The Party title is short; the 14 pt place-date line under it sets
        // the width (up to ~95 mm, so the issuer keeps 70 mm).
        HeaderStyle::Party => text_width_mm(&spec.place_date, FontStyle::Italic, z.place_date)
            .clamp(text_width_mm(PARTY, FontStyle::Bold, z.national), 95.0),
    } + COLUMN_AIR_MM;
    // Portrait A4 with Decree margins: the left column's share of 165 mm.
    let left_width = 165.0 - right_width;

    let parent = balanced(
        &spec.parent_body.to_uppercase(),
        FontStyle::Regular,
        z.header_caps,
        left_width,
    );
    let issuer = balanced(
        &spec.issuer.to_uppercase(),
        FontStyle::Bold,
        z.header_caps,
        left_width,
    );
    let mut left_blocks = Vec::new();
    if !parent.trim().is_empty() {
        left_blocks.push(centered(&parent, FontStyle::Regular, z.header_caps));
    }
    left_blocks.push(centered(&issuer, FontStyle::Bold, z.header_caps));
    match spec.style {
        HeaderStyle::State => {
            let widest = issuer
                .lines()
                .map(|l| text_width_mm(l, FontStyle::Bold, z.header_caps))
                .fold(0.0, f32::max);
            // Decree 30: a rule of 1/3 to 1/2 of the issuer's line.
            left_blocks.push(Block::Rule(Rule::new((widest * 0.4).max(15.0))));
        }
        HeaderStyle::Party => left_blocks.push(centered("*", FontStyle::Regular, z.header_caps)),
    }

    let columns = |left: Vec<Block>, right: Vec<Block>| {
        Block::Columns(vec![
            Column::new(ColumnWidth::Relative(1.0), left),
            Column::new(ColumnWidth::Mm(right_width), right),
        ])
    };
    let number = Paragraph::text(&spec.number, FontStyle::Regular, z.number).centered();
    let place_date = Paragraph::text(&spec.place_date, FontStyle::Italic, z.place_date).centered();
    vec![
        columns(left_blocks, right_blocks),
        Block::Spacer(1.0),
        columns(vec![number.into()], vec![place_date.into()]),
    ]
}

/// "Bà Rịa – Vũng Tàu, ngày 05 tháng 02 năm 2020": days below 10 and the
/// months 1 and 2 take a leading zero (Decree 30), other months do not.
pub fn place_date_line(place: &str, day: u32, month: u32, year: i32) -> String {
    let month = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    let date = format!("ngày {day:02} tháng {month} năm {year}");
    let place = place.trim();
    if place.is_empty() {
        date
    } else {
        format!("{place}, {date}")
    }
}

/// Document kind in bold caps ("BIÊN BẢN"), the subject line in bold under
/// it, and a short rule under the subject.
pub fn title(style: HeaderStyle, title_caps: &str, subject: &str) -> Vec<Block> {
    let z = style.sizes();
    let mut blocks = vec![
        Paragraph::text(title_caps.to_uppercase(), FontStyle::Bold, z.title)
            .role(Role::Title)
            .centered()
            .space_before(6.0)
            .keep_with_next()
            .into(),
    ];
    if !subject.trim().is_empty() {
        blocks.push(
            Paragraph::text(subject, FontStyle::Bold, z.subject)
                .role(Role::Subject)
                .centered()
                .into(),
        );
        let widest_line = subject
            .lines()
            .map(|l| text_width_mm(l, FontStyle::Bold, z.subject))
            .fold(0.0, f32::max);
        blocks.push(Block::Rule(Rule::new(
            (widest_line / 3.0).clamp(20.0, 60.0),
        )));
    }
    blocks.push(Block::Spacer(3.0));
    blocks
}

/// A body paragraph: justified, first-line indent, 6 pt after.
pub fn body(text: &str) -> Paragraph {
    Paragraph::text(text, FontStyle::Regular, BODY_PT)
        .role(Role::Body)
        .align(Align::Justify)
        .indent(BODY_INDENT_MM)
        .space_after(BODY_SPACE_AFTER_MM)
}

/// A unit's name as title lines: a long one breaks between the unit and
/// its province ("TRƯỜNG CHÍNH TRỊ" / "TỈNH BÀ RỊA - VŨNG TÀU"), never
/// inside the province's name as the line breaker would.
pub fn unit_lines(name: &str) -> Vec<String> {
    const ONE_LINE: usize = 24;
    let name = name.trim();
    if name.chars().count() <= ONE_LINE {
        return vec![name.to_string()];
    }
    let upper = name.to_uppercase();
    for place in [" TỈNH ", " THÀNH PHỐ ", " TP. "] {
        if let Some(at) = upper.find(place) {
            return vec![
                upper[..at].trim().to_string(),
                upper[at..].trim().to_string(),
            ];
        }
    }
    vec![upper]
}

/// Is this signature line the signer's authority ("TM. …", "T/M …",
/// "KT. …", "K/T …") rather than an office?
fn is_authority(line: &str) -> bool {
    [
        "TM.", "T/M", "KT.", "K/T", "Q.", "TL.", "T/L", "TUQ.", "T/U",
    ]
    .iter()
    .any(|p| line.trim_start().to_uppercase().starts_with(p))
}

/// A signature block for a column: caps title lines (the authority bold;
/// the office bold in the State layout, upright in the Party one), space
/// to sign, the bold name.
pub fn signature(style: HeaderStyle, signer: &Signer) -> Vec<Block> {
    let z = style.sizes();
    let mut blocks: Vec<Block> = signer
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let gap = if i == 0 { CLOSING_GAP_MM } else { 0.0 };
            let (font, size) = if is_authority(l) {
                (FontStyle::Bold, z.authority)
            } else if z.office_bold {
                (FontStyle::Bold, z.office)
            } else {
                (FontStyle::Regular, z.office)
            };
            Paragraph::text(l.to_uppercase(), font, size)
                .centered()
                .space_before(gap)
                .into()
        })
        .collect();
    blocks.push(Block::Spacer(SIGNING_SPACE_MM));
    blocks.push(centered(&signer.name, FontStyle::Bold, z.signer_name));
    blocks
}

/// "Nơi nhận:" and the list, for the left of the last page.
pub fn recipients(style: HeaderStyle, lines: &[&str]) -> Vec<Block> {
    const TITLE: &str = "Nơi nhận:";
    let z = style.sizes();
    let mut blocks = vec![match style {
        HeaderStyle::State => Block::Paragraph(
            Paragraph::new(vec![Span::bold_italic(TITLE, z.recipients_title)])
                .space_before(CLOSING_GAP_MM),
        ),
        // Guide 36: "Nơi nhận" upright and underlined; the rule under a
        // column as wide as the words is that underline.
        HeaderStyle::Party => {
            let w = text_width_mm(TITLE, FontStyle::Regular, z.recipients_title);
            Block::Columns(vec![
                Column::new(
                    ColumnWidth::Mm(w),
                    vec![
                        Paragraph::text(TITLE, FontStyle::Regular, z.recipients_title)
                            .space_before(CLOSING_GAP_MM)
                            .into(),
                        Block::Rule(Rule::new(w)),
                    ],
                ),
                Column::new(ColumnWidth::Relative(1.0), Vec::new()),
            ])
        }
    }];
    blocks.extend(
        lines
            .iter()
            .map(|l| Paragraph::text(*l, FontStyle::Regular, z.recipients).into()),
    );
    blocks
}

/// Recipients on the left, the signature on the right (letters, decisions).
pub fn recipients_and_signature(
    style: HeaderStyle,
    recipient_lines: &[&str],
    signer: &Signer,
) -> Block {
    with_previous(Block::Columns(vec![
        Column::new(
            ColumnWidth::Relative(1.0),
            recipients(style, recipient_lines),
        ),
        Column::new(ColumnWidth::Relative(1.1), signature(style, signer)),
    ]))
}

/// A signature block is never alone on a page: it goes with the last lines
/// of the text above it.
pub fn with_previous(block: Block) -> Block {
    Block::WithPrevious(Box::new(block))
}

/// One signature on the right half.
pub fn signature_right(style: HeaderStyle, signer: &Signer) -> Block {
    with_previous(Block::Columns(vec![
        Column::new(ColumnWidth::Relative(1.0), Vec::new()),
        Column::new(ColumnWidth::Relative(1.1), signature(style, signer)),
    ]))
}

/// Two signatures side by side, e.g. THƯ KÝ left and CHỦ TRÌ right.
pub fn signatures_two(style: HeaderStyle, left: &Signer, right: &Signer) -> Block {
    with_previous(Block::Columns(vec![
        Column::new(ColumnWidth::Relative(1.0), signature(style, left)).bottom(),
        Column::new(ColumnWidth::Relative(1.0), signature(style, right)).bottom(),
    ]))
}

/// Many signers (one per member school of a pact), `per_row` to a row; a
/// short last row is centred. Each row is one unbreakable block.
pub fn signature_grid(style: HeaderStyle, signers: &[Signer], per_row: usize) -> Vec<Block> {
    let per_row = per_row.max(1);
    let mut blocks = Vec::new();
    for (index, row) in signers.chunks(per_row).enumerate() {
        if index > 0 {
            blocks.push(Block::Spacer(10.0));
        }
        let missing = (per_row - row.len()) as f32;
        let mut columns = Vec::with_capacity(row.len() + 2);
        if missing > 0.0 {
            columns.push(Column::new(
                ColumnWidth::Relative(missing / 2.0),
                Vec::new(),
            ));
        }
        columns.extend(
            row.iter()
                .map(|s| Column::new(ColumnWidth::Relative(1.0), signature(style, s)).bottom()),
        );
        if missing > 0.0 {
            columns.push(Column::new(
                ColumnWidth::Relative(missing / 2.0),
                Vec::new(),
            ));
        }
        blocks.push(Block::Columns(columns));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_for_small_days_and_first_two_months() {
        assert_eq!(place_date_line("", 5, 2, 2020), "ngày 05 tháng 02 năm 2020");
        assert_eq!(
            place_date_line("Bà Rịa – Vũng Tàu", 22, 11, 2019),
            "Bà Rịa – Vũng Tàu, ngày 22 tháng 11 năm 2019"
        );
        assert_eq!(
            place_date_line("Huế", 1, 3, 2021),
            "Huế, ngày 01 tháng 3 năm 2021"
        );
        assert_eq!(
            place_date_line("Huế", 10, 1, 2021),
            "Huế, ngày 10 tháng 01 năm 2021"
        );
    }

    #[test]
    fn long_header_lines_are_balanced() {
        let two = balanced(
            "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH",
            FontStyle::Regular,
            12.0,
            60.0,
        );
        let lines: Vec<&str> = two.lines().collect();
        assert_eq!(lines.len(), 2, "{two}");
        let w: Vec<f32> = lines
            .iter()
            .map(|l| text_width_mm(l, FontStyle::Regular, 12.0))
            .collect();
        assert!((w[0] - w[1]).abs() < 20.0, "{two}");
    }

    #[test]
    fn grid_centres_a_short_last_row() {
        let signers: Vec<Signer> = (0..7)
            .map(|i| Signer::new(&["HIỆU TRƯỞNG"], &format!("Người {i}")))
            .collect();
        let grid = signature_grid(HeaderStyle::State, &signers, 2);
        let rows: Vec<&Block> = grid
            .iter()
            .filter(|b| matches!(b, Block::Columns(_)))
            .collect();
        assert_eq!(rows.len(), 4);
        assert!(matches!(rows[3], Block::Columns(c) if c.len() == 3));
    }
}
