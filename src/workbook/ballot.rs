//! Facts of the conference's ballots that the workbook states by itself:
//! who may vote and who is present, how many places an award has, and
//! whether a ballot's figures add up. Validation (`check`) and the edits
//! use them; the rules count the ballots on top of them
//! (`rules::ballot`, `rules::election`, `rules::proposals`).

use super::{AwardKind, Ballot, BallotRule, Id, Quota, Rounding, Rules, Voters, Workbook};

impl Rules {
    /// The ballot rule of `award`: its own where it has one, else the
    /// rules' general one.
    pub fn ballot_for(&self, award: &Id) -> &BallotRule {
        self.awards
            .iter()
            .find(|a| &a.id == award)
            .and_then(|a| a.ballot.as_ref())
            .unwrap_or(&self.ballot)
    }
}

impl AwardKind {
    /// The most schools this award may be proposed for among `members`
    /// schools: a count, or a percentage rounded as the rules say.
    pub fn seats(&self, members: u32) -> u32 {
        match self.quota {
            Quota::Count(n) => n,
            Quota::Percent { percent, rounding } => {
                let exact = percent as u64 * members as u64; // hundredths of a school
                let n = match rounding {
                    Rounding::Down => exact / 100,
                    Rounding::Up => exact.div_ceil(100),
                    Rounding::Nearest => (exact + 50) / 100,
                };
                n as u32
            }
        }
    }
}

/// Member schools present at the conference, who vote on the election by a
/// show of hands; every current member while no attendance is recorded.
pub fn schools_present(wb: &Workbook) -> u32 {
    let c = &wb.conference;
    if c.attendance.is_empty() {
        wb.current_members().count() as u32
    } else {
        c.attendance.iter().filter(|a| a.present).count() as u32
    }
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
/// results (`rules::ballot::count`) and the documents, so they never
/// disagree.
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
        let seats = award.seats(members);
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
