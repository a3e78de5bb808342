//! One matcher of school names as a clerk types them, for the whole app:
//! the activity form's type-ahead (people and prizes), the unsigned-file
//! review's "which school sent this" (`--unsigned-from`), and any later
//! roll-up that reads a school from typed text.
//!
//! A typed name is folded (case, marks, đ, spaces and dashes, a leading
//! "Trường Chính trị tỉnh …" aside) and compared with each school's names:
//! its full and short name, its province, and its former names (the
//! schools of this workbook merged into it). Exactly one school by a
//! folded name is a match; two are not ("offer both, pick neither"); a
//! name one typing slip away (one letter more, less, changed or two
//! swapped) is only ever a candidate — "Bình Thuân" may be Bình Thuận or
//! a slip for Ninh Thuận, so the clerk picks.

use super::{Id, School, Workbook};
use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;

/// What a typed school name names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// One school by that name: safe to take.
    Exact(Id),
    /// Schools it may mean (two by the same name, or names one slip
    /// away): to offer, never to take unasked.
    Candidates(Vec<Id>),
    /// No school by anything like that name.
    None,
}

/// A name folded for comparison: marks dropped (NFD, combining marks
/// out), đ → d, lower case, any run of spaces, dashes or punctuation one
/// space. "Bà Rịa – Vũng Tàu" and "ba ria-vung  tau" fold the same.
pub fn fold(s: &str) -> String {
    let plain: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words a school's name may start with that do not tell schools
/// apart: "Trường Chính trị (tỉnh | thành phố | TP.) …".
const PREFIXES: [&str; 2] = ["truong chinh tri ", "truong ct "];
const UNITS: [&str; 3] = ["tinh ", "thanh pho ", "tp "];

/// The folded name a school is told apart by, spaces out: "Trường Chính
/// trị tỉnh Bình Thuận" → "binhthuan" (a file name's "BinhThuan" too).
pub fn key(s: &str) -> String {
    let folded = fold(s);
    let mut rest = folded.as_str();
    for p in PREFIXES {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    for u in UNITS {
        if let Some(r) = rest.strip_prefix(u) {
            rest = r;
            break;
        }
    }
    let key: String = rest.chars().filter(|c| *c != ' ').collect();
    if key.is_empty() {
        // "Trường Chính trị tỉnh" alone: nothing left to tell by.
        folded.chars().filter(|c| *c != ' ').collect()
    } else {
        key
    }
}

/// At most one edit apart: one character inserted, deleted or changed, or
/// two neighbours swapped.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let lead = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        if lead == short.len() {
            return true;
        }
        // One changed, or this one and the next swapped.
        let changed = short[lead + 1..] == long[lead + 1..];
        let swapped = lead + 1 < short.len()
            && short[lead] == long[lead + 1]
            && short[lead + 1] == long[lead]
            && short[lead + 2..] == long[lead + 2..];
        changed || swapped
    } else {
        // One inserted in the longer at `lead`.
        short[lead..] == long[lead + 1..]
    }
}

/// Was `school` a member at some time in `from..=to` (joined by its end,
/// not left before its start)? A school leaves on its `left` date.
pub fn member_during(school: &School, from: Date, to: Date) -> bool {
    school.joined.is_none_or(|j| j <= to) && school.left.is_none_or(|l| l > from)
}

#[derive(Debug, Clone)]
struct Entry {
    id: Id,
    /// Keys of its own names (full, short, province).
    own: Vec<String>,
    /// Keys of its former names.
    former: Vec<String>,
}

/// The schools a typed name may name, with every name each goes by.
#[derive(Debug, Clone)]
pub struct SchoolNames {
    entries: Vec<Entry>,
}

