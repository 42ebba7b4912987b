//! The HTTP server every benchmark client talks to: hyper 1 on 127.0.0.1, HTTP/1.1 keep-alive,
//! `TCP_NODELAY`, one thread (the machine has two cores: one for the server, one for the client).
//!
//! Routes, below the base path `/client/v4`, answered as Cloudflare answers them:
//! - `POST /accounts/<id>/email-security/settings/sending_domain_restrictions`: `201` with the
//!   documented envelope (a canned restriction); `400` when the body is empty.
//! - `GET` of the same path: page `page` (default 1) of `per_page` (default 20) generated
//!   restrictions; the total is the number after `n` in the account id (`n100000`), else 1000.
//! - `GET /zones/<id>/dns_records`: the same pages of generated A records, the total after `n`
//!   in the zone id.
//! - `PUT /accounts/<id>/storage/kv/namespaces/<ns>/values/<key>`: keeps the body as the value,
//!   answers the envelope with `result: {}`; `GET` of it answers the value's raw bytes
//!   (`application/octet-stream`), or `404` with Cloudflare's error 10009.
//! - `PUT /accounts/<id>/workers/scripts/<name>`: a multipart upload (the body must start and
//!   end with the `content-type`'s boundary), answered with the script's envelope.
//!
//! Usage: `bench_server [ADDR]` (default `127.0.0.1:0`); prints its base URL on the first line.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use flarekit_bench::common;

const BASE_PATH: &str = "/client/v4";

fn json(status: StatusCode, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    headers.insert("cf-ray", hyper::header::HeaderValue::from_static(common::CF_RAY));
    response
}

fn not_found() -> Response<Full<Bytes>> {
    error(StatusCode::NOT_FOUND, 7003, "No route")
}

fn query_number(query: &str, name: &str) -> Option<u64> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
}

/// The values written to the KV routes, by namespace and key.
type Store = Arc<Mutex<HashMap<(String, String), Bytes>>>;

fn error(status: StatusCode, code: u32, message: &str) -> Response<Full<Bytes>> {
    json(
        status,
        format!(
            r#"{{"success":false,"errors":[{{"code":{code},"message":"{message}"}}],"messages":[],"result":null}}"#
        ),
    )
}

/// One page of `total` generated items (`item` writes item `i`) with its `result_info`.
fn list_page(total: u64, query: &str, item: impl Fn(&mut String, u64)) -> Bytes {
    let page = query_number(query, "page").unwrap_or(1).max(1);
    let per_page = query_number(query, "per_page").unwrap_or(20).clamp(1, 1000);
    let total_pages = total.div_ceil(per_page);
    let first = (page - 1).saturating_mul(per_page).min(total);
    let last = page.saturating_mul(per_page).min(total);
    let mut out = String::with_capacity(64 + 300 * (last - first) as usize);
    out.push_str(r#"{"success":true,"errors":[],"messages":[],"result":["#);
    for i in first..last {
        if i > first {
            out.push(',');
        }
        item(&mut out, i);
    }
    let _ = write!(
        out,
        r#"],"result_info":{{"page":{page},"per_page":{per_page},"count":{},"total_count":{total},"total_pages":{total_pages}}}}}"#,
        last - first
    );
    Bytes::from(out)
}

/// The number of items of a generated list: the number after `n` in its id, else 1000.
fn total_of(id: &str) -> u64 {
    id.strip_prefix('n').and_then(|n| n.parse::<u64>().ok()).unwrap_or(1000)
}

fn restriction(out: &mut String, i: u64) {
    let _ = write!(
        out,
        r#"{{"id":"00000000-0000-4000-8000-{i:012}","domain":"d{i}.example.com","exclude":["mail.d{i}.example.com"],"comments":"generated","created_at":"2026-01-01T00:00:00Z","modified_at":"2026-01-01T00:00:00Z"}}"#
    );
}

/// An A record as Cloudflare lists it.
fn dns_record(out: &mut String, i: u64) {
    let _ = write!(
        out,
        r#"{{"id":"{i:032x}","name":"r{i}.example.com","type":"A","content":"198.51.{}.{}","proxiable":true,"proxied":false,"ttl":1,"settings":{{}},"meta":{{"auto_added":false}},"comment":null,"tags":[],"created_on":"2026-01-01T00:00:00.000000Z","modified_on":"2026-01-01T00:00:00.000000Z"}}"#,
        (i >> 8) % 256,
        i % 256
    );
}

/// A multipart body whose first and last delimiters are the `content-type`'s boundary.
fn is_multipart(content_type: Option<&hyper::header::HeaderValue>, body: &[u8]) -> bool {
    let Some(boundary) =
        content_type.and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("multipart/form-data; boundary="))
    else {
        return false;
    };
    let close = format!("--{boundary}--\r\n");
    body.starts_with(b"--") && body[2..].starts_with(boundary.as_bytes()) && body.ends_with(close.as_bytes())
}

