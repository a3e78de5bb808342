//! Loading and saving workbook files: every way a file can fail, the round
//! trip, and that no input makes the loader panic or claim success wrongly.

mod support;

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use support::sample;
use thidua::workbook::{self, LoadError, file::Overwrite};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load_err(name: &str) -> LoadError {
    workbook::load(&fixture(name)).expect_err("fixture must not load")
}

#[test]
fn load_then_save_gives_identical_bytes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample::SAMPLE_PATH);
    let original = std::fs::read(&path).unwrap();
    let loaded = workbook::load(&path).unwrap();
    assert_eq!(workbook::to_bytes(&loaded.workbook), original);
    assert!(!loaded.reformatted);
}

#[test]
fn every_released_file_version_still_loads() {
    // One fixture per released shape of the file: add one when the shape changes.
    const RELEASED: &[&str] = &["v1-cum8-2019.json"];
    for name in RELEASED {
        let loaded = workbook::load(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The v1 sample's merit ballot carries 9 marks on 7 papers with one
        // place: a released file, kept as it was, that the ballot check of
        // version 2 rightly flags. Nothing else is wrong with it.
        assert!(
            loaded.problems.iter().all(|p| p.scope.is_ballot()),
            "{name}: {:?}",
            loaded.problems
        );
        assert_eq!(loaded.workbook.year, 2019);
    }
}

#[test]
fn not_found() {
    let e = workbook::load(&fixture("khong-co-tep-nay.json")).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(e.to_string().starts_with("Không tìm thấy tệp"), "{e}");
}

#[test]
fn a_folder_is_unreadable() {
    let e = workbook::load(&fixture("")).unwrap_err();
    assert_eq!(e.code(), "unreadable");
    assert!(e.to_string().contains("thư mục"), "{e}");
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("khoa.json");
    std::fs::write(&p, "{}").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        return; // running as root: permissions do not stop reading
    }
    let e = workbook::load(&p).unwrap_err();
    assert_eq!(e.code(), "unreadable");
    assert!(e.to_string().contains("Không đọc được"), "{e}");
}

#[test]
fn empty_and_whitespace_files() {
    for name in ["empty.json", "whitespace.json"] {
        let e = load_err(name);
        assert_eq!(e.code(), "empty", "{name}");
        assert_eq!(e.to_string(), "Tệp trống: không có dữ liệu nào.");
    }
}

#[test]
fn truncated_file_says_so_with_position() {
    let e = load_err("truncated.json");
    assert_eq!(e.code(), "truncated");
    assert!(
        e.to_string().contains("bị cắt cụt (dừng ở dòng 1, cột"),
        "{e}"
    );
}

#[test]
fn not_json_gives_line_and_column() {
    let e = load_err("not-json.csv");
    assert_eq!(e.code(), "not_json");
    assert!(e.to_string().contains("dòng 1, cột 1"), "{e}");
}

#[test]
fn json_of_another_program_is_not_a_workbook() {
    for name in ["package.json", "array.json"] {
        let e = load_err(name);
        assert_eq!(e.code(), "not_workbook", "{name}");
        assert!(e.to_string().contains("không phải sổ thi đua"), "{e}");
    }
}

#[test]
fn newer_version_is_refused_with_advice() {
    let e = load_err("newer-version.json");
    assert_eq!(e.code(), "newer_version");
    assert!(e.to_string().contains("định dạng 7"), "{e}");
    assert!(e.advice().contains("phiên bản"));
}

#[test]
fn too_large_is_refused_before_parsing() {
    let big = vec![b' '; workbook::file::MAX_FILE_BYTES as usize + 1];
    let e = workbook::load_bytes(&big).unwrap_err();
    assert_eq!(e.code(), "too_large");
    assert!(e.to_string().starts_with("Tệp quá lớn"), "{e}");
}

#[test]
fn malformed_fields_say_where() {
    let e = load_err("malformed-year.json");
    assert_eq!(e.code(), "malformed");
    assert!(e.to_string().contains("year"), "{e}");
    let e = load_err("unknown-key.json");
    assert_eq!(e.code(), "malformed");
    assert!(e.to_string().contains("colour"), "{e}");
}

