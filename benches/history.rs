//! `thidua history` over ten years of a 60-school cluster (target < 500 ms
//! for the whole folder: reading, checking and ranking every year).

use criterion::{Criterion, criterion_group, criterion_main};

fn history(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for year in 2015..2025 {
        let wb = thidua::workbook::synthetic::workbook_of_year(60, 60, 40, year);
        std::fs::write(
            dir.path().join(format!("cum99-{year}.json")),
            thidua::workbook::to_bytes(&wb),
        )
        .unwrap();
    }
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    group.bench_function("ten_years_60_schools", |b| {
        b.iter(|| {
            let h = thidua::history::from_folder(dir.path()).unwrap();
            assert_eq!(h.files.len(), 10);
            h
        })
    });
    group.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
