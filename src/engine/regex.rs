//! The regular expressions of `regex` conditions: our own small matcher,
//! the same code in the browser and natively, in time linear in the text.
//!
//! Why not the browser's `RegExp`: it backtracks, so a config pattern like
//! `(a+)+$` froze the page for seconds on a 30-character URL that the
//! visitor controls; and it is a second implementation whose case rules
//! differed from the native one. Why not a regex crate: 19–190 KB brotli.
//! This is a Thompson NFA simulated breadth-first (a Pike VM without
//! captures): every text character visits each instruction at most once,
//! so matching costs at most `text length × program size` steps, and the
//! program size is capped ([`MAX_PROGRAM`]).
//!
//! Syntax (JavaScript's, minus what cannot run in linear time): literals,
//! `.`, `[...]` / `[^...]` with ranges, `\d \D \w \W \s \S \b \B`, escapes
//! `\t \n \r \f \v \0 \xHH \uHHHH` and of any punctuation, groups `(...)`,
//! `(?:...)`, `(?<name>...)`, alternation `|`, quantifiers `* + ? {n}
//! {n,} {n,m}` (greedy or lazy: the same for a yes/no match), anchors `^`
//! `$` (of the whole text). Case-sensitive as written; `(?i)` at the very
//! start makes the whole pattern case-insensitive. Back-references,
//! look-arounds, `\p{...}` and other inline flags are rejected with an error.

use super::case::lower_char;

/// Largest compiled program (instructions), e.g. `a{400}` is 400: with
/// texts up to 2 000 characters a match stays within 800 000 steps (9 ms
/// natively for the worst pattern of that size, no task over 50 ms in
/// Chromium; see `benches/regex.rs` and `tests/e2e/fidelity.test.mjs`).
pub const MAX_PROGRAM: usize = 400;

#[derive(Debug, Clone, PartialEq)]
enum Inst {
    Char(char),
    Any,
    /// Ranges (inclusive), negated.
    Class(Vec<(char, char)>, bool),
    Split(u32, u32),
    Jmp(u32),
    Start,
    End,
    /// true = `\b`, false = `\B`.
    WordBoundary(bool),
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Regex {
    prog: Vec<Inst>,
    fold: bool,
}

const DIGITS: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const SPACE: &[(char, char)] = &[
    ('\t', '\r'),
    (' ', ' '),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{feff}', '\u{feff}'),
];

fn is_word(c: char) -> bool {
    WORD.iter().any(|&(a, b)| a <= c && c <= b)
}

/// Parses the pattern and emits the program as it goes (no syntax tree:
/// a repeated atom's code is copied, with its jumps relocated).
struct Parser {
    chars: Vec<char>,
    pos: usize,
    prog: Vec<Inst>,
    fold: bool,
}

type Parsed<T> = Result<T, String>;

/// A jump target not known yet.
const LATER: u32 = u32::MAX;

/// One class item: a character, or a set of ranges (`\d` ...).
enum Item {
    Char(char),
    Set(Vec<(char, char)>),
    /// `\b` (true) or `\B` outside a class.
    Boundary(bool),
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.pos += found as usize;
        found
    }

    fn err(&self, what: &str) -> String {
        let mut s = String::from(what);
        s.push_str(" at character ");
        super::json::write_int(self.pos as i64 + 1, &mut s);
        s
    }

    fn here(&self) -> u32 {
        self.prog.len() as u32
    }

    fn emit(&mut self, inst: Inst) -> Parsed<u32> {
        if self.prog.len() >= MAX_PROGRAM {
            return Err("pattern too large (repetitions expand it beyond 400 steps)".to_string());
        }
        self.prog.push(inst);
        Ok(self.here() - 1)
    }

    /// Sets the unknown (`LATER`) targets of the jump at `at` to `to`.
    fn patch(&mut self, at: u32, to: u32) {
        if let Some(inst) = self.prog.get_mut(at as usize) {
            match inst {
                Inst::Jmp(t) | Inst::Split(_, t) if *t == LATER => *t = to,
                _ => {}
            }
        }
    }

