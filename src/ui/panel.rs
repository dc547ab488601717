//! The chat panel (a non-modal dialog): header, conversation, starters,
//! composer. Built the first time the panel opens and kept while it is
//! closed, so that what the visitor was typing is still there when it
//! opens again.

use super::composer::Composer;
use super::conversation::Conversation;
use super::dom::{add, el, set};
use super::header::{header, header_key};
use super::starters::starters;
use super::state::WidgetState;
use web_sys::Element;

pub struct Panel {
    /// `.p#nudge-panel`.
    pub dialog: Element,
    header: Element,
    pub conversation: Conversation,
    starters: Option<Element>,
    pub composer: Composer,
}

impl Panel {
    pub fn new(s: &WidgetState) -> Panel {
        let dialog = el("div", "p");
        dialog.set_id("nudge-panel");
        set(&dialog, "role", "dialog");
        set(&dialog, "aria-modal", "false");
        let head = header(s);
        add(&dialog, &head);
        let conversation = Conversation::new(s.texts());
        add(&dialog, &conversation.log);
        let composer = Composer::new();
        add(&dialog, &composer.form);
        let mut panel = Panel {
            dialog,
            header: head,
            conversation,
            starters: None,
            composer,
        };
        panel.update(None, s);
        panel
    }

    /// Shows `s` (`before`: what is shown now, None when just built);
    /// true when a bubble was added or replaced.
    pub fn update(&mut self, before: Option<&WidgetState>, s: &WidgetState) -> bool {
        let texts = s.texts();
        let same_texts = before.is_some_and(|b| std::ptr::eq(b.texts(), texts));
        if !(same_texts && before.is_some_and(|b| b.team_name == s.team_name)) {
            let label = if s.team_name.is_empty() {
                texts.conversation
            } else {
                &s.team_name
            };
            set(&self.dialog, "aria-label", label);
        }
        if !same_texts {
            self.composer.label(texts);
        }
        if before.is_some_and(|b| header_key(b) != header_key(s)) {
            let head = header(s);
            let _ = self.header.replace_with_with_node_1(&head);
            self.header = head;
        }
        let same_starters =
            before.is_some_and(|b| b.starters == s.starters && std::ptr::eq(b.texts(), texts));
        if !same_starters {
            if let Some(old) = self.starters.take() {
                old.remove();
            }
            if !s.starters.is_empty() {
                let list = starters(&s.starters, texts.starters);
                let _ = self.dialog.insert_before(&list, Some(&self.composer.form));
                self.starters = Some(list);
            }
        }
        self.conversation.update(&s.messages, &s.team_name, texts)
    }
}
