//! The send loop every call goes through: build the request once, then attempt, decide (with
//! [`retry::Policy`]), wait and attempt again, until a 2xx response is decoded or the call fails.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::runtime::{self, Instant};
use futures_util::future::Either;
use futures_util::FutureExt;
use tracing::Instrument;

use super::{Client, RequestOptions};
use crate::catalog::{EndpointInfo, ResponseKind};
use crate::request::{Body, Endpoint, RequestParts};
use crate::response::stream::{buffered, BodyStream, Head};
use crate::response::{
    error_from_response, snippet, ApiResponse, AttemptFailure, CfRay, Error, ErrorKind, TransportError,
    TransportErrorKind,
};
use crate::retry::{self, Next};
#[cfg(feature = "native")]
use crate::transport::HyperTransport;
use crate::transport::Received;
use crate::transport::{Header, HttpRequest, HttpResponse, Method, Transport};

/// Most bytes of a body logged when [`ClientBuilder::log_bodies`](super::ClientBuilder::log_bodies) is on.
const LOGGED_BODY: usize = 4096;

impl Client {
    /// The call of `endpoint`. Neither this nor [`Client::execute_parts`] is an `async fn`:
    /// every layer of `async` is a state the call's future passes through at each poll, and a
    /// value it returns is copied once more on the way out. They do their synchronous part
    /// and hand on the one future that does the waiting, [`Client::call`].
    pub(super) fn execute<'a, E: Endpoint + 'a>(
        &'a self,
        endpoint: E,
        options: &'a RequestOptions,
    ) -> impl Future<Output = Result<ApiResponse<E::Response>, Error>> + 'a {
        // A request that does not validate or encode fails here, before any attempt.
        match endpoint.to_request() {
            Ok(parts) => {
                drop(endpoint);
                let decoder = if E::INFO.response == ResponseKind::Stream {
                    Decoder::Streamed(E::decode_stream)
                } else {
                    Decoder::Buffered(E::decode)
                };
                Either::Left(self.execute_parts(E::INFO, parts, options, decoder))
            }
            // The error alone is held, not a `Result` of the response type: the future stays
            // `Send` whatever the response is.
            Err(e) => Either::Right(std::future::ready(e.with_operation(E::INFO)).map(Err)),
        }
    }

    /// Sends `parts` (see [`Client::attempts`]) and decodes the 2xx response with `decode`.
    /// The only generic part of a call: everything else is [`Client::attempts`].
    pub(super) fn execute_parts<'a, T: 'a>(
        &'a self,
        op: &'static EndpointInfo,
        parts: RequestParts,
        options: &'a RequestOptions,
        decode: Decoder<T>,
    ) -> impl Future<Output = Result<ApiResponse<T>, Error>> + 'a {
        let span = tracing::debug_span!(
            "flarekit.request",
            method = op.method.as_str(),
            path = op.path.as_str(),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            cf_ray = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        // A span no subscriber wants (the common case) is not entered and left at every poll.
        if span.is_disabled() {
            Either::Left(self.call(op, parts, options, decode, span))
        } else {
            Either::Right(self.call(op, parts, options, decode, span.clone()).instrument(span))
        }
    }

    /// [`Client::execute_parts`] inside its span.
    async fn call<T>(
        &self,
        op: &'static EndpointInfo,
        parts: RequestParts,
        options: &RequestOptions,
        decode: Decoder<T>,
        span: tracing::Span,
    ) -> Result<ApiResponse<T>, Error> {
        let start = Instant::now();
        let request = self.outgoing(parts);
        let stream = matches!(decode, Decoder::Streamed(_));
        let result = match self.attempts(op, &request, options, start, &span, stream).await {
            Ok(delivered) => delivered.decode(op, decode),
            Err(e) => Err(e),
        };
        if !span.is_disabled() {
            span.record("duration_ms", start.elapsed().as_millis() as u64);
        }
        match &result {
            Ok(r) => tracing::debug!(status = r.status, "request succeeded"),
            Err(e) => tracing::debug!(error = %e, "request failed"),
        }
        result
    }

    /// The request for `parts`, shared by every attempt of the call: base URL, query string,
    /// the endpoint's headers and its body.
    fn outgoing(&self, parts: RequestParts) -> Outgoing {
        let mut url = String::with_capacity(self.inner.base_url.len() + parts.path.len() + 64);
        url.push_str(&self.inner.base_url);
        url.push_str(&parts.path);
        if !parts.query.is_empty() {
            url.push('?');
            url.push_str(&crate::encode::query_string(&parts.query));
        }
        if self.inner.log_bodies {
            if let Some(body) = parts.body.as_ref().and_then(|b| b.chunks().first()) {
                tracing::trace!(body = %snippet(body, LOGGED_BODY), "request body");
            }
        }
        Outgoing { method: parts.method, url, headers: parts.headers, body: parts.body }
    }

    /// One attempt of `request` through the transport: the response, or why none came back.
    /// With `stream`, a `2xx` body is left to arrive (see [`Transport::execute_stream`]).
    async fn attempt(&self, request: &Outgoing, timeout: Duration, stream: bool) -> Result<Received, TransportError> {
        match &self.inner.sender {
            // The transport bounds a buffered attempt, connecting to last body byte; a streamed
            // one until its head arrives.
            #[cfg(feature = "native")]
            Sender::Builtin { transport, headers } => {
                let (method, url, extra, body) =
                    (request.method, &request.url, &request.headers, request.body.as_ref());
                transport.send_prepared(method, url, headers, extra, body, timeout, stream).await
            }
            Sender::Custom(transport) => {
                let request = self.http_request(request, timeout);
                let timed_out = |_| {
                    TransportError::new(
                        TransportErrorKind::Timeout,
                        format!("the attempt took longer than its timeout of {timeout:?}"),
                    )
                };
                if stream {
                    let streamed = runtime::timeout(timeout, transport.execute_stream(request));
                    let streamed = streamed.await.map_err(timed_out)??;
                    Ok((streamed.head, Some(streamed.body)))
                } else {
                    let response = runtime::timeout(timeout, transport.execute(request));
                    Ok((response.await.map_err(timed_out)??, None))
                }
            }
        }
    }

    /// The [`HttpRequest`] a custom transport gets for one attempt of `request`: the client's
    /// headers (credentials included), then the endpoint's.
    fn http_request(&self, request: &Outgoing, timeout: Duration) -> HttpRequest {
        let mut headers = Vec::with_capacity(self.inner.headers.len() + request.headers.len());
        headers.extend_from_slice(&self.inner.headers);
        headers.extend(request.headers.iter().map(|(name, value)| Header {
            name: name.to_ascii_lowercase(),
            value: value.clone(),
            sensitive: false,
        }));
        HttpRequest { method: request.method, url: request.url.clone(), headers, body: request.body.clone(), timeout }
    }

    /// Sends `request` until it gets a 2xx response, fails for good, runs out of retries or of
    /// time. Whether and when to try again is [`retry::Policy`]'s decision.
    async fn attempts(
        &self,
        op: &'static EndpointInfo,
        request: &Outgoing,
        options: &RequestOptions,
        start: Instant,
        span: &tracing::Span,
        stream: bool,
    ) -> Result<Delivered, Error> {
        let inner = &*self.inner;
        let deadline = options.deadline_from(inner.deadline, start);
        let attempt_timeout = options.timeout.unwrap_or(inner.timeout);
        let policy = retry::Policy {
            max_retries: options.max_retries.unwrap_or(inner.max_retries),
            base_delay: inner.retry_base_delay,
            max_delay: inner.retry_max_delay,
            retry_safe: op.retry_safe,
        };
        let mut failures: Vec<AttemptFailure> = Vec::new();
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            span.record("attempts", attempt);
            if let Some(limiter) = &inner.limiter {
                if let Err(e) = limiter.acquire(deadline).await {
                    return Err(Error::from(e).in_call(op, failures));
                }
            }
            let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if remaining == Some(Duration::ZERO) {
                let e = TransportError::new(
                    TransportErrorKind::Timeout,
                    format!(
                        "the call's deadline passed {:?} after it started, before attempt {attempt}",
                        start.elapsed()
                    ),
                );
                return Err(Error::from(e).in_call(op, failures));
            }
            let timeout = remaining.map_or(attempt_timeout, |r| r.min(attempt_timeout));
            let (failure, error, next) = match self.traced_attempt(request, timeout, attempt, span, stream).await {
                Ok((response, body)) if response.is_success() => {
                    return Ok(Delivered { response, body, attempt, failures })
                }
                Ok((response, _)) => (
                    AttemptFailure::from_response(attempt, &response),
                    Error::from(error_from_response(&response)),
                    policy.after_status(attempt, &response, SystemTime::now()),
                ),
                Err(e) => {
                    let next = policy.after_transport(attempt, e.kind);
                    (AttemptFailure::from_transport(attempt, &e), Error::from(e), next)
                }
            };
            let wait = match next {
                Next::Retry(wait) => wait,
                Next::Stop => {
                    failures.push(failure);
                    return Err(error.in_call(op, failures));
                }
                Next::OutcomeUnknown => {
                    // The operation and the lost attempt's failure are told by the error's
                    // prefix and its source: the message says only what it means.
                    let e = TransportError::new(
                        TransportErrorKind::OutcomeUnknown,
                        format!(
                            "the request was sent but its response was lost, so it may or may not have taken \
                             effect; it was not retried because {} is not idempotent",
                            op.method,
                        ),
                    )
                    .with_shared_source(error.into_kind().into_source());
                    failures.push(failure);
                    tracing::warn!(attempt, "response lost after sending a non-idempotent request: outcome unknown");
                    return Err(Error::from(e).in_call(op, failures));
                }
            };
            let reason = failure.reason.clone();
            failures.push(failure);
            if let Some(deadline) = deadline {
                if Instant::now().checked_add(wait).map_or(true, |end| end >= deadline) {
                    // The last failure is the source, not part of the message.
                    let e = TransportError::new(
                        TransportErrorKind::Timeout,
                        format!(
                            "the call's deadline leaves {:?}, less than the {wait:?} wait before attempt {}",
                            deadline.saturating_duration_since(Instant::now()),
                            attempt.saturating_add(1)
                        ),
                    )
                    .with_shared_source(error.into_kind().into_source());
                    return Err(Error::from(e).in_call(op, failures));
                }
            }
            tracing::debug!(attempt, reason = %reason, wait_ms = wait.as_millis() as u64, "retrying");
            runtime::sleep(wait).await;
        }
    }

    /// One attempt inside its `flarekit.attempt` span, recording its status, `cf-ray` and
    /// duration when a subscriber listens.
    async fn traced_attempt(
        &self,
        request: &Outgoing,
        timeout: Duration,
        attempt: u32,
        span: &tracing::Span,
        stream: bool,
    ) -> Result<Received, TransportError> {
        let attempt_span = tracing::debug_span!(
            "flarekit.attempt",
            attempt,
            status = tracing::field::Empty,
            cf_ray = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let traced = !attempt_span.is_disabled() || !span.is_disabled();
        let attempt_start = traced.then(Instant::now);
        let outcome = if attempt_span.is_disabled() {
            self.attempt(request, timeout, stream).await
        } else {
            self.attempt(request, timeout, stream).instrument(attempt_span.clone()).await
        };
        if let Some(attempt_start) = attempt_start {
            attempt_span.record("duration_ms", attempt_start.elapsed().as_millis() as u64);
        }
        if let Ok((response, _)) = &outcome {
            if traced {
                attempt_span.record("status", response.status);
                span.record("status", response.status);
                if let Some(ray) = response.cf_ray() {
                    attempt_span.record("cf_ray", ray);
                    span.record("cf_ray", ray);
                }
            }
            attempt_span.in_scope(|| {
                tracing::debug!(status = response.status, cf_ray = response.cf_ray(), "response");
                if self.inner.log_bodies {
                    tracing::trace!(body = %snippet(&response.body, LOGGED_BODY), "response body");
                }
            });
        }
        outcome
    }
}

