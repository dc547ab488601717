//! The rules engine: pure, sans-IO.
//!
//! Given the site's configuration and what the visitor does (`Input`), it
//! decides which message to show and when (`Output`), on time passed in by
//! the caller. No browser APIs, no clock, no randomness, no storage: every
//! scenario runs natively on simulated time. See `README.md, "The rules engine"`.

pub mod case;
pub mod clock;
pub mod conditions;
pub mod config;
#[allow(clippy::module_inception)]
pub mod engine;
pub mod fields;
pub mod io;
pub mod json;
pub mod limits;
pub mod patterns;
pub mod placeholders;
pub mod presets;
#[cfg(not(target_arch = "wasm32"))]
pub mod reference;
pub mod regex;
pub mod schema;
pub mod state;
pub mod stats;
pub mod tables;
pub mod validate;
pub mod visits;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod behaviour_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod hardening_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod harness;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

/// The byte offset of the first `needle` in `hay`. A naive search: the
/// texts are short (URLs, titles, templates), and `str::find` / `contains`
/// with a `&str` pattern bring in the Two-Way searcher (~2 KB of wasm).
pub(crate) fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    if n.is_empty() {
        return Some(0);
    }
    hay.as_bytes().windows(n.len()).position(|w| w == n)
}

/// The stable sorted order of `n` items compared by `less` on their
/// indexes: a bottom-up merge sort, O(n log n), compiled once for the crate.
fn sorted_order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = a.clone();
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut l, mut r) = (i, mid);
            for slot in &mut b[i..end] {
                if l < mid && (r >= end || !less(a[r], a[l])) {
                    *slot = a[l];
                    l += 1;
                } else {
                    *slot = a[r];
                    r += 1;
                }
            }
            i = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` in place, stably, by `less`. Every `sort*` of std is several KB
/// of wasm per element type; this is one shared merge sort of indexes plus a
/// few dozen bytes per use.
pub(crate) fn sort_small<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let mut order = sorted_order(v.len(), &|a, b| less(&v[a], &v[b]));
    // Apply the permutation (v[i] takes the old v[order[i]]) cycle by cycle.
    for i in 0..order.len() {
        let mut cur = i;
        while order[cur] != usize::MAX {
            let next = order[cur];
            order[cur] = usize::MAX;
            if next == i {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

pub use clock::{BusinessHours, Timestamp, WallClock};
pub use conditions::Condition;
pub use config::{
    parse_config, Behaviour, Config, Establishment, Frequency, MessageSet, Rule, Site, Starter,
    Team, TeamStatus, Trigger,
};
pub use engine::{Engine, ABSENCE_ID, WELCOME_ID};
pub use io::{Author, ChatMessage, Input, Output, PageInfo};
pub use json::Value;
pub use patterns::{LinearPatterns, NoPatterns, PatternId, Patterns, RegexLitePatterns};
pub use schema::config_schema;
pub use stats::{Counters, MessageStats, StatEvent, StatKind};
pub use validate::{Diagnostic, Severity};

#[cfg(test)]
mod sort_tests {
    #[test]
    fn find_str_finds_the_first_occurrence() {
        assert_eq!(super::find_str("a{{b}}{{c}}", "{{"), Some(1));
        assert_eq!(super::find_str("vélo rouge", "rouge"), Some(6));
        assert_eq!(super::find_str("ab", "abc"), None);
        assert_eq!(super::find_str("", "a"), None);
        assert_eq!(super::find_str("abc", ""), Some(0));
    }

    #[test]
    fn sort_small_is_a_stable_sort() {
        let mut seed = 7u32;
        for n in 0..70 {
            let mut v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 9, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            super::sort_small(&mut v, |a, b| a.0 < b.0);
            assert_eq!(v, expected);
        }
    }
}
