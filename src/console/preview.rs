//! The live preview's model: the real engine runs the draft for one
//! simulated visitor (the preview's switches pick the page's URL, the
//! establishment, language, business hours, team status and width; its clicks open the
//! panel and pick starters), and its outputs become the widget's own
//! [`WidgetState`] through the widget's own actions. The view renders it
//! with the widget's own view ([`crate::ui::WidgetView`]).

use crate::engine::json;
use crate::engine::{Config, Engine, Input, Output, PageInfo, Timestamp};
use crate::ui::state::{Action, Author, Bubble, TeamStatus, WidgetState};
use crate::ui::{Lang, Theme};

use super::check;
use super::doc::{self, p};
use super::simulate::{monday, wall, DAY, MIN, SEC};
use super::state::{Hours, PreviewOpts};

/// Width of the phone frame (the widget goes full screen under 480 px).
pub const PHONE_WIDTH: u32 = 375;
/// Proactive messages are looked for during this much visible time.
const LOOK_AHEAD: u64 = 10 * MIN;

/// What the preview shows.
pub struct PreviewRun {
    pub state: WidgetState,
    pub theme: Theme,
    /// The proactive message shown over the closed launcher: (id, second).
    pub proactive: Option<(String, u64)>,
    /// False when the wanted business-hours side does not exist (no hours:
    /// always open; or never open).
    pub hours_found: bool,
}

/// The first minute of the simulated week that is inside (or outside)
/// business hours, starting Monday 10:00.
fn start_time(config: &Config, hours: Hours) -> (u64, bool) {
    let first = monday() + 10 * 60 * MIN;
    let Some(bh) = &config.business_hours else {
        return (first, hours == Hours::Inside);
    };
    let want_open = hours == Hours::Inside;
    let mut t = first;
    while t < first + 7 * DAY {
        let w = wall(t);
        if bh.is_open(w.day_number(), w.minute_of_day) == want_open {
            return (t, true);
        }
        t += 30 * MIN;
    }
    (first, false)
}

fn hh_mm(t: u64) -> String {
    let m = (t % DAY) / MIN;
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn bubble(m: crate::engine::ChatMessage) -> Bubble {
    Bubble {
        id: m.id,
        author: match m.author {
            crate::engine::Author::Visitor => Author::Visitor,
            crate::engine::Author::Agent => Author::Agent,
            crate::engine::Author::Bot => Author::Bot,
        },
        text: m.text,
        time: hh_mm(m.at.0),
    }
}

/// The draft with the preview's language switch applied.
fn with_lang(text: &str, lang: Option<Lang>) -> String {
    let Some(lang) = lang else {
        return text.to_string();
    };
    let Ok(mut d) = json::parse(text) else {
        return text.to_string();
    };
    let tag = if lang == Lang::Fr { "fr" } else { "en" };
    doc::set(&mut d, &p(&["site", "language"]), doc::string(tag));
    if doc::get(&d, &p(&["ui"])).is_some() {
        doc::set(&mut d, &p(&["ui", "language"]), doc::string(tag));
    }
    d.to_json()
}

/// The preview's shop: a path typed in the URL switch is on it.
pub const SHOP: &str = "https://shop.example";

/// The URL the preview's visitor is on: what the merchant typed, a path
/// being taken on [`SHOP`] (empty: its home page). Typed text is only ever
/// a string the engine's conditions read.
fn page_url(typed: &str) -> String {
    let typed = typed.trim();
    if typed.is_empty() {
        format!("{SHOP}/")
    } else if typed.starts_with('/') {
        format!("{SHOP}{typed}")
    } else if typed.contains("://") {
        typed.to_string()
    } else {
        format!("{SHOP}/{typed}")
    }
}

/// Runs the preview; None when the draft is not a config.
pub fn run(text: &str, opts: &PreviewOpts) -> Option<PreviewRun> {
    let text = with_lang(text, opts.lang);
    let (config, patterns) = check::compile(&text)?;
    let (start, hours_found) = start_time(&config, opts.hours);
    let width = if opts.phone { PHONE_WIDTH } else { 1280 };
    let browser_lang = match opts.lang {
        Some(Lang::En) => "en-GB",
        _ => "fr-FR",
    };
    let mut state = crate::runtime::view::initial_state(
        &config,
        browser_lang,
        width < crate::runtime::MOBILE_MAX_WIDTH,
    );
    let theme = crate::runtime::theme_of(&config);
    let mut engine = Engine::new(config, None, patterns);
    let mut now = start;
    let mut proactive = None;
    let apply = |engine: &mut Engine,
                 state: &mut WidgetState,
                 now: u64,
                 proactive: &mut Option<(String, u64)>| {
        while let Some(o) = engine.poll_output() {
            match o {
                Output::Conversation(ms) => state.apply(Action::SetConversation(
                    ms.into_iter().map(bubble).collect(),
                )),
                Output::Message(m) => state.apply(Action::Append(bubble(m))),
                Output::Preview(m) => {
                    if let Some(m) = &m {
                        if proactive.is_none() {
                            *proactive =
                                Some((m.rule.clone().unwrap_or_default(), (now - start) / SEC));
                        }
                    }
                    state.apply(Action::SetPreview(m.map(bubble)))
                }
                Output::Starters(t) => state.apply(Action::SetStarters(t)),
                Output::Unread(n) => state.apply(Action::SetUnread(n)),
                Output::Team { status, open_now } => state.apply(Action::SetTeam {
                    status: match status {
                        _ if !open_now => TeamStatus::Offline,
                        crate::engine::TeamStatus::Online => TeamStatus::Online,
                        crate::engine::TeamStatus::Busy => TeamStatus::Busy,
                        crate::engine::TeamStatus::Offline => TeamStatus::Offline,
                    },
                }),
                _ => {}
            }
        }
    };
    let page = PageInfo {
        url: page_url(&opts.url),
        title: "Accueil".into(),
        referrer: String::new(),
        language: browser_lang.into(),
        viewport_width: width,
        establishment: opts.establishment.clone(),
    };
    engine.handle_input(
        Timestamp(now),
        Input::PageView {
            page,
            wall: wall(now),
        },
    );
    if let Some(team) = &opts.team {
        let status = match team.as_str() {
            "busy" => crate::engine::TeamStatus::Busy,
            "offline" => crate::engine::TeamStatus::Offline,
            _ => crate::engine::TeamStatus::Online,
        };
        engine.handle_input(Timestamp(now), Input::SetTeamStatus(status));
    }
    apply(&mut engine, &mut state, now, &mut proactive);
    if opts.open {
        state.apply(Action::Open);
        engine.handle_input(Timestamp(now), Input::ChatOpened);
        apply(&mut engine, &mut state, now, &mut proactive);
        for &i in &opts.clicked {
            now += SEC;
            engine.handle_input(Timestamp(now), Input::StarterClicked { index: i });
            apply(&mut engine, &mut state, now, &mut proactive);
        }
    } else {
        // Let time pass until the first proactive message, if any.
        let end = now + LOOK_AHEAD;
        while proactive.is_none() {
            match engine.poll_timeout() {
                Some(t) if t.0 <= end && t.0 > now => {
                    now = t.0;
                    engine.handle_input(Timestamp(now), Input::Timer { wall: wall(now) });
                    apply(&mut engine, &mut state, now, &mut proactive);
                }
                _ => break,
            }
        }
        if opts.dismissed {
            state.apply(Action::SetPreview(None));
        }
    }
    Some(PreviewRun {
        state,
        theme,
        proactive,
        hours_found,
    })
}
