//! The engine's regular-expression matcher on the inputs that freeze a
//! backtracking engine: catastrophic patterns against texts of 2 000
//! characters (a visitor controls the query string). Goal: ≤ 50 ms per
//! match; the matcher is linear, so this measures its constant.

use criterion::{criterion_group, criterion_main, Criterion};
use nudge::engine::regex::Regex;
use std::hint::black_box;

fn catastrophic(c: &mut Criterion) {
    let text = format!("https://shop.example/?q={}!", "a".repeat(1_975));
    // The last one is about the largest program accepted (MAX_PROGRAM).
    for pattern in [
        r"(a+)+$",
        r"(a|aa)+$",
        r"(.*a){20}",
        r"^(\w+\s?)*$",
        r"(?i)/PRODUCT/\d+$",
        r"(a?){90}a{90}$",
    ] {
        let re = Regex::new(pattern).expect("valid pattern");
        c.bench_function(&format!("2000 chars, {pattern}"), |b| {
            b.iter(|| black_box(re.is_match(black_box(&text))))
        });
    }
}

criterion_group!(benches, catastrophic);
criterion_main!(benches);
