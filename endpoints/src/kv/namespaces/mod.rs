//! A namespace's contents.

pub mod values;
