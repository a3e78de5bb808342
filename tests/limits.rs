//! Issue 26, points 3 and 5: every input is bounded, and what a file may
//! say is checked — limits named by `check`, refused on merge and at
//! entry; merger circles; invisible characters; formulas in CSV cells.

mod support;

use thidua::exchange::{self, Status};
use thidua::limits;
use thidua::workbook::edit::Edit;
use thidua::workbook::{self, Activity, ActivityKind, Id, Owner, Workbook};

const SCHOOL: &str = "binh-thuan";

fn sid(s: &str) -> Id {
    Id::new(s)
}

fn sample() -> Workbook {
    support::sample::load_sample().workbook
}

fn codes(wb: &Workbook) -> Vec<&'static str> {
    workbook::validate(wb).iter().map(|p| p.code()).collect()
}

fn activity(id: &str, owner: &str, day: i8) -> Activity {
    Activity {
        id: sid(id),
        owner: Owner::School(sid(owner)),
        kind: ActivityKind::Seminar,
        title: format!("Hội thảo {id}"),
        start: jiff::civil::date(2019, 5, day),
        end: None,
        host: Some(sid(owner)),
        participants: Vec::new(),
        people: Vec::new(),
        results: Vec::new(),
        evidence: Vec::new(),
        note: String::new(),
        rev: Default::default(),
    }
}

/// The school's own copy, as it comes back after `change`.
fn returned(master: &Workbook, change: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let copy = support::mail::emailed(master, SCHOOL);
    let mut wb = workbook::load_bytes(&copy).unwrap().workbook;
    change(&mut wb);
    exchange::stamp(&mut wb, &Owner::School(sid(SCHOOL)));
    workbook::to_bytes(&wb)
}

#[test]
fn check_names_a_text_over_its_limit_and_the_workbook_still_opens() {
    let mut wb = sample();
    let leaf = wb.criteria[0].leaves()[0].id.clone();
    let score = wb
        .assessment_mut(&sid(SCHOOL))
        .self_scores
        .entry(leaf)
        .or_default();
    score.note = "a".repeat(limits::MAX_NOTE_CHARS);
    assert!(!codes(&wb).contains(&"text_too_long"), "{:?}", codes(&wb));
    score_note(&mut wb).push('b');
    let problems = workbook::validate(&wb);
    let p = problems
        .iter()
        .find(|p| p.code() == "text_too_long")
        .expect("the note over its limit is named");
    assert!(p.message().contains("ghi chú"), "{}", p);
    assert!(p.message().contains("2001"), "{}", p);
    // Saved and opened again: opens, with the problem listed.
    let loaded = workbook::load_bytes(&workbook::to_bytes(&wb)).unwrap();
    assert!(loaded.problems.iter().any(|p| p.code() == "text_too_long"));
    // A name over 200 characters, and the minutes' free text over 20 000.
    let mut wb = sample();
    wb.members[0].full_name = "Đ".repeat(limits::MAX_NAME_CHARS + 1);
    wb.conference.discussion = "x".repeat(limits::MAX_LONG_CHARS + 1);
    let n = workbook::validate(&wb)
        .iter()
        .filter(|p| p.code() == "text_too_long")
        .count();
    assert_eq!(n, 2);
}

fn score_note(wb: &mut Workbook) -> &mut String {
    let leaf = wb.criteria[0].leaves()[0].id.clone();
    &mut wb
        .assessment_mut(&sid(SCHOOL))
        .self_scores
        .get_mut(&leaf)
        .unwrap()
        .note
}

#[test]
fn check_names_too_many_activities_of_one_school() {
    let mut wb = sample();
    for i in 0..limits::MAX_ACTIVITIES {
        wb.activities.push(activity(&format!("x{i}"), SCHOOL, 10));
    }
    assert!(!codes(&wb).contains(&"too_many"));
    wb.activities.push(activity("x-last", SCHOOL, 10));
    let problems = workbook::validate(&wb);
    let p = problems.iter().find(|p| p.code() == "too_many").unwrap();
    assert!(p.message().contains("Hoạt động"), "{}", p);
}

#[test]
fn a_return_of_90_000_activities_is_refused_at_once() {
    let master = support::mail::mailed_out_sample();
    let bytes = returned(&master, |wb| {
        for i in 0..90_000 {
            wb.activities
                .push(activity(&format!("bt-{i}"), SCHOOL, 1 + (i % 28) as i8));
        }
    });
    let watchdog = std::time::Instant::now();
    let err = exchange::review_bytes(&master, &bytes, "bt.json").unwrap_err();
    assert_eq!(err.code(), "too_many", "{err}");
    assert!(err.to_string().contains("500"), "{err}");
    // Not a timing test: a generous bound against the quadratic merge.
    assert!(watchdog.elapsed().as_secs() < 60);
}

#[test]
fn five_hundred_returned_activities_merge_in_order() {
    let mut master = support::mail::mailed_out_sample();
    let before = master.activities.len();
    let bytes = returned(&master, |wb| {
        // Added in reverse: the merge puts them in date order among the
        // master's own, as one at a time would.
        for i in (0..limits::MAX_ACTIVITIES).rev() {
            wb.activities
                .push(activity(&format!("bt-{i:03}"), SCHOOL, 1 + (i % 28) as i8));
        }
    });
    let review = exchange::review_bytes(&master, &bytes, "bt.json").unwrap();
    assert_eq!(review.acceptable().count(), limits::MAX_ACTIVITIES);
    let done = exchange::apply(&mut master, &review, &Default::default());
    assert_eq!(done.accepted as usize, limits::MAX_ACTIVITIES);
    assert_eq!(master.activities.len(), before + limits::MAX_ACTIVITIES);
    let ours: Vec<(jiff::civil::Date, Id)> = master
        .activities
        .iter()
        .filter(|a| a.id.as_str().starts_with("bt-"))
        .map(|a| (a.start, a.id.clone()))
        .collect();
    let mut sorted = ours.clone();
    sorted.sort();
    assert_eq!(ours, sorted);
    assert!(workbook::validate(&master).is_empty());
}

