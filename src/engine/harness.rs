//! Simulated-time test harness (after quinn-proto's `Pair` and str0m's
//! `progress`): jumps to `poll_timeout`, feeds `Timer` inputs, collects every
//! output, checks the never-spin rules on the way, and can "reload" the page
//! from the last persisted state.
//!
//! The simulated site runs on UTC, starting Monday 2026-11-23 10:00.
#![allow(dead_code)]

use super::clock::{day_number, Timestamp, WallClock};
use super::config::{parse_config, Config};
use super::engine::Engine;
use super::io::{Author, ChatMessage, Input, Output, PageInfo};
use super::patterns::RegexLitePatterns;
use super::stats::StatKind;
use super::validate::Severity;

pub const MIN: u64 = 60_000;
pub const SEC: u64 = 1_000;

/// Monday 2026-11-23 00:00 UTC.
pub fn monday() -> u64 {
    day_number(2026, 11, 23) as u64 * 86_400_000
}

/// The wall clock of `t` on a UTC site.
pub fn wall(t: u64) -> WallClock {
    WallClock::at((t / 86_400_000) as i64, ((t % 86_400_000) / MIN) as u16)
}

/// Parses a config that must have no errors (warnings allowed).
pub fn config(text: &str) -> (Config, RegexLitePatterns) {
    let mut p = RegexLitePatterns::new();
    let (c, diags) = match parse_config(text, &mut p) {
        Ok(x) => x,
        Err(e) => panic!("config error: {}", e),
    };
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "config errors: {:?}", errors);
    (c, p)
}

pub fn page(url: &str) -> PageInfo {
    PageInfo {
        url: url.to_string(),
        title: "Page".to_string(),
        referrer: String::new(),
        language: "fr-FR".to_string(),
        viewport_width: 1280,
        establishment: None,
    }
}

/// One simulated visitor with one open page (one engine at a time).
pub struct Sim {
    pub config_text: String,
    pub engine: Engine,
    pub now: u64,
    /// Every output since the start, with its time.
    pub log: Vec<(u64, Output)>,
    /// The last Persist output.
    pub saved: Option<String>,
    last_deadline: Option<u64>,
}

impl Sim {
    /// A fresh visitor arriving on `url` at Monday 10:00.
    pub fn new(config_text: &str, url: &str) -> Sim {
        Sim::start(config_text, url, monday() + 10 * 60 * MIN, None)
    }

    /// A new page load at `now` with `saved` state.
    pub fn start(config_text: &str, url: &str, now: u64, saved: Option<String>) -> Sim {
        let (c, p) = config(config_text);
        let engine = Engine::new(c, saved.as_deref(), Box::new(p));
        let mut sim = Sim {
            config_text: config_text.to_string(),
            engine,
            now,
            log: Vec::new(),
            saved,
            last_deadline: None,
        };
        sim.input(Input::PageView {
            page: page(url),
            wall: wall(now),
        });
        sim
    }

    /// A simulation around `engine` that has had no input yet.
    pub fn with_engine(config_text: &str, engine: Engine, now: u64) -> Sim {
        Sim {
            config_text: config_text.to_string(),
            engine,
            now,
            log: Vec::new(),
            saved: None,
            last_deadline: None,
        }
    }

    fn drain(&mut self) {
        let mut fired = 0;
        while let Some(o) = self.engine.poll_output() {
            if matches!(o, Output::Fired { .. }) {
                fired += 1;
                // The README's collision rule, checked on every input.
                assert!(fired <= 1, "one input fired several messages");
            }
            if let Output::Persist(s) = &o {
                self.saved = Some(s.clone());
            }
            self.log.push((self.now, o));
        }
        let d = self.engine.poll_timeout().map(|t| t.0);
        self.last_deadline = d;
    }

    /// Feeds a non-timer input now.
    pub fn input(&mut self, input: Input) {
        self.engine.handle_input(Timestamp(self.now), input);
        self.drain();
    }

    /// Feeds a page view of `url` in the same engine (tests of odd hosts).
    pub fn page_view(&mut self, info: PageInfo) {
        let w = wall(self.now);
        self.input(Input::PageView {
            page: info,
            wall: w,
        });
    }

