//! Reading the JSON text of a workbook: one pass that refuses duplicate
//! keys (JSON allows them and serde keeps the last one silently, so a second
//! "self_scores" entry for one criterion would change a score unseen) and
//! reads the keys that say what the file is. (What is wrong with the
//! structure is told by `structure`.)

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// The keys that say what a file is, read in the duplicate-key pass.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub format: Option<Value>,
    pub version: Option<Value>,
}

/// A duplicate key found, with the key and where.
#[derive(Debug)]
pub(super) struct Duplicate {
    pub key: String,
    pub line: usize,
    pub column: usize,
}

/// Scans the whole text once: syntax errors come back as serde_json's
/// error; a duplicate key as [`Duplicate`].
pub(super) fn scan(text: &str) -> Result<Header, Result<Duplicate, serde_json::Error>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut keys = Vec::new();
    let mut header = Header::default();
    let seed = Top {
        keys: &mut keys,
        header: &mut header,
    };
    match seed.deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => Ok(header),
        Err(e) if e.is_data() => {
            // Our only data error is the duplicate key, kept aside by
            // `record` (serde_json's error carries only a message).
            let key = DUPLICATE
                .with(|d| d.borrow_mut().take())
                .unwrap_or_default();
            Err(Ok(Duplicate {
                key,
                line: e.line(),
                column: e.column(),
            }))
        }
        Err(e) => Err(Err(e)),
    }
}

/// A key, borrowed from the text unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Keys of the objects being read, as a stack: each object's keys sit
/// above its parent's, so one vector serves the whole file.
type Keys<'de> = Vec<Cow<'de, str>>;

thread_local! {
    /// The duplicate key `record` found, for `scan` to name.
    static DUPLICATE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Records `key` for the object whose keys start at `from`; a duplicate is
/// an error, the key kept in [`DUPLICATE`].
fn record<'de, E: de::Error>(
    keys: &mut Keys<'de>,
    from: usize,
    key: Cow<'de, str>,
) -> Result<(), E> {
    let mine = &keys[from..];
    // Objects are small except the score maps; a linear scan is fastest
    // below a few dozen keys, a sorted copy beyond.
    let seen = if mine.len() < 48 {
        mine.contains(&key)
    } else {
        mine.binary_search(&key).is_ok()
    };
    if seen {
        DUPLICATE.with(|d| *d.borrow_mut() = Some(key.to_string()));
        return Err(E::custom("duplicate key"));
    }
    if mine.len() >= 48 {
        let at = from + mine.binary_search(&key).unwrap_or_else(|i| i);
        keys.insert(at, key);
    } else {
        keys.push(key);
        if keys.len() - from == 48 {
            keys[from..].sort_unstable();
        }
    }
    Ok(())
}

/// Scalars carry no keys: nothing to check.
macro_rules! scalars {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    };
}

/// The top-level object: any value below it checked by [`Any`].
struct Top<'a, 'de> {
    keys: &'a mut Keys<'de>,
    header: &'a mut Header,
}

impl<'de> DeserializeSeed<'de> for Top<'_, 'de> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let from = self.keys.len();
        while let Some(Key(key)) = map.next_key()? {
            let which = match key.as_ref() {
                "format" => Some(true),
                "version" => Some(false),
                _ => None,
            };
            record(self.keys, from, key)?;
            match which {
                Some(true) => self.header.format = Some(map.next_value()?),
                Some(false) => self.header.version = Some(map.next_value()?),
                None => map.next_value_seed(Any {
                    keys: &mut *self.keys,
                })?,
            }
        }
        self.keys.truncate(from);
        Ok(())
    }
    // Another shape at the top (an array, a number) is read through, so a
    // syntax error is still told from another program's JSON.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Any { keys: self.keys }.visit_seq(seq)
    }
    scalars!();
}

/// Any value: objects checked for duplicate keys, recursively.
struct Any<'a, 'de> {
    keys: &'a mut Keys<'de>,
}

impl<'de> DeserializeSeed<'de> for Any<'_, 'de> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Any<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let from = self.keys.len();
        while let Some(Key(key)) = map.next_key()? {
            record(self.keys, from, key)?;
            map.next_value_seed(Any {
                keys: &mut *self.keys,
            })?;
        }
        self.keys.truncate(from);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Any {
                keys: &mut *self.keys,
            })?
            .is_some()
        {}
        Ok(())
    }
    scalars!();
}

/// An older file brought up to date. Version 1 → 2: a tie-break by ballot
/// votes names its award (version 1 broke ties with whichever ballot came
/// first among the awards, flag first; the nearest explicit rule is the
/// flag's ballot: the first flag award, else the first award). Version
/// 2 → 3 only adds fields that default to empty.
pub(super) fn migrate(mut value: Value) -> Value {
    let awards = value
        .pointer("/rules/awards")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let flag = awards
        .iter()
        .find(|a| a.get("level").and_then(Value::as_str) == Some("flag"))
        .or_else(|| awards.first())
        .and_then(|a| a.get("id").cloned());
    if let Some(steps) = value
        .pointer_mut("/rules/tie_break")
        .and_then(Value::as_array_mut)
    {
        steps.retain_mut(|step| {
            if step.as_str() != Some("ballot_votes") {
                return true;
            }
            match &flag {
                Some(id) => {
                    *step = serde_json::json!({ "ballot_votes": id });
                    true
                }
                // No award at all: there is no ballot to break a tie.
                None => false,
            }
        });
    }
    if let Some(v) = value.get_mut("version") {
        *v = Value::from(super::super::FORMAT_VERSION);
    }
    value
}
