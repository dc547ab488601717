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
    /// The names the drawn bubbles were read out with.
    names: (String, &'static str),
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
            names: (String::new(), texts.you),
        }
    }

    /// Shows `messages`; true when a bubble was added or replaced.
    pub fn update(&mut self, messages: &[Bubble], team_name: &str, texts: &'static Texts) -> bool {
        set(&self.log, "aria-label", texts.conversation);
        let keep = if self.names.0 == team_name && self.names.1 == texts.you {
            self.drawn.iter().zip(messages).take_while(|(a, b)| a == b).count()
        } else {
            0
        };
        self.names = (team_name.to_string(), texts.you);
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
    text(&who, if b.author == Author::Visitor { you } else { team_name });
    text(&who, ": ");
    add(&g, &who);
    text(&g, &b.text);
    let time = el("span", "t");
    text(&time, &b.time);
    add(&g, &time);
    g
}
