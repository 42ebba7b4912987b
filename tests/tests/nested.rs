//! Nested values on the wire: the rules of objects inside a request (a batch's items) are
//! checked like the request's own fields, each violation named by its path, and a request that
//! breaks one sends nothing; a `Nullable::Omit` is never sent as `null`.

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
