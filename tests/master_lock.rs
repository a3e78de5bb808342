//! Issue 25 (one master, one writer; no output replaces a workbook;
//! messages tell the truth) and issue 26 point 1 (an unsigned file's school
//! is what the clerk says), through the real `thidua` binary and the
//! library. File-level: runs under Wine too (`.ci/windows-tests`).

mod support;

use std::path::{Path, PathBuf};
use support::cli::thidua;
use support::mail::emailed;
use thidua::exchange;
use thidua::master::lock::{self, Holder, LockError, TakeOver};
use thidua::workbook::{self, Id, Owner, Points, Workbook, synthetic};

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

/// A school's signed return changing its self-score on `criterion`.
fn signed_return(m: &Workbook, school: &str, criterion: &str, points: i64) -> Vec<u8> {
    let mut x = workbook::load_bytes(&emailed(m, school)).unwrap().workbook;
    set_self(&mut x, school, criterion, points);
    exchange::stamp(&mut x, &Owner::School(Id::new(school)));
    workbook::to_bytes(&x)
}

fn set_self(wb: &mut Workbook, school: &str, criterion: &str, points: i64) {
    let key = wb.replica_key(&Owner::School(Id::new(school)));
    let s = wb
        .assessment_mut(&Id::new(school))
        .self_scores
        .entry(Id::new(criterion))
        .or_default();
    s.points = Points(points);
    s.rev.bump_as(&key);
}

fn self_points(wb: &Workbook, school: &str, criterion: &str) -> Option<i64> {
    wb.assessment(&Id::new(school))?
        .self_scores
        .get(&Id::new(criterion))
        .map(|s| s.points.0)
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
    fn s(&self, name: &str) -> String {
        self.path(name).to_string_lossy().into_owned()
    }
    fn put(&self, name: &str, bytes: &[u8]) -> String {
        std::fs::write(self.path(name), bytes).unwrap();
        self.s(name)
    }
    fn master(&self) -> String {
        self.s("so.json")
    }
    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.path("so.json")).unwrap()
    }
    fn load(&self) -> Workbook {
        workbook::load(&self.path("so.json")).unwrap().workbook
    }
}

/// A lock file as a holder that is gone left it: `machine`, written an
/// hour ago, and nobody holding its system lock.
fn left_lock(master: &Path, machine: &str) -> PathBuf {
    let path = lock::lock_path(master);
    let holder = Holder {
        machine: machine.into(),
        user: "lan".into(),
        pid: 4_000_000,
        since: "08:30 ngày 01/10/2024".into(),
        token: "cu".into(),
        linked: true,
    };
    std::fs::write(&path, serde_json::to_vec(&holder).unwrap()).unwrap();
    let f = std::fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    path
}

// ---- 1. A lock beside the master ------------------------------------

#[test]
fn a_merge_refuses_while_another_process_holds_the_master_and_writes_nothing() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    // This test process holds the master, as a window would.
    let held = lock::acquire(&d.path("so.json"), TakeOver::ThisMachine).unwrap();
    let before = d.bytes();
    let (code, out, err) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("Sổ đang được mở trên máy"), "{err}");
    assert!(
        err.contains(&held.holder().machine),
        "names the holder: {err}"
    );
    assert!(!out.contains("Đã gộp"), "{out}");
    assert_eq!(d.bytes(), before, "nothing written");
    assert!(!d.path("so.json.bak").exists());
    // The same for the other commands that write a master.
    let (code, _, err) = thidua(&["mail-out", &d.master(), "--out", &d.s("gui")]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Sổ đang được mở trên máy"), "{err}");
    // Let go: the merge goes through, and leaves no lock behind.
    drop(held);
    assert!(!lock::lock_path(&d.path("so.json")).exists());
    let (code, out, err) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(self_points(&d.load(), "s02", "c001"), Some(100));
    assert!(!lock::lock_path(&d.path("so.json")).exists());
}

#[test]
fn a_second_lock_in_the_same_process_is_refused_naming_the_holder() {
    let d = Dir::new(&master());
    let first = lock::acquire(&d.path("so.json"), TakeOver::ThisMachine).unwrap();
    let second = lock::acquire(&d.path("so.json"), TakeOver::AnyMachine);
    match second {
        Err(LockError::Held(h)) => assert_eq!(h.token, first.holder().token),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        lock::holder(&d.path("so.json")),
        Some(first.holder().clone())
    );
}

