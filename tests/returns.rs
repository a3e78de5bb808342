//! Returned files can be trusted (issue 13): the ten ways a returned file
//! lost, forged or corrupted the cluster's data, one named test each, in
//! the library and through `thidua merge`.

mod support;

use std::path::PathBuf;
use support::cli::thidua;
use support::mail::emailed;
use thidua::exchange::{self, Authenticity, ChangeKind, Decisions};
use thidua::workbook::{
    self, Activity, ActivityKind, Adjustment, AdjustmentKind, Id, Owner, Points, Rev, Workbook,
    synthetic,
};

const DAY: jiff::civil::Date = jiff::civil::date(2024, 10, 1);

fn sid(s: &str) -> Id {
    Id::new(s)
}

/// The leader's master after the mail-out (it has its secret).
fn master() -> Workbook {
    let mut wb = synthetic::workbook(5, 6, 4);
    exchange::stamp(&mut wb, &Owner::Cluster);
    let (_, fresh) = exchange::mail_out(&mut wb).unwrap();
    assert!(fresh);
    workbook::load_bytes(&workbook::to_bytes(&wb))
        .unwrap()
        .workbook
}

/// Opens a file as the school's clerk would: a fresh copy (replica).
fn open(bytes: &[u8]) -> Workbook {
    workbook::load_bytes(bytes).unwrap().workbook
}

/// Saves a copy as its school does (stamped, signed).
fn save(mut wb: Workbook, school: &str) -> Vec<u8> {
    exchange::stamp(&mut wb, &Owner::School(sid(school)));
    workbook::to_bytes(&wb)
}

fn set_self(wb: &mut Workbook, school: &str, criterion: &str, points: i64) {
    let key = wb.replica_key(&Owner::School(sid(school)));
    let s = wb
        .assessment_mut(&sid(school))
        .self_scores
        .entry(sid(criterion))
        .or_default();
    s.points = Points(points);
    s.rev.bump_as(&key);
}

/// The cluster corrects a school's self-score in its own copy.
fn correct_self(wb: &mut Workbook, school: &str, criterion: &str, points: i64) {
    let key = wb.replica_key(&Owner::Cluster);
    let s = wb
        .assessment_mut(&sid(school))
        .self_scores
        .get_mut(&sid(criterion))
        .unwrap();
    s.points = Points(points);
    s.rev.bump_as(&key);
}

fn self_points(wb: &Workbook, school: &str, criterion: &str) -> Option<Points> {
    wb.assessment(&sid(school))?
        .self_scores
        .get(&sid(criterion))
        .map(|s| s.points)
}

fn merge(m: &mut Workbook, bytes: &[u8]) -> exchange::Review {
    let r = exchange::review_bytes(m, bytes, "tra-ve.json").expect("reviewed");
    exchange::apply_on(m, &r, &Decisions::new(), DAY);
    r
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new(master: &Workbook) -> Dir {
        let d = Dir {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(d.path("so.json"), workbook::to_bytes(master)).unwrap();
        d
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn put(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.path(name).to_string_lossy().into_owned()
    }
    fn master(&self) -> String {
        self.path("so.json").to_string_lossy().into_owned()
    }
    fn load(&self) -> Workbook {
        workbook::load(&self.path("so.json")).unwrap().workbook
    }
}

#[test]
fn case_1_a_stale_copy_never_deletes_what_was_merged_before() {
    let mut m = master();
    let sent = emailed(&m, "s02");
    // First the self-scores, from one opening of the emailed file…
    let mut a = open(&sent);
    for c in ["c001", "c002", "c003", "c004", "c005", "c006"] {
        set_self(&mut a, "s02", c, 1);
    }
    merge(&mut m, &save(a, "s02"));
    // …then the original attachment opened again, the registration added,
    // and the self-scores of the original (none changed) sent back.
    let mut b = open(&sent);
    let a_s02 = b.assessment_mut(&sid("s02"));
    a_s02.self_scores.clear();
    a_s02.registration.targets = vec!["Hoàn thành 100% kế hoạch".into()];
    let key = b.replica_key(&Owner::School(sid("s02")));
    b.assessment_mut(&sid("s02")).registration.rev.bump_as(&key);
    let r = merge(&mut m, &save(b, "s02"));
    assert!(
        r.changes.iter().all(|c| c.kind != ChangeKind::Removed),
        "{:?}",
        r.changes
    );
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(1)));
    assert_eq!(
        m.assessment(&sid("s02")).unwrap().registration.targets,
        vec!["Hoàn thành 100% kế hoạch".to_string()]
    );
}

