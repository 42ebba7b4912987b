//! Valid calls of every settings endpoint except sending domain restrictions (in the parent).

use flarekit::email_security::settings::{
    allow_policies as ap, block_senders as bs, domains as dom, impersonation_registry as ir, trusted_domains as td,
    url_ignore_patterns as uip,
};
use flarekit::email_security::{DispositionLabel, PatternType, SortDirection};
use flarekit::Nullable;

use super::{Run, ACCOUNT, ID};

/// A second id, so batches touch two different entries.
const ID2: &str = "8c2d4d37-1e2b-4b8e-9f5a-3c1f9f0f6a11";

pub(super) async fn all(run: &mut Run) {
    allow_policies(run).await;
    block_senders(run).await;
    domains(run).await;
    impersonation_registry(run).await;
    trusted_domains(run).await;
    url_ignore_patterns(run).await;
}

pub(super) fn allow_policies_list() -> ap::ListAllowPolicies {
    ap::ListAllowPolicies::new(ACCOUNT.into())
        .page(2)
        .per_page(50)
        .search("example")
        .order(ap::AllowPolicyOrder::Pattern)
        .direction(SortDirection::Desc)
        .is_exempt_recipient(false)
        .is_trusted_sender(true)
        .is_acceptable_sender(false)
        .verify_sender(true)
        .pattern_type(PatternType::Domain)
        .pattern("example.com")
}

#[allow(deprecated)] // the API's deprecated flags are part of the request struct
pub(super) fn allow_policy_create() -> ap::CreateAllowPolicy {
    ap::CreateAllowPolicy::new(
        ACCOUNT.into(),
        false,
        true,
        false,
        "partner@example.com",
        false,
        true,
        PatternType::Email,
    )
    .comments("payroll partner")
}

async fn allow_policies(run: &mut Run) {
    run.valid(allow_policy_create()).await;
    run.valid(allow_policies_list()).await;
    run.valid(ap::GetAllowPolicy::new(ACCOUNT.into(), ID)).await;
    run.valid(
        ap::EditAllowPolicy::new(ACCOUNT.into(), ID)
            .comments("reviewed")
            .verify_sender(false)
            .pattern_type(PatternType::Ip)
            .pattern("192.0.2.0/24"),
    )
    .await;
    run.valid(ap::DeleteAllowPolicy::new(ACCOUNT.into(), ID)).await;
    run.valid(ap::BatchAllowPolicies::new(
        ACCOUNT.into(),
        vec![ap::BatchDelete::new(ID)],
        vec![ap::BatchPatch { id: ID2.into(), comments: Nullable::Null, ..Default::default() }],
        vec![ap::BatchPut {
            id: ID2.into(),
            comments: Some("replaced".into()),
            is_acceptable_sender: Some(true),
            is_exempt_recipient: Some(false),
            is_regex: Some(false),
            is_trusted_sender: Some(false),
            pattern: Some("example.org".into()),
            pattern_type: Some(PatternType::Domain),
            verify_sender: Some(true),
        }],
        vec![ap::BatchPost {
            is_exempt_recipient: true,
            is_trusted_sender: false,
            is_acceptable_sender: false,
            pattern: "ceo@example.com".into(),
            is_regex: false,
            verify_sender: false,
            pattern_type: PatternType::Email,
            comments: None,
        }],
    ))
    .await;
}

async fn block_senders(run: &mut Run) {
    run.valid(
        bs::CreateBlockedSender::new(ACCOUNT.into(), "spammer@example.net", false, PatternType::Email)
            .comments("phishing campaign"),
    )
    .await;
    run.valid(
        bs::ListBlockedSenders::new(ACCOUNT.into())
            .page(1)
            .per_page(100)
            .search("example")
            .order(bs::BlockedSenderOrder::CreatedAt)
            .direction(SortDirection::Asc)
            .pattern_type(PatternType::Email)
            .pattern("spammer@example.net"),
    )
    .await;
    run.valid(bs::GetBlockedSender::new(ACCOUNT.into(), ID)).await;
    run.valid(bs::EditBlockedSender::new(ACCOUNT.into(), ID).is_regex(true).pattern(r".*@example\.net")).await;
    run.valid(bs::DeleteBlockedSender::new(ACCOUNT.into(), ID)).await;
    run.valid(bs::BatchBlockedSenders::new(
        ACCOUNT.into(),
        vec![bs::BatchDelete::new(ID)],
        vec![bs::BatchPatch { id: ID2.into(), comments: Nullable::Set("still blocked".into()), ..Default::default() }],
        vec![bs::BatchPut {
            id: ID2.into(),
            comments: None,
            is_regex: Some(false),
            pattern: Some("203.0.113.7".into()),
            pattern_type: Some(PatternType::Ip),
        }],
        vec![bs::BatchPost {
            pattern: "example.biz".into(),
            is_regex: false,
            pattern_type: PatternType::Domain,
            comments: Some("lookalike".into()),
        }],
    ))
    .await;
}

