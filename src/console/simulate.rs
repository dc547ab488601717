//! The journey simulator: a visitor's journey, written by the merchant, run
//! through the real engine on simulated time. It gives the timeline (which
//! message at which second on which page) and, for every enabled message
//! that did not fire, why (from the engine's own trace, `engine::explain`).
//!
//! Simulated time follows the engine's test harness: the site's wall clock
//! is UTC-like and the week starts on Monday 2026-11-23; only the wall time
//! the merchant picks matters to the rules.

use crate::engine::clock::day_number;
use crate::engine::engine::explain::{Outcome, Round};
use crate::engine::engine::Skip;
use crate::engine::{
    Author, Config, Engine, Input, Output, PageInfo, TeamStatus, Timestamp, Trigger, WallClock,
    ABSENCE_ID, WELCOME_ID,
};

use super::check::check;

pub const SEC: u64 = 1_000;
pub const MIN: u64 = 60 * SEC;
pub const DAY: u64 = 24 * 60 * MIN;

/// Monday 2026-11-23 00:00 of the simulated site.
pub fn monday() -> u64 {
    day_number(2026, 11, 23) as u64 * DAY
}

/// The site's wall clock at simulated time `t`.
pub fn wall(t: u64) -> WallClock {
    WallClock::at((t / DAY) as i64, ((t % DAY) / MIN) as u16)
}

/// Who the visitor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visitor {
    First,
    /// Came before, `days_ago` days earlier (one page view then).
    Returning {
        days_ago: u32,
    },
}

/// One thing the visitor (or the team) does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A page load.
    Open {
        url: String,
        title: String,
    },
    Stay {
        seconds: u32,
    },
    /// The tab is hidden for a while (time on page pauses).
    Hide {
        seconds: u32,
    },
    Scroll {
        percent: u8,
    },
    /// The mouse leaves the page (exit intent).
    Leave,
    OpenChat,
    ClickStarter {
        index: usize,
    },
    Write {
        text: String,
    },
    AgentReply {
        text: String,
    },
    TeamStatus {
        status: String,
    },
    Event {
        name: String,
    },
    Attribute {
        name: String,
        value: String,
    },
}

impl Step {
    /// The step kinds, in the editor's order (name used by the form).
    pub const KINDS: [&'static str; 12] = [
        "open",
        "stay",
        "hide",
        "scroll",
        "leave",
        "open_chat",
        "starter",
        "write",
        "agent",
        "team",
        "event",
        "attribute",
    ];

    pub fn kind(&self) -> &'static str {
        match self {
            Step::Open { .. } => "open",
            Step::Stay { .. } => "stay",
            Step::Hide { .. } => "hide",
            Step::Scroll { .. } => "scroll",
            Step::Leave => "leave",
            Step::OpenChat => "open_chat",
            Step::ClickStarter { .. } => "starter",
            Step::Write { .. } => "write",
            Step::AgentReply { .. } => "agent",
            Step::TeamStatus { .. } => "team",
            Step::Event { .. } => "event",
            Step::Attribute { .. } => "attribute",
        }
    }

    /// A default step of `kind`.
    pub fn of_kind(kind: &str) -> Step {
        match kind {
            "open" => Step::Open {
                url: "https://shop.example/".into(),
                title: "Accueil".into(),
            },
            "hide" => Step::Hide { seconds: 30 },
            "scroll" => Step::Scroll { percent: 50 },
            "leave" => Step::Leave,
            "open_chat" => Step::OpenChat,
            "starter" => Step::ClickStarter { index: 0 },
            "write" => Step::Write {
                text: "Bonjour".into(),
            },
            "agent" => Step::AgentReply {
                text: "Je regarde ça".into(),
            },
            "team" => Step::TeamStatus {
                status: "offline".into(),
            },
            "event" => Step::Event {
                name: "added_to_cart".into(),
            },
            "attribute" => Step::Attribute {
                name: "plan".into(),
                value: "vip".into(),
            },
            _ => Step::Stay { seconds: 30 },
        }
    }
}

/// A journey the merchant writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    pub visitor: Visitor,
    /// 0 = Monday.
    pub start_day: u8,
    /// Minutes since midnight, site time.
    pub start_minute: u16,
    pub establishment: Option<String>,
    /// The browser's language.
    pub language: String,
    pub viewport_width: u32,
    pub steps: Vec<Step>,
}

