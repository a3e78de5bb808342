//! Issue 32: criteria tables in from the documents a cluster receives, made
//! the way offices make them — a Word table with a merged section row, a
//! bold section, text split into runs, "2,5" typed as text, a maximum
//! merged down over two rows, subtotal and total rows and a second table;
//! an Excel sheet with title rows, a row of column numbers, merged section
//! rows and a second sheet; and the same files saved again by LibreOffice
//! (.docx, .xlsx, .ods). Each is imported into exactly the intended tree,
//! with the rows not understood named. Then into a scored workbook through
//! the command line: scores follow the codes, a scored code that vanishes
//! is refused unless `--replace`.

mod support;

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
use rust_xlsxwriter::{Format, Workbook as Xlsx};
use thidua::intake;
use thidua::workbook::criteria_table::{self, Understood, Why};

/// One run per piece: Word splits text where spelling was checked or an
/// edit was made.
fn cell(pieces: &[&str], bold: bool) -> TableCell {
    let mut p = Paragraph::new();
    for piece in pieces {
        let mut r = Run::new().add_text(*piece);
        if bold {
            r = r.bold();
        }
        p = p.add_run(r);
    }
    TableCell::new().add_paragraph(p)
}

fn row(cells: &[&str]) -> TableRow {
    TableRow::new(cells.iter().map(|t| cell(&[t], false)).collect())
}

fn criteria_docx() -> Vec<u8> {
    let header = TableRow::new(
        [
            "TT",
            "Nội dung tiêu chí",
            "Điểm chuẩn",
            "Tự chấm",
            "Ghi chú",
        ]
        .iter()
        .map(|t| cell(&[t], true))
        .collect(),
    );
    let merged_section = |text: &str| TableRow::new(vec![cell(&[text], true).grid_span(5)]);
    let bold_row = |cells: &[&str]| TableRow::new(cells.iter().map(|t| cell(&[t], true)).collect());
    let merged_max = |code: &str, name: &str, max: Option<&str>| {
        let m = match max {
            Some(v) => cell(&[v], false).vertical_merge(VMergeType::Restart),
            None => TableCell::new().vertical_merge(VMergeType::Continue),
        };
        TableRow::new(vec![
            cell(&[code], false),
            cell(&[name], false),
            m,
            cell(&[""], false),
            cell(&[""], false),
        ])
    };
    let table = Table::new(vec![
        header,
        merged_section("I. CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG"),
        TableRow::new(vec![
            cell(&["1"], false),
            cell(&["Xây dựng và ", "thực hiện kế hoạch", " đào tạo"], false),
            cell(&["20"], false),
            cell(&[""], false),
            cell(&[""], false),
        ]),
        row(&["2", "Chất lượng đào tạo", "", "", ""]),
        row(&["a", "Tỷ lệ học viên tốt nghiệp khá, giỏi", "2,5", "", ""]),
        row(&["b", "Đổi mới phương pháp giảng dạy", "17,5", "", ""]),
        row(&["", "- Có báo cáo tổng kết năm học", "", "", ""]),
        row(&["", "Cộng mục I", "40", "", ""]),
        bold_row(&["II", "CÔNG TÁC NGHIÊN CỨU KHOA HỌC", "30", "", ""]),
        row(&["1", "Đề tài khoa học cấp trường", "5", "", ""]),
        row(&["2", "Bài viết đăng tạp chí", "25", "", ""]),
        merged_section("III. CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
        row(&["1", "Phong trào thi đua", "30", "", ""]),
        merged_max("2", "Tổ chức hội thi", Some("4")),
        merged_max("3", "Hội thao", None),
        row(&["4", "Công tác khác", "Tối đa 5", "", ""]),
        bold_row(&["", "Tổng cộng", "100", "", ""]),
    ]);
    let second = Table::new(vec![
        row(&["TT", "Nội dung điểm thưởng", "Điểm"]),
        row(&["1", "Được Học viện khen", "2"]),
    ]);
    let docx = Docx::new()
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("BẢNG TIÊU CHÍ THI ĐUA NĂM 2026").bold()),
        )
        .add_table(table)
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Điểm thưởng")))
        .add_table(second);
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("packs");
    out.into_inner()
}

