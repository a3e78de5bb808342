//! Hệ quả của một thay đổi quy chế: what a change of the rules does to this
//! year's results — a school whose rating changes, a candidate that now
//! reaches (or no longer reaches) an award's threshold, a proposal gained
//! or lost. The "Quy chế" view shows them before the change is kept.

use super::Results;
use crate::workbook::Id;

/// One difference between the results before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consequence {
    /// The school's rating band changes (names as the rules call them).
    Rating {
        school: Id,
        from: String,
        to: String,
    },
    /// The school's rank changes.
    Rank { school: Id, from: u32, to: u32 },
    /// The candidate now reaches (`met`) or no longer reaches the award's
    /// ballot threshold.
    Threshold { award: Id, school: Id, met: bool },
    /// The school is now proposed (`proposed`) for the award, or no longer.
    Proposal {
        award: Id,
        school: Id,
        proposed: bool,
    },
}

/// What changes from `before` to `after`, school by school in the order of
/// `before`'s ranking, then award by award.
pub fn between(before: &Results, after: &Results) -> Vec<Consequence> {
    let mut out = Vec::new();
    for b in &before.schools {
        let school = &b.totals.school;
        let Some(a) = after.school(school) else {
            continue;
        };
        if a.rating.band != b.rating.band {
            out.push(Consequence::Rating {
                school: school.clone(),
                from: b.rating.band_name.clone(),
                to: a.rating.band_name.clone(),
            });
        }
        if a.rank != b.rank {
            out.push(Consequence::Rank {
                school: school.clone(),
                from: b.rank,
                to: a.rank,
            });
        }
    }
    for (b, a) in before.ballots.iter().zip(&after.ballots) {
        let (Ok(b), Ok(a)) = (b, a) else { continue };
        for cb in &b.candidates {
            if let Some(ca) = a.candidate(&cb.school)
                && ca.threshold_met != cb.threshold_met
            {
                out.push(Consequence::Threshold {
                    award: a.award.clone(),
                    school: cb.school.clone(),
                    met: ca.threshold_met,
                });
            }
        }
    }
    for b in &before.awards {
        let Some(a) = after.awards.iter().find(|x| x.award == b.award) else {
            continue;
        };
        for s in b.proposed.iter().filter(|s| !a.proposed.contains(s)) {
            out.push(Consequence::Proposal {
                award: b.award.clone(),
                school: s.clone(),
                proposed: false,
            });
        }
        for s in a.proposed.iter().filter(|s| !b.proposed.contains(s)) {
            out.push(Consequence::Proposal {
                award: b.award.clone(),
                school: s.clone(),
                proposed: true,
            });
        }
    }
    out
}
