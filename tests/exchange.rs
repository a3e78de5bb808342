//! Merging files returned by member schools: every refusal and warning, the
//! review's classification, applying, and the `merge` command.

mod support;

use jiff::civil::date;
use std::path::Path;
use support::cli::thidua;
use thidua::exchange::{
    self, ChangeKind, Decision, Decisions, RecordKey, Review, Status, review_bytes,
};
use thidua::workbook::{
    self, Activity, ActivityKind, Adjustment, AdjustmentKind, Id, Integrity, Owner, Points,
    Workbook, synthetic,
};

const DAY: jiff::civil::Date = date(2024, 10, 1);

/// The leader's workbook as sent out: saved once by the cluster.
fn master() -> Workbook {
    let mut wb = synthetic::workbook(5, 6, 4);
    // The secret the schools' keys come from (a mail-out gives one).
    wb.provenance.secret = "5e".repeat(32);
    exchange::stamp(&mut wb, &Owner::Cluster);
    // What the leader's file holds: loaded back from its bytes.
    workbook::load_bytes(&workbook::to_bytes(&wb))
        .unwrap()
        .workbook
}

fn sid(n: &str) -> Id {
    Id::new(n)
}

/// The copy the mail-out makes for a school (with its key), as the school
/// opens it.
fn school_copy(master: &Workbook, school: &str) -> Workbook {
    workbook::load_bytes(&support::mail::emailed(master, school))
        .unwrap()
        .workbook
}

/// A school's returned copy: its mail-out copy edited as that school, then
/// saved (signed).
fn returned(master: &Workbook, school: &str, edit: impl FnOnce(&mut Workbook, &Owner)) -> Vec<u8> {
    let mut wb = school_copy(master, school);
    let me = Owner::School(sid(school));
    edit(&mut wb, &me);
    exchange::stamp(&mut wb, &me);
    workbook::to_bytes(&wb)
}

fn set_self(wb: &mut Workbook, school: &str, criterion: &str, points: i64, by: &Owner) {
    let key = wb.replica_key(by);
    let s = wb
        .assessment_mut(&sid(school))
        .self_scores
        .get_mut(&sid(criterion))
        .unwrap();
    s.points = Points(points);
    s.note = "Đã hoàn thành".into();
    s.rev.bump_as(&key);
}

fn self_points(wb: &Workbook, school: &str, criterion: &str) -> Points {
    wb.assessment(&sid(school)).unwrap().self_scores[&sid(criterion)].points
}

fn review(master: &Workbook, bytes: &[u8]) -> Review {
    review_bytes(master, bytes, "Cum99-2024.json").expect("reviewed")
}

fn refusal(master: &Workbook, bytes: &[u8]) -> &'static str {
    review_bytes(master, bytes, "tep.json")
        .expect_err("must be refused")
        .code()
}

fn merge(master: &mut Workbook, bytes: &[u8]) -> Review {
    let r = review(master, bytes);
    exchange::apply_on(master, &r, &Decisions::new(), DAY);
    r
}

#[test]
fn a_school_s_own_self_score_is_accepted_and_merged() {
    let mut m = master();
    let bytes = returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me));
    let r = review(&m, &bytes);
    assert_eq!(r.sender, sid("s02"));
    assert_eq!(r.integrity, Integrity::Verified);
    assert!(r.is_clean());
    assert_eq!(r.changes.len(), 1, "{:?}", r.changes);
    let c = &r.changes[0];
    assert_eq!(c.key, RecordKey::SelfScore(sid("s02"), sid("c001")));
    assert_eq!(c.kind, ChangeKind::Changed);
    assert_eq!(c.status, Status::Acceptable);
    assert!(c.label.starts_with("Tự chấm — "), "{}", c.label);
    assert!(c.new.as_deref().unwrap().contains("7,77"), "{:?}", c.new);
    assert!(exchange::missing(&m).contains(&sid("s02")));

    let applied = exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    assert_eq!(applied.accepted, 1);
    assert_eq!(self_points(&m, "s02", "c001"), Points(777));
    assert_eq!(m.provenance.returns.len(), 1);
    assert_eq!(m.provenance.returns[0].merged_on, Some(DAY));
    assert!(!exchange::missing(&m).contains(&sid("s02")));
    // The leader's school returns no file.
    assert!(!exchange::missing(&m).contains(&sid("s01")));
}

#[test]
fn a_returned_file_with_nothing_new_lists_nothing() {
    let m = master();
    let bytes = returned(&m, "s03", |_, _| {});
    let r = review(&m, &bytes);
    assert!(r.changes.is_empty(), "{:?}", r.changes);
}

