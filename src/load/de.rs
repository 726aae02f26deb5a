//! The YAML tree into the typed model (serde), reporting every structural
//! problem of a file in one run.
//!
//! serde stops at the first error. To go on, each run that fails is
//! repaired where it failed and run again: an unknown key is skipped, a
//! missing field or a value of the wrong type is replaced by a placeholder
//! (the empty value of the type asked for). Each problem is reported once;
//! the paths that were filled in are returned, so later checks stay silent
//! about them and check the rest of the file as written.
//!
//! Scalars are read as YAML 1.2's core schema reads them, with the leniency
//! people expect: a plain `12` is text where text is asked for (kept as
//! typed, "012" stays "012"), an empty value is an empty list or group
//! where one is asked for; but an empty or `~` value where text is needed
//! is a problem, never the letter "~".

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::yaml::{Entry, Node, Value, is_null_text, join, parent};
use crate::diag::{Diagnostic, Pos, did_you_mean, quote};

/// How a line of text that YAML took for a "key: value" pair is reported;
/// the loader adds the line as it should be written.
pub const COLON_TRAP: &str = "dòng văn bản có dấu \": \" bị YAML hiểu nhầm là một trường";

/// Whether `key` looks like a schema key (`title`, `from_plan`) rather than
/// the start of a sentence cut at its colon.
fn key_shaped(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Repairs per file before giving up: each repair fixes one problem.
const MAX_REPAIRS: usize = 200;

/// The typed value (None when the file could not be repaired into one),
/// every problem found, the field paths filled in by placeholders, and the
/// mappings that held an unknown key (what is wrong with them is that key).
pub struct Typed<T> {
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
    pub filled: Vec<String>,
    pub misspelt: Vec<String>,
}

/// Deserialises `root` into `T`, repairing and retrying past each problem.
pub fn from_tree<T: DeserializeOwned>(root: Node) -> Typed<T> {
    let mut r = Repairs {
        root,
        ctx: Ctx::default(),
        filled: Vec::new(),
        problems: Vec::new(),
    };
    for _ in 0..MAX_REPAIRS {
        let result = T::deserialize(De {
            node: &r.root,
            path: String::new(),
            ctx: &r.ctx,
        });
        r.problems.append(&mut r.ctx.unknown.borrow_mut());
        let e = match result {
            Ok(value) => return r.typed(Some(value)),
            Err(e) => e,
        };
        let path = e.path.clone().unwrap_or_default();
        let repaired = match &e.kind {
            Kind::UnknownField { field, expected } => {
                // A key the struct's visitor refused (where its field list
                // could not be known in advance): skip it from now on.
                r.problems.push(e.diagnostic());
                r.ctx.near(&path, field, expected);
                r.ctx.skip.borrow_mut().insert(join(&path, field));
                true
            }
            Kind::MissingField(name) => r.fill_missing(&e, &path, name),
            _ => r.replace_unreadable(&e, path),
        };
        if !repaired {
            break;
        }
    }
    r.typed(None)
}

/// The tree being repaired, and what the repairs found.
struct Repairs {
    root: Node,
    ctx: Ctx,
    /// Field paths filled in by placeholders.
    filled: Vec<String>,
    problems: Vec<Diagnostic>,
}

impl Repairs {
    fn typed<T>(self, value: Option<T>) -> Typed<T> {
        Typed {
            value,
            problems: self.problems,
            filled: self.filled,
            misspelt: self.ctx.misspelt(),
        }
    }

    /// Whether `path` is, or lies under, a field already filled in.
    fn covered(&self, path: &str) -> bool {
        self.filled.iter().any(|f| {
            path == f || path.starts_with(&format!("{f}.")) || path.starts_with(&format!("{f}["))
        })
    }

    /// A missing field: reported (unless a misspelt key already said so),
    /// then added as a placeholder. Whether the tree could be repaired.
    fn fill_missing(&mut self, e: &Error, path: &str, name: &'static str) -> bool {
        let field_path = join(path, name);
        // "titel:" already said what is wrong with a missing "title".
        let misspelt = (self.ctx.near.borrow()).contains(&(path.to_string(), Some(name)));
        if !self.covered(&field_path) && !misspelt {
            let mut d = e.diagnostic();
            d.pos = key_pos(&self.root, path).or(d.pos);
            self.problems.push(d);
        }
        let Some(node) = self.root.get_mut(path) else {
            return false;
        };
        // An empty or unreadable group becomes one to hold the field.
        if node.is_null() || node.value == Value::Placeholder {
            node.value = Value::Map(Vec::new());
        }
        let Node {
            value: Value::Map(entries),
            pos,
        } = node
        else {
            return false;
        };
        let pos = *pos;
        entries.push(Entry {
            key: name.to_string(),
            key_pos: pos,
            value: Node {
                value: Value::Placeholder,
                pos,
            },
        });
        self.filled.push(field_path);
        true
    }

    /// A value that cannot be read: reported, then replaced. The root
    /// itself (not a mapping at all) cannot be repaired.
    fn replace_unreadable(&mut self, e: &Error, path: String) -> bool {
        let already = self.covered(&path);
        if !already {
            self.problems.push(e.diagnostic_for(self.root.get(&path)));
        }
        match self.root.get_mut(&path) {
            Some(node) if !path.is_empty() && !already => node.value = Value::Placeholder,
            _ => return false,
        }
        self.filled.push(path);
        true
    }
}

/// Where the key naming `path` was written (`plan:` for `plan`).
fn key_pos(root: &Node, path: &str) -> Option<Pos> {
    let parent_path = parent(path)?;
    let key = path[parent_path.len()..].trim_start_matches('.');
    match &root.get(parent_path)?.value {
        Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| e.key_pos),
        _ => None,
    }
}

