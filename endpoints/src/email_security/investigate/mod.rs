//! Investigate: search scanned messages, inspect one, and act on it after delivery.
//!
//! Every operation works on the messages Email Security has scanned for an account. A message
//! is named by its *investigate id* (the `id` of a [`MessageDetails`]); the older *postfix id*
//! is being phased out. Bulk actions over a whole search live in [`bulk`].
//!
//! | operation | type |
//! | --- | --- |
//! | search (`GET`, cursor-paginated, may answer 202) | [`SearchMessages`] |
//! | get (`GET …/<investigate_id>`) | [`GetMessage`] |
//! | action log (`GET …/action_log`) | [`GetMessageActionLog`] |
//! | detections (`GET …/detections`) | [`GetMessageDetections`] |
//! | preview (`GET …/preview`) | [`GetMessagePreview`] |
//! | raw (`GET …/raw`) | [`GetMessageRaw`] |
//! | trace (`GET …/trace`) | [`GetMessageTrace`] |
//! | move one (`POST …/<investigate_id>/move`) | [`MoveMessage`] |
//! | reclassify (`POST …/reclassify`, 202) | [`ReclassifyMessage`] |
//! | move many (`POST …/move`) | [`MoveMessages`] |
//! | preview a non-detection (`POST …/preview`) | [`PreviewMessages`] |
//! | release from quarantine (`POST …/release`) | [`ReleaseMessages`] |
//!
//! Request enums are strict (only the values the API accepts); enums in responses keep a value
//! they do not know in an `Unknown` variant instead of failing to decode.

use serde::{Deserialize, Serialize};

pub use super::DispositionLabel;
use crate::email_security::perm;
use crate::{endpoint, AccountId, Validate};

pub mod bulk;

// ---------------------------------------------------------------------------------------------
// Request enums (strict)
// ---------------------------------------------------------------------------------------------

/// The mailbox folder to move a message to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum MoveDestination {
    /// The inbox.
    Inbox,
    /// The junk email folder.
    JunkEmail,
    /// The deleted items folder.
    DeletedItems,
    /// Recoverable items: deletions.
    RecoverableItemsDeletions,
    /// Recoverable items: purges.
    RecoverableItemsPurges,
}

/// A disposition (verdict) label, as sent in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum Disposition {
    /// `MALICIOUS`
    #[serde(rename = "MALICIOUS")]
    Malicious,
    /// `MALICIOUS-BEC` (business email compromise).
    #[serde(rename = "MALICIOUS-BEC")]
    MaliciousBec,
    /// `SUSPICIOUS`
    #[serde(rename = "SUSPICIOUS")]
    Suspicious,
    /// `SPOOF`
    #[serde(rename = "SPOOF")]
    Spoof,
    /// `SPAM`
    #[serde(rename = "SPAM")]
    Spam,
    /// `BULK`
    #[serde(rename = "BULK")]
    Bulk,
    /// `ENCRYPTED`
    #[serde(rename = "ENCRYPTED")]
    Encrypted,
    /// `EXTERNAL`
    #[serde(rename = "EXTERNAL")]
    External,
    /// `UNKNOWN`: the API's own label for an undetermined verdict.
    #[serde(rename = "UNKNOWN")]
    UnknownLabel,
    /// `NONE`: benign.
    #[serde(rename = "NONE")]
    None,
}

/// One of the six basic dispositions, as sent in a request: the search filter, a
/// reclassification, the submission filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BasicDisposition {
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
}

/// A delivery status to filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Delivered.
    Delivered,
    /// Moved after delivery.
    Moved,
    /// Quarantined.
    Quarantined,
    /// Rejected.
    Rejected,
    /// Deferred.
    Deferred,
    /// Bounced.
    Bounced,
    /// Queued.
    Queued,
    /// A move that failed.
    MoveFailed,
}

/// A post-delivery action to filter by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageAction {
    /// The message was previewed.
    Preview,
    /// The message was released from quarantine.
    QuarantineReleased,
    /// The message was moved.
    Moved,
}

