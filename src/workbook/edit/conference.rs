//! Edits to the year-end conference record: its details, the attendance,
//! the ballots, the election, the handover and the Academy's decisions.
//! Applied through [`super::Edit::Conference`], so undo and the dirty flag
//! work as for every other edit.

use jiff::civil::{Date, Time};

use super::EditError;
use crate::text::nfc_in_place;
use crate::workbook::Owner;
use crate::workbook::Workbook;
use crate::workbook::model::{AcademyDecision, Attendance, Ballot, Election, Handover, Id, Person};

/// The conference's own details (co-chairs are kept as they are).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub date: Option<Date>,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub place: String,
    pub chair: Person,
    pub secretary: Person,
}

impl Details {
    pub fn of(wb: &Workbook) -> Details {
        let c = &wb.conference;
        Details {
            date: c.date,
            start: c.start,
            end: c.end,
            place: c.place.clone(),
            chair: c.chair.clone(),
            secretary: c.secretary.clone(),
        }
    }
}

/// One change to the conference record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConferenceEdit {
    SetDetails(Details),
    /// Replaces the attendance list (one entry per school).
    SetAttendance(Vec<Attendance>),
    /// Adds the ballot of an award that has none yet. An empty id gets a
    /// fresh one.
    AddBallot(Ballot),
    /// Replaces the ballot with the same id.
    SetBallot(Ballot),
    RemoveBallot(Id),
    SetElection(Election),
    SetHandover(Handover),
    /// Sets (or replaces) the Academy's decision on one proposal.
    SetAcademyDecision(AcademyDecision),
    /// The news item's byline: name, then title, one per line.
    SetNewsByline(String),
    /// What the minutes record beyond the figures: guests, the discussion
    /// and the chair's conclusion.
    SetMinutesText(MinutesText),
}

/// The minutes' own text, typed at or after the conference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MinutesText {
    pub guests: Vec<Person>,
    /// One paragraph per line.
    pub discussion: String,
    /// One paragraph per line.
    pub conclusion: String,
}

impl MinutesText {
    pub fn of(wb: &Workbook) -> MinutesText {
        let c = &wb.conference;
        MinutesText {
            guests: c.guests.clone(),
            discussion: c.discussion.clone(),
            conclusion: c.conclusion.clone(),
        }
    }
}

/// Paragraphs typed one per line: each trimmed, empty lines dropped.
fn tidy_paragraphs(text: &mut String) {
    let lines: Vec<String> = crate::text::nfc(text)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    *text = lines.join("\n");
}

