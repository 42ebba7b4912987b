//! Workers for Platforms on the fake: a dispatch namespace's scripts, uploaded, read and deleted
//! apart from the account's own, and their secrets, put, listed, read and deleted by name, their
//! values never answered nor kept.

use flarekit::request::Blob;
use flarekit::workers_for_platforms::dispatch::namespaces::scripts::content::GetContent;
use flarekit::workers_for_platforms::dispatch::namespaces::scripts::secrets::{
    DeleteSecret, GetSecret, ListSecrets, ScriptSecret, SecretBinding, UpdateSecret,
};
use flarekit::workers_for_platforms::dispatch::namespaces::scripts::{
    DeleteScript, GetScript, UpdateScript, UpdateScriptMetadata,
};
use flarekit::{AccountId, Client, Credentials};
use flarekit_fake::{codes, MockServer};
use serde_json::{json, Value};

mod common;
use common::{api_error, send_json, status};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const WORKER: &str = "export default { async fetch(request) { return new Response('customer') } }";

fn account() -> AccountId {
    ACCOUNT.into()
}

fn upload(namespace: &str, script: &str) -> UpdateScript {
    let js = Blob::from(WORKER).with_filename("worker.js").with_content_type("application/javascript+module");
    let metadata = UpdateScriptMetadata { main_module: Some("worker.js".into()), ..UpdateScriptMetadata::default() };
    UpdateScript::new(account(), namespace, script, vec![js]).metadata(metadata)
}

fn put(namespace: &str, script: &str, name: &str, text: &str) -> UpdateSecret {
    UpdateSecret::new(account(), namespace, script, SecretBinding::secret_text(name, text))
}

fn names(list: Vec<ScriptSecret>) -> Vec<String> {
    list.into_iter().map(|s| s.name).collect()
}

#[tokio::test]
async fn a_dispatch_namespace_script_is_uploaded_read_and_deleted_apart_from_the_accounts() {
    let server = MockServer::start().await.expect("started");
    let client = server.client();
    let uploaded = upload("customers", "customer-1").send(&client).await.expect("uploaded");
    assert_eq!(uploaded.id.as_deref(), Some("customer-1"));
    assert_eq!(uploaded.created_on, uploaded.modified_on);

    let details = GetScript::new(account(), "customers", "customer-1").send(&client).await.expect("read");
    assert_eq!(details.dispatch_namespace.as_deref(), Some("customers"));
    assert_eq!(details.created_on, uploaded.created_on);
    assert_eq!(details.script.and_then(|s| s.id).as_deref(), Some("customer-1"));
    let content = GetContent::new(account(), "customers", "customer-1").send(&client).await.expect("downloaded");
    assert_eq!(content.bytes(), WORKER.as_bytes());

    // The account's own scripts and another namespace's are apart.
    let own = flarekit::workers::scripts::ListScripts::new(account()).send(&client).await.expect("listed");
    assert!(own.is_empty(), "{own:?}");
    let not_found = (404, codes::SCRIPT_NOT_FOUND, "workers.api.error.script_not_found".to_owned());
    assert_eq!(api_error(GetScript::new(account(), "others", "customer-1").send(&client).await), not_found);

    DeleteScript::new(account(), "customers", "customer-1").send(&client).await.expect("deleted");
    assert_eq!(api_error(GetScript::new(account(), "customers", "customer-1").send(&client).await), not_found);
    assert_eq!(api_error(GetContent::new(account(), "customers", "customer-1").send(&client).await), not_found);
}

