//! The widget's only timer: armed for the engine's next deadline, re-armed
//! after every input, cancelled on drop. Nothing runs while nothing is due.

use super::guard::{Guard, Later};
use wasm_bindgen::prelude::*;

/// One re-armable timeout, with one callback for its whole life (re-arming
/// allocates nothing).
pub struct OneTimer {
    guard: Guard,
    on_fire: JsValue,
    pending: Option<(u64, Later)>,
}

/// Browsers clamp longer delays to 1 ms; a far deadline is re-armed on wake.
const MAX_DELAY_MS: u64 = 0x7fff_ffff;

impl OneTimer {
    /// A disarmed timer that calls `on_fire` (through the guard) when due.
    pub fn new(guard: &Guard, on_fire: impl Fn() + 'static) -> OneTimer {
        OneTimer {
            guard: guard.clone(),
            on_fire: Closure::<dyn Fn()>::new(on_fire).into_js_value(),
            pending: None,
        }
    }

    /// Arms the timer for `deadline_ms` (epoch ms), or disarms it with `None`.
    /// Arming for the deadline that is already pending keeps the timer as is.
    pub fn arm(&mut self, now_ms: u64, deadline_ms: Option<u64>) {
        match deadline_ms {
            None => self.pending = None,
            Some(deadline) => {
                if matches!(self.pending, Some((d, _)) if d == deadline) {
                    return;
                }
                let delay = deadline.saturating_sub(now_ms).min(MAX_DELAY_MS) as u32;
                // The old timeout is cancelled (dropped) first.
                self.pending = None;
                self.pending = Some((deadline, self.guard.later(&self.on_fire, delay)));
            }
        }
    }

    /// The deadline the timer is armed for.
    pub fn deadline(&self) -> Option<u64> {
        self.pending.as_ref().map(|(d, _)| *d)
    }

    /// Forgets the fired timeout (called from its own callback).
    pub fn fired(&mut self) {
        self.pending = None;
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn timer(on_fire: impl Fn() + 'static) -> OneTimer {
        OneTimer::new(
            &super::super::guard::new_guard(&js_sys::Object::new()),
            on_fire,
        )
    }

    #[wasm_bindgen_test]
    async fn the_timer_fires_once_at_its_deadline() {
        let fired = Rc::new(Cell::new(0));
        let count = fired.clone();
        let mut timer = timer(move || count.set(count.get() + 1));
        timer.arm(1_000, Some(1_020));
        gloo_timers::future::TimeoutFuture::new(60).await;
        assert_eq!(fired.get(), 1);
    }

    #[wasm_bindgen_test]
    async fn re_arming_replaces_the_pending_deadline() {
        let fired = Rc::new(Cell::new(0));
        let count = fired.clone();
        let mut timer = timer(move || count.set(count.get() + 1));
        timer.arm(0, Some(20));
        timer.arm(0, Some(80));
        gloo_timers::future::TimeoutFuture::new(50).await;
        assert_eq!(fired.get(), 0, "the first deadline was replaced");
        gloo_timers::future::TimeoutFuture::new(80).await;
        assert_eq!(fired.get(), 1);
    }

    #[wasm_bindgen_test]
    async fn disarming_cancels() {
        let fired = Rc::new(Cell::new(false));
        let flag = fired.clone();
        let mut timer = timer(move || flag.set(true));
        timer.arm(0, Some(10));
        timer.arm(0, None);
        gloo_timers::future::TimeoutFuture::new(50).await;
        assert!(!fired.get());
        assert_eq!(timer.deadline(), None);
    }
}