#[test]
fn a_file_of_another_cluster_is_refused() {
    let m = master();
    let bytes = returned(&m, "s02", |wb, _| {
        wb.cluster.number = 7;
        wb.cluster.name = "Cụm thi đua số 7".into();
    });
    let e = review_bytes(&m, &bytes, "x.json").unwrap_err();
    assert_eq!(e.code(), "other_cluster");
    assert!(e.to_string().contains("cụm khác"), "{e}");
}

#[test]
fn a_file_of_another_year_is_refused() {
    let m = master();
    let bytes = returned(&m, "s02", |wb, _| wb.year = 2023);
    let e = review_bytes(&m, &bytes, "x.json").unwrap_err();
    assert_eq!(e.code(), "other_year");
    assert!(e.to_string().contains("năm khác"), "{e}");
}

#[test]
fn a_file_sent_twice_is_merged_once_whatever_its_name() {
    let mut m = master();
    let bytes = returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me));
    let r = review_bytes(&m, &bytes, "Cum99-2024.json").unwrap();
    exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    // Webmail renamed the second copy: the content identifies it.
    let e = review_bytes(&m, &bytes, "Cum99-2024 (1).json").unwrap_err();
    assert_eq!(e.code(), "already_merged");
    assert!(
        e.to_string().contains("đã gộp tệp này rồi")
            || e.to_string().contains("Đã gộp tệp này rồi")
    );
    assert!(e.to_string().contains("Cum99-2024.json"), "{e}");
}

#[test]
fn renamed_files_review_the_same() {
    let m = master();
    let bytes = returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me));
    let a = review_bytes(&m, &bytes, "Cum99-2024.json").unwrap();
    let b = review_bytes(&m, &bytes, "Cum99-2024 (1).json").unwrap();
    let c = review_bytes(&m, &bytes, "tải về.json").unwrap();
    assert_eq!(a.changes, b.changes);
    assert_eq!(a.changes, c.changes);
    assert_eq!(a.content_hash, c.content_hash);
}

#[test]
fn an_older_file_than_one_merged_changes_nothing() {
    let mut m = master();
    let me = Owner::School(sid("s02"));
    let mut copy = m.clone();
    set_self(&mut copy, "s02", "c001", 700, &me);
    exchange::stamp(&mut copy, &me);
    let first = workbook::to_bytes(&copy);
    set_self(&mut copy, "s02", "c002", 650, &me);
    exchange::stamp(&mut copy, &me);
    let second = workbook::to_bytes(&copy);
    merge(&mut m, &second);
    // Returns are not ordered by save count: the older file is read, and
    // since everything in it is older than the master, nothing changes.
    let r = review_bytes(&m, &first, "Cum99-2024.json").unwrap();
    assert!(r.changes.is_empty(), "{:?}", r.changes);
    assert_eq!(self_points(&m, "s02", "c002"), Points(650));
    // The other order is fine: the newer file is merged after the older one.
    let mut m2 = master();
    merge(&mut m2, &first);
    let r = merge(&mut m2, &second);
    assert!(r.is_clean());
    assert_eq!(self_points(&m2, "s02", "c002"), Points(650));
}

#[test]
fn the_leader_s_own_file_and_unknown_senders_are_refused() {
    let m = master();
    // The master itself (saved by the cluster) dropped in by mistake.
    let e = review_bytes(&m, &workbook::to_bytes(&m), "Cum99-2024.json").unwrap_err();
    assert_eq!(e.code(), "from_cluster");
    assert!(e.to_string().contains("văn phòng cụm"), "{e}");
    let mut anon = m.clone();
    anon.provenance.saved_by = None;
    assert_eq!(refusal(&m, &workbook::to_bytes(&anon)), "unknown_sender");
    let mut stranger = m.clone();
    stranger.provenance.saved_by = Some(Owner::School(sid("s99")));
    let stranger = workbook::to_bytes(&stranger);
    assert_eq!(refusal(&m, &stranger), "not_member");
}

#[test]
fn broken_files_are_refused_with_the_loader_s_message() {
    let m = master();
    let bytes = returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me));
    let cut = &bytes[..bytes.len() / 2];
    let e = review_bytes(&m, cut, "Cum99-2024.json").unwrap_err();
    assert_eq!(e.code(), "truncated");
    assert!(e.to_string().contains("cắt cụt"), "{e}");
    assert_eq!(refusal(&m, b"a,b,c\n1,2,3\n"), "not_json");
    assert_eq!(refusal(&m, b"{\"name\": \"x\"}"), "not_workbook");
    assert_eq!(refusal(&m, b""), "empty");
}

