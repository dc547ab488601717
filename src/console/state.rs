//! The console's state and its reducer (like Yew's `function_todomvc`):
//! pure Rust, no browser. The root component owns it, runs the effects
//! (autosave, focus, file and clipboard access) and hands plain data down;
//! the views report what the merchant did as [`Msg`]s.
//!
//! The draft is the config's JSON *text*: the JSON tab edits it as text,
//! the forms edit its parsed tree and write it back (pretty-printed). Undo
//! and redo keep whole texts; consecutive keystrokes in one field (or in the
//! JSON tab) make one undo step.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::json::{self, Value};
use crate::ui::Lang;

use super::doc::{self, path_str, Path};
use super::simulate::Journey;

/// The console's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Start,
    Messages,
    Automatic,
    Settings,
    Json,
    Simulator,
    Publish,
    Resume,
}

impl View {
    pub const ALL: [View; 8] = [
        View::Start,
        View::Messages,
        View::Automatic,
        View::Settings,
        View::Json,
        View::Simulator,
        View::Publish,
        View::Resume,
    ];

    /// The form page that shows the field at `path` (a diagnostic's path).
    pub fn of_path(path: &str) -> View {
        let root = path.split(['.', '[']).next().unwrap_or("");
        match root {
            "establishments" | "welcome_message" | "absence_message" | "starters"
            | "message_sets" => View::Messages,
            "presets" | "auto_messages" => View::Automatic,
            "site" | "team" | "business_hours" | "behaviour" | "ui" => View::Settings,
            _ => View::Json,
        }
    }

    /// A stable name (URL hash, element ids, tests).
    pub fn slug(self) -> &'static str {
        match self {
            View::Start => "start",
            View::Messages => "messages",
            View::Automatic => "automatic",
            View::Settings => "settings",
            View::Json => "json",
            View::Simulator => "simulator",
            View::Publish => "publish",
            View::Resume => "resume",
        }
    }
}

/// Business hours in the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hours {
    Inside,
    Outside,
}

/// The preview's switches and what the merchant did in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewOpts {
    /// Establishment id (None = the first one, like the widget).
    pub establishment: Option<String>,
    /// Interface and preset language (None = the config's).
    pub lang: Option<Lang>,
    pub hours: Hours,
    /// "online" | "busy" | "offline" (None = the config's).
    pub team: Option<String>,
    /// The page the visitor is on, as typed: a full URL or a path on the
    /// shop (empty = the home page), so that URL-targeted messages show.
    pub url: String,
    pub phone: bool,
    pub open: bool,
    /// Starters clicked in the open panel, in order.
    pub clicked: Vec<usize>,
    /// The proactive preview was dismissed.
    pub dismissed: bool,
}

impl Default for PreviewOpts {
    fn default() -> Self {
        PreviewOpts {
            establishment: None,
            lang: None,
            hours: Hours::Inside,
            team: None,
            url: String::new(),
            phone: false,
            open: false,
            clicked: Vec::new(),
            dismissed: false,
        }
    }
}

/// A form edit of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Set(Path, Value),
    Remove(Path),
    /// Moves array item `from` to `to`.
    Move(Path, usize, usize),
    Push(Path, Value),
}

/// Everything that can happen in the console.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A whole new document (template, file, paste, URL): one undo step.
    Load(String),
    /// The JSON tab's text.
    SetText(String),
    Edit(Edit),
    Undo,
    Redo,
    Show(View),
    SetLang(Lang),
    Preview(PreviewMsg),
    /// Which message set the Messages page edits (None = site-wide).
    SelectSet(Option<usize>),
    /// Something to say in the live region (reorders, saves).
    Announce(String),
    /// Show and focus the form field of a diagnostic's path.
    Focus(String),
    SetJourney(Journey),
}

/// Preview switches and clicks.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewMsg {
    Establishment(Option<String>),
    Lang(Option<Lang>),
    Hours(Hours),
    Team(Option<String>),
    Url(String),
    Phone(bool),
    Open(bool),
    Starter(usize),
    Dismiss,
    Restart,
}

/// The whole console state.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleState {
    pub lang: Lang,
    pub view: View,
    /// The draft's JSON text.
    pub text: Rc<str>,
    /// The parsed draft (None while the text is not valid JSON).
    pub doc: Option<Rc<Value>>,
    pub undo: Vec<Rc<str>>,
    pub redo: Vec<Rc<str>>,
    /// The field being typed into (its path, or "#json"): consecutive
    /// edits there make one undo step.
    pub typing: Option<String>,
    pub preview: PreviewOpts,
    pub set: Option<usize>,
    /// The live region's text and a counter (the same text twice must be
    /// announced twice).
    pub announcement: (String, u32),
    /// A field to focus after rendering: (path, request counter).
    pub focus: Option<(String, u32)>,
    pub journey: Journey,
}

