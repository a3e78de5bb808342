//! The records of one cluster-year. Every record has a stable id and an
//! owner (a member school or the cluster), because copies of the file travel
//! to member schools by email and come back to be merged: a school may change
//! only what it owns.

use super::points::{Points, Ratio};
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A stable identifier, unique within its kind in a workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn new(s: impl Into<String>) -> Id {
        Id(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(s.to_string())
    }
}

/// Who may change a record: the cluster (the leader's office) or one school.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    #[default]
    Cluster,
    School(Id),
}

impl Owner {
    pub fn editor_key(&self) -> &str {
        match self {
            Owner::Cluster => "cluster",
            Owner::School(id) => id.as_str(),
        }
    }
}

/// A record's revision: one counter per editor (a version vector), so the
/// merge of returned files can tell "changed here", "changed there" and
/// "changed on both sides" apart. Empty (and not written) until first edited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rev(pub BTreeMap<String, u32>);

impl Rev {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Counts an edit by the replica `key` (see `Workbook::replica_key`).
    pub fn bump_as(&mut self, key: &str) {
        let n = self.0.entry(key.to_string()).or_default();
        *n = n.saturating_add(1);
    }
    /// Pointwise maximum with `other`: every edit either has seen.
    pub fn absorb(&mut self, other: &Rev) {
        for (k, n) in &other.0 {
            match self.0.get_mut(k) {
                Some(slot) => *slot = (*slot).max(*n),
                None => {
                    self.0.insert(k.clone(), *n);
                }
            }
        }
    }
    /// Does this vector count every edit `other` counts?
    pub fn includes(&self, other: &Rev) -> bool {
        other
            .0
            .iter()
            .all(|(k, n)| *n <= self.0.get(k).copied().unwrap_or(0))
    }
    /// Records one more edit by `editor`.
    pub fn bump(&mut self, editor: &Owner) {
        let n = self.0.entry(editor.editor_key().to_string()).or_default();
        *n = n.saturating_add(1);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStyle {
    /// State layout: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", numbers "Số: 05/BB-CTĐ8".
    State,
    /// Party layout: "ĐẢNG CỘNG SẢN VIỆT NAM", numbers "Số 05-BB/CTĐ8".
    Party,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cluster {
    /// e.g. "Cụm thi đua số 8".
    pub name: String,
    pub number: u32,
    /// e.g. "Các trường chính trị miền Đông Nam Bộ".
    pub region: String,
    /// e.g. "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH".
    pub parent_body: String,
    pub document_style: DocumentStyle,
    /// The code in document numbers, e.g. "CTĐ8" in "05/BB-CTĐ8".
    pub number_code: String,
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster {
            name: String::new(),
            number: 0,
            region: String::new(),
            parent_body: "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH".to_string(),
            document_style: DocumentStyle::State,
            number_code: String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// Position, e.g. "Hiệu trưởng".
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub email: String,
}

/// A member school of this year. Owned by the cluster: the leader keeps the
/// list; each school keeps its own contact details up to date through it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct School {
    pub id: Id,
    /// e.g. "Trường Chính trị tỉnh Bà Rịa - Vũng Tàu".
    pub full_name: String,
    /// e.g. "Bà Rịa - Vũng Tàu".
    pub short_name: String,
    pub province: String,
    pub address: String,
    pub head: Person,
    /// The school's emulation officer (cán bộ làm công tác thi đua).
    pub officer: Contact,
    pub joined: Option<Date>,
    /// Set when the school left the cluster (merged, moved); it stays in this
    /// year's record but is not carried into next year.
    pub left: Option<Date>,
    /// Where it went, e.g. merged into another school.
    pub successor: Option<Id>,
    /// Earlier schools this one continues (kế thừa từ): the schools merged
    /// into it, by their ids in earlier years' workbooks. The history
    /// shows their years nested under this school's, never added to them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub continues: Vec<Id>,
    pub note: String,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionRef {
    /// e.g. "125/QĐ-HVCTQG".
    pub number: String,
    pub date: Option<Date>,
    pub issuer: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Roles {
    pub leader: Option<Id>,
    pub deputies: Vec<Id>,
    /// The Academy's decision recognising this year's leader and deputies.
    pub decision: DecisionRef,
    /// Order in which schools take the lead, used to suggest the next leader.
    pub rotation: Vec<Id>,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    /// Cờ thi đua: for the school leading the movement.
    Flag,
    /// Bằng khen: for other outstanding schools.
    Merit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    Down,
    Nearest,
    Up,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quota {
    /// At most this many schools.
    Count(u32),
    /// At most this share of the members, rounded as stated.
    Percent { percent: u32, rounding: Rounding },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardKind {
    pub id: Id,
    /// Full name from the Academy's guidance, e.g. "Cờ thi đua của Học viện
    /// Chính trị quốc gia Hồ Chí Minh".
    pub name: String,
    /// e.g. "Cờ thi đua".
    pub short_name: String,
    pub level: AwardLevel,
    pub quota: Quota,
    /// Lowest rating band that may be proposed.
    pub min_band: Id,
    /// This award's own ballot rule (threshold, comparison, quorum,
    /// denominator), where it differs from the rules' general one: awards
    /// differ ("Cờ: từ 2/3", "Bằng khen: trên 50%"). Optional in version 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballot: Option<BallotRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingBand {
    pub id: Id,
    /// e.g. "Hoàn thành xuất sắc nhiệm vụ".
    pub name: String,
    /// Lowest final score of the band.
    pub min: Points,
    /// The band requires that no criterion scored 0.
    #[serde(default)]
    pub requires_no_zero: bool,
}

/// A reason that caps a school's rating, e.g. the head disciplined with a
/// reprimand: at best "Hoàn thành tốt".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Downgrade {
    pub id: Id,
    pub reason: String,
    pub max_band: Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// "≥": at least the threshold.
    AtLeast,
    /// ">": more than the threshold.
    MoreThan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// All members of the council (the usual legal wording).
    AllMembers,
    /// Those present.
    Present,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voters {
    /// One ballot per member school.
    PerSchool,
    /// One ballot per council member (the conference's attendance lists them).
    PerCouncilMember,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotRule {
    pub threshold: Ratio,
    pub comparison: Comparison,
    pub denominator: Denominator,
    pub voters: Voters,
    /// Present voters needed for the vote to count, as a share of all.
    pub quorum: Ratio,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// More votes in the ballot for the named award (its id): the chain
    /// "flag ballot votes, then section II" names the flag. A ballot that
    /// is missing or does not add up breaks no tie. (Version 1 files had
    /// no award here; see `file::migrate`.)
    BallotVotes(Id),
    /// Higher score in one section of the criteria table.
    Section(Id),
    /// Fewer deduction points.
    FewerDeductions,
    /// The chair's recorded decision (conference.tie_decisions).
    ChairDecision,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    pub awards: Vec<AwardKind>,
    /// Highest band first.
    pub bands: Vec<RatingBand>,
    pub downgrades: Vec<Downgrade>,
    /// Band of a school that did not self-assess.
    pub no_self_assessment_band: Option<Id>,
    pub bonus_cap: Points,
    pub deduction_cap: Points,
    pub ballot: BallotRule,
    pub tie_break: Vec<TieBreak>,
    /// "Căn cứ …" lines, edited per year.
    pub legal_basis: Vec<String>,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

/// A node of the criteria table: a section (top level), a criterion or a
/// sub-criterion. Only leaves carry a maximum; a parent's maximum is the sum
/// of its children's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Criterion {
    pub id: Id,
    /// "I", "1", "1.1" …
    pub code: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    /// What counts as evidence, how to score.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Criterion>,
}

impl Criterion {
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// The maximum: a leaf's own, a parent's as the sum of its leaves.
    pub fn max_points(&self) -> Points {
        if self.is_leaf() {
            self.max.unwrap_or_default()
        } else {
            self.children.iter().map(Criterion::max_points).sum()
        }
    }

    /// Leaves under (or equal to) this node, depth first.
    pub fn leaves(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<&'a Criterion>) {
        if self.is_leaf() {
            out.push(self);
        } else {
            for c in &self.children {
                c.collect_leaves(out);
            }
        }
    }
}

/// One score given to one criterion, by the school or by the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Score {
    pub points: Points,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Evidence references: document numbers, file names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentKind {
    Bonus,
    Deduction,
}

/// A bonus (điểm thưởng) or deduction (điểm trừ) item with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    pub id: Id,
    pub owner: Owner,
    pub kind: AdjustmentKind,
    /// Always positive; the kind says which way it counts.
    pub points: Points,
    pub reason: String,
    /// A school's bonus claim as the cluster accepted it (0 up to the
    /// claim); None: not reviewed yet, and the claim counts as made.
    /// Only the cluster sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Points>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

impl Adjustment {
    /// What the item counts for: the accepted amount once the cluster has
    /// reviewed a claim, the claim until then.
    pub fn counted(&self) -> Points {
        self.accepted.unwrap_or(self.points)
    }
}

/// A school's registration for the year (đăng ký thi đua), owned by it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Registration {
    /// Award the school registers to compete for.
    pub award: Option<Id>,
    /// Targets it commits to, one per line.
    pub targets: Vec<String>,
    pub date: Option<Date>,
    /// Signed the emulation pact.
    pub signed_pact: bool,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

/// Discipline or inspection status, owned by the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Discipline {
    /// Under discipline or inspection review: cannot be proposed for awards.
    pub under_review: bool,
    /// Downgrades that apply (ids from the rules).
    pub downgrades: Vec<Id>,
    pub note: String,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

/// Everything scored about one school this year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assessment {
    pub school: Id,
    pub registration: Registration,
    /// Self-scores per leaf criterion id; owned by the school.
    pub self_scores: BTreeMap<Id, Score>,
    /// Cluster scores per leaf criterion id; owned by the cluster.
    pub cluster_scores: BTreeMap<Id, Score>,
    pub adjustments: Vec<Adjustment>,
    pub discipline: Discipline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Hội thi giảng viên dạy giỏi.
    TeachingContest,
    /// Hội thi học viên giỏi lý luận chính trị.
    LearnerContest,
    /// Hội thảo, tọa đàm khoa học.
    Seminar,
    /// Nghiên cứu thực tế.
    FieldTrip,
    /// Thao giảng, dự giờ.
    ObservedLesson,
    /// Hội thao, hội diễn.
    SportsArts,
    Other,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 7] = [
        ActivityKind::TeachingContest,
        ActivityKind::LearnerContest,
        ActivityKind::Seminar,
        ActivityKind::FieldTrip,
        ActivityKind::ObservedLesson,
        ActivityKind::SportsArts,
        ActivityKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::TeachingContest => "Hội thi giảng viên dạy giỏi",
            ActivityKind::LearnerContest => "Hội thi học viên giỏi lý luận chính trị",
            ActivityKind::Seminar => "Hội thảo, tọa đàm khoa học",
            ActivityKind::FieldTrip => "Nghiên cứu thực tế",
            ActivityKind::ObservedLesson => "Thao giảng, dự giờ",
            ActivityKind::SportsArts => "Hội thao, hội diễn",
            ActivityKind::Other => "Hoạt động khác",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    pub school: Option<Id>,
    /// e.g. "Giảng viên", "Thí sinh", "Giám khảo".
    pub role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Prize {
    /// e.g. "Giải Nhất".
    pub prize: String,
    pub school: Option<Id>,
    pub person: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: Id,
    pub owner: Owner,
    pub kind: ActivityKind,
    pub title: String,
    pub start: Date,
    #[serde(default)]
    pub end: Option<Date>,
    #[serde(default)]
    pub host: Option<Id>,
    #[serde(default)]
    pub participants: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Participant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<Prize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Attendance {
    pub school: Id,
    pub present: bool,
    /// Who came, e.g. the head and the emulation officer. With
    /// per-council-member voting each is one voter.
    pub representatives: Vec<Person>,
    pub note: String,
}

/// The written vote of an absent member, sent before the conference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WrittenVote {
    pub voter: Id,
    /// Candidates this voter approves.
    pub candidates: Vec<Id>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CandidateVotes {
    pub school: Id,
    pub votes: u32,
}

/// The secret ballot on one award.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ballot {
    pub id: Id,
    pub award: Id,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    pub votes: Vec<CandidateVotes>,
    pub written_votes: Vec<WrittenVote>,
    /// Ban kiểm phiếu.
    pub counting_committee: Vec<Person>,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    Pending,
    Awarded,
    NotAwarded,
}

/// What the Academy later decided on one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcademyDecision {
    pub award: Id,
    pub school: Id,
    pub outcome: DecisionOutcome,
    #[serde(default)]
    pub decision: DecisionRef,
}

/// The chair's recorded decision where the tie-break chain ends in a tie:
/// schools in the order decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TieDecision {
    pub order: Vec<Id>,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Election {
    pub leader: Option<Id>,
    pub deputies: Vec<Id>,
    /// Member schools present that approved the leader and deputies by a
    /// show of hands (the minutes: "biểu quyết nhất trí 7/7 trường
    /// (100%)"); None until counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed: Option<u32>,
    /// Anything else about how the election went.
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Handover {
    pub date: Option<Date>,
    pub place: String,
    /// Representative of the outgoing leader school.
    pub outgoing: Person,
    /// Representative of the incoming leader school.
    pub incoming: Person,
    /// What is handed over, one item per line.
    pub items: Vec<String>,
    pub note: String,
    /// File name of next year's workbook created at the handover.
    pub next_year_file: String,
}

/// The year-end conference (hội nghị tổng kết).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Conference {
    pub date: Option<Date>,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub place: String,
    pub chair: Person,
    pub co_chairs: Vec<Person>,
    pub secretary: Person,
    pub attendance: Vec<Attendance>,
    /// Guests who are not delegates of a member school (the Academy's
    /// representatives, the host school's departments).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guests: Vec<Person>,
    /// The minutes' summary of the discussion, one paragraph per line.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub discussion: String,
    /// The chair's conclusion, one paragraph per line.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
    pub ballots: Vec<Ballot>,
    pub tie_decisions: Vec<TieDecision>,
    pub academy_decisions: Vec<AcademyDecision>,
    pub election: Election,
    pub handover: Handover,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    ScoreSheet,
    Minutes,
    Proposal,
    Report,
    Pact,
    Handover,
    Ballots,
    CountMinutes,
    /// The news item (tin bài) posted after the conference.
    News,
}

impl DocKind {
    /// The abbreviation in document numbers (BB minutes, TTr proposal …).
    pub fn abbreviation(self) -> &'static str {
        match self {
            DocKind::ScoreSheet => "BTH",
            DocKind::Minutes | DocKind::Handover | DocKind::CountMinutes => "BB",
            DocKind::Proposal => "TTr",
            DocKind::Report => "BC",
            DocKind::Pact => "GƯ",
            DocKind::Ballots => "PB",
            DocKind::News => "TB",
        }
    }
}

/// The free-text parts of the year-end report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportTexts {
    pub situation: String,
    pub results: String,
    pub assessment: String,
    pub directions: String,
    pub proposals: String,
}

/// What the printed documents need beyond the records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Documents {
    /// The number of each document, e.g. {"minutes": "05"}.
    pub numbers: BTreeMap<DocKind, String>,
    /// Dates of the documents; the conference date where not set.
    pub dates: BTreeMap<DocKind, Date>,
    /// Place in the date line, e.g. "Bà Rịa - Vũng Tàu"; the leader's
    /// province where empty.
    pub place: String,
    pub report: ReportTexts,
    /// "Nơi nhận" lines of outgoing documents.
    pub recipients: Vec<String>,
    /// Attachments of the proposal letter.
    pub attachments: Vec<String>,
    /// The news item's byline: the writer's name, then their title, one
    /// per line ("Đinh Thị Mai Yên" / "Phó Trưởng phòng TC-HC-TT-TL").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub news_byline: String,
    /// The news item's photo captions, one per photo, as the clerk typed
    /// them ("Quang cảnh Hội nghị"); none printed when empty. Optional in
    /// format 4.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub news_captions: Vec<String>,
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub rev: Rev,
}

/// Provenance of this copy of the file, for merging returned files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Provenance {
    /// SHA-256 (hex) of the file's parsed content with this field empty,
    /// written on every save: a file edited outside the app, or damaged on
    /// the way, no longer matches. First, so the save can insert it. Only in
    /// files: loading takes it out (see `file::Loaded::integrity`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub content_hash: String,
    /// HMAC-SHA-256 (hex) of the content hash with the school's key: a
    /// school's copy signs what it saves (see `crate::exchange::sign`).
    /// Second, so the save can insert it; only in files, like the hash.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signature: String,
    /// Who saved this copy last: the cluster (leader) or a member school.
    pub saved_by: Option<Owner>,
    /// How many times this workbook has been saved, across all copies.
    pub save_count: u64,
    /// File name of the previous year's workbook this one was created from.
    pub previous_year_file: String,
    /// Every edit this copy has seen, by replica: the pointwise maximum of
    /// every version vector it ever held. A record missing from a returned
    /// copy is a deletion only if the copy had seen the record's current
    /// version (see `crate::exchange`).
    #[serde(skip_serializing_if = "Rev::is_empty")]
    pub seen: Rev,
    /// A school's copy from the mail-out: the school it is for. It edits as
    /// that school and signs with `school_key`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_for: Option<Id>,
    /// That school's key (hex), derived from the master's secret; only in
    /// the school's own copy.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub school_key: String,
    /// The master's secret (hex) the schools' keys are derived from; only in
    /// the leader's master, never in what is sent out.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub secret: String,
    /// Files returned by member schools and merged into this workbook, in
    /// school order (see `crate::exchange`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub returns: Vec<ReturnRecord>,
    /// Conflicts left undecided by a merge, with the school's value, so
    /// they can be decided later without the file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<OpenConflict>,
    /// Records deleted this year, in record order: a deletion is data, not
    /// an absence (as KeePassXC keeps `DeletedObjects`), so a returned copy
    /// that still holds a record the cluster deleted does not bring it
    /// back. Carried in every copy mailed out; next year starts without.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deletion>,
    /// What each mail-out (and re-issue) gave each school's copy: every
    /// version the copy held. A return may claim to have seen no more of
    /// anyone else's edits than that; only the master keeps it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issued: Vec<Issued>,
}

/// A deleted record (a tombstone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Deletion {
    /// The record, as [`RecordKey`](super::RecordKey) writes it
    /// ("adjustment/s02/s02-adj1").
    pub record: String,
    /// The version that deleted it: every edit the record had, and the
    /// deletion itself.
    pub rev: Rev,
    /// Who deleted it.
    pub by: Owner,
    /// When.
    pub on: Option<Date>,
    /// The record as it was, so it can be restored ("Khôi phục").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

/// What the mail-out gave one school's copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Issued {
    pub school: Id,
    /// Every version the copies issued to the school held (the pointwise
    /// maximum over re-issues).
    pub seen: Rev,
    /// The last issue.
    pub on: Option<Date>,
}

/// A conflict a merge left open: the school's version of a record the
/// cluster's copy also changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpenConflict {
    /// The record, as `exchange::RecordKey` writes it ("self_score/s01/c001").
    pub record: String,
    pub school: Id,
    /// The returned file it came from (its content hash and name).
    pub content_hash: String,
    pub file_name: String,
    /// What the record is and the school's value, readable.
    pub label: String,
    pub value: String,
    /// The school's record as it was in the file, so the conflict can be
    /// decided for the school later (None: the school deleted it, or an
    /// older file that did not keep it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school_record: Option<serde_json::Value>,
    /// The school's copy deleted the record.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub school_deleted: bool,
}

/// One returned file merged into the leader's workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReturnRecord {
    pub school: Id,
    /// The name the file had when merged (webmail may have renamed it; only
    /// the content identifies it).
    pub file_name: String,
    pub merged_on: Option<Date>,
    /// The file's save count: a later file from the same school has more.
    pub save_count: u64,
    /// The hash of the file's content: the same file is not merged twice.
    pub content_hash: String,
    /// Changes taken from the file (accepted, and conflicts decided for the school).
    pub accepted: u32,
    /// Changes the file made to what its school does not own: not applied.
    pub refused: u32,
    /// Conflicts decided for the leader's version.
    pub kept: u32,
    /// Conflicts left undecided: not applied.
    pub undecided: u32,
}