/// A structure error is identified by what serde's derived code reports
/// (a missing key, a value of another type, an unknown variant) and by
/// what the place asks for, never by serde's English wording: the kinds
/// below are data, and their Vietnamese is only their Display.
#[test]
fn structure_errors_are_identified_not_translated() {
    use workbook::file::Malformed;
    use workbook::file::structure::{Found, Wanted, Wrong};
    let wrong = |e: LoadError| match e {
        LoadError::Malformed(Malformed::At { wrong, path, .. }) => (path, wrong),
        other => panic!("not a structure error: {other}"),
    };
    assert_eq!(
        wrong(load_err("malformed-year.json")),
        (
            "year".to_string(),
            Wrong::Type {
                found: Found::Text("hai nghìn".into()),
                wanted: Wanted::Integer
            }
        )
    );
    assert_eq!(
        wrong(load_err("unknown-key.json")),
        ("colour".to_string(), Wrong::UnknownKey("colour".into()))
    );
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/cum8-2019.json"),
    )
    .unwrap();
    let mut wb: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases: Vec<(&str, serde_json::Value, Wrong)> = vec![
        (
            "/members/0/full_name",
            serde_json::json!(5),
            Wrong::Type {
                found: Found::Integer("5".into()),
                wanted: Wanted::Text,
            },
        ),
        (
            "/members",
            serde_json::json!({}),
            Wrong::Type {
                found: Found::Object,
                wanted: Wanted::List,
            },
        ),
        (
            "/conference/ballots/0/issued",
            serde_json::json!(-1),
            Wrong::Value {
                found: Found::Integer("-1".into()),
                wanted: Wanted::Integer,
            },
        ),
        (
            "/activities/0/kind",
            serde_json::json!("party"),
            Wrong::UnknownVariant("party".into()),
        ),
        (
            "/activities/0/start",
            serde_json::json!("2019-13-45"),
            Wrong::Date,
        ),
        (
            "/rules/ballot/quorum",
            serde_json::json!("hai phần ba"),
            Wrong::Unreadable,
        ),
        (
            "/activities/0/owner",
            serde_json::json!(7),
            Wrong::NotExpected,
        ),
    ];
    for (at, value, expected) in cases {
        let mut broken = wb.clone();
        *broken.pointer_mut(at).unwrap() = value;
        let bytes = serde_json::to_vec(&broken).unwrap();
        let Err(e) = workbook::load_bytes(&bytes) else {
            panic!("{at} must not load");
        };
        assert_eq!(wrong(e).1, expected, "{at}");
    }
    // A missing key that has no default.
    wb["conference"]["academy_decisions"] =
        serde_json::json!([{ "award": "co-thi-dua", "school": "brvt" }]);
    let Err(e) = workbook::load_bytes(&serde_json::to_vec(&wb).unwrap()) else {
        panic!("a decision without its outcome must not load");
    };
    assert_eq!(wrong(e).1, Wrong::MissingKey("outcome".into()));
}

#[test]
fn content_problems_are_all_listed_and_the_workbook_still_opens() {
    let loaded = workbook::load(&fixture("invalid-content.json")).expect("opens to be fixed");
    let codes: Vec<&str> = loaded.problems.iter().map(|p| p.code()).collect();
    for expected in [
        "duplicate_id",
        "leader_not_member",
        "score_above_max",
        "negative_score",
        "unknown_criterion",
        "date_outside_year",
        "unknown_school",
    ] {
        assert!(codes.contains(&expected), "missing {expected} in {codes:?}");
    }
    assert_eq!(
        codes.iter().filter(|c| **c == "duplicate_id").count(),
        2,
        "school and activity"
    );
    let all = loaded
        .problems
        .iter()
        .map(|p| p.message())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("4,5 vượt điểm chuẩn 4"), "{all}");
    assert!(
        all.contains("Cụm trưởng \u{201c}ha-noi\u{201d} không phải là thành viên"),
        "{all}"
    );
    assert!(all.contains("ngày 14/05/2017 nằm ngoài năm 2019"), "{all}");
}

#[test]
fn notepad_bom_and_crlf_load_the_same_workbook() {
    let a = workbook::load(&fixture("notepad-bom-crlf.json")).unwrap();
    let b = sample::load_sample();
    assert!(a.reformatted);
    assert_eq!(a.workbook, b.workbook);
}

#[test]
fn decomposed_text_is_normalised_on_load() {
    let a = workbook::load(&fixture("nfd-names.json")).unwrap();
    let b = sample::load_sample();
    assert_eq!(a.workbook, b.workbook);
    assert!(
        a.workbook
            .members
            .iter()
            .any(|s| s.short_name == "Đồng Nai")
    );
}

