//! `thidua results` and `thidua new-year` through the real binary.

mod support;

use support::cli::thidua;

#[test]
fn results_print_ranking_ballots_and_proposals() {
    let (code, out, _) = thidua(&["results", "assets/samples/cum8-2019.json"]);
    assert_eq!(code, 0);
    let first_row = out.lines().find(|l| l.starts_with("1 ")).unwrap();
    assert!(
        first_row.contains("Bà Rịa - Vũng Tàu") && first_row.contains("101,5"),
        "{first_row}"
    );
    assert!(first_row.contains("Hoàn thành xuất sắc nhiệm vụ"));
    assert!(
        out.contains("cụm chưa chấm, tính điểm tự chấm ở: VI.1, VI.2, VI.3"),
        "{out}"
    );
    assert!(
        out.contains("Ninh Thuận: 6/7 phiếu = 85,71% — đạt"),
        "{out}"
    );
    assert!(
        out.contains("✔ Bà Rịa - Vũng Tàu (hạng 1): đề nghị"),
        "{out}"
    );
    assert!(
        out.contains("✔ Ninh Thuận (hạng 2): đề nghị — 6 phiếu, 85,71%"),
        "{out}"
    );
    assert!(
        out.contains("✘ Bình Thuận (hạng 3): Được 1/7 phiếu (14,29%), chưa đạt ngưỡng"),
        "{out}"
    );
    assert!(
        out.contains("Hội nghị bầu: cụm trưởng Ninh Thuận; cụm phó Bình Thuận, Bình Dương."),
        "{out}"
    );
}

#[test]
fn results_refuse_an_invalid_workbook() {
    let (code, out, err) = thidua(&["results", "tests/fixtures/invalid-content.json"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("9 lỗi nội dung"), "{err}");
    let (code, _, _) = thidua(&["results"]);
    assert_eq!(code, 2);
}

#[test]
fn new_year_writes_next_years_workbook_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("Cụm 8 2020.json");
    let out_str = out_path.to_str().unwrap();
    let (code, out, err) = thidua(&[
        "new-year",
        "assets/samples/cum8-2019.json",
        "--out",
        out_str,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("sổ năm 2020 — 7 trường, cụm trưởng Ninh Thuận"),
        "{out}"
    );
    let (code, out, _) = thidua(&["check", out_str]);
    assert_eq!(code, 0, "{out}");
    let before = std::fs::read(&out_path).unwrap();
    let (code, _, err) = thidua(&[
        "new-year",
        "assets/samples/cum8-2019.json",
        "--out",
        out_str,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("không ghi đè"), "{err}");
    assert_eq!(std::fs::read(&out_path).unwrap(), before);
    let (code, _, _) = thidua(&[
        "new-year",
        "assets/samples/cum8-2019.json",
        "--out",
        out_str,
        "--force",
    ]);
    assert_eq!(code, 0);
    let (code, _, err) = thidua(&["new-year", "assets/samples/cum8-2019.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("--out"), "{err}");
}
