//! Merging returned files into the master: the one policy behind `thidua
//! merge` and the window's "Áp dụng".
//!
//! Per file, in order: it is read and identified (`exchange::review_file`);
//! an unsigned file (a `.json` without a signature, a form without a valid
//! token) is taken only as from the school the clerk names for it, and only
//! into that school's part; a `.json` whose integrity line is missing or
//! wrong is left to the clerk; then its allowed changes are applied, and
//! the result is kept only if it adds no problem the master did not have.
//! The whole merge is saved only if the master still opens (its size), and
//! only over the file that was read, under the master's lock.

use super::lock::{self, LockError, TakeOver};
use super::output;
use crate::exchange::{self, Applied, Authenticity, Decisions, Refusal, Review};
use crate::workbook::validate::ProblemKind;
use crate::workbook::{self, Id, Integrity, LoadError, Owner, Workbook};
use std::collections::HashSet;
use std::path::PathBuf;

/// A returned file, and the school the clerk says sent it, as typed (its
/// id or short name, see [`find_school`]): needed for an unsigned file; for
/// a signed one it must be the school that signed.
#[derive(Debug, Clone)]
pub struct Return {
    pub path: PathBuf,
    pub from: Option<String>,
}

/// What to merge, and how (the command line's options).
#[derive(Debug, Clone)]
pub struct Request {
    pub master: PathBuf,
    pub returns: Vec<Return>,
    /// Apply and save (`--accept-all`); otherwise only report.
    pub accept: bool,
    /// Save there instead of over the master (`--out`).
    pub out: Option<PathBuf>,
    pub force: bool,
    /// Take over a lock left by another machine (`--unlock`).
    pub unlock: bool,
}

/// What became of one returned file.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Not a file that can be merged at all (another cluster's, forged…).
    Refused(Refusal),
    /// Reviewed, but not merged: why (Vietnamese).
    Left(String),
    /// Nothing in it to take.
    Nothing,
    /// Its allowed changes are taken (saved only if the outcome says so).
    Taken(Applied),
}

#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: PathBuf,
    pub review: Option<Review>,
    pub verdict: Verdict,
}

/// Whether the merge was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Report only (no `--accept-all`).
    NotAsked,
    /// Nothing was taken: nothing written.
    NothingTaken,
    /// Written there.
    To(PathBuf),
    /// Something was taken but not written: why, and that nothing was saved.
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub files: Vec<FileOutcome>,
    pub saved: Saved,
    /// Conflicts open in the master after the merge.
    pub open_conflicts: usize,
    /// Schools whose file has not come yet (names).
    pub missing: Vec<String>,
    /// The master itself did not match its integrity line.
    pub master_mismatch: bool,
}

impl Outcome {
    /// Every file merged whole: nothing refused, left or in conflict, and
    /// the merge saved when asked.
    pub fn clean(&self) -> bool {
        !matches!(self.saved, Saved::Failed(_))
            && self.files.iter().all(|f| match &f.verdict {
                Verdict::Refused(_) | Verdict::Left(_) => false,
                Verdict::Nothing | Verdict::Taken(_) => {
                    f.review.as_ref().is_none_or(Review::is_clean)
                }
            })
    }

    /// Whether the master (or `--out`) was written.
    pub fn written(&self) -> bool {
        matches!(self.saved, Saved::To(_))
    }
}

/// Why nothing could be merged at all.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Failure {
    #[error("{0} {advice}", advice = .0.advice())]
    Load(LoadError),
    #[error("{0}")]
    Lock(LockError),
    #[error("{0}")]
    Output(String),
    /// A school named for an unsigned file is not a member.
    #[error("{0}")]
    UnknownSchool(String),
}

