//! Prism (`@stoplight/prism-cli` 5.14.2, installed by `.ci/run` with `npm ci --prefix tests/prism`)
//! serving Cloudflare's spec as a validating mock on 127.0.0.1, and a transport wrapper that
//! records what Prism said about each request.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use flarekit::transport::{BoxFuture, HttpRequest, HttpResponse, Transport};
use flarekit::TransportError;

/// A running `prism mock`, killed on drop.
pub struct Prism {
    child: Child,
    port: u16,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("prism/node_modules/.bin/prism")
}

impl Prism {
    /// Starts Prism on a free loopback port with the spec at `spec`, or `None` (after saying
    /// why) when Prism is not installed outside CI. Under `CI=true` a missing Prism fails.
    pub fn start(spec: &std::path::Path) -> Option<Prism> {
        let bin = binary();
        if !bin.exists() {
            // A fresh clone: install the pinned Prism from tests/prism/package-lock.json.
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("prism");
            eprintln!("installing Prism: npm ci --prefix {}", dir.display());
            let _ = Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&dir).status();
        }
        if !bin.exists() {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true and Prism is not installed at {}: run `npm ci --prefix tests/prism`", bin.display());
            }
            eprintln!("skipping: Prism is not installed at {}; run `npm ci --prefix tests/prism`", bin.display());
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let child = Command::new(bin)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string(), "--errors", "false"])
            .arg(spec)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start prism");
        let prism = Prism { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "Prism did not listen on 127.0.0.1:{port} within 90 s"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        Some(prism)
    }

    /// `http://127.0.0.1:PORT`: Prism serves the spec's paths from the root.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// What one request got from the server.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// Method and URL sent.
    pub request: String,
    /// The status received.
    pub status: u16,
    /// Prism's `sl-violations` header, if any.
    pub violations: Option<String>,
}

/// A [`Transport`] that forwards to another and records every exchange.
#[derive(Debug)]
pub struct Recording {
    inner: Arc<dyn Transport>,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl Recording {
    /// Wraps `inner`; the returned log fills as requests go through.
    pub fn new(inner: Arc<dyn Transport>) -> (Self, Arc<Mutex<Vec<Exchange>>>) {
        let log = Arc::new(Mutex::new(Vec::new()));
        (Recording { inner, log: log.clone() }, log)
    }
}

impl Transport for Recording {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let line = format!("{} {}", request.method, request.url);
            let response = self.inner.execute(request).await?;
            self.log.lock().unwrap_or_else(PoisonError::into_inner).push(Exchange {
                request: line,
                status: response.status,
                violations: response.header("sl-violations").map(str::to_owned),
            });
            Ok(response)
        })
    }
}
