//! Bỏ phiếu kín (the secret ballot): quorum (túc số), and each candidate
//! against the threshold (ngưỡng), in exact integer arithmetic; whether
//! the figures add up is the workbook's (`workbook::ballot`).

use crate::workbook::{Ballot, Comparison, Denominator, Id, Ratio, Voters, Workbook};

/// One candidate's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateResult {
    pub school: Id,
    /// Votes in the box plus written votes of absent members.
    pub votes: u32,
    /// votes / denominator, in hundredths of a percent (display only).
    pub percent_hundredths: u64,
    pub threshold_met: bool,
}

/// A counted ballot for one award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotResult {
    pub award: Id,
    pub ballot: Id,
    /// All voters of the council (members, or council members).
    pub voters_total: u32,
    pub present: u32,
    pub quorum_met: bool,
    /// Voters that must be present for the quorum.
    pub quorum_needed: u32,
    /// What percentages are taken of.
    pub denominator: u32,
    pub threshold: Ratio,
    pub comparison: Comparison,
    pub candidates: Vec<CandidateResult>,
}

impl BallotResult {
    pub fn votes_for(&self, school: &Id) -> u32 {
        self.candidates
            .iter()
            .find(|c| &c.school == school)
            .map_or(0, |c| c.votes)
    }

    pub fn candidate(&self, school: &Id) -> Option<&CandidateResult> {
        self.candidates.iter().find(|c| &c.school == school)
    }
}

/// Why a ballot's figures cannot be a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotError {
    pub award: Id,
    pub ballot: Id,
    pub problems: Vec<String>,
}

pub use crate::workbook::ballot::{MAX_BALLOT_COUNT, inconsistencies, voters};

/// Counts one ballot. Inconsistent figures are an error, never a result.
pub fn count(wb: &Workbook, ballot: &Ballot) -> Result<BallotResult, BallotError> {
    let rule = wb.rules.ballot_for(&ballot.award);
    let (voters_total, present) = voters(wb);
    let problems = inconsistencies(wb, ballot);
    if !problems.is_empty() {
        return Err(BallotError {
            award: ballot.award.clone(),
            ballot: ballot.id.clone(),
            problems,
        });
    }
    // The quorum counts those present; absent members' written votes count
    // as votes but not as presence.
    let quorum_met = rule.quorum.reached_by(present as u64, voters_total as u64);
    let quorum_needed = ceil_ratio(rule.quorum, voters_total);
    let denominator = match rule.denominator {
        Denominator::AllMembers => voters_total,
        Denominator::Present => {
            present.saturating_add(u32::try_from(ballot.written_votes.len()).unwrap_or(u32::MAX))
        }
    };
    let candidates = ballot
        .votes
        .iter()
        .map(|v| {
            let written = ballot
                .written_votes
                .iter()
                .filter(|w| w.candidates.contains(&v.school))
                .count() as u32;
            let votes = v.votes.saturating_add(written);
            let threshold_met = quorum_met
                && denominator > 0
                && match rule.comparison {
                    Comparison::AtLeast => {
                        rule.threshold.reached_by(votes as u64, denominator as u64)
                    }
                    Comparison::MoreThan => {
                        rule.threshold.exceeded_by(votes as u64, denominator as u64)
                    }
                };
            CandidateResult {
                school: v.school.clone(),
                votes,
                percent_hundredths: percent_hundredths(votes, denominator),
                threshold_met,
            }
        })
        .collect();
    Ok(BallotResult {
        award: ballot.award.clone(),
        ballot: ballot.id.clone(),
        voters_total,
        present,
        quorum_met,
        quorum_needed,
        denominator,
        threshold: rule.threshold,
        comparison: rule.comparison,
        candidates,
    })
}

/// Smallest whole number n with n / total ≥ ratio.
fn ceil_ratio(r: Ratio, total: u32) -> u32 {
    if r.den == 0 {
        return 0;
    }
    ((r.num as u64 * total as u64).div_ceil(r.den as u64)) as u32
}

/// part / whole in hundredths of a percent, rounded half up.
pub fn percent_hundredths(part: u32, whole: u32) -> u64 {
    if whole == 0 {
        return 0;
    }
    (part as u64 * 20_000 + whole as u64) / (2 * whole as u64)
}

/// "85,71%".
pub fn format_percent(hundredths: u64) -> String {
    format!("{}%", crate::workbook::Points(hundredths as i64))
}

/// The threshold in words, e.g. "trên 50% tổng số thành viên".
/// What the percentages are of, named as the rules define it: "Tỷ lệ tính
/// trên 7 trường thành viên" is not "trên 6 phiếu" when one school is absent.
pub fn describe_denominator(wb: &Workbook, n: u32) -> String {
    describe_denominator_of(&wb.rules.ballot, n)
}

/// [`describe_denominator`] under `rule` (an award's own).
pub fn describe_denominator_of(rule: &crate::workbook::BallotRule, n: u32) -> String {
    let of = match (rule.denominator, rule.voters) {
        (Denominator::AllMembers, Voters::PerSchool) => "trường thành viên",
        (Denominator::AllMembers, Voters::PerCouncilMember) => "thành viên hội đồng",
        (Denominator::Present, _) => "đại biểu bỏ phiếu (có mặt và gửi bằng văn bản)",
    };
    format!("Tỷ lệ tính trên {n} {of}.")
}

pub fn describe_threshold(wb: &Workbook) -> String {
    describe_rule(&wb.rules.ballot)
}

/// The threshold of `award`'s ballot in words (its own rule, or the
/// general one).
pub fn describe_threshold_for(wb: &Workbook, award: &crate::workbook::Id) -> String {
    describe_rule(wb.rules.ballot_for(award))
}

/// A ballot rule's threshold in words: "trên 50% tổng số trường thành viên".
pub fn describe_rule(r: &crate::workbook::BallotRule) -> String {
    let cmp = match r.comparison {
        Comparison::AtLeast => "từ",
        Comparison::MoreThan => "trên",
    };
    let of = match (r.denominator, r.voters) {
        (Denominator::AllMembers, Voters::PerSchool) => "tổng số trường thành viên",
        (Denominator::AllMembers, Voters::PerCouncilMember) => "tổng số thành viên hội đồng",
        (Denominator::Present, _) => "số đại biểu dự họp và bỏ phiếu",
    };
    format!("{cmp} {} {of}", r.threshold)
}
