//! Workers on the fake: module uploads as Cloudflare accepts them (parts matched by name or file
//! name, in any order), refused when the entry point names no part; list, download, delete; its
//! secrets; and the routes of a zone.

use flarekit::request::Blob;
use flarekit::workers::routes::{CreateRoute, DeleteRoute, GetRoute, ListRoutes, RouteResult, UpdateRoute};
use flarekit::workers::scripts::secrets::{DeleteSecret, GetSecret, ListSecrets, ScriptSecret, UpdateSecret};
use flarekit::workers::scripts::{Binding, DeleteScript, GetScript, ListScripts, ScriptMetadata, UploadWorkerModule};
use flarekit::zones::{CreateZone, CreateZoneAccount};
use flarekit::{AccountId, Client, Credentials, ZoneId};
use flarekit_fake::{codes, MockServer};
use serde_json::{json, Value};

mod common;
use common::{api_error, send_json, status};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const WORKER: &str = "export default { async fetch(request) { return new Response('shop') } }";

fn account() -> AccountId {
    ACCOUNT.into()
}

fn upload(source: &str) -> UploadWorkerModule {
    let js =
        Blob::from(source.to_owned()).with_filename("worker.js").with_content_type("application/javascript+module");
    let wasm = Blob::from(vec![0u8, 97, 115, 109]).with_filename("lib.wasm").with_content_type("application/wasm");
    let metadata = ScriptMetadata::main_module("worker.js").compatibility_date("2024-08-01");
    UploadWorkerModule::new(account(), "shop-api", metadata, vec![js, wasm])
}

