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

/// Both faces, for `Application::font` and the test simulator.
pub fn all() -> [&'static [u8]; 2] {
    [REGULAR_BYTES, BOLD_BYTES]
}
