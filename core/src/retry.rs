//! When a failed attempt is tried again, and how long the client waits first.
//!
//! The policy follows Cloudflare's own SDKs, without their blind retry of writes:
//!
//! * Idempotent requests (GET, PUT, DELETE, and endpoints whose [`EndpointInfo::retry_safe`] is
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
//! [`EndpointInfo::retry_safe`]: crate::EndpointInfo::retry_safe

use std::time::{Duration, SystemTime};

use crate::response::TransportErrorKind;
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

/// The retry policy of one call: how many retries it may make, how long it waits between
/// them, and whether its request may be resent after a lost response.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Policy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The wait before the first retry, before jitter.
    pub base_delay: Duration,
    /// The longest computed wait, before jitter.
    pub max_delay: Duration,
    /// Whether the request is idempotent (or declared `retry_safe`).
    pub retry_safe: bool,
}

/// What the client does after failed attempt number `attempt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Attempt again after this wait.
    Retry(Duration),
    /// Fail with this attempt's error.
    Stop,
    /// Fail as [`TransportErrorKind::OutcomeUnknown`]: the request was sent, its response was
    /// lost, and it is not safe to resend.
    OutcomeUnknown,
}

impl Policy {
    /// After a non-2xx response.
    pub(crate) fn after_status(&self, attempt: u32, response: &HttpResponse, now: SystemTime) -> Next {
        if !retry_status(self.retry_safe, response) || attempt > self.max_retries {
            return Next::Stop;
        }
        Next::Retry(retry_after(response, now).unwrap_or_else(|| self.backoff(attempt)))
    }

    /// After an attempt that got no complete response.
    pub(crate) fn after_transport(&self, attempt: u32, kind: TransportErrorKind) -> Next {
        let retry = retry_transport(self.retry_safe, kind);
        if !retry && !self.retry_safe && maybe_sent(kind) {
            Next::OutcomeUnknown
        } else if !retry || attempt > self.max_retries {
            Next::Stop
        } else {
            Next::Retry(self.backoff(attempt))
        }
    }

    /// The computed wait after failed attempt `attempt` (from 1).
    fn backoff(&self, attempt: u32) -> Duration {
        backoff(self.base_delay, self.max_delay, attempt.saturating_sub(1))
    }
}

/// Whether a non-2xx response may be retried.
fn retry_status(retry_safe: bool, response: &HttpResponse) -> bool {
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
fn retry_transport(retry_safe: bool, kind: TransportErrorKind) -> bool {
    match kind {
        TransportErrorKind::Connect => true,
        TransportErrorKind::Timeout | TransportErrorKind::Body | TransportErrorKind::Other => retry_safe,
        _ => false,
    }
}

/// Whether a failure of this kind means a sent request may have reached the server.
fn maybe_sent(kind: TransportErrorKind) -> bool {
    matches!(kind, TransportErrorKind::Timeout | TransportErrorKind::Body | TransportErrorKind::Other)
}

/// The wait before retry `retry` (0 for the first): `min(base · 2^retry, max)`, minus up to 25 %.
fn backoff(base: Duration, max: Duration, retry: u32) -> Duration {
    let factor = 1u32.checked_shl(retry).unwrap_or(u32::MAX);
    let delay = base.saturating_mul(factor).min(max);
    Duration::try_from_secs_f64(delay.as_secs_f64() * (1.0 - 0.25 * random_unit())).unwrap_or(delay).min(delay)
}

/// The wait the response asks for, when it is between 0 and [`MAX_RETRY_AFTER`].
fn retry_after(response: &HttpResponse, now: SystemTime) -> Option<Duration> {
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

/// A uniform number in `[0, 1)`, different for every draw (see [`crate::random::u64`]): two
/// retries waiting the same time is the herd jitter breaks up.
fn random_unit() -> f64 {
    (crate::random::u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)]) -> HttpResponse {
        let mut response = HttpResponse::new(status, bytes::Bytes::new());
        for (name, value) in headers {
            response
                .headers
                .append(crate::transport::HeaderName::from_bytes(name.as_bytes()).unwrap(), value.parse().unwrap());
        }
        response
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
    fn concurrent_draws_are_distinct_and_spread() {
        let threads: Vec<_> =
            (0..8).map(|_| std::thread::spawn(|| (0..1000).map(|_| random_unit()).collect::<Vec<f64>>())).collect();
        let draws: Vec<f64> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
        assert_eq!(draws.len(), 8000);
        assert!(draws.iter().all(|d| (0.0..1.0).contains(d)));
        let distinct: std::collections::HashSet<u64> = draws.iter().map(|d| d.to_bits()).collect();
        assert_eq!(distinct.len(), draws.len(), "two draws got the same jitter");
        // Uniform: the mean of 8,000 draws is 0.5 within ±0.02 (over 6 standard deviations), and
        // every tenth of [0, 1) gets at least 600 of its expected 800 (over 7).
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((0.48..0.52).contains(&mean), "mean {mean}");
        let mut deciles = [0usize; 10];
        for d in &draws {
            deciles[((d * 10.0) as usize).min(9)] += 1;
        }
        assert!(deciles.iter().all(|&n| n >= 600), "{deciles:?}");
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
}
