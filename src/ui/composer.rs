//! The composer: Enter sends, Shift+Enter is a new line, blank text is not
//! sent. Near the message limit (`engine::limits::MAX_MESSAGE_CHARS`) a
//! counter says how many characters the message has ("1 950 / 2 000",
//! announced politely and describing the textarea); over the limit the
//! textarea is marked invalid and nothing is sent.

use super::dom::{add, button, el, set};
use super::icons::{icon, SEND};
use super::state::Texts;
use crate::engine::limits::MAX_MESSAGE_CHARS;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};

/// From this many characters on, the counter shows.
pub const COUNTER_FROM: usize = MAX_MESSAGE_CHARS - 200;

/// `.f`: the textarea, the send button and the (hidden) counter.
pub struct Composer {
    pub form: Element,
    pub textarea: HtmlTextAreaElement,
    send: Element,
}

impl Composer {
    pub(crate) fn new() -> Composer {
        let form = el("div", "f");
        let ta = el("textarea", "");
        set(&ta, "rows", "1");
        set(&ta, "aria-describedby", "nudge-count");
        add(&form, &ta);
        let send = button("se");
        icon(&send, SEND);
        add(&form, &send);
        let counter = el("p", "s cn");
        counter.set_id("nudge-count");
        set(&counter, "aria-live", "polite");
        set(&counter, "hidden", "");
        add(&form, &counter);
        Composer {
            form,
            textarea: ta.unchecked_into(),
            send,
        }
    }

    /// The composer's texts (its language or the merchant's overrides).
    pub fn label(&self, texts: &Texts) {
        set(&self.textarea, "aria-label", texts.message);
        set(&self.textarea, "placeholder", texts.placeholder);
        set(&self.send, "aria-label", texts.send);
    }
}

/// Enter or the send button: the message to send (trimmed, never empty,
/// never over the limit), the textarea then emptied; None leaves the text
/// where it is. The focus stays in the textarea.
pub fn take_message(ta: &HtmlTextAreaElement) -> Option<String> {
    let mut sent = None;
    if length(ta) <= MAX_MESSAGE_CHARS {
        let text = ta.value();
        let text = text.trim();
        if !text.is_empty() {
            sent = Some(text.to_string());
            ta.set_value("");
        }
    }
    typed(ta);
    let _ = ta.focus();
    sent
}

/// The visitor typed: the counter and the invalid mark follow.
pub fn typed(ta: &HtmlTextAreaElement) {
    show(ta, length(ta));
}

/// "1 950 / 2 000": `n` and the limit, thousands set apart by a narrow
/// no-break space (no `format!`: its machinery costs wasm bytes).
pub fn counter_text(n: usize) -> String {
    let mut text = String::new();
    push_grouped(&mut text, n);
    text.push_str(" / ");
    push_grouped(&mut text, MAX_MESSAGE_CHARS);
    text
}

fn push_grouped(text: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let (mut len, mut rest) = (0, n);
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        text.push(digits[i] as char);
        if i > 0 && i % 3 == 0 {
            text.push('\u{202f}');
        }
    }
}