// ---------------------------------------------------------------------------------------------
// Response enums (tolerant)
// ---------------------------------------------------------------------------------------------

/// A mailbox folder, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailboxDestination {
    /// The inbox.
    Inbox,
    /// The junk email folder.
    JunkEmail,
    /// The deleted items folder.
    DeletedItems,
    /// Recoverable items: deletions.
    RecoverableItemsDeletions,
    /// Recoverable items: purges.
    RecoverableItemsPurges,
    /// A folder this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// The delivery status of a message, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageDeliveryStatus {
    /// Delivered.
    Delivered,
    /// Moved after delivery.
    Moved,
    /// Quarantined.
    Quarantined,
    /// Rejected.
    Rejected,
    /// Deferred.
    Deferred,
    /// Bounced.
    Bounced,
    /// Queued.
    Queued,
    /// A move that failed.
    MoveFailed,
    /// A status this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// How a message reached Email Security.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageDeliveryMode {
    /// Inline, in the mail flow.
    Direct,
    /// A BCC copy.
    Bcc,
    /// A journaled copy.
    Journal,
    /// A review submission.
    ReviewSubmission,
    /// DMARC unverified.
    DmarcUnverified,
    /// A DMARC failure report.
    DmarcFailureReport,
    /// A DMARC aggregate report.
    DmarcAggregateReport,
    /// A threat intelligence submission.
    ThreatIntelSubmission,
    /// A simulation submission.
    SimulationSubmission,
    /// Through the API.
    Api,
    /// A retroactive scan.
    RetroScan,
    /// A mode this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// A post-delivery action that was requested, as reported by the API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageActionType {
    /// The message was previewed.
    Preview,
    /// The message was released from quarantine.
    QuarantineReleased,
    /// The message was moved.
    Moved,
    /// An action this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// A post-delivery operation on a message (action log entries, `post_delivery_operations`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActionOperation {
    /// A preview.
    Preview,
    /// A release from quarantine.
    QuarantineRelease,
    /// A submission.
    Submission,
    /// A move.
    Move,
    /// An operation this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// The operation of a (deprecated) inline action log entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActionLogOperation {
    /// A move.
    Move,
    /// A release.
    Release,
    /// A reclassification.
    Reclassify,
    /// A submission.
    Submission,
    /// A release from quarantine.
    QuarantineRelease,
    /// A preview.
    Preview,
    /// An operation this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// The kind of allowlist pattern that let a message through.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllowlistPatternType {
    /// A quarantine release.
    QuarantineRelease,
    /// An acceptable sender.
    AcceptableSender,
    /// An allowed sender.
    AllowedSender,
    /// An allowed recipient.
    AllowedRecipient,
    /// Domain similarity.
    DomainSimilarity,
    /// Domain recency.
    DomainRecency,
    /// A managed acceptable sender.
    ManagedAcceptableSender,
    /// An outbound non-delivery report.
    OutboundNdr,
    /// A type this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

/// The result of an SPF, DKIM or DMARC check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidationStatus {
    /// Passed.
    Pass,
    /// Neutral.
    Neutral,
    /// Failed.
    Fail,
    /// The check errored.
    Error,
    /// No record.
    None,
    /// A result this version does not know.
    #[serde(untagged)]
    Unknown(String),
}

// ---------------------------------------------------------------------------------------------
// Response types
// ---------------------------------------------------------------------------------------------

/// SPF, DKIM and DMARC results of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Validation {
    /// A comment on the validation.
    pub comment: Option<String>,
    /// DKIM result.
    pub dkim: Option<ValidationStatus>,
    /// DMARC result.
    pub dmarc: Option<ValidationStatus>,
    /// SPF result.
    pub spf: Option<ValidationStatus>,
}

