//! Page facts the engine reacts to, as callbacks of plain values: page
//! visibility, scroll depth, exit intent, and other tabs' storage writes.
//!
//! Every watcher owns its listeners (through the page's [`Guard`]), so
//! dropping it unsubscribes.

use super::guard::{Guard, Hook};
use wasm_bindgen::JsCast;

/// Calls back with `true`/`false` when the page becomes visible/hidden, and
/// `on_leave` on `pagehide` (the page is going away, visible or not).
pub struct VisibilityWatcher {
    _listeners: [Hook; 2],
}

impl VisibilityWatcher {
    /// Starts watching `visibilitychange` and `pagehide`.
    pub fn new(
        guard: &Guard,
        on_change: impl Fn(bool) + 'static,
        on_leave: impl Fn() + 'static,
    ) -> Option<VisibilityWatcher> {
        let window = web_sys::window()?;
        let document = window.document()?;
        Some(VisibilityWatcher {
            _listeners: [
                guard.listen(&document, "visibilitychange", move |_| {
                    on_change(!super::dom::page_hidden())
                }),
                guard.listen(&window, "pagehide", move |_| on_leave()),
            ],
        })
    }
}

/// Calls back with the deepest scroll depth reached, in whole percent of the
/// page, only when it grows (so a scrolling visitor costs a few calls, not
/// one per frame).
pub struct ScrollWatcher {
    _listener: Hook,
}

impl ScrollWatcher {
    /// Starts watching `scroll` (passive: never blocks scrolling).
    pub fn new(guard: &Guard, on_deeper: impl Fn(u8) + 'static) -> Option<ScrollWatcher> {
        let window = web_sys::window()?;
        let deepest = std::cell::Cell::new(0u8);
        // The guard's listeners are passive.
        let listener = guard.listen(&window, "scroll", move |_| {
            let depth = scroll_depth();
            if depth > deepest.get() {
                deepest.set(depth);
                on_deeper(depth);
            }
        });
        Some(ScrollWatcher {
            _listener: listener,
        })
    }
}

/// How far down the page the bottom of the viewport is, 0–100.
pub fn scroll_depth() -> u8 {
    let Some(window) = web_sys::window() else {
        return 0;
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return 0;
    };
    let seen = window.scroll_y().unwrap_or(0.0)
        + window
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
    let total = f64::from(root.scroll_height());
    if total <= 0.0 {
        return 100;
    }
    ((seen / total) * 100.0).clamp(0.0, 100.0) as u8
}

/// Calls back when the pointer leaves the page through its top edge on a
/// desktop-sized viewport (the visitor is heading for the tabs or the URL
/// bar). Phones have no pointer to leave, so nothing fires there.
pub struct ExitIntentWatcher {
    _listener: Hook,
}

/// Viewports narrower than this are treated as touch devices.
pub const DESKTOP_MIN_WIDTH: u32 = 768;

impl ExitIntentWatcher {
    /// Starts watching `mouseout` on the document.
    pub fn new(guard: &Guard, on_exit: impl Fn() + 'static) -> Option<ExitIntentWatcher> {
        let document = web_sys::window()?.document()?;
        let listener = guard.listen(&document, "mouseout", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            if event.related_target().is_none()
                && event.client_y() <= 0
                && super::dom::viewport_width() >= DESKTOP_MIN_WIDTH
            {
                on_exit();
            }
        });
        Some(ExitIntentWatcher {
            _listener: listener,
        })
    }
}

/// Calls back with the new value when another tab writes `key` in
/// localStorage (the `storage` event never fires in the writing tab).
pub struct TabSync {
    _listener: Hook,
}

impl TabSync {
    /// Starts watching `storage` events for one full key.
    pub fn new(
        guard: &Guard,
        key: String,
        on_change: impl Fn(Option<String>) + 'static,
    ) -> Option<TabSync> {
        let window = web_sys::window()?;
        let listener = guard.listen(&window, "storage", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            if event.key().as_deref() == Some(key.as_str()) {
                on_change(event.new_value());
            }
        });
        Some(TabSync {
            _listener: listener,
        })
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn guard() -> Guard {
        super::super::guard::new_guard(&js_sys::Object::new())
    }

