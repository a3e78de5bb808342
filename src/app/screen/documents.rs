//! Văn bản: the documents of the dossier, what each still lacks, export to
//! PDF or Word (one through a save dialog with the usual file name, or all
//! into a folder), built one after the other off the window's thread with a
//! progress line per document, and opened with the system's program.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::app::button::{self, button};
use iced::futures::channel::oneshot;
use iced::widget::{column, container, progress_bar, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Task};

use crate::app::dialog::Picked;
use crate::app::widget::small;
use crate::app::{font, strings as s, theme};
use crate::document::docs::{self, Format};
use crate::workbook::file::{Overwrite, write_file};
use crate::workbook::{DocKind, Workbook};

/// The page preview's width (an A4 sheet at about 60 % of print size).
const PREVIEW_W: f32 = 460.0;

/// Where an export goes: one file, or every document into a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    One(DocKind, Format),
    /// Every document, as PDF, or as PDF and Word side by side.
    All {
        word_too: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Waiting,
    Building,
    /// Written; draft warnings if any.
    Done(Vec<String>),
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct Item {
    pub kind: DocKind,
    pub format: Format,
    pub path: PathBuf,
    pub status: Status,
}

/// An export under way (or finished, until dismissed).
#[derive(Debug, Clone)]
pub struct Job {
    pub items: Vec<Item>,
    pub folder: Option<PathBuf>,
    started: Instant,
    /// The workbook as it was when the export started.
    workbook: Arc<Workbook>,
}

impl Job {
    pub fn finished(&self) -> bool {
        self.items
            .iter()
            .all(|i| matches!(i.status, Status::Done(_) | Status::Failed(_)))
    }
}

#[derive(Debug, Default)]
pub struct State {
    selected: Option<DocKind>,
    /// The selected document's fields and its pages as typed.
    editor: Option<super::doc_editor::Editor>,
    /// The list of documents is shown (else the selected one's editor).
    editing: bool,
    job: Option<Job>,
    /// No native dialog on this machine: the path being typed.
    typing: Option<(Target, String)>,
    /// The open workbook's folder: where exports go unless told otherwise
    /// (never the program's working folder).
    folder: Option<PathBuf>,
    /// The open workbook's file (the report finds last year's beside it).
    file: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Select(DocKind),
    Export(Target),
    Picked(Target, Picked),
    PathTyped(String),
    PathSubmit,
    CancelPath,
    Finished(usize, Result<Vec<String>, String>),
    Open(PathBuf),
    Dismiss,
    /// The news item as plain text, to the clipboard (for the website).
    CopyNews,
    /// The selected document's editor.
    Editor(super::doc_editor::Message),
    /// Back from a document's editor to the list.
    BackToList,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Something to tell the user in the notice bar.
    Notice(String),
    /// The folder to export into does not exist: ask to create it, then
    /// export there (`start_in`).
    CreateFolder(Target, PathBuf),
    /// Keep what the editor holds in the workbook (one undo step).
    Edit(Box<crate::workbook::edit::Edit>),
}

use crate::app::dialog;

async fn pick(target: Target, suggested: String, folder: Option<PathBuf>) -> Picked {
    match target {
        Target::One(_, Format::Pdf) => {
            dialog::save_file(
                s::DIALOG_EXPORT,
                (s::FILTER_PDF, &["pdf"]),
                folder,
                suggested,
            )
            .await
        }
        Target::One(_, Format::Docx) => {
            dialog::save_file(
                s::DIALOG_EXPORT_WORD,
                (s::FILTER_WORD, &["docx"]),
                folder,
                suggested,
            )
            .await
        }
        Target::One(_, Format::Xlsx) => {
            dialog::save_file(
                s::DIALOG_EXPORT_EXCEL,
                (s::FILTER_EXCEL, &["xlsx"]),
                folder,
                suggested,
            )
            .await
        }
        Target::All { .. } => dialog::pick_folder(s::DIALOG_EXPORT_ALL, folder).await,
    }
}

/// Builds one document and writes it. Runs on a thread of its own. The
/// report looks for the previous year's workbook beside `workbook_file`.
pub fn export(
    wb: &Workbook,
    workbook_file: Option<&Path>,
    kind: DocKind,
    format: Format,
    path: &Path,
) -> Result<Vec<String>, String> {
    let ctx = docs::Context {
        previous: match (kind, workbook_file) {
            (DocKind::Report, Some(file)) => crate::history::previous_year(file, wb).map(Arc::new),
            _ => None,
        },
    };
    let (bytes, warnings) =
        crate::export::build(format, wb, kind, &ctx).map_err(|e| e.to_string())?;
    // A document is rebuilt from the workbook at will: no backup copy is
    // kept.
    write_file(path, &bytes, Overwrite::Anything, false).map_err(|e| e.to_string())?;
    Ok(warnings)
}

fn build_task(
    wb: Arc<Workbook>,
    workbook_file: Option<PathBuf>,
    index: usize,
    kind: DocKind,
    format: Format,
    path: PathBuf,
) -> Task<Message> {
    Task::perform(
        async move {
            let (tx, rx) = oneshot::channel();
            std::thread::spawn(move || {
                let _ = tx.send(export(&wb, workbook_file.as_deref(), kind, format, &path));
            });
            rx.await.unwrap_or_else(|_| Err(s::EXPORT_CRASHED.into()))
        },
        move |r| Message::Finished(index, r),
    )
}

/// Opens a file (or folder) with the program the system uses for it. A
/// plain command per system rather than a crate: it is one line each, and
/// a failure only means the clerk opens the file by hand.
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        // The empty "" is the window title `start` expects before a quoted path.
        c.args(["/C", "start", ""]).arg(path);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Reap it when it ends, without waiting here.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

impl State {
    /// Where the open workbook lives (exports start in its folder).
    pub fn set_file(&mut self, file: Option<PathBuf>) {
        self.folder = file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        self.file = file;
    }

    /// A path as typed: a bare name or a relative path lands in the
    /// workbook's folder.
    fn resolve(&self, typed: &str) -> PathBuf {
        let p = PathBuf::from(typed.trim().trim_matches('"'));
        match &self.folder {
            Some(f) if p.is_relative() => f.join(p),
            _ => p,
        }
    }

    pub fn job(&self) -> Option<&Job> {
        self.job.as_ref()
    }

    /// The open document editor (tests).
    pub fn editor(&self) -> Option<&super::doc_editor::Editor> {
        self.editor.as_ref()
    }

    /// What lies beside the workbook that `kind` prints (the report
    /// compares with the previous year's file).
    fn context(&self, wb: &Workbook, kind: DocKind) -> docs::Context {
        docs::Context {
            previous: match (kind, &self.file) {
                (DocKind::Report, Some(file)) => {
                    crate::history::previous_year(file, wb).map(Arc::new)
                }
                _ => None,
            },
        }
    }

    /// Typing in the editor not kept yet.
    pub fn has_open_form(&self) -> bool {
        self.editor.as_ref().is_some_and(|e| e.edited)
    }

    /// What "Lưu vào sổ" sends (Ctrl+S keeps the typing).
    pub fn save_messages(&self) -> Vec<Message> {
        if self.has_open_form() {
            vec![Message::Editor(super::doc_editor::Message::Save)]
        } else {
            Vec::new()
        }
    }

    /// The workbook was replaced (opened, undone, merged): the editor
    /// describes another state.
    pub fn reset(&mut self) {
        self.editor = None;
        self.editing = false;
    }

    /// How keeping the editor's fields went: kept, the editor reloads from
    /// the workbook; refused, it says why and keeps the typing.
    pub fn applied(&mut self, result: Result<(), String>, wb: &Workbook) {
        match result {
            Ok(()) => {
                if let Some(kind) = self.editor.as_ref().map(|e| e.kind) {
                    let ctx = self.context(wb, kind);
                    self.editor = Some(super::doc_editor::Editor::of(wb, kind, &ctx));
                }
            }
            Err(e) => {
                if let Some(ed) = &mut self.editor {
                    ed.failed(e);
                }
            }
        }
    }

    pub fn update(&mut self, message: Message, wb: &Workbook) -> Action {
        match message {
            Message::BackToList => self.editing = false,
            Message::Select(k) => {
                self.selected = Some(k);
                self.editing = true;
                // Typing in another document's fields is not dropped
                // unseen: the editor stays on it until kept or dropped.
                if self.editor.as_ref().is_none_or(|e| !e.edited) {
                    self.editor = Some(super::doc_editor::Editor::of(wb, k, &self.context(wb, k)));
                }
            }
            Message::Editor(m) => {
                if let Some(e) = &mut self.editor
                    && let Some(edit) = e.update(m, wb)
                {
                    return Action::Edit(edit);
                }
            }
            Message::Export(target) => {
                if self.job.as_ref().is_some_and(|j| !j.finished()) {
                    return Action::Notice(s::EXPORT_BUSY.into());
                }
                let name = match target {
                    Target::One(k, f) => docs::file_name_as(wb, k, f),
                    Target::All { .. } => String::new(),
                };
                let folder = self.folder.clone();
                return Action::Run(Task::perform(pick(target, name, folder), move |p| {
                    Message::Picked(target, p)
                }));
            }
            Message::Picked(target, picked) => match picked {
                Picked::Path(p) => return self.start(target, p, wb),
                Picked::Cancelled => {}
                Picked::Unavailable => {
                    // The whole path, so the clerk sees where it will go.
                    let name = match target {
                        Target::One(k, f) => docs::file_name_as(wb, k, f),
                        Target::All { .. } => String::new(),
                    };
                    let suggested = self.resolve(&name).display().to_string();
                    self.typing = Some((target, suggested));
                    return Action::Run(iced::widget::operation::focus("export-path"));
                }
            },
            Message::PathTyped(v) => {
                if let Some((_, p)) = &mut self.typing {
                    *p = v;
                }
            }
            Message::PathSubmit => {
                if let Some((target, p)) = self.typing.take() {
                    if p.trim().is_empty() {
                        self.typing = Some((target, p));
                    } else {
                        let path = self.resolve(&p);
                        return self.start(target, path, wb);
                    }
                }
            }
            Message::CancelPath => self.typing = None,
            Message::Finished(i, result) => {
                let Some(job) = &mut self.job else {
                    return Action::None;
                };
                if let Some(item) = job.items.get_mut(i) {
                    item.status = match result {
                        Ok(w) => Status::Done(w),
                        Err(e) => Status::Failed(e),
                    };
                }
                return self.next();
            }
            Message::Open(p) => {
                if let Err(e) = open_with_system(&p) {
                    return Action::Notice(s::cannot_open(&p, &crate::text::io_reason(&e)));
                }
            }
            Message::CopyNews => {
                let text = docs::news_item(wb).plain_text();
                return Action::Run(iced::clipboard::write(text));
            }
            Message::Dismiss => {
                if self.job.as_ref().is_some_and(Job::finished) {
                    self.job = None;
                }
            }
        }
        Action::None
    }

    /// Starts exporting to `path`, a folder just created for it.
    pub fn start_in(&mut self, target: Target, path: PathBuf, wb: &Workbook) -> Action {
        self.start(target, path, wb)
    }

    /// Starts exporting to `path` (a file, or the folder for all).
    fn start(&mut self, target: Target, path: PathBuf, wb: &Workbook) -> Action {
        self.typing = None;
        let (jobs, folder): (Vec<(DocKind, Format)>, Option<PathBuf>) = match target {
            Target::One(k, f) => (vec![(k, f)], None),
            Target::All { word_too } => {
                let formats: &[Format] = if word_too {
                    &[Format::Pdf, Format::Docx]
                } else {
                    &[Format::Pdf]
                };
                (
                    docs::ALL
                        .iter()
                        .flat_map(|k| formats.iter().map(move |f| (*k, *f)))
                        .collect(),
                    Some(path.clone()),
                )
            }
        };
        if let Some(f) = &folder {
            if !f.exists() {
                return Action::CreateFolder(target, f.clone());
            }
            if !f.is_dir() {
                return Action::Notice(s::not_a_folder(f));
            }
        }
        let items = jobs
            .into_iter()
            .map(|(kind, format)| Item {
                kind,
                format,
                path: match &folder {
                    Some(f) => f.join(docs::file_name_as(wb, kind, format)),
                    None if path.extension().is_none() => path.with_extension(format.extension()),
                    None => path.clone(),
                },
                status: Status::Waiting,
            })
            .collect();
        self.job = Some(Job {
            items,
            folder,
            started: Instant::now(),
            workbook: Arc::new(wb.clone()),
        });
        self.next()
    }

    /// Starts the next waiting document, one at a time (two cores, and the
    /// window must stay responsive).
    fn next(&mut self) -> Action {
        let Some(job) = &mut self.job else {
            return Action::None;
        };
        let Some((i, item)) = job
            .items
            .iter_mut()
            .enumerate()
            .find(|(_, i)| i.status == Status::Waiting)
        else {
            return Action::None;
        };
        item.status = Status::Building;
        Action::Run(build_task(
            job.workbook.clone(),
            self.file.clone(),
            i,
            item.kind,
            item.format,
            item.path.clone(),
        ))
    }

    /// `results`: the rules' results of `wb`, worked out once per change.
    pub fn view<'a>(
        &'a self,
        wb: &'a Workbook,
        results: &crate::rules::Results,
    ) -> Element<'a, Message> {
        let busy = self.job.as_ref().is_some_and(|j| !j.finished());
        let header = row![
            text(s::VIEW_DOCUMENTS)
                .size(theme::TEXT_TITLE)
                .font(font::BOLD),
            space::horizontal(),
            button(text(s::EXPORT_ALL_WORD_TOO))
                .on_press_maybe((!busy).then_some(Message::Export(Target::All { word_too: true })))
                .style(button::secondary),
            button(text(s::EXPORT_ALL))
                .on_press_maybe((!busy).then_some(Message::Export(Target::All { word_too: false })))
                .style(button::primary),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);

        let mut page = column![small(s::DOCUMENTS_HINT)].spacing(theme::SPACE_M);
        // The path asked for sits at the foot: in sight wherever the page
        // is scrolled, and it does not move the page under the pointer.
        let foot = self
            .typing
            .as_ref()
            .map(|(target, p)| path_field(*target, p));
        if let Some(job) = &self.job {
            page = page.push(job_view(job));
        }
        let selected = self.selected.unwrap_or(docs::ALL[0]);
        let mut list = column![].spacing(4);
        for kind in docs::ALL {
            let missing = docs::missing_with(wb, results, kind);
            let blocking = missing.iter().filter(|m| m.blocking).count();
            let (status, color) = if blocking > 0 {
                (s::CANNOT_MAKE, theme::BAD)
            } else if missing.is_empty() {
                (s::READY, theme::GOOD)
            } else {
                (s::DRAFT, theme::AMBER)
            };
            list = list.push(
                button(
                    row![
                        text(capitalised(docs::title(kind))).width(Length::Fill),
                        text(status).size(theme::TEXT_SMALL).color(color),
                    ]
                    .spacing(theme::SPACE_S),
                )
                .on_press(Message::Select(kind))
                .width(Length::Fill)
                .padding([8, 10])
                .style(theme::nav(kind == selected)),
            );
        }
        let detail = detail(wb, results, selected, busy);
        // A document opened: its card and editor take the page, the list
        // is one click back.
        if self.editing
            && let Some(e) = &self.editor
        {
            page = page.push(
                button(text(s::BACK_TO_DOCUMENTS).size(theme::TEXT_SMALL))
                    .on_press(Message::BackToList)
                    .style(theme::quiet),
            );
            page = page.push(detail);
            page = page.push(e.view(PREVIEW_W).map(Message::Editor));
            return column![
                header,
                scrollable(page.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                    .id("documents-page")
                    .height(Length::Fill)
            ]
            .push(foot)
            .spacing(theme::SPACE_M)
            .into();
        }
        page = page.push(
            row![
                container(list)
                    .padding(theme::SPACE_S)
                    .style(theme::card)
                    .width(Length::FillPortion(2)),
                detail.width(Length::FillPortion(3)),
            ]
            .spacing(theme::SPACE_L),
        );
        page = page.push(small(s::DOC_EDITOR_HINT));
        column![
            header,
            scrollable(page.padding(iced::Padding::ZERO.right(theme::SPACE_M)))
                .id("documents-page")
                .height(Length::Fill)
        ]
        .push(foot)
        .spacing(theme::SPACE_M)
        .into()
    }
}

