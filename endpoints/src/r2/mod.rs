//! R2: object storage buckets.

pub mod buckets;

/// The token permissions of R2's operations.
pub mod perm {
    /// Reading: either permission allows it.
    pub const READ: &[&str] = &["Workers R2 Storage Write", "Workers R2 Storage Read"];
}
