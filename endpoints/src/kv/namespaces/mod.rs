//! A namespace's contents.

pub mod keys;
pub mod values;
