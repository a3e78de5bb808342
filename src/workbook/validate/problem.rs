//! What is wrong, as data: a [`ProblemKind`] names the record and the
//! figures concerned; its Vietnamese sentence is written only when it is
//! shown (`Display`, for the window, the CLI and the documents). Two
//! problems are the same problem when their kinds are equal, whatever the
//! wording: a merge's "adds no new problem" compares kinds.

use crate::text::{format_date, visible};
use crate::workbook::edit::scores::Side;
use crate::workbook::model::{AdjustmentKind, Id};
use crate::workbook::points::{Points, Ratio};
use std::fmt;

/// A closed set of labels: the identity is the variant, the Vietnamese
/// words are in `label()` only.
macro_rules! labels {
    ($(#[$m:meta])* $name:ident { $($v:ident => $l:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($v),* }
        impl $name {
            /// The words shown for it.
            pub fn label(self) -> &'static str {
                match self { $(Self::$v => $l),* }
            }
        }
    };
}

labels! {
    /// The kind of record an id belongs to (for a duplicate id).
    IdOf {
        School => "trường",
        ContinuedSchool => "trường được kế thừa",
        Deputy => "cụm phó",
        Award => "danh hiệu",
        Band => "mức xếp loại",
        Downgrade => "trường hợp hạ loại",
        Criterion => "tiêu chí",
        Assessment => "bản chấm điểm của trường",
        Adjustment => "điểm thưởng/điểm trừ",
        Activity => "hoạt động",
        Attendance => "trường trong danh sách dự họp",
        Ballot => "phiếu bầu",
        Candidate => "ứng viên trong phiếu bầu",
        NextDeputy => "cụm phó năm sau",
    }
}

labels! {
    /// A school's part in an activity.
    ActivityRole {
        Owner => "",
        Host => "đơn vị đăng cai",
        Participant => "đơn vị tham gia",
        Person => "người tham gia",
        Result => "kết quả",
    }
}

/// Where a school is named that is not a member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SchoolRef {
    /// The school a member merged into (the member's short name).
    Successor(String),
    Deputy,
    Rotation,
    Assessment,
    /// An activity (its title) and the school's part in it.
    Activity(String, ActivityRole),
    Attendance,
    /// A ballot (the award's short name, or its id).
    Ballot(String),
    WrittenVote,
    AcademyDecision,
    TieDecision,
    NextLeader,
    NextDeputy,
}

impl fmt::Display for SchoolRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchoolRef::Successor(s) => {
                write!(f, "Trường sáp nhập vào của \u{201c}{s}\u{201d}")
            }
            SchoolRef::Deputy => f.write_str("Cụm phó"),
            SchoolRef::Rotation => f.write_str("Thứ tự luân phiên"),
            SchoolRef::Assessment => f.write_str("Bản chấm điểm"),
            SchoolRef::Activity(title, ActivityRole::Owner) => {
                write!(f, "Hoạt động \u{201c}{title}\u{201d}")
            }
            SchoolRef::Activity(title, role) => {
                write!(f, "Hoạt động \u{201c}{title}\u{201d}, {}", role.label())
            }
            SchoolRef::Attendance => f.write_str("Danh sách dự họp"),
            SchoolRef::Ballot(award) => write!(f, "Kết quả bỏ phiếu {award}"),
            SchoolRef::WrittenVote => f.write_str("Phiếu gửi bằng văn bản"),
            SchoolRef::AcademyDecision => f.write_str("Quyết định của Học viện"),
            SchoolRef::TieDecision => f.write_str("Quyết định của chủ trì khi bằng điểm"),
            SchoolRef::NextLeader => f.write_str("Bầu cụm trưởng năm sau"),
            SchoolRef::NextDeputy => f.write_str("Bầu cụm phó năm sau"),
        }
    }
}

/// Whose date lies outside the year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DateOf {
    /// A school's registration (the school's name).
    Registration(String),
    /// An activity (its title).
    Activity(String),
    Conference,
    Handover,
}

