//! The opt-in client-side rate limiter of [`ClientBuilder::rate_limit`].
//!
//! [`ClientBuilder::rate_limit`]: crate::ClientBuilder::rate_limit

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::runtime::{self, Instant};

use crate::response::{TransportError, TransportErrorKind};

/// At most `requests` attempts in any window of `per`, exactly what Cloudflare enforces (1,200
/// per 5 minutes per user). Each attempt reserves the earliest slot that keeps the limit (a slot
/// may lie in the future) and sleeps until it; a slot past the attempt's deadline is not
/// reserved and the attempt fails at once. Shared by all clones of a client.
pub(crate) struct RateLimiter {
    requests: usize,
    per: Duration,
    /// The last `requests` reserved slots, oldest first, in non-decreasing order.
    slots: Mutex<VecDeque<Instant>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter").field("requests", &self.requests).field("per", &self.per).finish()
    }
}

impl RateLimiter {
    /// `requests` must be at least 1 (checked by the builder).
    pub(crate) fn new(requests: u32, per: Duration) -> Self {
        let requests = (requests as usize).max(1);
        RateLimiter { requests, per, slots: Mutex::new(VecDeque::with_capacity(requests.min(4096))) }
    }

    /// Reserves a slot and waits for it, failing instead when the slot is past `deadline`.
    pub(crate) async fn acquire(&self, deadline: Option<Instant>) -> Result<(), TransportError> {
        let slot = self.reserve(Instant::now(), deadline)?;
        if slot > Instant::now() {
            tracing::debug!(
                wait_ms = slot.saturating_duration_since(Instant::now()).as_millis() as u64,
                "rate limited"
            );
            runtime::sleep_until(slot).await;
        }
        Ok(())
    }

    fn reserve(&self, now: Instant, deadline: Option<Instant>) -> Result<Instant, TransportError> {
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        let mut slot = now;
        if let Some(&last) = slots.back() {
            slot = slot.max(last);
        }
        if slots.len() >= self.requests {
            let oldest = slots[slots.len() - self.requests];
            slot = slot.max(oldest.checked_add(self.per).ok_or_else(|| self.error("its window is too long"))?);
        }
        if let Some(deadline) = deadline {
            if slot > deadline {
                let wait = slot.saturating_duration_since(now);
                return Err(self.error(&format!("the next free slot, in {wait:?}, is past the request's deadline")));
            }
        }
        slots.push_back(slot);
        while slots.len() > self.requests {
            slots.pop_front();
        }
        Ok(slot)
    }

    fn error(&self, why: &str) -> TransportError {
        TransportError::new(
            TransportErrorKind::Timeout,
            format!("client-side rate limit of {} requests per {:?}: {why}", self.requests, self.per),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_more_than_n_in_any_window() {
        let limiter = RateLimiter::new(3, Duration::from_secs(10));
        let t0 = Instant::now();
        let slots: Vec<Duration> =
            (0..9).map(|_| limiter.reserve(t0, None).unwrap().saturating_duration_since(t0)).collect();
        let s = |n| Duration::from_secs(n);
        assert_eq!(slots, [s(0), s(0), s(0), s(10), s(10), s(10), s(20), s(20), s(20)]);
    }

    #[test]
    fn refuses_a_slot_past_the_deadline_without_reserving_it() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60));
        let t0 = Instant::now();
        limiter.reserve(t0, None).unwrap();
        let err = limiter.reserve(t0, Some(t0 + Duration::from_secs(5))).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Timeout);
        assert!(err.message.contains("deadline"), "{err}");
        // The refused attempt did not take the slot.
        assert_eq!(limiter.reserve(t0, None).unwrap(), t0 + Duration::from_secs(60));
    }

    #[tokio::test(start_paused = true)]
    async fn waits_for_the_window() {
        let limiter = std::sync::Arc::new(RateLimiter::new(2, Duration::from_secs(1)));
        let t0 = Instant::now();
        for _ in 0..6 {
            limiter.acquire(None).await.unwrap();
        }
        // 6 requests at 2 per second: slots at 0, 0, 1, 1, 2, 2 s.
        assert_eq!(Instant::now().duration_since(t0), Duration::from_secs(2));
    }
}
