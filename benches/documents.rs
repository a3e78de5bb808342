//! Documents: the 60-school, 300-criteria score sheet as PDF (target
//! < 300 ms), the sample's minutes (target < 30 ms), and every document of
//! the sample as Word (target < 100 ms for all nine).

use criterion::{Criterion, criterion_group, criterion_main};
use thidua::document::docs;
use thidua::workbook::DocKind;

fn documents(c: &mut Criterion) {
    let big = thidua::workbook::synthetic::workbook(60, 300, 0);
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/cum8-2019.json");
    let sample = thidua::workbook::load(&path).expect("sample").workbook;
    let mut group = c.benchmark_group("documents");
    group.sample_size(10);
    group.bench_function("score_sheet_60x300", |b| {
        b.iter(|| docs::build(&big, DocKind::ScoreSheet).expect("builds"))
    });
    group.bench_function("minutes_sample", |b| {
        b.iter(|| docs::build(&sample, DocKind::Minutes).expect("builds"))
    });
    group.bench_function("all_docx_sample", |b| {
        b.iter(|| {
            for kind in docs::ALL {
                docs::build_docx(&sample, kind).expect("builds");
            }
        })
    });
    group.finish();
}

criterion_group!(benches, documents);
criterion_main!(benches);
