//! Qua các năm: the cluster's years side by side, read from the folder of
//! the open workbook (or one the clerk picks) off the window's thread: a
//! table of each school's score and rank per year (merged schools nested
//! under the school that continues them), a chart of the final scores
//! across the years, and for the open year a bar chart of self against
//! cluster score per school — the difference the conference argues about.
//! Charts are drawn with iced's canvas: two simple charts need no crate.

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::button::{self, button};
use iced::futures::channel::oneshot;
use iced::widget::canvas::{self, Canvas, Frame, Geometry, Path, Stroke, Text};
use iced::widget::{column, row, scrollable, space, text};
use iced::{Alignment, Color, Element, Length, Point, Rectangle, Renderer, Size, Task, Theme};

use crate::app::dialog::{self, Picked};
use crate::app::pick_list::pick_list;
use crate::app::widget::{card, small};
use crate::app::{font, strings as s, theme};
use crate::history::{History, Line};
use crate::rules::Results;
use crate::workbook::edit::Edit;
use crate::workbook::{Id, Points, Workbook};

#[derive(Debug, Clone, Default)]
pub struct State {
    /// The folder read, and what came of it.
    folder: Option<PathBuf>,
    /// The open workbook's file: in its own folder it stands for its year
    /// as the window holds it (not another file of that year).
    file: Option<PathBuf>,
    history: Option<Arc<History>>,
    loading: bool,
    error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Read the folder (again).
    Load,
    PickFolder,
    Picked(Picked),
    Loaded(Result<Arc<History>, String>),
    /// An earlier school (no longer a member) is continued by this member:
    /// it merged into it.
    ContinuedBy {
        earlier: Id,
        member: Member,
    },
}

/// A current member, in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: Id,
    pub name: String,
}

impl std::fmt::Display for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// What the app must do: run a task, or apply an edit.
pub enum Action {
    Run(Task<Message>),
    Edit(Box<Edit>),
}

impl State {
    /// Where the open workbook lives: the folder read by default.
    pub fn set_folder(&mut self, folder: Option<PathBuf>) {
        if self.folder != folder {
            self.folder = folder;
            self.history = None;
        }
    }

    /// The open workbook's file.
    pub fn set_file(&mut self, file: Option<PathBuf>) {
        if self.file != file {
            self.file = file;
            self.history = None;
        }
    }

    /// Reads the folder when the view opens, the first time.
    pub fn opened(&mut self, wb: &Workbook) -> Task<Message> {
        if self.history.is_none() && !self.loading {
            self.load(wb)
        } else {
            Task::none()
        }
    }

    fn load(&mut self, wb: &Workbook) -> Task<Message> {
        let Some(folder) = self.folder.clone() else {
            self.error = Some(s::HISTORY_NO_FOLDER.into());
            return Task::none();
        };
        let open = self
            .file
            .clone()
            .filter(|f| f.parent() == Some(folder.as_path()))
            .map(|f| (f, wb.clone()));
        self.loading = true;
        self.error = None;
        Task::perform(
            async move {
                let (tx, rx) = oneshot::channel();
                std::thread::spawn(move || {
                    let open = open.as_ref().map(|(f, wb)| (f.as_path(), wb));
                    let r = crate::history::from_folder_with(&folder, open)
                        .map(Arc::new)
                        .map_err(|e| s::cannot_read_folder(&folder, &crate::text::io_reason(&e)));
                    let _ = tx.send(r);
                });
                rx.await
                    .unwrap_or_else(|_| Err(s::EXPORT_CRASHED.to_string()))
            },
            Message::Loaded,
        )
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        match message {
            Message::Load => return Action::Run(self.load(wb)),
            Message::PickFolder => {
                let folder = self.folder.clone();
                return Action::Run(Task::perform(
                    async move { dialog::pick_folder(s::HISTORY_PICK, folder).await },
                    Message::Picked,
                ));
            }
            Message::Picked(Picked::Path(p)) => {
                self.folder = Some(p);
                self.history = None;
                return Action::Run(self.load(wb));
            }
            Message::ContinuedBy { earlier, member } => {
                if let Some(school) = wb.school(&member.id) {
                    let mut school = school.clone();
                    if !school.continues.contains(&earlier) {
                        school.continues.push(earlier);
                    }
                    return Action::Edit(Box::new(Edit::SetSchool(school)));
                }
            }
            Message::Picked(_) => {}
            Message::Loaded(r) => {
                self.loading = false;
                match r {
                    Ok(h) => self.history = Some(h),
                    Err(e) => self.error = Some(e),
                }
            }
        }
        Action::Run(Task::none())
    }

