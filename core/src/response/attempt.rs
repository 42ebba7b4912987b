//! [`AttemptFailure`]: what each failed attempt of a call was, for errors and logs.

use std::fmt;

use super::failure::{TransportError, TransportErrorKind};
use crate::transport::HttpResponse;

/// One failed attempt of a call, as recorded in [`Error::attempts`](crate::Error::attempts).
///
/// ```
/// # fn demo(err: flarekit_core::Error) {
/// let statuses: Vec<Option<u16>> = err.attempts().iter().map(|a| a.status).collect();
/// # let _ = statuses; }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttemptFailure {
    /// The attempt's number, from 1.
    pub attempt: u32,
    /// The response status, when a response came back.
    pub status: Option<u16>,
    /// The transport failure, when no complete response came back.
    pub transport: Option<TransportErrorKind>,
    /// The `cf-ray` header of the response, if any.
    pub cf_ray: Option<String>,
    /// A short description: `HTTP 503`, `connection reset`, `timed out`, ...
    pub reason: String,
}

impl AttemptFailure {
    pub(crate) fn from_response(attempt: u32, response: &HttpResponse) -> Self {
        AttemptFailure {
            attempt,
            status: Some(response.status),
            transport: None,
            cf_ray: response.cf_ray().map(str::to_owned),
            reason: format!("HTTP {}", response.status),
        }
    }

    pub(crate) fn from_transport(attempt: u32, error: &TransportError) -> Self {
        AttemptFailure {
            attempt,
            status: None,
            transport: Some(error.kind),
            cf_ray: None,
            reason: transport_reason(error).to_owned(),
        }
    }

    pub(crate) fn from_decode(attempt: u32, status: u16, cf_ray: Option<&str>, what: &str) -> Self {
        AttemptFailure {
            attempt,
            status: Some(status),
            transport: None,
            cf_ray: cf_ray.map(str::to_owned),
            reason: format!("HTTP {status} with {what}"),
        }
    }
}

impl fmt::Display for AttemptFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// Writes ` (after N attempts: a, b, c)` when a call made more than one attempt.
pub(crate) struct AttemptsSuffix<'a>(pub(crate) &'a [AttemptFailure]);

impl fmt::Display for AttemptsSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.len() < 2 {
            return Ok(());
        }
        write!(f, " (after {} attempts: ", self.0.len())?;
        for (i, a) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&a.reason)?;
        }
        f.write_str(")")
    }
}

/// A short label for a transport failure, read from its kind, its message and every error of
/// its source chain (where hyper and the OS say what happened).
fn transport_reason(error: &TransportError) -> &'static str {
    let mut text = error.message.to_ascii_lowercase();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string().to_ascii_lowercase());
        source = s.source();
    }
    classify(error.kind, &text)
}

/// The label of a transport failure of `kind` whose whole chain, lower-cased, reads `text`:
/// `connection refused`, `connection reset`, `timed out`, ...
pub(crate) fn classify(kind: TransportErrorKind, text: &str) -> &'static str {
    let m = text;
    match kind {
        TransportErrorKind::Connect if m.contains("refused") => "connection refused",
        TransportErrorKind::Connect if m.contains("timed out") || m.contains("timeout") => "connect timed out",
        TransportErrorKind::Connect => "connect failed",
        TransportErrorKind::Timeout => "timed out",
        TransportErrorKind::TooLarge => "body too large",
        TransportErrorKind::OutcomeUnknown => "response lost",
        _ if m.contains("reset") => "connection reset",
        _ if m.contains("closed") || m.contains("incomplete") || m.contains("eof") || m.contains("end of file") => {
            "connection closed"
        }
        TransportErrorKind::Body => "body cut short",
        _ => "request failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_suffix_lists_every_reason() {
        let a = |n, reason: &str| AttemptFailure {
            attempt: n,
            status: None,
            transport: None,
            cf_ray: None,
            reason: reason.to_owned(),
        };
        assert_eq!(AttemptsSuffix(&[a(1, "HTTP 503")]).to_string(), "");
        assert_eq!(
            AttemptsSuffix(&[a(1, "HTTP 503"), a(2, "HTTP 503"), a(3, "connection reset")]).to_string(),
            " (after 3 attempts: HTTP 503, HTTP 503, connection reset)"
        );
        let e = TransportError::new(TransportErrorKind::Other, "error sending request: connection reset by peer");
        assert_eq!(AttemptFailure::from_transport(1, &e).reason, "connection reset");
    }

    #[test]
    fn transport_reasons_are_read_from_the_whole_source_chain() {
        let io = |kind, msg: &str| std::io::Error::new(kind, msg.to_owned());
        let refused = TransportError::new(TransportErrorKind::Connect, "cannot connect")
            .with_source(io(std::io::ErrorKind::ConnectionRefused, "Connection refused (os error 111)"));
        assert_eq!(AttemptFailure::from_transport(1, &refused).reason, "connection refused");
        let reset = TransportError::new(TransportErrorKind::Body, "body failed")
            .with_source(io(std::io::ErrorKind::ConnectionReset, "Connection reset by peer (os error 104)"));
        assert_eq!(AttemptFailure::from_transport(2, &reset).reason, "connection reset");
    }
}
