//! [`Error`]: everything a call can fail with. What went wrong is its [`ErrorKind`], each kind
//! carrying what a caller needs; which operation failed and every attempt it made are stored
//! once, on the [`Error`].

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use super::{ApiMessage, AttemptFailure, AttemptsSuffix};
use crate::catalog::EndpointInfo;
use crate::request::validate::ValidationError;

/// Why a call failed: an [`ErrorKind`] to match on, the operation that failed and every
/// attempt it made.
///
/// One pointer wide, so that `Result<T, Error>` stays small on the success path.
///
/// Its `Display` names the operation, says what went wrong and lists the attempts;
/// [`source()`](std::error::Error::source) is the next cause (for a transport error, the
/// underlying I/O or HTTP error), so a chain printer such as anyhow's `{:#}` shows each fact
/// once.
///
/// ```
/// use flarekit_core::ErrorKind;
/// # async fn demo(client: flarekit_core::Client, req: impl flarekit_core::Endpoint) {
/// match client.send(req).await {
///     Ok(_) => {}
///     Err(e) => match e.kind() {
///         ErrorKind::Validation(v) => eprintln!("fix the request: {v}"),
///         ErrorKind::Api(api) if api.status == 403 => eprintln!("{e}"),
///         _ => eprintln!("{e}"),
///     },
/// }
/// # }
/// ```
pub struct Error(Box<Inner>);

/// Everything an [`Error`] holds, behind its one pointer.
struct Inner {
    kind: ErrorKind,
    /// The endpoint whose call failed; `None` for errors not raised by a call.
    operation: Option<&'static EndpointInfo>,
    /// Every failed attempt of the call, in order.
    attempts: Vec<AttemptFailure>,
}

/// What went wrong, with the data of each kind of failure (see [`Error::kind`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request broke declared constraints; nothing was sent.
    #[error(transparent)]
    Validation(ValidationError),
    /// A field could not be encoded for the wire; nothing was sent.
    #[error(transparent)]
    Encode(EncodeError),
    /// The client is misconfigured (credentials, base URL); nothing was sent.
    #[error(transparent)]
    Config(ConfigError),
    /// Cloudflare answered with an error status or `success: false`.
    #[error(transparent)]
    Api(ApiError),
    /// The request did not complete: connection, timeout, or the body could not be read.
    #[error(transparent)]
    Transport(TransportError),
    /// A 2xx response whose body is not what the endpoint declares.
    #[error(transparent)]
    Decode(DecodeError),
    /// A paginated list misbehaved (the same page or cursor served twice).
    #[error(transparent)]
    Pagination(PaginationError),
}

impl ErrorKind {
    /// The payload alone, shared, as the [`source`](StdError::source) of another error (a
    /// caller can downcast it to its own type: [`ApiError`], [`TransportError`], ...).
    pub(crate) fn into_source(self) -> Arc<dyn StdError + Send + Sync + 'static> {
        match self {
            ErrorKind::Validation(e) => Arc::new(e),
            ErrorKind::Encode(e) => Arc::new(e),
            ErrorKind::Config(e) => Arc::new(e),
            ErrorKind::Api(e) => Arc::new(e),
            ErrorKind::Transport(e) => Arc::new(e),
            ErrorKind::Decode(e) => Arc::new(e),
            ErrorKind::Pagination(e) => Arc::new(e),
        }
    }
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }

    /// The operation whose call failed: every error from [`Client::send`](crate::Client::send)
    /// and its variants, [`Client::pages`](crate::Client::pages) and
    /// [`Client::paginate`](crate::Client::paginate) names it; errors raised outside a call
    /// (building a client) have none.
    ///
    /// ```
    /// # fn demo(err: flarekit_core::Error) {
    /// if let Some(op) = err.operation() {
    ///     eprintln!("{} {} failed; it needs one of {:?}", op.method, op.path, op.permissions);
    /// }
    /// # }
    /// ```
    pub fn operation(&self) -> Option<&'static EndpointInfo> {
        self.0.operation
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match &self.0.kind {
            ErrorKind::Api(e) => Some(e.status),
            ErrorKind::Decode(e) => Some(e.status),
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
        &self.0.attempts
    }

    /// The [`TransportErrorKind`] of a transport error.
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match &self.0.kind {
            ErrorKind::Transport(e) => Some(e.kind),
            _ => None,
        }
    }

    /// The `cf-ray` id, when a response carried one.
    pub fn cf_ray(&self) -> Option<&str> {
        match &self.0.kind {
            ErrorKind::Api(e) => e.cf_ray.as_deref(),
            ErrorKind::Decode(e) => e.cf_ray.as_deref(),
            _ => None,
        }
    }

    /// Names the operation the error came from.
    pub(crate) fn with_operation(mut self, operation: &'static EndpointInfo) -> Self {
        self.0.operation = Some(operation);
        self
    }

    /// Records the call the error ended: its operation and every failed attempt.
    pub(crate) fn in_call(mut self, operation: &'static EndpointInfo, attempts: Vec<AttemptFailure>) -> Self {
        self.0.operation = Some(operation);
        self.0.attempts = attempts;
        self
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(Inner { kind, operation: None, attempts: Vec::new() }))
    }
}

