//! How `regex` conditions are compiled and matched: a small trait, so a
//! host could bring another engine, and [`LinearPatterns`], the engine's own
//! linear-time matcher that the widget and the native tests both use.

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

/// The engine's own linear-time matcher ([`super::regex`]): the same code,
/// so the same meaning, in the browser and natively.
#[derive(Debug, Default, Clone)]
pub struct LinearPatterns {
    compiled: Vec<super::regex::Regex>,
}

impl LinearPatterns {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Patterns for LinearPatterns {
    fn compile(&mut self, pattern: &str) -> Result<PatternId, String> {
        let re = super::regex::Regex::new(pattern)?;
        self.compiled.push(re);
        Ok(PatternId(self.compiled.len() as u32 - 1))
    }
    fn is_match(&self, id: PatternId, text: &str) -> bool {
        self.compiled
            .get(id.0 as usize)
            .is_some_and(|re| re.is_match(text))
    }
}

/// The former name of [`LinearPatterns`] (tests, benches and tools used
/// `regex-lite` natively before both sides shared one matcher).
pub type RegexLitePatterns = LinearPatterns;
