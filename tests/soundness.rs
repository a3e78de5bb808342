//! Every workbook the app accepts is sound: the findings of the soundness
//! review (issue 12), one test each. Crafted files go through `check` and
//! the commands that compute from them; none may panic, wrap or overflow.

#[path = "support/pdf_text.rs"]
mod pdf_text;
mod support;

use std::path::{Path, PathBuf};
use support::cli::thidua;
use support::sample;
use thidua::rules::{self, Outcome};
use thidua::workbook::{self, *};

fn codes(wb: &Workbook) -> Vec<&'static str> {
    validate(wb).iter().map(|p| p.code()).collect()
}

fn scopes_of(wb: &Workbook, code: &str) -> Vec<Scope> {
    validate(wb)
        .into_iter()
        .filter(|p| p.code() == code)
        .map(|p| p.scope)
        .collect()
}

/// Writes a workbook as a file in `dir` and returns its path as a string.
fn write(dir: &Path, name: &str, wb: &Workbook) -> String {
    let p = dir.join(name);
    std::fs::write(&p, workbook::to_bytes(wb)).unwrap();
    p.to_string_lossy().into_owned()
}

fn no_panic(code: i32, err: &str) {
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

// ---- years -------------------------------------------------------------

#[test]
fn years_outside_the_range_are_refused_by_every_command_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    for year in [9999, -9999, 32767, i16::MIN, 1899, 2201] {
        let mut wb = sample::build();
        wb.year = year;
        let f = write(dir.path(), &format!("y{year}.json"), &wb);
        let (code, out, err) = thidua(&["check", &f]);
        assert_eq!(code, 1, "{year}: {out}{err}");
        assert!(out.contains(&format!("Năm {year} không hợp lệ")), "{out}");
        for args in [
            vec!["results", f.as_str()],
            vec!["export", f.as_str(), "--all", dir.path().to_str().unwrap()],
        ] {
            let (code, _, err) = thidua(&args);
            assert_eq!(code, 1, "{year} {args:?}: {err}");
            no_panic(code, &err);
        }
        let next = dir.path().join(format!("next{year}.json"));
        let (code, _, err) = thidua(&["new-year", &f, "--out", next.to_str().unwrap()]);
        assert_eq!(code, 1, "{err}");
        assert!(!next.exists());
    }
}

#[test]
fn a_returned_file_with_an_impossible_year_does_not_crash_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let master = write(dir.path(), "master.json", &sample::build());
    let mut ret = sample::build();
    ret.year = 9999;
    ret.provenance.saved_by = Some(Owner::School(Id::new("binh-thuan")));
    let r = write(dir.path(), "tra-ve.json", &ret);
    let (code, _, err) = thidua(&["merge", &master, &r]);
    no_panic(code, &err);
}

// ---- ballots -----------------------------------------------------------

fn flag_ballot(wb: &mut Workbook) -> &mut Ballot {
    wb.conference
        .ballots
        .iter_mut()
        .find(|b| b.award == Id::new("co-thi-dua"))
        .unwrap()
}

#[test]
fn ballot_figures_that_wrap_around_are_refused_not_proposed() {
    let mut wb = sample::build();
    let b = flag_ballot(&mut wb);
    b.valid = u32::MAX;
    b.invalid = 1;
    b.returned = 0;
    b.issued = 0;
    let scopes = scopes_of(&wb, "ballot_inconsistent");
    assert!(!scopes.is_empty());
    assert!(
        scopes
            .iter()
            .all(|s| *s == Scope::Ballot(Id::new("co-thi-dua")))
    );
    let r = rules::evaluate(&wb);
    assert!(
        r.awards.iter().all(|a| a.proposed.is_empty()),
        "{:?}",
        r.awards
    );
    let text = thidua::cli::results_report(&wb);
    assert!(!text.contains("61356675642"), "{text}");
}

