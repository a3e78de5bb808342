//! The PDF layout module, checked on the PDF it writes: text read back with
//! a Rust PDF reader (as copy/paste would give it), positions from the
//! content streams, page count, size and metadata.

#[path = "support/pdf_text.rs"]
mod pdf_text;

use std::time::Instant;

use thidua::document::admin::{self, HeaderSpec, HeaderStyle, Signer};
use thidua::document::{
    Block, Cell, ColumnWidth, Document, FontStyle, LayoutError, PageSetup, Paragraph, Row, Table,
    missing_glyphs, render, render_detailed,
};

const PT_PER_MM: f32 = 72.0 / 25.4;
const LOREM: &str = "Thực hiện Kế hoạch số 12/KH-CTĐ8 ngày 15 tháng 3 năm 2019 của Cụm thi đua, \
các trường chính trị đã tổ chức phong trào thi đua yêu nước gắn với việc học tập và làm theo \
tư tưởng, đạo đức, phong cách Hồ Chí Minh; đổi mới nội dung, phương pháp giảng dạy, nâng cao \
chất lượng đào tạo, bồi dưỡng cán bộ, đảng viên ở cơ sở.";

fn state_header() -> Vec<Block> {
    admin::header(&HeaderSpec {
        parent_body: "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH".into(),
        issuer: "CỤM THI ĐUA SỐ 8".into(),
        style: HeaderStyle::State,
        number: "Số: 05/BB-CTĐ8".into(),
        place_date: admin::place_date_line("Bà Rịa – Vũng Tàu", 5, 2, 2020),
    })
}

fn score_table(rows: usize) -> Table {
    let mut table = Table::new(vec![
        ColumnWidth::Mm(12.0),
        ColumnWidth::Relative(3.0),
        ColumnWidth::Relative(1.0),
        ColumnWidth::Relative(1.0),
    ])
    .header(Row::new(vec![
        Cell::text("STT", 12.0).bold().centered().middle(),
        Cell::text("Trường", 12.0).bold().centered().middle(),
        Cell::text("Tự chấm", 12.0).bold().centered().middle(),
        Cell::text("Cụm chấm", 12.0).bold().centered().middle(),
    ]));
    for i in 1..=rows {
        table = table.row(Row::new(vec![
            Cell::text(i.to_string(), 12.0).centered(),
            Cell::text(format!("Trường Chính trị tỉnh số {i}"), 12.0),
            Cell::text(format!("{}", 90 + i % 10), 12.0).centered(),
            Cell::text(format!("{},5", 88 + i % 10), 12.0).centered(),
        ]));
    }
    table
}

/// A realistic one-to-two-page document: header, title, justified body,
/// a table, recipients and signature kept with the last paragraph.
fn sample_document() -> Document {
    let mut doc = Document::new(
        "Biên bản họp bình xét thi đua năm 2019",
        PageSetup::default(),
    );
    doc.extend(state_header());
    doc.extend(admin::title(
        HeaderStyle::State,
        "Biên bản",
        "Họp bình xét thi đua năm 2019",
    ));
    for _ in 0..3 {
        doc.push(admin::body(LOREM));
    }
    doc.push(score_table(8));
    doc.push(Block::KeepTogether(vec![
        admin::body(
            "Biên bản kết thúc lúc 11 giờ 30 cùng ngày, đã thông qua cho các đại biểu cùng nghe.",
        )
        .into(),
        admin::recipients_and_signature(
            HeaderStyle::State,
            &[
                "- Học viện CTQG HCM (để b/c);",
                "- Các trường trong Cụm;",
                "- Lưu: VT, CTĐ8.",
            ],
            &Signer::new(&["TM. CỤM THI ĐUA SỐ 8", "CỤM TRƯỞNG"], "Nguyễn Văn An"),
        ),
    ]));
    doc
}

fn all_lines(pdf: &[u8]) -> Vec<String> {
    pdf_text::pages(pdf)
        .iter()
        .flat_map(|p| p.lines())
        .collect()
}

#[test]
fn header_and_title_read_back_as_correct_vietnamese() {
    let pdf = render(&sample_document()).expect("renders");
    let lines = all_lines(&pdf);
    let has_line = |wanted: &str| lines.iter().any(|l| l.contains(wanted));
    for wanted in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CỤM THI ĐUA SỐ 8",
        "Số: 05/BB-CTĐ8",
        "Bà Rịa – Vũng Tàu, ngày 05 tháng 02 năm 2020",
        "BIÊN BẢN",
        "Họp bình xét thi đua năm 2019",
        "Nơi nhận:",
        "- Lưu: VT, CTĐ8.",
        "TM. CỤM THI ĐUA SỐ 8",
        "CỤM TRƯỞNG",
        "Nguyễn Văn An",
        "Trường Chính trị tỉnh số 8",
    ] {
        assert!(has_line(wanted), "missing {wanted:?} in {lines:#?}");
    }
    // The parent body is broken into two balanced lines, both present.
    let text = lines.join(" ");
    assert!(text.contains("HỌC VIỆN CHÍNH TRỊ"), "{text}");
    assert!(text.contains("HỒ CHÍ MINH"), "{text}");
}

