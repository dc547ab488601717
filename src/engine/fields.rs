//! The config's one source of truth: each config object is a table of
//! [`Field`]s (name, type, required, default, allowed values, one-line
//! doc). The decoder's checks ([`Checker::fields`]), the JSON Schema
//! (`schema.rs`) and the README's field reference (`reference.rs`) are all
//! read from these tables (`tables.rs`).
//!
//! Docs and defaults are only kept where something prints them (native
//! builds: tests, schema and README generation); in the visitor's wasm the
//! [`doc_text!`] macro leaves them empty, so they cost no bytes there.

use super::json::Value;
use super::validate::{join, one_of, Checker};

/// A one-line doc: the text natively, nothing at all in the visitor's wasm
/// (a zero-sized `()`), where nothing prints it.
#[cfg(not(target_arch = "wasm32"))]
pub type Doc = &'static str;
#[cfg(target_arch = "wasm32")]
pub type Doc = ();

/// The text of a [`Doc`] ("" in the wasm).
#[cfg(not(target_arch = "wasm32"))]
pub fn doc_str(d: &Doc) -> &'static str {
    d
}
#[cfg(target_arch = "wasm32")]
pub fn doc_str(_: &Doc) -> &'static str {
    ""
}

#[cfg(not(target_arch = "wasm32"))]
macro_rules! doc_text {
    ($s:expr) => {
        $s
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! doc_text {
    ($s:expr) => {
        ()
    };
}
pub(crate) use doc_text;

/// Declares an enum whose variants have one name each, in one table: the
/// decoder, the schema and the README all use `NAMES`; nothing matches on
/// positions by hand.
macro_rules! named {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($(#[$vm])* $variant,)* }
        impl $name {
            /// Every variant, in the order of `NAMES`.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The config's name of each variant.
            pub const NAMES: &'static [&'static str] = &[$($text,)*];
            /// The config's name of this variant (a `const fn`, so tables
            /// can name their fields by variant).
            pub const fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }
            /// The variant called `name` in the config.
            pub fn from_name(name: &str) -> Option<$name> {
                Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
            }
        }
    };
}
pub(crate) use named;

#[cfg(test)]
thread_local! {
    /// (table path, field) of every field the decoder asked for: a test
    /// checks that no documented field goes unread.
    pub static READ: std::cell::RefCell<Vec<(&'static str, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Any string.
    Str,
    /// A string shown in texts: no placeholders.
    Plain,
    /// A text with `{{placeholders}}`.
    Text,
    Bool,
    Int,
    /// A number of seconds >= 0 (decoded to milliseconds).
    Seconds,
    /// `#rgb` or `#rrggbb`.
    Color,
    /// A date `YYYY-MM-DD`.
    Date,
    /// One of these names.
    Choice(&'static [&'static str]),
    /// One of these names, or an array of them.
    Choices(&'static [&'static str]),
    /// An object described by its own table.
    Object(&'static Table),
    /// An array of objects of one table, with at most `max` items (0 = no
    /// limit).
    List(&'static Table, usize),
    /// A shape decoded by its own code, named after its `$defs` entry in
    /// the schema (conditions, triggers, frequencies, hours, ...).
    Def(&'static str),
}

/// A default value, as the docs print it and the decoder applies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dflt {
    /// No default: absent means "not set" (see the doc).
    None,
    Bool(bool),
    Int(i64),
    Str(&'static str),
}

/// One field of a config object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub default: Dflt,
    pub doc: Doc,
}

/// One config object.
#[derive(Debug)]
pub struct Table {
    /// Where it sits in a config, e.g. `team`, `auto_messages[]`.
    pub path: &'static str,
    pub doc: Doc,
    pub fields: &'static [Field],
    /// Keys beyond the table are allowed and hold this (establishment
    /// facts); None = unknown keys are warnings.
    pub extra: Option<Ty>,
}

impl Table {
    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }

    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// An object checked against its table: each present field has the type
/// its table says (simple types), unknown keys were warned about, missing
/// required ones reported.
pub struct Fields<'v> {
    pub path: String,
    pub table: &'static Table,
    /// Per table field, its value if present and well-typed.
    pub values: Vec<Option<&'v Value>>,
    /// Every required field is there and well-typed.
    pub complete: bool,
}

impl<'v> Fields<'v> {
    /// The value of `name` (present and of the right type), else None.
    pub fn get(&self, name: &str) -> Option<&'v Value> {
        #[cfg(test)]
        READ.with(|r| r.borrow_mut().push((self.table.path, name.to_string())));
        let i = self.table.fields.iter().position(|f| f.name == name);
        debug_assert!(
            i.is_some(),
            "{}: {} is not in its table",
            self.table.path,
            name
        );
        let i = i?;
        self.values.get(i).copied().flatten()
    }

    /// The path of field `name`.
    pub fn at(&self, name: &str) -> String {
        join(&self.path, name)
    }

    fn default_of(&self, name: &str) -> Dflt {
        self.table.field(name).map_or(Dflt::None, |f| f.default)
    }

    pub fn str(&self, name: &str) -> Option<&'v str> {
        self.get(name).and_then(Value::as_str)
    }

    /// The string, else the table's default (else "").
    pub fn str_or_default(&self, name: &str) -> String {
        match (self.str(name), self.default_of(name)) {
            (Some(s), _) => s.to_string(),
            (None, Dflt::Str(d)) => d.to_string(),
            _ => String::new(),
        }
    }

    pub fn bool(&self, name: &str) -> bool {
        match (
            self.get(name).and_then(Value::as_bool),
            self.default_of(name),
        ) {
            (Some(b), _) => b,
            (None, Dflt::Bool(d)) => d,
            _ => false,
        }
    }

    pub fn int(&self, name: &str) -> i64 {
        match (
            self.get(name).and_then(Value::as_i64),
            self.default_of(name),
        ) {
            (Some(n), _) => n,
            (None, Dflt::Int(d)) => d,
            _ => 0,
        }
    }

    /// Seconds in milliseconds, else the default's.
    pub fn ms(&self, name: &str) -> u64 {
        match (
            self.get(name).and_then(Value::as_f64),
            self.default_of(name),
        ) {
            (Some(n), _) => (n * 1000.0).round() as u64,
            (None, Dflt::Int(d)) => d.max(0) as u64 * 1000,
            _ => 0,
        }
    }

    /// The index of the choice in its names, else of the default.
    pub fn choice(&self, name: &str) -> Option<usize> {
        let field = self.table.field(name)?;
        let Ty::Choice(names) = field.ty else {
            return None;
        };
        let s = match (self.str(name), field.default) {
            (Some(s), _) => s,
            (None, Dflt::Str(d)) => d,
            _ => return None,
        };
        names.iter().position(|n| *n == s)
    }
}

