//! Criteria-table edits: sections, criteria and sub-criteria (code, title,
//! maximum), their order, the bonus/deduction caps, and copying a whole
//! table from another workbook. A maximum is never lowered below a score
//! already given.

use super::EditError;
use crate::text::nfc_in_place;
use crate::workbook::Owner;
use crate::workbook::{Criterion, Id, Points, Workbook};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CriteriaEdit {
    /// Adds a node under `parent` (a section when None), at the end. An
    /// empty id gets a fresh one.
    Add { parent: Option<Id>, node: Criterion },
    /// Changes a node's code, title and (for a leaf) maximum.
    Set {
        id: Id,
        code: String,
        title: String,
        max: Option<Points>,
    },
    /// Removes a node, its children and every score given to them.
    Remove(Id),
    /// Moves a node one place up or down among its siblings.
    Move { id: Id, up: bool },
    /// The caps of bonus and deduction points.
    Caps { bonus: Points, deduction: Points },
    /// Replaces the whole table (copied from another workbook).
    Replace(Vec<Criterion>),
}

/// A score that stands in the way of an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affected {
    pub school: String,
    pub criterion: String,
    pub points: Points,
    /// "tự chấm" or "cụm chấm".
    pub side: &'static str,
}

impl std::fmt::Display for Affected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, tiêu chí {}: {} điểm ({})",
            self.school, self.criterion, self.points, self.side
        )
    }
}

fn list(v: &[Affected]) -> String {
    v.iter()
        .map(|a| format!("\n• {a}"))
        .collect::<Vec<_>>()
        .join("")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CriteriaError {
    #[error("Không tìm thấy tiêu chí \u{201c}{0}\u{201d}.")]
    Unknown(Id),
    #[error("Hãy nhập tên tiêu chí.")]
    NoTitle,
    #[error("Điểm tối đa phải lớn hơn 0.")]
    NotPositive,
    #[error(
        "Không thể đặt điểm tối đa của tiêu chí {code} là {max}: đã có điểm cao hơn.{}",
        list(affected)
    )]
    BelowScores {
        code: String,
        max: Points,
        affected: Vec<Affected>,
    },
    #[error(
        "Tiêu chí {code} đã được chấm điểm nên không thể thêm tiêu chí con (điểm sẽ không còn chỗ).{}",
        list(affected)
    )]
    ScoredLeaf {
        code: String,
        affected: Vec<Affected>,
    },
    #[error("Bảng tiêu chí mới không khớp với điểm đã chấm:{}", list(.0))]
    ReplaceBreaksScores(Vec<Affected>),
    #[error("Mức trần điểm thưởng, điểm trừ không được âm.")]
    NegativeCap,
}

impl From<CriteriaError> for EditError {
    fn from(e: CriteriaError) -> EditError {
        EditError::Criteria(e)
    }
}

