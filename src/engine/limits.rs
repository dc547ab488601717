//! The limits that keep a hostile page, config or visitor bounded. One
//! source of truth: the composer, the JS API, the engine and the README's
//! "Robustness" section read them from here.

/// The longest message, the visitor's or an agent's, in characters (Unicode
/// scalar values). The composer stops there and shows a counter; the JS API
/// refuses longer messages with a warning, and so does the engine.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// The most messages a stored conversation keeps; the oldest go first.
pub const MAX_CONVERSATION_MESSAGES: usize = 200;

/// The deepest nesting of arrays and objects a JSON document (config or
/// saved state) may have; deeper is reported as "nesting deeper than N".
/// It bounds the parser's recursion, so a hostile document cannot overflow
/// the stack.
pub const MAX_JSON_DEPTH: usize = 128;

/// The deepest nesting of `all` / `any` / `not` in a rule's conditions;
/// deeper is an error on that rule ("conditions nested deeper than N").
pub const MAX_CONDITION_DEPTH: usize = 32;

/// How many non-fatal config problems the widget prints one by one; the
/// rest are counted in one last line (10 000 broken rules must not print
/// 10 000 warnings nor make a long task).
pub const SHOWN_PROBLEMS: usize = 20;

/// The markers around the README's generated table of limits.
pub const README_START: &str = "<!-- limits:start -->";
pub const README_END: &str = "<!-- limits:end -->";

/// The README's table of limits (between [`README_START`] and
/// [`README_END`]), generated from the constants so it cannot drift.
pub fn readme_limits() -> String {
    let too_deep =
        format!("Reported as \"nesting deeper than {MAX_JSON_DEPTH}\" with its line and column.");
    let rows: [(&str, String, &str); 7] = [
        (
            "Message (the visitor's or an agent's)",
            format!("{MAX_MESSAGE_CHARS} characters"),
            "The composer shows a counter near the limit and does not send beyond it; `Nudge('send')` and `Nudge('agentMessage')` refuse a longer text with a console warning.",
        ),
        (
            "Stored conversation",
            format!("{MAX_CONVERSATION_MESSAGES} messages"),
            "The oldest go first; tabs merge their conversations by message id.",
        ),
        (
            "JSON nesting (config, saved state)",
            format!("{MAX_JSON_DEPTH} levels"),
            &too_deep,
        ),
        (
            "Conditions nesting (`all` / `any` / `not`)",
            format!("{MAX_CONDITION_DEPTH} levels"),
            "Deeper is an error on that rule; the other rules run.",
        ),
        (
            "Regular expression",
            format!("{} instructions", super::regex::MAX_PROGRAM),
            "Larger patterns are refused with an error; matching is linear in the text.",
        ),
        (
            "Conversation starters",
            format!("{}", super::tables::MAX_STARTERS),
            "Further starters are dropped with a warning.",
        ),
        (
            "Config problems printed",
            format!("{SHOWN_PROBLEMS}"),
            "Then one line counts the others.",
        ),
    ];
    let mut out = String::from("\n| Limit | Value | Beyond it |\n|---|---|---|\n");
    for (name, value, beyond) in rows {
        out.push_str(&format!("| {name} | {value} | {beyond} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_table_of_limits_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md readable");
        let (Some(a), Some(b)) = (readme.find(README_START), readme.find(README_END)) else {
            panic!("README.md lacks the limits markers");
        };
        let generated = readme_limits();
        if std::env::var("NUDGE_UPDATE_SCHEMA").is_ok() {
            let next = format!(
                "{}{generated}{}",
                &readme[..a + README_START.len()],
                &readme[b..]
            );
            std::fs::write(&path, next).unwrap();
            return;
        }
        assert!(
            readme[a + README_START.len()..b] == generated,
            "the README's table of limits is stale; run NUDGE_UPDATE_SCHEMA=1 cargo test --lib engine"
        );
    }
}