    pub fn history(&self) -> Option<&History> {
        self.history.as_deref()
    }

    pub fn view<'a>(&'a self, wb: &'a Workbook, results: &Results) -> Element<'a, Message> {
        let header = row![
            text(s::VIEW_HISTORY)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
            button(text(s::HISTORY_OTHER_FOLDER))
                .on_press_maybe((!self.loading).then_some(Message::PickFolder))
                .style(button::secondary),
            button(text(s::HISTORY_RELOAD))
                .on_press_maybe((!self.loading).then_some(Message::Load))
                .style(button::primary),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        let mut page = column![].spacing(theme::SPACE_M);
        if let Some(f) = &self.folder {
            page = page.push(small(s::history_folder(f)));
        }
        if self.loading {
            page = page.push(text(s::HISTORY_LOADING));
        }
        if let Some(e) = &self.error {
            page = page.push(crate::app::widget::error_box(e));
        }
        if let Some(h) = &self.history {
            page = page.push(summary(h));
            if !h.lines.is_empty() {
                page = page.push(card(
                    column![text(s::HISTORY_TABLE).font(font::BOLD), table(h),]
                        .spacing(theme::SPACE_S),
                ));
                if let Some(c) = mergers(h, wb) {
                    page = page.push(c);
                }
                page = page.push(card(
                    column![
                        text(s::HISTORY_CHART).font(font::BOLD),
                        Canvas::new(ScoresChart { history: h.clone() })
                            .width(Length::Fill)
                            .height(300),
                    ]
                    .spacing(theme::SPACE_S),
                ));
            }
        }
        // The open year's self against cluster scores, whatever the folder.
        let bars: Vec<(String, Points, Points)> = results
            .schools
            .iter()
            .map(|r| {
                (
                    wb.school_name(&r.totals.school),
                    r.totals.self_total,
                    r.totals.cluster_total,
                )
            })
            .collect();
        page = page.push(card(
            column![
                text(s::history_bars(wb.year)).font(font::BOLD),
                small(s::HISTORY_BARS_HINT),
                Canvas::new(SelfVsCluster { bars })
                    .width(Length::Fill)
                    .height(280),
            ]
            .spacing(theme::SPACE_S),
        ));
        column![
            header,
            scrollable(page.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                .id("history-page")
                .height(Length::Fill)
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// Schools of earlier years that are no longer members and that no member
/// continues yet: the clerk says which member each merged into.
fn mergers<'a>(h: &'a History, wb: &'a Workbook) -> Option<Element<'a, Message>> {
    let members: Vec<Member> = wb
        .current_members()
        .map(|m| Member {
            id: m.id.clone(),
            name: m.short_name.clone(),
        })
        .collect();
    let gone: Vec<&Line> = h
        .lines
        .iter()
        .filter(|l| !members.iter().any(|m| m.id == l.school))
        .collect();
    if gone.is_empty() || members.is_empty() {
        return None;
    }
    let mut c = column![
        text(s::HISTORY_MERGERS).font(font::BOLD),
        small(s::HISTORY_MERGERS_HINT),
    ]
    .spacing(theme::SPACE_S);
    for line in gone {
        let last = line.years.keys().next_back().copied().unwrap_or_default();
        let earlier = line.school.clone();
        c = c.push(
            row![
                text(s::history_gone(&line.name, last)).width(Length::Fill),
                pick_list(members.clone(), None::<Member>, move |member| {
                    Message::ContinuedBy {
                        earlier: earlier.clone(),
                        member,
                    }
                })
                .placeholder(s::CONTINUED_BY)
                .width(260),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center),
        );
    }
    Some(card(c))
}

/// What was read and what was left out.
fn summary(h: &History) -> Element<'_, Message> {
    let mut c = column![text(s::history_years(
        &h.cluster,
        h.files.len(),
        h.years.first().copied(),
        h.years.last().copied()
    ))]
    .spacing(2);
    if !h.missing.is_empty() {
        let years: Vec<String> = h.missing.iter().map(|y| y.to_string()).collect();
        c = c.push(text(s::history_missing(&years.join(", "))).color(theme::AMBER));
    }
    for sk in &h.skipped {
        let name = sk
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        c = c.push(small(s::history_skipped(&name, &sk.reason)));
    }
    c.into()
}

/// "101,5 (1)", "— " for a year without the school, "chưa chấm".
fn cell(line: &Line, year: i16) -> String {
    match line.years.get(&year) {
        None => "—".into(),
        Some(r) if !r.scored => s::NOT_SCORED.into(),
        Some(r) => format!(
            "{} ({}{})",
            r.final_score,
            r.rank,
            if r.tied { "=" } else { "" }
        ),
    }
}

fn table(h: &History) -> Element<'_, Message> {
    const YEAR_W: f32 = 96.0;
    let mut head = row![text(s::SCHOOL).font(font::BOLD).width(Length::Fill)];
    for y in &h.years {
        head = head.push(
            text(y.to_string())
                .font(font::BOLD)
                .width(YEAR_W)
                .align_x(iced::alignment::Horizontal::Right),
        );
    }
    let mut rows = column![head].spacing(4);
    fn add<'a>(rows: &mut Vec<Element<'a, Message>>, line: &'a Line, years: &[i16], depth: usize) {
        let name = if depth == 0 {
            let mut n = line.name.clone();
            if !line.former_names.is_empty() {
                n.push_str(&format!(
                    " ({} {})",
                    s::FORMERLY,
                    line.former_names.join("; ")
                ));
            }
            n
        } else {
            format!(
                "{}↳ {} ({})",
                "   ".repeat(depth - 1),
                line.name,
                s::MERGED_IN
            )
        };
        let mut r = row![
            text(name)
                .size(if depth == 0 {
                    theme::TEXT_NAV
                } else {
                    theme::TEXT_SMALL
                })
                .width(Length::Fill)
        ]
        .align_y(Alignment::Center);
        for y in years {
            r = r.push(
                text(cell(line, *y))
                    .size(if depth == 0 {
                        theme::TEXT_NAV
                    } else {
                        theme::TEXT_SMALL
                    })
                    .width(YEAR_W)
                    .align_x(iced::alignment::Horizontal::Right),
            );
        }
        rows.push(r.into());
        for p in &line.predecessors {
            add(rows, p, years, depth + 1);
        }
    }
    let mut lines = Vec::new();
    for line in &h.lines {
        add(&mut lines, line, &h.years, 0);
    }
    for l in lines {
        rows = rows.push(l);
    }
    rows.into()
}

/// Distinct colours for up to a dozen lines, then round again.
const PALETTE: [Color; 10] = [
    Color::from_rgb(0.12, 0.47, 0.71),
    Color::from_rgb(0.85, 0.37, 0.01),
    Color::from_rgb(0.17, 0.63, 0.17),
    Color::from_rgb(0.84, 0.15, 0.16),
    Color::from_rgb(0.58, 0.40, 0.74),
    Color::from_rgb(0.55, 0.34, 0.29),
    Color::from_rgb(0.89, 0.47, 0.76),
    Color::from_rgb(0.50, 0.50, 0.50),
    Color::from_rgb(0.74, 0.74, 0.13),
    Color::from_rgb(0.09, 0.75, 0.81),
];

/// The margins of a chart's plot inside its canvas.
const LEFT: f32 = 48.0;
const BOTTOM: f32 = 28.0;
const TOP: f32 = 12.0;

fn label(frame: &mut Frame, content: String, at: Point, size: f32, color: Color) {
    frame.fill_text(Text {
        content,
        position: at,
        color,
        size: size.into(),
        font: font::REGULAR,
        ..Text::default()
    });
}

/// A vertical scale from 0 (or just under the lowest score) to just above
/// the highest, with its labels in Vietnamese decimals.
fn scale(values: impl Iterator<Item = f32>) -> (f32, f32) {
    let (lo, hi) = values.fold((f32::MAX, f32::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (0.0, 100.0);
    }
    let lo = (lo - 5.0).max(0.0).floor();
    let hi = (hi + 2.0).ceil();
    (lo, hi.max(lo + 1.0))
}

fn points(p: Points) -> f32 {
    p.0 as f32 / 100.0
}

struct ScoresChart {
    history: Arc<History>,
}

impl canvas::Program<Message> for ScoresChart {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: iced::mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let h = &self.history;
        let legend_w = 190.0;
        let plot = Rectangle::new(
            Point::new(LEFT, TOP),
            Size::new(
                (bounds.width - LEFT - legend_w - 8.0).max(40.0),
                (bounds.height - TOP - BOTTOM).max(40.0),
            ),
        );
        let scored = |l: &Line| {
            l.years
                .values()
                .filter(|r| r.scored)
                .map(|r| points(r.final_score))
                .collect::<Vec<_>>()
        };
        let (lo, hi) = scale(h.lines.iter().flat_map(scored));
        axes(&mut frame, plot, lo, hi);
        let n = h.years.len().max(1);
        let x_of = |i: usize| {
            if n == 1 {
                plot.x + plot.width / 2.0
            } else {
                plot.x + plot.width * i as f32 / (n - 1) as f32
            }
        };
        let y_of = |v: f32| plot.y + plot.height * (1.0 - (v - lo) / (hi - lo));
        for (i, y) in h.years.iter().enumerate() {
            label(
                &mut frame,
                y.to_string(),
                Point::new(x_of(i) - 14.0, plot.y + plot.height + 6.0),
                13.0,
                theme::MUTED,
            );
        }
        for (k, line) in h.lines.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            let pts: Vec<Point> = h
                .years
                .iter()
                .enumerate()
                .filter_map(|(i, y)| {
                    line.years
                        .get(y)
                        .filter(|r| r.scored)
                        .map(|r| Point::new(x_of(i), y_of(points(r.final_score))))
                })
                .collect();
            if pts.len() > 1 {
                let path = Path::new(|b| {
                    b.move_to(pts[0]);
                    for p in &pts[1..] {
                        b.line_to(*p);
                    }
                });
                frame.stroke(&path, Stroke::default().with_color(color).with_width(2.0));
            }
            for p in &pts {
                frame.fill(&Path::circle(*p, 3.5), color);
            }
            // The legend: the school's short name in its colour.
            let ly = plot.y + 18.0 * k as f32;
            if ly < bounds.height - 14.0 {
                frame.fill_rectangle(
                    Point::new(plot.x + plot.width + 12.0, ly + 4.0),
                    Size::new(12.0, 12.0),
                    color,
                );
                let short = line
                    .name
                    .trim_start_matches("Trường Chính trị tỉnh ")
                    .trim_start_matches("Trường Chính trị ")
                    .to_string();
                label(
                    &mut frame,
                    short,
                    Point::new(plot.x + plot.width + 30.0, ly + 1.0),
                    13.0,
                    theme::TEXT,
                );
            }
        }
        vec![frame.into_geometry()]
    }
}

/// The frame of a plot: the axis lines and five score labels.
fn axes(frame: &mut Frame, plot: Rectangle, lo: f32, hi: f32) {
    let axis = Stroke::default().with_color(theme::MUTED).with_width(1.0);
    let grid = Stroke::default()
        .with_color(Color::from_rgba(0.0, 0.0, 0.0, 0.08))
        .with_width(1.0);
    for i in 0..=4 {
        let v = lo + (hi - lo) * i as f32 / 4.0;
        let y = plot.y + plot.height * (1.0 - i as f32 / 4.0);
        frame.stroke(
            &Path::line(Point::new(plot.x, y), Point::new(plot.x + plot.width, y)),
            grid,
        );
        label(
            frame,
            Points((v * 100.0).round() as i64).to_string(),
            Point::new(4.0, y - 8.0),
            12.0,
            theme::MUTED,
        );
    }
    frame.stroke(
        &Path::line(
            Point::new(plot.x, plot.y),
            Point::new(plot.x, plot.y + plot.height),
        ),
        axis,
    );
    frame.stroke(
        &Path::line(
            Point::new(plot.x, plot.y + plot.height),
            Point::new(plot.x + plot.width, plot.y + plot.height),
        ),
        axis,
    );
}

struct SelfVsCluster {
    /// School, self-assessed total, cluster total.
    bars: Vec<(String, Points, Points)>,
}

/// The two bars' colours: the school's own score, the cluster's.
const SELF_COLOR: Color = Color::from_rgb(0.55, 0.70, 0.88);
const CLUSTER_COLOR: Color = Color::from_rgb(0.12, 0.36, 0.62);

impl canvas::Program<Message> for SelfVsCluster {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: iced::mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let plot = Rectangle::new(
            Point::new(LEFT, TOP + 20.0),
            Size::new(
                (bounds.width - LEFT - 8.0).max(40.0),
                (bounds.height - TOP - 20.0 - BOTTOM - 14.0).max(40.0),
            ),
        );
        let (lo, hi) = scale(
            self.bars
                .iter()
                .flat_map(|(_, a, b)| [points(*a), points(*b)]),
        );
        axes(&mut frame, plot, lo, hi);
        // The key, above the plot.
        for (i, (c, name)) in [
            (SELF_COLOR, s::SELF_SCORE),
            (CLUSTER_COLOR, s::CLUSTER_SCORE),
        ]
        .into_iter()
        .enumerate()
        {
            let x = plot.x + 150.0 * i as f32;
            frame.fill_rectangle(Point::new(x, 4.0), Size::new(12.0, 12.0), c);
            label(
                &mut frame,
                name.to_string(),
                Point::new(x + 18.0, 1.0),
                13.0,
                theme::TEXT,
            );
        }
        let n = self.bars.len().max(1) as f32;
        let slot = plot.width / n;
        let bar_w = (slot * 0.35).min(28.0);
        let y_of = |v: f32| plot.y + plot.height * (1.0 - (v - lo) / (hi - lo));
        for (i, (name, own, cluster)) in self.bars.iter().enumerate() {
            let x = plot.x + slot * i as f32 + slot / 2.0;
            for (dx, v, c) in [(-bar_w, *own, SELF_COLOR), (0.0, *cluster, CLUSTER_COLOR)] {
                let top = y_of(points(v));
                frame.fill_rectangle(
                    Point::new(x + dx, top),
                    Size::new(bar_w - 2.0, plot.y + plot.height - top),
                    c,
                );
            }
            // The difference the conference argues about, over the pair:
            // what the cluster took off (or, rarely, added).
            let diff = own.0 - cluster.0;
            if diff != 0 {
                let (text, color) = if diff > 0 {
                    (format!("−{}", Points(diff)), theme::BAD)
                } else {
                    (format!("+{}", Points(-diff)), theme::GOOD)
                };
                label(
                    &mut frame,
                    text,
                    Point::new(x - bar_w, y_of(points(*own).max(points(*cluster))) - 16.0),
                    12.0,
                    color,
                );
            }
            // As many letters as the slot holds (about 7 px each).
            let fits = ((slot - 4.0) / 7.0).max(4.0) as usize;
            let short = crate::text::shorten(name, fits);
            label(
                &mut frame,
                short,
                Point::new(x - slot / 2.0 + 2.0, plot.y + plot.height + 6.0),
                12.0,
                theme::TEXT,
            );
        }
        vec![frame.into_geometry()]
    }
}