/// A detection finding: what in the message led to a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The attachment the finding is about.
    pub attachment: Option<String>,
    /// Details of the finding.
    pub detail: Option<String>,
    /// The disposition the finding points to.
    pub detection: Option<DispositionLabel>,
    /// The message field the finding is about.
    pub field: Option<String>,
    /// The finding's name.
    pub name: Option<String>,
    /// The portion of the message.
    pub portion: Option<String>,
    /// Why it was flagged.
    pub reason: Option<String>,
    /// The score.
    pub score: Option<f64>,
    /// The flagged value.
    pub value: Option<String>,
}

/// Properties of a (deprecated) inline action log entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActionLogProperties {
    /// Target folder of a move.
    pub folder: Option<String>,
    /// The user who requested the action.
    pub requested_by: Option<String>,
}

/// An entry of the inline action log of [`MessageDetails`] (deprecated: use
/// [`GetMessageActionLog`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActionLogEntry {
    /// When the action completed (RFC 3339).
    pub completed_at: String,
    /// When the action completed.
    #[deprecated(note = "use `completed_at` instead; end of life: November 1, 2026")]
    pub completed_timestamp: Option<String>,
    /// The kind of action.
    pub operation: ActionLogOperation,
    /// More about the action.
    pub properties: Option<ActionLogProperties>,
    /// The action's status.
    pub status: Option<String>,
}

/// Processing properties of a message: the allow or block pattern that matched it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageProperties {
    /// The pattern that allowlisted the message.
    pub allowlisted_pattern: Option<String>,
    /// The kind of allowlist pattern.
    pub allowlisted_pattern_type: Option<AllowlistPatternType>,
    /// Whether the message was blocklisted.
    pub blocklisted_message: Option<bool>,
    /// The pattern that blocklisted the message.
    pub blocklisted_pattern: Option<String>,
    /// Legacy name of `allowlisted_pattern_type`.
    pub whitelisted_pattern_type: Option<AllowlistPatternType>,
}

/// A scanned message: what search and [`GetMessage`] return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageDetails {
    /// The investigate id: names the message in every other investigate call.
    pub id: String,
    /// The postfix id of the message.
    pub postfix_id: String,
    /// When the message was scanned.
    #[deprecated(note = "use `scanned_at` instead; end of life: November 1, 2026")]
    #[serde(default)]
    pub ts: String,
    /// Recipients as seen by the client.
    pub client_recipients: Vec<String>,
    /// Why the message was flagged.
    pub detection_reasons: Vec<String>,
    /// Post-delivery actions on the message.
    #[deprecated(note = "use `GET /investigate/{investigate_id}/action_log` instead; end of life: November 1, 2026")]
    #[serde(default)]
    pub action_log: Vec<ActionLogEntry>,
    /// Whether the message is quarantined.
    pub is_quarantined: bool,
    /// Whether the message is a phish submission.
    pub is_phish_submission: bool,
    /// Processing properties.
    pub properties: MessageProperties,
    /// The alert id.
    pub alert_id: Option<String>,
    /// How the message reached Email Security.
    pub delivery_mode: Option<MessageDeliveryMode>,
    /// Delivery statuses.
    pub delivery_status: Option<Vec<MessageDeliveryStatus>>,
    /// EDF hash.
    pub edf_hash: Option<String>,
    /// SMTP envelope sender.
    pub envelope_from: Option<String>,
    /// SMTP envelope recipients.
    pub envelope_to: Option<Vec<String>>,
    /// The final disposition.
    pub final_disposition: Option<DispositionLabel>,
    /// Detection findings.
    #[deprecated(
        note = "use the `findings` field from `GET /investigate/{investigate_id}/detections` instead; end of life: November 1, 2026"
    )]
    pub findings: Option<Vec<Finding>>,
    /// The `From` address.
    pub from: Option<String>,
    /// The `From` display name.
    pub from_name: Option<String>,
    /// Hash of the HTML text structure.
    pub htmltext_structure_hash: Option<String>,
    /// The `Message-ID` header.
    pub message_id: Option<String>,
    /// Post-delivery operations performed on the message.
    pub post_delivery_operations: Option<Vec<ActionOperation>>,
    /// Outbound postfix id.
    pub postfix_id_outbound: Option<String>,
    /// The `Reply-To` address.
    pub replyto: Option<String>,
    /// When the message was scanned (UTC, RFC 3339).
    pub scanned_at: Option<String>,
    /// When the message was sent (UTC, RFC 3339).
    pub sent_at: Option<String>,
    /// The `Date` header as sent.
    pub sent_date: Option<String>,
    /// IP of the SMTP HELO server.
    pub smtp_helo_server_ip: Option<String>,
    /// IP of the previous SMTP hop.
    pub smtp_previous_hop_ip: Option<String>,
    /// The subject.
    pub subject: Option<String>,
    /// Threat categories.
    pub threat_categories: Option<Vec<String>>,
    /// The `To` addresses.
    pub to: Option<Vec<String>>,
    /// The `To` display names.
    pub to_name: Option<Vec<String>>,
    /// SPF, DKIM and DMARC results.
    pub validation: Option<Validation>,
    /// The `X-Originating-IP` header.
    pub x_originating_ip: Option<String>,
}

