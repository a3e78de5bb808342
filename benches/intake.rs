//! Importing a criteria table of 300 rows (10 sections of 3 criteria of 9
//! sub-criteria, the maxima half as numbers and half as text with a decimal
//! comma) from a Word document and from an Excel sheet: read, understood,
//! fitted to the sample workbook. Target: ≤ 100 ms each on 2 cores.

use criterion::{Criterion, criterion_group, criterion_main};
use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
use thidua::intake;
use thidua::workbook::{self, criteria_table};

const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// (code, name, max) rows: 10 + 30 + 270 = 310 rows.
fn rows() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (s, r) in ROMAN.iter().enumerate() {
        out.push((
            r.to_string(),
            format!("LĨNH VỰC CÔNG TÁC SỐ {}", s + 1),
            String::new(),
        ));
        for c in 1..=3 {
            out.push((
                c.to_string(),
                format!("Tiêu chí {c} của lĩnh vực {r}"),
                String::new(),
            ));
            for (k, l) in "abcdefghi".chars().enumerate() {
                let max = if k % 2 == 0 {
                    "0,5".to_string()
                } else {
                    "1".to_string()
                };
                out.push((
                    l.to_string(),
                    format!(
                        "Nội dung {l} thuộc tiêu chí {c} của lĩnh vực {r}, có minh chứng kèm theo"
                    ),
                    max,
                ));
            }
        }
    }
    out
}

fn docx() -> Vec<u8> {
    let cell =
        |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let mut table = vec![TableRow::new(vec![
        cell("TT"),
        cell("Nội dung tiêu chí"),
        cell("Điểm chuẩn"),
    ])];
    for (code, name, max) in rows() {
        table.push(TableRow::new(vec![cell(&code), cell(&name), cell(&max)]));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_table(Table::new(table))
        .build()
        .pack(&mut out)
        .unwrap();
    out.into_inner()
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["TT", "Nội dung tiêu chí", "Điểm tối đa"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (code, name, max)) in rows().iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, code).unwrap();
        ws.write_string(r, 1, name).unwrap();
        if max == "1" {
            ws.write_number(r, 2, 1.0).unwrap();
        } else if !max.is_empty() {
            ws.write_string(r, 2, max).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn bench(c: &mut Criterion) {
    let sample = workbook::load(std::path::Path::new("assets/samples/cum8-2019.json"))
        .unwrap()
        .workbook;
    for (name, bytes, ext) in [("docx", docx(), "docx"), ("xlsx", xlsx(), "xlsx")] {
        let run = || {
            let tables = intake::read_bytes(&bytes, ext).unwrap();
            let i = tables.pick(None).unwrap();
            let u = criteria_table::understand(&tables.tables[i]).unwrap();
            assert_eq!(u.count(), 310);
            assert!(u.not_understood.is_empty());
            criteria_table::fit(&sample, &u.criteria)
        };
        run();
        c.bench_function(
            &format!("import a 310-row criteria table from {name}"),
            |b| b.iter(run),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