#[derive(Default)]
struct Ctx {
    /// Paths of keys not in the schema, skipped when met again.
    skip: RefCell<HashSet<String>>,
    /// Unknown keys found while reading, reported once each.
    unknown: RefCell<Vec<Diagnostic>>,
    /// Mappings with an unknown key, and the field it was probably meant as.
    near: RefCell<Vec<(String, Option<&'static str>)>>,
}

impl Ctx {
    fn near(&self, map: &str, key: &str, expected: &'static [&'static str]) {
        let meant = did_you_mean(key, expected.iter().copied());
        self.near.borrow_mut().push((map.to_string(), meant));
    }

    fn misspelt(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.near.borrow().iter().map(|(p, _)| p.clone()).collect();
        paths.sort();
        paths.dedup();
        paths
    }
}

/// A problem while reading the tree, located at the node it concerns.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    path: Option<String>,
    pos: Option<Pos>,
}

#[derive(Debug)]
enum Kind {
    Custom(String),
    InvalidType {
        found: String,
        expected: String,
    },
    InvalidValue {
        found: String,
        expected: String,
    },
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    /// Text with ": " in it, read as a one-entry mapping.
    ColonTrap,
}

impl Error {
    fn new(kind: Kind) -> Self {
        Error {
            kind,
            path: None,
            pos: None,
        }
    }

    /// Locates the error at `path`/`pos` unless a deeper node already did.
    fn at(mut self, path: &str, pos: Pos) -> Self {
        if self.path.is_none() {
            self.path = Some(path.to_string());
            self.pos = Some(pos);
        }
        self
    }

    fn diagnostic(&self) -> Diagnostic {
        self.diagnostic_for(None)
    }