fn criteria_xlsx() -> Vec<u8> {
    let mut book = Xlsx::new();
    let bold = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name("Tiêu chí").unwrap();
    ws.merge_range(0, 0, 0, 4, "BẢNG TIÊU CHÍ THI ĐUA NĂM 2026", &bold)
        .unwrap();
    let mut r = 2u32;
    let mut put = |ws: &mut rust_xlsxwriter::Worksheet, cells: &[&str]| {
        for (c, t) in cells.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            // Numbers as numbers, except what the clerk typed as text.
            match t.parse::<f64>() {
                Ok(n) if c == 2 => ws.write_number(r, c as u16, n).map(|_| ()),
                _ => ws.write_string(r, c as u16, *t).map(|_| ()),
            }
            .unwrap();
        }
        r += 1;
        r - 1
    };
    put(
        ws,
        &[
            "TT",
            "Nội dung tiêu chí",
            "Điểm tối đa",
            "Tự chấm",
            "Ghi chú",
        ],
    );
    put(ws, &["1", "2", "3", "4", "5"]);
    let at = put(ws, &[]);
    ws.merge_range(at, 0, at, 4, "I. CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG", &bold)
        .unwrap();
    put(ws, &["1", "Xây dựng và thực hiện kế hoạch đào tạo", "20"]);
    put(ws, &["2", "Chất lượng đào tạo"]);
    put(ws, &["a", "Tỷ lệ học viên tốt nghiệp khá, giỏi", "2,5"]);
    put(ws, &["b", "Đổi mới phương pháp giảng dạy", "17.5"]);
    put(ws, &["", "- Có báo cáo tổng kết năm học"]);
    put(ws, &["", "Cộng mục I", "40"]);
    put(ws, &["II", "CÔNG TÁC NGHIÊN CỨU KHOA HỌC", "30"]);
    put(ws, &["1", "Đề tài khoa học cấp trường", "5"]);
    put(ws, &["2", "Bài viết đăng tạp chí", "25"]);
    let at = put(ws, &[]);
    ws.merge_range(at, 0, at, 4, "III. CÔNG TÁC THI ĐUA, KHEN THƯỞNG", &bold)
        .unwrap();
    put(ws, &["1", "Phong trào thi đua", "30"]);
    put(ws, &["4", "Công tác khác", "Tối đa 5"]);
    put(ws, &["", "Tổng cộng", "100"]);
    let ws2 = book.add_worksheet();
    ws2.set_name("Điểm thưởng").unwrap();
    ws2.write_string(0, 0, "TT").unwrap();
    ws2.write_string(0, 1, "Nội dung").unwrap();
    ws2.write_string(0, 2, "Điểm").unwrap();
    ws2.write_string(1, 0, "1").unwrap();
    ws2.write_string(1, 1, "Được Học viện khen").unwrap();
    ws2.write_number(1, 2, 2.0).unwrap();
    book.save_to_buffer().unwrap()
}

const TREE: [&str; 10] = [
    "I. CÔNG TÁC ĐÀO TẠO, BỒI DƯỠNG — 40",
    "  1. Xây dựng và thực hiện kế hoạch đào tạo — 20",
    "  2. Chất lượng đào tạo — 20",
    "    a. Tỷ lệ học viên tốt nghiệp khá, giỏi — 2,5",
    "    b. Đổi mới phương pháp giảng dạy — 17,5",
    "II. CÔNG TÁC NGHIÊN CỨU KHOA HỌC — 30",
    "  1. Đề tài khoa học cấp trường — 5",
    "  2. Bài viết đăng tạp chí — 25",
    "III. CÔNG TÁC THI ĐUA, KHEN THƯỞNG — 30",
    "  1. Phong trào thi đua — 30",
];

fn import(bytes: &[u8], ext: &str) -> (intake::Tables, usize, Understood) {
    let tables = intake::read_bytes(bytes, ext).expect("read");
    let i = tables.pick(None).expect("a table");
    let u = criteria_table::understand(&tables.tables[i]).expect("understood");
    (tables, i, u)
}

/// (where, why) of every row not understood, the row's number only.
fn missed(u: &Understood) -> Vec<(String, Why)> {
    u.not_understood
        .iter()
        .map(|m| {
            let row = m.place.rsplit("dòng ").next().unwrap_or("").to_string();
            (row, m.why.clone())
        })
        .collect()
}

