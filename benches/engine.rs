//! One input plus draining the outputs, with 10 to 10 000 automatic
//! messages. Goal: ≤ 1 ms per input at 10 000 messages, natively.
//!
//! The rules are a worst case for arbitration: a quarter of them are due on
//! every page view and their URL conditions never match, so every due rule
//! is evaluated and none fires.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nudge::engine::{
    parse_config, Engine, Input, PageInfo, RegexLitePatterns, Timestamp, WallClock,
};
use std::hint::black_box;
use std::time::Duration;

fn config_text(n: usize) -> String {
    let mut s = String::from(r#"{"site":{"name":"Bench","language":"fr"},"auto_messages":["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let trigger = match i % 4 {
            0 => r#"{"type":"page_view"}"#.to_string(),
            1 => format!(r#"{{"type":"time_on_page","seconds":{}}}"#, 5 + i % 300),
            2 => format!(r#"{{"type":"scroll","percent":{}}}"#, i % 100),
            _ => format!(r#"{{"type":"event","name":"e{}"}}"#, i % 50),
        };
        s.push_str(&format!(
            r#"{{"id":"m{i}","text":"Message {i} {{{{visitor.name}}}}","trigger":{trigger},"priority":{p},"frequency":"always","conditions":{{"all":[{{"url":{{"contains":"/product/{i}/"}}}},{{"visitor":"first"}}]}}}}"#,
            i = i,
            trigger = trigger,
            p = i % 7
        ));
    }
    s.push_str("]}");
    s
}

fn engine(n: usize) -> (Engine, u64) {
    let mut patterns = RegexLitePatterns::new();
    let (config, _) = parse_config(&config_text(n), &mut patterns).expect("bench config");
    let mut e = Engine::new(config, None, Box::new(patterns));
    let now = 1_795_000_000_000u64;
    let wall = WallClock {
        year: 2026,
        month: 11,
        day: 23,
        weekday: 0,
        minute_of_day: 600,
    };
    let page = PageInfo {
        url: "https://shop.example/catalogue".into(),
        title: "Catalogue".into(),
        language: "fr-FR".into(),
        viewport_width: 1280,
        ..PageInfo::default()
    };
    e.handle_input(Timestamp(now), Input::PageView { page, wall });
    while e.poll_output().is_some() {}
    (e, now)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for n in [10usize, 100, 1_000, 10_000] {
        let (mut e, mut now) = engine(n);
        let mut k = 0u64;
        group.bench_with_input(BenchmarkId::new("url_changed", n), &n, |b, _| {
            b.iter(|| {
                now += 1_000;
                k += 1;
                let url = if k.is_multiple_of(2) {
                    "https://shop.example/a"
                } else {
                    "https://shop.example/b"
                };
                e.handle_input(
                    Timestamp(now),
                    Input::UrlChanged {
                        url: url.into(),
                        title: "T".into(),
                    },
                );
                while let Some(o) = e.poll_output() {
                    black_box(o);
                }
                black_box(e.poll_timeout());
            })
        });
        let (mut e, mut now) = engine(n);
        let mut p = 0u8;
        group.bench_with_input(BenchmarkId::new("scroll", n), &n, |b, _| {
            b.iter(|| {
                now += 1_000;
                p = (p + 7) % 101;
                e.handle_input(Timestamp(now), Input::Scroll { percent: p });
                while let Some(o) = e.poll_output() {
                    black_box(o);
                }
                black_box(e.poll_timeout());
            })
        });
        let (mut e, mut now) = engine(n);
        let start = now;
        group.bench_with_input(BenchmarkId::new("timer", n), &n, |b, _| {
            b.iter(|| {
                now += 1_000;
                let minute = 600 + ((now - start) / 60_000 % 600) as u16;
                let wall = WallClock {
                    year: 2026,
                    month: 11,
                    day: 23,
                    weekday: 0,
                    minute_of_day: minute,
                };
                e.handle_input(Timestamp(now), Input::Timer { wall });
                while let Some(o) = e.poll_output() {
                    black_box(o);
                }
                black_box(e.poll_timeout());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
