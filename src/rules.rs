//! The rules engine: totals, ranking, ratings, ballot results and award
//! proposals, by the cluster's own rules from the workbook. Pure functions
//! of a workbook: the window, the PDFs and the CLI all call [`evaluate`].
//!
//! # Glossary: the clerk's words → the code
//!
//! | Vietnamese term | Meaning | Where |
//! |---|---|---|
//! | tự chấm | a school's own score of a criterion | [`crate::workbook::Assessment::self_scores`], [`scores::SchoolTotals::self_total`] |
//! | điểm cụm chấm | the score the cluster gives (counts where given) | [`crate::workbook::Assessment::cluster_scores`], [`scores::SchoolTotals::cluster_total`] |
//! | điểm chuẩn | a leaf criterion's maximum | [`crate::workbook::Criterion::max`], [`crate::limits::score_range`] |
//! | điểm thưởng | bonus points a school claims, capped | [`crate::workbook::AdjustmentKind::Bonus`], [`crate::workbook::Rules::bonus_cap`], [`scores::SchoolTotals::bonus`] |
//! | điểm trừ | deduction points, capped | [`crate::workbook::AdjustmentKind::Deduction`], [`crate::workbook::Rules::deduction_cap`], [`scores::SchoolTotals::deduction`] |
//! | tổng điểm | final score: cluster total + bonus − deduction | [`scores::SchoolTotals::final_score`], [`scores::totals`] |
//! | xếp hạng, bằng điểm | ranking; a tie and how it is broken | [`ranking::rank`], [`crate::workbook::TieBreak`], [`ranking::tie_notes`] |
//! | xếp loại | rating band ("Hoàn thành xuất sắc nhiệm vụ" …) | [`ranking::rate`], [`ranking::Rating`], [`crate::workbook::RatingBand`] |
//! | hạ loại (kỷ luật) | a band capped by a discipline | [`crate::workbook::Downgrade`], [`crate::workbook::Discipline`] |
//! | bỏ phiếu kín | the secret ballot for an award | [`ballot::count`], [`crate::workbook::Ballot`], [`ballot::BallotResult`] |
//! | phiếu hợp lệ, phiếu văn bản | valid papers; a written vote of an absent member | [`crate::workbook::Ballot`], [`crate::workbook::ballot::inconsistencies`] |
//! | ngưỡng | the share of votes a candidate needs | [`crate::workbook::BallotRule::threshold`], [`ballot::describe_threshold`] |
//! | túc số | the quorum present for the ballot to count | [`crate::workbook::BallotRule::quorum`], [`ballot::BallotResult::quorum_met`] |
//! | chỉ tiêu | an award's quota of schools | [`crate::workbook::AwardKind::seats`], [`proposals::quota`] |
//! | đề nghị khen thưởng | proposing a school for an award | [`proposals::decide`], [`proposals::Outcome`] |
//! | Cờ thi đua | the Academy's emulation flag | [`crate::workbook::AwardLevel::Flag`], [`crate::workbook::defaults::AWARD_FLAG`] |
//! | Bằng khen | the Director's certificate of merit | [`crate::workbook::AwardLevel::Merit`] |
//! | cụm trưởng | the cluster's leading school this year | [`crate::workbook::Roles::leader`], [`election::summarize`] |
//! | cụm phó | a deputy leading school | [`crate::workbook::Roles::deputies`] |
//! | luân phiên | the rotation that suggests next year's leader | [`crate::workbook::Roles::rotation`], [`election::summarize`] |
//! | biểu quyết | the show of hands electing next year's leader | [`election::show_of_hands`], [`election::schools_present`] |
//! | bàn giao, năm sau | the handover and next year's workbook | [`rollover::next_year`] |

pub mod ballot;
pub mod consequences;
pub mod election;
pub mod proposals;
pub mod ranking;
pub mod rollover;
pub mod scores;

pub use ballot::{BallotError, BallotResult};
pub use proposals::{AwardResult, Outcome};
pub use ranking::{Ranked, Rating};
pub use scores::SchoolTotals;

use crate::workbook::{Id, Workbook};

/// One school's line in the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolResult {
    pub totals: SchoolTotals,
    pub rank: u32,
    pub tied_with: Vec<Id>,
    pub separated_by: Option<crate::workbook::TieBreak>,
    pub rating: Rating,
}

/// Everything the rules decide about a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// Current member schools, best first.
    pub schools: Vec<SchoolResult>,
    pub ballots: Vec<Result<BallotResult, BallotError>>,
    pub awards: Vec<AwardResult>,
    pub election: election::ElectionSummary,
}

impl Results {
    pub fn school(&self, id: &Id) -> Option<&SchoolResult> {
        self.schools.iter().find(|s| &s.totals.school == id)
    }

    /// Proposed (award, school) pairs, flags first.
    pub fn proposals(&self) -> impl Iterator<Item = (&Id, &Id)> {
        self.awards
            .iter()
            .flat_map(|a| a.proposed.iter().map(move |s| (&a.award, s)))
    }
}

/// Applies the workbook's rules to its records.
pub fn evaluate(wb: &Workbook) -> Results {
    let plan = scores::Plan::new(wb);
    let totals: Vec<SchoolTotals> = wb
        .current_members()
        .map(|s| scores::totals_with(wb, &plan, &s.id))
        .collect();
    let ballots: Vec<Result<BallotResult, BallotError>> = wb
        .conference
        .ballots
        .iter()
        .map(|b| {
            // Two results for one award: neither can be trusted over the
            // other, so the award waits until one is removed.
            let twins = wb
                .conference
                .ballots
                .iter()
                .filter(|o| o.award == b.award)
                .count();
            if twins > 1 {
                Err(BallotError {
                    award: b.award.clone(),
                    ballot: b.id.clone(),
                    problems: vec![format!(
                        "Có {twins} kết quả bỏ phiếu cho cùng danh hiệu: chỉ được giữ một."
                    )],
                })
            } else {
                ballot::count(wb, b)
            }
        })
        .collect();
    let counted: Vec<BallotResult> = ballots
        .iter()
        .filter_map(|b| b.as_ref().ok().cloned())
        .collect();
    let ranked = ranking::rank(wb, &totals, &counted);
    let mut schools: Vec<SchoolResult> = ranked
        .into_iter()
        .map(|r| {
            let t = totals
                .iter()
                .find(|t| t.school == r.school)
                .expect("ranked from totals")
                .clone();
            let rating = ranking::rate(wb, &t);
            SchoolResult {
                totals: t,
                rank: r.rank,
                tied_with: r.tied_with,
                separated_by: r.separated_by,
                rating,
            }
        })
        .collect();
    schools.shrink_to_fit();
    let candidates: Vec<proposals::Candidate> = schools
        .iter()
        .map(|s| proposals::Candidate {
            school: &s.totals.school,
            rank: s.rank,
            rating: &s.rating,
        })
        .collect();
    let awards = proposals::decide(wb, &candidates, &ballots);
    Results {
        election: election::summarize(wb),
        schools,
        ballots,
        awards,
    }
}
