//! Streamed responses on the wire: items handed on as their bytes arrive, a body cut off
//! mid-way ending in a typed error, retries only before the head.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flarekit::logs::received::{GetLogsReceived, Timestamps};
use flarekit::magic_transit::pcaps::download::DownloadSimplePcap;
use flarekit::{Endpoint, ErrorKind, ResponseKind, TransportErrorKind};
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// What a scripted connection does after reading the request head.
enum Step {
    Write(Vec<u8>),
    /// Wait until the test says so (after it has seen what came before).
    WaitFor(oneshot::Receiver<()>),
    /// Wait this long.
    Sleep(Duration),
}

struct Scripted {
    port: u16,
    /// Each connection's request line.
    requests: Arc<Mutex<Vec<String>>>,
}

/// A loopback server on 127.0.0.1 that answers its n-th connection with the n-th script, then
/// closes that connection.
async fn scripted(scripts: Vec<Vec<Step>>) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    let mut scripts = VecDeque::from(scripts);
    tokio::spawn(async move {
        while let Some(script) = scripts.pop_front() {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if socket.read(&mut byte).await.unwrap() == 0 {
                    break;
                }
                head.push(byte[0]);
            }
            let line = String::from_utf8_lossy(&head).lines().next().unwrap_or_default().to_owned();
            seen.lock().unwrap().push(line);
            for step in script {
                match step {
                    Step::Write(bytes) => {
                        socket.write_all(&bytes).await.unwrap();
                        socket.flush().await.unwrap();
                    }
                    Step::WaitFor(rx) => {
                        let _ = rx.await;
                    }
                    Step::Sleep(d) => tokio::time::sleep(d).await,
                }
            }
            let _ = socket.shutdown().await;
        }
    });
    Scripted { port, requests }
}

impl Scripted {
    fn client(&self) -> flarekit::Client {
        flarekit::Client::builder()
            .base_url(format!("http://127.0.0.1:{}/client/v4", self.port))
            .credentials(flarekit::Credentials::api_token("tok"))
            .retry_base_delay(Duration::from_millis(1))
            .build()
            .unwrap()
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn chunked_head(content_type: &str) -> Step {
    Step::Write(
        format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n").into_bytes(),
    )
}

fn chunk(data: &[u8]) -> Step {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    Step::Write(out)
}

fn last_chunk() -> Step {
    Step::Write(b"0\r\n\r\n".to_vec())
}

fn logs() -> GetLogsReceived {
    GetLogsReceived::new(ZONE.into(), "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z")
        .fields(vec!["ClientIP".into(), "RayID".into()])
        .timestamps(Timestamps::Rfc3339)
}

#[tokio::test]
async fn ndjson_items_arrive_one_by_one_before_the_body_ends() {
    let (go, wait) = oneshot::channel();
    let server = scripted(vec![vec![
        chunked_head("application/x-ndjson"),
        // The first record and half of the second.
        chunk(b"{\"RayID\":\"r1\",\"ClientIP\":\"192.0.2.1\"}\n{\"RayID\":"),
        Step::WaitFor(wait),
        chunk(b"\"r2\",\"ClientIP\":\"192.0.2.2\"}\r\n\n"),
        last_chunk(),
    ]])
    .await;
    let mut records = logs().send(&server.client()).await.expect("the head");
    let first = records.next().await.expect("an item").expect("a record");
    assert_eq!(first["RayID"], "r1");
    // The rest of the body was not even written yet: the first item came from the stream.
    go.send(()).unwrap();
    let second = records.next().await.expect("an item").expect("a record");
    assert_eq!((second["RayID"].as_str(), second["ClientIP"].as_str()), (Some("r2"), Some("192.0.2.2")));
    assert!(records.next().await.is_none());
    assert_eq!(
        server.requests(),
        [format!("GET /client/v4/zones/{ZONE}/logs/received?start=2026-12-01T10%3A00%3A00Z&end=2026-12-01T10%3A01%3A00Z&fields=ClientIP%2CRayID&timestamps=rfc3339 HTTP/1.1")]
    );
    assert_eq!(GetLogsReceived::INFO.response, ResponseKind::Stream);
    assert!(!GetLogsReceived::INFO.fields.iter().find(|f| f.name == "fields").unwrap().explode);
}

#[tokio::test]
async fn a_body_cut_off_mid_way_ends_in_a_transport_error_and_is_not_retried() {
    let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ncontent-length: 1000\r\n\r\n".to_vec();
    let server = scripted(vec![vec![Step::Write(head), Step::Write(b"{\"RayID\":\"r1\"}\n{\"Ray".to_vec())]]).await;
    let mut records = logs().send(&server.client()).await.expect("the head");
    assert_eq!(records.next().await.unwrap().unwrap()["RayID"], "r1");
    let err = records.next().await.expect("an error").unwrap_err();
    match err.kind() {
        ErrorKind::Transport(t) => assert_eq!(t.kind, TransportErrorKind::Body, "{err}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.operation().map(|op| op.type_name), Some("GetLogsReceived"));
    assert!(records.next().await.is_none(), "nothing after the error");
    assert_eq!(server.requests().len(), 1, "never retried after the head");
}

#[tokio::test]
async fn a_last_line_left_incomplete_is_a_decode_error() {
    let server = scripted(vec![vec![
        chunked_head("application/x-ndjson"),
        chunk(b"{\"RayID\":\"r1\"}\n{\"RayID\":"),
        last_chunk(),
    ]])
    .await;
    let records: Vec<_> = logs().send(&server.client()).await.expect("the head").collect().await;
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].as_ref().unwrap()["RayID"], "r1");
    let err = records[1].as_ref().unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Decode(d) if d.reason.contains("ended inside line 2")), "{err}");
}

