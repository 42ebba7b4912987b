//! The items of a list, listed by cursor (`result_info.cursors.after`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{endpoint, AccountId};

/// Gets a list's items, a page at a time, from the cursor of the page before.
#[endpoint(GET, "/accounts/<account_id>/rules/lists/<list_id>/items",
           perm = ["Account Filter Lists Edit", "Account Filter Lists Read"], response = Vec<ListItem>, paginate = cursor)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetListItems {
    /// Account identifier.
    pub account_id: AccountId,
    /// List identifier (32 characters).
    #[validate(min_length = 32, max_length = 32)]
    pub list_id: String,
    /// The cursor of the page to get, from the page before.
    pub cursor: Option<String>,
    /// Items per page, 1 to 500.
    #[validate(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// Only items that contain this text.
    pub search: Option<String>,
}

/// An item of a list: an IP or CIDR, a hostname, an ASN or a redirect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListItem {
    /// Item identifier.
    pub id: Option<String>,
    /// An IPv4 or IPv6 address or CIDR.
    pub ip: Option<String>,
    /// An autonomous system number.
    pub asn: Option<u64>,
    /// A hostname.
    pub hostname: Option<Value>,
    /// A redirect.
    pub redirect: Option<Value>,
    /// Comment.
    pub comment: Option<String>,
    /// When it was created (RFC 3339).
    pub created_on: Option<String>,
}
