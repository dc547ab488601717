//! Conditions: who sees an automatic message, where and when.
//!
//! A condition is a JSON object; several keys in one object must all hold;
//! `all` / `any` / `not` nest. String operators are case-insensitive (the
//! operand is lowercased once at load time), except `regex`, which is matched
//! as written against the original text (use `(?i)` to ignore case).

use super::json::Value;
use super::patterns::{PatternId, Patterns};
use super::validate::{index, join, one_of, Checker};

pub use super::tables::CmpOp;
use super::tables::{
    ConditionKey, Device, OpenState, StringOp, TeamStatus, VisitorKind, Weekday, CONDITIONS,
};

/// A string test with its operand prepared.
#[derive(Debug, Clone, PartialEq)]
pub enum StrMatch {
    Equals(String),
    Contains(String),
    StartsWith(String),
    EndsWith(String),
    Wildcard(String),
    Regex(PatternId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Url,
    Title,
    Referrer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumField {
    VisitNumber,
    PagesViewed,
    DaysSinceLastVisit,
}

/// A decoded condition tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    Text(TextField, StrMatch),
    Query(String, StrMatch),
    Utm(String, StrMatch),
    /// true = first visit
    Visitor(bool),
    Number(NumField, Vec<(CmpOp, i64)>),
    /// Primary language subtags, lowercase ("fr", "en").
    Language(Vec<String>),
    /// Bit set over `Device`.
    Device(u32),
    /// Bit set over `Weekday`.
    Weekday(u32),
    /// [from, to) in minutes; wraps over midnight when from > to.
    TimeOfDay(u16, u16),
    /// true = open
    BusinessHours(bool),
    /// Bit set over `TeamStatus`.
    TeamStatus(u32),
    Attribute(String, Option<StrMatch>, bool),
    Establishment(Vec<String>),
}

/// Everything a condition can look at, borrowed from the engine.
pub struct Facts<'a> {
    pub url: &'a str,
    pub url_lc: &'a str,
    pub title: &'a str,
    pub title_lc: &'a str,
    pub referrer: &'a str,
    pub referrer_lc: &'a str,
    pub query: &'a [(String, String)],
    pub utm: &'a [(String, String)],
    pub first_visit: bool,
    pub visit_number: u64,
    pub pages_viewed: u64,
    pub days_since_last_visit: Option<u64>,
    pub language: &'a str,
    /// a `Device` as an index
    pub device: u8,
    /// 0 = Monday
    pub weekday: u8,
    pub minute: u16,
    pub open: bool,
    /// a `TeamStatus` as an index
    pub team: u8,
    pub attributes: &'a [(String, String)],
    pub establishment: &'a str,
    pub patterns: &'a dyn Patterns,
}

/// The device class of a viewport width: <768 mobile, <1024 tablet.
pub fn device_of(width: u32) -> u8 {
    let device = if width < 768 {
        Device::Mobile
    } else if width < 1024 {
        Device::Tablet
    } else {
        Device::Desktop
    };
    device as u8
}

/// Whole-string glob match where `*` matches any run of characters.
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

impl StrMatch {
    /// `lc` is the lowercased `text`.
    pub fn test(&self, text: &str, lc: &str, patterns: &dyn Patterns) -> bool {
        match self {
            StrMatch::Equals(s) => lc == s,
            StrMatch::Contains(s) => super::find_str(lc, s).is_some(),
            StrMatch::StartsWith(s) => lc.starts_with(s.as_str()),
            StrMatch::EndsWith(s) => lc.ends_with(s.as_str()),
            StrMatch::Wildcard(s) => wildcard(s, lc),
            StrMatch::Regex(id) => patterns.is_match(*id, text),
        }
    }
    fn test_raw(&self, text: &str, patterns: &dyn Patterns) -> bool {
        match self {
            StrMatch::Regex(_) => self.test(text, text, patterns),
            _ => self.test(text, &super::case::fold(text), patterns),
        }
    }
}

fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

