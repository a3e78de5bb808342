//! Bảng tiêu chí: the criteria table as a tree (sections I, II …, criteria,
//! sub-criteria) with code, title and maximum; section totals and the table
//! total; add, edit, remove, reorder; the bonus and deduction caps; copying
//! the whole table from another workbook. A refused edit (a maximum below
//! scores already given, a copy that would orphan scores) is shown here with
//! the list of the scores in the way.

use crate::app::button::{self, button};
use crate::app::field::{limited, undoable};
use iced::widget::{column, container, row, scrollable, space, text, text_input};
use iced::{Alignment, Element, Length};

use crate::app::{font, strings as s, theme, widget};
use crate::workbook::edit::criteria::find;
use crate::workbook::edit::{CriteriaEdit, Edit};
use crate::workbook::{Criterion, Id, Points, Workbook};

pub const CODE_ID: &str = "criterion-code";
pub const TITLE_ID: &str = "criterion-title";
pub const MAX_ID: &str = "criterion-max";
pub const BONUS_CAP_ID: &str = "bonus-cap";
pub const DEDUCTION_CAP_ID: &str = "deduction-cap";
pub const TREE_ID: &str = "criteria-tree";

/// Deepest level offered for adding: sections (0), criteria (1),
/// sub-criteria (2).
const MAX_DEPTH: usize = 2;
/// Width of the add button, the same for "Thêm tiêu chí" and "… con".
const ADD_W: f32 = 124.0;

/// A table read from Word or Excel, shown before it is kept.
#[derive(Debug, Clone)]
pub struct Imported {
    name: String,
    understood: crate::workbook::criteria_table::Understood,
    fitted: crate::workbook::criteria_table::Fitted,
    /// Scored criteria that vanish are removed with their scores.
    replace: bool,
    /// Why keeping it was refused.
    refused: Vec<String>,
}

impl Imported {
    pub fn new(
        name: String,
        understood: crate::workbook::criteria_table::Understood,
        fitted: crate::workbook::criteria_table::Fitted,
    ) -> Imported {
        Imported {
            name,
            understood,
            fitted,
            replace: false,
            refused: Vec::new(),
        }
    }
}

/// UI state only.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// A table read from Word or Excel, waiting to be kept or dropped.
    imported: Option<Imported>,
    draft: Option<Draft>,
    removing: Option<Id>,
    bonus: Option<String>,
    deduction: Option<String>,
    /// A refusal (with its list of scores) or any other failure.
    error: Option<String>,
    info: Option<String>,
    /// A member school's machine: the table is shown without edit controls.
    read_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    New { parent: Option<Id> },
    Existing(Id),
}

#[derive(Debug, Clone)]
struct Draft {
    target: Target,
    code: String,
    title: String,
    max: String,
    /// A leaf: its maximum is typed (a parent's is the sum of its leaves).
    leaf: bool,
    /// A section (no maximum needed while it has no criteria).
    section: bool,
    error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Code,
    Title,
    Max,
}

#[derive(Debug, Clone)]
pub enum Message {
    AddSection,
    AddChild(Id),
    Edit(Id),
    Field(Field, String),
    Save,
    Cancel,
    Remove(Id),
    ConfirmRemove,
    CancelRemove,
    Move(Id, bool),
    BonusCap(String),
    DeductionCap(String),
    SaveCaps,
    CopyFrom,
    /// Read a criteria table from a Word or Excel file.
    ImportFrom,
    ImportReplace(bool),
    ImportApply,
    ImportCancel,
    DismissError,
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Edit(Box<Edit>),
    /// Ask for another workbook to copy the table from.
    PickFile,
    /// Ask for a Word or Excel file with the table.
    PickTable,
}

fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, r) in TABLE {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

/// Depth of `id` in the tree (0 for a section).
fn depth_of(nodes: &[Criterion], id: &Id) -> Option<usize> {
    nodes.iter().find_map(|c| {
        if &c.id == id {
            Some(0)
        } else {
            depth_of(&c.children, id).map(|d| d + 1)
        }
    })
}

/// Scores given to the leaves under `node` (self and cluster).
fn scores_under(wb: &Workbook, node: &Criterion) -> usize {
    let leaves: Vec<&Id> = node.leaves().iter().map(|c| &c.id).collect();
    wb.assessments
        .iter()
        .map(|a| {
            leaves
                .iter()
                .map(|l| {
                    usize::from(a.self_scores.contains_key(*l))
                        + usize::from(a.cluster_scores.contains_key(*l))
                })
                .sum::<usize>()
        })
        .sum()
}

impl State {
    /// A criterion's form, or a bonus/deduction item being typed, is open.
    pub fn has_open_form(&self) -> bool {
        self.draft.is_some() || self.bonus.is_some() || self.deduction.is_some()
    }

    /// What "Lưu thay đổi" of each open form sends (Ctrl+S commits them).
    pub fn save_messages(&self) -> Vec<Message> {
        let mut m = Vec::new();
        if self.draft.is_some() {
            m.push(Message::Save);
        }
        if self.bonus.is_some() || self.deduction.is_some() {
            m.push(Message::SaveCaps);
        }
        m
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        match message {
            Message::AddSection => {
                self.info = None;
                self.draft = Some(Draft {
                    target: Target::New { parent: None },
                    code: roman(wb.criteria.len() + 1),
                    title: String::new(),
                    max: String::new(),
                    leaf: true,
                    section: true,
                    error: None,
                });
            }
            Message::AddChild(parent) => {
                self.info = None;
                let (Some(p), Some(depth)) =
                    (find(&wb.criteria, &parent), depth_of(&wb.criteria, &parent))
                else {
                    return Action::None;
                };
                if depth >= MAX_DEPTH {
                    return Action::None;
                }
                let n = p.children.len() + 1;
                let code = if depth == 0 {
                    n.to_string()
                } else {
                    format!("{}.{n}", p.code)
                };
                self.draft = Some(Draft {
                    target: Target::New {
                        parent: Some(parent),
                    },
                    code,
                    title: String::new(),
                    max: String::new(),
                    leaf: true,
                    section: false,
                    error: None,
                });
            }
            Message::Edit(id) => {
                self.info = None;
                if let Some(c) = find(&wb.criteria, &id) {
                    let section = wb.criteria.iter().any(|x| x.id == id);
                    self.draft = Some(Draft {
                        target: Target::Existing(id),
                        code: c.code.clone(),
                        title: c.title.clone(),
                        max: c.max.map(|m| m.to_string()).unwrap_or_default(),
                        leaf: c.is_leaf(),
                        section,
                        error: None,
                    });
                }
            }
            Message::Field(field, value) => {
                if let Some(d) = &mut self.draft {
                    match field {
                        Field::Code => d.code = value,
                        Field::Title => d.title = value,
                        Field::Max => d.max = value,
                    }
                }
            }
            Message::Save => {
                if let Some(d) = &mut self.draft {
                    return match d.edit() {
                        Ok(edit) => Action::Edit(Box::new(Edit::Criteria(edit))),
                        Err(e) => {
                            d.error = Some(e);
                            Action::None
                        }
                    };
                }
            }
            Message::Cancel => self.draft = None,
            Message::Remove(id) => {
                self.info = None;
                self.removing = Some(id);
            }
            Message::ConfirmRemove => {
                if let Some(id) = self.removing.take() {
                    if self
                        .draft
                        .as_ref()
                        .is_some_and(|d| d.target == Target::Existing(id.clone()))
                    {
                        self.draft = None;
                    }
                    return Action::Edit(Box::new(Edit::Criteria(CriteriaEdit::Remove(id))));
                }
            }
            Message::CancelRemove => self.removing = None,
            Message::Move(id, up) => {
                return Action::Edit(Box::new(Edit::Criteria(CriteriaEdit::Move { id, up })));
            }
            Message::BonusCap(v) => self.bonus = Some(v),
            Message::DeductionCap(v) => self.deduction = Some(v),
            Message::SaveCaps => {
                let parse = |typed: &Option<String>, current: Points| match typed {
                    None => Ok(current),
                    Some(t) => Points::parse_vi(t).map_err(|e| e.to_string()),
                };
                let bonus = parse(&self.bonus, wb.rules.bonus_cap);
                let deduction = parse(&self.deduction, wb.rules.deduction_cap);
                match (bonus, deduction) {
                    (Ok(bonus), Ok(deduction)) => {
                        self.error = None;
                        return Action::Edit(Box::new(Edit::Criteria(CriteriaEdit::Caps {
                            bonus,
                            deduction,
                        })));
                    }
                    (Err(e), _) | (_, Err(e)) => self.error = Some(e),
                }
            }
            Message::CopyFrom => {
                self.info = None;
                return Action::PickFile;
            }
            Message::ImportFrom => {
                self.info = None;
                return Action::PickTable;
            }
            Message::ImportReplace(on) => {
                if let Some(i) = &mut self.imported {
                    i.replace = on;
                }
            }
            Message::ImportCancel => self.imported = None,
            Message::ImportApply => {
                if let Some(i) = &mut self.imported {
                    match crate::intake::checked_edit(wb, &i.fitted, i.replace) {
                        Ok(edit) => return Action::Edit(Box::new(edit)),
                        Err(lines) => i.refused = lines,
                    }
                }
            }
            Message::DismissError => {
                self.error = None;
                self.info = None;
            }
        }
        Action::None
    }

    /// How the app's applying of our last edit went: close the form on
    /// success; on failure show the reason (with the scores in the way) in
    /// the form, or above the table.
    pub fn applied(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.draft = None;
                self.bonus = None;
                self.deduction = None;
                self.error = None;
                if let Some(i) = self.imported.take() {
                    self.info = Some(s::criteria_imported(&i.name));
                }
            }
            Err(e) => match &mut self.draft {
                Some(d) => d.error = Some(e),
                None => self.error = Some(e),
            },
        }
    }

    /// How copying the table from another workbook went.
    pub fn copied(&mut self, result: Result<String, String>) {
        self.draft = None;
        self.removing = None;
        match result {
            Ok(name) => {
                self.error = None;
                self.info = Some(s::criteria_copied(&name));
            }
            Err(e) => {
                self.info = None;
                self.error = Some(e);
            }
        }
    }

    /// A table read from Word or Excel to show (or why it could not be).
    pub fn imported(&mut self, result: Result<Imported, String>) {
        self.draft = None;
        self.removing = None;
        self.info = None;
        match result {
            Ok(i) => {
                self.error = None;
                self.imported = Some(i);
            }
            Err(e) => {
                self.imported = None;
                self.error = Some(e);
            }
        }
    }

    /// Forget drafts that no longer fit the workbook (after undo, open …).
    pub fn reset(&mut self) {
        *self = State::default();
    }

    /// On a member school's machine the cluster's criteria table is read-only.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
        if read_only {
            self.draft = None;
            self.removing = None;
        }
    }

    pub fn view<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let total: Points = wb.criteria.iter().map(Criterion::max_points).sum();
        let title = row![
            text(s::CRITERIA_TITLE)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            text(s::criteria_total(total)).color(theme::MUTED),
        ]
        .spacing(theme::SPACE_M)
        .align_y(Alignment::Center);
        let actions = if self.read_only {
            row![]
        } else {
            row![
                button(text(s::IMPORT_CRITERIA).wrapping(text::Wrapping::None))
                    .on_press(Message::ImportFrom)
                    .style(theme::quiet),
                button(text(s::COPY_CRITERIA).wrapping(text::Wrapping::None))
                    .on_press(Message::CopyFrom)
                    .style(theme::quiet),
                button(text(s::ADD_SECTION).wrapping(text::Wrapping::None))
                    .on_press(Message::AddSection)
                    .style(button::primary),
            ]
        }
        .spacing(theme::SPACE_M);
        // With the form open the table has 3/5 of the width: the buttons
        // go under the title instead of being pushed out.
        let header: Element<'a, Message> = if self.draft.is_some() {
            column![title, actions].spacing(theme::SPACE_S).into()
        } else {
            row![title, space::horizontal(), actions]
                .spacing(theme::SPACE_M)
                .align_y(Alignment::Center)
                .into()
        };

        let mut left = column![header].spacing(theme::SPACE_M);
        if let Some(i) = &self.imported {
            left = left.push(imported_card(i));
        }
        if let Some(e) = &self.error {
            left = left.push(message_box(e, theme::error_note));
        }
        if let Some(i) = &self.info {
            left = left.push(message_box(i, theme::note));
        }
        if let Some(id) = &self.removing
            && let Some(node) = find(&wb.criteria, id)
        {
            left = left.push(removal(wb, node));
        }
        left = left.push(self.caps(wb));

        let editing = match &self.draft {
            Some(Draft {
                target: Target::Existing(id),
                ..
            }) => Some(id),
            _ => None,
        };
        let compact = self.draft.is_some();
        let mut rows: Vec<Element<'a, Message>> = Vec::new();
        if wb.criteria.is_empty() {
            rows.push(text(s::NO_CRITERIA).color(theme::MUTED).into());
        }
        for section in &wb.criteria {
            push_node(&mut rows, section, 0, editing, compact, self.read_only);
        }
        let tree = column(rows).spacing(2).push(
            container(
                row![
                    text(s::CRITERIA_TABLE_TOTAL)
                        .font(font::BOLD)
                        .width(Length::Fill),
                    text(total.to_string()).font(font::BOLD),
                ]
                .spacing(theme::SPACE_M),
            )
            .padding([6, 10])
            .style(theme::section_row),
        );
        left = left.push(
            scrollable(tree.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                .id(TREE_ID)
                .height(Length::Fill),
        );

        match &self.draft {
            Some(d) => row![
                left.width(Length::FillPortion(3)),
                d.view().width(Length::FillPortion(2))
            ]
            .spacing(theme::SPACE_L)
            .into(),
            None => left.into(),
        }
    }

    fn caps<'a>(&'a self, wb: &'a Workbook) -> Element<'a, Message> {
        let bonus = self
            .bonus
            .clone()
            .unwrap_or_else(|| wb.rules.bonus_cap.to_string());
        let deduction = self
            .deduction
            .clone()
            .unwrap_or_else(|| wb.rules.deduction_cap.to_string());
        let changed = self.bonus.is_some() || self.deduction.is_some();
        container(
            row![
                text(s::BONUS_CAP),
                undoable(
                    text_input("", &bonus)
                        .id(BONUS_CAP_ID)
                        .on_input_maybe((!self.read_only).then_some(Message::BonusCap))
                        .on_submit(Message::SaveCaps)
                        .padding(4)
                        .width(70),
                    "",
                    &bonus,
                    Message::BonusCap,
                ),
                text(s::DEDUCTION_CAP),
                undoable(
                    text_input("", &deduction)
                        .id(DEDUCTION_CAP_ID)
                        .on_input_maybe((!self.read_only).then_some(Message::DeductionCap))
                        .on_submit(Message::SaveCaps)
                        .padding(4)
                        .width(70),
                    "",
                    &deduction,
                    Message::DeductionCap,
                ),
                button(text(s::SAVE_CAPS).size(theme::TEXT_SMALL))
                    .on_press_maybe((changed && !self.read_only).then_some(Message::SaveCaps))
                    .padding([4, 8])
                    .style(theme::quiet),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center)
            .wrap(),
        )
        .padding([6, 10])
        .width(Length::Fill)
        .style(theme::card)
        .into()
    }
}