#[test]
fn case_1_cli_a_stale_copy_keeps_the_merged_scores() {
    // Sent out before the school had scored anything.
    let mut m = master();
    m.assessment_mut(&sid("s02")).self_scores.clear();
    let d = Dir::new(&m);
    let sent = emailed(&m, "s02");
    let mut a = open(&sent);
    for c in ["c001", "c002", "c003"] {
        set_self(&mut a, "s02", c, 1);
    }
    let first = d.put("lan1.json", &save(a, "s02"));
    // The original attachment again, with only the registration.
    let mut b = open(&sent);
    let key = b.replica_key(&Owner::School(sid("s02")));
    let reg = &mut b.assessment_mut(&sid("s02")).registration;
    reg.targets = vec!["Chỉ tiêu".into()];
    reg.rev.bump_as(&key);
    let second = d.put("lan2.json", &save(b, "s02"));
    let (code, out, err) = thidua(&["merge", &d.master(), &first, &second, "--accept-all"]);
    assert!(!out.contains("[Nhận] Xóa"), "{out}");
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(self_points(&d.load(), "s02", "c001"), Some(Points(1)));
}

#[test]
fn case_2_two_copies_edited_apart_are_a_conflict_whichever_comes_first() {
    for first_is_a in [true, false] {
        let mut m = master();
        let sent = emailed(&m, "s02");
        let mut a = open(&sent);
        set_self(&mut a, "s02", "c001", 700);
        let mut b = open(&sent);
        set_self(&mut b, "s02", "c001", 500);
        let (a, mut b) = (save(a, "s02"), b);
        // The second copy saved more often: its save count says nothing.
        for _ in 0..3 {
            exchange::stamp(&mut b, &Owner::School(sid("s02")));
        }
        let b = save(b, "s02");
        let (one, two) = if first_is_a { (&a, &b) } else { (&b, &a) };
        merge(&mut m, one);
        let r = exchange::review_bytes(&m, two, "hai.json").unwrap();
        assert_eq!(r.conflicts().count(), 1, "{:?}", r.changes);
    }
}

#[test]
fn case_3_a_deduction_inside_another_school_s_assessment_is_refused() {
    let mut m = master();
    let before = thidua::rules::evaluate(&m);
    let mut x = open(&emailed(&m, "s02"));
    let key = x.replica_key(&Owner::School(sid("s02")));
    let mut rev = Rev::default();
    rev.bump_as(&key);
    x.assessment_mut(&sid("s03")).adjustments.push(Adjustment {
        id: sid("s02-adj1"),
        owner: Owner::School(sid("s02")),
        kind: AdjustmentKind::Deduction,
        points: Points::whole(5),
        reason: "Trừ điểm".into(),
        accepted: None,
        evidence: Vec::new(),
        rev,
    });
    let r = merge(&mut m, &save(x, "s02"));
    assert_eq!(r.refused().count(), 1, "{:?}", r.changes);
    assert_eq!(thidua::rules::evaluate(&m).schools, before.schools);
}

#[test]
fn case_4_impossible_content_of_the_school_s_own_records_is_refused() {
    let mut m = master();
    let problems_before = workbook::validate(&m);
    let mut x = open(&emailed(&m, "s02"));
    let me = Owner::School(sid("s02"));
    let key = x.replica_key(&me);
    set_self(&mut x, "s02", "c001", 9_999_900); // 99999 points
    set_self(&mut x, "s02", "khong-co", 100); // unknown criterion
    // Not a member (as the school's own edit: versions of anyone else it
    // was never sent would make the whole file forged).
    x.assessment_mut(&sid("s99"))
        .self_scores
        .entry(sid("c002"))
        .or_default()
        .rev
        .bump_as(&key);
    let cluster_bonus = m
        .assessments
        .iter()
        .flat_map(|a| a.adjustments.iter())
        .next()
        .map(|a| a.id.clone());
    let mut rev = Rev::default();
    rev.bump_as(&key);
    if let Some(id) = cluster_bonus {
        x.assessment_mut(&sid("s02")).adjustments.push(Adjustment {
            id,
            owner: me.clone(),
            kind: AdjustmentKind::Bonus,
            points: Points::whole(1),
            reason: "Trùng mã".into(),
            accepted: None,
            evidence: Vec::new(),
            rev: rev.clone(),
        });
    }
    x.activities.push(Activity {
        id: sid("s02-act1"),
        owner: me.clone(),
        kind: ActivityKind::Seminar,
        title: "Hội thảo ở nơi không có".into(),
        start: jiff::civil::date(2031, 5, 1),
        end: None,
        host: Some(sid("khong-ton-tai")),
        participants: Vec::new(),
        people: Vec::new(),
        results: Vec::new(),
        evidence: Vec::new(),
        note: String::new(),
        rev,
    });
    let r = merge(&mut m, &save(x, "s02"));
    assert_eq!(r.acceptable().count(), 0, "{:?}", r.changes);
    assert!(r.refused().count() >= 4, "{:?}", r.changes);
    assert_eq!(workbook::validate(&m), problems_before, "no problem added");
}

