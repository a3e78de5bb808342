//! The records a workbook is merged by: each with a stable key, an owner and
//! (all but the criteria table) a version vector.

pub use crate::workbook::RecordKey;
pub(crate) use crate::workbook::record::{Parts, Rec, differing_records, records_where};
use crate::workbook::{AdjustmentKind, Criterion, Id, Owner, Rev, Workbook};

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

/// A record copied out of the returned workbook.
#[derive(Debug, Clone)]
pub(crate) enum Owned {
    Member(crate::workbook::School),
    Roles(crate::workbook::Roles),
    Rules(Box<crate::workbook::Rules>),
    Criteria(Vec<crate::workbook::Criterion>),
    Registration(crate::workbook::Registration),
    Score(crate::workbook::Score),
    Adjustment(crate::workbook::Adjustment),
    Discipline(crate::workbook::Discipline),
    Activity(crate::workbook::Activity),
    Conference(Box<crate::workbook::Conference>),
    Documents(crate::workbook::Documents),
}

impl Owned {
    /// The record as JSON, kept with an open conflict.
    pub(crate) fn to_value(&self) -> serde_json::Value {
        let v = match self {
            Owned::Member(x) => serde_json::to_value(x),
            Owned::Roles(x) => serde_json::to_value(x),
            Owned::Rules(x) => serde_json::to_value(x),
            Owned::Criteria(x) => serde_json::to_value(x),
            Owned::Registration(x) => serde_json::to_value(x),
            Owned::Score(x) => serde_json::to_value(x),
            Owned::Adjustment(x) => serde_json::to_value(x),
            Owned::Discipline(x) => serde_json::to_value(x),
            Owned::Activity(x) => serde_json::to_value(x),
            Owned::Conference(x) => serde_json::to_value(x),
            Owned::Documents(x) => serde_json::to_value(x),
        };
        v.unwrap_or(serde_json::Value::Null)
    }

    /// The record of the kind `key` names, read back from [`Owned::to_value`].
    pub(crate) fn from_value(key: &RecordKey, v: serde_json::Value) -> Option<Owned> {
        use serde_json::from_value as de;
        Some(match key {
            RecordKey::Member(_) => Owned::Member(de(v).ok()?),
            RecordKey::Roles => Owned::Roles(de(v).ok()?),
            RecordKey::Rules => Owned::Rules(Box::new(de(v).ok()?)),
            RecordKey::Criteria => Owned::Criteria(de(v).ok()?),
            RecordKey::Registration(_) => Owned::Registration(de(v).ok()?),
            RecordKey::SelfScore(..) | RecordKey::ClusterScore(..) => Owned::Score(de(v).ok()?),
            RecordKey::Adjustment(..) => Owned::Adjustment(de(v).ok()?),
            RecordKey::Discipline(_) => Owned::Discipline(de(v).ok()?),
            RecordKey::Activity(_) => Owned::Activity(de(v).ok()?),
            RecordKey::Conference => Owned::Conference(Box::new(de(v).ok()?)),
            RecordKey::Documents => Owned::Documents(de(v).ok()?),
        })
    }

    pub(crate) fn as_rec(&self) -> Rec<'_> {
        match self {
            Owned::Member(x) => Rec::Member(x),
            Owned::Roles(x) => Rec::Roles(x),
            Owned::Rules(x) => Rec::Rules(x),
            Owned::Criteria(x) => Rec::Criteria(x),
            Owned::Registration(x) => Rec::Registration(x),
            Owned::Score(x) => Rec::Score(x),
            Owned::Adjustment(x) => Rec::Adjustment(x),
            Owned::Discipline(x) => Rec::Discipline(x),
            Owned::Activity(x) => Rec::Activity(x),
            Owned::Conference(x) => Rec::Conference(x),
            Owned::Documents(x) => Rec::Documents(x),
        }
    }
}