#[tokio::test]
async fn a_dispatch_namespace_scripts_secrets_are_put_listed_read_and_deleted_never_shown() {
    let dir = std::env::temp_dir().join(format!("flarekit-fake-dispatch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    // Removed when the test ends, passed or failed.
    let _cleanup = RemoveOnDrop(dir.clone());
    let state = dir.join("state.json");
    let server =
        MockServer::builder().token("reader", &["Workers Scripts Read"]).state(&state).start().await.expect("started");
    let client = server.client();
    upload("customers", "customer-1").send(&client).await.expect("uploaded");
    let secret = |name: &str| json!({"name": name, "type": "secret_text"});

    // The value goes on the wire, never into Debug.
    let stripe = put("customers", "customer-1", "STRIPE_KEY", "sk_test_1");
    assert!(!format!("{stripe:?}").contains("sk_test_1"), "{stripe:?}");
    let added = stripe.send(&client).await.expect("added");
    assert_eq!(serde_json::to_value(&added).expect("JSON"), secret("STRIPE_KEY"));
    put("customers", "customer-1", "DB_PASSWORD", "hunter2").send(&client).await.expect("added");
    // The same name again replaces the secret, in its place.
    put("customers", "customer-1", "STRIPE_KEY", "sk_test_2").send(&client).await.expect("replaced");
    let listed = ListSecrets::new(account(), "customers", "customer-1").send(&client).await.expect("listed");
    assert_eq!(serde_json::to_value(&listed).expect("JSON"), json!([secret("STRIPE_KEY"), secret("DB_PASSWORD")]));

    // On the wire only names and types, to any token that may read; nor is a value kept.
    let secrets = format!("/accounts/{ACCOUNT}/workers/dispatch/namespaces/customers/scripts/customer-1/secrets");
    let (status_code, body) = send_json(&server, reqwest::Method::GET, &secrets, &Value::Null).await;
    assert_eq!((status_code, &body["result"]), (200, &json!([secret("STRIPE_KEY"), secret("DB_PASSWORD")])));
    let kept = std::fs::read_to_string(&state).expect("the state file");
    assert!(kept.contains("STRIPE_KEY"), "the secret's name is kept");
    for value in ["sk_test", "hunter2"] {
        assert!(!body.to_string().contains(value) && !kept.contains(value), "{value} answered or kept");
    }
    let reader = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::api_token("reader"))
        .build()
        .expect("a client");
    let read = ListSecrets::new(account(), "customers", "customer-1").send(&reader).await.expect("a reader lists");
    assert_eq!(names(read), ["STRIPE_KEY", "DB_PASSWORD"]);
    let got = GetSecret::new(account(), "customers", "customer-1", "DB_PASSWORD").send(&reader).await.expect("read");
    assert_eq!(serde_json::to_value(&got).expect("JSON"), secret("DB_PASSWORD"));
    assert_eq!(status(put("customers", "customer-1", "X", "y").send(&reader).await), (403, codes::AUTHENTICATION));
    let delete = DeleteSecret::new(account(), "customers", "customer-1", "DB_PASSWORD");
    assert_eq!(status(delete.send(&reader).await), (403, codes::AUTHENTICATION));

    // A new upload keeps the secrets; a delete takes one.
    upload("customers", "customer-1").send(&client).await.expect("uploaded again");
    let deleted = DeleteSecret::new(account(), "customers", "customer-1", "STRIPE_KEY").send(&client).await;
    assert_eq!(deleted.expect("deleted"), Value::Null);
    let listed = ListSecrets::new(account(), "customers", "customer-1").send(&client).await.expect("listed");
    assert_eq!(names(listed), ["DB_PASSWORD"]);
    let gone = GetSecret::new(account(), "customers", "customer-1", "STRIPE_KEY").send(&client).await;
    assert_eq!(api_error(gone), (404, codes::NOT_FOUND, "secret STRIPE_KEY not found".into()));

    // A PUT without the value is refused, naming the member.
    let (status_code, body) = send_json(&server, reqwest::Method::PUT, &secrets, &json!({"name": "X"})).await;
    assert_eq!((status_code, &body["errors"][0]["source"]["pointer"]), (400, &json!("/text")));

    // A script that is not there (in this namespace, or at all): Cloudflare's 404 and code, for
    // every secret operation; the account's own script of that name is another script.
    let not_found = (404, codes::SCRIPT_NOT_FOUND, "workers.api.error.script_not_found".to_owned());
    for (namespace, script) in [("others", "customer-1"), ("customers", "nope")] {
        assert_eq!(api_error(ListSecrets::new(account(), namespace, script).send(&client).await), not_found);
        assert_eq!(api_error(put(namespace, script, "X", "y").send(&client).await), not_found);
        let get = GetSecret::new(account(), namespace, script, "DB_PASSWORD");
        assert_eq!(api_error(get.send(&client).await), not_found);
        let delete = DeleteSecret::new(account(), namespace, script, "DB_PASSWORD");
        assert_eq!(api_error(delete.send(&client).await), not_found);
    }
    let own = flarekit::workers::scripts::secrets::ListSecrets::new(account(), "customer-1");
    assert_eq!(api_error(own.send(&client).await), not_found);
    DeleteScript::new(account(), "customers", "customer-1").send(&client).await.expect("deleted");
    let after = ListSecrets::new(account(), "customers", "customer-1").send(&client).await;
    assert_eq!(api_error(after), not_found);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Removes a directory when dropped.
struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