impl ConferenceEdit {
    /// Applies the edit; on error nothing is changed.
    pub fn apply(self, wb: &mut Workbook, editor: &Owner) -> Result<(), EditError> {
        let key = wb.replica_key(editor);
        let before = wb.conference.clone();
        let known = |wb: &Workbook, id: &Id| {
            if wb.school(id).is_some() {
                Ok(())
            } else {
                Err(EditError::UnknownSchool(id.clone()))
            }
        };
        if let ConferenceEdit::SetNewsByline(byline) = &self {
            let mut byline = byline.clone();
            tidy_paragraphs(&mut byline);
            if wb.documents.news_byline != byline {
                wb.documents.news_byline = byline;
                wb.documents.rev.bump_as(&key);
            }
            return Ok(());
        }
        match self {
            ConferenceEdit::SetNewsByline(_) => unreachable!("handled above"),
            ConferenceEdit::SetMinutesText(mut m) => {
                for g in &mut m.guests {
                    tidy_person(g);
                }
                m.guests
                    .retain(|g| !g.name.is_empty() || !g.title.is_empty());
                tidy_paragraphs(&mut m.discussion);
                tidy_paragraphs(&mut m.conclusion);
                let c = &mut wb.conference;
                c.guests = m.guests;
                c.discussion = m.discussion;
                c.conclusion = m.conclusion;
            }
            ConferenceEdit::SetDetails(mut d) => {
                if let (Some(s), Some(e)) = (d.start, d.end)
                    && e < s
                {
                    return Err(EditError::EndBeforeStart);
                }
                tidy(&mut d.place);
                tidy_person(&mut d.chair);
                tidy_person(&mut d.secretary);
                let c = &mut wb.conference;
                c.date = d.date;
                c.start = d.start;
                c.end = d.end;
                c.place = d.place;
                c.chair = d.chair;
                c.secretary = d.secretary;
            }
            ConferenceEdit::SetAttendance(mut list) => {
                let mut seen: Vec<&Id> = Vec::new();
                for a in &list {
                    known(wb, &a.school)?;
                    if seen.contains(&&a.school) {
                        return Err(EditError::UnknownSchool(a.school.clone()));
                    }
                    seen.push(&a.school);
                }
                for a in &mut list {
                    tidy(&mut a.note);
                    for p in &mut a.representatives {
                        tidy_person(p);
                    }
                }
                wb.conference.attendance = list;
            }
            ConferenceEdit::AddBallot(mut ballot) => {
                if wb.award(&ballot.award).is_none() {
                    return Err(EditError::UnknownAward(ballot.award));
                }
                if wb
                    .conference
                    .ballots
                    .iter()
                    .any(|b| b.award == ballot.award)
                {
                    return Err(EditError::BallotExists(award_name(wb, &ballot.award)));
                }
                check_ballot(wb, &mut ballot)?;
                if ballot.id.as_str().is_empty() {
                    ballot.id = wb.fresh_id(editor, "ballot");
                } else if wb.conference.ballots.iter().any(|b| b.id == ballot.id) {
                    return Err(EditError::UnknownBallot(ballot.id));
                }
                ballot.rev = Default::default();
                ballot.rev.bump_as(&key);
                wb.conference.ballots.push(ballot);
            }
            ConferenceEdit::SetBallot(mut ballot) => {
                check_ballot(wb, &mut ballot)?;
                let slot = wb
                    .conference
                    .ballots
                    .iter_mut()
                    .find(|b| b.id == ballot.id)
                    .ok_or_else(|| EditError::UnknownBallot(ballot.id.clone()))?;
                ballot.rev = slot.rev.clone();
                if *slot != ballot {
                    ballot.rev.bump_as(&key);
                    *slot = ballot;
                }
            }
            ConferenceEdit::RemoveBallot(id) => {
                let n = wb.conference.ballots.len();
                wb.conference.ballots.retain(|b| b.id != id);
                if wb.conference.ballots.len() == n {
                    return Err(EditError::UnknownBallot(id));
                }
            }
            ConferenceEdit::SetElection(mut e) => {
                if let Some(l) = &e.leader {
                    known(wb, l)?;
                    if e.deputies.contains(l) {
                        return Err(EditError::LeaderIsDeputy(wb.school_name(l)));
                    }
                }
                let mut unique = Vec::new();
                for d in e.deputies {
                    known(wb, &d)?;
                    if !unique.contains(&d) {
                        unique.push(d);
                    }
                }
                e.deputies = unique;
                if let Some(agreed) = e.agreed {
                    let present = crate::workbook::ballot::schools_present(wb);
                    if agreed > present {
                        return Err(EditError::TooManyAgreed { agreed, present });
                    }
                }
                tidy(&mut e.note);
                wb.conference.election = e;
            }
            ConferenceEdit::SetHandover(mut h) => {
                for f in [&mut h.place, &mut h.note, &mut h.next_year_file] {
                    tidy(f);
                }
                tidy_person(&mut h.outgoing);
                tidy_person(&mut h.incoming);
                for i in &mut h.items {
                    tidy(i);
                }
                h.items.retain(|i| !i.is_empty());
                wb.conference.handover = h;
            }
            ConferenceEdit::SetAcademyDecision(mut d) => {
                known(wb, &d.school)?;
                if wb.award(&d.award).is_none() {
                    return Err(EditError::UnknownAward(d.award));
                }
                tidy(&mut d.decision.number);
                tidy(&mut d.decision.issuer);
                let list = &mut wb.conference.academy_decisions;
                match list
                    .iter_mut()
                    .find(|x| x.award == d.award && x.school == d.school)
                {
                    Some(slot) => *slot = d,
                    None => list.push(d),
                }
            }
        }
        if wb.conference != before {
            wb.conference.rev.bump_as(&key);
        }
        Ok(())
    }
}

