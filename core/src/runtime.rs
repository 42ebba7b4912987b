//! What the client needs of its runtime: a clock, sleeping and a timeout. On an operating
//! system (`native`, the default) that is tokio's; inside a Cloudflare Worker (`worker` on
//! wasm32) it is the Workers runtime's timers and `Date.now()`.
//!
//! In a Worker the clock only moves while the Worker waits on I/O (the runtime's defence
//! against timing attacks): a deadline counts time spent waiting on Cloudflare, which is what
//! it is for, and no time spent computing.

#[cfg(feature = "native")]
pub(crate) use tokio::time::{sleep, sleep_until, timeout, Instant};

#[cfg(all(not(feature = "native"), feature = "worker", target_family = "wasm"))]
pub(crate) use worker_time::{sleep, sleep_until, timeout, Instant};

#[cfg(all(feature = "native", target_family = "wasm"))]
compile_error!(
    "flarekit's `native` feature (tokio and hyper) needs an operating system: in a Worker, build with \
     `default-features = false` and the `worker` feature"
);

#[cfg(not(any(feature = "native", all(feature = "worker", target_family = "wasm"))))]
compile_error!("flarekit needs a runtime: the `native` feature (tokio and hyper, the default), or `worker` on wasm32");

#[cfg(all(not(feature = "native"), feature = "worker", target_family = "wasm"))]
mod worker_time {
    use std::future::Future;
    use std::ops::Add;
    use std::time::Duration;

    use futures_util::future::{select, Either};

    /// A point in time, in whole milliseconds since the epoch as the Workers runtime tells it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub(crate) struct Instant(u64);

    impl Instant {
        pub(crate) fn now() -> Instant {
            Instant(worker::js_sys::Date::now() as u64)
        }

        pub(crate) fn saturating_duration_since(self, earlier: Instant) -> Duration {
            Duration::from_millis(self.0.saturating_sub(earlier.0))
        }

        pub(crate) fn elapsed(self) -> Duration {
            Instant::now().saturating_duration_since(self)
        }

        pub(crate) fn checked_add(self, d: Duration) -> Option<Instant> {
            u64::try_from(d.as_millis()).ok().and_then(|ms| self.0.checked_add(ms)).map(Instant)
        }
    }

    impl Add<Duration> for Instant {
        type Output = Instant;

        fn add(self, d: Duration) -> Instant {
            self.checked_add(d).unwrap_or(Instant(u64::MAX))
        }
    }

    pub(crate) async fn sleep(d: Duration) {
        worker::Delay::from(d).await;
    }

    pub(crate) async fn sleep_until(at: Instant) {
        sleep(at.saturating_duration_since(Instant::now())).await;
    }

    /// The timer fired first.
    #[derive(Debug)]
    pub(crate) struct Elapsed;

    pub(crate) async fn timeout<F: Future>(d: Duration, future: F) -> Result<F::Output, Elapsed> {
        let future = std::pin::pin!(future);
        let timer = std::pin::pin!(sleep(d));
        match select(future, timer).await {
            Either::Left((output, _)) => Ok(output),
            Either::Right(((), _)) => Err(Elapsed),
        }
    }
}
