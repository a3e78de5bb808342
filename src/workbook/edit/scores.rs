//! Score edits: self and cluster scores per leaf criterion, their notes and
//! evidence, and bonus/deduction items. Every score stays within 0 and the
//! criterion's maximum.

use super::EditError;
use crate::limits::{ScoreRange, score_range};
use crate::text::nfc_in_place;
use crate::workbook::{Adjustment, AdjustmentKind, Id, Owner, Points, RecordKey, Score, Workbook};

/// Which of the two scores of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Tự chấm: the school's own score.
    Own,
    /// Cụm chấm: the cluster's score.
    Cluster,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreEdit {
    /// Sets (Some) or clears (None) the points of one score.
    Points {
        school: Id,
        criterion: Id,
        side: Side,
        points: Option<Points>,
    },
    /// The note of one score (created at 0 points if missing).
    Note {
        school: Id,
        criterion: Id,
        side: Side,
        note: String,
    },
    /// The evidence lines of one score.
    Evidence {
        school: Id,
        criterion: Id,
        side: Side,
        evidence: Vec<String>,
    },
    /// Adds a bonus or deduction item (an empty id gets a fresh one).
    AddAdjustment {
        school: Id,
        kind: AdjustmentKind,
        points: Points,
        reason: String,
    },
    RemoveAdjustment {
        school: Id,
        id: Id,
    },
    /// The cluster's review of a school's bonus claim: the amount it
    /// accepts (0 up to the claim), or None to count the claim again.
    AcceptAdjustment {
        school: Id,
        id: Id,
        accepted: Option<Points>,
    },
}

/// Why a score edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error(
        "Không có tiêu chí \u{201c}{0}\u{201d} (hoặc tiêu chí này có tiêu chí con, không chấm trực tiếp)."
    )]
    UnknownCriterion(Id),
    #[error("Mức cụm chấp nhận phải từ 0 đến mức trường đề nghị ({0} điểm).")]
    AcceptedOutOfRange(Points),
    #[error("Điểm tiêu chí {code} phải trong khoảng 0 – {max}.")]
    OutOfRange { code: String, max: Points },
    #[error("Điểm thưởng, điểm trừ phải lớn hơn 0.")]
    NotPositive,
    #[error("Hãy ghi lý do của điểm thưởng, điểm trừ.")]
    NoReason,
    #[error("Không tìm thấy mục điểm thưởng/trừ \u{201c}{0}\u{201d}.")]
    UnknownAdjustment(Id),
}

impl From<ScoreError> for EditError {
    fn from(e: ScoreError) -> EditError {
        EditError::Score(e)
    }
}

impl ScoreEdit {
    pub fn apply(self, wb: &mut Workbook, editor: &Owner) -> Result<(), EditError> {
        let key = wb.replica_key(editor);
        match self {
            ScoreEdit::Points {
                school,
                criterion,
                side,
                points,
            } => {
                let (code, max) = leaf(wb, &school, &criterion)?;
                match points {
                    Some(p) => {
                        if score_range(p.hundredths(), max.hundredths()) != ScoreRange::Within {
                            return Err(ScoreError::OutOfRange { code, max }.into());
                        }
                        let created = !scores(wb, &school, side).contains_key(&criterion);
                        let score = slot(wb, &school, side, criterion);
                        if score.points != p || created || score.rev.is_empty() {
                            score.points = p;
                            score.rev.bump_as(&key);
                        }
                    }
                    None => {
                        let key = match side {
                            Side::Own => RecordKey::SelfScore(school.clone(), criterion.clone()),
                            Side::Cluster => {
                                RecordKey::ClusterScore(school.clone(), criterion.clone())
                            }
                        };
                        if let Some(gone) = scores(wb, &school, side).remove(&criterion) {
                            let value = serde_json::to_value(&gone).ok();
                            wb.bury(&key, editor, gone.rev, value);
                        }
                    }
                }
            }
            ScoreEdit::Note {
                school,
                criterion,
                side,
                mut note,
            } => {
                leaf(wb, &school, &criterion)?;
                nfc_in_place(&mut note);
                super::check_text("Ghi chú", &note, crate::limits::TextKind::Note)?;
                let score = slot(wb, &school, side, criterion);
                if score.note != note {
                    score.note = note;
                    score.rev.bump_as(&key);
                }
            }
            ScoreEdit::Evidence {
                school,
                criterion,
                side,
                evidence,
            } => {
                leaf(wb, &school, &criterion)?;
                let evidence = lines(evidence);
                for l in &evidence {
                    super::check_text("Minh chứng", l, crate::limits::TextKind::Note)?;
                }
                let score = slot(wb, &school, side, criterion);
                if score.evidence != evidence {
                    score.evidence = evidence;
                    score.rev.bump_as(&key);
                }
            }
            ScoreEdit::AddAdjustment {
                school,
                kind,
                points,
                mut reason,
            } => {
                known_school(wb, &school)?;
                if points <= Points::ZERO {
                    return Err(ScoreError::NotPositive.into());
                }
                nfc_in_place(&mut reason);
                let reason = reason.trim().to_string();
                if reason.is_empty() {
                    return Err(ScoreError::NoReason.into());
                }
                super::check_text("Lý do", &reason, crate::limits::TextKind::Name)?;
                let id = wb.fresh_id(editor, "adj");
                let mut adj = Adjustment {
                    id,
                    owner: editor.clone(),
                    kind,
                    points,
                    reason,
                    accepted: None,
                    evidence: Vec::new(),
                    rev: Default::default(),
                };
                adj.rev.bump_as(&key);
                wb.assessment_mut(&school).adjustments.push(adj);
            }
            ScoreEdit::AcceptAdjustment {
                school,
                id,
                accepted,
            } => {
                known_school(wb, &school)?;
                let a = wb.assessment_mut(&school);
                let Some(x) = a.adjustments.iter_mut().find(|x| x.id == id) else {
                    return Err(ScoreError::UnknownAdjustment(id).into());
                };
                if let Some(ok) = accepted
                    && (ok < Points::ZERO || ok > x.points)
                {
                    return Err(ScoreError::AcceptedOutOfRange(x.points).into());
                }
                if x.accepted != accepted {
                    x.accepted = accepted;
                    x.rev.bump_as(&key);
                }
            }
            ScoreEdit::RemoveAdjustment { school, id } => {
                known_school(wb, &school)?;
                let a = wb.assessment_mut(&school);
                let Some(i) = a.adjustments.iter().position(|x| x.id == id) else {
                    return Err(ScoreError::UnknownAdjustment(id).into());
                };
                let gone = a.adjustments.remove(i);
                let value = serde_json::to_value(&gone).ok();
                wb.bury(&RecordKey::Adjustment(school, id), editor, gone.rev, value);
            }
        }
        Ok(())
    }
}

