//! The state machine: `handle_input(now, Input)`, `poll_output()`,
//! `poll_timeout()`, in the style of quinn-proto's `Connection`.
//!
//! Scheduling: rules are indexed by trigger type at construction. Timed
//! triggers live in lists sorted by delay with one cursor each (time on page,
//! time on site, page view delay, unanswered, offline), so the next deadline
//! is the minimum of a handful of cursor heads plus the business-hours
//! change: nothing re-scans the rules on a timer. Rules are stored sorted by
//! priority, so arbitration sorts the due rule indexes and fires the first
//! eligible one; the others are skipped for this occurrence.
//!
//! Claims across tabs (`with_claims(true)`, off by default). Every tab runs
//! its own engine, and tab sync through storage is asynchronous, so two tabs
//! due in the same millisecond would both fire a once-per-visitor message.
//! With claims on, when a once-per-visitor or once-per-session message wins
//! arbitration the engine does not fire it: it emits `Output::Claim { key }`
//! (key = `<message id>@visitor:<first seen>` or
//! `<message id>@session:<session start>`, values every tab shares through
//! storage) and remembers the pending claim. The host asks a registry shared
//! by the tabs in which the first asker wins (the browser: a Web Lock of
//! that name requested `ifAvailable` and held for the page's life,
//! `platform/locks.rs`) and feeds back `Input::Claimed { key, granted }`.
//! Granted: the message fires then (unless another tab's record arrived
//! meanwhile). Refused: it is done for this tab, and recorded as used up in
//! the saved state (without a message or statistics), so whichever tab
//! writes storage last keeps the record. While a claim is pending the
//! message is not claimed again. Everything stays sans-IO: the engine
//! never waits; the answer is just one more input.

use std::collections::VecDeque;

use super::clock::{Clock, Timestamp};
use super::conditions::{device_of, Facts};
use super::config::{Config, Frequency, TeamStatus, Trigger};
use super::io::{Author, ChatMessage, Input, Output, PageInfo};
use super::json::write_int;
use super::patterns::Patterns;
use super::placeholders::RenderContext;
use super::state::{LoadError, Persisted, RuleRecord};
use super::stats::{MessageStats, StatEvent, StatKind};
use super::validate::{Diagnostic, Severity};

// The console's simulator asks why a due message did not fire.
#[cfg(feature = "console")]
#[path = "explain.rs"]
pub mod explain;

/// `ChatMessage::rule` of the welcome message.
pub const WELCOME_ID: &str = "welcome_message";
/// `ChatMessage::rule` of the absence message.
pub const ABSENCE_ID: &str = "absence_message";

/// Why a due message may not fire now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The visitor closed its preview: it never comes back.
    Dismissed,
    /// Its frequency is used up (once per visitor, session, page view; cooldown).
    Frequency,
    /// An agent conversation is active (`quiet_during_agent_conversation`).
    Quiet,
    /// Inside the minimum gap after the last marketing message.
    Gap,
    /// Its conditions are false.
    Condition,
}

/// The engine's kinds of deadline: ONE table, walked by `poll_timeout`
/// (the minimum over it) and by `process_due` (one loop), like
/// quinn-proto's `TimerTable` over `Timer::VALUES`. The first
/// [`TIMED`] kinds are lists of rules sorted by delay, each with a cursor
/// and a clock origin; `Hours` is the next business-hours change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    TimeOnPage,
    TimeOnSite,
    PageView,
    Unanswered,
    Offline,
    Hours,
}

impl Due {
    /// Business hours first: the rules due at the same moment see the new
    /// open/closed state.
    const VALUES: [Due; 6] = [
        Due::Hours,
        Due::TimeOnPage,
        Due::TimeOnSite,
        Due::PageView,
        Due::Unanswered,
        Due::Offline,
    ];
}

/// The kinds that are sorted rule lists (`Due as usize` < TIMED).
const TIMED: usize = 5;

/// Rule indexes by trigger, built once.
#[derive(Debug, Default)]
struct Index {
    /// Per timed `Due` kind: (delay ms, rule index), sorted by delay.
    timed: [Vec<(u64, u32)>; TIMED],
    scroll: Vec<(u8, u32)>,
    exit: Vec<u32>,
    chat: Vec<u32>,
    events: Vec<(String, u32)>,
}

/// Positions in the sorted lists: everything before has been handled (or
/// cannot fire any more on this page view, see `settle`).
#[derive(Debug, Default, Clone, Copy)]
struct Cursors {
    timed: [usize; TIMED],
    scroll: usize,
}

/// The current page view.
#[derive(Debug, Default)]
struct Page {
    url: String,
    url_lc: String,
    title: String,
    title_lc: String,
    referrer: String,
    referrer_lc: String,
    query: Vec<(String, String)>,
    language: String,
    device: u8,
    establishment: usize,
    started: u64,
    visible: bool,
    visible_since: u64,
    visible_acc: u64,
    /// Page-view generation (once per page view).
    gen: u64,
}