#[test]
fn a_hand_edited_file_is_flagged_and_notepad_is_not() {
    let m = master();
    let bytes = returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me));
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Notepad: BOM and CRLF. Still the same content.
    let notepad = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let r = review(&m, notepad.as_bytes());
    assert_eq!(r.integrity, Integrity::Verified);
    assert_eq!(r.authenticity, exchange::Authenticity::Signed);
    // Edited by hand: the score typed into the file. Signed, the signature
    // no longer matches: refused as forged.
    let edited = text.replacen("Đã hoàn thành", "Đã hoàn thành xuất sắc", 1);
    assert_eq!(refusal(&m, edited.as_bytes()), "forged");
    // Unsigned, the integrity line flags it.
    let sig = edited.find("    \"signature\"").unwrap();
    let sig_end = sig + edited[sig..].find('\n').unwrap() + 1;
    let edited = format!("{}{}", &edited[..sig], &edited[sig_end..]);
    let r = review(&m, edited.as_bytes());
    assert_eq!(r.integrity, Integrity::Mismatch);
    assert!(!r.is_clean());
    assert!(r.integrity.message().contains("sửa ngoài chương trình"));
    // A file from before hashes: loads, not verified.
    let mut old = m.clone();
    old.provenance.saved_by = Some(Owner::School(sid("s02")));
    let json = String::from_utf8(workbook::to_bytes(&old)).unwrap();
    let start = json.find("    \"content_hash\"").unwrap();
    let end = start + json[start..].find('\n').unwrap() + 1;
    let unhashed = format!("{}{}", &json[..start], &json[end..]);
    assert_eq!(review(&m, unhashed.as_bytes()).integrity, Integrity::NoHash);
}

#[test]
fn changes_to_what_the_school_does_not_own_are_refused_and_not_applied() {
    let mut m = master();
    let before = m.clone();
    let bytes = returned(&m, "s02", |wb, me| {
        set_self(wb, "s02", "c001", 777, me); // its own: fine
        set_self(wb, "s03", "c001", 1, me); // another school's self-score
        let cs = wb
            .assessment_mut(&sid("s02"))
            .cluster_scores
            .get_mut(&sid("c001"))
            .unwrap(); // the cluster's score of itself
        cs.points = Points(9999);
        cs.rev.bump(me);
        wb.rules.bonus_cap = Points::whole(50); // the cluster's rules
        wb.rules.rev.bump(me);
        wb.criteria[0].title = "Đổi tên".into(); // the criteria table
        wb.assessment_mut(&sid("s02")).adjustments[0].points = Points::whole(9); // cluster's bonus
        wb.assessment_mut(&sid("s02")).adjustments[0].rev.bump(me);
    });
    let r = review(&m, &bytes);
    let refused: Vec<&RecordKey> = r.refused().map(|c| &c.key).collect();
    assert!(refused.contains(&&RecordKey::SelfScore(sid("s03"), sid("c001"))));
    assert!(refused.contains(&&RecordKey::ClusterScore(sid("s02"), sid("c001"))));
    assert!(refused.contains(&&RecordKey::Rules));
    assert!(refused.contains(&&RecordKey::Criteria));
    assert!(refused.contains(&&RecordKey::Adjustment(sid("s02"), sid("cluster-adj2"))));
    for c in r.refused() {
        let Status::Refused(reason) = &c.status else {
            unreachable!()
        };
        assert!(reason.contains("không được sửa"), "{reason}");
    }
    assert_eq!(r.acceptable().count(), 1);
    assert!(!r.is_clean());
    let applied = exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    assert_eq!(applied.accepted, 1);
    assert_eq!(applied.refused, 5);
    assert_eq!(self_points(&m, "s02", "c001"), Points(777));
    assert_eq!(
        self_points(&m, "s03", "c001"),
        self_points(&before, "s03", "c001")
    );
    assert_eq!(m.rules, before.rules);
    assert_eq!(m.criteria, before.criteria);
    assert_eq!(
        m.assessment(&sid("s02")).unwrap().cluster_scores,
        before.assessment(&sid("s02")).unwrap().cluster_scores
    );
    assert_eq!(
        m.assessment(&sid("s02")).unwrap().adjustments,
        before.assessment(&sid("s02")).unwrap().adjustments
    );
}

