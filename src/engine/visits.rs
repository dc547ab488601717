//! Visits and sessions: what makes a visitor "first" or "returning".
//!
//! A session (visit) ends after 30 minutes without visitor activity. The
//! visit number counts sessions; a visitor is "first" during visit 1 and
//! "returning" from visit 2 on. Days since the last visit are whole 24-hour
//! periods between the previous visit's last activity and now.

use super::state::{Persisted, Session};

/// 30 minutes, in ms.
pub const SESSION_TIMEOUT_MS: u64 = 30 * 60 * 1000;
const DAY_MS: u64 = 86_400_000;

impl Persisted {
    /// Records visitor activity at `now`; starts a new visit when the
    /// previous one has timed out (or there was none). Returns true when a
    /// new visit started. `utm` are the landing page's UTM parameters.
    pub fn touch(&mut self, now: u64, utm: &[(String, String)]) -> bool {
        let expired =
            self.visits == 0 || now.saturating_sub(self.session.last) > SESSION_TIMEOUT_MS;
        if expired {
            if self.visits > 0 {
                self.prev_last = Some(self.session.last);
            } else {
                self.first_seen = now;
            }
            self.visits = self.visits.saturating_add(1);
            self.session = Session {
                start: now,
                last: now,
                utm: utm.to_vec(),
                ..Session::default()
            };
        } else if now > self.session.last {
            self.session.last = now;
        }
        expired
    }

    pub fn first_visit(&self) -> bool {
        self.visits <= 1
    }

    pub fn days_since_last_visit(&self, now: u64) -> Option<u64> {
        self.prev_last.map(|p| now.saturating_sub(p) / DAY_MS)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_after_thirty_idle_minutes() {
        let mut p = Persisted::default();
        assert!(p.touch(1_000, &[]));
        assert_eq!(p.visits, 1);
        assert!(!p.touch(1_000 + SESSION_TIMEOUT_MS, &[]));
        assert!(p.touch(2_000 + 2 * SESSION_TIMEOUT_MS, &[]));
        assert_eq!(p.visits, 2);
        assert!(!p.first_visit());
        assert_eq!(
            p.days_since_last_visit(1_000 + SESSION_TIMEOUT_MS + 3 * DAY_MS),
            Some(3)
        );
    }
}
