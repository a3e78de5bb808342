//! The key of every record a workbook is merged by, and whose deletion is
//! kept (`Provenance::deleted`): "self_score/s01/c001", "activity/a7"… A
//! fact about the workbook, so it lives with the model; the exchange and
//! the Excel form both name records by it.

use super::Id;
use std::fmt;

/// Which record a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKey {
    /// A member school's details (the cluster's).
    Member(Id),
    /// Leader, deputies, rotation (the cluster's).
    Roles,
    /// Scoring, rating and award rules (the cluster's).
    Rules,
    /// The criteria table (the cluster's).
    Criteria,
    /// A school's registration (the school's).
    Registration(Id),
    /// A school's self-score on a criterion: (school, criterion) (the school's).
    SelfScore(Id, Id),
    /// The cluster's score of a school on a criterion (the cluster's).
    ClusterScore(Id, Id),
    /// A bonus or deduction in a school's assessment: (school, item) (its owner's).
    Adjustment(Id, Id),
    /// A school's discipline status (the cluster's).
    Discipline(Id),
    /// An activity (its owner's).
    Activity(Id),
    /// The year-end conference (the cluster's).
    Conference,
    /// Document numbers, dates and texts (the cluster's).
    Documents,
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordKey::Member(s) => write!(f, "member/{s}"),
            RecordKey::Roles => f.write_str("roles"),
            RecordKey::Rules => f.write_str("rules"),
            RecordKey::Criteria => f.write_str("criteria"),
            RecordKey::Registration(s) => write!(f, "registration/{s}"),
            RecordKey::SelfScore(s, c) => write!(f, "self_score/{s}/{c}"),
            RecordKey::ClusterScore(s, c) => write!(f, "cluster_score/{s}/{c}"),
            RecordKey::Adjustment(s, a) => write!(f, "adjustment/{s}/{a}"),
            RecordKey::Discipline(s) => write!(f, "discipline/{s}"),
            RecordKey::Activity(a) => write!(f, "activity/{a}"),
            RecordKey::Conference => f.write_str("conference"),
            RecordKey::Documents => f.write_str("documents"),
        }
    }
}

impl RecordKey {
    /// The key [`Display`](fmt::Display) wrote, or None.
    pub fn parse(s: &str) -> Option<RecordKey> {
        let parts: Vec<&str> = s.split('/').collect();
        let id = |n: usize| parts.get(n).filter(|p| !p.is_empty()).map(|p| Id::new(*p));
        let key = match (parts[0], parts.len()) {
            ("member", 2) => RecordKey::Member(id(1)?),
            ("roles", 1) => RecordKey::Roles,
            ("rules", 1) => RecordKey::Rules,
            ("criteria", 1) => RecordKey::Criteria,
            ("registration", 2) => RecordKey::Registration(id(1)?),
            ("self_score", 3) => RecordKey::SelfScore(id(1)?, id(2)?),
            ("cluster_score", 3) => RecordKey::ClusterScore(id(1)?, id(2)?),
            ("adjustment", 3) => RecordKey::Adjustment(id(1)?, id(2)?),
            ("discipline", 2) => RecordKey::Discipline(id(1)?),
            ("activity", 2) => RecordKey::Activity(id(1)?),
            ("conference", 1) => RecordKey::Conference,
            ("documents", 1) => RecordKey::Documents,
            _ => return None,
        };
        Some(key)
    }
}