impl CriteriaEdit {
    pub fn apply(self, wb: &mut Workbook, editor: &Owner) -> Result<(), EditError> {
        let key = wb.replica_key(editor);
        match self {
            CriteriaEdit::Add { parent, mut node } => {
                normalise(&mut node);
                if node.title.is_empty() {
                    return Err(CriteriaError::NoTitle.into());
                }
                if node.id.as_str().is_empty() || find(&wb.criteria, &node.id).is_some() {
                    node.id = fresh_id(&wb.criteria);
                }
                match parent {
                    None => wb.criteria.push(node),
                    Some(pid) => {
                        let p = find(&wb.criteria, &pid)
                            .ok_or_else(|| CriteriaError::Unknown(pid.clone()))?;
                        if p.is_leaf() {
                            let affected = scores_above(wb, &p.id, Points::ZERO, true);
                            if !affected.is_empty() {
                                return Err(CriteriaError::ScoredLeaf {
                                    code: p.code.clone(),
                                    affected,
                                }
                                .into());
                            }
                        }
                        let p = find_mut(&mut wb.criteria, &pid).expect("found above");
                        p.max = None;
                        p.children.push(node);
                    }
                }
            }
            CriteriaEdit::Set {
                id,
                mut code,
                mut title,
                max,
            } => {
                nfc_in_place(&mut code);
                nfc_in_place(&mut title);
                let (code, title) = (code.trim().to_string(), title.trim().to_string());
                if title.is_empty() {
                    return Err(CriteriaError::NoTitle.into());
                }
                super::check_text("Mã tiêu chí", &code, crate::limits::TextKind::Name)?;
                super::check_text("Tên tiêu chí", &title, crate::limits::TextKind::Name)?;
                let node =
                    find(&wb.criteria, &id).ok_or_else(|| CriteriaError::Unknown(id.clone()))?;
                let leaf = node.is_leaf();
                if leaf && let Some(m) = max {
                    if m <= Points::ZERO {
                        return Err(CriteriaError::NotPositive.into());
                    }
                    let affected = scores_above(wb, &id, m, false);
                    if !affected.is_empty() {
                        return Err(CriteriaError::BelowScores {
                            code,
                            max: m,
                            affected,
                        }
                        .into());
                    }
                }
                let node = find_mut(&mut wb.criteria, &id).expect("found above");
                node.code = code;
                node.title = title;
                if leaf {
                    node.max = max;
                }
            }
            CriteriaEdit::Remove(id) => {
                let node =
                    find(&wb.criteria, &id).ok_or_else(|| CriteriaError::Unknown(id.clone()))?;
                let leaves: Vec<Id> = node.leaves().iter().map(|c| c.id.clone()).collect();
                remove(&mut wb.criteria, &id);
                for a in &mut wb.assessments {
                    for l in &leaves {
                        a.self_scores.remove(l);
                        a.cluster_scores.remove(l);
                    }
                }
            }
            CriteriaEdit::Move { id, up } => {
                let siblings = siblings_mut(&mut wb.criteria, &id)
                    .ok_or_else(|| CriteriaError::Unknown(id.clone()))?;
                let i = siblings.iter().position(|c| c.id == id).expect("found");
                let j = if up { i.checked_sub(1) } else { Some(i + 1) };
                if let Some(j) = j.filter(|j| *j < siblings.len()) {
                    siblings.swap(i, j);
                }
            }
            CriteriaEdit::Caps { bonus, deduction } => {
                if bonus < Points::ZERO || deduction < Points::ZERO {
                    return Err(CriteriaError::NegativeCap.into());
                }
                if wb.rules.bonus_cap != bonus || wb.rules.deduction_cap != deduction {
                    wb.rules.bonus_cap = bonus;
                    wb.rules.deduction_cap = deduction;
                    wb.rules.rev.bump_as(&key);
                }
            }
            CriteriaEdit::Replace(mut table) => {
                for n in &mut table {
                    normalise(n);
                }
                let mut affected = Vec::new();
                for a in &wb.assessments {
                    for (side, map) in
                        [("tự chấm", &a.self_scores), ("cụm chấm", &a.cluster_scores)]
                    {
                        for (cid, s) in map {
                            let fits = find(&table, cid)
                                .is_some_and(|c| c.is_leaf() && s.points <= c.max_points());
                            if !fits {
                                affected.push(Affected {
                                    school: wb.school_name(&a.school),
                                    criterion: find(&wb.criteria, cid)
                                        .map_or_else(|| cid.to_string(), |c| c.code.clone()),
                                    points: s.points,
                                    side,
                                });
                            }
                        }
                    }
                }
                if !affected.is_empty() {
                    return Err(CriteriaError::ReplaceBreaksScores(affected).into());
                }
                wb.criteria = table;
            }
        }
        Ok(())
    }
}

fn normalise(c: &mut Criterion) {
    for f in [&mut c.code, &mut c.title, &mut c.guidance] {
        nfc_in_place(f);
        *f = f.trim().to_string();
    }
    for ch in &mut c.children {
        normalise(ch);
    }
}

