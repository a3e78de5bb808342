//! A filled Excel form (phiếu tự chấm) as a returned file: identified by its
//! hidden identification and token, turned into the school's edits, and
//! reviewed by the very rules of a `.json` return (ownership by subject,
//! version vectors, record checks), so a form can do nothing a school's
//! own copy could not.
//!
//! ## What an edit is
//!
//! The form remembers each pre-filled record as it was when the form was
//! made. A cell equal to that, or empty, is not an edit: an empty cell means
//! "not entered" and never deletes. A cell that differs is the school's
//! edit, made on the version the form was made from, counted under the
//! form's own replica ("binh-thuan~x3f9a0c1d2e4b"). So a score the cluster
//! corrected after the form went out, and the school changed too, is a
//! conflict for the leader; one only the school changed is taken; a second
//! import of the same form (edited again) supersedes the first, which the
//! form's replica has seen. A version the form claims to have seen is
//! never more than the master has: a form cannot outrank the cluster.

use super::record::{self, Rec, RecordKey};
use super::{Authenticity, Change, ChangeKind, Refusal, Review, Status, diff};
use crate::spreadsheet::form::{KEY_AWARD, KEY_DATE, KEY_PACT, KEY_TARGET, NO, NO_AWARD, YES};
use crate::spreadsheet::read::{self, Cell, FilledForm};
use crate::workbook::{
    Activity, ActivityKind, Adjustment, AdjustmentKind, Assessment, Id, Integrity, Owner,
    Registration, Rev, Score, Workbook, signing,
};
use sha2::{Digest, Sha256};

/// Reviews a filled form (`bytes` of an .xlsx, .xls or .ods file) against
/// the master.
pub fn review_form(master: &Workbook, bytes: &[u8], file_name: &str) -> Result<Review, Refusal> {
    review_form_from(master, bytes, file_name, None)
}

/// [`review_form`]; a form without a token is reviewed as from `from`, the
/// school the clerk names for it (see `exchange::review_bytes_from`): its
/// edits are still the form's school's, so they change nothing unless that
/// is the school named.
pub fn review_form_from(
    master: &Workbook,
    bytes: &[u8],
    file_name: &str,
    from: Option<&Id>,
) -> Result<Review, Refusal> {
    let form = read::read(bytes).map_err(Refusal::Form)?;
    let content_hash = crate::workbook::file::hex_sha256(bytes);
    if form.cluster != master.cluster.number {
        return Err(Refusal::OtherCluster {
            found: crate::workbook::cluster_title(&form.cluster_name, form.cluster),
            expected: master.cluster_title(),
        });
    }
    if form.year != master.year {
        return Err(Refusal::OtherYear {
            found: form.year,
            expected: master.year,
        });
    }
    let own = form.school.clone();
    if master.school(&own).is_none() {
        return Err(Refusal::NotMember(own));
    }
    let own_name = master.school_full_name(&own);
    let (keyed, recovered_key) = if form.token.trim().is_empty() {
        (std::borrow::Cow::Borrowed(master), None)
    } else {
        super::refusal::with_key(master, &own_name, |m| token(m, &form).is_ok())?
    };
    let authenticity = token(&keyed, &form).map_err(|why| Refusal::Forged {
        school: own_name.clone(),
        why,
    })?;
    let (sender, claimed) = match from {
        Some(id) if authenticity == Authenticity::Unsigned && *id != own => {
            (id.clone(), Some(own.clone()))
        }
        _ => (own.clone(), None),
    };
    let school = master.school_full_name(&sender);
    let reopened = super::refusal::already_merged(master, &sender, &content_hash)?;
    let mut edits = Edits::new(master, &form);
    edits.self_scores();
    edits.bonus();
    edits.registration();
    edits.activities();
    let Edits {
        returned,
        problems,
        mut notes,
        ..
    } = edits;
    // The form's record versions are its own (see `Edits::rev`): a form
    // always has a baseline, the versions it was made from.
    let diff = diff::changes(master, &returned, &sender, true);
    let mut changes = diff.changes;
    changes.extend(problems);
    changes.sort_by(|a, b| a.key.cmp(&b.key));
    notes.extend(diff.notes);
    notes.extend(form.notes.iter().cloned());
    Ok(Review {
        sender_name: school,
        sender,
        claimed,
        file_name: file_name.to_string(),
        // A verified token stands for the integrity line a form cannot
        // carry: the form is this school's own (see `Authenticity::Excel`).
        integrity: if authenticity == Authenticity::Excel {
            Integrity::Verified
        } else {
            Integrity::NoHash
        },
        authenticity,
        reopened,
        save_count: 0,
        content_hash,
        changes,
        notes,
        spreadsheet: true,
        recovered_key,
        returned,
    })
}