fn check_docx(bytes: &[u8]) {
    let (tables, i, u) = import(bytes, "docx");
    assert_eq!(i, 0);
    assert_eq!(criteria_table::outline(&u.criteria), TREE);
    assert_eq!(
        u.criteria[0].children[1].children[1].guidance,
        "- Có báo cáo tổng kết năm học"
    );
    assert_eq!(
        missed(&u),
        [
            ("14".to_string(), Why::MergedCell),
            ("15".to_string(), Why::MergedCell),
            ("16".to_string(), Why::MaxNotNumber("Tối đa 5".into())),
        ]
    );
    assert_eq!(u.checked.len(), 2, "{:?}", u.checked);
    assert_eq!(tables.others(i), [(2, "bảng 2".to_string())]);
}

fn check_xlsx(bytes: &[u8], ext: &str) {
    let (tables, i, u) = import(bytes, ext);
    assert_eq!(i, 0, "{ext}");
    assert_eq!(criteria_table::outline(&u.criteria), TREE, "{ext}");
    assert_eq!(
        u.criteria[0].children[1].children[1].guidance,
        "- Có báo cáo tổng kết năm học"
    );
    assert_eq!(
        missed(&u),
        [("17".to_string(), Why::MaxNotNumber("Tối đa 5".into()))],
        "{ext}"
    );
    assert_eq!(u.checked.len(), 2, "{ext}: {:?}", u.checked);
    assert_eq!(
        tables.others(i),
        [(2, "trang \u{201c}Điểm thưởng\u{201d}".to_string())],
        "{ext}"
    );
}

#[test]
fn a_word_table_as_typed_imports_into_the_intended_tree() {
    check_docx(&criteria_docx());
}

#[test]
fn an_excel_table_as_typed_imports_into_the_intended_tree() {
    check_xlsx(&criteria_xlsx(), "xlsx");
}

#[test]
fn the_same_tables_saved_again_by_libreoffice_import_the_same() {
    let Some(soffice) = support::soffice_or_skip(
        "criteria tables",
        "libreoffice-writer-nogui libreoffice-calc-nogui",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    let docx = src.join("tieu-chi.docx");
    let xlsx = src.join("tieu-chi-excel.xlsx");
    std::fs::write(&docx, criteria_docx()).unwrap();
    std::fs::write(&xlsx, criteria_xlsx()).unwrap();
    let profile = dir.path().join("profile");
    let out = dir.path().join("out");
    support::soffice_convert(&soffice, &profile, "docx:MS Word 2007 XML", &out, &[docx]);
    support::soffice_convert(&soffice, &profile, "ods", &out, std::slice::from_ref(&xlsx));
    support::soffice_convert(
        &soffice,
        &profile,
        "xlsx:Calc MS Excel 2007 XML",
        &out,
        &[xlsx],
    );
    check_docx(&std::fs::read(out.join("tieu-chi.docx")).unwrap());
    check_xlsx(
        &std::fs::read(out.join("tieu-chi-excel.ods")).unwrap(),
        "ods",
    );
    check_xlsx(
        &std::fs::read(out.join("tieu-chi-excel.xlsx")).unwrap(),
        "xlsx",
    );
}

#[test]
fn old_word_files_and_pdfs_are_refused_with_what_to_do() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let e = intake::read_bytes(&ole, "doc").unwrap_err();
    assert!(e.to_string().contains(".docx"), "{e}");
    let e = intake::read_bytes(b"%PDF-1.7\n...", "pdf").unwrap_err();
    assert!(e.to_string().contains("PDF"), "{e}");
    let e = intake::read_bytes(b"PK\x03\x04garbage", "docx").unwrap_err();
    assert!(
        matches!(
            e,
            intake::IntakeError::Damaged(_) | intake::IntakeError::Unknown
        ),
        "{e}"
    );
}

