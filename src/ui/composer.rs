//! The composer: Enter sends, Shift+Enter is a new line, blank text is not
//! sent. Near the message limit (`engine::limits::MAX_MESSAGE_CHARS`) a
//! counter says how many characters the message has ("1 950 / 2 000",
//! announced politely and describing the textarea); over the limit the
//! textarea is marked invalid and nothing is sent.

use super::icons::{icon, SEND};
use super::state::Texts;
use crate::engine::limits::MAX_MESSAGE_CHARS;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// From this many characters on, the counter shows.
pub const COUNTER_FROM: usize = MAX_MESSAGE_CHARS - 200;

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub texts: &'static Texts,
    /// The textarea (the widget focuses it when the panel opens).
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// The message, without surrounding whitespace; never empty, never
    /// longer than the limit.
    pub on_send: Callback<String>,
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

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn composer(props: &ComposerProps) -> Html {
    let send = {
        let (input, on_send) = (props.node_ref.clone(), props.on_send.clone());
        Callback::from(move |()| {
            let Some(ta) = input.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let n = length(&ta);
            if n <= MAX_MESSAGE_CHARS {
                let text = ta.value();
                let text = text.trim();
                if !text.is_empty() {
                    on_send.emit(text.to_string());
                    ta.set_value("");
                }
            }
            show(&ta, length(&ta));
            let _ = ta.focus();
        })
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                e.prevent_default();
                send.emit(());
            }
        })
    };
    let oninput = Callback::from(|e: InputEvent| {
        if let Some(ta) = e.target_dyn_into::<HtmlTextAreaElement>() {
            show(&ta, length(&ta));
        }
    });
    html! {
        <div class="f">
            <textarea
                ref={props.node_ref.clone()}
                rows="1"
                aria-label={props.texts.message}
                aria-describedby="nudge-count"
                placeholder={props.texts.placeholder}
                {onkeydown}
                {oninput}
            />
            <button type="button" class="se" aria-label={props.texts.send} onclick={send.reform(|_| ())}>
                { icon(SEND) }
            </button>
            <p class="s cn" id="nudge-count" aria-live="polite" hidden=true></p>
        </div>
    }
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

    /// Mounts `composer` as a component for the tests.
    #[function_component]
    fn Composer(props: &ComposerProps) -> Html {
        super::composer(props)
    }
    use crate::ui::state::{EN, FR};
    use crate::ui::testing::{recorder, Mounted};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    async fn composer(
        texts: &'static Texts,
    ) -> (
        Mounted<Composer>,
        std::rc::Rc<std::cell::RefCell<Vec<String>>>,
    ) {
        let (on_send, sent) = recorder();
        let m = Mounted::<Composer>::new(ComposerProps {
            texts,
            node_ref: NodeRef::default(),
            on_send,
        })
        .await;
        (m, sent)
    }

    fn type_in(m: &Mounted<Composer>, text: &str) -> HtmlTextAreaElement {
        let ta = m.get("textarea").unchecked_into::<HtmlTextAreaElement>();
        ta.set_value(text);
        ta
    }

    /// Types `text` as the visitor would: the value, then an `input` event.
    async fn typed(m: &Mounted<Composer>, text: &str) -> HtmlTextAreaElement {
        let ta = type_in(m, text);
        ta.dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        crate::ui::testing::tick().await;
        ta
    }

    #[wasm_bindgen_test]
    async fn no_counter_shows_far_from_the_limit() {
        let (m, _) = composer(&EN).await;
        typed(&m, &"a".repeat(COUNTER_FROM - 1)).await;
        assert_eq!(m.text(".cn"), "");
    }

    #[wasm_bindgen_test]
    async fn the_counter_shows_near_the_limit() {
        let (m, _) = composer(&EN).await;
        typed(&m, &"a".repeat(1950)).await;
        assert_eq!(m.text(".cn"), "1\u{202f}950 / 2\u{202f}000");
        assert_eq!(m.attr("textarea", "aria-invalid"), None);
    }

    #[wasm_bindgen_test]
    async fn the_counter_describes_the_textarea_and_is_announced_politely() {
        let (m, _) = composer(&EN).await;
        let id = m.attr(".cn", "id").unwrap();
        assert_eq!(m.attr("textarea", "aria-describedby"), Some(id));
        assert_eq!(m.attr(".cn", "aria-live").as_deref(), Some("polite"));
    }

    #[wasm_bindgen_test]
    async fn a_message_over_the_limit_is_not_sent_and_is_marked_invalid() {
        let (m, sent) = composer(&EN).await;
        let ta = typed(&m, &"é".repeat(MAX_MESSAGE_CHARS + 1)).await;
        assert_eq!(m.attr("textarea", "aria-invalid").as_deref(), Some("true"));
        m.key("textarea", "Enter", false).await;
        m.click("button.se").await;
        assert!(sent.borrow().is_empty());
        assert_eq!(
            ta.value().chars().count(),
            MAX_MESSAGE_CHARS + 1,
            "the text is kept"
        );
        assert_eq!(m.text(".cn"), "2\u{202f}001 / 2\u{202f}000");
    }

    #[wasm_bindgen_test]
    async fn a_message_at_the_limit_is_sent_and_the_counter_goes() {
        let (m, sent) = composer(&EN).await;
        typed(&m, &format!("  {}  ", "😀".repeat(MAX_MESSAGE_CHARS))).await;
        m.key("textarea", "Enter", false).await;
        assert_eq!(sent.borrow().len(), 1);
        assert_eq!(m.text(".cn"), "");
        assert_eq!(m.attr("textarea", "aria-invalid"), None);
    }

    #[wasm_bindgen_test]
    async fn enter_sends_the_trimmed_text_and_clears_the_textarea() {
        let (m, sent) = composer(&EN).await;
        let ta = type_in(&m, "  Hello\nthere \n");
        assert!(
            m.key("textarea", "Enter", false).await,
            "Enter must not insert a newline"
        );
        assert_eq!(*sent.borrow(), ["Hello\nthere"]);
        assert_eq!(ta.value(), "");
    }

    #[wasm_bindgen_test]
    async fn shift_enter_does_not_send_and_keeps_the_new_line() {
        let (m, sent) = composer(&EN).await;
        let ta = type_in(&m, "Hello");
        assert!(
            !m.key("textarea", "Enter", true).await,
            "Shift+Enter keeps its default"
        );
        assert!(sent.borrow().is_empty());
        assert_eq!(ta.value(), "Hello");
    }

    #[wasm_bindgen_test]
    async fn a_whitespace_only_message_is_not_sent() {
        let (m, sent) = composer(&EN).await;
        type_in(&m, " \n\t ");
        m.key("textarea", "Enter", false).await;
        m.click("button.se").await;
        assert!(sent.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn other_keys_do_not_send() {
        let (m, sent) = composer(&EN).await;
        type_in(&m, "Hello");
        m.key("textarea", "a", false).await;
        assert!(sent.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_labelled_send_button_sends() {
        let (m, sent) = composer(&FR).await;
        assert_eq!(
            m.attr("button.se", "aria-label").as_deref(),
            Some("Envoyer")
        );
        assert_eq!(m.attr("textarea", "aria-label").as_deref(), Some("Message"));
        assert_eq!(
            m.attr("textarea", "placeholder").as_deref(),
            Some("Écrivez un message…")
        );
        type_in(&m, "Bonjour");
        m.click("button.se").await;
        assert_eq!(*sent.borrow(), ["Bonjour"]);
    }
}