    /// The diagnostic, its hint shown on `node`, the value it concerns.
    fn diagnostic_for(&self, node: Option<&Node>) -> Diagnostic {
        let path = self.path.clone().unwrap_or_default();
        let last = path
            .rsplit(['.', '['])
            .next()
            .unwrap_or("")
            .trim_end_matches(']');
        let (message, hint, field) = match &self.kind {
            Kind::ColonTrap => (
                COLON_TRAP.to_string(),
                Some("đặt cả dòng trong ngoặc kép".into()),
                path,
            ),
            Kind::UnknownField { field, .. } if !key_shaped(field) => (
                COLON_TRAP.to_string(),
                Some("đặt cả dòng trong ngoặc kép".into()),
                path,
            ),
            Kind::InvalidType { found, expected }
                if found == EMPTY && expected.contains("string") && !last.is_empty() =>
            {
                (
                    format!("trường `{last}` đang để trống"),
                    Some("điền nội dung, hoặc xóa cả dòng nếu trường này không bắt buộc".into()),
                    path,
                )
            }
            Kind::UnknownField { field, expected } => (
                format!("trường `{}` không có trong mẫu", quote(field)),
                unknown_hint(field, expected, "các trường được phép ở đây"),
                join(&path, field),
            ),
            Kind::MissingField(name) => (
                format!("thiếu trường bắt buộc `{name}`"),
                Some(format!("thêm `{name}:` vào mục này")),
                path,
            ),
            Kind::UnknownVariant { variant, expected } => (
                format!("giá trị `{}` không hợp lệ", quote(variant)),
                unknown_hint(variant, expected, "các giá trị được phép"),
                path,
            ),
            Kind::InvalidType { found, expected } => (
                format!(
                    "sai kiểu dữ liệu: có {found}, cần {}",
                    vi_expected(expected)
                ),
                Some(super::hints::wrong_type(node, expected, last)),
                path,
            ),
            Kind::InvalidValue { found, expected } => (
                format!(
                    "giá trị không hợp lệ: có {found}, cần {}",
                    vi_expected(expected)
                ),
                None,
                path,
            ),
            Kind::Custom(message) => (message.clone(), None, path),
        };
        let mut d = Diagnostic::error(message).at(self.pos);
        if !field.is_empty() {
            d = d.field(field);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    }
}

fn unknown_hint(wrong: &str, expected: &[&str], allowed: &str) -> Option<String> {
    if expected.is_empty() {
        return Some("xóa trường này".into());
    }
    Some(match did_you_mean(wrong, expected.iter().copied()) {
        Some(s) => format!(
            "có phải ý bạn là `{s}`? {}: {}",
            capitalise(allowed),
            expected.join(", ")
        ),
        None => format!("{allowed}: {}", expected.join(", ")),
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic().message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(Kind::Custom(msg.to_string()))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::InvalidType {
            found: vi_found(&unexp),
            expected: exp.to_string(),
        })
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::InvalidValue {
            found: vi_found(&unexp),
            expected: exp.to_string(),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(Kind::UnknownVariant {
            variant: variant.to_string(),
            expected,
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(Kind::UnknownField {
            field: field.to_string(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(Kind::MissingField(field))
    }
}

const EMPTY: &str = "giá trị trống";

fn vi_found(unexp: &de::Unexpected<'_>) -> String {
    use de::Unexpected::*;
    match unexp {
        Bool(b) => format!("giá trị {b}"),
        Unsigned(n) => format!("số {n}"),
        Signed(n) => format!("số {n}"),
        Float(f) => format!("số {f}"),
        Char(c) => format!("ký tự `{c}`"),
        Str(s) => format!("văn bản `{}`", quote(s)),
        Unit => EMPTY.into(),
        Seq => "một danh sách".into(),
        Map => "một nhóm trường".into(),
        other => other.to_string(),
    }
}

fn vi_expected(expected: &str) -> String {
    match expected.trim() {
        "a string" => "văn bản".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "số nguyên không âm".into(),
        "i32" | "i64" => "số nguyên".into(),
        "f64" | "f32" => "một số".into(),
        "a boolean" => "true hoặc false".into(),
        "a sequence" => "một danh sách (các dòng bắt đầu bằng \"- \")".into(),
        "a map" => "một nhóm trường".into(),
        e if e.starts_with("struct ") => "một nhóm trường (khóa: giá trị)".into(),
        e if e.starts_with("enum ") || e.contains("variant") => {
            "một trong các giá trị cho phép".into()
        }
        e => e.into(),
    }
}

/// What a plain scalar means under YAML 1.2's core schema.
enum Plain<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(&'a str),
}

fn resolve(text: &str) -> Plain<'_> {
    if is_null_text(text) {
        return Plain::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Plain::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).map_or(Plain::Text(text), Plain::Unsigned);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).map_or(Plain::Text(text), Plain::Unsigned);
    }
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.trim_start_matches('+').parse::<u64>() {
            return Plain::Unsigned(n);
        }
        if let Ok(n) = text.parse::<i64>() {
            return Plain::Signed(n);
        }
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if float_like && let Ok(f) = text.parse::<f64>() {
        return Plain::Float(f);
    }
    Plain::Text(text)
}

/// Reads one node; its path names it in errors and repairs.
struct De<'a> {
    node: &'a Node,
    path: String,
    ctx: &'a Ctx,
}

impl<'a> De<'a> {
    fn child(&self, node: &'a Node, path: String) -> De<'a> {
        De {
            node,
            path,
            ctx: self.ctx,
        }
    }

    fn locate<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        r.map_err(|e| e.at(&self.path, self.node.pos))
    }

    fn invalid(&self, exp: &dyn de::Expected) -> Error {
        if let Value::Map(entries) = &self.node.value
            && entries.len() == 1
            && !key_shaped(&entries[0].key)
        {
            return Error::new(Kind::ColonTrap);
        }
        let unexp = match &self.node.value {
            Value::Scalar { text, plain: true } => match resolve(text) {
                Plain::Null => de::Unexpected::Unit,
                Plain::Bool(b) => de::Unexpected::Bool(b),
                Plain::Unsigned(n) => de::Unexpected::Unsigned(n),
                Plain::Signed(n) => de::Unexpected::Signed(n),
                Plain::Float(f) => de::Unexpected::Float(f),
                Plain::Text(t) => de::Unexpected::Str(t),
            },
            Value::Scalar { text, .. } => de::Unexpected::Str(text),
            Value::Seq(_) => de::Unexpected::Seq,
            Value::Map(_) => de::Unexpected::Map,
            Value::Placeholder => de::Unexpected::Unit,
        };
        de::Error::invalid_type(unexp, exp)
    }

    fn map<V: Visitor<'a>>(
        &self,
        visitor: V,
        fields: Option<&'static [&'static str]>,
    ) -> Result<V::Value, Error> {
        static EMPTY: Vec<Entry> = Vec::new();
        let entries = match &self.node.value {
            Value::Map(entries) => entries.as_slice(),
            _ if self.node.is_null() => EMPTY.as_slice(),
            Value::Placeholder => EMPTY.as_slice(),
            _ => return Err(self.invalid(&visitor)),
        };
        visitor.visit_map(Entries {
            entries,
            next: 0,
            value: None,
            fields,
            de: self,
        })
    }

    fn seq<V: Visitor<'a>>(&self, visitor: V) -> Result<V::Value, Error> {
        static EMPTY: Vec<Node> = Vec::new();
        let items = match &self.node.value {
            Value::Seq(items) => items.as_slice(),
            _ if self.node.is_null() => EMPTY.as_slice(),
            Value::Placeholder => EMPTY.as_slice(),
            _ => return Err(self.invalid(&visitor)),
        };
        visitor.visit_seq(Items {
            items,
            next: 0,
            de: self,
        })
    }