#[test]
fn case_5_a_return_without_its_integrity_line_is_never_merged_unattended() {
    let m = master();
    let d = Dir::new(&m);
    let mut x = open(&emailed(&m, "s02"));
    set_self(&mut x, "s02", "c001", 1);
    let text = String::from_utf8(save(x, "s02")).unwrap();
    let stripped: String = text
        .lines()
        .filter(|l| !l.contains("\"content_hash\"") && !l.contains("\"signature\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let f = d.put("khong-ma.json", stripped.as_bytes());
    let before = std::fs::read(d.path("so.json")).unwrap();
    for flags in [
        &["--accept-all"][..],
        &["--accept-all", "--unsigned-from", "s02", f.as_str()][..],
    ] {
        let mut args = vec!["merge", d.master().leak() as &str, f.as_str()];
        args.extend_from_slice(flags);
        let (code, out, _) = thidua(&args);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("Không tự động gộp"), "{out}");
        assert_eq!(std::fs::read(d.path("so.json")).unwrap(), before);
    }
}

#[test]
fn case_6_an_undecided_conflict_stays_open_and_is_shown_again() {
    let m0 = master();
    let d = Dir::new(&m0);
    let sent = emailed(&m0, "s02");
    // The leader changes the school's self-score meanwhile (a correction).
    let mut m = m0.clone();
    correct_self(&mut m, "s02", "c001", 300);
    exchange::stamp(&mut m, &Owner::Cluster);
    std::fs::write(d.path("so.json"), workbook::to_bytes(&m)).unwrap();
    let mut x = open(&sent);
    set_self(&mut x, "s02", "c001", 200);
    let f = d.put("tra-ve.json", &save(x, "s02"));
    let (code, out, _) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1, "{out}");
    let merged = d.load();
    assert_eq!(merged.provenance.conflicts.len(), 1);
    assert!(
        merged.provenance.conflicts[0].value.contains("2 điểm"),
        "{:?}",
        merged.provenance.conflicts
    );
    // The same file again: the conflict is shown again, not "merged already".
    let (code, out, _) = thidua(&["merge", &d.master(), &f]);
    assert_eq!(code, 1);
    assert!(!out.contains("Đã gộp tệp này rồi"), "{out}");
    assert!(out.contains("[Xung đột]"), "{out}");
}

/// A master with one open conflict on s02's c001 (the cluster corrected it
/// to 3, the school sent 2), the school's copy, and the master's file.
fn open_conflict() -> (Workbook, Workbook) {
    let m0 = master();
    let sent = emailed(&m0, "s02");
    let mut m = open(&workbook::to_bytes(&m0));
    correct_self(&mut m, "s02", "c001", 300);
    let mut x = open(&sent);
    set_self(&mut x, "s02", "c001", 200);
    let returned = open(&save(x, "s02"));
    merge(&mut m, &workbook::to_bytes(&returned));
    assert_eq!(m.provenance.conflicts.len(), 1);
    // Saved and opened again: the decision needs no file but the master.
    (open(&workbook::to_bytes(&m)), returned)
}

#[test]
fn an_open_conflict_is_decided_later_for_the_school_without_the_file() {
    let (mut m, returned) = open_conflict();
    exchange::decide_open(&mut m, 0, exchange::Decision::TakeSchool).unwrap();
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(200)));
    assert!(m.provenance.conflicts.is_empty());
    let r = &m.provenance.returns[0];
    assert_eq!((r.accepted, r.undecided), (1, 0), "{r:?}");
    assert!(workbook::validate(&m).is_empty());
    nothing_reopened(&m, &returned);
}