impl fmt::Display for DateOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOf::Registration(name) => write!(f, "{name}, ngày đăng ký thi đua"),
            DateOf::Activity(title) => write!(f, "Hoạt động \u{201c}{title}\u{201d}"),
            DateOf::Conference => f.write_str("Hội nghị tổng kết"),
            DateOf::Handover => f.write_str("Bàn giao"),
        }
    }
}

labels! {
    /// A ratio of the ballot rules.
    RatioRule {
        Threshold => "Ngưỡng biểu quyết",
        Quorum => "Số đại biểu tối thiểu",
    }
}

labels! {
    /// A text or count of a member school.
    SchoolField {
        Name => "tên",
        ShortName => "tên ngắn",
        Province => "tỉnh",
        Address => "địa chỉ",
        Officer => "cán bộ đầu mối",
        Phone => "điện thoại",
        Email => "thư điện tử",
        Head => "hiệu trưởng",
        HeadTitle => "hiệu trưởng, chức vụ",
        Note => "ghi chú",
    }
}

labels! {
    /// A text or count of an activity.
    ActivityField {
        Title => "tên",
        Note => "ghi chú",
        Evidence => "minh chứng",
        Person => "người tham gia",
        Role => "vai trò",
        Prize => "giải",
        Winner => "người đạt giải",
        EvidenceLines => "số dòng minh chứng",
        People => "số người tham gia",
        Prizes => "số giải",
    }
}

labels! {
    /// A text or count of one score, or one bonus or deduction item.
    ItemField {
        Note => "ghi chú",
        Evidence => "minh chứng",
        Reason => "lý do",
        EvidenceLines => "số dòng minh chứng",
    }
}

labels! {
    /// A text or count of a school's assessment as a whole.
    AssessmentField {
        Target => "chỉ tiêu đăng ký",
        Targets => "số chỉ tiêu đăng ký",
        DisciplineNote => "ghi chú kỷ luật",
    }
}

labels! {
    /// A text of a criterion.
    CriterionField {
        Code => "mã",
        Title => "tên",
        Guidance => "hướng dẫn",
    }
}

labels! {
    /// What only the cluster writes, named whole.
    ClusterField {
        Name => "Tên cụm",
        Region => "Địa bàn của cụm",
        ParentBody => "Cơ quan cấp trên",
        NumberCode => "Ký hiệu văn bản của cụm",
        LeaderDecisionNumber => "Số quyết định công nhận cụm trưởng",
        LeaderDecisionIssuer => "Nơi ban hành quyết định công nhận cụm trưởng",
        LegalBasis => "Căn cứ",
        Place => "Địa danh của văn bản",
        DocumentNumber => "Số văn bản",
        Recipients => "Nơi nhận",
        Attachments => "Tài liệu kèm theo",
        Byline => "Người viết tin",
        ReportSituation => "Báo cáo, tình hình",
        ReportResults => "Báo cáo, kết quả",
        ReportAssessment => "Báo cáo, đánh giá",
        ReportDirections => "Báo cáo, phương hướng",
        ReportProposals => "Báo cáo, kiến nghị",
        LegalBasisLines => "Số dòng căn cứ",
        RecipientLines => "Số dòng nơi nhận",
        AttachmentCount => "Số tài liệu kèm theo",
        ConferencePlace => "Hội nghị, địa điểm",
        AttendanceNote => "Danh sách dự họp, ghi chú",
        TieNote => "Quyết định khi bằng điểm, ghi chú",
        AcademyNumber => "Quyết định của Học viện, số",
        AcademyIssuer => "Quyết định của Học viện, nơi ban hành",
        Discussion => "Biên bản, ý kiến thảo luận",
        Conclusion => "Biên bản, kết luận",
        ElectionNote => "Bầu năm sau, ghi chú",
        HandoverPlace => "Bàn giao, địa điểm",
        HandoverItems => "Bàn giao, tài liệu",
        HandoverNote => "Bàn giao, ghi chú",
        NextYearFile => "Bàn giao, tệp sổ năm sau",
        Members => "Số trường thành viên",
        CriteriaNodes => "Số mục của bảng tiêu chí",
    }
}

