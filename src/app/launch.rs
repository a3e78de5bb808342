//! Starting the window: its size on this screen and the iced application.

use super::*;

/// A window size that fits on the monitor, leaving room for the taskbar
/// and title bar; None when `window` already fits.
pub fn fitted(window: Size, monitor: Size) -> Option<Size> {
    let max = Size::new(monitor.width * 0.96, monitor.height * 0.9);
    (window.width > max.width || window.height > max.height)
        .then(|| Size::new(window.width.min(max.width), window.height.min(max.height)))
}

/// The window program, shared by `main` and the tests.
pub fn application(
    boot: Boot,
) -> iced::Application<impl iced::Program<State = App, Message = Message, Theme = Theme>> {
    let size = Size::new(
        boot.settings.settings.window_width,
        boot.settings.settings.window_height,
    );
    let faces = font::all();
    let app = iced::application(move || App::new(boot.clone()), App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .scale_factor(App::scale)
        .default_font(font::REGULAR)
        .window(window::Settings {
            size,
            min_size: Some(MIN_SIZE),
            exit_on_close_request: false,
            ..window::Settings::default()
        });
    faces.into_iter().fold(app, |app, face| app.font(face))
}

/// Below this the side menu no longer fits and its last button is squeezed
/// to nothing.
pub const MIN_SIZE: Size = Size::new(1024.0, 540.0);

/// Runs the window, opening `file` if given.
pub fn run(file: Option<PathBuf>) -> iced::Result {
    application(Boot::from_user_folders(file)).run()
}