#[test]
fn a_record_both_sides_changed_is_a_conflict_for_the_leader() {
    let m0 = master();
    let bytes = returned(&m0, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me));
    let mut m = m0.clone();
    set_self(&mut m, "s02", "c001", 555, &Owner::Cluster); // the leader retyped it
    let r = review(&m, &bytes);
    assert_eq!(r.changes.len(), 1);
    let c = &r.changes[0];
    assert_eq!(c.status, Status::Conflict);
    assert!(c.old.as_deref().unwrap().contains("5,55"));
    assert!(c.new.as_deref().unwrap().contains("7,77"));

    // Undecided: nothing applied.
    let mut undecided = m.clone();
    let a = exchange::apply_on(&mut undecided, &r, &Decisions::new(), DAY);
    assert_eq!(a.undecided, 1);
    assert_eq!(self_points(&undecided, "s02", "c001"), Points(555));

    // Take the school's.
    let mut take = m.clone();
    let d = Decisions::from([(c.key.clone(), Decision::TakeSchool)]);
    exchange::apply_on(&mut take, &r, &d, DAY);
    assert_eq!(self_points(&take, "s02", "c001"), Points(777));

    // Keep the leader's: and the same school copy no longer conflicts.
    let mut keep = m.clone();
    let d = Decisions::from([(c.key.clone(), Decision::KeepLeader)]);
    let a = exchange::apply_on(&mut keep, &r, &d, DAY);
    assert_eq!(a.kept, 1);
    assert_eq!(self_points(&keep, "s02", "c001"), Points(555));
    keep.provenance.returns.clear();
    assert!(review(&keep, &bytes).changes.is_empty());
}

#[test]
fn a_stale_copy_of_what_the_leader_changed_since_is_not_a_change() {
    let m0 = master();
    let bytes = returned(&m0, "s02", |wb, me| set_self(wb, "s02", "c002", 300, me));
    let mut m = m0.clone();
    // The leader changes the rules and a cluster score after sending.
    m.rules.bonus_cap = Points::whole(4);
    m.rules.rev.bump(&Owner::Cluster);
    set_self(&mut m, "s02", "c003", 100, &Owner::Cluster);
    let r = review(&m, &bytes);
    assert_eq!(r.changes.len(), 1, "{:?}", r.changes);
    assert!(r.is_clean());
}

#[test]
fn activities_and_adjustments_the_school_owns_are_added_changed_and_removed() {
    let mut m = master();
    // The master holds an activity hosted by s02 (synthetic: a00002).
    assert_eq!(
        m.activities[1].owner,
        Owner::School(sid("s02")),
        "fixture assumption"
    );
    let bytes = returned(&m, "s02", |wb, me| {
        let id = wb.fresh_id(me, "activity");
        let mut rev = Default::default();
        thidua::workbook::Rev::bump(&mut rev, me);
        wb.activities.push(Activity {
            id,
            owner: me.clone(),
            kind: ActivityKind::Seminar,
            title: "Tọa đàm khoa học về chuyển đổi số".into(),
            start: date(2024, 5, 20),
            end: None,
            host: Some(sid("s02")),
            participants: vec![sid("s01"), sid("s02")],
            people: vec![],
            results: vec![],
            evidence: vec![],
            note: String::new(),
            rev,
        });
        wb.activities.retain(|a| a.id.as_str() != "a00002");
        let id = wb.fresh_id(me, "adj");
        let mut rev = thidua::workbook::Rev::default();
        rev.bump(me);
        wb.assessment_mut(&sid("s02")).adjustments.push(Adjustment {
            id,
            owner: me.clone(),
            kind: AdjustmentKind::Bonus,
            points: Points::whole(1),
            reason: "Đăng cai hội thảo".into(),
            accepted: None,
            evidence: vec![],
            rev,
        });
    });
    let r = review(&m, &bytes);
    let kinds: Vec<(ChangeKind, &Status)> = r.changes.iter().map(|c| (c.kind, &c.status)).collect();
    assert_eq!(r.changes.len(), 3, "{:?}", r.changes);
    assert!(
        kinds.iter().all(|(_, s)| **s == Status::Acceptable),
        "{kinds:?}"
    );
    exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    assert!(
        m.activities
            .iter()
            .any(|a| a.title.contains("chuyển đổi số"))
    );
    assert!(!m.activities.iter().any(|a| a.id.as_str() == "a00002"));
    assert_eq!(m.assessment(&sid("s02")).unwrap().adjustments.len(), 2);
}