/// Merges `req.returns` into `req.master`; see the module doc.
pub fn merge(req: &Request) -> Result<Outcome, Failure> {
    // Where the merge goes: checked before anything is read, so a refused
    // output costs nothing.
    let target = req.out.clone().unwrap_or_else(|| req.master.clone());
    let mut overwrite = workbook::file::Overwrite::WorkbookOnly;
    if req.accept
        && let Some(out) = &req.out
    {
        overwrite = output::check(out, &[&req.master], output::Kind::Workbook, req.force)
            .map_err(Failure::Output)?;
    }
    // The file written is held from before it is read to after it is
    // saved: a second writer waits its turn or is told who holds it.
    let _held = if req.accept {
        let how = if req.unlock {
            TakeOver::AnyMachine
        } else {
            TakeOver::ThisMachine
        };
        let held = lock::acquire(&target, how).map_err(Failure::Lock)?;
        // The master itself, read under --out, must not be mid-write by
        // another holder either.
        if req.out.is_some()
            && let Some(h) = lock::holder(&req.master)
        {
            return Err(Failure::Lock(LockError::Held(h)));
        }
        Some(held)
    } else {
        None
    };
    let read = super::read(&req.master).map_err(Failure::Load)?;
    let master_mismatch = read.loaded.integrity == Integrity::Mismatch;
    let mut master = read.loaded.workbook;
    let mut named = Vec::new();
    for r in &req.returns {
        named.push(match &r.from {
            None => None,
            Some(typed) => Some(find_school(&master, typed).map_err(Failure::UnknownSchool)?),
        });
    }
    let mut before = problems(&master);
    let mut files = Vec::new();
    let mut taken_any = false;
    for (r, from) in req.returns.iter().zip(&named) {
        let review = match exchange::review_file_from(&master, &r.path, from.as_ref()) {
            Ok(review) => review,
            Err(refusal) => {
                files.push(FileOutcome {
                    path: r.path.clone(),
                    review: None,
                    verdict: Verdict::Refused(refusal),
                });
                continue;
            }
        };
        let verdict = match eligible(&review, from.as_ref(), Front::Cli) {
            Err(why) => Verdict::Left(why),
            Ok(()) => match take(&master, &review, &Decisions::new(), &before) {
                Take::Nothing => Verdict::Nothing,
                Take::Refused(why) => Verdict::Left(why),
                Take::Taken(next, applied, after) => {
                    master = *next;
                    before = after;
                    taken_any = true;
                    Verdict::Taken(applied)
                }
            },
        };
        files.push(FileOutcome {
            path: r.path.clone(),
            review: Some(review),
            verdict,
        });
    }
    let saved = if !req.accept {
        Saved::NotAsked
    } else if !taken_any {
        Saved::NothingTaken
    } else {
        exchange::stamp(&mut master, &Owner::Cluster);
        match fits(&master) {
            Err(why) => Saved::Failed(why),
            Ok(()) => {
                let result = if req.out.is_some() {
                    workbook::save(&target, &master, overwrite).map(|()| String::new())
                } else {
                    super::save(&target, &master, &read.disk_hash)
                };
                match result {
                    Ok(_) => Saved::To(target.clone()),
                    Err(e) => Saved::Failed(super::not_saved(&e, true)),
                }
            }
        }
    };
    let missing = exchange::missing(&master)
        .iter()
        .map(|id| master.school_name(id))
        .collect();
    Ok(Outcome {
        files,
        saved,
        open_conflicts: master.provenance.conflicts.len(),
        missing,
        master_mismatch,
    })
}

/// Who asks: the wording of what to do differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    Cli,
    Window,
}

/// Whether a reviewed file may be merged at all (`from`: the school the
/// clerk named for it), or why not.
pub fn eligible(review: &Review, from: Option<&Id>, front: Front) -> Result<(), String> {
    let signed = matches!(
        review.authenticity,
        Authenticity::Signed | Authenticity::Excel
    );
    if signed
        && let Some(named) = from
        && *named != review.sender
    {
        return Err(format!(
            "Tệp có chữ ký của {}, không phải của trường đã nêu: không gộp. Hãy kiểm tra lại tệp nào của trường nào.",
            review.sender_name
        ));
    }
    if !review.spreadsheet && review.integrity != Integrity::Verified {
        return Err(match front {
            Front::Cli => "Không tự động gộp tệp thiếu mã kiểm tra hoặc không khớp mã kiểm tra: hãy xem từng thay đổi trong cửa sổ, hoặc đề nghị trường gửi lại.".into(),
            Front::Window => review.integrity_message().into(),
        });
    }
    if !signed && from.is_none() {
        return Err(match front {
            Front::Cli => "Không tự động gộp tệp không có chữ ký của trường (không chứng minh được trường nào gửi): nếu chắc chắn trường nào gửi, thêm --unsigned-from TRƯỜNG TỆP (TRƯỜNG: mã hoặc tên ngắn như thidua results in ra).".into(),
            Front::Window => "Tệp không có chữ ký: hãy chọn trường đã gửi tệp này.".into(),
        });
    }
    Ok(())
}

