//! The engine's pattern matching, served by the browser's `RegExp`.

use crate::engine::{PatternId, Patterns};
use crate::platform::regexp::BrowserRegex;

/// Every regular expression of the config, compiled once by the browser.
#[derive(Default)]
pub struct BrowserPatterns {
    compiled: Vec<BrowserRegex>,
}

impl Patterns for BrowserPatterns {
    fn compile(&mut self, pattern: &str) -> Result<PatternId, String> {
        let regex = BrowserRegex::compile(pattern)?;
        self.compiled.push(regex);
        Ok(PatternId(self.compiled.len() as u32 - 1))
    }

    fn is_match(&self, id: PatternId, text: &str) -> bool {
        self.compiled
            .get(id.0 as usize)
            .is_some_and(|regex| regex.is_match(text))
    }
}
