//! The transport: how one attempt of a built request travels. [`Transport`] is the seam;
//! [`HyperTransport`] is the default on an operating system.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;

use crate::request::Body;
use crate::response::stream::{buffered, BodyStream};
use crate::response::TransportError;

#[cfg(feature = "native")]
mod hyper_transport;
#[cfg(feature = "native")]
pub(crate) mod native;
#[cfg(all(feature = "worker", target_family = "wasm"))]
mod worker_transport;

#[cfg(feature = "native")]
pub use hyper_transport::HyperTransport;
#[cfg(all(feature = "worker", target_family = "wasm"))]
pub use worker_transport::WorkerTransport;

pub use flarekit_vocab::Method;
/// The header types of [`HttpResponse::headers`], from the `http` crate (re-exported, so that a
/// custom transport or a test needs no dependency of its own).
pub use http::header::{HeaderMap, HeaderName, HeaderValue};

/// A boxed, `Send` future, the return type of [`Transport::execute`].
#[cfg(not(target_family = "wasm"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A boxed future, the return type of [`Transport::execute`]: not `Send` on wasm32, which has
/// no threads (a Worker's `fetch` is not).
#[cfg(target_family = "wasm")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A request header. A sensitive value (a credential) is hidden from `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// The lower-case name.
    pub name: String,
    /// The value.
    pub value: String,
    /// Whether the value is a secret.
    pub sensitive: bool,
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value: &dyn fmt::Debug = if self.sensitive { &"***" } else { &self.value };
        f.debug_struct("Header").field("name", &self.name).field("value", value).finish()
    }
}

/// A fully built HTTP request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included.
    pub url: String,
    /// Headers, credentials included.
    pub headers: Vec<Header>,
    /// The body, with its content type.
    pub body: Option<Body>,
    /// The time this attempt may take, from connecting to the last body byte.
    pub timeout: Duration,
}

/// An HTTP response, its body read in full.
///
/// The headers are the [`HeaderMap`] the HTTP library received, kept as they came (not copied
/// into strings); [`HttpResponse::header`] reads one as text.
///
/// ```
/// use flarekit_core::transport::{HeaderValue, HttpResponse};
///
/// let mut response = HttpResponse::new(202, "");
/// response.headers.insert("location", HeaderValue::from_static("/accounts/a/jobs/7"));
/// assert_eq!(response.header("Location"), Some("/accounts/a/jobs/7"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The headers (names are lower-case; several values of one name stay in received order).
    pub headers: HeaderMap,
    /// The body (reference-counted: a decoder that keeps it, such as
    /// [`decode::payload`](crate::decode::payload), does not copy it).
    pub body: Bytes,
}

/// The name of the `cf-ray` header.
pub(crate) static CF_RAY: HeaderName = HeaderName::from_static("cf-ray");

/// The value of a header as text: `None` when its bytes are not UTF-8.
pub(crate) fn header_text(value: &HeaderValue) -> Option<&str> {
    // `to_str` accepts visible ASCII only; an ASCII value (the usual one) is checked by it first,
    // without the UTF-8 decoder.
    value.to_str().ok().or_else(|| std::str::from_utf8(value.as_bytes()).ok())
}

impl HttpResponse {
    /// A response with this status and body and no headers (add them to
    /// [`headers`](HttpResponse::headers)).
    pub fn new(status: u16, body: impl Into<Bytes>) -> Self {
        HttpResponse { status, headers: HeaderMap::new(), body: body.into() }
    }

    /// The first value of header `name` (case-insensitive), if it is UTF-8 text (the raw bytes of
    /// any value are in [`headers`](HttpResponse::headers)).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(header_text)
    }

    /// The `cf-ray` header.
    pub fn cf_ray(&self) -> Option<&str> {
        self.headers.get(&CF_RAY).and_then(header_text)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A response whose body may still be arriving: what [`Transport::execute_stream`] gives.
pub struct Streamed {
    /// The status and headers. For a status other than `2xx`, also the whole body (the client
    /// reads the error from it); for a `2xx`, an empty body.
    pub head: HttpResponse,
    /// The `2xx` body as it arrives (empty for other statuses).
    pub body: BodyStream,
}

impl fmt::Debug for Streamed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Streamed").field("head", &self.head).finish_non_exhaustive()
    }
}

/// `Send` where there are threads; nothing on wasm32, which has none (a Worker's `fetch` is not
/// `Send`). What the client's streams promise: on an operating system they can be moved to
/// another task.
#[cfg(not(target_family = "wasm"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_family = "wasm"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// `Send` where there are threads; nothing on wasm32, which has none (a Worker's `fetch` is not
/// `Send`).
#[cfg(target_family = "wasm")]
pub trait MaybeSend {}
#[cfg(target_family = "wasm")]
impl<T: ?Sized> MaybeSend for T {}

/// What one attempt gave the client: the response, and the body still arriving for a streamed
/// call.
pub(crate) type Received = (HttpResponse, Option<BodyStream>);

/// Sends one HTTP request and reads its response. The client's logic (credentials, envelope,
/// errors) is written against this trait, not against an HTTP library.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Performs one attempt of `request`.
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// Performs one attempt of a streamed call (an endpoint declared with `stream`): answers
    /// when the head arrives and hands a `2xx` body on as it arrives. `request.timeout` bounds
    /// the wait for the head only.
    ///
    /// The default reads the whole body with [`Transport::execute`] and gives it as one chunk:
    /// correct, but not in flat memory. [`HyperTransport`] streams.
    fn execute_stream(&self, request: HttpRequest) -> BoxFuture<'_, Result<Streamed, TransportError>> {
        Box::pin(async move {
            let mut head = self.execute(request).await?;
            let body = if head.is_success() { std::mem::take(&mut head.body) } else { Bytes::new() };
            Ok(Streamed { head, body: buffered(body) })
        })
    }
}
