//! The resources the fake serves generically, from the catalog: D1 databases and Queues here
//! (any creatable collection with items below it is served the same way).

use flarekit::d1::database::{CreateDatabase, ListDatabase};
use flarekit_fake::{codes, MockServer};
use serde_json::{json, Value};

mod common;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

async fn call(server: &MockServer, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    common::send_json(server, method, &format!("/accounts/{ACCOUNT}{path}"), &body).await
}

#[tokio::test]
async fn a_queue_is_created_read_replaced_and_deleted() {
    let server = MockServer::start().await.expect("the fake starts");
    let (status, created) = call(&server, reqwest::Method::POST, "/queues", json!({"queue_name": "jobs"})).await;
    assert_eq!(status, 200, "{created}");
    let queue = &created["result"];
    let id = queue["id"].as_str().expect("an id").to_owned();
    assert_eq!(queue["queue_name"], "jobs");
    assert!(queue["created_on"].is_string() && queue["created_on"] == queue["modified_on"], "{queue}");

    let (status, got) = call(&server, reqwest::Method::GET, &format!("/queues/{id}"), json!(null)).await;
    assert_eq!((status, &got["result"]), (200, queue));
    let (status, listed) = call(&server, reqwest::Method::GET, "/queues", json!(null)).await;
    assert_eq!((status, listed["result"].as_array().map(Vec::len)), (200, Some(1)));

    let (status, put) =
        call(&server, reqwest::Method::PUT, &format!("/queues/{id}"), json!({"queue_name": "work"})).await;
    assert_eq!((status, &put["result"]["queue_name"], &put["result"]["id"]), (200, &json!("work"), &json!(id)));
    assert_eq!(put["result"]["created_on"], queue["created_on"]);

    let consumers = format!("/queues/{id}/consumers");
    let consumer = json!({"script_name": "w", "type": "worker"});
    let (status, made) = call(&server, reqwest::Method::POST, &consumers, consumer).await;
    assert_eq!(status, 200, "{made}");
    let (status, listed) = call(&server, reqwest::Method::GET, &consumers, json!(null)).await;
    assert_eq!((status, listed["result"].as_array().map(Vec::len)), (200, Some(1)));

    let (status, deleted) = call(&server, reqwest::Method::DELETE, &format!("/queues/{id}"), json!(null)).await;
    assert_eq!((status, &deleted["result"]["id"]), (200, &json!(id)));
    let (status, gone) = call(&server, reqwest::Method::GET, &format!("/queues/{id}"), json!(null)).await;
    assert_eq!((status, &gone["errors"][0]["code"]), (404, &json!(codes::NOT_FOUND)));
    // A sub-collection needs its resource: consumers of a queue that is gone are a 404.
    let consumers = format!("/queues/{id}/consumers");
    let (status, _) =
        call(&server, reqwest::Method::POST, &consumers, json!({"script_name": "w", "type": "worker"})).await;
    assert_eq!(status, 404);
    // Another account's queues are its own.
    let other = common::send_json(
        &server,
        reqwest::Method::GET,
        "/accounts/0123456789abcdef0123456789abcdef/queues",
        &json!(null),
    )
    .await;
    assert_eq!(other.1["result"], json!([]));
}

#[tokio::test]
async fn d1_databases_are_checked_against_the_declaration_and_listed_by_name() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    for name in ["app", "analytics"] {
        CreateDatabase::new(ACCOUNT.into(), name).send(&client).await.expect("created");
    }
    // The declaration's pattern is checked on the wire too.
    let (status, body) = call(&server, reqwest::Method::POST, "/d1/database", json!({"name": "Not Valid"})).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &json!("/name")));
    let (status, body) = call(&server, reqwest::Method::POST, "/d1/database", json!({})).await;
    assert_eq!((status, &body["errors"][0]["message"]), (400, &json!("`name` is required")));

    let named = client.send(ListDatabase::new(ACCOUNT.into()).name("app")).await.expect("listed");
    assert_eq!(named.iter().map(|d| d.name.as_deref()).collect::<Vec<_>>(), [Some("app")]);
    let (status, page) = call(&server, reqwest::Method::GET, "/d1/database?per_page=10", json!(null)).await;
    assert_eq!((status, &page["result_info"]["total_count"]), (200, &json!(2)));
}

