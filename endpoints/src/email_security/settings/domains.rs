//! Protected domains: the email domains Email Security scans, with their delivery settings.
//!
//! | operation | type |
//! | --- | --- |
//! | create (`POST`, 201) | [`CreateDomain`] |
//! | list (`GET`, paginated) | [`ListDomains`] |
//! | get (`GET`) | [`GetDomain`] |
//! | replace (`PUT`) | [`ReplaceDomain`] |
//! | edit (`PATCH`) | [`EditDomain`] |
//! | delete (`DELETE`) | [`DeleteDomain`] |
//! | delete many (`DELETE`, deprecated) | [`DeleteDomains`] |
//! | batch (`POST …/batch`) | [`BatchDomains`] |
//! | DNS TXT verification (`GET …/verification`, 200 or 204) | [`GetDomainVerification`] |

use serde::{Deserialize, Serialize};

use super::super::{DispositionLabel, SortDirection};
use crate::email_security::{perm, Deleted};
use crate::{endpoint, AccountId, Nullable, Validate};

/// How mail reaches Email Security for a domain.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`DeliveryMode::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum DeliveryMode {
    /// Inline: the domain's MX points at Email Security.
    #[serde(rename = "DIRECT")]
    Direct,
    /// A blind copy of each message.
    #[serde(rename = "BCC")]
    Bcc,
    /// Journaling from the mail provider.
    #[serde(rename = "JOURNAL")]
    Journal,
    /// Through the mail provider's API.
    #[serde(rename = "API")]
    Api,
    /// A retroactive scan of mail already delivered.
    #[serde(rename = "RETRO_SCAN")]
    RetroScan,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// The state of a domain's onboarding or verification.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`DomainStatus::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum DomainStatus {
    /// Waiting.
    #[serde(rename = "PENDING")]
    Pending,
    /// Active.
    #[serde(rename = "ACTIVE")]
    Active,
    /// Failed.
    #[serde(rename = "FAILED")]
    Failed,
    /// Timed out.
    #[serde(rename = "TIMEOUT")]
    Timeout,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// A region where a domain's mail is processed.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`Region::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum Region {
    /// Anywhere.
    #[serde(rename = "GLOBAL")]
    Global,
    /// Australia.
    #[serde(rename = "AU")]
    Au,
    /// Germany.
    #[serde(rename = "DE")]
    De,
    /// India.
    #[serde(rename = "IN")]
    In,
    /// United States.
    #[serde(rename = "US")]
    Us,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// The mailbox folders scanned for a domain.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`ScannableFolder::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub enum ScannableFolder {
    /// Every folder.
    AllItems,
    /// The inbox only.
    Inbox,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// The SPF state of a domain.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`SpfStatus::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpfStatus {
    /// No SPF record.
    None,
    /// A good record.
    Good,
    /// A neutral record.
    Neutral,
    /// An open record.
    Open,
    /// An invalid record.
    Invalid,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// The DMARC state of a domain.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`DmarcStatus::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DmarcStatus {
    /// No DMARC record.
    None,
    /// A good record.
    Good,
    /// An invalid record.
    Invalid,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// The mailbox provider of a domain.
///
/// A response may carry a value this crate does not know yet: it is kept in
/// [`InboxProvider::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InboxProvider {
    /// Microsoft (365 / Exchange Online).
    Microsoft,
    /// Google (Workspace).
    Google,
    /// A value this crate does not know, kept as sent.
    #[serde(untagged)]
    Unknown(String),
}

/// Whether Email Security is authorized for a domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DomainAuthorization {
    /// Whether it is authorized.
    pub authorized: bool,
    /// When this was determined (RFC 3339).
    pub timestamp: String,
    /// A message about the authorization state.
    pub status_message: Option<String>,
}

/// How much mail a domain has had processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailsProcessed {
    /// When the counts were taken (RFC 3339).
    pub timestamp: String,
    /// Messages processed in the current period.
    pub total_emails_processed: u64,
    /// Messages processed in the previous period.
    pub total_emails_processed_previous: u64,
}

