//! Submissions: requests to reclassify messages, by end users or the security team.
//!
//! | operation | type |
//! | --- | --- |
//! | list (`GET`, paginated) | [`ListSubmissions`] |

use serde::{Deserialize, Serialize};

use super::investigate::BasicDisposition;
use crate::email_security::perm;
use crate::{endpoint, AccountId, Validate};

/// Who made a submission, to filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubmittedBy {
    /// A security team member.
    Team,
    /// An end user.
    User,
}

/// Who made a submission, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubmissionType {
    /// A security team member.
    Team,
    /// An end user.
    User,
    /// A value this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// A submission disposition, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubmissionDisposition {
    /// `MALICIOUS`
    Malicious,
    /// `SUSPICIOUS`
    Suspicious,
    /// `SPOOF`
    Spoof,
    /// `SPAM`
    Spam,
    /// `BULK`
    Bulk,
    /// `NONE`: benign.
    None,
    /// A disposition this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// Where the customer's review of a submission stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerStatus {
    /// Escalated.
    Escalated,
    /// Reviewed.
    Reviewed,
    /// Not reviewed yet.
    Unreviewed,
    /// A status this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// A request to reclassify a message, with its status and outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Submission {
    /// Submission identifier.
    pub submission_id: String,
    /// When the submission was requested (UTC, RFC 3339).
    pub requested_at: String,
    /// Where the customer's review stands.
    pub customer_status: Option<CustomerStatus>,
    /// The disposition the submission was escalated as.
    pub escalated_as: Option<SubmissionDisposition>,
    /// When it was escalated (RFC 3339).
    pub escalated_at: Option<String>,
    /// Who escalated it.
    pub escalated_by: Option<String>,
    /// The id of the submission it was escalated into.
    pub escalated_submission_id: Option<String>,
    /// The message's disposition before the submission.
    pub original_disposition: Option<SubmissionDisposition>,
    /// EDF hash of the original message.
    pub original_edf_hash: Option<String>,
    /// The postfix id of the original message.
    pub original_postfix_id: Option<String>,
    /// The outcome.
    pub outcome: Option<String>,
    /// The disposition after review.
    pub outcome_disposition: Option<SubmissionDisposition>,
    /// Who requested it.
    pub requested_by: Option<String>,
    /// The disposition that was asked for.
    pub requested_disposition: Option<SubmissionDisposition>,
    /// When the submission was requested.
    #[deprecated(note = "use `requested_at` instead")]
    pub requested_ts: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Subject of the message.
    pub subject: Option<String>,
    /// Whether a team member or an end user made the submission.
    #[serde(rename = "type")]
    pub kind: Option<SubmissionType>,
}

/// Lists reclassification submissions made by users or the security team, with their status,
/// outcome and disposition changes, one page at a time.
//
// The spec gives this operation no `x-api-token-group`; these are the permissions of every
// other read of the group.
#[endpoint(GET, "/accounts/<account_id>/email-security/submissions",
           perm = perm::READ,
           response = Vec<Submission>, paginate = page)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSubmissions {
    /// Account identifier.
    pub account_id: AccountId,
    /// Start of the search date range (RFC 3339; default: 30 days ago).
    #[validate(format = "date-time")]
    pub start: Option<String>,
    /// End of the search date range (RFC 3339; default: now).
    #[validate(format = "date-time")]
    pub end: Option<String>,
    /// Who made the submission.
    #[param(rename = "type")]
    pub kind: Option<SubmittedBy>,
    /// Submission id to filter by.
    pub submission_id: Option<String>,
    /// Original disposition to filter by.
    pub original_disposition: Option<BasicDisposition>,
    /// Requested disposition to filter by.
    pub requested_disposition: Option<BasicDisposition>,
    /// Outcome disposition to filter by.
    pub outcome_disposition: Option<BasicDisposition>,
    /// Status to filter by.
    pub status: Option<String>,
    /// Search terms.
    pub query: Option<String>,
    /// `true`: only submissions escalated by an end user; `false`: only the others; unset: all.
    pub escalated_from_user: Option<bool>,
    /// Page number, from 1 (default 1).
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Results per page, 1 to 1000 (default 20).
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
}
