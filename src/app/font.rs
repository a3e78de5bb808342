//! The embedded UI font. Arimo (SIL OFL 1.1, `fonts/LICENSE-Arimo.txt`)
//! covers every Vietnamese letter; it is embedded whole, not subset, because
//! school and person names are user data and may use any letter. Without an
//! embedded font iced draws no text at all on a machine with no system fonts.

use iced::Font;

pub const REGULAR_BYTES: &[u8] = include_bytes!("../../fonts/Arimo-Regular.ttf");
pub const BOLD_BYTES: &[u8] = include_bytes!("../../fonts/Arimo-Bold.ttf");

pub const REGULAR: Font = Font::with_name("Arimo");
pub const BOLD: Font = Font {
    weight: iced::font::Weight::Bold,
    ..REGULAR
};

/// The documents' serif (Tinos, as the PDFs embed it), for the page
/// preview: the preview draws with the faces the printed page uses.
pub const PAGE: Font = Font::with_name("Tinos");

/// Every face: the UI's two and the documents' four, for
/// `Application::font` and the test simulator.
pub fn all() -> [&'static [u8]; 6] {
    use crate::document::FontStyle;
    [
        REGULAR_BYTES,
        BOLD_BYTES,
        FontStyle::Regular.bytes(),
        FontStyle::Bold.bytes(),
        FontStyle::Italic.bytes(),
        FontStyle::BoldItalic.bytes(),
    ]
}

/// The preview's face for a document's style.
pub fn page(style: crate::document::FontStyle) -> Font {
    use crate::document::FontStyle;
    let (weight, style) = match style {
        FontStyle::Regular => (iced::font::Weight::Normal, iced::font::Style::Normal),
        FontStyle::Bold => (iced::font::Weight::Bold, iced::font::Style::Normal),
        FontStyle::Italic => (iced::font::Weight::Normal, iced::font::Style::Italic),
        FontStyle::BoldItalic => (iced::font::Weight::Bold, iced::font::Style::Italic),
    };
    Font {
        weight,
        style,
        ..PAGE
    }
}