const SCRIPT_RESPONSE: &str = concat!(
    r#"{"success":true,"errors":[],"messages":[],"result":{"id":"bench-worker","#,
    r#""etag":"ea95132c15732412d22c1476fa83f27a","handlers":["fetch"],"#,
    r#""created_on":"2026-01-01T00:00:00.000000Z","modified_on":"2026-01-01T00:00:00.000000Z","#,
    r#""usage_model":"standard","logpush":false,"startup_time_ms":2}}"#
);

async fn handle(request: Request<Incoming>, store: Store) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    // Read the whole request body, as a real server does.
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(json(StatusCode::BAD_REQUEST, Bytes::new())),
    };
    let path = parts.uri.path();
    let Some(rest) = path.strip_prefix(BASE_PATH) else { return Ok(not_found()) };
    let query = parts.uri.query().unwrap_or("");
    let segments: Vec<&str> = rest.split('/').collect();
    Ok(match (&parts.method, segments.as_slice()) {
        (&Method::POST, ["", "accounts", _, "email-security", "settings", "sending_domain_restrictions"])
            if body.is_empty() =>
        {
            error(StatusCode::BAD_REQUEST, 1000, "empty body")
        }
        (&Method::POST, ["", "accounts", _, "email-security", "settings", "sending_domain_restrictions"]) => {
            json(StatusCode::CREATED, Bytes::from_static(common::CREATE_RESPONSE.as_bytes()))
        }
        (&Method::GET, ["", "accounts", account, "email-security", "settings", "sending_domain_restrictions"]) => {
            json(StatusCode::OK, list_page(total_of(account), query, restriction))
        }
        (&Method::GET, ["", "zones", zone, "dns_records"]) => {
            json(StatusCode::OK, list_page(total_of(zone), query, dns_record))
        }
        (&Method::PUT, ["", "accounts", _, "storage", "kv", "namespaces", namespace, "values", key]) => {
            let mut values = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            values.insert((namespace.to_string(), key.to_string()), body);
            json(StatusCode::OK, Bytes::from_static(br#"{"success":true,"errors":[],"messages":[],"result":{}}"#))
        }
        (&Method::GET, ["", "accounts", _, "storage", "kv", "namespaces", namespace, "values", key]) => {
            let values = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match values.get(&(namespace.to_string(), key.to_string())) {
                Some(value) => {
                    let mut response = Response::new(Full::new(value.clone()));
                    let headers = response.headers_mut();
                    headers.insert(
                        hyper::header::CONTENT_TYPE,
                        hyper::header::HeaderValue::from_static("application/octet-stream"),
                    );
                    headers.insert("cf-ray", hyper::header::HeaderValue::from_static(common::CF_RAY));
                    response
                }
                None => error(StatusCode::NOT_FOUND, 10009, "get: 'key not found'"),
            }
        }
        (&Method::PUT, ["", "accounts", _, "workers", "scripts", _]) => {
            if is_multipart(parts.headers.get(hyper::header::CONTENT_TYPE), &body) {
                json(StatusCode::OK, Bytes::from_static(SCRIPT_RESPONSE.as_bytes()))
            } else {
                error(StatusCode::BAD_REQUEST, 10021, "not a multipart form")
            }
        }
        _ => not_found(),
    })
}

fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(&addr).await?;
        let local = listener.local_addr()?;
        let mut stdout = std::io::stdout();
        writeln!(stdout, "http://{local}{BASE_PATH}")?;
        stdout.flush()?;
        let store = Store::default();
        loop {
            let (stream, _) = listener.accept().await?;
            stream.set_nodelay(true)?;
            let store = store.clone();
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service_fn(move |r| handle(r, store.clone())))
                    .await;
            });
        }
    })
}
