//! Windows behaviour of saving: a file held open by another program (Excel,
//! antivirus, a second copy of the app) gives a clear message, loses nothing
//! and leaves no temporary file; once released, saving works. Runs on the
//! Windows build (under Wine in CI).
#![cfg(windows)]

mod support;

use std::os::windows::fs::OpenOptionsExt;
use thidua::workbook::{self, file::Overwrite};

#[test]
fn a_locked_file_gives_a_clear_message_and_a_retry_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Cụm 8 2019.json");
    let mut wb = support::sample::build();
    workbook::save(&path, &wb, Overwrite::WorkbookOnly).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Like Excel: open with no sharing at all.
    let holder = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&path)
        .unwrap();
    wb.members[0].short_name = "Bà Rịa – Vũng Tàu".into();
    let err = workbook::save(&path, &wb, Overwrite::WorkbookOnly).unwrap_err();
    assert_eq!(err.code(), "locked", "{err}");
    assert!(
        err.to_string().contains("đang bị chương trình khác mở"),
        "{err}"
    );
    drop(holder);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is intact"
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary file left behind");
    // The retry the window offers: the same save, now that the file is free.
    workbook::save(&path, &wb, Overwrite::WorkbookOnly).unwrap();
    assert_eq!(workbook::load(&path).unwrap().workbook, wb);
}

#[test]
fn a_windows_path_with_vietnamese_letters_and_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir
        .path()
        .join("Users")
        .join("Nguyễn Văn A")
        .join("Tài liệu");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("Cụm 8 2019.json");
    workbook::save(&path, &support::sample::build(), Overwrite::WorkbookOnly).unwrap();
    // Saved again: replace-on-save over an existing file, with its backup.
    workbook::save(&path, &support::sample::build(), Overwrite::WorkbookOnly).unwrap();
    assert!(workbook::file::backup_path(&path).exists());
    assert!(
        path.to_string_lossy()
            .contains("\\Tài liệu\\Cụm 8 2019.json")
    );
    assert_eq!(
        workbook::load(&path).unwrap().workbook,
        support::sample::build()
    );
}
