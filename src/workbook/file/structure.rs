//! What is wrong with a workbook's structure, identified by our own
//! reading, never by serde's English: serde_json's error tells only its
//! category (syntax, data, end of file), so the finer kind — a missing key,
//! a value of the wrong type, an unknown variant — is caught where serde
//! raises it, through [`Typed`], a deserialiser adapter whose error type is
//! ours: the derived code calls `missing_field("x")`, `invalid_type(…)` on
//! it with the facts, and what the place wants is the deserialiser method
//! it asked for. The words are written only in [`Wrong`]'s `Display`.
//!
//! Only the error path uses it (a file that failed to load is read again
//! to say why), so it may be slow.

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;

/// What a place in the file wants: the kind of value its type asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wanted {
    /// Points, in hundredths (the only `i64` of the format).
    Points,
    /// Any other whole number (a year, a count, a version).
    Integer,
    Text,
    Bool,
    List,
    Object,
    /// One of the names an enumeration allows.
    Variant,
    /// A date, a time, or something else.
    Other,
}

/// What the file has at that place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Found {
    /// A whole number, as written.
    Integer(String),
    /// A number with a fraction or an exponent, as serde_json writes it.
    Float(String),
    Text(String),
    Bool(bool),
    Null,
    Object,
    List,
    Other,
}

/// How a workbook's structure is wrong at one place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Wrong {
    /// A value of another type.
    Type {
        found: Found,
        wanted: Wanted,
    },
    /// A value of the right type that the place does not take (a negative
    /// count, a year beyond its type).
    Value {
        found: Found,
        wanted: Wanted,
    },
    MissingKey(String),
    UnknownKey(String),
    UnknownVariant(String),
    DuplicateKey(String),
    /// A list with the wrong number of elements.
    Length,
    /// A date that does not parse.
    Date,
    /// A value its type refused for its own reason (a ratio, a time).
    Unreadable,
    /// A token the structure does not take there.
    NotExpected,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Integer(n) => write!(f, "số nguyên {n}"),
            Found::Float(n) => write!(f, "số thập phân {n}"),
            // Escaped as Rust writes a string (a tab as \t), so a line
            // break or a control character in the file stays visible and
            // the message one line.
            Found::Text(s) => {
                let escaped = format!("{s:?}");
                let inside = &escaped[1..escaped.len() - 1];
                write!(f, "chuỗi \u{201c}{inside}\u{201d}")
            }
            Found::Bool(b) => write!(f, "giá trị đúng/sai {b}"),
            Found::Null => f.write_str("null"),
            Found::Object => f.write_str("một đối tượng {…}"),
            Found::List => f.write_str("một danh sách […]"),
            Found::Other => f.write_str("một giá trị"),
        }
    }
}

impl fmt::Display for Wanted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Wanted::Points => "số nguyên (điểm tính bằng phần trăm điểm: 950 là 9,5 điểm)",
            Wanted::Integer => "số nguyên trong khoảng cho phép",
            Wanted::Text => "một chuỗi",
            Wanted::Bool => "true hoặc false",
            Wanted::List => "một danh sách […]",
            Wanted::Object => "một đối tượng {…}",
            Wanted::Variant => "một giá trị trong danh mục cho phép",
            Wanted::Other => "giá trị khác",
        })
    }
}

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| format!("\u{201c}{s}\u{201d}");
        match self {
            Wrong::Type { found, wanted } => write!(f, "có {found} nhưng cần {wanted}"),
            Wrong::Value { found, wanted } => {
                write!(f, "giá trị {found} không hợp lệ (cần {wanted})")
            }
            Wrong::MissingKey(k) => write!(f, "thiếu khóa {}", q(k)),
            Wrong::UnknownKey(k) => write!(f, "khóa {} không có trong sổ thi đua", q(k)),
            Wrong::UnknownVariant(k) => {
                write!(f, "giá trị {} không có trong danh mục cho phép", q(k))
            }
            Wrong::DuplicateKey(k) => write!(f, "khóa {} bị lặp", q(k)),
            Wrong::Length => f.write_str("số phần tử không đúng"),
            Wrong::Date => {
                f.write_str("ngày hoặc giờ không hợp lệ (ngày viết YYYY-MM-DD, giờ viết HH:MM)")
            }
            Wrong::Unreadable => f.write_str("giá trị không đọc được"),
            Wrong::NotExpected => f.write_str("cần giá trị khác"),
        }
    }
}

