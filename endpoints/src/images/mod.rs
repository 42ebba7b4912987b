//! Cloudflare Images: stored images and their variants.

pub mod v2;

/// The token permissions of Images' operations.
pub mod perm {
    /// Reading: either permission allows it.
    pub const READ: &[&str] = &["Images Read", "Images Write"];
}
