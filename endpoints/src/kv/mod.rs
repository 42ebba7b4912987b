//! Workers KV: namespaces of keys and their values.

pub mod namespaces;

/// The token permissions of Workers KV's operations.
pub mod perm {
    /// Reading: either permission allows it.
    pub const READ: &[&str] = &["Workers KV Storage Write", "Workers KV Storage Read"];
    /// Changing anything.
    pub const WRITE: &[&str] = &["Workers KV Storage Write"];
}