/// Says how the structure of `text` is wrong, at `path` (serde_path_to_
/// error's, from the pass that failed), given that pass's category. The
/// file is read again through [`Typed`]; the same reading meets the same
/// first error.
pub(super) fn identify(
    text: &str,
    path: &serde_path_to_error::Path,
    category: serde_json::error::Category,
) -> Wrong {
    STASH.with(|s| s.borrow_mut().take());
    let mut de = serde_json::Deserializer::from_str(text);
    let raised = match <super::Workbook as de::Deserialize>::deserialize(Typed(&mut de)) {
        Ok(_) => return Wrong::Unreadable,
        Err(Raised(r)) => r,
    };
    let at = || found_at(text, path);
    match raised {
        Raw::Type { found, wanted } => Wrong::Type {
            found: found.unwrap_or_else(at),
            wanted: wanted.unwrap_or(Wanted::Other),
        },
        Raw::Value { found, wanted } => Wrong::Value {
            found: found.unwrap_or_else(at),
            wanted: wanted.unwrap_or(Wanted::Other),
        },
        Raw::Placed(w) => w,
        Raw::Custom => Wrong::Unreadable,
        // serde_json refused by itself, asked for `wanted`: a value of
        // another type (data), or a token that ends a list or object
        // too late (syntax).
        Raw::Json(Ctx::Value(wanted)) => match category {
            serde_json::error::Category::Data => Wrong::Type {
                found: at(),
                wanted,
            },
            _ => Wrong::Unreadable,
        },
        Raw::Json(Ctx::Enum | Ctx::Access) => Wrong::NotExpected,
        // A variant with a value where it takes none.
        Raw::Json(Ctx::UnitVariant) => Wrong::Type {
            found: at(),
            wanted: Wanted::Other,
        },
        // A bare name where the variant takes a value.
        Raw::Json(Ctx::VariantValue) => Wrong::Type {
            found: Found::Other,
            wanted: Wanted::Other,
        },
    }
}

/// The value at `path` in the file, as found.
fn found_at(text: &str, path: &serde_path_to_error::Path) -> Found {
    use serde_path_to_error::Segment;
    let Ok(root) = serde_json::from_str::<Value>(text) else {
        return Found::Other;
    };
    let mut v = &root;
    for seg in path.iter() {
        let next = match seg {
            Segment::Seq { index } => v.get(*index),
            Segment::Map { key } => v.get(key.as_str()),
            Segment::Enum { variant } => match v.get(variant.as_str()) {
                Some(inner) => Some(inner),
                // A bare name: the value is the name itself.
                None => Some(v),
            },
            Segment::Unknown => None,
        };
        match next {
            Some(n) => v = n,
            None => return Found::Other,
        }
    }
    match v {
        Value::Null => Found::Null,
        Value::Bool(b) => Found::Bool(*b),
        Value::Number(n) if n.is_f64() => Found::Float(n.to_string()),
        Value::Number(n) => Found::Integer(n.to_string()),
        Value::String(s) => Found::Text(s.clone()),
        Value::Array(_) => Found::List,
        Value::Object(_) => Found::Object,
    }
}

fn found(u: Unexpected<'_>) -> Option<Found> {
    Some(match u {
        Unexpected::Bool(b) => Found::Bool(b),
        Unexpected::Unsigned(n) => Found::Integer(n.to_string()),
        Unexpected::Signed(n) => Found::Integer(n.to_string()),
        Unexpected::Float(x) => Found::Float(
            serde_json::Number::from_f64(x).map_or_else(|| x.to_string(), |n| n.to_string()),
        ),
        Unexpected::Str(s) => Found::Text(s.to_string()),
        Unexpected::Unit => Found::Null,
        Unexpected::Seq => Found::List,
        Unexpected::Map => Found::Object,
        _ => return None,
    })
}

/// Where serde_json refused by itself, when it did.
#[derive(Debug, Clone, Copy)]
enum Ctx {
    /// Asked for a value of this kind.
    Value(Wanted),
    /// Asked for an enumeration.
    Enum,
    /// Reading the next key, value or element.
    Access,
    /// A variant without a value.
    UnitVariant,
    /// A variant with a value.
    VariantValue,
}

