//! The versions of a Worker script.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::paginate::Items;
use crate::{endpoint, AccountId};

/// Lists a script's versions, newest first, a page at a time (the page's items are in
/// `result.items`).
#[endpoint(GET, "/accounts/<account_id>/workers/scripts/<script_name>/versions",
           perm = ["Workers Tail Read", "Workers Scripts Write", "Workers Scripts Read"], response = Items<Version>, paginate = page)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListVersions {
    /// Account identifier.
    pub account_id: AccountId,
    /// The script's name.
    #[validate(pattern = "^[a-z0-9_][a-z0-9-_]*$")]
    pub script_name: String,
    /// Only versions that can be deployed.
    pub deployable: Option<bool>,
    /// Page number, from 1.
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Versions per page.
    pub per_page: Option<u32>,
}

/// A version of a script, as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Version {
    /// Version identifier.
    pub id: String,
    /// Its sequence number.
    pub number: Option<u64>,
    /// Who made it, when, and with which message.
    pub metadata: Option<Value>,
}
