//! [`ReqwestTransport`]: the default [`Transport`], on reqwest with rustls.

use std::time::Duration;

use crate::endpoint::Method;
use crate::error::{ConfigError, TransportError, TransportErrorKind};
use crate::transport::{BoxFuture, HttpRequest, HttpResponse, Transport};

/// The default transport: reqwest with rustls, following redirects only within one origin so
/// that credentials never travel to another host or port, and bounding the body it reads.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body_bytes: usize,
}

fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

impl ReqwestTransport {
    /// A transport with this connect timeout that refuses bodies over `max_body_bytes`.
    pub fn new(connect_timeout: Duration, max_body_bytes: usize) -> Result<Self, ConfigError> {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            let cross = attempt.previous().last().is_some_and(|prev| !same_origin(prev, attempt.url()));
            if cross || attempt.previous().len() >= 5 {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .redirect(policy)
            .build()
            .map_err(|e| ConfigError::new(format!("cannot build the HTTP client: {e}")))?;
        Ok(ReqwestTransport { client, max_body_bytes })
    }
}

fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

fn describe(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

fn transport_error(e: &reqwest::Error) -> TransportError {
    // A connect timeout is both `is_connect` and `is_timeout`: it is a connect error, since the
    // request was never sent (which makes it safe to retry even for a POST).
    let kind = if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_body() || e.is_decode() {
        TransportErrorKind::Body
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, describe(e))
}

impl ReqwestTransport {
    async fn run(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = self.client.request(method(request.method), &request.url).timeout(request.timeout);
        for h in request.headers {
            let name = reqwest::header::HeaderName::from_bytes(h.name.as_bytes()).map_err(|_| {
                TransportError::new(TransportErrorKind::Other, format!("invalid header name `{}`", h.name))
            })?;
            let mut value = reqwest::header::HeaderValue::from_str(&h.value).map_err(|_| {
                TransportError::new(
                    TransportErrorKind::Other,
                    format!("invalid bytes in the value of header `{}`", h.name),
                )
            })?;
            value.set_sensitive(h.sensitive);
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.header(reqwest::header::CONTENT_TYPE, "application/json").body(body);
        }
        let mut response = builder.send().await.map_err(|e| transport_error(&e))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let limit = self.max_body_bytes;
        let too_big = || {
            TransportError::new(
                TransportErrorKind::TooLarge,
                format!("the response body (HTTP {status}) exceeds the limit of {limit} bytes"),
            )
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_big());
        }
        let mut body = Vec::with_capacity(response.content_length().map_or(0, |n| n as usize));
        while let Some(chunk) = response.chunk().await.map_err(|e| transport_error(&e))? {
            if body.len() + chunk.len() > limit {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, headers, body })
    }
}

impl Transport for ReqwestTransport {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.run(request))
    }
}