#[test]
fn an_open_conflict_kept_for_the_cluster_is_not_raised_by_the_same_edit_again() {
    let (mut m, returned) = open_conflict();
    exchange::decide_open(&mut m, 0, exchange::Decision::KeepLeader).unwrap();
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(300)));
    assert!(m.provenance.conflicts.is_empty());
    assert_eq!(m.provenance.returns[0].kept, 1);
    nothing_reopened(&m, &returned);
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(300)));
}

/// After a decision: the same file again is merged already, and a later
/// copy of the school (which saw its own edit) does not reopen the conflict.
fn nothing_reopened(m: &Workbook, returned: &Workbook) {
    let again = exchange::review_bytes(m, &workbook::to_bytes(returned), "x.json");
    assert_eq!(again.unwrap_err().code(), "already_merged");
    let mut later = open(&workbook::to_bytes(returned));
    set_self(&mut later, "s02", "c002", 100);
    let r = exchange::review_bytes(m, &save(later, "s02"), "y.json").unwrap();
    assert_eq!(r.conflicts().count(), 0, "{:?}", r.changes);
    assert_eq!(r.acceptable().count(), 1, "{:?}", r.changes);
}

#[test]
fn an_open_conflict_whose_kept_value_was_tampered_with_cannot_be_taken() {
    let (mut m, _) = open_conflict();
    let before = m.clone();
    m.provenance.conflicts[0].school_record = Some(serde_json::json!({"points": 999_999}));
    let tampered = m.clone();
    let err = exchange::decide_open(&mut m, 0, exchange::Decision::TakeSchool).unwrap_err();
    assert!(
        err.contains("không hợp lệ") || err.contains("không đọc được"),
        "{err}"
    );
    assert_eq!(m, tampered, "nothing changed");
    assert_eq!(
        self_points(&m, "s02", "c001"),
        self_points(&before, "s02", "c001")
    );
    assert!(exchange::decide_open(&mut m, 5, exchange::Decision::KeepLeader).is_err());
}

#[test]
fn case_7_when_everything_is_refused_the_master_is_not_rewritten() {
    let m = master();
    let d = Dir::new(&m);
    let mut x = open(&emailed(&m, "s02"));
    set_self(&mut x, "s03", "c001", 1); // another school's
    let f = d.put("tra-ve.json", &save(x, "s02"));
    let before = std::fs::read(d.path("so.json")).unwrap();
    let (code, out, _) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(std::fs::read(d.path("so.json")).unwrap(), before);
    assert!(!d.path("so.json.bak").exists());
}

#[test]
fn case_8_a_forged_save_count_blocks_nothing() {
    let mut m = master();
    let sent = emailed(&m, "s02");
    let mut forged = open(&sent);
    forged.provenance.save_count = u64::MAX - 1;
    set_self(&mut forged, "s02", "c002", 100);
    merge(&mut m, &save(forged, "s02"));
    let mut genuine = open(&sent);
    set_self(&mut genuine, "s02", "c001", 150);
    let r = merge(&mut m, &save(genuine, "s02"));
    assert_eq!(r.acceptable().count(), 1, "{:?}", r.changes);
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(150)));
}

#[test]
fn case_9_no_school_can_pose_as_another() {
    let m = master();
    let d = Dir::new(&m);
    // School s02 edits its own copy to look like s03's and zeroes s03.
    let mut x = open(&emailed(&m, "s02"));
    x.provenance.copy_for = Some(sid("s03"));
    for c in ["c001", "c002"] {
        set_self(&mut x, "s03", c, 0);
    }
    let forged = save(x.clone(), "s03");
    let e = exchange::review_bytes(&m, &forged, "gia.json").unwrap_err();
    assert_eq!(e.code(), "forged", "{e}");
    // Without the signature it is unsigned: not merged unattended.
    x.provenance.copy_for = None;
    x.provenance.school_key.clear();
    let unsigned = save(x, "s03");
    let r = exchange::review_bytes(&m, &unsigned, "gia.json").unwrap();
    assert_eq!(r.authenticity, Authenticity::Unsigned);
    let f = d.put("gia.json", &unsigned);
    let before = std::fs::read(d.path("so.json")).unwrap();
    let (code, _, _) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read(d.path("so.json")).unwrap(), before);
    // The genuine school's signed return is merged.
    let mut y = open(&emailed(&m, "s03"));
    set_self(&mut y, "s03", "c001", 42);
    let r = exchange::review_bytes(&m, &save(y, "s03"), "that.json").unwrap();
    assert_eq!(r.authenticity, Authenticity::Signed);
    assert_eq!(r.acceptable().count(), 1);
}

