//! Who may change what (issue 26, point 2): one rule,
//! `workbook::rights::may_change`, for every record kind × editor ×
//! create/change/delete — and the window's edits, `.json` returns and Excel
//! forms all follow it.

mod support;

use thidua::workbook::record::Rec;
use thidua::workbook::rights::{ClusterPart, NotYours, may_change};
use thidua::workbook::{
    Activity, Adjustment, AdjustmentKind, Discipline, Id, Owner, Points, RecordKey, Registration,
    Score, Workbook,
};

fn id(s: &str) -> Id {
    Id::new(s)
}

const ME: &str = "dong-nai";
const OTHER: &str = "tay-ninh";

fn me() -> Owner {
    Owner::School(id(ME))
}

/// What each editor may do: (cluster, own school, another school).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ok3 {
    /// The cluster only.
    Cluster,
    /// The cluster and the school whose part it is.
    Owner,
}

/// One row of the table: a record, before and after, and who may.
struct Row<'a> {
    what: &'static str,
    key: RecordKey,
    before: Option<Rec<'a>>,
    after: Option<Rec<'a>>,
    who: Ok3,
}

fn activity(wb: &Workbook, host: Option<&str>) -> Activity {
    let mut a = wb.activities[0].clone();
    a.host = host.map(id);
    a
}

fn claim(owner: Owner, kind: AdjustmentKind, accepted: Option<Points>) -> Adjustment {
    Adjustment {
        id: id("x-adj1"),
        owner,
        kind,
        points: Points(200),
        reason: "Đăng cai hội thi".into(),
        accepted,
        evidence: Vec::new(),
        rev: Default::default(),
    }
}