/// The rules engine of one page load.
pub struct Engine {
    config: Config,
    patterns: Box<dyn Patterns>,
    index: Index,
    /// (rule id, index), sorted by id: no hashing (no random keys, less code).
    ids: Ids,
    records: Vec<RuleRecord>,
    page_fired: Vec<u64>,
    /// Persisted state; its `rules` hold only ids unknown to the config.
    state: Persisted,
    page: Page,
    started: bool,
    now: u64,
    clock: Option<Clock>,
    team: TeamStatus,
    open_now: bool,
    hours_deadline: Option<Timestamp>,
    chat_open: bool,
    consent: bool,
    preview: Option<ChatMessage>,
    /// (start, team offline at start) of unanswered visitor messages.
    streak: Option<(u64, bool)>,
    cur: Cursors,
    out: VecDeque<Output>,
    dirty: bool,
    persisted_last: u64,
    diagnostics: Vec<Diagnostic>,
    candidates: Vec<u32>,
    /// `Nudge('hide')` is in force.
    widget_hidden: bool,
    /// Rules fired but not displayed yet (widget hidden): `shown` is
    /// counted when they are.
    unshown: Vec<u32>,
    /// The message set of this page's establishment, if one lists it.
    set: Option<usize>,
    /// An automatic message fired during the current input: at most one
    /// fires per input (issue 8.11).
    fired_in_input: bool,
    /// The saved state was written by a newer version: run from memory,
    /// never persist (see `saved_state_is_newer`).
    newer_state: bool,
    /// The saved state was unreadable: message ids restart from the clock
    /// at the first page view, above any id the lost state could have used.
    ids_from_clock: bool,
    /// Suffix of this tab's message ids (`with_tab`); empty = none.
    tab: String,
    /// Once-messages are claimed across tabs before firing (`with_claims`).
    claims: bool,
    /// Claims asked and not answered yet: (key, rule index).
    claims_pending: Vec<(String, u32)>,
    #[cfg(feature = "console")]
    trace: Option<Vec<explain::Round>>,
}

/// Rule id → index, a sorted vector.
#[derive(Debug, Default)]
struct Ids(Vec<(String, usize)>);

impl Ids {
    fn get(&self, id: &str) -> Option<&usize> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }
}

