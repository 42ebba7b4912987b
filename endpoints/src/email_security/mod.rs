//! Cloudflare Email Security (formerly Area 1): `/accounts/<account_id>/email-security/…`.

use serde::{Deserialize, Serialize};

use crate::Validate;

pub mod investigate;
pub mod phishguard;
pub mod settings;
pub mod submissions;

/// The token permissions of Email Security's operations.
pub mod perm {
    /// Reading: either permission allows it.
    pub const READ: &[&str] = &["Cloud Email Security: Write", "Cloud Email Security: Read"];
    /// Changing anything.
    pub const WRITE: &[&str] = &["Cloud Email Security: Write"];
}

/// What a delete answers: the id of what it deleted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deleted {
    /// The deleted resource's identifier (a UUID).
    pub id: String,
}

/// The sorting direction of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// How a sender pattern of an allow policy or a blocked sender is matched.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`PatternType::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum PatternType {
    /// A full email address, such as `user@example.com`.
    #[serde(rename = "EMAIL")]
    Email,
    /// A domain name, such as `example.com`.
    #[serde(rename = "DOMAIN")]
    Domain,
    /// A globally reachable IPv4 address (`1.2.3.4`) or IPv4 CIDR block (`1.2.3.0/24`).
    #[serde(rename = "IP")]
    Ip,
    /// The API's own `UNKNOWN` type: deprecated, still seen on old entries, but refused when
    /// creating or updating one; a request that carries it fails validation before it is sent.
    #[serde(rename = "UNKNOWN")]
    #[validate(read_only)]
    UnknownPattern,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// A disposition Email Security gives a message.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`DispositionLabel::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum DispositionLabel {
    /// `MALICIOUS`.
    #[serde(rename = "MALICIOUS")]
    Malicious,
    /// `MALICIOUS-BEC`: business email compromise.
    #[serde(rename = "MALICIOUS-BEC")]
    MaliciousBec,
    /// `SUSPICIOUS`.
    #[serde(rename = "SUSPICIOUS")]
    Suspicious,
    /// `SPOOF`.
    #[serde(rename = "SPOOF")]
    Spoof,
    /// `SPAM`.
    #[serde(rename = "SPAM")]
    Spam,
    /// `BULK`.
    #[serde(rename = "BULK")]
    Bulk,
    /// `ENCRYPTED`.
    #[serde(rename = "ENCRYPTED")]
    Encrypted,
    /// `EXTERNAL`.
    #[serde(rename = "EXTERNAL")]
    External,
    /// The API's own `UNKNOWN` label.
    #[serde(rename = "UNKNOWN")]
    UnknownLabel,
    /// `NONE`: no disposition.
    #[serde(rename = "NONE")]
    None,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}
