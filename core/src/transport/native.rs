//! The parts of the built-in transport that are not hyper's: header conversion, the body of
//! several chunks, the origin check of redirects, reading a body under the size limit, and the
//! attempt's timer.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use flarekit_hyper::Incoming;
use futures_util::FutureExt;
use http::header::{HeaderMap, HeaderName, HeaderValue};

use super::{Header, Method};
use crate::request::body::JSON;
use crate::request::Body;
use crate::response::stream::BodyStream;
use crate::response::{classify, TransportError, TransportErrorKind};

/// `m` as the `http` crate's method.
pub(crate) fn http_method(m: Method) -> http::Method {
    match m {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Put => http::Method::PUT,
        Method::Patch => http::Method::PATCH,
        Method::Delete => http::Method::DELETE,
    }
}

/// `name` as a header name (lower-cased, as `HeaderName::from_bytes` normalises).
pub(crate) fn header_name(name: &str) -> Result<HeaderName, TransportError> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        TransportError::new(TransportErrorKind::Other, format!("invalid header name `{}`", name.to_ascii_lowercase()))
    })
}

/// `value` of header `name` as a header value.
pub(crate) fn header_value(name: &str, value: &str, sensitive: bool) -> Result<HeaderValue, TransportError> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        TransportError::new(
            TransportErrorKind::Other,
            format!("invalid bytes in the value of header `{}`", name.to_ascii_lowercase()),
        )
    })?;
    value.set_sensitive(sensitive);
    Ok(value)
}

/// `headers` converted to the `http` crate's types, in order. The client converts its own
/// headers (credentials, user agent, default headers) once, when it is built, instead of per
/// request.
///
/// The map has room for a few more headers (the endpoint's, the content type, `accept`, `host`),
/// so that the per-request copy of it does not have to grow and rehash.
pub(crate) fn header_map(headers: &[Header]) -> Result<HeaderMap, TransportError> {
    let mut map = HeaderMap::with_capacity(headers.len() + 6);
    for h in headers {
        map.append(header_name(&h.name)?, header_value(&h.name, &h.value, h.sensitive)?);
    }
    Ok(map)
}

/// Appends an endpoint's own headers to `headers`.
pub(crate) fn push_extra(headers: &mut HeaderMap, extra: &[(&'static str, String)]) -> Result<(), TransportError> {
    for (name, value) in extra {
        headers.append(header_name(name)?, header_value(name, value, false)?);
    }
    Ok(())
}

/// The `content-type` header of `body`.
pub(crate) fn content_type(body: &Body) -> Result<HeaderValue, TransportError> {
    match body.content_type() {
        JSON => Ok(HeaderValue::from_static(JSON)),
        other => header_value("content-type", other, false),
    }
}

/// Whether `a` and `b` have the same scheme, host and port: a redirect is followed only then, so
/// that credentials never travel to another origin.
pub(crate) fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

/// How many redirects one attempt follows (within its origin) before it answers with the last.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// A [`TransportError`] of `kind` that keeps `e` as its source: its message is the failure's
/// label (`connection refused`, `connection reset`, ...), read from the whole chain of `e`,
/// whose details (the URL, the OS error) stay in the chain.
pub(crate) fn failure(kind: TransportErrorKind, e: impl std::error::Error + Send + Sync + 'static) -> TransportError {
    let mut chain = String::new();
    let mut link: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(l) = link {
        chain.push_str(&l.to_string().to_ascii_lowercase());
        chain.push_str(": ");
        link = l.source();
    }
    TransportError::new(kind, classify(kind, &chain)).with_source(e)
}

/// A body of several chunks, sent one after the other with its exact length (so that it goes
/// with a `content-length`, not chunked transfer encoding).
pub(crate) struct Chunked {
    body: Body,
    next: usize,
    left: u64,
}

impl Chunked {
    pub(crate) fn new(body: &Body) -> Chunked {
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

/// The next chunk of `body`, `None` at its end.
async fn next_chunk(body: &mut Incoming) -> Result<Option<Bytes>, TransportError> {
    flarekit_hyper::next_chunk(body).await.map_err(|e| failure(TransportErrorKind::Body, e))
}

/// The whole of `body`, refused beyond `limit` bytes, whether its announced length says so
/// (before the first chunk) or the bytes received do.
pub(crate) async fn read_body(body: &mut Incoming, limit: usize, status: u16) -> Result<Bytes, TransportError> {
    let too_big = || {
        TransportError::new(
            TransportErrorKind::TooLarge,
            format!("the response body (HTTP {status}) exceeds the limit of {limit} bytes"),
        )
    };
    let announced = flarekit_hyper::announced_length(body);
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(too_big());
    }
    // One chunk (the usual small response) is kept as it came, without a copy.
    let mut first: Option<Bytes> = None;
    let mut whole = Vec::new();
    while let Some(chunk) = next_chunk(body).await? {
        let received = first.as_ref().map_or(0, Bytes::len) + whole.len() + chunk.len();
        if received > limit {
            return Err(too_big());
        }
        match first.take() {
            None if whole.is_empty() => first = Some(chunk),
            None => whole.extend_from_slice(&chunk),
            Some(one) => {
                // The whole body at once (within the limit, checked above): a 1 MiB value is not
                // copied again as the buffer grows.
                whole.reserve(announced.map_or(received, |n| n as usize));
                whole.extend_from_slice(&one);
                whole.extend_from_slice(&chunk);
            }
        }
    }
    Ok(first.unwrap_or_else(|| Bytes::from(whole)))
}

/// The chunks of a `2xx` body handed on as they arrive; the stream ends after an error.
pub(crate) fn chunk_stream(body: Incoming) -> BodyStream {
    Box::pin(futures_util::stream::unfold(Some(body), |state| async move {
        let mut body = state?;
        match next_chunk(&mut body).await {
            Ok(Some(chunk)) => Some((Ok(chunk), Some(body))),
            Ok(None) => None,
            Err(e) => Some((Err(e), None)),
        }
    }))
}

/// `exchange` bounded by one timer, inline in its future (no boxed sleep).
pub(crate) fn timed<T>(
    timeout: Duration,
    exchange: impl Future<Output = Result<T, TransportError>>,
) -> impl Future<Output = Result<T, TransportError>> {
    tokio::time::timeout(timeout, exchange).map(move |outcome| {
        outcome.map_err(|_| {
            TransportError::new(
                TransportErrorKind::Timeout,
                format!("no response within the attempt's timeout of {timeout:?}"),
            )
        })?
    })
}