fn take_due(list: &[(u64, u32)], cursor: &mut usize, elapsed: u64, out: &mut Vec<u32>) {
    while let Some(&(ms, idx)) = list.get(*cursor) {
        if ms > elapsed {
            break;
        }
        out.push(idx);
        *cursor += 1;
    }
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// `s` with every `%XX` escape decoded (`+` kept as it is): what `url` and
/// `referrer` conditions match against. Bytes that are not UTF-8 after
/// decoding (a Latin-1 `%E9`) become U+FFFD, so the rest still matches.
pub fn percent_decoded(s: &str) -> String {
    if super::find_str(s, "%").is_none() {
        return s.to_string();
    }
    decode_bytes(s, false)
}

fn decode_component(s: &str) -> String {
    decode_bytes(s, true)
}

fn decode_bytes(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => match (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query parameters of a URL, decoded, in order.
pub fn query_pairs(url: &str) -> Vec<(String, String)> {
    let q = match url.split_once('?') {
        Some((_, q)) => q.split('#').next().unwrap_or(""),
        None => return Vec::new(),
    };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

impl Engine {
    /// A new engine for one page load. `saved` is the persisted state (any
    /// older version is migrated; unreadable state is replaced by a fresh
    /// one and reported in `diagnostics()`). `patterns` must be the instance
    /// that compiled the config's regular expressions.
    pub fn new(config: Config, saved: Option<&str>, patterns: Box<dyn Patterns>) -> Engine {
        let mut index = Index::default();
        let mut ids = Vec::with_capacity(config.rules.len());
        for (i, r) in config.rules.iter().enumerate() {
            let i32_ = i as u32;
            ids.push((r.id.clone(), i));
            match &r.trigger {
                Trigger::TimeOnPage(ms) => index.timed[Due::TimeOnPage as usize].push((*ms, i32_)),
                Trigger::TimeOnSite(ms) => index.timed[Due::TimeOnSite as usize].push((*ms, i32_)),
                Trigger::PageView(ms) => index.timed[Due::PageView as usize].push((*ms, i32_)),
                Trigger::VisitorMessageUnanswered(ms) => {
                    index.timed[Due::Unanswered as usize].push((*ms, i32_))
                }
                Trigger::VisitorMessageOffline(ms) => {
                    index.timed[Due::Offline as usize].push((*ms, i32_))
                }
                Trigger::Scroll(p) => index.scroll.push((*p, i32_)),
                Trigger::ExitIntent => index.exit.push(i32_),
                Trigger::ChatOpened => index.chat.push(i32_),
                Trigger::Event(name) => index.events.push((name.clone(), i32_)),
            }
        }
        for list in index.timed.iter_mut() {
            super::sort_small(list, |a, b| a < b);
        }
        super::sort_small(&mut index.scroll, |a, b| a < b);
        super::sort_small(&mut index.events, |a, b| a < b);
        super::sort_small(&mut ids, |a, b| a < b);
        let ids = Ids(ids);

        let mut diagnostics = Vec::new();
        let (mut newer_state, mut ids_from_clock) = (false, false);
        let mut state = match saved {
            None => Persisted::default(),
            Some(text) => match Persisted::from_json(text) {
                Ok(p) => p,
                Err(e) => {
                    let message = match &e {
                        LoadError::Newer(_) => {
                            newer_state = true;
                            e.message()
                        }
                        LoadError::Unreadable(m) => {
                            ids_from_clock = true;
                            format!("unreadable, starting fresh: {}", m)
                        }
                    };
                    diagnostics.push(Diagnostic {
                        severity: Severity::Warning,
                        path: "saved state".to_string(),
                        message,
                    });
                    Persisted::default()
                }
            },
        };
        let mut records = vec![RuleRecord::default(); config.rules.len()];
        let saved_rules = std::mem::take(&mut state.rules);
        for (id, r) in saved_rules {
            match ids.get(&id) {
                Some(&i) => {
                    if let Some(slot) = records.get_mut(i) {
                        *slot = r;
                    }
                }
                None => state.rules.push((id, r)),
            }
        }
        let n = config.rules.len();
        Engine {
            team: config.team.status,
            patterns,
            index,
            ids,
            records,
            page_fired: vec![0; n],
            state,
            page: Page::default(),
            started: false,
            now: 0,
            clock: None,
            open_now: true,
            hours_deadline: None,
            chat_open: false,
            consent: false,
            preview: None,
            streak: None,
            cur: Cursors::default(),
            out: VecDeque::new(),
            dirty: false,
            persisted_last: 0,
            diagnostics,
            candidates: Vec::new(),
            widget_hidden: false,
            unshown: Vec::new(),
            fired_in_input: false,
            newer_state,
            ids_from_clock,
            tab: String::new(),
            claims: false,
            claims_pending: Vec::new(),
            set: None,
            #[cfg(feature = "console")]
            trace: None,
            config,
        }
    }

    /// Tags this tab's message ids (`m7.<tag>`), so that messages created
    /// at the same moment in two tabs never share an id and tab sync keeps
    /// both (conversations merge by id). `tag` should be unique per page
    /// load (e.g. a few random characters from the runtime); the engine has
    /// no randomness of its own. Without it ids are `m7`.
    pub fn with_tab(mut self, tag: &str) -> Engine {
        self.tab = tag.to_string();
        self
    }

    /// Claims once-per-visitor and once-per-session messages across tabs
    /// before firing them (see the module doc). Off by default.
    pub fn with_claims(mut self, on: bool) -> Engine {
        self.claims = on;
        self
    }

    /// Whether `with_claims(true)` is in force.
    pub fn claims_enabled(&self) -> bool {
        self.claims
    }

    /// The claim key of rule `i`, if its frequency needs one.
    fn claim_key(&self, i: usize) -> Option<String> {
        let rule = self.config.rules.get(i)?;
        let (scope, n) = match rule.frequency {
            Frequency::OncePerVisitor => ("@visitor:", self.state.first_seen),
            Frequency::OncePerSession => ("@session:", self.state.session.start),
            _ => return None,
        };
        let mut key = rule.id.clone();
        key.push_str(scope);
        write_int(n as i64, &mut key);
        Some(key)
    }

    /// Rule `i` waits for the answer to its claim.
    fn claim_pending(&self, i: usize) -> bool {
        self.claims && self.claims_pending.iter().any(|(_, r)| *r == i as u32)
    }

    fn claimed(&mut self, now: u64, key: &str, granted: bool) {
        let Some(at) = self.claims_pending.iter().position(|(k, _)| k == key) else {
            return;
        };
        let (_, i) = self.claims_pending.remove(at);
        let i = i as usize;
        if !granted {
            // Another tab shows it: recorded as used up (not as fired: no
            // message, no statistics), and persisted like a firing, so
            // whichever tab writes storage last, the record is there.
            if let Some(rec) = self.records.get_mut(i) {
                rec.last_fired = Some(now);
                rec.session_fired = self.state.session.start;
                self.dirty = true;
            }
            return;
        }
        // Invariant: `i` indexes `config.rules` and `records`.
        let (rule, rec) = (&self.config.rules[i], &self.records[i]);
        let left = match rule.frequency {
            Frequency::OncePerVisitor => rec.last_fired.is_none(),
            Frequency::OncePerSession => rec.session_fired != self.state.session.start,
            _ => true,
        };
        if left && !rec.dismissed {
            self.fire(i, now);
        }
    }

    /// The configuration (the runtime reads UI options, team and site
    /// facts from it).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Problems met at run time (an unreadable saved state).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The saved state (at load or from another tab) was written by a
    /// newer version of the widget. The engine then keeps its state in
    /// memory and emits no `Output::Persist`; the runtime must not write
    /// the storage key either (e.g. on reset), so the newer state survives.
    pub fn saved_state_is_newer(&self) -> bool {
        self.newer_state
    }

    /// The conversation as it stands.
    pub fn conversation(&self) -> &[ChatMessage] {
        &self.state.conversation.messages
    }

    /// The team status as it stands.
    pub fn team_status(&self) -> TeamStatus {
        self.team
    }

    /// The visit (session) number: 1 on a first visit, 0 before any.
    pub fn visit_number(&self) -> u64 {
        self.state.visits
    }

    /// Whether the business is open now (true without business hours).
    pub fn open_now(&self) -> bool {
        self.open_now
    }

    /// The status the visitor meets: outside business hours the team is
    /// offline whatever status the merchant left (issue 8.1). Conditions,
    /// the busy/offline replies and welcome/absence all use this one.
    pub fn effective_team_status(&self) -> TeamStatus {
        if self.open_now {
            self.team
        } else {
            TeamStatus::Offline
        }
    }

    /// Counters of every automatic message (config order), plus messages
    /// that are no longer configured but have counts.
    pub fn stats(&self) -> Vec<MessageStats> {
        let mut v: Vec<MessageStats> = self
            .config
            .rules
            .iter()
            .zip(&self.records)
            .map(|(r, rec)| MessageStats {
                message_id: r.id.clone(),
                counters: rec.counters,
            })
            .collect();
        for (id, rec) in &self.state.rules {
            if !rec.counters.is_zero() {
                v.push(MessageStats {
                    message_id: id.clone(),
                    counters: rec.counters,
                });
            }
        }
        v
    }

    /// The next output, if any. Drain until None after every input.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.out.pop_front()
    }

    /// When to send the next `Input::Timer`; None when nothing is pending:
    /// the minimum over the timer table.
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        if !self.started {
            return None;
        }
        Due::VALUES
            .iter()
            .filter_map(|&kind| self.deadline(kind))
            .min()
            .map(Timestamp)
    }

    /// Where the clock of a timed kind starts; None while it does not run
    /// (page hidden, no unanswered visitor message, team not offline).
    fn origin(&self, kind: Due) -> Option<u64> {
        let page = &self.page;
        match kind {
            Due::TimeOnPage => page
                .visible
                .then(|| page.visible_since.saturating_sub(page.visible_acc)),
            // Time on site counts hidden time, but a message due while the
            // page is hidden waits until the visitor is back (no timer).
            Due::TimeOnSite => page.visible.then_some(self.state.session.start),
            Due::PageView => Some(page.started),
            Due::Unanswered => self.streak.map(|(start, _)| start),
            Due::Offline => self.streak.filter(|s| s.1).map(|(start, _)| start),
            Due::Hours => None,
        }
    }

    /// The next deadline of `kind`, if one is armed.
    fn deadline(&self, kind: Due) -> Option<u64> {
        if kind == Due::Hours {
            return self.hours_deadline.map(|t| t.0);
        }
        let origin = self.origin(kind)?;
        let k = kind as usize;
        // Invariant: timed kinds index `timed` (k < TIMED).
        let &(ms, _) = self.index.timed[k].get(self.cur.timed[k])?;
        Some(origin.saturating_add(ms))
    }

    /// Feeds one input at time `now`.
    pub fn handle_input(&mut self, now: Timestamp, input: Input) {
        let now = now.0.max(self.now);
        self.now = now;
        self.fired_in_input = false;
        if let Input::Timer { wall } = &input {
            if let Some(c) = &self.clock {
                let fresh = Clock::new(Timestamp(now), *wall);
                if fresh.local(Timestamp(now)) != c.local(Timestamp(now)) {
                    self.clock = Some(fresh);
                    self.update_hours(now, true);
                }
            }
        }
        self.process_due(now);
        match input {
            Input::PageView { page, wall } => self.page_view(now, page, wall),
            Input::UrlChanged { url, title } => {
                // What was due on the old page is decided on the old page.
                self.arbitrate(now);
                self.activity(now);
                self.set_url(url, title);
                self.new_page_view(now);
                self.state.session.pages += 1;
                self.dirty = true;
                self.process_due(now);
            }
            Input::Visibility { visible } => {
                if visible && !self.page.visible {
                    self.activity(now);
                    self.page.visible = true;
                    self.page.visible_since = now;
                    // Whatever became due while hidden is due now, not at a
                    // deadline equal to now (never spins, issue 9.7).
                    self.process_due(now);
                } else if !visible && self.page.visible {
                    self.page.visible_acc += now.saturating_sub(self.page.visible_since);
                    self.page.visible = false;
                }
            }
            Input::Scroll { percent } => {
                self.activity(now);
                while let Some(&(p, idx)) = self.index.scroll.get(self.cur.scroll) {
                    if p > percent {
                        break;
                    }
                    self.candidates.push(idx);
                    self.cur.scroll += 1;
                }
            }
            Input::WidgetVisible { visible } => {
                self.widget_hidden = !visible;
                if visible {
                    self.count_displayed();
                }
            }
            Input::ExitIntent => {
                self.candidates.extend_from_slice(&self.index.exit);
            }
            Input::ChatOpened => self.open_chat(now),
            Input::ChatClosed => self.chat_open = false,
            Input::VisitorMessage { text } => self.visitor_message(now, text),
            // Longer than the limit: refused, like a visitor's (the JS API
            // refuses it too, with a warning).
            Input::AgentMessage { text } if too_long(&text) => {}
            Input::AgentMessage { text } => {
                self.append(Author::Agent, None, text, now);
                self.state.session.agent = true;
                self.streak = None;
            }
            Input::SetTeamStatus(s) => {
                if s != self.team {
                    self.team = s;
                    self.out.push_back(Output::Team {
                        status: s,
                        open_now: self.open_now,
                    });
                }
            }
            Input::StarterClicked { index } => {
                self.activity(now);
                if !self.state.conversation.typed {
                    if let Some(st) = self.starters().get(index) {
                        let (q, a) = {
                            let cx = self.render_cx();
                            (st.title.render(&cx), st.answer.render(&cx))
                        };
                        self.append(Author::Visitor, None, q, now);
                        self.append(Author::Bot, None, a, now);
                    }
                }
            }
            Input::PreviewOpened { message_id } => {
                self.activity(now);
                if let Some(i) = self.preview_rule(&message_id) {
                    self.stat(i, StatKind::OpenedFromPreview);
                }
                self.open_chat(now);
            }
            Input::PreviewDismissed { message_id } => {
                let rule = self
                    .preview_rule(&message_id)
                    .or_else(|| self.ids.get(&message_id).copied());
                if let Some(i) = rule {
                    if let Some(r) = self.records.get_mut(i) {
                        r.dismissed = true;
                    }
                    self.stat(i, StatKind::Dismissed);
                }
                if self.preview.take().is_some() {
                    self.out.push_back(Output::Preview(None));
                }
            }
            Input::CustomEvent { name } => {
                let start = self
                    .index
                    .events
                    .partition_point(|(n, _)| n.as_str() < name.as_str());
                for (n, idx) in self.index.events.get(start..).unwrap_or(&[]) {
                    if *n != name {
                        break;
                    }
                    self.candidates.push(*idx);
                }
            }
            Input::SetAttributes(pairs) => {
                for (k, v) in pairs {
                    match self.state.attributes.iter_mut().find(|(n, _)| *n == k) {
                        Some(slot) => slot.1 = v,
                        None => self.state.attributes.push((k, v)),
                    }
                }
                self.dirty = true;
            }
            Input::Consent { granted } => {
                self.consent = granted;
                if granted {
                    self.dirty = true;
                }
            }
            Input::Timer { .. } => {}
            Input::StateSynced { saved } => self.state_synced(now, &saved),
            Input::Reset => self.reset(now),
            Input::Claimed { key, granted } => self.claimed(now, &key, granted),
        }
        // Whatever the input moved into the past (a synced session that
        // started earlier, a reset) is due now, not at a past deadline.
        self.process_due(now);
        // Everything due at this input competes in one arbitration.
        self.arbitrate(now);
        self.settle();
        self.finish();
    }

    // ----- inputs -------------------------------------------------------

    fn page_view(&mut self, now: u64, info: PageInfo, wall: super::clock::WallClock) {
        if !self.started {
            // The first time known: the loaded state's future is now.
            self.state.clamp_future(now);
            for r in self.records.iter_mut() {
                r.clamp_future(now);
            }
            if self.ids_from_clock {
                let conv = &mut self.state.conversation;
                conv.next_id = conv.next_id.max(now);
            }
        }
        self.clock = Some(Clock::new(Timestamp(now), wall));
        self.page.referrer = percent_decoded(&info.referrer);
        self.page.referrer_lc = super::case::fold(&self.page.referrer);
        self.page.language = info.language;
        self.page.device = device_of(info.viewport_width);
        self.page.establishment = info
            .establishment
            .and_then(|id| self.config.establishments.iter().position(|e| e.id == id))
            .unwrap_or(0);
        let establishment = self.config.establishments.get(self.page.establishment);
        self.set = establishment.and_then(|e| {
            let sets = &self.config.message_sets;
            sets.iter().position(|s| s.establishments.contains(&e.id))
        });
        self.set_url(info.url, info.title);
        self.page.visible = true;
        self.activity(now);
        self.new_page_view(now);
        self.cur.timed[Due::TimeOnSite as usize] = 0;
        self.state.session.pages += 1;
        self.dirty = true;
        self.update_hours(now, false);
        if !self.started {
            self.started = true;
            if !self.state.conversation.messages.is_empty() {
                self.out.push_back(Output::Conversation(
                    self.state.conversation.messages.clone(),
                ));
            }
        }
        self.out.push_back(Output::Team {
            status: self.team,
            open_now: self.open_now,
        });
        let titles = self.starter_titles();
        self.out.push_back(Output::Starters(titles));
        if self.state.conversation.unread > 0 {
            self.out
                .push_back(Output::Unread(self.state.conversation.unread));
        }
        self.process_due(now);
    }

    fn set_url(&mut self, url: String, title: String) {
        self.page.query = query_pairs(&url);
        self.page.url = percent_decoded(&url);
        self.page.url_lc = super::case::fold(&self.page.url);
        self.page.title_lc = super::case::fold(&title);
        self.page.title = title;
    }

    fn new_page_view(&mut self, now: u64) {
        self.page.gen += 1;
        self.page.started = now;
        self.page.visible_since = now;
        self.page.visible_acc = 0;
        // A page view (load or SPA URL change) reconsiders the page's
        // rules, and the time-on-site rules like a page load does.
        self.cur.timed[Due::TimeOnPage as usize] = 0;
        self.cur.timed[Due::PageView as usize] = 0;
        self.cur.timed[Due::TimeOnSite as usize] = 0;
        self.cur.scroll = 0;
    }

    /// Visitor activity: keeps the session alive or starts a new visit.
    fn activity(&mut self, now: u64) {
        let utm: Vec<(String, String)> = self
            .page
            .query
            .iter()
            .filter(|(k, _)| k.starts_with("utm_"))
            .cloned()
            .collect();
        if self.state.touch(now, &utm) {
            self.cur.timed[Due::TimeOnSite as usize] = 0;
            self.dirty = true;
        } else if now.saturating_sub(self.persisted_last) >= 60_000 {
            self.dirty = true;
        }
    }

    fn open_chat(&mut self, now: u64) {
        if self.preview.take().is_some() {
            self.out.push_back(Output::Preview(None));
        }
        if self.chat_open {
            return;
        }
        self.activity(now);
        self.chat_open = true;
        self.count_displayed();
        if self.state.conversation.unread > 0 {
            self.state.conversation.unread = 0;
            self.out.push_back(Output::Unread(0));
            self.dirty = true;
        }
        let conv = &self.state.conversation;
        let started = conv.typed
            || conv.messages.iter().any(|m| {
                m.author == Author::Agent
                    || matches!(m.rule.as_deref(), Some(WELCOME_ID) | Some(ABSENCE_ID))
            });
        if !started {
            let absent = self.effective_team_status() == TeamStatus::Offline;
            let (tpl, id) = if absent {
                (self.absence_message(), ABSENCE_ID)
            } else {
                (self.welcome_message(), WELCOME_ID)
            };
            if let Some(t) = tpl {
                let text = t.render(&self.render_cx());
                self.append(Author::Bot, Some(id.to_string()), text, now);
            }
        }
        self.candidates.extend_from_slice(&self.index.chat);
    }

    fn visitor_message(&mut self, now: u64, text: String) {
        // Longer than the composer allows: refused (the JS API refuses it
        // too, with a warning); a cut text would be words the visitor
        // never sent as such.
        if too_long(&text) {
            return;
        }
        self.activity(now);
        self.append(Author::Visitor, None, text, now);
        if !self.state.conversation.typed {
            self.state.conversation.typed = true;
            if !self.starters().is_empty() {
                self.out.push_back(Output::Starters(Vec::new()));
            }
        }
        let pending = std::mem::take(&mut self.state.session.unconverted);
        for id in &pending {
            if !self.state.session.converted.contains(id) {
                self.state.session.converted.push(id.clone());
            }
        }
        for id in pending {
            match self.ids.get(&id) {
                Some(&i) => self.stat(i, StatKind::Converted),
                None => {
                    if let Some((_, r)) = self.state.rules.iter_mut().find(|(k, _)| *k == id) {
                        r.counters.bump(StatKind::Converted);
                    }
                    self.out.push_back(Output::Stat(StatEvent {
                        message_id: id,
                        kind: StatKind::Converted,
                    }));
                }
            }
        }
        if self.streak.is_none() {
            self.streak = Some((now, self.effective_team_status() == TeamStatus::Offline));
            self.cur.timed[Due::Unanswered as usize] = 0;
            self.cur.timed[Due::Offline as usize] = 0;
            self.process_due(now);
        }
    }

    fn state_synced(&mut self, now: u64, saved: &str) {
        let mut other = match Persisted::from_json(saved) {
            Ok(p) => p,
            Err(LoadError::Newer(_)) => {
                // A newer widget in another tab owns the storage now.
                self.newer_state = true;
                return;
            }
            Err(LoadError::Unreadable(_)) => return,
        };
        other.clamp_future(now);
        let before_start = self.state.session.start;
        // Bring the configured rules' records into the state, merge, split.
        for (i, r) in self.records.iter().enumerate() {
            if let Some(rule) = self.config.rules.get(i) {
                self.state.rules.push((rule.id.clone(), *r));
            }
        }
        let replaced = self.state.merge(&other);
        // What storage holds is the other tab's write: if the union has a
        // message it lacks (typed here at the same moment), write the union
        // back, or the next page would lose it. The other tab then merges
        // to the same union and has nothing new to write: no ping-pong.
        // The same for the messages' records (fired, dismissed, counters):
        // a tab that wrote before it heard of this tab's firing or dismissal
        // must not have wiped it from storage, or a later page, once this
        // tab and its lock are gone, would show the message again.
        let theirs = &other.conversation.messages;
        let lacks_message = self
            .state
            .conversation
            .messages
            .iter()
            .any(|m| !theirs.iter().any(|o| o.id == m.id));
        let lacks_record = self.state.rules.iter().any(|(id, mine)| {
            let their = other.rules.iter().find(|(k, _)| k == id);
            *mine != their.map_or_else(RuleRecord::default, |(_, r)| *r)
        });
        if lacks_message || lacks_record {
            self.dirty = true;
        }
        let all = std::mem::take(&mut self.state.rules);
        for (id, r) in all {
            match self.ids.get(&id) {
                Some(&i) => {
                    if let Some(slot) = self.records.get_mut(i) {
                        *slot = r;
                    }
                }
                None => self.state.rules.push((id, r)),
            }
        }
        if self.state.session.start != before_start {
            self.cur.timed[Due::TimeOnSite as usize] = 0;
        }
        if replaced {
            self.out.push_back(Output::Conversation(
                self.state.conversation.messages.clone(),
            ));
            let titles = self.starter_titles();
            self.out.push_back(Output::Starters(titles));
            let unread = if self.chat_open {
                0
            } else {
                self.state.conversation.unread
            };
            self.out.push_back(Output::Unread(unread));
        }
        self.persisted_last = self.state.session.last;
    }

    fn reset(&mut self, now: u64) {
        let conv = &self.state.conversation;
        // A new conversation epoch (tabs replace, not merge, older ones);
        // ids keep growing so none is ever reused.
        let (epoch, next_id) = (conv.epoch.saturating_add(1).max(now), conv.next_id);
        self.state = Persisted::default();
        self.state.conversation.epoch = epoch;
        self.state.conversation.next_id = next_id;
        self.claims_pending.clear();
        for r in self.records.iter_mut() {
            *r = RuleRecord::default();
        }
        for g in self.page_fired.iter_mut() {
            *g = 0;
        }
        self.streak = None;
        if self.preview.take().is_some() {
            self.out.push_back(Output::Preview(None));
        }
        if self.started {
            self.activity(now);
            self.state.session.pages = 1;
        }
        self.dirty = true;
        self.out.push_back(Output::Conversation(Vec::new()));
        let titles = self.starter_titles();
        self.out.push_back(Output::Starters(titles));
        self.out.push_back(Output::Unread(0));
    }

    // ----- scheduling ---------------------------------------------------

    fn update_hours(&mut self, now: u64, emit: bool) {
        let (open, deadline) = match (self.business_hours(), &self.clock) {
            (Some(h), Some(c)) => {
                let (d, m, _) = c.local(Timestamp(now));
                let next = h.next_change(d, m).map(|(d, m)| c.timestamp_of(d, m));
                (h.is_open(d, m), next.filter(|t| t.0 > now))
            }
            _ => (true, None),
        };
        if emit && open != self.open_now {
            self.out.push_back(Output::Team {
                status: self.team,
                open_now: open,
            });
        }
        self.open_now = open;
        self.hours_deadline = deadline;
    }

    /// Collects everything due at or before `now` as candidates (the input
    /// arbitrates them once, at its end): one loop over the timer table.
    fn process_due(&mut self, now: u64) {
        if !self.started {
            return;
        }
        for kind in Due::VALUES {
            if kind == Due::Hours {
                if self.hours_deadline.is_some_and(|d| d.0 <= now) {
                    self.update_hours(now, true);
                }
                continue;
            }
            let Some(origin) = self.origin(kind) else {
                continue;
            };
            let k = kind as usize;
            take_due(
                &self.index.timed[k],
                &mut self.cur.timed[k],
                now.saturating_sub(origin),
                &mut self.candidates,
            );
        }
    }

    /// Moves each timed cursor past the rules that cannot fire any more on
    /// this page view (issue 12.3), so no timer is armed for them: a
    /// condition on the page alone (url, title, referrer, query,
    /// establishment) that is false, a dismissed message, or a frequency
    /// already used up. Only cursor heads are examined.
    fn settle(&mut self) {
        for k in 0..TIMED {
            while let Some(&(_, i)) = self.index.timed[k].get(self.cur.timed[k]) {
                if self.can_still_fire(i as usize) {
                    break;
                }
                self.cur.timed[k] += 1;
            }
        }
    }

    fn can_still_fire(&self, i: usize) -> bool {
        // Invariant: rule indexes come from the index built over
        // `config.rules`, and `records` / `page_fired` have one slot each.
        let (rule, rec) = (&self.config.rules[i], &self.records[i]);
        let left = match rule.frequency {
            Frequency::OncePerVisitor => rec.last_fired.is_none(),
            Frequency::OncePerSession => rec.session_fired != self.state.session.start,
            Frequency::OncePerPageView => self.page_fired[i] != self.page.gen,
            Frequency::Always | Frequency::Cooldown(_) => true,
        };
        !rec.dismissed
            && left
            && !self.claim_pending(i)
            && rule
                .conditions
                .as_ref()
                .is_none_or(|c| c.on_page(&self.facts(self.now)) != Some(false))
    }

    /// Fires the highest-priority eligible candidate; drops the others.
    fn arbitrate(&mut self, now: u64) {
        if self.candidates.is_empty() {
            return;
        }
        if !self.started {
            self.candidates.clear();
            return;
        }
        if self.fired_in_input {
            // One automatic message per input: what else is due now is
            // dropped for this occurrence, like a lower-priority candidate.
            #[cfg(feature = "console")]
            self.record_round(now, None);
            self.candidates.clear();
            return;
        }
        // Replies to the visitor (service) first, then by priority (the
        // rule index order).
        let rules = &self.config.rules;
        let service = |i: u32| {
            rules
                .get(i as usize)
                .is_some_and(|r| r.trigger.is_service())
        };
        super::sort_small(&mut self.candidates, |&a, &b| {
            (service(a), b) > (service(b), a)
        });
        self.candidates.dedup();
        let winner = {
            let facts = self.facts(now);
            self.candidates
                .iter()
                .copied()
                .find(|&i| self.eligible(i as usize, now, &facts))
        };
        #[cfg(feature = "console")]
        self.record_round(now, winner);
        self.candidates.clear();
        if let Some(i) = winner {
            let i = i as usize;
            match self.claims.then(|| self.claim_key(i)).flatten() {
                Some(key) => {
                    // Ask first; it fires on `Input::Claimed` (module doc).
                    self.fired_in_input = true;
                    self.claims_pending.push((key.clone(), i as u32));
                    self.out.push_back(Output::Claim { key });
                }
                None => self.fire(i, now),
            }
        }
    }

    fn facts(&self, now: u64) -> Facts<'_> {
        let (_, minute, weekday) = match &self.clock {
            Some(c) => c.local(Timestamp(now)),
            None => (0, 0, 0),
        };
        Facts {
            url: &self.page.url,
            url_lc: &self.page.url_lc,
            title: &self.page.title,
            title_lc: &self.page.title_lc,
            referrer: &self.page.referrer,
            referrer_lc: &self.page.referrer_lc,
            query: &self.page.query,
            utm: &self.state.session.utm,
            first_visit: self.state.first_visit(),
            visit_number: self.state.visits,
            pages_viewed: self.state.session.pages,
            days_since_last_visit: self.state.days_since_last_visit(now),
            language: &self.page.language,
            device: self.page.device,
            weekday,
            minute,
            open: self.open_now,
            team: self.effective_team_status() as u8,
            attributes: &self.state.attributes,
            establishment: self
                .config
                .establishments
                .get(self.page.establishment)
                .map(|e| e.id.as_str())
                .unwrap_or(""),
            patterns: &*self.patterns,
        }
    }

    fn eligible(&self, i: usize, now: u64, facts: &Facts) -> bool {
        self.verdict(i, now, facts).is_none()
    }

    /// Why rule `i` may not fire now (None: it may).
    fn verdict(&self, i: usize, now: u64, facts: &Facts) -> Option<Skip> {
        // Invariant: `i` indexes `config.rules`; `records` has one slot per rule.
        let (rule, rec) = (&self.config.rules[i], &self.records[i]);
        if rec.dismissed {
            return Some(Skip::Dismissed);
        }
        let ok = match rule.frequency {
            Frequency::OncePerVisitor => rec.last_fired.is_none(),
            Frequency::OncePerSession => rec.session_fired != self.state.session.start,
            Frequency::OncePerPageView => self.page_fired.get(i) != Some(&self.page.gen),
            Frequency::Always => true,
            Frequency::Cooldown(ms) => rec.last_fired.is_none_or(|t| now.saturating_sub(t) >= ms),
        };
        if !ok || self.claim_pending(i) {
            return Some(Skip::Frequency);
        }
        if !rule.trigger.is_service() {
            let b = &self.config.behaviour;
            if b.quiet_during_agent_conversation && self.state.session.agent {
                return Some(Skip::Quiet);
            }
            if b.min_gap_ms > 0 {
                if let Some(t) = self.state.session.last_marketing {
                    if now.saturating_sub(t) < b.min_gap_ms {
                        return Some(Skip::Gap);
                    }
                }
            }
        }
        match &rule.conditions {
            Some(c) if !c.eval(facts) => Some(Skip::Condition),
            _ => None,
        }
    }

    fn fire(&mut self, i: usize, now: u64) {
        // Invariant: `i` indexes `config.rules`; `records` and `page_fired`
        // have one slot per rule.
        let rule = &self.config.rules[i];
        let (id, service) = (rule.id.clone(), rule.trigger.is_service());
        let text = rule.text.render(&self.render_cx());
        self.fired_in_input = true;
        let rec = &mut self.records[i];
        rec.last_fired = Some(now);
        rec.session_fired = self.state.session.start;
        self.page_fired[i] = self.page.gen;
        // `converted` counts once per visitor, message and session.
        if !self.state.session.unconverted.contains(&id)
            && !self.state.session.converted.contains(&id)
        {
            self.state.session.unconverted.push(id.clone());
        }
        if !service {
            self.state.session.last_marketing = Some(now);
        }
        self.stat(i, StatKind::Fired);
        self.out.push_back(Output::Fired {
            message_id: id.clone(),
            text: text.clone(),
        });
        let msg = self.append(Author::Bot, Some(id), text, now);
        if !self.chat_open {
            self.preview = Some(msg.clone());
            self.out.push_back(Output::Preview(Some(msg)));
        }
        if self.widget_hidden {
            self.unshown.push(i as u32);
        } else {
            self.stat(i, StatKind::Shown);
        }
    }

    /// Counts `shown` for what the visitor now sees after `Nudge('show')`
    /// or opening the chat: everything in the open panel, else the preview.
    fn count_displayed(&mut self) {
        if self.widget_hidden || self.unshown.is_empty() {
            return;
        }
        let shown: Vec<u32> = if self.chat_open {
            std::mem::take(&mut self.unshown)
        } else {
            // Only the latest firing is the preview.
            let rule = self.preview.as_ref().and_then(|p| p.rule.as_deref());
            let preview = rule.and_then(|r| self.ids.get(r).copied());
            let last = self
                .unshown
                .iter()
                .rposition(|&i| Some(i as usize) == preview);
            match last {
                Some(at) => vec![self.unshown.remove(at)],
                None => Vec::new(),
            }
        };
        for i in shown {
            self.stat(i as usize, StatKind::Shown);
        }
    }

    // ----- helpers ------------------------------------------------------

    fn render_cx(&self) -> RenderContext<'_> {
        RenderContext {
            site_name: &self.config.site.name,
            team_name: &self.config.team.name,
            reply_time: &self.config.team.reply_time,
            establishment: self
                .config
                .establishments
                .get(self.page.establishment)
                .map(|e| e.facts.as_slice())
                .unwrap_or(&[]),
            attributes: &self.state.attributes,
        }
    }

    fn message_set(&self) -> Option<&super::config::MessageSet> {
        self.set.and_then(|i| self.config.message_sets.get(i))
    }

    /// The page's welcome message: its establishment's set, else the site's.
    fn welcome_message(&self) -> Option<&super::placeholders::Template> {
        match self.message_set().and_then(|s| s.welcome_message.as_ref()) {
            Some(t) => Some(t),
            None => self.config.welcome_message.as_ref(),
        }
    }

    fn absence_message(&self) -> Option<&super::placeholders::Template> {
        match self.message_set().and_then(|s| s.absence_message.as_ref()) {
            Some(t) => Some(t),
            None => self.config.absence_message.as_ref(),
        }
    }

    fn starters(&self) -> &[super::config::Starter] {
        match self.message_set().and_then(|s| s.starters.as_ref()) {
            Some(s) => s,
            None => &self.config.starters,
        }
    }

    /// The page's chat hours: its establishment's set, else the site's.
    fn business_hours(&self) -> Option<&super::clock::BusinessHours> {
        match self.message_set().and_then(|s| s.business_hours.as_ref()) {
            Some(h) => Some(h),
            None => self.config.business_hours.as_ref(),
        }
    }

    fn starter_titles(&self) -> Vec<String> {
        if self.state.conversation.typed {
            return Vec::new();
        }
        let cx = self.render_cx();
        self.starters()
            .iter()
            .map(|s| s.title.render(&cx))
            .collect()
    }

    /// The rule behind the preview, if `message_id` names it (by rule id
    /// or by chat message id).
    fn preview_rule(&self, message_id: &str) -> Option<usize> {
        let p = self.preview.as_ref()?;
        let rule = p.rule.as_deref()?;
        if rule == message_id || p.id == message_id {
            self.ids.get(rule).copied()
        } else {
            None
        }
    }

    fn stat(&mut self, i: usize, kind: StatKind) {
        // Invariant: `i` indexes `config.rules`; `records` has one slot per rule.
        self.records[i].counters.bump(kind);
        let id = self.config.rules[i].id.clone();
        self.out.push_back(Output::Stat(StatEvent {
            message_id: id,
            kind,
        }));
        self.dirty = true;
    }

    fn append(
        &mut self,
        author: Author,
        rule: Option<String>,
        text: String,
        now: u64,
    ) -> ChatMessage {
        let conv = &mut self.state.conversation;
        conv.next_id += 1;
        let mut id = String::from("m");
        write_int(conv.next_id as i64, &mut id);
        if !self.tab.is_empty() {
            id.push('.');
            id.push_str(&self.tab);
        }
        let msg = ChatMessage {
            id,
            rule,
            author,
            text,
            at: Timestamp(now),
        };
        conv.updated = now.max(conv.updated);
        conv.push(msg.clone());
        self.out.push_back(Output::Message(msg.clone()));
        if !self.chat_open && author != Author::Visitor {
            conv.unread = conv.unread.saturating_add(1);
            self.out.push_back(Output::Unread(conv.unread));
        }
        self.dirty = true;
        msg
    }

    fn finish(&mut self) {
        if !self.dirty
            || self.newer_state
            || (self.config.behaviour.consent_required && !self.consent)
        {
            return;
        }
        let orphans = self.state.rules.len();
        for (i, r) in self.records.iter().enumerate() {
            if !r.is_default() {
                if let Some(rule) = self.config.rules.get(i) {
                    self.state.rules.push((rule.id.clone(), *r));
                }
            }
        }
        let text = self.state.to_json();
        self.state.rules.truncate(orphans);
        self.out.push_back(Output::Persist(text));
        self.persisted_last = self.state.session.last;
        self.dirty = false;
    }
}

/// More characters than a message may have (`limits::MAX_MESSAGE_CHARS`).
fn too_long(text: &str) -> bool {
    text.chars().nth(super::limits::MAX_MESSAGE_CHARS).is_some()
}