/// A message with one line per row ("• …" lines for the scores in the
/// way) and a close button.
fn message_box<'a>(
    body: &'a str,
    style: fn(&iced::Theme) -> container::Style,
) -> Element<'a, Message> {
    let lines = column(body.lines().map(|l| text(l).into())).spacing(2);
    container(
        row![
            scrollable(lines).height(Length::Shrink).width(Length::Fill),
            button(text("×"))
                .on_press(Message::DismissError)
                .style(button::text),
        ]
        .align_y(Alignment::Start),
    )
    .padding([6, 12])
    .max_height(220)
    .width(Length::Fill)
    .style(style)
    .into()
}

fn removal<'a>(wb: &'a Workbook, node: &'a Criterion) -> Element<'a, Message> {
    let scores = scores_under(wb, node);
    let mut body = column![text(s::remove_criterion(&node.code, &node.title)).font(font::BOLD),]
        .spacing(theme::SPACE_S);
    if !node.is_leaf() {
        body = body.push(text(s::REMOVE_CRITERION_CHILDREN));
    }
    if scores > 0 {
        body = body.push(text(s::remove_criterion_scores(scores)));
    }
    body = body.push(widget::remove_cancel(
        Message::ConfirmRemove,
        Message::CancelRemove,
    ));
    widget::note_card(body)
}

