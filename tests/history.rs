//! Years side by side (issue 18): generated years of the sample cluster in
//! a folder — one year missing, two schools merged into a new one, a
//! school renamed, and the files that must not count (a school's copy,
//! another cluster's workbook, a second copy of a year, junk).

mod support;

use std::path::Path;

use support::cli::thidua;
use thidua::history::{self, Role};
use thidua::workbook::{self, Id, Points, School, Workbook};

/// Next year's workbook from `wb`, every school's cluster score on every
/// leaf set to its maximum less `loss(school index)` hundredths.
fn next(wb: &Workbook, loss: impl Fn(usize) -> i64) -> Workbook {
    let mut n = thidua::rules::rollover::next_year(wb, "prev.json").expect("a valid next year");
    score(&mut n, loss);
    n
}

fn score(wb: &mut Workbook, loss: impl Fn(usize) -> i64) {
    let leaves: Vec<(Id, Points)> = wb
        .leaf_criteria()
        .iter()
        .map(|c| (c.id.clone(), c.max.unwrap_or_default()))
        .collect();
    let ids: Vec<Id> = wb.current_members().map(|m| m.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        let a = wb.assessment_mut(id);
        for (j, (leaf, max)) in leaves.iter().enumerate() {
            let minus = if j == 0 { loss(i) } else { 0 };
            a.cluster_scores.insert(
                leaf.clone(),
                workbook::Score {
                    points: Points(max.0 - minus),
                    ..Default::default()
                },
            );
        }
    }
}

fn save(dir: &Path, name: &str, wb: &Workbook) {
    std::fs::write(dir.join(name), workbook::to_bytes(wb)).unwrap();
}

/// 2019 (the sample), 2020 and 2022 (2021 missing). In 2022 Bình Phước and
/// Tây Ninh have merged into "Tây Ninh – Bình Phước"; Đồng Nai is renamed.
fn folder() -> (tempfile::TempDir, Workbook) {
    let dir = tempfile::tempdir().unwrap();
    let y2019 = support::sample::load_sample().workbook;
    let y2020 = next(&y2019, |i| 25 * i as i64);
    let y2021 = next(&y2020, |i| 50 * i as i64);
    let mut y2022 = next(&y2021, |i| 30 * (7 - i as i64));
    // The merger: two members out, one new member that continues both.
    y2022
        .members
        .retain(|m| !["binh-phuoc", "tay-ninh"].contains(&m.id.as_str()));
    y2022
        .assessments
        .retain(|a| !["binh-phuoc", "tay-ninh"].contains(&a.school.as_str()));
    y2022.members.push(School {
        id: Id::new("tay-ninh-binh-phuoc"),
        full_name: "Trường Chính trị tỉnh Tây Ninh – Bình Phước".into(),
        short_name: "Tây Ninh – Bình Phước".into(),
        province: "Tây Ninh".into(),
        continues: vec![Id::new("binh-phuoc"), Id::new("tay-ninh")],
        ..School::default()
    });
    y2022.conference.attendance.clear();
    y2022.conference.election = Default::default();
    y2022
        .roles
        .rotation
        .retain(|r| !["binh-phuoc", "tay-ninh"].contains(&r.as_str()));
    let dn = y2022
        .members
        .iter_mut()
        .find(|m| m.id.as_str() == "dong-nai")
        .unwrap();
    dn.full_name = "Trường Chính trị Đồng Nai".into();
    score(&mut y2022, |i| 30 * (7 - i as i64));
    assert!(
        workbook::validate(&y2022).is_empty(),
        "{:?}",
        workbook::validate(&y2022)
    );
    save(dir.path(), "cum8-2019.json", &y2019);
    save(dir.path(), "cum8-2020.json", &y2020);
    save(dir.path(), "cum8-2022.json", &y2022);
    // What must not count.
    let mut copy = y2020.clone();
    copy.provenance.copy_for = Some(Id::new("ninh-thuan"));
    save(dir.path(), "Cum8-2020-gui-NinhThuan.json", &copy);
    let mut other = y2020.clone();
    other.cluster.number = 9;
    other.cluster.name = "Cụm thi đua số 9".into();
    save(dir.path(), "cum9-2020.json", &other);
    let mut twin = y2019.clone();
    twin.provenance.save_count = 0;
    save(dir.path(), "cum8-2019 - Copy.json", &twin);
    std::fs::write(dir.path().join("ghi-chu.json"), b"{ not json").unwrap();
    std::fs::write(dir.path().join("cum8-2019.json.bak"), b"old").unwrap();
    (dir, y2022)
}