/// One file applied to the master, with the guard that it adds no
/// problem the master did not have.
pub enum Take {
    /// The master with the file applied, what was done, and its problems.
    Taken(Box<Workbook>, Applied, HashSet<ProblemKind>),
    /// Nothing to take: the master stays.
    Nothing,
    /// Not taken: why.
    Refused(String),
}

/// Applies `review` with `decisions` to a copy of `master`; `before`: the
/// master's problems (see [`problems`]).
pub fn take(
    master: &Workbook,
    review: &Review,
    decisions: &Decisions,
    before: &HashSet<ProblemKind>,
) -> Take {
    let mut next = master.clone();
    let applied = exchange::apply(&mut next, review, decisions);
    let conflicts_changed = next.provenance.conflicts != master.provenance.conflicts;
    if applied.accepted + applied.kept == 0 && !conflicts_changed {
        return Take::Nothing;
    }
    let (added, after) = new_problems(before, workbook::validate(&next));
    let added: Vec<String> = added.iter().map(|k| k.to_string()).collect();
    if !added.is_empty() {
        return Take::Refused(format!(
            "Không gộp: sổ của cụm sẽ có lỗi mới — {}",
            added.join(" ")
        ));
    }
    Take::Taken(Box::new(next), applied, after)
}

/// The master's problems, as what they are (the same problem twice is
/// not new either way). Compared by kind, never by their sentences: a
/// reworded message changes no merge.
pub fn problems(wb: &Workbook) -> HashSet<ProblemKind> {
    workbook::validate(wb).into_iter().map(|p| p.kind).collect()
}

/// The problems of `found` that are not `before`'s (each once, in the
/// order found), and all of `found`'s: compared as problems, so a
/// sentence reworded, or two problems that read alike, decide nothing.
fn new_problems(
    before: &HashSet<ProblemKind>,
    found: Vec<workbook::Problem>,
) -> (Vec<ProblemKind>, HashSet<ProblemKind>) {
    let mut added = Vec::new();
    let mut after = HashSet::new();
    for p in found {
        if !before.contains(&p.kind) && !after.contains(&p.kind) {
            added.push(p.kind.clone());
        }
        after.insert(p.kind);
    }
    (added, after)
}

/// A master too large to open again would lock the leader out.
pub fn fits(wb: &Workbook) -> Result<(), String> {
    let size = workbook::to_bytes(wb).len() as u64;
    if size > workbook::file::MAX_FILE_BYTES {
        return Err(format!(
            "Không ghi: sổ sau khi gộp sẽ quá lớn ({size} byte; tối đa {} byte) và không mở lại được. Hãy kiểm tra các tệp gửi về (có thể có tệp lạ hoặc bị nhân bản).",
            workbook::file::MAX_FILE_BYTES
        ));
    }
    Ok(())
}

/// The window's "Áp dụng": every file under review, each with the school
/// the clerk named, the changes unticked and the conflicts decided, applied
/// in order with the same guards as [`merge`]. All or nothing: the reasons
/// when any file cannot be taken.
pub fn apply_reviewed<'a>(
    master: &Workbook,
    files: impl IntoIterator<Item = (&'a Review, Option<&'a Id>, Decisions)>,
) -> Result<(Workbook, Applied), Vec<String>> {
    let mut wb = master.clone();
    let mut before = problems(&wb);
    let mut total = Applied::default();
    let mut refused = Vec::new();
    for (review, from, decisions) in files {
        if let Err(why) = eligible(review, from, Front::Window) {
            refused.push(format!("{}: {why}", review.file_name));
            continue;
        }
        match take(&wb, review, &decisions, &before) {
            Take::Nothing => {}
            Take::Refused(why) => refused.push(format!("{}: {why}", review.file_name)),
            Take::Taken(next, done, after) => {
                wb = *next;
                before = after;
                total.accepted += done.accepted;
                total.refused += done.refused;
                total.kept += done.kept;
                total.undecided += done.undecided;
            }
        }
    }
    if let Err(why) = fits(&wb) {
        refused.push(why);
    }
    if refused.is_empty() {
        Ok((wb, total))
    } else {
        Err(refused)
    }
}