#[test]
fn each_inconsistent_ballot_is_a_check_problem_naming_the_award() {
    type Break = fn(&mut Workbook);
    let cases: [(&str, Break); 6] = [
        ("thu về", |wb| flag_ballot(wb).returned = 8),
        ("nhiều hơn số phiếu hợp lệ", |wb| {
            flag_ballot(wb).votes[0].votes = 8
        }),
        ("nhiều hơn số đại biểu có mặt", |wb| {
            wb.conference.attendance[6].present = false;
            // The election's show of hands was counted among those present.
            wb.conference.election.agreed = Some(6);
        }),
        ("có mặt tại hội nghị", |wb| {
            flag_ballot(wb).written_votes.push(WrittenVote {
                voter: Id::new("tay-ninh"),
                candidates: vec![Id::new("brvt")],
            })
        }),
        ("cùng danh hiệu", |wb| {
            let mut twin = flag_ballot(wb).clone();
            twin.id = Id::new("cluster-ballot9");
            wb.conference.ballots.push(twin);
        }),
        ("số trường được đề nghị", |wb| {
            // Bằng khen: one place (20 % of 7, rounded down); 7 valid papers
            // can carry at most 7 marks.
            let b = wb
                .conference
                .ballots
                .iter_mut()
                .find(|b| b.award == Id::new("bang-khen"))
                .unwrap();
            b.votes[0].votes = 6;
            b.votes[1].votes = 5;
        }),
    ];
    for (needle, break_it) in cases {
        let mut wb = sample::build();
        break_it(&mut wb);
        let problems = validate(&wb);
        assert!(
            problems
                .iter()
                .any(|p| p.scope.is_ballot() && p.message().contains(needle)),
            "{needle}: {problems:?}"
        );
        assert!(
            problems.iter().all(|p| p.scope.is_ballot()),
            "{needle}: only the ballot is wrong: {problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.message().starts_with("Kết quả bỏ phiếu Cờ thi đua")
                    || p.message().starts_with("Kết quả bỏ phiếu Bằng khen")),
            "names the award: {problems:?}"
        );
    }
}