pub(super) fn domain_create() -> dom::CreateDomain {
    dom::CreateDomain::new(
        ACCOUNT.into(),
        "example.com",
        vec![dom::DeliveryMode::Direct, dom::DeliveryMode::Bcc],
        vec!["192.0.2.0/24".into()],
        vec![DispositionLabel::Malicious, DispositionLabel::Spam],
        vec![dom::Region::Global],
    )
    .folder(dom::ScannableFolder::Inbox)
    .integration_id(ID2)
    .lookback_hops(2)
    .require_tls_inbound(true)
    .require_tls_outbound(false)
    .transport("smtp.example.com")
}

pub(super) fn domain_replace() -> dom::ReplaceDomain {
    dom::ReplaceDomain::new(
        ACCOUNT.into(),
        ID,
        vec![dom::DeliveryMode::Journal],
        1,
        vec![],
        vec![DispositionLabel::MaliciousBec],
        vec![dom::Region::Us, dom::Region::De],
    )
    .folder(dom::ScannableFolder::AllItems)
    .require_tls_inbound(false)
    .require_tls_outbound(true)
}

#[allow(deprecated)] // DeleteDomains is the API's deprecated bulk delete
async fn domains(run: &mut Run) {
    run.valid(domain_create()).await;
    run.valid(
        dom::ListDomains::new(ACCOUNT.into())
            .page(1)
            .per_page(20)
            .search("example")
            .order(dom::DomainOrder::Domain)
            .direction(SortDirection::Asc)
            .allowed_delivery_mode(dom::DeliveryMode::Direct)
            .domain(vec!["example.com".into(), "example.org".into()])
            .active_delivery_mode(dom::DeliveryMode::Bcc)
            .integration_id(ID2)
            .status(dom::DomainStatus::Active),
    )
    .await;
    run.valid(dom::GetDomain::new(ACCOUNT.into(), ID)).await;
    run.valid(domain_replace()).await;
    run.valid(
        dom::EditDomain::new(ACCOUNT.into(), ID)
            .clear_integration_id()
            .lookback_hops(3)
            .regions(vec![dom::Region::Au])
            .drop_dispositions(vec![DispositionLabel::Bulk]),
    )
    .await;
    run.valid(dom::DeleteDomain::new(ACCOUNT.into(), ID)).await;
    run.valid(dom::DeleteDomains::new(ACCOUNT.into(), vec![dom::DomainRef::new(ID), dom::DomainRef::new(ID2)])).await;
    run.valid(dom::BatchDomains::new(
        ACCOUNT.into(),
        vec![dom::DomainRef::new(ID)],
        vec![dom::BatchPatch {
            id: ID2.into(),
            require_tls_inbound: Some(true),
            integration_id: Nullable::Null,
            ..Default::default()
        }],
        vec![dom::BatchPut {
            id: ID2.into(),
            allowed_delivery_modes: vec![dom::DeliveryMode::Api],
            lookback_hops: 2,
            ip_restrictions: vec!["198.51.100.0/24".into()],
            drop_dispositions: vec![],
            regions: vec![dom::Region::In],
            folder: None,
            integration_id: Some(ID.into()),
            require_tls_inbound: None,
            require_tls_outbound: None,
            transport: None,
        }],
        vec![dom::BatchPost {
            domain: "example.net".into(),
            allowed_delivery_modes: vec![dom::DeliveryMode::RetroScan],
            ip_restrictions: vec![],
            drop_dispositions: vec![DispositionLabel::Spoof],
            regions: vec![dom::Region::Global],
            folder: Some(dom::ScannableFolder::AllItems),
            integration_id: None,
            lookback_hops: Some(1),
            require_tls_inbound: None,
            require_tls_outbound: None,
            transport: Some("mx.example.net".into()),
        }],
    ))
    .await;
    run.valid(dom::GetDomainVerification::new(ACCOUNT.into(), ID)).await;
}