/// A call's request, built once and shared by its attempts.
pub(super) struct Outgoing {
    method: Method,
    /// The absolute URL, query included.
    url: String,
    /// The endpoint's own headers (the client's are added per transport, see [`Sender`]).
    headers: Vec<(&'static str, String)>,
    /// The body, cloned per attempt without copying.
    body: Option<Body>,
}

/// How attempts travel. One per client, inside its `Arc` (the built-in transport is not boxed).
#[allow(clippy::large_enum_variant)]
pub(super) enum Sender {
    /// The built-in transport, called directly (no boxed future, no second timer), with the
    /// client's headers (credentials, user agent, default headers) converted to the `http`
    /// crate's types once, when the client was built.
    #[cfg(feature = "native")]
    Builtin { transport: HyperTransport, headers: http::HeaderMap },
    /// A transport given to [`ClientBuilder::transport`]: each attempt gets its own
    /// [`HttpRequest`] with every header, bounded by a timer of the client's.
    Custom(Arc<dyn Transport>),
}

/// A 2xx response, with the attempt that got it and the failed attempts before it.
struct Delivered {
    response: HttpResponse,
    /// The body still to arrive, for a streamed call.
    body: Option<BodyStream>,
    attempt: u32,
    failures: Vec<AttemptFailure>,
}

/// How a call's `2xx` response becomes its result: from the whole body, or from the head with
/// the body still arriving (an endpoint declared with `stream`).
pub(super) enum Decoder<T> {
    Buffered(fn(&HttpResponse) -> Result<ApiResponse<T>, Error>),
    Streamed(fn(Head, BodyStream) -> Result<ApiResponse<T>, Error>),
}

impl Delivered {
    /// Decodes the response; a failure lists every attempt, this one included.
    fn decode<T>(self, op: &'static EndpointInfo, decode: Decoder<T>) -> Result<ApiResponse<T>, Error> {
        let Delivered { response, body, attempt, mut failures } = self;
        let status = response.status;
        // The `cf-ray` of a failed decode is read only when it fails (the usual call succeeds),
        // from the response or, when the stream's decoder took the headers, from the error.
        let (decoded, cf_ray) = match decode {
            Decoder::Buffered(decode) => match decode(&response) {
                Ok(decoded) => return Ok(decoded),
                Err(e) => (e, response.cf_ray().map(str::to_owned)),
            },
            Decoder::Streamed(decode) => {
                let cf_ray = CfRay::of(&response.headers);
                let body = body.unwrap_or_else(|| buffered(response.body));
                match decode(Head { status, headers: response.headers, operation: op }, body) {
                    Ok(decoded) => return Ok(decoded),
                    Err(e) => (e, cf_ray.map(|ray| ray.as_str().to_owned())),
                }
            }
        };
        let what = match decoded.kind() {
            ErrorKind::Api(_) => "success: false",
            _ => "an undecodable body",
        };
        failures.push(AttemptFailure::from_decode(attempt, status, cf_ray.as_deref(), what));
        Err(decoded.in_call(op, failures))
    }
}

/// The decoder of [`Client::send_parts`]: the envelope's `result` as JSON, `null` for no content.
pub(super) fn decode_json(response: &HttpResponse) -> Result<ApiResponse<serde_json::Value>, Error> {
    crate::decode::envelope_or_no_content::<serde_json::Value>(response).map(|r| r.map(Option::unwrap_or_default))
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use super::*;
    use crate::catalog::EndpointInfo;
    use crate::client::Credentials;
    use crate::request::validate::ValidationError;
    use crate::transport::BoxFuture;
    use bytes::Bytes;

    type Script = Mutex<VecDeque<Result<HttpResponse, TransportError>>>;

    #[derive(Debug, Default)]
    struct Scripted {
        replies: Script,
        calls: Mutex<Vec<Duration>>,
    }

    impl Transport for Scripted {
        fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            self.calls.lock().unwrap().push(request.timeout);
            let next = self.replies.lock().unwrap().pop_front();
            Box::pin(async move {
                next.unwrap_or_else(|| Err(TransportError::new(TransportErrorKind::Other, "script exhausted")))
            })
        }
    }

