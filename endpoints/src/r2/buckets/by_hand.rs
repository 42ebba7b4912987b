//! The buckets of an account, in a jurisdiction.

use serde::{Deserialize, Serialize};

use crate::{endpoint, AccountId};

crate::open_enum! {
    /// Where a bucket's data is kept, sent in the `cf-r2-jurisdiction` header.
    pub enum Jurisdiction {
        /// No restriction (the default).
        Default = "default",
        /// The European Union.
        Eu = "eu",
        /// FedRAMP.
        Fedramp = "fedramp",
    }
}

/// Lists the account's buckets in one jurisdiction.
#[endpoint(GET, "/accounts/<account_id>/r2/buckets", perm = ["Workers R2 Storage Write", "Workers R2 Storage Read"], response = Buckets)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListBuckets {
    /// Account identifier.
    pub account_id: AccountId,
    /// Buckets whose name contains this text.
    pub name_contains: Option<String>,
    /// Buckets whose name sorts after this one.
    pub start_after: Option<String>,
    /// At most this many buckets, 1 to 1000.
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    /// The cursor of a previous page.
    pub cursor: Option<String>,
    /// The jurisdiction whose buckets are listed.
    #[param(header = "cf-r2-jurisdiction")]
    pub jurisdiction: Option<Jurisdiction>,
}

/// The buckets of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Buckets {
    /// The buckets.
    #[serde(default)]
    pub buckets: Vec<ListedBucket>,
}

/// A bucket as a list shows it, with its jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListedBucket {
    /// Its name.
    pub name: String,
    /// When it was created (RFC 3339).
    pub creation_date: Option<String>,
    /// Its location hint.
    pub location: Option<String>,
    /// Its jurisdiction.
    pub jurisdiction: Option<Jurisdiction>,
    /// Its default storage class.
    pub storage_class: Option<String>,
}