/// A protected email domain and its configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Domain {
    /// Domain identifier (a UUID).
    pub id: Option<String>,
    /// The domain name.
    pub domain: Option<String>,
    /// The delivery modes the domain may use.
    pub allowed_delivery_modes: Option<Vec<DeliveryMode>>,
    /// Whether Email Security is authorized for the domain.
    pub authorization: Option<DomainAuthorization>,
    /// When it was created (RFC 3339).
    pub created_at: Option<String>,
    /// The domain's DMARC state.
    pub dmarc_status: Option<DmarcStatus>,
    /// Dispositions whose messages are dropped.
    pub drop_dispositions: Option<Vec<DispositionLabel>>,
    /// How much mail has been processed.
    pub emails_processed: Option<EmailsProcessed>,
    /// The mailbox folders scanned.
    pub folder: Option<ScannableFolder>,
    /// The mailbox provider.
    pub inbox_provider: Option<InboxProvider>,
    /// The integration (a UUID) the domain belongs to.
    pub integration_id: Option<String>,
    /// IP addresses or ranges mail must come from.
    pub ip_restrictions: Option<Vec<String>>,
    /// When it was last modified (RFC 3339).
    #[deprecated(note = "use `modified_at` instead; end of life: November 1, 2026")]
    pub last_modified: Option<String>,
    /// How many `Received` hops back to look for the sending server.
    pub lookback_hops: Option<i64>,
    /// When it was last modified (RFC 3339).
    pub modified_at: Option<String>,
    /// The Microsoft 365 tenant id.
    pub o365_tenant_id: Option<String>,
    /// Where the domain's mail is processed.
    pub regions: Option<Vec<Region>>,
    /// Whether inbound mail must arrive over TLS.
    pub require_tls_inbound: Option<bool>,
    /// Whether outbound mail must leave over TLS.
    pub require_tls_outbound: Option<bool>,
    /// The domain's SPF state.
    pub spf_status: Option<SpfStatus>,
    /// The domain's onboarding state.
    pub status: Option<DomainStatus>,
    /// Where mail is delivered after scanning.
    pub transport: Option<String>,
}

/// The DNS TXT record that proves ownership of a domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DomainVerificationInfo {
    /// The verification state.
    pub status: DomainStatus,
    /// The full name of the TXT record, such as `_cf-email-sec-challenge.example.com`.
    pub txt_record_name: String,
    /// The token to publish in the TXT record.
    pub txt_record_value: String,
    /// When the TXT record was last checked (RFC 3339), if ever.
    pub last_checked_at: Option<String>,
}

/// Field to sort a list of domains by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
#[serde(rename_all = "snake_case")]
pub enum DomainOrder {
    /// By domain name.
    Domain,
    /// By creation time.
    CreatedAt,
}

/// Lists protected domains, one page at a time, with sorting, search and filters.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/domains",
           perm = perm::READ,
           response = Vec<Domain>, paginate = page)]
#[derive(Debug, Clone, PartialEq)]
pub struct ListDomains {
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
    pub order: Option<DomainOrder>,
    /// The sorting direction.
    pub direction: Option<SortDirection>,
    /// Only domains allowed this delivery mode.
    pub allowed_delivery_mode: Option<DeliveryMode>,
    /// Only these domain names (one query pair each).
    pub domain: Option<Vec<String>>,
    /// Only domains currently using this delivery mode.
    pub active_delivery_mode: Option<DeliveryMode>,
    /// Only domains of this integration.
    #[validate(format = "uuid")]
    pub integration_id: Option<String>,
    /// Only domains in this state.
    pub status: Option<DomainStatus>,
}

/// Adds a domain to Email Security, with its whole configuration; returns the new domain.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/domains",
           perm = perm::WRITE, response = Domain)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// The domain name.
    pub domain: String,
    /// The delivery modes the domain may use (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub allowed_delivery_modes: Vec<DeliveryMode>,
    /// IP addresses or ranges mail must come from (at most 100).
    #[validate(max_items = 100)]
    pub ip_restrictions: Vec<String>,
    /// Dispositions whose messages are dropped (at most 10).
    #[validate(max_items = 10)]
    pub drop_dispositions: Vec<DispositionLabel>,
    /// Where the domain's mail is processed (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub regions: Vec<Region>,
    /// The mailbox folders to scan.
    pub folder: Option<ScannableFolder>,
    /// The integration the domain belongs to.
    #[validate(format = "uuid")]
    pub integration_id: Option<String>,
    /// How many `Received` hops back to look for the sending server (1 to 20).
    #[validate(minimum = 1, maximum = 20)]
    pub lookback_hops: Option<u32>,
    /// Require TLS for inbound mail.
    pub require_tls_inbound: Option<bool>,
    /// Require TLS for outbound mail.
    pub require_tls_outbound: Option<bool>,
    /// Where mail is delivered after scanning.
    pub transport: Option<String>,
}

/// One domain of a [`DeleteDomains`] request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Validate)]
pub struct DomainRef {
    /// Domain identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
}