    #[wasm_bindgen_test]
    fn visibility_changes_are_reported() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let _watcher = VisibilityWatcher::new(
            &guard(),
            move |visible| sink.borrow_mut().push(visible),
            || {},
        )
        .unwrap();
        let document = web_sys::window().unwrap().document().unwrap();
        document
            .dispatch_event(&web_sys::Event::new("visibilitychange").unwrap())
            .unwrap();
        assert_eq!(seen.borrow().len(), 1);
    }

    #[wasm_bindgen_test]
    fn pagehide_is_reported_as_leaving_not_as_a_visibility_change() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let (sink, leave) = (seen.clone(), seen.clone());
        let _watcher = VisibilityWatcher::new(
            &guard(),
            move |visible| sink.borrow_mut().push(visible.to_string()),
            move || leave.borrow_mut().push("leave".into()),
        )
        .unwrap();
        let window = web_sys::window().unwrap();
        window
            .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
            .unwrap();
        assert_eq!(*seen.borrow(), vec!["leave".to_string()]);
    }

    /// Scrolls the test page to `y` and tells the watchers, as the browser
    /// would a moment later.
    fn scroll_to(y: f64) {
        let window = web_sys::window().unwrap();
        window.scroll_to_with_x_and_y(0.0, y);
        window
            .dispatch_event(&web_sys::Event::new("scroll").unwrap())
            .unwrap();
    }

    #[wasm_bindgen_test]
    fn scrolling_reports_only_depths_deeper_than_any_before() {
        let document = web_sys::window().unwrap().document().unwrap();
        let tall = document.create_element("div").unwrap();
        tall.set_attribute("style", "height: 6000px").unwrap();
        document.body().unwrap().append_child(&tall).unwrap();
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let watcher =
            ScrollWatcher::new(&guard(), move |depth| sink.borrow_mut().push(depth)).unwrap();
        scroll_to(3000.0);
        scroll_to(0.0);
        scroll_to(1000.0);
        scroll_to(100_000.0);
        drop(watcher);
        tall.remove();
        scroll_to(0.0);
        let seen = seen.borrow();
        assert_eq!(seen.len(), 2, "{seen:?}");
        assert!(seen[0] > 40 && seen[0] < 100, "{seen:?}");
        assert_eq!(seen[1], 100);
    }

    fn mouseout(client_y: i32) -> web_sys::Event {
        js_sys::Function::new_with_args(
            "y",
            "return new MouseEvent('mouseout', { clientY: y, bubbles: true })",
        )
        .call1(&JsValue::NULL, &client_y.into())
        .unwrap()
        .unchecked_into()
    }

    #[wasm_bindgen_test]
    fn leaving_through_the_top_edge_is_an_exit_intent_on_a_desktop_wide_viewport() {
        let count = Rc::new(RefCell::new(0));
        let sink = count.clone();
        let _watcher = ExitIntentWatcher::new(&guard(), move || *sink.borrow_mut() += 1).unwrap();
        let document = web_sys::window().unwrap().document().unwrap();
        document.dispatch_event(&mouseout(-1)).unwrap();
        let desktop = super::super::dom::viewport_width() >= DESKTOP_MIN_WIDTH;
        assert_eq!(*count.borrow(), usize::from(desktop));
    }

    #[wasm_bindgen_test]
    fn leaving_lower_than_the_top_edge_is_not_an_exit_intent() {
        let count = Rc::new(RefCell::new(0));
        let sink = count.clone();
        let _watcher = ExitIntentWatcher::new(&guard(), move || *sink.borrow_mut() += 1).unwrap();
        let document = web_sys::window().unwrap().document().unwrap();
        document.dispatch_event(&mouseout(300)).unwrap();
        assert_eq!(*count.borrow(), 0);
    }

    #[wasm_bindgen_test]
    fn another_tabs_write_to_our_key_is_reported() {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let _sync = TabSync::new(&guard(), "nudge:state".into(), move |v| {
            sink.borrow_mut().push(v)
        })
        .unwrap();
        let window = web_sys::window().unwrap();
        for key in ["other", "nudge:state"] {
            let init = web_sys::StorageEventInit::new();
            init.set_key(Some(key));
            init.set_new_value(Some("{}"));
            let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
            window.dispatch_event(&event).unwrap();
        }
        assert_eq!(*seen.borrow(), vec![Some("{}".to_string())]);
    }

    #[wasm_bindgen_test]
    fn dropping_a_watcher_unsubscribes() {
        let seen = Rc::new(RefCell::new(0));
        let sink = seen.clone();
        let watcher =
            VisibilityWatcher::new(&guard(), move |_| *sink.borrow_mut() += 1, || {}).unwrap();
        drop(watcher);
        let document = web_sys::window().unwrap().document().unwrap();
        document
            .dispatch_event(&web_sys::Event::new("visibilitychange").unwrap())
            .unwrap();
        assert_eq!(*seen.borrow(), 0);
    }
}
