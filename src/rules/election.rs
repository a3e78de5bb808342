//! Bầu cụm trưởng, cụm phó (next year's leader and deputies): the rotation
//! order (luân phiên) suggests, the conference's vote decides.

use crate::workbook::{Id, Workbook};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionSummary {
    /// Who the rotation order suggests: the school after this year's
    /// leader, skipping schools that left.
    pub suggested_leader: Option<Id>,
    pub suggested_deputies: Vec<Id>,
    /// Who was elected (from the conference record).
    pub leader: Option<Id>,
    pub deputies: Vec<Id>,
    /// The vote departed from the rotation's suggestion.
    pub differs_from_rotation: bool,
}

pub fn summarize(wb: &Workbook) -> ElectionSummary {
    let staying = |id: &Id| wb.school(id).is_some_and(|s| s.left.is_none());
    let rotation: Vec<&Id> = wb.roles.rotation.iter().filter(|id| staying(id)).collect();
    let (suggested_leader, suggested_deputies) = if rotation.is_empty() {
        (None, Vec::new())
    } else {
        // Start after this year's leader (or at the top if it is not listed).
        let start = wb
            .roles
            .leader
            .as_ref()
            .and_then(|l| rotation.iter().position(|r| *r == l))
            .map_or(0, |i| i + 1);
        let mut cycle = (0..rotation.len()).map(|k| rotation[(start + k) % rotation.len()]);
        let leader = cycle.next().cloned();
        let wanted = wb
            .roles
            .deputies
            .len()
            .max(1)
            .min(rotation.len().saturating_sub(1));
        let deputies = cycle
            .filter(|id| Some(*id) != wb.roles.leader.as_ref())
            .take(wanted)
            .cloned()
            .collect();
        (leader, deputies)
    };
    let e = &wb.conference.election;
    ElectionSummary {
        differs_from_rotation: e.leader.is_some() && e.leader != suggested_leader,
        suggested_leader,
        suggested_deputies,
        leader: e.leader.clone(),
        deputies: e.deputies.clone(),
    }
}

/// Member schools present at the conference (a fact of the workbook, see
/// [`crate::workbook::ballot::schools_present`]).
pub use crate::workbook::ballot::schools_present;

/// "nhất trí 7/7 trường (100%)" or "6/7 trường tán thành (85,71%)": the
/// show of hands on the election, as the minutes write it; None until
/// counted.
pub fn show_of_hands(wb: &Workbook) -> Option<String> {
    let agreed = wb.conference.election.agreed?;
    let present = schools_present(wb);
    use crate::rules::ballot::{format_percent, percent_hundredths};
    let share = format_percent(percent_hundredths(agreed, present));
    Some(if agreed == present && present > 0 {
        format!("nhất trí {agreed}/{present} trường ({share})")
    } else {
        format!("{agreed}/{present} trường tán thành ({share})")
    })
}