#[test]
fn a_lock_left_on_this_machine_by_a_process_that_is_gone_is_taken_over_silently() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    let left = left_lock(&d.path("so.json"), &lock::machine_name());
    assert_eq!(lock::holder(&d.path("so.json")), None, "nobody holds it");
    let (code, out, err) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(self_points(&d.load(), "s02", "c001"), Some(100));
    assert!(!left.exists(), "released after the merge");
}

#[test]
fn a_lock_left_by_another_machine_is_refused_unless_unlock() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    left_lock(&d.path("so.json"), "MAY-KE-TOAN-2");
    let before = d.bytes();
    let (code, out, err) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("MAY-KE-TOAN-2"), "{err}");
    assert!(err.contains("tắt đột ngột"), "{err}");
    assert!(err.contains("--unlock"), "{err}");
    assert_eq!(d.bytes(), before);
    // The library says the same to the window, which asks.
    match lock::acquire(&d.path("so.json"), TakeOver::ThisMachine) {
        Err(LockError::MaybeCrashed(h)) => assert_eq!(h.machine, "MAY-KE-TOAN-2"),
        other => panic!("{other:?}"),
    }
    let (code, out, err) = thidua(&["merge", &d.master(), &f, "--accept-all", "--unlock"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(self_points(&d.load(), "s02", "c001"), Some(100));
}

#[test]
fn a_save_over_a_file_changed_on_disk_since_it_was_read_is_refused() {
    let d = Dir::new(&master());
    let read = thidua::master::read(&d.path("so.json")).unwrap();
    let mut wb = read.loaded.workbook.clone();
    wb.cluster.name = "Cụm đổi tên".into();
    // Another writer (a machine that cannot see the lock) meanwhile.
    let mut other = read.loaded.workbook.clone();
    other.description = "ghi từ nơi khác".into();
    std::fs::write(d.path("so.json"), workbook::to_bytes(&other)).unwrap();
    let theirs = d.bytes();
    let e = thidua::master::save(&d.path("so.json"), &wb, &read.disk_hash).unwrap_err();
    assert_eq!(e.code(), "changed_on_disk");
    assert!(e.to_string().contains("Lưu thành"), "{e}");
    assert_eq!(d.bytes(), theirs, "the other writer's file stays");
    // Over the very file read, it saves, and the next save compares with
    // what it wrote.
    let read = thidua::master::read(&d.path("so.json")).unwrap();
    let h = thidua::master::save(&d.path("so.json"), &wb, &read.disk_hash).unwrap();
    thidua::master::save(&d.path("so.json"), &wb, &h).unwrap();
}

// ---- 3. No output replaces a workbook it was given or any master ----

#[test]
fn export_never_replaces_the_master_even_with_force() {
    let d = Dir::new(&master());
    let before = d.bytes();
    let (code, _, err) = thidua(&[
        "export",
        &d.master(),
        "--doc",
        "scores",
        "--out",
        &d.master(),
        "--force",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("kể cả với --force"), "{err}");
    assert_eq!(d.bytes(), before);
    // A hard link to it (another name of the same file), and any workbook:
    // --force replaces only a document.
    std::fs::hard_link(d.path("so.json"), d.path("link.pdf")).unwrap();
    let (code, _, err) = thidua(&[
        "export",
        &d.master(),
        "--doc",
        "scores",
        "--out",
        &d.s("link.pdf"),
        "--force",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(d.bytes(), before);
    // Its backup neither.
    std::fs::write(d.path("so.json.bak"), &before).unwrap();
    let (code, _, err) = thidua(&[
        "export",
        &d.master(),
        "--doc",
        "scores",
        "--out",
        &d.s("so.json.bak"),
        "--force",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read(d.path("so.json.bak")).unwrap(), before);
    // A PDF made before is replaced with --force.
    let pdf = d.s("bang-diem.pdf");
    let args = ["export", &d.master(), "--doc", "scores", "--out", &pdf];
    assert_eq!(thidua(&args).0, 0);
    let mut forced = args.to_vec();
    forced.push("--force");
    let (code, _, err) = thidua(&forced);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_same_file_by_another_case_of_its_name_is_refused_on_windows() {
    let d = Dir::new(&master());
    let before = d.bytes();
    let upper = d.s("SO.JSON");
    let (code, _, err) = thidua(&[
        "export",
        &d.master(),
        "--doc",
        "scores",
        "--out",
        &upper,
        "--force",
    ]);
    if cfg!(windows) {
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("kể cả với --force"), "{err}");
    }
    assert_eq!(d.bytes(), before, "the master is whole either way");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_the_master_is_the_master() {
    let d = Dir::new(&master());
    let before = d.bytes();
    std::os::unix::fs::symlink(d.path("so.json"), d.path("ra.pdf")).unwrap();
    let (code, _, err) = thidua(&[
        "export",
        &d.master(),
        "--doc",
        "scores",
        "--out",
        &d.s("ra.pdf"),
        "--force",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(d.bytes(), before);
}

#[test]
fn the_final_copy_never_replaces_the_master_with_its_name() {
    let m = master();
    let d = Dir::new(&m);
    // The master happens to bear the final copy's name in the folder.
    let name = exchange::final_copy_name(&m);
    std::fs::rename(d.path("so.json"), d.path(&name)).unwrap();
    let before = std::fs::read(d.path(&name)).unwrap();
    let dir = d.dir.path().to_string_lossy().into_owned();
    let (code, _, err) = thidua(&["mail-out", &d.s(&name), "--out", &dir, "--final", "--force"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read(d.path(&name)).unwrap(), before);
    assert!(
        !workbook::load(&d.path(&name))
            .unwrap()
            .workbook
            .provenance
            .secret
            .is_empty(),
        "the secret stays"
    );
}

#[test]
fn merge_and_new_year_out_force_replace_workbooks_that_are_not_masters_only() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    // A plain workbook (no secret, nothing merged): replaced with --force.
    std::fs::write(
        d.path("ra.json"),
        workbook::to_bytes(&synthetic::workbook(5, 6, 4)),
    )
    .unwrap();
    let (code, out, err) = thidua(&[
        "merge",
        &d.master(),
        &f,
        "--accept-all",
        "--out",
        &d.s("ra.json"),
        "--force",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(
        self_points(
            &workbook::load(&d.path("ra.json")).unwrap().workbook,
            "s02",
            "c001"
        ),
        Some(100)
    );
    // ra.json is a master now: neither command replaces it, nor the input.
    let before = std::fs::read(d.path("ra.json")).unwrap();
    for target in [d.s("ra.json"), d.master()] {
        let (code, _, err) = thidua(&["new-year", &d.master(), "--out", &target, "--force"]);
        assert_eq!(code, 1, "{target}: {err}");
        assert!(err.contains("kể cả với --force"), "{err}");
    }
    let (code, _, err) = thidua(&[
        "merge",
        &d.master(),
        &f,
        "--accept-all",
        "--out",
        &d.master(),
        "--force",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read(d.path("ra.json")).unwrap(), before);
    // A file that is not a workbook is not replaced by a workbook.
    std::fs::write(d.path("ghi-chu.txt"), "ghi chú").unwrap();
    let (code, _, err) = thidua(&[
        "new-year",
        &d.master(),
        "--out",
        &d.s("ghi-chu.txt"),
        "--force",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        std::fs::read(d.path("ghi-chu.txt")).unwrap(),
        b"ghi ch\xc3\xba"
    );
}

// ---- 4. Messages say what happened ------------------------------------

#[test]
fn a_read_only_master_claims_no_merge_and_offers_out() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    let mut perms = std::fs::metadata(d.path("so.json")).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(d.path("so.json"), perms).unwrap();
    let before = d.bytes();
    let (code, out, err) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(!out.contains("Đã gộp"), "{out}");
    assert!(err.contains("chưa gộp gì"), "{err}");
    assert!(err.contains("--out"), "{err}");
    assert_eq!(d.bytes(), before);
    #[allow(clippy::permissions_set_readonly_false)]
    {
        let mut perms = std::fs::metadata(d.path("so.json")).unwrap().permissions();
        perms.set_readonly(false);
        std::fs::set_permissions(d.path("so.json"), perms).unwrap();
    }
}

#[test]
fn out_naming_an_existing_folder_says_so() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    std::fs::create_dir(d.path("ra")).unwrap();
    let mut dir = d.s("ra");
    dir.push(std::path::MAIN_SEPARATOR);
    let (code, _, err) = thidua(&["merge", &d.master(), &f, "--accept-all", "--out", &dir]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("thư mục"), "{err}");
    assert!(!err.contains("tệp đã có"), "{err}");
}

// ---- 26.1 An unsigned file's school is what the clerk says ------------

/// School s03's copy relabelled as s02's (saved by s02, no signature, the
/// integrity hash recomputed), changing s02's self-score.
fn relabelled(m: &Workbook) -> Vec<u8> {
    let mut x = workbook::load_bytes(&emailed(m, "s03")).unwrap().workbook;
    x.provenance.copy_for = None;
    x.provenance.school_key.clear();
    set_self(&mut x, "s02", "c001", 1);
    exchange::stamp(&mut x, &Owner::School(Id::new("s02")));
    workbook::to_bytes(&x)
}

#[test]
fn allow_unsigned_is_a_usage_error_naming_the_new_flag() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("x.json", &relabelled(&m));
    let (code, _, err) = thidua(&["merge", &d.master(), &f, "--accept-all", "--allow-unsigned"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--unsigned-from"), "{err}");
}

#[test]
fn an_unsigned_file_merges_only_into_the_part_of_the_school_the_clerk_names() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("x.json", &relabelled(&m));
    let before = d.bytes();
    // Unnamed: never merged.
    let (code, out, _) = thidua(&["merge", &d.master(), &f, "--accept-all"]);
    assert_eq!(code, 1);
    assert!(out.contains("--unsigned-from"), "{out}");
    assert_eq!(d.bytes(), before);
    // The clerk says it came from s03 (by its short name, loosely typed):
    // s02's part is not s03's to change.
    let short = m.school(&Id::new("s03")).unwrap().short_name.to_uppercase();
    let (code, out, err) = thidua(&[
        "merge",
        &d.master(),
        "--unsigned-from",
        &short,
        &f,
        "--accept-all",
    ]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("tự ghi là của"),
        "the file's own claim is shown: {out}"
    );
    assert!(!out.contains("Đã gộp"), "{out}");
    assert_eq!(
        self_points(&d.load(), "s02", "c001"),
        self_points(&m, "s02", "c001")
    );
    // An unknown school is a usage error.
    let (code, _, err) = thidua(&["merge", &d.master(), "--unsigned-from", "khong-co", &f]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn an_honest_unsigned_return_merges_for_the_school_named_by_id() {
    let m = master();
    let d = Dir::new(&m);
    // Saved by s02 without the mail-out's key (e.g. an older version).
    let mut x = workbook::load_bytes(&emailed(&m, "s02")).unwrap().workbook;
    x.provenance.copy_for = None;
    x.provenance.school_key.clear();
    set_self(&mut x, "s02", "c001", 100);
    exchange::stamp(&mut x, &Owner::School(Id::new("s02")));
    let f = d.put("x.json", &workbook::to_bytes(&x));
    let (code, out, err) = thidua(&[
        "merge",
        &d.master(),
        "--unsigned-from",
        "s02",
        &f,
        "--accept-all",
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Đã gộp"), "{out}");
    assert_eq!(self_points(&d.load(), "s02", "c001"), Some(100));
}

#[test]
fn a_signed_file_named_for_another_school_is_not_merged() {
    let m = master();
    let d = Dir::new(&m);
    let f = d.put("tra-ve.json", &signed_return(&m, "s02", "c001", 100));
    let (code, out, _) = thidua(&[
        "merge",
        &d.master(),
        "--unsigned-from",
        "s03",
        &f,
        "--accept-all",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("chữ ký của"), "{out}");
    assert_eq!(
        self_points(&d.load(), "s02", "c001"),
        self_points(&m, "s02", "c001")
    );
}
