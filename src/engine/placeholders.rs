//! `{{namespace.key}}` placeholders in every merchant text.
//!
//! Why parsed once: validation must reject unknown placeholders up front
//! (so no output ever contains `{{`), and rendering a pre-split template is a
//! cheap concatenation.

/// The establishment facts every establishment may have, even if unset.
pub const STANDARD_FACTS: &[&str] = &["id", "name", "address", "phone", "opening_hours"];

/// Placeholder namespaces and their fixed keys (`visitor` takes any key).
pub const PLACEHOLDERS: &[&str] = &[
    "site.name",
    "team.name",
    "team.reply_time",
    "establishment.<fact>",
    "visitor.<attribute>",
];

/// One piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    SiteName,
    TeamName,
    TeamReplyTime,
    Establishment(String),
    Visitor(String),
}

/// A text with its placeholders resolved to [`Part`]s.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    pub parts: Vec<Part>,
}

/// What rendering a template needs.
pub struct RenderContext<'a> {
    pub site_name: &'a str,
    pub team_name: &'a str,
    pub reply_time: &'a str,
    /// The facts of the establishment selected for the page.
    pub establishment: &'a [(String, String)],
    pub attributes: &'a [(String, String)],
}

impl Template {
    /// Splits `text` into parts. `known_fact` says whether an establishment
    /// fact exists. Errors are messages (the caller adds the path).
    pub fn parse(text: &str, known_fact: &dyn Fn(&str) -> bool) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        let mut errors: Vec<String> = Vec::new();
        while let Some(start) = super::find_str(rest, "{{") {
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let after = &rest[start + 2..];
            let end = match super::find_str(after, "}}") {
                Some(e) => e,
                None => {
                    errors.push("unterminated placeholder \"{{\"; expected \"}}\"".to_string());
                    rest = "";
                    break;
                }
            };
            let name = after[..end].trim();
            match placeholder(name, known_fact) {
                Ok(p) => parts.push(p),
                Err(e) => errors.push(e),
            }
            rest = &after[end + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        if errors.is_empty() {
            Ok(Template { parts })
        } else {
            Err(super::validate::join_all(
                &mut errors.iter().map(String::as_str),
                "; ",
            ))
        }
    }

    /// A template without placeholders.
    pub fn plain(text: &str) -> Template {
        Template {
            parts: vec![Part::Text(text.to_string())],
        }
    }

    /// Fills the placeholders. Missing values render as empty strings, and
    /// inserted values never introduce a `{{`.
    pub fn render(&self, cx: &RenderContext) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::SiteName => push_value(&mut out, cx.site_name),
                Part::TeamName => push_value(&mut out, cx.team_name),
                Part::TeamReplyTime => push_value(&mut out, cx.reply_time),
                Part::Establishment(k) => push_value(&mut out, lookup(cx.establishment, k)),
                Part::Visitor(k) => push_value(&mut out, lookup(cx.attributes, k)),
            }
        }
        out
    }
}

fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// Appends a value, dropping any `{` that would follow another `{` so that
/// visitor-supplied values cannot forge a placeholder in the output.
fn push_value(out: &mut String, value: &str) {
    for c in value.chars() {
        if c == '{' && out.ends_with('{') {
            continue;
        }
        out.push(c);
    }
}

fn placeholder(name: &str, known_fact: &dyn Fn(&str) -> bool) -> Result<Part, String> {
    let (ns, key) = match name.split_once('.') {
        Some(x) => x,
        None => (name, ""),
    };
    let unknown = || {
        Err(format!(
            "unknown placeholder \"{{{{{}}}}}\"; expected one of {}",
            name,
            super::validate::one_of(PLACEHOLDERS)
        ))
    };
    match (ns, key) {
        ("site", "name") => Ok(Part::SiteName),
        ("team", "name") => Ok(Part::TeamName),
        ("team", "reply_time") => Ok(Part::TeamReplyTime),
        ("establishment", k) if !k.is_empty() => {
            if known_fact(k) {
                Ok(Part::Establishment(k.to_string()))
            } else {
                Err(format!(
                    "unknown establishment fact \"{}\" in placeholder \"{{{{{}}}}}\"; expected a fact defined in \"establishments\"",
                    k, name
                ))
            }
        }
        ("visitor", k) if !k.is_empty() => Ok(Part::Visitor(k.to_string())),
        _ => unknown(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_and_rejects_unknown_ones() {
        let known = |f: &str| f == "address";
        let t =
            Template::parse("A {{ establishment.address }} / {{visitor.name}}!", &known).unwrap();
        let est = vec![("address".to_string(), "1 rue X".to_string())];
        let attrs = vec![("name".to_string(), "{{evil}}".to_string())];
        let cx = RenderContext {
            site_name: "",
            team_name: "",
            reply_time: "",
            establishment: &est,
            attributes: &attrs,
        };
        let out = t.render(&cx);
        assert_eq!(out, "A 1 rue X / {evil}}!");
        assert!(!out.contains("{{"));
        assert!(Template::parse("{{establishment.fax}}", &known).is_err());
        assert!(Template::parse("{{shop.name}}", &known).is_err());
        assert!(Template::parse("hello {{site.name", &known).is_err());
    }
}
