//! flarekit inside a Cloudflare Worker, end to end: the example Worker (`examples/worker-dns`)
//! is built for wasm32, run in `workerd` (Cloudflare's Workers runtime, from npm) on 127.0.0.1
//! with its API token as a secret and `flarekit fake` as its API, and called: the record in the
//! fake has the new address, and the Worker answers with that record; an invalid call is
//! refused by flarekit's validation inside the Worker, before anything is sent.
//!
//! The build is done here, as `worker-build` would do it, in steps that install nothing from
//! elsewhere: `cargo build --target wasm32-unknown-unknown` (in a target dir of its own below
//! the workspace's, so as not to wait on the one this test runs from), `wasm-bindgen --target
//! web` (the CLI, from crates.io, at the version of the example's lockfile), and the entry
//! module `examples/worker-dns/entry.mjs` in place of `worker-build`'s shim and esbuild bundle.
//! `.ci/run` installs `wasm-bindgen-cli` and `workerd`; without them the test says so and skips,
//! except under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use flarekit::dns::records::{CreateRecord, DnsRecord, GetRecord};
use flarekit_fake::MockServer;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ZONE: &str = "9a7806061c88ada191ed06f989cc3dac";

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/worker-dns")
}

/// `tool` found where `.ci/run` puts it, or why the test cannot run.
fn tool(name: &str, candidates: &[PathBuf]) -> Option<PathBuf> {
    let found = candidates.iter().find(|p| p.is_file()).cloned().or_else(|| {
        let on_path = std::env::var_os("PATH")?;
        std::env::split_paths(&on_path).map(|dir| dir.join(name)).find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "CI=true and `{name}` is missing (.ci/run installs it)"
        );
        eprintln!("skipping: `{name}` is missing (.ci/run installs it)");
    }
    found
}

fn run(command: &mut Command) {
    let status = command.status().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(status.success(), "{command:?} failed: {status}");
}

/// Builds the example into `out`: the wasm-bindgen output, its snippets and the entry module.
/// The module names `workerd` is given, relative to `out`.
fn build(wasm_bindgen: &Path, out: &Path) -> Vec<PathBuf> {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
    }
    .join("worker-dns");
    run(Command::new(env!("CARGO"))
        .args(["build", "--release", "--locked", "--target", "wasm32-unknown-unknown", "--manifest-path"])
        .arg(example().join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS"));
    let wasm = target.join("wasm32-unknown-unknown/release/flarekit_worker_dns.wasm");
    let _ = std::fs::remove_dir_all(out);
    run(Command::new(wasm_bindgen)
        .args(["--target", "web", "--no-typescript", "--out-name", "index", "--out-dir"])
        .arg(out)
        .arg(&wasm));
    std::fs::copy(example().join("entry.mjs"), out.join("entry.mjs")).expect("copy entry.mjs");
    let mut modules = vec![PathBuf::from("entry.mjs"), PathBuf::from("index.js")];
    let mut dirs = vec![out.join("snippets")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(relative) = path.strip_prefix(out) {
                modules.push(relative.to_path_buf());
            }
        }
    }
    modules
}