#[test]
fn the_folder_reads_as_the_clusters_years() {
    let (dir, _) = folder();
    let h = history::from_folder(dir.path()).unwrap();
    assert_eq!(h.cluster, "Cụm thi đua số 8");
    assert_eq!(h.years, vec![2019, 2020, 2021, 2022]);
    assert_eq!(h.missing, vec![2021]);
    assert_eq!(h.files.len(), 3);
    // Skipped, each with its reason: the copy, the other cluster, the twin,
    // the junk, the backup (listed, not read).
    let reasons: Vec<(String, &str)> = h
        .skipped
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    let why = |name: &str| {
        reasons
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} skipped: {reasons:?}"))
            .1
    };
    assert!(why("Cum8-2020-gui-NinhThuan.json").contains("bản gửi"));
    assert!(why("cum9-2020.json").contains("Cụm thi đua số 9"));
    assert!(why("cum8-2019 - Copy.json").contains("trùng năm 2019"));
    assert!(why("ghi-chu.json").contains("không đọc được"));
    assert!(why("cum8-2019.json.bak").contains("sao lưu"));
}

#[test]
fn each_school_is_one_line_across_years_and_merged_schools_nest() {
    let (dir, _) = folder();
    let h = history::from_folder(dir.path()).unwrap();
    // The sample's 2019: Bà Rịa – Vũng Tàu first with 101,5, leader.
    let brvt = h
        .lines
        .iter()
        .find(|l| l.school.as_str() == "brvt")
        .unwrap();
    let y19 = &brvt.years[&2019];
    assert_eq!(
        (y19.final_score.to_string().as_str(), y19.rank),
        ("101,5", 1)
    );
    assert_eq!(y19.role, Some(Role::Leader));
    assert!(
        y19.proposed.iter().any(|a| a.contains("Cờ thi đua")),
        "{:?}",
        y19.proposed
    );
    assert!(!brvt.years.contains_key(&2021), "no workbook for 2021");
    // Ninh Thuận led in 2020 (elected in 2019).
    let nt = h
        .lines
        .iter()
        .find(|l| l.school.as_str() == "ninh-thuan")
        .unwrap();
    assert_eq!(nt.years[&2020].role, Some(Role::Leader));
    // The merged school: one line for 2022, its two predecessors nested
    // with their own years, never summed into it.
    let merged = h
        .lines
        .iter()
        .find(|l| l.school.as_str() == "tay-ninh-binh-phuoc")
        .unwrap();
    assert_eq!(merged.years.keys().copied().collect::<Vec<_>>(), vec![2022]);
    let mut before: Vec<&str> = merged
        .predecessors
        .iter()
        .map(|p| p.school.as_str())
        .collect();
    before.sort();
    assert_eq!(before, vec!["binh-phuoc", "tay-ninh"]);
    for p in &merged.predecessors {
        assert_eq!(
            p.years.keys().copied().collect::<Vec<_>>(),
            vec![2019, 2020]
        );
    }
    assert!(
        !h.lines
            .iter()
            .any(|l| ["binh-phuoc", "tay-ninh"].contains(&l.school.as_str())),
        "merged schools are not lines of their own"
    );
    // The renamed school: one line under its new name, the old one noted.
    let dn = h
        .lines
        .iter()
        .find(|l| l.school.as_str() == "dong-nai")
        .unwrap();
    assert_eq!(dn.name, "Trường Chính trị Đồng Nai");
    assert_eq!(
        dn.former_names,
        vec!["Trường Chính trị tỉnh Đồng Nai".to_string()]
    );
    assert_eq!(dn.years.len(), 3);
}