#[test]
fn a_half_typed_ballot_blocks_only_what_depends_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = sample::build();
    flag_ballot(&mut wb).returned = 8;
    let f = write(dir.path(), "so.json", &wb);
    let (code, out, _) = thidua(&["check", &f]);
    assert_eq!(code, 1, "{out}");
    // The score sheet is not blocked by a ballot.
    let scores = dir.path().join("diem.pdf");
    let (code, _, err) = thidua(&[
        "export",
        &f,
        "--doc",
        "scores",
        "--out",
        scores.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // The results show the scores and say why the proposals wait.
    let (code, out, err) = thidua(&["results", &f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Bà Rịa - Vũng Tàu"), "{out}");
    assert!(
        out.contains("Chưa đề nghị: kết quả bỏ phiếu Cờ thi đua không hợp lệ"),
        "{out}"
    );
    assert!(
        out.contains("chưa biết trường nào đã được đề nghị Cờ thi đua"),
        "the merit list waits for the flag: {out}"
    );
    // The letter to the Academy refuses, like the count minutes.
    for doc in ["proposal", "count"] {
        let p = dir.path().join(format!("{doc}.pdf"));
        let (code, _, err) = thidua(&["export", &f, "--doc", doc, "--out", p.to_str().unwrap()]);
        assert_eq!(code, 1, "{doc}: {err}");
        assert!(!p.exists());
        assert!(err.contains("thu về"), "{doc}: {err}");
    }
}

#[test]
fn an_invalid_flag_ballot_withholds_the_merit_proposals_with_the_reason() {
    let mut wb = sample::build();
    flag_ballot(&mut wb).valid = 6;
    let r = rules::evaluate(&wb);
    for a in &r.awards {
        assert!(a.proposed.is_empty(), "{:?}", a.award);
        assert!(a.withheld.is_some());
        assert!(a.schools.iter().all(|s| matches!(&s.outcome,
            Outcome::NotProposed(why) if why.starts_with("Chưa đề nghị"))));
    }
    // The ranking is still produced.
    assert_eq!(r.schools[0].totals.school, Id::new("brvt"));
}

#[test]
fn the_percentage_base_is_named_as_the_rules_define_it() {
    let mut wb = sample::build();
    wb.conference.attendance[6].present = false;
    for b in &mut wb.conference.ballots {
        b.issued = 6;
        b.returned = 6;
        b.valid = 6;
        for v in &mut b.votes {
            v.votes = v.votes.min(6);
        }
    }
    let text = thidua::cli::results_report(&wb);
    assert!(
        text.contains("Tỷ lệ tính trên 7 trường thành viên"),
        "{text}"
    );
    assert!(!text.contains("trên 7 phiếu"), "{text}");
    wb.rules.ballot.denominator = Denominator::Present;
    let text = thidua::cli::results_report(&wb);
    assert!(
        text.contains("Tỷ lệ tính trên 6 đại biểu bỏ phiếu"),
        "{text}"
    );
}

// ---- numbers at the integer limits ----------------------------------------

#[test]
fn maxima_bonuses_and_caps_near_the_limit_are_refused() {
    let mut wb = sample::build();
    wb.criteria[0].children[0].max = Some(Points(i64::MAX / 2));
    assert!(codes(&wb).contains(&"bad_max"), "{:?}", codes(&wb));

    let mut wb = sample::build();
    wb.assessments[0].adjustments.push(Adjustment {
        id: Id::new("cluster-x1"),
        owner: Owner::Cluster,
        kind: AdjustmentKind::Bonus,
        points: Points(i64::MAX),
        reason: "Thưởng".into(),
        accepted: None,
        evidence: Vec::new(),
        rev: Rev::default(),
    });
    assert!(codes(&wb).contains(&"bad_adjustment"));

    let mut wb = sample::build();
    wb.rules.bonus_cap = Points(i64::MAX);
    wb.rules.deduction_cap = Points(i64::MIN);
    let c = codes(&wb);
    assert_eq!(c.iter().filter(|c| **c == "bad_cap").count(), 2, "{c:?}");

    // Even unchecked, the arithmetic never wraps or panics.
    let r = rules::evaluate(&wb);
    assert!(
        r.schools
            .iter()
            .all(|s| s.totals.final_score.hundredths() > -1_000_000)
    );
}

// ---- the file's JSON ------------------------------------------------------

#[test]
fn a_duplicate_key_is_refused_with_line_and_column() {
    let text = String::from_utf8(workbook::to_bytes(&sample::build())).unwrap();
    // A second entry for the same criterion in one school's self-scores,
    // with another score: serde would keep the last one silently.
    let doubled = text.replacen(
        "\"self_scores\": {\n",
        "\"self_scores\": {\n        \"I.1\": {\n          \"points\": 0\n        },\n",
        1,
    );
    let e = workbook::load_bytes(doubled.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "duplicate_key", "{e}");
    let msg = e.to_string();
    assert!(msg.contains("dòng") && msg.contains("cột"), "{msg}");

    for key in ["format", "version"] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{key}\"")))
            .unwrap();
        let doubled = text.replacen(line, &format!("{line}\n{line}"), 1);
        let e = workbook::load_bytes(doubled.as_bytes()).unwrap_err();
        assert_eq!(e.code(), "duplicate_key", "{key}: {e}");
        assert!(e.to_string().contains(key), "{e}");
    }
}

#[test]
fn structure_errors_are_told_in_vietnamese() {
    let text = String::from_utf8(workbook::to_bytes(&sample::build())).unwrap();
    let at = text.find("\"points\": ").unwrap();
    let end = text[at..].find(',').unwrap() + at;
    let broken = format!("{}\"points\": 9.5{}", &text[..at], &text[end..]);
    let e = workbook::load_bytes(broken.as_bytes()).unwrap_err();
    let msg = e.to_string();
    assert_eq!(e.code(), "malformed");
    assert!(msg.contains("số thập phân 9.5"), "{msg}");
    assert!(msg.contains("dòng"), "{msg}");
    for english in [
        "invalid type",
        "expected",
        "floating point",
        "missing field",
    ] {
        assert!(!msg.contains(english), "{msg}");
    }
    let missing = text.replacen("\"kind\": \"bonus\",", "", 1);
    if missing != text {
        let e = workbook::load_bytes(missing.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("thiếu khóa"), "{e}");
    }
}

// ---- who may hold what; names --------------------------------------------

