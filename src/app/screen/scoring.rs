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
use crate::app::key_layer;
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
pub const ROW_H: f32 = 32.0;
/// The "Tối đa" column.
const MAX_COL_W: f32 = 40.0;
/// Width of one school's column (self + cluster) with room to spare.
pub const CELL_W: f32 = 104.0;
/// The narrowest column that still shows both scores.
pub const CELL_W_BOTH: f32 = 80.0;
/// A school's column when not even that fits: the score being typed only
/// (the other one tints the cell and is in the panel).
pub const CELL_W_COMPACT: f32 = 64.0;
/// The criterion names' column gives way down to this, so both scores
/// stay in the cells.
const NAME_MIN_W: f32 = 180.0;
/// The names' column the cells grow past [`CELL_W_BOTH`] only beyond:
/// a wide window gives the names their room first.
const NAME_PREF_W: f32 = 320.0;
/// The other side's score in a cell.
const OTHER_W: f32 = 30.0;
/// The cell's panel beside the grid, when the window is wide.
const PANEL_W: f32 = 340.0;
/// From this width the panel sits beside the grid.
const PANEL_BESIDE_FROM: f32 = 1400.0;
/// Below this height the panel folds to one line (a button opens it), so
/// the grid keeps its rows.
const PANEL_FOLD_BELOW: f32 = 680.0;
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

/// Where the selected cell's panel (note, evidence, bonus items) goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PanelPlace {
    /// Under the grid (tall windows).
    Below,
    /// Beside it (wide windows).
    Beside,
    /// One line under it, opened by a button (short windows).
    Folded,
}

/// `s` cut to about `chars` characters, ending in "…" when cut (iced
/// 0.14 text has no ellipsis of its own; a tooltip shows it whole).
fn fit(s: &str, chars: usize) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= chars.max(2) {
        return std::borrow::Cow::Borrowed(s);
    }
    let cut: String = s.chars().take(chars.max(2) - 1).collect();
    std::borrow::Cow::Owned(format!("{}…", cut.trim_end()))
}

/// About how many characters of text of `size` fit in `width` pixels.
fn chars_in(width: f32, size: f32) -> usize {
    // An average letter of Vietnamese text in the app's font, measured.
    (width / (size * 0.47)).max(1.0) as usize
}

