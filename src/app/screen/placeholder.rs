//! Views that later issues fill in: their name and what they will hold.

use iced::Element;
use iced::widget::{column, text};

use super::View;
use crate::app::{strings as s, theme};

pub fn view<'a, M: 'a>(v: View) -> Element<'a, M> {
    let about = match v {
        View::Members => "",
        View::Activities => s::ABOUT_ACTIVITIES,
        View::Scoring | View::Criteria => s::ABOUT_SCORING,
        View::Awards => s::ABOUT_AWARDS,
        View::YearEnd => s::ABOUT_YEAR_END,
        View::Documents => s::ABOUT_DOCUMENTS,
    };
    column![
        text(v.label())
            .size(theme::TEXT_TITLE)
            .font(crate::app::font::BOLD),
        text(about).color(theme::MUTED),
    ]
    .spacing(theme::SPACE_M)
    .into()
}