impl Default for ConsoleState {
    fn default() -> Self {
        ConsoleState::new(Lang::Fr, None)
    }
}

/// Undo history is capped so a long session cannot fill the memory.
const MAX_UNDO: usize = 200;

impl ConsoleState {
    /// A console with the saved draft (if any), on the page that fits it.
    pub fn new(lang: Lang, draft: Option<String>) -> ConsoleState {
        let (text, view) = match draft {
            Some(t) if !t.trim().is_empty() => (t, View::Messages),
            _ => (String::new(), View::Start),
        };
        let mut s = ConsoleState {
            lang,
            view,
            text: Rc::from(""),
            doc: None,
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
            preview: PreviewOpts::default(),
            set: None,
            announcement: (String::new(), 0),
            focus: None,
            journey: super::simulate::library().remove(0).journey,
        };
        s.replace_text(text);
        if s.view != View::Start && s.doc.is_none() {
            s.view = View::Json;
        }
        s
    }

    fn replace_text(&mut self, text: String) {
        self.doc = json::parse(&text)
            .ok()
            .filter(|v| v.as_object().is_some())
            .map(Rc::new);
        self.text = Rc::from(text);
    }

    /// Records an undo step unless the merchant is still typing in `field`.
    fn checkpoint(&mut self, field: Option<String>) {
        let same = field.is_some() && field == self.typing;
        if !same {
            self.undo.push(self.text.clone());
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.typing = field;
    }

    /// Applies one message in place.
    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::Load(text) => {
                self.checkpoint(None);
                self.replace_text(text);
                self.preview = PreviewOpts::default();
                self.set = None;
                self.view = if self.doc.is_some() {
                    View::Messages
                } else {
                    View::Json
                };
            }
            Msg::SetText(text) => {
                if *text == *self.text {
                    return;
                }
                self.checkpoint(Some("#json".into()));
                self.replace_text(text);
            }
            Msg::Edit(edit) => {
                let Some(doc) = &self.doc else { return };
                let mut d = (**doc).clone();
                let field = match &edit {
                    Edit::Set(path, Value::String(_)) => Some(path_str(path)),
                    _ => None,
                };
                match edit {
                    Edit::Set(path, v) => doc::set(&mut d, &path, v),
                    Edit::Remove(path) => doc::remove(&mut d, &path),
                    Edit::Move(path, from, to) => doc::move_item(&mut d, &path, from, to),
                    Edit::Push(path, v) => doc::push(&mut d, &path, v),
                }
                if d == **doc {
                    return;
                }
                self.checkpoint(field);
                self.text = Rc::from(d.to_pretty());
                self.doc = Some(Rc::new(d));
            }
            Msg::Undo => {
                if let Some(prev) = self.undo.pop() {
                    self.redo.push(self.text.clone());
                    self.replace_text(prev.to_string());
                    self.typing = None;
                }
            }
            Msg::Redo => {
                if let Some(next) = self.redo.pop() {
                    self.undo.push(self.text.clone());
                    self.replace_text(next.to_string());
                    self.typing = None;
                }
            }
            Msg::Show(view) => {
                self.view = view;
                self.typing = None;
            }
            Msg::SetLang(lang) => self.lang = lang,
            Msg::Preview(m) => self.preview_msg(m),
            Msg::SelectSet(set) => {
                self.set = set;
                self.typing = None;
            }
            Msg::Announce(text) => {
                self.announcement = (text, self.announcement.1.wrapping_add(1));
            }
            Msg::Focus(path) => {
                let view = View::of_path(&path);
                self.view = if self.doc.is_some() { view } else { View::Json };
                if let Some(i) = message_set_of(&path) {
                    self.set = Some(i);
                } else if self.view == View::Messages {
                    self.set = None;
                }
                let n = self.focus.as_ref().map_or(0, |f| f.1.wrapping_add(1));
                self.focus = Some((path, n));
            }
            Msg::SetJourney(j) => self.journey = j,
        }
    }

    fn preview_msg(&mut self, m: PreviewMsg) {
        let p = &mut self.preview;
        match m {
            PreviewMsg::Establishment(e) => p.establishment = e,
            PreviewMsg::Lang(l) => p.lang = l,
            PreviewMsg::Hours(h) => p.hours = h,
            PreviewMsg::Team(t) => p.team = t,
            PreviewMsg::Url(u) => p.url = u,
            PreviewMsg::Phone(b) => p.phone = b,
            PreviewMsg::Open(open) => {
                p.open = open;
                if !open {
                    p.clicked.clear();
                }
            }
            PreviewMsg::Starter(i) => {
                p.open = true;
                p.clicked.push(i);
            }
            PreviewMsg::Dismiss => p.dismissed = true,
            PreviewMsg::Restart => {
                p.open = false;
                p.clicked.clear();
                p.dismissed = false;
            }
        }
    }
}

/// `message_sets[3].welcome_message` → Some(3).
fn message_set_of(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("message_sets[")?;
    rest.split(']').next()?.parse().ok()
}