#[test]
fn case_10_a_merge_that_would_be_too_large_to_open_is_not_written() {
    // A master near the limit, a return that carries the rest.
    let big = "x".repeat(100_000);
    let mut m = master();
    let key = m.replica_key(&Owner::Cluster);
    for (i, a) in m.assessments.iter_mut().enumerate() {
        if i == 1 {
            continue;
        }
        for s in a.cluster_scores.values_mut() {
            s.note = big.repeat(16);
            s.rev.bump_as(&key);
        }
    }
    exchange::stamp(&mut m, &Owner::Cluster);
    let d = Dir::new(&m);
    let size = std::fs::metadata(d.path("so.json")).unwrap().len();
    assert!(size < workbook::file::MAX_FILE_BYTES, "{size}");
    let mut x = open(&emailed(&m, "s02"));
    let me = Owner::School(sid("s02"));
    let k = x.replica_key(&me);
    for s in x.assessment_mut(&sid("s02")).self_scores.values_mut() {
        s.note = big.repeat(50);
        s.rev.bump_as(&k);
    }
    let f = d.put("to.json", &save(x, "s02"));
    let before = std::fs::read(d.path("so.json")).unwrap();
    let (code, _, err) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("quá lớn"), "{err}");
    assert_eq!(std::fs::read(d.path("so.json")).unwrap(), before);
}

