//! Sending domain restrictions: domains whose mail must arrive over TLS.
//!
//! Mail without TLS from a restricted domain is dropped unless it comes from a subdomain in the
//! restriction's `exclude` list.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateSendingDomainRestriction`] |
//! | list (`GET`, paginated) | [`ListSendingDomainRestrictions`] |
//! | get (`GET`) | [`GetSendingDomainRestriction`] |
//! | edit (`PATCH`) | [`EditSendingDomainRestriction`] |
//! | delete (`DELETE`) | [`DeleteSendingDomainRestriction`] |
//! | batch delete (`POST …/batch`) | [`BatchSendingDomainRestrictions`] |

use serde::{Deserialize, Serialize};

use super::super::SortDirection;
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// A sending domain restriction: TLS is required for mail from `domain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SendingDomainRestriction {
    /// Sending domain restriction identifier (a UUID).
    pub id: String,
    /// Domain that requires TLS enforcement.
    pub domain: String,
    /// Subdomains to exempt from TLS requirements.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Free-form comments (at most 1024 characters).
    pub comments: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: Option<String>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
}

/// Field to sort a list of sending domain restrictions by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum SendingDomainRestrictionOrder {
    /// By domain.
    Domain,
    /// By creation time.
    CreatedAt,
}

/// Creates a sending domain restriction to enforce TLS for mail from a domain.
///
/// Mail without TLS from this domain will be dropped unless the subdomain is in `exclude`.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions",
           perm = perm::WRITE, response = SendingDomainRestriction)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateSendingDomainRestriction {
    /// Account identifier.
    pub account_id: AccountId,
    /// Domain that requires TLS enforcement.
    pub domain: String,
    /// Subdomains to exempt from TLS requirements.
    pub exclude: Vec<String>,
    /// Free-form comments.
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// Lists sending domain restrictions, one page at a time, with sorting and search.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions",
           perm = perm::READ,
           response = Vec<SendingDomainRestriction>, paginate = page)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSendingDomainRestrictions {
    /// Account identifier.
    pub account_id: AccountId,
    /// Page number, from 1 (default 1).
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Results per page, 1 to 1000 (default 20).
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    /// Search term for filtering records. Behavior may change.
    pub search: Option<String>,
    /// Field to sort by.
    pub order: Option<SendingDomainRestrictionOrder>,
    /// The sorting direction.
    pub direction: Option<SortDirection>,
}

/// Gets a sending domain restriction with its domain and excluded subdomains.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions/<sending_domain_restriction_id>",
           perm = perm::READ,
           response = SendingDomainRestriction)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSendingDomainRestriction {
    /// Account identifier.
    pub account_id: AccountId,
    /// Sending domain restriction identifier.
    #[validate(format = "uuid")]
    pub sending_domain_restriction_id: String,
}

/// Edits a sending domain restriction: only the fields given change.
///
/// At least one of `domain`, `exclude`, `comments` must be given;
/// `.clear_comments()` clears the comment.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions/<sending_domain_restriction_id>",
           perm = perm::WRITE, response = SendingDomainRestriction, min_properties = 1)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditSendingDomainRestriction {
    /// Account identifier.
    pub account_id: AccountId,
    /// Sending domain restriction identifier.
    #[validate(format = "uuid")]
    pub sending_domain_restriction_id: String,
    /// The new domain.
    pub domain: Option<String>,
    /// The new list of exempt subdomains (replaces the old one).
    pub exclude: Option<Vec<String>>,
    /// The new comments, or `Nullable::Null` to clear them.
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
}

/// Deletes a sending domain restriction: TLS is no longer enforced for its domain.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions/<sending_domain_restriction_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteSendingDomainRestriction {
    /// Account identifier.
    pub account_id: AccountId,
    /// Sending domain restriction identifier.
    #[validate(format = "uuid")]
    pub sending_domain_restriction_id: String,
}

/// One delete of a [`BatchSendingDomainRestrictions`] request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct BatchDelete {
    /// Sending domain restriction identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
}

impl BatchDelete {
    /// A delete of the restriction with this id.
    pub fn new(id: impl Into<String>) -> Self {
        BatchDelete { id: id.into() }
    }
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchSendingDomainRestrictionsResult {
    /// The deleted restrictions.
    pub deletes: Vec<Deleted>,
}

/// Deletes up to 1000 sending domain restrictions atomically: all succeed or none.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/sending_domain_restrictions/batch",
           perm = perm::WRITE, response = BatchSendingDomainRestrictionsResult)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchSendingDomainRestrictions {
    /// Account identifier.
    pub account_id: AccountId,
    /// The restrictions to delete.
    #[validate(max_items = 1000)]
    pub deletes: Vec<BatchDelete>,
}