    /// `alt ( '|' alt )*`: each branch is `Split(next, other) branch Jmp(end)`;
    /// the last branch's split becomes a plain jump.
    fn alternation(&mut self, depth: u32) -> Parsed<()> {
        if depth > 64 {
            return Err(self.err("groups nested too deeply"));
        }
        let mut ends = Vec::new();
        loop {
            let split = self.emit(Inst::Split(self.here() + 1, LATER))?;
            self.concat(depth)?;
            if !self.eat('|') {
                self.prog[split as usize] = Inst::Jmp(split + 1);
                break;
            }
            ends.push(self.emit(Inst::Jmp(LATER))?);
            let next = self.here();
            self.patch(split, next);
        }
        let end = self.here();
        for j in ends {
            self.patch(j, end);
        }
        Ok(())
    }

    fn concat(&mut self, depth: u32) -> Parsed<()> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let start = self.here();
            let repeatable = self.atom(depth)?;
            self.quantifier(start, repeatable)?;
        }
        Ok(())
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut n: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d);
            self.pos += 1;
        }
        (self.pos > start).then_some(n)
    }

    /// At a `{`: `{n}`, `{n,}`, `{n,m}` consumed; None (nothing consumed)
    /// if it is not a quantifier, which JavaScript reads as a literal.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let start = self.pos;
        self.pos += 1;
        let min = self.number();
        let result = min.and_then(|min| {
            let max = if self.eat(',') {
                self.number()
            } else {
                Some(min)
            };
            self.eat('}').then_some((min, max))
        });
        if result.is_none() {
            self.pos = start;
        }
        result
    }

    /// A quantifier after the atom whose code starts at `start`.
    fn quantifier(&mut self, start: u32, repeatable: bool) -> Parsed<()> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.braces() {
                Some(q) => {
                    self.pos -= 1; // the `}`, consumed below
                    q
                }
                None => return Ok(()),
            },
            _ => return Ok(()),
        };
        self.pos += 1;
        if max.is_some_and(|m| m < min) {
            return Err(self.err("numbers out of order in {} quantifier"));
        }
        if !repeatable {
            return Err(self.err("nothing to repeat"));
        }
        self.eat('?'); // lazy: the same for a yes/no match
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            return Err(self.err("nothing to repeat"));
        }
        let atom = self.prog.split_off(start as usize);
        for _ in 0..min {
            self.copy(&atom, start)?;
        }
        let mut splits = Vec::new();
        match max {
            None => {
                let split = self.emit(Inst::Split(self.here() + 1, LATER))?;
                self.copy(&atom, start)?;
                self.emit(Inst::Jmp(split))?;
                splits.push(split);
            }
            Some(max) => {
                for _ in min..max {
                    splits.push(self.emit(Inst::Split(self.here() + 1, LATER))?);
                    self.copy(&atom, start)?;
                }
            }
        }
        let end = self.here();
        for s in splits {
            self.patch(s, end);
        }
        Ok(())
    }

    /// Appends `code` (compiled at `from`), moving its jumps with it.
    fn copy(&mut self, code: &[Inst], from: u32) -> Parsed<()> {
        let base = self.here();
        let end = from + code.len() as u32;
        let moved = |t: u32| {
            if (from..=end).contains(&t) {
                t - from + base
            } else {
                t
            }
        };
        for inst in code {
            self.emit(match inst {
                Inst::Jmp(t) => Inst::Jmp(moved(*t)),
                Inst::Split(a, b) => Inst::Split(moved(*a), moved(*b)),
                other => other.clone(),
            })?;
        }
        Ok(())
    }

    /// Emits one atom; false for an assertion (nothing to repeat).
    fn atom(&mut self, depth: u32) -> Parsed<bool> {
        let c = self.peek().ok_or_else(|| self.err("unexpected end"))?;
        self.pos += 1;
        let inst = match c {
            '.' => Inst::Any,
            '^' => Inst::Start,
            '$' => Inst::End,
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    let named = self.eat('<') && !matches!(self.peek(), Some('=' | '!'));
                    if !named {
                        return Err(self.err(
                            "look-arounds and inline flags are not supported (only a leading (?i))",
                        ));
                    }
                    while let Some(n) = self.peek() {
                        self.pos += 1;
                        if n == '>' {
                            break;
                        }
                    }
                }
                self.alternation(depth + 1)?;
                if !self.eat(')') {
                    return Err(self.err("missing )"));
                }
                return Ok(true);
            }
            ')' => return Err(self.err("unmatched )")),
            '[' => self.class()?,
            '*' | '+' | '?' => return Err(self.err("nothing to repeat")),
            '{' => {
                self.pos -= 1;
                if self.braces().is_some() {
                    return Err(self.err("nothing to repeat"));
                }
                self.pos += 1;
                self.char_inst('{')
            }
            '\\' => match self.escape(false)? {
                Item::Char(c) => self.char_inst(c),
                Item::Set(r) => self.class_inst(r, false),
                Item::Boundary(b) => Inst::WordBoundary(b),
            },
            c => self.char_inst(c),
        };
        let repeatable = !matches!(inst, Inst::Start | Inst::End | Inst::WordBoundary(_));
        self.emit(inst)?;
        Ok(repeatable)
    }

    fn char_inst(&self, c: char) -> Inst {
        Inst::Char(if self.fold { lower_char(c) } else { c })
    }

    fn class_inst(&self, mut r: Vec<(char, char)>, negated: bool) -> Inst {
        if self.fold {
            // Add the lower-case image of every cased range.
            for &(a, b) in r.clone().iter() {
                let (la, lb) = (lower_char(a), lower_char(b));
                if (la, lb) != (a, b) && lb as u32 - la as u32 == b as u32 - a as u32 {
                    r.push((la, lb));
                }
            }
        }
        Inst::Class(r, negated)
    }

    fn hex(&mut self, digits: usize) -> Parsed<char> {
        let mut n = 0u32;
        for _ in 0..digits {
            let d = self
                .peek()
                .and_then(|c| c.to_digit(16))
                .ok_or_else(|| self.err("invalid hexadecimal escape"))?;
            n = n * 16 + d;
            self.pos += 1;
        }
        char::from_u32(n).ok_or_else(|| self.err("invalid escape"))
    }

    /// After a `\`. In a class, `\b` is a backspace; outside, `\b` / `\B`
    /// are word-boundary assertions.
    fn escape(&mut self, in_class: bool) -> Parsed<Item> {
        let c = self
            .peek()
            .ok_or_else(|| self.err("\\ at end of pattern"))?;
        self.pos += 1;
        let set = |r: &[(char, char)], negated: bool| {
            Item::Set(if negated { complement(r) } else { r.to_vec() })
        };
        Ok(match c {
            'd' => set(DIGITS, false),
            'D' => set(DIGITS, true),
            'w' => set(WORD, false),
            'W' => set(WORD, true),
            's' => set(SPACE, false),
            'S' => set(SPACE, true),
            'b' if in_class => Item::Char('\u{8}'),
            'b' | 'B' if !in_class => Item::Boundary(c == 'b'),
            't' => Item::Char('\t'),
            'n' => Item::Char('\n'),
            'r' => Item::Char('\r'),
            'f' => Item::Char('\u{c}'),
            'v' => Item::Char('\u{b}'),
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Item::Char('\0'),
            'x' => Item::Char(self.hex(2)?),
            'u' => Item::Char(self.hex(4)?),
            '1'..='9' => return Err(self.err("back-references are not supported")),
            c if c.is_ascii_punctuation() || !c.is_ascii() => Item::Char(c),
            _ => return Err(self.err("unknown escape")),
        })
    }

    fn class(&mut self) -> Parsed<Inst> {
        let negated = self.eat('^');
        let mut ranges: Vec<(char, char)> = Vec::new();
        // `[]` matches nothing, `[^]` anything, as in JavaScript.
        while !self.eat(']') {
            let lo = match self.class_item()? {
                Item::Char(c) => c,
                Item::Set(r) => {
                    ranges.extend(r);
                    continue;
                }
                Item::Boundary(_) => return Err(self.err("invalid escape in character class")),
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1) != Some(&']') {
                self.pos += 1;
                match self.class_item()? {
                    Item::Char(hi) if hi >= lo => ranges.push((lo, hi)),
                    Item::Char(_) => return Err(self.err("range out of order in character class")),
                    _ => return Err(self.err("invalid range in character class")),
                }
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(self.class_inst(ranges, negated))
    }

    fn class_item(&mut self) -> Parsed<Item> {
        let c = self.peek().ok_or_else(|| self.err("missing ]"))?;
        self.pos += 1;
        if c == '\\' {
            self.escape(true)
        } else {
            Ok(Item::Char(c))
        }
    }
}

fn complement(ranges: &[(char, char)]) -> Vec<(char, char)> {
    let mut next = 0u32;
    let mut out = Vec::new();
    // The built-in sets are sorted and disjoint.
    for &(a, b) in ranges {
        if (a as u32) > next {
            if let (Some(x), Some(y)) = (char::from_u32(next), char::from_u32(a as u32 - 1)) {
                out.push((x, y));
            }
        }
        next = b as u32 + 1;
    }
    if let Some(x) = char::from_u32(next) {
        out.push((x, char::MAX));
    }
    out
}

impl Regex {
    /// Compiles `pattern`; the error says what is wrong and where.
    pub fn new(pattern: &str) -> Result<Regex, String> {
        let (fold, body) = match pattern.strip_prefix("(?i)") {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let mut p = Parser {
            chars: body.chars().collect(),
            pos: 0,
            prog: Vec::new(),
            fold,
        };
        p.alternation(0)?;
        if p.pos < p.chars.len() {
            return Err(p.err("unmatched )"));
        }
        p.emit(Inst::Match)?;
        Ok(Regex { prog: p.prog, fold })
    }

    /// Whether the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.run(text).0
    }

    /// Instructions in the compiled program.
    pub fn size(&self) -> usize {
        self.prog.len()
    }

    /// (matched, threads visited): the work done is bounded by
    /// `(text length + 1) × size()` visits.
    pub fn run(&self, text: &str) -> (bool, usize) {
        let chars: Vec<char> = if self.fold {
            text.chars().map(lower_char).collect()
        } else {
            text.chars().collect()
        };
        let n = self.prog.len();
        let mut clist: Vec<u32> = Vec::with_capacity(n);
        let mut nlist: Vec<u32> = Vec::with_capacity(n);
        // The generation in which each instruction was last added.
        let mut seen = vec![u32::MAX; n];
        let mut stack: Vec<u32> = Vec::new();
        let mut gen = 0u32;
        let mut visits = 0usize;
        for pos in 0..=chars.len() {
            // Unanchored search: a new thread starts at every position.
            if self.add(&mut clist, &mut seen, gen, &mut stack, 0, &chars, pos) {
                return (true, visits);
            }
            visits += clist.len();
            let Some(&c) = chars.get(pos) else { break };
            gen += 1;
            nlist.clear();
            for &pc in &clist {
                let ok = match self.prog.get(pc as usize) {
                    Some(Inst::Char(x)) => *x == c,
                    Some(Inst::Any) => !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'),
                    Some(Inst::Class(r, neg)) => r.iter().any(|&(a, b)| a <= c && c <= b) != *neg,
                    _ => false,
                };
                if ok
                    && self.add(
                        &mut nlist,
                        &mut seen,
                        gen,
                        &mut stack,
                        pc + 1,
                        &chars,
                        pos + 1,
                    )
                {
                    return (true, visits);
                }
            }
            std::mem::swap(&mut clist, &mut nlist);
        }
        (false, visits)
    }

    /// Adds `pc` and everything reachable from it without reading a
    /// character to `list`; true when that reaches `Match`.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        list: &mut Vec<u32>,
        seen: &mut [u32],
        gen: u32,
        stack: &mut Vec<u32>,
        pc: u32,
        chars: &[char],
        pos: usize,
    ) -> bool {
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            let Some(mark) = seen.get_mut(pc as usize) else {
                continue;
            };
            if *mark == gen {
                continue;
            }
            *mark = gen;
            match self.prog.get(pc as usize) {
                Some(Inst::Match) => {
                    stack.clear();
                    return true;
                }
                Some(Inst::Jmp(t)) => stack.push(*t),
                Some(Inst::Split(a, b)) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Some(Inst::Start) if pos == 0 => stack.push(pc + 1),
                Some(Inst::End) if pos == chars.len() => stack.push(pc + 1),
                Some(Inst::WordBoundary(want)) => {
                    let before = pos > 0 && chars.get(pos - 1).is_some_and(|&c| is_word(c));
                    let after = chars.get(pos).is_some_and(|&c| is_word(c));
                    if (before != after) == *want {
                        stack.push(pc + 1)
                    }
                }
                Some(_) => list.push(pc),
                None => {}
            }
        }
        false
    }
}

