//! [`ReqwestTransport`]: a [`Transport`] on reqwest with rustls, the built-in one where a proxy
//! is configured.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::Either;
use reqwest::header::{HeaderMap, CONTENT_TYPE};

use super::native::{
    chunk_stream, content_type, failure, header_map, http_method, push_extra, read_body, same_origin, streamed, timed,
    whole, Chunked, Chunks, MAX_REDIRECTS,
};
use super::Method;
use super::Received;
use super::{BoxFuture, HttpRequest, HttpResponse, Streamed, Transport};
use crate::request::Body;
use crate::response::{ConfigError, TransportError, TransportErrorKind};

/// The transport on reqwest with rustls: the built-in one when a proxy is configured in the
/// environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, which reqwest honours, with
/// `NO_PROXY`), otherwise [`HyperTransport`](super::HyperTransport) is. Like it, it follows
/// redirects only within one origin, so that credentials never travel to another host or port,
/// and bounds the body it reads.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body_bytes: usize,
}

impl ReqwestTransport {
    /// A transport with this connect timeout that refuses bodies over `max_body_bytes`.
    ///
    /// An attempt's own timeout is [`HttpRequest::timeout`], applied around the whole exchange
    /// (see [`Transport::execute`]), not reqwest's: its per-request timer costs a boxed sleep
    /// and a wrapper around the body on every call.
    pub fn new(connect_timeout: Duration, max_body_bytes: usize) -> Result<Self, ConfigError> {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            let cross = attempt.previous().last().is_some_and(|prev| !same_origin(prev, attempt.url()));
            if cross || attempt.previous().len() > MAX_REDIRECTS {
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

/// A [`TransportError`] that keeps `e` as its source (see [`failure`]).
fn transport_error(e: reqwest::Error) -> TransportError {
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
    failure(kind, e)
}

impl Chunks for reqwest::Response {
    async fn next_chunk(&mut self) -> Result<Option<Bytes>, TransportError> {
        self.chunk().await.map_err(transport_error)
    }
}

impl ReqwestTransport {
    /// One attempt of a request whose fixed headers were converted by [`header_map`] ahead of
    /// time: sends `headers`, then `extra` (the endpoint's own headers), then the body's
    /// content type, exactly as [`Transport::execute`] sends the same [`HttpRequest`].
    ///
    /// `timeout` bounds the whole attempt, connecting to last body byte.
    // One call site (the send loop), which has each of these at hand.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn send_prepared<'a>(
        &'a self,
        method: Method,
        url: &str,
        headers: &HeaderMap,
        extra: &[(&'static str, String)],
        body: Option<&Body>,
        timeout: Duration,
        stream: bool,
    ) -> impl Future<Output = Result<Received, TransportError>> + 'a {
        match self.request(method, url, headers.clone(), extra, body) {
            Ok(request) => Either::Left(self.exchange(request, timeout, stream)),
            Err(e) => Either::Right(std::future::ready(Err(e))),
        }
    }

    async fn run(&self, request: HttpRequest, stream: bool) -> Result<Received, TransportError> {
        let built =
            self.request(request.method, &request.url, header_map(&request.headers)?, &[], request.body.as_ref())?;
        self.exchange(built, request.timeout, stream).await
    }

    /// The reqwest request: `headers`, then `extra`, then the body's content type.
    ///
    /// Not `async`, and neither is [`ReqwestTransport::exchange`]: what an async fn borrows or
    /// takes by value stays in its future until the end. Built here, the request is moved into
    /// reqwest before the first await, and no attempt's future carries it.
    fn request(
        &self,
        method: Method,
        url: &str,
        mut headers: HeaderMap,
        extra: &[(&'static str, String)],
        body: Option<&Body>,
    ) -> Result<reqwest::Request, TransportError> {
        push_extra(&mut headers, extra)?;
        let mut request = self.client.request(http_method(method), url).build().map_err(transport_error)?;
        if let Some(body) = body {
            headers.append(CONTENT_TYPE, content_type(body)?);
            *request.body_mut() = Some(match body.chunks() {
                [one] => reqwest::Body::from(one.clone()),
                _ => reqwest::Body::wrap(Chunked::new(body)),
            });
        }
        *request.headers_mut() = headers;
        Ok(request)
    }

    /// Sends `request` and reads its response, bounding the body at `max_body_bytes`; with
    /// `stream`, a `2xx` body is handed on as it arrives instead (unbounded). `timeout` bounds
    /// the whole exchange, connecting to last body byte, or for a stream until its head (or an
    /// error's body) has arrived.
    fn exchange(
        &self,
        request: reqwest::Request,
        timeout: Duration,
        stream: bool,
    ) -> impl Future<Output = Result<Received, TransportError>> + '_ {
        let pending = self.client.execute(request);
        let exchange = async move {
            let mut response = pending.await.map_err(transport_error)?;
            let status = response.status().as_u16();
            // Kept as received, not copied: reading the body needs none of them.
            let headers = std::mem::take(response.headers_mut());
            if stream && (200..300).contains(&status) {
                return Ok((HttpResponse { status, headers, body: Bytes::new() }, Some(chunk_stream(response))));
            }
            // Read before the first chunk: reqwest's `content_length` is what is left to read,
            // and shrinks as chunks arrive.
            let announced = response.content_length();
            let body = read_body(&mut response, announced, self.max_body_bytes, status).await?;
            Ok((HttpResponse { status, headers, body }, None))
        };
        timed(timeout, exchange)
    }
}

impl Transport for ReqwestTransport {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        whole(self.run(request, false))
    }

    fn execute_stream(&self, request: HttpRequest) -> BoxFuture<'_, Result<Streamed, TransportError>> {
        streamed(self.run(request, true))
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[tokio::test]
    async fn a_failed_connect_keeps_reqwest_as_the_source() {
        let transport = ReqwestTransport::new(Duration::from_secs(5), 1024).unwrap();
        let request = HttpRequest {
            method: Method::Get,
            url: "http://127.0.0.1:1/client/v4/zones".into(),
            headers: vec![],
            body: None,
            timeout: Duration::from_secs(5),
        };
        let err = transport.execute(request).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Connect, "{err}");
        assert_eq!(err.to_string(), "transport error (connect): connection refused");
        let source = err.source().expect("the reqwest error is kept");
        let reqwest = source.downcast_ref::<reqwest::Error>().expect("a reqwest::Error");
        assert!(reqwest.is_connect());
        // The chain goes on down to the OS error, and no link repeats the one before it.
        let mut chain = vec![];
        let mut link = Some(source);
        while let Some(l) = link {
            chain.push(l.to_string());
            link = l.source();
        }
        assert!(chain.len() >= 2, "{chain:?}");
        assert!(chain.last().unwrap().to_ascii_lowercase().contains("refused"), "{chain:?}");
        assert!(chain.windows(2).all(|w| w[0] != w[1]), "{chain:?}");
    }
}