/// The record, copied out of the workbook it is in.
pub(crate) fn owned(r: Rec<'_>) -> Owned {
    match r {
        Rec::Member(x) => Owned::Member(x.clone()),
        Rec::Roles(x) => Owned::Roles(x.clone()),
        Rec::Rules(x) => Owned::Rules(Box::new(x.clone())),
        Rec::Criteria(x) => Owned::Criteria(x.to_vec()),
        Rec::Registration(x) => Owned::Registration(x.clone()),
        Rec::Score(x) => Owned::Score(x.clone()),
        Rec::Adjustment(x) => Owned::Adjustment(x.clone()),
        Rec::Discipline(x) => Owned::Discipline(x.clone()),
        Rec::Activity(x) => Owned::Activity(x.clone()),
        Rec::Conference(x) => Owned::Conference(Box::new(x.clone())),
        Rec::Documents(x) => Owned::Documents(x.clone()),
    }
}

/// Puts `rec` in `wb` at `key`, with revision `rev`.
pub(crate) fn put(wb: &mut Workbook, key: &RecordKey, rec: Owned, rev: Rev) {
    match (key, rec) {
        (RecordKey::Member(id), Owned::Member(mut x)) => {
            x.rev = rev;
            match wb.members.iter_mut().find(|s| &s.id == id) {
                Some(slot) => *slot = x,
                None => wb.members.push(x),
            }
        }
        (RecordKey::Roles, Owned::Roles(mut x)) => {
            x.rev = rev;
            wb.roles = x;
        }
        (RecordKey::Rules, Owned::Rules(mut x)) => {
            x.rev = rev;
            wb.rules = *x;
        }
        (RecordKey::Criteria, Owned::Criteria(x)) => wb.criteria = x,
        (RecordKey::Registration(s), Owned::Registration(mut x)) => {
            x.rev = rev;
            assessment(wb, s).registration = x;
        }
        (RecordKey::SelfScore(s, c), Owned::Score(mut x)) => {
            x.rev = rev;
            assessment(wb, s).self_scores.insert(c.clone(), x);
        }
        (RecordKey::ClusterScore(s, c), Owned::Score(mut x)) => {
            x.rev = rev;
            assessment(wb, s).cluster_scores.insert(c.clone(), x);
        }
        (RecordKey::Adjustment(s, id), Owned::Adjustment(mut x)) => {
            x.rev = rev;
            let list = &mut assessment(wb, s).adjustments;
            match list.iter_mut().find(|a| &a.id == id) {
                Some(slot) => *slot = x,
                None => insert_ordered(list, x, |a| a.id.clone()),
            }
        }
        (RecordKey::Discipline(s), Owned::Discipline(mut x)) => {
            x.rev = rev;
            assessment(wb, s).discipline = x;
        }
        (RecordKey::Activity(id), Owned::Activity(mut x)) => {
            x.rev = rev;
            match wb.activities.iter_mut().find(|a| &a.id == id) {
                Some(slot) => *slot = x,
                None => insert_ordered(&mut wb.activities, x, |a| (a.start, a.id.clone())),
            }
        }
        (RecordKey::Conference, Owned::Conference(mut x)) => {
            x.rev = rev;
            wb.conference = *x;
        }
        (RecordKey::Documents, Owned::Documents(mut x)) => {
            x.rev = rev;
            wb.documents = x;
        }
        _ => {} // a key never comes with another kind of record
    }
}

/// Inserts `x` before the first element whose key is greater: the same
/// records inserted in any order end in the same order.
pub(crate) fn insert_ordered<T, K: Ord>(list: &mut Vec<T>, x: T, key: impl Fn(&T) -> K) {
    let k = key(&x);
    let at = list.iter().position(|y| key(y) > k).unwrap_or(list.len());
    list.insert(at, x);
}

/// The school's assessment, created (in school order) when missing.
pub(crate) fn assessment<'a>(
    wb: &'a mut Workbook,
    school: &Id,
) -> &'a mut crate::workbook::Assessment {
    if !wb.assessments.iter().any(|a| &a.school == school) {
        let fresh = crate::workbook::Assessment {
            school: school.clone(),
            ..Default::default()
        };
        insert_ordered(&mut wb.assessments, fresh, |a| a.school.clone());
    }
    wb.assessments
        .iter_mut()
        .find(|a| &a.school == school)
        .expect("just ensured")
}