labels! {
    /// A person of the conference or the handover.
    PersonRole {
        Chair => "Chủ trì hội nghị",
        Secretary => "Thư ký hội nghị",
        CoChair => "Đồng chủ trì",
        Guest => "Khách mời",
        Representative => "Đại biểu dự họp",
        CountingCommittee => "Ban kiểm phiếu",
        Outgoing => "Bên giao",
        Incoming => "Bên nhận",
    }
}

/// A text, or a list, held to a limit of `crate::limits`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// A member school (its short name).
    School(String, SchoolField),
    Activity(Id, ActivityField),
    /// One score: the school's name, the side, the criterion.
    Score(String, Side, Id, ItemField),
    /// A bonus or deduction item: the school's name, the item's id.
    Adjustment(String, Id, ItemField),
    /// A school's assessment (the school's name).
    Assessment(String, AssessmentField),
    Criterion(Id, CriterionField),
    /// An award's name (false) or short name (true).
    Award(Id, bool),
    Band(Id),
    Downgrade(Id),
    Cluster(ClusterField),
    /// A person's name (false) or title (true).
    Person(PersonRole, bool),
    /// The activities of one owner (the cluster's or a school's name).
    ActivitiesOf(String),
    /// The bonus or deduction items of one school (its name).
    AdjustmentsOf(AdjustmentKind, String),
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Own => "tự chấm",
        Side::Cluster => "cụm chấm",
    }
}

fn adjustment(kind: AdjustmentKind) -> &'static str {
    match kind {
        AdjustmentKind::Bonus => "điểm thưởng",
        AdjustmentKind::Deduction => "điểm trừ",
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::School(short, what) => write!(
                f,
                "Trường \u{201c}{}\u{201d}, {}",
                visible(short),
                what.label()
            ),
            Field::Activity(id, what) => write!(
                f,
                "Hoạt động \u{201c}{}\u{201d}, {}",
                visible(id.as_str()),
                what.label()
            ),
            Field::Score(name, s, c, what) => write!(
                f,
                "{name}, {} tiêu chí \u{201c}{}\u{201d}, {}",
                side(*s),
                visible(c.as_str()),
                what.label()
            ),
            Field::Adjustment(name, id, what) => write!(
                f,
                "{name}, điểm thưởng/trừ \u{201c}{}\u{201d}, {}",
                visible(id.as_str()),
                what.label()
            ),
            Field::Assessment(name, what) => write!(f, "{name}, {}", what.label()),
            Field::Criterion(id, what) => write!(
                f,
                "Tiêu chí \u{201c}{}\u{201d}, {}",
                visible(id.as_str()),
                what.label()
            ),
            Field::Award(id, short) => write!(
                f,
                "Danh hiệu \u{201c}{id}\u{201d}, {}",
                if *short { "tên ngắn" } else { "tên" }
            ),
            Field::Band(id) => write!(f, "Mức xếp loại \u{201c}{id}\u{201d}"),
            Field::Downgrade(id) => write!(f, "Trường hợp hạ loại \u{201c}{id}\u{201d}"),
            Field::Cluster(what) => f.write_str(what.label()),
            Field::Person(role, false) => f.write_str(role.label()),
            Field::Person(role, true) => write!(f, "{}, chức vụ", role.label()),
            Field::ActivitiesOf(who) => write!(f, "Hoạt động của {who}"),
            Field::AdjustmentsOf(kind, school) => {
                write!(f, "Mục {} của {school}", adjustment(*kind))
            }
        }
    }
}