#[test]
fn the_command_prints_the_table_and_a_csv() {
    let (dir, _) = folder();
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = thidua(&["history", d]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Cụm thi đua số 8 — các năm 2019–2022"),
        "{out}"
    );
    assert!(out.contains("101,5 (1)"), "{out}");
    assert!(
        out.contains("↳ Trường Chính trị tỉnh Tây Ninh (đã sáp nhập)"),
        "{out}"
    );
    assert!(out.contains("Năm không có sổ trong thư mục: 2021"), "{out}");
    assert!(
        err.contains("Bỏ qua") && err.contains("cum9-2020.json"),
        "{err}"
    );
    let (code, csv, _) = thidua(&["history", d, "--csv"]);
    assert_eq!(code, 0);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("truong,ma_truong,ke_thua_boi,nam,tong_diem"));
    assert!(
        csv.lines()
            .any(|l| l.contains(",tay-ninh,tay-ninh-binh-phuoc,2020,")),
        "{csv}"
    );
    assert!(csv.contains(",2019,101.5,1,"), "{csv}");
    // A folder with nothing of the cluster's, or no folder: exit 1.
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = thidua(&["history", empty.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("không có sổ thi đua nào"), "{err}");
    let (code, _, err) = thidua(&["history", &format!("{d}/khong-co")]);
    assert_eq!(code, 1, "{err}");
    let (code, _, _) = thidua(&["history"]);
    assert_eq!(code, 2);
}

/// The window's "Qua các năm": the folder of the open workbook read into
/// the table (merged schools nested, the missing year marked, skipped files
/// named), and a refusal to read shown as it is.
#[test]
fn the_years_view_shows_the_table() {
    use thidua::app::screen::View;
    use thidua::app::screen::history::Message as Years;
    use thidua::app::{App, Boot, Message};
    let (dir, _) = folder();
    let (mut app, _) = App::new(Boot::isolated(Some(dir.path().join("cum8-2022.json"))));
    support::ui::send(&mut app, [Message::Navigate(View::History)]);
    // The reading runs off the window's thread; its answer, fed directly.
    let h = history::from_folder(dir.path()).unwrap();
    support::ui::send(
        &mut app,
        [Message::History(Years::Loaded(Ok(std::sync::Arc::new(h))))],
    );
    let size = iced::Size::new(1366.0, 768.0);
    let shows = |app: &App, t: &str| support::ui::shows(app, size, t);
    assert!(shows(&app, "101,5 (1)"));
    assert!(shows(&app, "Không có sổ các năm: 2021."));
    assert!(shows(
        &app,
        "↳ Trường Chính trị tỉnh Tây Ninh (đã sáp nhập)"
    ));
    assert!(shows(
        &app,
        "Trường Chính trị Đồng Nai (tên cũ: Trường Chính trị tỉnh Đồng Nai)"
    ));
    assert!(shows(
        &app,
        "Bỏ qua cum9-2020.json: sổ của Cụm thi đua số 9 (cụm số 9), không phải của cụm này."
    ));
    support::ui::send(
        &mut app,
        [Message::History(Years::Loaded(Err(
            "Không đọc được thư mục X: không có quyền.".into(),
        )))],
    );
    assert!(shows(&app, "Không đọc được thư mục X: không có quyền."));
}

