//! Diagnostics and the small helpers every validating decoder uses.
//!
//! Why a checker instead of stopping at the first error: a merchant must see
//! every problem of a config at once, each with its JSON path, and a broken
//! rule must not take the others down.

use super::json::Value;
use super::patterns::Patterns;
use core::fmt;

/// How bad a problem is: errors drop the broken part, warnings don't.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a config or a saved state, with its JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// e.g. `auto_messages[2].conditions.all[0].url`; empty for the root.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// `path.key` (or `key` at the root).
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        let mut s = String::with_capacity(path.len() + key.len() + 1);
        s.push_str(path);
        s.push('.');
        s.push_str(key);
        s
    }
}

/// `path[i]`.
pub fn index(path: &str, i: usize) -> String {
    let mut s = String::from(path);
    s.push('[');
    super::json::write_int(i as i64, &mut s);
    s.push(']');
    s
}

/// "a, b, c" for "expected one of" messages.
pub fn one_of(names: &[&str]) -> String {
    join_all(&mut names.iter().copied(), ", ")
}

/// `items` separated by `sep`. Non-generic: `[T]::join` is compiled once
/// per element type.
pub fn join_all(items: &mut dyn Iterator<Item = &str>, sep: &str) -> String {
    let mut s = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(item);
    }
    s
}

/// Collects diagnostics while decoding; owns nothing else but the patterns.
pub struct Checker<'p> {
    pub diags: Vec<Diagnostic>,
    pub patterns: &'p mut dyn Patterns,
    /// Establishment ids and fact names, for cross references.
    pub establishment_ids: Vec<String>,
    pub establishment_facts: Vec<String>,
}

impl<'p> Checker<'p> {
    pub fn new(patterns: &'p mut dyn Patterns) -> Self {
        Checker {
            diags: Vec::new(),
            patterns,
            establishment_ids: Vec::new(),
            establishment_facts: Vec::new(),
        }
    }

    pub fn error(&mut self, path: &str, message: String) {
        self.diags.push(Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            message,
        });
    }

    pub fn warn(&mut self, path: &str, message: String) {
        self.diags.push(Diagnostic {
            severity: Severity::Warning,
            path: path.to_string(),
            message,
        });
    }

    /// Number of errors so far (compare before/after to know whether a part
    /// decoded cleanly).
    pub fn errors(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// `v` as an object; unknown keys are warnings.
    pub fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<&'v [(String, Value)]> {
        match v.as_object() {
            Some(fields) => {
                for (k, _) in fields {
                    if !allowed.contains(&k.as_str()) {
                        self.warn(
                            &join(path, k),
                            format!(
                                "unknown field, ignored; expected one of {}",
                                one_of(allowed)
                            ),
                        );
                    }
                }
                Some(fields)
            }
            None => {
                self.expected(path, "an object", v);
                None
            }
        }
    }

    pub fn expected(&mut self, path: &str, what: &str, found: &Value) {
        self.error(path, format!("expected {}, found {}", what, found.kind()));
    }

    pub fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        match v.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.expected(path, "a string", v);
                None
            }
        }
    }

    pub fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v.as_bool() {
            Some(b) => Some(b),
            None => {
                self.expected(path, "true or false", v);
                None
            }
        }
    }

    pub fn integer(&mut self, v: &Value, path: &str) -> Option<i64> {
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.expected(path, "an integer", v);
                None
            }
        }
    }

    /// A non-negative number of seconds, returned in milliseconds.
    pub fn seconds(&mut self, v: &Value, path: &str) -> Option<u64> {
        match v.as_f64() {
            Some(n) if (0.0..=31_536_000_000.0).contains(&n) => Some((n * 1000.0).round() as u64),
            Some(n) if n < 0.0 => {
                self.error(
                    path,
                    "negative delay; expected a number of seconds >= 0".to_string(),
                );
                None
            }
            Some(_) => {
                self.error(path, "delay too large".to_string());
                None
            }
            None => {
                self.expected(path, "a number of seconds", v);
                None
            }
        }
    }

    /// One of `names`; returns its index.
    pub fn choice(&mut self, v: &Value, path: &str, names: &[&str]) -> Option<usize> {
        let s = self.string(v, path)?;
        match names.iter().position(|n| *n == s) {
            Some(i) => Some(i),
            None => {
                self.error(
                    path,
                    format!("unknown value \"{}\"; expected one of {}", s, one_of(names)),
                );
                None
            }
        }
    }

    /// One name or an array of names, as a bit set of their indexes.
    pub fn choice_set(&mut self, v: &Value, path: &str, names: &[&str]) -> Option<u32> {
        match v {
            Value::Array(items) => {
                let mut mask = 0u32;
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match self.choice(item, &index(path, i), names) {
                        Some(n) => mask |= 1 << n,
                        None => ok = false,
                    }
                }
                if ok {
                    Some(mask)
                } else {
                    None
                }
            }
            _ => self.choice(v, path, names).map(|n| 1 << n),
        }
    }
}
