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
    ap::ListAllowPolicies {
        account_id: ACCOUNT.into(),
        page: Some(2),
        per_page: Some(50),
        search: Some("example".into()),
        order: Some(ap::AllowPolicyOrder::Pattern),
        direction: Some(SortDirection::Desc),
        is_exempt_recipient: Some(false),
        is_trusted_sender: Some(true),
        is_acceptable_sender: Some(false),
        verify_sender: Some(true),
        pattern_type: Some(PatternType::Domain),
        pattern: Some("example.com".into()),
    }
}

#[allow(deprecated)] // the API's deprecated flags are part of the request struct
pub(super) fn allow_policy_create() -> ap::CreateAllowPolicy {
    ap::CreateAllowPolicy {
        account_id: ACCOUNT.into(),
        is_exempt_recipient: false,
        is_trusted_sender: true,
        is_acceptable_sender: false,
        pattern: "partner@example.com".into(),
        is_regex: false,
        verify_sender: true,
        pattern_type: PatternType::Email,
        comments: Some("payroll partner".into()),
        is_recipient: None,
        is_sender: None,
        is_spoof: None,
    }
}

async fn allow_policies(run: &mut Run) {
    run.valid(allow_policy_create()).await;
    run.valid(allow_policies_list()).await;
    run.valid(ap::GetAllowPolicy { account_id: ACCOUNT.into(), policy_id: ID.into() }).await;
    run.valid(ap::EditAllowPolicy {
        account_id: ACCOUNT.into(),
        policy_id: ID.into(),
        comments: Nullable::Set("reviewed".into()),
        verify_sender: Some(false),
        pattern_type: Some(PatternType::Ip),
        pattern: Some("192.0.2.0/24".into()),
        ..Default::default()
    })
    .await;
    run.valid(ap::DeleteAllowPolicy { account_id: ACCOUNT.into(), policy_id: ID.into() }).await;
    run.valid(ap::BatchAllowPolicies {
        account_id: ACCOUNT.into(),
        deletes: vec![ap::BatchDelete::new(ID)],
        patches: vec![ap::BatchPatch { id: ID2.into(), comments: Nullable::Null, ..Default::default() }],
        puts: vec![ap::BatchPut {
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
        posts: vec![ap::BatchPost {
            is_exempt_recipient: true,
            is_trusted_sender: false,
            is_acceptable_sender: false,
            pattern: "ceo@example.com".into(),
            is_regex: false,
            verify_sender: false,
            pattern_type: PatternType::Email,
            comments: None,
        }],
    })
    .await;
}

async fn block_senders(run: &mut Run) {
    run.valid(bs::CreateBlockedSender {
        account_id: ACCOUNT.into(),
        pattern: "spammer@example.net".into(),
        is_regex: false,
        pattern_type: PatternType::Email,
        comments: Some("phishing campaign".into()),
    })
    .await;
    run.valid(bs::ListBlockedSenders {
        account_id: ACCOUNT.into(),
        page: Some(1),
        per_page: Some(100),
        search: Some("example".into()),
        order: Some(bs::BlockedSenderOrder::CreatedAt),
        direction: Some(SortDirection::Asc),
        pattern_type: Some(PatternType::Email),
        pattern: Some("spammer@example.net".into()),
    })
    .await;
    run.valid(bs::GetBlockedSender { account_id: ACCOUNT.into(), pattern_id: ID.into() }).await;
    run.valid(bs::EditBlockedSender {
        account_id: ACCOUNT.into(),
        pattern_id: ID.into(),
        is_regex: Some(true),
        pattern: Some(r".*@example\.net".into()),
        ..Default::default()
    })
    .await;
    run.valid(bs::DeleteBlockedSender { account_id: ACCOUNT.into(), pattern_id: ID.into() }).await;
    run.valid(bs::BatchBlockedSenders {
        account_id: ACCOUNT.into(),
        deletes: vec![bs::BatchDelete::new(ID)],
        patches: vec![bs::BatchPatch {
            id: ID2.into(),
            comments: Nullable::Set("still blocked".into()),
            ..Default::default()
        }],
        puts: vec![bs::BatchPut {
            id: ID2.into(),
            comments: None,
            is_regex: Some(false),
            pattern: Some("203.0.113.7".into()),
            pattern_type: Some(PatternType::Ip),
        }],
        posts: vec![bs::BatchPost {
            pattern: "example.biz".into(),
            is_regex: false,
            pattern_type: PatternType::Domain,
            comments: Some("lookalike".into()),
        }],
    })
    .await;
}

pub(super) fn domain_create() -> dom::CreateDomain {
    dom::CreateDomain {
        account_id: ACCOUNT.into(),
        domain: "example.com".into(),
        allowed_delivery_modes: vec![dom::DeliveryMode::Direct, dom::DeliveryMode::Bcc],
        ip_restrictions: vec!["192.0.2.0/24".into()],
        drop_dispositions: vec![DispositionLabel::Malicious, DispositionLabel::Spam],
        regions: vec![dom::Region::Global],
        folder: Some(dom::ScannableFolder::Inbox),
        integration_id: Some(ID2.into()),
        lookback_hops: Some(2),
        require_tls_inbound: Some(true),
        require_tls_outbound: Some(false),
        transport: Some("smtp.example.com".into()),
    }
}

pub(super) fn domain_replace() -> dom::ReplaceDomain {
    dom::ReplaceDomain {
        account_id: ACCOUNT.into(),
        domain_id: ID.into(),
        allowed_delivery_modes: vec![dom::DeliveryMode::Journal],
        lookback_hops: 1,
        ip_restrictions: vec![],
        drop_dispositions: vec![DispositionLabel::MaliciousBec],
        regions: vec![dom::Region::Us, dom::Region::De],
        folder: Some(dom::ScannableFolder::AllItems),
        integration_id: None,
        require_tls_inbound: Some(false),
        require_tls_outbound: Some(true),
        transport: None,
    }
}

#[allow(deprecated)] // DeleteDomains is the API's deprecated bulk delete
async fn domains(run: &mut Run) {
    run.valid(domain_create()).await;
    run.valid(dom::ListDomains {
        account_id: ACCOUNT.into(),
        page: Some(1),
        per_page: Some(20),
        search: Some("example".into()),
        order: Some(dom::DomainOrder::Domain),
        direction: Some(SortDirection::Asc),
        allowed_delivery_mode: Some(dom::DeliveryMode::Direct),
        domain: Some(vec!["example.com".into(), "example.org".into()]),
        active_delivery_mode: Some(dom::DeliveryMode::Bcc),
        integration_id: Some(ID2.into()),
        status: Some(dom::DomainStatus::Active),
    })
    .await;
    run.valid(dom::GetDomain { account_id: ACCOUNT.into(), domain_id: ID.into() }).await;
    run.valid(domain_replace()).await;
    run.valid(dom::EditDomain {
        account_id: ACCOUNT.into(),
        domain_id: ID.into(),
        integration_id: Nullable::Null,
        lookback_hops: Some(3),
        regions: Some(vec![dom::Region::Au]),
        drop_dispositions: Some(vec![DispositionLabel::Bulk]),
        ..Default::default()
    })
    .await;
    run.valid(dom::DeleteDomain { account_id: ACCOUNT.into(), domain_id: ID.into() }).await;
    run.valid(dom::DeleteDomains {
        account_id: ACCOUNT.into(),
        domains: vec![dom::DomainRef::new(ID), dom::DomainRef::new(ID2)],
    })
    .await;
    run.valid(dom::BatchDomains {
        account_id: ACCOUNT.into(),
        deletes: vec![dom::DomainRef::new(ID)],
        patches: vec![dom::BatchPatch {
            id: ID2.into(),
            require_tls_inbound: Some(true),
            integration_id: Nullable::Null,
            ..Default::default()
        }],
        puts: vec![dom::BatchPut {
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
        posts: vec![dom::BatchPost {
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
    })
    .await;
    run.valid(dom::GetDomainVerification { account_id: ACCOUNT.into(), domain_id: ID.into() }).await;
}

#[allow(deprecated)] // external_directory_node_id is deprecated by the API
async fn impersonation_registry(run: &mut Run) {
    run.valid(ir::CreateImpersonationRegistryEntry {
        account_id: ACCOUNT.into(),
        email: "ceo@example.com".into(),
        is_email_regex: false,
        name: "Jane Doe".into(),
        comments: Some("executive".into()),
        directory_id: Some(1),
        directory_node_id: Some(42),
        external_directory_node_id: None,
        provenance: Some(ir::Provenance::A1sInternal),
    })
    .await;
    run.valid(ir::ListImpersonationRegistryEntries {
        account_id: ACCOUNT.into(),
        page: Some(1),
        per_page: Some(10),
        search: Some("jane".into()),
        order: Some(ir::ImpersonationRegistryOrder::Email),
        direction: Some(SortDirection::Desc),
        provenance: Some(ir::Provenance::SnoopyGoogleDirectory),
    })
    .await;
    run.valid(ir::GetImpersonationRegistryEntry { account_id: ACCOUNT.into(), impersonation_registry_id: ID.into() })
        .await;
    run.valid(ir::EditImpersonationRegistryEntry {
        account_id: ACCOUNT.into(),
        impersonation_registry_id: ID.into(),
        comments: Nullable::Null,
        directory_id: Nullable::Set(2),
        name: Some("Jane Q. Doe".into()),
        is_email_regex: Some(false),
        ..Default::default()
    })
    .await;
    run.valid(ir::DeleteImpersonationRegistryEntry {
        account_id: ACCOUNT.into(),
        impersonation_registry_id: ID.into(),
    })
    .await;
}

async fn trusted_domains(run: &mut Run) {
    run.valid(td::CreateTrustedDomain {
        account_id: ACCOUNT.into(),
        pattern: "partner.example".into(),
        is_regex: false,
        is_recent: true,
        is_similarity: false,
        comments: Some("new partner domain".into()),
    })
    .await;
    run.valid(td::ListTrustedDomains {
        account_id: ACCOUNT.into(),
        page: Some(1),
        per_page: Some(1000),
        search: Some("partner".into()),
        order: Some(td::TrustedDomainOrder::CreatedAt),
        direction: Some(SortDirection::Asc),
        is_recent: Some(true),
        is_similarity: Some(false),
        pattern: Some("partner.example".into()),
    })
    .await;
    run.valid(td::GetTrustedDomain { account_id: ACCOUNT.into(), trusted_domain_id: ID.into() }).await;
    run.valid(td::EditTrustedDomain {
        account_id: ACCOUNT.into(),
        trusted_domain_id: ID.into(),
        is_similarity: Some(true),
        comments: Nullable::Set("look-alike of ours".into()),
        ..Default::default()
    })
    .await;
    run.valid(td::DeleteTrustedDomain { account_id: ACCOUNT.into(), trusted_domain_id: ID.into() }).await;
    run.valid(td::BatchTrustedDomains {
        account_id: ACCOUNT.into(),
        deletes: vec![td::BatchDelete::new(ID)],
        patches: vec![td::BatchPatch { id: ID2.into(), is_recent: Some(false), ..Default::default() }],
        puts: vec![td::BatchPut {
            id: ID2.into(),
            comments: None,
            is_recent: Some(true),
            is_regex: Some(false),
            is_similarity: Some(true),
            pattern: Some("partner.example".into()),
        }],
        posts: vec![td::BatchPost {
            pattern: r".*\.partner\.example".into(),
            is_regex: true,
            is_recent: false,
            is_similarity: true,
            comments: None,
        }],
    })
    .await;
}

async fn url_ignore_patterns(run: &mut Run) {
    run.valid(uip::CreateUrlIgnorePattern {
        account_id: ACCOUNT.into(),
        pattern: r"^https://intranet\.example\.com/".into(),
        comments: Some("internal links".into()),
    })
    .await;
    run.valid(uip::ListUrlIgnorePatterns { account_id: ACCOUNT.into(), page: Some(1), per_page: Some(25) }).await;
    run.valid(uip::GetUrlIgnorePattern { account_id: ACCOUNT.into(), pattern_id: ID.into() }).await;
    run.valid(uip::EditUrlIgnorePattern {
        account_id: ACCOUNT.into(),
        pattern_id: ID.into(),
        pattern: Some(r"^https://wiki\.example\.com/".into()),
        comments: Nullable::Null,
    })
    .await;
    run.valid(uip::DeleteUrlIgnorePattern { account_id: ACCOUNT.into(), pattern_id: ID.into() }).await;
    // The spec's `patches` and `puts` items forbid any property but `pattern` and `comments`
    // (`additionalProperties: false`) and require `id` at once: no item satisfies both, so they
    // go empty.
    run.valid(uip::BatchUrlIgnorePatterns {
        account_id: ACCOUNT.into(),
        deletes: vec![uip::BatchDelete::new(ID)],
        patches: vec![],
        puts: vec![],
        posts: vec![uip::BatchPost { pattern: r"^https://docs\.example\.com/".into(), comments: None }],
    })
    .await;
}
