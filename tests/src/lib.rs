//! Test support for flarekit: a real HTTP/1.1 server on 127.0.0.1 that records every request
//! exactly as received and answers with scripted replies.
#![deny(missing_docs)]

pub mod calls;
pub mod prism;
pub mod spec;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub mod faults;

/// The path prefix the server's base URL carries, as Cloudflare's `/client/v4` does.
pub const BASE_PATH: &str = "/client/v4";

/// A request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The method.
    pub method: String,
    /// The path, still percent-encoded, without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Headers, names lower-cased, in received order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("request body is not JSON ({e}): {:?}", self.body))
    }

    /// The boundary of a multipart form body, from its content type.
    pub fn boundary(&self) -> &str {
        let ct = self.header("content-type").expect("a content type");
        ct.strip_prefix("multipart/form-data; boundary=").unwrap_or_else(|| panic!("not multipart: {ct}"))
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A response with a JSON body.
    Json {
        /// The status.
        status: u16,
        /// The body.
        body: serde_json::Value,
        /// Extra headers.
        headers: Vec<(String, String)>,
    },
    /// A response with an arbitrary body.
    Raw {
        /// The status.
        status: u16,
        /// Extra headers.
        headers: Vec<(String, String)>,
        /// The body.
        body: Vec<u8>,
    },
    /// Close the connection without answering.
    Hangup,
    /// Wait, then reply.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    /// A JSON reply with a `cf-ray` header.
    pub fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply::Json { status, body, headers: vec![("cf-ray".into(), "8f00c0ffee000000-LHR".into())] }
    }

    /// Cloudflare's success envelope around `result`.
    pub fn ok(status: u16, result: serde_json::Value) -> Reply {
        Reply::json(status, serde_json::json!({"success": true, "errors": [], "messages": [], "result": result}))
    }
}

type Responder = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A loopback HTTP server for tests.
pub struct TestServer {
    port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    /// Starts a server answering every request with `responder`.
    pub async fn start(responder: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let responder: Arc<Responder> = Arc::new(responder);
        let recorded = requests.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, recorded.clone(), responder.clone()));
            }
        });
        TestServer { port, requests, task }
    }

    /// Starts a server that gives these replies in order (and 500 once they run out).
    pub async fn with_replies(replies: Vec<Reply>) -> TestServer {
        let queue = Mutex::new(VecDeque::from(replies));
        TestServer::start(move |_| {
            queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop_front()
                .unwrap_or_else(|| Reply::json(500, serde_json::json!({"unexpected": "request"})))
        })
        .await
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base URL to give a client: `http://127.0.0.1:PORT/client/v4`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}{BASE_PATH}", self.port)
    }

    /// A flarekit client for this server with an API token.
    pub fn client(&self, token: &str) -> flarekit::Client {
        flarekit::Client::builder()
            .base_url(self.base_url())
            .credentials(flarekit::Credentials::api_token(token))
            .build()
            .expect("client for the test server")
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

async fn serve(mut stream: TcpStream, recorded: Arc<Mutex<Vec<Recorded>>>, responder: Arc<Responder>) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await else { return };
        recorded.lock().unwrap_or_else(PoisonError::into_inner).push(request.clone());
        let mut reply = responder(&request);
        while let Reply::Delay(d, next) = reply {
            tokio::time::sleep(d).await;
            reply = *next;
        }
        let (status, headers, body) = match reply {
            Reply::Json { status, body, headers } => (status, headers, body.to_string().into_bytes()),
            Reply::Raw { status, headers, body } => (status, headers, body),
            Reply::Hangup | Reply::Delay(..) => return,
        };
        let mut head = format!("HTTP/1.1 {status} {}\r\ncontent-length: {}\r\n", reason(status), body.len());
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
            head.push_str("content-type: application/json\r\n");
        }
        for (n, v) in &headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(&body).await.is_err() {
            return;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Reads one request from the connection (keep-alive: leftover bytes stay in `buf`).
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Recorded> {
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        if let Ok(httparse::Status::Complete(head_len)) = req.parse(buf) {
            let method = req.method?.to_owned();
            let target = req.path?.to_owned();
            let headers: Vec<(String, String)> = req
                .headers
                .iter()
                .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
                .collect();
            let len: usize = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .and_then(|(_, v)| v.trim().parse().ok())
                .unwrap_or(0);
            while buf.len() < head_len + len {
                let mut chunk = [0u8; 8192];
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            let body = buf[head_len..head_len + len].to_vec();
            buf.drain(..head_len + len);
            let (path, query) = match target.split_once('?') {
                Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
                None => (target, None),
            };
            return Some(Recorded { method, path, query, headers, body });
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}