#[test]
fn a_removal_of_what_the_leader_edited_since_is_not_a_deletion() {
    let mut m = master();
    // The copy is made, then the leader edits the activity.
    let bytes = returned(&m, "s02", |wb, _| {
        wb.activities.retain(|a| a.id.as_str() != "a00002");
    });
    m.activities[1].title = "Hội thảo (cụm sửa tên)".into();
    m.activities[1].rev.bump(&Owner::Cluster);
    let r = review(&m, &bytes);
    // The copy never saw the leader's version: it cannot have deleted it.
    assert!(r.changes.is_empty(), "{:?}", r.changes);
    exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    assert!(m.activities.iter().any(|a| a.id.as_str() == "a00002"));
}

#[test]
fn applying_the_same_review_twice_changes_nothing_more() {
    let mut m = master();
    let bytes = returned(&m, "s04", |wb, me| {
        set_self(wb, "s04", "c001", 111, me);
        wb.assessment_mut(&sid("s04")).registration.targets = vec!["Hoàn thành xuất sắc".into()];
        wb.assessment_mut(&sid("s04")).registration.rev.bump(me);
    });
    let r = review(&m, &bytes);
    exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    let once = m.clone();
    exchange::apply_on(&mut m, &r, &Decisions::new(), DAY);
    assert_eq!(m, once);
    // And a fresh review of the same content finds nothing new.
    m.provenance.returns.clear();
    assert!(review(&m, &bytes).changes.is_empty());
}

#[test]
fn stamping_records_the_editor_and_counts_saves() {
    let mut wb = synthetic::workbook(2, 2, 0);
    let n = wb.provenance.save_count;
    exchange::stamp(&mut wb, &Owner::School(sid("s02")));
    assert_eq!(wb.provenance.saved_by, Some(Owner::School(sid("s02"))));
    assert_eq!(wb.provenance.save_count, n + 1);
}

// ── The `merge` command ────────────────────────────────────────────────

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new(master: &Workbook) -> Files {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Cum99-2024.json"),
            workbook::to_bytes(master),
        )
        .unwrap();
        Files { dir }
    }
    fn put(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }
    fn master_bytes(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("Cum99-2024.json")).unwrap()
    }
}

fn load(path: &str) -> Workbook {
    workbook::load(Path::new(path)).unwrap().workbook
}

#[test]
fn cli_reports_without_changing_anything_by_default() {
    let m = master();
    let f = Files::new(&m);
    let a = f.put(
        "Cum99-2024 (1).json",
        &returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me)),
    );
    let before = f.master_bytes();
    let (code, out, err) = thidua(&["merge", &f.path("Cum99-2024.json"), &a]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("[Nhận] Sửa Tự chấm"), "{out}");
    assert!(out.contains("Sẽ gộp: 1 thay đổi nhận"), "{out}");
    assert!(err.contains("Chưa ghi gì"), "{err}");
    assert_eq!(f.master_bytes(), before);
}

