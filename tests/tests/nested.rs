//! Nested values on the wire: the rules of objects inside a request (a batch's items) are
//! checked like the request's own fields, each violation named by its path, and a request that
//! breaks one sends nothing; a `Nullable::Omit` is never sent as `null`, and a member the
//! document requires but lets be `null` is always sent.

use flarekit::email_security::settings::allow_policies::{
    BatchAllowPolicies, BatchAllowPoliciesDeletesItem as Delete, EmailSecurityCreateAllowPolicy as Post,
};
use flarekit::email_security::settings::PatternType;
use flarekit::{endpoint, ErrorKind, Nullable, Validate};
use flarekit_tests::{Reply, TestServer};
use serde_json::json;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ID: &str = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";

// The item type carries the document's deprecated `is_recipient`, `is_sender` and `is_spoof`.
#[allow(deprecated)]
fn post(pattern: &str, pattern_type: PatternType) -> Post {
    Post {
        is_exempt_recipient: false,
        is_trusted_sender: false,
        is_acceptable_sender: true,
        pattern: pattern.into(),
        is_regex: false,
        verify_sender: true,
        pattern_type,
        comments: Nullable::Omit,
        is_recipient: None,
        is_sender: None,
        is_spoof: None,
    }
}

fn violations(err: flarekit::Error) -> Vec<(String, &'static str)> {
    match err.into_kind() {
        ErrorKind::Validation(v) => v.violations().iter().map(|v| (v.field.to_string(), v.rule.name())).collect(),
        other => panic!("expected a validation error, got {other}"),
    }
}

#[tokio::test]
async fn a_batch_with_a_bad_item_names_the_item_and_sends_nothing() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({}))]).await;
    let client = server.client("token");
    let mut batch = BatchAllowPolicies::new(ACCOUNT.into(), vec![], vec![], vec![], vec![]);
    batch.deletes = vec![Delete { id: ID.into() }, Delete { id: "not-a-uuid".into() }];
    batch.posts = vec![
        post("ok@example.com", PatternType::Email),
        post("", PatternType::Email),
        post("example.com", PatternType::Domain),
        post(&"x".repeat(1025), PatternType::Unknown("OTHER".into())),
    ];
    let err = batch.send(&client).await.unwrap_err();
    assert_eq!(
        violations(err),
        [
            ("deletes[1].id".to_owned(), "format"),
            ("posts[1].pattern".to_owned(), "min_length"),
            // `OTHER`, a value the document does not list, is not refused: the server is the
            // authority on values this version has not heard of.
            ("posts[3].pattern".to_owned(), "max_length"),
        ]
    );
    assert!(server.requests().is_empty(), "nothing reached the server");
}

#[tokio::test]
async fn a_valid_batch_goes_out_with_every_item() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({"deletes": [{"id": ID}]}))]).await;
    let client = server.client("token");
    let mut batch = BatchAllowPolicies::new(ACCOUNT.into(), vec![Delete { id: ID.into() }], vec![], vec![], vec![]);
    batch.posts = vec![post("ok@example.com", PatternType::Email)];
    batch.send(&client).await.unwrap();
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.json()["deletes"], json!([{"id": ID}]));
    assert_eq!(req.json()["posts"][0]["pattern"], "ok@example.com");
    assert_eq!(req.json()["posts"][0]["pattern_type"], "EMAIL");
}

/// A nested type of the caller's own that forgets to skip an omitted `Nullable` (and does not
/// derive `Validate`, which would refuse it at compile time).
#[derive(serde::Serialize)]
pub struct Change {
    pub comment: Nullable<String>,
}

impl Validate for Change {}

/// Apply changes.
#[endpoint(POST, "/accounts/<account_id>/changes", perm = "Things Write", response = serde_json::Value)]
pub struct ApplyChanges {
    pub account_id: String,
    pub changes: Vec<Change>,
}

