//! The impersonation registry: identities and addresses protected against impersonation.
//!
//! Entries are added by hand or synced from a directory integration; mail that pretends to
//! come from a registered identity is flagged.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateImpersonationRegistryEntry`] |
//! | list (`GET`, paginated) | [`ListImpersonationRegistryEntries`] |
//! | get (`GET`) | [`GetImpersonationRegistryEntry`] |
//! | edit (`PATCH`) | [`EditImpersonationRegistryEntry`] |
//! | delete (`DELETE`) | [`DeleteImpersonationRegistryEntry`] |

use serde::{Deserialize, Serialize};

use super::super::SortDirection;
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// Where an impersonation registry entry comes from.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`Provenance::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum Provenance {
    /// Added in Email Security itself.
    #[serde(rename = "A1S_INTERNAL")]
    A1sInternal,
    /// Synced from Microsoft 365 through the CASB integration.
    #[serde(rename = "SNOOPY-CASB_OFFICE_365")]
    SnoopyCasbOffice365,
    /// Synced from Microsoft 365.
    #[serde(rename = "SNOOPY-OFFICE_365")]
    SnoopyOffice365,
    /// Synced from Google Directory.
    #[serde(rename = "SNOOPY-GOOGLE_DIRECTORY")]
    SnoopyGoogleDirectory,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// An impersonation registry entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImpersonationRegistryEntry {
    /// Impersonation registry entry identifier (a UUID).
    pub id: Option<String>,
    /// Free-form comments.
    pub comments: Option<String>,
    /// When it was created (RFC 3339).
    pub created_at: Option<String>,
    /// The directory it was synced from, if any.
    pub directory_id: Option<i64>,
    /// The node of that directory it was synced from, if any.
    pub directory_node_id: Option<i64>,
    /// The protected email address, or a regular expression when `is_email_regex`.
    pub email: Option<String>,
    /// The node's id in the external directory.
    #[deprecated(note = "deprecated by the API")]
    pub external_directory_node_id: Option<String>,
    /// Whether `email` is a regular expression.
    pub is_email_regex: Option<bool>,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
    /// The protected identity's display name (at most 1024 characters).
    pub name: Option<String>,
    /// Where the entry comes from.
    pub provenance: Option<Provenance>,
}

/// Field to sort the impersonation registry by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum ImpersonationRegistryOrder {
    /// By name.
    Name,
    /// By email.
    Email,
    /// By creation time.
    CreatedAt,
}

/// Adds an identity to the impersonation registry: mail impersonating it is flagged.
///
/// `email` may be a regular expression (`is_email_regex`).
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/impersonation_registry",
           perm = perm::WRITE, response = ImpersonationRegistryEntry)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateImpersonationRegistryEntry {
    /// Account identifier.
    pub account_id: AccountId,
    /// The protected email address, or a regular expression when `is_email_regex`.
    pub email: String,
    /// Whether `email` is a regular expression.
    pub is_email_regex: bool,
    /// The protected identity's display name.
    #[validate(max_length = 1024)]
    pub name: String,
    /// Free-form comments.
    pub comments: Option<String>,
    /// The directory the entry belongs to.
    pub directory_id: Option<i64>,
    /// The node of that directory the entry belongs to.
    pub directory_node_id: Option<i64>,
    /// The node's id in the external directory.
    #[deprecated(note = "deprecated by the API")]
    pub external_directory_node_id: Option<String>,
    /// Where the entry comes from.
    pub provenance: Option<Provenance>,
}

/// Lists the impersonation registry, one page at a time, with sorting, search and a
/// provenance filter.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/impersonation_registry",
           perm = perm::READ,
           response = Vec<ImpersonationRegistryEntry>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListImpersonationRegistryEntries {
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
    pub order: Option<ImpersonationRegistryOrder>,
    /// The sorting direction.
    pub direction: Option<SortDirection>,
    /// Only entries from this source.
    pub provenance: Option<Provenance>,
}

/// Gets an impersonation registry entry: the identity, its email pattern and, when synced,
/// its directory source.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/impersonation_registry/<impersonation_registry_id>",
           perm = perm::READ,
           response = ImpersonationRegistryEntry)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetImpersonationRegistryEntry {
    /// Account identifier.
    pub account_id: AccountId,
    /// Impersonation registry entry identifier.
    #[validate(format = "uuid")]
    pub impersonation_registry_id: String,
}

/// Edits an impersonation registry entry: only the fields given change. Entries synced from a
/// directory cannot be edited.
///
/// At least one field must be given; `.clear_<field>()` clears a nullable field.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/impersonation_registry/<impersonation_registry_id>",
           perm = perm::WRITE, response = ImpersonationRegistryEntry, min_properties = 1)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditImpersonationRegistryEntry {
    /// Account identifier.
    pub account_id: AccountId,
    /// Impersonation registry entry identifier.
    #[validate(format = "uuid")]
    pub impersonation_registry_id: String,
    /// The new comments, or `Nullable::Null` to clear them.
    pub comments: Nullable<String>,
    /// The new directory, or `Nullable::Null` to clear it.
    pub directory_id: Nullable<i64>,
    /// The new directory node, or `Nullable::Null` to clear it.
    pub directory_node_id: Nullable<i64>,
    /// The new email address or regular expression.
    pub email: Option<String>,
    /// The node's id in the external directory, or `Nullable::Null` to clear it.
    #[deprecated(note = "deprecated by the API")]
    pub external_directory_node_id: Nullable<String>,
    /// Whether `email` is a regular expression.
    pub is_email_regex: Option<bool>,
    /// The new display name.
    #[validate(max_length = 1024)]
    pub name: Option<String>,
    /// The new source.
    pub provenance: Option<Provenance>,
}

/// Removes an entry from the impersonation registry: the identity is no longer protected.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/impersonation_registry/<impersonation_registry_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteImpersonationRegistryEntry {
    /// Account identifier.
    pub account_id: AccountId,
    /// Impersonation registry entry identifier.
    #[validate(format = "uuid")]
    pub impersonation_registry_id: String,
}