impl DomainRef {
    /// The domain with this id.
    pub fn new(id: impl Into<String>) -> Self {
        DomainRef { id: id.into() }
    }
}

/// Removes protection from several domains at once.
///
/// The body is the list itself: `[{"id": …}, …]`. Deprecated by Cloudflare in favour of
/// [`BatchDomains`] with `deletes`.
#[deprecated(note = "use the batch endpoint instead")]
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/domains",
           perm = perm::WRITE, response = Vec<Deleted>)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteDomains {
    /// Account identifier.
    pub account_id: AccountId,
    /// The domains to unprotect (at least one): the whole body, a bare JSON array.
    #[param(whole_body)]
    #[validate(min_items = 1)]
    pub domains: Vec<DomainRef>,
}

/// One edit of a [`BatchDomains`] request: the fields given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPatch {
    /// Domain identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// The delivery modes the domain may use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_delivery_modes: Option<Vec<DeliveryMode>>,
    /// Dispositions whose messages are dropped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_dispositions: Option<Vec<DispositionLabel>>,
    /// The mailbox folders to scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<ScannableFolder>,
    /// The integration (a UUID), or `Nullable::Null` to clear it.
    #[serde(skip_serializing_if = "Nullable::is_omitted")]
    #[validate(format = "uuid")]
    pub integration_id: Nullable<String>,
    /// IP addresses or ranges mail must come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_restrictions: Option<Vec<String>>,
    /// How many `Received` hops back to look (1 to 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(minimum = 1, maximum = 20)]
    pub lookback_hops: Option<u32>,
    /// Where the domain's mail is processed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<Region>>,
    /// Require TLS for inbound mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_tls_inbound: Option<bool>,
    /// Require TLS for outbound mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_tls_outbound: Option<bool>,
    /// Where mail is delivered after scanning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport: Option<String>,
}

/// One replacement of a [`BatchDomains`] request (the fields of [`ReplaceDomain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPut {
    /// Domain identifier (a UUID).
    #[validate(format = "uuid")]
    pub id: String,
    /// The delivery modes the domain may use (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub allowed_delivery_modes: Vec<DeliveryMode>,
    /// How many `Received` hops back to look (1 to 20).
    #[validate(minimum = 1, maximum = 20)]
    pub lookback_hops: u32,
    /// IP addresses or ranges mail must come from (at most 100).
    #[validate(max_items = 100)]
    pub ip_restrictions: Vec<String>,
    /// Dispositions whose messages are dropped (at most 10).
    #[validate(max_items = 10)]
    pub drop_dispositions: Vec<DispositionLabel>,
    /// Where the domain's mail is processed (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub regions: Vec<Region>,
    /// The mailbox folders to scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<ScannableFolder>,
    /// The integration (a UUID).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(format = "uuid")]
    pub integration_id: Option<String>,
    /// Require TLS for inbound mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_tls_inbound: Option<bool>,
    /// Require TLS for outbound mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_tls_outbound: Option<bool>,
    /// Where mail is delivered after scanning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport: Option<String>,
}

/// One creation of a [`BatchDomains`] request (the fields of [`CreateDomain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Validate)]
pub struct BatchPost {
    /// The domain name.
    pub domain: String,
    /// The delivery modes the domain may use (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub allowed_delivery_modes: Vec<DeliveryMode>,
    /// IP addresses or ranges mail must come from (at most 100).
    #[validate(max_items = 100)]
    pub ip_restrictions: Vec<String>,
    /// Dispositions whose messages are dropped (at most 10).
    #[validate(max_items = 10)]
    pub drop_dispositions: Vec<DispositionLabel>,
    /// Where the domain's mail is processed (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub regions: Vec<Region>,
    /// The mailbox folders to scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<ScannableFolder>,
    /// The integration (a UUID).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(format = "uuid")]
    pub integration_id: Option<String>,
    /// How many `Received` hops back to look (1 to 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(minimum = 1, maximum = 20)]
    pub lookback_hops: Option<u32>,
    /// Require TLS for inbound mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_tls_inbound: Option<bool>,
    /// Require TLS for outbound mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_tls_outbound: Option<bool>,
    /// Where mail is delivered after scanning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BatchDomainsResult {
    /// The deleted domains.
    pub deletes: Vec<Deleted>,
    /// The edited domains.
    pub patches: Vec<Domain>,
    /// The replaced domains.
    pub puts: Vec<Domain>,
    /// The created domains.
    pub posts: Vec<Domain>,
}

