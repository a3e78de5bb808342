//! `thidua check`: a line per file, every problem listed, exit 0/1/2.

mod support;

use support::cli::thidua;

#[test]
fn valid_sample_prints_its_summary() {
    let (code, out, _) = thidua(&["check", "assets/samples/cum8-2019.json"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "assets/samples/cum8-2019.json: hợp lệ — Cụm thi đua số 8, năm 2019: 7 trường, 19 tiêu chí, 13 hoạt động."
    );
}

#[test]
fn invalid_files_list_every_problem_and_fail() {
    let (code, out, err) = thidua(&[
        "check",
        "assets/samples/cum8-2019.json",
        "tests/fixtures/invalid-content.json",
        "tests/fixtures/truncated.json",
    ]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("hợp lệ"));
    assert!(
        lines[1].contains("invalid-content.json: không hợp lệ — 10 lỗi nội dung"),
        "{out}"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("  - ")).count(), 10);
    assert!(
        out.contains("truncated.json: không đọc được — Tệp bị cắt cụt"),
        "{out}"
    );
    assert!(err.contains("bản sao lưu"), "{err}");
}

#[test]
fn usage_errors_exit_2_in_vietnamese() {
    let (code, _, err) = thidua(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("cần ít nhất một tệp"), "{err}");
    let (code, _, err) = thidua(&["check", "--nhanh", "a.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("tùy chọn không hợp lệ: --nhanh"), "{err}");
    let (code, _, err) = thidua(&["--khong-co"]);
    assert_eq!(code, 2);
    assert!(err.contains("Cách dùng"), "{err}");
}

#[test]
fn a_mistyped_command_gets_the_usage_not_a_window() {
    let (code, out, err) = thidua(&["chek", "assets/samples/cum8-2019.json"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("không có lệnh \u{201c}chek\u{201d}"), "{err}");
    assert!(err.contains("Cách dùng"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn without_a_display_the_window_says_so_in_vietnamese_never_a_panic() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("assets/samples/cum8-2019.json")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("không có màn hình đồ họa"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Issue 27, point 10: the usage names the spreadsheet output.
#[test]
fn help_names_the_xlsx_format() {
    let (_, out, err) = thidua(&["--help"]);
    let usage = format!("{out}{err}");
    assert!(usage.contains("--format pdf|docx|xlsx"), "{usage}");
    assert!(usage.contains("--doc scores --format xlsx"), "{usage}");
}

/// Issue 27, point 2: people and prizes stored with no school (typed
/// loosely in an earlier version: "Lê Văn X - Binh Thuan") are listed by
/// `check` as problems of the activities, by activity and name; the
/// figures that do not count on them still come out.
#[test]
fn people_and_prizes_with_no_school_are_listed() {
    let mut wb = thidua::workbook::load(std::path::Path::new("assets/samples/cum8-2019.json"))
        .unwrap()
        .workbook;
    let contest = wb
        .activities
        .iter_mut()
        .find(|a| a.results.len() >= 3 && !a.people.is_empty())
        .unwrap();
    let title = contest.title.clone();
    contest.people[0].name = "Lê Văn X - Binh Thuan".into();
    contest.people[0].school = None;
    contest.results[2].person = "Phạm Y - Bình Thuân".into();
    contest.results[2].school = None;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum8-2019.json");
    std::fs::write(&path, thidua::workbook::to_bytes(&wb)).unwrap();
    let path = path.to_str().unwrap();

    let problems = thidua::workbook::validate(&wb);
    let codes: Vec<(&str, &thidua::workbook::Scope)> =
        problems.iter().map(|p| (p.code(), &p.scope)).collect();
    assert_eq!(
        codes,
        [
            (
                "person_without_school",
                &thidua::workbook::Scope::Activities
            ),
            ("prize_without_school", &thidua::workbook::Scope::Activities)
        ]
    );

    let (code, out, _) = thidua(&["check", path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("không hợp lệ — 2 lỗi nội dung"), "{out}");
    assert!(
        out.contains(&format!(
            "Hoạt động \u{201c}{title}\u{201d}: người tham gia \u{201c}Lê Văn X - Binh Thuan\u{201d} chưa có trường"
        )),
        "{out}"
    );
    assert!(
        out.contains("giải \u{201c}Giải Ba – Phạm Y - Bình Thuân\u{201d} chưa có trường"),
        "{out}"
    );
    // The score sheet does not count on them.
    let (code, out, err) = thidua(&["results", path]);
    assert_eq!(code, 0, "{out}{err}");
}
