//! The widget's memory allocator: talc instead of std's dlmalloc.
//!
//! Why: in the visitor's download, dlmalloc's code weighs ~1 KB brotli more
//! than talc's (measured 2026-12-02 on the release build). The wasm runs on
//! one thread, which is what `TalckWasm` assumes; it grows wasm memory by
//! itself, like dlmalloc. Only the widget's wasm (and its browser tests)
//! uses it; the merchant console keeps std's allocator.

#[global_allocator]
// SAFETY: the widget's wasm is single-threaded (no threads, no shared
// memory), and nothing else manages its linear memory.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
