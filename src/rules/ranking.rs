//! Xếp hạng và xếp loại (ranking and rating): ranking by final score, ties
//! broken by the cluster's own chain; and the rating band of each school.

use super::ballot::BallotResult;
use super::scores::SchoolTotals;
use crate::workbook::{Id, TieBreak, Workbook};
use std::cmp::Ordering;

/// Which step of the tie-break chain separated two schools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieBroken {
    pub schools: (Id, Id),
    pub by: TieBreak,
}

/// Compares two schools tied on the final score along the chain; returns
/// the ordering (Less = `a` ranks better) and the step that decided it.
fn break_tie(
    wb: &Workbook,
    ballots: &[BallotResult],
    a: &SchoolTotals,
    b: &SchoolTotals,
) -> (Ordering, Option<TieBreak>) {
    for step in &wb.rules.tie_break {
        let ord = match step {
            // Only the named award's ballot counts; `ballots` holds the
            // counted ones, so a ballot that does not add up breaks nothing.
            TieBreak::BallotVotes(award) => ballots
                .iter()
                .find(|r| &r.award == award)
                .map_or(Ordering::Equal, |r| {
                    r.votes_for(&b.school).cmp(&r.votes_for(&a.school))
                }),
            TieBreak::Section(id) => b.node_total(id).cmp(&a.node_total(id)),
            TieBreak::FewerDeductions => a.deduction_claimed.cmp(&b.deduction_claimed),
            TieBreak::ChairDecision => wb
                .conference
                .tie_decisions
                .iter()
                .find_map(|d| {
                    let pa = d.order.iter().position(|s| s == &a.school)?;
                    let pb = d.order.iter().position(|s| s == &b.school)?;
                    Some(pa.cmp(&pb))
                })
                .unwrap_or(Ordering::Equal),
        };
        if ord.is_ne() {
            return (ord, Some(step.clone()));
        }
    }
    (Ordering::Equal, None)
}

/// Ranked schools: `rank` is 1-based competition ranking (1, 1, 3 …) where
/// the chain ends in a tie.
/// A tie-break step in words, e.g. "số phiếu bầu Cờ thi đua".
pub fn describe_step(wb: &Workbook, step: &TieBreak) -> String {
    match step {
        TieBreak::BallotVotes(award) => format!(
            "số phiếu bầu {}",
            wb.award(award)
                .map_or_else(|| award.to_string(), |a| a.short_name.clone())
        ),
        TieBreak::Section(id) => match wb.criterion(id) {
            Some(c) => format!("điểm mục {} ({})", c.code, c.title),
            None => format!("điểm mục {id}"),
        },
        TieBreak::FewerDeductions => "điểm trừ ít hơn".into(),
        TieBreak::ChairDecision => "quyết định của chủ trì hội nghị".into(),
    }
}

/// For each school ranked just below another with the same final score,
/// the sentence saying which step put it there; keyed by school.
pub fn tie_notes(wb: &Workbook, schools: &[super::SchoolResult]) -> Vec<(Id, String)> {
    schools
        .windows(2)
        .filter_map(|w| {
            let step = w[1].separated_by.as_ref()?;
            Some((
                w[1].totals.school.clone(),
                format!(
                    "bằng điểm {} với {}; xếp sau theo {}",
                    w[1].totals.final_score,
                    wb.school_name(&w[0].totals.school),
                    describe_step(wb, step)
                ),
            ))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub school: Id,
    pub rank: u32,
    /// Other schools sharing this rank after the whole chain.
    pub tied_with: Vec<Id>,
    /// The tie-break step that placed this school below the one above it,
    /// when their final scores were equal.
    pub separated_by: Option<TieBreak>,
}

/// Orders schools best first.
pub fn rank(wb: &Workbook, totals: &[SchoolTotals], ballots: &[BallotResult]) -> Vec<Ranked> {
    let mut order: Vec<&SchoolTotals> = totals.iter().collect();
    let cmp = |a: &SchoolTotals, b: &SchoolTotals| {
        b.final_score
            .cmp(&a.final_score)
            .then_with(|| break_tie(wb, ballots, a, b).0)
    };
    // Stable sort, then by Vietnamese name for a deterministic order of ties.
    let name = |id: &Id| wb.school(id).map_or("", |s| s.full_name.as_str());
    order.sort_by(|a, b| {
        cmp(a, b).then_with(|| crate::text::compare_vi(name(&a.school), name(&b.school)))
    });
    let mut out: Vec<Ranked> = Vec::with_capacity(order.len());
    for (i, t) in order.iter().enumerate() {
        let (rank, separated_by) = match i.checked_sub(1).map(|j| order[j]) {
            Some(prev) if cmp(prev, t).is_eq() => (out[i - 1].rank, None),
            Some(prev) if prev.final_score == t.final_score => {
                (i as u32 + 1, break_tie(wb, ballots, prev, t).1)
            }
            _ => (i as u32 + 1, None),
        };
        out.push(Ranked {
            school: t.school.clone(),
            rank,
            tied_with: Vec::new(),
            separated_by,
        });
    }
    let ranks: Vec<(u32, Id)> = out.iter().map(|r| (r.rank, r.school.clone())).collect();
    for r in &mut out {
        r.tied_with = ranks
            .iter()
            .filter(|(k, s)| *k == r.rank && s != &r.school)
            .map(|(_, s)| s.clone())
            .collect();
    }
    out
}

/// A school's rating band and why it is not higher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub band: Option<Id>,
    pub band_name: String,
    /// Why the band is lower than the score alone would give.
    pub reasons: Vec<String>,
}

/// The band of a school: the highest whose floor the final score reaches
/// and whose conditions it meets, capped by downgrades; a school that did
/// not self-assess gets the configured band.
pub fn rate(wb: &Workbook, t: &SchoolTotals) -> Rating {
    let bands = &wb.rules.bands;
    let name = |i: Option<usize>| i.map(|i| bands[i].name.clone()).unwrap_or_default();
    if !t.self_assessed
        && let Some(id) = &wb.rules.no_self_assessment_band
    {
        let i = bands.iter().position(|b| &b.id == id);
        return Rating {
            band: i.map(|i| bands[i].id.clone()),
            band_name: name(i),
            reasons: vec!["Trường không tự chấm điểm".into()],
        };
    }
    let mut reasons = Vec::new();
    let by_score = bands.iter().position(|b| t.final_score >= b.min);
    let mut idx = bands
        .iter()
        .position(|b| t.final_score >= b.min && !(b.requires_no_zero && t.has_zero));
    if idx != by_score && by_score.is_some() {
        reasons.push("Có tiêu chí bị 0 điểm".into());
    }
    let a = wb.assessment(&t.school);
    for d in a
        .map(|a| a.discipline.downgrades.as_slice())
        .unwrap_or_default()
    {
        let Some(rule) = wb.rules.downgrades.iter().find(|r| &r.id == d) else {
            continue;
        };
        if let Some(cap) = bands.iter().position(|b| b.id == rule.max_band)
            && idx.is_none_or(|i| i < cap)
        {
            idx = Some(cap);
            reasons.push(format!(
                "{} (tối đa \u{201c}{}\u{201d})",
                rule.reason, bands[cap].name
            ));
        }
    }
    Rating {
        band: idx.map(|i| bands[i].id.clone()),
        band_name: name(idx),
        reasons,
    }
}

/// Position of a band from the top (0 = best); unknown bands rank last.
pub fn band_index(wb: &Workbook, band: Option<&Id>) -> usize {
    band.and_then(|b| wb.rules.bands.iter().position(|x| &x.id == b))
        .unwrap_or(usize::MAX)
}
