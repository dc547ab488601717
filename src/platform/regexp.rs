//! The browser's own `RegExp`, so the widget ships no regex engine (the
//! `regex` crate would cost 87–190 KB brotli; this costs a few hundred bytes).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = RegExp)]
    type JsRegExp;

    // `catch`: an invalid pattern throws a SyntaxError, which becomes `Err`.
    #[wasm_bindgen(constructor, js_class = "RegExp", catch)]
    fn new(pattern: &str, flags: &str) -> Result<JsRegExp, JsValue>;

    #[wasm_bindgen(method)]
    fn test(this: &JsRegExp, text: &str) -> bool;
}

/// A compiled pattern (case-insensitive, Unicode-aware).
pub struct BrowserRegex(JsRegExp);

impl BrowserRegex {
    /// Compiles `pattern`; the error is the browser's message.
    pub fn compile(pattern: &str) -> Result<BrowserRegex, String> {
        JsRegExp::new(pattern, "iu").map(BrowserRegex).map_err(|e| {
            js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "invalid regular expression".into())
        })
    }

    /// True when the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.0.test(text)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_valid_pattern_matches_case_insensitively() {
        let re = BrowserRegex::compile(r"/product/\d+$").unwrap();
        assert!(re.is_match("https://shop.example/PRODUCT/42"));
        assert!(!re.is_match("https://shop.example/product/42/reviews"));
    }

    #[wasm_bindgen_test]
    fn an_invalid_pattern_is_an_error_not_an_exception() {
        let error = BrowserRegex::compile("(unclosed").err().unwrap();
        assert!(!error.is_empty());
    }
}
