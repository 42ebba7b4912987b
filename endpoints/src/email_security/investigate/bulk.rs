//! Bulk action jobs: move or release every message a search matches, in the background.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateBulkJob`] |
//! | list (`GET`, paginated) | [`ListBulkJobs`] |
//! | get (`GET …/<job_id>`) | [`GetBulkJob`] |
//! | delete a finished job (`DELETE …/<job_id>`) | [`DeleteBulkJob`] |
//! | cancel (`POST …/<job_id>/cancel`) | [`CancelBulkJob`] |
//! | the job's messages (`GET …/<job_id>/messages`, paginated) | [`ListBulkJobMessages`] |

use serde::{Deserialize, Serialize};

use super::{
    DeliveryStatus, Disposition, DispositionLabel, MailboxDestination, MessageAction, MessageActionType,
    MessageDeliveryStatus, MoveDestination,
};
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Validate};

/// What a bulk job does to the messages, as sent in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BulkAction {
    /// Move the messages to a folder.
    Move,
    /// Release the messages from quarantine.
    Release,
}

/// A bulk job status to filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobStatus {
    /// Waiting to start.
    Pending,
    /// Finding the messages.
    Discovering,
    /// Acting on the messages.
    Processing,
    /// Done.
    Completed,
    /// Failed.
    Failed,
    /// Cancelled.
    Cancelled,
    /// Skipped.
    Skipped,
}

/// What a bulk job does, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BulkActionType {
    /// Move the messages to a folder.
    Move,
    /// Release the messages from quarantine.
    Release,
    /// An action this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// The status of a bulk job or of one of its messages, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BulkJobStatus {
    /// Waiting to start.
    Pending,
    /// Finding the messages.
    Discovering,
    /// Acting on the messages.
    Processing,
    /// Done.
    Completed,
    /// Failed.
    Failed,
    /// Cancelled.
    Cancelled,
    /// Skipped.
    Skipped,
    /// A status this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// The search whose results a bulk job acts on (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
pub struct BulkSearchParams {
    /// Include the inline action log.
    #[deprecated(note = "use `GET /investigate/{investigate_id}/action_log` instead; end of life: November 1, 2026")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_log: Option<bool>,
    /// Alert id to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_id: Option<String>,
    /// Delivery status to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_status: Option<DeliveryStatus>,
    /// Whether to match detections only (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detections_only: Option<bool>,
    /// Sender domain to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// End of the search date range (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(format = "date-time")]
    pub end: Option<String>,
    /// Exact subject to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact_subject: Option<String>,
    /// Disposition to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_disposition: Option<Disposition>,
    /// Post-delivery action to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_action: Option<MessageAction>,
    /// `Message-ID` to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// Metric to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Search terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Recipient to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Sender to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    /// Start of the search date range (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(format = "date-time")]
    pub start: Option<String>,
    /// Subject to filter by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Search the submissions datastore (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submissions: Option<bool>,
}

/// The search a bulk job acts on, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkJobSearchParams {
    /// Whether the inline action log was asked for.
    #[deprecated(note = "use `GET /investigate/{investigate_id}/action_log` instead; end of life: November 1, 2026")]
    pub action_log: Option<bool>,
    /// Alert id filter.
    pub alert_id: Option<String>,
    /// Delivery status filter.
    pub delivery_status: Option<MessageDeliveryStatus>,
    /// Whether only detections match.
    pub detections_only: Option<bool>,
    /// Sender domain filter.
    pub domain: Option<String>,
    /// End of the date range (RFC 3339).
    pub end: Option<String>,
    /// Exact subject filter.
    pub exact_subject: Option<String>,
    /// Disposition filter.
    pub final_disposition: Option<DispositionLabel>,
    /// Post-delivery action filter.
    pub message_action: Option<MessageActionType>,
    /// `Message-ID` filter.
    pub message_id: Option<String>,
    /// Metric filter.
    pub metric: Option<String>,
    /// Search terms.
    pub query: Option<String>,
    /// Recipient filter.
    pub recipient: Option<String>,
    /// Sender filter.
    pub sender: Option<String>,
    /// Start of the date range (RFC 3339).
    pub start: Option<String>,
    /// Subject filter.
    pub subject: Option<String>,
    /// Whether the submissions datastore is searched.
    pub submissions: Option<bool>,
}

/// The action of a bulk job, with its parameters (tagged by `type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BulkJobActionParams {
    /// Move the messages.
    Move {
        /// The folder to move them to.
        destination: MailboxDestination,
        /// The disposition they are expected to have.
        expected_disposition: Option<DispositionLabel>,
    },
    /// Release the messages from quarantine.
    Release {},
    /// An action this version does not know, as sent.
    #[serde(untagged)]
    Unknown(serde_json::Value),
}

/// The action on one message of a bulk job, for one recipient (tagged by `type`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BulkMessageActionParams {
    /// Move the message.
    Move {
        /// The recipient whose copy is moved.
        client_recipient: String,
        /// The folder to move it to.
        destination: MailboxDestination,
        /// The disposition it is expected to have.
        expected_disposition: Option<DispositionLabel>,
    },
    /// Release the message from quarantine.
    Release {
        /// The recipient whose copy is released.
        client_recipient: String,
    },
    /// An action this version does not know, as sent.
    #[serde(untagged)]
    Unknown(serde_json::Value),
}

