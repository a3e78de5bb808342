//! A member school's machine edits as that school: only its own records,
//! with its own revisions and ownership, so the leader's merge accepts them.

mod support;

use thidua::exchange;
use thidua::workbook::edit::{ActivityEdit, Edit, EditError, ScoreEdit, scores::Side};
use thidua::workbook::{self, Id, Owner, Points};

fn school() -> Owner {
    Owner::School(Id::new("dong-nai"))
}

fn points(school: &str, side: Side, p: i64) -> Edit {
    Edit::Score(ScoreEdit::Points {
        school: Id::new(school),
        criterion: Id::new("I.1"),
        side,
        points: Some(Points(p)),
    })
}

#[test]
fn a_school_changes_its_own_self_scores_under_its_own_key() {
    let mut wb = support::sample::build();
    points("dong-nai", Side::Own, 300)
        .apply_as(&mut wb, &school())
        .unwrap();
    let s = &wb.assessment(&Id::new("dong-nai")).unwrap().self_scores[&Id::new("I.1")];
    assert_eq!(s.points, Points(300));
    assert_eq!(s.rev.0.get(&wb.replica_key(&school())), Some(&1));
    assert!(s.rev.0.keys().all(|k| k.starts_with("dong-nai~")));
}

#[test]
fn a_school_cannot_change_what_it_does_not_own() {
    let before = support::sample::build();
    let refused = [
        points("dong-nai", Side::Cluster, 300),
        points("tay-ninh", Side::Own, 300),
        Edit::SetLeader(Some(Id::new("dong-nai"))),
        Edit::RemoveSchool(Id::new("tay-ninh")),
        Edit::Activity(ActivityEdit::Remove(before.activities[0].id.clone())),
    ];
    for edit in refused {
        let mut wb = before.clone();
        let e = edit.clone().apply_as(&mut wb, &school()).unwrap_err();
        assert!(matches!(e, EditError::NotOwner(_)), "{edit:?}: {e}");
        assert!(e.to_string().contains("Đồng Nai"), "{e}");
        assert_eq!(wb, before, "{edit:?} changed the workbook");
    }
}

#[test]
fn a_schools_new_activity_is_its_own_and_it_may_edit_it_again() {
    let mut wb = support::sample::build();
    let mut a = wb.activities[0].clone();
    a.id = Id::default();
    a.host = Some(Id::new("dong-nai"));
    a.title = "Tọa đàm khoa học của Trường Chính trị tỉnh Đồng Nai".into();
    Edit::Activity(ActivityEdit::Add(a))
        .apply_as(&mut wb, &school())
        .unwrap();
    let added = wb.activities.last().unwrap().clone();
    assert_eq!(added.owner, school());
    assert!(added.id.as_str().starts_with("dong-nai-"), "{}", added.id);
    let mut changed = added.clone();
    changed.note = "Có 12 tham luận".into();
    Edit::Activity(ActivityEdit::Set(changed))
        .apply_as(&mut wb, &school())
        .unwrap();
}

#[test]
fn what_a_school_enters_on_its_machine_merges_at_the_leader() {
    let master = support::sample::build();
    let mut copy = master.clone();
    points("dong-nai", Side::Own, 325)
        .apply_as(&mut copy, &school())
        .unwrap();
    let mut a = copy.activities[0].clone();
    a.id = Id::default();
    a.host = Some(Id::new("dong-nai"));
    a.title = "Hội thảo cấp trường".into();
    Edit::Activity(ActivityEdit::Add(a))
        .apply_as(&mut copy, &school())
        .unwrap();
    exchange::stamp(&mut copy, &school());
    let review =
        exchange::review_bytes(&master, &workbook::to_bytes(&copy), "Cum8-2019 (1).json").unwrap();
    assert_eq!(review.refused().count(), 0, "{:?}", review.changes);
    assert_eq!(review.conflicts().count(), 0);
    assert_eq!(review.acceptable().count(), 2);
    let mut merged = master.clone();
    exchange::apply(&mut merged, &review, &exchange::Decisions::default());
    let s = &merged.assessment(&Id::new("dong-nai")).unwrap().self_scores[&Id::new("I.1")];
    assert_eq!(s.points, Points(325));
    assert!(
        merged
            .activities
            .iter()
            .any(|x| x.title == "Hội thảo cấp trường")
    );
}
