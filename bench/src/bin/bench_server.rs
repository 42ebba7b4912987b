//! The HTTP server every benchmark client talks to: hyper 1 on 127.0.0.1, HTTP/1.1 keep-alive,
//! `TCP_NODELAY`, one thread (the machine has two cores: one for the server, one for the client).
//!
//! Routes, below the base path `/client/v4`:
//! - `POST /accounts/<id>/email-security/settings/sending_domain_restrictions`: `201` with the
//!   documented envelope (a canned restriction); `400` when the body is empty.
//! - `GET` of the same path: page `page` (default 1) of `per_page` (default 20) generated
//!   restrictions; the total is the number after `n` in the account id (`n100000`), else 1000.
//!
//! Usage: `bench_server [ADDR]` (default `127.0.0.1:0`); prints its base URL on the first line.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::Write as _;

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
    json(
        StatusCode::NOT_FOUND,
        Bytes::from_static(
            br#"{"success":false,"errors":[{"code":7003,"message":"No route"}],"messages":[],"result":null}"#,
        ),
    )
}

fn query_number(query: &str, name: &str) -> Option<u64> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
}

/// One page of generated restrictions with its `result_info`.
fn list_page(account: &str, query: &str) -> Bytes {
    let total = account.strip_prefix('n').and_then(|n| n.parse::<u64>().ok()).unwrap_or(1000);
    let page = query_number(query, "page").unwrap_or(1).max(1);
    let per_page = query_number(query, "per_page").unwrap_or(20).clamp(1, 1000);
    let total_pages = total.div_ceil(per_page);
    let first = (page - 1).saturating_mul(per_page).min(total);
    let last = page.saturating_mul(per_page).min(total);
    let mut out = String::with_capacity(64 + 200 * (last - first) as usize);
    out.push_str(r#"{"success":true,"errors":[],"messages":[],"result":["#);
    for i in first..last {
        if i > first {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"id":"00000000-0000-4000-8000-{i:012}","domain":"d{i}.example.com","exclude":["mail.d{i}.example.com"],"comments":"generated","created_at":"2026-01-01T00:00:00Z","modified_at":"2026-01-01T00:00:00Z"}}"#
        );
    }
    let _ = write!(
        out,
        r#"],"result_info":{{"page":{page},"per_page":{per_page},"count":{},"total_count":{total},"total_pages":{total_pages}}}}}"#,
        last - first
    );
    Bytes::from(out)
}

async fn handle(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    // Read the whole request body, as a real server does.
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(json(StatusCode::BAD_REQUEST, Bytes::new())),
    };
    let path = parts.uri.path();
    let Some(rest) = path.strip_prefix(BASE_PATH) else { return Ok(not_found()) };
    let segments: Vec<&str> = rest.split('/').collect();
    let account = match segments.as_slice() {
        ["", "accounts", account, "email-security", "settings", "sending_domain_restrictions"] => *account,
        _ => return Ok(not_found()),
    };
    Ok(match parts.method {
        Method::POST if body.is_empty() => json(
            StatusCode::BAD_REQUEST,
            Bytes::from_static(
                br#"{"success":false,"errors":[{"code":1000,"message":"empty body"}],"messages":[],"result":null}"#,
            ),
        ),
        Method::POST => json(StatusCode::CREATED, Bytes::from_static(common::CREATE_RESPONSE.as_bytes())),
        Method::GET => json(StatusCode::OK, list_page(account, parts.uri.query().unwrap_or(""))),
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
        loop {
            let (stream, _) = listener.accept().await?;
            stream.set_nodelay(true)?;
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service_fn(handle))
                    .await;
            });
        }
    })
}
