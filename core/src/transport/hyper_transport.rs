//! [`HyperTransport`]: the built-in [`Transport`] of an operating system, hyper's connection pool
//! with rustls and nothing between it and the client.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use flarekit_hyper::{Incoming, Matcher, Pool, RootCertStore, SendBody};
use futures_util::future::Either;
use http::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, LOCATION};
use http::StatusCode;

use super::native::{
    chunk_stream, content_type, failure, header_map, http_method, push_extra, read_body, same_origin, timed, Chunked,
    MAX_REDIRECTS,
};
use super::{BoxFuture, HttpRequest, HttpResponse, Method, Received, Streamed, Transport};
use crate::request::Body;
use crate::response::stream::buffered;
use crate::response::{ConfigError, TransportError, TransportErrorKind};

/// The built-in transport on an operating system: hyper's client and connection pool,
/// TLS by rustls with the Mozilla roots of `webpki-roots` (HTTP/2 when the server offers it),
/// as reqwest sets them up, without reqwest's layers.
///
/// It follows redirects only within one origin (scheme, host and port), at most five in a row,
/// so that credentials never travel to another host; a `303`, or a `301`/`302` answering a
/// `POST`, is followed with a `GET` without the body, as browsers and reqwest do. It refuses a
/// body over `max_body_bytes`.
///
/// It goes through the proxies the environment names when the transport is built:
/// `HTTPS_PROXY`, `HTTP_PROXY` or `ALL_PROXY` (upper or lower case, with `NO_PROXY`), read as
/// curl and reqwest read them. An `https` destination is reached by a `CONNECT` tunnel, so the
/// proxy sees only the host; a plain `http` one is sent to the proxy. Only `http://` proxies are
/// spoken to (with the credentials of their URL, if any); another scheme fails each attempt as
/// a connect error.
#[derive(Clone)]
pub struct HyperTransport {
    client: Pool,
    max_body_bytes: usize,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport").field("max_body_bytes", &self.max_body_bytes).finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// A transport with this connect timeout that refuses bodies over `max_body_bytes`.
    ///
    /// An attempt's own timeout is [`HttpRequest::timeout`], applied around the whole exchange,
    /// connecting to last body byte.
    pub fn new(connect_timeout: Duration, max_body_bytes: usize) -> Result<Self, ConfigError> {
        let proxies = flarekit_hyper::proxies_from_env();
        Self::with(connect_timeout, max_body_bytes, flarekit_hyper::webpki_roots(), proxies)
    }

    /// A transport that trusts the certificates of `roots` only and goes through `proxies`.
    fn with(
        connect_timeout: Duration,
        max_body_bytes: usize,
        roots: RootCertStore,
        proxies: Option<Matcher>,
    ) -> Result<Self, ConfigError> {
        let client = Pool::new(connect_timeout, roots, proxies)
            .map_err(|e| ConfigError::new(format!("cannot set up TLS: {e}")))?;
        Ok(HyperTransport { client, max_body_bytes })
    }