impl Default for Journey {
    fn default() -> Self {
        Journey {
            visitor: Visitor::First,
            start_day: 0,
            start_minute: 10 * 60,
            establishment: None,
            language: "fr-FR".into(),
            viewport_width: 1280,
            steps: vec![Step::of_kind("open"), Step::Stay { seconds: 60 }],
        }
    }
}

impl Journey {
    /// Simulated time of the first page view.
    pub fn start(&self) -> u64 {
        monday() + u64::from(self.start_day % 7) * DAY + u64::from(self.start_minute) * MIN
    }

    /// Total simulated length, in seconds.
    pub fn length(&self) -> u64 {
        self.steps
            .iter()
            .map(|s| match s {
                Step::Stay { seconds } | Step::Hide { seconds } => u64::from(*seconds),
                _ => 0,
            })
            .sum()
    }
}

/// A message the visitor got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fired {
    /// Seconds since the journey started (fractions dropped).
    pub second: u64,
    pub ms: u64,
    pub page: String,
    /// The rule id, or `welcome_message` / `absence_message`.
    pub id: String,
    pub text: String,
}

/// Why an enabled message never fired during the journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Its trigger never happened (the description of the trigger).
    NeverDue,
    /// A false condition (described; "business_hours: open" means outside hours).
    Condition(String),
    Frequency,
    /// Lost the collision to this message.
    LostTo(String),
    Gap,
    Quiet,
    Dismissed,
}

/// The verdict for one enabled message that did not fire.
#[derive(Debug, Clone, PartialEq)]
pub struct NotFired {
    pub id: String,
    pub trigger: Trigger,
    pub why: Why,
    /// When it was last due (seconds since the start) and on which page.
    pub due: Option<(u64, String)>,
}

/// What a journey gives back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    pub fired: Vec<Fired>,
    pub not_fired: Vec<NotFired>,
    /// Config problems (a config with errors still runs, like in the widget).
    pub errors: usize,
    /// Set when the draft is not a config at all.
    pub fatal: Option<String>,
}

struct Run {
    engine: Option<Engine>,
    now: u64,
    start: u64,
    page: String,
    saved: Option<String>,
    fired: Vec<Fired>,
    rounds: Vec<(Round, String)>,
}

impl Run {
    fn drain(&mut self) {
        let Some(engine) = self.engine.as_mut() else {
            return;
        };
        while let Some(o) = engine.poll_output() {
            match o {
                Output::Persist(s) => self.saved = Some(s),
                Output::Fired { message_id, text } => self.fired.push(Fired {
                    second: (self.now - self.start) / SEC,
                    ms: self.now - self.start,
                    page: self.page.clone(),
                    id: message_id,
                    text,
                }),
                Output::Message(m) if m.author == Author::Bot => {
                    if let Some(id @ (WELCOME_ID | ABSENCE_ID)) = m.rule.as_deref() {
                        self.fired.push(Fired {
                            second: (self.now - self.start) / SEC,
                            ms: self.now - self.start,
                            page: self.page.clone(),
                            id: id.to_string(),
                            text: m.text,
                        });
                    }
                }
                _ => {}
            }
        }
        for r in engine.take_trace() {
            self.rounds.push((r, self.page.clone()));
        }
    }

    fn input(&mut self, input: Input) {
        if let Some(e) = self.engine.as_mut() {
            e.handle_input(Timestamp(self.now), input);
        }
        self.drain();
    }

    /// Lets `ms` pass, firing every timer on the way.
    fn advance(&mut self, ms: u64) {
        let target = self.now + ms;
        loop {
            let deadline = match self.engine.as_ref().and_then(|e| e.poll_timeout()) {
                Some(t) if t.0 <= target => t.0,
                _ => break,
            };
            // Never spins: a deadline not in the future is served once.
            self.now = self.now.max(deadline);
            let w = wall(self.now);
            self.input(Input::Timer { wall: w });
            if self
                .engine
                .as_ref()
                .and_then(|e| e.poll_timeout())
                .is_some_and(|t| t.0 <= self.now)
            {
                break;
            }
        }
        self.now = target;
    }
}