#[test]
fn a_deduction_owned_by_another_school_is_refused() {
    let mut wb = sample::build();
    let victim = wb.members[1].id.clone();
    let other = wb.members[2].id.clone();
    wb.assessment_mut(&victim).adjustments.push(Adjustment {
        id: Id::new(format!("{other}-adj9")),
        owner: Owner::School(other.clone()),
        kind: AdjustmentKind::Deduction,
        points: Points::whole(3),
        reason: "Trừ điểm".into(),
        accepted: None,
        evidence: Vec::new(),
        rev: Rev::default(),
    });
    let s = scopes_of(&wb, "foreign_adjustment");
    assert_eq!(s, vec![Scope::Scores]);
    // A bonus claimed by the assessed school itself is its own.
    let mut wb = sample::build();
    wb.assessment_mut(&victim).adjustments.push(Adjustment {
        id: Id::new(format!("{victim}-adj9")),
        owner: Owner::School(victim.clone()),
        kind: AdjustmentKind::Bonus,
        points: Points::whole(1),
        reason: "Thưởng".into(),
        accepted: None,
        evidence: Vec::new(),
        rev: Rev::default(),
    });
    assert!(!codes(&wb).contains(&"foreign_adjustment"));
}

#[test]
fn one_school_under_two_ids_is_refused() {
    let mut wb = sample::build();
    let mut twin = wb.members[3].clone();
    twin.id = Id::new("trung-lap");
    twin.full_name = twin.full_name.to_uppercase().replace(" - ", " – ");
    wb.members.push(twin);
    assert!(
        codes(&wb).contains(&"same_school_twice"),
        "{:?}",
        codes(&wb)
    );
}

#[test]
fn control_and_right_to_left_characters_in_names_are_refused_and_never_printed_raw() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = sample::build();
    wb.members[0].short_name = "Bình\u{202E}gnôưD".into();
    wb.members[1].head.name = "Nguyễn\u{1b}[2J Văn A".into();
    let c = codes(&wb);
    assert_eq!(
        c.iter().filter(|c| **c == "bad_character").count(),
        2,
        "{c:?}"
    );
    let f = write(dir.path(), "so.json", &wb);
    let (code, out, err) = thidua(&["check", &f]);
    assert_eq!(code, 1);
    for s in [&out, &err] {
        assert!(!s.contains('\u{202E}') && !s.contains('\u{1b}'), "{s}");
    }
    assert!(out.contains("[U+202E]"), "{out}");
}

// ---- next year's file ------------------------------------------------------

#[test]
fn new_year_never_writes_a_file_that_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    type Break = fn(&mut Workbook);
    let cases: [(&str, Break); 3] = [
        ("vừa là cụm trưởng vừa là cụm phó", |wb| {
            let l = wb.conference.election.leader.clone().unwrap();
            wb.conference.election.deputies.push(l);
        }),
        ("bị trùng", |wb| {
            let d = wb.conference.election.deputies[0].clone();
            wb.conference.election.deputies.push(d);
        }),
        ("năm cuối", |wb| {
            wb.year = 2200;
            wb.conference = Conference {
                election: wb.conference.election.clone(),
                ..Conference::default()
            };
            wb.assessments.clear();
            wb.activities.clear();
            wb.documents.dates.clear();
            wb.roles.decision.date = None;
        }),
    ];
    for (i, (needle, break_it)) in cases.into_iter().enumerate() {
        let mut wb = sample::build();
        break_it(&mut wb);
        let f = write(dir.path(), &format!("so{i}.json"), &wb);
        let next = dir.path().join(format!("nam-sau{i}.json"));
        let (code, _, err) = thidua(&["new-year", &f, "--out", next.to_str().unwrap()]);
        assert_eq!(code, 1, "{needle}: {err}");
        assert!(err.contains(needle), "{needle}: {err}");
        assert!(!next.exists(), "{needle}");
        assert!(thidua::rules::rollover::next_year(&wb, "x.json").is_err());
    }
}

// ---- tie-breaks ------------------------------------------------------------

/// The sample with Bình Thuận and Bình Dương on the same final score.
fn tied_sample() -> Workbook {
    let mut wb = sample::build();
    let r = rules::evaluate(&wb);
    let score = |id: &str| r.school(&Id::new(id)).unwrap().totals.final_score;
    let gap = score("binh-thuan") - score("binh-duong");
    // Take the difference off Bình Thuận's cluster score for II.1.
    let s = wb
        .assessment_mut(&Id::new("binh-thuan"))
        .cluster_scores
        .get_mut(&Id::new("II.1"))
        .unwrap();
    s.points = s.points - gap;
    wb
}

