//! One wheel notch over the scoring grid, 10 schools × 100 criteria, as
//! the window's loop does it: the wheel event through the widget tree,
//! the scroll message handled, the view rebuilt on the previous frame's
//! cache, laid out and drawn with the software renderer (tiny-skia, the
//! one kept renderer, so glyphs drawn before are reused) — at 1920 × 1080
//! at 150 % (1280 × 720 in the window's units, drawn at scale 1.5) and at
//! 1366 × 768. Target (issue 27): p95 ≤ 50 ms per notch.
//!
//! The frame is drawn whole (the window redraws only what changed), so
//! this is an upper bound of the real window's frame.

use criterion::{Criterion, criterion_group, criterion_main};
use iced::advanced::renderer::Headless;
use iced::mouse::ScrollDelta;
use iced::{Size, Theme};
use iced_runtime::user_interface::{self, UserInterface};
use std::time::{Duration, Instant};
use thidua::app::screen::View;
use thidua::app::{App, Boot, Message, font};

fn app_at(size: Size, dir: &std::path::Path) -> App {
    let wb = thidua::workbook::synthetic::workbook(10, 100, 0);
    let path = dir.join("muoi.json");
    std::fs::write(&path, thidua::workbook::to_bytes(&wb)).unwrap();
    let mut boot = Boot::isolated(Some(path));
    boot.settings = thidua::settings::Store::in_memory(thidua::settings::Settings {
        machine: Some(thidua::workbook::Owner::Cluster),
        window_width: size.width,
        window_height: size.height,
        ..thidua::settings::Settings::default()
    });
    let mut app = App::new(boot).0;
    let _ = app.update(Message::Resized(size));
    let _ = app.update(Message::Navigate(View::Scoring));
    app
}

fn notch(c: &mut Criterion, name: &str, size: Size, scale: f32) {
    for f in font::all() {
        iced::advanced::graphics::text::font_system()
            .write()
            .expect("font system")
            .load_font(std::borrow::Cow::Borrowed(f));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(size, dir.path());
    let mut renderer: iced::Renderer = iced::futures::executor::block_on(
        <iced::Renderer as Headless>::new(font::REGULAR, iced::Pixels(16.0), None),
    )
    .expect("a software renderer");
    let mut cache = Some(user_interface::Cache::default());
    let cursor =
        iced::mouse::Cursor::Available(iced::Point::new(size.width * 0.6, size.height * 0.5));
    let physical = Size::new(
        (size.width * scale).round() as u32,
        (size.height * scale).round() as u32,
    );
    let style = iced::advanced::renderer::Style {
        text_color: iced::Color::BLACK,
    };
    let mut step = 0u32;
    let mut seen: Vec<Duration> = Vec::new();
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                step += 1;
                let lines = if (step / 20).is_multiple_of(2) {
                    -3.0
                } else {
                    3.0
                };
                let start = Instant::now();
                // The wheel event through the tree, as the runtime sends it.
                let mut ui = UserInterface::build(
                    app.view(),
                    size,
                    cache.take().unwrap_or_default(),
                    &mut renderer,
                );
                let mut messages = Vec::new();
                let _ = ui.update(
                    &[iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
                        delta: ScrollDelta::Lines { x: 0.0, y: lines },
                    })],
                    cursor,
                    &mut renderer,
                    &mut iced::advanced::clipboard::Null,
                    &mut messages,
                );
                cache = Some(ui.into_cache());
                for m in messages {
                    let _ = app.update(m);
                }
                // The frame: rebuilt on the cache, laid out, drawn.
                let mut ui = UserInterface::build(
                    app.view(),
                    size,
                    cache.take().unwrap_or_default(),
                    &mut renderer,
                );
                let _ = ui.update(
                    &[iced::Event::Window(iced::window::Event::RedrawRequested(
                        Instant::now(),
                    ))],
                    cursor,
                    &mut renderer,
                    &mut iced::advanced::clipboard::Null,
                    &mut Vec::new(),
                );
                ui.draw(&mut renderer, &Theme::Light, &style, cursor);
                cache = Some(ui.into_cache());
                let pixels = renderer.screenshot(physical, scale, iced::Color::WHITE);
                std::hint::black_box(pixels);
                let took = start.elapsed();
                seen.push(took);
                total += took;
            }
            total
        })
    });
    // The measure: the median and the 95th percentile per notch.
    seen.sort();
    let at = |q: f64| seen[((seen.len() - 1) as f64 * q) as usize];
    if !seen.is_empty() {
        eprintln!(
            "{name}: p50 {:.1} ms, p95 {:.1} ms over {} notches",
            at(0.5).as_secs_f64() * 1e3,
            at(0.95).as_secs_f64() * 1e3,
            seen.len()
        );
    }
}

fn scroll(c: &mut Criterion) {
    notch(
        c,
        "scroll_notch_10x100_1920x1080_at_150",
        Size::new(1280.0, 720.0),
        1.5,
    );
    notch(
        c,
        "scroll_notch_10x100_1366x768",
        Size::new(1366.0, 768.0),
        1.0,
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = scroll
}
criterion_main!(benches);