/// Uploads a hand-made form: the status and the JSON answer.
async fn upload_raw(server: &MockServer, parts: &[(&str, Option<&str>, &str)]) -> (u16, Value) {
    let mut body = String::new();
    for (name, filename, content) in parts {
        let filename = filename.map_or(String::new(), |f| format!("; filename=\"{f}\""));
        body.push_str(&format!(
            "--b0undary\r\nContent-Disposition: form-data; name=\"{name}\"{filename}\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str("--b0undary--\r\n");
    let response = reqwest::Client::new()
        .put(format!("{}/accounts/{ACCOUNT}/workers/scripts/hand-made", server.base_url()))
        .bearer_auth(server.admin_token())
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .body(body)
        .send()
        .await
        .expect("the fake answers");
    let status = response.status().as_u16();
    (status, serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON"))
}

#[tokio::test]
async fn a_module_worker_is_uploaded_listed_downloaded_replaced_and_deleted() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let script = upload(WORKER).send(&client).await.expect("uploaded");
    assert_eq!((script.id.as_deref(), script.handlers.as_slice()), (Some("shop-api"), &["fetch".to_owned()][..]));
    assert!(script.etag.is_some() && script.created_on.is_some());

    let listed = ListScripts::new(account()).send(&client).await.expect("listed");
    assert_eq!(listed.iter().map(|s| s.id.as_deref()).collect::<Vec<_>>(), [Some("shop-api")]);
    let content = GetScript::new(account(), "shop-api").send(&client).await.expect("downloaded");
    assert_eq!(content.bytes().as_ref(), WORKER.as_bytes());
    assert_eq!(content.content_type(), Some("application/javascript+module"));

    // A new upload replaces the code and keeps the creation time.
    let again = upload("export default { scheduled() {} }").send(&client).await.expect("replaced");
    assert_eq!(
        (again.created_on.as_deref(), again.handlers.as_slice()),
        (script.created_on.as_deref(), &["scheduled".to_owned()][..])
    );
    assert_ne!(again.etag, script.etag);
    assert_eq!(ListScripts::new(account()).send(&client).await.expect("listed").len(), 1);

    DeleteScript::new(account(), "shop-api").send(&client).await.expect("deleted");
    assert_eq!(status(GetScript::new(account(), "shop-api").send(&client).await), (404, codes::SCRIPT_NOT_FOUND));
    assert_eq!(status(DeleteScript::new(account(), "shop-api").send(&client).await).0, 404);
}

#[tokio::test]
async fn parts_match_by_name_or_file_name_in_any_order_and_the_entry_point_must_be_one() {
    let server = MockServer::start().await.expect("the fake starts");
    let metadata = r#"{"main_module": "index.js"}"#;
    // The module named by its part name, the metadata last.
    let (status, body) = upload_raw(&server, &[("index.js", None, WORKER), ("metadata", None, metadata)]).await;
    assert_eq!((status, &body["result"]["id"]), (200, &Value::from("hand-made")));
    // By its file name, under another part name.
    let (status, _) = upload_raw(&server, &[("metadata", None, metadata), ("m0", Some("index.js"), WORKER)]).await;
    assert_eq!(status, 200);
    // Service-worker syntax names its part in `body_part`.
    let (status, _) =
        upload_raw(&server, &[("metadata", None, r#"{"body_part": "script"}"#), ("script", None, WORKER)]).await;
    assert_eq!(status, 200);

    let (status, body) = upload_raw(&server, &[("metadata", None, metadata), ("worker.js", None, WORKER)]).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &Value::from("/metadata/main_module")));
    assert_eq!(body["errors"][0]["message"], "no uploaded part is named index.js");
    let (status, body) = upload_raw(&server, &[("metadata", None, "{}"), ("worker.js", None, WORKER)]).await;
    assert_eq!((status, &body["errors"][0]["source"]["pointer"]), (400, &Value::from("/metadata")));
    let (status, body) = upload_raw(&server, &[("worker.js", None, WORKER)]).await;
    assert_eq!((status, &body["errors"][0]["code"]), (400, &Value::from(codes::MALFORMED_JSON)));
}

#[tokio::test]
async fn routes_send_a_zones_paths_to_a_worker() {
    let server = MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let account = CreateZoneAccount { id: Some(ACCOUNT.into()) };
    let zone = CreateZone::new(account, "example.com").send(&client).await.expect("a zone");
    let zone = ZoneId::from(zone.id.as_str());
    let created = CreateRoute::new(zone.clone(), "example.com/api/*").script("shop-api").send(&client).await;
    let Ok(RouteResult::Object(created)) = created else { panic!("{created:?}") };
    let id = created["id"].as_str().expect("an id").to_owned();

    let outside = CreateRoute::new(zone.clone(), "example.org/*").send(&client).await;
    assert_eq!(status(outside).0, 400);
    let twice = CreateRoute::new(zone.clone(), "example.com/api/*").script("other").send(&client).await;
    assert_eq!(status(twice), (409, codes::DUPLICATE));
    CreateRoute::new(zone.clone(), "*.example.com/static/*").script("cdn").send(&client).await.expect("a wildcard");

    let routes = ListRoutes::new(zone.clone()).send(&client).await.expect("listed");
    let patterns: Vec<(&str, &str)> = routes.iter().map(|r| (r.pattern.as_str(), r.script.as_str())).collect();
    assert_eq!(patterns, [("example.com/api/*", "shop-api"), ("*.example.com/static/*", "cdn")]);
    let updated =
        UpdateRoute::new(zone.clone(), id.as_str(), "example.com/v2/*").script("shop-api").send(&client).await;
    assert_eq!(updated.expect("updated").pattern, "example.com/v2/*");
    assert_eq!(GetRoute::new(zone.clone(), id.as_str()).send(&client).await.expect("read").pattern, "example.com/v2/*");
    DeleteRoute::new(zone.clone(), id.as_str()).send(&client).await.expect("deleted");
    assert_eq!(status(GetRoute::new(zone, id.as_str()).send(&client).await).0, 404);
}

#[tokio::test]
async fn a_scripts_secrets_are_put_listed_read_and_deleted_by_name_never_shown() {
    let server = MockServer::builder().token("reader", &["Workers Scripts Read"]).start().await.expect("started");
    let client = server.client();
    upload(WORKER).send(&client).await.expect("uploaded");
    let put = |name: &str, text: &str| UpdateSecret::new(account(), "shop-api", Binding::secret_text(name, text));
    let secret = |name: &str| json!({"name": name, "type": "secret_text"});

    let added = put("STRIPE_KEY", "sk_test_1").send(&client).await.expect("added");
    assert_eq!(serde_json::to_value(&added).expect("JSON"), secret("STRIPE_KEY"));
    put("DB_PASSWORD", "hunter2").send(&client).await.expect("added");
    // The same name again replaces the secret, in its place.
    put("STRIPE_KEY", "sk_test_2").send(&client).await.expect("replaced");
    let listed = ListSecrets::new(account(), "shop-api").send(&client).await.expect("listed");
    assert_eq!(serde_json::to_value(&listed).expect("JSON"), json!([secret("STRIPE_KEY"), secret("DB_PASSWORD")]));

    // On the wire, only names and types: no value, to any token that may read.
    let secrets = format!("/accounts/{ACCOUNT}/workers/scripts/shop-api/secrets");
    let (status_code, body) = send_json(&server, reqwest::Method::GET, &secrets, &Value::Null).await;
    assert_eq!((status_code, &body["result"]), (200, &json!([secret("STRIPE_KEY"), secret("DB_PASSWORD")])));
    assert!(!["sk_test", "hunter2"].iter().any(|v| body.to_string().contains(v)), "{body}");
    let reader = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_token("reader"))
        .build()
        .expect("a client");
    assert_eq!(ListSecrets::new(account(), "shop-api").send(&reader).await.expect("a reader lists").len(), 2);
    assert_eq!(status(put("X", "y").send(&reader).await), (403, codes::AUTHENTICATION));

    let got = GetSecret::new(account(), "shop-api", "DB_PASSWORD").send(&client).await.expect("read");
    assert_eq!(serde_json::to_value(&got).expect("JSON"), secret("DB_PASSWORD"));

    // A new upload of the script keeps its secrets.
    upload(WORKER).send(&client).await.expect("uploaded again");
    let deleted = DeleteSecret::new(account(), "shop-api", "STRIPE_KEY").send(&client).await.expect("deleted");
    assert_eq!(deleted, Value::Null);
    let names = |list: Vec<ScriptSecret>| list.into_iter().map(|s| s.name).collect::<Vec<_>>();
    assert_eq!(names(ListSecrets::new(account(), "shop-api").send(&client).await.expect("listed")), ["DB_PASSWORD"]);
    let gone = GetSecret::new(account(), "shop-api", "STRIPE_KEY").send(&client).await;
    assert_eq!(api_error(gone), (404, codes::NOT_FOUND, "secret STRIPE_KEY not found".into()));

    // A PUT without the value is refused, naming the member.
    let (status_code, body) = send_json(&server, reqwest::Method::PUT, &secrets, &json!({"name": "X"})).await;
    assert_eq!((status_code, &body["errors"][0]["source"]["pointer"]), (400, &json!("/text")));

    // A script that is not there: Cloudflare's 404 and code, for every secret operation.
    let not_found = (404, codes::SCRIPT_NOT_FOUND, "workers.api.error.script_not_found".to_owned());
    assert_eq!(api_error(ListSecrets::new(account(), "nope").send(&client).await), not_found);
    let missing = UpdateSecret::new(account(), "nope", Binding::secret_text("X", "y"));
    assert_eq!(api_error(missing.send(&client).await), not_found);
    assert_eq!(api_error(GetSecret::new(account(), "nope", "DB_PASSWORD").send(&client).await), not_found);
    assert_eq!(api_error(DeleteSecret::new(account(), "nope", "DB_PASSWORD").send(&client).await), not_found);
    DeleteScript::new(account(), "shop-api").send(&client).await.expect("deleted");
    assert_eq!(api_error(ListSecrets::new(account(), "shop-api").send(&client).await), not_found);
}
