//! DNS: the records of a zone.

pub mod records;

/// The token permissions of DNS operations.
pub mod perm {
    /// Reading: either permission allows it.
    pub const READ: &[&str] = &["DNS Read", "DNS Write"];
    /// Changing records.
    pub const WRITE: &[&str] = &["DNS Write"];
}
