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
