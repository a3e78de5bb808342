//! Reading the JSON text of a workbook: one pass that refuses duplicate
//! keys (JSON allows them and serde keeps the last one silently, so a second
//! "self_scores" entry for one criterion would change a score unseen) and
//! reads the keys that say what the file is; then the structure, with
//! serde's English messages said in Vietnamese.

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
            // Our only data error is the duplicate key: its message is the
            // key, followed by serde_json's " at line L column C".
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let key = message
                .strip_suffix(&suffix)
                .unwrap_or(&message)
                .to_string();
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

/// Records `key` for the object whose keys start at `from`; a duplicate is
/// an error naming the key.
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
        return Err(E::custom(key));
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

/// serde's message for a structure error, in Vietnamese. Unknown shapes
/// fall back to a plain sentence rather than English.
pub(super) fn vietnamese(message: &str) -> String {
    let quoted = |s: &str| format!("\u{201c}{s}\u{201d}");
    let between = |s: &str, a: &str, b: &str| -> Option<String> {
        let start = s.find(a)? + a.len();
        let end = s[start..].find(b)? + start;
        Some(s[start..end].to_string())
    };
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "có {} nhưng cần {}",
            describe_found(found),
            describe_expected(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "giá trị {} không hợp lệ (cần {})",
            describe_found(found),
            describe_expected(expected)
        );
    }
    if message.starts_with("missing field") {
        let key = between(message, "`", "`").unwrap_or_default();
        return format!("thiếu khóa {}", quoted(&key));
    }
    if message.starts_with("unknown field") {
        let key = between(message, "`", "`").unwrap_or_default();
        return format!("khóa {} không có trong sổ thi đua", quoted(&key));
    }
    if message.starts_with("unknown variant") {
        let key = between(message, "`", "`").unwrap_or_default();
        return format!("giá trị {} không có trong danh mục cho phép", quoted(&key));
    }
    if message.starts_with("duplicate field") {
        let key = between(message, "`", "`").unwrap_or_default();
        return format!("khóa {} bị lặp", quoted(&key));
    }
    if message.starts_with("invalid length") {
        return "số phần tử không đúng".into();
    }
    if message.contains("date") || message.contains("year") || message.contains("month") {
        return "ngày hoặc giờ không hợp lệ (ngày viết YYYY-MM-DD, giờ viết HH:MM)".into();
    }
    if let Some(found) = message.strip_prefix("expected ") {
        return format!("cần {}", describe_expected(found));
    }
    "giá trị không đọc được".into()
}

fn describe_found(found: &str) -> String {
    // The value sits in backticks (numbers) or quotes (strings).
    let value = found
        .find(['`', '"'])
        .map(|i| found[i..].trim_matches(['`', '"']))
        .unwrap_or("");
    if found.starts_with("floating point") {
        format!("số thập phân {value}")
    } else if found.starts_with("integer") {
        format!("số nguyên {value}")
    } else if found.starts_with("string") {
        format!("chuỗi \u{201c}{value}\u{201d}")
    } else if found.starts_with("boolean") {
        format!("giá trị đúng/sai {value}")
    } else if found.starts_with("map") {
        "một đối tượng {…}".into()
    } else if found.starts_with("sequence") {
        "một danh sách […]".into()
    } else if found.starts_with("null") {
        "null".into()
    } else {
        "một giá trị".into()
    }
}

fn describe_expected(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "i64" => "số nguyên (điểm tính bằng phần trăm điểm: 950 là 9,5 điểm)".into(),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "usize" => {
            "số nguyên trong khoảng cho phép".into()
        }
        "a string" => "một chuỗi".into(),
        "a boolean" => "true hoặc false".into(),
        "a sequence" => "một danh sách […]".into(),
        _ if e.starts_with("struct") || e.starts_with("a map") || e == "map" => {
            "một đối tượng {…}".into()
        }
        _ if e.contains("ratio") || e.contains('%') => {
            "một tỉ lệ như \u{201c}2/3\u{201d} hoặc \u{201c}80%\u{201d}".into()
        }
        _ if e.starts_with("enum") || e.starts_with("variant") || e.starts_with("one of") => {
            "một giá trị trong danh mục cho phép".into()
        }
        "" => "giá trị khác".into(),
        _ => "giá trị khác".into(),
    }
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
