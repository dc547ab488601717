//! The widget's only timer: armed for the engine's next deadline, re-armed
//! after every input, cancelled on drop. Nothing runs while nothing is due.

use gloo_timers::callback::Timeout;

/// One re-armable timeout.
#[derive(Default)]
pub struct OneTimer {
    pending: Option<(u64, Timeout)>,
}

/// Browsers clamp longer delays to 1 ms; a far deadline is re-armed on wake.
const MAX_DELAY_MS: u64 = 0x7fff_ffff;

impl OneTimer {
    /// Arms the timer for `deadline_ms` (epoch ms), or disarms it with `None`.
    /// Arming for the deadline that is already pending keeps the timer as is.
    pub fn arm(&mut self, now_ms: u64, deadline_ms: Option<u64>, on_fire: impl FnOnce() + 'static) {
        match deadline_ms {
            None => self.pending = None,
            Some(deadline) => {
                if matches!(self.pending, Some((d, _)) if d == deadline) {
                    return;
                }
                let delay = deadline.saturating_sub(now_ms).min(MAX_DELAY_MS) as u32;
                self.pending = Some((deadline, Timeout::new(delay, on_fire)));
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

    #[wasm_bindgen_test]
    async fn the_timer_fires_once_at_its_deadline() {
        let fired = Rc::new(Cell::new(0));
        let mut timer = OneTimer::default();
        let count = fired.clone();
        timer.arm(1_000, Some(1_020), move || count.set(count.get() + 1));
        gloo_timers::future::TimeoutFuture::new(60).await;
        assert_eq!(fired.get(), 1);
    }

    #[wasm_bindgen_test]
    async fn re_arming_replaces_the_pending_deadline() {
        let fired = Rc::new(Cell::new(0));
        let mut timer = OneTimer::default();
        let first = fired.clone();
        timer.arm(0, Some(20), move || first.set(first.get() + 1));
        let second = fired.clone();
        timer.arm(0, Some(30), move || second.set(second.get() + 10));
        gloo_timers::future::TimeoutFuture::new(80).await;
        assert_eq!(fired.get(), 10);
    }

    #[wasm_bindgen_test]
    async fn disarming_cancels() {
        let fired = Rc::new(Cell::new(false));
        let mut timer = OneTimer::default();
        let flag = fired.clone();
        timer.arm(0, Some(10), move || flag.set(true));
        timer.arm(0, None, || {});
        gloo_timers::future::TimeoutFuture::new(50).await;
        assert!(!fired.get());
        assert_eq!(timer.deadline(), None);
    }
}