impl Condition {
    /// Whether the condition holds for `f`.
    pub fn eval(&self, f: &Facts) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.eval(f)),
            Condition::Any(cs) => cs.iter().any(|c| c.eval(f)),
            Condition::Not(c) => !c.eval(f),
            Condition::Text(field, m) => {
                let (t, lc) = match field {
                    TextField::Url => (f.url, f.url_lc),
                    TextField::Title => (f.title, f.title_lc),
                    TextField::Referrer => (f.referrer, f.referrer_lc),
                };
                m.test(t, lc, f.patterns)
            }
            Condition::Query(name, m) => {
                lookup(f.query, name).is_some_and(|v| m.test_raw(v, f.patterns))
            }
            Condition::Utm(name, m) => {
                lookup(f.utm, name).is_some_and(|v| m.test_raw(v, f.patterns))
            }
            Condition::Visitor(first) => f.first_visit == *first,
            Condition::Number(field, tests) => {
                let n = match field {
                    NumField::VisitNumber => f.visit_number as i64,
                    NumField::PagesViewed => f.pages_viewed as i64,
                    NumField::DaysSinceLastVisit => match f.days_since_last_visit {
                        Some(d) => d as i64,
                        None => return false,
                    },
                };
                tests.iter().all(|&(op, v)| match op {
                    CmpOp::Eq => n == v,
                    CmpOp::Ne => n != v,
                    CmpOp::Gt => n > v,
                    CmpOp::Gte => n >= v,
                    CmpOp::Lt => n < v,
                    CmpOp::Lte => n <= v,
                })
            }
            Condition::Language(langs) => {
                let primary = f.language.split(['-', '_']).next().unwrap_or("");
                langs.iter().any(|l| l.eq_ignore_ascii_case(primary))
            }
            Condition::Device(mask) => mask & (1 << f.device) != 0,
            Condition::Weekday(mask) => mask & (1 << f.weekday) != 0,
            Condition::TimeOfDay(from, to) => {
                if from <= to {
                    *from <= f.minute && f.minute < *to
                } else {
                    f.minute >= *from || f.minute < *to
                }
            }
            Condition::BusinessHours(open) => f.open == *open,
            Condition::TeamStatus(mask) => mask & (1 << f.team) != 0,
            Condition::Attribute(name, m, exists) => match (lookup(f.attributes, name), m) {
                (None, _) => !*exists,
                (Some(_), None) => *exists,
                (Some(v), Some(m)) => m.test_raw(v, f.patterns),
            },
            Condition::Establishment(ids) => ids.iter().any(|i| i == f.establishment),
        }
    }
}