fn push_node<'a>(
    tree: &mut Vec<Element<'a, Message>>,
    node: &'a Criterion,
    depth: usize,
    editing: Option<&Id>,
    compact: bool,
    read_only: bool,
) {
    let small = |label: &'a str, msg: Message| {
        button(text(label).size(theme::TEXT_SMALL))
            .on_press(msg)
            .padding([3, 6])
            .style(theme::quiet)
    };
    let section = depth == 0;
    let bold = |t: text::Text<'a>| if section { t.font(font::BOLD) } else { t };
    let max = if node.is_leaf() {
        node.max.map(|m| m.to_string()).unwrap_or_default()
    } else {
        node.max_points().to_string()
    };
    let mut buttons = row![
        small(s::MOVE_UP, Message::Move(node.id.clone(), true)),
        small(s::MOVE_DOWN, Message::Move(node.id.clone(), false)),
        small(s::EDIT, Message::Edit(node.id.clone())),
    ]
    .spacing(4);
    if depth < MAX_DEPTH {
        let label = if section {
            s::ADD_CRITERION
        } else {
            s::ADD_SUB_CRITERION
        };
        buttons = buttons.push(
            button(
                text(label)
                    .size(theme::TEXT_SMALL)
                    .width(Length::Fill)
                    .align_x(iced::alignment::Horizontal::Center),
            )
            .on_press(Message::AddChild(node.id.clone()))
            .width(ADD_W)
            .padding([3, 6])
            .style(theme::quiet),
        );
    } else {
        // Keeps the columns of a sub-criterion in line with the others.
        buttons = buttons.push(space::horizontal().width(ADD_W));
    }
    buttons = buttons.push(
        button(text(s::REMOVE).size(theme::TEXT_SMALL))
            .on_press(Message::Remove(node.id.clone()))
            .padding([3, 6])
            .style(button::danger),
    );
    let line = row![
        space::horizontal().width(24.0 * depth as f32),
        bold(text(&node.code)).width(52),
        bold(text(&node.title)).width(Length::Fill),
        bold(text(max))
            .width(64)
            .align_x(iced::alignment::Horizontal::Right),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center);
    let body: Element<'a, Message> = if read_only {
        line.into()
    } else if compact {
        column![
            line,
            row![
                space::horizontal().width(24.0 * depth as f32 + 60.0),
                buttons
            ]
        ]
        .spacing(4)
        .into()
    } else {
        row![line, buttons]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center)
            .into()
    };
    let style: fn(&iced::Theme) -> container::Style = if editing == Some(&node.id) {
        theme::selected_col
    } else if section {
        theme::section_row
    } else {
        theme::plain
    };
    tree.push(
        container(body)
            .padding([4, 10])
            .width(Length::Fill)
            .style(style)
            .into(),
    );
    for child in &node.children {
        push_node(tree, child, depth + 1, editing, compact, read_only);
    }
}