#[tokio::test]
async fn an_omitted_nullable_is_never_sent_as_null() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({}))]).await;
    let client = server.client("token");
    let err = ApplyChanges::new(ACCOUNT, vec![Change { comment: Nullable::Omit }]).send(&client).await.unwrap_err();
    match err.kind() {
        ErrorKind::Encode(e) => assert_eq!(e.field(), "changes"),
        other => panic!("expected an encode error, got {other}"),
    }
    assert!(err.to_string().contains("skip_serializing_if"), "{err}");
    assert!(server.requests().is_empty(), "nothing reached the server");
    // Set and Null go out as they say.
    let set = ApplyChanges::new(
        ACCOUNT,
        vec![Change { comment: Nullable::Set("x".into()) }, Change { comment: Nullable::Null }],
    );
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({}))]).await;
    set.send(&server.client("token")).await.unwrap();
    assert_eq!(server.requests()[0].json()["changes"], json!([{"comment": "x"}, {"comment": null}]));
}

/// A body member the document requires but lets be `null` (`#[param(required)]` on an
/// `Option`): `new` takes it, `None` goes out as `null`, and the fake takes that `null`.
#[tokio::test]
async fn a_required_nullable_member_is_always_sent() {
    use flarekit::ai_gateway::{CreateAiGateway, RateLimitingTechnique as Technique};
    use flarekit::Endpoint;
    let create = |ttl: Option<i64>| {
        CreateAiGateway::new(ACCOUNT.into(), true, ttl, false, "my-gateway", None, Some(10), Technique::Fixed)
    };
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({})), Reply::ok(200, json!({}))]).await;
    let client = server.client("token");
    // The answer is not a gateway here: only the request is judged.
    let _ = create(None).send(&client).await;
    let _ = create(Some(60)).send(&client).await;
    let sent: Vec<serde_json::Value> = server.requests().iter().map(|r| r.json()).collect();
    assert_eq!(
        sent[0],
        json!({"cache_invalidate_on_update": true, "cache_ttl": null, "collect_logs": false, "id": "my-gateway",
               "rate_limiting_interval": null, "rate_limiting_limit": 10, "rate_limiting_technique": "fixed"})
    );
    assert_eq!((&sent[1]["cache_ttl"], &sent[1]["rate_limiting_interval"]), (&json!(60), &json!(null)));
    // Its rules still apply to a value.
    let err = create(Some(-1)).send(&client).await.unwrap_err();
    assert_eq!(violations(err), [("cache_ttl".to_owned(), "minimum")]);
    assert_eq!(server.requests().len(), 2, "the invalid request was not sent");
    // The catalog says required and nullable; the fake takes the `null`, and refuses a missing one.
    let field = CreateAiGateway::INFO.field("cache_ttl").expect("declared");
    assert!(field.required && field.nullable);
    let fake = flarekit_fake::MockServer::start().await.expect("fake");
    let created = create(None).send(&fake.client()).await.expect("accepted with `null`s");
    assert_eq!((created.cache_ttl, created.rate_limiting_limit), (None, Some(10)));
    let err = WithoutTtl::new(ACCOUNT, true, false, "other", "fixed").send(&fake.client()).await.unwrap_err();
    match err.kind() {
        ErrorKind::Api(api) => {
            assert_eq!(api.status, 400);
            assert!(api.errors.iter().any(|e| e.message.contains("`cache_ttl` is required")), "{api:?}");
        }
        other => panic!("expected the fake's refusal, got {other}"),
    }
}

/// The same operation with `cache_ttl` left out, as a caller's own declaration would send it.
#[endpoint(POST, "/accounts/<account_id>/ai-gateway/gateways", perm = "AI Gateway Write",
           response = serde_json::Value, unregistered)]
#[derive(Debug, Clone)]
struct WithoutTtl {
    account_id: String,
    cache_invalidate_on_update: bool,
    collect_logs: bool,
    id: String,
    rate_limiting_technique: String,
    rate_limiting_interval: Option<i64>,
}
