//! Every resource family's life through the real client and the typed declarations:
//! create → list → get → edit (with null clearing) → delete → get is 404; and batches.
#![allow(deprecated)] // `last_modified` and the allow policies' old flag names are read on purpose.

use flarekit::email_security::settings::{
    allow_policies as ap, block_senders as bs, domains as dom, impersonation_registry as ir,
    sending_domain_restrictions as sdr, trusted_domains as td, url_ignore_patterns as uip, Order, PatternType,
};
use flarekit::email_security::DispositionLabel;
use flarekit::validate::Format;
use flarekit::AccountId;
use flarekit::{Client, Error, ErrorKind, Nullable};
use flarekit_fake::{codes, MockServer};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

fn account() -> AccountId {
    ACCOUNT.into()
}

/// A fresh server, its client, and the server (kept alive by the caller).
async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    (server, client)
}

fn assert_v4(id: &str) {
    let parsed = uuid::Uuid::parse_str(id).expect("a UUID");
    assert_eq!(parsed.get_version_num(), 4, "{id}");
    assert_eq!(parsed.hyphenated().to_string(), id);
}

fn assert_timestamps(created_at: &str, modified_at: &str, last_modified: &str) {
    assert!(
        Format::DateTime.matches(created_at) && created_at.ends_with('Z') && created_at.contains('.'),
        "{created_at}"
    );
    assert!(Format::DateTime.matches(modified_at), "{modified_at}");
    assert_eq!(last_modified, modified_at);
    assert!(modified_at >= created_at);
}

