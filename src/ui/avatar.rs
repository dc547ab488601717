//! The team's avatar: the image if its URL is http(s), else the initials.

use super::dom::{el, set, text};
use super::state::{initials, safe_image_url};
use web_sys::Element;

/// `<img class="a" alt="">` or `<span class="a" aria-hidden="true">AS</span>`.
pub fn avatar(name: &str, url: Option<&str>) -> Element {
    match url.and_then(safe_image_url) {
        Some(src) => {
            let img = el("img", "a");
            set(&img, "src", src);
            set(&img, "alt", "");
            img
        }
        None => {
            let span = el("span", "a");
            set(&span, "aria-hidden", "true");
            text(&span, &initials(name));
            span
        }
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::ui::state::{Author, WidgetState};
    use crate::ui::testing::{bubble, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The closed widget of "Acme Support" with avatar `url`, previewing a
    /// message (the preview shows the avatar).
    fn previewing(url: Option<&str>) -> Mounted {
        Mounted::new(&WidgetState {
            team_name: "Acme Support".into(),
            avatar: url.map(String::from),
            preview: Some(bubble("m7", Author::Bot, "Need help?")),
            ..WidgetState::default()
        })
    }

    #[wasm_bindgen_test]
    fn without_an_avatar_the_preview_shows_the_team_initials() {
        let m = previewing(None);
        assert_eq!(m.text(".pb span.a"), "AS");
        assert_eq!(m.attr(".pb span.a", "aria-hidden").as_deref(), Some("true"));
        assert!(m.find("img").is_none());
    }

    #[wasm_bindgen_test]
    fn an_https_avatar_is_shown_as_an_image() {
        let url = "https://cdn.example/a.png";
        let m = previewing(Some(url));
        assert_eq!(m.attr(".pb img.a", "src").as_deref(), Some(url));
        assert_eq!(m.attr(".pb img.a", "alt").as_deref(), Some(""));
    }

    #[wasm_bindgen_test]
    fn a_javascript_avatar_url_falls_back_to_initials() {
        let m = previewing(Some("javascript:alert(1)"));
        assert!(m.find("img").is_none());
        assert_eq!(m.text(".pb span.a"), "AS");
    }
}