/// Scores given to leaf `id` above `max` (or at least `max` when `inclusive`
/// with max 0: every score).
fn scores_above(wb: &Workbook, id: &Id, max: Points, any: bool) -> Vec<Affected> {
    let code = find(&wb.criteria, id).map_or_else(|| id.to_string(), |c| c.code.clone());
    let mut out = Vec::new();
    let mut members: Vec<_> = wb.assessments.iter().collect();
    members.sort_by(|a, b| {
        crate::text::compare_vi(&wb.school_name(&a.school), &wb.school_name(&b.school))
    });
    for a in members {
        for (side, map) in [("tự chấm", &a.self_scores), ("cụm chấm", &a.cluster_scores)] {
            if let Some(s) = map.get(id)
                && (any || s.points > max)
            {
                out.push(Affected {
                    school: wb.school_name(&a.school),
                    criterion: code.clone(),
                    points: s.points,
                    side,
                });
            }
        }
    }
    out
}

pub fn find<'a>(nodes: &'a [Criterion], id: &Id) -> Option<&'a Criterion> {
    nodes.iter().find_map(|c| {
        if &c.id == id {
            Some(c)
        } else {
            find(&c.children, id)
        }
    })
}

fn find_mut<'a>(nodes: &'a mut [Criterion], id: &Id) -> Option<&'a mut Criterion> {
    for c in nodes.iter_mut() {
        if &c.id == id {
            return Some(c);
        }
        if let Some(x) = find_mut(&mut c.children, id) {
            return Some(x);
        }
    }
    None
}

fn siblings_mut<'a>(nodes: &'a mut Vec<Criterion>, id: &Id) -> Option<&'a mut Vec<Criterion>> {
    if nodes.iter().any(|c| &c.id == id) {
        return Some(nodes);
    }
    for c in nodes.iter_mut() {
        if let Some(s) = siblings_mut(&mut c.children, id) {
            return Some(s);
        }
    }
    None
}

fn remove(nodes: &mut Vec<Criterion>, id: &Id) {
    nodes.retain(|c| &c.id != id);
    for c in nodes.iter_mut() {
        remove(&mut c.children, id);
    }
}

fn fresh_id(nodes: &[Criterion]) -> Id {
    (1..)
        .map(|n| Id(format!("c{n}")))
        .find(|id| find(nodes, id).is_none())
        .expect("some id is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::synthetic;

    #[test]
    fn lowering_a_maximum_below_a_score_is_refused_with_the_scores() {
        let mut wb = synthetic::workbook(3, 6, 0);
        let leaf = wb.leaf_criteria()[0].clone();
        let before = wb.clone();
        let e = CriteriaEdit::Set {
            id: leaf.id.clone(),
            code: leaf.code.clone(),
            title: leaf.title.clone(),
            max: Some(Points(1)),
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap_err();
        assert!(
            matches!(&e, EditError::Criteria(CriteriaError::BelowScores { affected, .. }) if !affected.is_empty()),
            "{e}"
        );
        assert_eq!(wb, before);
    }

    #[test]
    fn move_and_add() {
        let mut wb = synthetic::workbook(1, 6, 0);
        let first = wb.criteria[0].id.clone();
        CriteriaEdit::Move {
            id: first.clone(),
            up: false,
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap();
        assert_eq!(wb.criteria[1].id, first);
        CriteriaEdit::Move {
            id: first.clone(),
            up: true,
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap();
        CriteriaEdit::Move {
            id: first.clone(),
            up: true,
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap();
        assert_eq!(wb.criteria[0].id, first);
        CriteriaEdit::Add {
            parent: None,
            node: Criterion {
                code: "VII".into(),
                title: "Mới".into(),
                max: Some(Points::whole(5)),
                ..Criterion::default()
            },
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap();
        assert_eq!(wb.criteria.last().unwrap().title, "Mới");
    }
}