    fn plain_number<V: Visitor<'a>>(&self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.value {
            Value::Placeholder => visitor.visit_u64(0),
            Value::Scalar { text, plain: true } => match resolve(text) {
                Plain::Unsigned(n) => visitor.visit_u64(n),
                Plain::Signed(n) => visitor.visit_i64(n),
                Plain::Float(f) => visitor.visit_f64(f),
                _ => Err(self.invalid(&visitor)),
            },
            _ => Err(self.invalid(&visitor)),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let r = self.plain_number(visitor);
            self.locate(r)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for De<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = match &self.node.value {
            Value::Placeholder => visitor.visit_str(""),
            Value::Seq(_) => self.seq(visitor),
            Value::Map(_) => self.map(visitor, None),
            Value::Scalar { text, plain: false } => visitor.visit_str(text),
            Value::Scalar { text, plain: true } => match resolve(text) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Unsigned(n) => visitor.visit_u64(n),
                Plain::Signed(n) => visitor.visit_i64(n),
                Plain::Float(f) => visitor.visit_f64(f),
                Plain::Text(t) => visitor.visit_str(t),
            },
        };
        self.locate(r)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = match &self.node.value {
            Value::Placeholder => visitor.visit_str(""),
            // An empty value where text is needed is a mistake, never "~".
            _ if self.node.is_null() => Err(self.invalid(&visitor)),
            Value::Scalar { text, .. } => visitor.visit_str(text),
            _ => Err(self.invalid(&visitor)),
        };
        self.locate(r)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = match &self.node.value {
            Value::Placeholder => visitor.visit_bool(false),
            Value::Scalar { text, plain: true } => match resolve(text) {
                Plain::Bool(b) => visitor.visit_bool(b),
                _ => Err(self.invalid(&visitor)),
            },
            _ => Err(self.invalid(&visitor)),
        };
        self.locate(r)
    }

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // A placeholder stands for a value that was there: Some(empty), so
        // the field's absence is not reported on top of its problem.
        if self.node.is_null() {
            return visitor.visit_none();
        }
        let pos = self.node.pos;
        let path = self.path.clone();
        visitor.visit_some(self).map_err(|e| e.at(&path, pos))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = if self.node.is_null() || self.node.value == Value::Placeholder {
            visitor.visit_unit()
        } else {
            Err(self.invalid(&visitor))
        };
        self.locate(r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        // A type that asks for it gets its scalar as typed, plain or quoted
        // (table cells, amounts: "1.250" is not YAML's 1.25).
        if name == crate::model::table::VERBATIM {
            return match &self.node.value {
                Value::Scalar { text, .. } if !self.node.is_null() => {
                    let r = visitor.visit_str(text);
                    self.locate(r)
                }
                _ => self.deserialize_any(visitor),
            };
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = self.seq(visitor);
        self.locate(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = self.map(visitor, None);
        self.locate(r)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let r = self.map(visitor, Some(fields));
        self.locate(r)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let r = match &self.node.value {
            // A placeholder takes the first variant, so checking goes on.
            Value::Placeholder => match variants.first() {
                Some(v) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(*v)),
                None => Err(self.invalid(&visitor)),
            },
            _ if self.node.is_null() => Err(self.invalid(&visitor)),
            Value::Scalar { text, .. } => {
                visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(text.as_str()))
            }
            _ => Err(self.invalid(&visitor)),
        };
        self.locate(r)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        Err(self.invalid(&visitor))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        Err(self.invalid(&visitor))
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }
}

