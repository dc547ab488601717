//! Validation of the draft by the engine itself (`parse_config`): the
//! console has no rules of its own. Each problem gets its line and column in
//! the JSON text, so the JSON tab can mark it and the forms can flag it.

use crate::engine::{parse_config, Config, Patterns, Severity};

use super::i18n::Lang;
use super::{locate, problems_fr};

/// One problem of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub error: bool,
    /// The engine's JSON path (empty for the root or a syntax error).
    pub path: String,
    /// The engine's English text, as it wrote it (what logic may test).
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Problem {
    /// The message as the console shows it in `lang` (French translated
    /// by [`problems_fr`], English as the engine wrote it).
    pub fn text(&self, lang: Lang) -> String {
        problems_fr::in_lang(lang, &self.message)
    }
}

/// The engine's verdict on a draft.
pub struct Checked {
    /// None when the text is not a JSON object (the first problem says why).
    pub config: Option<Config>,
    pub problems: Vec<Problem>,
    /// The regular expressions compiled for `config` (an engine needs them).
    pub patterns: Box<dyn Patterns>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.error).count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// The platform's regular expressions: the browser's `RegExp` in the
/// console (like the widget), `regex-lite` natively (tests).
pub fn new_patterns() -> Box<dyn Patterns> {
    #[cfg(target_arch = "wasm32")]
    {
        Box::new(crate::runtime::patterns::BrowserPatterns::default())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Box::new(crate::engine::RegexLitePatterns::new())
    }
}

/// The config of `text` and the patterns that compiled it (for an engine).
pub fn compile(text: &str) -> Option<(Config, Box<dyn Patterns>)> {
    let mut patterns = new_patterns();
    parse_config(text, &mut *patterns)
        .ok()
        .map(|(c, _)| (c, patterns))
}

/// Validates `text` with the engine.
pub fn check(text: &str) -> Checked {
    let mut patterns = new_patterns();
    match parse_config(text, &mut *patterns) {
        Ok((config, diags)) => {
            let problems = diags
                .into_iter()
                .map(|d| {
                    let (line, column) = locate::line_col_of(text, &d.path);
                    Problem {
                        error: d.severity == Severity::Error,
                        path: d.path,
                        message: d.message,
                        line,
                        column,
                    }
                })
                .collect();
            Checked {
                config: Some(config),
                problems,
                patterns,
            }
        }
        Err(d) => {
            let (line, column) = syntax_position(&d.message).unwrap_or((1, 1));
            Checked {
                config: None,
                problems: vec![Problem {
                    error: true,
                    path: d.path,
                    message: d.message,
                    line,
                    column,
                }],
                patterns,
            }
        }
    }
}

/// "JSON syntax error at line 2, column 24: …" → (2, 24).
fn syntax_position(message: &str) -> Option<(usize, usize)> {
    let rest = message.split("at line ").nth(1)?;
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_has_the_engine_line_and_column() {
        let c = check("{\n  \"site\": {\"name\": }\n}");
        assert!(c.config.is_none());
        assert_eq!(c.problems.len(), 1);
        assert_eq!((c.problems[0].line, c.problems[0].column), (2, 20));
    }

    #[test]
    fn a_bad_field_is_reported_with_its_path_and_position() {
        let c = check("{\n  \"starters\": [{\"title\": 3, \"answer\": \"a\"}]\n}");
        assert!(c.config.is_some());
        let p = c.problems.iter().find(|p| p.error).expect("an error");
        assert_eq!(p.path, "starters[0].title");
        assert_eq!((p.line, p.column), (2, 17));
    }
}
