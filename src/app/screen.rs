//! One module per view. Each owns only UI state; the workbook stays in the
//! app and is passed in by reference.

pub mod activities;
pub mod awards;
pub mod criteria;
pub mod doc_editor;
pub mod documents;
pub mod error;
pub mod history;
pub mod members;
pub mod merge_review;
pub mod returns;
pub mod rules;
pub mod scoring;
pub mod welcome;
pub mod year_end;

/// The views of an open workbook, in the navigation's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Members,
    Activities,
    Scoring,
    Criteria,
    /// Quy chế: bands, caps, awards, the ballot rule, tie-breaks, legal bases.
    Rules,
    Awards,
    YearEnd,
    Documents,
    /// Files returned by member schools: merged and missing.
    Returns,
    /// The cluster's years side by side.
    History,
}

impl View {
    pub const ALL: [View; 10] = [
        View::Members,
        View::Activities,
        View::Scoring,
        View::Criteria,
        View::Rules,
        View::Returns,
        View::Awards,
        View::YearEnd,
        View::Documents,
        View::History,
    ];

    pub fn label(self) -> &'static str {
        use super::strings as s;
        match self {
            View::Members => s::VIEW_MEMBERS,
            View::Activities => s::VIEW_ACTIVITIES,
            View::Scoring => s::VIEW_SCORING,
            View::Criteria => s::VIEW_CRITERIA,
            View::Rules => s::VIEW_RULES,
            View::Awards => s::VIEW_AWARDS,
            View::YearEnd => s::VIEW_YEAR_END,
            View::Documents => s::VIEW_DOCUMENTS,
            View::Returns => s::VIEW_RETURNS,
            View::History => s::VIEW_HISTORY,
        }
    }
}

/// How the app's applying of a screen's last edit went: on success the form
/// (`draft`) closes; on failure it stays open showing the reason (`error`
/// gives its error slot). Returns the reason when no form is open to show it.
pub fn settle<D>(
    draft: &mut Option<D>,
    result: Result<(), String>,
    error: impl FnOnce(&mut D) -> &mut Option<String>,
) -> Option<String> {
    match (result, draft.as_mut()) {
        (Ok(()), _) => {
            *draft = None;
            None
        }
        (Err(e), Some(d)) => {
            *error(d) = Some(e);
            None
        }
        (Err(e), None) => Some(e),
    }
}
