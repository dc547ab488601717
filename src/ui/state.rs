//! The widget's view state and its reducer: pure Rust, no `web-sys`.
//!
//! The runtime turns engine outputs into [`Action`]s; the view renders a
//! [`WidgetState`] and reports what the visitor did as events. Nothing
//! here knows about rules, storage or the browser.
//!
//! Decisions worth knowing:
//! - The reducer never *increments* `unread`: the count comes from
//!   [`Action::SetUnread`] (the runtime owns it, it is shared across tabs).
//!   Opening the panel resets it to 0 and clears the preview, because the
//!   visitor now sees every message; the runtime should persist the same.
//! - A preview set while the panel is open is dropped: the message is already
//!   visible in the conversation.
//! - Appending a bubble whose id is already in the conversation replaces it
//!   (cross-tab sync may deliver the same message twice).
//! - `Hide` only hides; it leaves `open` as it was so `Show` restores the view.

/// Who wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Author {
    Visitor,
    Agent,
    /// An automatic message or a starter's canned answer.
    Bot,
}

/// One message as displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bubble {
    pub id: String,
    pub author: Author,
    /// Plain text, rendered as text (never as HTML); line breaks are kept.
    pub text: String,
    /// Preformatted by the runtime, e.g. `"14:05"`.
    pub time: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamStatus {
    Online,
    Busy,
    Offline,
}

/// Which bottom corner the launcher sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Side {
    Left,
    #[default]
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// `"fr"`, `"fr-CA"`, `"FR_be"` → `Fr`; anything else → `En`.
    pub fn from_tag(tag: &str) -> Lang {
        let t = tag.as_bytes();
        if t.len() >= 2
            && t[..2].eq_ignore_ascii_case(b"fr")
            && (t.len() == 2 || !t[2].is_ascii_alphabetic())
        {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

/// Every string of the interface (not the merchant's messages). Each one
/// can be replaced from the config's `ui.texts` (see [`Texts::slot`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    pub open_chat: &'static str,
    pub close_chat: &'static str,
    /// Followed by a count: "3 unread messages".
    pub unread_one: &'static str,
    pub unread_many: &'static str,
    pub dismiss: &'static str,
    pub online: &'static str,
    pub busy: &'static str,
    pub offline: &'static str,
    pub conversation: &'static str,
    pub starters: &'static str,
    pub message: &'static str,
    pub placeholder: &'static str,
    pub send: &'static str,
    /// Screen-reader prefix of the visitor's own bubbles.
    pub you: &'static str,
    /// The header's reply-time line; `{}` is the team's `reply_time`.
    pub reply_time: &'static str,
}

pub static EN: Texts = Texts {
    open_chat: "Open chat",
    close_chat: "Close chat",
    unread_one: "unread message",
    unread_many: "unread messages",
    dismiss: "Dismiss message",
    online: "Online",
    busy: "Busy",
    offline: "Offline",
    conversation: "Conversation",
    starters: "Suggested questions",
    message: "Message",
    placeholder: "Write a message…",
    send: "Send",
    you: "You",
    reply_time: "Replies in {}",
};

pub static FR: Texts = Texts {
    open_chat: "Ouvrir le chat",
    close_chat: "Fermer le chat",
    unread_one: "message non lu",
    unread_many: "messages non lus",
    dismiss: "Ignorer le message",
    online: "En ligne",
    busy: "Occupé",
    offline: "Hors ligne",
    conversation: "Conversation",
    starters: "Questions suggérées",
    message: "Message",
    placeholder: "Écrivez un message…",
    send: "Envoyer",
    you: "Vous",
    reply_time: "Répond en {}",
};

impl Texts {
    pub fn for_lang(lang: Lang) -> &'static Texts {
        match lang {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// The field that `ui.texts.<key>` replaces. The keys are the
    /// engine's `UI_TEXT_KEYS` (one list, checked by a test); None for any
    /// other key.
    pub fn slot(&mut self, key: &str) -> Option<&mut &'static str> {
        Some(match key {
            "launcher_label" => &mut self.open_chat,
            "close_label" => &mut self.close_chat,
            "unread_one" => &mut self.unread_one,
            "unread_many" => &mut self.unread_many,
            "dismiss_label" => &mut self.dismiss,
            "status_online" => &mut self.online,
            "status_busy" => &mut self.busy,
            "status_offline" => &mut self.offline,
            "conversation_label" => &mut self.conversation,
            "starters_label" => &mut self.starters,
            "message_label" => &mut self.message,
            "placeholder" => &mut self.placeholder,
            "send_label" => &mut self.send,
            "you_label" => &mut self.you,
            "reply_time" => &mut self.reply_time,
            _ => return None,
        })
    }

    /// `base` with `overrides` (key, text) applied. Built once per page
    /// load from the config and kept for the page's life (leaked: the
    /// view holds `&'static Texts`).
    pub fn with_overrides(base: &'static Texts, overrides: &[(String, String)]) -> &'static Texts {
        if overrides.is_empty() {
            return base;
        }
        let mut texts = base.clone();
        for (key, text) in overrides {
            if let Some(slot) = texts.slot(key) {
                *slot = Box::leak(text.clone().into_boxed_str());
            }
        }
        Box::leak(Box::new(texts))
    }

    /// The header's reply-time line for the team's `reply_time`.
    pub fn reply_line(&self, reply_time: &str) -> String {
        match crate::engine::find_str(self.reply_time, "{}") {
            Some(at) => {
                let mut line = String::from(&self.reply_time[..at]);
                line.push_str(reply_time);
                line.push_str(&self.reply_time[at + 2..]);
                line
            }
            None => self.reply_time.to_string(),
        }
    }

    pub fn status(&self, status: TeamStatus) -> &'static str {
        match status {
            TeamStatus::Online => self.online,
            TeamStatus::Busy => self.busy,
            TeamStatus::Offline => self.offline,
        }
    }

    /// The launcher's accessible name: "Open chat, 2 unread messages".
    pub fn launcher_label(&self, open: bool, unread: u32) -> String {
        if open {
            return self.close_chat.to_string();
        }
        match unread {
            0 => self.open_chat.to_string(),
            1 => format!("{}, 1 {}", self.open_chat, self.unread_one),
            n => format!("{}, {} {}", self.open_chat, n, self.unread_many),
        }
    }
}

/// The upper-case form of `c` (simple mapping over ASCII, Latin-1,
/// Latin Extended-A, basic Greek and Cyrillic; `ß` stays `ß`). Not
/// `char::to_uppercase`: its Unicode tables cost several KB of wasm..
pub fn upper_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE | 0x3B1..=0x3C1 | 0x3C3..=0x3CB | 0x430..=0x44F => {
            u - 0x20
        }
        0x3C2 => 0x3A3,
        0x131 => 'I' as u32,
        0x101..=0x137 | 0x14B..=0x177 if u & 1 == 1 => u - 1,
        0x13A..=0x148 | 0x17A..=0x17E if u & 1 == 0 => u - 1,
        0xFF => 0x178,
        0x450..=0x45F => u - 0x50,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Up to two uppercase initials of a name: "Acme Support" → "AS".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .map(upper_char)
        .collect()
}

