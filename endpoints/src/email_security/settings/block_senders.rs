//! Blocked senders: email address, domain or IP patterns whose mail is never delivered.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateBlockedSender`] |
//! | list (`GET`, paginated) | [`ListBlockedSenders`] |
//! | get (`GET`) | [`GetBlockedSender`] |
//! | edit (`PATCH`) | [`EditBlockedSender`] |
//! | delete (`DELETE`) | [`DeleteBlockedSender`] |
//! | batch (`POST …/batch`) | [`BatchBlockedSenders`] |

use serde::{Deserialize, Serialize};

use super::super::{PatternType, SortDirection};
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// A blocked sender pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BlockedSender {
    /// Blocked sender pattern identifier (a UUID).
    pub id: Option<String>,
    /// Free-form comments (at most 1024 characters).
    pub comments: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: Option<String>,
    /// Whether `pattern` is a regular expression.
    pub is_regex: Option<bool>,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
    /// The value to match, in the form `pattern_type` names: an email address, a domain name,
    /// or a globally reachable IPv4 address or CIDR block (1 to 1024 characters).
    pub pattern: Option<String>,
    /// How `pattern` is matched.
    pub pattern_type: Option<PatternType>,
}

/// Field to sort a list of blocked senders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum BlockedSenderOrder {
    /// By pattern.
    Pattern,
    /// By creation time.
    CreatedAt,
}

/// Creates a blocked sender pattern: matching mail is not delivered.
///
/// A pattern is an email address, a domain or an IP address, optionally a regular expression.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/block_senders",
           perm = perm::WRITE, response = BlockedSender)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateBlockedSender {
    /// Account identifier.
    pub account_id: AccountId,
    /// The value to match, in the form `pattern_type` names.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Whether `pattern` is a regular expression.
    pub is_regex: bool,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    pub pattern_type: PatternType,
    /// Free-form comments.
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// Lists blocked sender patterns, one page at a time, with sorting, search and filters.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/block_senders",
           perm = perm::READ,
           response = Vec<BlockedSender>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListBlockedSenders {
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
    pub order: Option<BlockedSenderOrder>,
    /// The sorting direction.
    pub direction: Option<SortDirection>,
    /// Only patterns of this type.
    pub pattern_type: Option<PatternType>,
    /// Only this pattern value.
    pub pattern: Option<String>,
}

/// Gets a blocked sender pattern: its type, value and metadata.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/block_senders/<pattern_id>",
           perm = perm::READ,
           response = BlockedSender)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetBlockedSender {
    /// Account identifier.
    pub account_id: AccountId,
    /// Blocked sender pattern identifier.
    #[validate(format = "uuid")]
    pub pattern_id: String,
}

/// Edits a blocked sender pattern: only the fields given change; it keeps blocking until
/// deleted.
///
/// At least one field must be given; `.clear_comments()` clears the comment.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/block_senders/<pattern_id>",
           perm = perm::WRITE, response = BlockedSender, min_properties = 1)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditBlockedSender {
    /// Account identifier.
    pub account_id: AccountId,
    /// Blocked sender pattern identifier.
    #[validate(format = "uuid")]
    pub pattern_id: String,
    /// The new comments, or `Nullable::Null` to clear them.
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    /// Whether `pattern` is a regular expression.
    pub is_regex: Option<bool>,
    /// The new value to match.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    pub pattern_type: Option<PatternType>,
}

/// Deletes a blocked sender pattern: mail from that sender is no longer blocked by it.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/block_senders/<pattern_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteBlockedSender {
    /// Account identifier.
    pub account_id: AccountId,
    /// Blocked sender pattern identifier.
    #[validate(format = "uuid")]
    pub pattern_id: String,
}

/// One delete of a [`BatchBlockedSenders`] request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct BatchDelete {
    /// Blocked sender pattern identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
}

impl BatchDelete {
    /// A delete of the pattern with this id.
    pub fn new(id: impl Into<String>) -> Self {
        BatchDelete { id: id.into() }
    }
}

/// One edit of a [`BatchBlockedSenders`] request: the fields given change (at least one
/// besides `id`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPatch {
    /// Blocked sender pattern identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// The new comments (at most 1024 characters), or `Nullable::Null` to clear them.
    #[serde(skip_serializing_if = "Nullable::is_omitted")]
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    /// Whether `pattern` is a regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_regex: Option<bool>,
    /// The new value to match (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_type: Option<PatternType>,
}

/// One replacement of a [`BatchBlockedSenders`] request: the pattern with `id` takes these
/// values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPut {
    /// Blocked sender pattern identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// Free-form comments (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
    /// Whether `pattern` is a regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_regex: Option<bool>,
    /// The value to match (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_type: Option<PatternType>,
}

/// One creation of a [`BatchBlockedSenders`] request (the fields of [`CreateBlockedSender`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPost {
    /// The value to match (1 to 1024 characters).
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Whether `pattern` is a regular expression.
    pub is_regex: bool,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    pub pattern_type: PatternType,
    /// Free-form comments (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchBlockedSendersResult {
    /// The deleted patterns.
    pub deletes: Option<Vec<Deleted>>,
    /// The edited patterns.
    pub patches: Option<Vec<BlockedSender>>,
    /// The replaced patterns.
    pub puts: Option<Vec<BlockedSender>>,
    /// The created patterns.
    pub posts: Option<Vec<BlockedSender>>,
}

/// Runs deletes, edits, replacements and creations of blocked senders atomically, in that
/// order.
///
/// Every list is sent (empty when unused), each with at most 1000 items.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/block_senders/batch",
           perm = perm::WRITE, response = BatchBlockedSendersResult)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchBlockedSenders {
    /// Account identifier.
    pub account_id: AccountId,
    /// The patterns to delete.
    #[validate(max_items = 1000)]
    pub deletes: Vec<BatchDelete>,
    /// The patterns to edit.
    #[validate(max_items = 1000)]
    pub patches: Vec<BatchPatch>,
    /// The patterns to replace.
    #[validate(max_items = 1000)]
    pub puts: Vec<BatchPut>,
    /// The patterns to create.
    #[validate(max_items = 1000)]
    pub posts: Vec<BatchPost>,
}
