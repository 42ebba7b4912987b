//! hyper's HTTP client with rustls, as `flarekit-core`'s built-in transport (`HyperTransport`)
//! drives it: a connection [`Pool`] (through the proxies the environment names, if any), the
//! request body it sends ([`SendBody`]) and the response body it reads ([`next_chunk`]).
//!
//! A crate of its own for one reason, compile time: hyper-util's client is generic over its
//! connector and body, and wherever it is named with concrete types its whole machinery (the
//! pool, HTTP/1 and HTTP/2 dispatch, the TLS connector) is compiled. Named here, behind
//! functions that are not generic, that happens beside `flarekit-core` (in parallel, once this
//! crate's metadata is out) instead of inside it.

#![forbid(unsafe_code)]

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::PROXY_AUTHORIZATION;
use http::uri::{Scheme, Uri};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::net::TcpStream;
use tower_service::Service;

pub use hyper::body::Incoming;
pub use hyper_util::client::legacy::{Error, ResponseFuture};
pub use hyper_util::client::proxy::matcher::Matcher;
pub use rustls::RootCertStore;

/// A pool of connections, HTTP/1.1 or HTTP/2 (by ALPN), plain or TLS (rustls), direct or
/// through a proxy, shared by the clones of one client.
#[derive(Clone)]
pub struct Pool {
    client: hyper_util::client::legacy::Client<HttpsConnector<Connect>, SendBody>,
    proxies: Option<Arc<Matcher>>,
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
    /// `TCP_NODELAY`; `connect_timeout` for each new connection (to the proxy, when there is
    /// one). With `proxies` ([`proxies_from_env`]), a destination they name is reached through
    /// its proxy: an `https` one by a `CONNECT` tunnel, a plain `http` one by sending the
    /// request to the proxy, with the proxy's credentials if its URL has some.
    ///
    /// # Errors
    ///
    /// When the provider offers none of the protocol versions.
    pub fn new(
        connect_timeout: Duration,
        roots: RootCertStore,
        proxies: Option<Matcher>,
    ) -> Result<Pool, rustls::Error> {
        let provider = rustls::crypto::CryptoProvider::get_default()
            .cloned()
            .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let proxies = proxies.map(Arc::new);
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(connect_timeout));
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(Connect { tcp, proxies: proxies.clone() });
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(Pool { client, proxies })
    }

    /// Sends `request` on a pooled connection or a new one; answers with the response's head,
    /// its body still to read ([`next_chunk`]).
    pub fn request(&self, mut request: http::Request<SendBody>) -> ResponseFuture {
        // A plain `http` request goes to its proxy whole: the proxy's credentials go with it
        // (an `https` one has them in its tunnel's `CONNECT`).
        if let Some(proxies) = &self.proxies {
            if request.uri().scheme() == Some(&Scheme::HTTP) {
                if let Some(auth) = proxies.intercept(request.uri()).and_then(|p| p.basic_auth().cloned()) {
                    request.headers_mut().insert(PROXY_AUTHORIZATION, auth);
                }
            }
        }
        self.client.request(request)
    }
}

/// The proxies the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, in upper or
/// lower case, with `NO_PROXY`, read as curl and reqwest read them), or `None` when it names
/// none (an empty value names none).
pub fn proxies_from_env() -> Option<Matcher> {
    proxy_named(|name| std::env::var_os(name)).then(Matcher::from_env)
}

fn proxy_named(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .any(|name| var(name).is_some_and(|v| !v.is_empty()))
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The TCP connector under TLS: straight to the destination, or through the proxy `proxies`
/// names for it: a `CONNECT` tunnel for `https`, the proxy itself for plain `http` (whose
/// requests then go in absolute form).
#[derive(Clone)]
struct Connect {
    tcp: HttpConnector,
    proxies: Option<Arc<Matcher>>,
}

impl Service<Uri> for Connect {
    type Response = Conn;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Conn, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.tcp.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let mut tcp = self.tcp.clone();
        let Some(proxy) = self.proxies.as_ref().and_then(|m| m.intercept(&dst)) else {
            return Box::pin(async move { Ok(Conn { io: tcp.call(dst).await?, via_proxy: false }) });
        };
        if proxy.uri().scheme() != Some(&Scheme::HTTP) {
            let scheme = proxy.uri().scheme_str().unwrap_or("none").to_owned();
            return Box::pin(async move {
                Err(format!("unsupported proxy scheme `{scheme}`: only http:// proxies are").into())
            });
        }
        if dst.scheme() == Some(&Scheme::HTTPS) {
            let mut tunnel = Tunnel::new(proxy.uri().clone(), tcp);
            if let Some(auth) = proxy.basic_auth() {
                tunnel = tunnel.with_auth(auth.clone());
            }
            Box::pin(async move { Ok(Conn { io: tunnel.call(dst).await?, via_proxy: false }) })
        } else {
            let at = proxy.uri().clone();
            Box::pin(async move { Ok(Conn { io: tcp.call(at).await?, via_proxy: true }) })
        }
    }
}

/// A TCP connection, to the destination or to a proxy that forwards plain `http` requests.
struct Conn {
    io: TokioIo<TcpStream>,
    via_proxy: bool,
}

impl Connection for Conn {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.via_proxy)
    }
}

impl hyper::rt::Read for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for Conn {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write_vectored(cx, bufs)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_in_the_environment_is_seen_in_any_spelling() {
        let with = |set: &'static str, value: &'static str| {
            proxy_named(move |name| (name == set).then(|| std::ffi::OsString::from(value)))
        };
        assert!(!proxy_named(|_| None));
        for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
            assert!(with(name, "http://proxy.internal:3128"), "{name}");
            assert!(!with(name, ""), "{name} empty");
        }
        assert!(!with("NO_PROXY", "*"));
    }
}