#[test]
fn header_columns_sit_side_by_side_and_place_date_is_italic_on_the_right() {
    let pdf = render(&sample_document()).expect("renders");
    let page = &pdf_text::pages(&pdf)[0];
    let run = |t: &str| {
        page.runs
            .iter()
            .find(|r| r.text.contains(t))
            .unwrap_or_else(|| panic!("no run {t:?}"))
            .clone()
    };
    let nation = run("CỘNG HÒA");
    let issuer = run("CỤM THI ĐUA SỐ 8");
    let date = run("ngày 05 tháng 02");
    let number = run("Số: 05");
    assert!(
        issuer.end_x < nation.x,
        "left column ends before the right one"
    );
    assert!(nation.font.ends_with("Tinos-Bold") && issuer.font.ends_with("Tinos-Bold"));
    assert!(date.font.ends_with("Tinos-Italic"), "{}", date.font);
    assert!(
        (date.y - number.y).abs() < 0.5,
        "number and date share a line"
    );
    assert!(number.end_x < date.x);
}

#[test]
fn party_header_has_the_party_name() {
    let blocks = admin::header(&HeaderSpec {
        parent_body: "ĐẢNG ỦY KHỐI".into(),
        issuer: "Cụm thi đua số 8".into(),
        style: HeaderStyle::Party,
        number: "Số 05-BB/CTĐ8".into(),
        place_date: admin::place_date_line("Huế", 22, 11, 2019),
    });
    let mut doc = Document::new("Đảng", PageSetup::default());
    doc.extend(blocks);
    let text = pdf_text::text(&render(&doc).expect("renders"));
    assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{text}");
    assert!(
        text.contains("CỤM THI ĐUA SỐ 8"),
        "issuer is upper-cased: {text}"
    );
    assert!(text.contains("Huế, ngày 22 tháng 11 năm 2019"), "{text}");
    assert!(!text.contains("CỘNG HÒA"), "{text}");
}

#[test]
fn decomposed_input_comes_out_precomposed() {
    let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{300}a, Tru\u{31b}o\u{31b}\u{300}ng Chi\u{301}nh tri\u{323}";
    let mut doc = Document::new("NFD", PageSetup::default());
    doc.push(Paragraph::text(nfd, FontStyle::Regular, 14.0));
    let text = pdf_text::text(&render(&doc).expect("renders"));
    assert!(
        text.contains("Nguyễn Thị Hòa, Trường Chính trị"),
        "{text:?}"
    );
    assert!(
        !text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)),
        "{text:?}"
    );
}

#[test]
fn long_table_repeats_its_header_on_every_page_and_keeps_every_row_once() {
    let mut doc = Document::new("Bảng tổng hợp điểm", PageSetup::default());
    doc.push(Paragraph::text("BẢNG TỔNG HỢP ĐIỂM", FontStyle::Bold, 14.0).centered());
    doc.push(score_table(120));
    let rendered = render_detailed(&doc).expect("renders");
    let pages = pdf_text::pages(&rendered.pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert_eq!(pages.len(), rendered.page_count());
    let mut seen = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let lines = page.lines();
        let header = lines
            .iter()
            .position(|l| l.contains("STT Trường Tự chấm Cụm chấm"))
            .unwrap_or_else(|| panic!("page {} has no header: {lines:#?}", i + 1));
        // The header is the first thing on continuation pages (after the number).
        if i > 0 {
            assert!(header <= 1, "page {}: header at line {header}", i + 1);
        }
        for line in &lines {
            if let Some(rest) = line.split("Trường Chính trị tỉnh số ").nth(1) {
                seen.push(
                    rest.split(' ')
                        .next()
                        .unwrap_or("")
                        .parse::<usize>()
                        .expect("row number"),
                );
            }
        }
    }
    assert_eq!(seen, (1..=120).collect::<Vec<_>>());
}