/// Properties of an action log entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActionEntryProperties {
    /// Target folder of a move.
    pub folder: Option<String>,
    /// Who requested the action.
    pub requested_by: Option<String>,
    /// The disposition requested by a submission.
    pub requested_disposition: Option<String>,
    /// The service that performed the action.
    pub service: Option<String>,
    /// The submission id.
    pub submission_id: Option<String>,
    /// The kind of submission.
    pub submission_type: Option<String>,
}

/// A post-delivery action applied to a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActionEntry {
    /// The kind of action.
    pub operation: ActionOperation,
    /// When the action completed (RFC 3339).
    pub completed_at: Option<String>,
    /// When the action was initiated (RFC 3339).
    pub started_at: Option<String>,
    /// More about the action.
    pub properties: Option<ActionEntryProperties>,
    /// The action's status.
    pub status: Option<String>,
    /// Whether the action succeeded.
    pub success: Option<bool>,
}

/// An attachment of a message, with its detection result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// Size in bytes.
    pub size: u64,
    /// MIME type.
    pub content_type: Option<String>,
    /// Detection result for this attachment.
    pub detection: Option<DispositionLabel>,
    /// Whether the attachment is encrypted.
    pub encrypted: Option<bool>,
    /// File name.
    pub filename: Option<String>,
    /// MD5 hash.
    pub md5: Option<String>,
    /// Attachment name (alternative to `filename`).
    pub name: Option<String>,
    /// SHA-1 hash.
    pub sha1: Option<String>,
    /// SHA-256 hash.
    pub sha256: Option<String>,
}

/// A message header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageHeader {
    /// Header name.
    pub name: String,
    /// Header value.
    pub value: String,
}

/// A link found in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The target.
    pub href: String,
    /// The link text.
    pub text: Option<String>,
}

/// A threat category of a detection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ThreatCategory {
    /// Category id.
    pub id: Option<i64>,
    /// Category name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// Where a message came from on the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SenderInfo {
    /// Name of the autonomous system.
    pub as_name: Option<String>,
    /// Number of the autonomous system.
    pub as_number: Option<i64>,
    /// Geographic location.
    pub geo: Option<String>,
    /// Sending IP.
    pub ip: Option<String>,
    /// Pay-level domain.
    pub pld: Option<String>,
}

/// Detection details of a non-benign message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageDetections {
    /// The action taken.
    pub action: String,
    /// Attachments and their results.
    pub attachments: Vec<Attachment>,
    /// Detection findings (`None` when the API sends `null`).
    pub findings: Option<Vec<Finding>>,
    /// Message headers.
    pub headers: Vec<MessageHeader>,
    /// Links in the message.
    pub links: Vec<Link>,
    /// Network origin of the sender.
    pub sender_info: SenderInfo,
    /// Threat categories.
    pub threat_categories: Vec<ThreatCategory>,
    /// SPF, DKIM and DMARC results.
    pub validation: Validation,
    /// The final disposition.
    pub final_disposition: Option<DispositionLabel>,
}

