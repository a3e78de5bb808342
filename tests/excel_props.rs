//! Filled forms nobody here wrote (issue 17): random cells of every sheet —
//! the hidden one included — set to numbers at the limits, text of any
//! kind, dates, or cleared. Reading and merging never panics, and whatever
//! is merged touches only the sending school's own part and adds no
//! problem to the master.

mod support;

use proptest::prelude::*;
use support::xlsx::{Put, fill};
use thidua::exchange::{self, Decisions};
use thidua::spreadsheet::form;
use thidua::workbook::{self, Id, Owner, Workbook};

const SHEETS: [&str; 5] = ["Tự chấm", "Điểm thưởng", "Đăng ký", "Hoạt động", "_thidua"];

fn value() -> impl Strategy<Value = Put> {
    prop_oneof![
        Just(Put::Empty),
        prop_oneof![
            Just(0.0),
            Just(-1.0),
            Just(0.005),
            Just(1e-7),
            Just(2.5),
            Just(9.999_999_9),
            Just(1e308),
            Just(-1e308),
            Just(43_600.0),
            Just(4_294_967_296.0),
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
        ]
        .prop_map(Put::Number),
        prop_oneof![
            Just("8,5".to_string()),
            Just("1.000,25".to_string()),
            Just("-0,5".to_string()),
            Just("15/03/2019".to_string()),
            Just("31/02/2019".to_string()),
            Just("Có".to_string()),
            Just("Cờ thi đua của Học viện Chính trị quốc gia Hồ Chí Minh".to_string()),
            Just("Hội thảo, tọa đàm khoa học".to_string()),
            Just("c:I.1".to_string()),
            Just("b:cluster-adj1".to_string()),
            Just("a:cluster-a1".to_string()),
            Just("dong-nai".to_string()),
            Just("{\"points\":1}".to_string()),
            "\\PC{0,40}",
            "[0-9,.\\- ]{0,12}",
        ]
        .prop_map(Put::Text),
    ]
}

/// Anywhere in the first 60 rows and 10 columns of a sheet; or, half the
/// time, in the cells a clerk fills (so edits are merged, not only left
/// aside), with plausible scores among the values.
fn edit() -> impl Strategy<Value = (usize, String, Put)> {
    let anywhere =
        (0..SHEETS.len(), 0u8..10, 1u32..60, value()).prop_map(|(sheet, col, row, put)| {
            let col = (b'A' + col) as char;
            (sheet, format!("{col}{row}"), put)
        });
    let plausible = prop_oneof![
        (0u32..1100).prop_map(|h| Put::Number(f64::from(h) / 100.0)),
        (0u32..1100).prop_map(|h| Put::Text(format!("{},{:02}", h / 100, h % 100))),
        value(),
    ];
    // (sheet, input columns, first and last row of its table)
    let inputs = prop_oneof![
        Just((0usize, "DEF", 6u32, 30u32)),
        Just((1, "BCD", 6, 16)),
        Just((2, "B", 5, 17)),
        Just((3, "BCDEFG", 6, 18)),
    ];
    let filled = (
        inputs,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        plausible,
    )
        .prop_map(|((sheet, cols, first, last), c, r, put)| {
            let col = cols.as_bytes()[c.index(cols.len())] as char;
            let row = first + r.index((last - first + 1) as usize) as u32;
            (sheet, format!("{col}{row}"), put)
        });
    prop_oneof![anywhere, filled]
}

/// Everything outside `school`'s own part, for comparison.
fn others(wb: &Workbook, school: &Id) -> String {
    let mut wb = wb.clone();
    wb.provenance = Default::default();
    wb.replica.clear();
    for a in &mut wb.assessments {
        if &a.school == school {
            a.self_scores.clear();
            a.registration = Default::default();
            a.adjustments
                .retain(|x| x.owner != Owner::School(school.clone()));
        }
    }
    wb.activities
        .retain(|a| a.owner != Owner::School(school.clone()) && a.host.as_ref() != Some(school));
    String::from_utf8(workbook::to_bytes(&wb)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_filled_form_merges_only_into_its_schools_part(
        school in 0usize..7,
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let m = support::mail::mailed_out_sample();
        let id = m.members[school].id.clone();
        let blank = form::form_with_id(&m, &id, "p").unwrap();
        let edits: Vec<(&str, &str, Put)> = edits
            .iter()
            .map(|(s, c, p)| (SHEETS[*s], c.as_str(), p.clone()))
            .collect();
        let filled = fill(&blank, &edits);
        let before: std::collections::HashSet<String> =
            workbook::validate(&m).into_iter().map(|p| p.message()).collect();
        if let Ok(review) = exchange::review_bytes(&m, &filled, "phieu.xlsx") {
            // A form that proves its school is that school's; one whose
            // token was cleared is unsigned, left to the clerk, and still
            // touches only the part of the school it names.
            if review.authenticity == exchange::Authenticity::Excel {
                prop_assert_eq!(&review.sender, &id);
            }
            let sender = review.sender.clone();
            let mut merged = m.clone();
            exchange::apply(&mut merged, &review, &Decisions::new());
            prop_assert_eq!(others(&merged, &sender), others(&m, &sender));
            let added: Vec<String> = workbook::validate(&merged)
                .into_iter()
                .map(|p| p.message())
                .filter(|p| !before.contains(p))
                .collect();
            prop_assert!(added.is_empty(), "{:?}", added);
            // What was merged can be saved and opened again.
            let again = workbook::load_bytes(&workbook::to_bytes(&merged));
            prop_assert!(again.is_ok());
        }
    }
}
