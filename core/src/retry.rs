//! When a failed attempt is tried again, and how long the client waits first.
//!
//! The policy follows Cloudflare's own SDKs, without their blind retry of writes:
//!
//! * Idempotent requests (GET, PUT, DELETE, and endpoints whose [`Endpoint::RETRY_SAFE`] is
//!   set) are retried on connection errors, timeouts, a body cut short, and the statuses 408,
//!   409, 429 and 5xx.
//! * Other requests (POST, PATCH) are retried only when they provably did not take effect: no
//!   connection could be made, the server answered 429, or it answered `x-should-retry: true`.
//!   When such a request was sent but its response was lost, the call fails with
//!   [`TransportErrorKind::OutcomeUnknown`] instead.
//! * `x-should-retry: false` stops any retry.
//! * The wait before retry `n` (from 0) is `min(base · 2^n, max)` (0.5 s and 8 s by default),
//!   reduced by up to 25 % of random jitter, unless the response said how long to wait with
//!   `retry-after-ms` or `Retry-After` (seconds or an HTTP date) between 0 and 60 s.
//!
//! [`Endpoint::RETRY_SAFE`]: crate::Endpoint::RETRY_SAFE

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::error::{TransportError, TransportErrorKind};
use crate::transport::HttpResponse;

/// Retries after the first attempt, by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The wait before the first retry, before jitter.
pub const DEFAULT_RETRY_BASE_DELAY: Duration = Duration::from_millis(500);
/// The longest computed wait between two attempts, before jitter.
pub const DEFAULT_RETRY_MAX_DELAY: Duration = Duration::from_secs(8);
/// The longest `Retry-After` / `retry-after-ms` the client honours; longer ones fall back to the
/// computed backoff.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

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

/// A short label for a transport failure, read from its kind and message.
fn transport_reason(error: &TransportError) -> &'static str {
    let m = error.message.to_ascii_lowercase();
    match error.kind {
        TransportErrorKind::Connect if m.contains("refused") => "connection refused",
        TransportErrorKind::Connect if m.contains("timed out") || m.contains("timeout") => "connect timed out",
        TransportErrorKind::Connect => "connect failed",
        TransportErrorKind::Timeout => "timed out",
        TransportErrorKind::TooLarge => "body too large",
        TransportErrorKind::OutcomeUnknown => "response lost",
        _ if m.contains("reset") => "connection reset",
        _ if m.contains("closed") || m.contains("incomplete") || m.contains("eof") => "connection closed",
        TransportErrorKind::Body => "body cut short",
        _ => "request failed",
    }
}

/// Whether a non-2xx response may be retried.
pub(crate) fn retry_status(retry_safe: bool, response: &HttpResponse) -> bool {
    match response.header("x-should-retry").map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("true") => return true,
        Some(v) if v.eq_ignore_ascii_case("false") => return false,
        _ => {}
    }
    match response.status {
        429 => true,
        408 | 409 | 500..=599 => retry_safe,
        _ => false,
    }
}

/// Whether a transport failure may be retried.
pub(crate) fn retry_transport(retry_safe: bool, kind: TransportErrorKind) -> bool {
    match kind {
        TransportErrorKind::Connect => true,
        TransportErrorKind::Timeout | TransportErrorKind::Body | TransportErrorKind::Other => retry_safe,
        _ => false,
    }
}

/// Whether a failure of this kind means a sent request may have reached the server.
pub(crate) fn maybe_sent(kind: TransportErrorKind) -> bool {
    matches!(kind, TransportErrorKind::Timeout | TransportErrorKind::Body | TransportErrorKind::Other)
}

/// The wait before retry `retry` (0 for the first): `min(base · 2^retry, max)`, minus up to 25 %.
pub(crate) fn backoff(base: Duration, max: Duration, retry: u32) -> Duration {
    let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
    let delay = base.saturating_mul(factor).min(max);
    Duration::try_from_secs_f64(delay.as_secs_f64() * (1.0 - 0.25 * random_unit())).unwrap_or(delay).min(delay)
}

