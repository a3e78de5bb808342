//! Chấm điểm: the scoring grid. Criteria down, schools across; each cell
//! shows the self-score and the cluster score side by side, differences
//! highlighted. One cell at a time is an input (the selected one): typing a
//! valid score applies it at once, so totals, rank and rating follow as you
//! type; Tab / Shift+Tab move across, Enter moves down.
//!
//! Speed (10 schools × 100 criteria): the rules' results and the flattened
//! table are cached here and recomputed only after an edit ([`State::refresh`]);
//! only the rows in the viewport are built.

use crate::app::button::{self, button};
use crate::app::field::{limited, undoable};
use iced::widget::{
    Space, column, container, operation, row, scrollable, space, text, text_input, tooltip,
};
use iced::{Alignment, Element, Length, Subscription, Task, keyboard};

use crate::app::{font, strings as s, theme};
use crate::rules::Results;
use crate::text::compare_vi;
use crate::workbook::edit::scores::Side;
use crate::workbook::edit::{Edit, ScoreEdit};
use crate::workbook::{AdjustmentKind, Assessment, Criterion, Id, Points, Score, Workbook};

/// Height of one grid row, fixed so the visible rows can be computed.
pub const ROW_H: f32 = 36.0;
/// The "Tối đa" column.
const MAX_COL_W: f32 = 40.0;
/// Width of one school's column (self + cluster).
pub const CELL_W: f32 = 104.0;
/// A school's column when they would not all fit beside the names.
pub const CELL_W_COMPACT: f32 = 64.0;
/// The criterion names' column is never narrower than this.
const NAME_MIN_W: f32 = 220.0;
/// Everything across the window but the names and the schools: sidebar,
/// paddings, the code and maximum columns, the scroll bar.
const GRID_CHROME_W: f32 = 350.0;
/// The one cell input.
pub const CELL_ID: &str = "score-cell";
pub const GRID_ID: &str = "scoring-grid";
pub const NOTE_ID: &str = "score-note";
pub const EVIDENCE_ID: &str = "score-evidence";
pub const ADJ_POINTS_ID: &str = "adjustment-points";
pub const ADJ_REASON_ID: &str = "adjustment-reason";
/// Rows built beyond the viewport, above and below.
const OVERSCAN: usize = 4;

/// A cell: a school column and a leaf criterion, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub school: usize,
    pub leaf: usize,
}

#[derive(Debug, Clone)]
struct Draft {
    cell: Cell,
    text: String,
    error: Option<String>,
    /// The stored value when the cell was loaded: the draft is reset only
    /// when that changes underneath (undo, a merge), never because the
    /// clerk has typed something not yet committed.
    loaded: Option<Points>,
}

#[derive(Debug, Clone)]
struct Row {
    id: Id,
    code: String,
    /// With its section's: "II.1" (the panel names the cell by it).
    full_code: String,
    title: String,
    depth: usize,
    max: Points,
    /// Position among the leaves; None for sections and parents.
    leaf: Option<usize>,
}

/// What is derived from the workbook, recomputed after each edit.
#[derive(Debug, Clone)]
struct Cache {
    rows: Vec<Row>,
    /// Row index of each leaf.
    leaf_rows: Vec<usize>,
    /// Current members, sorted the Vietnamese way: (id, short name, full name).
    schools: Vec<(Id, String, String)>,
    results: std::sync::Arc<Results>,
}

/// UI state only.
#[derive(Debug, Clone)]
pub struct State {
    side: Side,
    selected: Option<Cell>,
    draft: Option<Draft>,
    offset: f32,
    viewport: f32,
    cache: Option<Cache>,
    note: String,
    evidence: String,
    adj_kind: AdjustmentKind,
    adj_points: String,
    /// The accepted amount being typed for one bonus claim.
    accept_draft: Option<(Id, String)>,
    /// The window's logical width (see `set_width`).
    width: f32,
    adj_reason: String,
    error: Option<String>,
    /// The last edit sent was a bonus/deduction item.
    adjusting: bool,
    /// On a member school's machine, that school: only its own self-scores
    /// can be typed; everything else is shown read-only.
    me: Option<Id>,
    /// The side panel's field last typed into (note, evidence, a bonus or
    /// deduction item), None while typing in the cell: Tab then stays in
    /// the panel instead of moving the grid to the next school, so a note
    /// or an item never lands on another school's cell.
    in_panel: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            side: Side::Cluster,
            me: None,
            in_panel: false,
            selected: None,
            draft: None,
            offset: 0.0,
            viewport: 600.0,
            cache: None,
            note: String::new(),
            evidence: String::new(),
            adj_kind: AdjustmentKind::Bonus,
            adj_points: String::new(),
            accept_draft: None,
            width: 1366.0,
            adj_reason: String::new(),
            error: None,
            adjusting: false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Which score is typed: the cluster's or the school's own.
    Side(Side),
    Select(Cell),
    Input(String),
    /// Enter in the cell: down.
    Submit,
    /// Tab (Shift+Tab: back).
    Tab {
        back: bool,
    },
    /// Arrow keys: rows down (+) or up, columns right (+) or left.
    Move {
        rows: i32,
        cols: i32,
    },
    Scrolled(scrollable::Viewport),
    Note(String),
    SaveNote,
    Evidence(String),
    SaveEvidence,
    AdjKind(AdjustmentKind),
    AdjPoints(String),
    AdjReason(String),
    AddAdjustment,
    RemoveAdjustment(Id),
    /// The amount the cluster accepts of a school's bonus claim, as typed.
    AcceptInput(Id, String),
    /// Enter in it: record it (empty: not reviewed, the claim counts).
    AcceptSubmit(Id),
}

