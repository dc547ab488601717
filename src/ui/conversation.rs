//! The conversation: a polite live region of bubbles. Only what changed is
//! redrawn: the bubbles the log already shows are kept (a screen reader
//! announces each new one once), the rest is replaced.

use super::dom::{add, el, set, text};
use super::state::{Author, Bubble, Texts};
use web_sys::Element;

pub struct Conversation {
    /// `.c`, the scrolled element.
    pub log: Element,
    /// The bubbles in `log`, in order.
    drawn: Vec<Bubble>,
    /// The team name and the texts the drawn bubbles were read out with.
    team_name: String,
    texts: &'static Texts,
}

impl Conversation {
    pub fn new(texts: &'static Texts) -> Conversation {
        let log = el("div", "c");
        set(&log, "role", "log");
        set(&log, "aria-live", "polite");
        set(&log, "aria-label", texts.conversation);
        set(&log, "tabindex", "0");
        Conversation {
            log,
            drawn: Vec::new(),
            team_name: String::new(),
            texts,
        }
    }

    /// Shows `messages`; true when a bubble was added or replaced.
    pub fn update(&mut self, messages: &[Bubble], team_name: &str, texts: &'static Texts) -> bool {
        let same_texts = std::ptr::eq(self.texts, texts);
        if !same_texts {
            set(&self.log, "aria-label", texts.conversation);
        }
        let keep = if same_texts && self.team_name == team_name {
            self.drawn
                .iter()
                .zip(messages)
                .take_while(|(a, b)| a == b)
                .count()
        } else {
            self.team_name = team_name.to_string();
            self.texts = texts;
            0
        };
        if keep == self.drawn.len() && keep == messages.len() {
            return false;
        }
        while self.drawn.len() > keep {
            self.drawn.pop();
            if let Some(last) = self.log.last_element_child() {
                last.remove();
            }
        }
        for b in &messages[keep..] {
            add(&self.log, &bubble(b, team_name, texts.you));
            self.drawn.push(b.clone());
        }
        true
    }
}

/// One bubble: the author for screen readers, the text, the time.
fn bubble(b: &Bubble, team_name: &str, you: &str) -> Element {
    let g = el(
        "div",
        match b.author {
            Author::Visitor => "g v",
            Author::Agent => "g ag",
            Author::Bot => "g",
        },
    );
    let who = el("span", "sr");
    text(
        &who,
        if b.author == Author::Visitor {
            you
        } else {
            team_name
        },
    );
    text(&who, ": ");
    add(&g, &who);
    text(&g, &b.text);
    let time = el("span", "t");
    text(&time, &b.time);
    add(&g, &time);
    g
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::ui::state::{Author, Bubble, WidgetState};
    use crate::ui::testing::{bubble, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The open panel of team "Acme", showing `messages`.
    fn state(messages: Vec<Bubble>) -> WidgetState {
        WidgetState {
            open: true,
            team_name: "Acme".into(),
            messages,
            ..WidgetState::default()
        }
    }

    #[wasm_bindgen_test]
    fn the_conversation_is_a_labelled_polite_live_region() {
        let m = Mounted::new(&state(vec![]));
        assert_eq!(m.attr(".c", "aria-live").as_deref(), Some("polite"));
        assert_eq!(m.attr(".c", "role").as_deref(), Some("log"));
        assert_eq!(m.attr(".c", "aria-label").as_deref(), Some("Conversation"));
    }

    #[wasm_bindgen_test]
    fn bubbles_show_text_time_and_author() {
        let m = Mounted::new(&state(vec![
            bubble("1", Author::Bot, "Welcome"),
            bubble("2", Author::Visitor, "Hi\nthere"),
            bubble("3", Author::Agent, "Hello"),
        ]));
        assert_eq!(m.text(".c .g:nth-child(1)"), "Acme: Welcome09:41");
        assert_eq!(m.text(".c .g.v"), "You: Hi\nthere09:41");
        assert_eq!(m.text(".c .g.ag .sr"), "Acme: ");
        assert_eq!(m.text(".c .g.ag .t"), "09:41");
    }

    #[wasm_bindgen_test]
    fn markup_in_a_message_is_shown_as_text() {
        let evil = "<img src=x onerror=alert(1)><b>bold</b>";
        let m = Mounted::new(&state(vec![bubble("1", Author::Visitor, evil)]));
        assert!(m.find(".c img").is_none());
        assert!(m.find(".c b").is_none());
        assert!(m.text(".c .g").contains(evil));
    }

    #[wasm_bindgen_test]
    fn a_bubble_on_screen_is_kept_when_a_message_is_appended() {
        let mut messages = vec![bubble("1", Author::Bot, "Welcome")];
        let m = Mounted::new(&state(messages.clone()));
        let first = m.get(".c .g");
        messages.push(bubble("2", Author::Visitor, "Hi"));
        m.update(&state(messages));
        assert!(m.get(".c .g:nth-child(1)").is_same_node(Some(&first)));
        assert_eq!(m.text(".c .g:nth-child(2)"), "You: Hi09:41");
    }
}