#[test]
fn save_keeps_a_backup_and_replaces_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cụm 8 2019.json");
    let mut wb = sample::build();
    workbook::save(&path, &wb, Overwrite::WorkbookOnly).unwrap();
    let first = std::fs::read(&path).unwrap();
    wb.members[0].short_name = "Bà Rịa – Vũng Tàu".into();
    workbook::save(&path, &wb, Overwrite::WorkbookOnly).unwrap();
    assert_eq!(
        std::fs::read(workbook::file::backup_path(&path)).unwrap(),
        first
    );
    assert_eq!(workbook::load(&path).unwrap().workbook, wb);
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_file_that_is_not_ours_is_never_overwritten_without_consent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bang-diem.json");
    std::fs::write(&path, b"{\"name\": \"another program\"}").unwrap();
    let e = workbook::save(&path, &sample::build(), Overwrite::WorkbookOnly).unwrap_err();
    assert_eq!(e.code(), "foreign_file");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"name\": \"another program\"}"
    );
    workbook::save(&path, &sample::build(), Overwrite::Anything).unwrap();
    assert!(workbook::load(&path).is_ok());
}

#[test]
fn saving_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khong-co").join("so.json");
    let e = workbook::save(&path, &sample::build(), Overwrite::WorkbookOnly).unwrap_err();
    assert!(e.to_string().contains("không tìm thấy thư mục"), "{e}");
}

#[test]
fn vietnamese_paths_with_spaces_work() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Nguyễn Văn A").join("Tài liệu");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("Cụm 8 2019 (1).json");
    workbook::save(&path, &sample::build(), Overwrite::WorkbookOnly).unwrap();
    assert_eq!(workbook::load(&path).unwrap().workbook, sample::build());
}

/// Truncations that cut into the content, at many offsets: never a panic,
/// never a success.
#[test]
fn truncated_samples_never_load() {
    let bytes = workbook::to_bytes(&sample::build());
    let body_end = bytes.len() - 2; // the closing brace and newline
    let step = (body_end / 997).max(1);
    for cut in (1..body_end).step_by(step) {
        let r = workbook::load_bytes(&bytes[..cut]);
        assert!(r.is_err(), "a file cut at {cut} loaded");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_or_succeed(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert!(workbook::load_bytes(&bytes).is_err());
    }

    #[test]
    fn random_edits_of_a_real_file_never_panic(pos in 0usize..60_000, byte in any::<u8>()) {
        let mut bytes = workbook::to_bytes(&sample::build());
        let p = pos % bytes.len();
        bytes[p] = byte;
        let _ = workbook::load_bytes(&bytes); // may load (e.g. a changed letter), must not panic
    }
}

#[test]
fn saved_files_verify_and_hand_edits_do_not() {
    use workbook::Integrity;
    let bytes = workbook::to_bytes(&sample::build());
    let loaded = workbook::load_bytes(&bytes).unwrap();
    assert_eq!(loaded.integrity, Integrity::Verified);
    assert!(loaded.workbook.provenance.content_hash.is_empty());
    assert_eq!(loaded.content_hash.len(), 64);
    // Notepad's BOM and CRLF change the bytes, not the content.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let notepad = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let again = workbook::load_bytes(notepad.as_bytes()).unwrap();
    assert_eq!(again.integrity, Integrity::Verified);
    assert_eq!(again.content_hash, loaded.content_hash);
    // A value changed by hand.
    let edited = text.replacen("Bình Dương", "Bình Dương (sửa tay)", 1);
    assert_eq!(
        workbook::load_bytes(edited.as_bytes()).unwrap().integrity,
        Integrity::Mismatch
    );
    // Files from before the hash still load.
    let v1 = workbook::load(&fixture("v1-cum8-2019.json")).unwrap();
    assert_eq!(v1.integrity, Integrity::NoHash);
    // Decomposed text written by a program: saved hash is over NFC content.
    let mut nfd = sample::build();
    nfd.members[0].short_name = "Đồng Nai".chars().collect::<String>();
    nfd.members[0].note = "Ho\u{0302}\u{0301}i nghi\u{0323}".into();
    let l = workbook::load_bytes(&workbook::to_bytes(&nfd)).unwrap();
    assert_eq!(l.integrity, Integrity::Verified);
}

#[cfg(unix)]
#[test]
fn saved_files_are_readable_documents_and_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.json");
    workbook::save(&path, &sample::build(), Overwrite::WorkbookOnly).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o644, "not a private temporary file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    workbook::save(&path, &sample::build(), Overwrite::WorkbookOnly).unwrap();
    assert_eq!(mode(&path), 0o640, "a replaced file keeps its permissions");
}
