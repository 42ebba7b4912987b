//! [`Client`] and its [`ClientBuilder`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use tokio::time::Instant;
use tracing::Instrument;

use crate::catalog::EndpointInfo;
use crate::credentials::Credentials;
use crate::endpoint::{Endpoint, Method, RequestParts};
use crate::envelope::error_from_response;
use crate::error::{snippet, ConfigError, Error, TransportError, TransportErrorKind};
use crate::rate_limit::RateLimiter;
use crate::reqwest_transport::ReqwestTransport;
use crate::response::ApiResponse;
use crate::retry::{self, AttemptFailure};
use crate::transport::{Header, HttpRequest, HttpResponse, Transport};

/// Cloudflare's v4 API.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Time one attempt may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest response body read (32 MiB).
pub const DEFAULT_MAX_BODY_BYTES: usize = 32 << 20;
/// Most bytes of a body logged when [`ClientBuilder::log_bodies`] is on.
const LOGGED_BODY: usize = 4096;

/// A Cloudflare API client. Cheap to clone: clones share one connection pool and one rate
/// limiter.
///
/// Every call validates the request, then sends it with retries, timeouts and an optional
/// overall deadline (see [`crate::retry`] for which failures are retried), and decodes
/// Cloudflare's envelope into the typed result or a typed [`Error`].
///
/// ```no_run
/// # async fn demo() -> Result<(), flarekit_core::Error> {
/// let client = flarekit_core::Client::from_env()?;
/// # let request: Box<dyn std::any::Any> = Box::new(()); let _ = (client, request);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: String,
    headers: Vec<Header>,
    timeout: Duration,
    deadline: Option<Duration>,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    log_bodies: bool,
    limiter: Option<RateLimiter>,
    sender: Sender,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("headers", &self.inner.headers)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("max_retries", &self.inner.max_retries)
            .field("rate_limit", &self.inner.limiter)
            .finish_non_exhaustive()
    }
}

/// Per-call overrides of the client's retry and timeout settings, for
/// [`Client::send_with_options`]. Unset values fall back to the client's.
///
/// ```
/// use std::time::Duration;
/// use flarekit_core::RequestOptions;
///
/// // A call that must finish within 10 s, each attempt within 3 s, with up to 5 retries.
/// let options = RequestOptions::new()
///     .deadline(Duration::from_secs(10))
///     .timeout(Duration::from_secs(3))
///     .max_retries(5);
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct RequestOptions {
    max_retries: Option<u32>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    deadline_at: Option<std::time::Instant>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// Retries after the first attempt (0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Time one attempt may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time the whole call may take, every attempt, backoff and rate-limit wait included,
    /// counted from the start of the call.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The instant by which the whole call must be over (e.g. a job's own deadline). When both
    /// this and [`RequestOptions::deadline`] are set, the earlier wins.
    pub fn deadline_at(mut self, at: std::time::Instant) -> Self {
        self.deadline_at = Some(at);
        self
    }
}

impl Client {
    /// A builder with Cloudflare's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client for Cloudflare's API with these credentials and default settings.
    pub fn new(credentials: Credentials) -> Result<Client, Error> {
        Ok(Client::builder().credentials(credentials).build()?)
    }

