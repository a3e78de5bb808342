//! The year's workbook: one cluster-year in one JSON file.

pub mod ballot;
pub mod criteria_table;
pub mod defaults;
pub mod edit;
pub mod file;
pub mod model;
pub mod points;
pub mod record;
pub mod rights;
pub mod school_names;
pub mod signing;
pub mod synthetic;
pub mod validate;

pub use file::{Integrity, LoadError, Loaded, SaveError, load, load_bytes, save, to_bytes};
pub use model::*;
pub use points::{Points, Ratio};
pub use record::RecordKey;
pub use validate::{Problem, Scope, validate};

use serde::{Deserialize, Serialize};

/// A fresh replica id: 16 hex digits from the standard library's randomly
/// keyed hasher (unique per copy; not a secret, so no crypto needed).
pub fn new_replica_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// The tag in the first key of every workbook file.
pub const FORMAT_TAG: &str = "so-thi-dua/workbook";
/// The newest file version this program reads and the one it writes.
/// Version 2: a tie-break by ballot votes names its award. Version 3: the
/// conference's guests, discussion and conclusion, and the election's show
/// of hands. Version 4: deletions kept as data (`provenance.deleted`) and
/// what each mailed-out copy was given (`provenance.issued`). Older files
/// are migrated on load (`file::parse::migrate`); an older copy of the app
/// refuses a version-4 file as newer and asks for an update.
pub const FORMAT_VERSION: u32 = 4;

/// One cluster-year. Field order is the file's key order: the first keys say
/// what the file is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    pub format: String,
    pub version: u32,
    pub cluster: Cluster,
    pub year: i16,
    /// Free text: what this file is; the sample says its figures are
    /// illustrative.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub provenance: Provenance,
    #[serde(default)]
    pub members: Vec<School>,
    #[serde(default)]
    pub roles: Roles,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub conference: Conference,
    #[serde(default)]
    pub documents: Documents,
    /// This open copy's replica id: random, new every time a file is opened
    /// or created, never saved. Two windows on one file, or the emailed
    /// file opened again, are different replicas, so their edits are told
    /// apart when merged (see `crate::exchange`).
    #[serde(skip)]
    pub replica: String,
}

/// Two workbooks are equal when their content is: which open copy holds
/// one (its replica id) does not matter.
impl PartialEq for Workbook {
    fn eq(&self, other: &Workbook) -> bool {
        self.format == other.format
            && self.version == other.version
            && self.cluster == other.cluster
            && self.year == other.year
            && self.description == other.description
            && self.provenance == other.provenance
            && self.members == other.members
            && self.roles == other.roles
            && self.rules == other.rules
            && self.criteria == other.criteria
            && self.assessments == other.assessments
            && self.activities == other.activities
            && self.conference == other.conference
            && self.documents == other.documents
    }
}

impl Eq for Workbook {}

impl Workbook {
    /// An empty workbook for a cluster and year, with the default rules and
    /// criteria template.
    pub fn new(cluster: Cluster, year: i16) -> Workbook {
        Workbook {
            format: FORMAT_TAG.to_string(),
            version: FORMAT_VERSION,
            cluster,
            year,
            description: String::new(),
            provenance: Provenance::default(),
            members: Vec::new(),
            roles: Roles::default(),
            rules: defaults::rules(),
            criteria: defaults::criteria(),
            assessments: Vec::new(),
            activities: Vec::new(),
            conference: Conference::default(),
            documents: Documents::default(),
            replica: new_replica_id(),
        }
    }

    /// The key `editor`'s edits in this copy are counted under in version
    /// vectors: "binh-thuan~3f9a0c1d" (the editor, then the replica).
    pub fn replica_key(&self, editor: &Owner) -> String {
        if self.replica.is_empty() {
            editor.editor_key().to_string()
        } else {
            format!("{}~{}", editor.editor_key(), self.replica)
        }
    }

    /// Every version vector of the workbook, folded into `provenance.seen`:
    /// what this copy has seen. Called on load and before every save.
    pub fn note_seen(&mut self) {
        let now = self.revisions();
        self.provenance.seen.absorb(&now);
    }