    /// Lets `ms` pass, firing every timer on the way; checks never-spin.
    pub fn advance(&mut self, ms: u64) {
        let target = self.now + ms;
        while let Some(t) = self.engine.poll_timeout() {
            let deadline = t.0;
            if deadline > target {
                break;
            }
            self.now = self.now.max(deadline);
            let w = wall(self.now);
            self.engine
                .handle_input(Timestamp(self.now), Input::Timer { wall: w });
            self.drain();
            if let Some(next) = self.last_deadline {
                assert!(
                    next > self.now,
                    "engine spins: deadline {} at or before now {}",
                    next,
                    self.now
                );
                assert!(next >= deadline, "deadline moved back in time");
            }
        }
        self.now = target;
    }

    /// Closes the page after `gap` ms and opens `url` in a new engine with
    /// the last persisted state.
    pub fn reload(&mut self, gap: u64, url: &str) {
        self.advance(0);
        let now = self.now + gap;
        let log = std::mem::take(&mut self.log);
        let saved = self.saved.clone();
        let mut next = Sim::start(&self.config_text, url, now, saved);
        let mut all = log;
        all.append(&mut next.log);
        next.log = all;
        *self = next;
    }

    /// Ids of every automatic message fired so far, in order.
    pub fn fired(&self) -> Vec<String> {
        self.log
            .iter()
            .filter_map(|(_, o)| match o {
                Output::Fired { message_id, .. } => Some(message_id.clone()),
                _ => None,
            })
            .collect()
    }

    /// (time, id, text) of every firing.
    pub fn firings(&self) -> Vec<(u64, String, String)> {
        self.log
            .iter()
            .filter_map(|(t, o)| match o {
                Output::Fired { message_id, text } => Some((*t, message_id.clone(), text.clone())),
                _ => None,
            })
            .collect()
    }

