//! Workers: scripts and their uploads.

pub mod scripts;

/// The token permissions of Workers scripts' operations.
pub mod perm {
    /// Changing a script.
    pub const WRITE: &[&str] = &["Workers Scripts Write"];
}