/// A preview of a message body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessagePreview {
    /// A base64-encoded PNG image of the message.
    pub screenshot: String,
}

/// The raw source of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageRaw {
    /// The message as a UTF-8 encoded EML file.
    pub raw: String,
}

/// One line of a delivery trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TraceLine {
    /// Line number in the trace log.
    pub lineno: Option<i64>,
    /// When the line was logged (RFC 3339).
    pub logged_at: Option<String>,
    /// The logged message.
    pub message: Option<String>,
    /// When the line was logged.
    #[deprecated(note = "use `logged_at` instead; end of life: November 1, 2026")]
    pub ts: Option<String>,
}

/// The trace of one direction of delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TraceDirection {
    /// The trace lines.
    pub lines: Option<Vec<TraceLine>>,
    /// Whether more trace is still pending.
    pub pending: Option<bool>,
}

/// The delivery and processing trace of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageTrace {
    /// Inbound delivery.
    pub inbound: TraceDirection,
    /// Outbound delivery.
    pub outbound: TraceDirection,
}

/// The result of a move, per message and recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MoveResult {
    /// Whether the move succeeded.
    pub success: bool,
    /// When the move completed (UTC, RFC 3339).
    pub completed_at: Option<String>,
    /// When the move completed.
    #[deprecated(note = "use `completed_at` instead; end of life: November 1, 2026")]
    pub completed_timestamp: Option<String>,
    /// The destination folder.
    pub destination: Option<String>,
    /// Number of items moved.
    #[deprecated(note = "end of life: November 1, 2026")]
    pub item_count: Option<i64>,
    /// The message id.
    pub message_id: Option<String>,
    /// The operation performed.
    pub operation: Option<String>,
    /// The recipient address.
    pub recipient: Option<String>,
    /// The operation status.
    pub status: Option<String>,
}

/// The result of releasing one message from quarantine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReleaseResult {
    /// The investigate id of the message.
    pub id: String,
    /// The postfix id of the message.
    #[deprecated(note = "use `id` instead; end of life: November 1, 2026")]
    pub postfix_id: Option<String>,
    /// Recipients the message was delivered to.
    pub delivered: Option<Vec<String>>,
    /// Recipients delivery failed for.
    pub failed: Option<Vec<String>>,
    /// Recipients the message was not delivered to.
    pub undelivered: Option<Vec<String>>,
}

/// A reclassification request was accepted; it is processed asynchronously (the API answers 202
/// with an empty object).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReclassifyAccepted {}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/// Searches scanned messages: information for each message that matches the filters.
///
/// Pages by cursor. A search that takes too long answers 202 with a `Location` to poll for the
/// results instead of the results themselves.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate",
           perm = perm::READ,
           response = flarekit::decode::Polled<Vec<MessageDetails>>,
           decode_with = flarekit::decode::ready_or_pending, paginate = cursor)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMessages {
    /// Account identifier.
    pub account_id: AccountId,
    /// Start of the search date range (RFC 3339; default: 30 days ago; not in the future).
    #[validate(format = "date-time")]
    pub start: Option<String>,
    /// End of the search date range (RFC 3339; default: now).
    #[validate(format = "date-time")]
    pub end: Option<String>,
    /// Space-delimited, case-insensitive search terms.
    pub query: Option<String>,
    /// Whether to return detections only (default `true`).
    pub detections_only: Option<bool>,
    /// Disposition to filter by.
    pub final_disposition: Option<BasicDisposition>,
    /// Metric to filter by.
    pub metric: Option<String>,
    /// Post-delivery action to filter by.
    pub message_action: Option<MessageAction>,
    /// Recipient to filter by.
    pub recipient: Option<String>,
    /// Sender to filter by.
    pub sender: Option<String>,
    /// Alert id to filter by.
    pub alert_id: Option<String>,
    /// Sender domain to filter by.
    pub domain: Option<String>,
    /// `Message-ID` to filter by.
    pub message_id: Option<String>,
    /// Subject to filter by.
    pub subject: Option<String>,
    /// Delivery status to filter by.
    pub delivery_status: Option<DeliveryStatus>,
    /// Cursor of the page to get (from the previous page's `result_info.next`).
    pub cursor: Option<String>,
    /// Results per page, 1 to 1000 (default 20).
    #[validate(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
    /// Page number, from 1.
    #[deprecated(note = "use cursor pagination instead; end of life: November 1, 2026")]
    #[validate(minimum = 1)]
    pub page: Option<u32>,
}