#[test]
fn mail_out_writes_one_signed_copy_per_school_named_for_it() {
    let m = synthetic::workbook(3, 4, 0);
    let dir = tempfile::tempdir().unwrap();
    let master = dir.path().join("so.json");
    std::fs::write(&master, workbook::to_bytes(&m)).unwrap();
    let out = dir.path().join("gui");
    let (code, stdout, err) = thidua(&[
        "mail-out",
        master.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // A copy and an Excel form per school.
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    let saved = workbook::load(&master).unwrap().workbook;
    assert!(
        !saved.provenance.secret.is_empty(),
        "the master keeps its secret"
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n == "Cum99-2024-gui-HaGiang1.json"),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n == "Cum99-2024-gui-HaGiang1.xlsx"),
        "{names:?}"
    );
    for n in names.iter().filter(|n| n.ends_with(".json")) {
        let copy = workbook::load(&out.join(n)).unwrap().workbook;
        assert!(copy.provenance.secret.is_empty(), "no secret goes out");
        assert!(copy.provenance.copy_for.is_some());
    }
    // Again without --force: nothing overwritten.
    let (code, _, _) = thidua(&[
        "mail-out",
        master.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
}

#[test]
fn the_final_copy_and_next_year_carry_no_key() {
    let m = master();
    let d = Dir::new(&m);
    let out = d.path("gui");
    let args = [
        "mail-out",
        &d.master(),
        "--final",
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, stdout, err) = thidua(&args);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("Cum99-2024-ban-cuoi.json"), "{stdout}");
    let last = workbook::load(&out.join("Cum99-2024-ban-cuoi.json"))
        .unwrap()
        .workbook;
    let p = &last.provenance;
    assert!(p.secret.is_empty() && p.school_key.is_empty() && p.copy_for.is_none());
    assert!(p.signature.is_empty());
    // A return made from it is unsigned, never taken unattended.
    let r = exchange::review_bytes(&m, &save(last, "s02"), "x.json").unwrap();
    assert_eq!(r.authenticity, Authenticity::Unsigned);
    // Not overwritten without --force.
    assert_eq!(thidua(&args).0, 1);
    let next = thidua::rules::rollover::next_year(&m, "so.json").unwrap();
    assert!(next.provenance.secret.is_empty() && next.provenance.school_key.is_empty());
}

/// A school's bonus claim is a claim: it counts until the cluster reviews
/// it, then counts as accepted; only the cluster sets the accepted amount,
/// and a school's later return cannot raise it.
#[test]
fn a_bonus_claim_counts_as_accepted_and_only_the_cluster_accepts() {
    use thidua::workbook::edit::{Edit, ScoreEdit};
    let m0 = master();
    let me = Owner::School(sid("s02"));
    // s02 claims +2 in its copy and sends it.
    let mut x = open(&emailed(&m0, "s02"));
    Edit::Score(ScoreEdit::AddAdjustment {
        school: sid("s02"),
        kind: AdjustmentKind::Bonus,
        points: Points::whole(2),
        reason: "Đăng cai hội thảo khoa học".into(),
    })
    .apply_as(&mut x, &me)
    .unwrap();
    let claim_id = x
        .assessment(&sid("s02"))
        .unwrap()
        .adjustments
        .last()
        .unwrap()
        .id
        .clone();
    let sent = save(x, "s02");
    let mut m = open(&workbook::to_bytes(&m0));
    let before = thidua::rules::evaluate(&m)
        .school(&sid("s02"))
        .unwrap()
        .totals
        .bonus;
    let r = merge(&mut m, &sent);
    assert_eq!(r.acceptable().count(), 1, "{:?}", r.changes);
    let totals = |m: &Workbook| {
        thidua::rules::evaluate(m)
            .school(&sid("s02"))
            .unwrap()
            .totals
            .clone()
    };
    assert_eq!(
        totals(&m).bonus,
        before + Points::whole(2),
        "the claim counts until reviewed"
    );
    // The cluster accepts 1 of the 2.
    let accept = |accepted| {
        Edit::Score(ScoreEdit::AcceptAdjustment {
            school: sid("s02"),
            id: claim_id.clone(),
            accepted,
        })
    };
    assert!(
        accept(Some(Points::whole(3)))
            .apply_as(&mut m, &Owner::Cluster)
            .is_err()
    );
    assert!(
        accept(Some(Points::whole(1)))
            .apply_as(&mut m.clone(), &me)
            .is_err()
    );
    accept(Some(Points::whole(1)))
        .apply_as(&mut m, &Owner::Cluster)
        .unwrap();
    assert_eq!(totals(&m).bonus, before + Points::whole(1));
    assert_eq!(
        totals(&m).bonus_claimed,
        totals(&m0).bonus_claimed + Points::whole(2)
    );
    // The school's next copy tries to set the accepted amount back to 2.
    let mut y = open(&support::mail::reissued(&mut m, "s02"));
    let key = y.replica_key(&me);
    let item = y
        .assessment_mut(&sid("s02"))
        .adjustments
        .iter_mut()
        .find(|a| a.id == claim_id)
        .unwrap();
    item.accepted = Some(Points::whole(2));
    item.rev.bump_as(&key);
    let r = exchange::review_bytes(&m, &save(y, "s02"), "y.json").unwrap();
    assert_eq!(r.acceptable().count(), 0, "{:?}", r.changes);
    assert!(
        r.changes
            .iter()
            .any(|c| matches!(&c.status, exchange::Status::Refused(w) if w.contains("chấp nhận"))),
        "{:?}",
        r.changes
    );
}

/// A school cannot send a new bonus claim already marked as accepted by the
/// cluster: the accepted amount is the cluster's.
#[test]
fn a_new_claim_marked_accepted_by_the_school_is_refused() {
    use thidua::workbook::edit::{Edit, ScoreEdit};
    let m0 = master();
    let me = Owner::School(sid("s02"));
    let mut x = open(&emailed(&m0, "s02"));
    Edit::Score(ScoreEdit::AddAdjustment {
        school: sid("s02"),
        kind: AdjustmentKind::Bonus,
        points: Points::whole(2),
        reason: "Tự ghi đã được chấp nhận".into(),
    })
    .apply_as(&mut x, &me)
    .unwrap();
    x.assessment_mut(&sid("s02"))
        .adjustments
        .last_mut()
        .unwrap()
        .accepted = Some(Points::whole(2));
    let r = exchange::review_bytes(&m0, &save(x, "s02"), "x.json").unwrap();
    assert_eq!(r.acceptable().count(), 0, "{:?}", r.changes);
    assert!(
        r.changes
            .iter()
            .any(|c| matches!(&c.status, exchange::Status::Refused(w) if w.contains("chấp nhận"))),
        "{:?}",
        r.changes
    );
}