#[test]
fn a_row_taller_than_a_page_is_split_with_the_header_repeated() {
    let long_cell: Vec<Paragraph> = (0..80)
        .map(|i| {
            Paragraph::text(
                format!("Dòng {i} của một ô rất dài"),
                FontStyle::Regular,
                13.0,
            )
        })
        .collect();
    let table = Table::new(vec![ColumnWidth::Relative(1.0), ColumnWidth::Relative(2.0)])
        .header(Row::new(vec![
            Cell::text("Cột A", 12.0).bold(),
            Cell::text("Cột B", 12.0).bold(),
        ]))
        .row(Row::new(vec![
            Cell::text("ngắn", 12.0),
            Cell::new(long_cell),
        ]));
    let mut doc = Document::new("Ô dài", PageSetup::default());
    doc.push(table);
    let pdf = render(&doc).expect("a too-tall row still renders");
    let pages = pdf_text::pages(&pdf);
    assert!(pages.len() >= 2);
    for page in &pages {
        assert!(page.text().contains("Cột A Cột B"), "{}", page.text());
    }
    let text = pdf_text::text(&pdf);
    assert!(text.contains("Dòng 0 ") && text.contains("Dòng 79 "));
}

/// Checks every text run of every page against the margins, in PDF space.
fn assert_inside_margins(pdf: &[u8], setup: &PageSetup) {
    let m = setup.margins;
    for (i, page) in pdf_text::pages(pdf).iter().enumerate() {
        let left = m.left_mm * PT_PER_MM;
        let right = page.width - m.right_mm * PT_PER_MM;
        let top = page.height - m.top_mm * PT_PER_MM;
        let bottom = m.bottom_mm * PT_PER_MM;
        for run in &page.runs {
            assert!(
                run.x >= left - 0.01 && run.end_x <= right + 0.01,
                "page {}: {run:?}",
                i + 1
            );
            if run.y > top {
                // Only the page number lives in the top margin, centred.
                assert_eq!(run.text, (i + 1).to_string(), "page {}: {run:?}", i + 1);
                let centre = (run.x + run.end_x) / 2.0;
                assert!((centre - (left + right) / 2.0).abs() < 0.5, "{run:?}");
            } else {
                // The baseline plus the font's ascent stays under the top margin.
                assert!(
                    run.y + 0.9 * run.size <= top + 0.01,
                    "page {}: {run:?}",
                    i + 1
                );
                // Descenders stay above the bottom margin.
                assert!(
                    run.y - 0.22 * run.size >= bottom - 0.01,
                    "page {}: {run:?}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn all_text_lies_inside_the_margins() {
    let portrait = sample_document();
    assert_inside_margins(&render(&portrait).expect("renders"), &portrait.setup);

    let mut landscape = Document::new("Ngang", PageSetup::landscape());
    landscape.extend(state_header());
    landscape.push(score_table(60));
    landscape.push(Paragraph::text("x".repeat(500), FontStyle::Bold, 14.0));
    let rendered = render_detailed(&landscape).expect("renders");
    assert!(rendered.page_count() >= 2);
    assert_inside_margins(&rendered.pdf, &landscape.setup);
    // The geometry agrees: every line box sits in the text area.
    let m = landscape.setup.margins;
    for page in &rendered.pages {
        for t in page.texts.iter().filter(|t| !t.is_page_number) {
            assert!(
                t.top_mm >= m.top_mm - 1e-3 && t.bottom_mm <= page.height_mm - m.bottom_mm + 1e-3,
                "{t:?}"
            );
        }
        for l in &page.lines {
            for (x, y) in [(l.x1_mm, l.y1_mm), (l.x2_mm, l.y2_mm)] {
                assert!(
                    x >= m.left_mm - 1e-3 && x <= page.width_mm - m.right_mm + 1e-3,
                    "{l:?}"
                );
                assert!(
                    y >= m.top_mm - 1e-3 && y <= page.height_mm - m.bottom_mm + 1e-3,
                    "{l:?}"
                );
            }
        }
    }
}

#[test]
fn justified_lines_end_at_the_right_margin_except_the_last() {
    let mut doc = Document::new("Căn đều", PageSetup::default());
    doc.push(admin::body(&LOREM.repeat(3)));
    let pdf = render(&doc).expect("renders");
    let page = &pdf_text::pages(&pdf)[0];
    let right = page.width - doc.setup.margins.right_mm * PT_PER_MM;
    let mut line_ends: Vec<(f32, f32)> = Vec::new();
    for run in &page.runs {
        match line_ends.iter_mut().find(|(y, _)| (*y - run.y).abs() < 0.5) {
            Some((_, end)) => *end = end.max(run.end_x),
            None => line_ends.push((run.y, run.end_x)),
        }
    }
    assert!(line_ends.len() >= 5);
    let (last, full) = line_ends.split_last().expect("lines");
    for (_, end) in full {
        assert!(
            (end - right).abs() < 0.5,
            "a justified line ends at {end}, margin at {right}"
        );
    }
    assert!(last.1 < right - 5.0, "the last line is not stretched");
}

/// One line and a spacer filling page 1 down to `free_mm` above the bottom
/// margin (default margins: 257 mm of text height).
fn fill_page(doc: &mut Document, free_mm: f32) {
    doc.push(Paragraph::text("Đầu trang", FontStyle::Regular, 13.0));
    let first_line = thidua::document::layout(doc).expect("lays out")[0].texts[0].bottom_mm - 20.0;
    doc.push(Block::Spacer(257.0 - first_line - free_mm));
}

#[test]
fn keep_together_moves_to_the_next_page_whole() {
    let closing = || {
        vec![
            Block::Paragraph(admin::body("Đoạn cuối cùng trước chữ ký.")),
            admin::signature_right(
                HeaderStyle::State,
                &Signer::new(&["CHỦ TRÌ"], "Trần Thị Bình"),
            ),
        ]
    };
    // Room for the last paragraph but not for the signature under it; the
    // signature here is bare columns, not kept with the text above.
    let mut loose = Document::new("Rời", PageSetup::default());
    fill_page(&mut loose, 20.0);
    loose.extend(closing().into_iter().map(|b| match b {
        Block::WithPrevious(inner) => *inner,
        other => other,
    }));
    let pages = pdf_text::pages(&render(&loose).expect("renders"));
    assert_eq!(pages.len(), 2);
    assert!(
        pages[0].text().contains("Đoạn cuối cùng"),
        "without keep-together it stays"
    );
    assert!(pages[1].text().contains("Trần Thị Bình"));

    let mut kept = Document::new("Giữ", PageSetup::default());
    fill_page(&mut kept, 20.0);
    kept.push(Block::KeepTogether(closing()));
    let pages = pdf_text::pages(&render(&kept).expect("renders"));
    assert_eq!(pages.len(), 2);
    assert!(
        !pages[0].text().contains("Đoạn cuối cùng"),
        "{}",
        pages[0].text()
    );
    let second = pages[1].text();
    assert!(
        second.contains("Đoạn cuối cùng")
            && second.contains("CHỦ TRÌ")
            && second.contains("Trần Thị Bình")
    );
}

#[test]
fn page_numbers_start_on_page_two() {
    let mut doc = Document::new("Số trang", PageSetup::default());
    for i in 0..4 {
        if i > 0 {
            doc.push(Block::PageBreak);
        }
        doc.push(admin::body(LOREM));
    }
    let pdf = render(&doc).expect("renders");
    let pages = pdf_text::pages(&pdf);
    assert_eq!(pages.len(), 4);
    for (i, page) in pages.iter().enumerate() {
        let top_margin = page.height - doc.setup.margins.top_mm * PT_PER_MM;
        let numbers: Vec<&str> = page
            .runs
            .iter()
            .filter(|r| r.y > top_margin)
            .map(|r| r.text.as_str())
            .collect();
        if i == 0 {
            assert!(numbers.is_empty(), "{numbers:?}");
        } else {
            assert_eq!(numbers, vec![(i + 1).to_string()]);
        }
    }
    let mut off = doc.clone();
    off.setup.page_numbers = false;
    assert!(
        !pdf_text::text(&render(&off).expect("renders"))
            .lines()
            .any(|l| l.trim() == "2")
    );
}

#[test]
fn missing_glyphs_are_reported_not_dropped() {
    assert_eq!(
        missing_glyphs("Chúc mừng 😀 năm mới 中 😀"),
        vec!['😀', '中']
    );
    assert!(missing_glyphs("ĂÂÊÔƠƯĐ ăâêôơưđ ỳýỷỹỵ ằắẳẵặ “Độc lập” – …").is_empty());
    let mut doc = Document::new("Lỗi", PageSetup::default());
    doc.push(Paragraph::text("Điểm 😀", FontStyle::Regular, 13.0));
    let err = render(&doc).expect_err("emoji cannot be drawn");
    assert_eq!(err, LayoutError::MissingGlyphs(vec!['😀']));
    assert!(err.to_string().contains("U+1F600"), "{err}");
}

#[test]
fn one_page_is_small_with_subset_fonts_and_real_metadata() {
    let mut doc = Document::new("Tờ trình đề nghị khen thưởng", PageSetup::default());
    doc.extend(state_header());
    doc.extend(admin::title(
        HeaderStyle::State,
        "Tờ trình",
        "Đề nghị khen thưởng năm 2019",
    ));
    doc.push(admin::body(LOREM));
    doc.push(admin::recipients_and_signature(
        HeaderStyle::State,
        &["- Như trên;", "- Lưu: VT."],
        &Signer::new(&["CỤM TRƯỞNG"], "Lê Văn Cường"),
    ));
    let rendered = render_detailed(&doc).expect("renders");
    assert_eq!(rendered.page_count(), 1);
    assert!(rendered.pdf.len() < 100_000, "{} bytes", rendered.pdf.len());
    let pages = pdf_text::pages(&rendered.pdf);
    assert!(
        pages[0].runs.iter().all(|r| r.font.contains('+')),
        "fonts are subset-tagged"
    );
    let info = pdf_text::info(&rendered.pdf);
    assert_eq!(info.title, "Tờ trình đề nghị khen thưởng");
    let year: i32 = info
        .creation_date
        .get(2..6)
        .and_then(|y| y.parse().ok())
        .unwrap_or(0);
    assert!(year >= 2024, "creation date {:?}", info.creation_date);
}

#[test]
fn signature_grid_shows_every_signer() {
    let signers: Vec<Signer> = (1..=7)
        .map(|i| {
            Signer::new(
                &["HIỆU TRƯỞNG", &format!("TRƯỜNG CHÍNH TRỊ SỐ {i}")],
                &format!("Người Ký {i}"),
            )
        })
        .collect();
    let mut doc = Document::new("Giao ước", PageSetup::default());
    doc.extend(admin::signature_grid(HeaderStyle::State, &signers, 2));
    let text = pdf_text::text(&render(&doc).expect("renders"));
    for i in 1..=7 {
        assert!(text.contains(&format!("Người Ký {i}")), "{text}");
    }
}

#[test]
fn odd_inputs_give_a_document_or_an_error_never_a_panic() {
    let render_blocks = |blocks: Vec<Block>| {
        let mut doc = Document::new("", PageSetup::default());
        doc.extend(blocks);
        render_detailed(&doc)
    };
    assert_eq!(render_blocks(vec![]).expect("empty").page_count(), 1);
    assert!(render_blocks(vec![Table::new(vec![]).into()]).is_ok());
    assert!(render_blocks(vec![score_table(0).into()]).is_ok());
    let narrow =
        Table::new(vec![ColumnWidth::Mm(5.0), ColumnWidth::Relative(0.0)]).row(Row::new(vec![
            Cell::text("Chủnghĩaxãhộikhoahọc".repeat(5), 13.0),
            Cell::empty(),
        ]));
    assert!(render_blocks(vec![narrow.into()]).is_ok());
    let too_many = Table::new(vec![ColumnWidth::Relative(1.0)])
        .row(Row::new(vec![Cell::text("a", 12.0), Cell::text("b", 12.0)]));
    assert!(matches!(
        render_blocks(vec![too_many.into()]),
        Err(LayoutError::TooManyCells { .. })
    ));
    assert!(render_blocks(vec![Block::PageBreak, Block::PageBreak, Block::Spacer(1e9)]).is_ok());
    assert!(render_blocks(vec![Block::Columns(vec![]), Block::KeepTogether(vec![])]).is_ok());
    let mut bad = PageSetup::default();
    bad.margins.left_mm = 500.0;
    let doc = Document::new("", bad);
    assert_eq!(
        render(&doc).expect_err("no room"),
        LayoutError::PageTooSmall
    );
}

/// Timing figures: `cargo test --release --test layout timings -- --ignored --nocapture`.
#[test]
#[ignore]
fn timings() {
    let mut one_page = Document::new("Một trang", PageSetup::default());
    one_page.extend(state_header());
    one_page.extend(admin::title(
        HeaderStyle::State,
        "Tờ trình",
        "Đề nghị khen thưởng năm 2019",
    ));
    one_page.extend((0..4).map(|_| Block::Paragraph(admin::body(LOREM))));
    one_page.push(admin::recipients_and_signature(
        HeaderStyle::State,
        &["- Như trên;", "- Lưu: VT."],
        &Signer::new(&["CỤM TRƯỞNG"], "Lê Văn Cường"),
    ));
    let mut table = Document::new("Bảng", PageSetup::default());
    table.push(score_table(340));
    for (name, doc) in [("one page", &one_page), ("table", &table)] {
        let _warm_up = render(doc);
        let runs = 10;
        let start = Instant::now();
        let mut rendered = None;
        for _ in 0..runs {
            rendered = Some(render_detailed(doc).expect("renders"));
        }
        let rendered = rendered.expect("rendered");
        println!(
            "{name}: {} page(s), {} bytes, {:?} per render",
            rendered.page_count(),
            rendered.pdf.len(),
            start.elapsed() / runs
        );
    }
}

/// Writes a sample with every kind of block, to look at:
/// `cargo test --test layout write_sample -- --ignored` then open
/// `thidua-layout-sample.pdf` in the temp directory.
#[test]
#[ignore]
fn write_sample() {
    let mut doc = sample_document();
    doc.push(Block::PageBreak);
    doc.extend(admin::title(HeaderStyle::State, "Bảng tổng hợp điểm", ""));
    doc.push(score_table(70));
    doc.extend(admin::signature_grid(
        HeaderStyle::State,
        &(1..=5)
            .map(|i| {
                Signer::new(
                    &["HIỆU TRƯỞNG", &format!("TRƯỜNG CHÍNH TRỊ TỈNH SỐ {i}")],
                    &format!("Người Ký {i}"),
                )
            })
            .collect::<Vec<_>>(),
        2,
    ));
    let path = std::env::temp_dir().join("thidua-layout-sample.pdf");
    std::fs::write(&path, render(&doc).expect("renders")).expect("writes");
    println!("{}", path.display());

    let mut party = Document::new("Bảng điểm (ngang)", PageSetup::landscape());
    party.extend(admin::header(&HeaderSpec {
        parent_body: "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH".into(),
        issuer: "Chi bộ Trường Chính trị tỉnh".into(),
        style: HeaderStyle::Party,
        number: "Số 05-BB/CTĐ8".into(),
        place_date: admin::place_date_line("Huế", 22, 11, 2019),
    }));
    party.extend(admin::title(
        HeaderStyle::State,
        "Bảng tổng hợp điểm",
        "Năm 2019",
    ));
    party.push(score_table(30).row(Row::new(vec![
        Cell::text("99", 12.0),
        Cell::text("Tênrấtdàikhôngcókhoảngtrắng".repeat(6), 12.0),
    ])));
    party.push(admin::signatures_two(
        HeaderStyle::State,
        &Signer::new(&["THƯ KÝ"], "Phạm Thị Dung"),
        &Signer::new(&["CHỦ TRÌ"], "Hoàng Văn Em"),
    ));
    let path = std::env::temp_dir().join("thidua-layout-landscape.pdf");
    std::fs::write(&path, render(&party).expect("renders")).expect("writes");
    println!("{}", path.display());
}

mod any_input {
    //! Random documents: layout never panics, and whatever it places stays
    //! inside the text area.
    use proptest::prelude::*;
    use thidua::document::{
        Align, Block, Cell, ColumnWidth, Document, FontStyle, PageSetup, Paragraph, Row, Span,
        Table, layout,
    };

    fn text() -> impl Strategy<Value = String> {
        // Vietnamese letters (some decomposed), spaces, line breaks, tabs.
        proptest::string::string_regex("[a-zA-ZđĐăâêôơưếềểễệ\u{0301}\u{0323} \n\t,.0-9]{0,120}")
            .expect("regex")
    }

    fn style() -> impl Strategy<Value = FontStyle> {
        prop::sample::select(FontStyle::ALL.to_vec())
    }

    fn paragraph(max_size: f32) -> impl Strategy<Value = Paragraph> {
        (
            prop::collection::vec((text(), style(), 6.0f32..max_size), 0..4),
            prop::sample::select(vec![
                Align::Left,
                Align::Center,
                Align::Right,
                Align::Justify,
            ]),
            0.0f32..30.0,
            0.0f32..8.0,
            0.8f32..2.0,
            any::<bool>(),
        )
            .prop_map(|(spans, align, indent, space, spacing, keep)| Paragraph {
                spans: spans
                    .into_iter()
                    .map(|(t, s, z)| Span::new(t, s, z))
                    .collect(),
                align,
                first_line_indent_mm: indent,
                space_before_mm: space,
                space_after_mm: space,
                line_spacing: spacing,
                keep_with_next: keep,
                role: Default::default(),
            })
    }

    fn table() -> impl Strategy<Value = Table> {
        (
            1usize..5,
            prop::collection::vec(prop::collection::vec(paragraph(16.0), 0..3), 0..30),
        )
            .prop_map(|(columns, cells)| {
                let mut table = Table::new(vec![ColumnWidth::Relative(1.0); columns]);
                table
                    .header_rows
                    .push(Row::new(vec![Cell::text("Tiêu đề", 12.0).bold()]));
                for row in cells.chunks(columns) {
                    table
                        .body_rows
                        .push(Row::new(row.iter().cloned().map(Cell::new).collect()));
                }
                table
            })
    }

    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            4 => paragraph(40.0).prop_map(Block::Paragraph),
            2 => table().prop_map(Block::Table),
            1 => (0.0f32..300.0).prop_map(Block::Spacer),
            1 => Just(Block::PageBreak),
            1 => prop::collection::vec(paragraph(20.0).prop_map(Block::Paragraph), 0..12)
                .prop_map(Block::KeepTogether),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn layout_stays_inside_the_text_area(blocks in prop::collection::vec(block(), 0..8), landscape: bool) {
            let setup = if landscape { PageSetup::landscape() } else { PageSetup::default() };
            let mut doc = Document::new("", setup);
            doc.extend(blocks);
            let pages = layout(&doc).expect("lays out");
            // What lays out as a PDF also writes as a Word file, a zip.
            let docx = thidua::document::render_docx(&doc).expect("a Word copy");
            prop_assert!(docx.starts_with(b"PK"));
            let m = setup.margins;
            for page in &pages {
                for t in page.texts.iter().filter(|t| !t.is_page_number) {
                    prop_assert!(t.x_mm >= m.left_mm - 1e-3, "{t:?}");
                    prop_assert!(t.x_mm + t.width_mm <= page.width_mm - m.right_mm + 1e-3, "{t:?}");
                    prop_assert!(t.top_mm >= m.top_mm - 1e-3, "{t:?}");
                    prop_assert!(t.bottom_mm <= page.height_mm - m.bottom_mm + 1e-3, "{t:?}");
                }
            }
        }
    }
}

/// Issue 15: a signature block never stands alone on a page: the last lines
/// of the text above go to the next page with it.
#[test]
fn a_signature_takes_the_last_lines_above_it_along() {
    let mut doc = Document::new("Chữ ký", PageSetup::default());
    fill_page(&mut doc, 20.0);
    doc.push(admin::body("Đoạn cuối cùng trước chữ ký."));
    doc.push(admin::signature_right(
        HeaderStyle::State,
        &Signer::new(&["CHỦ TRÌ"], "Trần Thị Bình"),
    ));
    let pages = pdf_text::pages(&render(&doc).expect("renders"));
    assert_eq!(pages.len(), 2);
    assert!(!pages[0].text().contains("Đoạn cuối cùng"));
    let second = pages[1].text();
    assert!(second.contains("Đoạn cuối cùng") && second.contains("Trần Thị Bình"));
}

/// Issue 15: a heading is never left at the foot of a page: it goes with
/// the first lines of what follows; two headings in a row go together.
#[test]
fn a_heading_stays_with_what_follows() {
    let mut doc = Document::new("Đề mục", PageSetup::default());
    fill_page(&mut doc, 14.0);
    doc.push(Paragraph::text("II. NỘI DUNG", FontStyle::Bold, 13.0).keep_with_next());
    doc.push(Paragraph::text("4. Bầu Cụm trưởng", FontStyle::Bold, 13.0).keep_with_next());
    doc.push(admin::body(&"Nội dung dài của mục này. ".repeat(12)));
    let pages = pdf_text::pages(&render(&doc).expect("renders"));
    assert_eq!(pages.len(), 2);
    assert!(!pages[0].text().contains("NỘI DUNG"), "{}", pages[0].text());
    assert!(!pages[0].text().contains("Bầu Cụm trưởng"));
    let second = pages[1].text();
    assert!(second.contains("NỘI DUNG") && second.contains("Bầu Cụm trưởng"));
    assert!(second.contains("Nội dung dài"));
}

/// Issue 15: a section row of a table is never left at a page foot away
/// from its first criterion; the header repeats above them on the new page.
#[test]
fn a_section_row_stays_with_the_next_row() {
    let mut doc = Document::new("Bảng", PageSetup::default());
    fill_page(&mut doc, 30.0);
    let mut t = Table::new(vec![ColumnWidth::Mm(15.0), ColumnWidth::Relative(1.0)]);
    t.header_rows.push(Row::new(vec![
        Cell::text("Mã", 12.0),
        Cell::text("Tiêu chí", 12.0),
    ]));
    t.body_rows.push(Row::new(vec![
        Cell::text("IV", 12.0),
        Cell::text("Mục trước", 12.0),
    ]));
    t.body_rows
        .push(Row::new(vec![Cell::text("V", 12.0), Cell::text("Mục năm", 12.0)]).keep_with_next());
    t.body_rows.push(Row::new(vec![
        Cell::text("1", 12.0),
        Cell::text("Tiêu chí con rất dài. ".repeat(6), 12.0),
    ]));
    doc.push(t);
    let pages = pdf_text::pages(&render(&doc).expect("renders"));
    assert_eq!(
        pages.len(),
        2,
        "{:?}",
        pages.iter().map(|p| p.text()).collect::<Vec<_>>()
    );
    assert!(!pages[0].text().contains("Mục năm"), "{}", pages[0].text());
    let second = pages[1].text();
    assert!(second.contains("Mục năm") && second.contains("Tiêu chí con"));
    assert!(
        second.contains("Tiêu chí") && second.contains("Mã"),
        "header repeated"
    );
}

/// Issue 15: the names of one row of signatures sit on one baseline, even
/// when one title takes two lines.
#[test]
fn signers_of_one_row_share_a_baseline() {
    let mut doc = Document::new("Ký", PageSetup::default());
    doc.push(admin::signatures_two(
        HeaderStyle::State,
        &Signer::new(&["TRƯỞNG BAN KIỂM PHIẾU HỘI NGHỊ TỔNG KẾT"], "Lê Văn Hùng"),
        &Signer::new(&["THÀNH VIÊN"], "Phạm Thị Hằng"),
    ));
    let pages = thidua::document::layout(&doc).expect("lays out");
    let baseline = |name: &str| {
        pages[0]
            .texts
            .iter()
            .find(|t| t.text.contains(name))
            .unwrap_or_else(|| panic!("{name}"))
            .baseline_mm
    };
    assert!((baseline("Hùng") - baseline("Hằng")).abs() < 0.01);
}

/// Issue 15: as much air after a table as before it (a body paragraph's
/// own gap plus the table's), so the next text does not stick to it.
#[test]
fn the_gap_after_a_table_matches_the_gap_before_it() {
    let mut doc = Document::new("Khoảng cách", PageSetup::default());
    doc.push(admin::body("Đoạn trước bảng."));
    doc.push(score_table(2));
    doc.push(admin::body("Đoạn sau bảng."));
    let pages = pdf_text::pages(&render(&doc).expect("renders"));
    let runs = &pages[0].runs;
    let find = |t: &str| {
        runs.iter()
            .find(|r| r.text.contains(t))
            .unwrap_or_else(|| panic!("{t}"))
            .clone()
    };
    let (before, header, last, after) = (
        find("trước"),
        find("STT"),
        find("Trường Chính trị tỉnh số 2"),
        find("sau"),
    );
    // Baseline to baseline, minus the lines' and rows' own heights
    // (14 pt body line ≈ 6.4 mm, one table row ≈ 6.2 mm at 12 pt + padding).
    let pt = |mm: f32| mm * 72.0 / 25.4;
    let gap_before = before.y - header.y;
    let gap_after = last.y - after.y;
    assert!(
        (gap_before - gap_after).abs() < pt(1.0),
        "before {:.1} mm, after {:.1} mm",
        gap_before * 25.4 / 72.0,
        gap_after * 25.4 / 72.0
    );
}

/// Issue 15: a header cell that covers two header rows has one frame over
/// both and its text in the middle; the row below draws nothing there.
#[test]
fn a_header_cell_can_cover_two_rows() {
    let mut doc = Document::new("Gộp ô", PageSetup::default());
    let mut t = Table::new(vec![
        ColumnWidth::Mm(15.0),
        ColumnWidth::Relative(1.0),
        ColumnWidth::Relative(1.0),
    ])
    .header(Row::new(vec![
        Cell::text("Mã", 12.0).span_rows(2),
        Cell::text("Trường A", 12.0).span_columns(2),
    ]))
    .header(Row::new(vec![
        Cell::empty(),
        Cell::text("Tự chấm", 12.0),
        Cell::text("Cụm chấm", 12.0),
    ]));
    t = t.row(Row::new(vec![
        Cell::text("I.1", 12.0),
        Cell::text("9", 12.0),
        Cell::text("8", 12.0),
    ]));
    doc.push(t);
    let pages = pdf_text::pages(&render(&doc).expect("renders"));
    let runs = &pages[0].runs;
    let y = |t: &str| runs.iter().find(|r| r.text.trim() == t).unwrap().y;
    let (code, top, second) = (y("Mã"), y("Trường A"), y("Tự chấm"));
    assert!(
        code < top && code > second,
        "{code} between {top} and {second}"
    );
    let mid = (top + second) / 2.0;
    assert!((code - mid).abs() < 4.0, "Mã at {code}, middle {mid}");
}