/// Gets the details of a message: headers, recipients, sender and quarantine status.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/<investigate_id>",
           perm = perm::READ,
           response = MessageDetails)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMessage {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id (from search results).
    pub investigate_id: String,
    /// `true`: look in the submissions datastore only; otherwise the regular datastore only.
    pub submission: Option<bool>,
}

/// Lists the post-delivery actions (moves, releases, previews, …) applied to a message.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/<investigate_id>/action_log",
           perm = perm::READ,
           response = Vec<ActionEntry>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMessageActionLog {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
}

/// Gets the detection details of a non-benign message: threat categories, sender, findings.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/<investigate_id>/detections",
           perm = perm::READ,
           response = MessageDetections)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMessageDetections {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
}

/// Moves a message to a mailbox folder. Requires an active integration.
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/<investigate_id>/move",
           perm = perm::WRITE, response = Vec<MoveResult>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveMessage {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
    /// The folder to move the message to.
    pub destination: MoveDestination,
    /// The disposition the message is expected to have.
    pub expected_disposition: Option<Disposition>,
}

/// Gets a preview of a non-benign message's body, as a base64-encoded PNG image.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/<investigate_id>/preview",
           perm = perm::READ,
           response = MessagePreview)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMessagePreview {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
}

/// Gets the raw EML source of a non-benign message.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/<investigate_id>/raw",
           perm = perm::READ,
           response = MessageRaw)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMessageRaw {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
}

/// Asks for a message to be reclassified (reports a false positive or false negative).
///
/// The optional raw EML is reanalysed. The request is processed asynchronously: the API answers
/// 202 Accepted.
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/<investigate_id>/reclassify",
           perm = perm::WRITE, response = ReclassifyAccepted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReclassifyMessage {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
    /// The disposition the message should have.
    pub expected_disposition: BasicDisposition,
    /// Base64-encoded content of the EML file, for reanalysis.
    pub eml_content: Option<String>,
    /// The id of an end-user submission this reclassification escalates.
    pub escalated_submission_id: Option<String>,
}

/// Gets the delivery and processing trace of a message: delivery path, retractions, moves.
#[endpoint(GET, "/accounts/<account_id>/email-security/investigate/<investigate_id>/trace",
           perm = perm::READ,
           response = MessageTrace)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMessageTrace {
    /// Account identifier.
    pub account_id: AccountId,
    /// The message's investigate id.
    pub investigate_id: String,
}

/// Moves several messages to a mailbox folder. Requires an active integration.
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/move",
           perm = perm::WRITE, response = Vec<MoveResult>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveMessages {
    /// Account identifier.
    pub account_id: AccountId,
    /// The folder to move the messages to.
    pub destination: MoveDestination,
    /// The disposition the messages are expected to have.
    pub expected_disposition: Option<Disposition>,
    /// Investigate ids of the messages to move.
    pub ids: Option<Vec<String>>,
    /// Postfix ids of the messages to move.
    #[deprecated(note = "use `ids` instead; end of life: November 1, 2026")]
    pub postfix_ids: Option<Vec<String>>,
}

/// Generates a preview image of a message that was not flagged as a detection (a base64 PNG
/// screenshot of its body). Read-only, so safe to retry.
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/preview",
           perm = perm::WRITE, response = MessagePreview, retry_safe)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewMessages {
    /// Account identifier.
    pub account_id: AccountId,
    /// The postfix id of the message.
    pub postfix_id: String,
}

