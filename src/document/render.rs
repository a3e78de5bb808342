//! Laid-out pages to PDF bytes with printpdf: absolute text matrices for
//! every run, strokes for lines, the used faces embedded as subsets.

use std::collections::HashMap;

use printpdf::{
    DateTime, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
};

use super::LayoutError;
use super::fonts::FontStyle;
use super::layout::{PageLayout, layout};
use super::model::Document;

/// Name written in the PDF's Creator and Producer fields.
const CREATOR: &str = "Sổ Thi Đua (thidua)";

/// A rendered document with the geometry it was drawn from, for callers
/// that report the page count and for tests that check positions.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: Vec<PageLayout>,
}

impl Rendered {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}

/// Lays out and renders `doc` as PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, LayoutError> {
    render_detailed(doc).map(|r| r.pdf)
}

/// Like [`render`], also returning the page geometry.
pub fn render_detailed(doc: &Document) -> Result<Rendered, LayoutError> {
    let pages = layout(doc)?;
    let mut pdf = PdfDocument::new(&doc.title);
    let now = DateTime::now();
    let info = &mut pdf.metadata.info;
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;
    info.creator = CREATOR.to_string();
    info.producer = CREATOR.to_string();
    info.author = doc.author.clone();

    // Only the faces the pages use go in, each subset to its glyphs.
    let mut font_ids: HashMap<FontStyle, FontId> = HashMap::new();
    for style in FontStyle::ALL {
        if pages
            .iter()
            .flat_map(|p| &p.texts)
            .any(|t| t.style == style)
        {
            let parsed = ParsedFont::from_bytes(style.bytes(), 0, &mut Vec::new())
                .ok_or(LayoutError::Font(style))?;
            font_ids.insert(style, pdf.add_font(&parsed));
        }
    }
    let pdf_pages = pages.iter().map(|p| page(p, &font_ids)).collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut bytes = pdf.with_pages(pdf_pages).save(&options, &mut Vec::new());
    finish(&mut bytes);
    Ok(Rendered { pdf: bytes, pages })
}

/// Two corrections printpdf 0.12 offers no setting for, made in place with
/// text of the same length, so every offset in the file stays right:
/// the empty `/GTS_PDFXVersion()` it always writes makes viewers call the
/// file a PDF/X document (blanked out), and the catalog gets the language
/// (`/Lang(vi-VN)`, for screen readers and search) in place of
/// `/PageMode/UseNone`, which is the default anyway. A file without either
/// pattern (another printpdf) is left as it is.
fn finish(bytes: &mut [u8]) {
    fn replace(bytes: &mut [u8], from: &[u8], to: &[u8]) {
        debug_assert!(to.len() <= from.len());
        if let Some(at) = bytes.windows(from.len()).position(|w| w == from) {
            let slot = &mut bytes[at..at + from.len()];
            slot.fill(b' ');
            slot[..to.len()].copy_from_slice(to);
        }
    }
    replace(bytes, b"/GTS_PDFXVersion()", b"");
    replace(bytes, b"/PageMode/UseNone", b"/Lang(vi-VN)");
}

fn page(layout: &PageLayout, fonts: &HashMap<FontStyle, FontId>) -> PdfPage {
    let height = layout.height_mm;
    // PDF measures from the bottom-left corner, our layout from the top-left.
    let point = |x_mm: f32, y_mm: f32| Point::new(Mm(x_mm), Mm(height - y_mm));
    let mut ops = Vec::with_capacity(layout.texts.len() * 2 + layout.lines.len() * 2 + 4);

    if !layout.texts.is_empty() {
        ops.push(Op::StartTextSection);
        let mut current: Option<(FontStyle, f32)> = None;
        for text in &layout.texts {
            let Some(id) = fonts.get(&text.style) else {
                continue;
            };
            if current != Some((text.style, text.size_pt)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(text.size_pt),
                });
                current = Some((text.style, text.size_pt));
            }
            let at = point(text.x_mm, text.baseline_mm);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(at.x, at.y),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.text.clone())],
            });
        }
        ops.push(Op::EndTextSection);
    }

    let mut thickness = None;
    for line in &layout.lines {
        if thickness != Some(line.thickness_pt) {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(line.thickness_pt),
            });
            thickness = Some(line.thickness_pt);
        }
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: point(line.x1_mm, line.y1_mm),
                        bezier: false,
                    },
                    LinePoint {
                        p: point(line.x2_mm, line.y2_mm),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }
    PdfPage::new(Mm(layout.width_mm), Mm(height), ops)
}