/// A bulk action job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkJob {
    /// Job identifier (a UUID).
    pub job_id: String,
    /// What the job does.
    pub action_type: BulkActionType,
    /// The action's parameters.
    pub action_params: BulkJobActionParams,
    /// The search the job acts on.
    pub search_params: BulkJobSearchParams,
    /// The job's status.
    pub status: BulkJobStatus,
    /// Messages the search found.
    pub total_messages_discovered: u64,
    /// Messages not processed yet.
    pub messages_pending: u64,
    /// Messages processed successfully.
    pub messages_successful: u64,
    /// Messages that failed.
    pub messages_failed: u64,
    /// When the job was created (RFC 3339).
    pub created_at: String,
    /// When the job started (RFC 3339).
    pub started_at: Option<String>,
    /// When the job completed (RFC 3339).
    pub completed_at: Option<String>,
    /// Free-form comment.
    pub comment: Option<String>,
    /// More about the status.
    pub status_message: Option<String>,
}

/// One message of a bulk job, with its processing status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkJobMessage {
    /// Message identifier (a UUID).
    pub message_id: String,
    /// The postfix id of the message.
    pub postfix_id: String,
    /// What the job does.
    pub action_type: BulkActionType,
    /// The action on this message.
    pub action_params: BulkMessageActionParams,
    /// Processing status.
    pub status: BulkJobStatus,
    /// How many times the action was retried.
    pub retry_count: u64,
    /// When the entry was created (RFC 3339).
    pub created_at: String,
    /// The alert id.
    pub alert_id: Option<String>,
    /// The `Message-ID` header.
    pub email_message_id: Option<String>,
    /// When the message was processed (RFC 3339).
    pub processed_at: Option<String>,
    /// When to retry the action if it failed (RFC 3339).
    pub retry_after: Option<String>,
    /// More about the status.
    pub status_message: Option<String>,
}

/// Lists the account's bulk action jobs, one page at a time.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/bulk",
           perm = perm::READ,
           response = Vec<BulkJob>, paginate = page)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListBulkJobs {
    /// Account identifier.
    pub account_id: AccountId,
    /// Page number, from 1 (default 1).
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Results per page, 1 to 1000 (default 20).
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    /// Action to filter by.
    pub action_type: Option<BulkAction>,
    /// Status to filter by.
    pub status: Option<JobStatus>,
}

/// Creates a bulk action job that moves or releases every message matching a search.
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/bulk",
           perm = perm::WRITE, response = BulkJob)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateBulkJob {
    /// Account identifier.
    pub account_id: AccountId,
    /// What to do with the messages.
    pub action: BulkAction,
    /// The search that selects the messages.
    pub search_params: BulkSearchParams,
    /// Free-form comment.
    pub comment: Option<String>,
    /// The folder to move the messages to (for [`BulkAction::Move`]).
    pub destination: Option<MoveDestination>,
    /// The disposition the messages are expected to have.
    pub expected_disposition: Option<Disposition>,
}

/// Gets the status and details of a bulk action job.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/bulk/<job_id>",
           perm = perm::READ,
           response = BulkJob)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetBulkJob {
    /// Account identifier.
    pub account_id: AccountId,
    /// Job identifier.
    #[validate(format = "uuid")]
    pub job_id: String,
}

/// Deletes a finished bulk action job (`COMPLETED`, `CANCELLED`, `FAILED` or `SKIPPED`),
/// removing it from every list and detail call.
///
/// To stop a job that is still running without removing it, use [`CancelBulkJob`].
//
// The spec gives this operation no `x-api-token-group`; Write is what every other write of
// the group requires.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/investigate/bulk/<job_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteBulkJob {
    /// Account identifier.
    pub account_id: AccountId,
    /// Job identifier.
    #[validate(format = "uuid")]
    pub job_id: String,
}

/// Cancels a bulk action job: pending messages are not processed; the job stays listed.
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/bulk/<job_id>/cancel",
           perm = perm::WRITE, response = BulkJob)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelBulkJob {
    /// Account identifier.
    pub account_id: AccountId,
    /// Job identifier.
    #[validate(format = "uuid")]
    pub job_id: String,
}

/// Lists the messages of a bulk action job with their processing status, one page at a time.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/bulk/<job_id>/messages",
           perm = perm::READ,
           response = Vec<BulkJobMessage>, paginate = page)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListBulkJobMessages {
    /// Account identifier.
    pub account_id: AccountId,
    /// Job identifier.
    #[validate(format = "uuid")]
    pub job_id: String,
    /// Page number, from 1 (default 1).
    #[validate(minimum = 1)]
    pub page: Option<u32>,
    /// Results per page, 1 to 1000 (default 20).
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    /// Status to filter by.
    pub status: Option<JobStatus>,
}