    /// One attempt of a request whose fixed headers were converted by [`header_map`] ahead of
    /// time: sends `headers`, then `extra` (the endpoint's own headers), then the body's
    /// content type, exactly as [`Transport::execute`] sends the same [`HttpRequest`].
    ///
    /// `timeout` bounds the whole attempt, connecting to last body byte, redirects included.
    // One call site (the send loop), which has each of these at hand.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn send_prepared<'a>(
        &'a self,
        method: Method,
        url: &'a str,
        headers: &'a HeaderMap,
        extra: &'a [(&'static str, String)],
        body: Option<&'a Body>,
        timeout: Duration,
        stream: bool,
    ) -> impl Future<Output = Result<Received, TransportError>> + 'a {
        let origin = Origin { method, url, headers, extra, body };
        match origin.request(method, url, body) {
            Ok(request) => Either::Left(timed(timeout, self.exchange(request, origin, stream))),
            Err(e) => Either::Right(std::future::ready(Err(e))),
        }
    }

    async fn run(&self, request: HttpRequest, stream: bool) -> Result<Received, TransportError> {
        let headers = header_map(&request.headers)?;
        let body = request.body.as_ref();
        let origin = Origin { method: request.method, url: &request.url, headers: &headers, extra: &[], body };
        let first = origin.request(request.method, &request.url, body)?;
        timed(request.timeout, self.exchange(first, origin, stream)).await
    }

    /// Sends `request`, follows its redirects within the origin, and reads the last response,
    /// bounding the body at `max_body_bytes`; with `stream`, a `2xx` body is handed on as it
    /// arrives instead (unbounded).
    ///
    /// Not `async`: the request is handed to hyper before the first await, so that no attempt's
    /// future carries it.
    fn exchange<'a>(
        &'a self,
        request: http::Request<SendBody>,
        origin: Origin<'a>,
        stream: bool,
    ) -> impl Future<Output = Result<Received, TransportError>> + 'a {
        let pending = self.client.request(request);
        async move {
            let mut response = pending.await.map_err(send_error)?;
            // The redirect rules need the URL parsed; a response that is not a redirect does not.
            let mut method = origin.method;
            let mut body = origin.body;
            let mut current: Option<url::Url> = None;
            for _ in 0..MAX_REDIRECTS {
                let Some(location) = redirect_location(&response) else { break };
                let from = match current.take() {
                    Some(url) => url,
                    None => url::Url::parse(origin.url).map_err(invalid_url)?,
                };
                let Some(next) = follow(&from, location, response.status(), &mut method, &mut body) else {
                    break;
                };
                let request = origin.request(method, next.as_str(), body)?;
                response = self.client.request(request).await.map_err(send_error)?;
                current = Some(next);
            }
            let (head, mut incoming) = response.into_parts();
            let status = head.status.as_u16();
            let headers = head.headers;
            if stream && (200..300).contains(&status) {
                return Ok((HttpResponse { status, headers, body: Bytes::new() }, Some(chunk_stream(incoming))));
            }
            let body = read_body(&mut incoming, self.max_body_bytes, status).await?;
            Ok((HttpResponse { status, headers, body }, None))
        }
    }
}

/// What an attempt needs to send its request again to where a redirect points.
#[derive(Clone, Copy)]
struct Origin<'a> {
    method: Method,
    url: &'a str,
    headers: &'a HeaderMap,
    extra: &'a [(&'static str, String)],
    body: Option<&'a Body>,
}

