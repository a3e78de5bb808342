//! Sổ năm sau (next year's workbook), created at the handover (bàn giao)
//! from this one: members (not those who left), criteria, rules and the
//! elected roles carried over; scores, activities and ballots empty.

use crate::workbook::{Conference, Documents, Problem, Provenance, Roles, Workbook};

/// Next year's workbook. `this_file` is this year's file name, recorded as
/// the previous year's reference. Refused, with the problems the new file
/// would have, rather than ever producing a workbook that `check` refuses
/// (an election listing the leader as a deputy, the last year allowed…).
pub fn next_year(wb: &Workbook, this_file: &str) -> Result<Workbook, Vec<Problem>> {
    let next = build(wb, this_file);
    let problems = crate::workbook::validate(&next);
    if problems.is_empty() {
        Ok(next)
    } else {
        Err(problems)
    }
}

fn build(wb: &Workbook, this_file: &str) -> Workbook {
    let year = wb.year.saturating_add(1);
    let members: Vec<_> = wb
        .members
        .iter()
        .filter(|s| s.left.is_none())
        .cloned()
        .map(|mut s| {
            s.rev = Default::default();
            s.joined = s.joined.filter(|d| d.year() >= year);
            s
        })
        .collect();
    let is_member = |id: &crate::workbook::Id| members.iter().any(|s| &s.id == id);
    let election = &wb.conference.election;
    let roles = Roles {
        leader: election.leader.clone().filter(is_member),
        deputies: election
            .deputies
            .iter()
            .filter(|d| is_member(d))
            .cloned()
            .collect(),
        decision: Default::default(),
        rotation: wb
            .roles
            .rotation
            .iter()
            .filter(|d| is_member(d))
            .cloned()
            .collect(),
        rev: Default::default(),
    };
    let place = roles
        .leader
        .as_ref()
        .and_then(|l| members.iter().find(|s| &s.id == l))
        .map(|s| s.province.clone())
        .unwrap_or_default();
    let mut rules = wb.rules.clone();
    rules.rev = Default::default();
    Workbook {
        format: wb.format.clone(),
        version: crate::workbook::FORMAT_VERSION,
        cluster: wb.cluster.clone(),
        year,
        description: format!(
            "Sổ thi đua năm {year}, lập khi bàn giao từ sổ năm {}.",
            wb.year
        ),
        provenance: Provenance {
            saved_by: Some(crate::workbook::Owner::Cluster),
            save_count: 0,
            previous_year_file: this_file.to_string(),
            ..Provenance::default()
        },
        members,
        roles,
        rules,
        criteria: wb.criteria.clone(),
        assessments: Vec::new(),
        activities: Vec::new(),
        conference: Conference::default(),
        documents: Documents {
            place,
            recipients: wb.documents.recipients.clone(),
            ..Documents::default()
        },
        replica: crate::workbook::new_replica_id(),
    }
}