/// The entries of a mapping. With the struct's field list known, keys not
/// in it are reported and skipped here, so the visitor never stops on them.
struct Entries<'a, 'b> {
    entries: &'a [Entry],
    next: usize,
    value: Option<&'a Entry>,
    fields: Option<&'static [&'static str]>,
    de: &'b De<'a>,
}

impl Entries<'_, '_> {
    /// `{ score: 78,5 }`: in braces a comma parts fields, so a decimal
    /// comma leaves `score: 78` and a key `5` with no value.
    fn decimal_comma(&self, entry: &Entry) -> Option<Diagnostic> {
        let fraction = &entry.key;
        let before = self.entries.get(self.next.checked_sub(2)?)?;
        let Value::Scalar {
            text: whole,
            plain: true,
        } = &before.value.value
        else {
            return None;
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !(digits(fraction) && digits(whole) && entry.value.is_null()) {
            return None;
        }
        let field = join(&self.de.path, &before.key);
        Some(
            Diagnostic::error(format!(
                "số thập phân `{whole},{fraction}` viết bằng dấu phẩy: trong dấu {{ }} dấu phẩy ngăn cách các trường, nên YAML đọc thành `{}: {whole}` và một trường `{fraction}`",
                before.key
            ))
            .at(Some(before.value.pos))
            .field(field)
            .hint(format!(
                "số thập phân trong YAML dùng dấu chấm: `{}: {whole}.{fraction}` (văn bản vẫn in dấu phẩy)",
                before.key
            )),
        )
    }
}

impl<'a> MapAccess<'a> for Entries<'a, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        loop {
            let Some(entry) = self.entries.get(self.next) else {
                return Ok(None);
            };
            self.next += 1;
            let path = join(&self.de.path, &entry.key);
            if self.de.ctx.skip.borrow().contains(&path) {
                continue;
            }
            if let Some(fields) = self.fields
                && !fields.contains(&entry.key.as_str())
            {
                let e = Error::new(Kind::UnknownField {
                    field: entry.key.clone(),
                    expected: fields,
                })
                .at(&self.de.path, entry.key_pos);
                let d = match self.decimal_comma(entry) {
                    Some(d) => d,
                    None => e.diagnostic(),
                };
                self.de.ctx.unknown.borrow_mut().push(d);
                self.de.ctx.near(&self.de.path, &entry.key, fields);
                self.de.ctx.skip.borrow_mut().insert(path);
                continue;
            }
            self.value = Some(entry);
            let key = KeyDe(&entry.key);
            return seed
                .deserialize(key)
                .map(Some)
                .map_err(|e| e.at(&self.de.path, entry.key_pos));
        }
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let entry = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("giá trị không có khóa"))?;
        seed.deserialize(self.de.child(&entry.value, join(&self.de.path, &entry.key)))
    }
}