/// What the app must do.
pub enum Action {
    None,
    Edit(Box<Edit>),
    Run(Task<Message>),
    /// Commit the cell just left, then run the task (move, focus, scroll).
    EditThen(Box<Edit>, Task<Message>),
}

/// A commit of the cell just left (if any), then the move's action.
fn then(commit: Option<Box<Edit>>, moved: Action) -> Action {
    match (commit, moved) {
        (Some(edit), Action::Run(task)) => Action::EditThen(edit, task),
        (Some(edit), _) => Action::Edit(edit),
        (None, moved) => moved,
    }
}

impl State {
    /// Whose machine this is: None for the cluster's office, Some(school)
    /// for a member school, which types only its own self-scores.
    pub fn set_machine(&mut self, me: Option<Id>) {
        if me.is_some() {
            self.side = Side::Own;
        }
        if me != self.me {
            self.selected = None;
            self.draft = None;
        }
        self.me = me;
    }

    /// May this machine type into the cell of school column `school`?
    fn editable(&self, school: usize) -> bool {
        match &self.me {
            None => true,
            Some(me) => self
                .cache
                .as_ref()
                .and_then(|c| c.schools.get(school))
                .is_some_and(|(id, _, _)| id == me),
        }
    }

    /// Recomputes what the grid shows from the workbook: call after every
    /// change to it (edit, undo, open).
    /// `results`: the rules' results of `wb`, worked out once per change
    /// by the app and shared with the other views.
    pub fn refresh(&mut self, wb: &Workbook, results: std::sync::Arc<Results>) {
        let mut rows = Vec::new();
        let mut leaf_rows = Vec::new();
        fn walk(
            codes: &std::collections::HashMap<Id, String>,
            nodes: &[Criterion],
            depth: usize,
            rows: &mut Vec<Row>,
            leaf_rows: &mut Vec<usize>,
        ) {
            for c in nodes {
                let leaf = c.is_leaf().then_some(leaf_rows.len());
                if leaf.is_some() {
                    leaf_rows.push(rows.len());
                }
                rows.push(Row {
                    id: c.id.clone(),
                    code: c.code.clone(),
                    full_code: codes.get(&c.id).cloned().unwrap_or_else(|| c.code.clone()),
                    title: c.title.clone(),
                    depth,
                    max: c.max_points(),
                    leaf,
                });
                walk(codes, &c.children, depth + 1, rows, leaf_rows);
            }
        }
        let codes = wb.criterion_codes();
        walk(&codes, &wb.criteria, 0, &mut rows, &mut leaf_rows);
        let mut schools: Vec<(Id, String, String)> = wb
            .current_members()
            .map(|s| (s.id.clone(), s.short_name.clone(), s.full_name.clone()))
            .collect();
        schools.sort_by(|a, b| compare_vi(&a.2, &b.2));
        let cache = Cache {
            rows,
            leaf_rows,
            schools,
            results,
        };
        // A selection that no longer exists (school removed, criterion
        // deleted) is dropped.
        if let Some(c) = self.selected
            && (c.school >= cache.schools.len() || c.leaf >= cache.leaf_rows.len())
        {
            self.selected = None;
            self.draft = None;
        }
        self.cache = Some(cache);
        // A draft whose stored value changed underneath (undo, a merge) is
        // reset; one the clerk is still typing is kept.
        if let Some(d) = &self.draft {
            let stored = self.score(wb, d.cell, self.side).map(|s| s.points);
            if d.loaded != stored {
                self.load_cell(wb, d.cell);
            }
        }
    }

    /// The rules' results as the grid last computed them.
    pub fn results(&self) -> Option<&Results> {
        self.cache.as_ref().map(|c| &*c.results)
    }

    pub fn selected(&self) -> Option<Cell> {
        self.selected
    }

    /// The inline error of the selected cell ("0 – 4" …).
    pub fn cell_error(&self) -> Option<&str> {
        self.draft.as_ref().and_then(|d| d.error.as_deref())
    }

    /// Forget the selection (after open).
    pub fn reset(&mut self) {
        *self = State {
            cache: self.cache.take(),
            ..State::default()
        };
    }

    fn ids(&self, cell: Cell) -> Option<(&Id, &Row)> {
        let c = self.cache.as_ref()?;
        let school = &c.schools.get(cell.school)?.0;
        let row = c.rows.get(*c.leaf_rows.get(cell.leaf)?)?;
        Some((school, row))
    }

