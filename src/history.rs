//! The cluster's years side by side (issue 18): a folder of yearly
//! workbooks read as one history. Per school and year: the final score,
//! rank, rating, awards proposed and decided, leader/deputy role and the
//! activities it hosted or took part in, by kind.
//!
//! Only the cluster's own workbooks count. A school's copy from a mail-out
//! or a returned file (it names the school it is for), another cluster's
//! workbook, a second workbook of a year already read, and anything that
//! does not load are listed with the reason and skipped, never a crash.
//! Backups (`.bak`) are listed as skipped without being read.
//!
//! Schools are followed by their id, which a new year's workbook keeps: a
//! renamed school stays one line (its earlier names noted). A school that
//! left by merging names its successor (`School::successor`); its years are
//! shown nested under the successor's line, never added to it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::rules;
use crate::workbook::{self, ActivityKind, DecisionOutcome, Id, Points, Workbook};

/// One school in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearResult {
    pub name: String,
    pub final_score: Points,
    pub rank: u32,
    pub tied: bool,
    pub rating: String,
    /// Award names the conference proposed for the school.
    pub proposed: Vec<String>,
    /// Award names the Academy granted.
    pub awarded: Vec<String>,
    pub role: Option<Role>,
    /// Activities hosted or joined, by kind (kinds with none left out).
    pub activities: Vec<(ActivityKind, u32)>,
    /// The school left the cluster during the year (merged, moved).
    pub left: bool,
    /// Any score entered at all (a year just begun has none: its zeros
    /// and ranks mean nothing yet).
    pub scored: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Leader,
    Deputy,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Leader => "cụm trưởng",
            Role::Deputy => "cụm phó",
        }
    }
}

/// A school's line: its years, and the schools it continues (merged into
/// it), each with their own years.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub school: Id,
    /// Its latest name.
    pub name: String,
    pub years: BTreeMap<i16, YearResult>,
    /// Earlier names, oldest first ("Trường Chính trị tỉnh Bình Phước" …).
    pub former_names: Vec<String>,
    /// Schools that merged into this one, with their own years.
    pub predecessors: Vec<Line>,
}

/// A file of the folder that is not part of the history, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The cluster's name, from its latest year.
    pub cluster: String,
    /// Every year from the first to the last, found or not.
    pub years: Vec<i16>,
    /// Years in that range with no workbook in the folder.
    pub missing: Vec<i16>,
    /// The workbook read for each year.
    pub files: Vec<(i16, PathBuf)>,
    /// Current members of the latest year first (best rank first), then
    /// schools that are no longer members.
    pub lines: Vec<Line>,
    pub skipped: Vec<Skipped>,
}

/// Reads every `.json` file of `dir` (not its subfolders) into the history
/// of the cluster most of them belong to.
pub fn from_folder(dir: &Path) -> std::io::Result<History> {
    from_folder_with(dir, None)
}

/// As [`from_folder`], with the workbook open in the window (its file
/// and what it holds now): it stands for its year, whatever other
/// workbook of that year the folder holds, and is not read again.
pub fn from_folder_with(dir: &Path, open: Option<(&Path, &Workbook)>) -> std::io::Result<History> {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    let ext = |p: &Path, e: &str| p.extension().is_some_and(|x| x.eq_ignore_ascii_case(e));
    let mut paths: Vec<PathBuf> = files.iter().filter(|p| ext(p, "json")).cloned().collect();
    paths.sort();
    // The backups saving leaves beside a workbook are listed, not read:
    // they are an earlier state of a file that is read.
    let mut backups: Vec<Skipped> = files
        .iter()
        .filter(|p| ext(p, "bak"))
        .map(|p| Skipped {
            path: p.clone(),
            reason: "bản sao lưu tự động của lần lưu trước".into(),
        })
        .collect();
    backups.sort_by(|a, b| a.path.cmp(&b.path));
    // Loading is most of the work: the files are read on both cores.
    let open_path = open.map(|(p, _)| p.to_path_buf());
    if let Some(p) = &open_path {
        paths.retain(|x| !crate::paths::same(x, p));
    }
    let mut loaded = load_all(&paths);
    if let Some((p, wb)) = open {
        loaded.push((p.to_path_buf(), Ok(wb.clone())));
    }
    let mut h = from_workbooks_preferring(loaded, open_path.as_deref());
    h.skipped.extend(backups);
    Ok(h)
}

type Loaded = (PathBuf, Result<Workbook, String>);