#[allow(deprecated)] // external_directory_node_id is deprecated by the API
async fn impersonation_registry(run: &mut Run) {
    run.valid(
        ir::CreateImpersonationRegistryEntry::new(ACCOUNT.into(), "ceo@example.com", false, "Jane Doe")
            .comments("executive")
            .directory_id(1)
            .directory_node_id(42)
            .provenance(ir::Provenance::A1sInternal),
    )
    .await;
    run.valid(
        ir::ListImpersonationRegistryEntries::new(ACCOUNT.into())
            .page(1)
            .per_page(10)
            .search("jane")
            .order(ir::ImpersonationRegistryOrder::Email)
            .direction(SortDirection::Desc)
            .provenance(ir::Provenance::SnoopyGoogleDirectory),
    )
    .await;
    run.valid(ir::GetImpersonationRegistryEntry::new(ACCOUNT.into(), ID)).await;
    run.valid(
        ir::EditImpersonationRegistryEntry::new(ACCOUNT.into(), ID)
            .clear_comments()
            .directory_id(2)
            .name("Jane Q. Doe")
            .is_email_regex(false),
    )
    .await;
    run.valid(ir::DeleteImpersonationRegistryEntry::new(ACCOUNT.into(), ID)).await;
}

async fn trusted_domains(run: &mut Run) {
    run.valid(
        td::CreateTrustedDomain::new(ACCOUNT.into(), "partner.example", false, true, false)
            .comments("new partner domain"),
    )
    .await;
    run.valid(
        td::ListTrustedDomains::new(ACCOUNT.into())
            .page(1)
            .per_page(1000)
            .search("partner")
            .order(td::TrustedDomainOrder::CreatedAt)
            .direction(SortDirection::Asc)
            .is_recent(true)
            .is_similarity(false)
            .pattern("partner.example"),
    )
    .await;
    run.valid(td::GetTrustedDomain::new(ACCOUNT.into(), ID)).await;
    run.valid(td::EditTrustedDomain::new(ACCOUNT.into(), ID).is_similarity(true).comments("look-alike of ours")).await;
    run.valid(td::DeleteTrustedDomain::new(ACCOUNT.into(), ID)).await;
    run.valid(td::BatchTrustedDomains::new(
        ACCOUNT.into(),
        vec![td::BatchDelete::new(ID)],
        vec![td::BatchPatch { id: ID2.into(), is_recent: Some(false), ..Default::default() }],
        vec![td::BatchPut {
            id: ID2.into(),
            comments: None,
            is_recent: Some(true),
            is_regex: Some(false),
            is_similarity: Some(true),
            pattern: Some("partner.example".into()),
        }],
        vec![td::BatchPost {
            pattern: r".*\.partner\.example".into(),
            is_regex: true,
            is_recent: false,
            is_similarity: true,
            comments: None,
        }],
    ))
    .await;
}

async fn url_ignore_patterns(run: &mut Run) {
    run.valid(
        uip::CreateUrlIgnorePattern::new(ACCOUNT.into(), r"^https://intranet\.example\.com/")
            .comments("internal links"),
    )
    .await;
    run.valid(uip::ListUrlIgnorePatterns::new(ACCOUNT.into()).page(1).per_page(25)).await;
    run.valid(uip::GetUrlIgnorePattern::new(ACCOUNT.into(), ID)).await;
    run.valid(
        uip::EditUrlIgnorePattern::new(ACCOUNT.into(), ID).pattern(r"^https://wiki\.example\.com/").clear_comments(),
    )
    .await;
    run.valid(uip::DeleteUrlIgnorePattern::new(ACCOUNT.into(), ID)).await;
    // The spec's `patches` and `puts` items forbid any property but `pattern` and `comments`
    // (`additionalProperties: false`) and require `id` at once: no item satisfies both, so they
    // go empty.
    run.valid(uip::BatchUrlIgnorePatterns::new(
        ACCOUNT.into(),
        vec![uip::BatchDelete::new(ID)],
        vec![],
        vec![],
        vec![uip::BatchPost { pattern: r"^https://docs\.example\.com/".into(), comments: None }],
    ))
    .await;
}
