//! Generated operations where applications live, on the wire: finding a zone by name, purging
//! its cache (by URL, with headers, and by tag), checking a token, pointing a host at an address
//! (dynamic DNS), an ACME DNS-01 challenge record, a build artefact kept in KV, and a Worker
//! shipped with its bindings and route. A real HTTP server on
//! 127.0.0.1 records each request; the tests assert it and the value the caller got back.

use flarekit::cache::{PurgeCache, PurgeCacheFilesItem, PurgeCacheFilesItemObject};
use flarekit::dns::records::{
    BatchDelete, BatchDnsRecords, CreateRecord, DeleteRecord, DnsRecord, EditRecord, ListDnsRecords, RecordType,
};
use flarekit::kv::namespaces::keys::ListKeys;
use flarekit::kv::namespaces::values::{ReadKeyValuePair, WriteKeyValuePair};
use flarekit::kv::namespaces::{CreateNamespace, ListNamespaces};
use flarekit::request::Blob;
use flarekit::user::tokens::{Status, VerifyToken};
use flarekit::workers::routes::{CreateRoute, ListRoutes};
use flarekit::workers::scripts::{Binding, GetScript, ListScripts, ScriptMetadata, UploadWorkerModule};
use flarekit::zones::{CreateZone, CreateZoneAccount, ListZones, ListZonesMatch};
use flarekit::{AccountId, Endpoint, ErrorKind, Secret, ZoneId};
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
    let server = TestServer::with_replies(vec![page(json!([zone(ZONE, "example.com")]))]).await;
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

/// The README's dynamic-DNS example, word for word.
async fn point(
    client: &flarekit::Client,
    zone: &str,
    host: &str,
    address: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let zones: Vec<_> = client.paginate(ListZones::new().name(zone)).try_collect().await?;
    let zone_id = flarekit::ZoneId::from(&zones.first().ok_or("no such zone")?.id);
    let list = ListDnsRecords::new(zone_id.clone()).kind(RecordType::A).name(host);
    let records: Vec<DnsRecord> = client.paginate(list).try_collect().await?;
    let record = DnsRecord::a(host, address);
    match records.first() {
        Some(DnsRecord::A(a)) if a.content == address => {}
        Some(DnsRecord::A(a)) => {
            EditRecord::new(zone_id, a.id.as_deref().unwrap_or_default(), record).send(client).await?;
        }
        _ => {
            CreateRecord::new(zone_id, record).send(client).await?;
        }
    }
    Ok(())
}

fn page(result: serde_json::Value) -> Reply {
    let count = result.as_array().map_or(0, Vec::len);
    Reply::json(
        200,
        json!({"success": true, "errors": [], "messages": [], "result": result,
               "result_info": {"page": 1, "per_page": 100, "total_pages": 1, "count": count, "total_count": count}}),
    )
}

const RECORD: &str = "372e67954025e0ba6aaa6d586b9e0b59";

fn a_record(address: &str) -> serde_json::Value {
    json!({"id": RECORD, "type": "A", "name": "home.example.com", "content": address, "proxied": false, "ttl": 1,
           "proxiable": true, "created_on": "2026-01-01T00:00:00Z", "modified_on": "2026-01-01T00:00:00Z"})
}

