//! [`Error`]: everything a call can fail with, each kind carrying what a caller needs.

use std::fmt;

use super::{ApiMessage, AttemptFailure, AttemptsSuffix};
use crate::request::validate::ValidationError;

/// Why a call failed.
///
/// ```
/// # async fn demo(client: flarekit_core::Client, req: impl flarekit_core::Endpoint) {
/// match client.send(req).await {
///     Ok(_) => {}
///     Err(flarekit_core::Error::Validation(e)) => eprintln!("fix the request: {e}"),
///     Err(flarekit_core::Error::Api(e)) if e.status == 403 => eprintln!("{e}"),
///     Err(e) => eprintln!("{e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request broke declared constraints; nothing was sent.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// A field could not be encoded for the wire; nothing was sent.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// The client is misconfigured (credentials, base URL); nothing was sent.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Cloudflare answered with an error status or `success: false`.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request did not complete: connection, timeout, or the body could not be read.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A 2xx response whose body is not what the endpoint declares.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A paginated list misbehaved (the same page or cursor served twice).
    #[error(transparent)]
    Pagination(#[from] PaginationError),
}

impl Error {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// Every failed attempt of the call, in order (the last one is this error), when the call
    /// went to the network; empty for errors raised before sending (validation, configuration).
    ///
    /// ```
    /// # fn demo(err: flarekit_core::Error) {
    /// for failure in err.attempts() {
    ///     eprintln!("attempt {}: {failure}", failure.attempt);
    /// }
    /// # }
    /// ```
    pub fn attempts(&self) -> &[AttemptFailure] {
        match self {
            Error::Api(e) => &e.attempts,
            Error::Decode(e) => &e.attempts,
            Error::Transport(e) => &e.attempts,
            _ => &[],
        }
    }

    /// The [`TransportErrorKind`] of a transport error.
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Error::Transport(e) => Some(e.kind),
            _ => None,
        }
    }

    /// Records the attempts of the call on the error (errors that did not come from an attempt
    /// are returned unchanged).
    pub(crate) fn with_attempts(mut self, attempts: Vec<AttemptFailure>) -> Self {
        match &mut self {
            Error::Api(e) => e.attempts = attempts,
            Error::Decode(e) => e.attempts = attempts,
            Error::Transport(e) => e.attempts = attempts,
            _ => {}
        }
        self
    }

    /// The `cf-ray` id, when a response carried one.
    pub fn cf_ray(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.cf_ray.as_deref(),
            Error::Decode(e) => e.cf_ray.as_deref(),
            _ => None,
        }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Error::Decode(Box::new(e))
    }
}

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
    /// The permissions the endpoint needs (any one suffices); named in the message of a 403.
    pub required_permissions: &'static [&'static str],
    /// The start of the body when it was not a Cloudflare envelope (an HTML page from a proxy).
    pub body_snippet: Option<String>,
    /// Every failed attempt of the call, this one last (see [`Error::attempts`]).
    pub attempts: Vec<AttemptFailure>,
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
        if self.status == 403 && !self.required_permissions.is_empty() {
            f.write_str("; this endpoint needs an API token with ")?;
            if self.required_permissions.len() > 1 {
                f.write_str("one of the permissions ")?;
            } else {
                f.write_str("the permission ")?;
            }
            for (i, p) in self.required_permissions.iter().enumerate() {
                if i > 0 {
                    f.write_str(" or ")?;
                }
                write!(f, "\"{p}\"")?;
            }
        }
        write!(f, "{}", AttemptsSuffix(&self.attempts))
    }
}

impl std::error::Error for ApiError {}

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
    /// Every failed attempt of the call, this one last (see [`Error::attempts`]).
    pub attempts: Vec<AttemptFailure>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the response (HTTP {}", self.status)?;
        if let Some(ray) = &self.cf_ray {
            write!(f, ", cf-ray {ray}")?;
        }
        write!(f, "): {}; body starts {:?}", self.reason, self.body_snippet)?;
        write!(f, "{}", AttemptsSuffix(&self.attempts))
    }
}

impl std::error::Error for DecodeError {}

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
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransportError {
    /// What kind.
    pub kind: TransportErrorKind,
    /// A description (never containing credentials).
    pub message: String,
    /// Every failed attempt of the call, this one last (see [`Error::attempts`]).
    pub attempts: Vec<AttemptFailure>,
}

impl TransportError {
    /// A transport error of `kind`.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), attempts: Vec::new() }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error ({}): {}{}", self.kind.as_str(), self.message, AttemptsSuffix(&self.attempts))
    }
}

impl std::error::Error for TransportError {}

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
}