impl SchoolNames {
    /// `schools` of `wb`, in the order given (the order candidates come
    /// in). A school's former names are those of the members of `wb` that
    /// name it as their successor, or that it continues.
    pub fn new<'a>(wb: &Workbook, schools: impl IntoIterator<Item = &'a School>) -> SchoolNames {
        let entries = schools
            .into_iter()
            .map(|s| {
                let mut own: Vec<String> = [&s.full_name, &s.short_name, &s.province]
                    .into_iter()
                    .map(|n| key(n))
                    .filter(|k| !k.is_empty())
                    .collect();
                own.dedup();
                let mut former: Vec<String> = wb
                    .members
                    .iter()
                    .filter(|m| {
                        m.id != s.id
                            && (m.successor.as_ref() == Some(&s.id) || s.continues.contains(&m.id))
                    })
                    .flat_map(|m| [&m.full_name, &m.short_name, &m.province])
                    .map(|n| key(n))
                    .filter(|k| !k.is_empty() && !own.contains(k))
                    .collect();
                former.sort();
                former.dedup();
                Entry {
                    id: s.id.clone(),
                    own,
                    former,
                }
            })
            .collect();
        SchoolNames { entries }
    }

    /// Every member of `wb`, whenever it was one.
    pub fn all(wb: &Workbook) -> SchoolNames {
        SchoolNames::new(wb, &wb.members)
    }

    /// The members at the end of the year (not left).
    pub fn current(wb: &Workbook) -> SchoolNames {
        SchoolNames::new(wb, wb.current_members())
    }

    /// The members at some time in `from..=to` (an activity's days).
    pub fn during(wb: &Workbook, from: Date, to: Date) -> SchoolNames {
        SchoolNames::new(wb, wb.members.iter().filter(|s| member_during(s, from, to)))
    }

    /// The schools offered, in order.
    pub fn ids(&self) -> impl Iterator<Item = &Id> {
        self.entries.iter().map(|e| &e.id)
    }

    /// What `typed` names (see the module's notes).
    pub fn find(&self, typed: &str) -> Match {
        let k = key(typed);
        if k.is_empty() {
            return Match::None;
        }
        // Own names first: "Bình Thuận" is the member of that name, not
        // the school it later merged into.
        for names in [|e: &Entry| &e.own, |e: &Entry| &e.former] as [fn(&Entry) -> &Vec<String>; 2]
        {
            let exact: Vec<&Id> = self
                .entries
                .iter()
                .filter(|e| names(e).contains(&k))
                .map(|e| &e.id)
                .collect();
            match exact.as_slice() {
                [] => {}
                [one] => return Match::Exact((*one).clone()),
                many => return Match::Candidates(many.iter().map(|id| (*id).clone()).collect()),
            }
        }
        let near: Vec<Id> = self
            .entries
            .iter()
            .filter(|e| {
                e.own
                    .iter()
                    .chain(&e.former)
                    .any(|n| within_one_edit(n, &k))
            })
            .map(|e| e.id.clone())
            .collect();
        if near.is_empty() {
            Match::None
        } else {
            Match::Candidates(near)
        }
    }

    /// Type-ahead: the schools to offer for `typed`, never one picked for
    /// the clerk — the schools of that name first, then those one slip
    /// away ("Bình Thuân": Bình Thuận, then Ninh Thuận), then every school
    /// with a name holding the typed text. Nothing for an empty text.
    pub fn suggest(&self, typed: &str) -> Vec<Id> {
        let k = key(typed);
        if k.is_empty() {
            return Vec::new();
        }
        let mut out = match self.find(typed) {
            Match::Exact(id) => vec![id],
            Match::Candidates(ids) => ids,
            Match::None => Vec::new(),
        };
        let names = |e: &'_ Entry| e.own.iter().chain(&e.former).cloned().collect::<Vec<_>>();
        for near in [true, false] {
            for e in &self.entries {
                let hit = names(e).iter().any(|n| {
                    if near {
                        within_one_edit(n, &k)
                    } else {
                        n.contains(&k)
                    }
                });
                if hit && !out.contains(&e.id) {
                    out.push(e.id.clone());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school(id: &str, short: &str) -> School {
        School {
            id: Id::new(id),
            full_name: format!("Trường Chính trị tỉnh {short}"),
            short_name: short.to_string(),
            province: short.to_string(),
            ..School::default()
        }
    }

    fn cluster() -> Workbook {
        let mut wb = crate::workbook::synthetic::workbook(1, 1, 0);
        wb.members = vec![
            school("brvt", "Bà Rịa - Vũng Tàu"),
            school("binh-thuan", "Bình Thuận"),
            school("ninh-thuan", "Ninh Thuận"),
            school("binh-phuoc", "Bình Phước"),
            school("dong-nai", "Đồng Nai"),
        ];
        wb
    }

    fn ids(v: &[&str]) -> Vec<Id> {
        v.iter().map(|s| Id::new(*s)).collect()
    }

    #[test]
    fn folding_drops_case_marks_and_dashes() {
        assert_eq!(fold("Bà Rịa – Vũng Tàu"), "ba ria vung tau");
        assert_eq!(fold("  ĐỒNG   nai "), "dong nai");
        assert_eq!(key("Trường Chính trị tỉnh Bình Thuận"), "binhthuan");
        assert_eq!(key("tỉnh Bình Thuận"), "binhthuan");
        assert_eq!(key("BinhThuan"), "binhthuan");
        assert_eq!(key("Thành phố Hồ Chí Minh"), "hochiminh");
        // NFD typing folds the same as NFC.
        let nfd: String = "Bình Thuận".nfd().collect();
        assert_eq!(key(&nfd), "binhthuan");
    }

    #[test]
    fn one_edit_is_one_slip() {
        assert!(within_one_edit("binhthuan", "binhthuan"));
        assert!(within_one_edit("binhthuan", "ninhthuan"));
        assert!(within_one_edit("binhthuan", "binhthua"));
        assert!(within_one_edit("binhthuan", "binhtthuan"));
        assert!(within_one_edit("binhthuan", "bnihthuan"));
        assert!(!within_one_edit("binhthuan", "binhphuoc"));
        assert!(!within_one_edit("binhthuan", "binhth"));
        assert!(within_one_edit("", "a"));
        assert!(!within_one_edit("ab", "ba c"));
    }

    #[test]
    fn a_name_loosely_typed_finds_its_school() {
        let wb = cluster();
        let n = SchoolNames::all(&wb);
        assert_eq!(n.find("binh thuan"), Match::Exact(Id::new("binh-thuan")));
        assert_eq!(n.find("BÌNH THUẬN"), Match::Exact(Id::new("binh-thuan")));
        assert_eq!(
            n.find("Trường Chính trị tỉnh Bà Rịa-Vũng Tàu"),
            Match::Exact(Id::new("brvt"))
        );
        assert_eq!(n.find("dong nai"), Match::Exact(Id::new("dong-nai")));
        assert_eq!(n.find("Hà Nội"), Match::None);
        assert_eq!(n.find("  "), Match::None);
    }

    #[test]
    fn one_slip_away_from_two_schools_offers_both_and_picks_none() {
        let wb = cluster();
        let n = SchoolNames::all(&wb);
        // "Binh Thuận" mistyped as "Binh Thuam": one from Bình Thuận only,
        // still only offered.
        assert_eq!(
            n.find("Binh Thuam"),
            Match::Candidates(ids(&["binh-thuan"]))
        );
        // "inh Thuận": one from Bình Thuận and from Ninh Thuận.
        assert_eq!(
            n.find("inh thuan"),
            Match::Candidates(ids(&["binh-thuan", "ninh-thuan"]))
        );
        assert_eq!(n.suggest("inh thuan"), ids(&["binh-thuan", "ninh-thuan"]));
    }

    #[test]
    fn two_schools_by_one_name_are_both_offered() {
        let mut wb = cluster();
        wb.members.push(school("binh-thuan-2", "Bình Thuận"));
        let n = SchoolNames::all(&wb);
        assert_eq!(
            n.find("Bình Thuận"),
            Match::Candidates(ids(&["binh-thuan", "binh-thuan-2"]))
        );
    }

    #[test]
    fn type_ahead_offers_every_school_holding_the_text() {
        let wb = cluster();
        let n = SchoolNames::all(&wb);
        assert_eq!(n.suggest("binh"), ids(&["binh-thuan", "binh-phuoc"]));
        assert_eq!(n.suggest("thuan"), ids(&["binh-thuan", "ninh-thuan"]));
        // The school of that name first, then the one a slip away.
        assert_eq!(n.find("binh thuan"), Match::Exact(Id::new("binh-thuan")));
        assert_eq!(n.suggest("Bình Thuân"), ids(&["binh-thuan", "ninh-thuan"]));
        assert_eq!(n.suggest("vung tau"), ids(&["brvt"]));
        assert!(n.suggest("").is_empty());
    }

    #[test]
    fn former_names_count_and_only_members_on_the_date_are_offered() {
        let mut wb = cluster();
        let merged = jiff::civil::date(2025, 7, 1);
        wb.members[1].left = Some(merged);
        wb.members[1].successor = Some(Id::new("lam-dong"));
        let mut lam_dong = school("lam-dong", "Lâm Đồng");
        lam_dong.joined = Some(merged);
        wb.members.push(lam_dong);
        let before = SchoolNames::during(
            &wb,
            jiff::civil::date(2025, 3, 1),
            jiff::civil::date(2025, 3, 2),
        );
        assert_eq!(
            before.find("Bình Thuận"),
            Match::Exact(Id::new("binh-thuan"))
        );
        assert!(!before.ids().any(|id| id.as_str() == "lam-dong"));
        let after = SchoolNames::during(
            &wb,
            jiff::civil::date(2025, 9, 1),
            jiff::civil::date(2025, 9, 1),
        );
        assert!(!after.ids().any(|id| id.as_str() == "binh-thuan"));
        // The old name names the school it merged into.
        assert_eq!(after.find("binh thuan"), Match::Exact(Id::new("lam-dong")));
        assert_eq!(after.find("Lâm Đồng"), Match::Exact(Id::new("lam-dong")));
        // Over the whole year both are there: its own name wins.
        let all = SchoolNames::all(&wb);
        assert_eq!(all.find("Bình Thuận"), Match::Exact(Id::new("binh-thuan")));
    }
}