    /// The pointwise maximum of every version vector in the workbook.
    pub fn revisions(&self) -> Rev {
        let mut seen = Rev::default();
        for s in &self.members {
            seen.absorb(&s.rev);
        }
        seen.absorb(&self.roles.rev);
        seen.absorb(&self.rules.rev);
        for a in &self.assessments {
            seen.absorb(&a.registration.rev);
            seen.absorb(&a.discipline.rev);
            for x in a.self_scores.values().chain(a.cluster_scores.values()) {
                seen.absorb(&x.rev);
            }
            for x in &a.adjustments {
                seen.absorb(&x.rev);
            }
        }
        for a in &self.activities {
            seen.absorb(&a.rev);
        }
        seen.absorb(&self.conference.rev);
        seen.absorb(&self.documents.rev);
        // A deletion is a version of its record too: a copy that holds the
        // tombstone has seen the deletion.
        for d in &self.provenance.deleted {
            seen.absorb(&d.rev);
        }
        seen
    }

    /// The tombstone of a deleted record, if it was deleted this year.
    pub fn deletion(&self, key: &RecordKey) -> Option<&Deletion> {
        let key = key.to_string();
        self.provenance.deleted.iter().find(|d| d.record == key)
    }

    /// Records that `editor` deleted the record `key`, whose content and
    /// version were `value` and `rev`: the deletion is a new version of the
    /// record (its versions and the deleter's edit), so a copy that still
    /// holds the record unchanged never brings it back (see
    /// `crate::exchange`). Replaces an earlier tombstone of the same record.
    pub fn bury(
        &mut self,
        key: &RecordKey,
        editor: &Owner,
        mut rev: Rev,
        value: Option<serde_json::Value>,
    ) {
        let replica = self.replica_key(editor);
        rev.bump_as(&replica);
        self.bury_as(Deletion {
            record: key.to_string(),
            rev,
            by: editor.clone(),
            on: Some(jiff::ZonedDateTime::now().date()),
            value,
        });
    }

    /// Keeps a tombstone as it is (one merged from a returned copy), in
    /// record order, replacing an earlier one of the same record.
    pub fn bury_as(&mut self, deletion: Deletion) {
        let list = &mut self.provenance.deleted;
        match list.binary_search_by(|d| d.record.as_str().cmp(&deletion.record)) {
            // The same deletion again (a review applied twice) changes
            // nothing; a newer one takes its place, keeping what it knew.
            Ok(i) if list[i].rev.includes(&deletion.rev) => {}
            Ok(i) => {
                let old = std::mem::take(&mut list[i]);
                let mut rev = old.rev;
                rev.absorb(&deletion.rev);
                list[i] = Deletion {
                    rev,
                    value: deletion.value.or(old.value),
                    ..deletion
                };
            }
            Err(i) => list.insert(i, deletion),
        }
    }

    /// Forgets the tombstone of `key` (the record is back), returning it.
    pub fn unbury(&mut self, key: &RecordKey) -> Option<Deletion> {
        let key = key.to_string();
        let i = self
            .provenance
            .deleted
            .iter()
            .position(|d| d.record == key)?;
        Some(self.provenance.deleted.remove(i))
    }

    pub fn school(&self, id: &Id) -> Option<&School> {
        self.members.iter().find(|s| &s.id == id)
    }

