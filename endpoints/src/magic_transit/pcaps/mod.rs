//! Packet captures of an account.

pub mod download;

/// The token permissions of packet captures.
pub mod perm {
    /// Reading captures: either permission allows it.
    pub const READ: &[&str] =
        &["Magic Firewall Packet Captures - Write PCAPs API", "Magic Firewall Packet Captures - Read PCAPs API"];
}