    /// A client configured from the environment; see [`ClientBuilder::from_env`].
    pub fn from_env() -> Result<Client, Error> {
        Ok(ClientBuilder::from_env()?.build()?)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Validates `endpoint`, sends it and decodes its typed result.
    ///
    /// A request that fails validation sends nothing and returns [`Error::Validation`] with
    /// every violation.
    pub async fn send<E: Endpoint>(&self, endpoint: E) -> Result<E::Response, Error> {
        self.send_with_meta(endpoint).await.map(|r| r.result)
    }

    /// Like [`Client::send`], keeping the envelope's `result_info`, `messages`, status and `cf-ray`.
    pub async fn send_with_meta<E: Endpoint>(&self, endpoint: E) -> Result<ApiResponse<E::Response>, Error> {
        self.execute(endpoint, &RequestOptions::default()).await
    }

    /// Like [`Client::send`], with this call's own retries, attempt timeout or deadline.
    ///
    /// ```no_run
    /// # async fn demo(client: flarekit_core::Client, request: impl flarekit_core::Endpoint) {
    /// use std::time::Duration;
    /// use flarekit_core::RequestOptions;
    ///
    /// let options = RequestOptions::new().deadline(Duration::from_secs(5)).max_retries(0);
    /// match client.send_with_options(request, options).await {
    ///     Ok(_) => {}
    ///     Err(e) => eprintln!("{e}: {} attempt(s)", e.attempts().len()),
    /// }
    /// # }
    /// ```
    pub async fn send_with_options<E: Endpoint>(
        &self,
        endpoint: E,
        options: RequestOptions,
    ) -> Result<E::Response, Error> {
        self.execute(endpoint, &options).await.map(|r| r.result)
    }

    /// Sends a request built at run time from a catalog entry, through the same retries,
    /// timeouts, deadline, rate limit and error decoding as [`Client::send`], and decodes the
    /// envelope's `result` as JSON (`204 No Content` or an empty body gives `null`).
    ///
    /// `info` says which permissions the call needs (named in a 403's error) and its path
    /// template (for logs); `parts` is the request itself, encoded the way `#[endpoint]` encodes
    /// one (see [`crate::encode`]) and already validated: this method checks nothing. The
    /// request is resent after a lost response or a 5xx only when its method is idempotent.
    ///
    /// ```no_run
    /// # async fn demo(client: flarekit_core::Client, info: &'static flarekit_core::EndpointInfo)
    /// # -> Result<(), flarekit_core::Error> {
    /// use flarekit_core::{encode, Method, RequestParts};
    ///
    /// let mut path = String::from("/accounts/");
    /// encode::push_segment(&mut path, "023e105f4ecef8ad9ca31a8372d0c353");
    /// path.push_str("/email-security/settings/sending_domain_restrictions");
    /// let mut parts = RequestParts::new(Method::Get, path);
    /// encode::push_query(&mut parts.query, "page", &1)?;
    /// let page = client.send_parts(info, parts).await?;
    /// println!("{}", page.result);
    /// # Ok(()) }
    /// ```
    pub async fn send_parts(
        &self,
        info: &'static EndpointInfo,
        parts: RequestParts,
    ) -> Result<ApiResponse<serde_json::Value>, Error> {
        let route = Route {
            method: parts.method,
            path: info.path,
            permissions: info.permissions,
            retry_safe: parts.method.is_idempotent(),
        };
        self.execute_parts(route, parts, &RequestOptions::default(), decode_json).await
    }

    async fn execute<E: Endpoint>(
        &self,
        endpoint: E,
        options: &RequestOptions,
    ) -> Result<ApiResponse<E::Response>, Error> {
        let parts = endpoint.to_request()?;
        drop(endpoint);
        let route = Route { method: E::METHOD, path: E::PATH, permissions: E::PERMISSIONS, retry_safe: E::RETRY_SAFE };
        self.execute_parts(route, parts, options, E::decode).await
    }

    /// Sends `parts` (see [`Client::attempts`]) and decodes the 2xx response with `decode`.
    /// The only generic part of a call: everything else is [`Client::attempts`].
    async fn execute_parts<T>(
        &self,
        route: Route,
        parts: RequestParts,
        options: &RequestOptions,
        decode: fn(&HttpResponse) -> Result<ApiResponse<T>, Error>,
    ) -> Result<ApiResponse<T>, Error> {
        let span = tracing::debug_span!(
            "flarekit.request",
            method = route.method.as_str(),
            path = route.path,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            cf_ray = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let start = Instant::now();
        // A span no subscriber wants (the common case) is not entered and left at every poll.
        if span.is_disabled() {
            self.call(route, parts, options, decode, start, &span).await
        } else {
            self.call(route, parts, options, decode, start, &span).instrument(span.clone()).await
        }
    }

    /// [`Client::execute_parts`] inside its span.
    async fn call<T>(
        &self,
        route: Route,
        parts: RequestParts,
        options: &RequestOptions,
        decode: fn(&HttpResponse) -> Result<ApiResponse<T>, Error>,
        start: Instant,
        span: &tracing::Span,
    ) -> Result<ApiResponse<T>, Error> {
        let request = self.outgoing(parts);
        let result = match self.attempts(&route, &request, options, start, span).await {
            Ok(delivered) => delivered.decode(&route, decode),
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
            if let Some(body) = &parts.body {
                tracing::trace!(body = %snippet(body, LOGGED_BODY), "request body");
            }
        }
        Outgoing { method: parts.method, url, headers: parts.headers, body: parts.body.map(Bytes::from) }
    }

    /// One attempt of `request` through the transport: the response, or why none came back.
    async fn attempt(&self, request: &Outgoing, timeout: Duration) -> Result<HttpResponse, TransportError> {
        match &self.inner.sender {
            // reqwest's own request timeout bounds the attempt, connecting to last body byte.
            Sender::Builtin { transport, headers } => {
                transport
                    .send_prepared(
                        request.method,
                        &request.url,
                        headers,
                        &request.headers,
                        request.body.as_ref(),
                        timeout,
                    )
                    .await
            }
            Sender::Custom(transport) => {
                let request = self.http_request(request, timeout);
                tokio::time::timeout(timeout, transport.execute(request)).await.unwrap_or_else(|_| {
                    Err(TransportError::new(
                        TransportErrorKind::Timeout,
                        format!("the attempt took longer than its timeout of {timeout:?}"),
                    ))
                })
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
        HttpRequest {
            method: request.method,
            url: request.url.clone(),
            headers,
            body: request.body.as_ref().map(|b| b.to_vec()),
            timeout,
        }
    }

    /// Sends `request` until it gets a 2xx response, fails for good, runs out of retries or of
    /// time.
    async fn attempts(
        &self,
        route: &Route,
        request: &Outgoing,
        options: &RequestOptions,
        start: Instant,
        span: &tracing::Span,
    ) -> Result<Delivered, Error> {
        let inner = &*self.inner;
        let deadline = [
            options.deadline.or(inner.deadline).and_then(|d| start.checked_add(d)),
            options.deadline_at.map(|at| {
                let left = at.saturating_duration_since(std::time::Instant::now());
                start.checked_add(left).unwrap_or(start)
            }),
        ]
        .into_iter()
        .flatten()
        .min();
        let attempt_timeout = options.timeout.unwrap_or(inner.timeout);
        let max_retries = options.max_retries.unwrap_or(inner.max_retries);
        let retry_safe = route.retry_safe;
        let mut failures: Vec<AttemptFailure> = Vec::new();
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            span.record("attempts", attempt);
            if let Some(limiter) = &inner.limiter {
                if let Err(e) = limiter.acquire(deadline).await {
                    return Err(Error::Transport(e).with_attempts(failures));
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
                return Err(Error::Transport(e).with_attempts(failures));
            }
            let timeout = remaining.map_or(attempt_timeout, |r| r.min(attempt_timeout));
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
                self.attempt(request, timeout).await
            } else {
                self.attempt(request, timeout).instrument(attempt_span.clone()).await
            };
            if let Some(attempt_start) = attempt_start {
                attempt_span.record("duration_ms", attempt_start.elapsed().as_millis() as u64);
            }
            let (failure, retry, error, hint) = match outcome {
                Ok(response) => {
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
                        if inner.log_bodies {
                            tracing::trace!(body = %snippet(&response.body, LOGGED_BODY), "response body");
                        }
                    });
                    if response.is_success() {
                        return Ok(Delivered { response, attempt, failures });
                    }
                    let retry = retry::retry_status(retry_safe, &response);
                    let hint = retry::retry_after(&response, SystemTime::now());
                    let failure = AttemptFailure::from_response(attempt, &response);
                    (failure, retry, Error::from(error_from_response(&response, route.permissions)), hint)
                }
                Err(e) => {
                    let failure = AttemptFailure::from_transport(attempt, &e);
                    let retry = retry::retry_transport(retry_safe, e.kind);
                    if !retry && !retry_safe && retry::maybe_sent(e.kind) {
                        let e = TransportError::new(
                            TransportErrorKind::OutcomeUnknown,
                            format!(
                                "{} {} was sent but its response was lost ({}), so it may or may not have \
                                 taken effect; it was not retried because {} is not idempotent: {}",
                                route.method, route.path, failure.reason, route.method, e.message
                            ),
                        );
                        failures.push(failure);
                        tracing::warn!(
                            attempt,
                            "response lost after sending a non-idempotent request: outcome unknown"
                        );
                        return Err(Error::Transport(e).with_attempts(failures));
                    }
                    (failure, retry, Error::Transport(e), None)
                }
            };
            let reason = failure.reason.clone();
            failures.push(failure);
            if !retry || attempt > max_retries {
                return Err(error.with_attempts(failures));
            }
            let wait = hint.unwrap_or_else(|| {
                retry::backoff(inner.retry_base_delay, inner.retry_max_delay, attempt.saturating_sub(1))
            });
            if let Some(deadline) = deadline {
                if Instant::now().checked_add(wait).map_or(true, |end| end >= deadline) {
                    let e = TransportError::new(
                        TransportErrorKind::Timeout,
                        format!(
                            "the call's deadline leaves {:?}, less than the {wait:?} wait before attempt {} \
                             (last failure: {error})",
                            deadline.saturating_duration_since(Instant::now()),
                            attempt.saturating_add(1)
                        ),
                    );
                    return Err(Error::Transport(e).with_attempts(failures));
                }
            }
            tracing::debug!(attempt, reason = %reason, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
        }
    }
}

/// A call's request, built once and shared by its attempts.
struct Outgoing {
    method: Method,
    /// The absolute URL, query included.
    url: String,
    /// The endpoint's own headers (the client's are added per transport, see [`Sender`]).
    headers: Vec<(&'static str, String)>,
    /// The body, cloned per attempt without copying.
    body: Option<Bytes>,
}

/// How attempts travel.
enum Sender {
    /// The built-in [`ReqwestTransport`], called directly (no boxed future, no second timer),
    /// with the client's headers (credentials, user agent, default headers) converted to
    /// reqwest's types once, when the client was built.
    Builtin { transport: ReqwestTransport, headers: reqwest::header::HeaderMap },
    /// A transport given to [`ClientBuilder::transport`]: each attempt gets its own
    /// [`HttpRequest`] with every header, bounded by a timer of the client's.
    Custom(Arc<dyn Transport>),
}

/// What the retry loop needs to know about the endpoint being called.
struct Route {
    method: Method,
    path: &'static str,
    permissions: &'static [&'static str],
    retry_safe: bool,
}

/// A 2xx response, with the attempt that got it and the failed attempts before it.
struct Delivered {
    response: HttpResponse,
    attempt: u32,
    failures: Vec<AttemptFailure>,
}

impl Delivered {
    /// Decodes the response; a failure lists every attempt, this one included.
    fn decode<T>(
        self,
        route: &Route,
        decode: fn(&HttpResponse) -> Result<ApiResponse<T>, Error>,
    ) -> Result<ApiResponse<T>, Error> {
        let Delivered { response, attempt, mut failures } = self;
        decode(&response).map_err(|e| {
            let (e, what) = match e {
                Error::Api(mut api) => {
                    api.required_permissions = route.permissions;
                    (Error::Api(api), "success: false")
                }
                other => (other, "an undecodable body"),
            };
            failures.push(AttemptFailure::from_decode(attempt, response.status, response.cf_ray(), what));
            e.with_attempts(failures)
        })
    }
}

/// The decoder of [`Client::send_parts`]: the envelope's `result` as JSON, `null` for no content.
fn decode_json(response: &HttpResponse) -> Result<ApiResponse<serde_json::Value>, Error> {
    crate::decode::envelope_or_no_content::<serde_json::Value>(response).map(|r| r.map(Option::unwrap_or_default))
}

/// Configures a [`Client`]; [`ClientBuilder::build`] checks everything once.
///
/// ```
/// use std::time::Duration;
/// use flarekit_core::{Client, Credentials};
///
/// let client = Client::builder()
///     .credentials(Credentials::api_token("token"))
///     .timeout(Duration::from_secs(30))
///     .user_agent("my-app/1.0")
///     .build()
///     .unwrap();
/// assert_eq!(client.base_url(), "https://api.cloudflare.com/client/v4");
/// ```
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    headers: Vec<(String, String)>,
    max_body_bytes: usize,
    allow_insecure_http: bool,
    transport: Option<Arc<dyn Transport>>,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    deadline: Option<Duration>,
    rate_limit: Option<(u32, Duration)>,
    log_bodies: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("max_retries", &self.max_retries)
            .field("deadline", &self.deadline)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: concat!("flarekit/", env!("CARGO_PKG_VERSION")).to_owned(),
            headers: Vec::new(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            allow_insecure_http: false,
            transport: None,
            max_retries: retry::DEFAULT_MAX_RETRIES,
            retry_base_delay: retry::DEFAULT_RETRY_BASE_DELAY,
            retry_max_delay: retry::DEFAULT_RETRY_MAX_DELAY,
            deadline: None,
            rate_limit: None,
            log_bodies: false,
        }
    }
}