#[test]
fn cli_accept_all_merges_in_place_with_a_backup() {
    let m = master();
    let f = Files::new(&m);
    let a = f.put(
        "a.json",
        &returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me)),
    );
    let b = f.put(
        "b.json",
        &returned(&m, "s03", |wb, me| set_self(wb, "s03", "c002", 222, me)),
    );
    let before = f.master_bytes();
    let master_path = f.path("Cum99-2024.json");
    let (code, out, err) = thidua(&["merge", &master_path, &a, &b, "--accept-all"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let merged = load(&master_path);
    assert_eq!(self_points(&merged, "s02", "c001"), Points(777));
    assert_eq!(self_points(&merged, "s03", "c002"), Points(222));
    assert_eq!(merged.provenance.returns.len(), 2);
    assert_eq!(merged.provenance.saved_by, Some(Owner::Cluster));
    assert_eq!(
        std::fs::read(f.path("Cum99-2024.json.bak")).unwrap(),
        before
    );
    // Again: both files were merged already.
    let (code, out, _) = thidua(&["merge", &master_path, &a, "--accept-all"]);
    assert_eq!(code, 1);
    assert!(out.contains("Đã gộp tệp này rồi"), "{out}");
}

#[test]
fn cli_out_is_never_overwritten_without_force() {
    let m = master();
    let f = Files::new(&m);
    let a = f.put(
        "a.json",
        &returned(&m, "s02", |wb, me| set_self(wb, "s02", "c001", 777, me)),
    );
    let out_path = f.put("gop.json", b"{}");
    let master_path = f.path("Cum99-2024.json");
    let before = f.master_bytes();
    let (code, _, err) = thidua(&[
        "merge",
        &master_path,
        &a,
        "--accept-all",
        "--out",
        &out_path,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("không ghi đè"), "{err}");
    assert_eq!(std::fs::read(&out_path).unwrap(), b"{}");
    // Issue 25: --force replaces only a file of the kind written (a
    // workbook that is not a master), never another file.
    let forced = [
        "merge",
        &master_path,
        &a,
        "--accept-all",
        "--out",
        &out_path,
        "--force",
    ];
    let (code, _, err) = thidua(&forced);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("kể cả với --force"), "{err}");
    assert_eq!(std::fs::read(&out_path).unwrap(), b"{}");
    std::fs::write(&out_path, workbook::to_bytes(&synthetic::workbook(3, 3, 0))).unwrap();
    let (code, out, err) = thidua(&[
        "merge",
        &master_path,
        &a,
        "--accept-all",
        "--out",
        &out_path,
        "--force",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(self_points(&load(&out_path), "s02", "c001"), Points(777));
    assert_eq!(
        f.master_bytes(),
        before,
        "the master is untouched with --out"
    );
    let fresh = f.path("moi.json");
    let (code, _, _) = thidua(&["merge", &master_path, &a, "--accept-all", "--out", &fresh]);
    assert_eq!(code, 0);
    assert!(Path::new(&fresh).exists());
}

#[test]
fn cli_a_refused_file_does_not_stop_the_others_and_exits_1() {
    let m = master();
    let f = Files::new(&m);
    let mut other = m.clone();
    other.year = 2023;
    let bad = f.put("nam-truoc.json", &returned(&other, "s02", |_, _| {}));
    let cut = returned(&m, "s04", |wb, me| set_self(wb, "s04", "c001", 1, me));
    let truncated = f.put("cut.json", &cut[..cut.len() / 3]);
    let good = f.put(
        "b.json",
        &returned(&m, "s03", |wb, me| set_self(wb, "s03", "c002", 222, me)),
    );
    let master_path = f.path("Cum99-2024.json");
    let (code, out, err) = thidua(&[
        "merge",
        &master_path,
        &bad,
        &truncated,
        &good,
        "--accept-all",
    ]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("năm khác"), "{err}");
    assert!(err.contains("cắt cụt"), "{err}");
    let merged = load(&master_path);
    assert_eq!(self_points(&merged, "s03", "c002"), Points(222));
    assert_eq!(
        self_points(&merged, "s04", "c001"),
        self_points(&m, "s04", "c001")
    );
}

#[test]
fn cli_a_refused_only_run_never_changes_the_master() {
    let m = master();
    let f = Files::new(&m);
    let own = f.put("ban-cum.json", &workbook::to_bytes(&m));
    let before = f.master_bytes();
    let (code, out, _) = thidua(&["merge", &f.path("Cum99-2024.json"), &own, "--accept-all"]);
    assert_eq!(code, 1);
    assert!(out.contains("văn phòng cụm"), "{out}");
    assert_eq!(f.master_bytes(), before);
    assert!(!Path::new(&f.path("Cum99-2024.json.bak")).exists());
}

#[test]
fn cli_conflicts_and_refusals_exit_1_and_stay_unapplied() {
    let m0 = master();
    let bytes = returned(&m0, "s02", |wb, me| {
        set_self(wb, "s02", "c001", 777, me);
        set_self(wb, "s03", "c001", 1, me);
    });
    let mut m = m0.clone();
    set_self(&mut m, "s02", "c001", 555, &Owner::Cluster);
    let f = Files::new(&m);
    let a = f.put("a.json", &bytes);
    let master_path = f.path("Cum99-2024.json");
    let (code, out, _) = thidua(&["merge", &master_path, &a, "--accept-all"]);
    assert_eq!(code, 1);
    assert!(out.contains("[Xung đột]"), "{out}");
    assert!(out.contains("[Từ chối]"), "{out}");
    let merged = load(&master_path);
    assert_eq!(self_points(&merged, "s02", "c001"), Points(555));
    assert_eq!(
        self_points(&merged, "s03", "c001"),
        self_points(&m, "s03", "c001")
    );
}

#[test]
fn cli_usage_errors_exit_2() {
    assert_eq!(thidua(&["merge"]).0, 2);
    assert_eq!(thidua(&["merge", "a.json"]).0, 2);
    assert_eq!(thidua(&["merge", "a.json", "b.json", "--bogus"]).0, 2);
}