/// Excel (the token is this school's), Unsigned (no token), or Err (a
/// token that is not this school's: relabelled or made up).
fn token(master: &Workbook, form: &FilledForm) -> Result<Authenticity, String> {
    if form.token.trim().is_empty() {
        return Ok(Authenticity::Unsigned);
    }
    let message = crate::spreadsheet::form::token_message(
        form.cluster,
        form.year,
        &form.school,
        &form.form_id,
        form.originals
            .iter()
            .map(|(k, json)| (k.as_str(), json.as_deref().unwrap_or(""))),
    );
    if signing::verifies(master, &form.school, &message, form.token.trim()) {
        Ok(Authenticity::Excel)
    } else {
        Err("mã nhận dạng của phiếu không khớp với trường này (phiếu của trường khác, hoặc phần ẩn của phiếu đã bị sửa)".into())
    }
}

/// The school's edits, put into a copy of the master as the school's copy
/// would hold them.
struct Edits<'a> {
    master: &'a Workbook,
    form: &'a FilledForm,
    me: Id,
    /// The form's replica key: its edits are counted under it.
    replica: String,
    returned: Workbook,
    /// Rows whose cells cannot be read: refused, with the cell named.
    problems: Vec<Change>,
    /// Cells left aside (locked cells changed, text without a score).
    notes: Vec<String>,
}

