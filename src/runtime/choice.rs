//! The start-up decisions that need no browser, tested natively: which config
//! the widget runs (the fresh one, else the last one that worked on this
//! site, else none), and what the console says about it (every fatal
//! problem, the first [`SHOWN_PROBLEMS`] others and a count).
//!
//! Also the facts `static/nudge.js` draws its launcher from before the wasm
//! arrives (stylesheet, icon, accessible names): they are copied into a
//! generated section of the loader, and a native test fails when that copy
//! is stale (`NUDGE_UPDATE=1 cargo test --lib loader_copy` rewrites it).
//!
//! May import `engine` and `ui` (both pure); nothing from the browser.

use crate::engine::{self, Config, Diagnostic, Patterns, Severity};

/// Prefix of every key Nudge writes in localStorage (versioned).
pub const STORE_PREFIX: &str = "nudge:1:";

/// Storage key (under [`STORE_PREFIX`]) of the last config that parsed.
pub const LAST_GOOD_CONFIG_KEY: &str = "config";

/// Viewports narrower than this get the full-screen panel.
pub const MOBILE_MAX_WIDTH: u32 = 480;

/// The id of the widget's host element (created by the loader).
pub const HOST_ID: &str = "nudge-widget";

pub use crate::engine::limits::SHOWN_PROBLEMS;

/// What the loader could gather of the fresh config.
#[derive(Debug, Default, Clone)]
pub struct Fetched {
    /// Where it came from, for messages: `config https://…/nudge.json`
    /// (with the final URL after a redirect), `the inline config`, …
    pub source: String,
    /// The JSON text, when it could be loaded.
    pub text: Option<String>,
    /// Why it could not be loaded (an invalid URL, an HTTP status, …).
    pub error: Option<String>,
}

/// One line for the console (and for `error` subscribers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// A console error (the config is unusable) rather than a warning.
    pub fatal: bool,
    /// The full line, starting with `[nudge]`.
    pub message: String,
}

/// Which config the widget runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The one just loaded.
    Fresh,
    /// The last one that worked on this site (the fresh one is unusable).
    Cached,
}

/// The outcome of [`choose_config`].
pub struct Choice<P> {
    /// The config to run, its compiled patterns and where it came from;
    /// `None`: the widget cannot start.
    pub config: Option<(Config, P, Origin)>,
    /// What to tell the console, in order.
    pub reports: Vec<Report>,
    /// The text to store as the last good config (only when it changed).
    pub remember: Option<String>,
}

fn report(fatal: bool, message: String) -> Report {
    Report { fatal, message }
}

/// Chooses between the fresh config and the cached one. `patterns` makes a
/// fresh pattern compiler for each text parsed.
pub fn choose_config<P: Patterns>(
    fetched: &Fetched,
    cached: Option<&str>,
    mut patterns: impl FnMut() -> P,
) -> Choice<P> {
    let source = if fetched.source.is_empty() {
        "the config"
    } else {
        fetched.source.as_str()
    };
    let mut reports = Vec::new();
    if let Some(error) = &fetched.error {
        reports.push(report(
            true,
            format!("[nudge] could not load {source}: {error}"),
        ));
    }
    if let Some(text) = &fetched.text {
        let mut compiled = patterns();
        match engine::parse_config(text, &mut compiled) {
            Ok((config, diagnostics)) => {
                reports.extend(summarize(source, &diagnostics));
                let remember = (cached != Some(text.as_str())).then(|| text.clone());
                return Choice {
                    config: Some((config, compiled, Origin::Fresh)),
                    reports,
                    remember,
                };
            }
            Err(diagnostic) => {
                reports.push(report(true, format!("[nudge] {source}: {diagnostic}")))
            }
        }
    }
    let cached = cached.and_then(|text| {
        let mut compiled = patterns();
        let (config, _) = engine::parse_config(text, &mut compiled).ok()?;
        Some((config, compiled, Origin::Cached))
    });
    reports.push(match cached {
        Some(_) => report(
            false,
            "[nudge] using the last config that worked on this site".into(),
        ),
        None => report(
            true,
            "[nudge] no usable config: the widget stays hidden and ignores calls".into(),
        ),
    });
    Choice {
        config: cached,
        reports,
        remember: None,
    }
}

