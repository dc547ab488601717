//! A small JSON tree, parser and serializer.
//!
//! Why not serde_json: it costs ~38 KB brotli in the wasm (see TOOLCHAIN.md),
//! stops at the first error, and the validator needs a generic tree anyway to
//! report every problem with its path. Numbers are kept as `f64`; integers are
//! written back through an integer path so no float formatting is linked in.
//!
//! Like `JSON.parse`, the parser is lenient where browsers are: a key that
//! appears twice in one object keeps its LAST value (at the position of the
//! first), and [`parse_reporting`] names each such key by its JSON path so
//! the config validator can warn about it; an escaped lone surrogate
//! (`"\ud800"`) becomes U+FFFD instead of an error. It is strict where a
//! hostile document could hurt: nesting deeper than
//! [`MAX_JSON_DEPTH`](super::limits::MAX_JSON_DEPTH) is an error of its own
//! ([`SyntaxError::too_deep`]), never a stack overflow.

/// A parsed JSON value. Objects keep their keys in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// A JSON syntax error, with a 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The document is well-formed as far as read but nests deeper than
    /// `limits::MAX_JSON_DEPTH` (not a syntax error as such).
    pub too_deep: bool,
}

use super::limits::MAX_JSON_DEPTH;

/// Where the parser is: the chain of keys and indexes from the root, kept
/// on the stack (no allocation) and turned into a path only when a
/// duplicate key is met.
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The validator's path syntax: `a.b[2].c`.
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, k) => super::validate::join(&parent.path(), k),
            At::Index(parent, i) => super::validate::index(&parent.path(), *i),
        }
    }
}

impl Value {
    /// The value of `key` if `self` is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    /// The number as an integer, if it is one (no fraction, within ±2^53).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 => {
                Some(*n as i64)
            }
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    /// A short name of the value's type, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
    /// Compact serialization.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out, None, 0);
        out
    }
    /// Indented serialization (two spaces), used for committed files.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out, Some(2), 0);
        out.push('\n');
        out
    }
}

/// Builds an object value from pairs (a helper for the serializers).
pub fn obj(fields: Vec<(&str, Value)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// A string value.
pub fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

/// An integer value.
pub fn int(n: i64) -> Value {
    Value::Number(n as f64)
}

/// Parses a complete JSON document (a repeated key keeps its last value).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    parse_reporting(text).map(|(v, _)| v)
}

/// Parses a complete JSON document and also returns the JSON path of every
/// key that appeared more than once in its object (once per key and
/// object, in document order of their objects' ends). Each such key keeps
/// its last value, like `JSON.parse`.
pub fn parse_reporting(text: &str) -> Result<(Value, Vec<String>), SyntaxError> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        duplicates: Vec::new(),
    };
    p.skip_ws();
    let v = p.value(0, &At::Root)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error("unexpected characters after the JSON value"));
    }
    Ok((v, p.duplicates))
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    duplicates: Vec<String>,
}

/// Whether two of `fields` share a key (the common answer is no, found
/// without allocating for small objects).
fn has_duplicates(fields: &[(String, Value)]) -> bool {
    if fields.len() <= 8 {
        return fields
            .iter()
            .enumerate()
            .any(|(i, (k, _))| fields[..i].iter().any(|(o, _)| o == k));
    }
    let order = super::sorted_order(fields.len(), &|a, b| fields[a].0 < fields[b].0);
    order.windows(2).any(|w| fields[w[0]].0 == fields[w[1]].0)
}