    struct Op<const POST: bool>;
    static INFO: EndpointInfo = EndpointInfo::new(Method::Get, "/op");

    impl<const POST: bool> Endpoint for Op<POST> {
        type Response = serde_json::Value;
        const INFO: &'static EndpointInfo = if POST { &EndpointInfo::new(Method::Post, "/op") } else { &INFO };
        fn validate(&self) -> Result<(), ValidationError> {
            Ok(())
        }
        fn to_request(&self) -> Result<RequestParts, Error> {
            Ok(RequestParts::new(Self::INFO.method, "/op".into()))
        }
        fn decode(response: &HttpResponse) -> Result<ApiResponse<Self::Response>, Error> {
            crate::decode_envelope(response)
        }
    }

    fn status(code: u16, headers: &[(&str, &str)]) -> Result<HttpResponse, TransportError> {
        let body = if code < 300 { &br#"{"success":true,"result":1}"#[..] } else { b"<html>" };
        let mut response = HttpResponse::new(code, body);
        for (name, value) in headers {
            response
                .headers
                .append(crate::transport::HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
        }
        Ok(response)
    }

    fn fail(kind: TransportErrorKind, msg: &str) -> Result<HttpResponse, TransportError> {
        Err(TransportError::new(kind, msg))
    }

    fn client(script: Vec<Result<HttpResponse, TransportError>>) -> (Client, Arc<Scripted>) {
        let transport = Arc::new(Scripted { replies: Mutex::new(script.into()), ..Scripted::default() });
        let client = Client::builder()
            .credentials(Credentials::api_token("t"))
            .base_url("http://127.0.0.1:9")
            .transport(transport.clone())
            .build()
            .unwrap();
        (client, transport)
    }

    fn calls(t: &Scripted) -> usize {
        t.calls.lock().unwrap().len()
    }

    #[tokio::test(start_paused = true)]
    async fn get_rides_out_transient_failures() {
        let (c, t) = client(vec![
            status(503, &[]),
            fail(TransportErrorKind::Other, "connection reset by peer"),
            status(200, &[]),
        ]);
        assert_eq!(c.send(Op::<false>).await.unwrap(), 1);
        assert_eq!(calls(&t), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn exhausted_retries_list_every_attempt() {
        let (c, t) = client(vec![status(503, &[]), status(502, &[("cf-ray", "abc")]), status(503, &[])]);
        let err = c.send(Op::<false>).await.unwrap_err();
        assert_eq!(calls(&t), 3);
        assert_eq!(err.status(), Some(503));
        assert_eq!(err.attempts().len(), 3);
        assert_eq!(err.attempts()[1].cf_ray.as_deref(), Some("abc"));
        assert!(err.to_string().ends_with("(after 3 attempts: HTTP 503, HTTP 502, HTTP 503)"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn post_is_not_retried_after_a_5xx_or_a_lost_response() {
        let (c, t) = client(vec![status(503, &[])]);
        assert_eq!(c.send(Op::<true>).await.unwrap_err().status(), Some(503));
        assert_eq!(calls(&t), 1);
        for kind in [TransportErrorKind::Timeout, TransportErrorKind::Body, TransportErrorKind::Other] {
            let (c, t) = client(vec![fail(kind, "boom"), status(200, &[])]);
            let err = c.send(Op::<true>).await.unwrap_err();
            assert_eq!(err.transport_kind(), Some(TransportErrorKind::OutcomeUnknown), "{err}");
            assert!(err.to_string().contains("may or may not have taken effect"), "{err}");
            assert_eq!(calls(&t), 1);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn post_is_retried_when_it_provably_did_not_take_effect() {
        let (c, t) = client(vec![
            fail(TransportErrorKind::Connect, "connection refused"),
            status(429, &[("retry-after-ms", "5")]),
            status(200, &[]),
        ]);
        assert_eq!(c.send(Op::<true>).await.unwrap(), 1);
        assert_eq!(calls(&t), 3);
        let (c, t) = client(vec![status(500, &[("x-should-retry", "true")]), status(200, &[])]);
        assert_eq!(c.send(Op::<true>).await.unwrap(), 1);
        assert_eq!(calls(&t), 2);
        let (c, t) = client(vec![status(503, &[("x-should-retry", "false")]), status(200, &[])]);
        assert_eq!(c.send(Op::<false>).await.unwrap_err().status(), Some(503));
        assert_eq!(calls(&t), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn options_override_retries_and_timeout() {
        let (c, t) = client(vec![status(503, &[]), status(503, &[])]);
        let err = c.send_with_options(Op::<false>, RequestOptions::new().max_retries(0)).await.unwrap_err();
        assert_eq!((err.attempts().len(), calls(&t)), (1, 1));
        let (c, t) = client(vec![status(200, &[])]);
        c.send_with_options(Op::<false>, RequestOptions::new().timeout(Duration::from_secs(3))).await.unwrap();
        assert_eq!(t.calls.lock().unwrap()[0], Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn waits_never_pass_the_deadline() {
        let (c, t) = client(vec![status(429, &[("retry-after", "30")]), status(200, &[])]);
        let start = Instant::now();
        let err = c.send_with_options(Op::<false>, RequestOptions::new().deadline(Duration::from_secs(10))).await;
        let err = err.unwrap_err();
        assert_eq!(err.transport_kind(), Some(TransportErrorKind::Timeout), "{err}");
        assert!(err.to_string().contains("deadline"), "{err}");
        assert_eq!(calls(&t), 1);
        assert!(start.elapsed() < Duration::from_secs(10));
        // The attempt timeout shrinks to what the deadline leaves.
        let (c, t) = client(vec![status(200, &[])]);
        c.send_with_options(Op::<false>, RequestOptions::new().deadline(Duration::from_secs(2))).await.unwrap();
        assert!(t.calls.lock().unwrap()[0] <= Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn send_parts_shares_the_retry_and_error_path() {
        static PERMS: &[&str] = &["Mail: Write"];
        static WRITE: EndpointInfo = EndpointInfo::new(Method::Post, "/op").permissions(PERMS);
        let (c, t) = client(vec![status(503, &[]), status(200, &[])]);
        let got = c.send_parts(&INFO, RequestParts::new(Method::Get, "/op".into())).await.unwrap();
        assert_eq!((got.result, calls(&t)), (serde_json::json!(1), 2));
        let (c, t) = client(vec![status(503, &[]), status(200, &[])]);
        let err = c.send_parts(&WRITE, RequestParts::new(Method::Post, "/op".into())).await.unwrap_err();
        assert_eq!((err.status(), calls(&t)), (Some(503), 1));
        let (c, _) = client(vec![status(403, &[])]);
        let err = c.send_parts(&WRITE, RequestParts::new(Method::Post, "/op".into())).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Api(api) if api.status == 403), "{err}");
        assert_eq!(err.operation().map(|op| op.permissions), Some(PERMS));
        assert!(err.to_string().contains("needs an API token with the permission \"Mail: Write\""), "{err}");
        let (c, _) = client(vec![Ok(HttpResponse::new(204, Bytes::new()))]);
        let got = c.send_parts(&INFO, RequestParts::new(Method::Get, "/op".into())).await.unwrap();
        assert_eq!(got.result, serde_json::Value::Null);
    }

    #[tokio::test(start_paused = true)]
    async fn decode_failures_are_typed_and_not_retried() {
        let (c, t) = client(vec![Ok(HttpResponse::new(200, Bytes::from_static(b"{\"succ")))]);
        let err = c.send(Op::<false>).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Decode(_)), "{err}");
        assert_eq!(calls(&t), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn every_error_of_a_call_names_its_operation_once() {
        static NAMED: EndpointInfo = {
            let mut info = EndpointInfo::new(Method::Get, "/accounts/<account_id>/things");
            info.type_name = "ListThings";
            info
        };
        // An API error after retries.
        let (c, _) = client(vec![status(503, &[]), status(503, &[]), status(503, &[])]);
        let err = c.send(Op::<false>).await.unwrap_err();
        assert_eq!(err.operation(), Some(&INFO));
        assert!(err.to_string().starts_with("GET /op: Cloudflare API error: HTTP 503"), "{err}");
        // A transport error, an outcome unknown, a decode error.
        let (c, _) = client(vec![fail(TransportErrorKind::Connect, "connection refused")]);
        let err = c.send_with_options(Op::<false>, RequestOptions::new().max_retries(0)).await.unwrap_err();
        assert_eq!(
            (err.operation(), err.to_string().as_str()),
            (Some(&INFO), "GET /op: transport error (connect): connection refused")
        );
        let (c, _) = client(vec![fail(TransportErrorKind::Timeout, "timed out")]);
        let err = c.send(Op::<true>).await.unwrap_err();
        assert_eq!(err.operation(), Some(<Op<true> as Endpoint>::INFO));
        assert_eq!(err.to_string().matches("POST /op").count(), 1, "{err}");
        // The lost attempt is the source, not repeated in the message.
        let lost = std::error::Error::source(&err).expect("the lost attempt");
        assert_eq!(lost.to_string(), "transport error (timeout): timed out");
        let (c, _) = client(vec![Ok(HttpResponse::new(200, Bytes::from_static(b"{")))]);
        assert_eq!(c.send(Op::<false>).await.unwrap_err().operation(), Some(&INFO));
        // A named endpoint says its name, then its method and path.
        let (c, _) = client(vec![status(404, &[])]);
        let err = c.send_parts(&NAMED, RequestParts::new(Method::Get, "/accounts/a/things".into())).await.unwrap_err();
        assert!(err.to_string().starts_with("ListThings (GET /accounts/<account_id>/things): "), "{err}");
        // A request that fails to build names it too, and made no attempt.
        let (c, t) = client(vec![]);
        let err = c.send(Invalid).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Validation(_)), "{err}");
        assert_eq!((err.operation(), err.attempts().len(), calls(&t)), (Some(&INFO), 0, 0));
        assert!(err.to_string().starts_with("GET /op: invalid request"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_deadline_error_keeps_the_last_failure_as_its_source() {
        let (c, _) = client(vec![status(429, &[("retry-after", "30")])]);
        let err = c.send_with_options(Op::<false>, RequestOptions::new().deadline(Duration::from_secs(10))).await;
        let err = err.unwrap_err();
        let last = std::error::Error::source(&err).expect("the last failure");
        assert_eq!(last.downcast_ref::<crate::ApiError>().map(|api| api.status), Some(429), "{last}");
        assert!(!err.to_string().contains("HTTP 429 ("), "{err}");
    }

    struct Invalid;

    impl Endpoint for Invalid {
        type Response = serde_json::Value;
        const INFO: &'static EndpointInfo = &INFO;
        fn validate(&self) -> Result<(), ValidationError> {
            let mut v = crate::validate::Validator::new();
            v.path_segment("name", "..");
            v.finish()
        }
        fn to_request(&self) -> Result<RequestParts, Error> {
            self.validate()?;
            Ok(RequestParts::new(Method::Get, "/op".into()))
        }
        fn decode(response: &HttpResponse) -> Result<ApiResponse<Self::Response>, Error> {
            crate::decode_envelope(response)
        }
    }
}
