//! The draft document: a JSON tree (the engine's own [`Value`], which keeps
//! keys in document order and every unknown field) addressed by paths
//! written the way the engine's diagnostics write them
//! (`auto_messages[2].conditions.all[0].url`).
//!
//! Why the engine's tree and not serde_json: one parser for the widget and
//! the console, key order preserved without an extra map type, and a path
//! syntax shared with the validator, so an error's path names a form field.

use crate::engine::json::{self, Value};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Idx(usize),
}

/// A path from the root.
pub type Path = Vec<Seg>;

/// `["a", 2, "b"]` → `a[2].b` (the engine's diagnostic syntax).
pub fn path_str(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Idx(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// The inverse of [`path_str`]. Keys cannot contain `.` or `[`.
pub fn parse_path(text: &str) -> Path {
    let mut out = Vec::new();
    let mut key = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !key.is_empty() {
                    out.push(Seg::Key(std::mem::take(&mut key)));
                }
            }
            '[' => {
                if !key.is_empty() {
                    out.push(Seg::Key(std::mem::take(&mut key)));
                }
                let mut n = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    n.push(d);
                }
                match n.parse() {
                    Ok(i) => out.push(Seg::Idx(i)),
                    Err(_) => out.push(Seg::Key(n)),
                }
            }
            c => key.push(c),
        }
    }
    if !key.is_empty() {
        out.push(Seg::Key(key));
    }
    out
}

/// Shorthand for building paths in code: `p(&["starters"]).idx(2).key("title")`.
pub fn p(keys: &[&str]) -> Path {
    keys.iter().map(|k| Seg::Key((*k).to_string())).collect()
}

/// Builder helpers on paths.
pub trait PathExt {
    fn key(&self, k: &str) -> Path;
    fn idx(&self, i: usize) -> Path;
}

impl PathExt for Path {
    fn key(&self, k: &str) -> Path {
        let mut v = self.clone();
        v.push(Seg::Key(k.to_string()));
        v
    }
    fn idx(&self, i: usize) -> Path {
        let mut v = self.clone();
        v.push(Seg::Idx(i));
        v
    }
}

/// The value at `path`, if any.
pub fn get<'a>(root: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    let mut cur = root;
    for seg in path {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(_)) => cur.get(k)?,
            (Seg::Idx(i), Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The string at `path` ("" when missing or not a string).
pub fn get_str<'a>(root: &'a Value, path: &[Seg]) -> &'a str {
    get(root, path).and_then(|v| v.as_str()).unwrap_or("")
}

/// The array at `path` (empty when missing).
pub fn get_array<'a>(root: &'a Value, path: &[Seg]) -> &'a [Value] {
    get(root, path).and_then(|v| v.as_array()).unwrap_or(&[])
}

fn get_mut_or_create<'a>(root: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = root;
    for seg in path {
        cur = match seg {
            Seg::Key(k) => {
                if !matches!(cur, Value::Object(_)) {
                    *cur = Value::Object(Vec::new());
                }
                let Value::Object(fields) = cur else {
                    return None;
                };
                let pos = match fields.iter().position(|(name, _)| name == k) {
                    Some(pos) => pos,
                    None => {
                        fields.push((k.clone(), Value::Null));
                        fields.len() - 1
                    }
                };
                &mut fields[pos].1
            }
            Seg::Idx(i) => {
                if !matches!(cur, Value::Array(_)) {
                    *cur = Value::Array(Vec::new());
                }
                let Value::Array(items) = cur else {
                    return None;
                };
                while items.len() <= *i {
                    items.push(Value::Null);
                }
                &mut items[*i]
            }
        };
    }
    Some(cur)
}

/// Sets `path` to `value`, creating objects and arrays on the way; an
/// existing key keeps its position in its object.
pub fn set(root: &mut Value, path: &[Seg], value: Value) {
    if let Some(slot) = get_mut_or_create(root, path) {
        *slot = value;
    }
}

/// Removes the value at `path` (an object key or an array item).
pub fn remove(root: &mut Value, path: &[Seg]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    let Some(container) = get_mut(root, parent) else {
        return;
    };
    match (last, container) {
        (Seg::Key(k), Value::Object(fields)) => fields.retain(|(name, _)| name != k),
        (Seg::Idx(i), Value::Array(items)) if *i < items.len() => {
            items.remove(*i);
        }
        _ => {}
    }
}

/// The value at `path`, mutable, without creating anything.
pub fn get_mut<'a>(root: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = root;
    for seg in path {
        cur = match (seg, cur) {
            (Seg::Key(k), Value::Object(fields)) => {
                &mut fields.iter_mut().find(|(name, _)| name == k)?.1
            }
            (Seg::Idx(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Moves item `from` of the array at `path` to position `to`.
pub fn move_item(root: &mut Value, path: &[Seg], from: usize, to: usize) {
    if let Some(Value::Array(items)) = get_mut(root, path) {
        if from < items.len() && to < items.len() && from != to {
            let item = items.remove(from);
            items.insert(to, item);
        }
    }
}

/// Appends `value` to the array at `path` (created if missing).
pub fn push(root: &mut Value, path: &[Seg], value: Value) {
    let len = get_array(root, path).len();
    let mut target = path.to_vec();
    target.push(Seg::Idx(len));
    set(root, &target, value);
}

/// A JSON string value.
pub fn string(text: &str) -> Value {
    json::s(text)
}

/// A JSON integer value.
pub fn int(n: i64) -> Value {
    json::int(n)
}

/// An empty JSON object.
pub fn object() -> Value {
    Value::Object(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json::parse(r#"{"a":{"b":[1,{"c":"x"}]},"z":true}"#).unwrap()
    }

    #[test]
    fn paths_print_like_the_engine_diagnostics_and_parse_back() {
        let path = p(&["auto_messages"])
            .idx(2)
            .key("conditions")
            .key("all")
            .idx(0)
            .key("url");
        assert_eq!(path_str(&path), "auto_messages[2].conditions.all[0].url");
        assert_eq!(parse_path("auto_messages[2].conditions.all[0].url"), path);
        assert_eq!(parse_path(""), Vec::<Seg>::new());
    }

    #[test]
    fn get_follows_keys_and_indexes() {
        let d = doc();
        assert_eq!(get_str(&d, &p(&["a", "b"]).idx(1).key("c")), "x");
        assert!(get(&d, &p(&["a", "nope"])).is_none());
    }

    #[test]
    fn set_keeps_the_key_position_and_creates_missing_parents() {
        let mut d = doc();
        set(&mut d, &p(&["a"]), string("y"));
        assert_eq!(d.to_json(), r#"{"a":"y","z":true}"#);
        set(&mut d, &p(&["n", "m"]).idx(1), int(3));
        assert_eq!(d.to_json(), r#"{"a":"y","z":true,"n":{"m":[null,3]}}"#);
    }

    #[test]
    fn remove_and_move_edit_arrays_in_place() {
        let mut d = json::parse(r#"{"s":["a","b","c"]}"#).unwrap();
        move_item(&mut d, &p(&["s"]), 2, 0);
        assert_eq!(d.to_json(), r#"{"s":["c","a","b"]}"#);
        remove(&mut d, &p(&["s"]).idx(1));
        assert_eq!(d.to_json(), r#"{"s":["c","b"]}"#);
        push(&mut d, &p(&["s"]), string("d"));
        assert_eq!(d.to_json(), r#"{"s":["c","b","d"]}"#);
        remove(&mut d, &p(&["s"]));
        assert_eq!(d.to_json(), "{}");
    }
}