fn known_school(wb: &Workbook, school: &Id) -> Result<(), EditError> {
    match wb.members.iter().filter(|s| &s.id == school).count() {
        0 => Err(EditError::UnknownSchool(school.clone())),
        1 => Ok(()),
        _ => Err(EditError::AmbiguousId(school.clone())),
    }
}

/// The code and maximum of a leaf criterion, after checking the school.
fn leaf(wb: &Workbook, school: &Id, criterion: &Id) -> Result<(String, Points), EditError> {
    known_school(wb, school)?;
    match wb.criterion(criterion) {
        Some(c) if c.is_leaf() => Ok((c.code.clone(), c.max_points())),
        _ => Err(ScoreError::UnknownCriterion(criterion.clone()).into()),
    }
}

/// The score of a cell, created when missing. A score created where one
/// was deleted starts from the deletion's version (and the tombstone goes):
/// it is newer than the deleted one, so a copy still holding that one does
/// not win over it.
fn slot<'a>(wb: &'a mut Workbook, school: &Id, side: Side, criterion: Id) -> &'a mut Score {
    let exists = scores(wb, school, side).contains_key(&criterion);
    let mut revived = None;
    if !exists {
        let key = match side {
            Side::Own => RecordKey::SelfScore(school.clone(), criterion.clone()),
            Side::Cluster => RecordKey::ClusterScore(school.clone(), criterion.clone()),
        };
        revived = wb.unbury(&key).map(|d| d.rev);
    }
    scores(wb, school, side)
        .entry(criterion)
        .or_insert_with(|| Score {
            rev: revived.unwrap_or_default(),
            ..Score::default()
        })
}

fn scores<'a>(
    wb: &'a mut Workbook,
    school: &Id,
    side: Side,
) -> &'a mut std::collections::BTreeMap<Id, Score> {
    let a = wb.assessment_mut(school);
    match side {
        Side::Own => &mut a.self_scores,
        Side::Cluster => &mut a.cluster_scores,
    }
}

/// NFC, trimmed, without empty lines.
pub(crate) fn lines(v: Vec<String>) -> Vec<String> {
    v.into_iter()
        .map(|mut l| {
            nfc_in_place(&mut l);
            l.trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::synthetic;

    #[test]
    fn out_of_range_is_refused_and_nothing_changes() {
        let mut wb = synthetic::workbook(2, 5, 0);
        let school = wb.members[0].id.clone();
        let leaf = wb.leaf_criteria()[0].clone();
        let before = wb.clone();
        let too_much = leaf.max_points() + Points(1);
        let e = ScoreEdit::Points {
            school: school.clone(),
            criterion: leaf.id.clone(),
            side: Side::Cluster,
            points: Some(too_much),
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("0 – {}", leaf.max_points())),
            "{e}"
        );
        assert_eq!(wb, before);
        ScoreEdit::Points {
            school: school.clone(),
            criterion: leaf.id.clone(),
            side: Side::Cluster,
            points: Some(leaf.max_points()),
        }
        .apply(&mut wb, &Owner::Cluster)
        .unwrap();
        let key = wb.replica_key(&Owner::Cluster);
        let s = &wb.assessment(&school).unwrap().cluster_scores[&leaf.id];
        assert_eq!(s.points, leaf.max_points());
        assert_eq!(s.rev.0.get(&key), Some(&1));
    }
}