impl<'a> Edits<'a> {
    fn new(master: &'a Workbook, form: &'a FilledForm) -> Edits<'a> {
        let me = form.school.clone();
        let mut returned = master.clone();
        // What the returned "copy" had seen: the master as it is, so no
        // record missing from it reads as deleted (the form deletes nothing).
        returned.note_seen();
        Edits {
            replica: format!("{me}~x{}", form.form_id),
            me,
            master,
            form,
            returned,
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The record the form was made with, as it was then.
    fn original<T: serde::de::DeserializeOwned>(&self, key: &RecordKey) -> Option<T> {
        let json = self.form.originals.get(&key.to_string())?.as_ref()?;
        serde_json::from_str(json).ok()
    }

    /// The version of `candidate` as this form's edit; None when it is no
    /// edit: the same content as the record the form was made with or as
    /// the master's, or a value this form sent before (see [`Self::rev`]).
    fn edit<T: Content>(
        &mut self,
        what: &str,
        original: Option<&T>,
        current: Option<&T>,
        candidate: &T,
    ) -> Option<Rev> {
        if original.is_some_and(|o| o.same(candidate)) || current.is_some_and(|c| c.same(candidate))
        {
            return None;
        }
        self.rev(
            what,
            original.and_then(|o| o.rec().rev()),
            current.and_then(|c| c.rec().rev()),
            candidate,
        )
    }

    /// The version an edit made in the form has: what the form was made
    /// from (never more than the master has), the versions this form sent
    /// before, and this content as a version of the form's own. The form's
    /// versions are named by their content ("binh-thuan~x3f9a…-1c2d…"), so
    /// the same cell sent again (a re-saved form, an edit the leader
    /// refused) is the same version — equal, never newer — while a new
    /// value is a new version that has seen the earlier ones.
    ///
    /// None when this very content was sent by this form before and the
    /// master has seen it (taken, or refused by the leader): not a new
    /// edit. Said in the notes (`what` names the cells), so a school that
    /// really goes back to an earlier value is not ignored in silence.
    fn rev(
        &mut self,
        what: &str,
        original: Option<&Rev>,
        current: Option<&Rev>,
        content: &impl serde::Serialize,
    ) -> Option<Rev> {
        let mut rev = Rev::default();
        if let Some(o) = original {
            for (k, n) in &o.0 {
                let known = current.and_then(|c| c.0.get(k)).copied().unwrap_or(0);
                let n = (*n).min(known);
                if n > 0 {
                    rev.0.insert(k.clone(), n);
                }
            }
        }
        let mine = format!("{}-", self.replica);
        if let Some(c) = current {
            for (k, n) in c.0.iter().filter(|(k, _)| k.starts_with(&mine)) {
                rev.0.insert(k.clone(), *n);
            }
        }
        let json = serde_json::to_string(content).unwrap_or_default();
        let digest = signing::hex(&Sha256::digest(json.as_bytes())[..6]);
        let key = format!("{mine}{digest}");
        if rev.0.contains_key(&key) {
            self.notes.push(format!(
                "{what}: giá trị này phiếu đã gửi trước đây và cụm đã xem (đã nhận hoặc không nhận), nên không tính là sửa mới. Nếu trường thực sự muốn quay lại giá trị này, văn phòng cụm sửa trực tiếp trong sổ."
            ));
            return None;
        }
        rev.0.insert(key, 1);
        Some(rev)
    }

    fn problem(&mut self, key: RecordKey, old: Option<String>, new: String, why: String) {
        let placeholder = Score::default();
        let label = record::label(self.master, self.master, &key, Rec::Score(&placeholder));
        self.problems.push(Change {
            key,
            label,
            kind: if old.is_some() {
                ChangeKind::Changed
            } else {
                ChangeKind::Added
            },
            old,
            new: Some(new),
            status: Status::Refused(format!("{why}; không nhận dòng này")),
        });
    }

    fn assessment(&mut self) -> &mut Assessment {
        let me = self.me.clone();
        let list = &mut self.returned.assessments;
        let at = match list.iter().position(|a| a.school == me) {
            Some(i) => i,
            None => {
                list.push(Assessment {
                    school: me,
                    ..Assessment::default()
                });
                list.len() - 1
            }
        };
        &mut list[at]
    }

    fn self_scores(&mut self) {
        let form = self.form;
        for row in &form.self_rows {
            let Some(criterion) = self
                .master
                .criterion(&row.criterion)
                .filter(|c| c.is_leaf())
            else {
                if !row.points.is_empty() {
                    self.notes.push(format!(
                        "Ô {}: tiêu chí không còn trong bảng tiêu chí của cụm: bỏ qua.",
                        row.points.name
                    ));
                }
                continue;
            };
            let code = self
                .master
                .criterion_code(&criterion.id)
                .unwrap_or_default();
            self.locked(&row.code, &criterion.code, &code, "mã");
            self.locked(&row.title, &criterion.title, &code, "tên");
            let max = criterion.max_points();
            let max_ok = match row.max.points() {
                Ok(Some(p)) => p == max,
                _ => false,
            };
            if !max_ok {
                self.notes.push(format!(
                    "Ô {} (điểm chuẩn tiêu chí {code}) ghi \u{201c}{}\u{201d}, khác bảng tiêu chí của cụm ({max}; ô bị sửa, hoặc cụm đã đổi bảng sau khi gửi phiếu): bỏ qua, điểm tự chấm được kiểm theo điểm chuẩn {max}.",
                    row.max.name,
                    row.max.text().unwrap_or_default()
                ));
            }
            let key = RecordKey::SelfScore(self.me.clone(), criterion.id.clone());
            let current = self
                .master
                .assessment(&self.me)
                .and_then(|a| a.self_scores.get(&criterion.id));
            let original: Option<Score> = self.original(&key);
            let points = match row.points.points() {
                Ok(p) => p,
                Err(why) => {
                    let old = current.map(|s| s.points.to_string());
                    let new = row.points.text().unwrap_or_default();
                    self.problem(key, old, new, why);
                    continue;
                }
            };
            let base = original.clone().unwrap_or_default();
            let Some(points) = points.or(original.as_ref().map(|o| o.points)) else {
                if !row.note.is_empty() || !row.evidence.is_empty() {
                    self.notes.push(format!(
                        "Dòng tiêu chí {code}: có ghi chú hoặc minh chứng nhưng chưa có điểm tự chấm: chưa nhận."
                    ));
                }
                continue;
            };
            let candidate = Score {
                points,
                note: text_or(&row.note, &base.note),
                evidence: lines_or(&row.evidence, &base.evidence),
                rev: Rev::default(),
            };
            let what = format!("Ô {} (tự chấm tiêu chí {code})", row.points.name);
            let Some(rev) = self.edit(&what, original.as_ref(), current, &candidate) else {
                continue;
            };
            let id = criterion.id.clone();
            self.assessment()
                .self_scores
                .insert(id, Score { rev, ..candidate });
        }
    }

    /// Notes a locked cell the clerk changed (it is ignored either way).
    fn locked(&mut self, cell: &Cell, expected: &str, code: &str, what: &str) {
        // As the cell reads back (trimmed, NFC), like every other text.
        let found = cell.text().unwrap_or_default();
        if found != read::clean(expected) {
            self.notes.push(format!(
                "Ô {} ({what} tiêu chí {code}) ghi \u{201c}{found}\u{201d}, khác bảng tiêu chí của cụm (ô bị sửa, hoặc cụm đã đổi bảng sau khi gửi phiếu): bỏ qua, bảng tiêu chí là phần của cụm.",
                cell.name
            ));
        }
    }

    fn bonus(&mut self) {
        let form = self.form;
        for row in &form.bonus_rows {
            let key = RecordKey::Adjustment(self.me.clone(), row.id.clone());
            let current = self
                .master
                .assessment(&self.me)
                .and_then(|a| a.adjustments.iter().find(|x| x.id == row.id));
            let original: Option<Adjustment> = self.original(&key);
            // The cluster's accepted amount is shown locked: a change is
            // listed and ignored.
            let shown = original.as_ref().and_then(|o| o.accepted);
            if row.accepted.points().ok() != Some(shown) {
                self.notes.push(format!(
                    "Ô {} (mức điểm thưởng cụm chấp nhận) đã bị sửa thành \u{201c}{}\u{201d}: bỏ qua, đó là phần của cụm.",
                    row.accepted.name,
                    row.accepted.text().unwrap_or_default()
                ));
            }
            let points = match row.points.points() {
                Ok(p) => p,
                Err(why) => {
                    let old = current.map(|a| a.points.to_string());
                    self.problem(key, old, row.points.text().unwrap_or_default(), why);
                    continue;
                }
            };
            let base = original.clone().or_else(|| current.cloned());
            let reason = row.reason.text();
            let candidate = match base {
                Some(b) => Adjustment {
                    points: points.unwrap_or(b.points),
                    reason: text_or(&row.reason, &b.reason),
                    evidence: lines_or(&row.evidence, &b.evidence),
                    // The cluster's review of the claim is not the form's.
                    accepted: current.and_then(|c| c.accepted),
                    ..b
                },
                None => {
                    if points.is_none() && reason.is_none() {
                        if !row.evidence.is_empty() {
                            self.notes.push(format!(
                                "Ô {}: có minh chứng nhưng chưa có nội dung và điểm đề nghị thưởng: chưa nhận.",
                                row.evidence.name
                            ));
                        }
                        continue;
                    }
                    let (Some(points), Some(reason)) = (points, reason) else {
                        let (cell, what) = if points.is_none() {
                            (&row.points, "chưa ghi điểm đề nghị")
                        } else {
                            (&row.reason, "chưa ghi nội dung đề nghị thưởng")
                        };
                        let why = format!("ô {}: {what}", cell.name);
                        let new = row.reason.text().or(row.points.text()).unwrap_or_default();
                        self.problem(key, None, new, why);
                        continue;
                    };
                    Adjustment {
                        id: row.id.clone(),
                        owner: Owner::School(self.me.clone()),
                        kind: AdjustmentKind::Bonus,
                        points,
                        reason,
                        accepted: None,
                        evidence: lines_or(&row.evidence, &[]),
                        rev: Rev::default(),
                    }
                }
            };
            let what = format!("Ô {} (điểm thưởng đề nghị)", row.points.name);
            let Some(rev) = self.edit(&what, original.as_ref(), current, &candidate) else {
                continue;
            };
            let item = Adjustment { rev, ..candidate };
            upsert(&mut self.assessment().adjustments, item, |a, b| {
                a.id == b.id
            });
        }
    }

    fn registration(&mut self) {
        let cells = &self.form.registration.cells;
        if cells.is_empty() {
            return;
        }
        let key = RecordKey::Registration(self.me.clone());
        let current = self.master.assessment(&self.me).map(|a| &a.registration);
        let original: Option<Registration> = self.original(&key);
        let base = original.clone().unwrap_or_default();
        let mut next = base.clone();
        let mut bad: Vec<String> = Vec::new();
        if let Some(cell) = cells.get(KEY_AWARD)
            && let Some(text) = cell.text()
        {
            if text == NO_AWARD {
                next.award = None;
            } else {
                let wanted = crate::text::name_key(&text);
                match self.master.rules.awards.iter().find(|a| {
                    crate::text::name_key(&a.name) == wanted
                        || crate::text::name_key(&a.short_name) == wanted
                }) {
                    Some(a) => next.award = Some(a.id.clone()),
                    None => bad.push(format!(
                        "ô {}: không có danh hiệu \u{201c}{text}\u{201d} trong quy định của cụm",
                        cell.name
                    )),
                }
            }
        }
        // By number ("target:1" and a forged "target:01" are one row).
        let mut targets: std::collections::BTreeMap<usize, &Cell> = Default::default();
        for (k, c) in cells {
            let Some(n) = k.strip_prefix(KEY_TARGET).and_then(|n| n.parse().ok()) else {
                continue;
            };
            if targets.insert(n, c).is_some() {
                self.notes
                    .push(format!("Ô {}: dòng chỉ tiêu {n} lặp lại: bỏ qua.", c.name));
            }
        }
        for (n, cell) in targets.into_iter().filter(|(_, c)| !c.is_empty()) {
            let at = n.saturating_sub(1);
            let text = text_or(cell, next.targets.get(at).map_or("", String::as_str));
            if at < next.targets.len() {
                next.targets[at] = text;
            } else {
                next.targets.push(text);
            }
        }
        if let Some(cell) = cells.get(KEY_DATE) {
            match cell.date() {
                Ok(Some(d)) => next.date = Some(d),
                Ok(None) => {}
                Err(why) => bad.push(why),
            }
        }
        if let Some(cell) = cells.get(KEY_PACT) {
            match cell.text().as_deref().map(crate::text::name_key) {
                None => {}
                Some(t) if t == crate::text::name_key(YES) || t == "x" || t == "true" => {
                    next.signed_pact = true
                }
                Some(t) if t == crate::text::name_key(NO) || t == "false" => {
                    next.signed_pact = false
                }
                Some(_) => bad.push(format!(
                    "ô {}: ghi \u{201c}{YES}\u{201d} hoặc \u{201c}{NO}\u{201d}",
                    cell.name
                )),
            }
        }
        if !bad.is_empty() {
            let old = current.map(|r| record::describe(self.master, Rec::Registration(r), None));
            self.problem(key, old, String::new(), bad.join("; "));
            return;
        }
        // No registration when the form was made: the empty one, so an
        // untouched sheet is no edit.
        let what = "Trang \u{201c}Đăng ký\u{201d}";
        let Some(rev) = self.edit(what, Some(&base), current, &next) else {
            return;
        };
        self.assessment().registration = Registration { rev, ..next };
    }

    fn activities(&mut self) {
        let form = self.form;
        for row in &form.activity_rows {
            let key = RecordKey::Activity(row.id.clone());
            let current = self.master.activities.iter().find(|a| a.id == row.id);
            let original: Option<Activity> = self.original(&key);
            let old = current.map(|a| record::describe(self.master, Rec::Activity(a), None));
            let mut bad = Vec::new();
            let kind = match row.kind.text() {
                None => None,
                Some(t) => {
                    let wanted = crate::text::name_key(&t);
                    match ActivityKind::ALL
                        .into_iter()
                        .find(|k| crate::text::name_key(k.label()) == wanted)
                    {
                        Some(k) => Some(k),
                        None => {
                            bad.push(format!(
                                "ô {}: \u{201c}{t}\u{201d} không phải loại hoạt động trong danh sách",
                                row.kind.name
                            ));
                            None
                        }
                    }
                }
            };
            let mut date = |cell: &Cell| match cell.date() {
                Ok(d) => d,
                Err(why) => {
                    bad.push(why);
                    None
                }
            };
            let start = date(&row.start);
            let end = date(&row.end);
            let title = row.title.text();
            if !bad.is_empty() {
                let new = title.unwrap_or_default();
                self.problem(key, old, new, bad.join("; "));
                continue;
            }
            let base = original.clone().or_else(|| current.cloned());
            let candidate = match base {
                Some(b) => Activity {
                    kind: kind.unwrap_or(b.kind),
                    title: text_or(&row.title, &b.title),
                    start: start.unwrap_or(b.start),
                    end: end.or(b.end),
                    note: text_or(&row.note, &b.note),
                    evidence: lines_or(&row.evidence, &b.evidence),
                    ..b
                },
                None => {
                    let any = [&row.kind, &row.title, &row.start, &row.end, &row.note]
                        .iter()
                        .any(|c| !c.is_empty())
                        || !row.evidence.is_empty();
                    if !any {
                        continue;
                    }
                    let (Some(title), Some(start)) = (title.clone(), start) else {
                        let why = if title.is_none() {
                            format!("ô {}: chưa ghi tên hoạt động", row.title.name)
                        } else {
                            format!("ô {}: chưa ghi ngày bắt đầu", row.start.name)
                        };
                        self.problem(key, None, title.unwrap_or_default(), why);
                        continue;
                    };
                    Activity {
                        id: row.id.clone(),
                        owner: Owner::School(self.me.clone()),
                        kind: kind.unwrap_or(ActivityKind::Other),
                        title,
                        start,
                        end,
                        host: Some(self.me.clone()),
                        participants: Vec::new(),
                        people: Vec::new(),
                        results: Vec::new(),
                        evidence: lines_or(&row.evidence, &[]),
                        note: row.note.text().unwrap_or_default(),
                        rev: Rev::default(),
                    }
                }
            };
            let what = format!("Dòng hoạt động ô {}", row.title.name);
            let Some(rev) = self.edit(&what, original.as_ref(), current, &candidate) else {
                continue;
            };
            let item = Activity { rev, ..candidate };
            upsert(&mut self.returned.activities, item, |a, b| a.id == b.id);
        }
    }
}

/// Replaces the record with the same id, or adds it.
fn upsert<T>(list: &mut Vec<T>, item: T, same: impl Fn(&T, &T) -> bool) {
    match list.iter_mut().find(|x| same(x, &item)) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}

/// A record a form's row edits, seen as the exchange's record (its
/// version, and what counts as the same content).
trait Content: serde::Serialize {
    fn rec(&self) -> Rec<'_>;
    /// Same content, versions aside: the exchange's own comparison.
    fn same(&self, other: &Self) -> bool {
        self.rec().same_content(&other.rec())
    }
}

impl Content for Score {
    fn rec(&self) -> Rec<'_> {
        Rec::Score(self)
    }
}

