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