/// The status and (first) Cloudflare error code of a failed call.
fn api_error(result: Result<impl std::fmt::Debug, Error>) -> (u16, i64, String, Option<String>) {
    match result.map_err(Error::into_kind) {
        Err(ErrorKind::Api(e)) => {
            let first = e.errors.first().expect("an error entry").clone();
            (e.status, first.code.unwrap_or_default(), first.message, first.source.and_then(|s| s.pointer))
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn sending_domain_restriction_lifecycle() {
    let (_server, client) = server().await;
    let created = client
        .send_with_meta(
            sdr::CreateSendingDomainRestriction::new(account(), "example.com", vec!["subdomain.example.com".into()])
                .comments("TLS only"),
        )
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    let created = created.result;
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!(created.domain.as_deref(), Some("example.com"));
    assert_eq!(created.exclude.as_deref(), Some(&["subdomain.example.com".to_owned()][..]));
    assert_eq!(created.comments.as_deref(), Some("TLS only"));
    let (c, m, l) = (
        created.created_at.clone().unwrap(),
        created.modified_at.clone().unwrap(),
        created.last_modified.clone().unwrap(),
    );
    assert_eq!(c, m);
    assert_timestamps(&c, &m, &l);

    let list = client.send(sdr::ListSendingDomainRestrictions::new(account())).await.unwrap();
    assert_eq!(list, std::slice::from_ref(&created));
    let got = client.send(sdr::GetSendingDomainRestriction::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);

    let edited = client
        .send(
            sdr::EditSendingDomainRestriction::new(account(), &id)
                .exclude(vec!["a.example.com".into(), "b.example.com".into()])
                .comments("edited"),
        )
        .await
        .unwrap();
    assert_eq!(edited.domain.as_deref(), Some("example.com"));
    assert_eq!(edited.exclude, Some(vec!["a.example.com".to_owned(), "b.example.com".to_owned()]));
    assert_eq!(edited.comments.as_deref(), Some("edited"));
    assert_eq!(edited.created_at, created.created_at);
    assert_timestamps(&c, edited.modified_at.as_deref().unwrap(), edited.last_modified.as_deref().unwrap());

    let cleared = client.send(sdr::EditSendingDomainRestriction::new(account(), &id).clear_comments()).await.unwrap();
    assert_eq!(cleared.comments, None);
    assert_eq!(cleared.exclude, Some(vec!["a.example.com".to_owned(), "b.example.com".to_owned()]));
    let got = client.send(sdr::GetSendingDomainRestriction::new(account(), &id)).await.unwrap();
    assert_eq!(got, cleared);

    let deleted = client.send(sdr::DeleteSendingDomainRestriction::new(account(), &id)).await.unwrap();
    assert_eq!(deleted.id, id);
    let gone = client.send(sdr::GetSendingDomainRestriction::new(account(), &id)).await;
    assert_eq!(api_error(gone), (404, codes::NOT_FOUND, format!("sending domain restriction {id} not found"), None));
    let again = client.send(sdr::DeleteSendingDomainRestriction::new(account(), &id)).await;
    assert_eq!(api_error(again).0, 404);
    let list = client.send(sdr::ListSendingDomainRestrictions::new(account())).await.unwrap();
    assert!(list.is_empty());
}

#[tokio::test]
async fn accounts_do_not_share_state() {
    let (_server, client) = server().await;
    client.send(sdr::CreateSendingDomainRestriction::new(account(), "example.com", vec![])).await.unwrap();
    let other = client.send(sdr::ListSendingDomainRestrictions::new("0".repeat(32).into())).await.unwrap();
    assert!(other.is_empty());
    // The same domain in another account is no duplicate.
    let created = client
        .send(sdr::CreateSendingDomainRestriction::new("0".repeat(32).into(), "example.com", vec![]))
        .await
        .unwrap();
    assert_eq!(created.comments, None);
}

#[tokio::test]
async fn sending_domain_restriction_batch_deletes_all_or_nothing() {
    let (_server, client) = server().await;
    let mut ids = Vec::new();
    for domain in ["a.example", "b.example", "c.example"] {
        let r = client.send(sdr::CreateSendingDomainRestriction::new(account(), domain, vec![])).await.unwrap();
        ids.push(r.id.unwrap());
    }
    let missing = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415".to_owned();
    let failed = client
        .send(sdr::BatchSendingDomainRestrictions::new(
            account(),
            vec![
                ap::BatchAllowPoliciesDeletesItem { id: ids[0].clone() },
                ap::BatchAllowPoliciesDeletesItem { id: missing.clone() },
            ],
        ))
        .await;
    assert_eq!(
        api_error(failed),
        (
            404,
            codes::NOT_FOUND,
            format!("sending domain restriction {missing} not found"),
            Some("/deletes/1/id".into())
        )
    );
    let all = client.send(sdr::ListSendingDomainRestrictions::new(account())).await.unwrap();
    assert_eq!(all.len(), 3, "nothing was deleted");

    let done = client
        .send(sdr::BatchSendingDomainRestrictions::new(
            account(),
            vec![
                ap::BatchAllowPoliciesDeletesItem { id: ids[0].clone() },
                ap::BatchAllowPoliciesDeletesItem { id: ids[2].clone() },
            ],
        ))
        .await
        .unwrap();
    assert_eq!(done.deletes.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [ids[0].as_str(), ids[2].as_str()]);
    let left = client.send(sdr::ListSendingDomainRestrictions::new(account())).await.unwrap();
    assert_eq!(left.iter().map(|r| r.domain.as_deref()).collect::<Vec<_>>(), [Some("b.example")]);
}

fn allow(pattern: &str) -> ap::CreateAllowPolicy {
    // is_acceptable_sender, is_exempt_recipient, is_regex, is_trusted_sender, pattern, pattern_type,
    // verify_sender.
    ap::CreateAllowPolicy::new(account(), false, false, false, true, pattern, PatternType::Email, true)
        .comments("partner")
}

#[tokio::test]
async fn allow_policy_lifecycle() {
    let (_server, client) = server().await;
    let created = client.send(allow("ceo@partner.example")).await.unwrap();
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!(created.pattern.as_deref(), Some("ceo@partner.example"));
    assert_eq!(created.pattern_type, Some(PatternType::Email));
    assert_eq!(
        (created.is_trusted_sender, created.is_exempt_recipient, created.is_acceptable_sender, created.verify_sender),
        (Some(true), Some(false), Some(false), Some(true))
    );
    // The deprecated names mirror the current ones.
    assert_eq!((created.is_sender, created.is_recipient, created.is_spoof), (Some(true), Some(false), Some(false)));
    assert_timestamps(
        created.created_at.as_deref().unwrap(),
        created.modified_at.as_deref().unwrap(),
        created.last_modified.as_deref().unwrap(),
    );

    let list = client.send(ap::ListAllowPolicies::new(account())).await.unwrap();
    assert_eq!(list, std::slice::from_ref(&created));
    let got = client.send(ap::GetAllowPolicy::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);

    let edited = client
        .send(
            ap::EditAllowPolicy::new(account(), &id)
                .clear_comments()
                .is_trusted_sender(false)
                .is_acceptable_sender(true),
        )
        .await
        .unwrap();
    assert_eq!(edited.comments, None);
    assert_eq!((edited.is_trusted_sender, edited.is_sender), (Some(false), Some(false)));
    assert_eq!((edited.is_acceptable_sender, edited.is_spoof), (Some(true), Some(true)));
    assert_eq!(edited.pattern, created.pattern);
    // An edit through a deprecated name sets the current one.
    let renamed = client.send(ap::EditAllowPolicy::new(account(), &id).is_recipient(true)).await.unwrap();
    assert_eq!((renamed.is_exempt_recipient, renamed.is_recipient), (Some(true), Some(true)));

    let deleted = client.send(ap::DeleteAllowPolicy::new(account(), &id)).await.unwrap();
    assert_eq!(deleted.id, id);
    let gone = client.send(ap::GetAllowPolicy::new(account(), &id)).await;
    assert_eq!(api_error(gone).0, 404);
}

/// A new allow policy for a batch's `posts`.
fn allow_post(pattern: &str, is_exempt_recipient: bool, is_trusted_sender: bool) -> ap::EmailSecurityCreateAllowPolicy {
    ap::EmailSecurityCreateAllowPolicy {
        is_exempt_recipient,
        is_trusted_sender,
        is_acceptable_sender: false,
        pattern: pattern.into(),
        is_regex: false,
        verify_sender: false,
        pattern_type: PatternType::Email,
        comments: Nullable::Omit,
        is_recipient: None,
        is_sender: None,
        is_spoof: None,
    }
}

/// A batch `patches` (or `puts`) item for `id` that changes nothing yet.
fn allow_patch(id: &str) -> ap::BatchAllowPoliciesPatchesItem {
    ap::BatchAllowPoliciesPatchesItem {
        id: id.into(),
        comments: Nullable::Omit,
        is_acceptable_sender: None,
        is_exempt_recipient: None,
        is_recipient: None,
        is_regex: None,
        is_sender: None,
        is_spoof: None,
        is_trusted_sender: None,
        pattern: None,
        pattern_type: None,
        verify_sender: None,
    }
}

#[tokio::test]
async fn allow_policy_batch_runs_every_kind_in_order() {
    let (_server, client) = server().await;
    let a = client.send(allow("a@example.com")).await.unwrap().id.unwrap();
    let b = client.send(allow("b@example.com")).await.unwrap().id.unwrap();
    let c = client.send(allow("c@example.com")).await.unwrap().id.unwrap();
    let result = client
        .send(ap::BatchAllowPolicies::new(
            account(),
            vec![ap::BatchAllowPoliciesDeletesItem { id: a.clone() }],
            vec![ap::BatchAllowPoliciesPatchesItem { comments: Nullable::Null, ..allow_patch(&b) }],
            vec![allow_post("d@example.com", true, false)],
            vec![ap::BatchAllowPoliciesPatchesItem { pattern: Some("c2@example.com".into()), ..allow_patch(&c) }],
        ))
        .await
        .unwrap();
    assert_eq!(result.deletes.unwrap().iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [a.as_str()]);
    let patched = result.patches.unwrap();
    assert_eq!((patched[0].id.as_deref(), patched[0].comments.as_deref()), (Some(b.as_str()), None));
    assert_eq!(result.puts.unwrap()[0].pattern.as_deref(), Some("c2@example.com"));
    let posted = result.posts.unwrap();
    assert_v4(posted[0].id.as_deref().unwrap());
    assert_eq!(posted[0].is_exempt_recipient, Some(true));

    let list = client.send(ap::ListAllowPolicies::new(account()).order(Order::Pattern)).await.unwrap();
    let patterns: Vec<_> = list.iter().filter_map(|p| p.pattern.as_deref()).collect();
    assert_eq!(patterns, ["b@example.com", "c2@example.com", "d@example.com"]);

    // A duplicate in posts fails the whole batch, deletes included.
    let failed = client
        .send(ap::BatchAllowPolicies::new(
            account(),
            vec![ap::BatchAllowPoliciesDeletesItem { id: b.clone() }],
            vec![],
            vec![allow_post("D@example.com", false, true)],
            vec![],
        ))
        .await;
    let (status, code, _, pointer) = api_error(failed);
    assert_eq!((status, code, pointer.as_deref()), (409, codes::DUPLICATE, Some("/posts/0/pattern")));
    let after = client.send(ap::ListAllowPolicies::new(account())).await.unwrap();
    assert_eq!(after.len(), 3);
}

#[tokio::test]
async fn blocked_sender_lifecycle_and_batch() {
    let (_server, client) = server().await;
    let created = client
        .send(bs::CreateBlockSender::new(account(), false, "spam.example", PatternType::Domain).comments("spammer"))
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!(created.pattern_type, Some(PatternType::Domain));
    assert_timestamps(
        created.created_at.as_deref().unwrap(),
        created.modified_at.as_deref().unwrap(),
        created.last_modified.as_deref().unwrap(),
    );
    let list = client.send(bs::ListBlockSenders::new(account())).await.unwrap();
    assert_eq!(list, std::slice::from_ref(&created));
    let got = client.send(bs::GetBlockSender::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);
    let edited = client
        .send(
            bs::EditBlockSender::new(account(), &id)
                .clear_comments()
                .pattern("1.2.3.0/24")
                .pattern_type(PatternType::Ip),
        )
        .await
        .unwrap();
    assert_eq!(
        (edited.comments, edited.pattern.as_deref(), edited.pattern_type),
        (None, Some("1.2.3.0/24"), Some(PatternType::Ip))
    );
    let batch = client
        .send(bs::BatchBlockedSenders::new(
            account(),
            vec![],
            vec![],
            vec![bs::CreateBlockedSender {
                pattern: "x@spam.example".into(),
                is_regex: false,
                pattern_type: PatternType::Email,
                comments: Nullable::Omit,
            }],
            vec![],
        ))
        .await
        .unwrap();
    assert_eq!(batch.deletes.unwrap(), []);
    assert_eq!(batch.posts.unwrap()[0].pattern.as_deref(), Some("x@spam.example"));
    let deleted = client.send(bs::DeleteBlockSender::new(account(), &id)).await.unwrap();
    assert_eq!(deleted.id, id);
    let gone = client.send(bs::GetBlockSender::new(account(), &id)).await;
    assert_eq!(api_error(gone), (404, codes::NOT_FOUND, format!("blocked sender {id} not found"), None));
}

#[tokio::test]
async fn trusted_domain_lifecycle_and_batch() {
    let (_server, client) = server().await;
    let created = client
        .send(td::CreateTrustedDomain::new(account(), true, false, false, "partner.example").comments("partner"))
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!((created.is_recent, created.is_similarity, created.is_regex), (Some(true), Some(false), Some(false)));
    let got = client.send(td::GetTrustedDomain::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);
    let list = client.send(td::ListTrustedDomains::new(account())).await.unwrap();
    assert_eq!(list, std::slice::from_ref(&created));
    let edited =
        client.send(td::EditTrustedDomain::new(account(), &id).clear_comments().is_similarity(true)).await.unwrap();
    assert_eq!((edited.comments, edited.is_similarity), (None, Some(true)));
    let batch = client
        .send(td::BatchTrustedDomains::new(
            account(),
            vec![],
            vec![td::BatchTrustedDomainsPatchesItem {
                id: id.clone(),
                comments: Nullable::Set("again".into()),
                is_recent: None,
                is_regex: None,
                is_similarity: None,
                pattern: None,
            }],
            vec![],
            vec![],
        ))
        .await
        .unwrap();
    assert_eq!(batch.patches.unwrap()[0].comments.as_deref(), Some("again"));
    client.send(td::DeleteTrustedDomain::new(account(), &id)).await.unwrap();
    let gone = client.send(td::GetTrustedDomain::new(account(), &id)).await;
    assert_eq!(api_error(gone).0, 404);
}

fn new_domain(name: &str) -> dom::CreateDomain {
    dom::CreateDomain::new(
        account(),
        vec![dom::DeliveryMode::Direct],
        name,
        vec![DispositionLabel::Malicious],
        vec!["192.0.2.0/24".into()],
        vec![dom::Region::Global],
    )
    .folder(dom::ScannableFolder::Inbox)
    .integration_id("8c2d4d37-1e2b-4b8e-9f5a-3c1f9f0f6a11")
    .lookback_hops(2)
    .require_tls_inbound(true)
}

#[tokio::test]
async fn domain_lifecycle_with_replace_and_verification() {
    let (_server, client) = server().await;
    let created = client.send(new_domain("mail.example")).await.unwrap();
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!(created.domain.as_deref(), Some("mail.example"));
    assert_eq!(created.status, Some(dom::DomainStatus::Pending));
    assert_eq!(created.lookback_hops, Some(2));
    assert_eq!(created.integration_id.as_deref(), Some("8c2d4d37-1e2b-4b8e-9f5a-3c1f9f0f6a11"));
    let got = client.send(dom::GetDomain::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);

    let edited =
        client.send(dom::EditDomain::new(account(), &id).clear_integration_id().lookback_hops(5)).await.unwrap();
    assert_eq!((edited.integration_id, edited.lookback_hops), (None, Some(5)));
    assert_eq!(edited.folder, Some(dom::ScannableFolder::Inbox));

    let replaced = client
        .send(
            dom::ReplaceDomain::new(
                account(),
                &id,
                vec![dom::DeliveryMode::Bcc, dom::DeliveryMode::Journal],
                vec![],
                vec![],
                3,
                vec![dom::Region::De],
            )
            .require_tls_outbound(true),
        )
        .await
        .unwrap();
    assert_eq!(replaced.domain.as_deref(), Some("mail.example"), "the name survives a replace");
    assert_eq!(replaced.allowed_delivery_modes, Some(vec![dom::DeliveryMode::Bcc, dom::DeliveryMode::Journal]));
    assert_eq!((replaced.folder, replaced.require_tls_inbound), (None, None), "unset fields are cleared");
    assert_eq!(replaced.require_tls_outbound, Some(true));

    let verification = client.send(dom::GetDomainVerification::new(account(), &id)).await.unwrap();
    let verification = verification.expect("a 200 with the verification, not a 204");
    assert_eq!(verification.txt_record_name, "_cf-email-sec-challenge.mail.example");
    assert_eq!(verification.status, dom::DomainStatus::Pending);

    let filtered =
        client.send(dom::ListDomains::new(account()).allowed_delivery_mode(dom::DeliveryMode::Bcc)).await.unwrap();
    assert_eq!(filtered.len(), 1);
    let none =
        client.send(dom::ListDomains::new(account()).allowed_delivery_mode(dom::DeliveryMode::Direct)).await.unwrap();
    assert!(none.is_empty());

    client.send(dom::DeleteDomain::new(account(), &id)).await.unwrap();
    let gone = client.send(dom::GetDomain::new(account(), &id)).await;
    assert_eq!(api_error(gone).0, 404);
}

#[tokio::test]
async fn domain_batch_replaces_and_creates() {
    let (_server, client) = server().await;
    let first = client.send(new_domain("one.example")).await.unwrap();
    let result = client
        .send(dom::BatchDomains::new(
            account(),
            vec![],
            vec![],
            vec![dom::EmailSecurityCreateDomain {
                domain: "two.example".into(),
                allowed_delivery_modes: vec![dom::DeliveryMode::Direct],
                ip_restrictions: vec![],
                drop_dispositions: vec![],
                regions: vec![dom::Region::Global],
                folder: None,
                integration_id: Nullable::Omit,
                lookback_hops: Nullable::Omit,
                require_tls_inbound: Nullable::Omit,
                require_tls_outbound: Nullable::Omit,
                transport: Nullable::Omit,
            }],
            vec![dom::BatchDomainsPutsItem {
                id: first.id.clone().unwrap(),
                allowed_delivery_modes: vec![dom::DeliveryMode::Api],
                lookback_hops: 1,
                ip_restrictions: vec![],
                drop_dispositions: vec![],
                regions: vec![dom::Region::Us],
                folder: None,
                integration_id: Nullable::Omit,
                require_tls_inbound: Nullable::Omit,
                require_tls_outbound: Nullable::Omit,
                transport: Nullable::Omit,
            }],
        ))
        .await
        .unwrap();
    assert_eq!(result.puts[0].regions, Some(vec![dom::Region::Us]));
    assert_eq!(result.puts[0].integration_id, None);
    assert_eq!(result.posts[0].domain.as_deref(), Some("two.example"));
    assert!(result.deletes.is_empty() && result.patches.is_empty());
    let all = client.send(dom::ListDomains::new(account())).await.unwrap();
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn impersonation_registry_lifecycle() {
    let (_server, client) = server().await;
    let created = client
        .send(
            ir::CreateImpersonationRegistry::new(account(), "ceo@example.com", false, "The CEO")
                .comments("VIP")
                .directory_id(7),
        )
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!(created.provenance, Some(ir::Provenance::A1SInternal));
    assert_eq!((created.directory_id, created.directory_node_id), (Some(7), None));
    let got = client.send(ir::GetImpersonationRegistry::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);
    let found = client.send(ir::ListImpersonationRegistry::new(account()).search("ceo")).await.unwrap();
    assert_eq!(found, std::slice::from_ref(&created));
    let edited = client
        .send(
            ir::EditImpersonationRegistry::new(account(), &id)
                .clear_comments()
                .clear_directory_id()
                .name("Chief Executive"),
        )
        .await
        .unwrap();
    assert_eq!((edited.comments, edited.directory_id, edited.name.as_deref()), (None, None, Some("Chief Executive")));
    client.send(ir::DeleteImpersonationRegistry::new(account(), &id)).await.unwrap();
    let gone = client.send(ir::GetImpersonationRegistry::new(account(), &id)).await;
    assert_eq!(api_error(gone).0, 404);
}

#[tokio::test]
async fn url_ignore_pattern_lifecycle_and_batch() {
    let (_server, client) = server().await;
    let created = client
        .send(uip::CreateUrlIgnorePattern::new(account(), "https://example\\.com/.*").comments("redirector"))
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    assert_v4(&id);
    assert_eq!(created.pattern, "https://example\\.com/.*");
    assert_timestamps(
        created.created_at.as_deref().unwrap(),
        created.modified_at.as_deref().unwrap(),
        created.last_modified.as_deref().unwrap(),
    );
    let got = client.send(uip::GetUrlIgnorePattern::new(account(), &id)).await.unwrap();
    assert_eq!(got, created);
    let edited = client.send(uip::EditUrlIgnorePattern::new(account(), &id).clear_comments()).await.unwrap();
    assert_eq!((edited.comments, edited.pattern.as_str()), (None, "https://example\\.com/.*"));
    let batch = client
        .send(uip::BatchUrlIgnorePatterns::new(
            account(),
            vec![],
            vec![],
            vec![uip::EmailSecurityCreateUrlIgnorePattern {
                pattern: "https://third\\.example/".into(),
                comments: Nullable::Set("3".into()),
            }],
            vec![uip::BatchUrlIgnorePatternsPutsItem {
                id: id.clone(),
                pattern: "https://other\\.example/.*".into(),
                comments: Nullable::Omit,
            }],
        ))
        .await
        .unwrap();
    assert_eq!(batch.puts[0].pattern, "https://other\\.example/.*");
    assert_eq!(batch.posts[0].comments.as_deref(), Some("3"));
    let list = client.send(uip::ListUrlIgnorePatterns::new(account())).await.unwrap();
    assert_eq!(list.len(), 2);
    client.send(uip::DeleteUrlIgnorePattern::new(account(), &id)).await.unwrap();
    let gone = client.send(uip::GetUrlIgnorePattern::new(account(), &id)).await;
    assert_eq!(api_error(gone).0, 404);
}