struct Items<'a, 'b> {
    items: &'a [Node],
    next: usize,
    de: &'b De<'a>,
}

impl<'a> SeqAccess<'a> for Items<'a, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.get(self.next) else {
            return Ok(None);
        };
        let path = super::yaml::index(&self.de.path, self.next);
        self.next += 1;
        seed.deserialize(self.de.child(item, path)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

/// A mapping key, always read as text.
struct KeyDe<'a>(&'a str);

impl<'de> de::Deserializer<'de> for KeyDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: String,
        count: Option<u8>,
        #[serde(default)]
        items: Vec<Item>,
        kind: Option<Shape>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        name: String,
        score: f64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Round,
        Square,
    }

    fn read(text: &str) -> Typed<Doc> {
        from_tree(yaml::parse(text).unwrap().root.unwrap())
    }

    #[test]
    fn reads_as_typed() {
        let t = read("title: 012\ncount: 5\nitems:\n  - name: A\n    score: 78.5\nkind: round\n");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let doc = t.value.unwrap();
        // A number where text is asked for stays as typed.
        assert_eq!(doc.title, "012");
        assert_eq!(doc.count, Some(5));
        assert_eq!(doc.items[0].score, 78.5);
        assert_eq!(doc.kind, Some(Shape::Round));
    }

    #[test]
    fn every_problem_is_reported_and_the_rest_still_read() {
        let t = read(
            "titel: x\ncount: nhiều\nitems:\n  - name: A\n    score: cao\n  - nam: B\n    score: 1\nkind: oval\n",
        );
        let messages: Vec<String> = t
            .problems
            .iter()
            .map(|d| format!("{} @{}", d.message, d.field.clone().unwrap_or_default()))
            .collect();
        // "titel" and "nam" already explain why "title" and "name" are missing.
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(!messages.iter().any(|m| m.contains("thiếu trường")));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`titel`") && m.contains("@titel"))
        );
        assert!(messages.iter().any(|m| m.contains("@count")));
        assert!(messages.iter().any(|m| m.contains("@items[0].score")));
        assert!(messages.iter().any(|m| m.contains("`nam`")));
        assert!(messages.iter().any(|m| m.contains("`oval`")));
        let doc = t.value.unwrap();
        assert_eq!(doc.items.len(), 2, "no list item is dropped");
        assert!(t.filled.contains(&"items[0].score".to_string()));
    }

    #[test]
    fn a_field_really_missing_is_reported_at_its_group() {
        let t = read("count: 1\nitems:\n  - score: 2\n");
        let messages: Vec<(String, usize)> = t
            .problems
            .iter()
            .map(|d| (d.message.clone(), d.pos.unwrap().line))
            .collect();
        assert_eq!(
            messages,
            [
                ("thiếu trường bắt buộc `name`".to_string(), 3),
                ("thiếu trường bắt buộc `title`".to_string(), 1)
            ]
        );
    }

    #[test]
    fn an_empty_value_is_never_text() {
        let t = read("title: ~\n");
        assert_eq!(t.problems.len(), 1);
        assert!(
            t.problems[0].message.contains("`title` đang để trống"),
            "{:?}",
            t.problems
        );
        let t = read("title: ''\n");
        assert!(t.problems.is_empty());
    }

    #[test]
    fn a_non_mapping_file_is_refused_once() {
        let t: Typed<Doc> = from_tree(yaml::parse("- a\n- b\n").unwrap().root.unwrap());
        assert!(t.value.is_none());
        assert_eq!(t.problems.len(), 1);
    }
}