fn award_name(wb: &Workbook, id: &Id) -> String {
    wb.award(id)
        .map(|a| a.short_name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// Schools named in a ballot must be members; written votes are trimmed of
/// duplicates. Figures are not judged here: the rules engine reports
/// inconsistent figures, which the conference must be able to type first.
fn check_ballot(wb: &Workbook, b: &mut Ballot) -> Result<(), EditError> {
    if wb.award(&b.award).is_none() {
        return Err(EditError::UnknownAward(b.award.clone()));
    }
    for v in &b.votes {
        if wb.school(&v.school).is_none() {
            return Err(EditError::UnknownSchool(v.school.clone()));
        }
    }
    for w in &mut b.written_votes {
        if let Some(id) = std::iter::once(&w.voter)
            .chain(&w.candidates)
            .find(|id| wb.school(id).is_none())
        {
            return Err(EditError::UnknownSchool(id.clone()));
        }
        let mut unique = Vec::new();
        for c in w.candidates.drain(..) {
            if !unique.contains(&c) {
                unique.push(c);
            }
        }
        w.candidates = unique;
    }
    for p in &mut b.counting_committee {
        tidy_person(p);
    }
    Ok(())
}

fn tidy(s: &mut String) {
    nfc_in_place(s);
    let t = s.trim();
    if t.len() != s.len() {
        *s = t.to_string();
    }
}

fn tidy_person(p: &mut Person) {
    tidy(&mut p.name);
    tidy(&mut p.title);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::edit::Edit;
    use crate::workbook::model::CandidateVotes;

    fn sample() -> Workbook {
        crate::workbook::load_bytes(include_bytes!("../../../assets/samples/cum8-2019.json"))
            .unwrap()
            .workbook
    }

    #[test]
    fn ballot_set_normalises_and_bumps() {
        let mut wb = sample();
        let mut b = wb.conference.ballots[1].clone();
        b.votes = vec![CandidateVotes {
            school: Id::new("ninh-thuan"),
            votes: 3,
        }];
        let rev = wb.conference.rev.clone();
        Edit::Conference(ConferenceEdit::SetBallot(b.clone()))
            .apply(&mut wb)
            .unwrap();
        assert_eq!(wb.conference.ballots[1].votes, b.votes);
        assert_ne!(wb.conference.rev, rev);
        let key = wb.replica_key(&Owner::Cluster);
        assert_eq!(wb.conference.ballots[1].rev.0.get(&key), Some(&1));
    }

    #[test]
    fn refusals_change_nothing() {
        let mut wb = sample();
        let before = wb.clone();
        let mut b = wb.conference.ballots[0].clone();
        b.id = Id::default();
        assert!(matches!(
            ConferenceEdit::AddBallot(b).apply(&mut wb, &Owner::Cluster),
            Err(EditError::BallotExists(_))
        ));
        let mut d = Details::of(&wb);
        d.end = Some(jiff::civil::time(7, 0, 0, 0));
        assert_eq!(
            ConferenceEdit::SetDetails(d).apply(&mut wb, &Owner::Cluster),
            Err(EditError::EndBeforeStart)
        );
        let e = Election {
            leader: Some(Id::new("nowhere")),
            ..Election::default()
        };
        assert!(
            ConferenceEdit::SetElection(e)
                .apply(&mut wb, &Owner::Cluster)
                .is_err()
        );
        assert_eq!(wb, before);
    }

    #[test]
    fn names_typed_decomposed_are_stored_composed() {
        let mut wb = sample();
        let mut d = Details::of(&wb);
        d.place = " Ba\u{0300} Ri\u{0323}a ".into();
        ConferenceEdit::SetDetails(d)
            .apply(&mut wb, &Owner::Cluster)
            .unwrap();
        assert_eq!(wb.conference.place, "Bà Rịa");
    }
}