/// The config's non-fatal problems as console lines: the first
/// [`SHOWN_PROBLEMS`] one by one, then one line counting the others.
pub fn summarize(source: &str, diagnostics: &[Diagnostic]) -> Vec<Report> {
    let mut reports: Vec<Report> = diagnostics
        .iter()
        .take(SHOWN_PROBLEMS)
        .map(|d| report(false, format!("[nudge] {source}: {d}")))
        .collect();
    if diagnostics.len() > SHOWN_PROBLEMS {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        reports.push(report(
            false,
            format!(
                "[nudge] {source}: {} more problems not shown ({} in total: {errors} errors, {} warnings)",
                diagnostics.len() - SHOWN_PROBLEMS,
                diagnostics.len(),
                diagnostics.len() - errors
            ),
        ));
    }
    reports
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::RegexLitePatterns;

    const GOOD: &str = r#"{"site":{"name":"A"},"presets":["first_visit"]}"#;
    const OTHER: &str = r#"{"site":{"name":"B"}}"#;

    fn fetched(text: Option<&str>, error: Option<&str>) -> Fetched {
        Fetched {
            source: "config https://shop.example/nudge.json".into(),
            text: text.map(String::from),
            error: error.map(String::from),
        }
    }

    fn choose(fetched: &Fetched, cached: Option<&str>) -> Choice<RegexLitePatterns> {
        choose_config(fetched, cached, RegexLitePatterns::new)
    }

    fn site(choice: &Choice<RegexLitePatterns>) -> Option<(String, Origin)> {
        choice
            .config
            .as_ref()
            .map(|(c, _, origin)| (c.site.name.clone(), *origin))
    }

    #[test]
    fn a_fresh_config_that_parses_is_used_and_remembered() {
        let choice = choose(&fetched(Some(GOOD), None), Some(OTHER));
        assert_eq!(site(&choice), Some(("A".into(), Origin::Fresh)));
        assert_eq!(choice.remember.as_deref(), Some(GOOD));
        assert!(choice.reports.is_empty());
    }

    #[test]
    fn an_unchanged_config_is_not_written_again() {
        let choice = choose(&fetched(Some(GOOD), None), Some(GOOD));
        assert_eq!(site(&choice), Some(("A".into(), Origin::Fresh)));
        assert_eq!(choice.remember, None);
    }

    #[test]
    fn a_fresh_config_with_a_syntax_error_falls_back_to_the_last_good_one() {
        let choice = choose(&fetched(Some("{\"site\":"), None), Some(OTHER));
        assert_eq!(site(&choice), Some(("B".into(), Origin::Cached)));
        assert!(choice.reports[0].fatal);
        assert!(
            choice.reports[0]
                .message
                .starts_with("[nudge] config https://shop.example/nudge.json: JSON syntax error"),
            "{:?}",
            choice.reports
        );
        assert_eq!(
            choice.reports[1],
            report(
                false,
                "[nudge] using the last config that worked on this site".into()
            )
        );
        assert_eq!(choice.remember, None, "a fallback is not remembered again");
    }

    #[test]
    fn a_config_that_could_not_be_loaded_falls_back_to_the_last_good_one() {
        let choice = choose(&fetched(None, Some("HTTP 404 Not Found")), Some(OTHER));
        assert_eq!(site(&choice), Some(("B".into(), Origin::Cached)));
        assert_eq!(
            choice.reports[0],
            report(
                true,
                "[nudge] could not load config https://shop.example/nudge.json: HTTP 404 Not Found"
                    .into()
            )
        );
    }

    #[test]
    fn without_a_usable_config_the_widget_does_not_start_and_says_so_once() {
        for cached in [None, Some("not json")] {
            let choice = choose(&fetched(None, Some("Failed to fetch")), cached);
            assert!(choice.config.is_none());
            let fatal: Vec<_> = choice.reports.iter().filter(|r| r.fatal).collect();
            assert_eq!(fatal.len(), 2, "{:?}", choice.reports);
            assert!(fatal[1].message.contains("no usable config"));
        }
    }

    #[test]
    fn a_config_with_problems_still_runs_and_names_them_with_their_source() {
        let text = r#"{"site":{"name":"A"},"colour":"red"}"#;
        let choice = choose(&fetched(Some(text), None), None);
        assert_eq!(site(&choice), Some(("A".into(), Origin::Fresh)));
        assert_eq!(choice.reports.len(), 1);
        assert!(!choice.reports[0].fatal);
        assert!(choice.reports[0]
            .message
            .starts_with("[nudge] config https://shop.example/nudge.json: colour"));
    }

    #[test]
    fn ten_thousand_broken_rules_print_twenty_problems_and_a_count() {
        let rules: Vec<String> = (0..10_000)
            .map(|i| format!(r#"{{"id":"r{i}","text":"x","trigger":{{"type":"nope"}}}}"#))
            .collect();
        let text = format!(r#"{{"auto_messages":[{}]}}"#, rules.join(","));
        let choice = choose(&fetched(Some(&text), None), None);
        assert!(choice.config.is_some());
        assert_eq!(choice.reports.len(), SHOWN_PROBLEMS + 1);
        assert!(choice.reports[0].message.contains("auto_messages[0]"));
        let last = &choice.reports[SHOWN_PROBLEMS].message;
        assert!(
            last.contains("9980 more problems not shown (10000 in total"),
            "{last}"
        );
    }

    #[test]
    fn exactly_twenty_problems_print_no_count_line() {
        let rules: Vec<String> = (0..SHOWN_PROBLEMS)
            .map(|i| format!(r#"{{"id":"r{i}","text":"x","trigger":{{"type":"nope"}}}}"#))
            .collect();
        let text = format!(r#"{{"auto_messages":[{}]}}"#, rules.join(","));
        let choice = choose(&fetched(Some(&text), None), None);
        assert_eq!(choice.reports.len(), SHOWN_PROBLEMS);
        assert!(!choice
            .reports
            .iter()
            .any(|r| r.message.contains("not shown")));
    }
}

/// The loader's copy of what it draws before the wasm runs, generated here
/// from the widget's own sources; the test fails when it is stale.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod loader_copy {
    use super::*;
    use crate::ui::{icons, state, theme};

    const BEGIN: &str = "  // BEGIN GENERATED";
    const END: &str = "  // END GENERATED\n";

    /// A JS string literal, ASCII only (the loader may be served without a charset).
    fn js(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                ' '..='~' => out.push(c),
                _ => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
            }
        }
        out.push('"');
        out
    }

    fn generated() -> String {
        let theme = theme::Theme::default();
        [
            format!("{BEGIN} by src/runtime/choice.rs from src/ui and src/platform/page.js; do not edit (NUDGE_UPDATE=1 cargo test --lib loader_copy)"),
            format!("  var CSS = {};", js(theme::BASE_CSS)),
            format!("  var CHAT_ICON = {};", js(icons::CHAT)),
            format!(
                "  var LABELS = {{ en: {}, fr: {} }};",
                js(&state::EN.launcher_label(false, 0)),
                js(&state::FR.launcher_label(false, 0))
            ),
            format!("  var DEFAULT_ACCENT = {};", js(&theme.color)),
            format!("  var DEFAULT_Z = {};", theme.z_index),
            format!("  var MOBILE_MAX_WIDTH = {MOBILE_MAX_WIDTH};"),
            format!("  var HOST_ID = {};", js(HOST_ID)),
            format!("  var CACHE_KEY = {};", js(&format!("{STORE_PREFIX}{LAST_GOOD_CONFIG_KEY}"))),
            guard_function(),
            END.to_string(),
        ]
        .join("\n")
    }

    /// src/platform/page.js's `guard`, as a function of the loader (a
    /// classic script: no `export`).
    fn guard_function() -> String {
        let source = include_str!("../platform/page.js");
        let mut out = Vec::new();
        for line in source.lines() {
            let line = line.replace("export function guard(", "function guard(");
            out.push(if line.is_empty() {
                line
            } else {
                format!("  {line}")
            });
        }
        out.join("\n")
    }

    #[test]
    fn the_loader_draws_its_launcher_and_its_guard_from_the_widget_s_own_sources() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/nudge.js");
        let text = std::fs::read_to_string(path).expect("static/nudge.js is readable");
        let start = text
            .find(BEGIN)
            .expect("static/nudge.js has a generated section");
        let end = start + text[start..].find(END).expect("the generated section ends") + END.len();
        let expected = generated();
        if text[start..end] == expected {
            return;
        }
        if std::env::var_os("NUDGE_UPDATE").is_some() {
            let updated = format!("{}{expected}{}", &text[..start], &text[end..]);
            std::fs::write(path, updated).expect("static/nudge.js is writable");
        } else {
            panic!("static/nudge.js's generated section is stale: run NUDGE_UPDATE=1 cargo test --lib loader_copy");
        }
    }

    #[test]
    fn js_strings_escape_quotes_backslashes_and_non_ascii() {
        assert_eq!(
            js("a\"b\\c\né😀"),
            "\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\""
        );
    }
}