/// The year-end report compares with the previous year's workbook found
/// beside it (a table and a bar chart). Issue 30: with two workbooks of
/// 2019 (the master and a copy kept by hand) nothing tells which is the
/// master until the handover names it; with none (2021 missing) the
/// report leaves the comparison out, and only the chooser says why.
#[test]
fn the_report_compares_with_the_previous_year_found_beside_it() {
    #[path = "support/pdf_text.rs"]
    mod pdf_text;
    use thidua::document::docs::{self, Context};
    use thidua::workbook::DocKind;
    let (dir, y2022) = folder();
    let path = dir.path().join("cum8-2020.json");
    let mut y2020 = workbook::load(&path).unwrap().workbook;
    let choice = history::choose_previous_year(&path, &y2020);
    assert!(choice.chosen.is_none(), "two workbooks of 2019");
    let reason = choice.reason.unwrap();
    assert!(reason.contains("cum8-2019 - Copy.json"), "{reason}");
    y2020.provenance.previous_year_file = "cum8-2019.json".into();
    save(dir.path(), "cum8-2020.json", &y2020);
    let previous = history::previous_year(&path, &y2020).expect("2019 beside 2020");
    assert_eq!(previous.year, 2019);
    let ctx = Context {
        previous: Some(std::sync::Arc::new(previous)),
    };
    let built = docs::build_with(&y2020, DocKind::Report, &ctx).unwrap();
    let text = pdf_text::text(&built.pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "4. So sánh với năm 2019",
        "điểm 2019",
        "Bà Rịa - Vũng Tàu 101,5 1 100 1 −1,5",
        "(cột rỗng) và năm 2020 (cột đặc)",
        "Năm 2019 Năm 2020",
    ] {
        assert!(flat.contains(needle), "{needle}: {flat}");
    }
    // The Word copy carries the table, and says where the chart is.
    let docx = docs::build_docx_with(&y2020, DocKind::Report, &ctx).unwrap();
    assert!(docx.docx.starts_with(b"PK"));
    // 2021 is missing: the 2022 report leaves the comparison out.
    let p22 = dir.path().join("cum8-2022.json");
    let choice = history::choose_previous_year(&p22, &y2022);
    assert!(choice.chosen.is_none());
    assert!(choice.reason.unwrap().contains("không có sổ năm 2021"));
    let built = docs::build_with(&y2022, DocKind::Report, &Context::default()).unwrap();
    let flat = pdf_text::text(&built.pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !flat.contains("So sánh") && !flat.contains("Không tìm thấy"),
        "{flat}"
    );
    // Through the command line, from the file's own folder.
    let out = dir.path().join("bao-cao-2020.pdf");
    let (code, _, err) = thidua(&[
        "export",
        path.to_str().unwrap(),
        "--doc",
        "report",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let flat = pdf_text::text(&std::fs::read(&out).unwrap())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("Bà Rịa - Vũng Tàu 101,5 1 100 1"), "{flat}");
}

/// The clerk records a merger in the window: a school of earlier years
/// that is no longer a member is said to have merged into a member; once
/// saved, its years nest under that member.
#[test]
fn a_merger_is_recorded_from_the_years_view() {
    use thidua::app::screen::View;
    use thidua::app::screen::history::{Member, Message as Years};
    use thidua::app::{App, Boot, Message};
    let (dir, mut y2022) = folder();
    // This time the 2022 workbook does not say whom the new school continues.
    for m in &mut y2022.members {
        m.continues.clear();
    }
    save(dir.path(), "cum8-2022.json", &y2022);
    let file = dir.path().join("cum8-2022.json");
    let (mut app, _) = App::new(Boot::isolated(Some(file.clone())));
    support::ui::send(&mut app, [Message::Navigate(View::History)]);
    let h = history::from_folder(dir.path()).unwrap();
    assert!(
        h.lines.iter().any(|l| l.school.as_str() == "binh-phuoc"),
        "a line of its own"
    );
    support::ui::send(
        &mut app,
        [Message::History(Years::Loaded(Ok(std::sync::Arc::new(h))))],
    );
    let size = iced::Size::new(1366.0, 768.0);
    assert!(support::ui::shows(&app, size, "Trường không còn trong cụm"));
    assert!(support::ui::shows(
        &app,
        size,
        "Trường Chính trị tỉnh Bình Phước (năm cuối trong sổ: 2020)"
    ));
    let member = Member {
        id: Id::new("tay-ninh-binh-phuoc"),
        name: "Tây Ninh – Bình Phước".into(),
    };
    for earlier in ["binh-phuoc", "tay-ninh"] {
        support::ui::send(
            &mut app,
            [Message::History(Years::ContinuedBy {
                earlier: Id::new(earlier),
                member: member.clone(),
            })],
        );
    }
    let new = app
        .workbook()
        .unwrap()
        .school(&Id::new("tay-ninh-binh-phuoc"))
        .unwrap()
        .continues
        .clone();
    assert_eq!(new, vec![Id::new("binh-phuoc"), Id::new("tay-ninh")]);
    support::ui::send(&mut app, [Message::Save]);
    let h = history::from_folder(dir.path()).unwrap();
    let merged = h
        .lines
        .iter()
        .find(|l| l.school.as_str() == "tay-ninh-binh-phuoc")
        .unwrap();
    assert_eq!(merged.predecessors.len(), 2);
    // Undo takes it back.
    support::ui::send(&mut app, [Message::Undo]);
    assert_eq!(
        app.workbook()
            .unwrap()
            .school(&Id::new("tay-ninh-binh-phuoc"))
            .unwrap()
            .continues
            .len(),
        1
    );
}