/// The avatar URL if it may go into `<img src>`: http(s) only.
pub fn safe_image_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower =
        |p: &str| u.len() > p.len() && u.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    (lower("https://") || lower("http://")).then_some(u)
}

/// What the widget shows. Cheap to clone except for the conversation.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetState {
    pub visible: bool,
    pub open: bool,
    pub messages: Vec<Bubble>,
    /// The proactive preview over the launcher (only shown while closed).
    pub preview: Option<Bubble>,
    /// Conversation starters' titles, in display order.
    pub starters: Vec<String>,
    pub unread: u32,
    pub team_name: String,
    /// Image URL; anything but http(s) shows the team's initials.
    pub avatar: Option<String>,
    pub team_status: TeamStatus,
    /// The team's `reply_time`, e.g. "a few minutes" (the header wraps it
    /// in the `reply_time` text: "Replies in a few minutes").
    pub reply_time: Option<String>,
    pub lang: Lang,
    /// The merchant's `ui.texts` applied to the language's texts, if any.
    pub custom_texts: Option<&'static Texts>,
    /// Phone-sized viewport: the panel takes the whole screen.
    pub mobile: bool,
}

impl Default for WidgetState {
    fn default() -> Self {
        WidgetState {
            visible: true,
            open: false,
            messages: Vec::new(),
            preview: None,
            starters: Vec::new(),
            unread: 0,
            team_name: String::new(),
            avatar: None,
            team_status: TeamStatus::Online,
            reply_time: None,
            lang: Lang::En,
            custom_texts: None,
            mobile: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Open,
    Close,
    Toggle,
    Show,
    Hide,
    SetConversation(Vec<Bubble>),
    Append(Bubble),
    SetPreview(Option<Bubble>),
    SetStarters(Vec<String>),
    SetUnread(u32),
    SetTeam {
        status: TeamStatus,
    },
    SetHeader {
        team_name: String,
        avatar: Option<String>,
        reply_time: Option<String>,
    },
    SetLang(Lang),
    /// The interface texts with the merchant's overrides.
    SetTexts(&'static Texts),
    SetMobile(bool),
}

impl WidgetState {
    pub fn texts(&self) -> &'static Texts {
        self.custom_texts
            .unwrap_or_else(|| Texts::for_lang(self.lang))
    }

    /// Applies one action (the reducer).
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Open => self.set_open(true),
            Action::Close => self.set_open(false),
            Action::Toggle => self.set_open(!self.open),
            Action::Show => self.visible = true,
            Action::Hide => self.visible = false,
            Action::SetConversation(messages) => self.messages = messages,
            Action::Append(bubble) => match self.messages.iter_mut().find(|b| b.id == bubble.id) {
                Some(existing) => *existing = bubble,
                None => self.messages.push(bubble),
            },
            Action::SetPreview(preview) => self.preview = if self.open { None } else { preview },
            Action::SetStarters(starters) => self.starters = starters,
            Action::SetUnread(n) => self.unread = n,
            Action::SetTeam { status } => self.team_status = status,
            Action::SetHeader {
                team_name,
                avatar,
                reply_time,
            } => {
                self.team_name = team_name;
                self.avatar = avatar;
                self.reply_time = reply_time;
            }
            Action::SetLang(lang) => self.lang = lang,
            Action::SetTexts(texts) => self.custom_texts = Some(texts),
            Action::SetMobile(mobile) => self.mobile = mobile,
        }
    }

