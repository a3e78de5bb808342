//! Tổng điểm (per-school totals): tự chấm and điểm cụm chấm sums, capped
//! điểm thưởng (bonus) and điểm trừ (deductions), the final score, and what
//! is still missing.

use crate::workbook::{AdjustmentKind, Assessment, Criterion, Id, Points, Workbook};
use std::collections::BTreeMap;

/// One criterion of one school: both scores side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionScore {
    pub criterion: Id,
    pub max: Points,
    pub self_score: Option<Points>,
    pub cluster_score: Option<Points>,
    /// What counts: the cluster's score, else the self-score, else 0.
    pub effective: Points,
}

impl CriterionScore {
    /// Cluster minus self, where both exist: what the conference argues about.
    pub fn difference(&self) -> Option<Points> {
        Some(self.cluster_score? - self.self_score?)
    }

    /// The cluster has not reviewed this criterion: the self-score counts.
    pub fn uses_self_score(&self) -> bool {
        self.cluster_score.is_none() && self.self_score.is_some()
    }
}

/// Totals of one school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolTotals {
    pub school: Id,
    pub criteria: Vec<CriterionScore>,
    /// Σ self-scores.
    pub self_total: Points,
    /// Σ effective scores (cluster, self where not reviewed).
    pub cluster_total: Points,
    pub bonus_claimed: Points,
    pub bonus: Points,
    pub deduction_claimed: Points,
    pub deduction: Points,
    /// cluster_total + bonus − deduction; may exceed the table's total.
    pub final_score: Points,
    /// Effective totals of the parent nodes (sections, criteria with
    /// sub-criteria); leaves are in `criteria`.
    pub node_totals: BTreeMap<Id, Points>,
    /// Some criterion counts 0 (scored 0, or not scored at all).
    pub has_zero: bool,
    /// The school entered at least one self-score.
    pub self_assessed: bool,
}

impl SchoolTotals {
    /// Criteria the school has not self-scored.
    pub fn missing_self(&self) -> impl Iterator<Item = &Id> {
        self.criteria
            .iter()
            .filter(|c| c.self_score.is_none())
            .map(|c| &c.criterion)
    }

    /// Criteria where the self-score stands in for an unreviewed cluster score.
    pub fn unreviewed(&self) -> impl Iterator<Item = &Id> {
        self.criteria
            .iter()
            .filter(|c| c.uses_self_score())
            .map(|c| &c.criterion)
    }

    /// The effective total of any node of the criteria table.
    pub fn node_total(&self, id: &Id) -> Points {
        self.node_totals.get(id).copied().unwrap_or_else(|| {
            self.criteria
                .iter()
                .find(|c| &c.criterion == id)
                .map_or(Points::ZERO, |c| c.effective)
        })
    }
}

fn cap(claimed: Points, cap: Points) -> Points {
    if claimed > cap { cap } else { claimed }
}

/// The leaf criteria sorted by id with their position in table order: lets
/// each school's score maps (sorted by id) be read in one merge pass instead
/// of a map lookup per criterion — this is the hot loop of [`evaluate`].
///
/// [`evaluate`]: crate::rules::evaluate
pub struct Plan<'a> {
    by_id: Vec<(&'a Id, usize)>,
}

impl<'a> Plan<'a> {
    pub fn new(wb: &'a Workbook) -> Plan<'a> {
        let mut by_id: Vec<(&Id, usize)> = wb
            .leaf_criteria()
            .into_iter()
            .enumerate()
            .map(|(i, c)| (&c.id, i))
            .collect();
        by_id.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Plan { by_id }
    }

    /// Points per leaf, in table order.
    fn read(&self, scores: &BTreeMap<Id, crate::workbook::Score>) -> Vec<Option<Points>> {
        let mut out = vec![None; self.by_id.len()];
        let mut entries = scores.iter().peekable();
        for (id, pos) in &self.by_id {
            while entries.next_if(|(k, _)| k < id).is_some() {}
            if let Some((_, s)) = entries.next_if(|(k, _)| k == id) {
                out[*pos] = Some(s.points);
            }
        }
        out
    }
}

/// Totals for one school (an empty assessment if it has none).
pub fn totals(wb: &Workbook, school: &Id) -> SchoolTotals {
    totals_with(wb, &Plan::new(wb), school)
}

/// Totals for one school, reusing a plan made once for the workbook.
pub fn totals_with(wb: &Workbook, plan: &Plan, school: &Id) -> SchoolTotals {
    let empty = Assessment::default();
    let a = wb.assessment(school).unwrap_or(&empty);
    let own = plan.read(&a.self_scores);
    let cluster = plan.read(&a.cluster_scores);
    let mut criteria = Vec::with_capacity(own.len());
    let mut node_totals = BTreeMap::new();
    struct Walk<'x> {
        own: &'x [Option<Points>],
        cluster: &'x [Option<Points>],
        out: Vec<CriterionScore>,
    }
    fn walk(nodes: &[Criterion], w: &mut Walk, totals: &mut BTreeMap<Id, Points>) -> Points {
        let mut sum = Points::ZERO;
        for c in nodes {
            let t = if c.is_leaf() {
                let pos = w.out.len();
                let self_score = w.own.get(pos).copied().flatten();
                let cluster_score = w.cluster.get(pos).copied().flatten();
                let effective = cluster_score.or(self_score).unwrap_or_default();
                w.out.push(CriterionScore {
                    criterion: c.id.clone(),
                    max: c.max_points(),
                    self_score,
                    cluster_score,
                    effective,
                });
                effective
            } else {
                let t = walk(&c.children, w, totals);
                totals.insert(c.id.clone(), t);
                t
            };
            sum += t;
        }
        sum
    }
    let mut w = Walk {
        own: &own,
        cluster: &cluster,
        out: std::mem::take(&mut criteria),
    };
    let cluster_total = walk(&wb.criteria, &mut w, &mut node_totals);
    let criteria = w.out;
    let self_total = criteria.iter().filter_map(|c| c.self_score).sum();
    let claimed = |kind| {
        a.adjustments
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.points)
            .sum::<Points>()
    };
    let counted = |kind| {
        a.adjustments
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.counted())
            .sum::<Points>()
    };
    let bonus_claimed = claimed(AdjustmentKind::Bonus);
    let deduction_claimed = claimed(AdjustmentKind::Deduction);
    // A school's claim counts as made until the cluster reviews it, then
    // as accepted; the cap applies to what counts.
    let bonus = cap(counted(AdjustmentKind::Bonus), wb.rules.bonus_cap);
    let deduction = cap(counted(AdjustmentKind::Deduction), wb.rules.deduction_cap);
    SchoolTotals {
        school: school.clone(),
        has_zero: criteria.iter().any(|c| c.effective.is_zero()),
        self_assessed: !a.self_scores.is_empty(),
        self_total,
        cluster_total,
        bonus_claimed,
        bonus,
        deduction_claimed,
        deduction,
        final_score: cluster_total + bonus - deduction,
        node_totals,
        criteria,
    }
}
