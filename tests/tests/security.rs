//! Credentials go only to the base URL's origin, never into logs, messages or `Debug`, and
//! malformed ones are configuration errors.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flarekit_core::{Client, ClientBuilder, Credentials, ErrorKind, TransportErrorKind};
use flarekit_tests::faults::{Fault, FaultServer, ReadOp, WriteOp};
use flarekit_tests::{Reply, TestServer};

/// Looks like a real Cloudflare API token (40 characters of the token alphabet).
const TOKEN: &str = "Xk9f_3Jq7LmZp2Rt8VwYb5Nc1Hd6Gs4Ae0UiOoPl";
const KEY: &str = "c2547eb745079dac9320b638f5e225cf483cc5cfdda41";
const SERVICE_KEY: &str = "v1.0-e24fd090c02efcfecb4de8f4-ff2c0e6f5d1a5a4b8d2f8e91b3f0c2a7d6e9b1f4c8a3d2e5f7a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8";
const SECRETS: [&str; 3] = [TOKEN, KEY, SERVICE_KEY];
const CREDENTIAL_HEADERS: [&str; 4] = ["authorization", "x-auth-key", "x-auth-email", "x-auth-user-service-key"];

/// The calls of this file run one test at a time. `tracing` caches, per call site, whether any
/// subscriber listens, when the site is first hit: a test hitting one with no subscriber while
/// `no_secret_in_debug_display_errors_or_traces` installs its own can leave that site muted
/// for it (a race in the cache, seen under load, which lost the `flarekit.attempt` spans).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn all_credentials() -> Vec<Credentials> {
    vec![
        Credentials::api_token(TOKEN),
        Credentials::api_key("ops@example.com", KEY),
        Credentials::user_service_key(SERVICE_KEY),
    ]
}