/// The message's length in characters (without surrounding whitespace);
/// any number below [`COUNTER_FROM`] when it is surely that short, read
/// without copying the text into the wasm.
fn length(ta: &HtmlTextAreaElement) -> usize {
    let units = js_sys::Reflect::get(ta, &"value".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        .map_or(0, |v| v.length() as usize);
    // A character is one or two UTF-16 units.
    if units < COUNTER_FROM {
        return units;
    }
    ta.value().trim().chars().count()
}

/// Shows the counter (the composer's last element) for `n` characters and
/// marks the textarea invalid over the limit.
fn show(ta: &HtmlTextAreaElement, n: usize) {
    if let Some(counter) = ta.parent_element().and_then(|f| f.last_element_child()) {
        // `hidden` (not an empty text): an empty line would still take the
        // composer's gap.
        if n >= COUNTER_FROM {
            counter.set_text_content(Some(&counter_text(n)));
            let _ = counter.remove_attribute("hidden");
        } else {
            let _ = counter.set_attribute("hidden", "");
            counter.set_text_content(None);
        }
    }
    let _ = if n > MAX_MESSAGE_CHARS {
        ta.set_attribute("aria-invalid", "true")
    } else {
        ta.remove_attribute("aria-invalid")
    };
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn the_counter_sets_thousands_apart() {
        assert_eq!(counter_text(1950), "1\u{202f}950 / 2\u{202f}000");
        assert_eq!(counter_text(12), "12 / 2\u{202f}000");
        assert_eq!(
            counter_text(1_234_567),
            "1\u{202f}234\u{202f}567 / 2\u{202f}000"
        );
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::ui::state::{Lang, WidgetState};
    use crate::ui::testing::Mounted;
    use crate::ui::widget::UiEvent;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The open panel, in `lang`.
    fn composer(lang: Lang) -> Mounted {
        Mounted::new(&WidgetState {
            open: true,
            lang,
            ..WidgetState::default()
        })
    }

    /// What the composer sent so far.
    fn sent(m: &Mounted) -> Vec<String> {
        m.events()
            .into_iter()
            .filter_map(|e| match e {
                UiEvent::Send(text) => Some(text),
                _ => None,
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn no_counter_shows_far_from_the_limit() {
        let m = composer(Lang::En);
        m.type_text(&"a".repeat(COUNTER_FROM - 1));
        assert_eq!(m.text(".cn"), "");
        assert!(m.get(".cn").has_attribute("hidden"));
    }

    #[wasm_bindgen_test]
    fn the_counter_shows_near_the_limit() {
        let m = composer(Lang::En);
        m.type_text(&"a".repeat(1950));
        assert_eq!(m.text(".cn"), "1\u{202f}950 / 2\u{202f}000");
        assert!(!m.get(".cn").has_attribute("hidden"));
        assert_eq!(m.attr("textarea", "aria-invalid"), None);
    }

    #[wasm_bindgen_test]
    fn the_counter_describes_the_textarea_and_is_announced_politely() {
        let m = composer(Lang::En);
        let id = m.attr(".cn", "id").unwrap();
        assert_eq!(m.attr("textarea", "aria-describedby"), Some(id));
        assert_eq!(m.attr(".cn", "aria-live").as_deref(), Some("polite"));
    }

    #[wasm_bindgen_test]
    fn a_message_over_the_limit_is_not_sent_and_is_marked_invalid() {
        let m = composer(Lang::En);
        let ta = m.type_text(&"é".repeat(MAX_MESSAGE_CHARS + 1));
        assert_eq!(m.attr("textarea", "aria-invalid").as_deref(), Some("true"));
        m.key("textarea", "Enter", false);
        m.click("button.se");
        assert!(sent(&m).is_empty());
        assert_eq!(
            ta.value().chars().count(),
            MAX_MESSAGE_CHARS + 1,
            "the text is kept"
        );
        assert_eq!(m.text(".cn"), "2\u{202f}001 / 2\u{202f}000");
    }

    #[wasm_bindgen_test]
    fn a_message_at_the_limit_is_sent_and_the_counter_goes() {
        let m = composer(Lang::En);
        let emoji = "😀".repeat(MAX_MESSAGE_CHARS);
        m.type_text(&format!("  {emoji}  "));
        m.key("textarea", "Enter", false);
        assert_eq!(sent(&m), [emoji]);
        assert_eq!(m.text(".cn"), "");
        assert_eq!(m.attr("textarea", "aria-invalid"), None);
    }

    #[wasm_bindgen_test]
    fn enter_sends_the_trimmed_text_and_clears_the_textarea() {
        let m = composer(Lang::En);
        let ta = m.type_text("  Hello\nthere \n");
        assert!(
            m.key("textarea", "Enter", false),
            "Enter must not insert a newline"
        );
        assert_eq!(sent(&m), ["Hello\nthere"]);
        assert_eq!(ta.value(), "");
    }

    #[wasm_bindgen_test]
    fn shift_enter_does_not_send_and_keeps_the_new_line() {
        let m = composer(Lang::En);
        let ta = m.type_text("Hello");
        assert!(
            !m.key("textarea", "Enter", true),
            "Shift+Enter keeps its default"
        );
        assert!(sent(&m).is_empty());
        assert_eq!(ta.value(), "Hello");
    }

    #[wasm_bindgen_test]
    fn a_whitespace_only_message_is_not_sent() {
        let m = composer(Lang::En);
        m.type_text(" \n\t ");
        m.key("textarea", "Enter", false);
        m.click("button.se");
        assert!(sent(&m).is_empty());
    }

    #[wasm_bindgen_test]
    fn other_keys_do_not_send() {
        let m = composer(Lang::En);
        m.type_text("Hello");
        m.key("textarea", "a", false);
        assert!(sent(&m).is_empty());
    }

    #[wasm_bindgen_test]
    fn the_labelled_send_button_sends() {
        let m = composer(Lang::Fr);
        assert_eq!(
            m.attr("button.se", "aria-label").as_deref(),
            Some("Envoyer")
        );
        assert_eq!(m.attr("textarea", "aria-label").as_deref(), Some("Message"));
        assert_eq!(
            m.attr("textarea", "placeholder").as_deref(),
            Some("Écrivez un message…")
        );
        m.type_text("Bonjour");
        m.click("button.se");
        assert_eq!(sent(&m), ["Bonjour"]);
    }
}