macro_rules! from_payload {
    ($($variant:ident($ty:ty)),* $(,)?) => {$(
        impl From<$ty> for Error {
            fn from(e: $ty) -> Self {
                Error::from(ErrorKind::$variant(e))
            }
        }
    )*};
}

from_payload!(
    Validation(ValidationError),
    Encode(EncodeError),
    Config(ConfigError),
    Api(ApiError),
    Transport(TransportError),
    Decode(DecodeError),
    Pagination(PaginationError),
);

/// `CreateThing (POST /accounts/<account_id>/things)`, or `POST /path` for an endpoint without
/// a type name.
struct Operation(&'static EndpointInfo);

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = self.0;
        if op.type_name.is_empty() {
            write!(f, "{} {}", op.method, op.path.as_str())
        } else {
            write!(f, "{} ({} {})", op.type_name, op.method, op.path.as_str())
        }
    }
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\"")
    }
}

/// `; this endpoint needs an API token with the permission "…"` (or one of several).
fn write_permissions(f: &mut fmt::Formatter<'_>, permissions: &[&str]) -> fmt::Result {
    f.write_str("; this endpoint needs an API token with ")?;
    f.write_str(if permissions.len() > 1 { "one of the permissions " } else { "the permission " })?;
    for (i, p) in permissions.iter().enumerate() {
        if i > 0 {
            f.write_str(" or ")?;
        }
        write!(f, "\"{p}\"")?;
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner { kind, operation, attempts } = &*self.0;
        if let Some(op) = operation {
            write!(f, "{}: ", Operation(op))?;
        }
        match kind {
            // The operation already names the list's path.
            ErrorKind::Pagination(p) if operation.is_some() => write!(f, "pagination stopped: {}", p.reason)?,
            kind => fmt::Display::fmt(kind, f)?,
        }
        if let (ErrorKind::Api(api), Some(op)) = (kind, operation) {
            if api.status == 403 && !op.permissions.is_empty() {
                write_permissions(f, op.permissions)?;
            }
        }
        fmt::Display::fmt(&AttemptsSuffix(attempts), f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner { kind, operation, attempts } = &*self.0;
        f.debug_struct("Error")
            .field("kind", kind)
            .field("operation", &operation.map(Operation))
            .field("attempts", attempts)
            .finish()
    }
}

impl StdError for Error {
    /// The next cause: the source of the kind's payload, whose own message is already part of
    /// this error's.
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.kind.source()
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
    /// The error this one comes from (reqwest's, an I/O error, the last failure before a
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

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;
    use crate::Method;

    #[test]
    fn an_error_is_one_pointer() {
        // Everything is behind one box: `Result<T, Error>` costs a pointer next to `T` on the
        // success path, and `Result<(), Error>` is exactly a pointer (the box is never null).
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Result<(), Error>>(), std::mem::size_of::<usize>());
        // And it goes anywhere an error goes (threads, `anyhow`, `Box<dyn Error + Send + Sync>`).
        fn is_send_sync_static<T: Send + Sync + 'static>() {}
        is_send_sync_static::<Error>();
    }

    #[test]
    fn display_names_the_operation_and_the_chain_tells_each_fact_once() {
        static OP: EndpointInfo = EndpointInfo::new(Method::Delete, "/zones/<zone_id>").permissions(&["Zone: Write"]);
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer");
        let transport = TransportError::new(TransportErrorKind::Other, "connection reset").with_source(io);
        let err = Error::from(transport).with_operation(&OP);
        assert_eq!(err.to_string(), "DELETE /zones/<zone_id>: transport error (other): connection reset");
        // The source is the next cause, not the transport error the message already shows.
        assert_eq!(err.source().map(|s| s.to_string()).as_deref(), Some("connection reset by peer"));
        assert!(err.source().and_then(|s| s.source()).is_none());

        let api = ApiError { status: 403, errors: vec![], messages: vec![], cf_ray: None, body_snippet: None };
        let err = Error::from(api.clone());
        assert_eq!((err.operation(), err.to_string().as_str()), (None, "Cloudflare API error: HTTP 403"));
        assert!(err.source().is_none());
        let err = err.with_operation(&OP);
        assert_eq!(
            err.to_string(),
            "DELETE /zones/<zone_id>: Cloudflare API error: HTTP 403; this endpoint needs an API token with the \
             permission \"Zone: Write\""
        );
        assert_eq!(api.to_string(), "Cloudflare API error: HTTP 403");

        let err = Error::from(PaginationError::new("/zones", "the server returned cursor \"c\" a second time"));
        assert_eq!(err.to_string(), "pagination of `/zones` stopped: the server returned cursor \"c\" a second time");
        static LIST: EndpointInfo = EndpointInfo::new(Method::Get, "/zones");
        assert_eq!(
            err.with_operation(&LIST).to_string(),
            "GET /zones: pagination stopped: the server returned cursor \"c\" a second time"
        );
    }
}