    /// Every message appended so far.
    pub fn messages(&self) -> Vec<ChatMessage> {
        self.log
            .iter()
            .filter_map(|(_, o)| match o {
                Output::Message(m) => Some(m.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn bot_texts(&self) -> Vec<String> {
        self.messages()
            .into_iter()
            .filter(|m| m.author == Author::Bot)
            .map(|m| m.text)
            .collect()
    }

    pub fn last_starters(&self) -> Option<Vec<String>> {
        self.log.iter().rev().find_map(|(_, o)| match o {
            Output::Starters(s) => Some(s.clone()),
            _ => None,
        })
    }

    pub fn stat_count(&self, id: &str, kind: StatKind) -> usize {
        self.log
            .iter()
            .filter(|(_, o)| matches!(o, Output::Stat(e) if e.message_id == id && e.kind == kind))
            .count()
    }

    /// The Team outputs: (time, open_now).
    pub fn team_changes(&self) -> Vec<(u64, bool)> {
        self.log
            .iter()
            .filter_map(|(t, o)| match o {
                Output::Team { open_now, .. } => Some((*t, *open_now)),
                _ => None,
            })
            .collect()
    }

    pub fn clear_log(&mut self) {
        self.log.clear();
    }
}

/// Several tabs of one visitor sharing one localStorage (after str0m's
/// multi-peer tests): each tab is a [`Sim`] whose engine tags its message
/// ids with its index. A `Persist` of one tab becomes the stored text and a
/// pending `StateSynced` for every other tab (the `storage` event); an
/// `Output::Claim` is answered by a shared first-asker-wins registry (what
/// Web Locks held for the page's life do) with a pending `Claimed`.
/// Pending inputs are delivered only when a test says so, in any order, so
/// tests and proptests choose the interleaving.
pub struct Tabs {
    pub tabs: Vec<Sim>,
    /// The shared localStorage value.
    pub storage: Option<String>,
    /// Inputs not delivered yet: (tab, input).
    pub pending: Vec<(usize, Input)>,
    /// Claims granted so far: (key, page), first asker wins.
    pub claims: Vec<(String, u64)>,
    /// Per tab, how much of its log has been looked at.
    seen: Vec<usize>,
    /// Per tab, the page it shows (a reload is a new page: a new owner).
    pages: Vec<u64>,
    next_page: u64,
}

impl Tabs {
    /// `n` tabs of `url` loaded at the same moment `now` from `saved`.
    pub fn open(
        config_text: &str,
        n: usize,
        now: u64,
        saved: Option<String>,
        claims: bool,
    ) -> Tabs {
        let mut tabs = Tabs {
            tabs: Vec::new(),
            storage: saved.clone(),
            pending: Vec::new(),
            claims: Vec::new(),
            seen: Vec::new(),
            pages: Vec::new(),
            next_page: 0,
        };
        for i in 0..n {
            let (c, p) = config(config_text);
            let mut tag = String::from("t");
            super::json::write_int(i as i64, &mut tag);
            let engine = Engine::new(c, saved.as_deref(), Box::new(p))
                .with_tab(&tag)
                .with_claims(claims);
            tabs.tabs.push(Sim::with_engine(config_text, engine, now));
            tabs.seen.push(0);
            tabs.pages.push(tabs.next_page);
            tabs.next_page += 1;
        }
        for i in 0..n {
            tabs.on(i, |sim| {
                let w = wall(sim.now);
                sim.input(Input::PageView {
                    page: page("https://shop.fr/"),
                    wall: w,
                })
            });
        }
        tabs
    }

    /// Runs `f` on tab `i`, then routes what it output.
    pub fn on(&mut self, i: usize, f: impl FnOnce(&mut Sim)) {
        f(&mut self.tabs[i]);
        self.route(i);
    }

    /// Every tab lets `ms` pass in turn, none seeing the others' writes.
    pub fn advance_each(&mut self, ms: u64) {
        for i in 0..self.tabs.len() {
            self.on(i, |sim| sim.advance(ms));
        }
    }

    fn route(&mut self, i: usize) {
        let n = self.tabs.len();
        let new: Vec<Output> = self.tabs[i].log[self.seen[i]..]
            .iter()
            .map(|(_, o)| o.clone())
            .collect();
        self.seen[i] = self.tabs[i].log.len();
        for o in new {
            match o {
                Output::Persist(s) => {
                    self.storage = Some(s.clone());
                    for j in (0..n).filter(|&j| j != i) {
                        self.pending
                            .push((j, Input::StateSynced { saved: s.clone() }));
                    }
                }
                Output::Claim { key } => {
                    let page = self.pages[i];
                    let granted = match self.claims.iter().find(|(k, _)| *k == key) {
                        Some(&(_, owner)) => owner == page,
                        None => {
                            self.claims.push((key.clone(), page));
                            true
                        }
                    };
                    self.pending.push((i, Input::Claimed { key, granted }));
                }
                _ => {}
            }
        }
    }

    /// Tab `i` loads a new page from what storage holds now (its log and
    /// pending answers go with the old page). The registry keeps a closed
    /// page's claims: the model is that a page closes long after its writes
    /// reached the other tabs (a Web Lock goes away with its page).
    pub fn reload(&mut self, i: usize) {
        let now = self.tabs[i].now + SEC;
        let (c, p) = config(&self.tabs[i].config_text);
        let mut tag = String::from("t");
        super::json::write_int(i as i64, &mut tag);
        tag.push('r');
        super::json::write_int(now as i64, &mut tag);
        let claims = self.tabs[i].engine.claims_enabled();
        let engine = Engine::new(c, self.storage.as_deref(), Box::new(p))
            .with_tab(&tag)
            .with_claims(claims);
        let text = self.tabs[i].config_text.clone();
        self.tabs[i] = Sim::with_engine(&text, engine, now);
        self.seen[i] = 0;
        self.pages[i] = self.next_page;
        self.next_page += 1;
        self.pending
            .retain(|(t, input)| *t != i || matches!(input, Input::StateSynced { .. }));
        self.on(i, |sim| {
            let w = wall(sim.now);
            sim.input(Input::PageView {
                page: page("https://shop.fr/"),
                wall: w,
            })
        });
    }

    /// Delivers pending input `k` (an index into `pending`) to its tab.
    pub fn deliver(&mut self, k: usize) {
        let (i, input) = self.pending.remove(k);
        self.on(i, |sim| sim.input(input));
    }

    /// Delivers everything pending, oldest first, until nothing is left.
    pub fn deliver_all(&mut self) {
        while !self.pending.is_empty() {
            self.deliver(0);
        }
    }

    /// Ids of every automatic message fired, over all tabs.
    pub fn fired(&self) -> Vec<String> {
        self.tabs.iter().flat_map(|t| t.fired()).collect()
    }
}