fn capitalised(t: &str) -> String {
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn detail<'a>(
    wb: &'a Workbook,
    results: &crate::rules::Results,
    kind: DocKind,
    busy: bool,
) -> iced::widget::Container<'a, Message> {
    let missing = docs::missing_with(wb, results, kind);
    let blocking = missing.iter().any(|m| m.blocking);
    let mut body = column![
        text(capitalised(docs::title(kind)))
            .size(theme::TEXT_HEADING)
            .font(font::BOLD),
        small(s::file_name_line(&docs::file_name(wb, kind))),
    ]
    .spacing(theme::SPACE_S);
    if missing.is_empty() {
        body = body.push(text(s::NOTHING_MISSING).color(theme::GOOD));
    } else {
        body = body.push(text(if blocking {
            s::MISSING_BLOCKING
        } else {
            s::MISSING_BLANKS
        }));
        for m in missing {
            body = body.push(
                text(format!(
                    "• {}{}",
                    m.what,
                    if m.blocking { s::REQUIRED_MARK } else { "" }
                ))
                .color(if m.blocking { theme::BAD } else { theme::TEXT }),
            );
        }
    }
    let export = |label, format| {
        button(text(label))
            .on_press_maybe(
                (!busy && !blocking).then_some(Message::Export(Target::One(kind, format))),
            )
            .style(if format == Format::Pdf {
                button::primary
            } else {
                button::secondary
            })
    };
    let mut actions = row![
        export(s::EXPORT_ONE, Format::Pdf),
        export(s::EXPORT_ONE_WORD, Format::Docx),
    ]
    .spacing(theme::SPACE_S);
    if Format::Xlsx.has(kind) {
        actions = actions.push(export(s::EXPORT_ONE_EXCEL, Format::Xlsx));
    }
    if kind == DocKind::News {
        // The news item goes to the website as text as well.
        actions = actions.push(
            button(text(s::COPY_NEWS))
                .on_press(Message::CopyNews)
                .style(button::secondary),
        );
    }
    body = body.push(actions.wrap());
    body = body.push(small(s::WORD_HINT));
    if Format::Xlsx.has(kind) {
        body = body.push(small(s::EXCEL_HINT));
    }
    container(body)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(theme::card)
}

