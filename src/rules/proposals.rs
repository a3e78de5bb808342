//! Đề nghị khen thưởng (award proposals): eligibility, quotas (chỉ tiêu),
//! and the ballot's decision. The score ranks the schools; the ballot
//! decides who is proposed.

use super::ballot::{BallotError, BallotResult, format_percent};
use super::ranking::{Rating, band_index};
use crate::workbook::{AwardKind, AwardLevel, Id, Quota, Rounding, Workbook};

/// The result for one school and one award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Proposed to the Academy.
    Proposed { votes: u32, percent_hundredths: u64 },
    /// Not proposed, and why (Vietnamese).
    NotProposed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolOutcome {
    pub school: Id,
    pub rank: u32,
    pub eligible: bool,
    pub outcome: Outcome,
}

/// Everything decided about one award kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardResult {
    pub award: Id,
    pub quota: u32,
    /// How the quota was worked out, e.g. "20% của 7 trường = 1,4 → 1 (làm tròn xuống)".
    pub quota_explained: String,
    /// Proposed schools, best-ranked first.
    pub proposed: Vec<Id>,
    /// Why no proposal of this award can be made yet (its ballot, or an
    /// earlier award's, does not add up); None when decided.
    pub withheld: Option<String>,
    /// Every current member school, in rank order.
    pub schools: Vec<SchoolOutcome>,
}

/// The quota of an award for `members` schools, with its explanation.
pub fn quota(award: &AwardKind, members: u32) -> (u32, String) {
    // The number is the workbook's (`AwardKind::seats`); the rules say how
    // it was found.
    let n = award.seats(members);
    match award.quota {
        Quota::Count(_) => (n, format!("tối đa {n} trường")),
        Quota::Percent { percent, rounding } => {
            let exact = percent as u64 * members as u64; // hundredths of a school
            let word = match rounding {
                Rounding::Down => "làm tròn xuống",
                Rounding::Up => "làm tròn lên",
                Rounding::Nearest => "làm tròn đến số gần nhất",
            };
            let shown = crate::workbook::Points(exact as i64);
            (
                n,
                format!("{percent}% của {members} trường = {shown} → {n} ({word})"),
            )
        }
    }
}

/// Inputs per school, in rank order.
pub struct Candidate<'a> {
    pub school: &'a Id,
    pub rank: u32,
    pub rating: &'a Rating,
}

/// Decides every award, flags first: a school proposed for one award is not
/// proposed for a lower one.
pub fn decide(
    wb: &Workbook,
    ranked: &[Candidate],
    ballots: &[Result<BallotResult, BallotError>],
) -> Vec<AwardResult> {
    let members = wb.current_members().count() as u32;
    let mut already: Vec<(Id, String)> = Vec::new();
    let mut awards: Vec<&AwardKind> = wb.rules.awards.iter().collect();
    awards.sort_by_key(|a| match a.level {
        AwardLevel::Flag => 0,
        AwardLevel::Merit => 1,
    });
    let mut out = Vec::new();
    // An award whose ballot does not add up withholds its proposals, and
    // those of every award decided after it: who is "already proposed"
    // for the flag is not known, so the merit list cannot be drawn up.
    let mut withheld_by: Option<String> = None;
    for award in awards {
        let (quota, quota_explained) = quota(award, members);
        let ballot = ballots.iter().find(|b| match b {
            Ok(r) => r.award == award.id,
            Err(e) => e.award == award.id,
        });
        if let Some(Err(_)) = ballot {
            withheld_by.get_or_insert_with(|| award.short_name.clone());
        }
        if let Some(by) = &withheld_by {
            let why = if by == &award.short_name {
                format!(
                    "Chưa đề nghị: kết quả bỏ phiếu {by} không hợp lệ (số liệu không khớp), cần sửa lại"
                )
            } else {
                format!(
                    "Chưa đề nghị: kết quả bỏ phiếu {by} không hợp lệ, chưa biết trường nào đã được đề nghị {by}"
                )
            };
            out.push(AwardResult {
                award: award.id.clone(),
                quota,
                quota_explained,
                proposed: Vec::new(),
                withheld: Some(why.clone()),
                schools: ranked
                    .iter()
                    .map(|c| SchoolOutcome {
                        school: c.school.clone(),
                        rank: c.rank,
                        eligible: false,
                        outcome: Outcome::NotProposed(why.clone()),
                    })
                    .collect(),
            });
            continue;
        }
        let min_idx = band_index(wb, Some(&award.min_band));
        let min_name = wb
            .band(&award.min_band)
            .map(|b| b.name.clone())
            .unwrap_or_default();
        let mut proposed = Vec::new();
        let mut schools = Vec::new();
        for c in ranked {
            let under_review = wb
                .assessment(c.school)
                .is_some_and(|a| a.discipline.under_review);
            let band_ok = band_index(wb, c.rating.band.as_ref()) <= min_idx;
            let eligible = band_ok && !under_review;
            let prior = already.iter().find(|(s, _)| s == c.school);
            let outcome = if let Some((_, name)) = prior {
                Outcome::NotProposed(format!("Đã được đề nghị {name}"))
            } else if under_review {
                Outcome::NotProposed("Đang trong thời gian xem xét kỷ luật hoặc thanh tra".into())
            } else if !band_ok {
                Outcome::NotProposed(format!(
                    "Xếp loại \u{201c}{}\u{201d}, chưa đạt \u{201c}{min_name}\u{201d}",
                    c.rating.band_name
                ))
            } else {
                match ballot {
                    None => Outcome::NotProposed("Chưa bỏ phiếu".into()),
                    Some(Err(_)) => {
                        Outcome::NotProposed("Kết quả bỏ phiếu không hợp lệ, cần sửa lại".into())
                    }
                    Some(Ok(r)) => match r.candidate(c.school) {
                        None => Outcome::NotProposed("Không có trong danh sách bỏ phiếu".into()),
                        Some(_) if !r.quorum_met => Outcome::NotProposed(format!(
                            "Không đủ số đại biểu (có mặt {}/{}, cần {})",
                            r.present, r.voters_total, r.quorum_needed
                        )),
                        Some(v) if !v.threshold_met => Outcome::NotProposed(format!(
                            "Được {}/{} phiếu ({}), chưa đạt ngưỡng {}",
                            v.votes,
                            r.denominator,
                            format_percent(v.percent_hundredths),
                            super::ballot::describe_threshold_for(wb, &r.award)
                        )),
                        Some(_) if proposed.len() as u32 >= quota => {
                            Outcome::NotProposed(format!("Đã đủ chỉ tiêu ({quota_explained})"))
                        }
                        Some(v) => {
                            proposed.push(c.school.clone());
                            Outcome::Proposed {
                                votes: v.votes,
                                percent_hundredths: v.percent_hundredths,
                            }
                        }
                    },
                }
            };
            schools.push(SchoolOutcome {
                school: c.school.clone(),
                rank: c.rank,
                eligible,
                outcome,
            });
        }
        already.extend(
            proposed
                .iter()
                .map(|s| (s.clone(), award.short_name.clone())),
        );
        out.push(AwardResult {
            award: award.id.clone(),
            quota,
            quota_explained,
            proposed,
            withheld: None,
            schools,
        });
    }
    out
}
