//! A fault-injection HTTP/1.1 server on 127.0.0.1: each connection carries one request and
//! meets one scripted [`Fault`] (refusing is done with [`closed_port`]).
//!
//! The server counts how many times each request was *executed*: read completely and answered
//! with anything but a rejection that by protocol means "not done" (429, or a status with
//! `x-should-retry: true`). Requests are identified by the `op` member of their JSON body, or
//! else by method and path, so a test can assert that no write ran twice and that every write
//! the client reported as done did run.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::BASE_PATH;

/// What the server does with one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Executes the request and answers 200 with a success envelope.
    Ok,
    /// Resets the connection (RST) before reading a byte of the request.
    ResetBeforeRead,
    /// Reads the whole request (so executes it), then resets the connection without answering.
    ResetAfterRead,
    /// Reads the request, waits this long, then answers like [`Fault::Ok`] (a client with a
    /// shorter timeout has given up by then).
    Delay(Duration),
    /// 429 with this `Retry-After` value; not executed.
    TooManyRequests(String),
    /// 429 with `retry-after-ms` of this many milliseconds; not executed.
    TooManyRequestsMs(u64),
    /// This status with an HTML page, as a proxy would answer.
    Html(u16),
    /// This status with a Cloudflare error envelope and an optional `x-should-retry` header.
    Status {
        /// The status.
        status: u16,
        /// The value of `x-should-retry`, if sent.
        should_retry: Option<bool>,
    },
    /// 200 with a complete body that is not valid JSON.
    MalformedJson,
    /// 200 announcing a longer body than it sends, then closing the connection.
    TruncatedJson,
    /// 200, part of the body, then a reset.
    ResetMidBody,
    /// 200 with a body of this many bytes, with `content-length`.
    Oversized(usize),
    /// 200 with a body of this many bytes, without `content-length` (ended by closing).
    OversizedStreamed(usize),
    /// 200 with `success: false`.
    SuccessFalse,
    /// 200 with an empty body.
    EmptyBody,
    /// 200 with a success envelope that has no `result`.
    MissingResult,
}

impl Fault {
    /// Whether a request answered with this fault counts as executed once read.
    fn executes(&self) -> bool {
        !matches!(
            self,
            Fault::ResetBeforeRead
                | Fault::TooManyRequests(_)
                | Fault::TooManyRequestsMs(_)
                | Fault::Status { should_retry: Some(true), .. }
        )
    }
}

/// What the server saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Connections accepted.
    pub connections: usize,
    /// Requests read completely.
    pub received: usize,
    /// Executions per request key (`op` of the body, or `METHOD path`).
    pub executions: HashMap<String, usize>,
}

type Plan = dyn Fn(usize) -> Fault + Send + Sync;

/// The fault-injection server. Dropping it stops it.
pub struct FaultServer {
    port: u16,
    stats: Arc<Mutex<Stats>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A port on 127.0.0.1 where nothing listens: connecting is refused.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local addr").port()
}

impl FaultServer {
    /// Starts a server that meets connection `n` (from 0) with `plan(n)`.
    pub async fn start(plan: impl Fn(usize) -> Fault + Send + Sync + 'static) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        Self::serve(listener, Arc::new(plan))
    }

    /// Like [`FaultServer::start`], on a given port of 127.0.0.1.
    pub async fn start_on(port: u16, plan: impl Fn(usize) -> Fault + Send + Sync + 'static) -> FaultServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind the given port");
        Self::serve(listener, Arc::new(plan))
    }

    /// Starts a server that meets the first connections with `faults`, in order, and every
    /// later one with [`Fault::Ok`].
    pub async fn script(faults: Vec<Fault>) -> FaultServer {
        let queue = Mutex::new(VecDeque::from(faults));
        FaultServer::start(move |_| {
            queue.lock().unwrap_or_else(PoisonError::into_inner).pop_front().unwrap_or(Fault::Ok)
        })
        .await
    }

