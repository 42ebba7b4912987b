//! Allow policies: sender or recipient patterns whose mail is exempted from detections.
//!
//! Use them with care: a matching message skips some or all of Email Security's scanning.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateAllowPolicy`] |
//! | list (`GET`, paginated) | [`ListAllowPolicies`] |
//! | get (`GET`) | [`GetAllowPolicy`] |
//! | edit (`PATCH`) | [`EditAllowPolicy`] |
//! | delete (`DELETE`) | [`DeleteAllowPolicy`] |
//! | batch (`POST …/batch`) | [`BatchAllowPolicies`] |

use serde::{Deserialize, Serialize};

use super::super::{PatternType, SortDirection};
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// An email allow policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AllowPolicy {
    /// Allow policy identifier (a UUID).
    pub id: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
    /// Free-form comments (at most 1024 characters).
    pub comments: Option<String>,
    /// Mail from this sender is exempted from the Spam, Spoof and Bulk dispositions (not from
    /// Malicious or Suspicious).
    pub is_acceptable_sender: Option<bool>,
    /// Mail to this recipient bypasses every detection.
    pub is_exempt_recipient: Option<bool>,
    /// Old name of `is_exempt_recipient`.
    #[deprecated(note = "use `is_exempt_recipient` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_recipient: Option<bool>,
    /// Whether `pattern` is a regular expression.
    pub is_regex: Option<bool>,
    /// Old name of `is_trusted_sender`.
    #[deprecated(note = "use `is_trusted_sender` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_sender: Option<bool>,
    /// Old name of `is_acceptable_sender`.
    #[deprecated(note = "use `is_acceptable_sender` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_spoof: Option<bool>,
    /// Mail from this sender bypasses every detection and link following.
    pub is_trusted_sender: Option<bool>,
    /// The pattern to match (1 to 1024 characters).
    pub pattern: Option<String>,
    /// How `pattern` is matched.
    pub pattern_type: Option<PatternType>,
    /// Whether the policy is honoured only for mail that passes DMARC, SPF or DKIM.
    pub verify_sender: Option<bool>,
}

/// Field to sort a list of allow policies by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum AllowPolicyOrder {
    /// By pattern.
    Pattern,
    /// By creation time.
    CreatedAt,
}

/// Creates an allow policy that exempts matching mail from security detections.
///
/// Use with caution: matching mail bypasses some or all scanning. A policy matches on a sender
/// (or recipient) pattern and applies to the detections its flags name.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/allow_policies",
           perm = perm::WRITE, response = AllowPolicy)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateAllowPolicy {
    /// Account identifier.
    pub account_id: AccountId,
    /// Mail to this recipient bypasses every detection.
    pub is_exempt_recipient: bool,
    /// Mail from this sender bypasses every detection and link following.
    pub is_trusted_sender: bool,
    /// Mail from this sender is exempted from the Spam, Spoof and Bulk dispositions (not from
    /// Malicious or Suspicious).
    pub is_acceptable_sender: bool,
    /// The pattern to match.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Whether `pattern` is a regular expression.
    pub is_regex: bool,
    /// Honour the policy only for mail that passes DMARC, SPF or DKIM.
    pub verify_sender: bool,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    pub pattern_type: PatternType,
    /// Free-form comments.
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
    /// Old name of `is_exempt_recipient`.
    #[deprecated(note = "use `is_exempt_recipient` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_recipient: Option<bool>,
    /// Old name of `is_trusted_sender`.
    #[deprecated(note = "use `is_trusted_sender` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_sender: Option<bool>,
    /// Old name of `is_acceptable_sender`.
    #[deprecated(note = "use `is_acceptable_sender` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_spoof: Option<bool>,
}

/// Lists allow policies, one page at a time, with sorting, search and filters.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/allow_policies",
           perm = perm::READ,
           response = Vec<AllowPolicy>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListAllowPolicies {
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
    pub order: Option<AllowPolicyOrder>,
    /// The sorting direction.
    pub direction: Option<SortDirection>,
    /// Only policies whose recipient's mail bypasses every detection.
    pub is_exempt_recipient: Option<bool>,
    /// Only policies whose sender's mail bypasses every detection and link following.
    pub is_trusted_sender: Option<bool>,
    /// Only policies whose sender's mail is exempted from Spam, Spoof and Bulk dispositions.
    pub is_acceptable_sender: Option<bool>,
    /// Only policies that require DMARC, SPF or DKIM authentication.
    pub verify_sender: Option<bool>,
    /// Only policies with this pattern type.
    pub pattern_type: Option<PatternType>,
    /// Only policies with this pattern.
    pub pattern: Option<String>,
}

