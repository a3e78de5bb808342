//! A calm light theme and the spacing every screen uses, so screens look
//! alike without each choosing its own numbers.

use iced::widget::{button, container};
use iced::{Border, Color, Theme, color};

pub const SPACE_S: f32 = 6.0;
pub const SPACE_M: f32 = 12.0;
pub const SPACE_L: f32 = 20.0;
pub const TEXT_SMALL: f32 = 13.0;
/// The navigation sidebar: narrow enough to leave the scoring grid's
/// criterion names two lines at 1366 px.
pub const SIDEBAR_W: f32 = 200.0;
/// The sidebar's entries: one line each at that width.
pub const TEXT_NAV: f32 = 15.0;
pub const TEXT_TITLE: f32 = 22.0;
pub const TEXT_HEADING: f32 = 17.0;

pub fn theme() -> Theme {
    themed(false)
}

/// The theme, with a background one step of blue apart when `alternate`.
/// The software renderer redraws only what changed between frames, and
/// the anti-aliased edges of the previous view's borders were left behind
/// as thin lines; it redraws everything when the background colour changes,
/// so the app alternates it (invisibly) when the view changes.
pub fn themed(alternate: bool) -> Theme {
    static THEMES: std::sync::OnceLock<[Theme; 2]> = std::sync::OnceLock::new();
    THEMES.get_or_init(|| [build(0xf6f7f9), build(0xf6f7f8)])[usize::from(alternate)].clone()
}

fn build(background: u32) -> Theme {
    let [_, r, g, b] = background.to_be_bytes();
    Theme::custom(
        "Sổ Thi Đua",
        iced::theme::Palette {
            background: Color::from_rgb8(r, g, b),
            text: color!(0x1f2933),
            primary: color!(0x2f6f9f),
            success: color!(0x2e7d4f),
            warning: color!(0xb7791f),
            danger: color!(0xb23b3b),
        },
    )
}

pub const MUTED: Color = color!(0x5f6b7a);

/// A white card with a thin border: lists, forms, dialogs.
pub fn card(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(Color::WHITE.into()),
        border: Border {
            color: p.background.strong.color,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// The navigation sidebar.
pub fn sidebar(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.background.weak.color.into()),
        ..container::Style::default()
    }
}

/// A yellow note: problems found in a file, notices.
pub fn note(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(color!(0xfff8e1).into()),
        border: Border {
            color: color!(0xe6c36a),
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// A red note: errors.
pub fn error_note(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(color!(0xfdecec).into()),
        border: Border {
            color: color!(0xe0a0a0),
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// The dimmed backdrop behind a modal dialog.
pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgba(0.1, 0.12, 0.15, 0.45).into()),
        ..container::Style::default()
    }
}

/// A navigation entry: highlighted when it is the current view.
pub fn nav(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let mut style = button::text(theme, status);
        if selected {
            style.background = Some(p.primary.weak.color.into());
            style.text_color = p.primary.weak.text;
        } else if matches!(status, button::Status::Hovered) {
            style.background = Some(p.background.strong.color.into());
        }
        style.border.radius = 4.0.into();
        style
    }
}

/// A small role badge (cụm trưởng, cụm phó).
pub fn badge(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.primary.weak.color.into()),
        text_color: Some(p.primary.weak.text),
        border: Border {
            radius: 8.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// A secondary action: white with a thin border, quieter than iced's grey
/// secondary so that the one primary action on a screen stands out.
pub fn quiet(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.extended_palette();
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => p.primary.weak.color.scale_alpha(0.35),
        _ => Color::WHITE,
    };
    button::Style {
        background: Some(background.into()),
        text_color: match status {
            button::Status::Disabled => MUTED.scale_alpha(0.6),
            _ => p.background.base.text,
        },
        border: Border {
            color: p.background.strong.color,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..button::Style::default()
    }
}

// ----- Awards, year-end, documents (issue 7) -----

/// Body text on a card.
pub const TEXT: Color = color!(0x1f2933);
/// A result that holds: threshold met, proposed, ready.
pub const GOOD: Color = color!(0x2e7d4f);
/// A result that fails: threshold missed, refused.
pub const BAD: Color = color!(0xb23b3b);
/// A draft: usable, with blanks.
pub const AMBER: Color = color!(0xb7791f);

// ----- Scoring grid (issue 6) -----

/// Text of what still needs doing.
pub const WARN: Color = color!(0xb7791f);
/// A self-score that differs from the cluster's.
pub const DIFF: Color = color!(0xc05621);

/// No decoration (a grid row, a column head).
pub fn plain(_theme: &Theme) -> container::Style {
    container::Style::default()
}

/// A section row of the criteria table.
pub fn section_row(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(color!(0xeef2f6).into()),
        ..container::Style::default()
    }
}

/// The column of the selected school.
pub fn selected_col(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.primary.weak.color.scale_alpha(0.3).into()),
        border: Border {
            radius: 4.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// A score cell (not selected): pale yellow while missing, orange edge when
/// the two scores differ.
pub fn cell(missing: bool, differs: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.extended_palette();
        let background = match status {
            button::Status::Hovered | button::Status::Pressed => {
                p.primary.weak.color.scale_alpha(0.35)
            }
            _ if missing => color!(0xfff8e1),
            _ if differs => color!(0xfdebd8),
            _ => Color::WHITE,
        };
        button::Style {
            background: Some(background.into()),
            text_color: if missing {
                MUTED
            } else {
                p.background.base.text
            },
            border: Border {
                color: if differs {
                    DIFF
                } else {
                    p.background.strong.color
                },
                width: 1.0,
                radius: 3.0.into(),
            },
            ..button::Style::default()
        }
    }
}

/// The selected cell's input: red border when the value is refused.
pub fn cell_input(
    theme: &Theme,
    status: iced::widget::text_input::Status,
    bad: bool,
) -> iced::widget::text_input::Style {
    let mut style = iced::widget::text_input::default(theme, status);
    if bad {
        style.border.color = theme.palette().danger;
        style.border.width = 2.0;
        style.background = color!(0xfdecec).into();
    }
    style
}