#[test]
fn a_returned_record_over_a_limit_is_refused_with_the_field_named() {
    let master = support::mail::mailed_out_sample();
    let bytes = returned(&master, |wb| {
        *score_note(wb) = "n".repeat(limits::MAX_NOTE_CHARS + 1);
        let leaf = wb.criteria[0].leaves()[0].id.clone();
        let me = Owner::School(sid(SCHOOL));
        let a = wb.assessment_mut(&sid(SCHOOL));
        a.self_scores.get_mut(&leaf).unwrap().rev.bump(&me);
    });
    let review = exchange::review_bytes(&master, &bytes, "bt.json").unwrap();
    let why = review
        .refused()
        .find_map(|c| match &c.status {
            Status::Refused(why) => Some(why.clone()),
            _ => None,
        })
        .expect("the long note is refused");
    assert!(why.contains("ghi chú") && why.contains("2000"), "{why}");
}

#[test]
fn invisible_characters_are_refused_at_entry_in_check_and_on_merge() {
    // At entry: a head's name with two zero-width spaces.
    let mut wb = sample();
    let mut school = wb.school(&sid(SCHOOL)).unwrap().clone();
    school.head.name = "Nguyễn\u{200B}Văn\u{200B}A".into();
    let err = Edit::SetSchool(school.clone()).apply(&mut wb).unwrap_err();
    assert!(err.to_string().contains("U+200B"), "{err}");
    // A byte-order mark inside a name, a bidi isolate in a title.
    for bad in ["\u{FEFF}Bình Dương", "Bình \u{2066}Dương"] {
        school.full_name = bad.into();
        assert!(Edit::SetSchool(school.clone()).apply(&mut wb).is_err());
    }
    // Typed over the limit: refused with the field named.
    let mut school = wb.school(&sid(SCHOOL)).unwrap().clone();
    school.province = "x".repeat(limits::MAX_NAME_CHARS + 1);
    let err = Edit::SetSchool(school).apply(&mut wb).unwrap_err();
    assert!(err.to_string().contains("Tỉnh"), "{err}");
    // In check.
    let mut wb = sample();
    wb.members[0].head.name = "Nguyễn\u{200B}\u{200B}Văn A".into();
    assert!(codes(&wb).contains(&"bad_character"), "{:?}", codes(&wb));
    // On merge: the school's own contact details with a zero-width joiner.
    let master = support::mail::mailed_out_sample();
    let bytes = returned(&master, |wb| {
        let s = wb.members.iter_mut().find(|s| s.id == sid(SCHOOL)).unwrap();
        s.officer.name = "Trần\u{200D}Thị B".into();
        s.rev.bump(&Owner::School(sid(SCHOOL)));
    });
    let review = exchange::review_bytes(&master, &bytes, "bt.json").unwrap();
    assert!(
        review.refused().count() >= 1 && review.acceptable().count() == 0,
        "{:#?}",
        review.changes
    );
}

#[test]
fn check_refuses_merger_circles_and_successors_of_current_members() {
    let base = sample();
    let (a, b) = (base.members[0].id.clone(), base.members[1].id.clone());
    // A successor given to a current member.
    let mut wb = base.clone();
    wb.members[0].successor = Some(b.clone());
    assert!(
        codes(&wb).contains(&"successor_of_member"),
        "{:?}",
        codes(&wb)
    );
    // Two schools that left, each merged into the other.
    let mut wb = base.clone();
    let day = Some(jiff::civil::date(2019, 6, 1));
    wb.members[0].left = day;
    wb.members[1].left = day;
    wb.members[0].successor = Some(b.clone());
    wb.members[1].successor = Some(a.clone());
    assert!(codes(&wb).contains(&"merger_cycle"), "{:?}", codes(&wb));
    // A school that left and is its own successor.
    let mut wb = base.clone();
    wb.members[0].left = day;
    wb.members[0].successor = Some(a.clone());
    assert!(codes(&wb).contains(&"merger_cycle"), "{:?}", codes(&wb));
    // A school continuing itself.
    let mut wb = base.clone();
    wb.members[0].continues = vec![a.clone()];
    assert!(!workbook::validate(&wb).is_empty());
    // An earlier school merged into a member, which left for a third that
    // continues the first: round again.
    let mut wb = base.clone();
    wb.members[0].left = day;
    wb.members[0].successor = Some(b.clone());
    wb.members[1].continues = vec![sid("truong-cu")];
    assert!(!codes(&wb).contains(&"merger_cycle"), "{:?}", codes(&wb));
    wb.members[0].continues = vec![b.clone()];
    assert!(codes(&wb).contains(&"merger_cycle") || codes(&wb).contains(&"continues_member"));
}

#[test]
fn csv_cells_that_would_be_formulas_are_escaped() {
    // Through the command: a school named as a formula.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = sample();
    wb.members[0].full_name = "=1+2".into();
    std::fs::write(dir.path().join("Cum8-2019.json"), workbook::to_bytes(&wb)).unwrap();
    let (code, out, err) =
        support::cli::thidua(&["history", dir.path().to_str().unwrap(), "--csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("'=1+2"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("=1+2")), "{out}");
}