/// Gets an allow policy: its pattern, the dispositions it exempts and its scope.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/allow_policies/<policy_id>",
           perm = perm::READ,
           response = AllowPolicy)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetAllowPolicy {
    /// Account identifier.
    pub account_id: AccountId,
    /// Allow policy identifier.
    #[validate(format = "uuid")]
    pub policy_id: String,
}

/// Edits an allow policy: only the fields given change; new mail sees the change.
///
/// At least one field must be given; `.clear_comments()` clears the comment.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/allow_policies/<policy_id>",
           perm = perm::WRITE, response = AllowPolicy, min_properties = 1)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditAllowPolicy {
    /// Account identifier.
    pub account_id: AccountId,
    /// Allow policy identifier.
    #[validate(format = "uuid")]
    pub policy_id: String,
    /// The new comments, or `Nullable::Null` to clear them.
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    /// Mail from this sender is exempted from the Spam, Spoof and Bulk dispositions.
    pub is_acceptable_sender: Option<bool>,
    /// Mail to this recipient bypasses every detection.
    pub is_exempt_recipient: Option<bool>,
    /// Old name of `is_exempt_recipient`.
    #[deprecated(note = "use `is_exempt_recipient` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_recipient: Option<bool>,
    /// Whether `pattern` is a regular expression.
    pub is_regex: Option<bool>,
    /// Old name of `is_trusted_sender`.
    #[deprecated(note = "use `is_trusted_sender` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_sender: Option<bool>,
    /// Old name of `is_acceptable_sender`.
    #[deprecated(note = "use `is_acceptable_sender` instead (deprecated July 1, 2025; end of life: July 1, 2026)")]
    pub is_spoof: Option<bool>,
    /// Mail from this sender bypasses every detection and link following.
    pub is_trusted_sender: Option<bool>,
    /// The new pattern.
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    pub pattern_type: Option<PatternType>,
    /// Honour the policy only for mail that passes DMARC, SPF or DKIM.
    pub verify_sender: Option<bool>,
}

/// Deletes an allow policy: matching mail is scanned and disposed of normally again.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/allow_policies/<policy_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteAllowPolicy {
    /// Account identifier.
    pub account_id: AccountId,
    /// Allow policy identifier.
    #[validate(format = "uuid")]
    pub policy_id: String,
}

/// One delete of a [`BatchAllowPolicies`] request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct BatchDelete {
    /// Allow policy identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
}

impl BatchDelete {
    /// A delete of the policy with this id.
    pub fn new(id: impl Into<String>) -> Self {
        BatchDelete { id: id.into() }
    }
}

/// One edit of a [`BatchAllowPolicies`] request: the fields given change (at least one
/// besides `id`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPatch {
    /// Allow policy identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// The new comments (at most 1024 characters), or `Nullable::Null` to clear them.
    #[serde(skip_serializing_if = "Nullable::is_omitted")]
    #[validate(max_length = 1024)]
    pub comments: Nullable<String>,
    /// Mail from this sender is exempted from the Spam, Spoof and Bulk dispositions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_acceptable_sender: Option<bool>,
    /// Mail to this recipient bypasses every detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_exempt_recipient: Option<bool>,
    /// Whether `pattern` is a regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_regex: Option<bool>,
    /// Mail from this sender bypasses every detection and link following.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_trusted_sender: Option<bool>,
    /// The new pattern (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_type: Option<PatternType>,
    /// Honour the policy only for mail that passes DMARC, SPF or DKIM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_sender: Option<bool>,
}

/// One replacement of a [`BatchAllowPolicies`] request: the policy with `id` takes these
/// values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPut {
    /// Allow policy identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// Free-form comments (at most 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_length = 1024)]
    pub comments: Option<String>,
    /// Mail from this sender is exempted from the Spam, Spoof and Bulk dispositions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_acceptable_sender: Option<bool>,
    /// Mail to this recipient bypasses every detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_exempt_recipient: Option<bool>,
    /// Whether `pattern` is a regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_regex: Option<bool>,
    /// Mail from this sender bypasses every detection and link following.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_trusted_sender: Option<bool>,
    /// The pattern (1 to 1024 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: Option<String>,
    /// How `pattern` is matched (`UNKNOWN` is refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_type: Option<PatternType>,
    /// Honour the policy only for mail that passes DMARC, SPF or DKIM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_sender: Option<bool>,
}