/// One table of (pattern, text, expected match), run natively and in the
/// browser (wasm-bindgen tests): the same meaning on both sides.
#[cfg(test)]
pub(crate) const MATCH_TABLE: &[(&str, &str, bool)] = &[
    // Case-sensitive as written; (?i) at the start ignores case.
    (r"/Product/\d+$", "https://shop.fr/product/42", false),
    (r"/product/\d+$", "https://shop.fr/product/42", true),
    (r"(?i)/PRODUCT/\d+$", "https://shop.fr/product/42", true),
    (r"(?i)été", "ÉTÉ À PARIS", true),
    (r"été", "ÉTÉ", false),
    (r"(?i)[A-Z]+\d", "abc1", true),
    (r"(?i)[^a-z]", "ABC", false),
    // Anchors are of the whole text.
    (
        r"^https://(www\.)?google\.",
        "https://www.google.fr/search",
        true,
    ),
    (
        r"^https://(www\.)?google\.",
        "https://evil.fr/?https://google.fr",
        false,
    ),
    (r"^abc$", "abc", true),
    (r"^abc$", "abc\n", false),
    (r"^$", "", true),
    // Classes, escapes, quantifiers.
    (r"[a-c]{2,3}x", "zzbcax", true),
    (r"[a-c]{2,3}x", "zzax", false),
    (r"colou?r", "color", true),
    (r"a{3}", "aa", false),
    (r"a{2,}", "caaat", true),
    (r"x{,2}", "x{,2}", true),
    (r"\bvélo\b", "un vélo rouge", true),
    (r"\bcat\b", "concatenate", false),
    (r"\Bcat\B", "concatenate", true),
    (r"\s\S", "a b", true),
    (r"[\d.]+", "v1.2", true),
    (r"[\w-]+@", "jean-pierre@x", true),
    (r"\x41\u00e9", "Aé", true),
    (r"a.c", "a\nc", false),
    (r"a.c", "a😀c", true),
    (r"(cart|checkout)/step[23]", "/checkout/step2", true),
    (r"(cart|checkout)/step[23]", "/checkout/step4", false),
    (r"(?:ab)+$", "xabab", true),
    (r"(?<p>ab)+", "ab", true),
    (r"a+?b", "aaab", true),
    (r"[]", "anything", false),
    (r"[^]", "a", true),
    (r"\.html$", "/commande/succès.html", true),
    (r"succès", "/commande/succès.html", true),
    // Patterns that make a backtracking engine explode are plain here.
    (r"(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", false),
    (r"(a|a)*c", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
    (r"(x+x+)+y", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy", true),
];

/// Patterns refused at load, with a word of the reason.
#[cfg(test)]
pub(crate) const REJECT_TABLE: &[(&str, &str)] = &[
    (r"(a)\1", "back-references"),
    (r"a(?=b)", "look-arounds"),
    (r"(?<=a)b", "look-arounds"),
    (r"a(?m)b", "inline flags"),
    (r"(abc", "missing )"),
    (r"abc)", "unmatched )"),
    (r"*a", "nothing to repeat"),
    (r"a**", "nothing to repeat"),
    (r"[b-a]", "out of order"),
    (r"a{3,2}", "out of order"),
    (r"\p{L}", "unknown escape"),
    (r"a{400}", "too large"),
    (r"((a{20}){20})", "too large"),
];

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_shared_table_matches_as_documented() {
        for &(pattern, text, expected) in MATCH_TABLE {
            let re = Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            assert_eq!(re.is_match(text), expected, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn unsupported_or_huge_patterns_are_rejected_with_the_reason() {
        for &(pattern, reason) in REJECT_TABLE {
            match Regex::new(pattern) {
                Ok(_) => panic!("{pattern} was accepted"),
                Err(e) => assert!(e.contains(reason), "{pattern}: {e}"),
            }
        }
    }

    #[test]
    fn matching_work_is_linear_in_the_text_for_catastrophic_patterns() {
        let long_a = "a".repeat(2_000);
        let url = format!("https://shop.fr/?q={}", "a".repeat(1_980));
        for pattern in [
            r"(a+)+$",
            r"(a*)*b",
            r"(a|aa)+$",
            r"(.*a){20}",
            r"^(\w+\s?)*$",
        ] {
            let re = Regex::new(pattern).unwrap();
            for text in [&long_a, &url] {
                let (_, visits) = re.run(&format!("{text}!"));
                assert!(
                    visits <= (text.chars().count() + 2) * re.size(),
                    "{pattern}: {visits} visits"
                );
            }
        }
    }
}
