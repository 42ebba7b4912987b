//! [`ClientBuilder`]: every setting of a [`Client`], checked once by [`ClientBuilder::build`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::call::Sender;
use super::rate_limit::RateLimiter;
use super::{
    Client, Credentials, Inner, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT,
};
use crate::response::ConfigError;
use crate::retry;
#[cfg(feature = "native")]
use crate::transport::{native, HyperTransport};
use crate::transport::{Header, Transport};

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
    /// that would need to fails with a [`TransportErrorKind::Timeout`](crate::TransportErrorKind::Timeout) error instead.
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

    /// Sends requests through this transport instead of the built-in
    /// [`HyperTransport`](crate::transport::HyperTransport).
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
            #[cfg(feature = "native")]
            None => Sender::Builtin {
                transport: HyperTransport::new(self.connect_timeout, self.max_body_bytes)?,
                headers: native::header_map(&headers)
                    .map_err(|e| ConfigError::new(format!("cannot use the configured headers: {}", e.message)))?,
            },
            // In a Worker, its `fetch`.
            #[cfg(all(not(feature = "native"), feature = "worker", target_family = "wasm"))]
            None => Sender::Custom(Arc::new(crate::transport::WorkerTransport::new(self.max_body_bytes))),
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
}
