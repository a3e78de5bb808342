//! Recovery copies across real process deaths (issue 14, finding 12): a
//! window is a process holding the lock of its own copy. Killed (SIGKILL,
//! a power cut as far as the program can tell), its copy is offered at the
//! next start; while it runs, another window never offers or deletes it.
//! The "window" here is this test binary started again as a child that
//! writes its copy and waits to be killed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use thidua::app::recovery::Place;
use thidua::workbook::synthetic;

const CHILD: &str = "THIDUA_RECOVERY_CHILD";

/// Acts as a window when started by the test below; otherwise does nothing.
#[test]
fn window_process() {
    let Ok(dir) = std::env::var(CHILD) else {
        return;
    };
    let place = Place::in_folder(Path::new(&dir));
    let mut wb = synthetic::workbook(3, 4, 0);
    wb.cluster.name = format!("Cửa sổ {}", std::process::id());
    let file = Path::new(&dir).join("so.json");
    assert!(place.write(Some(&file), None, &wb));
    println!("ready {}", std::process::id());
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_killed_window_s_copy_is_offered_and_a_live_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "window_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let pid = loop {
        let line = lines.next().expect("the child said ready").unwrap();
        // (The test harness prints the test's name on the same line.)
        if let Some((_, pid)) = line.split_once("ready ") {
            break pid.trim().to_string();
        }
    };
    // While it runs: a second window sees nothing to offer.
    let second = Place::in_folder(dir.path());
    assert!(
        second.orphans().is_empty(),
        "a live window's copy was offered"
    );
    drop(second);
    // The power goes.
    child.kill().unwrap();
    child.wait().unwrap();
    // The next start offers exactly that copy, with what it held.
    let next = Place::in_folder(dir.path());
    let offered = next.orphans();
    assert_eq!(offered.len(), 1);
    assert_eq!(
        offered[0].copy.workbook.cluster.name,
        format!("Cửa sổ {pid}")
    );
    // Restored and written again by the new window, the old copy goes;
    // the new window's own copy is not offered to a third while it runs.
    assert!(next.write(None, None, &offered[0].copy.workbook));
    offered[0].remove();
    assert!(Place::in_folder(dir.path()).orphans().is_empty());
    drop(next);
}