/// One creation of a [`BatchAllowPolicies`] request (the fields of [`CreateAllowPolicy`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPost {
    /// Mail to this recipient bypasses every detection.
    pub is_exempt_recipient: bool,
    /// Mail from this sender bypasses every detection and link following.
    pub is_trusted_sender: bool,
    /// Mail from this sender is exempted from the Spam, Spoof and Bulk dispositions.
    pub is_acceptable_sender: bool,
    /// The pattern to match (1 to 1024 characters).
    #[validate(min_length = 1, max_length = 1024)]
    pub pattern: String,
    /// Whether `pattern` is a regular expression.
    pub is_regex: bool,
    /// Honour the policy only for mail that passes DMARC, SPF or DKIM.
    pub verify_sender: bool,
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
pub struct BatchAllowPoliciesResult {
    /// The deleted policies.
    pub deletes: Option<Vec<Deleted>>,
    /// The edited policies.
    pub patches: Option<Vec<AllowPolicy>>,
    /// The replaced policies.
    pub puts: Option<Vec<AllowPolicy>>,
    /// The created policies.
    pub posts: Option<Vec<AllowPolicy>>,
}

/// Runs deletes, edits, replacements and creations of allow policies atomically, in that order.
///
/// Every list is sent (empty when unused), each with at most 1000 items.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/allow_policies/batch",
           perm = perm::WRITE, response = BatchAllowPoliciesResult)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchAllowPolicies {
    /// Account identifier.
    pub account_id: AccountId,
    /// The policies to delete.
    #[validate(max_items = 1000)]
    pub deletes: Vec<BatchDelete>,
    /// The policies to edit.
    #[validate(max_items = 1000)]
    pub patches: Vec<BatchPatch>,
    /// The policies to replace.
    #[validate(max_items = 1000)]
    pub puts: Vec<BatchPut>,
    /// The policies to create.
    #[validate(max_items = 1000)]
    pub posts: Vec<BatchPost>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Endpoint;

    #[test]
    fn edit_needs_a_field_and_can_clear_comments() {
        let empty =
            EditAllowPolicy::new("023e105f4ecef8ad9ca31a8372d0c353".into(), "f174e90a-fafe-4643-bbbc-4a0ed4fc8415");
        let err = empty.validate().unwrap_err();
        assert_eq!(err.violations().iter().map(|v| v.rule.name()).collect::<Vec<_>>(), ["min_properties"]);
        let clear = empty.clear_comments().pattern_type(PatternType::Ip);
        clear.validate().unwrap();
        let body: serde_json::Value =
            serde_json::from_slice(&clear.to_request().unwrap().body.unwrap().to_bytes()).unwrap();
        assert_eq!(body, serde_json::json!({"comments": null, "pattern_type": "IP"}));
    }

    #[test]
    fn batch_items_are_checked_and_unknown_pattern_type_is_refused() {
        assert_eq!(<PatternType as crate::Validate>::VALUES, ["EMAIL", "DOMAIN", "IP"]);
        let post = BatchPost {
            is_exempt_recipient: false,
            is_trusted_sender: false,
            is_acceptable_sender: true,
            pattern: String::new(),
            is_regex: false,
            verify_sender: true,
            pattern_type: PatternType::UnknownPattern,
            comments: Some("x".repeat(1025)),
        };
        let batch = BatchAllowPolicies::new(
            "023e105f4ecef8ad9ca31a8372d0c353".into(),
            vec![BatchDelete::new("not-a-uuid")],
            vec![BatchPatch { id: "f174e90a-fafe-4643-bbbc-4a0ed4fc8415".into(), ..Default::default() }],
            vec![],
            vec![
                BatchPost {
                    pattern: "ok@example.com".into(),
                    pattern_type: PatternType::Email,
                    comments: None,
                    ..post.clone()
                },
                post,
            ],
        );
        let err = batch.validate().unwrap_err();
        let got: Vec<_> = err.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
        assert_eq!(
            got,
            [
                ("deletes[0].id", "format"),
                ("posts[1].pattern", "min_length"),
                ("posts[1].pattern_type", "one_of"),
                ("posts[1].comments", "max_length"),
            ]
        );
    }

    #[test]
    fn pattern_type_keeps_the_api_unknown_apart_from_new_values() {
        let old: PatternType = serde_json::from_str(r#""UNKNOWN""#).unwrap();
        assert_eq!(old, PatternType::UnknownPattern);
        let new: PatternType = serde_json::from_str(r#""IPV6""#).unwrap();
        assert_eq!(new, PatternType::Unknown("IPV6".into()));
    }
}