    fn set_open(&mut self, open: bool) {
        self.open = open;
        if open {
            self.preview = None;
            self.unread = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bubble(id: &str, text: &str) -> Bubble {
        Bubble {
            id: id.into(),
            author: Author::Bot,
            text: text.into(),
            time: "14:05".into(),
        }
    }

    fn after(state: WidgetState, actions: impl IntoIterator<Item = Action>) -> WidgetState {
        let mut state = state;
        for action in actions {
            state.apply(action);
        }
        state
    }

    #[test]
    fn a_new_widget_is_visible_closed_and_empty() {
        let s = WidgetState::default();
        assert!(
            s.visible && !s.open && s.messages.is_empty() && s.preview.is_none() && s.unread == 0
        );
    }

    #[test]
    fn open_opens_the_panel() {
        assert!(after(WidgetState::default(), [Action::Open]).open);
    }

    #[test]
    fn close_closes_the_panel() {
        assert!(!after(WidgetState::default(), [Action::Open, Action::Close]).open);
    }

    #[test]
    fn toggle_flips_the_panel_both_ways() {
        let s = after(WidgetState::default(), [Action::Toggle]);
        assert!(s.open);
        assert!(!after(s, [Action::Toggle]).open);
    }

    #[test]
    fn open_clears_the_preview() {
        let s = after(
            WidgetState::default(),
            [Action::SetPreview(Some(bubble("m1", "Hi"))), Action::Open],
        );
        assert_eq!(s.preview, None);
    }

    #[test]
    fn open_resets_the_unread_count() {
        assert_eq!(
            after(WidgetState::default(), [Action::SetUnread(3), Action::Open]).unread,
            0
        );
    }

    #[test]
    fn close_keeps_messages_and_unread_as_they_are() {
        let s = after(
            WidgetState::default(),
            [
                Action::Open,
                Action::Append(bubble("m1", "Hi")),
                Action::Close,
                Action::SetUnread(2),
            ],
        );
        assert_eq!((s.messages.len(), s.unread), (1, 2));
    }

    #[test]
    fn append_while_closed_does_not_touch_the_unread_count() {
        assert_eq!(
            after(WidgetState::default(), [Action::Append(bubble("m1", "Hi"))]).unread,
            0
        );
    }

    #[test]
    fn append_adds_the_bubble_at_the_end() {
        let s = after(
            WidgetState::default(),
            [
                Action::Append(bubble("a", "1")),
                Action::Append(bubble("b", "2")),
            ],
        );
        assert_eq!(
            s.messages.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn append_with_a_known_id_replaces_the_bubble_instead_of_duplicating_it() {
        let s = after(
            WidgetState::default(),
            [
                Action::Append(bubble("a", "old")),
                Action::Append(bubble("a", "new")),
            ],
        );
        assert_eq!(s.messages, vec![bubble("a", "new")]);
    }

    #[test]
    fn set_conversation_replaces_all_messages() {
        let s = after(
            WidgetState::default(),
            [
                Action::Append(bubble("a", "1")),
                Action::SetConversation(vec![bubble("z", "9")]),
            ],
        );
        assert_eq!(s.messages, vec![bubble("z", "9")]);
    }

    #[test]
    fn set_preview_while_closed_shows_it() {
        let s = after(
            WidgetState::default(),
            [Action::SetPreview(Some(bubble("m1", "Hi")))],
        );
        assert_eq!(s.preview, Some(bubble("m1", "Hi")));
    }

    #[test]
    fn set_preview_while_open_is_dropped_because_the_message_is_already_visible() {
        let s = after(
            WidgetState::default(),
            [Action::Open, Action::SetPreview(Some(bubble("m1", "Hi")))],
        );
        assert_eq!(s.preview, None);
    }

    #[test]
    fn set_preview_none_removes_the_preview() {
        let s = after(
            WidgetState::default(),
            [
                Action::SetPreview(Some(bubble("m1", "Hi"))),
                Action::SetPreview(None),
            ],
        );
        assert_eq!(s.preview, None);
    }

    #[test]
    fn set_unread_sets_the_count() {
        assert_eq!(
            after(WidgetState::default(), [Action::SetUnread(7)]).unread,
            7
        );
    }

    #[test]
    fn hide_then_show_restores_the_open_panel() {
        let s = after(WidgetState::default(), [Action::Open, Action::Hide]);
        assert!(!s.visible && s.open);
        assert!(after(s, [Action::Show]).visible);
    }

    #[test]
    fn set_starters_replaces_the_list() {
        let s = after(
            WidgetState::default(),
            [Action::SetStarters(vec!["Hours?".into(), "Where?".into()])],
        );
        assert_eq!(s.starters, ["Hours?", "Where?"]);
    }

    #[test]
    fn set_team_changes_only_the_status() {
        let s = after(
            WidgetState::default(),
            [Action::SetTeam {
                status: TeamStatus::Busy,
            }],
        );
        assert_eq!(s.team_status, TeamStatus::Busy);
    }

    #[test]
    fn set_header_sets_name_avatar_and_reply_time() {
        let s = after(
            WidgetState::default(),
            [Action::SetHeader {
                team_name: "Acme".into(),
                avatar: Some("https://x/a.png".into()),
                reply_time: Some("Replies in minutes".into()),
            }],
        );
        assert_eq!(
            (
                s.team_name.as_str(),
                s.avatar.as_deref(),
                s.reply_time.as_deref()
            ),
            ("Acme", Some("https://x/a.png"), Some("Replies in minutes"))
        );
    }

    #[test]
    fn set_lang_switches_the_interface_texts() {
        let s = after(WidgetState::default(), [Action::SetLang(Lang::Fr)]);
        assert_eq!(s.texts().open_chat, "Ouvrir le chat");
    }

    #[test]
    fn set_mobile_sets_the_flag() {
        assert!(after(WidgetState::default(), [Action::SetMobile(true)]).mobile);
    }

    #[test]
    fn the_launcher_label_says_open_chat_without_unread_messages() {
        assert_eq!(EN.launcher_label(false, 0), "Open chat");
    }

    #[test]
    fn the_launcher_label_counts_one_unread_message_in_the_singular() {
        assert_eq!(EN.launcher_label(false, 1), "Open chat, 1 unread message");
    }

    #[test]
    fn the_launcher_label_counts_unread_messages_in_french() {
        assert_eq!(
            FR.launcher_label(false, 3),
            "Ouvrir le chat, 3 messages non lus"
        );
    }

    #[test]
    fn the_launcher_label_says_close_chat_when_open() {
        assert_eq!(FR.launcher_label(true, 3), "Fermer le chat");
    }

    #[test]
    fn every_interface_text_is_translated_and_non_empty() {
        for t in [&EN, &FR] {
            for s in [
                t.open_chat,
                t.close_chat,
                t.unread_one,
                t.unread_many,
                t.dismiss,
                t.online,
                t.busy,
                t.offline,
                t.conversation,
                t.starters,
                t.message,
                t.placeholder,
                t.send,
                t.you,
                t.reply_time,
            ] {
                assert!(!s.trim().is_empty());
            }
        }
        assert_ne!(EN.open_chat, FR.open_chat);
    }

    #[test]
    fn every_ui_text_key_of_the_config_replaces_an_interface_text() {
        for key in crate::engine::tables::UI_TEXTS.names() {
            let mut t = EN.clone();
            *t.slot(key).unwrap_or_else(|| panic!("no text for {key}")) = "X";
            assert_ne!(t, EN, "{key}");
        }
        assert!(EN.clone().slot("nope").is_none());
    }

    #[test]
    fn the_english_texts_are_the_documented_defaults() {
        for f in crate::engine::tables::UI_TEXTS.fields {
            let mut t = EN.clone();
            let text = *t.slot(f.name).unwrap();
            assert_eq!(
                f.default,
                crate::engine::fields::Dflt::Str(text),
                "{}",
                f.name
            );
        }
    }

    #[test]
    fn overrides_replace_only_the_texts_they_name() {
        let t = Texts::with_overrides(
            &FR,
            &[("launcher_label".into(), "Discuter avec nous".into())],
        );
        assert_eq!(t.launcher_label(false, 0), "Discuter avec nous");
        assert_eq!(t.close_chat, FR.close_chat);
        let s = after(
            WidgetState::default(),
            [Action::SetTexts(t), Action::SetLang(Lang::En)],
        );
        assert_eq!(s.texts().open_chat, "Discuter avec nous");
    }

    #[test]
    fn the_reply_time_line_wraps_the_teams_reply_time() {
        assert_eq!(
            FR.reply_line("quelques minutes"),
            "Répond en quelques minutes"
        );
        let t = Texts::with_overrides(&EN, &[("reply_time".into(), "Back in {} max".into())]);
        assert_eq!(t.reply_line("5 min"), "Back in 5 min max");
    }

    #[test]
    fn status_texts_follow_the_language() {
        assert_eq!(FR.status(TeamStatus::Offline), "Hors ligne");
        assert_eq!(EN.status(TeamStatus::Busy), "Busy");
    }

    #[test]
    fn language_tags_starting_with_fr_are_french() {
        for tag in ["fr", "fr-CA", "FR_be"] {
            assert_eq!(Lang::from_tag(tag), Lang::Fr, "{tag}");
        }
    }

    #[test]
    fn other_language_tags_are_english() {
        for tag in ["en-US", "", "f", "fra", "de"] {
            assert_eq!(Lang::from_tag(tag), Lang::En, "{tag}");
        }
    }

    #[test]
    fn initials_take_the_first_letter_of_the_first_two_words() {
        assert_eq!(initials("acme  support team"), "AS");
        assert_eq!(initials("Émile"), "É");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("élodie ňovák"), "ÉŇ");
    }

    #[test]
    fn upper_char_agrees_with_std_on_the_ranges_it_covers() {
        for u in (0..0x180u32)
            .chain(0x391..0x3AC)
            .chain(0x3B1..0x3CC)
            .chain(0x400..0x460)
        {
            let Some(c) = char::from_u32(u) else { continue };
            let up: String = c.to_uppercase().collect();
            // µ and ſ go to Greek / ASCII in std: outside what we map
            if up.chars().count() == 1 && u != 0xB5 && u != 0x17F {
                assert_eq!(upper_char(c).to_string(), up, "upper {:04X}", u);
            }
        }
    }

    #[test]
    fn only_http_and_https_avatar_urls_are_allowed() {
        assert_eq!(
            safe_image_url(" https://cdn.x/a.png"),
            Some("https://cdn.x/a.png")
        );
        assert_eq!(safe_image_url("HTTP://x/a.png"), Some("HTTP://x/a.png"));
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "//x/a.png",
            "https://",
            "ftp://x",
        ] {
            assert_eq!(safe_image_url(bad), None, "{bad}");
        }
    }
}