/// Environment variables [`ClientBuilder::from_env`] reads.
pub mod env {
    /// An API token.
    pub const API_TOKEN: &str = "CLOUDFLARE_API_TOKEN";
    /// A global API key (with [`EMAIL`]).
    pub const API_KEY: &str = "CLOUDFLARE_API_KEY";
    /// The account email of [`API_KEY`].
    pub const EMAIL: &str = "CLOUDFLARE_EMAIL";
    /// A user service key.
    pub const USER_SERVICE_KEY: &str = "CLOUDFLARE_API_USER_SERVICE_KEY";
    /// Overrides the base URL.
    pub const BASE_URL: &str = "CLOUDFLARE_BASE_URL";
}

impl ClientBuilder {
    /// A builder configured from the process environment: credentials from
    /// `CLOUDFLARE_API_TOKEN`, else `CLOUDFLARE_API_KEY` + `CLOUDFLARE_EMAIL`, else
    /// `CLOUDFLARE_API_USER_SERVICE_KEY`; the base URL from `CLOUDFLARE_BASE_URL` if set.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::from_env`] reading variables through `lookup` (for tests and for
    /// applications with their own configuration source). Empty values count as unset.
    ///
    /// ```
    /// use flarekit_core::ClientBuilder;
    /// let err = ClientBuilder::from_env_with(|_| None).unwrap_err();
    /// assert!(err.to_string().contains("CLOUDFLARE_API_TOKEN"));
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let credentials = if let Some(token) = get(env::API_TOKEN) {
            Credentials::api_token(token)
        } else if let Some(key) = get(env::API_KEY) {
            let email = get(env::EMAIL).ok_or_else(|| {
                ConfigError::new(format!(
                    "{} is set but {} is not: an API key needs its account email",
                    env::API_KEY,
                    env::EMAIL
                ))
            })?;
            Credentials::api_key(email, key)
        } else if let Some(key) = get(env::USER_SERVICE_KEY) {
            Credentials::user_service_key(key)
        } else {
            return Err(ConfigError::new(format!(
                "no Cloudflare credentials in the environment: set {}, or {} and {}, or {}",
                env::API_TOKEN,
                env::API_KEY,
                env::EMAIL,
                env::USER_SERVICE_KEY
            )));
        };
        let mut builder = ClientBuilder::default().credentials(credentials);
        if let Some(url) = get(env::BASE_URL) {
            builder = builder.base_url(url);
        }
        Ok(builder)
    }

    /// The API's base URL (default [`DEFAULT_BASE_URL`]). Plain `http` is refused unless the
    /// host is loopback or [`ClientBuilder::allow_insecure_http`] is set.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The credentials (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Time one attempt may take, connecting to last body byte (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time to establish a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `flarekit/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The largest response body read before failing with a transport error (default 32 MiB).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Allows a plain-`http` base URL on a non-loopback host. Credentials then cross the network
    /// unencrypted: only for test networks.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Retries after a failed first attempt (default 2; 0 disables retries). Which failures are
    /// retried depends on the method: see [`crate::retry`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The wait before the first retry, doubled for each further one (default 0.5 s).
    pub fn retry_base_delay(mut self, delay: Duration) -> Self {
        self.retry_base_delay = delay;
        self
    }

    /// The longest computed wait between attempts (default 8 s). A server's `Retry-After` of up
    /// to 60 s is honoured regardless.
    pub fn retry_max_delay(mut self, delay: Duration) -> Self {
        self.retry_max_delay = delay;
        self
    }

    /// Time a whole call may take, every attempt, backoff and rate-limit wait included (default:
    /// none, the attempts' timeouts and the retry count bound it). No wait runs past it: a call
    /// that would need to fails with a [`TransportErrorKind::Timeout`] error instead.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Turns on a client-side rate limiter: at most `requests` attempts in any window of `per`,
    /// shared by every clone of the client. Calls over the limit wait for a slot (never past
    /// their deadline) instead of collecting 429s.
    ///
    /// ```
    /// use std::time::Duration;
    /// use flarekit_core::{Client, Credentials};
    ///
    /// // Cloudflare's global limit: 1,200 requests per five minutes per user.
    /// let client = Client::builder()
    ///     .credentials(Credentials::api_token("token"))
    ///     .rate_limit(1200, Duration::from_secs(300))
    ///     .build()
    ///     .unwrap();
    /// # let _ = client;
    /// ```
    pub fn rate_limit(mut self, requests: u32, per: Duration) -> Self {
        self.rate_limit = Some((requests, per));
        self
    }

    /// Logs request and response bodies (their first 4 KiB) at `TRACE` level (default off:
    /// bodies can carry personal data). Credentials are never logged.
    pub fn log_bodies(mut self, log: bool) -> Self {
        self.log_bodies = log;
        self
    }

    /// Sends requests through this transport instead of the default [`ReqwestTransport`].
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, ConfigError> {
        let base_url = check_base_url(&self.base_url, self.allow_insecure_http)?;
        let credentials = self.credentials.ok_or_else(|| {
            ConfigError::new("no credentials: call ClientBuilder::credentials or use Client::from_env")
        })?;
        credentials.check()?;
        let mut headers: Vec<Header> = credentials
            .headers()
            .into_iter()
            .map(|(name, value, sensitive)| Header { name: name.to_owned(), value, sensitive })
            .collect();
        check_header("user-agent", &self.user_agent)?;
        headers.push(Header { name: "user-agent".to_owned(), value: self.user_agent, sensitive: false });
        for (name, value) in self.headers {
            let name = name.to_ascii_lowercase();
            check_header(&name, &value)?;
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
                return Err(ConfigError::new(format!("invalid header name {name:?}")));
            }
            headers.push(Header { name, value, sensitive: false });
        }
        let sender = match self.transport {
            Some(t) => Sender::Custom(t),
            None => Sender::Builtin {
                transport: ReqwestTransport::new(self.connect_timeout, self.max_body_bytes)?,
                headers: crate::reqwest_transport::header_map(&headers)
                    .map_err(|e| ConfigError::new(format!("cannot use the configured headers: {}", e.message)))?,
            },
        };
        let limiter = match self.rate_limit {
            None => None,
            Some((0, _)) => return Err(ConfigError::new("the rate limit must allow at least one request")),
            Some((_, per)) if per.is_zero() => {
                return Err(ConfigError::new("the rate limit's window must not be zero"))
            }
            Some((requests, per)) => Some(RateLimiter::new(requests, per)),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base_url,
                headers,
                timeout: self.timeout,
                deadline: self.deadline,
                max_retries: self.max_retries,
                retry_base_delay: self.retry_base_delay,
                retry_max_delay: self.retry_max_delay,
                log_bodies: self.log_bodies,
                limiter,
                sender,
            }),
        })
    }
}