/// The member a clerk typed: its id, or its name as `thidua results`
/// prints it, matched by the app's one matcher of typed school names
/// (`workbook::school_names`: case, marks, spacing and "Trường Chính trị
/// tỉnh" aside, former names too: "binh thuan" is Bình Thuận). A name
/// that may mean two schools, or only one slip away from a name, is not
/// taken: a file goes into no school's part on a guess. Err: what to type
/// instead.
pub fn find_school(master: &Workbook, typed: &str) -> Result<Id, String> {
    use crate::workbook::school_names::{Match, SchoolNames};
    let typed = typed.trim();
    if let Some(s) = master.current_members().find(|s| s.id.as_str() == typed) {
        return Ok(s.id.clone());
    }
    let label = |id: &Id| format!("{} ({})", master.school_name(id), id);
    match SchoolNames::current(master).find(typed) {
        Match::Exact(id) => Ok(id),
        Match::Candidates(ids) => Err(format!(
            "\u{201c}{}\u{201d} có thể là {}: gõ mã của trường để chắc chắn.",
            crate::text::visible(typed),
            ids.iter().map(label).collect::<Vec<_>>().join(" hoặc ")
        )),
        Match::None => Err(format!(
            "Không có trường \u{201c}{}\u{201d} trong cụm (gõ mã hoặc tên ngắn của trường: {}).",
            crate::text::visible(typed),
            master
                .current_members()
                .map(|s| label(&s.id))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::find_school;
    use crate::workbook::{self, Id};

    /// `--unsigned-from` reads a school with the app's one matcher: loose
    /// typing of a name is that school; a slip that may be two is refused
    /// with both named, never guessed.
    #[test]
    fn the_sender_of_an_unsigned_file_is_found_by_the_one_matcher() {
        let wb = workbook::load(std::path::Path::new("assets/samples/cum8-2019.json"))
            .unwrap()
            .workbook;
        assert_eq!(find_school(&wb, "binh thuan"), Ok(Id::new("binh-thuan")));
        assert_eq!(
            find_school(&wb, "Trường Chính trị tỉnh Bà Rịa–Vũng Tàu"),
            Ok(Id::new("brvt"))
        );
        assert_eq!(find_school(&wb, "ninh-thuan"), Ok(Id::new("ninh-thuan")));
        let e = find_school(&wb, "inh Thuan").unwrap_err();
        assert!(
            e.contains("Bình Thuận (binh-thuan) hoặc Ninh Thuận (ninh-thuan)"),
            "{e}"
        );
        let e = find_school(&wb, "Hà Nội").unwrap_err();
        assert!(e.contains("Không có trường"), "{e}");
    }
}

#[cfg(test)]
mod new_problem_tests {
    use super::new_problems;
    use crate::workbook::validate::{ActivityRole, Problem, ProblemKind, SchoolRef, Scope};
    use crate::workbook::{self, Id};
    use std::collections::HashSet;

    fn unknown(school: &str, activity: &str) -> ProblemKind {
        ProblemKind::UnknownSchool {
            school: Id::new(school),
            at: SchoolRef::Activity(activity.into(), ActivityRole::Host),
        }
    }

    /// "Adds no new problem" is decided by what the problems are, not by
    /// how they read: two problems whose sentences are the same (a control
    /// character is shown as its code) are still two, and the same
    /// problem is the same whatever its sentence says.
    #[test]
    fn a_merge_compares_problems_not_their_sentences() {
        let title = "Hội thi giảng viên dạy giỏi Cụm thi đua số 8 năm 2019";
        let bell = unknown("a\u{7}b", title);
        let shown = unknown("a[U+0007]b", title);
        assert_eq!(bell.to_string(), shown.to_string(), "they read alike");
        let before: HashSet<ProblemKind> = [shown.clone()].into();
        let found = |k: &ProblemKind| Problem {
            kind: k.clone(),
            scope: Scope::File,
        };
        let (added, after) = new_problems(&before, vec![found(&bell), found(&bell)]);
        assert_eq!(added, vec![bell.clone()], "new, and said once");
        assert!(after.contains(&bell));
        let (added, _) = new_problems(&before, vec![found(&shown)]);
        assert!(added.is_empty(), "the master's own problem is not new");

        // The whole check, on a real workbook: its problems are their
        // own baseline.
        let mut wb = workbook::load(std::path::Path::new("assets/samples/cum8-2019.json"))
            .unwrap()
            .workbook;
        assert_eq!(wb.activities[0].title, title);
        wb.activities[0].host = Some(Id::new("a\u{7}b"));
        let before = super::problems(&wb);
        let (added, _) = new_problems(&before, workbook::validate(&wb));
        assert!(added.is_empty());
        assert!(before.contains(&bell));
        assert!(!before.contains(&shown));
    }
}