labels! {
    /// A name or title that must hold printable text only.
    NameField {
        ClusterName => "Tên cụm",
        Region => "Địa bàn của cụm",
        ParentBody => "Cơ quan cấp trên",
        NumberCode => "Ký hiệu văn bản của cụm",
        SchoolId => "Mã trường",
        SchoolName => "Tên trường",
        SchoolShortName => "Tên ngắn trường",
        Province => "Tỉnh của trường",
        Head => "Hiệu trưởng trường",
        HeadTitle => "Chức vụ hiệu trưởng trường",
        Officer => "Cán bộ đầu mối trường",
        Phone => "Điện thoại trường",
        Email => "Thư điện tử trường",
        CriterionCode => "Mã tiêu chí",
        CriterionTitle => "Tên tiêu chí",
        AwardName => "Tên danh hiệu",
        AwardShortName => "Tên ngắn danh hiệu",
        BandName => "Tên mức xếp loại",
        Downgrade => "Trường hợp hạ loại",
        ActivityTitle => "Tên hoạt động",
        ActivityPerson => "Người tham gia hoạt động",
        ActivityWinner => "Người đạt giải hoạt động",
        Chair => "Chủ trì hội nghị",
        Secretary => "Thư ký hội nghị",
        Outgoing => "Bên giao",
        Incoming => "Bên nhận",
        CoChair => "Đồng chủ trì",
        Representative => "Đại biểu dự họp",
        CountingCommittee => "Ban kiểm phiếu",
    }
}

/// Which of next year's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextRole {
    Leader,
    Deputy,
}

/// One thing wrong in a workbook's content, with the records and figures
/// it concerns. Names are copied in as the message shows them (a school's
/// display name, an activity's title): they are data, not wording.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    BadYear {
        year: i16,
    },
    UnknownSchool {
        school: Id,
        at: SchoolRef,
    },
    DuplicateId {
        of: IdOf,
        id: Id,
    },
    DateOutsideYear {
        of: DateOf,
        date: jiff::civil::Date,
        year: i16,
    },
    /// A member with no id (its full name).
    EmptyId {
        name: String,
    },
    ReservedId,
    EmptyName {
        school: Id,
    },
    /// A member continues itself (`itself`) or a school still a member.
    ContinuesMember {
        school: String,
        earlier: Id,
        itself: bool,
    },
    SuccessorOfMember {
        school: String,
        successor: Id,
    },
    SameSchoolTwice {
        name: String,
        first: Id,
        second: Id,
    },
    /// The schools' names round the circle, the first again at the end.
    MergerCycle {
        names: Vec<String>,
    },
    LeaderNotMember {
        leader: Id,
    },
    LeaderIsDeputy {
        school: Id,
    },
    NoBands,
    BandsOrder,
    /// An award's minimum band that does not exist.
    AwardBand {
        award: String,
        band: Id,
    },
    /// A downgrade's band that does not exist.
    DowngradeBand {
        reason: String,
        band: Id,
    },
    /// The band of a school that did not assess itself does not exist.
    NoSelfAssessmentBand {
        band: Id,
    },
    BadQuota {
        award: String,
        percent: u32,
    },
    BadRatio {
        rule: RatioRule,
        ratio: Ratio,
        /// The award whose own rule it is (its short name); None: the
        /// general rule.
        award: Option<String>,
    },
    TieBreakSection {
        section: Id,
    },
    TieBreakAward {
        award: Id,
    },
    NegativeCap {
        kind: AdjustmentKind,
        cap: Points,
    },
    CapAboveScale {
        kind: AdjustmentKind,
        cap: Points,
        scale: Points,
    },
    /// A band's minimum (the band's name) outside 0..=highest.
    BadBandMin {
        band: String,
        min: Points,
        highest: Points,
    },
    MissingMax {
        code: String,
        title: String,
    },
    BadMax {
        code: String,
        title: String,
        max: Points,
    },
    ParentMax {
        code: String,
        title: String,
        max: Points,
        children: Points,
    },
    /// A score (school's name, side) for no leaf criterion.
    UnknownCriterion {
        school: String,
        side: Side,
        criterion: Id,
    },
    NegativeScore {
        school: String,
        side: Side,
        criterion: Id,
        points: Points,
    },
    ScoreAboveMax {
        school: String,
        side: Side,
        criterion: Id,
        points: Points,
        max: Points,
    },
    BadAdjustment {
        school: String,
        reason: String,
        points: Points,
    },
    BadAccepted {
        school: String,
        reason: String,
        accepted: Points,
        points: Points,
    },
    /// A bonus or deduction item written in another's name (`whose`).
    ForeignAdjustment {
        school: String,
        kind: AdjustmentKind,
        reason: String,
        whose: String,
    },
    UnknownDowngrade {
        school: String,
        downgrade: Id,
    },
    UnknownRegisteredAward {
        school: String,
        award: Id,
    },
    EmptyTitle {
        activity: Id,
    },
    PersonWithoutSchool {
        activity: String,
        person: String,
    },
    /// A prize (prize and winner, as shown) credited to no school.
    PrizeWithoutSchool {
        activity: String,
        prize: String,
    },
    ActivityEndBeforeStart {
        activity: String,
    },
    ConferenceEndBeforeStart,
    BallotAward {
        ballot: Id,
        award: Id,
    },
    /// Several ballots for one award (its short name).
    DuplicateBallot {
        award: String,
        count: usize,
        ballot: Id,
    },
    /// A ballot's figures that do not add up (see
    /// `workbook::ballot::inconsistencies`, which says how).
    BallotInconsistent {
        award: String,
        detail: String,
    },
    AcademyAward {
        award: Id,
    },
    NextLeaderIsDeputy {
        school: String,
    },
    ElectedLeft {
        role: NextRole,
        school: String,
    },
    TooManyAgreed {
        agreed: u32,
        present: u32,
    },
    LastYear {
        year: i16,
    },
    TextTooLong {
        field: Field,
        chars: usize,
        max: usize,
    },
    TooMany {
        field: Field,
        count: usize,
        max: usize,
    },
    /// A control or hidden bidirectional character (`bad`) in a name;
    /// `whose` is the record's short name or id, or empty.
    BadCharacter {
        field: NameField,
        whose: String,
        value: String,
        bad: char,
    },
}