    fn serve(listener: TcpListener, plan: Arc<Plan>) -> FaultServer {
        let port = listener.local_addr().expect("local addr").port();
        let stats = Arc::new(Mutex::new(Stats::default()));
        let shared = stats.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let n = {
                    let mut s = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    s.connections += 1;
                    s.connections - 1
                };
                tokio::spawn(handle(stream, plan(n), shared.clone()));
            }
        });
        FaultServer { port, stats, task }
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT/client/v4`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}{BASE_PATH}", self.port)
    }

    /// A snapshot of what the server saw.
    pub fn stats(&self) -> Stats {
        self.stats.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// How many times the request with this key was executed.
    pub fn executions(&self, key: &str) -> usize {
        self.stats().executions.get(key).copied().unwrap_or(0)
    }
}

/// Closes with RST instead of FIN.
fn reset(stream: TcpStream) {
    // A zero linger makes close send RST at once; it never blocks.
    #[allow(deprecated)]
    let _ = stream.set_linger(Some(Duration::ZERO));
    drop(stream);
}

async fn handle(mut stream: TcpStream, fault: Fault, stats: Arc<Mutex<Stats>>) {
    let _ = stream.set_nodelay(true);
    if fault == Fault::ResetBeforeRead {
        return reset(stream);
    }
    let Some((method, path, body)) = read_request(&mut stream).await else { return };
    let key = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("op").and_then(|op| op.as_str()).map(str::to_owned))
        .unwrap_or_else(|| format!("{method} {path}"));
    let executions = {
        let mut s = stats.lock().unwrap_or_else(PoisonError::into_inner);
        s.received += 1;
        let count = s.executions.entry(key.clone()).or_insert(0);
        if fault.executes() {
            *count += 1;
        }
        *count
    };
    let ok = || {
        serde_json::json!({"success": true, "errors": [], "messages": [], "result": {"op": key, "executions": executions}})
            .to_string()
            .into_bytes()
    };
    let error_envelope = |code: u16| {
        serde_json::json!({"success": false, "errors": [{"code": 10000 + u32::from(code), "message": "scripted failure"}], "messages": [], "result": null})
            .to_string()
            .into_bytes()
    };
    let (status, headers, body): (u16, Vec<(&str, String)>, Vec<u8>) = match fault {
        Fault::Ok => (200, vec![], ok()),
        Fault::ResetBeforeRead | Fault::ResetAfterRead => return reset(stream),
        Fault::Delay(d) => {
            tokio::time::sleep(d).await;
            (200, vec![], ok())
        }
        Fault::TooManyRequests(v) => (429, vec![("retry-after", v)], error_envelope(429)),
        Fault::TooManyRequestsMs(ms) => (429, vec![("retry-after-ms", ms.to_string())], error_envelope(429)),
        Fault::Html(status) => (
            status,
            vec![("content-type", "text/html".to_owned())],
            format!("<html><head><title>{status}</title></head><body><h1>{status} Bad Gateway</h1></body></html>")
                .into_bytes(),
        ),
        Fault::Status { status, should_retry } => (
            status,
            should_retry.map(|r| ("x-should-retry", r.to_string())).into_iter().collect(),
            error_envelope(status),
        ),
        Fault::MalformedJson => (200, vec![], br#"{"success": true, "result": {"op": "#.to_vec()),
        Fault::TruncatedJson | Fault::ResetMidBody => {
            let full = ok();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\ncf-ray: {RAY}\r\nconnection: close\r\n\r\n",
                full.len() + 100
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&full[..full.len() / 2]).await;
            let _ = stream.flush().await;
            if fault == Fault::ResetMidBody {
                tokio::time::sleep(Duration::from_millis(20)).await;
                return reset(stream);
            }
            return;
        }
        Fault::Oversized(n) => (200, vec![], padded(n)),
        Fault::OversizedStreamed(n) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncf-ray: {RAY}\r\nconnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&padded(n)).await;
            let _ = stream.shutdown().await;
            return;
        }
        Fault::SuccessFalse => (200, vec![], error_envelope(200)),
        Fault::EmptyBody => (200, vec![], Vec::new()),
        Fault::MissingResult => (200, vec![], br#"{"success": true, "errors": [], "messages": []}"#.to_vec()),
    };
    let mut head =
        format!("HTTP/1.1 {status} Status\r\ncontent-length: {}\r\ncf-ray: {RAY}\r\nconnection: close\r\n", body.len());
    if !headers.iter().any(|(n, _)| *n == "content-type") {
        head.push_str("content-type: application/json\r\n");
    }
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&body).await;
    let _ = stream.shutdown().await;
}

/// The `cf-ray` every response carries.
pub const RAY: &str = "8f00fa017000beef-LHR";

/// A success envelope padded to `n` bytes.
fn padded(n: usize) -> Vec<u8> {
    let mut body = br#"{"success":true,"result":""#.to_vec();
    body.resize(n.saturating_sub(2).max(body.len()), b'x');
    body.extend_from_slice(b"\"}");
    body
}

/// Reads one request: method, path (without query) and body.
async fn read_request(stream: &mut TcpStream) -> Option<(String, String, Vec<u8>)> {
    let mut buf = Vec::new();
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        if let Ok(httparse::Status::Complete(head_len)) = req.parse(&buf) {
            let method = req.method?.to_owned();
            let path = req.path?.split('?').next().unwrap_or_default().to_owned();
            let len: usize = req
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("content-length"))
                .and_then(|h| std::str::from_utf8(h.value).ok()?.trim().parse().ok())
                .unwrap_or(0);
            while buf.len() < head_len + len {
                let mut chunk = [0u8; 8192];
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some((method, path, buf[head_len..head_len + len].to_vec()));
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

static READ_INFO: flarekit_core::EndpointInfo =
    flarekit_core::EndpointInfo::new(flarekit_core::Method::Get, "/ops/<op>").named("ReadOp", "faults");
static WRITE_INFO: flarekit_core::EndpointInfo =
    flarekit_core::EndpointInfo::new(flarekit_core::Method::Post, "/ops").named("WriteOp", "faults");
static SAFE_WRITE_INFO: flarekit_core::EndpointInfo =
    flarekit_core::EndpointInfo::new(flarekit_core::Method::Post, "/ops")
        .named("SafeWriteOp", "faults")
        .retry_safe(true);

/// `GET /ops/<op>`: an idempotent read, keyed `GET /client/v4/ops/<op>` on the server.
#[derive(Debug, Clone)]
pub struct ReadOp(pub String);

/// `POST /ops` with body `{"op": …}`: a non-idempotent write, keyed by its op on the server.
#[derive(Debug, Clone)]
pub struct WriteOp(pub String);

/// `POST /ops` like [`WriteOp`], declared safe to retry (as `retry_safe` would).
#[derive(Debug, Clone)]
pub struct SafeWriteOp(pub String);

/// The `result` of a successful op: the op and how many times the server executed it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct OpResult {
    /// The op's key.
    pub op: String,
    /// Executions so far, this one included.
    pub executions: u64,
}

fn decode(
    response: &flarekit_core::HttpResponse,
) -> Result<flarekit_core::ApiResponse<OpResult>, flarekit_core::Error> {
    flarekit_core::decode_envelope(response)
}

impl flarekit_core::Endpoint for ReadOp {
    type Response = OpResult;
    const INFO: &'static flarekit_core::EndpointInfo = &READ_INFO;

    fn validate(&self) -> Result<(), flarekit_core::ValidationError> {
        Ok(())
    }

    fn to_request(&self) -> Result<flarekit_core::RequestParts, flarekit_core::Error> {
        let mut path = String::from("/ops/");
        flarekit_core::encode::push_segment(&mut path, &self.0);
        Ok(flarekit_core::RequestParts::new(flarekit_core::Method::Get, path))
    }

    fn decode(
        response: &flarekit_core::HttpResponse,
    ) -> Result<flarekit_core::ApiResponse<Self::Response>, flarekit_core::Error> {
        decode(response)
    }
}

fn write_request(op: &str) -> flarekit_core::RequestParts {
    let mut parts = flarekit_core::RequestParts::new(flarekit_core::Method::Post, "/ops".to_owned());
    parts.body = Some(flarekit_core::request::Body::json(serde_json::json!({ "op": op }).to_string()));
    parts
}

impl flarekit_core::Endpoint for WriteOp {
    type Response = OpResult;
    const INFO: &'static flarekit_core::EndpointInfo = &WRITE_INFO;

    fn validate(&self) -> Result<(), flarekit_core::ValidationError> {
        Ok(())
    }

    fn to_request(&self) -> Result<flarekit_core::RequestParts, flarekit_core::Error> {
        Ok(write_request(&self.0))
    }

    fn decode(
        response: &flarekit_core::HttpResponse,
    ) -> Result<flarekit_core::ApiResponse<Self::Response>, flarekit_core::Error> {
        decode(response)
    }
}

impl flarekit_core::Endpoint for SafeWriteOp {
    type Response = OpResult;
    const INFO: &'static flarekit_core::EndpointInfo = &SAFE_WRITE_INFO;

    fn validate(&self) -> Result<(), flarekit_core::ValidationError> {
        Ok(())
    }

    fn to_request(&self) -> Result<flarekit_core::RequestParts, flarekit_core::Error> {
        Ok(write_request(&self.0))
    }

    fn decode(
        response: &flarekit_core::HttpResponse,
    ) -> Result<flarekit_core::ApiResponse<Self::Response>, flarekit_core::Error> {
        decode(response)
    }
}