fn load_all(paths: &[PathBuf]) -> Vec<Loaded> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| (p.clone(), load_sound(p)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// A workbook whose scores can be trusted: one with problems in its file
/// or its scores is left out with the first of them.
fn load_sound(path: &Path) -> Result<Workbook, String> {
    let loaded = workbook::load(path).map_err(|e| e.to_string())?;
    let bad: Vec<&workbook::Problem> = loaded
        .problems
        .iter()
        .filter(|p| matches!(p.scope, workbook::Scope::File | workbook::Scope::Scores))
        .collect();
    match bad.first() {
        None => Ok(loaded.workbook),
        Some(first) => Err(format!(
            "sổ có {} lỗi cần sửa trước (đầu tiên: {})",
            bad.len(),
            first.message()
        )),
    }
}

/// The history of workbooks already loaded (paths for the messages).
pub fn from_workbooks(loaded: Vec<Loaded>) -> History {
    from_workbooks_preferring(loaded, None)
}

/// As [`from_workbooks`]; the workbook at `preferred` (the one open)
/// stands for its year.
fn from_workbooks_preferring(loaded: Vec<Loaded>, preferred: Option<&Path>) -> History {
    let mut skipped = Vec::new();
    let mut books: Vec<(PathBuf, Workbook)> = Vec::new();
    for (path, wb) in loaded {
        match wb {
            Err(e) => skipped.push(Skipped {
                path,
                reason: format!("không đọc được: {e}"),
            }),
            Ok(wb) => match &wb.provenance.copy_for {
                Some(school) => skipped.push(Skipped {
                    path,
                    reason: format!(
                        "bản gửi (hoặc trường gửi về) của {}, không phải sổ của cụm",
                        wb.school_name(school)
                    ),
                }),
                None => books.push((path, wb)),
            },
        }
    }
    // The cluster: the one most workbooks belong to; on a tie, the latest.
    let mut counts: BTreeMap<u32, (usize, i16)> = BTreeMap::new();
    for (_, wb) in &books {
        let e = counts.entry(wb.cluster.number).or_insert((0, wb.year));
        e.0 += 1;
        e.1 = e.1.max(wb.year);
    }
    let cluster = counts
        .iter()
        .max_by_key(|(_, (n, latest))| (*n, *latest))
        .map(|(c, _)| *c);
    let mut by_year: BTreeMap<i16, (PathBuf, Workbook)> = BTreeMap::new();
    for (path, wb) in books {
        if Some(wb.cluster.number) != cluster {
            skipped.push(Skipped {
                path,
                reason: format!(
                    "sổ của {} (cụm số {}), không phải của cụm này",
                    wb.cluster.name, wb.cluster.number
                ),
            });
            continue;
        }
        match by_year.get(&wb.year) {
            // Two workbooks of one year (a copy kept by hand, the keyless
            // final copy): the one saved more often is the master.
            Some((kept_path, kept))
                if Some(kept_path.as_path()) == preferred
                    || (Some(path.as_path()) != preferred
                        && kept.provenance.save_count >= wb.provenance.save_count) =>
            {
                let reason = format!("trùng năm {} với {}", wb.year, file_name(kept_path));
                skipped.push(Skipped { path, reason });
            }
            Some(_) => {
                let year = wb.year;
                let (old_path, _) = by_year.insert(year, (path.clone(), wb)).expect("present");
                skipped.push(Skipped {
                    reason: format!("trùng năm {year} với {}", file_name(&path)),
                    path: old_path,
                });
            }
            None => {
                by_year.insert(wb.year, (path, wb));
            }
        }
    }
    build(by_year, skipped)
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn build(by_year: BTreeMap<i16, (PathBuf, Workbook)>, skipped: Vec<Skipped>) -> History {
    let (first, last) = match (by_year.keys().next(), by_year.keys().next_back()) {
        (Some(f), Some(l)) => (*f, *l),
        _ => {
            return History {
                cluster: String::new(),
                years: Vec::new(),
                missing: Vec::new(),
                files: Vec::new(),
                lines: Vec::new(),
                skipped,
            };
        }
    };
    let years: Vec<i16> = (first..=last).collect();
    let missing = years
        .iter()
        .copied()
        .filter(|y| !by_year.contains_key(y))
        .collect();
    // Every school's years, by id; who merged into whom.
    let mut schools: BTreeMap<Id, Line> = BTreeMap::new();
    let mut successor: BTreeMap<Id, Id> = BTreeMap::new();
    let mut order: Vec<Id> = Vec::new();
    for (year, (_, wb)) in &by_year {
        let r = rules::evaluate(wb);
        // Mergers, as either side recorded them: the school that left names
        // its successor; the new school names those it continues.
        for m in &wb.members {
            if let Some(next) = &m.successor
                && next != &m.id
            {
                successor.insert(m.id.clone(), next.clone());
            }
            for earlier in m.continues.iter().filter(|e| **e != m.id) {
                successor.insert(earlier.clone(), m.id.clone());
            }
        }
        for s in &r.schools {
            let id = &s.totals.school;
            let Some(member) = wb.school(id) else {
                continue;
            };
            let line = schools.entry(id.clone()).or_insert_with(|| Line {
                school: id.clone(),
                name: member.full_name.clone(),
                years: BTreeMap::new(),
                former_names: Vec::new(),
                predecessors: Vec::new(),
            });
            if line.name != member.full_name {
                let old = std::mem::replace(&mut line.name, member.full_name.clone());
                if !line.former_names.contains(&old) {
                    line.former_names.push(old);
                }
            }
            line.years.insert(*year, year_result(wb, &r, s));
        }
        if *year == last {
            order = r.schools.iter().map(|s| s.totals.school.clone()).collect();
        }
    }
    // Merged schools go under their successor (following a chain of
    // mergers to the school that is still there), deepest first.
    let mut merged: Vec<Id> = successor
        .keys()
        .filter(|id| schools.contains_key(*id))
        .cloned()
        .collect();
    merged.sort_by_key(|id| std::cmp::Reverse(chain_len(id, &successor)));
    for id in merged {
        let Some(next) = successor.get(&id) else {
            continue;
        };
        if !schools.contains_key(next) || next == &id {
            continue; // the successor never appears in this folder
        }
        if let Some(line) = schools.remove(&id)
            && let Some(target) = schools.get_mut(next)
        {
            target.predecessors.push(line);
        }
    }
    let mut lines: Vec<Line> = order.iter().filter_map(|id| schools.remove(id)).collect();
    // Schools no longer members, latest year first.
    let mut gone: Vec<Line> = schools.into_values().collect();
    gone.sort_by_key(|l| std::cmp::Reverse(l.years.keys().next_back().copied()));
    lines.extend(gone);
    let cluster = by_year
        .values()
        .next_back()
        .map(|(_, wb)| wb.cluster.name.clone())
        .unwrap_or_default();
    History {
        cluster,
        years,
        missing,
        files: by_year.iter().map(|(y, (p, _))| (*y, p.clone())).collect(),
        lines,
        skipped,
    }
}

fn chain_len(id: &Id, successor: &BTreeMap<Id, Id>) -> usize {
    let mut n = 0;
    let mut at = id;
    while let Some(next) = successor.get(at) {
        n += 1;
        if n > successor.len() {
            break; // a loop in the data: stop rather than spin
        }
        at = next;
    }
    n
}

fn year_result(wb: &Workbook, r: &rules::Results, s: &rules::SchoolResult) -> YearResult {
    let id = &s.totals.school;
    let award_name = |a: &Id| {
        wb.award(a)
            .map_or_else(|| a.to_string(), |a| a.name.clone())
    };
    let proposed = r
        .proposals()
        .filter(|(_, school)| *school == id)
        .map(|(a, _)| award_name(a))
        .collect();
    let awarded = wb
        .conference
        .academy_decisions
        .iter()
        .filter(|d| &d.school == id && d.outcome == DecisionOutcome::Awarded)
        .map(|d| award_name(&d.award))
        .collect();
    let role = if wb.roles.leader.as_ref() == Some(id) {
        Some(Role::Leader)
    } else if wb.roles.deputies.contains(id) {
        Some(Role::Deputy)
    } else {
        None
    };
    let activities = ActivityKind::ALL
        .iter()
        .filter_map(|k| {
            let n = wb
                .activities
                .iter()
                .filter(|a| {
                    a.kind == *k && (a.host.as_ref() == Some(id) || a.participants.contains(id))
                })
                .count() as u32;
            (n > 0).then_some((*k, n))
        })
        .collect();
    YearResult {
        name: wb.school_full_name(id),
        final_score: s.totals.final_score,
        rank: s.rank,
        tied: !s.tied_with.is_empty(),
        rating: s.rating.band_name.clone(),
        proposed,
        awarded,
        role,
        activities,
        left: wb.school(id).is_some_and(|m| m.left.is_some()),
        scored: wb
            .assessment(id)
            .is_some_and(|a| !a.self_scores.is_empty() || !a.cluster_scores.is_empty()),
    }
}

/// What the search for the previous year's workbook found: the one the
/// report, the window and the conference compare with, or none and why.
#[derive(Debug, Clone)]
pub struct PreviousYear {
    /// The year looked for.
    pub year: i16,
    /// The workbook chosen, with its file.
    pub chosen: Option<(PathBuf, Workbook)>,
    /// Why none was chosen (Vietnamese, for the window and the command
    /// line — never for a document).
    pub reason: Option<String>,
    /// Every other file looked at, with what it is.
    pub seen: Vec<Skipped>,
}

impl PreviousYear {
    pub fn workbook(&self) -> Option<&Workbook> {
        self.chosen.as_ref().map(|(_, w)| w)
    }
}

/// The one chooser of the cluster's workbook of the year before `wb`,
/// beside `path` (issue 30): the file the handover named
/// (`previous_year_file`) when it is that year's workbook of the cluster;
/// else the only workbook of the folder of that cluster and year that is
/// neither a school's copy nor a school's return. With none, or several
/// (nothing tells which is the master — a save count proves nothing: any
/// file can claim any), nothing is chosen and `reason` says why.
pub fn choose_previous_year(path: &Path, wb: &Workbook) -> PreviousYear {
    // A bare file name lives in the current folder.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut out = PreviousYear {
        year: wb.year.saturating_sub(1),
        chosen: None,
        reason: None,
        seen: Vec::new(),
    };
    let Some(year) = wb.year.checked_sub(1) else {
        out.reason = Some("không có năm trước".into());
        return out;
    };
    let why_not = |w: &Workbook| -> Option<String> {
        if let Some(school) = &w.provenance.copy_for {
            Some(format!(
                "bản gửi (hoặc trường gửi về) của {}, không phải sổ của cụm",
                w.school_name(school)
            ))
        } else if w.cluster.number != wb.cluster.number {
            Some(format!(
                "sổ của {} (cụm số {}), không phải của cụm này",
                w.cluster.name, w.cluster.number
            ))
        } else if w.year != year {
            Some(format!("sổ năm {}", w.year))
        } else {
            None
        }
    };
    let named = wb.provenance.previous_year_file.trim();
    let named_path = (!named.is_empty()).then(|| dir.join(named));
    if let Some(p) = &named_path {
        match load_sound(p) {
            Ok(w) => match why_not(&w) {
                None => {
                    out.chosen = Some((p.clone(), w));
                    return out;
                }
                Some(reason) => out.seen.push(Skipped {
                    path: p.clone(),
                    reason: format!("tệp ghi khi bàn giao, nhưng là {reason}"),
                }),
            },
            Err(e) => out.seen.push(Skipped {
                path: p.clone(),
                reason: format!("tệp ghi khi bàn giao, nhưng không đọc được: {e}"),
            }),
        }
    }
    let mut candidates: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                !crate::paths::same(p, path)
                    && named_path
                        .as_deref()
                        .is_none_or(|n| !crate::paths::same(p, n))
                    && p.is_file()
                    && p.extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            })
            .collect(),
        Err(e) => {
            out.reason = Some(format!(
                "không đọc được thư mục {} ({})",
                dir.display(),
                crate::text::io_reason(&e)
            ));
            return out;
        }
    };
    candidates.sort();
    let mut fits: Vec<(PathBuf, Workbook)> = Vec::new();
    for (p, loaded) in load_all(&candidates) {
        match loaded {
            Err(e) => out.seen.push(Skipped {
                path: p,
                reason: format!("không đọc được: {e}"),
            }),
            Ok(w) => match why_not(&w) {
                Some(reason) => out.seen.push(Skipped { path: p, reason }),
                None => fits.push((p, w)),
            },
        }
    }
    fits.sort_by(|a, b| a.0.cmp(&b.0));
    match fits.len() {
        0 => {
            out.reason = Some(format!(
                "thư mục {} không có sổ năm {year} của {}",
                dir.display(),
                wb.cluster.name
            ));
        }
        1 => out.chosen = fits.pop(),
        n => {
            let names: Vec<String> = fits.iter().map(|(p, _)| file_name(p)).collect();
            out.reason = Some(format!(
                "thư mục có {n} sổ năm {year} của {} ({}): không biết sổ nào là sổ chính; \
                 để một sổ trong thư mục, hoặc ghi tên tệp sổ năm trước khi bàn giao",
                wb.cluster.name,
                names.join(", ")
            ));
            for (p, _) in fits {
                out.seen.push(Skipped {
                    path: p,
                    reason: format!("một trong {n} sổ năm {year}"),
                });
            }
        }
    }
    out
}

/// The workbook [`choose_previous_year`] chooses, if any.
pub fn previous_year(path: &Path, wb: &Workbook) -> Option<Workbook> {
    choose_previous_year(path, wb).chosen.map(|(_, w)| w)
}
