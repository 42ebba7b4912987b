//! A crate outside the workspace that depends only on `flarekit` declares its own endpoint with
//! `#[endpoint]` and calls it against a loopback server.

use std::path::Path;
use std::process::Command;

use flarekit_tests::{Reply, TestServer};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn a_downstream_crate_declares_and_calls_its_own_endpoint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = root.join("downstream/Cargo.toml");
    // The workspace's own target dir: the downstream crate reuses its compiled dependencies
    // (cargo does not hold the build lock while test binaries run).
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("../target"), Into::into);
    let build = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target)
        .status()
        .expect("run cargo");
    assert!(build.success(), "the downstream crate failed to build");
    let binary = target.join("debug/flarekit-downstream");

    let server = TestServer::start(|req| {
        if req.path.ends_with("/zones/023e105f4ecef8ad9ca31a8372d0c353/dns_records/372e67954025e0ba6aaa6d586b9e0b59") {
            Reply::ok(200, json!({"id": "372e67954025e0ba6aaa6d586b9e0b59", "type": "A", "name": "www.example.com", "ttl": 1}))
        } else {
            Reply::json(404, json!({"success": false, "errors": [{"code": 7003, "message": "No route"}], "messages": [], "result": null}))
        }
    })
    .await;
    let run = |zone: &str, record: &str| {
        Command::new(&binary)
            .args([zone, record])
            .env_clear()
            .env("CLOUDFLARE_API_TOKEN", "downstream-token")
            .env("CLOUDFLARE_BASE_URL", server.base_url())
            .output()
            .expect("run the downstream binary")
    };
    let out =
        tokio::task::block_in_place(|| run("023e105f4ecef8ad9ca31a8372d0c353", "372e67954025e0ba6aaa6d586b9e0b59"));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "372e67954025e0ba6aaa6d586b9e0b59 A www.example.com\n");
    assert!(out.status.success());
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.method, "GET");
    assert_eq!(
        req.path,
        "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/dns_records/372e67954025e0ba6aaa6d586b9e0b59"
    );
    assert_eq!(req.header("authorization"), Some("Bearer downstream-token"));

    // Its own validation runs too: a 33-character zone id never reaches the server.
    let out = tokio::task::block_in_place(|| run(&"z".repeat(33), "r"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "error: GetDnsRecord (GET /zones/<zone_id>/dns_records/<dns_record_id>): invalid request (1 violation): \
         `zone_id` (max_length): must have at most 32 characters, got 33\n"
    );
    assert_eq!(server.requests().len(), 1);
}
