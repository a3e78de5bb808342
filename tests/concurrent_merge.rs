//! Issue 25: two `thidua merge --accept-all` processes into one master at
//! once, many rounds, started with random delays between them. Every change
//! a process says it merged is in the file; a process that did not merge
//! was refused (the master is held) and wrote nothing. Before the lock,
//! both said "Đã gộp" and one school's return was lost.

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;
use support::mail::emailed;
use thidua::exchange;
use thidua::workbook::{self, Id, Owner, Points, Workbook, synthetic};

const ROUNDS: u64 = 16;

fn master() -> Workbook {
    // Large enough that a merge takes a while to read, check and save.
    let mut wb = synthetic::workbook(12, 60, 400);
    exchange::stamp(&mut wb, &Owner::Cluster);
    exchange::mail_out(&mut wb).unwrap();
    workbook::load_bytes(&workbook::to_bytes(&wb))
        .unwrap()
        .workbook
}

fn signed_return(m: &Workbook, school: &str, points: i64) -> Vec<u8> {
    let mut x = workbook::load_bytes(&emailed(m, school)).unwrap().workbook;
    let key = x.replica_key(&Owner::School(Id::new(school)));
    let s = x
        .assessment_mut(&Id::new(school))
        .self_scores
        .values_mut()
        .next()
        .unwrap();
    s.points = Points(points);
    s.rev.bump_as(&key);
    exchange::stamp(&mut x, &Owner::School(Id::new(school)));
    workbook::to_bytes(&x)
}

fn first_self(wb: &Workbook, school: &str) -> i64 {
    wb.assessment(&Id::new(school))
        .unwrap()
        .self_scores
        .values()
        .next()
        .unwrap()
        .points
        .0
}

#[test]
fn two_merges_at_once_lose_nothing_or_the_second_is_refused() {
    let m = master();
    let mut seed: u64 = 0x2525_aaaa;
    let mut refused = 0;
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        let so = dir.path().join("so.json");
        std::fs::write(&so, workbook::to_bytes(&m)).unwrap();
        let schools = [("s02", 3 + round as i64), ("s03", 40 + round as i64)];
        for (school, points) in schools {
            std::fs::write(
                dir.path().join(format!("{school}.json")),
                signed_return(&m, school, points),
            )
            .unwrap();
        }
        let spawn = |school: &str| {
            Command::new(env!("CARGO_BIN_EXE_thidua-cli"))
                .args([
                    "merge",
                    "so.json",
                    &format!("{school}.json"),
                    "--accept-all",
                ])
                .current_dir(dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("runs")
        };
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let a = spawn("s02");
        // From at once to after the first has finished.
        std::thread::sleep(Duration::from_millis(seed % 250));
        let b = spawn("s03");
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let merged = workbook::load(&so).unwrap().workbook;
        for ((school, points), out) in schools.iter().zip(&outs) {
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                assert!(stdout.contains("Đã gộp"), "{stdout}");
                assert_eq!(
                    first_self(&merged, school),
                    *points,
                    "round {round}: {school} said it merged\n{stdout}\n{stderr}"
                );
            } else {
                refused += 1;
                assert!(
                    stderr.contains("Sổ đang được mở trên máy"),
                    "round {round}: {school}\n{stdout}\n{stderr}"
                );
                assert!(!stdout.contains("Đã gộp"), "{stdout}");
                assert_eq!(
                    first_self(&merged, school),
                    first_self(&m, school),
                    "round {round}: {school} refused but wrote"
                );
            }
        }
        assert!(
            outs.iter().any(|o| o.status.success()),
            "round {round}: one of the two merged"
        );
    }
    eprintln!("{refused} of {ROUNDS} second merges refused");
}
