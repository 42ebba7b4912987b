//! The failures an [`ErrorKind`](super::ErrorKind) carries: an API error, a body that does not
//! decode, a transport failure, a misconfiguration, a value that cannot be encoded, a list that
//! does not advance.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use super::ApiMessage;

/// A field value that cannot go on the wire (e.g. a map in a query parameter).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot encode field `{field}`: {reason}")]
pub struct EncodeError {
    field: &'static str,
    reason: String,
}

impl EncodeError {
    /// An error about `field`.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        EncodeError { field, reason: reason.into() }
    }

    /// The field's wire name.
    pub fn field(&self) -> &'static str {
        self.field
    }
}

/// The client's configuration is unusable. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid flarekit configuration: {message}")]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError { message: message.into() }
    }
}

/// Cloudflare rejected the call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// Cloudflare's `errors`, empty when the body was not a Cloudflare envelope.
    pub errors: Vec<ApiMessage>,
    /// Cloudflare's `messages`.
    pub messages: Vec<ApiMessage>,
    /// The `cf-ray` response header.
    pub cf_ray: Option<String>,
    /// The start of the body when it was not a Cloudflare envelope (an HTML page from a proxy).
    pub body_snippet: Option<String>,
}

impl ApiError {
    /// The Cloudflare error codes, in order.
    pub fn codes(&self) -> impl Iterator<Item = i64> + '_ {
        self.errors.iter().filter_map(|e| e.code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cloudflare API error: HTTP {}", self.status)?;
        if let Some(ray) = &self.cf_ray {
            write!(f, " (cf-ray {ray})")?;
        }
        for (i, e) in self.errors.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            if let Some(code) = e.code {
                write!(f, "[{code}] ")?;
            }
            f.write_str(&e.message)?;
            if let Some(p) = e.source.as_ref().and_then(|s| s.pointer.as_deref()) {
                write!(f, " (at {p})")?;
            }
        }
        if let Some(snippet) = &self.body_snippet {
            write!(f, ": non-JSON body: {snippet:?}")?;
        }
        Ok(())
    }
}

impl StdError for ApiError {}

/// A 2xx response that could not be decoded into the declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// The `cf-ray` response header.
    pub cf_ray: Option<String>,
    /// What was wrong.
    pub reason: String,
    /// The start of the body (at most 512 bytes).
    pub body_snippet: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the response (HTTP {}", self.status)?;
        if let Some(ray) = &self.cf_ray {
            write!(f, ", cf-ray {ray}")?;
        }
        write!(f, "): {}; body starts {:?}", self.reason, self.body_snippet)
    }
}

impl StdError for DecodeError {}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made: the request was never sent.
    Connect,
    /// The attempt timed out.
    Timeout,
    /// The response body could not be read (the connection broke mid-body).
    Body,
    /// Anything else (the request may or may not have reached the server).
    Other,
    /// The response body exceeded the client's `max_body_bytes` limit.
    TooLarge,
    /// A non-idempotent request (POST, PATCH) was sent but its response was lost (connection
    /// reset, timeout, body cut short): it may or may not have taken effect, so it was not
    /// retried. Check the resource's state before sending it again.
    OutcomeUnknown,
}

impl TransportErrorKind {
    /// A short lower-case label (`"connect"`, `"timeout"`, `"outcome unknown"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Body => "body",
            TransportErrorKind::Other => "other",
            TransportErrorKind::TooLarge => "body too large",
            TransportErrorKind::OutcomeUnknown => "outcome unknown",
        }
    }
}

/// The request did not complete.
///
/// ```
/// use flarekit_core::{TransportError, TransportErrorKind};
/// let e = TransportError::new(TransportErrorKind::Connect, "connection refused");
/// assert_eq!(e.to_string(), "transport error (connect): connection refused");
///
/// // A transport of your own keeps the error it got as the source.
/// let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused by 127.0.0.1:1");
/// let e = TransportError::new(TransportErrorKind::Connect, "connection refused").with_source(io);
/// assert_eq!(std::error::Error::source(&e).unwrap().to_string(), "refused by 127.0.0.1:1");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TransportError {
    /// What kind.
    pub kind: TransportErrorKind,
    /// A description (never containing credentials); the details are in the source.
    pub message: String,
    /// The error this one comes from (hyper's, an I/O error, the last failure before a
    /// deadline); shared so that the error stays cheap to clone.
    source: Option<Arc<dyn StdError + Send + Sync + 'static>>,
}

impl TransportError {
    /// A transport error of `kind`.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), source: None }
    }

    /// The same error, caused by `source` (returned by [`source()`](StdError::source); its
    /// message should not repeat in this one's).
    pub fn with_source(self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.with_shared_source(Arc::new(source))
    }

    pub(crate) fn with_shared_source(mut self, source: Arc<dyn StdError + Send + Sync + 'static>) -> Self {
        self.source = Some(source);
        self
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error ({}): {}", self.kind.as_str(), self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|s| s as &(dyn StdError + 'static))
    }
}

/// At most `max` bytes of `body` as text, cut on a character boundary.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut s = text.into_owned();
    if body.len() > max {
        s.push('…');
    }
    s
}

/// A list's pages did not advance: walking on would never end.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pagination of `{path}` stopped: {reason}")]
pub struct PaginationError {
    path: &'static str,
    reason: String,
}

impl PaginationError {
    pub(crate) fn new(path: &'static str, reason: impl Into<String>) -> Self {
        PaginationError { path, reason: reason.into() }
    }

    /// The list endpoint's path template.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// Why the walk stopped.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}
