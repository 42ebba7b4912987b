//! Logs: the HTTP request logs of a zone (Logpull).

pub mod received;

/// The token permissions of the logs operations.
pub mod perm {
    /// Reading logs: either permission allows it.
    pub const READ: &[&str] = &["Logs Write", "Logs Read"];
}