/// Keeps one entry per key: at the first key's position, with the last
/// value. Returns the keys that were repeated, in order of first position.
/// O(n log n), so a hostile object of 100 000 equal keys stays cheap.
fn dedup_last_wins(fields: &mut Vec<(String, Value)>) -> Vec<String> {
    let order = super::sorted_order(fields.len(), &|a, b| fields[a].0 < fields[b].0);
    // Stable: within a run of equal keys, indexes ascend.
    let mut keep = vec![true; fields.len()];
    let mut repeated: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && fields[order[j]].0 == fields[order[i]].0 {
            j += 1;
        }
        if j - i > 1 {
            let (first, last) = (order[i], order[j - 1]);
            let v = std::mem::replace(&mut fields[last].1, Value::Null);
            fields[first].1 = v;
            for &k in &order[i + 1..j] {
                keep[k] = false;
            }
            repeated.push(first);
        }
        i = j;
    }
    super::sort_small(&mut repeated, |a, b| a < b);
    let keys = repeated.iter().map(|&k| fields[k].0.clone()).collect();
    let mut n = 0;
    fields.retain(|_| {
        n += 1;
        keep[n - 1]
    });
    keys
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> SyntaxError {
        let mut line = 1;
        let mut column = 1;
        let end = self.pos.min(self.src.len());
        let before = self.text.get(..end).unwrap_or(self.text);
        for c in before.chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        SyntaxError {
            line,
            column,
            message: message.to_string(),
            too_deep: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &str, v: Value) -> Result<Value, SyntaxError> {
        if self.src.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("invalid literal; expected true, false or null"))
        }
    }

    /// `depth` = the number of arrays and objects around this value.
    fn value(&mut self, depth: usize, at: &At) -> Result<Value, SyntaxError> {
        if depth >= MAX_JSON_DEPTH && matches!(self.peek(), Some(b'{' | b'[')) {
            let mut message = String::from("nesting deeper than ");
            write_int(MAX_JSON_DEPTH as i64, &mut message);
            let mut e = self.error(&message);
            e.too_deep = true;
            return Err(e);
        }
        match self.peek() {
            None => Err(self.error("unexpected end of input; expected a value")),
            Some(b'{') => self.object(depth, at),
            Some(b'[') => self.array(depth, at),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.expect_word("true", Value::Bool(true)),
            Some(b'f') => self.expect_word("false", Value::Bool(false)),
            Some(b'n') => self.expect_word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character; expected a value")),
        }
    }

    fn object(&mut self, depth: usize, at: &At) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut fields = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(fields));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after the key"));
            }
            self.pos += 1;
            self.skip_ws();
            let v = self.value(depth + 1, &At::Key(at, &key))?;
            fields.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    if has_duplicates(&fields) {
                        for k in dedup_last_wins(&mut fields) {
                            self.duplicates.push(At::Key(at, &k).path());
                        }
                    }
                    return Ok(Value::Object(fields));
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize, at: &At) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            let i = items.len();
            items.push(self.value(depth + 1, &At::Index(at, i))?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error("invalid \\u escape; expected 4 hex digits")),
            };
            n = n * 16 + d as u32;
            self.pos += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Boundaries are ASCII bytes, so this slice is valid UTF-8.
            out.push_str(self.text.get(start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(c) => c,
                        None => return Err(self.error("unterminated string")),
                    };
                    self.pos += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let mut code = hi;
                            if (0xD800..0xDC00).contains(&hi)
                                && self.src.get(self.pos..self.pos + 2) == Some(b"\\u")
                            {
                                let back = self.pos;
                                self.pos += 2;
                                match self.hex4()? {
                                    lo @ 0xDC00..=0xDFFF => {
                                        code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                    }
                                    // Not a pair: that escape is read on its own.
                                    _ => self.pos = back,
                                }
                            }
                            // A lone surrogate: U+FFFD, as browsers show it.
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    }
                }
                Some(_) => return Err(self.error("control character in string")),
            }
        }
    }

    fn digits(&mut self) -> (u64, i32, usize) {
        // Returns (mantissa, extra decimal exponent for dropped digits, count).
        let mut m: u64 = 0;
        let mut extra = 0;
        let mut count = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            if m < 1_000_000_000_000_000_000 {
                m = m * 10 + (c - b'0') as u64;
            } else {
                extra += 1;
            }
            count += 1;
            self.pos += 1;
        }
        (m, extra, count)
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let neg = self.peek() == Some(b'-');
        if neg {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') && matches!(self.src.get(self.pos + 1), Some(b'0'..=b'9')) {
            return Err(self.error("leading zeros are not allowed"));
        }
        let (mut m, mut exp, n) = self.digits();
        if n == 0 {
            return Err(self.error("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let before = self.pos;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                if m < 1_000_000_000_000_000_000 {
                    m = m * 10 + (c - b'0') as u64;
                    exp -= 1;
                }
                self.pos += 1;
            }
            if self.pos == before {
                return Err(self.error("invalid number; expected digits after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let eneg = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let (e, _, n) = self.digits();
            if n == 0 {
                return Err(self.error("invalid number; expected exponent digits"));
            }
            let e = e.min(10_000) as i32;
            exp += if eneg { -e } else { e };
        }
        let mut v = m as f64;
        if exp > 0 {
            v *= 10f64.powi(exp.min(400));
        } else if exp < 0 {
            v /= 10f64.powi((-exp).min(400));
        }
        Ok(Value::Number(if neg { -v } else { v }))
    }
}

/// Appends `s` as a JSON string literal with all required escapes.
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                let n = c as u32;
                for shift in [12, 8, 4, 0] {
                    let d = ((n >> shift) & 0xF) as u8;
                    out.push((if d < 10 { b'0' + d } else { b'a' + d - 10 }) as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends an integer in decimal without the formatting machinery.
pub fn write_int(n: i64, out: &mut String) {
    if n < 0 {
        out.push('-');
    }
    let mut u = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() < 9.2e18 {
        write_int(n as i64, out);
    } else {
        // Rare (the engine writes integers only): six decimals, no float fmt.
        let neg = n < 0.0;
        let a = n.abs();
        let whole = a.trunc();
        let mut frac = ((a - whole) * 1_000_000.0).round() as i64;
        let mut whole = if whole < 9.2e18 {
            whole as i64
        } else {
            i64::MAX
        };
        if frac >= 1_000_000 {
            frac -= 1_000_000;
            whole = whole.saturating_add(1);
        }
        if neg {
            out.push('-');
        }
        write_int(whole, out);
        out.push('.');
        let mut digits = [b'0'; 6];
        let mut f = frac;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (f % 10) as u8;
            f /= 10;
        }
        let mut len = 6;
        while len > 1 && digits[len - 1] == b'0' {
            len -= 1;
        }
        for &d in &digits[..len] {
            out.push(d as char);
        }
    }
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(w) = indent {
        out.push('\n');
        for _ in 0..w * level {
            out.push(' ');
        }
    }
}

fn write_value(v: &Value, out: &mut String, indent: Option<usize>, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(*n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_value(item, out, indent, level + 1);
            }
            if !items.is_empty() {
                newline(out, indent, level);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_string(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(item, out, indent, level + 1);
            }
            if !fields.is_empty() {
                newline(out, indent, level);
            }
            out.push('}');
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn parses_and_round_trips_a_document() {
        let text = r#"{"a":[1,-2.5,true,false,null],"b":"x\"y\\z\n\u00e9\ud83d\ude00","c":{}}"#;
        let v = parse(text).unwrap();
        assert_eq!(v.get("a").unwrap().as_array().unwrap().len(), 5);
        assert_eq!(v.get("b").unwrap().as_str(), Some("x\"y\\z\né😀"));
        let again = parse(&v.to_json()).unwrap();
        assert_eq!(v, again);
        assert_eq!(parse(&v.to_pretty()).unwrap(), v);
    }

    #[test]
    fn syntax_errors_report_line_and_column() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 7));
        let e = parse("[1, 2").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(parse("{\"é\": tru}").is_err());
        assert!(parse("01").is_err());
        assert!(parse("\"\\x\"").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn numbers_are_written_as_integers_when_whole() {
        assert_eq!(Value::Number(42.0).to_json(), "42");
        assert_eq!(Value::Number(-7.0).to_json(), "-7");
        assert_eq!(Value::Number(1.5).to_json(), "1.5");
        assert_eq!(parse("1e3").unwrap().as_i64(), Some(1000));
        assert_eq!(
            parse("1746000000123").unwrap().as_i64(),
            Some(1746000000123)
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        assert!(parse(&text).is_err());
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_like_json_parse() {
        let v = parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        assert_eq!(v.get("a"), Some(&Value::Number(3.0)));
        // One entry per key, at the first key's position.
        assert_eq!(v.to_json(), r#"{"a":3,"b":2}"#);
    }

    #[test]
    fn repeated_keys_are_reported_by_their_json_path() {
        let text = r#"{"x":[{"b":1,"b":2}],"y":{"c":{"d":1,"d":2,"d":3}},"x2":0,"x2":1}"#;
        let (_, dups) = parse_reporting(text).unwrap();
        assert_eq!(dups, vec!["x[0].b", "y.c.d", "x2"]);
        let (_, dups) = parse_reporting(r#"[{"k":1,"k":2}]"#).unwrap();
        assert_eq!(dups, vec!["[0].k"]);
    }

    #[test]
    fn an_object_of_many_repeated_keys_is_deduplicated_quickly() {
        let mut text = String::from("{");
        for i in 0..50_000 {
            text.push_str(if i % 2 == 0 { "\"a\":" } else { "\"b\":" });
            write_int(i, &mut text);
            text.push(',');
        }
        text.push_str("\"a\":-1}");
        let (v, dups) = parse_reporting(&text).unwrap();
        assert_eq!(v.to_json(), r#"{"a":-1,"b":49999}"#);
        assert_eq!(dups, vec!["a", "b"]);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_reported_as_such() {
        let n = crate::engine::limits::MAX_JSON_DEPTH;
        let ok = format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(n + 1), "]".repeat(n + 1));
        let e = parse(&deep).unwrap_err();
        assert!(e.too_deep);
        assert_eq!(e.message, format!("nesting deeper than {}", n));
        assert!(!parse("[1,]").unwrap_err().too_deep);
    }

    #[test]
    fn an_escaped_lone_surrogate_becomes_the_replacement_character() {
        assert_eq!(parse(r#""a\ud800b""#).unwrap().as_str(), Some("a\u{FFFD}b"));
        assert_eq!(parse(r#""\udc00""#).unwrap().as_str(), Some("\u{FFFD}"));
        // A high surrogate before an escape that is not a low one: each is
        // read on its own.
        assert_eq!(
            parse(r#""\ud800\u0041""#).unwrap().as_str(),
            Some("\u{FFFD}A")
        );
        assert_eq!(
            parse(r#""\ud800\ud83d\ude00""#).unwrap().as_str(),
            Some("\u{FFFD}😀")
        );
        assert!(parse(r#""\ud800\uZZZZ""#).is_err());
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(s("a\u{1}b").to_json(), "\"a\\u0001b\"");
    }
}
