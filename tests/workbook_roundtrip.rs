//! Property: for any workbook we can build, load(save(w)) == w, and saving
//! again gives the same bytes.

use proptest::prelude::*;
use thidua::workbook::{self, synthetic, *};

fn text() -> impl Strategy<Value = String> {
    // Vietnamese letters, spaces, quotes and punctuation, always NFC.
    proptest::string::string_regex("[A-Za-zĂÂĐÊÔƠƯăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ \"'\\\\/,.:;()–-]{0,24}")
        .unwrap()
}

fn workbook_strategy() -> impl Strategy<Value = Workbook> {
    (
        1usize..8,
        1usize..20,
        0usize..15,
        proptest::collection::vec(text(), 6),
        any::<i64>(),
        1990i16..2100,
    )
        .prop_map(|(schools, criteria, activities, texts, n, year)| {
            let mut wb = synthetic::workbook(schools, criteria, activities);
            wb.year = year;
            wb.cluster.name = texts[0].clone();
            wb.description = texts[1].clone();
            wb.members[0].full_name = texts[2].clone();
            wb.members[0].head.name = texts[3].clone();
            wb.rules.legal_basis.push(texts[4].clone());
            if let Some(a) = wb.activities.first_mut() {
                a.note = texts[5].clone();
            }
            wb.rules.bonus_cap = Points(n.rem_euclid(100_000));
            wb.conference.academy_decisions.push(AcademyDecision {
                award: Id::new("co-thi-dua"),
                school: wb.members[0].id.clone(),
                outcome: DecisionOutcome::Pending,
                decision: DecisionRef::default(),
            });
            wb.assessments[0]
                .self_scores
                .values_mut()
                .for_each(|s| s.rev.bump(&Owner::School(Id::new("s01"))));
            wb
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn load_of_save_is_identity(wb in workbook_strategy()) {
        let bytes = workbook::to_bytes(&wb);
        let loaded = workbook::load_bytes(&bytes).expect("a saved workbook loads");
        prop_assert_eq!(&loaded.workbook, &wb);
        prop_assert_eq!(workbook::to_bytes(&loaded.workbook), bytes);
    }
}

#[test]
fn large_generated_workbook_is_valid() {
    let wb = synthetic::workbook(60, 300, 5000);
    let loaded = workbook::load_bytes(&workbook::to_bytes(&wb)).unwrap();
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(loaded.workbook.leaf_criteria().len(), 300);
}