impl Content for Adjustment {
    fn rec(&self) -> Rec<'_> {
        Rec::Adjustment(self)
    }
    /// The cluster's accepted amount is not the form's to change: a claim
    /// the school left alone is the same claim whatever the cluster
    /// accepted since.
    fn same(&self, o: &Self) -> bool {
        self.points == o.points && self.reason == o.reason && self.evidence == o.evidence
    }
}

impl Content for Registration {
    fn rec(&self) -> Rec<'_> {
        Rec::Registration(self)
    }
}

impl Content for Activity {
    fn rec(&self) -> Rec<'_> {
        Rec::Activity(self)
    }
}

/// A cell's text, or `or` when the cell is empty or holds `or` as a cell
/// reads it back (trimmed, NFC): a cell left alone is never an edit.
fn text_or(cell: &Cell, or: &str) -> String {
    match cell.text() {
        Some(t) if t != read::clean(or) => t,
        _ => or.to_string(),
    }
}

/// A cell of lines (one document per line), or `or` when the cell is empty
/// or holds `or` as a cell reads it back.
fn lines_or(cell: &Cell, or: &[String]) -> Vec<String> {
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .map(read::clean)
            .filter(|l| !l.is_empty())
            .collect()
    };
    match cell.text() {
        Some(t) if lines(&t) != lines(&or.join("\n")) => lines(&t),
        _ => or.to_vec(),
    }
}