#[test]
fn a_tie_break_names_the_ballot_that_counts_and_the_step_is_printed() {
    let mut wb = tied_sample();
    // Only the merit ballot tells them apart (flag ballot: neither had votes).
    wb.rules.tie_break = vec![
        TieBreak::BallotVotes(Id::new("co-thi-dua")),
        TieBreak::BallotVotes(Id::new("bang-khen")),
        TieBreak::Section(Id::new("II")),
    ];
    let b = wb
        .conference
        .ballots
        .iter_mut()
        .find(|b| b.award == Id::new("bang-khen"))
        .unwrap();
    b.votes = vec![
        CandidateVotes {
            school: Id::new("ninh-thuan"),
            votes: 5,
        },
        CandidateVotes {
            school: Id::new("binh-duong"),
            votes: 2,
        },
    ];
    assert!(validate(&wb).is_empty(), "{:?}", validate(&wb));
    let r = rules::evaluate(&wb);
    let bd = r.school(&Id::new("binh-duong")).unwrap();
    let bt = r.school(&Id::new("binh-thuan")).unwrap();
    assert!(bd.rank < bt.rank, "the merit ballot decides");
    assert_eq!(
        bt.separated_by,
        Some(TieBreak::BallotVotes(Id::new("bang-khen")))
    );
    let text = thidua::cli::results_report(&wb);
    assert!(
        text.contains("xếp sau theo số phiếu bầu Bằng khen"),
        "{text}"
    );

    // Naming the flag only: neither school had flag votes, so section II.
    wb.rules.tie_break = vec![
        TieBreak::BallotVotes(Id::new("co-thi-dua")),
        TieBreak::Section(Id::new("II")),
    ];
    let r = rules::evaluate(&wb);
    let later = r
        .schools
        .iter()
        .find(|s| s.separated_by.is_some())
        .expect("a tie broken");
    assert_eq!(later.separated_by, Some(TieBreak::Section(Id::new("II"))));
    let text = thidua::cli::results_report(&wb);
    assert!(text.contains("xếp sau theo điểm mục II"), "{text}");
}

#[test]
fn a_tie_break_step_is_stated_in_the_minutes_and_the_score_sheet() {
    let wb = tied_sample();
    let r = rules::evaluate(&wb);
    assert!(
        r.schools.iter().any(|s| s.separated_by.is_some()),
        "a tie was broken"
    );
    for kind in [DocKind::Minutes, DocKind::ScoreSheet] {
        let built = thidua::document::docs::build(&wb, kind).unwrap();
        let text = pdf_text::text(&built.pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Ghi chú xếp hạng khi bằng điểm"),
            "{kind:?}: {flat}"
        );
        assert!(flat.contains("xếp sau theo"), "{kind:?}");
    }
}

// ---- file format versions ---------------------------------------------------

#[test]
fn a_version_1_file_is_migrated_and_saved_as_the_current_version() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-cum8-2019.json");
    let loaded = workbook::load(&path).unwrap();
    assert_eq!(loaded.workbook.version, 4);
    assert!(
        loaded
            .workbook
            .rules
            .tie_break
            .contains(&TieBreak::BallotVotes(Id::new("co-thi-dua")))
    );
    let bytes = workbook::to_bytes(&loaded.workbook);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"version\": 4"));
    assert!(text.contains("\"ballot_votes\": \"co-thi-dua\""), "{text}");
    let again = workbook::load_bytes(&bytes).unwrap();
    assert_eq!(again.workbook, loaded.workbook);
    assert_eq!(workbook::to_bytes(&again.workbook), bytes, "byte-stable");
}

/// An earlier release's sample (version 2) opens whole, verified, and is
/// saved as version 4 without losing anything it had.
#[test]
fn a_version_2_file_opens_and_is_saved_as_version_4() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-cum8-2019.json");
    let loaded = workbook::load(&path).unwrap();
    assert_eq!(loaded.integrity, workbook::Integrity::Verified);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.workbook.version, 4);
    assert!(loaded.workbook.conference.guests.is_empty());
    assert_eq!(loaded.workbook.conference.election.agreed, None);
    let bytes = workbook::to_bytes(&loaded.workbook);
    let old: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut new: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    new["version"] = serde_json::json!(2);
    new.as_object_mut().unwrap().remove("provenance");
    let mut old = old;
    old.as_object_mut().unwrap().remove("provenance");
    assert_eq!(old, new, "nothing but the version and provenance changed");
}

