//! A proxy named in the environment carries every request: a server on 127.0.0.1 plays the
//! proxy named by `HTTP_PROXY` and sees each request in absolute form, with the proxy's
//! credentials, for an origin nobody listens on. (`https` through a proxy, by a `CONNECT`
//! tunnel, is tested with the transport, in `flarekit-core`.)
//!
//! A test binary of its own, with one test: it sets a process-wide environment variable before
//! any client is built.

use std::time::Duration;

use flarekit_core::{Client, Credentials};
use flarekit_tests::faults::{ReadOp, WriteOp};
use flarekit_tests::{Reply, TestServer};

#[tokio::test]
async fn http_proxy_in_the_environment_carries_every_request() {
    let proxy = TestServer::start(|_| Reply::ok(200, serde_json::json!({"op": "via-proxy", "executions": 1}))).await;
    std::env::set_var("HTTP_PROXY", format!("http://alice:wonder@127.0.0.1:{}", proxy.port()));
    for name in ["NO_PROXY", "no_proxy", "http_proxy", "ALL_PROXY", "all_proxy"] {
        std::env::remove_var(name);
    }
    // Port 9 (discard): nothing answers there, so only the proxy can have answered.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9/client/v4")
        .credentials(Credentials::api_token("proxied-token"))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    assert_eq!(client.send(ReadOp("r".into())).await.expect("read through the proxy").op, "via-proxy");
    assert_eq!(client.send(WriteOp("w".into())).await.expect("write through the proxy").op, "via-proxy");
    let seen: Vec<_> = proxy.requests().iter().map(|r| (r.method.clone(), r.path.clone(), r.body.clone())).collect();
    assert_eq!(
        seen,
        vec![
            ("GET".to_owned(), "http://127.0.0.1:9/client/v4/ops/r".to_owned(), vec![]),
            ("POST".to_owned(), "http://127.0.0.1:9/client/v4/ops".to_owned(), br#"{"op":"w"}"#.to_vec()),
        ]
    );
    for r in proxy.requests() {
        assert_eq!(r.header("authorization"), Some("Bearer proxied-token"));
        // alice:wonder, for the proxy.
        assert_eq!(r.header("proxy-authorization"), Some("Basic YWxpY2U6d29uZGVy"));
    }
}
