//! Reads back what a generated PDF shows, in pure Rust (lopdf), so document
//! tests also run where no poppler exists (the Windows build under Wine).
//!
//! Text is decoded through each font's ToUnicode map, as copy/paste in a
//! viewer does, and every text run keeps its position and width (from the
//! font's glyph widths), so tests can check both words and placement.
//!
//! Use from a test file with:
//! `#[path = "support/pdf_text.rs"] mod pdf_text;`
#![allow(dead_code)] // each test file uses a different part

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// One text-showing operation. Points, origin bottom-left (PDF space).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub end_x: f32,
    pub size: f32,
    /// BaseFont, e.g. "ABCDEF+Tinos-Bold" (subset tag included).
    pub font: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<Run>,
}

impl Page {
    /// Lines top to bottom; runs on one baseline joined left to right, with a
    /// space where there is a visible gap (justified words, table cells).
    pub fn lines(&self) -> Vec<String> {
        let mut runs: Vec<&Run> = self.runs.iter().collect();
        runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Vec<&Run>> = Vec::new();
        for run in runs {
            match lines.last_mut() {
                Some(line) if (line[0].y - run.y).abs() < 0.5 => line.push(run),
                _ => lines.push(vec![run]),
            }
        }
        lines
            .into_iter()
            .map(|mut line| {
                line.sort_by(|a, b| a.x.total_cmp(&b.x));
                let mut text = String::new();
                let mut end: Option<f32> = None;
                for run in line {
                    if let Some(end) = end
                        && run.x - end > 0.15 * run.size
                        && !text.ends_with(' ')
                        && !run.text.starts_with(' ')
                    {
                        text.push(' ');
                    }
                    text.push_str(&run.text);
                    end = Some(run.end_x);
                }
                text.trim_end().to_string()
            })
            .collect()
    }

    /// The page's text, one line per line.
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }
}

/// Document information dictionary entries, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub title: String,
    /// Raw PDF date, e.g. "D:20260127101848+00'00'".
    pub creation_date: String,
}

fn number(o: &Object) -> f32 {
    o.as_float().expect("a number operand")
}

/// A text string: UTF-16BE with BOM, else PDFDocEncoding (Latin-1 here).
fn text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

pub fn info(pdf: &[u8]) -> Info {
    let doc = Document::load_mem(pdf).expect("a readable PDF");
    let info_ref = doc.trailer.get(b"Info").expect("an Info dictionary");
    let (_, info) = doc.dereference(info_ref).expect("Info resolves");
    let info = info.as_dict().expect("Info is a dictionary");
    let string = |key: &[u8]| match info.get(key) {
        Ok(Object::String(bytes, _)) => text_string(bytes),
        _ => String::new(),
    };
    Info {
        title: string(b"Title"),
        creation_date: string(b"CreationDate"),
    }
}

/// Glyph widths of a font, in thousandths of the text size.
struct Widths {
    two_byte: bool,
    default: f32,
    by_code: BTreeMap<u32, f32>,
}