#[test]
fn every_record_kind_by_every_editor_created_changed_and_deleted() {
    let wb = support::sample::build();
    let score = Score {
        points: Points(300),
        ..Score::default()
    };
    let score2 = Score {
        points: Points(250),
        ..Score::default()
    };
    let reg = Registration::default();
    let reg2 = Registration {
        targets: vec!["100% giảng viên đạt chuẩn".into()],
        ..Registration::default()
    };
    let disc = Discipline::default();
    let disc2 = Discipline {
        under_review: true,
        ..Discipline::default()
    };
    let mine_claim = claim(me(), AdjustmentKind::Bonus, None);
    let mine_claim2 = Adjustment {
        reason: "Đăng cai hội thi cấp cụm".into(),
        ..mine_claim.clone()
    };
    let mine_accepted = Adjustment {
        accepted: Some(Points(100)),
        ..mine_claim.clone()
    };
    let cluster_item = claim(Owner::Cluster, AdjustmentKind::Bonus, None);
    let deduction = claim(me(), AdjustmentKind::Deduction, None);
    let hosted = activity(&wb, Some(ME));
    let hosted2 = Activity {
        note: "Có 12 tham luận".into(),
        ..hosted.clone()
    };
    let elsewhere = activity(&wb, Some(OTHER));
    let cluster_act = activity(&wb, None);
    let moved_away = Activity {
        host: Some(id(OTHER)),
        ..hosted.clone()
    };
    let member = wb.school(&id(ME)).unwrap().clone();
    let mut member_contact = member.clone();
    member_contact.officer.phone = "0912 345 678".into();
    let mut member_renamed = member.clone();
    member_renamed.full_name = "Trường Chính trị Đồng Nai mới".into();
    let roles = wb.roles.clone();
    let mut roles2 = roles.clone();
    roles2.leader = Some(id(ME));

    let ss = |s: &str| RecordKey::SelfScore(id(s), id("I.1"));
    let adj = |s: &str| RecordKey::Adjustment(id(s), id("x-adj1"));
    let act = RecordKey::Activity(wb.activities[0].id.clone());
    use Ok3::{Cluster, Owner as Own};
    let rows = vec![
        // Self-scores and registration: the school's own.
        Row {
            what: "self-score created",
            key: ss(ME),
            before: None,
            after: Some(Rec::Score(&score)),
            who: Own,
        },
        Row {
            what: "self-score changed",
            key: ss(ME),
            before: Some(Rec::Score(&score)),
            after: Some(Rec::Score(&score2)),
            who: Own,
        },
        Row {
            what: "self-score deleted",
            key: ss(ME),
            before: Some(Rec::Score(&score)),
            after: None,
            who: Own,
        },
        Row {
            what: "registration changed",
            key: RecordKey::Registration(id(ME)),
            before: Some(Rec::Registration(&reg)),
            after: Some(Rec::Registration(&reg2)),
            who: Own,
        },
        // Cluster scores and discipline: the cluster's.
        Row {
            what: "cluster score created",
            key: RecordKey::ClusterScore(id(ME), id("I.1")),
            before: None,
            after: Some(Rec::Score(&score)),
            who: Cluster,
        },
        Row {
            what: "cluster score changed",
            key: RecordKey::ClusterScore(id(ME), id("I.1")),
            before: Some(Rec::Score(&score)),
            after: Some(Rec::Score(&score2)),
            who: Cluster,
        },
        Row {
            what: "cluster score deleted",
            key: RecordKey::ClusterScore(id(ME), id("I.1")),
            before: Some(Rec::Score(&score)),
            after: None,
            who: Cluster,
        },
        Row {
            what: "discipline changed",
            key: RecordKey::Discipline(id(ME)),
            before: Some(Rec::Discipline(&disc)),
            after: Some(Rec::Discipline(&disc2)),
            who: Cluster,
        },
        // Bonus claims: the school's own, but never a deduction, an item
        // the cluster entered, or the accepted amount.
        Row {
            what: "claim created",
            key: adj(ME),
            before: None,
            after: Some(Rec::Adjustment(&mine_claim)),
            who: Own,
        },
        Row {
            what: "claim changed",
            key: adj(ME),
            before: Some(Rec::Adjustment(&mine_claim)),
            after: Some(Rec::Adjustment(&mine_claim2)),
            who: Own,
        },
        Row {
            what: "claim deleted",
            key: adj(ME),
            before: Some(Rec::Adjustment(&mine_claim)),
            after: None,
            who: Own,
        },
        Row {
            what: "claim accepted",
            key: adj(ME),
            before: Some(Rec::Adjustment(&mine_claim)),
            after: Some(Rec::Adjustment(&mine_accepted)),
            who: Cluster,
        },
        Row {
            what: "claim created accepted",
            key: adj(ME),
            before: None,
            after: Some(Rec::Adjustment(&mine_accepted)),
            who: Cluster,
        },
        Row {
            what: "cluster item created",
            key: adj(ME),
            before: None,
            after: Some(Rec::Adjustment(&cluster_item)),
            who: Cluster,
        },
        Row {
            what: "cluster item deleted",
            key: adj(ME),
            before: Some(Rec::Adjustment(&cluster_item)),
            after: None,
            who: Cluster,
        },
        Row {
            what: "deduction created",
            key: adj(ME),
            before: None,
            after: Some(Rec::Adjustment(&deduction)),
            who: Cluster,
        },
        Row {
            what: "deduction deleted",
            key: adj(ME),
            before: Some(Rec::Adjustment(&deduction)),
            after: None,
            who: Cluster,
        },
        // Activities: the host's.
        Row {
            what: "hosted activity created",
            key: act.clone(),
            before: None,
            after: Some(Rec::Activity(&hosted)),
            who: Own,
        },
        Row {
            what: "hosted activity changed",
            key: act.clone(),
            before: Some(Rec::Activity(&hosted)),
            after: Some(Rec::Activity(&hosted2)),
            who: Own,
        },
        Row {
            what: "hosted activity deleted",
            key: act.clone(),
            before: Some(Rec::Activity(&hosted)),
            after: None,
            who: Own,
        },
        Row {
            what: "hosted activity given away",
            key: act.clone(),
            before: Some(Rec::Activity(&hosted)),
            after: Some(Rec::Activity(&moved_away)),
            who: Cluster,
        },
        Row {
            what: "another host's activity created",
            key: act.clone(),
            before: None,
            after: Some(Rec::Activity(&elsewhere)),
            who: Cluster,
        },
        Row {
            what: "another host's activity deleted",
            key: act.clone(),
            before: Some(Rec::Activity(&elsewhere)),
            after: None,
            who: Cluster,
        },
        Row {
            what: "cluster activity created",
            key: act.clone(),
            before: None,
            after: Some(Rec::Activity(&cluster_act)),
            who: Cluster,
        },
        Row {
            what: "cluster activity changed",
            key: act.clone(),
            before: Some(Rec::Activity(&cluster_act)),
            after: Some(Rec::Activity(&hosted)),
            who: Cluster,
        },
        // Members: contact details only, of itself.
        Row {
            what: "own contact details",
            key: RecordKey::Member(id(ME)),
            before: Some(Rec::Member(&member)),
            after: Some(Rec::Member(&member_contact)),
            who: Own,
        },
        Row {
            what: "own name",
            key: RecordKey::Member(id(ME)),
            before: Some(Rec::Member(&member)),
            after: Some(Rec::Member(&member_renamed)),
            who: Cluster,
        },
        Row {
            what: "member created",
            key: RecordKey::Member(id(ME)),
            before: None,
            after: Some(Rec::Member(&member)),
            who: Cluster,
        },
        Row {
            what: "member deleted",
            key: RecordKey::Member(id(ME)),
            before: Some(Rec::Member(&member)),
            after: None,
            who: Cluster,
        },
        // The cluster's single records.
        Row {
            what: "roles",
            key: RecordKey::Roles,
            before: Some(Rec::Roles(&roles)),
            after: Some(Rec::Roles(&roles2)),
            who: Cluster,
        },
        Row {
            what: "rules",
            key: RecordKey::Rules,
            before: Some(Rec::Rules(&wb.rules)),
            after: Some(Rec::Rules(&wb.rules)),
            who: Cluster,
        },
        Row {
            what: "criteria",
            key: RecordKey::Criteria,
            before: Some(Rec::Criteria(&wb.criteria)),
            after: Some(Rec::Criteria(&wb.criteria)),
            who: Cluster,
        },
        Row {
            what: "conference",
            key: RecordKey::Conference,
            before: Some(Rec::Conference(&wb.conference)),
            after: Some(Rec::Conference(&wb.conference)),
            who: Cluster,
        },
        Row {
            what: "documents",
            key: RecordKey::Documents,
            before: Some(Rec::Documents(&wb.documents)),
            after: Some(Rec::Documents(&wb.documents)),
            who: Cluster,
        },
    ];
    for row in &rows {
        assert!(
            may_change(&Owner::Cluster, &row.key, row.before, row.after).is_ok(),
            "the cluster may always: {}",
            row.what
        );
        let own = may_change(&me(), &row.key, row.before, row.after);
        assert_eq!(own.is_ok(), row.who == Own, "{}: {own:?}", row.what);
        if let Err(why) = &own {
            // Every refusal says whose it is, in Vietnamese.
            let text = why.whose(&wb);
            assert!(
                text.contains("cụm") || text.contains("trường"),
                "{}: {text}",
                row.what
            );
        }
        // Another school may never change what is in this school's part.
        let other = may_change(&Owner::School(id(OTHER)), &row.key, row.before, row.after);
        let others_own = matches!(
            row.what,
            "another host's activity created" | "another host's activity deleted"
        );
        assert_eq!(
            other.is_ok(),
            others_own,
            "{} by another school: {other:?}",
            row.what
        );
    }
    // The reasons are typed: a deduction is the cluster's, whoever made it.
    assert_eq!(
        may_change(&me(), &adj(ME), None, Some(Rec::Adjustment(&deduction))),
        Err(NotYours::Cluster(ClusterPart::Deductions))
    );
    assert_eq!(
        may_change(&me(), &act, None, Some(Rec::Activity(&elsewhere))),
        Err(NotYours::Host(Some(id(OTHER))))
    );
}