/// Bodies sent whole that are not an object: an absent optional one (a tag created without
/// its name, as the document allows) and a list (a list's new items). Neither is a member
/// map a generic resource can hold: the first creates a resource of no members, the second is
/// answered like an operation that is not plain CRUD. Neither is refused as malformed JSON.
#[tokio::test]
async fn whole_bodies_that_are_not_objects_are_answered() {
    use flarekit::rules::lists::items::{CreateItem, ItemBodyItem};
    use flarekit::zero_trust::access::tags::CreateTag;

    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let tag = CreateTag::new(ACCOUNT.into()).send(&client).await.expect("no body is no members");
    assert!(!tag.name.is_empty(), "the answer is a tag: {tag:?}");

    let item = ItemBodyItem { ip: Some("10.0.0.1".into()), ..ItemBodyItem::default() };
    let list = "2c0fc9fa937b11eaa1b71c4d701ab86e";
    // The answer is the document's, built from its schema (which requires nothing of it).
    CreateItem::new(ACCOUNT.into(), list, vec![item]).send(&client).await.expect("a list body is answered");
    // Invalid JSON sent whole is still malformed.
    let (status, answer) =
        common::send_raw(&server, "POST", &format!("/accounts/{ACCOUNT}/rules/lists/{list}/items"), "[1,").await;
    assert_eq!((status, &answer["errors"][0]["code"]), (400, &json!(codes::MALFORMED_JSON)));
}

/// A stored resource is answered as the operation's answer type reads it: a member sent as
/// another kind than the answer's, or one the answer does not declare (a write-only secret), is
/// left out; a member the answer always has is filled in; an answer that wraps the resource
/// holds it. Each answer decodes as the operation's own type.
#[tokio::test]
async fn stored_resources_are_answered_in_the_answer_type() {
    use flarekit::zero_trust::devices::posture::integrations::{
        ConfigRequest, CreateIntegration, GetIntegration, ListIntegrations, SchemasType,
    };
    use flarekit::zero_trust::dlp::datasets::{CreateDataset, GetDataset};

    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();

    // A DLP dataset: the request's `secret` is a boolean, the create answer's a string (the
    // secret Cloudflare makes for it), which the fake does not make; the dataset is in `dataset`.
    let created = CreateDataset::new(ACCOUNT.into(), "cards").secret(false).send(&client).await.expect("created");
    assert_eq!(created.secret, None);
    assert_eq!((created.dataset.name.as_str(), created.dataset.secret), ("cards", false));
    let id = created.dataset.id.clone();
    let got = GetDataset::new(ACCOUNT.into(), &id).send(&client).await.expect("read");
    assert_eq!(got, created.dataset);
    let (status, raw) = call(&server, reqwest::Method::GET, &format!("/dlp/datasets/{id}"), json!(null)).await;
    assert_eq!((status, &raw["result"]["secret"], &raw["result"]["name"]), (200, &json!(false), &json!("cards")));

    // A posture integration sent with a client id and secret alone: the answer's `config` is
    // Workspace One's, which always has `api_url` and `auth_url`, and never the secret.
    let config = ConfigRequest {
        access_client_id: None,
        access_client_secret: None,
        api_url: None,
        auth_url: None,
        client_id: Some("client-1".into()),
        client_key: None,
        client_secret: "not-answered".into(),
        customer_id: None,
    };
    let create = CreateIntegration::new(ACCOUNT.into(), config, "10m", "fleet", SchemasType::Intune);
    let created = create.send(&client).await.expect("created");
    let id = created.id.clone().expect("an id");
    let (status, raw) =
        call(&server, reqwest::Method::GET, &format!("/devices/posture/integration/{id}"), json!(null)).await;
    assert_eq!(status, 200);
    assert_eq!(
        raw["result"],
        json!({
            "config": {"api_url": "example", "auth_url": "example", "client_id": "client-1"},
            "id": id,
            "interval": "10m",
            "name": "fleet",
            "type": "intune",
        })
    );
    let got = GetIntegration::new(ACCOUNT.into(), &id).send(&client).await.expect("read");
    assert_eq!(got, created);
    let listed = ListIntegrations::new(ACCOUNT.into()).send(&client).await.expect("listed");
    assert_eq!(listed, [created]);
}
