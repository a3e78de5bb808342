//! Importing the Excel forms of a whole cluster: the sample master and a
//! filled form from each of its 7 schools (every self-score typed again,
//! half as numbers and half as text with a decimal comma, a note, a bonus
//! claim), read, identified, reviewed and applied one after another.
//! Target: under 200 ms for the 7 on 2 cores. Also: making the 7 forms,
//! and the score sheet as a spreadsheet.

#[allow(dead_code)] // the tests use all of it
#[path = "../tests/support/xlsx.rs"]
mod xlsx;

use criterion::{Criterion, criterion_group, criterion_main};
use thidua::exchange::{self, Decisions};
use thidua::spreadsheet::{form, read, score_sheet};
use thidua::workbook::{self, Owner};
use xlsx::{Put, fill, text};

fn bench(c: &mut Criterion) {
    let mut master = workbook::load(std::path::Path::new("assets/samples/cum8-2019.json"))
        .unwrap()
        .workbook;
    exchange::mail_out(&mut master).unwrap();
    exchange::stamp(&mut master, &Owner::Cluster);
    let master = workbook::load_bytes(&workbook::to_bytes(&master))
        .unwrap()
        .workbook;
    let schools: Vec<_> = master.current_members().map(|s| s.id.clone()).collect();
    let filled: Vec<Vec<u8>> = schools
        .iter()
        .map(|id| {
            let blank = form::form(&master, id).unwrap();
            let f = read::read(&blank).unwrap();
            let mut edits: Vec<(&str, String, Put)> = Vec::new();
            for (i, row) in f.self_rows.iter().enumerate() {
                let value = if i % 2 == 0 {
                    Put::Number(1.5)
                } else {
                    text("1,25")
                };
                edits.push(("Tự chấm", row.points.name.clone(), value));
                edits.push((
                    "Tự chấm",
                    row.note.name.clone(),
                    text("Chấm lại theo minh chứng"),
                ));
            }
            let bonus = &f.bonus_rows.iter().find(|r| r.reason.is_empty()).unwrap();
            edits.push((
                "Điểm thưởng",
                bonus.reason.name.clone(),
                text("Đăng cai hội thi"),
            ));
            edits.push(("Điểm thưởng", bonus.points.name.clone(), Put::Number(0.5)));
            let edits: Vec<(&str, &str, Put)> = edits
                .iter()
                .map(|(s, c, p)| (*s, c.as_str(), p.clone()))
                .collect();
            fill(&blank, &edits)
        })
        .collect();
    eprintln!(
        "{} forms of {} KB each",
        filled.len(),
        filled[0].len().div_ceil(1024)
    );
    // What each import takes, checked once.
    let mut check = master.clone();
    for bytes in &filled {
        let r = exchange::review_bytes(&check, bytes, "phieu.xlsx").unwrap();
        assert_eq!(r.authenticity, exchange::Authenticity::Excel);
        // Every leaf of the sample, and the bonus claim.
        let leaves = master.leaf_criteria().len();
        assert_eq!(r.acceptable().count(), leaves + 1, "{:#?}", r.changes);
        exchange::apply(&mut check, &r, &Decisions::new());
    }
    c.bench_function("import 7 filled forms into the sample", |b| {
        b.iter(|| {
            let mut m = master.clone();
            for bytes in &filled {
                let r = exchange::review_bytes(&m, bytes, "phieu.xlsx").unwrap();
                exchange::apply(&mut m, &r, &Decisions::new());
            }
            m
        })
    });
    c.bench_function("make the 7 forms of the sample", |b| {
        b.iter(|| {
            schools
                .iter()
                .map(|id| form::form(&master, id).unwrap().len())
                .sum::<usize>()
        })
    });
    c.bench_function("score sheet of the sample as xlsx", |b| {
        b.iter(|| score_sheet::score_sheet(&master).unwrap().len())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
