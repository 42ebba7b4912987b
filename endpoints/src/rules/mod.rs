//! Rules: the account's lists of IPs, hostnames, ASNs and redirects.

pub mod lists;

/// The token permissions of the lists' operations.
pub mod perm {
    /// Reading lists: either permission allows it.
    pub const READ: &[&str] = &["Account Filter Lists Edit", "Account Filter Lists Read"];
}
