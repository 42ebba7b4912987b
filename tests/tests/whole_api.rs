//! Generated operations where applications live, on the wire: finding a zone by name, purging
//! its cache (by URL, with headers, and by tag), and checking a token. A real HTTP server on
//! 127.0.0.1 records each request; the tests assert it and the value the caller got back.

use flarekit::cache::{PurgeCache, PurgeCacheFilesItem, PurgeCacheFilesItemObject};
use flarekit::user::tokens::{Status, VerifyToken};
use flarekit::zones::{ListZones, ListZonesMatch};
use flarekit::{Endpoint, ErrorKind};
use flarekit_tests::{Reply, TestServer};
use futures_util::TryStreamExt;
use serde_json::json;

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN: &str = "Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY";

fn zone(id: &str, name: &str) -> serde_json::Value {
    json!({
        "id": id,
        "name": name,
        "account": {"id": "01a7362d577a6c3019a474fd6f485823", "name": "Demo Account"},
        "meta": {"phishing_detected": false},
        "owner": {"type": "user"},
        "name_servers": ["bob.ns.cloudflare.com", "lola.ns.cloudflare.com"],
        "status": "active"
    })
}

#[tokio::test]
async fn a_zone_is_found_by_its_name() {
    let page = json!({
        "success": true, "errors": [], "messages": [],
        "result": [zone(ZONE, "example.com")],
        "result_info": {"page": 1, "per_page": 20, "total_pages": 1, "count": 1, "total_count": 1}
    });
    let server = TestServer::with_replies(vec![Reply::json(200, page)]).await;
    let client = server.client(TOKEN);
    let list = ListZones::new().name("example.com").r#match(ListZonesMatch::All);
    let zones: Vec<_> = client.paginate(list).try_collect().await.expect("the list");

    let [req] = server.requests().try_into().expect("one request");
    assert_eq!((req.method.as_str(), req.path.as_str()), ("GET", "/client/v4/zones"));
    assert_eq!(req.query.as_deref(), Some("name=example.com&match=all"));
    assert_eq!(req.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(zones.len(), 1);
    assert_eq!((zones[0].id.as_str(), zones[0].name.as_str()), (ZONE, "example.com"));
    assert_eq!(
        zones[0].name_servers.as_deref(),
        Some(&["bob.ns.cloudflare.com".to_owned(), "lola.ns.cloudflare.com".to_owned()][..])
    );
    assert_eq!(zones[0].account.name.as_deref(), Some("Demo Account"));
}

#[tokio::test]
async fn cache_is_purged_by_url_with_headers_and_by_tag() {
    let server =
        TestServer::with_replies(vec![Reply::ok(200, json!({"id": ZONE})), Reply::ok(200, json!({"id": ZONE}))]).await;
    let client = server.client(TOKEN);

    // Files are URLs, or URLs with the headers their cache key varies on.
    let mobile = PurgeCacheFilesItemObject {
        url: Some("https://example.com/app.css".into()),
        headers: Some(json!({"CF-Device-Type": "mobile"}).as_object().cloned().unwrap_or_default()),
    };
    let files = vec![
        PurgeCacheFilesItem::String("https://example.com/index.html".into()),
        PurgeCacheFilesItem::Object(Box::new(mobile)),
    ];
    let purged = PurgeCache::new(ZONE.into()).files(files).send(&client).await.expect("purge by file");
    assert_eq!(purged.map(|r| r.id).as_deref(), Some(ZONE));

    let by_tag = PurgeCache::new(ZONE.into()).tags(vec!["product-42".into()]);
    assert_eq!(PurgeCache::INFO.permissions, ["Cache Purge"]);
    by_tag.send(&client).await.expect("purge by tag");

    let [files_req, tags_req] = server.requests().try_into().expect("two requests");
    assert_eq!(
        (files_req.method.as_str(), files_req.path.as_str()),
        ("POST", &*format!("/client/v4/zones/{ZONE}/purge_cache"))
    );
    assert_eq!(
        files_req.json(),
        json!({"files": [
            "https://example.com/index.html",
            {"url": "https://example.com/app.css", "headers": {"CF-Device-Type": "mobile"}}
        ]})
    );
    assert_eq!(tags_req.json(), json!({"tags": ["product-42"]}));
}

#[tokio::test]
async fn a_token_is_verified_and_an_unknown_status_is_kept() {
    let verified = json!({"id": "ed17574386854bf78a67040be0a770b0", "status": "active"});
    let later = json!({"id": "ed17574386854bf78a67040be0a770b0", "status": "suspended"});
    let server = TestServer::with_replies(vec![Reply::ok(200, verified), Reply::ok(200, later)]).await;
    let client = server.client(TOKEN);

    let token = VerifyToken::new().send(&client).await.expect("verify");
    assert_eq!(token.status, Status::Active);
    assert_eq!(token.id.as_deref(), Some("ed17574386854bf78a67040be0a770b0"));
    let req = &server.requests()[0];
    assert_eq!((req.method.as_str(), req.path.as_str(), req.body.len()), ("GET", "/client/v4/user/tokens/verify", 0));

    // A status this version does not know decodes, and says what it was.
    let token = VerifyToken::new().send(&client).await.expect("verify");
    assert_eq!(token.status, Status::Unknown("suspended".into()));
}

#[tokio::test]
async fn a_purge_with_a_bad_zone_id_sends_nothing() {
    let server = TestServer::with_replies(vec![]).await;
    let client = server.client(TOKEN);
    // `..` would climb out of `/zones/<zone_id>` and purge through another path; an id longer
    // than Cloudflare's 32 characters is refused too.
    for (zone_id, rule) in [("..", "path_segment"), ("", "path_segment"), (&*"0".repeat(33), "max_length")] {
        let err = PurgeCache::new(zone_id.into()).purge_everything(true).send(&client).await.expect_err("refused");
        let ErrorKind::Validation(v) = err.kind() else { panic!("expected a validation error, got {err:?}") };
        let named: Vec<_> = v.violations().iter().map(|x| (x.field.to_string(), x.rule.name())).collect();
        assert_eq!(named, [("zone_id".to_owned(), rule)], "{zone_id:?}");
    }
    assert!(server.requests().is_empty(), "nothing reached the server");
}

/// The README's example ("The whole API"), word for word.
async fn deployed(client: &flarekit::Client) -> Result<(), Box<dyn std::error::Error>> {
    // `GET /user/tokens/verify`: a status this version does not know is `Status::Unknown`.
    if VerifyToken::new().send(client).await?.status != Status::Active {
        return Err("the API token is not active".into());
    }
    let zones: Vec<_> = client.paginate(ListZones::new().name("example.com")).try_collect().await?;
    let zone = zones.first().ok_or("no zone example.com")?;
    // By tag here; `files`, `hosts`, `prefixes` and `purge_everything` are the other ways.
    PurgeCache::new(zone.id.as_str().into()).tags(vec!["product-42".into()]).send(client).await?;
    Ok(())
}

#[tokio::test]
async fn the_readme_deploy_step_verifies_finds_and_purges() {
    let page = json!({
        "success": true, "errors": [], "messages": [],
        "result": [zone(ZONE, "example.com")],
        "result_info": {"page": 1, "per_page": 20, "total_pages": 1, "count": 1, "total_count": 1}
    });
    let server = TestServer::with_replies(vec![
        Reply::ok(200, json!({"id": "ed17574386854bf78a67040be0a770b0", "status": "active"})),
        Reply::json(200, page),
        Reply::ok(200, json!({"id": ZONE})),
    ])
    .await;
    deployed(&server.client(TOKEN)).await.expect("the deploy step");
    let calls: Vec<(String, String)> = server.requests().iter().map(|r| (r.method.clone(), r.path.clone())).collect();
    assert_eq!(
        calls,
        [
            ("GET".to_owned(), "/client/v4/user/tokens/verify".to_owned()),
            ("GET".to_owned(), "/client/v4/zones".to_owned()),
            ("POST".to_owned(), format!("/client/v4/zones/{ZONE}/purge_cache")),
        ]
    );
    assert_eq!(server.requests()[2].json(), json!({"tags": ["product-42"]}));

    // A disabled token stops it before anything else is sent.
    let server = TestServer::with_replies(vec![Reply::ok(200, json!({"status": "disabled"}))]).await;
    let err = deployed(&server.client(TOKEN)).await.expect_err("a disabled token");
    assert_eq!(err.to_string(), "the API token is not active");
    assert_eq!(server.requests().len(), 1);
}

/// The README's example and `deployed` above stay the same code: a change to one fails here.
#[test]
fn the_readme_example_is_the_tested_one() {
    let readme = include_str!("../../README.md");
    let start = readme.find("async fn deployed(").expect("the README has the example");
    let block = &readme[start..start + readme[start..].find("\n}\n").expect("its end") + 2];
    assert!(include_str!("whole_api.rs").contains(block), "README's deployed() differs from the tested one:\n{block}");
}