impl Condition {
    /// The condition's value if it depends on the page alone (url, title,
    /// referrer, query, establishment: fixed for a page view), else None.
    /// A rule whose condition is `Some(false)` cannot fire on this page.
    pub fn on_page(&self, f: &Facts) -> Option<bool> {
        match self {
            Condition::All(cs) => {
                let mut all = Some(true);
                for c in cs {
                    match c.on_page(f) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            Condition::Any(cs) => {
                let mut any = Some(false);
                for c in cs {
                    match c.on_page(f) {
                        Some(true) => return Some(true),
                        None => any = None,
                        Some(false) => {}
                    }
                }
                any
            }
            Condition::Not(c) => c.on_page(f).map(|b| !b),
            Condition::Text(..) | Condition::Query(..) | Condition::Establishment(_) => {
                Some(self.eval(f))
            }
            _ => None,
        }
    }
}

/// Decodes a condition object at `path`. Returns None after reporting errors.
pub fn parse_condition(ck: &mut Checker, v: &Value, path: &str, depth: usize) -> Option<Condition> {
    let fields = match v.as_object() {
        Some(f) => f,
        None => {
            ck.expected(path, "a condition object", v);
            return None;
        }
    };
    if depth > super::limits::MAX_CONDITION_DEPTH {
        let mut m = String::from("conditions nested deeper than ");
        super::json::write_int(super::limits::MAX_CONDITION_DEPTH as i64, &mut m);
        ck.error(path, m);
        return None;
    }
    let before = ck.errors();
    let mut out = Vec::new();
    for (key, val) in fields {
        let p = join(path, key);
        if let Some(c) = parse_one(ck, key, val, &p, depth) {
            out.push(c);
        }
    }
    if ck.errors() > before {
        return None;
    }
    Some(if out.len() == 1 {
        out.pop().unwrap_or(Condition::All(Vec::new()))
    } else {
        Condition::All(out)
    })
}

fn parse_list(ck: &mut Checker, v: &Value, path: &str, depth: usize) -> Option<Vec<Condition>> {
    let items = match v.as_array() {
        Some(a) => a,
        None => {
            ck.expected(path, "an array of conditions", v);
            return None;
        }
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match parse_condition(ck, item, &index(path, i), depth + 1) {
            Some(c) => out.push(c),
            None => ok = false,
        }
    }
    if ok {
        Some(out)
    } else {
        None
    }
}

/// Decodes `{"<op>": "<operand>"}` plus the `extra` keys allowed beside it.
fn parse_str_match(
    ck: &mut Checker,
    fields: &[(String, Value)],
    path: &str,
    extra: &[&str],
) -> Option<Option<StrMatch>> {
    let mut found: Option<StrMatch> = None;
    let mut ok = true;
    for (k, val) in fields {
        if extra.contains(&k.as_str()) {
            continue;
        }
        let op = match StringOp::from_name(k) {
            Some(op) => op,
            None => {
                ck.error(
                    path,
                    format!(
                        "unknown operator \"{}\"; expected one of {}",
                        k,
                        one_of(StringOp::NAMES)
                    ),
                );
                ok = false;
                continue;
            }
        };
        let operand = match ck.string(val, &join(path, k)) {
            Some(s) => s,
            None => {
                ok = false;
                continue;
            }
        };
        if found.is_some() {
            ck.error(
                path,
                "more than one operator; expected exactly one".to_string(),
            );
            ok = false;
            continue;
        }
        let lc = super::case::fold(&operand);
        found = Some(match op {
            StringOp::Equals => StrMatch::Equals(lc),
            StringOp::Contains => StrMatch::Contains(lc),
            StringOp::StartsWith => StrMatch::StartsWith(lc),
            StringOp::EndsWith => StrMatch::EndsWith(lc),
            StringOp::Wildcard => StrMatch::Wildcard(lc),
            StringOp::Regex => match ck.patterns.compile(&operand) {
                Ok(id) => StrMatch::Regex(id),
                Err(e) => {
                    ck.error(&join(path, k), format!("invalid regular expression: {}", e));
                    ok = false;
                    continue;
                }
            },
        });
    }
    if ok {
        Some(found)
    } else {
        None
    }
}

fn require_op(ck: &mut Checker, m: Option<Option<StrMatch>>, path: &str) -> Option<StrMatch> {
    match m? {
        Some(m) => Some(m),
        None => {
            ck.error(
                path,
                format!(
                    "missing operator; expected one of {}",
                    one_of(StringOp::NAMES)
                ),
            );
            None
        }
    }
}

fn named(
    ck: &mut Checker,
    v: &Value,
    path: &str,
    extra: &[&str],
) -> Option<(String, Option<StrMatch>)> {
    let fields = match v.as_object() {
        Some(f) => f,
        None => {
            ck.expected(path, "an object with \"name\" and an operator", v);
            return None;
        }
    };
    let name = match v.get("name") {
        Some(n) => ck.string(n, &join(path, "name")),
        None => {
            ck.error(path, "missing \"name\"".to_string());
            None
        }
    };
    let m = parse_str_match(ck, fields, path, extra);
    Some((name?, m?))
}

fn parse_one(
    ck: &mut Checker,
    key: &str,
    v: &Value,
    path: &str,
    depth: usize,
) -> Option<Condition> {
    match ConditionKey::from_name(key) {
        Some(ConditionKey::All) => parse_list(ck, v, path, depth).map(Condition::All),
        Some(ConditionKey::Any) => parse_list(ck, v, path, depth).map(Condition::Any),
        Some(ConditionKey::Not) => {
            parse_condition(ck, v, path, depth + 1).map(|c| Condition::Not(Box::new(c)))
        }
        Some(k @ (ConditionKey::Url | ConditionKey::Title | ConditionKey::Referrer)) => {
            let field = match k {
                ConditionKey::Url => TextField::Url,
                ConditionKey::Title => TextField::Title,
                _ => TextField::Referrer,
            };
            let fields = match v.as_object() {
                Some(f) => f,
                None => {
                    ck.expected(path, "an object like {\"contains\": \"...\"}", v);
                    return None;
                }
            };
            let m = parse_str_match(ck, fields, path, &[]);
            require_op(ck, m, path).map(|m| Condition::Text(field, m))
        }
        Some(k @ (ConditionKey::Query | ConditionKey::Utm)) => {
            let (name, m) = named(ck, v, path, &["name"])?;
            let m = require_op(ck, Some(m), path)?;
            let name = if k == ConditionKey::Utm && !name.starts_with("utm_") {
                let mut s = String::from("utm_");
                s.push_str(&name);
                s
            } else {
                name
            };
            Some(if k == ConditionKey::Query {
                Condition::Query(name, m)
            } else {
                Condition::Utm(name, m)
            })
        }
        Some(ConditionKey::Attribute) => {
            let (name, m) = named(ck, v, path, &["name", "exists"])?;
            let exists = match v.get("exists") {
                Some(e) => ck.boolean(e, &join(path, "exists"))?,
                None => true,
            };
            Some(Condition::Attribute(name, m, exists))
        }
        Some(ConditionKey::Visitor) => ck
            .choice(v, path, VisitorKind::NAMES)
            .map(|i| Condition::Visitor(VisitorKind::ALL[i] == VisitorKind::First)),
        Some(
            k @ (ConditionKey::VisitNumber
            | ConditionKey::PagesViewed
            | ConditionKey::DaysSinceLastVisit),
        ) => {
            let field = match k {
                ConditionKey::VisitNumber => NumField::VisitNumber,
                ConditionKey::PagesViewed => NumField::PagesViewed,
                _ => NumField::DaysSinceLastVisit,
            };
            if let Some(n) = v.as_i64() {
                return Some(Condition::Number(field, vec![(CmpOp::Eq, n)]));
            }
            let fields = match v.as_object() {
                Some(f) if !f.is_empty() => f,
                _ => {
                    ck.expected(path, "an integer or an object like {\"gte\": 2}", v);
                    return None;
                }
            };
            let mut tests = Vec::new();
            let mut ok = true;
            for (k, val) in fields {
                let op = match CmpOp::from_name(k) {
                    Some(op) => op,
                    None => {
                        ck.error(
                            path,
                            format!(
                                "unknown operator \"{}\"; expected one of {}",
                                k,
                                one_of(CmpOp::NAMES)
                            ),
                        );
                        ok = false;
                        continue;
                    }
                };
                match ck.integer(val, &join(path, k)) {
                    Some(n) => tests.push((op, n)),
                    None => ok = false,
                }
            }
            if ok {
                Some(Condition::Number(field, tests))
            } else {
                None
            }
        }
        Some(ConditionKey::Language) => {
            let list: Vec<&Value> = match v {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            let mut langs = Vec::new();
            let mut ok = true;
            for (i, item) in list.iter().enumerate() {
                let p = if v.as_array().is_some() {
                    index(path, i)
                } else {
                    path.to_string()
                };
                match ck.string(item, &p) {
                    Some(s) if !s.is_empty() => langs.push(s.to_ascii_lowercase()),
                    Some(_) => {
                        ck.error(
                            &p,
                            "empty language; expected a code like \"fr\"".to_string(),
                        );
                        ok = false;
                    }
                    None => ok = false,
                }
            }
            if ok {
                Some(Condition::Language(langs))
            } else {
                None
            }
        }
        Some(ConditionKey::Device) => ck.choice_set(v, path, Device::NAMES).map(Condition::Device),
        Some(ConditionKey::Weekday) => ck
            .choice_set(v, path, Weekday::NAMES)
            .map(Condition::Weekday),
        Some(ConditionKey::TeamStatus) => ck
            .choice_set(v, path, TeamStatus::NAMES)
            .map(Condition::TeamStatus),
        Some(ConditionKey::BusinessHours) => ck
            .choice(v, path, OpenState::NAMES)
            .map(|i| Condition::BusinessHours(OpenState::ALL[i] == OpenState::Open)),
        Some(ConditionKey::TimeOfDay) => {
            let fields = ck.object(v, path, &["from", "to"])?;
            let get = |ck: &mut Checker, k: &str| -> Option<u16> {
                let p = join(path, k);
                match fields.iter().find(|(n, _)| n == k) {
                    Some((_, val)) => {
                        let s = ck.string(val, &p)?;
                        match super::clock::parse_hhmm(&s) {
                            Some(m) => Some(m),
                            None => {
                                ck.error(&p, format!("invalid time \"{}\"; expected HH:MM", s));
                                None
                            }
                        }
                    }
                    None => {
                        ck.error(path, format!("missing \"{}\"", k));
                        None
                    }
                }
            };
            let from = get(ck, "from");
            let to = get(ck, "to");
            Some(Condition::TimeOfDay(from?, to?))
        }
        Some(ConditionKey::Establishment) => {
            let list: Vec<(String, &Value)> = match v {
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (index(path, i), x))
                    .collect(),
                other => vec![(path.to_string(), other)],
            };
            let mut ids = Vec::new();
            let mut ok = true;
            for (p, item) in list {
                match ck.string(item, &p) {
                    Some(id) => {
                        if ck.establishment_ids.contains(&id) {
                            ids.push(id);
                        } else {
                            let known = super::validate::join_all(
                                &mut ck.establishment_ids.iter().map(String::as_str),
                                ", ",
                            );
                            ck.error(
                                &p,
                                format!(
                                    "unknown establishment \"{}\"; expected one of {}",
                                    id, known
                                ),
                            );
                            ok = false;
                        }
                    }
                    None => ok = false,
                }
            }
            if ok {
                Some(Condition::Establishment(ids))
            } else {
                None
            }
        }
        None => {
            ck.error(
                path,
                format!(
                    "unknown condition \"{}\"; expected one of {}",
                    key,
                    one_of(&CONDITIONS.names())
                ),
            );
            None
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn wildcard_matches_whole_strings() {
        assert!(wildcard("*/produit/*", "https://x.fr/produit/42"));
        assert!(wildcard("a*b*c", "axxbyyc"));
        assert!(!wildcard("a*b", "axxbc"));
        assert!(wildcard("*", ""));
        assert!(!wildcard("abc", "abcd"));
    }
}
