//! Trusted domains: partner or approved domains exempted from new-domain and look-alike
//! detections.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateTrustedDomain`] |
//! | list (`GET`, paginated) | [`ListTrustedDomains`] |
//! | get (`GET`) | [`GetTrustedDomain`] |
//! | edit (`PATCH`) | [`EditTrustedDomain`] |
//! | delete (`DELETE`) | [`DeleteTrustedDomain`] |
//! | batch (`POST …/batch`) | [`BatchTrustedDomains`] |

use serde::{Deserialize, Serialize};

use super::super::SortDirection;
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// A trusted email domain pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrustedDomain {
    /// Trusted domain identifier (a UUID).
    pub id: Option<String>,
    /// Free-form comments (at most 1024 characters).
    pub comments: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: Option<String>,
    /// Recently registered domains that match do not get a Suspicious or Malicious
    /// disposition for being new.
    pub is_recent: Option<bool>,
    /// Whether `pattern` is a regular expression.
    pub is_regex: Option<bool>,
    /// Partner or approved domains spelled like your own do not get a Spoof disposition.
    pub is_similarity: Option<bool>,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
    /// The domain pattern (1 to 1024 characters).
    pub pattern: Option<String>,
}

/// Field to sort a list of trusted domains by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum TrustedDomainOrder {
    /// By pattern.
    Pattern,
    /// By creation time.
    CreatedAt,
}

/// Creates a trusted domain pattern, for partner or approved senders that should skip the
/// new-domain and similarity checks.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/trusted_domains",
           perm = perm::WRITE, response = TrustedDomain)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateTrustedDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// The domain pattern.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Whether `pattern` is a regular expression.
    pub is_regex: bool,
    /// Keep recently registered matching domains from a Suspicious or Malicious disposition.
    pub is_recent: bool,
    /// Keep look-alike matching domains from a Spoof disposition.
    pub is_similarity: bool,
    /// Free-form comments.
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// Lists trusted domain patterns, one page at a time, with sorting, search and filters.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/trusted_domains",
           perm = perm::READ,
           response = Vec<TrustedDomain>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListTrustedDomains {
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
    pub order: Option<TrustedDomainOrder>,
    /// The sorting direction.
    pub direction: Option<SortDirection>,
    /// Only recently registered domains trusted against Suspicious or Malicious dispositions.
    pub is_recent: Option<bool>,
    /// Only look-alike (proximity) domains trusted against Spoof dispositions.
    pub is_similarity: Option<bool>,
    /// Only this pattern.
    pub pattern: Option<String>,
}

/// Gets a trusted domain pattern: its value, whether it is a regex, and the detections it
/// affects.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/trusted_domains/<trusted_domain_id>",
           perm = perm::READ,
           response = TrustedDomain)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetTrustedDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Trusted domain identifier.
    #[validate(format = "uuid")]
    pub trusted_domain_id: String,
}

/// Edits a trusted domain pattern: only the fields given change; new mail sees the change.
///
/// At least one field must be given; `.clear_comments()` clears the comment.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/trusted_domains/<trusted_domain_id>",
           perm = perm::WRITE, response = TrustedDomain, min_properties = 1)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTrustedDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Trusted domain identifier.
    #[validate(format = "uuid")]
    pub trusted_domain_id: String,
    /// The new comments, or `Nullable::Null` to clear them.
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    /// Keep recently registered matching domains from a Suspicious or Malicious disposition.
    pub is_recent: Option<bool>,
    /// Whether `pattern` is a regular expression.
    pub is_regex: Option<bool>,
    /// Keep look-alike matching domains from a Spoof disposition.
    pub is_similarity: Option<bool>,
    /// The new domain pattern.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
}

/// Deletes a trusted domain pattern: its mail gets the normal new-domain and similarity checks
/// again.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/trusted_domains/<trusted_domain_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteTrustedDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Trusted domain identifier.
    #[validate(format = "uuid")]
    pub trusted_domain_id: String,
}

/// One delete of a [`BatchTrustedDomains`] request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct BatchDelete {
    /// Trusted domain identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
}

impl BatchDelete {
    /// A delete of the trusted domain with this id.
    pub fn new(id: impl Into<String>) -> Self {
        BatchDelete { id: id.into() }
    }
}

/// One edit of a [`BatchTrustedDomains`] request: the fields given change (at least one
/// besides `id`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPatch {
    /// Trusted domain identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// The new comments (at most 1024 characters), or `Nullable::Null` to clear them.
    #[serde(skip_serializing_if = "Nullable::is_omitted")]
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    /// Keep recently registered matching domains from a Suspicious or Malicious disposition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_recent: Option<bool>,
    /// Whether `pattern` is a regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_regex: Option<bool>,
    /// Keep look-alike matching domains from a Spoof disposition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_similarity: Option<bool>,
    /// The new domain pattern (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
}

/// One replacement of a [`BatchTrustedDomains`] request: the trusted domain with `id` takes
/// these values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPut {
    /// Trusted domain identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// Free-form comments (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
    /// Keep recently registered matching domains from a Suspicious or Malicious disposition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_recent: Option<bool>,
    /// Whether `pattern` is a regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_regex: Option<bool>,
    /// Keep look-alike matching domains from a Spoof disposition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_similarity: Option<bool>,
    /// The domain pattern (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
}

/// One creation of a [`BatchTrustedDomains`] request (the fields of [`CreateTrustedDomain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPost {
    /// The domain pattern (1 to 1024 characters).
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Whether `pattern` is a regular expression.
    pub is_regex: bool,
    /// Keep recently registered matching domains from a Suspicious or Malicious disposition.
    pub is_recent: bool,
    /// Keep look-alike matching domains from a Spoof disposition.
    pub is_similarity: bool,
    /// Free-form comments (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchTrustedDomainsResult {
    /// The deleted trusted domains.
    pub deletes: Option<Vec<Deleted>>,
    /// The edited trusted domains.
    pub patches: Option<Vec<TrustedDomain>>,
    /// The replaced trusted domains.
    pub puts: Option<Vec<TrustedDomain>>,
    /// The created trusted domains.
    pub posts: Option<Vec<TrustedDomain>>,
}

/// Runs deletes, edits, replacements and creations of trusted domains atomically, in that
/// order.
///
/// Every list is sent (empty when unused), each with at most 1000 items.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/trusted_domains/batch",
           perm = perm::WRITE, response = BatchTrustedDomainsResult)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchTrustedDomains {
    /// Account identifier.
    pub account_id: AccountId,
    /// The trusted domains to delete.
    #[validate(max_items = 1000)]
    pub deletes: Vec<BatchDelete>,
    /// The trusted domains to edit.
    #[validate(max_items = 1000)]
    pub patches: Vec<BatchPatch>,
    /// The trusted domains to replace.
    #[validate(max_items = 1000)]
    pub puts: Vec<BatchPut>,
    /// The trusted domains to create.
    #[validate(max_items = 1000)]
    pub posts: Vec<BatchPost>,
}
