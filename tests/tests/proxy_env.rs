//! A proxy named in the environment carries every request: the client's built-in transport is
//! then reqwest's, which honours `HTTP_PROXY` (`HyperTransport`, the default otherwise, does not
//! speak to proxies). A server on 127.0.0.1 plays the proxy and sees each request in absolute
//! form, for an origin nobody listens on.
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
    std::env::set_var("HTTP_PROXY", format!("http://127.0.0.1:{}", proxy.port()));
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
    }
}
