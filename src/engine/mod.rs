//! The rules engine: pure, sans-IO. (Being written; see the issue.)
