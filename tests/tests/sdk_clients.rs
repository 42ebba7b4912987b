//! Cloudflare's own SDKs as clients no one here wrote, against flarekit's fake: the Python SDK
//! (`cloudflare` 5.9.0 from PyPI, pinned in `tests/sdk/requirements.txt`) and the TypeScript SDK
//! (`cloudflare` 7.3.0 from npm, pinned by `tests/sdk/ts/package-lock.json`) each run a
//! dynamic-DNS update, an ACME DNS-01 record created and deleted, a binary KV value written and
//! read back, and a Worker upload (`tests/sdk/python_sdk.py`, `tests/sdk/ts/ts_sdk.mjs`); then
//! what the fake kept is read back through flarekit.
//!
//! `.ci/run` installs both (`tests/sdk/.venv`, `tests/sdk/ts/node_modules`); elsewhere each test
//! installs its SDK when it is missing (Python 3 and PyPI, or Node and npm, needed), and says so
//! and skips when it cannot.

use std::path::PathBuf;
use std::process::Command;

use flarekit::dns::records::{DnsRecord, ListDnsRecords};
use flarekit::kv::namespaces::keys::{Key, ListKeys};
use flarekit::kv::namespaces::values::ReadKeyValuePair;
use flarekit::kv::namespaces::CreateNamespace;
use flarekit::workers::scripts::GetScript;
use flarekit::zones::{CreateZone, CreateZoneAccount};
use futures_util::TryStreamExt;
use serde_json::{json, Value};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// `None` after saying why when an SDK could not be installed outside CI; under `CI=true`
/// (where `.ci/run` installs both) that is a failure.
fn missing(what: &str, how: &str) -> Option<(PathBuf, PathBuf)> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true and {what} is not installed: {how}");
    }
    eprintln!("skipping: {what} is not installed and could not be ({how})");
    None
}

/// The virtual environment's Python and the Python SDK's script, the pinned SDK installed.
fn python() -> Option<(PathBuf, PathBuf)> {
    let sdk = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sdk");
    let venv = sdk.join(".venv");
    let python = venv.join("bin").join("python");
    let installed = || {
        Command::new(&python)
            .args(["-c", "import cloudflare, sys; sys.exit(cloudflare.__version__ != '5.9.0')"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !installed() {
        eprintln!("installing the Python SDK in {}", venv.display());
        let _ = Command::new("python3").args(["-m", "venv"]).arg(&venv).status();
        let _ = Command::new(venv.join("bin").join("pip"))
            .args(["install", "--quiet", "-r"])
            .arg(sdk.join("requirements.txt"))
            .status();
    }
    if !installed() {
        let how = "python3 -m venv tests/sdk/.venv && tests/sdk/.venv/bin/pip install -r tests/sdk/requirements.txt";
        return missing("the Python SDK (cloudflare 5.9.0)", how);
    }
    Some((python, sdk.join("python_sdk.py")))
}

/// Node and the TypeScript SDK's script, the pinned SDK installed.
fn node() -> Option<(PathBuf, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sdk").join("ts");
    let package = dir.join("node_modules").join("cloudflare").join("package.json");
    let installed = || std::fs::read_to_string(&package).is_ok_and(|p| p.contains("\"version\": \"7.3.0\""));
    if !installed() {
        eprintln!("installing the TypeScript SDK: npm ci --prefix {}", dir.display());
        let _ = Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&dir).status();
    }
    if !installed() {
        return missing("the TypeScript SDK (cloudflare 7.3.0)", "npm ci --prefix tests/sdk/ts");
    }
    Some((PathBuf::from("node"), dir.join("ts_sdk.mjs")))
}

#[tokio::test]
async fn the_python_sdk_updates_dns_answers_acme_and_uses_kv_and_workers() {
    let Some((python, script)) = python() else { return };
    run_sdk(python, script, json!({"ttl": 60.0})).await;
}

#[tokio::test]
async fn the_typescript_sdk_updates_dns_answers_acme_and_uses_kv_and_workers() {
    let Some((node, script)) = node() else { return };
    // As its documentation says to call it, 7.3.0 uploads a Worker in a form Cloudflare
    // refuses (cloudflare-typescript#2799); the script then uploads it the way that works.
    run_sdk(node, script, json!({"ttl": 60, "worker_as_documented": 400})).await;
}

/// Runs an SDK's script against a fresh fake (a zone and a KV namespace made first) and checks
/// what it saw and what the fake kept. `own` holds what differs between the SDKs: how its JSON
/// writes the TXT record's TTL, and anything it saw that the other did not.
async fn run_sdk(program: PathBuf, script: PathBuf, own: Value) {
    let server = flarekit_fake::MockServer::start().await.expect("the fake starts");
    let client = server.client();
    let zone = CreateZone::new(CreateZoneAccount { id: Some(ACCOUNT.into()) }, "example.com").send(&client).await;
    let zone = zone.expect("a zone").id;
    let namespace = CreateNamespace::new(ACCOUNT.into(), "builds").send(&client).await.expect("a namespace");
    let namespace = namespace.id.expect("an id");

    let mut run = Command::new(&program);
    run.arg(&script)
        .env("FLAREKIT_BASE_URL", server.base_url())
        .env("FLAREKIT_TOKEN", server.admin_token())
        .env("FLAREKIT_ZONE_ID", &zone)
        .env("FLAREKIT_ACCOUNT_ID", ACCOUNT)
        .env("FLAREKIT_NAMESPACE_ID", &namespace);
    // On the blocking pool: the fake answers on this test's runtime meanwhile.
    let out = tokio::task::spawn_blocking(move || run.output()).await.expect("joined").expect("python runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the SDK script failed:\n{stderr}");
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let mut expected = json!({
        "point": ["created", "edited", "left"],
        "acme": {"name": "_acme-challenge.example.com", "ttl": own["ttl"]},
        "kv_same_bytes": true,
        "worker": {"id": "hello", "handlers": ["fetch"]},
    });
    for (k, v) in own.as_object().into_iter().flatten().filter(|(k, _)| *k != "ttl") {
        expected[k] = v.clone();
    }
    assert_eq!(seen, expected);

    // What the fake kept, read through flarekit.
    let records: Vec<DnsRecord> =
        client.paginate(ListDnsRecords::new(zone.as_str().into())).try_collect().await.expect("listed");
    assert!(
        matches!(&records[..], [DnsRecord::A(a)] if a.content == "203.0.113.9" && a.name == "home.example.com"),
        "{records:?}"
    );
    let value =
        ReadKeyValuePair::new(ACCOUNT.into(), &namespace, "build/42/app.wasm").send(&client).await.expect("read");
    assert_eq!(value.bytes().as_ref(), (0..=255u8).collect::<Vec<_>>().as_slice());
    let keys: Vec<Key> =
        client.paginate(ListKeys::new(ACCOUNT.into(), &namespace)).try_collect().await.expect("listed");
    assert_eq!(keys.iter().map(|k| k.metadata.clone()).collect::<Vec<_>>(), [Some(json!({"sha": "9f2c"}))]);
    let worker = GetScript::new(ACCOUNT.into(), "hello").send(&client).await.expect("downloaded");
    assert!(worker.bytes().starts_with(b"export default"), "{worker:?}");
}