/// The wait the response asks for, when it is between 0 and [`MAX_RETRY_AFTER`].
pub(crate) fn retry_after(response: &HttpResponse, now: SystemTime) -> Option<Duration> {
    let seconds = |v: &str, scale: f64| {
        v.trim()
            .parse::<f64>()
            .ok()
            .map(|n| n / scale)
            .filter(|s| s.is_finite() && (0.0..=MAX_RETRY_AFTER.as_secs_f64()).contains(s))
            .map(Duration::from_secs_f64)
    };
    if let Some(d) = response.header("retry-after-ms").and_then(|v| seconds(v, 1000.0)) {
        return Some(d);
    }
    let value = response.header("retry-after")?;
    if let Some(d) = seconds(value, 1.0) {
        return Some(d);
    }
    let at = httpdate::parse_http_date(value.trim()).ok()?;
    at.duration_since(now).ok().filter(|d| *d <= MAX_RETRY_AFTER)
}

/// A uniform number in `[0, 1)` from a process-wide xorshift generator: jitter needs spread,
/// not cryptographic quality.
fn random_unit() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut x = STATE.load(Ordering::Relaxed);
    if x == 0 {
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        let local = 0u8;
        x = (nanos ^ (&local as *const u8 as u64).rotate_left(32)) | 1;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    STATE.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)]) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_at_most_25_percent_jitter() {
        let base = Duration::from_millis(500);
        let max = Duration::from_secs(8);
        for (retry, full) in [(0, 500), (1, 1000), (2, 2000), (3, 4000), (4, 8000), (5, 8000), (40, 8000)] {
            for _ in 0..200 {
                let d = backoff(base, max, retry).as_secs_f64() * 1000.0;
                assert!(d <= full as f64 + 1e-6 && d >= full as f64 * 0.75 - 1e-6, "retry {retry}: {d} ms");
            }
        }
        // Huge settings saturate instead of overflowing.
        assert!(backoff(Duration::MAX, Duration::MAX, 99) >= Duration::MAX / 2);
    }

    #[test]
    fn retry_after_headers() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let get = |h: &[(&str, &str)]| retry_after(&resp(429, h), now);
        assert_eq!(get(&[("retry-after-ms", "250")]), Some(Duration::from_millis(250)));
        assert_eq!(get(&[("retry-after-ms", "250"), ("retry-after", "7")]), Some(Duration::from_millis(250)));
        assert_eq!(get(&[("retry-after", "7")]), Some(Duration::from_secs(7)));
        assert_eq!(get(&[("retry-after", "0")]), Some(Duration::ZERO));
        assert_eq!(get(&[("retry-after", "1.5")]), Some(Duration::from_millis(1500)));
        assert_eq!(get(&[("retry-after", "61")]), None);
        assert_eq!(get(&[("retry-after", "-1")]), None);
        assert_eq!(get(&[("retry-after", "NaN")]), None);
        assert_eq!(get(&[("retry-after-ms", "inf"), ("retry-after", "2")]), Some(Duration::from_secs(2)));
        let in_10s = httpdate::fmt_http_date(now + Duration::from_secs(10));
        assert_eq!(get(&[("retry-after", &in_10s)]), Some(Duration::from_secs(10)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(10));
        assert_eq!(get(&[("retry-after", &past)]), None);
        let far = httpdate::fmt_http_date(now + Duration::from_secs(3600));
        assert_eq!(get(&[("retry-after", &far)]), None);
        assert_eq!(get(&[("retry-after", "soon")]), None);
        assert_eq!(get(&[]), None);
    }

    #[test]
    fn which_statuses_and_failures_retry() {
        for status in [408, 409, 500, 502, 503, 504, 599] {
            assert!(retry_status(true, &resp(status, &[])), "{status}");
            assert!(!retry_status(false, &resp(status, &[])), "{status}");
        }
        assert!(retry_status(true, &resp(429, &[])) && retry_status(false, &resp(429, &[])));
        for status in [400, 401, 403, 404, 422] {
            assert!(!retry_status(true, &resp(status, &[])), "{status}");
        }
        assert!(retry_status(false, &resp(500, &[("x-should-retry", "true")])));
        assert!(retry_status(false, &resp(400, &[("X-Should-Retry", " TRUE ")])));
        assert!(!retry_status(true, &resp(503, &[("x-should-retry", "false")])));
        assert!(!retry_status(true, &resp(429, &[("x-should-retry", "false")])));

        assert!(retry_transport(false, TransportErrorKind::Connect));
        for kind in [TransportErrorKind::Timeout, TransportErrorKind::Body, TransportErrorKind::Other] {
            assert!(retry_transport(true, kind) && !retry_transport(false, kind), "{kind:?}");
        }
        assert!(!retry_transport(true, TransportErrorKind::TooLarge));
    }

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
}