impl Reducible for ConsoleState {
    type Action = Msg;
    fn reduce(self: Rc<Self>, action: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::console::doc::{p, PathExt};

    fn state(text: &str) -> ConsoleState {
        ConsoleState::new(Lang::Fr, Some(text.to_string()))
    }

    fn set(path: Path, v: &str) -> Msg {
        Msg::Edit(Edit::Set(path, doc::string(v)))
    }

    #[test]
    fn without_a_draft_the_console_opens_on_the_start_page() {
        assert_eq!(ConsoleState::new(Lang::Fr, None).view, View::Start);
    }

    #[test]
    fn a_draft_that_does_not_parse_opens_in_the_json_tab() {
        let s = state("{\"site\": ");
        assert_eq!(s.view, View::Json);
        assert!(s.doc.is_none());
        assert_eq!(&*s.text, "{\"site\": ");
    }

    #[test]
    fn a_form_edit_rewrites_the_text_and_keeps_unknown_fields() {
        let mut s = state(r#"{"mystery": [1, 2], "site": {"name": "A"}}"#);
        s.apply(set(p(&["site", "name"]), "B"));
        let v = json::parse(&s.text).unwrap();
        assert_eq!(v.to_json(), r#"{"mystery":[1,2],"site":{"name":"B"}}"#);
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut s = state(r#"{"site": {"name": ""}}"#);
        for name in ["B", "Bo", "Bou"] {
            s.apply(set(p(&["site", "name"]), name));
        }
        s.apply(set(p(&["team", "name"]), "T"));
        assert_eq!(s.undo.len(), 2);
        s.apply(Msg::Undo);
        s.apply(Msg::Undo);
        assert_eq!(
            json::parse(&s.text).unwrap().to_json(),
            r#"{"site":{"name":""}}"#
        );
        s.apply(Msg::Redo);
        assert_eq!(
            json::parse(&s.text).unwrap().to_json(),
            r#"{"site":{"name":"Bou"}}"#
        );
    }

    #[test]
    fn a_new_edit_after_undo_clears_the_redo_stack() {
        let mut s = state(r#"{"a": 1}"#);
        s.apply(Msg::Edit(Edit::Set(p(&["a"]), doc::int(2))));
        s.apply(Msg::Undo);
        s.apply(Msg::Edit(Edit::Set(p(&["a"]), doc::int(3))));
        assert!(s.redo.is_empty());
        s.apply(Msg::Redo);
        assert_eq!(json::parse(&s.text).unwrap().to_json(), r#"{"a":3}"#);
    }

    #[test]
    fn json_text_edits_update_the_tree_and_are_undoable() {
        let mut s = state(r#"{"a": 1}"#);
        s.apply(Msg::SetText(r#"{"a": 1, "b": 2"#.into()));
        assert!(s.doc.is_none());
        s.apply(Msg::SetText(r#"{"a": 1, "b": 2}"#.into()));
        assert_eq!(s.doc.as_ref().unwrap().to_json(), r#"{"a":1,"b":2}"#);
        s.apply(Msg::Undo);
        assert_eq!(&*s.text, r#"{"a": 1}"#);
    }

    #[test]
    fn moving_a_starter_reorders_the_array() {
        let mut s = state(r#"{"starters": [{"title": "a"}, {"title": "b"}, {"title": "c"}]}"#);
        s.apply(Msg::Edit(Edit::Move(p(&["starters"]), 0, 2)));
        let titles: Vec<String> = doc::get_array(s.doc.as_ref().unwrap(), &p(&["starters"]))
            .iter()
            .map(|v| v.get("title").and_then(|t| t.as_str()).unwrap().to_string())
            .collect();
        assert_eq!(titles, ["b", "c", "a"]);
    }

    #[test]
    fn focusing_a_path_opens_the_page_that_shows_it() {
        let mut s = state(r#"{"a": 1}"#);
        s.apply(Msg::Focus("auto_messages[2].conditions.all[0].url".into()));
        assert_eq!(s.view, View::Automatic);
        s.apply(Msg::Focus("message_sets[1].welcome_message".into()));
        assert_eq!((s.view, s.set), (View::Messages, Some(1)));
        s.apply(Msg::Focus(path_str(&p(&["team"]).key("status"))));
        assert_eq!(s.view, View::Settings);
        assert_eq!(s.focus.as_ref().map(|f| f.1), Some(2));
    }

    #[test]
    fn loading_a_document_is_one_undo_step_and_resets_the_preview() {
        let mut s = state(r#"{"a": 1}"#);
        s.apply(Msg::Preview(PreviewMsg::Starter(0)));
        s.apply(Msg::Load(r#"{"b": 2}"#.into()));
        assert_eq!(s.preview, PreviewOpts::default());
        s.apply(Msg::Undo);
        assert_eq!(&*s.text, r#"{"a": 1}"#);
    }
}