/// Runs `journey` on the config `text`.
pub fn run(text: &str, journey: &Journey) -> Timeline {
    let checked = check(text);
    let errors = checked.errors();
    let Some(config) = checked.config else {
        return Timeline {
            fatal: checked.problems.first().map(|p| p.message.clone()),
            ..Timeline::default()
        };
    };
    let start = journey.start();
    let mut run = Run {
        engine: None,
        now: start,
        start,
        page: String::new(),
        saved: None,
        fired: Vec::new(),
        rounds: Vec::new(),
    };
    let page_info = |url: &str, title: &str| PageInfo {
        url: url.to_string(),
        title: title.to_string(),
        referrer: String::new(),
        language: journey.language.clone(),
        viewport_width: journey.viewport_width,
        establishment: journey.establishment.clone(),
    };
    if let Visitor::Returning { days_ago } = journey.visitor {
        // One earlier page view, its state saved as the widget would.
        let before = start.saturating_sub(u64::from(days_ago.max(1)) * DAY);
        let mut earlier = fresh_engine(text, &config, None);
        earlier.handle_input(
            Timestamp(before),
            Input::PageView {
                page: page_info("https://shop.example/", "Accueil"),
                wall: wall(before),
            },
        );
        while let Some(o) = earlier.poll_output() {
            if let Output::Persist(s) = o {
                run.saved = Some(s);
            }
        }
    }
    let mut steps = journey.steps.clone();
    if !matches!(steps.first(), Some(Step::Open { .. })) {
        steps.insert(0, Step::of_kind("open"));
    }
    for step in steps {
        match step {
            Step::Open { url, title } => {
                run.drain();
                let mut engine = fresh_engine(text, &config, run.saved.as_deref());
                engine.record_trace();
                run.engine = Some(engine);
                run.page = url.clone();
                let w = wall(run.now);
                run.input(Input::PageView {
                    page: page_info(&url, &title),
                    wall: w,
                });
            }
            Step::Stay { seconds } => run.advance(u64::from(seconds) * SEC),
            Step::Hide { seconds } => {
                run.input(Input::Visibility { visible: false });
                run.advance(u64::from(seconds) * SEC);
                run.input(Input::Visibility { visible: true });
            }
            Step::Scroll { percent } => run.input(Input::Scroll {
                percent: percent.min(100),
            }),
            Step::Leave => run.input(Input::ExitIntent),
            Step::OpenChat => run.input(Input::ChatOpened),
            Step::ClickStarter { index } => {
                run.input(Input::ChatOpened);
                run.input(Input::StarterClicked { index });
            }
            Step::Write { text } => run.input(Input::VisitorMessage { text }),
            Step::AgentReply { text } => run.input(Input::AgentMessage { text }),
            Step::TeamStatus { status } => run.input(Input::SetTeamStatus(match status.as_str() {
                "busy" => TeamStatus::Busy,
                "offline" => TeamStatus::Offline,
                _ => TeamStatus::Online,
            })),
            Step::Event { name } => run.input(Input::CustomEvent { name }),
            Step::Attribute { name, value } => run.input(Input::SetAttributes(vec![(name, value)])),
        }
    }
    run.drain();
    let not_fired = verdicts(&config, &run);
    Timeline {
        fired: run.fired,
        not_fired,
        errors,
        fatal: None,
    }
}

/// A new page load's engine: the config compiled again, so its regular
/// expressions live in this engine's own `Patterns`.
fn fresh_engine(text: &str, config: &Config, saved: Option<&str>) -> Engine {
    match super::check::compile(text) {
        Some((c, patterns)) => Engine::new(c, saved, patterns),
        None => Engine::new(config.clone(), saved, super::check::new_patterns()),
    }
}

/// For every enabled message that never fired: the last reason it was
/// held back, else "its trigger never happened".
fn verdicts(config: &Config, run: &Run) -> Vec<NotFired> {
    let mut out = Vec::new();
    for rule in &config.rules {
        if run.fired.iter().any(|f| f.id == rule.id) {
            continue;
        }
        let last = run.rounds.iter().rev().find_map(|(round, page)| {
            round
                .others
                .iter()
                .find(|(id, _)| *id == rule.id)
                .map(|(_, outcome)| (round, page, outcome))
        });
        let (why, due) = match last {
            None => (Why::NeverDue, None),
            Some((round, page, outcome)) => {
                let why = match outcome {
                    // No winner in the round: the message that fired
                    // earlier in the same input (one message per input).
                    Outcome::Lost => Why::LostTo(round.winner.clone().unwrap_or_else(|| {
                        run.fired
                            .iter()
                            .rev()
                            .find(|f| f.ms == round.at.saturating_sub(run.start))
                            .map(|f| f.id.clone())
                            .unwrap_or_default()
                    })),
                    Outcome::Skipped(Skip::Condition, what) => {
                        Why::Condition(what.clone().unwrap_or_default())
                    }
                    Outcome::Skipped(Skip::Frequency, _) => Why::Frequency,
                    Outcome::Skipped(Skip::Gap, _) => Why::Gap,
                    Outcome::Skipped(Skip::Quiet, _) => Why::Quiet,
                    Outcome::Skipped(Skip::Dismissed, _) => Why::Dismissed,
                };
                (
                    why,
                    Some(((round.at.saturating_sub(run.start)) / SEC, page.clone())),
                )
            }
        };
        out.push(NotFired {
            id: rule.id.clone(),
            trigger: rule.trigger.clone(),
            why,
            due,
        });
    }
    out
}

