//! The Yew interface. (Being written.)
