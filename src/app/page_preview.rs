//! A document's pages drawn in the window as they will print: the runs of
//! text and the rules of the PDF's own layout (`document::layout`), placed
//! in millimetres and drawn with the faces the PDF embeds (Tinos), on white
//! A4 sheets one under another.
//!
//! What is drawn is listed first (`draw_list`), then painted: the list is
//! what the tests compare with the positions read back from the PDF.

use iced::widget::canvas::{self, Frame, Path, Stroke, Text};
use iced::{Color, Element, Length, Pixels, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::document::{PageLayout, PlacedText};

/// Room between the sheets, and around them.
const GAP: f32 = 12.0;

/// One run of text as the canvas draws it: its content, where its
/// baseline starts on the sheet (millimetres from the sheet's top-left),
/// its face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub page: usize,
    pub x_mm: f32,
    pub baseline_mm: f32,
    pub size_pt: f32,
    pub text: String,
}

/// What the preview draws of `pages`: every run of text, page by page.
pub fn draw_list(pages: &[PageLayout]) -> Vec<Run> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(page, p)| {
            p.texts.iter().map(move |t| Run {
                page,
                x_mm: t.x_mm,
                baseline_mm: t.baseline_mm,
                size_pt: t.size_pt,
                text: t.text.clone(),
            })
        })
        .collect()
}

/// The pages at `width` logical pixels a sheet.
pub fn pages<'a, M: 'a>(pages: &'a [PageLayout], width: f32) -> Element<'a, M> {
    let scale = pages.first().map_or(1.0, |p| width / p.width_mm.max(1.0));
    let height: f32 = pages.iter().map(|p| p.height_mm * scale + GAP).sum::<f32>() + GAP;
    canvas::Canvas::new(Sheets { pages, scale })
        .width(Length::Fixed(width + 2.0 * GAP))
        .height(Length::Fixed(height.max(1.0)))
        .into()
}

struct Sheets<'a> {
    pages: &'a [PageLayout],
    /// Logical pixels per millimetre.
    scale: f32,
}

impl<M> canvas::Program<M> for Sheets<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let k = self.scale;
        let mut top = GAP;
        for page in self.pages {
            let sheet = Size::new(page.width_mm * k, page.height_mm * k);
            // A faint shadow, then the white sheet.
            frame.fill_rectangle(
                Point::new(GAP + 2.0, top + 2.0),
                sheet,
                Color::from_rgba(0.0, 0.0, 0.0, 0.15),
            );
            frame.fill_rectangle(Point::new(GAP, top), sheet, Color::WHITE);
            for l in &page.lines {
                let path = Path::line(
                    Point::new(GAP + l.x1_mm * k, top + l.y1_mm * k),
                    Point::new(GAP + l.x2_mm * k, top + l.y2_mm * k),
                );
                frame.stroke(
                    &path,
                    Stroke::default()
                        .with_width((l.thickness_pt * 25.4 / 72.0 * k).max(0.5))
                        .with_color(Color::BLACK),
                );
            }
            for t in &page.texts {
                frame.fill_text(text_at(t, k, Point::new(GAP, top)));
            }
            top += sheet.height + GAP;
        }
        vec![frame.into_geometry()]
    }
}

/// A run placed by its baseline: the canvas places text by the top of its
/// line box, which for Tinos at a line height of 1 lies 0,8375 em above
/// the baseline ((1 − 1,107) / 2 + 0,891: the font's ascent 0,891 em and
/// descent 0,216 em, centred in the box).
fn text_at(t: &PlacedText, k: f32, origin: Point) -> Text {
    let size = t.size_pt * 25.4 / 72.0 * k;
    Text {
        content: t.text.clone(),
        position: Point::new(
            origin.x + t.x_mm * k,
            origin.y + t.baseline_mm * k - 0.8375 * size,
        ),
        size: Pixels(size),
        line_height: iced::widget::text::LineHeight::Relative(1.0),
        font: crate::app::font::page(t.style),
        color: Color::BLACK,
        ..Text::default()
    }
}