#[test]
fn into_a_scored_workbook_scores_follow_the_codes_and_a_vanishing_scored_code_is_refused() {
    use thidua::workbook::{Cluster, Criterion, Id, Points, School, Score, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("tieu-chi.docx");
    std::fs::write(&table, criteria_docx()).unwrap();
    let mut wb = Workbook::new(
        Cluster {
            name: "Cụm thi đua số 3".into(),
            number: 3,
            ..Cluster::default()
        },
        2026,
    );
    let leaf = |id: &str, code: &str, title: &str, max: i64| Criterion {
        id: Id::new(id),
        code: code.into(),
        title: title.into(),
        max: Some(Points::whole(max)),
        ..Criterion::default()
    };
    wb.criteria = vec![
        Criterion {
            id: Id::new("I"),
            code: "I".into(),
            title: "Đào tạo".into(),
            children: vec![leaf("ke-hoach", "1", "Kế hoạch", 10)],
            ..Criterion::default()
        },
        Criterion {
            id: Id::new("II"),
            code: "II".into(),
            title: "Nghiên cứu".into(),
            children: vec![leaf("de-tai", "1", "Đề tài", 5)],
            ..Criterion::default()
        },
        leaf("khac", "IV", "Khác", 5),
    ];
    let school = Id::new("a");
    wb.members.push(School {
        id: school.clone(),
        full_name: "Trường Chính trị tỉnh Cao Bằng".into(),
        short_name: "Cao Bằng".into(),
        ..School::default()
    });
    let score = |p| Score {
        points: Points::whole(p),
        ..Score::default()
    };
    let a = wb.assessment_mut(&school);
    a.self_scores.insert(Id::new("ke-hoach"), score(8));
    a.self_scores.insert(Id::new("khac"), score(3));
    let path = dir.path().join("Cum3-2026.json");
    thidua::workbook::save(&path, &wb, thidua::workbook::file::Overwrite::Anything).unwrap();
    let before = std::fs::read(&path).unwrap();
    let (p, t) = (path.to_str().unwrap(), table.to_str().unwrap());

    // A dry run shows the tree and says what stands in the way.
    let (code, out, err) = support::cli::thidua(&["criteria", p, "--from", t]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("III. CÔNG TÁC THI ĐUA, KHEN THƯỞNG — 30"),
        "{out}"
    );
    assert!(out.contains("Dòng không hiểu (3)"), "{out}");
    assert!(
        err.contains("IV \u{201c}Khác\u{201d}: 1 điểm đã chấm"),
        "{err}"
    );
    assert!(err.contains("--replace"), "{err}");
    // Refused with --apply too: nothing written.
    let (code, _, err) = support::cli::thidua(&["criteria", p, "--from", t, "--apply"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // --replace: written, with a backup; the scored I.1 keeps its id and
    // its score, IV's score went with it.
    let (code, out, err) =
        support::cli::thidua(&["criteria", p, "--from", t, "--apply", "--replace"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(err.contains("Đã ghi"), "{err}");
    assert_eq!(
        std::fs::read(thidua::workbook::file::backup_path(&path)).unwrap(),
        before
    );
    let after = thidua::workbook::load(&path).unwrap().workbook;
    assert_eq!(criteria_table::outline(&after.criteria), TREE);
    let kept = &after.criteria[0].children[0];
    assert_eq!((kept.id.as_str(), kept.code.as_str()), ("ke-hoach", "1"));
    assert_eq!(kept.title, "Xây dựng và thực hiện kế hoạch đào tạo");
    let a = after.assessment(&school).unwrap();
    assert_eq!(a.self_scores.get(&Id::new("ke-hoach")), Some(&score(8)));
    assert!(!a.self_scores.contains_key(&Id::new("khac")));
    // II.1 matched by code too (its id stays).
    assert_eq!(after.criteria[1].children[0].id.as_str(), "de-tai");

    // Again: the same table now fits, nothing vanishes.
    let (code, out, err) = support::cli::thidua(&["criteria", p, "--from", t]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("10 tiêu chí khớp mã"), "{out}");
    assert!(err.contains("Chạy thử: chưa ghi gì"), "{err}");
}

#[test]
fn the_command_refuses_a_pdf_and_asks_for_the_table_file() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("tieu-chi.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let wb = dir.path().join("so.json");
    thidua::workbook::save(
        &wb,
        &thidua::workbook::Workbook::new(Default::default(), 2026),
        thidua::workbook::file::Overwrite::Anything,
    )
    .unwrap();
    let (code, _, err) = support::cli::thidua(&[
        "criteria",
        wb.to_str().unwrap(),
        "--from",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("PDF"), "{err}");
    let (code, _, err) = support::cli::thidua(&["criteria", wb.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--from"), "{err}");
}