/// Last release's sample (version 3) opens whole, verified, and is saved as
/// version 4 with nothing else changed: no deletions, nothing issued.
#[test]
fn a_version_3_file_opens_and_is_saved_as_version_4() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3-cum8-2019.json");
    let loaded = workbook::load(&path).unwrap();
    assert_eq!(loaded.integrity, workbook::Integrity::Verified);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.file_version, 3);
    assert_eq!(loaded.workbook.version, 4);
    assert!(loaded.workbook.provenance.deleted.is_empty());
    let bytes = workbook::to_bytes(&loaded.workbook);
    let old: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut new: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    new["version"] = serde_json::json!(3);
    new["provenance"]
        .as_object_mut()
        .unwrap()
        .remove("content_hash");
    let mut old = old;
    old["provenance"]
        .as_object_mut()
        .unwrap()
        .remove("content_hash");
    assert_eq!(old, new, "nothing but the version changed");
}

#[test]
fn a_newer_version_says_newer_not_damaged() {
    let text = String::from_utf8(workbook::to_bytes(&sample::build())).unwrap();
    let v5 = text.replacen("\"version\": 4", "\"version\": 5", 1);
    let e = workbook::load_bytes(v5.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "newer_version");
}

// ---- saving ------------------------------------------------------------------

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".thidua-")
        })
        .collect()
}

#[test]
fn a_save_removes_what_crashed_saves_left_behind_but_not_live_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.json");
    // A crashed save (its lock gone with its process), and a save under way.
    let dead = dir.path().join(".thidua-4000000-abcdef.tmp");
    std::fs::write(&dead, b"half a workbook").unwrap();
    let live = dir
        .path()
        .join(format!(".thidua-{}-zzzzzz.tmp", std::process::id()));
    std::fs::write(&live, b"being written").unwrap();
    // A save under way holds its temporary file's lock.
    let writing = std::fs::OpenOptions::new().write(true).open(&live).unwrap();
    writing.lock().unwrap();
    // Another program's hidden file is never touched.
    let foreign = dir.path().join(".thidua-notes.tmp");
    std::fs::write(&foreign, b"x").unwrap();
    workbook::save(&path, &sample::build(), file::Overwrite::WorkbookOnly).unwrap();
    assert!(!dead.exists());
    assert!(live.exists());
    assert!(foreign.exists());
    drop(writing);
    std::fs::remove_file(&live).unwrap();
    std::fs::remove_file(&foreign).unwrap();
    workbook::save(&path, &sample::build(), file::Overwrite::WorkbookOnly).unwrap();
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
    // The backup is the previous version, whole.
    let bak = file::backup_path(&path);
    assert_eq!(std::fs::read(&bak).unwrap(), std::fs::read(&path).unwrap());
}

#[cfg(unix)]
#[test]
fn a_read_only_master_is_refused_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.json");
    workbook::save(&path, &sample::build(), file::Overwrite::WorkbookOnly).unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut wb = sample::build();
    wb.description = "đã sửa".into();
    let e = workbook::save(&path, &wb, file::Overwrite::WorkbookOnly).unwrap_err();
    assert_eq!(e.code(), "read_only");
    assert!(e.to_string().contains("chỉ đọc"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("that")).unwrap();
    let real = dir.path().join("that/so-that.json");
    workbook::save(&real, &sample::build(), file::Overwrite::WorkbookOnly).unwrap();
    let link = dir.path().join("so.json");
    std::os::unix::fs::symlink("that/so-that.json", &link).unwrap();
    let mut wb = sample::build();
    wb.description = "qua liên kết".into();
    workbook::save(&link, &wb, file::Overwrite::WorkbookOnly).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        workbook::load(&real).unwrap().workbook.description,
        "qua liên kết"
    );
}

/// A save into a folder that is gone (a USB stick pulled out) says why in
/// Vietnamese, not the system's English.
#[test]
fn a_failed_save_says_why_in_vietnamese() {
    let wb = thidua::workbook::synthetic::workbook(2, 2, 0);
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("usb").join("cum.json");
    let e = thidua::workbook::save(&gone, &wb, thidua::workbook::file::Overwrite::WorkbookOnly)
        .unwrap_err()
        .to_string();
    assert!(e.contains("không tìm thấy thư mục"), "{e}");
    assert!(!e.contains("No such file"), "{e}");
}
