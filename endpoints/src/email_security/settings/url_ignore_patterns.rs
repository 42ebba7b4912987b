//! URL ignore patterns: URLs that Email Security's link rewriting leaves alone.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateUrlIgnorePattern`] |
//! | list (`GET`, paginated) | [`ListUrlIgnorePatterns`] |
//! | get (`GET`) | [`GetUrlIgnorePattern`] |
//! | edit (`PATCH`) | [`EditUrlIgnorePattern`] |
//! | delete (`DELETE`) | [`DeleteUrlIgnorePattern`] |
//! | batch (`POST …/batch`) | [`BatchUrlIgnorePatterns`] |

use serde::{Deserialize, Serialize};

use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// A URL ignore pattern: matching URLs are exempted from URL rewriting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UrlIgnorePattern {
    /// URL ignore pattern identifier (a UUID).
    pub id: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// Regular expression for the URLs to leave unrewritten (1 to 1024 characters).
    pub pattern: String,
    /// Why the pattern exists (at most 1024 characters).
    pub comments: Option<String>,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
}

/// Creates a URL ignore pattern: matching URLs are no longer rewritten.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/url_ignore_patterns",
           perm = perm::WRITE, response = UrlIgnorePattern)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateUrlIgnorePattern {
    /// Account identifier.
    pub account_id: AccountId,
    /// Regular expression for the URLs to leave unrewritten.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Why the pattern exists.
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// Lists the account's URL ignore patterns, one page at a time.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/url_ignore_patterns",
           perm = perm::READ,
           response = Vec<UrlIgnorePattern>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListUrlIgnorePatterns {
    /// Account identifier.
    pub account_id: AccountId,
    /// Page number, from 1 (default 1).
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Results per page, 1 to 1000 (default 20).
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
}

/// Gets one URL ignore pattern by its id.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/url_ignore_patterns/<pattern_id>",
           perm = perm::READ,
           response = UrlIgnorePattern)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetUrlIgnorePattern {
    /// Account identifier.
    pub account_id: AccountId,
    /// URL ignore pattern identifier.
    #[validate(format = "uuid")]
    pub pattern_id: String,
}

/// Edits a URL ignore pattern: only the fields given change.
///
/// At least one of `pattern`, `comments` must be given; `.clear_comments()` clears the
/// comment.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/url_ignore_patterns/<pattern_id>",
           perm = perm::WRITE, response = UrlIgnorePattern, min_properties = 1)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditUrlIgnorePattern {
    /// Account identifier.
    pub account_id: AccountId,
    /// URL ignore pattern identifier.
    #[validate(format = "uuid")]
    pub pattern_id: String,
    /// The new regular expression.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// The new comments, or `Nullable::Null` to clear them.
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
}

/// Deletes a URL ignore pattern: matching URLs are rewritten again.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/url_ignore_patterns/<pattern_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteUrlIgnorePattern {
    /// Account identifier.
    pub account_id: AccountId,
    /// URL ignore pattern identifier.
    #[validate(format = "uuid")]
    pub pattern_id: String,
}

/// One delete of a [`BatchUrlIgnorePatterns`] request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct BatchDelete {
    /// URL ignore pattern identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
}

impl BatchDelete {
    /// A delete of the pattern with this id.
    pub fn new(id: impl Into<String>) -> Self {
        BatchDelete { id: id.into() }
    }
}

/// One edit of a [`BatchUrlIgnorePatterns`] request: the fields given change (at least one
/// besides `id`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPatch {
    /// URL ignore pattern identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// The new regular expression (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// The new comments (at most 1024 characters), or `Nullable::Null` to clear them.
    #[serde(skip_serializing_if = "Nullable::is_omitted")]
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
}

/// One replacement of a [`BatchUrlIgnorePatterns`] request: the pattern with `id` takes these
/// values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPut {
    /// URL ignore pattern identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// Regular expression for the URLs to leave unrewritten (1 to 1024 characters).
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Why the pattern exists (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// One creation of a [`BatchUrlIgnorePatterns`] request (the fields of
/// [`CreateUrlIgnorePattern`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPost {
    /// Regular expression for the URLs to leave unrewritten (1 to 1024 characters).
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Why the pattern exists (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchUrlIgnorePatternsResult {
    /// The deleted patterns.
    pub deletes: Vec<Deleted>,
    /// The edited patterns.
    pub patches: Vec<UrlIgnorePattern>,
    /// The replaced patterns.
    pub puts: Vec<UrlIgnorePattern>,
    /// The created patterns.
    pub posts: Vec<UrlIgnorePattern>,
}

/// Runs deletes, edits, replacements and creations of URL ignore patterns together, in that
/// order.
///
/// Every list is sent (empty when unused), each with at most 1000 items.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/url_ignore_patterns/batch",
           perm = perm::WRITE, response = BatchUrlIgnorePatternsResult)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchUrlIgnorePatterns {
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
