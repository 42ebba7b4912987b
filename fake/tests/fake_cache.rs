//! Cache purge on the fake: one way per request, at most 100 items, well-formed items only.

use flarekit::cache::{PurgeCache, PurgeCacheFilesItem};
use flarekit::zones::{CreateZone, CreateZoneAccount};
use flarekit::{ErrorKind, ZoneId};
use flarekit_fake::MockServer;
use serde_json::{json, Value};

mod common;

async fn zone(server: &MockServer) -> ZoneId {
    let account = CreateZoneAccount { id: Some("023e105f4ecef8ad9ca31a8372d0c353".into()) };
    let zone = CreateZone::new(account, "example.com").send(&server.client()).await.expect("a zone");
    ZoneId::from(zone.id.as_str())
}

/// Purges with this body, raw: the status and the errors' pointers and messages.
async fn purge(server: &MockServer, zone: &ZoneId, body: Value) -> (u16, Vec<(String, String)>) {
    let path = format!("/zones/{zone}/purge_cache");
    let (status, body) = common::send_json(server, reqwest::Method::POST, &path, &body).await;
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    let errors = errors
        .iter()
        .map(|e| {
            (e["source"]["pointer"].as_str().unwrap_or("-").to_owned(), e["message"].as_str().unwrap_or("").to_owned())
        })
        .collect();
    (status, errors)
}

#[tokio::test]
async fn each_way_purges_and_answers_the_zone() {
    let server = MockServer::start().await.expect("the fake starts");
    let zone = zone(&server).await;
    let client = server.client();
    let files = vec![PurgeCacheFilesItem::String("https://example.com/app.css".into())];
    let done = PurgeCache::new(zone.clone()).files(files).send(&client).await.expect("purged by file");
    assert_eq!(done.map(|d| d.id), Some(zone.to_string()));
    for body in [
        json!({"files": [{"url": "https://example.com/app.css", "headers": {"CF-Device-Type": "mobile"}}]}),
        json!({"tags": ["product-42"]}),
        json!({"hosts": ["www.example.com"]}),
        json!({"prefixes": ["www.example.com/assets"]}),
        json!({"purge_everything": true}),
    ] {
        assert_eq!(purge(&server, &zone, body.clone()).await, (200, vec![]), "{body}");
    }
}

#[tokio::test]
async fn more_than_one_way_too_many_items_and_bad_items_are_refused() {
    let server = MockServer::start().await.expect("the fake starts");
    let zone = zone(&server).await;
    let (status, errors) = purge(&server, &zone, json!({"tags": ["a"], "purge_everything": true})).await;
    assert_eq!(
        (status, errors[0].1.as_str()),
        (400, "give exactly one of `files`, `tags`, `hosts`, `prefixes`, `purge_everything`; got 2")
    );
    assert_eq!(purge(&server, &zone, json!({})).await.0, 400);

    let tags: Vec<String> = (0..101).map(|i| format!("t{i}")).collect();
    let (status, errors) = purge(&server, &zone, json!({ "tags": tags })).await;
    assert_eq!(
        (status, errors),
        (400, vec![("/tags".into(), "`tags` holds 101 items; a request purges at most 100".into())])
    );
    let tags: Vec<String> = (0..100).map(|i| format!("t{i}")).collect();
    assert_eq!(purge(&server, &zone, json!({ "tags": tags })).await.0, 200);

    let (status, errors) =
        purge(&server, &zone, json!({"files": ["https://example.com/a", "example.com/b", {"headers": {}}]})).await;
    let pointers: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!((status, pointers), (400, vec!["/files/1", "/files/2"]));
    let (status, errors) = purge(&server, &zone, json!({"hosts": ["https://www.example.com"]})).await;
    assert_eq!((status, errors[0].0.as_str()), (400, "/hosts/0"));
    assert_eq!(purge(&server, &zone, json!({"purge_everything": false})).await.0, 400);
}

#[tokio::test]
async fn an_unknown_zone_is_a_404() {
    let server = MockServer::start().await.expect("the fake starts");
    let err = PurgeCache::new("0123456789abcdef0123456789abcdef".into())
        .purge_everything(true)
        .send(&server.client())
        .await
        .expect_err("no such zone");
    let ErrorKind::Api(e) = err.kind() else { panic!("{err:?}") };
    assert_eq!(e.status, 404);
}