    fn score<'a>(&self, wb: &'a Workbook, cell: Cell, side: Side) -> Option<&'a Score> {
        let (school, row) = self.ids(cell)?;
        let a = wb.assessment(school)?;
        match side {
            Side::Own => a.self_scores.get(&row.id),
            Side::Cluster => a.cluster_scores.get(&row.id),
        }
    }

    fn load_cell(&mut self, wb: &Workbook, cell: Cell) {
        let score = self.score(wb, cell, self.side);
        self.draft = Some(Draft {
            cell,
            text: score.map(|s| s.points.to_string()).unwrap_or_default(),
            error: None,
            loaded: score.map(|s| s.points),
        });
        self.note = score.map(|s| s.note.clone()).unwrap_or_default();
        self.evidence = score.map(|s| s.evidence.join("; ")).unwrap_or_default();
    }

    /// Selects `cell`, scrolls it into view and focuses its input.
    fn go(&mut self, wb: &Workbook, cell: Cell) -> Action {
        self.in_panel = false;
        self.selected = Some(cell);
        self.error = None;
        self.load_cell(wb, cell);
        let Some(row) = self.cache.as_ref().and_then(|c| c.leaf_rows.get(cell.leaf)) else {
            return Action::None;
        };
        let mut tasks: Vec<Task<Message>> = self.scroll_into_view(*row).into_iter().collect();
        tasks.push(operation::focus(CELL_ID));
        tasks.push(operation::select_all(CELL_ID));
        Action::Run(Task::batch(tasks))
    }

    /// Scrolls the grid so that row `row` is wholly visible, if it is not.
    fn scroll_into_view(&mut self, row: usize) -> Option<Task<Message>> {
        let y = row as f32 * ROW_H;
        if y >= self.offset && y + ROW_H <= self.offset + self.viewport {
            return None;
        }
        self.offset = if y < self.offset {
            y
        } else {
            (y + ROW_H - self.viewport).max(0.0)
        };
        Some(operation::scroll_to(
            GRID_ID,
            operation::AbsoluteOffset {
                x: None,
                y: Some(self.offset),
            },
        ))
    }

    fn edit(&self, e: ScoreEdit) -> Action {
        Action::Edit(Box::new(Edit::Score(e)))
    }

    /// What the typed value of the cell being left commits: Ok(None) when
    /// nothing changed, Err when it is not a valid score (the error is
    /// shown and the cell is not left: nothing typed is dropped silently).
    fn pending(&mut self, wb: &Workbook) -> Result<Option<Box<Edit>>, ()> {
        let Some(d) = &self.draft else {
            return Ok(None);
        };
        let (cell, text) = (d.cell, d.text.clone());
        let Some((school, row)) = self.ids(cell) else {
            return Ok(None);
        };
        let (school, criterion, max) = (school.clone(), row.id.clone(), row.max);
        let typed = if text.trim().is_empty() {
            None
        } else {
            match Points::parse_vi(&text) {
                Ok(p)
                    if crate::limits::score_range(p.hundredths(), max.hundredths())
                        == crate::limits::ScoreRange::Within =>
                {
                    Some(p)
                }
                Ok(_) => {
                    self.set_error(s::score_range(max));
                    return Err(());
                }
                Err(_) => {
                    self.set_error(format!("{} {}", s::NOT_A_NUMBER, s::score_range(max)));
                    return Err(());
                }
            }
        };
        let stored = self.score(wb, cell, self.side);
        let mut edits = Vec::new();
        if typed != stored.map(|s| s.points) {
            edits.push(Edit::Score(ScoreEdit::Points {
                school: school.clone(),
                criterion: criterion.clone(),
                side: self.side,
                points: typed,
            }));
        }
        // The note and evidence typed beside the cell go with it: leaving
        // the cell never drops them silently.
        let stored_note = stored.map(|s| s.note.as_str()).unwrap_or_default();
        if self.note.trim() != stored_note.trim() {
            edits.push(Edit::Score(ScoreEdit::Note {
                school: school.clone(),
                criterion: criterion.clone(),
                side: self.side,
                note: self.note.clone(),
            }));
        }
        let stored_evidence = stored.map(|s| s.evidence.join("; ")).unwrap_or_default();
        if self.evidence.trim() != stored_evidence.trim() {
            edits.push(Edit::Score(ScoreEdit::Evidence {
                school,
                criterion,
                side: self.side,
                evidence: self.evidence.split(';').map(str::to_string).collect(),
            }));
        }
        Ok(match edits.len() {
            0 => None,
            1 => edits.pop().map(Box::new),
            _ => Some(Box::new(Edit::Batch(edits))),
        })
    }

    /// The commit of a valid value still being typed in the cell, for
    /// saving, closing or leaving the view (an invalid one stays, with its
    /// range shown).
    pub fn commit_draft(&mut self, wb: &Workbook) -> Option<Box<Edit>> {
        self.pending(wb).ok().flatten()
    }

    /// Leaves the cell being typed in for `cell`: its value is committed
    /// first (one edit, one undo step), or the move refused while invalid.
    fn leave_for(&mut self, wb: &Workbook, cell: Cell) -> Action {
        match self.pending(wb) {
            Err(()) => Action::None,
            Ok(commit) => {
                let moved = self.go(wb, cell);
                then(commit, moved)
            }
        }
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        let dims = self
            .cache
            .as_ref()
            .map_or((0, 0), |c| (c.schools.len(), c.leaf_rows.len()));
        match message {
            Message::Side(_) if self.me.is_some() => {}
            Message::Side(side) => {
                let Ok(commit) = self.pending(wb) else {
                    return Action::None;
                };
                self.side = side;
                let moved = match self.selected {
                    Some(cell) => self.go(wb, cell),
                    None => Action::None,
                };
                return then(commit, moved);
            }
            Message::Select(cell) if !self.editable(cell.school) => {}
            Message::Select(cell) => return self.leave_for(wb, cell),
            Message::Input(value) => {
                // Typing only changes the draft: a value is committed on
                // Enter, Tab or leaving the cell, and only when valid — a
                // "12" on its way to being refused never stores its "1".
                self.in_panel = false;
                let Some(d) = &mut self.draft else {
                    return Action::None;
                };
                d.text = value;
                d.error = None;
                let _ = self.pending(wb);
            }
            // With no cell selected yet, the keys start at the first cell
            // this machine may type in.
            Message::Submit | Message::Tab { .. } | Message::Move { .. }
                if self.selected.is_none() && !self.in_panel =>
            {
                if let Some(first) = (0..dims.0).find(|&i| self.editable(i))
                    && dims.1 > 0
                {
                    return self.go(
                        wb,
                        Cell {
                            school: first,
                            leaf: 0,
                        },
                    );
                }
            }
            Message::Move { .. } if self.in_panel => {}
            Message::Move { rows, cols } => {
                if let Some(c) = self.selected
                    && dims.1 > 0
                {
                    let leaf =
                        (c.leaf as i64 + i64::from(rows)).clamp(0, dims.1 as i64 - 1) as usize;
                    // Sideways only onto columns this machine may type in.
                    let mut school = c.school;
                    if cols != 0 {
                        let step = cols.signum() as i64;
                        let mut i = c.school as i64 + step;
                        while (0..dims.0 as i64).contains(&i) {
                            if self.editable(i as usize) {
                                school = i as usize;
                                break;
                            }
                            i += step;
                        }
                    }
                    let next = Cell { school, leaf };
                    if next != c {
                        return self.leave_for(wb, next);
                    }
                }
            }
            Message::Submit => {
                if let Some(c) = self.selected
                    && dims.1 > 0
                {
                    let next = Cell {
                        school: c.school,
                        leaf: (c.leaf + 1) % dims.1,
                    };
                    return self.leave_for(wb, next);
                }
            }
            Message::Tab { .. } if self.in_panel => {}
            Message::Tab { back } => {
                if let Some(c) = self.selected
                    && dims.0 > 0
                    && dims.1 > 0
                {
                    let n = dims.0 * dims.1;
                    let i = c.leaf * dims.0 + c.school;
                    let j = if back { (i + n - 1) % n } else { (i + 1) % n };
                    return self.leave_for(
                        wb,
                        Cell {
                            school: j % dims.0,
                            leaf: j / dims.0,
                        },
                    );
                }
            }
            Message::Scrolled(v) => {
                let resized = (v.bounds().height - self.viewport).abs() > 0.5;
                self.offset = v.absolute_offset().y;
                self.viewport = v.bounds().height;
                // The grid got shorter under the row being typed in (the
                // cell panel opened, a notice appeared): bring it back.
                // A scroll by the clerk is left alone.
                if resized
                    && let Some(row) = self
                        .selected
                        .and_then(|c| self.cache.as_ref()?.leaf_rows.get(c.leaf).copied())
                    && let Some(task) = self.scroll_into_view(row)
                {
                    return Action::Run(task);
                }
            }
            Message::Note(v) => {
                self.in_panel = true;
                self.note = v;
            }
            Message::SaveNote => {
                if let Some((school, row)) = self.selected.and_then(|c| self.ids(c)) {
                    return self.edit(ScoreEdit::Note {
                        school: school.clone(),
                        criterion: row.id.clone(),
                        side: self.side,
                        note: self.note.clone(),
                    });
                }
            }
            Message::Evidence(v) => {
                self.in_panel = true;
                self.evidence = v;
            }
            Message::SaveEvidence => {
                if let Some((school, row)) = self.selected.and_then(|c| self.ids(c)) {
                    return self.edit(ScoreEdit::Evidence {
                        school: school.clone(),
                        criterion: row.id.clone(),
                        side: self.side,
                        evidence: self.evidence.split(';').map(str::to_string).collect(),
                    });
                }
            }
            Message::AdjKind(k) => self.adj_kind = k,
            Message::AdjPoints(v) => {
                self.in_panel = true;
                self.adj_points = v;
            }
            Message::AdjReason(v) => {
                self.in_panel = true;
                self.adj_reason = v;
            }
            Message::AddAdjustment => {
                let Some((school, _)) = self.selected.and_then(|c| self.ids(c)) else {
                    return Action::None;
                };
                let school = school.clone();
                match Points::parse_vi(&self.adj_points) {
                    Ok(points) => {
                        self.adjusting = true;
                        return self.edit(ScoreEdit::AddAdjustment {
                            school,
                            kind: self.adj_kind,
                            points,
                            reason: self.adj_reason.clone(),
                        });
                    }
                    Err(_) => self.error = Some(s::NOT_A_NUMBER.into()),
                }
            }
            Message::AcceptInput(id, v) => self.accept_draft = Some((id, v)),
            Message::AcceptSubmit(id) => {
                let Some(school) = self.selected.and_then(|c| self.ids(c)).map(|x| x.0.clone())
                else {
                    return Action::None;
                };
                let typed = match self.accept_draft.take() {
                    Some((d, v)) if d == id => v,
                    other => {
                        self.accept_draft = other;
                        return Action::None;
                    }
                };
                let accepted = if typed.trim().is_empty() {
                    None
                } else {
                    match Points::parse_vi(&typed) {
                        Ok(p) => Some(p),
                        Err(_) => {
                            self.error = Some(s::NOT_A_NUMBER.into());
                            self.accept_draft = Some((id, typed));
                            return Action::None;
                        }
                    }
                };
                self.adjusting = true;
                return self.edit(ScoreEdit::AcceptAdjustment {
                    school,
                    id,
                    accepted,
                });
            }
            Message::RemoveAdjustment(id) => {
                if let Some(school) = self.selected.and_then(|c| self.ids(c)).map(|x| x.0.clone()) {
                    self.adjusting = true;
                    return self.edit(ScoreEdit::RemoveAdjustment { school, id });
                }
            }
        }
        Action::None
    }

    fn set_error(&mut self, e: String) {
        if let Some(d) = &mut self.draft {
            d.error = Some(e);
        }
    }

    /// How applying our last edit went.
    pub fn applied(&mut self, result: Result<(), String>) {
        let adjustment = std::mem::take(&mut self.adjusting);
        match result {
            Ok(()) => {
                self.error = None;
                if adjustment {
                    self.adj_points.clear();
                    self.adj_reason.clear();
                }
            }
            Err(e) => match &mut self.draft {
                Some(d) if !adjustment => d.error = Some(e),
                _ => self.error = Some(e),
            },
        }
    }

    /// Tab and Shift+Tab while the grid is shown (a text input lets them
    /// through).
    pub fn subscription() -> Subscription<Message> {
        keyboard::listen().filter_map(State::key)
    }

    /// The grid's message for a key no field took (Tab, arrows, Enter,
    /// Alt+C / Alt+T).
    pub fn key(event: keyboard::Event) -> Option<Message> {
        match event {
            keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(keyboard::key::Named::Tab),
                modifiers,
                ..
            } if !modifiers.command() => Some(Message::Tab {
                back: modifiers.shift(),
            }),
            // Arrows a text field did not take (Left/Right move the caret
            // inside the cell; Up/Down always move between rows).
            keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(named),
                modifiers,
                ..
            } if !modifiers.command() && !modifiers.shift() => {
                use keyboard::key::Named;
                let (rows, cols) = match named {
                    Named::ArrowUp => (-1, 0),
                    Named::ArrowDown => (1, 0),
                    Named::ArrowLeft => (0, -1),
                    Named::ArrowRight => (0, 1),
                    Named::Enter => return Some(Message::Submit),
                    _ => return None,
                };
                Some(Message::Move { rows, cols })
            }
            // Alt+C / Alt+T: the cluster's score or the school's own.
            keyboard::Event::KeyPressed {
                key,
                modifiers,
                physical_key,
                ..
            } if modifiers.alt() && !modifiers.command() => {
                match key.to_latin(physical_key)?.to_ascii_lowercase() {
                    'c' => Some(Message::Side(Side::Cluster)),
                    't' => Some(Message::Side(Side::Own)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The window's width (logical pixels, after the zoom): how many
    /// schools fit beside the criterion names.
    pub fn set_width(&mut self, width: f32) {
        if width.is_finite() && width > 0.0 {
            self.width = width;
        }
    }

    fn compact(&self) -> bool {
        let n = self.cache.as_ref().map_or(0, |c| c.schools.len()) as f32;
        n * CELL_W + NAME_MIN_W + GRID_CHROME_W > self.width
    }

    fn cell_w(&self) -> f32 {
        if self.compact() {
            CELL_W_COMPACT
        } else {
            CELL_W
        }
    }

    /// Which score is typed: the cluster's or the school's own.
    pub fn side(&self) -> Side {
        self.side
    }

    // ----- view -----

    pub fn view<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let Some(cache) = &self.cache else {
            return text("…").into();
        };
        let side_button = |label: &'a str, side: Side| {
            button(text(label).size(theme::TEXT_SMALL))
                .on_press(Message::Side(side))
                .padding([4, 10])
                .style(if self.side == side {
                    button::primary
                } else {
                    theme::quiet
                })
        };
        let header = row![
            text(s::SCORING_TITLE)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
            text(s::TYPING).size(theme::TEXT_SMALL).color(theme::MUTED),
        ]
        .push(match &self.me {
            Some(me) => Element::from(
                text(s::own_scores_only(&wb.school_name(me)))
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
            ),
            None => row![
                side_button(s::CLUSTER_SCORE_KEY, Side::Cluster),
                side_button(s::SELF_SCORE_KEY, Side::Own),
            ]
            .spacing(theme::SPACE_S)
            .into(),
        })
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);

        if cache.schools.is_empty() || cache.leaf_rows.is_empty() {
            return column![header, text(s::NOTHING_TO_SCORE).color(theme::MUTED)]
                .spacing(theme::SPACE_M)
                .into();
        }

        let asmts: Vec<Option<&Assessment>> = cache
            .schools
            .iter()
            .map(|(id, _, _)| wb.assessment(id))
            .collect();

        // Column heads with the totals, aligned with the cells.
        let mut heads = row![
            // The legend sits above the grid: in this column it would wrap a
            // word a line when the schools leave the column narrow.
            container(text(s::CRITERION).font(font::BOLD)).width(Length::Fill)
        ]
        .spacing(0)
        .align_y(Alignment::End);
        heads = heads.push(
            container(text(s::MAX).size(theme::TEXT_SMALL).color(theme::MUTED))
                .width(MAX_COL_W)
                .align_x(Alignment::End),
        );
        for (i, (id, short, full)) in cache.schools.iter().enumerate() {
            let r = cache.results.school(id);
            let (final_score, rank, band, missing, unreviewed) = match r {
                Some(r) => (
                    r.totals.final_score.to_string(),
                    r.rank.to_string(),
                    (initials(&r.rating.band_name), r.rating.band_name.clone()),
                    r.totals.missing_self().count(),
                    r.totals.unreviewed().count(),
                ),
                None => (
                    String::new(),
                    String::new(),
                    (String::new(), String::new()),
                    0,
                    0,
                ),
            };
            let selected = self.selected.is_some_and(|c| c.school == i);
            let mut col = column![
                tooltip(
                    text(short.as_str())
                        .font(font::BOLD)
                        .size(theme::TEXT_SMALL)
                        .wrapping(text::Wrapping::WordOrGlyph)
                        .height(34),
                    container(text(full.as_str()).size(theme::TEXT_SMALL))
                        .padding(6)
                        .style(theme::card),
                    tooltip::Position::Bottom,
                ),
                text(format!("{} {final_score}", s::FINAL_SHORT)).font(font::BOLD),
                text(format!("{} {rank}", s::RANK_SHORT)).size(theme::TEXT_SMALL),
                tooltip(
                    text(band.0).size(theme::TEXT_SMALL),
                    container(text(band.1).size(theme::TEXT_SMALL))
                        .padding(6)
                        .style(theme::card),
                    tooltip::Position::Bottom,
                ),
            ]
            .spacing(1);
            let gaps = s::missing_short(missing, unreviewed);
            col = col.push(text(gaps).size(11).color(if missing + unreviewed > 0 {
                theme::WARN
            } else {
                theme::MUTED
            }));
            heads = heads.push(container(col).width(self.cell_w()).padding([4, 4]).style(
                if selected {
                    theme::selected_col
                } else {
                    theme::plain
                },
            ));
        }
        // Room for the body's scrollbar.
        heads = heads.push(Space::new().width(14));

        // Only the rows in the viewport (plus a few) are built.
        let n = cache.rows.len();
        let first = ((self.offset / ROW_H).floor() as usize)
            .saturating_sub(OVERSCAN)
            .min(n);
        let shown = (self.viewport / ROW_H).ceil() as usize + 2 * OVERSCAN;
        let last = (first + shown).min(n);
        // Keyed by row: scrolling shifts which rows are built, and a row
        // keeps its widget state (its shaped text) while it stays built.
        let mut body = iced::widget::keyed_column(std::iter::empty())
            .push(usize::MAX - 1, Space::new().height(first as f32 * ROW_H));
        for (i, row) in cache.rows[first..last].iter().enumerate() {
            body = body.push(first + i, self.grid_row(row, &asmts, cache));
        }
        body = body.push(usize::MAX, Space::new().height((n - last) as f32 * ROW_H));
        let body = scrollable(body.padding(iced::Padding::ZERO.right(14)))
            .id(GRID_ID)
            .on_scroll(Message::Scrolled)
            .height(Length::Fill);

        column![
            header,
            text(s::CELL_LEGEND)
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
            container(column![heads, body].spacing(2))
                .padding(theme::SPACE_S)
                .height(Length::Fill)
                .style(theme::card),
            self.panel(wb, cache),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }

    fn grid_row<'a>(
        &'a self,
        r: &'a Row,
        asmts: &[Option<&'a Assessment>],
        cache: &'a Cache,
    ) -> Element<'a, Message> {
        let indent = 14.0 * r.depth as f32;
        let label = row![
            Space::new().width(indent),
            text(r.code.as_str()).width(30).font(if r.leaf.is_none() {
                font::BOLD
            } else {
                font::REGULAR
            }),
            // Two lines of the small size fit a row: a criterion's name is
            // read whole at 1366 px without hovering.
            text(r.title.as_str())
                .size(theme::TEXT_SMALL)
                .line_height(1.15)
                .wrapping(text::Wrapping::WordOrGlyph)
                .font(if r.leaf.is_none() {
                    font::BOLD
                } else {
                    font::REGULAR
                }),
        ]
        .align_y(Alignment::Center);
        let mut line = row![
            // Narrow windows clip the title: hovering shows it whole.
            tooltip(
                container(label).width(Length::Fill).clip(true),
                container(text(format!("{} {}", r.code, r.title)).size(theme::TEXT_SMALL))
                    .max_width(420)
                    .padding(6)
                    .style(theme::card),
                tooltip::Position::Bottom,
            ),
            container(text(r.max.to_string()).color(theme::MUTED))
                .width(MAX_COL_W)
                .align_x(Alignment::End)
                .padding([0, 4]),
        ]
        .align_y(Alignment::Center)
        .height(ROW_H);
        for (i, a) in asmts.iter().enumerate() {
            let cell: Element<'a, Message> = match r.leaf {
                None => {
                    // A parent: its effective total per school.
                    let total = cache
                        .results
                        .school(&cache.schools[i].0)
                        .map(|x| x.totals.node_total(&r.id).to_string())
                        .unwrap_or_default();
                    container(text(total).font(font::BOLD).size(theme::TEXT_SMALL))
                        .width(self.cell_w())
                        .align_x(Alignment::End)
                        .padding([0, 8])
                        .into()
                }
                Some(leaf) => self.cell(Cell { school: i, leaf }, &r.id, *a),
            };
            line = line.push(cell);
        }
        let style = if r.leaf.is_none() {
            theme::section_row
        } else {
            theme::plain
        };
        container(line).style(style).into()
    }

    fn cell<'a>(
        &'a self,
        cell: Cell,
        criterion: &Id,
        a: Option<&Assessment>,
    ) -> Element<'a, Message> {
        let own = a.and_then(|a| a.self_scores.get(criterion));
        let cl = a.and_then(|a| a.cluster_scores.get(criterion));
        let (typed, other) = match self.side {
            Side::Cluster => (cl, own),
            Side::Own => (own, cl),
        };
        let differs = matches!((own, cl), (Some(x), Some(y)) if x.points != y.points);
        let annotated = [own, cl]
            .iter()
            .flatten()
            .any(|s| !s.note.is_empty() || !s.evidence.is_empty());
        let other_text = other.map_or_else(|| "—".to_string(), |s| s.points.to_string());
        let other = text(other_text)
            .size(theme::TEXT_SMALL)
            .color(if differs { theme::DIFF } else { theme::MUTED })
            .width(38)
            .align_x(Alignment::End);
        let selected = self.selected == Some(cell);
        let input: Element<'a, Message> = match &self.draft {
            Some(d) if selected && d.cell == cell => {
                let bad = d.error.is_some();
                undoable(
                    text_input("", &d.text)
                        .id(CELL_ID)
                        .on_input(Message::Input)
                        .on_submit(Message::Submit)
                        .size(theme::TEXT_SMALL)
                        .padding([3, 4])
                        .width(54)
                        .align_x(Alignment::End)
                        .style(move |t, st| theme::cell_input(t, st, bad)),
                    "",
                    &d.text,
                    Message::Input,
                )
            }
            _ => {
                let label = typed.map_or_else(
                    || "…".to_string(),
                    |s| {
                        if annotated {
                            format!("{}*", s.points)
                        } else {
                            s.points.to_string()
                        }
                    },
                );
                button(
                    text(label)
                        .size(theme::TEXT_SMALL)
                        .width(Length::Fill)
                        .align_x(Alignment::End),
                )
                .on_press_maybe(self.editable(cell.school).then_some(Message::Select(cell)))
                .padding([3, 4])
                .width(54)
                .style(theme::cell(typed.is_none(), differs))
                .into()
            }
        };
        // Many schools on a narrow screen: the cell keeps only the score
        // being typed (the other one is in the panel), so the criterion
        // names keep their column.
        let content = if self.compact() {
            row![input]
        } else {
            row![other, input].spacing(6)
        };
        container(content.align_y(Alignment::Center))
            .width(self.cell_w())
            .padding([0, 4])
            .into()
    }

    /// The selected cell's details, note, evidence, and the school's bonus
    /// and deduction items.
    fn panel<'a>(&'a self, wb: &'a Workbook, cache: &'a Cache) -> Element<'a, Message> {
        let Some(cell) = self.selected else {
            return container(text(s::SELECT_CELL).color(theme::MUTED))
                .padding(theme::SPACE_M)
                .width(Length::Fill)
                .style(theme::note)
                .into();
        };
        let Some((school, row)) = self.ids(cell) else {
            return Space::new().into();
        };
        let own = self.score(wb, cell, Side::Own);
        let cl = self.score(wb, cell, Side::Cluster);
        let pts = |s: Option<&Score>| s.map_or_else(|| "—".to_string(), |s| s.points.to_string());
        let mut left = column![
            text(format!(
                "{} · {} {} — {}",
                cache.schools[cell.school].1,
                s::CRITERION,
                row.full_code,
                row.title
            ))
            .font(font::BOLD),
            text(format!(
                "{}: {}   ·   {}: {}   ·   {}: {}",
                s::SELF_SCORE,
                pts(own),
                s::CLUSTER_SCORE,
                pts(cl),
                s::MAX,
                row.max
            ))
            .size(theme::TEXT_SMALL),
        ]
        .spacing(4)
        .width(Length::FillPortion(3));
        if let Some(e) = self.cell_error() {
            left = left.push(
                container(text(e.to_string()).size(theme::TEXT_SMALL))
                    .padding([2, 8])
                    .style(theme::error_note),
            );
        }
        // What the school wrote, when typing the cluster's score.
        if self.side == Side::Cluster
            && let Some(o) = own
            && (!o.note.is_empty() || !o.evidence.is_empty())
        {
            left = left.push(
                text(format!(
                    "{}: {} {}",
                    s::SCHOOL_NOTE,
                    o.note,
                    o.evidence.join("; ")
                ))
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
            );
        }
        left = left.push(
            row![
                limited(
                    text_input(s::NOTE, &self.note)
                        .id(NOTE_ID)
                        .on_input(Message::Note)
                        .on_submit(Message::SaveNote)
                        .size(theme::TEXT_SMALL)
                        .padding(4),
                    s::NOTE,
                    &self.note,
                    Message::Note,
                    crate::limits::TextKind::Note,
                ),
                button(text(s::SAVE).size(theme::TEXT_SMALL))
                    .on_press(Message::SaveNote)
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S),
        );
        left = left.push(
            row![
                limited(
                    text_input(s::EVIDENCE_HINT, &self.evidence)
                        .id(EVIDENCE_ID)
                        .on_input(Message::Evidence)
                        .on_submit(Message::SaveEvidence)
                        .size(theme::TEXT_SMALL)
                        .padding(4),
                    s::EVIDENCE_HINT,
                    &self.evidence,
                    Message::Evidence,
                    crate::limits::TextKind::Note,
                ),
                button(text(s::SAVE).size(theme::TEXT_SMALL))
                    .on_press(Message::SaveEvidence)
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S),
        );

        // Bonus and deduction items of the school.
        let mut right = column![
            text(format!(
                "{} — {}",
                s::ADJUSTMENTS,
                cache.schools[cell.school].1
            ))
            .font(font::BOLD)
        ]
        .spacing(4)
        .width(Length::FillPortion(2));
        if let Some(r) = cache.results.school(school) {
            right = right.push(
                text(s::adjustment_totals(
                    r.totals.bonus,
                    r.totals.bonus_claimed,
                    wb.rules.bonus_cap,
                    r.totals.deduction,
                    r.totals.deduction_claimed,
                    wb.rules.deduction_cap,
                ))
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
            );
        }
        let mut items = column![].spacing(2);
        for adj in wb.assessment(school).iter().flat_map(|a| &a.adjustments) {
            let sign = match adj.kind {
                AdjustmentKind::Bonus => "+",
                AdjustmentKind::Deduction => "−",
            };
            // A school's own bonus is a claim: shown beside what the
            // cluster accepts, which the cluster types here.
            let claim =
                adj.kind == AdjustmentKind::Bonus && adj.owner != crate::workbook::Owner::Cluster;
            let label = if claim {
                s::bonus_claim_line(adj.points, adj.accepted, &adj.reason)
            } else {
                format!("{sign}{} {}", adj.points, adj.reason)
            };
            let mut line = row![text(label).size(theme::TEXT_SMALL).width(Length::Fill)]
                .spacing(4)
                .align_y(Alignment::Center);
            if claim && self.me.is_none() {
                let id = adj.id.clone();
                let typed = match &self.accept_draft {
                    Some((d, v)) if d == &adj.id => v.clone(),
                    _ => adj.accepted.map(|p| p.to_string()).unwrap_or_default(),
                };
                line = line.push(
                    text_input(s::ACCEPTED_HINT, &typed)
                        .on_input(move |v| Message::AcceptInput(id.clone(), v))
                        .on_submit(Message::AcceptSubmit(adj.id.clone()))
                        .size(theme::TEXT_SMALL)
                        .padding(2)
                        .width(70),
                );
            }
            line = line.push(
                button(text("×").size(theme::TEXT_SMALL))
                    .on_press(Message::RemoveAdjustment(adj.id.clone()))
                    .padding([0, 6])
                    .style(button::text),
            );
            items = items.push(line);
        }
        right = right.push(scrollable(items).height(Length::Shrink));
        let kind_button = |label: &'a str, kind: AdjustmentKind| {
            button(text(label).size(theme::TEXT_SMALL))
                .on_press(Message::AdjKind(kind))
                .padding([4, 8])
                .style(if self.adj_kind == kind {
                    button::primary
                } else {
                    theme::quiet
                })
        };
        right = right.push(
            row![
                kind_button(s::BONUS, AdjustmentKind::Bonus),
                kind_button(s::DEDUCTION, AdjustmentKind::Deduction),
                undoable(
                    text_input(s::POINTS, &self.adj_points)
                        .id(ADJ_POINTS_ID)
                        .on_input(Message::AdjPoints)
                        .size(theme::TEXT_SMALL)
                        .padding(4)
                        .width(60),
                    s::POINTS,
                    &self.adj_points,
                    Message::AdjPoints,
                ),
                limited(
                    text_input(s::REASON, &self.adj_reason)
                        .id(ADJ_REASON_ID)
                        .on_input(Message::AdjReason)
                        .on_submit(Message::AddAdjustment)
                        .size(theme::TEXT_SMALL)
                        .padding(4),
                    s::REASON,
                    &self.adj_reason,
                    Message::AdjReason,
                    crate::limits::TextKind::Name,
                ),
                button(text(s::ADD).size(theme::TEXT_SMALL))
                    .on_press(Message::AddAdjustment)
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(4)
            .align_y(Alignment::Center),
        );
        if let Some(e) = &self.error {
            right = right.push(
                container(text(e.clone()).size(theme::TEXT_SMALL))
                    .padding([2, 8])
                    .style(theme::error_note),
            );
        }
        container(row![left, right].spacing(theme::SPACE_L))
            .padding(theme::SPACE_M)
            .width(Length::Fill)
            .max_height(210)
            .style(theme::card)
            .into()
    }
}

/// "Hoàn thành xuất sắc nhiệm vụ" → "HTXSNV": how the bands are written in
/// tables.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}
