//! Merging the returns of a whole cluster: a 60-school, 30-criterion
//! workbook and one signed returned file from each of its 60 schools (their
//! mail-out copies, edited and saved), loading and verifying included.
//! Target: under 200 ms on 2 cores.

use criterion::{Criterion, criterion_group, criterion_main};
use thidua::exchange::{self, Decisions};
use thidua::workbook::{self, Owner, Points, synthetic};

fn bench(c: &mut Criterion) {
    let mut master = synthetic::workbook(60, 30, 120);
    exchange::stamp(&mut master, &Owner::Cluster);
    let (copies, _) = exchange::mail_out(&mut master).unwrap();
    let master = workbook::load_bytes(&workbook::to_bytes(&master))
        .unwrap()
        .workbook;
    let returns: Vec<Vec<u8>> = copies
        .into_iter()
        .map(|(id, copy)| {
            let me = Owner::School(id.clone());
            let mut copy = workbook::load_bytes(&workbook::to_bytes(&copy))
                .unwrap()
                .workbook;
            let key = copy.replica_key(&me);
            let a = copy.assessment_mut(&id);
            for (i, score) in a.self_scores.values_mut().enumerate() {
                if i % 3 == 0 {
                    score.points = Points(score.points.0.saturating_sub(10));
                    score.note = "Tự chấm lại theo minh chứng bổ sung".into();
                    score.rev.bump_as(&key);
                }
            }
            a.registration.targets = vec!["Hoàn thành xuất sắc nhiệm vụ".into()];
            a.registration.rev.bump_as(&key);
            exchange::stamp(&mut copy, &me);
            workbook::to_bytes(&copy)
        })
        .collect();
    eprintln!(
        "master {} KB, {} returns of {} KB each",
        workbook::to_bytes(&master).len() / 1024,
        returns.len(),
        returns[0].len() / 1024
    );
    c.bench_function("merge 60 returns into 60×30 (load, review, apply)", |b| {
        b.iter(|| {
            let mut m = master.clone();
            for (i, bytes) in returns.iter().enumerate() {
                let r = exchange::review_bytes(&m, bytes, &format!("Cum99-2024 ({i}).json"))
                    .expect("a member's file");
                assert_eq!(r.authenticity, exchange::Authenticity::Signed);
                exchange::apply_on(
                    &mut m,
                    &r,
                    &Decisions::new(),
                    jiff::civil::date(2024, 11, 1),
                );
            }
            assert_eq!(m.provenance.returns.len(), 60);
            m
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