/// The `workerd` configuration: the Worker's modules, its secret and variable, a socket on
/// `port`, and an outbound network that reaches 127.0.0.1 (the default reaches public
/// addresses only).
fn config(modules: &[PathBuf], port: u16, token: &str, api: &str) -> String {
    let mut listed = String::new();
    for m in modules {
        let name = m.to_string_lossy().replace('\\', "/");
        listed.push_str(&format!("    (name = {name:?}, esModule = embed {name:?}),\n"));
    }
    format!(
        r#"using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .dnsWorker),
    (name = "loopback", network = (allow = ["local", "private", "public"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:{port}", http = (), service = "main")],
);

const dnsWorker :Workerd.Worker = (
  modules = [
{listed}    (name = "index_bg.wasm", wasm = embed "index_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "CLOUDFLARE_API_TOKEN", text = {token:?}),
    (name = "CLOUDFLARE_API_BASE", text = {api:?}),
  ],
  globalOutbound = "loopback",
);
"#
    )
}

/// Stops `workerd` when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_worker_updates_a_record_on_the_fake() {
    let cargo_bin = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/wasm-bindgen"));
    let Some(wasm_bindgen) = tool("wasm-bindgen", &cargo_bin.into_iter().collect::<Vec<_>>()) else { return };
    let Some(workerd) = tool("workerd", &[example().join("node_modules/.bin/workerd")]) else { return };

    // The fake: a zone and its A record, and a token the Worker gets as its secret.
    let token = "worker-secret-token";
    let fake = MockServer::builder().zone(ZONE, "example.com", ACCOUNT).admin_token(token).start().await.expect("fake");
    let client = fake.client();
    let created = CreateRecord::new(ZONE.into(), DnsRecord::a("home.example.com", "192.0.2.1"))
        .send(&client)
        .await
        .expect("a record to update");
    let DnsRecord::A(record) = created else { panic!("an A record: {created:?}") };
    let record_id = record.id.clone().expect("an id");

    // The Worker, built and run in workerd on a free port of 127.0.0.1.
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("worker-dns");
    let modules = build(&wasm_bindgen, &out);
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    std::fs::write(out.join("config.capnp"), config(&modules, port, token, &fake.base_url())).expect("config");
    let child = Command::new(&workerd)
        .args(["serve", "config.capnp"])
        .current_dir(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("workerd starts");
    let _running = Running(child);

    let url =
        format!("http://127.0.0.1:{port}/?zone={ZONE}&record={record_id}&name=home.example.com&address=198.51.100.7");
    let http = reqwest::Client::new();
    let mut answer = None;
    for _ in 0..100 {
        match http.get(&url).timeout(Duration::from_secs(30)).send().await {
            Ok(response) => {
                answer = Some(response);
                break;
            }
            // Not listening yet.
            Err(e) if e.is_connect() => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => panic!("the Worker did not answer: {e}"),
        }
    }
    let answer = answer.expect("workerd listens within 10 s");
    let status = answer.status().as_u16();
    let body: serde_json::Value = serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(status, 200, "{body}");

    // The fake took the PATCH: its record has the new address, and the Worker's answer is it.
    let now = GetRecord::new(ZONE.into(), &record_id).send(&client).await.expect("the record");
    let DnsRecord::A(now) = now else { panic!("still an A record: {now:?}") };
    assert_eq!((now.content.as_str(), now.name.as_str()), ("198.51.100.7", "home.example.com"));
    assert_ne!(now.modified_on, record.modified_on, "modified by the Worker's PATCH");
    assert_eq!(body["id"], record_id.as_str());
    assert_eq!(body["content"], "198.51.100.7");
    assert_eq!(body["modified_on"], now.modified_on.as_deref().unwrap_or_default());

    // A call without its parameters is the Worker's own 400.
    let bad = http.get(format!("http://127.0.0.1:{port}/?zone={ZONE}")).send().await.expect("an answer");
    assert_eq!(bad.status().as_u16(), 400);
    // flarekit validates inside the Worker as it does natively: a record id too long for the
    // path is refused before anything is sent, named with its rule, and the token is not in
    // the message.
    let long = "f".repeat(33);
    let url = format!("http://127.0.0.1:{port}/?zone={ZONE}&record={long}&name=home.example.com&address=192.0.2.9");
    let refused = http.get(url).send().await.expect("an answer");
    assert_eq!(refused.status().as_u16(), 502);
    let message = refused.text().await.expect("a message");
    assert!(message.contains("`dns_record_id` (max_length): must have at most 32 characters, got 33"), "{message}");
    assert!(!message.contains(token), "{message}");
    let after = GetRecord::new(ZONE.into(), &record_id).send(&client).await.expect("the record");
    let DnsRecord::A(after) = after else { panic!("still an A record: {after:?}") };
    assert_eq!((after.content.as_str(), &after.modified_on), ("198.51.100.7", &now.modified_on), "nothing was sent");
}
