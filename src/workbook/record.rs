//! The records of a workbook, each with a stable key
//! ("self_score/s01/c001", "activity/a7"…) and (all but the criteria
//! table) a version vector: what a merge compares, what a deletion keeps
//! (`Provenance::deleted`) and what an editor may change
//! (`super::rights`). Facts about the workbook, so they live with the
//! model; the exchange and the Excel form build on them.

use super::{
    Activity, Adjustment, Conference, Criterion, Discipline, Documents, Id, Registration, Rev,
    Roles, Rules, School, Score, Workbook,
};
use std::collections::BTreeMap;
use std::fmt;

/// Which record a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKey {
    /// A member school's details (the cluster's).
    Member(Id),
    /// Leader, deputies, rotation (the cluster's).
    Roles,
    /// Scoring, rating and award rules (the cluster's).
    Rules,
    /// The criteria table (the cluster's).
    Criteria,
    /// A school's registration (the school's).
    Registration(Id),
    /// A school's self-score on a criterion: (school, criterion) (the school's).
    SelfScore(Id, Id),
    /// The cluster's score of a school on a criterion (the cluster's).
    ClusterScore(Id, Id),
    /// A bonus or deduction in a school's assessment: (school, item) (its owner's).
    Adjustment(Id, Id),
    /// A school's discipline status (the cluster's).
    Discipline(Id),
    /// An activity (its owner's).
    Activity(Id),
    /// The year-end conference (the cluster's).
    Conference,
    /// Document numbers, dates and texts (the cluster's).
    Documents,
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordKey::Member(s) => write!(f, "member/{s}"),
            RecordKey::Roles => f.write_str("roles"),
            RecordKey::Rules => f.write_str("rules"),
            RecordKey::Criteria => f.write_str("criteria"),
            RecordKey::Registration(s) => write!(f, "registration/{s}"),
            RecordKey::SelfScore(s, c) => write!(f, "self_score/{s}/{c}"),
            RecordKey::ClusterScore(s, c) => write!(f, "cluster_score/{s}/{c}"),
            RecordKey::Adjustment(s, a) => write!(f, "adjustment/{s}/{a}"),
            RecordKey::Discipline(s) => write!(f, "discipline/{s}"),
            RecordKey::Activity(a) => write!(f, "activity/{a}"),
            RecordKey::Conference => f.write_str("conference"),
            RecordKey::Documents => f.write_str("documents"),
        }
    }
}

impl RecordKey {
    /// The key [`Display`](fmt::Display) wrote, or None.
    pub fn parse(s: &str) -> Option<RecordKey> {
        let parts: Vec<&str> = s.split('/').collect();
        let id = |n: usize| parts.get(n).filter(|p| !p.is_empty()).map(|p| Id::new(*p));
        let key = match (parts[0], parts.len()) {
            ("member", 2) => RecordKey::Member(id(1)?),
            ("roles", 1) => RecordKey::Roles,
            ("rules", 1) => RecordKey::Rules,
            ("criteria", 1) => RecordKey::Criteria,
            ("registration", 2) => RecordKey::Registration(id(1)?),
            ("self_score", 3) => RecordKey::SelfScore(id(1)?, id(2)?),
            ("cluster_score", 3) => RecordKey::ClusterScore(id(1)?, id(2)?),
            ("adjustment", 3) => RecordKey::Adjustment(id(1)?, id(2)?),
            ("discipline", 2) => RecordKey::Discipline(id(1)?),
            ("activity", 2) => RecordKey::Activity(id(1)?),
            ("conference", 1) => RecordKey::Conference,
            ("documents", 1) => RecordKey::Documents,
            _ => return None,
        };
        Some(key)
    }
}