/// Releases quarantined messages to their intended recipients (for messages quarantined by
/// mistake), with the delivery status per recipient.
///
#[endpoint(POST, "/accounts/<account_id>/email-security/investigate/release",
           perm = perm::WRITE, response = Vec<ReleaseResult>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseMessages {
    /// Account identifier.
    pub account_id: AccountId,
    /// Investigate ids of the messages to release: the whole body, a bare JSON array.
    #[param(whole_body)]
    pub ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::bulk::{BulkJobActionParams, BulkJobStatus};
    use super::DispositionLabel;
    use super::*;
    use crate::Endpoint;

    #[test]
    fn response_enums_keep_unknown_values() {
        let known: DispositionLabel = serde_json::from_str(r#""MALICIOUS-BEC""#).unwrap();
        assert_eq!(known, DispositionLabel::MaliciousBec);
        let label: DispositionLabel = serde_json::from_str(r#""UNKNOWN""#).unwrap();
        assert_eq!(label, DispositionLabel::UnknownLabel);
        let new: DispositionLabel = serde_json::from_str(r#""GRAYMAIL""#).unwrap();
        assert_eq!(new, DispositionLabel::Unknown("GRAYMAIL".into()));
        assert_eq!(serde_json::to_string(&new).unwrap(), r#""GRAYMAIL""#);
        let status: BulkJobStatus = serde_json::from_str(r#""PAUSED""#).unwrap();
        assert_eq!(status, BulkJobStatus::Unknown("PAUSED".into()));
    }

    #[test]
    fn tagged_action_params_decode_and_keep_unknown_types() {
        let mv: BulkJobActionParams = serde_json::from_str(r#"{"type":"MOVE","destination":"JunkEmail"}"#).unwrap();
        assert_eq!(
            mv,
            BulkJobActionParams::Move { destination: MailboxDestination::JunkEmail, expected_disposition: None }
        );
        let release: BulkJobActionParams = serde_json::from_str(r#"{"type":"RELEASE"}"#).unwrap();
        assert_eq!(release, BulkJobActionParams::Release {});
        let other: BulkJobActionParams = serde_json::from_str(r#"{"type":"DELETE","x":1}"#).unwrap();
        assert!(matches!(other, BulkJobActionParams::Unknown(_)));
    }

    #[test]
    fn request_enums_use_the_wire_names() {
        let req = MoveMessage {
            account_id: "acc".into(),
            investigate_id: "4Njp3P0STMz2c02Q-2024-01-05T10:00:00-12345678".into(),
            destination: MoveDestination::RecoverableItemsPurges,
            expected_disposition: Some(Disposition::MaliciousBec),
        }
        .to_request()
        .unwrap();
        assert_eq!(
            req.path,
            "/accounts/acc/email-security/investigate/4Njp3P0STMz2c02Q-2024-01-05T10%3A00%3A00-12345678/move"
        );
        assert_eq!(
            req.body.map(|b| b.to_bytes()),
            Some(r#"{"destination":"RecoverableItemsPurges","expected_disposition":"MALICIOUS-BEC"}"#.into())
        );
        let search = SearchMessages::new("acc".into())
            .final_disposition(BasicDisposition::None)
            .delivery_status(DeliveryStatus::MoveFailed)
            .message_action(MessageAction::QuarantineReleased)
            .to_request()
            .unwrap();
        assert_eq!(
            search.query,
            [
                ("final_disposition", "NONE".to_string()),
                ("message_action", "QUARANTINE_RELEASED".to_string()),
                ("delivery_status", "move_failed".to_string()),
            ]
        );
    }

    #[test]
    fn reclassify_accepts_an_empty_object() {
        let ok: ReclassifyAccepted = serde_json::from_str("{}").unwrap();
        assert_eq!(ok, ReclassifyAccepted {});
    }
}
