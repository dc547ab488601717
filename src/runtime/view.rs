//! What the UI needs from the config: theme, header and language, as the
//! UI's own plain types.

use crate::engine::Config;
use crate::ui::state::{Action, Lang, Side, Texts, WidgetState};
use crate::ui::theme::Theme;

/// The theme from `ui.color`, `ui.position` and `ui.z_index`.
pub fn theme_of(config: &Config) -> Theme {
    let mut theme = Theme::default();
    let ui = &config.ui;
    if let Some(color) = ui.get("color").and_then(|v| v.as_str()) {
        theme.color = color.to_owned();
    }
    if ui.get("position").and_then(|v| v.as_str()) == Some("left") {
        theme.side = Side::Left;
    }
    if let Some(z) = ui.get("z_index").and_then(|v| v.as_i64()) {
        theme.z_index = z.clamp(0, i64::from(i32::MAX)) as i32;
    }
    theme
}

/// The interface language: `ui.language`, else the site's language, else
/// the visitor's browser language.
pub fn lang_of(config: &Config, browser_language: &str) -> Lang {
    Lang::from_tag(language_tag(config, browser_language))
}

fn language_tag<'a>(config: &'a Config, browser_language: &'a str) -> &'a str {
    let configured = config
        .ui
        .get("language")
        .and_then(|v| v.as_str())
        .unwrap_or(&config.site.language);
    if configured.is_empty() {
        browser_language
    } else {
        configured
    }
}

/// The interface texts: the language's own, with `ui.texts` applied (the
/// texts for every language first, then those of the interface
/// language's primary subtag, e.g. `ui.texts.fr`).
pub fn texts_of(config: &Config, browser_language: &str) -> &'static Texts {
    let tag = language_tag(config, browser_language);
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut overrides: Vec<(String, String)> = Vec::new();
    let texts = config
        .ui
        .get("texts")
        .and_then(|t| t.as_object())
        .unwrap_or(&[]);
    let language = texts.iter().find(|(k, _)| *k == primary);
    let language = language.and_then(|(_, v)| v.as_object()).unwrap_or(&[]);
    for (key, value) in texts.iter().chain(language) {
        if let Some(text) = value.as_str() {
            overrides.push((key.clone(), text.to_owned()));
        }
    }
    Texts::with_overrides(Texts::for_lang(Lang::from_tag(tag)), &overrides)
}

/// The widget as it first renders: language, header and layout from the
/// config, before the engine has said anything.
pub fn initial_state(config: &Config, browser_language: &str, mobile: bool) -> WidgetState {
    let mut state = WidgetState::default();
    for action in initial_actions(config, browser_language, mobile) {
        state.apply(action);
    }
    state
}

fn initial_actions(config: &Config, browser_language: &str, mobile: bool) -> Vec<Action> {
    let team = &config.team;
    let name = if team.name.is_empty() {
        config.site.name.clone()
    } else {
        team.name.clone()
    };
    vec![
        Action::SetLang(lang_of(config, browser_language)),
        Action::SetTexts(texts_of(config, browser_language)),
        Action::SetMobile(mobile),
        Action::SetHeader {
            team_name: name,
            avatar: team.avatar.clone(),
            reply_time: Some(team.reply_time.clone()).filter(|t| !t.is_empty()),
        },
    ]
}
