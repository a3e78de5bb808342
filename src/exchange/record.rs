//! The records a workbook is merged by: each with a stable key, an owner and
//! (all but the criteria table) a version vector.

pub use crate::workbook::RecordKey;
use crate::workbook::{
    Activity, Adjustment, AdjustmentKind, Conference, Criterion, Discipline, Documents, Id, Owner,
    Registration, Rev, Roles, Rules, School, Score, Workbook,
};
use std::collections::BTreeMap;

/// A record borrowed from a workbook.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rec<'a> {
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

/// How two version vectors relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    Equal,
    /// The first has every edit of the second, and more.
    Newer,
    /// The second has every edit of the first, and more.
    Older,
    /// Each has edits the other lacks.
    Concurrent,
}

pub(crate) fn compare(a: Option<&Rev>, b: Option<&Rev>) -> Order {
    let (Some(a), Some(b)) = (a, b) else {
        return Order::Equal;
    };
    match (b.includes(a), a.includes(b)) {
        (true, true) => Order::Equal,
        (false, true) => Order::Newer,
        (true, false) => Order::Older,
        (false, false) => Order::Concurrent,
    }
}

/// Pointwise maximum: every edit either side has seen.
pub(crate) fn merge_revs(a: Option<&Rev>, b: Option<&Rev>) -> Rev {
    let mut out = a.cloned().unwrap_or_default();
    if let Some(b) = b {
        out.absorb(b);
    }
    out
}

/// Is a version-vector key one of `editor`'s replicas ("s01" as older
/// files wrote it, or "s01~<replica>")?
pub(crate) fn key_is(key: &str, editor: &Owner) -> bool {
    let e = editor.editor_key();
    key == e
        || key
            .strip_prefix(e)
            .is_some_and(|rest| rest.starts_with('~'))
}

/// Does the revision count an edit by `editor` (any of its replicas)?
pub(crate) fn edited_by(rev: Option<&Rev>, editor: &Owner) -> bool {
    rev.is_some_and(|r| r.0.iter().any(|(k, n)| *n > 0 && key_is(k, editor)))
}