#[tokio::test]
async fn dynamic_dns_edits_the_record_creates_it_or_leaves_it() {
    let zones = || page(json!([zone(ZONE, "example.com")]));
    let server = TestServer::with_replies(vec![
        // A new address: the record is edited.
        zones(),
        page(json!([a_record("198.51.100.4")])),
        Reply::ok(200, a_record("198.51.100.7")),
        // No record yet: one is created.
        zones(),
        page(json!([])),
        Reply::ok(200, a_record("198.51.100.7")),
        // The same address: nothing is sent after the list.
        zones(),
        page(json!([a_record("198.51.100.7")])),
    ])
    .await;
    let client = server.client(TOKEN);
    for _ in 0..3 {
        point(&client, "example.com", "home.example.com", "198.51.100.7").await.expect("pointed");
    }

    let reqs = server.requests();
    let calls: Vec<(&str, &str, Option<&str>)> =
        reqs.iter().map(|r| (r.method.as_str(), r.path.as_str(), r.query.as_deref())).collect();
    let records = format!("/client/v4/zones/{ZONE}/dns_records");
    let record = format!("{records}/{RECORD}");
    let list = Some("type=A&name=home.example.com");
    let zones = ("GET", "/client/v4/zones", Some("name=example.com"));
    assert_eq!(
        calls,
        [
            zones,
            ("GET", records.as_str(), list),
            ("PATCH", record.as_str(), None),
            zones,
            ("GET", records.as_str(), list),
            ("POST", records.as_str(), None),
            zones,
            ("GET", records.as_str(), list),
        ]
    );
    let sent = json!({"type": "A", "name": "home.example.com", "content": "198.51.100.7"});
    assert_eq!((reqs[2].json(), reqs[5].json()), (sent.clone(), sent));
    assert_eq!(reqs[2].header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn an_acme_challenge_record_is_created_then_deleted() {
    let txt = json!({"id": RECORD, "type": "TXT", "name": "_acme-challenge.example.com", "content": "\"gfj9Xq\"",
                     "ttl": 60, "proxiable": false, "created_on": "2026-01-01T00:00:00Z",
                     "modified_on": "2026-01-01T00:00:00Z"});
    let server = TestServer::with_replies(vec![Reply::ok(200, txt), Reply::ok(200, json!({"id": RECORD}))]).await;
    let client = server.client(TOKEN);

    let mut challenge = DnsRecord::txt("_acme-challenge.example.com", "\"gfj9Xq\"");
    if let DnsRecord::Txt(t) = &mut challenge {
        t.ttl = Some(60.0);
    }
    let created = CreateRecord::new(ZONE.into(), challenge).send(&client).await.expect("created");
    let DnsRecord::Txt(created) = created else { panic!("{created:?}") };
    assert_eq!((created.id.as_deref(), created.content.as_str()), (Some(RECORD), "\"gfj9Xq\""));
    assert_eq!(created.ttl, Some(60.0));
    let deleted = DeleteRecord::new(ZONE.into(), RECORD).send(&client).await.expect("deleted");
    assert_eq!(deleted.id.as_deref(), Some(RECORD));

    let [create, delete] = server.requests().try_into().expect("two requests");
    assert_eq!(
        (create.method.as_str(), create.path.as_str()),
        ("POST", &*format!("/client/v4/zones/{ZONE}/dns_records"))
    );
    // The document types `ttl` as a JSON number (`f64`): sent as the integer `60`, not `60.0`.
    assert_eq!(
        std::str::from_utf8(&create.body),
        Ok(r#"{"content":"\"gfj9Xq\"","name":"_acme-challenge.example.com","ttl":60,"type":"TXT"}"#)
    );
    assert_eq!(
        (delete.method.as_str(), delete.path.as_str()),
        ("DELETE", &*format!("/client/v4/zones/{ZONE}/dns_records/{RECORD}"))
    );
    assert!(delete.body.is_empty());
    assert_eq!(CreateRecord::INFO.permissions, ["DNS Write"]);
}

#[tokio::test]
async fn an_edit_of_a_record_without_an_id_sends_nothing() {
    let server = TestServer::with_replies(vec![]).await;
    let err = EditRecord::new(ZONE.into(), "", DnsRecord::a("home.example.com", "198.51.100.7"))
        .send(&server.client(TOKEN))
        .await
        .expect_err("refused");
    let ErrorKind::Validation(v) = err.kind() else { panic!("expected a validation error, got {err:?}") };
    assert_eq!(v.violations()[0].field.to_string(), "dns_record_id");
    assert!(server.requests().is_empty());
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
    let server = TestServer::with_replies(vec![
        Reply::ok(200, json!({"id": "ed17574386854bf78a67040be0a770b0", "status": "active"})),
        page(json!([zone(ZONE, "example.com")])),
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
const ACCOUNT: &str = "01a7362d577a6c3019a474fd6f485823";
const NAMESPACE: &str = "0f2ac74b498b48028cb68387c421e279";

/// The README's KV example, word for word.
/// Keeps `bytes` under `key` for a day in the namespace `builds` (created when missing), and
/// returns the keys beside it: those under `build/42/` for `build/42/app.wasm`.
async fn stash(
    client: &flarekit::Client,
    account: &AccountId,
    key: &str,
    bytes: Vec<u8>,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let namespaces: Vec<_> = client.paginate(ListNamespaces::new(account.clone())).try_collect().await?;
    let namespace = match namespaces.into_iter().find(|n| n.title == "builds") {
        Some(found) => found,
        None => CreateNamespace::new(account.clone(), "builds").send(client).await?,
    };
    let id = namespace.id.ok_or("a namespace without an id")?;
    // A `/` in the key stays part of the one key (it is sent as `%2F`).
    let value = Blob::from(bytes.clone());
    WriteKeyValuePair::new(account.clone(), &id, key, value).expiration_ttl(86_400).send(client).await?;
    let stored = ReadKeyValuePair::new(account.clone(), &id, key).send(client).await?;
    if stored.bytes().as_ref() != bytes.as_slice() {
        return Err("KV returned other bytes".into());
    }
    let dir = key.rfind('/').map_or("", |end| &key[..=end]);
    let keys: Vec<_> = client.paginate(ListKeys::new(account.clone(), &id).prefix(dir)).try_collect().await?;
    Ok(keys.into_iter().map(|k| k.name).collect())
}

fn kv_value(bytes: &[u8]) -> Reply {
    Reply::Raw {
        status: 200,
        headers: vec![("content-type".into(), "application/octet-stream".into())],
        body: bytes.to_vec(),
    }
}

fn kv_keys(names: &[&str]) -> Reply {
    let keys: Vec<_> = names.iter().map(|n| json!({"name": n, "expiration": 1_767_225_600})).collect();
    Reply::json(
        200,
        json!({"success": true, "errors": [], "messages": [], "result": keys,
                            "result_info": {"count": names.len(), "cursor": ""}}),
    )
}

#[tokio::test]
async fn a_build_artefact_is_kept_in_kv_and_its_neighbours_listed() {
    let wasm: Vec<u8> = (0..=255u8).rev().collect();
    let builds = json!({"id": NAMESPACE, "title": "builds", "supports_url_encoding": true});
    let server = TestServer::with_replies(vec![
        page(json!([{"id": "11111111111111111111111111111111", "title": "sessions"}, builds])),
        Reply::ok(200, json!({})),
        kv_value(&wasm),
        kv_keys(&["build/42/app.wasm", "build/42/manifest.json"]),
    ])
    .await;
    let keys = stash(&server.client(TOKEN), &ACCOUNT.into(), "build/42/app.wasm", wasm.clone()).await.expect("kept");
    assert_eq!(keys, ["build/42/app.wasm", "build/42/manifest.json"]);

    let [list, write, read, listed] = server.requests().try_into().expect("four requests");
    let namespaces = format!("/client/v4/accounts/{ACCOUNT}/storage/kv/namespaces");
    let value = format!("{namespaces}/{NAMESPACE}/values/build%2F42%2Fapp.wasm");
    let seen = |r: &flarekit_tests::Recorded| (r.method.clone(), r.path.clone(), r.query.clone());
    assert_eq!(
        [seen(&list), seen(&write), seen(&read), seen(&listed)],
        [
            ("GET".into(), namespaces.clone(), None),
            ("PUT".into(), value.clone(), Some("expiration_ttl=86400".into())),
            ("GET".into(), value, None),
            ("GET".into(), format!("{namespaces}/{NAMESPACE}/keys"), Some("prefix=build%2F42%2F".into())),
        ]
    );
    // The value is the body, byte for byte.
    assert_eq!((write.header("content-type"), &write.body), (Some("application/octet-stream"), &wasm));
    assert_eq!(WriteKeyValuePair::INFO.permissions, ["Workers KV Storage Write"]);
}

#[tokio::test]
async fn a_missing_namespace_is_created_and_other_bytes_read_back_are_an_error() {
    let server = TestServer::with_replies(vec![
        page(json!([])),
        Reply::ok(200, json!({"id": NAMESPACE, "title": "builds"})),
        Reply::ok(200, json!({})),
        kv_value(b"stale"),
    ])
    .await;
    let err = stash(&server.client(TOKEN), &ACCOUNT.into(), "notes", b"fresh".to_vec()).await.expect_err("refused");
    assert_eq!(err.to_string(), "KV returned other bytes");

    let reqs = server.requests();
    let methods: Vec<_> = reqs.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["GET", "POST", "PUT", "GET"], "no key list after the mismatch");
    assert_eq!(reqs[1].path, format!("/client/v4/accounts/{ACCOUNT}/storage/kv/namespaces"));
    assert_eq!(std::str::from_utf8(&reqs[1].body), Ok(r#"{"title":"builds"}"#));
    assert_eq!(reqs[2].path, format!("/client/v4/accounts/{ACCOUNT}/storage/kv/namespaces/{NAMESPACE}/values/notes"));
    assert_eq!(reqs[2].body, b"fresh");
}

#[tokio::test]
async fn the_kv_example_runs_against_the_fake() {
    let server = flarekit_fake::MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let account = AccountId::from(ACCOUNT);
    let wasm: Vec<u8> = (0..=255u8).rev().collect();
    let keys = stash(&client, &account, "build/42/app.wasm", wasm).await.expect("kept");
    assert_eq!(keys, ["build/42/app.wasm"]);
    // The second run finds the namespace the first made, and lists both keys.
    let keys = stash(&client, &account, "build/42/manifest.json", b"{}".to_vec()).await.expect("kept");
    assert_eq!(keys, ["build/42/app.wasm", "build/42/manifest.json"]);
    let namespaces: Vec<_> = client.paginate(ListNamespaces::new(account.clone())).try_collect().await.expect("listed");
    assert_eq!(namespaces.len(), 1);
    // A day later both are gone.
    server.advance_clock(std::time::Duration::from_secs(86_401));
    let id = namespaces[0].id.as_deref().expect("an id");
    let left: Vec<_> =
        client.paginate(ListKeys::new(account, id).prefix("build/")).try_collect().await.expect("listed");
    assert!(left.is_empty(), "{left:?}");
}

/// The README's Workers example, word for word.
/// Uploads `source` as the Worker `shop-api` and routes `example.com/api/*` to it.
async fn ship(
    client: &flarekit::Client,
    (account, zone): (&AccountId, &ZoneId),
    source: String,
    api_key: Secret,
) -> Result<(), Box<dyn std::error::Error>> {
    let module = Blob::from(source).with_filename("worker.js").with_content_type("application/javascript+module");
    let mut metadata = ScriptMetadata::main_module("worker.js").compatibility_date("2024-08-01");
    metadata.bindings = Some(vec![
        Binding::KvNamespace { name: "BUILDS".into(), namespace_id: "0f2ac74b498b48028cb68387c421e279".into() },
        // Sent in the upload; `Debug` of the upload, the metadata or the binding shows `***`.
        Binding::SecretText { name: "API_KEY".into(), text: api_key },
    ]);
    UploadWorkerModule::new(account.clone(), "shop-api", metadata, vec![module]).send(client).await?;
    CreateRoute::new(zone.clone(), "example.com/api/*").script("shop-api").send(client).await?;
    Ok(())
}

const WORKER: &str = "export default { fetch() { return new Response('shop') } }";

#[tokio::test]
async fn a_worker_is_shipped_with_its_bindings_and_routed() {
    let script = json!({"id": "shop-api", "etag": "e1", "handlers": ["fetch"], "created_on": "2026-01-01T00:00:00Z"});
    let route = json!({"id": "9a7806061c88ada191ed06f989cc3dac", "pattern": "example.com/api/*", "script": "shop-api"});
    let server = TestServer::with_replies(vec![Reply::ok(200, script), Reply::ok(200, route)]).await;
    let (account, zone): (AccountId, ZoneId) = (ACCOUNT.into(), ZONE.into());
    ship(&server.client(TOKEN), (&account, &zone), WORKER.into(), Secret::new("sk_live_4eC39HqLyjWDarjtT1zdp7dc"))
        .await
        .expect("shipped");

    let [upload, routed] = server.requests().try_into().expect("two requests");
    assert_eq!(
        (upload.method.as_str(), upload.path.as_str()),
        ("PUT", &*format!("/client/v4/accounts/{ACCOUNT}/workers/scripts/shop-api"))
    );
    let b = upload.boundary();
    let expected = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n\
         {{\"main_module\":\"worker.js\",\"compatibility_date\":\"2024-08-01\",\"bindings\":[\
         {{\"type\":\"kv_namespace\",\"name\":\"BUILDS\",\"namespace_id\":\"{NAMESPACE}\"}},\
         {{\"type\":\"secret_text\",\"name\":\"API_KEY\",\"text\":\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"}}]}}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\n\
         Content-Type: application/javascript+module\r\n\r\n{WORKER}\r\n--{b}--\r\n"
    );
    assert_eq!(std::str::from_utf8(&upload.body), Ok(expected.as_str()));
    assert_eq!(
        (routed.method.as_str(), routed.path.as_str()),
        ("POST", &*format!("/client/v4/zones/{ZONE}/workers/routes"))
    );
    assert_eq!(std::str::from_utf8(&routed.body), Ok(r#"{"pattern":"example.com/api/*","script":"shop-api"}"#));
    assert_eq!(
        (UploadWorkerModule::INFO.permissions, CreateRoute::INFO.permissions),
        (&["Workers Scripts Write"][..], &["Workers Routes Write"][..])
    );
}

#[tokio::test]
async fn the_workers_example_runs_against_the_fake() {
    let server = flarekit_fake::MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let account = AccountId::from(ACCOUNT);
    let created = CreateZone::new(CreateZoneAccount { id: Some(ACCOUNT.into()) }, "example.com").send(&client).await;
    let zone = ZoneId::from(created.expect("a zone").id.as_str());
    ship(&client, (&account, &zone), WORKER.into(), Secret::new("sk_live_4eC39HqLyjWDarjtT1zdp7dc"))
        .await
        .expect("shipped");

    let scripts = ListScripts::new(account.clone()).send(&client).await.expect("listed");
    assert_eq!(scripts.iter().map(|s| s.id.as_deref()).collect::<Vec<_>>(), [Some("shop-api")]);
    let content = GetScript::new(account, "shop-api").send(&client).await.expect("downloaded");
    assert_eq!(content.bytes().as_ref(), WORKER.as_bytes());
    let routes = ListRoutes::new(zone).send(&client).await.expect("listed");
    let routes: Vec<(&str, &str)> = routes.iter().map(|r| (r.pattern.as_str(), r.script.as_str())).collect();
    assert_eq!(routes, [("example.com/api/*", "shop-api")]);
}

#[test]
fn a_worker_upload_never_shows_its_secret() {
    let secret = Binding::SecretText { name: "API_KEY".into(), text: Secret::new("sk_live_4eC39HqLyjWDarjtT1zdp7dc") };
    let mut metadata = ScriptMetadata::main_module("worker.js");
    metadata.bindings = Some(vec![secret]);
    let upload = UploadWorkerModule::new(
        ACCOUNT.into(),
        "shop-api",
        metadata,
        vec![Blob::from(WORKER).with_filename("worker.js")],
    );
    let shown = format!("{upload:?}");
    assert!(shown.contains("API_KEY") && shown.contains("***") && !shown.contains("sk_live"), "{shown}");
}

#[tokio::test]
async fn the_deploy_step_runs_against_the_fake_and_needs_cache_purge() {
    let server = flarekit_fake::MockServer::builder()
        .token("zones-only", &["Zone Zone Read"])
        .start()
        .await
        .expect("the fake starts");
    let client = server.client();
    let err = deployed(&client).await.expect_err("no zone yet");
    assert_eq!(err.to_string(), "no zone example.com");
    let account = CreateZoneAccount { id: Some(ACCOUNT.into()) };
    CreateZone::new(account, "example.com").send(&client).await.expect("a zone");
    deployed(&client).await.expect("deployed");

    // A token that may read zones but not purge: the purge is refused, naming what it needs.
    let narrow = flarekit::Client::builder()
        .base_url(server.base_url())
        .credentials(flarekit::Credentials::api_token("zones-only"))
        .build()
        .expect("a client");
    let err = deployed(&narrow).await.expect_err("no Cache Purge");
    let err = err.downcast_ref::<flarekit::Error>().expect("a flarekit error");
    assert_eq!(err.status(), Some(403));
    assert!(err.to_string().contains("\"Cache Purge\""), "{err}");
}

/// The README's test of `point` against the fake, word for word.
#[tokio::test]
async fn home_follows_its_address() -> Result<(), Box<dyn std::error::Error>> {
    let server = flarekit_fake::MockServer::start().await?;
    let client = server.client();
    let account = CreateZoneAccount { id: Some("023e105f4ecef8ad9ca31a8372d0c353".into()) };
    let zone = CreateZone::new(account, "example.com").send(&client).await?;
    let home = || ListDnsRecords::new(zone.id.as_str().into()).name("home.example.com");
    for address in ["198.51.100.7", "203.0.113.9", "203.0.113.9"] {
        point(&client, "example.com", "home.example.com", address).await?;
        let records: Vec<DnsRecord> = client.paginate(home()).try_collect().await?;
        assert!(matches!(&records[..], [DnsRecord::A(a)] if a.content == address), "{records:?}");
    }
    Ok(())
}
// The README's ACME example.
/// Sets the ACME DNS-01 challenge of `host` to `token`: the old TXT records go and the new one
/// comes in one batch, all or nothing.
async fn challenge(
    client: &flarekit::Client,
    zone_id: flarekit::ZoneId,
    host: &str,
    token: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let name = format!("_acme-challenge.{host}");
    let list = ListDnsRecords::new(zone_id.clone()).kind(RecordType::Txt).name(&name);
    let old: Vec<DnsRecord> = client.paginate(list).try_collect().await?;
    let deletes = old.iter().filter_map(DnsRecord::id).map(BatchDelete::new).collect();
    let batch = BatchDnsRecords::new(zone_id).deletes(deletes).posts(vec![DnsRecord::txt(name, token)]);
    batch.send(client).await?;
    Ok(())
}

/// Against `flarekit fake`: two stale challenges go, the new one comes, the zone's other TXT
/// record stays; a second run with the same token leaves one record still.
#[tokio::test]
async fn the_challenge_is_swapped_in_one_batch() -> Result<(), Box<dyn std::error::Error>> {
    let server = flarekit_fake::MockServer::start().await?;
    let client = server.client();
    let account = CreateZoneAccount { id: Some("023e105f4ecef8ad9ca31a8372d0c353".into()) };
    let zone = CreateZone::new(account, "example.com").send(&client).await?;
    let zone_id = ZoneId::from(zone.id.as_str());
    for (name, text) in [
        ("_acme-challenge.example.com", "stale-1"),
        ("_acme-challenge.example.com", "stale-2"),
        ("example.com", "v=spf1 -all"),
    ] {
        CreateRecord::new(zone_id.clone(), DnsRecord::txt(name, text)).send(&client).await?;
    }
    for _ in 0..2 {
        challenge(&client, zone_id.clone(), "example.com", "token-3").await?;
        let txt = ListDnsRecords::new(zone_id.clone()).kind(RecordType::Txt);
        let records: Vec<DnsRecord> = client.paginate(txt).try_collect().await?;
        let mut texts: Vec<(&str, &str)> = records
            .iter()
            .filter_map(|r| match r {
                DnsRecord::Txt(t) => Some((t.name.as_str(), t.content.as_str())),
                _ => None,
            })
            .collect();
        texts.sort_unstable();
        assert_eq!(texts, [("_acme-challenge.example.com", "token-3"), ("example.com", "v=spf1 -all")], "{records:?}");
    }
    Ok(())
}

#[test]
fn the_readme_examples_are_the_tested_ones() {
    let readme = include_str!("../../README.md");
    for example in [
        "async fn deployed(",
        "async fn point(",
        "async fn stash(",
        "async fn ship(",
        "async fn home_follows_its_address(",
        "async fn challenge(",
    ] {
        let start = readme.find(example).expect("the README has the example");
        let block = &readme[start..start + readme[start..].find("\n}\n").expect("its end") + 2];
        assert!(include_str!("whole_api.rs").contains(block), "README's example differs from the tested one:\n{block}");
    }
}
