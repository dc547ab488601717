//! The configs we ship (the demo shop's, French and English) are valid: no
//! error, no warning, and every rule survives validation.

use nudge::engine::{parse_config, RegexLitePatterns};

fn check(path: &str, rules: usize) {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).expect("the demo config is in the repository");
    let mut patterns = RegexLitePatterns::new();
    let (config, diagnostics) = match parse_config(&text, &mut patterns) {
        Ok(parsed) => parsed,
        Err(error) => panic!("{path}: {error}"),
    };
    let problems: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(problems.is_empty(), "{path}: {problems:#?}");
    assert_eq!(config.rules.len(), rules, "{path}: rules kept");
    assert_eq!(config.starters.len(), 5, "{path}: starters kept");
    assert_eq!(
        config.establishments.len(),
        2,
        "{path}: establishments kept"
    );
}

#[test]
fn the_french_demo_config_is_valid() {
    check("static/demo/nudge.json", 11);
}

#[test]
fn the_english_demo_config_is_valid() {
    check("static/demo/nudge.en.json", 11);
}
