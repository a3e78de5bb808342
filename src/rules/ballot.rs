//! The secret ballot: consistency, quorum, and each candidate against the
//! threshold, in exact integer arithmetic.

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

/// Voters of the council and how many are present, per the rules.
pub fn voters(wb: &Workbook) -> (u32, u32) {
    let conf = &wb.conference;
    match wb.rules.ballot.voters {
        Voters::PerSchool => {
            let total = wb.current_members().count() as u32;
            let present = conf.attendance.iter().filter(|a| a.present).count() as u32;
            (total, present)
        }
        Voters::PerCouncilMember => {
            let count = |present_only: bool| {
                conf.attendance
                    .iter()
                    .filter(|a| a.present || !present_only)
                    .map(|a| a.representatives.len().max(1) as u32)
                    .sum()
            };
            (count(false), count(true))
        }
    }
}

/// The most any figure of a ballot may be: no council is larger, and a
/// bigger number is a typing slip (or a crafted file) that would otherwise
/// overflow the arithmetic.
pub use crate::limits::MAX_BALLOT_COUNT;

/// Everything that makes a ballot's figures not add up, in Vietnamese; empty
/// when the ballot can be counted. The one check used by `check`, the
/// results and the documents, so they never disagree.
pub fn inconsistencies(wb: &Workbook, ballot: &Ballot) -> Vec<String> {
    let (_, present) = voters(wb);
    let mut problems = Vec::new();
    if wb.conference.attendance.is_empty() {
        problems.push("Chưa ghi danh sách dự họp: không kiểm tra được số đại biểu.".to_string());
    }
    let figures = [
        ("phát ra", ballot.issued),
        ("thu về", ballot.returned),
        ("hợp lệ", ballot.valid),
        ("không hợp lệ", ballot.invalid),
    ];
    let mut too_large = false;
    for (what, n) in figures {
        if n > MAX_BALLOT_COUNT {
            too_large = true;
            problems.push(format!(
                "Số phiếu {what} ({n}) vượt giới hạn {MAX_BALLOT_COUNT}."
            ));
        }
    }
    if ballot.returned > ballot.issued {
        problems.push(format!(
            "Số phiếu thu về ({}) nhiều hơn số phiếu phát ra ({}).",
            ballot.returned, ballot.issued
        ));
    }
    // Added in u64: two u32 figures near the limit must not wrap round to
    // a sum that happens to match.
    if u64::from(ballot.valid) + u64::from(ballot.invalid) != u64::from(ballot.returned) {
        problems.push(format!(
            "Số phiếu hợp lệ ({}) cộng không hợp lệ ({}) khác số phiếu thu về ({}).",
            ballot.valid, ballot.invalid, ballot.returned
        ));
    }
    if ballot.issued > present && !wb.conference.attendance.is_empty() {
        problems.push(format!(
            "Số phiếu phát ra ({}) nhiều hơn số đại biểu có mặt ({present}).",
            ballot.issued
        ));
    }
    for v in &ballot.votes {
        if v.votes > ballot.valid {
            problems.push(format!(
                "{} được {} phiếu, nhiều hơn số phiếu hợp lệ ({}).",
                name(wb, &v.school),
                v.votes,
                ballot.valid
            ));
        }
    }
    // Each valid paper marks at most as many schools as there are places:
    // the ballot paper itself says "đề nghị không quá N trường".
    if let Some(award) = wb.award(&ballot.award) {
        let members = wb.current_members().count() as u32;
        let (seats, _) = super::proposals::quota(award, members);
        let marks: u64 = ballot.votes.iter().map(|v| u64::from(v.votes)).sum();
        let most = u64::from(ballot.valid) * u64::from(seats);
        if !too_large && marks > most {
            problems.push(format!(
                "Tổng số phiếu bầu cho các trường ({marks}) nhiều hơn số phiếu hợp lệ × số trường được đề nghị ({} × {seats} = {most}).",
                ballot.valid
            ));
        }
        for w in &ballot.written_votes {
            if w.candidates.len() as u64 > u64::from(seats) {
                problems.push(format!(
                    "Phiếu văn bản của {} bầu {} trường, nhiều hơn số được đề nghị ({seats}).",
                    name(wb, &w.voter),
                    w.candidates.len()
                ));
            }
        }
    }
    let mut written_seen = Vec::new();
    for w in &ballot.written_votes {
        if written_seen.contains(&&w.voter) {
            problems.push(format!(
                "{} gửi phiếu bằng văn bản hai lần.",
                name(wb, &w.voter)
            ));
        }
        written_seen.push(&w.voter);
        if wb
            .conference
            .attendance
            .iter()
            .any(|a| a.school == w.voter && a.present)
        {
            problems.push(format!(
                "{} có mặt tại hội nghị nên không tính phiếu gửi bằng văn bản.",
                name(wb, &w.voter)
            ));
        }
        let mut marked = Vec::new();
        for c in &w.candidates {
            if marked.contains(&c) {
                problems.push(format!(
                    "Phiếu văn bản của {} bầu {} hai lần.",
                    name(wb, &w.voter),
                    name(wb, c)
                ));
            }
            marked.push(c);
            if !ballot.votes.iter().any(|v| &v.school == c) {
                problems.push(format!(
                    "Phiếu văn bản của {} bầu {}, trường không có trong danh sách ứng viên.",
                    name(wb, &w.voter),
                    name(wb, c)
                ));
            }
        }
    }
    problems
}

/// A school's short name, safe to print.
fn name(wb: &Workbook, id: &Id) -> String {
    crate::text::visible(&wb.school_name(id)).into_owned()
}

/// Counts one ballot. Inconsistent figures are an error, never a result.
pub fn count(wb: &Workbook, ballot: &Ballot) -> Result<BallotResult, BallotError> {
    let rule = &wb.rules.ballot;
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
    let of = match (wb.rules.ballot.denominator, wb.rules.ballot.voters) {
        (Denominator::AllMembers, Voters::PerSchool) => "trường thành viên",
        (Denominator::AllMembers, Voters::PerCouncilMember) => "thành viên hội đồng",
        (Denominator::Present, _) => "đại biểu bỏ phiếu (có mặt và gửi bằng văn bản)",
    };
    format!("Tỷ lệ tính trên {n} {of}.")
}

pub fn describe_threshold(wb: &Workbook) -> String {
    let r = &wb.rules.ballot;
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
