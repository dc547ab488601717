//! The Résumé (Smartsupp's summary): per message, how many visitors it fired
//! for, how many opened it, dismissed it, and wrote afterwards, from the
//! statistics NDJSON the widget's beacons produce (CONTRACTS.md: one batch
//! per line, `{"v":1,"visitor":…,"events":[{"key","type","message",…}]}`).
//! Events are deduplicated by `key`; counts are distinct visitors.

use crate::engine::json::{self, Value};

/// One message's row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    pub message: String,
    pub fired: usize,
    pub opened: usize,
    pub dismissed: usize,
    pub contacted: usize,
}

impl Row {
    /// `n` as a percentage of `fired` (None when nothing fired).
    pub fn rate(&self, n: usize) -> Option<u32> {
        (self.fired > 0).then(|| ((n as f64 * 100.0) / self.fired as f64).round() as u32)
    }
}

/// The summary of one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// In order of first appearance.
    pub rows: Vec<Row>,
    pub batches: usize,
    pub events: usize,
    pub visitors: usize,
    /// 1-based numbers of lines that are not statistics batches.
    pub bad_lines: Vec<usize>,
}

/// Reads an NDJSON statistics file.
pub fn summarize(text: &str) -> Summary {
    let mut s = Summary::default();
    let mut keys: Vec<String> = Vec::new();
    // (message, kind, visitor) already counted.
    let mut seen: Vec<(String, &'static str, String)> = Vec::new();
    let mut visitors: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let batch = match json::parse(line) {
            Ok(v) if v.get("v").and_then(Value::as_i64) == Some(1) => v,
            _ => {
                s.bad_lines.push(n + 1);
                continue;
            }
        };
        let Some(events) = batch.get("events").and_then(Value::as_array) else {
            // Inbox lines (visitor messages) carry no events: not an error.
            if batch.get("message_id").is_none() {
                s.bad_lines.push(n + 1);
            }
            continue;
        };
        s.batches += 1;
        let visitor = batch
            .get("visitor")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if !visitors.contains(&visitor) {
            visitors.push(visitor.clone());
        }
        for e in events {
            let key = e
                .get("key")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if !key.is_empty() {
                if keys.contains(&key) {
                    continue;
                }
                keys.push(key);
            }
            s.events += 1;
            let (Some(kind), Some(message)) = (
                e.get("type").and_then(Value::as_str),
                e.get("message").and_then(Value::as_str),
            ) else {
                continue;
            };
            let kind: &'static str = match kind {
                "fired" => "fired",
                "opened" => "opened",
                "dismissed" => "dismissed",
                "contacted_after" => "contacted_after",
                _ => continue,
            };
            let mark = (message.to_string(), kind, visitor.clone());
            if seen.contains(&mark) {
                continue;
            }
            seen.push(mark);
            let row = match s.rows.iter().position(|r| r.message == message) {
                Some(i) => &mut s.rows[i],
                None => {
                    s.rows.push(Row {
                        message: message.to_string(),
                        ..Row::default()
                    });
                    s.rows.last_mut().expect("just pushed")
                }
            };
            match kind {
                "fired" => row.fired += 1,
                "opened" => row.opened += 1,
                "dismissed" => row.dismissed += 1,
                _ => row.contacted += 1,
            }
        }
    }
    s.visitors = visitors.len();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(visitor: &str, events: &[(&str, &str, &str)]) -> String {
        let evs: Vec<String> = events
            .iter()
            .map(|(key, kind, msg)| {
                format!(r#"{{"key":"{key}","type":"{kind}","message":"{msg}","path":"/","at":1}}"#)
            })
            .collect();
        format!(
            r#"{{"v":1,"site":"S","visitor":"{visitor}","session":1,"sent_at":1,"dropped":0,"events":[{}]}}"#,
            evs.join(",")
        )
    }

    #[test]
    fn counts_distinct_visitors_per_message_and_rates_over_fired() {
        let text = [
            batch(
                "a",
                &[
                    ("a-1", "fired", "first_visit"),
                    ("a-2", "opened", "first_visit"),
                ],
            ),
            batch(
                "b",
                &[
                    ("b-1", "fired", "first_visit"),
                    ("b-2", "dismissed", "first_visit"),
                ],
            ),
            batch(
                "a",
                &[
                    ("a-3", "fired", "first_visit"),
                    ("a-4", "contacted_after", "first_visit"),
                ],
            ),
            batch(
                "c",
                &[("c-1", "fired", "busy"), ("c-2", "contacted_after", "busy")],
            ),
        ]
        .join("\n");
        let s = summarize(&text);
        assert_eq!(s.visitors, 3);
        let fv = &s.rows[0];
        assert_eq!(
            (fv.fired, fv.opened, fv.dismissed, fv.contacted),
            (2, 1, 1, 1)
        );
        assert_eq!(fv.rate(fv.opened), Some(50));
        assert_eq!(s.rows[1].rate(s.rows[1].contacted), Some(100));
    }

    #[test]
    fn a_batch_received_twice_is_counted_once() {
        let b = batch("a", &[("a-1", "fired", "busy")]);
        let s = summarize(&format!("{b}\n{b}\n"));
        assert_eq!(s.events, 1);
        assert_eq!(s.rows[0].fired, 1);
    }

    #[test]
    fn broken_lines_are_listed_and_the_rest_is_counted() {
        let b = batch("a", &[("a-1", "fired", "busy")]);
        let s = summarize(&format!("not json\n{b}\n{{\"v\":2}}"));
        assert_eq!(s.bad_lines, [1, 3]);
        assert_eq!(s.rows.len(), 1);
    }

    #[test]
    fn nothing_fired_has_no_rate() {
        let r = Row {
            message: "x".into(),
            ..Row::default()
        };
        assert_eq!(r.rate(0), None);
    }
}