impl Checker<'_> {
    /// `v` checked against `table` at `path`: an object, unknown keys are
    /// warnings, a missing required field or a value of the wrong type is
    /// an error (that value is then left out).
    pub fn fields<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        table: &'static Table,
    ) -> Option<Fields<'v>> {
        let Some(pairs) = v.as_object() else {
            self.expected(path, "an object", v);
            return None;
        };
        let mut values = vec![None; table.fields.len()];
        let mut complete = true;
        for (k, val) in pairs {
            let p = join(path, k);
            match table.fields.iter().position(|f| f.name == k) {
                Some(i) => {
                    if self.check(val, &p, table.fields[i].ty) {
                        values[i] = Some(val);
                    }
                }
                None => match table.extra {
                    Some(ty) => {
                        self.check(val, &p, ty);
                    }
                    None => {
                        let names = table.names();
                        self.warn(
                            &p,
                            format!("unknown field, ignored; expected one of {}", one_of(&names)),
                        );
                    }
                },
            }
        }
        for (i, f) in table.fields.iter().enumerate() {
            if f.required && values[i].is_none() {
                complete = false;
                if !pairs.iter().any(|(k, _)| k == f.name) {
                    self.error(path, format!("missing \"{}\"", f.name));
                }
            }
        }
        Some(Fields {
            path: path.to_string(),
            table,
            values,
            complete,
        })
    }

    /// Whether `v` has the simple type `ty` (reported otherwise). Texts,
    /// objects, lists and `Def`s are checked by their own decoders; here
    /// only their JSON kind.
    pub fn check(&mut self, v: &Value, path: &str, ty: Ty) -> bool {
        let ok = match ty {
            Ty::Str | Ty::Text => v.as_str().is_some(),
            Ty::Plain => match v.as_str() {
                Some(s) if super::find_str(s, "{{").is_some() => {
                    self.error(path, "placeholders are not allowed here".to_string());
                    return false;
                }
                s => s.is_some(),
            },
            Ty::Bool => v.as_bool().is_some(),
            Ty::Int => v.as_i64().is_some(),
            Ty::Seconds => return self.seconds(v, path).is_some(),
            Ty::Color => match v.as_str() {
                Some(s) if is_hex_colour(s) => true,
                _ => {
                    self.error(path, "invalid colour; expected #rgb or #rrggbb".to_string());
                    return false;
                }
            },
            Ty::Date => match v.as_str() {
                Some(s) if super::clock::parse_date(s).is_some() => true,
                Some(s) => {
                    self.error(
                        path,
                        format!("invalid date \"{}\"; expected {}", s, expected(Ty::Date)),
                    );
                    return false;
                }
                None => false,
            },
            Ty::Choice(names) => return self.choice(v, path, names).is_some(),
            Ty::Choices(names) => return self.choice_set(v, path, names).is_some(),
            Ty::Object(_) => v.as_object().is_some(),
            Ty::List(..) => v.as_array().is_some(),
            Ty::Def(_) => true,
        };
        if !ok {
            self.expected(path, expected(ty), v);
        }
        ok
    }
}

/// What a value of `ty` looks like, for "expected ..." messages and docs.
pub fn expected(ty: Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Plain | Ty::Text | Ty::Color => "a string",
        Ty::Date => "a date string like 2026-12-24",
        Ty::Bool => "true or false",
        Ty::Int => "an integer",
        Ty::Seconds => "a number of seconds",
        Ty::Choice(_) => "a string",
        Ty::Choices(_) => "a string or an array of strings",
        Ty::Object(_) => "an object",
        Ty::List(..) => "an array",
        Ty::Def(_) => "a value",
    }
}

pub fn is_hex_colour(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 4 || b.len() == 7) && b[0] == b'#' && b[1..].iter().all(|c| c.is_ascii_hexdigit())
}
