//! The whole rules evaluation for 60 schools × 300 criteria. Target: < 5 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use thidua::{rules, workbook::synthetic};

fn bench(c: &mut Criterion) {
    let wb = synthetic::workbook(60, 300, 0);
    c.bench_function("rules::evaluate 60×300", |b| {
        b.iter(|| rules::evaluate(std::hint::black_box(&wb)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