/// Runs deletes, edits, replacements and creations of domains in one request, in that order.
///
/// Every list is sent (empty when unused), each with at most 1000 items.
#[endpoint(POST, "/accounts/<account_id>/email-security/settings/domains/batch",
           perm = perm::WRITE, response = BatchDomainsResult)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchDomains {
    /// Account identifier.
    pub account_id: AccountId,
    /// The domains to delete, by id.
    #[validate(max_items = 1000)]
    pub deletes: Vec<DomainRef>,
    /// The domains to edit.
    #[validate(max_items = 1000)]
    pub patches: Vec<BatchPatch>,
    /// The domains to replace.
    #[validate(max_items = 1000)]
    pub puts: Vec<BatchPut>,
    /// The domains to create.
    #[validate(max_items = 1000)]
    pub posts: Vec<BatchPost>,
}

/// Gets a protected domain: delivery configuration, SPF and DMARC state, authorization.
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/domains/<domain_id>",
           perm = perm::READ,
           response = Domain)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Domain identifier.
    #[validate(format = "uuid")]
    pub domain_id: String,
}

/// Replaces every mutable field of a protected domain in one atomic operation.
///
/// Unlike [`EditDomain`], every non-computed field is required. The domain name itself cannot
/// change.
#[endpoint(PUT, "/accounts/<account_id>/email-security/settings/domains/<domain_id>",
           perm = perm::WRITE, response = Domain)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaceDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Domain identifier.
    #[validate(format = "uuid")]
    pub domain_id: String,
    /// The delivery modes the domain may use (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub allowed_delivery_modes: Vec<DeliveryMode>,
    /// How many `Received` hops back to look for the sending server (1 to 20).
    #[validate(minimum = 1, maximum = 20)]
    pub lookback_hops: u32,
    /// IP addresses or ranges mail must come from (at most 100).
    #[validate(max_items = 100)]
    pub ip_restrictions: Vec<String>,
    /// Dispositions whose messages are dropped (at most 10).
    #[validate(max_items = 10)]
    pub drop_dispositions: Vec<DispositionLabel>,
    /// Where the domain's mail is processed (1 to 10).
    #[validate(min_items = 1, max_items = 10)]
    pub regions: Vec<Region>,
    /// The mailbox folders to scan.
    pub folder: Option<ScannableFolder>,
    /// The integration the domain belongs to.
    #[validate(format = "uuid")]
    pub integration_id: Option<String>,
    /// Require TLS for inbound mail.
    pub require_tls_inbound: Option<bool>,
    /// Require TLS for outbound mail.
    pub require_tls_outbound: Option<bool>,
    /// Where mail is delivered after scanning.
    pub transport: Option<String>,
}

/// Edits a protected domain: only the fields given change (delivery, security settings,
/// regions).
///
/// `integration_id: Nullable::Null` detaches the domain from its integration.
#[endpoint(PATCH, "/accounts/<account_id>/email-security/settings/domains/<domain_id>",
           perm = perm::WRITE, response = Domain)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Domain identifier.
    #[validate(format = "uuid")]
    pub domain_id: String,
    /// The delivery modes the domain may use.
    pub allowed_delivery_modes: Option<Vec<DeliveryMode>>,
    /// Dispositions whose messages are dropped.
    pub drop_dispositions: Option<Vec<DispositionLabel>>,
    /// The mailbox folders to scan.
    pub folder: Option<ScannableFolder>,
    /// The integration the domain belongs to, or `Nullable::Null` to clear it.
    #[validate(format = "uuid")]
    pub integration_id: Nullable<String>,
    /// IP addresses or ranges mail must come from.
    pub ip_restrictions: Option<Vec<String>>,
    /// How many `Received` hops back to look for the sending server (1 to 20).
    #[validate(minimum = 1, maximum = 20)]
    pub lookback_hops: Option<u32>,
    /// Where the domain's mail is processed.
    pub regions: Option<Vec<Region>>,
    /// Require TLS for inbound mail.
    pub require_tls_inbound: Option<bool>,
    /// Require TLS for outbound mail.
    pub require_tls_outbound: Option<bool>,
    /// Where mail is delivered after scanning.
    pub transport: Option<String>,
}

/// Unprotects a domain: its mail is no longer processed by Email Security. Cannot be undone.
#[endpoint(DELETE, "/accounts/<account_id>/email-security/settings/domains/<domain_id>",
           perm = perm::WRITE, response = Deleted)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteDomain {
    /// Account identifier.
    pub account_id: AccountId,
    /// Domain identifier.
    #[validate(format = "uuid")]
    pub domain_id: String,
}