#[tokio::test]
async fn a_download_streams_its_chunks_and_is_retried_only_before_the_head() {
    let busy = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 58\r\n\r\n{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"busy\"}]}".to_vec();
    let part: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let server = scripted(vec![
        vec![Step::Write(busy)],
        vec![chunked_head("application/vnd.tcpdump.pcap"), chunk(&part), chunk(&part), chunk(b"end"), last_chunk()],
    ])
    .await;
    let download = DownloadSimplePcap::new(ZONE.into(), "pcap1").send(&server.client()).await.expect("the head");
    assert_eq!(download.head().header("content-type"), Some("application/vnd.tcpdump.pcap"));
    let chunks: Vec<flarekit::Bytes> = download.map(|c| c.expect("a chunk")).collect().await;
    assert!(chunks.len() >= 2, "handed on in pieces, not buffered whole: {}", chunks.len());
    let got: Vec<u8> = chunks.concat();
    let mut expected = [&part[..], &part[..]].concat();
    expected.extend_from_slice(b"end");
    assert!(got == expected, "{} bytes instead of {}", got.len(), expected.len());
    assert_eq!(server.requests().len(), 2, "the 503 before the head was retried");
}

#[tokio::test]
async fn an_error_status_of_a_streamed_call_is_the_usual_api_error() {
    let body = "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}";
    let denied = format!(
        "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let server = scripted(vec![vec![Step::Write(denied.into_bytes())]]).await;
    let err = logs().send(&server.client()).await.unwrap_err();
    let ErrorKind::Api(api) = err.kind() else { panic!("{err:?}") };
    assert_eq!((api.status, api.codes().collect::<Vec<_>>()), (403, vec![10000]));
}

#[tokio::test]
async fn a_workers_ai_run_streams_events_and_keeps_the_model_names_slashes() {
    use flarekit::ai::{RunModelStreaming, StreamOn};
    let (go, wait) = oneshot::channel();
    let server = scripted(vec![vec![
        chunked_head("text/event-stream"),
        chunk(b"data: {\"response\":\"Hel\"}\n\n"),
        Step::WaitFor(wait),
        chunk(b"data: {\"response\":\"lo\"}\n\ndata: [DONE]\n\n"),
        last_chunk(),
    ]])
    .await;
    let mut events = RunModelStreaming::new(ZONE.into(), "@cf/meta/llama-3-8b-instruct", StreamOn)
        .prompt("Say hello")
        .send(&server.client())
        .await
        .expect("the head");
    let first = events.next().await.unwrap().unwrap();
    assert_eq!(first.json::<serde_json::Value>().unwrap()["response"], "Hel");
    go.send(()).unwrap();
    let rest: Vec<String> = events.map(|e| e.unwrap().data).collect().await;
    assert_eq!(rest, ["{\"response\":\"lo\"}", "[DONE]"]);
    assert_eq!(
        server.requests(),
        [format!("POST /client/v4/accounts/{ZONE}/ai/run/@cf/meta/llama-3-8b-instruct HTTP/1.1")]
    );
}

#[test]
fn a_run_needs_a_prompt_or_messages_and_a_model_path_that_stays_below_run() {
    use flarekit::ai::{Message, RunModelStreaming, StreamOn};
    let both = RunModelStreaming::new(ZONE.into(), "@cf/x", StreamOn)
        .prompt("p")
        .messages(vec![Message { role: "user".into(), content: "m".into() }]);
    let err = both.validate().unwrap_err();
    assert_eq!(
        err.violations()[0].to_string(),
        "`prompt` (prompt_or_messages): must be given, or `messages` instead, but not both"
    );
    let climbing = RunModelStreaming::new(ZONE.into(), "@cf/../../zones", StreamOn).prompt("p");
    let err = climbing.validate().unwrap_err();
    assert_eq!((err.violations()[0].field.as_ref(), err.violations()[0].rule.name()), ("model_name", "path_segment"));
    let body = RunModelStreaming::new(ZONE.into(), "@cf/x", StreamOn).prompt("p").to_request().unwrap().body.unwrap();
    assert_eq!(body.to_bytes(), r#"{"stream":true,"prompt":"p"}"#);
}

/// A client whose attempts may take 300 ms, with no retry.
fn impatient(server: &Scripted) -> flarekit::Client {
    flarekit::Client::builder()
        .base_url(format!("http://127.0.0.1:{}/client/v4", server.port))
        .credentials(flarekit::Credentials::api_token("tok"))
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_streamed_body_may_take_longer_than_the_attempt_timeout() {
    // The head comes at once; the body's last part 800 ms later, past the 300 ms timeout that
    // bounds only the wait for the head.
    let server = scripted(vec![vec![
        chunked_head("application/vnd.tcpdump.pcap"),
        chunk(b"first "),
        Step::Sleep(Duration::from_millis(800)),
        chunk(b"last"),
        last_chunk(),
    ]])
    .await;
    let download = DownloadSimplePcap::new(ZONE.into(), "pcap1").send(&impatient(&server)).await.expect("the head");
    let chunks: Vec<flarekit::Bytes> = download.map(|c| c.expect("a chunk")).collect().await;
    assert_eq!(chunks.concat(), b"first last");
}

#[tokio::test]
async fn a_buffered_body_slower_than_the_attempt_timeout_is_a_timeout() {
    // The head and part of the body at once, the rest only after the call has failed: the
    // 300 ms timeout bounds the whole attempt, the body included.
    let body = br#"{"success":true,"errors":[],"messages":[],"result":{"n":1}}"#;
    let (first, rest) = body.split_at(20);
    let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
    let (failed, wait) = oneshot::channel();
    let server = scripted(vec![
        vec![Step::Write([head.as_bytes(), first].concat()), Step::WaitFor(wait), Step::Write(rest.to_vec())],
        vec![Step::Write([head.as_bytes(), body].concat())],
    ])
    .await;
    static OP: flarekit::EndpointInfo = flarekit::EndpointInfo::new(flarekit::Method::Get, "/op");
    let client = impatient(&server);
    let parts = || flarekit::RequestParts::new(flarekit::Method::Get, "/op".into());
    let err = client.send_parts(&OP, parts()).await.unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout), "{err}");
    failed.send(()).unwrap();
    // The same answer at once arrives whole.
    let got = client.send_parts(&OP, parts()).await.expect("the second answer");
    assert_eq!(got.result, serde_json::json!({"n": 1}));
    assert_eq!(server.requests(), ["GET /client/v4/op HTTP/1.1", "GET /client/v4/op HTTP/1.1"]);
}
