//! Regular expressions come from the host.
//!
//! Why: a regex crate costs 19–190 KB brotli in the wasm, while the browser's
//! `RegExp` is already there (+0.3 KB). The engine only needs "compile once,
//! test many times", so the host implements this small trait. Natively (tests,
//! benches) `RegexLitePatterns` does it with the `regex-lite` crate.

/// A compiled pattern, as handed out by a [`Patterns`] implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PatternId(pub u32);

/// The host's regular-expression engine.
pub trait Patterns {
    /// Compiles `pattern`; a syntax error is returned as a message.
    fn compile(&mut self, pattern: &str) -> Result<PatternId, String>;
    /// Whether the compiled pattern `id` matches somewhere in `text`.
    /// An unknown id never matches.
    fn is_match(&self, id: PatternId, text: &str) -> bool;
}

/// A host without regular expressions: every pattern is rejected, so
/// `regex` conditions are reported as errors and their rules dropped.
#[derive(Debug, Default, Clone)]
pub struct NoPatterns;

impl Patterns for NoPatterns {
    fn compile(&mut self, _pattern: &str) -> Result<PatternId, String> {
        Err("regular expressions are not available".to_string())
    }
    fn is_match(&self, _id: PatternId, _text: &str) -> bool {
        false
    }
}

/// Native implementation over `regex-lite` (tests, benches, tools).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Default, Clone)]
pub struct RegexLitePatterns {
    compiled: Vec<regex_lite::Regex>,
}

#[cfg(not(target_arch = "wasm32"))]
impl RegexLitePatterns {
    pub fn new() -> Self {
        Self::default()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Patterns for RegexLitePatterns {
    fn compile(&mut self, pattern: &str) -> Result<PatternId, String> {
        match regex_lite::Regex::new(pattern) {
            Ok(re) => {
                self.compiled.push(re);
                Ok(PatternId((self.compiled.len() - 1) as u32))
            }
            Err(e) => Err(e.to_string()),
        }
    }
    fn is_match(&self, id: PatternId, text: &str) -> bool {
        self.compiled
            .get(id.0 as usize)
            .is_some_and(|re| re.is_match(text))
    }
}