/// A record borrowed from a workbook.
#[derive(Debug, Clone, Copy)]
pub enum Rec<'a> {
    Member(&'a School),
    Roles(&'a Roles),
    Rules(&'a Rules),
    Criteria(&'a [Criterion]),
    Registration(&'a Registration),
    Score(&'a Score),
    Adjustment(&'a Adjustment),
    Discipline(&'a Discipline),
    Activity(&'a Activity),
    Conference(&'a Conference),
    Documents(&'a Documents),
}

/// Which parts of a workbook to list: the parts two workbooks share
/// unchanged need not be compared record by record (a school's return
/// usually leaves the other 59 schools' assessments exactly as sent).
pub(crate) struct Parts<'a> {
    members: bool,
    singles: bool,
    activities: bool,
    /// Schools whose assessments to list; None: all.
    schools: Option<std::collections::HashSet<&'a Id>>,
}

impl<'a> Parts<'a> {
    /// The parts holding the given records.
    pub(crate) fn holding(keys: impl Iterator<Item = &'a RecordKey>) -> Parts<'a> {
        let mut p = Parts {
            members: false,
            singles: false,
            activities: false,
            schools: Some(std::collections::HashSet::new()),
        };
        for k in keys {
            match k {
                RecordKey::Member(_) => p.members = true,
                RecordKey::Activity(_) => p.activities = true,
                RecordKey::Registration(s)
                | RecordKey::SelfScore(s, _)
                | RecordKey::ClusterScore(s, _)
                | RecordKey::Adjustment(s, _)
                | RecordKey::Discipline(s) => {
                    if let Some(set) = &mut p.schools {
                        set.insert(s);
                    }
                }
                _ => p.singles = true,
            }
        }
        p
    }

    /// The parts other than the assessments in which `a` and `b` differ.
    fn differing_outside_assessments(a: &Workbook, b: &Workbook) -> Parts<'a> {
        Parts {
            members: a.members != b.members,
            singles: a.roles != b.roles
                || a.rules != b.rules
                || a.criteria != b.criteria
                || a.conference != b.conference
                || a.documents != b.documents,
            activities: a.activities != b.activities,
            schools: None,
        }
    }
}

/// The records of the given parts of a workbook by key. Registration and
/// discipline exist for every assessment listed.
pub(crate) fn records_where<'a>(
    wb: &'a Workbook,
    parts: &Parts<'_>,
) -> BTreeMap<RecordKey, Rec<'a>> {
    let mut out = BTreeMap::new();
    if parts.members {
        for s in &wb.members {
            out.insert(RecordKey::Member(s.id.clone()), Rec::Member(s));
        }
    }
    if parts.singles {
        out.insert(RecordKey::Roles, Rec::Roles(&wb.roles));
        out.insert(RecordKey::Rules, Rec::Rules(&wb.rules));
        out.insert(RecordKey::Criteria, Rec::Criteria(&wb.criteria));
        out.insert(RecordKey::Conference, Rec::Conference(&wb.conference));
        out.insert(RecordKey::Documents, Rec::Documents(&wb.documents));
    }
    for a in wb
        .assessments
        .iter()
        .filter(|a| parts.schools.as_ref().is_none_or(|s| s.contains(&a.school)))
    {
        let s = &a.school;
        out.insert(
            RecordKey::Registration(s.clone()),
            Rec::Registration(&a.registration),
        );
        for (c, score) in &a.self_scores {
            out.insert(
                RecordKey::SelfScore(s.clone(), c.clone()),
                Rec::Score(score),
            );
        }
        for (c, score) in &a.cluster_scores {
            out.insert(
                RecordKey::ClusterScore(s.clone(), c.clone()),
                Rec::Score(score),
            );
        }
        for x in &a.adjustments {
            out.insert(
                RecordKey::Adjustment(s.clone(), x.id.clone()),
                Rec::Adjustment(x),
            );
        }
        out.insert(
            RecordKey::Discipline(s.clone()),
            Rec::Discipline(&a.discipline),
        );
    }
    if parts.activities {
        for a in &wb.activities {
            out.insert(RecordKey::Activity(a.id.clone()), Rec::Activity(a));
        }
    }
    out
}

/// The records in which two workbooks differ, by key, each with its
/// version on either side (None: absent there). Records equal on both
/// sides, revisions included, are skipped — and, in the assessments where
/// nearly all of a return's records are, skipped without building their
/// keys: a school's return is compared with a master that has moved on
/// (other returns merged since the mail-out), so many assessments differ
/// a little and a map of every record would dominate the merge.
pub(crate) fn differing_records<'a>(
    a: &'a Workbook,
    b: &'a Workbook,
) -> Vec<(RecordKey, Option<Rec<'a>>, Option<Rec<'a>>)> {
    let mut out = Vec::new();
    let parts = Parts {
        schools: Some(std::collections::HashSet::new()),
        ..Parts::differing_outside_assessments(a, b)
    };
    let ours = records_where(a, &parts);
    let mut theirs = records_where(b, &parts);
    for (k, x) in ours {
        let y = theirs.remove(&k);
        if !y.is_some_and(|y| x.eq_with_rev(&y)) {
            out.push((k, Some(x), y));
        }
    }
    out.extend(theirs.into_iter().map(|(k, y)| (k, None, Some(y))));

    let mut schools: Vec<&Id> = a
        .assessments
        .iter()
        .chain(&b.assessments)
        .map(|x| &x.school)
        .collect();
    schools.sort();
    schools.dedup();
    for s in schools {
        let x = a.assessment(s);
        let y = b.assessment(s);
        if x == y {
            continue;
        }
        let mut single = |key: RecordKey, p: Option<Rec<'a>>, q: Option<Rec<'a>>| {
            let same = match (p, q) {
                (Some(p), Some(q)) => p.eq_with_rev(&q),
                (None, None) => true,
                _ => false,
            };
            if !same {
                out.push((key, p, q));
            }
        };
        single(
            RecordKey::Registration(s.clone()),
            x.map(|x| Rec::Registration(&x.registration)),
            y.map(|y| Rec::Registration(&y.registration)),
        );
        single(
            RecordKey::Discipline(s.clone()),
            x.map(|x| Rec::Discipline(&x.discipline)),
            y.map(|y| Rec::Discipline(&y.discipline)),
        );
        static EMPTY: BTreeMap<Id, Score> = BTreeMap::new();
        let empty = &EMPTY;
        for (self_side, pick) in [
            (
                true,
                (|a: &'a crate::workbook::Assessment| &a.self_scores)
                    as fn(&'a crate::workbook::Assessment) -> &'a BTreeMap<Id, Score>,
            ),
            (false, |a: &'a crate::workbook::Assessment| {
                &a.cluster_scores
            }),
        ] {
            let p = x.map_or(empty, pick);
            let q = y.map_or(empty, pick);
            join(p, q, |c, p, q| {
                let key = if self_side {
                    RecordKey::SelfScore(s.clone(), c.clone())
                } else {
                    RecordKey::ClusterScore(s.clone(), c.clone())
                };
                out.push((key, p.map(Rec::Score), q.map(Rec::Score)));
            });
        }
        let adj = |w: Option<&'a crate::workbook::Assessment>| -> BTreeMap<&'a Id, &'a Adjustment> {
            w.map(|w| w.adjustments.iter().map(|x| (&x.id, x)).collect())
                .unwrap_or_default()
        };
        let (p, q) = (adj(x), adj(y));
        join(&p, &q, |id, p, q| {
            out.push((
                RecordKey::Adjustment(s.clone(), (*id).clone()),
                p.map(|p| Rec::Adjustment(p)),
                q.map(|q| Rec::Adjustment(q)),
            ));
        });
    }
    out.sort_by(|x, y| x.0.cmp(&y.0));
    out
}

/// Walks two sorted maps side by side and calls `f` for every key whose
/// values differ (or that one side lacks).
fn join<'m, K: Ord, V: PartialEq>(
    p: &'m BTreeMap<K, V>,
    q: &'m BTreeMap<K, V>,
    mut f: impl FnMut(&'m K, Option<&'m V>, Option<&'m V>),
) {
    let mut p = p.iter().peekable();
    let mut q = q.iter().peekable();
    loop {
        match (p.peek(), q.peek()) {
            (None, None) => break,
            (Some((k, v)), None) => {
                f(k, Some(v), None);
                p.next();
            }
            (None, Some((k, v))) => {
                f(k, None, Some(v));
                q.next();
            }
            (Some((k1, v1)), Some((k2, v2))) => match k1.cmp(k2) {
                std::cmp::Ordering::Less => {
                    f(k1, Some(v1), None);
                    p.next();
                }
                std::cmp::Ordering::Greater => {
                    f(k2, None, Some(v2));
                    q.next();
                }
                std::cmp::Ordering::Equal => {
                    if v1 != v2 {
                        f(k1, Some(v1), Some(v2));
                    }
                    p.next();
                    q.next();
                }
            },
        }
    }
}

impl<'a> Rec<'a> {
    /// The version vector; the criteria table has none.
    pub(crate) fn rev(&self) -> Option<&'a Rev> {
        match *self {
            Rec::Member(x) => Some(&x.rev),
            Rec::Roles(x) => Some(&x.rev),
            Rec::Rules(x) => Some(&x.rev),
            Rec::Criteria(_) => None,
            Rec::Registration(x) => Some(&x.rev),
            Rec::Score(x) => Some(&x.rev),
            Rec::Adjustment(x) => Some(&x.rev),
            Rec::Discipline(x) => Some(&x.rev),
            Rec::Activity(x) => Some(&x.rev),
            Rec::Conference(x) => Some(&x.rev),
            Rec::Documents(x) => Some(&x.rev),
        }
    }

    /// Same content, revisions aside.
    pub(crate) fn same_content(&self, other: &Rec<'_>) -> bool {
        fn eq<T: Clone + PartialEq>(a: &T, b: &T, rev: impl Fn(&mut T) -> &mut Rev) -> bool {
            let mut a2 = a.clone();
            let mut b2 = b.clone();
            *rev(&mut a2) = Rev::default();
            *rev(&mut b2) = Rev::default();
            a2 == b2
        }
        if let (Some(a), Some(b)) = (self.rev(), other.rev())
            && a == b
        {
            return self.eq_with_rev(other);
        }
        match (self, other) {
            (Rec::Member(a), Rec::Member(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Roles(a), Rec::Roles(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Rules(a), Rec::Rules(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Criteria(a), Rec::Criteria(b)) => a == b,
            (Rec::Registration(a), Rec::Registration(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Score(a), Rec::Score(b)) => {
                a.points == b.points && a.note == b.note && a.evidence == b.evidence
            }
            (Rec::Adjustment(a), Rec::Adjustment(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Discipline(a), Rec::Discipline(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Activity(a), Rec::Activity(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Conference(a), Rec::Conference(b)) => eq(*a, *b, |x| &mut x.rev),
            (Rec::Documents(a), Rec::Documents(b)) => eq(*a, *b, |x| &mut x.rev),
            _ => false,
        }
    }

    fn eq_with_rev(&self, other: &Rec<'_>) -> bool {
        match (self, other) {
            (Rec::Member(a), Rec::Member(b)) => a == b,
            (Rec::Roles(a), Rec::Roles(b)) => a == b,
            (Rec::Rules(a), Rec::Rules(b)) => a == b,
            (Rec::Criteria(a), Rec::Criteria(b)) => a == b,
            (Rec::Registration(a), Rec::Registration(b)) => a == b,
            (Rec::Score(a), Rec::Score(b)) => a == b,
            (Rec::Adjustment(a), Rec::Adjustment(b)) => a == b,
            (Rec::Discipline(a), Rec::Discipline(b)) => a == b,
            (Rec::Activity(a), Rec::Activity(b)) => a == b,
            (Rec::Conference(a), Rec::Conference(b)) => a == b,
            (Rec::Documents(a), Rec::Documents(b)) => a == b,
            _ => false,
        }
    }
}
