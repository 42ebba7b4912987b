//! Vectorize: vector indexes.

pub mod indexes;