impl Draft {
    fn edit(&self) -> Result<CriteriaEdit, String> {
        let max = if !self.leaf || (self.section && self.max.trim().is_empty()) {
            None
        } else {
            Some(Points::parse_vi(&self.max).map_err(|e| format!("{}: {e}", s::MAX_POINTS))?)
        };
        Ok(match &self.target {
            Target::New { parent } => CriteriaEdit::Add {
                parent: parent.clone(),
                node: Criterion {
                    code: self.code.clone(),
                    title: self.title.clone(),
                    max,
                    ..Criterion::default()
                },
            },
            Target::Existing(id) => CriteriaEdit::Set {
                id: id.clone(),
                code: self.code.clone(),
                title: self.title.clone(),
                max,
            },
        })
    }

    fn view(&self) -> iced::widget::Column<'_, Message> {
        let heading = match (&self.target, self.section) {
            (Target::New { .. }, true) => s::NEW_SECTION,
            (Target::New { .. }, false) => s::NEW_CRITERION,
            (Target::Existing(_), _) => s::EDIT_CRITERION,
        };
        let field = |label: &'static str, id: &'static str, value: &str, f: Field| {
            column![
                text(label).size(theme::TEXT_SMALL).color(theme::MUTED),
                limited(
                    text_input("", value)
                        .id(id)
                        .on_input(move |v| Message::Field(f, v))
                        .on_submit(Message::Save)
                        .padding(6),
                    "",
                    value,
                    move |v| Message::Field(f, v),
                    crate::limits::TextKind::Name,
                ),
            ]
            .spacing(2)
        };
        let mut form = column![
            text(heading).size(theme::TEXT_HEADING).font(font::BOLD),
            field(s::CRITERION_CODE, CODE_ID, &self.code, Field::Code),
            field(s::CRITERION_TITLE, TITLE_ID, &self.title, Field::Title),
        ]
        .spacing(theme::SPACE_S);
        if self.leaf {
            let label = if self.section {
                s::MAX_POINTS_OPTIONAL
            } else {
                s::MAX_POINTS
            };
            form = form.push(field(label, MAX_ID, &self.max, Field::Max));
        } else {
            form = form.push(
                text(s::MAX_IS_SUM)
                    .size(theme::TEXT_SMALL)
                    .color(theme::MUTED),
            );
        }
        // The buttons first: a long list of scores would push them out of sight.
        form = form.push(widget::save_cancel(Message::Save, Message::Cancel));
        if let Some(e) = &self.error {
            form = form.push(
                container(
                    column(e.lines().map(|l| text(l).size(theme::TEXT_SMALL).into())).spacing(2),
                )
                .padding(theme::SPACE_S)
                .width(Length::Fill)
                .style(theme::error_note),
            );
        }
        column![
            container(scrollable(form.padding(theme::SPACE_M)).id("criterion-form"))
                .style(theme::card)
                .height(Length::Fill)
        ]
    }
}

