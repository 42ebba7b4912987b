//! Workers: scripts and their uploads.

pub mod scripts;

/// The token permissions of Workers scripts' operations.
pub mod perm {
    /// Reading scripts: any of these allows it.
    pub const READ: &[&str] = &["Workers Tail Read", "Workers Scripts Write", "Workers Scripts Read"];
    /// Changing a script.
    pub const WRITE: &[&str] = &["Workers Scripts Write"];
}
