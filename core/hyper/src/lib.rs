//! hyper's HTTP client with rustls, as `flarekit-core`'s built-in transport (`HyperTransport`)
//! drives it: a connection [`Pool`], the request body it sends ([`SendBody`]) and the response
//! body it reads ([`next_chunk`]).
//!
//! A crate of its own for one reason, compile time: hyper-util's client is generic over its
//! connector and body, and wherever it is named with concrete types its whole machinery (the
//! pool, HTTP/1 and HTTP/2 dispatch, the TLS connector) is compiled. Named here, behind
//! functions that are not generic, that happens beside `flarekit-core` (in parallel, once this
//! crate's metadata is out) instead of inside it.

#![forbid(unsafe_code)]

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

pub use hyper::body::Incoming;
pub use hyper_util::client::legacy::{Error, ResponseFuture};
pub use rustls::RootCertStore;

/// A pool of connections, HTTP/1.1 or HTTP/2 (by ALPN), plain or TLS (rustls), shared by the
/// clones of one client.
#[derive(Clone)]
pub struct Pool {
    client: hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, SendBody>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool").finish_non_exhaustive()
    }
}

/// The Mozilla roots of `webpki-roots`, as reqwest's `rustls-tls` trusts.
pub fn webpki_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    roots
}

impl Pool {
    /// A pool trusting `roots`, set up as reqwest sets its own: the crypto provider the
    /// application installed, or ring; TLS 1.2 and 1.3; ALPN `h2` then `http/1.1`;
    /// `TCP_NODELAY`; `connect_timeout` for each new connection.
    ///
    /// # Errors
    ///
    /// When the provider offers none of the protocol versions.
    pub fn new(connect_timeout: Duration, roots: RootCertStore) -> Result<Pool, rustls::Error> {
        let provider = rustls::crypto::CryptoProvider::get_default()
            .cloned()
            .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(connect_timeout));
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(tcp);
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(Pool { client })
    }

    /// Sends `request` on a pooled connection or a new one; answers with the response's head,
    /// its body still to read ([`next_chunk`]).
    pub fn request(&self, request: http::Request<SendBody>) -> ResponseFuture {
        self.client.request(request)
    }
}

/// The next chunk of data of `body`, `None` at its end. Trailers, which no Cloudflare response
/// sends, are skipped.
///
/// # Errors
///
/// When the connection fails mid-body.
pub async fn next_chunk(body: &mut Incoming) -> Result<Option<Bytes>, hyper::Error> {
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame?.into_data() {
            return Ok(Some(data));
        }
    }
    Ok(None)
}

/// The length `body` announced (its `content-length`), if it did.
pub fn announced_length(body: &Incoming) -> Option<u64> {
    body.size_hint().exact()
}

/// A request body: none, one chunk, or another body (several chunks), each sent with its exact
/// length, so that it goes with a `content-length` (none for an empty `GET`).
pub enum SendBody {
    /// No body.
    Empty,
    /// One chunk, taken when sent.
    One(Option<Bytes>),
    /// Anything else.
    Boxed(Pin<Box<dyn Body<Data = Bytes, Error = Infallible> + Send>>),
}

impl Body for SendBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            SendBody::Empty => Poll::Ready(None),
            SendBody::One(chunk) => Poll::Ready(chunk.take().map(|c| Ok(Frame::data(c)))),
            SendBody::Boxed(body) => body.as_mut().poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            SendBody::Empty => true,
            SendBody::One(chunk) => chunk.is_none(),
            SendBody::Boxed(body) => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            SendBody::Empty => SizeHint::with_exact(0),
            SendBody::One(chunk) => SizeHint::with_exact(chunk.as_ref().map_or(0, |c| c.len() as u64)),
            SendBody::Boxed(body) => body.size_hint(),
        }
    }
}