/// The table read from Word or Excel: the tree understood, the rows not
/// understood, how it fits the table there is, and the way to keep it.
fn imported_card(i: &Imported) -> Element<'_, Message> {
    use crate::workbook::criteria_table::outline;
    let mut body = column![
        text(s::import_title(
            &i.name,
            i.understood.count(),
            i.understood.total()
        ))
        .font(font::BOLD),
        text(s::import_fit(
            i.fitted.matched,
            i.fitted.added,
            i.fitted.gone
        ))
        .size(theme::TEXT_SMALL),
    ]
    .spacing(4);
    let mut tree = column![].spacing(1);
    for line in outline(&i.fitted.criteria) {
        tree = tree.push(text(line).size(theme::TEXT_SMALL));
    }
    body = body.push(
        container(scrollable(tree).height(Length::Fixed(180.0)))
            .padding(theme::SPACE_S)
            .style(theme::card),
    );
    if !i.understood.not_understood.is_empty() {
        body = body.push(text(s::IMPORT_NOT_UNDERSTOOD).color(theme::WARN));
        for n in &i.understood.not_understood {
            body = body.push(text(format!("• {n}")).size(theme::TEXT_SMALL));
        }
    }
    if !i.fitted.vanishing.is_empty() {
        body = body.push(text(s::IMPORT_VANISHING).color(theme::BAD));
        for v in &i.fitted.vanishing {
            body = body.push(
                text(format!(
                    "• {} {} ({} điểm đã chấm)",
                    v.code, v.title, v.scores
                ))
                .size(theme::TEXT_SMALL),
            );
        }
        body = body.push(
            crate::app::checkbox::checkbox(i.replace)
                .label(s::IMPORT_REPLACE)
                .on_toggle(Message::ImportReplace),
        );
    }
    for r in &i.refused {
        body = body.push(
            container(text(r.clone()).size(theme::TEXT_SMALL))
                .padding([2, 8])
                .style(theme::error_note),
        );
    }
    body = body.push(
        row![
            button(text(s::IMPORT_APPLY))
                .on_press(Message::ImportApply)
                .style(button::primary),
            button(text(s::CANCEL))
                .on_press(Message::ImportCancel)
                .style(theme::quiet),
        ]
        .spacing(theme::SPACE_M),
    );
    widget::note_card(body)
}

#[cfg(test)]
mod tests {
    use super::roman;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }
}