impl Origin<'_> {
    /// The request to `url`: the fixed headers, then the endpoint's, then the body's content
    /// type and, unless the endpoint set one, `accept: */*` (as reqwest sends).
    fn request(
        &self,
        method: Method,
        url: &str,
        body: Option<&Body>,
    ) -> Result<http::Request<SendBody>, TransportError> {
        let uri = http::Uri::try_from(url).map_err(invalid_url)?;
        let mut headers = self.headers.clone();
        push_extra(&mut headers, self.extra)?;
        let body = match body {
            None => SendBody::Empty,
            Some(body) => {
                headers.append(CONTENT_TYPE, content_type(body)?);
                match body.chunks() {
                    [one] => SendBody::One(Some(one.clone())),
                    _ => SendBody::Boxed(Box::pin(Chunked::new(body))),
                }
            }
        };
        headers.entry(ACCEPT).or_insert(HeaderValue::from_static("*/*"));
        let mut request = http::Request::new(body);
        *request.method_mut() = http_method(method);
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// The `location` of a redirect response, if `response` is one.
fn redirect_location(response: &http::Response<Incoming>) -> Option<&str> {
    match response.status() {
        StatusCode::MOVED_PERMANENTLY
        | StatusCode::FOUND
        | StatusCode::SEE_OTHER
        | StatusCode::TEMPORARY_REDIRECT
        | StatusCode::PERMANENT_REDIRECT => response.headers().get(LOCATION)?.to_str().ok(),
        _ => None,
    }
}

/// Where a redirect from `from` to `location` leads, if it is followed: only within the origin.
/// A `303`, or a `301`/`302` answering a `POST`, turns the request into a `GET` without a body;
/// a `307`/`308` keeps both.
fn follow(
    from: &url::Url,
    location: &str,
    status: StatusCode,
    method: &mut Method,
    body: &mut Option<&Body>,
) -> Option<url::Url> {
    let next = from.join(location).ok()?;
    if !same_origin(from, &next) {
        return None;
    }
    let to_get = match status {
        StatusCode::SEE_OTHER => true,
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND => *method == Method::Post,
        _ => false,
    };
    if to_get {
        *method = Method::Get;
        *body = None;
    }
    Some(next)
}

fn invalid_url(e: impl fmt::Display) -> TransportError {
    TransportError::new(TransportErrorKind::Other, format!("the request URL is not a valid URI: {e}"))
}

/// A [`TransportError`] for a request hyper could not send or got no response to: `Connect`
/// when no connection was made (the request never left, so even a `POST` may be retried).
fn send_error(e: flarekit_hyper::Error) -> TransportError {
    let kind = if e.is_connect() { TransportErrorKind::Connect } else { TransportErrorKind::Other };
    failure(kind, e)
}

impl Transport for HyperTransport {
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
    //! TLS on the wire: a server on 127.0.0.1 with a certificate for `127.0.0.1` and `localhost`
    //! issued by a test CA (`testdata/`, made with openssl: a P-256 CA, and a leaf with
    //! `CA:FALSE`, those names and `serverAuth`, both valid for a hundred years).

    use std::error::Error as _;
    use std::sync::{Arc, Mutex};

    use http_body_util::{BodyExt, Full};
    use hyper_util::rt::TokioExecutor;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio::net::{TcpListener, TcpStream};

    use super::*;
    use crate::transport::Header;

    const CA: &[u8] = include_bytes!("testdata/test-ca.pem");
    const CHAIN: &[u8] = include_bytes!("testdata/localhost-chain.pem");
    const KEY: &[u8] = include_bytes!("testdata/localhost-key.pem");

    /// What the server saw of one request.
    #[derive(Debug, Clone, PartialEq)]
    struct Seen {
        version: http::Version,
        method: http::Method,
        path: String,
        content_type: Option<String>,
        authorization: Option<String>,
        body: Vec<u8>,
    }

    /// A TLS server on 127.0.0.1 offering these ALPN protocols; answers every request with a
    /// JSON body and records it. Returns its port and the record.
    async fn tls_server(alpn: &[&[u8]]) -> (u16, Arc<Mutex<Vec<Seen>>>) {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let chain = CertificateDer::pem_slice_iter(CHAIN).collect::<Result<Vec<_>, _>>().unwrap();
        let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else { return };
                let (acceptor, record) = (acceptor.clone(), record.clone());
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else { return };
                    let h2 = tls.get_ref().1.alpn_protocol() == Some(b"h2");
                    let service = hyper::service::service_fn(move |request: http::Request<Incoming>| {
                        let record = record.clone();
                        async move {
                            let (head, body) = request.into_parts();
                            let header =
                                |name| head.headers.get(name).map(|v: &HeaderValue| v.to_str().unwrap().to_owned());
                            let seen = Seen {
                                version: head.version,
                                method: head.method.clone(),
                                path: head.uri.path().to_owned(),
                                content_type: header("content-type"),
                                authorization: header("authorization"),
                                body: body.collect().await?.to_bytes().to_vec(),
                            };
                            record.lock().unwrap().push(seen);
                            let answer = http::Response::builder()
                                .header("content-type", "application/json")
                                .header("cf-ray", "8f00-TLS")
                                .body(Full::new(Bytes::from_static(br#"{"success":true,"result":{"ok":1}}"#)))
                                .unwrap();
                            Ok::<_, hyper::Error>(answer)
                        }
                    });
                    let io = hyper_util::rt::TokioIo::new(tls);
                    let _ = if h2 {
                        hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                            .serve_connection(io, service)
                            .await
                    } else {
                        hyper::server::conn::http1::Builder::new().serve_connection(io, service).await
                    };
                });
            }
        });
        (port, seen)
    }

    /// The messages of the errors under `err`, joined.
    fn sources(err: &TransportError) -> String {
        let mut chain = String::new();
        let mut link = err.source();
        while let Some(l) = link {
            chain.push_str(&l.to_string());
            chain.push_str(": ");
            link = l.source();
        }
        chain
    }

    fn trusting_the_test_ca() -> HyperTransport {
        HyperTransport::with(Duration::from_secs(5), 1 << 20, test_ca(), None).unwrap()
    }

    fn test_ca() -> RootCertStore {
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(CA) {
            roots.add(cert.unwrap()).unwrap();
        }
        roots
    }

    /// A proxy on 127.0.0.1 that answers `CONNECT host:port` by tunnelling to 127.0.0.1:port,
    /// and records each request head it receives.
    async fn connect_proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let record = heads.clone();
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let record = record.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        if client.read_exact(&mut byte).await.is_err() {
                            return;
                        }
                        head.push(byte[0]);
                    }
                    let head = String::from_utf8(head).unwrap();
                    record.lock().unwrap().push(head.clone());
                    let target = head.split_whitespace().nth(1).unwrap();
                    let port: u16 = target.rsplit(':').next().unwrap().parse().unwrap();
                    let mut upstream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
                    client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").await.unwrap();
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                });
            }
        });
        (port, heads)
    }

    fn post(url: String) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url,
            headers: vec![Header { name: "authorization".into(), value: "Bearer t0ken".into(), sensitive: true }],
            body: Some(Body::json(br#"{"name":"a"}"#.to_vec())),
            timeout: Duration::from_secs(5),
        }
    }

    #[tokio::test]
    async fn https_speaks_http2_when_the_server_offers_it_and_http1_otherwise() {
        for (alpn, version) in
            [(&[&b"h2"[..], b"http/1.1"][..], http::Version::HTTP_2), (&[&b"http/1.1"[..]][..], http::Version::HTTP_11)]
        {
            let (port, seen) = tls_server(alpn).await;
            let transport = trusting_the_test_ca();
            for host in ["127.0.0.1", "localhost"] {
                let response =
                    transport.execute(post(format!("https://{host}:{port}/client/v4/things"))).await.unwrap();
                assert_eq!(response.status, 200);
                assert_eq!(response.cf_ray(), Some("8f00-TLS"));
                assert_eq!(&response.body[..], br#"{"success":true,"result":{"ok":1}}"#);
            }
            let expected = Seen {
                version,
                method: http::Method::POST,
                path: "/client/v4/things".into(),
                content_type: Some("application/json".into()),
                authorization: Some("Bearer t0ken".into()),
                body: br#"{"name":"a"}"#.to_vec(),
            };
            assert_eq!(*seen.lock().unwrap(), vec![expected.clone(), expected]);
        }
    }

    #[tokio::test]
    async fn a_certificate_from_an_unknown_issuer_is_refused_before_anything_is_sent() {
        let (port, seen) = tls_server(&[b"h2", b"http/1.1"]).await;
        // The built-in roots (Mozilla's) do not include the test CA.
        let transport = HyperTransport::new(Duration::from_secs(5), 1 << 20).unwrap();
        let err = transport.execute(post(format!("https://127.0.0.1:{port}/client/v4/things"))).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Connect, "{err}");
        let chain = sources(&err);
        assert!(chain.contains("UnknownIssuer"), "{chain}");
        assert!(!chain.contains("t0ken"), "{chain}");
        assert!(seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn https_through_a_proxy_goes_by_a_connect_tunnel_with_the_proxys_credentials() {
        let (port, seen) = tls_server(&[b"h2", b"http/1.1"]).await;
        let (proxy, heads) = connect_proxy().await;
        let proxies = Matcher::builder().https(format!("http://scott:tiger@127.0.0.1:{proxy}")).build();
        let transport = HyperTransport::with(Duration::from_secs(5), 1 << 20, test_ca(), Some(proxies)).unwrap();
        let response = transport.execute(post(format!("https://localhost:{port}/client/v4/things"))).await.unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(&response.body[..], br#"{"success":true,"result":{"ok":1}}"#);
        // One tunnel: the proxy saw the host and its own credentials (scott:tiger), nothing of
        // the request inside the tunnel.
        let heads = heads.lock().unwrap().clone();
        assert_eq!(heads.len(), 1, "{heads:?}");
        assert!(heads[0].starts_with(&format!("CONNECT localhost:{port} HTTP/1.1\r\n")), "{heads:?}");
        assert!(heads[0].contains("\r\nProxy-Authorization: Basic c2NvdHQ6dGlnZXI=\r\n"), "{heads:?}");
        assert!(!heads[0].contains("t0ken"), "{heads:?}");
        let seen = seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].authorization.as_deref(), Some("Bearer t0ken"));
    }

    #[tokio::test]
    async fn a_proxy_that_is_not_http_fails_the_attempt_as_a_connect_error() {
        let proxies = Matcher::builder().https("socks5://127.0.0.1:1080").build();
        let transport = HyperTransport::with(Duration::from_secs(5), 1 << 20, test_ca(), Some(proxies)).unwrap();
        let err = transport.execute(post("https://localhost:1/client/v4/things".into())).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Connect, "{err}");
        let chain = sources(&err);
        assert!(chain.contains("unsupported proxy scheme `socks5`"), "{chain}");
    }

    #[tokio::test]
    async fn a_failed_connect_keeps_hyper_as_the_source() {
        let transport = trusting_the_test_ca();
        let mut request = post("http://127.0.0.1:1/client/v4/zones".into());
        request.method = Method::Get;
        request.body = None;
        let err = transport.execute(request).await.unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Connect, "{err}");
        assert_eq!(err.to_string(), "transport error (connect): connection refused");
        let source = err.source().expect("hyper's error is kept");
        assert!(source.downcast_ref::<flarekit_hyper::Error>().is_some_and(|e| e.is_connect()));
        // The chain goes on down to the OS error.
        let mut last = source;
        while let Some(next) = last.source() {
            last = next;
        }
        assert!(last.to_string().to_ascii_lowercase().contains("refused"), "{last}");
    }

    #[test]
    fn redirects_are_followed_within_the_origin_and_change_method_as_reqwest_does() {
        let from = url::Url::parse("https://api.example.com/client/v4/zones/a?page=2").unwrap();
        let body = Body::json(b"{}".to_vec());
        let follow_as = |location: &str, status: u16, method: Method| {
            let (mut m, mut b) = (method, Some(&body));
            let next = follow(&from, location, StatusCode::from_u16(status).unwrap(), &mut m, &mut b);
            next.map(|url| (url.to_string(), m, b.is_some()))
        };
        let same = "https://api.example.com/client/v4/zones/b".to_owned();
        assert_eq!(follow_as("/client/v4/zones/b", 307, Method::Post), Some((same.clone(), Method::Post, true)));
        assert_eq!(follow_as("b", 308, Method::Put), Some((same.clone(), Method::Put, true)));
        assert_eq!(follow_as("/client/v4/zones/b", 303, Method::Post), Some((same.clone(), Method::Get, false)));
        assert_eq!(follow_as("/client/v4/zones/b", 302, Method::Post), Some((same.clone(), Method::Get, false)));
        assert_eq!(follow_as("/client/v4/zones/b", 301, Method::Delete), Some((same.clone(), Method::Delete, true)));
        assert_eq!(
            follow_as("https://api.example.com:443/client/v4/zones/b", 301, Method::Get).map(|f| f.0),
            Some(same)
        );
        for elsewhere in [
            "https://evil.example.com/client/v4/zones/b",
            "http://api.example.com/client/v4/zones/b",
            "https://api.example.com:8443/client/v4/zones/b",
            "//evil.example.com/x",
        ] {
            assert_eq!(follow_as(elsewhere, 307, Method::Get), None, "{elsewhere}");
        }
    }
}
