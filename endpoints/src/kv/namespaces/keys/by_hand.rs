//! The keys of a namespace, listed by cursor.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{endpoint, AccountId};

/// Lists a namespace's keys in order, `limit` at a time, from the cursor of the page before
/// (`result_info.cursor`; empty on the last page).
#[endpoint(GET, "/accounts/<account_id>/storage/kv/namespaces/<namespace_id>/keys",
           perm = ["Workers KV Storage Write", "Workers KV Storage Read"], response = Vec<Key>, paginate = cursor)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListKeys {
    /// Account identifier.
    pub account_id: AccountId,
    /// Namespace identifier.
    #[validate(max_length = 32)]
    pub namespace_id: String,
    /// Keys per page, 10 to 1000 (default 1000).
    #[validate(minimum = 10, maximum = 1000)]
    pub limit: Option<u32>,
    /// Only keys that start with this text.
    pub prefix: Option<String>,
    /// The cursor of the page to get, from the page before.
    pub cursor: Option<String>,
}

/// A key of a namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Key {
    /// The key.
    pub name: String,
    /// When it expires, in seconds since the Unix epoch.
    pub expiration: Option<u64>,
    /// The metadata written with its value.
    pub metadata: Option<Value>,
}