impl ProblemKind {
    /// A stable code, for tests and logs.
    pub fn code(&self) -> &'static str {
        use ProblemKind as K;
        match self {
            K::BadYear { .. } => "bad_year",
            K::UnknownSchool { .. } => "unknown_school",
            K::DuplicateId { .. } => "duplicate_id",
            K::DateOutsideYear { .. } => "date_outside_year",
            K::EmptyId { .. } => "empty_id",
            K::ReservedId => "reserved_id",
            K::EmptyName { .. } => "empty_name",
            K::ContinuesMember { .. } => "continues_member",
            K::SuccessorOfMember { .. } => "successor_of_member",
            K::SameSchoolTwice { .. } => "same_school_twice",
            K::MergerCycle { .. } => "merger_cycle",
            K::LeaderNotMember { .. } => "leader_not_member",
            K::LeaderIsDeputy { .. } | K::NextLeaderIsDeputy { .. } => "leader_is_deputy",
            K::NoBands => "no_bands",
            K::BandsOrder => "bands_order",
            K::AwardBand { .. } | K::DowngradeBand { .. } | K::NoSelfAssessmentBand { .. } => {
                "unknown_band"
            }
            K::BadQuota { .. } => "bad_quota",
            K::BadRatio { .. } => "bad_ratio",
            K::TieBreakSection { .. } | K::UnknownCriterion { .. } => "unknown_criterion",
            K::TieBreakAward { .. }
            | K::UnknownRegisteredAward { .. }
            | K::BallotAward { .. }
            | K::AcademyAward { .. } => "unknown_award",
            K::NegativeCap { .. } | K::CapAboveScale { .. } => "bad_cap",
            K::BadBandMin { .. } => "bad_band_min",
            K::MissingMax { .. } => "missing_max",
            K::BadMax { .. } => "bad_max",
            K::ParentMax { .. } => "parent_max",
            K::NegativeScore { .. } => "negative_score",
            K::ScoreAboveMax { .. } => "score_above_max",
            K::BadAdjustment { .. } | K::BadAccepted { .. } => "bad_adjustment",
            K::ForeignAdjustment { .. } => "foreign_adjustment",
            K::UnknownDowngrade { .. } => "unknown_downgrade",
            K::EmptyTitle { .. } => "empty_title",
            K::PersonWithoutSchool { .. } => "person_without_school",
            K::PrizeWithoutSchool { .. } => "prize_without_school",
            K::ActivityEndBeforeStart { .. } | K::ConferenceEndBeforeStart => "end_before_start",
            K::DuplicateBallot { .. } => "duplicate_ballot",
            K::BallotInconsistent { .. } => "ballot_inconsistent",
            K::ElectedLeft { .. } => "elected_left",
            K::TooManyAgreed { .. } => "too_many_agreed",
            K::LastYear { .. } => "last_year",
            K::TextTooLong { .. } => "text_too_long",
            K::TooMany { .. } => "too_many",
            K::BadCharacter { .. } => "bad_character",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        match self {
            K::BadYear { year } => write!(
                f,
                "Năm {year} không hợp lệ (sổ thi đua lập cho các năm từ {} đến {}).",
                crate::limits::YEARS.start(),
                crate::limits::YEARS.end()
            ),
            K::UnknownSchool { school, at } => write!(
                f,
                "{at}: trường \u{201c}{}\u{201d} không có trong danh sách thành viên.",
                visible(school.as_str())
            ),
            K::DuplicateId { of, id } => write!(
                f,
                "Mã {} \u{201c}{}\u{201d} bị trùng.",
                of.label(),
                visible(id.as_str())
            ),
            K::DateOutsideYear { of, date, year } => write!(
                f,
                "{of}: ngày {} nằm ngoài năm {year} của sổ.",
                format_date(*date)
            ),
            K::EmptyId { name } => write!(f, "Trường \u{201c}{name}\u{201d} chưa có mã."),
            K::ReservedId => f.write_str("Mã trường \u{201c}cluster\u{201d} được dành cho Cụm."),
            K::EmptyName { school } => write!(f, "Trường \u{201c}{school}\u{201d} chưa có tên."),
            K::ContinuesMember {
                school,
                earlier,
                itself,
            } => write!(
                f,
                "Trường \u{201c}{}\u{201d} ghi kế thừa từ \u{201c}{}\u{201d}, nhưng trường đó {}.",
                visible(school),
                visible(earlier.as_str()),
                if *itself {
                    "là chính nó"
                } else {
                    "vẫn là thành viên của cụm"
                }
            ),
            K::SuccessorOfMember { school, successor } => write!(
                f,
                "Trường \u{201c}{}\u{201d} ghi đã sáp nhập vào \u{201c}{}\u{201d} nhưng vẫn là thành viên của cụm (chưa ghi ngày rời cụm).",
                visible(school),
                visible(successor.as_str())
            ),
            K::SameSchoolTwice {
                name,
                first,
                second,
            } => write!(
                f,
                "Trường \u{201c}{}\u{201d} có hai mã: \u{201c}{}\u{201d} và \u{201c}{}\u{201d}.",
                visible(name),
                visible(first.as_str()),
                visible(second.as_str())
            ),
            K::MergerCycle { names } => write!(
                f,
                "Sáp nhập vòng tròn: {} (trường kế thừa và trường sáp nhập vào không được quay lại nhau).",
                visible(&names.join(" \u{2192} "))
            ),
            K::LeaderNotMember { leader } => write!(
                f,
                "Cụm trưởng \u{201c}{leader}\u{201d} không phải là thành viên của cụm."
            ),
            K::LeaderIsDeputy { school } => write!(
                f,
                "Trường \u{201c}{school}\u{201d} vừa là cụm trưởng vừa là cụm phó."
            ),
            K::NoBands => f.write_str("Chưa có mức xếp loại nào trong quy định."),
            K::BandsOrder => {
                f.write_str("Các mức xếp loại phải xếp từ cao xuống thấp, điểm sàn giảm dần.")
            }
            K::AwardBand { award, band } => write!(
                f,
                "Danh hiệu \u{201c}{award}\u{201d}: mức xếp loại tối thiểu \u{201c}{band}\u{201d} không có."
            ),
            K::DowngradeBand { reason, band } => write!(
                f,
                "Hạ loại \u{201c}{reason}\u{201d}: mức \u{201c}{band}\u{201d} không có."
            ),
            K::NoSelfAssessmentBand { band } => write!(
                f,
                "Mức xếp loại khi không tự chấm \u{201c}{band}\u{201d} không có."
            ),
            K::BadQuota { award, percent } => write!(
                f,
                "Danh hiệu \u{201c}{award}\u{201d}: tỉ lệ {percent}% vượt quá 100%."
            ),
            K::BadRatio { rule, ratio, award } => write!(
                f,
                "{}{} {ratio} không hợp lệ (phải từ 0 đến 100%).",
                rule.label(),
                award
                    .as_ref()
                    .map_or_else(String::new, |a| format!(" ({a})"))
            ),
            K::TieBreakSection { section } => write!(
                f,
                "Tiêu chí phụ xếp hạng: mục \u{201c}{}\u{201d} không có trong bảng tiêu chí.",
                visible(section.as_str())
            ),
            K::TieBreakAward { award } => write!(
                f,
                "Tiêu chí phụ xếp hạng: số phiếu bầu danh hiệu \u{201c}{}\u{201d} không có trong quy định.",
                visible(award.as_str())
            ),
            K::NegativeCap { kind, cap } => {
                write!(f, "Mức trần {} ({cap}) không được âm.", adjustment(*kind))
            }
            K::CapAboveScale { kind, cap, scale } => write!(
                f,
                "Mức trần {} ({cap}) vượt tổng điểm của bảng tiêu chí ({scale}).",
                adjustment(*kind)
            ),
            K::BadBandMin { band, min, highest } => write!(
                f,
                "Mức xếp loại \u{201c}{}\u{201d}: điểm sàn {min} phải từ 0 đến {highest} (tổng điểm cộng điểm thưởng tối đa).",
                visible(band)
            ),
            K::MissingMax { code, title } => write!(
                f,
                "Tiêu chí {code} \u{201c}{title}\u{201d} chưa có điểm chuẩn."
            ),
            K::BadMax { code, title, max } => write!(
                f,
                "Tiêu chí {} \u{201c}{}\u{201d}: điểm chuẩn {max} phải lớn hơn 0 và không quá {}.",
                visible(code),
                visible(title),
                super::MAX_LEAF
            ),
            K::ParentMax {
                code,
                title,
                max,
                children,
            } => write!(
                f,
                "Mục {code} \u{201c}{title}\u{201d}: điểm chuẩn {max} khác tổng các tiêu chí con {children}."
            ),
            K::UnknownCriterion {
                school,
                side: s,
                criterion,
            } => write!(
                f,
                "{school}, điểm {}: tiêu chí \u{201c}{criterion}\u{201d} không có trong bảng tiêu chí (hoặc không phải tiêu chí lá).",
                side(*s)
            ),
            K::NegativeScore {
                school,
                side: s,
                criterion,
                points,
            } => write!(
                f,
                "{school}, điểm {} tiêu chí {criterion}: {points} điểm là số âm.",
                side(*s)
            ),
            K::ScoreAboveMax {
                school,
                side: s,
                criterion,
                points,
                max,
            } => write!(
                f,
                "{school}, điểm {} tiêu chí {criterion}: {points} vượt điểm chuẩn {max}.",
                side(*s)
            ),
            K::BadAdjustment {
                school,
                reason,
                points,
            } => write!(
                f,
                "{school}: điểm thưởng/trừ \u{201c}{reason}\u{201d} ({points}) phải lớn hơn 0 và không quá {}.",
                super::MAX_ADJUSTMENT
            ),
            K::BadAccepted {
                school,
                reason,
                accepted,
                points,
            } => write!(
                f,
                "{school}: điểm thưởng \u{201c}{reason}\u{201d}: cụm chấp nhận {accepted} điểm, phải từ 0 đến mức trường đề nghị ({points})."
            ),
            K::ForeignAdjustment {
                school,
                kind,
                reason,
                whose,
            } => write!(
                f,
                "{school}: {} \u{201c}{reason}\u{201d} ghi là của {whose}; chỉ Cụm (hoặc chính trường được chấm, với điểm thưởng) được ghi.",
                adjustment(*kind)
            ),
            K::UnknownDowngrade { school, downgrade } => write!(
                f,
                "{school}: trường hợp hạ loại \u{201c}{downgrade}\u{201d} không có trong quy định."
            ),
            K::UnknownRegisteredAward { school, award } => write!(
                f,
                "{school}: đăng ký danh hiệu \u{201c}{award}\u{201d} không có trong quy định."
            ),
            K::EmptyTitle { activity } => {
                write!(f, "Hoạt động \u{201c}{activity}\u{201d} chưa có tên.")
            }
            K::PersonWithoutSchool { activity, person } => write!(
                f,
                "Hoạt động \u{201c}{activity}\u{201d}: người tham gia \u{201c}{}\u{201d} chưa có trường (mở hoạt động, chọn trường cho dòng này).",
                visible(person)
            ),
            K::PrizeWithoutSchool { activity, prize } => write!(
                f,
                "Hoạt động \u{201c}{activity}\u{201d}: giải \u{201c}{}\u{201d} chưa có trường (mở hoạt động, chọn trường cho dòng này).",
                visible(prize)
            ),
            K::ActivityEndBeforeStart { activity } => write!(
                f,
                "Hoạt động \u{201c}{activity}\u{201d}: ngày kết thúc trước ngày bắt đầu."
            ),
            K::ConferenceEndBeforeStart => {
                f.write_str("Hội nghị tổng kết: giờ kết thúc trước giờ khai mạc.")
            }
            K::BallotAward { ballot, award } => write!(
                f,
                "Kết quả bỏ phiếu \u{201c}{ballot}\u{201d}: danh hiệu \u{201c}{award}\u{201d} không có trong quy định."
            ),
            K::DuplicateBallot {
                award,
                count,
                ballot,
            } => write!(
                f,
                "Kết quả bỏ phiếu {award}: có {count} kết quả cho cùng danh hiệu (\u{201c}{ballot}\u{201d} là một); chỉ được giữ một."
            ),
            K::BallotInconsistent { award, detail } => {
                write!(f, "Kết quả bỏ phiếu {award}: {detail}")
            }
            K::AcademyAward { award } => write!(
                f,
                "Quyết định của Học viện: danh hiệu \u{201c}{award}\u{201d} không có."
            ),
            K::NextLeaderIsDeputy { school } => {
                write!(f, "Bầu năm sau: {school} vừa là cụm trưởng vừa là cụm phó.")
            }
            K::ElectedLeft { role, school } => write!(
                f,
                "Bầu năm sau: {} {school} đã rời cụm.",
                match role {
                    NextRole::Leader => "cụm trưởng",
                    NextRole::Deputy => "cụm phó",
                }
            ),
            K::TooManyAgreed { agreed, present } => write!(
                f,
                "Bầu năm sau: {agreed} trường biểu quyết tán thành, nhưng chỉ {present} trường có mặt."
            ),
            K::LastYear { year } => write!(
                f,
                "Năm {year} là năm cuối sổ thi đua lập được: không lập được sổ năm sau."
            ),
            K::TextTooLong { field, chars, max } => {
                write!(f, "{field}: dài {chars} ký tự, quá giới hạn {max} ký tự.")
            }
            K::TooMany { field, count, max } => {
                write!(f, "{field}: có {count}, quá giới hạn {max}.")
            }
            K::BadCharacter {
                field,
                whose,
                value,
                bad,
            } => {
                if whose.is_empty() {
                    f.write_str(field.label())?;
                } else {
                    write!(f, "{} {whose}", field.label())?;
                }
                write!(
                    f,
                    ": \u{201c}{}\u{201d} có ký tự điều khiển hoặc ký tự đảo chiều ẩn (U+{:04X}); hãy gõ lại.",
                    visible(value),
                    *bad as u32
                )
            }
        }
    }
}
