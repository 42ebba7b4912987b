//! Bodies that are a union of objects told apart only by the members each requires (a member
//! created with `roles` or with `policies`; an index sized by `dimensions` and `metric` or by a
//! `preset`): one type holds every member, and a request must give one alternative's members
//! whole. The client refuses one that gives none before anything is sent, naming the rule and
//! the sets; the catalog carries the sets, and the fake refuses such a body too.

use flarekit::accounts::members::CreateMember;
use flarekit::validate::Validator;
use flarekit::vectorize::indexes::{CreateAccountIndex, IndexConfiguration, IndexMetric, IndexPreset};
use flarekit::{endpoint, Endpoint, ErrorKind, Validate};
use flarekit_tests::{Reply, TestServer};
use serde_json::json;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

fn refusal(err: flarekit::Error) -> String {
    match err.into_kind() {
        ErrorKind::Validation(v) => v.to_string(),
        other => panic!("expected a validation error, got {other}"),
    }
}

#[tokio::test]
async fn a_member_without_roles_or_policies_is_refused_before_sending() {
    let server =
        TestServer::with_replies(vec![Reply::ok(200, json!({"id": "4536bcfad5faccb111b47003c79917fa"}))]).await;
    let client = server.client("token");
    let err = CreateMember::new(ACCOUNT.into(), "user@example.com").send(&client).await.unwrap_err();
    assert_eq!(refusal(err), "invalid request (1 violation): `body` (requires_any): must give `roles`, or `policies`");
    assert!(server.requests().is_empty(), "nothing reached the server");

    let member = CreateMember::new(ACCOUNT.into(), "user@example.com")
        .roles(vec!["3536bcfad5faccb999b47003c79917fb".into()])
        .send(&client)
        .await
        .expect("one alternative given whole");
    assert_eq!(member.id.as_deref(), Some("4536bcfad5faccb111b47003c79917fa"));
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/members")
    );
    assert_eq!(req.json(), json!({"email": "user@example.com", "roles": ["3536bcfad5faccb999b47003c79917fb"]}));
}

#[tokio::test]
async fn a_nested_union_names_its_path_and_a_half_given_set_does_not_count() {
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({"name": "docs"}))]).await;
    let client = server.client("token");
    // `dimensions` without `metric` gives no set whole.
    let half = IndexConfiguration { dimensions: Some(768), ..IndexConfiguration::default() };
    let err = CreateAccountIndex::new(ACCOUNT.into(), half, "docs").send(&client).await.unwrap_err();
    assert_eq!(
        refusal(err),
        "invalid request (1 violation): `config` (requires_any): must give `dimensions` and `metric`, or `preset`"
    );
    assert!(server.requests().is_empty(), "nothing reached the server");

    let sized = IndexConfiguration { dimensions: Some(768), metric: Some(IndexMetric::Cosine), preset: None };
    CreateAccountIndex::new(ACCOUNT.into(), sized, "docs").send(&client).await.expect("sized by hand");
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.json(), json!({"config": {"dimensions": 768, "metric": "cosine"}, "name": "docs"}));
    let preset = IndexConfiguration { preset: Some(IndexPreset::CfBaaiBgeSmallEnV15), ..IndexConfiguration::default() };
    let mut v = Validator::new();
    preset.validate(&mut v);
    assert!(v.finish().is_ok(), "a preset alone is an alternative");
}

#[test]
fn the_catalog_carries_the_sets() {
    assert_eq!(CreateMember::INFO.requires_any, [&["roles"][..], &["policies"][..]]);
    let openapi = flarekit::catalog::to_openapi([CreateMember::INFO]);
    let body = &openapi["paths"]["/accounts/{account_id}/members"]["post"]["requestBody"];
    let schema = &body["content"]["application/json"]["schema"];
    assert_eq!(schema["anyOf"], json!([{"required": ["roles"]}, {"required": ["policies"]}]));
}

/// The same operation as a caller's own declaration that knows nothing of the alternatives.
#[endpoint(POST, "/accounts/<account_id>/members", perm = "Account Settings Write", response = serde_json::Value,
           unregistered)]
#[derive(Debug, Clone)]
struct InviteByEmail {
    account_id: String,
    email: String,
}

#[tokio::test]
async fn the_fake_refuses_a_body_that_gives_no_alternative() {
    let fake = flarekit_fake::MockServer::start().await.expect("fake");
    let err = InviteByEmail::new(ACCOUNT, "user@example.com").send(&fake.client()).await.unwrap_err();
    match err.kind() {
        ErrorKind::Api(api) => {
            assert_eq!(api.status, 400);
            let messages: Vec<&str> = api.errors.iter().map(|e| e.message.as_str()).collect();
            assert!(messages.contains(&"the body must give `roles`, or `policies`"), "{messages:?}");
        }
        other => panic!("expected the fake's refusal, got {other}"),
    }
    let created = CreateMember::new(ACCOUNT.into(), "user@example.com")
        .policies(Vec::new())
        .send(&fake.client())
        .await
        .expect("the fake takes one alternative");
    assert!(created.id.is_some());
}
