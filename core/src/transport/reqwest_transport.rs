//! [`ReqwestTransport`]: the default [`Transport`], on reqwest with rustls.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::Either;
use futures_util::FutureExt;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};

use super::Method;
use super::Received;
use super::{BoxFuture, Header, HttpRequest, HttpResponse, Streamed, Transport};
use crate::request::body::JSON;
use crate::request::Body;
use crate::response::stream::{buffered, BodyStream};
use crate::response::{classify, ConfigError, TransportError, TransportErrorKind};

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
    ///
    /// An attempt's own timeout is [`HttpRequest::timeout`], applied around the whole exchange
    /// (see [`Transport::execute`]), not reqwest's: its per-request timer costs a boxed sleep
    /// and a wrapper around the body on every call.
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

fn reqwest_method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// A [`TransportError`] that keeps `e` as its source: its message is the failure's label
/// (`connection refused`, `timed out`, ...), read from the whole chain of `e`, whose details
/// (the URL, the OS error) stay in the chain.
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
    let mut chain = String::new();
    let mut link: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(l) = link {
        chain.push_str(&l.to_string().to_ascii_lowercase());
        chain.push_str(": ");
        link = l.source();
    }
    TransportError::new(kind, classify(kind, &chain)).with_source(e)
}

/// `name` as a reqwest header name (lower-cased, as `HeaderName::from_bytes` normalises).
fn header_name(name: &str) -> Result<HeaderName, TransportError> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        TransportError::new(TransportErrorKind::Other, format!("invalid header name `{}`", name.to_ascii_lowercase()))
    })
}

/// `value` of header `name` as a reqwest header value.
fn header_value(name: &str, value: &str, sensitive: bool) -> Result<HeaderValue, TransportError> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        TransportError::new(
            TransportErrorKind::Other,
            format!("invalid bytes in the value of header `{}`", name.to_ascii_lowercase()),
        )
    })?;
    value.set_sensitive(sensitive);
    Ok(value)
}

/// `headers` converted to reqwest's types, in order. The client converts its own headers
/// (credentials, user agent, default headers) once, when it is built, instead of per request.
///
/// The map has room for a few more headers (the endpoint's, the content type, reqwest's
/// `accept`), so that the per-request copy of it does not have to grow and rehash.
pub(crate) fn header_map(headers: &[Header]) -> Result<HeaderMap, TransportError> {
    let mut map = HeaderMap::with_capacity(headers.len() + 6);
    for h in headers {
        map.append(header_name(&h.name)?, header_value(&h.name, &h.value, h.sensitive)?);
    }
    Ok(map)
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
        for (name, value) in extra {
            headers.append(header_name(name)?, header_value(name, value, false)?);
        }
        let mut request = self.client.request(reqwest_method(method), url).build().map_err(transport_error)?;
        if let Some(body) = body {
            let content_type = match body.content_type() {
                JSON => HeaderValue::from_static(JSON),
                other => header_value("content-type", other, false)?,
            };
            headers.append(CONTENT_TYPE, content_type);
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
        // One timer for the attempt, inline in its future: reqwest's own request timeout would
        // box one per call and wrap the body in another layer to enforce it.
        let exchange = async move {
            let mut response = pending.await.map_err(transport_error)?;
            let status = response.status().as_u16();
            // Kept as received, not copied: reading the body needs none of them (its length is
            // the body's own size hint).
            let headers = std::mem::take(response.headers_mut());
            if stream && (200..300).contains(&status) {
                let body: BodyStream = Box::pin(futures_util::stream::unfold(Some(response), |state| async move {
                    let mut response = state?;
                    match response.chunk().await {
                        Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                        Ok(None) => None,
                        Err(e) => Some((Err(transport_error(e)), None)),
                    }
                }));
                return Ok((HttpResponse { status, headers, body: Bytes::new() }, Some(body)));
            }
            let body = self.read_body(&mut response, status).await?;
            Ok((HttpResponse { status, headers, body }, None))
        };
        tokio::time::timeout(timeout, exchange).map(move |outcome| {
            outcome.map_err(|_| {
                TransportError::new(
                    TransportErrorKind::Timeout,
                    format!("no response within the attempt's timeout of {timeout:?}"),
                )
            })?
        })
    }

    /// The whole body, refused beyond `max_body_bytes`.
    async fn read_body(&self, response: &mut reqwest::Response, status: u16) -> Result<Bytes, TransportError> {
        let limit = self.max_body_bytes;
        let too_big = || {
            TransportError::new(
                TransportErrorKind::TooLarge,
                format!("the response body (HTTP {status}) exceeds the limit of {limit} bytes"),
            )
        };
        // Read before the first chunk: reqwest's `content_length` is what is left to read, and
        // shrinks as chunks arrive.
        let announced = response.content_length();
        if announced.is_some_and(|n| n > limit as u64) {
            return Err(too_big());
        }
        // One chunk (the usual small response) is kept as it came, without a copy.
        let mut first: Option<Bytes> = None;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            let received = first.as_ref().map_or(0, Bytes::len) + body.len() + chunk.len();
            if received > limit {
                return Err(too_big());
            }
            match first.take() {
                None if body.is_empty() => first = Some(chunk),
                None => body.extend_from_slice(&chunk),
                Some(one) => {
                    // The whole body at once (within the limit, checked above): a 1 MiB value is
                    // not copied again as the buffer grows.
                    body.reserve(announced.map_or(received, |n| n as usize));
                    body.extend_from_slice(&one);
                    body.extend_from_slice(&chunk);
                }
            }
        }
        Ok(first.unwrap_or_else(|| Bytes::from(body)))
    }
}

/// A body of several chunks, sent one after the other with its exact length (so that it goes
/// with a `content-length`, not chunked transfer encoding).
struct Chunked {
    body: Body,
    next: usize,
    left: u64,
}

impl Chunked {
    fn new(body: &Body) -> Chunked {
        Chunked { body: body.clone(), next: 0, left: body.len() }
    }
}

impl http_body::Body for Chunked {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        let Some(chunk) = this.body.chunks().get(this.next).cloned() else {
            return Poll::Ready(None);
        };
        this.next += 1;
        this.left -= chunk.len() as u64;
        Poll::Ready(Some(Ok(http_body::Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.next >= self.body.chunks().len()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.left)
    }
}

impl Transport for ReqwestTransport {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move { self.run(request, false).await.map(|(head, _)| head) })
    }

    fn execute_stream(&self, request: HttpRequest) -> BoxFuture<'_, Result<Streamed, TransportError>> {
        Box::pin(async move {
            let (head, body) = self.run(request, true).await?;
            Ok(Streamed { head, body: body.unwrap_or_else(|| buffered(Bytes::new())) })
        })
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