fn client_for(base_url: String, credentials: Credentials) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(credentials)
        .retry_base_delay(Duration::from_millis(5))
        .timeout(Duration::from_millis(500))
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_redirect_to_another_origin_never_carries_credentials() {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let elsewhere = TestServer::start(|_| Reply::ok(200, serde_json::json!({"op": "stolen", "executions": 1}))).await;
    let target = format!("{}/ops/x", elsewhere.base_url());
    let origin = TestServer::start(move |_| Reply::Raw {
        status: 307,
        headers: vec![("location".into(), target.clone())],
        body: Vec::new(),
    })
    .await;
    for credentials in all_credentials() {
        let err = client_for(origin.base_url(), credentials.clone())
            .send(ReadOp("x".into()))
            .await
            .expect_err("a cross-origin redirect is not followed");
        assert_eq!(err.status(), Some(307), "{err}");
        assert!(!SECRETS.iter().any(|s| err.to_string().contains(s)), "{err}");
    }
    // The origin saw every credential; the other port saw no credential header at all.
    assert_eq!(origin.requests().len(), 3);
    assert!(origin.requests().iter().all(|r| CREDENTIAL_HEADERS.iter().any(|h| r.header(h).is_some())));
    for request in elsewhere.requests() {
        for header in CREDENTIAL_HEADERS {
            assert_eq!(request.header(header), None, "{header} leaked to another origin: {request:?}");
        }
    }
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_credentials() {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let server = TestServer::start(|r| {
        if r.path.ends_with("/old") {
            Reply::Raw { status: 308, headers: vec![("location".into(), "/client/v4/ops/new".into())], body: vec![] }
        } else {
            Reply::ok(200, serde_json::json!({"op": "new", "executions": 1}))
        }
    })
    .await;
    let result = client_for(server.base_url(), Credentials::api_token(TOKEN)).send(ReadOp("old".into())).await;
    assert_eq!(result.expect("followed").op, "new");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

#[test]
fn plain_http_is_refused_unless_loopback_or_allowed() {
    let build = |url: &str, allow: bool| {
        Client::builder().base_url(url).credentials(Credentials::api_token(TOKEN)).allow_insecure_http(allow).build()
    };
    for url in ["http://api.cloudflare.com/client/v4", "http://10.0.0.1/client/v4", "http://127.0.0.1.example.com/"] {
        let err = build(url, false).expect_err(url);
        assert!(err.to_string().contains("plain http"), "{err}");
        assert!(build(url, true).is_ok(), "{url} allowed explicitly");
    }
    for url in ["http://127.0.0.1:8080/client/v4", "http://localhost/client/v4", "http://[::1]:1/v4"] {
        assert!(build(url, false).is_ok(), "{url}");
    }
    assert!(build("https://api.cloudflare.com/client/v4", false).is_ok());
}

#[test]
fn credentials_with_control_bytes_are_configuration_errors() {
    for bad in ["tok\r\nX-Injected: 1", "tok\n", "\rtok", "tok\0en", "tok\u{7f}", ""] {
        let with_secret = format!("{TOKEN}{bad}");
        for credentials in [
            Credentials::api_token(with_secret.clone()),
            Credentials::api_key("ops@example.com", with_secret.clone()),
            Credentials::api_key(format!("ops@example.com{bad}"), KEY),
            Credentials::user_service_key(with_secret.clone()),
        ] {
            let result = std::panic::catch_unwind(|| Client::builder().credentials(credentials.clone()).build());
            let result = result.expect("no panic");
            if bad.is_empty() {
                assert!(result.is_ok());
                continue;
            }
            let err = result.expect_err("refused");
            let text = format!("{err} {err:?}");
            assert!(text.contains("control character"), "{text}");
            assert!(!SECRETS.iter().any(|s| text.contains(s)), "{text}");
        }
    }
    let err = Client::builder().credentials(Credentials::api_token("")).build().expect_err("empty");
    assert!(err.to_string().contains("empty"), "{err}");
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Drives every path that could print something (success, API errors, retries, lost
/// responses, redirects, decode errors, config errors) with all three credential kinds, under a
/// TRACE subscriber, and asserts no secret shows up anywhere.
#[tokio::test]
async fn no_secret_in_debug_display_errors_or_traces() {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mut printed = Vec::new();
    let flaky = FaultServer::script(vec![
        Fault::Html(502),
        Fault::Ok,
        Fault::Status { status: 403, should_retry: None },
        Fault::ResetAfterRead,
        Fault::MalformedJson,
        Fault::TooManyRequestsMs(1),
        Fault::Ok,
    ])
    .await;
    let redirect = TestServer::with_replies(vec![Reply::Raw {
        status: 302,
        headers: vec![("location".into(), "http://127.0.0.1:9/elsewhere".into())],
        body: vec![],
    }])
    .await;
    for credentials in all_credentials() {
        printed.push(format!("{credentials:?}"));
        let builder = ClientBuilder::default().credentials(credentials.clone()).base_url(flaky.base_url());
        printed.push(format!("{builder:?}"));
        let client = builder.retry_base_delay(Duration::from_millis(1)).build().expect("client");
        printed.push(format!("{client:?}"));
        for _ in 0..2 {
            let read = client.send(ReadOp("a".into())).await;
            let write = client.send(WriteOp("b".into())).await;
            printed.push(format!("{read:?} {write:?}"));
            for e in [read.err(), write.err()].into_iter().flatten() {
                printed.push(format!("{e} {e:?} {:?}", e.attempts()));
            }
        }
        let redirected = client_for(redirect.base_url(), credentials.clone()).send(ReadOp("r".into())).await;
        printed.push(format!("{redirected:?}"));
        if let Err(e) = redirected {
            printed.push(e.to_string());
        }
    }
    // A lost POST, through its own server, for the outcome-unknown message.
    let lost = FaultServer::script(vec![Fault::ResetAfterRead]).await;
    let err = client_for(lost.base_url(), Credentials::api_token(TOKEN)).send(WriteOp("c".into())).await.unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::OutcomeUnknown));
    printed.push(format!("{err} {err:?}"));
    // Bodies are logged only on request, and then still without credentials.
    let logged = FaultServer::script(vec![]).await;
    let client = Client::builder()
        .base_url(logged.base_url())
        .credentials(Credentials::api_token(TOKEN))
        .log_bodies(true)
        .build()
        .expect("client");
    client.send(WriteOp("body-logged".into())).await.expect("ok");
    drop(_guard);

    let logs = captured.text();
    assert!(logs.contains("flarekit.request") && logs.contains("flarekit.attempt"), "spans captured:\n{logs}");
    assert!(logs.contains("path=\"/ops/<op>\"") || logs.contains("path=/ops/<op>"), "path template logged:\n{logs}");
    assert!(logs.contains("retrying"), "retries logged");
    assert!(logs.contains("body-logged"), "opted-in bodies are logged");
    assert_eq!(logs.matches("\"op\":\"b\"").count(), 0, "bodies are not logged by default:\n{logs}");
    let all = format!("{}\n{logs}", printed.join("\n"));
    for secret in SECRETS {
        assert!(!all.contains(secret), "a secret leaked:\n{all}");
        // Not even a large part of it.
        assert!(!all.contains(&secret[..20]), "part of a secret leaked:\n{all}");
    }
}

#[tokio::test]
async fn a_lost_write_reports_unknown_outcome_not_failure() {
    let _one_at_a_time = ONE_AT_A_TIME.lock().await;
    let server = FaultServer::script(vec![Fault::ResetAfterRead]).await;
    let err = client_for(server.base_url(), Credentials::api_token(TOKEN)).send(WriteOp("w".into())).await.unwrap_err();
    let ErrorKind::Transport(t) = err.kind() else { panic!("{err:?}") };
    assert_eq!(t.kind, TransportErrorKind::OutcomeUnknown);
    assert_eq!(server.executions("w"), 1);
}
