//! Where a JSON path sits in the document's text: the engine reports
//! problems by path (`starters[5]`); the JSON tab shows them at a line and
//! column. A tolerant scanner over text the engine has already parsed.

/// 1-based line and column (in characters) of the value at `path` (the
/// engine's path syntax). Falls back to the deepest ancestor found, then to
/// line 1, column 1.
pub fn line_col_of(text: &str, path: &str) -> (usize, usize) {
    let offset = offset_of(text, path).unwrap_or(0);
    line_col(text, offset)
}

/// 1-based line and column of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// Byte offset of 1-based `line`/`column` (characters).
pub fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let (mut l, mut c) = (1, 1);
    for (i, ch) in text.char_indices() {
        if l == line && c == column {
            return i;
        }
        if ch == '\n' {
            if l == line {
                return i;
            }
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    text.len()
}

/// Byte offset where the value at `path` starts (for an object key: the key).
pub fn offset_of(text: &str, path: &str) -> Option<usize> {
    let target = super::doc::path_str(&super::doc::parse_path(path));
    let mut scanner = Scanner {
        b: text.as_bytes(),
        pos: 0,
        best: None,
        target: &target,
    };
    scanner.ws();
    scanner.value(String::new(), 0);
    scanner.best.map(|(_, o)| o)
}

struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
    /// (length of the matched path prefix, offset)
    best: Option<(usize, usize)>,
    target: &'a str,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.pos < self.b.len() && matches!(self.b[self.pos], b' ' | b'\n' | b'\r' | b'\t') {
            self.pos += 1;
        }
    }

    fn note(&mut self, path: &str, at: usize) {
        let t = self.target;
        let prefix = t == path
            || (t.starts_with(path)
                && (path.is_empty() || matches!(t.as_bytes().get(path.len()), Some(b'.' | b'['))));
        if prefix && self.best.is_none_or(|(len, _)| path.len() > len) {
            self.best = Some((path.len(), at));
        }
    }

    fn string(&mut self) -> String {
        let start = self.pos + 1;
        self.pos += 1;
        while self.pos < self.b.len() {
            match self.b[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    let raw = &self.b[start..self.pos - 1];
                    return String::from_utf8_lossy(raw).into_owned();
                }
                _ => self.pos += 1,
            }
        }
        String::new()
    }

    fn value(&mut self, path: String, depth: usize) {
        if depth > 128 || self.pos >= self.b.len() {
            return;
        }
        let at = self.pos;
        self.note(&path, at);
        match self.b[self.pos] {
            b'{' => {
                self.pos += 1;
                loop {
                    self.ws();
                    match self.b.get(self.pos) {
                        Some(b'"') => {
                            let key_at = self.pos;
                            let key = self.string();
                            let child = if path.is_empty() {
                                key
                            } else {
                                format!("{path}.{key}")
                            };
                            self.note(&child, key_at);
                            self.ws();
                            if self.b.get(self.pos) == Some(&b':') {
                                self.pos += 1;
                            }
                            self.ws();
                            self.value(child, depth + 1);
                            self.ws();
                            if self.b.get(self.pos) == Some(&b',') {
                                self.pos += 1;
                            }
                        }
                        Some(b'}') => {
                            self.pos += 1;
                            return;
                        }
                        _ => return,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.ws();
                    match self.b.get(self.pos) {
                        Some(b']') => {
                            self.pos += 1;
                            return;
                        }
                        None => return,
                        _ => {
                            self.value(format!("{path}[{i}]"), depth + 1);
                            i += 1;
                            self.ws();
                            if self.b.get(self.pos) == Some(&b',') {
                                self.pos += 1;
                            }
                        }
                    }
                }
            }
            b'"' => {
                self.string();
            }
            _ => {
                while self.pos < self.b.len()
                    && !matches!(
                        self.b[self.pos],
                        b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'
                    )
                {
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"starters\": [\n    { \"title\": \"a\" },\n    { \"title\": \"b\", \"answer\": 3 }\n  ]\n}";

    #[test]
    fn a_nested_path_is_found_at_its_key() {
        assert_eq!(line_col_of(TEXT, "starters[1].answer"), (4, 21));
        assert_eq!(line_col_of(TEXT, "starters[0]"), (3, 5));
    }

    #[test]
    fn a_missing_path_falls_back_to_its_deepest_ancestor() {
        assert_eq!(line_col_of(TEXT, "starters[1].nope"), (4, 5));
        assert_eq!(line_col_of(TEXT, "nothing"), (1, 1));
    }

    #[test]
    fn line_and_column_convert_both_ways() {
        let o = offset_of_line_col(TEXT, 4, 21);
        assert_eq!(line_col(TEXT, o), (4, 21));
        assert_eq!(&TEXT[o..o + 8], "\"answer\"");
    }
}
