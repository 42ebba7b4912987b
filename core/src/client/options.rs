//! [`RequestOptions`]: one call's own retries, attempt timeout and deadline.

use std::time::Duration;

use crate::runtime::Instant;

/// Per-call overrides of the client's retry and timeout settings, for
/// [`Client::send_with_options`](super::Client::send_with_options). Unset values fall back to the client's.
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
    pub(super) max_retries: Option<u32>,
    pub(super) timeout: Option<Duration>,
    deadline: Option<Duration>,
    #[cfg(not(target_family = "wasm"))]
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
    /// this and [`RequestOptions::deadline`] are set, the earlier wins. Not on wasm32, which has
    /// no `std::time::Instant`.
    #[cfg(not(target_family = "wasm"))]
    pub fn deadline_at(mut self, at: std::time::Instant) -> Self {
        self.deadline_at = Some(at);
        self
    }

    /// When a call that started at `start` must be over: the earlier of this call's deadline
    /// (else the client's `default`) and its `deadline_at`.
    pub(super) fn deadline_from(&self, default: Option<Duration>, start: Instant) -> Option<Instant> {
        let relative = self.deadline.or(default).and_then(|d| start.checked_add(d));
        #[cfg(not(target_family = "wasm"))]
        let absolute = self.deadline_at.map(|at| {
            let left = at.saturating_duration_since(std::time::Instant::now());
            start.checked_add(left).unwrap_or(start)
        });
        #[cfg(target_family = "wasm")]
        let absolute = None;
        relative.into_iter().chain(absolute).min()
    }
}
