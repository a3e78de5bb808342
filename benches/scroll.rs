//! One wheel notch over the scoring grid, 10 schools × 100 criteria, as
//! the window does it: the scroll message handled, the view rebuilt, laid
//! out and drawn with the software renderer (tiny-skia) — at 1920 × 1080
//! at 150 % (1280 × 720 in the window's units) and at 1366 × 768.
//! Target (issue 27): p95 ≤ 50 ms per notch.
//!
//! The drawing here is iced_test's: a fresh widget tree each time (no text
//! shaped in an earlier frame is reused) and a raster at twice the size,
//! so it is an upper bound of the real window's frame.

use criterion::{Criterion, criterion_group, criterion_main};
use iced::Size;
use iced::mouse::ScrollDelta;
use iced_test::Simulator;
use std::time::{Duration, Instant};
use thidua::app::screen::View;
use thidua::app::{App, Boot, Message, font};

fn simulator(app: &App, size: Size) -> Simulator<'_, Message> {
    let settings = iced::Settings {
        fonts: font::all().into_iter().map(Into::into).collect(),
        default_font: font::REGULAR,
        ..iced::Settings::default()
    };
    Simulator::with_size(settings, size, app.view())
}

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

fn notch(c: &mut Criterion, name: &str, size: Size) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(size, dir.path());
    let mut down = true;
    let mut step = 0;
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // The wheel turned over the grid: what the window sends.
                let messages: Vec<Message> = {
                    let mut sim = simulator(&app, size);
                    sim.point_at(iced::Point::new(size.width * 0.6, size.height * 0.5));
                    let lines = if down { -3.0 } else { 3.0 };
                    let _ = sim.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
                        delta: ScrollDelta::Lines { x: 0.0, y: lines },
                    })]);
                    sim.into_messages().collect()
                };
                step += 1;
                if step % 20 == 0 {
                    down = !down;
                }
                // Timed: the message handled, then the frame it makes.
                let start = Instant::now();
                for m in messages {
                    let _ = app.update(m);
                }
                let t1 = start.elapsed();
                let mut sim = simulator(&app, size);
                let t2 = start.elapsed();
                let shot = sim.snapshot(&iced::Theme::Light).unwrap();
                std::hint::black_box(shot);
                total += start.elapsed();
                if std::env::var("SPLIT").is_ok() {
                    eprintln!("update {:?} view+layout {:?} draw {:?}", t1, t2 - t1, start.elapsed() - t2);
                }
            }
            total
        })
    });
}

fn scroll(c: &mut Criterion) {
    notch(c, "scroll_notch_10x100_1920x1080_at_150", Size::new(1280.0, 720.0));
    notch(c, "scroll_notch_10x100_1366x768", Size::new(1366.0, 768.0));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = scroll
}
criterion_main!(benches);