/// Gets the DNS TXT record that verifies a domain created through the API.
///
/// `Some` with the record name and value when the domain is verified by `dns_txt`; `None`
/// (`204 No Content`) for older domains and domains verified another way (Cloudflare zone
/// ownership, CASB integration).
#[endpoint(GET, "/accounts/<account_id>/email-security/settings/domains/<domain_id>/verification",
           perm = perm::READ,
           response = Option<DomainVerificationInfo>,
           decode_with = flarekit::decode::envelope_or_no_content)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetDomainVerification {
    /// Account identifier.
    pub account_id: AccountId,
    /// Domain identifier.
    #[validate(format = "uuid")]
    pub domain_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::HttpResponse;
    use crate::Endpoint;

    const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
    const NOT_A_UUID: &str = "7c5dae5552338874e5053f2534d2767a";

    #[test]
    fn verification_is_none_on_204_and_some_on_200() {
        let empty = HttpResponse { status: 204, headers: vec![], body: flarekit::Bytes::new() };
        assert_eq!(GetDomainVerification::decode(&empty).unwrap().result, None);
        let body = br#"{"success":true,"errors":[],"messages":[],"result":{"status":"PENDING",
            "txt_record_name":"_cf-email-sec-challenge.example.com","txt_record_value":"tok",
            "last_checked_at":null}}"#
            .to_vec();
        let full = HttpResponse { status: 200, headers: vec![], body: body.into() };
        let info = GetDomainVerification::decode(&full).unwrap().result.unwrap();
        assert_eq!(info.status, DomainStatus::Pending);
        assert_eq!(info.last_checked_at, None);
    }

    #[test]
    fn enums_keep_unknown_values_and_round_trip() {
        let modes: Vec<DeliveryMode> = serde_json::from_str(r#"["RETRO_SCAN","CARRIER_PIGEON"]"#).unwrap();
        assert_eq!(modes, [DeliveryMode::RetroScan, DeliveryMode::Unknown("CARRIER_PIGEON".into())]);
        assert_eq!(serde_json::to_string(&modes).unwrap(), r#"["RETRO_SCAN","CARRIER_PIGEON"]"#);
        let folder: ScannableFolder = serde_json::from_str(r#""AllItems""#).unwrap();
        assert_eq!(folder, ScannableFolder::AllItems);
        let spf: SpfStatus = serde_json::from_str(r#""none""#).unwrap();
        assert_eq!(spf, SpfStatus::None);
        let domain: Domain = serde_json::from_str(r#"{"inbox_provider":null,"status":"ACTIVE"}"#).unwrap();
        assert_eq!((domain.inbox_provider, domain.status), (None, Some(DomainStatus::Active)));
    }

    #[test]
    fn replace_sends_every_required_field_and_checks_limits() {
        let replace = ReplaceDomain {
            account_id: ACCOUNT.into(),
            domain_id: "8c2d4d37-1e2b-4b8e-9f5a-3c1f9f0f6a11".into(),
            allowed_delivery_modes: vec![DeliveryMode::Direct],
            lookback_hops: 2,
            ip_restrictions: vec![],
            drop_dispositions: vec![DispositionLabel::Malicious],
            regions: vec![Region::Global],
            folder: None,
            integration_id: None,
            require_tls_inbound: Some(true),
            require_tls_outbound: None,
            transport: None,
        };
        replace.validate().unwrap();
        let req = replace.to_request().unwrap();
        let body: serde_json::Value = serde_json::from_slice(&req.body.unwrap().to_bytes()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"allowed_delivery_modes":["DIRECT"],"lookback_hops":2,"ip_restrictions":[],
                "drop_dispositions":["MALICIOUS"],"regions":["GLOBAL"],"require_tls_inbound":true})
        );
        let bad = ReplaceDomain { lookback_hops: 21, regions: vec![], domain_id: NOT_A_UUID.into(), ..replace };
        let err = bad.validate().unwrap_err();
        let rules: Vec<_> = err.violations().iter().map(|v| (v.field.as_ref(), v.rule.name())).collect();
        assert_eq!(rules, [("domain_id", "format"), ("lookback_hops", "maximum"), ("regions", "min_items")]);
    }

    #[test]
    fn list_filters_go_in_the_query() {
        let list = ListDomains::new(ACCOUNT.into())
            .domain(vec!["a.example".into(), "b.example".into()])
            .status(DomainStatus::Failed);
        let req = list.to_request().unwrap();
        assert_eq!(
            req.query,
            [("domain", "a.example".into()), ("domain", "b.example".into()), ("status", "FAILED".into())]
        );
    }
}