/// An error on its way up, before the top resolves it.
#[derive(Debug)]
enum Raw {
    Type {
        found: Option<Found>,
        wanted: Option<Wanted>,
    },
    Value {
        found: Option<Found>,
        wanted: Option<Wanted>,
    },
    /// Identified where raised.
    Placed(Wrong),
    /// A type's own reason, not yet placed (see [`Wrap`]).
    Custom,
    /// serde_json's own refusal.
    Json(Ctx),
}

/// Our deserialiser error: what serde's derived code says, as data.
#[derive(Debug)]
pub(super) struct Raised(Raw);

impl fmt::Display for Raised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for Raised {}

impl de::Error for Raised {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Raised(Raw::Custom)
    }
    fn invalid_type(u: Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Raised(Raw::Type {
            found: found(u),
            wanted: None,
        })
    }
    fn invalid_value(u: Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Raised(Raw::Value {
            found: found(u),
            wanted: None,
        })
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Raised(Raw::Placed(Wrong::Length))
    }
    fn unknown_variant(variant: &str, _: &'static [&'static str]) -> Self {
        Raised(Raw::Placed(Wrong::UnknownVariant(variant.to_string())))
    }
    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        Raised(Raw::Placed(Wrong::UnknownKey(field.to_string())))
    }
    fn missing_field(field: &'static str) -> Self {
        Raised(Raw::Placed(Wrong::MissingKey(field.to_string())))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Raised(Raw::Placed(Wrong::DuplicateKey(field.to_string())))
    }
}

impl Raised {
    /// Fills in what the place wanted, and what a type's own reason was,
    /// where the visitor that raised it is known.
    fn placed(self, wanted: Wanted, date: bool) -> Raised {
        Raised(match self.0 {
            Raw::Type { found, wanted: w } => Raw::Type {
                found,
                wanted: w.or(Some(wanted)),
            },
            Raw::Value { found, wanted: w } => Raw::Value {
                found,
                wanted: w.or(Some(wanted)),
            },
            Raw::Custom if date => Raw::Placed(Wrong::Date),
            Raw::Custom => Raw::Placed(Wrong::Unreadable),
            other => other,
        })
    }
}

thread_local! {
    /// Our error while it crosses serde_json, whose error type carries
    /// only a message: set where it leaves our code, taken where it comes
    /// back.
    static STASH: RefCell<Option<Raised>> = const { RefCell::new(None) };
}

fn out<E: de::Error>(r: Raised) -> E {
    STASH.with(|s| *s.borrow_mut() = Some(r));
    E::custom("thidua: structure")
}

fn back<E>(_: E, ctx: Ctx) -> Raised {
    STASH
        .with(|s| s.borrow_mut().take())
        .unwrap_or(Raised(Raw::Json(ctx)))
}

/// A deserialiser whose errors are [`Raised`].
pub(super) struct Typed<D>(pub D);

