//! The mail-out as the tests use it: a school's copy of a master.

use thidua::exchange;
use thidua::workbook::{self, Id, Workbook};

/// The bytes of the copy the mail-out makes for `school` (with its key).
pub fn emailed(master: &Workbook, school: &str) -> Vec<u8> {
    let mut m = master.clone();
    let (copies, _) = exchange::mail_out(&mut m).unwrap();
    let copy = copies
        .into_iter()
        .find(|(id, _)| id == &Id::new(school))
        .expect("a member school")
        .1;
    workbook::to_bytes(&copy)
}

/// The bytes of a copy re-issued to `school` now (`mail-out --school`):
/// the master records what the copy was given.
#[allow(dead_code)]
pub fn reissued(master: &mut Workbook, school: &str) -> Vec<u8> {
    let (copies, _) = exchange::mail_out_for(master, Some(&Id::new(school))).unwrap();
    workbook::to_bytes(&copies.into_iter().next().expect("a member school").1)
}

/// The bundled sample as the leader's master after its first mail-out (it
/// has its secret), as saved and opened again.
pub fn mailed_out_sample() -> Workbook {
    let mut wb = super::sample::load_sample().workbook;
    exchange::mail_out(&mut wb).unwrap();
    exchange::stamp(&mut wb, &thidua::workbook::Owner::Cluster);
    workbook::load_bytes(&workbook::to_bytes(&wb))
        .unwrap()
        .workbook
}
