//! "Sauvegarder et activer": what the merchant pastes into their site. The
//! config file is the draft's own text (import then export gives the same
//! JSON value; unknown fields are kept). Nothing is sent anywhere.

/// Escapes a text for an HTML attribute value in double quotes.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// How the tag loads: `async` never holds the page's parsing or its
/// DOMContentLoaded scripts back, and `fetchpriority="high"` has Chromium
/// run it as soon as it has arrived, before DOMContentLoaded when it can,
/// instead of after the page's first frame (Chromium 156 runs a
/// low-priority `async` script late). Measured by scripts/bench.mjs; the
/// README's "Embed it" shows the same tag (a test below compares them).
const LOADING: &str = "async fetchpriority=\"high\"";

/// The script tag with the config's URL.
pub fn script_tag(widget_base: &str, config_url: &str, establishment: Option<&str>) -> String {
    let mut tag = format!(
        "<script src=\"{}/nudge.js\"\n        data-config=\"{}\"",
        attr(widget_base.trim_end_matches('/')),
        attr(config_url)
    );
    if let Some(e) = establishment.filter(|e| !e.is_empty()) {
        tag.push_str(&format!("\n        data-establishment=\"{}\"", attr(e)));
    }
    tag.push_str(&format!(" {LOADING}></script>"));
    tag
}

/// The config inline in the page, then the script tag without `data-config`.
/// `</` is written `<\/` (same JSON value) so the config cannot close the
/// script element early.
pub fn inline_tags(widget_base: &str, config_json: &str, establishment: Option<&str>) -> String {
    let safe = config_json.trim_end().replace("</", "<\\/");
    let mut tag = format!(
        "<script type=\"application/json\" id=\"nudge-config\">\n{safe}\n</script>\n<script src=\"{}/nudge.js\"",
        attr(widget_base.trim_end_matches('/'))
    );
    if let Some(e) = establishment.filter(|e| !e.is_empty()) {
        tag.push_str(&format!(" data-establishment=\"{}\"", attr(e)));
    }
    tag.push_str(&format!(" {LOADING}></script>"));
    tag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::json;

    #[test]
    fn the_script_tag_names_the_config_and_the_establishment() {
        assert_eq!(
            script_tag("https://w.example/", "https://s.example/nudge.json", Some("lyon")),
            "<script src=\"https://w.example/nudge.js\"\n        data-config=\"https://s.example/nudge.json\"\n        data-establishment=\"lyon\" async fetchpriority=\"high\"></script>"
        );
    }

    #[test]
    fn the_readme_shows_the_tag_the_console_gives() {
        let readme = include_str!("../../README.md");
        let tag = script_tag(
            "https://widget-host.example",
            "https://shop.example/nudge.json",
            Some("paris"),
        );
        assert!(
            readme.contains(&tag),
            "README.md, \"Embed it\", should show:\n{tag}"
        );
    }

    #[test]
    fn attribute_values_are_escaped() {
        assert!(script_tag("https://w", "x\"><b>", None)
            .contains("data-config=\"x&quot;&gt;&lt;b&gt;\""));
    }

    #[test]
    fn the_inline_config_cannot_close_its_script_and_keeps_its_value() {
        let config = r#"{"welcome_message":"</script><b>hi"}"#;
        let tags = inline_tags("https://w", config, None);
        assert!(!tags.contains("</script><b>"));
        let inner = tags.split('\n').nth(1).unwrap();
        assert_eq!(json::parse(inner).unwrap(), json::parse(config).unwrap());
    }
}