    /// The school's short name, or its id when unknown (never panics on a
    /// dangling reference).
    pub fn school_name(&self, id: &Id) -> String {
        self.school(id)
            .map(|s| s.short_name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn school_full_name(&self, id: &Id) -> String {
        self.school(id)
            .map(|s| s.full_name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// Schools that are members at the end of the year (not left).
    pub fn current_members(&self) -> impl Iterator<Item = &School> {
        self.members.iter().filter(|s| s.left.is_none())
    }

    pub fn assessment(&self, school: &Id) -> Option<&Assessment> {
        self.assessments.iter().find(|a| &a.school == school)
    }

    /// The assessment of a school, created empty if missing.
    pub fn assessment_mut(&mut self, school: &Id) -> &mut Assessment {
        if let Some(i) = self.assessments.iter().position(|a| &a.school == school) {
            &mut self.assessments[i]
        } else {
            self.assessments.push(Assessment {
                school: school.clone(),
                ..Assessment::default()
            });
            self.assessments.last_mut().expect("just pushed")
        }
    }

    /// Leaf criteria in table order: the ones that are scored.
    pub fn leaf_criteria(&self) -> Vec<&Criterion> {
        self.criteria.iter().flat_map(|c| c.leaves()).collect()
    }

    /// A criterion's code with its section's, as the score sheet reads it:
    /// "II.1" (a bare "1" is ambiguous across sections); None when unknown.
    /// For many criteria, [`Workbook::criterion_codes`] walks once.
    pub fn criterion_code(&self, id: &Id) -> Option<String> {
        let mut found = None;
        self.walk_codes(&mut |c, code| {
            if &c.id == id {
                found = Some(code.to_string());
            }
            found.is_some()
        });
        found
    }

    /// The full code of every criterion ("II.1"), in one walk of the table.
    pub fn criterion_codes(&self) -> std::collections::HashMap<Id, String> {
        let mut out = std::collections::HashMap::new();
        self.walk_codes(&mut |c, code| {
            out.insert(c.id.clone(), code.to_string());
            false
        });
        out
    }

    /// Visits every criterion with its full code, depth first, until `f`
    /// says stop. A sub-criterion coded "1.1" already names its parent, so
    /// it follows the section directly ("II.1.1", not "II.1.1.1").
    fn walk_codes(&self, f: &mut dyn FnMut(&Criterion, &str) -> bool) {
        fn walk(
            nodes: &[Criterion],
            section: &str,
            parent: &str,
            f: &mut dyn FnMut(&Criterion, &str) -> bool,
        ) -> bool {
            for c in nodes {
                let code = if parent.is_empty() {
                    c.code.clone()
                } else if c.code.contains('.') {
                    format!("{section}.{}", c.code)
                } else {
                    format!("{parent}.{}", c.code)
                };
                if f(c, &code) {
                    return true;
                }
                let section = if parent.is_empty() { &code } else { section };
                if walk(&c.children, section, &code, f) {
                    return true;
                }
            }
            false
        }
        walk(&self.criteria, "", "", f);
    }

    /// Leaf criteria the school has not self-scored yet, by code ("II.1").
    pub fn missing_self_scores(&self, school: &Id) -> Vec<String> {
        let scored = self.assessment(school).map(|a| &a.self_scores);
        let codes = self.criterion_codes();
        self.leaf_criteria()
            .into_iter()
            .filter(|c| scored.is_none_or(|s| !s.contains_key(&c.id)))
            .map(|c| codes.get(&c.id).cloned().unwrap_or_else(|| c.code.clone()))
            .collect()
    }

    /// Any criterion node by id, at any depth.
    pub fn criterion(&self, id: &Id) -> Option<&Criterion> {
        fn find<'a>(nodes: &'a [Criterion], id: &Id) -> Option<&'a Criterion> {
            nodes.iter().find_map(|c| {
                if &c.id == id {
                    Some(c)
                } else {
                    find(&c.children, id)
                }
            })
        }
        find(&self.criteria, id)
    }

    /// The total of the criteria table (100 or 1000 …).
    /// The cluster's name as documents and forms print it, or "Cụm thi
    /// đua số 8" while it has none.
    pub fn cluster_title(&self) -> String {
        cluster_title(&self.cluster.name, self.cluster.number)
    }

    pub fn max_total(&self) -> Points {
        self.criteria.iter().map(Criterion::max_points).sum()
    }

    pub fn award(&self, id: &Id) -> Option<&AwardKind> {
        self.rules.awards.iter().find(|a| &a.id == id)
    }

    pub fn band(&self, id: &Id) -> Option<&RatingBand> {
        self.rules.bands.iter().find(|b| &b.id == id)
    }

    /// A fresh id for a new record of `kind` owned by `owner`. Ids carry the
    /// owner's key, so copies edited at different schools never pick the
    /// same id for different records.
    pub fn fresh_id(&self, owner: &Owner, kind: &str) -> Id {
        let prefix = format!("{}-{kind}", owner.editor_key());
        let mut taken: std::collections::HashSet<&str> = std::collections::HashSet::new();
        taken.extend(self.activities.iter().map(|a| a.id.as_str()));
        taken.extend(self.members.iter().map(|s| s.id.as_str()));
        taken.extend(self.conference.ballots.iter().map(|b| b.id.as_str()));
        for a in &self.assessments {
            taken.extend(a.adjustments.iter().map(|x| x.id.as_str()));
        }
        // A deleted record's id stays its own: a new record under it would
        // meet the tombstone.
        taken.extend(
            self.provenance
                .deleted
                .iter()
                .filter_map(|d| d.record.rsplit('/').next()),
        );
        (1..)
            .map(|n| format!("{prefix}{n}"))
            .find(|c| !taken.contains(c.as_str()))
            .map(Id)
            .expect("an unbounded range always yields a free id")
    }
}

/// A cluster's name as printed, or "Cụm thi đua số 8" while it has none
/// (also for a cluster known only from a returned form).
pub fn cluster_title(name: &str, number: u32) -> String {
    let name = name.trim();
    if name.is_empty() {
        format!("Cụm thi đua số {number}")
    } else {
        name.to_string()
    }
}
