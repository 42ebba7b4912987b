//! [`Error`]: everything a call can fail with. What went wrong is its [`ErrorKind`], each kind
//! carrying what a caller needs; which operation failed and every attempt it made are stored
//! once, on the [`Error`].

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use super::{
    ApiError, AttemptFailure, AttemptsSuffix, ConfigError, DecodeError, EncodeError, PaginationError, TransportError,
    TransportErrorKind,
};
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
            ErrorKind::Pagination(p) if operation.is_some() => write!(f, "pagination stopped: {}", p.reason())?,
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
