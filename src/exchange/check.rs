//! A returned record is checked as the leader's own edit would be: put
//! alone into a skeleton of the master (members, rules, criteria) and
//! validated, so a merge never adds a problem to the master — a self-score
//! of 99999, a score for an unknown criterion, an activity hosted by an
//! unknown school in 2031 are refused with the reason, record by record.

use super::record::{Owned, Rec, RecordKey, owned, put};
use crate::workbook::validate::{ProblemKind, RecordPart, validate_record_part, validate_records};
use crate::workbook::{Conference, Workbook};
use std::collections::HashSet;

pub(crate) struct RecordCheck {
    skeleton: Workbook,
    /// The skeleton's own problems: a record is refused only for a
    /// problem not among them (compared as problems, not as sentences).
    baseline: HashSet<ProblemKind>,
}

impl RecordCheck {
    pub(crate) fn new(master: &Workbook) -> RecordCheck {
        // Built field by field: the master's scores and activities, often
        // most of it, are not copied for every returned file.
        let skeleton = Workbook {
            format: master.format.clone(),
            version: master.version,
            cluster: master.cluster.clone(),
            year: master.year,
            description: String::new(),
            provenance: Default::default(),
            members: master.members.clone(),
            roles: master.roles.clone(),
            rules: master.rules.clone(),
            criteria: master.criteria.clone(),
            assessments: Vec::new(),
            activities: Vec::new(),
            conference: Conference::default(),
            documents: Default::default(),
            replica: String::new(),
        };
        let baseline = validate_records(&skeleton)
            .into_iter()
            .map(|p| p.kind)
            .collect();
        RecordCheck { skeleton, baseline }
    }

    /// Why the record cannot enter the master (Vietnamese), or None.
    pub(crate) fn refusal(
        &mut self,
        master: &Workbook,
        key: &RecordKey,
        rec: Rec<'_>,
    ) -> Option<String> {
        // Ids are unique across the whole workbook, not only the record's
        // part: a bonus id that collides with the cluster's is refused.
        if let (RecordKey::Adjustment(school, id), Rec::Adjustment(_)) = (key, rec) {
            let taken = master
                .assessments
                .iter()
                .any(|a| &a.school != school && a.adjustments.iter().any(|x| &x.id == id))
                || master.activities.iter().any(|a| &a.id == id)
                || master.members.iter().any(|s| &s.id == id);
            if taken {
                return Some(format!(
                    "mã \u{201c}{id}\u{201d} đã được dùng cho bản ghi khác trong sổ"
                ));
            }
        }
        let piece: Owned = owned(rec);
        put(
            &mut self.skeleton,
            key,
            piece,
            rec.rev().cloned().unwrap_or_default(),
        );
        // Only the part the record sits in: the rest of the skeleton is
        // the master's as it was (its problems are the baseline).
        let part = match key {
            RecordKey::Member(_) => Some(RecordPart::Members),
            RecordKey::Activity(_) => Some(RecordPart::Activities),
            RecordKey::SelfScore(..)
            | RecordKey::ClusterScore(..)
            | RecordKey::Adjustment(..)
            | RecordKey::Registration(_)
            | RecordKey::Discipline(_) => Some(RecordPart::Assessments),
            _ => None,
        };
        let problems = match part {
            Some(part) => validate_record_part(&self.skeleton, part),
            None => validate_records(&self.skeleton),
        };
        let found: Vec<String> = problems
            .into_iter()
            .filter(|p| !self.baseline.contains(&p.kind))
            .map(|p| p.message())
            .collect();
        // Back to the bare skeleton for the next record.
        self.skeleton.assessments.clear();
        self.skeleton.activities.clear();
        if let RecordKey::Member(id) = key
            && let Some(original) = master.school(id)
            && let Some(slot) = self.skeleton.members.iter_mut().find(|s| &s.id == id)
        {
            *slot = original.clone();
        }
        if found.is_empty() {
            None
        } else {
            Some(format!("nội dung không hợp lệ: {}", found.join(" ")))
        }
    }
}