impl Widths {
    fn of(font: &Dictionary, doc: &Document) -> Widths {
        let two_byte = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Type0");
        let mut by_code = BTreeMap::new();
        if two_byte {
            let descendant = font
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            let Some(cid_font) = descendant else {
                return Widths {
                    two_byte,
                    default: 1000.0,
                    by_code,
                };
            };
            let default = cid_font.get(b"DW").map_or(1000.0, number);
            if let Ok(w) = cid_font.get_deref(b"W", doc).and_then(Object::as_array) {
                // [c [w1 w2 …]] or [c_first c_last w]
                let mut i = 0;
                while i < w.len() {
                    let first = number(&w[i]) as u32;
                    match w.get(i + 1) {
                        Some(Object::Array(list)) => {
                            for (k, width) in list.iter().enumerate() {
                                by_code.insert(first + k as u32, number(width));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let width = w.get(i + 2).map_or(default, number);
                            for code in first..=number(last) as u32 {
                                by_code.insert(code, width);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
            Widths {
                two_byte,
                default,
                by_code,
            }
        } else {
            let first = font.get(b"FirstChar").map_or(0.0, number) as u32;
            if let Ok(list) = font.get_deref(b"Widths", doc).and_then(Object::as_array) {
                for (k, width) in list.iter().enumerate() {
                    by_code.insert(first + k as u32, number(width));
                }
            }
            Widths {
                two_byte,
                default: 500.0,
                by_code,
            }
        }
    }

    fn advance(&self, bytes: &[u8]) -> f32 {
        let width = |code: u32| *self.by_code.get(&code).unwrap_or(&self.default);
        if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| width(u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))))
                .sum()
        } else {
            bytes.iter().map(|&b| width(u32::from(b))).sum()
        }
    }
}

/// Every page with its text runs.
pub fn pages(pdf: &[u8]) -> Vec<Page> {
    let doc = Document::load_mem(pdf).expect("a readable PDF");
    doc.get_pages()
        .into_values()
        .map(|page_id| {
            let page = doc.get_dictionary(page_id).expect("a page dictionary");
            let media = page
                .get_deref(b"MediaBox", &doc)
                .and_then(Object::as_array)
                .expect("a MediaBox");
            let fonts = doc.get_page_fonts(page_id).expect("page fonts");
            let mut decoders = BTreeMap::new();
            for (name, font) in &fonts {
                let encoding = font.get_font_encoding(&doc).expect("a font encoding");
                let base = font
                    .get(b"BaseFont")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                decoders.insert(name.clone(), (encoding, Widths::of(font, &doc), base));
            }
            let content = Content::decode(&doc.get_page_content(page_id)).expect("content stream");
            let mut runs = Vec::new();
            let (mut x, mut y, mut line_x, mut line_y) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
            let mut font: Option<&Vec<u8>> = None;
            let mut size = 0.0f32;
            for op in &content.operations {
                let args = &op.operands;
                match op.operator.as_str() {
                    "BT" => (x, y, line_x, line_y) = (0.0, 0.0, 0.0, 0.0),
                    "Tf" => {
                        font = fonts
                            .keys()
                            .find(|k| args[0].as_name().is_ok_and(|n| n == k.as_slice()));
                        size = number(&args[1]);
                    }
                    "Tm" => {
                        (x, y) = (number(&args[4]), number(&args[5]));
                        (line_x, line_y) = (x, y);
                    }
                    "Td" | "TD" => {
                        (x, y) = (line_x + number(&args[0]), line_y + number(&args[1]));
                        (line_x, line_y) = (x, y);
                    }
                    "Tj" | "TJ" => {
                        let Some((encoding, widths, base)) = font.and_then(|f| decoders.get(f))
                        else {
                            continue;
                        };
                        let start = x;
                        let mut text = String::new();
                        let items: Vec<&Object> = match &args[0] {
                            Object::Array(items) => items.iter().collect(),
                            other => vec![other],
                        };
                        for item in items {
                            match item {
                                Object::String(bytes, _) => {
                                    text.push_str(
                                        &Document::decode_text(encoding, bytes)
                                            .expect("decodable text"),
                                    );
                                    x += widths.advance(bytes) / 1000.0 * size;
                                }
                                other => x -= number(other) / 1000.0 * size,
                            }
                        }
                        runs.push(Run {
                            x: start,
                            y,
                            end_x: x,
                            size,
                            font: base.clone(),
                            text,
                        });
                    }
                    _ => {}
                }
            }
            Page {
                width: number(&media[2]) - number(&media[0]),
                height: number(&media[3]) - number(&media[1]),
                runs,
            }
        })
        .collect()
}

/// All pages' text, pages separated by a form feed.
pub fn text(pdf: &[u8]) -> String {
    pages(pdf)
        .iter()
        .map(Page::text)
        .collect::<Vec<_>>()
        .join("\n\u{c}\n")
}