/// The window on a school's machine follows the same rule: an activity
/// hosted by another school cannot be made there, one it hosts can.
#[test]
fn the_window_s_edits_follow_the_same_rule() {
    use thidua::workbook::edit::{ActivityEdit, Edit, EditError};
    let mut wb = support::sample::build();
    let mut a = wb.activities[0].clone();
    a.id = Id::default();
    a.host = Some(id(OTHER));
    let e = Edit::Activity(ActivityEdit::Add(a.clone()))
        .apply_as(&mut wb, &me())
        .unwrap_err();
    assert!(matches!(e, EditError::NotOwner(_)), "{e}");
    a.host = Some(id(ME));
    Edit::Activity(ActivityEdit::Add(a))
        .apply_as(&mut wb, &me())
        .unwrap();
    // Its own contact details, yes; its name, no.
    let mut s = wb.school(&id(ME)).unwrap().clone();
    s.officer.email = "vanphong@truongchinhtri.dongnai.gov.vn".into();
    Edit::SetSchool(s.clone()).apply_as(&mut wb, &me()).unwrap();
    s.full_name = "Tên khác".into();
    assert!(Edit::SetSchool(s).apply_as(&mut wb, &me()).is_err());
}

/// A return that creates an activity hosted by another school is refused
/// in the review, saying whose it is.
#[test]
fn a_return_cannot_create_an_activity_hosted_by_another_school() {
    use thidua::exchange::{self, Status};
    let mut master = support::sample::build();
    exchange::stamp(&mut master, &Owner::Cluster);
    let mut copy = master.clone();
    let mut a = copy.activities[0].clone();
    a.id = id("dong-nai-activity9");
    a.owner = me();
    a.host = Some(id(OTHER));
    a.rev.bump_as(&copy.replica_key(&me()));
    copy.activities.push(a);
    exchange::stamp(&mut copy, &me());
    let r = exchange::review_bytes(&master, &thidua::workbook::to_bytes(&copy), "x.json").unwrap();
    let c = r
        .changes
        .iter()
        .find(|c| c.key == RecordKey::Activity(id("dong-nai-activity9")))
        .expect("listed");
    match &c.status {
        Status::Refused(why) => assert!(why.contains("Tây Ninh"), "{why}"),
        other => panic!("{other:?}"),
    }
}
