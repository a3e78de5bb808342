//! Load+validate and save of a large generated workbook (60 schools, 300
//! criteria, 5,000 activities). Targets: under 50 ms each on 2 cores.

use criterion::{Criterion, criterion_group, criterion_main};
use thidua::workbook::{self, synthetic};

fn bench(c: &mut Criterion) {
    let wb = synthetic::workbook(60, 300, 5000);
    let bytes = workbook::to_bytes(&wb);
    eprintln!("large workbook: {} KB", bytes.len() / 1024);
    c.bench_function("load+validate 60×300×5000", |b| {
        b.iter(|| workbook::load_bytes(std::hint::black_box(&bytes)).unwrap())
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lon.json");
    c.bench_function("save 60×300×5000 (atomic, with backup)", |b| {
        b.iter(|| workbook::save(&path, &wb, workbook::file::Overwrite::WorkbookOnly).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