fn path_field(target: Target, p: &str) -> Element<'_, Message> {
    let prompt = match target {
        Target::One(_, Format::Pdf) => s::PATH_NO_DIALOG_PDF,
        Target::One(_, Format::Docx) => s::PATH_NO_DIALOG_WORD,
        Target::One(_, Format::Xlsx) => s::PATH_NO_DIALOG_EXCEL,
        Target::All { .. } => s::PATH_NO_DIALOG_FOLDER,
    };
    crate::app::path_field::path_field(
        prompt,
        "",
        p,
        "export-path",
        Message::PathTyped,
        Message::PathSubmit,
        Message::CancelPath,
    )
}

fn job_view(job: &Job) -> Element<'_, Message> {
    let total = job.items.len();
    let done = job
        .items
        .iter()
        .filter(|i| matches!(i.status, Status::Done(_) | Status::Failed(_)))
        .count();
    let finished = job.finished();
    let mut head = row![
        text(if finished {
            s::export_done(done, total)
        } else {
            s::export_progress(done, total)
        })
        .font(font::BOLD)
        .width(Length::Fill)
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center);
    if finished {
        if let Some(f) = &job.folder {
            head = head.push(
                button(text(s::OPEN_FOLDER).size(theme::TEXT_SMALL))
                    .on_press(Message::Open(f.clone()))
                    .padding([4, 8])
                    .style(theme::quiet),
            );
        }
        head = head.push(
            button(text("×"))
                .on_press(Message::Dismiss)
                .style(button::text),
        );
    }
    let mut body = column![head].spacing(4);
    // Only a moment's work: no bar flickering by.
    if !finished && (total > 1 || job.started.elapsed() > Duration::from_millis(300)) {
        body = body.push(progress_bar(0.0..=total as f32, done as f32).girth(8));
    }
    if let Some(dir) = job.folder.clone().or_else(|| {
        job.items
            .first()
            .and_then(|i| i.path.parent().map(PathBuf::from))
    }) {
        body = body.push(
            text(s::export_folder(&dir))
                .size(theme::TEXT_SMALL)
                .color(theme::MUTED),
        );
    }
    for item in &job.items {
        let name = item
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (status, color) = match &item.status {
            Status::Waiting => (s::WAITING.to_string(), theme::MUTED),
            Status::Building => (s::BUILDING.to_string(), theme::TEXT),
            Status::Done(w) if w.is_empty() => (s::WRITTEN.to_string(), theme::GOOD),
            Status::Done(w) => (s::written_draft(w.len()), theme::AMBER),
            Status::Failed(e) => (e.clone(), theme::BAD),
        };
        let mut line = row![
            text(name).width(Length::FillPortion(2)),
            text(status).color(color).width(Length::FillPortion(3)),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center);
        if matches!(item.status, Status::Done(_)) {
            line = line.push(
                button(text(s::OPEN_PDF).size(theme::TEXT_SMALL))
                    .on_press(Message::Open(item.path.clone()))
                    .padding([4, 8])
                    .style(theme::quiet),
            );
        }
        body = body.push(line);
        if let Status::Done(w) = &item.status {
            for w in w {
                body = body.push(small(w));
            }
        }
    }
    container(body)
        .padding(theme::SPACE_M)
        .width(Length::Fill)
        .style(
            if job
                .items
                .iter()
                .any(|i| matches!(i.status, Status::Failed(_)))
            {
                theme::error_note
            } else {
                theme::note
            },
        )
        .into()
}
