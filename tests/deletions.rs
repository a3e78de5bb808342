//! The leader's decisions stand (issue 24): a deletion is data, a version
//! claim is checked against what was issued, a return with no record of
//! what it saw never deletes or overrides, and the master never loses its
//! key.

mod support;

use thidua::exchange::{self, ChangeKind, Decision, Decisions, RecordKey, Status};
use thidua::workbook::edit::{ActivityEdit, Edit, ScoreEdit};
use thidua::workbook::{
    self, Activity, ActivityKind, AdjustmentKind, Id, Owner, Points, Workbook, synthetic,
};

const DAY: jiff::civil::Date = jiff::civil::date(2024, 10, 1);

fn sid(s: &str) -> Id {
    Id::new(s)
}

fn school(s: &str) -> Owner {
    Owner::School(sid(s))
}

/// Saves and opens again, as a file on disk would be (a fresh replica).
fn reopen(wb: &Workbook) -> Workbook {
    workbook::load_bytes(&workbook::to_bytes(wb))
        .unwrap()
        .workbook
}

/// The leader's master after its first mail-out, and the copies it sent.
fn mailed() -> (Workbook, Vec<(Id, Workbook)>) {
    let mut m = synthetic::workbook(5, 6, 0);
    exchange::stamp(&mut m, &Owner::Cluster);
    let (copies, _) = exchange::mail_out(&mut m).unwrap();
    exchange::stamp(&mut m, &Owner::Cluster);
    let copies = copies.into_iter().map(|(id, c)| (id, reopen(&c))).collect();
    (reopen(&m), copies)
}

fn copy_for(copies: &[(Id, Workbook)], s: &str) -> Workbook {
    let c = &copies.iter().find(|(id, _)| id == &sid(s)).unwrap().1;
    reopen(c)
}

/// A school saves its copy (stamped, signed) and emails it.
fn send(mut wb: Workbook, s: &str) -> Vec<u8> {
    exchange::stamp(&mut wb, &school(s));
    workbook::to_bytes(&wb)
}

fn review(m: &Workbook, bytes: &[u8]) -> exchange::Review {
    exchange::review_bytes(m, bytes, "tra-ve.json").expect("reviewed")
}

fn merge(m: &mut Workbook, bytes: &[u8]) -> exchange::Review {
    let r = review(m, bytes);
    exchange::apply_on(m, &r, &Decisions::new(), DAY);
    r
}

fn claim(wb: &mut Workbook, s: &str, points: i64, reason: &str) -> Id {
    Edit::Score(ScoreEdit::AddAdjustment {
        school: sid(s),
        kind: AdjustmentKind::Bonus,
        points: Points(points),
        reason: reason.into(),
    })
    .apply_as(wb, &school(s))
    .unwrap();
    wb.assessment(&sid(s))
        .unwrap()
        .adjustments
        .last()
        .unwrap()
        .id
        .clone()
}

