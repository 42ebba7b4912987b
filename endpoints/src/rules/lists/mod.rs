//! The account's lists.

pub mod items;
