//! The bundled Tinos fonts (Times New Roman metrics, full Vietnamese
//! coverage, SIL OFL 1.1: see `fonts/LICENSE-Tinos.txt`): their bytes for
//! embedding, their metrics for measuring, and their coverage for reporting
//! characters that would otherwise vanish from the PDF.

use std::sync::OnceLock;

use ttf_parser::Face;
use unicode_normalization::UnicodeNormalization;

/// The four faces of the one document typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FontStyle {
    #[default]
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    pub const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];

    fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
            FontStyle::BoldItalic => 3,
        }
    }

    /// The TrueType file embedded for this style.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => include_bytes!("../../fonts/Tinos-Regular.ttf"),
            FontStyle::Bold => include_bytes!("../../fonts/Tinos-Bold.ttf"),
            FontStyle::Italic => include_bytes!("../../fonts/Tinos-Italic.ttf"),
            FontStyle::BoldItalic => include_bytes!("../../fonts/Tinos-BoldItalic.ttf"),
        }
    }
}

/// Millimetres per typographic point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// Advance width used for a character the font lacks. Such text is refused
/// before rendering; the fallback only keeps measuring total and finite.
const FALLBACK_ADVANCE_EM: f32 = 0.5;

/// Parsed faces, shared: parsing is cheap but measuring happens per word.
struct Faces {
    faces: [Face<'static>; 4],
}

fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let parse = |style: FontStyle| Face::parse(style.bytes(), 0).ok();
            Some(Faces {
                faces: [
                    parse(FontStyle::Regular)?,
                    parse(FontStyle::Bold)?,
                    parse(FontStyle::Italic)?,
                    parse(FontStyle::BoldItalic)?,
                ],
            })
        })
        .as_ref()
}

fn face(style: FontStyle) -> Option<&'static Face<'static>> {
    faces().map(|f| &f.faces[style.index()])
}

/// Vertical metrics of a face, in ems.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VerticalMetrics {
    pub ascent: f32,
    pub descent: f32,
    pub line_gap: f32,
}

impl VerticalMetrics {
    /// Word's "single" line spacing for this face: ascent + descent + gap.
    pub fn line_height(&self) -> f32 {
        self.ascent + self.descent + self.line_gap
    }
}

pub(crate) fn vertical_metrics(style: FontStyle) -> VerticalMetrics {
    match face(style) {
        Some(face) => {
            let upm = f32::from(face.units_per_em().max(1));
            VerticalMetrics {
                ascent: f32::from(face.ascender()) / upm,
                descent: -f32::from(face.descender()) / upm,
                line_gap: f32::from(face.line_gap()) / upm,
            }
        }
        // Times New Roman's values; only reached if the bundled font is broken.
        None => VerticalMetrics {
            ascent: 0.891,
            descent: 0.216,
            line_gap: 0.042,
        },
    }
}

/// Advance width of `c` in ems.
fn advance_em(face: &Face<'_>, c: char) -> f32 {
    let upm = f32::from(face.units_per_em().max(1));
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(FALLBACK_ADVANCE_EM, |a| f32::from(a) / upm)
}

/// Width of `text` set in `style` at `size_pt`, in millimetres. No kerning:
/// printpdf places glyphs by their advances only, so neither do we.
pub fn text_width_mm(text: &str, style: FontStyle, size_pt: f32) -> f32 {
    let Some(face) = face(style) else {
        return text.chars().count() as f32 * FALLBACK_ADVANCE_EM * size_pt * MM_PER_PT;
    };
    let ems: f32 = text.chars().map(|c| advance_em(face, c)).sum();
    ems * size_pt * MM_PER_PT
}

/// Whether `c` needs a glyph at all: line breaks and other controls are
/// layout instructions, not text.
pub(crate) fn is_drawn(c: char) -> bool {
    !c.is_control()
}

pub(crate) fn has_glyph(style: FontStyle, c: char) -> bool {
    !is_drawn(c) || face(style).is_some_and(|f| f.glyph_index(c).is_some())
}

/// Characters of `text` (after NFC normalisation, as layout sees it) that at
/// least one of the four faces lacks, in order of first appearance. Export
/// calls this to tell the user, because a PDF viewer would just show nothing.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut missing = Vec::new();
    for c in text.nfc() {
        if !missing.contains(&c) && FontStyle::ALL.iter().any(|&s| !has_glyph(s, c)) {
            missing.push(c);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_covered_and_emoji_is_not() {
        assert!(missing_glyphs("Cộng hòa xã hội chủ nghĩa Việt Nam – ngày “05”").is_empty());
        assert_eq!(missing_glyphs("a😀b中😀"), vec!['😀', '中']);
    }

    #[test]
    fn decomposed_input_is_measured_like_precomposed() {
        let nfd = "Vie\u{302}\u{323}t";
        assert!(missing_glyphs(nfd).is_empty());
        let width = |s: &str| text_width_mm(&s.nfc().collect::<String>(), FontStyle::Regular, 13.0);
        assert!((width(nfd) - width("Việt")).abs() < 1e-4);
    }

    #[test]
    fn times_metrics() {
        // Tinos is metric-compatible with Times New Roman: "M" is 0.889 em.
        let w = text_width_mm("M", FontStyle::Regular, 72.0) / 25.4;
        assert!((w - 0.889).abs() < 0.01, "{w}");
        assert!((vertical_metrics(FontStyle::Regular).line_height() - 1.15).abs() < 0.01);
    }
}
