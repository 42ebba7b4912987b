//! The client: [`Client`] and its [`ClientBuilder`], per-call [`RequestOptions`], the
//! credentials it sends, and the send loop every call goes through (in `call`).

mod builder;
mod call;
mod credentials;
mod options;
mod rate_limit;
mod secret;
mod send_future;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use builder::{env, ClientBuilder};
pub use credentials::Credentials;
pub use options::RequestOptions;
pub use secret::Secret;
pub use send_future::SendFuture;

use self::call::{decode_json, Decoder, Sender};
use self::rate_limit::RateLimiter;
use crate::catalog::EndpointInfo;
use crate::request::{Endpoint, RequestParts};
use crate::response::{ApiResponse, Error};
use crate::transport::Header;

/// Cloudflare's v4 API.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Time one attempt may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest response body read (32 MiB).
pub const DEFAULT_MAX_BODY_BYTES: usize = 32 << 20;

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

/// What every clone of a client shares; built once by [`ClientBuilder::build`].
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
    /// A request that fails validation sends nothing and returns [`ErrorKind::Validation`](crate::ErrorKind::Validation) with
    /// every violation.
    pub async fn send<E: Endpoint>(&self, endpoint: E) -> Result<E::Response, Error> {
        self.execute(endpoint, &RequestOptions::default()).await.map(|r| r.result)
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
    /// request is resent after a lost response or a 5xx only when the declaration says it is
    /// safe to ([`EndpointInfo::retry_safe`]).
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
        self.execute_parts(info, parts, &RequestOptions::default(), Decoder::Buffered(decode_json)).await
    }

    /// Like [`Client::send_parts`], but hands the `2xx` body on as it arrives, whatever the
    /// endpoint answers (bytes, text, JSON lines): what the command line writes to a file or
    /// standard output. The body is not size-limited; errors are decoded as usual.
    ///
    /// # Errors
    ///
    /// As [`Client::send_parts`], but for decoding: the body is not decoded.
    pub async fn send_parts_streamed(
        &self,
        info: &'static EndpointInfo,
        parts: RequestParts,
    ) -> Result<ApiResponse<crate::response::stream::ByteStream>, Error> {
        let decoder =
            Decoder::Streamed(crate::response::stream::stream_response::<crate::response::stream::ByteStream>);
        self.execute_parts(info, parts, &RequestOptions::default(), decoder).await
    }
}