/// A human label for a record, in Vietnamese.
pub(crate) fn label(master: &Workbook, other: &Workbook, key: &RecordKey, rec: Rec<'_>) -> String {
    let school = |id: &Id| {
        master
            .school(id)
            .or_else(|| other.school(id))
            .map(|s| s.short_name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    // "tiêu chí II.1": a bare "1" is ambiguous across sections.
    let criterion = |id: &Id| {
        let code = |wb: &Workbook| Some((wb.criterion_code(id)?, wb.criterion(id)?.title.clone()));
        code(master)
            .or_else(|| code(other))
            .map(|(code, title)| format!("tiêu chí {code} ({title})"))
            .unwrap_or_else(|| format!("tiêu chí {id}"))
    };
    match key {
        RecordKey::Member(s) => format!("Thông tin trường {}", school(s)),
        RecordKey::Roles => "Cụm trưởng, cụm phó".into(),
        RecordKey::Rules => "Quy định chấm điểm, xếp loại, khen thưởng".into(),
        RecordKey::Criteria => "Bảng tiêu chí".into(),
        RecordKey::Registration(s) => format!("Đăng ký thi đua — {}", school(s)),
        RecordKey::SelfScore(s, c) => format!("Tự chấm — {} — {}", school(s), criterion(c)),
        RecordKey::ClusterScore(s, c) => format!("Cụm chấm — {} — {}", school(s), criterion(c)),
        RecordKey::Adjustment(s, _) => {
            let kind = match rec {
                Rec::Adjustment(a) if a.kind == AdjustmentKind::Deduction => "Điểm trừ",
                _ => "Điểm thưởng",
            };
            format!("{kind} — {}", school(s))
        }
        RecordKey::Discipline(s) => format!("Kỷ luật, thanh tra — {}", school(s)),
        RecordKey::Activity(_) => match rec {
            Rec::Activity(a) => format!("Hoạt động \u{201c}{}\u{201d}", a.title),
            _ => "Hoạt động".into(),
        },
        RecordKey::Conference => "Hội nghị tổng kết".into(),
        RecordKey::Documents => "Thông tin văn bản".into(),
    }
}

/// A record's value, readable, in Vietnamese. `other` is the other side's
/// version, so large records show only what differs.
pub(crate) fn describe(wb: &Workbook, rec: Rec<'_>, other: Option<Rec<'_>>) -> String {
    let date = |d: &jiff::civil::Date| crate::text::format_date(*d);
    let evidence = |e: &[String]| {
        if e.is_empty() {
            String::new()
        } else {
            format!("; minh chứng: {}", e.join(", "))
        }
    };
    match rec {
        Rec::Score(s) => {
            let note = if s.note.is_empty() {
                String::new()
            } else {
                format!("; ghi chú: {}", s.note)
            };
            format!("{} điểm{note}{}", s.points, evidence(&s.evidence))
        }
        Rec::Registration(r) => {
            let award = r
                .award
                .as_ref()
                .map(|a| {
                    wb.award(a)
                        .map(|k| k.short_name.clone())
                        .unwrap_or_else(|| a.to_string())
                })
                .unwrap_or_else(|| "chưa chọn".into());
            let mut s = format!("danh hiệu đăng ký: {award}");
            if !r.targets.is_empty() {
                s += &format!("; chỉ tiêu: {}", r.targets.join(" | "));
            }
            if let Some(d) = &r.date {
                s += &format!("; ngày {}", date(d));
            }
            s += if r.signed_pact {
                "; đã ký giao ước"
            } else {
                "; chưa ký giao ước"
            };
            s
        }
        Rec::Adjustment(a) => {
            let sign = match a.kind {
                AdjustmentKind::Bonus => "+",
                AdjustmentKind::Deduction => "−",
            };
            format!(
                "{sign}{} điểm: {}{}",
                a.points,
                a.reason,
                evidence(&a.evidence)
            )
        }
        Rec::Activity(a) => {
            let mut s = format!("{}: {}; từ {}", a.kind.label(), a.title, date(&a.start));
            if let Some(e) = &a.end {
                s += &format!(" đến {}", date(e));
            }
            if let Some(h) = &a.host {
                s += &format!("; đơn vị chủ trì: {}", wb.school_name(h));
            }
            s += &format!("; {} trường tham gia", a.participants.len());
            if !a.results.is_empty() {
                s += &format!("; {} giải", a.results.len());
            }
            s + &evidence(&a.evidence)
        }
        Rec::Discipline(d) => {
            let mut s = if d.under_review {
                "đang bị xem xét kỷ luật/thanh tra".to_string()
            } else {
                "không bị xem xét kỷ luật".to_string()
            };
            if !d.note.is_empty() {
                s += &format!("; {}", d.note);
            }
            s
        }
        Rec::Criteria(c) => {
            let leaves: usize = c.iter().map(|n| n.leaves().len()).sum();
            let total: crate::workbook::Points = c.iter().map(Criterion::max_points).sum();
            format!("{leaves} tiêu chí, tổng {total} điểm")
        }
        Rec::Member(x) => generic(
            x,
            other.and_then(|o| match o {
                Rec::Member(y) => Some(y),
                _ => None,
            }),
        ),
        Rec::Roles(x) => generic(
            x,
            other.and_then(|o| match o {
                Rec::Roles(y) => Some(y),
                _ => None,
            }),
        ),
        Rec::Rules(x) => generic(
            x,
            other.and_then(|o| match o {
                Rec::Rules(y) => Some(y),
                _ => None,
            }),
        ),
        Rec::Conference(x) => generic(
            x,
            other.and_then(|o| match o {
                Rec::Conference(y) => Some(y),
                _ => None,
            }),
        ),
        Rec::Documents(x) => generic(
            x,
            other.and_then(|o| match o {
                Rec::Documents(y) => Some(y),
                _ => None,
            }),
        ),
    }
}

/// The fields of `x` that differ from `other` (all when there is none), as
/// "field: value" with compact JSON values.
fn generic<T: serde::Serialize>(x: &T, other: Option<&T>) -> String {
    use serde_json::Value;
    let a = serde_json::to_value(x).unwrap_or(Value::Null);
    let b = other.and_then(|o| serde_json::to_value(o).ok());
    let Value::Object(fields) = a else {
        return a.to_string();
    };
    let mut parts = Vec::new();
    for (k, v) in &fields {
        if k == "rev" {
            continue;
        }
        if let Some(Value::Object(ob)) = &b
            && ob.get(k) == Some(v)
        {
            continue;
        }
        let mut text = v.to_string();
        if text.chars().count() > 120 {
            text = text.chars().take(119).collect::<String>() + "…";
        }
        parts.push(format!("{k}: {text}"));
    }
    if parts.is_empty() {
        "(như nhau)".into()
    } else {
        parts.join("; ")
    }
}