macro_rules! typed {
    ($($method:ident ( $($arg:ident : $ty:ty),* ) => $wanted:expr;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Raised> {
                self.0
                    .$method($($arg,)* Wrap::new(visitor, $wanted))
                    .map_err(|e| back(e, Ctx::Value($wanted)))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Typed<D> {
    type Error = Raised;

    typed! {
        deserialize_any() => Wanted::Other;
        deserialize_bool() => Wanted::Bool;
        deserialize_i8() => Wanted::Integer;
        deserialize_i16() => Wanted::Integer;
        deserialize_i32() => Wanted::Integer;
        deserialize_i64() => Wanted::Points;
        deserialize_i128() => Wanted::Other;
        deserialize_u8() => Wanted::Integer;
        deserialize_u16() => Wanted::Integer;
        deserialize_u32() => Wanted::Integer;
        deserialize_u64() => Wanted::Integer;
        deserialize_u128() => Wanted::Other;
        deserialize_f32() => Wanted::Other;
        deserialize_f64() => Wanted::Other;
        deserialize_char() => Wanted::Other;
        deserialize_str() => Wanted::Other;
        deserialize_string() => Wanted::Text;
        deserialize_bytes() => Wanted::Other;
        deserialize_byte_buf() => Wanted::Other;
        deserialize_option() => Wanted::Other;
        deserialize_unit() => Wanted::Other;
        deserialize_unit_struct(name: &'static str) => Wanted::Other;
        deserialize_newtype_struct(name: &'static str) => Wanted::Other;
        deserialize_seq() => Wanted::List;
        deserialize_tuple(len: usize) => Wanted::Other;
        deserialize_tuple_struct(name: &'static str, len: usize) => Wanted::Other;
        deserialize_map() => Wanted::Object;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) => Wanted::Object;
        deserialize_identifier() => Wanted::Other;
        deserialize_ignored_any() => Wanted::Other;
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Raised> {
        self.0
            .deserialize_enum(name, variants, Wrap::new(visitor, Wanted::Variant))
            .map_err(|e| back(e, Ctx::Enum))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose inner visitor sees our deserialisers and raises our
/// errors.
struct Wrap<V> {
    inner: V,
    wanted: Wanted,
}

impl<'de, V: Visitor<'de>> Wrap<V> {
    fn new(inner: V, wanted: Wanted) -> Self {
        Wrap { inner, wanted }
    }
}

/// Is `T` a date? A date's own reason ("not a date") is then said as one.
fn is_date<T>() -> bool {
    std::any::type_name::<T>() == std::any::type_name::<jiff::civil::Date>()
}

macro_rules! scalars {
    ($($method:ident ( $ty:ty );)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                let wanted = self.wanted;
                self.inner
                    .$method::<Raised>(v)
                    .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.inner.expecting(f)
    }

    scalars! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_str(&str);
        visit_borrowed_str(&'de str);
        visit_string(String);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        let wanted = self.wanted;
        self.inner
            .visit_none::<Raised>()
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        let wanted = self.wanted;
        self.inner
            .visit_unit::<Raised>()
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        let wanted = self.wanted;
        self.inner
            .visit_some(Typed(d))
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        let wanted = self.wanted;
        self.inner
            .visit_newtype_struct(Typed(d))
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let wanted = self.wanted;
        self.inner
            .visit_seq(TypedSeq(seq))
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let wanted = self.wanted;
        self.inner
            .visit_map(TypedMap(map))
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        let wanted = self.wanted;
        self.inner
            .visit_enum(TypedEnum(data))
            .map_err(|r| out(r.placed(wanted, is_date::<V::Value>())))
    }
}

/// A seed given our deserialiser; a type's own reason raised outside any
/// visitor (a ratio that does not parse) is placed here.
struct TypedSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for TypedSeed<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0
            .deserialize(Typed(d))
            .map_err(|r| out(r.placed(Wanted::Other, is_date::<S::Value>())))
    }
}

struct TypedSeq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for TypedSeq<A> {
    type Error = Raised;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Raised> {
        self.0
            .next_element_seed(TypedSeed(seed))
            .map_err(|e| back(e, Ctx::Access))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct TypedMap<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TypedMap<A> {
    type Error = Raised;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Raised> {
        self.0
            .next_key_seed(TypedSeed(seed))
            .map_err(|e| back(e, Ctx::Access))
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Raised> {
        self.0
            .next_value_seed(TypedSeed(seed))
            .map_err(|e| back(e, Ctx::Access))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct TypedEnum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for TypedEnum<A> {
    type Error = Raised;
    type Variant = TypedVariant<A::Variant>;
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Raised> {
        self.0
            .variant_seed(TypedSeed(seed))
            .map(|(v, a)| (v, TypedVariant(a)))
            .map_err(|e| back(e, Ctx::Enum))
    }
}

struct TypedVariant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for TypedVariant<A> {
    type Error = Raised;
    fn unit_variant(self) -> Result<(), Raised> {
        self.0.unit_variant().map_err(|e| back(e, Ctx::UnitVariant))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Raised> {
        self.0
            .newtype_variant_seed(TypedSeed(seed))
            .map_err(|e| back(e, Ctx::VariantValue))
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Raised> {
        self.0
            .tuple_variant(len, Wrap::new(visitor, Wanted::Other))
            .map_err(|e| back(e, Ctx::VariantValue))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Raised> {
        self.0
            .struct_variant(fields, Wrap::new(visitor, Wanted::Object))
            .map_err(|e| back(e, Ctx::VariantValue))
    }
}