/// The school's own claims (the synthetic workbook has cluster items too).
fn claims(wb: &Workbook, s: &str) -> Vec<Id> {
    wb.assessment(&sid(s))
        .map(|a| {
            a.adjustments
                .iter()
                .filter(|x| x.owner == school(s))
                .map(|x| x.id.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn set_self(wb: &mut Workbook, s: &str, criterion: &str, points: i64) {
    Edit::Score(ScoreEdit::Points {
        school: sid(s),
        criterion: sid(criterion),
        side: thidua::workbook::edit::scores::Side::Own,
        points: Some(Points(points)),
    })
    .apply_as(wb, &school(s))
    .unwrap();
}

fn self_points(wb: &Workbook, s: &str, criterion: &str) -> Option<Points> {
    wb.assessment(&sid(s))?
        .self_scores
        .get(&sid(criterion))
        .map(|x| x.points)
}

/// s02 claims a bonus from its copy, the cluster merges it, then deletes it.
fn claim_merged_then_deleted() -> (Workbook, Workbook, Id) {
    let (mut m, copies) = mailed();
    let mut copy = copy_for(&copies, "s02");
    let id = claim(&mut copy, "s02", 200, "Đăng cai hội thảo khoa học");
    let copy = reopen(&workbook::load_bytes(&send(copy, "s02")).unwrap().workbook);
    merge(&mut m, &send(copy.clone(), "s02"));
    assert_eq!(claims(&m, "s02"), vec![id.clone()]);
    Edit::Score(ScoreEdit::RemoveAdjustment {
        school: sid("s02"),
        id: id.clone(),
    })
    .apply(&mut m)
    .unwrap();
    (reopen(&m), copy, id)
}

#[test]
fn a_claim_the_cluster_deleted_does_not_come_back_with_the_school_s_next_return() {
    let (mut m, mut copy, id) = claim_merged_then_deleted();
    assert!(claims(&m, "s02").is_empty());
    let key = RecordKey::Adjustment(sid("s02"), id.clone());
    assert!(m.deletion(&key).is_some(), "the deletion is kept");
    // The school goes on in the copy it had, which still holds the claim.
    set_self(&mut copy, "s02", "c001", 300);
    let r = merge(&mut m, &send(copy, "s02"));
    assert!(
        r.changes.iter().all(|c| c.key != key),
        "the deleted claim is no change: {:?}",
        r.changes
    );
    assert!(
        r.notes.iter().any(|n| n.contains("đã xóa")),
        "said to the clerk: {:?}",
        r.notes
    );
    assert!(claims(&m, "s02").is_empty(), "the deletion stands");
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(300)));
}

#[test]
fn a_claim_the_school_edited_after_the_cluster_deleted_it_is_a_conflict() {
    let (mut m, mut copy, id) = claim_merged_then_deleted();
    let key = RecordKey::Adjustment(sid("s02"), id.clone());
    let a = copy
        .assessment_mut(&sid("s02"))
        .adjustments
        .iter_mut()
        .find(|x| x.id == id)
        .unwrap();
    a.reason = "Đăng cai hội thảo khoa học cấp khu vực".into();
    let k = copy.replica_key(&school("s02"));
    copy.assessment_mut(&sid("s02"))
        .adjustments
        .iter_mut()
        .find(|x| x.id == id)
        .unwrap()
        .rev
        .bump_as(&k);
    let bytes = send(copy.clone(), "s02");
    let r = review(&m, &bytes);
    let c = r.changes.iter().find(|c| c.key == key).expect("listed");
    assert_eq!(c.status, Status::Conflict, "{c:?}");
    assert!(
        c.old.as_deref().is_some_and(|o| o.contains("đã xóa")),
        "{c:?}"
    );
    // Taken for the school: back, newer than the deletion.
    let mut m2 = m.clone();
    let mut take = Decisions::new();
    take.insert(key.clone(), Decision::TakeSchool);
    exchange::apply_on(&mut m2, &r, &take, DAY);
    assert_eq!(claims(&m2, "s02"), vec![id.clone()]);
    assert!(m2.deletion(&key).is_none());
    // Kept for the cluster: still deleted, and not raised again by the
    // same copy's next file.
    let mut decisions = Decisions::new();
    decisions.insert(key.clone(), Decision::KeepLeader);
    exchange::apply_on(&mut m, &r, &decisions, DAY);
    assert!(claims(&m, "s02").is_empty());
    set_self(&mut copy, "s02", "c002", 150);
    let again = merge(&mut m, &send(copy, "s02"));
    assert!(
        again.changes.iter().all(|c| c.key != key),
        "{:?}",
        again.changes
    );
    assert!(claims(&m, "s02").is_empty());
}

#[test]
fn an_activity_the_cluster_deleted_does_not_come_back() {
    let (mut m, copies) = mailed();
    let mut copy = copy_for(&copies, "s03");
    Edit::Activity(ActivityEdit::Add(Activity {
        id: Id::new(""),
        owner: school("s03"),
        kind: ActivityKind::Seminar,
        title: "Hội thảo về chuyển đổi số".into(),
        start: jiff::civil::date(2024, 5, 10),
        end: None,
        host: Some(sid("s03")),
        participants: Vec::new(),
        people: Vec::new(),
        results: Vec::new(),
        evidence: Vec::new(),
        note: String::new(),
        rev: Default::default(),
    }))
    .apply_as(&mut copy, &school("s03"))
    .unwrap();
    let aid = copy.activities.last().unwrap().id.clone();
    let copy = reopen(&copy);
    merge(&mut m, &send(copy.clone(), "s03"));
    assert!(m.activities.iter().any(|a| a.id == aid));
    Edit::Activity(ActivityEdit::Remove(aid.clone()))
        .apply(&mut m)
        .unwrap();
    let mut copy = copy;
    set_self(&mut copy, "s03", "c002", 100);
    let r = merge(&mut m, &send(copy, "s03"));
    assert!(
        r.changes.iter().all(|c| c.kind != ChangeKind::Added),
        "{:?}",
        r.changes
    );
    assert!(m.activities.iter().all(|a| a.id != aid));
}

#[test]
fn a_school_s_own_deletion_comes_back_to_the_cluster_and_stands() {
    let (mut m, copies) = mailed();
    let mut a = copy_for(&copies, "s02");
    let id = claim(&mut a, "s02", 100, "Giải nhất hội thi");
    let a = reopen(&workbook::load_bytes(&send(a, "s02")).unwrap().workbook);
    merge(&mut m, &send(a.clone(), "s02"));
    // A re-issue after that carries the claim.
    let (again, _) = exchange::mail_out_for(&mut m, Some(&sid("s02"))).unwrap();
    let older = reopen(&again[0].1);
    // The school deletes the claim in its first copy and sends that.
    let mut a = a;
    Edit::Score(ScoreEdit::RemoveAdjustment {
        school: sid("s02"),
        id: id.clone(),
    })
    .apply_as(&mut a, &school("s02"))
    .unwrap();
    let r = merge(&mut m, &send(a, "s02"));
    assert!(
        r.changes
            .iter()
            .any(|c| c.kind == ChangeKind::Removed && c.status == Status::Acceptable),
        "{:?}",
        r.changes
    );
    assert!(claims(&m, "s02").is_empty());
    // Then from the re-issued copy, which still holds it untouched.
    let mut older = older;
    set_self(&mut older, "s02", "c003", 250);
    merge(&mut m, &send(older, "s02"));
    assert!(claims(&m, "s02").is_empty(), "the school's deletion stands");
    assert_eq!(self_points(&m, "s02", "c003"), Some(Points(250)));
}

#[test]
fn restoring_a_deletion_is_one_edit_and_a_stale_copy_does_not_delete_it_again() {
    let (mut m, copy, id) = claim_merged_then_deleted();
    let key = RecordKey::Adjustment(sid("s02"), id.clone());
    exchange::restore(&mut m, &key, &Owner::Cluster).unwrap();
    assert_eq!(claims(&m, "s02"), vec![id.clone()]);
    assert!(m.deletion(&key).is_none());
    // The stale copy holds the version before the deletion: nothing changes.
    let mut copy = copy;
    set_self(&mut copy, "s02", "c002", 120);
    let r = merge(&mut m, &send(copy, "s02"));
    assert!(r.changes.iter().all(|c| c.key != key), "{:?}", r.changes);
    assert_eq!(claims(&m, "s02"), vec![id]);
}

#[test]
fn the_deletions_list_names_what_who_and_when() {
    let (m, _, id) = claim_merged_then_deleted();
    let key = RecordKey::Adjustment(sid("s02"), id);
    let d = m.deletion(&key).unwrap();
    assert_eq!(d.by, Owner::Cluster);
    assert!(d.on.is_some());
    let (label, value) = exchange::deletion_label(&m, d);
    assert!(label.contains("Điểm thưởng"), "{label}");
    assert!(value.contains("Đăng cai hội thảo"), "{value}");
}

#[test]
fn next_year_starts_without_deletions_or_issues() {
    let (m, _, _) = claim_merged_then_deleted();
    assert!(!m.provenance.deleted.is_empty());
    assert!(!m.provenance.issued.is_empty());
    let next = thidua::rules::rollover::next_year(&m, "so.json").unwrap();
    assert!(next.provenance.deleted.is_empty());
    assert!(next.provenance.issued.is_empty());
}

#[test]
fn a_version_claim_beyond_what_was_issued_is_refused_as_forged() {
    let (mut m, copies) = mailed();
    // The cluster corrects s02's self-score after the mail-out.
    set_self(&mut m, "s02", "c001", 100);
    let fix = Edit::Score(ScoreEdit::Points {
        school: sid("s02"),
        criterion: sid("c001"),
        side: thidua::workbook::edit::scores::Side::Own,
        points: Some(Points(50)),
    });
    fix.apply(&mut m).unwrap();
    let m = reopen(&m);
    // The school rewrites its own copy's versions to claim the cluster's
    // counter at its maximum, and re-signs it with its own key.
    let mut copy = copy_for(&copies, "s02");
    set_self(&mut copy, "s02", "c001", 900);
    let score = copy
        .assessment_mut(&sid("s02"))
        .self_scores
        .get_mut(&sid("c001"))
        .unwrap();
    let cluster_key = m.assessment(&sid("s02")).unwrap().self_scores[&sid("c001")]
        .rev
        .0
        .keys()
        .find(|k| k.starts_with("cluster"))
        .unwrap()
        .clone();
    score.rev.0.insert(cluster_key, u32::MAX);
    let err = exchange::review_bytes(&m, &send(copy, "s02"), "x.json").unwrap_err();
    assert_eq!(err.code(), "forged_versions", "{err}");
    assert!(err.to_string().contains("giả mạo"), "{err}");
}

/// A return of format version 2 (no record of what it had seen).
fn as_version_2(bytes: &[u8]) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    v["version"] = 2.into();
    let p = v["provenance"].as_object_mut().unwrap();
    for k in [
        "seen",
        "deleted",
        "issued",
        "content_hash",
        "signature",
        "copy_for",
        "school_key",
    ] {
        p.remove(k);
    }
    serde_json::to_vec_pretty(&v).unwrap()
}

#[test]
fn a_return_with_no_baseline_never_deletes_and_never_overrides_silently() {
    let (mut m, copies) = mailed();
    let mut a = copy_for(&copies, "s02");
    set_self(&mut a, "s02", "c001", 400);
    let id = claim(&mut a, "s02", 100, "Giải ba hội thi");
    merge(&mut m, &send(a, "s02"));
    assert_eq!(claims(&m, "s02"), vec![id.clone()]);
    // An old copy of the school, saved by an old version of the app: it
    // lacks the claim and has another score.
    let mut old = copy_for(&copies, "s02");
    set_self(&mut old, "s02", "c001", 350);

    let bytes = as_version_2(&send(old, "s02"));
    let r = review(&m, &bytes);
    let score = RecordKey::SelfScore(sid("s02"), sid("c001"));
    let c = r.changes.iter().find(|c| c.key == score).expect("listed");
    assert_eq!(c.status, Status::Conflict, "{c:?}");
    assert!(
        r.changes.iter().all(|c| c.kind != ChangeKind::Removed),
        "{:?}",
        r.changes
    );
    exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    assert_eq!(claims(&m, "s02"), vec![id], "never deleted");
    assert_eq!(self_points(&m, "s02", "c001"), Some(Points(400)));
}

#[test]
fn a_master_restored_from_before_the_mail_out_finds_its_key_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let env = [
        ("XDG_DATA_HOME", data.path().to_str().unwrap()),
        ("APPDATA", data.path().to_str().unwrap()),
    ];
    let master = dir.path().join("so.json");
    let m = synthetic::workbook(3, 4, 0);
    std::fs::write(&master, workbook::to_bytes(&m)).unwrap();
    let before = std::fs::read(&master).unwrap();
    let out = dir.path().join("gui");
    let (code, _, err) = support::cli::thidua_env(
        &[
            "mail-out",
            master.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    let kept = data
        .path()
        .join("thidua")
        .join("khoa")
        .join("Cum99-2024.json");
    assert!(kept.is_file(), "the key is kept beside the app: {err}");
    // The school returns its copy with an edit.
    let copy = workbook::load(&out.join("Cum99-2024-gui-DakLak2.json"))
        .unwrap()
        .workbook;
    let mut copy = copy;
    set_self(&mut copy, "s02", "c001", 300);
    let ret = dir.path().join("tra-ve.json");
    std::fs::write(&ret, send(copy, "s02")).unwrap();
    // The clerk restores the master from before the mail-out.
    std::fs::write(&master, &before).unwrap();
    let args = [
        "merge",
        master.to_str().unwrap(),
        ret.to_str().unwrap(),
        "--accept-all",
    ];
    // Without the kept key: the master is said to lack it, never the school.
    let (code, stdout, _) = support::cli::thidua_env(
        &args,
        &[
            ("XDG_DATA_HOME", "/nonexistent-thidua"),
            ("APPDATA", "/nonexistent-thidua"),
        ],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("không có khóa ký"), "{stdout}");
    assert!(
        !stdout.contains("giả danh") && !stdout.contains("giả mạo"),
        "{stdout}"
    );
    // With it, the return is verified and merged, and the master keeps it.
    let (code, stdout, err) = support::cli::thidua_env(&args, &env);
    assert_eq!(code, 0, "{stdout}{err}");
    let after = workbook::load(&master).unwrap().workbook;
    assert!(!after.provenance.secret.is_empty());
    assert_eq!(self_points(&after, "s02", "c001"), Some(Points(300)));
}

/// A school's deletion comes into the master as the school's, with the
/// record the master held — whatever the file's tombstone says of who
/// deleted it or what it held.
#[test]
fn a_school_s_deletion_cannot_be_passed_off_as_the_cluster_s() {
    let (mut m, copies) = mailed();
    let mut a = copy_for(&copies, "s02");
    let id = claim(&mut a, "s02", 100, "Giải nhất hội thi");
    let a = reopen(&workbook::load_bytes(&send(a, "s02")).unwrap().workbook);
    merge(&mut m, &send(a.clone(), "s02"));
    let mut a = a;
    Edit::Score(ScoreEdit::RemoveAdjustment {
        school: sid("s02"),
        id: id.clone(),
    })
    .apply_as(&mut a, &school("s02"))
    .unwrap();
    // The file's tombstone is rewritten: "the cluster deleted it", with a
    // large record of the file's own making.
    let d = &mut a.provenance.deleted[0];
    d.by = Owner::Cluster;
    d.value = Some(serde_json::json!({ "reason": "x".repeat(100_000) }));
    merge(&mut m, &send(a, "s02"));
    let key = RecordKey::Adjustment(sid("s02"), id);
    let kept = m.deletion(&key).expect("the deletion is kept");
    assert_eq!(kept.by, school("s02"));
    let value = kept.value.as_ref().unwrap().to_string();
    assert!(value.contains("Giải nhất hội thi"), "{value}");
    assert!(value.len() < 1_000);
}