/// Below this height (logical) a school's name takes one line in the
/// column heads, not two.
const TALL: f32 = 700.0;

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
    /// The window's logical size (see `set_size`).
    width: f32,
    height: f32,
    /// The clerk opened the folded panel (short windows).
    panel_open: bool,
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
    /// The cell was entered to be edited (F2 or a click): ← / → move the
    /// caret in it. Reached by the keyboard, a value typed replaces the
    /// stored one and ← / → commit it and move on, as in Excel.
    editing: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            side: Side::Cluster,
            me: None,
            in_panel: false,
            editing: false,
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
            height: 768.0,
            panel_open: false,
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
    /// Esc in the cell: back to the stored score, typing dropped.
    Restore,
    /// F2 in the cell: edit the value in place (← / → move the caret).
    EditMode,
    /// Open or fold the cell's panel (short windows).
    TogglePanel,
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
        self.editing = false;
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
            Message::Select(cell) => {
                // An invalid value is not left behind silently: the cell
                // stays, says why and that Esc restores the stored score.
                let action = self.leave_for(wb, cell);
                if self.selected == Some(cell) {
                    self.editing = true;
                }
                return action;
            }
            Message::Restore => {
                if let Some(cell) = self.draft.as_ref().map(|d| d.cell) {
                    self.load_cell(wb, cell);
                    self.editing = false;
                    return Action::Run(Task::batch([
                        operation::focus(CELL_ID),
                        operation::select_all(CELL_ID),
                    ]));
                }
            }
            Message::TogglePanel => self.panel_open = !self.panel_open,
            Message::EditMode => {
                self.editing = true;
                return Action::Run(operation::move_cursor_to_end(CELL_ID));
            }
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

    /// The keys the cell being typed in answers before the field: Esc
    /// restores the stored score, F2 edits in place, Alt+C / Alt+T switch
    /// the side (never typed as "c" / "t"), and ← / → move on unless the
    /// cell is being edited in place.
    fn cell_key(event: &keyboard::Event, editing: bool) -> Option<Message> {
        use keyboard::key::Named;
        let keyboard::Event::KeyPressed {
            key,
            modifiers,
            physical_key,
            ..
        } = event
        else {
            return None;
        };
        if modifiers.command() {
            return None;
        }
        if modifiers.alt() {
            return match key.to_latin(*physical_key)?.to_ascii_lowercase() {
                'c' => Some(Message::Side(Side::Cluster)),
                't' => Some(Message::Side(Side::Own)),
                _ => None,
            };
        }
        match key {
            keyboard::Key::Named(Named::Escape) => Some(Message::Restore),
            keyboard::Key::Named(Named::F2) => Some(Message::EditMode),
            keyboard::Key::Named(Named::ArrowLeft) if !editing && !modifiers.shift() => {
                Some(Message::Move { rows: 0, cols: -1 })
            }
            keyboard::Key::Named(Named::ArrowRight) if !editing && !modifiers.shift() => {
                Some(Message::Move { rows: 0, cols: 1 })
            }
            _ => None,
        }
    }

    /// The window's size (logical pixels, after the zoom): how many
    /// schools fit beside the criterion names, where the panel goes.
    pub fn set_size(&mut self, size: iced::Size) {
        if size.width.is_finite() && size.width > 0.0 {
            self.width = size.width;
        }
        if size.height.is_finite() && size.height > 0.0 {
            self.height = size.height;
        }
    }

    fn panel_place(&self) -> PanelPlace {
        let n = self.cache.as_ref().map_or(0, |c| c.schools.len()) as f32;
        if self.width >= PANEL_BESIDE_FROM
            && self.width - PANEL_W - GRID_CHROME_W - NAME_MIN_W >= n * CELL_W_BOTH
        {
            PanelPlace::Beside
        } else if self.height < PANEL_FOLD_BELOW && !self.panel_open {
            PanelPlace::Folded
        } else {
            PanelPlace::Below
        }
    }

    /// A school's column: as wide as the room left by the names' least
    /// column allows, up to [`CELL_W`].
    fn cell_w(&self) -> f32 {
        let n = self.cache.as_ref().map_or(0, |c| c.schools.len()).max(1) as f32;
        let beside = if self.panel_place() == PanelPlace::Beside {
            PANEL_W
        } else {
            0.0
        };
        let per = |names: f32| (self.width - GRID_CHROME_W - beside - names) / n;
        if per(NAME_PREF_W) >= CELL_W_BOTH {
            per(NAME_PREF_W).min(CELL_W).floor()
        } else if per(NAME_MIN_W) >= CELL_W_BOTH {
            CELL_W_BOTH
        } else {
            CELL_W_COMPACT
        }
    }

    /// Too narrow for both scores: the cell shows the one being typed.
    fn compact(&self) -> bool {
        self.cell_w() < CELL_W_BOTH
    }

    /// The criterion names' column, as laid out.
    fn name_w(&self) -> f32 {
        let n = self.cache.as_ref().map_or(0, |c| c.schools.len()) as f32;
        let beside = if self.panel_place() == PanelPlace::Beside {
            PANEL_W
        } else {
            0.0
        };
        (self.width - GRID_CHROME_W - beside - n * self.cell_w()).max(NAME_MIN_W)
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
        // One line: the legend is a hover away, so the rows keep the room.
        let header = row![
            text(s::SCORING_TITLE)
                .size(theme::TEXT_HEADING)
                .font(font::BOLD),
            tooltip(
                text(s::HOW_TO_TYPE)
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
                container(text(s::CELL_LEGEND).size(theme::TEXT_SMALL))
                    .max_width(420)
                    .padding(6)
                    .style(theme::card),
                tooltip::Position::Bottom,
            ),
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
            // Four short lines: the name (cut with "…", whole on hover),
            // the total, rank and rating, what is missing.
            // Bold runs wider than the estimate's average letter.
            let fits = chars_in(self.cell_w() - 8.0, theme::TEXT_SMALL * 1.15);
            let lines = if self.height >= TALL { 2 } else { 1 };
            let mut col = column![
                tooltip(
                    text(fit(short, lines * fits))
                        .font(font::BOLD)
                        .size(theme::TEXT_SMALL)
                        .line_height(1.15)
                        .height(lines as f32 * theme::TEXT_SMALL * 1.15 + 1.0)
                        .wrapping(if lines > 1 {
                            text::Wrapping::WordOrGlyph
                        } else {
                            text::Wrapping::None
                        }),
                    container(text(full.as_str()).size(theme::TEXT_SMALL))
                        .padding(6)
                        .style(theme::card),
                    tooltip::Position::Bottom,
                ),
                // A narrow column drops the words, never cuts a figure.
                text({
                    let total = format!("{} {final_score}", s::FINAL_SHORT);
                    if total.chars().count()
                        <= chars_in(self.cell_w() - 8.0, theme::TEXT_SMALL * 1.05)
                    {
                        total
                    } else {
                        final_score
                    }
                })
                .size(theme::TEXT_SMALL)
                .font(font::BOLD)
                .wrapping(text::Wrapping::None),
                tooltip(
                    row![
                        text(format!("{} {rank}", s::RANK_SHORT))
                            .size(theme::TEXT_SMALL)
                            .wrapping(text::Wrapping::None),
                    ]
                    .push(
                        // Capitals run wide: the rating's initials
                        // only where they surely fit.
                        (format!("{} {rank} {}", s::RANK_SHORT, band.0)
                            .chars()
                            .count()
                            <= chars_in(self.cell_w() - 8.0, theme::TEXT_SMALL * 1.4))
                        .then(|| {
                            text(band.0)
                                .size(theme::TEXT_SMALL)
                                .wrapping(text::Wrapping::None)
                        })
                    )
                    .spacing(4),
                    container(text(band.1).size(theme::TEXT_SMALL))
                        .padding(6)
                        .style(theme::card),
                    tooltip::Position::Bottom,
                ),
            ]
            .spacing(1)
            .clip(true);
            let gaps = s::missing_short(missing, unreviewed);
            let gaps = fit(&gaps, chars_in(self.cell_w() - 8.0, 11.0 * 1.1)).into_owned();
            col = col.push(text(gaps).size(11).wrapping(text::Wrapping::None).color(
                if missing + unreviewed > 0 {
                    theme::WARN
                } else {
                    theme::MUTED
                },
            ));
            heads = heads.push(
                container(col)
                    .width(self.cell_w())
                    .padding([2, 4])
                    .clip(true)
                    .style(if selected {
                        theme::selected_col
                    } else {
                        theme::plain
                    }),
            );
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

        let grid = container(column![heads, body].spacing(2))
            .padding(theme::SPACE_S)
            .height(Length::Fill)
            .style(theme::card);
        let place = self.panel_place();
        let work: Element<'a, Message> = match place {
            PanelPlace::Beside => row![grid, self.panel(wb, cache, place)]
                .spacing(theme::SPACE_M)
                .into(),
            PanelPlace::Below | PanelPlace::Folded => column![grid, self.panel(wb, cache, place)]
                .spacing(theme::SPACE_S)
                .into(),
        };
        column![header, work].spacing(theme::SPACE_S).into()
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
            // Two lines, less what wrapping at word ends loses.
            text(fit(
                &r.title,
                (2 * chars_in(
                    self.name_w() - 30.0 - 14.0 * r.depth as f32,
                    theme::TEXT_SMALL
                ))
                .saturating_sub(4)
            ))
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
            .width(OTHER_W)
            .wrapping(text::Wrapping::None)
            .align_x(Alignment::End);
        // The typed score's box: what the column leaves beside the other.
        let input_w = if self.compact() {
            self.cell_w() - 10.0
        } else {
            (self.cell_w() - OTHER_W - 12.0).min(54.0)
        };
        let selected = self.selected == Some(cell);
        let input: Element<'a, Message> = match &self.draft {
            Some(d) if selected && d.cell == cell => {
                let bad = d.error.is_some();
                let editing = self.editing;
                key_layer::first(
                    undoable(
                        text_input("", &d.text)
                            .id(CELL_ID)
                            .on_input(Message::Input)
                            .on_submit(Message::Submit)
                            .size(theme::TEXT_SMALL)
                            .padding([3, 4])
                            .width(input_w)
                            .align_x(Alignment::End)
                            .style(move |t, st| theme::cell_input(t, st, bad)),
                        "",
                        &d.text,
                        Message::Input,
                    ),
                    move |key| State::cell_key(key, editing),
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
                .width(input_w)
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
            row![other, input].spacing(4)
        };
        container(content.align_y(Alignment::Center))
            .width(self.cell_w())
            .padding([0, 4])
            .into()
    }

    /// The selected cell's details, note, evidence, and the school's bonus
    /// and deduction items.
    fn panel<'a>(
        &'a self,
        wb: &'a Workbook,
        cache: &'a Cache,
        place: PanelPlace,
    ) -> Element<'a, Message> {
        let width = if place == PanelPlace::Beside {
            Length::Fixed(PANEL_W)
        } else {
            Length::Fill
        };
        let Some(cell) = self.selected else {
            return container(
                text(s::SELECT_CELL)
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
            )
            .padding(theme::SPACE_S)
            .width(width)
            .style(theme::note)
            .into();
        };
        let Some((school, row)) = self.ids(cell) else {
            return Space::new().into();
        };
        let own = self.score(wb, cell, Side::Own);
        let cl = self.score(wb, cell, Side::Cluster);
        let pts = |s: Option<&Score>| s.map_or_else(|| "—".to_string(), |s| s.points.to_string());
        if place == PanelPlace::Folded {
            return self.folded_panel(cache, cell, row, (pts(own), pts(cl)));
        }
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
                row![
                    container(text(e.to_string()).size(theme::TEXT_SMALL))
                        .padding([2, 8])
                        .style(theme::error_note),
                    text(s::ESC_RESTORES)
                        .size(theme::TEXT_SMALL)
                        .color(theme::MUTED),
                ]
                .spacing(theme::SPACE_S)
                .align_y(Alignment::Center),
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
        let mut parts: Element<'a, Message> = if place == PanelPlace::Beside {
            scrollable(
                column![left.width(Length::Fill), right.width(Length::Fill)]
                    .spacing(theme::SPACE_L)
                    .padding(iced::Padding::ZERO.right(12)),
            )
            .into()
        } else {
            row![left, right].spacing(theme::SPACE_L).into()
        };
        if place == PanelPlace::Below && self.height < PANEL_FOLD_BELOW {
            // Opened by hand in a short window: the same button folds it.
            parts = column![
                row![
                    space::horizontal(),
                    button(text(s::FOLD_PANEL).size(theme::TEXT_SMALL))
                        .on_press(Message::TogglePanel)
                        .padding([2, 8])
                        .style(theme::quiet),
                ],
                parts
            ]
            .into();
        }
        container(parts)
            .padding(theme::SPACE_M)
            .width(width)
            .max_height(if place == PanelPlace::Beside {
                f32::INFINITY
            } else {
                210.0
            })
            .style(theme::card)
            .into()
    }

    /// The panel folded to one line (short windows): which cell, both
    /// scores, the cell's error, and the button that opens the rest.
    fn folded_panel<'a>(
        &'a self,
        cache: &'a Cache,
        cell: Cell,
        row: &'a Row,
        (own, cl): (String, String),
    ) -> Element<'a, Message> {
        let mut line = row![
            container(
                text(
                    fit(
                        &format!(
                            "{} · {} — {}",
                            cache.schools[cell.school].1, row.full_code, row.title
                        ),
                        60
                    )
                    .into_owned()
                )
                .size(theme::TEXT_SMALL)
                .font(font::BOLD)
                .wrapping(text::Wrapping::None)
            )
            .width(Length::Fill)
            .clip(true),
            text(format!(
                "{}: {own} · {}: {cl} · {}: {}",
                s::SELF_SCORE,
                s::CLUSTER_SCORE,
                s::MAX,
                row.max
            ))
            .size(theme::TEXT_SMALL)
            .wrapping(text::Wrapping::None),
        ]
        .spacing(theme::SPACE_M)
        .align_y(Alignment::Center);
        if let Some(e) = self.cell_error().or(self.error.as_deref()) {
            line = line.push(
                container(text(e.to_string()).size(theme::TEXT_SMALL))
                    .padding([2, 8])
                    .style(theme::error_note),
            );
            line = line.push(
                text(s::ESC_RESTORES)
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
            );
        }
        line = line.push(
            button(
                text(s::OPEN_PANEL)
                    .size(theme::TEXT_SMALL)
                    .wrapping(text::Wrapping::None),
            )
            .on_press(Message::TogglePanel)
            .padding([2, 8])
            .style(theme::quiet),
        );
        container(line.clip(true))
            .padding([4, 8])
            .width(Length::Fill)
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