fn check_header(name: &str, value: &str) -> Result<(), ConfigError> {
    if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(ConfigError::new(format!("the value of header `{name}` contains a control character")));
    }
    Ok(())
}

fn check_base_url(raw: &str, allow_insecure_http: bool) -> Result<String, ConfigError> {
    let url = url::Url::parse(raw).map_err(|e| ConfigError::new(format!("base URL {raw:?} is not a URL: {e}")))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(ConfigError::new("the base URL must not carry a query, fragment or user info"));
    }
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback || allow_insecure_http => {}
        "http" => {
            return Err(ConfigError::new(format!(
            "base URL {raw:?} uses plain http to a non-loopback host; use https or ClientBuilder::allow_insecure_http"
        )))
        }
        other => return Err(ConfigError::new(format!("base URL scheme `{other}` is not http or https"))),
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn env_precedence_and_errors() {
        let b =
            ClientBuilder::from_env_with(vars(&[("CLOUDFLARE_API_TOKEN", "t"), ("CLOUDFLARE_API_KEY", "k")])).unwrap();
        assert_eq!(b.credentials, Some(Credentials::api_token("t")));
        let b =
            ClientBuilder::from_env_with(vars(&[("CLOUDFLARE_API_KEY", "k"), ("CLOUDFLARE_EMAIL", "a@b.c")])).unwrap();
        assert_eq!(b.credentials, Some(Credentials::api_key("a@b.c", "k")));
        let b = ClientBuilder::from_env_with(vars(&[
            ("CLOUDFLARE_API_USER_SERVICE_KEY", "s"),
            ("CLOUDFLARE_BASE_URL", "http://127.0.0.1:9/v4/"),
        ]))
        .unwrap();
        assert_eq!(b.credentials, Some(Credentials::user_service_key("s")));
        assert_eq!(b.build().unwrap().base_url(), "http://127.0.0.1:9/v4");
        let e = ClientBuilder::from_env_with(vars(&[("CLOUDFLARE_API_KEY", "k")])).unwrap_err();
        assert!(e.to_string().contains("CLOUDFLARE_EMAIL"), "{e}");
        let e = ClientBuilder::from_env_with(vars(&[("CLOUDFLARE_API_TOKEN", "")])).unwrap_err();
        assert!(e.to_string().contains("no Cloudflare credentials"), "{e}");
    }

    #[test]
    fn base_url_rules() {
        assert_eq!(check_base_url("https://api.cloudflare.com/client/v4/", false).unwrap(), DEFAULT_BASE_URL);
        assert!(check_base_url("http://[::1]:8080", false).is_ok());
        assert!(check_base_url("http://localhost:8080", false).is_ok());
        assert!(check_base_url("http://example.com", false).is_err());
        assert!(check_base_url("http://example.com", true).is_ok());
        assert!(check_base_url("ftp://example.com", true).is_err());
        assert!(check_base_url("https://x.com/?a=b", false).is_err());
        assert!(check_base_url("not a url", false).is_err());
    }

    #[test]
    fn secrets_stay_out_of_debug_and_errors() {
        let token = "s3cr3t-T0KEN-value";
        let client = Client::builder().credentials(Credentials::api_token(token)).build().unwrap();
        assert!(!format!("{client:?}").contains(token));
        let builder = Client::builder().credentials(Credentials::api_key("me@example.com", token));
        assert!(!format!("{builder:?}").contains(token));
        let err =
            Client::builder().credentials(Credentials::api_token(format!("{token}\r\nX-Evil: 1"))).build().unwrap_err();
        assert!(err.to_string().contains("control character") && !err.to_string().contains(token), "{err}");
    }
    mod retries {
        use std::collections::VecDeque;
        use std::sync::Mutex;

        use super::super::*;
        use crate::catalog::EndpointInfo;
        use crate::endpoint::{Method, RequestParts};
        use crate::transport::{BoxFuture, HttpResponse};
        use crate::validate::ValidationError;

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
        static INFO: EndpointInfo = EndpointInfo::__new("GET", "/op", &[], "", "", false, "Op", "client", 0, &[]);

        impl<const POST: bool> Endpoint for Op<POST> {
            type Response = serde_json::Value;
            const METHOD: Method = if POST { Method::Post } else { Method::Get };
            const PATH: &'static str = "/op";
            const PERMISSIONS: &'static [&'static str] = &[];
            const INFO: &'static EndpointInfo = &INFO;
            fn validate(&self) -> Result<(), ValidationError> {
                Ok(())
            }
            fn to_request(&self) -> Result<RequestParts, Error> {
                Ok(RequestParts::new(Self::METHOD, "/op".into()))
            }
            fn decode(response: &HttpResponse) -> Result<ApiResponse<Self::Response>, Error> {
                crate::decode_envelope(response)
            }
        }

        fn status(code: u16, headers: &[(&str, &str)]) -> Result<HttpResponse, TransportError> {
            Ok(HttpResponse {
                status: code,
                headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
                body: if code < 300 { br#"{"success":true,"result":1}"#.to_vec() } else { b"<html>".to_vec() },
            })
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
            static WRITE: EndpointInfo =
                EndpointInfo::__new("POST", "/op", PERMS, "", "", false, "Op", "client", 0, &[]);
            let (c, t) = client(vec![status(503, &[]), status(200, &[])]);
            let got = c.send_parts(&INFO, RequestParts::new(Method::Get, "/op".into())).await.unwrap();
            assert_eq!((got.result, calls(&t)), (serde_json::json!(1), 2));
            let (c, t) = client(vec![status(503, &[]), status(200, &[])]);
            let err = c.send_parts(&WRITE, RequestParts::new(Method::Post, "/op".into())).await.unwrap_err();
            assert_eq!((err.status(), calls(&t)), (Some(503), 1));
            let (c, _) = client(vec![status(403, &[])]);
            let err = c.send_parts(&WRITE, RequestParts::new(Method::Post, "/op".into())).await.unwrap_err();
            assert!(matches!(&err, Error::Api(api) if api.required_permissions == PERMS), "{err}");
            let (c, _) = client(vec![Ok(HttpResponse { status: 204, headers: vec![], body: vec![] })]);
            let got = c.send_parts(&INFO, RequestParts::new(Method::Get, "/op".into())).await.unwrap();
            assert_eq!(got.result, serde_json::Value::Null);
        }

        #[tokio::test(start_paused = true)]
        async fn decode_failures_are_typed_and_not_retried() {
            let (c, t) = client(vec![Ok(HttpResponse { status: 200, headers: vec![], body: b"{\"succ".to_vec() })]);
            let err = c.send(Op::<false>).await.unwrap_err();
            assert!(matches!(err, Error::Decode(_)), "{err}");
            assert_eq!(calls(&t), 1);
        }
    }
}