/// A ready-made journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Shipped {
    pub slug: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub journey: Journey,
}

fn open(url: &str, title: &str) -> Step {
    Step::Open {
        url: url.into(),
        title: title.into(),
    }
}

fn stay(seconds: u32) -> Step {
    Step::Stay { seconds }
}

/// The journeys of the seed scenarios (Smartsupp's presets and tips,
/// Partoo's welcome, absence and starters), on the demo shop's URLs.
pub fn library() -> Vec<Shipped> {
    let shop = "https://shop.example";
    let j = |steps: Vec<Step>| Journey {
        steps,
        ..Journey::default()
    };
    vec![
        Shipped {
            slug: "first-visit",
            fr: "Première visite",
            en: "First visit",
            journey: j(vec![open(&format!("{shop}/"), "Accueil"), stay(150)]),
        },
        Shipped {
            slug: "returning-visitor",
            fr: "Visiteur de retour",
            en: "Returning visitor",
            journey: Journey {
                visitor: Visitor::Returning { days_ago: 3 },
                ..j(vec![open(&format!("{shop}/"), "Accueil"), stay(60)])
            },
        },
        Shipped {
            slug: "busy",
            fr: "Équipe occupée",
            en: "Busy team",
            journey: j(vec![
                open(&format!("{shop}/"), "Accueil"),
                Step::TeamStatus {
                    status: "busy".into(),
                },
                stay(5),
                Step::OpenChat,
                Step::Write {
                    text: "Bonjour, une question ?".into(),
                },
                stay(60),
            ]),
        },
        Shipped {
            slug: "offline",
            fr: "Équipe hors ligne",
            en: "Team offline",
            journey: j(vec![
                open(&format!("{shop}/"), "Accueil"),
                Step::TeamStatus {
                    status: "offline".into(),
                },
                stay(5),
                Step::OpenChat,
                Step::Write {
                    text: "Bonjour ?".into(),
                },
                stay(10),
            ]),
        },
        Shipped {
            slug: "checkout-help",
            fr: "Conseil : aide à la commande",
            en: "Tip: checkout help",
            journey: j(vec![
                open(&format!("{shop}/demo/cart/step2.html"), "Panier"),
                stay(90),
            ]),
        },
        Shipped {
            slug: "bicycles",
            fr: "Conseil : offre vélos",
            en: "Tip: bicycle offer",
            journey: j(vec![
                open(&format!("{shop}/demo/bicycles.html"), "Vélos"),
                Step::Scroll { percent: 60 },
                stay(60),
            ]),
        },
        Shipped {
            slug: "compare",
            fr: "Conseil : aide au choix",
            en: "Tip: choosing a product",
            journey: j(vec![
                open(&format!("{shop}/demo/compare.html"), "Comparer"),
                stay(60),
            ]),
        },
        Shipped {
            slug: "next-purchase",
            fr: "Conseil : remise après commande",
            en: "Tip: next-purchase discount",
            journey: j(vec![
                open(
                    &format!("{shop}/demo/order/success.html"),
                    "Commande confirmée",
                ),
                stay(30),
            ]),
        },
        Shipped {
            slug: "welcome",
            fr: "Partoo : message de bienvenue",
            en: "Partoo: welcome message",
            journey: j(vec![
                open(&format!("{shop}/"), "Accueil"),
                stay(5),
                Step::OpenChat,
                stay(5),
            ]),
        },
        Shipped {
            slug: "absence",
            fr: "Partoo : message d'absence",
            en: "Partoo: absence message",
            journey: Journey {
                start_minute: 21 * 60,
                ..j(vec![
                    open(&format!("{shop}/"), "Accueil"),
                    stay(5),
                    Step::OpenChat,
                    stay(5),
                ])
            },
        },
        Shipped {
            slug: "starters",
            fr: "Partoo : sujets de conversation",
            en: "Partoo: conversation starters",
            journey: j(vec![
                open(&format!("{shop}/"), "Accueil"),
                stay(5),
                Step::ClickStarter { index: 0 },
                stay(5),
            ]),
        },
    ]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const DEMO: &str = include_str!("../../static/demo/nudge.json");

    fn shipped(slug: &str) -> Journey {
        library()
            .into_iter()
            .find(|s| s.slug == slug)
            .unwrap()
            .journey
    }

    fn ids(t: &Timeline) -> Vec<(u64, &str)> {
        t.fired.iter().map(|f| (f.second, f.id.as_str())).collect()
    }

    #[test]
    fn a_first_visit_gets_the_first_visit_preset_at_thirty_seconds() {
        let t = run(DEMO, &shipped("first-visit"));
        assert!(ids(&t).contains(&(30, "first_visit")), "{:?}", ids(&t));
    }

    #[test]
    fn the_returning_visitor_journey_gets_the_returning_preset_not_the_first_visit_one() {
        let t = run(DEMO, &shipped("returning-visitor"));
        assert!(
            ids(&t).iter().any(|(_, id)| *id == "returning_visitor"),
            "{:?}",
            ids(&t)
        );
        let first = t.not_fired.iter().find(|n| n.id == "first_visit").unwrap();
        assert_eq!(first.why, Why::Condition("visitor: first".into()));
    }

    #[test]
    fn outside_business_hours_the_chat_opens_on_the_absence_message() {
        let t = run(DEMO, &shipped("absence"));
        assert_eq!(ids(&t), [(5, "absence_message")]);
    }

    #[test]
    fn a_message_that_lost_a_collision_names_the_winner() {
        let config = r#"{
          "auto_messages": [
            {"id": "a", "text": "A", "trigger": {"type": "time_on_page", "seconds": 10}, "priority": 5},
            {"id": "b", "text": "B", "trigger": {"type": "time_on_page", "seconds": 10}}
          ]}"#;
        let t = run(
            config,
            &Journey {
                steps: vec![open("https://x/", "X"), stay(20)],
                ..Journey::default()
            },
        );
        assert_eq!(ids(&t), [(10, "a")]);
        assert_eq!(t.not_fired[0].why, Why::LostTo("a".into()));
        assert_eq!(t.not_fired[0].due, Some((10, "https://x/".into())));
    }

    #[test]
    fn a_message_whose_trigger_never_came_says_so() {
        let config = r#"{"auto_messages": [{"id": "late", "text": "L", "trigger": {"type": "time_on_page", "seconds": 100}}]}"#;
        let t = run(
            config,
            &Journey {
                steps: vec![stay(20)],
                ..Journey::default()
            },
        );
        assert_eq!(t.not_fired[0].why, Why::NeverDue);
    }

    #[test]
    fn the_minimum_gap_and_agent_conversation_are_reasons() {
        let config = r#"{
          "behaviour": {"min_gap_seconds": 60, "quiet_during_agent_conversation": true},
          "auto_messages": [
            {"id": "a", "text": "A", "trigger": {"type": "time_on_page", "seconds": 10}},
            {"id": "b", "text": "B", "trigger": {"type": "time_on_page", "seconds": 20}},
            {"id": "c", "text": "C", "trigger": {"type": "event", "name": "go"}}
          ]}"#;
        let journey = Journey {
            steps: vec![
                stay(30),
                Step::AgentReply { text: "hi".into() },
                stay(60),
                Step::Event { name: "go".into() },
            ],
            ..Journey::default()
        };
        let t = run(config, &journey);
        let why = |id: &str| t.not_fired.iter().find(|n| n.id == id).unwrap().why.clone();
        assert_eq!(why("b"), Why::Gap);
        assert_eq!(why("c"), Why::Quiet);
    }

    #[test]
    fn a_config_that_is_not_json_gives_a_fatal_error() {
        let t = run("{", &Journey::default());
        assert!(t.fatal.is_some());
    }

    #[test]
    fn every_shipped_journey_runs_on_the_demo_config() {
        for s in library() {
            let t = run(DEMO, &s.journey);
            assert!(t.fatal.is_none());
            assert!(!t.fired.is_empty(), "{} fired nothing", s.slug);
        }
    }
}
