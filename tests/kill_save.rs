//! Killing the program while it saves: the real `thidua merge --accept-all`
//! writes a large workbook; SIGKILL lands at random moments. Each time the
//! file and its `.bak` are whole (old or new), and after the next save no
//! temporary file is left behind.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use thidua::exchange;
use thidua::workbook::{self, Id, Owner, Points, synthetic};

const ROUNDS: usize = 50;

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".thidua-"))
        .collect()
}

/// Loads and checks a file is a whole workbook whose content matches its
/// hash (a half-written file would fail to parse or to verify).
fn whole(path: &Path) {
    let loaded = workbook::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        loaded.integrity,
        workbook::Integrity::Verified,
        "{}",
        path.display()
    );
}

fn merge(dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_thidua-cli"))
        .args([
            "merge",
            "so.json",
            // The return is made here, without the mail-out's key: the
            // clerk says which school sent it.
            "--unsigned-from",
            "s01",
            "tra-ve.json",
            "--accept-all",
            "--out",
            "ra.json",
            "--force",
        ])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs")
}

#[test]
fn a_killed_save_leaves_the_file_and_its_backup_whole_and_no_debris() {
    let dir = tempfile::tempdir().unwrap();
    let mut master = synthetic::workbook(40, 200, 1500);
    exchange::stamp(&mut master, &Owner::Cluster);
    let master = workbook::load_bytes(&workbook::to_bytes(&master))
        .unwrap()
        .workbook;
    workbook::file::write_atomic(
        &dir.path().join("so.json"),
        &workbook::to_bytes(&master),
        workbook::file::Overwrite::Anything,
    )
    .unwrap();
    let mut ret = master.clone();
    let me = Owner::School(Id::new("s01"));
    let score = ret
        .assessment_mut(&Id::new("s01"))
        .self_scores
        .values_mut()
        .next()
        .unwrap();
    score.points = Points(0);
    score.rev.bump(&me);
    exchange::stamp(&mut ret, &me);
    std::fs::write(dir.path().join("tra-ve.json"), workbook::to_bytes(&ret)).unwrap();

    // One clean run: how long a whole merge takes here.
    let started = Instant::now();
    let status = merge(dir.path()).wait().unwrap();
    let full = started.elapsed();
    assert!(
        dir.path().join("ra.json").exists(),
        "merge wrote ({status})"
    );
    whole(&dir.path().join("ra.json"));

    // Kills spread over the run, with a deterministic spread of moments.
    let mut seed: u64 = 0x5eed_1234;
    for _ in 0..ROUNDS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = full.mul_f64((seed % 1000) as f64 / 1000.0 * 1.1);
        let mut child = merge(dir.path());
        std::thread::sleep(at.min(Duration::from_secs(10)));
        let _ = child.kill();
        let _ = child.wait();
        whole(&dir.path().join("ra.json"));
        let bak = dir.path().join("ra.json.bak");
        if bak.exists() {
            whole(&bak);
        }
    }
    // The next save removes every leftover of the killed ones.
    assert!(merge(dir.path()).wait().unwrap().code().is_some());
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}
